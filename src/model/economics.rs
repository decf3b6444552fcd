//! Rent or buy a GPU: the model behind the economics panel (the notes'
//! "self-built is not much cheaper"). Pure: std, [`crate::model::chips`] and
//! [`crate::model::bandwidth`] (rack size); the URL codec is integer fixed point.
//!
//! **Method** (Epoch AI, `cost_analysis_standalone.py`, EPC):
//! - installed cost = GPU price x 1.64 (the rest of the server) / (1 - 0.19)
//!   (cluster interconnect is 19% of the cluster's cost);
//! - capital per hour = installed / (life years x 8760), straight-line over
//!   every wall-clock hour of the life;
//! - power = TDP x 1.82 (server share per GPU) x 0.75 (average draw) x PUE;
//!   energy per hour = power kW x USD per kWh, also paid every wall-clock
//!   hour (the method's average draw does not fall when the GPU idles);
//! - own cost per **used** GPU-hour = (capital/h + energy/h) / utilization;
//! - break-even utilization = (capital/h + energy/h) / rent: above it, owning
//!   is cheaper. When it exceeds 100% owning never wins ([`BreakEven::Never`]).
//!
//! Staff, space, financing, failures and resale value are not counted.
//!
//! **Cumulative cost** for the chart ([`cumulative_series`]): owning pays the
//! installed cost at t = 0, then energy every hour; renting pays rent for the
//! used hours only (life x 8760 x utilization). Their crossing is
//! [`payback_years`].
//!
//! **Units.** Money in nominal US dollars; time in hours or years (8760 hours);
//! power in W or kW; energy in kWh; utilization as a share in (0, 1].
//!
//! **Data.** `data/prices.csv` ([`PRICES`]) and `data/rentals.csv`
//! ([`RENTALS`]) are compiled by `build.rs` into
//! `$OUT_DIR/economics_tables.rs`; a price for a chip that is not in
//! `data/chips.csv` fails the build.
//!
//! **URL keys:** `price` (USD, integer, 1000–1000000), `life` (years, 1
//! decimal, 1–10), `util` (percent, integer, 1–100), `kwh` (USD per kWh, 3
//! decimals, 0.001–1), `pue` (2 decimals, 1–3), `tdp` (W, integer, 50–3000),
//! `rent` (USD per GPU-hour, 2 decimals, 0.01–100). Defaults: the worked
//! example of the facts, $25,000, 5 years, **100% utilization** (so the page
//! opens on the ~$1.25/h figure; utilization is the slider to move), $0.08,
//! PUE 1.25, 700 W, rent $2.50 (H100 at smaller clouds).

use crate::fixed_field;
use crate::model::bandwidth::GB200_NVL72;
use crate::model::chips::{chip, Chip, Precision};
use crate::model::fixed::Fixed;
use crate::model::settings::{Field, Settings};
use crate::model::sources::{source, Source};

/// A purchase price (one row of `data/prices.csv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Price {
    /// Id of a row of `data/chips.csv`.
    pub chip: &'static str,
    /// USD per GPU.
    pub price_usd: f64,
    /// `purchase`.
    pub kind: &'static str,
    /// Keys of `sources::SOURCES`, separated by spaces.
    pub source: &'static str,
    /// Date of the price.
    pub as_of: &'static str,
    /// Range and basis of the price; no commas.
    pub note: &'static str,
}

/// A rental price (one row of `data/rentals.csv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rental {
    /// Stable id, e.g. `small-cloud`.
    pub id: &'static str,
    /// English label, e.g. `H100 at smaller clouds (on demand)`.
    pub label: &'static str,
    /// USD per GPU-hour.
    pub usd_per_hour: f64,
    /// Keys of `sources::SOURCES`, separated by spaces.
    pub source: &'static str,
    /// Date of the price.
    pub as_of: &'static str,
    /// Range or basis; no commas.
    pub note: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/economics_tables.rs"));

impl Price {
    /// The sources of this row.
    pub fn sources(&self) -> impl Iterator<Item = &'static Source> {
        self.source.split(' ').filter_map(source)
    }
}

impl Rental {
    /// The sources of this row.
    pub fn sources(&self) -> impl Iterator<Item = &'static Source> {
        self.source.split(' ').filter_map(source)
    }
}

/// The purchase price of the chip with this id.
pub fn price(chip_id: &str) -> Option<&'static Price> {
    PRICES.iter().find(|p| p.chip == chip_id)
}

