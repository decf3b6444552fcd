//! The slide registry: one enum of slide ids and one table that gives each its
//! URL slug, its text keys and its panel. Pure: no web dependencies.
//!
//! Adding a slide is adding a variant, a row in `SLIDES` (in deck order) and
//! its text in both `content/*.txt` files; a panel slide also names its panel.
//! Text keys are `{key}.title`, `{key}.notes` (the notes' own words, when the
//! slide has them), `{key}.context` (our explanation, when it has one) and
//! `{key}.speaker` (speaker notes, every slide).

use std::fmt;
use std::str::FromStr;

use crate::deck::i18n::TextLang;
use crate::model::takeaways::Lesson;

/// Every slide, in deck order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SlideId {
    #[default]
    Intro,
    Ingredients,
    Bandwidth,
    Memory,
    Precision,
    Resources,
    Alternatives,
    Depreciation,
    Models,
    Ladder,
    PostTraining,
    Data,
    Evaluation,
    RentVsBuy,
    Personal,
    Phd,
    Work,
    References,
}

/// What a slide shows besides its text: its panel. Each variant names the
/// panel's stem (ARCHITECTURE.md, "Names"); the panel's settings, if it has
/// any, are found through `deck::panels::PanelSettings::of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// Text only.
    None,
    /// Bit explorer, precision vs speed, quantization (`ui::panels::precision`).
    Precision,
    /// The list of sources of every figure (`ui::panels::references`).
    References,
    /// Moore's-law depreciation chart (`ui::panels::depreciation`).
    Depreciation,
    /// The automation-difficulty ladder (`ui::panels::ladder`).
    Ladder,
    /// Link bandwidth, transfer and all-reduce times (`ui::panels::bandwidth`).
    Bandwidth,
    /// HBM per chip and the fit calculator (`ui::panels::memory`).
    Memory,
    /// Power, energy and price per FLOP (`ui::panels::economics::resources`).
    Resources,
    /// TPU beside NVIDIA and AMD (`ui::panels::alternatives`).
    Alternatives,
    /// Total cost of owning vs renting a GPU (`ui::panels::economics::rent_vs_buy`).
    RentVsBuy,
    /// The notes' modalities at a glance (`ui::panels::models`).
    Models,
    /// One lesson's takeaway, figure and points (`ui::panels::lessons`).
    Lesson(Lesson),
}

/// One row of the registry.
#[derive(Clone, Copy, Debug)]
pub struct SlideInfo {
    pub id: SlideId,
    /// The id in the URL: `#/{slug}`.
    pub slug: &'static str,
    /// Prefix of the slide's text keys.
    pub key: &'static str,
    /// Whether the slide quotes the notes (`{key}.notes`).
    pub has_notes: bool,
    /// Whether the slide has our explanation (`{key}.context`).
    pub has_context: bool,
    pub panel: Panel,
}

const fn panel(info: SlideInfo, panel: Panel) -> SlideInfo {
    SlideInfo { panel, ..info }
}

const fn row(
    id: SlideId,
    slug: &'static str,
    key: &'static str,
    has_notes: bool,
    has_context: bool,
) -> SlideInfo {
    SlideInfo {
        id,
        slug,
        key,
        has_notes,
        has_context,
        panel: Panel::None,
    }
}

/// The registry, in deck order.
pub static SLIDES: &[SlideInfo] = TABLE;

