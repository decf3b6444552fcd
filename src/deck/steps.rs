//! The steps of every slide: the screens the Present view shows one at a
//! time, compiled from each slide's `content/slides/{key}/steps.csv` by `build.rs`. Pure.
//!
//! A step shows one part of its slide: the notes' words (`notes`, or
//! `notes 1-4` for some of their list items), our explanation (`context`),
//! or parts of the slide's panel (the ids in [`parts`], `a+b` for two side
//! by side; `list 1-10` for some items of a part that is a list: the
//! references' `list`, the models' `models`, the alternatives' `table`). A
//! step may set panel settings when it is entered (its keyframe, `set`:
//! `key=value` pairs separated by spaces). The values a
//! step shows are the panel's defaults with the keyframes of that step and
//! of every step before it on the slide applied in order, through the
//! panel's own parser ([`crate::model::settings::apply`]).

use crate::deck::i18n::TextLang;
use crate::deck::panels::PanelSettings;
use crate::deck::slides::{panel_pattern, panels, Panel, SlideId, SLIDES};
use crate::model::settings::apply;

/// One row of a slide's `content/slides/{key}/steps.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// The slide's text key (its folder's name).
    pub slide: &'static str,
    /// What the step shows: a part id, optionally with a range `a-b`.
    pub part: &'static str,
    /// The keyframe: `key=value` pairs separated by spaces, or empty.
    pub set: &'static str,
    /// The planned time in seconds (the presenter's pacing); 0 when none.
    pub secs: u16,
    /// The title, Chinese then English.
    pub title: [&'static str; 2],
    /// The speaker's cue, Chinese then English; empty when there is none.
    pub cue: [&'static str; 2],
}

include!(concat!(env!("OUT_DIR"), "/steps_tables.rs"));

/// What a step shows: a part and, for a list part, the items `from..=to`
/// (counted from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shows {
    pub part: &'static str,
    pub range: Option<(usize, usize)>,
}

impl Shows {
    /// The parts shown (a step may show `a+b`).
    pub fn parts(&self) -> impl Iterator<Item = &'static str> {
        self.part.split('+')
    }

    /// Whether the step shows the part `id`.
    pub fn has_part(&self, id: &str) -> bool {
        self.parts().any(|p| p == id)
    }

    /// Whether the step shows the slide's text (the notes or our context),
    /// not its panel.
    pub fn is_text(&self) -> bool {
        matches!(self.part, NOTES | CONTEXT)
    }

    /// The settings keys the controls of the shown parts of `panel` show.
    pub fn keys(&self, panel: Panel) -> impl Iterator<Item = &'static str> + '_ {
        parts(panel)
            .iter()
            .filter(|p| self.has_part(p.id))
            .flat_map(|p| p.keys.iter().copied())
    }

    /// Whether item `i` (from 1) of the part is shown.
    pub fn has_item(&self, i: usize) -> bool {
        self.range.is_none_or(|(a, b)| (a..=b).contains(&i))
    }
}

/// The text parts every slide may have.
pub const NOTES: &str = "notes";
pub const CONTEXT: &str = "context";

/// A part of a panel and the settings keys its controls show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartInfo {
    pub id: &'static str,
    pub keys: &'static [&'static str],
}

/// A panel's parts as a type: the UI asks for a part by its variant, so a
/// misspelt part does not compile; a slide's `steps.csv` names a part by its
/// id, and a name that is not one of the slide's panel fails the build
/// ([`names_parts`], asserted for every row in the compiled table).
pub trait Part: Copy + Eq + 'static {
    /// The part's id in a slide's `steps.csv`.
    fn id(self) -> &'static str;
}

/// Writes each panel's parts enum (`PrecisionPart`, ...) and [`parts`] from
/// the registry (`deck::slides::panels!`).
macro_rules! parts_of_panels {
    ($($(#[$doc:meta])* $variant:ident $(($data:ty))?: $ui:ident $prefix:literal {
        parts: $name:ident { $($part:ident = $id:literal [$($key:literal),* $(,)?]),+ $(,)? },
        $($rest:tt)*
    })+) => {
        $(
            #[doc = concat!("The parts of the `", stringify!($variant), "` panel.")]
            #[derive(Clone, Copy, Debug, PartialEq, Eq)]
            pub enum $name {
                $($part),+
            }

            impl $name {
                /// Every part with its keys, in the Read view's order.
                pub const INFO: &'static [PartInfo] = &[$(PartInfo { id: $id, keys: &[$($key),*] }),+];
            }

            impl Part for $name {
                fn id(self) -> &'static str {
                    match self {
                        $($name::$part => $id),+
                    }
                }
            }
        )+

        /// The parts of each panel, in the panel's own order (the Read view's).
        pub const fn parts(panel: Panel) -> &'static [PartInfo] {
            match panel {
                Panel::None => &[],
                $(panel_pattern!($variant $($data)?) => $name::INFO,)+
            }
        }
    };
}

