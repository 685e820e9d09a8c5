//! API errors: every failure becomes a JSON body `{"error": {"status",
//! "message"}}` with a proper status code (the UI renders the same
//! [`ApiError`] as an HTML page). Store failures are logged and reported as
//! 500 without their details (paths stay on the server). [`StartError`]:
//! why the server could not start.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error answer.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn internal(e: impl std::fmt::Display) -> ApiError {
        tracing::error!("internal error: {e}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
    }
}

impl From<crate::fetch::FetchError> for ApiError {
    fn from(e: crate::fetch::FetchError) -> ApiError {
        ApiError::new(e.status(), e.to_string())
    }
}

impl From<reprint_store::StoreError> for ApiError {
    fn from(e: reprint_store::StoreError) -> ApiError {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"status": self.status.as_u16(), "message": self.message}});
        (self.status, Json(body)).into_response()
    }
}

/// Maps an extractor's rejection (bad path, query, JSON or body) to a JSON
/// error with the same status (400, 413, 415, 422…).
pub fn rejection(r: impl IntoResponse + std::fmt::Display) -> ApiError {
    let message = r.to_string();
    let status = r.into_response().status();
    ApiError::new(status, message)
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] reprint_store::StoreError),
    #[error("TLS set-up for --allow-fetch: {0}")]
    Tls(#[from] tokio_rustls::rustls::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}
