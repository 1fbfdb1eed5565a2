//! Feedback (意见箱): complaints, suggestions, praise, enquiries, satisfaction ratings, with a
//! tracking number and a promised reply date on the working-day calendar.

use crate::booking::today;
use crate::db::{self, now, Pool};
use crate::error::Failure;
use crate::idempotency::{Key, Via, WorkKind};
use crate::personal::{Purpose, Sealed};
use crate::rows::{CaseRecord, FeedbackRow};
use crate::AppState;
use swg_content::Site;
use swg_model::api::{
    CaseOutcome, FeedbackKind, FeedbackLookup, FeedbackReceipt, FeedbackRequest, FeedbackStatus, FixRating,
};
use swg_model::calendar::{Date, BEYOND_CALENDAR, WORKING_DAY_RULE};
use swg_model::form::{mask_phone, parse_text, Errors, FieldName, Phone};
use swg_model::Said;

/// Working days within which complaints and enquiries are answered.
pub const REPLY_WORKING_DAYS: u32 = 3;

struct Valid {
    kind: FeedbackKind,
    window: String,
    service: String,
    visit_date: String,
    text: String,
    officer: String,
    phone: Option<Phone>,
    consent: bool,
    rating: u8,
    what_went_wrong: String,
}

fn parse(site: &Site, req: &FeedbackRequest) -> Result<Valid, Failure> {
    let mut errors = Errors::default();
    if !req.website.is_empty() {
        // Only automated submissions fill the hidden field.
        return Err(Failure::BadRequest(Said::new("提交未被接受。", "This was not accepted.")));
    }
    let kind = FeedbackKind::parse(&req.kind);
    if kind.is_none() {
        errors.add(
            FieldName::Kind,
            Said::new(
                "请选择类型：投诉、建议、表扬、咨询或评价",
                "Choose: complaint, suggestion, praise, question or rating",
            ),
        );
    }
    let window = site.windows.iter().find(|w| w.id == req.window);
    if window.is_none() {
        errors.add(FieldName::Window, Said::new("请选择您办事的窗口", "Choose the window you went to"));
    }
    if !req.service.is_empty() && !window.is_some_and(|w| w.services.iter().any(|s| s.id == req.service)) {
        errors.add(
            FieldName::Service,
            Said::new(
                "请选择这个窗口办理的事项，或留空",
                "Choose a service of this window, or leave it empty",
            ),
        );
    }
    if !req.visit_date.is_empty() {
        match Date::parse(&req.visit_date) {
            None => errors.add(
                FieldName::VisitDate,
                Said::new("日期应写成 2026-09-18 这样", "Write the date like 2026-09-18"),
            ),
            Some(d) if d > today() => errors.add(
                FieldName::VisitDate,
                Said::new("办事日期不能晚于今天", "The date of your visit cannot be after today"),
            ),
            Some(_) => {}
        }
    }
    if req.rating > 5 || (req.rating == 0 && kind == Some(FeedbackKind::Rating)) {
        errors.add(FieldName::Rating, Said::new("请在五个等级中选择一个", "Choose one of the five ratings"));
    }
    let needs_text = req.rating == 0 && kind != Some(FeedbackKind::Rating);
    let text =
        errors.take(FieldName::Text, parse_text(&req.text, needs_text, 2000, ("具体内容", "what happened")));
    // A low rating says what went wrong: in its own field, or else in the text (a complaint
    // already written there is not refused for want of a second box).
    let written =
        if req.what_went_wrong.trim().is_empty() { req.text.as_str() } else { req.what_went_wrong.as_str() };
    let what_went_wrong = if (1..=2).contains(&req.rating) {
        let said: String = written.trim().chars().take(500).collect();
        errors
            .take(FieldName::WhatWentWrong, parse_text(&said, true, 500, ("哪里做得不好", "what went wrong")))
    } else {
        Some(String::new())
    };
    let officer = req.officer.trim();
    if officer.chars().count() > 20 || !officer.chars().all(|c| c.is_ascii_alphanumeric()) {
        errors.add(
            FieldName::Officer,
            Said::new(
                "警号只含数字或字母，最多 20 位；不知道可以不填",
                "A badge number has at most 20 letters and digits; leave it empty if you do not know it",
            ),
        );
    }
    let replies = kind.is_some_and(FeedbackKind::needs_reply);
    let phone = if req.phone.trim().is_empty() {
        if replies {
            errors.add(
                FieldName::Phone,
                Said::new(
                    "投诉和咨询需要留手机号，我们才能答复您",
                    "Leave a mobile number with a complaint or question, so that we can answer you",
                ),
            );
        }
        None
    } else {
        errors.take(FieldName::Phone, Phone::parse(&req.phone))
    };
    if replies && !req.consent {
        errors.add(
            FieldName::Consent,
            Said::new(
                "请勾选同意我们通过这个手机号与您联系",
                "Tick to agree that we contact you on this number",
            ),
        );
    }
    match (kind, window, text, what_went_wrong) {
        (Some(kind), Some(window), Some(text), Some(what_went_wrong)) if errors.0.is_empty() => Ok(Valid {
            kind,
            window: window.id.clone(),
            service: req.service.clone(),
            visit_date: req.visit_date.clone(),
            text,
            officer: officer.to_owned(),
            phone,
            consent: req.consent,
            rating: req.rating,
            what_went_wrong,
        }),
        _ => Err(Failure::Invalid(errors.0)),
    }
}

