//! Search page: filters every window and guide as the citizen types; lists them all without JS.

use leptos::either::Either;
use leptos::prelude::*;
use swg_model::search::search;
use swg_model::{Route, SearchEntry};

#[component]
pub fn Search(entries: Vec<SearchEntry>) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let entries = StoredValue::new(entries);
    Effect::new(move |_| {
        let search = window().location().search().unwrap_or_default();
        let q = search.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix("q="));
        if let Some(q) = q.and_then(|q| js_sys::decode_uri_component(&q.replace('+', " ")).ok()) {
            query.set(q.into());
        }
    });
    view! {
        <h1>"搜索办事指南"</h1>
        <form class="search" role="search" action=Route::Search.href() method="get" on:submit=|ev| ev.prevent_default()>
            <label for="q">"要办什么事？"</label>
            <input id="q" name="q" type="search" placeholder="例如：身份证、护照、过户"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))/>
        </form>
        {move || {
            let q = query.get();
            if q.trim().is_empty() {
                Either::Left(view! {
                    <h2>"全部窗口和指南"</h2>
                    <ul class="links">
                        {entries.with_value(|e| e.iter().map(|e| view! {
                            <li><a href=e.href.clone()>{e.title.clone()}</a>" "<small>{e.context.clone()}</small></li>
                        }).collect_view())}
                    </ul>
                })
            } else {
                let hits: Vec<_> = entries.with_value(|e| search(e, &q).into_iter().cloned().collect());
                // Nothing found: the windows to look through instead, and who to ask.
                let (shown, status) = if hits.is_empty() {
                    let windows = entries.with_value(|e| e.iter().filter(|e| matches!(Route::from_location(&e.href), Route::Window(_))).cloned().collect());
                    (windows, format!("没有找到「{}」。可以换个说法，只写关键词（例如：身份证、户口、驾驶证、护照），或在下面的窗口里找；也可以拨打页面底部的监督电话咨询。", q.trim()))
                } else {
                    let found = format!("找到 {} 项", hits.len());
                    (hits, found)
                };
                Either::Right(view! {
                    <p role="status">{status}</p>
                    <ul class="links">
                        {shown.into_iter().map(|e| view! {
                            <li><a href=e.href>{e.title}</a>" "<small>{e.context}</small></li>
                        }).collect_view()}
                    </ul>
                })
            }
        }}
    }
}
