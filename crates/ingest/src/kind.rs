//! What kind of input a file or stream holds, from its name or its first bytes.

use std::path::Path;

/// The formats this crate reads. Gzip compression is orthogonal: it is
/// detected from the magic bytes, whatever the name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// One HTML document (`.html`, `.htm`, `.xhtml`).
    Html,
    /// One markdown or plain-text document (`.txt`, `.md`, `.markdown`).
    Text,
    /// One page per line (`.jsonl`, `.ndjson`).
    Jsonl,
    /// A WARC archive (`.warc`).
    Warc,
}

impl InputKind {
    /// The kind named by a path's extension (ignoring a trailing `.gz`), or
    /// `None` when the extension is not one this crate reads.
    pub fn from_path(path: &Path) -> Option<InputKind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let (_, ext) = name.rsplit_once('.')?;
        match ext {
            "html" | "htm" | "xhtml" => Some(InputKind::Html),
            "txt" | "md" | "markdown" => Some(InputKind::Text),
            "jsonl" | "ndjson" => Some(InputKind::Jsonl),
            "warc" => Some(InputKind::Warc),
            _ => None,
        }
    }

    /// Guesses the kind of an unnamed stream (stdin) from its first
    /// (decompressed) bytes: `WARC/` starts a WARC, `{` a JSONL line, a
    /// leading HTML tag an HTML page; anything else is text.
    pub fn sniff(head: &[u8]) -> InputKind {
        let trimmed = skip_bom_and_space(head);
        if trimmed.starts_with(b"WARC/") {
            InputKind::Warc
        } else if trimmed.starts_with(b"{") {
            InputKind::Jsonl
        } else if looks_like_html(trimmed) {
            InputKind::Html
        } else {
            InputKind::Text
        }
    }
}

fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// Tags that only HTML documents start with (after the WHATWG MIME sniffing table).
const HTML_OPENERS: [&[u8]; 17] = [
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<h1",
    b"<div",
    b"<font",
    b"<table",
    b"<a",
    b"<style",
    b"<title",
    b"<b",
    b"<br",
    b"<p",
    b"<meta",
];

/// True when `bytes` (already trimmed) begin like an HTML document.
pub(crate) fn looks_like_html(bytes: &[u8]) -> bool {
    if starts_with_ignore_case(bytes, b"<?xml") || bytes.starts_with(b"<!--") {
        return true;
    }
    HTML_OPENERS.iter().any(|tag| {
        // The tag name must end there, so `<abc` is not `<a`.
        starts_with_ignore_case(bytes, tag)
            && matches!(
                bytes.get(tag.len()),
                Some(b' ' | b'>' | b'\t' | b'\n' | b'\r')
            )
    })
}

pub(crate) fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names() {
        let kind = |p: &str| InputKind::from_path(Path::new(p));
        assert_eq!(kind("a/b.HTML"), Some(InputKind::Html));
        assert_eq!(kind("b.xhtml.gz"), Some(InputKind::Html));
        assert_eq!(kind("b.md"), Some(InputKind::Text));
        assert_eq!(kind("x.ndjson.gz"), Some(InputKind::Jsonl));
        assert_eq!(kind("CC-MAIN-1.warc.gz"), Some(InputKind::Warc));
        assert_eq!(kind("photo.png"), None);
        assert_eq!(kind("archive.gz"), None);
        assert_eq!(kind("README"), None);
    }

    #[test]
    fn sniffing_streams() {
        assert_eq!(InputKind::sniff(b"WARC/1.0\r\n"), InputKind::Warc);
        assert_eq!(InputKind::sniff(b"  {\"id\": 1}"), InputKind::Jsonl);
        assert_eq!(
            InputKind::sniff(b"\xEF\xBB\xBF<!DOCTYPE html>"),
            InputKind::Html
        );
        assert_eq!(InputKind::sniff(b"\n<p>Hi</p>"), InputKind::Html);
        assert_eq!(InputKind::sniff(b"<abc> is a tag"), InputKind::Text);
        assert_eq!(InputKind::sniff(b"# Title\n\nText"), InputKind::Text);
        assert_eq!(InputKind::sniff(b""), InputKind::Text);
    }
}
