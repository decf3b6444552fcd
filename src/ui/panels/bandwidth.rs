//! The bandwidth panel of the `#/bandwidth` slide: pick a link and a
//! payload, read the transfer time and the ring all-reduce time over N GPUs;
//! every link side by side for the same payload; the unit trap (Gb/s vs
//! GB/s, one direction vs both); and the GB200 NVL72 rack beside a DGX H100
//! as the answer to "cooling is a problem".

use yew::prelude::*;

use crate::deck::steps::BandwidthPart;
use crate::model::settings::Settings;
use crate::ui::widgets::table::{data_table, Named};

use crate::ui::panels::{use_shown, PanelInputs};

use crate::deck::i18n::{fill, gap, TextLang};
use crate::model::bandwidth::{
    gbits_to_gbytes, link, payload_gb, per_direction_of_bidirectional, ring_allreduce_seconds,
    transfer_seconds, BandwidthSettings, Rack, DGX_H100, GB200_NVL72, GB200_NVL72_ESTIMATE,
    GB300_NVL72_BUDGET, GB_TENTHS, GPUS, LINKS,
};
use crate::model::memory::{weight_format, WeightFormat};
use crate::model::sources::cite;
use crate::ui::numfmt::{duration, fixed, shortest, sig};
use crate::ui::widgets::controls::{picker, reset_button, NumberField};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub settings: BandwidthSettings,
    pub ui: TextLang,
    pub on_change: Callback<BandwidthSettings>,
}

/// Model sizes (billions of parameters) and formats of the payload presets.
const PRESET_SIZES: [u32; 3] = [8, 70, 405];
const PRESET_FORMATS: [&str; 3] = ["bf16", "fp8", "nvfp4"];

