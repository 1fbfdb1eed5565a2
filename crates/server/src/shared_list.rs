//! A checklist share link opened without JavaScript: the guide rendered with the shared answers
//! and ticks, so the recipient sees the sender's list, not the default one.

use crate::files;
use crate::AppState;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use swg_model::checklist::ChecklistState;
use swg_model::Content;
use tower::ServiceExt;

/// `GET /services/{id}/`: with a checklist in the query, the guide rendered with it; otherwise
/// (or for an unknown guide) the static site answers as for any other file.
pub async fn guide(State(state): State<AppState>, Path(id): Path<String>, request: Request) -> Response {
    let shared = request.uri().query().and_then(ChecklistState::from_query);
    let guide = state.site.guides.iter().find(|g| g.id == id);
    if let (Some(shared), Some(guide)) = (shared, guide) {
        let content = Content::Service(Box::new(guide.clone()));
        let page = swg_app::page_data(&state.site.info, &content);
        let description = content.description(&state.site.info);
        if let Ok(html) = swg_app::page_document(&state.site.info, &page, description, &state.assets, &shared)
        {
            let headers =
                [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")];
            return (StatusCode::OK, headers, html).into_response();
        }
    }
    match files::service(&state.config.dist).oneshot(request).await {
        Ok(file) => file.into_response(),
        Err(never) => match never {},
    }
}
