//! Wire detection measured on PolNeAR (shared/data/attribution): articles
//! whose `metadata.tsv` `wire` column names an agency (AP, AFP, UPI,
//! Reuters) should yield a Wire credit for that agency; the others should
//! not yield any. Run with `--nocapture` to see the figures.

use reprint_extract::{extract_text, Article, CreditKind};

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/attribution"
);

/// Measured on dev+train: recall 71/75 = 0.947. The misses carry no dateline
/// or sign-off at all ("10 Things to Know for Today", a delegate tally, one
/// Reuters story without its sign-off). (Held-out test split: 8/9.)
const RECALL_FLOOR: f64 = 0.90;
/// Measured: 1 of 849 non-wire articles, and that one is right: a Washington
/// Post copy of a Reuters story signed "- Reuters." that the metadata does
/// not mark as wire.
const FALSE_RATE_CEILING: f64 = 0.01;

struct Row {
    split: String,
    file: String,
    /// The page's byline (`author` column), which the texts leave out.
    author: Option<String>,
    wire: Option<String>,
    credit: Option<String>,
}

fn rows() -> Vec<Row> {
    all_rows()
        .into_iter()
        .filter(|r| matches!(r.split.as_str(), "dev" | "train"))
        .collect()
}

/// Every article with a `wire` label: all splits but the PARC replication
/// (WSJ articles without labels).
fn all_rows() -> Vec<Row> {
    let tsv = std::fs::read_to_string(format!("{DATA}/metadata.tsv"))
        .unwrap_or_else(|e| panic!("read {DATA}/metadata.tsv: {e}"));
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (split, file, wire) = (col("compartment"), col("filename"), col("wire"));
    let credit = col("credit");
    let author = col("author");
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| {
            matches!(
                f.get(split),
                Some(&"dev") | Some(&"train") | Some(&"test") | Some(&"annotator-training")
            )
        })
        .map(|f| Row {
            split: f[split].to_string(),
            file: f[file].to_string(),
            author: f
                .get(author)
                .map(|a| a.trim())
                .filter(|a| !matches!(*a, "None" | "NA" | ""))
                .map(String::from),
            // "NA" (West Journal) and "None" both mean: not wire copy.
            wire: f
                .get(wire)
                .filter(|w| !matches!(**w, "None" | "NA" | ""))
                .map(|w| w.to_string()),
            credit: f
                .get(credit)
                .map(|c| c.trim())
                .filter(|c| !matches!(*c, "None" | "NA" | ""))
                .map(String::from),
        })
        .collect()
}

