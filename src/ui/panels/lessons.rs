//! The takeaway panel of the three lesson slides (`#/post-training`,
//! `#/data`, `#/evaluation`): the lesson in one large line, a simple figure
//! (engineering vs research columns; a ceiling/floor bar; a half-filled
//! "problem solved" bar) with a text description, and the notes' points.
//! Figures are `role="img"` labelled by their caption; SVG coordinates are
//! integers written as text (no float formatting).

use yew::prelude::*;

use crate::deck::slides::Panel;
use crate::ui::panels::PanelInputs;

use crate::deck::i18n::TextLang;
use crate::model::takeaways::Lesson;

#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    pub lesson: Lesson,
    pub ui: TextLang,
}

/// Pre-training moved from the research column to the engineering column;
/// post-training is in the research column.
fn post_training_figure(ui: TextLang, l: Lesson, desc: &str) -> Html {
    let tag = |part: &str| html! { <span class="lessons-when">{ui.t(&l.key(part))}</span> };
    html! {
        <div class="lessons-cols" role="img" aria-labelledby={desc.to_string()}>
            <div class="lessons-col lessons-col-eng">
                <div class="lessons-col-head">{ui.t(&l.key("eng"))}</div>
                <div class="lessons-box lessons-pre">{ui.t(&l.key("pre"))}{tag("now")}<span class="lessons-arrow">{"←"}</span></div>
            </div>
            <div class="lessons-col lessons-col-res">
                <div class="lessons-col-head">{ui.t(&l.key("res"))}</div>
                <div class="lessons-box lessons-ghost">{ui.t(&l.key("pre"))}{tag("then")}</div>
                <div class="lessons-box lessons-post">{ui.t(&l.key("post"))}{tag("now")}</div>
            </div>
        </div>
    }
}

/// A performance bar: the floor (algorithm) at the bottom, the ceiling (data)
/// at the top, the model's range between. SVG user units.
fn data_figure(ui: TextLang, l: Lesson, desc: &str) -> Html {
    html! {
        <svg class="lessons-svg" viewBox="0 0 440 240" role="img" aria-labelledby={desc.to_string()} data-testid="lesson-figure">
            <defs>
                <pattern id="les-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <line x1="0" y1="0" x2="0" y2="8" class="lessons-hatch-line" />
                </pattern>
            </defs>
            <text x="18" y="130" text-anchor="middle" transform="rotate(-90 18 130)" class="lessons-axis">{ui.t(&l.key("axis"))}</text>
            <rect x="50" y="16" width="80" height="208" rx="4" class="lessons-bar-frame" />
            <rect x="50" y="16" width="80" height="34" class="lessons-bar-above" fill="url(#les-hatch)" />
            <rect x="50" y="50" width="80" height="130" class="lessons-bar-range" />
            <rect x="50" y="180" width="80" height="44" class="lessons-bar-floor" />
            <line x1="40" x2="150" y1="50" y2="50" class="lessons-mark lessons-mark-ceiling" />
            <line x1="40" x2="150" y1="180" y2="180" class="lessons-mark lessons-mark-floor" />
            <text x="160" y="55" class="lessons-label lessons-strong">{ui.t(&l.key("ceiling"))}</text>
            <text x="160" y="120" class="lessons-label">{ui.t(&l.key("between"))}</text>
            <text x="160" y="185" class="lessons-label lessons-strong">{ui.t(&l.key("floor"))}</text>
        </svg>
    }
}

/// The whole of solving a real problem, half of it (evaluation) filled.
fn evaluation_figure(ui: TextLang, l: Lesson, desc: &str) -> Html {
    html! {
        <div class="lessons-half" role="img" aria-labelledby={desc.to_string()}>
            <div class="lessons-whole">{ui.t(&l.key("whole"))}</div>
            <div class="lessons-halfbar">
                <div class="lessons-fill">{ui.t(&l.key("half"))}</div>
                <div class="lessons-rest">{ui.t(&l.key("rest"))}</div>
            </div>
        </div>
    }
}

#[function_component]
pub fn LessonsPanel(props: &LessonsProps) -> Html {
    let ui = props.ui;
    let l = props.lesson;
    let desc = format!("les-{}-desc", l.id());
    let figure = match l {
        Lesson::PostTraining => post_training_figure(ui, l, &desc),
        Lesson::Data => data_figure(ui, l, &desc),
        Lesson::Evaluation => evaluation_figure(ui, l, &desc),
    };
    let points: Html = (1..=l.points())
        .map(|n| html! { <li>{ui.t(&l.point_key(n))}</li> })
        .collect();
    html! {
        <div class="panel lessons-panel" lang={ui.tag()} data-testid="lesson" data-lesson={l.id()}>
            <section class="panel-part" aria-labelledby="les-title">
                <h2 id="les-title" class="label">{ui.t("les.takeaway")}</h2>
                <p class="lessons-takeaway" data-testid="takeaway">{ui.t(&l.key("takeaway"))}</p>
                <div class="lessons-body">
                    <figure class="lessons-figure">
                        {figure}
                        <figcaption id={desc}>{ui.t(&l.key("figure"))}</figcaption>
                    </figure>
                    <div class="lessons-notes">
                        <h3 class="label">{ui.t("les.points")}</h3>
                        <ul class="lessons-points">{points}</ul>
                    </div>
                </div>
            </section>
        </div>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`): the slide's lesson.
pub fn draw(v: &PanelInputs) -> Html {
    match v.panel {
        Panel::Lessons(lesson) => html! { <LessonsPanel {lesson} ui={v.ui} /> },
        _ => html! {},
    }
}
