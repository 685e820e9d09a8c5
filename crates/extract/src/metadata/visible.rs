//! Metadata printed on the page: the `<h1>`, the dek, the byline, `<time>`
//! elements, printed dates and image credits. Looked for in the article's
//! own area first, then in the whole page.

use std::sync::LazyLock;

use regex::Regex;

use super::{byline, dates, meta_tags::MetaTags, Scope};
use crate::html::dom::{Dom, NodeIx};

/// Elements of the article area first, then the rest of the page.
fn in_scope_then_page(dom: &Dom, scope: &Scope) -> impl Iterator<Item = NodeIx> {
    let (start, end) = match scope.article {
        Some(a) => (a, dom.nodes[a].end),
        None => (0, 0),
    };
    (start..end).chain((0..dom.len()).filter(move |i| !(start..end).contains(i)))
}

/// Does any of the element's (or its near ancestors') class words say this
/// is a comment or a teaser for another article? An ancestor that also holds
/// the article's body is a layout wrapper (`<div class="layoutTwoColumnsRightSidebar">`
/// around the whole page on alacarte.at, tfe-dev t0474), not a foreign block.
fn in_foreign_block(dom: &Dom, scope: &Scope, i: NodeIx) -> bool {
    let holds_body = |a: NodeIx| {
        scope.body_start.is_some_and(|b| dom.is_within(b, a))
            || scope.article.is_some_and(|b| dom.is_within(b, a))
    };
    std::iter::once(i)
        .chain(dom.ancestors(i))
        .take(12)
        .filter(|&a| !holds_body(a))
        .any(|a| {
            let tag = dom.tag(a);
            // (An article's own <footer> holds its byline, so footers pass.)
            if matches!(tag, "aside" | "nav") {
                return true;
            }
            dom.element(a).is_some_and(|e| {
                let c = e.class_and_id();
                c.contains("comment") || c.contains("related") || c.contains("sidebar")
            })
        })
}

/// Bylines, dates and deks are small elements; checking only small subtrees
/// keeps a `<body class="meta">` from being read as one.
fn is_small(dom: &Dom, i: NodeIx) -> bool {
    dom.nodes[i].end - i <= 60
}

/// Does the element's class/id match `re`? (None of the patterns matches
/// an empty string, so most elements are answered without the regex.)
fn class_matches(dom: &Dom, i: NodeIx, re: &Regex) -> bool {
    dom.element(i).is_some_and(|e| {
        let c = e.class_and_id();
        !c.is_empty() && re.is_match(c)
    })
}

fn main_heading_node(dom: &Dom, scope: &Scope) -> Option<NodeIx> {
    in_scope_then_page(dom, scope)
        .filter(|&i| dom.tag(i) == "h1" && !in_foreign_block(dom, scope, i))
        .find(|&i| dom.text(i).chars().count() >= 3)
}

pub fn main_heading(dom: &Dom, scope: &Scope) -> Option<String> {
    main_heading_node(dom, scope).map(|i| dom.text(i))
}

/// A date printed in a short line just after (or shortly before) the
/// headline, where press releases and news pages put it without markup
/// ("<p><em>10.11.2021</em></p>" on bundespolizei.de).
pub fn date_near_heading(dom: &Dom, scope: &Scope) -> Option<String> {
    let h1 = main_heading_node(dom, scope)?;
    let after = dom.nodes[h1].end..(dom.nodes[h1].end + 150).min(dom.len());
    let before = h1.saturating_sub(40)..h1;
    after.chain(before.rev()).find_map(|i| {
        dom.text_node(i)
            .filter(|t| t.len() <= 160)
            .and_then(dates::visible)
    })
}

/// A standfirst/dek: an element named as one, or a visible element before the
/// body whose text is the og:description. Conservative: descriptions that
/// are only in meta tags are summaries, not deks.
pub fn kicker(
    dom: &Dom,
    meta: &MetaTags,
    scope: &Scope,
    title: Option<&str>,
) -> Option<crate::Sourced<String>> {
    use crate::{FieldSource, Sourced};
    static DEK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[\s_-])(?:standfirst|dek|sub-?title|sub-?headline|subhead|strapline|kicker|article-?summary|article__summary|lede|deck)(?:$|[\s_-])",
        )
        .expect("dek regex")
    });
    let good = |t: &str| {
        let n = t.chars().count();
        (15..=400).contains(&n) && title.is_none_or(|h| h != t)
    };
    let by_class = in_scope_then_page(dom, scope)
        .filter(|&i| {
            is_small(dom, i) && class_matches(dom, i, &DEK) && !in_foreign_block(dom, scope, i)
        })
        .map(|i| dom.text(i))
        .find(|t| good(t));
    if let Some(k) = by_class {
        return Some(Sourced::new(k, FieldSource::Visible, 0.7));
    }
    let description = meta
        .first(&["og:description", "description"])
        .filter(|d| good(d))?;
    let body_start = scope.body_start?;
    // Only small elements can hold a one-paragraph dek; rendering the text
    // of every wrapper before the body was quadratic on deep pages. An
    // element's text is at most its text nodes plus a space per node, so
    // most are ruled out without rendering it.
    let mut text = String::new();
    (0..body_start)
        .filter(|&i| matches!(dom.tag(i), "p" | "h2" | "div" | "span") && is_small(dom, i))
        .filter(|&i| {
            let end = dom.nodes[i].end;
            let raw: usize = (i..end)
                .filter_map(|j| dom.text_node(j))
                .map(str::len)
                .sum();
            raw + (end - i) >= description.len()
        })
        .find(|&i| {
            dom.text_into(i, &mut text);
            text == description
        })
        .map(|_| Sourced::new(description.to_string(), FieldSource::Visible, 0.6))
}

