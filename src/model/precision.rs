//! The precision panel's settings (`#/precision?...`) and how actions change
//! them. Pure: no web dependencies, no float parsing (a typed number is kept
//! as text, checked here by its grammar and converted by the page).
//!
//! URL keys: `fmt` (format id), `code` (bit pattern, `0x` hex), `x` (a typed
//! number; wins over `code`), `ov` (`sat` or `ieee`), `chip` (chip id),
//! `size` (model size in billions of parameters, one of `MODEL_SIZES_B`),
//! `batch` (a power of two from 1 to 1024).

use crate::choice_field;
use crate::model::chips::{Precision, CHIPS};
use crate::model::formats::{Format, Overflow};
use crate::model::settings::{index_within, Change, Field, Settings};

/// Model sizes the size slider stops at, in billions of parameters, about
/// evenly spaced on a log scale from 1B to 1T: (URL id, value).
pub const MODEL_SIZES_B: [(&str, f64); 19] = [
    ("1", 1.0),
    ("1.5", 1.5),
    ("2", 2.0),
    ("3", 3.0),
    ("5", 5.0),
    ("7", 7.0),
    ("10", 10.0),
    ("15", 15.0),
    ("20", 20.0),
    ("30", 30.0),
    ("50", 50.0),
    ("70", 70.0),
    ("100", 100.0),
    ("150", 150.0),
    ("200", 200.0),
    ("300", 300.0),
    ("500", 500.0),
    ("700", 700.0),
    ("1000", 1000.0),
];

/// Largest batch size (sequences decoded together); batches are powers of two.
pub const MAX_BATCH: u32 = 1024;

/// The chip shown first.
pub const DEFAULT_CHIP: &str = "b200";
/// The model size shown first, in billions.
pub const DEFAULT_SIZE: &str = "70";

/// The panel's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrecisionSettings {
    /// The format of the explorer, the throughput and the quantization demo.
    pub fmt: Format,
    /// The explorer's bit pattern; `None` is the code of 1.0.
    pub code: Option<u32>,
    /// A number typed by the reader (valid by `is_number_text`); wins over `code`.
    pub typed: Option<String>,
    pub overflow: Overflow,
    /// Index into `CHIPS`.
    pub chip: usize,
    /// Index into `MODEL_SIZES_B`.
    pub size: usize,
    /// Sequences per decoding step, a power of two.
    pub batch: u32,
}

impl Default for PrecisionSettings {
    fn default() -> Self {
        PrecisionSettings {
            fmt: Format::Bf16,
            code: None,
            typed: None,
            overflow: Overflow::Saturate,
            chip: CHIPS.iter().position(|c| c.id == DEFAULT_CHIP).unwrap_or(0),
            size: MODEL_SIZES_B
                .iter()
                .position(|s| s.0 == DEFAULT_SIZE)
                .unwrap_or(0),
            batch: 1,
        }
    }
}

/// Changes to the panel's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrecisionAction {
    /// Keeps the value shown, re-encoded in the new format.
    SetFormat(Format),
    /// Sets the bit pattern; clears a typed number.
    SetCode(u32),
    /// Flips one bit (0 = least significant).
    FlipBit(u32),
    /// A typed number (checked with `is_number_text`) and its nearest code.
    Typed(String, u32),
    SetOverflow(Overflow),
    SetChip(usize),
    SetSize(usize),
    SetBatch(u32),
}

