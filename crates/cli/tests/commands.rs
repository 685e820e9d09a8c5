//! The read commands on a real corpus: `stories`, `show`, `trace`, `export`,
//! with tables for people and JSON for machines. Uses
//! `../shared/data/reprints/census.jsonl`, where census:2313 (CenturyLink),
//! census:6190 (Star Tribune) and census:12769 (Houston Chronicle) carry the
//! same AP story.

mod common;

use std::process::Command;

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
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
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
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
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
    let out = ok(reprint_with_stdin(
        &db,
        &["trace", "-"],
        &std::fs::read(&held).unwrap(),
    ));
    assert!(out.contains("would join story"), "{out}");
}

#[test]
fn exports_are_parseable_in_both_formats() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
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
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = census_without_12769(dir.path());
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo("docs/story.schema.json")).unwrap())
            .unwrap();
    let list: serde_json::Value =
        serde_json::from_str(&ok(reprint(&db, &["stories", "--json"]))).unwrap();
    let copy_schema = &schema["properties"]["copies"]["items"];
    // Follows a local `$ref` ("#/$defs/credit") to the enumeration.
    let enum_of = |v: &serde_json::Value| -> Vec<String> {
        let v = match v["$ref"].as_str().and_then(|r| r.strip_prefix("#/$defs/")) {
            Some(name) => &schema["$defs"][name],
            None => v,
        };
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
            let change_schema = &copy_schema["properties"]["changes"]["items"];
            for ch in c["changes"].as_array().unwrap() {
                assert!(
                    change_kinds.contains(&ch["kind"].as_str().unwrap().to_string()),
                    "{ch}"
                );
                // Every field a change carries is described, its confidence
                // (schema 3) among them and within 0..=1.
                for key in ch.as_object().unwrap().keys() {
                    assert!(
                        change_schema["properties"].get(key).is_some(),
                        "{key} is not in the schema: {ch}"
                    );
                }
                let confidence = ch["confidence"].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&confidence), "{ch}");
            }
            let hop_schema = &copy_schema["properties"]["chain"]["items"];
            let chain = c["chain"].as_array().unwrap();
            let decided = story["origin"]["kind"] != "undetermined";
            assert_eq!(
                !chain.is_empty(),
                decided,
                "a decided origin gives every copy a chain: {c}"
            );
            for hop in chain {
                for field in hop_schema["required"].as_array().unwrap() {
                    assert!(
                        hop.get(field.as_str().unwrap()).is_some(),
                        "hop lacks {field}"
                    );
                }
                assert!(enum_of(&hop_schema["properties"]["credit"])
                    .contains(&hop["credit"].as_str().unwrap().to_string()));
            }
        }
    }
}

/// The story holding `member`, from `export --what stories` output.
fn story_with<'a>(stories: &'a [serde_json::Value], member: &str) -> &'a serde_json::Value {
    stories
        .iter()
        .find(|s| {
            s["copies"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["article"]["id"] == member)
        })
        .unwrap_or_else(|| panic!("{member} is in no story"))
}

fn copy_of<'a>(story: &'a serde_json::Value, member: &str) -> &'a serde_json::Value {
    story["copies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["article"]["id"] == member)
        .unwrap()
}

