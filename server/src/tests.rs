//! The router in-process: requests through `tower::ServiceExt::oneshot`,
//! answers read as a client sees them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use axum::response::Response;
use axum::Router;
use futures_util::StreamExt;
use llm_notes_explainer::deck::sync::{Body as MessageBody, Message};
use tower::ServiceExt;

use crate::http::{router, Live};
use crate::rooms::{Limits, Rooms};
use crate::statics::Statics;

/// `printf %s 0123456789abcdef0123456789abcdef | sha256sum`, first 16 digits.
const KEY: &str = "0123456789abcdef0123456789abcdef";
const ROOM: &str = "3eb1bd439947eb76";
/// `printf %s ffffffffffffffffffffffffffffffff | sha256sum`, first 16 digits.
const KEY2: &str = "ffffffffffffffffffffffffffffffff";
const ROOM2: &str = "352302489bc2fcf0";
const VIEW: &str = "deck1|spk|1|p|view|none|#/intro";
const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const WASM: &str = "llm-notes-explainer-0123456789abcdef_bg.wasm";

/// A fresh directory under the system's temporary one, with a page in its
/// `dist/` and a secret file next to it, removed when dropped.
struct Page(PathBuf);

impl Page {
    fn new() -> Page {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let root =
            std::env::temp_dir().join(format!("llm-notes-server-unit-{}-{n}", std::process::id()));
        let dist = root.join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(root.join("secret.txt"), "outside").unwrap();
        std::fs::write(
            dist.join("index.html"),
            format!(r#"<!doctype html><meta charset="utf-8"><meta http-equiv=Content-Security-Policy content="{POLICY}"><title>deck</title>"#),
        )
        .unwrap();
        std::fs::write(dist.join(WASM), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(dist.join("app-0123456789abcdef.js"), "plain").unwrap();
        std::fs::write(dist.join("app-0123456789abcdef.js.br"), "brotli").unwrap();
        std::fs::write(dist.join("sw.js"), "// sw").unwrap();
        Page(root)
    }

    fn dist(&self) -> PathBuf {
        self.0.join("dist")
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn app(page: &Page, limits: Limits) -> (Router, Arc<Rooms>) {
    let rooms = Arc::new(Rooms::new(limits));
    rooms.open(KEY).unwrap();
    let live = Live {
        rooms: rooms.clone(),
        public: Some("http://192.0.2.7:8080/".into()),
    };
    (router(live, Statics::load(&page.dist()).unwrap()), rooms)
}

async fn send(app: &Router, req: Request<Body>) -> Response {
    app.clone().oneshot(req).await.unwrap()
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn post(uri: &str, key: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut req = Request::post(uri);
    if let Some(key) = key {
        req = req.header("X-Live-Key", key);
    }
    req.body(body.into()).unwrap()
}

fn header<'a>(res: &'a Response, name: &str) -> &'a str {
    res.headers().get(name).map_or("", |v| v.to_str().unwrap())
}

async fn text(res: Response) -> String {
    String::from_utf8(to_bytes(res.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap()
}

/// The first chunk of a stream (its opening events).
async fn first_chunk(res: Response) -> String {
    let mut chunks = res.into_body().into_data_stream();
    String::from_utf8(chunks.next().await.unwrap().unwrap().to_vec()).unwrap()
}

#[test]
fn the_test_keys_rooms() {
    // The constants above, checked against the code once.
    assert_eq!(crate::rooms::room_id(KEY2), ROOM2);
}

#[tokio::test]
async fn files_carry_the_policy_their_type_and_their_caching() {
    let page = Page::new();
    let (app, _) = app(&page, Limits::default());
    let res = send(&app, get("/")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(&res, "content-security-policy"),
        format!("{POLICY}; frame-ancestors 'self'")
    );
    assert_eq!(header(&res, "cache-control"), "no-cache");
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(header(&res, "content-type"), "text/html; charset=utf-8");
    assert!(text(res).await.contains("<title>deck</title>"));

    let res = send(&app, get(&format!("/{WASM}"))).await;
    assert_eq!(header(&res, "content-type"), "application/wasm");
    assert_eq!(
        header(&res, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let res = send(&app, get("/sw.js")).await;
    assert_eq!(header(&res, "cache-control"), "no-cache");
    assert_eq!(
        header(&res, "content-type"),
        "text/javascript; charset=utf-8"
    );

    // The brotli sibling, when accepted.
    let br = Request::get("/app-0123456789abcdef.js")
        .header("accept-encoding", "gzip, br")
        .body(Body::empty())
        .unwrap();
    let res = send(&app, br).await;
    assert_eq!(header(&res, "content-encoding"), "br");
    assert_eq!(
        header(&res, "content-type"),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(text(res).await, "brotli");
    assert_eq!(
        text(send(&app, get("/app-0123456789abcdef.js")).await).await,
        "plain"
    );

    for missing in [
        "/nope.js",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/live/x",
    ] {
        let res = send(&app, get(missing)).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{missing}");
        assert_ne!(text(res).await, "outside");
    }
}

#[tokio::test]
async fn posts_are_checked_key_first_then_size_then_content() {
    let page = Page::new();
    let (app, rooms) = app(
        &page,
        Limits {
            max_rooms: 1,
            ..Limits::default()
        },
    );
    let view = format!("/live/{ROOM}/view");
    let status = |res: Response| res.status().as_u16();
    assert_eq!(status(send(&app, post(&view, None, VIEW)).await), 403);
    assert_eq!(status(send(&app, post(&view, Some(KEY2), VIEW)).await), 403);
    assert_eq!(
        status(send(&app, post(&view, Some("x"), "x".repeat(20_000))).await),
        403
    );
    assert_eq!(
        status(send(&app, post(&view, Some(KEY), "x".repeat(17 * 1024))).await),
        413
    );
    assert_eq!(
        status(send(&app, post(&view, Some(KEY), "deck1|x")).await),
        400
    );
    assert_eq!(
        status(send(&app, post(&view, Some(KEY), vec![0xffu8, 0xfe])).await),
        400
    );
    assert_eq!(rooms.get(ROOM).unwrap().latest(), None);
    assert_eq!(status(send(&app, post(&view, Some(KEY), VIEW)).await), 204);
    assert_eq!(rooms.get(ROOM).unwrap().latest().as_deref(), Some(VIEW));
    // A second room would pass the cap of one.
    let other = format!("/live/{ROOM2}/view");
    let res = send(&app, post(&other, Some(KEY2), VIEW)).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(text(res).await.contains("too many rooms"));
    let res = send(
        &app,
        get(&format!("/live/{ROOM2}/events?role=speak&key={KEY2}")),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(rooms.len(), 1);
    // Room ids of the wrong form are no rooms.
    assert_eq!(
        status(send(&app, post("/live/ROOM/view", Some(KEY), VIEW)).await),
        404
    );
    assert_eq!(
        status(
            send(
                &app,
                post("/live/3EB1BD439947EB76/presence", None, "a following")
            )
            .await
        ),
        404
    );
}

#[tokio::test]
async fn streams_open_with_hello_and_presence_moves_the_counts() {
    let page = Page::new();
    let (app, _) = app(
        &page,
        Limits {
            max_followers: 1,
            ..Limits::default()
        },
    );
    let events = format!("/live/{ROOM}/events");
    let hello = format!("event: hello\ndata: http://192.0.2.7:8080/?live={ROOM}\n\n");

    let speaker = send(&app, get(&format!("{events}?role=speak&key={KEY}"))).await;
    assert_eq!(header(&speaker, "content-type"), "text/event-stream");
    assert_eq!(header(&speaker, "cache-control"), "no-store");
    assert_eq!(
        first_chunk(speaker).await,
        format!("{hello}event: count\ndata: 0 0\n\n")
    );
    let res = send(&app, get(&format!("{events}?role=speak&key={KEY2}"))).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    assert_eq!(
        send(&app, post(&format!("/live/{ROOM}/view"), Some(KEY), VIEW))
            .await
            .status(),
        204
    );
    let follower = send(
        &app,
        get(&format!("{events}?role=follow&id=a1&state=exploring")),
    )
    .await;
    assert_eq!(follower.status(), StatusCode::OK);
    let mut follower = follower.into_body().into_data_stream();
    let opening = follower.next().await.unwrap().unwrap();
    assert_eq!(opening, format!("{hello}event: view\ndata: {VIEW}\n\n"));

    // The cap of one follower: another gets `full`; the same client again is let in.
    let full = send(&app, get(&format!("{events}?role=follow&id=b2"))).await;
    assert_eq!(text(full).await, "event: full\ndata: \n\n");
    let speaker = send(&app, get(&format!("{events}?role=speak&key={KEY}"))).await;
    assert!(first_chunk(speaker)
        .await
        .ends_with("event: count\ndata: 0 1\n\n"));

    let presence = format!("/live/{ROOM}/presence");
    assert_eq!(
        send(&app, post(&presence, None, "a1 following"))
            .await
            .status(),
        204
    );
    let speaker = send(&app, get(&format!("{events}?role=speak&key={KEY}"))).await;
    assert!(first_chunk(speaker)
        .await
        .ends_with("event: count\ndata: 1 0\n\n"));
    assert_eq!(
        send(&app, post(&presence, None, "zz following"))
            .await
            .status(),
        404
    );
    assert_eq!(
        send(&app, post(&presence, None, "a1 sleeping"))
            .await
            .status(),
        400
    );
    assert_eq!(
        send(&app, post(&presence, None, "a1following"))
            .await
            .status(),
        400
    );
    assert_eq!(
        send(&app, post(&presence, None, "x".repeat(300)))
            .await
            .status(),
        413
    );
    let other = format!("/live/{ROOM2}/presence");
    assert_eq!(
        send(&app, post(&other, None, "a1 following"))
            .await
            .status(),
        404
    );

    // The follower leaves: it is no longer registered.
    drop(follower);
    assert_eq!(
        send(&app, post(&presence, None, "a1 exploring"))
            .await
            .status(),
        404
    );

    for (query, status) in [
        ("role=follow", 400),
        ("role=follow&id=a-b", 400),
        (&format!("role=follow&id={}", "a".repeat(33)), 400),
        ("role=follow&id=a&state=away", 400),
        ("role=watch", 400),
        ("", 400),
        ("role=speak", 403),
    ] {
        let res = send(&app, get(&format!("{events}?{query}"))).await;
        assert_eq!(res.status().as_u16(), status, "{query}");
    }
    for room in [ROOM2, "nothex"] {
        let res = send(&app, get(&format!("/live/{room}/events?role=follow&id=a"))).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(text(res).await, "event: unknown\ndata: \n\n");
    }
}

/// A tiny xorshift generator: the same sequence on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[tokio::test]
async fn a_flood_of_mangled_messages_never_fails_the_server_nor_moves_the_view() {
    let page = Page::new();
    let (app, rooms) = app(&page, Limits::default());
    let room = rooms.get(ROOM).unwrap();
    let uri = format!("/live/{ROOM}/view");
    let seeds = [
        VIEW,
        "deck1|spk|2|p|view|black|#/precision/3",
        "deck1|x|3|p|view|none|#/bandwidth/4?link=nvlink5",
        "deck1|spk|4|p|pointer|500|250",
        "deck1|spk|5|p|pointer|off",
        "deck1|spk|6|p|request",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut latest: Option<String> = None;
    let (mut accepted, mut refused) = (0, 0);
    for i in 0..4000 {
        let mut bytes = seeds[rng.below(seeds.len())].as_bytes().to_vec();
        let edits = rng.below(4);
        for _ in 0..edits {
            let at = rng.below(bytes.len() + 1);
            match rng.below(4) {
                0 if at < bytes.len() => bytes[at] = rng.next() as u8,
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                2 => {
                    let special = b"|#/?&=\n\r0a \xff";
                    bytes.insert(at, special[rng.below(special.len())]);
                }
                _ => bytes
                    .splice(at..at, (0..rng.below(40)).map(|_| rng.next() as u8))
                    .for_each(drop),
            }
        }
        if i % 500 == 0 {
            bytes = vec![b'x'; 4097 + rng.below(12_000)];
        }
        // Now and then, a wrong key: always 403, whatever the body.
        let key = if rng.below(20) == 0 { KEY2 } else { KEY };
        let res = send(&app, post(&uri, Some(key), bytes.clone())).await;
        let status = res.status().as_u16();
        let kind = std::str::from_utf8(&bytes)
            .ok()
            .filter(|t| !t.contains(['\n', '\r']))
            .and_then(Message::decode)
            .map(|m| m.body);
        let expected = match (key, &kind) {
            (KEY2, _) => 403,
            (_, Some(MessageBody::Shared { .. } | MessageBody::Pointer(_))) => 204,
            _ => 400,
        };
        assert_eq!(status, expected, "{:?}", String::from_utf8_lossy(&bytes));
        if status == 204 {
            accepted += 1;
            if let Some(MessageBody::Shared { .. }) = kind {
                latest = Some(String::from_utf8(bytes).unwrap());
            }
        } else {
            refused += 1;
        }
        assert_eq!(room.latest().as_deref(), latest.as_deref());
    }
    // The mutations hit both sides.
    assert!(accepted > 200 && refused > 200, "{accepted} {refused}");
}

#[tokio::test]
async fn relayed_a_presence_report_for_a_follower_elsewhere_is_passed_on() {
    let page = Page::new();
    let rooms = Arc::new(Rooms::relayed(Limits::default()));
    rooms.open(KEY).unwrap();
    let live = Live {
        rooms: rooms.clone(),
        public: None,
    };
    let app = router(live, Statics::load(&page.dist()).unwrap());
    let presence = format!("/live/{ROOM}/presence");
    let res = send(&app, post(&presence, None, "phone9 exploring")).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let room = rooms.get(ROOM).unwrap();
    assert_eq!(
        room.take_presence(),
        [("phone9".to_string(), crate::rooms::Presence::Exploring)]
    );
    let other = format!("/live/{ROOM2}/presence");
    let res = send(&app, post(&other, None, "phone9 exploring")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
