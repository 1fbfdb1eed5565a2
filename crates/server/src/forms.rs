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
use swg_model::api::{Booking, BookingRequest, FeedbackReceipt, FeedbackRequest};
use swg_model::route::base_path;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A stable key for a plain form post, so that pressing "resend" never books twice.
fn form_key(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.join("\u{1f}").bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("form-{hash:016x}")
}

/// The site's 404 page with its main area replaced: same header, footer and stylesheet, and
/// no script (the page is complete as it is).
fn page(state: &AppState, status: StatusCode, title: &str, main: &str) -> Response {
    let shell = std::fs::read_to_string(state.config.dist.join("404.html")).unwrap_or_default();
    let html = match (shell.find("<main id=\"main\" tabindex=\"-1\">"), shell.find("</main>"), shell.find("<title>"), shell.find("</title>")) {
        (Some(m), Some(end), Some(t), Some(t_end)) if t < t_end && t_end < m && m < end => {
            let open = &shell[m..].find('>').map_or(m, |i| m + i + 1);
            let head = &shell[..t];
            let head = head.split("<link rel=\"modulepreload\"").next().unwrap_or(head);
            let between = &shell[t_end..*open];
            let between = match (between.find("<link rel=\"modulepreload\""), between.find("</head>")) {
                (Some(a), Some(b)) if a < b => format!("{}{}", &between[..a], &between[b..]),
                _ => between.to_owned(),
            };
            format!("{head}<title>{}</title>{}{main}{}", escape(title), &between["</title>".len()..], &shell[end..])
        }
        _ => format!("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>{}</title><main>{main}</main></html>", escape(title)),
    };
    (status, Html(html)).into_response()
}

fn failure_page(state: &AppState, failure: &Failure, back: &str) -> Response {
    let body = failure.body();
    let fields: String = body.fields.iter().map(|f| format!("<li>{}</li>", escape(&f.message))).collect();
    let main = format!(
        "<h1>提交没有成功</h1><p class=\"notice\" role=\"alert\">{}</p><ul>{fields}</ul>\
         <p>请点浏览器的“返回”修改（您填写的内容仍在），或 <a href=\"{}\">重新填写</a>。</p>",
        escape(&body.message),
        escape(back)
    );
    page(state, failure.status(), "提交没有成功", &main)
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

fn booking_page(b: &Booking) -> String {
    let materials: String = b.materials.iter().map(|m| format!("<li>{}</li>", escape(m))).collect();
    format!(
        "<h1>预约成功</h1><p class=\"lead\">预约码（请记下）：<strong class=\"code\">{}</strong></p>\
         <dl class=\"facts\"><dt>事项</dt><dd>{}</dd><dt>时间</dt><dd>{} {}–{}</dd><dt>地点</dt><dd>{} · {}</dd>\
         <dt>预约人</dt><dd>{} · {} · {}</dd></dl><h2>请带齐这些材料</h2><ul>{materials}</ul>\
         <p>改约或取消：带上预约码和手机号，打开 <a href=\"{}/book/manage/\">预约查询</a>，或拨打 {}。</p>",
        escape(&b.code),
        escape(&b.service_title),
        b.day,
        escape(&b.slot),
        escape(&b.slot_end),
        escape(&b.window_name),
        escape(&b.address),
        escape(&b.name),
        escape(&b.phone),
        escape(&b.id_number),
        base_path(),
        escape(&b.window_phone),
    )
}

pub async fn booking(
    State(state): State<AppState>,
    form: Result<Form<BookingForm>, FormRejection>,
) -> Response {
    let back = format!("{}/book/", base_path());
    let Ok(Form(f)) = form else {
        return failure_page(&state, &Failure::BadRequest("表单内容无法读取，请重新填写。".into()), &back);
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
        Ok((b, _)) => page(&state, StatusCode::OK, "预约成功", &booking_page(&b)),
        Err(failure) => failure_page(&state, &failure, &back),
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

fn receipt_page(r: &FeedbackReceipt) -> String {
    let due = match (&r.due_on, &r.rule) {
        (Some(due), Some(rule)) => format!(
            "<p>我们将在 <strong>{}</strong> 前答复您。<br><small>{}</small></p>",
            due.label(),
            escape(rule)
        ),
        _ => String::new(),
    };
    format!(
        "<h1>已收到您的{}</h1><p class=\"lead\">受理编号：<strong class=\"code\">{}</strong></p>{due}\
         <p>凭受理编号和手机号可以在 <a href=\"{}/feedback/track/\">办理进度查询</a> 查看处理情况和答复。</p>",
        r.kind.label(),
        escape(&r.tracking),
        base_path()
    )
}

pub async fn feedback(
    State(state): State<AppState>,
    form: Result<Form<FeedbackForm>, FormRejection>,
) -> Response {
    let back = format!("{}/feedback/", base_path());
    let Ok(Form(f)) = form else {
        return failure_page(&state, &Failure::BadRequest("表单内容无法读取，请重新填写。".into()), &back);
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
        Ok((r, _)) => page(&state, StatusCode::OK, "已收到", &receipt_page(&r)),
        Err(failure) => failure_page(&state, &failure, &back),
    }
}
