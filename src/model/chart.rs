//! Chart geometry for plain SVG: scales from data to pixels, tick values and
//! path strings. Pure: std only; the components only place what this returns.
//!
//! Units: a scale's domain is in data units (whatever the chart plots), its
//! range in SVG user units ("px"); a range may run backwards (`(300.0, 0.0)`
//! for a y axis that grows upwards).
//!
//! Numbers are written without Rust's float formatting (it costs ~20 KB of
//! WebAssembly): [`push_tenths`] rounds to 0.1 px and prints integers.
//!
//! Clamping, so that nothing panics or returns NaN or infinity:
//! - pixel range ends are clamped to +-1e9 px and a NaN end becomes 0;
//! - a linear domain end that is not finite becomes 0; a log domain end that is
//!   not a finite positive number becomes 1;
//! - a degenerate domain (both ends equal) maps everything to the middle of
//!   the range, and a degenerate range inverts to the domain start;
//! - a value maps at most 1e6 domain widths beyond the ends; NaN maps to the
//!   range start (linear) or, like 0 and negatives, to the lower domain end (log).

/// Pixel range limit in px.
const PX: f64 = 1e9;
/// How many domain (or range) widths a value may map beyond the ends.
const REACH: f64 = 1e6;

/// NaN becomes 0, infinities become +-f64::MAX.
fn finite(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-f64::MAX, f64::MAX)
    }
}

/// A pixel coordinate: NaN becomes 0, the rest is clamped to +-1e9.
fn px(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-PX, PX)
    }
}

/// Interpolates `a + t * (b - a)` with `t` cleaned (NaN 0, clamped to +-1e6).
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let t = if t.is_nan() {
        0.0
    } else {
        t.clamp(-REACH, REACH)
    };
    finite(a * (1.0 - t) + b * t)
}

/// Maps a data interval linearly onto a pixel interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl LinearScale {
    /// A scale from `domain` (data units) to `range` (px), cleaned as the
    /// module docs say.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        let d = |v: f64| if v.is_finite() { v } else { 0.0 };
        LinearScale {
            d0: d(domain.0),
            d1: d(domain.1),
            r0: px(range.0),
            r1: px(range.1),
        }
    }

    /// The cleaned domain, in data units.
    pub fn domain(&self) -> (f64, f64) {
        (self.d0, self.d1)
    }

    /// The cleaned range, in px.
    pub fn range(&self) -> (f64, f64) {
        (self.r0, self.r1)
    }

    /// Pixel position of the data value `x`.
    pub fn map(&self, x: f64) -> f64 {
        if self.d0 == self.d1 {
            return (self.r0 + self.r1) / 2.0;
        }
        px(lerp(self.r0, self.r1, (x - self.d0) / (self.d1 - self.d0)))
    }

    /// Data value at the pixel position `p`: the inverse of [`Self::map`].
    pub fn invert(&self, p: f64) -> f64 {
        if self.r0 == self.r1 {
            return self.d0;
        }
        lerp(self.d0, self.d1, (p - self.r0) / (self.r1 - self.r0))
    }

    /// Nice tick values inside the domain, ascending: see [`linear_ticks`].
    pub fn ticks(&self, count: usize) -> Vec<f64> {
        linear_ticks(self.d0, self.d1, count)
    }
}

/// Tick values inside `[lo, hi]` (either order), ascending, on multiples of
/// a step of the form 1, 2 or 5 times a power of ten: the smallest such step
/// that gives at most `count + 1` ticks (`count` is clamped to 1..=100), made
/// smaller while that would give fewer than two ticks (so at most 6 then).
/// Consecutive ticks are one step apart and the ends lie less than one step
/// from the first and last tick. A degenerate domain gives `[lo]`; a
/// non-finite end or span gives no ticks.
pub fn linear_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let span = hi - lo;
    if !span.is_finite() {
        return Vec::new();
    }
    if span == 0.0 {
        return vec![lo];
    }
    let raw = span / count.clamp(1, 100) as f64;
    let mut e = raw.log10().floor() as i32;
    let norm = raw / pow10(e);
    let mut m = if norm <= 1.0 {
        1
    } else if norm <= 2.0 {
        2
    } else if norm <= 5.0 {
        5
    } else {
        e += 1;
        1
    };
    let mut ticks = Vec::new();
    for _ in 0..4 {
        ticks = multiples(lo, hi, m, e);
        if ticks.len() >= 2 {
            break;
        }
        (m, e) = match m {
            5 => (2, e),
            2 => (1, e),
            _ => (5, e - 1),
        };
    }
    ticks
}

