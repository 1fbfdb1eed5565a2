//! Content checks on the fixture tree in `tests/fixtures/site/`: valid as shipped, then broken
//! one rule at a time, each failure naming its file, line and hint.

use std::path::Path;
use swg_content::{load, ContentError};

const SITE: &str = include_str!("../../../tests/fixtures/site/site.toml");

const CALENDAR: &str = include_str!("../../../tests/fixtures/site/calendar.toml");

const WINDOW: &str = include_str!("../../../tests/fixtures/site/windows/huji.md");

const GUIDE: &str = include_str!("../../../tests/fixtures/site/services/shenfenzheng.md");

/// Writes the fixture tree (`tests/fixtures/site/`) with the given guide text.
fn tree(guide: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("windows")).expect("mkdir");
    std::fs::create_dir_all(root.join("services")).expect("mkdir");
    std::fs::write(root.join("site.toml"), SITE).expect("write");
    std::fs::write(root.join("calendar.toml"), CALENDAR).expect("write");
    std::fs::write(root.join("windows/huji.md"), WINDOW).expect("write");
    std::fs::write(root.join("services/shenfenzheng.md"), guide).expect("write");
    dir
}

fn the_only_error(guide: &str) -> ContentError {
    let dir = tree(guide);
    let errors = load(dir.path()).expect_err("the broken guide is rejected");
    assert_eq!(errors.0.len(), 1, "expected one error, got:\n{errors}");
    errors.0[0].clone()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("needle in fixture") + 1
}

fn assert_points_at_guide(error: &ContentError, line: usize) {
    assert_eq!(error.file.file_name().and_then(|f| f.to_str()), Some("shenfenzheng.md"));
    assert_eq!(error.line, line, "{error}");
}

#[test]
fn a_valid_tree_loads_with_its_counts() {
    let dir = tree(GUIDE);
    let site = load(dir.path()).expect("valid fixture");
    let stats = site.stats();
    assert_eq!((stats.windows, stats.guides, stats.materials, stats.questions), (1, 1, 2, 1));
    assert_eq!(site.windows[0].services[0].id, "shenfenzheng");
    assert_eq!(site.guides[0].window.local.address, "测试路 1 号");
    assert_eq!(site.windows[0].body_html, "<p>窗口说明。</p>\n");
}

#[test]
fn an_unknown_key_is_named_with_its_line() {
    let guide = GUIDE.replace("visits = 1", "visits = 1\nvisit_count = 2");
    let error = the_only_error(&guide);
    assert!(error.message.contains("unknown field `visit_count`"), "{error}");
    assert!(error.hint.contains("remove this key or fix its spelling"));
    assert_points_at_guide(&error, line_of(&guide, "visit_count"));
}

#[test]
fn a_missing_required_field_is_reported() {
    let guide = GUIDE.replace("result = \"窗口领取。\"\n", "");
    let error = the_only_error(&guide);
    assert!(error.message.contains("missing field `result`"), "{error}");
    assert!(error.hint.contains("add the missing key"));
}

#[test]
fn broken_toml_points_at_the_line() {
    let guide = GUIDE.replace("visits = 1", "visits = = 1");
    let error = the_only_error(&guide);
    assert_points_at_guide(&error, line_of(&guide, "visits = = 1"));
    assert!(error.hint.contains("TOML syntax"));
}

#[test]
fn a_link_to_a_window_that_does_not_exist_fails() {
    let guide = GUIDE.replace("window = \"huji\"", "window = \"churujing\"");
    let dir = tree(&guide);
    let errors = load(dir.path()).expect_err("rejected");
    let error = errors
        .0
        .iter()
        .find(|e| e.message.contains("window `churujing` does not exist"))
        .expect("the broken link is named");
    assert_points_at_guide(error, line_of(&guide, "window = \"churujing\""));
    assert!(error.hint.contains("use one of: huji"));
}

