//! The URL hash codec: `#/{slide}/{step}?{key}={value}&...`. Pure: no web
//! dependencies.
//!
//! The hash holds the slide, its step (counted from 1) and every setting
//! that differs from its default, so a view can be shared as a link. A link
//! without a step opens the step its settings imply: the first that shows
//! the first of them, or the first step; the step is written only when it
//! is another one. Parsing never fails: each unknown or
//! invalid part falls back to its default, field by field, and is reported in
//! `Parsed::ignored` so the page can say what it ignored.

use std::fmt;

use crate::deck::i18n::Lang;
use crate::deck::panels::PanelSettings;
use crate::deck::slides::SlideId;
use crate::deck::steps;
use crate::model::settings::pairs_from;

/// The colour theme the reader chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    #[default]
    System,
    Light,
    Dark,
    /// Black on white with darker colours, for a washed-out projector: body
    /// text at 7:1 or more.
    Contrast,
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::System, Theme::Light, Theme::Dark, Theme::Contrast];

    pub fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Contrast => "contrast",
        }
    }

    /// The opposite of what is shown now (the `t` key). `system_dark` says
    /// whether the system prefers dark.
    pub fn toggled(self, system_dark: bool) -> Theme {
        let dark_now = match self {
            Theme::System => system_dark,
            Theme::Light | Theme::Contrast => false,
            Theme::Dark => true,
        };
        if dark_now {
            Theme::Light
        } else {
            Theme::Dark
        }
    }
}

impl std::str::FromStr for Theme {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Theme::ALL.into_iter().find(|t| t.id() == s).ok_or(())
    }
}

/// The two views of the deck: one step at a time on a 16:9 stage, or the
/// whole slide as one scrolling page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Present,
    Read,
}

impl View {
    pub const ALL: [View; 2] = [View::Present, View::Read];

    pub fn id(self) -> &'static str {
        match self {
            View::Present => "present",
            View::Read => "read",
        }
    }

    /// The default for a screen: Present on wide landscape screens.
    pub fn default_for(wide: bool) -> View {
        if wide {
            View::Present
        } else {
            View::Read
        }
    }

    pub fn other(self) -> View {
        match self {
            View::Present => View::Read,
            View::Read => View::Present,
        }
    }
}

impl std::str::FromStr for View {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        View::ALL.into_iter().find(|v| v.id() == s).ok_or(())
    }
}

/// The handout (`print=steps`, `print=speaker`): every step of the deck, each
/// on its own page, the second with the speaker notes under each step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Print {
    Steps,
    /// Each step with its speaker notes under it.
    WithSpeakerNotes,
}

impl Print {
    pub const ALL: [Print; 2] = [Print::Steps, Print::WithSpeakerNotes];

    pub fn id(self) -> &'static str {
        match self {
            Print::Steps => "steps",
            Print::WithSpeakerNotes => "speaker",
        }
    }
}

impl std::str::FromStr for Print {
    type Err = ();
    /// Also reads `notes`, which links before the speaker notes had a name
    /// of their own wrote.
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "notes" => Ok(Print::WithSpeakerNotes),
            _ => Print::ALL.into_iter().find(|v| v.id() == s).ok_or(()),
        }
    }
}

/// Everything the URL holds.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Route {
    pub slide: SlideId,
    /// The step of the slide, from 0 (the link counts from 1).
    pub step: usize,
    /// The view, when it is not the screen's default.
    pub view: Option<View>,
    pub lang: Lang,
    pub theme: Theme,
    /// Speaker notes shown.
    pub speaker: bool,
    /// This window is the presenter's (`presenter=1`): current step, next
    /// step, notes and timer; it mirrors the audience window.
    pub presenter: bool,
    /// This window is the presenter's preview of the next step
    /// (`preview=1`): no keys, no sync, not stored.
    pub preview: bool,
    /// This window shows the handout (`print=`), for printing.
    pub print: Option<Print>,
    /// Every panel's settings; the hash holds those of the slide's panel.
    pub settings: PanelSettings,
}

