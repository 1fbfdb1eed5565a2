//! The heading and the promises above each form page.

use leptos::prelude::*;
use swg_model::{FormKind, Route};

#[component]
pub fn FormIntro(kind: FormKind) -> impl IntoView {
    let lang = crate::lang();
    let lead = match kind {
        FormKind::Book => lang.pick(
            "选择窗口、事项和时间，填写预约人。预约成功后会给您预约码，凭预约码和手机号可以查询、改约或取消。",
            "Choose the window, the service and a time, and give your details. You get a booking code: with it and your mobile number you can find, change or cancel the booking.",
        ),
        FormKind::Manage => lang.pick(
            "输入预约码和预约时留的手机号。取消后，这个时段立即让给其他人。",
            "Enter the booking code and the mobile number you gave. A cancelled time is free for others to book at once.",
        ),
        FormKind::Feedback => lang.pick(
            "投诉和咨询在 3 个工作日内答复（按国务院公布的节假日安排计算）。提交后会给您受理编号。",
            "Complaints and questions are answered within 3 working days (public holidays as the State Council publishes them). You get a tracking number.",
        ),
        FormKind::Track => lang.pick(
            "输入受理编号和提交时留的手机号，查看办理进度和答复。",
            "Enter the tracking number and the mobile number you gave, to see the progress and the answer.",
        ),
        FormKind::Stats => "以下数字直接来自系统数据库，每 30 秒更新一次；表格较宽时可左右滑动。",
    };
    view! {
        <nav class="crumbs" aria-label=lang.pick("位置", "You are here")><a href=Route::Home.in_lang(lang).href()>{lang.pick("首页", "Home")}</a></nav>
        <h1>{kind.title_in(lang)}</h1>
        <p class="lead">{lead}</p>
    }
}
