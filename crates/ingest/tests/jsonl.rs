//! JSONL inputs: the shared reprint sets load as they are; bad lines are
//! reported as `path:LINE` and reading continues.

use std::io::Write;
use std::path::PathBuf;

use flate2::{write::GzEncoder, Compression};
use reprint_ingest::{read_inputs, PageBody, ReadOptions};

const REPRINTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/reprints");

#[test]
fn reprint_sets_load_with_paragraphs() {
    reprint_prerequisites::need!(shared("data/reprints"));
    for (file, count) in [("census.jsonl", 32), ("spotify.jsonl", 36)] {
        let path = PathBuf::from(REPRINTS).join(file);
        let pages: Vec<_> = read_inputs(std::slice::from_ref(&path), &ReadOptions::default())
            .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
            .collect();
        assert_eq!(pages.len(), count, "{file}");
        for (n, page) in pages.iter().enumerate() {
            assert_eq!(page.origin, format!("{}:{}", path.display(), n + 1));
            assert!(page.site.is_some() && page.fetched.is_some(), "{}", page.id);
            let PageBody::Text(text) = &page.body else {
                panic!("{} not text", page.id)
            };
            assert!(!text.contains(" ### "), "{}", page.id);
            assert!(text.contains("\n\n"), "{} lost its paragraphs", page.id);
        }
    }
}

#[test]
fn malformed_lines_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.jsonl");
    let lines = [
        r#"{"id": "a", "text": "first"}"#,
        r#"{"id": "b", "text": "#,
        "",
        r#"{"text": "no id"}"#,
        r#"{"id": "c"}"#,
        r#"{"id": ["x"], "html": "<p>"}"#,
        r#"{"id": "d", "html": "<p>x</p>", "url": 3}"#,
        "   ",
        r#"{"id": 5, "html": "<p>last</p>", "url": "https://e.com/5", "published": "2020-01-01"}"#,
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let results: Vec<_> =
        read_inputs(std::slice::from_ref(&path), &ReadOptions::default()).collect();
    let name = path.display().to_string();
    let errors: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(
        errors[0].starts_with(&format!("{name}:2: invalid JSON")),
        "{}",
        errors[0]
    );
    assert_eq!(errors[1], format!("{name}:4: missing field `id`"));
    assert_eq!(
        errors[2],
        format!("{name}:5: missing field: one of `html` or `text` is required")
    );
    assert_eq!(
        errors[3],
        format!("{name}:6: field `id` must be a string or number, got an array")
    );
    assert_eq!(
        errors[4],
        format!("{name}:7: field `url` must be a string, got a number")
    );
    let pages: Vec<_> = results.into_iter().filter_map(Result::ok).collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[1].id, "5");
    assert_eq!(pages[1].origin, format!("{name}:9"));
    assert_eq!(pages[1].url.as_deref(), Some("https://e.com/5"));
    assert_eq!(pages[1].published.as_deref(), Some("2020-01-01"));
}

#[test]
fn long_line_is_refused_and_the_next_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ndjson");
    let big = format!(r#"{{"id": "big", "text": "{}"}}"#, "x".repeat(5000));
    std::fs::write(
        &path,
        format!("{big}\n{{\"id\": \"small\", \"text\": \"ok\"}}\n"),
    )
    .unwrap();
    let results: Vec<_> = read_inputs(
        std::slice::from_ref(&path),
        &ReadOptions {
            max_page_bytes: 1000,
        },
    )
    .collect();
    let err = results[0].as_ref().unwrap_err();
    assert_eq!(err.input, format!("{}:1", path.display()));
    assert!(err.reason.contains("over the limit of 1000"), "{err}");
    assert_eq!(results[1].as_ref().unwrap().id, "small");
}

#[test]
fn gzipped_and_truncated_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (0..200)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"page number {i} here\"}}\n"))
        .collect();
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(body.as_bytes()).unwrap();
    let whole = enc.finish().unwrap();
    let path = dir.path().join("p.jsonl.gz");
    std::fs::write(&path, &whole).unwrap();
    assert_eq!(
        read_inputs(std::slice::from_ref(&path), &ReadOptions::default())
            .filter(Result::is_ok)
            .count(),
        200
    );

    std::fs::write(&path, &whole[..whole.len() - 20]).unwrap();
    let results: Vec<_> =
        read_inputs(std::slice::from_ref(&path), &ReadOptions::default()).collect();
    let (last, pages) = results.split_last().unwrap();
    assert!(pages.iter().all(Result::is_ok) && !pages.is_empty());
    let err = last.as_ref().unwrap_err();
    assert!(
        err.input.starts_with(&format!("{}:", path.display())),
        "{err}"
    );
    assert_eq!(err.reason, "truncated gzip stream");
}