/// The rental row with this id.
pub fn rental(id: &str) -> Option<&'static Rental> {
    RENTALS.iter().find(|r| r.id == id)
}

/// Server cost over GPU cost (non-GPU parts of a server).
pub const SERVER_FACTOR: f64 = 1.64;
/// Share of a cluster's cost that is its interconnect.
pub const INTERCONNECT_SHARE: f64 = 0.19;
/// Server power per GPU over the GPU's TDP.
pub const SERVER_POWER_FACTOR: f64 = 1.82;
/// Average draw as a share of peak.
pub const AVERAGE_DRAW: f64 = 0.75;
/// Hours in a year.
pub const HOURS_PER_YEAR: f64 = 8760.0;

/// Non-negative and finite, at most 1e15 (NaN gives 0).
fn clean(x: f64) -> f64 {
    if x > 0.0 {
        x.min(1e15)
    } else {
        0.0
    }
}

/// At least `lo` (NaN gives `lo`), at most 1e15.
fn at_least(x: f64, lo: f64) -> f64 {
    if x >= lo {
        x.min(1e15)
    } else {
        lo
    }
}

/// Installed cost in USD of a GPU bought at `price_usd`: x 1.64 / (1 - 0.19).
pub fn installed_cost(price_usd: f64) -> f64 {
    clean(price_usd) * SERVER_FACTOR / (1.0 - INTERCONNECT_SHARE)
}

/// Capital cost per wall-clock hour: installed cost over the life's hours
/// (life at least 0.1 year).
pub fn capital_per_hour(price_usd: f64, life_years: f64) -> f64 {
    installed_cost(price_usd) / (at_least(life_years, 0.1) * HOURS_PER_YEAR)
}

/// Average power drawn for one GPU, kW: TDP x 1.82 x 0.75 x PUE / 1000
/// (PUE at least 1).
pub fn power_kw(tdp_w: f64, pue: f64) -> f64 {
    clean(tdp_w) * SERVER_POWER_FACTOR * AVERAGE_DRAW * at_least(pue, 1.0) / 1000.0
}

/// Energy cost per wall-clock hour, USD.
pub fn energy_per_hour(tdp_w: f64, pue: f64, usd_per_kwh: f64) -> f64 {
    power_kw(tdp_w, pue) * clean(usd_per_kwh)
}

/// Energy one GPU uses in a year, kWh.
pub fn yearly_energy_kwh(tdp_w: f64, pue: f64) -> f64 {
    power_kw(tdp_w, pue) * HOURS_PER_YEAR
}

/// Energy of one GB200 NVL72-sized rack (72 GPUs) in a year, kWh.
pub fn rack_yearly_energy_kwh(tdp_w: f64, pue: f64) -> f64 {
    yearly_energy_kwh(tdp_w, pue) * f64::from(GB200_NVL72.gpus)
}

/// Whether and where owning becomes cheaper than renting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BreakEven {
    /// Owning is cheaper above this utilization (a share in (0, 1]).
    At(f64),
    /// Owning costs more than renting even at 100% utilization.
    Never,
}

/// Range of `EconomicsSettings::price_usd`.
pub const PRICE_USD: Fixed = Fixed::new(0, 1000, 1_000_000);
/// Range of `EconomicsSettings::life_tenths` (1.0..=10.0 years).
pub const LIFE_TENTHS: Fixed = Fixed::new(1, 10, 100);
/// Range of `EconomicsSettings::util_tenths` (0.1..=100.0 percent).
pub const UTIL_TENTHS: Fixed = Fixed::new(1, 1, 1000);
/// Range of `EconomicsSettings::kwh_thousandths` ($0.001..=$1.000).
pub const KWH_THOUSANDTHS: Fixed = Fixed::new(3, 1, 1000);
/// Range of `EconomicsSettings::pue_hundredths` (1.00..=3.00).
pub const PUE_HUNDREDTHS: Fixed = Fixed::new(2, 100, 300);
/// Range of `EconomicsSettings::tdp_w`.
pub const TDP_W: Fixed = Fixed::new(0, 50, 3000);
/// Range of `EconomicsSettings::rent_cents` ($0.01..=$100).
pub const RENT_CENTS: Fixed = Fixed::new(2, 1, 10_000);