#[function_component]
pub fn BandwidthPanel(props: &Props) -> Html {
    let ui = props.ui;
    let p = props.settings.clamped();
    let chosen = p.link();
    let bw = chosen.map_or(0.0, |l| l.per_direction_gbs);
    let gb = p.gb();
    let n = p.gpus;
    let t = p.transfer_seconds();
    let ar = p.allreduce_seconds();
    let emit = |q: BandwidthSettings| {
        let cb = props.on_change.clone();
        Callback::from(move |_: Event| cb.emit(q))
    };

    let radios: Html = LINKS
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let text = fill(
                ui.t("bw.link_option"),
                &[("name", l.name), ("one", &fixed(l.per_direction_gbs, 0, ui))],
            );
            // Both ways added: in the Read view (the stage keeps one way,
            // the figure the calculator divides by).
            let both = fill(
                ui.t("bw.link_both"),
                &[("both", &fixed(l.bidirectional_gbs, 0, ui))],
            );
            html! {
                <label class="radio">
                    <input type="radio" name="link" value={l.id} checked={i == p.link}
                        onchange={emit(BandwidthSettings { link: i, ..p })} />
                    <span>{text.clone()}<span class="bandwidth-both">{gap(&text, &both)}{both}</span></span>
                </label>
            }
        })
        .collect();

    // The payload presets, one picker: a model's weights in each format.
    let preset_list: Vec<(u32, &WeightFormat, f64, u32)> = PRESET_SIZES
        .iter()
        .flat_map(|&b| {
            PRESET_FORMATS
                .iter()
                .filter_map(|id| weight_format(id))
                .map(move |f| (b, f))
        })
        .map(|(b, f): (u32, &WeightFormat)| {
            let size = payload_gb(f64::from(b) * 1e9, f.bits());
            (b, f, size, GB_TENTHS.clamp((size * 10.0).round() as u32))
        })
        .collect();
    let held = preset_list.iter().position(|e| e.3 == p.gb_tenths);
    let preset_options: Html = preset_list
        .iter()
        .enumerate()
        .map(|(i, &(b, f, size, _))| {
            html! {
                <option value={i.to_string()} selected={held == Some(i)}>
                    {fill(ui.t("bw.preset"), &[("b", &b.to_string()), ("fmt", f.name), ("gb", &sig(size, 3, ui))])}
                </option>
            }
        })
        .collect();
    let on_preset = {
        let cb = props.on_change.clone();
        Callback::from(move |i: usize| {
            if let Some(&(_, _, _, gb_tenths)) = preset_list.get(i) {
                cb.emit(BandwidthSettings { gb_tenths, ..p });
            }
        })
    };

    let on_gb = {
        let cb = props.on_change.clone();
        Callback::from(move |v: u32| cb.emit(BandwidthSettings { gb_tenths: v, ..p }))
    };
    let on_gpus = {
        let cb = props.on_change.clone();
        Callback::from(move |v: u32| cb.emit(BandwidthSettings { gpus: v, ..p }))
    };

    let gb_text = sig(gb, 4, ui);
    let bw_text = fixed(bw, 0, ui);
    let transfer_formula = format!("{gb_text} GB ÷ {bw_text} GB/s");
    let allreduce_formula = format!("2 × ({n} − 1) / {n} × {gb_text} GB ÷ {bw_text} GB/s");

    // Every link for the same payload.
    let slowest = LINKS
        .iter()
        .map(|l| transfer_seconds(gb, l.per_direction_gbs))
        .fold(0.0, f64::max);
    let rows: Html = LINKS
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let tt = transfer_seconds(gb, l.per_direction_gbs);
            let width = if slowest > 0.0 { (tt / slowest * 100.0).round().max(1.0) as u32 } else { 0 };
            let here = i == p.link;
            html! {
                <tr class={classes!(here.then_some("bandwidth-current"))} aria-current={here.then_some("true")}
                    data-testid="link-row" data-link={l.id} data-seconds={shortest(tt)}>
                    <th scope="row">{l.name}{if here { ui.t("bw.chosen") } else { "" }}</th>
                    <td class="num">{fixed(l.per_direction_gbs, 0, ui)}</td>
                    <td class="num">{fixed(l.bidirectional_gbs, 0, ui)}</td>
                    <td class="bandwidth-bar-cell">
                        // An SVG bar (a width attribute): the page has no inline style.
                        <svg class="bandwidth-hbar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
                            <rect width={width.to_string()} height="1" />
                        </svg>
                        <span class="num">{duration(tt, ui)}</span>
                    </td>
                    <td class="num">{duration(ring_allreduce_seconds(gb, n, l.per_direction_gbs), ui)}</td>
                    <td><cite>{cite(l.sources(), l.as_of)}</cite></td>
                </tr>
            }
        })
        .collect();

    let shown = use_shown();
    html! {
        <div class="panel" lang={ui.tag()} data-testid="bandwidth-panel">
            if shown.has(BandwidthPart::Calc) {
            <section class="panel-part" aria-labelledby="bw-title">
                <div class="part-head">
                    <h2 id="bw-title">{ui.t("bw.title")}</h2>
                    {reset_button(ui, &shown, p, &props.on_change)}
                </div>
                <fieldset class="radios">
                    <legend>{ui.t("bw.link")}</legend>
                    {radios}
                </fieldset>
                <div class="controls-row">
                    <NumberField id="bw-gb" label={ui.t("bw.gb").to_string()} unit="GB" value={p.gb_tenths}
                        fixed={GB_TENTHS} ui={ui} on_change={on_gb} />
                    <NumberField id="bw-gpus" label={ui.t("bw.gpus").to_string()} value={p.gpus}
                        fixed={GPUS} ui={ui} on_change={on_gpus} />
                </div>
                {picker("bw-preset", ui.t("bw.presets"), preset_options, held, ui.t("bw.preset.own"), on_preset, Html::default())}
                <p class="hint">{ui.t("bw.gradients")}</p>
            </section>
            }
            if shown.has(BandwidthPart::Result) {
            <section class="panel-part bandwidth-result" aria-label={ui.t("bw.result")}>
                <dl class="readout results">
                    <dt>{fill(ui.t("bw.transfer"), &[("link", chosen.map_or("", |l| l.name))])}</dt>
                    <dd>
                        <output class="big num" data-testid="transfer-seconds" data-value={shortest(t)}>{duration(t, ui)}</output>
                        <code class="formula">{transfer_formula}</code>
                    </dd>
                    <dt>{fill(ui.t("bw.allreduce"), &[("n", &n.to_string())])}</dt>
                    <dd>
                        <output class="big num" data-testid="allreduce-seconds" data-value={shortest(ar)}>{duration(ar, ui)}</output>
                        <code class="formula">{allreduce_formula}</code>
                    </dd>
                </dl>
                <p class="hint">{ui.t("bw.model_note")}</p>
            </section>
            }
            if shown.has(BandwidthPart::Links) {
            <section class="panel-part" aria-labelledby="bw-all-title">
                <h2 id="bw-all-title">{fill(ui.t("bw.all_title"), &[("gb", &gb_text), ("n", &n.to_string())])}</h2>
                {data_table(Named::Label(ui.t("bw.table_links").into()), Some("link-table"), None, Some(ui.t("bw.all_caption").into()),
                    &[ui.t("bw.col.link").into(), ui.t("bw.col.one").into(), ui.t("bw.col.both").into(), ui.t("bw.col.transfer").into(),
                      fill(ui.t("bw.col.allreduce"), &[("n", &n.to_string())]).into(), ui.t("bw.col.source").into()], rows)}
            </section>
            }
            if shown.has(BandwidthPart::Units) { {unit_trap(ui)} }
            if shown.has(BandwidthPart::Racks) { {racks(ui)} }
        </div>
    }
}

