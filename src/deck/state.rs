//! The app's one state and its reducer, plus the keyboard and swipe mappings.
//! Pure: no web dependencies (the Yew `Reducible` impl lives in `app.rs`).

use crate::deck::i18n::Lang;
use crate::deck::route::{Parsed, Route, Theme};
use crate::deck::slides::SlideId;
use crate::model::bandwidth::BandwidthSettings;
use crate::model::depreciation::DepreciationSettings;
use crate::model::economics::EconomicsSettings;
use crate::model::ladder::LadderSettings;
use crate::model::memory::MemorySettings;
use crate::model::precision::PrecisionAction;

/// Which overlay covers the deck, if any. Overlays are not in the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    Overview,
}

/// The whole state of the page.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct State {
    /// What the URL holds.
    pub route: Route,
    pub overlay: Overlay,
    /// Parts of the last loaded link that were ignored; shown until dismissed.
    pub ignored: Vec<String>,
    /// Saved settings that were not understood; shown until dismissed.
    pub ignored_saved: Vec<String>,
    /// Whether the system prefers a dark scheme (for the theme toggle).
    pub system_dark: bool,
}

/// Everything that can change the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Go(SlideId),
    Next,
    Prev,
    First,
    Last,
    SetLang(Lang),
    CycleLang,
    SetTheme(Theme),
    ToggleTheme,
    ToggleSpeaker,
    ToggleHelp,
    ToggleOverview,
    CloseOverlay,
    DismissIgnored,
    /// The location hash changed (load, back/forward, an edited URL).
    /// `stored_lang` and `stored_theme` are the remembered choices, as saved,
    /// applied where the hash sets none.
    Hash {
        hash: String,
        stored_lang: Option<String>,
        stored_theme: Option<String>,
    },
    SystemDark(bool),
    Precision(PrecisionAction),
    /// New depreciation settings (clamped to their ranges).
    Depreciation(DepreciationSettings),
    /// New ladder settings (the lens).
    Ladder(LadderSettings),
    /// New settings of one panel, clamped to their ranges.
    Bandwidth(BandwidthSettings),
    Memory(MemorySettings),
    /// The settings shared by the resources and rent-vs-buy panels.
    Economics(EconomicsSettings),
}

impl State {
    /// The state after `action`. Moving between slides is ignored while an
    /// overlay is open, except through the overview itself (`Go`).
    pub fn reduce(&self, action: Action) -> State {
        let mut s = self.clone();
        let open = s.overlay != Overlay::None;
        let slide = s.route.slide;
        match action {
            Action::Go(id) => {
                s.route.slide = id;
                s.overlay = Overlay::None;
            }
            Action::Next if !open => s.route.slide = slide.next(),
            Action::Prev if !open => s.route.slide = slide.prev(),
            Action::First if !open => s.route.slide = SlideId::first(),
            Action::Last if !open => s.route.slide = SlideId::last(),
            Action::Next | Action::Prev | Action::First | Action::Last => {}
            Action::SetLang(l) => s.route.lang = l,
            Action::CycleLang => s.route.lang = s.route.lang.cycled(),
            Action::SetTheme(t) => s.route.theme = t,
            Action::ToggleTheme => s.route.theme = s.route.theme.toggled(s.system_dark),
            Action::ToggleSpeaker => s.route.speaker = !s.route.speaker,
            Action::ToggleHelp => s.overlay = toggle(s.overlay, Overlay::Help),
            Action::ToggleOverview => s.overlay = toggle(s.overlay, Overlay::Overview),
            Action::CloseOverlay => s.overlay = Overlay::None,
            Action::DismissIgnored => {
                s.ignored.clear();
                s.ignored_saved.clear();
            }
            Action::Hash {
                hash,
                stored_lang,
                stored_theme,
            } => {
                let p = Parsed::from_hash(&hash);
                let mut route = p.route;
                s.ignored_saved.clear();
                let saved_lang = saved("lang", stored_lang, &mut s.ignored_saved);
                let saved_theme = saved("theme", stored_theme, &mut s.ignored_saved);
                if !p.has_lang {
                    route.lang = saved_lang.unwrap_or(route.lang);
                }
                if !p.has_theme {
                    route.theme = saved_theme.unwrap_or(route.theme);
                }
                if route.slide != s.route.slide {
                    s.overlay = Overlay::None;
                }
                s.route = route;
                s.ignored = p.ignored;
            }
            Action::SystemDark(d) => s.system_dark = d,
            Action::Precision(a) => {
                s.route.settings.precision = s.route.settings.precision.update(a)
            }
            Action::Depreciation(p) => s.route.settings.depreciation = p.clamp(),
            Action::Ladder(p) => s.route.settings.ladder = p,
            Action::Bandwidth(p) => s.route.settings.bandwidth = p.clamp(),
            Action::Memory(p) => s.route.settings.memory = p.clamp(),
            Action::Economics(p) => s.route.settings.economics = p.clamp(),
        }
        s
    }
}

