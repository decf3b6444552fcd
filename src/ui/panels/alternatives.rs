//! The alternatives panel of the `#/alternatives` slide: Google's TPUs
//! beside NVIDIA and AMD in one table (the chip table the precision panel
//! uses), and the notes' verdict shown as the author's 2024 view.

use yew::prelude::*;

use crate::deck::steps::AlternativesPart;
use crate::ui::widgets::table::{data_table, Named};

use crate::ui::panels::{use_shown, PanelInputs};

use crate::deck::i18n::{fill, TextLang};
use crate::model::chips::{Chip, Precision, Rate, CHIPS};
use crate::ui::numfmt::{fixed, shortest};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub ui: TextLang,
}

const VENDORS: [&str; 3] = ["NVIDIA", "AMD", "Google"];

fn rate(r: Rate, ui: TextLang) -> String {
    match r {
        Rate::Tflops(t) => fixed(t, 0, ui),
        Rate::NotSupported => ui.t("alt.none").to_string(),
        Rate::Unknown => ui.t("alt.unknown").to_string(),
    }
}

/// What FP8 gains over BF16 on a chip: `Some(ratio)` when both are known.
fn fp8_gain(c: &Chip) -> Option<f64> {
    let (a, b) = (
        c.rate(Precision::Fp8).tflops()?,
        c.rate(Precision::Bf16).tflops()?,
    );
    (b > 0.0).then(|| a / b)
}

#[function_component]
pub fn AlternativesPanel(props: &Props) -> Html {
    let ui = props.ui;
    let shown = use_shown();
    let rows: Html = VENDORS
        .iter()
        .flat_map(|v| CHIPS.iter().filter(move |c| c.vendor == *v))
        .enumerate()
        .filter(|(i, _)| shown.item(i + 1))
        .map(|(_, c)| {
            let gain = fp8_gain(c);
            let gain_text =
                gain.map_or_else(|| "—".to_string(), |g| format!("{}×", fixed(g, 1, ui)));
            html! {
                <tr data-testid="alt-row" data-chip={c.id} data-vendor={c.vendor}
                    data-fp8-gain={gain.map(shortest).unwrap_or_default()}
                    class={classes!((c.vendor == "Google").then_some("alternatives-tpu"))}>
                    <th scope="row">{c.name}</th>
                    <td>{c.vendor}</td>
                    <td class="num">{c.year.to_string()}</td>
                    <td class="num">{rate(c.rate(Precision::Bf16), ui)}</td>
                    <td class="num">{rate(c.rate(Precision::Fp8), ui)}</td>
                    <td class="num">{gain_text}</td>
                    <td class="num">{c.hbm_quoted(|x| fixed(x, 0, ui))}</td>
                    <td class="num">{fixed(c.hbm_tbs, 2, ui)}</td>
                    <td class="num">{fixed(c.scaleup_gbs, 0, ui)}</td>
                    <td><cite>{c.cite()}</cite>{match (ui, c.note.is_empty()) {
                        (_, true) => String::new(),
                        (TextLang::Zh, false) => format!(" — {}", c.note_zh),
                        (TextLang::En, false) => format!(" — {}", c.note),
                    }}</td>
                </tr>
            }
        })
        .collect();
    let same_rate: Vec<&str> = CHIPS
        .iter()
        .filter(|c| fp8_gain(c).is_some_and(|g| (g - 1.0).abs() < 1e-9))
        .map(|c| c.name)
        .collect();
    html! {
        <div class="panel" lang={ui.tag()} data-testid="alternatives-panel">
            if shown.has(AlternativesPart::Claim) {
            <section class="panel-part" aria-labelledby="alt-title">
                <h2 id="alt-title">{ui.t("alt.title")}</h2>
                <aside class="alternatives-claim" data-testid="alt-claim">
                    <p><strong>{ui.t("alt.claim")}</strong></p>
                    <p>{ui.t("alt.claim_status")}</p>
                </aside>
                <p data-testid="alt-same-rate">{fill(ui.t("alt.same_rate"), &[("chips", &same_rate.join(", "))])}</p>
                <p class="hint">{ui.t("alt.reading")}</p>
            </section>
            }
            if shown.has(AlternativesPart::Table) {
            <section class="panel-part">
                {data_table(Named::Label(ui.t("alt.table").into()), Some("alt-table"), None, Some(ui.t("alt.caption").into()),
                    &[ui.t("alt.col.chip"), ui.t("alt.col.vendor"), ui.t("alt.col.year"), "BF16", "FP8", ui.t("alt.col.gain"),
                      ui.t("alt.col.hbm"), ui.t("alt.col.hbm_bw"), ui.t("alt.col.link"), ui.t("alt.col.source")].map(AttrValue::from), rows)}
            </section>
            }
        </div>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <AlternativesPanel ui={v.ui} /> }
}
