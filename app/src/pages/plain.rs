//! The forms as plain HTML, rendered at build time: what a browser without JavaScript gets.
//! They post to the server's form targets; with JavaScript the interactive island replaces them.

use leptos::either::EitherOf5;
use leptos::prelude::*;
use swg_model::api::{path, FeedbackKind, RATING_LABELS};
use swg_model::form::FieldName;
use swg_model::route::base_path;
use swg_model::{FormKind, FormWindow};

fn window_select(windows: &[FormWindow]) -> impl IntoView {
    view! {
        <div class="field"><label for="p-window">"办理窗口"</label>
            <select id="p-window" name=FieldName::Window.id() required>
                <option value="">"请选择"</option>
                {windows.iter().map(|w| view! { <option value=w.id.clone()>{w.name.clone()}</option> }).collect_view()}
            </select></div>
        <div class="field"><label for="p-service">"办理事项"</label>
            <select id="p-service" name=FieldName::Service.id()>
                <option value="">"请选择"</option>
                {windows.iter().map(|w| view! {
                    <optgroup label=w.name.clone()>
                        {w.services.iter().map(|s| view! { <option value=s.id.clone()>{s.title.clone()}</option> }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select></div>
    }
}

fn input(label: &'static str, name: FieldName, kind: &'static str) -> impl IntoView {
    let id = format!("p-{name}");
    view! { <div class="field"><label for=id.clone()>{label}</label><input id=id name=name.id() type=kind/></div> }
}

#[component]
pub fn PlainForm(kind: FormKind, windows: Vec<FormWindow>) -> impl IntoView {
    let phones = windows.iter().map(|w| format!("{} {}", w.name, w.phone)).collect::<Vec<_>>().join("；");
    match kind {
        FormKind::Book => {
            // The places left change by the minute: the server shows them on its own booking
            // form for the chosen window.
            let bookable: Vec<FormWindow> = windows.into_iter().filter(|w| w.bookable).collect();
            EitherOf5::A(view! {
                <form class="flow" method="get" action=format!("{}{}", base_path(), path::FORM_BOOKING)>
                    {window_select(&bookable)}
                    <button type="submit" class="button">"查看可预约的日期和时段"</button>
                </form>
            })
        }
        FormKind::Feedback => EitherOf5::B(view! {
            <form class="flow" method="post" action=format!("{}{}", base_path(), path::FORM_FEEDBACK)>
                <fieldset class="question"><legend>"您要"</legend>
                    {FeedbackKind::ALL.into_iter().map(|k| view! {
                        <label class="choice"><input type="radio" name=FieldName::Kind.id() value=k.id() checked=k == FeedbackKind::Complaint/><span>{k.label()}</span></label>
                    }).collect_view()}
                </fieldset>
                {window_select(&windows)}
                {input("哪天去办的（可不填）", FieldName::VisitDate, "date")}
                <fieldset class="question"><legend>"您对这次办事满意吗？"</legend>
                    {(1..=5u8).rev().map(|level| view! {
                        <label class="choice"><input type="radio" name=FieldName::Rating.id() value=level.to_string()/><span>{RATING_LABELS[usize::from(level - 1)]}</span></label>
                    }).collect_view()}
                </fieldset>
                {input("不满意的话，哪里做得不好？", FieldName::WhatWentWrong, "text")}
                <div class="field"><label for="p-text">"具体内容"</label><textarea id="p-text" name=FieldName::Text.id() rows="5"></textarea></div>
                {input("民警警号（知道的话）", FieldName::Officer, "text")}
                {input("手机号码（投诉、咨询必填）", FieldName::Phone, "tel")}
                <label class="choice"><input type="checkbox" name=FieldName::Consent.id()/><span>"同意工作人员通过这个手机号与我联系"</span></label>
                <div class="hp" aria-hidden="true"><label>"网站（请勿填写）"<input name=FieldName::Website.id() tabindex="-1" autocomplete="off"/></label></div>
                <button type="submit" class="button">"提交"</button>
            </form>
        }),
        FormKind::Manage => EitherOf5::C(view! {
            <form class="flow" method="post" action=format!("{}{}", base_path(), path::FORM_LOOKUP)>
                {input("预约码", FieldName::Code, "text")}
                {input("手机号码", FieldName::Phone, "tel")}
                <button type="submit" class="button">"查询"</button>
            </form>
            <p class="hint">{format!("改约要开启 JavaScript；也可以直接打电话：{phones}")}</p>
        }),
        FormKind::Track => EitherOf5::D(view! {
            <form class="flow" method="post" action=format!("{}{}", base_path(), path::FORM_TRACK)>
                {input("受理编号", FieldName::Tracking, "text")}
                {input("手机号码或查询码", FieldName::Phone, "text")}
                <button type="submit" class="button">"查询"</button>
            </form>
        }),
        FormKind::Stats => EitherOf5::E(view! {
            <p class="notice">"这张统计表需要浏览器开启 JavaScript。也可以直接打电话："{phones}</p>
        }),
    }
}
