//! The power-and-price panel of the `#/resources` slide (the notes' "huge
//! power draw" and "price flat while compute doubles"): a chip picker that
//! fills the TDP from `data/chips.csv`, PUE and electricity sliders, yearly
//! energy and its cost per GPU and per 72-GPU rack with the worked formula,
//! and the price per dense TFLOP/s across generations (bars and a table).
//!
//! Test hooks: `yearly-kwh`, `yearly-usd`, `rack-kwh`, `rack-usd`, `rack-kw`
//! (`data-value` in kWh, USD and kW), `tflops-table` rows with `data-chip`
//! and `data-value` (USD per TFLOP/s).

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::deck::steps::ResourcesPart;
use crate::model::settings::Settings;
use crate::ui::widgets::table::{data_table, Named};

use crate::ui::panels::{use_shown, PanelInputs};

use crate::deck::i18n::fill;
use crate::model::bandwidth::GB200_NVL72;
use crate::model::chart::{tenths, LinearScale};
use crate::model::chips::{Precision, CHIPS};
use crate::model::economics::{
    chip_tdp_w, dollars_per_tflops, price_trend, AVERAGE_DRAW, HOURS_PER_YEAR,
};
use crate::ui::numfmt::{fixed, money, money_sig, shortest};
use crate::ui::panels::economics::{energy_sliders, Props};
use crate::ui::widgets::controls::reset_button;

/// Bar chart geometry in SVG user units.
const W: f64 = 600.0;
const ROW: f64 = 48.0;
const BAR: f64 = 20.0;
const LEFT: f64 = 4.0;
const RIGHT: f64 = 90.0;

#[derive(Properties, PartialEq)]
struct LangProps {
    ui: crate::deck::i18n::TextLang,
}

/// The price per dense TFLOP/s of each chip as bars, with the trend: the
/// same whatever the settings, so no slider renders it again.
#[function_component]
fn PriceChart(props: &LangProps) -> Html {
    let ui = props.ui;
    // Price per dense TFLOP/s.
    let d = dollars_per_tflops();
    let max = d.iter().map(|r| r.usd_per_tflops).fold(1.0, f64::max);
    let x = LinearScale::new((0.0, max), (LEFT, W - RIGHT));
    let h = ROW * d.len() as f64 + 8.0;
    let bars: Html = d
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // Label above its bar, so a long chip name never runs off the left.
            let y = 4.0 + ROW * i as f64;
            let w = (x.map(r.usd_per_tflops) - LEFT).max(1.0);
            html! {
                <g>
                    <text x={tenths(LEFT)} y={tenths(y + 14.0)}>{format!("{} ({})", r.chip.name, r.chip.year)}</text>
                    <rect x={tenths(LEFT)} y={tenths(y + 20.0)} width={tenths(w)} height={tenths(BAR)} class="bar" />
                    <text x={tenths(LEFT + w + 6.0)} y={tenths(y + 20.0 + BAR - 4.0)} class="resources-bar-value">
                        {money_sig(r.usd_per_tflops, ui)}
                    </text>
                </g>
            }
        })
        .collect();
    let trend = price_trend("v100", "b200").map(|t| {
        fill(
            ui.t("res.trend"),
            &[
                ("from", t.from.chip.name),
                ("fy", &t.from.chip.year.to_string()),
                ("to", t.to.chip.name),
                ("ty", &t.to.chip.year.to_string()),
                ("p0", &money(t.from.price.price_usd, 0, ui)),
                ("p1", &money(t.to.price.price_usd, 0, ui)),
                ("pr", &fixed(t.price_ratio, 1, ui)),
                ("tr", &fixed(t.tflops_ratio, 0, ui)),
                ("d0", &money(t.from.usd_per_tflops, 0, ui)),
                ("d1", &money(t.to.usd_per_tflops, 1, ui)),
                ("fall", &fixed(t.per_tflops_fall, 1, ui)),
            ],
        )
    });
    let bars_caption = fill(
        ui.t("res.bars.caption"),
        &[
            ("first", d.first().map_or("", |r| r.chip.name)),
            ("last", d.last().map_or("", |r| r.chip.name)),
        ],
    );

    html! {
    <section class="panel-part" aria-labelledby="res-price-title">
        <h2 id="res-price-title">{ui.t("res.price.title")}</h2>
        if let Some(t) = trend { <p data-testid="res-trend"><strong>{t}</strong></p> }
        <figure>
            <svg viewBox={format!("0 0 600 {}", tenths(h))} class="chart chart-wide chart-econ resources-bars" role="img" aria-labelledby="res-bars-caption" data-testid="tflops-chart">
                {bars}
            </svg>
            <figcaption id="res-bars-caption">{bars_caption}</figcaption>
        </figure>
    </section>
    }
}

