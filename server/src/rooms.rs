//! Rooms: one per speaker key, in memory. A room keeps the latest view,
//! passes pointer messages on, knows who follows it and ends once no speaker
//! has been connected for a while.
//!
//! With `--redis` ([`Rooms::relayed`]) a room also knows what it shares with
//! the other processes: whether its latest view was posted here and is yet
//! to be sent, until when another process keeps it alive, and how many
//! follow it elsewhere. The relay ([`crate::shared`]) reads and writes that
//! state; nothing here waits for Redis.
//!
//! Locks are taken in one order, the map of rooms first, then a room's
//! people, then its link to the other processes, so that a room is never
//! joined while it ends.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use llm_notes_explainer::deck::sync::{Body, Message};
use sha2::{Digest, Sha256};
use tokio::sync::{broadcast, watch, Notify};

/// Pointer messages a slow follower may have pending; older ones are dropped.
const POINTER_QUEUE: usize = 16;

/// Presence reports for followers on other processes waiting for the relay,
/// per room, at most; more are dropped.
const PRESENCE_QUEUE: usize = 1024;

/// A fresh speaker key: 128 random bits as 32 lowercase hex digits.
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).expect("the OS random source");
    hex(&bytes)
}

/// The room of a key: the first 8 bytes of SHA-256 of the key's text, as 16
/// lowercase hex digits. The audience link carries this, never the key.
pub fn room_id(key: &str) -> String {
    hex(&Sha256::digest(key.as_bytes())[..8])
}

/// `text` is `len` lowercase hex digits.
fn lower_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `text` has the form of a room id (16 lowercase hex digits).
pub fn valid_room_id(text: &str) -> bool {
    lower_hex(text, 16)
}

/// `key` has the form of a key and is the key of `room`.
pub fn key_opens(key: &str, room: &str) -> bool {
    lower_hex(key, 32) && room_id(key) == room
}

/// `text` can name a follower: 1 to 32 ASCII letters and digits.
pub fn valid_client(text: &str) -> bool {
    (1..=32).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `text` may be relayed: `Ok(true)` for a view, `Ok(false)` for a
/// pointer message, else (including a line break, which would break an
/// event stream's lines) `Invalid`.
fn relayable(text: &str) -> Result<bool, Invalid> {
    if text.contains(['\r', '\n']) {
        return Err(Invalid);
    }
    match Message::decode(text).map(|m| m.body) {
        Some(Body::Shared { .. }) => Ok(true),
        Some(Body::Pointer(_)) => Ok(false),
        _ => Err(Invalid),
    }
}

/// Bytes as lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Locks, even after a panic elsewhere (the data stays consistent: every
/// change under these locks is one assignment or insertion).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What a follower does: follows the speaker, or looks around on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Shows what the speaker shows.
    Following,
    /// Browses on its own for now.
    Exploring,
}

impl Presence {
    /// Reads `following` or `exploring`.
    pub fn parse(text: &str) -> Option<Presence> {
        match text {
            "following" => Some(Presence::Following),
            "exploring" => Some(Presence::Exploring),
            _ => None,
        }
    }

    /// `following` or `exploring`.
    pub fn word(self) -> &'static str {
        match self {
            Presence::Following => "following",
            Presence::Exploring => "exploring",
        }
    }
}

/// The server's limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// A room with no speaker connected for this long ends.
    pub end_after: Duration,
    /// Rooms at most.
    pub max_rooms: usize,
    /// Followers per room at most.
    pub max_followers: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            end_after: Duration::from_secs(900),
            max_rooms: 100,
            max_followers: 10_000,
        }
    }
}

/// Why a speaker's request is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The key is missing, malformed or not this room's (HTTP 403).
    Key,
    /// The room would be one more than `max_rooms` (HTTP 503).
    Rooms,
}

/// A message that is not a view or a pointer message (HTTP 400).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invalid;

/// What a follower's request to join a room gets.
#[derive(Debug)]
pub enum Join {
    /// No such room.
    Unknown,
    /// The room has `max_followers` followers already.
    Full,
    /// Joined: registered while the guard lives.
    Joined(FollowerGuard),
}

/// Every room of the server.
#[derive(Debug)]
pub struct Rooms {
    /// The limits the rooms keep to.
    limits: Limits,
    /// The rooms by id.
    rooms: Mutex<HashMap<String, Arc<Room>>>,
    /// Becomes true when the server shuts down: every stream closes.
    closing: watch::Sender<bool>,
    /// The link to the other processes (`--redis`), or `None` alone.
    relay: Option<Relay>,
}

/// What the rooms of a relayed server share with the relay task.
#[derive(Debug)]
struct Relay {
    /// Wakes the relay: a room has something to send or its people changed.
    wake: Arc<Notify>,
    /// From when what Redis says may end a room: `None` while Redis is out
    /// of reach (or just back, until every process had time to write again).
    judge_from: Mutex<Option<Instant>>,
}

impl Rooms {
    /// No rooms yet; a server of its own.
    pub fn new(limits: Limits) -> Rooms {
        Rooms {
            limits,
            rooms: Mutex::new(HashMap::new()),
            closing: watch::Sender::new(false),
            relay: None,
        }
    }

