//! What is lost: a fixed-seed sample of standard normal values quantized to
//! the chosen format per tensor (absmax scale), in OCP MX blocks of 32, and
//! as NVFP4, with the error as SQNR in dB and a histogram of the values
//! against the format's grid.

use yew::prelude::*;

use crate::deck::i18n::{fill, TextLang};
use crate::model::chart::{tenths, LinearScale};
use crate::model::formats::{Class, Format};
use crate::model::precision::format_name;
use crate::model::quant::{
    absmax, histogram, normal_sample_with, quantize_absmax, quantize_mx, quantize_nvfp4, sqnr_db,
};
use crate::ui::numfmt::{fixed, shortest};

/// Values in the sample.
pub const SAMPLE: usize = 65_536;
/// Seed of the sample, fixed so every reader sees the same figures.
pub const SEED: u64 = 2024;

/// The sine and cosine of `t` from the browser's `Math` (the module then
/// carries no trigonometry of its own).
pub fn js_sin_cos(t: f64) -> (f64, f64) {
    (js_sys::Math::sin(t), js_sys::Math::cos(t))
}

/// Histogram range (standard deviations) and bins.
pub const LO: f64 = -4.0;
pub const HI: f64 = 4.0;
pub const BINS: usize = 80;

/// Element formats of the OCP MX block formats.
fn has_mx(f: Format) -> bool {
    matches!(
        f,
        Format::E4m3 | Format::E5m2 | Format::E3m2 | Format::E2m3 | Format::E2m1
    )
}

/// SQNR in dB per tensor and in MX blocks for `f` (`None` where it does not apply).
pub fn sqnr(sample: &[f64], f: Format) -> (Option<f64>, Option<f64>) {
    if f == Format::E8m0 {
        return (None, None);
    }
    let tensor = sqnr_db(sample, &quantize_absmax(sample, f));
    let mx = has_mx(f).then(|| sqnr_db(sample, &quantize_mx(sample, f)));
    (Some(tensor), mx)
}

#[derive(Properties, PartialEq)]
pub struct QuantProps {
    pub fmt: Format,
    pub ui: TextLang,
}

#[function_component]
pub fn QuantDemo(props: &QuantProps) -> Html {
    let ui = props.ui;
    let f = props.fmt;
    // The work (about 0.1 s) waits until the demo is first scrolled into view.
    let section = use_node_ref();
    let visible = use_state(|| false);
    {
        let section = section.clone();
        let visible = visible.clone();
        use_effect_with((), move |_| {
            let guard = section.cast::<web_sys::Element>().and_then(|el| {
                crate::ui::web::observe::when_visible(&el, move || visible.set(true))
            });
            move || drop(guard)
        });
    }
    let on = *visible;
    let sample = use_memo(on, |on| {
        if *on {
            normal_sample_with(SAMPLE, SEED, js_sin_cos)
        } else {
            Vec::new()
        }
    });
    let nvfp4 = use_memo(on, {
        let sample = sample.clone();
        move |on| on.then(|| sqnr_db(&sample, &quantize_nvfp4(&sample)))
    });
    let hist = use_memo(on, {
        let sample = sample.clone();
        move |_| histogram(&sample, LO, HI, BINS)
    });
    let result = use_memo((f, on), {
        let sample = sample.clone();
        move |(f, on)| if *on { sqnr(&sample, *f) } else { (None, None) }
    });
    let (tensor, mx) = *result;

    let db = |v: Option<f64>, id: &'static str, label: &'static str| {
        html! {
            <tr>
                <th scope="row">{ui.t(label)}</th>
                <td class="num" data-testid={id} data-value={v.map(shortest).unwrap_or_default()}>
                    {match v {
                        Some(d) => format!("{} dB", fixed(d, 1, ui)),
                        None if on => ui.t("prec.quant.na").to_string(),
                        None => ui.t("prec.quant.pending").to_string(),
                    }}
                </td>
            </tr>
        }
    };

    // The histogram and the format's grid, scaled as per-tensor quantization scales it.
    let (w, h, left, bottom) = (560.0, 200.0, 16.0, 34.0);
    let x = LinearScale::new((LO, HI), (left, w - left));
    let max_count = hist.iter().copied().max().unwrap_or(1).max(1);
    let y = LinearScale::new((0.0, f64::from(max_count)), (h - bottom, 8.0));
    let bin_w = (w - 2.0 * left) / BINS as f64;
    let bars: Html = hist
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let x0 = left + i as f64 * bin_w;
            let top = y.map(f64::from(c));
            html! { <rect x={tenths(x0)} y={tenths(top)} width={tenths(bin_w * 0.9)} height={tenths(h - bottom - top)} class="bar" /> }
        })
        .collect();
    let grid_points: Vec<f64> = if on && f.bits() <= 8 && f != Format::E8m0 {
        let scale = absmax(&sample) / f.max_finite();
        (0..1u32 << f.bits())
            .filter(|&c| {
                matches!(
                    f.classify(c),
                    Class::Normal | Class::Subnormal | Class::Zero
                )
            })
            .map(|c| f.decode(c) * scale)
            .filter(|v| (LO..=HI).contains(v))
            .collect()
    } else {
        Vec::new()
    };
    let ticks: Html = grid_points
        .iter()
        .map(|&v| {
            let px = tenths(x.map(v));
            html! { <line x1={px.clone()} x2={px} y1={tenths(h - bottom + 2.0)} y2={tenths(h - bottom + 12.0)} class="precision-grid-tick" /> }
        })
        .collect();
    let axis: Html = [-4.0, -2.0, 0.0, 2.0, 4.0]
        .iter()
        .map(|&t| html! { <text x={tenths(x.map(t))} y={tenths(h - 8.0)} text-anchor="middle">{fixed(t, 0, ui).replace('-', "\u{2212}")}</text> })
        .collect();
    let grid_count = grid_points.len().to_string();
    let caption = if grid_points.is_empty() {
        fill(
            ui.t("prec.quant.caption_fine"),
            &[("fmt", format_name(f)), ("n", &SAMPLE.to_string())],
        )
    } else {
        fill(
            ui.t("prec.quant.caption"),
            &[
                ("fmt", format_name(f)),
                ("n", &SAMPLE.to_string()),
                ("grid", &grid_count),
            ],
        )
    };

    html! {
        <section class="panel-part quant-part" aria-labelledby="quant-title" ref={section}>
            <h2 id="quant-title">{fill(ui.t("prec.quant.title"), &[("n", &fixed(SAMPLE as f64, 0, ui))])}</h2>
            <p>{ui.t("prec.quant.intro")}</p>
            <table class="precision-sqnr">
                <caption>{fill(ui.t("prec.quant.table"), &[("fmt", format_name(f))])}</caption>
                <tbody>
                    {db(tensor, "sqnr-tensor", "prec.quant.tensor")}
                    {db(mx, "sqnr-mx", "prec.quant.mx")}
                    {db(*nvfp4, "sqnr-nvfp4", "prec.quant.nvfp4")}
                </tbody>
            </table>
            <figure>
                <svg viewBox="0 0 560 200" class="chart" role="img" aria-labelledby="quant-caption" data-testid="histogram">
                    {bars}{ticks}{axis}
                </svg>
                <figcaption id="quant-caption">{caption}</figcaption>
            </figure>
            <p class="hint footnote">{ui.t("prec.quant.note")}</p>
        </section>
    }
}
