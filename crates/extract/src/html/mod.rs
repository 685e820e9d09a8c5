//! Main-content extraction for HTML pages: parse (html5ever, into [`Dom`]),
//! cut furniture, score containers, render the winner's paragraphs, read
//! metadata, then hand the article to [`crate::credits`].

mod cleaning;
mod hints;
mod lead;
mod paragraphs;
mod recipe;
mod region;
mod scoring;

use chrono::{DateTime, Utc};

use crate::blocks::{self, SiteProfile};
/// The parsed page (public so that parsing can be timed on its own).
pub use crate::dom::Dom;
use crate::dom::NodeIx;
use crate::metadata::{self, Scope};
use crate::{credits, Article};
use paragraphs::{Block, LinkPolicy};
use scoring::TextStats;

/// Extracts the article from an HTML document; `url` resolves links and is
/// the last resort for the site name and date; no date after `fetched` (now
/// when unknown) is taken for the page's.
pub fn extract(html: &str, url: Option<&str>, fetched: Option<DateTime<Utc>>) -> Article {
    extract_parts(html, url, fetched, None, None, false).0
}

/// [`extract`] with the site chrome `profile` knows for the page's site cut
/// before the body is chosen (`site` names the page's site, else it is
/// told from its URLs); with `want_blocks`, also the page's block
/// hashes for building a profile. Returns the article, the blocks (empty
/// unless asked for) and the page's site.
pub(crate) fn extract_parts(
    html: &str,
    url: Option<&str>,
    fetched: Option<DateTime<Utc>>,
    profile: Option<&SiteProfile>,
    site: Option<&str>,
    want_blocks: bool,
) -> (Article, Vec<u64>, Option<String>) {
    let dom = Dom::parse(html);
    let mut removed = cleaning::mark_removed(&dom);
    let site = (profile.is_some() || want_blocks)
        .then(|| blocks::site_of(&dom, url, site))
        .flatten();
    let page_blocks = if want_blocks {
        blocks::block_hashes(&dom, &removed)
    } else {
        Vec::new()
    };
    if let Some(chrome) = profile.and_then(|p| p.chrome_of(site.as_deref())) {
        blocks::cut_chrome(&dom, &mut removed, chrome);
    }
    let stats = TextStats::compute(&dom, &removed);
    let roots = scoring::select_content(&dom, &removed, &stats);
    let blocks = body_blocks(
        &dom,
        &removed,
        &stats,
        &with_lead(&dom, &removed, &stats, &roots),
        url,
    );
    let blocks = with_recipe_parts(&dom, &removed, &stats, &roots, blocks, url);

    let scope = Scope {
        article: article_scope(&dom, &roots),
        body_start: roots.first().copied(),
    };
    let meta = metadata::read_fetched(&dom, url, &scope, fetched);
    let mut article = Article::default();
    let json_ld_body = meta.json_ld_body.clone();
    meta.apply_to(&mut article);
    let page_chars = dom
        .elements_named("body")
        .next()
        .map_or(0, |b| stats.chars[b]);
    let all_chars = dom.elements_named("body").next().map_or(0, |b| {
        dom.text(b).chars().filter(|c| !c.is_whitespace()).count()
    });
    // Credit lines around the body (issue 14), minus the body's own lines,
    // which `harvest` reads.
    let region = region::read(&dom, &with_lead(&dom, &removed, &stats, &roots), url);
    set_body(&mut article, blocks, json_ld_body.as_deref());
    let outside = region.outside(&article.paragraphs);
    credits::harvest(&mut article);
    credits::harvest_region(&mut article, &outside, &region.places);
    if article.is_empty() {
        article.no_article = Some(no_article_reason(page_chars, all_chars).to_string());
    }
    (article, page_blocks, site)
}

/// The body choice explained, for diagnosis (`examples/explain_body.rs`):
/// the best-scoring candidates with their score terms and the containers
/// picked. Not a stable format.
#[doc(hidden)]
pub fn explain_choice(html: &str) -> String {
    let dom = Dom::parse(html);
    let removed = cleaning::mark_removed(&dom);
    let stats = TextStats::compute(&dom, &removed);
    scoring::explain(&dom, &removed, &stats)
}

/// Why a page gave no body: `kept_chars` is the page's text left after
/// furniture was cut, `all_chars` all of its text.
fn no_article_reason(kept_chars: u32, all_chars: usize) -> &'static str {
    if all_chars == 0 {
        "the page has no text"
    } else if kept_chars == 0 {
        "all of the page's text is site furniture (navigation, banners, forms, consent or share boxes) or script"
    } else {
        "no text of the page reads as an article: what is left is link lists, furniture lines and notices"
    }
}

/// Below this many characters the strict pass has probably thrown the
/// article away with its links.
const SCANT_BODY_CHARS: usize = 200;

/// The chosen containers' paragraphs without link lists; when that leaves
/// almost nothing, the content is itself a list of links (a link roundup
/// like nurmeinstandpunkt.wordpress.com's daily posts), so keep them.
fn body_blocks(
    dom: &Dom,
    removed: &[bool],
    stats: &TextStats,
    roots: &[NodeIx],
    url: Option<&str>,
) -> Vec<Block> {
    let pass = |policy| {
        paragraphs::filter_blocks(
            paragraphs::render(dom, removed, stats, roots, url, policy),
            policy,
        )
    };
    let strict = pass(LinkPolicy::DropLinkHeavy);
    if total_chars(&strict) >= SCANT_BODY_CHARS {
        return strict;
    }
    let relaxed = pass(LinkPolicy::Keep);
    if total_chars(&relaxed) > total_chars(&strict) {
        relaxed
    } else {
        strict
    }
}

