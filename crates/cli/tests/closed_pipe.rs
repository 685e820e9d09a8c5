//! Output into a closed pipe ends quietly with status 141, as after
//! `reprint stories | head -1` (issue 16's first hour).
//!
//! A test binary of its own, holding one test: the pipe's reader must be
//! gone when reprint writes, and a child that another test thread forks
//! while the pipe is open inherits its read end until that child execs
//! (close-on-exec), so under load a concurrent test could keep the pipe
//! open and reprint's write succeed. Here nothing else spawns.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;

/// Runs `reprint --db DB ARGS` with its standard output a pipe whose
/// reader has already gone, as after `| head -1`. The reader is a process
/// that exits without reading (`reprint --version`), so the first write
/// fails however small the output is.
fn into_closed_pipe(db: &Path, args: &[&str]) -> Output {
    let mut reader = Command::new(env!("CARGO_BIN_EXE_reprint"))
        .arg("--version")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let write_end = reader.stdin.take().unwrap();
    reader.wait().unwrap();
    Command::new(env!("CARGO_BIN_EXE_reprint"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::from(write_end))
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn output_into_a_closed_pipe_ends_quietly_with_141() {
    let (dir, db) = demo_db();
    let page = repo("examples/corpus/globalresearch-sputnik-belgium.txt");
    let page = page.to_str().unwrap();
    let listed: serde_json::Value =
        serde_json::from_str(&ok(reprint(&db, &["stories", "--json"]))).unwrap();
    let story = listed[0]["id"].to_string();
    let more = dir.path().join("more.txt");
    std::fs::write(
        &more,
        "# A headline\n\nA paragraph with enough words in it to be one.",
    )
    .unwrap();
    let cases: &[&[&str]] = &[
        &["stories"],
        &["stories", "--json"],
        &["show", &story],
        &["show", &story, "--json"],
        &["export", "--what", "pairs", "--format", "jsonl"],
        &["export", "--what", "stories", "--format", "csv"],
        &["export", "--what", "articles", "--format", "jsonl"],
        &["trace", page],
        &["extract", page, "--jsonl"],
        &["ingest", more.to_str().unwrap()],
    ];
    for args in cases {
        let out = into_closed_pipe(&db, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(141), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} says nothing: {err}");
    }
    // The ingest whose summary found the pipe closed had stored its page.
    let articles = ok(reprint(&db, &["export", "--what", "articles"]));
    assert_eq!(jsonl(&articles).len(), 28);
}
