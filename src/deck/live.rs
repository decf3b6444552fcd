//! The live class, the page's side (pure; the connection is `ui::live`):
//! which room a link names and with what key, and what a follower's page
//! does with what the server sends.
//!
//! A link with `?live=ROOM` (before its `#`) follows the room's speaker;
//! with `&key=KEY` too, it is the speaker's and publishes. The server
//! (`server/`) derives the room from the key, so the audience's link holds
//! no key. A link without `live` never talks to the server.
//!
//! A follower is in one of two modes, following or exploring, and its
//! connection in one of several states; [`Follower`] keeps both and the
//! speaker's latest view. Following, every view the speaker sends is shown;
//! the moment the reader changes the shared state themselves (a slider, a
//! step, a key), the page explores: it keeps the speaker's views but shows
//! none of them, until Rejoin shows the latest and follows again.

use crate::deck::sync::{Blank, Body, Message, StagePoint};

/// A room id as the server writes it: 16 lowercase hex digits.
fn valid_room(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A speaker's key: 32 lowercase hex digits (128 bits).
fn valid_key(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// What the query part of a link (`?live=…&key=…`, with or without its
/// `?`) says about the live class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    /// No `live` in the link: the page works alone and never talks to the server.
    Alone,
    /// `live` is there but is not a room id: the page says so and works alone.
    BadRoom,
    /// A follower of `room`.
    Follow { room: String },
    /// The speaker of `room`, with its key. A key that does not fit
    /// (`BadRoom` aside) makes the page a follower: it cannot publish anyway.
    Speak { room: String, key: String },
}

impl Link {
    /// Reads the query part of an address.
    pub fn parse(query: &str) -> Link {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut room = None;
        let mut key = None;
        for pair in query.split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            match name {
                "live" if room.is_none() => room = Some(value),
                "key" if key.is_none() => key = Some(value),
                _ => {}
            }
        }
        match (room, key) {
            (None, _) => Link::Alone,
            (Some(r), _) if !valid_room(r) => Link::BadRoom,
            (Some(r), Some(k)) if valid_key(k) => Link::Speak {
                room: r.to_string(),
                key: k.to_string(),
            },
            (Some(r), _) => Link::Follow {
                room: r.to_string(),
            },
        }
    }

    /// The room, when the link names a valid one.
    pub fn room(&self) -> Option<&str> {
        match self {
            Link::Follow { room } | Link::Speak { room, .. } => Some(room),
            Link::Alone | Link::BadRoom => None,
        }
    }
}

/// `query` (with or without its `?`) without its `key=` parameter: what a
/// speaker's window keeps in its address bar and shows in its links.
pub fn without_key(query: &str) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some("key"))
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// Whether the page applies the speaker's views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Following,
    Exploring,
}

impl Mode {
    /// The word the server's presence endpoint takes.
    pub fn id(self) -> &'static str {
        match self {
            Mode::Following => "following",
            Mode::Exploring => "exploring",
        }
    }
}

/// The connection to the room.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conn {
    /// Connecting for the first time.
    Connecting,
    /// Connected: the server said hello.
    Open,
    /// Lost (or refused) after having been open, or never reached: retrying.
    Lost,
    /// The speaker left and the room ended.
    Ended,
    /// The server does not know the room.
    Unknown,
    /// The room is full.
    Full,
}

/// What the page shows as the live status (`data-state` of
/// `data-testid=live-status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Connecting,
    Following,
    Exploring,
    Reconnecting,
    Ended,
    Unknown,
    Full,
}

impl Status {
    /// The value of `data-state`, and the end of the status text's key
    /// (`ui.live_{id}`).
    pub fn id(self) -> &'static str {
        match self {
            Status::Connecting => "connecting",
            Status::Following => "following",
            Status::Exploring => "exploring",
            Status::Reconnecting => "reconnecting",
            Status::Ended => "ended",
            Status::Unknown => "unknown",
            Status::Full => "full",
        }
    }
}

/// The wait before reconnection attempt `failures` + 1, in milliseconds:
/// 250 ms doubling to at most 8 s (the follower's and the speaker's).
pub fn backoff_ms(failures: u32) -> u32 {
    250u32.saturating_mul(1 << failures.min(5)).min(8000)
}

/// A view: a shared hash (`deck::sync::shared`) and the blank screen.
pub type View = (String, Blank);

