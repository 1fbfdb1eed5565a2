//! The one HTML document around every page: the pre-rendered pages and the server's answer
//! pages are both this view, rendered natively.

use crate::frame;
use leptos::prelude::*;
use leptos::reactive::owner::Owner;
use swg_model::route::base_path;
use swg_model::{Assets, Boot, Lang, PageData, PageKind, Shown, SiteInfo};

/// Renders a view to HTML in a fresh reactive owner.
pub fn render<V: IntoView + 'static>(f: impl FnOnce() -> V + 'static) -> String {
    let owner = Owner::new();
    let out = owner.with(move || f().to_html());
    owner.unset();
    out
}

/// What the `<head>` says about a page.
pub struct Head {
    pub lang: Lang,
    /// The page's address in each language (absolute), for `hreflang` links.
    pub versions: Vec<(Lang, String)>,
    pub title: String,
    pub description: String,
    pub css: String,
}

/// The wasm bundle a page loads: its JS glue and the wasm it starts.
struct Bundle {
    js: String,
    wasm: String,
}

/// JSON that is safe inside a `<script>` element: no `<` at all (it only occurs in strings,
/// where `\u003c` means the same).
fn script_json(boot: &Boot) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_string(boot)?.replace('<', "\\u003c"))
}

/// The one inline script of a page: it starts the wasm bundle. The server allows exactly these
/// scripts in its Content-Security-Policy, by their hashes.
pub fn loader_script(js: &str, wasm: &str) -> String {
    let base = base_path();
    format!("import init from \"{base}/{js}\";init({{module_or_path:\"{base}/{wasm}\"}});")
}

/// The inline script of every page that keeps 长辈版 (the elderly-friendly mode) as the citizen
/// left it: it sets the mode before the page is drawn (no flash of small text) and handles the
/// header's switch, on pre-rendered and server pages alike, with or without the app. The server
/// allows it by its hash.
pub const CARE_SCRIPT: &str = "(function(){var d=document.documentElement,k='swg.care';\
function show(on){d.classList.toggle('care',on);var b=document.querySelector('.care-toggle');\
if(b){b.setAttribute('aria-pressed',on?'true':'false');b.textContent=on?b.dataset.on:b.dataset.off;}}\
try{show(localStorage.getItem(k)==='1');}catch(e){}\
document.addEventListener('DOMContentLoaded',function(){show(d.classList.contains('care'));});\
document.addEventListener('click',function(e){var b=e.target.closest&&e.target.closest('.care-toggle');\
if(!b)return;var on=!d.classList.contains('care');show(on);try{localStorage.setItem(k,on?'1':'0');}catch(e){}});})();";

fn document(head: Head, bundle: Option<Bundle>, boot: Option<String>, body: impl IntoView) -> impl IntoView {
    let base = base_path();
    let loader = bundle.map(|Bundle { js, wasm }| {
        let start = loader_script(&js, &wasm);
        view! {
            <link rel="modulepreload" href=format!("{base}/{js}")/>
            <link rel="preload" href=format!("{base}/{wasm}") r#as="fetch" r#type="application/wasm" crossorigin/>
            <script type="module" inner_html=start></script>
        }
    });
    view! {
        <!DOCTYPE html>
        <html lang=head.lang.id()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <title>{head.title}</title>
                <meta name="description" content=head.description/>
                <meta name="theme-color" content="#0b4f8a"/>
                <link rel="manifest" href=format!("{base}/manifest.webmanifest")/>
                <link rel="icon" href=format!("{base}/icon.svg") r#type="image/svg+xml"/>
                <link rel="stylesheet" href=format!("{base}/{}", head.css)/>
                {head.versions.into_iter().map(|(lang, href)| view! {
                    <link rel="alternate" hreflang=lang.id() href=href/>
                }).collect_view()}
                // Without JavaScript, controls that need it are not shown at all.
                <noscript><style>".js-only{display:none!important}"</style></noscript>
                <script inner_html=CARE_SCRIPT></script>
                {loader}
                {boot.map(|json| view! { <script id="boot" type="application/json" inner_html=json></script> })}
            </head>
            <body>{body}</body>
        </html>
    }
}

/// A pre-rendered page: the whole page in the body, the boot data (without the static HTML it
/// already holds) for the islands, and the bundle its kind needs. Its islands show `shown`
/// (nothing for the pre-rendered files; a share link's checklist or a search when the server
/// renders one).
pub fn page_document(
    site: &SiteInfo,
    page: &PageData,
    description: String,
    assets: &Assets,
    shown: &Shown,
) -> Result<String, serde_json::Error> {
    let boot = Boot { site: site.clone(), page: page.without_static_html() };
    let boot = script_json(&boot)?;
    let bundle = assets.bundle(page.bundle()).map(|b| (b.js.clone(), b.wasm.clone()));
    let site_url = site.url.trim_end_matches('/');
    let versions = page
        .versions
        .iter()
        .flat_map(|v| [Lang::Zh, Lang::En].map(|lang| (lang, format!("{site_url}{}", v.href(lang)))));
    let head = Head {
        lang: page.lang,
        versions: versions.collect(),
        title: page.title.clone(),
        description,
        css: assets.css.clone(),
    };
    let (site, page, shown) = (site.clone(), page.clone(), shown.clone());
    let (lang, alternate) = (page.lang, page.versions.as_ref().map(|v| v.href(page.lang.other()).to_owned()));
    Ok(render(move || {
        provide_context(site);
        provide_context(lang);
        provide_context(crate::Alternate(alternate));
        document(
            head,
            bundle.map(|(js, wasm)| Bundle { js, wasm }),
            Some(boot),
            frame(crate::pages::page(&page, &shown)),
        )
    }))
}

/// A page the server answers with (a confirmation or an error): the same document and frame,
/// complete without any script.
pub fn answer_document<V: IntoView + 'static>(
    site: &SiteInfo,
    css: &str,
    lang: Lang,
    title: &str,
    main: impl FnOnce() -> V + 'static,
) -> String {
    server_document_in(lang, PageKind::Answer, site, css, title, main)
}

/// A document the server renders for one request (an answer page or a console page): the
/// site's frame, no script.
pub fn server_document<V: IntoView + 'static>(
    kind: PageKind,
    site: &SiteInfo,
    css: &str,
    title: &str,
    main: impl FnOnce() -> V + 'static,
) -> String {
    server_document_in(Lang::Zh, kind, site, css, title, main)
}

/// A document the server renders for one request, in `lang`.
fn server_document_in<V: IntoView + 'static>(
    lang: Lang,
    kind: PageKind,
    site: &SiteInfo,
    css: &str,
    title: &str,
    main: impl FnOnce() -> V + 'static,
) -> String {
    let head = Head {
        lang,
        versions: Vec::new(),
        title: format!("{title} - {}", site.name_in(lang)),
        description: lang.pick(site.description(), site.description_en()),
        css: css.to_owned(),
    };
    let site = site.clone();
    let class = kind.class();
    render(move || {
        provide_context(site);
        provide_context(lang);
        document(head, None, None, frame(view! { <div class=class>{main()}</div> }))
    })
}
