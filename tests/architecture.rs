//! ARCHITECTURE.md against the code: every path it names exists, every
//! `model::…`, `deck::…` or `ui::…` it names is defined where it says, every
//! thread-local is listed under "Side channels", and every panel has the
//! files "Names" says it has. So the document cannot
//! drift from the code without a test failing.
//!
//! Native only (reads the files).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use llm_notes_explainer::deck::i18n::TextLang;
use llm_notes_explainer::deck::slides::{PANEL_NAMES, SLIDES};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn doc() -> String {
    std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md")
}

/// Every span between backticks, in order.
fn code_spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The section of the document under `## {title}`.
fn section(text: &str, title: &str) -> String {
    let head = format!("\n## {title}\n");
    let start = text
        .find(&head)
        .unwrap_or_else(|| panic!("no section {title}"))
        + head.len();
    let end = text[start..]
        .find("\n## ")
        .map_or(text.len(), |e| start + e);
    text[start..end].to_string()
}

/// The file of a module path such as `deck::route` (`src/deck/route.rs` or
/// `src/deck/route/mod.rs`), if there is one.
fn module_file(segments: &[&str]) -> Option<PathBuf> {
    let dir = root().join("src").join(segments.join("/"));
    [dir.with_extension("rs"), dir.join("mod.rs")]
        .into_iter()
        .find(|p| p.is_file())
}

/// Whether `word` occurs in `src` as a whole identifier.
fn has_word(src: &str, word: &str) -> bool {
    src.match_indices(word).any(|(i, _)| {
        let before = src[..i].chars().next_back();
        let after = src[i + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

#[test]
fn every_path_it_names_exists() {
    let prefixes = [
        "src/", "content/", "data/", "styles/", "scripts/", "e2e/", "tests/", "web/",
    ];
    let mut missing = Vec::new();
    let mut seen = 0;
    // "Adding a panel" names the files a new panel `foo` would have.
    let text = doc().replace(&section(&doc(), "Adding a panel"), "");
    for span in code_spans(&text) {
        let path = span.split_whitespace().next().unwrap_or("");
        let named = prefixes.iter().any(|p| path.starts_with(p))
            || ["index.html", "build.rs", "Cargo.toml", "Trunk.toml"].contains(&path);
        if !named || path.contains(['{', '*', '…']) {
            continue;
        }
        seen += 1;
        if !root().join(path.trim_end_matches('/')).exists() {
            missing.push(path.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
    assert!(seen >= 30, "paths checked: {seen}");
}

#[test]
fn every_module_and_item_it_names_is_defined_there() {
    let mut wrong = Vec::new();
    let mut seen = 0;
    for span in code_spans(&doc()) {
        let path = span.trim_end_matches("()").trim_end_matches('!');
        let segments: Vec<&str> = path.split("::").collect();
        if segments.len() < 2
            || !["model", "deck", "ui"].contains(&segments[0])
            || !segments
                .iter()
                .all(|s| !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_'))
        {
            continue;
        }
        seen += 1;
        // The longest prefix that is a module; the rest are items in it.
        let Some((n, file)) = (2..=segments.len())
            .rev()
            .find_map(|n| module_file(&segments[..n]).map(|f| (n, f)))
        else {
            wrong.push(format!("{path}: no module"));
            continue;
        };
        let src = std::fs::read_to_string(&file).expect("module file");
        for item in &segments[n..] {
            if !has_word(&src, item) {
                wrong.push(format!("{path}: no `{item}` in {}", file.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "ARCHITECTURE.md names what is not there: {wrong:#?}"
    );
    assert!(seen >= 30, "module paths checked: {seen}");
}

/// Every `thread_local!` static of the crate, as `module::path::NAME`.
fn thread_locals(dir: &Path, module: &str, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("src dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if path.is_dir() {
            thread_locals(&path, &format!("{module}::{name}"), out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let here = if name == "mod" {
            module.to_string()
        } else {
            format!("{module}::{name}")
        };
        let src = std::fs::read_to_string(&path).expect("source");
        for (i, _) in src.match_indices("thread_local! {") {
            let block = &src[i..];
            let end = block.find("\n}").unwrap_or(block.len());
            for line in block[..end].lines() {
                if let Some(rest) = line.trim_start().strip_prefix("static ") {
                    let static_name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.push(format!("{here}::{static_name}"));
                }
            }
        }
    }
}

#[test]
fn every_thread_local_is_listed_under_side_channels() {
    let mut found = Vec::new();
    thread_locals(&root().join("src"), "crate", &mut found);
    let listed = code_spans(&section(&doc(), "Side channels"));
    let missing: Vec<&String> = found
        .iter()
        .filter(|t| !listed.iter().any(|l| format!("crate::{l}") == **t))
        .collect();
    assert!(
        missing.is_empty(),
        "thread-locals not in \"Side channels\": {missing:?}"
    );
    assert!(found.len() >= 5, "thread-locals found: {found:?}");
}

#[test]
fn every_panel_has_its_stylesheet_spec_and_text_under_its_names() {
    let keys: Vec<&str> = TextLang::En.table().iter().map(|(k, _)| *k).collect();
    let mut prefixes = Vec::new();
    for &(variant, module, prefix) in PANEL_NAMES {
        let stem = module.replace('_', "-");
        let camel: String = stem
            .split('-')
            .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
            .collect();
        assert_eq!(
            camel, variant,
            "the `{variant}` panel's ui module is `{module}`"
        );
        for file in [
            format!("styles/panels/{stem}.css"),
            format!("e2e/{stem}.spec.mjs"),
        ] {
            assert!(root().join(&file).is_file(), "{variant}: no {file}");
        }
        assert!(
            prefix.ends_with('.') && keys.iter().any(|k| k.starts_with(prefix)),
            "{variant}: no text key starts with `{prefix}`"
        );
        assert!(
            !prefixes.contains(&prefix),
            "{variant}: text prefix `{prefix}` is another panel's"
        );
        prefixes.push(prefix);
    }
    // Every panel is on some slide, under the slug its row gives.
    for &(variant, _, _) in PANEL_NAMES {
        let on_a_slide = SLIDES.iter().any(|s| {
            let shown = format!("{:?}", s.panel);
            shown == variant || shown.starts_with(&format!("{variant}("))
        });
        assert!(on_a_slide, "{variant} is on no slide");
    }
}