/// The 查询码 of feedback filed without a phone: derived from the tracking number with the
/// server key, so it is never stored.
fn secret(state: &AppState, tracking: &str) -> String {
    state.keys.code(Purpose::Lookup, &["feedback secret", tracking], 8)
}

/// The case of a 差评, if the feedback has one.
pub async fn case_of(pool: &Pool, tracking: &str) -> Result<Option<CaseRecord>, Failure> {
    Ok(sqlx::query_as("SELECT * FROM cases WHERE tracking = $1").bind(tracking).fetch_optional(pool).await?)
}

fn outcome(state: &AppState, case: CaseRecord) -> CaseOutcome {
    let closed_on = case.closed_on.0 .0;
    CaseOutcome {
        contact_due: case.contact_due.0,
        fix_due: case.fix_due.0,
        contacted_on: case.contacted_on.0 .0,
        // What was found and fixed is published once the case is closed.
        finding: if closed_on.is_some() { case.finding } else { String::new() },
        fix: if closed_on.is_some() { case.fix } else { String::new() },
        closed_on,
        fix_rating: case.fix_rating.0,
        rule: state.site.rectification.rule.clone(),
    }
}

async fn receipt(state: &AppState, row: FeedbackRow) -> Result<FeedbackReceipt, Failure> {
    let case = case_of(&state.pool, &row.tracking).await?.map(|c| outcome(state, c));
    let site = &state.site;
    let (due_on, filed_on) = (row.due_on.0 .0, row.filed_on.0);
    let rule = due_on.map(|_| {
        let (_, published) = site.calendar.add_working_days(filed_on, REPLY_WORKING_DAYS);
        let mut rule = format!("{REPLY_WORKING_DAYS} 个工作日内答复：{WORKING_DAY_RULE}");
        if !published {
            rule.push_str(BEYOND_CALENDAR);
        }
        rule
    });
    let phone = if row.phone.is_empty() {
        String::new()
    } else {
        let sealed = Sealed::try_from(row.phone).map_err(|e| Failure::Unavailable(e.0))?;
        mask_phone(&state.keys.open(&sealed).map_err(Failure::Unavailable)?)
    };
    Ok(FeedbackReceipt {
        secret: phone.is_empty().then(|| secret(state, &row.tracking)),
        tracking: row.tracking,
        kind: row.kind.0,
        status: row.status.0,
        window_name: site.window_name(&row.window_id),
        window_name_en: site.english.windows.iter().find(|w| w.id == row.window_id).map(|w| w.name.clone()),
        filed_on,
        due_on,
        rule,
        phone,
        reply: (!row.reply.is_empty()).then_some(row.reply),
        answered_on: row.answered_on.0 .0,
        case,
    })
}