/// Parses a saved setting; one that does not parse is reported as `name=value`.
fn saved<T: std::str::FromStr>(
    name: &str,
    value: Option<String>,
    ignored: &mut Vec<String>,
) -> Option<T> {
    let v = value?;
    let parsed = v.parse().ok();
    if parsed.is_none() {
        ignored.push(format!("{name}={}", crate::deck::route::shown(&v)));
    }
    parsed
}

fn toggle(now: Overlay, want: Overlay) -> Overlay {
    if now == want {
        Overlay::None
    } else {
        want
    }
}

/// Where a key press happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A text field, select, slider or editable element: it owns every key.
    Field,
    /// A button or link: it owns Space and Enter.
    Button,
    Other,
}

/// What a key press asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyCommand {
    Do(Action),
    /// Full screen is a browser request, not state.
    Fullscreen,
}

/// Maps a key (`KeyboardEvent.key`) to a command. Keys with Ctrl, Alt or Meta
/// belong to the browser and map to nothing.
pub fn key_command(key: &str, shift: bool, modifier: bool, target: Target) -> Option<KeyCommand> {
    if modifier || target == Target::Field {
        return None;
    }
    let act = |a| Some(KeyCommand::Do(a));
    match key {
        "ArrowRight" | "PageDown" => act(Action::Next),
        "ArrowLeft" | "PageUp" => act(Action::Prev),
        " " | "Spacebar" if target == Target::Button => None,
        " " | "Spacebar" if shift => act(Action::Prev),
        " " | "Spacebar" => act(Action::Next),
        "Home" => act(Action::First),
        "End" => act(Action::Last),
        "?" => act(Action::ToggleHelp),
        "o" | "O" => act(Action::ToggleOverview),
        "s" | "S" => act(Action::ToggleSpeaker),
        "t" | "T" => act(Action::ToggleTheme),
        "l" | "L" => act(Action::CycleLang),
        "f" | "F" => Some(KeyCommand::Fullscreen),
        "Escape" | "Esc" => act(Action::CloseOverlay),
        _ => None,
    }
}

/// Smallest horizontal travel of a swipe, in CSS pixels.
pub const SWIPE_MIN_PX: i32 = 50;

