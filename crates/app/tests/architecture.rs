//! The dependency rules of ARCHITECTURE.md ("Layers"), checked on the
//! workspace as it is: `cargo metadata` for which crate depends on which,
//! and the `crate::` paths of each crate's modules for import loops.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Each workspace crate's layer: a crate may depend (normal or build
/// dependency) only on crates of lower layers, and on `allowed` below.
const LAYERS: &[(&str, u32)] = &[
    ("reprint-prerequisites", 0),
    ("reprint-time", 0),
    ("reprint-ingest", 1),
    ("reprint-extract", 1),
    ("reprint-match", 1),
    ("reprint-trace", 2),
    ("reprint-store", 2),
    ("reprint-app", 3),
    ("reprint-serve", 4),
    ("reprint-sim", 4),
    ("reprint-python", 4),
    ("reprint-cli", 5),
];

/// Dependencies between workspace crates that are allowed, by crate (any
/// other is a failure, whatever the layers say).
const ALLOWED: &[(&str, &[&str])] = &[
    ("reprint-prerequisites", &[]),
    ("reprint-time", &[]),
    ("reprint-ingest", &[]),
    ("reprint-extract", &[]),
    ("reprint-match", &[]),
    (
        "reprint-trace",
        &["reprint-extract", "reprint-match", "reprint-time"],
    ),
    // The store stores: neither reading pages nor tracing stories.
    (
        "reprint-store",
        &["reprint-extract", "reprint-match", "reprint-time"],
    ),
    (
        "reprint-app",
        &[
            "reprint-ingest",
            "reprint-extract",
            "reprint-match",
            "reprint-trace",
            "reprint-store",
            "reprint-time",
        ],
    ),
    (
        "reprint-serve",
        &[
            "reprint-app",
            "reprint-ingest",
            "reprint-extract",
            "reprint-match",
            "reprint-trace",
            "reprint-store",
        ],
    ),
    (
        "reprint-sim",
        &[
            "reprint-app",
            "reprint-ingest",
            "reprint-extract",
            "reprint-match",
            "reprint-trace",
            "reprint-store",
        ],
    ),
    (
        "reprint-python",
        &[
            "reprint-app",
            "reprint-ingest",
            "reprint-extract",
            "reprint-match",
            "reprint-trace",
            "reprint-store",
        ],
    ),
    (
        "reprint-cli",
        &[
            "reprint-app",
            "reprint-serve",
            "reprint-ingest",
            "reprint-extract",
            "reprint-match",
            "reprint-trace",
            "reprint-store",
        ],
    ),
];

/// Crates whose import loops are known and being removed. The tracer's
/// went when the change types (`change`) and the story types (`report`)
/// became modules of their own below `changes`, `names`, `story` and
/// `chain`; the simulator's when the laid-out world (`world`), which joins
/// scenario and layout, left `scenario`, and the name lists forms and the
/// world draw moved from `layout::chrome` to `scenario::people`.
/// Extraction's `html` ↔ `site` (site profiles) went when the page's blocks
/// and the profile type moved to a module of their own below both
/// (`blocks`). A loop in any crate not listed fails.
const LOOPS_BEING_REMOVED: &[&str] = &[];

/// The platform this test runs on, from `rustc -vV`.
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc)
        .arg("-vV")
        .output()
        .expect("rustc -vV runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names its host")
        .trim()
        .to_string()
}

/// The resolved graph for the host platform only: without the filter,
/// `cargo metadata --offline` wants every platform's crates (Android's,
/// Windows') in the local registry, which a fresh machine that only built
/// for Linux does not have, and the layering rules are about what builds.
fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let host = host_triple();
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata is JSON")
}

/// Normal and build dependencies (not dev-dependencies) of each package,
/// by package name, from the resolved graph.
fn graph(meta: &Value) -> BTreeMap<String, BTreeSet<String>> {
    let names: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let mut out = BTreeMap::new();
    for node in meta["resolve"]["nodes"].as_array().unwrap() {
        let name = names[node["id"].as_str().unwrap()].to_string();
        let deps: BTreeSet<String> = node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].as_str() != Some("dev"))
            })
            .map(|d| names[d["pkg"].as_str().unwrap()].to_string())
            .collect();
        out.entry(name).or_insert_with(BTreeSet::new).extend(deps);
    }
    out
}

