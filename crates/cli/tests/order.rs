//! Order and batching never change the result (issue 15): the same pages,
//! in any order, in one run or several, with any `--batch`, give the same
//! pairs (passages included), stories and verdicts. Checked on the real
//! wire reprints of `../shared/data/reprints` and on a corpus from
//! `bench/matching/gen.py`, each in shuffled orders.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::Value;

/// Pairs and stories of a store, in a form that does not depend on store
/// keys: pairs by input ids (smaller first, sides swapped to match),
/// stories without their key-based id, copies by input id.
#[derive(Debug, PartialEq)]
struct Outcome {
    pairs: Vec<String>,
    stories: Vec<String>,
}

fn outcome(db: &Path) -> Outcome {
    let mut pairs: Vec<String> = jsonl(&ok(reprint(
        db,
        &[
            "export",
            "--what",
            "pairs",
            "--include-partial",
            "--format",
            "jsonl",
        ],
    )))
    .into_iter()
    .map(|mut p| {
        if p["a"].as_str() > p["b"].as_str() {
            swap_sides(&mut p);
        }
        p.to_string()
    })
    .collect();
    pairs.sort();
    let mut stories: Vec<String> = jsonl(&ok(reprint(
        db,
        &["export", "--what", "stories", "--format", "jsonl"],
    )))
    .into_iter()
    .map(|mut s| {
        if let Some(o) = s.as_object_mut() {
            o.remove("id");
        }
        if let Some(copies) = s["copies"].as_array_mut() {
            copies.sort_by(|x, y| {
                x["article"]["id"]
                    .as_str()
                    .cmp(&y["article"]["id"].as_str())
            });
        }
        s.to_string()
    })
    .collect();
    stories.sort();
    Outcome { pairs, stories }
}

fn swap_sides(p: &mut Value) {
    let o = p.as_object_mut().expect("a pair is an object");
    for (x, y) in [("a", "b"), ("shared_a", "shared_b")] {
        let (vx, vy) = (o[x].clone(), o[y].clone());
        o.insert(x.into(), vy);
        o.insert(y.into(), vx);
    }
    if let Some(passages) = o.get_mut("passages").and_then(Value::as_array_mut) {
        for q in passages {
            let q = q.as_object_mut().expect("a passage is an object");
            let (a, b) = (q["a"].clone(), q["b"].clone());
            q.insert("a".into(), b);
            q.insert("b".into(), a);
        }
    }
}

/// Ingests `lines` (JSONL pages) in `runs` separate ingests with `--batch`
/// and the ingest options `FLAGS`.
fn ingest(dir: &Path, name: &str, lines: &[String], runs: usize, batch: usize) -> Outcome {
    ingest_with(dir, name, lines, runs, batch, &[])
}

fn ingest_with(
    dir: &Path,
    name: &str,
    lines: &[String],
    runs: usize,
    batch: usize,
    flags: &[&str],
) -> Outcome {
    let db = dir.join(format!("{name}.db"));
    let per_run = lines.len().div_ceil(runs.max(1));
    for (i, chunk) in lines.chunks(per_run.max(1)).enumerate() {
        let file = dir.join(format!("{name}.{i}.jsonl"));
        std::fs::write(&file, chunk.join("\n") + "\n").unwrap();
        let batch = batch.to_string();
        let mut args = vec!["ingest", "--batch", &batch];
        args.extend_from_slice(flags);
        args.push(file.to_str().unwrap());
        ok(reprint(&db, &args));
    }
    outcome(&db)
}

