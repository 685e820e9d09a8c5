//! Marks the parts of the page that are never article text: non-content
//! tags, hidden elements, and furniture named by class/id/role (menus, share
//! bars, comments, related links, ads, cookie banners…).

use super::hints;
use crate::dom::{Dom, NodeIx};

/// A subtree holding at least this share of the page's text is not cut for a
/// furniture word: a wrapper like `<div class="post share-enabled">` or an
/// ASP.NET page-wide `<form>` is the article, not a share bar.
const MAJORITY_SHARE: f32 = 0.4;

/// `removed[i]` is true when node `i` or one of its ancestors was cut.
pub fn mark_removed(dom: &Dom) -> Vec<bool> {
    let raw = raw_text_chars(dom);
    let prose = prose_chars(dom, &raw);
    let page_chars = raw.first().copied().unwrap_or(0) as f32;
    let page_prose = prose.first().copied().unwrap_or(0) as f32;
    // Holds most of the page's text, or most of its paragraph prose (a
    // `<div id="socialicons-sticky">` wrapped around the whole post on
    // piratenpartei-hessen.de, tfe-dev t0822).
    let holds_majority = |i: NodeIx| {
        (raw[i] as f32 >= MAJORITY_SHARE * page_chars && raw[i] > 200)
            || (prose[i] as f32 >= PROSE_SHARE * page_prose && prose[i] > 400)
    };
    let mut removed = vec![false; dom.len()];
    for i in 0..dom.len() {
        if let Some(p) = dom.nodes[i].parent {
            if removed[p] {
                removed[i] = true;
                continue;
            }
        }
        let Some(el) = dom.element(i) else { continue };
        let tag = el.tag();
        if matches!(tag, "html" | "body") {
            continue;
        }
        if hints::is_non_content_tag(tag) {
            // A page-wide <aside>/<footer>/<nav> wrapper is a template quirk,
            // not furniture; anything smaller goes.
            removed[i] = !(matches!(tag, "aside" | "footer" | "nav") && holds_majority(i));
            continue;
        }
        let hint = hints::class_hint(el);
        let cut = if hint.comments || hints::is_figure(dom, i, raw[i]) {
            true
        } else if hints::is_hidden(el) || hints::is_chrome_role(el) {
            !holds_majority(i)
        } else if matches!(tag, "form" | "header") {
            // Page headers are chrome. An article's own header may hold a
            // lead paragraph, which the paragraph filter judges.
            !holds_majority(i) && (tag == "form" || !inside_article(dom, i))
        } else if hint.is_furniture() {
            !holds_majority(i)
        } else {
            false
        };
        removed[i] = cut;
    }
    removed
}

fn inside_article(dom: &Dom, i: NodeIx) -> bool {
    dom.ancestors(i).any(|a| {
        dom.tag(a) == "article"
            || dom
                .attr(a, "itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    })
}

/// Share of the page's paragraph prose that makes a furniture-named
/// subtree the article's wrapper.
const PROSE_SHARE: f32 = 0.6;

/// Non-whitespace characters in `<p>` elements of at least 80 such
/// characters that are mostly not links, summed under each node.
fn prose_chars(dom: &Dom, raw: &[usize]) -> Vec<usize> {
    let mut link = vec![0usize; dom.len()];
    let mut prose = vec![0usize; dom.len()];
    for i in (0..dom.len()).rev() {
        let tag = dom.tag(i);
        if tag == "a" {
            link[i] = raw[i];
        }
        if tag == "p" && raw[i] >= 80 && link[i] * 4 < raw[i] {
            prose[i] = raw[i];
        }
        if let Some(p) = dom.nodes[i].parent {
            link[p] += link[i];
            prose[p] += prose[i];
        }
    }
    prose
}

/// Non-whitespace characters of text under each node, scripts and styles
/// excluded; computed bottom-up (children have larger indices than parents).
fn raw_text_chars(dom: &Dom) -> Vec<usize> {
    let mut raw = vec![0usize; dom.len()];
    for i in (0..dom.len()).rev() {
        if let Some(t) = dom.text_node(i) {
            let parent_tag = dom.nodes[i].parent.map(|p| dom.tag(p)).unwrap_or("");
            if !hints::is_non_content_tag(parent_tag) {
                raw[i] = t.chars().filter(|c| !c.is_whitespace()).count();
            }
        }
        if let Some(p) = dom.nodes[i].parent {
            raw[p] += raw[i];
        }
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept_text(html: &str) -> String {
        let dom = Dom::parse(html);
        let removed = mark_removed(&dom);
        dom.text_of(0, |i| removed[i])
    }

    #[test]
    fn share_bar_and_hidden_text_are_cut() {
        let html = r#"<body><div class="share-bar">Share on Facebook</div>
            <p>Story text that is long enough to matter for the page.</p>
            <p style="display: none">hidden</p><nav>Home News</nav></body>"#;
        assert_eq!(
            kept_text(html),
            "Story text that is long enough to matter for the page."
        );
    }

    #[test]
    fn social_named_wrapper_around_the_post_is_kept() {
        // piratenpartei-hessen.de (tfe-dev t0822): the post's paragraphs sit
        // in <div id="socialicons-sticky">, beside a long sidebar.
        let para = "<p>Die Corona-Pandemie breitet sich aus. Ungeachtet der Maßnahmen steigt die Zahl an Infizierten weiter an.</p>".repeat(6);
        let sidebar = "<li>Kreisverband Kassel Stadt-Land-Web und mehr Links</li>".repeat(60);
        let html = format!(
            r#"<body><div id="socialicons-sticky"><div class="entry-content">{para}</div></div><ul class="x">{sidebar}</ul><div class="share-bar"><p>Share</p></div></body>"#
        );
        let kept = kept_text(&html);
        assert!(kept.starts_with("Die Corona-Pandemie"));
        assert!(!kept.contains("Share"));
    }

    #[test]
    fn page_wide_wrapper_with_share_class_is_kept() {
        let body = "Long article sentence, with words. ".repeat(20);
        let html = format!(
            r#"<body><div class="post share-enabled"><p>{body}</p></div><div class="menu">Home</div></body>"#
        );
        assert!(kept_text(&html).starts_with("Long article sentence"));
        assert!(!kept_text(&html).contains("Home"));
    }
}
