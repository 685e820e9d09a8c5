//! The web UI: server-rendered pages built with [`Html`], which escapes
//! every run-time string. The only script is `/static/app.js` (passage
//! highlighting on the diff page); the pages work without it. Every UI
//! failure — a path id that is not one (or not UTF-8), a bad query
//! parameter, an unknown id — is an HTML error page with the status the
//! API would give; parameters are checked by the same code as the API's.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use reprint_extract::Sourced;
use reprint_store::queries::{MARK_END, MARK_START};

use crate::api::{
    load_article, load_diff, load_site, load_stories, load_story, path_id, query, run_search,
    DiffParams, Paging, SearchParams, StoriesParams, CREDITS, P, Q,
};
use crate::error::ApiError;
use crate::html::Html;
use crate::{svg, Shared};

const CSS: &str = include_str!("../assets/app.css");
const JS: &str = include_str!("../assets/app.js");

const NO_TITLE: &str = "(no title)";
const NO_HEADLINE: &str = "(no headline)";

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

pub async fn css() -> Response {
    asset("text/css; charset=utf-8", CSS)
}

pub async fn js() -> Response {
    asset("text/javascript; charset=utf-8", JS)
}

/// A UI failure: rendered as an HTML error page with the error's status.
#[derive(Debug)]
pub struct UiError(ApiError);

impl From<ApiError> for UiError {
    fn from(e: ApiError) -> UiError {
        UiError(e)
    }
}

impl IntoResponse for UiError {
    fn into_response(self) -> Response {
        error_page(self.0)
    }
}

type UiResult = Result<Response, UiError>;

/// A page under construction: its title, the search box's text, and body.
struct Page {
    title: String,
    search: String,
    body: Html,
}

impl Page {
    fn new(title: &str) -> Page {
        Page {
            title: title.to_string(),
            search: String::new(),
            body: Html::new(),
        }
    }

    /// The whole document in the site's layout, with `status`.
    fn respond(self, status: StatusCode) -> Response {
        let mut h = Html::new();
        h.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .raw("<link rel=\"stylesheet\" href=\"/static/app.css\"><script src=\"/static/app.js\" defer></script><title>")
            .text(&self.title)
            .raw(" · reprint</title></head><body><header><a class=\"brand\" href=\"/\">reprint</a>")
            .raw("<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" aria-label=\"Search text\" placeholder=\"Search articles\"")
            .attr("value", &self.search)
            .raw("><button type=\"submit\">Search</button></form></header><main>")
            .append(&self.body)
            .raw("</main></body></html>");
        (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            h.into_string(),
        )
            .into_response()
    }

    fn ok(self) -> UiResult {
        Ok(self.respond(StatusCode::OK))
    }
}

/// The HTML page for an error, with its status.
pub fn error_page(e: ApiError) -> Response {
    let mut p = Page::new("Error");
    p.body
        .raw("<h1>")
        .text(e.status.canonical_reason().unwrap_or("Error"))
        .raw("</h1><p class=\"error\">")
        .text(&e.message)
        .raw("</p>");
    p.respond(e.status)
}

/// A link to an article's page, named by its title.
fn article_link(b: &mut Html, key: i64, title: Option<&str>) {
    b.link_local("/articles/", &key.to_string(), title.unwrap_or(NO_TITLE));
}

fn pct(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
}

fn date10(d: &Option<String>) -> String {
    d.as_deref()
        .map(|d| d.chars().take(10).collect())
        .unwrap_or_default()
}

/// The publication date, else the fetch date marked as such: the timeline
/// places an undated page by when it was fetched, and the table says so.
fn shown_date(published: &Option<String>, fetched: &Option<String>) -> String {
    match (published, fetched) {
        (Some(_), _) => date10(published),
        (None, Some(_)) => format!("fetched {}", date10(fetched)),
        (None, None) => String::new(),
    }
}

