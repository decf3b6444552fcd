//! Links between chips and what moving a model over them costs in time: the
//! model behind the bandwidth panel (the notes' "400-800 Gb", "1.8 TB/s",
//! "PCIe"). Pure: std, [`crate::model::chips`] (sources) and [`crate::model::perf`]
//! (payload sizes); no float parsing or formatting (the URL codec is integer
//! fixed point, via [`crate::model::fixed::parse_fixed`] / `format_fixed`).
//!
//! **Units.** Bandwidth in GB/s (10^9 bytes per second) **in one direction**
//! unless a name says `bidirectional`; NICs are sold in Gb/s (bits): 400 Gb/s
//! is 50 GB/s ([`gbits_to_gbytes`]); NVLink is quoted with both directions
//! added: NVLink 5's "1.8 TB/s" is 900 GB/s each way
//! ([`per_direction_of_bidirectional`]). Sizes in GB (10^9 bytes); time in
//! seconds.
//!
//! **Model.** A transfer of `gb` over one link takes `gb / bandwidth`
//! (latency and protocol overhead ignored: a lower bound). A ring all-reduce
//! of `gb` over `N` GPUs sends and receives `2 (N-1)/N * gb` per GPU, so it
//! takes `2 (N-1)/N * gb / bandwidth` (0 for one GPU): nearly twice the
//! payload over each GPU's link, whatever `N`.
//!
//! **Clamping.** NaN, negative and tiny sizes count as 0; bandwidths below
//! [`MIN_GBS`] count as `MIN_GBS` (so a time is large but finite); every
//! input above 1e15 counts as 1e15. No function panics or returns NaN or
//! infinity.
//!
//! **Data.** `data/links.csv` is compiled by `build.rs` into
//! `$OUT_DIR/bandwidth_tables.rs` ([`LINKS`]); the build fails on an
//! unknown source key, a missing `as_of`, a bidirectional figure below the
//! one-way figure, or a `kind` other than `pcie`, `nic`, `nvlink`.
//!
//! **URL keys** (bandwidth panel): `link` (a link id), `gb` (payload in GB,
//! at most 1 decimal, 0.1–100000), `gpus` (integer, 1–65536). Only values
//! that differ from the defaults (NVLink 5, 140 GB = a 70B model in BF16,
//! 8 GPUs) are written.

use crate::model::fixed::Fixed;
use crate::model::settings::{index_within, Field, Settings};
use crate::model::sources::{source, Source};
use crate::{choice_field, fixed_field};

/// What kind of link a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// A PCIe x16 slot (host to GPU, or GPU to NIC).
    Pcie,
    /// A network card between servers (InfiniBand / Ethernet).
    Nic,
    /// NVIDIA's GPU-to-GPU link inside a server or rack.
    Nvlink,
}

/// One link (one row of `data/links.csv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// Stable id, e.g. `nvlink5`; also the URL value of `link`.
    pub id: &'static str,
    /// Display name, e.g. `NVLink 5 (B200 / GB200)`.
    pub name: &'static str,
    /// GB/s in one direction.
    pub per_direction_gbs: f64,
    /// GB/s with both directions added (what NVLink is quoted as).
    pub bidirectional_gbs: f64,
    pub kind: LinkKind,
    /// Keys of `sources::SOURCES`, separated by spaces.
    pub source: &'static str,
    /// Date of the figures: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: &'static str,
    /// Free text without commas; may be empty.
    pub note: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/bandwidth_tables.rs"));

impl Link {
    /// The sources of this row, in the order the row names them.
    pub fn sources(&self) -> impl Iterator<Item = &'static Source> {
        self.source.split(' ').filter_map(source)
    }
}

/// The link with this id.
pub fn link(id: &str) -> Option<&'static Link> {
    LINKS.iter().find(|l| l.id == id)
}

