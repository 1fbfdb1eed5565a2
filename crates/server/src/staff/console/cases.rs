//! 差评 cases: their list and the call-back, finding and fix that close them.

use super::*;

pub(super) fn case_row(state: &AppState, case: CaseRecord) -> CaseRow {
    let closed_on = case.closed_on.0 .0;
    let contacted_on = case.contacted_on.0 .0;
    let today = today();
    CaseRow {
        window_name: state.site.window_name(&case.window_id),
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

pub(super) async fn cases(state: &AppState, signed: &Signed) -> Result<Vec<CaseRow>, Failure> {
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
    let signed = match form_from(&state, &headers, client, Who::Ready, &form.csrf, "update case").await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    let row = match owned(&state, &signed, &form.tracking, "update case").await {
        Ok(row) => row,
        Err(response) => return response,
    };
    let close = form.close.is_some();
    let finding = parse_text(&form.finding, close, 2000, ("核实情况", ""));
    let fix = parse_text(&form.fix, close, 2000, ("整改措施", ""));
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
    if let Err(Failure::Conflict(message)) = changed {
        return show_feedback(&state, &signed, row, Some(message.zh)).await;
    }
    let notice =
        if close { "整改已办结，群众查询时可见。" } else { "整改记录已保存。" };
    after_change(&state, &signed, &tracking, changed, notice).await
}
