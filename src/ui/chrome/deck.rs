//! The slide itself, the speaker notes, the pager and the notice of ignored
//! link parts.

use yew::prelude::*;

use crate::deck::i18n::{fill, Lang, TextLang};
use crate::deck::markup::plain;
use crate::deck::slides::{text_key, SlideId, SLIDES};
use crate::ui::widgets::rich::rich;

/// The slide's title in one language, as plain text.
pub fn title(slide: SlideId, lang: TextLang) -> String {
    plain(lang.t(&text_key(slide.info(), "title")))
}

/// Props of the components that show one slide's text.
#[derive(Properties, PartialEq)]
pub struct SlideProps {
    pub slide: SlideId,
    pub lang: Lang,
    /// The slide's panel, if it has one, shown below its text.
    #[prop_or_default]
    pub children: Html,
}

/// One slide: its title, then per language the notes' words and our context.
#[function_component]
pub fn Slide(props: &SlideProps) -> Html {
    let info = props.slide.info();
    let shown = props.lang.shown();
    let titles: Html = shown
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let class = if i == 0 { "title-main" } else { "title-sub" };
            html! { <span class={class} lang={l.tag()}>{title(props.slide, *l)}</span> }
        })
        .collect();
    let columns: Html = shown
        .iter()
        .map(|&l| {
            let notes = info.has_notes.then(|| {
                html! {
                    <>
                        <h2 class="label">{l.t("ui.from_notes")}</h2>
                        <blockquote class="notes-quote">{rich(l.t(&text_key(info, "notes")), l)}</blockquote>
                    </>
                }
            });
            let context = info.has_context.then(|| {
                // The label sets our text apart from the notes' own; alone it is not needed.
                let label = info.has_notes.then(|| html! { <h2 class="label">{l.t("ui.context")}</h2> });
                html! {
                    <>
                        {label}
                        <div class="context">{rich(l.t(&text_key(info, "context")), l)}</div>
                    </>
                }
            });
            html! { <section class="col" lang={l.tag()}>{notes}{context}</section> }
        })
        .collect();
    let cols_class = classes!("cols", (shown.len() > 1).then_some("cols-2"));
    html! {
        <article class="slide" data-testid="slide" data-slide={info.slug}>
            <h1 id="slide-title" data-testid="slide-title">{titles}</h1>
            <div class={cols_class}>{columns}</div>
            {props.children.clone()}
        </article>
    }
}

/// The speaker notes of a slide, in the languages shown.
#[function_component]
pub fn SpeakerNotes(props: &SlideProps) -> Html {
    let ui = props.lang.ui();
    let info = props.slide.info();
    let body: Html = props
        .lang
        .shown()
        .iter()
        .map(|&l| html! { <div class="col" lang={l.tag()}>{rich(l.t(&text_key(info, "speaker")), l)}</div> })
        .collect();
    html! {
        <aside id="speaker-notes" class="speaker" aria-labelledby="speaker-title" tabindex="0" data-testid="speaker-notes">
            <h2 id="speaker-title" class="label">{ui.t("ui.speaker")}</h2>
            <div class={classes!("cols", (props.lang.shown().len() > 1).then_some("cols-2"))}>{body}</div>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub slide: SlideId,
    pub lang: Lang,
    pub on_prev: Callback<()>,
    pub on_next: Callback<()>,
}

/// Previous / next buttons and the progress indicator.
#[function_component]
pub fn Pager(props: &PagerProps) -> Html {
    let ui = props.lang.ui();
    let n = props.slide.index() + 1;
    let total = SLIDES.len();
    let progress = fill(
        ui.t("ui.progress"),
        &[("n", &n.to_string()), ("total", &total.to_string())],
    );
    let prev = props.on_prev.reform(|_: MouseEvent| ());
    let next = props.on_next.reform(|_: MouseEvent| ());
    html! {
        <nav class="pager" aria-label={ui.t("ui.toolbar")}>
            <button type="button" class="btn" onclick={prev} disabled={n == 1} data-testid="prev">
                <span aria-hidden="true">{"‹ "}</span>{ui.t("ui.prev")}
            </button>
            <div class="progress" data-testid="progress">
                <span class="progress-text">{progress.clone()}</span>
                <progress max={total.to_string()} value={n.to_string()} aria-label={progress}></progress>
            </div>
            <button type="button" class="btn" onclick={next} disabled={n == total} data-testid="next">
                {ui.t("ui.next")}<span aria-hidden="true">{" ›"}</span>
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
        (!parts.is_empty())
            .then(|| html! { <p>{fill(ui.t(key), &[("list", &parts.join(", "))])}</p> })
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
