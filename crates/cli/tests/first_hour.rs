//! A newcomer's first hour (issue 16), on the repository's own demo corpus
//! (`examples/corpus`), so none of it needs `../shared`: the README's demo
//! shows the Sputnik story (output into a closed pipe: `closed_pipe.rs`), every
//! phase of an ingest is labelled with its count and total, a database in
//! a missing or read-only place gets one clear line, and a page read from
//! stdin is named by its URL in ids and evidence.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;

fn corpus() -> PathBuf {
    repo("examples/corpus")
}

#[test]
fn the_demo_shows_the_sputnik_story() {
    let (_dir, db) = demo_db();
    let page = repo("examples/corpus/globalresearch-sputnik-belgium.txt");
    let said = ok(reprint(&db, &["trace", page.to_str().unwrap()]));
    assert!(
        said.contains("the page names its origin: Sputnik, outside the corpus"),
        "{said}"
    );
    assert!(said.contains("credit to Sputnik: credited"), "{said}");
    assert!(
        said.contains("\"The original source of this article is Sputnik\""),
        "the credit line is quoted: {said}"
    );
    assert!(said.contains("stored already"), "{said}");
    let json: serde_json::Value = serde_json::from_str(&ok(reprint(
        &db,
        &["trace", page.to_str().unwrap(), "--json"],
    )))
    .unwrap();
    assert_eq!(json["alone"]["origin"]["outlet"], "Sputnik");
    assert_eq!(json["alone"]["credit"], "credited");
    assert_eq!(json["matches"].as_array().map(Vec::len), Some(0), "{json}");
}

#[test]
fn every_ingest_phase_is_labelled_with_its_count_and_total() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = reprint(&db, &["-v", "ingest", corpus().to_str().unwrap()]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let phases = [
        "[1/3] storing and matching pages",
        "[1/3] stored 27 of 27 pages read",
        "[2/3] writing the fingerprint index: the postings of 27 articles",
        "[3/3] tracing stories: grouping the 27 articles touched",
        "[3/3] tracing stories: 1 of 1 parts traced; search index: 27 of 27 articles",
    ];
    let mut at = 0;
    for phase in phases {
        let found = err[at..].find(phase);
        assert!(found.is_some(), "{phase:?} (in order) in:\n{err}");
        at += found.unwrap_or(0);
    }
}

#[test]
fn a_database_in_a_missing_folder_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("no-such-folder").join("x.db");
    let out = reprint(&db, &["ingest", corpus().to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let folder = dir.path().join("no-such-folder");
    assert_eq!(
        err.trim_end(),
        format!(
            "error: {}: the folder {} does not exist",
            db.display(),
            folder.display()
        )
    );
    let out = reprint(&db, &["stories"]);
    assert_eq!(
        stderr(&out).trim_end(),
        format!("error: {}: no such database", db.display())
    );
}

/// Makes `path` read-only (or writable again) for its owner and everyone.
fn set_read_only(path: &Path, read_only: bool) {
    use std::os::unix::fs::PermissionsExt;
    let dir = path.is_dir();
    let mode = match (read_only, dir) {
        (true, true) => 0o555,
        (true, false) => 0o444,
        (false, true) => 0o755,
        (false, false) => 0o644,
    };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_location_is_one_clear_line() {
    let (dir, demo) = demo_db();
    // Root writes into read-only folders: nothing to test then.
    let probe = dir.path().join("probe");
    std::fs::create_dir(&probe).unwrap();
    set_read_only(&probe, true);
    let writable = std::fs::write(probe.join("x"), "x").is_ok();
    set_read_only(&probe, false);
    if writable {
        reprint_prerequisites::inapplicable::<()>(
            "running as root: read-only folders are writable",
        );
        return;
    }
    let one_line = |out: &Output, expected: &str| {
        let err = stderr(out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(expected), "{expected:?} in {err}");
    };
    let corpus = corpus();
    let corpus = corpus.to_str().unwrap();

    // A new database in a read-only folder.
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::copy(&demo, locked.join("demo.db")).unwrap();
    set_read_only(&locked, true);
    let new = locked.join("new.db");
    one_line(
        &reprint(&new, &["ingest", corpus]),
        &format!(
            "{}: cannot create the database: the folder {} is read-only (permission denied)",
            new.display(),
            locked.display()
        ),
    );
    // An existing one there: SQLite cannot make its -wal and -shm files,
    // even to read.
    let there = locked.join("demo.db");
    for args in [&["stories"][..], &["ingest", corpus][..]] {
        one_line(
            &reprint(&there, args),
            &format!(
                "the folder {} is read-only (permission denied), and SQLite needs to create demo.db-wal",
                locked.display()
            ),
        );
    }
    set_read_only(&locked, false);

    // A read-only database file in a writable folder: reading works,
    // writing is refused before anything is tried.
    set_read_only(&demo, true);
    one_line(
        &reprint(&demo, &["ingest", corpus]),
        &format!(
            "{}: the database file is read-only (permission denied); reading commands can still use it",
            demo.display()
        ),
    );
    assert!(ok(reprint(&demo, &["stories"])).contains("Spotify"));
    set_read_only(&demo, false);
}

/// census:14730 (Chicago Tribune) runs the AP census story without credit.
/// Traced from stdin as an HTML page declaring its canonical URL, it is
/// named by that URL in the report and in the evidence, not by `-`.
#[test]
fn a_page_from_stdin_is_named_by_its_url() {
    let (_dir, db) = demo_db();
    let lines = std::fs::read_to_string(repo("examples/corpus/wire-reprints.jsonl")).unwrap();
    let line = lines
        .lines()
        .find(|l| l.contains("\"census:14730\""))
        .unwrap();
    let text = serde_json::from_str::<serde_json::Value>(line).unwrap()["text"]
        .as_str()
        .unwrap()
        .to_string();
    let url = "https://www.chicagotribune.com/nation-world/ct-census-question-20190531-story.html";
    let paragraphs: String = text.split(" ### ").map(|p| format!("<p>{p}</p>")).collect();
    let html = format!(
        r#"<html><head><link rel="canonical" href="{url}">
        <meta property="og:site_name" content="Chicago Tribune"></head>
        <body><article>{paragraphs}</article></body></html>"#
    );
    let report: serde_json::Value = serde_json::from_str(&ok(reprint_with_stdin(
        &db,
        &["trace", "-", "--json"],
        html.as_bytes(),
    )))
    .unwrap();
    assert_eq!(report["input"], "-");
    assert_eq!(report["id"], url);
    assert_eq!(report["credit"], "uncredited", "{report}");
    let evidence = report["credit_evidence"].to_string();
    assert!(evidence.contains(&format!("no credit to AP in the byline, credit lines, datelines, copyright lines, links or text of {url}")), "{evidence}");
}
