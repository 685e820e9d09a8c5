//! Language on tfe-dev (shared/data/extraction/tfe-dev, whose gold has no
//! language field): every page with body text gets a language, and the
//! body's script is named. Prints the language counts.

use std::collections::BTreeMap;
use std::io::Read;

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/extraction/tfe-dev"
);

#[test]
fn every_page_with_text_has_a_language() {
    reprint_prerequisites::need!(shared("data/extraction/tfe-dev"));
    let manifest = std::fs::read_to_string(format!("{DATA}/manifest.jsonl")).expect("manifest");
    let (mut counts, mut missing) = (BTreeMap::new(), Vec::new());
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let entry: serde_json::Value = serde_json::from_str(line).expect("json");
        let file = format!("{DATA}/{}", entry["file"].as_str().unwrap_or(""));
        let mut raw = Vec::new();
        let Ok(f) = std::fs::File::open(&file) else {
            continue;
        };
        if flate2::read::GzDecoder::new(f)
            .read_to_end(&mut raw)
            .is_err()
        {
            continue;
        }
        let html = String::from_utf8_lossy(&raw);
        let a = reprint_extract::extract_html(&html, entry["url"].as_str());
        let letters = a.text().chars().filter(|c| c.is_alphabetic()).count();
        match &a.language {
            Some(l) => {
                *counts
                    .entry(l.split(['-', '_']).next().unwrap_or("").to_lowercase())
                    .or_insert(0) += 1
            }
            None if letters >= 40 => missing.push(entry["id"].to_string()),
            None => {}
        }
    }
    println!("languages: {counts:?}; pages with text but no language: {missing:?}");
    assert!(missing.is_empty(), "{missing:?}");
    assert!(
        counts.get("de").copied().unwrap_or(0) >= 10,
        "German pages: {counts:?}"
    );
}
