//! The root component: owns the one `State` behind `use_reducer` and lays
//! out the page. Its listeners (keys, hash sync, system theme, swipe, focus
//! return) are named hooks in `ui::hooks`; each panel is chosen and wired by
//! `ui::panels::view`. `start()` mounts it.

use std::rc::Rc;

use yew::prelude::*;

use crate::deck::route::View;
use crate::deck::state::{Action, Overlay, State};
use crate::deck::steps;
use crate::ui::chrome::deck::{progress, title, Notice, Pager, Slide, SpeakerNotes};
use crate::ui::chrome::overlays::{Help, Overview};
use crate::ui::chrome::toolbar::Toolbar;
use crate::ui::hooks::{
    callback, hash_action, send, use_deck_keys, use_focus_return, use_hash_sync, use_slide_top,
    use_swipe, use_system_theme, use_wide,
};
use crate::ui::panels::Shown;
use crate::ui::{panels, web};

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

/// The initial state: the URL, then the saved settings, then defaults.
pub fn initial_state() -> State {
    State {
        system_dark: web::prefers_dark(),
        wide: web::is_wide(),
        ..State::default()
    }
    .reduce(hash_action())
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
    let d = state.dispatcher();
    use_deck_keys(d.clone());
    use_system_theme(d.clone());
    use_wide(d.clone());
    let view = state.view();
    let present = view == View::Present;
    use_hash_sync(
        d.clone(),
        state.route.clone(),
        view,
        !state.ignored_saved.is_empty(),
    );
    use_focus_return(state.overlay);
    use_slide_top(state.route.slide);
    let (on_touch_start, on_touch_end) = use_swipe(d.clone());

    let route = &state.route;
    let ui = route.lang.ui();
    let (_, _, progress) = progress(route.slide, present.then_some(route.step), ui);
    let step = steps::get(route.slide, route.step);
    let live = match step.filter(|_| present) {
        Some(s) => format!("{progress} {} · {}", title(route.slide, ui), s.title(ui)),
        None => format!("{progress} {}", title(route.slide, ui)),
    };
    let overlay = match state.overlay {
        Overlay::None => html! {},
        Overlay::Help => {
            html! { <Help lang={route.lang} on_close={send(&d, Action::CloseOverlay)} /> }
        }
        Overlay::Overview => html! {
            <Overview current={route.slide} step={route.step} lang={route.lang}
                on_go={callback(&d, |(s, k)| Action::GoStep(s, k))} on_close={send(&d, Action::CloseOverlay)} />
        },
    };
    html! {
        <div class="app" data-lang={route.lang.id()}>
            // While an overlay is open, everything behind it is inert: no focus, no clicks.
            <div class="frame" inert={state.overlay != Overlay::None}>
            <a class="skip" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); web::focus_id("main"); })}>
                {ui.t("ui.skip")}
            </a>
            <Toolbar lang={route.lang} theme={route.theme} speaker={route.speaker}
                {view} on_view={send(&d, Action::ToggleView)}
                on_lang={callback(&d, Action::SetLang)} on_theme={callback(&d, Action::SetTheme)}
                on_overview={send(&d, Action::ToggleOverview)} on_help={send(&d, Action::ToggleHelp)}
                on_speaker={send(&d, Action::ToggleSpeaker)}
                on_fullscreen={Callback::from(|_: ()| web::toggle_fullscreen())} />
            <Notice lang={route.lang} ignored={state.ignored.clone()} ignored_saved={state.ignored_saved.clone()}
                on_dismiss={send(&d, Action::DismissIgnored)} />
            <main id="main" tabindex="0" aria-labelledby="slide-title" class={classes!(present.then_some("stage-wrap"))}
                ontouchstart={on_touch_start} ontouchend={on_touch_end}>
                if present {
                    <div class="stage" data-testid="stage">
                        // Keyed by the step and its keyframe, so that each entry
                        // animates in (reduced motion: it does not).
                        <div class="stage-inner" key={format!("{}-{}-{}", route.slide, route.step, state.keyframe)}>
                        <Slide slide={route.slide} lang={route.lang} step={Some(route.step)}
                            changed={steps::changed(route.slide, route.step, &route.settings)}
                            on_restore={send(&d, Action::Restore)}>
                            <ContextProvider<Shown> context={Shown { shows: step.map(|s| s.shows()) }}>
                                {panels::view(route, &d)}
                            </ContextProvider<Shown>>
                        </Slide>
                        </div>
                    </div>
                } else {
                    <Slide slide={route.slide} lang={route.lang}>{panels::view(route, &d)}</Slide>
                }
            </main>
            if route.speaker {
                <SpeakerNotes slide={route.slide} lang={route.lang} step={present.then_some(route.step)} />
            }
            <Pager slide={route.slide} step={present.then_some(route.step)} lang={route.lang}
                on_prev={send(&d, Action::Prev)} on_next={send(&d, Action::Next)} />
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