/// `/`: the stories, filtered like `/api/stories`.
pub async fn home(State(s): State<Shared>, p: Q<StoriesParams>) -> UiResult {
    let p = query(p)?;
    let form = [
        ("site", p.site.clone().unwrap_or_default()),
        ("from", p.from.clone().unwrap_or_default()),
        ("to", p.to.clone().unwrap_or_default()),
        (
            "min_size",
            p.min_size.map(|n| n.to_string()).unwrap_or_default(),
        ),
        ("credit", p.credit.clone().unwrap_or_default()),
    ];
    let f = p.filter()?;
    let (limit, offset) = (f.limit, f.offset);
    let rows = load_stories(&s, f).await?;
    let mut page = Page::new("Stories");
    let b = &mut page.body;
    b.raw("<h1>Stories</h1><form class=\"filters\" action=\"/\" method=\"get\">")
        .raw("<label>Site <input name=\"site\"")
        .attr("value", &form[0].1)
        .raw("></label><label>From <input name=\"from\" placeholder=\"YYYY-MM-DD\"")
        .attr("value", &form[1].1)
        .raw("></label><label>To <input name=\"to\" placeholder=\"YYYY-MM-DD\"")
        .attr("value", &form[2].1)
        .raw("></label><label>Min size <input name=\"min_size\" type=\"number\" min=\"0\"")
        .attr("value", &form[3].1)
        .raw("></label><label>Credit <select name=\"credit\"><option value=\"\">any</option>");
    for c in CREDITS {
        b.raw("<option").attr("value", c);
        if form[4].1 == c {
            b.raw(" selected");
        }
        b.raw(">").text(c).raw("</option>");
    }
    b.raw("</select></label><button type=\"submit\">Filter</button></form>");
    b.raw("<p class=\"count\">")
        .int(rows.total)
        .raw(" stories</p>");
    b.raw("<div class=\"scroll\"><table class=\"stories\"><thead><tr><th>id</th><th>size</th><th>origin</th><th>date</th><th>headline</th></tr></thead><tbody>");
    for r in &rows.items {
        b.raw("<tr><td>")
            .int(r.id)
            .raw("</td><td>")
            .int(r.size)
            .raw("</td><td>")
            .text(r.origin.as_deref().unwrap_or("undetermined"))
            .raw("</td><td>")
            .text(&date10(&r.date))
            .raw("</td><td>")
            .link_local(
                "/stories/",
                &r.id.to_string(),
                r.headline.as_deref().unwrap_or(NO_HEADLINE),
            )
            .raw("</td></tr>");
    }
    b.raw("</tbody></table></div>");
    pager(b, "/?", &form, limit, offset, rows.total);
    page.ok()
}

/// Previous/next links keeping the other parameters.
fn pager(
    b: &mut Html,
    base: &'static str,
    keep: &[(&str, String)],
    limit: i64,
    offset: i64,
    total: i64,
) {
    let mut qs = String::new();
    for (k, v) in keep {
        if !v.is_empty() {
            qs.push_str(k);
            qs.push('=');
            qs.push_str(&crate::html::percent_encode(v));
            qs.push('&');
        }
    }
    b.raw("<nav class=\"pager\">");
    if offset > 0 {
        let prev = format!("{base}{qs}offset={}&limit={limit}", (offset - limit).max(0));
        b.raw("<a").attr("href", &prev).raw(">← previous</a> ");
    }
    if offset + limit < total {
        let next = format!("{base}{qs}offset={}&limit={limit}", offset + limit);
        b.raw("<a").attr("href", &next).raw(">next →</a>");
    }
    b.raw("</nav>");
}

/// Writes a snippet, turning the match markers into `<mark>`.
fn snippet(b: &mut Html, s: &str) {
    let mut open = false;
    for part in s.split_inclusive([MARK_START, MARK_END]) {
        let (text, marker) = match part.chars().last() {
            Some(c) if c == MARK_START || c == MARK_END => {
                (&part[..part.len() - c.len_utf8()], Some(c))
            }
            _ => (part, None),
        };
        b.text(text);
        match marker {
            Some(MARK_START) if !open => {
                b.raw("<mark>");
                open = true;
            }
            Some(MARK_END) if open => {
                b.raw("</mark>");
                open = false;
            }
            _ => {}
        }
    }
    if open {
        b.raw("</mark>");
    }
}

/// `/search?q=`.
pub async fn search(State(s): State<Shared>, p: Q<SearchParams>) -> UiResult {
    let p = query(p)?;
    let mut page = Page::new("Search");
    if p.q.as_deref().unwrap_or("").trim().is_empty() {
        page.body.raw(
            "<h1>Search</h1><p>Type words to find in titles, bylines, sites and article text.</p>",
        );
        return page.ok();
    }
    let q = p.check()?;
    let res = run_search(&s, &q).await?;
    page.search = q.text.clone();
    let b = &mut page.body;
    b.raw("<h1>Search: ")
        .text(&q.text)
        .raw("</h1><p class=\"count\">")
        .int(res.total)
        .raw(" articles</p><ol class=\"results\" id=\"results\">");
    for h in &res.items {
        b.raw("<li>");
        article_link(b, h.article.key, h.article.title.as_deref());
        b.raw(" <span class=\"meta\">")
            .text(h.article.site.as_deref().unwrap_or(""))
            .raw(" ")
            .text(&date10(&h.article.published))
            .raw("</span>");
        if let Some(st) = h.story {
            b.raw(" <a class=\"story-link\"")
                .href_local("/stories/", &st.to_string())
                .raw(">story ")
                .int(st)
                .raw("</a>");
        }
        b.raw("<p class=\"snippet\">");
        snippet(b, &h.snippet);
        b.raw("</p></li>");
    }
    b.raw("</ol>");
    pager(
        b,
        "/search?",
        &[("q", q.text.clone())],
        q.limit,
        q.offset,
        res.total,
    );
    page.ok()
}

