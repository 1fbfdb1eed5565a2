//! Markdown to HTML at build time (never in the browser bundle). In an English page, Chinese
//! runs (document names) are marked `lang="zh-CN"`.

use pulldown_cmark::{html, CowStr, Event, Options, Parser};
use swg_model::lang::runs;
use swg_model::Lang;

pub(crate) fn to_html(markdown: &str, lang: Lang) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(markdown.len() * 2);
    let events = Parser::new_ext(markdown, options).flat_map(|event| match event {
        Event::Text(text) if lang == Lang::En && Lang::has_chinese(&text) => marked(&text),
        other => vec![other],
    });
    html::push_html(&mut out, events);
    out
}

/// English text with its Chinese runs inside `<span lang="zh-CN">`; the text itself stays a
/// text event, escaped by the renderer.
fn marked(text: &str) -> Vec<Event<'static>> {
    runs(text)
        .into_iter()
        .flat_map(|(chinese, run)| {
            let run = Event::Text(CowStr::from(run.to_owned()));
            if chinese {
                vec![
                    Event::InlineHtml(CowStr::Borrowed("<span lang=\"zh-CN\">")),
                    run,
                    Event::InlineHtml(CowStr::Borrowed("</span>")),
                ]
            } else {
                vec![run]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use swg_model::Lang;

    #[test]
    fn headings_lists_and_tables_render() {
        let html = super::to_html("## 须知\n\n- 一\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", Lang::Zh);
        assert!(html.contains("<h2>须知</h2>"));
        assert!(html.contains("<li>一</li>"));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn an_english_page_marks_its_chinese_document_names_and_still_escapes_them() {
        let html = super::to_html("Read 《护照法》 & more.", Lang::En);
        assert_eq!(html, "<p>Read <span lang=\"zh-CN\">《护照法》 </span>&amp; more.</p>\n");
        assert!(!super::to_html("Read 《护照法》.", Lang::Zh).contains("span"));
    }
}
