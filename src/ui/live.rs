//! The live class on the web: the page's end of the project's server
//! (`server/`), only for a link with `?live=ROOM` (`deck::live::Link`). A
//! page without it never calls anything here that talks to a server.
//!
//! - **A follower** reads the room's events (`live/ROOM/events`, an
//!   `EventSource`) and shows each view of the speaker's while it follows
//!   (`deck::live::Follower`); a change of its own makes it explore, and
//!   says so to the server (`live/ROOM/presence`), which counts; Rejoin
//!   (the button or `j`) shows the latest view and follows again. A lost
//!   connection is retried with backoff, by this module rather than by the
//!   `EventSource` (which retries at a fixed pace and cannot tell an
//!   unknown room from a lost server).
//! - **The speaker** (a link with the key too) posts each change of the
//!   shared view (`live/ROOM/view`, the key in a header), at most ~30 a
//!   second and always the last one, from the window where the change was
//!   made (a view heard from the other window through `ui::sync` is not
//!   posted again), reads the room's counts, and posts its view again
//!   whenever its connection comes back, so the room shows the speaker's
//!   current view after a restart.
//!
//! The key leaves the address bar at start (`init`): it is kept in session
//! storage for a reload, and only the presenter window's link carries it.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::deck::i18n::{fill, TextLang};
use crate::deck::live::{self, Effect, Follower, Link, Mode, Status, View};
use crate::deck::state::Action;
use crate::deck::sync::{Blank, Body, Message, StagePoint};
use crate::ui::hooks::Dispatch;
use crate::ui::web;

/// Least time between two posts of the speaker's, in milliseconds (~30/s).
const GAP_MS: f64 = 33.0;

/// Where the speaker's key is kept for a reload of the same tab.
fn store_key(room: &str) -> String {
    format!("llm-notes.live-key:{room}")
}

thread_local! {
    /// The page's live link, read once at start (`init`) before the first render.
    static LINK: RefCell<Link> = const { RefCell::new(Link::Alone) };
    /// A weak handle on the window's live connection: the key listener's
    /// Rejoin, the window sync's "heard", the pointer.
    static CONN: RefCell<Weak<RefCell<Inner>>> = const { RefCell::new(Weak::new()) };
}

/// Reads the live link of the address, once, before the first render. A
/// speaker's key leaves the address bar for session storage (so the room's
/// screen never shows it); a reload of that tab finds it there.
pub fn init() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let storage = window.session_storage().ok().flatten();
    let mut link = Link::parse(&search);
    match &link {
        Link::Speak { room, key } => {
            if let Some(s) = &storage {
                let _ = s.set_item(&store_key(room), key);
            }
            let clean = format!(
                "{}{}{}",
                location.pathname().unwrap_or_default(),
                live::without_key(&search),
                location.hash().unwrap_or_default()
            );
            if let Ok(h) = window.history() {
                let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
            }
        }
        Link::Follow { room } => {
            let stored = storage.and_then(|s| s.get_item(&store_key(room)).ok().flatten());
            if let Some(key) = stored {
                let speak = Link::parse(&format!("live={room}&key={key}"));
                if let Link::Speak { .. } = speak {
                    link = speak;
                }
            }
        }
        Link::Alone | Link::BadRoom => {}
    }
    LINK.with(|l| *l.borrow_mut() = link);
}

/// The page's live link (as `init` read it).
pub fn link() -> Link {
    LINK.with(|l| l.borrow().clone())
}

/// The page's address for the presenter window: a speaker's carries the key.
pub fn with_key(address: &str) -> String {
    match link() {
        Link::Speak { key, .. } => {
            let sep = if address.contains('?') { '&' } else { '?' };
            format!("{address}{sep}key={key}")
        }
        _ => address.to_string(),
    }
}

/// What the page renders of the live class.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Snapshot {
    /// A follower's status; `None` for the speaker and a page alone.
    pub status: Option<Status>,
    /// This window is the speaker's.
    pub speaking: bool,
    /// The server refused the speaker's key.
    pub refused: bool,
    /// The speaker's connection is lost, being retried.
    pub speaker_lost: bool,
    /// (following, exploring), as the server counts them (speaker only).
    pub count: Option<(u32, u32)>,
    /// The audience's link the server announced, without a hash.
    pub audience: Option<String>,
    /// The link names no valid room.
    pub bad_room: bool,
}

