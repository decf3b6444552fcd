//! The HTTP side: the live endpoints under `/live/{room}/`, the page's files
//! everywhere else, and the headers every response carries.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Path, Query, State};
use axum::handler::Handler;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, HOST, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::rooms::{key_opens, valid_client, valid_room_id, Join, Presence, Refused, Rooms};
use crate::sse;
use crate::statics::{self, Statics};

/// A view or pointer message's body at most (the message itself is at most
/// `sync::MAX_MESSAGE`).
pub const MAX_VIEW_BODY: usize = 16 * 1024;

/// A presence report's body at most.
pub const MAX_PRESENCE_BODY: usize = 256;

/// The header that carries the speaker's key on a POST.
pub const KEY_HEADER: &str = "x-live-key";

/// What the live endpoints share.
#[derive(Debug)]
pub struct Live {
    /// The rooms.
    pub rooms: Arc<Rooms>,
    /// The public base URL the audience link starts with (ending in `/`),
    /// or `None` to take it from each request's Host header.
    pub public: Option<String>,
}

impl Live {
    /// The link a phone opens to follow `room`.
    pub fn audience(&self, room: &str, headers: &HeaderMap) -> String {
        let base = match &self.public {
            Some(base) => base.clone(),
            None => match headers.get(HOST).and_then(|h| h.to_str().ok()) {
                Some(host) if valid_host(host) => format!("http://{host}/"),
                _ => "/".to_string(),
            },
        };
        format!("{base}?live={room}")
    }
}

/// A Host header fit to be written into a link (and an event line).
fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
}

/// The server: live endpoints, then the page's files.
pub fn router(live: Live, statics: Statics) -> Router {
    let csp = statics.csp().cloned();
    let live_routes = Router::new()
        .route("/live/{room}/events", get(events))
        .route("/live/{room}/view", post(view))
        .route("/live/{room}/presence", post(presence))
        .with_state(Arc::new(live))
        .layer(SetResponseHeaderLayer::if_not_present(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    live_routes
        .fallback_service(statics::serve.with_state(statics))
        .layer(SetResponseHeaderLayer::overriding(
            CONTENT_SECURITY_POLICY,
            move |_: &Response| csp.clone(),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

/// A plain text answer.
fn text(status: StatusCode, body: &'static str) -> Response {
    (status, body).into_response()
}

/// The answer to a refused speaker.
fn refused(r: Refused) -> Response {
    match r {
        Refused::Key => text(StatusCode::FORBIDDEN, "wrong or missing key\n"),
        Refused::Rooms => text(
            StatusCode::SERVICE_UNAVAILABLE,
            "too many rooms on this server; try again later\n",
        ),
    }
}

/// `GET /live/{room}/events?role=follow&id=CLIENT&state=...` or
/// `?role=speak&key=KEY`: the room's event stream.
async fn events(
    State(live): State<Arc<Live>>,
    Path(room): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let arg = |name: &str| q.get(name).map(String::as_str);
    let closing = live.rooms.closing();
    match arg("role") {
        Some("speak") => match live.rooms.speak(arg("key").unwrap_or(""), &room) {
            Ok(guard) => sse::speaker(guard, &live.audience(&room, &headers), closing),
            Err(r) => refused(r),
        },
        Some("follow") => {
            let Some(client) = arg("id").filter(|c| valid_client(c)) else {
                return text(
                    StatusCode::BAD_REQUEST,
                    "id: 1 to 32 ASCII letters and digits\n",
                );
            };
            let Some(presence) = arg("state").map_or(Some(Presence::Following), Presence::parse)
            else {
                return text(StatusCode::BAD_REQUEST, "state: following or exploring\n");
            };
            if !valid_room_id(&room) {
                return sse::single("unknown");
            }
            match live.rooms.follow(&room, client, presence) {
                Join::Unknown => sse::single("unknown"),
                Join::Full => sse::single("full"),
                Join::Joined(guard) => {
                    sse::follower(guard, &live.audience(&room, &headers), closing)
                }
            }
        }
        _ => text(StatusCode::BAD_REQUEST, "role: follow or speak\n"),
    }
}

/// `POST /live/{room}/view` with `X-Live-Key`: a view or pointer message.
async fn view(
    State(live): State<Arc<Live>>,
    Path(room): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if !valid_room_id(&room) {
        return text(StatusCode::NOT_FOUND, "no such room\n");
    }
    let key = headers.get(KEY_HEADER).and_then(|k| k.to_str().ok());
    let key = key.unwrap_or("");
    if !key_opens(key, &room) {
        return refused(Refused::Key);
    }
    let Ok(bytes) = to_bytes(body, MAX_VIEW_BODY).await else {
        return text(
            StatusCode::PAYLOAD_TOO_LARGE,
            "a message is at most 16 KiB\n",
        );
    };
    let room = match live.rooms.open(key) {
        Ok(room) => room,
        Err(r) => return refused(r),
    };
    match std::str::from_utf8(&bytes).ok().map(|t| room.publish(t)) {
        Some(Ok(())) => StatusCode::NO_CONTENT.into_response(),
        _ => text(StatusCode::BAD_REQUEST, "not a view or pointer message\n"),
    }
}

/// `POST /live/{room}/presence` with `CLIENT following|exploring`.
async fn presence(State(live): State<Arc<Live>>, Path(room): Path<String>, body: Body) -> Response {
    if !valid_room_id(&room) {
        return text(StatusCode::NOT_FOUND, "no such room\n");
    }
    let Ok(bytes) = to_bytes(body, MAX_PRESENCE_BODY).await else {
        return text(
            StatusCode::PAYLOAD_TOO_LARGE,
            "a presence is at most 256 bytes\n",
        );
    };
    let parsed = std::str::from_utf8(&bytes)
        .ok()
        .and_then(|t| t.trim().split_once(' '))
        .filter(|(client, _)| valid_client(client))
        .and_then(|(client, state)| Some((client, Presence::parse(state)?)));
    let Some((client, state)) = parsed else {
        return text(StatusCode::BAD_REQUEST, "CLIENT following|exploring\n");
    };
    match live.rooms.get(&room) {
        Some(room) if room.set_presence(client, state) => StatusCode::NO_CONTENT.into_response(),
        // Relayed (`--redis`): the follower may be on another process.
        Some(room) if room.forward_presence(client, state) => {
            text(StatusCode::ACCEPTED, "passed on to the other processes\n")
        }
        _ => text(StatusCode::NOT_FOUND, "no such room or follower\n"),
    }
}
