//! Number formatting and parsing through the browser (JavaScript's
//! `String(x)`, `toFixed`, `toExponential`, `parseFloat`), so the page
//! carries no Rust float formatting or parsing code. (`Intl.NumberFormat`
//! was tried: making one costs ~30 ms of ICU start-up on first use.)
//! Wasm only; tested in the browser tests.
//!
//! Every function returns finite-looking text: NaN and infinities are spelled
//! out by the callers' choice (`shortest` uses `NaN`, `inf`, `-inf`).

use crate::deck::i18n::{fill, TextLang};

/// The shortest text that parses back to the same f64: JavaScript's
/// `String(x)`, with `NaN`, `inf`, `-inf` and `-0` spelled out.
pub fn shortest(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.into()
    } else if x == 0.0 && x.is_sign_negative() {
        "-0".into()
    } else {
        String::from(
            js_sys::Number::from(x)
                .to_string_with_radix(10)
                .unwrap_or_else(|_| "0".into()),
        )
    }
}

/// Parses a number as JavaScript's `Number()` does (decimal, exponent,
/// `Infinity`), also accepting `inf`, `-inf` and `nan`. Empty or invalid
/// text gives `None`.
pub fn parse(text: &str) -> Option<f64> {
    let t = text.trim();
    match t.to_ascii_lowercase().as_str() {
        "" => return None,
        "nan" => return Some(f64::NAN),
        "inf" | "+inf" | "infinity" | "+infinity" => return Some(f64::INFINITY),
        "-inf" | "-infinity" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    // parseFloat reads a prefix of any text; decimals only here.
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return None;
    }
    let v = js_sys::Number::parse_float(t);
    (!v.is_nan()).then_some(v)
}

/// Drops trailing zeros of a decimal fraction, and a trailing point.
fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// Puts a comma between each group of three integer digits (both
/// languages of the page group this way).
fn group(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    if out == "-0" {
        out.remove(0);
    }
    out
}

fn to_fixed(x: f64, digits: u32) -> String {
    js_sys::Number::from(x)
        .to_fixed(digits.min(20) as u8)
        .map(String::from)
        .unwrap_or_else(|_| shortest(x))
}

/// `x` with at most `digits` significant digits, grouped by thousands;
/// scientific notation (`3.4028E38`) beyond 1e9 and below 1e-4. The
/// language is for the future: zh and en write numbers alike.
pub fn sig(x: f64, digits: u32, _lang: TextLang) -> String {
    if !x.is_finite() {
        return shortest(x);
    }
    let digits = digits.clamp(1, 21);
    let a = x.abs();
    if a == 0.0 {
        return "0".into();
    }
    if !(1e-4..1e9).contains(&a) {
        let e = js_sys::Number::from(x)
            .to_exponential(digits as u8 - 1)
            .map(String::from)
            .unwrap_or_else(|_| shortest(x));
        return match e.split_once('e') {
            Some((m, exp)) => format!("{}E{}", trim_zeros(m), exp.trim_start_matches('+')),
            None => e,
        };
    }
    let e = a.log10().floor() as i32;
    let decimals = digits as i32 - 1 - e;
    if decimals >= 0 {
        group(trim_zeros(&to_fixed(x, decimals as u32)))
    } else {
        let unit = 10f64.powi(-decimals);
        group(&to_fixed((x / unit).round() * unit, 0))
    }
}

/// `x` with at most `digits` fraction digits, grouped by thousands.
pub fn fixed(x: f64, digits: u32, _lang: TextLang) -> String {
    if !x.is_finite() {
        return shortest(x);
    }
    group(trim_zeros(&to_fixed(x, digits)))
}

/// US dollars with at most `digits` decimals: `$1,200` / `1,200 美元`;
/// with `digits == 2`, always two (cents): `$2.50`.
pub fn money(x: f64, digits: u32, ui: TextLang) -> String {
    let n = if digits == 2 && (0.0..1e13).contains(&x) {
        let c = (x * 100.0).round() as u64;
        format!("{}.{:02}", fixed((c / 100) as f64, 0, ui), c % 100)
    } else {
        fixed(x, digits, ui)
    };
    fill(ui.t("rvb.usd"), &[("n", &n)])
}

/// US dollars with three significant digits (small hourly amounts).
pub fn money_sig(x: f64, ui: TextLang) -> String {
    fill(ui.t("rvb.usd"), &[("n", &sig(x, 3, ui))])
}

/// An amount in US dollars with three significant digits: `$4.3M`, `$40.7M`,
/// `$1.2B`, `$950` in English; `430万美元`, `4.07亿美元` in Chinese.
pub fn usd(x: f64, lang: TextLang) -> String {
    let mut s = usd_axis(x, lang);
    if lang == TextLang::Zh && x.is_finite() {
        s.push_str("美元");
    }
    s
}

/// `usd` for axis ticks, where the axis title gives the currency: Chinese
/// leaves out 美元 (`430万`); English is the same as `usd`.
pub fn usd_axis(x: f64, lang: TextLang) -> String {
    if !x.is_finite() {
        return shortest(x);
    }
    let a = x.abs();
    match lang {
        TextLang::En => {
            let (v, unit) = match a {
                a if a >= 1e12 => (x / 1e12, "T"),
                a if a >= 1e9 => (x / 1e9, "B"),
                a if a >= 1e6 => (x / 1e6, "M"),
                a if a >= 1e3 => (x / 1e3, "k"),
                _ => (x, ""),
            };
            format!("${}{unit}", sig(v, 3, lang))
        }
        TextLang::Zh => {
            let (v, unit) = match a {
                a if a >= 1e12 => (x / 1e12, "万亿"),
                a if a >= 1e8 => (x / 1e8, "亿"),
                a if a >= 1e4 => (x / 1e4, "万"),
                _ => (x, ""),
            };
            format!("{}{unit}", sig(v, 3, lang))
        }
    }
}

/// A duration given in seconds, with three significant digits in a unit
/// that suits it: `850 µs`, `2.8 ms`, `1.56 s`, `4.2 min`, `3.1 h`, `12 d`
/// (Chinese: 微秒, 毫秒, 秒, 分钟, 小时, 天). Not finite or negative: `—`.
pub fn duration(seconds: f64, lang: TextLang) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "—".into();
    }
    let zh = lang == TextLang::Zh;
    let (v, unit) = match seconds {
        0.0 => (0.0, if zh { "秒" } else { "s" }),
        s if s < 1e-3 => (s * 1e6, if zh { "微秒" } else { "µs" }),
        s if s < 1.0 => (s * 1e3, if zh { "毫秒" } else { "ms" }),
        s if s < 120.0 => (s, if zh { "秒" } else { "s" }),
        s if s < 7200.0 => (s / 60.0, if zh { "分钟" } else { "min" }),
        s if s < 172_800.0 => (s / 3600.0, if zh { "小时" } else { "h" }),
        s => (s / 86_400.0, if zh { "天" } else { "d" }),
    };
    if zh {
        format!("{}{unit}", sig(v, 3, lang))
    } else {
        format!("{} {unit}", sig(v, 3, lang))
    }
}
