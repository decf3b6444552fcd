//! The app's one state and its reducer, plus the keyboard and swipe mappings.
//! Pure: no web dependencies (the Yew `Reducible` impl lives in `app.rs`).

use crate::deck::i18n::Lang;
use crate::deck::panels::PanelChange;
use crate::deck::route::{Parsed, Print, Route, Theme, View};
use crate::deck::slides::SlideId;
use crate::deck::steps;
use crate::deck::sync::{self, Blank, StagePoint};

/// Which overlay covers the deck, if any. Overlays are not in the URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    Overview,
    /// The box that finds a slide by number, slug or title (`g`).
    GoTo,
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
    /// Whether the screen is wide and landscape (Present is its default view).
    pub wide: bool,
    /// Counts the keyframes applied, so the panel can animate to them.
    pub keyframe: u32,
    /// The audience screen blanked (`b`, `w`); mirrored between windows.
    pub blank: Blank,
    /// The presenter's pointer on the stage, while it is held.
    pub pointer: Option<StagePoint>,
    /// This window's pointer is on (`q` held, or the presenter's button).
    pub pointing: bool,
    /// Digits typed to jump to a slide by number (then Enter).
    pub digits: String,
    /// The browser refused to open the presenter window.
    pub popup_blocked: bool,
    /// The browser is printing (between `beforeprint` and `afterprint`):
    /// the handout is shown whatever the view.
    pub printing: bool,
}

/// Longest slide number typed (the deck has fewer than 1000 slides).
const MAX_DIGITS: usize = 3;

/// Everything that can change the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The first step of a slide.
    Go(SlideId),
    /// A step of a slide (from 0).
    GoStep(SlideId, usize),
    /// The next step, or the next slide (Read: the next slide).
    Next,
    /// The step before, or the last step of the slide before.
    Prev,
    /// The first step of the next slide.
    NextSlide,
    /// The first step of the slide before.
    PrevSlide,
    First,
    Last,
    /// Present <-> Read.
    ToggleView,
    /// The screen became wide (or stopped being).
    Wide(bool),
    /// The step's own values back, after a hand change.
    Restore,
    SetLang(Lang),
    CycleLang,
    SetTheme(Theme),
    ToggleTheme,
    ToggleSpeaker,
    ToggleHelp,
    ToggleOverview,
    ToggleGoTo,
    CloseOverlay,
    /// Blanks the audience screen black or white; the same again resumes.
    Blank(Blank),

    /// Shows the slide again after a blank.
    Resume,
    /// Another window's view (a shared hash from `sync`, already checked,
    /// and its blank screen): slide, step and settings; language, theme,
    /// notes and view stay this window's.
    Sync {
        hash: String,
        blank: Blank,
    },
    /// The presenter's pointer moved, or was released.
    Pointer(Option<StagePoint>),
    /// This window's pointer switched on or off (off hides it).
    Pointing(bool),
    /// A digit of a slide number typed.
    Digit(u8),
    /// The last digit typed taken back.
    DigitBack,
    /// Jump to the slide whose number was typed.
    DigitsGo,
    /// The typed number dropped.
    DismissDigits,
    /// The browser blocked (true) the presenter window, or the message about it was dismissed.
    PopupBlocked(bool),
    /// The browser is about to print (true; Ctrl+P), or printed: the page
    /// shows the handout meanwhile.
    Printing(bool),
    /// The handout view on (`print=`), or off.
    SetPrint(Option<Print>),
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
    /// A change from a panel's controls (`deck::panels::PanelChange`).
    Panel(PanelChange),
}

