//! How much memory a model needs and how many chips hold it; and how HBM per
//! chip grew (the notes' "at most ~192 GB per chip"). Pure: std,
//! [`crate::model::chips`], [`crate::model::quant`] (bits per weight of each storage
//! scheme) and [`crate::model::perf`]; the URL codec is integer fixed point.
//!
//! **Units.** Parameters are counts (`params_b` in billions); bits per value;
//! bytes, or GB = 10^9 bytes as HBM is quoted; context and batch in tokens
//! and sequences.
//!
//! **Inference** needs the weights plus the KV cache:
//! - weights = params x bits / 8 (the storage scheme's bits per weight,
//!   block scales included: MXFP4 4.25, NVFP4 4.5);
//! - KV cache = 2 (K and V) x layers x kv_heads x head_dim x context x batch
//!   x cache bits / 8.
//!
//! **Training** with mixed-precision Adam takes 16 bytes per parameter **in
//! total, replacing the weights figure**: BF16 weights 2, BF16 gradients 2,
//! FP32 master weights 4, Adam first moment 4 and second moment 4. The
//! weight format and the KV cache play no part. Activations (which grow with
//! batch x context and depend on recomputation) are **not counted**, so the
//! figure is a lower bound.
//!
//! Chips needed = ceil(total GB / the chip's HBM GB) ([`perf::chips_to_hold`]),
//! as if memory split perfectly across chips.
//!
//! **URL keys** (memory panel; none collides with the other panels'):
//! `mchip` (chip id), `params_b` (billions, 1 decimal, 0.1–2000), `wfmt`
//! and `kvfmt` (an id of [`WEIGHT_FORMATS`]), `layers` (1–1000), `kv_heads`
//! (1–1024), `head_dim` (1–1024), `ctx` (tokens, 1–10000000), `mbatch`
//! (1–4096), `train` (`0` or `1`). Defaults: Llama-3-70B (80 layers, 8 KV
//! heads of 128) at 8192 tokens, batch 1, BF16 weights and cache, on an H100,
//! inference.

use crate::model::chips::{Chip, CHIPS};
use crate::model::fixed::Fixed;
use crate::model::formats::Format;
use crate::model::perf;
use crate::model::quant::Scheme;
use crate::model::settings::{index_within, Field, Settings};
use crate::{choice_field, fixed_field, flag_field};

/// A size of HBM and the first chip that had it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HbmStep {
    /// HBM per chip as quoted (GB or GiB, see the chip's `hbm_unit`): the
    /// history of what vendors announce, as the notes' "192 GB" is.
    pub gb: f64,
    /// Year of `chip`.
    pub year: u16,
    /// The earliest chip (by year, then table order) with this much HBM.
    pub chip: &'static Chip,
}

/// The earliest chip with exactly `gb` GB.
fn first_with(gb: f64) -> Option<&'static Chip> {
    let mut best: Option<&'static Chip> = None;
    for c in CHIPS.iter().filter(|c| c.hbm == gb) {
        if best.is_none_or(|b| c.year < b.year) {
            best = Some(c);
        }
    }
    best
}

/// Every distinct HBM size in the chip table, smallest first, each with the
/// first chip that had it (80 GB: A100 2020; 141: H200; 192: MI300X; 256:
/// MI325X; 288: B300).
pub fn hbm_sizes() -> Vec<HbmStep> {
    let mut out: Vec<HbmStep> = Vec::new();
    let mut last = f64::NEG_INFINITY;
    loop {
        let next = CHIPS
            .iter()
            .map(|c| c.hbm)
            .filter(|&g| g > last)
            .fold(f64::INFINITY, f64::min);
        let Some(chip) = first_with(next) else {
            return out;
        };
        out.push(HbmStep {
            gb: next,
            year: chip.year,
            chip,
        });
        last = next;
    }
}

