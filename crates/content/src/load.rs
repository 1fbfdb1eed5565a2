//! Reads every content file, turns front matter into typed pages and checks the cross-references.

use crate::assemble::assemble;
use crate::calendar;
use crate::check::{check_service, check_site, check_window, find_line};
use crate::error::{from_toml, line_of, ContentError, ContentErrors};
use crate::raw::*;
use crate::site::Site;
use crate::{frontmatter, markdown};
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use swg_model::{Condition, GuidePage, Lang};
use toml::Spanned;

/// The holiday calendar's file name within the content folder.
pub const CALENDAR_FILE: &str = "calendar.toml";

/// One file being read: its path and text, for turning byte spans into lines.
pub(crate) struct Source {
    pub file: PathBuf,
    pub text: String,
    /// Byte offset of the TOML within `text`.
    pub toml_offset: usize,
}

impl Source {
    pub fn line<T>(&self, spanned: &Spanned<T>) -> usize {
        line_of(&self.text, self.toml_offset + spanned.span().start)
    }

    pub fn error(&self, line: usize, message: impl Into<String>, hint: impl Into<String>) -> ContentError {
        ContentError::new(&self.file, line, message, hint)
    }
}

pub(crate) struct Parsed<T> {
    pub source: Source,
    pub value: T,
    /// The front matter as written, for a second look (e.g. where things are).
    pub front: String,
    pub body_html: String,
}

/// A guide read from its file: its values, and where each part is.
pub(crate) struct ParsedGuide {
    pub parsed: Parsed<GuidePage<String>>,
    pub lines: GuideLines,
}

/// Loads and checks the content tree at `dir` (holding `site.toml`, `calendar.toml`, `windows/`,
/// `services/`).
pub fn load(dir: &Path) -> Result<Site, ContentErrors> {
    let mut errors = ContentErrors::default();
    let calendar_file = dir.join(CALENDAR_FILE);
    let calendar = match std::fs::read_to_string(&calendar_file) {
        Ok(text) => calendar::read(&calendar_file, text, &mut errors),
        Err(e) => {
            errors.push(calendar::missing(&calendar_file, &e));
            Default::default()
        }
    };
    let site = read_site(&dir.join("site.toml"), &mut errors);
    let synonyms = read_synonyms(&dir.join(SYNONYMS_FILE), &mut errors);
    let chinese = read_edition(dir, Lang::Zh, &mut errors);
    let english_dir = dir.join(ENGLISH_DIR);
    let english = if english_dir.is_dir() {
        read_edition(&english_dir, Lang::En, &mut errors)
    } else {
        Edition::default()
    };
    let Some((site_source, site)) = site else {
        return Err(errors);
    };

    let window_ids = check_edition(&chinese, &site, &site_source, &mut errors);
    for id in site.windows.keys() {
        if !window_ids.contains(id.as_str()) {
            let line = find_line(&site_source.text, &format!("[windows.{id}]"));
            errors.push(site_source.error(
                line,
                format!("site.toml describes window `{id}`, but content/windows/{id}.md does not exist"),
                "remove this table or add the window's markdown file",
            ));
        }
    }
    check_edition(&english, &site, &site_source, &mut errors);
    for w in &english.windows {
        let id = w.value.id.get_ref();
        if site.windows.get(id).is_some_and(|local| local.en.is_none()) {
            errors.push(site_source.error(
                find_line(&site_source.text, &format!("[windows.{id}]")),
                format!("window `{id}` has an English page, but site.toml has no [windows.{id}.en] table"),
                "add [windows.ID.en] with the address (and lunch, extended, holiday, commitments) in English",
            ));
        }
    }
    if site.site.en.is_none() && !english.windows.is_empty() {
        errors.push(site_source.error(
            find_line(&site_source.text, "[site]"),
            "content/en/ has English pages, but site.toml has no [site.en] table",
            "add [site.en] with name, organisation and source in English",
        ));
    }
    check_translations(&chinese, &english, &mut errors);
    let (events, pledges) = crate::events::read(dir, &mut errors);
    // An event naming a guide that did not parse would be blamed for it: wait until it does.
    if chinese.complete {
        crate::events::check(&events, &pledges, &chinese.services, &window_ids, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(assemble(site, calendar, chinese, english, synonyms, (events, pledges)))
}

/// The folder of the English pages inside the content folder, with its own `windows/` and
/// `services/`.
pub const ENGLISH_DIR: &str = "en";

/// The windows and guides of one language, as read.
#[derive(Default)]
pub(crate) struct Edition {
    pub windows: Vec<Parsed<RawWindow>>,
    pub services: Vec<ParsedGuide>,
    /// Whether every guide's front matter parsed (else "a window without guides" is not said).
    pub complete: bool,
}

/// Reads `windows/` and `services/` below `dir`.
fn read_edition(dir: &Path, lang: Lang, errors: &mut ContentErrors) -> Edition {
    let windows: Vec<Parsed<RawWindow>> = read_dir(&dir.join("windows"), lang, errors);
    let errors_before_services = errors.0.len();
    let services: Vec<ParsedGuide> = read_dir(&dir.join("services"), lang, errors)
        .into_iter()
        .filter_map(|parsed: Parsed<GuidePage<String>>| match toml::from_str(&parsed.front) {
            Ok(lines) => Some(ParsedGuide { parsed, lines }),
            Err(e) => {
                let first_line = line_of(&parsed.source.text, parsed.source.toml_offset);
                errors.push(from_toml(&parsed.source.file, &parsed.front, first_line, &e));
                None
            }
        })
        .collect();
    let complete = errors.0.len() == errors_before_services;
    Edition { windows, services, complete }
}

/// Checks one language's windows and guides; returns the window ids.
fn check_edition(
    edition: &Edition,
    site: &SiteFile,
    site_source: &Source,
    errors: &mut ContentErrors,
) -> BTreeSet<String> {
    let mut window_ids = BTreeSet::new();
    for w in &edition.windows {
        check_window(w, site, site_source, &mut window_ids, errors);
    }
    let mut service_ids = BTreeSet::new();
    for s in &edition.services {
        check_service(s, &window_ids, &mut service_ids, errors);
        crate::lint::check(s, errors);
    }
    // A guide that did not parse may well be the window's guide: say nothing more until it does.
    for w in edition.windows.iter().filter(|_| edition.complete) {
        let id = w.value.id.get_ref();
        if !edition.services.iter().any(|s| &s.parsed.value.window == id) {
            errors.push(w.source.error(
                w.source.line(&w.value.id),
                format!("window `{id}` has no service guide"),
                format!("add at least one guide in content/services/ with window = \"{id}\""),
            ));
        }
    }
    window_ids
}

/// Every English page translates a Chinese one of the same id, with the same questions,
/// options and materials (so answers, ticks and share links carry over between the languages).
fn check_translations(chinese: &Edition, english: &Edition, errors: &mut ContentErrors) {
    for w in &english.windows {
        let id = w.value.id.get_ref();
        if !chinese.windows.iter().any(|c| c.value.id.get_ref() == id) {
            errors.push(w.source.error(
                w.source.line(&w.value.id),
                format!("English window `{id}` translates no Chinese window"),
                format!("use the id of a file in content/windows/ (content/windows/{id}.md does not exist)"),
            ));
        }
    }
    for guide in &english.services {
        let (src, page) = (&guide.parsed.source, &guide.parsed.value);
        let line = src.line(&guide.lines.id);
        let Some(original) = chinese.services.iter().find(|c| c.parsed.value.id == page.id) else {
            errors.push(src.error(
                line,
                format!("English guide `{}` translates no Chinese guide", page.id),
                format!(
                    "use the id of a file in content/services/ (content/services/{}.md does not exist)",
                    page.id
                ),
            ));
            continue;
        };
        if shape(page) != shape(&original.parsed.value) {
            errors.push(src.error(
                line,
                format!("English guide `{}` does not have the Chinese guide's questions, options and materials", page.id),
                format!(
                    "use the same ids, `only_if` and `unless` as {} (answers and ticks carry over between the languages)",
                    original.parsed.source.file.display()
                ),
            ));
        }
    }
}

/// A guide's questions (with their option ids) and materials (with their conditions), by id.
type Shape<'a> = (Vec<(&'a str, Vec<&'a str>)>, Vec<(&'a str, &'a [Condition], &'a [Condition])>);

