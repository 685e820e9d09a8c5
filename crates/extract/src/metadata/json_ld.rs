//! schema.org JSON-LD: the article object's headline, authors, publisher,
//! dates, keywords and body.

use serde_json::Value;

use crate::dom::Dom;

#[derive(Debug, Default)]
pub struct JsonLdArticle {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub date_published: Option<String>,
    pub date_modified: Option<String>,
    pub keywords: Vec<String>,
    pub article_body: Option<String>,
    /// `articleSection`: the desk or category the article is filed under.
    pub section: Option<String>,
    pub url: Option<String>,
    /// `publisher.name` of a WebSite/Organization node, when no article names one.
    pub site_name: Option<String>,
}

/// Types whose objects describe the page's article.
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article")
        || matches!(
            t,
            "BlogPosting"
                | "Report"
                | "LiveBlogPosting"
                | "SocialMediaPosting"
                | "Blog"
                | "Review"
                | "Recipe"
                // homify.de's DIY guides (tfe-dev t0693).
                | "HowTo"
                | "NewsArticle"
                | "VideoObject"
        )
}

/// Every JSON-LD object of the page, `@graph`s and arrays flattened.
pub(crate) fn objects(dom: &Dom) -> Vec<Value> {
    let mut objects = Vec::new();
    for i in dom.elements_named("script") {
        let is_ld = dom
            .attr(i, "type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        let raw: String = dom.children(i).filter_map(|c| dom.text_node(c)).collect();
        if let Some(v) = parse_lenient(&raw) {
            flatten(v, &mut objects);
        }
    }
    objects
}

pub fn read(dom: &Dom) -> JsonLdArticle {
    let objects = objects(dom);
    let mut out = JsonLdArticle::default();
    let article = objects
        .iter()
        .filter(|o| types(o).iter().any(|t| is_article_type(t)))
        .max_by_key(|o| article_rank(o));
    if let Some(a) = article {
        fill_from_article(&mut out, a);
        // Yoast: "author": {"@id": "…#/schema/person/…"}, the Person node
        // elsewhere in the graph (diem25.org, tfe-dev t0182).
        if out.authors.is_empty() {
            out.authors = a
                .get("author")
                .map(|v| referenced_names(v, &objects))
                .unwrap_or_default();
        }
    }
    // Yoast's graph often has no article node, only a WebPage with the
    // dates (sat1regional.de, tfe-dev t0960).
    if out.date_published.is_none() {
        let page = objects
            .iter()
            .find(|o| types(o).iter().any(|t| t == "WebPage") && o.get("datePublished").is_some());
        if let Some(p) = page {
            out.date_published = p.get("datePublished").and_then(string_of);
            out.date_modified = out
                .date_modified
                .take()
                .or_else(|| p.get("dateModified").and_then(string_of));
        }
    }
    out.site_name = objects
        .iter()
        .filter(|o| types(o).iter().any(|t| t == "WebSite"))
        .find_map(|o| string_of(o.get("name")?));
    out
}

/// Prefers the most complete article object (headline, body, dates).
fn article_rank(o: &Value) -> usize {
    ["headline", "articleBody", "datePublished", "author"]
        .iter()
        .filter(|k| o.get(**k).is_some())
        .count()
}

fn fill_from_article(out: &mut JsonLdArticle, a: &Value) {
    out.headline = a
        .get("headline")
        .or_else(|| a.get("name"))
        .and_then(string_of);
    out.authors = a.get("author").map(names_of).unwrap_or_default();
    if out.authors.is_empty() {
        out.authors = a.get("creator").map(names_of).unwrap_or_default();
    }
    out.publisher = a
        .get("publisher")
        .and_then(|p| names_of(p).into_iter().next());
    out.date_published = a
        .get("datePublished")
        .or_else(|| a.get("dateCreated"))
        .or_else(|| a.get("uploadDate"))
        .and_then(string_of);
    out.date_modified = a.get("dateModified").and_then(string_of);
    out.keywords = match a.get("keywords") {
        Some(Value::String(s)) => split_keywords(s),
        Some(Value::Array(items)) => items.iter().filter_map(string_of).collect(),
        _ => Vec::new(),
    };
    out.article_body = a.get("articleBody").and_then(string_of);
    out.section = a.get("articleSection").and_then(string_of);
    out.url = a
        .get("url")
        .or_else(|| {
            a.get("mainEntityOfPage")
                .and_then(|m| m.get("@id").or(Some(m)))
        })
        .and_then(string_of);
}

pub fn split_keywords(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

/// JSON-LD found in the wild has raw newlines inside strings and
/// occasionally HTML comments or CDATA wrappers around it.
fn parse_lenient(raw: &str) -> Option<Value> {
    let trimmed = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim();
    serde_json::from_str(trimmed).ok().or_else(|| {
        let cleaned: String = trimmed
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str(&cleaned).ok()
    })
}

/// Collects every object, looking into top-level arrays and `@graph`.
fn flatten(v: Value, out: &mut Vec<Value>) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.into_iter().rev()),
            Value::Object(mut map) => {
                if let Some(graph) = map.remove("@graph") {
                    stack.push(graph);
                }
                out.push(Value::Object(map));
            }
            _ => {}
        }
    }
}