/// The multiples of `m * 10^e` in `[lo, hi]`, ascending (at most 201).
fn multiples(lo: f64, hi: f64, m: u8, e: i32) -> Vec<f64> {
    // tick = i * step, or i / inv for steps below 1 (so 0.3 is 3 / 10, exact).
    let (step, inv) = if e >= 0 {
        (f64::from(m) * pow10(e), 0.0)
    } else {
        (0.0, pow10(-e) / f64::from(m))
    };
    if !(step.is_finite() && inv.is_finite() && (step > 0.0 || inv > 0.0)) {
        return vec![lo, hi];
    }
    let at = |i: f64| if e >= 0 { i * step } else { i / inv };
    let idx = |v: f64| if e >= 0 { v / step } else { v * inv };
    let mut i0 = idx(lo).round();
    if at(i0) < lo {
        i0 += 1.0;
    }
    let mut i1 = idx(hi).round();
    if at(i1) > hi {
        i1 -= 1.0;
    }
    if i0.is_nan() || i1.is_nan() || i1 < i0 {
        return Vec::new();
    }
    let n = (i1 - i0).min(200.0) as i64;
    (0..=n).map(|k| at(i0 + k as f64)).collect()
}

/// 10 to the power `e`, for `e` within f64's range.
fn pow10(e: i32) -> f64 {
    10f64.powi(e.clamp(-330, 330))
}

/// Maps a positive data interval onto a pixel interval by the base-10 logarithm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogScale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl LogScale {
    /// A scale from `domain` (positive data units) to `range` (px), cleaned as
    /// the module docs say.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        let d = |v: f64| if v > 0.0 && v.is_finite() { v } else { 1.0 };
        LogScale {
            d0: d(domain.0),
            d1: d(domain.1),
            r0: px(range.0),
            r1: px(range.1),
        }
    }

    /// The cleaned domain, in data units.
    pub fn domain(&self) -> (f64, f64) {
        (self.d0, self.d1)
    }

    /// The cleaned range, in px.
    pub fn range(&self) -> (f64, f64) {
        (self.r0, self.r1)
    }

    /// Pixel position of the data value `x`; NaN, 0 and negatives map to the
    /// lower domain end.
    pub fn map(&self, x: f64) -> f64 {
        if self.d0 == self.d1 {
            return (self.r0 + self.r1) / 2.0;
        }
        let x = if x > 0.0 { x } else { self.d0.min(self.d1) };
        let (l0, l1) = (self.d0.log10(), self.d1.log10());
        px(lerp(self.r0, self.r1, (x.log10() - l0) / (l1 - l0)))
    }

    /// Data value at the pixel position `p`: the inverse of [`Self::map`],
    /// always a positive finite number.
    pub fn invert(&self, p: f64) -> f64 {
        if self.r0 == self.r1 {
            return self.d0;
        }
        let l = lerp(
            self.d0.log10(),
            self.d1.log10(),
            (p - self.r0) / (self.r1 - self.r0),
        );
        10f64.powf(l).clamp(f64::MIN_POSITIVE, f64::MAX)
    }

    /// Tick values inside the domain, ascending: see [`log_ticks`].
    pub fn ticks(&self, subdivide: bool) -> Vec<f64> {
        log_ticks(self.d0, self.d1, subdivide)
    }
}

/// Tick values inside `[lo, hi]` (either order; ends within a relative 1e-9
/// count as inside), ascending: the powers of ten, and with `subdivide` also 2
/// and 5 times each. A domain within one decade may have none; a degenerate
/// domain gives `[lo]`; an end that is not finite and positive gives no ticks.
pub fn log_ticks(lo: f64, hi: f64, subdivide: bool) -> Vec<f64> {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if !(lo > 0.0 && hi.is_finite()) {
        return Vec::new();
    }
    if lo == hi {
        return vec![lo];
    }
    let e0 = (lo.log10().floor() as i32).max(-330);
    let e1 = (hi.log10().ceil() as i32).min(330);
    let ms: &[f64] = if subdivide { &[1.0, 2.0, 5.0] } else { &[1.0] };
    let mut out = Vec::new();
    for e in e0..=e1 {
        for &m in ms {
            let v = if e >= 0 { m * pow10(e) } else { m / pow10(-e) };
            if v.is_finite() && v >= lo * (1.0 - 1e-9) && v <= hi * (1.0 + 1e-9) {
                out.push(v);
            }
        }
    }
    out
}

/// An SVG path through `points` (px): `M x y L x y ...`, each coordinate
/// written by [`push_tenths`]. Points with a non-finite coordinate are
/// skipped; no finite point gives an empty string.
pub fn polyline_path(points: &[(f64, f64)]) -> String {
    let mut s = String::new();
    for &(x, y) in points {
        if !(x.is_finite() && y.is_finite()) {
            continue;
        }
        s.push_str(if s.is_empty() { "M " } else { " L " });
        push_tenths(&mut s, x);
        s.push(' ');
        push_tenths(&mut s, y);
    }
    s
}

