//! The bit explorer of the precision panel: a format's bits as sign /
//! exponent / mantissa buttons, the value they make and how, its class and
//! neighbours, a box to type any number, and the overflow choice.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::widgets::table::{data_table, Named};

use super::PrecisionProps;
use crate::deck::i18n::{fill, TextLang};
use crate::model::formats::{Class, Format, Overflow};
use crate::model::precision::{
    format_name, format_source, is_number_text, PrecisionAction, PrecisionSettings,
};
use crate::ui::numfmt;

/// Which field a bit belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Sign,
    Exponent,
    Mantissa,
}

fn field_of(f: Format, bit: u32) -> Field {
    if f.has_sign() && bit == f.bits() - 1 {
        Field::Sign
    } else if bit >= f.man_bits() {
        Field::Exponent
    } else {
        Field::Mantissa
    }
}

/// The code shown: the typed number's nearest code, else the chosen code.
pub fn explorer_code(p: &PrecisionSettings) -> (u32, Option<f64>) {
    match p.typed.as_deref().and_then(numfmt::parse) {
        Some(x) => (p.fmt.encode(x, p.overflow), Some(x)),
        None => (p.base_code(), None),
    }
}

/// How the value is made from the fields, with the numbers filled in.
fn formula(f: Format, code: u32, value: f64) -> String {
    let (s, e, m) = f.fields(code);
    let mb = f.man_bits();
    let bias = f.bias();
    let v = numfmt::shortest(value);
    let sign = if f.has_sign() {
        format!("(−1)^{s} × ")
    } else {
        String::new()
    };
    match f.classify(code) {
        Class::Nan => format!("e = {e}, m = {m} → NaN"),
        Class::Infinite => format!("e = {e}, m = 0 → {v}"),
        Class::Zero => format!("e = 0, m = 0 → {v}"),
        Class::Subnormal => format!("{sign}2^(1 − {bias}) × ({m}/{}) = {v}", 1u64 << mb),
        Class::Normal if mb == 0 => format!("{sign}2^({e} − {bias}) = {v}"),
        Class::Normal => format!("{sign}2^({e} − {bias}) × (1 + {m}/{}) = {v}", 1u64 << mb),
    }
}

fn class_key(c: Class) -> &'static str {
    match c {
        Class::Zero => "prec.class.zero",
        Class::Subnormal => "prec.class.subnormal",
        Class::Normal => "prec.class.normal",
        Class::Infinite => "prec.class.inf",
        Class::Nan => "prec.class.nan",
    }
}

