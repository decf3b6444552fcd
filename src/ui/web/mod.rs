//! Browser glue, one module per concern: `location`, `clock`, `storage`,
//! `media`, `page`, `focus`, `panic`, `observe`, `ids`; here, what they
//! share (the window, the document, `<html>`, the elements under one).
//! Every call tolerates a missing window, document or storage: it does
//! nothing and returns a default, never panics. The one Yew call is the
//! panic hook (`panic`). What only the ladder uses (its rungs' motion and
//! pitch) lives with the ladder (`ui::panels::ladder::motion`).

use web_sys::{Document, Element, Window};

pub mod clock;
pub mod focus;
pub mod ids;
pub mod location;
pub mod media;
pub mod observe;
pub mod page;
pub mod panic;
pub mod storage;

pub(crate) fn window() -> Option<Window> {
    web_sys::window()
}

pub(crate) fn document() -> Option<Document> {
    window()?.document()
}

/// The document's `<html>` element.
pub(crate) fn root() -> Option<Element> {
    document()?.document_element()
}

/// The elements matching `selector` inside `list`, in document order.
pub(crate) fn elements(list: &Element, selector: &str) -> Vec<Element> {
    use wasm_bindgen::JsCast;
    let Ok(nodes) = list.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<Element>().ok())
        .collect()
}
