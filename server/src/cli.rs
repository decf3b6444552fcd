//! The command line: flags, the addresses the server is reached at, and
//! the lines it prints on start.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::rooms::Limits;

/// `--help`.
pub const USAGE: &str = "\
llm-notes-server: serves the deck's dist/ and relays a live class.

Usage: llm-notes-server [FLAGS]

  --listen ADDR:PORT   where to listen (default 0.0.0.0:$PORT, PORT 8080)
  --dist DIR           the built page (default dist)
  --end-after SECS     end a room this long after its speaker left (default 900)
  --max-rooms N        rooms at most (default 100)
  --max-followers N    followers per room at most (default 10000)
  --public URL         the audience link's base (default: a LAN address)
  --redis URL          share the rooms with other processes through the Redis
                       at URL (redis://HOST:PORT); default: rooms in memory,
                       this process alone
  --help               this text
";

/// What the server is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Print the usage.
    Help,
    /// Serve with these options.
    Run(Options),
}

/// The server's options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The address to listen on.
    pub listen: SocketAddr,
    /// The built page.
    pub dist: PathBuf,
    /// The rooms' limits.
    pub limits: Limits,
    /// The audience link's base, ending in `/`.
    pub public: Option<String>,
    /// The Redis that the rooms are shared through (`redis://...`), or
    /// `None` for rooms in memory, this process alone.
    pub redis: Option<String>,
}

/// Reads the flags (`--flag VALUE` or `--flag=VALUE`); `port` is the `PORT`
/// variable, used when `--listen` is not given.
pub fn parse(args: &[String], port: Option<&str>) -> Result<Command, String> {
    let mut listen = None;
    let mut dist = PathBuf::from("dist");
    let mut limits = Limits::default();
    let mut public = None;
    let mut redis = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        if flag == "--help" || flag == "-h" {
            return Ok(Command::Help);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag {
            "--listen" => {
                let v = value()?;
                let addr = v
                    .parse()
                    .map_err(|_| format!("--listen {v}: not ADDR:PORT"))?;
                listen = Some(addr);
            }
            "--dist" => dist = PathBuf::from(value()?),
            "--end-after" => limits.end_after = Duration::from_secs(positive(flag, &value()?)?),
            "--max-rooms" => limits.max_rooms = positive(flag, &value()?)? as usize,
            "--max-followers" => limits.max_followers = positive(flag, &value()?)? as usize,
            "--public" => public = Some(public_url(&value()?)?),
            "--redis" => redis = Some(redis_url(&value()?)?),
            _ => return Err(format!("unknown flag {arg} (see --help)")),
        }
    }
    let listen = match listen {
        Some(addr) => addr,
        None => {
            let port = port.unwrap_or("8080");
            let port: u16 = port
                .parse()
                .map_err(|_| format!("PORT={port}: not a port number"))?;
            SocketAddr::new(Ipv4Addr::UNSPECIFIED.into(), port)
        }
    };
    Ok(Command::Run(Options {
        listen,
        dist,
        limits,
        public,
        redis,
    }))
}

/// A whole number of at least 1.
fn positive(flag: &str, v: &str) -> Result<u64, String> {
    v.parse()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| format!("{flag} {v}: not a whole number of at least 1"))
}

/// An http(s) URL of printable ASCII, made to end in `/`.
fn public_url(v: &str) -> Result<String, String> {
    let scheme_ok = v.starts_with("http://") || v.starts_with("https://");
    if !scheme_ok || !v.bytes().all(|b| b.is_ascii_graphic()) || v.contains(['?', '#']) {
        return Err(format!("--public {v}: not an http(s) URL without query"));
    }
    Ok(if v.ends_with('/') {
        v.to_string()
    } else {
        format!("{v}/")
    })
}

/// A `redis://` URL of printable ASCII (checked further by the client).
fn redis_url(v: &str) -> Result<String, String> {
    if !v.starts_with("redis://") || !v.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!("--redis {v}: not a redis://HOST:PORT URL"));
    }
    Ok(v.to_string())
}

/// The machine's IPv4 addresses other than loopback.
pub fn lan_ipv4() -> Vec<Ipv4Addr> {
    let mut out: Vec<Ipv4Addr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback())
        .filter_map(|i| match i.ip() {
            IpAddr::V4(ip) => Some(ip),
            IpAddr::V6(_) => None,
        })
        .collect();
    out.dedup();
    out
}

/// `http://ADDR/`.
fn url(addr: SocketAddr) -> String {
    format!("http://{addr}/")
}

/// The link for this machine: the bound address, or loopback when bound
/// to every address.
pub fn local_base(bound: SocketAddr) -> String {
    let ip = match bound.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => Ipv4Addr::LOCALHOST.into(),
        IpAddr::V6(ip) if ip.is_unspecified() => std::net::Ipv6Addr::LOCALHOST.into(),
        ip => ip,
    };
    url(SocketAddr::new(ip, bound.port()))
}

