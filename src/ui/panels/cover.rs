//! The deck's cover, the first step of the Present stage: the deck's title
//! in each language shown, the notes' date and subject, and how to begin.
//! The QR code of the link stands beside it (`ui::app`). The Read view has
//! its own heading and shows no cover.

use yew::prelude::*;

use crate::deck::i18n::{Lang, TextLang};
use crate::deck::steps::CoverPart;
use crate::ui::panels::{use_shown, PanelInputs};

#[derive(Properties, PartialEq)]
pub struct CoverProps {
    pub lang: Lang,
    pub ui: TextLang,
}

#[function_component]
pub fn CoverPanel(props: &CoverProps) -> Html {
    let shown = use_shown();
    // Only a step of the stage shows the cover (Read: no step, no cover).
    if shown.shows.is_none() || !shown.has(CoverPart::Cover) {
        return html! {};
    }
    let titles: Html = props
        .lang
        .langs()
        .iter()
        .enumerate()
        .map(|(i, &l)| {
            html! {
                <div class={classes!("cover-lang", (i > 0).then_some("cover-second"))} lang={l.tag()}>
                    <p class="cover-title" data-testid="cover-title">{l.t("intro.title")}</p>
                    <p class="cover-subtitle">{l.t("app.subtitle")}</p>
                </div>
            }
        })
        .collect();
    html! {
        <div class="cover" data-testid="cover-panel">
            {titles}
            <p class="cover-hint" lang={props.ui.tag()}>{props.ui.t("cover.hint")}</p>
        </div>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <CoverPanel lang={v.lang} ui={v.ui} /> }
}