/// `v` as [`push_tenths`] writes it, for an SVG attribute.
pub fn tenths(v: f64) -> String {
    let mut s = String::new();
    push_tenths(&mut s, v);
    s
}

/// Appends `v` rounded to one decimal (halves away from zero), always with
/// one decimal digit: `-3.0`, `10.3`, `0.0` (never `-0.0`). Values are clamped
/// to +-1e12; NaN writes `0.0`.
pub fn push_tenths(out: &mut String, v: f64) {
    let t = (finite(v).clamp(-1e12, 1e12) * 10.0).round() as i64;
    if t < 0 {
        out.push('-');
    }
    let a = t.unsigned_abs();
    push_u64(out, a / 10);
    out.push('.');
    out.push(char::from(b'0' + (a % 10) as u8));
}

/// Appends the decimal digits of `n`.
fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    const ODD: [f64; 8] = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        -f64::MAX,
        0.0,
        -3.0,
        1e-300,
    ];

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
    }

    /// Whether `step` is 1, 2 or 5 times a power of ten.
    fn is_nice(step: f64) -> bool {
        let e = step.log10().floor();
        let m = step / 10f64.powf(e);
        [1.0, 2.0, 5.0, 10.0].iter().any(|&n| (m - n).abs() < 1e-6)
    }

    #[test]
    fn linear_scale_maps_domain_ends_to_range_ends() {
        let s = LinearScale::new((0.0, 50.0), (300.0, 0.0));
        assert_eq!(s.map(0.0), 300.0);
        assert_eq!(s.map(50.0), 0.0);
        assert_eq!(s.map(25.0), 150.0);
        assert_eq!(s.map(100.0), -300.0);
        let t = LinearScale::new((-1.0, 1.0), (10.0, 20.0));
        assert_eq!((t.map(-1.0), t.map(0.0), t.map(1.0)), (10.0, 15.0, 20.0));
    }

    #[test]
    fn linear_invert_undoes_map() {
        let s = LinearScale::new((-3.7, 12.2), (40.0, 620.0));
        for x in [-3.7, -1.0, 0.0, 3.3, 12.2, 20.0] {
            assert!(close(s.invert(s.map(x)), x), "{x}");
        }
        for p in [40.0, 41.5, 300.0, 620.0] {
            assert!(close(s.map(s.invert(p)), p), "{p}");
        }
    }

    #[test]
    fn linear_ticks_are_hand_worked_values() {
        assert_eq!(linear_ticks(0.0, 1.0, 5), [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(linear_ticks(0.0, 1.0, 10)[3], 0.3);
        assert_eq!(linear_ticks(-3.7, 12.2, 5), [0.0, 5.0, 10.0]);
        assert_eq!(linear_ticks(0.0, 7000.0, 4), [0.0, 2000.0, 4000.0, 6000.0]);
        assert_eq!(linear_ticks(1.0, 0.0, 2), [0.0, 0.5, 1.0]);
        assert_eq!(linear_ticks(0.0, 100.0, 10).len(), 11);
    }

    #[test]
    fn linear_ticks_cover_the_domain_with_nice_steps() {
        let domains = [
            (0.0, 1.0),
            (-3.7, 12.2),
            (0.011, 0.0149),
            (1e5, 3.2e7),
            (-250.0, -3.0),
            (0.0, 989.0),
        ];
        for (lo, hi) in domains {
            for count in [1, 2, 3, 5, 7, 10, 20] {
                let t = linear_ticks(lo, hi, count);
                let most = (count + 1).max(6);
                assert!(t.len() >= 2 && t.len() <= most, "{lo} {hi} {count}: {t:?}");
                assert!(t.iter().all(|&v| v >= lo && v <= hi), "{t:?}");
                if t.len() >= 2 {
                    let step = t[1] - t[0];
                    assert!(is_nice(step), "{step}");
                    assert!(t.windows(2).all(|w| close(w[1] - w[0], step)), "{t:?}");
                    assert!(t[0] - lo < step && hi - t[t.len() - 1] < step, "{t:?}");
                }
            }
        }
    }

    #[test]
    fn log_scale_maps_decades_evenly() {
        let s = LogScale::new((1.0, 1000.0), (0.0, 300.0));
        assert_eq!(s.map(1.0), 0.0);
        assert_eq!(s.map(1000.0), 300.0);
        assert!(close(s.map(10.0), 100.0));
        assert!(close(s.map(100.0), 200.0));
        let y = LogScale::new((0.1, 1e4), (500.0, 0.0));
        assert!(close(y.map(0.1), 500.0) && close(y.map(1e4), 0.0));
    }

    #[test]
    fn log_invert_undoes_map() {
        let s = LogScale::new((0.82, 8.0), (0.0, 640.0));
        for x in [0.82, 1.0, 3.35, 8.0, 20.0] {
            assert!(close(s.invert(s.map(x)), x), "{x}");
        }
        for p in [0.0, 13.3, 640.0] {
            assert!(close(s.map(s.invert(p)), p), "{p}");
        }
    }

    #[test]
    fn log_ticks_are_powers_of_ten_and_their_2_and_5_multiples() {
        assert_eq!(log_ticks(1.0, 1000.0, false), [1.0, 10.0, 100.0, 1000.0]);
        assert_eq!(
            log_ticks(0.01, 1.0, true),
            [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]
        );
        assert_eq!(log_ticks(3.0, 70.0, true), [5.0, 10.0, 20.0, 50.0]);
        assert_eq!(log_ticks(900.0, 2.0, false), [10.0, 100.0]);
        assert!(log_ticks(2.0, 8.0, false).is_empty());
        assert_eq!(
            LogScale::new((16.0, 192.0), (0.0, 1.0)).ticks(true),
            [20.0, 50.0, 100.0]
        );
    }

    #[test]
    fn degenerate_domains_do_not_panic() {
        let s = LinearScale::new((5.0, 5.0), (0.0, 100.0));
        assert_eq!(s.map(5.0), 50.0);
        assert_eq!(s.map(7.0), 50.0);
        assert_eq!(s.invert(30.0), 5.0);
        assert_eq!(s.ticks(5), [5.0]);
        let r = LinearScale::new((0.0, 1.0), (10.0, 10.0));
        assert_eq!(r.invert(3.0), 0.0);

        let l = LogScale::new((0.0, 100.0), (0.0, 200.0));
        assert_eq!(l.domain(), (1.0, 100.0));
        assert_eq!(l.map(0.0), 0.0);
        assert_eq!(l.map(-5.0), 0.0);
        assert_eq!(l.map(f64::NAN), 0.0);
        let d = LogScale::new((-1.0, -2.0), (0.0, 200.0));
        assert_eq!(d.domain(), (1.0, 1.0));
        assert_eq!(d.map(10.0), 100.0);
        assert_eq!(d.ticks(true), [1.0]);
        assert_eq!(log_ticks(0.0, 10.0, true), Vec::<f64>::new());
        assert_eq!(linear_ticks(f64::NAN, 1.0, 5), Vec::<f64>::new());
    }

    #[test]
    fn odd_inputs_give_finite_outputs() {
        for &a in &ODD {
            for &b in &ODD {
                let lin = LinearScale::new((a, b), (b, a));
                let log = LogScale::new((a, b), (a, b));
                for &x in &ODD {
                    for v in [lin.map(x), lin.invert(x), log.map(x), log.invert(x)] {
                        assert!(v.is_finite(), "{a} {b} {x}: {v}");
                    }
                    assert!(log.invert(x) > 0.0);
                }
                for count in [0, 1, 5, 1000] {
                    let t = linear_ticks(a, b, count);
                    assert!(t.len() <= 202 && t.iter().all(|v| v.is_finite()), "{a} {b}");
                }
                let t = log_ticks(a, b, true);
                assert!(t.iter().all(|v| v.is_finite() && *v > 0.0), "{a} {b}");
            }
        }
    }

    #[test]
    fn path_string_is_exact_for_a_hand_example() {
        let pts = [(0.0, 0.0), (10.25, -3.04), (f64::NAN, 1.0), (100.0, 20.06)];
        assert_eq!(polyline_path(&pts), "M 0.0 0.0 L 10.3 -3.0 L 100.0 20.1");
        assert_eq!(
            polyline_path(&[(1.0, f64::INFINITY), (2.5, 7.0)]),
            "M 2.5 7.0"
        );
        assert_eq!(polyline_path(&[]), "");
        assert_eq!(polyline_path(&[(f64::NAN, 0.0)]), "");
    }

    #[test]
    fn tenths_round_half_away_and_never_print_minus_zero() {
        let w = |v: f64| {
            let mut s = String::new();
            push_tenths(&mut s, v);
            s
        };
        assert_eq!(w(0.0), "0.0");
        assert_eq!(w(-0.04), "0.0");
        assert_eq!(w(-0.05), "-0.1");
        assert_eq!(w(0.25), "0.3");
        assert_eq!(w(-12.34), "-12.3");
        assert_eq!(w(1234567.89), "1234567.9");
        assert_eq!(w(f64::NAN), "0.0");
        assert_eq!(w(f64::INFINITY), "1000000000000.0");
        assert_eq!(w(-1e300), "-1000000000000.0");
    }
}
