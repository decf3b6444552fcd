//! The root component: owns the one `State` behind `use_reducer`, keeps it in
//! step with the URL hash and storage, and listens for keys, touches and the
//! system colour scheme. `start()` mounts it.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::alternatives::AlternativesPanel;
use crate::components::bandwidth::BandwidthPanel;
use crate::components::deck::{title, Notice, Pager, Slide, SpeakerNotes};
use crate::components::depreciation::DepreciationPanel;
use crate::components::ladder::LadderPanel;
use crate::components::lessons::LessonPanel;
use crate::components::memory::MemoryPanel;
use crate::components::models::ModelsPanel;
use crate::components::overlays::{Help, Overview};
use crate::components::power::PowerPanel;
use crate::components::precision::PrecisionPanel;
use crate::components::rentbuy::RentBuyPanel;
use crate::components::sources::SourceList;
use crate::components::toolbar::Toolbar;
use crate::route::Parsed;
use crate::slides::Panel;
use crate::state::{key_command, swipe_action, Action, KeyCommand, Overlay, State, Target};
use crate::web;

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = State::reduce(&self, action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// Storage keys of the remembered settings.
const STORE_LANG: &str = "lang";
const STORE_THEME: &str = "theme";

fn hash_action() -> Action {
    Action::Hash {
        hash: web::location_hash(),
        stored_lang: web::stored(STORE_LANG),
        stored_theme: web::stored(STORE_THEME),
    }
}

/// The initial state: the URL, then the saved settings, then defaults.
pub fn initial_state() -> State {
    State {
        system_dark: web::prefers_dark(),
        ..State::default()
    }
    .reduce(hash_action())
}

fn target_kind(e: &web_sys::KeyboardEvent) -> Target {
    let Some(el) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return Target::Other;
    };
    // A control that handles its own keys (a rung being ranked) says so.
    if el.is_content_editable() || el.has_attribute("data-owns-keys") {
        return Target::Field;
    }
    match el.tag_name().as_str() {
        "INPUT" | "SELECT" | "TEXTAREA" => Target::Field,
        "BUTTON" | "A" | "SUMMARY" => Target::Button,
        _ => Target::Other,
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The state to start from; `None` reads the URL and storage.
    #[prop_or_default]
    pub initial: Option<State>,
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || initial.unwrap_or_else(initial_state));
    let dispatch = state.dispatcher();

    // Keyboard, hash changes (back/forward, edited URL) and the system theme.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let mut listeners = Vec::new();
            if let Some(window) = web_sys::window() {
                let d = dispatch.clone();
                let active = EventListenerOptions::enable_prevent_default();
                listeners.push(EventListener::new_with_options(
                    &window,
                    "keydown",
                    active,
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        let modifier = e.ctrl_key() || e.alt_key() || e.meta_key();
                        match key_command(&e.key(), e.shift_key(), modifier, target_kind(e)) {
                            Some(KeyCommand::Do(a)) => {
                                e.prevent_default();
                                d.dispatch(a);
                            }
                            Some(KeyCommand::Fullscreen) => {
                                e.prevent_default();
                                web::toggle_fullscreen();
                            }
                            None => {}
                        }
                    },
                ));
                let d = dispatch.clone();
                listeners.push(EventListener::new(&window, "hashchange", move |_| {
                    d.dispatch(hash_action())
                }));
                if let Ok(Some(mq)) = window.match_media(web::DARK_QUERY) {
                    let d = dispatch.clone();
                    let mq2 = mq.clone();
                    listeners.push(EventListener::new(&mq, "change", move |_| {
                        d.dispatch(Action::SystemDark(mq2.matches()))
                    }));
                }
            }
            move || drop(listeners)
        });
    }

    // The URL, storage, <html> attributes and title follow the state.
    {
        let route = state.route.clone();
        let had_saved_error = !state.ignored_saved.is_empty();
        use_effect_with(route, move |route| {
            let want = route.to_string();
            let current = web::location_hash();
            if current != want {
                let moved =
                    !current.is_empty() && Parsed::from_hash(&current).route.slide != route.slide;
                web::set_hash(&want, moved);
            }
            if had_saved_error {
                web::unstore(STORE_LANG);
                web::unstore(STORE_THEME);
            }
            web::store(STORE_LANG, route.lang.id());
            web::store(STORE_THEME, route.theme.id());
            let ui = route.lang.ui();
            let page_title = format!("{} · {}", title(route.slide, ui), ui.t("app.title"));
            web::apply_page(route.theme.id(), ui, &page_title);
        });
    }

    // When an overlay closes, focus returns to the slide.
    {
        let overlay = state.overlay;
        let was_open = use_mut_ref(|| false);
        use_effect_with(overlay, move |o| {
            let open = *o != Overlay::None;
            if *was_open.borrow() && !open {
                web::focus_id("main");
            }
            *was_open.borrow_mut() = open;
        });
    }

    // A new slide starts at its top.
    {
        use_effect_with(state.route.slide, |_| {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("main"))
            {
                el.set_scroll_top(0);
            }
        });
    }

    let touch_start = use_mut_ref(|| None::<(i32, i32)>);
    let on_touch_start = {
        let start = touch_start.clone();
        Callback::from(move |e: TouchEvent| {
            *start.borrow_mut() = e.touches().get(0).map(|t| (t.client_x(), t.client_y()));
        })
    };
    let on_touch_end = {
        let start = touch_start.clone();
        let d = dispatch.clone();
        Callback::from(move |e: TouchEvent| {
            let Some((x0, y0)) = start.borrow_mut().take() else {
                return;
            };
            if let Some(t) = e.changed_touches().get(0) {
                if let Some(a) = swipe_action(t.client_x() - x0, t.client_y() - y0) {
                    d.dispatch(a);
                }
            }
        })
    };

    let act = |a: Action| {
        let d = dispatch.clone();
        Callback::from(move |_: ()| d.dispatch(a.clone()))
    };
    let route = &state.route;
    let ui = route.lang.ui();
    let live = format!(
        "{} {}",
        crate::i18n::fill(
            ui.t("ui.progress"),
            &[
                ("n", &(route.slide.index() + 1).to_string()),
                ("total", &crate::slides::SLIDES.len().to_string())
            ]
        ),
        title(route.slide, ui)
    );
    let overlay = match state.overlay {
        Overlay::None => html! {},
        Overlay::Help => html! { <Help lang={route.lang} on_close={act(Action::CloseOverlay)} /> },
        Overlay::Overview => {
            let d = dispatch.clone();
            html! {
                <Overview current={route.slide} lang={route.lang}
                    on_go={Callback::from(move |id| d.dispatch(Action::Go(id)))}
                    on_close={act(Action::CloseOverlay)} />
            }
        }
    };
    let panel = match route.slide.info().panel {
        Panel::None => html! {},
        Panel::Sources => html! { <SourceList lang={ui} /> },
        Panel::Models => html! { <ModelsPanel lang={ui} /> },
        Panel::Lessons => html! { <LessonPanel slide={route.slide} lang={ui} /> },
        Panel::Ladder => {
            let d = dispatch.clone();
            html! {
                <LadderPanel lens={route.lens} lang={ui}
                    on_lens={Callback::from(move |l| d.dispatch(Action::Lens(l)))} />
            }
        }
        Panel::Depreciation => {
            let d = dispatch.clone();
            html! {
                <DepreciationPanel params={route.depreciation} lang={ui}
                    on_change={Callback::from(move |p| d.dispatch(Action::Depreciation(p)))} />
            }
        }
        Panel::Bandwidth => {
            let d = dispatch.clone();
            html! {
                <BandwidthPanel params={route.bandwidth} lang={ui}
                    on_change={Callback::from(move |p| d.dispatch(Action::Bandwidth(p)))} />
            }
        }
        Panel::Memory => {
            let d = dispatch.clone();
            html! {
                <MemoryPanel params={route.memory} lang={ui}
                    on_change={Callback::from(move |p| d.dispatch(Action::Memory(p)))} />
            }
        }
        Panel::Power => {
            let d = dispatch.clone();
            html! {
                <PowerPanel params={route.cost} lang={ui}
                    on_change={Callback::from(move |p| d.dispatch(Action::Cost(p)))} />
            }
        }
        Panel::Alternatives => html! { <AlternativesPanel lang={ui} /> },
        Panel::RentVsBuy => {
            let d = dispatch.clone();
            html! {
                <RentBuyPanel params={route.cost} lang={ui}
                    on_change={Callback::from(move |p| d.dispatch(Action::Cost(p)))} />
            }
        }
        Panel::Precision => {
            let d = dispatch.clone();
            html! {
                <PrecisionPanel params={route.precision.clone()} lang={ui}
                    on_action={Callback::from(move |a| d.dispatch(Action::Precision(a)))} />
            }
        }
    };
    let on_lang = {
        let d = dispatch.clone();
        Callback::from(move |l| d.dispatch(Action::SetLang(l)))
    };
    let on_theme = {
        let d = dispatch.clone();
        Callback::from(move |t| d.dispatch(Action::SetTheme(t)))
    };
    html! {
        <div class="app" data-lang={route.lang.id()}>
            // While an overlay is open, everything behind it is inert: no focus, no clicks.
            <div class="frame" inert={state.overlay != Overlay::None}>
            <a class="skip" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); web::focus_id("main"); })}>
                {ui.t("ui.skip")}
            </a>
            <Toolbar lang={route.lang} theme={route.theme} speaker={route.speaker}
                {on_lang} {on_theme}
                on_overview={act(Action::ToggleOverview)} on_help={act(Action::ToggleHelp)}
                on_speaker={act(Action::ToggleSpeaker)}
                on_fullscreen={Callback::from(|_: ()| web::toggle_fullscreen())} />
            <Notice lang={route.lang} ignored={state.ignored.clone()} ignored_saved={state.ignored_saved.clone()}
                on_dismiss={act(Action::DismissIgnored)} />
            <main id="main" tabindex="0" aria-labelledby="slide-title"
                ontouchstart={on_touch_start} ontouchend={on_touch_end}>
                <Slide slide={route.slide} lang={route.lang}>{panel}</Slide>
            </main>
            if route.speaker {
                <SpeakerNotes slide={route.slide} lang={route.lang} />
            }
            <Pager slide={route.slide} lang={route.lang} on_prev={act(Action::Prev)} on_next={act(Action::Next)} />
            </div>
            <div class="sr-only" aria-live="polite" data-testid="live">{live}</div>
            {overlay}
        </div>
    }
}

/// Installs the panic banner and mounts the app into `#app` (or `<body>`).
pub fn start() {
    web::install_panic_hook();
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(boot) = document.as_ref().and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    match document.and_then(|d| d.get_element_by_id("app")) {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// Panics on purpose, so the end-to-end tests can check the error banner.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic was called");
}