    /// No rooms yet; a server that shares its rooms with other processes
    /// through a relay ([`crate::shared`]), which is told of every change
    /// through [`Rooms::wake`]. Until the relay says Redis is reached
    /// ([`Rooms::judge_from`]), rooms known through it do not end.
    pub fn relayed(limits: Limits) -> Rooms {
        Rooms {
            relay: Some(Relay {
                wake: Arc::new(Notify::new()),
                judge_from: Mutex::new(None),
            }),
            ..Rooms::new(limits)
        }
    }

    /// The limits the rooms keep to.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// What wakes the relay, if the rooms are relayed.
    pub fn wake(&self) -> Option<Arc<Notify>> {
        self.relay.as_ref().map(|r| r.wake.clone())
    }

    /// From `from` on, a room known through Redis ends when Redis says no
    /// process keeps it alive; `None`: not now (Redis is out of reach).
    /// Nothing for rooms that are not relayed.
    pub fn judge_from(&self, from: Option<Instant>) {
        if let Some(relay) = &self.relay {
            *lock(&relay.judge_from) = from;
        }
    }

    /// Whether what Redis says may end a room at `now`.
    fn judging(&self, now: Instant) -> bool {
        self.relay
            .as_ref()
            .is_none_or(|r| lock(&r.judge_from).is_some_and(|t| now >= t))
    }

    /// Every room, in no order.
    pub fn all(&self) -> Vec<Arc<Room>> {
        lock(&self.rooms).values().cloned().collect()
    }

    /// A room that another process keeps alive until `until` (as far as
    /// Redis says), with `view` (a message from Redis, checked like a
    /// posted one) as its latest view: made here unless it exists, within
    /// the room cap. The room, or `None` at the cap.
    pub fn mirror(&self, id: &str, until: Instant, view: Option<&str>) -> Option<Arc<Room>> {
        if !valid_room_id(id) {
            return None;
        }
        let mut rooms = lock(&self.rooms);
        if let Some(room) = rooms.get(id) {
            room.set_remote_until(Some(until));
            return Some(room.clone());
        }
        if rooms.len() >= self.limits.max_rooms {
            return None;
        }
        let room = Arc::new(Room::new(id.to_string(), false, self.wake()));
        room.set_remote_until(Some(until));
        if let Some(view) = view {
            let _ = room.receive(view, false);
        }
        rooms.insert(id.to_string(), room.clone());
        drop(rooms);
        Some(room)
    }

    /// The number of rooms.
    pub fn len(&self) -> usize {
        lock(&self.rooms).len()
    }

    /// There is no room.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The room `id`, if it exists.
    pub fn get(&self, id: &str) -> Option<Arc<Room>> {
        lock(&self.rooms).get(id).cloned()
    }

    /// The room of `key`, created if needed (so that a speaker finds their
    /// room again after a restart).
    pub fn open(&self, key: &str) -> Result<Arc<Room>, Refused> {
        let id = room_id(key);
        if !key_opens(key, &id) {
            return Err(Refused::Key);
        }
        let rooms = &mut lock(&self.rooms);
        self.get_or_create(rooms, id)
    }

    /// The room `id` from `rooms`, or a new one within the limit, opened
    /// with its key here (a mirrored room becomes one of this process's).
    fn get_or_create(
        &self,
        rooms: &mut HashMap<String, Arc<Room>>,
        id: String,
    ) -> Result<Arc<Room>, Refused> {
        if let Some(room) = rooms.get(&id) {
            let mut people = lock(&room.people);
            if !people.owned {
                people.owned = true;
                if people.speakers == 0 {
                    people.idle_since = Some(Instant::now());
                }
                room.wake_relay();
            }
            return Ok(room.clone());
        }
        if rooms.len() >= self.limits.max_rooms {
            return Err(Refused::Rooms);
        }
        let room = Arc::new(Room::new(id.clone(), true, self.wake()));
        rooms.insert(id, room.clone());
        room.wake_relay();
        Ok(room)
    }

    /// A speaker connects to `room` with `key` (checked first: a wrong key
    /// never creates a room). The room has a speaker while the guard lives.
    pub fn speak(&self, key: &str, room: &str) -> Result<SpeakerGuard, Refused> {
        if !key_opens(key, room) {
            return Err(Refused::Key);
        }
        let rooms = &mut lock(&self.rooms);
        let room = self.get_or_create(rooms, room.to_string())?;
        {
            let mut people = lock(&room.people);
            people.speakers += 1;
            people.idle_since = None;
        }
        room.wake_relay();
        Ok(SpeakerGuard { room })
    }

    /// A follower `client` joins `room` as `presence`. A client already in
    /// the room is registered again (its older stream no longer counts).
    pub fn follow(&self, room: &str, client: &str, presence: Presence) -> Join {
        let rooms = lock(&self.rooms);
        let Some(room) = rooms.get(room).cloned() else {
            return Join::Unknown;
        };
        let mut people = lock(&room.people);
        if people.followers.len() >= self.limits.max_followers
            && !people.followers.contains_key(client)
        {
            return Join::Full;
        }
        people.next_token += 1;
        let token = people.next_token;
        people
            .followers
            .insert(client.to_string(), (token, presence));
        room.recount(&mut people);
        drop(people);
        Join::Joined(FollowerGuard {
            room,
            client: client.to_string(),
            token,
        })
    }

