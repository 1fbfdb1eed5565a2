//! 差评 cases: each with its call-back and rectification deadlines, overdue first.

use leptos::prelude::*;
use swg_model::staff::{feedback_href, CaseRow};

#[component]
pub(super) fn Cases(cases: Vec<CaseRow>) -> impl IntoView {
    if cases.is_empty() {
        return leptos::either::Either::Left(view! { <p>"没有差评整改案件。"</p> });
    }
    leptos::either::Either::Right(view! {
        <ul class="console-list">
            {cases.into_iter().map(|c| {
                let state = match (c.contacted_on, c.closed_on) {
                    (_, Some(d)) => format!("{} 办结", d.label()),
                    (Some(_), None) => format!("已回访 · {} 前整改", c.fix_due.label()),
                    (None, None) => format!("{} 前回访", c.contact_due.label()),
                };
                view! {
                    <li class:overdue=c.overdue>
                        <a href=feedback_href(&c.tracking)><span class="code">{c.tracking.clone()}</span></a>
                        <br/><small>{format!("{} · {} 起 · {}{}", c.window_name, c.opened_on.label(), if c.overdue { "已超期 · " } else { "" }, state)}</small>
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}
