//! The server's answers to the plain (no-JavaScript) forms: a booking confirmation, a feedback
//! receipt, or what went wrong. Rendered by the server inside the site's own document.

use super::lookup_answers::{Found, LookupStep, Tracked};
use super::mixed::Mixed;
use crate::document::answer_document;
use leptos::either::{Either, EitherOf7};
use leptos::prelude::*;
use swg_model::api::{path, ApiError, Availability, Booking, FeedbackReceipt, Need};
use swg_model::form::{FieldName, IdKind};
use swg_model::route::base_path;
use swg_model::{Lang, Route, SiteInfo};

/// What a plain form post led to.
pub enum Answer {
    Booked(Booking),
    Filed(FeedbackReceipt),
    /// The submission was refused; `back` is the form to fill in again.
    Failed {
        error: ApiError,
        back: Route,
    },
    /// The booking form for one window without JavaScript: every bookable slot with the places
    /// left, as radio buttons, and the citizen's details.
    Book {
        window: String,
        window_name: String,
        services: Vec<(String, String)>,
        service: String,
        availability: Availability,
    },
    /// Many bookings at once: the same booking again, to be confirmed after `seconds` (the
    /// plain-form stand-in for the proof of work a browser with JavaScript does invisibly).
    Wait {
        fields: Vec<(FieldName, String)>,
        ticket: String,
        seconds: u64,
    },
    /// A booking looked up without JavaScript; `phone` is what the citizen typed, to carry on.
    Found {
        booking: Booking,
        phone: String,
        step: LookupStep,
    },
    /// Feedback's progress looked up without JavaScript.
    Tracked(FeedbackReceipt),
}

impl Answer {
    /// The page's heading, also its title.
    pub fn heading(&self, lang: Lang) -> String {
        match self {
            Answer::Booked(_) => lang.pick("预约成功", "Booked").to_owned(),
            Answer::Filed(r) => lang.pick(
                format!("已收到您的{}", r.kind.label()),
                format!("We have received your {}", r.kind.label_in(lang).to_lowercase()),
            ),
            Answer::Failed { .. } => lang.pick("提交没有成功", "Your form did not go through").to_owned(),
            Answer::Wait { .. } => {
                lang.pick("请稍候再确认预约", "Please wait, then confirm your booking").to_owned()
            }
            Answer::Book { window_name, .. } => {
                lang.pick(format!("预约：{window_name}"), format!("Book an appointment: {window_name}"))
            }
            Answer::Found { step, .. } => step.heading(lang).to_owned(),
            Answer::Tracked(r) => lang.pick(
                format!("{}办理进度", r.kind.label()),
                format!("Progress of your {}", r.kind.label_in(lang).to_lowercase()),
            ),
        }
    }

    /// The whole HTML document of the answer in `lang`, linking the site's stylesheet `css`.
    pub fn document(self, site: &SiteInfo, css: &str, lang: Lang) -> String {
        let heading = self.heading(lang);
        answer_document(site, css, lang, &heading.clone(), move || match self {
            Answer::Booked(b) => EitherOf7::A(view! { <Booked heading b/> }),
            Answer::Filed(r) => EitherOf7::B(view! { <Filed heading r/> }),
            Answer::Failed { error, back } => EitherOf7::C(view! { <Failed heading error back/> }),
            Answer::Wait { fields, ticket, seconds } => {
                EitherOf7::D(view! { <Wait heading fields ticket seconds/> })
            }
            Answer::Book { window, services, service, availability, .. } => {
                EitherOf7::E(view! { <Book heading window services service availability/> })
            }
            Answer::Found { booking, phone, step } => {
                EitherOf7::F(view! { <Found heading booking phone step/> })
            }
            Answer::Tracked(receipt) => EitherOf7::G(view! { <Tracked heading receipt/> }),
        })
    }
}

