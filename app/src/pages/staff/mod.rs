//! The staff console (the bureau's side), rendered by the server for the signed-in staff member
//! on each request: never pre-rendered, never cached, plain HTML forms that work without script.

mod accounts;
mod audit;
mod cases;
mod day;
mod home;
mod inbox;
mod item;
mod sign_in;

use crate::document::server_document;
use leptos::either::{EitherOf10, EitherOf3};
use leptos::prelude::*;
use swg_model::calendar::Date;
use swg_model::staff::{href, path, AccountRow, AuditEntry, CaseRow, DayList, FeedbackDetail, InboxItem, Me};
use swg_model::{PageKind, SiteInfo};

/// A console page and what it shows.
pub enum StaffPage {
    /// Signing in; with what went wrong or why the last session ended.
    SignIn {
        notice: Option<String>,
    },
    /// Replacing the one-time (or current) password.
    Password {
        me: Me,
        must: bool,
        error: Option<String>,
    },
    Home {
        me: Me,
        today: Date,
        overdue: u32,
        due_today: u32,
        unanswered: u32,
        handed_to_me: u32,
        open_cases: u32,
    },
    Day {
        me: Me,
        list: DayList,
        notice: Option<String>,
    },
    Inbox {
        me: Me,
        items: Vec<InboxItem>,
    },
    Feedback {
        me: Me,
        detail: Box<FeedbackDetail>,
        notice: Option<String>,
    },
    Cases {
        me: Me,
        cases: Vec<CaseRow>,
    },
    Audit {
        me: Me,
        entries: Vec<AuditEntry>,
        broken_at: Option<i64>,
    },
    /// Accounts, for administrators; with a one-time password just made, or what was wrong.
    Accounts {
        me: Me,
        accounts: Vec<AccountRow>,
        created: Option<(String, String)>,
        error: Option<String>,
    },
    /// Refused (another window's data, a stale form): the reason.
    Refused {
        me: Option<Me>,
        message: String,
    },
}

impl StaffPage {
    pub fn title(&self) -> &'static str {
        match self {
            StaffPage::SignIn { .. } => "工作人员登录",
            StaffPage::Password { .. } => "修改密码",
            StaffPage::Home { .. } => "工作台",
            StaffPage::Day { .. } => "预约日程",
            StaffPage::Inbox { .. } => "意见箱",
            StaffPage::Feedback { .. } => "意见处理",
            StaffPage::Cases { .. } => "差评整改",
            StaffPage::Audit { .. } => "审计记录",
            StaffPage::Accounts { .. } => "账号管理",
            StaffPage::Refused { .. } => "无法办理",
        }
    }

    /// The whole HTML document, linking the site's stylesheet `css`.
    pub fn document(self, site: &SiteInfo, css: &str) -> String {
        let title = self.title();
        server_document(PageKind::Staff, site, css, title, move || match self {
            StaffPage::SignIn { notice } => EitherOf10::A(view! { <sign_in::SignIn notice/> }),
            StaffPage::Password { me, must, error } => EitherOf10::B(
                view! { <Console me=me.clone() title><sign_in::Password me must error/></Console> },
            ),
            StaffPage::Home { me, today, overdue, due_today, unanswered, handed_to_me, open_cases } => {
                EitherOf10::C(view! {
                    <Console me=me.clone() title><home::Home me today overdue due_today unanswered handed_to_me open_cases/></Console>
                })
            }
            StaffPage::Day { me, list, notice } => {
                EitherOf10::D(view! { <Console me=me.clone() title><day::Day me list notice/></Console> })
            }
            StaffPage::Inbox { me, items } => {
                EitherOf10::E(view! { <Console me title><inbox::Inbox items/></Console> })
            }
            StaffPage::Feedback { me, detail, notice } => EitherOf10::F(view! {
                <Console me=me.clone() title><item::Item me detail=*detail notice/></Console>
            }),
            StaffPage::Cases { me, cases } => {
                EitherOf10::G(view! { <Console me title><cases::Cases cases/></Console> })
            }
            StaffPage::Audit { me, entries, broken_at } => {
                EitherOf10::H(view! { <Console me title><audit::Audit entries broken_at/></Console> })
            }
            StaffPage::Accounts { me, accounts, created, error } => EitherOf10::J(view! {
                <Console me=me.clone() title><accounts::Accounts me accounts created error/></Console>
            }),
            StaffPage::Refused { me, message } => EitherOf10::I(match me {
                Some(me) => EitherOf3::A(
                    view! { <Console me title><p class="notice" role="alert">{message}</p></Console> },
                ),
                None if message.is_empty() => EitherOf3::B(()),
                None => EitherOf3::C(view! { <h1>{title}</h1><p class="notice" role="alert">{message}</p> }),
            }),
        })
    }
}

/// The hidden CSRF field every console form carries.
#[component]
pub(crate) fn Csrf(me: Me) -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=me.csrf/> }
}

/// The console's own bar (who is signed in, where to go, signing out) around a page.
#[component]
fn Console(me: Me, title: &'static str, children: Children) -> impl IntoView {
    let oversees = me.role != swg_model::staff::StaffRole::Window;
    view! {
        <nav class="console-bar" aria-label="工作台导航">
            <p>{format!("{}（{}）", me.display_name, me.role.label())}</p>
            <ul>
                <li><a href=href(path::HOME)>"工作台"</a></li>
                <li><a href=href(path::INBOX)>"意见箱"</a></li>
                <li><a href=href(path::CASES)>"差评整改"</a></li>
                {oversees.then(|| view! { <li><a href=href(path::AUDIT)>"审计记录"</a></li> })}
                {(me.role == swg_model::staff::StaffRole::Admin).then(|| view! { <li><a href=href(path::ACCOUNTS)>"账号管理"</a></li> })}
                <li><a href=href(path::PASSWORD)>"修改密码"</a></li>
            </ul>
            <form method="post" action=href(path::SIGN_OUT)>
                <Csrf me=me.clone()/>
                <label class="choice"><input type="checkbox" name="everywhere"/><span>"所有设备"</span></label>
                <button type="submit" class="button secondary">"退出"</button>
            </form>
            <p class="hint">{format!("闲置 30 分钟会自动退出（本页打开后，约 {} 前请保存工作）。", me.idle_until)}</p>
        </nav>
        <h1>{title}</h1>
        {children()}
    }
}
