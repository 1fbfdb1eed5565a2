//! The console's start: what is due, and each window's day list.

use leptos::prelude::*;
use swg_model::calendar::Date;
use swg_model::staff::{day_href, href, path, Me};

#[component]
pub(super) fn Home(
    me: Me,
    today: Date,
    overdue: u32,
    due_today: u32,
    unanswered: u32,
    handed_to_me: u32,
    open_cases: u32,
) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>"待答复"</dt><dd><a href=href(path::INBOX)>{format!("{unanswered} 件")}</a></dd>
            <dt>"其中已超期"</dt><dd>{format!("{overdue} 件")}</dd>
            <dt>"今天到期"</dt><dd>{format!("{due_today} 件")}</dd>
            <dt>"待接收的转交"</dt><dd>{format!("{handed_to_me} 件")}</dd>
            <dt>"未办结的差评整改"</dt><dd><a href=href(path::CASES)>{format!("{open_cases} 件")}</a></dd>
        </dl>
        <h2>"预约日程"</h2>
        <ul>
            {me.windows.into_iter().map(|(id, name)| view! { <li><a href=day_href(&id, today)>{name}</a></li> }).collect_view()}
        </ul>
    }
}
