//! Metadata printed on the page: the `<h1>`, the dek, the byline, `<time>`
//! elements, printed dates and image credits. Looked for in the article's
//! own area first, then in the whole page.

use std::sync::LazyLock;

use regex::Regex;

use super::{byline, dates, meta_tags::MetaTags, Scope};
use crate::dom::{Dom, NodeIx};

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

/// The date printed in a short line just after (or shortly before) the
/// headline, where pages show the article's date to readers, with or
/// without markup ("<p><em>10.11.2021</em></p>" on bundespolizei.de,
/// "<time datetime=…Z>6. November 2023</time>"). A `<time>` element is read
/// as printed: its text is in the page's local time, its `datetime` often
/// in UTC. `h1` is the headline's element ([`headline_node`]); `max_chars`
/// bounds the line: short when the line is to overrule the markup's date,
/// longer when it is the only date there is.
pub fn dateline(
    dom: &Dom,
    scope: &Scope,
    h1: NodeIx,
    order: dates::DayOrder,
    max_chars: usize,
) -> Option<dates::Dateline> {
    let mut after = dom.nodes[h1].end..(dom.nodes[h1].end + 150).min(dom.len());
    let mut before = (h1.saturating_sub(40)..h1).rev();
    let read = |i: NodeIx| match dom.tag(i) {
        "time" => dates::dateline(&dom.text(i), order).or_else(|| {
            let day = dates::day_of(&dates::normalise(dom.attr(i, "datetime")?)?)?;
            Some(dates::Dateline {
                day,
                time: None,
                swapped: None,
            })
        }),
        _ => dom
            .text_node(i)
            .filter(|t| t.trim().chars().count() <= max_chars)
            .and_then(|t| dates::dateline(t, order)),
    };
    let first_in = |nodes: &mut dyn Iterator<Item = NodeIx>| {
        let mut text = 0;
        nodes
            .take_while(|&i| {
                text += dom.text_node(i).map_or(0, str::len);
                text <= PROSE_CHARS
            })
            .filter(|&i| {
                !in_foreign_block(dom, scope, i) && !is_hidden(dom, i) && !in_update(dom, i)
            })
            .find_map(read)
    };
    first_in(&mut after).or_else(|| first_in(&mut before))
}

/// The headline's element: a heading (or `itemprop=headline`) printing the
/// page's title, first among `<h1>`s: a front page of teasers has one per
/// story (hoy.com.py, tfe-dev t0695), a page may print its headline in an
/// `<h3>` (martinruetter.com, t0766). Else the main `<h1>`.
pub fn headline_node(dom: &Dom, scope: &Scope, title: Option<&str>) -> Option<NodeIx> {
    let title = title
        .map(super::normalise_for_match)
        .filter(|t| t.len() >= 10);
    let Some(title) = title else {
        return main_heading_node(dom, scope);
    };
    let printing_title = |i: NodeIx| {
        let h = super::normalise_for_match(&dom.text(i));
        h.len() >= 10 && (h.starts_with(&title) || title.starts_with(&h))
    };
    let is_headline = |i: NodeIx| {
        dom.attr(i, "itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("headline"))
    };
    dom.elements_named("h1")
        .find(|&i| printing_title(i))
        .or_else(|| {
            (0..dom.len()).find(|&i| {
                (matches!(dom.tag(i), "h2" | "h3") || is_headline(i)) && printing_title(i)
            })
        })
        .or_else(|| main_heading_node(dom, scope))
}

/// How much text may lie between the headline and its date line (a dek,
/// a byline): past that the body has begun, and its dates are not the
/// article's (a quoted encyclical "25. Dezember 2005" on kath.net, tfe-dev
/// t0268; the last-change date after the post on journal.3960.org, t0262).
const PROSE_CHARS: usize = 600;

/// Hidden from readers: the `hidden` attribute or class, or an inline
/// `display:none` (a hidden dateModified `<time>` on shop.nmb-media.de,
/// tfe-dev t0370), on the element or a near ancestor.
fn is_hidden(dom: &Dom, i: NodeIx) -> bool {
    std::iter::once(i).chain(dom.ancestors(i)).take(4).any(|a| {
        dom.attr(a, "hidden").is_some()
            || dom.element(a).is_some_and(|e| {
                e.class_and_id()
                    .split_whitespace()
                    .any(|w| w == "hidden" || w == "d-none")
            })
            || dom.attr(a, "style").is_some_and(|s| {
                s.split(';')
                    .any(|d| d.replace(' ', "").eq_ignore_ascii_case("display:none"))
            })
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
        Regex::new(r"(?:^|[\s_-])(?:byline|by-line|author|authors|author-name|authorname|autor|byline__name|contributor)(?:$|[\s_-])")
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
/// 12/10/2020</h4>" on diem25.org, tfe-dev t0182), also behind a label
/// ("Posted by Konstantin", fouryears.eu, t0041; "Ein Artikel von Pamela
/// Sladky | 27.01.2022", pferderevue.at, t0820) or split over elements
/// ("<p> von <em>Klaus Stanjek</em></p>", t0084).
pub fn by_line_text(dom: &Dom, scope: &Scope) -> Option<String> {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^((?i:(?:posted|written|published)(?:\s+on\s+[^|]{4,30}?)?\s+by|(?:ein\s+)?(?:artikel|beitrag|blog[ -]?beitrag|text|bericht)\s+von|autor(?:in|en)?:?)\s+|(?:By|BY|Von|VON|von|Por|POR|Par|PAR|Door|Di):?\s+)\p{Lu}",
        )
        .expect("by line regex")
    });
    let area = scope.article?;
    let mut text = String::new();
    (area..dom.nodes[area].end)
        .filter(|&i| match dom.text_node(i) {
            Some(t) => t.len() <= BY_LINE_CHARS,
            None => is_line_element(dom, i),
        })
        .find_map(|i| {
            text.clear();
            match dom.text_node(i) {
                Some(t) => text.push_str(t.trim()),
                None => dom.text_into(i, &mut text),
            }
            let line = text.trim();
            if line.len() > BY_LINE_CHARS {
                return None;
            }
            // The label read here, the name is cleaned of what follows it.
            // After a lower-case "von"/"by" only capitalised words are a
            // name: prose goes on in lower case.
            let label = BY.captures(line)?.get(1)?;
            let name = byline::clean(line.get(label.end()..)?)?;
            let lower = label.as_str().starts_with(char::is_lowercase);
            ((!lower || byline::capitalised(&name)) && !in_foreign_block(dom, scope, i))
                .then_some(name)
        })
}

/// Longest by-line read, in bytes.
const BY_LINE_CHARS: usize = 120;

/// A paragraph-like element small enough to be one line of credits. Its
/// raw text is measured before it is rendered: rendering every paragraph
/// of a long article would copy all of it.
fn is_line_element(dom: &Dom, i: NodeIx) -> bool {
    matches!(dom.tag(i), "p" | "div" | "span" | "h4" | "h5" | "h6" | "li")
        && is_small(dom, i)
        && (i..dom.nodes[i].end)
            .filter_map(|j| dom.text_node(j))
            .map(str::len)
            .sum::<usize>()
            <= 2 * BY_LINE_CHARS
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
            .filter(|&i| {
                dom.tag(i) == "time" && !is_update(dom, i) && !in_foreign_block(dom, scope, i)
            })
            .find_map(|i| {
                dom.attr(i, "datetime")
                    .and_then(dates::normalise)
                    .or_else(|| dates::visible(&dom.text(i)))
            })
    })
}

