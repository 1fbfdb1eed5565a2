//! The console's handlers: every page answers only a signed-in staff member, every change
//! checks the session's CSRF token and the account's windows, and is written to the audit trail
//! in the same transaction as the change itself.

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

pub async fn home(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let items = match inbox_items(&state, &signed).await {
        Ok(items) => items,
        Err(failure) => return failed(&state, &failure),
    };
    let open_cases = match cases(&state, &signed).await {
        Ok(cases) => cases.iter().filter(|c| c.closed_on.is_none()).count(),
        Err(failure) => return failed(&state, &failure),
    };
    let count = |f: &dyn Fn(&InboxItem) -> bool| {
        u32::try_from(items.iter().filter(|i| f(i)).count()).unwrap_or(u32::MAX)
    };
    page(
        &state,
        StatusCode::OK,
        StaffPage::Home {
            me: signed.me(&state),
            today: today(),
            overdue: count(&|i| i.overdue),
            due_today: count(&|i| i.due_today),
            unanswered: count(&|i| i.due_on.is_some() && i.answered_on.is_none() && i.handed_to.is_none()),
            handed_to_me: count(&|i| i.handed_to.is_some() && !signed.account.may_act_on(&i.window)),
            open_cases: u32::try_from(open_cases).unwrap_or(u32::MAX),
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignInForm {
    username: String,
    password: String,
}

pub async fn sign_in(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    form: Result<PlainForm<SignInForm>, Failure>,
) -> Response {
    let client = client_of(client);
    let form = match form {
        Ok(PlainForm(form)) => form,
        Err(failure) => {
            return page(&state, failure.status(), StaffPage::SignIn { notice: Some(failure.body().message) })
        }
    };
    let username = form.username.trim().to_ascii_lowercase();
    let outcome = match accounts::sign_in(&state.pool, &username, &form.password).await {
        Ok(outcome) => outcome,
        Err(failure) => return failed(&state, &failure),
    };
    // Only an existing account's name is recorded: a password typed into the name field is not.
    let known = accounts::find(&state.pool, &username).await.ok().flatten().is_some();
    let actor = if known { username.as_str() } else { "(unknown)" };
    let (action, refusal) = match &outcome {
        Ok(_) => ("signed in", None),
        Err(Refusal::Wrong) => ("sign-in failed", Some("用户名或密码不对。".to_owned())),
        Err(Refusal::Locked(until)) => (
            "sign-in refused: locked",
            Some(format!("多次输错，账号已锁定，请在 {} 分钟后再试。", ((until - now()) / 60).max(1))),
        ),
    };
    let event = Event { actor, action, target: actor, detail: "", client: &client };
    if let Err(failure) = audit::record_alone(&state.pool, event).await {
        return failed(&state, &failure);
    }
    let account = match (outcome, refusal) {
        (Ok(account), _) => account,
        (Err(_), notice) => return page(&state, StatusCode::UNAUTHORIZED, StaffPage::SignIn { notice }),
    };
    let cookie = match session::start(&state, &account.username).await {
        Ok(cookie) => cookie,
        Err(failure) => return failed(&state, &failure),
    };
    let to = if account.must_change.0 .0 { path::PASSWORD } else { path::HOME };
    let mut response = see_other(&staff::href(to));
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    response
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SignOutForm {
    csrf: String,
    everywhere: Option<String>,
}

pub async fn sign_out(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<SignOutForm>,
) -> Response {
    let signed = match session_of(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "sign out").await {
        return response;
    }
    let everywhere = form.everywhere.is_some();
    let ended = session::end(&state, &signed.session, everywhere).await;
    let detail = if everywhere { "everywhere" } else { "" };
    let recorded =
        audit::record_alone(&state.pool, signed.event("signed out", &signed.account.username, detail)).await;
    if let Err(failure) = ended.and(recorded) {
        return failed(&state, &failure);
    }
    let mut response =
        page(&state, StatusCode::OK, StaffPage::SignIn { notice: Some("已退出。".to_owned()) });
    if let Ok(cookie) = session::clearing(&state) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

pub async fn password_page(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    match session_of(&state, &headers, client_of(client)).await {
        Ok(signed) => page(
            &state,
            StatusCode::OK,
            StaffPage::Password { me: signed.me(&state), must: signed.account.must_change.0 .0, error: None },
        ),
        Err(response) => response,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    csrf: String,
    current: String,
    new: String,
    again: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<PasswordForm>,
) -> Response {
    let signed = match session_of(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "change password").await {
        return response;
    }
    let error = if !accounts::is_current(&signed.account, &form.current) {
        Some("现在的密码不对。".to_owned())
    } else if form.new != form.again {
        Some("两次输入的新密码不一样。".to_owned())
    } else if form.new == form.current {
        Some("新密码不能和现在的密码相同。".to_owned())
    } else {
        accounts::parse_password(&form.new).err()
    };
    if let Some(error) = error {
        let must = signed.account.must_change.0 .0;
        return page(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            StaffPage::Password { me: signed.me(&state), must, error: Some(error) },
        );
    }
    let saved = accounts::change_password(&state.pool, &signed.account.username, &form.new).await;
    // Every other session of the account ends: whoever else knew the old password is out.
    let others = sqlx::query("DELETE FROM staff_sessions WHERE username = $1 AND token_hash <> $2")
        .bind(&signed.account.username)
        .bind(&signed.session.token_hash)
        .execute(&state.pool)
        .await
        .map(drop)
        .map_err(Failure::from);
    let saved = saved.and(others);
    let recorded =
        audit::record_alone(&state.pool, signed.event("changed password", &signed.account.username, ""))
            .await;
    match saved.and(recorded) {
        Ok(()) => see_other(&staff::href(path::HOME)),
        Err(failure) => failed(&state, &failure),
    }
}

#[derive(Deserialize)]
pub struct DayQuery {
    window: String,
    day: Option<String>,
}

/// A window's day list, with one row's full ID number when `reveal` names it.
async fn day_list(
    state: &AppState,
    window: &str,
    day: Date,
    reveal: Option<&str>,
) -> Result<DayList, Failure> {
    let site = &state.site;
    let found = site.windows.iter().find(|w| w.id == window);
    let window_name = found.map_or_else(|| window.to_owned(), |w| w.name.clone());
    let rows: Vec<BookingRow> =
        sqlx::query_as("SELECT * FROM bookings WHERE window_id = $1 AND day = $2 AND status <> $3")
            .bind(window)
            .bind(day.to_string())
            .bind(BookingStatus::Cancelled.id())
            .fetch_all(&state.pool)
            .await?;
    let open = |sealed: &Sealed| state.keys.open(sealed).map_err(Failure::Unavailable);
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        let id = open(&row.id_number.0)?;
        list.push(DayRow {
            service_title: site
                .guides
                .iter()
                .find(|g| g.id == row.service_id)
                .map_or_else(|| row.service_id.clone(), |g| g.title.clone()),
            name: mask_name(&open(&row.name.0)?),
            phone: if reveal == Some(row.code.as_str()) {
                open(&row.phone.0)?
            } else {
                mask_phone(&open(&row.phone.0)?)
            },
            id_number: if reveal == Some(row.code.as_str()) {
                format!("{} {id}", row.id_kind.0.label())
            } else {
                format!("{} {}", row.id_kind.0.label(), mask_document(row.id_kind.0, &id))
            },
            need: row.need.0,
            home_visit: row.home_visit.0 .0,
            status: row.status.0,
            slot: row.slot,
            code: row.code,
        });
    }
    // By slot; within a slot, the green channel and home visits first.
    list.sort_by_key(|r| (r.slot.clone(), r.need == Need::None && !r.home_visit, r.code.clone()));
    let mut days = vec![today().add_days(-1), today()];
    days.extend(
        found
            .map(|w| swg_model::booking::bookable_days(&w.local, &site.calendar, today()))
            .unwrap_or_default(),
    );
    Ok(DayList { window: window.to_owned(), window_name, day, days, rows: list, markable: day <= today() })
}

pub async fn day(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    query: Result<Query<DayQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let Ok(Query(q)) = query else {
        return page(
            &state,
            StatusCode::BAD_REQUEST,
            StaffPage::Refused {
                me: Some(signed.me(&state)), message: "请从工作台选择窗口。".into()
            },
        );
    };
    if !signed.account.may_act_on(&q.window) {
        return signed.refuse(&state, "view day list", &q.window, "这不是您负责的窗口。").await;
    }
    let day = q.day.as_deref().and_then(Date::parse).unwrap_or_else(today);
    match day_list(&state, &q.window, day, None).await {
        Ok(list) => {
            page(&state, StatusCode::OK, StaffPage::Day { me: signed.me(&state), list, notice: None })
        }
        Err(failure) => failed(&state, &failure),
    }
}

async fn booking(state: &AppState, code: &str) -> Result<Option<BookingRow>, Failure> {
    Ok(sqlx::query_as("SELECT * FROM bookings WHERE code = $1")
        .bind(code)
        .fetch_optional(&state.pool)
        .await?)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MarkForm {
    csrf: String,
    code: String,
    status: String,
}

pub async fn mark(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<MarkForm>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "mark booking").await {
        return response;
    }
    let status = BookingStatus::parse(&form.status)
        .filter(|s| matches!(s, BookingStatus::Arrived | BookingStatus::Done | BookingStatus::NoShow));
    let row = match booking(&state, &form.code).await {
        Ok(row) => row,
        Err(failure) => return failed(&state, &failure),
    };
    let (Some(status), Some(row)) = (status, row) else {
        return page(
            &state,
            StatusCode::UNPROCESSABLE_ENTITY,
            StaffPage::Refused {
                me: Some(signed.me(&state)), message: "没有这个预约或状态。".into()
            },
        );
    };
    if !signed.account.may_act_on(&row.window_id) {
        return signed.refuse(&state, "mark booking", &row.code, "这不是您负责的窗口的预约。").await;
    }
    if row.status.0 == BookingStatus::Cancelled {
        return page(
            &state,
            StatusCode::CONFLICT,
            StaffPage::Refused { me: Some(signed.me(&state)), message: "这个预约已经取消。".into() },
        );
    }
    if row.day.0 > today() {
        let message = "预约日还没到，到了当天再标记到场、办理或未到。".into();
        return page(
            &state,
            StatusCode::CONFLICT,
            StaffPage::Refused { me: Some(signed.me(&state)), message },
        );
    }
    let changed = change(&state, |mut tx| {
        let (code, signed) = (row.code.clone(), &signed);
        async move {
            sqlx::query("UPDATE bookings SET status = $1, marked_at = $2 WHERE code = $3")
                .bind(status.id())
                .bind(now())
                .bind(&code)
                .execute(&mut *tx)
                .await?;
            audit::record(&mut tx, signed.event("marked booking", &code, status.id())).await?;
            Ok(tx)
        }
    })
    .await;
    match changed {
        Ok(()) => see_other(&staff::day_href(&row.window_id, row.day.0)),
        Err(failure) => failed(&state, &failure),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CodeForm {
    csrf: String,
    code: String,
}

/// Shows one booking's full ID number (for checking it at the counter), recorded first.
pub async fn reveal(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<CodeForm>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "show ID number").await {
        return response;
    }
    let row = match booking(&state, &form.code).await {
        Ok(Some(row)) => row,
        Ok(None) => {
            return page(
                &state,
                StatusCode::NOT_FOUND,
                StaffPage::Refused { me: Some(signed.me(&state)), message: "没有这个预约。".into() },
            )
        }
        Err(failure) => return failed(&state, &failure),
    };
    if !signed.account.may_act_on(&row.window_id) {
        return signed.refuse(&state, "show ID number", &row.code, "这不是您负责的窗口的预约。").await;
    }
    if let Err(failure) =
        audit::record_alone(&state.pool, signed.event("showed ID number and phone", &row.code, "")).await
    {
        return failed(&state, &failure);
    }
    match day_list(&state, &row.window_id, row.day.0, Some(&row.code)).await {
        Ok(list) => {
            let notice = Some(format!("已显示预约 {} 的完整证件号和电话，这次查看已记录。", row.code));
            page(&state, StatusCode::OK, StaffPage::Day { me: signed.me(&state), list, notice })
        }
        Err(failure) => failed(&state, &failure),
    }
}

fn window_name(state: &AppState, id: &str) -> String {
    state.site.windows.iter().find(|w| w.id == id).map_or_else(|| id.to_owned(), |w| w.name.clone())
}

fn item(state: &AppState, row: &FeedbackRow) -> InboxItem {
    let today = today();
    let due_on = row.due_on.0 .0;
    let open = row.answered_on.0 .0.is_none() && row.status.0 != FeedbackStatus::Closed;
    InboxItem {
        tracking: row.tracking.clone(),
        kind: row.kind.0,
        window: row.window_id.clone(),
        window_name: window_name(state, &row.window_id),
        filed_on: row.filed_on.0,
        due_on,
        answered_on: row.answered_on.0 .0,
        status: row.status.0,
        rating: row.rating.0,
        handed_to: (!row.handed_to.is_empty()).then(|| window_name(state, &row.handed_to)),
        overdue: open && due_on.is_some_and(|d| d < today),
        due_today: open && due_on == Some(today),
    }
}

/// Whether the account may see a piece of feedback: its window's, or handed to one of its
/// windows (which may accept it, and act on it only then).
fn may_handle(account: &StaffRow, row: &FeedbackRow) -> bool {
    account.may_act_on(&row.window_id) || (!row.handed_to.is_empty() && account.may_act_on(&row.handed_to))
}

async fn inbox_items(state: &AppState, signed: &Signed) -> Result<Vec<InboxItem>, Failure> {
    let rows: Vec<FeedbackRow> =
        sqlx::query_as("SELECT * FROM feedback WHERE status <> $1 ORDER BY filed_on DESC, tracking")
            .bind(FeedbackStatus::Closed.id())
            .fetch_all(&state.pool)
            .await?;
    let mut items: Vec<InboxItem> =
        rows.iter().filter(|r| may_handle(&signed.account, r)).map(|r| item(state, r)).collect();
    // Overdue first, then due today, then the rest (newest first, as queried).
    items.sort_by_key(|i| (!i.overdue, !i.due_today));
    Ok(items)
}

pub async fn inbox(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    match inbox_items(&state, &signed).await {
        Ok(items) => page(&state, StatusCode::OK, StaffPage::Inbox { me: signed.me(&state), items }),
        Err(failure) => failed(&state, &failure),
    }
}

fn case_row(state: &AppState, case: CaseRecord) -> CaseRow {
    let closed_on = case.closed_on.0 .0;
    let contacted_on = case.contacted_on.0 .0;
    let today = today();
    CaseRow {
        window_name: window_name(state, &case.window_id),
        opened_on: case.opened_on.0,
        contact_due: case.contact_due.0,
        fix_due: case.fix_due.0,
        overdue: closed_on.is_none()
            && (case.fix_due.0 < today || (contacted_on.is_none() && case.contact_due.0 < today)),
        contacted_on,
        closed_on,
        finding: case.finding,
        fix: case.fix,
        fix_rating: case.fix_rating.0,
        tracking: case.tracking,
    }
}

async fn cases(state: &AppState, signed: &Signed) -> Result<Vec<CaseRow>, Failure> {
    let rows: Vec<CaseRecord> = sqlx::query_as("SELECT * FROM cases ORDER BY opened_on DESC, tracking")
        .fetch_all(&state.pool)
        .await?;
    let mut cases: Vec<CaseRow> = rows
        .into_iter()
        .filter(|c| signed.account.may_act_on(&c.window_id))
        .map(|c| case_row(state, c))
        .collect();
    cases.sort_by_key(|c| (c.closed_on.is_some(), !c.overdue));
    Ok(cases)
}

pub async fn case_list(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    match cases(&state, &signed).await {
        Ok(cases) => page(&state, StatusCode::OK, StaffPage::Cases { me: signed.me(&state), cases }),
        Err(failure) => failed(&state, &failure),
    }
}

#[derive(Deserialize)]
pub struct TrackingQuery {
    tracking: String,
}

async fn feedback_row(state: &AppState, tracking: &str) -> Result<Option<FeedbackRow>, Failure> {
    Ok(sqlx::query_as("SELECT * FROM feedback WHERE tracking = $1")
        .bind(tracking)
        .fetch_optional(&state.pool)
        .await?)
}

async fn detail(
    state: &AppState,
    signed: &Signed,
    row: FeedbackRow,
    show_phone: bool,
) -> Result<FeedbackDetail, Failure> {
    let phone = if row.phone.is_empty() {
        String::new()
    } else {
        let sealed = Sealed::try_from(row.phone.clone()).map_err(|e| Failure::Unavailable(e.0))?;
        let phone = state.keys.open(&sealed).map_err(Failure::Unavailable)?;
        if show_phone {
            phone
        } else {
            mask_phone(&phone)
        }
    };
    let case = crate::feedback::case_of(&state.pool, &row.tracking).await?.map(|c| case_row(state, c));
    Ok(FeedbackDetail {
        item: item(state, &row),
        can_accept: !row.handed_to.is_empty() && signed.account.may_act_on(&row.handed_to),
        can_act: signed.account.may_act_on(&row.window_id),
        phone_shown: show_phone && !phone.is_empty(),
        service: state
            .site
            .guides
            .iter()
            .find(|g| g.id == row.service_id)
            .map(|g| g.title.clone())
            .unwrap_or_default(),
        text: row.body,
        what_went_wrong: row.what_went_wrong,
        officer: row.officer,
        phone,
        reply: row.reply,
        answered_on: row.answered_on.0 .0,
        case,
        windows: state
            .site
            .windows
            .iter()
            .filter(|w| w.id != row.window_id)
            .map(|w| (w.id.clone(), w.name.clone()))
            .collect(),
    })
}

/// The feedback a form or link names, if this account may handle it; the page to answer
/// with otherwise (a refusal is recorded).
async fn handled(
    state: &AppState,
    signed: &Signed,
    tracking: &str,
    action: &str,
) -> Result<FeedbackRow, Response> {
    match feedback_row(state, tracking).await {
        Ok(Some(row)) if may_handle(&signed.account, &row) => Ok(row),
        Ok(Some(row)) => Err(signed.refuse(state, action, &row.tracking, "这不是您负责的窗口的意见。").await),
        Ok(None) => Err(page(
            state,
            StatusCode::NOT_FOUND,
            StaffPage::Refused { me: Some(signed.me(state)), message: "没有这个受理编号。".into() },
        )),
        Err(failure) => Err(failed(state, &failure)),
    }
}

/// The feedback a change names, if this account's window owns it (首问负责: a window it was
/// handed to acts only after accepting); the page to answer with otherwise.
async fn owned(
    state: &AppState,
    signed: &Signed,
    tracking: &str,
    action: &str,
) -> Result<FeedbackRow, Response> {
    let row = handled(state, signed, tracking, action).await?;
    if signed.account.may_act_on(&row.window_id) {
        Ok(row)
    } else {
        Err(show_feedback(state, signed, row, Some("请先接收转交，接收后由您的窗口负责办理。".into())).await)
    }
}

async fn show_feedback(
    state: &AppState,
    signed: &Signed,
    row: FeedbackRow,
    notice: Option<String>,
) -> Response {
    show_feedback_with(state, signed, row, notice, false).await
}

async fn show_feedback_with(
    state: &AppState,
    signed: &Signed,
    row: FeedbackRow,
    notice: Option<String>,
    show_phone: bool,
) -> Response {
    match detail(state, signed, row, show_phone).await {
        Ok(detail) => page(
            state,
            StatusCode::OK,
            StaffPage::Feedback { me: signed.me(state), detail: Box::new(detail), notice },
        ),
        Err(failure) => failed(state, &failure),
    }
}

pub async fn feedback(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    query: Result<Query<TrackingQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let tracking = query.map(|Query(q)| q.tracking).unwrap_or_default();
    match handled(&state, &signed, &tracking, "open feedback").await {
        Ok(row) => show_feedback(&state, &signed, row, None).await,
        Err(response) => response,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReplyForm {
    csrf: String,
    tracking: String,
    reply: String,
    status: String,
}

pub async fn reply(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<ReplyForm>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "reply").await {
        return response;
    }
    let row = match owned(&state, &signed, &form.tracking, "reply").await {
        Ok(row) => row,
        Err(response) => return response,
    };
    let status = FeedbackStatus::parse(&form.status).filter(|s| *s != FeedbackStatus::Received);
    let text = parse_text(&form.reply, true, 2000, "答复内容");
    let (Some(status), Ok(text)) = (status, text) else {
        return show_feedback(
            &state,
            &signed,
            row,
            Some("请填写答复内容（最多 2000 字）并选择状态。".into()),
        )
        .await;
    };
    let tracking = row.tracking.clone();
    let changed = change(&state, |mut tx| {
        let (tracking, text, signed) = (tracking.clone(), text.clone(), &signed);
        async move {
            sqlx::query(
                "UPDATE feedback SET reply = $1, status = $2, answered_by = $3, \
                 answered_on = CASE WHEN answered_on = '' AND $6 = 1 THEN $4 ELSE answered_on END WHERE tracking = $5",
            )
            .bind(&text)
            .bind(status.id())
            .bind(&signed.account.username)
            .bind(today().to_string())
            .bind(&tracking)
            // A holding reply (办理中) is not the answer the deadline asks for.
            .bind(i64::from(status != FeedbackStatus::InProgress))
            .execute(&mut *tx)
            .await?;
            audit::record(&mut tx, signed.event("replied", &tracking, status.id())).await?;
            Ok(tx)
        }
    })
    .await;
    match (changed, feedback_row(&state, &tracking).await) {
        (Ok(()), Ok(Some(row))) => {
            show_feedback(&state, &signed, row, Some("答复已保存，群众查询时可见。".into())).await
        }
        (Err(failure), _) | (_, Err(failure)) => failed(&state, &failure),
        (Ok(()), Ok(None)) => failed(&state, &Failure::NotFound("没有这个受理编号。".into())),
    }
}

/// Shows the citizen's full phone number to call back (回访), recorded first.
pub async fn call(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<TrackingForm>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "show phone").await {
        return response;
    }
    let row = match owned(&state, &signed, &form.tracking, "show phone").await {
        Ok(row) => row,
        Err(response) => return response,
    };
    if let Err(failure) =
        audit::record_alone(&state.pool, signed.event("showed phone", &row.tracking, "")).await
    {
        return failed(&state, &failure);
    }
    show_feedback_with(&state, &signed, row, Some("已显示完整电话，用于回访；这次查看已记录。".into()), true)
        .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HandoverForm {
    csrf: String,
    tracking: String,
    to: String,
}

/// Hands feedback to another window; it stays this window's until that one accepts.
pub async fn handover(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<HandoverForm>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "hand over").await {
        return response;
    }
    let row = match owned(&state, &signed, &form.tracking, "hand over").await {
        Ok(row) => row,
        Err(response) => return response,
    };
    if !signed.account.may_act_on(&row.window_id)
        || !state.site.windows.iter().any(|w| w.id == form.to)
        || form.to == row.window_id
    {
        return show_feedback(
            &state,
            &signed,
            row,
            Some("只有受理窗口可以转交，且要转给另一个窗口。".into()),
        )
        .await;
    }
    let (tracking, to) = (row.tracking.clone(), form.to.clone());
    let changed = change(&state, |mut tx| {
        let (tracking, to, signed) = (tracking.clone(), to.clone(), &signed);
        async move {
            sqlx::query("UPDATE feedback SET handed_to = $1 WHERE tracking = $2")
                .bind(&to)
                .bind(&tracking)
                .execute(&mut *tx)
                .await?;
            audit::record(&mut tx, signed.event("handed over", &tracking, &to)).await?;
            Ok(tx)
        }
    })
    .await;
    match (changed, feedback_row(&state, &tracking).await) {
        (Ok(()), Ok(Some(row))) => {
            show_feedback(&state, &signed, row, Some("已转交，对方接收前仍由本窗口负责。".into())).await
        }
        (Err(failure), _) | (_, Err(failure)) => failed(&state, &failure),
        (Ok(()), Ok(None)) => failed(&state, &Failure::NotFound("没有这个受理编号。".into())),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TrackingForm {
    csrf: String,
    tracking: String,
}

/// The receiving window accepts a handover: the feedback is now its own.
pub async fn accept(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<TrackingForm>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "accept handover").await {
        return response;
    }
    let row = match handled(&state, &signed, &form.tracking, "accept handover").await {
        Ok(row) => row,
        Err(response) => return response,
    };
    if row.handed_to.is_empty() || !signed.account.may_act_on(&row.handed_to) {
        return show_feedback(&state, &signed, row, Some("没有转交给您的窗口。".into())).await;
    }
    let (tracking, to) = (row.tracking.clone(), row.handed_to.clone());
    let changed = change(&state, |mut tx| {
        let (tracking, to, signed) = (tracking.clone(), to.clone(), &signed);
        async move {
            sqlx::query(
                "UPDATE feedback SET window_id = $1, handed_to = '' WHERE tracking = $2 AND handed_to = $1",
            )
            .bind(&to)
            .bind(&tracking)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE cases SET window_id = $1 WHERE tracking = $2")
                .bind(&to)
                .bind(&tracking)
                .execute(&mut *tx)
                .await?;
            audit::record(&mut tx, signed.event("accepted handover", &tracking, &to)).await?;
            Ok(tx)
        }
    })
    .await;
    match (changed, feedback_row(&state, &tracking).await) {
        (Ok(()), Ok(Some(row))) => {
            show_feedback(&state, &signed, row, Some("已接收，现由本窗口负责。".into())).await
        }
        (Err(failure), _) | (_, Err(failure)) => failed(&state, &failure),
        (Ok(()), Ok(None)) => failed(&state, &Failure::NotFound("没有这个受理编号。".into())),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CaseForm {
    csrf: String,
    tracking: String,
    contacted: Option<String>,
    finding: String,
    fix: String,
    close: Option<String>,
}

/// Records a 差评 case's call-back, finding and fix, and closes it.
pub async fn update_case(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<CaseForm>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "update case").await {
        return response;
    }
    let row = match owned(&state, &signed, &form.tracking, "update case").await {
        Ok(row) => row,
        Err(response) => return response,
    };
    let close = form.close.is_some();
    let finding = parse_text(&form.finding, close, 2000, "核实情况");
    let fix = parse_text(&form.fix, close, 2000, "整改措施");
    let (Ok(finding), Ok(fix)) = (finding, fix) else {
        let message = "办结前请填写核实情况和整改措施（各最多 2000 字）。".into();
        return show_feedback(&state, &signed, row, Some(message)).await;
    };
    let contacted = form.contacted.is_some();
    let case = match crate::feedback::case_of(&state.pool, &row.tracking).await {
        Ok(case) => case,
        Err(failure) => return failed(&state, &failure),
    };
    let already_contacted = case.as_ref().is_some_and(|c| c.contacted_on.0 .0.is_some());
    if close && !row.phone.is_empty() && !contacted && !already_contacted {
        let message = "留了电话的差评，要先电话回访才能办结。".into();
        return show_feedback(&state, &signed, row, Some(message)).await;
    }
    let tracking = row.tracking.clone();
    let today = today().to_string();
    let changed = change(&state, |mut tx| {
        let (tracking, finding, fix, today, signed) =
            (tracking.clone(), finding.clone(), fix.clone(), today.clone(), &signed);
        async move {
            let updated = sqlx::query(
                "UPDATE cases SET finding = $1, fix = $2, \
                 contacted_on = CASE WHEN $3 = 1 AND contacted_on = '' THEN $4 ELSE contacted_on END, \
                 closed_on = CASE WHEN $5 = 1 AND closed_on = '' THEN $4 ELSE closed_on END \
                 WHERE tracking = $6 AND closed_on = ''",
            )
            .bind(&finding)
            .bind(&fix)
            .bind(i64::from(contacted))
            .bind(&today)
            .bind(i64::from(close))
            .bind(&tracking)
            .execute(&mut *tx)
            .await?;
            if updated.rows_affected() != 1 {
                return Err(Failure::Conflict("这个差评整改已经办结，记录不能再改。".into()));
            }
            let detail = if close {
                "closed"
            } else if contacted {
                "contacted"
            } else {
                "noted"
            };
            audit::record(&mut tx, signed.event("updated case", &tracking, detail)).await?;
            Ok(tx)
        }
    })
    .await;
    match (changed, feedback_row(&state, &tracking).await) {
        (Ok(()), Ok(Some(row))) => {
            let notice =
                if close { "整改已办结，群众查询时可见。" } else { "整改记录已保存。" };
            show_feedback(&state, &signed, row, Some(notice.into())).await
        }
        (Err(Failure::Conflict(message)), _) => show_feedback(&state, &signed, row, Some(message)).await,
        (Err(failure), _) | (_, Err(failure)) => failed(&state, &failure),
        (Ok(()), Ok(None)) => failed(&state, &Failure::NotFound("没有这个受理编号。".into())),
    }
}

fn oversees(signed: &Signed) -> bool {
    signed.account.role.0 != StaffRole::Window
}

pub async fn audit_page(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if !oversees(&signed) {
        return signed.refuse(&state, "view audit", "audit", "审计记录只有督察和管理员可以查看。").await;
    }
    let entries = audit::latest(&state.pool, 200).await;
    let broken_at = audit::first_broken(&state.pool).await;
    match (entries, broken_at) {
        (Ok(entries), Ok(broken_at)) => {
            page(&state, StatusCode::OK, StaffPage::Audit { me: signed.me(&state), entries, broken_at })
        }
        (Err(failure), _) | (_, Err(failure)) => failed(&state, &failure),
    }
}

pub async fn audit_csv(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if !oversees(&signed) {
        return signed.refuse(&state, "export audit", "audit", "审计记录只有督察和管理员可以导出。").await;
    }
    let exported = audit::record_alone(&state.pool, signed.event("exported audit", "audit", "")).await;
    match exported.and(audit::csv(&state.pool).await) {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\""),
            ],
            csv,
        )
            .into_response(),
        Err(failure) => failed(&state, &failure),
    }
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

fn administers(signed: &Signed) -> bool {
    signed.account.role.0 == StaffRole::Admin
}

async fn accounts_answer(
    state: &AppState,
    signed: &Signed,
    status: StatusCode,
    created: Option<(String, String)>,
    error: Option<String>,
) -> Response {
    match accounts::list(&state.pool).await {
        Ok(accounts) => {
            page(state, status, StaffPage::Accounts { me: signed.me(state), accounts, created, error })
        }
        Err(failure) => failed(state, &failure),
    }
}

pub async fn accounts_page(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if !administers(&signed) {
        return signed.refuse(&state, "view accounts", "accounts", "账号只有管理员可以管理。").await;
    }
    accounts_answer(&state, &signed, StatusCode::OK, None, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AccountForm {
    csrf: String,
    username: String,
    display_name: String,
    role: String,
    windows: String,
}

pub async fn add_account(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<AccountForm>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "add account").await {
        return response;
    }
    if !administers(&signed) {
        return signed.refuse(&state, "add account", &form.username, "账号只有管理员可以管理。").await;
    }
    let windows: Vec<String> =
        form.windows.split([',', '，', ' ']).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    let role = StaffRole::parse(&form.role);
    let name = form.display_name.trim();
    let problem = match (accounts::parse_username(form.username.trim()), role) {
        (Err(_), _) => Some("用户名是 2–32 位小写字母、数字或 . - _".to_owned()),
        (_, None) => Some("请选择角色".to_owned()),
        _ if name.is_empty() || name.chars().count() > 30 => Some("请填写姓名（最多 30 字）".to_owned()),
        (_, Some(StaffRole::Window)) if windows.is_empty() => Some("窗口民警要填写负责的窗口".to_owned()),
        _ => windows.iter().find(|w| !state.site.windows.iter().any(|s| &s.id == *w)).map(|w| {
            let known: Vec<String> =
                state.site.windows.iter().map(|s| format!("{}（{}）", s.id, s.name)).collect();
            format!("没有窗口 {w}。可以填：{}", known.join("、"))
        }),
    };
    if let (None, Some(role)) = (&problem, role) {
        let user = form.username.trim();
        return match accounts::add(&state.pool, user, name, role, &windows).await {
            Ok(password) => {
                let detail = format!("{} {}", role.id(), windows.join(","));
                if let Err(failure) =
                    audit::record_alone(&state.pool, signed.event("added account", user, &detail)).await
                {
                    return failed(&state, &failure);
                }
                accounts_answer(&state, &signed, StatusCode::OK, Some((user.to_owned(), password)), None)
                    .await
            }
            Err(Failure::Conflict(_)) => {
                accounts_answer(
                    &state,
                    &signed,
                    StatusCode::CONFLICT,
                    None,
                    Some(format!("账号 {user} 已经存在")),
                )
                .await
            }
            Err(failure) => failed(&state, &failure),
        };
    }
    accounts_answer(&state, &signed, StatusCode::UNPROCESSABLE_ENTITY, None, problem).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    csrf: String,
    username: String,
}

/// A new one-time password for an account; it is unlocked and signed out everywhere.
pub async fn reset_account(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<ResetForm>,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if let Err(response) = checked(&state, &signed, &form.csrf, "reset account").await {
        return response;
    }
    if !administers(&signed) {
        return signed.refuse(&state, "reset account", &form.username, "账号只有管理员可以管理。").await;
    }
    match accounts::reset(&state.pool, &form.username).await {
        Ok(Some(password)) => {
            if let Err(failure) =
                audit::record_alone(&state.pool, signed.event("reset account", &form.username, "")).await
            {
                return failed(&state, &failure);
            }
            accounts_answer(&state, &signed, StatusCode::OK, Some((form.username.clone(), password)), None)
                .await
        }
        Ok(None) => {
            accounts_answer(&state, &signed, StatusCode::NOT_FOUND, None, Some("没有这个账号".into())).await
        }
        Err(failure) => failed(&state, &failure),
    }
}