/// A rack of GPUs joined by one NVLink domain, with its sourced figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rack {
    pub name: &'static str,
    /// GPUs in the NVLink domain.
    pub gpus: u32,
    /// NVLink bandwidth of the whole rack, TB/s, all GPUs and both directions
    /// added (72 x 1.8 TB/s).
    pub nvlink_tbs: f64,
    /// HBM of the whole rack, TB (72 x 186 GB).
    pub hbm_tb: f64,
    /// Rack power, kW: the low end of the range quoted.
    pub power_kw_low: f64,
    /// Rack power, kW: the high end (the GB300 NVL72 budget).
    pub power_kw_high: f64,
    /// Whether the rack needs liquid cooling.
    pub liquid_cooled: bool,
    /// Keys of `sources::SOURCES`, separated by spaces.
    pub source: &'static str,
    /// Date of the figures.
    pub as_of: &'static str,
    /// What each figure is and where it comes from.
    pub note: &'static str,
}

impl Rack {
    /// The sources of this rack's figures.
    pub fn sources(&self) -> impl Iterator<Item = &'static Source> {
        self.source.split(' ').filter_map(source)
    }
}

/// A rack's power budget as NVIDIA writes it for the GB300 NVL72: nodes x
/// (GPUs per node x GPU kW + CPU kW + static node power kW).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PowerBudget {
    pub nodes: u32,
    pub gpus_per_node: u32,
    /// Power of one GPU, kW.
    pub gpu_kw: f64,
    /// Power of a node's CPUs, kW.
    pub cpu_kw: f64,
    /// A node's static power (everything else), kW.
    pub static_kw: f64,
}

impl PowerBudget {
    /// The rack's power, kW.
    pub const fn kw(&self) -> f64 {
        self.nodes as f64 * self.node_kw()
    }

    /// One node's power, kW.
    pub const fn node_kw(&self) -> f64 {
        self.gpus_per_node as f64 * self.gpu_kw + self.cpu_kw + self.static_kw
    }

    /// The rack's power without the static node power, kW.
    pub const fn without_static_kw(&self) -> f64 {
        self.nodes as f64 * (self.gpus_per_node as f64 * self.gpu_kw + self.cpu_kw)
    }
}

/// NVIDIA's GB300 NVL72 budget (Mission Control documentation, NV-MC via
/// MLE): 18 nodes x (4 x 1.4 kW + 1 kW + 0.9 kW) = 18 x 7.5 = 135 kW.
pub const GB300_NVL72_BUDGET: PowerBudget = PowerBudget {
    nodes: 18,
    gpus_per_node: 4,
    gpu_kw: 1.4,
    cpu_kw: 1.0,
    static_kw: 0.9,
};

/// The same budget with the GB200's 1.2 kW GPUs (`data/chips.csv`): our
/// estimate of a GB200 NVL72 rack, 18 x 6.7 = 120.6 kW. NVIDIA publishes no
/// GB200 NVL72 power figure on the pages cited.
pub const GB200_NVL72_ESTIMATE: PowerBudget = PowerBudget {
    gpu_kw: 1.2,
    ..GB300_NVL72_BUDGET
};

/// The GB200 NVL72 rack: 72 GPUs in one NVLink domain.
pub const GB200_NVL72: Rack = Rack {
    name: "GB200 NVL72",
    gpus: 72,
    nvlink_tbs: 130.0,
    hbm_tb: 13.4,
    power_kw_low: GB200_NVL72_ESTIMATE.kw(),
    power_kw_high: GB300_NVL72_BUDGET.kw(),
    liquid_cooled: true,
    source: "NV-GB200 NV-MC",
    as_of: "2025",
    note: "72 GPUs; 130 TB/s NVLink; 13.4 TB HBM (72 x 186 GB); liquid cooled (NV-GB200). \
           135 kW is NVIDIA's GB300 NVL72 budget: 18 nodes x (4 x 1.4 kW GPU + 1 kW CPU + \
           0.9 kW static) (NV-MC via MLE); without the static power it would be 118.8 kW. \
           120.6 kW is our estimate for GB200 NVL72: the same budget with 1.2 kW GPUs.",
};

/// The DGX H100 server: 8 H100 in one NVLink 4 domain, air cooled; the
/// unit of a 2023 cluster, for comparison with [`GB200_NVL72`].
pub const DGX_H100: Rack = Rack {
    name: "DGX H100",
    gpus: 8,
    nvlink_tbs: 7.2,
    hbm_tb: 0.64,
    power_kw_low: 10.2,
    power_kw_high: 10.2,
    liquid_cooled: false,
    source: "NV-DGXH100 MLE",
    as_of: "2023",
    note: "8 x H100 SXM: 8 x 900 GB/s NVLink 4 (MLE); 8 x 80 GiB HBM (640 as quoted); 10.2 kW maximum (NV-DGXH100)",
};

