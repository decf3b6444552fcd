//! Several processes, one set of rooms: the relay through Redis
//! (`--redis redis://HOST:PORT`). Without the flag none of this runs.
//!
//! # What is in Redis
//!
//! Every name starts with `llm-notes:live:` (`ROOM` is a room id, `ME` a
//! process's instance id: 16 hex digits drawn at start).
//!
//! - `rooms`, a sorted set: member `ROOM:ME`, score the time (Redis's
//!   clock, ms) until which process `ME` keeps the room alive: `end_after`
//!   from now while a speaker's stream is open there (rewritten every tick),
//!   `end_after` from when its last speaker left (or from when the room was
//!   opened there with its key) otherwise. A room is alive while one of its
//!   members is in the future. Members long past are removed; the set
//!   expires `end_after` + 60 s after its last write.
//! - `view:ROOM`, a string: the room's latest view, `SET ... EX end_after +
//!   60 s`, written with every view and kept up every tick: its expiry moved
//!   on by every process that keeps the room alive, and written back
//!   (`SET ... NX`) by the process whose view it is if Redis lost it. A room
//!   made anew (after an earlier room of the same key ended) deletes it.
//! - `count:ROOM`, a hash: field `ME`, value `FOLLOWING EXPLORING UNTIL`:
//!   a process's followers of the room, rewritten every tick (while not
//!   zero) with `UNTIL` 5 s on (a field past it is left out of the sums:
//!   a process that died stops counting); the hash expires 60 s on.
//! - One pub/sub channel, `bus`, with the room in each note:
//!   `m ROOM ME TEXT` (a view or pointer message), `c ROOM ME F E UNTIL`
//!   (a process's counts changed), `r ROOM ME` (a process opened a room),
//!   `p ROOM ME CLIENT following|exploring` (a presence report that reached
//!   a process other than the follower's: the follower's process applies
//!   it).
//!
//! # What each process does
//!
//! One task (this module's) holds two connections, one for commands and
//! one subscribed to the channel. HTTP handlers never wait for it: a posted
//! view or pointer message goes to the room's followers here at once and
//! is marked unsent in the room; a change of followers or speakers only
//! wakes the task ([`Rooms::wake`]). The task then sends, in one `MULTI`:
//! the unsent view (`SET` + `PUBLISH`, so that the order of the views in
//! Redis is the order of their notes), the last pointer message, the
//! process's lease (`ZADD`) and counts (`HSET` + `PUBLISH`). Every tick
//! (1 s, or a quarter of `end_after` if that is shorter) it also reads Redis's
//! clock (`TIME`, so that the processes' own clocks need not agree), which
//! rooms are alive, and the counts of the rooms with a speaker here.
//!
//! A room alive in Redis but not here becomes a mirror here, made with the
//! view read from `view:ROOM`, so that a follower landing on this process
//! is let in and gets the latest view at once (a note for an unknown room,
//! or `r`, makes the task look at once instead of at the next tick). Every
//! room, mirrored or not, ends when no process keeps it alive: neither a
//! speaker here in the last `end_after`, nor a member of `rooms` in the
//! future ([`Rooms::sweep`]).
//!
//! Notes from the channel are checked like posted messages
//! ([`Room::receive`]: a view or pointer message, nothing else). A
//! process's own notes come back to it: a pointer message is then dropped
//! (its followers had it), a view only tells that the view has passed
//! Redis. While an own view has not passed yet, a view from another process
//! is older than it in Redis's order and is dropped, so that all processes
//! end on the same latest view.
//!
//! # When Redis is out of reach
//!
//! The task logs one line to stderr and tries again, after 0.1 s, then
//! twice as long each time up to 2 s. Meanwhile each process serves its
//! own followers with the rooms it has: views posted to it reach them; views
//! from the others do not; no room known through Redis ends (the process
//! cannot tell whether its speaker is elsewhere), and the counts from the
//! other processes stay as they were. Once Redis is back (one more line),
//! the task subscribes again, then reads the latest view of every room and
//! passes it on if it changed, then writes again everything it owns: its
//! leases and counts; a view posted here while Redis was away (or on its
//! way when it went) as a new note, so that the others get it; the latest
//! view posted here before, only if Redis lost it. What Redis says may end
//! a room only some seconds later, once every process has had time to come
//! back and write again (Redis may have restarted empty).
//!
//! # The client
//!
//! The [`redis`] crate (redis-rs), the most widely used Redis client of
//! Rust, kept up by its own organisation with frequent releases. Version
//! 0.32, the last of the 0.x line: 1.x needs Rust 1.85 or later, above this
//! crate's 1.84. Without its default features (ACL, streams, geo,
//! scripting, TCP keep-alive): only `tokio-comp`, its async connections on
//! tokio; what it brings is mostly `url` (with its IDNA tables), `combine`
//! and `num-bigint`. Not
//! its `connection-manager`: the task must know when a connection is lost
//! and when it is back, to write again what Redis may have lost and to
//! keep rooms from ending meanwhile, so it makes its own two connections
//! and reconnects itself, with its own backoff. `fred` would do too; it
//! has a reconnect policy and pools of its own that this task would have
//! to work around.

