//! 办理进度查询: the status of feedback and the bureau's reply, by tracking number and phone
//! (or, for feedback filed without a phone, the 查询码 on its receipt).

use super::widgets::{field_error, Field, Problem};
use crate::client::{self, Failed};
use leptos::prelude::*;
use swg_model::api::{path, FeedbackLookup, FeedbackReceipt};
use swg_model::form::FieldName;

#[component]
pub fn Track() -> impl IntoView {
    let (tracking, phone) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let found = RwSignal::new(None::<FeedbackReceipt>);
    let failed = RwSignal::new(None::<Failed>);
    let local = RwSignal::new(Vec::<(FieldName, String)>::new());
    let find = move |_| {
        let body = FeedbackLookup { tracking: tracking.get_untracked(), phone: phone.get_untracked() };
        leptos::task::spawn_local(async move {
            match client::post::<_, FeedbackReceipt>(path::FEEDBACK_LOOKUP, &body).await {
                Ok(r) => {
                    failed.set(None);
                    found.set(Some(r));
                }
                Err(f) => {
                    found.set(None);
                    failed.set(Some(f));
                }
            }
        });
    };
    let err = move |f: FieldName| field_error(local, failed, f);
    view! {
        <form class="flow" on:submit=|ev| ev.prevent_default()>
            <Field label="受理编号" name=FieldName::Tracking value=tracking error=err(FieldName::Tracking) hint="例如 F20260918-ABC123"/>
            <Field label="手机号码或查询码" name=FieldName::Phone value=phone error=err(FieldName::Phone) hint="提交时留的手机号；没留手机号的，填回执上的 8 位查询码"/>
            <button type="button" class="button" on:click=find>"查询"</button>
            <Problem failed=failed phone=Signal::derive(String::new)/>
            {move || found.get().map(|r| view! {
                <dl class="facts" role="status">
                    <dt>"类型"</dt><dd>{r.kind.label()}</dd>
                    <dt>"窗口"</dt><dd>{r.window_name.clone()}</dd>
                    <dt>"状态"</dt><dd><strong>{r.status.label()}</strong></dd>
                    <dt>"受理日期"</dt><dd>{r.filed_on.label()}</dd>
                    {r.due_on.map(|d| view! { <dt>"答复期限"</dt><dd>{d.label()}</dd> })}
                    <dt>"答复"</dt><dd>{r.reply.clone().unwrap_or_else(|| "尚未答复".to_owned())}</dd>
                </dl>
            })}
        </form>
    }
}
