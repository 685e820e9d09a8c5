//! The article region around the body: where most credit lines sit.
//!
//! Issue 14: 327 of 352 credit lines on real wire copies were outside the
//! body container — a "Republished from X (link). © 2015 X." box above or
//! below the body, the dek, a line beside the byline, an aside attached to
//! the article, the article's own footer, a bare "Read the original
//! article" link. This module finds the element holding the whole article
//! (the nearest `<article>`, else the nearest ancestor of the body holding
//! its headline), and renders every line in it outside the body as text
//! with its links (markdown, as the credit classifier reads it), tagged with
//! the [`Place`] it sits in. Site chrome inside the region — navigation,
//! share bars, related-story lists, newsletter and subscription boxes,
//! comments, author bios, sidebars, captions — is left out: it is never
//! credit for the text.

use super::hints;
use crate::dom::{Dom, NodeIx};
use crate::links;
use crate::Place;

/// One line of the article region outside the body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RegionLine {
    pub place: Place,
    /// The line with its links as markdown (`[text](url)`).
    pub markdown: String,
    /// The line's plain text.
    pub plain: String,
}

/// What was read: the lines, and the places examined.
#[derive(Debug, Clone, Default)]
pub(crate) struct Region {
    pub lines: Vec<RegionLine>,
    pub places: Vec<Place>,
}

impl Region {
    /// The lines that are not body paragraphs (compared as plain text, so
    /// a credit line the body renderer dropped — a byline, a dateline line
    /// — is still read here), as `(place, markdown)`.
    pub fn outside(&self, paragraphs: &[String]) -> Vec<(Place, String)> {
        let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let body: std::collections::HashSet<String> = paragraphs
            .iter()
            .flat_map(|p| p.lines().map(norm))
            .collect();
        self.lines
            .iter()
            .filter(|l| !body.contains(&norm(&l.plain)))
            .map(|l| (l.place, l.markdown.clone()))
            .collect()
    }
}

/// The places a region read examines (with the body, whose datelines,
/// credit paragraphs and sign-offs `credits::harvest` reads).
pub(crate) const REGION_PLACES: [Place; 10] = [
    Place::Dateline,
    Place::Byline,
    Place::Header,
    Place::BeforeBody,
    Place::Body,
    Place::EndOfBody,
    Place::AfterBody,
    Place::Aside,
    Place::ArticleFooter,
    Place::Link,
];

/// Ancestors climbed from the body at most when looking for the headline:
/// beyond that the container is the page, not the article.
const MAX_CLIMB: usize = 6;

/// Reads the article region around the body `roots` (in document order).
pub(crate) fn read(dom: &Dom, roots: &[NodeIx], url: Option<&str>) -> Region {
    let Some(&first) = roots.first() else {
        return Region::default();
    };
    let Some(root) = region_root(dom, first) else {
        return Region::default();
    };
    let body_start = first;
    let body_end = roots
        .iter()
        .map(|&r| dom.nodes[r].end)
        .max()
        .unwrap_or(first);
    let mut w = Writer {
        dom,
        url,
        body: (body_start, body_end),
        stack: Vec::new(),
        line: String::new(),
        plain: String::new(),
        link: None,
        line_place: None,
        line_at: 0,
        lines: Vec::new(),
    };
    w.walk(root);
    let mut places = REGION_PLACES.to_vec();
    places.sort();
    Region {
        lines: w.lines,
        places,
    }
}