/// An element marked as the page's update time (`<time class="updated">`,
/// WordPress themes' `updated` and `modified` classes,
/// `itemprop="dateModified"`): an upper bound on publication, not the date
/// of it (issue 14: an "Updated" time alone was read as publication).
fn is_update(dom: &Dom, i: NodeIx) -> bool {
    let marked = |name: &str| {
        dom.attr(i, name).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("updated") || v.contains("modified")
        })
    };
    marked("class") || marked("itemprop")
}

/// A node that is, or is inside (within two levels), an element marked as
/// the update time ([`is_update`]).
fn in_update(dom: &Dom, i: NodeIx) -> bool {
    is_update(dom, i) || dom.ancestors(i).take(2).any(|a| is_update(dom, a))
}

/// A date printed in a date/meta/byline element.
pub fn printed_date(dom: &Dom, scope: &Scope) -> Option<String> {
    static DATE_BOX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"date|time|publish|posted|meta|byline|datum|fecha|data")
            .expect("date box regex")
    });
    in_scope_then_page(dom, scope)
        .filter(|&i| {
            is_small(dom, i)
                && class_matches(dom, i, &DATE_BOX)
                && !is_update(dom, i)
                && !in_foreign_block(dom, scope, i)
        })
        // Without the update time it may print beside the date.
        .map(|i| dom.text_of(i, |j| is_update(dom, j)))
        .filter(|t| t.chars().count() <= 200)
        .find_map(|t| dates::visible(&t))
}

/// A date printed after a label saying it is the page's ("Aktualisiert am"
/// and "17.01.2021." in two elements at the foot of internetchemie.info,
/// tfe-dev t0258), in the label's text or in the next bit of text.
pub fn labelled_date(dom: &Dom, scope: &Scope) -> Option<String> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:veröffentlicht|aktualisiert|erstellt|publiziert|zuletzt geändert|published|updated|last updated|posted|publié|mis à jour|mise en ligne|publicado|actualizado|pubblicato)(?:\s+(?:am|on|le|el|il))?\s*:?\s*",
        )
        .expect("date label regex")
    });
    in_scope_then_page(dom, scope)
        .filter_map(|i| dom.text_node(i).map(|t| (i, t.trim())))
        .filter(|&(i, t)| {
            t.len() <= 80
                && LABEL.is_match(t)
                && !in_update(dom, i)
                && !in_foreign_block(dom, scope, i)
        })
        .find_map(|(i, t)| {
            let rest = t.get(LABEL.find(t)?.end()..)?;
            if !rest.is_empty() {
                return dates::visible(rest);
            }
            let next = (i + 1..dom.len().min(i + 4))
                .find_map(|j| dom.text_node(j).map(str::trim).filter(|t| !t.is_empty()))?;
            (next.len() <= 80).then(|| dates::visible(next)).flatten()
        })
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
        .filter(|&(i, t)| t.bytes().any(|b| b.is_ascii_digit()) && !in_update(dom, i))
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
