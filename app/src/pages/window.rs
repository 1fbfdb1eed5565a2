//! A window page: what it handles, where and when, officers on duty, commitments, your rights.

use super::local::WhereWhen;
use leptos::prelude::*;
use swg_model::form::FieldName;
use swg_model::tel_href;
use swg_model::{Route, WindowPage as Data};

/// The top of a window page: its name, what it handles, the call button.
#[component]
pub fn WindowHead(data: Data) -> impl IntoView {
    view! {
        <nav class="crumbs" aria-label="位置"><a href=Route::Home.href()>"首页"</a></nav>
        <h1>{data.name.clone()}</h1>
        <p class="lead">{data.summary.clone()}</p>
        {data.call.clone().map(|number| view! {
            <a class="call" href=tel_href(&number)>{format!("立即拨打 {number}")}</a>
        })}
    }
}

/// The rest of a window page, below the open-now line.
#[component]
pub fn WindowRest(data: Data) -> impl IntoView {
    let officers = data.local.officers.clone();
    view! {
        <p class="actions">
            {data.local.booking.is_some().then(|| view! {
                <a class="button js-only" href=Route::Book.href_with(&[(FieldName::Window.id(), &data.id)])>"网上预约"</a>
                <noscript><a class="button" href=swg_model::route::plain_booking_href(&data.id, "")>"网上预约"</a></noscript>
            })}
            <a class="button secondary" href=Route::Feedback.href_with(&[(FieldName::Window.id(), &data.id)])>"意见反馈、评价"</a>
        </p>
        <section aria-labelledby="guides">
            <h2 id="guides">"办事指南"</h2>
            <ul class="links big">
                {data.services.iter().map(|s| view! {
                    <li><a href=Route::Service(s.id.clone()).href()>{s.title.clone()}</a></li>
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="where">
            <h2 id="where">"地址与办公时间"</h2>
            <WhereWhen local=data.local.clone()/>
        </section>
        <div class="prose" inner_html=data.body_html.clone()></div>
        <section aria-labelledby="officers">
            <h2 id="officers">"警务公开：今日在岗"</h2>
            <ul class="officers">
                {officers.into_iter().map(|o| view! {
                    <li>
                        <span class="photo" aria-hidden="true">{o.name.chars().next().map(String::from).unwrap_or_default()}</span>
                        <span><strong>{o.name}</strong>{o.example.then_some("（示例人员）")}<br/>{format!("警号 {} · {}", o.number, o.role)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="commitments">
            <h2 id="commitments">"服务承诺"</h2>
            <dl class="commitments">
                {data.commitments.iter().map(|c| view! { <dt>{c.name.clone()}</dt><dd>{c.text.clone()}</dd> }).collect_view()}
            </dl>
            {(!data.local.commitments.is_empty()).then(|| view! {
                <h3>"本地承诺"</h3>
                <p class="hint">"以下是本地公安机关自己的承诺，不是全国统一的规定。"</p>
                <dl class="commitments local">
                    {data.local.commitments.iter().map(|c| view! { <dt>{c.name.clone()}</dt><dd>{c.text.clone()}</dd> }).collect_view()}
                </dl>
            })}
        </section>
        <section aria-labelledby="rights">
            <h2 id="rights">"您的权利"</h2>
            <ul class="rights">
                {data.rights.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
            </ul>
            <p>"遇到以上情况，请拨打本窗口监督电话 "<a href=tel_href(&data.local.complaint_phone)>{data.local.complaint_phone.clone()}</a>" 或 12389。"</p>
        </section>
    }
}