use std::collections::{HashMap, HashSet};
use std::io;
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use futures_util::StreamExt;
use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client, Msg, RedisError, RedisResult, Value};
use tokio::sync::{oneshot, Notify};

use crate::rooms::{hex, valid_client, valid_room_id, Lease, Presence, Room, Rooms};

/// The start of every key and of the channel.
const PREFIX: &str = "llm-notes:live:";

/// The channel every process publishes its notes on.
pub const CHANNEL: &str = "llm-notes:live:bus";

/// The sorted set of leases: member `ROOM:ME`, score until when (ms).
pub const INDEX: &str = "llm-notes:live:rooms";

/// How often the task reads and refreshes Redis, at most.
const TICK: Duration = Duration::from_secs(1);

/// How often at least (with a short `end_after`).
const TICK_MIN: Duration = Duration::from_millis(250);

/// A process's counts stop counting this long after their last write.
const COUNT_TTL: Duration = Duration::from_secs(5);

/// Keys outlive what they hold by this much; leases past by this much go.
const KEEP: Duration = Duration::from_secs(60);

/// The first wait before connecting again.
const BACKOFF_MIN: Duration = Duration::from_millis(100);

/// The longest wait before connecting again.
const BACKOFF_MAX: Duration = Duration::from_secs(2);

/// A connection attempt or a reply at most.
const TIMEOUT: Duration = Duration::from_secs(2);

/// After Redis is back, rooms known through it do not end for this long
/// plus two ticks: every process has come back and written again by then.
const SETTLE: Duration = Duration::from_millis(2500);

/// Two sends to Redis at least this far apart (they coalesce meanwhile).
const FLUSH_GAP: Duration = Duration::from_millis(10);

/// Two looks at the rooms alive in Redis, out of tick, at least this far
/// apart.
const DISCOVER_GAP: Duration = Duration::from_millis(200);

/// A note longer than this is dropped unread (a message is at most 4 KiB).
const MAX_NOTE: usize = 8 * 1024;

/// The key of a room's latest view.
fn view_key(room: &str) -> String {
    format!("{PREFIX}view:{room}")
}

/// The key of a room's counts.
fn count_key(room: &str) -> String {
    format!("{PREFIX}count:{room}")
}

/// `text` is an instance id: 16 lowercase hex digits (a room id's form).
fn valid_instance(text: &str) -> bool {
    valid_room_id(text)
}

/// A note on the channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note<'a> {
    /// `m ROOM FROM TEXT`: a view or pointer message posted on `from`.
    Message {
        /// The room.
        room: &'a str,
        /// The process it was posted on.
        from: &'a str,
        /// The message (checked by the receiver, like a posted one).
        text: &'a str,
    },
    /// `c ROOM FROM F E UNTIL`: the followers of `room` on `from`, valid
    /// until `until` (Redis's clock, ms).
    Counts {
        /// The room.
        room: &'a str,
        /// The process counted.
        from: &'a str,
        /// (following, exploring).
        counts: (usize, usize),
        /// Until when they count (ms).
        until: i64,
    },
    /// `p ROOM FROM CLIENT STATE`: a presence report posted on `from` for
    /// a follower that is not there.
    Presence {
        /// The room.
        room: &'a str,
        /// The process it was posted on.
        from: &'a str,
        /// The follower.
        client: &'a str,
        /// Following or exploring.
        presence: Presence,
    },
    /// `r ROOM FROM`: `from` opened `room`.
    Room {
        /// The room.
        room: &'a str,
        /// The process.
        from: &'a str,
    },
}

impl<'a> Note<'a> {
    /// The text published.
    pub fn encode(&self) -> String {
        match self {
            Note::Message { room, from, text } => format!("m {room} {from} {text}"),
            Note::Counts {
                room,
                from,
                counts: (f, e),
                until,
            } => format!("c {room} {from} {f} {e} {until}"),
            Note::Presence {
                room,
                from,
                client,
                presence,
            } => format!("p {room} {from} {client} {}", presence.word()),
            Note::Room { room, from } => format!("r {room} {from}"),
        }
    }

