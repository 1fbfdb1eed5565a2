//! The HTTP service: the static site from `dist/`, the appointments and feedback API under
//! `/api/`, and plain-HTML form targets for browsers without JavaScript. `router` needs no
//! socket, so tests call it directly; `serve` binds a port.

mod api;
pub mod booking;
pub mod config;
pub mod db;
mod error;
pub mod feedback;
mod files;
mod forms;
mod idempotency;
mod places;
mod rate;
mod rows;

pub use config::Config;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use swg_content::Site;
use swg_model::api::{path, ApiError};
use swg_model::Assets;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// What every request handler shares. Holds no correctness state: that lives in the database.
#[derive(Clone)]
pub struct AppState {
    pub pool: db::Pool,
    pub site: Arc<Site>,
    pub config: Arc<Config>,
    /// The built site's asset names (`dist/assets.json`), for the answer pages.
    pub assets: Arc<Assets>,
    limiter: Arc<rate::RateLimiter>,
}

impl AppState {
    /// Loads the content and the built site's asset names, opens (and migrates) the database.
    pub async fn new(config: Config) -> Result<AppState, String> {
        let site = swg_content::load(&config.content).map_err(|e| e.to_string())?;
        let assets_file = config.dist.join(Assets::FILE);
        let assets: Assets = std::fs::read_to_string(&assets_file)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
            .map_err(|e| {
                format!("{}: {e}; build the site first with `cargo xtask build`", assets_file.display())
            })?;
        let pool = db::connect(&config.database_url).await?;
        Ok(AppState {
            pool,
            site: Arc::new(site),
            assets: Arc::new(assets),
            limiter: Arc::new(rate::RateLimiter::new(config.writes_per_minute)),
            config: Arc::new(config),
        })
    }
}

async fn no_such_api() -> (StatusCode, Json<ApiError>) {
    (StatusCode::NOT_FOUND, Json(ApiError { message: "没有这个接口。".into(), fields: Vec::new() }))
}

/// The whole service as a router.
pub fn router(state: AppState) -> Router {
    let dynamic = Router::new()
        .route("/api/health", get(api::health))
        .route(path::AVAILABILITY, get(api::availability))
        .route(path::BOOKINGS, post(api::book))
        .route(path::BOOKING_LOOKUP, post(api::lookup))
        .route(path::BOOKING_RESCHEDULE, post(api::reschedule))
        .route(path::BOOKING_CANCEL, post(api::cancel))
        .route(path::FEEDBACK, post(api::submit_feedback))
        .route(path::FEEDBACK_LOOKUP, post(api::feedback_lookup))
        .route(path::STATS, get(api::stats))
        .route("/api/{*rest}", any(no_such_api))
        .route(path::FORM_BOOKING, post(forms::booking))
        .route(path::FORM_FEEDBACK, post(forms::feedback))
        .layer(DefaultBodyLimit::max(16 * 1024))
        .layer(axum::middleware::from_fn_with_state(state.limiter.clone(), rate::limit))
        .with_state(state.clone());
    let site = Router::new().merge(dynamic).fallback_service(files::service(&state.config.dist));
    // A site built for a sub-path (`cargo xtask build --base /guide`) is served under it.
    let base = swg_model::route::base_path();
    let routed = if base.is_empty() { site } else { Router::new().nest_service(base, site) };
    routed
        .layer(axum::middleware::from_fn(files::cache_headers))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
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

/// Binds 127.0.0.1:`port` (0 picks a free one), reports the address, and serves until Ctrl-C.
pub async fn serve(state: AppState, port: u16, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    ready(listener.local_addr()?);
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
