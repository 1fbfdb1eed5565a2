//! Why a request failed, as an HTTP answer with a message (and field messages) in Chinese.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use swg_model::api::ApiError;
use swg_model::form::{FieldError, FieldName};

#[derive(Debug)]
pub enum Failure {
    /// 422: the fields and what is wrong with each.
    Invalid(Vec<FieldError>),
    /// 400: the request itself is malformed (bad JSON, unknown field).
    BadRequest(String),
    /// 409: the slot is full, the phone's cap is reached, the booking is already cancelled.
    Conflict(String),
    /// 404: nothing matches (also for a wrong phone: nothing is revealed).
    NotFound(String),
    /// 429
    TooMany,
    /// 503: the database failed; the detail goes to the log, never personal data.
    Unavailable(String),
}

impl From<sqlx::Error> for Failure {
    fn from(e: sqlx::Error) -> Failure {
        Failure::Unavailable(e.to_string())
    }
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::Conflict(_) => StatusCode::CONFLICT,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::TooMany => StatusCode::TOO_MANY_REQUESTS,
            Failure::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn body(&self) -> ApiError {
        let message = match self {
            Failure::Invalid(_) => "有几项需要修改，请看各栏下面的提示。".to_owned(),
            Failure::BadRequest(m) | Failure::Conflict(m) | Failure::NotFound(m) => m.clone(),
            Failure::TooMany => "提交太频繁了，请一分钟后再试。".to_owned(),
            Failure::Unavailable(_) => "服务暂时不可用，请稍后再试，或拨打窗口电话办理。".to_owned(),
        };
        let fields = match self {
            Failure::Invalid(fields) => fields.clone(),
            _ => Vec::new(),
        };
        ApiError { message, fields }
    }

    /// Writes a failure of the service itself (never the citizen's input) to the log.
    pub fn log(&self) {
        if let Failure::Unavailable(detail) = self {
            tracing::error!(%detail, "request failed");
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        self.log();
        (self.status(), Json(self.body())).into_response()
    }
}

pub fn invalid(field: FieldName, message: &str) -> Failure {
    Failure::Invalid(vec![FieldError { field, message: message.to_owned() }])
}