#[component]
fn Booked(heading: String, b: Booking) -> impl IntoView {
    let lang = crate::lang();
    let when = format!("{} {}–{}", b.day.label_in(lang), b.slot, b.slot_end);
    let place = format!("{} · {}", b.window_name, b.address);
    let who = format!("{} · {} · {} {}", b.name, b.phone, b.id_kind.label_in(lang), b.id_number);
    let fallback =
        lang.pick(format!("，或拨打 {}。", b.window_phone), format!(", or call {}.", b.window_phone));
    let home_visit = if b.home_visit {
        lang.pick("已申请，窗口会电话联系您", "Requested: the window will call you")
    } else {
        lang.pick("不需要", "Not needed")
    };
    view! {
        <h1>{heading}</h1>
        <p class="lead">{lang.pick("预约码（请记下）：", "Booking code (please note it down): ")}<strong class="code">{b.code}</strong></p>
        <dl class="facts">
            <dt>{lang.pick("事项", "Service")}</dt><dd><Mixed text=b.service_title/></dd>
            <dt>{lang.pick("时间", "Time")}</dt><dd>{when}</dd>
            <dt>{lang.pick("地点", "Place")}</dt><dd><Mixed text=place/></dd>
            <dt>{lang.pick("预约人", "Applicant")}</dt><dd><Mixed text=who/></dd>
            <dt>{lang.pick("绿色通道", "Priority lane")}</dt><dd>{b.need.label_in(lang)}</dd>
            <dt>{lang.pick("上门服务", "Home visit")}</dt><dd>{home_visit}</dd>
            <dt>{lang.pick("窗口电话", "Window phone")}</dt><dd><a href=swg_model::tel_href(&b.window_phone)>{b.window_phone.clone()}</a></dd>
        </dl>
        <h2>{lang.pick("请带齐这些材料", "Bring all of these")}</h2>
        <ul>{b.materials.into_iter().map(|m| view! { <li><Mixed text=m/></li> }).collect_view()}</ul>
        <p>
            {lang.pick("改约或取消：带上预约码和手机号，打开 ", "To change or cancel, have your booking code and mobile number ready and open ")}
            <a href=Route::Manage.in_lang(lang).href()>{lang.pick("预约查询", "Find, change or cancel a booking")}</a>
            {fallback}
        </p>
    }
}

#[component]
fn Filed(heading: String, r: FeedbackReceipt) -> impl IntoView {
    let lang = crate::lang();
    let secret = r.secret.clone();
    let anonymous = secret.is_some();
    // The rule is written in Chinese only: an English page gives the reply date alone.
    let due = match lang {
        Lang::Zh => r.due_on.zip(r.rule).map(|(due, rule)| {
            Either::Left(view! { <p>"我们将在 "<strong>{due.label()}</strong>" 前答复您。"<br/><small>{rule}</small></p> })
        }),
        Lang::En => r.due_on.map(|due| {
            Either::Right(view! { <p>"We will answer by "<strong>{due.label_in(lang)}</strong>"."</p> })
        }),
    };
    let case = r.case.map(|c| {
        lang.pick(
            format!(
                "这是差评：我们会在 {} 前核实、整改{}。",
                c.fix_due.label(),
                if anonymous { "（没留手机号，无法回访）" } else { "，并先电话回访" }
            ),
            format!(
                "This is a low rating: we will look into it and fix it by {}{}.",
                c.fix_due.label_in(lang),
                if anonymous {
                    " (you left no mobile number, so we cannot call you back)"
                } else {
                    ", and call you back first"
                }
            ),
        )
    });
    let with = match (lang, anonymous) {
        (Lang::Zh, true) => "凭受理编号和查询码可以在 ",
        (Lang::Zh, false) => "凭受理编号和手机号可以在 ",
        (Lang::En, true) => {
            "With the tracking number and the look-up code, see how it is handled and our answer on "
        }
        (Lang::En, false) => {
            "With the tracking number and your mobile number, see how it is handled and our answer on "
        }
    };
    view! {
        <h1>{heading}</h1>
        <p class="lead">{lang.pick("受理编号：", "Tracking number: ")}<strong class="code">{r.tracking}</strong></p>
        {secret.map(|s| view! {
            <p class="lead">{lang.pick("查询码：", "Look-up code: ")}<strong class="code">{s}</strong><br/>
                <small>{lang.pick(
                    "没留手机号，查询进度要用受理编号和查询码，请记下。",
                    "You left no mobile number, so you need the tracking number and the look-up code to check progress. Please note them down.",
                )}</small></p>
        })}
        {due}
        {case.map(|c| view! { <p>{c}</p> })}
        <p>{with}<a href=Route::Track.in_lang(lang).href()>{lang.pick("办理进度查询", "Track your feedback")}</a>{lang.pick(" 查看处理情况和答复。", ".")}</p>
    }
}