pub(crate) fn types(o: &Value) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

fn string_of(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => return a.iter().find_map(string_of),
        _ => return None,
    };
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Names of the nodes an `{"@id"}` reference (or a list of them) points to.
fn referenced_names(v: &Value, objects: &[Value]) -> Vec<String> {
    let ids: Vec<&str> = match v {
        Value::Object(o) => o.get("@id").and_then(Value::as_str).into_iter().collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(|i| i.get("@id").and_then(Value::as_str))
            .collect(),
        _ => Vec::new(),
    };
    ids.iter()
        .filter_map(|id| {
            objects
                .iter()
                .find(|o| o.get("@id").and_then(Value::as_str) == Some(id))
                .and_then(|o| o.get("name"))
                .and_then(string_of)
        })
        .collect()
}

/// Names from a string, a Person/Organization object or an array of them.
fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => string_of(&Value::String(s.clone())).into_iter().collect(),
        Value::Object(o) => o.get("name").and_then(string_of).into_iter().collect(),
        Value::Array(items) => items.iter().flat_map(names_of).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_article_from_graph() {
        let html = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Example News"},
            {"@type":"NewsArticle","headline":"Big  story","author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chan"}],
             "datePublished":"2019-05-31T10:00:00+02:00","keywords":"a, b"}]}</script>"#;
        let dom = Dom::parse(html);
        let ld = read(&dom);
        assert_eq!(ld.headline.as_deref(), Some("Big story"));
        assert_eq!(ld.authors, vec!["Ann Lee", "Bo Chan"]);
        assert_eq!(ld.keywords, vec!["a", "b"]);
        assert_eq!(ld.site_name.as_deref(), Some("Example News"));
    }

    #[test]
    fn author_by_graph_reference() {
        // diem25.org (tfe-dev t0182): Yoast links the author by @id.
        let html = r#"<script type="application/ld+json">{"@graph":[
            {"@type":"Article","headline":"Green Deal","author":{"@id":"https://diem25.org/#/schema/person/65b"}},
            {"@type":"Person","@id":"https://diem25.org/#/schema/person/65b","name":"Giovanni Gaggero"}]}</script>"#;
        let ld = read(&Dom::parse(html));
        assert_eq!(ld.authors, vec!["Giovanni Gaggero"]);
    }

    #[test]
    fn dates_from_web_page_without_article() {
        // sat1regional.de (tfe-dev t0960): Yoast graph without an article.
        let html = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"SAT.1 REGIONAL"},
            {"@type":"WebPage","datePublished":"2019-10-19T13:07:47+00:00","dateModified":"2019-10-19T13:20:31+00:00"}]}</script>"#;
        let ld = read(&Dom::parse(html));
        assert_eq!(
            ld.date_published.as_deref(),
            Some("2019-10-19T13:07:47+00:00")
        );
        assert_eq!(
            ld.date_modified.as_deref(),
            Some("2019-10-19T13:20:31+00:00")
        );
    }
}
