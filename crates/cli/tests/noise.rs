//! Noisy copies are still copies (issue 15). Every article of
//! `../shared/data/reprints` with 150+ words gets a copy on another site with
//! a share of its letters substituted at random (seeded), as re-typing, OCR or
//! a sloppy conversion does. The default export (copies only) must find the
//! noisy copies, and the pairs among the original articles must not change.

mod common;

use std::collections::BTreeSet;

use common::*;

/// Replaces each ASCII letter with another letter with probability `rate`.
fn add_noise(text: &str, rate: f64, rng: &mut Rng) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() && rng.chance(rate) {
                let mut r = c;
                while r.eq_ignore_ascii_case(&c) {
                    r = (b'a' + (rng.next() % 26) as u8) as char;
                }
                r
            } else {
                c
            }
        })
        .collect()
}

struct Corpus {
    /// The original lines and the noisy copies' lines.
    originals: Vec<String>,
    noisy: Vec<String>,
    /// (original id, noisy id)
    expected: BTreeSet<(String, String)>,
}

fn make_corpus(rate: f64) -> Corpus {
    let mut rng = Rng(20261207);
    let mut c = Corpus {
        originals: Vec::new(),
        noisy: Vec::new(),
        expected: BTreeSet::new(),
    };
    for set in ["census", "spotify"] {
        let text = std::fs::read_to_string(shared(&format!("data/reprints/{set}.jsonl"))).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            c.originals.push(line.to_string());
            let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
            let body = v["text"].as_str().unwrap_or_default().to_string();
            if body.split_whitespace().count() < 150 {
                continue;
            }
            let id = v["id"].as_str().unwrap().to_string();
            let noisy_id = format!("noisy:{id}");
            v["id"] = noisy_id.clone().into();
            v["publisher"] = format!("retyped-{}.example", c.noisy.len()).into();
            v["text"] = add_noise(&body, rate, &mut rng).into();
            c.noisy.push(v.to_string());
            c.expected.insert(ordered(&id, &noisy_id));
        }
    }
    c
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a < b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

fn ingest_and_export(
    dir: &std::path::Path,
    name: &str,
    lines: &[String],
) -> BTreeSet<(String, String)> {
    let input = dir.join(format!("{name}.jsonl"));
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let db = dir.join(format!("{name}.db"));
    ok(reprint(&db, &["ingest", input.to_str().unwrap()]));
    pair_set(&ok(reprint(
        &db,
        &["export", "--what", "pairs", "--format", "jsonl"],
    )))
}

#[test]
fn copies_with_five_percent_of_letters_substituted_are_found() {
    reprint_prerequisites::need!(shared("data/reprints"));
    let dir = tempfile::tempdir().unwrap();
    let c = make_corpus(0.05);
    let originals_alone = ingest_and_export(dir.path(), "originals", &c.originals);
    let all: Vec<String> = c.originals.iter().chain(&c.noisy).cloned().collect();
    let pairs = ingest_and_export(dir.path(), "all", &all);

    let found = c.expected.iter().filter(|p| pairs.contains(*p)).count();
    let recall = found as f64 / c.expected.len() as f64;
    println!(
        "5% letters substituted: {found} of {} noisy copies found (recall {recall:.3})",
        c.expected.len()
    );
    assert!(c.expected.len() >= 40, "{} noisy copies", c.expected.len());
    assert!(recall >= 0.95, "recall {recall:.3}");

    // Precision unchanged: the pairs among the originals are the same with
    // the noisy copies present as without them.
    let among_originals: BTreeSet<(String, String)> = pairs
        .iter()
        .filter(|(a, b)| !a.starts_with("noisy:") && !b.starts_with("noisy:"))
        .cloned()
        .collect();
    assert_eq!(among_originals, originals_alone);
}
