//! WARC archives (ISO 28500), plain, whole-file gzipped, or one gzip member
//! per record as Common Crawl writes them.
//!
//! The parser is written by hand rather than taken from a crate because we
//! need each record's byte offset for error messages (`path@OFFSET`, the
//! offset in the compressed file when records are separate gzip members) and
//! must keep every record before a truncation; the format is small: a
//! version line, `Name: value` headers, a blank line, `Content-Length` bytes.

use std::io::{self, BufRead, BufReader, Read};

use tracing::debug;

use crate::bounded::{read_line, Line};
use crate::document::{html_text, read_failure};
use crate::error::Reason;
use crate::gzip::{Counted, Members, Stream};
use crate::http::{is_html_type, sniff_html, Headers, Response};
use crate::{InputError, Page, PageBody};

/// A decompressed WARC stream that knows which offsets to report.
pub(crate) trait RecordStream: BufRead + Send {
    /// Position in the decompressed stream.
    fn position(&self) -> u64;

    /// The offset to report for a record starting at the current position.
    fn record_offset(&self) -> u64;

    /// For gzip: (decompressed, compressed) start of the member being read.
    fn member_start(&self) -> Option<(u64, u64)>;
}

impl RecordStream for Counted<BufReader<Stream>> {
    fn position(&self) -> u64 {
        Counted::position(self)
    }

    fn record_offset(&self) -> u64 {
        Counted::position(self)
    }

    fn member_start(&self) -> Option<(u64, u64)> {
        None
    }
}

impl RecordStream for Counted<BufReader<Members<BufReader<Stream>>>> {
    fn position(&self) -> u64 {
        Counted::position(self)
    }

    fn record_offset(&self) -> u64 {
        self.get_ref().get_ref().offset_for(Counted::position(self))
    }

    fn member_start(&self) -> Option<(u64, u64)> {
        Some(self.get_ref().get_ref().member_start())
    }
}

/// Opens `reader` (already known to be gzip or not) as a record stream.
pub(crate) fn record_stream(reader: Stream, gzipped: bool) -> Box<dyn RecordStream> {
    if gzipped {
        let members = Members::new(BufReader::new(reader));
        Box::new(Counted::new(BufReader::new(members)))
    } else {
        Box::new(Counted::new(BufReader::new(reader)))
    }
}

/// A record's content: the stream, limited to its `Content-Length`.
type Content<'a> = io::Take<&'a mut Box<dyn RecordStream>>;

/// Streams the HTML pages of one WARC input.
pub(crate) struct WarcPages {
    name: String,
    stream: Box<dyn RecordStream>,
    gzipped: bool,
    limit: usize,
    /// Decompressed position and reported origin of the latest record.
    record_pos: u64,
    record_origin: String,
    done: bool,
}

/// What became of one record.
enum Outcome {
    Page(Page),
    /// Not a page we want (request, non-HTML, non-2xx…): skipped quietly.
    Skip(String),
    Bad(Reason),
}

/// Why reading a WARC input had to stop.
enum Stop {
    Io(io::Error),
    Bad(Reason),
}

impl From<io::Error> for Stop {
    fn from(err: io::Error) -> Self {
        Stop::Io(err)
    }
}

impl WarcPages {
    pub(crate) fn new(
        name: &str,
        stream: Box<dyn RecordStream>,
        gzipped: bool,
        limit: usize,
    ) -> Self {
        WarcPages {
            name: name.to_string(),
            stream,
            gzipped,
            limit,
            record_pos: 0,
            record_origin: format!("{name}@0"),
            done: false,
        }
    }

    /// Reads the next record. `Ok(None)` is a clean end of input; `Err`
    /// ends the input, since a WARC cannot be resynchronised reliably.
    fn next_record(&mut self) -> Result<Option<Outcome>, Stop> {
        if !skip_blank_lines(&mut self.stream)? {
            return Ok(None);
        }
        self.record_pos = self.stream.position();
        self.record_origin = format!("{}@{}", self.name, self.stream.record_offset());
        let headers = read_warc_head(&mut self.stream)?.map_err(Stop::Bad)?;
        let length = match headers
            .get("content-length")
            .map(|v| v.trim().parse::<u64>())
        {
            Some(Ok(length)) => length,
            _ => {
                return Err(Stop::Bad(Reason::Warc(
                    "missing or invalid Content-Length".into(),
                )))
            }
        };
        let mut content = (&mut self.stream).take(length);
        let outcome = record_outcome(&headers, &mut content, &self.record_origin, self.limit)?;
        // Skip what the record's handling left unread, then check it was all there.
        io::copy(&mut content, &mut io::sink())?;
        let missing = content.limit();
        if missing > 0 {
            let got = length - missing;
            return Err(Stop::Bad(Reason::TruncatedRecord {
                expected: length,
                got,
            }));
        }
        Ok(Some(outcome))
    }

    /// Where to point a stopping error. A broken gzip member is reported at
    /// its compressed start when it holds the latest record (Common Crawl
    /// layout: that is where to cut the file); otherwise at the record.
    fn stop_error(&self, stop: Stop) -> InputError {
        let reason = match stop {
            Stop::Bad(reason) => return reason.at(&self.record_origin),
            Stop::Io(err) => read_failure(&err, self.gzipped),
        };
        match self.stream.member_start() {
            Some((start, compressed)) if start >= self.record_pos => {
                reason.at(format!("{}@{compressed}", self.name))
            }
            _ => reason.at(&self.record_origin),
        }
    }
}

