//! The model behind the "Moore's-law depreciation" chart: what a trained model
//! is worth as compute gets cheaper. Pure: std only (plus `chips` for the
//! source list); no float parsing or formatting (the URL codec is integer
//! fixed point).
//!
//! **Model.** Hardware price-performance (FLOP/s per dollar) doubles every
//! `T_hw` years, and the compute needed for a fixed capability halves every
//! `T_algo` months. Reproducing a model `dt` years after its release then costs
//! `C0 * 2^(-dt / T_hw) * 2^(-12 dt / T_algo)` (the second factor only while
//! algorithmic progress is counted), where `C0` is its amortized hardware and
//! energy cost (EPC). The same factor is the fraction of its replacement value
//! a trained model keeps ([`value_left`]); the half-life of that value is
//! `1 / (1/T_hw + 12/T_algo)` years. The frontier budget grows 2.4x per year
//! from GPT-4's cost in 2023, so the gap between the two lines is what staying
//! at the frontier costs.
//!
//! **Units.** Calendar time in years as `f64` (e.g. `2026.0`); `T_hw` in years;
//! `T_algo` in months; money in 2023 US dollars (Epoch AI's
//! inflation-adjusted figures). [`DepreciationSettings`] holds `T_hw` in
//! hundredths of a year and `T_algo` in tenths of a month, so the URL codec
//! needs integers only.
//!
//! **Data.** `data/trends.csv` and `data/models.csv` are compiled by `build.rs`
//! into `$OUT_DIR/depreciation_tables.rs` ([`TRENDS`], [`MODELS`]), included
//! here: the row types live in this module, so `chips` and its
//! `chips_tables.rs` know nothing of them. Each row's `source` holds keys of
//! [`crate::model::sources::SOURCES`]; the build fails on an unknown key, a missing
//! `as_of`, a wrong column count, or `low > value > high` in a trend.
//!
//! **Inputs are clamped, never trusted.** `T_hw` to 1..=5 years and `T_algo`
//! to 3..=36 months (the sliders' ranges; NaN gives the default), elapsed time
//! to 0..=[`MAX_ELAPSED_YEARS`] (NaN gives 0), calendar years to
//! 1900..=2100. Every function returns finite, positive numbers and never
//! panics; series have at most [`MAX_POINTS`] + 2 points.
//!
//! **URL keys:** `hw` (years, at most 2 decimals, 1–5), `algo` (months, at
//! most 1 decimal, 3–36), `years` (integer horizon, 1–14), `algo_on` (`0` or
//! `1`). Only values that differ from the defaults are written.

use crate::model::fixed::Fixed;
use crate::model::settings::{Field, Settings};
use crate::model::sources::{source, Source};
use crate::{fixed_field, flag_field};

/// A measured trend (one row of `data/trends.csv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trend {
    /// Stable id, e.g. `hw_doubling_years`.
    pub id: &'static str,
    /// The central figure, in `unit`.
    pub value: f64,
    /// Lower end of the sourced range, in `unit`; `None` where there is none.
    pub low: Option<f64>,
    /// Upper end of the sourced range, in `unit`; `None` where there is none.
    pub high: Option<f64>,
    /// e.g. `years`, `months`, `x per year`.
    pub unit: &'static str,
    /// Keys of `sources::SOURCES`, separated by spaces.
    pub source: &'static str,
    /// Date of the figure: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: &'static str,
    /// What the figures are (which is low, which is high); no commas.
    pub note: &'static str,
}

/// A trained model with a known training cost (one row of `data/models.csv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RefModel {
    /// Stable id, e.g. `gpt-4`.
    pub id: &'static str,
    /// Display name, e.g. `GPT-4`.
    pub name: &'static str,
    /// Year of release (the cost curve starts here).
    pub year: u16,
    /// Training compute in FLOP.
    pub train_flop: f64,
    /// Amortized hardware and energy cost of the final training run, 2023 USD.
    pub cost_amortized_usd: f64,
    /// The same run at cloud rental prices, 2023 USD.
    pub cost_cloud_usd: f64,
    /// Keys of `sources::SOURCES`, separated by spaces.
    pub source: &'static str,
    /// Date of the figures: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/depreciation_tables.rs"));

impl Trend {
    /// The sources of this row, in the order the row names them.
    pub fn sources(&self) -> impl Iterator<Item = &'static Source> {
        self.source.split(' ').filter_map(source)
    }
}

impl RefModel {
    /// The sources of this row, in the order the row names them.
    pub fn sources(&self) -> impl Iterator<Item = &'static Source> {
        self.source.split(' ').filter_map(source)
    }
}

/// The trend with this id.
pub fn trend(id: &str) -> Option<&'static Trend> {
    TRENDS.iter().find(|t| t.id == id)
}

