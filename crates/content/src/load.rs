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
use swg_model::GuidePage;
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
    let windows: Vec<Parsed<RawWindow>> = read_dir(&dir.join("windows"), &mut errors);
    let errors_before_services = errors.0.len();
    let services: Vec<ParsedGuide> = read_dir(&dir.join("services"), &mut errors)
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
    let every_service_parsed = errors.0.len() == errors_before_services;
    let Some((site_source, site)) = site else {
        return Err(errors);
    };

    let mut window_ids = BTreeSet::new();
    for w in &windows {
        check_window(w, &site, &site_source, &mut window_ids, &mut errors);
    }
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
    let mut service_ids = BTreeSet::new();
    for s in &services {
        check_service(s, &window_ids, &mut service_ids, &mut errors);
        crate::lint::check(s, &mut errors);
    }
    // A guide that did not parse may well be the window's guide: say nothing more until it does.
    for w in windows.iter().filter(|_| every_service_parsed) {
        let id = w.value.id.get_ref();
        if !services.iter().any(|s| &s.parsed.value.window == id) {
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
    Ok(assemble(site, calendar, windows, services, synonyms))
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
    files.into_iter().filter_map(|file| read_document(&file, errors)).collect()
}

fn read_document<T: DeserializeOwned>(file: &Path, errors: &mut ContentErrors) -> Option<Parsed<T>> {
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
            body_html: markdown::to_html(&body),
        }),
        Err(e) => {
            errors.push(from_toml(file, &front, front_line, &e));
            None
        }
    }
}