impl State {
    /// The state after `action`. Moving between slides is ignored while an
    /// overlay is open, except through the overview itself (`Go`).
    pub fn reduce(&self, action: Action) -> State {
        let mut s = self.clone();
        let open = s.overlay != Overlay::None;
        let slide = s.route.slide;
        let step = s.route.step;
        let present = s.view() == View::Present;
        let keeps_digits = matches!(
            action,
            Action::Digit(_)
                | Action::DigitBack
                | Action::Sync { .. }
                | Action::Pointer(_)
                | Action::Pointing(_)
                | Action::SystemDark(_)
                | Action::Wide(_)
                | Action::PopupBlocked(_)
        );
        if !keeps_digits {
            s.digits.clear();
        }
        // A view from another window is taken as it is, step included.
        let synced = matches!(action, Action::Sync { .. });
        match action {
            Action::Go(id) => {
                s.overlay = Overlay::None;
                s.enter(id, 0);
            }
            Action::GoStep(id, k) => {
                s.overlay = Overlay::None;
                s.enter(id, k.min(steps::count(id) - 1));
            }
            Action::Next if !open => {
                if present && step + 1 < steps::count(slide) {
                    s.enter(slide, step + 1);
                } else if slide.next() != slide {
                    s.enter(slide.next(), 0);
                }
            }
            Action::Prev if !open => {
                if present && step > 0 {
                    s.enter(slide, step - 1);
                } else if slide.prev() != slide {
                    let prev = slide.prev();
                    s.enter(prev, if present { steps::count(prev) - 1 } else { 0 });
                } else {
                    s.enter(slide, 0);
                }
            }
            Action::NextSlide if !open => s.enter(slide.next(), 0),
            Action::PrevSlide if !open => s.enter(slide.prev(), 0),
            Action::First if !open => s.enter(SlideId::first(), 0),
            Action::Last if !open => s.enter(SlideId::last(), 0),
            Action::Next
            | Action::Prev
            | Action::NextSlide
            | Action::PrevSlide
            | Action::First
            | Action::Last => {}
            Action::ToggleView => {
                let want = s.view().other();
                s.route.view = (want != View::default_for(s.wide)).then_some(want);
            }
            Action::Wide(w) => {
                s.wide = w;
                s.normalize_view();
            }
            Action::Restore => {
                if steps::changed(slide, step, &s.route.settings) {
                    s.apply_keyframe(slide, step);
                }
            }
            Action::SetLang(l) => s.route.lang = l,
            Action::CycleLang => s.route.lang = s.route.lang.cycled(),
            Action::SetTheme(t) => s.route.theme = t,
            Action::ToggleTheme => s.route.theme = s.route.theme.toggled(s.system_dark),
            Action::ToggleSpeaker => s.route.speaker = !s.route.speaker,
            Action::ToggleHelp => s.overlay = toggle(s.overlay, Overlay::Help),
            Action::ToggleOverview => s.overlay = toggle(s.overlay, Overlay::Overview),
            Action::ToggleGoTo => s.overlay = toggle(s.overlay, Overlay::GoTo),
            Action::CloseOverlay => s.overlay = Overlay::None,
            Action::Blank(b) => s.blank = s.blank.toggled(b),
            Action::Resume => s.blank = Blank::None,
            Action::Sync { hash, blank } => {
                s.route = sync::apply(&s.route, &hash);
                s.blank = blank;
            }
            Action::Pointer(p) => s.pointer = p,
            Action::Pointing(on) => {
                s.pointing = on;
                if !on {
                    s.pointer = None;
                }
            }
            Action::Digit(d) => {
                if s.digits.len() < MAX_DIGITS && d <= 9 && !(s.digits.is_empty() && d == 0) {
                    s.digits.push(char::from(b'0' + d));
                }
            }
            Action::DigitBack => {
                s.digits.pop();
            }
            Action::DigitsGo => {
                let typed = self.digits.clone();
                if let Some(id) = typed
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(SlideId::from_index)
                {
                    s.overlay = Overlay::None;
                    s.enter(id, 0);
                }
            }
            Action::PopupBlocked(b) => s.popup_blocked = b,
            Action::Printing(b) => s.printing = b,
            Action::SetPrint(p) => s.route.print = p,
            Action::DismissDigits => {}
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
                s.normalize_view();
            }
            Action::SystemDark(d) => s.system_dark = d,
            Action::Panel(c) => s.route.settings.change(c),
        }
        // Read has no steps: its link keeps the step a link without one opens.
        if s.view() == View::Read && !synced {
            s.route.step = s.route.implied_step();
        }
        s
    }
}