/// The element holding the whole article: the nearest `<article>` (or
/// schema.org Article) around the body, else the nearest ancestor holding
/// an `<h1>`, within [`MAX_CLIMB`] levels and below `<body>`; else the
/// body's parent.
fn region_root(dom: &Dom, first: NodeIx) -> Option<NodeIx> {
    let chain: Vec<NodeIx> = std::iter::once(first)
        .chain(dom.ancestors(first))
        .take_while(|&a| !matches!(dom.tag(a), "body" | "html" | ""))
        .take(MAX_CLIMB + 1)
        .collect();
    let is_article = |a: NodeIx| {
        dom.tag(a) == "article"
            || dom
                .attr(a, "itemtype")
                .is_some_and(|t| t.contains("Article") || t.contains("NewsArticle"))
    };
    if let Some(&a) = chain.iter().find(|&&a| is_article(a)) {
        return Some(a);
    }
    let holds_h1 = |a: NodeIx| (a + 1..dom.nodes[a].end).any(|i| dom.tag(i) == "h1");
    chain
        .iter()
        .copied()
        .find(|&a| holds_h1(a))
        .or_else(|| {
            dom.nodes[first]
                .parent
                .filter(|&p| !matches!(dom.tag(p), "body" | "html"))
        })
        .or(Some(first))
}

/// Tags whose content is never a credit line: code, media, controls,
/// navigation, forms, captions (photo credits go to `image_credits`).
fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
            | "object"
            | "embed"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "label"
            | "nav"
            | "form"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "map"
            | "dialog"
            | "menu"
            | "figcaption"
            | "figure"
            | "picture"
            | "img"
    )
}

/// Class or id words of site chrome inside the article element: share
/// bars, related and recommended stories, newsletter, subscription and
/// promotion boxes, comments, cookie banners, ads, sidebars and widgets,
/// menus, breadcrumbs, author bios, tag lists.
fn is_chrome_word(w: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "comment",
        "share",
        "social",
        "related",
        "recommend",
        "newsletter",
        "subscri",
        "promo",
        "cookie",
        "consent",
        "advert",
        "sponsor",
        "outbrain",
        "taboola",
        "popular",
        "signup",
        "affiliat",
        "trending",
        "sidebar",
        "widget",
        "breadcrumb",
        "navbar",
        "paywall",
        "mostread",
        "readmore",
        "more-stories",
    ];
    PREFIXES.iter().any(|p| w.starts_with(p))
        && !w.starts_with("commentar")
        && !w.starts_with("shared-content")
        || matches!(
            w,
            "ad" | "ads" | "nav" | "menu" | "rail" | "bio" | "tags" | "topics" | "keywords"
        )
}

fn is_chrome(dom: &Dom, i: NodeIx) -> bool {
    let Some(el) = dom.element(i) else {
        return false;
    };
    if is_skipped_tag(el.tag()) || hints::is_hidden(el) {
        return true;
    }
    if el.attr("role").is_some_and(|r| {
        matches!(
            r.trim().to_ascii_lowercase().as_str(),
            "navigation" | "search" | "menu" | "menubar" | "dialog" | "toolbar" | "banner"
        )
    }) {
        return true;
    }
    let name = el.class_and_id();
    let words = || {
        name.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .flat_map(|w| std::iter::once(w).chain(w.split('-')))
            .filter(|w| !w.is_empty())
    };
    // Captions and photo credits: "div.image-credit" holds "Al Goldis,
    // Associated Press" under a photo (AEB detroitnews.com).
    let media = words().any(|w| {
        [
            "image",
            "img",
            "photo",
            "picture",
            "media",
            "gallery",
            "slideshow",
            "video",
            "getty",
        ]
        .iter()
        .any(|m| w.starts_with(m))
    });
    let caption =
        words().any(|w| w.starts_with("caption") || w.starts_with("credit") || w == "cutline");
    // Named chrome, unless the only chrome words name a page column and
    // the box lists no links.
    let column_only = words().all(|w| !is_chrome_word(w) || is_column_word(w));
    (words().any(is_chrome_word) && (!column_only || is_link_list(dom, i)))
        || (media && caption)
        || is_small_figure(dom, i)
        || words()
            .any(|w| w.starts_with("caption") || w.starts_with("wp-caption") || w == "cutline")
        || (words().any(|w| matches!(w, "author" | "authorbox"))
            && words().any(|w| matches!(w, "box" | "bio" | "about" | "card")))
}

