//! A life event (一件事一次办): what it covers above its plan and merged checklist, and where the
//! bundle comes from below.

use leptos::prelude::*;
use swg_model::event::EventPage as Data;
use swg_model::Route;

#[component]
pub fn EventHead(data: Data) -> impl IntoView {
    view! {
        <nav class="crumbs no-print" aria-label="位置">
            <a href=Route::Home.href()>"首页"</a>" › 按事办"
        </nav>
        <h1>{data.title.clone()}</h1>
        <p class="lead">{data.summary.clone()}</p>
        {data.uncertain.clone().map(|u| view! { <p class="notice" role="note">{u}</p> })}
        <noscript><p class="notice">"下面按最常见的情况列出。每项事情的其他情况，请打开它的办事指南查看。"</p></noscript>
    }
}

#[component]
pub fn EventRest(data: Data) -> impl IntoView {
    view! {
        <div class="prose" inner_html=data.body_html.clone()></div>
        <p class="source">{format!("内容来源：{}。最近核对：{}。各项的材料、时限和收费见各自的办事指南。", data.source, data.reviewed)}</p>
    }
}
