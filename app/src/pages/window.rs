//! A window page: what it handles, where and when, officers on duty, commitments, your rights.

use super::local::WhereWhen;
use super::mixed::Mixed;
use leptos::prelude::*;
use swg_model::form::FieldName;
use swg_model::tel_href;
use swg_model::{Route, WindowPage as Data};

/// The top of a window page: its name, what it handles, the call button.
#[component]
pub fn WindowHead(data: Data) -> impl IntoView {
    let lang = crate::lang();
    view! {
        <nav class="crumbs" aria-label=lang.pick("位置", "You are here")><a href=Route::Home.in_lang(lang).href()>{lang.pick("首页", "Home")}</a></nav>
        <h1>{data.name.clone()}</h1>
        <p class="lead">{data.summary.clone()}</p>
        {data.call.clone().map(|number| view! {
            <a class="call" href=tel_href(&number)>{lang.pick(format!("立即拨打 {number}"), format!("Call {number} now"))}</a>
        })}
    }
}

/// The rest of a window page, below the open-now line.
#[component]
pub fn WindowRest(data: Data) -> impl IntoView {
    let officers = data.local.officers.clone();
    let lang = crate::lang();
    view! {
        <p class="actions">
            {data.local.booking.is_some().then(|| view! {
                <a class="button js-only" href=Route::Book.in_lang(lang).href_with(&[(FieldName::Window.id(), &data.id)])>{lang.pick("网上预约", "Book an appointment")}</a>
                <noscript><a class="button" href=swg_model::route::plain_booking_href(&data.id, "", lang)>{lang.pick("网上预约", "Book an appointment")}</a></noscript>
            })}
            <a class="button secondary" href=Route::Feedback.in_lang(lang).href_with(&[(FieldName::Window.id(), &data.id)])>{lang.pick("意见反馈、评价", "Feedback and ratings")}</a>
        </p>
        <section aria-labelledby="guides">
            <h2 id="guides">{lang.pick("办事指南", "Guides")}</h2>
            <ul class="links big">
                {data.services.iter().map(|s| view! {
                    <li><a href=Route::Service(s.id.clone()).in_lang(lang).href()>{s.title.clone()}</a></li>
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="where">
            <h2 id="where">{lang.pick("地址与办公时间", "Address and opening hours")}</h2>
            <WhereWhen local=data.local.clone()/>
        </section>
        <div class="prose" inner_html=data.body_html.clone()></div>
        <section aria-labelledby="officers">
            <h2 id="officers">{lang.pick("警务公开：今日在岗", "Officers on duty today")}</h2>
            <ul class="officers">
                {officers.into_iter().map(|o| view! {
                    <li>
                        <span class="photo" aria-hidden="true" lang="zh-CN">{o.name.chars().next().map(String::from).unwrap_or_default()}</span>
                        <span><strong><Mixed text=o.name/></strong>{o.example.then_some(lang.pick("（示例人员）", " (example)"))}<br/>
                            {lang.pick("警号 ", "Badge ")}{o.number}" · "<Mixed text=o.role/></span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="commitments">
            <h2 id="commitments">{lang.pick("服务承诺", "Our commitments")}</h2>
            <dl class="commitments">
                {data.commitments.iter().map(|c| view! { <dt>{c.name.clone()}</dt><dd>{c.text.clone()}</dd> }).collect_view()}
            </dl>
            {(!data.local.commitments.is_empty()).then(|| view! {
                <h3>{lang.pick("本地承诺", "Local commitments")}</h3>
                <p class="hint">{lang.pick("以下是本地公安机关自己的承诺，不是全国统一的规定。", "These are the local bureau's own promises, not national rules.")}</p>
                <dl class="commitments local">
                    {data.local.commitments.iter().map(|c| view! { <dt><Mixed text=c.name.clone()/></dt><dd><Mixed text=c.text.clone()/></dd> }).collect_view()}
                </dl>
            })}
        </section>
        <section aria-labelledby="rights">
            <h2 id="rights">{lang.pick("您的权利", "Your rights")}</h2>
            <ul class="rights">
                {data.rights.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
            </ul>
            <p>{lang.pick("遇到以上情况，请拨打本窗口监督电话 ", "If any of this happens, call this window's supervision phone ")}<a href=tel_href(&data.local.complaint_phone)>{data.local.complaint_phone.clone()}</a>{lang.pick(" 或 12389。", " or 12389.")}</p>
        </section>
    }
}