    /// Ends every room that has had no speaker for `end_after` at `now`
    /// (relayed: here, nor on another process as far as Redis says): its
    /// followers get `ended`. Returns how many ended.
    pub fn sweep(&self, now: Instant) -> usize {
        let end_after = self.limits.end_after;
        let judging = self.judging(now);
        let mut rooms = lock(&self.rooms);
        let before = rooms.len();
        rooms.retain(|_, room| {
            let people = lock(&room.people);
            let here = people.speakers > 0
                || (people.owned
                    && people
                        .idle_since
                        .is_some_and(|t| now.saturating_duration_since(t) < end_after));
            let link = lock(&room.link);
            let elsewhere =
                link.remote_until.is_some_and(|t| now < t) || (link.remote_seen && !judging);
            let over = !here && !elsewhere;
            if over {
                room.ended.send_replace(true);
            }
            !over
        });
        let ended = before - rooms.len();
        drop(rooms);
        if ended > 0 {
            if let Some(relay) = &self.relay {
                relay.wake.notify_one();
            }
        }
        ended
    }

    /// Sweeps every second (or every `end_after`, if shorter), forever.
    pub async fn sweep_forever(self: Arc<Self>) {
        let period = self.limits.end_after.min(Duration::from_secs(1));
        let mut tick = tokio::time::interval(period.max(Duration::from_millis(10)));
        loop {
            tick.tick().await;
            self.sweep(Instant::now());
        }
    }

    /// The server shuts down: every stream closes (without `ended`: the
    /// talk is not over, the server is).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Watches for the shutdown.
    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }
}

/// One room.
#[derive(Debug)]
pub struct Room {
    /// The room id.
    id: String,
    /// The latest view message.
    view: watch::Sender<Option<Arc<str>>>,
    /// Pointer messages, passed on and not kept.
    pointer: broadcast::Sender<Arc<str>>,
    /// (following, exploring), for the speakers.
    counts: watch::Sender<(usize, usize)>,
    /// Becomes true when the room ends.
    ended: watch::Sender<bool>,
    /// Who is connected.
    people: Mutex<People>,
    /// What the room shares with other processes (unused alone).
    link: Mutex<Link>,
    /// Wakes the relay on a change, if the rooms are relayed.
    relay: Option<Arc<Notify>>,
}

/// Who is connected to a room.
#[derive(Debug)]
struct People {
    /// Followers by client id: the token of their newest stream, and presence.
    followers: HashMap<String, (u64, Presence)>,
    /// The last token given out.
    next_token: u64,
    /// Speaker streams open.
    speakers: usize,
    /// Since when no speaker stream is open (`None` while one is).
    idle_since: Option<Instant>,
    /// Opened with its key on this process (a room mirrored from another
    /// process is not, until a speaker uses it here).
    owned: bool,
    /// (following, exploring) on this process.
    here: (usize, usize),
    /// (following, exploring) on the other processes.
    elsewhere: (usize, usize),
}

/// What a room shares with the other processes (`--redis`).
#[derive(Debug, Default)]
struct Link {
    /// The latest view was posted on this process (not received from Redis).
    view_local: bool,
    /// The latest view was posted here and not yet handed to the relay.
    view_unsent: bool,
    /// The latest pointer message posted here and not yet handed over.
    pointer_unsent: Option<Arc<str>>,
    /// Presence reports for followers that are not on this process, not
    /// yet handed over (the latest per follower).
    presence_unsent: HashMap<String, Presence>,
    /// Own views sent to Redis whose echo has not come back yet.
    pending: u32,
    /// Made here, not yet written to Redis.
    fresh: bool,
    /// Until when another process keeps the room alive, as Redis said last.
    remote_until: Option<Instant>,
    /// Redis has said that another process keeps the room alive.
    remote_seen: bool,
}

/// What keeps a room alive on this process: the lease it writes to Redis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lease {
    /// A speaker is connected here: alive until `end_after` from now.
    Speaking,
    /// Opened here, no speaker here since then: alive until `end_after`
    /// from then.
    Idle(Instant),
    /// Nothing here: a mirror of a room of another process.
    None,
}

impl Room {
    /// A new room, without a speaker since now; `owned` if opened here
    /// with its key, else mirrored from another process.
    fn new(id: String, owned: bool, relay: Option<Arc<Notify>>) -> Room {
        Room {
            id,
            view: watch::Sender::new(None),
            pointer: broadcast::Sender::new(POINTER_QUEUE),
            counts: watch::Sender::new((0, 0)),
            ended: watch::Sender::new(false),
            people: Mutex::new(People {
                followers: HashMap::new(),
                next_token: 0,
                speakers: 0,
                idle_since: Some(Instant::now()),
                owned,
                here: (0, 0),
                elsewhere: (0, 0),
            }),
            link: Mutex::new(Link {
                fresh: owned,
                ..Link::default()
            }),
            relay,
        }
    }