/// The record holders: going through the years, each chip that had more HBM
/// than every chip before it (the growth of the maximum per chip).
pub fn hbm_records() -> Vec<HbmStep> {
    let mut steps = hbm_sizes();
    // Keep the steps whose year is earlier than that of every larger size:
    // walking from the largest down, a step is a record if it came before
    // all the larger ones.
    let mut keep = vec![false; steps.len()];
    let mut earliest_larger = u16::MAX;
    for i in (0..steps.len()).rev() {
        if steps[i].year < earliest_larger {
            keep[i] = true;
            earliest_larger = steps[i].year;
        }
    }
    let mut i = 0;
    steps.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    steps
}

/// The most HBM on one chip released in or before `as_of_year`, as quoted,
/// with that chip; `None` before the first chip of the table.
pub fn max_hbm_gb(as_of_year: u16) -> Option<(f64, &'static Chip)> {
    let mut best: Option<&'static Chip> = None;
    for c in CHIPS.iter().filter(|c| c.year <= as_of_year) {
        if best.is_none_or(|b| c.hbm > b.hbm) {
            best = Some(c);
        }
    }
    best.map(|c| (c.hbm, c))
}

/// A way to store weights (or the KV cache), with its bits per value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeightFormat {
    /// URL id, e.g. `nvfp4`.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// How it is stored ([`Scheme::bits_per_element`] gives the bits).
    pub scheme: Scheme,
}

impl WeightFormat {
    /// Bits per value, block scales included.
    pub fn bits(&self) -> f64 {
        self.scheme.bits_per_element()
    }
}

/// The storage formats the memory panel offers, widest first.
pub const WEIGHT_FORMATS: [WeightFormat; 9] = [
    WeightFormat {
        id: "fp32",
        name: "FP32",
        scheme: Scheme::PerTensor(Format::Fp32),
    },
    WeightFormat {
        id: "bf16",
        name: "BF16",
        scheme: Scheme::PerTensor(Format::Bf16),
    },
    WeightFormat {
        id: "fp16",
        name: "FP16",
        scheme: Scheme::PerTensor(Format::Fp16),
    },
    WeightFormat {
        id: "mxfp8",
        name: "MXFP8 (E4M3)",
        scheme: Scheme::MXFP8_E4M3,
    },
    WeightFormat {
        id: "fp8",
        name: "FP8 (E4M3)",
        scheme: Scheme::PerTensor(Format::E4m3),
    },
    WeightFormat {
        id: "mxfp6",
        name: "MXFP6 (E3M2)",
        scheme: Scheme::MXFP6_E3M2,
    },
    WeightFormat {
        id: "nvfp4",
        name: "NVFP4",
        scheme: Scheme::Nvfp4,
    },
    WeightFormat {
        id: "mxfp4",
        name: "MXFP4",
        scheme: Scheme::MXFP4,
    },
    WeightFormat {
        id: "fp4",
        name: "FP4 (E2M1)",
        scheme: Scheme::PerTensor(Format::E2m1),
    },
];

/// The storage format with this id.
pub fn weight_format(id: &str) -> Option<&'static WeightFormat> {
    WEIGHT_FORMATS.iter().find(|f| f.id == id)
}

/// The shape of a published model, for the memory panel's presets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelShape {
    pub name: &'static str,
    /// Parameters, 1/10 billion.
    pub params_tenths_b: u32,
    pub layers: u32,
    pub kv_heads: u32,
    pub head_dim: u32,
    /// Key of `sources::SOURCES`.
    pub source: &'static str,
}

/// Llama 3's three sizes (model dimension / attention heads = 128 in each;
/// 8 key-value heads with grouped-query attention).
pub const MODEL_SHAPES: [ModelShape; 3] = [
    ModelShape {
        name: "Llama 3 8B",
        params_tenths_b: 80,
        layers: 32,
        kv_heads: 8,
        head_dim: 128,
        source: "META-LLAMA3",
    },
    ModelShape {
        name: "Llama 3 70B",
        params_tenths_b: 700,
        layers: 80,
        kv_heads: 8,
        head_dim: 128,
        source: "META-LLAMA3",
    },
    ModelShape {
        name: "Llama 3 405B",
        params_tenths_b: 4050,
        layers: 126,
        kv_heads: 8,
        head_dim: 128,
        source: "META-LLAMA3",
    },
];

