//! Two real servers sharing their rooms through a real Redis (`--redis`),
//! each test with a `redis-server` of its own on a free loopback port: what
//! followers and a speaker on different processes see, while Redis runs,
//! after it was killed, and once it is back.
//!
//! Needs Debian's `redis-server` (`scripts/setup.sh` installs it); without
//! it these tests fail, saying so.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{ev, Events, Server, VIEW1, VIEW2, WAIT};
use tokio::time::timeout;

const VIEW3: &str = "deck1|spk1|3|p|view|white|#/intro";
const VIEW4: &str = "deck1|spk1|4|p|view|none|#/precision/3";
const POINTER: &str = "deck1|spk1|5|p|pointer|500|250";

/// Enough for both servers to reconnect (their backoff is 2 s at most)
/// and pass a view on.
const COMEBACK: Duration = Duration::from_secs(10);

/// A `redis-server` of the test's own, killed when dropped.
struct Redis {
    child: Option<Child>,
    port: u16,
}

impl Redis {
    /// The binary: `$REDIS_SERVER`, else `redis-server` on the PATH.
    fn binary() -> String {
        std::env::var("REDIS_SERVER").unwrap_or_else(|_| "redis-server".into())
    }

    /// Starts on a free loopback port.
    fn start() -> Redis {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut redis = Redis { child: None, port };
        redis.start_again();
        redis
    }

