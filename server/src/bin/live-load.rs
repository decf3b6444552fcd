//! A load generator for the live-class server (`scripts/bench.sh` runs
//! it): N followers on loopback, each an event stream of its own, and one
//! speaker who posts M views; it prints the publish-to-receipt latency
//! (p50, p95, p99, max) over every view every follower received, how many
//! arrived, and the servers' memory per follower.
//!
//! Each view carries its send time (microseconds since 1970) as its
//! sequence number, so a follower in this process reads its own latency
//! off what it receives. Bounded: at most 20,000 followers, and the run
//! stops after `--timeout-s` whatever has arrived.
//!
//! ```text
//! live-load --url http://127.0.0.1:8080 --room ROOM --key KEY \
//!     [--follow-url URL ...] [--followers N] [--messages M] \
//!     [--interval-ms MS] [--pid PID ...] [--timeout-s S]
//! ```
//!
//! Views are posted to `--url`; followers connect to the `--follow-url`s in
//! turn (default: `--url`), so with two processes sharing rooms through
//! Redis, half the followers can be on the other one. `--pid` names the
//! server processes whose resident memory is read (Linux `/proc`) before the
//! followers connect and once they all have.

use std::sync::atomic::Ordering::SeqCst;
use std::sync::atomic::{AtomicU64, AtomicUsize};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::{watch, Barrier};
use tokio::time::{sleep, timeout, Instant};

/// The most followers one run opens.
const MAX_FOLLOWERS: usize = 20_000;

/// Slides the views cycle through (each view differs from the one before,
/// so the server relays every one).
const HASHES: [&str; 4] = ["#/intro", "#/memory", "#/bandwidth", "#/ladder"];

struct Args {
    url: String,
    follow: Vec<String>,
    room: String,
    key: String,
    followers: usize,
    messages: usize,
    interval: Duration,
    pids: Vec<u32>,
    limit: Duration,
}

fn usage() -> ! {
    eprintln!(
        "usage: live-load --url URL --room ROOM --key KEY [--follow-url URL ...] \
         [--followers N] [--messages M] [--interval-ms MS] [--pid PID ...] [--timeout-s S]"
    );
    std::process::exit(2);
}

fn parse() -> Args {
    let mut a = Args {
        url: String::new(),
        follow: Vec::new(),
        room: String::new(),
        key: String::new(),
        followers: 100,
        messages: 50,
        interval: Duration::from_millis(100),
        pids: Vec::new(),
        limit: Duration::from_secs(60),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| usage());
        let num = |v: &str| v.parse::<u64>().unwrap_or_else(|_| usage());
        match flag.as_str() {
            "--url" => a.url = value.trim_end_matches('/').to_string(),
            "--follow-url" => a.follow.push(value.trim_end_matches('/').to_string()),
            "--room" => a.room = value,
            "--key" => a.key = value,
            "--followers" => a.followers = (num(&value) as usize).clamp(1, MAX_FOLLOWERS),
            "--messages" => a.messages = (num(&value) as usize).clamp(1, 10_000),
            "--interval-ms" => a.interval = Duration::from_millis(num(&value).max(1)),
            "--pid" => a.pids.push(num(&value) as u32),
            "--timeout-s" => a.limit = Duration::from_secs(num(&value).clamp(1, 600)),
            _ => usage(),
        }
    }
    if a.url.is_empty() || a.room.is_empty() || a.key.is_empty() {
        usage();
    }
    if a.follow.is_empty() {
        a.follow.push(a.url.clone());
    }
    a
}

/// `host:port` of an `http://host:port` URL.
fn authority(url: &str) -> String {
    url.trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

fn now_us() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64)
}

/// A process's resident memory in KiB (`VmRSS`), if it can be read.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn total_rss(pids: &[u32]) -> Option<u64> {
    pids.iter().map(|&p| rss_kib(p)).sum()
}

/// Reads one chunk of a chunked body into `buf`; false at its end.
async fn read_chunk(r: &mut BufReader<TcpStream>, buf: &mut Vec<u8>) -> std::io::Result<bool> {
    let mut line = String::new();
    if r.read_line(&mut line).await? == 0 {
        return Ok(false);
    }
    let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
    if size == 0 {
        return Ok(false);
    }
    let start = buf.len();
    buf.resize(start + size + 2, 0);
    r.read_exact(&mut buf[start..]).await?;
    buf.truncate(start + size);
    Ok(true)
}

/// What every follower of a run shares.
#[derive(Clone)]
struct Run {
    /// Passed by each follower once `hello` arrived (or it failed), and by
    /// the speaker.
    ready: Arc<Barrier>,
    /// Views sent before this (µs since 1970) are not counted.
    since: Arc<AtomicU64>,
    /// Followers that got `hello`.
    joined: Arc<AtomicUsize>,
    /// Set when the run is over.
    stop: watch::Receiver<bool>,
    /// The run stops by then whatever happened.
    until: Instant,
}

