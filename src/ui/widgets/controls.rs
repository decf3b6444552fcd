//! Form controls shared by the panels.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::deck::i18n::{fill, TextLang};
use crate::model::fixed::Fixed;
use crate::ui::numfmt;
use crate::ui::panels::Shown;

/// The index a list's change chose: its option's value, which is the
/// option's place in the list it was built from (`None` for an option
/// whose value is not a number).
pub fn picked_index(e: &Event) -> Option<usize> {
    let s = e.target()?.dyn_into::<HtmlSelectElement>().ok()?;
    s.value().parse().ok()
}

/// A picker (`.picker`): one choice from a list, a select under its label,
/// as every panel picks a chip, a sourced price or a preset. `options` are
/// the list's `option`s, valued by their index (`picked_index`); `held` is
/// the one the settings hold, if any; when none is, the last option says
/// the value is the reader's own (`own`) and is selected, and otherwise it
/// is hidden and cannot be chosen. `on_pick` receives the chosen index;
/// `below` follows the select (the choice's source). The id doubles as its
/// `data-testid`.
pub fn picker(
    id: &'static str,
    label: &str,
    options: Html,
    held: Option<usize>,
    own: &str,
    on_pick: Callback<usize>,
    below: Html,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        if let Some(i) = picked_index(&e) {
            on_pick.emit(i);
        }
    });
    html! {
        <div class="picker">
            <label for={id}>{label}</label>
            <select id={id} data-testid={id} {onchange}>
                {options}
                <option value="" selected={held.is_none()} disabled={held.is_some()} hidden={held.is_some()}>{own}</option>
            </select>
            {below}
        </div>
    }
}

/// A labelled range input over the integers `min..=max` in steps of `step`,
/// with its value written out in `text` (also its `aria-valuetext`).
/// `on` receives each new value. The id doubles as its `data-testid`.
pub fn slider(
    id: &str,
    label: &str,
    (min, max): (u32, u32),
    step: u32,
    value: u32,
    text: String,
    on: Callback<u32>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        let v = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .and_then(|i| i.value().parse::<u32>().ok());
        if let Some(v) = v {
            on.emit(v);
        }
    });
    html! {
        <div class="slider">
            <label for={id.to_string()}>{label.to_string()}</label>
            <input type="range" id={id.to_string()} min={min.to_string()} max={max.to_string()} step={step.to_string()}
                value={value.to_string()} aria-valuetext={text.clone()} {oninput} data-testid={id.to_string()} />
            <output for={id.to_string()}>{text}</output>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// Element id; doubles as its `data-testid`.
    pub id: AttrValue,
    pub label: AttrValue,
    /// Unit written after the field (may be empty).
    #[prop_or_default]
    pub unit: AttrValue,
    /// Help shown under the field at all times (may be empty).
    #[prop_or_default]
    pub hint: AttrValue,
    /// Current value in units of `10^-fixed.decimals`.
    pub value: u32,
    /// The setting's decimals and accepted range.
    pub fixed: Fixed,
    pub ui: TextLang,
    pub on_change: Callback<u32>,
}

/// A labelled text field for a non-negative decimal with at most
/// `fixed.decimals` fraction digits, read as fixed point (no float parsing).
/// Text that is not such a number or lies outside the range keeps the last
/// value and shows a plain message naming the range.
#[function_component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let error = use_state(|| false);
    {
        // A value set from elsewhere (a preset, a link) replaces bad text.
        let error = error.clone();
        use_effect_with(props.value, move |_| error.set(false));
    }
    let fixed = props.fixed;
    let onchange = {
        let (error, cb) = (error.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            match fixed.parse(input.value().trim()) {
                Some(v) => {
                    error.set(false);
                    cb.emit(v);
                    input.set_value(&fixed.text(v));
                }
                None => error.set(true),
            }
        })
    };
    let hint_id = format!("{}-error", props.id);
    let help_id = format!("{}-help", props.id);
    let described: Vec<&str> = [
        (!props.hint.is_empty()).then_some(help_id.as_str()),
        error.then_some(hint_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let ui = props.ui;
    // Range ends as the page writes numbers (grouped: 1,000,000).
    let end = |v: u32| numfmt::fixed(fixed.value(v), fixed.decimals, ui);
    html! {
        <div class="field number-field">
            <label for={props.id.clone()}>{props.label.clone()}</label>
            <span class="nf-row">
                <input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" size="9"
                    id={props.id.clone()} data-testid={props.id.clone()} value={fixed.text(props.value)}
                    aria-invalid={error.to_string()} aria-describedby={(!described.is_empty()).then(|| described.join(" "))} {onchange} />
                if !props.unit.is_empty() { <span class="unit">{props.unit.clone()}</span> }
            </span>
            if !props.hint.is_empty() {
                <span class="hint" id={help_id.clone()}>{props.hint.clone()}</span>
            }
            if *error {
                <p class="error" role="alert" id={hint_id}>
                    {fill(ui.t("ui.number_range"), &[("min", &end(fixed.min)), ("max", &end(fixed.max))])}
                </p>
            }
        </div>
    }
}

/// "Reset to defaults" for a panel's settings, in the Read view (`shown`
/// is the whole slide); disabled when they already are the defaults.
/// `data-testid="reset"`. A step of the Present view has one reset only:
/// "Restore this step", beside the "changed" mark.
pub fn reset_button<P: Default + PartialEq + 'static>(
    ui: TextLang,
    shown: &Shown,
    now: P,
    on_change: &Callback<P>,
) -> Html {
    if shown.shows.is_some() {
        return html! {};
    }
    let at_default = now == P::default();
    let cb = on_change.clone();
    html! {
        <button type="button" class="btn reset" data-testid="reset" disabled={at_default}
            onclick={Callback::from(move |_: MouseEvent| cb.emit(P::default()))}>
            {ui.t("ui.reset")}
        </button>
    }
}
