//! Splits a content file into its TOML front matter (between `+++` lines) and markdown body.

use crate::error::ContentError;
use std::path::Path;

pub(crate) struct Document<'a> {
    pub front: &'a str,
    /// The file line the front matter's first line is on.
    pub front_line: usize,
    pub body: &'a str,
}

pub(crate) fn split<'a>(file: &Path, text: &'a str) -> Result<Document<'a>, ContentError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n")).ok_or_else(|| {
        ContentError::new(
            file,
            1,
            "the file does not start with a `+++` line",
            "put the TOML front matter between two lines that contain only +++",
        )
    })?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok(Document {
                front: &rest[..offset],
                front_line: 2,
                body: &rest[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(ContentError::new(
        file,
        1,
        "the front matter is never closed",
        "add a line containing only +++ after the last TOML key",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body_are_separated() {
        let doc = split(Path::new("a.md"), "+++\nid = \"a\"\n+++\n# Body\n").expect("valid document");
        assert_eq!(doc.front, "id = \"a\"\n");
        assert_eq!(doc.body, "# Body\n");
        assert_eq!(doc.front_line, 2);
    }

    #[test]
    fn a_missing_opening_or_closing_fence_is_reported() {
        let err = split(Path::new("a.md"), "id = 1\n").err().expect("error");
        assert!(err.message.contains("does not start"));
        let err = split(Path::new("a.md"), "+++\nid = 1\n").err().expect("error");
        assert!(err.message.contains("never closed"));
    }
}
