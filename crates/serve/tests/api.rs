//! API integration tests against a temporary database built from the
//! census reprints: every endpoint answers, errors are JSON with the right
//! status, the OpenAPI document lists every API route, and ingestion needs
//! the token.

mod common;

use std::path::PathBuf;
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

fn app(token: Option<&str>) -> App {
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("t.db");
    common::ingest_files(&db, &[common::census()]);
    let mut cfg = Config::new(db.clone());
    cfg.max_body = 64 * 1024;
    cfg.ingest_token = token.map(String::from);
    let state = Arc::new(AppState {
        db: Arc::new(Db::open(&db, 4, token.is_some()).unwrap()),
        ingest_token: cfg.ingest_token.clone(),
    });
    let (router, routes) = reprint_serve::app_with_routes(state, &cfg);
    App {
        router,
        routes,
        _dir: dir,
    }
}

async fn call(app: &App, req: Request<Body>) -> (StatusCode, String, Value) {
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let ctype = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes).to_string();
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
    let app = app(None);
    let (s, list) = get(&app, "/api/stories?limit=3").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["total"], 5);
    assert_eq!(list["items"].as_array().unwrap().len(), 3);
    let id = list["items"][0]["id"].as_i64().unwrap();

    let (s, story) = get(&app, &format!("/api/stories/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(story["copies"].as_array().unwrap().len() >= 2);
    let members = story["members"].as_array().unwrap();
    let (a, b) = (
        members[0]["key"].as_i64().unwrap(),
        members[1]["key"].as_i64().unwrap(),
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
    let app = app(None);
    let (_, list) = get(&app, "/api/stories?limit=1").await;
    let id = list["items"][0]["id"].as_i64().unwrap();
    let (_, story) = get(&app, &format!("/api/stories/{id}")).await;
    let key = story["members"][1]["key"].as_i64().unwrap();
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
