//! Markdown to HTML at build time (never in the browser bundle).

use pulldown_cmark::{html, Options, Parser};

pub(crate) fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, Parser::new_ext(markdown, options));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn headings_lists_and_tables_render() {
        let html = super::to_html("## 须知\n\n- 一\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<h2>须知</h2>"));
        assert!(html.contains("<li>一</li>"));
        assert!(html.contains("<table>"));
    }
}
