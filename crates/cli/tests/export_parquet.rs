//! `reprint export --format parquet` writes the tables a Spark run writes
//! (issue 17), holding what the JSON lines export holds: the same articles,
//! the same pairs with their sides in id order (as a run orders them), the
//! same story JSON. Runs on `examples/corpus`; the agreement with an actual
//! Spark run is `crates/python/tests/test_spark.py`.

mod common;

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use common::{jsonl, ok, repo, reprint, stderr};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;

/// Every row of a Parquet file, each column read as JSON-like values.
fn rows(file: &Path) -> Vec<BTreeMap<String, Value>> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(File::open(file).expect("open"))
        .expect("a Parquet file")
        .build()
        .expect("reader");
    let mut out = Vec::new();
    for batch in reader {
        let batch: RecordBatch = batch.expect("a batch");
        for i in 0..batch.num_rows() {
            let mut row = BTreeMap::new();
            for (field, col) in batch.schema().fields().iter().zip(batch.columns()) {
                let v = if col.is_null(i) {
                    Value::Null
                } else if let Some(s) = col.as_string_opt::<i32>() {
                    Value::from(s.value(i))
                } else if let Some(x) = col.as_primitive_opt::<Int64Type>() {
                    Value::from(x.value(i))
                } else if let Some(x) = col.as_primitive_opt::<Float32Type>() {
                    Value::from(x.value(i) as f64)
                } else {
                    panic!("unexpected column type {}", field.data_type())
                };
                row.insert(field.name().clone(), v);
            }
            out.push(row);
        }
    }
    out
}

fn corpus_store(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("r.db");
    let corpus = repo("examples/corpus");
    ok(reprint(&db, &["ingest", corpus.to_str().unwrap()]));
    db
}

#[test]
fn parquet_tables_hold_what_the_jsonl_export_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let db = corpus_store(tmp.path());
    let out = tmp.path().join("out");
    ok(reprint(
        &db,
        &["export", "--format", "parquet", "-o", out.to_str().unwrap()],
    ));

    // Articles: the same ids, the stored record as `article`.
    let articles = rows(&out.join("articles/part-0.parquet"));
    let exported = jsonl(&ok(reprint(&db, &["export", "--what", "articles"])));
    assert_eq!(articles.len(), exported.len());
    assert!(
        articles.len() > 20,
        "the demo corpus has {}",
        articles.len()
    );
    for (row, line) in articles.iter().zip(&exported) {
        assert_eq!(row["id"], line["id"]);
        assert_eq!(row["words"], line["words"]);
        let record: Value = serde_json::from_str(row["article"].as_str().unwrap()).unwrap();
        assert_eq!(record, line["article"]);
        let paragraphs: Vec<&str> = record["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(row["text"], Value::from(paragraphs.join("\n\n")));
    }

    // Pairs: copies and partial reuse, sides in id order.
    let pairs = rows(&out.join("pairs/part-0.parquet"));
    let exported = jsonl(&ok(reprint(
        &db,
        &["export", "--what", "pairs", "--include-partial"],
    )));
    assert_eq!(pairs.len(), exported.len());
    assert!(!pairs.is_empty());
    let by_sides: BTreeMap<(String, String), &BTreeMap<String, Value>> = pairs
        .iter()
        .map(|r| {
            let side = |k: &str| r[k].as_str().unwrap().to_string();
            assert!(side("a") < side("b"), "sides in id order: {r:?}");
            ((side("a"), side("b")), r)
        })
        .collect();
    let mut swapped = 0;
    for line in &exported {
        let (a, b) = (line["a"].as_str().unwrap(), line["b"].as_str().unwrap());
        let flip = b < a;
        swapped += flip as usize;
        let key = if flip { (b, a) } else { (a, b) };
        let row = by_sides[&(key.0.to_string(), key.1.to_string())];
        let (sa, sb) = if flip {
            ("shared_b", "shared_a")
        } else {
            ("shared_a", "shared_b")
        };
        let close = |x: &Value, y: &Value| (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 5e-4;
        assert!(close(&row["shared_a"], &line[sa]), "{row:?} / {line}");
        assert!(close(&row["shared_b"], &line[sb]), "{row:?} / {line}");
        assert_eq!(row["kind"], line["kind"]);
        assert_eq!(row["words"], line["words"]);
        let pair: Value = serde_json::from_str(row["pair"].as_str().unwrap()).unwrap();
        let passages = line["passages"].as_array().unwrap();
        for (p, q) in pair["passages"].as_array().unwrap().iter().zip(passages) {
            let (pa, pb) = if flip { ("b", "a") } else { ("a", "b") };
            assert_eq!(p["a"], q[pa]);
            assert_eq!(p["b"], q[pb]);
        }
        assert_eq!(pair["shared_words"], line["words"]);
    }
    eprintln!("{} pairs, {swapped} turned to id order", exported.len());

    // Stories: the versioned JSON, named by their smallest member.
    let stories = rows(&out.join("stories/part-0.parquet"));
    let exported = jsonl(&ok(reprint(&db, &["export", "--what", "stories"])));
    assert_eq!(stories.len(), exported.len());
    for (row, line) in stories.iter().zip(&exported) {
        let json: Value = serde_json::from_str(row["json"].as_str().unwrap()).unwrap();
        assert_eq!(&json, line);
        assert_eq!(row["id"], line["id"]);
        assert_eq!(row["size"], line["size"]);
        assert_eq!(row["error"], Value::Null);
        let mut members: Vec<&str> = line["copies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["article"]["id"].as_str().unwrap())
            .chain(line["origin"]["article"]["id"].as_str())
            .collect();
        members.sort();
        assert_eq!(row["story"], Value::from(members[0]));
    }
}

#[test]
fn one_parquet_table_with_what() {
    let tmp = tempfile::tempdir().unwrap();
    let db = corpus_store(tmp.path());
    let file = tmp.path().join("pairs.parquet");
    ok(reprint(
        &db,
        &[
            "export",
            "--what",
            "pairs",
            "--format",
            "parquet",
            "-o",
            file.to_str().unwrap(),
        ],
    ));
    // Without --include-partial: copies only, as the JSON lines export.
    let exported = jsonl(&ok(reprint(&db, &["export", "--what", "pairs"])));
    assert_eq!(rows(&file).len(), exported.len());
}

#[test]
fn parquet_needs_a_place_and_other_formats_need_what() {
    let tmp = tempfile::tempdir().unwrap();
    let db = corpus_store(tmp.path());
    let no_dir = reprint(&db, &["export", "--format", "parquet"]);
    assert!(!no_dir.status.success());
    assert!(stderr(&no_dir).contains("-o DIR"), "{}", stderr(&no_dir));
    let no_what = reprint(&db, &["export", "--format", "csv"]);
    assert!(!no_what.status.success());
    assert!(
        stderr(&no_what).contains("--what is needed"),
        "{}",
        stderr(&no_what)
    );
    // A directory that cannot be made is named.
    let blocked = tmp.path().join("file");
    std::fs::write(&blocked, "x").unwrap();
    let inside = blocked.join("out");
    let bad = reprint(
        &db,
        &[
            "export",
            "--format",
            "parquet",
            "-o",
            inside.to_str().unwrap(),
        ],
    );
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains(inside.to_str().unwrap()),
        "{}",
        stderr(&bad)
    );
}
