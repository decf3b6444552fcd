//! The event streams (`text/event-stream`): a follower's views and pointer
//! messages, a speaker's counts, both with keep-alive comments.
//!
//! A stream is a `futures` unfold over a `Feed`: each step waits for the
//! next thing to send. Dropping the response (the client left) drops the
//! feed and with it the room registration it holds.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderName;
use axum::response::Response;
use futures_util::stream;
use tokio::sync::{broadcast, watch};
use tokio::time::{interval_at, sleep_until, Instant, Interval, MissedTickBehavior};

use crate::rooms::{FollowerGuard, SpeakerGuard};

/// A keep-alive comment this often, so that proxies keep the stream open
/// and a client notices a dead connection.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// At most one view (or count) event per this long per connection; the
/// latest value is sent once it is over.
pub const MIN_GAP: Duration = Duration::from_millis(33);

/// The keep-alive comment.
const PING: &str = ": ping\n\n";

/// An event: `event: NAME\ndata: DATA\n\n` (`data` holds no line break).
pub fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

/// A response of the event-stream type with `body`.
fn response(body: Body) -> Response {
    let mut res = Response::new(body);
    let headers = res.headers_mut();
    headers.insert(CONTENT_TYPE, "text/event-stream".parse().unwrap());
    headers.insert(CACHE_CONTROL, "no-store".parse().unwrap());
    // nginx buffers responses unless told not to.
    headers.insert(
        HeaderName::from_static("x-accel-buffering"),
        "no".parse().unwrap(),
    );
    res
}

/// A stream of one empty event `name`, then its end (`unknown`, `full`):
/// status 200 so that a browser's EventSource reads it.
pub fn single(name: &str) -> Response {
    response(Body::from(event(name, "")))
}

/// A follower's stream: `hello` (with the audience link), the latest view
/// at once if there is one, then views, pointer messages and `ended`.
pub fn follower(guard: FollowerGuard, audience: &str, closing: watch::Receiver<bool>) -> Response {
    let room = guard.room().clone();
    let mut view = room.views();
    let mut first = event("hello", audience);
    let mut next_at = Instant::now();
    if let Some(latest) = view.borrow_and_update().clone() {
        first.push_str(&event("view", &latest));
        next_at += MIN_GAP;
    }
    let source = Source::Follow {
        _guard: guard,
        view,
        pointer: room.pointers(),
    };
    Feed::new(first, source, room.ended(), closing, next_at).into_response()
}

/// A speaker's stream: `hello` (with the audience link), then `count` at
/// once and on every change.
pub fn speaker(guard: SpeakerGuard, audience: &str, closing: watch::Receiver<bool>) -> Response {
    let room = guard.room().clone();
    let mut counts = room.count_watch();
    let (f, e) = *counts.borrow_and_update();
    let first = event("hello", audience) + &event("count", &format!("{f} {e}"));
    let source = Source::Speak {
        _guard: guard,
        counts,
    };
    let next_at = Instant::now() + MIN_GAP;
    Feed::new(first, source, room.ended(), closing, next_at).into_response()
}

/// What a stream sends besides keep-alives and `ended`.
enum Source {
    /// A follower: views (coalesced) and pointer messages.
    Follow {
        /// The registration, held while the stream lives.
        _guard: FollowerGuard,
        /// The latest view.
        view: watch::Receiver<Option<Arc<str>>>,
        /// Pointer messages.
        pointer: broadcast::Receiver<Arc<str>>,
    },
    /// A speaker: counts (coalesced).
    Speak {
        /// The speaker's presence, held while the stream lives.
        _guard: SpeakerGuard,
        /// (following, exploring).
        counts: watch::Receiver<(usize, usize)>,
    },
}

impl Source {
    /// The next event; a coalesced one not before `next_at`, which it then
    /// moves on. `None` ends the stream.
    async fn next(&mut self, next_at: &mut Instant) -> Option<String> {
        match self {
            Source::Follow { view, pointer, .. } => loop {
                tokio::select! {
                    changed = async { sleep_until(*next_at).await; view.changed().await } => {
                        changed.ok()?;
                        let latest = view.borrow_and_update().clone();
                        if let Some(latest) = latest {
                            *next_at = Instant::now() + MIN_GAP;
                            return Some(event("view", &latest));
                        }
                    }
                    got = pointer.recv() => match got {
                        Ok(p) => return Some(event("pointer", &p)),
                        // A slow follower misses pointer positions, no more.
                        Err(broadcast::error::RecvError::Lagged(_)) => {}
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                }
            },
            Source::Speak { counts, .. } => {
                sleep_until(*next_at).await;
                counts.changed().await.ok()?;
                let (f, e) = *counts.borrow_and_update();
                *next_at = Instant::now() + MIN_GAP;
                Some(event("count", &format!("{f} {e}")))
            }
        }
    }
}

/// One open stream.
struct Feed {
    /// What to send first, at once.
    first: Option<String>,
    /// Views, pointers or counts.
    source: Source,
    /// The room's end.
    ended: watch::Receiver<bool>,
    /// The server's shutdown.
    closing: watch::Receiver<bool>,
    /// Keep-alive ticks.
    ping: Interval,
    /// The next coalesced event not before this.
    next_at: Instant,
    /// `ended` was sent: the stream is over.
    done: bool,
}

impl Feed {
    /// A feed that sends `first`, then follows `source`.
    fn new(
        first: String,
        source: Source,
        ended: watch::Receiver<bool>,
        closing: watch::Receiver<bool>,
        next_at: Instant,
    ) -> Feed {
        let mut ping = interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE);
        ping.set_missed_tick_behavior(MissedTickBehavior::Delay);
        Feed {
            first: Some(first),
            source,
            ended,
            closing,
            ping,
            next_at,
            done: false,
        }
    }

    /// The next chunk of the stream, or `None` at its end.
    async fn step(mut self) -> Option<(Result<Bytes, Infallible>, Feed)> {
        if let Some(first) = self.first.take() {
            return Some((Ok(first.into()), self));
        }
        if self.done {
            return None;
        }
        let text = tokio::select! {
            biased;
            _ = self.closing.wait_for(|c| *c) => return None,
            _ = self.ended.wait_for(|e| *e) => {
                self.done = true;
                event("ended", "")
            }
            _ = self.ping.tick() => PING.to_string(),
            next = self.source.next(&mut self.next_at) => next?,
        };
        Some((Ok(text.into()), self))
    }

    /// The streaming response.
    fn into_response(self) -> Response {
        response(Body::from_stream(stream::unfold(self, Feed::step)))
    }
}
