//! Throughput, memory and roofline arithmetic for serving a model on one kind
//! of chip. Pure: std and [`crate::model::chips`] only.
//!
//! Units are in the names: `params` is a count of parameters, `bits` bits per
//! parameter, `_bytes` bytes, `_gb` GB (10^9 bytes, as HBM sizes are quoted),
//! `_tbs` TB/s (10^12 bytes per second), `_tflops` dense TFLOP/s (10^12 FLOP per
//! second), `tokens_per_s` tokens per second summed over the batch; intensity
//! and ridge point are in FLOP per byte.
//!
//! The decode model: every step emits one token for each sequence of the
//! batch, reads every weight once from HBM (shared by the whole batch) and
//! spends 2 FLOP per parameter per token. The KV cache, activations and
//! communication between chips are ignored, so both ceilings are upper bounds.
//!
//! Clamping: every input is first cleaned: NaN, negative numbers and numbers
//! below 1e-6 count as 0; numbers above 1e15 (and +inf) count as 1e15. A result
//! that would divide by zero (no weights, no bandwidth, no bits) is 0, except
//! where a function says otherwise. So no public function panics or returns
//! NaN or infinity.

use crate::model::chips::{Chip, Precision};

const MIN: f64 = 1e-6;
const MAX: f64 = 1e15;

/// The input cleaning described in the module docs.
fn clean(x: f64) -> f64 {
    if x >= MIN {
        x.min(MAX)
    } else {
        0.0
    }
}

/// `a / b`, or 0 when `b` is 0.
fn div(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// Bytes taken by `params` parameters of `bits` bits each.
pub fn weight_bytes(params: f64, bits_per_param: f64) -> f64 {
    clean(params) * clean(bits_per_param) / 8.0
}

/// GB (10^9 bytes) taken by `params` parameters of `bits` bits each.
pub fn weight_gb(params: f64, bits_per_param: f64) -> f64 {
    weight_bytes(params, bits_per_param) / 1e9
}

/// How many chips of `hbm_gb` GB each it takes to hold `weight_gb` GB of
/// weights (weights only): the ceiling of the ratio, at least 1. A ratio within
/// a relative 1e-9 of a whole number counts as that number. No weights need 1
/// chip; weights and no memory (`hbm_gb` 0) give `u32::MAX` ("no number of
/// such chips holds them"); results saturate at `u32::MAX`.
pub fn chips_to_hold(weight_gb: f64, hbm_gb: f64) -> u32 {
    let (w, h) = (clean(weight_gb), clean(hbm_gb));
    if w == 0.0 {
        return 1;
    }
    if h == 0.0 {
        return u32::MAX;
    }
    // `as` saturates, so 1e21 chips becomes u32::MAX.
    ((w / h) * (1.0 - 1e-9)).ceil().max(1.0) as u32
}

/// Decode ceiling set by memory bandwidth, in tokens/s over the whole batch:
/// `batch` tokens per read of all weights, `batch * hbm bytes/s / weight bytes`.
/// 0 when there are no weights.
pub fn decode_tokens_per_s_bandwidth(params: f64, bits: f64, batch: f64, hbm_tbs: f64) -> f64 {
    div(
        clean(batch) * clean(hbm_tbs) * 1e12,
        weight_bytes(params, bits),
    )
}

/// Decode ceiling set by compute, in tokens/s over the whole batch:
/// `peak FLOP/s / (2 * params)`. It does not depend on the batch size: the
/// batch only shares the weight reads, each token still costs `2 * params` FLOP.
/// 0 when there are no parameters.
pub fn decode_tokens_per_s_compute(params: f64, peak_tflops: f64) -> f64 {
    div(clean(peak_tflops) * 1e12, 2.0 * clean(params))
}

/// Which ceiling limits decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// Arithmetic is the limit: the intensity is at or above the ridge point.
    Compute,
    /// Reading the weights is the limit.
    Bandwidth,
}

/// The lower of the two decode ceilings, in tokens/s over the whole batch.
pub fn decode_tokens_per_s(
    params: f64,
    bits: f64,
    batch: f64,
    hbm_tbs: f64,
    peak_tflops: f64,
) -> f64 {
    decode_tokens_per_s_bandwidth(params, bits, batch, hbm_tbs)
        .min(decode_tokens_per_s_compute(params, peak_tflops))
}

