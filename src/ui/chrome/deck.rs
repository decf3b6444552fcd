//! The slide itself, the speaker notes, the pager and the notice of ignored
//! link parts.

use yew::prelude::*;

use crate::deck::i18n::{fill, Lang, TextLang};
use crate::deck::markup::{parse, slice};
use crate::deck::route::notice_list;
use crate::deck::slides::{text_key, SlideId, SlideInfo, SLIDES};
use crate::deck::steps::{self, Shows, Step, CONTEXT, NOTES};
use crate::ui::widgets::rich::{rich, rich_blocks};

/// Props of the components that show one slide's text.
#[derive(Properties, PartialEq)]
pub struct SlideProps {
    pub slide: SlideId,
    pub lang: Lang,
    /// The step shown on the Present stage; `None` is the Read view, the
    /// whole slide.
    #[prop_or_default]
    pub step: Option<usize>,
    /// The step's settings were changed by hand (Present, scripted steps).
    #[prop_or_default]
    pub changed: bool,
    #[prop_or_default]
    pub on_restore: Callback<()>,
    /// The slide's panel, if it has one: in Present only the step's part
    /// of it, in Read all of it, below the text.
    #[prop_or_default]
    pub children: Html,
}

/// A text in each language shown, side by side when there are two.
fn columns(lang: Lang, body: impl Fn(TextLang) -> Html) -> Html {
    let langs = lang.langs();
    let cols: Html = langs
        .iter()
        .map(|&l| html! { <section class="col" lang={l.tag()}>{body(l)}</section> })
        .collect();
    html! { <div class={classes!("cols", (langs.len() > 1).then_some("cols-2"))}>{cols}</div> }
}

/// The notes' words or our context, whole or some of their items.
fn text_part(info: &SlideInfo, shows: Shows, lang: Lang) -> Html {
    let quote = shows.part == NOTES;
    let key = text_key(info, if quote { "notes" } else { "context" });
    columns(lang, |l| {
        let src = l.t(&key);
        let body = match shows.range {
            Some((a, b)) => rich_blocks(slice(parse(src), a, b), l),
            None => rich(src, l),
        };
        // A short text (a line or two, whole) is set larger on the stage.
        let short =
            (shows.range.is_none() && src.chars().count() <= SHORT_TEXT).then_some("text-short");
        if quote {
            html! { <blockquote class={classes!("notes-quote", short)}>{body}</blockquote> }
        } else {
            html! { <div class={classes!("context", short)}>{body}</div> }
        }
    })
}

/// The most characters a text step's text has to be set larger.
const SHORT_TEXT: usize = 160;

/// A title in each language shown: the first as the main one, the second
/// under (or beside) it.
fn titles(lang: Lang, text: impl Fn(TextLang) -> String) -> Html {
    lang.langs()
        .iter()
        .enumerate()
        .map(|(i, &l)| {
            let class = if i == 0 { "title-main" } else { "title-sub" };
            html! { <span class={class} lang={l.tag()}>{text(l)}</span> }
        })
        .collect()
}

/// A step's title in each language shown.
fn step_titles(step: &Step, lang: Lang) -> Html {
    titles(lang, |l| step.title(l).to_string())
}

/// The progress text and its count: steps of the deck in Present (`step`
/// is the step shown), slides in Read (`None`). Returns (n, total, text).
pub fn progress(slide: SlideId, step: Option<usize>, ui: TextLang) -> (usize, usize, String) {
    let (n, total, key) = match step {
        Some(k) => (
            steps::position(slide, k) + 1,
            steps::total(),
            "ui.step_progress",
        ),
        None => (slide.index() + 1, SLIDES.len(), "ui.progress"),
    };
    let text = fill(
        ui.t(key),
        &[("n", &n.to_string()), ("total", &total.to_string())],
    );
    (n, total, text)
}

#[derive(Properties, PartialEq)]
struct SectionsProps {
    slide: SlideId,
    lang: Lang,
}

/// Each text step of a slide under its title as a heading (Read). A
/// component of its own, so that a change of the panel below does not
/// parse and diff the text again.
#[function_component]
fn Sections(props: &SectionsProps) -> Html {
    let info = props.slide.info();
    steps::of(props.slide)
        .iter()
        .filter(|s| s.shows().is_text())
        .map(|s| {
            html! {
                <section class="step-section" data-testid="step-section">
                    <h2 class="step-heading">{step_titles(s, props.lang)}</h2>
                    {text_part(info, s.shows(), props.lang)}
                </section>
            }
        })
        .collect()
}

