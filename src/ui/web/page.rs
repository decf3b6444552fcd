//! The page as a whole: its attributes on `<html>` and title, printing,
//! full screen, the presenter window and the screen wake lock.

use wasm_bindgen::{JsCast, JsValue};

use super::{document, root, window};
use crate::deck::i18n::TextLang;

/// Opens `url` in the presenter window (named, so a second `p` reuses it).
/// Must run inside a key or click handler, or the browser refuses; returns
/// whether a window opened.
pub fn open_presenter(url: &str) -> bool {
    window()
        .and_then(|w| {
            w.open_with_url_and_target_and_features(
                url,
                "llm-notes-presenter",
                "popup,width=1280,height=800",
            )
            .ok()
            .flatten()
        })
        .is_some()
}

/// Asks the browser to keep the screen on while presenting (the Screen Wake
/// Lock API, where it exists; elsewhere nothing happens). The browser lets
/// the lock go when the page is hidden; the caller asks again on return.
pub fn keep_awake() {
    let Some(nav) = window().map(|w| w.navigator()) else {
        return;
    };
    let Ok(lock) = js_sys::Reflect::get(&nav, &JsValue::from_str("wakeLock")) else {
        return;
    };
    if lock.is_undefined() || lock.is_null() {
        return;
    }
    let Ok(request) = js_sys::Reflect::get(&lock, &JsValue::from_str("request")) else {
        return;
    };
    if let Ok(request) = request.dyn_into::<js_sys::Function>() {
        if let Ok(promise) = request.call1(&lock, &JsValue::from_str("screen")) {
            // A refusal (no user gesture yet, a hidden page) is not an error
            // the reader can act on: swallow it.
            if let Ok(p) = promise.dyn_into::<js_sys::Promise>() {
                let ignore = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(|_| {});
                let _ = p.catch(&ignore);
                ignore.forget();
            }
        }
    }
}

/// Sets or clears a boolean attribute on `<html>` (`data-idle`: the
/// cursor hides while presenting).
pub fn root_flag(name: &str, on: bool) {
    if let Some(root) = root() {
        let _ = if on {
            root.set_attribute(name, "")
        } else {
            root.remove_attribute(name)
        };
    }
}

/// Sets `data-theme` and `lang` on `<html>`, and the document title.
pub fn apply_page(theme: &str, view: &str, lang: TextLang, title: &str) {
    if let Some(r) = root() {
        let _ = r.set_attribute("data-theme", theme);
        let _ = r.set_attribute("data-view", view);
        let _ = r.set_attribute("lang", lang.tag());
    }
    if let Some(d) = document() {
        d.set_title(title);
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Enters full screen, or leaves it when already there.
pub fn toggle_fullscreen() {
    let Some(d) = document() else { return };
    if d.fullscreen_element().is_some() {
        d.exit_fullscreen();
    } else if let Some(r) = d.document_element() {
        let _ = r.request_fullscreen();
    }
}
