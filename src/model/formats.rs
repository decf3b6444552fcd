//! Number formats of the "precision vs speed" panel: bit-exact codecs for
//! FP32, TF32, BF16, FP16, the FP8 formats E4M3 and E5M2, the FP6 formats
//! E3M2 and E2M3, FP4 E2M1 and the scale format E8M0. Pure: std only.
//!
//! Conventions:
//! - A *code* is the format's bit pattern in the low `bits()` bits of a `u32`
//!   (sign, then exponent field, then mantissa field). Every function masks
//!   its code argument to that width first, so any `u32` is accepted.
//! - Values are plain `f64` numbers (no units); every value of every format
//!   here is exactly an `f64`, so `decode` is exact.
//! - `encode` rounds an `f64` *once*, to nearest with ties to even (no
//!   rounding through `f32` first). Signed zero is kept, and values too small
//!   for the smallest subnormal round to a zero of their sign.
//! - Nothing here panics, and no float is formatted or parsed: showing
//!   numbers is the UI's job.
//!
//! Reference: ml_dtypes 0.6.0, pinned by `tests/vectors` (made by
//! `scripts/gen_format_vectors.py`). `Overflow::Ieee` is what an ml_dtypes
//! cast does; what the vectors show, format by format:
//! - FP32, TF32, BF16, FP16, E5M2: overflow and ±inf give ±inf; NaN gives the
//!   quiet NaN of its sign (0x7fc00000, 0x3fe00, 0x7fc0, 0x7e00, 0x7e; NaN
//!   payloads are not kept).
//! - E4M3 (OCP "fn"): no infinities; overflow (|x| > 464, which rounds past
//!   448; 464 itself is a tie and rounds to even, 448) and ±inf give the NaN
//!   of the input's sign, 0x7f / 0xff; NaN gives 0x7f / 0xff by sign.
//! - E3M2, E2M3, E2M1: no inf/NaN; ml_dtypes saturates overflow and ±inf to
//!   ±max. NaN has no code: ml_dtypes maps it to a zero of the *opposite*
//!   sign (its "quiet NaN" constant is the code of -0 and it negates that for
//!   a negative NaN), so +NaN gives -0 (0x20 / 0x8) and -NaN gives +0. We do
//!   the same in both modes.
//! - E8M0 (unsigned, value 2^(code-127), 0xff NaN, no zero): NaN, ±inf,
//!   ±0, any negative number and overflow (x >= 1.5 * 2^127) give 0xff.
//!   Rounding is to the nearest power of two with ties (1.5 * 2^k) up, which
//!   is ties-to-even in the code as the generic rule gives it. Below 2^-126
//!   ml_dtypes rounds as if code 0x00 stood for zero: x <= 2^-127 gives 0x00
//!   and 2^-127 < x < 1.5 * 2^-126 gives 0x01 (2^-126), even for x just above
//!   2^-127. We do the same.
//!
//! `Overflow::Saturate` differs only for overflow and ±inf: they give ±max
//! finite (E8M0: 0xfe for +inf and overflow; 0x00, the smallest value, for
//! zero, negative numbers and -inf, as ml_dtypes' internal saturating
//! convert does for zero and negatives; its numpy casts never saturate).
//!
//! Where ml_dtypes is not the reference: its float64 *array* cast goes
//! through float32 and so can round twice (e.g. 1 + 2^-4 + 2^-40 becomes 1.0
//! in E4M3 instead of 1.125); we round once, which is what its scalar
//! constructors and a float32 input give. TF32 has no ml_dtypes type: it is
//! FP32 with the low 13 mantissa bits dropped, tested by hand and by that law.

use std::str::FromStr;

