//! Times the stages of HTML extraction over a benchmark folder: parsing
//! alone (html5ever via scraper) against the full `extract_html`.
//!
//! usage: cargo run --release -p reprint-extract --example parse_speed -- BENCH_DIR

use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use flate2::read::GzDecoder;
use serde_json::Value;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse_speed BENCH_DIR");
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
    let t = Instant::now();
    for p in &pages {
        std::hint::black_box(scraper::Html::parse_document(p));
    }
    let parse = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for p in &pages {
        std::hint::black_box(reprint_extract::extract_html(p, None));
    }
    let full = t.elapsed().as_secs_f64();
    eprintln!(
        "{mb:.1} MB: parse {:.1} MB/s, full {:.1} MB/s",
        mb / parse,
        mb / full
    );
}
