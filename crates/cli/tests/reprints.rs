//! Real wire reprints: `../shared/data/reprints` (census and spotify, same-day
//! news from many publishers). Proves that matching finds the silver pairs,
//! that incremental ingestion equals one-shot ingestion, and that re-ingesting
//! changes nothing.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::*;

const SETS: [&str; 2] = ["census", "spotify"];

fn corpus(set: &str) -> String {
    shared(&format!("data/reprints/{set}.jsonl"))
        .display()
        .to_string()
}

/// Runs `../shared/bench/score_pairs.py` and returns (P, R, F1).
fn score(set: &str, pairs_file: &std::path::Path) -> (f64, f64, f64, String) {
    let out = Command::new("python3")
        .arg(shared("bench/score_pairs.py"))
        .arg(shared(&format!("data/reprints/{set}.silver-pairs.tsv")))
        .arg(pairs_file)
        .arg("--corpus")
        .arg(corpus(set))
        .output()
        .expect("python3 runs the scorer");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let last = text.lines().last().unwrap_or_default().to_string();
    let num = |key: &str| -> f64 {
        last.split_whitespace()
            .skip_while(|w| *w != key)
            .nth(1)
            .and_then(|v| v.parse().ok())
            .unwrap_or(-1.0)
    };
    (num("P"), num("R"), num("F1"), text)
}

/// The pairs where we disagree with the silver labels on purpose. Each is
/// shown and justified in `silver_disagreements_are_real_reprints` below.
const ADJUDICATED_EXTRAS: &[(&str, &str)] = &[
    // CNN's own story and CNN Newsource's lightly edited version of it.
    ("spotify:1333", "spotify:11438"),
    ("spotify:1333", "spotify:8215"),
    // One AP story in three write-thrus: NYT / San Diego / Star Tribune carry
    // the short one, Miami Herald / Charlotte Observer a longer one, Chicago
    // Tribune a third; all open with the same four paragraphs.
    ("spotify:15231", "spotify:16361"),
    ("spotify:15231", "spotify:19117"),
    ("spotify:15231", "spotify:19721"),
    ("spotify:16361", "spotify:17324"),
    ("spotify:16361", "spotify:19721"),
    ("spotify:17324", "spotify:19117"),
    ("spotify:17324", "spotify:19721"),
    ("spotify:19117", "spotify:19721"),
];

#[test]
fn silver_pairs_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ok(reprint(
        &db,
        &["ingest", &corpus("census"), &corpus("spotify")],
    ));
    let exported = ok(reprint(
        &db,
        &["export", "--what", "pairs", "--format", "jsonl"],
    ));
    let adjudicated: BTreeSet<(String, String)> = ADJUDICATED_EXTRAS
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .map(|(a, b)| if a < b { (a, b) } else { (b, a) })
        .collect();
    for set in SETS {
        let prefix = format!("\"a\":\"{set}:");
        let mine: String = exported
            .lines()
            .filter(|l| l.contains(&prefix))
            .map(|l| format!("{l}\n"))
            .collect();
        let raw = dir.path().join(format!("{set}.jsonl"));
        std::fs::write(&raw, &mine).unwrap();
        let (p, r, f1, report) = score(set, &raw);
        println!("{set} against silver: P {p:.3} R {r:.3} F1 {f1:.3}\n{report}");
        assert!(
            r >= 0.999,
            "{set}: every silver pair must be found\n{report}"
        );
        // Against silver with our adjudicated disagreements taken as right.
        let kept: String = mine
            .lines()
            .filter(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let (a, b) = (v["a"].as_str().unwrap(), v["b"].as_str().unwrap());
                let key = if a < b {
                    (a.to_string(), b.to_string())
                } else {
                    (b.to_string(), a.to_string())
                };
                !adjudicated.contains(&key)
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let adj = dir.path().join(format!("{set}.adjudicated.jsonl"));
        std::fs::write(&adj, kept).unwrap();
        let (p2, r2, f2, report2) = score(set, &adj);
        println!("{set} with adjudicated pairs set aside: P {p2:.3} R {r2:.3} F1 {f2:.3}");
        assert!(f2 >= 0.90, "{set}: F1 {f2:.3} below 0.90\n{report2}");
    }
}

/// Word 8-gram set containment, the measure the silver labels were made with
/// (tokens: lower-cased `\w+` runs).
fn containment8(a: &str, b: &str) -> f64 {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let grams =
        |w: &[String]| -> BTreeSet<Vec<String>> { w.windows(8).map(|g| g.to_vec()).collect() };
    let (ga, gb) = (grams(&words(a)), grams(&words(b)));
    let shared = ga.intersection(&gb).count() as f64;
    (shared / ga.len().max(1) as f64).max(shared / gb.len().max(1) as f64)
}

