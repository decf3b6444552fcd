//! The Moore's-law depreciation chart of the `#/depreciation` slide: the cost
//! to reproduce reference models falling with hardware and algorithmic
//! progress, the frontier budget rising, sliders for the trends, a year
//! cursor, a readout, a text description and a table.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::deck::steps::DepreciationPart;
use crate::ui::widgets::table::{data_table, Named};

use crate::ui::panels::{use_shown, PanelInputs};

use crate::ui::widgets::axes::{x_axis, y_axis, Frame};

use crate::deck::i18n::{fill, TextLang};
use crate::model::chart::{polyline_path, tenths, LinearScale, LogScale};
use crate::model::depreciation::{
    band_series, frontier_budget, frontier_series, reproduce_cost, series, DepreciationSettings,
    RefModel, ALGO_TENTHS, HORIZON_YEARS, HW_HUNDREDTHS, MODELS, YEARS,
};
use crate::ui::numfmt::{fixed, shortest, usd, usd_axis};
use crate::ui::widgets::controls::{reset_button, slider};

#[derive(Properties, PartialEq)]
pub struct DepreciationProps {
    pub settings: DepreciationSettings,
    pub ui: TextLang,
    pub on_change: Callback<DepreciationSettings>,
}

/// Chart geometry in SVG user units (the viewBox below says the same).
const W: f64 = 600.0;
const H: f64 = 340.0;
const LEFT: f64 = 84.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 40.0;
/// The plot area the axes are drawn in.
const FRAME: Frame = Frame {
    w: W,
    h: H,
    left: LEFT,
    right: RIGHT,
    top: TOP,
    bottom: BOTTOM,
};
/// Cost axis range in US dollars.
const Y_RANGE: (f64, f64) = (1.0, 1e12);
/// Years between plotted points.
const STEP: f64 = 0.25;

/// CSS class of each reference model's line, in `MODELS` order.
const LINE_CLASSES: [&str; 3] = ["series-a", "series-b", "series-c"];

fn line_class(i: usize) -> &'static str {
    LINE_CLASSES[i % LINE_CLASSES.len()]
}

/// The plotted value of one reference model in a year, if trained by then.
fn model_at(m: &RefModel, year: f64, p: &DepreciationSettings) -> Option<f64> {
    reproduce_cost(m, year, p.hw_years(), p.algo_months(), p.algo_on)
}

/// The chart's scales: years across, dollars (log) up.
fn scales() -> (LinearScale, LogScale) {
    let (y0, y1) = (f64::from(YEARS.0), f64::from(YEARS.1));
    (
        LinearScale::new((y0, y1), (LEFT, W - RIGHT)),
        LogScale::new(Y_RANGE, (H - BOTTOM, TOP)),
    )
}

#[derive(Properties, PartialEq)]
struct LangProps {
    ui: TextLang,
}

#[derive(Properties, PartialEq)]
struct SeriesProps {
    settings: DepreciationSettings,
    ui: TextLang,
}

#[derive(Properties, PartialEq)]
struct BandsProps {
    algo_on: bool,
}

/// The axes, their ticks and labels: the same whatever the settings.
#[function_component]
fn Axes(props: &LangProps) -> Html {
    let ui = props.ui;
    let (x, y) = scales();
    let x_ticks = x_axis(
        FRAME,
        (YEARS.0..=YEARS.1)
            .step_by(2)
            .map(|t| (x.map(f64::from(t)), t.to_string())),
        16.0,
    );
    let y_ticks = y_axis(
        FRAME,
        y.ticks(false)
            .into_iter()
            .step_by(2)
            .map(|t| (y.map(t), usd_axis(t, ui))),
    );
    html! {
        <>
            {x_ticks}{y_ticks}
            <text x={tenths((LEFT + W - RIGHT) / 2.0)} y={tenths(H - 4.0)} text-anchor="middle" class="axis-label">{ui.t("dep.axis.x")}</text>
            <text transform={format!("translate(17 {}) rotate(-90)", tenths((TOP + H - BOTTOM) / 2.0))} text-anchor="middle" class="axis-label">{ui.t("dep.axis.y")}</text>
        </>
    }
}