pub fn byline(dom: &Dom, scope: &Scope) -> Option<String> {
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s_-])(?:byline|by-line|author|authors|author-name|autor|byline__name|contributor)(?:$|[\s_-])")
            .expect("byline regex")
    });
    in_scope_then_page(dom, scope)
        .filter(|&i| {
            dom.element(i).is_some()
                && is_small(dom, i)
                && (super::has_rel(dom, i, "author")
                    // <address> is HTML's element for the author's contact.
                    || dom.tag(i) == "address"
                    || dom
                        .attr(i, "itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("author"))
                    || class_matches(dom, i, &BYLINE))
                && !in_foreign_block(dom, scope, i)
        })
        .find_map(|i| {
            // itemprop=author often wraps a name element plus a bio.
            let named = (i..dom.nodes[i].end).find(|&j| {
                dom.attr(j, "itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("name"))
            });
            let text = match named {
                Some(j) => dom
                    .attr(j, "content")
                    .map(String::from)
                    .unwrap_or_else(|| dom.text(j)),
                None => dom.text(i),
            };
            byline::clean(&text)
        })
}

/// A short line of the article area that starts with "By"/"Von"/"Por"…
/// and a capitalised name, without byline markup ("<h4>By Giovanni Gaggero |
/// 12/10/2020</h4>" on diem25.org, tfe-dev t0182).
pub fn by_line_text(dom: &Dom, scope: &Scope) -> Option<String> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:By|BY|Von|VON|Por|POR|Par|PAR|Door|Di)\s+\p{Lu}").expect("by line regex")
    });
    let area = scope.article?;
    (area..dom.nodes[area].end)
        .filter_map(|i| dom.text_node(i).map(|t| (i, t.trim())))
        .filter(|(_, t)| t.len() <= 120 && BY.is_match(t))
        .find(|&(i, _)| !in_foreign_block(dom, scope, i))
        .and_then(|(_, t)| byline::clean(t))
}

/// `<time datetime>`, or an element marked `itemprop=datePublished`.
pub fn time_element(dom: &Dom, scope: &Scope) -> Option<String> {
    let published_marked = in_scope_then_page(dom, scope).find_map(|i| {
        let marked = dom
            .attr(i, "itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"));
        if !marked {
            return None;
        }
        let raw = dom
            .attr(i, "datetime")
            .or_else(|| dom.attr(i, "content"))
            .map(String::from)
            .unwrap_or_else(|| dom.text(i));
        dates::normalise(&raw)
    });
    published_marked.or_else(|| {
        in_scope_then_page(dom, scope)
            .filter(|&i| dom.tag(i) == "time" && !in_foreign_block(dom, scope, i))
            .find_map(|i| {
                dom.attr(i, "datetime")
                    .and_then(dates::normalise)
                    .or_else(|| dates::visible(&dom.text(i)))
            })
    })
}

/// A date printed in a date/meta/byline element.
pub fn printed_date(dom: &Dom, scope: &Scope) -> Option<String> {
    static DATE_BOX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"date|time|publish|posted|meta|byline|datum|fecha|data")
            .expect("date box regex")
    });
    in_scope_then_page(dom, scope)
        .filter(|&i| {
            is_small(dom, i) && class_matches(dom, i, &DATE_BOX) && !in_foreign_block(dom, scope, i)
        })
        .map(|i| dom.text(i))
        .filter(|t| t.chars().count() <= 200)
        .find_map(|t| dates::visible(&t))
}

/// Last resort: the first date printed anywhere in the article area, then
/// the page, outside scripts and foreign blocks ("Mise en ligne 23 mai
/// 2019" in a credits list on franceculture.fr, tfe-dev t0485).
pub fn first_printed_date(dom: &Dom, scope: &Scope) -> Option<String> {
    in_scope_then_page(dom, scope)
        .filter_map(|i| {
            dom.text_node(i)
                .filter(|t| (6..=300).contains(&t.len()))
                .map(|t| (i, t))
        })
        .filter(|&(i, _)| {
            let parent = dom.nodes[i].parent.map(|p| dom.tag(p)).unwrap_or("");
            !matches!(
                parent,
                "script" | "style" | "noscript" | "template" | "title" | "option"
            )
        })
        .filter(|(_, t)| t.bytes().any(|b| b.is_ascii_digit()))
        .find_map(|(i, t)| dates::visible(t).filter(|_| !in_foreign_block(dom, scope, i)))
}

/// Photo credits in the article area: credit/copyright-classed elements and
/// "Photo: …", "© …" parts of captions.
pub fn image_credits(dom: &Dom, scope: &Scope) -> Vec<String> {
    static CREDIT_CLASS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"credit|copyright|photographer|image-source|imagesource|bildquelle|fotograf")
            .expect("credit class regex")
    });
    static CREDIT_TEXT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\b(?:photo|photograph|foto|image|picture|credit|bild|quelle|source)s?\s*:\s*|©\s*|\(c\)\s+)[^\n]{2,120}$")
            .expect("credit text regex")
    });
    let Some(area) = scope.article else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for i in area..dom.nodes[area].end {
        let tag = dom.tag(i);
        let text = if is_small(dom, i) && class_matches(dom, i, &CREDIT_CLASS) {
            Some(dom.text(i)).filter(|t| t.chars().count() <= 150)
        } else if tag == "figcaption" {
            CREDIT_TEXT
                .find(&dom.text(i))
                .map(|m| m.as_str().to_string())
        } else {
            None
        };
        if let Some(t) = text.filter(|t| t.chars().any(char::is_alphabetic)) {
            if !out.iter().any(|o| o.contains(&t) || t.contains(o.as_str())) {
                out.push(t);
            }
        }
    }
    out
}