/// The economics panel's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EconomicsSettings {
    /// GPU purchase price, USD.
    pub price_usd: u32,
    /// Life, 1/10 years.
    pub life_tenths: u32,
    /// Utilization, 1/10 percent of wall-clock hours used.
    pub util_tenths: u32,
    /// Electricity, 1/1000 USD per kWh.
    pub kwh_thousandths: u32,
    /// PUE, hundredths.
    pub pue_hundredths: u32,
    /// GPU TDP, W.
    pub tdp_w: u32,
    /// Rent, US cents per GPU-hour.
    pub rent_cents: u32,
}

impl Default for EconomicsSettings {
    fn default() -> Self {
        EconomicsSettings {
            price_usd: 25_000,
            life_tenths: 50,
            util_tenths: 1000,
            kwh_thousandths: 80,
            pue_hundredths: 125,
            tdp_w: 700,
            rent_cents: 250,
        }
    }
}

impl EconomicsSettings {
    /// The settings with each number clamped to its range.
    pub fn clamp(self) -> EconomicsSettings {
        EconomicsSettings {
            price_usd: PRICE_USD.clamp(self.price_usd),
            life_tenths: LIFE_TENTHS.clamp(self.life_tenths),
            util_tenths: UTIL_TENTHS.clamp(self.util_tenths),
            kwh_thousandths: KWH_THOUSANDTHS.clamp(self.kwh_thousandths),
            pue_hundredths: PUE_HUNDREDTHS.clamp(self.pue_hundredths),
            tdp_w: TDP_W.clamp(self.tdp_w),
            rent_cents: RENT_CENTS.clamp(self.rent_cents),
        }
    }

    /// Purchase price, USD.
    pub fn price(&self) -> f64 {
        f64::from(self.clamp().price_usd)
    }
    /// Life, years.
    pub fn life_years(&self) -> f64 {
        f64::from(self.clamp().life_tenths) / 10.0
    }
    /// Utilization, a share in (0, 1].
    pub fn utilization(&self) -> f64 {
        f64::from(self.clamp().util_tenths) / 1000.0
    }
    /// Electricity, USD per kWh.
    pub fn usd_per_kwh(&self) -> f64 {
        f64::from(self.clamp().kwh_thousandths) / 1000.0
    }
    /// PUE.
    pub fn pue(&self) -> f64 {
        f64::from(self.clamp().pue_hundredths) / 100.0
    }
    /// TDP, W.
    pub fn tdp(&self) -> f64 {
        f64::from(self.clamp().tdp_w)
    }
    /// Rent, USD per GPU-hour.
    pub fn rent(&self) -> f64 {
        f64::from(self.clamp().rent_cents) / 100.0
    }

    /// Installed cost, USD.
    pub fn installed(&self) -> f64 {
        installed_cost(self.price())
    }
    /// Capital cost per wall-clock hour, USD.
    pub fn capital_per_hour(&self) -> f64 {
        capital_per_hour(self.price(), self.life_years())
    }
    /// Energy cost per wall-clock hour, USD.
    pub fn energy_per_hour(&self) -> f64 {
        energy_per_hour(self.tdp(), self.pue(), self.usd_per_kwh())
    }
    /// Owning's cost per wall-clock hour (capital + energy), USD.
    pub fn own_per_hour(&self) -> f64 {
        self.capital_per_hour() + self.energy_per_hour()
    }
    /// Owning's cost per **used** GPU-hour, USD: per wall-clock hour over
    /// utilization.
    pub fn own_per_used_hour(&self) -> f64 {
        self.own_per_hour() / self.utilization()
    }
    /// Where owning becomes cheaper than renting.
    pub fn break_even(&self) -> BreakEven {
        let share = self.own_per_hour() / self.rent();
        if share <= 1.0 {
            BreakEven::At(share)
        } else {
            BreakEven::Never
        }
    }
    /// Whether owning is cheaper than renting at this utilization.
    pub fn owning_wins(&self) -> bool {
        self.own_per_used_hour() < self.rent()
    }
    /// Energy cost of one GPU per year, USD.
    pub fn yearly_energy_usd(&self) -> f64 {
        yearly_energy_kwh(self.tdp(), self.pue()) * self.usd_per_kwh()
    }
    /// Energy cost of a 72-GPU rack per year, USD.
    pub fn rack_yearly_energy_usd(&self) -> f64 {
        rack_yearly_energy_kwh(self.tdp(), self.pue()) * self.usd_per_kwh()
    }
    /// Owning's cost of one GPU per year (capital + energy), USD.
    pub fn yearly_own_usd(&self) -> f64 {
        self.own_per_hour() * HOURS_PER_YEAR
    }
}

