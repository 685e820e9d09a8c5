//! Test helpers: temporary databases built with the store's own ingest,
//! the XSS corpus, and a real server on an ephemeral loopback port.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use reprint_app::page::article_of;
use reprint_ingest::{read_inputs, read_reader, InputKind, ReadOptions};
use reprint_store::NewArticle;

/// The shared benchmark data beside the repository.
pub fn census() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/reprints/census.jsonl")
}

fn to_new(
    pages: impl Iterator<Item = Result<reprint_ingest::Page, reprint_ingest::InputError>>,
) -> Vec<NewArticle> {
    pages
        .filter_map(Result::ok)
        .filter_map(|p| {
            let article = article_of(&p);
            (!article.is_empty()).then(|| NewArticle {
                ext_id: p.id.clone(),
                origin: p.origin.clone(),
                url: p.url.clone(),
                fetched: p.fetched.clone(),
                article,
            })
        })
        .collect()
}

/// Ingests files into `db`.
pub fn ingest_files(db: &Path, files: &[PathBuf]) {
    let batch = to_new(read_inputs(files, &ReadOptions::default()));
    let mut store = reprint_app::stories::open(db).expect("open store");
    store.ingest_batch(&batch).expect("ingest");
}

/// A temporary database holding the census reprints (deleted with the dir).
pub fn census_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.db");
    ingest_files(&db, &[census()]);
    (dir, db)
}

/// Ingests JSON lines given as a string into `db`.
pub fn ingest_jsonl(db: &Path, jsonl: String) {
    let pages = read_reader(
        "corpus.jsonl",
        std::io::Cursor::new(jsonl.into_bytes()),
        Some(InputKind::Jsonl),
        &ReadOptions::default(),
    );
    let batch = to_new(pages);
    assert!(!batch.is_empty(), "nothing to ingest");
    let mut store = reprint_app::stories::open(db).expect("open store");
    store.ingest_batch(&batch).expect("ingest");
}

/// XSS payloads: script tags, event handlers, javascript: URLs, SVG and
/// MathML tricks, entity-, percent- and case-encoded variants, and
/// context breakers for titles, attributes, textareas and styles.
pub const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.test/x.js></script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img src=x onerror=\"&#97;lert(1)\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">click</math>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)\" x=\"",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<x onclick=alert(1) tabindex=1>x</x>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
];

/// Hostile URLs for the `url` field.
pub const URL_PAYLOADS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.domain)",
    "https://evil.test/a?\"><script>alert(1)</script>",
    "data:text/html,<script>alert(1)</script>",
    " javascript:alert(1)",
];

const COMMON: &str = "The regional water authority said on Tuesday that reservoir levels had \
fallen to their lowest point in a decade after three dry winters, and that households across \
the valley would face new limits on garden watering from the first of next month. Officials \
told a public meeting that the limits would stay until the autumn rains refilled the lakes, \
and that farms with old irrigation licences would be asked to cut their use by a fifth. The \
authority's chief engineer said repairs to leaking mains had saved millions of litres a day \
but could not make up for the missing rainfall, and urged residents to report burst pipes.";

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One JSONL page per payload: the payload (escaped in the source HTML, so
/// the *extracted text* carries it raw) in the title, byline, site, body
/// and URL; every page shares a long paragraph so they form one story.
pub fn xss_corpus() -> String {
    let n = PAYLOADS.len();
    let mut out = String::new();
    for i in 0..n {
        let p = |k: usize| PAYLOADS[(i + k) % n];
        let html = format!(
            "<html><head><title>{t} xsscanary</title><meta name=\"author\" content=\"{by}\"></head>\
             <body><article><h1>{t} xsscanary</h1><p class=\"byline\">By {by}</p>\
             <p>{common}</p><p>Residents said xsscanary {body} and {raw_body_escaped} was posted.</p>\
             <p>{raw}</p></article></body></html>",
            t = html_escape(p(0)),
            by = html_escape(p(1)),
            common = COMMON,
            body = html_escape(p(3)),
            raw_body_escaped = html_escape(p(4)),
            raw = p(5),
        );
        let line = serde_json::json!({
            "id": format!("xss-{i}-{}", p(6)),
            "url": URL_PAYLOADS[i % URL_PAYLOADS.len()],
            "html": html,
            "site": format!("{} site{i}", p(2)),
            "published": format!("2020-01-{:02}", 1 + i % 28),
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// The words an origin and its copy put in the minister's mouth.
pub const QUOTE_ORIGINAL: &str = "We will not raise taxes on working families this year";
pub const QUOTE_ALTERED: &str = "We will raise taxes on working families this year";

/// Two pages of one story (quotecanary): an origin and a copy that keeps
/// the text but alters one quotation. "austerity" is in their title only.
pub fn altered_quote_pages() -> String {
    let paras = |quote: &str| {
        format!(
            "<p>The finance minister spoke to reporters in the capital on Monday after a long \
             cabinet meeting about the budget, which must pass parliament before the summer \
             recess, and promised that the quotecanary plan would be published in full.</p>\
             <p>“{quote},” the minister said, adding that the treasury had found savings in \
             defence procurement and in the running costs of government departments.</p>\
             <p>Opposition leaders said the figures did not add up and called for the budget \
             office to publish its own forecast before the vote, expected in early June.</p>"
        )
    };
    let page = |id: &str, site: &str, date: &str, quote: &str| {
        serde_json::json!({
            "id": id,
            "url": format!("https://{site}/budget"),
            "site": site,
            "published": date,
            "html": format!("<html><head><title>Minister sets out austerity budget quotecanary</title></head>\
                <body><article><h1>Minister sets out austerity budget quotecanary</h1>{}</article></body></html>", paras(quote)),
        })
        .to_string()
    };
    format!(
        "{}\n{}\n",
        page(
            "quote-origin",
            "origin.example",
            "2021-03-01",
            QUOTE_ORIGINAL
        ),
        page("quote-copy", "copier.example", "2021-03-02", QUOTE_ALTERED)
    )
}

/// A running server on 127.0.0.1 (ephemeral port); dropped with the runtime.
pub struct Server {
    pub addr: SocketAddr,
    _rt: tokio::runtime::Runtime,
}

/// Serves `cfg` the way `reprint serve` does (hyper with the header-read
/// timeout), on an ephemeral loopback port.
pub fn start(cfg: reprint_serve::Config) -> Server {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let router = reprint_serve::build(&cfg).expect("build app");
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    rt.spawn(reprint_serve::serve(
        listener,
        router,
        cfg.header_timeout,
        std::future::pending(),
    ));
    Server { addr, _rt: rt }
}

/// A raw HTTP/1.1 request over a fresh connection; returns (status, body).
pub fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    // The server may answer (e.g. 413) and close before the whole body is sent.
    let _ = s.write_all(req.as_bytes()).and_then(|_| s.write_all(body));
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let status = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}
