//! Rent or buy a GPU: the model behind the rent-vs-buy and resources panels
//! (the notes' "self-built is not much cheaper"). Pure: std and other model
//! modules; the URL codec is integer fixed point.
//!
//! **Method** (Epoch AI, `cost_analysis_standalone.py`, EPC), per GPU:
//! - hardware = the price, times the server overhead 1.64 (Epoch's average;
//!   1.66 for A100, 1.69 for V100) **only when the price is for the GPU
//!   alone** ([`Basis::Gpu`]); a per-GPU share of a server or board
//!   ([`Basis::Server`], every server preset) already holds the rest of the
//!   server;
//! - write-off per hour, Epoch's way ([`Amort::Epoch`], the default):
//!   hardware x 0.14 x ln 10 / 8766: the hardware loses value at the pace of
//!   ML GPU price-performance (0.14 orders of magnitude a year, about 32 % of
//!   its price a year; Epoch's `ML_GPU_PRICE_PERFORMANCE_OOMS_PER_YEAR`);
//!   or the accounting view ([`Amort::Line`]): hardware / (life x 8766);
//! - capital per hour = write-off / (1 - 0.19): the cluster interconnect
//!   adds 0.19 / 0.81 of the hardware;
//! - power = TDP x the chip's server power factor (H100 1.82 = (10.2 kW / 8)
//!   / 0.7 kW; A100 2.03; V100 1.67; other GPUs 1.8) x 0.75 (average draw) x
//!   PUE; energy per hour = power kW x USD per kWh, paid every wall-clock hour;
//! - own cost per **used** GPU-hour = (capital/h + energy/h) / utilization;
//! - break-even utilization = (capital/h + energy/h) / rent: above it, owning
//!   is cheaper. When it exceeds 100% owning never wins ([`BreakEven::Never`]).
//!
//! Staff, space, financing, failures, data transfer to and from a cloud
//! (egress) and storage are not counted.
//!
//! **Cumulative cost** for the chart ([`cumulative_series`]): with Epoch's
//! write-off owning accrues capital and energy hour by hour from zero; with
//! the straight line it pays the installed cost (hardware / 0.81) at t = 0,
//! then energy every hour. Renting pays rent for the used hours only. With
//! the straight line their crossing is [`payback_years`].
//!
//! **Units.** Money in US dollars; time in hours or years (8766 hours, 365.25
//! days, as Epoch counts); power in W or kW; energy in kWh; utilization as a
//! share in (0, 1].
//!
//! **Data.** `data/prices.csv` ([`PRICES`], each price with its [`Basis`]),
//! `data/rentals.csv` ([`RENTALS`]) and `data/server_power.csv`
//! ([`SERVER_POWER`]) are compiled by `build.rs` into
//! `$OUT_DIR/economics_tables.rs`; a row naming a chip that is not in
//! `data/chips.csv` fails the build. The write-off rate is the trend
//! `ml_gpu_ooms_per_year` of `data/trends.csv`.
//!
//! **URL keys:** `price` (USD, integer, 1000–1000000), `basis` (`gpu` or
//! `server`), `amort` (`epoch` or `line`), `life` (years, 1 decimal, 1–10;
//! used by `amort=line`), `util` (percent, 1 decimal, 0.1–100), `kwh` (USD
//! per kWh, 3 decimals, 0.001–1), `pue` (2 decimals, 1–3), `tdp` (W,
//! integer, 50–3000), `power` (server power factor, 2 decimals, 1–3), `rent`
//! (USD per GPU-hour, 2 decimals, 0.01–100). Defaults: the H100 server share
//! of `data/prices.csv` ($30,000, `basis=server`), `amort=epoch`, 5 years,
//! **100% utilization** (utilization is the slider to move), $0.08, PUE
//! 1.25, 700 W, factor 1.82, rent $2.50 (H100 at a smaller cloud).

use crate::model::bandwidth::GB200_NVL72;
use crate::model::chips::{chip, Chip, Precision};
use crate::model::depreciation::trend;
use crate::model::fixed::Fixed;
use crate::model::settings::{Field, Settings};
use crate::model::sources::{source, Source};
use crate::{enum_field, fixed_field};

/// A purchase price (one row of `data/prices.csv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Price {
    /// Id of a row of `data/chips.csv`.
    pub chip: &'static str,
    /// USD per GPU.
    pub price_usd: f64,
    /// `purchase`.
    pub kind: &'static str,
    /// What the price buys: the GPU alone, or its share of a server.
    pub basis: Basis,
    /// Keys of `sources::SOURCES`, separated by spaces.
    pub source: &'static str,
    /// Date of the price.
    pub as_of: &'static str,
    /// Range and basis of the price.
    pub note: &'static str,
}

