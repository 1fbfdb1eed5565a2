//! Browser side of the API: JSON requests, idempotency keys, and the outbox that keeps an
//! unsent submission on the device and sends it again when the connection is back.

use crate::storage;
use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use swg_model::api::ApiError;
use swg_model::form::FieldName;
use swg_model::route::base_path;
use swg_model::work::PROOF_HEADER;
use swg_model::Lang;

/// Why a request did not succeed.
#[derive(Clone, Debug, PartialEq)]
pub enum Failed {
    /// No answer: offline, server unreachable, or the API is not deployed here.
    Network,
    /// The server answered with an error.
    Api(u16, ApiError),
}

impl Failed {
    /// What went wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failed::Network => lang
                .pick(
                    "网络不通或服务暂时无法连接。",
                    "No connection, or the service cannot be reached just now.",
                )
                .to_owned(),
            Failed::Api(_, e) => e.text(lang).to_owned(),
        }
    }

    /// The first field the server named as wrong, if any.
    pub fn first_field(&self) -> Option<FieldName> {
        match self {
            Failed::Api(_, e) => e.fields.first().map(|f| f.field),
            Failed::Network => None,
        }
    }

    /// The message for one form field, if the server named it, in `lang`.
    pub fn field(&self, name: FieldName, lang: Lang) -> Option<String> {
        match self {
            Failed::Api(_, e) => e.fields.iter().find(|f| f.field == name).map(|f| f.text(lang).to_owned()),
            Failed::Network => None,
        }
    }
}

/// One request; with `proof`, the solved challenge in its header. The answer's JSON text when
/// the server accepted the request. (Not generic: one copy of the request code serves every
/// kind of answer.)
async fn send_once(
    method: Method,
    url: &str,
    body: Option<&str>,
    proof: Option<&str>,
) -> Result<String, Failed> {
    let mut builder = RequestBuilder::new(url).method(method);
    if let Some(proof) = proof {
        builder = builder.header(PROOF_HEADER, proof);
    }
    let request = match body {
        Some(body) => builder.header("content-type", "application/json").body(body.to_owned()),
        None => builder.build(),
    };
    let response = request.map_err(|_| Failed::Network)?.send().await.map_err(|_| Failed::Network)?;
    let text = response.text().await.map_err(|_| Failed::Network)?;
    if response.ok() {
        Ok(text)
    } else {
        // A static host without the API answers 404/405 with HTML: treat it as unreachable.
        Err(storage::from_json::<ApiError>(&text)
            .map_or(Failed::Network, |e| Failed::Api(response.status(), e)))
    }
}

/// Sends a request; when the server asks for a proof of work first (428, at times of unusual
/// pressure), solves it and sends the same request again with the answer: nothing to do for
/// the citizen, no puzzle.
async fn send(method: Method, path: &str, body: Option<String>) -> Result<String, Failed> {
    let url = format!("{}{path}", base_path());
    let mut proof = None;
    let mut tries = 0;
    loop {
        match send_once(method.clone(), &url, body.as_deref(), proof.as_deref()).await {
            Err(Failed::Api(428, ApiError { challenge: Some(challenge), .. })) if tries < 2 => {
                tries += 1;
                proof = swg_model::work::solve(&challenge).and_then(|p| storage::to_json(&p));
            }
            other => return other,
        }
    }
}

/// An accepted answer read as `R`; one that does not read is treated as unreachable.
fn decode<R: DeserializeOwned>(answer: Result<String, Failed>) -> Result<R, Failed> {
    answer.and_then(|text| storage::from_json(&text).ok_or(Failed::Network))
}

pub async fn get<R: DeserializeOwned>(path: &str) -> Result<R, Failed> {
    decode(send(Method::GET, path, None).await)
}

pub async fn post<B: Serialize, R: DeserializeOwned>(path: &str, body: &B) -> Result<R, Failed> {
    let body = storage::to_json(body).ok_or(Failed::Network)?;
    decode(send(Method::POST, path, Some(body)).await)
}

