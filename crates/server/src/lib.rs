//! The HTTP service: serves `dist/` with pre-compressed files, sensible caching and security
//! headers. `router` needs no socket, so tests call it directly.

use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// How the service runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The built static site.
    pub dist: PathBuf,
    pub addr: SocketAddr,
}

/// The whole service as a router.
pub fn router(dist: &Path) -> Router {
    let not_found = ServeFile::new(dist.join("404.html"));
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .not_found_service(not_found);
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn(cache_and_status))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
}

/// Hashed assets are cached for a year; pages and data are revalidated on every visit.
async fn cache_and_status(request: Request<axum::body::Body>, next: Next) -> Response {
    let immutable = request.uri().path().contains("/assets/");
    let mut response = next.run(request).await;
    let value = if immutable && response.status() == StatusCode::OK {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response.into_response()
}

/// Binds and serves until Ctrl-C. Returns the address actually bound (port 0 picks a free one).
pub async fn serve(config: Config, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    ready(listener.local_addr()?);
    axum::serve(listener, router(&config.dist))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("windows/huji")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("assets")).expect("mkdir");
        std::fs::write(dir.path().join("index.html"), "home").expect("write");
        std::fs::write(dir.path().join("404.html"), "missing").expect("write");
        std::fs::write(dir.path().join("windows/huji/index.html"), "huji").expect("write");
        std::fs::write(dir.path().join("assets/site-1.css"), "body{}").expect("write");
        std::fs::write(dir.path().join("assets/site-1.css.br"), "br").expect("write");
        dir
    }

    async fn get(dist: &Path, uri: &str, accept: &str) -> Response {
        let request =
            Request::get(uri).header(header::ACCEPT_ENCODING, accept).body(Body::empty()).expect("request");
        router(dist).oneshot(request).await.expect("infallible")
    }

    #[tokio::test]
    async fn a_route_directory_serves_its_index_html() {
        let dir = site();
        let response = get(dir.path(), "/windows/huji/", "").await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    }

    #[tokio::test]
    async fn an_unknown_path_gets_the_404_page_with_status_404() {
        let dir = site();
        let response = get(dir.path(), "/nowhere/", "").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let body = axum::body::to_bytes(response.into_body(), 1024).await.expect("body");
        assert_eq!(&body[..], b"missing");
    }

    #[tokio::test]
    async fn assets_are_served_precompressed_and_cached_for_a_year() {
        let dir = site();
        let response = get(dir.path(), "/assets/site-1.css", "br, gzip").await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    }

    #[tokio::test]
    async fn path_traversal_never_leaves_dist() {
        let dir = site();
        let response = get(dir.path(), "/../../etc/passwd", "").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
}