async fn load(state: &AppState, tracking: &str) -> Result<FeedbackReceipt, Failure> {
    let row = sqlx::query_as::<_, FeedbackRow>("SELECT * FROM feedback WHERE tracking = $1")
        .bind(tracking)
        .fetch_one(&state.pool)
        .await?;
    receipt(state, row).await
}

/// One attempt at filing, in one transaction: the tracking number (new, or the first one filed
/// with this key) and whether it is new.
async fn submit_once(state: &AppState, valid: &Valid, key: &Key) -> Result<(String, bool), Failure> {
    let filed_on = today();
    let (y, m, d) = filed_on.ymd();
    let tracking = format!("F{y:04}{m:02}{d:02}-{}", db::random_code(6).map_err(Failure::Unavailable)?);
    let due_on = if valid.kind.needs_reply() {
        state.site.calendar.add_working_days(filed_on, REPLY_WORKING_DAYS).0.to_string()
    } else {
        String::new()
    };
    let mut tx = state.pool.begin().await?;
    if let Some(first) = key.claim(&mut tx, WorkKind::Feedback, &tracking).await? {
        tx.rollback().await?;
        return Ok((first, false));
    }
    let (phone, phone_hash) = match &valid.phone {
        Some(p) => (
            state.keys.seal(p.as_str()).map_err(Failure::Unavailable)?.as_str().to_owned(),
            state.keys.hash(Purpose::Lookup, &[p.as_str()]),
        ),
        None => (String::new(), String::new()),
    };
    sqlx::query(
        "INSERT INTO feedback (tracking, kind, window_id, service_id, visit_date, body, officer, phone, consent, rating, \
         what_went_wrong, status, reply, filed_on, due_on, answered_on, created_at, phone_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '', $13, $14, '', $15, $16)",
    )
    .bind(&tracking)
    .bind(valid.kind.id())
    .bind(&valid.window)
    .bind(&valid.service)
    .bind(&valid.visit_date)
    .bind(&valid.text)
    .bind(&valid.officer)
    .bind(phone)
    .bind(i64::from(valid.consent))
    .bind(i64::from(valid.rating))
    .bind(&valid.what_went_wrong)
    .bind(FeedbackStatus::Received.id())
    .bind(filed_on.to_string())
    .bind(&due_on)
    .bind(now())
    .bind(phone_hash)
    .execute(&mut *tx)
    .await?;
    if (1..=2).contains(&valid.rating) {
        // A 差评 opens a case with the local rule's call-back and rectification deadlines.
        let rule = &state.site.rectification;
        let calendar = &state.site.calendar;
        sqlx::query(
            "INSERT INTO cases (tracking, window_id, opened_on, contact_due, fix_due, contacted_on, finding, fix, closed_on, fix_rating) \
             VALUES ($1, $2, $3, $4, $5, '', '', '', '', 0)",
        )
        .bind(&tracking)
        .bind(&valid.window)
        .bind(filed_on.to_string())
        .bind(calendar.add_working_days(filed_on, rule.contact_days.0).0.to_string())
        .bind(calendar.add_working_days(filed_on, rule.fix_days.0).0.to_string())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok((tracking, true))
}

/// Files feedback; returns the receipt and whether it was created now (false: a retry).
pub async fn submit(
    state: &AppState,
    req: &FeedbackRequest,
    via: Via,
) -> Result<(FeedbackReceipt, bool), Failure> {
    let valid = parse(&state.site, req)?;
    let key = Key::of(
        &state.keys,
        via,
        &req.idempotency_key,
        &FeedbackRequest { idempotency_key: String::new(), ..req.clone() },
    )?;
    let (tracking, new) = db::retrying(|| submit_once(state, &valid, &key)).await?;
    if new {
        tracing::info!(kind = valid.kind.id(), window = %valid.window, "feedback filed");
    }
    Ok((load(state, &tracking).await?, new))
}

const NOT_FOUND: (&str, &str) = (
    "没有找到，请核对受理编号和手机号（匿名提交的填查询码）。",
    "Nothing found: check the tracking number and the mobile number (or the look-up code, if you left no number).",
);

/// Status and reply for a tracking number and the phone given with it, or, for feedback filed
/// without a phone, the 查询码 from its receipt. Anything wrong gets the same answer as an
/// unknown number.
pub async fn lookup(state: &AppState, req: &FeedbackLookup) -> Result<FeedbackReceipt, Failure> {
    let row = find_for_citizen(state, &req.tracking, &req.phone).await?;
    receipt(state, row).await
}

/// The citizen's rating of a closed 差评 case's fix: once, with the same proof as a look-up.
pub async fn rate_fix(state: &AppState, req: &FixRating) -> Result<FeedbackReceipt, Failure> {
    let row = find_for_citizen(state, &req.tracking, &req.phone).await?;
    if !(1..=5).contains(&req.rating) {
        return Err(crate::error::invalid(
            FieldName::Rating,
            Said::new("请在五个等级中选择一个", "Choose one of the five ratings"),
        ));
    }
    let rated = sqlx::query(
        "UPDATE cases SET fix_rating = $1 WHERE tracking = $2 AND closed_on <> '' AND fix_rating = 0",
    )
    .bind(i64::from(req.rating))
    .bind(&row.tracking)
    .execute(&state.pool)
    .await?;
    if rated.rows_affected() == 0 {
        return Err(Failure::Conflict(Said::new(
            "整改办结后才能评价，而且只能评价一次。",
            "You can rate the fix once, after it is closed.",
        )));
    }
    receipt(state, row).await
}

/// The feedback a citizen may read: by tracking number and the phone given with it, or the
/// 查询码 of feedback filed without a phone.
async fn find_for_citizen(state: &AppState, tracking: &str, proof: &str) -> Result<FeedbackRow, Failure> {
    let mut errors = Errors::default();
    let tracking =
        errors.take(FieldName::Tracking, swg_model::form::parse_tracking(tracking)).unwrap_or_default();
    let proof = swg_model::form::half_width(proof);
    let proof = proof.trim();
    if proof.is_empty() {
        errors.add(
            FieldName::Phone,
            Said::new(
                "请填写提交时留的手机号；匿名提交的，填回执上的查询码",
                "Enter the mobile number you gave, or the look-up code on your receipt if you gave none",
            ),
        );
    }
    if !errors.0.is_empty() {
        return Err(Failure::Invalid(errors.0));
    }
    let row = match Phone::parse(proof) {
        Ok(phone) => {
            sqlx::query_as::<_, FeedbackRow>("SELECT * FROM feedback WHERE tracking = $1 AND phone_hash = $2")
                .bind(&tracking)
                .bind(state.keys.hash(Purpose::Lookup, &[phone.as_str()]))
                .fetch_optional(&state.pool)
                .await?
        }
        Err(_) if proof.to_ascii_uppercase() == secret(state, &tracking) => {
            sqlx::query_as::<_, FeedbackRow>("SELECT * FROM feedback WHERE tracking = $1 AND phone = ''")
                .bind(&tracking)
                .fetch_optional(&state.pool)
                .await?
        }
        Err(_) => None,
    };
    row.ok_or_else(|| Failure::NotFound(Said::new(NOT_FOUND.0, NOT_FOUND.1)))
}

/// Deletes feedback filed more than `days` days ago; returns how many.
pub async fn purge(pool: &Pool, days: u32) -> Result<u64, sqlx::Error> {
    let cutoff = today().add_days(-i32::try_from(days).unwrap_or(i32::MAX)).to_string();
    sqlx::query("DELETE FROM cases WHERE opened_on < $1").bind(&cutoff).execute(pool).await?;
    Ok(sqlx::query("DELETE FROM feedback WHERE filed_on < $1")
        .bind(cutoff)
        .execute(pool)
        .await?
        .rows_affected())
}
