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

/// Every panel, declared once: the `Panel` variant (with its doc), the ui
/// module that draws it (`ui::panels::{module}`, whose `draw` takes a
/// `PanelInputs`; the module's name is the panel's stem), the prefix of its
/// text keys (a short form of the stem, older than this list), its parts
/// in the Read view's order with the settings keys each part's controls
/// show, and its settings: `settings: Change(field: Settings) => what its
/// controls send` for the panel that owns a
/// [`PanelSettings`](crate::deck::panels::PanelSettings) field, `shares:
/// field` for one that shows another panel's.
///
/// Everything per panel is written from this list by the macros that take
/// it: the `Panel` enum (below), the parts enums and `steps::parts`
/// (`deck::steps`), the settings collection, its accessors and
/// `PanelChange` (`deck::panels`), the panels' callbacks
/// (`ui::hooks::PanelHandlers`) and the choice of component
/// (`ui::panels::draw`). Adding a panel is one entry here (ARCHITECTURE.md,
/// "Adding a panel").
macro_rules! panels {
    ($m:ident) => {
        $m! {
            /// The deck's cover on the Present stage: its title, the notes'
            /// date and how to begin (the Read view has its own heading).
            Cover: cover "cover." {
                parts: CoverPart { Cover = "cover" [] },
            }
            /// Bit explorer, precision vs speed, quantization.
            Precision: precision "prec." {
                parts: PrecisionPart {
                    Explorer = "explorer" ["fmt", "x", "code", "ov"],
                    Table = "table" [],
                    Speed = "speed" ["chip", "size", "batch"],
                    Roofline = "roofline" [],
                    Quant = "quant" [],
                },
                settings: Precision(precision: crate::model::precision::PrecisionSettings)
                    => crate::model::precision::PrecisionAction,
            }
            /// The list of sources of every figure.
            References: references "refs." {
                parts: ReferencesPart { List = "list" [] },
            }
            /// Moore's-law depreciation chart.
            Depreciation: depreciation "dep." {
                parts: DepreciationPart {
                    Settings = "settings" ["hw", "algo", "years", "algo_on"],
                    Chart = "chart" [],
                    Models = "models" [],
                },
                settings: Depreciation(depreciation: crate::model::depreciation::DepreciationSettings)
                    => crate::model::depreciation::DepreciationSettings,
            }
            /// The automation-difficulty ladder.
            Ladder: ladder "lad." {
                parts: LadderPart {
                    Ladder = "ladder" ["lens"],
                    Rank = "rank" [],
                    Strip = "strip" [],
                    Sae = "sae" [],
                },
                settings: Ladder(ladder: crate::model::ladder::LadderSettings)
                    => crate::model::ladder::LadderSettings,
            }
            /// Link bandwidth, transfer and all-reduce times.
            Bandwidth: bandwidth "bw." {
                parts: BandwidthPart {
                    Calc = "calc" ["link", "gb", "gpus"],
                    Result = "result" [],
                    Links = "links" [],
                    Units = "units" [],
                    Racks = "racks" [],
                },
                settings: Bandwidth(bandwidth: crate::model::bandwidth::BandwidthSettings)
                    => crate::model::bandwidth::BandwidthSettings,
            }
            /// HBM per chip and the fit calculator (the chart of HBM by year first).
            Memory: memory "mem." {
                parts: MemoryPart {
                    Hbm = "hbm" [],
                    Fit = "fit" [
                        "mchip", "params_b", "wfmt", "kvfmt", "layers", "kv_heads", "head_dim",
                        "ctx", "mbatch", "train",
                    ],
                    Need = "need" [],
                },
                settings: Memory(memory: crate::model::memory::MemorySettings)
                    => crate::model::memory::MemorySettings,
            }
            /// Power, energy and price per FLOP. Its settings are shared with
            /// rent vs buy (one set of energy keys for both).
            Resources: resources "res." {
                parts: ResourcesPart {
                    Energy = "energy" ["kwh", "pue", "tdp", "power"],
                    Formula = "formula" [],
                    Price = "price" [],
                    Prices = "prices" [],
                },
                settings: Economics(economics: crate::model::economics::EconomicsSettings)
                    => crate::model::economics::EconomicsSettings,
            }
            /// TPU beside NVIDIA and AMD.
            Alternatives: alternatives "alt." {
                parts: AlternativesPart { Claim = "claim" [], Table = "table" [] },
            }
            /// Total cost of owning vs renting a GPU.
            RentVsBuy: rent_vs_buy "rvb." {
                parts: RentVsBuyPart {
                    Buy = "buy" ["price", "basis"],
                    Amort = "amort" ["amort", "life"],
                    Use = "use" ["util", "kwh", "pue", "tdp", "power"],
                    Rent = "rent" ["rent"],
                    Verdict = "verdict" [],
                    Formula = "formula" [],
                    Chart = "chart" [],
                    Compare = "compare" [],
                },
                shares: economics,
            }
            /// The notes' modalities at a glance, a list of cards.
            Models: models "mod." {
                parts: ModelsPart { Models = "models" [] },
            }
            /// One lesson's takeaway, figure and points.
            Lessons(Lesson): lessons "les." {
                parts: LessonsPart { Lesson = "lesson" [] },
            }
        }
    };
}
pub(crate) use panels;