#[component]
fn Book(
    heading: String,
    window: String,
    services: Vec<(String, String)>,
    service: String,
    availability: Availability,
) -> impl IntoView {
    let lang = crate::lang();
    let field = |label: &'static str, name: FieldName, kind: &'static str| {
        let id = format!("p-{name}");
        view! { <div class="field"><label for=id.clone()>{label}</label><input id=id name=name.id() type=kind required/></div> }
    };
    view! {
        <h1>{heading}</h1>
        <form class="flow" method="post" action=format!("{}{}", base_path(), path::FORM_BOOKING)>
            <input type="hidden" name=FieldName::Lang.id() value=lang.id()/>
            <input type="hidden" name=FieldName::Window.id() value=window/>
            <div class="field"><label for="p-service">{lang.pick("办理事项", "Service")}</label>
                <select id="p-service" name=FieldName::Service.id() required>
                    <option value="">{lang.pick("请选择", "Please choose")}</option>
                    {services.into_iter().map(|(id, title)| {
                        let chosen = id == service;
                        // An option holds text only: a Chinese title on an English page is marked on the option.
                        let title_lang = (lang == Lang::En && Lang::has_chinese(&title)).then_some(Lang::Zh.id());
                        view! { <option value=id selected=chosen lang=title_lang>{title}</option> }
                    }).collect_view()}
                </select></div>
            <fieldset class="question"><legend>{lang.pick("选择日期和时段（括号里是剩余名额）", "Choose a day and time (places left in brackets)")}</legend>
                // The note is only ever set for days beyond the published holiday calendar.
                {availability.note.map(|n| view! { <p class="hint">{lang.pick(n, "That year's public holidays are not published yet, so only weekends are counted; the window will confirm.".to_owned())}</p> })}
                {availability.days.into_iter().map(|d| {
                    let day = d.day.to_string();
                    let label = lang.pick(d.label, d.day.label_in(lang));
                    view! {
                        <h2 class="slot-day">{label}</h2>
                        <div class="slots">
                            {d.slots.into_iter().map(|s| {
                                let value = format!("{day}|{}", s.start);
                                let full = s.remaining == 0;
                                view! {
                                    <label class="choice slot" class:full=full>
                                        <input type="radio" name="when" value=value disabled=full required/>
                                        <span>{format!("{}–{}", s.start, s.end)}<small class="left">{if full { lang.pick("已满", "Full").to_owned() } else { lang.pick(format!("余 {}", s.remaining), format!("{} left", s.remaining)) }}</small></span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {field(lang.pick("姓名", "Name"), FieldName::Name, "text")}
            {field(lang.pick("手机号码", "Mobile number"), FieldName::Phone, "tel")}
            <div class="field"><label for="p-id_kind">{lang.pick("证件类型", "Identity document")}</label>
                <select id="p-id_kind" name=FieldName::IdKind.id()>
                    {IdKind::ALL.into_iter().map(|k| view! { <option value=k.id()>{k.label_in(lang)}</option> }).collect_view()}
                </select></div>
            {field(
                lang.pick(
                    "证件号码（身份证丢了可填记得的号码，或选其他证件）",
                    "Document number (if you lost your ID card, type the number you remember, or choose another document)",
                ),
                FieldName::IdNumber,
                "text",
            )}
            <fieldset class="question"><legend>{lang.pick("是否需要绿色通道？", "Do you need the priority lane?")}</legend>
                {Need::ALL.into_iter().map(|n| view! {
                    <label class="choice"><input type="radio" name=FieldName::Need.id() value=n.id() checked=n == Need::None/><span>{n.label_in(lang)}</span></label>
                }).collect_view()}
            </fieldset>
            <label class="choice"><input type="checkbox" name=FieldName::HomeVisit.id()/><span>{lang.pick("申请上门服务", "Ask for a home visit")}</span></label>
            <button type="submit" class="button">{lang.pick("提交预约", "Book")}</button>
        </form>
    }
}

#[component]
fn Wait(heading: String, fields: Vec<(FieldName, String)>, ticket: String, seconds: u64) -> impl IntoView {
    let lang = crate::lang();
    view! {
        <h1>{heading}</h1>
        <p class="notice" role="status">
            {lang.pick(
                format!("现在预约的人较多。为了把名额留给真人，请等 {seconds} 秒，再按下面的“确认预约”。您填写的内容都已保留。"),
                format!("Many people are booking just now. To keep the places for real people, please wait {seconds} seconds, then press “Confirm booking” below. Everything you filled in is kept."),
            )}
        </p>
        <form class="flow" method="post" action=format!("{}{}", base_path(), path::FORM_BOOKING)>
            {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name.id() value=value/> }).collect_view()}
            <input type="hidden" name="ticket" value=ticket/>
            <button type="submit" class="button">{lang.pick("确认预约", "Confirm booking")}</button>
        </form>
        <p class="hint">{lang.pick("太早按下会再请您等一会儿；十分钟内有效。", "If you press too early, you will be asked to wait a little longer. This works for ten minutes.")}</p>
    }
}

#[component]
fn Failed(heading: String, error: ApiError, back: Route) -> impl IntoView {
    let lang = crate::lang();
    // The field messages are listed right here, not under fields of a form.
    let message = if error.fields.is_empty() {
        error.text(lang).to_owned()
    } else {
        lang.pick("有几项需要修改：", "Some answers need changing:").to_owned()
    };
    let fields = (!error.fields.is_empty()).then(|| {
        view! { <ul>{error.fields.into_iter().map(|f| view! { <li>{f.text(lang).to_owned()}</li> }).collect_view()}</ul> }
    });
    view! {
        <h1>{heading}</h1>
        <p class="notice" role="alert">{message}</p>
        {fields}
        <p>
            {lang.pick("请点浏览器的“返回”修改（您填写的内容仍在），或 ", "Press your browser's Back button to make changes (what you filled in is still there), or ")}
            <a href=back.href()>{lang.pick("重新填写", "start again")}</a>
            {lang.pick("。", ".")}
        </p>
    }
}
