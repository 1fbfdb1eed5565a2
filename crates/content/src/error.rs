//! Content errors that tell an editor which file and line to fix, and how.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one content file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    pub file: PathBuf,
    /// 1-based line in the file.
    pub line: usize,
    pub message: String,
    pub hint: String,
}

impl ContentError {
    pub fn new(file: &Path, line: usize, message: impl Into<String>, hint: impl Into<String>) -> Self {
        ContentError {
            file: file.to_path_buf(),
            line: line.max(1),
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}\n  hint: {}", self.file.display(), self.line, self.message, self.hint)
    }
}

/// Every problem found in a content tree; the build writes nothing while there is one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContentErrors(pub Vec<ContentError>);

impl ContentErrors {
    pub fn push(&mut self, error: ContentError) {
        self.0.push(error);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in &self.0 {
            writeln!(f, "{error}")?;
        }
        write!(f, "{} content error(s); nothing was written.", self.0.len())
    }
}

impl std::error::Error for ContentErrors {}

/// The 1-based line of a byte offset within `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// Turns a TOML/serde error into an editor-friendly message and hint.
pub(crate) fn from_toml(file: &Path, text: &str, first_line: usize, err: &toml::de::Error) -> ContentError {
    let line = err.span().map(|s| line_of(text, s.start)).unwrap_or(1) + first_line - 1;
    let message = err.message().trim().to_owned();
    let hint = if message.starts_with("unknown field") {
        "remove this key or fix its spelling; content/README.md lists every allowed key"
    } else if message.starts_with("missing field") {
        "add the missing key to this table; content/README.md shows an example of each"
    } else if message.contains("time_limit needs exactly one") {
        "use working_days when the rule counts working days, calendar_days when it counts 日 including holidays"
    } else if message.starts_with("`later` (容缺受理)") {
        "write later = { working_days = 5, if_late = \"…\" }: the days after acceptance (no more than the time limit, in its unit) and what happens when it is late"
    } else if message.starts_with("rule `") {
        "write a rule as question=option, or question=a|b for several answers"
    } else if message.starts_with("invalid type") || message.starts_with("unknown variant") {
        "the value has the wrong type or is not one of the allowed values (see content/README.md)"
    } else {
        "fix the TOML syntax here: strings in \"double quotes\", lists in [brackets], tables as [[name]]"
    };
    ContentError::new(file, line, message, hint)
}
