//! Runs the body-text stages (`credits::harvest`, `quotes::find`,
//! `language::assign`) over article bodies already extracted, so each can be
//! timed or instruction-counted (`valgrind --tool=callgrind`) on its own.
//!
//! usage: cargo run --release -p reprint-extract --example body_stages -- BODIES.jsonl [STAGE]
//!
//! BODIES.jsonl is `bench_extract` output (a `text` field, paragraphs one per
//! line); STAGE is `credits`, `quotes`, `language` or `all` (the default).

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: body_stages BODIES.jsonl [credits|quotes|language|all]");
        std::process::exit(2);
    };
    let stage = args.next().unwrap_or_else(|| "all".into());
    let bodies = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let articles: Vec<reprint_extract::Article> = bodies
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| reprint_extract::Article {
            paragraphs: v["text"]
                .as_str()
                .unwrap_or_default()
                .lines()
                .map(String::from)
                .collect(),
            ..Default::default()
        })
        .collect();
    let bytes: usize = articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(String::len)
        .sum();
    for name in ["credits", "quotes", "language"] {
        if stage != "all" && stage != name {
            continue;
        }
        let started = Instant::now();
        for a in &articles {
            let mut a = a.clone();
            match name {
                "credits" => reprint_extract::credits::harvest(&mut a),
                "quotes" => a.quotes = reprint_extract::quotes::find(&a.paragraphs),
                _ => reprint_extract::language::assign(&mut a),
            }
            std::hint::black_box(a);
        }
        let secs = started.elapsed().as_secs_f64();
        println!(
            "{name:<9} {} bodies, {:.1} MB of text: {secs:.3}s ({:.1} MB/s of text)",
            articles.len(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs
        );
    }
}
