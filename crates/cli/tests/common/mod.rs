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

/// Runs `reprint --db DB ARGS...` with `input` on its standard input.
pub fn reprint_with_stdin(db: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_reprint"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the reprint binary runs");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).expect("reprint reads its input");
    }
    child.wait_with_output().expect("reprint ends")
}

/// A temporary database holding the demo corpus (`examples/corpus`), as
/// the README builds it.
pub fn demo_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(reprint(
        &db,
        &["ingest", repo("examples/corpus").to_str().unwrap()],
    ));
    (dir, db)
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

/// A small deterministic generator (SplitMix64): the same shuffles and the
/// same noise on every machine and run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}