/// The prices and dense TFLOP/s of each chip, with sources: constant.
#[function_component]
fn PriceTable(props: &LangProps) -> Html {
    let ui = props.ui;
    let d = dollars_per_tflops();
    let rows: Html = d
        .iter()
        .map(|r| {
            let fp16 = r.precision == Precision::Fp16;
            let price_src: Vec<String> = r.price.sources().map(|s| format!("{}, {}", s.publisher, r.price.as_of)).collect();
            let chip_src: Vec<String> = r.chip.sources().map(|s| format!("{}, {}", s.publisher, s.as_of)).collect();
            html! {
                <tr data-chip={r.chip.id} data-value={shortest(r.usd_per_tflops)}>
                    <th scope="row">{r.chip.name}</th>
                    <td class="num">{r.chip.year.to_string()}</td>
                    <td class="num">{money(r.price.price_usd, 0, ui)}<br /><cite title={r.price.note}>{price_src.join("; ")}</cite></td>
                    <td class="num">{fixed(r.tflops, 0, ui)}{" "}{if fp16 { "FP16*" } else { "BF16" }}<br /><cite>{chip_src.join("; ")}</cite></td>
                    <td class="num"><strong>{money(r.usd_per_tflops, 1, ui)}</strong></td>
                </tr>
            }
        })
        .collect();
    html! {
    <section class="panel-part">
        <h2 id="res-table-title">{ui.t("res.table")}</h2>
        {data_table(Named::By("res-table-title"), Some("tflops-table"), None, None,
            &["res.table.chip", "res.table.year", "res.table.price", "res.table.tflops", "res.table.per"].map(|k| ui.t(k).into()), rows)}
        <p class="hint footnote">{ui.t("res.v100")}</p>
        <p class="hint footnote">{ui.t("res.price.basis")}</p>
    </section>
    }
}

