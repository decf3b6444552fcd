//! Chart axes shared by the panels' SVG charts: grid lines with their tick
//! labels. Positions come in SVG user units (already mapped by a
//! `chart::LinearScale` or `LogScale`), labels as text (from `numfmt`).

use yew::prelude::*;

use crate::model::chart::tenths;

/// The plot area of a chart, in SVG user units: the whole `w` x `h` box and
/// the margins left for labels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub w: f64,
    pub h: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// Vertical grid lines across the plot, each labelled `gap` below it: in
/// the middle, but at the plot's left edge starting at its line and at the
/// right edge ending there, so an end label stays clear of the y axis's
/// labels and of the box.
pub fn x_axis(f: Frame, ticks: impl IntoIterator<Item = (f64, String)>, gap: f64) -> Html {
    ticks
        .into_iter()
        .map(|(x, label)| {
            let px = tenths(x);
            let anchor = if x <= f.left + 0.5 {
                "start"
            } else if x >= f.w - f.right - 0.5 {
                "end"
            } else {
                "middle"
            };
            html! {
                <g>
                    <line x1={px.clone()} x2={px.clone()} y1={tenths(f.top)} y2={tenths(f.h - f.bottom)} class="grid" />
                    <text x={px} y={tenths(f.h - f.bottom + gap)} text-anchor={anchor}>{label}</text>
                </g>
            }
        })
        .collect()
}

/// Horizontal grid lines across the plot, each labelled at its left.
pub fn y_axis(f: Frame, ticks: impl IntoIterator<Item = (f64, String)>) -> Html {
    ticks
        .into_iter()
        .map(|(y, label)| {
            let py = tenths(y);
            html! {
                <g>
                    <line x1={tenths(f.left)} x2={tenths(f.w - f.right)} y1={py.clone()} y2={py.clone()} class="grid" />
                    <text x={tenths(f.left - 6.0)} y={py} dy="4" text-anchor="end">{label}</text>
                </g>
            }
        })
        .collect()
}