/// The speaker's posting: the last posted view, the one held back, the timer.
#[derive(Default)]
struct Posting {
    seq: u64,
    last_at: Option<f64>,
    /// The room's latest view as this window knows it: the last it posted
    /// or heard from its other window.
    posted: Option<View>,
    pending: Option<String>,
    timer: Option<Timeout>,
}

struct Inner {
    link: Link,
    /// This page's id in the room.
    id: String,
    dispatch: Dispatch,
    set: UseStateSetter<Snapshot>,
    follower: Follower,
    source: Option<web_sys::EventSource>,
    listeners: Vec<EventListener>,
    retry: Option<Timeout>,
    /// Failed attempts in a row (the speaker's backoff).
    failures: u32,
    /// The window's view now.
    current: View,
    posting: Posting,
    refused: bool,
    count: Option<(u32, u32)>,
    audience: Option<String>,
    speaker_open: bool,
    /// The speaker's connection has been open once (else a failure may be
    /// a refused key: a post finds out).
    speaker_was_open: bool,
}

impl Inner {
    fn snapshot(&self) -> Snapshot {
        let speaking = matches!(self.link, Link::Speak { .. });
        Snapshot {
            status: matches!(self.link, Link::Follow { .. }).then(|| self.follower.status()),
            speaking,
            refused: self.refused,
            speaker_lost: speaking && !self.speaker_open && !self.refused,
            count: self.count,
            audience: self
                .audience
                .clone()
                .or_else(|| self.follower.audience.clone()),
            bad_room: self.link == Link::BadRoom,
        }
    }

    fn publish_snapshot(&self) {
        self.set.set(self.snapshot());
    }

    fn room(&self) -> &str {
        self.link.room().unwrap_or_default()
    }

    fn close_source(&mut self) {
        self.listeners.clear();
        if let Some(s) = self.source.take() {
            s.close();
        }
    }
}

/// Posts `body` to `live/ROOM/{path}` with the key (if any); `done` gets the status.
fn post(path: &str, body: &str, key: Option<&str>, done: impl FnOnce(u16) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    if let Some(key) = key {
        if let Ok(h) = web_sys::Headers::new() {
            let _ = h.set("X-Live-Key", key);
            init.set_headers(&h);
        }
    }
    let promise = window.fetch_with_str_and_init(path, &init);
    // One function for both outcomes (a failed request gives no response:
    // status 0); it frees itself once called.
    let settle = Closure::once_into_js(move |r: JsValue| {
        done(r.dyn_into::<web_sys::Response>().map_or(0, |r| r.status()));
    });
    if let Ok(then) = js_sys::Reflect::get(&promise, &JsValue::from_str("then")) {
        if let Some(then) = then.dyn_ref::<js_sys::Function>() {
            let _ = then.call2(&promise, &settle, &settle);
        }
    }
}

/// Posts a message of the speaker's now, or when the gap is over (the
/// latest held back replaces an older one).
fn send(rc: &Rc<RefCell<Inner>>, text: String) {
    let now = web::clock::now_ms();
    let mut inner = rc.borrow_mut();
    if inner.refused {
        return;
    }
    let p = &mut inner.posting;
    let wait = p.last_at.map_or(0.0, |last| GAP_MS - (now - last));
    if wait <= 0.0 && p.timer.is_none() {
        p.last_at = Some(now);
        drop(inner);
        post_view(rc, text);
        return;
    }
    p.pending = Some(text);
    if p.timer.is_none() {
        let weak = Rc::downgrade(rc);
        p.timer = Some(Timeout::new(wait.max(0.0).ceil() as u32, move || {
            let Some(rc) = weak.upgrade() else {
                return;
            };
            let text = {
                let mut inner = rc.borrow_mut();
                inner.posting.timer = None;
                inner.posting.last_at = Some(web::clock::now_ms());
                inner.posting.pending.take()
            };
            if let Some(text) = text {
                post_view(&rc, text);
            }
        }));
    }
}

