//! The HTTP response inside a WARC `response` record: status line, headers,
//! and the transfer/content encodings that stand between it and the page.

use std::io::BufRead;

use flate2::bufread::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::bounded::{read_line, read_to_limit, Line};
use crate::error::Reason;
use crate::gzip::is_gzip;

/// Longest header line and most header lines accepted before giving up.
const MAX_HEADER_LINE: usize = 64 * 1024;
const MAX_HEADER_LINES: usize = 1000;

/// Header fields, names lower-cased, in order. Shared by WARC and HTTP.
#[derive(Debug, Default)]
pub(crate) struct Headers(Vec<(String, String)>);

impl Headers {
    /// The first value of `name` (lower-case).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Reads `Name: value` lines up to a blank line (the blank line is
    /// consumed). `Ok(None)` means the input ended first.
    pub(crate) fn read(
        reader: &mut impl BufRead,
    ) -> std::io::Result<Result<Option<Headers>, Reason>> {
        let mut headers = Headers::default();
        let mut line = Vec::new();
        for _ in 0..MAX_HEADER_LINES {
            match read_line(reader, &mut line, MAX_HEADER_LINE)? {
                Line::Eof => return Ok(Ok(None)),
                Line::TooLong(_) => return Ok(Err(Reason::Http("header line too long".into()))),
                Line::Complete if line.is_empty() => return Ok(Ok(Some(headers))),
                Line::Complete => headers.push_line(&String::from_utf8_lossy(&line)),
            }
        }
        Ok(Err(Reason::Http("too many header lines".into())))
    }

    fn push_line(&mut self, line: &str) {
        // A line starting with white space continues the previous value (obsolete folding).
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = self.0.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            return;
        }
        if let Some((name, value)) = line.split_once(':') {
            self.0
                .push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }

    /// The media type of `Content-Type`, lower-case without parameters.
    pub(crate) fn media_type(&self) -> Option<String> {
        let value = self.get("content-type")?;
        let media = value
            .split(';')
            .next()
            .unwrap_or(value)
            .trim()
            .to_ascii_lowercase();
        (!media.is_empty()).then_some(media)
    }
}

/// Whether a media type is one of the HTML types we take.
pub(crate) fn is_html_type(media: &str) -> bool {
    media == "text/html" || media == "application/xhtml+xml"
}

/// A parsed HTTP response head.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Headers,
}

impl Response {
    /// Reads the status line and headers. `Ok(Err)` is a malformed head.
    pub(crate) fn read(reader: &mut impl BufRead) -> std::io::Result<Result<Response, Reason>> {
        let mut line = Vec::new();
        let status = match read_line(reader, &mut line, MAX_HEADER_LINE)? {
            Line::Complete => parse_status(&String::from_utf8_lossy(&line)),
            _ => None,
        };
        let Some(status) = status else {
            return Ok(Err(Reason::Http("bad status line".into())));
        };
        Ok(match Headers::read(reader)? {
            Ok(Some(headers)) => Ok(Response { status, headers }),
            Ok(None) => Err(Reason::Http("headers end without a blank line".into())),
            Err(reason) => Err(reason),
        })
    }

    pub(crate) fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Undoes `Transfer-Encoding: chunked` and `Content-Encoding`, never
    /// producing more than `limit` bytes.
    pub(crate) fn decode_body(&self, raw: Vec<u8>, limit: usize) -> Result<Vec<u8>, Reason> {
        let chunked = self
            .headers
            .get("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
        let body = if chunked { dechunk(&raw)? } else { raw };
        let encoding = self
            .headers
            .get("content-encoding")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        decompress(&encoding, body, limit)
    }
}

/// `HTTP/1.1 200 OK` → 200.
fn parse_status(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    let version = parts.next()?;
    if !version.starts_with("HTTP/") {
        return None;
    }
    parts.next()?.parse().ok()
}

/// Reassembles a chunked body. A body cut off mid-chunk keeps what arrived:
/// crawlers truncate long bodies, and the start of a page is still the page.
fn dechunk(mut raw: &[u8]) -> Result<Vec<u8>, Reason> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let Some(eol) = raw.iter().position(|&b| b == b'\n') else {
            return Ok(out);
        };
        let size_line = String::from_utf8_lossy(raw.get(..eol).unwrap_or_default());
        let size_text = size_line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| Reason::Http(format!("bad chunk size {size_text:?}")))?;
        if size == 0 {
            return Ok(out);
        }
        let data = raw.get(eol + 1..).unwrap_or_default();
        let take = size.min(data.len());
        out.extend_from_slice(data.get(..take).unwrap_or_default());
        let rest = data.get(take..).unwrap_or_default();
        raw = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        if take < size {
            return Ok(out);
        }
    }
}

/// Decompresses a `Content-Encoding`. Crawlers such as Common Crawl often
/// store the body already decoded but keep the header, so a gzip header on
/// a body without the gzip magic means "already decoded".
fn decompress(encoding: &str, body: Vec<u8>, limit: usize) -> Result<Vec<u8>, Reason> {
    let decoded = match encoding {
        "gzip" | "x-gzip" if is_gzip(&body) => read_to_limit(MultiGzDecoder::new(&body[..]), limit),
        "deflate" if body.first() == Some(&0x78) => {
            read_to_limit(ZlibDecoder::new(&body[..]), limit)
        }
        "deflate" => read_to_limit(DeflateDecoder::new(&body[..]), limit),
        "" | "identity" | "gzip" | "x-gzip" | "none" => return Ok(body),
        other => {
            return Err(Reason::Http(format!(
                "unsupported Content-Encoding {other:?}"
            )))
        }
    };
    decoded
        .map_err(|e| Reason::from_gzip_io(&e))?
        .ok_or(Reason::TooLargeUnknown { limit })
}

/// Whether `body` begins like HTML, for responses without a Content-Type.
pub(crate) fn sniff_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    crate::kind::looks_like_html(body.get(start..).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_and_headers() {
        let raw = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html;\r\n charset=utf-8\r\nX: y\r\n\r\nbody";
        let mut reader = &raw[..];
        let resp = Response::read(&mut reader).unwrap().unwrap();
        assert_eq!(resp.status, 404);
        assert!(!resp.is_success());
        assert_eq!(
            resp.headers.get("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(resp.headers.media_type().as_deref(), Some("text/html"));
        assert_eq!(reader, b"body");
        let mut bad = &b"GARBAGE\r\n\r\n"[..];
        assert!(Response::read(&mut bad).unwrap().is_err());
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert_eq!(dechunk(b"a\r\nshort").unwrap(), b"short");
        assert!(dechunk(b"zz\r\nabc").is_err());
    }

    #[test]
    fn content_encodings_are_bounded() {
        let page = crate::gzip::tests::gz(&[b'a'; 10_000]);
        assert_eq!(
            decompress("gzip", page.clone(), 20_000).unwrap().len(),
            10_000
        );
        assert_eq!(
            decompress("gzip", page, 100),
            Err(Reason::TooLargeUnknown { limit: 100 })
        );
        assert_eq!(
            decompress("gzip", b"<p>plain".to_vec(), 100).unwrap(),
            b"<p>plain"
        );
        assert!(decompress("br", b"x".to_vec(), 100).is_err());
    }
}
