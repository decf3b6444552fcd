//! Accelerator figures, compiled in from `data/chips.csv` and `data/sources.csv`
//! by `build.rs` (the build fails on a row without a known source or an `as_of`).
//!
//! Units: throughput in dense TFLOP/s (10^12 floating-point operations per
//! second, no sparsity); memory as the source quotes it, in GB (10^9 bytes)
//! or GiB (2^30 bytes: H100, H200, A100 and Google's TPUs), with
//! [`Chip::hbm_gb`] giving the real capacity in GB; memory bandwidth in TB/s
//! (10^12 bytes per second); scale-up interconnect (NVLink, Infinity Fabric,
//! ICI) in GB/s, both directions added; power in W.
//!
//! A throughput is a [`Rate`]: a figure, `NotSupported` (the chip has no unit
//! for that format, `-` in the CSV) or `Unknown` (no sourced figure, `?`).
//! Where the vendor gives one FP16/BF16 tensor rate, `fp16` repeats `bf16`.
//! `source` holds one or more keys of [`SOURCES`](crate::model::sources::SOURCES) separated by spaces.

use crate::model::sources::{cite, source, Source};

/// Throughput of one chip in one number format.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rate {
    /// Dense TFLOP/s.
    Tflops(f64),
    /// The chip has no unit for this format.
    NotSupported,
    /// The chip may support it, but there is no sourced figure.
    Unknown,
}

impl Rate {
    /// The figure in dense TFLOP/s, if there is one.
    pub fn tflops(self) -> Option<f64> {
        match self {
            Rate::Tflops(t) => Some(t),
            _ => None,
        }
    }
}

/// A number format the chips' rates are given for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Fp32,
    Tf32,
    Bf16,
    Fp16,
    Fp8,
    Fp6,
    Fp4,
}

impl Precision {
    /// Every precision, widest first.
    pub const ALL: [Precision; 7] = [
        Precision::Fp32,
        Precision::Tf32,
        Precision::Bf16,
        Precision::Fp16,
        Precision::Fp8,
        Precision::Fp6,
        Precision::Fp4,
    ];

    /// Bits per value in memory (TF32 is stored in a 32-bit container).
    pub fn bits(self) -> u32 {
        match self {
            Precision::Fp32 | Precision::Tf32 => 32,
            Precision::Bf16 | Precision::Fp16 => 16,
            Precision::Fp8 => 8,
            Precision::Fp6 => 6,
            Precision::Fp4 => 4,
        }
    }
}

/// The unit a chip's memory is quoted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemUnit {
    /// 10^9 bytes.
    Gb,
    /// 2^30 bytes (about 7.4 % more than a GB).
    Gib,
}

impl MemUnit {
    /// Bytes in one unit.
    pub fn bytes(self) -> f64 {
        match self {
            MemUnit::Gb => 1e9,
            MemUnit::Gib => 1_073_741_824.0,
        }
    }

    /// The unit's symbol: `GB`, `GiB`.
    pub fn symbol(self) -> &'static str {
        match self {
            MemUnit::Gb => "GB",
            MemUnit::Gib => "GiB",
        }
    }
}

/// One accelerator (one row of `data/chips.csv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chip {
    /// Stable id, e.g. `h100`.
    pub id: &'static str,
    /// Display name, e.g. `H100 SXM`.
    pub name: &'static str,
    pub vendor: &'static str,
    /// Year of release.
    pub year: u16,
    pub fp32: Rate,
    pub tf32: Rate,
    pub bf16: Rate,
    pub fp16: Rate,
    pub fp8: Rate,
    pub fp6: Rate,
    pub fp4: Rate,
    /// HBM capacity as the source quotes it, in `hbm_unit`s (80 for the
    /// H100's 80 GiB).
    pub hbm: f64,
    pub hbm_unit: MemUnit,
    /// HBM bandwidth in TB/s.
    pub hbm_tbs: f64,
    /// Scale-up interconnect bandwidth in GB/s, both directions added.
    pub scaleup_gbs: f64,
    /// Board power in W; `None` where the vendor publishes none.
    pub tdp_w: Option<f64>,
    /// Keys of [`SOURCES`](crate::model::sources::SOURCES), separated by spaces; see [`Chip::sources`].
    pub source: &'static str,
    /// Date of the figures: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: &'static str,
    /// Free text without commas; may be empty.
    pub note: &'static str,
    /// `note` in Chinese (empty exactly when `note` is).
    pub note_zh: &'static str,
}