impl ModelShape {
    /// `p` with this model's size and shape.
    pub fn apply(&self, p: MemorySettings) -> MemorySettings {
        MemorySettings {
            params_tenths_b: self.params_tenths_b,
            layers: self.layers,
            kv_heads: self.kv_heads,
            head_dim: self.head_dim,
            ..p
        }
    }

    /// Whether `p` has this model's size and shape.
    pub fn matches(&self, p: &MemorySettings) -> bool {
        self.apply(*p) == *p
    }
}

/// Bytes per parameter of mixed-precision Adam training: BF16 weights 2 +
/// BF16 gradients 2 + FP32 master weights 4 + first moment 4 + second moment
/// 4 (see [`TRAINING_SPLIT`]). Activations are not included.
pub const TRAINING_BYTES_PER_PARAM: f64 = 16.0;

/// The parts of [`TRAINING_BYTES_PER_PARAM`]: (what, bytes per parameter).
pub const TRAINING_SPLIT: [(&str, f64); 5] = [
    ("weights (BF16)", 2.0),
    ("gradients (BF16)", 2.0),
    ("master weights (FP32)", 4.0),
    ("Adam first moment (FP32)", 4.0),
    ("Adam second moment (FP32)", 4.0),
];

/// Non-negative and finite, at most 1e30 (NaN gives 0): far above any
/// setting's result (the largest KV cache the ranges allow is ~3.4e20
/// bytes), so the cap only guards against infinity.
fn clean(x: f64) -> f64 {
    if x > 0.0 {
        x.min(1e30)
    } else {
        0.0
    }
}

/// Bytes of the weights: params x bits / 8.
pub fn weights_bytes(params: f64, bits_per_weight: f64) -> f64 {
    perf::weight_bytes(params, bits_per_weight)
}

/// Bytes of the KV cache: 2 x layers x kv_heads x head_dim x context x batch
/// x cache_bits / 8.
pub fn kv_cache_bytes(
    layers: u32,
    kv_heads: u32,
    head_dim: u32,
    context: u32,
    batch: u32,
    cache_bits: f64,
) -> f64 {
    let n = [layers, kv_heads, head_dim, context, batch]
        .iter()
        .fold(2.0, |acc, &v| acc * f64::from(v));
    clean(n * clean(cache_bits) / 8.0)
}

/// Bytes of mixed-precision Adam training state: 16 bytes per parameter
/// (weights and gradients included; activations not counted).
pub fn training_bytes(params: f64) -> f64 {
    clean(clean(params) * TRAINING_BYTES_PER_PARAM)
}

/// Range of `MemorySettings::params_tenths_b` (0.1..=2000 billion).
pub const PARAMS_TENTHS_B: Fixed = Fixed::new(1, 1, 20_000);
/// Range of `layers`.
pub const LAYERS: Fixed = Fixed::new(0, 1, 1000);
/// Range of `kv_heads`.
pub const KV_HEADS: Fixed = Fixed::new(0, 1, 1024);
/// Range of `head_dim`.
pub const HEAD_DIM: Fixed = Fixed::new(0, 1, 1024);
/// Range of `ctx`, tokens.
pub const CONTEXT: Fixed = Fixed::new(0, 1, 10_000_000);
/// Range of `mbatch`, sequences.
pub const BATCH: Fixed = Fixed::new(0, 1, 4096);
/// The chip shown first.
pub const DEFAULT_CHIP: &str = "h100";

/// The memory panel's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemorySettings {
    /// Index into `CHIPS`.
    pub chip: usize,
    /// Parameters, in 1/10 billion.
    pub params_tenths_b: u32,
    /// Index into [`WEIGHT_FORMATS`]: the weights' format.
    pub wfmt: usize,
    /// Index into [`WEIGHT_FORMATS`]: the KV cache's format.
    pub kvfmt: usize,
    pub layers: u32,
    /// Key/value heads (fewer than query heads with grouped-query attention).
    pub kv_heads: u32,
    /// Width of one head.
    pub head_dim: u32,
    /// Tokens of context per sequence.
    pub ctx: u32,
    /// Sequences held at once.
    pub batch: u32,
    /// Training (16 bytes per parameter) instead of inference.
    pub train: bool,
}