    /// Tells the relay that something changed, if the room is relayed.
    fn wake_relay(&self) {
        if let Some(relay) = &self.relay {
            relay.notify_one();
        }
    }

    /// The room id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The latest view message.
    pub fn latest(&self) -> Option<Arc<str>> {
        self.view.borrow().clone()
    }

    /// (following, exploring) now.
    pub fn counts(&self) -> (usize, usize) {
        *self.counts.borrow()
    }

    /// A speaker's message: a view becomes the latest (an identical one
    /// changes nothing), a pointer message is passed on. Anything else,
    /// including a message that could break the event stream's lines, is
    /// refused and changes nothing.
    pub fn publish(&self, text: &str) -> Result<(), Invalid> {
        let view = relayable(text)?;
        let mut link = lock(&self.link);
        if view {
            if self.set_view(text) && self.relay.is_some() {
                link.view_local = true;
                link.view_unsent = true;
                drop(link);
                self.wake_relay();
            }
        } else {
            // No follower listening is no error.
            let text: Arc<str> = text.into();
            let _ = self.pointer.send(text.clone());
            if self.relay.is_some() {
                link.pointer_unsent = Some(text);
                drop(link);
                self.wake_relay();
            }
        }
        Ok(())
    }

    /// Makes `text` the latest view; false if it already was.
    fn set_view(&self, text: &str) -> bool {
        self.view.send_if_modified(|latest| {
            if latest.as_deref() == Some(text) {
                return false;
            }
            *latest = Some(text.into());
            true
        })
    }

    /// A message from Redis, checked like a posted one: a view or pointer
    /// message of another process is passed to this room's followers; an
    /// `own` one (this process's echo) is not, it only counts as arrived.
    ///
    /// The views of all processes pass through Redis in one order, and
    /// every process ends on the last one: while an own view is unsent or
    /// on its way (its echo not back), a view from another process is
    /// older than it there and is dropped.
    pub fn receive(&self, text: &str, own: bool) -> Result<(), Invalid> {
        let view = relayable(text)?;
        let mut link = lock(&self.link);
        if own {
            if view {
                link.pending = link.pending.saturating_sub(1);
            }
        } else if view {
            if link.pending == 0 && !link.view_unsent && self.set_view(text) {
                link.view_local = false;
            }
        } else {
            let _ = self.pointer.send(text.into());
        }
        Ok(())
    }

    /// For the relay: the latest view if it was posted here and not yet
    /// handed over (it now counts as on its way), and the latest pointer
    /// message likewise.
    pub fn take_unsent(&self) -> (Option<Arc<str>>, Option<Arc<str>>) {
        let mut link = lock(&self.link);
        let mut view = None;
        if std::mem::take(&mut link.view_unsent) {
            view = self.latest();
            if view.is_some() {
                link.pending += 1;
            }
        }
        (view, link.pointer_unsent.take())
    }

    /// A presence report for a follower that is not on this process: handed
    /// to the relay, for the process that has it. False if the rooms are not
    /// relayed (or too many wait already).
    pub fn forward_presence(&self, client: &str, presence: Presence) -> bool {
        if self.relay.is_none() || !valid_client(client) {
            return false;
        }
        let mut link = lock(&self.link);
        if link.presence_unsent.len() >= PRESENCE_QUEUE
            && !link.presence_unsent.contains_key(client)
        {
            return false;
        }
        link.presence_unsent.insert(client.to_string(), presence);
        drop(link);
        self.wake_relay();
        true
    }

    /// For the relay: the presence reports to pass on.
    pub fn take_presence(&self) -> Vec<(String, Presence)> {
        lock(&self.link).presence_unsent.drain().collect()
    }

    /// For the relay, once Redis is reached again: no own view is on its way
    /// any more; one that was when Redis was lost may not have passed, and
    /// is to be sent again (a view posted meanwhile is unsent anyway; one
    /// that passed before is not news, and is only written back if Redis
    /// lost it).
    pub fn resend(&self) {
        let mut link = lock(&self.link);
        if link.pending > 0 && link.view_local && self.view.borrow().is_some() {
            link.view_unsent = true;
        }
        link.pending = 0;
        link.pointer_unsent = None;
        link.presence_unsent.clear();
    }

    /// The latest view was posted on this process (Redis's copy is ours to
    /// keep up to date).
    pub fn view_is_local(&self) -> bool {
        lock(&self.link).view_local
    }

    /// For the relay: true once, for a room made here whose state in Redis
    /// (a view of an earlier room of the same key) is stale.
    pub fn take_fresh(&self) -> bool {
        std::mem::take(&mut lock(&self.link).fresh)
    }

    /// Until when another process keeps the room alive, as Redis says
    /// (`None`: no other process does).
    pub fn set_remote_until(&self, until: Option<Instant>) {
        let mut link = lock(&self.link);
        link.remote_until = until;
        link.remote_seen |= until.is_some();
    }

    /// Until when another process keeps the room alive, as Redis said last.
    pub fn remote_until(&self) -> Option<Instant> {
        lock(&self.link).remote_until
    }

