//! The root's listeners as named hooks, and the one helper that turns an
//! action constructor into a callback. Each hook owns its listeners and
//! drops them when the root unmounts.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::deck::panels::{PanelChange, PanelHandles, PerPanel};
use crate::deck::route::{Parsed, Print, Route, View};
use crate::deck::state::{
    key_command_in, swipe_action, Action, KeyCommand, KeyMode, Overlay, State, Target,
};
use crate::ui::{link, web};

/// The reducer's dispatcher, as the root hands it to its children.
pub type Dispatch = UseReducerDispatcher<State>;

/// A callback that dispatches `to_action(value)`: `callback(d, Action::Go)`,
/// `callback(d, Action::SetLang)`.
pub fn callback<T: 'static>(d: &Dispatch, to_action: fn(T) -> Action) -> Callback<T> {
    let d = d.clone();
    Callback::from(move |v: T| d.dispatch(to_action(v)))
}

/// A callback that dispatches `action` whatever it is called with.
pub fn send<T: 'static>(d: &Dispatch, action: Action) -> Callback<T> {
    let d = d.clone();
    Callback::from(move |_: T| d.dispatch(action.clone()))
}

/// The root's callbacks, made once (the dispatcher never changes): equal
/// from one render to the next, so that a child whose other props are
/// unchanged is not rendered again when a slider elsewhere moves.
#[derive(Clone, PartialEq)]
pub struct Handlers {
    pub prev: Callback<()>,
    pub next: Callback<()>,
    pub restore: Callback<()>,
    pub resume: Callback<MouseEvent>,
    pub close: Callback<()>,
    pub dismiss: Callback<()>,
    pub popup_dismiss: Callback<MouseEvent>,
    pub lang: Callback<crate::deck::i18n::Lang>,
    pub theme: Callback<crate::deck::route::Theme>,
    pub view: Callback<()>,
    pub overview: Callback<()>,
    pub help: Callback<()>,
    pub speaker: Callback<()>,
    pub presenter: Callback<()>,
    pub fullscreen: Callback<()>,
    pub goto: Callback<()>,
    pub go: Callback<crate::deck::slides::SlideId>,
    pub go_step: Callback<(crate::deck::slides::SlideId, usize)>,
    pub blank: Callback<crate::deck::sync::Blank>,
    pub pointing: Callback<bool>,
    /// The handout view on, with or without the speaker notes, off; print.
    pub handout: Callback<()>,
    pub handout_speaker_notes: Callback<bool>,
    pub handout_close: Callback<()>,
    pub print: Callback<()>,
    pub panel: PanelHandlers,
}

/// Makes the panels' callbacks (`deck::panels::PanelHandles`): each
/// dispatches `Action::Panel`.
pub struct Callbacks(Dispatch);

impl PerPanel for Callbacks {
    type Of<T: 'static> = Callback<T>;
    fn make<T: 'static>(&self, wrap: fn(T) -> PanelChange) -> Callback<T> {
        let d = self.0.clone();
        Callback::from(move |v: T| d.dispatch(Action::Panel(wrap(v))))
    }
}

/// The panels' callbacks, one per panel with settings of its own.
pub type PanelHandlers = PanelHandles<Callbacks>;

