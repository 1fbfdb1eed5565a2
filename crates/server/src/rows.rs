//! Database rows as typed structs. A column that will not decode (a misspelt status, a date
//! that is not a date) is an error that reaches the log and a 503, never a default value.

use crate::idempotency::WorkKind;
use swg_model::api::{BookingStatus, FeedbackKind, FeedbackStatus, Need};
use swg_model::calendar::Date;

/// A 0/1 column (portable SQL has no boolean that SQLite and PostgreSQL share).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

impl TryFrom<i64> for Flag {
    type Error = String;
    fn try_from(n: i64) -> Result<Flag, String> {
        match n {
            0 => Ok(Flag(false)),
            1 => Ok(Flag(true)),
            other => Err(format!("{other} is not 0 or 1")),
        }
    }
}

/// A date column that may be empty ("" for none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaybeDate(pub Option<Date>);

impl TryFrom<String> for MaybeDate {
    type Error = String;
    fn try_from(s: String) -> Result<MaybeDate, String> {
        if s.is_empty() {
            Ok(MaybeDate(None))
        } else {
            Date::try_from(s).map(|d| MaybeDate(Some(d)))
        }
    }
}

/// A count or small number that must not be negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count(pub u32);

impl TryFrom<i64> for Count {
    type Error = String;
    fn try_from(n: i64) -> Result<Count, String> {
        u32::try_from(n).map(Count).map_err(|_| format!("{n} is not a count"))
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct BookingRow {
    pub code: String,
    pub window_id: String,
    pub service_id: String,
    #[sqlx(try_from = "String")]
    pub day: Date,
    pub slot: String,
    pub name: String,
    pub phone: String,
    pub id_number: String,
    #[sqlx(try_from = "String")]
    pub need: Need,
    #[sqlx(try_from = "i64")]
    pub home_visit: Flag,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
}

#[derive(Debug, sqlx::FromRow)]
pub struct FeedbackRow {
    pub tracking: String,
    #[sqlx(try_from = "String")]
    pub kind: FeedbackKind,
    pub window_id: String,
    pub phone: String,
    #[sqlx(try_from = "String")]
    pub status: FeedbackStatus,
    pub reply: String,
    #[sqlx(try_from = "String")]
    pub filed_on: Date,
    #[sqlx(try_from = "String")]
    pub due_on: MaybeDate,
}

/// Places taken in one slot.
#[derive(Debug, sqlx::FromRow)]
pub struct SlotUsage {
    pub slot_key: String,
    #[sqlx(try_from = "i64")]
    pub booked: Count,
}

/// How many ratings of one level a window has.
#[derive(Debug, sqlx::FromRow)]
pub struct RatingCount {
    pub window_id: String,
    #[sqlx(try_from = "i64")]
    pub rating: Count,
    #[sqlx(try_from = "i64")]
    pub n: Count,
}

/// A window's complaints and how many were answered by their due date.
#[derive(Debug, sqlx::FromRow)]
pub struct ComplaintCount {
    pub window_id: String,
    #[sqlx(try_from = "i64")]
    pub n: Count,
    #[sqlx(try_from = "i64")]
    pub on_time: Count,
}

/// What an idempotency key was first used for.
#[derive(Debug, sqlx::FromRow)]
pub struct Claim {
    #[sqlx(try_from = "String")]
    pub kind: WorkKind,
    pub target: String,
}
