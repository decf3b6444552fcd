//! Form controls shared by the panels.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

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
