//! Loads `content/`: markdown with TOML front matter becomes checked, typed pages or a list of
//! errors with file, line and a hint. Markdown is rendered to HTML here, natively.

mod assemble;
mod calendar;
mod check;
mod error;
mod events;
mod frontmatter;
pub mod lint;
mod load;
mod markdown;
mod raw;
mod site;

pub use calendar::{expiry_warning, WARN_DAYS_BEFORE_END};
pub use error::{ContentError, ContentErrors};
pub use lint::review_warnings;
pub use load::{load, CALENDAR_FILE, SYNONYMS_FILE};
pub use site::{Site, Stats};
