//! The content rules: ids, required elements, cross-references, hours and checklist questions.

use crate::error::{line_of, ContentErrors};
use crate::load::{Parsed, ParsedGuide, Source};
use crate::raw::*;
use serde::de::IgnoredAny;
use std::collections::{BTreeMap, BTreeSet};
use swg_model::booking::minutes;
use swg_model::calendar::Date;
use swg_model::checklist::all_answer_combinations;
use swg_model::route::is_id;
use swg_model::{BookingRules, Condition, GuidePage, Hours, Material, Question};
use toml::Spanned;

/// Most answer combinations checked per guide for "never an empty list".
const MAX_COMBINATIONS: usize = 4096;

pub(crate) fn check_site(source: &Source, site: &SiteFile, lines: &SiteLines, errors: &mut ContentErrors) {
    if !is_site_address(&site.site.url) {
        errors.push(source.error(
            find_line(&source.text, "url ="),
            format!("[site] url `{}` is not a site address", site.site.url),
            "write the scheme and host only, e.g. url = \"https://guide.example.gov.cn\" (printed slips carry it as a QR code)",
        ));
    }
    for (id, w) in &site.windows {
        let at = lines.windows.get(id);
        let window_line = || find_line(&source.text, &format!("[windows.{id}]"));
        for (i, hours) in w.hours.iter().enumerate() {
            if let Err((message, hint)) = check_hours(hours) {
                let line = at.and_then(|a| a.hours.get(i)).map_or_else(window_line, |h| source.line(h));
                errors.push(source.error(line, format!("window `{id}`: {message}"), hint));
            }
        }
        if let Some(booking) = &w.booking {
            if let Err(message) = check_booking(booking) {
                let line = at.and_then(|a| a.booking.as_ref()).map_or_else(window_line, |b| source.line(b));
                errors.push(source.error(
                    line,
                    format!("window `{id}` booking: {message}"),
                    "slot_minutes 10–240, capacity at least 1, days_ahead 1–60, break = [\"12:00\", \"13:30\"]",
                ));
            }
        }
        if w.hours.is_empty() {
            errors.push(source.error(
                window_line(),
                format!("window `{id}` has no opening hours"),
                "add at least one [[windows.ID.hours]] table",
            ));
        }
    }
}

pub(crate) fn check_hours(h: &Hours) -> Result<(), (String, &'static str)> {
    if h.days.is_empty()
        || h.days.iter().any(|d| !(1..=7).contains(d))
        || h.days.windows(2).any(|w| w[0] >= w[1])
    {
        return Err((
            format!("days {:?} are not valid", h.days),
            "list days as increasing numbers 1 (Monday) to 7 (Sunday)",
        ));
    }
    let open = minutes(&h.open)
        .ok_or_else(|| (format!("open time `{}` is not HH:MM", h.open), "write times like \"08:30\""))?;
    let close = minutes(&h.close).ok_or_else(|| {
        (
            format!("close time `{}` is not HH:MM", h.close),
            "write times like \"17:30\" (\"24:00\" for midnight)",
        )
    })?;
    if close <= open {
        return Err((
            format!("closes at {} before it opens at {}", h.close, h.open),
            "the close time must be later than the open time",
        ));
    }
    if h.capacity == Some(0) {
        return Err((
            "capacity 0 takes no appointments".to_owned(),
            "give the places per slot in this period (at least 1), or leave capacity out to use booking.capacity",
        ));
    }
    Ok(())
}

fn check_booking(b: &BookingRules) -> Result<(), String> {
    if !(10..=240).contains(&b.slot_minutes) || b.capacity == 0 || !(1..=60).contains(&b.days_ahead) {
        return Err("a number is out of range".into());
    }
    if let Some((from, to)) = &b.break_time {
        match (minutes(from), minutes(to)) {
            (Some(a), Some(z)) if a < z => {}
            _ => return Err(format!("break {from}–{to} is not two increasing HH:MM times")),
        }
    }
    Ok(())
}

pub(crate) fn find_line(text: &str, needle: &str) -> usize {
    text.find(needle).map(|offset| line_of(text, offset)).unwrap_or(1)
}

pub(crate) fn check_id(source: &Source, id: &Spanned<String>, errors: &mut ContentErrors) {
    let stem = source.file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if !is_id(id.get_ref()) {
        errors.push(source.error(
            source.line(id),
            format!("id `{}` is not valid", id.get_ref()),
            "use lower-case letters, digits and '-' only",
        ));
    } else if id.get_ref() != stem {
        errors.push(source.error(
            source.line(id),
            format!("id `{}` does not match the file name `{stem}.md`", id.get_ref()),
            format!("rename the file to {}.md or change the id", id.get_ref()),
        ));
    }
}

pub(crate) fn require(source: &Source, line: usize, field: &str, value: &str, errors: &mut ContentErrors) {
    if value.trim().is_empty() {
        errors.push(source.error(
            line,
            format!("`{field}` is empty"),
            format!("every guide must say its {field}; write it, or \"以窗口告知为准\" where unsure"),
        ));
    }
}