/// Words naming a page column rather than what a box holds: "sidebar",
/// "widget", "rail". Such a box is chrome when it is a list of links (Most
/// Read, tag clouds, link rails), but a short note in one, attached to the
/// article ("About this story: Editor's note: the original version of this
/// story was published by X", `reprint-sim`'s semantic template writes it
/// as `aside.sidebar-note`), is the article's own and may credit it.
fn is_column_word(w: &str) -> bool {
    w.starts_with("sidebar") || w.starts_with("widget") || w == "rail"
}

/// A box that is a list of links: two list items or more, or half of its
/// text inside links.
fn is_link_list(dom: &Dom, i: NodeIx) -> bool {
    let chars = |n: NodeIx| dom.text(n).chars().filter(|c| !c.is_whitespace()).count();
    let end = dom.nodes[i].end;
    let items = (i + 1..end).filter(|&n| dom.tag(n) == "li").count();
    if items >= 2 {
        return true;
    }
    let text = chars(i);
    let mut linked = 0;
    let mut n = i + 1;
    while n < end {
        if dom.tag(n) == "a" {
            linked += chars(n);
            n = dom.nodes[n].end.max(n + 1);
        } else {
            n += 1;
        }
    }
    text == 0 || 2 * linked >= text
}

/// A picture and its caption ([`hints::is_figure`]); only small subtrees
/// are measured, since a figure is a few nodes and a wrapper is not.
fn is_small_figure(dom: &Dom, i: NodeIx) -> bool {
    const MAX_FIGURE_NODES: usize = 64;
    dom.nodes[i].end - i <= MAX_FIGURE_NODES
        && hints::is_figure(
            dom,
            i,
            dom.text(i).chars().filter(|c| !c.is_whitespace()).count(),
        )
}

/// The place an element's own name or tag gives its lines, if any.
fn place_of(dom: &Dom, i: NodeIx) -> Option<Place> {
    let el = dom.element(i)?;
    let name = el.class_and_id();
    let has = |w: &str| {
        name.split(|c: char| !c.is_ascii_alphanumeric())
            .any(|x| x == w || (x.len() > w.len() && x.starts_with(w)))
    };
    match el.tag() {
        "header" | "hgroup" => return Some(Place::Header),
        "aside" => return Some(Place::Aside),
        "footer" => return Some(Place::ArticleFooter),
        "address" => return Some(Place::Byline),
        _ => {}
    }
    if el
        .attr("rel")
        .is_some_and(|r| r.eq_ignore_ascii_case("author"))
        || has("byline")
        || has("author")
        || has("dateline")
    {
        Some(Place::Byline)
    } else if has("dek") || has("standfirst") || has("kicker") || has("subhead") || has("header") {
        Some(Place::Header)
    } else if has("aside") {
        Some(Place::Aside)
    } else if has("footer") {
        Some(Place::ArticleFooter)
    } else {
        None
    }
}

struct Writer<'d> {
    dom: &'d Dom,
    url: Option<&'d str>,
    /// The body's node range: lines inside it are the body's (and are
    /// read there); lines outside are before or after it.
    body: (NodeIx, NodeIx),
    /// Open elements: where each ends, its tag and the place it gives.
    stack: Vec<(NodeIx, NodeIx, Option<Place>)>,
    line: String,
    plain: String,
    /// The open link's resolved target, if any.
    link: Option<(NodeIx, Option<String>)>,
    line_place: Option<Place>,
    line_at: NodeIx,
    lines: Vec<RegionLine>,
}

