//! Languages and the page's text, compiled in from the text files
//! (`content/{zh,en}.txt`, `content/slides/*/{zh,en}.txt`) by `build.rs`. Pure: no web dependencies.
//!
//! `Lang` is what the reader chose (Chinese, English, or both side by side,
//! in either order);
//! `TextLang` is one language of text. A missing key returns the key itself,
//! and a native test fails when a key is missing from either language.

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/text_tables.rs"));

/// The reader's language choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Chinese only: the notes' original text.
    Zh,
    /// English only: our version.
    En,
    /// Both, Chinese first: the notes' text side by side (stacked on
    /// narrow screens), panels and controls in Chinese.
    ZhEn,
    /// Both, English first: the texts side by side, English on the left,
    /// panels and controls in English.
    EnZh,
}

/// The browser's first language (`set_browser_first`): 1 is Chinese, 0
/// (never set, as in native tests) English.
static BROWSER_ZH: AtomicU8 = AtomicU8::new(0);

/// Records the browser's first language, which orders "both" when no link
/// or stored choice says otherwise. Called once at start, before the first
/// link is read.
pub fn set_browser_first(first: TextLang) {
    BROWSER_ZH.store(u8::from(first == TextLang::Zh), Ordering::Relaxed);
}

/// The browser's first language as recorded (English when never set).
pub fn browser_first() -> TextLang {
    if BROWSER_ZH.load(Ordering::Relaxed) == 1 {
        TextLang::Zh
    } else {
        TextLang::En
    }
}

/// Whether a browser language tag (`navigator.language`) is Chinese.
pub fn is_chinese_tag(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("zh")
}

impl Default for Lang {
    /// Both languages, the browser's first language first.
    fn default() -> Self {
        Lang::both(browser_first())
    }
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Zh, Lang::En, Lang::ZhEn, Lang::EnZh];

    /// Both languages with `first` first.
    pub fn both(first: TextLang) -> Lang {
        match first {
            TextLang::Zh => Lang::ZhEn,
            TextLang::En => Lang::EnZh,
        }
    }

    /// The id used in the URL and in storage. (`both`, the id before the
    /// order could be chosen, still parses: both in the browser's order.)
    pub fn id(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::ZhEn => "zh-en",
            Lang::EnZh => "en-zh",
        }
    }

    /// The language of the page's own controls, messages and panels: the
    /// first language shown.
    pub fn ui(self) -> TextLang {
        self.langs()[0]
    }

    /// The languages whose text a slide shows, in display order.
    pub fn langs(self) -> &'static [TextLang] {
        match self {
            Lang::Zh => &[TextLang::Zh],
            Lang::En => &[TextLang::En],
            Lang::ZhEn => &[TextLang::Zh, TextLang::En],
            Lang::EnZh => &[TextLang::En, TextLang::Zh],
        }
    }

    /// The key of this choice's name in the language menu.
    pub fn label_key(self) -> &'static str {
        match self {
            Lang::Zh => "ui.lang.zh",
            Lang::En => "ui.lang.en",
            Lang::ZhEn => "ui.lang.zh_en",
            Lang::EnZh => "ui.lang.en_zh",
        }
    }

    /// The next choice in the order zh, en, zh-en, en-zh (the `l` key).
    pub fn cycled(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::ZhEn,
            Lang::ZhEn => Lang::EnZh,
            Lang::EnZh => Lang::Zh,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Lang {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        if s == "both" {
            return Ok(Lang::default());
        }
        Lang::ALL.into_iter().find(|l| l.id() == s).ok_or(())
    }
}

/// One language of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextLang {
    Zh,
    En,
}

impl TextLang {
    /// BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            TextLang::Zh => "zh-CN",
            TextLang::En => "en",
        }
    }

    /// The whole table of this language, sorted by key. Built on first use
    /// from the strings `build.rs` writes (see there why strings).
    pub fn table(self) -> &'static [(&'static str, &'static str)] {
        static ZH: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
        static EN: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
        let (cell, texts) = match self {
            TextLang::Zh => (&ZH, ZH_TEXTS),
            TextLang::En => (&EN, EN_TEXTS),
        };
        cell.get_or_init(|| KEYS.split('\n').zip(texts.split('\u{1f}')).collect())
    }

    /// The text for `key`, or `None` when this language lacks it.
    pub fn get(self, key: &str) -> Option<&'static str> {
        let table = self.table();
        table
            .binary_search_by(|(k, _)| (*k).cmp(key))
            .ok()
            .map(|i| table[i].1)
    }

    /// The colon after a label: `": "` in English, `"："` in Chinese.
    pub fn colon(self) -> &'static str {
        match self {
            TextLang::Zh => "：",
            TextLang::En => ": ",
        }
    }

    /// The parentheses of an aside after a word: `" ("` and `")"` in
    /// English, full-width `"（"` and `"）"` in Chinese.
    pub fn parens(self) -> (&'static str, &'static str) {
        match self {
            TextLang::Zh => ("（", "）"),
            TextLang::En => (" (", ")"),
        }
    }

    /// A percentage of the number text `n`: `"58.3 %"` in English (the
    /// house style), `"58.3%"` in Chinese (no space before % there).
    pub fn percent(self, n: &str) -> String {
        match self {
            TextLang::Zh => format!("{n}%"),
            TextLang::En => format!("{n} %"),
        }
    }

    /// The text for `key`; the key itself when missing (a test forbids that).
    pub fn t(self, key: &str) -> &str {
        self.get(key).unwrap_or(key)
    }
}

/// Whether `c` is set as Chinese: a CJK ideograph or full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}' | '“' | '”')
}