/// `/stories/{id}`: origin, timeline, copy graph, table of copies.
pub async fn story(State(s): State<Shared>, raw: P) -> UiResult {
    let (d, links) = load_story(&s, path_id(raw)?).await?;
    let mut page = Page::new(d.row.headline.as_deref().unwrap_or(NO_HEADLINE));
    let b = &mut page.body;
    b.raw("<h1>")
        .text(d.row.headline.as_deref().unwrap_or(NO_HEADLINE))
        .raw("</h1><p class=\"meta\">story ")
        .int(d.row.id)
        .raw(" · ")
        .int(d.row.size)
        .raw(" articles · ")
        .text(&date10(&d.row.date))
        .raw("</p>");
    b.raw("<section class=\"origin\"><h2>Origin</h2><p>");
    let origin = d.story.origin.article_key();
    match &d.story.origin {
        reprint_trace::Origin::Article {
            key, confidence, ..
        } => {
            let m = d.member(*key);
            b.link_local(
                "/articles/",
                &key.to_string(),
                m.and_then(|m| m.site.as_deref()).unwrap_or("article"),
            )
            .raw(" (confidence ")
            .f(f64::from(*confidence), 2)
            .raw(")");
        }
        reprint_trace::Origin::External {
            outlet, confidence, ..
        } => {
            b.text(outlet)
                .raw(", outside the corpus (confidence ")
                .f(f64::from(*confidence), 2)
                .raw(")");
        }
        reprint_trace::Origin::Undetermined { .. } => {
            b.raw("undetermined");
        }
    }
    b.raw("</p><ul class=\"evidence\">");
    for e in d.story.origin.evidence() {
        b.raw("<li>").text(e).raw("</li>");
    }
    b.raw("</ul></section>");
    b.raw("<section class=\"charts\"><figure><figcaption>Timeline of appearances</figcaption>")
        .append(&svg::timeline(&d))
        .raw("</figure><figure><figcaption>Who copied whom</figcaption>")
        .append(&svg::graph(&d, &links))
        .raw("</figure></section><p class=\"legend\"><span class=\"key origin\">origin</span><span class=\"key credited\">credited</span><span class=\"key partial\">partial</span><span class=\"key uncredited\">uncredited</span><span class=\"key licensed\">licensed</span><span class=\"key not-applicable\">not applicable</span></p>");
    b.raw("<h2>Copies</h2><div class=\"scroll\"><table class=\"copies\" id=\"copies\"><thead><tr><th>site</th><th>title</th><th>date</th><th>kind</th><th>shared</th><th>credit</th><th>evidence</th><th></th></tr></thead><tbody>");
    for c in &d.story.copies {
        let Some(m) = d.member(c.key) else { continue };
        b.raw("<tr><td>");
        if let Some(site) = &m.site {
            b.link_local("/site?name=", site, site);
        }
        b.raw("</td><td>");
        article_link(b, c.key, m.title.as_deref());
        b.raw("</td><td>")
            .text(&shown_date(&m.published, &m.fetched))
            .raw("</td><td>")
            .text(c.kind.as_str())
            .raw("</td><td>")
            .text(&pct(f64::from(c.shared)))
            .raw("</td><td><span class=\"verdict ")
            .text(c.credit.as_str())
            .raw("\">")
            .text(c.credit.as_str())
            .raw("</span></td><td><ul class=\"evidence\">");
        for e in &c.evidence {
            b.raw("<li>").text(e).raw("</li>");
        }
        for ch in &c.changes {
            b.raw("<li class=\"change\">")
                .text(&format!("{:?}", ch.kind))
                .raw(": ")
                .text(&ch.detail)
                .raw("</li>");
        }
        b.raw("</ul></td><td>");
        let other = origin.or_else(|| d.story.members.iter().copied().find(|k| *k != c.key));
        if let Some(o) = other {
            b.raw("<a")
                .attr("href", &format!("/diff?a={o}&b={}", c.key))
                .raw(">diff</a>");
        }
        b.raw("</td></tr>");
    }
    b.raw("</tbody></table></div>");
    page.ok()
}

