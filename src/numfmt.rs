//! Number formatting and parsing through the browser (JavaScript's
//! `Number` and `Intl.NumberFormat`), so the page carries no Rust float
//! formatting or parsing code. Wasm only; tested in the browser tests.
//!
//! Every function returns finite-looking text: NaN and infinities are spelled
//! out by the callers' choice (`shortest` uses `NaN`, `inf`, `-inf`).

use js_sys::{Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::i18n::TextLang;

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

fn set(o: &Object, k: &str, v: JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v);
}

fn format_with(x: f64, lang: TextLang, configure: impl Fn(&Object)) -> String {
    if !x.is_finite() {
        return shortest(x);
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(lang.tag()));
    let options = Object::new();
    configure(&options);
    let f = Intl::NumberFormat::new(&locales, &options);
    f.format()
        .call1(&JsValue::UNDEFINED, &JsValue::from_f64(x))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| shortest(x))
}

/// `x` with at most `digits` significant digits, grouped for the language;
/// scientific notation beyond 1e9 and below 1e-4.
pub fn sig(x: f64, digits: u32, lang: TextLang) -> String {
    let a = x.abs();
    let scientific = a != 0.0 && !(1e-4..1e9).contains(&a);
    format_with(x, lang, |o| {
        set(
            o,
            "maximumSignificantDigits",
            JsValue::from(digits.clamp(1, 21)),
        );
        if scientific {
            set(o, "notation", JsValue::from_str("scientific"));
        }
    })
}

/// `x` with at most `digits` fraction digits, grouped for the language.
pub fn fixed(x: f64, digits: u32, lang: TextLang) -> String {
    format_with(x, lang, |o| {
        set(o, "maximumFractionDigits", JsValue::from(digits.min(20)));
    })
}