/// Each pair we report that the silver labels lack is the same story from the
/// same source, reprinted with edits or in another write-thru: the 8-gram
/// count misses it because every edit breaks eight 8-grams and every run
/// shorter than eight words counts as unshared. The test prints both texts'
/// openings and the longest shared passage, so a reader can judge.
#[test]
fn silver_disagreements_are_real_reprints() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ok(reprint(&db, &["ingest", &corpus("spotify")]));
    let texts: std::collections::HashMap<String, String> =
        jsonl(&std::fs::read_to_string(corpus("spotify")).unwrap())
            .into_iter()
            .map(|v| {
                (
                    v["id"].as_str().unwrap().to_string(),
                    v["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
    let exported = ok(reprint(
        &db,
        &["export", "--what", "pairs", "--format", "jsonl"],
    ));
    let pairs = jsonl(&exported);
    for (a, b) in ADJUDICATED_EXTRAS {
        let p = pairs
            .iter()
            .find(|v| {
                let (x, y) = (v["a"].as_str().unwrap(), v["b"].as_str().unwrap());
                (x == *a && y == *b) || (x == *b && y == *a)
            })
            .unwrap_or_else(|| {
                panic!("{a} ~ {b} is no longer reported: drop it from ADJUDICATED_EXTRAS")
            });
        let c8 = containment8(&texts[*a], &texts[*b]);
        println!(
            "{a} ~ {b}: reprint shares {:.2} ({} words), silver 8-gram containment {c8:.2}\n  A: {}\n  B: {}",
            p["shared"].as_f64().unwrap(),
            p["words"],
            &texts[*a].chars().take(160).collect::<String>(),
            &texts[*b].chars().take(160).collect::<String>(),
        );
        assert!(
            c8 < 0.5,
            "{a} ~ {b} is in the silver set after all ({c8:.2})"
        );
        assert!(
            c8 > 0.3,
            "{a} ~ {b}: the texts share little by 8-grams ({c8:.2}); not a clear reprint"
        );
        assert!(
            p["words"].as_i64().unwrap() >= 100,
            "{a} ~ {b} shares under 100 words"
        );
    }
}

#[test]
fn two_halves_give_the_same_stories_and_pairs_as_one_go() {
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole.db");
    ok(reprint(
        &whole,
        &["ingest", &corpus("census"), &corpus("spotify")],
    ));
    // Split both files' lines into two halves, ingested one after the other.
    let mut first = String::new();
    let mut second = String::new();
    for set in SETS {
        let lines: Vec<String> = std::fs::read_to_string(corpus(set))
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        let mid = lines.len() / 2;
        for l in &lines[..mid] {
            first.push_str(l);
            first.push('\n');
        }
        for l in &lines[mid..] {
            second.push_str(l);
            second.push('\n');
        }
    }
    let (f1, f2) = (
        dir.path().join("first.jsonl"),
        dir.path().join("second.jsonl"),
    );
    std::fs::write(&f1, first).unwrap();
    std::fs::write(&f2, second).unwrap();
    let halves = dir.path().join("halves.db");
    ok(reprint(&halves, &["ingest", f1.to_str().unwrap()]));
    ok(reprint(&halves, &["ingest", f2.to_str().unwrap()]));
    for what in ["pairs", "stories"] {
        let args = [
            "export",
            "--what",
            what,
            "--format",
            "jsonl",
            "--include-partial",
        ];
        let args: Vec<&str> = if what == "pairs" {
            args.to_vec()
        } else {
            args[..5].to_vec()
        };
        let (x, y) = (ok(reprint(&whole, &args)), ok(reprint(&halves, &args)));
        assert_eq!(normalise_export(&x), normalise_export(&y), "{what} differ");
    }
}

/// Members of each story (by input id) or each pair, order-independent.
fn normalise_export(s: &str) -> BTreeSet<String> {
    jsonl(s)
        .iter()
        .map(|v| {
            if v.get("copies").is_some() {
                let mut ids: Vec<String> = v["copies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["article"]["id"].as_str().unwrap().to_string())
                    .collect();
                if let Some(o) = v["origin"]["article"]["id"].as_str() {
                    ids.push(format!("origin={o}"));
                }
                ids.sort();
                ids.join(" ")
            } else {
                let mut ab = [
                    v["a"].as_str().unwrap().to_string(),
                    v["b"].as_str().unwrap().to_string(),
                ];
                ab.sort();
                format!("{} {} {}", ab[0], ab[1], v["kind"])
            }
        })
        .collect()
}

#[test]
fn ingesting_the_same_pages_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    ok(reprint(&db, &["ingest", &corpus("census")]));
    let before = (
        ok(reprint(
            &db,
            &["export", "--what", "pairs", "--include-partial"],
        )),
        ok(reprint(&db, &["export", "--what", "stories"])),
        ok(reprint(
            &db,
            &["export", "--what", "articles", "--format", "csv"],
        )),
    );
    let again = ok(reprint(&db, &["--json", "ingest", &corpus("census")]));
    let summary: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(summary["added"], 0);
    assert_eq!(summary["unchanged"], 32);
    let after = (
        ok(reprint(
            &db,
            &["export", "--what", "pairs", "--include-partial"],
        )),
        ok(reprint(&db, &["export", "--what", "stories"])),
        ok(reprint(
            &db,
            &["export", "--what", "articles", "--format", "csv"],
        )),
    );
    assert_eq!(before, after);
}
