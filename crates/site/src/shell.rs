//! The HTML document around a pre-rendered body: head, stylesheet, boot data, wasm loader.

use swg_model::route::base_path;
use swg_model::Boot;

/// File names (below `dist/`) of the hashed static assets a page links to.
#[derive(Clone, Debug)]
pub struct Assets {
    pub css: String,
    /// The wasm-bindgen JS glue and the wasm it loads; `None` builds a site without the app.
    pub js: Option<String>,
    pub wasm: Option<String>,
    /// The larger bundle of the form pages (everything plus the form islands).
    pub forms_js: Option<String>,
    pub forms_wasm: Option<String>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// JSON that is safe inside a `<script>` element: no `<` at all (it only occurs in strings,
/// where `\u003c` means the same).
fn script_json(boot: &Boot) -> String {
    serde_json::to_string(boot).unwrap_or_default().replace('<', "\\u003c")
}

pub fn document(boot: &Boot, body: &str, description: &str, assets: &Assets) -> String {
    let base = base_path();
    let bundle = if boot.page.kind == "form" {
        (&assets.forms_js, &assets.forms_wasm)
    } else {
        (&assets.js, &assets.wasm)
    };
    let loader = match bundle {
        (Some(js), Some(wasm)) => format!(
            "<link rel=\"modulepreload\" href=\"{base}/{js}\"><link rel=\"preload\" href=\"{base}/{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\
             <script type=\"module\">import init from \"{base}/{js}\";init({{module_or_path:\"{base}/{wasm}\"}});</script>"
        ),
        _ => String::new(),
    };
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><meta name=\"description\" content=\"{description}\">\
         <meta name=\"theme-color\" content=\"#0b4f8a\">\
         <link rel=\"stylesheet\" href=\"{base}/{css}\">{loader}\
         <script id=\"boot\" type=\"application/json\">{boot_json}</script></head>\
         <body>{body}</body></html>",
        title = escape(&boot.page.title),
        description = escape(description),
        css = assets.css,
        boot_json = script_json(boot),
    )
}
