//! The root component: owns the one `State` behind `use_reducer` and lays
//! out the page: the audience's (toolbar, stage or scrolling slide, pager),
//! the presenter's (`presenter=1`, `chrome::presenter`) or the preview of
//! the next step (`preview=1`, the stage alone). Its listeners (keys, hash
//! sync, system theme, swipe, focus return, presenting) are named hooks in
//! `ui::hooks`, the window sync is `ui::sync`; each panel is chosen and
//! wired by `ui::panels::draw`. `start()` mounts it.

use std::rc::Rc;

use yew::prelude::*;

use wasm_bindgen::JsCast;

use crate::deck::i18n::fill;
use crate::deck::route::{Print, Route, View};
use crate::deck::slides::SlideId;
use crate::deck::state::{Action, Overlay, State};
use crate::deck::steps;
use crate::deck::sync::{self, Blank, StagePoint};
use crate::ui::chrome::deck::{
    first_render_done, progress, Later, Notice, Pager, Slide, SpeakerNotes,
};
use crate::ui::chrome::handout::Handout;
use crate::ui::chrome::overlays::{GoTo, Help, Overview};
use crate::ui::chrome::presenter::Presenter;
use crate::ui::chrome::toolbar::Toolbar;
use crate::ui::hooks::{
    hash_action, note_key_mode, presenter_url, use_deck_keys, use_focus_return, use_handlers,
    use_hash_sync, use_presenting, use_print_events, use_slide_top, use_swipe, use_system_theme,
    use_wide,
};
use crate::ui::panels::Shown;
use crate::ui::sync::use_sync;
use crate::ui::widgets::qr::QrLink;
use crate::ui::{panels, web};

impl Reducible for State {
    type Action = Action;
    /// The pure reducer (`deck::state::State::reduce`), then the side
    /// channels in `after_reduce`.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = State::reduce(&self, action);
        let changed = next != *self;
        after_reduce(&next, changed);
        if changed {
            Rc::new(next)
        } else {
            self
        }
    }
}

/// The reducer's middleware: what leaves the app as soon as a state is
/// reduced, before the page renders it (ARCHITECTURE.md, "Side
/// channels"). The key mode is recorded for the key listener, so a key
/// pressed before the render means what the new state says; a changed view
/// goes to the other windows a render sooner (`ui::sync::early`).
fn after_reduce(next: &State, changed: bool) {
    note_key_mode(next.key_mode());
    if changed {
        crate::ui::sync::early(&next.route, next.blank);
    }
}