/// A number format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// IEEE-754 binary32: 1 sign, 8 exponent, 23 mantissa bits, bias 127.
    Fp32,
    /// NVIDIA TensorFloat-32: 1/8/10, bias 127, inf and NaN; a 19-bit code.
    Tf32,
    /// bfloat16: 1/8/7, bias 127, the top 16 bits of FP32.
    Bf16,
    /// IEEE-754 binary16: 1/5/10, bias 15.
    Fp16,
    /// OCP FP8 E4M3 ("fn"): 1/4/3, bias 7, no inf, S.1111.111 is NaN, max 448.
    E4m3,
    /// OCP FP8 E5M2: 1/5/2, bias 15, inf and NaN, max 57344.
    E5m2,
    /// OCP FP6 E3M2: 1/3/2, bias 3, no inf/NaN, max 28.
    E3m2,
    /// OCP FP6 E2M3: 1/2/3, bias 1, no inf/NaN, max 7.5.
    E2m3,
    /// OCP FP4 E2M1: 1/2/1, bias 1, no inf/NaN, values ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}.
    E2m1,
    /// OCP E8M0 scale: unsigned, 8 exponent bits, value 2^(code-127), 0xff NaN, no zero.
    E8m0,
}

/// What `encode` does with values beyond the largest finite magnitude.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Overflow {
    /// Clamp to ±max finite, ±inf included (hardware "satfinite").
    #[default]
    Saturate,
    /// What an ml_dtypes cast does: ±inf, NaN or ±max by format (module doc).
    Ieee,
}

/// The class of a code's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// ±0.
    Zero,
    /// Exponent field 0, mantissa not 0.
    Subnormal,
    /// A finite value with an implicit leading 1 (every E8M0 value but NaN).
    Normal,
    /// ±inf.
    Infinite,
    /// Not a number.
    Nan,
}

/// The error of `Format::from_str`: the text is not one of the ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownFormat;

/// How a format spends its top exponent field.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Top exponent: inf (mantissa 0) or NaN.
    Ieee,
    /// Only the all-ones magnitude is NaN (E4M3).
    Fn,
    /// No specials (FP6, FP4).
    Finite,
    /// E8M0.
    Scale,
}

impl Format {
    /// Every format, widest first.
    pub const ALL: [Format; 10] = [
        Format::Fp32,
        Format::Tf32,
        Format::Bf16,
        Format::Fp16,
        Format::E4m3,
        Format::E5m2,
        Format::E3m2,
        Format::E2m3,
        Format::E2m1,
        Format::E8m0,
    ];

    /// `(exponent bits, mantissa bits, kind)`.
    const fn spec(self) -> (u32, u32, Kind) {
        match self {
            Format::Fp32 => (8, 23, Kind::Ieee),
            Format::Tf32 => (8, 10, Kind::Ieee),
            Format::Bf16 => (8, 7, Kind::Ieee),
            Format::Fp16 => (5, 10, Kind::Ieee),
            Format::E4m3 => (4, 3, Kind::Fn),
            Format::E5m2 => (5, 2, Kind::Ieee),
            Format::E3m2 => (3, 2, Kind::Finite),
            Format::E2m3 => (2, 3, Kind::Finite),
            Format::E2m1 => (2, 1, Kind::Finite),
            Format::E8m0 => (8, 0, Kind::Scale),
        }
    }

    fn kind(self) -> Kind {
        self.spec().2
    }

