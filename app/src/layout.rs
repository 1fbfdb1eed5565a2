//! The header (with search entry, 长辈版 and language switch, and the example-data banner) and
//! footer of every page, in the page's language.

use crate::Alternate;
use leptos::prelude::*;
use swg_model::{tel_href, Route, SiteInfo};

#[component]
pub fn Header() -> impl IntoView {
    let site = expect_context::<SiteInfo>();
    let lang = crate::lang();
    let other = lang.other();
    let switch =
        use_context::<Alternate>().and_then(|a| a.0).unwrap_or_else(|| Route::Home.in_lang(other).href());
    let (care_off, care_on) = (lang.pick("长辈版", "Large text"), lang.pick("标准版", "Standard text"));
    view! {
        <header class="top" lang=lang.id()>
            <a class="brand" href=Route::Home.in_lang(lang).href()>{site.name_in(lang).to_owned()}</a>
            <span class="top-actions">
                <button type="button" class="care-toggle js-only" aria-pressed="false" data-off=care_off data-on=care_on>
                    {care_off}
                </button>
                <a class="search-link" href=Route::Search.in_lang(lang).href()>{lang.pick("搜索", "Search")}</a>
                <a class="lang-switch" href=switch hreflang=other.id() lang=other.id()>{other.own_name()}</a>
            </span>
            // Filled in by the app: "离线浏览中" without a network, "内容已更新" after a new deploy.
            <p id="net-status" class="net-status" role="status"></p>
        </header>
        {site.example_data.then(|| view! {
            <aside class="example-banner" aria-label=lang.pick("示例网站说明", "About this example site") lang=lang.id()>
                {lang.pick(
                    "这是示例网站：页面上的地址、电话和民警信息是虚构的，办事请以当地公安机关公布的为准。",
                    "This is an example site: the addresses, phone numbers and officers on it are invented. Rely on what your local public security bureau publishes.",
                )}
            </aside>
        })}
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let site = expect_context::<SiteInfo>();
    let lang = crate::lang();
    let supervision = tel_href(&site.supervision_phone);
    let organisation = site.organisation_in(lang).to_owned();
    let source = site.source_in(lang).to_owned();
    view! {
        <footer class="bottom" lang=lang.id()>
            <p>{organisation}</p>
            <p>
                {lang.pick("监督电话：", "Supervision phone: ")}<a href=supervision>{site.supervision_phone.clone()}</a>
                {lang.pick(" · 公安机关举报投诉电话 ", " · Public security complaints ")}<a href="tel:12389">"12389"</a>
            </p>
            <p class="source">
                {lang.pick("内容来源：", "Sources: ")}{source}
                {(lang == swg_model::Lang::Zh).then(|| view! { " · "<a href=Route::Changes.href()>"最近更新"</a> })}
            </p>
        </footer>
    }
}