impl State {
    /// The view shown: the link's, or the screen's default; the presenter
    /// window and its preview of the next step always show steps.
    pub fn view(&self) -> View {
        if self.route.presenter || self.route.preview {
            return View::Present;
        }
        self.route.view.unwrap_or(View::default_for(self.wide))
    }

    /// A view that is the screen's default is left out of the link.
    fn normalize_view(&mut self) {
        if self.route.view == Some(View::default_for(self.wide)) {
            self.route.view = None;
        }
    }

    /// Moves to step `k` of `slide`. In Present, on a slide with keyframes,
    /// a step with its own keyframe sets its values, and so does any step
    /// reached going back (so Back restores); elsewhere the settings stay.
    fn enter(&mut self, slide: SlideId, k: usize) {
        let back = (slide.index(), k) < (self.route.slide.index(), self.route.step);
        let moved = (slide, k) != (self.route.slide, self.route.step);
        self.route.slide = slide;
        self.route.step = k;
        let own = steps::get(slide, k).is_some_and(|s| !s.set.is_empty());
        if moved
            && self.view() == View::Present
            && steps::scripted(slide)
            && (own || back)
            && !steps::shows_values(slide, k, &self.route.settings)
        {
            self.apply_keyframe(slide, k);
        }
    }

    /// Sets the values of step `k` of `slide`; a pair that does not apply
    /// is reported as a link's would be.
    fn apply_keyframe(&mut self, slide: SlideId, k: usize) {
        let (values, rejected) = steps::values(slide, k);
        self.route.settings.take(slide.info().panel, &values);
        self.ignored.extend(rejected);
        self.keyframe = self.keyframe.wrapping_add(1);
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
        ignored.push(format!("{name}={}", crate::deck::route::readable(&v)));
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
    /// A text field or editable element: it owns every key.
    Text,
    /// A slider, select, checkbox or a control that handles its own keys
    /// (a rung being ranked), reached with Tab: it owns every key but Page
    /// Down and Page Up, which a presentation remote sends and which always
    /// page. (After a pointer or touch the page gives the focus back to the
    /// stage, so a clicker never moves a control.)
    Control,
    /// A button or link: it owns Space and Enter.
    Button,
    Other,
}

/// Whether a key pressed on `target` is the target's own, not the deck's.
fn owned_by(target: Target, key: &str) -> bool {
    match target {
        Target::Text => true,
        Target::Control => !matches!(key, "PageDown" | "PageUp"),
        Target::Button | Target::Other => false,
    }
}

/// What a key press asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyCommand {
    Do(Action),
    /// Full screen is a browser request, not state.
    Fullscreen,
    /// Opens the presenter window (a browser request, in the key handler
    /// so that the browser allows the popup).
    Presenter,
    /// The pointer, while the key is held (the key's release ends it).
    Pointer,
    /// A live class's follower that explores follows the speaker again
    /// (`ui::live::rejoin`; nothing elsewhere).
    Rejoin,
}

/// Maps a key (`KeyboardEvent.key`) to a command. Keys with Ctrl, Alt or Meta
/// belong to the browser and map to nothing.
pub fn key_command(key: &str, shift: bool, modifier: bool, target: Target) -> Option<KeyCommand> {
    if modifier || owned_by(target, key) {
        return None;
    }
    let act = |a| Some(KeyCommand::Do(a));
    match key {
        "ArrowRight" if shift => act(Action::NextSlide),
        "ArrowLeft" if shift => act(Action::PrevSlide),
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
        "r" | "R" => act(Action::ToggleView),
        "g" | "G" => act(Action::ToggleGoTo),
        "b" | "B" | "." => act(Action::Blank(Blank::Black)),
        "w" | "W" | "," => act(Action::Blank(Blank::White)),
        "p" | "P" => Some(KeyCommand::Presenter),
        "q" | "Q" => Some(KeyCommand::Pointer),
        "j" | "J" => Some(KeyCommand::Rejoin),
        "0" | "Backspace" => act(Action::Restore),
        "f" | "F" => Some(KeyCommand::Fullscreen),
        "Escape" | "Esc" => act(Action::CloseOverlay),
        _ => None,
    }
}