/// Years after purchase at which renting has cost as much as owning:
/// installed / (8760 x (rent x utilization - energy/h)). `None` when renting
/// the used hours costs no more per wall-clock hour than the energy alone
/// (owning never catches up). May exceed the life.
pub fn payback_years(p: &EconomicsSettings) -> Option<f64> {
    let margin = p.rent() * p.utilization() - p.energy_per_hour();
    if margin > 0.0 {
        Some(p.installed() / (HOURS_PER_YEAR * margin))
    } else {
        None
    }
}

/// One point of the cumulative-cost chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostPoint {
    /// Years since purchase.
    pub years: f64,
    /// Owning: installed cost + energy so far, USD.
    pub own_usd: f64,
    /// Renting the used hours so far, USD.
    pub rent_usd: f64,
}

/// Cumulative costs of owning and renting, monthly from 0 to the life
/// (at most 121 points; the last one is the end of the life).
pub fn cumulative_series(p: &EconomicsSettings) -> Vec<CostPoint> {
    let life = p.life_years();
    let (installed, energy, rent_h) = (
        p.installed(),
        p.energy_per_hour(),
        p.rent() * p.utilization(),
    );
    let at = |years: f64| {
        let hours = years * HOURS_PER_YEAR;
        CostPoint {
            years,
            own_usd: installed + energy * hours,
            rent_usd: rent_h * hours,
        }
    };
    let months = p.clamp().life_tenths * 12 / 10;
    let mut out: Vec<CostPoint> = (0..=months).map(|m| at(f64::from(m) / 12.0)).collect();
    if out.last().is_some_and(|l| l.years < life) {
        out.push(at(life));
    }
    out
}

/// A chip's purchase price per dense TFLOP/s.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DollarsPerTflops {
    pub chip: &'static Chip,
    pub price: &'static Price,
    /// The rate used: BF16, or FP16 on chips without BF16 (V100).
    pub precision: Precision,
    /// Dense TFLOP/s at `precision`.
    pub tflops: f64,
    /// USD per dense TFLOP/s.
    pub usd_per_tflops: f64,
}

/// USD per dense TFLOP/s of every priced chip, oldest chip first (ties in
/// table order): price over the BF16 rate, or the FP16 tensor rate where the
/// chip has no BF16 (V100; `precision` says which). Chips with neither are
/// left out.
pub fn dollars_per_tflops() -> Vec<DollarsPerTflops> {
    let mut out: Vec<DollarsPerTflops> = Vec::new();
    for p in PRICES {
        let Some(c) = chip(p.chip) else { continue };
        let pick = [Precision::Bf16, Precision::Fp16]
            .into_iter()
            .find_map(|pr| c.rate(pr).tflops().map(|t| (pr, t)));
        if let Some((precision, tflops)) = pick {
            // Insert after every chip of the same or an earlier year (stable).
            let at = out
                .iter()
                .position(|d| d.chip.year > c.year)
                .unwrap_or(out.len());
            out.insert(
                at,
                DollarsPerTflops {
                    chip: c,
                    price: p,
                    precision,
                    tflops,
                    usd_per_tflops: p.price_usd / tflops,
                },
            );
        }
    }
    out
}

/// Installed cost over GPU price: 1.64 / (1 - 0.19), about 2.02. The part
/// above 1 is what the notes' "savings in CPU, memory, interconnect" are
/// about (the rest of the server and the cluster network).
pub fn installed_factor() -> f64 {
    SERVER_FACTOR / (1.0 - INTERCONNECT_SHARE)
}

/// The TDP of a chip in W, rounded to a whole watt, when published (TPUs
/// and B300 have none in `data/chips.csv`).
pub fn chip_tdp_w(chip_id: &str) -> Option<u32> {
    chip(chip_id)
        .and_then(|c| c.tdp_w)
        .filter(|w| w.is_finite() && *w >= 1.0)
        .map(|w| w.round().min(f64::from(u32::MAX)) as u32)
}

impl EconomicsSettings {
    /// These settings with the price of `p` and, where the chip's TDP is
    /// published, its TDP (each clamped to its URL range).
    pub fn with_price(self, p: &Price) -> EconomicsSettings {
        let price_usd = to_units(p.price_usd, 1.0, PRICE_USD.range());
        let tdp_w = chip_tdp_w(p.chip).map_or(self.tdp_w, |w| w.clamp(TDP_W.min, TDP_W.max));
        EconomicsSettings {
            price_usd,
            tdp_w,
            ..self
        }
    }

