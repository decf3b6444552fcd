//! `llm-notes-server`: serves the deck and one live room, whose links it
//! prints (see the library's documentation for the protocol).

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use llm_notes_server::cli::{self, Command};
use llm_notes_server::http::{router, Live};
use llm_notes_server::qr;
use llm_notes_server::rooms::{new_key, room_id, Rooms};
use llm_notes_server::shared;
use llm_notes_server::statics::Statics;

/// At most this long at start for the first attempt to reach Redis.
const REDIS_START: std::time::Duration = std::time::Duration::from_secs(5);

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port = std::env::var("PORT").ok();
    let opts = match cli::parse(&args, port.as_deref()) {
        Ok(Command::Help) => {
            print!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(Command::Run(opts)) => opts,
        Err(e) => {
            eprintln!("llm-notes-server: {e}");
            return ExitCode::from(2);
        }
    };
    let redis = match opts.redis.as_deref().map(shared::client).transpose() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("llm-notes-server: {e}");
            return ExitCode::from(2);
        }
    };
    let statics = match Statics::load(&opts.dist) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("llm-notes-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(opts.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("llm-notes-server: cannot listen on {}: {e}", opts.listen);
            return ExitCode::FAILURE;
        }
    };
    let bound = listener.local_addr().expect("a bound listener's address");
    let lan = if bound.ip().is_unspecified() {
        cli::lan_ipv4()
    } else {
        Vec::new()
    };
    let public = cli::public_base(bound, &lan, opts.public.as_deref());

    let rooms = Arc::new(match redis {
        Some(_) => Rooms::relayed(opts.limits),
        None => Rooms::new(opts.limits),
    });
    let key = new_key();
    rooms.open(&key).expect("an empty server has room for one");
    let room = room_id(&key);
    if let Some(client) = redis {
        // The room is in Redis (or Redis is out of reach, which the relay
        // has said) before its links are printed.
        match shared::start(client, rooms.clone()) {
            Ok(first) => {
                let _ = tokio::time::timeout(REDIS_START, first).await;
            }
            Err(e) => {
                eprintln!("llm-notes-server: {e}");
                return ExitCode::FAILURE;
            }
        }
    }

    // Written, not printed: a closed stdout must not stop the server.
    let mut out = std::io::stdout().lock();
    let banner = cli::banner(bound, &lan, public.as_deref(), &room, &key);
    let _ = out.write_all(banner.as_bytes()).and_then(|()| out.flush());
    let audience = cli::audience_link(bound, public.as_deref(), &room);
    if let Some(code) = qr::terminal(&audience) {
        let _ = out.write_all(code.as_bytes()).and_then(|()| out.flush());
    }
    drop(out);

    tokio::spawn(rooms.clone().sweep_forever());
    let app = router(
        Live {
            rooms: rooms.clone(),
            public,
        },
        statics,
    );
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown(rooms))
        .await;
    if let Err(e) = served {
        eprintln!("llm-notes-server: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Waits for SIGINT or SIGTERM, then closes every stream so that the
/// graceful shutdown does not wait for them.
async fn shutdown(rooms: Arc<Rooms>) {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate()).expect("a SIGTERM handler");
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
    rooms.close();
}