/// The space to put between two texts the page joins: none where Chinese
/// meets Chinese (or a `/` that joins a unit), one elsewhere (English
/// words, and Chinese beside Latin letters or digits).
pub fn gap(prev: &str, next: &str) -> &'static str {
    let before = prev.chars().next_back().is_some_and(is_cjk);
    let after = next.chars().next().is_some_and(|c| is_cjk(c) || c == '/');
    if before && after {
        ""
    } else {
        " "
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_exists_in_both_languages() {
        let zh: Vec<&str> = TextLang::Zh.table().iter().map(|(k, _)| *k).collect();
        let en: Vec<&str> = TextLang::En.table().iter().map(|(k, _)| *k).collect();
        let only_zh: Vec<_> = zh.iter().filter(|k| !en.contains(k)).collect();
        let only_en: Vec<_> = en.iter().filter(|k| !zh.contains(k)).collect();
        assert!(
            only_zh.is_empty(),
            "keys missing from the English text files: {only_zh:?}"
        );
        assert!(
            only_en.is_empty(),
            "keys missing from the Chinese text files: {only_en:?}"
        );
    }

    // Reads the files: native only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn tables_are_the_text_files_entry_for_entry() {
        use crate::deck::text_format::{parse_entries, text_files};
        for (lang, id) in [(TextLang::Zh, "zh"), (TextLang::En, "en")] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let mut want: Vec<(String, String)> = text_files(root, id)
                .iter()
                .flat_map(|f| parse_entries(&std::fs::read_to_string(f).unwrap()).unwrap())
                .collect();
            for (_, v) in &mut want {
                *v = crate::deck::text_format::with_quote_marks(v);
            }
            want.sort();
            let got: Vec<(String, String)> = lang
                .table()
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(got, want, "{id}");
        }
    }

    #[test]
    fn no_value_is_empty() {
        for lang in [TextLang::Zh, TextLang::En] {
            for (k, v) in lang.table() {
                assert!(!v.trim().is_empty(), "{k} is empty in {lang:?}");
            }
        }
    }

    #[test]
    fn placeholders_match_across_languages() {
        fn names(s: &str) -> Vec<&str> {
            let mut v: Vec<&str> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n))
                .filter(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
                .collect();
            v.sort();
            v
        }
        for (k, zh) in TextLang::Zh.table() {
            let en = TextLang::En.get(k).unwrap_or("");
            assert_eq!(names(zh), names(en), "placeholders differ in {k}");
        }
    }

    #[test]
    fn lookup_finds_keys_and_reports_missing() {
        assert_eq!(TextLang::En.t("ui.next"), "Next");
        assert_eq!(TextLang::Zh.t("ui.next"), "下一张");
        assert_eq!(TextLang::En.get("no.such.key"), None);
    }

    #[test]
    fn lang_ids_round_trip() {
        for l in Lang::ALL {
            assert_eq!(l.id().parse::<Lang>(), Ok(l));
        }
        assert!("EN".parse::<Lang>().is_err());
        assert!("zh+en".parse::<Lang>().is_err());
        // The old id means both, in the browser's order (English unless the
        // browser said Chinese).
        assert_eq!("both".parse::<Lang>(), Ok(Lang::EnZh));
    }

    #[test]
    fn both_puts_the_first_language_first_and_speaks_it_in_the_panels() {
        assert_eq!(
            Lang::both(TextLang::Zh).langs(),
            &[TextLang::Zh, TextLang::En]
        );
        assert_eq!(Lang::both(TextLang::Zh).ui(), TextLang::Zh);
        assert_eq!(
            Lang::both(TextLang::En).langs(),
            &[TextLang::En, TextLang::Zh]
        );
        assert_eq!(Lang::both(TextLang::En).ui(), TextLang::En);
        assert_eq!(Lang::Zh.ui(), TextLang::Zh);
        assert_eq!(Lang::En.ui(), TextLang::En);
    }

    #[test]
    fn chinese_browser_tags_are_recognised() {
        for tag in ["zh", "zh-CN", "zh-TW", "zh-Hans-CN", "ZH-hk", "zh_CN"] {
            assert!(is_chinese_tag(tag), "{tag}");
        }
        for tag in ["", "en", "en-US", "zha", "ja-JP", "x-zh"] {
            assert!(!is_chinese_tag(tag), "{tag}");
        }
    }

    #[test]
    fn chinese_punctuation_is_full_width_and_percent_has_no_space() {
        assert_eq!(TextLang::Zh.colon(), "：");
        assert_eq!(TextLang::En.colon(), ": ");
        assert_eq!(TextLang::Zh.parens(), ("（", "）"));
        assert_eq!(TextLang::Zh.percent("58.3"), "58.3%");
        assert_eq!(TextLang::En.percent("58.3"), "58.3 %");
    }

    #[test]
    fn a_gap_is_a_space_except_between_chinese_texts() {
        assert_eq!(gap("2.50 美元", "/GPU 小时"), "");
        assert_eq!(gap("我们的补充（2026）", "随后"), "");
        assert_eq!(gap("2.50 美元", "每小时"), "");
        assert_eq!(gap("$2.50", "per used GPU-hour"), " ");
        assert_eq!(gap("美元", "GPU"), " ");
        assert_eq!(gap("H100", "显存"), " ");
        assert_eq!(gap("", "显存"), " ");
    }

    #[test]
    fn every_choice_has_a_menu_label() {
        for l in Lang::ALL {
            for t in [TextLang::Zh, TextLang::En] {
                assert!(t.get(l.label_key()).is_some(), "{} in {t:?}", l.label_key());
            }
        }
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill("Slide {n} of {total}", &[("n", "3"), ("total", "18")]),
            "Slide 3 of 18"
        );
    }
}
