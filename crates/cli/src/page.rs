//! From a read page to a stored-ready article: extraction, then the input's
//! own metadata (a JSONL `site`, `published`) where extraction found none.

use reprint_extract::{extract_html, extract_text, Article, FieldSource, Sourced};
use reprint_ingest::{Page, PageBody};
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

/// Extracts the article of a page and fills in what the input supplied.
pub fn article_of(page: &Page) -> Article {
    let url = page.url.as_deref();
    let mut article = match &page.body {
        PageBody::Html(html) => extract_html(html, url),
        PageBody::Text(text) => extract_text(text, url),
    };
    // The collector knows which site it fetched from, so its `site` wins;
    // for the date, the page's own declaration is better evidence than a
    // collector's field, which is used only when the page has none.
    if let Some(site) = &page.site {
        article.site = Some(Sourced::new(site.clone(), FieldSource::Input, 0.9));
    }
    if article.published.is_none() {
        if let Some(p) = &page.published {
            article.published = Some(Sourced::new(p.clone(), FieldSource::Input, 0.85));
        }
    }
    article
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
        ext_id: page.id.clone(),
        origin: page.origin.clone(),
        url: page.url.clone(),
        fetched: page.fetched.clone(),
        article,
    })
}
