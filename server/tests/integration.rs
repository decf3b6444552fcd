//! The real binary, over plain HTTP/1.1 on TCP: what a browser and a phone
//! see.

mod common;

use std::process::Command;
use std::time::Duration;

use common::{ev, Events, Server, POLICY, VIEW1, VIEW2, WAIT, WASM};
use tokio::time::timeout;

#[tokio::test]
async fn the_page_is_served_with_its_policy_and_caching() {
    let s = Server::start(&[]);
    let index = s.request("GET", "/", &[], b"").await;
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("content-security-policy"),
        Some(format!("{POLICY}; frame-ancestors 'self'").as_str())
    );
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert_eq!(index.header("x-content-type-options"), Some("nosniff"));
    assert!(String::from_utf8_lossy(&index.body).contains("<title>deck</title>"));
    let wasm = s.request("GET", &format!("/{WASM}"), &[], b"").await;
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(
        wasm.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
    assert_eq!(s.request("GET", "/missing.js", &[], b"").await.status, 404);
    assert_eq!(
        s.request("GET", "/../Cargo.toml", &[], b"").await.status,
        404
    );
}

#[tokio::test]
async fn followers_get_the_speakers_views_and_nothing_else() {
    let s = Server::start(&[]);
    let mut early = s.follow("early").await;
    assert_eq!(early.status, 200);
    assert!(early
        .headers
        .contains(&("content-type".into(), "text/event-stream".into())));
    assert!(early
        .headers
        .contains(&("cache-control".into(), "no-store".into())));
    assert_eq!(early.expect().await, ev("hello", &s.audience));
    assert_eq!(s.audience, format!("http://{}/?live={}", s.addr, s.room));

    assert_eq!(s.post_view(&s.key, VIEW1).await, 204);
    assert_eq!(early.expect().await, ev("view", VIEW1));

    // A late follower gets the latest view at once.
    let mut late = s.follow("late").await;
    assert_eq!(late.expect().await, ev("hello", &s.audience));
    assert_eq!(late.expect().await, ev("view", VIEW1));

    // Refused posts change nothing for anyone.
    let wrong = "0123456789abcdef0123456789abcdef";
    assert_eq!(s.post_view(wrong, VIEW2).await, 403);
    assert_eq!(s.post_view("", VIEW2).await, 403);
    assert_eq!(
        s.post_view(&s.key, "deck1|spk1|3|p|view|none|#/nowhere")
            .await,
        400
    );
    assert_eq!(s.post_view(&s.key, "deck1|spk1|3|p|request").await, 400);
    assert_eq!(s.post_view(&s.key, &"x".repeat(17 * 1024)).await, 413);
    early.quiet(Duration::from_millis(300)).await;
    late.quiet(Duration::from_millis(10)).await;

    // A pointer passes; then the next view.
    assert_eq!(
        s.post_view(&s.key, "deck1|spk1|3|p|pointer|500|250").await,
        204
    );
    assert_eq!(
        early.expect().await,
        ev("pointer", "deck1|spk1|3|p|pointer|500|250")
    );
    assert_eq!(s.post_view(&s.key, VIEW2).await, 204);
    assert_eq!(early.expect().await, ev("view", VIEW2));
    assert_eq!(
        late.expect().await,
        ev("pointer", "deck1|spk1|3|p|pointer|500|250")
    );
    assert_eq!(late.expect().await, ev("view", VIEW2));

    // A flood of views: fewer events than posts, the last one always last.
    let views: Vec<String> = (0..40)
        .map(|i| format!("deck1|spk1|{}|p|view|none|#/memory", 10 + i))
        .collect();
    for v in &views {
        assert_eq!(s.post_view(&s.key, v).await, 204);
    }
    let mut got = Vec::new();
    loop {
        let (name, data) = early.expect().await;
        assert_eq!(name, "view");
        got.push(data.clone());
        if data == *views.last().unwrap() {
            break;
        }
    }
    // In order, none made up, none twice.
    let mut at = 0;
    for g in &got {
        at += views[at..]
            .iter()
            .position(|v| v == g)
            .expect("a posted view, in order")
            + 1;
    }
    early.quiet(Duration::from_millis(200)).await;

    let unknown = format!("/live/{}/events?role=follow&id=a", "0000000000000000");
    let mut nobody = Events::open(&s.addr, &unknown).await;
    assert_eq!(nobody.status, 200);
    assert_eq!(nobody.expect().await, ev("unknown", ""));
    assert_eq!(timeout(WAIT, nobody.next()).await.unwrap(), None);
}

#[tokio::test]
async fn the_speaker_sees_who_follows_and_who_explores() {
    let s = Server::start(&[]);
    let bad = format!(
        "/live/{}/events?role=speak&key=0123456789abcdef0123456789abcdef",
        s.room
    );
    assert_eq!(s.request("GET", &bad, &[], b"").await.status, 403);
    let path = format!("/live/{}/events?role=speak&key={}", s.room, s.key);
    let mut speaker = Events::open(&s.addr, &path).await;
    assert_eq!(speaker.expect().await, ev("hello", &s.audience));
    assert_eq!(speaker.expect().await, ev("count", "0 0"));

    let mut phone = s.follow("phone1").await;
    assert_eq!(phone.expect().await, ev("hello", &s.audience));
    assert_eq!(speaker.expect().await, ev("count", "1 0"));

    let presence = format!("/live/{}/presence", s.room);
    let said = s.request("POST", &presence, &[], b"phone1 exploring").await;
    assert_eq!(said.status, 204);
    assert_eq!(speaker.expect().await, ev("count", "0 1"));
    assert_eq!(
        s.request("POST", &presence, &[], b"phone2 exploring")
            .await
            .status,
        404
    );
    assert_eq!(
        s.request("POST", &presence, &[], b"phone1 asleep")
            .await
            .status,
        400
    );

    // The phone leaves: the count drops.
    drop(phone);
    assert_eq!(speaker.expect().await, ev("count", "0 0"));
}

#[tokio::test]
async fn a_room_ends_when_its_speaker_has_been_gone_for_end_after() {
    let s = Server::start(&["--end-after", "1"]);
    let speak = format!("/live/{}/events?role=speak&key={}", s.room, s.key);
    let mut speaker = Events::open(&s.addr, &speak).await;
    assert_eq!(speaker.expect().await, ev("hello", &s.audience));
    let mut phone = s.follow("phone").await;
    assert_eq!(phone.expect().await, ev("hello", &s.audience));
    // While the speaker is connected, the room stays.
    phone.quiet(Duration::from_millis(2500)).await;
    drop(speaker);
    assert_eq!(phone.expect().await, ev("ended", ""));
    assert_eq!(timeout(WAIT, phone.next()).await.unwrap(), None);
    let mut late = s.follow("late").await;
    assert_eq!(late.expect().await, ev("unknown", ""));
    // The speaker's key makes the room again.
    assert_eq!(s.post_view(&s.key, VIEW1).await, 204);
    let mut back = s.follow("back").await;
    assert_eq!(back.expect().await, ev("hello", &s.audience));
    assert_eq!(back.expect().await, ev("view", VIEW1));
}

#[test]
fn bad_flags_and_a_missing_page_are_refused() {
    let bin = env!("CARGO_BIN_EXE_llm-notes-server");
    let out = Command::new(bin).arg("--bogus").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    let out = Command::new(bin)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--dist",
            "/nonexistent-llm-notes-dist",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("index.html"));
    let out = Command::new(bin).arg("--help").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("--end-after"));
}
