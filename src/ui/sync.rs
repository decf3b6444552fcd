//! The presenter sync on the web: the protocol of `deck::sync` over a
//! `BroadcastChannel` named per deck (the page's path), or over
//! `localStorage` and its `storage` event where the browser has no
//! `BroadcastChannel`. Views and pointer moves are sent at most about 30
//! times a second and always end with the last value. The preview of the
//! next step takes no part. Only a talk syncs (a presenter window and the
//! windows that heard it, `deck::sync`): with no presenter window open,
//! the page works as without any of this.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::deck::route::Route;
use crate::deck::state::Action;
use crate::deck::sync::{self, Blank, Peer, Reaction, StagePoint};
use crate::ui::hooks::Dispatch;
use crate::ui::web;

/// Least time between two messages of one kind, in milliseconds (~30/s).
const GAP_MS: f64 = 33.0;

/// Where messages go.
enum Wire {
    Channel(web_sys::BroadcastChannel),
    /// The storage key whose changes the other windows see.
    Storage(String),
}

impl Wire {
    fn post(&self, text: &str) {
        match self {
            Wire::Channel(c) => {
                let _ = c.post_message(&JsValue::from_str(text));
            }
            Wire::Storage(key) => {
                if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                    let _ = s.set_item(key, text);
                }
            }
        }
    }
}

/// Sends at most one message per `GAP_MS`; a message held back is replaced
/// by a newer one and sent when the gap is over.
#[derive(Default)]
struct Throttle {
    last: Option<f64>,
    pending: Option<String>,
    timer: Option<Timeout>,
}

struct Inner {
    peer: Peer,
    wire: Option<Wire>,
    _listener: Option<EventListener>,
    /// A presenter window says goodbye when its page goes away.
    _bye: Option<EventListener>,
    /// The shared state shown now (shared hash, blank), for answers.
    current: (String, Blank),
    /// Whether the first shared state was seen (it is not sent: the others' wins).
    started: bool,
    shared: Throttle,
    pointer: Throttle,
}

/// This window's end of the sync, for the parts that send by hand (the
/// pointer). Equal to itself only, so props holding it never change.
#[derive(Clone)]
pub struct SyncHandle(Rc<RefCell<Inner>>);

impl PartialEq for SyncHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Which throttle of `Inner`.
#[derive(Clone, Copy)]
enum Kind {
    Shared,
    Pointer,
}

impl Inner {
    /// Posts `text` on the wire, if there is one.
    fn post(&self, text: &str) {
        if let Some(w) = &self.wire {
            w.post(text);
        }
    }
}

fn throttle(inner: &mut Inner, kind: Kind) -> &mut Throttle {
    match kind {
        Kind::Shared => &mut inner.shared,
        Kind::Pointer => &mut inner.pointer,
    }
}

/// Sends `text` now, or when the gap since the last message is over.
fn send(rc: &Rc<RefCell<Inner>>, kind: Kind, text: String) {
    let now = web::clock::now_ms();
    let mut inner = rc.borrow_mut();
    if inner.wire.is_none() {
        return;
    }
    let t = throttle(&mut inner, kind);
    let wait = t.last.map_or(0.0, |last| GAP_MS - (now - last));
    if wait <= 0.0 && t.timer.is_none() {
        t.last = Some(now);
        inner.post(&text);
        return;
    }
    t.pending = Some(text);
    if t.timer.is_none() {
        let weak: Weak<RefCell<Inner>> = Rc::downgrade(rc);
        t.timer = Some(Timeout::new(wait.max(0.0).ceil() as u32, move || {
            let Some(rc) = weak.upgrade() else {
                return;
            };
            let mut inner = rc.borrow_mut();
            let t = throttle(&mut inner, kind);
            t.timer = None;
            t.last = Some(web::clock::now_ms());
            if let Some(text) = t.pending.take() {
                inner.post(&text);
            }
        }));
    }
}

impl SyncHandle {
    /// Shows the pointer at `at` (stage thousandths), or hides it, in the
    /// other windows.
    pub fn pointer(&self, at: Option<StagePoint>) {
        let text = self.0.borrow_mut().peer.pointer(at).encode();
        send(&self.0, Kind::Pointer, text);
        crate::ui::live::pointer(at);
    }
}

thread_local! {
    /// The window's sync, for `early`.
    static LIVE: RefCell<Weak<RefCell<Inner>>> = const { RefCell::new(Weak::new()) };
}

/// Sends a changed shared state as soon as the reducer has it, before the page
/// renders it, so the other windows start on it a render sooner. The
/// effect in `use_sync` sends what this did not (nothing twice: `Peer`
/// does not repeat a shared state).
pub fn early(route: &Route, blank: Blank) {
    let Some(rc) = LIVE.with(|l| l.borrow().upgrade()) else {
        return;
    };
    let text = {
        let Ok(mut inner) = rc.try_borrow_mut() else {
            return;
        };
        // Outside a talk nothing is sent: spare the hash.
        if !inner.started || route.preview || !inner.peer.in_talk() {
            return;
        }
        let hash = sync::shared(route);
        inner.current = (hash.clone(), blank);
        inner.peer.changed(&hash, blank).map(|m| m.encode())
    };
    if let Some(text) = text {
        send(&rc, Kind::Shared, text);
    }
}

