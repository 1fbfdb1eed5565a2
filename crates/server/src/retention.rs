//! Retention: every personal record past the retention period is deleted, daily inside the
//! server and at once by `swg-server purge`.

use crate::db::Pool;
use crate::{booking, feedback, idempotency};
use std::time::Duration;

/// How many records one purge deleted.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub bookings: u64,
    pub feedback: u64,
    pub idempotency_keys: u64,
    pub staff_sessions: u64,
}

/// Deletes bookings, feedback (with their 差评 cases), idempotency keys and per-ID locks older
/// than `days` days, and staff sessions idle past `idle_minutes`. The audit trail is kept: it
/// holds no personal data, only who did what to which record.
pub async fn purge(pool: &Pool, days: u32, idle_minutes: u32) -> Result<Purged, sqlx::Error> {
    Ok(Purged {
        bookings: booking::purge(pool, days).await?,
        feedback: feedback::purge(pool, days).await?,
        idempotency_keys: idempotency::purge(pool, days).await?,
        staff_sessions: crate::staff::session::purge(pool, idle_minutes).await?,
    })
}

/// Purges now and then every 24 hours, for as long as the server runs. Several instances may
/// all do it: deleting what is already gone does nothing.
pub fn spawn_daily(pool: Pool, days: u32, idle_minutes: u32) {
    tokio::spawn(async move {
        let mut every_day = tokio::time::interval(Duration::from_secs(24 * 60 * 60));
        loop {
            every_day.tick().await;
            match purge(&pool, days, idle_minutes).await {
                Ok(p) => tracing::info!(
                    bookings = p.bookings,
                    feedback = p.feedback,
                    idempotency_keys = p.idempotency_keys,
                    retention_days = days,
                    "purged records past the retention period"
                ),
                Err(e) => tracing::error!(detail = %e, "the daily purge failed; it runs again tomorrow"),
            }
        }
    });
}