fn index_of<T>(items: &[T], pred: impl Fn(&T) -> bool) -> usize {
    items.iter().position(pred).unwrap_or(0)
}

impl Default for MemorySettings {
    fn default() -> Self {
        MemorySettings {
            chip: index_of(CHIPS, |c| c.id == DEFAULT_CHIP),
            params_tenths_b: 700,
            wfmt: index_of(&WEIGHT_FORMATS, |f| f.id == "bf16"),
            kvfmt: index_of(&WEIGHT_FORMATS, |f| f.id == "bf16"),
            layers: 80,
            kv_heads: 8,
            head_dim: 128,
            ctx: 8192,
            batch: 1,
            train: false,
        }
    }
}

/// What a model needs, in bytes, by part.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// Weights (inference) or the 16 B/param training state (training).
    pub weights_bytes: f64,
    /// KV cache (0 when training).
    pub kv_bytes: f64,
    /// The sum.
    pub total_bytes: f64,
    /// HBM of one chip, bytes.
    pub chip_bytes: f64,
    /// Chips to hold `total_bytes` (`u32::MAX` if the chip has no HBM).
    pub chips: u32,
}

impl MemorySettings {
    /// The chosen chip (`None` only if the chip table is empty).
    pub fn chip(&self) -> Option<&'static Chip> {
        CHIPS.get(self.clamped().chip)
    }

    /// Parameters (a count, not billions).
    pub fn param_count(&self) -> f64 {
        f64::from(self.clamped().params_tenths_b) * 1e8
    }

    /// The weights' format.
    pub fn weight_format(&self) -> &'static WeightFormat {
        &WEIGHT_FORMATS[self.clamped().wfmt]
    }

    /// The KV cache's format.
    pub fn kv_format(&self) -> &'static WeightFormat {
        &WEIGHT_FORMATS[self.clamped().kvfmt]
    }

    /// Memory needed and chips to hold it.
    pub fn fit(&self) -> Fit {
        let p = self.clamped();
        let (weights, kv) = if p.train {
            (training_bytes(p.param_count()), 0.0)
        } else {
            (
                weights_bytes(p.param_count(), p.weight_format().bits()),
                kv_cache_bytes(
                    p.layers,
                    p.kv_heads,
                    p.head_dim,
                    p.ctx,
                    p.batch,
                    p.kv_format().bits(),
                ),
            )
        };
        let total = weights + kv;
        let hbm_gb = p.chip().map_or(0.0, |c| c.hbm_gb());
        Fit {
            weights_bytes: weights,
            kv_bytes: kv,
            total_bytes: total,
            chip_bytes: hbm_gb * 1e9,
            chips: perf::chips_to_hold(total / 1e9, hbm_gb),
        }
    }
}