/// Whether `s` is a decimal number as the page accepts one: optional sign,
/// digits with an optional fraction, optional exponent; or inf / nan.
pub fn is_number_text(s: &str) -> bool {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let body = lower.strip_prefix(['+', '-']).unwrap_or(&lower);
    if matches!(body, "inf" | "infinity" | "nan") {
        return true;
    }
    let (mantissa, exponent) = match body.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((a, b)) => {
            (a.is_empty() || digits(a))
                && (b.is_empty() || digits(b))
                && !(a.is_empty() && b.is_empty())
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    t.len() <= 64 && mantissa_ok && exponent_ok
}

impl PrecisionSettings {
    /// The code shown when no number is typed: `code`, or the code of 1.0.
    pub fn base_code(&self) -> u32 {
        self.code
            .unwrap_or_else(|| self.fmt.encode(1.0, Overflow::Saturate))
    }

    /// The state after `action`.
    pub fn update(&self, action: PrecisionAction) -> PrecisionSettings {
        let mut p = self.clone();
        match action {
            PrecisionAction::SetFormat(f) => {
                let value = self.fmt.decode(self.base_code());
                p.fmt = f;
                p.code = Some(f.encode(value, self.overflow));
            }
            PrecisionAction::SetCode(c) => {
                p.code = Some(c & mask(p.fmt));
                p.typed = None;
            }
            PrecisionAction::FlipBit(i) => {
                let bit = if i < p.fmt.bits() { 1 << i } else { 0 };
                p.code = Some((self.base_code() ^ bit) & mask(p.fmt));
                p.typed = None;
            }
            PrecisionAction::Typed(text, code) => {
                if is_number_text(&text) {
                    p.typed = Some(text.trim().to_string());
                    p.code = Some(code & mask(p.fmt));
                }
            }
            PrecisionAction::SetOverflow(o) => p.overflow = o,
            PrecisionAction::SetChip(i) => p.chip = i.min(CHIPS.len().saturating_sub(1)),
            PrecisionAction::SetSize(i) => p.size = i.min(MODEL_SIZES_B.len() - 1),
            PrecisionAction::SetBatch(b) => {
                p.batch = b.clamp(1, MAX_BATCH).next_power_of_two().min(MAX_BATCH)
            }
        }
        p
    }

    /// Model size in parameters.
    pub fn params_count(&self) -> f64 {
        MODEL_SIZES_B[self.size.min(MODEL_SIZES_B.len() - 1)].1 * 1e9
    }
}

/// The chip-table precision a format computes in; `None` for E8M0, which
/// is only a block scale.
pub fn compute_precision(f: Format) -> Option<Precision> {
    Some(match f {
        Format::Fp32 => Precision::Fp32,
        Format::Tf32 => Precision::Tf32,
        Format::Bf16 => Precision::Bf16,
        Format::Fp16 => Precision::Fp16,
        Format::E4m3 | Format::E5m2 => Precision::Fp8,
        Format::E3m2 | Format::E2m3 => Precision::Fp6,
        Format::E2m1 => Precision::Fp4,
        Format::E8m0 => return None,
    })
}

/// The format's display name, e.g. "FP8 E4M3".
pub fn format_name(f: Format) -> &'static str {
    match f {
        Format::Fp32 => "FP32",
        Format::Tf32 => "TF32",
        Format::Bf16 => "BF16",
        Format::Fp16 => "FP16",
        Format::E4m3 => "FP8 E4M3",
        Format::E5m2 => "FP8 E5M2",
        Format::E3m2 => "FP6 E3M2",
        Format::E2m3 => "FP6 E2M3",
        Format::E2m1 => "FP4 E2M1",
        Format::E8m0 => "E8M0",
    }
}

/// Source key (data/sources.csv) of a format's definition.
pub fn format_source(f: Format) -> &'static str {
    match f {
        Format::Fp32 | Format::Fp16 => "IEEE754",
        Format::Tf32 => "NV-TF32",
        Format::Bf16 => "MLD",
        Format::E4m3 | Format::E5m2 | Format::E3m2 | Format::E2m3 | Format::E2m1 | Format::E8m0 => {
            "OCP-MX"
        }
    }
}

/// All-ones over the format's width.
pub fn mask(f: Format) -> u32 {
    if f.bits() >= 32 {
        u32::MAX
    } else {
        (1 << f.bits()) - 1
    }
}

/// Precision's controls send actions (a bit flipped, a number typed), each
/// applied to the settings as they are when it arrives.
impl Change<PrecisionSettings> for PrecisionAction {
    fn applied_to(self, now: &PrecisionSettings) -> PrecisionSettings {
        now.update(self)
    }
}