/// What a price buys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Basis {
    /// The GPU alone (a single-unit price): the rest of the server is added
    /// (x [`SERVER_OVERHEAD`]).
    Gpu,
    /// A per-GPU share of a server or board (DGX / 8, HGX): nothing is added.
    #[default]
    Server,
}

impl Basis {
    /// The value in the link: `gpu`, `server`.
    pub fn id(self) -> &'static str {
        match self {
            Basis::Gpu => "gpu",
            Basis::Server => "server",
        }
    }
}

/// How the hardware is written off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Amort {
    /// Epoch AI's: value lost at the pace of ML GPU price-performance.
    #[default]
    Epoch,
    /// Straight line over the life (the accounting view).
    Line,
}

impl Amort {
    /// The value in the link: `epoch`, `line`.
    pub fn id(self) -> &'static str {
        match self {
            Amort::Epoch => "epoch",
            Amort::Line => "line",
        }
    }
}

/// A chip's server power factor (one row of `data/server_power.csv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServerPower {
    /// Id of a row of `data/chips.csv`.
    pub chip: &'static str,
    /// Server power per GPU over the GPU's TDP.
    pub factor: f64,
    /// Keys of `sources::SOURCES`, separated by spaces.
    pub source: &'static str,
    pub as_of: &'static str,
    /// How the factor is derived.
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
    /// Range or basis.
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

impl ServerPower {
    /// The sources of this row.
    pub fn sources(&self) -> impl Iterator<Item = &'static Source> {
        self.source.split(' ').filter_map(source)
    }
}

/// The price of a server share of the chip with this id (the basis that
/// compares across chips), or its only price.
pub fn price(chip_id: &str) -> Option<&'static Price> {
    let of_chip = || PRICES.iter().filter(move |p| p.chip == chip_id);
    of_chip()
        .find(|p| p.basis == Basis::Server)
        .or_else(|| of_chip().next())
}

/// The server power row of the chip with this id.
pub fn server_power(chip_id: &str) -> Option<&'static ServerPower> {
    SERVER_POWER.iter().find(|p| p.chip == chip_id)
}

/// The rental row with this id.
pub fn rental(id: &str) -> Option<&'static Rental> {
    RENTALS.iter().find(|r| r.id == id)
}

/// Server cost over GPU cost, Epoch's average (`get_server_cost_overhead`:
/// 1.66 for A100, 1.69 for V100): applied to [`Basis::Gpu`] prices only.
pub const SERVER_OVERHEAD: f64 = 1.64;
/// Share of a cluster's cost that is its interconnect.
pub const INTERCONNECT_SHARE: f64 = 0.19;
/// Epoch's server power factor for GPUs without a row of their own.
pub const DEFAULT_POWER_FACTOR: f64 = 1.8;
/// Average draw as a share of peak.
pub const AVERAGE_DRAW: f64 = 0.75;
/// Hours in a year (365.25 days, as Epoch counts them).
pub const HOURS_PER_YEAR: f64 = 8766.0;

/// ML GPU price-performance in orders of magnitude a year (0.14, the trend
/// `ml_gpu_ooms_per_year` of `data/trends.csv`).
pub fn ml_gpu_ooms_per_year() -> f64 {
    trend("ml_gpu_ooms_per_year").map_or(0.14, |t| t.value)
}

/// Share of the hardware's price written off per year with Epoch's method:
/// 0.14 x ln 10 = 0.322 (a replacement rate of k x ln 10 for hardware that
/// improves by k orders of magnitude a year).
pub fn epoch_write_off_per_year() -> f64 {
    ml_gpu_ooms_per_year() * std::f64::consts::LN_10
}

/// Years for ML GPU price-performance to double at Epoch's rate:
/// log10(2) / 0.14 = 2.15.
pub fn epoch_doubling_years() -> f64 {
    std::f64::consts::LOG10_2 / ml_gpu_ooms_per_year()
}

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

/// Hardware cost in USD of a price on `basis`: a bare GPU's price x 1.64,
/// a server share as it is.
pub fn hardware_cost(price_usd: f64, basis: Basis) -> f64 {
    match basis {
        Basis::Gpu => clean(price_usd) * SERVER_OVERHEAD,
        Basis::Server => clean(price_usd),
    }
}

/// Installed cost: hardware with its share of the cluster interconnect,
/// hardware / (1 - 0.19).
pub fn installed_cost(hardware_usd: f64) -> f64 {
    clean(hardware_usd) / (1.0 - INTERCONNECT_SHARE)
}

