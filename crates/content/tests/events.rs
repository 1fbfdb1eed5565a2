//! Life events and 容缺 / 告知承诺 on the fixture tree: a valid event merges its guides'
//! materials; a broken one fails the build with its file, line and hint.

use std::path::Path;
use swg_content::{load, ContentError};

const SITE: &str = include_str!("../../../tests/fixtures/site/site.toml");
const CALENDAR: &str = include_str!("../../../tests/fixtures/site/calendar.toml");
const WINDOW: &str = include_str!("../../../tests/fixtures/site/windows/huji.md");
const GUIDE: &str = include_str!("../../../tests/fixtures/site/services/shenfenzheng.md");

const EVENT: &str = r#"+++
id = "banjia"
title = "搬家"
summary = "搬家后要办的两件事。"
source = "《居民身份证法》；测试"
reviewed = "2026-11-20"

[[questions]]
id = "card"
text = "要不要换身份证？"
default = "yes"
options = [{ id = "yes", label = "要" }, { id = "no", label = "不要" }]

[[visits]]
note = "一次办完。"
steps = [
  { guide = "hukoubu", why = "先改户口簿。" },
  { guide = "shenfenzheng", only_if = ["card=yes"] },
]
+++

先改户口簿，再换身份证。
"#;

const PLEDGE: &str = r#"+++
id = "chengnuo"
title = "证明事项告知承诺书"
basis = ["《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）"]
+++

本人承诺所填信息真实。签名：______
"#;

/// A second guide at the same window, sharing the 户口簿 (`hukou`) with the first.
fn second_guide() -> String {
    GUIDE
        .replace("id = \"shenfenzheng\"", "id = \"hukoubu\"")
        .replace("title = \"身份证换领\"", "title = \"户口簿换领\"")
        .replace("id = \"old-card\"", "id = \"old-book\"")
}

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(file, text).expect("write");
}

fn tree(guide: &str, event: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "site.toml", SITE);
    write(root, "calendar.toml", CALENDAR);
    write(root, "windows/huji.md", WINDOW);
    write(root, "services/shenfenzheng.md", guide);
    write(root, "services/hukoubu.md", &second_guide());
    write(root, "events/banjia.md", event);
    write(root, "pledges/chengnuo.md", PLEDGE);
    dir
}

fn the_only_error(guide: &str, event: &str) -> ContentError {
    let dir = tree(guide, event);
    let errors = load(dir.path()).expect_err("the broken content is rejected");
    assert_eq!(errors.0.len(), 1, "expected one error, got:\n{errors}");
    errors.0[0].clone()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("needle in fixture") + 1
}

fn file_name(error: &ContentError) -> &str {
    error.file.file_name().and_then(|f| f.to_str()).unwrap_or_default()
}

#[test]
fn an_event_lists_a_material_two_guides_share_once_with_both_steps() {
    let dir = tree(GUIDE, EVENT);
    let site = load(dir.path()).expect("valid fixture");
    let event = &site.events[0];
    assert_eq!(event.plan.steps().count(), 2);
    let questions = event.plan.questions();
    let merged = event.plan.merged(&questions, &Default::default());
    let ids: Vec<&str> = merged.bring.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["old-book", "hukou", "old-card"]);
    let hukou = &merged.bring[1];
    assert_eq!(hukou.uses.iter().map(|u| u.step).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(questions.iter().filter(|q| q.question.id == "case").count(), 1, "one question asked once");
    assert!(event.plan.page_url.ends_with("/events/banjia/"));
    assert!(site.search().entries.iter().any(|e| e.title == "搬家"), "search finds the event");
}

#[test]
fn an_event_naming_a_guide_that_does_not_exist_fails_with_its_line() {
    let event = EVENT.replace("{ guide = \"hukoubu\"", "{ guide = \"hukouben\"");
    let error = the_only_error(GUIDE, &event);
    assert_eq!(file_name(&error), "banjia.md");
    assert_eq!(error.line, line_of(&event, "hukouben"), "{error}");
    assert!(error.message.contains("guide `hukouben`, which does not exist"), "{error}");
    assert!(error.hint.contains("content/services/"), "{error}");
}

#[test]
fn a_step_condition_on_a_question_the_event_does_not_ask_fails() {
    let event = EVENT.replace("only_if = [\"card=yes\"]", "only_if = [\"car=yes\"]");
    let error = the_only_error(GUIDE, &event);
    assert_eq!(error.line, line_of(&event, "car=yes"), "{error}");
    assert!(error.message.contains("rule `car=yes`"), "{error}");
}

