//! Dates and the official working-day calendar (weekends, public holidays, make-up working days).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date (proleptic Gregorian), written YYYY-MM-DD.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    days: i32,
}

impl Date {
    /// The date for year, month and day, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days_in_month).then(|| Date { days: days_from_civil(year, month, day) })
    }

    /// Parses "YYYY-MM-DD".
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The date `unix_seconds` falls on in China Standard Time (UTC+8).
    pub fn from_unix_china(unix_seconds: i64) -> Date {
        let days = (unix_seconds + 8 * 3600).div_euclid(86_400);
        Date { days: i32::try_from(days).unwrap_or(i32::MAX) }
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        u8::try_from((self.days + 3).rem_euclid(7) + 1).unwrap_or(1)
    }

    pub fn add_days(self, n: i32) -> Date {
        Date { days: self.days + n }
    }

    pub fn days_until(self, other: Date) -> i32 {
        other.days - self.days
    }

    /// "9月22日（周二）"
    pub fn label(self) -> String {
        self.label_in(crate::Lang::Zh)
    }

    /// The day as a page in `lang` says it: "10月9日（周五）", "Fri 9 Oct".
    pub fn label_in(self, lang: crate::Lang) -> String {
        const NAMES: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        const MONTHS: [&str; 12] =
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        let (_, m, d) = self.ymd();
        let weekday = usize::from(self.weekday() - 1);
        match lang {
            crate::Lang::Zh => format!("{m}月{d}日（{}）", NAMES[weekday]),
            crate::Lang::En => format!("{} {d} {}", DAYS[weekday], MONTHS[(m.clamp(1, 12) - 1) as usize]),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl TryFrom<String> for Date {
    type Error = crate::InvalidValue;
    fn try_from(s: String) -> Result<Date, crate::InvalidValue> {
        Date::parse(&s).ok_or_else(|| crate::InvalidValue(format!("`{s}` is not a date (YYYY-MM-DD)")))
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i32::try_from(m).unwrap_or(1);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i32::try_from(d).unwrap_or(1) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// One year's published arrangement of public holidays and make-up working days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearArrangement {
    pub year: i32,
    /// The notice the arrangement comes from (e.g. 国务院办公厅关于2026年部分节假日安排的通知).
    pub notice: String,
    /// Days off, as inclusive ranges within the year.
    pub off: Vec<(Date, Date)>,
    /// Weekend days that are working days (调休上班).
    pub make_up: Vec<Date>,
}

/// The official working-day calendar: the published years, and only weekends beyond them.
/// Loaded from `content/calendar.toml` and checked by `swg-content`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub years: Vec<YearArrangement>,
}

impl Calendar {
    fn year(&self, year: i32) -> Option<&YearArrangement> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The last year whose arrangement has been published, if any.
    pub fn last_year(&self) -> Option<i32> {
        self.years.iter().map(|y| y.year).max()
    }

    /// Whether the official calendar for this date's year is published (and known here).
    /// Beyond it, only weekends are counted as days off.
    pub fn is_published(&self, date: Date) -> bool {
        self.year(date.year()).is_some()
    }

    /// Whether the date is a working day on the official calendar.
    pub fn is_working_day(&self, date: Date) -> bool {
        if let Some(arrangement) = self.year(date.year()) {
            if arrangement.make_up.contains(&date) {
                return true;
            }
            if arrangement.off.iter().any(|&(from, to)| date >= from && date <= to) {
                return false;
            }
        }
        date.weekday() <= 5
    }

    /// Whether the date is an official day off of a published holiday (a weekend is not one).
    pub fn is_holiday(&self, date: Date) -> bool {
        self.year(date.year()).is_some_and(|a| {
            !a.make_up.contains(&date) && a.off.iter().any(|&(from, to)| date >= from && date <= to)
        })
    }

    /// Whether the date is a weekend day worked in exchange for a holiday (调休上班).
    pub fn is_make_up_day(&self, date: Date) -> bool {
        self.is_working_day(date) && date.weekday() > 5
    }

    /// The date `n` working days after `from`, counting from the next working day (the day of
    /// filing itself does not count). Returns the date and whether the whole span lay within the
    /// published calendar.
    pub fn add_working_days(&self, from: Date, n: u32) -> (Date, bool) {
        let mut date = from;
        let mut left = n;
        let mut published = self.is_published(from);
        while left > 0 {
            date = date.add_days(1);
            published &= self.is_published(date);
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        (date, published)
    }
}

/// The rule a promised date is computed by, in words a citizen can check.
pub const WORKING_DAY_RULE: &str =
    "自受理次日起算，按国务院公布的节假日安排计算工作日（法定节假日不计，调休上班日计入）。";

/// Said where a date lies beyond the published calendar.
pub const BEYOND_CALENDAR: &str = "该日期所在年份的节假日安排尚未公布，暂只按周末计算，以窗口告知为准。";

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("test date")
    }

    #[test]
    fn dates_round_trip_and_know_their_weekday() {
        assert_eq!(d("2026-09-18").to_string(), "2026-09-18");
        assert_eq!(d("2026-09-18").weekday(), 5);
        assert_eq!(d("2026-09-20").weekday(), 7);
        assert_eq!(d("2024-02-29").add_days(1), d("2024-03-01"));
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("2026-9-1"), None);
    }

    #[test]
    fn unix_time_is_read_in_china_time() {
        // 2026-09-17T16:30:00Z is 2026-09-18 00:30 in Beijing.
        assert_eq!(Date::from_unix_china(1_789_662_600), d("2026-09-18"));
    }

    /// A small arrangement in the shape of the published ones: a three-day holiday from
    /// Thursday 1 October, with Sunday 27 September worked instead.
    fn calendar() -> Calendar {
        Calendar {
            years: vec![YearArrangement {
                year: 2026,
                notice: "test".into(),
                off: vec![(d("2026-10-01"), d("2026-10-03"))],
                make_up: vec![d("2026-09-27")],
            }],
        }
    }

    #[test]
    fn holidays_are_days_off_and_make_up_days_are_worked() {
        let cal = calendar();
        assert!(!cal.is_working_day(d("2026-10-01")));
        assert!(!cal.is_working_day(d("2026-10-03")));
        assert!(cal.is_working_day(d("2026-09-27")));
        assert!(cal.is_make_up_day(d("2026-09-27")));
        assert!(!cal.is_make_up_day(d("2026-09-28")));
        assert!(!cal.is_working_day(d("2026-09-26")));
        assert!(cal.is_working_day(d("2026-09-30")));
    }

    #[test]
    fn working_days_are_counted_from_the_next_day_across_a_holiday() {
        // Wednesday 30 September: Friday 2 October is off, Sunday 27 was before; 1, 2, 3 off.
        assert_eq!(calendar().add_working_days(d("2026-09-30"), 2), (d("2026-10-06"), true));
        assert_eq!(calendar().add_working_days(d("2026-09-25"), 1), (d("2026-09-27"), true));
    }

    #[test]
    fn beyond_the_published_calendar_only_weekends_count_and_it_says_so() {
        let (due, published) = calendar().add_working_days(d("2026-12-30"), 3);
        assert_eq!(due, d("2027-01-04"));
        assert!(!published);
        assert_eq!(calendar().last_year(), Some(2026));
        assert_eq!(Calendar::default().add_working_days(d("2026-10-01"), 1), (d("2026-10-02"), false));
    }
}