    /// What keeps the room alive on this process.
    pub fn lease(&self) -> Lease {
        let people = lock(&self.people);
        match (people.speakers, people.owned, people.idle_since) {
            (1.., _, _) => Lease::Speaking,
            (0, true, Some(t)) => Lease::Idle(t),
            _ => Lease::None,
        }
    }

    /// A speaker stream is open on this process.
    pub fn has_speaker(&self) -> bool {
        lock(&self.people).speakers > 0
    }

    /// (following, exploring) on this process only.
    pub fn counts_here(&self) -> (usize, usize) {
        lock(&self.people).here
    }

    /// (following, exploring) on the other processes: added to this one's
    /// in the counts the speakers see.
    pub fn set_counts_elsewhere(&self, elsewhere: (usize, usize)) {
        let mut people = lock(&self.people);
        people.elsewhere = elsewhere;
        self.recount(&mut people);
    }

    /// Sets the presence of a registered `client`; false if it is not one.
    pub fn set_presence(&self, client: &str, presence: Presence) -> bool {
        let mut people = lock(&self.people);
        let Some(entry) = people.followers.get_mut(client) else {
            return false;
        };
        entry.1 = presence;
        self.recount(&mut people);
        true
    }

    /// Updates the counts the speakers watch, if they changed (and tells
    /// the relay if this process's changed).
    fn recount(&self, people: &mut People) {
        let following = people
            .followers
            .values()
            .filter(|(_, p)| *p == Presence::Following)
            .count();
        let here = (following, people.followers.len() - following);
        if std::mem::replace(&mut people.here, here) != here {
            self.wake_relay();
        }
        let (f, e) = people.elsewhere;
        let now = (here.0.saturating_add(f), here.1.saturating_add(e));
        self.counts
            .send_if_modified(|c| std::mem::replace(c, now) != now);
    }

    /// Watches the latest view.
    pub fn views(&self) -> watch::Receiver<Option<Arc<str>>> {
        self.view.subscribe()
    }

    /// Receives pointer messages from now on.
    pub fn pointers(&self) -> broadcast::Receiver<Arc<str>> {
        self.pointer.subscribe()
    }

    /// Watches the counts.
    pub fn count_watch(&self) -> watch::Receiver<(usize, usize)> {
        self.counts.subscribe()
    }

    /// Watches for the end of the room.
    pub fn ended(&self) -> watch::Receiver<bool> {
        self.ended.subscribe()
    }
}

/// A follower's registration: removed when dropped, unless a newer stream
/// of the same client has replaced it.
#[derive(Debug)]
pub struct FollowerGuard {
    /// The room followed.
    room: Arc<Room>,
    /// The client id.
    client: String,
    /// This stream's token.
    token: u64,
}

impl FollowerGuard {
    /// The room followed.
    pub fn room(&self) -> &Arc<Room> {
        &self.room
    }
}

impl Drop for FollowerGuard {
    fn drop(&mut self) {
        let mut people = lock(&self.room.people);
        if people.followers.get(&self.client).map(|f| f.0) == Some(self.token) {
            people.followers.remove(&self.client);
            self.room.recount(&mut people);
        }
    }
}

/// A speaker's connection: the room has a speaker while this lives.
#[derive(Debug)]
pub struct SpeakerGuard {
    /// The room spoken to.
    room: Arc<Room>,
}

impl SpeakerGuard {
    /// The room spoken to.
    pub fn room(&self) -> &Arc<Room> {
        &self.room
    }
}