/// One follower: connects, says it is there once `hello` arrives (the
/// barrier), then records the latency of every view sent at or after
/// `since` until `stop` (or `until`).
async fn follower(base: String, room: String, n: usize, run_of: Run) -> Vec<u64> {
    let Run {
        ready,
        since,
        joined,
        mut stop,
        until,
    } = run_of;
    let mut got = Vec::new();
    let mut arrived = false;
    {
        let run = async {
            let stream = TcpStream::connect(authority(&base)).await.ok()?;
            let mut r = BufReader::new(stream);
            let req = format!(
                "GET /live/{room}/events?role=follow&id=load{n} HTTP/1.1\r\nHost: {}\r\n\r\n",
                authority(&base)
            );
            r.get_mut().write_all(req.as_bytes()).await.ok()?;
            // The head.
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).await.ok()? == 0 {
                    return None;
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut buf = Vec::new();
            while read_chunk(&mut r, &mut buf).await.ok()? {
                while let Some(end) = buf.windows(2).position(|w| w == b"\n\n") {
                    let ev: Vec<u8> = buf.drain(..end + 2).collect();
                    let ev = String::from_utf8_lossy(&ev);
                    if ev.starts_with("event: hello") && !arrived {
                        arrived = true;
                        joined.fetch_add(1, SeqCst);
                        ready.wait().await;
                    }
                    if let Some(data) = ev.strip_prefix("event: view\ndata: ") {
                        let at = now_us();
                        let sent = data.split('|').nth(2).and_then(|s| s.parse::<u64>().ok());
                        if let Some(sent) = sent {
                            if sent >= since.load(SeqCst) {
                                got.push(at.saturating_sub(sent));
                            }
                        }
                    }
                }
            }
            Some(())
        };
        tokio::select! {
            _ = run => {}
            _ = stop.wait_for(|s| *s) => {}
            _ = tokio::time::sleep_until(until) => {}
        }
    }
    if !arrived {
        // Never connected: let the others go on.
        ready.wait().await;
    }
    got
}

/// Posts one view over a kept-alive connection; false when it failed.
async fn post(r: &mut BufReader<TcpStream>, host: &str, room: &str, key: &str, body: &str) -> bool {
    let req = format!(
        "POST /live/{room}/view HTTP/1.1\r\nHost: {host}\r\nX-Live-Key: {key}\r\n\
         Content-Type: text/plain\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    if r.get_mut().write_all(req.as_bytes()).await.is_err() {
        return false;
    }
    let mut status = String::new();
    if r.read_line(&mut status).await.unwrap_or(0) == 0 {
        return false;
    }
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await.unwrap_or(0) == 0 {
            return false;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if line == "\r\n" {
            break;
        }
    }
    let mut rest = vec![0; length];
    if r.read_exact(&mut rest).await.is_err() {
        return false;
    }
    status.contains(" 204 ")
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let a = parse();
    let until = Instant::now() + a.limit;
    let before = total_rss(&a.pids);
    let ready = Arc::new(Barrier::new(a.followers + 1));
    let since = Arc::new(AtomicU64::new(u64::MAX));
    let joined = Arc::new(AtomicUsize::new(0));
    let (stop, stopped) = watch::channel(false);
    let mut tasks = Vec::with_capacity(a.followers);
    for n in 0..a.followers {
        let base = a.follow[n % a.follow.len()].clone();
        let run = Run {
            ready: ready.clone(),
            since: since.clone(),
            joined: joined.clone(),
            stop: stopped.clone(),
            until,
        };
        tasks.push(tokio::spawn(follower(base, a.room.clone(), n, run)));
    }
    if timeout(a.limit, ready.wait()).await.is_err() {
        eprintln!("live-load: the followers did not all connect in time");
        std::process::exit(1);
    }
    // Let the servers settle the registrations before reading memory.
    sleep(Duration::from_millis(300)).await;
    let after = total_rss(&a.pids);
    let host = authority(&a.url);
    let Ok(stream) = TcpStream::connect(&host).await else {
        eprintln!("live-load: cannot reach {host}");
        std::process::exit(1);
    };
    let mut speaker = BufReader::new(stream);
    since.store(now_us(), SeqCst);
    let mut posted = 0;
    for i in 0..a.messages {
        let body = format!(
            "deck1|load|{}|p|view|none|{}",
            now_us(),
            HASHES[i % HASHES.len()]
        );
        if post(&mut speaker, &host, &a.room, &a.key, &body).await {
            posted += 1;
        }
        sleep(a.interval).await;
    }
    // The last views' way to every follower, then the end.
    sleep(Duration::from_secs(2)).await;
    let _ = stop.send(true);
    let mut all = Vec::new();
    for t in tasks {
        if let Ok(got) = t.await {
            all.extend(got);
        }
    }
    all.sort_unstable();
    let expected = a.followers * posted;
    let memory = match (before, after) {
        (Some(b), Some(f)) => format!(
            "; servers' memory {:.1} -> {:.1} MiB, {:.1} KiB per follower",
            b as f64 / 1024.0,
            f as f64 / 1024.0,
            f.saturating_sub(b) as f64 / a.followers as f64
        ),
        _ => String::new(),
    };
    println!(
        "followers {} ({} joined): {posted} views posted, {}/{expected} received; latency p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms{memory}",
        a.followers,
        joined.load(SeqCst),
        all.len(),
        percentile(&all, 0.50),
        percentile(&all, 0.95),
        percentile(&all, 0.99),
        percentile(&all, 1.0),
    );
    std::process::exit(0);
}
