//! The 404 page.

use leptos::prelude::*;
use swg_model::Route;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>"页面不存在"</h1>
        <p>"您要找的页面不存在或已经移动。"</p>
        <p><a class="button" href=Route::Home.href()>"回到首页"</a>" "<a class="button secondary" href=Route::Search.href()>"搜索办事指南"</a></p>
    }
}