/// Which ceiling is lower: `Compute` when the compute ceiling is at or below
/// the bandwidth ceiling (equivalently, [`arithmetic_intensity`] at or above
/// [`ridge_point`]), else `Bandwidth`.
pub fn decode_bound(params: f64, bits: f64, batch: f64, hbm_tbs: f64, peak_tflops: f64) -> Bound {
    let compute = decode_tokens_per_s_compute(params, peak_tflops);
    if compute <= decode_tokens_per_s_bandwidth(params, bits, batch, hbm_tbs) {
        Bound::Compute
    } else {
        Bound::Bandwidth
    }
}

/// FLOP per byte of weights read in one decode step:
/// `2 * params * batch / weight_bytes = 16 * batch / bits`. 0 when `bits` is 0.
pub fn arithmetic_intensity(bits: f64, batch: f64) -> f64 {
    div(16.0 * clean(batch), clean(bits))
}

/// The roofline's ridge point in FLOP per byte: `peak FLOP/s / HBM bytes/s`.
/// Above it a kernel is compute bound. 0 when `hbm_tbs` is 0.
pub fn ridge_point(peak_tflops: f64, hbm_tbs: f64) -> f64 {
    div(clean(peak_tflops), clean(hbm_tbs))
}

/// A chip's dense throughput in `p` divided by its BF16 throughput; `None`
/// when either has no figure (not supported or unknown) or BF16 is 0.
pub fn speedup_over_bf16(chip: &Chip, p: Precision) -> Option<f64> {
    let (a, b) = (chip.rate(p).tflops()?, chip.bf16.tflops()?);
    let r = a / b;
    (b > 0.0 && r.is_finite()).then_some(r)
}

/// One step of "half the bits, twice the speed" on one chip.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Halving {
    /// The wider format, e.g. BF16.
    pub from: Precision,
    /// The format with half its bits, e.g. FP8.
    pub to: Precision,
    /// Dense throughput in `to` over that in `from`.
    pub ratio: f64,
    /// Whether `ratio` is 2 within 5% (1.9 to 2.1).
    pub doubles: bool,
}

