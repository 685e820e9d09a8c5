//! Extracts one HTML file (optionally gzipped) and prints the Article as JSON.
//!
//! usage: cargo run -p reprint-extract --example extract_page -- FILE[.gz] [URL]

use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: extract_page FILE[.gz] [URL]");
        std::process::exit(2);
    };
    let raw = std::fs::read(path).expect("read file");
    let raw = if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .expect("gunzip");
        out
    } else {
        raw
    };
    let html = String::from_utf8_lossy(&raw);
    let article = reprint_extract::extract_html(&html, args.get(2).map(String::as_str));
    println!(
        "{}",
        serde_json::to_string_pretty(&article).expect("serialise article")
    );
}
