//! The read commands on a real corpus: `stories`, `show`, `trace`, `export`,
//! with tables for people and JSON for machines. Uses
//! `../shared/data/reprints/census.jsonl`, where census:2313 (CenturyLink),
//! census:6190 (Star Tribune) and census:12769 (Houston Chronicle) carry the
//! same AP story.

mod common;

use std::process::{Command, Stdio};

use common::*;

/// Stores census without census:12769, which `trace` then looks up.
fn census_without_12769(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let all = std::fs::read_to_string(shared("data/reprints/census.jsonl")).unwrap();
    let (held, rest): (Vec<&str>, Vec<&str>) =
        all.lines().partition(|l| l.contains("\"census:12769\""));
    let rest_file = dir.join("rest.jsonl");
    let held_file = dir.join("held.jsonl");
    std::fs::write(&rest_file, rest.join("\n")).unwrap();
    std::fs::write(&held_file, held.join("\n")).unwrap();
    let db = dir.join("c.db");
    ok(reprint(&db, &["ingest", rest_file.to_str().unwrap()]));
    (db, held_file)
}

#[test]
fn stories_and_show_in_tables_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = census_without_12769(dir.path());
    let table = ok(reprint(&db, &["stories"]));
    assert!(table.starts_with("id  size  origin"), "{table}");
    let list: serde_json::Value =
        serde_json::from_str(&ok(reprint(&db, &["stories", "--json"]))).unwrap();
    let stories = list.as_array().unwrap();
    assert!(!stories.is_empty());
    // The global option also works after the command.
    let id = stories[0]["id"].as_i64().unwrap().to_string();
    let shown = ok(Command::new(env!("CARGO_BIN_EXE_reprint"))
        .args(["show", &id, "--db"])
        .arg(&db)
        .output()
        .unwrap());
    assert!(
        shown.contains("origin:") && shown.contains("copies:"),
        "{shown}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(reprint(&db, &["show", &id, "--json"]))).unwrap();
    assert_eq!(json["id"].as_i64().unwrap().to_string(), id);
    assert!(
        !json["origin"]["evidence"].as_array().unwrap().is_empty(),
        "the origin has evidence"
    );
    for c in json["copies"].as_array().unwrap() {
        assert!(
            !c["evidence"].as_array().unwrap().is_empty(),
            "each verdict has evidence: {c}"
        );
    }
    let missing = reprint(&db, &["show", "999999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no story 999999"));
}

#[test]
fn trace_names_the_story_a_new_page_joins_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, held) = census_without_12769(dir.path());
    let before = ok(reprint(
        &db,
        &["export", "--what", "articles", "--format", "csv"],
    ));
    let traced: serde_json::Value = serde_json::from_str(&ok(reprint(
        &db,
        &["trace", held.to_str().unwrap(), "--json"],
    )))
    .unwrap();
    let ids: Vec<&str> = traced["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"census:2313") && ids.contains(&"census:6190"),
        "{ids:?}"
    );
    assert!(traced["story"]["id"].is_i64(), "{traced}");
    assert_eq!(
        ok(reprint(
            &db,
            &["export", "--what", "articles", "--format", "csv"]
        )),
        before
    );
    // The same page on stdin.
    let mut child = Command::new(env!("CARGO_BIN_EXE_reprint"))
        .arg("--db")
        .arg(&db)
        .args(["trace", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&held).unwrap())
        .unwrap();
    let out = ok(child.wait_with_output().unwrap());
    assert!(out.contains("would join story"), "{out}");
}

#[test]
fn exports_are_parseable_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = census_without_12769(dir.path());
    for what in ["stories", "articles", "pairs"] {
        let j = ok(reprint(
            &db,
            &["export", "--what", what, "--format", "jsonl"],
        ));
        assert!(!jsonl(&j).is_empty(), "{what} jsonl");
        let c = ok(reprint(&db, &["export", "--what", what, "--format", "csv"]));
        let mut r = csv_rows(&c);
        assert!(r.len() >= 2, "{what} csv has a header and rows");
        let width = r.remove(0).len();
        assert!(
            r.iter().all(|row| row.len() == width),
            "{what} csv rows are regular"
        );
    }
    let pairs = jsonl(&ok(reprint(&db, &["export", "--what", "pairs"])));
    for p in &pairs {
        assert!(
            p["a"].is_string() && p["b"].is_string() && p["shared"].is_f64(),
            "{p}"
        );
    }
}

fn csv_rows(s: &str) -> Vec<Vec<String>> {
    // Minimal reader for the test: quoted fields may hold commas and quotes.
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    rows
}

/// `show --json` follows `docs/story.schema.json`: required fields present,
/// enumerated values within the schema's enums (a small structural check; no
/// JSON Schema validator dependency for one file).
#[test]
fn show_json_follows_the_published_schema() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = census_without_12769(dir.path());
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo("docs/story.schema.json")).unwrap())
            .unwrap();
    let list: serde_json::Value =
        serde_json::from_str(&ok(reprint(&db, &["stories", "--json"]))).unwrap();
    let copy_schema = &schema["properties"]["copies"]["items"];
    let enum_of = |v: &serde_json::Value| -> Vec<String> {
        v["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    for s in list.as_array().unwrap() {
        let id = s["id"].as_i64().unwrap().to_string();
        let story: serde_json::Value =
            serde_json::from_str(&ok(reprint(&db, &["show", &id, "--json"]))).unwrap();
        for field in schema["required"].as_array().unwrap() {
            assert!(
                story.get(field.as_str().unwrap()).is_some(),
                "story lacks {field}"
            );
        }
        assert_eq!(
            story["schema_version"],
            schema["properties"]["schema_version"]["const"]
        );
        let kinds = enum_of(&schema["properties"]["origin"]["properties"]["kind"]);
        assert!(kinds.contains(&story["origin"]["kind"].as_str().unwrap().to_string()));
        for c in story["copies"].as_array().unwrap() {
            for field in copy_schema["required"].as_array().unwrap() {
                assert!(
                    c.get(field.as_str().unwrap()).is_some(),
                    "copy lacks {field}"
                );
            }
            assert!(enum_of(&copy_schema["properties"]["credit"])
                .contains(&c["credit"].as_str().unwrap().to_string()));
            assert!(enum_of(&copy_schema["properties"]["kind"])
                .contains(&c["kind"].as_str().unwrap().to_string()));
            let change_kinds =
                enum_of(&copy_schema["properties"]["changes"]["items"]["properties"]["kind"]);
            for ch in c["changes"].as_array().unwrap() {
                assert!(
                    change_kinds.contains(&ch["kind"].as_str().unwrap().to_string()),
                    "{ch}"
                );
            }
        }
    }
}
