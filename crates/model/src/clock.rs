//! "When will it be done?" and "Is it open now?": a guide's expected date and a window's state
//! at a given moment, from the official calendar and the published hours.

use crate::booking::minutes;
use crate::calendar::{Calendar, Date};
use crate::guide::TimeLimit;
use crate::page::Hours;
use crate::Lang;
use serde::{Deserialize, Serialize};

/// The expected date for something applied for on `applied`, in words: "今天受理，预计
/// 10月9日（周五）前办结". Working days follow the official calendar; 日 count every day.
pub fn due_label(limit: &TimeLimit, calendar: &Calendar, applied: Date, today: Date, lang: Lang) -> String {
    if limit.days == 0 {
        return lang
            .pick("材料齐全的，当场办结", "Done on the spot when your documents are complete")
            .to_owned();
    }
    // Nothing is accepted on a day off: the count starts from the next working day.
    let open = calendar.is_working_day(applied);
    let accepted = if open { applied } else { next_working_day(calendar, applied) };
    let (due, published) = if limit.calendar {
        let due = accepted.add_days(i32::from(limit.days));
        (due, true)
    } else {
        calendar.add_working_days(accepted, u32::from(limit.days))
    };
    let day = |d: Date| d.label_in(lang);
    let when = match (lang, open, applied == today) {
        (Lang::Zh, true, true) => "今天受理".to_owned(),
        (Lang::Zh, true, false) => format!("{}受理", day(applied)),
        (Lang::Zh, false, true) => format!("今天休息，最早 {}受理", day(accepted)),
        (Lang::Zh, false, false) => format!("{}休息，最早 {}受理", day(applied), day(accepted)),
        (Lang::En, true, true) => "Apply today".to_owned(),
        (Lang::En, true, false) => format!("Apply on {}", day(applied)),
        (Lang::En, false, true) => format!("Closed today; the earliest day to apply is {}", day(accepted)),
        (Lang::En, false, false) => {
            format!("{} is a day off; the earliest day to apply is {}", day(applied), day(accepted))
        }
    };
    match (lang, published) {
        (Lang::Zh, true) => format!("{when}，预计 {}前办结", day(due)),
        (Lang::Zh, false) => format!("{when}，预计 {}前办结（那时的节假日安排尚未公布，暂只按周末计算）", day(due)),
        (Lang::En, true) => format!("{when}: expect it done by {}", day(due)),
        (Lang::En, false) => format!(
            "{when}: expect it done by {} (that year's public holidays are not published yet, so only weekends are counted)",
            day(due)
        ),
    }
}

/// The first working day after `day`.
fn next_working_day(calendar: &Calendar, day: Date) -> Date {
    (1..=30).map(|n| day.add_days(n)).find(|d| calendar.is_working_day(*d)).unwrap_or(day.add_days(1))
}

/// What a window's page needs to say whether it is open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowHours {
    pub id: String,
    pub name: String,
    pub hours: Vec<Hours>,
    /// The lunch arrangement as published ("12:00–14:00 午间值班，…"), if any.
    pub lunch: Option<String>,
}

/// A window's state at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenState {
    /// Open around the clock.
    AllDay,
    Open {
        closes: String,
    },
    /// Inside the published lunch hours, with officers on duty.
    LunchDuty {
        until: String,
        closes: String,
    },
    /// Between two periods of the day.
    Break {
        reopens: String,
    },
    NotYet {
        opens: String,
    },
    /// Closed for the day (or a holiday); the next opening, if within two weeks.
    Closed {
        next: Option<(Date, String)>,
        holiday: bool,
    },
}