#[test]
fn an_empty_materials_list_fails() {
    let start = GUIDE.find("[[materials]]").expect("materials");
    let end = GUIDE.find("[[steps]]").expect("steps");
    let without = format!("{}{}", &GUIDE[..start], &GUIDE[end..]);
    let guide = without.replace("reviewed = \"2026-11-20\"", "reviewed = \"2026-11-20\"\nmaterials = []");
    let error = the_only_error(&guide);
    assert_eq!(error.message, "`materials` is empty");
    assert_points_at_guide(&error, line_of(&guide, "materials = []"));
}

#[test]
fn a_duplicate_material_id_fails() {
    let guide = GUIDE.replace("id = \"hukou\"", "id = \"old-card\"");
    let error = the_only_error(&guide);
    assert_eq!(error.message, "duplicate material id `old-card`");
}

#[test]
fn a_duplicate_service_id_across_files_fails() {
    let dir = tree(GUIDE);
    std::fs::write(
        dir.path().join("services/copy.md"),
        GUIDE
            .replace("id = \"shenfenzheng\"", "id = \"copy\"")
            .replace("title = \"身份证换领\"", "title = \"副本\""),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("services/copy2.md"),
        GUIDE.replace("id = \"shenfenzheng\"", "id = \"copy\""),
    )
    .expect("write");
    let errors = load(dir.path()).expect_err("rejected");
    assert!(errors.0.iter().any(|e| e.message == "duplicate service id `copy`"), "{errors}");
    assert!(
        errors.0.iter().any(|e| e.message.contains("does not match the file name `copy2.md`")),
        "{errors}"
    );
}

#[test]
fn a_rule_naming_a_question_or_answer_that_does_not_exist_fails() {
    let guide = GUIDE.replace("unless = [\"case=lost\"]", "unless = [\"case=stolen\"]");
    let error = the_only_error(&guide);
    assert_eq!(error.message, "rule `case=stolen` of material `old-card` does not match a question");
    assert!(error.hint.contains("its options are: expired, lost"), "{error}");
    assert_points_at_guide(&error, line_of(&guide, "case=stolen"));

    let guide = GUIDE.replace("unless = [\"case=lost\"]", "unless = [\"agent=yes\"]");
    let error = the_only_error(&guide);
    assert!(error.hint.contains("question `agent` does not exist"), "{error}");
}

#[test]
fn answers_that_leave_no_material_fail() {
    let guide =
        GUIDE.replace("obtain = \"家中保存。\"", "obtain = \"家中保存。\"\nonly_if = [\"case=expired\"]");
    let error = the_only_error(&guide);
    assert_eq!(error.message, "no material applies when case=lost");
}

#[test]
fn a_charged_fee_needs_its_basis() {
    let guide = GUIDE.replace("basis = \"发改价格〔2003〕2322号\"\n", "");
    let error = the_only_error(&guide);
    assert!(error.message.contains("amount or legal basis is missing"), "{error}");
}

#[test]
fn a_window_without_local_data_fails_in_the_window_file() {
    let dir = tree(GUIDE);
    std::fs::write(dir.path().join("site.toml"), SITE.split("[windows.huji]").next().unwrap_or_default())
        .expect("write");
    let errors = load(dir.path()).expect_err("rejected");
    let error = &errors.0[0];
    assert_eq!(error.file, dir.path().join("windows/huji.md"));
    assert_eq!(error.line, 2);
    assert!(error.hint.contains("add the window's address"));
}

#[test]
fn bad_opening_hours_are_reported_in_site_toml() {
    let dir = tree(GUIDE);
    std::fs::write(dir.path().join("site.toml"), SITE.replace("close = \"17:30\"", "close = \"07:30\""))
        .expect("write");
    let errors = load(dir.path()).expect_err("rejected");
    assert!(errors.0[0].message.contains("closes at 07:30 before it opens at 08:30"), "{errors}");
    assert!(Path::new(&errors.0[0].file).ends_with("site.toml"));
    let (table, close) = (line_of(SITE, "[[windows.huji.hours]]"), line_of(SITE, "close = \"17:30\""));
    assert!((table..=close).contains(&errors.0[0].line), "{errors}");
}

