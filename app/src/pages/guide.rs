//! A service guide (办事指南): the head above the checklist, and every standard element below it.

use super::local::WhereWhen;
use leptos::prelude::*;
use swg_model::form::FieldName;
use swg_model::tel_href;
use swg_model::{GuidePage as Data, Route, UNSURE_MARK};

/// What is uncertain about one item, beside it: the mark and the note.
#[component]
pub fn Unsure(note: Option<String>) -> impl IntoView {
    note.map(|note| view! { <span class="unsure">{format!("{UNSURE_MARK}{note}")}</span> })
}

#[component]
pub fn GuideHead(data: Data) -> impl IntoView {
    let window_href = Route::Window(data.window.id.clone()).href();
    let fee = format!("{}{}", data.fee_label(), if data.fee.unsure.is_some() { UNSURE_MARK } else { "" });
    view! {
            <nav class="crumbs no-print" aria-label="位置">
                <a href=Route::Home.href()>"首页"</a>" › "<a href=window_href.clone()>{data.window.name.clone()}</a>
            </nav>
            <h1>{data.title.clone()}</h1>
            <p class="lead">{data.summary.clone()}</p>
            <dl class="quick">
                <div><dt>"办理时限"</dt><dd>{data.time_limit.summary()}</dd></div>
                <div><dt>"收费"</dt><dd>{fee}</dd></div>
                <div><dt>"最多跑"</dt><dd>{format!("{} 次", data.visits)}</dd></div>
                <div><dt>"办理窗口"</dt><dd><a href=window_href>{data.window.name.clone()}</a></dd></div>
            </dl>
            {data.uncertain.clone().map(|u| view! { <p class="notice" role="note">{u}</p> })}
    }
}

#[component]
pub fn GuideRest(data: Data) -> impl IntoView {
    let local = data.window.local.clone();
    view! {
            <section aria-labelledby="who">
                <h2 id="who">"谁可以办、办理条件"</h2>
                <p>{data.applicants.clone()}</p>
                <ul>{data.conditions.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
            </section>
            <section aria-labelledby="steps">
                <h2 id="steps">"办理流程"</h2>
                <ol class="steps">
                    {data.steps.iter().map(|s| view! { <li><strong>{s.title.clone()}</strong><p>{s.text.clone()}</p></li> }).collect_view()}
                </ol>
            </section>
            <section aria-labelledby="where">
                <h2 id="where">"在哪办、什么时候办"</h2>
                <WhereWhen local=local/>
            </section>
            <section aria-labelledby="limits">
                <h2 id="limits">"时限、收费与结果"</h2>
                <dl class="facts">
                    <dt>"办理时限"</dt>
                    <dd>
                        {data.time_limit.label()}{data.time_limit.covers.clone().map(|c| format!("，{c}"))}{data.time_limit.note.clone().map(|n| format!("。{n}"))}
                        <Unsure note=data.time_limit.unsure.clone()/>
                    </dd>
                    <dt>"收费"</dt>
                    <dd>
                        {if data.fee.free { "不收费".to_owned() } else { data.fee.amount.clone().unwrap_or_default() }}{data.fee.basis.clone().map(|b| format!("（依据：{b}）"))}
                        <Unsure note=data.fee.unsure.clone()/>
                    </dd>
                    <dt>"取得结果"</dt>
                    <dd>{data.result.clone()}</dd>
                </dl>
            </section>
            <section aria-labelledby="faq">
                <h2 id="faq">"常见问题"</h2>
                {data.faq.iter().map(|f| view! { <details class="faq"><summary>{f.q.clone()}</summary><p>{f.a.clone()}</p></details> }).collect_view()}
            </section>
            <div class="prose" inner_html=data.body_html.clone()></div>
            <section aria-labelledby="basis">
                <h2 id="basis">"设定依据"</h2>
                <ul>{data.basis.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view()}</ul>
            </section>
            <p class="actions no-print">
                {data.window.local.booking.is_some().then(|| view! {
                    <a class="button js-only" href=Route::Book.href_with(&[(FieldName::Window.id(), &data.window.id), (FieldName::Service.id(), &data.id)])>"预约办理"</a>
                    // Without JavaScript the server's own form, with window and service chosen.
                    <noscript><a class="button" href=swg_model::route::plain_booking_href(&data.window.id, &data.id)>"预约办理"</a></noscript>
                })}
                <a class="button secondary" href=Route::Feedback.href_with(&[(FieldName::Window.id(), &data.window.id), (FieldName::Service.id(), &data.id)])>"评价、投诉或咨询"</a>
            </p>
            <section aria-labelledby="contact" class="no-print">
                <h2 id="contact">"咨询与投诉"</h2>
                <p>"咨询："<a href=tel_href(&data.window.local.phone)>{data.window.local.phone.clone()}</a>
                   " · 投诉："<a href=tel_href(&data.window.local.complaint_phone)>{data.window.local.complaint_phone.clone()}</a>
                   " · 12389"</p>
            </section>
            {(!data.changes.is_empty()).then(|| view! {
                <section aria-labelledby="changes" class="no-print">
                    <h2 id="changes">"本指南的更新"</h2>
                    <ul>{data.changes.iter().map(|c| view! { <li><time datetime=c.date.clone()>{c.date.clone()}</time>{format!("：{}", c.what)}</li> }).collect_view()}</ul>
                    <p><a href=Route::Changes.href()>"所有指南的最近更新"</a></p>
                </section>
            })}
            <p class="source">{format!("内容来源：{}。最近核对：{}。", data.source, data.reviewed)}</p>
    }
}
