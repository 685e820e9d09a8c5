//! reprint-serve: the HTTP API and the server-rendered web UI over a reprint
//! store (`reprint serve`).
//!
//! - [`api`]: the JSON API under `/api/`, described by [`openapi`].
//! - [`ui`]: HTML pages (search, story with SVG timeline and copy graph,
//!   article, side-by-side diff, site), built with the escaping [`html`]
//!   builder; [`svg`] draws the charts, [`diff`] cuts texts into passages.
//! - [`db`]: SQLite access from the blocking pool.
//! - Stories are served with the licensed partners file
//!   ([`Config::partners`]) applied, so verdicts match `reprint show`.
//! - [`fetch`]: with `--allow-fetch`, fetching a page to trace by its URL,
//!   never from a loopback, private or otherwise non-public address.
//!
//! Security posture: every page-derived string is escaped; responses carry a
//! Content-Security-Policy without `unsafe-inline` (CSS and JS are separate
//! same-origin files served from the binary); the time to send request
//! headers, request bodies and handling time are bounded; the server fetches
//! no URL unless started with `--allow-fetch`. Writes happen only via
//! `POST /api/ingest` when a token was configured.

pub mod api;
pub mod db;
pub mod diff;
pub mod dto;
pub mod error;
pub mod fetch;
pub mod html;
pub mod openapi;
pub mod svg;
pub mod ui;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

use crate::db::Db;
use crate::error::{ApiError, StartError};
use crate::fetch::Fetcher;

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
    /// Largest request body accepted (bytes); larger gets 413. Also the
    /// largest page `--allow-fetch` reads.
    pub max_body: usize,
    /// Longest a request may take before a 503.
    pub timeout: Duration,
    /// Longest a client may take to send a request's headers before the
    /// connection is closed (a slowloris client holds connections open by
    /// sending headers a byte at a time). Also how long an idle keep-alive
    /// connection is kept.
    pub header_timeout: Duration,
    /// Read-only SQLite connections (and concurrent queries) at most.
    pub readers: usize,
    /// Whether `POST /api/trace` may fetch a page by URL.
    pub allow_fetch: bool,
    /// Licensed partners applied to every story served (as `reprint show`
    /// applies them): an uncredited copy on a licensee of its source is
    /// "licensed".
    pub partners: Option<reprint_trace::Partners>,
}

impl Config {
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            ingest_token: None,
            max_body: 8 << 20,
            timeout: Duration::from_secs(20),
            header_timeout: Duration::from_secs(10),
            readers: 8,
            allow_fetch: false,
            partners: None,
        }
    }
}

/// What handlers share.
pub struct AppState {
    pub db: Arc<Db>,
    pub ingest_token: Option<String>,
    /// Present only with `--allow-fetch`.
    pub fetcher: Option<Fetcher>,
    /// The licensed partners file, applied when stories are read.
    pub partners: Option<Arc<reprint_trace::Partners>>,
}

impl AppState {
    /// The state for `cfg` over an opened database.
    pub fn new(db: Db, cfg: &Config) -> Result<AppState, StartError> {
        let fetcher = if cfg.allow_fetch {
            let mut f = Fetcher::new()?;
            f.max_bytes = cfg.max_body;
            // Leave the request time limit room to answer with the fetch's error.
            f.timeout = f.timeout.min(cfg.timeout / 2);
            Some(f)
        } else {
            None
        };
        Ok(AppState {
            db: Arc::new(db),
            ingest_token: cfg.ingest_token.clone(),
            fetcher,
            partners: cfg.partners.clone().map(Arc::new),
        })
    }
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
        get "/api/openapi.json" => openapi::serve,
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
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
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
pub fn build(cfg: &Config) -> Result<Router, StartError> {
    let db = Db::open(&cfg.db, cfg.readers, cfg.ingest_token.is_some())?;
    Ok(app(Arc::new(AppState::new(db, cfg)?), cfg))
}

/// Serves until Ctrl-C.
pub async fn run(cfg: Config) -> Result<(), StartError> {
    let router = build(&cfg)?;
    let listener = TcpListener::bind(cfg.bind).await?;
    let addr = listener.local_addr()?;
    eprintln!(
        "reprint serve: http://{addr}/ ({}{})",
        if cfg.ingest_token.is_some() {
            "ingest enabled"
        } else {
            "read-only"
        },
        if cfg.allow_fetch {
            ", fetches public URLs"
        } else {
            ""
        }
    );
    serve(listener, router, cfg.header_timeout, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}

/// Serves `router` on `listener` until `shutdown` completes, then gives open
/// connections up to 10 s to finish. HTTP/1.1 through hyper directly rather
/// than `axum::serve`, which sets no timer and so no header-read timeout.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of file descriptors and the like: wait, do not spin.
                        tracing::warn!("accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let service = TowerToHyperService::new(router.clone());
                let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
                tokio::spawn(async move {
                    // Resets, header timeouts and bad requests end only this connection.
                    let _ = conn.await;
                });
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(10), graceful.shutdown()).await;
}

/// Runs the server on its own multi-threaded runtime until Ctrl-C (for
/// callers that are not async, like the CLI).
pub fn run_blocking(cfg: Config) -> Result<(), StartError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run(cfg))
}

/// An error in the form the path's client reads: JSON under `/api/`, an
/// HTML page elsewhere.
fn error_for(path: &str, e: ApiError) -> Response {
    if path.starts_with("/api/") {
        e.into_response()
    } else {
        ui::error_page(e)
    }
}

async fn not_found(req: Request) -> Response {
    error_for(
        req.uri().path(),
        ApiError::not_found("There is no such page."),
    )
}

async fn method_not_allowed(req: Request) -> Response {
    let e = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{} is not allowed here", req.method()),
    );
    error_for(req.uri().path(), e)
}

/// Bounds handling time: a slow query answers 503 instead of holding the
/// connection forever.
async fn limit_time(limit: Duration, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => error_for(
            &path,
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "request took too long"),
        ),
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
