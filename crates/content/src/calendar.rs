//! `content/calendar.toml`: the official holiday arrangement of each published year, checked
//! (dates exist, ranges lie in their year, make-up days fall on weekends, no year twice).

use crate::error::{from_toml, ContentError, ContentErrors};
use crate::load::Source;
use serde::Deserialize;
use std::path::Path;
use swg_model::calendar::{Calendar, Date, YearArrangement};
use toml::Spanned;

/// How many days before the end of the last published year the build starts to warn.
pub const WARN_DAYS_BEFORE_END: i32 = 60;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    #[serde(default)]
    year: Vec<RawYear>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    year: Spanned<i32>,
    notice: Spanned<String>,
    #[serde(default)]
    holidays: Vec<RawHoliday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: Spanned<String>,
    off: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    work: Vec<Spanned<String>>,
}

/// Reads and checks the calendar file; every problem is pushed with its line and a hint.
pub(crate) fn read(file: &Path, text: String, errors: &mut ContentErrors) -> Calendar {
    let raw: RawCalendar = match toml::from_str(&text) {
        Ok(raw) => raw,
        Err(e) => {
            errors.push(from_toml(file, &text, 1, &e));
            return Calendar::default();
        }
    };
    let source = Source { file: file.to_path_buf(), text, toml_offset: 0 };
    let mut years: Vec<YearArrangement> = Vec::new();
    for raw_year in raw.year {
        let line = source.line(&raw_year.year);
        if let Some(year) = check_year(&source, raw_year, errors) {
            match years.iter().any(|y| y.year == year.year) {
                true => errors.push(source.error(
                    line,
                    format!("the year {} is described twice", year.year),
                    "keep one [[year]] table per year: merge the two",
                )),
                false => years.push(year),
            }
        }
    }
    years.sort_by_key(|y| y.year);
    Calendar { years }
}

fn check_year(source: &Source, raw: RawYear, errors: &mut ContentErrors) -> Option<YearArrangement> {
    let year = *raw.year.get_ref();
    if !(2000..=2200).contains(&year) {
        errors.push(source.error(
            source.line(&raw.year),
            format!("year {year} is out of range"),
            "write the year as four digits, e.g. year = 2027",
        ));
        return None;
    }
    if raw.notice.get_ref().trim().is_empty() {
        errors.push(source.error(
            source.line(&raw.notice),
            format!("year {year} does not name the notice it comes from"),
            "write the State Council notice's title and date, e.g. notice = \"国务院办公厅关于2027年部分节假日安排的通知（2026-11-xx）\"",
        ));
    }
    let before = errors.0.len();
    let date = |s: &Spanned<String>, errors: &mut ContentErrors| -> Option<Date> {
        let line = source.line(s);
        let Some(date) = Date::parse(s.get_ref()) else {
            errors.push(source.error(
                line,
                format!("`{}` is not a date that exists", s.get_ref()),
                "write dates as \"YYYY-MM-DD\", e.g. \"2027-01-01\"",
            ));
            return None;
        };
        if date.year() != year {
            errors.push(source.error(
                line,
                format!("{date} lies outside the year {year} it is listed under"),
                format!("move it to the [[year]] table for {}, or correct the date", date.year()),
            ));
            return None;
        }
        Some(date)
    };
    let mut off = Vec::new();
    let mut make_up = Vec::new();
    for holiday in &raw.holidays {
        let name = holiday.name.get_ref();
        match holiday.off.get_ref().as_slice() {
            [first, last] => {
                if let (Some(a), Some(z)) = (date(first, errors), date(last, errors)) {
                    if a > z {
                        errors.push(source.error(
                            source.line(first),
                            format!("{name}: the first day off {a} comes after the last {z}"),
                            "write off = [\"FIRST\", \"LAST\"] with the earlier date first",
                        ));
                    } else {
                        off.push((a, z));
                    }
                }
            }
            _ => errors.push(source.error(
                source.line(&holiday.off),
                format!("{name}: off must name the first and the last day off"),
                "write off = [\"2027-10-01\", \"2027-10-07\"]; a single day is [\"D\", \"D\"]",
            )),
        }
        for day in &holiday.work {
            let Some(d) = date(day, errors) else { continue };
            if d.weekday() <= 5 {
                errors.push(source.error(
                    source.line(day),
                    format!("{name}: make-up working day {d} is a {}, not a weekend day", d.label()),
                    "a make-up working day (调休上班) is a Saturday or Sunday worked instead of a holiday; check the notice",
                ));
            } else {
                make_up.push((d, source.line(day)));
            }
        }
    }
    for &(d, line) in &make_up {
        if off.iter().any(|&(a, z)| d >= a && d <= z) {
            errors.push(source.error(
                line,
                format!("{d} is both a day off and a make-up working day in {year}"),
                "check the notice: a day is either off or worked",
            ));
        }
    }
    (errors.0.len() == before).then(|| YearArrangement {
        year,
        notice: raw.notice.into_inner(),
        off,
        make_up: make_up.into_iter().map(|(d, _)| d).collect(),
    })
}

/// The warning the build prints when `today` is within [`WARN_DAYS_BEFORE_END`] days of the end
/// of the last published year (or past it), naming the file to update.
pub fn expiry_warning(calendar: &Calendar, file: &Path, today: Date) -> Option<String> {
    let next = calendar.last_year().map_or(today.year(), |y| y + 1);
    let first_unpublished = Date::new(next, 1, 1)?;
    let left = today.days_until(first_unpublished);
    (left <= WARN_DAYS_BEFORE_END).then(|| {
        format!(
            "warning: {}: the holiday arrangement for {next} is not in the calendar ({left} days left); \
             add a [[year]] table for {next} once the State Council publishes it. Until then only \
             weekends count as days off in {next}, and the pages say so.",
            file.display()
        )
    })
}

/// A missing calendar file is an error: without it no holiday would be honoured.
pub(crate) fn missing(file: &Path, e: &std::io::Error) -> ContentError {
    ContentError::new(
        file,
        1,
        format!("cannot read the holiday calendar: {e}"),
        "create content/calendar.toml with a [[year]] table per published year (see content/README.md)",
    )
}
