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
            <a class="search-link" href=Route::Search.href()>"搜索"</a>
        </header>
        {site.example_data.then(|| view! {
            <p class="example-banner" role="note" lang=DEFAULT_LANG>
                "本站地址、电话、民警信息为示例数据，部署单位替换 content/site.toml 后生效。"
            </p>
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
            <p class="source">"内容来源："{site.source.clone()}</p>
        </footer>
    }
}
