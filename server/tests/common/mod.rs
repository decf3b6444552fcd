//! What the tests of the real binary share: a server on a page of its own,
//! requests and event streams over plain HTTP/1.1 on TCP, read as a browser
//! and a phone see them.

// Each test file uses some of these.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader as AsyncBufReader};
use tokio::net::TcpStream;
use tokio::time::timeout;

pub const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
pub const WASM: &str = "llm-notes-explainer-4f1c0a2b9e8d7c6b_bg.wasm";
pub const VIEW1: &str = "deck1|spk1|1|p|view|none|#/intro";
pub const VIEW2: &str = "deck1|spk1|2|p|view|black|#/precision/3";
/// Long enough for anything a test waits for; short enough to fail fast.
pub const WAIT: Duration = Duration::from_secs(5);

/// A running server on a page of its own; killed when dropped.
pub struct Server {
    child: Child,
    /// Kept open: the server writes its QR code after the links.
    _stdout: BufReader<ChildStdout>,
    dir: PathBuf,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    pub room: String,
    pub key: String,
    pub audience: String,
    /// The lines written to stderr so far.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
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
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                eprintln!("server {n}: {line}");
                lines.lock().unwrap().push(line);
            }
        });
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
            log,
        }
    }

    /// The lines the server has written to stderr so far.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Waits (within `wait`) until the server has written `count` lines to
    /// stderr that contain `text`.
    pub async fn wait_for_log(&self, text: &str, count: usize, wait: Duration) {
        let lines = |s: &Server| s.log().iter().filter(|l| l.contains(text)).count();
        let waited = timeout(wait, async {
            while lines(self) < count {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
        .await;
        assert!(waited.is_ok(), "no {count} {text:?} in {:?}", self.log());
    }

    /// The audience link of `room` on this server.
    pub fn link(&self, room: &str) -> String {
        format!("http://{}/?live={room}", self.addr)
    }

    pub async fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        request(&self.addr, method, path, headers, body).await
    }

    pub async fn post_view(&self, key: &str, body: &str) -> u16 {
        self.post_view_in(&self.room, key, body).await
    }

    /// Posts a view or pointer message to `room` (of this server or another).
    pub async fn post_view_in(&self, room: &str, key: &str, body: &str) -> u16 {
        let path = format!("/live/{room}/view");
        self.request("POST", &path, &[("X-Live-Key", key)], body.as_bytes())
            .await
            .status
    }

    pub async fn follow(&self, client: &str) -> Events {
        self.follow_in(&self.room, client).await
    }

    /// A follower's stream of `room` (of this server or another).
    pub async fn follow_in(&self, room: &str, client: &str) -> Events {
        let path = format!("/live/{room}/events?role=follow&id={client}&state=following");
        Events::open(&self.addr, &path).await
    }

    /// A speaker's stream of `room` with `key`.
    pub async fn speak_in(&self, room: &str, key: &str) -> Events {
        let path = format!("/live/{room}/events?role=speak&key={key}");
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
pub struct Reply {
    pub status: u16,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
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

pub async fn request(
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
pub struct Events {
    reader: AsyncBufReader<TcpStream>,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// Text received and not yet read as events.
    pending: String,
    /// The body comes in chunks (else it is all there is, up to the close).
    chunked: bool,
}

impl Events {
    pub async fn open(addr: &str, path: &str) -> Events {
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
    pub async fn next(&mut self) -> Option<(String, String)> {
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
    pub async fn expect(&mut self) -> (String, String) {
        self.expect_within(WAIT).await
    }

    /// The next event within `wait`.
    pub async fn expect_within(&mut self, wait: Duration) -> (String, String) {
        timeout(wait, self.next())
            .await
            .expect("an event in time")
            .expect("an open stream")
    }

    /// No event within `wait`.
    pub async fn quiet(&mut self, wait: Duration) {
        if let Ok(got) = timeout(wait, self.next()).await {
            panic!("unexpected {got:?}");
        }
    }
}

pub fn ev(name: &str, data: &str) -> (String, String) {
    (name.to_string(), data.to_string())
}
