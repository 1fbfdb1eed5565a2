//! The HTTP service: the static site from `dist/`, the appointments and feedback API under
//! `/api/`, and plain-HTML form targets for browsers without JavaScript. `router` needs no
//! socket, so tests call it directly; `serve` binds a port.

mod api;
pub mod booking;
pub mod config;
pub mod db;
mod error;
pub mod feedback;
mod figures;
mod files;
mod forms;
mod headers;
mod idempotency;
mod input;
pub mod personal;
mod places;
mod rate;
pub mod retention;
mod rows;
mod shown;
pub mod staff;
mod work;

pub use config::Config;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{any, get, post};
use axum::Router;
use error::Failure;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use swg_content::Site;
use swg_model::api::{path, Stats};
use swg_model::Assets;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

/// What every request handler shares. Holds no correctness state: that lives in the database.
#[derive(Clone)]
pub struct AppState {
    pub pool: db::Pool,
    pub site: Arc<Site>,
    pub config: Arc<Config>,
    /// The built site's asset names (`dist/assets.json`), for the answer pages.
    pub assets: Arc<Assets>,
    /// The key for personal data at rest and for keyed hashes.
    pub keys: Arc<personal::Keys>,
    /// The Content-Security-Policy of every answer (it names the built loaders' hashes).
    csp: axum::http::HeaderValue,
    limits: Arc<rate::Limits>,
    /// The public figures and when they were computed (a cache per instance).
    stats: Arc<tokio::sync::Mutex<Option<(Instant, Stats)>>>,
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
        let keys = personal::Keys::load(std::env::var("SWG_SECRET_KEY").ok(), &config.key_file)?;
        let pool = db::connect(&config.database_url).await?;
        let sealed = personal::seal_plain_rows(&pool, &keys).await?;
        if sealed > 0 {
            tracing::info!(rows = sealed, "sealed personal data stored before it was encrypted");
        }
        Ok(AppState {
            pool,
            keys: Arc::new(keys),
            site: Arc::new(site),
            csp: axum::http::HeaderValue::from_str(&headers::content_security_policy(&assets)).map_err(
                |e| format!("{}: the asset names make no valid header: {e}", assets_file.display()),
            )?,
            assets: Arc::new(assets),
            limits: Arc::new(rate::Limits::new(&config)),
            stats: Arc::default(),
            config: Arc::new(config),
        })
    }
}

async fn no_such_api() -> Failure {
    Failure::NotFound("没有这个接口。".into())
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
        .route(path::BOOKING_FIND, post(api::find))
        .route(path::FEEDBACK, post(api::submit_feedback))
        .route(path::FEEDBACK_LOOKUP, post(api::feedback_lookup))
        .route(path::STATS, get(api::stats))
        .route("/api/{*rest}", any(no_such_api))
        .route(path::FORM_BOOKING, post(forms::booking).get(forms::booking_page))
        .route(path::FORM_FEEDBACK, post(forms::feedback))
        .route(path::FORM_LOOKUP, post(forms::lookup))
        .route(path::FORM_TRACK, post(forms::track))
        .route(path::FIX_RATING, post(api::rate_fix))
        .merge(staff::routes())
        .layer(DefaultBodyLimit::max(16 * 1024))
        // A body that stops arriving is a 408 (the extractors recognise this timeout).
        .layer(RequestBodyTimeoutLayer::new(Duration::from_secs(state.config.body_timeout_seconds)))
        .layer(axum::middleware::from_fn_with_state(state.clone(), headers::same_site_forms))
        .layer(axum::middleware::from_fn_with_state(state.clone(), rate::limit))
        .with_state(state.clone());
    let shared = Router::new()
        .route(&swg_model::Route::Service("{id}".to_owned()).path(), get(shown::guide))
        .route(
            &swg_model::Route::Service("{id}".to_owned()).in_lang(swg_model::Lang::En).path(),
            get(shown::english_guide),
        )
        .route(&swg_model::Route::Search.path(), get(shown::search))
        .route(&swg_model::Route::Search.in_lang(swg_model::Lang::En).path(), get(shown::english_search))
        .with_state(state.clone());
    let site =
        Router::new().merge(dynamic).merge(shared).fallback_service(files::service(&state.config.dist));
    // A site built for a sub-path (`cargo xtask build --base /guide`) is served under it.
    let base = swg_model::route::base_path();
    let routed = if base.is_empty() { site } else { Router::new().nest_service(base, site) };
    routed
        .layer(axum::middleware::from_fn_with_state(state.config.dist.clone(), files::refuse_long_paths))
        .layer(axum::middleware::from_fn_with_state(state.clone(), headers::add))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30)))
}

/// Serves the router on `listener` until `shutdown` completes, then lets open requests finish
/// (for up to ten seconds). A client that does not send its headers in time is disconnected.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;
    use tower::Service;
    let header_timeout = Duration::from_secs(state.config.header_timeout_seconds);
    let mut make = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(header_timeout);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(e) => {
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(service) = make.call(remote).await;
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "a connection ended with an error");
            }
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(10)) => tracing::warn!("requests still open after ten seconds were dropped"),
    }
}

/// Binds the configured address and `port` (0 picks a free one), reports the address, and
/// serves until Ctrl-C.
pub async fn serve(state: AppState, port: u16, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((state.config.listen, port))).await?;
    ready(listener.local_addr()?);
    serve_on(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}
