//! The server's answers to the plain (no-JavaScript) forms: a booking confirmation, a feedback
//! receipt, or what went wrong. Rendered by the server inside the site's own document.

use super::lookup_answers::{Found, LookupStep, Tracked};
use crate::document::answer_document;
use leptos::either::EitherOf7;
use leptos::prelude::*;
use swg_model::api::{path, ApiError, Availability, Booking, FeedbackReceipt, Need};
use swg_model::form::{FieldName, IdKind};
use swg_model::route::base_path;
use swg_model::{Route, SiteInfo};

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
    pub fn heading(&self) -> String {
        match self {
            Answer::Booked(_) => "预约成功".to_owned(),
            Answer::Filed(r) => format!("已收到您的{}", r.kind.label()),
            Answer::Failed { .. } => "提交没有成功".to_owned(),
            Answer::Wait { .. } => "请稍候再确认预约".to_owned(),
            Answer::Book { window_name, .. } => format!("预约：{window_name}"),
            Answer::Found { step, .. } => step.heading().to_owned(),
            Answer::Tracked(r) => format!("{}办理进度", r.kind.label()),
        }
    }

    /// The whole HTML document of the answer, linking the site's stylesheet `css`.
    pub fn document(self, site: &SiteInfo, css: &str) -> String {
        let heading = self.heading();
        answer_document(site, css, &heading.clone(), move || match self {
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
    let when = format!("{} {}–{}", b.day.label(), b.slot, b.slot_end);
    let place = format!("{} · {}", b.window_name, b.address);
    let who = format!("{} · {} · {} {}", b.name, b.phone, b.id_kind.label(), b.id_number);
    let fallback = format!("，或拨打 {}。", b.window_phone);
    view! {
        <h1>{heading}</h1>
        <p class="lead">"预约码（请记下）："<strong class="code">{b.code}</strong></p>
        <dl class="facts">
            <dt>"事项"</dt><dd>{b.service_title}</dd>
            <dt>"时间"</dt><dd>{when}</dd>
            <dt>"地点"</dt><dd>{place}</dd>
            <dt>"预约人"</dt><dd>{who}</dd>
            <dt>"绿色通道"</dt><dd>{b.need.label()}</dd>
            <dt>"上门服务"</dt><dd>{if b.home_visit { "已申请，窗口会电话联系您" } else { "不需要" }}</dd>
            <dt>"窗口电话"</dt><dd><a href=swg_model::tel_href(&b.window_phone)>{b.window_phone.clone()}</a></dd>
        </dl>
        <h2>"请带齐这些材料"</h2>
        <ul>{b.materials.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
        <p>"改约或取消：带上预约码和手机号，打开 "<a href=Route::Manage.href()>"预约查询"</a>{fallback}</p>
    }
}

#[component]
fn Filed(heading: String, r: FeedbackReceipt) -> impl IntoView {
    let secret = r.secret.clone();
    let anonymous = secret.is_some();
    let due = r.due_on.zip(r.rule).map(|(due, rule)| {
        view! { <p>"我们将在 "<strong>{due.label()}</strong>" 前答复您。"<br/><small>{rule}</small></p> }
    });
    view! {
        <h1>{heading}</h1>
        <p class="lead">"受理编号："<strong class="code">{r.tracking}</strong></p>
        {secret.map(|s| view! { <p class="lead">"查询码："<strong class="code">{s}</strong><br/><small>"没留手机号，查询进度要用受理编号和查询码，请记下。"</small></p> })}
        {due}
        {r.case.map(|c| view! { <p>{format!("这是差评：我们会在 {} 前核实、整改{}。", c.fix_due.label(), if anonymous { "（没留手机号，无法回访）" } else { "，并先电话回访" })}</p> })}
        <p>{if anonymous { "凭受理编号和查询码可以在 " } else { "凭受理编号和手机号可以在 " }}<a href=Route::Track.href()>"办理进度查询"</a>" 查看处理情况和答复。"</p>
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
    let field = |label: &'static str, name: FieldName, kind: &'static str| {
        let id = format!("p-{name}");
        view! { <div class="field"><label for=id.clone()>{label}</label><input id=id name=name.id() type=kind required/></div> }
    };
    view! {
        <h1>{heading}</h1>
        <form class="flow" method="post" action=format!("{}{}", base_path(), path::FORM_BOOKING)>
            <input type="hidden" name=FieldName::Window.id() value=window/>
            <div class="field"><label for="p-service">"办理事项"</label>
                <select id="p-service" name=FieldName::Service.id() required>
                    <option value="">"请选择"</option>
                    {services.into_iter().map(|(id, title)| {
                        let chosen = id == service;
                        view! { <option value=id selected=chosen>{title}</option> }
                    }).collect_view()}
                </select></div>
            <fieldset class="question"><legend>"选择日期和时段（括号里是剩余名额）"</legend>
                {availability.note.map(|n| view! { <p class="hint">{n}</p> })}
                {availability.days.into_iter().map(|d| {
                    let day = d.day.to_string();
                    view! {
                        <h2 class="slot-day">{d.label}</h2>
                        <div class="slots">
                            {d.slots.into_iter().map(|s| {
                                let value = format!("{day}|{}", s.start);
                                let full = s.remaining == 0;
                                view! {
                                    <label class="choice slot" class:full=full>
                                        <input type="radio" name="when" value=value disabled=full required/>
                                        <span>{format!("{}–{}", s.start, s.end)}<small class="left">{if full { "已满".to_owned() } else { format!("余 {}", s.remaining) }}</small></span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {field("姓名", FieldName::Name, "text")}
            {field("手机号码", FieldName::Phone, "tel")}
            <div class="field"><label for="p-id_kind">"证件类型"</label>
                <select id="p-id_kind" name=FieldName::IdKind.id()>
                    {IdKind::ALL.into_iter().map(|k| view! { <option value=k.id()>{k.label()}</option> }).collect_view()}
                </select></div>
            {field("证件号码（身份证丢了可填记得的号码，或选其他证件）", FieldName::IdNumber, "text")}
            <fieldset class="question"><legend>"是否需要绿色通道？"</legend>
                {Need::ALL.into_iter().map(|n| view! {
                    <label class="choice"><input type="radio" name=FieldName::Need.id() value=n.id() checked=n == Need::None/><span>{n.label()}</span></label>
                }).collect_view()}
            </fieldset>
            <label class="choice"><input type="checkbox" name=FieldName::HomeVisit.id()/><span>"申请上门服务"</span></label>
            <button type="submit" class="button">"提交预约"</button>
        </form>
    }
}

#[component]
fn Wait(heading: String, fields: Vec<(FieldName, String)>, ticket: String, seconds: u64) -> impl IntoView {
    view! {
        <h1>{heading}</h1>
        <p class="notice" role="status">
            {format!("现在预约的人较多。为了把名额留给真人，请等 {seconds} 秒，再按下面的“确认预约”。您填写的内容都已保留。")}
        </p>
        <form class="flow" method="post" action=format!("{}{}", base_path(), path::FORM_BOOKING)>
            {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name.id() value=value/> }).collect_view()}
            <input type="hidden" name="ticket" value=ticket/>
            <button type="submit" class="button">"确认预约"</button>
        </form>
        <p class="hint">"太早按下会再请您等一会儿；十分钟内有效。"</p>
    }
}

#[component]
fn Failed(heading: String, error: ApiError, back: Route) -> impl IntoView {
    // The field messages are listed right here, not under fields of a form.
    let message = if error.fields.is_empty() { error.message } else { "有几项需要修改：".to_owned() };
    let fields = (!error.fields.is_empty()).then(|| {
        view! { <ul>{error.fields.into_iter().map(|f| view! { <li>{f.message}</li> }).collect_view()}</ul> }
    });
    view! {
        <h1>{heading}</h1>
        <p class="notice" role="alert">{message}</p>
        {fields}
        <p>"请点浏览器的“返回”修改（您填写的内容仍在），或 "<a href=back.href()>"重新填写"</a>"。"</p>
    }
}