impl Drop for SpeakerGuard {
    fn drop(&mut self) {
        let mut people = lock(&self.room.people);
        people.speakers -= 1;
        if people.speakers == 0 {
            people.idle_since = Some(Instant::now());
        }
        drop(people);
        self.room.wake_relay();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `printf %s 0123456789abcdef0123456789abcdef | sha256sum`, first 16 digits.
    const KEY: &str = "0123456789abcdef0123456789abcdef";
    const ROOM: &str = "3eb1bd439947eb76";
    const VIEW: &str = "deck1|spk|1|p|view|none|#/intro";
    const VIEW2: &str = "deck1|spk|2|p|view|black|#/precision/3";
    /// Another well-formed room id.
    const ROOM2_FOR_CAP: &str = "352302489bc2fcf0";

    fn limits(max_rooms: usize, max_followers: usize) -> Limits {
        Limits {
            end_after: Duration::from_secs(2),
            max_rooms,
            max_followers,
        }
    }

    fn joined(j: Join) -> FollowerGuard {
        match j {
            Join::Joined(g) => g,
            other => panic!("not joined: {other:?}"),
        }
    }

    #[test]
    fn the_room_id_is_a_prefix_of_the_keys_sha256() {
        assert_eq!(room_id(KEY), ROOM);
        // `printf %s abc | sha256sum`
        assert_eq!(room_id("abc"), "ba7816bf8f01cfea");
        let key = new_key();
        assert!(lower_hex(&key, 32), "{key}");
        assert_ne!(key, new_key());
        assert!(valid_room_id(&room_id(&key)));
    }

    #[test]
    fn only_the_rooms_own_well_formed_key_opens_it() {
        assert!(key_opens(KEY, ROOM));
        assert!(!key_opens(KEY, "3eb1bd439947eb77"));
        assert!(!key_opens(&KEY.to_uppercase(), ROOM));
        assert!(!key_opens("", ROOM));
        // The right hash of a text that is not a key is not enough.
        assert!(!key_opens("abc", "ba7816bf8f01cfea"));
        for bad in [
            "",
            "3EB1BD439947EB76",
            "3eb1bd439947eb7",
            "3eb1bd439947eb76a",
            "geb1bd439947eb76",
        ] {
            assert!(!valid_room_id(bad), "{bad}");
        }
        let rooms = Rooms::new(Limits::default());
        assert_eq!(
            rooms.speak("0".repeat(32).as_str(), ROOM).err(),
            Some(Refused::Key)
        );
        assert_eq!(rooms.open("nope").err(), Some(Refused::Key));
        assert!(rooms.is_empty(), "a wrong key never creates a room");
    }

    #[test]
    fn the_room_cap_refuses_a_new_room_but_not_an_existing_one() {
        let rooms = Rooms::new(limits(1, 10));
        let first = rooms.open(KEY).unwrap();
        assert_eq!(first.id(), ROOM);
        assert_eq!(rooms.open(&new_key()).err(), Some(Refused::Rooms));
        assert!(rooms.speak(KEY, ROOM).is_ok());
        let other = new_key();
        assert_eq!(
            rooms.speak(&other, &room_id(&other)).err(),
            Some(Refused::Rooms)
        );
        assert_eq!(rooms.len(), 1);
    }

    #[test]
    fn followers_are_counted_by_presence_and_capped() {
        let rooms = Rooms::new(limits(10, 2));
        assert!(matches!(
            rooms.follow(ROOM, "a", Presence::Following),
            Join::Unknown
        ));
        let room = rooms.open(KEY).unwrap();
        let a = joined(rooms.follow(ROOM, "a", Presence::Following));
        let b = joined(rooms.follow(ROOM, "b", Presence::Exploring));
        assert_eq!(room.counts(), (1, 1));
        assert!(matches!(
            rooms.follow(ROOM, "c", Presence::Following),
            Join::Full
        ));
        assert!(room.set_presence("b", Presence::Following));
        assert_eq!(room.counts(), (2, 0));
        assert!(!room.set_presence("c", Presence::Following));
        // A second stream of `a` replaces the first; the first's end leaves it.
        let a2 = joined(rooms.follow(ROOM, "a", Presence::Exploring));
        assert_eq!(room.counts(), (1, 1));
        drop(a);
        assert_eq!(room.counts(), (1, 1));
        drop(a2);
        assert_eq!(room.counts(), (1, 0));
        assert!(!room.set_presence("a", Presence::Following));
        drop(b);
        assert_eq!(room.counts(), (0, 0));
    }

    #[test]
    fn views_are_kept_pointers_are_passed_on_and_the_rest_refused() {
        let rooms = Rooms::new(Limits::default());
        let room = rooms.open(KEY).unwrap();
        let mut views = room.views();
        let mut pointers = room.pointers();
        assert_eq!(room.publish(VIEW), Ok(()));
        assert_eq!(room.latest().as_deref(), Some(VIEW));
        assert!(views.has_changed().unwrap());
        views.mark_unchanged();
        assert_eq!(room.publish(VIEW), Ok(()));
        assert!(!views.has_changed().unwrap(), "the same view is no change");
        assert_eq!(room.publish("deck1|spk|3|p|pointer|500|250"), Ok(()));
        assert_eq!(
            &*pointers.try_recv().unwrap(),
            "deck1|spk|3|p|pointer|500|250"
        );
        assert_eq!(
            room.latest().as_deref(),
            Some(VIEW),
            "a pointer is not a view"
        );
        for bad in [
            "",
            "deck1|spk|4|p|request",
            "deck1|spk|4|p|bye",
            "deck1|spk|4|p|answer|none|#/intro",
            "deck1|spk|4|p|view|none|#/nowhere",
            "deck1|spk|4|p|view|none|#/intro\n",
        ] {
            assert_eq!(room.publish(bad), Err(Invalid), "{bad}");
        }
        assert_eq!(room.latest().as_deref(), Some(VIEW));
        assert_eq!(room.publish(VIEW2), Ok(()));
        assert_eq!(room.latest().as_deref(), Some(VIEW2));
    }

    #[test]
    fn a_room_ends_once_no_speaker_has_been_there_for_end_after() {
        let rooms = Rooms::new(limits(10, 10));
        let start = Instant::now();
        let room = rooms.open(KEY).unwrap();
        let ended = room.ended();
        let follower = joined(rooms.follow(ROOM, "a", Presence::Following));
        // Without a speaker, the time counts from the room's creation.
        assert_eq!(rooms.sweep(start + Duration::from_millis(500)), 0);
        let speaker = rooms.speak(KEY, ROOM).unwrap();
        assert_eq!(
            rooms.sweep(start + Duration::from_secs(60)),
            0,
            "a speaker is there"
        );
        drop(speaker);
        let left = Instant::now();
        assert_eq!(rooms.sweep(left + Duration::from_millis(1900)), 0);
        assert!(!*ended.borrow());
        assert_eq!(rooms.sweep(left + Duration::from_secs(2)), 1);
        assert!(*ended.borrow());
        assert!(rooms.get(ROOM).is_none());
        assert!(matches!(
            rooms.follow(ROOM, "b", Presence::Following),
            Join::Unknown
        ));
        drop(follower);
        // The speaker's key opens the room again, empty.
        let again = rooms.open(KEY).unwrap();
        assert_eq!(again.latest(), None);
    }

    const POINTER: &str = "deck1|spk|3|p|pointer|500|250";

    #[test]
    fn a_room_alone_hands_nothing_to_a_relay() {
        let rooms = Rooms::new(Limits::default());
        assert!(rooms.wake().is_none());
        let room = rooms.open(KEY).unwrap();
        assert_eq!(room.publish(VIEW), Ok(()));
        assert_eq!(room.publish(POINTER), Ok(()));
        assert_eq!(room.take_unsent(), (None, None));
        assert!(!room.view_is_local());
    }

    #[test]
    fn posted_messages_are_handed_to_the_relay_coalesced() {
        let rooms = Rooms::relayed(Limits::default());
        let wake = rooms.wake().unwrap();
        let room = rooms.open(KEY).unwrap();
        assert_eq!(
            room.lease(),
            Lease::Idle(lock(&room.people).idle_since.unwrap())
        );
        assert!(room.take_fresh(), "made here");
        assert!(!room.take_fresh(), "once");
        assert_eq!(room.publish(VIEW), Ok(()));
        assert_eq!(room.publish(POINTER), Ok(()));
        assert_eq!(room.publish("deck1|spk|4|p|pointer|off"), Ok(()));
        assert_eq!(room.publish(VIEW2), Ok(()));
        assert_eq!(room.publish("deck1|spk|4|p|bye"), Err(Invalid));
        // The relay was woken (a stored permit) and gets the latest of each.
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(async {
                tokio::time::timeout(Duration::from_secs(1), wake.notified())
                    .await
                    .expect("woken");
            });
        let (view, pointer) = room.take_unsent();
        assert_eq!(view.as_deref(), Some(VIEW2));
        assert_eq!(pointer.as_deref(), Some("deck1|spk|4|p|pointer|off"));
        assert_eq!(room.take_unsent(), (None, None));
        assert!(room.view_is_local());
        // The same view again is no news.
        assert_eq!(room.publish(VIEW2), Ok(()));
        assert_eq!(room.take_unsent(), (None, None));
    }

    #[test]
    fn views_from_other_processes_are_checked_and_never_overtake_an_own_one() {
        let rooms = Rooms::relayed(Limits::default());
        let room = rooms.open(KEY).unwrap();
        let mut pointers = room.pointers();
        for bad in [
            "deck1|spk|4|p|request",
            "deck1|spk|4|p|view|none|#/intro\n",
            "",
        ] {
            assert_eq!(room.receive(bad, false), Err(Invalid), "{bad}");
        }
        assert_eq!(room.latest(), None);
        // From elsewhere, with nothing of ours on its way: taken.
        assert_eq!(room.receive(VIEW, false), Ok(()));
        assert_eq!(room.latest().as_deref(), Some(VIEW));
        assert!(!room.view_is_local());
        assert_eq!(room.receive(POINTER, false), Ok(()));
        assert_eq!(&*pointers.try_recv().unwrap(), POINTER);
        // Our own pointer's echo is not passed on twice.
        assert_eq!(room.receive(POINTER, true), Ok(()));
        assert!(pointers.try_recv().is_err());

        // Ours is posted: until its echo is back, theirs are older.
        let ours = "deck1|spk|9|p|view|white|#/intro";
        assert_eq!(room.publish(ours), Ok(()));
        assert_eq!(room.receive(VIEW2, false), Ok(()), "unsent yet");
        assert_eq!(room.latest().as_deref(), Some(ours));
        assert_eq!(room.take_unsent().0.as_deref(), Some(ours));
        assert_eq!(room.receive(VIEW2, false), Ok(()), "on its way");
        assert_eq!(room.latest().as_deref(), Some(ours));
        assert_eq!(room.receive(ours, true), Ok(()));
        // Back: the next one from elsewhere is newer.
        assert_eq!(room.receive(VIEW2, false), Ok(()));
        assert_eq!(room.latest().as_deref(), Some(VIEW2));
        assert!(!room.view_is_local());
    }

    #[test]
    fn once_redis_is_back_only_a_view_that_may_not_have_passed_is_sent_again() {
        let rooms = Rooms::relayed(Limits::default());
        let room = rooms.open(KEY).unwrap();
        assert_eq!(room.publish(VIEW), Ok(()));
        assert!(room.take_unsent().0.is_some());
        assert_eq!(room.receive(VIEW, true), Ok(()));
        // Passed: not sent again.
        room.resend();
        assert_eq!(room.take_unsent(), (None, None));
        // Taken, then Redis lost before its echo: sent again.
        assert_eq!(room.publish(VIEW2), Ok(()));
        assert!(room.take_unsent().0.is_some());
        room.resend();
        assert_eq!(room.take_unsent().0.as_deref(), Some(VIEW2));
        // Posted while Redis was away: still unsent, and sent.
        room.resend();
        assert_eq!(room.publish(VIEW), Ok(()));
        room.resend();
        assert_eq!(room.take_unsent().0.as_deref(), Some(VIEW));
    }

    #[test]
    fn a_presence_report_for_a_follower_elsewhere_is_handed_to_the_relay() {
        let alone = Rooms::new(Limits::default());
        let room = alone.open(KEY).unwrap();
        assert!(!room.forward_presence("p1", Presence::Exploring));

        let rooms = Rooms::relayed(Limits::default());
        let room = rooms.open(KEY).unwrap();
        let _here = joined(rooms.follow(ROOM, "here", Presence::Following));
        assert!(
            room.set_presence("here", Presence::Exploring),
            "here: applied"
        );
        assert!(!room.set_presence("p1", Presence::Exploring), "not here");
        assert!(room.forward_presence("p1", Presence::Exploring));
        assert!(room.forward_presence("p1", Presence::Following));
        assert!(room.forward_presence("p2", Presence::Exploring));
        assert!(!room.forward_presence("p-3", Presence::Exploring));
        let mut got = room.take_presence();
        got.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            got,
            [
                ("p1".to_string(), Presence::Following),
                ("p2".to_string(), Presence::Exploring)
            ]
        );
        assert!(room.take_presence().is_empty());
        assert_eq!(room.counts(), (0, 1));
    }