#[test]
fn a_booking_break_that_runs_backwards_is_reported_at_its_table() {
    let dir = tree(GUIDE);
    let site = format!(
        "{SITE}\n[windows.huji.booking]\nslot_minutes = 30\ncapacity = 2\ndays_ahead = 7\nbreak = [\"13:30\", \"12:00\"]\n"
    );
    std::fs::write(dir.path().join("site.toml"), &site).expect("write");
    let errors = load(dir.path()).expect_err("rejected");
    assert!(errors.0[0].message.contains("break 13:30–12:00 is not two increasing HH:MM times"), "{errors}");
    let (table, key) = (line_of(&site, "[windows.huji.booking]"), line_of(&site, "break = "));
    assert!((table..=key).contains(&errors.0[0].line), "{errors}");
}

#[test]
fn a_display_of_an_error_names_file_line_and_hint() {
    let guide = GUIDE.replace("visits = 1", "visits = 1\nvisit_count = 2");
    let error = the_only_error(&guide);
    let shown = error.to_string();
    assert!(
        shown.contains(&format!("shenfenzheng.md:{}: unknown field", line_of(&guide, "visit_count"))),
        "{shown}"
    );
    assert!(shown.contains("\n  hint: "));
}

/// The errors of the fixture tree with `calendar.toml` replaced by `calendar`.
fn calendar_errors(calendar: &str) -> Vec<ContentError> {
    let dir = tree(GUIDE);
    std::fs::write(dir.path().join("calendar.toml"), calendar).expect("write");
    let errors = load(dir.path()).expect_err("the broken calendar is rejected");
    for error in &errors.0 {
        assert!(error.file.ends_with("calendar.toml"), "{error}");
    }
    errors.0
}

#[test]
fn the_calendar_is_read_from_the_content_folder() {
    let dir = tree(GUIDE);
    let site = load(dir.path()).expect("valid fixture");
    let national_day = swg_model::calendar::Date::parse("2026-10-02").expect("date");
    assert!(!site.calendar.is_working_day(national_day));
    assert_eq!(site.calendar.last_year(), Some(2026));
}

#[test]
fn a_make_up_day_on_a_wednesday_fails_with_its_line_and_a_hint() {
    let calendar = CALENDAR.replace("\"2026-10-10\"", "\"2026-10-14\"");
    let errors = calendar_errors(&calendar);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, line_of(&calendar, "2026-10-14"));
    assert!(
        errors[0].message.contains("2026-10-14 is a 10月14日（周三）, not a weekend day"),
        "{}",
        errors[0]
    );
    assert!(errors[0].hint.contains("Saturday or Sunday"));
}

#[test]
fn a_date_that_does_not_exist_is_named() {
    let calendar = CALENDAR.replace("\"2026-10-07\"", "\"2026-02-30\"");
    let errors = calendar_errors(&calendar);
    assert!(errors[0].message.contains("`2026-02-30` is not a date that exists"), "{}", errors[0]);
    assert!(errors[0].hint.contains("YYYY-MM-DD"));
}

#[test]
fn a_range_outside_its_year_and_a_backwards_range_are_rejected() {
    let outside = calendar_errors(&CALENDAR.replace("\"2026-10-07\"", "\"2027-10-07\""));
    assert!(outside[0].message.contains("2027-10-07 lies outside the year 2026"), "{}", outside[0]);
    let backwards = calendar_errors(&CALENDAR.replace("\"2026-10-07\"", "\"2026-09-07\""));
    assert!(backwards[0].message.contains("comes after the last"), "{}", backwards[0]);
}

#[test]
fn a_year_described_twice_is_rejected_at_the_second_table() {
    let calendar = format!("{CALENDAR}\n[[year]]\nyear = 2026\nnotice = \"重复\"\n");
    let errors = calendar_errors(&calendar);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("the year 2026 is described twice"));
    assert_eq!(errors[0].line, calendar.lines().count() - 1);
}