/// The registry as a constant, for what the compiler checks
/// ([`SlideId::panel`] in `deck::steps::names_parts`).
const TABLE: &[SlideInfo] = &[
    row(SlideId::Intro, "intro", "intro", false, true),
    row(
        SlideId::Ingredients,
        "ingredients",
        "ingredients",
        true,
        true,
    ),
    panel(
        row(SlideId::Bandwidth, "bandwidth", "bandwidth", true, true),
        Panel::Bandwidth,
    ),
    panel(
        row(SlideId::Memory, "memory", "memory", true, true),
        Panel::Memory,
    ),
    panel(
        row(SlideId::Precision, "precision", "precision", true, true),
        Panel::Precision,
    ),
    panel(
        row(SlideId::Resources, "resources", "resources", true, true),
        Panel::Resources,
    ),
    panel(
        row(
            SlideId::Alternatives,
            "alternatives",
            "alternatives",
            true,
            true,
        ),
        Panel::Alternatives,
    ),
    panel(
        row(
            SlideId::Depreciation,
            "depreciation",
            "depreciation",
            true,
            true,
        ),
        Panel::Depreciation,
    ),
    panel(
        row(SlideId::Models, "models", "models", true, true),
        Panel::Models,
    ),
    panel(
        row(SlideId::Ladder, "ladder", "ladder", true, true),
        Panel::Ladder,
    ),
    panel(
        row(
            SlideId::PostTraining,
            "post-training",
            "post_training",
            true,
            true,
        ),
        Panel::Lesson(Lesson::PostTraining),
    ),
    panel(
        row(SlideId::Data, "data", "data", true, true),
        Panel::Lesson(Lesson::Data),
    ),
    panel(
        row(SlideId::Evaluation, "evaluation", "evaluation", true, true),
        Panel::Lesson(Lesson::Evaluation),
    ),
    panel(
        row(SlideId::RentVsBuy, "rent-vs-buy", "rent_vs_buy", true, true),
        Panel::RentVsBuy,
    ),
    row(SlideId::Personal, "personal", "personal", true, true),
    row(SlideId::Phd, "phd", "phd", true, true),
    row(SlideId::Work, "work", "work", true, false),
    panel(
        row(SlideId::References, "references", "references", false, true),
        Panel::References,
    ),
];

impl SlideId {
    /// Position in the deck, from 0.
    pub fn index(self) -> usize {
        SLIDES.iter().position(|s| s.id == self).unwrap_or(0)
    }

    /// The slide's panel (a `const fn`, for checks the compiler makes).
    pub const fn panel(self) -> Panel {
        let mut i = 0;
        while i < TABLE.len() {
            if TABLE[i].id as usize == self as usize {
                return TABLE[i].panel;
            }
            i += 1;
        }
        Panel::None
    }

    pub fn info(self) -> &'static SlideInfo {
        &SLIDES[self.index()]
    }

    /// The slide at position `i` (from 0), if there is one.
    pub fn from_index(i: usize) -> Option<SlideId> {
        SLIDES.get(i).map(|s| s.id)
    }

    /// The slide's title in `lang`, as plain text.
    pub fn title(self, lang: TextLang) -> String {
        crate::deck::markup::plain(lang.t(&text_key(self.info(), "title")))
    }

    pub fn first() -> SlideId {
        SLIDES[0].id
    }

    pub fn last() -> SlideId {
        SLIDES[SLIDES.len() - 1].id
    }

    /// The next slide, or this one at the end.
    pub fn next(self) -> SlideId {
        SLIDES.get(self.index() + 1).map_or(self, |s| s.id)
    }

    /// The previous slide, or this one at the start.
    pub fn prev(self) -> SlideId {
        self.index().checked_sub(1).map_or(self, |i| SLIDES[i].id)
    }
}

/// The slides the go-to box offers for `query`: by number (`7`), by slug
/// or by title in either language, case-insensitive; an exact number or
/// slug comes first. An empty query offers every slide. (ASCII case only:
/// Chinese has none, and Unicode case tables would cost ~20 KB of wasm.)
pub fn find(query: &str) -> Vec<SlideId> {
    let q = query.trim().to_ascii_lowercase();
    if q.is_empty() {
        return SLIDES.iter().map(|s| s.id).collect();
    }
    let exact = |s: &SlideInfo| q.parse::<usize>().ok() == Some(s.id.index() + 1) || s.slug == q;
    let near = |s: &SlideInfo| {
        s.slug.contains(&q)
            || [TextLang::Zh, TextLang::En]
                .into_iter()
                .any(|l| s.id.title(l).to_ascii_lowercase().contains(&q))
    };
    let mut out: Vec<SlideId> = SLIDES.iter().filter(|s| exact(s)).map(|s| s.id).collect();
    out.extend(SLIDES.iter().filter(|s| !exact(s) && near(s)).map(|s| s.id));
    out
}

impl fmt::Display for SlideId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.info().slug)
    }
}

impl FromStr for SlideId {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        SLIDES.iter().find(|r| r.slug == s).map(|r| r.id).ok_or(())
    }
}

/// Every text key a slide needs, for the content tests.
pub fn required_keys(info: &SlideInfo) -> Vec<String> {
    let mut keys = vec![
        format!("{}.title", info.key),
        format!("{}.speaker", info.key),
    ];
    if info.has_notes {
        keys.push(format!("{}.notes", info.key));
    }
    if info.has_context {
        keys.push(format!("{}.context", info.key));
    }
    keys
}