    /// Reads a note; anything malformed is `None` (a message's text is
    /// checked later, by the room).
    pub fn parse(text: &'a str) -> Option<Note<'a>> {
        if text.len() > MAX_NOTE {
            return None;
        }
        let mut f = text.splitn(4, ' ');
        let (kind, room, from) = (f.next()?, f.next()?, f.next()?);
        if !valid_room_id(room) || !valid_instance(from) {
            return None;
        }
        let rest = f.next();
        match (kind, rest) {
            ("m", Some(text)) => Some(Note::Message { room, from, text }),
            ("c", Some(rest)) => {
                let (counts, until) = parse_counts(rest)?;
                Some(Note::Counts {
                    room,
                    from,
                    counts,
                    until,
                })
            }
            ("p", Some(rest)) => {
                let (client, presence) = rest.split_once(' ')?;
                let presence = Presence::parse(presence)?;
                valid_client(client).then_some(Note::Presence {
                    room,
                    from,
                    client,
                    presence,
                })
            }
            ("r", None) => Some(Note::Room { room, from }),
            _ => None,
        }
    }
}

/// `F E UNTIL` (counts of at most a billion each, and a time in ms).
fn parse_counts(text: &str) -> Option<((usize, usize), i64)> {
    let mut f = text.split(' ');
    let count = |s: Option<&str>| -> Option<usize> {
        let s = s?;
        let n: usize = s.parse().ok()?;
        (s.bytes().all(|b| b.is_ascii_digit()) && n <= 1_000_000_000).then_some(n)
    };
    let (following, exploring) = (count(f.next())?, count(f.next())?);
    let until = f.next()?;
    if until.is_empty() || !until.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let until: i64 = until.parse().ok()?;
    f.next()
        .is_none()
        .then_some(((following, exploring), until))
}

/// Milliseconds since 1970 on this machine's clock.
fn unix_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Milliseconds of `d`.
fn ms(d: Duration) -> i64 {
    d.as_millis().min(i64::MAX as u128) as i64
}

/// The tick for rooms that end `end_after` after their speaker left.
fn tick_for(end_after: Duration) -> Duration {
    (end_after / 4).clamp(TICK_MIN, TICK)
}

/// An error of our own (a timeout, a closed subscription) as Redis's kind.
fn failure(kind: io::ErrorKind, what: &str) -> RedisError {
    RedisError::from(io::Error::new(kind, what.to_string()))
}

/// Waits for `f` at most `TIMEOUT`.
async fn within<T>(f: impl std::future::Future<Output = RedisResult<T>>) -> RedisResult<T> {
    tokio::time::timeout(TIMEOUT, f)
        .await
        .unwrap_or_else(|_| Err(failure(io::ErrorKind::TimedOut, "no reply in time")))
}

/// What this process has written to Redis for one room.
#[derive(Debug)]
struct Written {
    /// The room object written for (a room that ends and is made again is
    /// another one).
    room: Weak<Room>,
    /// The lease written, if any.
    lease: Option<Lease>,
    /// `r` was published.
    announced: bool,
    /// The counts written ((0, 0): none).
    counts: (usize, usize),
    /// Redis is back: write everything again (it may have lost it all).
    rewrite: bool,
}

/// A process's followers of a room, as read from Redis.
#[derive(Clone, Copy, Debug)]
struct Counted {
    /// (following, exploring).
    counts: (usize, usize),
    /// Until when they count (Redis's clock, ms).
    until: i64,
}

/// Checks a `--redis` URL: a Redis client for it, or why not.
pub fn client(url: &str) -> Result<Client, String> {
    Client::open(url).map_err(|e| format!("--redis {url}: {e}"))
}

/// Starts the relay of `rooms` (made with [`Rooms::relayed`]) through the
/// Redis of `client`, in a task of its own. The receiver is told once the
/// first attempt to reach Redis is over, whatever its outcome (the server
/// may then announce its room, which the other processes know by then).
pub fn start(client: Client, rooms: Arc<Rooms>) -> Result<oneshot::Receiver<()>, String> {
    let wake = rooms
        .wake()
        .ok_or_else(|| "the rooms are not relayed".to_string())?;
    let mut id = [0u8; 8];
    getrandom::getrandom(&mut id).map_err(|e| format!("the OS random source: {e}"))?;
    // A year at most: every time computed from it stays far from overflow.
    let end_after = rooms
        .limits()
        .end_after
        .min(Duration::from_secs(365 * 24 * 3600));
    let relay = Relay {
        place: client.get_connection_info().addr.to_string(),
        client,
        rooms,
        wake,
        me: hex(&id),
        end_after,
        tick: tick_for(end_after),
        offset: 0,
        written: HashMap::new(),
        elsewhere: HashMap::new(),
        settled_at: Instant::now(),
        discover_at: None,
        last_discover: Instant::now(),
        out: false,
        reached: false,
    };
    let (ready, told) = oneshot::channel();
    tokio::spawn(relay.run(ready));
    Ok(told)
}

/// The relay task's state.
struct Relay {
    /// The client (connections are made anew after a loss).
    client: Client,
    /// `HOST:PORT`, for the log (the URL may hold a password).
    place: String,
    /// The rooms relayed.
    rooms: Arc<Rooms>,
    /// Woken on every change of a room.
    wake: Arc<Notify>,
    /// This process's instance id.
    me: String,
    /// The rooms' `end_after`.
    end_after: Duration,
    /// How often to read and refresh.
    tick: Duration,
    /// Redis's clock minus this machine's, in ms.
    offset: i64,
    /// What this process has written, by room.
    written: HashMap<String, Written>,
    /// The other processes' followers, by room and process.
    elsewhere: HashMap<String, HashMap<String, Counted>>,
    /// Since Redis was reached last, plus the time the others need to
    /// come back: counts in Redis are trusted to expire from then on.
    settled_at: Instant,
    /// Look at the rooms alive in Redis then, out of tick.
    discover_at: Option<Instant>,
    /// When the rooms alive in Redis were read last.
    last_discover: Instant,
    /// Redis is out of reach, and the log said so.
    out: bool,
    /// Redis has been reached once.
    reached: bool,
}

impl Relay {
    /// Connects, relays until the connection fails, waits, again; forever.
    async fn run(mut self, ready: oneshot::Sender<()>) {
        let mut ready = Some(ready);
        let mut backoff = BACKOFF_MIN;
        loop {
            let began = Instant::now();
            let error = match self.session(&mut ready).await {
                Err(e) => e,
                Ok(never) => match never {},
            };
            self.rooms.judge_from(None);
            if let Some(ready) = ready.take() {
                let _ = ready.send(());
            }
            if !self.out {
                let what = if self.reached {
                    "lost"
                } else {
                    "cannot reach it"
                };
                eprintln!(
                    "llm-notes-server: redis at {}: {what} ({error}); serving this process's rooms alone, retrying",
                    self.place
                );
                self.out = true;
            }
            // A connection that lasted starts the backoff over.
            if began.elapsed() > BACKOFF_MAX * 2 {
                backoff = BACKOFF_MIN;
            }
            tokio::time::sleep(backoff).await;
            backoff = (backoff * 2).min(BACKOFF_MAX);
        }
    }