#[test]
fn a_missing_calendar_file_is_an_error_that_says_what_to_create() {
    let dir = tree(GUIDE);
    std::fs::remove_file(dir.path().join("calendar.toml")).expect("remove");
    let errors = load(dir.path()).expect_err("rejected");
    assert!(errors.0[0].hint.contains("create content/calendar.toml"), "{errors}");
}

#[test]
fn the_build_warns_within_sixty_days_of_the_last_published_year_and_not_before() {
    let dir = tree(GUIDE);
    let site = load(dir.path()).expect("valid fixture");
    let file = dir.path().join("calendar.toml");
    let day = |s: &str| swg_model::calendar::Date::parse(s).expect("date");
    assert_eq!(swg_content::expiry_warning(&site.calendar, &file, day("2026-11-01")), None);
    let warning = swg_content::expiry_warning(&site.calendar, &file, day("2026-11-02")).expect("warns");
    assert!(warning.contains("calendar.toml"), "{warning}");
    assert!(warning.contains("for 2027 is not in the calendar (60 days left)"), "{warning}");
    assert!(swg_content::expiry_warning(&site.calendar, &file, day("2027-03-01")).is_some());
}

#[test]
fn a_time_limit_with_both_kinds_of_days_is_named_with_its_line_and_a_hint() {
    let guide = GUIDE.replace("working_days = 20", "working_days = 20\ncalendar_days = 30");
    let error = the_only_error(&guide);
    assert!(
        error.message.contains("time_limit needs exactly one of `working_days` and `calendar_days`"),
        "{error}"
    );
    assert!(error.hint.contains("calendar_days when it counts 日"), "{error}");
    assert!(
        (line_of(&guide, "[time_limit]")..=line_of(&guide, "calendar_days")).contains(&error.line),
        "{error}"
    );
}

#[test]
fn a_rule_without_an_answer_is_a_syntax_error_at_its_line() {
    let guide = GUIDE.replace("unless = [\"case=lost\"]", "unless = [\"case\"]");
    let error = the_only_error(&guide);
    assert!(error.message.contains("rule `case` is not written as question=option"), "{error}");
    assert!(error.hint.contains("question=a|b"), "{error}");
    assert_points_at_guide(&error, line_of(&guide, "unless = [\"case\"]"));
}

#[test]
fn a_rectification_deadline_out_of_range_is_reported_in_site_toml_with_its_line() {
    let dir = tree(GUIDE);
    std::fs::write(dir.path().join("site.toml"), SITE.replace("fix_days = 10", "fix_days = 90"))
        .expect("write");
    let errors = load(dir.path()).expect_err("a 90-day deadline is refused");
    let text = errors.to_string();
    assert!(text.contains("site.toml") && text.contains("1 to 30 working days"), "{text}");
    assert!(errors.0[0].line > 0, "{text}");
}

#[test]
fn a_site_address_with_a_path_is_reported_at_its_line() {
    let dir = tree(GUIDE);
    let site = SITE.replace("url = \"https://guide.example\"", "url = \"guide.example/home\"");
    std::fs::write(dir.path().join("site.toml"), &site).expect("write");
    let errors = load(dir.path()).expect_err("an address without a scheme is refused");
    assert_eq!(errors.0.len(), 1, "{errors}");
    assert!(errors.0[0].message.contains("`guide.example/home` is not a site address"), "{errors}");
    assert!(errors.0[0].hint.contains("scheme and host only"), "{errors}");
    assert_eq!(errors.0[0].line, line_of(&site, "url = \"guide.example/home\""));
}

#[test]
fn an_unknown_presence_rule_names_the_allowed_ones() {
    let guide = GUIDE.replace("presence = \"self\"", "presence = \"anyone\"");
    let error = the_only_error(&guide);
    assert!(error.message.contains("self_or_agent") && error.message.contains("not_needed"), "{error}");
    assert_points_at_guide(&error, line_of(&guide, "presence = \"anyone\""));
}

