//! Prints `ID<TAB>HALF` (`tune` or `heldout`) for each id of a benchmark's
//! `manifest.jsonl` (or any JSONL with an `"id"` string), by
//! [`reprint_prerequisites::split::half_of`]: the benchmark scores each half
//! from this list.
//!
//! usage: cargo run -q -p reprint-prerequisites --example split -- MANIFEST.jsonl

use std::io::Write;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: split MANIFEST.jsonl");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    for line in text.lines() {
        // The crate has no dependencies, so the id is read by hand: the
        // first `"id": "…"` of the line (manifest ids are plain).
        let Some(rest) = line.split("\"id\"").nth(1) else {
            continue;
        };
        let Some(id) = rest.split('"').nth(1) else {
            continue;
        };
        let half = reprint_prerequisites::split::half_of(id);
        if writeln!(out, "{id}\t{}", half.name()).is_err() {
            return;
        }
    }
}