    /// Starts (again) on the same port, and waits until it answers PING.
    fn start_again(&mut self) {
        let bin = Redis::binary();
        let child = Command::new(&bin)
            .args(["--port", &self.port.to_string()])
            .args(["--save", "", "--appendonly", "no", "--bind", "127.0.0.1"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {bin} ({e}): these tests need Debian's redis-server \
                     (apt-get install redis-server; scripts/setup.sh does it)"
                )
            });
        self.child = Some(child);
        let began = Instant::now();
        while !self.answers() {
            if let Some(status) = self.child.as_mut().unwrap().try_wait().unwrap() {
                panic!("{bin} on port {} exited: {status}", self.port);
            }
            assert!(began.elapsed() < WAIT, "{bin} does not answer");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Answers `PING` with `PONG`.
    fn answers(&self) -> bool {
        let Ok(mut tcp) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = tcp.set_read_timeout(Some(Duration::from_secs(1)));
        let mut got = [0u8; 7];
        tcp.write_all(b"PING\r\n").is_ok()
            && tcp.read_exact(&mut got).is_ok()
            && &got == b"+PONG\r\n"
    }

    /// Killed at once, as by a crash.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Reads events until `want`, within `wait`; every event before it must be
/// one of `may_come_first`.
async fn expect_eventually(
    events: &mut Events,
    want: (String, String),
    may_come_first: &[(String, String)],
    wait: Duration,
) {
    let got = timeout(wait, async {
        loop {
            let got = events.next().await.expect("an open stream");
            if got == want {
                return;
            }
            assert!(may_come_first.contains(&got), "unexpected {got:?}");
        }
    })
    .await;
    assert!(got.is_ok(), "no {want:?} within {wait:?}");
}

#[tokio::test]
async fn two_processes_share_a_room_and_come_back_after_redis_did() {
    let mut redis = Redis::start();
    let url = redis.url();
    let a = Server::start(&["--redis", &url]);
    let b = Server::start(&["--redis", &url]);
    // A's room, whose key A printed.
    let (room, key) = (a.room.as_str(), a.key.as_str());

    let mut speaker = a.speak_in(room, key).await;
    assert_eq!(speaker.expect().await, ev("hello", &a.link(room)));
    assert_eq!(speaker.expect().await, ev("count", "0 0"));

    // A follower on B of A's room is let in, and counted on A.
    let mut on_b = b.follow_in(room, "onb1").await;
    assert_eq!(on_b.status, 200);
    assert_eq!(on_b.expect().await, ev("hello", &b.link(room)));
    assert_eq!(speaker.expect().await, ev("count", "1 0"));

    // A view posted to A reaches it.
    assert_eq!(a.post_view_in(room, key, VIEW1).await, 204);
    assert_eq!(on_b.expect().await, ev("view", VIEW1));

    // A late follower on B gets it at once.
    let mut late_b = b.follow_in(room, "onb2").await;
    assert_eq!(late_b.expect().await, ev("hello", &b.link(room)));
    assert_eq!(
        late_b.expect_within(Duration::from_millis(100)).await,
        ev("view", VIEW1)
    );
    assert_eq!(speaker.expect().await, ev("count", "2 0"));

    // The other way (a load balancer sends the speaker's posts anywhere):
    // a view and a pointer message posted to B reach A's followers too.
    let mut on_a = a.follow_in(room, "ona1").await;
    assert_eq!(on_a.expect().await, ev("hello", &a.link(room)));
    assert_eq!(on_a.expect().await, ev("view", VIEW1));
    assert_eq!(speaker.expect().await, ev("count", "3 0"));
    assert_eq!(b.post_view_in(room, key, VIEW2).await, 204);
    for follower in [&mut on_a, &mut on_b, &mut late_b] {
        assert_eq!(follower.expect().await, ev("view", VIEW2));
    }
    assert_eq!(b.post_view_in(room, key, POINTER).await, 204);
    for follower in [&mut on_a, &mut on_b, &mut late_b] {
        assert_eq!(follower.expect().await, ev("pointer", POINTER));
    }
    // B's followers are counted on A by presence too, wherever the report
    // lands: on B, which has the follower; on A, which passes it on.
    let presence = format!("/live/{room}/presence");
    let said = b.request("POST", &presence, &[], b"onb1 exploring").await;
    assert_eq!(said.status, 204);
    assert_eq!(speaker.expect().await, ev("count", "2 1"));
    let said = a.request("POST", &presence, &[], b"onb2 exploring").await;
    assert_eq!(said.status, 202);
    assert_eq!(speaker.expect().await, ev("count", "1 2"));
    let said = a.request("POST", &presence, &[], b"onb2 following").await;
    assert_eq!(said.status, 202);
    assert_eq!(speaker.expect().await, ev("count", "2 1"));

    // Redis dies. Each process goes on with what it has.
    redis.kill();
    a.wait_for_log("lost", 1, WAIT).await;
    b.wait_for_log("lost", 1, WAIT).await;
    let began = Instant::now();
    assert_eq!(a.post_view_in(room, key, VIEW3).await, 204);
    assert!(
        began.elapsed() < Duration::from_millis(500),
        "a post waited for Redis: {:?}",
        began.elapsed()
    );
    assert_eq!(on_a.expect().await, ev("view", VIEW3));
    // B's followers keep their streams, without ending, without news.
    on_b.quiet(Duration::from_millis(1500)).await;
    late_b.quiet(Duration::from_millis(10)).await;

    // Redis is back, empty: the next view posted to A reaches B.
    redis.start_again();
    assert_eq!(a.post_view_in(room, key, VIEW4).await, 204);
    assert_eq!(on_a.expect().await, ev("view", VIEW4));
    let missed = [ev("view", VIEW3)];
    expect_eventually(&mut on_b, ev("view", VIEW4), &missed, COMEBACK).await;
    expect_eventually(&mut late_b, ev("view", VIEW4), &missed, COMEBACK).await;
    a.wait_for_log("back", 1, COMEBACK).await;
    b.wait_for_log("back", 1, COMEBACK).await;

    // A new follower on B gets it at once, and the speaker counts everyone.
    let mut new_b = b.follow_in(room, "onb3").await;
    assert_eq!(new_b.expect().await, ev("hello", &b.link(room)));
    assert_eq!(
        new_b.expect_within(Duration::from_millis(100)).await,
        ev("view", VIEW4)
    );
    let got = timeout(COMEBACK, async {
        loop {
            let (name, data) = speaker.expect().await;
            assert_eq!(name, "count");
            if data == "3 1" {
                return;
            }
        }
    })
    .await;
    assert!(got.is_ok(), "the speaker never counted 3 1");

    // One line each when Redis went, one when it came back.
    for server in [&a, &b] {
        let log = server.log();
        assert_eq!(log.len(), 2, "{log:?}");
        assert!(log[0].contains("lost"), "{log:?}");
        assert!(log[1].ends_with("back"), "{log:?}");
    }
}

#[tokio::test]
async fn a_room_ends_on_every_process_once_its_speaker_left() {
    let redis = Redis::start();
    let url = redis.url();
    let a = Server::start(&["--redis", &url, "--end-after", "1"]);
    let (room, key) = (a.room.as_str(), a.key.as_str());
    let mut speaker = a.speak_in(room, key).await;
    assert_eq!(speaker.expect().await, ev("hello", &a.link(room)));
    let b = Server::start(&["--redis", &url, "--end-after", "1"]);

    let mut on_b = b.follow_in(room, "onb").await;
    assert_eq!(on_b.expect().await, ev("hello", &b.link(room)));
    let mut on_a = a.follow_in(room, "ona").await;
    assert_eq!(on_a.expect().await, ev("hello", &a.link(room)));
    // While the speaker is connected to A, the room stays, on B too.
    on_b.quiet(Duration::from_millis(2500)).await;

    drop(speaker);
    for follower in [&mut on_a, &mut on_b] {
        assert_eq!(follower.expect().await, ev("ended", ""));
        assert_eq!(timeout(WAIT, follower.next()).await.unwrap(), None);
    }
    for server in [&a, &b] {
        let mut late = server.follow_in(room, "late").await;
        assert_eq!(late.expect().await, ev("unknown", ""));
    }
    assert!(a.log().is_empty() && b.log().is_empty());
}

#[tokio::test]
async fn a_server_whose_redis_is_not_there_yet_serves_alone_then_joins() {
    // A port where nothing listens (yet).
    let mut redis = Redis::start();
    redis.kill();
    let url = redis.url();
    let began = Instant::now();
    let a = Server::start(&["--redis", &url]);
    assert!(
        began.elapsed() < Duration::from_secs(3),
        "the start waited for Redis: {:?}",
        began.elapsed()
    );
    a.wait_for_log("cannot reach", 1, WAIT).await;
    let mut on_a = a.follow("ona").await;
    assert_eq!(on_a.expect().await, ev("hello", &a.audience));
    assert_eq!(a.post_view(&a.key, VIEW1).await, 204);
    assert_eq!(on_a.expect().await, ev("view", VIEW1));

    // Redis starts: a second process gets A's room and its view.
    redis.start_again();
    a.wait_for_log("back", 1, COMEBACK).await;
    let b = Server::start(&["--redis", &url]);
    let mut on_b = b.follow_in(&a.room, "onb").await;
    assert_eq!(on_b.expect().await, ev("hello", &b.link(&a.room)));
    assert_eq!(on_b.expect().await, ev("view", VIEW1));
    assert_eq!(b.post_view_in(&a.room, &a.key, VIEW2).await, 204);
    assert_eq!(on_a.expect().await, ev("view", VIEW2));
    assert!(b.log().is_empty(), "{:?}", b.log());
}
