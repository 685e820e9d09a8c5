//! API integration tests against a temporary database built from the
//! census reprints: every endpoint answers, errors are JSON with the right
//! status (and UI errors HTML pages), the OpenAPI document lists every API
//! route, ingestion needs the token, tracing by URL needs `--allow-fetch`
//! and then refuses local addresses, and diffs flag altered quotations.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use reprint_serve::db::Db;
use reprint_serve::{AppState, Config};

struct App {
    router: Router,
    routes: Vec<(&'static str, &'static str)>,
    _dir: tempfile::TempDir,
}

fn app_from(fill: impl FnOnce(&Path), token: Option<&str>, allow_fetch: bool) -> App {
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("t.db");
    fill(&db);
    let mut cfg = Config::new(db.clone());
    cfg.max_body = 64 * 1024;
    cfg.ingest_token = token.map(String::from);
    cfg.allow_fetch = allow_fetch;
    let db = Db::open(&db, 4, token.is_some()).unwrap();
    let state = Arc::new(AppState::new(db, &cfg).unwrap());
    let (router, routes) = reprint_serve::app_with_routes(state, &cfg);
    App {
        router,
        routes,
        _dir: dir,
    }
}

fn census(db: &Path) {
    common::ingest_files(db, &[common::census()]);
}

fn app(token: Option<&str>) -> App {
    app_from(census, token, false)
}

/// Status, content type, body text and CSP header of a request's answer.
async fn answer(app: &App, req: Request<Body>) -> (StatusCode, String, String, String) {
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let (ctype, csp) = (header("content-type"), header("content-security-policy"));
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        ctype,
        String::from_utf8_lossy(&bytes).to_string(),
        csp,
    )
}

async fn call(app: &App, req: Request<Body>) -> (StatusCode, String, Value) {
    let (status, ctype, text, _) = answer(app, req).await;
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    assert!(
        !status.is_client_error() && !status.is_server_error()
            || ctype.starts_with("application/json"),
        "error answers are JSON: {status} {ctype}"
    );
    (status, ctype, json)
}

async fn get(app: &App, uri: &str) -> (StatusCode, Value) {
    let (s, _, j) = call(app, Request::get(uri).body(Body::empty()).unwrap()).await;
    (s, j)
}

