//! Precision vs speed: sliders for format, chip, model size and batch, and
//! what they give: peak throughput, speed-up over BF16, the notes' "half the
//! bits, twice the speed" checked on the chip, weight memory, the decode
//! ceilings and a roofline chart with its text description and data table.

use yew::prelude::*;

use crate::deck::steps::PrecisionPart;
use crate::ui::panels::use_shown;

use crate::ui::widgets::axes::{x_axis, y_axis, Frame};

use super::PrecisionProps;
use crate::deck::i18n::{fill, TextLang};
use crate::model::chart::{polyline_path, tenths, LogScale};
use crate::model::chips::{Chip, Precision, Rate, CHIPS};
use crate::model::formats::Format;
use crate::model::perf::{
    arithmetic_intensity, chips_to_hold, decode_bound, decode_tokens_per_s_bandwidth,
    decode_tokens_per_s_compute, halving_steps, ridge_point, speedup_over_bf16, weight_gb, Bound,
};
use crate::model::precision::{
    compute_precision, format_name, PrecisionAction, MAX_BATCH, MODEL_SIZES_B,
};
use crate::ui::numfmt::{fixed, shortest, sig};
use crate::ui::widgets::controls::{picked_index, slider};

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Fp32 => "FP32",
        Precision::Tf32 => "TF32",
        Precision::Bf16 => "BF16",
        Precision::Fp16 => "FP16",
        Precision::Fp8 => "FP8",
        Precision::Fp6 => "FP6",
        Precision::Fp4 => "FP4",
    }
}

/// Chart size in SVG user units (the viewBox below says the same).
const W: f64 = 560.0;
const H: f64 = 300.0;
const LEFT: f64 = 84.0;
const BOTTOM: f64 = 40.0;
const TOP: f64 = 34.0;
const RIGHT: f64 = 36.0;
/// The plot area the axes are drawn in.
const FRAME: Frame = Frame {
    w: W,
    h: H,
    left: LEFT,
    right: RIGHT,
    top: TOP,
    bottom: BOTTOM,
};

/// The roofline: attainable TFLOP/s against arithmetic intensity, log-log.
fn roofline(chip: &Chip, peak: f64, ai: f64, ui: TextLang) -> Html {
    let x = LogScale::new((0.1, 10_000.0), (LEFT, W - RIGHT));
    let top = (peak * 4.0).max(10.0);
    let y = LogScale::new((top / 1e5, top), (H - BOTTOM, TOP));
    let roof = |a: f64| (chip.hbm_tbs * a).min(peak);
    let ridge = ridge_point(peak, chip.hbm_tbs);
    let mut pts = vec![(0.1, roof(0.1))];
    if ridge > 0.1 && ridge < 10_000.0 {
        pts.push((ridge, peak));
    }
    pts.push((10_000.0, roof(10_000.0)));
    let path = polyline_path(
        &pts.iter()
            .map(|&(a, t)| (x.map(a), y.map(t)))
            .collect::<Vec<_>>(),
    );
    let xt = x_axis(
        FRAME,
        x.ticks(false)
            .into_iter()
            .map(|t| (x.map(t), sig(t, 3, ui))),
        16.0,
    );
    let yt = y_axis(
        FRAME,
        y.ticks(false)
            .into_iter()
            .map(|t| (y.map(t), sig(t, 3, ui))),
    );
    let (px, py) = (x.map(ai.clamp(0.1, 10_000.0)), y.map(roof(ai)));
    html! {
        <svg viewBox="0 0 560 300" class="chart" role="img" aria-labelledby="roofline-caption" data-testid="roofline">
            {xt}{yt}
            <path d={path} class="line precision-line-roof" />
            <circle cx={tenths(px)} cy={tenths(py)} r="6" class="precision-point" data-testid="roofline-point" />
            <text x={tenths((LEFT + W - RIGHT) / 2.0)} y={tenths(H - 4.0)} text-anchor="middle" class="axis-label">
                {ui.t("prec.roof.x")}
            </text>
            // The y axis's title above the plot, level, clear of the ticks
            // (upright it was longer than the axis in some languages).
            <text x="4" y="18" class="axis-label">{ui.t("prec.roof.y")}</text>
        </svg>
    }
}

#[derive(Properties, PartialEq)]
struct RooflineProps {
    /// Index into `CHIPS`.
    chip: usize,
    peak: f64,
    ai: f64,
    ui: TextLang,
}

