//! Request bodies become typed values at the edge: JSON for the API, url-encoded for plain
//! forms. Every way a body can be wrong (not JSON, invalid UTF-8, a control character, a wrong
//! type, a missing or unknown field, too large, too slow) is a 4xx whose message is in Chinese
//! and names the field where there is one.

use crate::error::Failure;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;
use serde_json::Value;
use swg_model::form::{FieldError, FieldName};
use swg_model::Said;

/// Why a body could not be read.
fn unreadable(rejection: &axum::extract::rejection::BytesRejection) -> Failure {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(rejection);
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return Failure::TimedOut;
        }
        cause = e.source();
    }
    if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        Failure::TooLarge
    } else {
        Failure::BadRequest(Said::new(
            "提交的内容没有完整收到，请重新提交。",
            "What you sent did not arrive whole; please send it again.",
        ))
    }
}

/// Text may hold line breaks and tabs, never other control characters (they are invisible,
/// break databases and logs, and no citizen types them).
fn has_control(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

fn field_failure(field: &str, said: Said) -> Failure {
    match FieldName::parse(field) {
        Some(field) => Failure::Invalid(vec![FieldError::new(field, said)]),
        None => {
            let field = field.chars().take(40).collect::<String>();
            Failure::BadRequest(Said::new(
                format!("提交了不认识的字段“{field}”。"),
                format!("Unknown field “{field}”."),
            ))
        }
    }
}

const CONTROL: (&str, &str) = (
    "含有不可见的控制字符，请删去后重新填写",
    "Holds invisible control characters; remove them and try again",
);

/// The first string under `value` with a control character, as the top-level field it is in.
fn control_field(value: &Value, top: Option<&str>) -> Option<String> {
    match value {
        Value::String(s) if has_control(s) => Some(top.unwrap_or_default().to_owned()),
        Value::Array(items) => items.iter().find_map(|v| control_field(v, top)),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if has_control(k) {
                return Some(String::new());
            }
            control_field(v, Some(top.unwrap_or(k)))
        }),
        _ => None,
    }
}

/// The text between the first pair of backticks in a serde message: the field it names.
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// JSON input for the API.
pub struct Input<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Input<T> {
    type Rejection = Failure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Failure> {
        let json = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| {
            v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
        if !json {
            return Err(Failure::UnsupportedType);
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| unreadable(&r))?;
        let value: Value = serde_json::from_slice(&bytes).map_err(|_| {
            Failure::BadRequest(Said::new("提交的内容不是有效的 JSON。", "What you sent is not valid JSON."))
        })?;
        if !value.is_object() {
            return Err(Failure::BadRequest(Said::new(
                "提交的内容应是一个 JSON 对象。",
                "Send one JSON object.",
            )));
        }
        if let Some(field) = control_field(&value, None) {
            return Err(field_failure(&field, Said::new(CONTROL.0, CONTROL.1)));
        }
        serde_path_to_error::deserialize(value).map(Input).map_err(|e| {
            let message = e.inner().to_string();
            let path = e.path().iter().next().map(|segment| segment.to_string());
            match path {
                Some(field) => field_failure(
                    &field,
                    Said::new(
                        "格式不对，请按页面上的提示填写",
                        "Not in the right form; follow the hint on the page",
                    ),
                ),
                None if message.starts_with("missing field") => field_failure(
                    quoted(&message).unwrap_or_default(),
                    Said::new("请填写这一项", "Please fill this in"),
                ),
                None => field_failure(
                    quoted(&message).unwrap_or_default(),
                    Said::new("格式不对", "Not in the right form"),
                ),
            }
        })
    }
}

/// A plain HTML form post (`application/x-www-form-urlencoded`), every value valid UTF-8 and
/// free of control characters.
pub struct PlainForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for PlainForm<T> {
    type Rejection = Failure;

    async fn from_request(req: Request, state: &S) -> Result<Self, Failure> {
        let bytes = Bytes::from_request(req, state).await.map_err(|r| unreadable(&r))?;
        for pair in bytes.split(|b| *b == b'&') {
            let mut parts = pair.splitn(2, |b| *b == b'=');
            let name = decode(parts.next().unwrap_or_default())?;
            let value = decode(parts.next().unwrap_or_default())?;
            if has_control(&value) {
                return Err(field_failure(&name, Said::new(CONTROL.0, CONTROL.1)));
            }
        }
        serde_urlencoded::from_bytes(&bytes).map(PlainForm).map_err(|_| {
            Failure::BadRequest(Said::new(
                "表单内容无法读取，请重新填写。",
                "The form could not be read; please fill it in again.",
            ))
        })
    }
}

/// One url-encoded component as text; invalid UTF-8 is refused, never replaced.
fn decode(component: &[u8]) -> Result<String, Failure> {
    let plus_as_space: Vec<u8> = component.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
    percent_encoding::percent_decode(&plus_as_space).decode_utf8().map(|text| text.into_owned()).map_err(
        |_| {
            Failure::BadRequest(Said::new(
                "表单内容不是有效的 UTF-8 文字，请用常见浏览器重新填写。",
                "The form is not valid UTF-8 text; please fill it in again in a common browser.",
            ))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_in_the_top_level_field_they_are_in() {
        let value = serde_json::json!({ "name": "ok", "text": "a\u{0}b" });
        assert_eq!(control_field(&value, None), Some("text".to_owned()));
        assert_eq!(control_field(&serde_json::json!({ "text": "line\nbreak\ttab" }), None), None);
    }

    #[test]
    fn invalid_utf8_is_refused_rather_than_replaced() {
        assert!(decode(b"%E5%BC%A0").is_ok());
        assert!(decode(b"%FF%FE").is_err());
    }
}