fn post_view(rc: &Rc<RefCell<Inner>>, text: String) {
    let (path, key) = {
        let inner = rc.borrow();
        let Link::Speak { room, key } = &inner.link else {
            return;
        };
        (format!("live/{room}/view"), key.clone())
    };
    let weak = Rc::downgrade(rc);
    post(&path, &text, Some(&key), move |status| {
        if status == 403 {
            if let Some(rc) = weak.upgrade() {
                let mut inner = rc.borrow_mut();
                inner.refused = true;
                inner.close_source();
                inner.retry = None;
                inner.publish_snapshot();
            }
        }
    });
}

/// A message of the speaker's with `body`.
fn message(inner: &mut Inner, body: Body) -> String {
    inner.posting.seq += 1;
    Message {
        sender: inner.id.clone(),
        seq: inner.posting.seq,
        presenter: true,
        body,
    }
    .encode()
}

/// Posts the speaker's view if it is new (or `again`, after a reconnect).
fn publish(rc: &Rc<RefCell<Inner>>, again: bool) {
    let text = {
        let mut inner = rc.borrow_mut();
        let view = inner.current.clone();
        // The room has it already: this window posted it, or heard it
        // from the other window, which did.
        if view.0.is_empty() || (inner.posting.posted.as_ref() == Some(&view) && !again) {
            return;
        }
        inner.posting.posted = Some(view.clone());
        message(
            &mut inner,
            Body::Shared {
                hash: view.0,
                blank: view.1,
            },
        )
    };
    send(rc, text);
}

/// The data of an event as text.
fn data(e: &web_sys::Event) -> String {
    e.dyn_ref::<web_sys::MessageEvent>()
        .and_then(|m| m.data().as_string())
        .unwrap_or_default()
}

/// Connects (again) to the room's events.
fn connect(rc: &Rc<RefCell<Inner>>) {
    let url = {
        let mut inner = rc.borrow_mut();
        inner.close_source();
        inner.retry = None;
        let room = inner.room().to_string();
        match &inner.link {
            Link::Speak { key, .. } => {
                format!("live/{room}/events?role=speak&key={key}&id={}", inner.id)
            }
            Link::Follow { .. } => format!(
                "live/{room}/events?role=follow&id={}&state={}",
                inner.id,
                inner.follower.mode.id()
            ),
            Link::Alone | Link::BadRoom => return,
        }
    };
    let Ok(source) = web_sys::EventSource::new(&url) else {
        lost(rc);
        return;
    };
    let speaking = matches!(rc.borrow().link, Link::Speak { .. });
    let names: &[&str] = if speaking {
        &["hello", "count"]
    } else {
        &["hello", "view", "pointer", "ended", "unknown", "full"]
    };
    let mut listeners = Vec::new();
    for &name in names {
        let weak = Rc::downgrade(rc);
        listeners.push(EventListener::new(&source, name, move |e| {
            if let Some(rc) = weak.upgrade() {
                on_event(&rc, name, &data(e));
            }
        }));
    }
    let weak = Rc::downgrade(rc);
    listeners.push(EventListener::new(&source, "error", move |_| {
        if let Some(rc) = weak.upgrade() {
            lost(&rc);
        }
    }));
    let mut inner = rc.borrow_mut();
    inner.source = Some(source);
    inner.listeners = listeners;
}

/// The connection dropped or failed: retry after a backoff, unless over.
fn lost(rc: &Rc<RefCell<Inner>>) {
    let probe = {
        let inner = rc.borrow();
        matches!(inner.link, Link::Speak { .. }) && !inner.speaker_was_open && inner.failures == 0
    };
    if probe {
        // A stream refused for a wrong key looks like a lost one: a post
        // of the view says which (403 stops the retries).
        publish(rc, true);
    }
    let wait = {
        let mut inner = rc.borrow_mut();
        inner.close_source();
        let wait = match inner.link {
            Link::Speak { .. } => {
                inner.speaker_open = false;
                if inner.refused {
                    None
                } else {
                    let w = live::backoff_ms(inner.failures);
                    inner.failures += 1;
                    Some(w)
                }
            }
            _ => inner.follower.lost(),
        };
        inner.publish_snapshot();
        wait
    };
    if let Some(ms) = wait {
        let weak = Rc::downgrade(rc);
        rc.borrow_mut().retry = Some(Timeout::new(ms, move || {
            if let Some(rc) = weak.upgrade() {
                connect(&rc);
            }
        }));
    }
}