/// Maps a finished touch (travel in CSS pixels) to a slide change: a mostly
/// horizontal swipe to the left goes forward, to the right goes back.
pub fn swipe_action(dx: i32, dy: i32) -> Option<Action> {
    if dx.abs() < SWIPE_MIN_PX || dx.abs() <= dy.abs() * 2 {
        return None;
    }
    Some(if dx < 0 { Action::Next } else { Action::Prev })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(slide: SlideId) -> State {
        State {
            route: Route {
                slide,
                ..Route::default()
            },
            ..State::default()
        }
    }

    #[test]
    fn next_and_prev_move_one_slide_and_stop_at_the_ends() {
        let s = at(SlideId::Intro);
        assert_eq!(s.reduce(Action::Next).route.slide, SlideId::Ingredients);
        assert_eq!(s.reduce(Action::Prev).route.slide, SlideId::Intro);
        assert_eq!(s.reduce(Action::Last).route.slide, SlideId::last());
        assert_eq!(
            at(SlideId::last()).reduce(Action::Next).route.slide,
            SlideId::last()
        );
        assert_eq!(
            at(SlideId::Memory).reduce(Action::First).route.slide,
            SlideId::first()
        );
    }

    #[test]
    fn open_overlay_blocks_paging_but_overview_can_go() {
        let s = at(SlideId::Memory).reduce(Action::ToggleOverview);
        assert_eq!(s.overlay, Overlay::Overview);
        assert_eq!(s.reduce(Action::Next).route.slide, SlideId::Memory);
        let went = s.reduce(Action::Go(SlideId::Phd));
        assert_eq!(went.route.slide, SlideId::Phd);
        assert_eq!(went.overlay, Overlay::None);
    }

    #[test]
    fn help_and_overview_toggle_and_escape_closes() {
        let s = State::default().reduce(Action::ToggleHelp);
        assert_eq!(s.overlay, Overlay::Help);
        assert_eq!(s.reduce(Action::ToggleHelp).overlay, Overlay::None);
        assert_eq!(s.reduce(Action::ToggleOverview).overlay, Overlay::Overview);
        assert_eq!(s.reduce(Action::CloseOverlay).overlay, Overlay::None);
    }

    #[test]
    fn theme_toggle_flips_what_is_shown() {
        let mut s = State {
            system_dark: true,
            ..State::default()
        };
        s = s.reduce(Action::ToggleTheme);
        assert_eq!(s.route.theme, Theme::Light);
        s = s.reduce(Action::ToggleTheme);
        assert_eq!(s.route.theme, Theme::Dark);
        let light_system = State::default().reduce(Action::ToggleTheme);
        assert_eq!(light_system.route.theme, Theme::Dark);
    }

    #[test]
    fn language_cycles_through_all_three() {
        let mut s = State::default();
        let mut seen = vec![s.route.lang];
        for _ in 0..3 {
            s = s.reduce(Action::CycleLang);
            seen.push(s.route.lang);
        }
        assert_eq!(seen[0], seen[3]);
        assert!(Lang::ALL.iter().all(|l| seen.contains(l)));
    }

    #[test]
    fn hash_sets_route_and_reports_ignored_parts() {
        let s = State::default().reduce(Action::Hash {
            hash: "#/memory?lang=en&bogus=1".into(),
            stored_lang: Some("zh".into()),
            stored_theme: Some("dark".into()),
        });
        assert_eq!(s.route.slide, SlideId::Memory);
        assert_eq!(
            s.route.lang,
            Lang::En,
            "the link wins over the stored language"
        );
        assert_eq!(
            s.route.theme,
            Theme::Dark,
            "the stored theme applies where the link sets none"
        );
        assert_eq!(s.ignored, vec!["bogus=1"]);
        assert!(s.reduce(Action::DismissIgnored).ignored.is_empty());
    }

    #[test]
    fn invalid_saved_settings_fall_back_and_are_reported() {
        let s = State::default().reduce(Action::Hash {
            hash: "#/data".into(),
            stored_lang: Some("klingon".into()),
            stored_theme: Some("sepia".into()),
        });
        assert_eq!(s.route.lang, Lang::default());
        assert_eq!(s.route.theme, Theme::default());
        assert_eq!(s.ignored_saved, vec!["lang=klingon", "theme=sepia"]);
        assert!(s.ignored.is_empty());
        let d = s.reduce(Action::DismissIgnored);
        assert!(d.ignored_saved.is_empty());
    }

    #[test]
    fn keys_map_to_the_documented_commands() {
        let k = |key, shift| key_command(key, shift, false, Target::Other);
        assert_eq!(k("ArrowRight", false), Some(KeyCommand::Do(Action::Next)));
        assert_eq!(k("PageDown", false), Some(KeyCommand::Do(Action::Next)));
        assert_eq!(k(" ", false), Some(KeyCommand::Do(Action::Next)));
        assert_eq!(k(" ", true), Some(KeyCommand::Do(Action::Prev)));
        assert_eq!(k("ArrowLeft", false), Some(KeyCommand::Do(Action::Prev)));
        assert_eq!(k("PageUp", false), Some(KeyCommand::Do(Action::Prev)));
        assert_eq!(k("Home", false), Some(KeyCommand::Do(Action::First)));
        assert_eq!(k("End", false), Some(KeyCommand::Do(Action::Last)));
        assert_eq!(k("?", true), Some(KeyCommand::Do(Action::ToggleHelp)));
        assert_eq!(k("o", false), Some(KeyCommand::Do(Action::ToggleOverview)));
        assert_eq!(k("s", false), Some(KeyCommand::Do(Action::ToggleSpeaker)));
        assert_eq!(k("f", false), Some(KeyCommand::Fullscreen));
        assert_eq!(
            k("Escape", false),
            Some(KeyCommand::Do(Action::CloseOverlay))
        );
        assert_eq!(k("x", false), None);
    }

    #[test]
    fn fields_and_modifiers_keep_their_keys() {
        assert_eq!(key_command("ArrowRight", false, false, Target::Field), None);
        assert_eq!(key_command("ArrowRight", false, true, Target::Other), None);
        assert_eq!(key_command(" ", false, false, Target::Button), None);
        assert_eq!(
            key_command("ArrowRight", false, false, Target::Button),
            Some(KeyCommand::Do(Action::Next))
        );
    }

    #[test]
    fn swipes_need_horizontal_travel() {
        assert_eq!(swipe_action(-80, 10), Some(Action::Next));
        assert_eq!(swipe_action(80, -10), Some(Action::Prev));
        assert_eq!(swipe_action(30, 0), None);
        assert_eq!(swipe_action(-80, 60), None);
    }
}