/// What a translation must keep: question and option ids, and each material's id and conditions.
fn shape(page: &GuidePage<String>) -> Shape<'_> {
    (
        page.questions
            .iter()
            .map(|q| (q.id.as_str(), q.options.iter().map(|o| o.id.as_str()).collect()))
            .collect(),
        page.materials.iter().map(|m| (m.id.as_str(), m.only_if.as_slice(), m.unless.as_slice())).collect(),
    )
}

/// The shared search synonyms, next to `site.toml`; optional.
pub const SYNONYMS_FILE: &str = "synonyms.toml";

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Synonyms {
    groups: Vec<Vec<String>>,
}

/// Reads `synonyms.toml`: groups of at least two different, non-empty words.
fn read_synonyms(file: &Path, errors: &mut ContentErrors) -> Vec<Vec<String>> {
    let Ok(text) = std::fs::read_to_string(file) else { return Vec::new() };
    let groups = match toml::from_str::<Synonyms>(&text) {
        Ok(s) => s.groups,
        Err(e) => {
            errors.push(from_toml(file, &text, 1, &e));
            return Vec::new();
        }
    };
    for group in &groups {
        let distinct: BTreeSet<&str> = group.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).collect();
        if distinct.len() < 2 || distinct.len() != group.len() {
            let first = group.first().map_or("[]", String::as_str);
            errors.push(ContentError::new(
                file,
                find_line(&text, first),
                format!("synonym group starting `{first}` needs at least two different, non-empty words"),
                "write each group as [\"word\", \"other word\", …] with no word twice",
            ));
        }
    }
    groups
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
    match toml::from_str::<SiteFile>(&text).and_then(|site| Ok((site, toml::from_str::<SiteLines>(&text)?))) {
        Ok((site, lines)) => {
            let source = Source { file: file.to_path_buf(), text, toml_offset: 0 };
            check_site(&source, &site, &lines, errors);
            Some((source, site))
        }
        Err(e) => {
            errors.push(from_toml(file, &text, 1, &e));
            None
        }
    }
}

pub(crate) fn read_dir<T: DeserializeOwned>(
    dir: &Path,
    lang: Lang,
    errors: &mut ContentErrors,
) -> Vec<Parsed<T>> {
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
    files.into_iter().filter_map(|file| read_document(&file, lang, errors)).collect()
}

fn read_document<T: DeserializeOwned>(
    file: &Path,
    lang: Lang,
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
            source: Source { file: file.to_path_buf(), text, toml_offset },
            value,
            front,
            body_html: markdown::to_html(&body, lang),
        }),
        Err(e) => {
            errors.push(from_toml(file, &front, front_line, &e));
            None
        }
    }
}