#[test]
fn a_guide_named_twice_in_one_event_fails() {
    let event =
        EVENT.replace("{ guide = \"shenfenzheng\", only_if = [\"card=yes\"] }", "{ guide = \"hukoubu\" }");
    let error = the_only_error(GUIDE, &event);
    assert!(error.message.contains("named twice"), "{error}");
}

#[test]
fn a_material_that_may_follow_later_without_a_deadline_is_an_error() {
    let guide = GUIDE
        .replace("obtain = \"家中保存。\"", "obtain = \"家中保存。\"\nlater = { if_late = \"不予办结。\" }");
    let error = the_only_error(&guide, EVENT);
    assert_eq!(file_name(&error), "shenfenzheng.md");
    assert_eq!(error.line, line_of(&guide, "later ="), "{error}");
    assert!(error.message.contains("needs its deadline"), "{error}");
}

#[test]
fn a_later_deadline_beyond_the_promised_time_is_an_error_and_within_it_is_shown() {
    let late = GUIDE.replace(
        "obtain = \"家中保存。\"",
        "obtain = \"家中保存。\"\nlater = { working_days = 30, if_late = \"不予办结。\" }",
    );
    let error = the_only_error(&late, EVENT);
    assert_eq!(error.line, line_of(&late, "later ="), "{error}");
    assert!(error.message.contains("later than the guide's time limit (20 个工作日)"), "{error}");

    let fine = late.replace("working_days = 30", "working_days = 5");
    let dir = tree(&fine, EVENT);
    let site = load(dir.path()).expect("a deadline within the time limit is fine");
    let guide = site.guides.iter().find(|g| g.id == "shenfenzheng").expect("guide");
    let later = guide.materials.iter().find_map(|m| m.later.clone()).expect("later kept");
    assert_eq!(later.deadline(swg_model::Lang::Zh), "受理后 5 个工作日内补交");
}

#[test]
fn every_material_deferred_leaves_no_main_material_and_fails() {
    let guide = GUIDE
        .replace("obtain = \"家中保存。\"", "obtain = \"家中保存。\"\npledge = \"chengnuo\"")
        .replace("obtain = \"本人持有。\"", "obtain = \"本人持有。\"\npledge = \"chengnuo\"");
    let error = the_only_error(&guide, EVENT);
    assert!(error.message.contains("every material may follow later"), "{error}");
}

#[test]
fn a_pledge_that_does_not_exist_fails_and_one_that_does_lists_what_it_replaces() {
    let guide = GUIDE.replace("obtain = \"家中保存。\"", "obtain = \"家中保存。\"\npledge = \"nothing\"");
    let error = the_only_error(&guide, EVENT);
    assert_eq!(error.line, line_of(&guide, "pledge ="), "{error}");
    assert!(error.message.contains("pledge `nothing`, which does not exist"), "{error}");

    let dir = tree(&guide.replace("\"nothing\"", "\"chengnuo\""), EVENT);
    let site = load(dir.path()).expect("valid with the pledge");
    let pledge = &site.pledges[0];
    assert_eq!(pledge.replaces.len(), 1);
    assert_eq!(pledge.replaces[0].guide.id, "shenfenzheng");
    assert!(pledge.body_html.contains("签名"));
}

#[test]
fn a_settled_answer_to_a_question_the_event_does_not_have_fails_and_a_good_one_is_never_asked() {
    let event = EVENT
        .replace("reviewed = \"2026-11-20\"", "reviewed = \"2026-11-20\"\nsettled = { cases = \"lost\" }");
    let error = the_only_error(GUIDE, &event);
    assert_eq!(error.line, line_of(&event, "settled ="), "{error}");
    assert!(error.message.contains("settled answer `cases = \"lost\"`"), "{error}");

    let dir = tree(GUIDE, &event.replace("cases =", "case ="));
    let site = load(dir.path()).expect("a settled answer to a real question is fine");
    let plan = &site.events[0].plan;
    let questions = plan.questions();
    let shown = plan.shown_questions(&questions, &Default::default());
    assert!(shown.iter().all(|q| q.id != "case"), "a settled question is not asked");
    let merged = plan.merged(&questions, &Default::default());
    assert!(merged.bring.iter().all(|i| i.id != "old-card"), "the settled answer (lost) holds");
}