/// The reference model with this id.
pub fn model(id: &str) -> Option<&'static RefModel> {
    MODELS.iter().find(|m| m.id == id)
}

/// The chart's calendar range, in years.
pub const YEARS: (u16, u16) = (2018, 2032);
/// Range of `DepreciationSettings::hw_hundredths` (1.00..=5.00 years).
pub const HW_HUNDREDTHS: Fixed = Fixed::new(2, 100, 500);
/// A coarser step through the hardware range (0.05 years), for tests that
/// walk the whole range; the page's slider moves by 0.01 years.
pub const HW_SLIDER_STEP: u32 = 5;
/// Range of `DepreciationSettings::algo_tenths` (3.0..=36.0 months).
pub const ALGO_TENTHS: Fixed = Fixed::new(1, 30, 360);
/// Range of `DepreciationSettings::years` (the horizon of `value_left`), in years.
pub const HORIZON_YEARS: Fixed = Fixed::new(0, 1, 14);
/// Elapsed times are clamped to 0..=this many years.
pub const MAX_ELAPSED_YEARS: f64 = 100.0;
/// Most grid points a series has (plus its two ends).
pub const MAX_POINTS: usize = 1000;

/// Trend ids the model reads.
const HW_TREND: &str = "hw_doubling_years";
const ALGO_TREND: &str = "algo_halving_months";
const FRONTIER_TREND: &str = "frontier_cost_growth_per_year";
/// The model the frontier line is anchored at.
const FRONTIER_ANCHOR: &str = "gpt-4";

/// Default `T_hw`: 2.46 years (all GPUs; `hw_doubling_years`).
const DEFAULT_HW: u32 = 246;
/// Default `T_algo`: 8 months (`algo_halving_months`).
const DEFAULT_ALGO: u32 = 80;
/// Default horizon, in years.
const DEFAULT_YEARS: u32 = 5;
/// Fallbacks should a data row be missing (the tests pin the data to them).
const FALLBACK_HW_BAND: (f64, f64) = (2.24, 2.72);
const FALLBACK_ALGO_BAND: (f64, f64) = (5.0, 14.0);
const FALLBACK_GROWTH: f64 = 2.4;
const FALLBACK_ANCHOR: (f64, f64) = (2023.0, 40.7e6);

/// `x` clamped to `lo..=hi`; `nan` when `x` is NaN. (`max`/`min` rather
/// than `f64::clamp`, whose panic message would pull Rust's float
/// formatting, ~15 KB, into the WebAssembly.)
fn clamp_or(x: f64, lo: f64, hi: f64, nan: f64) -> f64 {
    if x.is_nan() {
        nan
    } else {
        x.max(lo).min(hi)
    }
}

/// `T_hw` in years, clamped to the slider's range.
fn hw_clamped(hw_years: f64) -> f64 {
    let (lo, hi) = HW_HUNDREDTHS.range();
    clamp_or(
        hw_years,
        f64::from(lo) / 100.0,
        f64::from(hi) / 100.0,
        f64::from(DEFAULT_HW) / 100.0,
    )
}

/// `T_algo` in months, clamped to the slider's range.
fn algo_clamped(algo_months: f64) -> f64 {
    let (lo, hi) = ALGO_TENTHS.range();
    clamp_or(
        algo_months,
        f64::from(lo) / 10.0,
        f64::from(hi) / 10.0,
        f64::from(DEFAULT_ALGO) / 10.0,
    )
}

/// A calendar year clamped to 1900..=2100 (NaN gives `nan`).
fn year_clamped(year: f64, nan: f64) -> f64 {
    clamp_or(year, 1900.0, 2100.0, nan)
}

/// Factor by which the cost of a fixed capability falls in `dt_years`:
/// `2^(-dt/T_hw) * 2^(-12 dt/T_algo)` (the second factor only if `algo_on`).
/// Inputs are clamped (see the module docs); the result is in (0, 1].
pub fn cost_factor(dt_years: f64, hw_years: f64, algo_months: f64, algo_on: bool) -> f64 {
    let dt = clamp_or(dt_years, 0.0, MAX_ELAPSED_YEARS, 0.0);
    let mut halvings = dt / hw_clamped(hw_years);
    if algo_on {
        halvings += 12.0 * dt / algo_clamped(algo_months);
    }
    (-halvings).exp2()
}

/// Years for the cost of a fixed capability (and a trained model's
/// replacement value) to halve: `1 / (1/T_hw + 12/T_algo)`, or `T_hw` alone
/// when algorithms are off.
pub fn half_life_years(hw_years: f64, algo_months: f64, algo_on: bool) -> f64 {
    let rate = 1.0 / hw_clamped(hw_years)
        + if algo_on {
            12.0 / algo_clamped(algo_months)
        } else {
            0.0
        };
    1.0 / rate
}