/// Smallest bandwidth a time is computed with, GB/s.
pub const MIN_GBS: f64 = 1e-6;
const MAX: f64 = 1e15;

/// A size: NaN, negative and below 1e-12 count as 0; capped at 1e15.
fn size(x: f64) -> f64 {
    if x >= 1e-12 {
        x.min(MAX)
    } else {
        0.0
    }
}

/// A bandwidth: at least `MIN_GBS` (NaN too), at most 1e15.
fn bandwidth(x: f64) -> f64 {
    if x >= MIN_GBS {
        x.min(MAX)
    } else {
        MIN_GBS
    }
}

/// GB/s from Gb/s (8 bits per byte): 400 Gb/s -> 50 GB/s.
pub fn gbits_to_gbytes(gbits_per_s: f64) -> f64 {
    size(gbits_per_s) / 8.0
}

/// One direction of a figure quoted with both directions added:
/// 1800 GB/s (NVLink 5's "1.8 TB/s") -> 900 GB/s.
pub fn per_direction_of_bidirectional(bidirectional_gbs: f64) -> f64 {
    size(bidirectional_gbs) / 2.0
}

/// Seconds to move `gb` GB over a link of `per_direction_gbs` GB/s one way.
pub fn transfer_seconds(gb: f64, per_direction_gbs: f64) -> f64 {
    size(gb) / bandwidth(per_direction_gbs)
}

/// GB each GPU sends (and receives) in a ring all-reduce of `gb` GB over
/// `n_gpus` GPUs: `2 (N-1)/N * gb`; 0 for `N <= 1`.
pub fn ring_allreduce_gb_per_gpu(gb: f64, n_gpus: u32) -> f64 {
    if n_gpus <= 1 {
        return 0.0;
    }
    let n = f64::from(n_gpus);
    2.0 * (n - 1.0) / n * size(gb)
}

/// Seconds for a ring all-reduce of `gb` GB over `n_gpus` GPUs, each with
/// `per_direction_gbs` GB/s one way: `2 (N-1)/N * gb / bw`; 0 for `N <= 1`.
pub fn ring_allreduce_seconds(gb: f64, n_gpus: u32, per_direction_gbs: f64) -> f64 {
    ring_allreduce_gb_per_gpu(gb, n_gpus) / bandwidth(per_direction_gbs)
}

/// Bytes of `params` parameters at `bits_per_param` bits each: the weights
/// of a model, or its gradients (same count, their own precision).
pub fn payload_bytes(params: f64, bits_per_param: f64) -> f64 {
    crate::model::perf::weight_bytes(params, bits_per_param)
}

/// GB (10^9 bytes) of `params` parameters at `bits_per_param` bits each.
pub fn payload_gb(params: f64, bits_per_param: f64) -> f64 {
    payload_bytes(params, bits_per_param) / 1e9
}

/// Range of `BandwidthSettings::gb_tenths` (0.1..=100000 GB).
pub const GB_TENTHS: Fixed = Fixed::new(1, 1, 1_000_000);
/// Range of `BandwidthSettings::gpus`.
pub const GPUS: Fixed = Fixed::new(0, 1, 65_536);
/// The link shown first.
pub const DEFAULT_LINK: &str = "nvlink5";
/// Default payload: 140 GB, a 70B-parameter model in BF16.
const DEFAULT_GB_TENTHS: u32 = 1400;
/// Default number of GPUs: one 8-GPU server.
const DEFAULT_GPUS: u32 = 8;

/// The bandwidth panel's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BandwidthSettings {
    /// Index into [`LINKS`].
    pub link: usize,
    /// Payload in 1/10 GB.
    pub gb_tenths: u32,
    /// GPUs in the all-reduce.
    pub gpus: u32,
}

impl Default for BandwidthSettings {
    fn default() -> Self {
        BandwidthSettings {
            link: LINKS.iter().position(|l| l.id == DEFAULT_LINK).unwrap_or(0),
            gb_tenths: DEFAULT_GB_TENTHS,
            gpus: DEFAULT_GPUS,
        }
    }
}