/// The notes' units, worked out: bits vs bytes, one direction vs both.
fn unit_trap(ui: TextLang) -> Html {
    let nic = link("nic400");
    let nv = link("nvlink5");
    let nic_line = nic.map(|_| {
        fill(
            ui.t("bw.trap.bits"),
            &[
                ("gbit", "400"),
                ("gbyte", &fixed(gbits_to_gbytes(400.0), 0, ui)),
            ],
        )
    });
    let nv_line = nv.map(|l| {
        fill(
            ui.t("bw.trap.both"),
            &[
                ("both", &fixed(l.bidirectional_gbs / 1000.0, 1, ui)),
                (
                    "one",
                    &fixed(per_direction_of_bidirectional(l.bidirectional_gbs), 0, ui),
                ),
                (
                    "ratio",
                    &fixed(
                        l.per_direction_gbs / nic.map_or(1.0, |n| n.per_direction_gbs),
                        0,
                        ui,
                    ),
                ),
            ],
        )
    });
    html! {
        <section class="panel-part" aria-labelledby="bw-trap-title" data-testid="unit-trap">
            <h2 id="bw-trap-title">{ui.t("bw.trap.title")}</h2>
            <ul>
                <li>{nic_line.unwrap_or_default()}</li>
                <li>{nv_line.unwrap_or_default()}</li>
            </ul>
        </section>
    }
}

/// The GB200 NVL72 rack beside a DGX H100 server.
fn racks(ui: TextLang) -> Html {
    const ROWS: [&str; 6] = [
        "bw.rack.gpus",
        "bw.rack.nvlink",
        "bw.rack.hbm",
        "bw.rack.power",
        "bw.rack.per_gpu",
        "bw.rack.cooling",
    ];
    // One rack's figures, in `ROWS` order.
    let column = |r: &Rack| -> [String; 6] {
        let power = if r.power_kw_low == r.power_kw_high {
            fixed(r.power_kw_high, 1, ui)
        } else {
            format!(
                "{}–{}",
                fixed(r.power_kw_low, 1, ui),
                fixed(r.power_kw_high, 1, ui)
            )
        };
        let cooling = if r.liquid_cooled {
            "bw.rack.liquid"
        } else {
            "bw.rack.air"
        };
        [
            r.gpus.to_string(),
            fixed(r.nvlink_tbs, 1, ui),
            fixed(r.hbm_tb, 2, ui),
            power,
            fixed(r.power_kw_high / f64::from(r.gpus), 2, ui),
            ui.t(cooling).to_string(),
        ]
    };
    let (dgx, nvl) = (column(&DGX_H100), column(&GB200_NVL72));
    let body: Html = ROWS
        .iter()
        .zip(dgx.iter().zip(nvl.iter()))
        .map(|(key, (a, b))| {
            html! {
                <tr>
                    <th scope="row">{ui.t(key)}</th>
                    <td class="num">{a}</td>
                    <td class="num">{b}</td>
                </tr>
            }
        })
        .collect();
    // As many DGX H100 servers as the rack's power range covers.
    let servers = |kw: f64| fixed((kw / DGX_H100.power_kw_high).round(), 0, ui);
    let (s_low, s_high) = (
        servers(GB200_NVL72.power_kw_low),
        servers(GB200_NVL72.power_kw_high),
    );
    let servers = if s_low == s_high {
        s_low
    } else {
        format!("{s_low}–{s_high}")
    };
    let (b, e) = (GB300_NVL72_BUDGET, GB200_NVL72_ESTIMATE);
    let rack_budget = fill(
        ui.t("bw.rack.low_end"),
        &[
            ("low", &fixed(e.kw(), 1, ui)),
            ("gpu200", &fixed(e.gpu_kw, 1, ui)),
            ("high", &fixed(b.kw(), 0, ui)),
            ("nodes", &b.nodes.to_string()),
            ("gpus", &b.gpus_per_node.to_string()),
            ("gpu300", &fixed(b.gpu_kw, 1, ui)),
            ("cpu", &fixed(b.cpu_kw, 1, ui)),
            ("static", &fixed(b.static_kw, 1, ui)),
            ("node", &fixed(b.node_kw(), 1, ui)),
            ("no_static", &fixed(b.without_static_kw(), 1, ui)),
        ],
    );
    html! {
        <section class="panel-part" aria-labelledby="bw-rack-title" data-testid="racks">
            <h2 id="bw-rack-title">{ui.t("bw.rack.title")}</h2>
            {data_table(Named::Label(ui.t("bw.table_racks").into()), None, None, None,
                &[ui.t("bw.rack.col").into(), DGX_H100.name.into(), GB200_NVL72.name.into()], body)}
            <p>{fill(ui.t("bw.rack.verdict"), &[("n", &servers)])}</p>
            <p class="hint" data-testid="rack-budget">{rack_budget}</p>
            <cite>{cite(DGX_H100.sources(), DGX_H100.as_of)}{"; "}{cite(GB200_NVL72.sources(), GB200_NVL72.as_of)}</cite>
        </section>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <BandwidthPanel settings={v.settings.bandwidth} ui={v.ui} on_change={v.handlers.bandwidth.clone()} /> }
}