/// The uncertainty bands and the frontier: they change only with the
/// algorithmic-progress switch.
#[function_component]
fn Bands(props: &BandsProps) -> Html {
    let (x, y) = scales();
    let (y0, y1) = (f64::from(YEARS.0), f64::from(YEARS.1));
    let pt = |(yr, usd): (f64, f64)| (x.map(yr), y.map(usd));
    let bands: Html = MODELS
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let b = band_series(m, props.algo_on, f64::from(m.year), y1, STEP);
            let mut pts: Vec<(f64, f64)> = b.iter().map(|&(yr, _, hi)| pt((yr, hi))).collect();
            pts.extend(b.iter().rev().map(|&(yr, lo, _)| pt((yr, lo))));
            let mut d = polyline_path(&pts);
            if !d.is_empty() {
                d.push_str(" Z");
            }
            html! { <path d={d} class={classes!("depreciation-band", line_class(i))} /> }
        })
        .collect();
    let frontier: Vec<(f64, f64)> = frontier_series(y0, y1, STEP).into_iter().map(pt).collect();
    html! {
        <>
            {bands}
            <path d={polyline_path(&frontier)} class="line depreciation-frontier" />
        </>
    }
}

/// A label's line height and the width of one character, in SVG units, at
/// the largest size a chart's labels are set (16 px on the stage), with room
/// to spare.
const LABEL_H: f64 = 19.0;
const LABEL_CHAR_W: f64 = 10.0;

fn label_width(name: &str) -> f64 {
    name.chars().count() as f64 * LABEL_CHAR_W
}

/// Places right-aligned labels, each wanted at (right x, baseline y) with a
/// width: inside the plot area, and a label that would touch one placed
/// before it (lowest first) moves up above it.
fn place_labels(wanted: &[(f64, f64, f64)]) -> Vec<(f64, f64)> {
    let (low, high) = (TOP + 16.0, H - BOTTOM - 6.0);
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|&a, &b| wanted[b].1.total_cmp(&wanted[a].1));
    let mut placed: Vec<(f64, f64, f64)> = Vec::new();
    let mut out = vec![(0.0, 0.0); wanted.len()];
    for i in order {
        let (x, want, w) = wanted[i];
        let mut y = want.clamp(low, high);
        // Up past every placed label it would touch (they are lower).
        for &(px, py, pw) in &placed {
            let apart = x <= px - pw || px <= x - w;
            if !apart && y > py - LABEL_H {
                y = py - LABEL_H;
            }
        }
        let y = y.max(low);
        placed.push((x, y, w));
        out[i] = (x, y);
    }
    out
}