impl Settings for PrecisionSettings {
    const FIELDS: &'static [Field<Self>] = &[
        Field {
            key: "fmt",
            set: |s, v| v.parse().ok().map(|f| s.fmt = f),
            get: |s| Some(s.fmt.id().to_string()),
        },
        Field {
            key: "x",
            set: |s, v| is_number_text(v).then(|| s.typed = Some(v.trim().to_string())),
            get: |s| s.typed.clone(),
        },
        // Checked against `fmt`, which is applied first (`FIRST`).
        Field {
            key: "code",
            set: |s, v| {
                let hex = v.strip_prefix("0x").or_else(|| v.strip_prefix("0X"))?;
                let c = u32::from_str_radix(hex, 16).ok()?;
                (hex.len() <= 8 && c <= mask(s.fmt)).then(|| s.code = Some(c))
            },
            // Left out when a typed number stands in for it, or it is 1.0.
            get: |s| {
                let one = s.fmt.encode(1.0, Overflow::Saturate);
                s.code
                    .filter(|&c| s.typed.is_none() && c != one)
                    .map(|c| format!("{c:#x}"))
            },
        },
        Field {
            key: "ov",
            set: |s, v| {
                let o = match v {
                    "sat" => Overflow::Saturate,
                    "ieee" => Overflow::Ieee,
                    _ => return None,
                };
                s.overflow = o;
                Some(())
            },
            get: |s| {
                Some(
                    if s.overflow == Overflow::Ieee {
                        "ieee"
                    } else {
                        "sat"
                    }
                    .to_string(),
                )
            },
        },
        choice_field!("chip", CHIPS, chip),
        Field {
            key: "size",
            set: |s, v| {
                MODEL_SIZES_B
                    .iter()
                    .position(|m| m.0 == v)
                    .map(|i| s.size = i)
            },
            get: |s| MODEL_SIZES_B.get(s.size).map(|m| m.0.to_string()),
        },
        Field {
            key: "batch",
            set: |s, v| {
                let b = v.parse::<u32>().ok()?;
                (b.is_power_of_two() && b <= MAX_BATCH).then(|| s.batch = b)
            },
            get: |s| Some(s.batch.to_string()),
        },
    ];
    const FIRST: &'static [&'static str] = &["fmt"];

    fn clamped(&self) -> Self {
        let d = PrecisionSettings::default();
        PrecisionSettings {
            chip: index_within(self.chip, CHIPS.len(), d.chip),
            size: index_within(self.size, MODEL_SIZES_B.len(), d.size),
            batch: self
                .batch
                .clamp(1, MAX_BATCH)
                .next_power_of_two()
                .min(MAX_BATCH),
            ..self.clone()
        }
    }

    fn examples() -> Vec<Self> {
        // A typed number as a link gives it: the page finds its code.
        let typed = PrecisionSettings {
            fmt: Format::E2m1,
            typed: Some("0.1".to_string()),
            chip: CHIPS.iter().position(|c| c.id == "tpu-v6e").unwrap_or(0),
            size: MODEL_SIZES_B.len() - 1,
            batch: MAX_BATCH,
            ..PrecisionSettings::default()
        };
        let coded = PrecisionSettings::default()
            .update(PrecisionAction::SetFormat(Format::E4m3))
            .update(PrecisionAction::SetCode(0x7e))
            .update(PrecisionAction::SetOverflow(Overflow::Ieee))
            .update(PrecisionAction::SetSize(0))
            .update(PrecisionAction::SetBatch(64));
        vec![coded, typed]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::settings::DynSettings;

    #[test]
    fn every_format_names_a_known_source() {
        for f in Format::ALL {
            let s = crate::model::sources::source(format_source(f));
            assert!(s.is_some_and(|s| !s.as_of.is_empty()), "{f:?}");
            assert!(!format_name(f).is_empty());
        }
    }

    #[test]
    fn number_text_grammar() {
        for ok in [
            "1",
            "-2.5",
            "+.5",
            "5.",
            "1e3",
            "1.5E-7",
            "inf",
            "-Infinity",
            "nan",
            " 448 ",
        ] {
            assert!(is_number_text(ok), "{ok}");
        }
        for bad in [
            "", ".", "e5", "1e", "1.2.3", "0x10", "abc", "1,5", "--1", "1e+-2",
        ] {
            assert!(!is_number_text(bad), "{bad}");
        }
    }

    #[test]
    fn code_must_fit_the_format() {
        let mut p = PrecisionSettings {
            fmt: Format::E2m1,
            ..PrecisionSettings::default()
        };
        assert!(p.set("code", "0xf"));
        assert!(!p.set("code", "0x10"));
        assert!(!p.set("code", "15"), "hex only");
        assert!(!p.set("code", "0x"));
    }

    #[test]
    fn changing_format_keeps_the_value() {
        let p = PrecisionSettings {
            fmt: Format::Fp16,
            ..PrecisionSettings::default()
        }
        .update(PrecisionAction::SetCode(
            Format::Fp16.encode(3.0, Overflow::Saturate),
        ))
        .update(PrecisionAction::SetFormat(Format::E4m3));
        assert_eq!(Format::E4m3.decode(p.base_code()), 3.0);
    }

    #[test]
    fn flipping_a_bit_clears_the_typed_number() {
        let p = PrecisionSettings::default().update(PrecisionAction::Typed("0.1".into(), 0x3dcd));
        assert_eq!(p.typed.as_deref(), Some("0.1"));
        let q = p.update(PrecisionAction::FlipBit(15));
        assert_eq!(q.typed, None);
        assert_eq!(q.code, Some(0xbdcd));
        // A bit beyond the width changes nothing.
        assert_eq!(q.update(PrecisionAction::FlipBit(40)).code, Some(0xbdcd));
    }

    #[test]
    fn batch_and_size_stay_in_range() {
        let p = PrecisionSettings::default();
        assert_eq!(p.update(PrecisionAction::SetBatch(0)).batch, 1);
        assert_eq!(p.update(PrecisionAction::SetBatch(100)).batch, 128);
        assert_eq!(
            p.update(PrecisionAction::SetBatch(u32::MAX)).batch,
            MAX_BATCH
        );
        assert_eq!(
            p.update(PrecisionAction::SetSize(999)).size,
            MODEL_SIZES_B.len() - 1
        );
        let mut q = PrecisionSettings::default();
        assert!(!q.set("batch", "3"));
        assert!(!q.set("batch", "2048"));
        assert!(!q.set("size", "71"));
    }
}
