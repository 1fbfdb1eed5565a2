//! Appointment slots: which days a window can be booked and how each day is cut into slots.

use crate::calendar::{Calendar, Date};
use crate::page::WindowLocal;

/// Minutes since midnight of "HH:MM" (two digits each; "24:00" is the end of the day).
pub fn minutes(hhmm: &str) -> Option<u16> {
    let (h, m) = hhmm.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    ((h < 24 && m < 60) || (h == 24 && m == 0)).then_some(h * 60 + m)
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// One appointment slot: "HH:MM" start and end, and how many people it takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub start: String,
    pub end: String,
    pub capacity: u32,
}

/// The slots of a window on a day, cut from the same opening hours the window page shows:
/// every listed period of that weekday (Saturdays and extended evenings included), less the
/// booking break if the window sets one, each with its period's capacity (or the window's).
/// None on an official holiday; a make-up working day on a weekend uses Monday's hours.
pub fn slots(local: &WindowLocal, calendar: &Calendar, day: Date) -> Vec<Slot> {
    let Some(rules) = &local.booking else { return Vec::new() };
    if calendar.is_holiday(day) {
        return Vec::new();
    }
    let weekday = if calendar.is_make_up_day(day) { 1 } else { day.weekday() };
    let pause = rules.break_time.as_ref().and_then(|(a, b)| Some((minutes(a)?, minutes(b)?)));
    let step = rules.slot_minutes.max(1);
    let mut out = Vec::new();
    for hours in local.hours.iter().filter(|h| h.days.contains(&weekday)) {
        let (Some(open), Some(close)) = (minutes(&hours.open), minutes(&hours.close)) else { continue };
        let mut start = open;
        while start + step <= close {
            let end = start + step;
            let in_break = pause.is_some_and(|(a, b)| start < b && end > a);
            if !in_break {
                let capacity = hours.capacity.unwrap_or(rules.capacity);
                out.push(Slot { start: hhmm(start), end: hhmm(end), capacity });
            }
            start = end;
        }
    }
    out
}

/// The days that can be booked from `today`: tomorrow up to `days_ahead` days ahead, with slots.
pub fn bookable_days(local: &WindowLocal, calendar: &Calendar, today: Date) -> Vec<Date> {
    let ahead = local.booking.as_ref().map_or(0, |b| i32::from(b.days_ahead));
    (1..=ahead).map(|n| today.add_days(n)).filter(|d| !slots(local, calendar, *d).is_empty()).collect()
}

/// The slot that starts at `start` on `day`, if there is one.
pub fn slot(local: &WindowLocal, calendar: &Calendar, day: Date, start: &str) -> Option<Slot> {
    slots(local, calendar, day).into_iter().find(|s| s.start == start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::YearArrangement;
    use crate::page::{BookingRules, Hours};

    fn window() -> WindowLocal {
        WindowLocal {
            address: String::new(),
            phone: String::new(),
            complaint_phone: String::new(),
            lunch: None,
            extended: None,
            holiday: None,
            hours: vec![Hours {
                days: vec![1, 2, 3, 4, 5],
                open: "09:00".into(),
                close: "12:30".into(),
                capacity: None,
            }],
            officers: vec![],
            commitments: vec![],
            booking: Some(BookingRules {
                slot_minutes: 60,
                capacity: 2,
                days_ahead: 7,
                break_time: Some(("11:00".into(), "12:00".into())),
            }),
            en: None,
        }
    }

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    /// The National Day arrangement of 2026: 1–7 October off, Sunday 20 September and Saturday
    /// 10 October worked.
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

    #[test]
    fn a_day_is_cut_into_slots_that_skip_the_break_and_fit_before_closing() {
        let slots: Vec<(String, String)> =
            slots(&window(), &calendar(), d("2026-09-22")).into_iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(slots, [("09:00".into(), "10:00".into()), ("10:00".into(), "11:00".into())]);
    }

    #[test]
    fn holidays_have_no_slots_and_make_up_days_use_monday_hours() {
        assert!(slots(&window(), &calendar(), d("2026-10-01")).is_empty());
        assert!(slots(&window(), &calendar(), d("2026-09-19")).is_empty());
        assert_eq!(slots(&window(), &calendar(), d("2026-09-20")).len(), 2);
    }

    #[test]
    fn saturday_hours_and_an_extended_evening_are_offered_like_any_other_hours() {
        let mut w = window();
        w.hours.push(Hours { days: vec![6], open: "09:00".into(), close: "11:00".into(), capacity: Some(1) });
        w.hours.push(Hours { days: vec![3], open: "17:30".into(), close: "19:00".into(), capacity: None });
        if let Some(b) = w.booking.as_mut() {
            b.slot_minutes = 30;
            b.break_time = None;
        }
        let saturday = slots(&w, &calendar(), d("2026-09-26"));
        assert_eq!(saturday.first().map(|s| s.start.as_str()), Some("09:00"));
        assert_eq!(saturday.last().map(|s| s.end.as_str()), Some("11:00"));
        assert!(saturday.iter().all(|s| s.capacity == 1), "the Saturday period's own capacity");
        let wednesday = slots(&w, &calendar(), d("2026-09-23"));
        assert_eq!(wednesday.last().map(|s| s.end.as_str()), Some("19:00"));
        assert!(wednesday.iter().all(|s| s.capacity == 2), "the window's capacity elsewhere");
        assert!(slots(&w, &calendar(), d("2026-10-03")).is_empty(), "a Saturday inside the holiday");
    }

    #[test]
    fn bookable_days_start_tomorrow_and_skip_days_off() {
        let mut w = window();
        if let Some(b) = w.booking.as_mut() {
            b.days_ahead = 10;
        }
        assert_eq!(
            bookable_days(&w, &calendar(), d("2026-09-30")),
            [d("2026-10-08"), d("2026-10-09"), d("2026-10-10")]
        );
        assert!(bookable_days(&window(), &calendar(), d("2026-09-30")).is_empty());
    }

    #[test]
    fn a_window_without_booking_rules_has_no_slots() {
        let mut w = window();
        w.booking = None;
        assert!(slots(&w, &calendar(), d("2026-09-22")).is_empty());
    }
}