    /// One connection's life: subscribes, writes everything again, reads,
    /// then relays until something fails.
    async fn session(
        &mut self,
        ready: &mut Option<oneshot::Sender<()>>,
    ) -> RedisResult<std::convert::Infallible> {
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(TIMEOUT)
            .set_response_timeout(TIMEOUT);
        let mut con = self
            .client
            .get_multiplexed_async_connection_with_config(&config)
            .await?;
        let mut pubsub = within(self.client.get_async_pubsub()).await?;
        within(pubsub.subscribe(CHANNEL)).await?;
        let mut notes = pubsub.into_on_message();

        // Everything this process owns is written again; what it mirrors
        // is read again.
        for w in self.written.values_mut() {
            w.rewrite = true;
        }
        for room in self.rooms.all() {
            room.resend();
        }
        let now = Instant::now();
        // Back after a loss: Redis may have restarted empty, and the
        // others may not have written again yet.
        self.settled_at = if self.reached {
            now + SETTLE + 2 * self.tick
        } else {
            now
        };
        self.sync(&mut con, true).await?;
        self.rooms.judge_from(Some(self.settled_at));
        if let Some(ready) = ready.take() {
            let _ = ready.send(());
        }
        if self.out {
            eprintln!("llm-notes-server: redis at {}: back", self.place);
            self.out = false;
        }
        self.reached = true;

        let start = tokio::time::Instant::now() + self.tick;
        let mut tick = tokio::time::interval_at(start, self.tick);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_flush = tokio::time::Instant::now();
        loop {
            let discover_at = self.discover_at.map(tokio::time::Instant::from_std);
            tokio::select! {
                note = notes.next() => match note {
                    Some(note) => self.on_note(&note),
                    None => {
                        return Err(failure(io::ErrorKind::ConnectionAborted, "subscription closed"));
                    }
                },
                _ = tick.tick() => self.sync(&mut con, false).await?,
                _ = tokio::time::sleep_until(discover_at.unwrap_or(last_flush)), if discover_at.is_some() => {
                    self.sync(&mut con, false).await?;
                }
                _ = self.wake.notified() => {
                    tokio::time::sleep_until(last_flush + FLUSH_GAP).await;
                    self.flush(&mut con, false).await?;
                    last_flush = tokio::time::Instant::now();
                }
            }
        }
    }