/// census:14730 (Chicago Tribune) runs the AP story on the Hofeller files
/// without crediting AP. With a partners file naming the Tribune an AP
/// licensee, `show`, `stories` and `export --what stories` call it licensed,
/// citing the file and line; without one, or from ./reprint.toml by default.
#[test]
fn a_partners_file_turns_uncredited_into_licensed_when_read() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(reprint(
        &db,
        &[
            "ingest",
            shared("data/reprints/census.jsonl").to_str().unwrap(),
        ],
    ));
    let partners = dir.path().join("partners.toml");
    std::fs::write(
        &partners,
        "# AP members\n[[partner]]\nsource = \"The Associated Press\"\nlicensees = [\"chicagotribune.com\"]\n",
    )
    .unwrap();
    let p = partners.to_str().unwrap();
    let plain = jsonl(&ok(reprint(&db, &["export", "--what", "stories"])));
    let story = story_with(&plain, "census:14730");
    assert_eq!(copy_of(story, "census:14730")["credit"], "uncredited");
    let id = story["id"].as_i64().unwrap().to_string();

    let shown: serde_json::Value =
        serde_json::from_str(&ok(reprint(&db, &["show", &id, "--json", "--partners", p]))).unwrap();
    let tribune = copy_of(&shown, "census:14730");
    assert_eq!(tribune["credit"], "licensed");
    let first = tribune["evidence"][0].as_str().unwrap();
    assert!(
        first.contains(&format!("{p}:2")) && first.contains("chicagotribune.com"),
        "{first}"
    );
    // Credited copies stay credited.
    assert_eq!(copy_of(&shown, "census:8818")["credit"], "credited");
    let table = ok(reprint(&db, &["show", &id, "--partners", p]));
    assert!(table.contains("licensed"), "{table}");

    let listed: serde_json::Value =
        serde_json::from_str(&ok(reprint(&db, &["stories", "--json", "--partners", p]))).unwrap();
    let row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"].as_i64() == story["id"].as_i64())
        .unwrap();
    assert_eq!(row["credit"]["licensed"], 1, "{row}");
    assert!(row["credit"].get("uncredited").is_none(), "{row}");

    let exported = jsonl(&ok(reprint(
        &db,
        &["export", "--what", "stories", "--partners", p],
    )));
    assert_eq!(
        copy_of(story_with(&exported, "census:14730"), "census:14730")["credit"],
        "licensed"
    );
    let csv = csv_rows(&ok(reprint(
        &db,
        &[
            "export",
            "--what",
            "stories",
            "--format",
            "csv",
            "--partners",
            p,
        ],
    )));
    let col = csv[0].iter().position(|h| h == "licensed").unwrap();
    let line = csv.iter().find(|r| r[0] == id).unwrap();
    assert_eq!(line[col], "1");

    // ./reprint.toml is read when no --partners is given.
    std::fs::copy(&partners, dir.path().join("reprint.toml")).unwrap();
    let default = ok(Command::new(env!("CARGO_BIN_EXE_reprint"))
        .current_dir(dir.path())
        .args(["--db", db.to_str().unwrap(), "show", &id, "--json"])
        .output()
        .unwrap());
    assert!(
        default.contains("reprint.toml:2 lists chicagotribune.com"),
        "{default}"
    );

    // A broken file is refused, naming the file and the line.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[partner]]\nsource = \"AP\"\nlicensees = [\"x\"\n").unwrap();
    let refused = reprint(&db, &["show", &id, "--partners", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains(&format!("{}:3:", bad.display())),
        "{}",
        stderr(&refused)
    );
}

/// `trace` applies the partners file too: census:14730 (Chicago Tribune),
/// traced against a store without it, is a licensed copy of the AP story.
#[test]
fn trace_applies_the_partners_file() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let dir = tempfile::tempdir().unwrap();
    let all = std::fs::read_to_string(shared("data/reprints/census.jsonl")).unwrap();
    let (held, rest): (Vec<&str>, Vec<&str>) =
        all.lines().partition(|l| l.contains("\"census:14730\""));
    let (rest_file, held_file) = (dir.path().join("rest.jsonl"), dir.path().join("held.jsonl"));
    std::fs::write(&rest_file, rest.join("\n")).unwrap();
    std::fs::write(&held_file, held.join("\n")).unwrap();
    let db = dir.path().join("c.db");
    ok(reprint(&db, &["ingest", rest_file.to_str().unwrap()]));
    let held = held_file.to_str().unwrap();
    let plain: serde_json::Value =
        serde_json::from_str(&ok(reprint(&db, &["trace", held, "--json"]))).unwrap();
    assert_eq!(plain["credit"], "uncredited", "{plain}");

    let partners = dir.path().join("partners.toml");
    std::fs::write(
        &partners,
        "# AP members\n[[partner]]\nsource = \"The Associated Press\"\nlicensees = [\"chicagotribune.com\"]\n",
    )
    .unwrap();
    let p = partners.to_str().unwrap();
    let traced: serde_json::Value = serde_json::from_str(&ok(reprint(
        &db,
        &["trace", held, "--json", "--partners", p],
    )))
    .unwrap();
    assert_eq!(traced["credit"], "licensed", "{traced}");
    assert!(
        traced["credit_evidence"][0]
            .as_str()
            .unwrap()
            .contains(&format!("{p}:2")),
        "{traced}"
    );
    assert_eq!(traced["story"]["id"], plain["story"]["id"]);
    let table = ok(reprint(&db, &["trace", held, "--partners", p]));
    assert!(table.contains("credit to the origin: licensed"), "{table}");
    // ./reprint.toml is read when no --partners is given.
    std::fs::copy(&partners, dir.path().join("reprint.toml")).unwrap();
    let default = ok(Command::new(env!("CARGO_BIN_EXE_reprint"))
        .current_dir(dir.path())
        .args(["--db", db.to_str().unwrap(), "trace", held])
        .output()
        .unwrap());
    assert!(
        default.contains("credit to the origin: licensed"),
        "{default}"
    );
}

