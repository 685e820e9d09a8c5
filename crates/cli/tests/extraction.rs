//! Extraction quality on the AEB news benchmark, scored with the benchmark's
//! own metric (`../shared/bench/score_extraction.py`), through the same
//! `reprint extract --jsonl` users run.

mod common;

use std::process::Command;

use common::*;

#[test]
fn aeb_body_f1_is_at_least_0_90() {
    reprint_prerequisites::need!(shared("data/extraction/aeb"));
    reprint_prerequisites::need!(shared("bench/score_extraction.py"));
    reprint_prerequisites::need!(python3());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("aeb.jsonl");
    let html = shared("data/extraction/aeb/html");
    let run = Command::new(env!("CARGO_BIN_EXE_reprint"))
        .args(["extract", "--jsonl"])
        .arg(&html)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    std::fs::write(&out, &run.stdout).unwrap();
    assert_eq!(jsonl(&stdout(&run)).len(), 181, "every AEB page extracted");
    let scored = Command::new("python3")
        .arg(shared("bench/score_extraction.py"))
        .arg(shared("data/extraction/aeb"))
        .arg(&out)
        .arg("--json")
        .arg(dir.path().join("score.json"))
        .arg("--n-bootstrap")
        .arg("10")
        .output()
        .unwrap();
    assert!(scored.status.success(), "{}", stderr(&scored));
    println!("{}", stdout(&scored));
    let score: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("score.json")).unwrap())
            .unwrap();
    let f1 = score["body"]["f1"].as_f64().unwrap();
    assert!(f1 >= 0.90, "AEB body F1 {f1:.3} < 0.90");
}
