//! The JSON API handlers (`/api/...`). Every parameter is validated before
//! use and every failure is a JSON [`ApiError`]: 400 for bad parameters or
//! bodies, 401/403 for ingestion without the token, 403 for a URL to trace
//! without `--allow-fetch` or naming a refused address, 404 for unknown
//! ids, 413 for oversized bodies. The parameter checks and loaders here
//! (`SearchParams::check`, `load_story`, `load_site`…) serve the UI too.

use std::io::Cursor;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use subtle::ConstantTimeEq;

use reprint_app::export::{self, Request};
use reprint_app::filter::date_param;
use reprint_app::page::prepare;
use reprint_app::stories::{SiteStats, Stories, StoryDetail};
use reprint_app::trace_page::{self as tracing_a_page, TraceError};
pub use reprint_app::view::license;
use reprint_app::view::story_json;
use reprint_ingest::{read_reader, InputKind, Page, PageBody, ReadOptions};
use reprint_store::queries::{
    FullArticle, MemberLink, Paged, SearchHit, StoryFilter, MARK_END, MARK_START,
};
use reprint_store::{ArticleRow, Store, StoryRow};
use reprint_trace::Partners;

use crate::dto::{
    self, ArticleDetailDto, ArticleDto, ListDto, PageDto, SearchHitDto, SiteDto, StoryRowDto,
    TraceDto,
};
use crate::error::{rejection, ApiError};
use crate::Shared;

pub(crate) type Q<T> = Result<Query<T>, QueryRejection>;
pub(crate) type P = Result<Path<String>, PathRejection>;

/// The query parameters, or the rejection as a 400.
pub(crate) fn query<T>(q: Q<T>) -> Result<T, ApiError> {
    q.map(|Query(t)| t).map_err(rejection)
}

/// The numeric id in the path (400 if the segment is not UTF-8 or not an id).
pub(crate) fn path_id(raw: P) -> Result<i64, ApiError> {
    let Path(raw) = raw.map_err(rejection)?;
    parse_id(&raw)
}

/// Parses a numeric id from a path segment (400 if it is not one).
pub fn parse_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ApiError::bad_request(format!("not an id: {:?}", truncate(raw, 40))))
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Paging parameters: `limit` 1–200 (default 20), `offset` 0–1,000,000.
#[derive(Debug, Deserialize, Default, Clone, Copy)]
pub struct Paging {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl Paging {
    pub fn new(limit: Option<i64>, offset: Option<i64>) -> Paging {
        Paging { limit, offset }
    }