impl Handlers {
    fn new(d: &Dispatch) -> Self {
        let presenter = {
            let d = d.clone();
            Callback::from(move |_: ()| open_presenter(&d))
        };
        Handlers {
            prev: send(d, Action::Prev),
            next: send(d, Action::Next),
            restore: send(d, Action::Restore),
            resume: send(d, Action::Resume),
            close: send(d, Action::CloseOverlay),
            dismiss: send(d, Action::DismissIgnored),
            popup_dismiss: send(d, Action::PopupBlocked(false)),
            lang: callback(d, Action::SetLang),
            theme: callback(d, Action::SetTheme),
            view: send(d, Action::ToggleView),
            overview: send(d, Action::ToggleOverview),
            help: send(d, Action::ToggleHelp),
            speaker: send(d, Action::ToggleSpeaker),
            presenter,
            fullscreen: Callback::from(|_: ()| web::page::toggle_fullscreen()),
            goto: send(d, Action::ToggleGoTo),
            go: callback(d, Action::Go),
            go_step: callback(d, |(s, k)| Action::GoStep(s, k)),
            blank: callback(d, Action::Blank),
            pointing: callback(d, Action::Pointing),
            handout: send(d, Action::SetPrint(Some(Print::Steps))),
            handout_speaker_notes: callback(d, |on| {
                Action::SetPrint(Some(if on {
                    Print::WithSpeakerNotes
                } else {
                    Print::Steps
                }))
            }),
            handout_close: send(d, Action::SetPrint(None)),
            print: Callback::from(|_: ()| web::page::print()),
            panel: PanelHandlers::new(&Callbacks(d.clone())),
        }
    }
}

/// The root's callbacks, made on the first render and kept.
#[hook]
pub fn use_handlers(d: &Dispatch) -> std::rc::Rc<Handlers> {
    let d = d.clone();
    use_memo((), move |_| Handlers::new(&d))
}

/// Storage keys of the remembered settings.
const STORE_LANG: &str = "lang";
const STORE_THEME: &str = "theme";

/// The action for the current location hash and the remembered settings.
pub fn hash_action() -> Action {
    Action::Hash {
        hash: link::read(),
        stored_lang: web::storage::stored(STORE_LANG),
        stored_theme: web::storage::stored(STORE_THEME),
    }
}

/// The kind of element an event happened on, as the deck's keys see it.
fn target_kind(target: Option<web_sys::EventTarget>) -> Target {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return Target::Other;
    };
    if el.is_content_editable() {
        return Target::Text;
    }
    // A control that handles its own keys (a rung being ranked) says so.
    if el.has_attribute("data-owns-keys") {
        return Target::Control;
    }
    match el.tag_name().as_str() {
        "TEXTAREA" => Target::Text,
        "INPUT" => {
            let kind = el.get_attribute("type").unwrap_or_default();
            match kind.to_ascii_lowercase().as_str() {
                "range" | "checkbox" | "radio" | "color" | "button" | "submit" | "reset" => {
                    Target::Control
                }
                _ => Target::Text,
            }
        }
        "SELECT" => Target::Control,
        "BUTTON" | "A" | "SUMMARY" => Target::Button,
        _ => Target::Other,
    }
}

/// Whether `target` is in a control that owns the deck's keys once
/// focused (a slider, a select, a checkbox, a rung being ranked), not a
/// text field.
fn control_of(target: Option<web_sys::EventTarget>) -> bool {
    let control = target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("input, select, [data-owns-keys]").ok().flatten());
    control.is_some_and(|c| target_kind(Some(c.into())) == Target::Control)
}

/// The address of the presenter window for `route`: this page with the
/// same view and `presenter=1`.
pub fn presenter_url(route: &Route) -> String {
    let r = Route {
        presenter: true,
        preview: false,
        view: None,
        speaker: false,
        ..route.clone()
    };
    format!(
        "{}{r}",
        crate::ui::live::with_key(&web::location::page_address())
    )
}

/// Opens the presenter window on the view the location holds (the hash
/// is the route, written after every change), or says that the browser
/// refused it.
pub fn open_presenter(dispatch: &Dispatch) {
    link::flush();
    let route = Parsed::from_hash(&web::location::location_hash()).route;
    if !web::page::open_presenter(&presenter_url(&route)) {
        dispatch.dispatch(Action::PopupBlocked(true));
    }
}

thread_local! {
    /// The key mode of the state as last reduced (`note_key_mode`). The
    /// listener reads it, not the mode of the last render: a key pressed
    /// before the page has rendered the previous key's change still means
    /// the right thing (`b` then any key resumes; digits then Enter jump).
    static KEY_MODE: std::cell::Cell<KeyMode> = std::cell::Cell::new(KeyMode::default());
}

