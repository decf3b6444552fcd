//! The presenter sync protocol: what two windows of one deck tell each other
//! so that both show the same shared state. Pure: no web dependencies (the channel
//! itself is `ui::sync`).
//!
//! What is shared is the shared state (`Body::Shared`): the slide, the step and every
//! setting, as the route's hash without the per-window parts (language,
//! theme, speaker notes, view, presenter), plus the blank screen. The pointer is a
//! message of its own, not part of the shared state. A window that opens or reloads
//! asks (`Request`) and every other window answers with its shared state
//! (`Answer`); only a window that has not yet shown a shared state takes an answer,
//! so a slow answer never undoes a newer change.
//!
//! Only a talk syncs: a presenter window (`presenter=1`) always takes part;
//! any other window takes part once it has heard from a presenter window,
//! until that window says goodbye (`Bye`, when it closes). So two tabs of
//! the deck opened by a reader stay independent, as without a presenter.
//!
//! Each message carries its sender's id, whether the sender is a presenter
//! window, and a sequence number: a Lamport
//! clock, so that of two shared states the later one wins everywhere (ties go to the
//! larger sender id). A window applies a shared state only when it is newer than
//! the last one it sent or applied, and never sends back a shared state it has just
//! applied. A message that does not decode, or whose shared state does not parse
//! cleanly, changes nothing.

use crate::deck::route::{Parsed, Route};

/// Messages longer than this are dropped unread (a shared state is ~200 bytes).
pub const MAX_MESSAGE: usize = 4096;

/// The first field of every message: messages of another version are dropped.
const TAG: &str = "deck1";

/// What the audience screen shows over the slide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Blank {
    #[default]
    None,
    Black,
    White,
}

impl Blank {
    pub fn id(self) -> &'static str {
        match self {
            Blank::None => "none",
            Blank::Black => "black",
            Blank::White => "white",
        }
    }

    fn parse(s: &str) -> Option<Blank> {
        [Blank::None, Blank::Black, Blank::White]
            .into_iter()
            .find(|b| b.id() == s)
    }

    /// `want` unless it is already shown, then none (the keys toggle).
    pub fn toggled(self, want: Blank) -> Blank {
        if self == want {
            Blank::None
        } else {
            want
        }
    }
}

/// A pointer position on the stage, in thousandths of its width and height
/// (so windows of different sizes agree).
pub type StagePoint = (u16, u16);

/// The body of a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// The sender's shared state: the shared hash and the blank screen.
    Shared { hash: String, blank: Blank },
    /// A window that just opened asks for the current shared state.
    Request,
    /// The sender's shared state, in answer to a request.
    Answer { hash: String, blank: Blank },
    /// The presenter's pointer on the stage, or `None` when released.
    Pointer(Option<StagePoint>),
    /// A presenter window is closing: the talk is over.
    Bye,
}

/// One message between windows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The sender's id: 1 to 16 ASCII letters and digits.
    pub sender: String,
    /// The sender's clock when it sent this.
    pub seq: u64,
    /// The sender is a presenter window.
    pub presenter: bool,
    pub body: Body,
}