fn hhmm(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Whether the window opens every day of the week (110, a 24-hour self-service area): such a
/// service does not close for public holidays either.
fn every_day(hours: &[Hours]) -> bool {
    (1..=7).all(|d| hours.iter().any(|h| h.days.contains(&d)))
}

/// The day's opening periods in minutes, sorted, with touching periods joined (an extended
/// evening that starts when the day ends is one period).
fn periods(hours: &[Hours], calendar: &Calendar, day: Date) -> Vec<(u16, u16)> {
    let always = every_day(hours);
    if calendar.is_holiday(day) && !always {
        return Vec::new();
    }
    let weekday = if calendar.is_make_up_day(day) && !always { 1 } else { day.weekday() };
    let mut out: Vec<(u16, u16)> = hours
        .iter()
        .filter(|h| h.days.contains(&weekday))
        .filter_map(|h| Some((minutes(&h.open)?, minutes(&h.close)?)))
        .collect();
    out.sort_unstable();
    let mut joined: Vec<(u16, u16)> = Vec::new();
    for (open, close) in out {
        match joined.last_mut() {
            Some(last) if open <= last.1 => last.1 = last.1.max(close),
            _ => joined.push((open, close)),
        }
    }
    joined
}

/// The first two "HH:MM" times in the published lunch text, when it says officers are on duty.
fn lunch_duty(lunch: Option<&str>) -> Option<(u16, u16)> {
    let lunch = lunch.filter(|l| l.contains("值班"))?;
    let chars: Vec<char> = lunch.chars().collect();
    let times: Vec<u16> = chars
        .windows(5)
        .filter_map(|w| {
            let text: String = w.iter().collect();
            (w[2] == ':').then(|| minutes(&text)).flatten()
        })
        .take(2)
        .collect();
    match times.as_slice() {
        [from, to] if from < to => Some((*from, *to)),
        _ => None,
    }
}

/// The window's state on `day` at `minute` past midnight.
pub fn open_state(window: &WindowHours, calendar: &Calendar, day: Date, minute: u16) -> OpenState {
    let today = periods(&window.hours, calendar, day);
    if today == [(0, 24 * 60)] {
        return OpenState::AllDay;
    }
    if let Some(&(_, close)) = today.iter().find(|(open, close)| *open <= minute && minute < *close) {
        let closes = hhmm(close);
        return match lunch_duty(window.lunch.as_deref()) {
            Some((from, to)) if from <= minute && minute < to => {
                OpenState::LunchDuty { until: hhmm(to), closes }
            }
            _ => OpenState::Open { closes },
        };
    }
    if let Some(&(open, _)) = today.iter().find(|(open, _)| minute < *open) {
        return if today.iter().any(|(_, close)| *close <= minute) {
            OpenState::Break { reopens: hhmm(open) }
        } else {
            OpenState::NotYet { opens: hhmm(open) }
        };
    }
    let next = (1..=14).map(|n| day.add_days(n)).find_map(|d| {
        let first = periods(&window.hours, calendar, d).first().map(|(open, _)| hhmm(*open))?;
        Some((d, first))
    });
    OpenState::Closed { next, holiday: calendar.is_holiday(day) && !every_day(&window.hours) }
}

impl OpenState {
    /// The state in words, as the window page and the list say it.
    pub fn label(&self, today: Date, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, OpenState::AllDay) => "24 小时办公".to_owned(),
            (Lang::Zh, OpenState::Open { closes }) => format!("办公中，{closes} 下班"),
            (Lang::Zh, OpenState::LunchDuty { until, closes }) => {
                format!("午间值班（{until} 起全员办公），{closes} 下班")
            }
            (Lang::Zh, OpenState::Break { reopens }) => format!("午休中，{reopens} 开门"),
            (Lang::Zh, OpenState::NotYet { opens }) => format!("还没开门，今天 {opens} 开门"),
            (Lang::En, OpenState::AllDay) => "Open 24 hours".to_owned(),
            (Lang::En, OpenState::Open { closes }) => format!("Open now, closes at {closes}"),
            (Lang::En, OpenState::LunchDuty { until, closes }) => {
                format!("Lunch-time duty desk (all counters from {until}), closes at {closes}")
            }
            (Lang::En, OpenState::Break { reopens }) => format!("Lunch break, opens again at {reopens}"),
            (Lang::En, OpenState::NotYet { opens }) => format!("Not open yet, opens today at {opens}"),
            (_, OpenState::Closed { next, holiday }) => {
                let now = match (lang, *holiday) {
                    (Lang::Zh, true) => "今天放假",
                    (Lang::Zh, false) => "已下班",
                    (Lang::En, true) => "Closed today (public holiday)",
                    (Lang::En, false) => "Closed now",
                };
                match (lang, next) {
                    (Lang::Zh, Some((d, time))) if *d == today.add_days(1) => {
                        format!("{now}，明天 {time} 开门")
                    }
                    (Lang::Zh, Some((d, time))) => format!("{now}，{}{time} 开门", d.label()),
                    (Lang::Zh, None) => format!("{now}，开门时间见办公时间"),
                    (Lang::En, Some((d, time))) if *d == today.add_days(1) => {
                        format!("{now}, opens tomorrow at {time}")
                    }
                    (Lang::En, Some((d, time))) => format!("{now}, opens {} at {time}", d.label_in(lang)),
                    (Lang::En, None) => format!("{now}; see the opening hours"),
                }
            }
        }
    }

    /// Whether a citizen can walk in now.
    pub fn is_open(&self) -> bool {
        matches!(self, OpenState::AllDay | OpenState::Open { .. } | OpenState::LunchDuty { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::YearArrangement;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    fn calendar() -> Calendar {
        Calendar {
            years: vec![YearArrangement {
                year: 2026,
                notice: "test".into(),
                off: vec![(d("2026-10-01"), d("2026-10-07"))],
                make_up: vec![d("2026-09-20"), d("2026-10-10")],
            }],
        }
    }

    fn hours(days: &[u8], open: &str, close: &str) -> Hours {
        Hours { days: days.to_vec(), open: open.into(), close: close.into(), capacity: None }
    }

    fn huji() -> WindowHours {
        WindowHours {
            id: "huji".into(),
            name: "户籍".into(),
            hours: vec![
                hours(&[1, 2, 3, 4, 5], "08:30", "17:30"),
                hours(&[6], "09:00", "12:00"),
                hours(&[3], "17:30", "19:00"),
            ],
            lunch: Some("12:00–14:00 午间值班，户籍业务照常受理".into()),
        }
    }

    fn at(day: &str, time: &str) -> String {
        let day = d(day);
        open_state(&huji(), &calendar(), day, minutes(time).expect("time")).label(day, Lang::Zh)
    }

    #[test]
    fn a_window_says_open_lunch_duty_or_closed_for_the_time_of_day() {
        assert_eq!(at("2026-09-22", "07:50"), "还没开门，今天 08:30 开门");
        assert_eq!(at("2026-09-22", "10:00"), "办公中，17:30 下班");
        assert_eq!(at("2026-09-22", "12:30"), "午间值班（14:00 起全员办公），17:30 下班");
        assert_eq!(at("2026-09-22", "18:00"), "已下班，明天 08:30 开门");
        assert_eq!(at("2026-09-25", "18:00"), "已下班，明天 09:00 开门", "Saturday mornings open");
        assert_eq!(at("2026-09-26", "12:00"), "已下班，9月28日（周一）08:30 开门");
    }

    #[test]
    fn extended_evenings_holidays_and_make_up_days_follow_the_calendar() {
        assert_eq!(at("2026-09-23", "18:00"), "办公中，19:00 下班", "Wednesday's extended evening");
        assert_eq!(at("2026-10-02", "10:00"), "今天放假，10月8日（周四）08:30 开门");
        assert_eq!(at("2026-09-20", "10:00"), "办公中，17:30 下班", "a make-up Sunday works Monday's hours");
    }

    #[test]
    fn a_service_open_every_day_stays_open_on_public_holidays() {
        let mut w = huji();
        w.hours = vec![hours(&[1, 2, 3, 4, 5, 6, 7], "00:00", "24:00")];
        let holiday = d("2026-10-03");
        assert_eq!(open_state(&w, &calendar(), holiday, 10 * 60).label(holiday, Lang::Zh), "24 小时办公");
    }

    #[test]
    fn a_day_off_is_not_a_day_of_acceptance() {
        let limit = TimeLimit { days: 3, calendar: false, note: None, covers: None, unsure: None };
        let sunday = d("2026-09-27");
        assert_eq!(
            due_label(&limit, &calendar(), sunday, sunday, Lang::Zh),
            "今天休息，最早 9月28日（周一）受理，预计 10月8日（周四）前办结"
        );
    }

    #[test]
    fn a_break_between_two_periods_says_when_it_reopens() {
        let mut w = huji();
        w.hours = vec![hours(&[1, 2, 3, 4, 5], "08:30", "12:00"), hours(&[1, 2, 3, 4, 5], "13:30", "17:30")];
        w.lunch = None;
        let day = d("2026-09-22");
        assert_eq!(open_state(&w, &calendar(), day, 12 * 60 + 30).label(day, Lang::Zh), "午休中，13:30 开门");
        w.hours = vec![hours(&[1, 2, 3, 4, 5, 6, 7], "00:00", "24:00")];
        assert_eq!(open_state(&w, &calendar(), day, 3 * 60).label(day, Lang::Zh), "24 小时办公");
    }

    #[test]
    fn the_expected_date_counts_working_days_on_the_official_calendar_or_every_day() {
        let limit = |days, calendar| TimeLimit { days, calendar, note: None, covers: None, unsure: None };
        let today = d("2026-09-29");
        assert_eq!(
            due_label(&limit(3, false), &calendar(), today, today, Lang::Zh),
            "今天受理，预计 10月9日（周五）前办结",
            "the National Day week is skipped"
        );
        assert_eq!(
            due_label(&limit(60, true), &calendar(), today, today, Lang::Zh),
            "今天受理，预计 11月28日（周六）前办结"
        );
        assert_eq!(due_label(&limit(0, false), &calendar(), today, today, Lang::Zh), "材料齐全的，当场办结");
        assert_eq!(
            due_label(&limit(3, false), &calendar(), today, today, Lang::En),
            due_label(&limit(3, false), &calendar(), today, today, Lang::Zh)
                .replace("今天受理，预计 ", "Apply today: expect it done by ")
                .replace("10月9日（周五）前办结", "Fri 9 Oct"),
            "the same date, in English"
        );
        let later = d("2026-12-28");
        assert!(due_label(&limit(10, false), &calendar(), later, today, Lang::Zh).contains("尚未公布"));
        assert!(due_label(&limit(10, false), &calendar(), later, today, Lang::Zh)
            .starts_with("12月28日（周一）受理"));
    }
}