fn closure(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.to_string()];
    while let Some(p) = todo.pop() {
        for d in graph.get(&p).into_iter().flatten() {
            if seen.insert(d.clone()) {
                todo.push(d.clone());
            }
        }
    }
    seen
}

fn workspace(meta: &Value) -> Vec<(String, PathBuf)> {
    let members: BTreeSet<&str> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| members.contains(p["id"].as_str().unwrap()))
        .map(|p| {
            let manifest = PathBuf::from(p["manifest_path"].as_str().unwrap());
            (
                p["name"].as_str().unwrap().to_string(),
                manifest.parent().unwrap().to_path_buf(),
            )
        })
        .collect()
}

#[test]
fn crates_depend_only_on_the_layers_below_them() {
    let meta = metadata();
    let graph = graph(&meta);
    let layer: BTreeMap<&str, u32> = LAYERS.iter().copied().collect();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let crates = workspace(&meta);
    let mut wrong = Vec::new();
    for (name, _) in &crates {
        let Some(&mine) = layer.get(name.as_str()) else {
            wrong.push(format!(
                "{name}: no layer in this test (add it, and to ARCHITECTURE.md)"
            ));
            continue;
        };
        for dep in &graph[name] {
            let Some(&theirs) = layer.get(dep.as_str()) else {
                continue; // not a workspace crate
            };
            if theirs >= mine || !allowed[name.as_str()].contains(&dep.as_str()) {
                wrong.push(format!("{name} depends on {dep}"));
            }
        }
    }
    assert!(wrong.is_empty(), "dependency rules broken: {wrong:#?}");
}

#[test]
fn only_the_store_talks_to_sqlite() {
    let meta = metadata();
    let graph = graph(&meta);
    let sqlite = ["rusqlite", "libsqlite3-sys"];
    for (name, _) in workspace(&meta) {
        let direct = &graph[&name];
        if name != "reprint-store" {
            for s in sqlite {
                assert!(!direct.contains(s), "{name} depends on {s} itself");
            }
        }
        // Below the use-case layer, not even through another crate: the
        // pipeline runs where there is no SQLite (a Python package, Spark).
        if [
            "reprint-ingest",
            "reprint-extract",
            "reprint-match",
            "reprint-trace",
        ]
        .contains(&name.as_str())
        {
            let all = closure(&graph, &name);
            for s in sqlite {
                assert!(!all.contains(s), "{name} reaches {s}");
            }
        }
    }
    assert!(
        graph["reprint-store"].contains("rusqlite"),
        "the test sees the store's SQLite"
    );
}

/// A crate's modules by path (`a`, `a::b`) and the top-level modules each
/// file names through `crate::`.
fn module_edges(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    let mut todo = vec![src.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    let top = |p: &Path| -> Option<String> {
        let rel = p.strip_prefix(src).ok()?;
        let first = rel.components().next()?.as_os_str().to_string_lossy();
        let name = first.trim_end_matches(".rs").to_string();
        (!["lib", "main"].contains(&name.as_str()) && rel.components().count() >= 1).then_some(name)
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|p| top(p)).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let Some(from) = top(f) else { continue };
        let text = std::fs::read_to_string(f).unwrap();
        // Tests may reach anywhere: only the module's own code counts.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let code: String = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            // `crate::{a, b::c}` names several.
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .map(|s| s.trim().split("::").next().unwrap_or("").trim())
                    .collect()
            } else {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                vec![&rest[..end]]
            };
            for n in names {
                if modules.contains(n) && n != from {
                    edges.entry(from.clone()).or_default().insert(n.to_string());
                }
            }
        }
        edges.entry(from).or_default();
    }
    edges
}

/// The modules on a cycle, if any (depth-first search).
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut c = path[i..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        if let Some(c) = visit(n, edges, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_import_loops_among_a_crates_modules() {
    let meta = metadata();
    let mut loops = Vec::new();
    for (name, dir) in workspace(&meta) {
        if LOOPS_BEING_REMOVED.contains(&name.as_str()) {
            continue;
        }
        let edges = module_edges(&dir.join("src"));
        if let Some(c) = cycle(&edges) {
            loops.push(format!("{name}: {}", c.join(" → ")));
        }
    }
    assert!(loops.is_empty(), "import loops: {loops:#?}");
}

#[test]
fn the_loop_finder_finds_loops() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(
        cycle(&edges),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    let mut no_loop = edges.clone();
    no_loop.get_mut("c").unwrap().clear();
    assert_eq!(cycle(&no_loop), None);
}
