//! The memory panel of the `#/memory` slide: HBM per chip over the years
//! against the notes' "at most ~192 GB", and a fit calculator (weights + KV
//! cache, or the training state) giving the memory needed and the chips of
//! a chosen kind that hold it.

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::deck::steps::MemoryPart;
use crate::model::settings::Settings;
use crate::ui::widgets::table::{data_table, Named};

use crate::ui::panels::{use_shown, PanelInputs};

use crate::ui::widgets::axes::{y_axis, Frame};

use crate::deck::i18n::{fill, TextLang};
use crate::model::chart::{tenths, LinearScale};
use crate::model::chips::{Chip, MemUnit, CHIPS};
use crate::model::memory::{
    hbm_records, max_hbm_gb, MemorySettings, BATCH, CONTEXT, HEAD_DIM, KV_HEADS, LAYERS,
    MODEL_SHAPES, PARAMS_TENTHS_B, TRAINING_SPLIT, WEIGHT_FORMATS,
};
use crate::model::sort::stable_sort_by;
use crate::model::sources::source;
use crate::ui::numfmt::{fixed, shortest, sig};
use crate::ui::widgets::controls::{reset_button, NumberField};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub settings: MemorySettings,
    pub ui: TextLang,
    pub on_change: Callback<MemorySettings>,
}

/// The notes' "at most ~192 GB per chip" (Aug 2024).
const NOTES_MAX_GB: f64 = 192.0;

fn gb(bytes: f64, ui: TextLang) -> String {
    format!("{} GB", sig(bytes / 1e9, 3, ui))
}

fn select_index(e: &Event) -> Option<usize> {
    let s = e.target()?.dyn_into::<HtmlSelectElement>().ok()?;
    usize::try_from(s.selected_index()).ok()
}

