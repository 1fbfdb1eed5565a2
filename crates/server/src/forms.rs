//! Plain-HTML form targets for browsers without JavaScript: the same parsing and rules as the
//! API, answered with a server-rendered confirmation or error page in the site's own frame.

use crate::error::Failure;
use crate::{booking, feedback, AppState};
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Form;
use serde::Deserialize;
use swg_app::Answer;
use swg_model::api::{BookingRequest, FeedbackRequest};
use swg_model::Route;

/// A stable key for a plain form post, so that pressing "resend" never books twice.
fn form_key(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.join("\u{1f}").bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("form-{hash:016x}")
}

/// An answer page in the site's own document, header and footer; no script (the page is
/// complete as it is).
fn answer(state: &AppState, status: StatusCode, answer: Answer) -> Response {
    (status, Html(answer.document(&state.site.info, &state.assets.css))).into_response()
}

fn failure_page(state: &AppState, failure: &Failure, back: Route) -> Response {
    failure.log();
    answer(state, failure.status(), Answer::Failed { error: failure.body(), back })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BookingForm {
    window: String,
    service: String,
    day: String,
    slot: String,
    name: String,
    phone: String,
    id_number: String,
    need: String,
    home_visit: Option<String>,
}

pub async fn booking(
    State(state): State<AppState>,
    form: Result<Form<BookingForm>, FormRejection>,
) -> Response {
    let Ok(Form(f)) = form else {
        return failure_page(
            &state,
            &Failure::BadRequest("表单内容无法读取，请重新填写。".into()),
            Route::Book,
        );
    };
    let request = BookingRequest {
        idempotency_key: form_key(&[&f.window, &f.service, &f.day, &f.slot, &f.phone, &f.id_number]),
        need: if f.need.is_empty() { "none".into() } else { f.need },
        home_visit: f.home_visit.is_some(),
        window: f.window,
        service: f.service,
        day: f.day,
        slot: f.slot,
        name: f.name,
        phone: f.phone,
        id_number: f.id_number,
    };
    match booking::book(&state, &request).await {
        Ok((b, _)) => answer(&state, StatusCode::OK, Answer::Booked(b)),
        Err(failure) => failure_page(&state, &failure, Route::Book),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FeedbackForm {
    kind: String,
    window: String,
    service: String,
    visit_date: String,
    text: String,
    officer: String,
    phone: String,
    consent: Option<String>,
    rating: String,
    what_went_wrong: String,
    website: String,
}

pub async fn feedback(
    State(state): State<AppState>,
    form: Result<Form<FeedbackForm>, FormRejection>,
) -> Response {
    let Ok(Form(f)) = form else {
        return failure_page(
            &state,
            &Failure::BadRequest("表单内容无法读取，请重新填写。".into()),
            Route::Feedback,
        );
    };
    let request = FeedbackRequest {
        idempotency_key: form_key(&[&f.kind, &f.window, &f.text, &f.phone, &f.rating, &f.what_went_wrong]),
        rating: f.rating.parse().unwrap_or(0),
        consent: f.consent.is_some(),
        kind: f.kind,
        window: f.window,
        service: f.service,
        visit_date: f.visit_date,
        text: f.text,
        officer: f.officer,
        phone: f.phone,
        what_went_wrong: f.what_went_wrong,
        website: f.website,
    };
    match feedback::submit(&state, &request).await {
        Ok((r, _)) => answer(&state, StatusCode::OK, Answer::Filed(r)),
        Err(failure) => failure_page(&state, &failure, Route::Feedback),
    }
}
