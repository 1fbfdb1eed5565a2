//! The static site: `dist/` with pre-compressed files and the 404 page, also for paths no file
//! could ever have.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub fn service(dist: &Path) -> ServeDir<tower_http::set_status::SetStatus<ServeFile>> {
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(dist.join("404.html")))
}

/// The longest path, and path segment, a file of the site can have.
const MAX_PATH: usize = 1024;
const MAX_SEGMENT: usize = 200;

/// Middleware: a path longer than any file name the disk allows is answered with the 404 page
/// at once, instead of an operating-system error and a 500.
pub async fn refuse_long_paths(State(dist): State<PathBuf>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.len() <= MAX_PATH && path.split('/').all(|segment| segment.len() <= MAX_SEGMENT) {
        return next.run(request).await;
    }
    let page = ServeFile::new(dist.join("404.html")).oneshot(Request::new(axum::body::Body::empty())).await;
    match page {
        Ok(page) => (StatusCode::NOT_FOUND, page).into_response(),
        Err(never) => match never {},
    }
}