fn field(b: &mut Html, name: &str, v: &Option<Sourced<String>>) {
    let Some(v) = v else { return };
    b.raw("<tr><th>")
        .text(name)
        .raw("</th><td>")
        .text(&v.value)
        .raw("</td><td>")
        .text(v.source.label())
        .raw("</td><td>")
        .f(f64::from(v.confidence), 2)
        .raw("</td></tr>");
}

/// A headed list of escaped items, or nothing when there are none.
fn section_list(b: &mut Html, heading: &'static str, items: Vec<String>) {
    if items.is_empty() {
        return;
    }
    b.raw("<h2>").raw(heading).raw("</h2><ul>");
    for i in items {
        b.raw("<li>").text(&i).raw("</li>");
    }
    b.raw("</ul>");
}

/// `/articles/{id}`: metadata with sources, credits, notices, quotes, body.
pub async fn article(State(s): State<Shared>, raw: P) -> UiResult {
    let a = load_article(&s, path_id(raw)?).await?;
    let art = &a.article;
    let title = a.row.title.as_deref().unwrap_or(NO_TITLE);
    let mut page = Page::new(title);
    let b = &mut page.body;
    b.raw("<h1>").text(title).raw("</h1><p class=\"meta\">");
    if let Some(site) = &a.row.site {
        b.link_local("/site?name=", site, site).raw(" · ");
    }
    b.text(&a.row.id).raw(" · ").int(a.row.words).raw(" words");
    if let Some(st) = a.story {
        b.raw(" · <a")
            .href_local("/stories/", &st.to_string())
            .raw(">story ")
            .int(st)
            .raw("</a>");
    }
    b.raw("</p>");
    if let Some(u) = &a.row.url {
        b.raw("<p class=\"meta\">URL: ")
            .external_link(u)
            .raw("</p>");
    }
    b.raw("<h2>Metadata</h2><div class=\"scroll\"><table class=\"fields\"><thead><tr><th>field</th><th>value</th><th>from</th><th>confidence</th></tr></thead><tbody>");
    field(b, "title", &art.title);
    field(b, "kicker", &art.kicker);
    field(b, "byline", &art.byline);
    field(b, "site", &art.site);
    field(b, "published", &art.published);
    field(b, "modified", &art.modified);
    b.raw("</tbody></table></div>");
    section_list(
        b,
        "Declared sources",
        art.declared_sources
            .iter()
            .map(|d| format!("{} ({:?}): {}", d.outlet, d.kind, d.evidence))
            .collect(),
    );
    section_list(
        b,
        "Copyright",
        art.copyright.iter().map(|c| c.evidence.clone()).collect(),
    );
    section_list(
        b,
        "Notices",
        art.notices
            .iter()
            .map(|n| format!("{:?}: {}", n.kind, n.text))
            .collect(),
    );
    section_list(
        b,
        "Quotes",
        art.quotes
            .iter()
            .map(|q| match &q.person {
                Some(p) => format!("{p}: “{}”", q.text),
                None => format!("“{}”", q.text),
            })
            .collect(),
    );
    section_list(
        b,
        "Tags",
        art.tags
            .iter()
            .map(|t| match &t.group {
                Some(g) => format!("{g}: {}", t.label),
                None => t.label.clone(),
            })
            .collect(),
    );
    section_list(b, "Image credits", art.image_credits.clone());
    if !art.links.is_empty() {
        b.raw("<h2>Links</h2><ul class=\"links\">");
        for l in art.links.iter().take(200) {
            b.raw("<li>").external_link(l).raw("</li>");
        }
        b.raw("</ul>");
    }
    b.raw("<h2>Text</h2><article class=\"body\">");
    for p in &art.paragraphs {
        b.raw("<p>").text(p).raw("</p>");
    }
    b.raw("</article>");
    page.ok()
}