/// One event from the server.
fn on_event(rc: &Rc<RefCell<Inner>>, name: &str, data: &str) {
    if matches!(rc.borrow().link, Link::Speak { .. }) {
        match name {
            "hello" => {
                {
                    let mut inner = rc.borrow_mut();
                    inner.speaker_open = true;
                    inner.speaker_was_open = true;
                    inner.failures = 0;
                    if !data.is_empty() && data.len() <= 2048 {
                        inner.audience = Some(data.to_string());
                    }
                    inner.publish_snapshot();
                }
                // The room shows the speaker's current view, also after a restart.
                publish(rc, true);
            }
            "count" => {
                let mut parts = data.split(' ').map(|n| n.parse::<u32>().ok());
                if let (Some(Some(f)), Some(Some(e)), None) =
                    (parts.next(), parts.next(), parts.next())
                {
                    let mut inner = rc.borrow_mut();
                    inner.count = Some((f, e));
                    inner.publish_snapshot();
                }
            }
            _ => {}
        }
        return;
    }
    let (effect, dispatch) = {
        let mut inner = rc.borrow_mut();
        let effect = inner.follower.event(name, data);
        if effect == Effect::Close {
            inner.close_source();
        }
        inner.publish_snapshot();
        (effect, inner.dispatch.clone())
    };
    match effect {
        Effect::Show((hash, blank)) => dispatch.dispatch(Action::Sync { hash, blank }),
        Effect::Pointer(p) => dispatch.dispatch(Action::Pointer(p)),
        Effect::Close | Effect::Nothing => {}
    }
}

/// Tells the server this follower's mode.
fn tell_mode(inner: &Inner) {
    let body = format!("{} {}", inner.id, inner.follower.mode.id());
    post(
        &format!("live/{}/presence", inner.room()),
        &body,
        None,
        |_| {},
    );
}

/// Rejoin: show the speaker's latest view and follow again. False when
/// this page is not an exploring follower.
pub fn rejoin() -> bool {
    let Some(rc) = CONN.with(|c| c.borrow().upgrade()) else {
        return false;
    };
    let (view, dispatch) = {
        let Ok(mut inner) = rc.try_borrow_mut() else {
            return false;
        };
        if !matches!(inner.link, Link::Follow { .. }) || inner.follower.mode != Mode::Exploring {
            return false;
        }
        let view = inner.follower.rejoin();
        tell_mode(&inner);
        inner.publish_snapshot();
        (view, inner.dispatch.clone())
    };
    if let Some((hash, blank)) = view {
        dispatch.dispatch(Action::Sync { hash, blank });
    }
    true
}

/// The window sync (`ui::sync`) is about to show a view from the other
/// window, which posted it: this window does not post it again, and takes
/// it as the room's latest (so that going back to a view this window
/// posted before is posted again).
pub fn heard(hash: &str, blank: Blank) {
    if let Some(rc) = CONN.with(|c| c.borrow().upgrade()) {
        if let Ok(mut inner) = rc.try_borrow_mut() {
            inner.posting.posted = Some((hash.to_string(), blank));
        }
    }
}

/// The speaker's pointer, for the room.
pub fn pointer(at: Option<StagePoint>) {
    let Some(rc) = CONN.with(|c| c.borrow().upgrade()) else {
        return;
    };
    let text = {
        let Ok(mut inner) = rc.try_borrow_mut() else {
            return;
        };
        if !matches!(inner.link, Link::Speak { .. }) || !inner.speaker_open {
            return;
        }
        message(&mut inner, Body::Pointer(at))
    };
    send(&rc, text);
}

