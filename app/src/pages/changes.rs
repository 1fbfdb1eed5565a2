//! 最近更新: what changed in which guide and when, newest first, so citizens and staff can see
//! when a rule changed.

use leptos::prelude::*;
use swg_model::{ChangeEntry, Route};

#[component]
pub fn ChangesPage(entries: Vec<ChangeEntry>) -> impl IntoView {
    view! {
        <nav class="crumbs" aria-label="位置"><a href=Route::Home.href()>"首页"</a></nav>
        <h1>"最近更新"</h1>
        <p class="lead">"办事指南里的规定、材料、收费或时限有变化时记在这里。去窗口前，请看一眼您要办的事有没有更新。"</p>
        {if entries.is_empty() {
            leptos::either::Either::Left(view! { <p>"还没有更新记录。"</p> })
        } else {
            leptos::either::Either::Right(view! {
                <ol class="changes plain">
                    {entries.into_iter().map(|e| view! {
                        <li>
                            <time datetime=e.date.clone()>{e.date.clone()}</time>" · "
                            <a href=Route::Service(e.guide.id.clone()).href()>{e.guide.title.clone()}</a>
                            <p>{e.what}</p>
                        </li>
                    }).collect_view()}
                </ol>
            })
        }}
    }
}
