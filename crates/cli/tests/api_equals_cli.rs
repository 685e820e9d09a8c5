//! The server and the command line send the same story JSON: `reprint
//! export` and `reprint serve`'s `/api/export` and `/api/stories/{id}` give
//! the same bytes for the same store and partners file (issue 16: both call
//! `reprint_app`). Runs on `examples/corpus`, with a partners file that
//! makes one uncredited copy licensed, so the partners are applied on both
//! sides too.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{jsonl, ok, repo, reprint};

/// A `reprint serve` child, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &Path, partners: &Path) -> Server {
    // A free port: bound and released (the server binds it right after).
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_reprint"))
        .arg("--db")
        .arg(db)
        .args([
            "serve",
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--partners",
        ])
        .arg(partners)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("reprint serve starts");
    let server = Server { child, port };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "reprint serve did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// The body of `GET path` (status 200 asserted).
fn get(server: &Server, path: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).expect("read");
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers end");
    let head = String::from_utf8_lossy(&answer[..split]).to_string();
    assert!(head.starts_with("HTTP/1.1 200"), "{path}: {head}");
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "{path}: a whole body is expected: {head}"
    );
    answer[split + 4..].to_vec()
}

#[test]
fn the_api_sends_the_cli_story_json_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(reprint(
        &db,
        &["ingest", repo("examples/corpus").to_str().unwrap()],
    ));
    // A partners file making the first uncredited copy's site a licensee
    // of its story's origin outlet.
    let plain = jsonl(&ok(reprint(&db, &["export", "--what", "stories"])));
    let (source, licensee) = plain
        .iter()
        .find_map(|s| {
            let copy = s["copies"]
                .as_array()?
                .iter()
                .find(|c| c["credit"] == "uncredited")?;
            Some((
                s["origin"]["outlet"].as_str()?.to_string(),
                copy["article"]["site"].as_str()?.to_string(),
            ))
        })
        .expect("the demo has an uncredited copy with a site and an origin outlet");
    let partners = dir.path().join("partners.toml");
    std::fs::write(
        &partners,
        format!("[[partner]]\nsource = {source:?}\nlicensees = [{licensee:?}]\n"),
    )
    .unwrap();
    let p = partners.to_str().unwrap();

    let cli = ok(reprint(
        &db,
        &["export", "--what", "stories", "--partners", p],
    ));
    assert!(cli.contains("\"credit\":\"licensed\""), "partners applied");
    let server = serve(&db, &partners);
    assert_eq!(
        String::from_utf8(get(&server, "/api/export?what=stories")).unwrap(),
        cli
    );
    let stories = jsonl(&cli);
    assert!(stories.len() >= 5);
    for (story, line) in stories.iter().zip(cli.lines()) {
        let id = story["id"].as_i64().unwrap();
        assert_eq!(story["schema_version"], 3);
        let api = String::from_utf8(get(&server, &format!("/api/stories/{id}"))).unwrap();
        assert_eq!(api, line, "story {id}");
        // `show --json` is the same story, pretty-printed.
        let show = ok(reprint(
            &db,
            &["--json", "show", &id.to_string(), "--partners", p],
        ));
        let pretty: serde_json::Value = serde_json::from_str(&show).unwrap();
        assert_eq!(pretty, *story, "story {id}");
    }
    for (what, args) in [
        ("pairs", vec!["export", "--what", "pairs"]),
        (
            "pairs&partial=true",
            vec!["export", "--what", "pairs", "--include-partial"],
        ),
        ("articles", vec!["export", "--what", "articles"]),
    ] {
        let cli = ok(reprint(&db, &args));
        assert!(!cli.is_empty(), "{what}");
        let api = get(&server, &format!("/api/export?what={what}"));
        assert_eq!(String::from_utf8(api).unwrap(), cli, "{what}");
    }
}
