//! Content tests: the Chinese text keeps every line of the notes word for
//! word, image links become missing-figure notices in both languages, and the
//! text files parse. Native only (reads the files).
#![cfg(not(target_arch = "wasm32"))]

use llm_notes_explainer::deck::i18n::TextLang;
use llm_notes_explainer::deck::markup::{self, Block};
use llm_notes_explainer::deck::slides::{required_keys, text_key, SLIDES};
use llm_notes_explainer::deck::text_format::{parse_entries, text_files};

const NOTES: &str = include_str!("../content/notes-2024-08.txt");

/// The notes' meaningful lines: list markers, numbering, heading marks and
/// surrounding spaces removed; blank lines dropped.
fn note_lines() -> Vec<String> {
    NOTES
        .lines()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let l = l.strip_prefix("* ").unwrap_or(l);
            let l = l.trim_start_matches('#').trim_start();
            let digits = l.bytes().take_while(u8::is_ascii_digit).count();
            let l = if digits > 0 && l[digits..].starts_with(". ") {
                &l[digits + 2..]
            } else {
                l
            };
            l.trim().to_string()
        })
        .collect()
}

fn image_name(line: &str) -> Option<&str> {
    let src = line.strip_prefix("<img src=\"")?;
    let path = &src[..src.find('"')?];
    path.rsplit(['\\', '/']).next()
}

/// Every value of one language that the deck shows, in deck order.
fn deck_text(lang: TextLang) -> String {
    let mut out = String::new();
    for s in SLIDES {
        for key in required_keys(s) {
            out.push_str(lang.get(&key).unwrap_or(""));
            out.push('\n');
        }
    }
    out
}

fn figures(lang: TextLang) -> Vec<String> {
    fn walk(blocks: &[Block<'_>], out: &mut Vec<String>) {
        for b in blocks {
            match b {
                Block::MissingFigure(n) => out.push(n.to_string()),
                Block::List { items, .. } => {
                    for i in items {
                        walk(std::slice::from_ref(&i.first), out);
                        walk(&i.children, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for s in SLIDES.iter().filter(|s| s.has_notes) {
        let text = lang.get(&text_key(s, "notes")).unwrap_or("");
        walk(&markup::parse(text), &mut out);
    }
    out
}

#[test]
fn every_line_of_the_notes_appears_word_for_word_in_chinese() {
    let zh = deck_text(TextLang::Zh);
    let mut missing = Vec::new();
    for line in note_lines() {
        let found = match image_name(&line) {
            Some(name) => zh.contains(&format!("!fig {name}")),
            None => zh.contains(&line),
        };
        if !found {
            missing.push(line);
        }
    }
    assert!(
        missing.is_empty(),
        "lines of the notes missing from zh.txt: {missing:#?}"
    );
}

#[test]
fn every_image_link_becomes_a_missing_figure_in_both_languages() {
    let names: Vec<String> = note_lines()
        .iter()
        .filter_map(|l| image_name(l).map(str::to_string))
        .collect();
    assert_eq!(names.len(), 8, "the notes link to eight images");
    assert_eq!(figures(TextLang::Zh), names);
    assert_eq!(figures(TextLang::En), names);
}

#[test]
fn notes_blocks_have_the_same_shape_in_both_languages() {
    fn shape(blocks: &[Block<'_>]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::List { ordered, items, .. } => format!(
                    "list({ordered}:{})",
                    items
                        .iter()
                        .map(|i| shape(&i.children).join(","))
                        .collect::<Vec<_>>()
                        .join("|")
                ),
                Block::Para(_) => "p".into(),
                Block::Heading(_) => "h".into(),
                Block::MissingFigure(_) => "fig".into(),
            })
            .collect()
    }
    for s in SLIDES {
        for part in ["notes", "context"] {
            let key = text_key(s, part);
            let (Some(zh), Some(en)) = (TextLang::Zh.get(&key), TextLang::En.get(&key)) else {
                continue;
            };
            assert_eq!(
                shape(&markup::parse(zh)),
                shape(&markup::parse(en)),
                "{key}"
            );
        }
    }
}

#[test]
fn the_notes_links_are_kept() {
    for lang in [TextLang::Zh, TextLang::En] {
        let text = deck_text(lang);
        for url in [
            "https://zhuanlan.zhihu.com/p/25099638",
            "https://zhuanlan.zhihu.com/p/374777591",
        ] {
            assert!(
                text.contains(&format!("]({url})")),
                "{url} missing in {lang:?}"
            );
        }
    }
}

#[test]
fn text_files_parse_and_have_the_same_keys() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let keys = |lang: &str| -> Vec<String> {
        let mut k: Vec<String> = text_files(root, lang)
            .iter()
            .flat_map(|f| {
                let src = std::fs::read_to_string(f).expect("read content file");
                parse_entries(&src).expect("parse")
            })
            .map(|(k, _)| k)
            .collect();
        k.sort();
        k
    };
    assert_eq!(keys("zh"), keys("en"));
}

#[test]
fn text_format_rejects_duplicates_and_stray_text() {
    assert!(parse_entries("@@ a\nx\n@@ a\ny").is_err());
    assert!(parse_entries("stray\n@@ a\nx").is_err());
    assert_eq!(
        parse_entries("%% c\n@@ a\n\n x \n\n@@ b\ny").expect("parses"),
        vec![
            ("a".to_string(), " x ".to_string()),
            ("b".to_string(), "y".to_string())
        ]
    );
}

#[test]
fn every_rung_and_occupation_of_the_ladder_has_a_name_in_both_languages() {
    use llm_notes_explainer::model::ladder::{CATEGORIES, OCCUPATIONS};
    for lang in [TextLang::Zh, TextLang::En] {
        for c in &CATEGORIES {
            assert!(
                lang.get(&format!("lad.cat.{}", c.id)).is_some(),
                "{lang:?} lad.cat.{}",
                c.id
            );
        }
        for o in OCCUPATIONS {
            assert!(
                lang.get(&format!("lad.occ.{}", o.id)).is_some(),
                "{lang:?} lad.occ.{}",
                o.id
            );
        }
    }
    // The English names are the sources' own.
    for o in OCCUPATIONS {
        assert_eq!(
            TextLang::En.get(&format!("lad.occ.{}", o.id)),
            Some(o.occupation)
        );
    }
}