/// The body with a recipe's ingredient and step boxes that lie outside the
/// chosen containers, each in its place before or after them. Their lines
/// are short and often links (an ingredient links to its product), so they
/// are kept as they are.
fn with_recipe_parts(
    dom: &Dom,
    removed: &[bool],
    stats: &TextStats,
    roots: &[NodeIx],
    body: Vec<Block>,
    url: Option<&str>,
) -> Vec<Block> {
    let parts = recipe::recipe_parts(dom, removed, stats, roots);
    if parts.is_empty() {
        return body;
    }
    let first = roots.first().copied().unwrap_or(0);
    let render = |part: NodeIx| {
        paragraphs::filter_blocks(
            paragraphs::render(dom, removed, stats, &[part], url, LinkPolicy::Keep),
            LinkPolicy::Keep,
        )
    };
    let (before, after): (Vec<NodeIx>, Vec<NodeIx>) = parts.into_iter().partition(|&p| p < first);
    let mut out: Vec<Block> = before.into_iter().flat_map(render).collect();
    out.extend(body);
    out.extend(after.into_iter().flat_map(render));
    out
}

/// The content containers, preceded by the article's lead when it sits in
/// a box of its own before them.
fn with_lead(dom: &Dom, removed: &[bool], stats: &TextStats, roots: &[NodeIx]) -> Vec<NodeIx> {
    lead::find_lead(dom, removed, stats, roots)
        .or_else(|| lead::declared_lead(dom, removed, stats, roots))
        .into_iter()
        .chain(roots.iter().copied())
        .collect()
}

fn total_chars(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.text.chars().count()).sum()
}

/// The element holding the article's headline, byline and body: the
/// nearest `<article>` around the content, else the content's parent.
fn article_scope(dom: &Dom, roots: &[NodeIx]) -> Option<NodeIx> {
    let first = *roots.first()?;
    std::iter::once(first)
        .chain(dom.ancestors(first))
        .find(|&a| dom.tag(a) == "article")
        .or_else(|| dom.nodes[first].parent)
        .or(Some(first))
}

/// Uses the DOM paragraphs unless JSON-LD `articleBody` is much longer:
/// then the DOM was truncated (paywall, lazy loading) or the wrong block won.
fn set_body(article: &mut Article, blocks: Vec<Block>, json_ld_body: Option<&str>) {
    let dom_chars = total_chars(&blocks);
    if let Some(body) = json_ld_body.filter(|b| is_fuller_body(b, dom_chars)) {
        article.paragraphs = split_plain_body(body);
        return;
    }
    for b in blocks {
        article.links.extend(b.links);
        article.paragraphs.push(b.text);
    }
    article.links.dedup();
}

fn is_fuller_body(body: &str, dom_chars: usize) -> bool {
    let ld_chars = body.chars().count();
    !body.contains('<') && ld_chars >= 500 && ld_chars > 2 * dom_chars
}

fn split_plain_body(body: &str) -> Vec<String> {
    body.split('\n')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_garbage_input_give_empty_article() {
        assert!(extract("", None, None).is_empty());
        assert!(extract("<<<>>>\u{0}\u{fffd}<div", None, None).is_empty());
    }

    #[test]
    fn a_page_without_an_article_says_why() {
        assert_eq!(
            extract("<html><body></body></html>", None, None)
                .no_article
                .as_deref(),
            Some("the page has no text")
        );
        let chrome = r#"<body><nav><a href="/a">Home</a> <a href="/b">Archive</a></nav>
            <div id="cookie-banner"><p>We use cookies to improve your experience, and to show ads.</p></div></body>"#;
        let a = extract(chrome, None, None);
        assert!(a.is_empty());
        assert!(a
            .no_article
            .is_some_and(|r| r.starts_with("all of the page's text is site furniture")));
        let links = r#"<body><ul><li><a href="/1">January 2019</a></li><li><a href="/2">February 2019</a></li>
            <li><a href="/3">March 2019</a></li></ul></body>"#;
        let a = extract(links, None, None);
        assert!(a.paragraphs.is_empty() || a.no_article.is_none());
        let story = "<body><p>A story sentence, long enough, with commas, about the council vote today.</p></body>";
        assert!(extract(story, None, None).no_article.is_none());
    }

    /// `reprint-sim`'s div-soup figure (seed 3, sim64-1): a picture box
    /// whose caption class is hashed, its credit "NAME | Outlet" in no form
    /// a classifier knows. It is a figure by structure: neither body text
    /// nor credit for the text.
    #[test]
    fn a_figure_is_neither_body_nor_credit() {
        let para = "<div class=\"x9\">The council voted on Tuesday to close the old bridge, citing safety reports, and opened a new one.</div>";
        let html = format!(
            r#"<html><body><article><h1>Bridge</h1><div class="css-4fi2tv">{para}{para}
            <div class="photo"><img src="/images/1.jpg" alt="A voter casts a ballot."><span class="sc-u5dlxe">A voter casts a ballot. Mandel Ngan | Metro Dispatch</span></div>
            {para}</div></article></body></html>"#
        );
        let a = extract(&html, Some("https://copy.example/a"), None);
        assert_eq!(a.paragraphs.len(), 3, "{:?}", a.paragraphs);
        assert!(!a.paragraphs.iter().any(|p| p.contains("Metro Dispatch")));
        assert!(a.declared_sources.is_empty(), "{:?}", a.declared_sources);
    }

    #[test]
    fn ten_thousand_nested_divs_do_not_overflow() {
        let html = "<div>".repeat(10_000)
            + "Some deep text, with a comma, in it."
            + &"</div>".repeat(10_000);
        let a = extract(&html, None, None);
        assert_eq!(a.paragraphs, vec!["Some deep text, with a comma, in it."]);
    }
}
