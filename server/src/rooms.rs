//! Rooms: one per speaker key, in memory. A room keeps the latest view,
//! passes pointer messages on, knows who follows it and ends once no speaker
//! has been connected for a while.
//!
//! Locks are taken in one order, the map of rooms first, then a room's
//! people, so that a room is never joined while it ends.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use llm_notes_explainer::deck::sync::{Body, Message};
use sha2::{Digest, Sha256};
use tokio::sync::{broadcast, watch};

/// Pointer messages a slow follower may have pending; older ones are dropped.
const POINTER_QUEUE: usize = 16;

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

/// Bytes as lowercase hex.
fn hex(bytes: &[u8]) -> String {
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
}

impl Rooms {
    /// No rooms yet.
    pub fn new(limits: Limits) -> Rooms {
        Rooms {
            limits,
            rooms: Mutex::new(HashMap::new()),
            closing: watch::Sender::new(false),
        }
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
        Self::get_or_create(rooms, self.limits, id)
    }

    /// The room `id` from `rooms`, or a new one within the limit.
    fn get_or_create(
        rooms: &mut HashMap<String, Arc<Room>>,
        limits: Limits,
        id: String,
    ) -> Result<Arc<Room>, Refused> {
        if let Some(room) = rooms.get(&id) {
            return Ok(room.clone());
        }
        if rooms.len() >= limits.max_rooms {
            return Err(Refused::Rooms);
        }
        let room = Arc::new(Room::new(id.clone()));
        rooms.insert(id, room.clone());
        Ok(room)
    }

    /// A speaker connects to `room` with `key` (checked first: a wrong key
    /// never creates a room). The room has a speaker while the guard lives.
    pub fn speak(&self, key: &str, room: &str) -> Result<SpeakerGuard, Refused> {
        if !key_opens(key, room) {
            return Err(Refused::Key);
        }
        let rooms = &mut lock(&self.rooms);
        let room = Self::get_or_create(rooms, self.limits, room.to_string())?;
        {
            let mut people = lock(&room.people);
            people.speakers += 1;
            people.idle_since = None;
        }
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
        room.recount(&people);
        drop(people);
        Join::Joined(FollowerGuard {
            room,
            client: client.to_string(),
            token,
        })
    }

    /// Ends every room that has had no speaker for `end_after` at `now`:
    /// its followers get `ended`. Returns how many ended.
    pub fn sweep(&self, now: Instant) -> usize {
        let end_after = self.limits.end_after;
        let mut rooms = lock(&self.rooms);
        let before = rooms.len();
        rooms.retain(|_, room| {
            let people = lock(&room.people);
            let over = people
                .idle_since
                .is_some_and(|t| now.saturating_duration_since(t) >= end_after);
            if over {
                room.ended.send_replace(true);
            }
            !over
        });
        before - rooms.len()
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
}

impl Room {
    /// A new room, without a speaker since now.
    fn new(id: String) -> Room {
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
            }),
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
        if text.contains(['\r', '\n']) {
            return Err(Invalid);
        }
        match Message::decode(text).map(|m| m.body) {
            Some(Body::Shared { .. }) => {
                self.view.send_if_modified(|latest| {
                    if latest.as_deref() == Some(text) {
                        return false;
                    }
                    *latest = Some(text.into());
                    true
                });
                Ok(())
            }
            Some(Body::Pointer(_)) => {
                // No follower listening is no error.
                let _ = self.pointer.send(text.into());
                Ok(())
            }
            _ => Err(Invalid),
        }
    }

    /// Sets the presence of a registered `client`; false if it is not one.
    pub fn set_presence(&self, client: &str, presence: Presence) -> bool {
        let mut people = lock(&self.people);
        let Some(entry) = people.followers.get_mut(client) else {
            return false;
        };
        entry.1 = presence;
        self.recount(&people);
        true
    }

    /// Updates the counts the speakers watch, if they changed.
    fn recount(&self, people: &People) {
        let following = people
            .followers
            .values()
            .filter(|(_, p)| *p == Presence::Following)
            .count();
        let now = (following, people.followers.len() - following);
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
            self.room.recount(&people);
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
}
