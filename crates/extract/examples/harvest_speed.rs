//! Times the body-text stages apart from the rest of HTML extraction
//! (`credits::harvest`, `quotes::find`, `language::assign`): extracts every
//! page of a benchmark folder, then re-runs each stage on copies of the
//! articles (their body paragraphs, provenance fields cleared).
//!
//! usage: cargo run --release -p reprint-extract --example harvest_speed -- BENCH_DIR

use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use flate2::read::GzDecoder;
use serde_json::Value;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/extraction/aeb"
        )
        .to_string()
    });
    let bench = Path::new(&dir);
    let manifest = fs::read_to_string(bench.join("manifest.jsonl")).expect("read manifest");
    let mut pages = Vec::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let entry: Value = serde_json::from_str(line).expect("json");
        let file = bench.join(entry["file"].as_str().unwrap_or_default());
        let mut raw = Vec::new();
        if let Ok(f) = fs::File::open(&file) {
            if GzDecoder::new(f).read_to_end(&mut raw).is_ok() {
                pages.push((
                    String::from_utf8_lossy(&raw).into_owned(),
                    entry["url"].as_str().map(String::from),
                ));
            }
        }
    }
    let bytes: usize = pages.iter().map(|p| p.0.len()).sum();
    let rounds = 3;
    let started = Instant::now();
    let mut articles = Vec::new();
    for _ in 0..rounds {
        articles.clear();
        for (html, url) in &pages {
            articles.push(reprint_extract::extract_html(html, url.as_deref()));
        }
    }
    let total = started.elapsed().as_secs_f64() / f64::from(rounds);
    let blank: Vec<_> = articles
        .iter()
        .map(|a| reprint_extract::Article {
            paragraphs: a.paragraphs.clone(),
            published: a.published.clone(),
            byline: a.byline.clone(),
            ..Default::default()
        })
        .collect();
    let started = Instant::now();
    for _ in 0..rounds {
        for a in &blank {
            let mut a = a.clone();
            reprint_extract::credits::harvest(&mut a);
        }
    }
    let harvest = started.elapsed().as_secs_f64() / f64::from(rounds);
    let started = Instant::now();
    for _ in 0..rounds {
        for a in &blank {
            std::hint::black_box(reprint_extract::quotes::find(&a.paragraphs));
        }
    }
    let quotes = started.elapsed().as_secs_f64() / f64::from(rounds);
    let started = Instant::now();
    for _ in 0..rounds {
        for a in &blank {
            let mut a = a.clone();
            reprint_extract::language::assign(&mut a);
        }
    }
    let language = started.elapsed().as_secs_f64() / f64::from(rounds);
    let started = Instant::now();
    for _ in 0..rounds {
        for a in &blank {
            let _ = a.clone();
        }
    }
    let clone = started.elapsed().as_secs_f64() / f64::from(rounds);
    let mb = bytes as f64 / 1e6;
    let share = |secs: f64| 100.0 * secs / total;
    println!(
        "{} pages {mb:.1} MB: extract_html {total:.3}s ({:.1} MB/s)",
        pages.len(),
        mb / total,
    );
    for (stage, secs) in [
        ("credits::harvest", harvest - clone),
        ("quotes::find", quotes),
        ("language::assign", language - clone),
    ] {
        println!(
            "  {stage:<18} {secs:.3}s ({:.0}% of extraction)",
            share(secs)
        );
    }
}