/// A slide's text key for one part, e.g. `text_key(info, "title")` = `"depreciation.title"`.
pub fn text_key(info: &SlideInfo, part: &str) -> String {
    format!("{}.{part}", info.key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_go_to_box_finds_slides_by_number_slug_and_title_in_either_language() {
        let first = |q: &str| find(q).first().copied();
        assert_eq!(find("").len(), SLIDES.len());
        let n = SlideId::Precision.index() + 1;
        assert_eq!(first(&n.to_string()), Some(SlideId::Precision));
        assert_eq!(first("precision"), Some(SlideId::Precision));
        assert_eq!(first("PRECISION"), Some(SlideId::Precision));
        assert_eq!(first("计算精度"), Some(SlideId::Precision));
        assert_eq!(first("numeric"), Some(SlideId::Precision));
        assert!(find("rent").contains(&SlideId::RentVsBuy));
        assert!(find("租用").contains(&SlideId::RentVsBuy));
        assert!(find("no such slide at all").is_empty());
        assert!(find("999").is_empty());
        assert_eq!(SlideId::from_index(SLIDES.len()), None);
    }

    #[test]
    fn registry_lists_each_slide_once_with_unique_slugs() {
        for (i, a) in SLIDES.iter().enumerate() {
            assert_eq!(a.id.index(), i, "{:?} out of place", a.id);
            for b in &SLIDES[i + 1..] {
                assert_ne!(a.slug, b.slug);
                assert_ne!(a.key, b.key);
            }
        }
    }

    #[test]
    fn slugs_parse_back_to_their_slide() {
        for s in SLIDES {
            assert_eq!(s.slug.parse::<SlideId>(), Ok(s.id));
            assert_eq!(s.id.to_string(), s.slug);
        }
        assert!("nope".parse::<SlideId>().is_err());
    }

    #[test]
    fn panel_slides_name_their_panels() {
        assert_eq!(SlideId::Precision.info().panel, Panel::Precision);
        assert_eq!(SlideId::Depreciation.info().panel, Panel::Depreciation);
        assert_eq!(SlideId::References.info().panel, Panel::References);
    }

    #[test]
    fn next_and_prev_stop_at_the_ends() {
        assert_eq!(SlideId::first().prev(), SlideId::first());
        assert_eq!(SlideId::last().next(), SlideId::last());
        assert_eq!(SlideId::Intro.next(), SlideId::Ingredients);
        assert_eq!(SlideId::Ingredients.prev(), SlideId::Intro);
    }

    #[test]
    fn every_slide_has_its_text_in_both_languages() {
        use crate::deck::i18n::TextLang;
        for s in SLIDES {
            for key in required_keys(s) {
                for lang in [TextLang::Zh, TextLang::En] {
                    assert!(lang.get(&key).is_some(), "{key} missing in {lang:?}");
                }
            }
        }
    }

    #[test]
    fn every_panel_key_is_in_both_languages() {
        use crate::deck::i18n::TextLang;
        use crate::model::takeaways::text_keys;
        for key in text_keys() {
            for lang in [TextLang::Zh, TextLang::En] {
                assert!(lang.get(&key).is_some(), "{key} missing in {lang:?}");
            }
        }
    }

    #[test]
    fn each_lesson_slide_shows_its_lesson_and_each_lesson_has_one_slide() {
        let lesson_of = |id: SlideId| match id.info().panel {
            Panel::Lesson(l) => Some(l),
            _ => None,
        };
        for l in Lesson::ALL {
            let slides: Vec<SlideId> = SLIDES
                .iter()
                .map(|s| s.id)
                .filter(|&id| lesson_of(id) == Some(l))
                .collect();
            assert_eq!(slides.len(), 1, "{l:?}");
        }
        assert_eq!(lesson_of(SlideId::Data), Some(Lesson::Data));
        assert_eq!(lesson_of(SlideId::PostTraining), Some(Lesson::PostTraining));
        assert_eq!(lesson_of(SlideId::Evaluation), Some(Lesson::Evaluation));
        assert_eq!(lesson_of(SlideId::Models), None);
        assert_eq!(SlideId::Models.info().panel, Panel::Models);
    }
}