impl BandwidthSettings {
    /// The chosen link (`None` only if `data/links.csv` is empty).
    pub fn link(&self) -> Option<&'static Link> {
        LINKS.get(self.clamped().link)
    }

    /// Payload in GB.
    pub fn gb(&self) -> f64 {
        f64::from(self.clamped().gb_tenths) / 10.0
    }

    /// Seconds to send the payload once over the link, one way.
    pub fn transfer_seconds(&self) -> f64 {
        let bw = self.link().map_or(0.0, |l| l.per_direction_gbs);
        transfer_seconds(self.gb(), bw)
    }

    /// Seconds for a ring all-reduce of the payload over `gpus` GPUs.
    pub fn allreduce_seconds(&self) -> f64 {
        let bw = self.link().map_or(0.0, |l| l.per_direction_gbs);
        ring_allreduce_seconds(self.gb(), self.clamped().gpus, bw)
    }
}

impl Settings for BandwidthSettings {
    const FIELDS: &'static [Field<Self>] = &[
        choice_field!("link", LINKS, link),
        fixed_field!("gb", GB_TENTHS, gb_tenths),
        fixed_field!("gpus", GPUS, gpus),
    ];
    /// The settings with each number clamped to its range (a link index out
    /// of range becomes the default link).
    fn clamped(&self) -> Self {
        BandwidthSettings {
            link: if self.link < LINKS.len() {
                self.link
            } else {
                BandwidthSettings::default().link
            },
            gb_tenths: GB_TENTHS.clamp(self.gb_tenths),
            gpus: GPUS.clamp(self.gpus),
        }
    }
    fn examples() -> Vec<Self> {
        let link = |id| {
            index_within(
                LINKS.iter().position(|l| l.id == id).unwrap_or(0),
                LINKS.len(),
                0,
            )
        };
        vec![
            BandwidthSettings {
                link: link("nic400"),
                gb_tenths: 1000,
                gpus: 64,
            },
            BandwidthSettings {
                link: link("pcie5"),
                gb_tenths: GB_TENTHS.min,
                gpus: GPUS.max,
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::chips::chip;
    use crate::model::settings::DynSettings;
    use crate::model::settings::{keys, Settings};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    fn bw(id: &str) -> f64 {
        link(id).map_or(f64::NAN, |l| l.per_direction_gbs)
    }

    #[test]
    fn the_six_links_are_there_with_their_figures() {
        let ids: Vec<&str> = LINKS.iter().map(|l| l.id).collect();
        for id in ["pcie5", "pcie6", "nic400", "nic800", "nvlink4", "nvlink5"] {
            assert!(ids.contains(&id), "{id}");
        }
        assert_eq!(bw("pcie5"), 63.0);
        assert_eq!(bw("pcie6"), 121.0);
        assert_eq!(bw("nic400"), 50.0);
        assert_eq!(bw("nic800"), 100.0);
        assert_eq!(bw("nvlink4"), 450.0);
        assert_eq!(bw("nvlink5"), 900.0);
        assert_eq!(link("nvlink5").map(|l| l.kind), Some(LinkKind::Nvlink));
        assert!(link("NVLINK5").is_none() && link("").is_none());
    }

    #[test]
    fn every_link_cites_known_sources_and_halves_its_bidirectional_figure() {
        for l in LINKS {
            assert!(!l.as_of.is_empty(), "{}", l.id);
            assert_eq!(l.sources().count(), l.source.split(' ').count(), "{}", l.id);
            assert_eq!(
                per_direction_of_bidirectional(l.bidirectional_gbs),
                l.per_direction_gbs,
                "{}",
                l.id
            );
        }
    }

    #[test]
    fn unit_trap_400_gbits_is_50_gbytes() {
        assert_eq!(gbits_to_gbytes(400.0), 50.0);
        assert_eq!(gbits_to_gbytes(800.0), 100.0);
        assert_eq!(gbits_to_gbytes(400.0), bw("nic400"));
    }

    #[test]
    fn nvlink5_1_8_tbs_bidirectional_is_900_gbs_per_direction() {
        assert_eq!(per_direction_of_bidirectional(1800.0), 900.0);
        assert_eq!(link("nvlink5").map(|l| l.bidirectional_gbs), Some(1800.0));
        // The chip table quotes the same 1.8 TB/s, both directions added.
        assert_eq!(chip("b200").map(|c| c.scaleup_gbs), Some(1800.0));
    }

    #[test]
    fn hundred_gb_over_a_400_gbit_nic_takes_2_s() {
        assert_eq!(transfer_seconds(100.0, bw("nic400")), 2.0);
        assert_eq!(transfer_seconds(100.0, gbits_to_gbytes(400.0)), 2.0);
    }

    #[test]
    fn allreduce_of_100_gb_over_8_gpus_at_50_gbs_takes_3_5_s() {
        // 2 * 7/8 * 100 GB = 175 GB per GPU, at 50 GB/s.
        assert_eq!(ring_allreduce_gb_per_gpu(100.0, 8), 175.0);
        assert_eq!(ring_allreduce_seconds(100.0, 8, 50.0), 3.5);
    }

    #[test]
    fn allreduce_on_one_gpu_takes_nothing() {
        assert_eq!(ring_allreduce_seconds(100.0, 1, 50.0), 0.0);
        assert_eq!(ring_allreduce_seconds(100.0, 0, 50.0), 0.0);
        // Two GPUs: each sends the payload once.
        assert_eq!(ring_allreduce_seconds(100.0, 2, 50.0), 2.0);
    }

    #[test]
    fn allreduce_approaches_twice_the_payload() {
        let t = ring_allreduce_seconds(100.0, 65_536, 50.0);
        assert!(t < 4.0 && t > 3.9999, "{t}");
    }

    #[test]
    fn payload_of_70b_in_bf16_is_140_gb_and_in_fp32_gradients_280() {
        assert!(close(payload_gb(70e9, 16.0), 140.0));
        assert!(close(payload_gb(70e9, 32.0), 280.0));
        assert!(close(payload_bytes(1.0, 8.0), 1.0));
    }

    #[test]
    fn bad_inputs_give_finite_numbers() {
        for gb in [f64::NAN, -1.0, 0.0, 1e300, f64::INFINITY] {
            for b in [f64::NAN, -1.0, 0.0, 1e-300, 1e300, f64::INFINITY] {
                for n in [0, 1, 2, u32::MAX] {
                    let (t, a) = (transfer_seconds(gb, b), ring_allreduce_seconds(gb, n, b));
                    assert!(t.is_finite() && t >= 0.0, "{gb} {b}");
                    assert!(a.is_finite() && a >= 0.0, "{gb} {b} {n}");
                }
            }
        }
        assert_eq!(transfer_seconds(0.0, 0.0), 0.0);
        assert_eq!(gbits_to_gbytes(f64::NAN), 0.0);
    }

    #[test]
    fn nvl72_rack_figures_agree_with_its_chips() {
        let r = GB200_NVL72;
        assert_eq!(r.gpus, 72);
        let gpu = chip("gb200").expect("gb200");
        // 72 x 186 GB = 13.392 TB, quoted as 13.4 TB.
        let hbm_tb = f64::from(r.gpus) * gpu.hbm / 1000.0;
        assert!((hbm_tb - r.hbm_tb).abs() < 0.01, "{hbm_tb}");
        // 72 x 1.8 TB/s = 129.6 TB/s, quoted as 130 TB/s.
        let nv_tbs = f64::from(r.gpus) * gpu.scaleup_gbs / 1000.0;
        assert!((nv_tbs - r.nvlink_tbs).abs() < 0.5, "{nv_tbs}");
        assert!(r.liquid_cooled && r.power_kw_low <= r.power_kw_high);
        assert_eq!(r.sources().count(), 2);
    }

    #[test]
    fn gb300_budget_is_18_nodes_of_7_5_kw_and_118_8_without_static_power() {
        let b = GB300_NVL72_BUDGET;
        assert!((b.node_kw() - 7.5).abs() < 1e-12);
        assert!((b.kw() - 135.0).abs() < 1e-9);
        assert!((b.without_static_kw() - 118.8).abs() < 1e-9);
        assert_eq!(GB200_NVL72.power_kw_high, b.kw());
        // The GB200 estimate: 18 x (4 x 1.2 + 1 + 0.9) = 120.6 kW, with the
        // GB200's TDP from the chip table.
        let gb200 = chip("gb200").and_then(|c| c.tdp_w).expect("gb200 tdp");
        assert_eq!(GB200_NVL72_ESTIMATE.gpu_kw * 1000.0, gb200);
        assert!((GB200_NVL72.power_kw_low - 120.6).abs() < 1e-9);
        assert_eq!(b.nodes * b.gpus_per_node, GB200_NVL72.gpus);
    }

    #[test]
    fn dgx_h100_figures_agree_with_its_chips() {
        let r = DGX_H100;
        let gpu = chip("h100").expect("h100");
        let n = f64::from(r.gpus);
        assert!((n * gpu.hbm / 1000.0 - r.hbm_tb).abs() < 1e-9);
        assert!((n * gpu.scaleup_gbs / 1000.0 - r.nvlink_tbs).abs() < 1e-9);
        assert!(!r.liquid_cooled);
        assert_eq!(r.sources().count(), 2);
        // Per GPU, the NVL72 rack draws more than the air-cooled server.
        let per_gpu = |r: Rack| r.power_kw_high / f64::from(r.gpus);
        assert!(per_gpu(GB200_NVL72) > per_gpu(DGX_H100));
    }

    #[test]
    fn default_params_are_a_70b_bf16_model_over_nvlink5_on_8_gpus() {
        let p = BandwidthSettings::default();
        assert_eq!(p.link().map(|l| l.id), Some("nvlink5"));
        assert_eq!(p.gb(), 140.0);
        assert_eq!(p.gpus, 8);
        assert!(p.pairs().is_empty());
        // 140 GB at 900 GB/s; all-reduce 2 * 7/8 * 140 / 900.
        assert!(close(p.transfer_seconds(), 140.0 / 900.0));
        assert!(close(p.allreduce_seconds(), 245.0 / 900.0));
    }

    #[test]
    fn params_round_trip_through_the_url() {
        let mut p = BandwidthSettings::default();
        assert!(p.set("link", "nic400"));
        assert!(p.set("gb", "100"));
        assert!(p.set("gpus", "64"));
        let out = p.pairs();
        assert_eq!(
            out,
            vec![
                ("link", "nic400".to_string()),
                ("gb", "100".to_string()),
                ("gpus", "64".to_string())
            ]
        );
        let mut q = BandwidthSettings::default();
        for (k, v) in &out {
            assert!(q.set(k, v), "{k}={v}");
        }
        assert_eq!(p, q);
        assert!(q.set("gb", "0.1"));
        assert_eq!(q.pairs()[1], ("gb", "0.1".to_string()));
        let written: Vec<&str> = q.pairs().iter().map(|kv| kv.0).collect();
        assert_eq!(written, keys::<BandwidthSettings>());
    }

    #[test]
    fn malformed_or_out_of_range_values_are_refused_without_change() {
        let d = BandwidthSettings::default();
        let mut p = d;
        for (k, v) in [
            ("link", "nvlink9"),
            ("link", ""),
            ("gb", "0"),
            ("gb", "0.05"),
            ("gb", "100000.1"),
            ("gb", "-1"),
            ("gb", "1e3"),
            ("gb", "1."),
            ("gpus", "0"),
            ("gpus", "65537"),
            ("gpus", "8.5"),
            ("gpus", "x"),
            ("chip", "h100"),
        ] {
            assert!(!p.set(k, v), "{k}={v}");
            assert_eq!(p, d, "{k}={v}");
        }
        assert!(p.set("gb", "100000"));
        assert!(p.set("gpus", "65536"));
    }

    #[test]
    fn clamp_repairs_out_of_range_fields() {
        let p = BandwidthSettings {
            link: 999,
            gb_tenths: 0,
            gpus: 0,
        }
        .clamped();
        assert_eq!(p.link, BandwidthSettings::default().link);
        assert_eq!((p.gb_tenths, p.gpus), (1, 1));
        for link in 0..LINKS.len() {
            for gb_tenths in [GB_TENTHS.min, GB_TENTHS.max] {
                for gpus in [GPUS.min, GPUS.max] {
                    let p = BandwidthSettings {
                        link,
                        gb_tenths,
                        gpus,
                    };
                    assert!(p.transfer_seconds().is_finite());
                    assert!(p.allreduce_seconds().is_finite());
                }
            }
        }
    }
}
