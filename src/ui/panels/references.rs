//! The references list, built from `data/sources.csv`: every source a figure
//! on the page cites, with its date.

use yew::prelude::*;

use crate::ui::panels::{use_shown, PanelInputs};

use crate::deck::i18n::TextLang;
use crate::model::sources::SOURCES;

#[derive(Properties, PartialEq)]
pub struct ReferencesProps {
    pub ui: TextLang,
}

#[function_component]
pub fn ReferencesPanel(props: &ReferencesProps) -> Html {
    let ui = props.ui;
    let shown = use_shown();
    let items: Html = SOURCES
        .iter()
        .enumerate()
        .filter(|(i, _)| shown.item(i + 1))
        .map(|(_, s)| {
            let title = if s.url.is_empty() {
                html! { <span>{s.title}</span> }
            } else {
                html! {
                    <a href={s.url} target="_blank" rel="noopener noreferrer">
                        {s.title}<span class="sr-only">{ui.t("ui.new_tab")}</span>
                    </a>
                }
            };
            html! {
                <li id={format!("src-{}", s.key)} data-testid="source">
                    <span class="references-src-key">{format!("[{}]", s.key)}</span>{" "}{title}{" — "}{s.publisher}{", "}{s.as_of}
                </li>
            }
        })
        .collect();
    html! {
        <div class="panel" lang={ui.tag()}>
            <h2 class="references-title">{ui.t("refs.figures")}</h2>
            <ul class="references-sources">{items}</ul>
        </div>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <ReferencesPanel ui={v.ui} /> }
}