impl Chip {
    /// The row's sources as the page names them ([`cite`]).
    pub fn cite(&self) -> String {
        cite(self.source.split(' ').filter_map(source), self.as_of)
    }

    /// HBM capacity in GB (10^9 bytes): the H100's 80 GiB is 85.9 GB.
    pub fn hbm_gb(&self) -> f64 {
        self.hbm * self.hbm_unit.bytes() / 1e9
    }

    /// HBM as quoted, with its unit: `80 GiB`, `192 GB` (the number written
    /// by the caller's formatter).
    pub fn hbm_quoted(&self, number: impl Fn(f64) -> String) -> String {
        format!("{} {}", number(self.hbm), self.hbm_unit.symbol())
    }

    /// Dense TFLOP/s (or why there is none) in `p`.
    pub fn rate(&self, p: Precision) -> Rate {
        match p {
            Precision::Fp32 => self.fp32,
            Precision::Tf32 => self.tf32,
            Precision::Bf16 => self.bf16,
            Precision::Fp16 => self.fp16,
            Precision::Fp8 => self.fp8,
            Precision::Fp6 => self.fp6,
            Precision::Fp4 => self.fp4,
        }
    }

    /// The sources of this row, in the order the row names them.
    pub fn sources(&self) -> impl Iterator<Item = &'static Source> {
        self.source.split(' ').filter_map(source)
    }
}

include!(concat!(env!("OUT_DIR"), "/chips_tables.rs"));