fn valid_sender(s: &str) -> bool {
    (1..=16).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

impl Message {
    /// The text sent on the channel: `deck1|sender|seq|role|kind|...`, the
    /// role `p` (presenter) or `a` (any other window).
    pub fn encode(&self) -> String {
        let role = if self.presenter { "p" } else { "a" };
        let head = format!("{TAG}|{}|{}|{role}", self.sender, self.seq);
        match &self.body {
            Body::Shared { hash, blank } => format!("{head}|view|{}|{hash}", blank.id()),
            Body::Request => format!("{head}|request"),
            Body::Answer { hash, blank } => format!("{head}|answer|{}|{hash}", blank.id()),
            Body::Pointer(Some((x, y))) => format!("{head}|pointer|{x}|{y}"),
            Body::Pointer(None) => format!("{head}|pointer|off"),
            Body::Bye => format!("{head}|bye"),
        }
    }

    /// Reads a message; anything malformed, too long or of another version
    /// is `None`. A shared state's hash must parse with nothing ignored and hold
    /// nothing but the shared parts.
    pub fn decode(text: &str) -> Option<Message> {
        if text.len() > MAX_MESSAGE {
            return None;
        }
        let mut f = text.splitn(7, '|');
        if f.next()? != TAG {
            return None;
        }
        let sender = f.next()?;
        if !valid_sender(sender) {
            return None;
        }
        let seq_text = f.next()?;
        if seq_text.is_empty() || !seq_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let seq: u64 = seq_text.parse().ok()?;
        let presenter = match f.next()? {
            "p" => true,
            "a" => false,
            _ => return None,
        };
        let rest: Vec<&str> = f.collect();
        let shared_state = |blank: &str, hash: &str| {
            let blank = Blank::parse(blank)?;
            (shared_hash(hash)? == hash).then(|| (hash.to_string(), blank))
        };
        let body = match rest.as_slice() {
            ["view", blank, hash] => {
                let (hash, blank) = shared_state(blank, hash)?;
                Body::Shared { hash, blank }
            }
            ["answer", blank, hash] => {
                let (hash, blank) = shared_state(blank, hash)?;
                Body::Answer { hash, blank }
            }
            ["request"] => Body::Request,
            ["bye"] => Body::Bye,
            ["pointer", "off"] => Body::Pointer(None),
            ["pointer", x, y] => {
                let coord = |s: &str| {
                    s.parse::<u16>()
                        .ok()
                        .filter(|v| *v <= 1000 && s.bytes().all(|b| b.is_ascii_digit()))
                };
                Body::Pointer(Some((coord(x)?, coord(y)?)))
            }
            _ => return None,
        };
        Some(Message {
            sender: sender.to_string(),
            seq,
            presenter,
            body,
        })
    }
}

/// The shared part of a route as a hash: slide, step and settings, with
/// the per-window parts (language, theme, speaker notes, view, presenter) left at
/// their defaults so they are not written.
pub fn shared(route: &Route) -> String {
    Route {
        slide: route.slide,
        step: route.step,
        settings: route.settings.clone(),
        ..Route::default()
    }
    .to_string()
}

/// The canonical shared hash of `hash`, or `None` when it ignores a part.
fn shared_hash(hash: &str) -> Option<String> {
    let p = Parsed::from_hash(hash);
    p.ignored.is_empty().then(|| shared(&p.route))
}

/// `route` with the slide, step and settings of the shared `hash` (which
/// `decode` checked); its per-window parts are kept.
pub fn apply(route: &Route, hash: &str) -> Route {
    let theirs = Parsed::from_hash(hash).route;
    Route {
        slide: theirs.slide,
        step: theirs.step,
        settings: theirs.settings,
        ..route.clone()
    }
}

/// What a window should do with a message it received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reaction {
    /// Show this shared state (shared hash and blank).
    Show { hash: String, blank: Blank },
    /// Answer a late joiner with the current shared state.
    Answer,
    /// Show the presenter's pointer (or hide it).
    Pointer(Option<StagePoint>),
    /// Nothing: an old, own or already shown shared state, or garbage.
    Nothing,
}

/// One window's end of the protocol: its id, its clock, and the shared state it
/// last sent or applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    pub id: String,
    /// This is a presenter window.
    presenter: bool,
    /// A presenter window was heard and has not said goodbye.
    talk: bool,
    /// The Lamport clock: the largest sequence number sent or seen.
    clock: u64,
    /// (seq, sender) of the shared state shown now, for last-writer-wins.
    stamp: (u64, String),
    /// The shared state shown now, as (shared hash, blank).
    current: Option<(String, Blank)>,
    /// Until a first shared state arrives or is sent, any shared state is taken: a window
    /// that opens late follows the others rather than its own link.
    joined: bool,
}

impl Peer {
    /// A window with id `id` (1 to 16 ASCII letters and digits; others are
    /// cleaned to that).
    pub fn new(id: &str, presenter: bool) -> Peer {
        let mut id: String = id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(16)
            .collect();
        if id.is_empty() {
            id.push('0');
        }
        Peer {
            stamp: (0, id.clone()),
            id,
            presenter,
            talk: false,
            clock: 0,
            current: None,
            joined: false,
        }
    }

    fn message(&mut self, body: Body) -> Message {
        self.clock += 1;
        Message {
            sender: self.id.clone(),
            seq: self.clock,
            presenter: self.presenter,
            body,
        }
    }

    /// Whether this window takes part in a talk now.
    pub fn in_talk(&self) -> bool {
        self.presenter || self.talk
    }

    /// The last message of a presenter window (when it closes).
    pub fn bye(&mut self) -> Message {
        self.message(Body::Bye)
    }

    /// The first message of a window: a request for the current shared state.
    pub fn request(&mut self) -> Message {
        self.message(Body::Request)
    }

