//! Why a block won: the best-scoring body candidates of one HTML file
//! (optionally gzipped) with their score terms, and the containers picked.
//!
//! usage: cargo run -p reprint-extract --example explain_body -- FILE[.gz]

use std::io::Read;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: explain_body FILE[.gz]");
        std::process::exit(2);
    };
    let raw = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let raw = if path.ends_with(".gz") {
        let mut out = Vec::new();
        if let Err(e) = flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out) {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
        out
    } else {
        raw
    };
    print!(
        "{}",
        reprint_extract::html::explain_choice(&String::from_utf8_lossy(&raw))
    );
}