    /// The short id: "fp32", "tf32", "bf16", "fp16", "e4m3", "e5m2", "e3m2",
    /// "e2m3", "e2m1", "e8m0".
    pub fn id(self) -> &'static str {
        match self {
            Format::Fp32 => "fp32",
            Format::Tf32 => "tf32",
            Format::Bf16 => "bf16",
            Format::Fp16 => "fp16",
            Format::E4m3 => "e4m3",
            Format::E5m2 => "e5m2",
            Format::E3m2 => "e3m2",
            Format::E2m3 => "e2m3",
            Format::E2m1 => "e2m1",
            Format::E8m0 => "e8m0",
        }
    }

    /// Total width of a code in bits (TF32: 19).
    pub fn bits(self) -> u32 {
        self.exp_bits() + self.man_bits() + u32::from(self.has_sign())
    }

    /// Width of the exponent field.
    pub fn exp_bits(self) -> u32 {
        self.spec().0
    }

    /// Width of the mantissa (trailing significand) field.
    pub fn man_bits(self) -> u32 {
        self.spec().1
    }

    /// Whether the code has a sign bit (all but E8M0).
    pub fn has_sign(self) -> bool {
        self.kind() != Kind::Scale
    }

    /// Exponent bias: 2^(exp_bits-1) - 1 for every format here.
    pub fn bias(self) -> i32 {
        (1 << (self.exp_bits() - 1)) - 1
    }

    /// Exponent of the smallest normal value, 1 - bias.
    fn emin(self) -> i32 {
        1 - self.bias()
    }

    fn mask(self) -> u32 {
        u32::MAX >> (32 - self.bits())
    }

    /// The sign bit's mask (0 for E8M0).
    fn sign_bit(self) -> u32 {
        if self.has_sign() {
            1 << (self.bits() - 1)
        } else {
            0
        }
    }

    /// The code of the largest finite magnitude (sign clear).
    fn max_code(self) -> u32 {
        let all = (1u32 << (self.exp_bits() + self.man_bits())) - 1;
        match self.kind() {
            Kind::Ieee => all - (1 << self.man_bits()),
            Kind::Fn | Kind::Scale => all - 1,
            Kind::Finite => all,
        }
    }

    /// The code of the NaN (or NaN's stand-in) that `encode` gives for a NaN
    /// with sign `neg`.
    fn nan_code(self, neg: bool) -> u32 {
        let s = if neg { self.sign_bit() } else { 0 };
        let m = self.man_bits();
        match self.kind() {
            Kind::Ieee => s | (((1 << self.exp_bits()) - 1) << m) | (1 << (m - 1)),
            Kind::Fn => s | (self.mask() >> 1),
            Kind::Finite => self.sign_bit() ^ s,
            Kind::Scale => 0xff,
        }
    }

    /// Splits a code into `(sign, exponent field, mantissa field)`; sign is 0
    /// for E8M0.
    pub fn fields(self, code: u32) -> (u32, u32, u32) {
        let c = code & self.mask();
        let m = self.man_bits();
        let sign = if self.has_sign() {
            c >> (self.bits() - 1)
        } else {
            0
        };
        let exp = (c >> m) & ((1 << self.exp_bits()) - 1);
        (sign, exp, c & ((1 << m) - 1))
    }

    /// The class of a code's value.
    pub fn classify(self, code: u32) -> Class {
        let (_, e, f) = self.fields(code);
        let e_top = (1 << self.exp_bits()) - 1;
        let f_top = (1 << self.man_bits()) - 1;
        match self.kind() {
            Kind::Scale if e == e_top => Class::Nan,
            Kind::Scale => Class::Normal,
            Kind::Ieee if e == e_top && f == 0 => Class::Infinite,
            Kind::Ieee if e == e_top => Class::Nan,
            Kind::Fn if e == e_top && f == f_top => Class::Nan,
            _ if e == 0 && f == 0 => Class::Zero,
            _ if e == 0 => Class::Subnormal,
            _ => Class::Normal,
        }
    }

    /// The exact value of a code (masked to `bits()`): ±0, subnormals,
    /// normals, ±inf and NaN (with the code's sign) where the format has them.
    pub fn decode(self, code: u32) -> f64 {
        let (s, e, f) = self.fields(code);
        let sign = if s == 1 { -1.0 } else { 1.0 };
        let m = self.man_bits() as i32;
        let mag = match self.classify(code) {
            Class::Nan => f64::NAN,
            Class::Infinite => f64::INFINITY,
            _ if self.kind() == Kind::Scale => pow2(e as i32 - self.bias()),
            Class::Zero | Class::Subnormal => f as f64 * pow2(self.emin() - m),
            Class::Normal => ((1u32 << m) + f) as f64 * pow2(e as i32 - self.bias() - m),
        };
        sign * mag
    }

    /// The code of `x`, rounded once to nearest, ties to even. Overflow, ±inf
    /// and NaN are handled as the module doc says for each format.
    pub fn encode(self, x: f64, overflow: Overflow) -> u32 {
        let neg = x.is_sign_negative();
        let sat = overflow == Overflow::Saturate;
        if x.is_nan() {
            return self.nan_code(neg);
        }
        if self.kind() == Kind::Scale && (neg || x == 0.0) {
            return if sat { 0 } else { 0xff };
        }
        let s = if neg { self.sign_bit() } else { 0 };
        let mag = if x.is_infinite() {
            u64::MAX
        } else {
            self.round_magnitude(x.abs())
        };
        if mag <= u64::from(self.max_code()) {
            return s | mag as u32;
        }
        if sat {
            return s | self.max_code();
        }
        match self.kind() {
            Kind::Ieee => s | (((1 << self.exp_bits()) - 1) << self.man_bits()),
            Kind::Fn => s | (self.mask() >> 1),
            Kind::Finite => s | self.max_code(),
            Kind::Scale => 0xff,
        }
    }

    /// The magnitude code of finite `a > 0` rounded to nearest even, without
    /// an overflow check (it may exceed the top code). The generic rule treats
    /// exponent field 0 as subnormal, which for E8M0 reproduces ml_dtypes.
    fn round_magnitude(self, a: f64) -> u64 {
        let bits = a.to_bits();
        let be = (bits >> 52) as i32;
        let frac = bits & ((1 << 52) - 1);
        // a = mant * 2^e2 with mant < 2^53.
        let (mant, e2) = if be == 0 {
            (frac, -1074)
        } else {
            (frac | (1 << 52), be - 1075)
        };
        if mant == 0 {
            return 0;
        }
        let e = e2 + 63 - mant.leading_zeros() as i32; // floor(log2 a)
        let m = self.man_bits() as i32;
        let emin = self.emin();
        let eq = e.max(emin); // exponent of a's binade in the format
                              // Grid spacing 2^(eq-m); with m <= 23 the shift is always >= 29.
        let shift = (eq - m - e2).clamp(1, 63) as u32;
        let mut n = mant >> shift;
        let rem = mant & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        if rem > half || (rem == half && n & 1 == 1) {
            n += 1;
        }
        // A carry out of the mantissa flows into the exponent field.
        (((eq - emin) as u64) << m) + n
    }

    /// The largest finite value.
    pub fn max_finite(self) -> f64 {
        self.decode(self.max_code())
    }

    /// The smallest positive normal value, 2^(1-bias) (E8M0: 2^-127).
    pub fn min_normal(self) -> f64 {
        if self.kind() == Kind::Scale {
            self.decode(0)
        } else {
            pow2(self.emin())
        }
    }

    /// The smallest positive subnormal value, 2^(1-bias-man_bits); `None`
    /// for E8M0, which has no subnormals.
    pub fn min_subnormal(self) -> Option<f64> {
        match self.kind() {
            Kind::Scale => None,
            _ => Some(pow2(self.emin() - self.man_bits() as i32)),
        }
    }

    /// Machine epsilon, 2^-man_bits: the gap between 1 and the next value.
    pub fn epsilon(self) -> f64 {
        pow2(-(self.man_bits() as i32))
    }

    /// The code of the next larger value (toward +inf), or `None` for NaN
    /// and for the largest value (+inf, or +max where there is no inf).
    /// From -min_subnormal it gives -0; from ±0 it gives +min_subnormal.
    pub fn next_up(self, code: u32) -> Option<u32> {
        let c = code & self.mask();
        let s = self.sign_bit();
        let next = match self.classify(c) {
            Class::Nan => return None,
            _ if c & s == 0 => c + 1,
            Class::Zero => 1,
            _ => c - 1,
        };
        // Past +max into the sign bit (no inf), or onto NaN: nothing larger.
        if (c & s == 0 && next == s) || self.classify(next) == Class::Nan {
            return None;
        }
        Some(next)
    }

    /// The code of the next smaller value (toward -inf), or `None` for NaN
    /// and the smallest value (-inf, -max, or E8M0's 2^-127). Mirror of
    /// `next_up`: from ±0 it gives -min_subnormal.
    pub fn next_down(self, code: u32) -> Option<u32> {
        let c = code & self.mask();
        if !self.has_sign() {
            return match self.classify(c) {
                Class::Nan => None,
                _ => c.checked_sub(1),
            };
        }
        let s = self.sign_bit();
        // -x's next up is x's next down, negated; +0's mirror is -0.
        let flipped = if self.classify(c) == Class::Zero {
            0
        } else {
            c ^ s
        };
        self.next_up(flipped).map(|up| up ^ s)
    }

    /// The spacing of the format at a code: the gap between |value| and the
    /// next larger magnitude in its binade, 2^(max(e, 1-bias) - man_bits)
    /// where e is the value's exponent (E8M0: 2^(code-127), the gap to twice
    /// the value). It is the gap to the next value up for positive values
    /// and to the next value down for negative ones, also at ±max (as if the
    /// exponent range went on). NaN for NaN and ±inf.
    pub fn ulp(self, code: u32) -> f64 {
        let (_, e, _) = self.fields(code);
        match self.classify(code) {
            Class::Nan | Class::Infinite => f64::NAN,
            _ if self.kind() == Kind::Scale => pow2(e as i32 - self.bias()),
            _ => {
                let exp = (e as i32).max(1) - self.bias();
                pow2(exp - self.man_bits() as i32)
            }
        }
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses an id exactly as `id()` writes it.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.id() == s)
            .ok_or(UnknownFormat)
    }
}