    /// Redis's clock now, in ms (this machine's, moved by the offset read
    /// last).
    fn now_ms(&self) -> i64 {
        unix_ms().saturating_add(self.offset)
    }

    /// Counts in Redis expire: Redis is reached and has been long enough
    /// for every process to have written again.
    fn settled(&self) -> bool {
        Instant::now() >= self.settled_at
    }

    /// Looks at the rooms alive in Redis soon (not sooner than
    /// `DISCOVER_GAP` after the last look).
    fn discover_soon(&mut self) {
        if self.discover_at.is_none() {
            self.discover_at = Some((self.last_discover + DISCOVER_GAP).max(Instant::now()));
        }
    }

    /// A note from the channel.
    fn on_note(&mut self, msg: &Msg) {
        let Ok(payload) = std::str::from_utf8(msg.get_payload_bytes()) else {
            return;
        };
        let Some(note) = Note::parse(payload) else {
            return;
        };
        match note {
            Note::Message { room, from, text } => match self.rooms.get(room) {
                // An invalid message changes nothing.
                Some(r) => {
                    let _ = r.receive(text, from == self.me);
                }
                None if from != self.me => self.discover_soon(),
                None => {}
            },
            Note::Counts {
                room,
                from,
                counts,
                until,
            } if from != self.me => {
                // Counts matter for rooms here only (a room mirrored later
                // reads them from Redis).
                let Some(r) = self.rooms.get(room) else {
                    return;
                };
                let until = until.min(self.now_ms().saturating_add(2 * ms(COUNT_TTL)));
                let entry = self.elsewhere.entry(room.to_string()).or_default();
                if counts == (0, 0) {
                    entry.remove(from);
                } else {
                    entry.insert(from.to_string(), Counted { counts, until });
                }
                r.set_counts_elsewhere(self.sum(room));
            }
            Note::Presence {
                room,
                from,
                client,
                presence,
            } if from != self.me => {
                // Only the process that has the follower changes anything.
                if let Some(r) = self.rooms.get(room) {
                    r.set_presence(client, presence);
                }
            }
            Note::Room { room, from } if from != self.me && self.rooms.get(room).is_none() => {
                self.discover_soon()
            }
            _ => {}
        }
    }

    /// The followers of `room` on the other processes (those whose counts
    /// have expired left out, once settled).
    fn sum(&self, room: &str) -> (usize, usize) {
        let now = self.now_ms();
        let settled = self.settled();
        self.elsewhere
            .get(room)
            .into_iter()
            .flat_map(|m| m.values())
            .filter(|c| !settled || c.until > now)
            .fold((0, 0), |(f, e), c| {
                (f.saturating_add(c.counts.0), e.saturating_add(c.counts.1))
            })
    }

