//! The public figures (警务公开): per window overall, and per window and month; counts only,
//! no personal data.

use crate::booking::today;
use crate::error::Failure;
use crate::rows::{ComplaintCount, MonthCount, RatingCount};
use crate::AppState;
use std::collections::BTreeMap;
use swg_model::api::{BookingStatus, FeedbackKind, MonthFigures, Stats, WindowStats};

/// Per window: ratings per level and the share of complaints answered on time.
pub async fn stats(state: &AppState) -> Result<Stats, Failure> {
    let ratings = sqlx::query_as::<_, RatingCount>(
        "SELECT window_id, rating, COUNT(*) AS n FROM feedback WHERE rating > 0 GROUP BY window_id, rating",
    )
    .fetch_all(&state.pool)
    .await?;
    let complaints = sqlx::query_as::<_, ComplaintCount>(
        "SELECT window_id, COUNT(*) AS n, \
         SUM(CASE WHEN answered_on <> '' OR due_on < $2 THEN 1 ELSE 0 END) AS due, \
         SUM(CASE WHEN answered_on <> '' AND answered_on <= due_on THEN 1 ELSE 0 END) AS on_time \
         FROM feedback WHERE kind = $1 GROUP BY window_id",
    )
    .bind(FeedbackKind::Complaint.id())
    .bind(today().to_string())
    .fetch_all(&state.pool)
    .await?;
    let windows = state
        .site
        .windows
        .iter()
        .map(|w| {
            let mut levels = [0u32; 5];
            for row in ratings.iter().filter(|r| r.window_id == w.id) {
                if let Some(slot) = usize::try_from(row.rating.0)
                    .ok()
                    .and_then(|r| r.checked_sub(1))
                    .and_then(|i| levels.get_mut(i))
                {
                    *slot = row.n.0;
                }
            }
            let row = complaints.iter().find(|r| r.window_id == w.id);
            WindowStats {
                window: w.id.clone(),
                window_name: w.name.clone(),
                ratings: levels,
                complaints: row.map_or(0, |r| r.n.0),
                complaints_due: row.map_or(0, |r| r.due.0),
                complaints_answered_on_time: row.map_or(0, |r| r.on_time.0),
            }
        })
        .collect();
    Ok(Stats { windows, months: months(state).await? })
}

/// Per window and month: bookings honoured and missed, complaints and 差评 cases handled on
/// time of those due by now, and the ratings.
async fn months(state: &AppState) -> Result<Vec<MonthFigures>, Failure> {
    let today = today().to_string();
    let pool = &state.pool;
    let bookings: Vec<MonthCount> = sqlx::query_as(
        "SELECT window_id, SUBSTR(day, 1, 7) AS month, \
         SUM(CASE WHEN status = $1 OR status = $2 THEN 1 ELSE 0 END) AS a, \
         SUM(CASE WHEN status = $3 THEN 1 ELSE 0 END) AS b \
         FROM bookings GROUP BY window_id, SUBSTR(day, 1, 7)",
    )
    .bind(BookingStatus::Arrived.id())
    .bind(BookingStatus::Done.id())
    .bind(BookingStatus::NoShow.id())
    .fetch_all(pool)
    .await?;
    let complaints: Vec<MonthCount> = sqlx::query_as(
        "SELECT window_id, SUBSTR(filed_on, 1, 7) AS month, \
         SUM(CASE WHEN answered_on <> '' OR due_on < $2 THEN 1 ELSE 0 END) AS a, \
         SUM(CASE WHEN answered_on <> '' AND answered_on <= due_on THEN 1 ELSE 0 END) AS b \
         FROM feedback WHERE kind = $1 GROUP BY window_id, SUBSTR(filed_on, 1, 7)",
    )
    .bind(FeedbackKind::Complaint.id())
    .bind(&today)
    .fetch_all(pool)
    .await?;
    let cases: Vec<MonthCount> = sqlx::query_as(
        "SELECT window_id, SUBSTR(opened_on, 1, 7) AS month, \
         SUM(CASE WHEN closed_on <> '' OR fix_due < $1 THEN 1 ELSE 0 END) AS a, \
         SUM(CASE WHEN closed_on <> '' AND closed_on <= fix_due THEN 1 ELSE 0 END) AS b \
         FROM cases GROUP BY window_id, SUBSTR(opened_on, 1, 7)",
    )
    .bind(&today)
    .fetch_all(pool)
    .await?;
    let ratings: Vec<MonthCount> = sqlx::query_as(
        "SELECT window_id, SUBSTR(filed_on, 1, 7) AS month, COUNT(*) AS a, CAST(SUM(rating) AS BIGINT) AS b \
         FROM feedback WHERE rating > 0 GROUP BY window_id, SUBSTR(filed_on, 1, 7)",
    )
    .fetch_all(pool)
    .await?;
    let mut figures: BTreeMap<(String, String), MonthFigures> = BTreeMap::new();
    let mut merge = |rows: &[MonthCount], apply: &dyn Fn(&mut MonthFigures, u32, u32)| {
        for row in rows {
            let figure =
                figures.entry((row.month.clone(), row.window_id.clone())).or_insert_with(|| MonthFigures {
                    month: row.month.clone(),
                    window: row.window_id.clone(),
                    window_name: state.site.window_name(&row.window_id),
                    honoured: 0,
                    no_shows: 0,
                    complaints_due: 0,
                    complaints_on_time: 0,
                    cases_due: 0,
                    cases_on_time: 0,
                    ratings: 0,
                    average_rating_tenths: None,
                });
            apply(figure, row.a.0, row.b.0);
        }
    };
    merge(&bookings, &|f, a, b| {
        f.honoured = a;
        f.no_shows = b;
    });
    merge(&complaints, &|f, a, b| {
        f.complaints_due = a;
        f.complaints_on_time = b;
    });
    merge(&cases, &|f, a, b| {
        f.cases_due = a;
        f.cases_on_time = b;
    });
    merge(&ratings, &|f, a, b| {
        f.ratings = a;
        f.average_rating_tenths = (a > 0).then(|| (b * 10 + a / 2) / a);
    });
    // Newest month first.
    Ok(figures.into_values().rev().collect())
}
