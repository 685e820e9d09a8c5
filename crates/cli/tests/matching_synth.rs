//! Matching quality on a small seeded corpus from `bench/matching/gen.py`
//! (reprint families built from real texts in `../shared/data`: copies,
//! cuts, inserts, reorderings, word edits, excerpts inside other articles,
//! site furniture and short shared quotes), scored by
//! `bench/matching/eval.py` against the generator's truth (issue 4).

mod common;

use std::process::Command;

use common::*;

fn python(args: &[&str]) -> String {
    let out = Command::new("python3")
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python3 {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn generated_families_are_found_with_their_passages() {
    reprint_prerequisites::need!(shared("data"));
    reprint_prerequisites::need!(python3());
    let dir = tempfile::tempdir().unwrap();
    let gen = dir.path().join("gen");
    let data = shared("data");
    python(&[
        repo("bench/matching/gen.py").to_str().unwrap(),
        "--n",
        "300",
        "--seed",
        "7",
        "--out",
        gen.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    let db = dir.path().join("synth.db");
    // Two ingests (batches of 100, then the rest) must give what one would.
    ok(reprint(
        &db,
        &[
            "ingest",
            "--batch",
            "100",
            gen.join("pages.jsonl").to_str().unwrap(),
        ],
    ));
    let pairs = dir.path().join("pairs.jsonl");
    let articles = dir.path().join("articles.jsonl");
    ok(reprint(
        &db,
        &[
            "export",
            "--what",
            "pairs",
            "--include-partial",
            "-o",
            pairs.to_str().unwrap(),
        ],
    ));
    ok(reprint(
        &db,
        &[
            "export",
            "--what",
            "articles",
            "-o",
            articles.to_str().unwrap(),
        ],
    ));
    let out = python(&[
        repo("bench/matching/eval.py").to_str().unwrap(),
        "--gen",
        gen.to_str().unwrap(),
        "--pairs",
        pairs.to_str().unwrap(),
        "--articles",
        articles.to_str().unwrap(),
    ]);
    println!("{out}");
    let r: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let num = |k: &str| r[k].as_f64().unwrap_or(-1.0);
    assert!(num("truth_pairs") >= 100.0, "too few truth pairs: {out}");
    assert!(num("precision") >= 0.98, "pair precision: {out}");
    assert!(num("recall") >= 0.97, "pair recall: {out}");
    assert!(num("boundary_f1") >= 0.95, "passage boundary F1: {out}");
    assert_eq!(
        r["quote_pairs_reported"], 0,
        "a shared quote is not reuse: {out}"
    );
}
