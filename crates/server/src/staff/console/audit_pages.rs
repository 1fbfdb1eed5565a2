//! The audit trail for supervisors, on a page and as CSV.

use super::*;

pub(super) fn oversees(signed: &Signed) -> bool {
    signed.account.role.0 != StaffRole::Window
}

pub async fn audit_page(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if !oversees(&signed) {
        return signed.refuse(&state, "view audit", "audit", "审计记录只有督察和管理员可以查看。").await;
    }
    let entries = audit::latest(&state.pool, 200).await;
    let broken_at = audit::first_broken(&state.pool).await;
    match (entries, broken_at) {
        (Ok(entries), Ok(broken_at)) => {
            page(&state, StatusCode::OK, StaffPage::Audit { me: signed.me(&state), entries, broken_at })
        }
        (Err(failure), _) | (_, Err(failure)) => failed(&state, &failure),
    }
}

pub async fn audit_csv(
    State(state): State<AppState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
) -> Response {
    let signed = match signed_in(&state, &headers, client_of(client)).await {
        Ok(signed) => signed,
        Err(response) => return response,
    };
    if !oversees(&signed) {
        return signed.refuse(&state, "export audit", "audit", "审计记录只有督察和管理员可以导出。").await;
    }
    let exported = audit::record_alone(&state.pool, signed.event("exported audit", "audit", "")).await;
    match exported.and(audit::csv(&state.pool).await) {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\""),
            ],
            csv,
        )
            .into_response(),
        Err(failure) => failed(&state, &failure),
    }
}