    /// `(limit, offset)`, checked.
    pub fn check(self) -> Result<(i64, i64), ApiError> {
        let limit = self.limit.unwrap_or(20);
        let offset = self.offset.unwrap_or(0);
        if !(1..=200).contains(&limit) {
            return Err(ApiError::bad_request("limit must be between 1 and 200"));
        }
        if !(0..=1_000_000).contains(&offset) {
            return Err(ApiError::bad_request(
                "offset must be between 0 and 1000000",
            ));
        }
        Ok((limit, offset))
    }
}

/// A wire shape of [`crate::dto`] as the response.
fn send<T: Serialize>(dto: &T) -> Response {
    Json(dto::body(dto)).into_response()
}

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// A checked search: the text (present, at most 500 characters) and paging.
#[derive(Debug, Clone)]
pub struct Search {
    pub text: String,
    pub limit: i64,
    pub offset: i64,
}

impl SearchParams {
    pub fn check(&self) -> Result<Search, ApiError> {
        let text = self.q.as_deref().map(str::trim).unwrap_or_default();
        if text.is_empty() {
            return Err(ApiError::bad_request("q (the search text) is required"));
        }
        if text.chars().count() > 500 {
            return Err(ApiError::bad_request("q is longer than 500 characters"));
        }
        let (limit, offset) = Paging::new(self.limit, self.offset).check()?;
        Ok(Search {
            text: text.to_string(),
            limit,
            offset,
        })
    }
}

/// Runs a checked search.
pub async fn run_search(s: &Shared, q: &Search) -> Result<Paged<SearchHit>, ApiError> {
    let q = q.clone();
    s.db.read(move |st| Ok(st.search(&q.text, q.limit, q.offset)?))
        .await
}

pub async fn search(State(s): State<Shared>, q: Q<SearchParams>) -> Result<Response, ApiError> {
    let q = query(q)?.check()?;
    let page = run_search(&s, &q).await?;
    Ok(send(&PageDto::of(&page, q.limit, q.offset, |h| {
        SearchHitDto::of(h, |s| s.replace([MARK_START, MARK_END], ""))
    })))
}

#[derive(Debug, Deserialize)]
pub struct LookupParams {
    /// An input id, as the story JSON names articles.
    pub id: Option<String>,
    pub url: Option<String>,
    pub site: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// `/api/articles?id=` (an input id, as stories name their articles),
/// `?url=` or `?site=`.
pub async fn articles_lookup(
    State(s): State<Shared>,
    q: Q<LookupParams>,
) -> Result<Response, ApiError> {
    let p = query(q)?;
    let (limit, offset) = Paging::new(p.limit, p.offset).check()?;
    match (p.id, p.url, p.site) {
        (Some(id), None, None) => {
            let rows =
                s.db.read(move |st| Ok(st.article_by_ext_id(&id)?.into_iter().collect::<Vec<_>>()))
                    .await?;
            Ok(send(&article_list(&rows)))
        }
        (None, Some(url), None) => {
            let rows = s.db.read(move |st| Ok(st.articles_by_url(&url)?)).await?;
            Ok(send(&article_list(&rows)))
        }
        (None, None, Some(site)) => {
            let page =
                s.db.read(move |st| Ok(st.articles_by_site(&site, limit, offset)?))
                    .await?;
            Ok(send(&PageDto::of(&page, limit, offset, |r| {
                ArticleDto::from(r)
            })))
        }
        _ => Err(ApiError::bad_request("give exactly one of id, url or site")),
    }
}

fn article_list(rows: &[ArticleRow]) -> ListDto<ArticleDto> {
    ListDto {
        total: rows.len() as i64,
        items: rows.iter().map(ArticleDto::from).collect(),
    }
}

/// A stored article, or 404.
pub async fn load_article(s: &Shared, id: i64) -> Result<FullArticle, ApiError> {
    let found = s.db.read(move |st| Ok(st.article_full(id)?)).await?;
    found.ok_or_else(|| ApiError::not_found(format!("no article {id}")))
}

pub async fn article(State(s): State<Shared>, raw: P) -> Result<Response, ApiError> {
    let a = load_article(&s, path_id(raw)?).await?;
    Ok(Json(article_json(&a)).into_response())
}

/// An article's JSON: the summary, the story, and in `fields` the whole
/// extracted record: each metadata field with where it came from and its
/// confidence, notices, declared sources, quotes, and the body paragraphs
/// (see [`ArticleDetailDto`]).
pub fn article_json(a: &FullArticle) -> Value {
    dto::body(&ArticleDetailDto::from(a))
}

/// A site's tallies and one page of its articles, or 404 for a site with none.
pub async fn load_site(
    s: &Shared,
    site: String,
    (limit, offset): (i64, i64),
) -> Result<(SiteStats, Paged<ArticleRow>), ApiError> {
    let partners = s.partners.clone();
    let (stats, page) =
        s.db.read(move |st| {
            let mut stats = st.site_stats(&site)?;
            if let Some(p) = partners.as_deref() {
                stats.copies_by_credit = licensed_copies(st, &site, p)?;
            }
            Ok((stats, st.articles_by_site(&site, limit, offset)?))
        })
        .await?;
    if stats.articles == 0 {
        return Err(ApiError::not_found("no articles from this site"));
    }
    Ok((stats, page))
}

/// A site's copies by credit verdict with the partners file applied (the
/// stored tallies of [`Stories::site_stats`] predate it).
fn licensed_copies(
    st: &Store,
    site: &str,
    partners: &Partners,
) -> Result<std::collections::BTreeMap<String, i64>, ApiError> {
    let stories = st.stories_filtered(&StoryFilter {
        site: Some(site.to_string()),
        limit: 5000,
        ..StoryFilter::default()
    })?;
    let mut by_credit = std::collections::BTreeMap::new();
    for r in stories.items {
        let Some(mut d) = st.story(r.id)? else {
            continue;
        };
        license(Some(partners), &mut d);
        for c in &d.story.copies {
            if d.member(c.key).and_then(|m| m.site.as_deref()) == Some(site) {
                *by_credit.entry(c.credit.as_str().to_string()).or_default() += 1;
            }
        }
    }
    Ok(by_credit)
}

pub async fn site(State(s): State<Shared>, site: P, q: Q<Paging>) -> Result<Response, ApiError> {
    let Path(site) = site.map_err(rejection)?;
    let (stats, page) = load_site(&s, site, query(q)?.check()?).await?;
    Ok(send(&SiteDto {
        stats: (&stats).into(),
        articles: ListDto {
            total: page.total,
            items: page.items.iter().map(ArticleDto::from).collect(),
        },
    }))
}

#[derive(Debug, Deserialize)]
pub struct StoriesParams {
    pub site: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub min_size: Option<i64>,
    pub credit: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// The credit verdicts a story filter accepts.
pub const CREDITS: [&str; 5] = [
    "credited",
    "partial",
    "uncredited",
    "licensed",
    "not-applicable",
];

impl StoriesParams {
    /// Checks the parameters; empty strings (from an HTML form) mean "no filter".
    pub fn filter(self) -> Result<StoryFilter, ApiError> {
        let (limit, offset) = Paging::new(self.limit, self.offset).check()?;
        let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        // Read once here (reprint-time's parser, through reprint-app), so
        // the store's filter holds dates, not text.
        let date = |param: &str, v: Option<String>| {
            nonempty(v)
                .map(|v| date_param(param, &v))
                .transpose()
                .map_err(|e| ApiError::bad_request(e.to_string()))
        };
        let from = date("from", self.from)?;
        let to = date("to", self.to)?;
        let credit = nonempty(self.credit);
        if let Some(c) = &credit {
            if !CREDITS.contains(&c.as_str()) {
                return Err(ApiError::bad_request(
                    "credit is one of credited, partial, uncredited, licensed, not-applicable",
                ));
            }
        }
        if let Some(n) = self.min_size {
            if !(0..=1_000_000).contains(&n) {
                return Err(ApiError::bad_request(
                    "min_size must be between 0 and 1000000",
                ));
            }
        }
        Ok(StoryFilter {
            site: nonempty(self.site),
            from,
            to,
            min_size: self.min_size,
            credit,
            limit,
            offset,
        })
    }
}

pub async fn stories(State(s): State<Shared>, q: Q<StoriesParams>) -> Result<Response, ApiError> {
    let f = query(q)?.filter()?;
    let (limit, offset) = (f.limit, f.offset);
    let page = load_stories(&s, f).await?;
    Ok(send(&PageDto::of(&page, limit, offset, |r| {
        StoryRowDto::from(r)
    })))
}

/// One page of the stories matching `f`, the credit filter judged with the
/// partners file applied. Partners only turn stored "uncredited" copies into
/// "licensed" ones, so other verdicts filter in SQL, while "uncredited" and
/// "licensed" are checked story by story among those with a stored
/// uncredited copy.
pub async fn load_stories(s: &Shared, f: StoryFilter) -> Result<Paged<StoryRow>, ApiError> {
    let partners = s.partners.clone();
    s.db.read(move |st| stories_licensed(st, &f, partners.as_deref()))
        .await
}

fn stories_licensed(
    st: &Store,
    f: &StoryFilter,
    partners: Option<&Partners>,
) -> Result<Paged<StoryRow>, ApiError> {
    let wanted = match f.credit.as_deref() {
        Some(c @ ("uncredited" | "licensed")) if partners.is_some() => c,
        _ => return Ok(st.stories_filtered(f)?),
    };
    let candidates = st.stories_filtered(&StoryFilter {
        credit: Some("uncredited".into()),
        // SQLite reads a negative LIMIT as none.
        limit: -1,
        offset: 0,
        ..f.clone()
    })?;
    let mut items = Vec::new();
    for r in candidates.items {
        let Some(mut d) = st.story(r.id)? else {
            continue;
        };
        license(partners, &mut d);
        if d.story.copies.iter().any(|c| c.credit.as_str() == wanted) {
            items.push(r);
        }
    }
    let total = items.len() as i64;
    let items = items
        .into_iter()
        .skip(usize::try_from(f.offset).unwrap_or(0))
        .take(usize::try_from(f.limit).unwrap_or(usize::MAX))
        .collect();
    Ok(Paged { total, items })
}

/// A story with its copy graph (partners applied), or 404.
pub async fn load_story(s: &Shared, id: i64) -> Result<(StoryDetail, Vec<MemberLink>), ApiError> {
    let found =
        s.db.read(move |st| {
            let Some(d) = st.story(id)? else {
                return Ok(None);
            };
            let links = st.links_among(&d.story.members)?;
            Ok(Some((d, links)))
        })
        .await?;
    let (mut d, links) = found.ok_or_else(|| ApiError::not_found(format!("no story {id}")))?;
    license(s.partners.as_deref(), &mut d);
    Ok((d, links))
}

/// `/api/stories/{id}`: the versioned story JSON (`docs/story.schema.json`),
/// byte for byte the story's line of `reprint export --what stories` and
/// of `/api/export?what=stories`, with the server's partners file applied.
pub async fn story(State(s): State<Shared>, raw: P) -> Result<Response, ApiError> {
    let id = path_id(raw)?;
    let found = s.db.read(move |st| Ok(st.story(id)?)).await?;
    let d = found.ok_or_else(|| ApiError::not_found(format!("no story {id}")))?;
    let body = story_json(&d, s.partners.as_deref()).map_err(ApiError::internal)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

#[derive(Debug, Deserialize)]
pub struct DiffParams {
    pub a: Option<String>,
    pub b: Option<String>,
}

/// Loads both articles of a diff and their stored pair (404 if either is unknown).
pub async fn load_diff(s: &Shared, p: DiffParams) -> Result<crate::diff::Diff, ApiError> {
    let required = |v: Option<String>, name: &str| {
        parse_id(&v.ok_or_else(|| ApiError::bad_request(format!("{name} is required")))?)
    };
    let (a, b) = (required(p.a, "a")?, required(p.b, "b")?);
    s.db.read(move |st| {
        let x = st
            .article_full(a)?
            .ok_or_else(|| ApiError::not_found(format!("no article {a}")))?;
        let y = st
            .article_full(b)?
            .ok_or_else(|| ApiError::not_found(format!("no article {b}")))?;
        let pair = if a == b { None } else { st.stored_pair(a, b)? };
        Ok(crate::diff::diff(&x, &y, pair))
    })
    .await
}

pub async fn diff(State(s): State<Shared>, q: Q<DiffParams>) -> Result<Response, ApiError> {
    let d = load_diff(&s, query(q)?).await?;
    Ok(Json(d).into_response())
}

#[derive(Debug, Deserialize)]
pub struct ExportParams {
    pub what: Option<String>,
    pub partial: Option<bool>,
}

/// Bulk export as JSON lines (`stories`, `articles` or `pairs`).
pub async fn export(State(s): State<Shared>, q: Q<ExportParams>) -> Result<Response, ApiError> {
    let p = query(q)?;
    let what = p.what.unwrap_or_default();
    let partial = p.partial.unwrap_or(false);
    if !["stories", "articles", "pairs"].contains(&what.as_str()) {
        return Err(ApiError::bad_request(
            "what is one of stories, articles, pairs",
        ));
    }
    let partners = s.partners.clone();
    let body =
        s.db.read(move |st| export_lines(st, &what, partial, partners.as_deref()))
            .await?;
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], body).into_response())
}

/// The export's JSON lines: `reprint export --format jsonl`'s bytes.
fn export_lines(
    st: &Store,
    what: &str,
    partial: bool,
    partners: Option<&Partners>,
) -> Result<Vec<u8>, ApiError> {
    let what = match what {
        "stories" => export::What::Stories,
        "pairs" => export::What::Pairs,
        _ => export::What::Articles,
    };
    let req = Request {
        what,
        format: export::Format::Jsonl,
        include_partial: partial,
        partners,
    };
    let mut out = Vec::new();
    export::export(st, &req, &mut out).map_err(|e| match e {
        export::ExportError::Store(e) => ApiError::from(e),
        e => ApiError::internal(e),
    })?;
    Ok(out)
}

#[derive(Debug, Deserialize)]
struct TraceJson {
    html: Option<String>,
    text: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct TraceParams {
    pub url: Option<String>,
}

/// The page a trace request carries: its body and URL.
async fn trace_page(
    s: &Shared,
    headers: &HeaderMap,
    url_param: Option<String>,
    body: &[u8],
) -> Result<(PageBody, Option<String>), ApiError> {
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ctype.starts_with("application/json") {
        let j: TraceJson = serde_json::from_slice(body)
            .map_err(|e| ApiError::bad_request(format!("malformed JSON: {e}")))?;
        return match (j.html, j.text, j.url) {
            (Some(h), None, url) => Ok((PageBody::Html(h), url)),
            (None, Some(t), url) => Ok((PageBody::Text(t), url)),
            (None, None, Some(url)) => {
                let Some(fetcher) = &s.fetcher else {
                    return Err(ApiError::new(
                        StatusCode::FORBIDDEN,
                        "this server does not fetch URLs (start it with --allow-fetch); \
                         send the page's html or text instead",
                    ));
                };
                let page = fetcher.fetch(&url).await?;
                Ok((page.body, Some(page.url)))
            }
            _ => Err(ApiError::bad_request(
                "give exactly one of html or text, or a url alone to fetch",
            )),
        };
    }
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::bad_request("the body is not UTF-8 text"))?
        .to_string();
    let html = ctype.contains("html")
        || (!ctype.starts_with("text/plain") && text.trim_start().starts_with('<'));
    let page = if html {
        PageBody::Html(text)
    } else {
        PageBody::Text(text)
    };
    Ok((page, url_param))
}

/// `POST /api/trace`: the body is a page (`text/html`, `text/plain`, or
/// JSON `{"html"|"text", "url"}`), or with `--allow-fetch` JSON `{"url"}`
/// naming a public page to fetch; answers the story it would join.
pub async fn trace(
    State(s): State<Shared>,
    headers: HeaderMap,
    q: Q<TraceParams>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let p = query(q)?;
    let body = body.map_err(rejection)?;
    let (page_body, url) = trace_page(&s, &headers, p.url, &body).await?;
    let page = Page {
        id: "request".into(),
        url,
        body: page_body,
        published: None,
        fetched: None,
        site: None,
        author: None,
        origin: "request".into(),
    };
    let partners = s.partners.clone();
    let traced =
        s.db.read(move |st| {
            tracing_a_page::trace_page(st, &page, partners.as_deref()).map_err(|e| match e {
                TraceError::NoArticle(_) => ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "no article text found in the body",
                ),
                TraceError::Store(e) => ApiError::from(e),
            })
        })
        .await?;
    let title = traced.me.article.title.as_ref().map(|t| t.value.clone());
    Ok(send(&TraceDto::of(title, traced.me.url, &traced.outcome)))
}

