//! `reprint extract --jsonl` sends the article as the wire shape every
//! output shares (`reprint_app::article_view::ArticleView`), not the
//! store's disk record, and its bytes are those the record gave when it was
//! sent (the record's format 2 holds nothing the view leaves out). On the
//! demo corpus (`examples/corpus`), so no `../shared` is needed.

mod common;

use common::*;
use reprint_app::article_view::ArticleView;
use reprint_app::page::article_of;
use reprint_ingest::{read_inputs, ReadOptions};
use reprint_store::record::ArticleRecord;

#[test]
fn each_line_sends_the_article_view_with_the_records_bytes() {
    let corpus = repo("examples/corpus");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reprint"))
        .args(["extract", "--jsonl"])
        .arg(&corpus)
        .output()
        .unwrap();
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    let pages: Vec<_> = read_inputs(&[corpus], &ReadOptions::default())
        .map(Result::unwrap)
        .collect();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(lines.len(), pages.len());
    assert!(pages.len() >= 20, "the demo corpus: {}", pages.len());
    for (line, page) in lines.iter().zip(&pages) {
        let a = article_of(page);
        // The line's keys in order (a JSON object's, sorted), then the
        // article exactly as the view writes it within the line.
        let view = serde_json::to_value(ArticleView::from(&a)).unwrap();
        let record = serde_json::to_value(ArticleRecord::from(&a)).unwrap();
        let prefix = format!("{{\"article\":{view},\"author\":");
        assert!(line.starts_with(&prefix), "{}: {line}", page.id);
        // Same bytes as when the record was sent.
        assert_eq!(view, record, "{}", page.id);
        let parsed: serde_json::Value = serde_json::from_str(line).unwrap();
        let keys: Vec<&String> = parsed.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "article",
                "author",
                "id",
                "published",
                "site",
                "tags",
                "text",
                "title",
                "url"
            ]
        );
    }
}
