//! The JSON API handlers: parse at the edge, answer with typed values or a `Failure`.

use crate::error::Failure;
use crate::{booking, feedback, AppState};
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use swg_model::api::{ApiError, BookingLookup, BookingRequest, FeedbackLookup, FeedbackRequest, Reschedule};

/// JSON input whose rejections (bad JSON, unknown fields, wrong type, too large) are answered
/// in the API's own error format, never with a 5xx.
pub struct Input<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Input<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Input(value)),
            Err(rejection) => {
                let (status, message) = match &rejection {
                    JsonRejection::MissingJsonContentType(_) => (
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        "请以 JSON 格式提交（Content-Type: application/json）。".to_owned(),
                    ),
                    JsonRejection::JsonSyntaxError(_) => {
                        (StatusCode::BAD_REQUEST, "提交的内容不是有效的 JSON。".to_owned())
                    }
                    JsonRejection::JsonDataError(e) => {
                        (StatusCode::BAD_REQUEST, format!("提交的字段有误：{}", e.body_text()))
                    }
                    other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        (StatusCode::PAYLOAD_TOO_LARGE, "提交的内容太大。".to_owned())
                    }
                    other => (StatusCode::BAD_REQUEST, format!("无法读取提交的内容：{}", other.body_text())),
                };
                Err((status, Json(ApiError { message, fields: Vec::new() })).into_response())
            }
        }
    }
}

#[derive(Deserialize)]
pub struct WindowQuery {
    window: String,
}

pub async fn availability(
    State(state): State<AppState>,
    Query(q): Query<WindowQuery>,
) -> Result<Response, Failure> {
    Ok(Json(booking::availability(&state, &q.window).await?).into_response())
}

fn created<T: serde::Serialize>(value: T, new: bool) -> Response {
    let status = if new { StatusCode::CREATED } else { StatusCode::OK };
    (status, Json(value)).into_response()
}

pub async fn book(
    State(state): State<AppState>,
    Input(req): Input<BookingRequest>,
) -> Result<Response, Failure> {
    let (booking, new) = booking::book(&state, &req).await?;
    Ok(created(booking, new))
}

pub async fn lookup(
    State(state): State<AppState>,
    Input(req): Input<BookingLookup>,
) -> Result<Response, Failure> {
    Ok(Json(booking::lookup(&state, &req).await?).into_response())
}

pub async fn reschedule(
    State(state): State<AppState>,
    Input(req): Input<Reschedule>,
) -> Result<Response, Failure> {
    Ok(Json(booking::reschedule(&state, &req).await?).into_response())
}

pub async fn cancel(
    State(state): State<AppState>,
    Input(req): Input<BookingLookup>,
) -> Result<Response, Failure> {
    Ok(Json(booking::cancel(&state, &req).await?).into_response())
}

pub async fn submit_feedback(
    State(state): State<AppState>,
    Input(req): Input<FeedbackRequest>,
) -> Result<Response, Failure> {
    let (receipt, new) = feedback::submit(&state, &req).await?;
    Ok(created(receipt, new))
}

pub async fn feedback_lookup(
    State(state): State<AppState>,
    Input(req): Input<FeedbackLookup>,
) -> Result<Response, Failure> {
    Ok(Json(feedback::lookup(&state, &req).await?).into_response())
}

pub async fn stats(State(state): State<AppState>) -> Result<Response, Failure> {
    Ok(Json(feedback::stats(&state).await?).into_response())
}

pub async fn health(State(state): State<AppState>) -> Result<&'static str, Failure> {
    sqlx::query("SELECT 1").execute(&state.pool).await?;
    Ok("ok")
}
