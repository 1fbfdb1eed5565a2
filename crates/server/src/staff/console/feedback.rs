//! The inbox and one piece of feedback: reply, call back, hand over and accept (首问负责).

use super::*;

pub(super) fn item(state: &AppState, row: &FeedbackRow) -> InboxItem {
    let today = today();
    let due_on = row.due_on.0 .0;
    let open = row.answered_on.0 .0.is_none() && row.status.0 != FeedbackStatus::Closed;
    InboxItem {
        tracking: row.tracking.clone(),
        kind: row.kind.0,
        window: row.window_id.clone(),
        window_name: state.site.window_name(&row.window_id),
        filed_on: row.filed_on.0,
        due_on,
        answered_on: row.answered_on.0 .0,
        status: row.status.0,
        rating: row.rating.0,
        handed_to: (!row.handed_to.is_empty()).then(|| state.site.window_name(&row.handed_to)),
        overdue: open && due_on.is_some_and(|d| d < today),
        due_today: open && due_on == Some(today),
    }
}

/// Whether the account may see a piece of feedback: its window's, or handed to one of its
/// windows (which may accept it, and act on it only then).
pub(super) fn may_handle(account: &StaffRow, row: &FeedbackRow) -> bool {
    account.may_act_on(&row.window_id) || (!row.handed_to.is_empty() && account.may_act_on(&row.handed_to))
}

pub(super) async fn inbox_items(state: &AppState, signed: &Signed) -> Result<Vec<InboxItem>, Failure> {
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

#[derive(Deserialize)]
pub struct TrackingQuery {
    tracking: String,
}

pub(super) async fn feedback_row(state: &AppState, tracking: &str) -> Result<Option<FeedbackRow>, Failure> {
    Ok(sqlx::query_as("SELECT * FROM feedback WHERE tracking = $1")
        .bind(tracking)
        .fetch_optional(&state.pool)
        .await?)
}

pub(super) async fn detail(
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
pub(super) async fn handled(
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
pub(super) async fn owned(
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

/// The feedback shown again after a change to it, with `notice`; the failure page if the
/// change failed.
pub(super) async fn after_change(
    state: &AppState,
    signed: &Signed,
    tracking: &str,
    changed: Result<(), Failure>,
    notice: &str,
) -> Response {
    match (changed, feedback_row(state, tracking).await) {
        (Ok(()), Ok(Some(row))) => show_feedback(state, signed, row, Some(notice.to_owned())).await,
        (Err(failure), _) | (_, Err(failure)) => failed(state, &failure),
        (Ok(()), Ok(None)) => failed(state, &Failure::NotFound("没有这个受理编号。".into())),
    }
}

pub(super) async fn show_feedback(
    state: &AppState,
    signed: &Signed,
    row: FeedbackRow,
    notice: Option<String>,
) -> Response {
    show_feedback_with(state, signed, row, notice, false).await
}

pub(super) async fn show_feedback_with(
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
    let signed = match form_from(&state, &headers, client, Who::Ready, &form.csrf, "reply").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let row = match owned(&state, &signed, &form.tracking, "reply").await {
        Ok(row) => row,
        Err(response) => return response,
    };
    let status = FeedbackStatus::parse(&form.status).filter(|s| *s != FeedbackStatus::Received);
    let text = parse_text(&form.reply, true, 2000, ("答复内容", ""));
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
    after_change(&state, &signed, &tracking, changed, "答复已保存，群众查询时可见。").await
}

/// Shows the citizen's full phone number to call back (回访), recorded first.
pub async fn call(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    PlainForm(form): PlainForm<TrackingForm>,
) -> Response {
    let signed = match form_from(&state, &headers, client, Who::Ready, &form.csrf, "show phone").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
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
    let signed = match form_from(&state, &headers, client, Who::Ready, &form.csrf, "hand over").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
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
    after_change(&state, &signed, &tracking, changed, "已转交，对方接收前仍由本窗口负责。").await
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
    let signed = match form_from(&state, &headers, client, Who::Ready, &form.csrf, "accept handover").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
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
    after_change(&state, &signed, &tracking, changed, "已接收，现由本窗口负责。").await
}