/// Records the key mode of a state just reduced (the root's reducer and
/// its initial state call this).
pub fn note_key_mode(mode: KeyMode) {
    KEY_MODE.with(|m| m.set(mode));
}

/// The deck's keys on the whole window (`state::key_command_in`), in the
/// mode the state is in; the pointer shows while `q` is held. `off`: no
/// keys at all (the preview of the next step).
#[hook]
pub fn use_deck_keys(dispatch: Dispatch, off: bool) {
    use_effect_with((), move |_| {
        let listeners = web_sys::window().filter(|_| !off).map(|window| {
            let active = EventListenerOptions::enable_prevent_default();
            let d = dispatch.clone();
            let down = EventListener::new_with_options(&window, "keydown", active, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let modifier = e.ctrl_key() || e.alt_key() || e.meta_key();
                let mode = KEY_MODE.with(|m| m.get());
                match key_command_in(
                    mode,
                    &e.key(),
                    e.shift_key(),
                    modifier,
                    target_kind(e.target()),
                ) {
                    Some(KeyCommand::Do(a)) => {
                        e.prevent_default();
                        d.dispatch(a);
                    }
                    Some(KeyCommand::Fullscreen) => {
                        e.prevent_default();
                        web::page::toggle_fullscreen();
                    }
                    Some(KeyCommand::Presenter) => {
                        e.prevent_default();
                        open_presenter(&d);
                    }
                    Some(KeyCommand::Rejoin) if crate::ui::live::rejoin() => {
                        e.prevent_default();
                    }
                    Some(KeyCommand::Pointer) => {
                        e.prevent_default();
                        if !e.repeat() {
                            d.dispatch(Action::Pointing(true));
                        }
                    }
                    Some(KeyCommand::Rejoin) | None => {}
                }
            });
            let d = dispatch.clone();
            let up = EventListener::new(&window, "keyup", move |e| {
                if let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                    if e.key().eq_ignore_ascii_case("q") {
                        d.dispatch(Action::Pointing(false));
                    }
                }
            });
            // A window that loses focus while `q` is held never sees the key's release.
            let d = dispatch.clone();
            let blur = EventListener::new(&window, "blur", move |_| {
                d.dispatch(Action::Pointing(false))
            });
            // A control used with a pointer or a finger gives the focus
            // back to the stage when the gesture ends, so that the next
            // Right or Page Down (a clicker's) pages instead of moving it;
            // one reached with Tab keeps its keys. A select hands it back
            // once a choice is made (its list would close on the release).
            let by_pointer = std::rc::Rc::new(std::cell::Cell::new(false));
            let capture = EventListenerOptions::run_in_capture_phase();
            let (p, k) = (by_pointer.clone(), by_pointer.clone());
            let pressed =
                EventListener::new_with_options(&window, "pointerdown", capture, move |_| {
                    p.set(true)
                });
            let typed =
                EventListener::new_with_options(&window, "keydown", capture, move |_| k.set(false));
            let released = EventListener::new_with_options(&window, "pointerup", capture, |e| {
                let select = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| el.tag_name() == "SELECT");
                if !select && control_of(e.target()) {
                    web::focus::focus_stage();
                }
            });
            let changed = EventListener::new_with_options(&window, "change", capture, move |e| {
                if by_pointer.get() && control_of(e.target()) {
                    web::focus::focus_stage();
                }
            });
            (down, up, blur, (pressed, typed, released, changed))
        });
        move || drop(listeners)
    });
}