#[tokio::test]
async fn endpoints_answer() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let app = app(None);
    let (s, list) = get(&app, "/api/stories?limit=3").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["total"], 5);
    assert_eq!(list["items"].as_array().unwrap().len(), 3);
    let id = list["items"][0]["id"].as_i64().unwrap();

    let (s, story) = get(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(story["schema_version"], 3);
    let copies = story["copies"].as_array().unwrap();
    assert!(copies.len() >= 2);
    let (a, b) = (
        key_of(&app, &copies[0]["article"]["id"]).await,
        key_of(&app, &copies[1]["article"]["id"]).await,
    );

    let (s, art) = get(&app, &format!("/api/articles/{a}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(art["story"], id);
    assert!(art["fields"]["paragraphs"].as_array().unwrap().len() > 1);

    let (s, d) = get(&app, &format!("/api/diff?a={a}&b={b}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!d["passages"].as_array().unwrap().is_empty());
    assert!(d["segments_a"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["kind"] != "only"));

    let (s, hits) = get(&app, "/api/search?q=census%20bureau&limit=5").await;
    assert_eq!(s, StatusCode::OK);
    assert!(hits["total"].as_i64().unwrap() > 0);
    // FTS5 syntax in the query is treated as words, never an error.
    let (s, _) = get(&app, "/api/search?q=%22NEAR(%20*%20OR%20-").await;
    assert_eq!(s, StatusCode::OK);

    let url_site = art["site"].as_str().unwrap().to_string();
    let (s, by_site) = get(
        &app,
        &format!("/api/articles?site={}", url_site.replace(' ', "%20")),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(by_site["total"].as_i64().unwrap() >= 1);
    let (s, site) = get(
        &app,
        &format!("/api/sites/{}", url_site.replace(' ', "%20")),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(site["stats"]["articles"].as_i64().unwrap() >= 1);

    let (s, filtered) = get(
        &app,
        "/api/stories?min_size=4&from=2019-01-01&to=2019-12-31",
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(filtered["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["size"].as_i64().unwrap() >= 4));
    let (s, _) = get(&app, "/api/stories?credit=uncredited").await;
    assert_eq!(s, StatusCode::OK);

    let copies = export_lines(&app, "/api/export?what=pairs").await;
    let all = export_lines(&app, "/api/export?what=pairs&partial=true").await;
    assert!(copies > 0 && all >= copies);
    assert_eq!(export_lines(&app, "/api/export?what=stories").await, 5);
    assert_eq!(export_lines(&app, "/api/export?what=articles").await, 32);
}

/// An article's store key from its input id, as the story JSON names it.
async fn key_of(app: &App, id: &Value) -> i64 {
    let id = id.as_str().unwrap();
    let escaped: String = id
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let (s, found) = get(app, &format!("/api/articles?id={escaped}")).await;
    assert_eq!(s, StatusCode::OK, "{found}");
    assert_eq!(found["total"], 1, "{id}: {found}");
    assert_eq!(found["items"][0]["id"], id);
    found["items"][0]["key"].as_i64().unwrap()
}

async fn export_lines(app: &App, uri: &str) -> usize {
    let resp = app
        .router
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8_lossy(&body).lines().count()
}

#[tokio::test]
async fn trace_finds_the_story_and_stores_nothing() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let app = app(None);
    let (_, list) = get(&app, "/api/stories?limit=1").await;
    let id = list["items"][0]["id"].as_i64().unwrap();
    let (_, story) = get(&app, &format!("/api/stories/{id}")).await;
    let key = key_of(&app, &story["copies"][0]["article"]["id"]).await;
    let (_, art) = get(&app, &format!("/api/articles/{key}")).await;
    let text: Vec<String> = art["fields"]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    let req = Request::post("/api/trace")
        .header("content-type", "text/plain")
        .body(Body::from(text.join("\n\n")))
        .unwrap();
    let (s, _, t) = call(&app, req).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert_eq!(t["story"]["id"], id);
    assert!(t["credit"].is_string());
    let (_, after) = get(&app, "/api/stories?limit=1").await;
    assert_eq!(after["total"], list["total"]);
}

#[tokio::test]
async fn bad_input_gets_json_4xx() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let app = app(None);
    for (uri, want) in [
        ("/api/stories/abc", 400),
        ("/api/stories/0", 400),
        ("/api/stories/999999", 404),
        ("/api/articles/999999", 404),
        ("/api/articles/-1", 400),
        ("/api/stories?limit=0", 400),
        ("/api/stories?limit=abc", 400),
        ("/api/stories?offset=-5", 400),
        ("/api/stories?from=yesterday", 400),
        // Shaped like a day, but no day: read by reprint-time, not by shape.
        ("/api/stories?from=2019-02-30", 400),
        ("/api/stories?to=2019-13", 400),
        ("/api/stories?credit=maybe", 400),
        ("/api/search", 400),
        ("/api/search?q=", 400),
        ("/api/diff?a=1", 400),
        ("/api/diff?a=1&b=999999", 404),
        ("/api/export?what=everything", 400),
        ("/api/articles", 400),
        ("/api/nope", 404),
        ("/api/sites/no%20such%20site", 404),
    ] {
        let (s, j) = get(&app, uri).await;
        assert_eq!(s.as_u16(), want, "{uri}: {j}");
        assert_eq!(j["error"]["status"], want, "{uri}");
    }
    // A bad filter date names the parameter and the value, in the words
    // `reprint stories --from/--to` uses (reprint_app::filter).
    for (uri, said) in [
        (
            "/api/stories?from=2019-02-30",
            "from: \"2019-02-30\" is not a date",
        ),
        ("/api/stories?to=2019-13", "to: \"2019-13\" is not a date"),
    ] {
        let (_, j) = get(&app, uri).await;
        let msg = j["error"]["message"].as_str().unwrap_or_default();
        assert!(msg.starts_with(said), "{uri}: {msg}");
    }
    let long = "x ".repeat(400);
    let (s, _) = get(&app, &format!("/api/search?q={}", long.replace(' ', "%20"))).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    let post = |ctype: &str, body: Vec<u8>| {
        Request::post("/api/trace")
            .header("content-type", ctype)
            .body(Body::from(body))
            .unwrap()
    };
    let (s, _, j) = call(&app, post("application/json", b"{not json".to_vec())).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    let (s, _, _) = call(&app, post("application/json", b"{\"html\": 3}".to_vec())).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _, _) = call(&app, post("text/html", b"<html><<<<</p></div>".to_vec())).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _, _) = call(&app, post("text/plain", vec![0xff, 0xfe, 0x00])).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _, j) = call(&app, post("text/plain", vec![b'a'; 200 * 1024])).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE, "{j}");
    // Still answering.
    let (s, _) = get(&app, "/api/stories").await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn openapi_lists_every_api_route() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let app = app(None);
    let (s, doc) = get(&app, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    let api: Vec<_> = app
        .routes
        .iter()
        .filter(|(_, p)| p.starts_with("/api/"))
        .collect();
    assert!(api.len() >= 10);
    for (method, path) in &api {
        let entry = paths
            .get(*path)
            .unwrap_or_else(|| panic!("{path} missing from openapi.json"));
        assert!(
            entry.get(*method).is_some(),
            "{method} {path} missing from openapi.json"
        );
    }
    // And nothing described that the router does not serve.
    for p in paths.keys() {
        assert!(
            api.iter().any(|(_, r)| r == p),
            "{p} is described but not routed"
        );
    }
}

#[tokio::test]
async fn ingest_needs_the_token() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let line = "{\"id\":\"new-1\",\"text\":\"A brand new article about lighthouses on the coast and the keepers who tended them for a century before automation arrived.\"}\n";
    let ro = app(None);
    let req = Request::post("/api/ingest").body(Body::from(line)).unwrap();
    assert_eq!(call(&ro, req).await.0, StatusCode::FORBIDDEN);

    let token = "s3cret-token-0123456789";
    let rw = app(Some(token));
    let req = Request::post("/api/ingest")
        .header("authorization", "Bearer wrong-token-000000000")
        .body(Body::from(line))
        .unwrap();
    assert_eq!(call(&rw, req).await.0, StatusCode::UNAUTHORIZED);
    let req = Request::post("/api/ingest")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from("not jsonl at all\n"))
        .unwrap();
    assert_eq!(call(&rw, req).await.0, StatusCode::BAD_REQUEST);
    let req = Request::post("/api/ingest")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from(line))
        .unwrap();
    let (s, _, j) = call(&rw, req).await;
    assert_eq!(s, StatusCode::OK, "{j}");
    assert_eq!(j["added"], 1);
    let (s, hits) = get(&rw, "/api/search?q=lighthouses").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(hits["total"], 1, "the search index is filled on ingest");
}

fn request(method: &str, uri: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn ui_errors_are_html_pages_and_api_errors_stay_json() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let app = app(None);
    for (method, uri, want) in [
        ("GET", "/stories/%ff%fe", 400),
        ("GET", "/articles/%C3%28", 400),
        ("GET", "/stories/abc", 400),
        ("GET", "/stories/0", 400),
        ("GET", "/articles/-1", 400),
        ("GET", "/stories/999999", 404),
        ("GET", "/articles/999999", 404),
        ("GET", "/diff?a=x&b=1", 400),
        ("GET", "/diff?a=1", 400),
        ("GET", "/diff?a=1&b=999999", 404),
        ("GET", "/?limit=abc", 400),
        ("GET", "/?credit=maybe", 400),
        ("GET", "/?from=yesterday", 400),
        ("GET", "/search?q=census&limit=0", 400),
        ("GET", "/search?q=census&offset=x", 400),
        ("GET", "/site", 400),
        ("GET", "/site?name=no%20such%20site", 404),
        ("GET", "/no/such/page", 404),
        ("POST", "/", 405),
        ("DELETE", "/stories/1", 405),
    ] {
        let (status, ctype, body, csp) = answer(&app, request(method, uri)).await;
        assert_eq!(status.as_u16(), want, "{method} {uri}: {body}");
        assert!(ctype.starts_with("text/html"), "{method} {uri}: {ctype}");
        assert!(
            body.starts_with("<!doctype html>") && body.contains("<p class=\"error\">"),
            "{method} {uri}: {body}"
        );
        assert!(!csp.is_empty() && !csp.contains("unsafe-inline"));
    }
    for (method, uri, want) in [
        ("GET", "/api/stories/%ff%fe", 400),
        ("GET", "/api/articles/%C3%28", 400),
        ("POST", "/api/stories", 405),
        ("GET", "/api/trace", 405),
        ("GET", "/api/no/such/route", 404),
    ] {
        let (s, _, j) = call(&app, request(method, uri)).await;
        assert_eq!(s.as_u16(), want, "{method} {uri}: {j}");
        assert_eq!(j["error"]["status"], want, "{method} {uri}");
    }
}

fn trace_json(body: Value) -> Request<Body> {
    Request::post("/api/trace")
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn trace_by_url_needs_allow_fetch() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let app = app(None);
    let (s, _, j) = call(
        &app,
        trace_json(serde_json::json!({"url": "https://example.org/news"})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{j}");
    let msg = j["error"]["message"].as_str().unwrap();
    assert!(msg.contains("--allow-fetch"), "{msg}");
}

#[tokio::test]
async fn trace_by_url_refuses_local_destinations_without_connecting() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let app = app_from(census, None, true);
    for url in [
        "http://127.0.0.1/",
        "http://127.0.0.1:8080/private",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/",
        "http://localhost:8080/",
    ] {
        let (s, _, j) = call(&app, trace_json(serde_json::json!({ "url": url }))).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{url}: {j}");
        let msg = j["error"]["message"].as_str().unwrap();
        assert!(msg.starts_with("refusing to fetch"), "{url}: {msg}");
    }
    for url in ["file:///etc/passwd", "ftp://example.org/", "not a url"] {
        let (s, _, j) = call(&app, trace_json(serde_json::json!({ "url": url }))).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{url}: {j}");
    }
    // With the page given, the url is the page's address and never fetched.
    let (s, _, j) = call(
        &app,
        trace_json(serde_json::json!({"text": "A short note about nothing much at all, written for this test alone.", "url": "http://127.0.0.1/"})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    assert_eq!(j["url"], "http://127.0.0.1/");
}

#[tokio::test]
async fn openapi_documents_fetching() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let app = app(None);
    let (_, doc) = get(&app, "/api/openapi.json").await;
    let trace = &doc["paths"]["/api/trace"]["post"];
    assert!(trace["description"]
        .as_str()
        .unwrap()
        .contains("--allow-fetch"));
    for status in ["403", "502", "504"] {
        assert!(trace["responses"][status].is_object(), "{status}");
    }
    let forms = trace["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
        .as_array()
        .unwrap();
    assert!(forms
        .iter()
        .any(|f| f["required"] == serde_json::json!(["url"])));
}

#[tokio::test]
async fn diff_flags_altered_quotes_in_both_texts() {
    let app = app_from(
        |db| common::ingest_jsonl(db, common::altered_quote_pages()),
        None,
        false,
    );
    let (_, hits) = get(&app, "/api/search?q=quotecanary").await;
    let keys: Vec<i64> = hits["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article"]["key"].as_i64().unwrap())
        .collect();
    assert_eq!(keys.len(), 2);
    let (a, b) = (keys.iter().min().unwrap(), keys.iter().max().unwrap());
    let (s, d) = get(&app, &format!("/api/diff?a={a}&b={b}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["kind"] == "quote-altered"));
    let flagged = |side: &str| -> String {
        d[side]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["altered_quote"] == true)
            .map(|s| s["text"].as_str().unwrap())
            .collect()
    };
    assert!(flagged("segments_a").starts_with(common::QUOTE_ORIGINAL));
    assert!(flagged("segments_b").starts_with(common::QUOTE_ALTERED));

    let req = Request::get(format!("/diff?a={a}&b={b}"))
        .body(Body::empty())
        .unwrap();
    let (s, _, page, _) = answer(&app, req).await;
    assert_eq!(s, StatusCode::OK);
    let (left, right) = page.split_once("class=\"side right\"").unwrap();
    let left = left.split_once("class=\"side left\"").unwrap().1;
    assert!(left.contains(" quote-altered\""), "{left}");
    assert!(right.contains(" quote-altered\""), "{right}");
}

#[tokio::test]
async fn search_pages_agree_with_the_total() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let app = app(None);
    let keys = |v: &Value| -> Vec<i64> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["article"]["key"].as_i64().unwrap())
            .collect()
    };
    let (_, all) = get(&app, "/api/search?q=census&limit=200").await;
    let total = all["total"].as_i64().unwrap();
    assert!(total > 6, "{all}");
    assert_eq!(keys(&all).len() as i64, total);
    // Snippets come from the body, where most hits have the word.
    assert!(all["items"].as_array().unwrap().iter().any(|h| h["snippet"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("census")));
    let (_, p1) = get(&app, "/api/search?q=census&limit=3").await;
    let (_, p2) = get(&app, "/api/search?q=census&limit=3&offset=3").await;
    assert_eq!([keys(&p1), keys(&p2)].concat(), keys(&all)[..6]);
    for offset in [0, 3, total - 1, total + 5] {
        let (_, p) = get(
            &app,
            &format!("/api/search?q=census&limit=3&offset={offset}"),
        )
        .await;
        assert_eq!(p["total"], total, "offset {offset}");
    }
}

#[tokio::test]
async fn search_snippets_mark_body_words_and_fall_back_for_title_matches() {
    let app = app_from(
        |db| common::ingest_jsonl(db, common::altered_quote_pages()),
        None,
        false,
    );
    let req = Request::get("/search?q=Minister%20TAXES")
        .body(Body::empty())
        .unwrap();
    let (s, _, page, _) = answer(&app, req).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("<mark>taxes</mark>"), "{page}");
    assert!(page.contains("<mark>minister</mark>"), "{page}");
    // A word only in the title: FTS5's own snippet, the body's opening.
    let (s, hits) = get(&app, "/api/search?q=austerity").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(hits["total"], 2);
    for h in hits["items"].as_array().unwrap() {
        let snippet = h["snippet"].as_str().unwrap();
        assert!(snippet.starts_with("The finance minister"), "{snippet}");
    }
}

/// An origin and a later copy of it that credits no one.
fn partner_pages() -> String {
    let body = "<p>The harbour authority voted on Tuesday to close the old ferry terminal \
        partnercanary at the end of the season, ending more than a century of crossings from \
        the town quay to the islands across the sound.</p>\
        <p>Councillors said the terminal needed repairs costing far more than the ferry company \
        could pay, and that passengers would use the new pier on the north shore instead, \
        which opened last spring with room for two boats.</p>\
        <p>Residents who rely on the morning crossing to reach work said the new pier was too \
        far from the bus station and asked for a shuttle to run until the road is widened.</p>";
    let page = |id: &str, site: &str, date: &str| {
        serde_json::json!({
            "id": id,
            "url": format!("https://{site}/ferry"),
            "site": site,
            "published": date,
            "html": format!("<html><head><title>Ferry terminal to close</title></head>\
                <body><article><h1>Ferry terminal to close</h1>{body}</article></body></html>"),
        })
        .to_string()
    };
    format!(
        "{}\n{}\n",
        page("ferry-origin", "harbourgazette.com", "2021-03-01"),
        page("ferry-copy", "islandcourier.com", "2021-03-03"),
    )
}

fn host(m: &Value) -> Option<String> {
    let url = m["url"].as_str()?;
    Some(url.split("://").nth(1)?.split('/').next()?.to_string())
}

/// A member's outlet as tracing names it: its site, else its host.
fn outlet(m: &Value) -> Option<String> {
    m["site"].as_str().map(String::from).or_else(|| host(m))
}

/// An app over a partners file: every copy judged "uncredited" in
/// `story` made a licensee of its origin. Returns the app, the story and
/// the input ids of the copies made licensees.
async fn licensed_app() -> (App, i64, Vec<String>, String) {
    let plain = app_from(|db| common::ingest_jsonl(db, partner_pages()), None, false);
    let (_, list) = get(&plain, "/api/stories?credit=uncredited&limit=100").await;
    for item in list["items"].as_array().unwrap() {
        let id = item["id"].as_i64().unwrap();
        let (_, story) = get(&plain, &format!("/api/stories/{id}")).await;
        if story["origin"]["kind"] != "article" {
            continue;
        }
        let origin = story["origin"]["article"].clone();
        let Some(source) = outlet(&origin) else {
            continue;
        };
        let copies: Vec<Value> = story["copies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["credit"] == "uncredited")
            .map(|c| c["article"].clone())
            .collect();
        let Some(mut licensees) = copies
            .iter()
            .map(|m| outlet(m).map(|s| format!("{s:?}")))
            .collect::<Option<Vec<String>>>()
        else {
            continue;
        };
        // A traced page without a site is named by its URL's host.
        licensees.extend(
            copies
                .iter()
                .filter_map(|m| Some(format!("{:?}", host(m)?))),
        );
        let ids = copies
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect();
        let path = plain._dir.path().join("partners.toml");
        let text = format!(
            "# test\n[[partner]]\nsource = {source:?}\nlicensees = [{}]\nnote = \"test deal\"\n",
            licensees.join(", ")
        );
        std::fs::write(&path, text).unwrap();
        let partners = reprint_trace::Partners::load(&path).unwrap();
        let db = plain._dir.path().join("t.db");
        let mut cfg = Config::new(db.clone());
        cfg.partners = Some(partners);
        let state = Arc::new(AppState::new(Db::open(&db, 4, false).unwrap(), &cfg).unwrap());
        let (router, routes) = reprint_serve::app_with_routes(state, &cfg);
        let app = App {
            router,
            routes,
            _dir: plain._dir,
        };
        return (app, id, ids, path.display().to_string());
    }
    panic!("no story with an uncredited copy and an article origin");
}

#[tokio::test]
async fn partners_file_makes_uncredited_copies_licensed() {
    let (app, id, licensees, file) = licensed_app().await;
    let (s, story) = get(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    for c in story["copies"].as_array().unwrap() {
        if licensees.iter().any(|l| c["article"]["id"] == l.as_str()) {
            assert_eq!(c["credit"], "licensed", "{c}");
            let first = c["evidence"][0].as_str().unwrap();
            assert!(
                first.starts_with(&format!("licensed partner: {file}:2 lists"))
                    && first.contains("test deal"),
                "{first}"
            );
        } else {
            assert_ne!(c["credit"], "uncredited", "{c}");
        }
    }

    // The filter judges with the partners applied.
    let ids = |v: &Value| -> Vec<i64> {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect()
    };
    let (s, licensed) = get(&app, "/api/stories?credit=licensed&limit=100").await;
    assert_eq!(s, StatusCode::OK);
    assert!(ids(&licensed).contains(&id), "{licensed}");
    assert_eq!(
        licensed["total"].as_i64().unwrap(),
        ids(&licensed).len() as i64
    );
    let (_, one) = get(&app, "/api/stories?credit=licensed&limit=1&offset=0").await;
    assert_eq!(one["total"], licensed["total"]);
    assert_eq!(one["items"].as_array().unwrap().len(), 1);
    let (_, uncredited) = get(&app, "/api/stories?credit=uncredited&limit=100").await;
    assert!(!ids(&uncredited).contains(&id), "{uncredited}");
    for other in ids(&uncredited) {
        let (_, st) = get(&app, &format!("/api/stories/{other}")).await;
        assert!(st["copies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["credit"] == "uncredited"));
    }

    // The story page colours and lists the licensed copies.
    let req = Request::get(format!("/stories/{id}"))
        .body(Body::empty())
        .unwrap();
    let (s, _, page, _) = answer(&app, req).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("class=\"dot licensed\""), "timeline");
    assert!(page.contains("class=\"edge licensed\""), "graph");
    assert!(page.contains("<span class=\"verdict licensed\">licensed</span>"));
    assert!(page.contains("<span class=\"key licensed\">licensed</span>"));
    let req = Request::get("/?credit=licensed")
        .body(Body::empty())
        .unwrap();
    let (s, _, home, _) = answer(&app, req).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        home.contains(&format!("href=\"/stories/{id}\"")),
        "home list"
    );
    assert!(home.contains("<option value=\"licensed\" selected>"));

    // So do the copier's site tallies.
    let (_, site) = get(&app, "/api/sites/islandcourier.com").await;
    assert_eq!(site["stats"]["copies_by_credit"]["licensed"], 1, "{site}");
    assert!(site["stats"]["copies_by_credit"]
        .get("uncredited")
        .is_none());

    // Export and trace apply them too.
    let req = Request::get("/api/export?what=stories")
        .body(Body::empty())
        .unwrap();
    let (_, _, lines, _) = answer(&app, req).await;
    let exported: Value = lines
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|d| d["id"] == id)
        .unwrap();
    assert!(exported["copies"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["credit"] == "licensed"));
    let key = key_of(&app, &Value::from(licensees[0].as_str())).await;
    let (_, art) = get(&app, &format!("/api/articles/{key}")).await;
    let text: Vec<&str> = art["fields"]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let url = art["url"].clone();
    let req = trace_json(serde_json::json!({"text": text.join("\n\n"), "url": url}));
    let (s, _, t) = call(&app, req).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    assert_eq!(t["story"]["id"], id, "{t}");
    assert_eq!(t["credit"], "licensed", "{t}");
    assert!(t["credit_evidence"][0]
        .as_str()
        .unwrap()
        .starts_with("licensed partner: "));

    let (_, doc) = get(&app, "/api/openapi.json").await;
    let params = doc["paths"]["/api/stories"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let credit = params.iter().find(|p| p["name"] == "credit").unwrap();
    assert!(credit["schema"]["enum"]
        .as_array()
        .unwrap()
        .contains(&Value::from("licensed")));
}
