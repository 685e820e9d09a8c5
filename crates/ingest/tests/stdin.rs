//! Reading a stream (stdin for `reprint trace -`): the kind is sniffed from
//! the first bytes, looking inside gzip.

use std::io::Write;

use flate2::{write::GzEncoder, Compression};
use reprint_ingest::{read_reader, InputKind, Page, PageBody, ReadOptions};

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn pages(bytes: Vec<u8>, kind: Option<InputKind>) -> Vec<Page> {
    read_reader(
        "-",
        std::io::Cursor::new(bytes),
        kind,
        &ReadOptions::default(),
    )
    .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
    .collect()
}

#[test]
fn sniffs_html_and_text() {
    let html = pages(b"\n<!doctype html><p>hi</p>".to_vec(), None);
    assert_eq!(
        html[0].body,
        PageBody::Html("\n<!doctype html><p>hi</p>".into())
    );
    assert_eq!((html[0].id.as_str(), html[0].origin.as_str()), ("-", "-"));
    let text = pages(b"# Title\n\nBody <b>not</b> html".to_vec(), None);
    assert!(matches!(text[0].body, PageBody::Text(_)));
    let gz_html = pages(gz(b"<html><p>zipped</p></html>"), None);
    assert!(matches!(gz_html[0].body, PageBody::Html(_)));
}

#[test]
fn sniffs_jsonl_and_warc() {
    let jsonl = pages(
        b"{\"id\": 1, \"text\": \"a\"}\n{\"id\": 2, \"text\": \"b\"}\n".to_vec(),
        None,
    );
    let origins: Vec<&str> = jsonl.iter().map(|p| p.origin.as_str()).collect();
    assert_eq!(origins, ["-:1", "-:2"]);
    let content = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>w</p>";
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://w.com/\r\nContent-Length: {}\r\n\r\n",
        content.len()
    );
    let bytes = [warc.as_bytes(), content, b"\r\n\r\n"].concat();
    let found = pages(gz(&bytes), None);
    assert_eq!(
        (found[0].id.as_str(), found[0].origin.as_str()),
        ("http://w.com/", "-@0")
    );
}

#[test]
fn explicit_kind_overrides_sniffing() {
    let found = pages(
        b"<p>markup kept as text</p>".to_vec(),
        Some(InputKind::Text),
    );
    assert_eq!(
        found[0].body,
        PageBody::Text("<p>markup kept as text</p>".into())
    );
}

#[test]
fn stream_errors_name_the_stream() {
    let results: Vec<_> =
        read_reader("<stdin>", std::io::empty(), None, &ReadOptions::default()).collect();
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0].as_ref().unwrap_err().to_string(),
        "<stdin>: empty page"
    );
}
