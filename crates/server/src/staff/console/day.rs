//! A window's day list: marking bookings and the audited look at a full ID number and phone.

use super::*;

#[derive(Deserialize)]
pub struct DayQuery {
    window: String,
    day: Option<String>,
}

/// A window's day list, with one row's full ID number when `reveal` names it.
pub(super) async fn day_list(
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

pub(super) async fn booking(state: &AppState, code: &str) -> Result<Option<BookingRow>, Failure> {
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
    let signed = match form_from(&state, &headers, client, Who::Ready, &form.csrf, "mark booking").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
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
    let signed = match form_from(&state, &headers, client, Who::Ready, &form.csrf, "show ID number").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
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