/// What the page does with an event from the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Show this view (the page dispatches `Action::Sync`).
    Show(View),
    /// Show the speaker's pointer, or hide it.
    Pointer(Option<StagePoint>),
    /// Close the connection for good (the room ended, is unknown or full).
    Close,
    /// Nothing to show (a view kept while exploring, a hello, garbage).
    Nothing,
}

/// A follower's page: its mode, its connection, and the speaker's latest view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Follower {
    pub mode: Mode,
    pub conn: Conn,
    /// The speaker's latest view, as received.
    pub latest: Option<View>,
    /// The view this page last showed of the speaker's: a shared state
    /// other than this is the reader's own change.
    shown: Option<View>,
    /// The audience's link the server announced (`hello`).
    pub audience: Option<String>,
    /// Failed connection attempts in a row, for the backoff.
    failures: u32,
    /// The connection has been open once: an unknown room after that is
    /// the server restarting, not a wrong link.
    was_open: bool,
}

impl Default for Follower {
    fn default() -> Self {
        Follower {
            mode: Mode::Following,
            conn: Conn::Connecting,
            latest: None,
            shown: None,
            audience: None,
            failures: 0,
            was_open: false,
        }
    }
}

/// Reads a view or a pointer out of a sync message; anything else is `None`.
fn decode(data: &str) -> Option<Body> {
    Message::decode(data)
        .map(|m| m.body)
        .filter(|b| matches!(b, Body::Shared { .. } | Body::Pointer(_)))
}

impl Follower {
    /// The status to show.
    pub fn status(&self) -> Status {
        match self.conn {
            Conn::Ended => Status::Ended,
            Conn::Unknown => Status::Unknown,
            Conn::Full => Status::Full,
            Conn::Lost => Status::Reconnecting,
            Conn::Connecting if self.was_open => Status::Reconnecting,
            Conn::Connecting => Status::Connecting,
            Conn::Open => match self.mode {
                Mode::Following => Status::Following,
                Mode::Exploring => Status::Exploring,
            },
        }
    }

    /// Whether the connection is over for good (no retry).
    pub fn closed(&self) -> bool {
        matches!(self.conn, Conn::Ended | Conn::Unknown | Conn::Full)
    }

    /// An event from the server: its name and its data.
    pub fn event(&mut self, name: &str, data: &str) -> Effect {
        if self.closed() {
            return Effect::Nothing;
        }
        match name {
            "hello" => {
                self.conn = Conn::Open;
                self.failures = 0;
                self.was_open = true;
                if !data.is_empty() && data.len() <= 2048 {
                    self.audience = Some(data.to_string());
                }
                Effect::Nothing
            }
            "view" => match decode(data) {
                Some(Body::Shared { hash, blank }) => {
                    let view = (hash, blank);
                    self.latest = Some(view.clone());
                    if self.mode == Mode::Following && self.shown.as_ref() != Some(&view) {
                        self.shown = Some(view.clone());
                        Effect::Show(view)
                    } else {
                        Effect::Nothing
                    }
                }
                _ => Effect::Nothing,
            },
            "pointer" => match decode(data) {
                Some(Body::Pointer(p)) if self.mode == Mode::Following => Effect::Pointer(p),
                _ => Effect::Nothing,
            },
            "ended" => {
                self.conn = Conn::Ended;
                Effect::Close
            }
            // A server that restarted forgets the room until its speaker
            // comes back: a page that was following keeps retrying.
            "unknown" if self.was_open => {
                self.conn = Conn::Lost;
                Effect::Nothing
            }
            "unknown" => {
                self.conn = Conn::Unknown;
                Effect::Close
            }
            "full" => {
                self.conn = Conn::Full;
                Effect::Close
            }
            _ => Effect::Nothing,
        }
    }

    /// The connection failed or dropped: the milliseconds to wait before
    /// the next attempt, doubling from 250 ms to at most 8 s; `None` when
    /// the page has stopped for good.
    pub fn lost(&mut self) -> Option<u32> {
        if self.closed() {
            return None;
        }
        self.conn = Conn::Lost;
        let wait = backoff_ms(self.failures);
        self.failures = self.failures.saturating_add(1);
        Some(wait)
    }

    /// The page now shows `view` (after any change, the speaker's or the
    /// reader's). A view other than the one last shown of the speaker's
    /// is the reader's own: the page explores. True when the mode changed.
    pub fn showing(&mut self, view: &View) -> bool {
        if self.mode == Mode::Following && self.shown.is_some() && self.shown.as_ref() != Some(view)
        {
            self.mode = Mode::Exploring;
            return true;
        }
        false
    }