/// While presenting: the screen stays awake (asked again whenever the page
/// is shown again), and the cursor and the pager hide 2.5 s after the
/// pointer last moved, or after Present began if it has not moved.
#[hook]
pub fn use_presenting(active: bool) {
    use_effect_with(active, move |&active| {
        let listeners = web_sys::window().filter(|_| active).map(|window| {
            web::page::keep_awake();
            let visible = web_sys::window().and_then(|w| w.document()).map(|doc| {
                EventListener::new(&doc, "visibilitychange", |_| {
                    if web_sys::window()
                        .and_then(|w| w.document())
                        .is_some_and(|d| !d.hidden())
                    {
                        web::page::keep_awake();
                    }
                })
            });
            let idle = std::rc::Rc::new(std::cell::RefCell::new(
                None::<gloo::timers::callback::Timeout>,
            ));
            let rest = move || {
                web::page::root_flag("data-idle", false);
                *idle.borrow_mut() = Some(gloo::timers::callback::Timeout::new(2500, || {
                    web::page::root_flag("data-idle", true)
                }));
            };
            rest();
            let moved = EventListener::new(&window, "pointermove", move |_| rest());
            (visible, moved)
        });
        move || {
            drop(listeners);
            web::page::root_flag("data-idle", false);
        }
    });
}

/// Follows a media query: dispatches `to_action(matches)` when it changes.
#[hook]
fn use_media(dispatch: Dispatch, query: &'static str, to_action: fn(bool) -> Action) {
    use_effect_with((), move |_| {
        let listener = web_sys::window()
            .and_then(|w| w.match_media(query).ok().flatten())
            .map(|mq| {
                let mq2 = mq.clone();
                EventListener::new(&mq, "change", move |_| {
                    dispatch.dispatch(to_action(mq2.matches()))
                })
            });
        move || drop(listener)
    });
}

/// Follows the system colour scheme (for the theme toggle).
#[hook]
pub fn use_system_theme(dispatch: Dispatch) {
    use_media(dispatch, web::media::DARK_QUERY, Action::SystemDark);
}

/// Follows the screen's shape (wide landscape screens default to Present).
#[hook]
pub fn use_wide(dispatch: Dispatch) {
    use_media(dispatch, web::media::WIDE_QUERY, Action::Wide);
}

/// Keeps the URL hash and the state in step, both ways: a changed hash
/// (back/forward, an edited URL) is parsed into the state; a changed route
/// is written to the hash (a slide change pushes a history entry, a setting
/// replaces it), to storage, and to `<html>`'s attributes and the title.
#[hook]
pub fn use_hash_sync(
    dispatch: Dispatch,
    route: Route,
    view: View,
    had_saved_error: bool,
    handout: bool,
) {
    use_effect_with((), move |_| {
        let listeners = web_sys::window().map(|window| {
            // A page left or put away while a write waits still leaves its
            // link, and its history entry, current.
            let leave = EventListener::new(&window, "pagehide", |_| link::flush());
            let hide = window
                .document()
                .map(|doc| EventListener::new(&doc, "visibilitychange", |_| link::flush()));
            let change = EventListener::new(&window, "hashchange", move |_| {
                link::cancel();
                dispatch.dispatch(hash_action())
            });
            (change, leave, hide)
        });
        move || drop(listeners)
    });
    // The link follows the route as `deck::history` says: another slide
    // pushes an entry and a step or a choice replaces it, at once; settings
    // alone are written in place after the frame, at most every 400 ms.
    // Written here, as the root renders, not in an effect: the renderer
    // may let the browser paint between a render that takes longer than a
    // frame and its effects, and the screen would show a step whose link
    // is not written yet.
    let last = use_mut_ref(|| None::<Route>);
    {
        let mut last = last.borrow_mut();
        if last.as_ref() != Some(&route) {
            let before = last.replace(route.clone());
            link::follow(before.as_ref(), &route);
        }
    }
    let (lang, theme, slide, preview, presenter) = (
        route.lang,
        route.theme,
        route.slide,
        route.preview,
        route.presenter,
    );
    // The preview of the next step shows the presenter's choices; it
    // stores nothing.
    use_effect_with(
        (lang, theme, preview, had_saved_error),
        |&(lang, theme, preview, had_saved_error)| {
            if !preview {
                if had_saved_error {
                    web::storage::unstore(STORE_LANG);
                    web::storage::unstore(STORE_THEME);
                }
                web::storage::store(STORE_LANG, lang.id());
                web::storage::store(STORE_THEME, theme.id());
            }
        },
    );
    use_effect_with(
        (lang, theme, view, slide, presenter, handout),
        |&(lang, theme, view, slide, presenter, handout)| {
            let ui = lang.ui();
            let page_title = if handout {
                format!("{} · {}", ui.t("ui.handout"), ui.t("app.title"))
            } else if presenter {
                let name = format!("{} · {}", slide.title(ui), ui.t("app.title"));
                format!("{} · {name}", ui.t("ui.presenter.open"))
            } else {
                format!("{} · {}", slide.title(ui), ui.t("app.title"))
            };
            // The handout is printed on paper: light whatever the theme.
            let theme = if handout { "light" } else { theme.id() };
            web::page::apply_page(theme, view.id(), ui, &page_title);
        },
    );
}

