//! The precision panel's settings (`#/precision?...`) and how actions change
//! them. Pure: no web dependencies, no float parsing (a typed number is kept
//! as text, checked here by its grammar and converted by the page).
//!
//! URL keys: `fmt` (format id), `code` (bit pattern, `0x` hex), `x` (a typed
//! number; wins over `code`), `ov` (`sat` or `ieee`), `chip` (chip id),
//! `size` (model size in billions of parameters, one of `MODEL_SIZES_B`),
//! `batch` (a power of two from 1 to 1024).

use crate::chips::{Precision, CHIPS};
use crate::formats::{Format, Overflow};

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
pub struct PrecisionParams {
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

impl Default for PrecisionParams {
    fn default() -> Self {
        PrecisionParams {
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

impl PrecisionParams {
    /// The code shown when no number is typed: `code`, or the code of 1.0.
    pub fn base_code(&self) -> u32 {
        self.code
            .unwrap_or_else(|| self.fmt.encode(1.0, Overflow::Saturate))
    }

    /// The state after `action`.
    pub fn apply(&self, action: PrecisionAction) -> PrecisionParams {
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

    /// Applies one URL parameter; false when the key is not the panel's or
    /// the value is invalid. `code` is checked against the format, so `fmt`
    /// must come first (the caller applies it first).
    pub fn set_param(&mut self, key: &str, value: &str) -> bool {
        match key {
            "fmt" => value.parse().map(|f| self.fmt = f).is_ok(),
            "code" => {
                let hex = value
                    .strip_prefix("0x")
                    .or_else(|| value.strip_prefix("0X"));
                match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
                    Some(c) if c <= mask(self.fmt) && hex.is_none_or(|h| h.len() <= 8) => {
                        self.code = Some(c);
                        true
                    }
                    _ => false,
                }
            }
            "x" if is_number_text(value) => {
                self.typed = Some(value.trim().to_string());
                true
            }
            "ov" => match value {
                "sat" | "ieee" => {
                    self.overflow = if value == "sat" {
                        Overflow::Saturate
                    } else {
                        Overflow::Ieee
                    };
                    true
                }
                _ => false,
            },
            "chip" => CHIPS
                .iter()
                .position(|c| c.id == value)
                .map(|i| self.chip = i)
                .is_some(),
            "size" => MODEL_SIZES_B
                .iter()
                .position(|s| s.0 == value)
                .map(|i| self.size = i)
                .is_some(),
            "batch" => match value.parse::<u32>() {
                Ok(b) if b.is_power_of_two() && b <= MAX_BATCH => {
                    self.batch = b;
                    true
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// The URL parameters that differ from the defaults, in a fixed order.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let d = PrecisionParams::default();
        let mut out = Vec::new();
        if self.fmt != d.fmt {
            out.push(("fmt", self.fmt.id().to_string()));
        }
        if let Some(t) = &self.typed {
            out.push(("x", t.clone()));
        } else if let Some(c) = self
            .code
            .filter(|&c| c != self.fmt.encode(1.0, Overflow::Saturate))
        {
            out.push(("code", format!("{c:#x}")));
        }
        if self.overflow != d.overflow {
            out.push(("ov", "ieee".to_string()));
        }
        if self.chip != d.chip {
            out.push((
                "chip",
                CHIPS.get(self.chip).map_or("", |c| c.id).to_string(),
            ));
        }
        if self.size != d.size {
            out.push((
                "size",
                MODEL_SIZES_B[self.size.min(MODEL_SIZES_B.len() - 1)]
                    .0
                    .to_string(),
            ));
        }
        if self.batch != d.batch {
            out.push(("batch", self.batch.to_string()));
        }
        out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_names_a_known_source() {
        for f in Format::ALL {
            let s = crate::chips::source(format_source(f));
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
    fn params_round_trip_through_set_param() {
        let p = PrecisionParams::default()
            .apply(PrecisionAction::SetFormat(Format::E4m3))
            .apply(PrecisionAction::SetCode(0x7e))
            .apply(PrecisionAction::SetOverflow(Overflow::Ieee))
            .apply(PrecisionAction::SetSize(0))
            .apply(PrecisionAction::SetBatch(64));
        let mut q = PrecisionParams::default();
        for (k, v) in p.params() {
            assert!(q.set_param(k, &v), "{k}={v}");
        }
        assert_eq!(q, p);
    }

    #[test]
    fn code_must_fit_the_format() {
        let mut p = PrecisionParams {
            fmt: Format::E2m1,
            ..PrecisionParams::default()
        };
        assert!(p.set_param("code", "0xf"));
        assert!(!p.set_param("code", "0x10"));
        assert!(!p.set_param("code", "15"), "hex only");
        assert!(!p.set_param("code", "0x"));
    }

    #[test]
    fn changing_format_keeps_the_value() {
        let p = PrecisionParams {
            fmt: Format::Fp16,
            ..PrecisionParams::default()
        }
        .apply(PrecisionAction::SetCode(
            Format::Fp16.encode(3.0, Overflow::Saturate),
        ))
        .apply(PrecisionAction::SetFormat(Format::E4m3));
        assert_eq!(Format::E4m3.decode(p.base_code()), 3.0);
    }

    #[test]
    fn flipping_a_bit_clears_the_typed_number() {
        let p = PrecisionParams::default().apply(PrecisionAction::Typed("0.1".into(), 0x3dcd));
        assert_eq!(p.typed.as_deref(), Some("0.1"));
        let q = p.apply(PrecisionAction::FlipBit(15));
        assert_eq!(q.typed, None);
        assert_eq!(q.code, Some(0xbdcd));
        // A bit beyond the width changes nothing.
        assert_eq!(q.apply(PrecisionAction::FlipBit(40)).code, Some(0xbdcd));
    }

    #[test]
    fn batch_and_size_stay_in_range() {
        let p = PrecisionParams::default();
        assert_eq!(p.apply(PrecisionAction::SetBatch(0)).batch, 1);
        assert_eq!(p.apply(PrecisionAction::SetBatch(100)).batch, 128);
        assert_eq!(
            p.apply(PrecisionAction::SetBatch(u32::MAX)).batch,
            MAX_BATCH
        );
        assert_eq!(
            p.apply(PrecisionAction::SetSize(999)).size,
            MODEL_SIZES_B.len() - 1
        );
        let mut q = PrecisionParams::default();
        assert!(!q.set_param("batch", "3"));
        assert!(!q.set_param("batch", "2048"));
        assert!(!q.set_param("size", "71"));
    }
}