#[function_component]
pub fn MemoryPanel(props: &Props) -> Html {
    let ui = props.ui;
    let p = props.settings.clamped();
    let fit = p.fit();
    let chip = p.chip();
    let set = |f: fn(&mut MemorySettings, u32)| {
        let cb = props.on_change.clone();
        Callback::from(move |v: u32| {
            let mut q = p;
            f(&mut q, v);
            cb.emit(q);
        })
    };
    let on_select = |f: fn(&mut MemorySettings, usize)| {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = select_index(&e) {
                let mut q = p;
                f(&mut q, i);
                cb.emit(q);
            }
        })
    };
    let mode = |train: bool| {
        let cb = props.on_change.clone();
        Callback::from(move |_: Event| cb.emit(MemorySettings { train, ..p }))
    };

    let chip_options: Html = CHIPS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            html! {
                <option value={c.id} selected={i == p.chip}>
                    {fill(ui.t("mem.chip_option"), &[("name", c.name), ("hbm", &c.hbm_quoted(|x| fixed(x, 0, ui)))])}
                </option>
            }
        })
        .collect();
    let format_options = |chosen: usize| -> Html {
        WEIGHT_FORMATS
            .iter()
            .enumerate()
            .map(|(i, f)| {
                html! {
                    <option value={f.id} selected={i == chosen}>
                        {fill(ui.t("mem.format_option"), &[("name", f.name), ("bits", &fixed(f.bits(), 2, ui))])}
                    </option>
                }
            })
            .collect()
    };
    let presets: Html = MODEL_SHAPES
        .iter()
        .map(|m| {
            let q = m.apply(p);
            let cb = props.on_change.clone();
            html! {
                <button type="button" class="btn" aria-pressed={m.matches(&p).to_string()}
                    onclick={Callback::from(move |_: MouseEvent| cb.emit(q))}>{m.name}</button>
            }
        })
        .collect();
    let shapes_source = source("META-LLAMA3").map(|s| format!("{} ({})", s.title, s.as_of));

    // The stacked bar: weights and cache against the chips' HBM.
    let chips_n = fit.chips;
    let capacity = fit.chip_bytes * f64::from(chips_n.min(10_000));
    let scale = fit.total_bytes.max(capacity).max(1.0);
    let w_pct = (fit.weights_bytes / scale * 100.0).round() as u32;
    let kv_pct = ((fit.kv_bytes / scale * 100.0).round() as u32).min(100 - w_pct.min(100));
    let chip_marks: Html = if chips_n <= 16 && fit.chip_bytes > 0.0 {
        (1..chips_n)
            .map(|k| {
                let at = (fit.chip_bytes * f64::from(k) / scale * 100.0).round() as u32;
                html! { <line class="memory-chip-mark" x1={at.to_string()} x2={at.to_string()} y1="0" y2="1" /> }
            })
            .collect()
    } else {
        html! {}
    };
    let chips_text = if fit.chip_bytes <= 0.0 {
        ui.t("mem.no_hbm").to_string()
    } else if chips_n == u32::MAX {
        fill(
            ui.t("mem.chips_too_many"),
            &[("chip", chip.map_or("", |c| c.name))],
        )
    } else {
        fill(
            ui.t("mem.chips_needed"),
            &[
                ("n", &chips_n.to_string()),
                ("chip", chip.map_or("", |c| c.name)),
            ],
        )
    };
    let split: Html = TRAINING_SPLIT
        .iter()
        .enumerate()
        .map(|(i, (_, bytes))| {
            html! { <li>{ui.t(&format!("mem.split.{i}"))}{ui.colon()}{fixed(*bytes, 0, ui)}{" B"}</li> }
        })
        .collect();

    let shown = use_shown();
    html! {
        <div class="panel" lang={ui.tag()} data-testid="memory-panel">
            if shown.has(MemoryPart::Hbm) { {timeline(ui)} }
            if shown.has(MemoryPart::Fit) {
            <section class="panel-part" aria-labelledby="mem-fit-title">
                <div class="part-head">
                    <h2 id="mem-fit-title">{ui.t("mem.fit_title")}</h2>
                    {reset_button(ui, &shown, p, &props.on_change)}
                </div>
                <div class="presets" role="group" aria-label={ui.t("mem.presets")}>
                    <span class="hint">{ui.t("mem.presets")}</span>
                    {presets}
                </div>
                <cite>{shapes_source.unwrap_or_default()}</cite>
                <div class="controls-row">
                    <div class="picker">
                        <label for="mem-chip">{ui.t("mem.chip")}</label>
                        <select id="mem-chip" data-testid="mem-chip" onchange={on_select(|q, i| q.chip = i)}>{chip_options}</select>
                    </div>
                    <fieldset class="radios">
                        <legend>{ui.t("mem.mode")}</legend>
                        <label class="radio"><input type="radio" name="mem-mode" checked={!p.train} onchange={mode(false)} />{ui.t("mem.inference")}</label>
                        <label class="radio"><input type="radio" name="mem-mode" checked={p.train} onchange={mode(true)} data-testid="mem-train" />{ui.t("mem.training")}</label>
                    </fieldset>
                </div>
                <div class="controls-row">
                    <NumberField id="mem-params" label={ui.t("mem.params").to_string()} unit="B" value={p.params_tenths_b}
                        fixed={PARAMS_TENTHS_B} ui={ui} on_change={set(|q, v| q.params_tenths_b = v)} />
                    if !p.train {
                        <label class="memory-field-col">
                            <span>{ui.t("mem.wfmt")}</span>
                            <select data-testid="mem-wfmt" onchange={on_select(|q, i| q.wfmt = i)}>{format_options(p.wfmt)}</select>
                        </label>
                    }
                </div>
                if !p.train {
                    <fieldset class="memory-group">
                        <legend>{ui.t("mem.kv")}</legend>
                        <div class="controls-row">
                            <NumberField id="mem-layers" label={ui.t("mem.layers").to_string()} value={p.layers}
                                fixed={LAYERS} ui={ui} on_change={set(|q, v| q.layers = v)} />
                            <NumberField id="mem-kv-heads" label={ui.t("mem.kv_heads").to_string()} value={p.kv_heads}
                                fixed={KV_HEADS} ui={ui} on_change={set(|q, v| q.kv_heads = v)} />
                            <NumberField id="mem-head-dim" label={ui.t("mem.head_dim").to_string()} value={p.head_dim}
                                fixed={HEAD_DIM} ui={ui} on_change={set(|q, v| q.head_dim = v)} />
                            <NumberField id="mem-ctx" label={ui.t("mem.ctx").to_string()} value={p.ctx}
                                fixed={CONTEXT} ui={ui} on_change={set(|q, v| q.ctx = v)} />
                            <NumberField id="mem-batch" label={ui.t("mem.batch").to_string()} value={p.batch}
                                fixed={BATCH} ui={ui} on_change={set(|q, v| q.batch = v)} />
                            <label class="memory-field-col">
                                <span>{ui.t("mem.kvfmt")}</span>
                                <select data-testid="mem-kvfmt" onchange={on_select(|q, i| q.kvfmt = i)}>{format_options(p.kvfmt)}</select>
                            </label>
                        </div>
                        <p class="hint"><code class="formula">{ui.t("mem.kv_formula")}</code></p>
                    </fieldset>
                }
            </section>
            }
            if shown.has(MemoryPart::Need) {
            <section class="panel-part memory-need" aria-label={ui.t("mem.need")}>
                <dl class="readout results">
                    <dt>{ui.t(if p.train { "mem.train_state" } else { "mem.weights" })}</dt>
                    <dd class="num" data-testid="mem-weights" data-value={shortest(fit.weights_bytes / 1e9)}>{gb(fit.weights_bytes, ui)}</dd>
                    if !p.train {
                        <dt>{ui.t("mem.kv_cache")}</dt>
                        <dd class="num" data-testid="mem-kv" data-value={shortest(fit.kv_bytes / 1e9)}>{gb(fit.kv_bytes, ui)}</dd>
                    }
                    <dt>{ui.t("mem.total")}</dt>
                    <dd class="num" data-testid="mem-total" data-value={shortest(fit.total_bytes / 1e9)}>{gb(fit.total_bytes, ui)}</dd>
                    <dt>{ui.t("mem.chips")}</dt>
                    <dd>
                        <output class="big num" data-testid="chips-needed"
                            data-value={if chips_n == u32::MAX || fit.chip_bytes <= 0.0 { String::new() } else { chips_n.to_string() }}>{chips_text.clone()}</output>
                    </dd>
                </dl>
                if let Some(c) = p.chip().filter(|c| c.hbm_unit == MemUnit::Gib) {
                    <p class="hint" data-testid="mem-gib">{fill(ui.t("mem.gib"), &[
                        ("chip", c.name), ("quoted", &c.hbm_quoted(|x| fixed(x, 0, ui))),
                        ("gb", &gb(c.hbm_gb() * 1e9, ui))])}</p>
                }
                <div class="memory-stack" role="img" aria-label={fill(ui.t("mem.stack_label"), &[
                    ("total", &gb(fit.total_bytes, ui)), ("chips", &chips_text),
                    ("hbm", &gb(fit.chip_bytes, ui))])}>
                    // SVG geometry (attributes): the page has no inline style.
                    <svg viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">
                        <rect class="memory-stack-w" width={w_pct.to_string()} height="1" />
                        <rect class="memory-stack-kv" x={w_pct.to_string()} width={kv_pct.to_string()} height="1" />
                        {chip_marks}
                    </svg>
                </div>
                <ul class="plain legend">
                    <li><span class="swatch memory-stack-w"></span>{ui.t(if p.train { "mem.train_state" } else { "mem.weights" })}</li>
                    if !p.train { <li><span class="swatch memory-stack-kv"></span>{ui.t("mem.kv_cache")}</li> }
                    <li><span class="swatch memory-chip-swatch"></span>{ui.t("mem.chip_edge")}</li>
                </ul>
                if p.train {
                    <p>{ui.t("mem.train_note")}</p>
                    <ul>{split}</ul>
                } else {
                    <p class="hint">{ui.t("mem.infer_note")}</p>
                }
                <p class="hint">{ui.t("mem.split_note")}</p>
            </section>
            }
        </div>
    }
}

