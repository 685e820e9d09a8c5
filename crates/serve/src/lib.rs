//! reprint-serve: the HTTP API and the server-rendered web UI over a reprint
//! store (`reprint serve`).
//!
//! - [`api`]: the JSON API under `/api/`, described by [`openapi`].
//! - [`ui`]: HTML pages (search, story with SVG timeline and copy graph,
//!   article, side-by-side diff, site), built with the escaping [`html`]
//!   builder; [`svg`] draws the charts, [`diff`] cuts texts into passages.
//! - [`db`]: SQLite access from the blocking pool.
//!
//! Security posture: every page-derived string is escaped; responses carry a
//! Content-Security-Policy without `unsafe-inline` (CSS and JS are separate
//! same-origin files served from the binary); request bodies and handling
//! time are bounded; the server never fetches URLs. Writes happen only via
//! `POST /api/ingest` when a token was configured.

pub mod api;
pub mod db;
pub mod diff;
pub mod error;
pub mod html;
pub mod openapi;
pub mod svg;
pub mod ui;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::db::Db;
use crate::error::ApiError;

/// The Content-Security-Policy of every response: same-origin CSS and JS
/// only, no inline code, no plugins, no framing, forms post only here.
pub const CSP: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Server settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub bind: SocketAddr,
    /// When set, `POST /api/ingest` accepts pages carrying this bearer token.
    pub ingest_token: Option<String>,
    /// Largest request body accepted (bytes); larger gets 413.
    pub max_body: usize,
    /// Longest a request may take before a 503.
    pub timeout: Duration,
    /// Read-only SQLite connections (and concurrent queries) at most.
    pub readers: usize,
}

impl Config {
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            ingest_token: None,
            max_body: 8 << 20,
            timeout: Duration::from_secs(20),
            readers: 8,
        }
    }
}

/// What handlers share.
pub struct AppState {
    pub db: Arc<Db>,
    pub ingest_token: Option<String>,
}

pub type Shared = Arc<AppState>;

/// Registers routes and records (method, path) of each, so a test can check
/// the OpenAPI document lists every API route.
macro_rules! routes {
    ($router:ident, $list:ident; $( $method:ident $path:literal => $handler:expr ),* $(,)?) => {{
        $(
            $list.push((stringify!($method), $path));
            $router = $router.route($path, axum::routing::$method($handler));
        )*
    }};
}

/// The application and the list of its routes.
pub fn app_with_routes(state: Shared, cfg: &Config) -> (Router, Vec<(&'static str, &'static str)>) {
    let mut r: Router<Shared> = Router::new();
    let mut list: Vec<(&'static str, &'static str)> = Vec::new();
    routes!(r, list;
        get "/api/openapi.json" => api::openapi,
        get "/api/search" => api::search,
        get "/api/articles" => api::articles_lookup,
        get "/api/articles/{id}" => api::article,
        get "/api/sites/{site}" => api::site,
        get "/api/stories" => api::stories,
        get "/api/stories/{id}" => api::story,
        get "/api/diff" => api::diff,
        get "/api/export" => api::export,
        post "/api/trace" => api::trace,
        post "/api/ingest" => api::ingest,
        get "/" => ui::home,
        get "/search" => ui::search,
        get "/stories/{id}" => ui::story,
        get "/articles/{id}" => ui::article,
        get "/diff" => ui::diff,
        get "/site" => ui::site,
        get "/static/app.css" => ui::css,
        get "/static/app.js" => ui::js,
    );
    let timeout = cfg.timeout;
    let router = r
        .fallback(fallback)
        .layer(DefaultBodyLimit::max(cfg.max_body))
        .layer(middleware::from_fn(move |req, next| {
            limit_time(timeout, req, next)
        }))
        .layer(middleware::from_fn(security_headers))
        .with_state(state);
    (router, list)
}

/// The application router.
pub fn app(state: Shared, cfg: &Config) -> Router {
    app_with_routes(state, cfg).0
}

/// Opens the store and builds the router for `cfg`.
pub fn build(cfg: &Config) -> Result<Router, reprint_store::StoreError> {
    let db = Db::open(&cfg.db, cfg.readers, cfg.ingest_token.is_some())?;
    let state = Arc::new(AppState {
        db: Arc::new(db),
        ingest_token: cfg.ingest_token.clone(),
    });
    Ok(app(state, cfg))
}

/// Serves until Ctrl-C.
pub async fn run(cfg: Config) -> anyhow_like::Result<()> {
    let router = build(&cfg)?;
    let listener = tokio::net::TcpListener::bind(cfg.bind).await?;
    let addr = listener.local_addr()?;
    eprintln!(
        "reprint serve: http://{addr}/ ({})",
        if cfg.ingest_token.is_some() {
            "ingest enabled"
        } else {
            "read-only"
        }
    );
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Runs the server on its own multi-threaded runtime until Ctrl-C (for
/// callers that are not async, like the CLI).
pub fn run_blocking(cfg: Config) -> anyhow_like::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run(cfg))
}

/// A boxed error for [`run`], so callers need no error crate.
pub mod anyhow_like {
    pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;
}

async fn fallback(req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        ApiError::not_found("no such API route").into_response()
    } else {
        ui::not_found()
    }
}

/// Bounds handling time: a slow query answers 503 instead of holding the
/// connection forever.
async fn limit_time(limit: Duration, req: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => {
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "request took too long").into_response()
        }
    }
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    resp
}

/// Shared-state extractor alias for handlers.
pub type St = State<Shared>;