    /// This window's shared state is now `hash` with `blank`: the message to send,
    /// or `None` when that is the shared state already shown (applied from another
    /// window or sent before), so nothing is echoed.
    pub fn changed(&mut self, hash: &str, blank: Blank) -> Option<Message> {
        if self.current.as_ref() == Some(&(hash.to_string(), blank)) || !self.in_talk() {
            return None;
        }
        let m = self.message(Body::Shared {
            hash: hash.to_string(),
            blank,
        });
        self.stamp = (m.seq, self.id.clone());
        self.current = Some((hash.to_string(), blank));
        self.joined = true;
        Some(m)
    }

    /// The answer to a request: the shared state shown now.
    pub fn answer(&mut self, hash: &str, blank: Blank) -> Message {
        self.current = Some((hash.to_string(), blank));
        self.joined = true;
        self.message(Body::Answer {
            hash: hash.to_string(),
            blank,
        })
    }

    /// A pointer message (not part of the shared state, so not stamped).
    pub fn pointer(&mut self, at: Option<StagePoint>) -> Message {
        self.message(Body::Pointer(at))
    }

    /// Reads a received text and says what to do.
    pub fn receive(&mut self, text: &str) -> Reaction {
        let Some(m) = Message::decode(text) else {
            return Reaction::Nothing;
        };
        if m.sender == self.id {
            return Reaction::Nothing;
        }
        if m.presenter {
            self.talk = !matches!(m.body, Body::Bye);
        }
        if !self.in_talk() {
            return Reaction::Nothing;
        }
        self.clock = self.clock.max(m.seq);
        match m.body {
            Body::Bye => Reaction::Nothing,
            Body::Request => Reaction::Answer,
            Body::Pointer(p) => Reaction::Pointer(p),
            Body::Answer { .. } if self.joined => Reaction::Nothing,
            Body::Shared { hash, blank } | Body::Answer { hash, blank } => {
                let stamp = (m.seq, m.sender);
                if self.joined && stamp <= self.stamp {
                    return Reaction::Nothing;
                }
                self.joined = true;
                self.stamp = stamp;
                if self.current.as_ref() == Some(&(hash.clone(), blank)) {
                    return Reaction::Nothing;
                }
                self.current = Some((hash.clone(), blank));
                Reaction::Show { hash, blank }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::i18n::Lang;
    use crate::deck::route::Theme;
    use crate::deck::slides::SlideId;

    fn shared_body(hash: &str) -> Body {
        Body::Shared {
            hash: hash.into(),
            blank: Blank::None,
        }
    }

    #[test]
    fn messages_round_trip() {
        for (i, body) in [
            shared_body("#/precision?fmt=e5m2"),
            Body::Shared {
                hash: "#/intro".into(),
                blank: Blank::White,
            },
            Body::Request,
            Body::Answer {
                hash: "#/memory".into(),
                blank: Blank::Black,
            },
            Body::Pointer(Some((0, 1000))),
            Body::Pointer(Some((512, 7))),
            Body::Pointer(None),
            Body::Bye,
        ]
        .into_iter()
        .enumerate()
        {
            let seq_role = i % 2 == 0;
            let m = Message {
                sender: "a1B2".into(),
                seq: 42,
                presenter: seq_role,
                body,
            };
            assert_eq!(
                Message::decode(&m.encode()),
                Some(m.clone()),
                "{}",
                m.encode()
            );
        }
    }

    #[test]
    fn the_shared_hash_leaves_out_what_each_window_keeps() {
        let r = Route {
            slide: SlideId::Precision,
            step: 2,
            lang: Lang::Zh,
            theme: Theme::Dark,
            speaker: true,
            presenter: true,
            ..Route::default()
        };
        let h = shared(&r);
        assert_eq!(h, "#/precision/3");
        let mine = Route {
            lang: Lang::En,
            theme: Theme::Light,
            ..Route::default()
        };
        let got = apply(&mine, &h);
        assert_eq!((got.slide, got.step), (SlideId::Precision, 2));
        assert_eq!(
            (got.lang, got.theme, got.speaker),
            (Lang::En, Theme::Light, false)
        );
        assert!(!got.presenter);
    }

    #[test]
    fn garbage_huge_and_unclean_messages_decode_to_nothing() {
        let long = format!("deck1|a|1|p|view|none|#/intro?{}", "x".repeat(MAX_MESSAGE));
        for bad in [
            "",
            "deck1",
            "deck2|a|1|p|request",
            "deck1||1|p|request",
            "deck1|a b|1|p|request",
            "deck1|abcdefghijklmnopq|1|p|request",
            "deck1|a|-1|p|request",
            "deck1|a|+1|p|request",
            "deck1|a|99999999999999999999999|p|request",
            "deck1|a|1|request",
            "deck1|a|1|x|request",
            "deck1|a|1|p|reqest",
            "deck1|a|1|p|request|x",
            "deck1|a|1|p|bye|x",
            "deck1|a|1|p|view|grey|#/intro",
            "deck1|a|1|p|view|none|#/nowhere",
            "deck1|a|1|p|view|none|#/precision/99",
            "deck1|a|1|p|view|none|#/intro?lang=zh",
            "deck1|a|1|p|view|none|#/intro?view=read",
            "deck1|a|1|p|view|none|#/intro?presenter=1",
            "deck1|a|1|p|view|none|#/precision?fmt=nope",
            "deck1|a|1|p|view|none|#/precision?fmt=e5m2&fmt=e4m3",
            "deck1|a|1|p|pointer|1001|0",
            "deck1|a|1|p|pointer|-1|0",
            "deck1|a|1|p|pointer|+5|0",
            "deck1|a|1|p|pointer|5",
            "deck1|a|1|p|pointer|on",
            &long,
        ] {
            assert_eq!(Message::decode(bad), None, "{bad:.80}");
            let mut p = Peer::new("me", true);
            assert_eq!(p.receive(bad), Reaction::Nothing, "{bad:.80}");
        }
        // A non-canonical but clean hash is refused too: only what `shared` writes.
        assert_eq!(Message::decode("deck1|a|1|p|view|none|#/precision/1"), None);
        // Fuzz: random bytes and mutations of a good message never panic and
        // never show a shared state whose hash is not canonical.
        let good = Message {
            sender: "x".into(),
            seq: 3,
            presenter: true,
            body: shared_body("#/bandwidth/4?link=nvlink5"),
        }
        .encode();
        assert!(Message::decode(&good).is_some());
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let mut bytes = good.clone().into_bytes();
            for _ in 0..(next() % 4 + 1) {
                let i = (next() as usize) % bytes.len();
                match next() % 3 {
                    0 => bytes[i] = (next() % 128) as u8,
                    1 => {
                        bytes.remove(i);
                    }
                    _ => bytes.insert(i, b"|&=?/#%0"[(next() % 8) as usize]),
                }
                if bytes.is_empty() {
                    break;
                }
            }
            let text = String::from_utf8_lossy(&bytes);
            let mut p = Peer::new("me", true);
            if let Reaction::Show { hash, .. } = p.receive(&text) {
                assert_eq!(Some(hash.clone()), shared_hash(&hash), "{text}");
            }
        }
    }

    #[test]
    fn the_later_shared_state_wins_and_nothing_is_echoed() {
        let mut a = Peer::new("a", true);
        let mut b = Peer::new("b", true);
        // b opens late and asks; a answers with its shared state; b shows it.
        let ask = b.request();
        assert_eq!(a.receive(&ask.encode()), Reaction::Answer);
        let answer = a.answer("#/precision/3", Blank::None);
        assert_eq!(
            b.receive(&answer.encode()),
            Reaction::Show {
                hash: "#/precision/3".into(),
                blank: Blank::None
            }
        );
        // Showing it changes b's route: b must not send it back.
        assert_eq!(b.changed("#/precision/3", Blank::None), None);
        // b moves a slider: a follows.
        let moved = b.changed("#/precision?fmt=e5m2", Blank::None).unwrap();
        assert!(moved.seq > answer.seq);
        assert!(matches!(a.receive(&moved.encode()), Reaction::Show { .. }));
        assert_eq!(a.changed("#/precision?fmt=e5m2", Blank::None), None);
        // A delayed, older message changes nothing; nor does an answer to
        // a window that already shows a shared state.
        assert_eq!(a.receive(&answer.encode()), Reaction::Nothing);
        let late_answer = Message {
            sender: "zzzz".into(),
            seq: 1_000,
            presenter: true,
            body: Body::Answer {
                hash: "#/intro".into(),
                blank: Blank::None,
            },
        };
        assert_eq!(b.receive(&late_answer.encode()), Reaction::Nothing);
        let stale = Message {
            sender: "c".into(),
            seq: 1,
            presenter: true,
            body: shared_body("#/intro"),
        };
        assert_eq!(a.receive(&stale.encode()), Reaction::Nothing);
        // A message repeated is applied once.
        assert_eq!(b.receive(&moved.encode()), Reaction::Nothing);
        // Own messages (a storage echo) are ignored.
        let own = a.changed("#/intro", Blank::Black).unwrap();
        assert_eq!(a.receive(&own.encode()), Reaction::Nothing);
        // Both change at once with the same clock: the larger sender id wins
        // in both windows, so they agree.
        let mut x = Peer::new("x", true);
        let mut y = Peer::new("y", true);
        let mx = x.changed("#/memory", Blank::None).unwrap();
        let my = y.changed("#/ladder", Blank::None).unwrap();
        assert_eq!(mx.seq, my.seq);
        assert!(matches!(x.receive(&my.encode()), Reaction::Show { .. }));
        assert_eq!(y.receive(&mx.encode()), Reaction::Nothing);
        // The blank screen is part of the shared state.
        let blank = x.changed("#/ladder", Blank::White).unwrap();
        assert_eq!(
            y.receive(&blank.encode()),
            Reaction::Show {
                hash: "#/ladder".into(),
                blank: Blank::White
            }
        );
        // The pointer passes through, unstamped.
        let p = x.pointer(Some((500, 250)));
        assert_eq!(y.receive(&p.encode()), Reaction::Pointer(Some((500, 250))));
    }

    #[test]
    fn a_window_that_joins_late_takes_the_shared_state_it_is_given() {
        // The joiner's clock may be ahead (a reload keeps nothing, but a
        // long-open third window may have counted further): until it has a
        // shared state, it takes the first one it gets.
        let mut late = Peer::new("zzz", true);
        let _ = late.request();
        let mut early = Peer::new("a", true);
        let answer = early.answer("#/memory/2", Blank::None);
        assert!(matches!(
            late.receive(&answer.encode()),
            Reaction::Show { .. }
        ));
        // It takes one answer: a second window's, later, changes nothing.
        let mut third = Peer::new("b", true);
        let other = third.answer("#/ladder", Blank::None);
        assert_eq!(late.receive(&other.encode()), Reaction::Nothing);
        // The race of a slow answer against a change: the joiner changed its
        // shared state before the answer came, and keeps it...
        let mut joiner = Peer::new("a", true);
        let _ = joiner.request();
        let mine = joiner.changed("#/memory", Blank::None).unwrap();
        let mut old = Peer::new("zzzz", true);
        let slow = old.answer("#/intro", Blank::None);
        assert_eq!(joiner.receive(&slow.encode()), Reaction::Nothing);
        // ...and the old window takes the change, whatever the ids.
        assert!(matches!(old.receive(&mine.encode()), Reaction::Show { .. }));
    }

    #[test]
    fn only_a_talk_syncs_two_tabs_of_a_reader_stay_apart() {
        // Two ordinary windows: neither answers nor follows the other.
        let mut tab1 = Peer::new("t1", false);
        let mut tab2 = Peer::new("t2", false);
        let ask = tab2.request();
        assert_eq!(tab1.receive(&ask.encode()), Reaction::Nothing);
        assert_eq!(tab1.changed("#/memory", Blank::None), None);
        let forced = Message {
            sender: "t1".into(),
            seq: 9,
            presenter: false,
            body: shared_body("#/memory"),
        };
        assert_eq!(tab2.receive(&forced.encode()), Reaction::Nothing);
        // A presenter window opens and asks: the tab answers and is in the talk.
        let mut p = Peer::new("p", true);
        let ask = p.request();
        assert_eq!(tab1.receive(&ask.encode()), Reaction::Answer);
        assert!(tab1.in_talk());
        let m = tab1.changed("#/ladder", Blank::None).unwrap();
        assert!(!m.presenter);
        assert!(matches!(p.receive(&m.encode()), Reaction::Show { .. }));
        // Once in the talk, the other tab's shared states count too.
        let mut tab3 = Peer::new("t3", false);
        let _ = tab3.receive(&p.changed("#/memory", Blank::None).unwrap().encode());
        assert!(tab3.in_talk());
        let from_tab1 = tab1.changed("#/intro", Blank::None).unwrap();
        assert!(matches!(
            tab3.receive(&from_tab1.encode()),
            Reaction::Show { .. }
        ));
        // The presenter closes: the talk is over for the tabs.
        let bye = p.bye();
        assert_eq!(tab1.receive(&bye.encode()), Reaction::Nothing);
        assert!(!tab1.in_talk());
        assert_eq!(tab1.changed("#/memory/2", Blank::None), None);
    }

    #[test]
    fn ids_are_cleaned() {
        assert_eq!(Peer::new("a-b c", false).id, "abc");
        assert_eq!(Peer::new("", false).id, "0");
        assert_eq!(Peer::new(&"x".repeat(40), false).id.len(), 16);
    }
}