/// The initial state: the URL, then the saved settings, then defaults.
pub fn initial_state() -> State {
    State {
        system_dark: web::media::prefers_dark(),
        wide: web::media::is_wide(),
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

/// Whether a slide shows the QR code of the link (on the stage and in
/// Read): the cover's and the closing slide's.
fn shows_qr(slide: SlideId) -> bool {
    matches!(slide, SlideId::Intro | SlideId::Closing)
}

/// Thousandths of the stage's width and height at a pointer event, when it
/// is over the stage. (Yew delegates events to the root, so the stage is
/// found from the target, not the current target.)
fn stage_point(e: &PointerEvent) -> Option<StagePoint> {
    let el = e
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(".stage")
        .ok()??;
    let r = el.get_bounding_client_rect();
    if r.width() <= 0.0 || r.height() <= 0.0 {
        return None;
    }
    let at =
        |v: f64, lo: f64, len: f64| ((v - lo) / len * 1000.0).round().clamp(0.0, 1000.0) as u16;
    Some((
        at(f64::from(e.client_x()), r.left(), r.width()),
        at(f64::from(e.client_y()), r.top(), r.height()),
    ))
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || {
        let s = initial.unwrap_or_else(initial_state);
        note_key_mode(s.key_mode());
        s
    });
    let d = state.dispatcher();
    let h = use_handlers(&d);
    let route = &state.route;
    use_deck_keys(d.clone(), route.preview);
    use_system_theme(d.clone());
    use_wide(d.clone());
    let view = state.view();
    let present = view == View::Present;
    let handout = route.print.is_some() || state.printing;
    use_hash_sync(
        d.clone(),
        route.clone(),
        view,
        !state.ignored_saved.is_empty(),
        handout,
    );
    use_print_events(d.clone());
    // The view the other windows share, and the audience's link holds.
    let shared = sync::shared(route);
    let sync = use_sync(
        d.clone(),
        route.preview,
        route.presenter,
        &shared,
        state.blank,
    );
    // The live class: only with `?live=` in the link (`ui::live`).
    let live_class = crate::ui::live::use_live(d.clone(), route.preview, &shared, state.blank);
    use_presenting(present && !route.preview);
    // Read waits for its first panel (`Later`); the stage does not.
    use_effect_with((), move |_| {
        if present {
            first_render_done();
        }
    });
    use_focus_return(state.overlay);
    use_slide_top(route.slide);
    let (on_touch_start, on_touch_end) = use_swipe(d.clone());
    // The pointer released: the other windows hide it too.
    {
        let sync = sync.clone();
        let seen = use_mut_ref(|| false);
        use_effect_with(state.pointing, move |&on| {
            if !on && std::mem::replace(&mut *seen.borrow_mut(), true) {
                sync.pointer(None);
            }
        });
    }
    {
        let (presenter, preview) = (route.presenter, route.preview);
        use_effect_with((presenter, preview), |&(p, v)| {
            web::page::root_flag("data-presenter", p);
            web::page::root_flag("data-preview", v);
        });
    }

    let ui = route.lang.ui();
    let (_, _, progress) = progress(route.slide, present.then_some(route.step), ui);
    let step = steps::get(route.slide, route.step);
    let live = match step.filter(|_| present) {
        Some(s) => format!("{progress} {} · {}", route.slide.title(ui), s.title(ui)),
        None => format!("{progress} {}", route.slide.title(ui)),
    };
    let overlay = match state.overlay {
        Overlay::None => html! {},
        Overlay::Help => {
            html! { <Help lang={route.lang} on_close={h.close.clone()} /> }
        }
        Overlay::Overview => html! {
            <Overview current={route.slide} step={route.step} lang={route.lang}
                on_go={h.go_step.clone()} on_close={h.close.clone()} />
        },
        Overlay::GoTo => html! {
            <GoTo lang={route.lang} on_go={h.go.clone()} on_close={h.close.clone()} />
        },
    };
    // The audience's link: what the QR code holds and the class opens (in a
    // live class, the room's, on an address a phone can reach).
    let link = || crate::ui::live::audience_link(&live_class, &shared);
    let live_bar = html! { <crate::ui::live::LiveBar snapshot={live_class.clone()} {ui} /> };
    let on_pointer_move = {
        let d = d.clone();
        let sync = sync.clone();
        let on = state.pointing;
        Callback::from(move |e: PointerEvent| {
            if let Some(p) = stage_point(&e).filter(|_| on) {
                d.dispatch(Action::Pointer(Some(p)));
                sync.pointer(Some(p));
            }
        })
    };
    let pointer = state.pointer.map(|(x, y)| {
        html! {
            <svg class="pointer-layer" viewBox="0 0 1600 900" preserveAspectRatio="none" aria-hidden="true">
                <circle class="pointer-dot" data-testid="pointer" cx={(u32::from(x) * 16 / 10).to_string()}
                    cy={(u32::from(y) * 9 / 10).to_string()} r="16" />
            </svg>
        }
    });
    let stage = html! {
        <div class={classes!("stage", state.pointing.then_some("pointing"))} data-testid="stage" onpointermove={on_pointer_move}>
            // Keyed by the step and its keyframe, so that each entry
            // animates in (reduced motion: it does not).
            <div class="stage-inner" key={format!("{}-{}-{}", route.slide, route.step, state.keyframe)}>
            <Slide slide={route.slide} lang={route.lang} step={Some(route.step)}
                changed={steps::changed(route.slide, route.step, &route.settings)}
                on_restore={h.restore.clone()}>
                <ContextProvider<Shown> context={Shown { shows: step.map(|s| s.shows()) }}>
                    {panels::draw(route, &h.panel)}
                </ContextProvider<Shown>>
            </Slide>
            </div>
            if shows_qr(route.slide) && !route.preview {
                <div class="stage-qr"><QrLink link={link()} ui={ui} /></div>
            }
            {pointer}
        </div>
    };
    if handout {
        // Every step, a page each: `print=` on screen, or while printing.
        let speaker_notes = match route.print {
            Some(p) => p == Print::WithSpeakerNotes,
            None => route.speaker,
        };
        return html! {
            <div class="app app-handout" data-lang={route.lang.id()}>
                <main id="main" tabindex="0" aria-labelledby="slide-title">
                    <Handout lang={route.lang} {speaker_notes} address={web::location::page_address()} panel={h.panel.clone()}
                        on_print={h.print.clone()} on_speaker_notes={h.handout_speaker_notes.clone()} on_close={h.handout_close.clone()} />
                </main>
            </div>
        };
    }
    if route.preview {
        // The presenter's preview of the next step: the stage alone.
        return html! {
            <div class="app app-preview" data-lang={route.lang.id()}>
                <main id="main" class="stage-wrap">{stage}</main>
            </div>
        };
    }
    let digits = (!state.digits.is_empty()).then(|| {
        html! {
            <div class="digits" role="status" data-testid="digits">
                {fill(ui.t("ui.digits"), &[("n", &state.digits)])}
            </div>
        }
    });
    let live = html! { <div class="sr-only" aria-live="polite" data-testid="live">{live}</div> };
    if route.presenter {
        let next_state = State {
            overlay: Overlay::None,
            ..(*state).clone()
        }
        .reduce(Action::Next);
        let moved = (next_state.route.slide, next_state.route.step) != (route.slide, route.step);
        let next = moved.then_some(Route {
            preview: true,
            presenter: false,
            speaker: false,
            view: None,
            ..next_state.route
        });
        return html! {
            <div class="app app-presenter" data-lang={route.lang.id()}>
                <div class="frame" inert={state.overlay != Overlay::None}>
                <Notice lang={route.lang} ignored={state.ignored.clone()} ignored_saved={state.ignored_saved.clone()}
                    on_dismiss={h.dismiss.clone()} />
                <Presenter route={route.clone()} {next} blank={state.blank} pointing={state.pointing} link={link()}
                    on_prev={h.prev.clone()} on_next={h.next.clone()}
                    on_blank={h.blank.clone()} on_pointing={h.pointing.clone()}
                    on_goto={h.goto.clone()} on_help={h.help.clone()}
                    on_lang={h.lang.clone()} live={live_bar.clone()}>
                    <main id="main" tabindex="0" aria-labelledby="slide-title" class="stage-wrap">{stage}</main>
                </Presenter>
                {digits}
                </div>
                {live}
                {overlay}
            </div>
        };
    }
    let blank = match state.blank {
        Blank::None => None,
        b => Some(html! {
            <div class={classes!("blank", format!("blank-{}", b.id()))} data-testid="blank" data-blank={b.id()}
                onclick={h.resume.clone()}>
                <p class="sr-only" role="status">{ui.t("ui.blanked")}</p>
            </div>
        }),
    };
    let popup = state.popup_blocked.then(|| {
        html! {
            <div class="notice" role="alert" data-testid="popup-blocked">
                <p>{ui.t("ui.popup_blocked")}{" "}
                    <a href={presenter_url(route)} target="_blank" data-testid="presenter-link">{ui.t("ui.popup_link")}</a>
                </p>
                <button type="button" class="btn" onclick={h.popup_dismiss.clone()}>{ui.t("ui.dismiss")}</button>
            </div>
        }
    });
    html! {
        <div class="app" data-lang={route.lang.id()}>
            // While an overlay is open, everything behind it is inert: no focus, no clicks.
            <div class="frame" inert={state.overlay != Overlay::None}>
            <a class="skip" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); web::focus::focus_id("main"); })}>
                {ui.t("ui.skip")}
            </a>
            <Toolbar lang={route.lang} theme={route.theme} speaker={route.speaker}
                {view} on_view={h.view.clone()}
                on_lang={h.lang.clone()} on_theme={h.theme.clone()}
                on_overview={h.overview.clone()} on_help={h.help.clone()}
                on_speaker={h.speaker.clone()} on_presenter={h.presenter.clone()} on_handout={h.handout.clone()}
                on_fullscreen={h.fullscreen.clone()} />
            <Notice lang={route.lang} ignored={state.ignored.clone()} ignored_saved={state.ignored_saved.clone()}
                on_dismiss={h.dismiss.clone()} />
            {popup}
            <main id="main" tabindex="0" aria-labelledby="slide-title" class={classes!(present.then_some("stage-wrap"))}
                ontouchstart={on_touch_start} ontouchend={on_touch_end}>
                if present {
                    {stage}
                } else {
                    <Slide slide={route.slide} lang={route.lang}><Later>{panels::draw(route, &h.panel)}</Later></Slide>
                    if shows_qr(route.slide) {
                        <QrLink link={link()} ui={ui} />
                    }
                }
            </main>
            if route.speaker {
                <SpeakerNotes slide={route.slide} lang={route.lang} step={present.then_some(route.step)} />
            }
            // The room's screen does not show the speaker's counts (the
            // presenter window does); Read and every follower show the bar.
            if !(present && live_class.speaking) {
                {live_bar}
            }
            <Pager slide={route.slide} step={present.then_some(route.step)} lang={route.lang}
                on_prev={h.prev.clone()} on_next={h.next.clone()} />
            {digits}
            </div>
            {live}
            {overlay}
            {blank}
        </div>
    }
}

/// Installs the panic banner and mounts the app into `#app` (or `<body>`).
pub fn start() {
    web::panic::install_panic_hook();
    // The live link, and a speaker's key out of the address bar, before
    // the first link is read or written.
    crate::ui::live::init();
    // "Both" puts the browser's language first: Chinese when the browser's
    // first language is, English otherwise. Before the first link is read.
    crate::deck::i18n::set_browser_first(if web::media::browser_prefers_chinese() {
        crate::deck::i18n::TextLang::Zh
    } else {
        crate::deck::i18n::TextLang::En
    });
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