/// `/diff?a=&b=`: the two texts side by side, shared passages highlighted
/// (exact or edited), the rest marked as cut (left) or inserted (right),
/// and altered quotations marked inside both.
pub async fn diff(State(s): State<Shared>, p: Q<DiffParams>) -> UiResult {
    let d = load_diff(&s, query(p)?).await?;
    let (a, b_key) = (d.a, d.b);
    let names =
        s.db.read(move |st| Ok(st.articles_by_key(&[a, b_key])?))
            .await
            .unwrap_or_default();
    let name = |i: usize| {
        names
            .get(i)
            .map(|r| {
                format!(
                    "{} — {}",
                    r.site.as_deref().unwrap_or("?"),
                    r.title.as_deref().unwrap_or(NO_TITLE)
                )
            })
            .unwrap_or_default()
    };
    let mut page = Page::new("Diff");
    let b = &mut page.body;
    b.raw("<h1>Diff</h1><p class=\"meta\">")
        .text(d.source)
        .raw(" match · ")
        .text(d.kind.as_deref().unwrap_or("no shared passage"))
        .raw(" · shared ")
        .text(&pct(d.shared_a))
        .raw(" / ")
        .text(&pct(d.shared_b))
        .raw("</p><p class=\"legend\"><span class=\"key exact\">same words</span><span class=\"key edited\">shared, edited</span><span class=\"key cut\">only on the left (cut)</span><span class=\"key inserted\">only on the right (inserted)</span><span class=\"key quote-altered\">altered quote</span></p>");
    if !d.changes.is_empty() {
        b.raw("<h2>Changes</h2><ul class=\"changes\">");
        for c in &d.changes {
            b.raw("<li><strong>")
                .text(&format!("{:?}", c.kind))
                .raw("</strong>: ")
                .text(&c.detail)
                .raw("</li>");
        }
        b.raw("</ul>");
    }
    b.raw("<div class=\"diff\" id=\"diff\">");
    for (i, side, key, segs, only) in [
        (0, "left", d.a, &d.segments_a, "cut"),
        (1, "right", d.b, &d.segments_b, "inserted"),
    ] {
        b.raw("<section class=\"side ")
            .raw(side)
            .raw("\"><h2>")
            .link_local("/articles/", &key.to_string(), &name(i))
            .raw("</h2><div class=\"text\">");
        for s in segs.iter() {
            let quote = if s.altered_quote {
                " quote-altered"
            } else {
                ""
            };
            match s.passage {
                Some(i) => {
                    b.raw("<mark class=\"")
                        .text(s.kind)
                        .raw(quote)
                        .raw("\"")
                        .attr("data-p", &i.to_string())
                        .raw(">")
                        .text(&s.text)
                        .raw("</mark>");
                }
                None => {
                    b.raw("<span class=\"")
                        .raw(only)
                        .raw(quote)
                        .raw("\">")
                        .text(&s.text)
                        .raw("</span>");
                }
            }
        }
        b.raw("</div></section>");
    }
    b.raw("</div>");
    page.ok()
}

#[derive(Debug, serde::Deserialize)]
pub struct SiteParams {
    pub name: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// `/site?name=`: how often the site copies, credits, and is copied.
pub async fn site(State(s): State<Shared>, p: Q<SiteParams>) -> UiResult {
    let p = query(p)?;
    let Some(name) = p.name.filter(|n| !n.is_empty()) else {
        return Err(ApiError::bad_request("name (the site) is required").into());
    };
    let bounds = Paging::new(p.limit, p.offset).check()?;
    let (stats, arts) = load_site(&s, name.clone(), bounds).await?;
    let mut page = Page::new(&name);
    let b = &mut page.body;
    b.raw("<h1>")
        .text(&name)
        .raw("</h1><dl class=\"stats\"><dt>articles</dt><dd>")
        .int(stats.articles)
        .raw("</dd><dt>in stories</dt><dd>")
        .int(stats.stories)
        .raw("</dd><dt>origin of</dt><dd>")
        .int(stats.origin_of)
        .raw(" stories</dd><dt>copied by others</dt><dd>")
        .int(stats.copied_by_others)
        .raw(" times</dd>");
    for (verdict, n) in &stats.copies_by_credit {
        b.raw("<dt>copies, ")
            .text(verdict)
            .raw("</dt><dd>")
            .int(*n)
            .raw("</dd>");
    }
    b.raw("</dl><h2>Articles</h2><ul>");
    for r in &arts.items {
        b.raw("<li>");
        article_link(b, r.key, r.title.as_deref());
        b.raw(" <span class=\"meta\">")
            .text(&date10(&r.published))
            .raw("</span></li>");
    }
    b.raw("</ul>");
    pager(
        b,
        "/site?",
        &[("name", name.clone())],
        bounds.0,
        bounds.1,
        arts.total,
    );
    page.ok()
}

#[cfg(test)]
mod tests {
    use super::shown_date;

    #[test]
    fn undated_copies_show_their_fetch_date_as_such() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            shown_date(&some("2018-06-01T10:00:00Z"), &some("2018-06-02")),
            "2018-06-01"
        );
        assert_eq!(
            shown_date(&None, &some("2018-06-02 09:00")),
            "fetched 2018-06-02"
        );
        assert_eq!(shown_date(&None, &None), "");
    }
}