/// Capital cost per wall-clock hour, USD: the installed cost written off
/// with `amort` (the life, at least 0.1 year, counts for `Amort::Line` only).
pub fn capital_per_hour(hardware_usd: f64, amort: Amort, life_years: f64) -> f64 {
    installed_cost(hardware_usd) * write_off_per_year(amort, life_years) / HOURS_PER_YEAR
}

/// Share of the hardware written off per year with `amort` (the life, at
/// least 0.1 year, counts for `Amort::Line` only).
pub fn write_off_per_year(amort: Amort, life_years: f64) -> f64 {
    match amort {
        Amort::Epoch => epoch_write_off_per_year(),
        Amort::Line => 1.0 / at_least(life_years, 0.1),
    }
}

/// Average power drawn for one GPU, kW: TDP x server power factor x 0.75 x
/// PUE / 1000 (factor and PUE at least 1).
pub fn power_kw(tdp_w: f64, factor: f64, pue: f64) -> f64 {
    clean(tdp_w) * at_least(factor, 1.0) * AVERAGE_DRAW * at_least(pue, 1.0) / 1000.0
}

/// Energy cost per wall-clock hour, USD.
pub fn energy_per_hour(tdp_w: f64, factor: f64, pue: f64, usd_per_kwh: f64) -> f64 {
    power_kw(tdp_w, factor, pue) * clean(usd_per_kwh)
}

/// Energy one GPU uses in a year, kWh.
pub fn yearly_energy_kwh(tdp_w: f64, factor: f64, pue: f64) -> f64 {
    power_kw(tdp_w, factor, pue) * HOURS_PER_YEAR
}

/// Energy of one GB200 NVL72-sized rack (72 GPUs) in a year, kWh.
pub fn rack_yearly_energy_kwh(tdp_w: f64, factor: f64, pue: f64) -> f64 {
    yearly_energy_kwh(tdp_w, factor, pue) * f64::from(GB200_NVL72.gpus)
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
/// Range of `EconomicsSettings::power_hundredths` (1.00..=3.00).
pub const POWER_HUNDREDTHS: Fixed = Fixed::new(2, 100, 300);
/// The chip whose server price is the default.
pub const DEFAULT_CHIP: &str = "h100";

/// The settings of the rent-vs-buy and resources panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EconomicsSettings {
    /// Purchase price per GPU, USD.
    pub price_usd: u32,
    /// What the price buys.
    pub basis: Basis,
    /// How the hardware is written off.
    pub amort: Amort,
    /// Life, 1/10 years (the straight line's).
    pub life_tenths: u32,
    /// Utilization, 1/10 percent of wall-clock hours used.
    pub util_tenths: u32,
    /// Electricity, 1/1000 USD per kWh.
    pub kwh_thousandths: u32,
    /// PUE, hundredths.
    pub pue_hundredths: u32,
    /// GPU TDP, W.
    pub tdp_w: u32,
    /// Server power per GPU over its TDP, hundredths.
    pub power_hundredths: u32,
    /// Rent, US cents per GPU-hour.
    pub rent_cents: u32,
}

impl Default for EconomicsSettings {
    fn default() -> Self {
        let price = price(DEFAULT_CHIP);
        EconomicsSettings {
            price_usd: price.map_or(30_000, |p| PRICE_USD.clamp(p.price_usd.round() as u32)),
            basis: price.map_or(Basis::Server, |p| p.basis),
            amort: Amort::Epoch,
            life_tenths: 50,
            util_tenths: 1000,
            kwh_thousandths: 80,
            pue_hundredths: 125,
            tdp_w: 700,
            power_hundredths: 182,
            rent_cents: 250,
        }
    }
}

impl EconomicsSettings {
    /// Purchase price, USD.
    pub fn price(&self) -> f64 {
        f64::from(self.clamped().price_usd)
    }
    /// Life, years.
    pub fn life_years(&self) -> f64 {
        f64::from(self.clamped().life_tenths) / 10.0
    }
    /// Utilization, a share in (0, 1].
    pub fn utilization(&self) -> f64 {
        f64::from(self.clamped().util_tenths) / 1000.0
    }
    /// Electricity, USD per kWh.
    pub fn usd_per_kwh(&self) -> f64 {
        f64::from(self.clamped().kwh_thousandths) / 1000.0
    }
    /// PUE.
    pub fn pue(&self) -> f64 {
        f64::from(self.clamped().pue_hundredths) / 100.0
    }
    /// TDP, W.
    pub fn tdp(&self) -> f64 {
        f64::from(self.clamped().tdp_w)
    }
    /// Server power factor.
    pub fn power_factor(&self) -> f64 {
        POWER_HUNDREDTHS.value(self.power_hundredths)
    }
    /// Rent, USD per GPU-hour.
    pub fn rent(&self) -> f64 {
        f64::from(self.clamped().rent_cents) / 100.0
    }

