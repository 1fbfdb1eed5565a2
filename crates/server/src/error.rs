//! Why a request failed, as an HTTP answer with a message (and field messages) in Chinese and,
//! for the English pages, in English.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use swg_model::api::ApiError;
use swg_model::form::{FieldError, FieldName};
use swg_model::Said;

#[derive(Debug)]
pub enum Failure {
    /// 422: the fields and what is wrong with each.
    Invalid(Vec<FieldError>),
    /// 400: the request itself is malformed (bad JSON, unknown field).
    BadRequest(Said),
    /// 408: the body did not arrive in time.
    TimedOut,
    /// 413
    TooLarge,
    /// 415: the API takes JSON only.
    UnsupportedType,
    /// 409: the slot is full, the phone's cap is reached, the booking is already cancelled.
    Conflict(Said),
    /// 403: a post from another site.
    Forbidden(Said),
    /// 404: nothing matches (also for a wrong phone: nothing is revealed).
    NotFound(Said),
    /// 428: the booking needs a proof of work first (unusual pressure).
    ProofNeeded(Box<crate::work::Demand>),
    /// 429: a rate limit; the seconds until it allows the request.
    TooMany(u64),
    /// 503 if it persists: a deadlock, a serialization failure, a busy database or a random
    /// code that collided; the work is tried again (see `db::retrying`).
    Busy(String),
    /// 503: the database failed; the detail goes to the log, never personal data.
    Unavailable(String),
}

impl From<sqlx::Error> for Failure {
    fn from(e: sqlx::Error) -> Failure {
        if crate::db::is_transient(&e) {
            Failure::Busy(e.to_string())
        } else {
            Failure::Unavailable(e.to_string())
        }
    }
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::TimedOut => StatusCode::REQUEST_TIMEOUT,
            Failure::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::UnsupportedType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Failure::Conflict(_) => StatusCode::CONFLICT,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Forbidden(_) => StatusCode::FORBIDDEN,
            Failure::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            Failure::ProofNeeded(_) => StatusCode::PRECONDITION_REQUIRED,
            Failure::Busy(_) | Failure::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn body(&self) -> ApiError {
        let Said { zh: message, en } = self.said();
        let fields = match self {
            Failure::Invalid(fields) => fields.clone(),
            _ => Vec::new(),
        };
        let challenge = match self {
            Failure::ProofNeeded(demand) => Some(demand.challenge.clone()),
            _ => None,
        };
        ApiError { message, en, fields, challenge }
    }

    /// What the failure says to the citizen, in both languages.
    pub fn said(&self) -> Said {
        match self {
            Failure::Invalid(_) => Said::new(
                "有几项需要修改，请看各栏下面的提示。",
                "Some answers need changing: see the note under each field.",
            ),
            Failure::BadRequest(m) | Failure::Conflict(m) | Failure::NotFound(m) | Failure::Forbidden(m) => {
                m.clone()
            }
            Failure::TimedOut => Said::new(
                "提交的内容长时间没有收到，请检查网络后重新提交。",
                "What you sent did not arrive in time. Check your connection and send it again.",
            ),
            Failure::TooLarge => Said::new("提交的内容太大。", "What you sent is too large."),
            Failure::UnsupportedType => Said::new(
                "请以 JSON 格式提交（Content-Type: application/json）。",
                "Send JSON (Content-Type: application/json).",
            ),
            Failure::ProofNeeded(_) => Said::new(
                "预约的人较多，正在确认提交来自真人，请稍候…",
                "Many people are booking: checking that this comes from a person, please wait…",
            ),
            Failure::TooMany(seconds) => Said::new(
                format!("操作太频繁了，请{}后再试。", wait_label(*seconds)),
                format!("Too many tries: please wait {} and try again.", wait_label_en(*seconds)),
            ),
            Failure::Busy(_) | Failure::Unavailable(_) => Said::new(
                "服务暂时不可用，请稍后再试，或拨打窗口电话办理。",
                "The service is unavailable just now. Try again later, or call the window.",
            ),
        }
    }

    /// Writes a failure of the service itself (never the citizen's input) to the log.
    pub fn log(&self) {
        if let Failure::Busy(detail) | Failure::Unavailable(detail) = self {
            tracing::error!(%detail, "request failed");
        }
    }
}

/// "30 秒", "2 分钟"
fn wait_label(seconds: u64) -> String {
    if seconds < 60 {
        format!(" {seconds} 秒")
    } else {
        format!(" {} 分钟", seconds.div_ceil(60))
    }
}

/// "30 seconds", "2 minutes"
fn wait_label_en(seconds: u64) -> String {
    if seconds < 60 {
        format!("{seconds} seconds")
    } else {
        format!("{} minutes", seconds.div_ceil(60))
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        self.log();
        self.with_headers((self.status(), Json(self.body())).into_response())
    }
}

impl Failure {
    /// Adds what the failure tells a client beyond its body: `Retry-After` for a rate limit.
    pub fn with_headers(&self, mut response: Response) -> Response {
        if let Failure::TooMany(seconds) = self {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*seconds));
        }
        response
    }
}

pub fn invalid(field: FieldName, said: impl Into<Said>) -> Failure {
    Failure::Invalid(vec![FieldError::new(field, said)])
}