/// Each reference model's cost line, point and label.
#[function_component]
fn Lines(props: &SeriesProps) -> Html {
    let (ui, p) = (props.ui, props.settings);
    let (x, y) = scales();
    let y1 = f64::from(YEARS.1);
    let pt = |(yr, usd): (f64, f64)| (x.map(yr), y.map(usd));
    let lines: Vec<Vec<(f64, f64)>> = MODELS
        .iter()
        .map(|m| {
            series(m, &p, f64::from(m.year), y1, STEP)
                .into_iter()
                .map(pt)
                .collect()
        })
        .collect();
    // Where each line ends inside the plot, and whether it leaves it at the
    // bottom first.
    let floor = H - BOTTOM + 0.5;
    let ends: Vec<(f64, f64, bool)> = lines
        .iter()
        .map(|l| {
            let inside = l.iter().rev().find(|e| e.1 <= floor).copied();
            let left = l.last().is_some_and(|e| e.1 > floor);
            inside.map_or((W - RIGHT, H - BOTTOM, true), |(x, y)| (x, y, left))
        })
        .collect();
    // Each line is named at its end, on the right where the lines stand
    // apart: the highest above its line, the others below theirs (the lines
    // fall as fast as one another, so they keep their order), inside the
    // plot area.
    let top = ends.iter().map(|e| e.1).fold(f64::INFINITY, f64::min);
    let labels = place_labels(
        &ends
            .iter()
            .zip(MODELS)
            .map(|(&(x, y, left), m)| {
                // A line that leaves at the bottom: under it, left of where it
                // leaves (a falling line is higher to the left).
                let (x, y) = if left {
                    (x - 8.0, H - BOTTOM - 6.0)
                } else if y == top {
                    (x - 4.0, y - 14.0)
                } else {
                    (x - 4.0, y + 24.0)
                };
                (x, y, label_width(m.name))
            })
            .collect::<Vec<_>>(),
    );
    MODELS
        .iter()
        .zip(lines)
        .enumerate()
        .map(|(i, (m, pts))| {
            let (cx, cy) = pt((f64::from(m.year), m.cost_amortized_usd));
            let (label_x, label_y) = labels[i];
            let tip = format!("{} ({}): {} — {}, {}", m.name, m.year, usd(m.cost_amortized_usd, ui), m.source, m.as_of);
            html! {
                <g class={line_class(i)}>
                    <path d={polyline_path(&pts)} class="line" />
                    <circle cx={tenths(cx)} cy={tenths(cy)} r="5" class="ref-point"><title>{tip}</title></circle>
                    <text x={tenths(label_x)} y={tenths(label_y)} text-anchor="end" class="ref-label">{m.name}</text>
                </g>
            }
        })
        .collect()
}

/// The chart's data as a table, year by year.
#[function_component]
fn Table(props: &SeriesProps) -> Html {
    let (ui, p) = (props.ui, props.settings);
    let table_rows: Html = (YEARS.0..=YEARS.1)
        .map(|yr| {
            let yf = f64::from(yr);
            html! {
                <tr>
                    <th scope="row">{yr.to_string()}</th>
                    { for MODELS.iter().map(|m| html! {
                        <td class="num">{model_at(m, yf, &p).map_or_else(|| "—".to_string(), |c| usd(c, ui))}</td>
                    }) }
                    <td class="num">{usd(frontier_budget(yf), ui)}</td>
                </tr>
            }
        })
        .collect();
    html! {
        <details>
            <summary>{ui.t("dep.table")}</summary>
            {data_table(Named::Label(ui.t("dep.table").into()), Some("depreciation-table"), None, None,
                &std::iter::once(ui.t("dep.table.year"))
                    .chain(MODELS.iter().map(|m| m.name))
                    .chain([ui.t("dep.frontier")])
                    .map(AttrValue::from)
                    .collect::<Vec<_>>(), table_rows)}
        </details>
    }
}

/// The text under the models: what counters the trend, the cost basis and
/// the sources. The same whatever the settings.
#[function_component]
fn Notes(props: &LangProps) -> Html {
    let ui = props.ui;
    let cites: Vec<String> = MODELS
        .iter()
        .flat_map(|m| m.sources())
        .chain(
            crate::model::depreciation::TRENDS
                .iter()
                .flat_map(|t| t.sources()),
        )
        .map(|s| format!("{} ({})", s.title, s.as_of))
        .fold(Vec::new(), |mut v, s| {
            if !v.contains(&s) {
                v.push(s);
            }
            v
        });
    // Cloud rental over amortized cost, per reference model.
    let cloud_ratio = |id: &str| {
        MODELS
            .iter()
            .find(|m| m.id == id)
            .map_or_else(String::new, |m| {
                fixed(m.cost_cloud_usd / m.cost_amortized_usd, 1, ui)
            })
    };
    let cost_basis = fill(
        ui.t("dep.cost_basis"),
        &[
            ("gpt3", &cloud_ratio("gpt-3")),
            ("gpt4", &cloud_ratio("gpt-4")),
            ("llama", &cloud_ratio("llama-3.1-405b")),
        ],
    );
    html! {
        <>
            <p class="depreciation-counter">{ui.t("dep.counter")}</p>
            <p><strong>{ui.t("dep.keeps")}</strong></p>
            <p class="hint" data-testid="cost-basis">{cost_basis}</p>
            <p class="cite"><cite>{cites.join("; ")}</cite></p>
        </>
    }
}

