//! WARC inputs, built inside the tests: Common Crawl style (one gzip member
//! per record), whole-file gzip and plain; record selection, HTTP decoding,
//! offsets in messages, and truncation.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::{write::GzEncoder, Compression};
use reprint_ingest::{read_inputs, InputError, Page, PageBody, ReadOptions};

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn record(warc_type: &str, uri: &str, content_type: &str, content: &[u8]) -> Vec<u8> {
    let head = format!(
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{warc_type}-{uri}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        content.len()
    );
    [head.as_bytes(), content, b"\r\n\r\n"].concat()
}

fn response(uri: &str, status: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 {status}\r\n");
    for header in headers {
        http.push_str(header);
        http.push_str("\r\n");
    }
    http.push_str("\r\n");
    let content = [http.as_bytes(), body].concat();
    record(
        "response",
        uri,
        "application/http; msgtype=response",
        &content,
    )
}

/// A small crawl: one page of each interesting case.
fn crawl() -> Vec<Vec<u8>> {
    let chunked_body = b"5\r\n<p>Ch\r\n9\r\nunked</p>\r\n0\r\n\r\n";
    vec![
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            "http://a.com/",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        ),
        response(
            "http://a.com/",
            "200 OK",
            &["Content-Type: text/html; charset=utf-8"],
            "<p>Café A</p>".as_bytes(),
        ),
        response(
            "http://b.fr/",
            "200 OK",
            &["Content-Type: text/html; charset=ISO-8859-1"],
            b"<p>\xE9t\xE9 B</p>",
        ),
        response(
            "http://c.com/404",
            "404 Not Found",
            &["Content-Type: text/html"],
            b"<p>missing</p>",
        ),
        response(
            "http://c.com/img",
            "200 OK",
            &["Content-Type: image/png"],
            b"\x89PNG....",
        ),
        response(
            "http://d.com/",
            "200 OK",
            &["Content-Type: text/html", "Transfer-Encoding: chunked"],
            chunked_body,
        ),
        response(
            "http://e.com/",
            "200 OK",
            &["Content-Type: text/html", "Content-Encoding: gzip"],
            &gz(b"<p>Gzipped E</p>"),
        ),
        response(
            "http://f.com/",
            "200 OK",
            &[],
            b"<!DOCTYPE html><p>Untyped F</p>",
        ),
        response("http://f.com/data", "200 OK", &[], b"just some bytes"),
        record(
            "resource",
            "http://g.com/",
            "text/html",
            b"<p>Resource G</p>",
        ),
        record(
            "metadata",
            "http://g.com/",
            "application/warc-fields",
            b"fetchTimeMs: 5\r\n",
        ),
    ]
}

const EXPECTED: [(&str, &str); 6] = [
    ("http://a.com/", "<p>Café A</p>"),
    ("http://b.fr/", "<p>été B</p>"),
    ("http://d.com/", "<p>Chunked</p>"),
    ("http://e.com/", "<p>Gzipped E</p>"),
    ("http://f.com/", "<!DOCTYPE html><p>Untyped F</p>"),
    ("http://g.com/", "<p>Resource G</p>"),
];

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn read(path: &Path, opts: &ReadOptions) -> Vec<Result<Page, InputError>> {
    read_inputs(&[path.to_path_buf()], opts).collect()
}

fn check_pages(results: &[Result<Page, InputError>]) -> Vec<String> {
    let pages: Vec<&Page> = results
        .iter()
        .map(|r| r.as_ref().unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let got: Vec<(&str, &str)> = pages
        .iter()
        .map(|p| match &p.body {
            PageBody::Html(html) => (p.id.as_str(), html.as_str()),
            PageBody::Text(_) => panic!("WARC page as text"),
        })
        .collect();
    assert_eq!(got, EXPECTED);
    for page in &pages {
        assert_eq!(page.url.as_deref(), Some(page.id.as_str()));
        assert_eq!(page.fetched.as_deref(), Some("2024-05-01T10:00:00Z"));
    }
    pages.iter().map(|p| p.origin.clone()).collect()
}

#[test]
fn common_crawl_style_members_report_compressed_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let members: Vec<Vec<u8>> = crawl().iter().map(|r| gz(r)).collect();
    let path = write(dir.path(), "cc.warc.gz", &members.concat());
    let origins = check_pages(&read(&path, &ReadOptions::default()));
    // Offsets of the members holding the expected records (indexes into crawl()).
    let starts: Vec<usize> = members
        .iter()
        .scan(0, |at, m| {
            let s = *at;
            *at += m.len();
            Some(s)
        })
        .collect();
    let name = path.display();
    let expected: Vec<String> = [2, 3, 6, 7, 8, 10]
        .iter()
        .map(|&i| format!("{name}@{}", starts[i]))
        .collect();
    assert_eq!(origins, expected);
}