/// A fresh idempotency key for one submission.
pub fn new_key() -> String {
    let random = (js_sys::Math::random() * 1e15) as u64;
    let now = js_sys::Date::now() as u64;
    format!("k{now:x}-{random:x}")
}

/// A submission waiting to be sent (kept in localStorage until the server has answered).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending<T> {
    pub path: String,
    pub body: T,
}

fn outbox_key(kind: &str) -> String {
    format!("swg.outbox.{kind}")
}

pub fn outbox_put<T: Serialize>(kind: &str, pending: &Pending<T>) {
    storage::save(&outbox_key(kind), pending);
}

pub fn outbox_get<T: DeserializeOwned>(kind: &str) -> Option<Pending<T>> {
    storage::load(&outbox_key(kind))
}

pub fn outbox_clear(kind: &str) {
    storage::remove(&outbox_key(kind));
}

/// Sends a submission. Without a connection it waits in the outbox (and `queued` says so) until
/// the caller sends it again; any answer from the server empties the outbox and goes to `done`.
/// The idempotency key inside `pending` makes every resend safe.
pub fn submit<B, R>(
    outbox: &'static str,
    pending: Pending<B>,
    queued: leptos::prelude::RwSignal<bool>,
    done: impl Fn(Result<R, Failed>) + 'static,
) where
    B: Serialize + 'static,
    R: DeserializeOwned + 'static,
{
    use leptos::prelude::Set;
    leptos::task::spawn_local(async move {
        match post::<_, R>(&pending.path, &pending.body).await {
            Err(Failed::Network) => {
                outbox_put(outbox, &pending);
                queued.set(true);
            }
            answer => {
                outbox_clear(outbox);
                queued.set(false);
                done(answer);
            }
        }
    });
}

/// Sends what waits in the outbox once the island is on screen, and again whenever the browser
/// comes back online.
pub fn resume_outbox<B>(
    outbox: &'static str,
    queued: leptos::prelude::RwSignal<bool>,
    send: impl Fn(Pending<B>) + Copy + 'static,
) where
    B: DeserializeOwned + 'static,
{
    use leptos::prelude::Set;
    let retry = move || {
        if let Some(pending) = outbox_get::<B>(outbox) {
            queued.set(true);
            send(pending);
        }
    };
    leptos::prelude::Effect::new(move |_| retry());
    on_online(retry);
}

/// Runs `f` whenever the browser comes back online, until the current owner is cleaned up.
fn on_online(f: impl Fn() + 'static) {
    let handle = leptos::prelude::window_event_listener_untyped("online", move |_| f());
    leptos::prelude::on_cleanup(move || handle.remove());
}

/// The bookings made on this device, newest first (as the server showed them: personal data
/// already masked), so a confirmation can be found again after a reload.
const SAVED_BOOKINGS: &str = "swg.bookings";

/// The bookings still to come: one cancelled, or of a day gone by, is no longer shown.
pub fn saved_bookings() -> Vec<swg_model::api::Booking> {
    let today = swg_model::calendar::Date::parse(&storage::today());
    let saved: Vec<swg_model::api::Booking> = storage::load(SAVED_BOOKINGS).unwrap_or_default();
    saved
        .into_iter()
        .filter(|b| b.status == swg_model::api::BookingStatus::Booked && today.is_none_or(|t| b.day >= t))
        .collect()
}

/// Keeps a confirmation on the device (the five newest, replacing an older copy of the same
/// code); a cancelled booking is removed instead.
pub fn save_booking(booking: &swg_model::api::Booking) {
    let mut saved = saved_bookings();
    saved.retain(|b| b.code != booking.code);
    if booking.status == swg_model::api::BookingStatus::Booked {
        saved.insert(0, booking.clone());
    }
    saved.truncate(5);
    storage::save(SAVED_BOOKINGS, &saved);
}

/// Removes a booking from this device's list (the booking itself stays with the window).
pub fn forget_booking(code: &str) {
    let mut saved = saved_bookings();
    saved.retain(|b| b.code != code);
    storage::save(SAVED_BOOKINGS, &saved);
}
