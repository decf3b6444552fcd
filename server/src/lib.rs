//! The live-class server of the deck: it serves the built page (`dist/`)
//! and relays what the speaker shows to the audience's phones.
//!
//! # Rooms and keys
//!
//! A speaker holds a key, 128 random bits as 32 lowercase hex digits. The
//! room id is the first 8 bytes of the key's SHA-256, as 16 hex digits
//! ([`rooms::room_id`]). The presenter's link carries both
//! (`?live=ROOM&key=KEY`), the audience's only the room (`?live=ROOM`):
//! whoever can see the room cannot speak in it. Every speaker request
//! carries the key and the server checks that it hashes to the room; so a
//! room needs no stored secret, and after a restart the speaker's key
//! creates the same room again. Rooms live in memory; a room with no
//! speaker connected for `--end-after` seconds ends. Several processes can
//! share their rooms through Redis (`--redis`, below).
//!
//! # Protocol
//!
//! The messages are the deck's own sync messages
//! (`llm_notes_explainer::deck::sync`), relayed as text:
//!
//! - `GET /live/ROOM/events?role=follow&id=CLIENT&state=following|exploring`:
//!   a follower's event stream. `hello` (data: the audience link), then
//!   the latest `view` at once, then every later `view` and `pointer`, and
//!   `ended` when the room ends. An unknown room gets `unknown`, a full one
//!   `full`, and the stream closes.
//! - `GET /live/ROOM/events?role=speak&key=KEY`: a speaker's event stream.
//!   `hello`, then `count` (data: `FOLLOWING EXPLORING`) at once and on
//!   every change. While it is open, the room does not end.
//! - `POST /live/ROOM/view` with `X-Live-Key: KEY`: one view or pointer
//!   message. A view replaces the latest; a pointer message is only passed
//!   on. 204, or 403 (key), 413 (size), 503 (room cap), 400 (not a view or
//!   pointer message: nothing changes).
//! - `POST /live/ROOM/presence` with `CLIENT following|exploring`: a
//!   follower switches between following the speaker and exploring alone.
//!   204, or 404 (no such room or follower), 400; with `--redis`, 202 when
//!   the follower is not on this process (passed on to the others).
//!
//! Everything else is a file of the page ([`statics`]).
//!
//! # Why server-sent events
//!
//! The traffic is one-way: one speaker sends a few small messages (at most
//! ~30 a second while the pointer moves), many followers receive them. An
//! event stream is exactly that, over plain HTTP: it passes proxies and
//! firewalls that refuse an upgrade, a browser's `EventSource` reconnects
//! by itself, and a load generator reads it as lines of text. The rare
//! messages the other way (the speaker's views, a follower's presence) are
//! small POSTs that need no connection state. WebSockets would add a
//! second protocol, framing and a reconnect loop of our own for a back
//! channel the class does not need.
//!
//! Memory stays bounded however fast a speaker posts: the latest view is a
//! `watch` (one value, coalesced), pointer messages a `broadcast` of a few
//! (a slow follower misses some), and each connection sends at most one
//! view per 33 ms, the last one always.
//!
//! # Several processes: Redis
//!
//! Without `--redis` a process is alone and no Redis code runs. With
//! `--redis redis://HOST:PORT`, processes that name the same Redis share
//! their rooms, so that a deployment can run two (or more) behind any load
//! balancer, with no stickiness: a speaker's stream, posts and followers
//! may each land on any process ([`shared`] has the details).
//!
//! - A view or pointer message posted to any process reaches the followers
//!   of every process (one pub/sub channel, the room in each note), and the
//!   latest view is also kept in Redis (`SET ... EX`), so that a follower
//!   landing on another process gets it at once.
//! - Every process holds every room: its own, and a mirror of each room that
//!   another process keeps alive (a lease in a sorted set, renewed while
//!   that process has the speaker's stream). A room ends on every process
//!   once no process has had a speaker for `--end-after`. `--max-rooms`
//!   counts the mirrors too.
//! - The speaker's `count` adds the followers of every process (each
//!   writes its own into a hash, and notes each change).
//! - HTTP handlers never wait for Redis: a post reaches this process's
//!   followers at once and is handed to the relay task. If Redis goes away,
//!   each process serves its own followers with the rooms it has, logs one
//!   line, and tries again (backoff up to 2 s); once Redis is back, it
//!   writes again what it owns and reads again what it mirrors.
//! - What comes from Redis is checked as a posted message is (a view or a
//!   pointer message, nothing else) before anything is relayed.

#![warn(missing_docs)]

pub mod cli;
pub mod http;
pub mod qr;
pub mod rooms;
pub mod shared;
pub mod sse;
pub mod statics;

#[cfg(test)]
mod tests;