panels!(parts_of_panels);

/// Whether `b[start..stop]` is `want` (a comparison a `const fn` can make).
const fn bytes_eq(b: &[u8], start: usize, stop: usize, want: &[u8]) -> bool {
    if stop - start != want.len() {
        return false;
    }
    let mut i = 0;
    while i < want.len() {
        if b[start + i] != want[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether a part cell of a slide's `steps.csv` names what `slide` has: its
/// text (`notes`, `context`) or parts of its panel (`a+b`), before an
/// optional range (`list 1-10`). Evaluated by the compiler for every row
/// of the compiled table, so a misspelt part fails the build.
pub const fn names_parts(slide: SlideId, cell: &str) -> bool {
    let b = cell.as_bytes();
    let mut end = 0;
    while end < b.len() && b[end] != b' ' {
        end += 1;
    }
    if bytes_eq(b, 0, end, NOTES.as_bytes()) || bytes_eq(b, 0, end, CONTEXT.as_bytes()) {
        return true;
    }
    let parts = parts(slide.panel());
    let mut start = 0;
    while start <= end {
        let mut stop = start;
        while stop < end && b[stop] != b'+' {
            stop += 1;
        }
        let mut found = false;
        let mut i = 0;
        while i < parts.len() {
            found |= bytes_eq(b, start, stop, parts[i].id.as_bytes());
            i += 1;
        }
        if !found {
            return false;
        }
        start = stop + 1;
    }
    true
}

/// Parses a part cell: `name` or `name a-b` (1 <= a <= b).
pub fn parse_part(cell: &'static str) -> Option<Shows> {
    let mut words = cell.split_whitespace();
    let part = words.next()?;
    let range = match words.next() {
        None => None,
        Some(r) => {
            let (a, b) = r.split_once('-')?;
            let (a, b) = (a.parse().ok()?, b.parse().ok()?);
            if a == 0 || a > b {
                return None;
            }
            Some((a, b))
        }
    };
    words.next().is_none().then_some(Shows { part, range })
}

impl Step {
    /// What the step shows; a malformed cell shows the slide's notes.
    pub fn shows(&self) -> Shows {
        parse_part(self.part).unwrap_or(Shows {
            part: NOTES,
            range: None,
        })
    }

    /// The keyframe's pairs, in order.
    pub fn pairs(&self) -> Vec<(&'static str, &'static str)> {
        self.set
            .split_whitespace()
            .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
            .collect()
    }

    pub fn title(&self, lang: TextLang) -> &'static str {
        self.title[lang_index(lang)]
    }

    /// The speaker's cue, if the step has one.
    pub fn cue(&self, lang: TextLang) -> Option<&'static str> {
        Some(self.cue[lang_index(lang)]).filter(|c| !c.is_empty())
    }
}

fn lang_index(lang: TextLang) -> usize {
    match lang {
        TextLang::Zh => 0,
        TextLang::En => 1,
    }
}

/// The steps of `slide`, in order (the rows of its folder,
/// `content/slides/{key}/steps.csv`, which are together).
pub fn of(slide: SlideId) -> &'static [Step] {
    let key = slide.info().key;
    let Some(start) = STEPS.iter().position(|s| s.slide == key) else {
        return &[];
    };
    let len = STEPS[start..].iter().take_while(|s| s.slide == key).count();
    &STEPS[start..start + len]
}

/// Every step of the deck, in deck order.
pub fn in_deck_order() -> impl Iterator<Item = &'static Step> {
    SLIDES.iter().flat_map(|s| of(s.id))
}

/// How many steps `slide` has (at least one: a slide without rows is one step).
pub fn count(slide: SlideId) -> usize {
    of(slide).len().max(1)
}

/// Step `k` of `slide`, if it exists.
pub fn get(slide: SlideId, k: usize) -> Option<&'static Step> {
    of(slide).get(k)
}

/// The number of steps in the deck.
pub fn total() -> usize {
    SLIDES.iter().map(|s| count(s.id)).sum()
}

/// Position of step `k` of `slide` in the deck, from 0.
pub fn position(slide: SlideId, k: usize) -> usize {
    SLIDES[..slide.index()]
        .iter()
        .map(|s| count(s.id))
        .sum::<usize>()
        + k.min(count(slide) - 1)
}

