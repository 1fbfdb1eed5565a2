//! The console's handlers: every page answers only a signed-in staff member, every change
//! checks the session's CSRF token and the account's windows, and is written to the audit trail
//! in the same transaction as the change itself.

mod account_admin;
mod audit_pages;
mod cases;
mod day;
mod feedback;
mod signing;

use {account_admin::*, audit_pages::*, cases::*, day::*, feedback::*, signing::*};

use super::accounts::{self, Refusal, StaffRow};
use super::audit::{self, Event};
use super::session::{self, Current, Session};
use crate::booking::today;
use crate::db::{self, now};
use crate::error::Failure;
use crate::input::PlainForm;
use crate::personal::Sealed;
use crate::rate::ClientAddr;
use crate::rows::{BookingRow, CaseRecord, FeedbackRow};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;
use swg_app::StaffPage;
use swg_model::api::{BookingStatus, FeedbackStatus, Need};
use swg_model::calendar::Date;
use swg_model::form::{mask_document, mask_name, mask_phone, parse_text};
use swg_model::staff::{self, path, CaseRow, DayList, DayRow, FeedbackDetail, InboxItem, Me, StaffRole};

fn page(state: &AppState, status: StatusCode, page: StaffPage) -> Response {
    (status, Html(page.document(&state.site.info, &state.assets.css))).into_response()
}

fn see_other(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

fn client_of(client: Option<Extension<ClientAddr>>) -> String {
    client.map_or_else(|| "127.0.0.1".to_owned(), |Extension(ClientAddr(ip))| ip.to_string())
}

/// A failure of the service itself, as a console page.
fn failed(state: &AppState, failure: &Failure) -> Response {
    failure.log();
    let message = failure.body().message;
    page(state, failure.status(), StaffPage::Refused { me: None, message })
}

/// The signed-in account and its session, or the sign-in page to answer with instead.
struct Signed {
    session: Session,
    account: StaffRow,
    client: String,
}

impl Signed {
    fn me(&self, state: &AppState) -> Me {
        let windows = state
            .site
            .windows
            .iter()
            .filter(|w| self.account.may_act_on(&w.id))
            .map(|w| (w.id.clone(), w.name.clone()))
            .collect();
        Me {
            username: self.account.username.clone(),
            display_name: self.account.display_name.clone(),
            role: self.account.role.0,
            windows,
            csrf: self.session.csrf.clone(),
            idle_until: session::idle_until(state),
        }
    }

    fn event<'a>(&'a self, action: &'a str, target: &'a str, detail: &'a str) -> Event<'a> {
        Event { actor: &self.account.username, action, target, detail, client: &self.client }
    }

    /// A refusal, recorded in the audit trail.
    async fn refuse(&self, state: &AppState, action: &str, target: &str, message: &str) -> Response {
        if let Err(failure) = audit::record_alone(&state.pool, self.event("refused", target, action)).await {
            return failed(state, &failure);
        }
        page(
            state,
            StatusCode::FORBIDDEN,
            StaffPage::Refused { me: Some(self.me(state)), message: message.to_owned() },
        )
    }
}

/// The signed-in member, who has replaced their one-time password: until then every console
/// page leads to the password page.
async fn signed_in(state: &AppState, headers: &HeaderMap, client: String) -> Result<Signed, Response> {
    let signed = session_of(state, headers, client).await?;
    if signed.account.must_change.0 .0 {
        return Err(see_other(&staff::href(path::PASSWORD)));
    }
    Ok(signed)
}

/// The signed-in member, one-time password or not (for the password page and signing out).
async fn session_of(state: &AppState, headers: &HeaderMap, client: String) -> Result<Signed, Response> {
    let notice = match session::current(state, headers).await {
        Ok(Current::Signed(session)) => match accounts::find(&state.pool, &session.username).await {
            Ok(Some(account)) => return Ok(Signed { session, account, client }),
            Ok(None) => None,
            Err(failure) => return Err(failed(state, &failure)),
        },
        Ok(Current::Expired) => Some("因闲置时间过长，已自动退出，请重新登录。".to_owned()),
        Ok(Current::None) => None,
        Err(failure) => return Err(failed(state, &failure)),
    };
    Err(page(state, StatusCode::UNAUTHORIZED, StaffPage::SignIn { notice }))
}

async fn checked(state: &AppState, signed: &Signed, csrf: &str, action: &str) -> Result<(), Response> {
    if session::csrf_ok(&signed.session, csrf) {
        Ok(())
    } else {
        Err(signed.refuse(state, action, "csrf", "这个表单已过期或不是本站发出的，请刷新页面后重试。").await)
    }
}

/// Whose session a form may come from: anyone signed in (the password page, signing out), or
/// only those who have replaced their one-time password.
#[derive(Clone, Copy)]
enum Who {
    Any,
    Ready,
}

/// The member a posted console form comes from, its CSRF token checked; the page to answer
/// with otherwise.
async fn form_from(
    state: &AppState,
    headers: &HeaderMap,
    client: Option<Extension<ClientAddr>>,
    who: Who,
    csrf: &str,
    action: &str,
) -> Result<Signed, Response> {
    let client = client_of(client);
    let signed = match who {
        Who::Any => session_of(state, headers, client).await?,
        Who::Ready => signed_in(state, headers, client).await?,
    };
    checked(state, &signed, csrf, action).await?;
    Ok(signed)
}

/// Runs a change and its audit entry in one transaction (tried again on a transient error).
async fn change<F, Fut>(state: &AppState, work: F) -> Result<(), Failure>
where
    F: Fn(sqlx::Transaction<'static, sqlx::Any>) -> Fut,
    Fut: std::future::Future<Output = Result<sqlx::Transaction<'static, sqlx::Any>, Failure>>,
{
    db::retrying(|| async {
        let tx = state.pool.begin().await?;
        work(tx).await?.commit().await?;
        Ok(())
    })
    .await
}

/// A form's address opened directly (a reload after a post, a bookmark): back to the start.
async fn back_home() -> Response {
    see_other(&staff::href(path::HOME))
}

/// The routes of the console.
pub fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route(path::HOME, get(home))
        .route(path::SIGN_IN, post(sign_in).get(home))
        .route(path::SIGN_OUT, post(sign_out).get(back_home))
        .route(path::PASSWORD, get(password_page).post(change_password))
        .route(path::DAY, get(day))
        .route(path::MARK, post(mark).get(back_home))
        .route(path::REVEAL, post(reveal).get(back_home))
        .route(path::CALL, post(call).get(back_home))
        .route(path::INBOX, get(inbox))
        .route(path::FEEDBACK, get(feedback))
        .route(path::REPLY, post(reply).get(back_home))
        .route(path::HANDOVER, post(handover).get(back_home))
        .route(path::ACCEPT, post(accept).get(back_home))
        .route(path::CASES, get(case_list))
        .route(path::CASE_UPDATE, post(update_case).get(back_home))
        .route(path::AUDIT, get(audit_page))
        .route(path::AUDIT_CSV, get(audit_csv))
        .route(path::ACCOUNTS, get(accounts_page))
        .route(path::ACCOUNT_ADD, post(add_account).get(back_home))
        .route(path::ACCOUNT_RESET, post(reset_account).get(back_home))
}