/// Reacts to one received text; dispatches after the borrow ends (a
/// dispatch may render, and rendering runs the effects that borrow).
fn receive(rc: &Rc<RefCell<Inner>>, dispatch: &Dispatch, text: &str) {
    let reaction = rc.borrow_mut().peer.receive(text);
    match reaction {
        Reaction::Show { hash, blank } => {
            crate::ui::live::heard(&hash, blank);
            dispatch.dispatch(Action::Sync { hash, blank })
        }
        Reaction::Pointer(p) => dispatch.dispatch(Action::Pointer(p)),
        Reaction::Answer => {
            let mut inner = rc.borrow_mut();
            let (hash, blank) = inner.current.clone();
            let text = inner.peer.answer(&hash, blank).encode();
            inner.post(&text);
        }
        Reaction::Nothing => {}
    }
}

/// Opens the deck's channel, or the storage fallback, and listens to it.
fn open(rc: &Rc<RefCell<Inner>>, dispatch: Dispatch) {
    let name = format!("llm-notes-explainer:{}", web::location::page_path());
    let Some(window) = web_sys::window() else {
        return;
    };
    let weak = Rc::downgrade(rc);
    let (wire, listener) = match web_sys::BroadcastChannel::new(&name) {
        Ok(channel) => {
            let listener = EventListener::new(&channel, "message", move |e| {
                let (Some(rc), Some(e)) = (weak.upgrade(), e.dyn_ref::<web_sys::MessageEvent>())
                else {
                    return;
                };
                if let Some(text) = e.data().as_string() {
                    receive(&rc, &dispatch, &text);
                }
            });
            (Wire::Channel(channel), listener)
        }
        Err(_) => {
            let key = format!("llm-notes.sync:{}", web::location::page_path());
            let want = key.clone();
            let listener = EventListener::new(&window, "storage", move |e| {
                let (Some(rc), Some(e)) = (weak.upgrade(), e.dyn_ref::<web_sys::StorageEvent>())
                else {
                    return;
                };
                if e.key().as_deref() == Some(want.as_str()) {
                    if let Some(text) = e.new_value() {
                        receive(&rc, &dispatch, &text);
                    }
                }
            });
            (Wire::Storage(key), listener)
        }
    };
    let weak = Rc::downgrade(rc);
    let bye = EventListener::new(&window, "pagehide", move |_| {
        let Some(rc) = weak.upgrade() else {
            return;
        };
        let Ok(mut inner) = rc.try_borrow_mut() else {
            return;
        };
        if inner.peer.in_talk() {
            let text = inner.peer.bye().encode();
            inner.post(&text);
        }
    });
    let mut inner = rc.borrow_mut();
    inner.wire = Some(wire);
    inner._listener = Some(listener);
    inner._bye = Some(bye);
}

/// Keeps this window's shared state in step with the deck's other windows: sends
/// each change of the shared state (slide, step, settings, blank) and shows
/// theirs. `shared` is this window's shared state as `deck::sync::shared` writes
/// it; `presenter` says this is the presenter window; the preview
/// (`preview`) takes no part. Returns the handle the pointer sends through.
#[hook]
pub fn use_sync(
    dispatch: Dispatch,
    preview: bool,
    presenter: bool,
    shared: &str,
    blank: Blank,
) -> SyncHandle {
    let rc = use_mut_ref(|| Inner {
        peer: Peer::new(&web::clock::random_id(), presenter),
        wire: None,
        _listener: None,
        _bye: None,
        current: (String::new(), Blank::None),
        started: false,
        shared: Throttle::default(),
        pointer: Throttle::default(),
    });
    {
        let rc = rc.clone();
        use_effect_with((), move |_| {
            if !preview {
                open(&rc, dispatch);
                LIVE.with(|l| *l.borrow_mut() = Rc::downgrade(&rc));
            }
            move || {
                let mut inner = rc.borrow_mut();
                inner._listener = None;
                inner._bye = None;
                if let Some(Wire::Channel(c)) = inner.wire.take() {
                    c.close();
                }
            }
        });
    }
    {
        let rc = rc.clone();
        use_effect_with((shared.to_string(), blank), move |(hash, blank)| {
            let text = {
                let mut inner = rc.borrow_mut();
                inner.current = (hash.clone(), *blank);
                if inner.started {
                    inner.peer.changed(hash, *blank).map(|m| m.encode())
                } else {
                    // The first shared state is this window's link: ask for the
                    // deck's current shared state instead of imposing it.
                    inner.started = true;
                    Some(inner.peer.request().encode())
                }
            };
            if let Some(text) = text {
                send(&rc, Kind::Shared, text);
            }
        });
    }
    SyncHandle(rc)
}