impl Iterator for WarcPages {
    type Item = Result<Page, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(None) => self.done = true,
                Ok(Some(Outcome::Page(page))) => return Some(Ok(page)),
                Ok(Some(Outcome::Skip(why))) => debug!("{}: skipped: {why}", self.record_origin),
                Ok(Some(Outcome::Bad(reason))) => return Some(Err(reason.at(&self.record_origin))),
                Err(stop) => {
                    self.done = true;
                    return Some(Err(self.stop_error(stop)));
                }
            }
        }
        None
    }
}

/// Consumes blank lines between records; `Ok(false)` at end of input.
fn skip_blank_lines(stream: &mut impl BufRead) -> io::Result<bool> {
    loop {
        let buf = stream.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let blank = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        if blank == 0 {
            return Ok(true);
        }
        stream.consume(blank);
    }
}

/// Reads the `WARC/1.x` line and the record headers.
fn read_warc_head(stream: &mut impl BufRead) -> io::Result<Result<Headers, Reason>> {
    let mut line = Vec::new();
    match read_line(stream, &mut line, 64)? {
        Line::Complete if line.starts_with(b"WARC/") => {}
        Line::Eof => return Ok(Err(Reason::TruncatedHeader)),
        _ => return Ok(Err(Reason::Warc("expected a WARC/1.x version line".into()))),
    }
    Ok(match Headers::read(stream)? {
        Ok(Some(headers)) => Ok(headers),
        Ok(None) => Err(Reason::TruncatedHeader),
        Err(reason) => Err(Reason::Warc(reason.to_string())),
    })
}

/// Decides what a record yields, reading as much of `content` as needed.
fn record_outcome(
    headers: &Headers,
    content: &mut Content<'_>,
    origin: &str,
    limit: usize,
) -> io::Result<Outcome> {
    let record_type = headers.get("warc-type").unwrap_or("").to_ascii_lowercase();
    let body = match record_type.as_str() {
        "response" => response_body(headers, content, limit)?,
        "resource" => resource_body(headers, content, limit)?,
        other => Err(Outcome::Skip(format!("WARC-Type {other}"))),
    };
    let (bytes, charset) = match body {
        Ok(found) => found,
        Err(outcome) => return Ok(outcome),
    };
    let url = headers.get("warc-target-uri").map(strip_angle_brackets);
    Ok(
        match html_text(&bytes, charset.as_deref(), url.as_deref()) {
            Ok(html) => Outcome::Page(page(headers, url, html, origin)),
            Err(reason) => Outcome::Bad(reason),
        },
    )
}

/// An HTML body with its HTTP charset, or the outcome that replaces it.
type Body = Result<(Vec<u8>, Option<String>), Outcome>;

/// The HTML payload of a `response` record holding an HTTP response.
fn response_body(headers: &Headers, content: &mut Content<'_>, limit: usize) -> io::Result<Body> {
    let is_http = headers
        .media_type()
        .is_some_and(|m| m.starts_with("application/http"))
        || content.fill_buf()?.starts_with(b"HTTP/");
    if !is_http {
        return Ok(Err(Outcome::Skip("response is not HTTP".into())));
    }
    let response = match Response::read(content)? {
        Ok(response) => response,
        Err(reason) => return Ok(Err(Outcome::Bad(reason))),
    };
    if !response.is_success() {
        return Ok(Err(Outcome::Skip(format!(
            "HTTP status {}",
            response.status
        ))));
    }
    let media = response.headers.media_type();
    if media.as_deref().is_some_and(|m| !is_html_type(m)) {
        return Ok(Err(Outcome::Skip(format!(
            "Content-Type {}",
            media.unwrap_or_default()
        ))));
    }
    let raw = match bounded_payload(content, limit)? {
        Ok(raw) => raw,
        Err(outcome) => return Ok(Err(outcome)),
    };
    let body = match response.decode_body(raw, limit) {
        Ok(body) => body,
        Err(reason) => return Ok(Err(Outcome::Bad(reason))),
    };
    if media.is_none() && !sniff_html(&body) {
        return Ok(Err(Outcome::Skip(
            "untyped payload does not look like HTML".into(),
        )));
    }
    let charset = response
        .headers
        .get("content-type")
        .and_then(crate::decode::charset_param);
    Ok(Ok((body, charset)))
}

/// The payload of a `resource` record whose own Content-Type is HTML.
fn resource_body(headers: &Headers, content: &mut Content<'_>, limit: usize) -> io::Result<Body> {
    let media = headers.media_type().unwrap_or_default();
    if !is_html_type(&media) {
        return Ok(Err(Outcome::Skip(format!("resource of type {media}"))));
    }
    let charset = headers
        .get("content-type")
        .and_then(crate::decode::charset_param);
    Ok(bounded_payload(content, limit)?.map(|raw| (raw, charset)))
}

/// Reads the rest of the record content unless it is over the page limit.
fn bounded_payload(
    content: &mut Content<'_>,
    limit: usize,
) -> io::Result<Result<Vec<u8>, Outcome>> {
    let size = content.limit();
    if size > limit as u64 {
        return Ok(Err(Outcome::Bad(Reason::TooLarge { size, limit })));
    }
    let mut raw = Vec::new();
    content.read_to_end(&mut raw)?;
    Ok(Ok(raw))
}

fn page(headers: &Headers, url: Option<String>, html: String, origin: &str) -> Page {
    let id = url
        .clone()
        .or_else(|| headers.get("warc-record-id").map(strip_angle_brackets))
        .unwrap_or_else(|| origin.to_string());
    Page {
        id,
        url,
        body: PageBody::Html(html),
        published: None,
        fetched: headers.get("warc-date").map(str::to_string),
        site: None,
        author: None,
        origin: origin.to_string(),
    }
}

/// WARC 1.0 examples wrapped URIs in `<…>` and some writers copied that.
fn strip_angle_brackets(value: &str) -> String {
    let value = value.trim();
    value
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(value)
        .to_string()
}
