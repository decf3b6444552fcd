//! Focus: moving it to an element or the stage, and whether an element
//! scrolls sideways (a swipe there is the element's).

use super::{document, window};

/// Focuses the element with this id, if it exists and can take focus.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Whether `el` or an element it is in scrolls sideways (a wide table): a
/// horizontal drag there scrolls it.
pub fn scrolls_sideways(el: &web_sys::Element) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let mut at = Some(el.clone());
    while let Some(e) = at {
        if e.scroll_width() > e.client_width() + 1 {
            let overflow = window
                .get_computed_style(&e)
                .ok()
                .flatten()
                .and_then(|cs| cs.get_property_value("overflow-x").ok())
                .unwrap_or_default();
            if overflow == "auto" || overflow == "scroll" {
                return true;
            }
        }
        at = e.parent_element();
    }
    false
}

/// Gives the focus to the stage (`main`), where the deck's keys act,
/// without scrolling, in a task of its own: the gesture that ends now
/// (a slider's release, its `change`) finishes first.
pub fn focus_stage() {
    use wasm_bindgen::JsCast;
    gloo::timers::callback::Timeout::new(0, || {
        if let Some(el) = document()
            .and_then(|d| d.get_element_by_id("main"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = el.focus_with_options(&options);
        }
    })
    .forget();
}
