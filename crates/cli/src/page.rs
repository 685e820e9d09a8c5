//! From a read page to a stored-ready article: extraction, then the input's
//! own metadata (a JSONL `site`, `published`) where extraction found none,
//! named by [`page_id`] (a document by its URL, not the path it was read from).

use reprint_ingest::Page;
pub use reprint_store::ingest::{article_of, page_id};
use reprint_store::NewArticle;

/// Why a page yields no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoArticle {
    pub input: String,
    pub reason: String,
}

impl std::fmt::Display for NoArticle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.input, self.reason)
    }
}

/// Extracts a page into a [`NewArticle`], or says why it has none.
pub fn prepare(page: &Page) -> Result<NewArticle, NoArticle> {
    let article = article_of(page);
    if article.is_empty() {
        return Err(NoArticle {
            input: page.origin.clone(),
            reason: "no article text found on the page".into(),
        });
    }
    Ok(NewArticle {
        ext_id: page_id(page, &article),
        origin: page.origin.clone(),
        url: page.url.clone(),
        fetched: page.fetched.clone(),
        article,
    })
}
