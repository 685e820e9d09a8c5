//! Runs HTML extraction over a benchmark folder and writes one JSON line per
//! page for `shared/bench/score_extraction.py`.
//!
//! usage: cargo run --release -p reprint-extract --example bench_extract -- BENCH_DIR OUT.jsonl
//!
//! BENCH_DIR has `manifest.jsonl` (`id`, `url`, `file` → `html/<id>.html.gz`).

use std::fs;
use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use encoding_rs::Encoding;
use flate2::read::GzDecoder;
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: bench_extract BENCH_DIR OUT.jsonl");
        std::process::exit(2);
    }
    let bench = Path::new(&args[1]);
    let manifest = fs::read_to_string(bench.join("manifest.jsonl")).expect("read manifest.jsonl");
    let mut out = BufWriter::new(fs::File::create(&args[2]).expect("create output"));
    let (mut bytes, mut spent, mut pages) = (0usize, Duration::ZERO, 0usize);
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let entry: Value = serde_json::from_str(line).expect("manifest line is JSON");
        let id = entry["id"].as_str().unwrap_or_default();
        let url = entry["url"].as_str().filter(|u| !u.is_empty());
        let file = bench.join(entry["file"].as_str().unwrap_or_default());
        let Some(raw) = read_gz(&file) else {
            eprintln!("{id}: cannot read {}", file.display());
            continue;
        };
        let html = decode(&raw);
        let started = Instant::now();
        let article = reprint_extract::extract_html(&html, url);
        spent += started.elapsed();
        bytes += raw.len();
        pages += 1;
        let record = json!({
            "id": id,
            "text": article.paragraphs.join("\n"),
            "title": article.title.as_ref().map(|t| &t.value),
            "author": article.byline.as_ref().map(|t| &t.value),
            "date": article.published.as_ref().map(|t| &t.value),
            "sitename": article.site.as_ref().map(|t| &t.value),
            "tags": article.tags.iter().map(|t| &t.label).collect::<Vec<_>>(),
            "sources": {
                "title": article.title.as_ref().map(|t| t.source),
                "author": article.byline.as_ref().map(|t| t.source),
                "date": article.published.as_ref().map(|t| t.source),
            },
            "modified": article.modified.as_ref().map(|t| &t.value),
        });
        writeln!(out, "{record}").expect("write output");
    }
    let secs = spent.as_secs_f64().max(1e-9);
    eprintln!(
        "{pages} pages, {:.1} MB in {secs:.2}s extraction: {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}

fn read_gz(path: &Path) -> Option<Vec<u8>> {
    let mut raw = Vec::new();
    GzDecoder::new(fs::File::open(path).ok()?)
        .read_to_end(&mut raw)
        .ok()?;
    Some(raw)
}

/// BOM, then a `charset=` in the first 4 KiB, then UTF-8 if valid, else
/// windows-1252 (a simple stand-in for the ingest crate's decoder).
fn decode(raw: &[u8]) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(raw) {
        return enc
            .decode_without_bom_handling(&raw[bom_len..])
            .0
            .into_owned();
    }
    if let Some(enc) = declared_charset(&raw[..raw.len().min(4096)]) {
        // A page declaring UTF-8 (or an ASCII-compatible superset) still gets
        // the lossless check below when it is not valid UTF-8.
        if enc != encoding_rs::UTF_8 {
            return enc.decode_without_bom_handling(raw).0.into_owned();
        }
    }
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(raw)
            .0
            .into_owned(),
    }
}

fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
        .collect();
    Encoding::for_label(label.as_bytes())
}
