//! The forms as plain HTML, rendered at build time: what a browser without JavaScript gets.
//! They post to the server's form targets; with JavaScript the interactive island replaces them.

use leptos::either::EitherOf5;
use leptos::prelude::*;
use swg_model::api::{path, FeedbackKind, RATING_LABELS, RATING_LABELS_EN};
use swg_model::form::FieldName;
use swg_model::route::base_path;
use swg_model::{FormKind, FormWindow, Lang};

fn window_select(windows: &[FormWindow], lang: Lang) -> impl IntoView {
    let choose = lang.pick("请选择", "Choose");
    view! {
        <div class="field"><label for="p-window">{lang.pick("办理窗口", "Window")}</label>
            <select id="p-window" name=FieldName::Window.id() required>
                <option value="">{choose}</option>
                {windows.iter().map(|w| view! { <option value=w.id.clone()>{w.name.clone()}</option> }).collect_view()}
            </select></div>
        <div class="field"><label for="p-service">{lang.pick("办理事项", "Service")}</label>
            <select id="p-service" name=FieldName::Service.id()>
                <option value="">{choose}</option>
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

/// The form's language, carried to the server so that its answer page speaks it.
fn lang_field(lang: Lang) -> impl IntoView {
    view! { <input type="hidden" name=FieldName::Lang.id() value=lang.id()/> }
}

#[component]
pub fn PlainForm(kind: FormKind, windows: Vec<FormWindow>) -> impl IntoView {
    let lang = crate::lang();
    let phones = windows
        .iter()
        .map(|w| format!("{} {}", w.name, w.phone))
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "));
    let pick = move |zh: &'static str, en: &'static str| lang.pick(zh, en);
    match kind {
        FormKind::Book => {
            // The places left change by the minute: the server shows them on its own booking
            // form for the chosen window.
            let bookable: Vec<FormWindow> = windows.into_iter().filter(|w| w.bookable).collect();
            EitherOf5::A(view! {
                <form class="flow" method="get" action=format!("{}{}", base_path(), path::FORM_BOOKING)>
                    {lang_field(lang)}
                    {window_select(&bookable, lang)}
                    <button type="submit" class="button">{pick("查看可预约的日期和时段", "See the days and times you can book")}</button>
                </form>
            })
        }
        FormKind::Feedback => EitherOf5::B(view! {
            <form class="flow" method="post" action=format!("{}{}", base_path(), path::FORM_FEEDBACK)>
                {lang_field(lang)}
                <fieldset class="question"><legend>{pick("您要", "You want to send")}</legend>
                    {FeedbackKind::ALL.into_iter().map(|k| view! {
                        <label class="choice"><input type="radio" name=FieldName::Kind.id() value=k.id() checked=k == FeedbackKind::Complaint/><span>{k.label_in(lang)}</span></label>
                    }).collect_view()}
                </fieldset>
                {window_select(&windows, lang)}
                {input(pick("哪天去办的（可不填）", "The day you went (optional)"), FieldName::VisitDate, "date")}
                <fieldset class="question"><legend>{pick("您对这次办事满意吗？", "How satisfied were you?")}</legend>
                    {(1..=5u8).rev().map(|level| view! {
                        <label class="choice"><input type="radio" name=FieldName::Rating.id() value=level.to_string()/><span>{lang.pick(RATING_LABELS, RATING_LABELS_EN)[usize::from(level - 1)]}</span></label>
                    }).collect_view()}
                </fieldset>
                {input(pick("不满意的话，哪里做得不好？", "If not, what went wrong?"), FieldName::WhatWentWrong, "text")}
                <div class="field"><label for="p-text">{pick("具体内容", "What happened")}</label><textarea id="p-text" name=FieldName::Text.id() rows="5"></textarea></div>
                {input(pick("民警警号（知道的话）", "The officer's badge number (if you know it)"), FieldName::Officer, "text")}
                {input(pick("手机号码（投诉、咨询必填）", "Mobile number (needed for a complaint or question)"), FieldName::Phone, "tel")}
                <label class="choice"><input type="checkbox" name=FieldName::Consent.id()/><span>{pick("同意工作人员通过这个手机号与我联系", "Staff may contact me on this number")}</span></label>
                <div class="hp" aria-hidden="true"><label>{pick("网站（请勿填写）", "Website (leave empty)")}<input name=FieldName::Website.id() tabindex="-1" autocomplete="off"/></label></div>
                <button type="submit" class="button">{pick("提交", "Send")}</button>
            </form>
        }),
        FormKind::Manage => EitherOf5::C(view! {
            <form class="flow" method="post" action=format!("{}{}", base_path(), path::FORM_LOOKUP)>
                {lang_field(lang)}
                {input(pick("预约码", "Booking code"), FieldName::Code, "text")}
                {input(pick("手机号码", "Mobile number"), FieldName::Phone, "tel")}
                <button type="submit" class="button">{pick("查询", "Find")}</button>
            </form>
            <p class="hint">{lang.pick(format!("改约要开启 JavaScript；也可以直接打电话：{phones}"), format!("Changing the time needs JavaScript; or call: {phones}"))}</p>
        }),
        FormKind::Track => EitherOf5::D(view! {
            <form class="flow" method="post" action=format!("{}{}", base_path(), path::FORM_TRACK)>
                {lang_field(lang)}
                {input(pick("受理编号", "Tracking number"), FieldName::Tracking, "text")}
                {input(pick("手机号码或查询码", "Mobile number or look-up code"), FieldName::Phone, "text")}
                <button type="submit" class="button">{pick("查询", "Find")}</button>
            </form>
        }),
        FormKind::Stats => EitherOf5::E(view! {
            <p class="notice">"这张统计表需要浏览器开启 JavaScript。也可以直接打电话："{phones}</p>
        }),
    }
}