#[function_component]
pub fn ResourcesPanel(props: &Props) -> Html {
    let ui = props.ui;
    let p = props.settings.clamped();
    // The picked chip is not in the URL (the TDP is); start on the first chip
    // with this TDP.
    let picked = use_state(|| {
        CHIPS
            .iter()
            .find(|c| chip_tdp_w(c.id) == Some(p.tdp_w))
            .map(|c| c.id)
    });
    let on_pick = {
        let (cb, picked) = (props.on_change.clone(), picked.clone());
        Callback::from(move |e: Event| {
            let Some(id) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlSelectElement>().ok())
                .map(|s| s.value())
            else {
                return;
            };
            let chip = CHIPS.iter().find(|c| c.id == id);
            picked.set(chip.map(|c| c.id));
            if let Some(q) = chip.and_then(|c| p.with_chip(c.id)) {
                cb.emit(q);
            }
        })
    };
    // A chip with a TDP stays picked only while the slider is at its TDP.
    let held = (*picked)
        .and_then(|id| CHIPS.iter().find(|c| c.id == id))
        .filter(|c| chip_tdp_w(c.id).is_none_or(|w| w == p.tdp_w));
    let options: Html = CHIPS
        .iter()
        .map(|c| {
            let tdp = chip_tdp_w(c.id)
                .map_or_else(|| ui.t("res.tdp.none").to_string(), |w| format!("{w} W"));
            html! {
                <option value={c.id} selected={held.is_some_and(|s| s.id == c.id)}>
                    {format!("{} ({}) — {}", c.name, c.year, tdp)}
                </option>
            }
        })
        .collect();
    let no_tdp = held.filter(|c| c.tdp_w.is_none()).map(|c| {
        let key = if c.vendor == "Google" {
            "res.tdp.tpu"
        } else {
            "res.tdp.unverified"
        };
        html! {
            <p class="resources-note-inline" data-testid="no-tdp" role="status">
                {fill(ui.t(key), &[("chip", c.name), ("tdp", &p.tdp_w.to_string())])}
            </p>
        }
    });
    let chip_cite = held.map(|c| {
        let pubs: Vec<String> = c
            .sources()
            .map(|s| format!("{}, {}", s.publisher, s.as_of))
            .collect();
        fill(
            ui.t("res.chip.cite"),
            &[("chip", c.name), ("src", &pubs.join("; "))],
        )
    });

    let (tdp, pue, kwh) = (p.tdp(), p.pue(), p.usd_per_kwh());
    let kw = p.power_kw();
    let year_kwh = p.yearly_energy_kwh();
    let year_usd = p.yearly_energy_usd();
    let rack_kwh = p.rack_yearly_energy_kwh();
    let rack_usd = p.rack_yearly_energy_usd();
    let rack_kw = p.rack_power_kw();
    let gpus = GB200_NVL72.gpus.to_string();

    let f_power = fill(
        ui.t("res.f.power"),
        &[
            ("tdp", &fixed(tdp, 0, ui)),
            ("server", &fixed(p.power_factor(), 2, ui)),
            ("draw", &fixed(AVERAGE_DRAW, 2, ui)),
            ("pue", &fixed(pue, 2, ui)),
            ("w", &fixed(kw * 1000.0, 0, ui)),
        ],
    );
    let f_year = fill(
        ui.t("res.f.year"),
        &[
            ("w", &fixed(kw * 1000.0, 0, ui)),
            ("hours", &fixed(HOURS_PER_YEAR, 0, ui)),
            ("kwh", &fixed(year_kwh, 0, ui)),
            ("price", &money(kwh, 3, ui)),
            ("usd", &money(year_usd, 0, ui)),
        ],
    );
    let f_rack = fill(
        ui.t("res.f.rack"),
        &[
            ("gpus", &gpus),
            ("kw", &fixed(rack_kw, 1, ui)),
            ("mwh", &fixed(rack_kwh / 1000.0, 0, ui)),
            ("usd", &money(rack_usd, 0, ui)),
        ],
    );

    let part = use_shown();
    html! {
        <div class="panel" lang={ui.tag()} data-testid="resources-panel">
            if part.has(ResourcesPart::Energy) {
            <section class="panel-part resources-energy" aria-labelledby="res-title">
                <div class="part-head">
                    <h2 id="res-title">{ui.t("res.title")}</h2>
                    {reset_button(ui, &part, p, &props.on_change)}
                </div>
                <p class="hint">{ui.t("res.intro")}</p>
                <div class="picker">
                    <label for="chip-picker">{ui.t("res.chip")}</label>
                    <select id="chip-picker" data-testid="chip-picker" onchange={on_pick}>
                        <option value="" selected={held.is_none()}>{ui.t("res.chip.custom")}</option>
                        {options}
                    </select>
                </div>
                {no_tdp}
                <div class="sliders">{energy_sliders(p, ui, &props.on_change)}</div>
                <dl class="readout" aria-live="polite">
                    <dt>{ui.t("res.kw")}</dt>
                    <dd><span data-testid="gpu-kw" data-value={shortest(kw)}>{fixed(kw, 3, ui)}</span>{" kW"}</dd>
                    <dt>{ui.t("res.year_kwh")}</dt>
                    <dd><span class="big" data-testid="yearly-kwh" data-value={shortest(year_kwh)}>{fixed(year_kwh, 0, ui)}</span>{" kWh · "}
                        <span class="big" data-testid="yearly-usd" data-value={shortest(year_usd)}>{money(year_usd, 0, ui)}</span></dd>
                    <dt>{fill(ui.t("res.rack"), &[("gpus", &gpus)])}</dt>
                    <dd><span data-testid="rack-kw" data-value={shortest(rack_kw)}>{fixed(rack_kw, 1, ui)}</span>{" kW · "}
                        <span data-testid="rack-kwh" data-value={shortest(rack_kwh)}>{fixed(rack_kwh, 0, ui)}</span>{" kWh · "}
                        <span data-testid="rack-usd" data-value={shortest(rack_usd)}>{money(rack_usd, 0, ui)}</span></dd>
                </dl>
            </section>
            }
            if part.has(ResourcesPart::Formula) {
            <section class="panel-part" aria-labelledby="res-f-title">
                <h2 id="res-f-title">{ui.t("res.f.title")}</h2>
                <ol class="formula" data-testid="res-formula">
                    <li>{f_power}</li>
                    <li data-testid="formula-year">{f_year}</li>
                    <li>{f_rack}</li>
                </ol>
                <p class="hint">{ui.t("res.method")}</p>
                if let Some(c) = chip_cite { <p class="cite"><cite>{c}</cite></p> }
            </section>
            }
            if part.has(ResourcesPart::Price) {
            <PriceChart ui={ui} />
            }
            if part.has(ResourcesPart::Prices) {
            <PriceTable ui={ui} />
            }
        </div>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <ResourcesPanel settings={v.settings.economics} ui={v.ui} on_change={v.handlers.economics.clone()} /> }
}
