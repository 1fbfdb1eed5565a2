//! The heading and the promises above each form page.

use leptos::prelude::*;
use swg_model::{FormKind, Route};

#[component]
pub fn FormIntro(kind: FormKind) -> impl IntoView {
    let lead = match kind {
        FormKind::Book => {
            "选择窗口、事项和时间，填写预约人。预约成功后会给您预约码，凭预约码和手机号可以查询、改约或取消。"
        }
        FormKind::Manage => "输入预约码和预约时留的手机号。取消后，这个时段立即让给其他人。",
        FormKind::Feedback => {
            "投诉和咨询在 3 个工作日内答复（按国务院公布的节假日安排计算）。提交后会给您受理编号。"
        }
        FormKind::Track => "输入受理编号和提交时留的手机号，查看办理进度和答复。",
        FormKind::Stats => "以下数字直接来自系统数据库，每 30 秒更新一次；表格较宽时可左右滑动。",
    };
    view! {
        <nav class="crumbs" aria-label="位置"><a href=Route::Home.href()>"首页"</a></nav>
        <h1>{kind.title()}</h1>
        <p class="lead">{lead}</p>
    }
}
