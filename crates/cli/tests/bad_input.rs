//! Bad input: each case gets a one-line error naming the input and the
//! reason, the rest of the batch is still ingested, the exit status is 1,
//! nothing already stored is lost, and nothing panics.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::*;

/// A small good page that always extracts: the seed-like text page.
fn good_page(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    let text = format!(
        "# A headline for {name}\n\n{body}\n\nA second paragraph with enough words in it to be a real paragraph of the body text."
    );
    std::fs::write(&p, text).unwrap();
    p
}

fn lorem(seed: usize) -> String {
    (0..120)
        .map(|i| format!("word{}x{}", seed, i))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs ingest on a good page plus `bad`, and checks the contract.
fn check_bad(bad: &Path, expect_in_error: &str, extra: &[&str]) {
    let dir = bad.parent().unwrap();
    let db = dir.join("bad.db");
    let good = good_page(dir, "good.txt", &lorem(1));
    let mut args = vec!["ingest", good.to_str().unwrap(), bad.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = reprint(&db, &args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "exit status\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(lines.len(), 1, "one error line expected:\n{err}");
    assert!(
        lines[0].contains(bad.file_name().unwrap().to_str().unwrap()),
        "names the input: {}",
        lines[0]
    );
    assert!(
        lines[0].contains(expect_in_error),
        "says why ({expect_in_error}): {}",
        lines[0]
    );
    let articles = ok(reprint(
        &db,
        &["export", "--what", "articles", "--format", "jsonl"],
    ));
    assert_eq!(jsonl(&articles).len(), 1, "the good page is still stored");
}

#[test]
fn missing_path() {
    let dir = tempfile::tempdir().unwrap();
    check_bad(&dir.path().join("nowhere.html"), "no such file", &[]);
}

#[test]
fn unreadable_path() {
    let dir = tempfile::tempdir().unwrap();
    // A path through a file: unreadable whatever the user's privileges.
    let f = good_page(dir.path(), "plain.txt", &lorem(2));
    let through = f.join("child.html");
    let db = dir.path().join("x.db");
    let out = reprint(&db, &["ingest", through.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("child.html"), "{}", stderr(&out));
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("image.html");
    std::fs::write(&p, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    check_bad(&p, "binary", &[]);
}

#[test]
fn undecodable_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("broken.txt");
    // Declared UTF-8 by its BOM, then invalid UTF-8 throughout.
    let bytes = [b"\xEF\xBB\xBFok ".as_slice(), &b"\xC3\x28".repeat(200)].concat();
    std::fs::write(&p, bytes).unwrap();
    check_bad(&p, "undecodable", &[]);
}

#[test]
fn empty_page() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.html");
    std::fs::write(&p, "").unwrap();
    check_bad(&p, "empty", &[]);
}

#[test]
fn page_without_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("shell.html");
    std::fs::write(
        &p,
        "<html><head><title>x</title><script>var a=1;</script></head><body></body></html>",
    )
    .unwrap();
    check_bad(&p, "no article text", &[]);
}

#[test]
fn page_over_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.html");
    let mut f = std::fs::File::create(&p).unwrap();
    let para = format!("<p>{}</p>\n", lorem(3));
    while f.metadata().unwrap().len() < 1_200_000 {
        f.write_all(para.as_bytes()).unwrap();
    }
    drop(f);
    check_bad(&p, "limit", &["--max-page-mb", "1"]);
}

#[test]
fn truncated_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cut.html.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(format!("<html><body><p>{}</p></body></html>", lorem(4)).as_bytes())
        .unwrap();
    let full = enc.finish().unwrap();
    std::fs::write(&p, &full[..full.len() / 2]).unwrap();
    check_bad(&p, "truncated", &[]);
}

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let head = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-05-31T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        http.len()
    );
    let mut rec = head.into_bytes();
    rec.extend_from_slice(http.as_bytes());
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