/// What the keys mean depends on this much of the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct KeyMode {
    /// The screen is blanked: any key resumes (the blank keys toggle).
    pub blanked: bool,
    /// A slide number is being typed: digits, Enter and Backspace edit it.
    pub typing: bool,
}

impl State {
    pub fn key_mode(&self) -> KeyMode {
        KeyMode {
            blanked: self.blank != Blank::None,
            typing: !self.digits.is_empty(),
        }
    }
}

/// `key_command` in a mode: while blanked every key resumes except the
/// blank keys; digits 1-9 start a slide number, which digits extend,
/// Backspace shortens, Enter jumps to and Escape drops.
pub fn key_command_in(
    mode: KeyMode,
    key: &str,
    shift: bool,
    modifier: bool,
    target: Target,
) -> Option<KeyCommand> {
    if modifier || owned_by(target, key) {
        return None;
    }
    let base = key_command(key, shift, modifier, target);
    let digit = match key.as_bytes() {
        [d @ b'0'..=b'9'] => Some(d - b'0'),
        _ => None,
    };
    if mode.blanked {
        return match base {
            Some(KeyCommand::Do(Action::Blank(b))) => Some(KeyCommand::Do(Action::Blank(b))),
            _ => Some(KeyCommand::Do(Action::Resume)),
        };
    }
    let act = |a| Some(KeyCommand::Do(a));
    match (digit, key) {
        (Some(d), _) if mode.typing || d > 0 => act(Action::Digit(d)),
        (None, "Enter") if mode.typing => act(Action::DigitsGo),
        (None, "Backspace") if mode.typing => act(Action::DigitBack),
        (None, "Escape" | "Esc") if mode.typing => act(Action::DismissDigits),
        _ => base,
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
    use crate::model::depreciation::DepreciationSettings;

    fn at(slide: SlideId) -> State {
        State {
            route: Route {
                slide,
                ..Route::default()
            },
            ..State::default()
        }
    }

    fn presenting(slide: SlideId) -> State {
        State {
            wide: true,
            ..at(slide)
        }
    }

    #[test]
    fn in_present_next_walks_the_steps_then_the_slides() {
        let mut s = presenting(SlideId::Precision);
        assert_eq!(s.view(), View::Present);
        let n = steps::count(SlideId::Precision);
        for k in 1..n {
            s = s.reduce(Action::Next);
            assert_eq!((s.route.slide, s.route.step), (SlideId::Precision, k));
        }
        s = s.reduce(Action::Next);
        assert_eq!((s.route.slide, s.route.step), (SlideId::Resources, 0));
        // Back from a slide's first step is the last step of the slide before.
        s = s.reduce(Action::Prev);
        assert_eq!((s.route.slide, s.route.step), (SlideId::Precision, n - 1));
        // Shift+arrows skip whole slides, to their first step.
        assert_eq!(s.reduce(Action::NextSlide).route.slide, SlideId::Resources);
        let back = s.reduce(Action::PrevSlide);
        assert_eq!((back.route.slide, back.route.step), (SlideId::Memory, 0));
        assert_eq!(s.reduce(Action::Last).route.step, 0);
        // In Read, Next is the next slide.
        let read = State {
            wide: false,
            ..at(SlideId::Precision)
        };
        assert_eq!(read.view(), View::Read);
        assert_eq!(read.reduce(Action::Next).route.slide, SlideId::Resources);
        assert_eq!(read.reduce(Action::Prev).route.step, 0);
    }

    #[test]
    fn the_view_toggles_and_the_link_holds_it_only_off_the_default() {
        let s = presenting(SlideId::Intro).reduce(Action::ToggleView);
        assert_eq!((s.view(), s.route.view), (View::Read, Some(View::Read)));
        let s = s.reduce(Action::ToggleView);
        assert_eq!((s.view(), s.route.view), (View::Present, None));
        // A narrow screen's default is Read; the choice of Read is then implied.
        let s = presenting(SlideId::Intro).reduce(Action::ToggleView);
        assert_eq!(s.reduce(Action::Wide(false)).route.view, None);
    }

    /// The link pairs of `slide`'s panel settings in `s` (what differs from
    /// the defaults).
    fn pairs_of(s: &State) -> Vec<(&'static str, String)> {
        let panel = s.route.slide.info().panel;
        s.route
            .settings
            .of(panel)
            .map(|o| o.pairs())
            .unwrap_or_default()
    }

    /// Walks `slide` in Present from its first step to step `n` (from 1).
    fn walk_to(slide: SlideId, n: usize) -> State {
        let mut s = presenting(slide);
        while s.route.step + 1 < n {
            s = s.reduce(Action::Next);
        }
        assert_eq!((s.route.slide, s.route.step + 1), (slide, n));
        s
    }

    /// The values below are those of each slide's `steps.csv`, written out.
    #[test]
    fn keyframes_set_the_step_values_and_a_hand_change_can_be_restored() {
        let pairs = |v: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
            v.iter().map(|(k, x)| (*k, x.to_string())).collect()
        };
        // depreciation,3: algo_on=0 ("hardware alone"), the rest as default.
        let s = walk_to(SlideId::Depreciation, 3);
        assert_eq!(
            s.route.settings.depreciation,
            DepreciationSettings {
                hw_hundredths: 246,
                algo_tenths: 80,
                years: 5,
                algo_on: false,
            }
        );
        assert_eq!(pairs_of(&s), pairs(&[("algo_on", "0")]));
        // depreciation,4: algo_on=1, which is the default: no pair left.
        let s = s.reduce(Action::Next);
        assert!(s.route.settings.depreciation.algo_on);
        assert_eq!(pairs_of(&s), pairs(&[]));
        assert!(!steps::changed(
            SlideId::Depreciation,
            s.route.step,
            &s.route.settings
        ));
        // precision,7 then 8: FP4 on a B200 (the default chip, so not in
        // the pairs), then on a TPU v6e.
        let p = walk_to(SlideId::Precision, 7);
        assert_eq!(pairs_of(&p), pairs(&[("fmt", "e2m1")]));
        let p = p.reduce(Action::Next);
        assert_eq!(pairs_of(&p), pairs(&[("fmt", "e2m1"), ("chip", "tpu-v6e")]));
        // rent-vs-buy,3 at 100 % (the default), 5 at 30 %.
        let r = walk_to(SlideId::RentVsBuy, 3);
        assert_eq!(r.route.settings.economics.util_tenths, 1000);
        let r = walk_to(SlideId::RentVsBuy, 5);
        assert_eq!(pairs_of(&r), pairs(&[("util", "30")]));
        assert_eq!(r.route.settings.economics.util_tenths, 300);

        // A hand change is marked, and Restore takes the step's values back.
        let mut hand = s.route.settings.depreciation;
        hand.hw_hundredths = 300;
        let changed = s.reduce(Action::Panel(PanelChange::Depreciation(hand)));
        assert!(steps::changed(
            SlideId::Depreciation,
            changed.route.step,
            &changed.route.settings
        ));
        let restored = changed.reduce(Action::Restore);
        assert_eq!(restored.route.settings, s.route.settings);
        assert!(restored.keyframe != changed.keyframe);
        // Going back a step restores that step's values: hardware alone.
        let back = changed.reduce(Action::Prev);
        assert_eq!(back.route.step + 1, 3);
        assert_eq!(pairs_of(&back), pairs(&[("algo_on", "0")]));
        // In Read, moving does not apply keyframes.
        let read = State {
            wide: false,
            ..changed.clone()
        };
        assert_eq!(
            read.reduce(Action::Prev).route.settings,
            changed.route.settings
        );
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
        // High contrast is light: t gives dark.
        let mut contrast = State::default();
        contrast.route.theme = Theme::Contrast;
        assert_eq!(
            contrast.reduce(Action::ToggleTheme).route.theme,
            Theme::Dark
        );
    }

    #[test]
    fn the_high_contrast_theme_is_in_the_link() {
        let p = crate::deck::route::Parsed::from_hash("#/memory?theme=contrast");
        assert_eq!(p.route.theme, Theme::Contrast);
        assert!(p.ignored.is_empty());
        assert_eq!(p.route.to_string(), "#/memory?theme=contrast");
    }

    #[test]
    fn language_cycles_through_all_four() {
        let mut s = State::default();
        let mut seen = vec![s.route.lang];
        for _ in 0..4 {
            s = s.reduce(Action::CycleLang);
            seen.push(s.route.lang);
        }
        assert_eq!(seen[0], seen[4]);
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
            k("ArrowRight", true),
            Some(KeyCommand::Do(Action::NextSlide))
        );
        assert_eq!(
            k("ArrowLeft", true),
            Some(KeyCommand::Do(Action::PrevSlide))
        );
        assert_eq!(k("r", false), Some(KeyCommand::Do(Action::ToggleView)));
        assert_eq!(k("0", false), Some(KeyCommand::Do(Action::Restore)));
        assert_eq!(k("Backspace", false), Some(KeyCommand::Do(Action::Restore)));
        assert_eq!(
            k("Escape", false),
            Some(KeyCommand::Do(Action::CloseOverlay))
        );
        assert_eq!(k("x", false), None);
    }

    #[test]
    fn fields_and_modifiers_keep_their_keys() {
        for target in [Target::Text, Target::Control] {
            for key in ["ArrowRight", "ArrowLeft", " ", "Home", "End", "0"] {
                assert_eq!(key_command(key, false, false, target), None, "{key}");
            }
        }
        // A clicker's Page Down / Page Up page from a slider or a select,
        // not from a text field.
        let page = |key, target| key_command_in(KeyMode::default(), key, false, false, target);
        assert_eq!(
            page("PageDown", Target::Control),
            Some(KeyCommand::Do(Action::Next))
        );
        assert_eq!(
            page("PageUp", Target::Control),
            Some(KeyCommand::Do(Action::Prev))
        );
        assert_eq!(page("PageDown", Target::Text), None);
        assert_eq!(key_command("ArrowRight", false, false, Target::Text), None);
        assert_eq!(key_command("ArrowRight", false, true, Target::Other), None);
        assert_eq!(key_command(" ", false, false, Target::Button), None);
        assert_eq!(
            key_command("ArrowRight", false, false, Target::Button),
            Some(KeyCommand::Do(Action::Next))
        );
    }

    /// The state after pressing `key` (no modifier, outside any field).
    fn press(s: &State, key: &str) -> State {
        match key_command_in(s.key_mode(), key, false, false, Target::Other) {
            Some(KeyCommand::Do(a)) => s.reduce(a),
            _ => s.clone(),
        }
    }

    #[test]
    fn blank_keys_toggle_and_any_key_resumes() {
        let s = presenting(SlideId::Memory);
        for (key, want) in [
            ("b", Blank::Black),
            (".", Blank::Black),
            ("w", Blank::White),
            (",", Blank::White),
        ] {
            let on = press(&s, key);
            assert_eq!(on.blank, want, "{key}");
            assert_eq!(press(&on, key).blank, Blank::None, "{key} again");
            // Any other key resumes and does nothing else.
            let resumed = press(&on, "ArrowRight");
            assert_eq!((resumed.blank, resumed.route.step), (Blank::None, 0));
            assert_eq!(press(&on, "Shift").blank, Blank::None);
        }
        // Black then white is white.
        assert_eq!(press(&press(&s, "b"), "w").blank, Blank::White);
    }

    #[test]
    fn typed_digits_then_enter_jump_to_that_slide() {
        let mut s = presenting(SlideId::Intro);
        let n = SlideId::Precision.index() + 1;
        for c in n.to_string().chars() {
            s = press(&s, &c.to_string());
        }
        assert_eq!(s.digits, n.to_string());
        assert_eq!(s.route.slide, SlideId::Intro);
        s = press(&s, "Enter");
        assert_eq!(
            (s.route.slide, s.route.step, s.digits.as_str()),
            (SlideId::Precision, 0, "")
        );
        // Backspace edits, Escape drops, a slide past the end goes nowhere.
        let typed = press(&press(&s, "1"), "2");
        assert_eq!(press(&typed, "Backspace").digits, "1");
        assert_eq!(press(&typed, "Escape").digits, "");
        let far = press(&press(&press(&s, "9"), "9"), "9");
        assert_eq!(far.digits, "999");
        assert_eq!(press(&far, "9").digits, "999");
        assert_eq!(press(&far, "Enter").route.slide, SlideId::Precision);
        // 0 alone is Restore, not a digit; other keys drop the number.
        assert_eq!(
            key_command_in(KeyMode::default(), "0", false, false, Target::Other),
            Some(KeyCommand::Do(Action::Restore))
        );
        let moved = press(&typed, "ArrowRight");
        assert_eq!((moved.digits.as_str(), moved.route.step), ("", 1));
        // Fields keep their digits.
        assert_eq!(
            key_command_in(KeyMode::default(), "5", false, false, Target::Text),
            None
        );
    }

    #[test]
    fn a_synced_state_keeps_this_windows_language_theme_and_view() {
        let mut s = presenting(SlideId::Intro);
        s.route.lang = Lang::Zh;
        s.route.speaker = true;
        s.route.presenter = true;
        let other = Route {
            slide: SlideId::Bandwidth,
            step: 3,
            lang: Lang::En,
            ..Route::default()
        };
        let hash = sync::shared(&other);
        let got = s.reduce(Action::Sync {
            hash,
            blank: Blank::Black,
        });
        assert_eq!((got.route.slide, got.route.step), (SlideId::Bandwidth, 3));
        assert_eq!(
            (got.route.lang, got.route.speaker, got.route.presenter),
            (Lang::Zh, true, true)
        );
        assert_eq!(got.blank, Blank::Black);
        // A reader (Read view) keeps the presenter's step, so it sends nothing back.
        let read = State {
            wide: false,
            ..at(SlideId::Intro)
        };
        let got = read.reduce(Action::Sync {
            hash: sync::shared(&other),
            blank: Blank::None,
        });
        assert_eq!(got.route.step, 3);
        assert_eq!(sync::shared(&got.route), sync::shared(&other));
        // The presenter window always shows steps.
        let narrow = State {
            wide: false,
            ..s.clone()
        };
        assert_eq!(narrow.view(), View::Present);
    }

    #[test]
    fn presenting_keys() {
        let k = |key| key_command(key, false, false, Target::Other);
        assert_eq!(k("p"), Some(KeyCommand::Presenter));
        assert_eq!(k("q"), Some(KeyCommand::Pointer));
        assert_eq!(k("g"), Some(KeyCommand::Do(Action::ToggleGoTo)));
        let s = State::default().reduce(Action::ToggleGoTo);
        assert_eq!(s.overlay, Overlay::GoTo);
        assert_eq!(s.reduce(Action::CloseOverlay).overlay, Overlay::None);
    }

    #[test]
    fn swipes_need_horizontal_travel() {
        assert_eq!(swipe_action(-80, 10), Some(Action::Next));
        assert_eq!(swipe_action(80, -10), Some(Action::Prev));
        assert_eq!(swipe_action(30, 0), None);
        assert_eq!(swipe_action(-80, 60), None);
    }
}
