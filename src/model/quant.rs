//! Quantization model of the "precision vs speed" panel: per-tensor absmax
//! scaling, the OCP MX block formats (MXFP8, MXFP6, MXFP4), NVIDIA's NVFP4,
//! the signal-to-quantization-noise ratio (SQNR, in dB), a deterministic
//! standard-normal sample and a histogram. Pure: std only.
//!
//! Conventions:
//! - Values are unitless `f64`; a quantizer returns the *dequantized* values
//!   (what the low-precision tensor stands for), same length and order.
//! - Element codes come from `formats::Format::encode` with
//!   `Overflow::Saturate`, so everything rounds once, to nearest even.
//! - A block is `MX_BLOCK` (32) or `NVFP4_BLOCK` (16) consecutive values; a
//!   shorter last block is a block of its own.
//! - Block and tensor maxima ignore NaN. Non-finite inputs give unspecified
//!   (possibly NaN) outputs but never a panic. Where a scale is zero the
//!   output is `x * 0.0`: a zero of the input's sign, never NaN.
//! - The same algorithms, run with ml_dtypes in
//!   `scripts/gen_format_vectors.py`, give bit-identical outputs
//!   (`tests/vectors/quant.txt`).

use crate::model::formats::{pow2, Format, Overflow};

/// Values per block of the OCP MX formats.
pub const MX_BLOCK: usize = 32;
/// Values per block of NVFP4.
pub const NVFP4_BLOCK: usize = 16;
/// What `sqnr_db` returns when the error is zero (and minus it when the
/// signal is zero but the error is not): a finite stand-in for ±infinity.
pub const SQNR_CAP_DB: f64 = 200.0;
/// The most values `normal_sample` makes.
pub const MAX_SAMPLE: usize = 1 << 22;
/// The most bins `histogram` makes.
pub const MAX_BINS: usize = 1 << 16;

/// A way to store a tensor in fewer bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// One scale for the whole tensor: absmax / max_finite(format).
    PerTensor(Format),
    /// OCP MX: blocks of 32 elements of the format with a shared E8M0 scale.
    Mx(Format),
    /// NVFP4: blocks of 16 E2M1 elements with an E4M3 scale, and one FP32
    /// tensor scale.
    Nvfp4,
}

impl Scheme {
    /// MXFP8 with E4M3 elements.
    pub const MXFP8_E4M3: Scheme = Scheme::Mx(Format::E4m3);
    /// MXFP8 with E5M2 elements.
    pub const MXFP8_E5M2: Scheme = Scheme::Mx(Format::E5m2);
    /// MXFP6 with E3M2 elements.
    pub const MXFP6_E3M2: Scheme = Scheme::Mx(Format::E3m2);
    /// MXFP6 with E2M3 elements.
    pub const MXFP6_E2M3: Scheme = Scheme::Mx(Format::E2m3);
    /// MXFP4 (E2M1 elements).
    pub const MXFP4: Scheme = Scheme::Mx(Format::E2m1);

    /// Storage per element in bits, block scales included (MXFP8 8.25,
    /// MXFP6 6.25, MXFP4 4.25, NVFP4 4.5). The one per-tensor scale is not
    /// counted (it vanishes over a large tensor), so `PerTensor(f)` gives
    /// `f.bits()`.
    pub fn bits_per_element(self) -> f64 {
        match self {
            Scheme::PerTensor(f) => f64::from(f.bits()),
            Scheme::Mx(f) => f64::from(f.bits()) + 8.0 / MX_BLOCK as f64,
            Scheme::Nvfp4 => 4.0 + 8.0 / NVFP4_BLOCK as f64,
        }
    }