/// The live class of this window: connects when the link names a room
/// (never otherwise, nor in the preview), shows or posts the views, and
/// returns what to render.
#[hook]
pub fn use_live(dispatch: Dispatch, preview: bool, shared: &str, blank: Blank) -> Snapshot {
    let snapshot = use_state(Snapshot::default);
    let rc = {
        let set = snapshot.setter();
        let dispatch = dispatch.clone();
        use_mut_ref(move || Inner {
            link: if preview { Link::Alone } else { link() },
            id: web::clock::random_id(),
            dispatch,
            set,
            follower: Follower::default(),
            source: None,
            listeners: Vec::new(),
            retry: None,
            failures: 0,
            current: (String::new(), Blank::None),
            posting: Posting::default(),
            refused: false,
            count: None,
            audience: None,
            speaker_open: false,
            speaker_was_open: false,
        })
    };
    {
        let rc = rc.clone();
        use_effect_with((), move |_| {
            let active = rc.borrow().link.room().is_some();
            if active {
                CONN.with(|c| *c.borrow_mut() = Rc::downgrade(&rc));
                connect(&rc);
            }
            rc.borrow().publish_snapshot();
            move || {
                let mut inner = rc.borrow_mut();
                inner.close_source();
                inner.retry = None;
                inner.posting.timer = None;
            }
        });
    }
    {
        let rc = rc.clone();
        use_effect_with((shared.to_string(), blank), move |(hash, blank)| {
            let view = (hash.clone(), *blank);
            let speaking = {
                let mut inner = rc.borrow_mut();
                inner.current = view.clone();
                match inner.link {
                    Link::Follow { .. } => {
                        if inner.follower.showing(&view) {
                            tell_mode(&inner);
                            inner.publish_snapshot();
                        }
                        false
                    }
                    Link::Speak { .. } => inner.speaker_open,
                    Link::Alone | Link::BadRoom => false,
                }
            };
            if speaking {
                publish(&rc, false);
            }
        });
    }
    (*snapshot).clone()
}

/// The audience's link for `shared` (a shared hash): the one the server
/// announced (an address a phone can reach), else this page's address
/// without the key.
pub fn audience_link(snapshot: &Snapshot, shared: &str) -> String {
    match &snapshot.audience {
        Some(a) => format!("{a}{shared}"),
        None => {
            let address = web::location::page_address();
            let (base, query) = address.split_once('?').unwrap_or((&address, ""));
            format!("{base}{}{shared}", live::without_key(query))
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct LiveBarProps {
    pub snapshot: Snapshot,
    pub ui: TextLang,
}

/// The follower's status and Rejoin, the speaker's counts, or a bad link's
/// message; nothing on a page alone.
#[function_component]
pub fn LiveBar(props: &LiveBarProps) -> Html {
    let s = &props.snapshot;
    let ui = props.ui;
    if s.bad_room {
        return html! {
            <div class="live-bar" role="status" data-testid="live-status" data-state="unknown">
                <span>{ui.t("ui.live.unknown")}</span>
            </div>
        };
    }
    if let Some(status) = s.status {
        let rejoin = Callback::from(|_: MouseEvent| {
            rejoin();
        });
        return html! {
            <div class={classes!("live-bar", format!("live-{}", status.id()))} role="status"
                data-testid="live-status" data-state={status.id()}>
                <span class="live-dot" aria-hidden="true"></span>
                <span>{ui.t(&format!("ui.live.{}", status.id()))}</span>
                if status == Status::Exploring {
                    <button type="button" class="btn live-rejoin" data-testid="live-rejoin"
                        aria-keyshortcuts="j" onclick={rejoin}>{ui.t("ui.live.rejoin")}</button>
                }
            </div>
        };
    }
    if s.speaking {
        let (state, text) = if s.refused {
            ("refused", ui.t("ui.live.refused").to_string())
        } else if s.speaker_lost {
            ("reconnecting", ui.t("ui.live.reconnecting").to_string())
        } else {
            let (f, e) = s.count.unwrap_or((0, 0));
            (
                "speaking",
                fill(
                    ui.t("ui.live.count"),
                    &[("following", &f.to_string()), ("exploring", &e.to_string())],
                ),
            )
        };
        return html! {
            <div class="live-bar live-speaker" role="status" data-testid="live-count" data-state={state}
                data-following={s.count.map(|c| c.0.to_string())} data-exploring={s.count.map(|c| c.1.to_string())}>
                <span class="live-dot" aria-hidden="true"></span>
                <span>{text}</span>
            </div>
        };
    }
    html! {}
}
