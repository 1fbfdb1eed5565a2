//! The shipped `content/`: it loads without a single error, covers every window type in the
//! seeds, and every guide carries every element of the standard.

use std::path::PathBuf;
use swg_content::load;

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
