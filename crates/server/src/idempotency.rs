//! Idempotency keys: the first request with a key does the work, every retry gets its result.

use crate::db::now;
use crate::error::{invalid, Failure};
use crate::rows::Claim;
use sqlx::{Any, Transaction};
use swg_model::form::FieldName;

swg_model::id_enum! {
    /// The work an idempotency key was first used for.
    pub enum WorkKind {
        Booking = "booking",
        Feedback = "feedback",
        Reschedule = "reschedule",
    }
}

/// An idempotency key from the browser: 8–64 letters, digits and '-'.
pub fn parse_key(key: &str) -> Result<String, Failure> {
    let ok = (8..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        Ok(key.to_owned())
    } else {
        Err(invalid(FieldName::IdempotencyKey, "请求编号无效，请刷新页面后重新提交"))
    }
}

/// Records `key` for a `kind` of work on `target`, inside the work's own transaction (so a
/// failed attempt leaves no trace). `Some(target)` of the first request if the key was used.
pub async fn claim(
    tx: &mut Transaction<'static, Any>,
    key: &str,
    kind: WorkKind,
    target: &str,
) -> Result<Option<String>, Failure> {
    let inserted = sqlx::query(
        "INSERT INTO idempotency (idem_key, kind, target, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (idem_key) DO NOTHING",
    )
    .bind(key)
    .bind(kind.id())
    .bind(target)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(None);
    }
    let first: Claim = sqlx::query_as("SELECT kind, target FROM idempotency WHERE idem_key = $1")
        .bind(key)
        .fetch_one(&mut **tx)
        .await?;
    if first.kind.0 != kind {
        return Err(invalid(FieldName::IdempotencyKey, "请求编号已用于其他提交，请刷新页面后重新提交"));
    }
    Ok(Some(first.target))
}