/// The browser's print (Ctrl+P, the menu): the page shows the handout from
/// `beforeprint` to `afterprint`.
#[hook]
pub fn use_print_events(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        let listeners = web_sys::window().map(|window| {
            let (d1, d2) = (dispatch.clone(), dispatch);
            (
                EventListener::new(&window, "beforeprint", move |_| {
                    d1.dispatch(Action::Printing(true))
                }),
                EventListener::new(&window, "afterprint", move |_| {
                    d2.dispatch(Action::Printing(false))
                }),
            )
        });
        move || drop(listeners)
    });
}

/// When an overlay closes, focus returns to the slide.
#[hook]
pub fn use_focus_return(overlay: Overlay) {
    let was_open = use_mut_ref(|| false);
    use_effect_with(overlay, move |o| {
        let open = *o != Overlay::None;
        if *was_open.borrow() && !open {
            web::focus::focus_id("main");
        }
        *was_open.borrow_mut() = open;
    });
}

/// A new slide starts at its top.
#[hook]
pub fn use_slide_top<T: PartialEq + 'static>(slide: T) {
    use_effect_with(slide, |_| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
        {
            el.set_scroll_top(0);
        }
    });
}

/// What a touch that starts a swipe may not start on: a control, a
/// handle, a chart that takes drags, or anything draggable (a drag there
/// is the control's; reveal.js ignores such touches likewise).
pub const NO_SWIPE: &str = "input, select, textarea, button, a[href], summary, label, \
    [contenteditable], [draggable=true], [data-owns-keys], [data-no-swipe], [role=slider]";

/// The touch handlers of a swipe between slides: (touchstart, touchend).
/// A swipe is one finger, started outside a control and outside anything
/// that scrolls sideways, that travels mostly horizontally
/// (`state::swipe_action`).
#[hook]
pub fn use_swipe(dispatch: Dispatch) -> (Callback<TouchEvent>, Callback<TouchEvent>) {
    let start = use_mut_ref(|| None::<(i32, i32)>);
    let on_start = {
        let start = start.clone();
        Callback::from(move |e: TouchEvent| {
            let on_control = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    el.closest(NO_SWIPE).ok().flatten().is_some()
                        || web::focus::scrolls_sideways(&el)
                });
            let one = e.touches().length() == 1;
            *start.borrow_mut() = e
                .touches()
                .get(0)
                .filter(|_| one && !on_control)
                .map(|t| (t.client_x(), t.client_y()));
        })
    };
    let on_end = Callback::from(move |e: TouchEvent| {
        // A second finger, or one left on the screen: no swipe.
        if e.touches().length() > 0 {
            start.borrow_mut().take();
            return;
        }
        let Some((x0, y0)) = start.borrow_mut().take() else {
            return;
        };
        if let Some(t) = e.changed_touches().get(0) {
            if let Some(a) = swipe_action(t.client_x() - x0, t.client_y() - y0) {
                dispatch.dispatch(a);
            }
        }
    });
    (on_start, on_end)
}