/// One slide: in Present one step of it, in Read all of it: its title,
/// then each text step under its title as a heading, then its panel.
#[function_component]
pub fn Slide(props: &SlideProps) -> Html {
    let info = props.slide.info();
    let slide_titles = titles(props.lang, |l| props.slide.title(l));
    let ui = props.lang.ui();
    let Some(k) = props.step else {
        return html! {
            <article class="slide" data-testid="slide" data-slide={info.slug}>
                <h1 id="slide-title" data-testid="slide-title">{slide_titles}</h1>
                <Sections slide={props.slide} lang={props.lang} />
                {props.children.clone()}
            </article>
        };
    };
    let step = steps::get(props.slide, k);
    let shows = step.map(Step::shows);
    let body = match shows {
        Some(sh) if sh.is_text() => text_part(info, sh, props.lang),
        // The panel, which shows the step's parts (`panels::Shown`).
        Some(_) => props.children.clone(),
        // A slide without steps shows all of itself.
        None => html! {
            <>
                {info.has_notes.then(|| text_part(info, Shows { part: NOTES, range: None }, props.lang))}
                {info.has_context.then(|| text_part(info, Shows { part: CONTEXT, range: None }, props.lang))}
                {props.children.clone()}
            </>
        },
    };
    // The settings keys the shown parts' controls show (for the tests).
    let keys: Vec<&str> = shows.iter().flat_map(|sh| sh.keys(info.panel)).collect();
    // The settings this step moves from the step before, when both show the
    // same part: their controls are highlighted for a moment (present.css).
    let moved: Vec<&str> = match (
        k.checked_sub(1).and_then(|j| steps::get(props.slide, j)),
        step,
    ) {
        (Some(before), Some(now)) if before.part == now.part => {
            let was = before.pairs();
            now.pairs()
                .into_iter()
                .filter(|p| !was.contains(p))
                .map(|(key, _)| key)
                .collect()
        }
        _ => Vec::new(),
    };
    let count = steps::count(props.slide);
    let of_slide = fill(
        ui.t("ui.step_of_slide"),
        &[("n", &(k + 1).to_string()), ("total", &count.to_string())],
    );
    let mark = props.changed.then(|| {
        html! {
            <div class="changed-mark" data-testid="changed">
                <span>{ui.t("ui.changed")}</span>
                <button type="button" class="btn" aria-keyshortcuts="0" data-testid="restore"
                    onclick={props.on_restore.reform(|_: MouseEvent| ())}>{ui.t("ui.restore")}</button>
            </div>
        }
    });
    html! {
        <article class="slide slide-step" data-testid="slide" data-slide={info.slug}
            data-step={(k + 1).to_string()} data-part={shows.map(|s| s.part)}
            data-parts={shows.map(|s| s.parts().count().to_string())} data-keys={keys.join(" ")}
            data-moved={(!moved.is_empty()).then(|| moved.join(" "))}>
            <header class="step-head">
                <h1 id="slide-title" data-testid="slide-title">{slide_titles}</h1>
                if let Some(s) = step {
                    <p class="step-title" data-testid="step-title">
                        {step_titles(s, props.lang)}
                        <span class="step-count">{of_slide}</span>
                    </p>
                }
            </header>
            <div class="step-body" data-testid="step-body">{body}</div>
            // Always there, so that the mark appearing neither moves the
            // step's body (Yew matches unkeyed children from the end: a new
            // last child would take over the body's element, and the panel,
            // rebuilt, would drop the focus of the control just used) nor
            // goes unannounced (a live region present before it changes).
            <div class="changed-slot" role="status">{mark}</div>
        </article>
    }
}