#[test]
fn truncated_warc_keeps_the_records_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("crawl.warc");
    let mut bytes = warc_record(
        "https://example.org/a",
        &format!(
            "<html><body><article><p>{}</p><p>{}</p></article></body></html>",
            lorem(5),
            lorem(6)
        ),
    );
    let second = warc_record("https://example.org/b", &format!("<p>{}</p>", lorem(7)));
    bytes.extend_from_slice(&second[..second.len() / 2]);
    std::fs::write(&p, bytes).unwrap();
    let db = dir.path().join("w.db");
    let out = reprint(&db, &["ingest", p.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("crawl.warc@") && err.contains("truncated"),
        "{err}"
    );
    let articles = jsonl(&ok(reprint(&db, &["export", "--what", "articles"])));
    assert_eq!(articles.len(), 1, "the record before the cut is stored");
    assert_eq!(articles[0]["id"], "https://example.org/a");
    assert_eq!(articles[0]["fetched"], "2019-05-31T12:00:00Z");
}

#[test]
fn malformed_jsonl_lines_are_skipped_with_their_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("feed.jsonl");
    let good = |id: &str, seed: usize| {
        serde_json::json!({"id": id, "text": lorem(seed), "site": "example.org"}).to_string()
    };
    let lines = [
        good("a", 8),
        "{not json".into(),
        r#"{"text": "no id"}"#.into(),
        good("b", 9),
        r#"{"id": "c"}"#.into(),
    ];
    std::fs::write(&p, lines.join("\n")).unwrap();
    let db = dir.path().join("j.db");
    let out = reprint(&db, &["ingest", p.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    for line in [2, 3, 5] {
        assert!(
            err.contains(&format!("feed.jsonl:{line}:")),
            "line {line} named:\n{err}"
        );
    }
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        3,
        "{err}"
    );
    assert_eq!(
        jsonl(&ok(reprint(&db, &["export", "--what", "articles"]))).len(),
        2
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notes.db");
    let content = b"these are my notes, not a database; please do not overwrite them\n".repeat(100);
    std::fs::write(&db, &content).unwrap();
    let page = good_page(dir.path(), "p.txt", &lorem(10));
    let out = reprint(&db, &["ingest", page.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("notes.db") && err.contains("not a reprint database"),
        "{err}"
    );
    assert!(
        std::fs::read(&db).unwrap() == content,
        "the file is unchanged"
    );
    for cmd in [
        vec!["stories"],
        vec!["show", "1"],
        vec!["export", "--what", "pairs"],
    ] {
        let out = reprint(&db, &cmd);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("not a reprint database"),
            "{cmd:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_foreign_sqlite_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "CREATE TABLE customers(id INTEGER, name TEXT); INSERT INTO customers VALUES (1, 'x');",
        )
        .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let page = good_page(dir.path(), "p.txt", &lorem(11));
    let out = reprint(&db, &["ingest", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("another program"), "{}", stderr(&out));
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the file is unchanged"
    );
}

#[test]
fn a_corrupted_database_gives_an_error_not_a_panic_and_keeps_the_file() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let census = shared("data/reprints/census.jsonl");
    ok(reprint(&db, &["ingest", census.to_str().unwrap()]));
    // Checkpoint happened at close; overwrite the middle of the file.
    let mut bytes = std::fs::read(&db).unwrap();
    let mid = bytes.len() / 2;
    let end = bytes.len().min(mid + 8192);
    for b in &mut bytes[mid..end] {
        *b = 0xa5;
    }
    std::fs::write(&db, &bytes).unwrap();
    for cmd in [
        vec!["stories"],
        vec!["export", "--what", "articles"],
        vec!["ingest", census.to_str().unwrap()],
    ] {
        let out = reprint(&db, &cmd);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{cmd:?}: {err}");
        if !out.status.success() {
            assert!(err.contains("c.db"), "{cmd:?} names the database: {err}");
        }
    }
}

#[test]
fn a_failed_page_does_not_lose_what_was_stored_before() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keep.db");
    let census = shared("data/reprints/census.jsonl");
    ok(reprint(&db, &["ingest", census.to_str().unwrap()]));
    let before = ok(reprint(&db, &["export", "--what", "stories"]));
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{broken\n").unwrap();
    let out = reprint(&db, &["ingest", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ok(reprint(&db, &["export", "--what", "stories"])), before);
}
