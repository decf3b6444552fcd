//! The presenter window (`presenter=1`): the current step, live; the next
//! step as a preview; the step's cue and speaker notes, in this window's
//! language and at the speaker's text size; the elapsed time with pause and
//! reset, the clock and the pace against the steps' planned times; the
//! counters, the controls that drive the talk, and the QR code of the
//! audience's link. It mirrors the audience window through `ui::sync`.

use gloo::timers::callback::{Interval, Timeout};
use yew::prelude::*;

use crate::deck::i18n::{fill, Lang, TextLang};
use crate::deck::route::Route;
use crate::deck::slides::SLIDES;
use crate::deck::steps::{self, clock_text, Pace};
use crate::deck::sync::Blank;
use crate::ui::chrome::deck::{progress, SpeakerNotes};
use crate::ui::web;
use crate::ui::widgets::qr::QrLink;

#[derive(Properties, PartialEq)]
pub struct PresenterProps {
    pub route: Route,
    /// The route of the next step, or `None` at the end of the deck.
    pub next: Option<Route>,
    pub blank: Blank,
    pub pointing: bool,
    /// The audience's link (for the QR code).
    pub link: AttrValue,
    pub on_prev: Callback<()>,
    pub on_next: Callback<()>,
    pub on_blank: Callback<Blank>,
    pub on_pointing: Callback<bool>,
    pub on_goto: Callback<()>,
    pub on_help: Callback<()>,
    pub on_lang: Callback<Lang>,
    /// The live class's counts (`ui::live::LiveBar`), when in one.
    #[prop_or_default]
    pub live: Html,
    /// The live current step (the stage).
    pub children: Html,
}

/// Smallest and largest speaker notes text size steps (each ~12 %).
const SPEAKER_NOTES_SIZES: (i32, i32) = (-3, 5);
/// (The stored key keeps the name it had before the speaker notes had one
/// of their own, so a speaker's choice is kept.)
const STORE_SPEAKER_NOTES_SIZE: &str = "notes_size";

/// The elapsed time: running since `since` (wall ms) on top of `before` ms,
/// started (or reset) on the step at deck position `from`, where the pace
/// counts the plan from.
#[derive(Clone, Copy, PartialEq)]
struct Timer {
    before: f64,
    since: Option<f64>,
    from: usize,
}

impl Timer {
    fn elapsed_ms(self, now: f64) -> f64 {
        self.before + self.since.map_or(0.0, |s| (now - s).max(0.0))
    }

    /// As kept for a reload: `before` and `since` (or `-`) in whole ms,
    /// and `from`.
    fn text(self) -> String {
        let since = self
            .since
            .map_or("-".to_string(), |s| (s as u64).to_string());
        format!("{} {since} {}", self.before as u64, self.from)
    }

    /// A kept timer, if the text is one (and not from the future); one
    /// kept without its step counts from the deck's first.
    fn parse(text: &str, now: f64) -> Option<Timer> {
        let mut parts = text.split(' ');
        let (before, since) = (parts.next()?, parts.next()?);
        let from = match parts.next() {
            Some(f) => f.parse::<usize>().ok().filter(|f| *f < steps::total())?,
            None => 0,
        };
        if parts.next().is_some() {
            return None;
        }
        let before = before.parse::<u64>().ok()? as f64;
        let since = match since {
            "-" => None,
            s => Some(
                s.parse::<u64>()
                    .ok()
                    .map(|v| v as f64)
                    .filter(|v| *v <= now)?,
            ),
        };
        Some(Timer {
            before,
            since,
            from,
        })
    }
}

/// The timer survives a reload of the presenter window (this tab only).
const SESSION_TIMER: &str = "timer";

fn pace_text(ui: TextLang, pace: Pace) -> (String, &'static str) {
    let t = |key: &str, secs: u32| fill(ui.t(key), &[("t", &clock_text(secs))]);
    match pace {
        Pace::Ahead(s) if s >= 30 => (t("ui.pace.ahead", s), "ahead"),
        Pace::Behind(s) if s >= 30 => (t("ui.pace.behind", s), "behind"),
        Pace::Unplanned => (String::new(), "none"),
        _ => (ui.t("ui.pace.on").to_string(), "on"),
    }
}