/// The keys of the route itself; no panel may use them.
pub const GENERAL_KEYS: [&str; 8] = [
    "lang",
    "theme",
    "speaker",
    "notes",
    "view",
    "presenter",
    "preview",
    "print",
];

/// A parsed hash: the route, whether the hash set language and theme (so the
/// stored choice applies where it did not), and the parts it ignored.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Parsed {
    pub route: Route,
    pub has_lang: bool,
    pub has_theme: bool,
    /// Each ignored part, shortened for display.
    pub ignored: Vec<String>,
}

/// The most ignored parts a notice names; the rest are counted. (A link of
/// thousands of bad parts named them all: a notice taller than the window,
/// its dismiss button out of reach.)
pub const NOTICE_PARTS: usize = 8;

/// The ignored parts as a notice names them: the first [`NOTICE_PARTS`]
/// joined with commas, and how many more there are.
pub fn notice_list(parts: &[String]) -> (String, usize) {
    let named: Vec<&str> = parts
        .iter()
        .take(NOTICE_PARTS)
        .map(String::as_str)
        .collect();
    (named.join(", "), parts.len().saturating_sub(NOTICE_PARTS))
}

/// Longest piece of an ignored part shown back to the reader, in characters.
const READABLE_CHARS: usize = 40;

/// A part of a link or setting as shown back to the reader: decoded,
/// without control characters, at most `READABLE_CHARS` long.
pub fn readable(s: &str) -> String {
    let decoded = percent_decode(s);
    let mut out: String = decoded
        .chars()
        .filter(|c| !c.is_control())
        .take(READABLE_CHARS)
        .collect();
    if decoded.chars().count() > READABLE_CHARS {
        out.push('…');
    }
    out
}

/// Decodes `%XX` escapes; invalid escapes and invalid UTF-8 are kept or replaced.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Parsed {
    /// Parses a location hash (with or without its leading `#`).
    pub fn from_hash(hash: &str) -> Parsed {
        let mut p = Parsed::default();
        let body = hash.strip_prefix('#').unwrap_or(hash);
        let body = body.strip_prefix('/').unwrap_or(body);
        let (path, query) = match body.split_once('?') {
            Some((a, b)) => (a, b),
            None => (body, ""),
        };
        let path = path.trim_end_matches('/');
        let (slug, step) = match path.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (path, None),
        };
        let mut slide_ok = true;
        if !slug.is_empty() {
            match percent_decode(slug).parse::<SlideId>() {
                Ok(s) => p.route.slide = s,
                Err(()) => {
                    slide_ok = false;
                    p.ignored.push(readable(path));
                }
            }
        }
        // The step, counted from 1 in the link; one that is not a step of
        // the slide falls back to the first.
        let mut has_step = false;
        if let (Some(step), true) = (step, slide_ok) {
            match step.parse::<usize>() {
                Ok(n) if (1..=steps::count(p.route.slide)).contains(&n) => {
                    p.route.step = n - 1;
                    has_step = true;
                }
                _ => p.ignored.push(format!("/{}", readable(step))),
            }
        }
        // A link to a step opens the step as scripted: its keyframes'
        // values, which the link's own settings then override.
        if has_step {
            p.route.settings = steps::values(p.route.slide, p.route.step).0;
        }
        let mut seen: Vec<&str> = Vec::new();
        // Keys that other values are checked against come first (precision's
        // `fmt` before its `code`).
        let settings = PanelSettings::default();
        let first =
            |part: &&str| settings.applies_first(part.split_once('=').map_or(part, |kv| kv.0));
        let nonempty = || query.split('&').filter(|s| !s.is_empty());
        let parts = nonempty()
            .filter(first)
            .chain(nonempty().filter(|part| !first(part)));
        for part in parts {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            // `notes=1` is what links wrote for the speaker notes before
            // they had a name of their own.
            let k = if k == "notes" { "speaker" } else { k };
            if seen.contains(&k) {
                p.ignored.push(readable(part));
                continue;
            }
            let ok = match k {
                "lang" => v.parse().map(|l| p.route.lang = l).is_ok(),
                "theme" => v.parse().map(|t| p.route.theme = t).is_ok(),
                "speaker" if v == "1" || v == "0" => {
                    p.route.speaker = v == "1";
                    true
                }
                "view" => v.parse().map(|w| p.route.view = Some(w)).is_ok(),
                "presenter" if v == "1" || v == "0" => {
                    p.route.presenter = v == "1";
                    true
                }
                "preview" if v == "1" || v == "0" => {
                    p.route.preview = v == "1";
                    true
                }
                "print" => v.parse().map(|w| p.route.print = Some(w)).is_ok(),
                _ => p.route.settings.set(k, &percent_decode(v)),
            };
            p.has_lang |= ok && k == "lang";
            p.has_theme |= ok && k == "theme";
            if ok {
                seen.push(k);
            } else {
                p.ignored.push(readable(part));
            }
        }
        if !has_step {
            p.route.step = p.route.implied_step();
        }
        p
    }
}

