//! The shipped `content/`: it loads without a single error, covers every window type in the
//! seeds, and every guide carries every element of the standard.

use std::path::PathBuf;
use swg_content::load;
use swg_model::calendar::Date;

fn site() -> swg_content::Site {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content");
    load(&dir).unwrap_or_else(|errors| panic!("content/ has errors:\n{errors}"))
}

#[test]
fn every_window_type_in_the_seeds_has_a_page() {
    let site = site();
    let ids: Vec<&str> = site.windows.iter().map(|w| w.id.as_str()).collect();
    for expected in [
        "huji",
        "churujing",
        "cheguansuo",
        "jiaojing-weifa",
        "jiaojing-shigu",
        "zhian",
        "shuijing",
        "xingjing",
        "baojing110",
        "xinfang",
        "zhengwu",
        "zizhu",
    ] {
        assert!(ids.contains(&expected), "no window page for `{expected}`");
    }
}

#[test]
fn there_are_at_least_forty_guides_and_every_window_has_one() {
    let site = site();
    assert!(site.guides.len() >= 40, "only {} guides", site.guides.len());
    for window in &site.windows {
        assert!(!window.services.is_empty(), "{} has no guide", window.id);
        assert!(!window.local.officers.is_empty(), "{} lists no officers", window.id);
    }
}

#[test]
fn every_guide_carries_every_standard_element() {
    for g in site().guides {
        let missing: Vec<&str> = [
            ("summary", g.summary.is_empty()),
            ("basis", g.basis.is_empty()),
            ("applicants", g.applicants.is_empty()),
            ("materials", g.materials.is_empty()),
            ("steps", g.steps.is_empty()),
            ("result", g.result.is_empty()),
            ("faq", g.faq.is_empty()),
            ("source", g.source.is_empty()),
            ("reviewed", g.reviewed.is_empty()),
            ("fee", !g.fee.free && g.fee.amount.is_none()),
            ("enquiry phone", g.window.local.phone.is_empty()),
            ("complaint phone", g.window.local.complaint_phone.is_empty()),
            ("visits", g.visits == 0),
        ]
        .into_iter()
        .filter_map(|(name, absent)| absent.then_some(name))
        .collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", g.id);
        for m in &g.materials {
            assert!(
                !m.issuer.is_empty() && !m.obtain.is_empty() && m.copies > 0,
                "{}: material {} is incomplete",
                g.id,
                m.id
            );
        }
    }
}

#[test]
fn the_110_window_has_a_call_button() {
    let site = site();
    let desk = site.windows.iter().find(|w| w.id == "baojing110").expect("110 window");
    assert_eq!(desk.call.as_deref(), Some("110"));
}

/// The 2026 arrangement, read from `content/calendar.toml`.
mod calendar_2026 {
    use swg_model::calendar::Date;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("test date")
    }

    #[test]
    fn holidays_and_make_up_days_follow_the_2026_notice() {
        let calendar = super::site().calendar;
        assert!(!calendar.is_working_day(d("2026-10-01")));
        assert!(!calendar.is_working_day(d("2026-02-16")));
        assert!(calendar.is_working_day(d("2026-09-20")));
        assert!(calendar.is_make_up_day(d("2026-10-10")));
        assert!(calendar.is_working_day(d("2026-09-24")));
        assert!(!calendar.is_working_day(d("2026-09-26")));
        assert!(calendar.is_make_up_day(d("2026-01-04")));
        assert!(!calendar.is_working_day(d("2026-05-05")));
    }

    #[test]
    fn a_complaint_filed_friday_18_september_is_due_tuesday_22_september() {
        assert_eq!(super::site().calendar.add_working_days(d("2026-09-18"), 3), (d("2026-09-22"), true));
    }

    #[test]
    fn a_complaint_filed_30_september_is_due_saturday_10_october() {
        assert_eq!(super::site().calendar.add_working_days(d("2026-09-30"), 3), (d("2026-10-10"), true));
    }

    #[test]
    fn beyond_the_published_calendar_only_weekends_count_and_it_says_so() {
        let (due, published) = super::site().calendar.add_working_days(d("2026-12-30"), 3);
        assert_eq!(due, d("2027-01-04"));
        assert!(!published);
    }
}