    /// These settings with the rent `usd_per_hour`, rounded to cents (clamped
    /// to its URL range).
    pub fn with_rent(self, usd_per_hour: f64) -> EconomicsSettings {
        EconomicsSettings {
            rent_cents: to_units(usd_per_hour, 100.0, RENT_CENTS.range()),
            ..self
        }
    }

    /// Owning's cost per used GPU-hour if the GPU were the whole bill (no
    /// server factor, no interconnect share), USD: what the 1.64 and the 19%
    /// add shows as the difference to [`Self::own_per_used_hour`].
    pub fn gpu_only_per_used_hour(&self) -> f64 {
        (clean(self.price()) / (self.life_years() * HOURS_PER_YEAR) + self.energy_per_hour())
            / self.utilization()
    }

    /// Renting's cost over owning's, per used GPU-hour: above 1 owning is
    /// cheaper (2 = renting costs twice as much).
    pub fn rent_over_own(&self) -> f64 {
        self.rent() / self.own_per_used_hour()
    }

    /// Average power of a 72-GPU rack, kW.
    pub fn rack_power_kw(&self) -> f64 {
        power_kw(self.tdp(), self.pue()) * f64::from(GB200_NVL72.gpus)
    }
}

/// `x` in units of `1 / scale`, rounded, clamped to `range` (NaN gives the
/// lower end).
fn to_units(x: f64, scale: f64, (lo, hi): (u32, u32)) -> u32 {
    let v = (x * scale).round();
    if v >= f64::from(hi) {
        hi
    } else if v >= f64::from(lo) {
        v as u32
    } else {
        lo
    }
}

/// How price per chip and price per dense TFLOP/s moved between two priced
/// chips (the notes' "price flat while compute doubles").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PriceTrend {
    pub from: DollarsPerTflops,
    pub to: DollarsPerTflops,
    /// Newer chip's price over the older one's.
    pub price_ratio: f64,
    /// Newer chip's dense TFLOP/s over the older one's.
    pub tflops_ratio: f64,
    /// Older chip's USD per TFLOP/s over the newer one's (how many times cheaper).
    pub per_tflops_fall: f64,
}

/// The trend from chip `from` to chip `to` (ids of priced chips).
pub fn price_trend(from: &str, to: &str) -> Option<PriceTrend> {
    let d = dollars_per_tflops();
    let get = |id: &str| d.iter().find(|x| x.chip.id == id).copied();
    let (a, b) = (get(from)?, get(to)?);
    Some(PriceTrend {
        from: a,
        to: b,
        price_ratio: b.price.price_usd / a.price.price_usd,
        tflops_ratio: b.tflops / a.tflops,
        per_tflops_fall: a.usd_per_tflops / b.usd_per_tflops,
    })
}

