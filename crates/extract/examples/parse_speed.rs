//! Times the stages of HTML extraction over a benchmark folder: parsing
//! alone (html5ever into the extractor's `Dom`) against the full `extract_html`.
//!
//! usage: cargo run --release -p reprint-extract --example parse_speed -- BENCH_DIR [ROUNDS]
//!
//! With ROUNDS, each stage runs that many times and the fastest counts.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use flate2::read::GzDecoder;
use serde_json::Value;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse_speed BENCH_DIR [ROUNDS]");
        std::process::exit(2);
    };
    let bench = Path::new(&dir);
    let manifest = fs::read_to_string(bench.join("manifest.jsonl")).unwrap_or_default();
    let mut pages = Vec::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(entry) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let file = bench.join(entry["file"].as_str().unwrap_or_default());
        let mut raw = Vec::new();
        if let Ok(f) = fs::File::open(&file) {
            if GzDecoder::new(f).read_to_end(&mut raw).is_ok() {
                pages.push(String::from_utf8_lossy(&raw).into_owned());
            }
        }
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let parse = best_of(rounds, || {
        for p in &pages {
            std::hint::black_box(reprint_extract::html::Dom::parse(p));
        }
    });
    let full = best_of(rounds, || {
        for p in &pages {
            std::hint::black_box(reprint_extract::extract_html(p, None));
        }
    });
    eprintln!(
        "{mb:.1} MB: parse {:.1} MB/s ({:.1} on CPU), full {:.1} MB/s ({:.1} on CPU)",
        mb / parse.0,
        mb / parse.1,
        mb / full.0,
        mb / full.1
    );
}

/// The fastest of `rounds` runs: (wall seconds, seconds this thread spent
/// on a CPU). On a shared machine the CPU time is the steadier figure.
fn best_of(rounds: usize, mut run: impl FnMut()) -> (f64, f64) {
    let (mut wall, mut cpu) = (f64::MAX, f64::MAX);
    for _ in 0..rounds.max(1) {
        let (t, c) = (Instant::now(), thread_cpu_seconds());
        run();
        wall = wall.min(t.elapsed().as_secs_f64());
        cpu = cpu.min(thread_cpu_seconds() - c);
    }
    (wall, cpu)
}

/// Linux's per-thread run time (first field of schedstat, nanoseconds);
/// 0 elsewhere, which makes the CPU figure meaningless but harmless.
fn thread_cpu_seconds() -> f64 {
    fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}
