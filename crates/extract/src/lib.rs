//! reprint-extract: turns one page (HTML, or markdown/plain text flattened by a
//! scraper) into an [`Article`]: the body without boilerplate, plus the
//! metadata provenance needs — title, kicker, byline, site, dates and where
//! each came from, tags, declared sources, copyright lines, licence and other
//! notices, image credits.
//!
//! Pipeline for HTML: parse with html5ever into a flat arena ([`html::Dom`]) → metadata from
//! JSON-LD / OpenGraph / meta / visible bylines ([`metadata`]) → main-content
//! selection ([`html`]) → credit lines and notices moved out of the body into
//! typed fields ([`credits`]). Text pages go through [`text_page`] and the same
//! [`credits`] pass.

pub mod article;
mod blocks;
pub mod credits;
pub(crate) mod dom;
pub mod html;
pub mod language;
pub(crate) mod links;
pub(crate) mod markdown;
pub mod metadata;
pub mod quotes;
pub mod site;
pub mod text_page;

pub use article::*;
pub use site::{
    extract_html_with_profile, extract_text_with_profile, PageBlocks, ProfileOptions, SiteProfile,
    SiteProfileBuilder,
};

/// Extracts an article from an HTML document. `url` is the page's address,
/// used to resolve links and as a last-resort source of site and date.
pub fn extract_html(html: &str, url: Option<&str>) -> Article {
    extract_html_fetched(html, url, None)
}

/// [`extract_html`] for a page fetched at `fetched` (RFC 3339, or a
/// `YYYY-MM-DD` day, as inputs give it): no date after the fetch is taken
/// for the page's. Without a readable fetch time, "now" bounds the dates.
pub fn extract_html_fetched(html: &str, url: Option<&str>, fetched: Option<&str>) -> Article {
    let mut article = html::extract(html, url, fetched.and_then(fetch_time));
    read_body(&mut article);
    article
}

/// A fetch time as inputs write it; a bare day counts from its end, so a
/// page dated that day is not "after the fetch".
fn fetch_time(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let s = s.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&chrono::Utc));
    }
    let day = chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(23, 59, 59)?.and_utc())
}

/// Extracts an article from a markdown or plain-text page (a scraper's
/// flattened copy, like the seed page, or a JSONL `text` field).
pub fn extract_text(text: &str, url: Option<&str>) -> Article {
    let mut article = text_page::extract(text, url);
    // A flattened page is read whole: its lines before and after the body
    // went through the credit classifier with the body's.
    article.places_read = vec![
        Place::Dateline,
        Place::Byline,
        Place::Header,
        Place::BeforeBody,
        Place::Body,
        Place::EndOfBody,
        Place::AfterBody,
        Place::ArticleFooter,
    ];
    read_body(&mut article);
    article
}

/// What is read off the final body text, for both page kinds: quotes and
/// the language.
fn read_body(article: &mut Article) {
    article.quotes = quotes::find(&article.paragraphs);
    language::assign(article);
}