#[test]
fn plain_and_whole_file_gzip_report_stream_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let records = crawl();
    let starts: Vec<usize> = records
        .iter()
        .scan(0, |at, r| {
            let s = *at;
            *at += r.len();
            Some(s)
        })
        .collect();
    for (name, bytes) in [
        ("plain.warc", records.concat()),
        ("whole.warc.gz", gz(&records.concat())),
    ] {
        let path = write(dir.path(), name, &bytes);
        let origins = check_pages(&read(&path, &ReadOptions::default()));
        let expected: Vec<String> = [2, 3, 6, 7, 8, 10]
            .iter()
            .map(|&i| format!("{}@{}", path.display(), starts[i]))
            .collect();
        assert_eq!(origins, expected, "{name}");
    }
}

#[test]
fn truncated_gzip_member_keeps_earlier_records() {
    let dir = tempfile::tempdir().unwrap();
    let members: Vec<Vec<u8>> = crawl().iter().take(4).map(|r| gz(r)).collect();
    let whole = members.concat();
    let last_start = whole.len() - members[3].len();
    // Cut in the middle of the last record, then only its gzip trailer:
    // either way the error points at the broken member.
    for (cut, pages) in [(members[3].len() / 2, 1), (4, 2)] {
        let path = write(dir.path(), "cut.warc.gz", &whole[..whole.len() - cut]);
        let results = read(&path, &ReadOptions::default());
        assert_eq!(results.len(), pages + 1, "{results:?}");
        assert_eq!(results[0].as_ref().unwrap().id, "http://a.com/");
        let err = results[pages].as_ref().unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("{}@{last_start}: truncated gzip stream", path.display())
        );
    }
}

#[test]
fn truncated_whole_file_gzip_points_at_the_record() {
    let dir = tempfile::tempdir().unwrap();
    let records = crawl();
    let plain = records[..4].concat();
    let last_start = plain.len() - records[3].len();
    let whole = gz(&plain);
    let path = write(dir.path(), "cut.warc.gz", &whole[..whole.len() - 30]);
    let results = read(&path, &ReadOptions::default());
    let err = results.last().unwrap().as_ref().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}@{last_start}: truncated gzip stream", path.display())
    );
    assert!(results[0].is_ok());
}

#[test]
fn truncated_record_keeps_earlier_records() {
    let dir = tempfile::tempdir().unwrap();
    let records = crawl();
    let mut bytes = records[..4].concat();
    let last_start = bytes.len() - records[3].len();
    bytes.truncate(bytes.len() - 12);
    let path = write(dir.path(), "cut.warc", &bytes);
    let results = read(&path, &ReadOptions::default());
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0].is_ok());
    let err = results[1].as_ref().unwrap_err();
    assert_eq!(err.input, format!("{}@{last_start}", path.display()));
    assert!(err.reason.starts_with("truncated record"), "{err}");
    // Cut inside the header block.
    let path = write(
        dir.path(),
        "cut2.warc",
        &[records[2].clone(), b"WARC/1.0\r\nWARC-Type: resp".to_vec()].concat(),
    );
    let results = read(&path, &ReadOptions::default());
    assert!(
        results[1]
            .as_ref()
            .unwrap_err()
            .reason
            .starts_with("truncated record"),
        "{results:?}"
    );
}

#[test]
fn oversized_record_is_refused_and_the_next_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = response(
        "http://big.com/",
        "200 OK",
        &["Content-Type: text/html"],
        &b"<p>x</p>".repeat(500),
    );
    let small = response(
        "http://small.com/",
        "200 OK",
        &["Content-Type: text/html"],
        b"<p>small</p>",
    );
    let path = write(dir.path(), "big.warc.gz", &[gz(&big), gz(&small)].concat());
    let results = read(
        &path,
        &ReadOptions {
            max_page_bytes: 1000,
        },
    );
    let err = results[0].as_ref().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}@0: page is 4000 bytes, over the limit of 1000",
            path.display()
        )
    );
    assert_eq!(results[1].as_ref().unwrap().id, "http://small.com/");
}

#[test]
fn garbage_is_not_a_warc() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "junk.warc", b"hello, this is not a WARC\n");
    let results = read(&path, &ReadOptions::default());
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0].as_ref().unwrap_err().to_string(),
        format!(
            "{}@0: malformed WARC record: expected a WARC/1.x version line",
            path.display()
        )
    );
}
