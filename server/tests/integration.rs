//! The real binary, over plain HTTP/1.1 on TCP: what a browser and a phone
//! see.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader as AsyncBufReader};
use tokio::net::TcpStream;
use tokio::time::timeout;

const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const WASM: &str = "llm-notes-explainer-4f1c0a2b9e8d7c6b_bg.wasm";
const VIEW1: &str = "deck1|spk1|1|p|view|none|#/intro";
const VIEW2: &str = "deck1|spk1|2|p|view|black|#/precision/3";
/// Long enough for anything a test waits for; short enough to fail fast.
const WAIT: Duration = Duration::from_secs(5);

/// A running server on a page of its own; killed when dropped.
struct Server {
    child: Child,
    /// Kept open: the server writes its QR code after the links.
    _stdout: BufReader<ChildStdout>,
    dir: PathBuf,
    /// `127.0.0.1:PORT`.
    addr: String,
    room: String,
    key: String,
    audience: String,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("llm-notes-server-it-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            format!("<!doctype html><html><head><meta charset=\"utf-8\"><meta http-equiv=Content-Security-Policy content=\"{POLICY}\"><title>deck</title></head></html>"),
        )
        .unwrap();
        std::fs::write(dir.join(WASM), b"\0asm\x01\0\0\0").unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_llm-notes-server"))
            .args(["--listen", "127.0.0.1:0", "--dist"])
            .arg(&dir)
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut lines = Vec::new();
        while !lines.iter().any(|l: &String| l.starts_with("audience: ")) {
            let mut line = String::new();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "the server printed {lines:?}"
            );
            lines.push(line.trim_end().to_string());
        }
        let field = |name: &str| {
            let prefix = format!("{name}: ");
            lines
                .iter()
                .find_map(|l| l.strip_prefix(&prefix))
                .unwrap()
                .to_string()
        };
        let local = field("local");
        let presenter = field("presenter");
        let audience = field("audience");
        let addr = local
            .strip_prefix("http://")
            .and_then(|a| a.strip_suffix('/'))
            .unwrap()
            .to_string();
        let (room, key) = presenter
            .strip_prefix(&format!("{local}?live="))
            .and_then(|q| q.split_once("&key="))
            .unwrap();
        assert!(
            lines.iter().all(|l| !l.starts_with("lan: ")),
            "bound to one address: {lines:?}"
        );
        Server {
            child,
            _stdout: stdout,
            dir,
            addr,
            room: room.to_string(),
            key: key.to_string(),
            audience,
        }
    }

    async fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        request(&self.addr, method, path, headers, body).await
    }

    async fn post_view(&self, key: &str, body: &str) -> u16 {
        let path = format!("/live/{}/view", self.room);
        self.request("POST", &path, &[("X-Live-Key", key)], body.as_bytes())
            .await
            .status
    }

    async fn follow(&self, client: &str) -> Events {
        let path = format!(
            "/live/{}/events?role=follow&id={client}&state=following",
            self.room
        );
        Events::open(&self.addr, &path).await
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A whole response.
#[derive(Debug)]
struct Reply {
    status: u16,
    /// Names in lower case.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Writes a request (the connection closes after it).
async fn send(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> TcpStream {
    let mut tcp = TcpStream::connect(addr).await.unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head += &format!("{name}: {value}\r\n");
    }
    if method == "POST" {
        head += &format!("Content-Length: {}\r\n", body.len());
    }
    head += "\r\n";
    tcp.write_all(head.as_bytes()).await.unwrap();
    // A server may answer (413) before reading a large body.
    let _ = tcp.write_all(body).await;
    tcp
}

/// Reads a status line and headers.
async fn read_head(r: &mut AsyncBufReader<TcpStream>) -> (u16, Vec<(String, String)>) {
    let mut line = String::new();
    r.read_line(&mut line).await.unwrap();
    let status = line.split(' ').nth(1).unwrap().parse().unwrap();
    let mut headers = Vec::new();
    loop {
        line.clear();
        r.read_line(&mut line).await.unwrap();
        let l = line.trim_end();
        if l.is_empty() {
            return (status, headers);
        }
        let (name, value) = l.split_once(':').unwrap();
        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
}

/// Reads one chunk of a chunked body; `None` at its end.
async fn read_chunk(r: &mut AsyncBufReader<TcpStream>) -> Option<Vec<u8>> {
    let mut line = String::new();
    r.read_line(&mut line).await.ok()?;
    let size = usize::from_str_radix(line.trim(), 16).ok()?;
    let mut chunk = vec![0; size + 2];
    r.read_exact(&mut chunk).await.ok()?;
    chunk.truncate(size);
    (size > 0).then_some(chunk)
}

async fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut r = AsyncBufReader::new(send(addr, method, path, headers, body).await);
    let (status, headers) = timeout(WAIT, read_head(&mut r)).await.unwrap();
    let mut body = Vec::new();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v == "chunked");
    if chunked {
        while let Some(chunk) = timeout(WAIT, read_chunk(&mut r)).await.unwrap() {
            body.extend(chunk);
        }
    } else {
        timeout(WAIT, r.read_to_end(&mut body))
            .await
            .unwrap()
            .unwrap();
    }
    Reply {
        status,
        headers,
        body,
    }
}

/// An open event stream.
struct Events {
    reader: AsyncBufReader<TcpStream>,
    status: u16,
    headers: Vec<(String, String)>,
    /// Text received and not yet read as events.
    pending: String,
    /// The body comes in chunks (else it is all there is, up to the close).
    chunked: bool,
}

impl Events {
    async fn open(addr: &str, path: &str) -> Events {
        let mut reader = AsyncBufReader::new(send(addr, "GET", path, &[], b"").await);
        let (status, headers) = timeout(WAIT, read_head(&mut reader)).await.unwrap();
        let chunked = headers.contains(&("transfer-encoding".into(), "chunked".into()));
        Events {
            reader,
            status,
            headers,
            pending: String::new(),
            chunked,
        }
    }

    /// The next event as (name, data), keep-alive comments skipped; `None`
    /// when the stream ends.
    async fn next(&mut self) -> Option<(String, String)> {
        loop {
            if let Some(end) = self.pending.find("\n\n") {
                let block: String = self.pending.drain(..end + 2).collect();
                let mut name = String::new();
                let mut data = None;
                for line in block.lines() {
                    if let Some(n) = line.strip_prefix("event: ") {
                        name = n.to_string();
                    } else if let Some(d) = line.strip_prefix("data: ") {
                        data = Some(d.to_string());
                    }
                }
                match data {
                    Some(data) => return Some((name, data)),
                    None => continue,
                }
            }
            let chunk = if self.chunked {
                read_chunk(&mut self.reader).await?
            } else {
                let mut all = Vec::new();
                self.reader.read_to_end(&mut all).await.ok()?;
                all
            };
            if chunk.is_empty() {
                return None;
            }
            self.pending.push_str(&String::from_utf8(chunk).unwrap());
        }
    }

    /// The next event within `WAIT`.
    async fn expect(&mut self) -> (String, String) {
        timeout(WAIT, self.next())
            .await
            .expect("an event in time")
            .expect("an open stream")
    }

    /// No event within `wait`.
    async fn quiet(&mut self, wait: Duration) {
        if let Ok(got) = timeout(wait, self.next()).await {
            panic!("unexpected {got:?}");
        }
    }
}

fn ev(name: &str, data: &str) -> (String, String) {
    (name.to_string(), data.to_string())
}

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