/// The planned seconds before step `k` of `slide` starts, and of the step
/// itself (`secs` of the steps, 0 where none is planned).
pub fn planned(slide: SlideId, k: usize) -> (u32, u32) {
    let before: u32 = SLIDES[..slide.index()]
        .iter()
        .flat_map(|s| of(s.id))
        .chain(of(slide).iter().take(k))
        .map(|s| u32::from(s.secs))
        .sum();
    let own = of(slide).get(k).map_or(0, |s| u32::from(s.secs));
    (before, own)
}

/// Where the talk stands against the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// Reached the step this many seconds before its planned start.
    Ahead(u32),
    /// Still on the step this many seconds past its planned end.
    Behind(u32),
    OnTime,
    /// No time is planned for the deck.
    Unplanned,
}

/// A stopwatch's text: `m:ss`, or `h:mm:ss` from an hour.
pub fn clock_text(secs: u32) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The pace after `elapsed` seconds of a timer started (or reset) on the
/// step at deck position `from` (`position`), now on step `k` of `slide`:
/// the plan counts from the step the timer started on, so a talk that
/// starts mid-deck is on time at 0:00. (A step before `from` is planned to
/// start at once.)
pub fn pace(elapsed: u32, from: usize, slide: SlideId, k: usize) -> Pace {
    if STEPS.iter().all(|s| s.secs == 0) {
        return Pace::Unplanned;
    }
    let skipped: u32 = in_deck_order().take(from).map(|s| u32::from(s.secs)).sum();
    let (start, own) = planned(slide, k);
    let start = start.saturating_sub(skipped);
    if elapsed < start {
        Pace::Ahead(start - elapsed)
    } else if elapsed > start + own {
        Pace::Behind(elapsed - start - own)
    } else {
        Pace::OnTime
    }
}

/// Whether some step of `slide` has a keyframe.
pub fn scripted(slide: SlideId) -> bool {
    of(slide).iter().any(|s| !s.set.is_empty())
}

/// The first step of `slide` whose panel part shows `key`.
pub fn showing(slide: SlideId, key: &str) -> Option<usize> {
    let panel = slide.info().panel;
    of(slide)
        .iter()
        .position(|s| s.shows().keys(panel).any(|k| k == key))
}

/// The settings step `k` of `slide` shows (see the module's doc), and the
/// pairs of its keyframes that did not apply, as `key=value`.
pub fn values(slide: SlideId, k: usize) -> (PanelSettings, Vec<String>) {
    let mut out = PanelSettings::default();
    let mut rejected = Vec::new();
    if let Some(settings) = out.of_mut(slide.info().panel) {
        for s in of(slide).iter().take(k + 1) {
            rejected.extend(apply(settings, &s.pairs()));
        }
    }
    (out, rejected)
}

/// Whether the settings of `slide`'s panel in `now` differ from those step
/// `k` shows, on a step of a slide with keyframes that shows its panel (the
/// "changed" mark; a text step shows no settings to have changed).
pub fn changed(slide: SlideId, k: usize, now: &PanelSettings) -> bool {
    let text = get(slide, k).is_none_or(|s| s.shows().is_text());
    !text && scripted(slide) && !shows_values(slide, k, now)
}

