//! Helpers shared by the CLI's integration tests: running the binary and
//! finding the shared benchmark data.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared` relative to the repository root (CI clones the repository
/// with `shared/` beside it).
pub fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel)
}

pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

/// Runs `reprint --db DB ARGS...`.
pub fn reprint(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reprint"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the reprint binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// Asserts success and returns stdout.
pub fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "reprint failed ({:?}):\n{}\n{}",
        o.status,
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}

/// Parses JSONL output.
pub fn jsonl(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// Unordered pairs `{a, b}` from `export --what pairs` output.
pub fn pair_set(s: &str) -> std::collections::BTreeSet<(String, String)> {
    jsonl(s)
        .iter()
        .map(|v| {
            let a = v["a"].as_str().unwrap_or_default().to_string();
            let b = v["b"].as_str().unwrap_or_default().to_string();
            if a < b {
                (a, b)
            } else {
                (b, a)
            }
        })
        .collect()
}
