//! Search page: finds guides as citizens ask for them, as they type; without a hit it suggests
//! close matches, the A–Z list and who to call. Without JavaScript the server answers `?q=`
//! with the same component, and the A–Z list is always there.

use leptos::either::Either;
use leptos::prelude::*;
use swg_model::search::Searcher;
use swg_model::{Lang, Route, SearchEntry, SearchPage};

/// The national enquiry line for government services.
const ENQUIRY_PHONE: &str = "12345";

/// `initial`: the query the page is rendered with (the server's answer to `?q=`).
#[component]
pub fn Search(index: SearchPage, #[prop(optional)] initial: String) -> impl IntoView {
    let query = RwSignal::new(initial);
    // Prepared once: each keystroke then costs only the query's own work.
    let searcher = StoredValue::new(Searcher::new(index));
    Effect::new(move |_| {
        let search = window().location().search().unwrap_or_default();
        let q = search.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix("q="));
        if let Some(q) = q.and_then(|q| js_sys::decode_uri_component(&q.replace('+', " ")).ok()) {
            query.set(q.into());
        }
    });
    let lang = crate::lang();
    let a_to_z =
        move || searcher.with_value(|s| view! { <AToZ entries=s.page().entries.clone() lang=lang/> });
    view! {
        <h1>{lang.pick("搜索办事指南", "Search the guides")}</h1>
        <form class="search" role="search" action=Route::Search.in_lang(lang).href() method="get" on:submit=|ev| ev.prevent_default()>
            <label for="q">{lang.pick("要办什么事？用您自己的话说就行", "What do you need to do? Say it in your own words")}</label>
            <input id="q" name="q" type="search" placeholder=lang.pick("例如：身份证丢了、车子过户、考驾照", "For example: renew passport, visa extension")
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))/>
            <noscript><button type="submit" class="button">{lang.pick("搜索", "Search")}</button></noscript>
        </form>
        {move || {
            let q = query.get();
            if q.trim().is_empty() {
                return Either::Left(a_to_z());
            }
            let (hits, close) = searcher.with_value(|s| {
                let found = s.search(&q);
                (found.hits.into_iter().cloned().collect::<Vec<_>>(), found.close.into_iter().cloned().collect::<Vec<_>>())
            });
            Either::Right(if hits.is_empty() {
                Either::Left(view! {
                    <p role="status">{lang.pick(format!("没有找到「{}」。", q.trim()), format!("Nothing found for “{}”.", q.trim()))}</p>
                    {(!close.is_empty()).then(|| view! {
                        <h2>{lang.pick("您是不是要找", "Did you mean")}</h2>
                        <Hits entries=close/>
                    })}
                    <p>{lang.pick(
                        format!("也可以换个说法，只写关键词（例如：身份证、户口、驾驶证、护照）；或拨打 {ENQUIRY_PHONE} 政务服务便民热线，或各窗口页面上的咨询电话问一问。"),
                        format!("Try other words, or just a key word (for example: passport, visa, Hong Kong); or call the {ENQUIRY_PHONE} government service hotline, or the enquiry phone on the window's page."),
                    )}</p>
                    {a_to_z()}
                })
            } else {
                Either::Right(view! {
                    <p role="status">{lang.pick(format!("找到 {} 项", hits.len()), format!("Found {}", hits.len()))}</p>
                    <Hits entries=hits/>
                })
            })
        }}
    }
}

#[component]
fn Hits(entries: Vec<SearchEntry>) -> impl IntoView {
    view! {
        <ul class="links">
            {entries.into_iter().map(|e| view! { <li><a href=e.href>{e.title}</a>" "<small>{e.context}</small></li> }).collect_view()}
        </ul>
    }
}

/// Every guide by the first letter of its pinyin (the id is its pinyin; in English, of its
/// title), then the windows.
#[component]
fn AToZ(entries: Vec<SearchEntry>, lang: Lang) -> impl IntoView {
    let mut guides: Vec<(char, SearchEntry)> = entries
        .iter()
        .filter_map(|e| match Route::from_location(&e.href).in_lang(Lang::Zh) {
            Route::Service(id) => {
                Some((lang.pick(&id, &e.title).chars().next()?.to_ascii_uppercase(), e.clone()))
            }
            _ => None,
        })
        .collect();
    guides.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.href.cmp(&b.1.href)));
    let mut letters: Vec<(char, Vec<SearchEntry>)> = Vec::new();
    for (letter, entry) in guides {
        match letters.last_mut() {
            Some((l, list)) if *l == letter => list.push(entry),
            _ => letters.push((letter, vec![entry])),
        }
    }
    let windows: Vec<SearchEntry> = entries
        .into_iter()
        .filter(|e| matches!(Route::from_location(&e.href).in_lang(Lang::Zh), Route::Window(_)))
        .collect();
    view! {
        <section aria-labelledby="a-to-z">
            <h2 id="a-to-z">{lang.pick("全部办事指南（按拼音 A–Z）", "All guides (A–Z)")}</h2>
            <p class="letters">{letters.iter().map(|(l, _)| view! { <a href=format!("#letter-{l}")>{l.to_string()}</a>" " }).collect_view()}</p>
            {letters.into_iter().map(|(letter, list)| view! {
                <h3 id=format!("letter-{letter}")>{letter.to_string()}</h3>
                <Hits entries=list/>
            }).collect_view()}
        </section>
        <section aria-labelledby="all-windows">
            <h2 id="all-windows">{lang.pick("按窗口找", "By window")}</h2>
            <Hits entries=windows/>
        </section>
    }
}