/// HBM per chip by year: every chip as a point, the record line, and the
/// notes' 192 GB; with a text summary and a data table.
fn timeline(ui: TextLang) -> Html {
    const W: f64 = 640.0;
    const H: f64 = 300.0;
    const LEFT: f64 = 48.0;
    const RIGHT: f64 = 16.0;
    const TOP: f64 = 40.0;
    const BOTTOM: f64 = 34.0;
    const FRAME: Frame = Frame {
        w: W,
        h: H,
        left: LEFT,
        right: RIGHT,
        top: TOP,
        bottom: BOTTOM,
    };
    let years = CHIPS.iter().map(|c| c.year);
    let (y0, y1) = (
        years.clone().min().unwrap_or(2017),
        years.max().unwrap_or(2025),
    );
    let max_gb = CHIPS.iter().map(|c| c.hbm).fold(0.0, f64::max);
    let top_gb = (max_gb / 50.0).ceil() * 50.0;
    let x = LinearScale::new(
        (f64::from(y0) - 0.5, f64::from(y1) + 0.5),
        (LEFT, W - RIGHT),
    );
    let y = LinearScale::new((0.0, top_gb.max(50.0)), (H - BOTTOM, TOP));
    let records = hbm_records();
    let record_path = {
        let mut d = String::new();
        for (i, r) in records.iter().enumerate() {
            let (px, py) = (tenths(x.map(f64::from(r.year))), tenths(y.map(r.gb)));
            if i == 0 {
                d.push_str(&format!("M{px} {py}"));
            } else {
                // A step: the record holds until the next one.
                d.push_str(&format!(" H{px} V{py}"));
            }
        }
        d
    };
    let points: Html = CHIPS
        .iter()
        .filter(|c| c.hbm > 0.0)
        .map(|c| {
            let is_record = records.iter().any(|r| r.chip.id == c.id);
            let vendor = match c.vendor {
                "NVIDIA" => "memory-v-nvidia",
                "AMD" => "memory-v-amd",
                _ => "memory-v-other",
            };
            let (cx, cy) = (x.map(f64::from(c.year)), y.map(c.hbm));
            html! {
                <g class={classes!("memory-hbm-point", vendor)}>
                    <circle cx={tenths(cx)} cy={tenths(cy)} r="5"><title>{format!("{} ({}): {} — {}", c.name, c.year, c.hbm_quoted(|x| fixed(x, 0, ui)), c.cite())}</title></circle>
                    // Labels left of the point, except near the left edge.
                    if is_record && cx < W / 3.0 {
                        <text x={tenths(cx + 8.0)} y={tenths(cy - 8.0)} class="ref-label">{format!("{} {}", c.name, c.hbm_quoted(|x| fixed(x, 0, ui)))}</text>
                    } else if is_record {
                        <text x={tenths(cx - 8.0)} y={tenths(cy - 8.0)} text-anchor="end" class="ref-label">{format!("{} {}", c.name, c.hbm_quoted(|x| fixed(x, 0, ui)))}</text>
                    }
                </g>
            }
        })
        .collect();
    let x_ticks: Html = (y0..=y1)
        .map(|t| {
            let px = tenths(x.map(f64::from(t)));
            html! { <text x={px} y={tenths(H - BOTTOM + 18.0)} text-anchor="middle">{t.to_string()}</text> }
        })
        .collect();
    let y_ticks = y_axis(
        FRAME,
        y.ticks(6).into_iter().map(|t| (y.map(t), fixed(t, 0, ui))),
    );
    let notes_y = tenths(y.map(NOTES_MAX_GB));
    let mut rows: Vec<&Chip> = CHIPS.iter().collect();
    // By year, then table order.
    stable_sort_by(&mut rows, |a, b| a.year < b.year);
    let table: Html = rows
        .iter()
        .map(|c| {
            html! {
                <tr data-testid="hbm-row" data-chip={c.id} data-gb={shortest(c.hbm)} data-unit={c.hbm_unit.symbol()}>
                    <th scope="row">{c.name}</th>
                    <td>{c.vendor}</td>
                    <td class="num">{c.year.to_string()}</td>
                    <td class="num">{c.hbm_quoted(|x| fixed(x, 0, ui))}</td>
                    <td class="num">{fixed(c.hbm_tbs, 2, ui)}</td>
                    <td><cite>{c.cite()}</cite></td>
                </tr>
            }
        })
        .collect();
    let status = max_hbm_gb(u16::MAX).map(|(g, c)| {
        let key = if g > NOTES_MAX_GB {
            "mem.status.passed"
        } else {
            "mem.status.holds"
        };
        fill(
            ui.t(key),
            &[
                ("hbm", &c.hbm_quoted(|x| fixed(x, 0, ui))),
                ("chip", c.name),
                ("year", &c.year.to_string()),
                ("notes", &fixed(NOTES_MAX_GB, 0, ui)),
            ],
        )
    });
    let summary: Vec<String> = records
        .iter()
        .map(|r| {
            format!(
                "{} {} ({})",
                r.chip.name,
                r.chip.hbm_quoted(|x| fixed(x, 0, ui)),
                r.year
            )
        })
        .collect();
    html! {
        <section class="panel-part" aria-labelledby="mem-hbm-title">
            <h2 id="mem-hbm-title">{ui.t("mem.hbm_title")}</h2>
            <p data-testid="hbm-status"><strong>{status.unwrap_or_default()}</strong></p>
            <figure class="chart-box">
                <svg class="chart chart-wide" viewBox="0 0 640 300" role="img" aria-labelledby="mem-hbm-desc">
                    {y_ticks}
                    {x_ticks}
                    <line x1={tenths(LEFT)} x2={tenths(W - RIGHT)} y1={notes_y.clone()} y2={notes_y.clone()} class="memory-notes-line" />
                    // Under the line: above it, at the record's height, is the
                    // label of the record chip that reached it (MI300X).
                    <text x={tenths(LEFT + 4.0)} y={notes_y} dy="1.2em" class="ref-label">{ui.t("mem.notes_line")}</text>
                    <path d={record_path} class="line memory-record-line" />
                    {points}
                    <text x={tenths(LEFT - 40.0)} y="18" class="axis-label">{ui.t("mem.axis_gb")}</text>
                </svg>
                <ul class="plain legend memory-legend-row" aria-hidden="true">
                    <li><span class="memory-dot memory-v-nvidia"></span>{"NVIDIA"}</li>
                    <li><span class="memory-dot memory-v-amd"></span>{"AMD"}</li>
                    <li><span class="memory-dot memory-v-other"></span>{"Google TPU"}</li>
                </ul>
                <figcaption id="mem-hbm-desc">{fill(ui.t("mem.hbm_desc"), &[("records", &summary.join(" → "))])}</figcaption>
            </figure>
            <details>
                <summary>{ui.t("mem.hbm_table")}</summary>
                {data_table(Named::Label(ui.t("mem.hbm_table").into()), None, None, None,
                    &["mem.col.chip", "mem.col.vendor", "mem.col.year", "mem.col.gb", "mem.col.tbs", "mem.col.source"].map(|k| ui.t(k).into()), table)}
            </details>
        </section>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <MemoryPanel settings={v.settings.memory} ui={v.ui} on_change={v.handlers.memory.clone()} /> }
}
