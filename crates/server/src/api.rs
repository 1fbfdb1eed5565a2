//! The JSON API handlers: parse at the edge, answer with typed values or a `Failure`.

use crate::error::Failure;
use crate::idempotency::Via;
use crate::input::Input;
use crate::rate::ClientAddr;
use crate::work::Evidence;
use crate::{booking, feedback, AppState};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use swg_model::api::{
    BookingFind, BookingLookup, BookingRequest, FeedbackLookup, FeedbackRequest, FixRating, Reschedule,
};
use swg_model::work::PROOF_HEADER;

#[derive(Deserialize)]
pub struct WindowQuery {
    window: String,
}

pub async fn availability(
    State(state): State<AppState>,
    query: Result<Query<WindowQuery>, QueryRejection>,
) -> Result<Response, Failure> {
    let Ok(Query(q)) = query else {
        return Err(Failure::BadRequest(swg_model::Said::new(
            "请指明窗口（?window=…）。",
            "Name the window (?window=…).",
        )));
    };
    Ok(Json(booking::availability(&state, &q.window).await?).into_response())
}

fn created<T: serde::Serialize>(value: T, new: bool) -> Response {
    let status = if new { StatusCode::CREATED } else { StatusCode::OK };
    (status, Json(value)).into_response()
}

/// The solved challenge a retried booking carries in its `x-proof` header, if any.
fn evidence(headers: &HeaderMap) -> Evidence {
    headers
        .get(PROOF_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| serde_json::from_str(v).ok())
        .map_or(Evidence::Nothing, Evidence::Work)
}

fn api(client: Option<Extension<ClientAddr>>) -> Via {
    Via::Api(client.map_or(std::net::IpAddr::from([127, 0, 0, 1]), |Extension(ClientAddr(ip))| ip))
}

pub async fn book(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    Input(req): Input<BookingRequest>,
) -> Result<Response, Failure> {
    let (booking, new) = booking::book(&state, &req, api(client), &evidence(&headers)).await?;
    Ok(created(booking, new))
}

pub async fn lookup(
    State(state): State<AppState>,
    Input(req): Input<BookingLookup>,
) -> Result<Response, Failure> {
    state.limits.code(&swg_model::form::normalise_code(&req.code))?;
    Ok(Json(booking::lookup(&state, &req).await?).into_response())
}

pub async fn reschedule(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    Input(req): Input<Reschedule>,
) -> Result<Response, Failure> {
    state.limits.code(&swg_model::form::normalise_code(&req.code))?;
    Ok(Json(booking::reschedule(&state, &req, api(client)).await?).into_response())
}

pub async fn find(
    State(state): State<AppState>,
    Input(req): Input<BookingFind>,
) -> Result<Response, Failure> {
    Ok(Json(booking::find(&state, &req).await?).into_response())
}

pub async fn cancel(
    State(state): State<AppState>,
    Input(req): Input<BookingLookup>,
) -> Result<Response, Failure> {
    state.limits.code(&swg_model::form::normalise_code(&req.code))?;
    Ok(Json(booking::cancel(&state, &req).await?).into_response())
}

pub async fn submit_feedback(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    Input(req): Input<FeedbackRequest>,
) -> Result<Response, Failure> {
    let (receipt, new) = feedback::submit(&state, &req, api(client)).await?;
    Ok(created(receipt, new))
}

pub async fn feedback_lookup(
    State(state): State<AppState>,
    Input(req): Input<FeedbackLookup>,
) -> Result<Response, Failure> {
    state.limits.code(&swg_model::form::normalise_code(&req.tracking))?;
    Ok(Json(feedback::lookup(&state, &req).await?).into_response())
}

pub async fn rate_fix(
    State(state): State<AppState>,
    Input(req): Input<FixRating>,
) -> Result<Response, Failure> {
    state.limits.code(&swg_model::form::normalise_code(&req.tracking))?;
    Ok(Json(feedback::rate_fix(&state, &req).await?).into_response())
}

/// The public figures, computed at most once per `stats_cache_seconds` per instance.
pub async fn stats(State(state): State<AppState>) -> Result<Response, Failure> {
    let fresh = std::time::Duration::from_secs(state.config.stats_cache_seconds);
    let mut cached = state.stats.lock().await;
    let stats = match cached.as_ref() {
        Some((at, stats)) if at.elapsed() < fresh => stats.clone(),
        _ => {
            let stats = crate::figures::stats(&state).await?;
            *cached = Some((std::time::Instant::now(), stats.clone()));
            stats
        }
    };
    Ok(Json(stats).into_response())
}

pub async fn health(State(state): State<AppState>) -> Result<&'static str, Failure> {
    sqlx::query("SELECT 1").execute(&state.pool).await?;
    Ok("ok")
}
