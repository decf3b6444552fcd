//! Languages and the page's text, compiled in from `content/zh.txt` and
//! `content/en.txt` by `build.rs`. Pure: no web dependencies.
//!
//! `Lang` is what the reader chose (Chinese, English, or both side by side);
//! `TextLang` is one language of text. A missing key returns the key itself,
//! and a native test fails when a key is missing from either language.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/text_tables.rs"));

/// The reader's language choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese only: the notes' original text.
    Zh,
    /// English only: our version.
    En,
    /// Both, side by side (stacked on narrow screens).
    #[default]
    Both,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Zh, Lang::En, Lang::Both];

    /// The id used in the URL and in storage.
    pub fn id(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Both => "both",
        }
    }

    /// The language of the page's own controls and messages.
    pub fn ui(self) -> TextLang {
        match self {
            Lang::Zh => TextLang::Zh,
            Lang::En | Lang::Both => TextLang::En,
        }
    }

    /// The languages whose text a slide shows, in display order.
    pub fn shown(self) -> &'static [TextLang] {
        match self {
            Lang::Zh => &[TextLang::Zh],
            Lang::En => &[TextLang::En],
            Lang::Both => &[TextLang::Zh, TextLang::En],
        }
    }

    /// The next choice in the order zh, en, both (the `l` key).
    pub fn cycled(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Both,
            Lang::Both => Lang::Zh,
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

    /// The text for `key`; the key itself when missing (a test forbids that).
    pub fn t(self, key: &str) -> &str {
        self.get(key).unwrap_or(key)
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
        assert!(only_zh.is_empty(), "keys missing from en.txt: {only_zh:?}");
        assert!(only_en.is_empty(), "keys missing from zh.txt: {only_en:?}");
    }

    #[test]
    fn tables_are_the_text_files_entry_for_entry() {
        for (lang, file) in [
            (TextLang::Zh, "content/zh.txt"),
            (TextLang::En, "content/en.txt"),
        ] {
            let src = std::fs::read_to_string(file).unwrap();
            let mut want = crate::deck::text_format::parse_entries(&src).unwrap();
            for (_, v) in &mut want {
                *v = crate::deck::text_format::shown(v);
            }
            want.sort();
            let got: Vec<(String, String)> = lang
                .table()
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(got, want, "{file}");
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
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill("Slide {n} of {total}", &[("n", "3"), ("total", "18")]),
            "Slide 3 of 18"
        );
    }
}