/// Writes [`Panel`] from the registry.
macro_rules! panel_enum {
    ($($(#[$doc:meta])* $variant:ident $(($data:ty))?: $ui:ident $prefix:literal { $($body:tt)* })+) => {
        /// What a slide shows besides its text: its panel. Each variant names
        /// the panel's stem (ARCHITECTURE.md, "Names"); the panel's settings,
        /// if it has any, are found through `deck::panels::PanelSettings::of`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Panel {
            /// Text only.
            None,
            $($(#[$doc])* $variant $(($data))?,)+
        }

        /// Each panel's names: its variant, its ui module (the stem, with
        /// `_`) and the prefix of its text keys, in the registry's order.
        pub const PANEL_NAMES: &[(&str, &str, &str)] =
            &[$((stringify!($variant), stringify!($ui), $prefix),)+];
    };
}
panels!(panel_enum);

/// A pattern for a panel's variant, whether or not it carries data.
macro_rules! panel_pattern {
    ($variant:ident) => {
        $crate::deck::slides::Panel::$variant
    };
    ($variant:ident $data:ty) => {
        $crate::deck::slides::Panel::$variant(_)
    };
}
pub(crate) use panel_pattern;

/// Writes [`SlideId`] and the registry's table: one row per slide, in deck
/// order: the variant, the slug (`#/{slug}`), the prefix of its text keys,
/// which texts it has (`notes`: the notes' words, `context`: ours) and its
/// panel, if any.
macro_rules! slides {
    ($($(#[$attr:meta])* $id:ident = $slug:literal, $key:literal, [$($text:ident),*] $(, $panel:expr)?;)+) => {
        /// Every slide, in deck order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
        pub enum SlideId {
            $($(#[$attr])* $id,)+
        }

        /// The registry as a constant, for what the compiler checks
        /// ([`SlideId::panel`] in `deck::steps::names_parts`).
        const TABLE: &[SlideInfo] = &[
            $(SlideInfo {
                id: SlideId::$id,
                slug: $slug,
                key: $key,
                has_notes: false $(|| text_is!($text, notes))*,
                has_context: false $(|| text_is!($text, context))*,
                panel: first_panel(&[$($panel)?]),
            },)+
        ];
    };
}

/// Whether a text a slide's row lists is the notes' words (`notes`) or
/// ours (`context`); any other word does not compile.
macro_rules! text_is {
    (notes, notes) => {
        true
    };
    (context, context) => {
        true
    };
    (notes, context) => {
        false
    };
    (context, notes) => {
        false
    };
}

/// The panel a slide's row names, or none.
const fn first_panel(panels: &[Panel]) -> Panel {
    match panels.first() {
        Some(p) => *p,
        None => Panel::None,
    }
}

slides! {
    #[default]
    Intro = "intro", "intro", [context], Panel::Cover;
    Ingredients = "ingredients", "ingredients", [notes, context];
    Bandwidth = "bandwidth", "bandwidth", [notes, context], Panel::Bandwidth;
    Memory = "memory", "memory", [notes, context], Panel::Memory;
    Precision = "precision", "precision", [notes, context], Panel::Precision;
    Resources = "resources", "resources", [notes, context], Panel::Resources;
    Alternatives = "alternatives", "alternatives", [notes, context], Panel::Alternatives;
    Depreciation = "depreciation", "depreciation", [notes, context], Panel::Depreciation;
    Models = "models", "models", [notes, context], Panel::Models;
    Ladder = "ladder", "ladder", [notes, context], Panel::Ladder;
    PostTraining = "post-training", "post_training", [notes, context],
        Panel::Lessons(Lesson::PostTraining);
    Data = "data", "data", [notes, context], Panel::Lessons(Lesson::Data);
    Evaluation = "evaluation", "evaluation", [notes, context], Panel::Lessons(Lesson::Evaluation);
    RentVsBuy = "rent-vs-buy", "rent_vs_buy", [notes, context], Panel::RentVsBuy;
    Personal = "personal", "personal", [notes, context];
    Phd = "phd", "phd", [notes, context];
    Work = "work", "work", [notes];
    Closing = "closing", "closing", [context];
    References = "references", "references", [context], Panel::References;
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

/// The registry, in deck order.
pub static SLIDES: &[SlideInfo] = TABLE;

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
            Panel::Lessons(l) => Some(l),
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
