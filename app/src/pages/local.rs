//! Where and when: a window's address, hours, duty arrangements and phones.

use super::mixed::Mixed;
use leptos::prelude::*;
use swg_model::tel_href;
use swg_model::{Lang, WindowLocal};

/// The locality's own facts are written in Chinese: an English page shows them as they are,
/// marked as Chinese, with English labels.
#[component]
pub fn WhereWhen(local: WindowLocal) -> impl IntoView {
    let lang = crate::lang();
    view! {
        <dl class="facts">
            <dt>{lang.pick("地址", "Address")}</dt>
            <dd><Mixed text=local.address/></dd>
            <dt>{lang.pick("办公时间", "Opening hours")}</dt>
            <dd>
                <ul class="plain">
                    {local.hours.into_iter().map(|h| view! {
                        <li>{format!("{} {}–{}", h.days_label_in(lang), h.open, h.close)}</li>
                    }).collect_view()}
                </ul>
            </dd>
            {local.lunch.map(|t| view! { <dt>{lang.pick("午间", "Lunch time")}</dt><dd><Mixed text=t/></dd> })}
            {local.extended.map(|t| view! { <dt>{lang.pick("延时服务", "Extra hours")}</dt><dd><Mixed text=t/></dd> })}
            {local.holiday.map(|t| view! { <dt>{lang.pick("节假日", "Public holidays")}</dt><dd><Mixed text=t/></dd> })}
            {local.booking.map(|b| {
                let text = match (lang, b.break_time) {
                    (Lang::Zh, pause) => format!(
                        "以上办公时间内每 {} 分钟一个时段，可约 {} 天内{}",
                        b.slot_minutes,
                        b.days_ahead,
                        pause.map(|(from, to)| format!("；{from}–{to} 不接受网上预约，可到窗口现场办理")).unwrap_or_default()
                    ),
                    (Lang::En, pause) => format!(
                        "A time slot every {} minutes within the hours above, up to {} days ahead{}",
                        b.slot_minutes,
                        b.days_ahead,
                        pause.map(|(from, to)| format!("; no appointments {from}–{to}, but you can come to the window")).unwrap_or_default()
                    ),
                };
                view! { <dt>{lang.pick("网上预约", "Appointments")}</dt><dd>{text}</dd> }
            })}
            <dt>{lang.pick("咨询电话", "Enquiries")}</dt>
            <dd><a href=tel_href(&local.phone)>{local.phone.clone()}</a></dd>
            <dt>{lang.pick("监督投诉", "Complaints")}</dt>
            <dd><a href=tel_href(&local.complaint_phone)>{local.complaint_phone.clone()}</a></dd>
        </dl>
    }
}