    /// Reads Redis's clock, the rooms alive and the counts of the rooms
    /// with a speaker here (`full`: of every room, and the latest view of
    /// every room whose view was not posted here); mirrors the rooms alive
    /// elsewhere; then writes ([`Relay::flush`]).
    async fn sync(&mut self, con: &mut MultiplexedConnection, full: bool) -> RedisResult<()> {
        self.discover_at = None;
        self.last_discover = Instant::now();
        let rooms = self.rooms.all();
        let counted: Vec<&Arc<Room>> = rooms.iter().filter(|r| full || r.has_speaker()).collect();
        let guess = self.now_ms();
        let mut pipe = redis::pipe();
        pipe.cmd("TIME")
            .cmd("ZREMRANGEBYSCORE")
            .arg(INDEX)
            .arg("-inf")
            .arg(guess - ms(KEEP))
            .ignore()
            .cmd("ZRANGEBYSCORE")
            .arg(INDEX)
            .arg(guess - ms(KEEP))
            .arg("+inf")
            .arg("WITHSCORES");
        for room in &counted {
            pipe.cmd("HGETALL").arg(count_key(room.id()));
        }
        let replies: Vec<Value> = pipe.query_async(con).await?;
        let mut replies = replies.iter();
        let mut next = || {
            replies
                .next()
                .ok_or_else(|| failure(io::ErrorKind::InvalidData, "a reply missing"))
        };
        let (secs, micros): (i64, i64) = redis::from_redis_value(next()?)?;
        self.offset = secs
            .saturating_mul(1000)
            .saturating_add(micros / 1000)
            .saturating_sub(unix_ms());
        let now = self.now_ms();
        let leases: Vec<String> = redis::from_redis_value(next()?)?;
        let alive = self.alive(&leases, now);
        for room in &counted {
            let fields: Vec<String> = redis::from_redis_value(next()?)?;
            let mut by = HashMap::new();
            for pair in fields.chunks_exact(2) {
                let Some(((f, e), until)) = parse_counts(&pair[1]) else {
                    continue;
                };
                if pair[0] != self.me && valid_instance(&pair[0]) {
                    by.insert(
                        pair[0].clone(),
                        Counted {
                            counts: (f, e),
                            until,
                        },
                    );
                }
            }
            // Until settled, Redis may have restarted empty and the others
            // not written again yet: what was known stays until then.
            if self.settled() {
                self.elsewhere.insert(room.id().to_string(), by);
            } else {
                self.elsewhere
                    .entry(room.id().to_string())
                    .or_default()
                    .extend(by);
            }
        }

        // Until when each room is alive elsewhere, as an instant here (no
        // later than a lease can be).
        let here = Instant::now();
        let longest = ms(self.end_after + KEEP);
        let until = |deadline: i64| {
            here + Duration::from_millis(deadline.saturating_sub(now).clamp(0, longest) as u64)
        };
        let local: HashSet<&str> = rooms.iter().map(|r| r.id()).collect();
        for room in &rooms {
            room.set_remote_until(alive.get(room.id()).map(|d| until(*d)));
        }
        let new: Vec<(&str, i64)> = alive
            .iter()
            .filter(|(id, _)| !local.contains(id.as_str()))
            .map(|(id, d)| (id.as_str(), *d))
            .collect();
        // Once Redis is back, every room's view is read again: one posted
        // elsewhere meanwhile replaces it (unless one posted here meanwhile
        // is on its way, which then comes later in Redis's order).
        let reread: Vec<&Arc<Room>> = if full {
            rooms.iter().collect()
        } else {
            Vec::new()
        };
        if !new.is_empty() || !reread.is_empty() {
            let mut keys: Vec<String> = new.iter().map(|(id, _)| view_key(id)).collect();
            keys.extend(reread.iter().map(|r| view_key(r.id())));
            let views: Vec<Option<String>> = redis::cmd("MGET").arg(&keys).query_async(con).await?;
            let (new_views, old_views) = views.split_at(new.len().min(views.len()));
            for ((id, deadline), view) in new.iter().zip(new_views) {
                self.rooms.mirror(id, until(*deadline), view.as_deref());
            }
            for (room, view) in reread.iter().zip(old_views) {
                if let Some(view) = view {
                    let _ = room.receive(view, false);
                }
            }
        }
        // The counts of the rooms here (mirrors just made included); those
        // of rooms no longer here are forgotten.
        let settled = self.settled();
        let rooms = self.rooms.all();
        let ids: HashSet<&str> = rooms.iter().map(|r| r.id()).collect();
        self.elsewhere.retain(|id, by| {
            if settled {
                by.retain(|_, c| c.until > now);
            }
            ids.contains(id.as_str()) && !by.is_empty()
        });
        for room in &rooms {
            room.set_counts_elsewhere(self.sum(room.id()));
        }
        self.flush(con, true).await
    }

    /// Until when each room is alive on another process, from the members
    /// of `rooms` read (flat: member, score, member, score...).
    fn alive(&self, leases: &[String], now: i64) -> HashMap<String, i64> {
        let mut alive: HashMap<String, i64> = HashMap::new();
        for pair in leases.chunks_exact(2) {
            let Some((room, from)) = pair[0].split_once(':') else {
                continue;
            };
            let Ok(score) = pair[1].parse::<f64>() else {
                continue;
            };
            let deadline = score as i64;
            if from == self.me || !valid_room_id(room) || !valid_instance(from) || deadline <= now {
                continue;
            }
            let d = alive.entry(room.to_string()).or_insert(deadline);
            *d = (*d).max(deadline);
        }
        alive
    }