#[function_component]
pub fn Presenter(props: &PresenterProps) -> Html {
    let route = &props.route;
    let lang = route.lang;
    let ui = lang.ui();
    // Re-render twice a second for the clocks.
    {
        let redraw = use_force_update();
        use_effect_with((), move |_| {
            let i = Interval::new(500, move || redraw.force_update());
            move || drop(i)
        });
    }
    let here = steps::position(route.slide, route.step);
    let timer = use_state(|| {
        let now = web::clock::wall_ms();
        web::storage::session(SESSION_TIMER)
            .and_then(|t| Timer::parse(&t, now))
            .unwrap_or(Timer {
                before: 0.0,
                since: Some(now),
                from: here,
            })
    });
    use_effect_with(*timer, |t| {
        web::storage::set_session(SESSION_TIMER, &t.text())
    });
    let size = use_state(|| {
        web::storage::stored(STORE_SPEAKER_NOTES_SIZE)
            .and_then(|s| s.parse::<i32>().ok())
            .filter(|n| (SPEAKER_NOTES_SIZES.0..=SPEAKER_NOTES_SIZES.1).contains(n))
            .unwrap_or(0)
    });
    let now = web::clock::wall_ms();
    let elapsed = (timer.elapsed_ms(now) / 1000.0) as u32;
    let running = timer.since.is_some();
    let on_pause = {
        let timer = timer.clone();
        Callback::from(move |_: MouseEvent| {
            let now = web::clock::wall_ms();
            timer.set(match timer.since {
                Some(_) => Timer {
                    before: timer.elapsed_ms(now),
                    since: None,
                    ..*timer
                },
                None => Timer {
                    before: timer.before,
                    since: Some(now),
                    ..*timer
                },
            });
        })
    };
    let on_reset = {
        let timer = timer.clone();
        Callback::from(move |_: MouseEvent| {
            timer.set(Timer {
                before: 0.0,
                since: timer.since.map(|_| web::clock::wall_ms()),
                from: here,
            })
        })
    };
    let resize = |delta: i32| {
        let size = size.clone();
        Callback::from(move |_: MouseEvent| {
            let n = (*size + delta).clamp(SPEAKER_NOTES_SIZES.0, SPEAKER_NOTES_SIZES.1);
            web::storage::store(STORE_SPEAKER_NOTES_SIZE, &n.to_string());
            size.set(n);
        })
    };
    let date = js_sys::Date::new_0();
    let clock = format!(
        "{:02}:{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    );
    let (pace, pace_class) = pace_text(
        ui,
        steps::pace(elapsed, timer.from, route.slide, route.step),
    );
    let count = steps::count(route.slide);
    let counter = fill(
        ui.t("ui.presenter.counter"),
        &[
            ("slide", &(route.slide.index() + 1).to_string()),
            ("slides", &SLIDES.len().to_string()),
            ("step", &(route.step + 1).to_string()),
            ("steps", &count.to_string()),
        ],
    );
    let (_, _, deck_step) = progress(route.slide, Some(route.step), ui);
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    let blank = |b: Blank| props.on_blank.reform(move |_: MouseEvent| b);
    let pointing = props.pointing;
    let on_pointer = props.on_pointing.reform(move |_: MouseEvent| !pointing);
    let on_lang = {
        let cb = props.on_lang.clone();
        Callback::from(move |_: MouseEvent| cb.emit(lang.cycled()))
    };
    // The preview follows 250 ms after the last change: while a slider is
    // dragged, the page re-renders only the live step, not the preview too
    // (a same-origin frame shares the page's main thread).
    let src = props
        .next
        .as_ref()
        .map(|n| format!("{}{n}", web::location::page_address()));
    let shown_src = use_state(|| src.clone());
    {
        let shown_src = shown_src.clone();
        use_effect_with(src, move |src| {
            let src = src.clone();
            let t = (*shown_src != src).then(|| Timeout::new(250, move || shown_src.set(src)));
            move || drop(t)
        });
    }
    let next = match (&props.next, &*shown_src) {
        (Some(n), Some(src)) => {
            let title = steps::get(n.slide, n.step).map_or_else(
                || n.slide.title(ui),
                |s| format!("{} · {}", n.slide.title(ui), s.title(ui)),
            );
            html! {
                <>
                    <h2 class="pr-label" data-testid="pr-next-title">{fill(ui.t("ui.presenter.next"), &[("title", &title)])}</h2>
                    <div class="pr-frame">
                        <iframe src={src.clone()} title={ui.t("ui.presenter.preview")} tabindex="-1" inert={true}
                            data-testid="pr-preview" loading="eager"></iframe>
                    </div>
                </>
            }
        }
        _ => html! { <h2 class="pr-label">{ui.t("ui.presenter.end")}</h2> },
    };
    let blank_status = match props.blank {
        Blank::None => None,
        Blank::Black => Some("ui.presenter.blank_black"),
        Blank::White => Some("ui.presenter.blank_white"),
    };
    html! {
        <div class="presenter" data-testid="presenter">
            <header class="pr-bar">
                <p class="pr-count" data-testid="pr-count"><strong>{counter}</strong>{" · "}{deck_step}</p>
                <div class="pr-timer" role="group" aria-label={ui.t("ui.timer")}>
                    <span class="pr-time" data-testid="pr-elapsed" aria-label={ui.t("ui.timer")}>{clock_text(elapsed)}</span>
                    <button type="button" class="btn" onclick={on_pause} aria-pressed={(!running).to_string()} data-testid="pr-pause">
                        {ui.t(if running { "ui.timer.pause" } else { "ui.timer.start" })}
                    </button>
                    <button type="button" class="btn" onclick={on_reset} data-testid="pr-reset">{ui.t("ui.timer.reset")}</button>
                    if !pace.is_empty() {
                        <span class={classes!("pr-pace", format!("pace-{pace_class}"))} data-testid="pr-pace">{pace}</span>
                    }
                </div>
                <p class="pr-clock"><span class="label">{ui.t("ui.clock")}</span>{" "}<span data-testid="pr-clock">{clock}</span></p>
                <nav class="pr-actions" aria-label={ui.t("ui.toolbar")}>
                    <button type="button" class="btn" onclick={click(&props.on_prev)} data-testid="pr-prev">
                        <span aria-hidden="true">{"‹ "}</span>{ui.t("ui.prev_step")}
                    </button>
                    <button type="button" class="btn btn-primary" onclick={click(&props.on_next)} data-testid="pr-next">
                        {ui.t("ui.next_step")}<span aria-hidden="true">{" ›"}</span>
                    </button>
                    <button type="button" class="btn" onclick={blank(Blank::Black)} aria-keyshortcuts="b"
                        aria-pressed={(props.blank == Blank::Black).to_string()} data-testid="pr-black">{ui.t("ui.blank.black")}</button>
                    <button type="button" class="btn" onclick={blank(Blank::White)} aria-keyshortcuts="w"
                        aria-pressed={(props.blank == Blank::White).to_string()} data-testid="pr-white">{ui.t("ui.blank.white")}</button>
                    <button type="button" class="btn" onclick={on_pointer} aria-keyshortcuts="q"
                        aria-pressed={pointing.to_string()} data-testid="pr-pointer">{ui.t("ui.pointer")}</button>
                    <button type="button" class="btn" onclick={click(&props.on_goto)} aria-keyshortcuts="g" data-testid="pr-goto">{ui.t("ui.goto")}</button>
                    <button type="button" class="btn" onclick={on_lang} aria-keyshortcuts="l" data-testid="pr-lang">
                        {ui.t("ui.lang")}{ui.colon()}{ui.t(lang.label_key())}
                    </button>
                    <button type="button" class="btn" onclick={click(&props.on_help)} aria-keyshortcuts="?">{ui.t("ui.help")}</button>
                </nav>
            </header>
            if let Some(key) = blank_status {
                <div class="pr-blank" role="status" data-testid="pr-blank">
                    <span>{ui.t(key)}</span>
                    <button type="button" class="btn" onclick={props.on_blank.reform(|_: MouseEvent| Blank::None)}>{ui.t("ui.blank.resume")}</button>
                </div>
            }
            <div class="pr-main">
                <div class="pr-current">{props.children.clone()}</div>
                <aside class="pr-side">
                    <section class="pr-next" data-testid="pr-next-step">{next}</section>
                    <section class={classes!("pr-speaker-notes", format!("size-{}", *size))} data-testid="pr-speaker-notes">
                        <div class="pr-speaker-notes-head">
                            <button type="button" class="btn" onclick={resize(-1)} disabled={*size <= SPEAKER_NOTES_SIZES.0}
                                data-testid="pr-smaller">{ui.t("ui.presenter.smaller")}</button>
                            <button type="button" class="btn" onclick={resize(1)} disabled={*size >= SPEAKER_NOTES_SIZES.1}
                                data-testid="pr-bigger">{ui.t("ui.presenter.bigger")}</button>
                        </div>
                        <SpeakerNotes slide={route.slide} lang={lang} step={Some(route.step)} />
                    </section>
                    {props.live.clone()}
                    <QrLink link={props.link.clone()} ui={ui} />
                </aside>
            </div>
        </div>
    }
}