/// Fraction of its replacement value a trained model keeps after `years`
/// (what it would cost to train again then, over what it cost): in (0, 1].
pub fn value_left(years: f64, hw_years: f64, algo_months: f64, algo_on: bool) -> f64 {
    cost_factor(years, hw_years, algo_months, algo_on)
}

/// Cost in USD of reproducing `model` in calendar `year` (amortized hardware
/// and energy): its cost times the cost factor since its release. `None`
/// before its release year or when `year` is NaN.
pub fn reproduce_cost(
    model: &RefModel,
    year: f64,
    hw_years: f64,
    algo_months: f64,
    algo_on: bool,
) -> Option<f64> {
    let start = f64::from(model.year);
    if year.is_nan() || year < start {
        return None;
    }
    let dt = year_clamped(year, start) - start;
    Some(model.cost_amortized_usd * cost_factor(dt, hw_years, algo_months, algo_on))
}

/// Amortized cost in USD of a frontier training run in calendar `year`:
/// growing 2.4x per year (`frontier_cost_growth_per_year`) from GPT-4's cost
/// in 2023. `year` is clamped to 1900..=2100 (NaN gives 2023).
pub fn frontier_budget(year: f64) -> f64 {
    let (y0, c0) = model(FRONTIER_ANCHOR).map_or(FALLBACK_ANCHOR, |m| {
        (f64::from(m.year), m.cost_amortized_usd)
    });
    let growth = trend(FRONTIER_TREND).map_or(FALLBACK_GROWTH, |t| t.value);
    c0 * growth.powf(year_clamped(year, y0) - y0)
}

/// A trend's sourced range (low, high), or `fallback` if the row or its ends
/// are missing.
fn trend_range(id: &str, fallback: (f64, f64)) -> (f64, f64) {
    trend(id)
        .and_then(|t| Some((t.low?, t.high?)))
        .unwrap_or(fallback)
}

/// The sourced range of `T_hw` in years: the 95% confidence interval of the
/// all-GPU doubling time, (2.24, 2.72) (Hobbhahn & Besiroglu 2022, table 1).
pub fn hw_band() -> (f64, f64) {
    trend_range(HW_TREND, FALLBACK_HW_BAND)
}

/// The sourced range of `T_algo` in months: the 95% CI (5, 14).
pub fn algo_band() -> (f64, f64) {
    trend_range(ALGO_TREND, FALLBACK_ALGO_BAND)
}

/// Uncertainty band in USD of the cost of reproducing `model` in `year`:
/// `lo` with the fastest decay within the 95% intervals (T_hw 2.24 years,
/// T_algo 5 months), `hi` with the slowest (2.72 years, 14 months); hardware alone when
/// `algo_on` is false. Before the release year (or for a NaN year) both ends
/// are the model's cost.
pub fn band(model: &RefModel, year: f64, algo_on: bool) -> (f64, f64) {
    let start = f64::from(model.year);
    let dt = year_clamped(year, start) - start;
    let ((hw_fast, hw_slow), (algo_fast, algo_slow)) = (hw_band(), algo_band());
    let c0 = model.cost_amortized_usd;
    (
        c0 * cost_factor(dt, hw_fast, algo_fast, algo_on),
        c0 * cost_factor(dt, hw_slow, algo_slow, algo_on),
    )
}

/// Years from `from` to `to` every `step` years, ending exactly at `to`.
/// Empty when an input is not finite, `step <= 0` or `to < from`; both ends
/// are clamped to 1900..=2100 and there are at most `MAX_POINTS` + 1 points.
fn grid(from: f64, to: f64, step: f64) -> Vec<f64> {
    if !(from.is_finite() && to.is_finite() && step.is_finite() && step > 0.0) {
        return Vec::new();
    }
    let (from, to) = (year_clamped(from, 0.0), year_clamped(to, 0.0));
    if to < from {
        return Vec::new();
    }
    // Finite and non-negative, so the cast is exact after `floor` (saturating).
    let n = (((to - from) / step).floor() as usize).min(MAX_POINTS);
    let mut out: Vec<f64> = (0..=n).map(|i| from + i as f64 * step).collect();
    match out.last() {
        Some(&last) if to - last > step * 1e-9 => out.push(to),
        Some(_) => {
            let len = out.len();
            out[len - 1] = to;
        }
        None => {}
    }
    out
}