/// The base of the audience link: `--public`, else the first LAN address
/// when bound to every address, else the bound address; `None` (take it
/// from the request's Host) when bound to every address and there is no
/// LAN address.
pub fn public_base(bound: SocketAddr, lan: &[Ipv4Addr], public: Option<&str>) -> Option<String> {
    if let Some(p) = public {
        return Some(p.to_string());
    }
    if !bound.ip().is_unspecified() {
        return Some(url(bound));
    }
    lan.first()
        .map(|ip| url(SocketAddr::new((*ip).into(), bound.port())))
}

/// The lines printed on start: the local and LAN links, the presenter's
/// link (with the key) and the audience's.
pub fn banner(
    bound: SocketAddr,
    lan: &[Ipv4Addr],
    public: Option<&str>,
    room: &str,
    key: &str,
) -> String {
    let local = local_base(bound);
    let mut out = format!("local: {local}\n");
    if bound.ip().is_unspecified() {
        for ip in lan {
            out += &format!(
                "lan: {}\n",
                url(SocketAddr::new((*ip).into(), bound.port()))
            );
        }
    }
    out += &format!("presenter: {local}?live={room}&key={key}\n");
    out += &format!("audience: {}\n", audience_link(bound, public, room));
    out
}

/// The link a phone opens to follow `room`: on the public base, else on the
/// local one.
pub fn audience_link(bound: SocketAddr, public: Option<&str>, room: &str) -> String {
    match public {
        Some(base) => format!("{base}?live={room}"),
        None => format!("{}?live={room}", local_base(bound)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    fn run(s: &str, port: Option<&str>) -> Options {
        match parse(&args(s), port) {
            Ok(Command::Run(o)) => o,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn flags_and_their_defaults() {
        let o = run("", None);
        assert_eq!(o.listen, "0.0.0.0:8080".parse().unwrap());
        assert_eq!(o.dist, PathBuf::from("dist"));
        assert_eq!(o.limits.end_after, Duration::from_secs(900));
        assert_eq!((o.limits.max_rooms, o.limits.max_followers), (100, 10_000));
        assert_eq!(o.public, None);
        assert_eq!(o.redis, None);
        assert_eq!(
            run("--redis redis://10.0.0.9:6380", None).redis.as_deref(),
            Some("redis://10.0.0.9:6380")
        );
        assert_eq!(
            run("--redis=redis://r:6379/1", None).redis.as_deref(),
            Some("redis://r:6379/1")
        );
        assert_eq!(
            run("", Some("9000")).listen,
            "0.0.0.0:9000".parse().unwrap()
        );
        let o = run(
            "--listen 127.0.0.1:0 --dist=d --end-after 2 --max-rooms 3 --max-followers=4 --public https://x.org/deck",
            Some("junk"),
        );
        assert_eq!(o.listen, "127.0.0.1:0".parse().unwrap());
        assert_eq!(o.dist, PathBuf::from("d"));
        assert_eq!(o.limits.end_after, Duration::from_secs(2));
        assert_eq!((o.limits.max_rooms, o.limits.max_followers), (3, 4));
        assert_eq!(o.public.as_deref(), Some("https://x.org/deck/"));
        assert_eq!(parse(&args("--dist x --help"), None), Ok(Command::Help));
        for bad in [
            "--nope",
            "--listen",
            "--listen 8080",
            "--end-after 0",
            "--max-rooms -1",
            "--max-followers x",
            "--public ftp://x",
            "--public http://x/?a",
            "--redis",
            "--redis 127.0.0.1:6379",
            "--redis https://r:6379",
            "dist",
        ] {
            assert!(parse(&args(bad), None).is_err(), "{bad}");
        }
        assert!(parse(&[], Some("80800")).is_err());
    }

    #[test]
    fn the_links_printed_on_start() {
        let any: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        let lan = ["192.168.1.20".parse().unwrap(), "10.0.0.5".parse().unwrap()];
        let public = public_base(any, &lan, None);
        assert_eq!(public.as_deref(), Some("http://192.168.1.20:8080/"));
        assert_eq!(
            banner(any, &lan, public.as_deref(), "0123456789abcdef", "k"),
            "local: http://127.0.0.1:8080/\n\
             lan: http://192.168.1.20:8080/\n\
             lan: http://10.0.0.5:8080/\n\
             presenter: http://127.0.0.1:8080/?live=0123456789abcdef&key=k\n\
             audience: http://192.168.1.20:8080/?live=0123456789abcdef\n"
        );
        let one: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        let public = public_base(one, &lan, None);
        assert_eq!(public.as_deref(), Some("http://127.0.0.1:4000/"));
        assert_eq!(
            banner(one, &lan, public.as_deref(), "r", "k"),
            "local: http://127.0.0.1:4000/\n\
             presenter: http://127.0.0.1:4000/?live=r&key=k\n\
             audience: http://127.0.0.1:4000/?live=r\n"
        );
        assert_eq!(public_base(any, &[], None), None);
        assert_eq!(
            public_base(any, &lan, Some("https://x.org/")).as_deref(),
            Some("https://x.org/")
        );
        assert!(lan_ipv4().iter().all(|ip| !ip.is_loopback()));
    }
}
