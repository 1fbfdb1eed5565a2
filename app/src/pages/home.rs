//! Home page: every window type, each one tap away, its guides two taps away.

use leptos::prelude::*;
use swg_model::{HomePage as Data, Route};

/// The top of the home page: what the site is for, the search box and the services.
#[component]
pub fn HomeTop() -> impl IntoView {
    view! {
        <h1>"到窗口办事，一次带齐"</h1>
        <p class="lead">"选择要去的窗口，查看办事指南和材料清单。出门前对照清单逐项打勾，第一次去就能办成。"</p>
        <form class="search" role="search" action=Route::Search.href() method="get">
            <label for="home-q">"要办什么事？"</label>
            <div class="search-row">
                <input id="home-q" name="q" type="search" placeholder="例如：身份证丢了、车子过户"/>
                <button type="submit" class="button">"搜索"</button>
            </div>
        </form>
        <ul class="services" aria-label="办事服务">
            <li><a class="button" href=Route::Book.href()>"网上预约"</a></li>
            <li><a class="button secondary" href=Route::Manage.href()>"查询、改约、取消预约"</a></li>
            <li><a class="button secondary" href=Route::Feedback.href()>"投诉、建议、表扬、咨询"</a></li>
            <li><a class="button secondary" href=Route::Track.href()>"查询办理进度"</a></li>
            <li><a class="button secondary" href=Route::Stats.href()>"服务评价公开"</a></li>
        </ul>
    }
}

/// Every window type, each one tap away, its guides two taps away.
#[component]
pub fn HomeCards(data: Data) -> impl IntoView {
    view! {
        <ul class="cards">
            {data.windows.into_iter().map(|w| view! {
                <li class="card">
                    <a class="card-title" href=Route::Window(w.id.clone()).href()>{w.name}</a>
                    <p>{w.summary}</p>
                    <details>
                        <summary>{format!("{} 项办事指南", w.services.len())}</summary>
                        <ul class="links">
                            {w.services.into_iter().map(|s| view! {
                                <li><a href=Route::Service(s.id).href()>{s.title}</a></li>
                            }).collect_view()}
                        </ul>
                    </details>
                </li>
            }).collect_view()}
        </ul>
    }
}
