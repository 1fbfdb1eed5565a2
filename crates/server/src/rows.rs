//! Database rows as typed structs. A column that will not decode (a misspelt status, a date
//! that is not a date) is an error that reaches the log and a 503, never a default value.
//!
//! Typed columns are read through [`Text`] and [`Int`] rather than `#[sqlx(try_from)]`: the
//! derive's generic bounds hide the conversion's error type, so its message would be lost.

use sqlx::any::{AnyTypeInfo, AnyValueRef};
use sqlx::decode::Decode;
use sqlx::error::BoxDynError;
use sqlx::{Any, Type};
use std::marker::PhantomData;

use crate::idempotency::WorkKind;
use crate::personal::Sealed;
use swg_model::api::{BookingStatus, FeedbackKind, FeedbackStatus, Need};
use swg_model::calendar::Date;
use swg_model::form::IdKind;
use swg_model::InvalidValue;

/// A column holding a typed value, stored as `Base` (text or an integer) and converted with
/// `T: TryFrom<Base>`; the conversion's error is the decode error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column<T, Base>(pub T, PhantomData<Base>);

/// A text column holding a date, a status or a kind.
pub type Text<T> = Column<T, String>;

/// An integer column holding a flag or a count.
pub type Int<T> = Column<T, i64>;

impl<T, Base: Type<Any>> Type<Any> for Column<T, Base> {
    fn type_info() -> AnyTypeInfo {
        Base::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        Base::compatible(ty)
    }
}

impl<'r, T, Base> Decode<'r, Any> for Column<T, Base>
where
    Base: Decode<'r, Any>,
    T: TryFrom<Base>,
    T::Error: std::error::Error + Send + Sync + 'static,
{
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Column(T::try_from(Base::decode(value)?)?, PhantomData))
    }
}

/// A 0/1 column (portable SQL has no boolean that SQLite and PostgreSQL share).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag(pub bool);

impl TryFrom<i64> for Flag {
    type Error = InvalidValue;
    fn try_from(n: i64) -> Result<Flag, InvalidValue> {
        match n {
            0 => Ok(Flag(false)),
            1 => Ok(Flag(true)),
            other => Err(InvalidValue(format!("{other} is not 0 or 1"))),
        }
    }
}

/// A date column that may be empty ("" for none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaybeDate(pub Option<Date>);

impl TryFrom<String> for MaybeDate {
    type Error = InvalidValue;
    fn try_from(s: String) -> Result<MaybeDate, InvalidValue> {
        if s.is_empty() {
            Ok(MaybeDate(None))
        } else {
            Date::try_from(s).map(|d| MaybeDate(Some(d)))
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct BookingRow {
    pub code: String,
    pub window_id: String,
    pub service_id: String,
    pub day: Text<Date>,
    pub slot: String,
    pub name: Text<Sealed>,
    pub phone: Text<Sealed>,
    pub id_number: Text<Sealed>,
    pub id_hash: String,
    pub id_kind: Text<IdKind>,
    pub need: Text<Need>,
    pub home_visit: Int<Flag>,
    pub status: Text<BookingStatus>,
}

#[derive(Debug, sqlx::FromRow)]
pub struct FeedbackRow {
    pub tracking: String,
    pub service_id: String,
    pub kind: Text<FeedbackKind>,
    pub window_id: String,
    /// Sealed, or empty when none was given.
    pub phone: String,
    pub status: Text<FeedbackStatus>,
    pub reply: String,
    pub filed_on: Text<Date>,
    pub due_on: Text<MaybeDate>,
    pub answered_on: Text<MaybeDate>,
    pub body: String,
    pub what_went_wrong: String,
    pub officer: String,
    pub rating: Int<u8>,
    /// The window it was handed to and that has not accepted yet ('' for none).
    pub handed_to: String,
}

/// A 差评 case.
#[derive(Debug, sqlx::FromRow)]
pub struct CaseRecord {
    pub tracking: String,
    pub window_id: String,
    pub opened_on: Text<Date>,
    pub contact_due: Text<Date>,
    pub fix_due: Text<Date>,
    pub contacted_on: Text<MaybeDate>,
    pub closed_on: Text<MaybeDate>,
    pub finding: String,
    pub fix: String,
    pub fix_rating: Int<u8>,
}

/// A count per window and month (`YYYY-MM`), with a second figure where the query has one.
#[derive(Debug, sqlx::FromRow)]
pub struct MonthCount {
    pub window_id: String,
    pub month: String,
    pub a: Int<u32>,
    pub b: Int<u32>,
}

/// Places taken in one slot.
#[derive(Debug, sqlx::FromRow)]
pub struct SlotUsage {
    pub slot_key: String,
    pub booked: Int<u32>,
}

/// How many ratings of one level a window has.
#[derive(Debug, sqlx::FromRow)]
pub struct RatingCount {
    pub window_id: String,
    pub rating: Int<u32>,
    pub n: Int<u32>,
}

/// A window's complaints, how many are due by now, and how many were answered by their due date.
#[derive(Debug, sqlx::FromRow)]
pub struct ComplaintCount {
    pub window_id: String,
    pub n: Int<u32>,
    pub due: Int<u32>,
    pub on_time: Int<u32>,
}

/// What an idempotency key was first used for.
#[derive(Debug, sqlx::FromRow)]
pub struct Claim {
    pub kind: Text<WorkKind>,
    pub target: String,
    pub request_hash: String,
}