    /// Hardware cost, USD: the price, with the rest of the server added
    /// when the price is for the GPU alone.
    pub fn hardware(&self) -> f64 {
        hardware_cost(self.price(), self.basis)
    }
    /// Installed cost (hardware and its interconnect share), USD.
    pub fn installed(&self) -> f64 {
        installed_cost(self.hardware())
    }
    /// Capital cost per wall-clock hour, USD.
    pub fn capital_per_hour(&self) -> f64 {
        capital_per_hour(self.hardware(), self.amort, self.life_years())
    }
    /// Average power of one GPU with its server share, kW.
    pub fn power_kw(&self) -> f64 {
        power_kw(self.tdp(), self.power_factor(), self.pue())
    }
    /// Energy cost per wall-clock hour, USD.
    pub fn energy_per_hour(&self) -> f64 {
        self.power_kw() * self.usd_per_kwh()
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
    /// Energy one GPU uses in a year, kWh.
    pub fn yearly_energy_kwh(&self) -> f64 {
        yearly_energy_kwh(self.tdp(), self.power_factor(), self.pue())
    }
    /// Energy of a 72-GPU rack in a year, kWh.
    pub fn rack_yearly_energy_kwh(&self) -> f64 {
        rack_yearly_energy_kwh(self.tdp(), self.power_factor(), self.pue())
    }
    /// Energy cost of one GPU per year, USD.
    pub fn yearly_energy_usd(&self) -> f64 {
        self.yearly_energy_kwh() * self.usd_per_kwh()
    }
    /// Energy cost of a 72-GPU rack per year, USD.
    pub fn rack_yearly_energy_usd(&self) -> f64 {
        self.rack_yearly_energy_kwh() * self.usd_per_kwh()
    }
    /// Owning's cost of one GPU per year (capital + energy), USD.
    pub fn yearly_own_usd(&self) -> f64 {
        self.own_per_hour() * HOURS_PER_YEAR
    }
}

/// With the straight line: years after purchase at which renting has cost
/// as much as owning, installed / (8766 x (rent x utilization - energy/h)).
/// `None` with Epoch's write-off (owning pays no lump up front, so the two
/// costs start together and never cross), and when renting the used hours
/// costs no more per wall-clock hour than the energy alone (owning never
/// catches up). May exceed the life.
pub fn payback_years(p: &EconomicsSettings) -> Option<f64> {
    let margin = p.rent() * p.utilization() - p.energy_per_hour();
    if p.amort == Amort::Line && margin > 0.0 {
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
    /// Owning so far, USD: with the straight line the installed cost and
    /// the energy; with Epoch's write-off the capital and energy per hour.
    pub own_usd: f64,
    /// Renting the used hours so far, USD.
    pub rent_usd: f64,
}

/// Cumulative costs of owning and renting, monthly from 0 to the life
/// (at most 121 points; the last one is the end of the life).
pub fn cumulative_series(p: &EconomicsSettings) -> Vec<CostPoint> {
    let life = p.life_years();
    let (installed, energy, rent_h) = match p.amort {
        Amort::Line => (
            p.installed(),
            p.energy_per_hour(),
            p.rent() * p.utilization(),
        ),
        Amort::Epoch => (0.0, p.own_per_hour(), p.rent() * p.utilization()),
    };
    let at = |years: f64| {
        let hours = years * HOURS_PER_YEAR;
        CostPoint {
            years,
            own_usd: installed + energy * hours,
            rent_usd: rent_h * hours,
        }
    };
    let months = p.clamped().life_tenths * 12 / 10;
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

/// USD per dense TFLOP/s of every chip with a server-share price (the basis
/// that compares across chips), oldest chip first (ties in table order):
/// price over the BF16 rate, or the FP16 tensor rate where the chip has no
/// BF16 (V100; `precision` says which). Chips with neither are left out.
pub fn dollars_per_tflops() -> Vec<DollarsPerTflops> {
    let mut out: Vec<DollarsPerTflops> = Vec::new();
    for p in PRICES.iter().filter(|p| p.basis == Basis::Server) {
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

/// Installed cost over a bare GPU's price: 1.64 / (1 - 0.19), about 2.02:
/// the rest of the server (CPUs, memory, the server's own network) and the
/// cluster interconnect.
pub fn installed_factor() -> f64 {
    SERVER_OVERHEAD / (1.0 - INTERCONNECT_SHARE)
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
    /// These settings with the price of `p` and its basis, and where the
    /// chip's TDP is published, its TDP and its server power factor (each
    /// clamped to its URL range).
    pub fn with_price(self, p: &Price) -> EconomicsSettings {
        EconomicsSettings {
            price_usd: to_units(p.price_usd, 1.0, PRICE_USD.range()),
            basis: p.basis,
            ..self.with_chip(p.chip).unwrap_or(self)
        }
    }

    /// These settings with the TDP of the chip with this id and its server
    /// power factor (Epoch's 1.8 for a GPU without a row of its own), each
    /// clamped to its URL range; `None` when the chip publishes no TDP.
    pub fn with_chip(self, chip_id: &str) -> Option<EconomicsSettings> {
        let tdp = chip_tdp_w(chip_id)?;
        let factor = server_power(chip_id).map_or(DEFAULT_POWER_FACTOR, |s| s.factor);
        Some(EconomicsSettings {
            tdp_w: TDP_W.clamp(tdp),
            power_hundredths: to_units(factor, 100.0, POWER_HUNDREDTHS.range()),
            ..self
        })
    }

    /// These settings with the rent `usd_per_hour`, rounded to cents (clamped
    /// to its URL range).
    pub fn with_rent(self, usd_per_hour: f64) -> EconomicsSettings {
        EconomicsSettings {
            rent_cents: to_units(usd_per_hour, 100.0, RENT_CENTS.range()),
            ..self
        }
    }

    /// The GPU's own part of the hardware cost, USD: a bare GPU's price, or a
    /// server share over 1.64 (Epoch's split of a server's cost).
    pub fn gpu_part(&self) -> f64 {
        match self.basis {
            Basis::Gpu => clean(self.price()),
            Basis::Server => clean(self.price()) / SERVER_OVERHEAD,
        }
    }

    /// Owning's cost per used GPU-hour if the GPU chip were the whole bill
    /// (no rest of the server, no interconnect share), USD: the difference to
    /// [`Self::own_per_used_hour`] is what the CPUs, memory, server network
    /// and cluster interconnect cost.
    pub fn gpu_only_per_used_hour(&self) -> f64 {
        let per_year = write_off_per_year(self.amort, self.life_years());
        (self.gpu_part() * per_year / HOURS_PER_YEAR + self.energy_per_hour()) / self.utilization()
    }

    /// Renting's cost over owning's, per used GPU-hour: above 1 owning is
    /// cheaper (2 = renting costs twice as much).
    pub fn rent_over_own(&self) -> f64 {
        self.rent() / self.own_per_used_hour()
    }

    /// Average power of a 72-GPU rack, kW.
    pub fn rack_power_kw(&self) -> f64 {
        self.power_kw() * f64::from(GB200_NVL72.gpus)
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
        enum_field!("basis", [Basis::Gpu, Basis::Server], basis),
        enum_field!("amort", [Amort::Epoch, Amort::Line], amort),
        fixed_field!("life", LIFE_TENTHS, life_tenths),
        fixed_field!("util", UTIL_TENTHS, util_tenths),
        fixed_field!("kwh", KWH_THOUSANDTHS, kwh_thousandths),
        fixed_field!("pue", PUE_HUNDREDTHS, pue_hundredths),
        fixed_field!("tdp", TDP_W, tdp_w),
        fixed_field!("power", POWER_HUNDREDTHS, power_hundredths),
        fixed_field!("rent", RENT_CENTS, rent_cents),
    ];
    /// The settings with each number clamped to its range.
    fn clamped(&self) -> Self {
        EconomicsSettings {
            price_usd: PRICE_USD.clamp(self.price_usd),
            life_tenths: LIFE_TENTHS.clamp(self.life_tenths),
            util_tenths: UTIL_TENTHS.clamp(self.util_tenths),
            kwh_thousandths: KWH_THOUSANDTHS.clamp(self.kwh_thousandths),
            pue_hundredths: PUE_HUNDREDTHS.clamp(self.pue_hundredths),
            tdp_w: TDP_W.clamp(self.tdp_w),
            power_hundredths: POWER_HUNDREDTHS.clamp(self.power_hundredths),
            rent_cents: RENT_CENTS.clamp(self.rent_cents),
            ..*self
        }
    }
    fn examples() -> Vec<Self> {
        vec![
            EconomicsSettings {
                price_usd: 25_000,
                basis: Basis::Gpu,
                amort: Amort::Line,
                life_tenths: 40,
                util_tenths: 625,
                kwh_thousandths: 120,
                pue_hundredths: 110,
                tdp_w: 1000,
                power_hundredths: 203,
                rent_cents: 486,
            },
            EconomicsSettings {
                price_usd: PRICE_USD.max,
                basis: Basis::Server,
                amort: Amort::Epoch,
                life_tenths: LIFE_TENTHS.min,
                util_tenths: UTIL_TENTHS.min,
                kwh_thousandths: KWH_THOUSANDTHS.max,
                pue_hundredths: PUE_HUNDREDTHS.max,
                tdp_w: TDP_W.min,
                power_hundredths: POWER_HUNDREDTHS.max,
                rent_cents: RENT_CENTS.max,
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::settings::keys;
    use crate::model::settings::DynSettings;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// The hand-worked case: an H100 at $30,000 (a server share), Epoch's
    /// write-off, 100 % use, 700 W, factor 1.82, PUE 1.25, $0.08/kWh.
    /// Capital: 30000 x 0.14 x ln 10 / 8766 / (1 - 0.19)
    ///        = 30000 x 0.322362 / 8766 / 0.81 = 9670.86 / 8766 / 0.81 = $1.3620/h;
    /// energy: 700 x 1.82 x 0.75 x 1.25 / 1000 x 0.08 = 1.194375 kW x 0.08 = $0.09555/h;
    /// total $1.4576/h.
    #[test]
    fn worked_example_h100_server_share_epoch_write_off_is_1_46_per_hour() {
        let p = EconomicsSettings::default();
        assert_eq!(
            (p.price_usd, p.basis, p.amort),
            (30_000, Basis::Server, Amort::Epoch)
        );
        assert!(close(epoch_write_off_per_year(), 0.322_362, 1e-6));
        assert!(
            close(p.hardware(), 30_000.0, 1e-9),
            "no x1.64 on a server share"
        );
        assert!(close(p.installed(), 37_037.037, 1e-3));
        assert!(
            close(p.capital_per_hour(), 1.3620, 1e-4),
            "{}",
            p.capital_per_hour()
        );
        assert!(close(
            p.capital_per_hour(),
            30_000.0 * 0.14 * std::f64::consts::LN_10 / 8766.0 / 0.81,
            1e-12
        ));
        assert!(close(power_kw(700.0, 1.82, 1.25), 1.194375, 1e-12));
        assert!(close(p.energy_per_hour(), 0.09555, 1e-12));
        assert!(
            close(p.own_per_used_hour(), 1.4576, 1e-4),
            "{}",
            p.own_per_used_hour()
        );
    }

    #[test]
    fn a_bare_gpu_price_gets_the_rest_of_the_server_and_a_server_share_does_not() {
        let mut p = EconomicsSettings::default();
        assert!(p.set("price", "25000") && p.set("basis", "gpu"));
        assert!(close(p.hardware(), 25_000.0 * 1.64, 1e-9));
        assert!(close(
            p.capital_per_hour(),
            41_000.0 / 0.81 * 0.322_361_913 / 8766.0,
            1e-6
        ));
        assert!(
            close(p.own_per_used_hour(), 1.95696, 1e-5),
            "{}",
            p.own_per_used_hour()
        );
        assert!(p.set("basis", "server"));
        assert!(close(p.hardware(), 25_000.0, 1e-9));
    }

    #[test]
    fn the_straight_line_spreads_the_installed_cost_over_the_life() {
        let mut p = EconomicsSettings::default();
        assert!(p.set("amort", "line"));
        // 30000 / 0.81 / (5 x 8766) = $0.8450/h; + $0.09555 = $0.9406/h.
        assert!(
            close(p.capital_per_hour(), 0.845_016, 1e-6),
            "{}",
            p.capital_per_hour()
        );
        assert!(close(p.own_per_used_hour(), 0.940_566, 1e-6));
        assert!(p.set("life", "3"));
        assert!(close(p.own_per_used_hour(), 1.503_909, 1e-6));
        // The life does not count for Epoch's write-off.
        assert!(p.set("amort", "epoch"));
        assert!(close(p.own_per_used_hour(), 1.457_554, 1e-6));
        // Epoch's rate is a 2.15-year doubling of price-performance.
        assert!(close(epoch_doubling_years(), 2.150, 1e-3));
    }

    #[test]
    fn break_even_against_2_50_rent_is_58_percent() {
        let p = EconomicsSettings::default();
        match p.break_even() {
            BreakEven::At(s) => assert!(close(s, 0.583_022, 1e-6), "{s}"),
            BreakEven::Never => panic!("should break even"),
        }
        assert!(p.owning_wins());
        let mut q = p;
        assert!(q.set("util", "58"));
        assert!(!q.owning_wins(), "at 58% owning costs 2.513 > 2.50");
        assert!(q.set("util", "58.4"));
        assert!(q.owning_wins());
    }

    #[test]
    fn break_even_never_when_owning_costs_more_than_rent_at_full_use() {
        let mut p = EconomicsSettings::default();
        assert!(p.set("rent", "1.45"));
        assert_eq!(p.break_even(), BreakEven::Never);
        assert!(!p.owning_wins());
        // Against hyperscaler on-demand prices owning wins easily.
        assert!(p.set("rent", "11.06"));
        assert!(matches!(p.break_even(), BreakEven::At(s) if s < 0.14));
    }

    #[test]
    fn the_power_factor_follows_the_setting() {
        let mut p = EconomicsSettings::default();
        assert!(p.set("power", "2.03"));
        assert!(close(p.power_kw(), 0.7 * 2.03 * 0.75 * 1.25, 1e-12));
        assert!(!p.set("power", "0.99"));
        assert!(!p.set("power", "1.825"));
    }

    #[test]
    fn yearly_energy_per_gpu_and_per_rack() {
        let p = EconomicsSettings::default();
        // 1.194375 kW x 8766 h.
        assert!(close(
            yearly_energy_kwh(700.0, 1.82, 1.25),
            10_469.891_25,
            1e-6
        ));
        assert!(close(p.yearly_energy_usd(), 837.5913, 1e-4));
        assert!(close(p.rack_yearly_energy_usd(), 72.0 * 837.5913, 0.01));
        assert!(close(p.yearly_own_usd(), p.own_per_hour() * 8766.0, 1e-9));
    }

    #[test]
    fn cumulative_series_starts_at_zero_with_epoch_and_at_the_installed_cost_with_the_line() {
        let p = EconomicsSettings::default();
        let s = cumulative_series(&p);
        assert_eq!(s.len(), 61);
        assert_eq!((s[0].years, s[0].own_usd, s[0].rent_usd), (0.0, 0.0, 0.0));
        let last = s[s.len() - 1];
        assert_eq!(last.years, 5.0);
        assert!(close(last.rent_usd, 2.5 * 43_830.0, 1e-6));
        assert!(close(last.own_usd, p.own_per_hour() * 43_830.0, 1e-6));
        assert!(s.windows(2).all(|w| w[0].years < w[1].years));
        let mut q = p;
        assert!(q.set("amort", "line"));
        let s = cumulative_series(&q);
        assert_eq!((s[0].own_usd, s[0].rent_usd), (q.installed(), 0.0));
        // An odd life ends exactly at the life.
        assert!(q.set("life", "1.1"));
        let s = cumulative_series(&q);
        assert_eq!(s.len(), 15, "0..=13 months, then 1.1 years");
        assert_eq!(s[s.len() - 1].years, 1.1);
    }

    #[test]
    fn payback_is_where_the_straight_line_costs_cross() {
        let mut p = EconomicsSettings::default();
        assert_eq!(
            payback_years(&p),
            None,
            "Epoch's write-off has no lump to pay back"
        );
        assert!(p.set("amort", "line"));
        let t = payback_years(&p).expect("pays back");
        assert!(close(t, 1.757_19, 1e-5), "{t}");
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
        // One bar per chip: server shares only, bare-GPU prices left out.
        assert_eq!(d.len(), 6);
        assert_eq!(
            d.len(),
            PRICES.iter().filter(|p| p.basis == Basis::Server).count()
        );
    }

    #[test]
    fn price_and_rental_rows_are_sourced_and_known() {
        for p in PRICES {
            assert!(chip(p.chip).is_some(), "{}", p.chip);
            // Every server share is priced by Epoch's rows; bare-GPU prices are marked.
            assert_eq!(
                p.basis == Basis::Gpu,
                p.note.contains("single-unit"),
                "{}",
                p.chip
            );
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
        // The default rent is the smaller clouds' low end; the range reaches $3.95.
        assert_eq!(
            rental("small-cloud").map(|r| r.usd_per_hour),
            Some(EconomicsSettings::default().rent())
        );
        assert_eq!(rental("lambda").map(|r| r.usd_per_hour), Some(3.29));
        assert_eq!(rental("cr8dl").map(|r| r.usd_per_hour), Some(3.95));
        // The H100 price's note spans Epoch's 8-GPU rows.
        assert!(price("h100").is_some_and(|p| p.note.contains("28800-46900")));
        // The server power factors follow Epoch's cost code.
        let f = |id: &str| server_power(id).map(|s| s.factor);
        assert_eq!(
            (f("h100"), f("a100"), f("v100"), f("b200")),
            (Some(1.82), Some(2.03), Some(1.67), Some(1.8))
        );
        assert!(close(10.2 / 8.0 / 0.7, 1.82, 0.002));
        for s in SERVER_POWER {
            assert!(
                chip(s.chip).is_some_and(|c| c.tdp_w.is_some()),
                "{}",
                s.chip
            );
            assert_eq!(s.sources().count(), s.source.split(' ').count());
        }
    }

    #[test]
    fn params_round_trip_through_the_url() {
        let mut p = EconomicsSettings::default();
        for (k, v) in [
            ("price", "25000"),
            ("basis", "gpu"),
            ("amort", "line"),
            ("life", "3.5"),
            ("util", "70"),
            ("kwh", "0.125"),
            ("pue", "1.1"),
            ("tdp", "1000"),
            ("power", "2.03"),
            ("rent", "11.06"),
        ] {
            assert!(p.set(k, v), "{k}={v}");
        }
        let out = p.pairs();
        let written: Vec<&str> = out.iter().map(|kv| kv.0).collect();
        assert_eq!(written, keys::<EconomicsSettings>());
        assert_eq!(out[5], ("kwh", "0.125".to_string()));
        assert_eq!(out[6], ("pue", "1.1".to_string()));
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
            ("basis", "rack"),
            ("basis", "GPU"),
            ("amort", "straight"),
            ("power", "3.01"),
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
            POWER_HUNDREDTHS,
        ];
        for mask in 0u32..(1 << (ends.len() + 2)) {
            let e = |i: usize| {
                if mask & (1 << i) == 0 {
                    ends[i].min
                } else {
                    ends[i].max
                }
            };
            let bit = |i: usize| mask & (1 << i) != 0;
            let p = EconomicsSettings {
                price_usd: e(0),
                basis: if bit(8) { Basis::Gpu } else { Basis::Server },
                amort: if bit(9) { Amort::Line } else { Amort::Epoch },
                life_tenths: e(1),
                util_tenths: e(2),
                kwh_thousandths: e(3),
                pue_hundredths: e(4),
                tdp_w: e(5),
                power_hundredths: e(7),
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
            basis: Basis::Gpu,
            amort: Amort::Line,
            power_hundredths: 0,
            life_tenths: 0,
            util_tenths: 0,
            kwh_thousandths: 0,
            pue_hundredths: 0,
            tdp_w: 0,
            rent_cents: 0,
        };
        assert!(z.own_per_used_hour().is_finite());
        assert!(capital_per_hour(f64::NAN, Amort::Line, 0.0).is_finite());
        assert!(capital_per_hour(f64::INFINITY, Amort::Epoch, f64::NAN).is_finite());
        assert!(energy_per_hour(f64::INFINITY, f64::NAN, f64::NAN, -1.0).is_finite());
    }

    #[test]
    fn installed_factor_is_about_2_02() {
        assert!(close(installed_factor(), 2.024_691, 1e-6));
        let mut p = EconomicsSettings::default();
        assert!(p.set("basis", "gpu"));
        assert!(close(p.installed(), p.price() * installed_factor(), 1e-9));
        // The GPU chip alone (a server share over 1.64, no interconnect):
        // 30000 / 1.64 x 0.322362 / 8766 + 0.09555 = $0.7682/h, against $1.4576.
        let d = EconomicsSettings::default();
        assert!(close(d.gpu_part(), 30_000.0 / 1.64, 1e-9));
        assert!(
            close(d.gpu_only_per_used_hour(), 0.768_247, 1e-6),
            "{}",
            d.gpu_only_per_used_hour()
        );
    }

    #[test]
    fn a_price_preset_sets_price_basis_and_the_chips_tdp_and_power_factor() {
        let d = EconomicsSettings::default();
        let b200 = price("b200").expect("b200");
        let q = d.with_price(b200);
        assert_eq!(
            (q.price_usd, q.tdp_w, q.power_hundredths),
            (47_000, 1000, 180)
        );
        assert_eq!(q.rent_cents, d.rent_cents);
        let v100 = d.with_price(price("v100").expect("v100"));
        assert_eq!(
            (v100.price_usd, v100.tdp_w, v100.basis),
            (18_625, 300, Basis::Server)
        );
        assert_eq!(v100.power_hundredths, 167);
        let bare = PRICES
            .iter()
            .find(|p| p.chip == "a100" && p.basis == Basis::Gpu)
            .expect("a bare A100 price");
        let a = d.with_price(bare);
        assert_eq!(
            (a.price_usd, a.basis, a.tdp_w, a.power_hundredths),
            (15_000, Basis::Gpu, 400, 203)
        );
        assert_eq!(chip_tdp_w("tpu-v5p"), None);
        assert_eq!(chip_tdp_w("b300"), Some(1000));
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
            BreakEven::At(s) => assert!(close(s, 0.131_786, 1e-6), "{s}"),
            BreakEven::Never => panic!("breaks even"),
        }
        assert!(close(d.rent_over_own(), 1.715_20, 1e-5));
        assert!(close(q.rent_over_own(), 7.588_05, 1e-5));
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