    /// Rejoin: follow again, and show the speaker's latest view (when
    /// there is one and it is not shown already).
    pub fn rejoin(&mut self) -> Option<View> {
        self.mode = Mode::Following;
        let latest = self.latest.clone()?;
        self.shown = Some(latest.clone());
        Some(latest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOM: &str = "0123456789abcdef";
    const KEY: &str = "00112233445566778899aabbccddeeff";

    fn view_message(hash: &str, blank: &str) -> String {
        format!("deck1|s1|7|p|view|{blank}|{hash}")
    }

    #[test]
    fn links_name_a_room_and_maybe_a_key() {
        assert_eq!(Link::parse(""), Link::Alone);
        assert_eq!(Link::parse("?sw=1"), Link::Alone);
        assert_eq!(
            Link::parse(&format!("?live={ROOM}")),
            Link::Follow { room: ROOM.into() }
        );
        assert_eq!(
            Link::parse(&format!("sw=1&live={ROOM}&key={KEY}")),
            Link::Speak {
                room: ROOM.into(),
                key: KEY.into()
            }
        );
        // A key that does not fit: a follower (it could not publish).
        assert_eq!(
            Link::parse(&format!("?live={ROOM}&key=xyz")),
            Link::Follow { room: ROOM.into() }
        );
        for bad in [
            "?live=",
            "?live=ABCDEF0123456789",
            "?live=0123",
            "?live=<script>",
        ] {
            assert_eq!(Link::parse(bad), Link::BadRoom, "{bad}");
        }
        assert_eq!(Link::parse("?live").room(), None);
    }

    #[test]
    fn the_key_leaves_the_address() {
        assert_eq!(
            without_key(&format!("?live={ROOM}&key={KEY}")),
            format!("?live={ROOM}")
        );
        assert_eq!(
            without_key(&format!("?key={KEY}&live={ROOM}&sw=1")),
            format!("?live={ROOM}&sw=1")
        );
        assert_eq!(without_key(&format!("?key={KEY}")), "");
        assert_eq!(without_key(""), "");
    }

    #[test]
    fn a_follower_shows_each_view_until_it_explores_then_rejoins() {
        let mut f = Follower::default();
        assert_eq!(f.status(), Status::Connecting);
        assert_eq!(
            f.event("hello", "http://192.168.1.20:8080/?live=x"),
            Effect::Nothing
        );
        assert_eq!(f.status(), Status::Following);
        assert_eq!(
            f.audience.as_deref(),
            Some("http://192.168.1.20:8080/?live=x")
        );
        let a = ("#/precision/2".to_string(), Blank::None);
        assert_eq!(
            f.event("view", &view_message("#/precision/2", "none")),
            Effect::Show(a.clone())
        );
        // The page shows it: still following.
        assert!(!f.showing(&a));
        // The same view again shows nothing new.
        assert_eq!(
            f.event("view", &view_message("#/precision/2", "none")),
            Effect::Nothing
        );
        // The reader moves a slider: exploring.
        let own = ("#/precision/2?fmt=e5m2".to_string(), Blank::None);
        assert!(f.showing(&own));
        assert_eq!(f.status(), Status::Exploring);
        // The speaker's next view is kept, not shown.
        assert_eq!(
            f.event("view", &view_message("#/memory", "black")),
            Effect::Nothing
        );
        assert_eq!(
            f.event("pointer", "deck1|s1|8|p|pointer|10|20"),
            Effect::Nothing
        );
        // Rejoin shows the latest.
        let latest = ("#/memory".to_string(), Blank::Black);
        assert_eq!(f.rejoin(), Some(latest.clone()));
        assert!(!f.showing(&latest));
        assert_eq!(f.status(), Status::Following);
        assert_eq!(
            f.event("pointer", "deck1|s1|9|p|pointer|10|20"),
            Effect::Pointer(Some((10, 20)))
        );
    }

    #[test]
    fn a_page_explores_only_after_it_has_shown_a_view_of_the_speaker() {
        let mut f = Follower::default();
        f.event("hello", "");
        assert!(!f.showing(&("#/intro".to_string(), Blank::None)));
        assert_eq!(f.status(), Status::Following);
        assert_eq!(f.rejoin(), None);
    }

    #[test]
    fn garbage_changes_nothing() {
        let mut f = Follower::default();
        f.event("hello", "");
        let good = view_message("#/memory", "none");
        f.event("view", &good);
        for bad in [
            "",
            "deck1",
            "deck1|s1|7|p|view|none|#/nowhere",
            "deck1|s1|7|p|view|grey|#/memory",
            "deck1|s1|7|p|request",
            "deck2|s1|7|p|view|none|#/memory",
            "deck1|s1|7|p|view|none|#/precision?fmt=nope",
        ] {
            assert_eq!(f.event("view", bad), Effect::Nothing, "{bad}");
            assert_eq!(f.event("pointer", bad), Effect::Nothing, "{bad}");
            assert_eq!(f.event(bad, &good), Effect::Nothing, "{bad}");
        }
        assert_eq!(f.latest, Some(("#/memory".to_string(), Blank::None)));
        // An empty or overlong announced link is not taken.
        assert_eq!(f.event("hello", &"x".repeat(3000)), Effect::Nothing);
        assert_eq!(f.audience, None);
    }

    #[test]
    fn losing_the_connection_backs_off_and_the_end_is_final() {
        let mut f = Follower::default();
        assert_eq!(f.lost(), Some(250));
        assert_eq!(f.status(), Status::Reconnecting);
        assert_eq!(f.lost(), Some(500));
        assert_eq!(f.lost(), Some(1000));
        for _ in 0..10 {
            f.lost();
        }
        assert_eq!(f.lost(), Some(8000));
        f.event("hello", "");
        assert_eq!(f.status(), Status::Following);
        assert_eq!(f.lost(), Some(250));
        f.conn = Conn::Connecting;
        assert_eq!(f.status(), Status::Reconnecting);
        // After a restart the server does not know the room yet: retry.
        assert_eq!(f.event("unknown", ""), Effect::Nothing);
        assert_eq!(f.status(), Status::Reconnecting);
        assert_eq!(f.event("ended", ""), Effect::Close);
        assert_eq!(f.status(), Status::Ended);
        assert_eq!(f.lost(), None);
        assert_eq!(f.event("hello", ""), Effect::Nothing);
        assert_eq!(f.status(), Status::Ended);
    }

    #[test]
    fn an_unknown_room_or_a_full_one_stops_a_new_page() {
        let mut f = Follower::default();
        assert_eq!(f.event("unknown", ""), Effect::Close);
        assert_eq!(f.status(), Status::Unknown);
        assert_eq!(f.lost(), None);
        let mut f = Follower::default();
        assert_eq!(f.event("full", ""), Effect::Close);
        assert_eq!(f.status(), Status::Full);
    }

    /// Whatever arrives, in any order, never panics, and the latest view
    /// only ever becomes a message `deck::sync` decodes as a view.
    #[test]
    fn fuzzed_events_never_panic_and_keep_only_views() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let seeds = [
            view_message("#/precision/7?size=70", "none"),
            view_message("#/memory", "white"),
            "deck1|s1|8|p|pointer|500|500".to_string(),
            "deck1|s1|8|p|pointer|off".to_string(),
            "ünïcödé|||\u{0}".to_string(),
        ];
        let names = [
            "hello", "view", "pointer", "ended", "unknown", "full", "count", "",
        ];
        let mut f = Follower::default();
        for round in 0..20_000 {
            let seed = &seeds[(next() % seeds.len() as u64) as usize];
            let mut bytes = seed.as_bytes().to_vec();
            for _ in 0..next() % 4 {
                if bytes.is_empty() {
                    break;
                }
                let at = (next() % bytes.len() as u64) as usize;
                match next() % 3 {
                    0 => bytes[at] = (next() % 128) as u8,
                    1 => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, b"|#/?&=0"[(next() % 7) as usize]),
                }
            }
            let data = String::from_utf8_lossy(&bytes);
            let name = names[(next() % names.len() as u64) as usize];
            let before = f.latest.clone();
            let effect = f.event(name, &data);
            if f.latest != before {
                let (hash, blank) = f.latest.clone().unwrap();
                assert!(
                    matches!(Message::decode(&data).map(|m| m.body),
                        Some(Body::Shared { hash: h, blank: b }) if h == hash && b == blank),
                    "{data}"
                );
            }
            if let Effect::Show(v) = effect {
                assert_eq!(Some(v), f.latest);
            }
            if round % 97 == 0 {
                f.lost();
            }
            if f.closed() {
                f = Follower::default();
            }
            if round % 13 == 0 {
                f.rejoin();
            }
        }
    }
}