/// An origin, a proxy crediting it, and an aggregator crediting only the
/// proxy, which also gives a quotation to another speaker and moves the
/// story to another city: each copy's chain hop by hop, where the origin's
/// credit was lost, and the changes with their paragraphs.
#[test]
fn chains_show_each_hop_and_where_credit_was_lost() {
    let body = [
        "The city council of Harbor City voted on Tuesday to keep the old river plant open through the winter, reversing a decision taken in the spring after a long and heated public debate.",
        "“We will keep the plant open through the winter and review it again next year,” said Maria Lopez, the mayor, after the vote in the council chamber.",
        "The plant employs about two hundred people and supplies heat to most of the homes on the east side of the river, according to figures published by the utility.",
        "Opponents of the plan argued that the money would be better spent on new insulation for older homes and on a study of cheaper sources of heat for the district.",
        "The council will meet again in March to decide how the plant should be paid for, and residents will be invited to comment on the proposals before that meeting.",
    ];
    let edited: Vec<String> = body
        .iter()
        .map(|p| {
            p.replace("said Maria Lopez", "said Tom Kessler")
                .replace("Harbor City", "Bay City")
        })
        .collect();
    let text = |paras: &[String], credit: Option<&str>| -> String {
        let mut t = paras.join("\n\n");
        if let Some(c) = credit {
            t.push_str(&format!(
                "\n\nThis article was originally published by {c}."
            ));
        }
        t
    };
    let plain: Vec<String> = body.iter().map(|s| s.to_string()).collect();
    let pages = [
        ("harbor:1", "Harbor Times", "2016-03-01", text(&plain, None)),
        (
            "perspective:1",
            "Global Perspective",
            "2016-03-02",
            text(&plain, Some("Harbor Times")),
        ),
        (
            "civic:1",
            "Civic Wire Report",
            "2016-03-03",
            text(&edited, Some("Global Perspective")),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("chain.jsonl");
    let lines: Vec<String> = pages
        .iter()
        .map(|(id, site, date, text)| {
            let url = format!(
                "https://{}.example/{id}",
                site.replace(' ', "").to_lowercase()
            );
            serde_json::json!({"id": id, "site": site, "published": date, "url": url, "text": text})
                .to_string()
        })
        .collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let db = dir.path().join("chain.db");
    ok(reprint(&db, &["ingest", input.to_str().unwrap()]));
    let stories = jsonl(&ok(reprint(&db, &["export", "--what", "stories"])));
    let story = story_with(&stories, "civic:1");
    assert_eq!(
        story["origin"]["article"]["id"], "harbor:1",
        "{}",
        story["origin"]
    );

    let proxy = copy_of(story, "perspective:1");
    assert_eq!(proxy["chain"].as_array().unwrap().len(), 1);
    assert_eq!(proxy["chain"][0]["from"], "harbor:1");
    assert!(proxy.get("credit_lost").is_none(), "{proxy}");

    let civic = copy_of(story, "civic:1");
    assert_eq!(civic["credit"], "uncredited", "{}", civic["evidence"]);
    let hops: Vec<(&str, &str)> = civic["chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["from"].as_str().unwrap(), h["to"].as_str().unwrap()))
        .collect();
    assert_eq!(
        hops,
        [("harbor:1", "perspective:1"), ("perspective:1", "civic:1")]
    );
    // Named without a link to the page: partial, hop after hop.
    assert_eq!(
        civic["chain"][1]["credit"], "partial",
        "{}",
        civic["chain"][1]
    );
    assert_eq!(civic["credit_lost"]["hop"], 1);
    let lost = civic["credit_lost"]["detail"].as_str().unwrap();
    assert!(lost.contains("credits only perspective:1"), "{lost}");

    let kinds: Vec<&str> = civic["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["speaker-changed", "entity-changed"],
        "{}",
        civic["changes"]
    );
    assert_eq!(civic["changes"][0]["origin_paragraph"], 1);
    assert!(civic["changes"][1]["detail"]
        .as_str()
        .unwrap()
        .contains("Harbor → Bay"));

    let id = story["id"].as_i64().unwrap().to_string();
    let shown = ok(reprint(&db, &["show", &id]));
    assert!(
        shown.contains("harbor:1 → perspective:1 [partial] → civic:1 [partial]")
            && shown.contains("credit lost at hop 2")
            && shown.contains("speaker-changed (¶2 → ¶2)"),
        "{shown}"
    );
}