    #[test]
    fn the_speaker_counts_the_followers_of_every_process() {
        let rooms = Rooms::relayed(limits(10, 10));
        let room = rooms.open(KEY).unwrap();
        let a = joined(rooms.follow(ROOM, "a", Presence::Following));
        assert_eq!(room.counts_here(), (1, 0));
        room.set_counts_elsewhere((3, 2));
        assert_eq!(room.counts(), (4, 2));
        assert_eq!(room.counts_here(), (1, 0));
        drop(a);
        assert_eq!(room.counts(), (3, 2));
        room.set_counts_elsewhere((0, 0));
        assert_eq!(room.counts(), (0, 0));
    }

    #[test]
    fn a_mirrored_room_lives_while_another_process_keeps_it_and_redis_can_tell() {
        let rooms = Rooms::relayed(limits(2, 10));
        let start = Instant::now();
        let until = start + Duration::from_secs(5);
        assert!(rooms.mirror("nothex", until, None).is_none());
        let room = rooms.mirror(ROOM, until, Some(VIEW)).unwrap();
        assert_eq!(room.latest().as_deref(), Some(VIEW));
        assert_eq!(room.lease(), Lease::None, "nothing keeps it here");
        assert!(!room.take_fresh());
        let ended = room.ended();
        let _follower = joined(rooms.follow(ROOM, "a", Presence::Following));
        // Redis out of reach: it does not end, even past its time.
        rooms.judge_from(None);
        assert_eq!(rooms.sweep(start + Duration::from_secs(60)), 0);
        // Reached again, settling: still not.
        rooms.judge_from(Some(start + Duration::from_secs(61)));
        assert_eq!(rooms.sweep(start + Duration::from_secs(60)), 0);
        // Settled: alive until the time Redis said, then over.
        rooms.judge_from(Some(start));
        assert_eq!(rooms.sweep(start + Duration::from_secs(4)), 0);
        room.set_remote_until(Some(start + Duration::from_secs(20)));
        assert_eq!(rooms.sweep(start + Duration::from_secs(19)), 0);
        assert!(!*ended.borrow());
        assert_eq!(rooms.sweep(start + Duration::from_secs(20)), 1);
        assert!(*ended.borrow());
        assert!(rooms.get(ROOM).is_none());
        // The cap counts mirrors.
        assert!(rooms.mirror(ROOM, until, None).is_some());
        assert!(rooms.mirror(ROOM2_FOR_CAP, until, None).is_some());
        assert!(rooms.mirror("0000000000000000", until, None).is_none());
    }

    #[test]
    fn a_speaker_makes_a_mirror_this_processes_and_keeps_it_after_the_others_left() {
        let rooms = Rooms::relayed(limits(10, 10));
        rooms.judge_from(Some(Instant::now()));
        let start = Instant::now();
        let room = rooms
            .mirror(ROOM, start + Duration::from_secs(1), None)
            .unwrap();
        let speaker = rooms.speak(KEY, ROOM).unwrap();
        assert_eq!(room.lease(), Lease::Speaking);
        assert!(room.has_speaker());
        room.set_remote_until(None);
        assert_eq!(rooms.sweep(start + Duration::from_secs(60)), 0);
        drop(speaker);
        let left = Instant::now();
        assert!(matches!(room.lease(), Lease::Idle(t) if t >= left - Duration::from_millis(1)));
        assert_eq!(rooms.sweep(left + Duration::from_millis(1900)), 0);
        assert_eq!(rooms.sweep(left + Duration::from_secs(2)), 1);
    }
}
