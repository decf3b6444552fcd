//! Decimal settings kept as integers: a value with `decimals` fraction
//! digits is stored as a count of `10^-decimals` units (PUE 1.25 is 125
//! hundredths), so a link round-trips exactly and no float formatting or
//! parsing reaches the wasm. Pure: std only.
//!
//! [`Fixed`] is one such setting's scale and range, the one place that says
//! "PUE has two decimals, from 1.00 to 3.00": links, sliders and labels all
//! read it from there.

/// Parses a non-negative decimal with at most `decimals` (<= 9) fraction
/// digits into units of `10^-decimals` (`parse_fixed("2.46", 2) == Some(246)`,
/// `parse_fixed("3", 2) == Some(300)`). Digits only, with at most one `.`
/// that has digits on both sides: no sign, exponent, spaces or empty text.
/// Leading zeros are accepted, and zeros past `decimals` fraction digits
/// (`parse_fixed("1.250", 2) == Some(125)`): they change nothing. `None` on
/// overflow of `u32`.
pub fn parse_fixed(s: &str, decimals: u32) -> Option<u32> {
    if decimals > 9 || s.len() > 24 {
        return None;
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let point_without_fraction = s.contains('.') && frac.is_empty();
    // (Byte tests: text past a digit may be any UTF-8; a '0' byte is always
    // a character boundary, so the slice below is safe.)
    let d = decimals as usize;
    let frac = if frac.len() > d && frac.as_bytes()[d..].iter().all(|&b| b == b'0') {
        &frac[..decimals as usize]
    } else {
        frac
    };
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty()
        || point_without_fraction
        || !digits(int)
        || !digits(frac)
        || frac.len() > decimals as usize
    {
        return None;
    }
    let pad = decimals as usize - frac.len();
    int.bytes()
        .chain(frac.bytes())
        .chain(std::iter::repeat_n(b'0', pad))
        .try_fold(0u32, |acc, b| {
            acc.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        })
}

/// Writes `v` units of `10^-decimals` (<= 9) as decimal text without trailing
/// zeros: `format_fixed(246, 2) == "2.46"`, `210 -> "2.1"`, `300 -> "3"`.
pub fn format_fixed(v: u32, decimals: u32) -> String {
    let width = decimals.min(9);
    let scale = 10u32.pow(width);
    let mut out = (v / scale).to_string();
    let (mut frac, mut width) = (v % scale, width as usize);
    if frac == 0 {
        return out;
    }
    while frac % 10 == 0 {
        frac /= 10;
        width -= 1;
    }
    let digits = frac.to_string();
    out.push('.');
    out.extend(std::iter::repeat_n('0', width.saturating_sub(digits.len())));
    out.push_str(&digits);
    out
}

/// One decimal setting: its fraction digits and its range, in units of
/// `10^-decimals` (`Fixed::new(2, 100, 300)`: 1.00 to 3.00 in hundredths).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fixed {
    /// Fraction digits (at most 9).
    pub decimals: u32,
    /// Smallest value, in units.
    pub min: u32,
    /// Largest value, in units.
    pub max: u32,
}

impl Fixed {
    pub const fn new(decimals: u32, min: u32, max: u32) -> Fixed {
        Fixed { decimals, min, max }
    }

    /// `(min, max)`, as sliders take a range.
    pub const fn range(self) -> (u32, u32) {
        (self.min, self.max)
    }

    /// The units of `text` when it is a valid value within the range.
    pub fn parse(self, text: &str) -> Option<u32> {
        parse_fixed(text, self.decimals).filter(|v| (self.min..=self.max).contains(v))
    }

    /// `units` as link text: `125 -> "1.25"`, `300 -> "3"`.
    pub fn text(self, units: u32) -> String {
        format_fixed(units, self.decimals)
    }

    /// `units` moved into the range.
    pub fn clamp(self, units: u32) -> u32 {
        units.clamp(self.min, self.max)
    }

    /// `units` as a number (`125 -> 1.25`), after clamping.
    pub fn value(self, units: u32) -> f64 {
        f64::from(self.clamp(units)) / f64::from(10u32.pow(self.decimals.min(9)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_text_round_trips() {
        for decimals in 0..=3 {
            for v in 0..=20_000 {
                let s = format_fixed(v, decimals);
                assert_eq!(parse_fixed(&s, decimals), Some(v), "{s}");
            }
        }
        assert_eq!(format_fixed(246, 2), "2.46");
        assert_eq!(format_fixed(210, 2), "2.1");
        assert_eq!(format_fixed(300, 2), "3");
        assert_eq!(format_fixed(205, 2), "2.05");
        assert_eq!(format_fixed(80, 1), "8");
        assert_eq!(format_fixed(75, 1), "7.5");
        assert_eq!(format_fixed(u32::MAX, 9), "4.294967295");
        assert_eq!(parse_fixed("2.1", 2), Some(210));
        assert_eq!(parse_fixed("2.50", 2), Some(250));
        assert_eq!(parse_fixed("02.46", 2), Some(246));
        assert_eq!(parse_fixed("4294967295", 0), Some(u32::MAX));
        for bad in [
            "4294967296",
            "42949673",
            "2.456",
            "",
            ".",
            "2.",
            ".5",
            "+2",
            "-2",
            "2 ",
            "1e2",
            "2.4.6",
            "٣",
            "2.461",
            "2.4é0",
            "1.é0",
            "2.50 ",
        ] {
            assert_eq!(parse_fixed(bad, 2), None, "{bad}");
        }
        assert_eq!(parse_fixed("1", 10), None);
        // Zeros past the precision change nothing and are accepted.
        assert_eq!(parse_fixed("1.250", 2), Some(125));
        assert_eq!(parse_fixed("25000.00", 0), Some(25000));
        assert_eq!(parse_fixed("0.0800", 3), Some(80));
    }

    #[test]
    fn a_setting_parses_within_its_range_and_writes_back() {
        let pue = Fixed::new(2, 100, 300);
        assert_eq!(pue.parse("1.25"), Some(125));
        assert_eq!(pue.parse("3"), Some(300));
        assert_eq!(pue.parse("3.01"), None);
        assert_eq!(pue.parse("0.99"), None);
        assert_eq!(pue.parse("1.255"), None);
        assert_eq!(pue.text(125), "1.25");
        assert_eq!(pue.clamp(50), 100);
        assert_eq!(pue.clamp(301), 300);
        assert_eq!(pue.value(125), 1.25);
        assert_eq!(pue.value(1000), 3.0);
        assert_eq!(pue.range(), (100, 300));
    }
}