/// The halving steps BF16 -> FP8 and FP8 -> FP4 for which the chip has both
/// figures, in that order, each with its measured speed-up.
pub fn halving_steps(chip: &Chip) -> Vec<Halving> {
    [
        (Precision::Bf16, Precision::Fp8),
        (Precision::Fp8, Precision::Fp4),
    ]
    .into_iter()
    .filter_map(|(from, to)| {
        let (a, b) = (chip.rate(from).tflops()?, chip.rate(to).tflops()?);
        let ratio = b / a;
        (a > 0.0 && ratio.is_finite()).then_some(Halving {
            from,
            to,
            ratio,
            doubles: (ratio - 2.0).abs() <= 0.1,
        })
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::chips::chip;

    fn get(id: &str) -> &'static Chip {
        chip(id).expect("chip in data/chips.csv")
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    const GARBAGE: [f64; 9] = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        0.0,
        1e-300,
        1e300,
        f64::MAX,
        5.0,
    ];

    #[test]
    fn seventy_b_at_16_bits_is_140_gb_and_needs_two_h100s() {
        assert_eq!(weight_bytes(70e9, 16.0), 140e9);
        assert_eq!(weight_gb(70e9, 16.0), 140.0);
        assert_eq!(
            chips_to_hold(weight_gb(70e9, 16.0), get("h100").hbm_gb()),
            2
        );
        // 4 bits: 35 GB, one H100.
        assert_eq!(chips_to_hold(weight_gb(70e9, 4.0), 80.0), 1);
        // 405B at 16 bits = 810 GB: 11 H100s, 5 MI300Xs (192 GB).
        assert_eq!(chips_to_hold(weight_gb(405e9, 16.0), 80.0), 11);
        assert_eq!(chips_to_hold(weight_gb(405e9, 16.0), 192.0), 5);
    }

    #[test]
    fn an_exact_multiple_needs_no_extra_chip() {
        assert_eq!(chips_to_hold(160.0, 80.0), 2);
        assert_eq!(chips_to_hold(160.1, 80.0), 3);
        assert_eq!(chips_to_hold(0.3, 0.1), 3);
        assert_eq!(chips_to_hold(1.0, 80.0), 1);
    }

    #[test]
    fn chips_to_hold_is_safe_at_zero() {
        assert_eq!(chips_to_hold(0.0, 80.0), 1);
        assert_eq!(chips_to_hold(0.0, 0.0), 1);
        assert_eq!(chips_to_hold(140.0, 0.0), u32::MAX);
        assert_eq!(chips_to_hold(140.0, f64::NAN), u32::MAX);
        assert_eq!(chips_to_hold(f64::INFINITY, 1e-6), u32::MAX);
    }

    #[test]
    fn h100_batch_1_decode_of_70b_bf16_is_about_24_tokens_per_s() {
        let h = get("h100");
        let bw = decode_tokens_per_s_bandwidth(70e9, 16.0, 1.0, h.hbm_tbs);
        assert!(close(bw, 23.93, 0.01), "{bw}");
        // Compute alone would allow 989e12 / 140e9 = 7064 tokens/s.
        let c = decode_tokens_per_s_compute(70e9, 989.0);
        assert!(close(c, 7064.3, 0.1), "{c}");
        assert_eq!(decode_tokens_per_s(70e9, 16.0, 1.0, h.hbm_tbs, 989.0), bw);
        assert_eq!(
            decode_bound(70e9, 16.0, 1.0, h.hbm_tbs, 989.0),
            Bound::Bandwidth
        );
    }

    #[test]
    fn fp8_weights_double_the_bandwidth_ceiling() {
        let a = decode_tokens_per_s_bandwidth(70e9, 16.0, 1.0, 3.35);
        let b = decode_tokens_per_s_bandwidth(70e9, 8.0, 1.0, 3.35);
        assert!(close(b, 2.0 * a, 1e-9));
    }

    #[test]
    fn intensity_is_batch_at_16_bits() {
        assert_eq!(arithmetic_intensity(16.0, 1.0), 1.0);
        assert_eq!(arithmetic_intensity(8.0, 1.0), 2.0);
        assert_eq!(arithmetic_intensity(4.0, 64.0), 256.0);
        // Same as the definition 2 * params * batch / weight bytes.
        let def = 2.0 * 70e9 * 32.0 / weight_bytes(70e9, 16.0);
        assert_eq!(arithmetic_intensity(16.0, 32.0), def);
    }

    #[test]
    fn h100_bf16_turns_compute_bound_at_the_ridge() {
        let ridge = ridge_point(989.0, 3.35);
        assert!(close(ridge, 295.2, 0.05), "{ridge}");
        for batch in [1.0, 64.0, 295.0] {
            assert!(arithmetic_intensity(16.0, batch) < ridge);
            assert_eq!(
                decode_bound(70e9, 16.0, batch, 3.35, 989.0),
                Bound::Bandwidth
            );
        }
        for batch in [296.0, 1024.0] {
            assert!(arithmetic_intensity(16.0, batch) >= ridge);
            assert_eq!(decode_bound(70e9, 16.0, batch, 3.35, 989.0), Bound::Compute);
            assert_eq!(
                decode_tokens_per_s(70e9, 16.0, batch, 3.35, 989.0),
                decode_tokens_per_s_compute(70e9, 989.0)
            );
        }
    }

    #[test]
    fn bound_agrees_with_intensity_against_ridge() {
        for bits in [4.0, 8.0, 16.0, 32.0] {
            for batch in [1.0, 3.0, 10.0, 100.0, 1000.0, 1e4] {
                for c in [get("h100"), get("b200"), get("tpu-v5e")] {
                    let (peak, bw) = (c.bf16.tflops().unwrap_or(0.0), c.hbm_tbs);
                    let by_ridge = arithmetic_intensity(bits, batch) >= ridge_point(peak, bw);
                    let bound = decode_bound(70e9, bits, batch, bw, peak);
                    assert_eq!(bound == Bound::Compute, by_ridge, "{} {bits} {batch}", c.id);
                }
            }
        }
    }

    #[test]
    fn throughput_grows_with_batch_and_falls_with_bits() {
        let mut last = 0.0;
        for batch in [1.0, 2.0, 8.0, 100.0, 295.0, 296.0, 1e4, 1e6] {
            let t = decode_tokens_per_s(70e9, 16.0, batch, 3.35, 989.0);
            assert!(t >= last, "{batch}");
            assert!(t <= decode_tokens_per_s_compute(70e9, 989.0));
            last = t;
        }
        let mut last = f64::INFINITY;
        for bits in [2.0, 4.0, 4.25, 8.0, 16.0, 32.0] {
            let t = decode_tokens_per_s_bandwidth(70e9, bits, 8.0, 3.35);
            assert!(t < last, "{bits}");
            last = t;
        }
    }

    #[test]
    fn garbage_inputs_give_finite_non_negative_results() {
        for &a in &GARBAGE {
            for &b in &GARBAGE {
                for &c in &GARBAGE {
                    let outs = [
                        weight_bytes(a, b),
                        weight_gb(a, b),
                        decode_tokens_per_s_bandwidth(a, b, c, a),
                        decode_tokens_per_s_bandwidth(a, 16.0, b, c),
                        decode_tokens_per_s_compute(a, b),
                        decode_tokens_per_s(a, b, c, b, a),
                        arithmetic_intensity(a, b),
                        ridge_point(a, b),
                    ];
                    for v in outs {
                        assert!(v.is_finite() && v >= 0.0, "{a} {b} {c}: {v}");
                    }
                    let _ = decode_bound(a, b, c, a, b);
                    let _ = chips_to_hold(a, b);
                }
            }
        }
        assert_eq!(decode_tokens_per_s_bandwidth(0.0, 16.0, 1.0, 3.35), 0.0);
        assert_eq!(decode_tokens_per_s_compute(f64::NAN, 989.0), 0.0);
        assert_eq!(ridge_point(989.0, -1.0), 0.0);
    }

    #[test]
    fn speedup_over_bf16_needs_both_figures() {
        let h = get("h100");
        assert!(close(
            speedup_over_bf16(h, Precision::Fp8).unwrap_or(0.0),
            2.0,
            0.01
        ));
        assert!(close(
            speedup_over_bf16(h, Precision::Fp32).unwrap_or(0.0),
            0.0677,
            1e-4
        ));
        assert_eq!(speedup_over_bf16(h, Precision::Bf16), Some(1.0));
        assert_eq!(speedup_over_bf16(h, Precision::Fp4), None);
        assert_eq!(speedup_over_bf16(get("tpu-v5e"), Precision::Fp8), None);
        assert_eq!(speedup_over_bf16(get("b200"), Precision::Fp4), Some(4.0));
    }

    #[test]
    fn half_the_bits_twice_the_speed_holds_on_b200_not_on_tpu_v6e() {
        let b = halving_steps(get("b200"));
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].from, b[0].to), (Precision::Bf16, Precision::Fp8));
        assert_eq!((b[1].from, b[1].to), (Precision::Fp8, Precision::Fp4));
        assert!(b.iter().all(|s| s.ratio == 2.0 && s.doubles));

        let h = halving_steps(get("h100"));
        assert_eq!(h.len(), 1);
        assert!(h[0].doubles && close(h[0].ratio, 2.001, 0.001));

        for id in ["tpu-v5p", "tpu-v6e"] {
            let t = halving_steps(get(id));
            assert_eq!(t.len(), 1, "{id}");
            assert_eq!(t[0].ratio, 1.0);
            assert!(!t[0].doubles);
        }
        assert!(halving_steps(get("tpu-v5e")).is_empty());
    }

    #[test]
    fn doubling_tolerance_is_five_percent() {
        let mut c = *get("h100");
        for (fp8, doubles) in [
            (1978.0, true),
            (2090.0, true),
            (1879.0, false),
            (2110.0, false),
        ] {
            c.bf16 = crate::model::chips::Rate::Tflops(1000.0);
            c.fp8 = crate::model::chips::Rate::Tflops(fp8);
            assert_eq!(halving_steps(&c)[0].doubles, doubles, "{fp8}");
        }
        c.bf16 = crate::model::chips::Rate::Tflops(0.0);
        assert!(halving_steps(&c).is_empty());
        assert_eq!(speedup_over_bf16(&c, Precision::Fp8), None);
    }
}