#[derive(Debug, Serialize)]
struct IngestReport {
    added: usize,
    unchanged: usize,
    replaced: usize,
    pairs: usize,
    stories_touched: usize,
    errors: Vec<String>,
}

/// True when the request carries `Authorization: Bearer <token>`.
/// Compared in constant time (`subtle`), so response timing does not reveal
/// how much of a guess was right; only the length can differ observably.
fn authorised(headers: &HeaderMap, token: &str) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    bool::from(given.as_bytes().ct_eq(token.as_bytes()))
}

/// `POST /api/ingest`: JSON lines in `reprint ingest`'s JSONL format.
pub async fn ingest(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Some(token) = &s.ingest_token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only (start it with --ingest-token to accept pages)",
        ));
    };
    if !authorised(&headers, token) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing or wrong bearer token",
        ));
    }
    let body = body.map_err(rejection)?;
    let pages = read_reader(
        "request",
        Cursor::new(body.to_vec()),
        Some(InputKind::Jsonl),
        &ReadOptions::default(),
    );
    let mut batch = Vec::new();
    let mut errors = Vec::new();
    for p in pages {
        match p {
            Ok(page) => match prepare(&page) {
                Ok(article) => batch.push(article),
                Err(no) => errors.push(no.to_string()),
            },
            Err(e) => errors.push(e.to_string()),
        }
    }
    if batch.is_empty() {
        return Err(ApiError::bad_request(format!(
            "no page to ingest{}",
            errors.first().map(|e| format!(": {e}")).unwrap_or_default()
        )));
    }
    let r = s.db.write(move |st| Ok(st.ingest_batch(&batch)?)).await?;
    Ok(Json(IngestReport {
        added: r.added,
        unchanged: r.unchanged,
        replaced: r.replaced,
        pairs: r.pairs,
        stories_touched: r.stories_touched,
        errors,
    })
    .into_response())
}