    /// Writes, in one `MULTI`, what changed since the last write (`tick`:
    /// also what is kept up every tick): views and pointer messages posted
    /// here, leases, counts; and forgets the rooms that ended.
    async fn flush(&mut self, con: &mut MultiplexedConnection, tick: bool) -> RedisResult<()> {
        let now = self.now_ms();
        let end_after = ms(self.end_after);
        let view_ttl = (self.end_after + KEEP).as_secs();
        let index_ttl = ms(self.end_after + KEEP);
        let mut pipe = redis::pipe();
        pipe.atomic();
        let mut commands = 0;
        let rooms = self.rooms.all();
        for room in &rooms {
            let id = room.id();
            let member = format!("{id}:{}", self.me);
            let fresh = || Written {
                room: Arc::downgrade(room),
                lease: None,
                announced: false,
                counts: (0, 0),
                rewrite: false,
            };
            let w = self.written.entry(id.to_string()).or_insert_with(fresh);
            if !Weak::ptr_eq(&w.room, &Arc::downgrade(room)) {
                *w = fresh();
            }
            let again = std::mem::take(&mut w.rewrite);
            if again {
                w.announced = false;
            }
            // A room made here while no other process has it: a view left
            // in Redis is of an earlier room, which ended.
            if room.take_fresh() && room.remote_until().is_none() {
                pipe.del(view_key(id)).ignore();
                commands += 1;
            }

            let lease = room.lease();
            let deadline = match lease {
                Lease::Speaking => Some(now + end_after),
                Lease::Idle(since) => Some(now - ms(since.elapsed()) + end_after),
                Lease::None => None,
            };
            if again || w.lease != Some(lease) || (tick && lease == Lease::Speaking) {
                if lease == Lease::Speaking && w.lease != Some(Lease::Speaking) {
                    // A speaker arrived: the other processes' counts, soon.
                    self.discover_at.get_or_insert_with(Instant::now);
                }
                match deadline {
                    Some(deadline) => {
                        pipe.zadd(INDEX, &member, deadline).ignore();
                        pipe.pexpire(INDEX, index_ttl).ignore();
                        commands += 2;
                        if !w.announced {
                            let note = Note::Room {
                                room: id,
                                from: &self.me,
                            };
                            pipe.publish(CHANNEL, note.encode()).ignore();
                            w.announced = true;
                            commands += 1;
                        }
                    }
                    None if w.lease.is_some_and(|l| l != Lease::None) => {
                        pipe.zrem(INDEX, &member).ignore();
                        commands += 1;
                    }
                    None => {}
                }
                w.lease = Some(lease);
            }

            let (view, pointer) = room.take_unsent();
            if let Some(view) = view {
                pipe.set_ex(view_key(id), &*view, view_ttl).ignore();
                let note = Note::Message {
                    room: id,
                    from: &self.me,
                    text: &view,
                };
                pipe.publish(CHANNEL, note.encode()).ignore();
                commands += 2;
            } else if tick {
                // The view posted here is written back if Redis lost it
                // (`NX`: never over a newer one on its way here).
                if let Some(view) = room.latest().filter(|_| room.view_is_local()) {
                    pipe.cmd("SET")
                        .arg(view_key(id))
                        .arg(&*view)
                        .arg("NX")
                        .arg("EX")
                        .arg(view_ttl)
                        .ignore();
                    commands += 1;
                }
                if deadline.is_some() {
                    pipe.expire(view_key(id), view_ttl as i64).ignore();
                    commands += 1;
                }
            }
            for (client, presence) in room.take_presence() {
                let note = Note::Presence {
                    room: id,
                    from: &self.me,
                    client: &client,
                    presence,
                };
                pipe.publish(CHANNEL, note.encode()).ignore();
                commands += 1;
            }
            if let Some(pointer) = pointer {
                let note = Note::Message {
                    room: id,
                    from: &self.me,
                    text: &pointer,
                };
                pipe.publish(CHANNEL, note.encode()).ignore();
                commands += 1;
            }

            let here = room.counts_here();
            let until = now + ms(COUNT_TTL);
            let changed = here != w.counts;
            if changed || ((again || tick) && here != (0, 0)) {
                if here == (0, 0) {
                    pipe.hdel(count_key(id), &self.me).ignore();
                    commands += 1;
                } else {
                    let value = format!("{} {} {until}", here.0, here.1);
                    pipe.hset(count_key(id), &self.me, value).ignore();
                    pipe.pexpire(count_key(id), ms(KEEP)).ignore();
                    commands += 2;
                }
                if changed || again {
                    let note = Note::Counts {
                        room: id,
                        from: &self.me,
                        counts: here,
                        until,
                    };
                    pipe.publish(CHANNEL, note.encode()).ignore();
                    commands += 1;
                }
                w.counts = here;
            }
        }

        // Rooms that ended here: their lease and counts go.
        let live: HashSet<&str> = rooms.iter().map(|r| r.id()).collect();
        let gone: Vec<String> = self
            .written
            .keys()
            .filter(|id| !live.contains(id.as_str()))
            .cloned()
            .collect();
        for id in gone {
            let Some(w) = self.written.remove(&id) else {
                continue;
            };
            if w.lease.is_some_and(|l| l != Lease::None) {
                pipe.zrem(INDEX, format!("{id}:{}", self.me)).ignore();
                commands += 1;
            }
            if w.counts != (0, 0) {
                pipe.hdel(count_key(&id), &self.me).ignore();
                let note = Note::Counts {
                    room: &id,
                    from: &self.me,
                    counts: (0, 0),
                    until: now,
                };
                pipe.publish(CHANNEL, note.encode()).ignore();
                commands += 2;
            }
        }
        if commands > 0 {
            pipe.query_async::<()>(con).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOM: &str = "3eb1bd439947eb76";
    const ME: &str = "0123456789abcdef";

    #[test]
    fn notes_are_written_and_read_back() {
        let notes = [
            (
                Note::Message {
                    room: ROOM,
                    from: ME,
                    text: "deck1|spk|1|p|view|none|#/intro",
                },
                "m 3eb1bd439947eb76 0123456789abcdef deck1|spk|1|p|view|none|#/intro",
            ),
            (
                Note::Counts {
                    room: ROOM,
                    from: ME,
                    counts: (3, 1),
                    until: 1_700_000_000_123,
                },
                "c 3eb1bd439947eb76 0123456789abcdef 3 1 1700000000123",
            ),
            (
                Note::Room {
                    room: ROOM,
                    from: ME,
                },
                "r 3eb1bd439947eb76 0123456789abcdef",
            ),
        ];
        for (note, text) in notes {
            assert_eq!(note.encode(), text);
            assert_eq!(Note::parse(text), Some(note));
        }
        let presence = Note::Presence {
            room: ROOM,
            from: ME,
            client: "phone1",
            presence: Presence::Exploring,
        };
        let text = "p 3eb1bd439947eb76 0123456789abcdef phone1 exploring";
        assert_eq!(presence.encode(), text);
        assert_eq!(Note::parse(text), Some(presence));
        // A message's text may hold spaces; the room checks it.
        assert_eq!(
            Note::parse("m 3eb1bd439947eb76 0123456789abcdef a b"),
            Some(Note::Message {
                room: ROOM,
                from: ME,
                text: "a b"
            })
        );
    }

    #[test]
    fn malformed_notes_are_dropped() {
        for bad in [
            "",
            "m",
            "m 3eb1bd439947eb76",
            "m 3eb1bd439947eb76 0123456789abcdef",
            "x 3eb1bd439947eb76 0123456789abcdef text",
            "m 3EB1BD439947EB76 0123456789abcdef text",
            "m 3eb1bd439947eb7 0123456789abcdef text",
            "m 3eb1bd439947eb76 0123456789abcdeg text",
            "m ../../etc/passw 0123456789abcdef text",
            "r 3eb1bd439947eb76 0123456789abcdef extra",
            "c 3eb1bd439947eb76 0123456789abcdef 1 2",
            "c 3eb1bd439947eb76 0123456789abcdef 1 2 3 4",
            "c 3eb1bd439947eb76 0123456789abcdef -1 2 3",
            "c 3eb1bd439947eb76 0123456789abcdef +1 2 3",
            "c 3eb1bd439947eb76 0123456789abcdef 1 2 -3",
            "c 3eb1bd439947eb76 0123456789abcdef 1000000001 0 3",
            "c 3eb1bd439947eb76 0123456789abcdef 1 2 99999999999999999999",
            "c 3eb1bd439947eb76 0123456789abcdef 1  2 3",
            "p 3eb1bd439947eb76 0123456789abcdef phone1",
            "p 3eb1bd439947eb76 0123456789abcdef phone1 asleep",
            "p 3eb1bd439947eb76 0123456789abcdef phone-1 following",
            "p 3eb1bd439947eb76 0123456789abcdef phone1 following extra",
        ] {
            assert_eq!(Note::parse(bad), None, "{bad:?}");
        }
        let long = format!("m {ROOM} {ME} {}", "x".repeat(MAX_NOTE));
        assert_eq!(Note::parse(&long), None);
    }

    #[test]
    fn the_tick_is_a_quarter_of_end_after_within_bounds() {
        assert_eq!(tick_for(Duration::from_secs(900)), Duration::from_secs(1));
        assert_eq!(tick_for(Duration::from_secs(2)), Duration::from_millis(500));
        assert_eq!(tick_for(Duration::from_secs(1)), Duration::from_millis(250));
    }

    #[test]
    fn a_bad_url_is_refused_before_anything_runs() {
        assert!(client("redis://127.0.0.1:6379").is_ok());
        assert!(client("redis://127.0.0.1:6379/2").is_ok());
        assert!(client("http://127.0.0.1:6379").is_err());
        assert!(client("nonsense").is_err());
    }
}