/// (year, USD) points of the cost of reproducing `model` with `params`, from
/// `from_year` to `to_year` every `step` years; starts at the release year
/// when that falls inside the range, and has no points before it.
pub fn series(
    model: &RefModel,
    params: &DepreciationSettings,
    from_year: f64,
    to_year: f64,
    step: f64,
) -> Vec<(f64, f64)> {
    let p = params.clamped();
    let cost = |y: f64| reproduce_cost(model, y, p.hw_years(), p.algo_months(), p.algo_on);
    let start = f64::from(model.year);
    let mut years = grid(from_year, to_year, step);
    let starts_inside = !years.is_empty() && from_year < start && start <= to_year;
    years.retain(|&y| y >= start);
    if starts_inside && years.first().is_none_or(|&y| y > start) {
        years.insert(0, start);
    }
    years
        .into_iter()
        .filter_map(|y| cost(y).map(|c| (y, c)))
        .collect()
}

/// (year, USD) points of `frontier_budget`, from `from_year` to `to_year`
/// every `step` years.
pub fn frontier_series(from_year: f64, to_year: f64, step: f64) -> Vec<(f64, f64)> {
    grid(from_year, to_year, step)
        .into_iter()
        .map(|y| (y, frontier_budget(y)))
        .collect()
}

/// (year, lo USD, hi USD) points of `band`, on the same years as `series`.
pub fn band_series(
    model: &RefModel,
    algo_on: bool,
    from_year: f64,
    to_year: f64,
    step: f64,
) -> Vec<(f64, f64, f64)> {
    series(
        model,
        &DepreciationSettings::default(),
        from_year,
        to_year,
        step,
    )
    .into_iter()
    .map(|(y, _)| {
        let (lo, hi) = band(model, y, algo_on);
        (y, lo, hi)
    })
    .collect()
}

/// The depreciation panel's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DepreciationSettings {
    /// `T_hw`, hardware price-performance doubling time, in 1/100 years.
    pub hw_hundredths: u32,
    /// `T_algo`, algorithmic halving time, in 1/10 months.
    pub algo_tenths: u32,
    /// Horizon of `value_left`, in years.
    pub years: u32,
    /// Whether algorithmic progress is counted.
    pub algo_on: bool,
}

impl Default for DepreciationSettings {
    fn default() -> Self {
        DepreciationSettings {
            hw_hundredths: DEFAULT_HW,
            algo_tenths: DEFAULT_ALGO,
            years: DEFAULT_YEARS,
            algo_on: true,
        }
    }
}

impl DepreciationSettings {
    /// `T_hw` in years.
    pub fn hw_years(&self) -> f64 {
        f64::from(self.hw_hundredths) / 100.0
    }

    /// `T_algo` in months.
    pub fn algo_months(&self) -> f64 {
        f64::from(self.algo_tenths) / 10.0
    }

    /// Half-life of the cost of a fixed capability, in years.
    pub fn half_life_years(&self) -> f64 {
        half_life_years(self.hw_years(), self.algo_months(), self.algo_on)
    }

    /// Fraction of replacement value kept after `self.years` years.
    pub fn value_left(&self) -> f64 {
        value_left(
            f64::from(self.years),
            self.hw_years(),
            self.algo_months(),
            self.algo_on,
        )
    }

    /// Whether `T_hw` and `T_algo` lie within the sourced ranges (then the
    /// central curve lies within `band`).
    pub fn in_band(&self) -> bool {
        let ((h0, h1), (a0, a1)) = (hw_band(), algo_band());
        let (h, a) = (self.hw_years(), self.algo_months());
        h0 <= h && h <= h1 && (!self.algo_on || (a0 <= a && a <= a1))
    }
}