/// Every slot offered lies inside the window's published hours, and every published hour is
/// offered unless the window's booking break says otherwise: checked for every bookable window
/// over the three months of the 2026 calendar around the National Day holiday.
#[test]
fn every_slot_lies_inside_the_published_hours_and_every_published_hour_is_offered() {
    use swg_model::booking::{minutes, slots};
    let site = site();
    let start = Date::parse("2026-09-01").expect("date");
    for window in site.windows.iter().filter(|w| w.local.booking.is_some()) {
        let rules = window.local.booking.as_ref().expect("booking rules");
        let pause =
            rules.break_time.as_ref().map(|(a, b)| (minutes(a).expect("break"), minutes(b).expect("break")));
        for n in 0..92 {
            let day = start.add_days(n);
            let offered: Vec<(u16, u16)> = slots(&window.local, &site.calendar, day)
                .iter()
                .map(|s| (minutes(&s.start).expect("start"), minutes(&s.end).expect("end")))
                .collect();
            let weekday = if site.calendar.is_make_up_day(day) { 1 } else { day.weekday() };
            let periods: Vec<(u16, u16)> = window
                .local
                .hours
                .iter()
                .filter(|h| h.days.contains(&weekday) && !site.calendar.is_holiday(day))
                .map(|h| (minutes(&h.open).expect("open"), minutes(&h.close).expect("close")))
                .collect();
            for (s, e) in &offered {
                assert!(
                    periods.iter().any(|(o, c)| o <= s && e <= c),
                    "{} {day}: {s}–{e} outside the hours",
                    window.id
                );
                assert!(
                    !pause.is_some_and(|(a, b)| *s < b && *e > a),
                    "{} {day}: {s} in the break",
                    window.id
                );
            }
            for (open, close) in &periods {
                let mut at = *open;
                while at + rules.slot_minutes <= *close {
                    let in_break = pause.is_some_and(|(a, b)| at < b && at + rules.slot_minutes > a);
                    assert!(
                        in_break || offered.iter().any(|(s, _)| *s == at),
                        "{} {day}: {at} not offered",
                        window.id
                    );
                    at += rules.slot_minutes;
                }
            }
        }
    }
    let huji = site.windows.iter().find(|w| w.id == "huji").expect("huji");
    let saturday = slots(&huji.local, &site.calendar, Date::parse("2026-09-12").expect("date"));
    assert_eq!(saturday.first().map(|s| s.start.as_str()), Some("09:00"), "Saturday mornings are bookable");
    assert!(saturday.iter().all(|s| s.capacity == 2), "with the Saturday period's own capacity");
    let wednesday = slots(&huji.local, &site.calendar, Date::parse("2026-09-23").expect("date"));
    assert_eq!(wednesday.last().map(|s| s.end.as_str()), Some("19:00"), "the extended Wednesday evening too");
    assert!(wednesday.iter().any(|s| s.start == "12:30"), "the staffed lunch hour too");
    let rules = huji.local.booking.as_ref().expect("booking");
    assert!(wednesday.iter().all(|s| s.capacity == rules.capacity), "the window's capacity on weekdays");
}

#[test]
fn the_life_events_of_the_issue_are_there_and_link_other_organisations_windows() {
    let site = site();
    let ids: Vec<&str> = site.events.iter().map(|e| e.id.as_str()).collect();
    for expected in ["xinshenger", "gouche-shangpai", "kuashi-qianhu", "jiaren-shengu"] {
        assert!(ids.contains(&expected), "event {expected} missing: {ids:?}");
    }
    assert!(site.events.len() >= 5, "at least one event of our own choice: {ids:?}");
    let baby = site.events.iter().find(|e| e.id == "xinshenger").expect("新生儿出生");
    let windows: Vec<&str> = baby.plan.steps().map(|(_, _, s)| s.window_id.as_str()).collect();
    assert!(windows.contains(&"yibao") && windows.contains(&"shebao"), "{windows:?}");
}

#[test]
fn no_merged_list_ever_holds_a_material_twice_for_the_same_step() {
    for event in site().events {
        let questions = event.plan.questions();
        let plain: Vec<swg_model::Question> = questions.iter().map(|q| q.question.clone()).collect();
        let combinations = swg_model::checklist::all_answer_combinations(&plain);
        assert!(combinations.len() <= 100_000, "{}: too many combinations to check", event.id);
        for answers in combinations {
            let merged = event.plan.merged(&questions, &answers);
            let mut ids: Vec<&str> = merged.bring.iter().map(|i| i.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), merged.bring.len(), "{}: an item listed twice for {answers:?}", event.id);
            for item in &merged.bring {
                let mut steps: Vec<usize> = item.uses.iter().map(|u| u.step).collect();
                steps.dedup();
                assert_eq!(steps.len(), item.uses.len(), "{}: `{}` twice for one step", event.id, item.id);
            }
            assert!(!merged.bring.is_empty(), "{}: nothing to bring for {answers:?}", event.id);
        }
    }
}