/// The chip with this id.
pub fn chip(id: &str) -> Option<&'static Chip> {
    CHIPS.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sources::SOURCES;

    fn tf(id: &str, p: Precision) -> f64 {
        chip(id)
            .and_then(|c| c.rate(p).tflops())
            .unwrap_or(f64::NAN)
    }

    #[test]
    fn every_chip_cites_known_sources() {
        for c in CHIPS {
            assert!(!c.source.is_empty(), "{}", c.id);
            for key in c.source.split(' ') {
                assert!(source(key).is_some(), "{}: unknown source {key}", c.id);
            }
            assert_eq!(c.sources().count(), c.source.split(' ').count());
        }
    }

    #[test]
    fn every_row_has_an_as_of_date() {
        for c in CHIPS {
            assert!(!c.as_of.is_empty(), "{}", c.id);
        }
        for s in SOURCES {
            assert!(!s.as_of.is_empty(), "{}", s.key);
        }
    }

    #[test]
    fn chip_ids_and_source_keys_are_unique() {
        for (i, a) in CHIPS.iter().enumerate() {
            assert!(CHIPS[i + 1..].iter().all(|b| b.id != a.id), "{}", a.id);
        }
        for (i, a) in SOURCES.iter().enumerate() {
            assert!(SOURCES[i + 1..].iter().all(|b| b.key != a.key), "{}", a.key);
        }
    }

    #[test]
    fn b200_fp4_is_twice_fp8_is_four_times_bf16() {
        assert_eq!(tf("b200", Precision::Fp4), 9000.0);
        assert_eq!(tf("b200", Precision::Fp4), 2.0 * tf("b200", Precision::Fp8));
        assert_eq!(
            tf("b200", Precision::Fp4),
            4.0 * tf("b200", Precision::Bf16)
        );
    }

    #[test]
    fn tpu_v6e_runs_fp8_at_the_bf16_rate() {
        assert_eq!(tf("tpu-v6e", Precision::Fp8), 918.0);
        assert_eq!(
            tf("tpu-v6e", Precision::Fp8),
            tf("tpu-v6e", Precision::Bf16)
        );
    }

    #[test]
    fn h100_bf16_is_about_15_times_fp32() {
        let r = tf("h100", Precision::Bf16) / tf("h100", Precision::Fp32);
        assert!((r - 14.8).abs() < 0.05, "{r}");
    }

    #[test]
    fn missing_and_unsupported_are_kept_apart() {
        let v5e = chip("tpu-v5e").expect("tpu-v5e");
        assert_eq!(v5e.fp8, Rate::NotSupported);
        assert_eq!(v5e.fp16, Rate::NotSupported);
        assert_eq!(v5e.tdp_w, None);
        assert_eq!(v5e.fp6, Rate::NotSupported);
        assert_eq!(chip("h100").map(|c| c.fp4), Some(Rate::NotSupported));
        assert_eq!(chip("h100").and_then(|c| c.tdp_w), Some(700.0));
    }

    #[test]
    fn rate_picks_the_column_of_each_precision() {
        let c = chip("gb200").expect("gb200");
        let got: Vec<Rate> = Precision::ALL.iter().map(|&p| c.rate(p)).collect();
        assert_eq!(got, [c.fp32, c.tf32, c.bf16, c.fp16, c.fp8, c.fp6, c.fp4]);
        assert_eq!(c.rate(Precision::Tf32), Rate::Tflops(1250.0));
    }

    #[test]
    fn lookups_miss_unknown_ids() {
        assert!(chip("h100").is_some());
        assert!(chip("").is_none());
        assert!(chip("H100").is_none());
        assert!(source("nope").is_none());
        assert_eq!(source("SB").map(|s| s.as_of), Some("2025-08"));
    }

    #[test]
    fn figures_are_finite_and_positive() {
        for c in CHIPS {
            for v in [c.hbm, c.hbm_tbs, c.scaleup_gbs] {
                assert!(v.is_finite() && v > 0.0, "{}", c.id);
            }
            for p in Precision::ALL {
                if let Rate::Tflops(t) = c.rate(p) {
                    assert!(t.is_finite() && t > 0.0, "{} {p:?}", c.id);
                }
            }
        }
        assert_eq!(chip("h100").map(|c| c.hbm_tbs), Some(3.35));
    }

    #[test]
    fn gib_chips_hold_more_bytes_than_their_quoted_number() {
        let h100 = chip("h100").expect("h100");
        assert_eq!((h100.hbm, h100.hbm_unit), (80.0, MemUnit::Gib));
        assert!((h100.hbm_gb() - 85.899_345_92).abs() < 1e-9);
        assert_eq!(h100.hbm_quoted(|x| x.to_string()), "80 GiB");
        let b200 = chip("b200").expect("b200");
        assert_eq!((b200.hbm_gb(), b200.hbm_unit), (180.0, MemUnit::Gb));
        for id in [
            "h100", "h200", "a100", "tpu-v5e", "tpu-v5p", "tpu-v6e", "tpu7x",
        ] {
            assert_eq!(chip(id).map(|c| c.hbm_unit), Some(MemUnit::Gib), "{id}");
        }
    }

    #[test]
    fn fp6_is_supported_only_where_the_source_gives_a_rate() {
        for id in [
            "h100", "h200", "mi300x", "mi325x", "tpu-v5e", "tpu-v5p", "tpu-v6e", "tpu7x", "a100",
            "v100",
        ] {
            assert_eq!(chip(id).map(|c| c.fp6), Some(Rate::NotSupported), "{id}");
        }
        assert_eq!(tf("b200", Precision::Fp6), 4500.0);
        assert_eq!(tf("gb200", Precision::Fp6), 5000.0);
        assert_eq!(tf("b300", Precision::Fp6), 4500.0);
    }

    #[test]
    fn b300_row_follows_its_source() {
        let b300 = chip("b300").expect("b300");
        assert_eq!(tf("b300", Precision::Fp32), 80.0);
        assert_eq!(tf("b300", Precision::Fp4), 12600.0);
        assert_eq!(b300.tdp_w, Some(1000.0));
        assert!(
            b300.note.contains("75") && b300.note.contains("15000") && b300.note.contains("1400")
        );
    }
}
