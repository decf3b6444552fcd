//! The page's files, from Trunk's `dist/`: the content security policy of
//! its index.html as a header, content types, and caching by file name (a
//! name with a content hash never changes, so it is cached for good).

use std::path::Path;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_http::services::ServeDir;

/// Cache-Control of a file whose name carries its content's hash.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The directive a `<meta>` policy cannot carry; the header adds it.
const FRAME_ANCESTORS: &str = "frame-ancestors 'self'";

/// The built page: its directory and the policy its responses carry.
#[derive(Clone, Debug)]
pub struct Statics {
    /// The files, with `.br` and `.gz` siblings served when accepted.
    dir: ServeDir,
    /// index.html's policy plus `frame-ancestors`, if it has one.
    csp: Option<HeaderValue>,
}

impl Statics {
    /// The page built into `dir`: its index.html must be there.
    pub fn load(dir: &Path) -> Result<Statics, String> {
        let index = dir.join("index.html");
        let html = std::fs::read_to_string(&index).map_err(|e| {
            format!(
                "cannot read {} ({e}): build the page first",
                index.display()
            )
        })?;
        let csp = match csp_of(&html) {
            Some(policy) => Some(
                HeaderValue::from_str(&with_frame_ancestors(&policy)).map_err(|_| {
                    format!("{}: the policy is not a valid header", index.display())
                })?,
            ),
            None => None,
        };
        Ok(Statics {
            dir: ServeDir::new(dir).precompressed_br().precompressed_gzip(),
            csp,
        })
    }

    /// The Content-Security-Policy header, if index.html has a policy.
    pub fn csp(&self) -> Option<&HeaderValue> {
        self.csp.as_ref()
    }
}

/// Serves a file of the page (`/` is index.html), with its content type and
/// caching; 404 when there is none.
pub async fn serve(State(statics): State<Statics>, req: Request) -> Response {
    let path = req.uri().path();
    let name = match path.rsplit('/').next() {
        Some("") | None => "index.html".to_string(),
        Some(name) => name.to_string(),
    };
    let mut dir = statics.dir.clone();
    let mut res = match dir.try_call(req).await {
        Ok(res) => res.map(Body::new),
        Err(_) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, "cannot read the file\n").into_response()
        }
    };
    if res.status().is_success() || res.status().as_u16() == 304 {
        let headers = res.headers_mut();
        let cache = if hashed(&name) { IMMUTABLE } else { "no-cache" };
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
        if let Some(kind) = content_type(&name) {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
        }
    }
    res.into_response()
}

/// The content type of a file of the page by its name's extension, for
/// the kinds the page has.
pub fn content_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        _ => return None,
    })
}

/// The file name carries a content hash, as Trunk writes them: a `-` and at
/// least 16 lowercase hex digits, then `.` or `_bg.` (`app-0123456789abcdef.js`,
/// `app-0123456789abcdef_bg.wasm`).
pub fn hashed(name: &str) -> bool {
    name.match_indices('-').any(|(i, _)| {
        let rest = &name[i + 1..];
        let digits = rest
            .bytes()
            .take_while(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            .count();
        let after = &rest[digits..];
        digits >= 16 && (after.starts_with('.') || after.starts_with("_bg."))
    })
}

/// The policy of `html`'s `<meta http-equiv="Content-Security-Policy"
/// content="...">`, whatever the quoting and order of the attributes.
pub fn csp_of(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<meta") {
        let start = from + at + "<meta".len();
        let end = start + lower[start..].find('>')?;
        from = end;
        let attrs = attributes(&html[start..end]);
        let is_csp = attrs.iter().any(|(name, value)| {
            name.eq_ignore_ascii_case("http-equiv")
                && value.eq_ignore_ascii_case("content-security-policy")
        });
        if is_csp {
            return attrs
                .into_iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("content"))
                .map(|(_, value)| value);
        }
    }
    None
}

/// The attributes of a tag's inside: names with their values (quoted with
/// `"` or `'`, or not), the few character references a policy may hold
/// decoded.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
    while !rest.is_empty() {
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        rest = rest[name_len..].trim_start();
        let mut value = "";
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, tail) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            value = v;
            rest = tail;
        }
        if !name.is_empty() {
            out.push((name.to_string(), unescape(value)));
        }
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
    }
    out
}

/// Decodes the character references a policy may carry.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// `policy` with `frame-ancestors 'self'` appended (unless it has one).
pub fn with_frame_ancestors(policy: &str) -> String {
    let policy = policy.trim().trim_end_matches(';').trim_end();
    if policy.contains("frame-ancestors") {
        policy.to_string()
    } else if policy.is_empty() {
        FRAME_ANCESTORS.to_string()
    } else {
        format!("{policy}; {FRAME_ANCESTORS}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_trunks_and_nothing_else() {
        for name in [
            "llm-notes-explainer-4f1c0a2b9e8d7c6b.js",
            "llm-notes-explainer-4f1c0a2b9e8d7c6b_bg.wasm",
            "llm-notes-explainer-4f1c0a2b9e8d7c6b_bg.wasm.br",
            "styles-0123456789abcdef.css",
            "boot-fedcba98765432100123.js",
        ] {
            assert!(hashed(name), "{name}");
        }
        for name in [
            "index.html",
            "sw.js",
            "start.js",
            "llm-notes-explainer.js",
            // 15 digits, upper case, digits not followed by an extension.
            "app-4f1c0a2b9e8d7c6.js",
            "app-4F1C0A2B9E8D7C6B.js",
            "app-4f1c0a2b9e8d7c6bx.js",
            "app-4f1c0a2b9e8d7c6b",
            "app_4f1c0a2b9e8d7c6b.js",
            "manifest.webmanifest",
        ] {
            assert!(!hashed(name), "{name}");
        }
    }

    #[test]
    fn content_types_of_the_pages_files() {
        assert_eq!(content_type("a_bg.wasm"), Some("application/wasm"));
        assert_eq!(content_type("index.html"), Some("text/html; charset=utf-8"));
        assert_eq!(
            content_type("sw.js"),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(
            content_type("m.webmanifest"),
            Some("application/manifest+json")
        );
        assert_eq!(content_type("LICENSE"), None);
    }

    #[test]
    fn the_policy_is_read_from_the_meta_however_it_is_written() {
        let policy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
        for html in [
            // As scripts/csp.mjs writes it.
            format!(r#"<head><meta charset="utf-8"><meta http-equiv=Content-Security-Policy content="{policy}"><title>x</title>"#),
            format!(r#"<META CONTENT="{policy}" HTTP-EQUIV="content-security-policy"/>"#),
            format!(r#"<meta name=viewport content="width=device-width"><meta http-equiv='Content-Security-Policy' content = "{policy}" >"#),
            r#"<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; script-src &#39;self&#39; &#39;wasm-unsafe-eval&#39;">"#.to_string(),
        ] {
            assert_eq!(csp_of(&html).as_deref(), Some(policy), "{html}");
        }
        assert_eq!(
            csp_of(r#"<meta charset="utf-8"><meta name="x" content="y">"#),
            None
        );
        assert_eq!(csp_of("<p>Content-Security-Policy</p>"), None);
        assert_eq!(
            with_frame_ancestors("default-src 'self'; "),
            "default-src 'self'; frame-ancestors 'self'"
        );
    }
}