#[function_component]
pub fn Explorer(props: &PrecisionProps) -> Html {
    let ui = props.ui;
    let p = &props.settings;
    let f = p.fmt;
    let (code, typed) = explorer_code(p);
    let value = f.decode(code);
    let class = f.classify(code);
    let error = use_state(|| None::<String>);

    let on_format = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value());
            if let Some(fmt) = v.and_then(|v| v.parse().ok()) {
                cb.emit(PrecisionAction::SetFormat(fmt));
            }
        })
    };

    let bits: Html = (0..f.bits())
        .rev()
        .map(|i| {
            let field = field_of(f, i);
            let (class_name, key) = match field {
                Field::Sign => ("precision-bit precision-bit-s", "prec.field.sign"),
                Field::Exponent => ("precision-bit precision-bit-e", "prec.field.exponent"),
                Field::Mantissa => ("precision-bit precision-bit-m", "prec.field.mantissa"),
            };
            let on = code >> i & 1 == 1;
            let v = if on { "1" } else { "0" };
            let label = fill(ui.t("prec.bit_label"), &[("v", v), ("field", ui.t(key)), ("i", &i.to_string())]);
            let cb = props.on_action.clone();
            html! {
                <button type="button" class={class_name} aria-pressed={on.to_string()} aria-label={label}
                    title={ui.t(key)} data-bit={i.to_string()}
                    onclick={Callback::from(move |_: MouseEvent| cb.emit(PrecisionAction::FlipBit(i)))}>
                    {v}
                </button>
            }
        })
        .collect();

    let (s_bits, e_bits, m_bits) = (u32::from(f.has_sign()), f.exp_bits(), f.man_bits());
    let legend = html! {
        <p class="precision-bit-legend">
            if s_bits > 0 { <span class="precision-key precision-key-s">{fill(ui.t("prec.field.sign_n"), &[("n", "1")])}</span> }
            <span class="precision-key precision-key-e">{fill(ui.t("prec.field.exponent_n"), &[("n", &e_bits.to_string())])}</span>
            if m_bits > 0 { <span class="precision-key precision-key-m">{fill(ui.t("prec.field.mantissa_n"), &[("n", &m_bits.to_string())])}</span> }
        </p>
    };

    let hex = format!("{code:#x}");
    let (open, close) = ui.parens();
    let neighbour = |next: Option<u32>, key: &'static str| -> Html {
        match next {
            Some(n) if !f.decode(n).is_finite() => {
                // The next value is infinity: there is no finite gap to show.
                html! { <li>{ui.t(key)}{ui.colon()}<span class="num">{numfmt::shortest(f.decode(n))}</span></li> }
            }
            Some(n) => {
                let nv = f.decode(n);
                let gap = (nv - value).abs();
                html! {
                    <li>{ui.t(key)}{ui.colon()}<span class="num">{numfmt::shortest(nv)}</span>
                        {open}{ui.t("prec.gap")}{" "}<span class="num">{numfmt::sig(gap, 6, ui)}</span>{close}</li>
                }
            }
            None => html! { <li>{ui.t(key)}{ui.colon()}{ui.t("prec.none")}</li> },
        }
    };
    let ulp = f.ulp(code);

    let on_typed = {
        let cb = props.on_action.clone();
        let error = error.clone();
        let overflow = p.overflow;
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let text = input.value();
            if text.trim().is_empty() {
                error.set(None);
                return;
            }
            match numfmt::parse(&text).filter(|_| is_number_text(&text)) {
                Some(x) => {
                    error.set(None);
                    cb.emit(PrecisionAction::Typed(text.clone(), f.encode(x, overflow)));
                }
                None => error.set(Some(text)),
            }
        })
    };
    let rounding = typed.map(|x| {
        let abs = value - x;
        let rel = if x != 0.0 && x.is_finite() && value.is_finite() {
            Some((abs / x).abs())
        } else {
            None
        };
        html! {
            <p data-testid="rounding-error">
                {ui.t("prec.rounding_error")}{ui.colon()}
                if value.is_finite() && x.is_finite() {
                    <span class="num">{numfmt::sig(abs, 6, ui)}</span>
                    if let Some(r) = rel {
                        {open}<span class="num">{ui.percent(&numfmt::sig(r * 100.0, 4, ui))}</span>{close}
                    }
                } else {
                    {ui.t("prec.rounding_special")}
                }
            </p>
        }
    });

    let overflow_radio = |mode: Overflow, id: &'static str, key: &'static str| {
        let cb = props.on_action.clone();
        html! {
            <label class="radio">
                <input type="radio" name="overflow" value={id} checked={p.overflow == mode}
                    onchange={Callback::from(move |_: Event| cb.emit(PrecisionAction::SetOverflow(mode)))} />
                {ui.t(key)}
            </label>
        }
    };
    let overflow_now = match p.overflow {
        Overflow::Saturate => ui.t("prec.overflow.saturate_short"),
        Overflow::Ieee => ui.t("prec.overflow.ieee_short"),
    };

    html! {
        <section class="panel-part" aria-labelledby="explorer-title">
            <h2 id="explorer-title">{ui.t("prec.explorer.title")}</h2>
            <div class="precision-row">
                <label class="field">
                    <span>{ui.t("prec.format")}</span>
                    <select data-testid="format-select" onchange={on_format}>
                        { for Format::ALL.iter().map(|&g| html! {
                            <option value={g.id()} selected={g == f}>{fill(ui.t("prec.format_bits"), &[("name", format_name(g)), ("bits", &g.bits().to_string())])}</option>
                        }) }
                    </select>
                </label>
            </div>
            {legend}
            <div class="precision-bits" role="group" aria-label={ui.t("prec.bits")} data-testid="bits">{bits}</div>
            <dl class="readout">
                <dt>{ui.t("prec.value")}</dt>
                <dd><output class="big num" data-testid="bit-value" data-value={numfmt::shortest(value)}>{numfmt::shortest(value)}</output></dd>
                <dt>{ui.t("prec.code")}</dt>
                <dd><code data-testid="bit-code" data-value={hex.clone()}>{hex}</code></dd>
                <dt>{ui.t("prec.class")}</dt>
                <dd data-testid="bit-class">{ui.t(class_key(class))}</dd>
                <dt>{ui.t("prec.formula")}</dt>
                <dd><code data-testid="bit-formula">{formula(f, code, value)}</code></dd>
                <dt>{ui.t("prec.neighbours")}</dt>
                <dd>
                    <ul class="plain">
                        {neighbour(f.next_down(code), "prec.next_down")}
                        {neighbour(f.next_up(code), "prec.next_up")}
                        if ulp.is_finite() {
                            <li>{ui.t("prec.ulp")}{ui.colon()}<span class="num" data-testid="bit-ulp">{numfmt::shortest(ulp)}</span></li>
                        }
                    </ul>
                </dd>
            </dl>
            <div class="precision-row">
                <label class="field">
                    <span>{ui.t("prec.type")}</span>
                    <input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" size="14"
                        data-testid="number-input" value={p.typed.clone().unwrap_or_default()}
                        aria-invalid={error.is_some().to_string()} aria-describedby="type-hint" onchange={on_typed} />
                </label>
            </div>
            <p id="type-hint" class="hint">{ui.t("prec.type.hint")}</p>
            if let Some(bad) = (*error).clone() {
                <p class="error" role="alert">{fill(ui.t("prec.type.invalid"), &[("text", &bad)])}</p>
            }
            {rounding}
            <fieldset class="radios">
                <legend>{ui.t("prec.overflow")}</legend>
                {overflow_radio(Overflow::Saturate, "sat", "prec.overflow.saturate")}
                {overflow_radio(Overflow::Ieee, "ieee", "prec.overflow.ieee")}
            </fieldset>
            <p data-testid="overflow-mode">{fill(ui.t("prec.overflow.now"), &[("mode", overflow_now)])}</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub ui: TextLang,
}