pub(crate) fn check_window(
    w: &Parsed<RawWindow>,
    site: &SiteFile,
    site_source: &Source,
    ids: &mut BTreeSet<String>,
    errors: &mut ContentErrors,
) {
    let (src, raw) = (&w.source, &w.value);
    let line = src.line(&raw.id);
    check_id(src, &raw.id, errors);
    if !ids.insert(raw.id.get_ref().clone()) {
        errors.push(src.error(
            line,
            format!("duplicate window id `{}`", raw.id.get_ref()),
            "give every window its own id",
        ));
    }
    if !site.windows.contains_key(raw.id.get_ref()) {
        errors.push(src.error(
            line,
            format!("{} has no [windows.{}] entry", site_source.file.display(), raw.id.get_ref()),
            "add the window's address, phones, hours and officers to site.toml",
        ));
    }
    if raw.commitments.is_empty() {
        errors.push(src.error(
            line,
            "the window lists no service commitments",
            "add [[commitments]] tables (首问负责, 一次性告知, …)",
        ));
    }
    if raw.rights.is_empty() {
        errors.push(src.error(
            line,
            "the window lists no citizen's rights",
            "add [[rights]] tables: what staff may never do, and where to complain",
        ));
    }
    require(src, line, "summary", &raw.summary, errors);
}

pub(crate) fn check_service(
    guide: &ParsedGuide,
    windows: &BTreeSet<String>,
    ids: &mut BTreeSet<String>,
    errors: &mut ContentErrors,
) {
    let (src, page, lines) = (&guide.parsed.source, &guide.parsed.value, &guide.lines);
    let line = src.line(&lines.id);
    check_id(src, &lines.id, errors);
    if !ids.insert(page.id.clone()) {
        errors.push(src.error(
            line,
            format!("duplicate service id `{}`", page.id),
            "give every guide its own id",
        ));
    }
    if !windows.contains(&page.window) {
        let known = windows.iter().cloned().collect::<Vec<_>>().join(", ");
        errors.push(src.error(
            src.line(&lines.window),
            format!("window `{}` does not exist", page.window),
            format!("use one of: {known}"),
        ));
    }
    for (field, value) in [
        ("summary", &page.summary),
        ("applicants", &page.applicants),
        ("result", &page.result),
        ("source", &page.source),
    ] {
        require(src, line, field, value, errors);
    }
    for (field, len, l) in [
        ("basis", page.basis.len(), src.line(&lines.basis)),
        ("materials", page.materials.len(), src.line(&lines.materials)),
        ("steps", page.steps.len(), src.line(&lines.steps)),
        ("faq", page.faq.len(), src.line(&lines.faq)),
    ] {
        if len == 0 {
            errors.push(src.error(
                l,
                format!("`{field}` is empty"),
                format!("a guide needs at least one entry in `{field}`"),
            ));
        }
    }
    if page.visits == 0 {
        errors.push(src.error(
            line,
            "`visits` is 0",
            "say how many visits are needed at most when the materials are complete (at least 1)",
        ));
    }
    check_reviewed(src, &lines.reviewed, &page.reviewed, errors);
    if !page.fee.free && (page.fee.amount.is_none() || page.fee.basis.is_none()) {
        errors.push(src.error(
            src.line(&lines.fee),
            "a fee is charged but its amount or legal basis is missing",
            "set free = true, or give both amount and basis",
        ));
    }
    check_questions(guide, errors);
}

/// A `reviewed` date (a guide's or an event's) must be YYYY-MM-DD.
pub(crate) fn check_reviewed(
    src: &Source,
    at: &Spanned<IgnoredAny>,
    reviewed: &str,
    errors: &mut ContentErrors,
) {
    if Date::parse(reviewed).is_none() {
        errors.push(src.error(
            src.line(at),
            format!("reviewed date `{reviewed}` is not YYYY-MM-DD"),
            "write the date like \"2026-11-20\"",
        ));
    }
}