impl Route {
    /// The step a link without one opens: the first that shows the first
    /// setting the link writes, or the first step.
    pub fn implied_step(&self) -> usize {
        self.settings
            .of(self.slide.info().panel)
            .and_then(|s| s.pairs().first().map(|(k, _)| *k))
            .and_then(|k| steps::showing(self.slide, k))
            .unwrap_or(0)
    }
}

impl fmt::Display for Route {
    /// The canonical hash: the step unless the settings imply it, and only
    /// the settings that differ from what the link without them opens: the
    /// step's scripted values when the step is written, else the defaults.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = Route::default();
        write!(f, "#/{}", self.slide)?;
        let step_written = self.step != self.implied_step();
        if step_written {
            write!(f, "/{}", self.step + 1)?;
        }
        let mut sep = '?';
        let mut param = |f: &mut fmt::Formatter<'_>, k: &str, v: &str| {
            let r = write!(f, "{sep}{k}={v}");
            sep = '&';
            r
        };
        if self.lang != d.lang {
            param(f, "lang", self.lang.id())?;
        }
        if self.theme != d.theme {
            param(f, "theme", self.theme.id())?;
        }
        if self.speaker != d.speaker {
            param(f, "speaker", "1")?;
        }
        if let Some(v) = self.view {
            param(f, "view", v.id())?;
        }
        if self.presenter {
            param(f, "presenter", "1")?;
        }
        if self.preview {
            param(f, "preview", "1")?;
        }
        if let Some(w) = self.print {
            param(f, "print", w.id())?;
        }
        let panel = self.slide.info().panel;
        if let Some(own) = self.settings.of(panel) {
            let pairs = if step_written {
                let scripted = steps::values(self.slide, self.step).0;
                let base = scripted.of(panel).map(|b| b.texts()).unwrap_or_default();
                pairs_from(&own.texts(), &base)
            } else {
                own.pairs()
            };
            for (k, v) in pairs {
                param(f, k, &v)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::slides::SLIDES;
    use crate::model::bandwidth::BandwidthSettings;
    use crate::model::depreciation::DepreciationSettings;
    use crate::model::economics::EconomicsSettings;
    use crate::model::ladder::{LadderSettings, Lens};
    use crate::model::memory::MemorySettings;
    use crate::model::settings::DynSettings;

    #[test]
    fn a_step_outside_the_slide_falls_back_to_the_first_and_is_reported() {
        for bad in ["0", "99", "x", "-1", "2.5", ""] {
            let p = Parsed::from_hash(&format!("#/precision/{bad}?lang=en"));
            assert_eq!(p.route.slide, SlideId::Precision, "{bad}");
            assert_eq!(p.route.step, 0, "{bad}");
            assert_eq!(p.route.lang, Lang::En);
            if !bad.is_empty() {
                assert_eq!(p.ignored, vec![format!("/{bad}")]);
            }
        }
        let p = Parsed::from_hash("#/precision/2");
        assert_eq!(
            (p.route.step, p.route.to_string()),
            (1, "#/precision/2".into())
        );
        // An explicit step wins over the step a setting would choose.
        let p = Parsed::from_hash("#/precision/1?fmt=e5m2");
        assert_eq!(p.route.step, 0);
        let p = Parsed::from_hash("#/precision?fmt=e5m2");
        assert_eq!(
            Some(p.route.step),
            steps::showing(SlideId::Precision, "fmt")
        );
        assert!(p.route.step > 0);
        // The view.
        let p = Parsed::from_hash("#/intro?view=read");
        assert_eq!(p.route.view, Some(View::Read));
        let p = Parsed::from_hash("#/intro?view=slides");
        assert_eq!(
            (p.route.view, p.ignored),
            (None, vec!["view=slides".into()])
        );
    }

    #[test]
    fn every_route_round_trips() {
        for s in SLIDES {
            for lang in Lang::ALL {
                for theme in Theme::ALL {
                    for speaker in [false, true] {
                        for step in 0..steps::count(s.id) {
                            for view in [None, Some(View::Read), Some(View::Present)] {
                                let r = Route {
                                    slide: s.id,
                                    step,
                                    view,
                                    lang,
                                    theme,
                                    speaker,
                                    presenter: step % 2 == 1,
                                    preview: step % 3 == 2,
                                    print: [
                                        None,
                                        Some(Print::Steps),
                                        Some(Print::WithSpeakerNotes),
                                    ]
                                    .get(step % 4)
                                    .copied()
                                    .flatten(),
                                    ..Route::default()
                                };
                                let p = Parsed::from_hash(&r.to_string());
                                assert_eq!(p.route, r);
                                assert!(p.ignored.is_empty(), "{r}: {:?}", p.ignored);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Each panel's examples, each set into otherwise default settings:
    /// every panel of `PanelSettings::all`, which names every field.
    fn examples() -> Vec<PanelSettings> {
        let panels = PanelSettings::default().all().len();
        let mut out = Vec::new();
        for i in 0..panels {
            let count = PanelSettings::default().all()[i].example_count();
            assert!(count > 0, "panel {i} has no examples");
            for k in 0..count {
                let mut p = PanelSettings::default();
                p.all_mut()[i].become_example(k);
                assert_ne!(p, PanelSettings::default(), "panel {i}, example {k}");
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn every_panels_settings_round_trip_through_the_link_of_each_slide_that_shows_them() {
        let all = examples();
        let mut tested = 0;
        for settings in &all {
            let mut shown_somewhere = false;
            for s in SLIDES {
                let Some(own) = settings.of(s.panel) else {
                    continue;
                };
                let pairs = own.pairs();
                if pairs.is_empty() {
                    continue;
                }
                shown_somewhere = true;
                // Every key the panel owns is written in link order.
                let keys = own.keys();
                let at = |k: &str| keys.iter().position(|x| *x == k);
                assert!(
                    pairs.windows(2).all(|w| at(w[0].0) < at(w[1].0)),
                    "{pairs:?}"
                );
                let mut r = Route {
                    slide: s.id,
                    lang: Lang::En,
                    settings: settings.clone(),
                    ..Route::default()
                };
                // The link opens the step that shows its first key, and
                // writes no step for it.
                r.step = steps::showing(s.id, pairs[0].0).unwrap_or(0);
                let p = Parsed::from_hash(&r.to_string());
                assert!(p.ignored.is_empty(), "{r}: {:?}", p.ignored);
                assert_eq!(p.route, r, "{r}");
                assert!(!r.to_string().contains(&format!("/{}", r.step + 1)), "{r}");
                // Any other step is written.
                for step in 0..steps::count(s.id) {
                    let other = Route { step, ..r.clone() };
                    assert_eq!(
                        Parsed::from_hash(&other.to_string()).route,
                        other,
                        "{other}"
                    );
                }
                // The same pairs applied as data (a step's keyframe) give the same settings.
                let mut applied = PanelSettings::default();
                let kv: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                for (k, v) in &kv {
                    assert!(applied.set(k, v), "{k}={v}");
                }
                assert_eq!(&applied, settings);
            }
            assert!(shown_somewhere, "{settings:?}");
            tested += 1;
        }
        // Every key of every panel is set by some example.
        let d = PanelSettings::default();
        for (i, s) in d.all().iter().enumerate() {
            for k in s.keys() {
                let set = all
                    .iter()
                    .any(|e| e.all()[i].pairs().iter().any(|(key, _)| *key == k));
                assert!(set, "no example sets `{k}`");
            }
        }
        assert_eq!(tested, all.len());
    }

    /// The link text of `key` in `route`'s panel settings.
    fn text_of(route: &Route, key: &str) -> Option<String> {
        let own = route.settings.of(route.slide.info().panel)?;
        own.texts()
            .into_iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v)
    }

    /// The values are those of each slide's `steps.csv`, written out.
    #[test]
    fn a_bare_step_link_opens_the_step_as_scripted() {
        let cases: [(&str, &[(&str, &str)]); 7] = [
            ("#/precision/5", &[("fmt", "e2m1")]),
            ("#/precision/7", &[("fmt", "e2m1"), ("chip", "b200")]),
            ("#/precision/8", &[("fmt", "e2m1"), ("chip", "tpu-v6e")]),
            ("#/rent-vs-buy/5", &[("util", "30")]),
            (
                "#/bandwidth/4",
                &[("link", "pcie5"), ("gb", "140"), ("gpus", "8")],
            ),
            ("#/memory/5", &[("params_b", "70"), ("wfmt", "fp8")]),
            (
                "#/resources/4",
                &[("tdp", "1000"), ("power", "1.8"), ("pue", "1.1")],
            ),
        ];
        for (hash, want) in cases {
            let p = Parsed::from_hash(hash);
            assert!(p.ignored.is_empty(), "{hash}: {:?}", p.ignored);
            for (k, v) in want {
                assert_eq!(text_of(&p.route, k).as_deref(), Some(*v), "{hash} {k}");
            }
            let r = &p.route;
            assert!(!steps::changed(r.slide, r.step, &r.settings), "{hash}");
            // And it is written back as it came, unless its settings imply
            // the step (the first step that shows `util` sets it to 30).
            let written = if hash == "#/rent-vs-buy/5" {
                "#/rent-vs-buy?util=30"
            } else {
                hash
            };
            assert_eq!(r.to_string(), written);
            assert_eq!(Parsed::from_hash(written).route, *r);
        }
        // The ladder's lens, a choice of the panel.
        let p = Parsed::from_hash("#/ladder/5");
        assert_eq!(p.route.settings.ladder.lens, Lens::Computerisation2013);
        // The link's own settings override the step's, and only then is the
        // step changed.
        let p = Parsed::from_hash("#/precision/7?chip=h100");
        assert_eq!(text_of(&p.route, "chip").as_deref(), Some("h100"));
        assert_eq!(text_of(&p.route, "fmt").as_deref(), Some("e2m1"));
        assert!(steps::changed(
            p.route.slide,
            p.route.step,
            &p.route.settings
        ));
        assert_eq!(p.route.to_string(), "#/precision/7?chip=h100");
        // A default value the step changed is written out.
        let p = Parsed::from_hash("#/precision/8?fmt=bf16");
        assert_eq!(text_of(&p.route, "fmt").as_deref(), Some("bf16"));
        assert_eq!(p.route.to_string(), "#/precision/8?fmt=bf16");
        // Every step of every slide: the bare link holds the step's values.
        for s in SLIDES {
            for k in 0..steps::count(s.id) {
                let hash = format!("#/{}/{}", s.slug, k + 1);
                let r = Parsed::from_hash(&hash).route;
                assert_eq!(r.settings, steps::values(s.id, k).0, "{hash}");
                assert!(!steps::changed(s.id, k, &r.settings), "{hash}");
            }
        }
    }

    #[test]
    fn defaults_are_left_out_of_the_hash() {
        assert_eq!(Route::default().to_string(), "#/intro");
        let r = Route {
            slide: SlideId::Precision,
            lang: Lang::En,
            ..Route::default()
        };
        assert_eq!(r.to_string(), "#/precision?lang=en");
    }

    #[test]
    fn empty_hash_is_the_first_slide_without_complaint() {
        for h in ["", "#", "#/", "/"] {
            let p = Parsed::from_hash(h);
            assert_eq!(p.route, Route::default());
            assert!(p.ignored.is_empty());
        }
    }

    #[test]
    fn invalid_hash_falls_back_to_defaults_field_by_field() {
        let p = Parsed::from_hash("#/nowhere?lang=xx&theme=dark&zoom=3&&=&notes=maybe");
        assert_eq!(p.route.slide, SlideId::Intro);
        assert_eq!(p.route.lang, Lang::default());
        assert_eq!(p.route.theme, Theme::Dark);
        assert!(!p.route.speaker);
        assert_eq!(
            p.ignored,
            vec!["nowhere", "lang=xx", "zoom=3", "=", "notes=maybe"]
        );
    }

    #[test]
    fn precision_contract_links_parse() {
        use crate::model::formats::Format;
        let p = Parsed::from_hash("#/precision?fmt=e4m3&code=0x7e");
        assert!(p.ignored.is_empty(), "{:?}", p.ignored);
        assert_eq!(p.route.slide, SlideId::Precision);
        assert_eq!(p.route.settings.precision.fmt, Format::E4m3);
        assert_eq!(p.route.settings.precision.code, Some(0x7e));
        assert_eq!(p.route.to_string(), "#/precision?fmt=e4m3&code=0x7e");
        let x = Parsed::from_hash("#/precision?x=0.1&fmt=bf16");
        assert_eq!(x.route.settings.precision.typed.as_deref(), Some("0.1"));
        assert_eq!(x.route.to_string(), "#/precision?x=0.1");
    }

    #[test]
    fn rent_vs_buy_contract_link_parses_and_round_trips() {
        // The keys of the earlier links keep working.
        let h = "#/rent-vs-buy?price=40000&life=4&util=70&kwh=0.12&pue=1.1&tdp=1000&rent=4.86";
        let p = Parsed::from_hash(h);
        assert!(p.ignored.is_empty(), "{:?}", p.ignored);
        let c = &p.route.settings.economics;
        assert_eq!(
            (c.price_usd, c.life_tenths, c.util_tenths),
            (40000, 40, 700)
        );
        assert_eq!(
            (c.kwh_thousandths, c.pue_hundredths, c.tdp_w, c.rent_cents),
            (120, 110, 1000, 486)
        );
        assert_eq!(p.route.to_string(), h);
        // The same settings show on the power slide, and nowhere else.
        let power = Route {
            slide: SlideId::Resources,
            step: 0,
            ..p.route.clone()
        };
        assert!(power.to_string().starts_with("#/resources?price=40000"));
        let intro = Route {
            slide: SlideId::Intro,
            step: 0,
            ..p.route.clone()
        };
        assert_eq!(intro.to_string(), "#/intro");
        // Utilization may have one decimal (62.5 %), and keeps it.
        let tenth = Parsed::from_hash("#/rent-vs-buy?util=62.5");
        assert_eq!(tenth.route.settings.economics.util_tenths, 625);
        assert_eq!(tenth.route.to_string(), "#/rent-vs-buy?util=62.5");
        let bad = Parsed::from_hash("#/rent-vs-buy?price=-5&util=150&kwh=abc&rent=2.5");
        assert_eq!(bad.route.settings.economics, EconomicsSettings::default());
        assert_eq!(bad.ignored, vec!["price=-5", "util=150", "kwh=abc"]);
        // The full contract: basis, write-off and power factor too.
        let full = "#/rent-vs-buy?price=15000&basis=gpu&amort=line&life=3&util=50&kwh=0.1&pue=1.1&tdp=400&power=2.03&rent=3.29";
        let p = Parsed::from_hash(full);
        assert!(p.ignored.is_empty(), "{:?}", p.ignored);
        let c = &p.route.settings.economics;
        use crate::model::economics::{Amort, Basis};
        assert_eq!(
            (c.basis, c.amort, c.power_hundredths),
            (Basis::Gpu, Amort::Line, 203)
        );
        assert_eq!(p.route.to_string(), full);
        let bad = Parsed::from_hash("#/rent-vs-buy?basis=rack&amort=fast&power=9");
        assert_eq!(bad.ignored, vec!["basis=rack", "amort=fast", "power=9"]);
        assert_eq!(bad.route.settings.economics, EconomicsSettings::default());
    }

    #[test]
    fn bandwidth_contract_link_parses_and_round_trips() {
        let h = "#/bandwidth?link=nic400&gb=100&gpus=16";
        let p = Parsed::from_hash(h);
        assert!(p.ignored.is_empty(), "{:?}", p.ignored);
        let b = &p.route.settings.bandwidth;
        assert_eq!(b.link().map(|l| l.id), Some("nic400"));
        assert_eq!((b.gb_tenths, b.gpus), (1000, 16));
        assert_eq!(p.route.to_string(), h);
        let bad = Parsed::from_hash("#/bandwidth?link=nvlink9&gb=0&gpus=x");
        assert_eq!(bad.route.settings.bandwidth, BandwidthSettings::default());
        assert_eq!(bad.ignored.len(), 3);
    }

    #[test]
    fn memory_link_round_trips_and_bad_parts_fall_back() {
        let mut m = MemorySettings::default();
        assert!(m.set("train", "1"));
        assert!(m.set("ctx", "32768"));
        let r = Route {
            slide: SlideId::Memory,
            settings: PanelSettings {
                memory: m,
                ..PanelSettings::default()
            },
            ..Route::default()
        };
        let again = Parsed::from_hash(&r.to_string());
        assert!(again.ignored.is_empty());
        assert_eq!(again.route, r);
        let bad = Parsed::from_hash("#/memory?train=2&ctx=-1");
        assert_eq!(bad.route.settings.memory, MemorySettings::default());
        assert_eq!(bad.ignored.len(), 2);
    }

    #[test]
    fn depreciation_contract_links_parse_and_round_trip() {
        let p = Parsed::from_hash("#/depreciation?hw=2.1&algo=14&years=3&algo_on=0");
        assert!(p.ignored.is_empty(), "{:?}", p.ignored);
        let d = &p.route.settings.depreciation;
        assert_eq!(
            (d.hw_hundredths, d.algo_tenths, d.years, d.algo_on),
            (210, 140, 3, false)
        );
        assert_eq!(
            p.route.to_string(),
            "#/depreciation?hw=2.1&algo=14&years=3&algo_on=0"
        );
        let bad = Parsed::from_hash("#/depreciation?hw=9&algo=x&years=0");
        assert_eq!(bad.ignored, vec!["hw=9", "algo=x", "years=0"]);
        assert_eq!(
            bad.route.settings.depreciation,
            DepreciationSettings::default()
        );
    }

    #[test]
    fn ladder_lens_link_parses_and_round_trips() {
        for lens in Lens::ALL {
            let r = Route {
                slide: SlideId::Ladder,
                settings: PanelSettings {
                    ladder: LadderSettings { lens },
                    ..PanelSettings::default()
                },
                ..Route::default()
            };
            assert_eq!(Parsed::from_hash(&r.to_string()).route, r);
        }
        let p = Parsed::from_hash("#/ladder?lens=computerisation-2013");
        assert_eq!(p.route.settings.ladder.lens, Lens::Computerisation2013);
        assert_eq!(
            Parsed::from_hash("#/ladder?lens=astrology").ignored,
            vec!["lens=astrology"]
        );
    }

    #[test]
    fn code_is_checked_against_the_format_wherever_it_stands() {
        let p = Parsed::from_hash("#/precision?code=0x1ff&fmt=e4m3");
        assert_eq!(p.ignored, vec!["code=0x1ff"]);
        assert_eq!(p.route.settings.precision.code, None);
    }

    #[test]
    fn panel_settings_stay_out_of_other_slides_links() {
        let mut r = Parsed::from_hash("#/precision?fmt=e2m1&batch=8").route;
        (r.slide, r.step) = (SlideId::Memory, 0);
        assert_eq!(r.to_string(), "#/memory");
        assert_eq!(r.settings.precision.batch, 8, "kept in the state");
    }

    #[test]
    fn repeated_keys_keep_the_first() {
        let p = Parsed::from_hash("#/memory?lang=zh&lang=en");
        assert_eq!(p.route.lang, Lang::Zh);
        assert_eq!(p.ignored, vec!["lang=en"]);
    }

    #[test]
    fn slide_without_slash_and_with_trailing_slash_parse() {
        assert_eq!(Parsed::from_hash("#memory").route.slide, SlideId::Memory);
        assert_eq!(Parsed::from_hash("#/memory/").route.slide, SlideId::Memory);
    }

    #[test]
    fn ignored_parts_are_decoded_and_shortened() {
        let long = "x".repeat(100);
        let p = Parsed::from_hash(&format!("#/{long}"));
        assert_eq!(p.ignored[0].chars().count(), READABLE_CHARS + 1);
        let p = Parsed::from_hash("#/%E4%B8%AD%zz%");
        assert_eq!(p.ignored, vec!["中%zz%"]);
    }

    #[test]
    fn any_bytes_parse_without_panic() {
        let samples = [
            "#/%",
            "#/%F",
            "#/%FF%FE",
            "#?",
            "#??",
            "#/?&&&",
            "#/\u{0}\u{7f}",
            "#/intro?lang",
            "#/😀?😀=😀",
        ];
        for s in samples {
            let _ = Parsed::from_hash(s);
        }
        // Every prefix of a long mixed string as well.
        let s = "#/precision?lang=en&theme=dark&notes=1&x=%E4%B8%AD";
        for i in 0..=s.len() {
            if s.is_char_boundary(i) {
                let _ = Parsed::from_hash(&s[..i]);
            }
        }
    }

    #[test]
    fn the_speaker_notes_are_speaker_1_and_an_older_links_notes_1_opens_them() {
        let p = Parsed::from_hash("#/memory?speaker=1");
        assert!(p.route.speaker && p.ignored.is_empty());
        assert_eq!(p.route.to_string(), "#/memory?speaker=1");
        let p = Parsed::from_hash("#/memory?notes=1");
        assert!(p.route.speaker && p.ignored.is_empty());
        assert_eq!(p.route.to_string(), "#/memory?speaker=1");
        // One key under two names: the first wins, as for any key given twice.
        let p = Parsed::from_hash("#/memory?notes=1&speaker=0");
        assert!(p.route.speaker);
        assert_eq!(p.ignored, vec!["speaker=0".to_string()]);
    }

    #[test]
    fn print_is_a_part_of_this_window_and_a_bad_one_is_ignored() {
        let p = Parsed::from_hash("#/memory?print=speaker");
        assert_eq!(p.route.print, Some(Print::WithSpeakerNotes));
        assert!(p.ignored.is_empty());
        assert_eq!(p.route.to_string(), "#/memory?print=speaker");
        // What older links wrote for it.
        let p = Parsed::from_hash("#/memory?print=notes");
        assert_eq!(p.route.print, Some(Print::WithSpeakerNotes));
        assert_eq!(p.route.to_string(), "#/memory?print=speaker");
        let p = Parsed::from_hash("#/memory?print=all");
        assert_eq!(p.route.print, None);
        assert_eq!(p.ignored, vec!["print=all".to_string()]);
        let shared = crate::deck::sync::shared(&Parsed::from_hash("#/memory?print=steps").route);
        assert_eq!(shared, "#/memory");
    }

    #[test]
    fn a_link_of_many_bad_parts_names_eight_and_counts_the_rest() {
        let hash = format!(
            "#/precision?{}",
            (0..1400)
                .map(|i| format!("x{i}=y"))
                .collect::<Vec<_>>()
                .join("&")
        );
        assert!(hash.len() > 10_000);
        let p = Parsed::from_hash(&hash);
        assert_eq!(p.route.slide, SlideId::Precision);
        assert_eq!(p.ignored.len(), 1400);
        let (named, more) = notice_list(&p.ignored);
        assert_eq!(named, "x0=y, x1=y, x2=y, x3=y, x4=y, x5=y, x6=y, x7=y");
        assert_eq!(more, 1392);
        assert_eq!(notice_list(&p.ignored[..2]), ("x0=y, x1=y".to_string(), 0));
    }
}