impl Settings for MemorySettings {
    const FIELDS: &'static [Field<Self>] = &[
        choice_field!("mchip", CHIPS, chip),
        fixed_field!("params_b", PARAMS_TENTHS_B, params_tenths_b),
        choice_field!("wfmt", WEIGHT_FORMATS, wfmt),
        choice_field!("kvfmt", WEIGHT_FORMATS, kvfmt),
        fixed_field!("layers", LAYERS, layers),
        fixed_field!("kv_heads", KV_HEADS, kv_heads),
        fixed_field!("head_dim", HEAD_DIM, head_dim),
        fixed_field!("ctx", CONTEXT, ctx),
        fixed_field!("mbatch", BATCH, batch),
        flag_field!("train", train),
    ];
    /// The settings with each field clamped to its range (an index out of
    /// range becomes the default).
    fn clamped(&self) -> Self {
        let d = MemorySettings::default();
        MemorySettings {
            chip: index_within(self.chip, CHIPS.len(), d.chip),
            params_tenths_b: PARAMS_TENTHS_B.clamp(self.params_tenths_b),
            wfmt: index_within(self.wfmt, WEIGHT_FORMATS.len(), d.wfmt),
            kvfmt: index_within(self.kvfmt, WEIGHT_FORMATS.len(), d.kvfmt),
            layers: LAYERS.clamp(self.layers),
            kv_heads: KV_HEADS.clamp(self.kv_heads),
            head_dim: HEAD_DIM.clamp(self.head_dim),
            ctx: CONTEXT.clamp(self.ctx),
            batch: BATCH.clamp(self.batch),
            train: self.train,
        }
    }
    fn examples() -> Vec<Self> {
        let fmt = |id| index_of(&WEIGHT_FORMATS, |f| f.id == id);
        vec![
            MemorySettings {
                chip: index_of(CHIPS, |c| c.id == "b200"),
                params_tenths_b: 4050,
                wfmt: fmt("fp8"),
                kvfmt: fmt("fp8"),
                layers: 126,
                kv_heads: 16,
                head_dim: 64,
                ctx: 131_072,
                batch: 32,
                train: true,
            },
            MemorySettings {
                chip: CHIPS.len() - 1,
                params_tenths_b: PARAMS_TENTHS_B.min,
                wfmt: WEIGHT_FORMATS.len() - 1,
                kvfmt: 0,
                layers: LAYERS.max,
                kv_heads: KV_HEADS.max,
                head_dim: HEAD_DIM.min,
                ctx: CONTEXT.max,
                batch: BATCH.max,
                train: false,
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::settings::keys;
    use crate::model::settings::DynSettings;

    #[test]
    fn the_largest_settings_give_true_finite_figures() {
        let mut p = MemorySettings::default();
        for (k, v) in [
            ("params_b", "2000"),
            ("layers", "1000"),
            ("kv_heads", "1024"),
            ("head_dim", "1024"),
            ("ctx", "10000000"),
            ("mbatch", "4096"),
            ("kvfmt", "fp32"),
        ] {
            assert!(p.set(k, v), "{k}");
        }
        let f = p.fit();
        let kv = 2.0 * 1000.0 * 1024.0 * 1024.0 * 1e7 * 4096.0 * 4.0;
        assert_eq!(f.kv_bytes, kv);
        assert!(f.total_bytes.is_finite() && f.total_bytes > kv);
        // On 80 GiB H100s: about 4.0 billion chips, still counted.
        let exact = f.total_bytes / 85_899_345_920.0;
        assert!(
            f.chips < u32::MAX && (f64::from(f.chips) - exact).abs() < 1e-8 * exact,
            "{}",
            f.chips
        );
        // On 16 GB V100s, more chips than a u32 counts: saturated, not wrapped.
        assert!(p.set("mchip", "v100"));
        assert_eq!(p.fit().chips, u32::MAX);
    }

    #[test]
    fn model_shapes_are_sourced_and_the_default_is_llama_3_70b() {
        for m in MODEL_SHAPES {
            assert!(
                crate::model::sources::source(m.source).is_some(),
                "{}",
                m.name
            );
        }
        assert!(MODEL_SHAPES[1].matches(&MemorySettings::default()));
        // Llama 3 405B at 128k context, batch 1, BF16 cache:
        // 2 x 126 x 8 x 128 x 131072 x 2 bytes = 67.6 GB.
        let p = MemorySettings {
            ctx: 131_072,
            ..MODEL_SHAPES[2].apply(MemorySettings::default())
        };
        let kv = p.fit().kv_bytes;
        assert_eq!(kv, 2.0 * 126.0 * 8.0 * 128.0 * 131_072.0 * 2.0);
        assert!((kv / 1e9 - 67.6).abs() < 0.05);
    }
    use crate::model::chips::chip;

    #[test]
    fn llama3_70b_kv_cache_at_8k_is_2_68_gb() {
        // 2 * 80 * 8 * 128 * 8192 * 1 * 2 bytes.
        assert_eq!(kv_cache_bytes(80, 8, 128, 8192, 1, 16.0), 2_684_354_560.0);
        assert_eq!(
            kv_cache_bytes(80, 8, 128, 8192, 4, 16.0),
            4.0 * 2_684_354_560.0
        );
        assert_eq!(kv_cache_bytes(80, 8, 128, 8192, 1, 8.0), 1_342_177_280.0);
    }

    #[test]
    fn seventy_b_in_bf16_is_140_gb_and_needs_two_h100s() {
        assert_eq!(weights_bytes(70e9, 16.0), 140e9);
        let f = MemorySettings::default().fit();
        assert_eq!(f.weights_bytes, 140e9);
        assert_eq!(f.kv_bytes, 2_684_354_560.0);
        assert_eq!(f.total_bytes, 140e9 + 2_684_354_560.0);
        // 80 GiB, not 80e9 bytes: the real capacity of the H100.
        assert_eq!(f.chip_bytes, 80.0 * 1_073_741_824.0);
        assert_eq!(f.chips, 2);
    }

    #[test]
    fn training_takes_16_bytes_per_parameter_in_total() {
        assert_eq!(TRAINING_SPLIT.iter().map(|s| s.1).sum::<f64>(), 16.0);
        assert_eq!(training_bytes(70e9), 1120e9);
        let mut p = MemorySettings::default();
        assert!(p.set("train", "1"));
        let f = p.fit();
        // Replaces the weights figure; no KV cache; 1120 GB / 80 GB = 14 exactly.
        assert_eq!((f.weights_bytes, f.kv_bytes), (1120e9, 0.0));
        assert_eq!(f.chips, 14);
        // The weight format plays no part in training.
        assert!(p.set("wfmt", "fp4"));
        assert_eq!(p.fit(), f);
    }

    #[test]
    fn weight_formats_take_their_bits_from_the_codecs() {
        let bits = |id: &str| weight_format(id).map_or(f64::NAN, |f| f.bits());
        assert_eq!(bits("fp32"), 32.0);
        assert_eq!(bits("bf16"), 16.0);
        assert_eq!(bits("fp8"), 8.0);
        assert_eq!(bits("mxfp8"), 8.25);
        assert_eq!(bits("mxfp6"), 6.25);
        assert_eq!(bits("mxfp4"), 4.25);
        assert_eq!(bits("nvfp4"), 4.5);
        assert_eq!(bits("fp4"), 4.0);
        assert_eq!(bits("bf16"), f64::from(Format::Bf16.bits()));
        // 70B in NVFP4: 39.4 GB, one H100.
        let mut p = MemorySettings::default();
        assert!(p.set("wfmt", "nvfp4"));
        assert_eq!(p.fit().weights_bytes, 39.375e9);
        assert_eq!(p.fit().chips, 1);
    }

    #[test]
    fn hbm_sizes_step_through_80_141_192_256_288() {
        let steps = hbm_sizes();
        let gbs: Vec<f64> = steps.iter().map(|s| s.gb).collect();
        let pos = |g: f64| gbs.iter().position(|&x| x == g).expect("size present");
        let order = [80.0, 141.0, 192.0, 256.0, 288.0].map(pos);
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{gbs:?}");
        assert!(gbs.windows(2).all(|w| w[0] < w[1]), "ascending, distinct");
        let at = |g: f64| steps[pos(g)];
        assert_eq!(at(80.0).chip.id, "a100"); // A100 (2020) before H100 (2022)
        assert_eq!(at(141.0).chip.id, "h200");
        assert_eq!(at(192.0).chip.id, "mi300x"); // 2023, before TPU7x (2025)
        assert_eq!(at(256.0).chip.id, "mi325x");
        assert_eq!((at(288.0).chip.id, at(288.0).year), ("b300", 2025));
        for s in &steps {
            assert!(!s.chip.source.is_empty());
        }
    }

    #[test]
    fn hbm_records_grow_every_step() {
        let r = hbm_records();
        assert!(r
            .windows(2)
            .all(|w| w[0].gb < w[1].gb && w[0].year <= w[1].year));
        let ids: Vec<&str> = r.iter().map(|s| s.chip.id).collect();
        assert!(ids.ends_with(&["mi300x", "mi325x", "b300"]), "{ids:?}");
        assert!(!ids.contains(&"h200"), "141 GB came after 192 GB");
    }

    #[test]
    fn max_hbm_by_year() {
        assert_eq!(max_hbm_gb(2016), None);
        assert_eq!(max_hbm_gb(2017).map(|m| m.1.id), Some("v100"));
        assert_eq!(max_hbm_gb(2022).map(|m| m.0), Some(80.0));
        // The notes' "at most ~192 GB" held through 2023.
        assert_eq!(
            max_hbm_gb(2023).map(|m| (m.0, m.1.id)),
            Some((192.0, "mi300x"))
        );
        assert_eq!(max_hbm_gb(2024).map(|m| m.0), Some(256.0));
        assert_eq!(max_hbm_gb(2025).map(|m| m.0), Some(288.0));
        assert_eq!(max_hbm_gb(u16::MAX).map(|m| m.0), Some(288.0));
    }

    #[test]
    fn params_round_trip_through_the_url() {
        let mut p = MemorySettings::default();
        for (k, v) in [
            ("mchip", "b200"),
            ("params_b", "405"),
            ("wfmt", "fp8"),
            ("kvfmt", "fp8"),
            ("layers", "126"),
            ("kv_heads", "16"),
            ("head_dim", "64"),
            ("ctx", "131072"),
            ("mbatch", "32"),
            ("train", "1"),
        ] {
            assert!(p.set(k, v), "{k}={v}");
        }
        let out = p.pairs();
        let written: Vec<&str> = out.iter().map(|kv| kv.0).collect();
        assert_eq!(written, keys::<MemorySettings>());
        let mut q = MemorySettings::default();
        for (k, v) in &out {
            assert!(q.set(k, v), "{k}={v}");
        }
        assert_eq!(p, q);
        assert!(q.set("params_b", "0.5"));
        assert!(q.pairs().contains(&("params_b", "0.5".to_string())));
        assert!(MemorySettings::default().pairs().is_empty());
    }

    #[test]
    fn malformed_or_out_of_range_values_are_refused_without_change() {
        let d = MemorySettings::default();
        let mut p = d;
        for (k, v) in [
            ("mchip", "H100"),
            ("params_b", "0"),
            ("params_b", "2000.1"),
            ("params_b", "70.05"),
            ("params_b", "-7"),
            ("wfmt", "int4"),
            ("kvfmt", ""),
            ("layers", "0"),
            ("layers", "1001"),
            ("kv_heads", "1025"),
            ("head_dim", "0"),
            ("ctx", "10000001"),
            ("mbatch", "4097"),
            ("mbatch", "1.5"),
            ("train", "yes"),
            ("chip", "h100"),
            ("batch", "2"),
        ] {
            assert!(!p.set(k, v), "{k}={v}");
            assert_eq!(p, d, "{k}={v}");
        }
    }

    #[test]
    fn range_ends_give_finite_fits() {
        for chip in 0..CHIPS.len() {
            for (params_tenths_b, layers, kv_heads, head_dim, ctx, batch) in [
                (1, 1, 1, 1, 1, 1),
                (20_000, 1000, 1024, 1024, 10_000_000, 4096),
            ] {
                for wfmt in 0..WEIGHT_FORMATS.len() {
                    for train in [false, true] {
                        let p = MemorySettings {
                            chip,
                            params_tenths_b,
                            wfmt,
                            kvfmt: wfmt,
                            layers,
                            kv_heads,
                            head_dim,
                            ctx,
                            batch,
                            train,
                        };
                        let f = p.fit();
                        assert!(f.total_bytes.is_finite() && f.total_bytes > 0.0);
                        assert!(f.chips >= 1);
                    }
                }
            }
        }
        let f = MemorySettings {
            chip: 999,
            wfmt: 999,
            ..MemorySettings::default()
        }
        .fit();
        assert_eq!(f, MemorySettings::default().fit());
        assert_eq!(chip("h100").map(|c| c.hbm), Some(80.0));
    }
}