    /// Quantizes and dequantizes `x` with this scheme.
    pub fn quantize(self, x: &[f64]) -> Vec<f64> {
        match self {
            Scheme::PerTensor(f) => quantize_absmax(x, f),
            Scheme::Mx(f) => quantize_mx(x, f),
            Scheme::Nvfp4 => quantize_nvfp4(x),
        }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, deterministic
/// 64-bit generator; the same seed always gives the same stream.
#[derive(Clone, Debug)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A uniform value in (0, 1], a multiple of 2^-53.
    pub fn next_unit(&mut self) -> f64 {
        ((self.next_u64() >> 11) + 1) as f64 * pow2(-53)
    }
}

/// `n` standard-normal values (mean 0, variance 1) from `seed`, by the
/// Box–Muller transform on SplitMix64. Deterministic; `n` is capped at
/// `MAX_SAMPLE`.
pub fn normal_sample(n: usize, seed: u64) -> Vec<f64> {
    normal_sample_with(n, seed, f64::sin_cos)
}

/// `normal_sample` with the sine and cosine from `sin_cos` (`(sin t, cos t)`).
/// The page passes the browser's `Math.sin` and `Math.cos`, which saves
/// the wasm module Rust's own (about 3 KB compressed). Some values then
/// differ from Rust's in their last bits; a browser test checks that
/// nothing the demo shows does.
pub fn normal_sample_with(n: usize, seed: u64, sin_cos: fn(f64) -> (f64, f64)) -> Vec<f64> {
    let n = n.min(MAX_SAMPLE);
    let mut rng = SplitMix64(seed);
    let mut out = Vec::with_capacity(n + 1);
    while out.len() < n {
        let r = (-2.0 * rng.next_unit().ln()).sqrt();
        let (sin, cos) = sin_cos(std::f64::consts::TAU * rng.next_unit());
        out.push(r * cos);
        out.push(r * sin);
    }
    out.truncate(n);
    out
}

/// SQNR in dB: 10 log10(Σx² / Σ(x-q)²) over the pairs of `reference` and
/// `quantized` (a longer slice's tail is ignored). Never inf or NaN: 0.0 for
/// no pairs or a NaN sum, `SQNR_CAP_DB` for zero error, and the result is
/// clamped to ±`SQNR_CAP_DB`.
pub fn sqnr_db(reference: &[f64], quantized: &[f64]) -> f64 {
    let (mut signal, mut noise) = (0.0, 0.0);
    for (x, q) in reference.iter().zip(quantized) {
        signal += x * x;
        noise += (x - q) * (x - q);
    }
    if reference.is_empty() || quantized.is_empty() || signal.is_nan() || noise.is_nan() {
        return 0.0;
    }
    if noise == 0.0 {
        return SQNR_CAP_DB;
    }
    let db = 10.0 * (signal / noise).log10();
    if db.is_nan() {
        0.0
    } else {
        db.clamp(-SQNR_CAP_DB, SQNR_CAP_DB)
    }
}

/// The largest |x|, NaN ignored; 0.0 for an empty slice.
pub fn absmax(x: &[f64]) -> f64 {
    x.iter().fold(0.0, |m, v| m.max(v.abs()))
}

/// floor(log2 a) for finite a > 0, exact (subnormals included); -1075 for 0
/// and 1024 for inf or NaN, outside every range it is clamped to.
fn floor_log2(a: f64) -> i32 {
    let bits = a.abs().to_bits();
    let be = (bits >> 52) as i32;
    let frac = bits & ((1 << 52) - 1);
    match (be, frac) {
        (0x7ff, _) => 1024,
        (0, 0) => -1075,
        (0, f) => -1075 + 64 - f.leading_zeros() as i32,
        _ => be - 1023,
    }
}

/// v / step rounded once to `f` (saturating), times `step`.
fn round_scaled(v: f64, step: f64, f: Format) -> f64 {
    f.decode(f.encode(v / step, Overflow::Saturate)) * step
}

/// Per-tensor absmax: scale = absmax / max_finite(f); q = decode(encode(x /
/// scale)) * scale. Meant for the signed formats (E8M0 cannot hold negatives).
pub fn quantize_absmax(x: &[f64], f: Format) -> Vec<f64> {
    let scale = absmax(x) / f.max_finite();
    if scale == 0.0 {
        return x.iter().map(|v| v * 0.0).collect();
    }
    x.iter().map(|&v| round_scaled(v, scale, f)).collect()
}

/// The OCP MX shared-scale exponent of a block whose largest |x| is
/// `block_absmax`: floor(log2 absmax) - emax, emax being the exponent of the
/// element format's largest value (E4M3 8, E5M2 15, E3M2 4, E2M3 2, E2M1 2),
/// clamped to E8M0's range [-127, 127]. A zero block gives -127.
pub fn mx_scale_exponent(block_absmax: f64, elem: Format) -> i32 {
    let emax = floor_log2(elem.max_finite());
    (floor_log2(block_absmax) - emax).clamp(-127, 127)
}

/// OCP MX v1.0: each block of `MX_BLOCK` values shares the scale 2^s,
/// s = `mx_scale_exponent`; elements are encode(x / 2^s) with saturation.
/// MXFP8: E4M3 or E5M2, MXFP6: E3M2 or E2M3, MXFP4: E2M1.
pub fn quantize_mx(x: &[f64], elem: Format) -> Vec<f64> {
    let mut out = Vec::with_capacity(x.len());
    for block in x.chunks(MX_BLOCK) {
        let step = pow2(mx_scale_exponent(absmax(block), elem));
        out.extend(block.iter().map(|&v| round_scaled(v, step, elem)));
    }
    out
}

/// NVFP4: tensor scale t = FP32(absmax / (448 * 6)) (saturating); per block
/// of `NVFP4_BLOCK` values a scale b = E4M3(block absmax / 6 / t)
/// (saturating); elements E2M1(x / (b * t)), dequantized as value * (b * t).
/// A zero tensor or a block scale that rounds to zero gives zeros.
pub fn quantize_nvfp4(x: &[f64]) -> Vec<f64> {
    let t = Format::Fp32.decode(Format::Fp32.encode(absmax(x) / 2688.0, Overflow::Saturate));
    let mut out = Vec::with_capacity(x.len());
    for block in x.chunks(NVFP4_BLOCK) {
        let scale = absmax(block) / 6.0 / t;
        let b = Format::E4m3.decode(Format::E4m3.encode(scale, Overflow::Saturate));
        let d = b * t;
        if d == 0.0 || d.is_nan() {
            out.extend(block.iter().map(|v| v * 0.0));
        } else {
            out.extend(block.iter().map(|&v| round_scaled(v, d, Format::E2m1)));
        }
    }
    out
}

/// Counts of `values` in `bins` equal bins over [lo, hi]; hi itself falls in
/// the last bin. Values outside the range and NaN are not counted. Gives
/// all-zero counts unless lo < hi and hi - lo is finite; `bins` is capped at
/// `MAX_BINS`.
pub fn histogram(values: &[f64], lo: f64, hi: f64, bins: usize) -> Vec<u32> {
    let bins = bins.min(MAX_BINS);
    let mut counts = vec![0u32; bins];
    let width = hi - lo;
    if bins == 0 || !(width > 0.0 && width.is_finite()) {
        return counts;
    }
    for &v in values {
        if v >= lo && v <= hi {
            let i = ((v - lo) / width * bins as f64) as usize;
            let slot = &mut counts[i.min(bins - 1)];
            *slot = slot.saturating_add(1);
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_published_first_output() {
        // Reference output of splitmix64.c (Vigna) seeded with 0.
        assert_eq!(SplitMix64(0).next_u64(), 0xe220_a839_7b1d_cdaf);
    }

    #[test]
    fn floor_log2_is_exact_at_powers_and_subnormals() {
        assert_eq!(floor_log2(1.0), 0);
        assert_eq!(floor_log2(0.999_999), -1);
        assert_eq!(floor_log2(448.0), 8);
        assert_eq!(floor_log2(f64::from_bits(1)), -1074);
        assert_eq!(floor_log2(f64::MIN_POSITIVE / 4.0), -1024);
        assert_eq!(floor_log2(0.0), -1075);
        assert_eq!(floor_log2(f64::INFINITY), 1024);
    }

    #[test]
    fn mx_emax_per_element_format() {
        let emax = |f| mx_scale_exponent(1.0, f);
        assert_eq!(emax(Format::E4m3), -8);
        assert_eq!(emax(Format::E5m2), -15);
        assert_eq!(emax(Format::E3m2), -4);
        assert_eq!(emax(Format::E2m3), -2);
        assert_eq!(emax(Format::E2m1), -2);
    }

    #[test]
    fn mx_scale_exponent_is_clamped_to_e8m0() {
        assert_eq!(mx_scale_exponent(0.0, Format::E2m1), -127);
        assert_eq!(mx_scale_exponent(1e-300, Format::E4m3), -127);
        assert_eq!(mx_scale_exponent(1e300, Format::E4m3), 127);
        assert_eq!(mx_scale_exponent(f64::NAN, Format::E4m3), 127);
    }

    #[test]
    fn sqnr_of_exact_copy_is_the_cap() {
        assert_eq!(sqnr_db(&[1.0, -2.0], &[1.0, -2.0]), SQNR_CAP_DB);
    }

    #[test]
    fn sqnr_hand_worked_ten_to_one_is_10_db() {
        // signal 1^2 + 3^2 = 10, noise 1^2 + 0 = 1.
        let db = sqnr_db(&[1.0, 3.0], &[0.0, 3.0]);
        assert!((db - 10.0).abs() < 1e-12, "{db}");
    }

    #[test]
    fn sqnr_degenerate_inputs_are_finite() {
        assert_eq!(sqnr_db(&[], &[]), 0.0);
        assert_eq!(sqnr_db(&[1.0], &[]), 0.0);
        assert_eq!(sqnr_db(&[0.0], &[1.0]), -SQNR_CAP_DB);
        assert_eq!(sqnr_db(&[f64::NAN], &[1.0]), 0.0);
        assert_eq!(sqnr_db(&[f64::INFINITY], &[0.0]), 0.0);
    }

    #[test]
    fn histogram_counts_edges_and_ignores_outside() {
        let v = [0.0, 0.24, 0.25, 0.99, 1.0, -0.1, 1.1, f64::NAN];
        assert_eq!(histogram(&v, 0.0, 1.0, 4), [2, 1, 0, 2]);
    }

    #[test]
    fn histogram_degenerate_ranges_count_nothing() {
        assert_eq!(histogram(&[1.0], 1.0, 1.0, 3), [0, 0, 0]);
        assert_eq!(histogram(&[1.0], 2.0, 0.0, 2), [0, 0]);
        assert_eq!(histogram(&[1.0], f64::NAN, 2.0, 2), [0, 0]);
        assert_eq!(histogram(&[0.0], -f64::MAX, f64::MAX, 2), [0, 0]);
        assert!(histogram(&[1.0], 0.0, 2.0, 0).is_empty());
        assert_eq!(histogram(&[], 0.0, 1.0, usize::MAX).len(), MAX_BINS);
    }

    #[test]
    fn normal_sample_is_deterministic_and_standard() {
        let a = normal_sample(20_001, 9);
        assert_eq!(a.len(), 20_001);
        assert_eq!(a, normal_sample(20_001, 9));
        assert_ne!(a, normal_sample(20_001, 10));
        let n = a.len() as f64;
        let mean = a.iter().sum::<f64>() / n;
        let var = a.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var - 1.0).abs() < 0.03, "variance {var}");
        assert!(a.iter().all(|v| v.is_finite()));
    }

    #[test]
    fn normal_sample_is_capped() {
        assert_eq!(normal_sample(0, 1).len(), 0);
        assert_eq!(normal_sample(usize::MAX, 1).len(), MAX_SAMPLE);
    }

    #[test]
    fn bits_per_element_of_block_formats() {
        assert_eq!(Scheme::MXFP8_E4M3.bits_per_element(), 8.25);
        assert_eq!(Scheme::MXFP6_E3M2.bits_per_element(), 6.25);
        assert_eq!(Scheme::MXFP4.bits_per_element(), 4.25);
        assert_eq!(Scheme::Nvfp4.bits_per_element(), 4.5);
        assert_eq!(Scheme::PerTensor(Format::Bf16).bits_per_element(), 16.0);
    }

    #[test]
    fn mxfp4_block_with_max_6_is_exact_on_the_grid() {
        // absmax 6: floor(log2 6) = 2 = emax, so the scale is 2^0.
        let x = [6.0, -3.0, 0.5, 1.5, -0.0, 4.0];
        assert_eq!(quantize_mx(&x, Format::E2m1), x);
    }

    #[test]
    fn mxfp4_rounds_ties_to_even_and_saturates() {
        // absmax 7: scale 2^0, 7 > 6 saturates; 2.5 ties to 2, 5 ties to 4.
        let q = quantize_mx(&[7.0, 2.5, -5.0, 0.2], Format::E2m1);
        assert_eq!(q, [6.0, 2.0, -4.0, 0.0]);
    }

    #[test]
    fn mx_scales_each_block_separately() {
        let mut x = vec![1000.0; MX_BLOCK];
        x.extend([0.75; 3]);
        let q = quantize_mx(&x, Format::E2m1);
        // Block 1: scale 2^(9-2) = 128, 1000/128 = 7.8 saturates to 6 -> 768.
        assert!(q[..MX_BLOCK].iter().all(|&v| v == 768.0));
        // Tail block: scale 2^(-1-2), 0.75 * 8 = 6 -> 0.75 exactly.
        assert_eq!(q[MX_BLOCK..], [0.75; 3]);
    }

    #[test]
    fn zero_blocks_give_zeros_not_nan() {
        let x = [0.0, -0.0, 0.0];
        for s in [
            Scheme::MXFP4,
            Scheme::Nvfp4,
            Scheme::PerTensor(Format::E4m3),
        ] {
            let q = s.quantize(&x);
            assert_eq!(
                q.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                x.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn nvfp4_tiny_block_next_to_large_one_becomes_zero() {
        // t = 2688 / 2688 = 1; the small block's scale 1e-9 / 6 rounds to 0 in E4M3.
        let mut x = vec![2688.0; NVFP4_BLOCK];
        x.extend([1e-9, -1e-9]);
        let q = quantize_nvfp4(&x);
        assert!(q[..NVFP4_BLOCK].iter().all(|&v| v == 2688.0));
        assert_eq!(q[NVFP4_BLOCK].to_bits(), 0.0f64.to_bits());
        assert_eq!(q[NVFP4_BLOCK + 1].to_bits(), (-0.0f64).to_bits());
    }

    #[test]
    fn nvfp4_hand_worked_block() {
        // absmax 12: t = 12/2688 (exact in FP32? 12/2688 = 1/224, rounded to FP32),
        // block scale 12/6/t = 448 -> E4M3 448, so d = 448 t ~= 2 and 12 -> 6 * d.
        let q = quantize_nvfp4(&[12.0, 3.0, -1.0]);
        let t = f64::from((12.0f64 / 2688.0) as f32);
        let d = 448.0 * t;
        assert_eq!(q, [6.0 * d, 1.5 * d, -0.5 * d]);
    }

    #[test]
    fn absmax_per_tensor_maps_the_max_to_the_format_max() {
        let q = quantize_absmax(&[-3.0, 1.0, 0.1], Format::E2m1);
        // scale 0.5: -6 -> -6, 2 -> 2, 0.2 -> 0 (below 0.25 rounds to 0).
        assert_eq!(q, [-3.0, 1.0, 0.0]);
    }

    #[test]
    fn quantizers_do_not_panic_on_special_inputs() {
        let x = [
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
            f64::MAX,
            5e-324,
            0.0,
        ];
        for s in [
            Scheme::MXFP8_E5M2,
            Scheme::MXFP4,
            Scheme::Nvfp4,
            Scheme::PerTensor(Format::E8m0),
        ] {
            assert_eq!(s.quantize(&x).len(), x.len());
            assert!(s.quantize(&[]).is_empty());
        }
    }
}