/// Ingests `lines` in their order and in `orders` shuffles, with the
/// given (runs, batch) splits, and asserts every outcome is the same.
fn same_in_every_order(name: &str, lines: Vec<String>, orders: u64, splits: &[(usize, usize)]) {
    let dir = tempfile::tempdir().unwrap();
    let reference = ingest(dir.path(), &format!("{name}-ref"), &lines, 1, 500);
    assert!(!reference.pairs.is_empty() && !reference.stories.is_empty());
    let mut tried = 1;
    for round in 0..orders {
        let mut shuffled = lines.clone();
        if round > 0 {
            Rng(round).shuffle(&mut shuffled);
        } else {
            shuffled.reverse();
        }
        let (runs, batch) = splits[round as usize % splits.len()];
        let got = ingest(
            dir.path(),
            &format!("{name}-{round}"),
            &shuffled,
            runs,
            batch,
        );
        assert_eq!(
            reference.pairs, got.pairs,
            "{name}: order {round} ({runs} runs, --batch {batch}) changed the pairs"
        );
        assert_eq!(
            reference.stories, got.stories,
            "{name}: order {round} ({runs} runs, --batch {batch}) changed the stories"
        );
        tried += 1;
    }
    eprintln!(
        "{name}: {tried} orders gave the same {} pairs and {} stories",
        reference.pairs.len(),
        reference.stories.len()
    );
}

/// The non-empty lines of JSONL files, in file order.
fn jsonl_lines(files: &[std::path::PathBuf]) -> Vec<String> {
    let mut lines = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        lines.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from),
        );
    }
    lines
}

#[test]
fn real_reprints_give_the_same_pairs_and_stories_in_any_order() {
    let census = reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let spotify = reprint_prerequisites::need!(shared("data/reprints/spotify.jsonl"));
    let lines = jsonl_lines(&[census, spotify]);
    // Reversed, then shuffled: whole, one page per batch, in three runs.
    same_in_every_order("reprints", lines, 5, &[(1, 500), (1, 1), (3, 7)]);
}

/// With `--site-profile` the profile is of the run's whole input: one run's
/// result does not depend on the order of its pages or on `--batch`.
#[test]
fn a_site_profile_run_gives_the_same_pairs_and_stories_in_any_order() {
    let census = reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let spotify = reprint_prerequisites::need!(shared("data/reprints/spotify.jsonl"));
    let lines = jsonl_lines(&[census, spotify]);
    let dir = tempfile::tempdir().unwrap();
    let flags = ["--site-profile"];
    let reference = ingest_with(dir.path(), "ref", &lines, 1, 500, &flags);
    assert!(!reference.pairs.is_empty() && !reference.stories.is_empty());
    for (round, batch) in [(1u64, 1usize), (2, 7), (3, 500)] {
        let mut shuffled = lines.clone();
        Rng(round).shuffle(&mut shuffled);
        let got = ingest_with(
            dir.path(),
            &format!("p{round}"),
            &shuffled,
            1,
            batch,
            &flags,
        );
        assert_eq!(reference, got, "order {round}, --batch {batch}");
    }
    let plain = ingest(dir.path(), "plain", &lines, 1, 500);
    eprintln!(
        "--site-profile: 4 orders gave the same {} pairs and {} stories (without it: {} pairs, {} stories)",
        reference.pairs.len(),
        reference.stories.len(),
        plain.pairs.len(),
        plain.stories.len()
    );
}

#[test]
fn a_generated_corpus_gives_the_same_pairs_and_stories_in_any_order() {
    let data = reprint_prerequisites::need!(shared("data"));
    reprint_prerequisites::need!(python3());
    let dir = tempfile::tempdir().unwrap();
    let gen = dir.path().join("gen");
    let out = Command::new("python3")
        .arg(repo("bench/matching/gen.py"))
        .args(["--n", "400", "--seed", "11", "--out"])
        .arg(&gen)
        .arg("--data")
        .arg(&data)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(gen.join("pages.jsonl")).unwrap();
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(String::from)
        .collect();
    // Sites with furniture must be in it, or the test proves little.
    let sites: BTreeMap<String, usize> = lines.iter().fold(BTreeMap::new(), |mut m, l| {
        let v: Value = serde_json::from_str(l).unwrap();
        *m.entry(v["site"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
        m
    });
    assert!(sites.values().any(|&n| n >= 5), "{sites:?}");
    same_in_every_order("generated", lines, 4, &[(1, 500), (2, 13)]);
}
