//! Observers with guards that stop them when dropped: an element scrolled
//! into view, a subtree that grew.

use wasm_bindgen::JsCast;
use web_sys::Element;

/// Calls `on_visible` once, when `element` first scrolls into view (at once
/// where IntersectionObserver is missing). Returns a guard that stops
/// watching when dropped.
pub fn when_visible(
    element: &Element,
    on_visible: impl FnOnce() + 'static,
) -> Option<VisibilityGuard> {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let once = Rc::new(Cell::new(Some(on_visible)));
    let fire = {
        let once = once.clone();
        move || {
            if let Some(f) = once.take() {
                f();
            }
        }
    };
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let seen = entries.iter().any(|e| {
            e.dyn_into::<web_sys::IntersectionObserverEntry>()
                .is_ok_and(|e| e.is_intersecting())
        });
        if seen {
            fire();
        }
    });
    match web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
        Ok(observer) => {
            observer.observe(element);
            Some(VisibilityGuard {
                observer,
                _callback: callback,
            })
        }
        Err(_) => {
            if let Some(f) = once.take() {
                f();
            }
            None
        }
    }
}

/// Keeps an IntersectionObserver alive; disconnects it when dropped.
pub struct VisibilityGuard {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for VisibilityGuard {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `f` after each batch of nodes added under `root` (a
/// MutationObserver of its subtree); stops when the guard is dropped.
pub fn on_subtree_added(root: &Element, f: impl Fn() + 'static) -> Option<SubtreeGuard> {
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(f);
    let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    let init = web_sys::MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    observer.observe_with_options(root, &init).ok()?;
    Some(SubtreeGuard {
        observer,
        _callback: callback,
    })
}

/// Keeps a MutationObserver alive; disconnects it when dropped.
pub struct SubtreeGuard {
    observer: web_sys::MutationObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for SubtreeGuard {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
