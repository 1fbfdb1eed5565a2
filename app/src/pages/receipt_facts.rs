//! A feedback's progress as facts (kind, window, status, dates, the answer): the same on the
//! look-up island and on the server's answer page for browsers without JavaScript.

use super::mixed::Mixed;
use leptos::prelude::*;
use swg_model::api::FeedbackReceipt;

/// `with_tracking` lists the tracking number first (the answer page, where it was typed);
/// `live` announces the facts when they appear (the island).
#[component]
pub fn ReceiptFacts(r: FeedbackReceipt, with_tracking: bool, live: bool) -> impl IntoView {
    let lang = crate::lang();
    let tracking = with_tracking.then(|| {
        view! { <dt>{lang.pick("受理编号", "Tracking number")}</dt><dd>{r.tracking.clone()}</dd> }
    });
    let reply = r.reply.clone().unwrap_or_else(|| lang.pick("尚未答复", "No answer yet").to_owned());
    view! {
        <dl class="facts" role=live.then_some("status")>
            {tracking}
            <dt>{lang.pick("类型", "Type")}</dt><dd>{r.kind.label_in(lang)}</dd>
            <dt>{lang.pick("窗口", "Window")}</dt><dd><Mixed text=r.window_name.clone()/></dd>
            <dt>{lang.pick("状态", "Status")}</dt><dd><strong>{r.status.label_in(lang)}</strong></dd>
            <dt>{lang.pick("受理日期", "Received on")}</dt><dd>{r.filed_on.label_in(lang)}</dd>
            {r.due_on.map(|d| view! { <dt>{lang.pick("答复期限", "Answer due by")}</dt><dd>{d.label_in(lang)}</dd> })}
            <dt>{lang.pick("答复", "Answer")}</dt><dd><Mixed text=reply/></dd>
            {r.answered_on.map(|d| view! { <dt>{lang.pick("答复日期", "Answered on")}</dt><dd>{d.label_in(lang)}</dd> })}
        </dl>
    }
}
