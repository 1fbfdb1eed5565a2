//! Plain-HTML form targets for browsers without JavaScript: the same parsing and rules as the
//! API, answered with a server-rendered confirmation or error page in the site's own frame.

use crate::error::Failure;
use crate::idempotency::Via;
use crate::input::PlainForm;
use crate::rate::ClientAddr;
use crate::work::Evidence;
use crate::{booking, feedback, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;
use swg_app::{Answer, LookupStep};
use swg_model::api::{BookingLookup, BookingRequest, FeedbackLookup, FeedbackRequest};
use swg_model::form::FieldName;
use swg_model::{Lang, Route, Said};

/// An answer page in the site's own document, header and footer; no script (the page is
/// complete as it is).
fn answer(state: &AppState, status: StatusCode, answer: Answer, lang: Lang) -> Response {
    (status, Html(answer.document(&state.site.info, &state.assets.css, lang))).into_response()
}

/// What went wrong, in `lang`, with a link back to the form (in the same language).
pub(crate) fn failure_page(state: &AppState, failure: &Failure, back: Route, lang: Lang) -> Response {
    failure.log();
    let page = Answer::Failed { error: failure.body(), back: back.in_lang(lang) };
    failure.with_headers(answer(state, failure.status(), page, lang))
}

/// The language a plain form was filled in: its hidden `lang` field, Chinese without one.
fn lang_of(field: &str) -> Lang {
    Lang::parse(field).unwrap_or_default()
}

/// The form a plain post to `path` came from, to go back to.
pub(crate) fn back(path: &str) -> Route {
    use swg_model::api::path;
    if path.ends_with(path::FORM_FEEDBACK) {
        Route::Feedback
    } else if path.ends_with(path::FORM_LOOKUP) {
        Route::Manage
    } else if path.ends_with(path::FORM_TRACK) {
        Route::Track
    } else {
        Route::Book
    }
}

/// A plain form's key is derived from its fields, the day and the client it came from.
fn via(client: Option<Extension<ClientAddr>>) -> Via {
    Via::Form(client.map_or(std::net::IpAddr::from([127, 0, 0, 1]), |Extension(ClientAddr(ip))| ip))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BookingForm {
    lang: String,
    window: String,
    service: String,
    day: String,
    slot: String,
    name: String,
    phone: String,
    id_number: String,
    id_kind: String,
    need: String,
    home_visit: Option<String>,
    /// The waiting ticket of the "please wait" page, when the booking needed one.
    ticket: String,
    /// The server's own booking form sends day and slot as one choice, "YYYY-MM-DD|HH:MM".
    when: String,
}

#[derive(Deserialize)]
pub struct WindowChoice {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    window: String,
    #[serde(default)]
    service: String,
}

/// The booking form of one window for browsers without JavaScript: the bookable slots of the
/// coming days with the places left, exactly as the API offers them.
pub async fn booking_page(
    State(state): State<AppState>,
    query: Result<axum::extract::Query<WindowChoice>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let choice = query.map(|q| q.0).unwrap_or(WindowChoice {
        lang: String::new(),
        window: String::new(),
        service: String::new(),
    });
    let lang = lang_of(&choice.lang);
    let availability = match booking::availability(&state, &choice.window).await {
        Ok(availability) => availability,
        Err(failure) => return failure_page(&state, &failure, Route::Book, lang),
    };
    let windows = lang.pick(&state.site.windows, &state.site.english.windows);
    let Some(window) = windows.iter().find(|w| w.id == choice.window) else {
        let failure = Failure::NotFound(Said::new("没有这个窗口。", "There is no such window."));
        return failure_page(&state, &failure, Route::Book, lang);
    };
    let services = window.services.iter().map(|s| (s.id.clone(), s.title.clone())).collect();
    let page = Answer::Book {
        window: window.id.clone(),
        window_name: window.name.clone(),
        services,
        service: choice.service,
        availability,
    };
    answer(&state, StatusCode::OK, page, lang)
}

pub async fn booking(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    form: Result<PlainForm<BookingForm>, Failure>,
) -> Response {
    let f = match form {
        Ok(PlainForm(f)) => f,
        Err(failure) => return failure_page(&state, &failure, Route::Book, Lang::Zh),
    };
    let lang = lang_of(&f.lang);
    let evidence = if f.ticket.is_empty() { Evidence::Nothing } else { Evidence::Ticket(f.ticket) };
    let (day, slot) = match f.when.split_once('|') {
        Some((day, slot)) if f.day.is_empty() => (day.to_owned(), slot.to_owned()),
        _ => (f.day, f.slot),
    };
    let request = BookingRequest {
        idempotency_key: String::new(),
        need: if f.need.is_empty() { "none".into() } else { f.need },
        home_visit: f.home_visit.is_some(),
        window: f.window,
        service: f.service,
        day,
        slot,
        name: f.name,
        phone: f.phone,
        id_number: f.id_number,
        id_kind: f.id_kind,
    };
    match booking::book(&state, &request, via(client), &evidence).await {
        Ok((b, _)) => answer(&state, StatusCode::OK, Answer::Booked(b.in_lang(lang)), lang),
        Err(Failure::ProofNeeded(demand)) => {
            let r = request;
            let mut fields = vec![
                (FieldName::Window, r.window),
                (FieldName::Service, r.service),
                (FieldName::Day, r.day),
                (FieldName::Slot, r.slot),
                (FieldName::Name, r.name),
                (FieldName::Phone, r.phone),
                (FieldName::IdNumber, r.id_number),
                (FieldName::IdKind, r.id_kind),
                (FieldName::Need, r.need),
                (FieldName::Lang, lang.id().to_owned()),
            ];
            if r.home_visit {
                fields.push((FieldName::HomeVisit, "on".to_owned()));
            }
            let wait = Answer::Wait { fields, ticket: demand.ticket, seconds: demand.wait_seconds };
            answer(&state, StatusCode::PRECONDITION_REQUIRED, wait, lang)
        }
        Err(failure) => failure_page(&state, &failure, Route::Book, lang),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FeedbackForm {
    lang: String,
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
    client: Option<Extension<ClientAddr>>,
    form: Result<PlainForm<FeedbackForm>, Failure>,
) -> Response {
    let f = match form {
        Ok(PlainForm(f)) => f,
        Err(failure) => return failure_page(&state, &failure, Route::Feedback, Lang::Zh),
    };
    let lang = lang_of(&f.lang);
    let rating = match f.rating.trim() {
        "" => 0,
        given => match given.parse::<u8>() {
            Ok(n) => n,
            Err(_) => {
                let failure = crate::error::invalid(
                    FieldName::Rating,
                    Said::new("请在五个等级中选择一个", "Choose one of the five ratings"),
                );
                return failure_page(&state, &failure, Route::Feedback, lang);
            }
        },
    };
    let request = FeedbackRequest {
        idempotency_key: String::new(),
        rating,
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
    match feedback::submit(&state, &request, via(client)).await {
        Ok((r, _)) => answer(&state, StatusCode::OK, Answer::Filed(r.in_lang(lang)), lang),
        Err(failure) => failure_page(&state, &failure, Route::Feedback, lang),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LookupForm {
    lang: String,
    code: String,
    phone: String,
    /// Empty to look up; "ask" to be asked whether to cancel; "yes" to cancel.
    cancel: String,
}

/// 预约查询 without JavaScript: the booking, a button to cancel it, a question before
/// cancelling, and the cancellation. (Moving a booking needs the interactive page or a call.)
pub async fn lookup(State(state): State<AppState>, form: Result<PlainForm<LookupForm>, Failure>) -> Response {
    let f = match form {
        Ok(PlainForm(f)) => f,
        Err(failure) => return failure_page(&state, &failure, Route::Manage, Lang::Zh),
    };
    let lang = lang_of(&f.lang);
    if let Err(failure) = state.limits.code(&swg_model::form::normalise_code(&f.code)) {
        return failure_page(&state, &failure, Route::Manage, lang);
    }
    let request = BookingLookup { code: f.code, phone: f.phone };
    let (result, step) = match f.cancel.as_str() {
        "yes" => (booking::cancel(&state, &request).await, LookupStep::Cancelled),
        "ask" => (booking::lookup(&state, &request).await, LookupStep::Ask),
        _ => (booking::lookup(&state, &request).await, LookupStep::Shown),
    };
    match result {
        Ok(found) => answer(
            &state,
            StatusCode::OK,
            Answer::Found { booking: found.in_lang(lang), phone: request.phone, step },
            lang,
        ),
        Err(failure) => failure_page(&state, &failure, Route::Manage, lang),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TrackForm {
    lang: String,
    tracking: String,
    phone: String,
}

/// 办理进度查询 without JavaScript.
pub async fn track(State(state): State<AppState>, form: Result<PlainForm<TrackForm>, Failure>) -> Response {
    let f = match form {
        Ok(PlainForm(f)) => f,
        Err(failure) => return failure_page(&state, &failure, Route::Track, Lang::Zh),
    };
    let lang = lang_of(&f.lang);
    if let Err(failure) = state.limits.code(&swg_model::form::normalise_code(&f.tracking)) {
        return failure_page(&state, &failure, Route::Track, lang);
    }
    match feedback::lookup(&state, &FeedbackLookup { tracking: f.tracking, phone: f.phone }).await {
        Ok(receipt) => answer(&state, StatusCode::OK, Answer::Tracked(receipt.in_lang(lang)), lang),
        Err(failure) => failure_page(&state, &failure, Route::Track, lang),
    }
}