/// The roofline chart as a component: the model size does not move it, so
/// the size slider skips it.
#[function_component]
fn Roofline(props: &RooflineProps) -> Html {
    match CHIPS.get(props.chip) {
        Some(chip) => roofline(chip, props.peak, props.ai, props.ui),
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
struct ChipProps {
    /// Index into `CHIPS`.
    chip: usize,
    ui: TextLang,
}

/// Each halving of the bits on this chip and whether it doubles the
/// speed, with the FP32 note: they change only with the chip.
#[function_component]
fn Halving(props: &ChipProps) -> Html {
    let ui = props.ui;
    let Some(chip) = CHIPS.get(props.chip) else {
        return html! {};
    };
    let steps = halving_steps(chip);
    let no_steps = steps.is_empty();
    let halving: Html = steps
        .into_iter()
        .map(|h| {
            let verdict = if h.doubles { ui.t("prec.speed.holds") } else { ui.t("prec.speed.fails") };
            html! {
                <li data-testid="halving-step" data-ratio={shortest(h.ratio)}>
                    {format!("{} → {}{}×{} — ", precision_name(h.from), precision_name(h.to), ui.colon(), fixed(h.ratio, 2, ui))}
                    <strong>{verdict}</strong>
                </li>
            }
        })
        .collect();
    let fp32_note = speedup_over_bf16(chip, Precision::Fp32)
        .filter(|r| *r > 0.0)
        .map(|r| fill(ui.t("prec.speed.fp32"), &[("n", &fixed(1.0 / r, 1, ui))]));
    html! {
        <>
            if no_steps { {ui.t("prec.speed.no_steps")} } else { <ul class="plain">{halving}</ul> }
            if let Some(n) = fp32_note { <p class="hint">{n}</p> }
        </>
    }
}

#[function_component]
pub fn Speed(props: &PrecisionProps) -> Html {
    let ui = props.ui;
    let p = &props.settings;
    let chip_index = if p.chip < CHIPS.len() { p.chip } else { 0 };
    let Some(chip) = CHIPS.get(chip_index) else {
        return html! {};
    };
    let f = p.fmt;
    let params = p.params_count();
    let batch = p.batch;
    let cp = compute_precision(f);
    let bits = cp.map_or(f64::from(f.bits()), |c| f64::from(c.bits()));
    let rate = cp.map(|c| chip.rate(c));
    let peak = rate.and_then(Rate::tflops);
    // Slider positions are indices (or, for the batch, powers of two).
    let act = |make: fn(usize) -> PrecisionAction| {
        let cb = props.on_action.clone();
        Callback::from(move |v: u32| cb.emit(make(v as usize)))
    };
    let last = |n: usize| (0, n.saturating_sub(1) as u32);
    let on_chip = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = picked_index(&e) {
                cb.emit(PrecisionAction::SetChip(i));
            }
        })
    };
    let fmt_index = Format::ALL.iter().position(|&g| g == f).unwrap_or(0);
    let batch_index = batch.trailing_zeros() as usize;

    let peak_text = match rate {
        None => ui.t("prec.speed.scale_only").to_string(),
        Some(Rate::Tflops(t)) => format!("{} TFLOP/s", fixed(t, 1, ui)),
        Some(Rate::NotSupported) => ui.t("prec.speed.not_supported").to_string(),
        Some(Rate::Unknown) => ui.t("prec.speed.unknown").to_string(),
    };
    let speedup = cp.and_then(|c| speedup_over_bf16(chip, c));
    let wgb = weight_gb(params, bits);
    let need = chips_to_hold(wgb, chip.hbm_gb());
    let bw_tps = decode_tokens_per_s_bandwidth(params, bits, f64::from(batch), chip.hbm_tbs);
    let ai = arithmetic_intensity(bits, f64::from(batch));
    let cites: Vec<String> = chip
        .sources()
        .map(|s| format!("{} ({})", s.publisher, s.as_of))
        .collect();
    let cite = fill(
        ui.t("prec.speed.cite"),
        &[
            ("chip", chip.name),
            ("src", &cites.join("; ")),
            ("date", chip.as_of),
        ],
    );

    let compute_part = peak.filter(|t| *t > 0.0).map(|peak| {
        let c_tps = decode_tokens_per_s_compute(params, peak);
        let bound = decode_bound(params, bits, f64::from(batch), chip.hbm_tbs, peak);
        let ridge = ridge_point(peak, chip.hbm_tbs);
        let bound_text = match bound {
            Bound::Compute => ui.t("prec.speed.compute_bound"),
            Bound::Bandwidth => ui.t("prec.speed.bandwidth_bound"),
        };
        let caption = fill(
            ui.t("prec.roof.caption"),
            &[
                ("chip", chip.name),
                ("fmt", format_name(f)),
                ("bw", &fixed(chip.hbm_tbs, 2, ui)),
                ("ridge", &sig(ridge, 3, ui)),
                ("peak", &fixed(peak, 0, ui)),
                ("batch", &batch.to_string()),
                ("ai", &sig(ai, 3, ui)),
                ("bound", bound_text),
            ],
        );
        let chart = html! {
            <div class="chart-box">
                    <figure>
                        <Roofline chip={chip_index} {peak} {ai} ui={ui} />
                        <figcaption id="roofline-caption">{caption}</figcaption>
                    </figure>
                    <details>
                        <summary>{ui.t("prec.roof.table")}</summary>
                        <table>
                            <tbody>
                                <tr><th scope="row">{ui.t("prec.roof.peak")}</th><td>{format!("{} TFLOP/s", fixed(peak, 1, ui))}</td></tr>
                                <tr><th scope="row">{ui.t("prec.roof.bw")}</th><td>{format!("{} TB/s", fixed(chip.hbm_tbs, 2, ui))}</td></tr>
                                <tr><th scope="row">{ui.t("prec.roof.ridge")}</th><td>{fill(ui.t("unit.flop_per_byte"), &[("n", &sig(ridge, 4, ui))])}</td></tr>
                                <tr><th scope="row">{ui.t("prec.roof.point")}</th><td>{fill(ui.t("unit.flop_per_byte"), &[("n", &sig(ai, 4, ui))])}</td></tr>
                            </tbody>
                        </table>
                    </details>
            </div>
        };
        let rows = html! {
            <>
                <dt class="precision-detail">{ui.t("prec.speed.decode_compute")}</dt>
                <dd class="precision-detail"><span class="num" data-testid="decode-compute" data-value={shortest(c_tps)}>{sig(c_tps, 4, ui)}</span>{" "}{ui.t("unit.tokens_per_s")}</dd>
                <dt>{ui.t("prec.speed.bound")}</dt>
                <dd data-testid="bound" data-value={if bound == Bound::Compute { "compute" } else { "bandwidth" }}>{bound_text}</dd>
            </>
        };
        (rows, chart)
    });
    let (compute_rows, roofline_box) = compute_part.unzip();

    let shown = use_shown();
    html! {
        <>
        if shown.has(PrecisionPart::Speed) {
        <section class="panel-part" aria-labelledby="speed-title">
            <h2 id="speed-title">{ui.t("prec.speed.title")}</h2>
            <div class="sliders">
                {slider("fmt-slider", ui.t("prec.format"), last(Format::ALL.len()), 1, fmt_index as u32,
                    fill(ui.t("prec.format_bits"), &[("name", format_name(f)), ("bits", &f.bits().to_string())]),
                    act(|i| PrecisionAction::SetFormat(Format::ALL[i.min(Format::ALL.len() - 1)])))}
                // A chip is picked from a list, as in every panel.
                <div class="slider">
                    <label for="prec-chip">{ui.t("prec.chip")}</label>
                    <select id="prec-chip" data-testid="prec-chip" onchange={on_chip}>
                        {for CHIPS.iter().enumerate().map(|(i, c)| html! {
                            <option value={i.to_string()} selected={i == chip_index} data-chip={c.id}>{c.name}</option>
                        })}
                    </select>
                </div>
                {slider("size-slider", ui.t("prec.size"), last(MODEL_SIZES_B.len()), 1, p.size as u32,
                    fill(ui.t("prec.size.value"), &[("n", MODEL_SIZES_B[p.size.min(MODEL_SIZES_B.len() - 1)].0)]),
                    act(PrecisionAction::SetSize))}
                {slider("batch-slider", ui.t("prec.batch"), (0, MAX_BATCH.trailing_zeros()), 1, batch_index as u32,
                    batch.to_string(), act(|i| PrecisionAction::SetBatch(1u32 << i.min(10))))}
            </div>
            <dl class="readout">
                <dt>{ui.t("prec.speed.peak")}</dt>
                <dd><span class={classes!(peak.is_some().then_some("big"))} data-testid="peak-tflops" data-value={peak.map(shortest).unwrap_or_default()}>{peak_text.clone()}</span></dd>
                <dt>{ui.t("prec.speed.speedup")}</dt>
                <dd data-testid="speedup" data-value={speedup.map(shortest).unwrap_or_default()}>
                    {speedup.map_or_else(|| "—".to_string(), |r| format!("×{}", fixed(r, 2, ui)))}
                </dd>
                <dt>{fill(ui.t("prec.speed.halving"), &[("chip", chip.name)])}</dt>
                <dd>
                    <Halving chip={chip_index} ui={ui} />
                </dd>
                <dt class="precision-detail">{ui.t("prec.speed.weights")}</dt>
                <dd class="precision-detail"><span class="num" data-testid="weight-gb" data-value={shortest(wgb)}>{fixed(wgb, 1, ui)}</span>{" GB"}</dd>
                <dt class="precision-detail">{fill(ui.t("prec.speed.chips"), &[("hbm", &chip.hbm_quoted(|x| fixed(x, 0, ui)))])}</dt>
                <dd class="precision-detail"><span class="num" data-testid="chips-needed" data-value={need.to_string()}>{need.to_string()}</span></dd>
                <dt class="precision-detail">{ui.t("prec.speed.decode_bw")}</dt>
                <dd class="precision-detail"><span class="num" data-testid="decode-bw" data-value={shortest(bw_tps)}>{sig(bw_tps, 4, ui)}</span>{" "}{ui.t("unit.tokens_per_s")}</dd>
                {compute_rows}
            </dl>
        </section>
        }
        if shown.has(PrecisionPart::Roofline) {
        <section class="panel-part precision-roofline" aria-label={ui.t("prec.roof.table")}>
            {roofline_box.unwrap_or_else(|| html! { <p class="precision-no-roof" data-testid="no-roofline">{peak_text.clone()}</p> })}
            <p class="hint precision-detail">{ui.t("prec.speed.model_note")}</p>
            <p class="cite"><cite>{cite}</cite></p>
        </section>
        }
        </>
    }
}
