//! reprint-ingest: reads pages from the places news text is kept — HTML files
//! (optionally gzipped), markdown/plain-text dumps, JSONL (one page per line),
//! WARC / WARC.gz archives — and decodes their bytes to text the way browsers
//! do (BOM, HTTP header, `<meta charset>`, then detection).
//!
//! Every failure is an [`InputError`] naming the input (path, line, record
//! offset) and the reason; reading goes on with the next page. Reading is
//! lazy and streaming: memory is bounded by [`ReadOptions::max_page_bytes`],
//! not by the size of the inputs.
//!
//! Entry points: [`read_inputs`] for paths, [`read_reader`] for a stream such
//! as stdin, and [`decode_html`] / [`decode_text`] for bytes already in hand.

mod bounded;
mod decode;
mod document;
mod error;
mod gzip;
mod http;
mod jsonl;
mod kind;
mod source;
mod walk;
mod warc;

use std::io::Read;
use std::path::PathBuf;

pub use decode::{decode_html, decode_text, Decoded};
pub use kind::InputKind;

use error::Reason;
use source::Source;
use walk::Walk;

/// One page as read from an input, before extraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Stable identifier: the JSONL `id`, the file path as given, or the WARC
    /// record's target URI.
    pub id: String,
    pub url: Option<String>,
    pub body: PageBody,
    /// A publication date supplied by the input (JSONL `published`).
    pub published: Option<String>,
    /// When the page was fetched (JSONL `fetched`/`scrape_time`, `WARC-Date`).
    pub fetched: Option<String>,
    /// The site or publisher supplied by the input (JSONL `site`/`publisher`).
    pub site: Option<String>,
    /// The byline supplied by the input (JSONL `author`/`authors`/`byline`,
    /// a string or a list of names): scraped corpora keep it beside the text.
    pub author: Option<String>,
    /// Where the page was read from, for messages: `path`, `path:LINE`, `path@OFFSET`.
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PageBody {
    /// An HTML document, decoded to UTF-8.
    Html(String),
    /// Markdown or plain text, paragraphs separated by blank lines.
    Text(String),
}

/// Limits and switches for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Pages (after decompression) larger than this are refused.
    pub max_page_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_page_bytes: 20 * 1024 * 1024,
        }
    }
}

/// A page or input that could not be read. Displays as `INPUT: REASON`,
/// always on one line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{input}: {reason}")]
pub struct InputError {
    /// The path, with `:LINE` or `@OFFSET` where that narrows it down.
    pub input: String,
    pub reason: String,
}

impl InputError {
    /// Builds an error; line breaks in `reason` become spaces so each error
    /// stays one line of output.
    pub fn new(input: impl Into<String>, reason: impl AsRef<str>) -> Self {
        let reason = reason
            .as_ref()
            .split(['\r', '\n'])
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        InputError {
            input: input.into(),
            reason,
        }
    }
}

/// The pages of a set of inputs, in order; see [`read_inputs`].
pub struct Pages {
    walk: Walk,
    current: Option<Source>,
    opts: ReadOptions,
}

impl Iterator for Pages {
    type Item = Result<Page, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(item);
            }
            self.current = None;
            match self.walk.next()? {
                Ok(found) => self.current = Some(source::open_file(found, &self.opts)),
                Err(err) => return Some(Err(err)),
            }
        }
    }
}

/// Reads every page under `paths` (files and directories, recursively, in
/// sorted order), yielding pages and per-input errors as it goes.
///
/// Inside directories, hidden entries and files of unknown kind are skipped;
/// a file named explicitly must be of a known kind. Kinds come from the
/// extension (see [`InputKind::from_path`]); gzip is recognised by content.
pub fn read_inputs(paths: &[PathBuf], opts: &ReadOptions) -> Pages {
    Pages {
        walk: Walk::new(paths),
        current: None,
        opts: opts.clone(),
    }
}

/// Reads one JSONL line (without its newline) as [`read_inputs`] reads each
/// line of a JSONL file; `origin` names it in errors (`FILE:LINE` there). A
/// distributed run (the Spark job) splits JSONL files into lines itself and
/// reads each with this, so its pages are the same as a single run's.
pub fn read_jsonl_line(line: &[u8], origin: &str) -> Result<Page, InputError> {
    jsonl::parse_line(line, origin).map_err(|r| r.at(origin))
}

/// Reads pages from a stream, such as stdin for `reprint trace -`.
///
/// `name` stands for the stream in ids and messages (e.g. `-` or `<stdin>`):
/// an HTML or text page gets it as its id, JSONL lines are `name:LINE` and
/// WARC records `name@OFFSET`. With `kind` `None` the kind is sniffed from
/// the first bytes (inside gzip, if compressed): `WARC/` → WARC, `{` →
/// JSONL, a leading HTML tag → HTML, anything else → text.
pub fn read_reader(
    name: &str,
    reader: impl Read + Send + 'static,
    kind: Option<InputKind>,
    opts: &ReadOptions,
) -> Pages {
    let stream: gzip::Stream = Box::new(reader);
    let current = match kind {
        Some(kind) => source::open_stream(name, stream, kind, opts, None),
        None => match source::sniff_stream(stream) {
            Ok((kind, stream)) => source::open_stream(name, stream, kind, opts, None),
            Err(err) => source::failed(Reason::from_io(&err).at(name)),
        },
    };
    Pages {
        walk: Walk::new(&[]),
        current: Some(current),
        opts: opts.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_can_move_to_another_thread() {
        fn assert_send<T: Send>(_: &T) {}
        assert_send(&read_inputs(&[], &ReadOptions::default()));
        assert_send(&read_reader(
            "-",
            std::io::empty(),
            None,
            &ReadOptions::default(),
        ));
    }
}