/// Text key of the specials a format has.
fn specials_key(f: Format) -> &'static str {
    match f {
        Format::Fp32 | Format::Tf32 | Format::Bf16 | Format::Fp16 | Format::E5m2 => {
            "prec.specials.ieee"
        }
        Format::E4m3 => "prec.specials.nan_only",
        Format::E8m0 => "prec.specials.scale",
        Format::E3m2 | Format::E2m3 | Format::E2m1 => "prec.specials.none",
    }
}

/// Every format's range and precision, side by side.
#[function_component]
pub fn FormatTable(props: &TableProps) -> Html {
    let ui = props.ui;
    let n = |x: f64| numfmt::sig(x, 5, ui);
    let rows: Html = Format::ALL
        .iter()
        .map(|&f| {
            let src = crate::model::sources::source(format_source(f));
            let cite = src.map(|s| format!("{}, {}", s.publisher, s.as_of)).unwrap_or_default();
            html! {
                <tr>
                    <th scope="row">{format_name(f)}</th>
                    <td>{format!("{}/{}/{}", u32::from(f.has_sign()), f.exp_bits(), f.man_bits())}</td>
                    <td class="num">{f.bias().to_string()}</td>
                    <td class="num">{n(f.max_finite())}</td>
                    <td class="num">{n(f.min_normal())}</td>
                    <td class="num">{f.min_subnormal().map_or_else(|| "—".to_string(), n)}</td>
                    <td class="num">{if f == Format::E8m0 { "—".to_string() } else { n(f.epsilon()) }}</td>
                    <td>{ui.t(specials_key(f))}</td>
                    <td><cite>{cite}</cite></td>
                </tr>
            }
        })
        .collect();
    html! {
        <section class="panel-part">
            <h2 id="formats-title">{ui.t("prec.table.title")}</h2>
            {data_table(Named::By("formats-title"), Some("format-table"), None, None,
                &["prec.table.format", "prec.table.sem", "prec.table.bias", "prec.table.max", "prec.table.min_normal", "prec.table.min_sub", "prec.table.eps", "prec.table.specials", "prec.table.source"].map(|k| ui.t(k).into()), rows)}
        </section>
    }
}
