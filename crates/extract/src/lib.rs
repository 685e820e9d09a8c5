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
pub mod credits;
pub mod html;
pub mod language;
pub mod metadata;
pub mod quotes;
pub mod text_page;

pub use article::*;

/// Extracts an article from an HTML document. `url` is the page's address,
/// used to resolve links and as a last-resort source of site and date.
pub fn extract_html(html: &str, url: Option<&str>) -> Article {
    let mut article = html::extract(html, url);
    read_body(&mut article);
    article
}

/// Extracts an article from a markdown or plain-text page (a scraper's
/// flattened copy, like the seed page, or a JSONL `text` field).
pub fn extract_text(text: &str, url: Option<&str>) -> Article {
    let mut article = text_page::extract(text, url);
    read_body(&mut article);
    article
}

/// What is read off the final body text, for both page kinds: quotes and
/// the language.
fn read_body(article: &mut Article) {
    article.quotes = quotes::find(&article.paragraphs);
    language::assign(article);
}
