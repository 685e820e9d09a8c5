//! Browser test: ingests the XSS corpus (and the census reprints), starts a
//! real server on loopback, and runs `browser-tests/run.mjs` in headless
//! Chromium (Debian's `chromium` via `playwright-core`). It proves no
//! payload runs and that the timeline, graph and diff highlights render;
//! screenshots go to `crates/serve/browser-tests/screenshots/` (gitignored).
//! Skipped, saying so, when `node`, Chromium, `npm ci`'s `node_modules` or
//! `../shared` is missing (a failure under `.ci/run`, see reprint-prerequisites).
//! Also checks over real sockets that bad requests leave the server up and
//! that a client sending half a request header is cut off.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use reprint_app::stories::Stories;
use reprint_store::Store;

#[test]
fn xss_corpus_never_runs_in_a_real_browser() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("browser-tests");
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    reprint_prerequisites::need!(program("node", "--version", "apt-get install nodejs npm"));
    reprint_prerequisites::need!(installed(Path::new(&chromium), "apt-get install chromium"));
    let playwright = here.join("node_modules/playwright-core");
    let npm_ci = format!("run `npm ci` in {}", here.display());
    reprint_prerequisites::need!(installed(&playwright, &npm_ci));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("xss.db");
    common::ingest_jsonl(&db, common::xss_corpus());
    common::ingest_files(&db, &[common::census()]);
    common::ingest_jsonl(&db, common::altered_quote_pages());

    let store = Store::open_read_only(&db).unwrap();
    let stories = store.stories().unwrap();
    let titled = |word: &str| {
        stories
            .iter()
            .find(|s| s.headline.as_deref().is_some_and(|h| h.contains(word)))
    };
    let xss_story = titled("xsscanary").expect("the XSS pages form a story");
    assert_eq!(xss_story.size as usize, common::PAYLOADS.len());
    let quote_story = titled("quotecanary").expect("the altered-quote pages form a story");
    let census_story = stories
        .iter()
        .find(|s| s.id != xss_story.id && s.id != quote_story.id)
        .unwrap();
    let qd = store.story(quote_story.id).unwrap().unwrap();
    let (qa, qb) = (qd.story.members[0], qd.story.members[1]);
    let xd = store.story(xss_story.id).unwrap().unwrap();
    let cd = store.story(census_story.id).unwrap().unwrap();
    let (xa, xb) = (xd.story.members[0], xd.story.members[1]);
    let (ca, cb) = (cd.story.members[0], cd.story.members[1]);
    let site = xd.members[0].site.clone().unwrap();
    drop(store);

    let server = common::start(reprint_serve::Config::new(db.clone()));
    let base = format!("http://{}", server.addr);
    let mut pages = vec![
        serde_json::json!({"name": "home", "path": "/"}),
        serde_json::json!({"name": "search-xss", "path": "/search?q=xsscanary", "expect": {"results": true, "payloadText": true}}),
        serde_json::json!({"name": "search-census", "path": "/search?q=census%20question", "expect": {"results": true}}),
        serde_json::json!({"name": "story-xss", "path": format!("/stories/{}", xss_story.id), "expect": {"timeline": true, "graph": true, "payloadText": true}}),
        serde_json::json!({"name": "story-census", "path": format!("/stories/{}", census_story.id), "expect": {"timeline": true, "graph": true}}),
        serde_json::json!({"name": "diff-xss", "path": format!("/diff?a={xa}&b={xb}"), "expect": {"diff": true, "diffOnly": true, "payloadText": true}}),
        serde_json::json!({"name": "diff-census", "path": format!("/diff?a={ca}&b={cb}"), "expect": {"diff": true}}),
        serde_json::json!({"name": "diff-altered-quote", "path": format!("/diff?a={qa}&b={qb}"), "expect": {"diff": true, "quoteAltered": true}}),
        serde_json::json!({"name": "error-bad-id", "path": "/stories/%ff%fe", "status": 400}),
        serde_json::json!({"name": "site-xss", "path": format!("/site?name={}", reprint_serve::html::percent_encode(&site))}),
        serde_json::json!({"name": "search-payload-query", "path": "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"}),
    ];
    for (i, key) in xd.story.members.iter().enumerate() {
        pages.push(serde_json::json!({"name": format!("article-xss-{i:02}"), "path": format!("/articles/{key}"), }));
    }
    let out = here.join("screenshots");
    let config = serde_json::json!({"base": base, "out": out, "pages": pages});
    let run = Command::new("node")
        .arg(here.join("run.mjs"))
        .current_dir(&here)
        .env("REPRINT_BROWSER_CONFIG", config.to_string())
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|_| {
        panic!(
            "browser run failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&run.stderr)
        )
    });
    eprintln!(
        "browser: {} payloads x (title, byline, site, body) + {} hostile URLs, {} pages checked, screenshots in {}",
        common::PAYLOADS.len(),
        common::URL_PAYLOADS.len(),
        report["pages"],
        out.display()
    );
    assert!(
        run.status.success(),
        "browser found problems: {:#}",
        report["failures"]
    );
}

#[test]
fn bad_requests_leave_the_server_up() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let (_dir, db) = common::census_db();
    let mut cfg = reprint_serve::Config::new(db);
    cfg.max_body = 32 * 1024;
    let server = common::start(cfg);
    let a = server.addr;
    let big = vec![b'x'; 100 * 1024];
    // (method, path, headers, body, expected status)
    type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>, &'a [u8], u16);
    let cases: Vec<Case> = vec![
        (
            "POST",
            "/api/trace",
            vec![("Content-Type", "application/json")],
            b"{\"html\":",
            400,
        ),
        (
            "POST",
            "/api/trace",
            vec![("Content-Type", "text/plain")],
            &big,
            413,
        ),
        (
            "POST",
            "/api/trace",
            vec![("Content-Type", "text/html")],
            b"<<<>>>",
            422,
        ),
        ("GET", "/api/stories/%ff%fe", vec![], b"", 400),
        (
            "GET",
            "/api/stories?limit=99999999999999999999",
            vec![],
            b"",
            400,
        ),
        ("GET", "/api/diff?a=x&b=y", vec![], b"", 400),
        ("POST", "/api/ingest", vec![], b"{}", 403),
        ("GET", "/stories/999999", vec![], b"", 404),
    ];
    for (m, p, h, body, want) in cases {
        let (status, text) = common::http(a, m, p, &h, body);
        assert_eq!(status, want, "{m} {p}: {text}");
        if p.starts_with("/api/") {
            let j: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            assert_eq!(j["error"]["status"], want, "{m} {p} answers JSON: {text}");
        }
    }
    let (status, _) = common::http(a, "GET", "/api/stories", &[], b"");
    assert_eq!(status, 200, "still serving");
}

#[test]
fn a_client_sending_half_a_header_is_cut_off() {
    reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
    let (_dir, db) = common::census_db();
    let mut cfg = reprint_serve::Config::new(db);
    cfg.header_timeout = Duration::from_millis(500);
    let server = common::start(cfg);

    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    slow.write_all(b"GET /api/stories HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    // The server closes the connection (EOF, or a reset) rather than wait.
    let closed = match slow.read(&mut buf) {
        Ok(n) => n == 0 || String::from_utf8_lossy(&buf[..n]).contains(" 408 "),
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    };
    let waited = started.elapsed();
    assert!(closed, "the slow connection was not closed");
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(5),
        "closed after {waited:?}, not at the 500 ms header timeout"
    );
    // Whole requests are still served, and a slow body is not a slow header.
    let (status, _) = common::http(server.addr, "GET", "/api/stories", &[], b"");
    assert_eq!(status, 200);
}
