//! From a read page to the article to store: extraction, then the input's
//! own metadata (a JSONL `site`, `published`, `author`) where the page lacks
//! it, named by [`page_id`] (a document by its URL, not the path it was read
//! from). The one path every way in uses: `reprint ingest`, `trace` and
//! `extract`, the server's ingest and trace, the simulator.

use reprint_extract::{Article, PageBlocks, SiteProfile};
use reprint_ingest::Page;
use reprint_store::NewArticle;

/// Why a page yields no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input}: {reason}")]
pub struct NoArticle {
    /// Where the page was read from.
    pub input: String,
    /// Why there is no article.
    pub reason: String,
}

/// Extracts a page into a [`NewArticle`] named by [`page_id`], or says why
/// it has none.
pub fn prepare(page: &Page) -> Result<NewArticle, NoArticle> {
    prepare_with_profile(page, None)
}

/// [`prepare`] with the page's site chrome cut ([`article_with_profile`]).
pub fn prepare_with_profile(
    page: &Page,
    profile: Option<&SiteProfile>,
) -> Result<NewArticle, NoArticle> {
    let article = article_with_profile(page, profile);
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

/// Extracts a page's article and fills in what the input recorded, as every
/// way into the store does (`reprint ingest`, `trace`, the server): the
/// collector knows which site it fetched from, so its `site` wins; for the
/// date and the byline, the page's own declaration is better evidence than a
/// collector's field, which is used only when the page has none.
pub fn article_of(page: &Page) -> Article {
    article_with_profile(page, None)
}

/// What a page adds to a [`SiteProfile`]: its site (the input's `site`, else
/// its URL's host, else its canonical URL's), its blocks, its single-page
/// body. The first pass of an extraction with `--site-profile`.
pub fn page_blocks(page: &Page) -> PageBlocks {
    use reprint_ingest::PageBody;
    let (url, site) = (page.url.as_deref(), page.site.as_deref());
    match &page.body {
        PageBody::Html(html) => PageBlocks::of_html(html, url, site),
        PageBody::Text(text) => PageBlocks::of_text(text, url, site),
    }
}

/// [`article_of`] with the chrome `profile` knows for the page's site cut
/// (`reprint_extract::site`): the second pass of `--site-profile`.
pub fn article_with_profile(page: &Page, profile: Option<&SiteProfile>) -> Article {
    use reprint_extract::{extract_html_fetched, extract_text, FieldSource, Sourced};
    use reprint_extract::{extract_html_with_profile, extract_text_with_profile};
    use reprint_ingest::PageBody;
    let (url, site) = (page.url.as_deref(), page.site.as_deref());
    let fetched = page.fetched.as_deref();
    let mut article = match (&page.body, profile) {
        // No date after the fetch (JSONL `fetched`, WARC-Date) is the page's.
        (PageBody::Html(html), None) => extract_html_fetched(html, url, fetched),
        (PageBody::Html(html), Some(p)) => extract_html_with_profile(html, url, fetched, site, p),
        (PageBody::Text(text), None) => extract_text(text, url),
        (PageBody::Text(text), Some(p)) => extract_text_with_profile(text, url, site, p),
    };
    if let Some(site) = &page.site {
        article.site = Some(Sourced::new(site.clone(), FieldSource::Input, 0.9));
    }
    if article.published.is_none() {
        if let Some(p) = &page.published {
            article.published = Some(Sourced::new(p.clone(), FieldSource::Input, 0.85));
        }
    }
    // A byline the collector recorded stands in for one the page text lacks
    // (corpora often strip it from the text); an agency byline is a credit.
    if let Some(author) = &page.author {
        reprint_extract::credits::adopt_input_byline(&mut article, author);
    }
    article
}

/// The name a page goes by in ids and evidence: the one place page ids are
/// made (CLI ingest and trace, the server's ingest and trace).
///
/// A page that carries its own identifier (a JSONL `id`, a WARC record's
/// target URI) keeps it: it is the key the user's data and labels use. A
/// whole document read from a file, stdin or a request body is named only
/// by where it was read from — a path (often a temporary file), `-`,
/// `request` — so it is named by its URL when it has one: the canonical URL
/// it declares, else the input's (the server's `url`, a fetched address),
/// else where it was read from.
///
/// A declared canonical URL names the page only when nothing contradicts
/// it: it must be on the input URL's outlet when there is one, else on the
/// page's own site when it names one. Syndicated copies declare their
/// origin's page as canonical (AEB's MSN pages name cnn.com, nbcnews.com
/// and theguardian.com): named by it, a copy would be named as its origin
/// and, stored, would replace it.
pub fn page_id(page: &Page, article: &Article) -> String {
    if page.id != page.origin {
        return page.id.clone();
    }
    let input_url = page.url.as_deref().filter(|u| web_address(u));
    let canonical = article.canonical_url.as_deref().filter(|c| {
        let Some(host) = web_address(c)
            .then(|| reprint_trace::story::host_of(c))
            .flatten()
        else {
            return false;
        };
        let same = |name: &str| reprint_trace::outlet::same_outlet(name, &host);
        match (
            input_url.and_then(reprint_trace::story::host_of),
            &article.site,
        ) {
            (Some(input_host), _) => same(&input_host),
            (None, Some(site)) => same(&site.value),
            (None, None) => true,
        }
    });
    canonical.or(input_url).unwrap_or(&page.id).to_string()
}

/// An absolute http(s) URL fit to name a page: page text is untrusted, so
/// nothing with spaces or control characters, and nothing absurdly long.
fn web_address(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() <= 2048
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reprint_extract::{CreditKind, FieldSource, Sourced};
    use reprint_ingest::{Page, PageBody};

    fn page(text: &str, author: Option<&str>) -> Page {
        Page {
            id: "p".into(),
            url: None,
            body: PageBody::Text(text.into()),
            published: None,
            fetched: None,
            site: None,
            author: author.map(String::from),
            origin: "test".into(),
        }
    }

    /// A document read from `origin` (a file, `-`, a request body).
    fn document(origin: &str, url: Option<&str>) -> Page {
        Page {
            id: origin.into(),
            url: url.map(String::from),
            origin: origin.into(),
            ..page(BODY, None)
        }
    }

    fn declaring(canonical: Option<&str>, site: Option<&str>) -> Article {
        Article {
            canonical_url: canonical.map(String::from),
            site: site.map(|s| Sourced::new(s.into(), FieldSource::OpenGraph, 0.9)),
            ..Article::default()
        }
    }

    #[test]
    fn a_document_is_named_by_its_url_not_where_it_was_read_from() {
        let cnn = "https://www.cnn.com/2019/11/18/health/duvet/index.html";
        let tmp = document("/tmp/tmp.x7Q2/page.html", None);
        // Its declared canonical URL, when nothing contradicts it.
        assert_eq!(page_id(&tmp, &declaring(Some(cnn), None)), cnn);
        assert_eq!(page_id(&tmp, &declaring(Some(cnn), Some("CNN"))), cnn);
        // The input's URL (the server's `url`, a fetched address).
        let fetched = document("request", Some("https://www.msn.com/en-us/ar-BBWXwNX"));
        assert_eq!(
            page_id(&fetched, &declaring(None, None)),
            "https://www.msn.com/en-us/ar-BBWXwNX"
        );
        // Neither: where it was read from.
        assert_eq!(
            page_id(&tmp, &declaring(None, None)),
            "/tmp/tmp.x7Q2/page.html"
        );
        assert_eq!(
            page_id(&document("-", None), &declaring(Some("/relative"), None)),
            "-"
        );
        assert_eq!(
            page_id(&tmp, &declaring(Some("javascript:alert(1)"), None)),
            "/tmp/tmp.x7Q2/page.html"
        );
    }

    /// AEB's MSN copy of a CNN story (manifest URL msn.com/en-us/health/…/ar-BBWXwNX)
    /// declares CNN's page as its canonical URL: it must not be named as CNN's page.
    #[test]
    fn a_canonical_url_on_another_outlet_does_not_name_the_page() {
        let cnn = "https://www.cnn.com/2019/11/18/health/duvet/index.html";
        let msn = "https://www.msn.com/en-us/health/other/ar-BBWXwNX";
        let fetched = document("request", Some(msn));
        assert_eq!(page_id(&fetched, &declaring(Some(cnn), None)), msn);
        let saved = document("msn.html", None);
        assert_eq!(
            page_id(&saved, &declaring(Some(cnn), Some("MSN"))),
            "msn.html"
        );
        // The same outlet on another host of its own is fine.
        let de = "https://www.businessinsider.de/how-to-retire-early";
        let com = document(
            "request",
            Some("https://www.businessinsider.com/how-to-retire-early"),
        );
        assert_eq!(page_id(&com, &declaring(Some(de), None)), de);
    }

    #[test]
    fn an_input_identifier_is_kept() {
        let line = Page {
            id: "census:2313".into(),
            origin: "census.jsonl:7".into(),
            ..document("x", Some("https://www.centurylink.net/news/a"))
        };
        let article = declaring(Some("https://www.centurylink.net/news/a"), None);
        assert_eq!(page_id(&line, &article), "census:2313");
    }

    const BODY: &str = "The state senate passed the water bill on Tuesday after a long debate over who should pay for the new reservoir and the pipes.";

    /// PolNeAR's "10 Things to Know for Today" pages: the text carries no
    /// credit, the corpus records the byline "AP".
    #[test]
    fn an_input_agency_byline_is_a_wire_credit() {
        let article = article_of(&page(BODY, Some("AP")));
        let byline = article.byline.expect("byline from the input");
        assert_eq!(
            (byline.value.as_str(), byline.source),
            ("AP", FieldSource::Input)
        );
        assert!(article
            .declared_sources
            .iter()
            .any(|s| s.kind == CreditKind::Byline && s.outlet == "AP"));
    }

    #[test]
    fn the_page_byline_wins_over_the_input() {
        let text = format!("# Water bill passes\n\nBy Jane Roe\n\n{BODY}");
        let article = article_of(&page(&text, Some("AP")));
        assert_eq!(article.byline.map(|b| b.value).as_deref(), Some("Jane Roe"));
        assert!(article.declared_sources.is_empty());
    }
}
