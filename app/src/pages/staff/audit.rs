//! The audit trail for supervisors: the newest entries, whether the chain is intact, and the
//! whole trail as CSV.

use leptos::prelude::*;
use swg_model::staff::{href, path, AuditEntry};

#[component]
pub(super) fn Audit(entries: Vec<AuditEntry>, broken_at: Option<i64>) -> impl IntoView {
    let (role, integrity) = match broken_at {
        None => ("status", "审计记录完整：每一条都与前一条相符。".to_owned()),
        Some(seq) => ("alert", format!("审计记录从第 {seq} 条起被改动过，请立即上报。")),
    };
    let integrity = view! { <p class="notice" role=role>{integrity}</p> };
    view! {
        {integrity}
        <p><a class="tap" href=href(path::AUDIT_CSV) download="audit.csv">"下载全部审计记录（CSV）"</a></p>
        <div class="table-scroll" tabindex="0" role="region" aria-label="审计记录">
            <table class="console-table">
                <thead><tr><th scope="col">"#"</th><th scope="col">"时间"</th><th scope="col">"人员"</th><th scope="col">"操作"</th><th scope="col">"对象"</th><th scope="col">"来源"</th></tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| view! {
                        <tr><td data-label="#">{e.seq}</td><td data-label="时间">{e.at}</td><td data-label="人员">{e.actor}</td><td data-label="操作">{e.action}{(!e.detail.is_empty()).then(|| format!("：{}", e.detail))}</td><td data-label="对象">{e.target}</td><td data-label="来源">{e.client}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
