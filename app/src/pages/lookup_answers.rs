//! The server's answers to the plain look-up forms: a booking found (with cancelling, asked
//! first) and feedback's progress, for browsers without JavaScript.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use swg_model::api::{path, Booking, BookingStatus, FeedbackReceipt};
use swg_model::form::FieldName;
use swg_model::route::base_path;
use swg_model::Route;

/// Where a plain booking look-up stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupStep {
    /// The booking as found, with a button to cancel it.
    Shown,
    /// Cancelling asked for: the question before anything is done.
    Ask,
    Cancelled,
}

impl LookupStep {
    pub fn heading(self) -> &'static str {
        match self {
            LookupStep::Shown => "您的预约",
            LookupStep::Ask => "确定取消这个预约吗？",
            LookupStep::Cancelled => "预约已取消",
        }
    }
}

/// A form back to the look-up with the same code and phone, and `cancel` set as given.
fn lookup_form(
    code: String,
    phone: String,
    cancel: &'static str,
    label: &'static str,
    primary: bool,
) -> impl IntoView {
    view! {
        <form class="inline-form" method="post" action=format!("{}{}", base_path(), path::FORM_LOOKUP)>
            <input type="hidden" name=FieldName::Code.id() value=code/>
            <input type="hidden" name=FieldName::Phone.id() value=phone/>
            <input type="hidden" name="cancel" value=cancel/>
            <button type="submit" class=if primary { "button" } else { "button secondary" }>{label}</button>
        </form>
    }
}

#[component]
pub fn Found(heading: String, booking: Booking, phone: String, step: LookupStep) -> impl IntoView {
    let b = booking;
    let when = format!("{} {}–{}", b.day.label(), b.slot, b.slot_end);
    let active = b.status == BookingStatus::Booked;
    let actions = match (step, active) {
        (LookupStep::Ask, true) => Some(EitherOf3::A(view! {
            <p class="notice" role="alert">{format!("取消后，{when} 的名额会让给其他人。")}</p>
            <div class="actions">
                {lookup_form(b.code.clone(), phone.clone(), "yes", "确定取消", true)}
                {lookup_form(b.code.clone(), phone.clone(), "", "不取消，返回", false)}
            </div>
        })),
        (_, true) => Some(EitherOf3::B(view! {
            <div class="actions">{lookup_form(b.code.clone(), phone.clone(), "ask", "取消预约", false)}</div>
            <p class="hint">{format!("改约请用开启 JavaScript 的浏览器打开“预约查询”，或拨打窗口电话 {}。", b.window_phone)}</p>
        })),
        (LookupStep::Cancelled, false) => Some(EitherOf3::C(
            view! { <p class="notice" role="status">"已取消，这个时段已经让给其他人。"</p> },
        )),
        _ => None,
    };
    view! {
        <h1>{heading}</h1>
        <dl class="facts">
            <dt>"状态"</dt><dd>{b.status.label()}</dd>
            <dt>"预约码"</dt><dd>{b.code.clone()}</dd>
            <dt>"事项"</dt><dd>{b.service_title.clone()}</dd>
            <dt>"时间"</dt><dd>{when.clone()}</dd>
            <dt>"地点"</dt><dd>{format!("{} · {}", b.window_name, b.address)}</dd>
            <dt>"预约人"</dt><dd>{format!("{} · {}", b.name, b.phone)}</dd>
        </dl>
        {actions}
        <p><a href=Route::Manage.href()>"查询另一个预约"</a></p>
    }
}

#[component]
pub fn Tracked(heading: String, receipt: FeedbackReceipt) -> impl IntoView {
    let r = receipt;
    let anonymous = r.phone.is_empty();
    let case = r.case.clone().map(|c| {
        let call = if anonymous {
            "没留手机号，不电话回访；整改结果在这里查看".to_owned()
        } else {
            format!(
                "{} 前电话回访{}",
                c.contact_due.label(),
                c.contacted_on.map(|d| format!("（{} 已回访）", d.label())).unwrap_or_default()
            )
        };
        let result =
            c.closed_on.map_or_else(|| "整改中".to_owned(), |d| format!("{} 办结：{}", d.label(), c.fix));
        view! {
            <h2>"差评整改"</h2>
            <dl class="facts">
                <dt>"回访"</dt><dd>{call}</dd>
                <dt>"整改期限"</dt><dd>{c.fix_due.label()}</dd>
                <dt>"整改结果"</dt><dd>{result}</dd>
            </dl>
        }
    });
    view! {
        <h1>{heading}</h1>
        <dl class="facts">
            <dt>"受理编号"</dt><dd>{r.tracking.clone()}</dd>
            <dt>"类型"</dt><dd>{r.kind.label()}</dd>
            <dt>"窗口"</dt><dd>{r.window_name.clone()}</dd>
            <dt>"状态"</dt><dd><strong>{r.status.label()}</strong></dd>
            <dt>"受理日期"</dt><dd>{r.filed_on.label()}</dd>
            {r.due_on.map(|d| view! { <dt>"答复期限"</dt><dd>{d.label()}</dd> })}
            <dt>"答复"</dt><dd>{r.reply.clone().unwrap_or_else(|| "尚未答复".to_owned())}</dd>
            {r.answered_on.map(|d| view! { <dt>"答复日期"</dt><dd>{d.label()}</dd> })}
        </dl>
        {case}
        <p><a href=Route::Track.href()>"查询另一个编号"</a></p>
    }
}
