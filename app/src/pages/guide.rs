//! A service guide (办事指南): the head above the checklist, and every standard element below it.

use super::local::WhereWhen;
use super::mixed::Mixed;
use leptos::prelude::*;
use swg_model::form::FieldName;
use swg_model::tel_href;
use swg_model::{unsure_mark, GuidePage as Data, Lang, Route};

/// What is uncertain about one item, beside it: the mark and the note.
#[component]
pub fn Unsure(note: Option<String>) -> impl IntoView {
    let lang = crate::lang();
    note.map(|note| view! { <span class="unsure">{unsure_mark(lang)}{(lang == Lang::En).then_some(": ")}<Mixed text=note/></span> })
}

#[component]
pub fn GuideHead(data: Data) -> impl IntoView {
    let lang = data.lang;
    let window_href = Route::Window(data.window.id.clone()).in_lang(lang).href();
    let fee =
        format!("{}{}", data.fee_label(), if data.fee.unsure.is_some() { unsure_mark(lang) } else { "" });
    let visits = lang.pick(
        format!("{} 次", data.visits),
        format!("{} visit{}", data.visits, if data.visits == 1 { "" } else { "s" }),
    );
    view! {
            <nav class="crumbs no-print" aria-label=lang.pick("位置", "You are here")>
                <a href=Route::Home.in_lang(lang).href()>{lang.pick("首页", "Home")}</a>" › "<a href=window_href.clone()>{data.window.name.clone()}</a>
            </nav>
            <h1>{data.title.clone()}</h1>
            <p class="lead">{data.summary.clone()}</p>
            <dl class="quick">
                <div><dt>{lang.pick("办理时限", "Time limit")}</dt><dd><Mixed text=data.time_limit.summary_in(lang)/></dd></div>
                <div><dt>{lang.pick("收费", "Fee")}</dt><dd><Mixed text=fee/></dd></div>
                <div><dt>{lang.pick("最多跑", "At most")}</dt><dd>{visits}</dd></div>
                <div><dt>{lang.pick("办理窗口", "Where")}</dt><dd><a href=window_href>{data.window.name.clone()}</a></dd></div>
            </dl>
            {data.uncertain.clone().map(|u| view! { <p class="notice" role="note">{u}</p> })}
    }
}

#[component]
pub fn GuideRest(data: Data) -> impl IntoView {
    let local = data.window.local.clone();
    let lang = data.lang;
    let (sep, stop) = lang.pick(("，", "。"), (" — ", ". "));
    view! {
            <section aria-labelledby="who">
                <h2 id="who">{lang.pick("谁可以办、办理条件", "Who can apply, and conditions")}</h2>
                <p><Mixed text=data.applicants.clone()/></p>
                <ul>{data.conditions.iter().map(|c| view! { <li><Mixed text=c.clone()/></li> }).collect_view()}</ul>
            </section>
            <section aria-labelledby="steps">
                <h2 id="steps">{lang.pick("办理流程", "Steps")}</h2>
                <ol class="steps">
                    {data.steps.iter().map(|s| view! { <li><strong>{s.title.clone()}</strong><p>{s.text.clone()}</p></li> }).collect_view()}
                </ol>
            </section>
            <section aria-labelledby="where">
                <h2 id="where">{lang.pick("在哪办、什么时候办", "Where and when")}</h2>
                <WhereWhen local=local/>
            </section>
            <section aria-labelledby="limits">
                <h2 id="limits">{lang.pick("时限、收费与结果", "Time limit, fee and result")}</h2>
                <dl class="facts">
                    <dt>{lang.pick("办理时限", "Time limit")}</dt>
                    <dd>
                        {data.time_limit.label_in(lang)}{data.time_limit.covers.clone().map(|c| view! { {sep}<Mixed text=c/> })}{data.time_limit.note.clone().map(|n| view! { {stop}<Mixed text=n/> })}
                        <Unsure note=data.time_limit.unsure.clone()/>
                    </dd>
                    <dt>{lang.pick("收费", "Fee")}</dt>
                    <dd>
                        <Mixed text=if data.fee.free { lang.pick("不收费", "Free").to_owned() } else { data.fee.amount.clone().unwrap_or_default() }/>
                        {data.fee.basis.clone().map(|b| view! { {lang.pick("（依据：", " (basis: ")}<Mixed text=b/>{lang.pick("）", ")")} })}
                        <Unsure note=data.fee.unsure.clone()/>
                    </dd>
                    <dt>{lang.pick("取得结果", "Result")}</dt>
                    <dd><Mixed text=data.result.clone()/></dd>
                </dl>
            </section>
            <section aria-labelledby="faq">
                <h2 id="faq">{lang.pick("常见问题", "Questions")}</h2>
                {data.faq.iter().map(|f| view! { <details class="faq"><summary>{f.q.clone()}</summary><p>{f.a.clone()}</p></details> }).collect_view()}
            </section>
            <div class="prose" inner_html=data.body_html.clone()></div>
            <section aria-labelledby="basis">
                <h2 id="basis">{lang.pick("设定依据", "Legal basis")}</h2>
                <ul>{data.basis.iter().map(|b| view! { <li><Mixed text=b.clone()/></li> }).collect_view()}</ul>
            </section>
            <p class="actions no-print">
                {data.window.local.booking.is_some().then(|| view! {
                    <a class="button js-only" href=Route::Book.in_lang(lang).href_with(&[(FieldName::Window.id(), &data.window.id), (FieldName::Service.id(), &data.id)])>{lang.pick("预约办理", "Book an appointment")}</a>
                    // Without JavaScript the server's own form, with window and service chosen.
                    <noscript><a class="button" href=swg_model::route::plain_booking_href(&data.window.id, &data.id, lang)>{lang.pick("预约办理", "Book an appointment")}</a></noscript>
                })}
                <a class="button secondary" href=Route::Feedback.in_lang(lang).href_with(&[(FieldName::Window.id(), &data.window.id), (FieldName::Service.id(), &data.id)])>{lang.pick("评价、投诉或咨询", "Rate, complain or ask")}</a>
            </p>
            <section aria-labelledby="contact" class="no-print">
                <h2 id="contact">{lang.pick("咨询与投诉", "Enquiries and complaints")}</h2>
                <p>{lang.pick("咨询：", "Enquiries: ")}<a href=tel_href(&data.window.local.phone)>{data.window.local.phone.clone()}</a>
                   {lang.pick(" · 投诉：", " · Complaints: ")}<a href=tel_href(&data.window.local.complaint_phone)>{data.window.local.complaint_phone.clone()}</a>
                   " · 12389"</p>
            </section>
            {(!data.changes.is_empty()).then(|| view! {
                <section aria-labelledby="changes" class="no-print">
                    <h2 id="changes">{lang.pick("本指南的更新", "Changes to this guide")}</h2>
                    <ul>{data.changes.iter().map(|c| view! { <li><time datetime=c.date.clone()>{c.date.clone()}</time>{lang.pick("：", ": ")}<Mixed text=c.what.clone()/></li> }).collect_view()}</ul>
                    {(lang == Lang::Zh).then(|| view! { <p><a href=Route::Changes.href()>"所有指南的最近更新"</a></p> })}
                </section>
            })}
            <p class="source">
                {lang.pick("内容来源：", "Sources: ")}<Mixed text=data.source.clone()/>
                {lang.pick(format!("。最近核对：{}。", data.reviewed), format!(". Last checked: {}.", data.reviewed))}
            </p>
    }
}