pub(crate) fn check_questions(guide: &ParsedGuide, errors: &mut ContentErrors) {
    let (src, page, lines) = (&guide.parsed.source, &guide.parsed.value, &guide.lines);
    let errors_before = errors.0.len();
    let questions = check_question_list(src, &page.questions, &lines.questions, errors);
    let mut material_ids = BTreeSet::new();
    for (material, at) in page.materials.iter().zip(lines.materials.get_ref()) {
        let l = src.line(at);
        if !material_ids.insert(material.id.as_str()) {
            errors.push(src.error(
                l,
                format!("duplicate material id `{}`", material.id),
                "give every material in a guide its own id",
            ));
        }
        if !is_id(&material.id) {
            errors.push(src.error(
                l,
                format!("material id `{}` is not valid", material.id),
                "use lower-case letters, digits and '-' only",
            ));
        }
        if material.copies == 0 {
            errors.push(src.error(
                l,
                format!("material `{}` has 0 copies", material.id),
                "copies is how many to bring: at least 1",
            ));
        }
        check_deferral(src, page, material, at.get_ref(), errors);
        let rules = material.only_if.iter().zip(&at.get_ref().only_if);
        for (rule, rule_at) in rules.chain(material.unless.iter().zip(&at.get_ref().unless)) {
            if let Err(hint) = check_condition(rule, &questions) {
                errors.push(src.error(
                    src.line(rule_at),
                    format!("rule `{rule}` of material `{}` does not match a question", material.id),
                    hint,
                ));
            }
        }
    }
    if errors.0.len() > errors_before || page.materials.is_empty() {
        return;
    }
    let to_bring = || page.materials.iter().filter(|m| !m.provided);
    if to_bring().next().is_some() && to_bring().all(|m| m.deferral().is_some()) {
        errors.push(src.error(
            src.line(&lines.materials),
            "every material may follow later or be replaced by a pledge",
            "容缺受理 is for secondary materials: the main ones (identity, the certificate the service is about) must be complete; remove `later`/`pledge` from them",
        ));
    }
    let combinations = page.questions.iter().map(|q| q.options.len()).product::<usize>();
    if combinations <= MAX_COMBINATIONS {
        for answers in all_answer_combinations(&page.questions) {
            if !page.materials.iter().any(|m| m.applies(&answers)) {
                let said = answers.iter().map(|(q, a)| format!("{q}={a}")).collect::<Vec<_>>().join(", ");
                errors.push(src.error(
                    src.line(&lines.materials),
                    format!("no material applies when {said}"),
                    "every situation needs at least one material; loosen an only_if/unless rule",
                ));
            }
        }
    }
}

/// Checks situation questions (a guide's or an event's own); returns each id's option ids.
pub(crate) fn check_question_list<'a>(
    src: &Source,
    list: &'a [Question],
    lines: &[Spanned<IgnoredAny>],
    errors: &mut ContentErrors,
) -> BTreeMap<&'a str, Vec<&'a str>> {
    let mut questions: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (q, at) in list.iter().zip(lines) {
        let l = src.line(at);
        if questions.insert(&q.id, q.options.iter().map(|o| o.id.as_str()).collect()).is_some() {
            errors.push(src.error(
                l,
                format!("duplicate question id `{}`", q.id),
                "give every question its own id",
            ));
        }
        if !is_id(&q.id) || q.options.iter().any(|o| !is_id(&o.id)) {
            errors.push(src.error(
                l,
                format!("question `{}` or one of its option ids is not a valid id", q.id),
                "use lower-case letters, digits and '-' only",
            ));
        }
        if q.options.len() < 2 {
            errors.push(src.error(
                l,
                format!("question `{}` has fewer than two options", q.id),
                "a situation question needs at least two answers",
            ));
        }
        let option_ids: BTreeSet<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
        if option_ids.len() != q.options.len() {
            errors.push(src.error(
                l,
                format!("question `{}` repeats an option id", q.id),
                "give every option its own id",
            ));
        }
        if !option_ids.contains(q.default.as_str()) {
            errors.push(src.error(
                l,
                format!("default `{}` is not an option of question `{}`", q.default, q.id),
                format!("use one of: {}", option_ids.into_iter().collect::<Vec<_>>().join(", ")),
            ));
        }
    }
    questions
}

/// 容缺受理 and 告知承诺 on one material: never on what the window provides, a deadline within
/// the guide's promised time.
fn check_deferral(
    src: &Source,
    page: &GuidePage<String>,
    material: &Material,
    at: &MaterialLines,
    errors: &mut ContentErrors,
) {
    let (Some(later), Some(later_at)) = (&material.later, &at.later) else { return };
    let l = src.line(later_at);
    if material.provided {
        errors.push(src.error(
            l,
            format!("material `{}` is provided by the window but marked `later` (容缺受理)", material.id),
            "remove `later`: the window hands it out, so it is never missing",
        ));
    }
    if !later.within(&page.time_limit) {
        errors.push(src.error(
            l,
            format!(
                "容缺 deadline of material `{}` ({}) is later than the guide's time limit ({})",
                material.id,
                later.deadline(swg_model::Lang::Zh),
                page.time_limit.label()
            ),
            "a material may follow only within the promised time: shorten the deadline, in the time limit's unit (working_days or calendar_days)",
        ));
    }
}

/// Whether a rule names a question of the guide and only options it has; a hint if not.
pub(crate) fn check_condition(rule: &Condition, questions: &BTreeMap<&str, Vec<&str>>) -> Result<(), String> {
    let known = questions.get(rule.question.as_str()).ok_or_else(|| {
        let names = questions.keys().copied().collect::<Vec<_>>().join(", ");
        format!("question `{}` does not exist in this guide; its questions are: [{names}]", rule.question)
    })?;
    match rule.options.iter().find(|o| !known.contains(&o.as_str())) {
        Some(bad) => Err(format!(
            "`{bad}` is not an option of `{}`; its options are: {}",
            rule.question,
            known.join(", ")
        )),
        None => Ok(()),
    }
}

/// `https://host` or `http://host[:port]`: a scheme and a host, with no path, query or spaces.
fn is_site_address(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|host| {
        !host.is_empty()
            && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    })
}