/// Whether `now` holds the settings step `k` of `slide` shows, for its panel.
pub fn shows_values(slide: SlideId, k: usize, now: &PanelSettings) -> bool {
    let panel = slide.info().panel;
    let (want, _) = values(slide, k);
    let pairs = |p: &PanelSettings| p.of(panel).map(|s| s.pairs());
    pairs(now) == pairs(&want)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::markup::{parse, units};

    /// How many items a part has, for its ranges (`usize::MAX`: no items).
    fn items(s: &crate::deck::slides::SlideInfo, part: &str) -> usize {
        match part {
            NOTES => units(&parse(TextLang::Zh.t(&format!("{}.notes", s.key)))),
            CONTEXT => units(&parse(TextLang::En.t(&format!("{}.context", s.key)))),
            "list" if s.panel == Panel::References => crate::model::sources::SOURCES.len(),
            "models" if s.panel == Panel::Models => crate::model::takeaways::MODALITIES.len(),
            "table" if s.panel == Panel::Alternatives => crate::model::chips::CHIPS.len(),
            _ => usize::MAX,
        }
    }

    #[test]
    fn clock_text_reads_as_a_stopwatch() {
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(65), "1:05");
        assert_eq!(clock_text(3600 + 61), "1:01:01");
    }

    #[test]
    fn pace_compares_the_elapsed_time_with_the_planned_steps() {
        let (start, own) = planned(SlideId::first(), 0);
        assert_eq!(start, 0);
        assert_eq!(own, u32::from(of(SlideId::first())[0].secs));
        assert_eq!(pace(0, 0, SlideId::first(), 0), Pace::OnTime);
        let slide = SlideId::Precision;
        let (start, own) = planned(slide, 2);
        let sum: u32 = in_deck_order()
            .take(position(slide, 2))
            .map(|s| u32::from(s.secs))
            .sum();
        assert_eq!(start, sum);
        assert!(own > 0);
        assert_eq!(pace(start - 10, 0, slide, 2), Pace::Ahead(10));
        assert_eq!(pace(start + own, 0, slide, 2), Pace::OnTime);
        assert_eq!(pace(start + own + 7, 0, slide, 2), Pace::Behind(7));
        // A timer started on this step: on time at 0:00, behind once the
        // step's own time is over.
        let here = position(slide, 2);
        assert_eq!(pace(0, here, slide, 2), Pace::OnTime);
        assert_eq!(pace(own + 5, here, slide, 2), Pace::Behind(5));
        // Started on precision's third step (explorer, 75 s), two steps on
        // (the fifth, after 75 + 30 s planned) at 0:10: 95 s ahead.
        assert_eq!(
            (of(slide)[2].secs, of(slide)[3].secs),
            (75, 30),
            "content/slides/precision/steps.csv"
        );
        assert_eq!(pace(10, here, slide, 4), Pace::Ahead(95));
        // Going back before the start: that step is due at once.
        assert_eq!(pace(0, here, slide, 1), Pace::OnTime);
        // The whole plan is the sum of every step's time.
        let last = SlideId::last();
        let k = count(last) - 1;
        let (s, o) = planned(last, k);
        assert_eq!(s + o, STEPS.iter().map(|s| u32::from(s.secs)).sum::<u32>());
    }

    #[test]
    fn every_slide_has_steps_and_every_step_is_a_slides() {
        for s in SLIDES {
            assert!(!of(s.id).is_empty(), "{} has no steps", s.key);
        }
        assert_eq!(
            in_deck_order().count(),
            STEPS.len(),
            "a folder names no slide"
        );
        assert_eq!(total(), STEPS.len());
    }

    #[test]
    fn every_part_is_the_slides_and_every_range_is_within_it() {
        for s in SLIDES {
            for step in of(s.id) {
                let shows = parse_part(step.part)
                    .unwrap_or_else(|| panic!("{}: bad part `{}`", s.slug, step.part));
                let where_ = format!("{} `{}`", s.slug, step.part);
                let items = match shows.part {
                    NOTES => {
                        assert!(s.has_notes, "{where_}: the slide has no notes");
                        let n = |l: TextLang| units(&parse(l.t(&format!("{}.notes", s.key))));
                        assert_eq!(n(TextLang::Zh), n(TextLang::En), "{where_}: zh and en");
                        n(TextLang::Zh)
                    }
                    CONTEXT => {
                        assert!(s.has_context, "{where_}: the slide has no context");
                        items(s, CONTEXT)
                    }
                    part if items(s, part) < usize::MAX => items(s, part),
                    _ => {
                        for id in shows.parts() {
                            assert!(
                                parts(s.panel).iter().any(|p| p.id == id),
                                "{where_}: `{id}` is not a part of the panel"
                            );
                        }
                        assert!(
                            shows.range.is_none(),
                            "{where_}: a range of a part without items"
                        );
                        usize::MAX
                    }
                };
                if let Some((_, b)) = shows.range {
                    assert!(b <= items, "{where_}: past the {items} items");
                }
                for t in step.title.iter().chain(step.cue.iter()) {
                    assert!(!t.contains("  "), "{where_}: doubled space in `{t}`");
                }
            }
        }
    }

    #[test]
    fn a_list_split_across_steps_shows_every_item_once() {
        for s in SLIDES {
            let mut seen: Vec<(&str, usize)> = Vec::new();
            for step in of(s.id) {
                let shows = step.shows();
                if let Some((a, b)) = shows.range {
                    for i in a..=b {
                        assert!(!seen.contains(&(shows.part, i)), "{} item {i}", s.slug);
                        seen.push((shows.part, i));
                    }
                }
            }
            for part in [NOTES, CONTEXT, "list", "models", "table"] {
                let n = seen.iter().filter(|(p, _)| *p == part).count();
                if n > 0 {
                    assert_eq!(n, items(s, part), "{} {part}: items missing", s.slug);
                }
            }
        }
    }

    #[test]
    fn every_part_of_every_panel_has_a_step_and_every_key_a_part() {
        let d = PanelSettings::default();
        for settings in d.all() {
            for k in settings.keys() {
                let shown = SLIDES.iter().any(|s| {
                    d.of(s.panel).is_some_and(|o| o.keys() == settings.keys())
                        && showing(s.id, k).is_some()
                });
                assert!(shown, "no step of a slide with `{k}` shows it");
            }
        }
        for s in SLIDES {
            let own = d.of(s.panel).map(|o| o.keys()).unwrap_or_default();
            for p in parts(s.panel) {
                for k in p.keys {
                    assert!(
                        own.contains(k),
                        "{} `{}`: `{k}` is not the panel's",
                        s.slug,
                        p.id
                    );
                }
            }
            for p in parts(s.panel) {
                assert!(
                    of(s.id).iter().any(|st| st.shows().has_part(p.id)),
                    "{}: part `{}` is in no step",
                    s.slug,
                    p.id
                );
            }
        }
    }

    #[test]
    fn a_part_cell_must_name_the_slides_text_or_its_panels_parts() {
        for ok in [
            "notes",
            "notes 1-4",
            "context",
            "explorer",
            "speed+roofline",
            "table",
        ] {
            assert!(names_parts(SlideId::Precision, ok), "{ok}");
        }
        for bad in [
            "",
            "explorr",
            "speed+",
            "+speed",
            "speed++roofline",
            "chart",
            "notes+context",
            "list 1-3",
        ] {
            assert!(!names_parts(SlideId::Precision, bad), "{bad}");
        }
        assert!(names_parts(SlideId::References, "list 1-10"));
        assert!(
            !names_parts(SlideId::Intro, "list"),
            "a slide without a panel has no parts"
        );
    }

    #[test]
    fn every_keyframe_applies_without_a_rejected_pair() {
        for s in SLIDES {
            for (k, step) in of(s.id).iter().enumerate() {
                let (_, rejected) = values(s.id, k);
                assert!(
                    rejected.is_empty(),
                    "{} step {}: {rejected:?}",
                    s.slug,
                    k + 1
                );
                if !step.set.is_empty() {
                    assert!(PanelSettings::default().of(s.panel).is_some(), "{}", s.slug);
                }
            }
        }
    }

    #[test]
    fn keyframes_accumulate_from_the_defaults() {
        let slide = SlideId::Depreciation;
        let first = of(slide)
            .iter()
            .position(|s| !s.set.is_empty())
            .expect("the depreciation slide is scripted");
        let (a, _) = values(slide, first);
        let (later, _) = values(slide, count(slide) - 1);
        assert!(!changed(slide, first, &a));
        // A hand change is a change; the step's values restore it.
        let mut hand = a.clone();
        hand.depreciation.hw_hundredths += 10;
        assert!(changed(slide, first, &hand));
        // Steps without a keyframe keep the ones before them.
        let last_set = of(slide).iter().rposition(|s| !s.set.is_empty()).unwrap();
        assert_eq!(values(slide, last_set).0, later);
        // A slide without a script is never changed, nor is a text step.
        assert!(!changed(SlideId::Intro, 0, &hand));
        assert!(!changed(slide, 0, &hand));
    }

    #[test]
    fn a_key_finds_the_first_step_that_shows_it() {
        let explorer = of(SlideId::Precision)
            .iter()
            .position(|s| s.shows().part == "explorer")
            .unwrap();
        assert_eq!(showing(SlideId::Precision, "fmt"), Some(explorer));
        assert_eq!(showing(SlideId::Precision, "pue"), None);
        assert_eq!(showing(SlideId::Intro, "fmt"), None);
    }

    #[test]
    fn parts_parse() {
        let p = |s| parse_part(s);
        assert_eq!(
            p("notes 2-4"),
            Some(Shows {
                part: "notes",
                range: Some((2, 4))
            })
        );
        assert_eq!(p("chart").map(|s| s.range), Some(None));
        for bad in ["", "notes 0-2", "notes 3-2", "notes x", "notes 1-2 3"] {
            assert_eq!(p(bad), None, "{bad}");
        }
        let s = Shows {
            part: "notes",
            range: Some((2, 3)),
        };
        assert!(!s.has_item(1) && s.has_item(2) && s.has_item(3) && !s.has_item(4));
    }

    #[test]
    fn positions_count_the_whole_deck() {
        assert_eq!(position(SlideId::first(), 0), 0);
        let last = SlideId::last();
        assert_eq!(position(last, count(last) - 1), total() - 1);
        assert_eq!(position(last, 99), total() - 1);
    }
}