fn extract(row: &Row) -> Article {
    // annotator-training articles live in train/.
    let dir = if row.split == "annotator-training" {
        "train"
    } else {
        &row.split
    };
    let path = format!("{DATA}/{dir}/text/{}.txt", row.file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    extract_text(&text, None)
}

/// The article as `reprint ingest` reads the page from a JSONL line with its
/// `author`: the recorded byline is adopted when the text shows none.
fn extract_with_byline(row: &Row) -> Article {
    let mut article = extract(row);
    if let Some(author) = &row.author {
        reprint_extract::credits::adopt_input_byline(&mut article, author);
    }
    article
}

/// The agencies an article declares itself a copy of: wire datelines and
/// sign-offs, and agency bylines ("AP", "By Reuters Staff"), which the tracer
/// reads as wire copy too.
fn wire_outlets(article: &Article) -> Vec<String> {
    article
        .declared_sources
        .iter()
        .filter(|s| matches!(s.kind, CreditKind::Wire | CreditKind::Byline))
        .map(|s| s.outlet.to_lowercase())
        .collect()
}

#[test]
fn wire_recall_and_false_detections_on_attribution_dev_train() {
    reprint_prerequisites::need!(shared("data/attribution"));
    let rows = rows();
    let (mut wire_total, mut wire_found, mut plain_total, mut plain_flagged) = (0, 0, 0, 0);
    for row in &rows {
        let outlets = wire_outlets(&extract(row));
        match &row.wire {
            Some(wire) => {
                wire_total += 1;
                if outlets.contains(&wire.to_lowercase()) {
                    wire_found += 1;
                } else {
                    println!("missed {wire}: {} {:?}", row.file, outlets);
                }
            }
            None => {
                plain_total += 1;
                if !outlets.is_empty() {
                    plain_flagged += 1;
                    println!("false wire {outlets:?}: {}", row.file);
                }
            }
        }
    }
    let recall = f64::from(wire_found) / f64::from(wire_total.max(1));
    let false_rate = f64::from(plain_flagged) / f64::from(plain_total.max(1));
    println!("wire recall {wire_found}/{wire_total} = {recall:.3}; false wire {plain_flagged}/{plain_total} = {false_rate:.3}");
    assert!(
        wire_total >= 50,
        "expected the PolNeAR wire articles, found {wire_total}"
    );
    assert!(
        recall >= RECALL_FLOOR,
        "wire recall {recall:.3} < {RECALL_FLOOR}"
    );
    assert!(
        false_rate <= FALSE_RATE_CEILING,
        "false wire rate {false_rate:.3} > {FALSE_RATE_CEILING}"
    );
}

/// Wire paragraphs keep their dateline: it is article text.
#[test]
fn datelines_stay_in_the_body() {
    reprint_prerequisites::need!(shared("data/attribution"));
    let rows = rows();
    let row = rows
        .iter()
        .find(|r| r.file == "breitbart_2015-11-16_o-malley-campaign-to-shift-staff")
        .expect("known AP article");
    let article = extract(row);
    assert!(
        article
            .text()
            .contains("DALLAS (AP) — Democratic presidential candidate"),
        "dateline kept"
    );
    assert!(wire_outlets(&article).contains(&"ap".to_string()));
}

/// Reuters sign-offs run into the last paragraph are cut from it.
#[test]
fn reuters_sign_off_cut_from_last_paragraph() {
    reprint_prerequisites::need!(shared("data/attribution"));
    let rows = rows();
    let row = rows
        .iter()
        .find(|r| r.file == "huff-post_2015-12-30_hillary-clinton-calls-isis-viole")
        .expect("known Reuters article");
    let article = extract(row);
    let last = article.paragraphs.last().expect("body");
    assert!(
        last.ends_with("in the region it controls in the Middle East."),
        "{last}"
    );
    assert!(article
        .declared_sources
        .iter()
        .any(|s| s.outlet == "Reuters" && s.evidence.starts_with("(Reporting by Amanda Becker")));
}

/// h/t credits in West Journal articles become Via credits.
#[test]
fn hat_tips_become_via_credits() {
    reprint_prerequisites::need!(shared("data/attribution"));
    let rows = rows();
    let mut found = 0;
    for row in rows.iter().filter(|r| r.file.starts_with("west-journal")) {
        let article = extract(row);
        found += article
            .declared_sources
            .iter()
            .filter(|s| s.kind == CreditKind::Via)
            .count();
        assert!(
            !article.paragraphs.iter().any(|p| p.starts_with("h/t")),
            "h/t line left in {}",
            row.file
        );
    }
    assert!(found >= 4, "h/t credits found: {found}");
}

/// The figures over every labelled split (dev, train, test,
/// annotator-training): wire copy detected (a Wire credit naming the labelled
/// agency) with precision and recall, and `credit` lines ("h/t: The Hill")
/// found as a Via or source credit naming the same outlet.
#[test]
fn wire_precision_recall_and_credit_lines_all_splits() {
    reprint_prerequisites::need!(shared("data/attribution"));
    let (mut tp, mut fp, mut fn_, mut credits, mut credits_found) = (0, 0, 0, 0, 0);
    // The same with each page's byline given as ingest gets it from JSONL.
    let (mut tp_b, mut fp_b, mut fn_b) = (0, 0, 0);
    for row in all_rows() {
        let path = format!(
            "{DATA}/{}/text/{}.txt",
            if row.split == "annotator-training" {
                "train"
            } else {
                &row.split
            },
            row.file
        );
        if !std::path::Path::new(&path).exists() {
            continue;
        }
        let article = extract(&row);
        let outlets = wire_outlets(&article);
        match (&row.wire, outlets.is_empty()) {
            (Some(w), _) if outlets.contains(&w.to_lowercase()) => tp += 1,
            (Some(_), _) => fn_ += 1,
            (None, false) => fp += 1,
            (None, true) => {}
        }
        let with_byline = wire_outlets(&extract_with_byline(&row));
        match (&row.wire, with_byline.is_empty()) {
            (Some(w), _) if with_byline.contains(&w.to_lowercase()) => tp_b += 1,
            (Some(w), _) => {
                fn_b += 1;
                println!("missed {w} with byline {:?}: {}", row.author, row.file);
            }
            (None, false) => {
                fp_b += 1;
                println!(
                    "false wire {with_byline:?} with byline {:?}: {}",
                    row.author, row.file
                );
            }
            (None, true) => {}
        }
        // The `credit` column comes from the original pages; the PolNeAR
        // texts keep that line for only a few articles (2 of 53 carry any
        // "h/t" or "via" line). So credit lines are counted where the text
        // has them: every line opening with "h/t", "hat tip" or "via" (the
        // labelled ones and the unlabelled ones alike) must become a Via
        // credit whose evidence is that line.
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let _ = &row.credit;
        for line in text.lines().map(str::trim) {
            let lower = line.to_lowercase();
            let lower = lower.trim_start_matches('(');
            let is_credit = lower.starts_with("h/t")
                || lower.starts_with("hat tip")
                || lower.starts_with("via ");
            // "Via legislative side doors, Sanders made some gains;" is a headline.
            if !is_credit || line.split_whitespace().count() > 8 || line.ends_with(';') {
                continue;
            }
            credits += 1;
            let found = article.declared_sources.iter().any(|s| {
                s.kind == CreditKind::Via
                    && s.evidence.trim_end_matches(['.', ')'])
                        == line.trim_end_matches(['.', ')']).trim_start_matches('(')
            }) || article
                .declared_sources
                .iter()
                .any(|s| s.kind == CreditKind::Via && line.contains(&s.outlet));
            if found {
                credits_found += 1;
            } else {
                println!("credit line missed {line:?}: {}", row.file);
            }
        }
    }
    let precision = f64::from(tp) / f64::from((tp + fp).max(1));
    let recall = f64::from(tp) / f64::from((tp + fn_).max(1));
    let credit_recall = f64::from(credits_found) / f64::from(credits.max(1));
    println!("text alone: wire precision {tp}/{} = {precision:.3}; recall {tp}/{} = {recall:.3}; credit lines {credits_found}/{credits} = {credit_recall:.3}", tp + fp, tp + fn_);
    let precision_b = f64::from(tp_b) / f64::from((tp_b + fp_b).max(1));
    let recall_b = f64::from(tp_b) / f64::from((tp_b + fn_b).max(1));
    println!("with bylines: wire precision {tp_b}/{} = {precision_b:.3}; recall {tp_b}/{} = {recall_b:.3}", tp_b + fp_b, tp_b + fn_b);
    assert!(
        precision_b >= 0.95,
        "wire precision with bylines {precision_b:.3}"
    );
    assert!(recall_b >= 0.95, "wire recall with bylines {recall_b:.3}");
    assert!(credits >= 4, "credit lines: {credits}");
    assert!(precision >= 0.95, "wire precision {precision:.3}");
    assert!(recall >= WIRE_RECALL_ALL_FLOOR, "wire recall {recall:.3}");
    assert!(credit_recall >= 0.90, "credit recall {credit_recall:.3}");
}

/// From the text alone, measured 79/84 = 0.940: the misses carry no dateline
/// or sign-off in their text (AP's "Things to Know for Today" roundups, a
/// delegate tally, a Reuters story without its sign-off). With each page's
/// byline (the `author` column, e.g. "AP"), as ingest takes it from a JSONL
/// `author`, the 0.95 holds and is asserted.
const WIRE_RECALL_ALL_FLOOR: f64 = 0.93;