#[test]
fn a_guide_carries_its_public_address_and_a_matching_qr_code() {
    let dir = tree(GUIDE);
    let site = load(dir.path()).expect("valid fixture");
    let guide = &site.guides[0];
    assert_eq!(guide.page_url, "https://guide.example/services/shenfenzheng/");
    // Drawn 4 pixels per module with a 4-module quiet zone, a QR reader reads the address back.
    let qr = &guide.qr;
    let (scale, border) = (4usize, 4usize);
    let side = (usize::from(qr.size) + 2 * border) * scale;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let module = |p: usize| (p / scale).checked_sub(border).and_then(|m| u16::try_from(m).ok());
        match (module(x), module(y)) {
            (Some(mx), Some(my)) if mx < qr.size && my < qr.size && qr.is_dark(mx, my) => 0,
            _ => 255,
        }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code found");
    let (_, text) = grids[0].decode().expect("the code decodes");
    assert_eq!(text, guide.page_url);
}

#[test]
fn a_legal_basis_without_an_article_or_document_number_is_named_with_its_line() {
    let guide = GUIDE.replace(
        "basis = [\"《居民身份证法》第十一条\"]",
        "basis = [\"《居民身份证法》第十一条\",\n  \"公安部有关规定\"]",
    );
    let error = the_only_error(&guide);
    assert!(
        error.message.contains("legal basis `公安部有关规定` names no article or document number"),
        "{error}"
    );
    assert!(error.hint.contains("第X条"), "{error}");
    assert_points_at_guide(&error, line_of(&guide, "\"公安部有关规定\""));
}

#[test]
fn a_source_that_names_no_document_is_refused() {
    let guide = GUIDE.replace("source = \"《居民身份证法》；测试\"", "source = \"各地公安机关公开办事指南\"");
    let error = the_only_error(&guide);
    assert!(error.message.contains("names no document"), "{error}");
    assert_points_at_guide(&error, line_of(&guide, "source = "));
}

#[test]
fn a_fee_basis_that_is_a_reason_not_a_document_is_refused() {
    let guide = GUIDE.replace("basis = \"发改价格〔2003〕2322号\"", "basis = \"不发新证件\"");
    let error = the_only_error(&guide);
    assert!(error.message.contains("fee basis `不发新证件` is not a document"), "{error}");
    assert_points_at_guide(&error, line_of(&guide, "basis = \"不发新证件\""));
}

#[test]
fn a_free_service_with_an_amount_in_yuan_is_refused() {
    let guide = GUIDE.replace("free = false\namount = \"20 元\"", "free = true\namount = \"补领 20 元\"");
    let error = the_only_error(&guide);
    assert!(error.message.contains("free = true, but the amount says `补领 20 元`"), "{error}");
    assert_points_at_guide(&error, line_of(&guide, "amount = \"补领 20 元\""));
}

#[test]
fn a_time_limit_without_its_unit_is_refused() {
    let guide = GUIDE.replace("working_days = 20", "note = \"很快\"");
    let error = the_only_error(&guide);
    assert!(error.message.contains("exactly one of `working_days` and `calendar_days`"), "{error}");
}

#[test]
fn a_change_without_a_valid_date_is_named_with_its_line() {
    let guide = GUIDE.replace("[fee]", "[[changes]]\ndate = \"2026-13-01\"\nwhat = \"收费更正\"\n\n[fee]");
    let error = the_only_error(&guide);
    assert!(error.message.contains("change `2026-13-01` needs a date"), "{error}");
    assert_points_at_guide(&error, line_of(&guide, "[[changes]]"));
}

#[test]
fn a_guide_not_reviewed_for_more_than_a_year_is_warned_about_by_file() {
    let dir = tree(GUIDE);
    let site = load(dir.path()).expect("valid fixture");
    let services = dir.path().join("services");
    let day = |s: &str| swg_model::calendar::Date::parse(s).expect("date");
    assert!(swg_content::review_warnings(&site.guides, &services, day("2027-11-20")).is_empty());
    let warnings = swg_content::review_warnings(&site.guides, &services, day("2027-11-21"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("shenfenzheng.md") && warnings[0].contains("2026-11-20"), "{warnings:?}");
}
