//! The location's hash as the view's link: read it, and write each change
//! of the route to it as `deck::history` says (a slide pushes an entry at
//! once, a step or a choice replaces it at once, settings alone are
//! written in place at most every 400 ms), every write counted in one
//! budget against the browsers' caps.
//!
//! The rule that keeps the link and the view from undoing each other: the
//! page remembers the location it last read or wrote. When a write is due
//! and the location is no longer that one, someone else changed it (a link
//! opened, a script, back or forward) and its `hashchange` is still to
//! come: the write is dropped and the newer location wins. A write that
//! waits (throttled, or over the budget) holds only the latest route's
//! hash, so it writes the view as it is when it fires, never an older one.

use std::cell::RefCell;

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};

use crate::deck::history::{write_for, Budget, Write};
use crate::deck::route::{Parsed, Route};
use crate::ui::web;

/// Set on `<html>` while a write waits: the link does not yet show the
/// view (the end-to-end tests wait for it to go before reading the link).
pub const PENDING_FLAG: &str = "data-link-pending";

/// A write that waits.
struct Pending {
    hash: String,
    /// From continuous input (counted against the continuous cap).
    continuous: bool,
}

#[derive(Default)]
struct Writer {
    pending: Option<Pending>,
    /// The location's hash as the page last read or wrote it.
    known: Option<String>,
    budget: Budget,
    /// Counts the armings of the timers; only the latest arming's write.
    armed: u32,
}

thread_local! {
    static WRITER: RefCell<Writer> = RefCell::new(Writer::default());
}

/// The location's hash, remembered as read (the app's state follows it).
pub fn read() -> String {
    let hash = web::location::location_hash();
    WRITER.with(|w| w.borrow_mut().known = Some(hash.clone()));
    hash
}

/// Whether the location changed since the page last read or wrote it.
fn moved_under_us() -> bool {
    let known = WRITER.with(|w| w.borrow().known.clone());
    known.is_some_and(|k| k != web::location::location_hash())
}

/// Writes `hash` now, a new entry when `push`, unless the location moved
/// under the page (then the newer location wins).
fn write_now(hash: &str, push: bool, continuous: bool) {
    if moved_under_us() {
        return;
    }
    if web::location::location_hash() != hash {
        history_write(hash, push);
        WRITER.with(|w| {
            w.borrow_mut()
                .budget
                .record(web::clock::wall_ms(), continuous)
        });
    }
    WRITER.with(|w| w.borrow_mut().known = Some(web::location::location_hash()));
}

/// Writes the route's link as its change from `before` (the route shown
/// before; `None` on the first render) asks.
pub fn follow(before: Option<&Route>, after: &Route) {
    let hash = after.to_string();
    let Some(before) = before else {
        // The first render: the link in its canonical form, after the paint.
        soon(hash, false);
        return;
    };
    match write_for(before, after) {
        Write::None => {}
        Write::Continuous => soon(hash, true),
        kind => {
            let push = kind == Write::Push && {
                // The entry that is left keeps its last settings.
                flush();
                let current = web::location::location_hash();
                !current.is_empty() && Parsed::from_hash(&current).route.slide != after.slide
            };
            cancel();
            let wait = WRITER.with(|w| w.borrow().budget.wait_ms(web::clock::wall_ms(), false));
            if wait > 0.0 {
                soon(hash, false);
            } else {
                write_now(&hash, push, false);
            }
        }
    }
}

/// Holds `hash` to write in place when the budget allows: after the
/// current frame is painted, or once the wait is over. A timer stands in for
/// the frame in a hidden tab, where frames stop.
fn soon(hash: String, continuous: bool) {
    let was_waiting = WRITER.with(|w| {
        let mut w = w.borrow_mut();
        let was = w.pending.as_ref().map(|p| p.continuous);
        // A discrete change waiting keeps its place; a slider's newer
        // value rides along with it.
        let continuous = continuous && was != Some(false);
        w.pending = Some(Pending { hash, continuous });
        was.is_some()
    });
    if !was_waiting {
        web::page::root_flag(PENDING_FLAG, true);
        arm();
    }
}

/// Arms the timers of the pending write.
fn arm() {
    let (armed, wait) = WRITER.with(|w| {
        let mut w = w.borrow_mut();
        w.armed = w.armed.wrapping_add(1);
        let continuous = w.pending.as_ref().is_some_and(|p| p.continuous);
        (w.armed, w.budget.wait_ms(web::clock::wall_ms(), continuous))
    });
    let due = move || {
        if WRITER.with(|w| w.borrow().armed) == armed {
            due();
        }
    };
    if wait > 0.0 {
        Timeout::new(wait.ceil() as u32, due).forget();
        return;
    }
    let Some(window) = web_sys::window() else {
        due();
        return;
    };
    let after_paint = wasm_bindgen::closure::Closure::once_into_js(move || {
        Timeout::new(0, due).forget();
    });
    let _ = window.request_animation_frame(after_paint.unchecked_ref());
    Timeout::new(100, due).forget();
}

/// The pending write's time has come: written, or armed again when the
/// budget has been spent meanwhile.
fn due() {
    let continuous = WRITER.with(|w| w.borrow().pending.as_ref().map(|p| p.continuous));
    let Some(continuous) = continuous else {
        return;
    };
    let wait = WRITER.with(|w| w.borrow().budget.wait_ms(web::clock::wall_ms(), continuous));
    if wait > 0.0 {
        arm();
    } else {
        flush();
    }
}

/// Forgets the pending write: the location changed under it (a link
/// opened, back or forward), and the location wins; or a write at once
/// carries the whole route.
pub fn cancel() {
    if WRITER.with(|w| w.borrow_mut().pending.take()).is_some() {
        web::page::root_flag(PENDING_FLAG, false);
    }
}

/// Writes the pending write, if any, now (the page is left or hidden, the
/// presenter window opens on the location, another slide is pushed).
pub fn flush() {
    if let Some(p) = WRITER.with(|w| w.borrow_mut().pending.take()) {
        web::page::root_flag(PENDING_FLAG, false);
        write_now(&p.hash, false, p.continuous);
    }
}

/// `history.pushState` or `replaceState` with `hash`; neither fires
/// `hashchange`.
fn history_write(hash: &str, push: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else {
        return;
    };
    let _ = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(hash))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(hash))
    };
}