impl Writer<'_> {
    fn walk(&mut self, root: NodeIx) {
        let dom = self.dom;
        let end = dom.nodes[root].end;
        let mut i = root + 1;
        while i < end {
            self.close_until(i);
            if is_chrome(dom, i) {
                if hints::is_block_tag(dom.tag(i)) || is_skipped_tag(dom.tag(i)) {
                    self.flush();
                }
                i = dom.nodes[i].end;
                continue;
            }
            if let Some(t) = dom.text_node(i) {
                self.push_text(i, t);
            } else if let Some(el) = dom.element(i) {
                let tag = el.tag();
                if tag == "br" || hints::is_block_tag(tag) {
                    self.flush();
                }
                if tag == "a" {
                    let href = el.attr("href").and_then(|h| links::resolve(h, self.url));
                    if href.is_some() {
                        self.line.push('[');
                    }
                    self.link = Some((dom.nodes[i].end, href));
                }
                self.stack.push((dom.nodes[i].end, i, place_of(dom, i)));
            }
            i += 1;
        }
        self.close_until(end);
        self.flush();
    }

    /// Closes the elements that end at or before `i`.
    fn close_until(&mut self, i: NodeIx) {
        while let Some(&(end, ix, _)) = self.stack.last() {
            if end > i {
                break;
            }
            self.stack.pop();
            let tag = self.dom.tag(ix);
            if tag == "a" {
                if let Some((_, Some(url))) = self.link.take() {
                    self.line.push_str(&format!("]({url})"));
                }
            }
            if hints::is_block_tag(tag) {
                self.flush();
            }
        }
    }

    fn push_text(&mut self, at: NodeIx, text: &str) {
        if self.line_place.is_none() && !text.trim().is_empty() {
            self.line_at = at;
            self.line_place = Some(self.place_here(at));
        }
        for c in text.chars() {
            if matches!(c, '\u{200b}' | '\u{ad}' | '\u{feff}') {
                continue;
            }
            let c = if c.is_whitespace() { ' ' } else { c };
            if c == ' ' && (self.plain.is_empty() || self.plain.ends_with(' ')) {
                continue;
            }
            self.line.push(c);
            self.plain.push(c);
        }
    }

    /// The innermost place an open element gives, else before or after the
    /// body by position; inside the body container, the body.
    fn place_here(&self, at: NodeIx) -> Place {
        if let Some(p) = self.stack.iter().rev().find_map(|&(_, _, p)| p) {
            return p;
        }
        let (start, end) = self.body;
        if at < start {
            Place::BeforeBody
        } else if at >= end {
            Place::AfterBody
        } else {
            Place::Body
        }
    }

    fn flush(&mut self) {
        let plain = self.plain.trim().to_string();
        let markdown = self.line.trim().to_string();
        // An open link continues on the next line: its "[" was written.
        if let Some((_, Some(_))) = self.link {
            self.line.clear();
            self.line.push('[');
        } else {
            self.line.clear();
        }
        self.plain.clear();
        let place = self.line_place.take();
        if plain.is_empty() {
            return;
        }
        let Some(place) = place else { return };
        let markdown = if markdown.matches('[').count() > markdown.matches("](").count() {
            // A link left open at a block edge: keep its text only.
            markdown.replace('[', "")
        } else {
            markdown
        };
        self.lines.push(RegionLine {
            place,
            markdown,
            plain,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str, body_class: &str) -> Vec<(Place, String)> {
        let dom = Dom::parse(html);
        let body = (0..dom.len())
            .find(|&i| {
                dom.element(i)
                    .is_some_and(|e| e.class_and_id() == body_class)
            })
            .expect("body element");
        read(&dom, &[body], Some("https://copy.example/story"))
            .lines
            .into_iter()
            .map(|l| (l.place, l.markdown))
            .collect()
    }

    /// The layout issue 14 describes: credits in a box before and after the
    /// body, beside the byline, in an aside and the article's footer; chrome
    /// (related stories, newsletter, share bar, sidebar, site footer) out.
    #[test]
    fn credit_places_around_the_body() {
        let html = r#"<html><body>
            <nav><a href="/">Home</a></nav>
            <main><article class="story">
              <header><h1>Headline</h1><p class="dek">Republished from Daily Planet.</p>
                <div class="byline">By Jane Roe | <span>Daily Planet</span></div>
                <div class="share-bar"><a href="/s">Share</a></div></header>
              <div class="credit-box">Republished from <a href="https://dailyplanet.example/a">Daily Planet</a>. © 2015 Daily Planet.</div>
              <div class="body"><p>The body text, long enough to be a paragraph.</p></div>
              <p class="note">Read the <a href="https://dailyplanet.example/a">original article</a>.</p>
              <aside class="about"><h4>About this story</h4><p>This story first appeared in Daily Planet.</p></aside>
              <footer class="art-foot"><p>Copyright 2015 Daily Planet</p></footer>
              <div class="related-stories"><a href="/x">Daily Planet wins award</a></div>
              <div class="newsletter">Sign up</div>
            </article>
            <aside class="sidebar">Source: Daily Planet</aside></main>
            <footer class="site-footer">© 2019 Copy Site</footer>
            </body></html>"#;
        let got = lines(html, "body");
        let places: Vec<Place> = got.iter().map(|(p, _)| *p).collect();
        assert_eq!(
            places,
            [
                Place::Header,
                Place::Header,
                Place::Byline,
                Place::BeforeBody,
                Place::Body,
                Place::AfterBody,
                Place::Aside,
                Place::Aside,
                Place::ArticleFooter,
            ],
            "{got:?}"
        );
        assert!(got[3]
            .1
            .contains("[Daily Planet](https://dailyplanet.example/a)"));
        assert!(got[5]
            .1
            .contains("[original article](https://dailyplanet.example/a)"));
        assert!(!got.iter().any(|(_, l)| l.contains("Sign up")
            || l.contains("Share")
            || l.contains("wins award")
            || l.contains("Copy Site")));
    }

    /// A box named for a page column ("sidebar", "widget") inside the
    /// article is chrome when it lists links, but a prose note in one is
    /// the article's own (`reprint-sim` seed 15, sim61-4: the credit sat in
    /// `aside.sidebar-note` and the copy was called uncredited).
    #[test]
    fn a_note_in_a_sidebar_box_is_read_a_link_list_is_not() {
        let html = r#"<html><body><article>
              <h1>Headline</h1>
              <div class="body"><p>The body text, long enough to be a paragraph.</p></div>
              <aside class="sidebar-note"><h4>About this story</h4><p>Editor's note: The original version of this story was published by <a href="https://dailyplanet.example/">Daily Planet</a>.</p></aside>
              <aside class="sidebar"><h3>Most Read</h3><ol><li><a href="/1">Daily Planet wins award</a></li><li><a href="/2">Other news</a></li></ol></aside>
              <div class="widget"><a href="https://dailyplanet.example/">Daily Planet home page</a></div>
            </article></body></html>"#;
        let got = lines(html, "body");
        let texts: Vec<&str> = got.iter().map(|(_, l)| l.as_str()).collect();
        assert!(
            texts
                .iter()
                .any(|l| l.contains("was published by [Daily Planet]")),
            "{got:?}"
        );
        assert!(!texts.iter().any(|l| l.contains("wins award")
            || l.contains("Most Read")
            || l.contains("home page")));
    }

    /// Without `<article>`, the region is the nearest ancestor holding the
    /// headline: the sidebar beside that container stays out.
    #[test]
    fn region_without_article_element() {
        let html = r#"<html><body><div class="wrap"><div class="x1">
              <h1>Headline</h1><div class="b">By Ann Lee, Associated Press</div>
              <div class="txt"><p>Body text of the story that goes on.</p></div>
              <p>With files from the Canadian Press</p></div>
            <div class="col">Source: Elsewhere</div></div></body></html>"#;
        let got = lines(html, "txt");
        let texts: Vec<&str> = got.iter().map(|(_, l)| l.as_str()).collect();
        assert!(texts.contains(&"By Ann Lee, Associated Press"), "{got:?}");
        assert!(texts.contains(&"With files from the Canadian Press"));
        assert!(!texts.contains(&"Source: Elsewhere"));
    }
}
