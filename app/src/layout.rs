//! The header (with search entry and example-data banner) and footer of every page, always
//! in Chinese whatever the language of the page.

use leptos::prelude::*;
use swg_model::{tel_href, Route, SiteInfo, DEFAULT_LANG};

#[component]
pub fn Header() -> impl IntoView {
    let site = expect_context::<SiteInfo>();
    view! {
        <header class="top" lang=DEFAULT_LANG>
            <a class="brand" href=Route::Home.href()>{site.name.clone()}</a>
            <span class="top-actions">
                <button type="button" class="care-toggle js-only" aria-pressed="false">"长辈版"</button>
                <a class="search-link" href=Route::Search.href()>"搜索"</a>
            </span>
        </header>
        {site.example_data.then(|| view! {
            <aside class="example-banner" aria-label="示例网站说明" lang=DEFAULT_LANG>
                "这是示例网站：页面上的地址、电话和民警信息是虚构的，办事请以当地公安机关公布的为准。"
            </aside>
        })}
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let site = expect_context::<SiteInfo>();
    let supervision = tel_href(&site.supervision_phone);
    view! {
        <footer class="bottom" lang=DEFAULT_LANG>
            <p>{site.organisation.clone()}</p>
            <p>"监督电话："<a href=supervision>{site.supervision_phone.clone()}</a>" · 公安机关举报投诉电话 "<a href="tel:12389">"12389"</a></p>
            <p class="source">"内容来源："{site.source.clone()}" · "<a href=Route::Changes.href()>"最近更新"</a></p>
        </footer>
    }
}