/// 2^k as an exact `f64` for -1022 <= k <= 1023 (clamped to that range).
pub(crate) fn pow2(k: i32) -> f64 {
    f64::from_bits(((k.clamp(-1022, 1023) + 1023) as u64) << 52)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_sign_plus_exponent_plus_mantissa() {
        let widths: Vec<u32> = Format::ALL.iter().map(|f| f.bits()).collect();
        assert_eq!(widths, [32, 19, 16, 16, 8, 8, 6, 6, 4, 8]);
    }

    #[test]
    fn ids_parse_back_exactly() {
        for f in Format::ALL {
            assert_eq!(f.id().parse::<Format>(), Ok(f));
        }
        assert_eq!("E4M3".parse::<Format>(), Err(UnknownFormat));
        assert_eq!(" fp16".parse::<Format>(), Err(UnknownFormat));
    }

    #[test]
    fn fp32_decode_matches_std_bit_cast() {
        for c in [0u32, 1, 0x0080_0000, 0x3f80_0000, 0x7f7f_ffff, 0xc049_0fdb] {
            assert_eq!(Format::Fp32.decode(c), f64::from(f32::from_bits(c)));
        }
    }

    #[test]
    fn fp32_encode_matches_std_cast_for_in_range_values() {
        for x in [0.1f64, -1.0 / 3.0, 1e-40, 3.0e38, 1.0 + 2f64.powi(-24)] {
            let want = (x as f32).to_bits();
            assert_eq!(Format::Fp32.encode(x, Overflow::Ieee), want, "{x:e}");
        }
    }

    #[test]
    fn pow2_is_exact_over_the_normal_range() {
        assert_eq!(pow2(0), 1.0);
        assert_eq!(pow2(-3), 0.125);
        assert_eq!(pow2(-1022), f64::MIN_POSITIVE);
        assert_eq!(pow2(10), 1024.0);
    }

    #[test]
    fn codes_are_masked_to_the_width() {
        assert_eq!(Format::E2m1.decode(0xf3), Format::E2m1.decode(0x3));
        assert_eq!(Format::Bf16.decode(0xdead_3f80), 1.0);
    }
}
