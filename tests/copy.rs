//! The copy's own tests, over every text the page shows (the text files,
//! `content/{zh,en}.txt` and `content/slides/*/{zh,en}.txt`, but the notes'
//! own entries, and the step titles and cues of `content/slides/*/steps.csv`):
//! - a quotation of the notes (marked `⟦…⟧`) is the notes' words, character
//!   for character, and words given as the notes' are not a paraphrase in
//!   quotation marks;
//! - a multiplier in Chinese says what it means (增长了 N 倍 reads ×(N+1); a
//!   fall is not counted in 倍);
//! - one term per concept: no text uses a variant `content/glossary.csv`
//!   avoids;
//! - the Chinese copy is what the CJK linter (`autocorrect`) would write, and
//!   keeps the house rules: no space before % and no straight quotation
//!   marks.
//!
//! Native only (reads the files).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use llm_notes_explainer::deck::text_format::{
    parse_entries, quotations, slide_dirs, text_files, QUOTE_MARKS,
};

const NOTES: &str = include_str!("../content/notes-2024-08.txt");
const GLOSSARY: &str = include_str!("../content/glossary.csv");

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Reads a file of the crate: its path from the crate's root, its text.
fn read(path: &Path) -> (String, String) {
    let name = path
        .strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string();
    let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
    (name, src)
}

/// Every text file of one language (`"zh"`, `"en"`), as [`read`] gives it.
fn texts_of(lang: &str) -> Vec<(String, String)> {
    text_files(root(), lang).iter().map(|p| read(p)).collect()
}

/// One text the page shows, where it comes from and its language.
struct Text {
    place: String,
    zh: bool,
    value: String,
}

/// The rows of a CSV file as (column, cell) pairs, read by column name as
/// `build.rs` reads them; `header` names the columns the test needs.
fn csv_table(name: &str, src: &str, header: &[&str]) -> Vec<Vec<(String, String)>> {
    let mut reader = csv::Reader::from_reader(src.as_bytes());
    let head: Vec<String> = reader
        .headers()
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .iter()
        .map(str::to_string)
        .collect();
    for h in header {
        assert!(head.iter().any(|c| c == h), "{name}: no column {h}");
    }
    reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{name}: {e}"));
            head.iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn cell<'a>(row: &'a [(String, String)], col: &str) -> &'a str {
    &row.iter().find(|(c, _)| c == col).expect("column").1
}

/// Every text the page shows but the notes themselves.
fn texts() -> Vec<Text> {
    let mut out = Vec::new();
    let files = [("zh", true), ("en", false)]
        .into_iter()
        .flat_map(|(lang, zh)| texts_of(lang).into_iter().map(move |(f, src)| (f, src, zh)));
    for (file, src, zh) in files {
        for (k, v) in parse_entries(&src).expect("parses") {
            if !k.ends_with(".notes") {
                // A lesson's points, listed under 笔记原话, are the notes'
                // words as a whole.
                // So is a text that is a whole line of the notes (a slide
                // titled with the notes' own heading).
                let value = if zh && (is_point(&k) || is_notes_line(&v)) {
                    format!("{}{v}{}", QUOTE_MARKS.0, QUOTE_MARKS.1)
                } else {
                    v
                };
                out.push(Text {
                    place: format!("{file} {k}"),
                    zh,
                    value,
                });
            }
        }
    }
    for (_, dir) in slide_dirs(root()) {
        let (file, src) = read(&dir.join("steps.csv"));
        let steps = csv_table(
            &file,
            &src,
            &["part", "title_zh", "title_en", "cue_zh", "cue_en"],
        );
        for (i, row) in steps.iter().enumerate() {
            for (col, zh) in [
                ("title_zh", true),
                ("title_en", false),
                ("cue_zh", true),
                ("cue_en", false),
            ] {
                out.push(Text {
                    place: format!("{file} line {} {col}", i + 2),
                    zh,
                    value: cell(row, col).to_string(),
                });
            }
        }
    }
    out
}

