//! The static site: `dist/` with pre-compressed files, caching headers and the 404 page.

use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

pub fn service(dist: &Path) -> ServeDir<tower_http::set_status::SetStatus<ServeFile>> {
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(dist.join("404.html")))
}

/// Hashed assets are cached for a year; pages, data and API answers are revalidated.
pub async fn cache_headers(request: Request<axum::body::Body>, next: Next) -> Response {
    let immutable = request.uri().path().contains("/assets/");
    let mut response = next.run(request).await;
    let value = if immutable && response.status() == StatusCode::OK {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}
