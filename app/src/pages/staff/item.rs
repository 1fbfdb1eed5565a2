//! One piece of feedback opened: what the citizen wrote, the reply and its status, handing it to
//! another window (首问负责: kept until that window accepts), and its 差评 case.

use super::Csrf;
use leptos::prelude::*;
use swg_model::api::FeedbackStatus;
use swg_model::staff::{href, path, CaseRow, FeedbackDetail, Me};

#[component]
pub(super) fn Item(me: Me, detail: FeedbackDetail, notice: Option<String>) -> impl IntoView {
    let i = detail.item.clone();
    let tracking = i.tracking.clone();
    let due = i.due_on.map_or_else(|| "无需答复".to_owned(), |d| d.label());
    view! {
        {notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <dl class="facts">
            <dt>"受理编号"</dt><dd class="code">{tracking.clone()}</dd>
            <dt>"类型"</dt><dd>{i.kind.label()}{(i.rating > 0).then(|| format!(" · {} 星", i.rating))}</dd>
            <dt>"窗口"</dt><dd>{i.window_name.clone()}</dd>
            <dt>"受理日期"</dt><dd>{i.filed_on.label()}</dd>
            <dt>"答复期限"</dt><dd>{due}</dd>
            <dt>"状态"</dt><dd>{i.status.label()}</dd>
            <dt>"联系电话"</dt><dd>{if detail.phone.is_empty() { "未留".to_owned() } else { detail.phone.clone() }}</dd>
            <dt>"办理事项"</dt><dd>{if detail.service.is_empty() { "未选".to_owned() } else { detail.service.clone() }}</dd>
            <dt>"涉及警号"</dt><dd>{if detail.officer.is_empty() { "未填".to_owned() } else { detail.officer.clone() }}</dd>
        </dl>
        <h2>"内容"</h2>
        <p class="console-text">{detail.text.clone()}</p>
        {(!detail.what_went_wrong.is_empty()).then(|| view! { <p class="console-text">"哪里做得不好："{detail.what_went_wrong.clone()}</p> })}
        {(detail.can_act && !detail.phone.is_empty() && !detail.phone_shown).then(|| view! {
            <form method="post" action=href(path::CALL)>
                <Csrf me=me.clone()/>
                <input type="hidden" name="tracking" value=tracking.clone()/>
                <button type="submit" class="button secondary">"显示完整电话（回访用，会记录）"</button>
            </form>
        })}
        {(!detail.can_act).then(|| view! {
            <p class="notice" role="status">{format!("这条意见由{}转交给您的窗口。接收后由您的窗口负责办理；接收前只能查看。", i.window_name)}</p>
        })}
        {detail.can_accept.then(|| view! {
            <form method="post" action=href(path::ACCEPT)>
                <Csrf me=me.clone()/>
                <input type="hidden" name="tracking" value=tracking.clone()/>
                <button type="submit" class="button">"接收转交"</button>
            </form>
        })}
        {detail.can_act.then(|| view! { <Actions me=me.clone() tracking=tracking.clone() detail=detail.clone()/> })}
    }
}

/// What the owning window can do: reply, hand over, rectify a 差评.
#[component]
fn Actions(me: Me, tracking: String, detail: FeedbackDetail) -> impl IntoView {
    let i = detail.item.clone();
    view! {
        <h2>"答复"</h2>
        {detail.answered_on.map(|d| view! { <p>{format!("已于 {} 答复：", d.label())}</p> })}
        <form class="flow" method="post" action=href(path::REPLY)>
            <Csrf me=me.clone()/>
            <input type="hidden" name="tracking" value=tracking.clone()/>
            <div class="field">
                <label for="s-reply">"答复内容（群众查询时可见）"</label>
                <textarea id="s-reply" name="reply" rows="5" required>{detail.reply.clone()}</textarea>
            </div>
            <div class="field">
                <label for="s-status">"状态"</label>
                <select id="s-status" name="status">
                    {[FeedbackStatus::Answered, FeedbackStatus::InProgress, FeedbackStatus::Closed].into_iter().map(|s| view! {
                        <option value=s.id() selected=s == FeedbackStatus::Answered>{s.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">"保存答复"</button>
        </form>
        {i.handed_to.clone().map(|to| view! { <p class="notice">{format!("已转交 {to}，对方接收前仍由本窗口负责。")}</p> })}
        <h2>"转交其他窗口"</h2>
        <form class="flow" method="post" action=href(path::HANDOVER)>
            <Csrf me=me.clone()/>
            <input type="hidden" name="tracking" value=tracking.clone()/>
            <div class="field">
                <label for="s-to">"转交给"</label>
                <select id="s-to" name="to" required>
                    <option value="">"请选择"</option>
                    {detail.windows.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">"转交"</button>
        </form>
        {detail.case.map(|case| view! { <Case me tracking case/> })}
    }
}

#[component]
fn Case(me: Me, tracking: String, case: CaseRow) -> impl IntoView {
    let state = match (case.contacted_on, case.closed_on) {
        (_, Some(closed)) => format!("已于 {} 整改办结", closed.label()),
        (Some(contacted), None) => format!("已于 {} 回访，整改中", contacted.label()),
        (None, None) => "待回访".to_owned(),
    };
    let closed = case.closed_on.is_some();
    view! {
        <h2>"差评整改"</h2>
        <dl class="facts">
            <dt>"回访期限"</dt><dd>{case.contact_due.label()}</dd>
            <dt>"整改期限"</dt><dd>{case.fix_due.label()}</dd>
            <dt>"进展"</dt><dd>{state}</dd>
            {(case.fix_rating > 0).then(|| view! { <dt>"群众对整改的评价"</dt><dd>{format!("{} 星", case.fix_rating)}</dd> })}
            {closed.then(|| view! { <dt>"核实情况"</dt><dd>{case.finding.clone()}</dd><dt>"整改措施"</dt><dd>{case.fix.clone()}</dd> })}
        </dl>
        {(!closed).then(|| view! {
        <form class="flow" method="post" action=href(path::CASE_UPDATE)>
            <Csrf me/>
            <input type="hidden" name="tracking" value=tracking/>
            <label class="choice"><input type="checkbox" name="contacted" checked=case.contacted_on.is_some()/><span>"已电话回访"</span></label>
            <div class="field">
                <label for="s-finding">"核实情况"</label>
                <textarea id="s-finding" name="finding" rows="3">{case.finding}</textarea>
            </div>
            <div class="field">
                <label for="s-fix">"整改措施（群众查询时可见）"</label>
                <textarea id="s-fix" name="fix" rows="3">{case.fix}</textarea>
            </div>
            <label class="choice"><input type="checkbox" name="close"/><span>"整改完成，办结（办结后记录不能再改）"</span></label>
            <button type="submit" class="button">"保存整改记录"</button>
        </form>
        })}
    }
}
