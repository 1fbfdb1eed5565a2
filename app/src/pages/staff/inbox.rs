//! The inbox: overdue first, then due today, then the rest, each with its deadline.

use leptos::prelude::*;
use swg_model::staff::{feedback_href, InboxItem};

#[component]
pub(super) fn Inbox(items: Vec<InboxItem>) -> impl IntoView {
    if items.is_empty() {
        return leptos::either::Either::Left(view! { <p>"没有待办的意见。"</p> });
    }
    leptos::either::Either::Right(view! {
        <ul class="console-list">
            {items.into_iter().map(|i| {
                let flag = if i.overdue { "已超期 · " } else if i.due_today { "今天到期 · " } else { "" };
                let due = i.due_on.map_or_else(|| "无需答复".to_owned(), |d| format!("{} 前答复", d.label()));
                let rating = (i.rating > 0).then(|| format!(" · {} 星", i.rating));
                view! {
                    <li class:overdue=i.overdue>
                        <a href=feedback_href(&i.tracking)><strong>{format!("{flag}{}", i.kind.label())}</strong>" "<span class="code">{i.tracking.clone()}</span></a>
                        <br/><small>{format!("{} · {} 受理 · {due} · {}", i.window_name, i.filed_on.label(), i.status.label())}{rating}
                        {i.handed_to.map(|w| format!(" · 待 {w} 接收"))}</small>
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}