thread_local! {
    /// Whether a `Later` has shown its children: the page's first render
    /// is over.
    static STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Says that the page's first render is over without a `Later` (it
/// opened on the Present stage): a part that mounts from now on shows at
/// once.
pub fn first_render_done() {
    STARTED.set(true);
}

#[derive(Properties, PartialEq)]
pub struct LaterProps {
    /// How many tasks after its first render the children appear (a panel
    /// staggers its parts: each is then a task of its own).
    #[prop_or(1)]
    pub after: u32,
    pub children: Html,
}

/// Its children, from `after` tasks after its first render on: the page's
/// first render (the slide's text) and its panel's parts are then short
/// tasks, not one long one that blocks input on a deep link. Only the
/// page's first render waits: after that, children show at once.
#[function_component]
pub fn Later(props: &LaterProps) -> Html {
    let after = props.after;
    // Once the page's first render is over, a part that mounts later (a
    // slide changed, Read entered) shows at once.
    let waited = use_state(|| if STARTED.get() { after } else { 0 });
    {
        let waited = waited.clone();
        use_effect_with(*waited, move |&n| {
            if n >= after {
                STARTED.set(true);
            }
            let timer = (n < after)
                .then(|| gloo::timers::callback::Timeout::new(0, move || waited.set(n + 1)));
            move || drop(timer)
        });
    }
    if *waited >= after {
        props.children.clone()
    } else {
        html! {}
    }
}

/// The speaker notes of a slide, in the languages shown.
#[function_component]
pub fn SpeakerNotes(props: &SlideProps) -> Html {
    let ui = props.lang.ui();
    let info = props.slide.info();
    let body: Html = props
        .lang
        .langs()
        .iter()
        .map(|&l| {
            let cue = props
                .step
                .and_then(|k| steps::get(props.slide, k))
                .and_then(|s| s.cue(l))
                .map(|c| html! { <p class="cue" data-testid="cue"><strong>{l.t("ui.cue")}{l.colon()}</strong>{c}</p> });
            html! { <div class="col" lang={l.tag()}>{cue}{rich(l.t(&text_key(info, "speaker")), l)}</div> }
        })
        .collect();
    html! {
        <aside id="speaker-notes" class="speaker" aria-labelledby="speaker-title" tabindex="0" data-testid="speaker-notes">
            <h2 id="speaker-title" class="label">{ui.t("ui.speaker")}</h2>
            <div class={classes!("cols", (props.lang.langs().len() > 1).then_some("cols-2"))}>{body}</div>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub slide: SlideId,
    /// The step, counted in Present; `None` in Read (slides are counted).
    pub step: Option<usize>,
    pub lang: Lang,
    pub on_prev: Callback<()>,
    pub on_next: Callback<()>,
}

/// Previous / next buttons and the progress indicator.
#[function_component]
pub fn Pager(props: &PagerProps) -> Html {
    let ui = props.lang.ui();
    let (n, total, progress) = progress(props.slide, props.step, ui);
    let prev = props.on_prev.reform(|_: MouseEvent| ());
    let next = props.on_next.reform(|_: MouseEvent| ());
    html! {
        <nav class="pager" aria-label={ui.t("ui.toolbar")}>
            <button type="button" class="btn" onclick={prev} disabled={n == 1} data-testid="prev">
                <span aria-hidden="true">{"‹ "}</span>{ui.t(if props.step.is_some() { "ui.prev_step" } else { "ui.prev" })}
            </button>
            <div class="progress" data-testid="progress">
                <span class="progress-text">{progress.clone()}</span>
                <progress max={total.to_string()} value={n.to_string()} aria-label={progress}></progress>
            </div>
            <button type="button" class="btn" onclick={next} disabled={n == total} data-testid="next">
                {ui.t(if props.step.is_some() { "ui.next_step" } else { "ui.next" })}<span aria-hidden="true">{" ›"}</span>
            </button>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub lang: Lang,
    pub ignored: Vec<String>,
    pub ignored_saved: Vec<String>,
    pub on_dismiss: Callback<()>,
}

/// Says which parts of the link or of the saved settings were ignored.
#[function_component]
pub fn Notice(props: &NoticeProps) -> Html {
    let ui = props.lang.ui();
    if props.ignored.is_empty() && props.ignored_saved.is_empty() {
        return html! {};
    }
    let line = |key: &str, parts: &[String]| {
        (!parts.is_empty()).then(|| {
            let (named, more) = notice_list(parts);
            let rest = (more > 0).then(|| {
                let n = crate::ui::numfmt::fixed(more as f64, 0, ui);
                fill(ui.t("ui.ignored_more"), &[("n", &n)])
            });
            html! { <p>{fill(ui.t(key), &[("list", &named)])}{rest}</p> }
        })
    };
    html! {
        <div class="notice" role="status" data-testid="notice">
            <div>
                {line("ui.ignored", &props.ignored)}
                {line("ui.ignored_saved", &props.ignored_saved)}
            </div>
            <button type="button" class="btn" onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>
                {ui.t("ui.dismiss")}
            </button>
        </div>
    }
}
