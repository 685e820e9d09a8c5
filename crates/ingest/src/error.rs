//! Why a page or input could not be read. Each reason renders as one short
//! line; [`crate::InputError`] pairs it with the input it concerns.

use std::io;

use crate::InputError;

/// The extensions accepted for files, listed in the unknown-kind error.
pub(crate) const ACCEPTED: &str =
    ".html .htm .xhtml .txt .md .markdown .jsonl .ndjson .warc (each also .gz)";

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Reason {
    /// An OS-level failure, already described in plain words.
    #[error("{0}")]
    Io(String),
    #[error("unknown file type; accepted: {ACCEPTED}")]
    UnknownKind,
    #[error("binary file, not a page")]
    Binary,
    #[error("empty page")]
    Empty,
    #[error("undecodable text: {bad} of {total} characters could not be decoded as {encoding}")]
    Undecodable {
        bad: usize,
        total: usize,
        encoding: &'static str,
    },
    #[error("page is {size} bytes, over the limit of {limit}")]
    TooLarge { size: u64, limit: usize },
    /// The exact size is unknown: reading (or decompressing) stops at the limit.
    #[error("page is over the limit of {limit} bytes (reading stopped there)")]
    TooLargeUnknown { limit: usize },
    #[error("truncated gzip stream")]
    TruncatedGzip,
    #[error("corrupt gzip stream: {0}")]
    CorruptGzip(String),
    #[error("truncated record: expected {expected} content bytes, got {got}")]
    TruncatedRecord { expected: u64, got: u64 },
    #[error("truncated record: input ends inside the WARC header")]
    TruncatedHeader,
    #[error("malformed WARC record: {0}")]
    Warc(String),
    #[error("malformed HTTP response: {0}")]
    Http(String),
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("line is not a JSON object")]
    NotObject,
    #[error("missing field `id`")]
    MissingId,
    #[error("missing field: one of `html` or `text` is required")]
    MissingBody,
    #[error("field `{field}` must be {expected}, got {got}")]
    WrongType {
        field: &'static str,
        expected: &'static str,
        got: &'static str,
    },
}

impl Reason {
    /// Describes an I/O error in the lower-case words used by `ls`/`cat`,
    /// without the `(os error N)` suffix, so messages read the same everywhere.
    pub(crate) fn from_io(err: &io::Error) -> Reason {
        let text = match err.kind() {
            io::ErrorKind::NotFound => "no such file or directory".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => {
                let full = err.to_string();
                let bare = full.split(" (os error").next().unwrap_or(&full);
                lowercase_first(bare)
            }
        };
        Reason::Io(text)
    }

    /// Maps an error met while reading through a gzip decoder: flate2 reports
    /// a cut-off stream as `UnexpectedEof` and bad data as invalid input/data.
    pub(crate) fn from_gzip_io(err: &io::Error) -> Reason {
        match err.kind() {
            io::ErrorKind::UnexpectedEof => Reason::TruncatedGzip,
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
                Reason::CorruptGzip(lowercase_first(&err.to_string()))
            }
            _ => Reason::from_io(err),
        }
    }

    pub(crate) fn at(self, input: impl Into<String>) -> InputError {
        InputError::new(input, self.to_string())
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_like_the_shell() {
        let err = io::Error::from_raw_os_error(2);
        assert_eq!(
            Reason::from_io(&err).to_string(),
            "no such file or directory"
        );
        let err = io::Error::from_raw_os_error(20);
        assert_eq!(Reason::from_io(&err).to_string(), "not a directory");
    }

    #[test]
    fn reasons_are_one_line() {
        let err = InputError::new("a.html", "bad\nthing\r\nhere");
        assert_eq!(err.to_string(), "a.html: bad thing here");
    }
}
