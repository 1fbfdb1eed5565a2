//! Idempotency keys: the first request with a key does the work, a retry of the same request
//! gets its result, and the same key with another request is refused without revealing anything.

use crate::db::now;
use crate::error::{invalid, Failure};
use crate::personal::{Keys, Purpose};
use crate::rows::Claim;
use serde::Serialize;
use sqlx::{Any, Transaction};
use std::net::IpAddr;
use swg_model::form::FieldName;

swg_model::id_enum! {
    /// The work an idempotency key was first used for.
    pub enum WorkKind {
        Booking = "booking",
        Feedback = "feedback",
        Reschedule = "reschedule",
    }
}

/// The prefix of keys the server makes for plain form posts; the JSON API never accepts one.
const FORM_PREFIX: &str = "form-";

/// Where a request came from, which decides where its idempotency key comes from.
#[derive(Clone, Copy, Debug)]
pub enum Via {
    /// The JSON API from this client: the browser sends a random key.
    Api(IpAddr),
    /// A plain HTML form post from this client: the server derives the key.
    Form(IpAddr),
}

impl Via {
    pub fn client(self) -> IpAddr {
        match self {
            Via::Api(client) | Via::Form(client) => client,
        }
    }
}

/// An idempotency key and the fingerprint of the request it came with.
#[derive(Debug)]
pub struct Key {
    key: String,
    request: String,
}

const REUSED: (&str, &str) = (
    "这个请求编号已用于另一份提交，请刷新页面后重新提交",
    "This request number was used for something else; reload the page and send it again",
);

impl Key {
    /// The key of a request: the browser's own (8–64 letters, digits and '-') from the API; for
    /// a plain form, a keyed hash of every field, the day and the client, so that pressing
    /// "resend" never books twice while nobody can predict or reuse another citizen's key.
    pub fn of<R: Serialize>(keys: &Keys, via: Via, browser_key: &str, request: &R) -> Result<Key, Failure> {
        let body = serde_json::to_string(request).map_err(|e| Failure::Unavailable(e.to_string()))?;
        let request = keys.hash(Purpose::Request, &[&body]);
        let key = match via {
            Via::Api(_) => {
                let ok = (8..=64).contains(&browser_key.len())
                    && browser_key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !browser_key.starts_with(FORM_PREFIX);
                if !ok {
                    return Err(invalid(
                        FieldName::IdempotencyKey,
                        swg_model::Said::new(
                            "请求编号无效，请刷新页面后重新提交",
                            "The request number is not valid; reload the page and send it again",
                        ),
                    ));
                }
                browser_key.to_owned()
            }
            Via::Form(client) => {
                let day = crate::booking::today().to_string();
                let client = client.to_string();
                format!("{FORM_PREFIX}{}", keys.hash(Purpose::FormKey, &[&body, &day, &client]))
            }
        };
        Ok(Key { key, request })
    }

    /// The fingerprint of the request (a keyed hash of everything in it but the key).
    pub fn fingerprint(&self) -> &str {
        &self.request
    }

    /// Records the key for a `kind` of work on `target`, inside the work's own transaction (so a
    /// failed attempt leaves no trace). `Some(target)` of the first request if this is a retry.
    pub async fn claim(
        &self,
        tx: &mut Transaction<'static, Any>,
        kind: WorkKind,
        target: &str,
    ) -> Result<Option<String>, Failure> {
        let inserted = sqlx::query(
            "INSERT INTO idempotency (idem_key, kind, target, created_at, request_hash) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (idem_key) DO NOTHING",
        )
        .bind(&self.key)
        .bind(kind.id())
        .bind(target)
        .bind(now())
        .bind(&self.request)
        .execute(&mut **tx)
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(None);
        }
        let first: Claim =
            sqlx::query_as("SELECT kind, target, request_hash FROM idempotency WHERE idem_key = $1")
                .bind(&self.key)
                .fetch_one(&mut **tx)
                .await?;
        if first.kind.0 != kind || first.request_hash != self.request {
            return Err(invalid(FieldName::IdempotencyKey, swg_model::Said::new(REUSED.0, REUSED.1)));
        }
        Ok(Some(first.target))
    }

    /// Points the key at new work: its first result is gone (cancelled or purged), so the
    /// request is done again instead of answered with something no longer true.
    pub async fn reassign(&self, tx: &mut Transaction<'static, Any>, target: &str) -> Result<(), Failure> {
        sqlx::query("UPDATE idempotency SET target = $1, created_at = $2 WHERE idem_key = $3")
            .bind(target)
            .bind(now())
            .bind(&self.key)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

/// Deletes keys older than `days` days; returns how many.
pub async fn purge(pool: &crate::db::Pool, days: u32) -> Result<u64, sqlx::Error> {
    let cutoff = now() - i64::from(days) * 86_400;
    Ok(sqlx::query("DELETE FROM idempotency WHERE created_at < $1")
        .bind(cutoff)
        .execute(pool)
        .await?
        .rows_affected())
}
