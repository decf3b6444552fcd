//! The text data format of `content/{zh,en}.txt` and
//! `content/slides/*/{zh,en}.txt`, shared by `build.rs` (which compiles the
//! files into static tables) and the native tests, and where those files are.
//!
//! An entry starts with a line `@@ key` and runs to the next such line.
//! Lines starting with `%%` are comments. Leading and trailing blank lines of a
//! value are dropped; everything else, including inner spacing, is kept as is.
//! Pure: std only.

/// Parses a text file into `(key, value)` pairs in file order.
/// Errors name the line: text before the first key, an empty key, a duplicate key.
pub fn parse_entries(src: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    for (i, line) in src.lines().enumerate() {
        if line.starts_with("%%") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("@@") {
            let key = rest.trim();
            if key.is_empty() || key.contains(char::is_whitespace) {
                return Err(format!("line {}: bad key {:?}", i + 1, rest));
            }
            if let Some((k, lines)) = current.take() {
                out.push((k, join_trimmed(&lines)));
            }
            if out.iter().any(|(k, _)| k == key) {
                return Err(format!("line {}: duplicate key {key}", i + 1));
            }
            current = Some((key.to_string(), Vec::new()));
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
        } else if !line.trim().is_empty() {
            return Err(format!("line {}: text before the first key", i + 1));
        }
    }
    if let Some((k, lines)) = current.take() {
        if out.iter().any(|(key, _)| *key == k) {
            return Err(format!("duplicate key {k}"));
        }
        out.push((k, join_trimmed(&lines)));
    }
    Ok(out)
}

/// The folder of the slides' own files: `content/slides/{key}/` holds
/// slide `key`'s text (`zh.txt`, `en.txt`) and its steps (`steps.csv`).
pub const SLIDES_DIR: &str = "content/slides";

/// The slides' folders under `root` (the crate's), by name: `(key, path)`.
/// (Native only: the build and the tests read the files.)
#[cfg(not(target_arch = "wasm32"))]
pub fn slide_dirs(root: &std::path::Path) -> Vec<(String, std::path::PathBuf)> {
    let dir = root.join(SLIDES_DIR);
    let read = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut out: Vec<(String, std::path::PathBuf)> = read
        .map(|e| {
            e.unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|p| p.is_dir())
        .map(|p| {
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                p,
            )
        })
        .collect();
    out.sort();
    out
}

/// Every text file of one language (`"zh"` or `"en"`) under `root`: the
/// deck's own (`content/{lang}.txt`), then each slide's, by folder name.
#[cfg(not(target_arch = "wasm32"))]
pub fn text_files(root: &std::path::Path, lang: &str) -> Vec<std::path::PathBuf> {
    let mut out = vec![root.join(format!("content/{lang}.txt"))];
    out.extend(
        slide_dirs(root)
            .into_iter()
            .map(|(_, p)| p.join(format!("{lang}.txt"))),
    );
    out
}

fn join_trimmed(lines: &[&str]) -> String {
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines[s..=e].join("\n"),
        _ => String::new(),
    }
}

/// The marks around a verbatim quotation of the notes in a text file:
/// `⟦算力翻倍，价格不变⟧`. The page shows the span between the language's
/// quotation marks (`shown`); the native tests check every marked span
/// against `content/notes-2024-08.txt`, so a quotation of the notes is
/// marked, and a paraphrase is not put in quotation marks.
pub const QUOTE_MARKS: (char, char) = ('⟦', '⟧');

/// The spans of `value` marked as quotations of the notes, in order.
/// Errors: a mark opened inside another, closed without opening, or left open.
pub fn quotations(value: &str) -> Result<Vec<&str>, String> {
    let (open, close) = QUOTE_MARKS;
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in value.char_indices() {
        if c == open {
            if start.is_some() {
                return Err(format!("a quotation opened inside another at byte {i}"));
            }
            start = Some(i + c.len_utf8());
        } else if c == close {
            let s = start
                .take()
                .ok_or_else(|| format!("a quotation closed without opening at byte {i}"))?;
            out.push(&value[s..i]);
        }
    }
    match start {
        Some(s) => Err(format!("a quotation left open at byte {s}")),
        None => Ok(out),
    }
}

/// A text as the page shows it: each quotation of the notes between
/// quotation marks (“…”, in both languages).
pub fn with_quote_marks(value: &str) -> String {
    value
        .replace(QUOTE_MARKS.0, "\u{201c}")
        .replace(QUOTE_MARKS.1, "\u{201d}")
}
