//! Places in a slot, counted in the database: the check and the change are one statement.

use sqlx::{Any, Transaction};
use swg_model::calendar::Date;

/// The key of one slot of one window on one day.
pub fn slot_key(window: &str, day: Date, slot: &str) -> String {
    format!("{window}|{day}|{slot}")
}

/// Takes one place in a slot: true if there was one. The check and the increment are one
/// UPDATE, so two requests can never both take the last place.
pub async fn take_place(
    tx: &mut Transaction<'static, Any>,
    key: &str,
    capacity: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query("INSERT INTO slot_usage (slot_key, booked) VALUES ($1, 0) ON CONFLICT (slot_key) DO NOTHING")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    let updated =
        sqlx::query("UPDATE slot_usage SET booked = booked + 1 WHERE slot_key = $1 AND booked < $2")
            .bind(key)
            .bind(capacity)
            .execute(&mut **tx)
            .await?;
    Ok(updated.rows_affected() == 1)
}

pub async fn release_place(tx: &mut Transaction<'static, Any>, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE slot_usage SET booked = booked - 1 WHERE slot_key = $1 AND booked > 0")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
