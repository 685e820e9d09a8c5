//! The members of a story as tracing reads them: the bottom layer every
//! other module of the crate builds on (it imports none of them).

use reprint_extract::Article;
use reprint_match::ReuseKind;

/// What tracing needs of a stored article.
#[derive(Debug, Clone)]
pub struct TracedArticle {
    /// The store's key.
    pub key: i64,
    /// The input's identifier (JSONL id, path, WARC URI).
    pub id: String,
    pub url: Option<String>,
    /// When the page was fetched, as given by the input.
    pub fetched: Option<String>,
    pub article: Article,
}

impl TracedArticle {
    /// The outlet this article appeared on: the site name, else the host.
    pub fn outlet(&self) -> Option<String> {
        outlet_name(
            self.article.site.as_ref().map(|s| s.value.as_str()),
            self.url.as_deref(),
        )
    }
}

/// An article's outlet from its site name, else its URL's host: the name
/// tracing judges by, for callers holding only stored rows (e.g. to give
/// [`crate::Partners::apply`] each member's outlet).
pub fn outlet_name(site: Option<&str>, url: Option<&str>) -> Option<String> {
    site.map(str::to_string).or_else(|| url.and_then(host_of))
}

/// The host of a URL, without scheme or path.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let host = host.split(':').next()?;
    (!host.is_empty()).then(|| host.trim_start_matches("www.").to_lowercase())
}

/// A verified shared-text relation between two stored articles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub a: i64,
    pub b: i64,
    pub kind: ReuseKind,
    /// Share of `a`'s words shared with `b`.
    pub shared_a: f32,
    /// Share of `b`'s words shared with `a`.
    pub shared_b: f32,
}