impl Settings for DepreciationSettings {
    const FIELDS: &'static [Field<Self>] = &[
        fixed_field!("hw", HW_HUNDREDTHS, hw_hundredths),
        fixed_field!("algo", ALGO_TENTHS, algo_tenths),
        fixed_field!("years", HORIZON_YEARS, years),
        flag_field!("algo_on", algo_on),
    ];
    /// The settings with each number clamped to its range.
    fn clamped(&self) -> Self {
        DepreciationSettings {
            hw_hundredths: HW_HUNDREDTHS.clamp(self.hw_hundredths),
            algo_tenths: ALGO_TENTHS.clamp(self.algo_tenths),
            years: HORIZON_YEARS.clamp(self.years),
            algo_on: self.algo_on,
        }
    }
    fn examples() -> Vec<Self> {
        vec![
            DepreciationSettings {
                hw_hundredths: 210,
                algo_tenths: 140,
                years: 3,
                algo_on: false,
            },
            DepreciationSettings {
                hw_hundredths: HW_HUNDREDTHS.max,
                algo_tenths: ALGO_TENTHS.min,
                years: HORIZON_YEARS.max,
                algo_on: true,
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixed::format_fixed;
    use crate::model::settings::DynSettings;
    use crate::model::settings::{keys, Settings};

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    fn gpt4() -> &'static RefModel {
        model("gpt-4").expect("gpt-4 in data/models.csv")
    }

    /// Every slider value of each parameter.
    fn hws() -> impl Iterator<Item = u32> {
        HW_HUNDREDTHS.min..=HW_HUNDREDTHS.max
    }
    fn algos() -> impl Iterator<Item = u32> {
        ALGO_TENTHS.min..=ALGO_TENTHS.max
    }

    #[test]
    fn hardware_alone_half_life_is_the_doubling_time() {
        assert_eq!(half_life_years(2.46, 8.0, false), 2.46);
        assert_eq!(
            DepreciationSettings {
                algo_on: false,
                ..DepreciationSettings::default()
            }
            .half_life_years(),
            2.46
        );
        // Half of the cost is left after one half-life.
        assert!(close(cost_factor(2.46, 2.46, 8.0, false), 0.5, 1e-12));
    }

    #[test]
    fn with_algorithms_half_life_is_about_six_months() {
        let h = half_life_years(2.46, 8.0, true);
        assert!((h - 0.524_520_3).abs() < 1e-6, "{h}");
        assert!(close(
            DepreciationSettings::default().half_life_years(),
            h,
            1e-15
        ));
        assert!(close(cost_factor(h, 2.46, 8.0, true), 0.5, 1e-12));
    }

    #[test]
    fn five_years_of_hardware_alone_leave_about_a_quarter() {
        // 2^(-5/2.46) = 2^(-2.0325) = 0.2444
        let v = value_left(5.0, 2.46, 8.0, false);
        assert!((v - 0.244_427_7).abs() < 1e-6, "{v}");
        assert_eq!(value_left(0.0, 2.46, 8.0, true), 1.0);
        let p = DepreciationSettings {
            algo_on: false,
            ..DepreciationSettings::default()
        };
        assert_eq!(p.value_left(), v);
    }

    #[test]
    fn value_left_is_monotone_over_every_slider_value() {
        for on in [false, true] {
            for hw in hws().step_by(HW_SLIDER_STEP as usize) {
                for algo in algos() {
                    let p = DepreciationSettings {
                        hw_hundredths: hw,
                        algo_tenths: algo,
                        years: 1,
                        algo_on: on,
                    };
                    let mut last = 1.0;
                    for years in HORIZON_YEARS.min..=HORIZON_YEARS.max {
                        let v = DepreciationSettings { years, ..p }.value_left();
                        assert!(v.is_finite() && v > 0.0 && v < last, "{p:?} {years}");
                        last = v;
                    }
                }
            }
            for years in HORIZON_YEARS.min..=HORIZON_YEARS.max {
                let at = |hw, algo| {
                    DepreciationSettings {
                        hw_hundredths: hw,
                        algo_tenths: algo,
                        years,
                        algo_on: on,
                    }
                    .value_left()
                };
                for algo in algos().step_by(5) {
                    for hw in hws().skip(1) {
                        assert!(
                            at(hw, algo) > at(hw - 1, algo),
                            "hw {hw} algo {algo} {years}y"
                        );
                    }
                }
                for hw in hws().step_by(5) {
                    for algo in algos().skip(1) {
                        let (a, b) = (at(hw, algo), at(hw, algo - 1));
                        assert!(
                            if on { a > b } else { a == b },
                            "hw {hw} algo {algo} {years}y"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn half_life_increases_with_hw_and_algo() {
        for hw in hws().skip(1) {
            for algo in algos().skip(1) {
                let h = |hw: u32, algo: u32| {
                    half_life_years(f64::from(hw) / 100.0, f64::from(algo) / 10.0, true)
                };
                assert!(h(hw, algo) > h(hw - 1, algo), "{hw} {algo}");
                assert!(h(hw, algo) > h(hw, algo - 1), "{hw} {algo}");
                assert!(h(hw, algo) < f64::from(hw) / 100.0);
            }
        }
    }

    #[test]
    fn gpt4_costs_about_three_quarters_of_a_million_to_reproduce_in_2026() {
        // dt = 3 years: 3/2.46 + 12*3/8 = 1.21951 + 4.5 = 5.71951 halvings;
        // 2^-5.71951 = 0.0189782; 40.7e6 * 0.0189782 = 772,413 USD.
        let p = DepreciationSettings::default();
        let c = reproduce_cost(gpt4(), 2026.0, p.hw_years(), p.algo_months(), p.algo_on);
        let c = c.expect("after release");
        assert!((c - 772_413.2).abs() < 1.0, "{c}");
        // Hardware alone: 40.7e6 * 2^(-3/2.46) = 40.7e6 * 0.429526 = 17.48M.
        let hw_only = reproduce_cost(gpt4(), 2026.0, 2.46, 8.0, false).expect("after release");
        assert!((hw_only - 17.481e6).abs() < 0.01e6, "{hw_only}");
        assert_eq!(
            reproduce_cost(gpt4(), 2023.0, 2.46, 8.0, true),
            Some(40.7e6)
        );
        assert_eq!(reproduce_cost(gpt4(), 2022.9, 2.46, 8.0, true), None);
        assert_eq!(reproduce_cost(gpt4(), f64::NAN, 2.46, 8.0, true), None);
    }

    #[test]
    fn band_holds_the_central_curve_for_sourced_params() {
        let ((h0, h1), (a0, a1)) = (hw_band(), algo_band());
        let hw_in = (h0 * 100.0).round() as u32..=(h1 * 100.0).round() as u32;
        let algo_in = (a0 * 10.0).round() as u32..=(a1 * 10.0).round() as u32;
        for m in MODELS {
            for on in [false, true] {
                for hw in hw_in.clone() {
                    for algo in algo_in.clone().step_by(5) {
                        let p = DepreciationSettings {
                            hw_hundredths: hw,
                            algo_tenths: algo,
                            years: 5,
                            algo_on: on,
                        };
                        assert!(p.in_band());
                        for y in (YEARS.0 * 4..=YEARS.1 * 4).map(|q| f64::from(q) / 4.0) {
                            let (lo, hi) = band(m, y, on);
                            assert!(lo > 0.0 && lo <= hi && hi.is_finite(), "{} {y}", m.id);
                            if let Some(c) = reproduce_cost(m, y, p.hw_years(), p.algo_months(), on)
                            {
                                let eps = 1e-12 * c;
                                assert!(lo - eps <= c && c <= hi + eps, "{} {y} {p:?}", m.id);
                            }
                        }
                    }
                }
            }
        }
        // Hand-worked: GPT-4 in 2026, 40.7e6 * 2^-(3/2.24 + 36/5) and 2^-(3/2.72 + 36/14).
        let (lo, hi) = band(gpt4(), 2026.0, true);
        assert!((lo - 109_399.0).abs() < 1.0, "{lo}");
        assert!((hi - 3_187_857.5).abs() < 1.0, "{hi}");
        assert_eq!(band(gpt4(), 2020.0, true), (40.7e6, 40.7e6));
        assert!(!DepreciationSettings {
            hw_hundredths: 100,
            ..DepreciationSettings::default()
        }
        .in_band());
    }

    #[test]
    fn frontier_budget_grows_2_4x_per_year_from_gpt4() {
        assert_eq!(frontier_budget(2023.0), 40.7e6);
        for y in YEARS.0..YEARS.1 {
            let y = f64::from(y);
            let r = frontier_budget(y + 1.0) / frontier_budget(y);
            assert!(close(r, 2.4, 1e-12), "{y} {r}");
        }
        assert!(close(frontier_budget(2025.0), 40.7e6 * 5.76, 1e-12));
        assert_eq!(frontier_budget(f64::NAN), 40.7e6);
    }

    #[test]
    fn everything_is_finite_for_any_input() {
        let odd = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1e300,
            -5.0,
            0.0,
            1e-300,
            0.5,
            2.46,
            1e300,
        ];
        for &a in &odd {
            assert!(
                frontier_budget(a).is_finite() && frontier_budget(a) > 0.0,
                "{a}"
            );
            for &b in &odd {
                for &c in &odd {
                    for on in [false, true] {
                        let f = cost_factor(a, b, c, on);
                        assert!(f.is_finite() && f > 0.0 && f <= 1.0, "{a} {b} {c}");
                        let h = half_life_years(b, c, on);
                        assert!(h.is_finite() && h > 0.0, "{b} {c}");
                        if let Some(r) = reproduce_cost(gpt4(), a, b, c, on) {
                            assert!(r.is_finite() && r > 0.0, "{a} {b} {c}");
                        }
                    }
                }
                let (lo, hi) = band(gpt4(), a, true);
                assert!(lo.is_finite() && hi.is_finite() && lo > 0.0);
                for s in [
                    series(gpt4(), &DepreciationSettings::default(), a, b, 0.25),
                    frontier_series(a, b, 0.5),
                ] {
                    assert!(s.len() <= MAX_POINTS + 2);
                    assert!(s
                        .iter()
                        .all(|(y, v)| y.is_finite() && v.is_finite() && *v > 0.0));
                }
                assert!(frontier_series(2020.0, 2030.0, a).len() <= MAX_POINTS + 2);
            }
        }
        let wild = DepreciationSettings {
            hw_hundredths: 0,
            algo_tenths: u32::MAX,
            years: 99,
            algo_on: true,
        };
        assert!(wild.clamped().value_left().is_finite());
        assert_eq!(
            wild.clamped(),
            DepreciationSettings {
                hw_hundredths: 100,
                algo_tenths: 360,
                years: 14,
                algo_on: true
            }
        );
    }

    #[test]
    fn series_start_at_release_and_end_at_the_last_year() {
        let (from, to) = (f64::from(YEARS.0), f64::from(YEARS.1));
        let p = DepreciationSettings::default();
        let s = series(gpt4(), &p, from, to, 1.0);
        assert_eq!(s.first(), Some(&(2023.0, 40.7e6)));
        assert_eq!(s.last().map(|v| v.0), Some(2032.0));
        assert_eq!(s.len(), 10);
        for (y, c) in &s {
            assert_eq!(Some(*c), reproduce_cost(gpt4(), *y, 2.46, 8.0, true));
        }
        // A step that misses the release year still starts the line there.
        let s = series(gpt4(), &p, 2018.0, 2024.0, 0.4);
        assert_eq!(s.first().map(|v| v.0), Some(2023.0));
        assert_eq!(s.last().map(|v| v.0), Some(2024.0));
        assert!(s.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 > w[1].1));
        // Frontier: every year of the chart.
        let f = frontier_series(from, to, 1.0);
        assert_eq!(f.len(), 15);
        assert_eq!(f[5], (2023.0, 40.7e6));
        let b = band_series(gpt4(), true, from, to, 1.0);
        assert_eq!(b.len(), 10);
        assert!(b
            .iter()
            .all(|&(y, lo, hi)| (lo, hi) == band(gpt4(), y, true)));
        // Degenerate ranges give no points.
        assert!(series(gpt4(), &p, 2030.0, 2020.0, 1.0).is_empty());
        assert!(frontier_series(2020.0, 2030.0, 0.0).is_empty());
        assert!(frontier_series(2020.0, 2030.0, -1.0).is_empty());
        assert!(series(gpt4(), &p, 2018.0, 2030.0, 0.0).is_empty());
        assert!(series(gpt4(), &p, 2018.0, 2030.0, f64::NAN).is_empty());
        assert!(series(gpt4(), &p, 2018.0, 2022.0, 1.0).is_empty());
    }

    #[test]
    fn defaults_give_no_params() {
        assert!(DepreciationSettings::default().pairs().is_empty());
        let mut p = DepreciationSettings::default();
        for (k, v) in [
            ("hw", "2.46"),
            ("algo", "8"),
            ("years", "5"),
            ("algo_on", "1"),
        ] {
            assert!(p.set(k, v));
        }
        assert_eq!(p, DepreciationSettings::default());
        assert!(p.pairs().is_empty());
    }

    #[test]
    fn every_valid_value_round_trips() {
        let check = |p: DepreciationSettings| {
            let mut q = DepreciationSettings::default();
            for (k, v) in p.pairs() {
                assert!(keys::<DepreciationSettings>().contains(&k));
                assert!(q.set(k, &v), "{k}={v}");
            }
            assert_eq!(q, p);
        };
        for hw in hws() {
            let p = DepreciationSettings {
                hw_hundredths: hw,
                ..DepreciationSettings::default()
            };
            check(p);
            let mut q = DepreciationSettings::default();
            assert!(q.set("hw", &format_fixed(hw, 2)));
            assert_eq!(q.hw_hundredths, hw);
        }
        for algo in algos() {
            check(DepreciationSettings {
                algo_tenths: algo,
                ..DepreciationSettings::default()
            });
        }
        for years in HORIZON_YEARS.min..=HORIZON_YEARS.max {
            check(DepreciationSettings {
                years,
                ..DepreciationSettings::default()
            });
        }
        check(DepreciationSettings {
            algo_on: false,
            ..DepreciationSettings::default()
        });
        let all = DepreciationSettings {
            hw_hundredths: 210,
            algo_tenths: 75,
            years: 10,
            algo_on: false,
        };
        assert_eq!(
            all.pairs(),
            [
                ("hw", "2.1".to_string()),
                ("algo", "7.5".to_string()),
                ("years", "10".to_string()),
                ("algo_on", "0".to_string())
            ]
        );
        check(all);
        let p = DepreciationSettings {
            hw_hundredths: 300,
            ..DepreciationSettings::default()
        };
        assert_eq!(p.pairs(), [("hw", "3".to_string())]);
    }

    #[test]
    fn malformed_values_are_rejected() {
        let bad = [
            "2.456", "abc", "-1", "0.5", "99", "1e2", "", " 2", "2.", ".5", "+2", "NaN",
        ];
        for key in ["hw", "algo", "years", "algo_on"] {
            for v in bad {
                let mut p = DepreciationSettings::default();
                assert!(!p.set(key, v), "{key}={v}");
                assert_eq!(p, DepreciationSettings::default(), "{key}={v}");
            }
        }
        let mut p = DepreciationSettings::default();
        for (k, v) in [
            ("hw", "0.99"),
            ("hw", "5.01"),
            ("algo", "2.9"),
            ("algo", "36.1"),
            ("algo", "8.05"),
            ("years", "0"),
            ("years", "15"),
            ("years", "5.5"),
            ("algo_on", "true"),
            ("algo_on", "2"),
            ("nope", "1"),
        ] {
            assert!(!p.set(k, v), "{k}={v}");
        }
        assert_eq!(p, DepreciationSettings::default());
        for (k, v) in [
            ("hw", "1"),
            ("hw", "5"),
            ("algo", "3"),
            ("algo", "36"),
            ("years", "1"),
            ("years", "14"),
        ] {
            assert!(p.set(k, v), "{k}={v}");
        }
    }

    #[test]
    fn defaults_and_band_come_from_the_data() {
        let hw = trend("hw_doubling_years").expect("hw trend");
        // The band is the 95% interval of the all-GPU figure, not the other
        // subsets' point estimates (2.07 ML GPUs, 2.95 top GPUs).
        assert_eq!((hw.value, hw.low, hw.high), (2.46, Some(2.24), Some(2.72)));
        assert!(hw.note.contains("95% confidence interval") && hw.note.contains("2.07"));
        assert_eq!(
            f64::from(DepreciationSettings::default().hw_hundredths) / 100.0,
            hw.value
        );
        let algo = trend("algo_halving_months").expect("algo trend");
        assert_eq!(
            (algo.value, algo.low, algo.high),
            (8.0, Some(5.0), Some(14.0))
        );
        assert_eq!(
            f64::from(DepreciationSettings::default().algo_tenths) / 10.0,
            algo.value
        );
        assert_eq!(
            (hw_band(), algo_band()),
            (FALLBACK_HW_BAND, FALLBACK_ALGO_BAND)
        );
        let growth = trend("frontier_cost_growth_per_year").expect("growth trend");
        assert_eq!(
            (growth.value, growth.low, growth.high),
            (FALLBACK_GROWTH, None, None)
        );
        let inf = trend("inference_price_fall_per_year").expect("inference trend");
        assert_eq!(
            (inf.value, inf.low, inf.high),
            (40.0, Some(9.0), Some(900.0))
        );
        assert_eq!(
            (f64::from(gpt4().year), gpt4().cost_amortized_usd),
            FALLBACK_ANCHOR
        );
        let (min, max) = (
            f64::from(HW_HUNDREDTHS.min) / 100.0,
            f64::from(HW_HUNDREDTHS.max) / 100.0,
        );
        assert!(min <= hw_band().0 && hw_band().1 <= max);
    }

    #[test]
    fn reference_models_hold_the_epc_figures() {
        let m =
            |id| model(id).map(|m| (m.year, m.train_flop, m.cost_amortized_usd, m.cost_cloud_usd));
        assert_eq!(m("gpt-3"), Some((2020, 3.14e23, 2.2e6, 4.3e6)));
        assert_eq!(m("gpt-4"), Some((2023, 2.1e25, 40.7e6, 78.6e6)));
        assert_eq!(m("llama-3.1-405b"), Some((2024, 3.8e25, 51.0e6, 170e6)));
        assert!(model("GPT-4").is_none() && trend("").is_none());
        for r in MODELS {
            assert!(YEARS.0 <= r.year && r.year <= YEARS.1, "{}", r.id);
            assert!(r.cost_amortized_usd < r.cost_cloud_usd, "{}", r.id);
        }
    }

    #[test]
    fn every_trend_and_model_cites_known_sources_and_a_date() {
        for (id, src, as_of) in TRENDS
            .iter()
            .map(|t| (t.id, t.source, t.as_of))
            .chain(MODELS.iter().map(|m| (m.id, m.source, m.as_of)))
        {
            assert!(!src.is_empty() && !as_of.is_empty(), "{id}");
            for key in src.split(' ') {
                assert!(source(key).is_some(), "{id}: unknown source {key}");
            }
        }
        for t in TRENDS {
            assert_eq!(t.sources().count(), t.source.split(' ').count(), "{}", t.id);
            assert!(t.low.is_none_or(|l| l <= t.value) && t.high.is_none_or(|h| h >= t.value));
        }
        for m in MODELS {
            assert_eq!(m.sources().count(), m.source.split(' ').count(), "{}", m.id);
        }
        let ids: Vec<&str> = TRENDS
            .iter()
            .map(|t| t.id)
            .chain(MODELS.iter().map(|m| m.id))
            .collect();
        for (i, a) in ids.iter().enumerate() {
            assert!(!ids[i + 1..].contains(a), "{a}");
        }
    }
}
