//! Home page: every window type, each one tap away, its guides two taps away.

use leptos::prelude::*;
use swg_model::{EventLink, HomePage as Data, Lang, Route};

/// The top of the home page: what the site is for, the search box, the services and the life
/// events (按事办), before the windows' hours.
#[component]
pub fn HomeTop(events: Vec<EventLink>) -> impl IntoView {
    let lang = crate::lang();
    view! {
        <h1>{lang.pick("到窗口办事，一次带齐", "Bring everything on your first visit")}</h1>
        <p class="lead">{lang.pick(
            "选择要去的窗口，查看办事指南和材料清单。出门前对照清单逐项打勾，第一次去就能办成。",
            "Choose a guide and see exactly what to bring, the steps, time limits and fees. Tick each item on the checklist before you leave, and get it done on your first visit.",
        )}</p>
        {(lang == Lang::En).then(|| view! {
            <p class="notice" role="note">
                "In English: the exit-entry window (passports, permits for Hong Kong, Macao and Taiwan, residence permits for foreign nationals), its appointments and feedback. The other windows are in Chinese: "
                <a href=Route::Home.href() hreflang="zh-CN">"Chinese home page ("<span lang="zh-CN">"中文首页"</span>")"</a>"."
            </p>
        })}
        <form class="search" role="search" action=Route::Search.in_lang(lang).href() method="get">
            <label for="home-q">{lang.pick("要办什么事？", "What do you need to do?")}</label>
            <div class="search-row">
                <input id="home-q" name="q" type="search" placeholder=lang.pick("例如：身份证丢了、车子过户", "For example: renew passport")/>
                <button type="submit" class="button">{lang.pick("搜索", "Search")}</button>
            </div>
        </form>
        <HomeServices lang=lang/>
        <HomeEvents events=events/>
    }
}

/// 按事办: one card per life event, each with one merged checklist.
#[component]
fn HomeEvents(events: Vec<EventLink>) -> impl IntoView {
    (!events.is_empty()).then(|| {
        view! {
            <h2 id="by-event">"按事办"</h2>
            <p class="hint">"一件事要跑几个窗口的，这里把各项合成一张材料清单，告诉您先去哪、后去哪。"</p>
            <ul class="cards events">
                {events.into_iter().map(|e| view! {
                    <li class="card">
                        <a class="card-title" href=Route::Event(e.id).href()>{e.title}</a>
                        <p>{e.summary}</p>
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

/// The site's services (appointments, feedback, look-ups; the figures on the Chinese page).
#[component]
fn HomeServices(lang: Lang) -> impl IntoView {
    let to = |route: Route| route.in_lang(lang).href();
    view! {
        <ul class="services" aria-label=lang.pick("办事服务", "Services")>
            <li><a class="button" href=to(Route::Book)>{lang.pick("网上预约", "Book an appointment")}</a></li>
            <li><a class="button secondary" href=to(Route::Manage)>{lang.pick("查询、改约、取消预约", "Find, change or cancel a booking")}</a></li>
            <li><a class="button secondary" href=to(Route::Feedback)>{lang.pick("投诉、建议、表扬、咨询", "Complaints, suggestions, praise, questions")}</a></li>
            <li><a class="button secondary" href=to(Route::Track)>{lang.pick("查询办理进度", "Track your feedback")}</a></li>
            {(lang == Lang::Zh).then(|| view! { <li><a class="button secondary" href=Route::Stats.href()>"服务评价公开"</a></li> })}
        </ul>
    }
}

/// Every window type, each one tap away, its guides two taps away.
#[component]
pub fn HomeCards(data: Data) -> impl IntoView {
    let lang = crate::lang();
    let heading = (!data.events.is_empty()).then(|| view! { <h2 id="by-window">"按窗口办"</h2> });
    view! {
        {heading}
        <ul class="cards">
            {data.windows.into_iter().map(|w| view! {
                <li class="card">
                    <a class="card-title" href=Route::Window(w.id.clone()).in_lang(lang).href()>{w.name}</a>
                    <p>{w.summary}</p>
                    <details>
                        <summary>{lang.pick(format!("{} 项办事指南", w.services.len()), format!("{} guides", w.services.len()))}</summary>
                        <ul class="links">
                            {w.services.into_iter().map(|s| view! {
                                <li><a href=Route::Service(s.id).in_lang(lang).href()>{s.title}</a></li>
                            }).collect_view()}
                        </ul>
                    </details>
                </li>
            }).collect_view()}
        </ul>
    }
}