/// Whether `key` is one of a lesson's points (`les.post.p1`): the notes'
/// words, listed under 笔记原话 / "In the notes".
fn is_point(key: &str) -> bool {
    key.starts_with("les.")
        && key
            .rsplit('.')
            .next()
            .and_then(|last| last.strip_prefix('p'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `value` with each quotation of the notes replaced by `with`.
fn without_quotations(value: &str, with: &str) -> String {
    let (open, close) = QUOTE_MARKS;
    let mut out = String::new();
    let mut inside = false;
    for c in value.chars() {
        if c == open {
            inside = true;
            out.push_str(with);
        } else if c == close {
            inside = false;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// Whether `text` is a whole line of the notes, less its list or heading
/// marker.
fn is_notes_line(text: &str) -> bool {
    NOTES.lines().any(|l| {
        let l = l.trim();
        let l = l.strip_prefix("* ").unwrap_or(l);
        let l = l.trim_start_matches('#').trim();
        !l.is_empty() && l == text
    })
}

/// The end of `text` back to (not including) the last of the `stops`, at
/// most `max` characters.
fn preceding(text: &str, stops: &str, max: usize) -> String {
    let mut back: Vec<char> = text
        .chars()
        .rev()
        .take_while(|c| !stops.contains(*c))
        .take(max)
        .collect();
    back.reverse();
    back.into_iter().collect()
}

/// Whether `words` stand in the notes as they are (within one line).
fn in_the_notes(words: &str) -> bool {
    !words.trim().is_empty() && NOTES.lines().any(|l| l.contains(words))
}

#[test]
fn every_quotation_of_the_notes_is_the_notes_words() {
    let mut bad = Vec::new();
    let mut count = 0;
    for t in texts() {
        match quotations(&t.value) {
            Err(e) => bad.push(format!("{}: {e}", t.place)),
            Ok(spans) => {
                for s in spans {
                    count += 1;
                    if !in_the_notes(s) {
                        bad.push(format!("{}: ⟦{s}⟧ is not in the notes", t.place));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(count >= 20, "quotations marked: {count}");
}

#[test]
fn the_notes_words_on_the_cards_and_under_in_the_notes_are_word_for_word() {
    let zh: Vec<(String, String)> = texts_of("zh")
        .iter()
        .flat_map(|(_, src)| parse_entries(src).expect("parses"))
        .collect();
    let mut bad = Vec::new();
    let mut seen = 0;
    for (k, v) in &zh {
        if is_point(k) {
            // Listed under 笔记原话, without quotation marks.
            seen += 1;
            if !in_the_notes(v) {
                bad.push(format!("{k}: {v} is not in the notes"));
            }
        }
        if k.starts_with("mod.") && k.ends_with(".remark") {
            // A card's remark is the notes' words, quoted: nothing but
            // quotations and the marks between them.
            seen += 1;
            let rest = without_quotations(v, "");
            if quotations(v).map_or(true, |q| q.is_empty())
                || !rest
                    .chars()
                    .all(|c| c.is_whitespace() || "；、，".contains(c))
            {
                bad.push(format!("{k}: {v} is not the notes' words alone"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(seen >= 12, "entries checked: {seen}");
}

#[test]
fn words_given_as_the_notes_are_never_a_paraphrase_in_quotation_marks() {
    let mut bad = Vec::new();
    for t in texts().iter().filter(|t| t.zh) {
        let v = &t.value;
        if v.contains('"') {
            bad.push(format!("{}: straight quotation marks in Chinese", t.place));
        }
        for (i, _) in v.match_indices('“') {
            // The words just before, back to a quotation closed or a
            // sentence ended (笔记原文中的⟦word⟧应为“world” quotes us).
            let before = preceding(&v[..i], "⟧”。；\n", 12);
            if ["笔记", "原文", "原话"].iter().any(|w| before.contains(w)) {
                let quoted: String = v[i..].chars().take_while(|&c| c != '”').collect();
                bad.push(format!(
                    "{}: {quoted}” is given as the notes' words: mark it ⟦…⟧ if it is, drop the marks if not",
                    t.place
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn multipliers_say_what_they_mean() {
    // 增长了 3 倍 reads as four times as much; a fall is never so many 倍.
    const ZH_WRONG: [&str; 10] = [
        "增长了",
        "翻了",
        "下降",
        "降低",
        "减少",
        "少了",
        "慢了",
        "快了",
        "高了",
        "大了",
    ];
    const EN_WRONG: [&str; 10] = [
        "times less",
        "times slower",
        "times smaller",
        "times cheaper",
        "times fewer",
        "× less",
        "× slower",
        "× smaller",
        "× cheaper",
        "× fewer",
    ];
    let mut bad = Vec::new();
    for t in texts() {
        let v = without_quotations(&t.value, "“”");
        if t.zh {
            for (i, _) in v.match_indices('倍') {
                // The clause before 倍.
                let clause = preceding(&v[..i], "，。；：！？\n", usize::MAX);
                if let Some(w) = ZH_WRONG.iter().find(|w| clause.contains(*w)) {
                    bad.push(format!("{}: {w} … 倍 in “{clause}倍”", t.place));
                }
            }
        } else if let Some(w) = EN_WRONG.iter().find(|w| v.contains(*w)) {
            bad.push(format!("{}: “{w}”", t.place));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn one_term_per_concept_as_the_glossary_says() {
    let rows = csv_table(
        "glossary.csv",
        GLOSSARY,
        &["concept", "zh", "en", "zh_avoid", "en_avoid", "note"],
    );
    assert!(rows.len() >= 10, "glossary rows: {}", rows.len());
    let texts = texts();
    let mut bad = Vec::new();
    for row in &rows {
        let concept = cell(row, "concept");
        let term = cell(row, "zh");
        assert!(!term.is_empty(), "{concept}: no zh term");
        // The term is in use on the Chinese side.
        if !texts.iter().any(|t| t.zh && t.value.contains(term)) {
            bad.push(format!("{concept}: the term {term} is used nowhere"));
        }
        for (col, zh) in [("zh_avoid", true), ("en_avoid", false)] {
            for avoid in cell(row, col).split('|').filter(|a| !a.is_empty()) {
                assert!(
                    !term.contains(avoid),
                    "{concept}: {avoid} is part of the term"
                );
                for t in texts.iter().filter(|t| t.zh == zh) {
                    // The notes' own words, quoted, are as they are.
                    if without_quotations(&t.value, "“”").contains(avoid) {
                        bad.push(format!(
                            "{}: {avoid} (glossary: {concept} is {})",
                            t.place,
                            cell(row, if zh { "zh" } else { "en" })
                        ));
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_chinese_copy_is_as_the_cjk_linter_writes_it() {
    let mut bad = Vec::new();
    let mut count = 0;
    for t in texts().iter().filter(|t| t.zh) {
        // A quotation of the notes is theirs as it is: the linter sees a
        // quoted word in its place.
        let v = without_quotations(&t.value, "“引文”");
        count += 1;
        for line in v.lines() {
            let fixed = autocorrect::format(line);
            if fixed != line {
                bad.push(format!("{}:\n  is   {line}\n  want {fixed}", t.place));
            }
            // The house rule: no space before a percent sign in Chinese.
            let chars: Vec<char> = line.chars().collect();
            if chars
                .windows(3)
                .any(|w| (w[0].is_ascii_digit() || w[0] == '}') && w[1] == ' ' && w[2] == '%')
            {
                bad.push(format!("{}: a space before % in {line}", t.place));
            }
        }
    }
    assert!(count > 600, "Chinese texts: {count}");
    assert!(bad.is_empty(), "{} lines:\n{}", bad.len(), bad.join("\n"));
}