impl Settings for EconomicsSettings {
    const FIELDS: &'static [Field<Self>] = &[
        fixed_field!("price", PRICE_USD, price_usd),
        fixed_field!("life", LIFE_TENTHS, life_tenths),
        fixed_field!("util", UTIL_TENTHS, util_tenths),
        fixed_field!("kwh", KWH_THOUSANDTHS, kwh_thousandths),
        fixed_field!("pue", PUE_HUNDREDTHS, pue_hundredths),
        fixed_field!("tdp", TDP_W, tdp_w),
        fixed_field!("rent", RENT_CENTS, rent_cents),
    ];
    fn clamped(&self) -> Self {
        self.clamp()
    }
    fn examples() -> Vec<Self> {
        vec![
            EconomicsSettings {
                price_usd: 30_000,
                life_tenths: 40,
                util_tenths: 625,
                kwh_thousandths: 120,
                pue_hundredths: 110,
                tdp_w: 1000,
                rent_cents: 486,
            },
            EconomicsSettings {
                price_usd: PRICE_USD.max,
                life_tenths: LIFE_TENTHS.min,
                util_tenths: UTIL_TENTHS.min,
                kwh_thousandths: KWH_THOUSANDTHS.max,
                pue_hundredths: PUE_HUNDREDTHS.max,
                tdp_w: TDP_W.min,
                rent_cents: RENT_CENTS.max,
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::settings::{keys, Settings};

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn worked_example_25k_gpu_5_years_is_1_25_per_hour() {
        let p = EconomicsSettings::default();
        assert!(close(p.installed(), 50_617.28, 0.01), "{}", p.installed());
        assert!(close(p.capital_per_hour(), 1.15565, 1e-5));
        // 700 W x 1.82 x 0.75 x 1.25 = 1.194 kW, at $0.08.
        assert!(close(power_kw(700.0, 1.25), 1.194375, 1e-12));
        assert!(close(p.energy_per_hour(), 0.09555, 1e-12));
        assert!(
            close(p.own_per_used_hour(), 1.2512, 1e-4),
            "{}",
            p.own_per_used_hour()
        );
    }

    #[test]
    fn three_years_is_about_2_per_hour() {
        let mut p = EconomicsSettings::default();
        assert!(p.set("life", "3"));
        assert!(
            close(p.own_per_used_hour(), 2.022, 1e-3),
            "{}",
            p.own_per_used_hour()
        );
    }

    #[test]
    fn break_even_against_2_50_rent_is_about_half() {
        let p = EconomicsSettings::default();
        match p.break_even() {
            BreakEven::At(s) => assert!(close(s, 0.5005, 1e-4), "{s}"),
            BreakEven::Never => panic!("should break even"),
        }
        assert!(p.owning_wins());
        let mut q = p;
        assert!(q.set("util", "50"));
        assert!(!q.owning_wins(), "at 50% owning costs 2.502 > 2.50");
        assert!(q.set("util", "51"));
        assert!(q.owning_wins());
    }

    #[test]
    fn break_even_never_when_owning_costs_more_than_rent_at_full_use() {
        let mut p = EconomicsSettings::default();
        assert!(p.set("rent", "1"));
        assert_eq!(p.break_even(), BreakEven::Never);
        assert!(!p.owning_wins());
        // Against hyperscaler on-demand prices owning wins easily.
        assert!(p.set("rent", "11.06"));
        assert!(matches!(p.break_even(), BreakEven::At(s) if s < 0.12));
    }

    #[test]
    fn yearly_energy_per_gpu_and_per_rack() {
        let p = EconomicsSettings::default();
        assert!(close(yearly_energy_kwh(700.0, 1.25), 10_462.725, 1e-6));
        assert!(close(p.yearly_energy_usd(), 837.018, 1e-3));
        assert!(close(p.rack_yearly_energy_usd(), 72.0 * 837.018, 0.1));
        assert!(close(p.yearly_own_usd(), p.own_per_hour() * 8760.0, 1e-9));
    }

    #[test]
    fn cumulative_series_starts_at_the_installed_cost_and_ends_at_the_life() {
        let p = EconomicsSettings::default();
        let s = cumulative_series(&p);
        assert_eq!(s.len(), 61);
        assert_eq!(s[0].years, 0.0);
        assert_eq!((s[0].own_usd, s[0].rent_usd), (p.installed(), 0.0));
        let last = s[s.len() - 1];
        assert_eq!(last.years, 5.0);
        assert!(close(last.rent_usd, 2.5 * 43_800.0, 1e-6));
        assert!(close(last.own_usd, p.own_per_hour() * 43_800.0, 1e-6));
        assert!(s.windows(2).all(|w| w[0].years < w[1].years));
        // An odd life ends exactly at the life.
        let mut q = p;
        assert!(q.set("life", "1.1"));
        let s = cumulative_series(&q);
        assert_eq!(s.len(), 15, "0..=13 months, then 1.1 years");
        assert_eq!(s[s.len() - 1].years, 1.1);
    }

    #[test]
    fn payback_is_where_the_lines_cross() {
        let p = EconomicsSettings::default();
        let t = payback_years(&p).expect("pays back");
        let hours = t * HOURS_PER_YEAR;
        let own = p.installed() + p.energy_per_hour() * hours;
        assert!(close(own, p.rent() * hours, 1e-6));
        assert!(t < p.life_years());
        let mut q = p;
        assert!(q.set("rent", "0.05"));
        assert_eq!(payback_years(&q), None);
    }

    #[test]
    fn dollars_per_tflops_fall_across_nvidia_generations() {
        let d = dollars_per_tflops();
        let get = |id: &str| d.iter().find(|x| x.chip.id == id).expect(id);
        let v100 = get("v100");
        assert_eq!(v100.precision, Precision::Fp16);
        assert_eq!(v100.tflops, 125.0);
        assert!(close(v100.usd_per_tflops, 149.0, 1e-9));
        assert_eq!(get("a100").precision, Precision::Bf16);
        let ids = ["v100", "a100", "h100", "b200"];
        let usd: Vec<f64> = ids.iter().map(|id| get(id).usd_per_tflops).collect();
        assert!(usd.windows(2).all(|w| w[0] > w[1]), "{usd:?}");
        // While the price per chip rises.
        let prices: Vec<f64> = ids.iter().map(|id| get(id).price.price_usd).collect();
        assert!(prices.windows(2).all(|w| w[0] < w[1]), "{prices:?}");
        assert!(d.windows(2).all(|w| w[0].chip.year <= w[1].chip.year));
        assert_eq!(d.len(), PRICES.len());
    }

    #[test]
    fn price_and_rental_rows_are_sourced_and_known() {
        for p in PRICES {
            assert!(chip(p.chip).is_some(), "{}", p.chip);
            assert_eq!(p.sources().count(), p.source.split(' ').count());
            assert!(!p.as_of.is_empty() && p.kind == "purchase");
        }
        for r in RENTALS {
            assert_eq!(r.sources().count(), r.source.split(' ').count());
        }
        assert_eq!(price("h100").map(|p| p.price_usd), Some(30_000.0));
        assert_eq!(price("mi300x").map(|p| p.as_of), Some("2025-02"));
        assert_eq!(rental("gcp-3yr").map(|r| r.usd_per_hour), Some(4.86));
        assert_eq!(rental("aws-on-demand").map(|r| r.usd_per_hour), Some(12.29));
        // The default rent is the smaller clouds' price.
        assert_eq!(
            rental("small-cloud").map(|r| r.usd_per_hour),
            Some(EconomicsSettings::default().rent())
        );
    }

    #[test]
    fn params_round_trip_through_the_url() {
        let mut p = EconomicsSettings::default();
        for (k, v) in [
            ("price", "30000"),
            ("life", "3.5"),
            ("util", "70"),
            ("kwh", "0.125"),
            ("pue", "1.1"),
            ("tdp", "1000"),
            ("rent", "11.06"),
        ] {
            assert!(p.set(k, v), "{k}={v}");
        }
        let out = p.pairs();
        let written: Vec<&str> = out.iter().map(|kv| kv.0).collect();
        assert_eq!(written, keys::<EconomicsSettings>());
        assert_eq!(out[3], ("kwh", "0.125".to_string()));
        assert_eq!(out[4], ("pue", "1.1".to_string()));
        let mut q = EconomicsSettings::default();
        for (k, v) in &out {
            assert!(q.set(k, v), "{k}={v}");
        }
        assert_eq!(p, q);
        assert!(EconomicsSettings::default().pairs().is_empty());
        assert_eq!(p.utilization(), 0.7);
        assert_eq!(p.usd_per_kwh(), 0.125);
    }

    #[test]
    fn malformed_or_out_of_range_values_are_refused_without_change() {
        let d = EconomicsSettings::default();
        let mut p = d;
        for (k, v) in [
            ("price", "999"),
            ("price", "1000001"),
            ("price", "25000.5"),
            ("price", "25,000"),
            ("life", "0.9"),
            ("life", "10.1"),
            ("life", "5.25"),
            ("util", "0"),
            ("util", "101"),
            ("util", "70%"),
            ("kwh", "0"),
            ("kwh", "1.001"),
            ("kwh", "0.0801"),
            ("kwh", ".08"),
            ("pue", "0.99"),
            ("pue", "3.01"),
            ("pue", "1.255"),
            ("tdp", "49"),
            ("tdp", "3001"),
            ("rent", "0"),
            ("rent", "100.01"),
            ("rent", "2.505"),
            ("rent", "-2"),
            ("rent", "NaN"),
            ("rent", ""),
            ("hw", "2"),
        ] {
            assert!(!p.set(k, v), "{k}={v}");
            assert_eq!(p, d, "{k}={v}");
        }
    }

    #[test]
    fn every_combination_of_range_ends_gives_finite_numbers() {
        let ends = [
            PRICE_USD,
            LIFE_TENTHS,
            UTIL_TENTHS,
            KWH_THOUSANDTHS,
            PUE_HUNDREDTHS,
            TDP_W,
            RENT_CENTS,
        ];
        for mask in 0u32..(1 << ends.len()) {
            let e = |i: usize| {
                if mask & (1 << i) == 0 {
                    ends[i].min
                } else {
                    ends[i].max
                }
            };
            let p = EconomicsSettings {
                price_usd: e(0),
                life_tenths: e(1),
                util_tenths: e(2),
                kwh_thousandths: e(3),
                pue_hundredths: e(4),
                tdp_w: e(5),
                rent_cents: e(6),
            };
            let nums = [
                p.installed(),
                p.capital_per_hour(),
                p.energy_per_hour(),
                p.own_per_used_hour(),
                p.yearly_energy_usd(),
                p.rack_yearly_energy_usd(),
                payback_years(&p).unwrap_or(0.0),
            ];
            assert!(nums.iter().all(|x| x.is_finite() && *x >= 0.0), "{p:?}");
            if let BreakEven::At(s) = p.break_even() {
                assert!(s > 0.0 && s <= 1.0);
            }
            let s = cumulative_series(&p);
            assert!(s.len() <= 122 && s.len() >= 13);
            assert!(s
                .iter()
                .all(|c| c.own_usd.is_finite() && c.rent_usd.is_finite()));
        }
        // Out-of-range fields are clamped, never divide by zero.
        let z = EconomicsSettings {
            price_usd: 0,
            life_tenths: 0,
            util_tenths: 0,
            kwh_thousandths: 0,
            pue_hundredths: 0,
            tdp_w: 0,
            rent_cents: 0,
        };
        assert!(z.own_per_used_hour().is_finite());
        assert!(capital_per_hour(f64::NAN, 0.0).is_finite());
        assert!(energy_per_hour(f64::INFINITY, f64::NAN, -1.0).is_finite());
    }

    #[test]
    fn installed_factor_is_about_2_02() {
        assert!(close(installed_factor(), 2.024_691, 1e-6));
        let p = EconomicsSettings::default();
        assert!(close(p.installed(), p.price() * installed_factor(), 1e-9));
        // Without the server factor and the interconnect share the worked
        // example costs about $0.67 per hour instead of $1.25.
        assert!(
            close(p.gpu_only_per_used_hour(), 0.66633, 1e-5),
            "{}",
            p.gpu_only_per_used_hour()
        );
    }

    #[test]
    fn a_price_preset_sets_price_and_the_chips_tdp() {
        let d = EconomicsSettings::default();
        let b200 = price("b200").expect("b200");
        let q = d.with_price(b200);
        assert_eq!((q.price_usd, q.tdp_w), (47_000, 1000));
        assert_eq!(q.rent_cents, d.rent_cents);
        let v100 = d.with_price(price("v100").expect("v100"));
        assert_eq!((v100.price_usd, v100.tdp_w), (18_625, 300));
        assert_eq!(chip_tdp_w("tpu-v5p"), None);
        assert_eq!(chip_tdp_w("b300"), None);
        assert_eq!(chip_tdp_w("mi300x"), Some(750));
    }

    #[test]
    fn a_rent_preset_rounds_to_cents_and_moves_the_break_even() {
        let d = EconomicsSettings::default();
        assert_eq!(d.with_rent(11.06).rent_cents, 1106);
        assert_eq!(d.with_rent(4.86).rent_cents, 486);
        assert_eq!(d.with_rent(f64::NAN).rent_cents, RENT_CENTS.min);
        assert_eq!(d.with_rent(1e9).rent_cents, RENT_CENTS.max);
        let q = d.with_rent(11.06);
        match q.break_even() {
            BreakEven::At(s) => assert!(close(s, 1.2512 / 11.06, 1e-5), "{s}"),
            BreakEven::Never => panic!("breaks even"),
        }
        assert!(close(d.rent_over_own(), 2.5 / 1.2512, 1e-4));
        assert!(close(q.rent_over_own(), 11.06 / 1.2512, 1e-3));
    }

    #[test]
    fn rack_power_is_72_gpus() {
        let p = EconomicsSettings::default();
        assert!(close(p.rack_power_kw(), 72.0 * 1.194_375, 1e-9));
    }

    #[test]
    fn price_per_chip_rose_while_price_per_tflops_fell() {
        let t = price_trend("v100", "b200").expect("both priced");
        assert!(close(t.price_ratio, 47_000.0 / 18_625.0, 1e-12));
        assert!(close(t.tflops_ratio, 18.0, 1e-12));
        assert!(close(t.per_tflops_fall, 149.0 / (47_000.0 / 2250.0), 1e-9));
        assert!(t.price_ratio > 2.0 && t.per_tflops_fall > 7.0);
        assert_eq!(price_trend("v100", "tpu-v5p"), None);
    }
}
