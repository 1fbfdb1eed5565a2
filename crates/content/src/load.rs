//! Reads every content file, turns front matter into typed pages and checks the cross-references.

use crate::error::{from_toml, line_of, ContentError, ContentErrors};
use crate::raw::*;
use crate::site::Site;
use crate::{frontmatter, markdown};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use swg_model::checklist::all_answer_combinations;
use swg_model::route::is_id;
use swg_model::*;
use toml::Spanned;

/// Most answer combinations checked per guide for "never an empty list".
const MAX_COMBINATIONS: usize = 4096;

/// One file being read: its path and text, for turning byte spans into lines.
struct Source {
    file: PathBuf,
    text: String,
    /// Byte offset of the TOML within `text`.
    toml_offset: usize,
}

impl Source {
    fn line<T>(&self, spanned: &Spanned<T>) -> usize {
        line_of(&self.text, self.toml_offset + spanned.span().start)
    }

    fn error(
        &self,
        line: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> ContentError {
        ContentError::new(&self.file, line, message, hint)
    }
}

struct Parsed<T> {
    source: Source,
    value: T,
    body_html: String,
}

/// Loads and checks the content tree at `dir` (holding `site.toml`, `windows/`, `services/`).
pub fn load(dir: &Path) -> Result<Site, ContentErrors> {
    let mut errors = ContentErrors::default();
    let site = read_site(&dir.join("site.toml"), &mut errors);
    let windows: Vec<Parsed<RawWindow>> = read_dir(&dir.join("windows"), &mut errors);
    let services: Vec<Parsed<RawService>> = read_dir(&dir.join("services"), &mut errors);
    let Some((site_source, site)) = site else {
        return Err(errors);
    };

    let mut window_ids = BTreeSet::new();
    for w in &windows {
        check_window(w, &site, &site_source, &mut window_ids, &mut errors);
    }
    for (id, _) in &site.windows {
        if !window_ids.contains(id.as_str()) {
            let line = find_line(&site_source.text, &format!("[windows.{id}]"));
            errors.push(site_source.error(
                line,
                format!(
                    "site.toml describes window `{id}`, but content/windows/{id}.md does not exist"
                ),
                "remove this table or add the window's markdown file",
            ));
        }
    }
    let mut service_ids = BTreeSet::new();
    for s in &services {
        check_service(s, &window_ids, &mut service_ids, &mut errors);
    }
    for w in &windows {
        let id = w.value.id.get_ref();
        if !services.iter().any(|s| s.value.window.get_ref() == id) {
            errors.push(w.source.error(
                w.source.line(&w.value.id),
                format!("window `{id}` has no service guide"),
                format!("add at least one guide in content/services/ with window = \"{id}\""),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(assemble(site, windows, services))
}

fn read_text(file: &Path, errors: &mut ContentErrors) -> Option<String> {
    match std::fs::read_to_string(file) {
        Ok(text) => Some(text),
        Err(e) => {
            errors.push(ContentError::new(
                file,
                1,
                format!("cannot read the file: {e}"),
                "check that it exists and is UTF-8 text",
            ));
            None
        }
    }
}

fn read_site(file: &Path, errors: &mut ContentErrors) -> Option<(Source, SiteFile)> {
    let text = read_text(file, errors)?;
    match toml::from_str::<SiteFile>(&text) {
        Ok(site) => {
            let source = Source {
                file: file.to_path_buf(),
                text,
                toml_offset: 0,
            };
            check_site(&source, &site, errors);
            Some((source, site))
        }
        Err(e) => {
            errors.push(from_toml(file, &text, 1, &e));
            None
        }
    }
}

fn check_site(source: &Source, site: &SiteFile, errors: &mut ContentErrors) {
    for (id, w) in &site.windows {
        for hours in &w.hours {
            if let Err((message, hint)) = check_hours(hours.get_ref()) {
                errors.push(source.error(
                    source.line(hours),
                    format!("window `{id}`: {message}"),
                    hint,
                ));
            }
        }
        if w.hours.is_empty() {
            let line = find_line(&source.text, &format!("[windows.{id}]"));
            errors.push(source.error(
                line,
                format!("window `{id}` has no opening hours"),
                "add at least one [[windows.ID.hours]] table",
            ));
        }
    }
}

fn check_hours(h: &RawHours) -> Result<(), (String, &'static str)> {
    if h.days.is_empty()
        || h.days.iter().any(|d| !(1..=7).contains(d))
        || h.days.windows(2).any(|w| w[0] >= w[1])
    {
        return Err((
            format!("days {:?} are not valid", h.days),
            "list days as increasing numbers 1 (Monday) to 7 (Sunday)",
        ));
    }
    let open = minutes(&h.open).ok_or_else(|| {
        (
            format!("open time `{}` is not HH:MM", h.open),
            "write times like \"08:30\"",
        )
    })?;
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
    Ok(())
}

fn minutes(hhmm: &str) -> Option<u16> {
    let (h, m) = hhmm.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    ((h < 24 && m < 60) || (h == 24 && m == 0)).then_some(h * 60 + m)
}

fn find_line(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map(|offset| line_of(text, offset))
        .unwrap_or(1)
}

fn read_dir<T: DeserializeOwned>(dir: &Path, errors: &mut ContentErrors) -> Vec<Parsed<T>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(ContentError::new(
                dir,
                1,
                format!("cannot read the folder: {e}"),
                "create it and put the markdown files there",
            ));
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|file| read_document(&file, errors))
        .collect()
}

fn read_document<T: DeserializeOwned>(
    file: &Path,
    errors: &mut ContentErrors,
) -> Option<Parsed<T>> {
    let text = read_text(file, errors)?;
    let (front, front_line, toml_offset, body) = match frontmatter::split(file, &text) {
        Ok(doc) => (
            doc.front.to_owned(),
            doc.front_line,
            doc.front.as_ptr() as usize - text.as_ptr() as usize,
            doc.body.to_owned(),
        ),
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    match toml::from_str::<T>(&front) {
        Ok(value) => Some(Parsed {
            source: Source {
                file: file.to_path_buf(),
                text,
                toml_offset,
            },
            value,
            body_html: markdown::to_html(&body),
        }),
        Err(e) => {
            errors.push(from_toml(file, &front, front_line, &e));
            None
        }
    }
}

fn check_id(source: &Source, id: &Spanned<String>, errors: &mut ContentErrors) {
    let stem = source
        .file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if !is_id(id.get_ref()) {
        errors.push(source.error(
            source.line(id),
            format!("id `{}` is not valid", id.get_ref()),
            "use lower-case letters, digits and '-' only",
        ));
    } else if id.get_ref() != stem {
        errors.push(source.error(
            source.line(id),
            format!(
                "id `{}` does not match the file name `{stem}.md`",
                id.get_ref()
            ),
            format!("rename the file to {}.md or change the id", id.get_ref()),
        ));
    }
}

fn require(source: &Source, line: usize, field: &str, value: &str, errors: &mut ContentErrors) {
    if value.trim().is_empty() {
        errors.push(source.error(
            line,
            format!("`{field}` is empty"),
            format!(
                "every guide must say its {field}; write it, or \"以窗口告知为准\" where unsure"
            ),
        ));
    }
}

fn check_window(
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
            format!(
                "{} has no [windows.{}] entry",
                site_source.file.display(),
                raw.id.get_ref()
            ),
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

fn check_service(
    s: &Parsed<RawService>,
    windows: &BTreeSet<String>,
    ids: &mut BTreeSet<String>,
    errors: &mut ContentErrors,
) {
    let (src, raw) = (&s.source, &s.value);
    let line = src.line(&raw.id);
    check_id(src, &raw.id, errors);
    if !ids.insert(raw.id.get_ref().clone()) {
        errors.push(src.error(
            line,
            format!("duplicate service id `{}`", raw.id.get_ref()),
            "give every guide its own id",
        ));
    }
    if !windows.contains(raw.window.get_ref()) {
        let known = windows.iter().cloned().collect::<Vec<_>>().join(", ");
        errors.push(src.error(
            src.line(&raw.window),
            format!("window `{}` does not exist", raw.window.get_ref()),
            format!("use one of: {known}"),
        ));
    }
    for (field, value) in [
        ("summary", &raw.summary),
        ("applicants", &raw.applicants),
        ("result", &raw.result),
        ("source", &raw.source),
    ] {
        require(src, line, field, value, errors);
    }
    for (field, spanned_len, l) in [
        ("basis", raw.basis.get_ref().len(), src.line(&raw.basis)),
        (
            "materials",
            raw.materials.get_ref().len(),
            src.line(&raw.materials),
        ),
        ("steps", raw.steps.get_ref().len(), src.line(&raw.steps)),
        ("faq", raw.faq.get_ref().len(), src.line(&raw.faq)),
    ] {
        if spanned_len == 0 {
            errors.push(src.error(
                l,
                format!("`{field}` is empty"),
                format!("a guide needs at least one entry in `{field}`"),
            ));
        }
    }
    if raw.visits == 0 {
        errors.push(src.error(
            line,
            "`visits` is 0",
            "say how many visits are needed at most when the materials are complete (at least 1)",
        ));
    }
    if !is_date(raw.reviewed.get_ref()) {
        errors.push(src.error(
            src.line(&raw.reviewed),
            format!(
                "reviewed date `{}` is not YYYY-MM-DD",
                raw.reviewed.get_ref()
            ),
            "write the date like \"2026-11-20\"",
        ));
    }
    let fee = raw.fee.get_ref();
    if !fee.free
        && (fee.amount.as_deref().unwrap_or("").trim().is_empty()
            || fee.basis.as_deref().unwrap_or("").trim().is_empty())
    {
        errors.push(src.error(
            src.line(&raw.fee),
            "a fee is charged but its amount or legal basis is missing",
            "set free = true, or give both amount and basis",
        ));
    }
    if let Some(lang) = &raw.lang {
        if !["zh", "en"].contains(&lang.as_str()) {
            errors.push(src.error(
                line,
                format!("lang `{lang}` is not supported"),
                "use \"zh\" or \"en\"",
            ));
        }
    }
    check_questions(s, errors);
}

fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && y.parse::<u16>().is_ok()
        && m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        && d.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)))
}

fn check_questions(s: &Parsed<RawService>, errors: &mut ContentErrors) {
    let (src, raw) = (&s.source, &s.value);
    let errors_before = errors.0.len();
    let mut questions: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for q in &raw.questions {
        let (l, q) = (src.line(q), q.get_ref());
        if questions
            .insert(&q.id, q.options.iter().map(|o| o.id.as_str()).collect())
            .is_some()
        {
            errors.push(src.error(
                l,
                format!("duplicate question id `{}`", q.id),
                "give every question its own id",
            ));
        }
        if !is_id(&q.id) || q.options.iter().any(|o| !is_id(&o.id)) {
            errors.push(src.error(
                l,
                format!(
                    "question `{}` or one of its option ids is not a valid id",
                    q.id
                ),
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
                format!(
                    "default `{}` is not an option of question `{}`",
                    q.default, q.id
                ),
                format!(
                    "use one of: {}",
                    option_ids.into_iter().collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    let mut material_ids = BTreeSet::new();
    for m in raw.materials.get_ref() {
        let (l, material) = (src.line(m), m.get_ref());
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
        for rule in material.only_if.iter().chain(&material.unless) {
            if let Err(hint) = parse_condition(rule.get_ref(), &questions) {
                errors.push(src.error(
                    src.line(rule),
                    format!(
                        "rule `{}` of material `{}` does not match a question",
                        rule.get_ref(),
                        material.id
                    ),
                    hint,
                ));
            }
        }
    }
    if errors.0.len() > errors_before {
        return;
    }
    let questions = to_questions(raw);
    let materials = to_materials(raw);
    let combinations = questions.iter().map(|q| q.options.len()).product::<usize>();
    if combinations <= MAX_COMBINATIONS {
        for answers in all_answer_combinations(&questions) {
            if !materials.iter().any(|m| m.applies(&answers)) {
                let said = answers
                    .iter()
                    .map(|(q, a)| format!("{q}={a}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                errors.push(src.error(
                    src.line(&raw.materials),
                    format!("no material applies when {said}"),
                    "every situation needs at least one material; loosen an only_if/unless rule",
                ));
            }
        }
    }
}

fn parse_condition(rule: &str, questions: &BTreeMap<&str, Vec<&str>>) -> Result<Condition, String> {
    let (q, opts) = rule
        .split_once('=')
        .ok_or_else(|| "write a rule as question=option (or question=a|b)".to_owned())?;
    let known = questions.get(q).ok_or_else(|| {
        let names = questions.keys().copied().collect::<Vec<_>>().join(", ");
        format!("question `{q}` does not exist in this guide; its questions are: [{names}]")
    })?;
    let options: Vec<String> = opts.split('|').map(str::to_owned).collect();
    if let Some(bad) = options.iter().find(|o| !known.contains(&o.as_str())) {
        return Err(format!(
            "`{bad}` is not an option of `{q}`; its options are: {}",
            known.join(", ")
        ));
    }
    Ok(Condition {
        question: q.to_owned(),
        options,
    })
}

fn to_questions(raw: &RawService) -> Vec<Question> {
    raw.questions
        .iter()
        .map(|q| {
            let q = q.get_ref();
            Question {
                id: q.id.clone(),
                text: q.text.clone(),
                default: q.default.clone(),
                options: q
                    .options
                    .iter()
                    .map(|o| Choice {
                        id: o.id.clone(),
                        label: o.label.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn to_materials(raw: &RawService) -> Vec<Material> {
    let questions: BTreeMap<&str, Vec<&str>> = raw
        .questions
        .iter()
        .map(|q| {
            (
                q.get_ref().id.as_str(),
                q.get_ref().options.iter().map(|o| o.id.as_str()).collect(),
            )
        })
        .collect();
    let rules = |list: &[Spanned<String>]| {
        list.iter()
            .filter_map(|r| parse_condition(r.get_ref(), &questions).ok())
            .collect()
    };
    raw.materials
        .get_ref()
        .iter()
        .map(|m| {
            let m = m.get_ref();
            Material {
                id: m.id.clone(),
                name: m.name.clone(),
                form: match m.form {
                    RawForm::Original => Form::Original,
                    RawForm::Copy => Form::Copy,
                    RawForm::OriginalAndCopy => Form::OriginalAndCopy,
                    RawForm::Electronic => Form::Electronic,
                    RawForm::Form => Form::Form,
                },
                copies: m.copies,
                format: non_empty(&m.format),
                issuer: m.issuer.clone(),
                obtain: m.obtain.clone(),
                when: non_empty(&m.when),
                only_if: rules(&m.only_if),
                unless: rules(&m.unless),
            }
        })
        .collect()
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref().filter(|s| !s.trim().is_empty()).cloned()
}

fn to_local(w: &LocalWindow) -> WindowLocal {
    WindowLocal {
        address: w.address.clone(),
        phone: w.phone.clone(),
        complaint_phone: w.complaint_phone.clone(),
        lunch: non_empty(&w.lunch),
        extended: non_empty(&w.extended),
        holiday: non_empty(&w.holiday),
        hours: w
            .hours
            .iter()
            .map(|h| Hours {
                days: h.get_ref().days.clone(),
                open: h.get_ref().open.clone(),
                close: h.get_ref().close.clone(),
            })
            .collect(),
        officers: w
            .officers
            .iter()
            .map(|o| Officer {
                name: o.name.clone(),
                number: o.number.clone(),
                role: o.role.clone(),
            })
            .collect(),
    }
}

fn assemble(
    site: SiteFile,
    mut windows: Vec<Parsed<RawWindow>>,
    services: Vec<Parsed<RawService>>,
) -> Site {
    windows.sort_by(|a, b| {
        (a.value.order, a.value.id.get_ref()).cmp(&(b.value.order, b.value.id.get_ref()))
    });
    let local = |id: &str| site.windows.get(id).map(to_local);
    let window_pages: Vec<WindowPage> = windows
        .iter()
        .filter_map(|w| {
            let raw = &w.value;
            let id = raw.id.get_ref();
            Some(WindowPage {
                id: id.clone(),
                name: raw.name.clone(),
                summary: raw.summary.clone(),
                call: non_empty(&raw.call),
                commitments: raw
                    .commitments
                    .iter()
                    .map(|c| Commitment {
                        name: c.name.clone(),
                        text: c.text.clone(),
                    })
                    .collect(),
                rights: raw.rights.iter().map(|r| r.text.clone()).collect(),
                body_html: w.body_html.clone(),
                local: local(id)?,
                services: services
                    .iter()
                    .filter(|s| s.value.window.get_ref() == id)
                    .map(|s| ServiceLink {
                        id: s.value.id.get_ref().clone(),
                        title: s.value.title.clone(),
                    })
                    .collect(),
            })
        })
        .collect();
    let guides = services
        .iter()
        .filter_map(|s| {
            let raw = &s.value;
            let window = window_pages
                .iter()
                .find(|w| &w.id == raw.window.get_ref())?;
            Some(GuidePage {
                id: raw.id.get_ref().clone(),
                title: raw.title.clone(),
                lang: raw.lang.clone().filter(|l| l != "zh"),
                summary: raw.summary.clone(),
                window: WindowRef {
                    id: window.id.clone(),
                    name: window.name.clone(),
                    local: window.local.clone(),
                },
                basis: raw.basis.get_ref().clone(),
                applicants: raw.applicants.clone(),
                conditions: raw.conditions.clone(),
                questions: to_questions(raw),
                materials: to_materials(raw),
                steps: raw
                    .steps
                    .get_ref()
                    .iter()
                    .map(|st| Step {
                        title: st.title.clone(),
                        text: st.text.clone(),
                    })
                    .collect(),
                time_limit: TimeLimit {
                    working_days: raw.time_limit.working_days,
                    note: non_empty(&raw.time_limit.note),
                },
                fee: Fee {
                    free: raw.fee.get_ref().free,
                    amount: non_empty(&raw.fee.get_ref().amount),
                    basis: non_empty(&raw.fee.get_ref().basis),
                },
                visits: raw.visits,
                result: raw.result.clone(),
                faq: raw
                    .faq
                    .get_ref()
                    .iter()
                    .map(|f| Faq {
                        q: f.q.clone(),
                        a: f.a.clone(),
                    })
                    .collect(),
                source: raw.source.clone(),
                reviewed: raw.reviewed.get_ref().clone(),
                uncertain: non_empty(&raw.uncertain),
                body_html: s.body_html.clone(),
            })
        })
        .collect();
    let s = site.site;
    Site {
        info: SiteInfo {
            name: s.name,
            organisation: s.organisation,
            example_data: s.example_data,
            supervision_phone: s.supervision_phone,
            source: s.source,
        },
        windows: window_pages,
        guides,
    }
}