#[function_component]
pub fn DepreciationPanel(props: &DepreciationProps) -> Html {
    let ui = props.ui;
    let p = props.settings;
    let cursor = use_state(|| 2026u32);
    let year = f64::from(*cursor);
    let (y0, y1) = (f64::from(YEARS.0), f64::from(YEARS.1));
    let (x, _) = scales();

    let change = |f: fn(&mut DepreciationSettings, u32)| {
        let cb = props.on_change.clone();
        Callback::from(move |v: u32| {
            let mut q = p;
            f(&mut q, v);
            cb.emit(q);
        })
    };
    let on_algo_toggle = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .is_some_and(|i| i.checked());
            cb.emit(DepreciationSettings { algo_on: on, ..p });
        })
    };
    let on_cursor = {
        let cursor = cursor.clone();
        Callback::from(move |v: u32| cursor.set(v.clamp(u32::from(YEARS.0), u32::from(YEARS.1))))
    };
    // Pointer (mouse, pen, touch) on the chart moves the cursor to the nearest year.
    // (Yew delegates events, so `current_target` is not the chart: use a ref.)
    let chart = use_node_ref();
    let on_pointer = {
        let cursor = cursor.clone();
        let chart = chart.clone();
        Callback::from(move |e: PointerEvent| {
            if e.type_() == "pointermove" && e.buttons() == 0 {
                return;
            }
            let Some(svg) = chart.cast::<web_sys::Element>() else {
                return;
            };
            let r = svg.get_bounding_client_rect();
            if r.width() <= 0.0 {
                return;
            }
            let px = (f64::from(e.client_x()) - r.left()) / r.width() * W;
            let yr = x.invert(px).round().max(y0).min(y1);
            cursor.set(yr as u32);
        })
    };
    let stop_touch = Callback::from(|e: TouchEvent| e.stop_propagation());

    let hl = p.half_life_years();
    let left = p.value_left();

    let cx = tenths(x.map(year));

    // Readout at the cursor.
    let at_rows: Html = MODELS
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let v = model_at(m, year, &p);
            html! {
                <li class={line_class(i)} data-testid="cursor-value" data-series={m.id} data-value={v.map(shortest).unwrap_or_default()}>
                    <span class="swatch"></span>{m.name}{ui.colon()}
                    {v.map_or_else(|| ui.t("dep.not_yet").to_string(), |c| usd(c, ui))}
                </li>
            }
        })
        .collect();
    let frontier_now = frontier_budget(year);

    let caption = fill(
        ui.t("dep.caption"),
        &[
            ("hl", &fixed(hl, 2, ui)),
            ("year", &cursor.to_string()),
            ("frontier", &usd(frontier_now, ui)),
        ],
    );
    let shown = use_shown();
    html! {
        <div class="panel" lang={ui.tag()} data-testid="depreciation-panel">
            if shown.has(DepreciationPart::Settings) {
            <section class="panel-part depreciation-settings" aria-labelledby="dep-title">
                <div class="part-head">
                    <h2 id="dep-title">{ui.t("dep.title")}</h2>
                    {reset_button(ui, &shown, p, &props.on_change)}
                </div>
                <div class="sliders">
                    {slider("hw-slider", ui.t("dep.hw"), HW_HUNDREDTHS.range(), 1, p.hw_hundredths,
                        fill(ui.t("dep.hw.value"), &[("n", &fixed(p.hw_years(), 2, ui))]),
                        change(|q, v| q.hw_hundredths = v))}
                    {slider("algo-slider", ui.t("dep.algo"), ALGO_TENTHS.range(), 5, p.algo_tenths,
                        fill(ui.t("dep.algo.value"), &[("n", &fixed(p.algo_months(), 1, ui))]),
                        change(|q, v| q.algo_tenths = v))}
                    {slider("years-slider", ui.t("dep.years"), HORIZON_YEARS.range(), 1, p.years,
                        fill(ui.t("dep.years.value"), &[("n", &p.years.to_string())]),
                        change(|q, v| q.years = v))}
                    <label class="radio depreciation-switch">
                        <input type="checkbox" role="switch" checked={p.algo_on} onchange={on_algo_toggle} data-testid="algo-switch" />
                        {ui.t("dep.algo_on")}
                    </label>
                </div>
                <dl class="readout">
                    <dt>{ui.t("dep.half_life")}</dt>
                    <dd><span class="big" data-testid="half-life" data-value={shortest(hl)}>{fill(ui.t("dep.half_life.value"), &[("n", &fixed(hl, 2, ui))])}</span></dd>
                    <dt>{fill(ui.t("dep.value_left"), &[("n", &p.years.to_string())])}</dt>
                    <dd><span class="big" data-testid="value-left" data-value={shortest(left)}>{fill(ui.t("dep.value_left.value"), &[("pct", &fixed(left * 100.0, 1, ui))])}</span></dd>
                </dl>
            </section>
            }
            if shown.has(DepreciationPart::Chart) {
            <section class="panel-part depreciation-chart" aria-label={ui.t("dep.axis.y")}>
                <figure>
                    <svg viewBox="0 0 600 340" class="chart chart-wide" ref={chart} role="img" aria-labelledby="dep-caption" data-testid="depreciation-chart"
                        onpointerdown={on_pointer.clone()} onpointermove={on_pointer} ontouchstart={stop_touch.clone()} ontouchend={stop_touch}>
                        <defs>
                            <clipPath id="dep-plot">
                                <rect x={tenths(LEFT)} y={tenths(TOP)} width={tenths(W - LEFT - RIGHT)} height={tenths(H - TOP - BOTTOM)} />
                            </clipPath>
                        </defs>
                        <Axes ui={ui} />
                        <g clip-path="url(#dep-plot)">
                            <Bands algo_on={p.algo_on} />
                            <Lines settings={p} ui={ui} />
                        </g>
                        <line x1={cx.clone()} x2={cx} y1={tenths(TOP)} y2={tenths(H - BOTTOM)} class="depreciation-cursor" data-testid="cursor-line" />
                    </svg>
                    <figcaption id="dep-caption">{caption}</figcaption>
                </figure>
            </section>
            }
            if shown.has(DepreciationPart::Models) {
            <section class="panel-part depreciation-models" aria-labelledby="dep-models-title">
                <h2 id="dep-models-title" class="depreciation-models-title">{ui.t("dep.models.title")}</h2>
                <div class="sliders">
                    {slider("cursor-slider", ui.t("dep.cursor"), (u32::from(YEARS.0), u32::from(YEARS.1)), 1, *cursor, cursor.to_string(), on_cursor)}
                </div>
                <p class="label">{fill(ui.t("dep.at_year"), &[("year", &cursor.to_string())])}</p>
                <ul class="plain legend" aria-live="polite">
                    {at_rows}
                    <li class="depreciation-frontier-key" data-testid="cursor-frontier" data-value={shortest(frontier_now)}>
                        <span class="swatch"></span>{ui.t("dep.frontier")}{ui.colon()}{usd(frontier_now, ui)}
                    </li>
                </ul>
                <p class="hint">{ui.t("dep.band")}</p>
                <Table settings={p} ui={ui} />
                <Notes ui={ui} />
            </section>
            }
        </div>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <DepreciationPanel settings={v.settings.depreciation} ui={v.ui} on_change={v.handlers.depreciation.clone()} /> }
}
