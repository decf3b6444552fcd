//! The models map of the `#/models` slide: one card per modality of the notes,
//! in their order, with the notes' verdict and remark, and (on some) a short
//! 2026 context labelled as ours. A list of cards, each with a heading, so a
//! screen reader can move card by card.

use yew::prelude::*;

use crate::ui::panels::{use_shown, PanelInputs};

use crate::deck::i18n::{gap, TextLang};
use crate::model::takeaways::{Verdict, MODALITIES};

#[derive(Properties, PartialEq)]
pub struct ModelsProps {
    pub ui: TextLang,
}

#[function_component]
pub fn ModelsPanel(props: &ModelsProps) -> Html {
    let ui = props.ui;
    let shown = use_shown();
    let cards: Html = MODALITIES
        .iter()
        .enumerate()
        .filter(|(i, _)| shown.item(i + 1))
        .map(|(_, m)| {
            // The remark carries its own quotation marks: in zh.txt the notes'
            // words marked as quotations (checked by tests/copy.rs), in en.txt
            // our translation between quotation marks.
            let remark = if m.has_remark {
                html! { <p class="models-remark" data-testid="remark">{ui.t(&m.key("remark"))}</p> }
            } else {
                html! { <p class="models-remark models-none" data-testid="remark">{ui.t("mod.none")}</p> }
            };
            let ours = m.has_ours.then(|| {
                html! {
                    <p class="models-ours" data-testid="ours">
                        <span class="models-tag models-tag-ours">{ui.t("mod.ours")}</span>{gap(ui.t("mod.ours"), ui.t(&m.key("ours")))}{ui.t(&m.key("ours"))}
                        if !m.sources.is_empty() {
                            <cite class="models-cite">{" "}{m.sources().map(|s| format!("{} ({})", s.publisher, s.as_of)).collect::<Vec<_>>().join("; ")}</cite>
                        }
                    </p>
                }
            });
            let class = classes!(
                "models-card",
                format!("models-{}", m.id),
                (m.verdict == Verdict::Open).then_some("models-open")
            );
            html! {
                <li class={class} data-testid="modality" data-modality={m.id}>
                    <h3 class="models-name">{ui.t(&m.key("name"))}</h3>
                    <p class="models-verdict">
                        <span class="sr-only">{ui.t("mod.verdict")}{ui.colon()}</span>
                        <span class="models-badge" data-testid="verdict">{ui.t(m.verdict.key())}</span>
                    </p>
                    <p class="models-tag">{ui.t("mod.notes")}</p>
                    {remark}
                    {ours}
                </li>
            }
        })
        .collect();
    html! {
        <div class="panel" lang={ui.tag()} data-testid="models-panel">
            <section class="panel-part" aria-labelledby="mod-title">
                <h2 id="mod-title">{ui.t("mod.title")}</h2>
                <p class="hint models-lead">{ui.t("mod.lead")}</p>
                <ul class="models-grid" aria-label={ui.t("mod.list")}>{cards}</ul>
            </section>
        </div>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <ModelsPanel ui={v.ui} /> }
}
