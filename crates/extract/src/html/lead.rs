//! The article's lead (teaser, intro, standfirst, chapô): templates often
//! put it in its own box just before the body, outside the container that
//! wins the scoring, so it is found by its class name and added back.

use super::scoring::TextStats;
use crate::dom::{Dom, NodeIx};

/// How far above the first content container the lead may sit.
const LEAD_SCOPE_LEVELS: usize = 4;
/// A lead is a sentence or two, not a label and not a second body.
const MIN_LEAD_CHARS: u32 = 50;
const MAX_LEAD_CHARS: u32 = 1200;

/// Is an element's class or id a lead's? Words are split on
/// non-alphanumerics: `teaser-text`, `p.lead`, `texto-bajada`, `field-perex`.
pub fn is_lead_class(class_id: &str) -> bool {
    class_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| {
            matches!(
                w,
                "lead"
                    | "intro"
                    | "introtext"
                    | "teaser"
                    | "standfirst"
                    | "chapo"
                    | "chapeau"
                    | "perex"
                    | "bajada"
                    | "entradilla"
                    | "sapo"
            )
        })
}

fn is_lead_element(dom: &Dom, i: NodeIx) -> bool {
    dom.element(i)
        .is_some_and(|el| is_lead_class(el.class_and_id()))
}

/// The lead element nearest before the first content container, inside one
/// of its close ancestors, when it reads as prose: not removed, not link
/// text, and ending like a sentence.
pub fn find_lead(
    dom: &Dom,
    removed: &[bool],
    stats: &TextStats,
    roots: &[NodeIx],
) -> Option<NodeIx> {
    let first = *roots.first()?;
    if dom.ancestors(first).any(|a| is_lead_element(dom, a)) {
        return None;
    }
    let scope = dom
        .ancestors(first)
        .take_while(|&a| !matches!(dom.tag(a), "body" | "html" | ""))
        .take(LEAD_SCOPE_LEVELS)
        .last()?;
    // The last lead element that closes before the content starts; linear
    // in the scope's size.
    let mut found = None;
    let mut i = scope + 1;
    while i < first {
        if removed[i] {
            i = dom.nodes[i].end;
            continue;
        }
        if dom.nodes[i].end <= first && is_lead_element(dom, i) {
            found = Some(i);
            i = dom.nodes[i].end;
            continue;
        }
        if is_outside_lead_scope(dom, i) {
            i = dom.nodes[i].end;
            continue;
        }
        i += 1;
    }
    found.filter(|&l| reads_as_lead(dom, stats, l))
}

/// A declared description shorter than this is a label or a site slogan,
/// not the article's first sentences.
const MIN_DESCRIPTION_CHARS: usize = 80;
/// How much of the description a block must open with: descriptions are
/// often the lead cut short ("…"), so only their opening is compared.
const DESCRIPTION_KEY_CHARS: usize = 60;

/// The page's declared summary (`description`, `og:description`,
/// `twitter:description`), whitespace collapsed and lower-cased, cut to its
/// opening words: a key that the article's lead opens with.
fn description_key(dom: &Dom) -> Option<String> {
    let desc = dom.elements_named("meta").find_map(|i| {
        let name = dom.attr(i, "name").or_else(|| dom.attr(i, "property"))?;
        matches!(
            name.to_ascii_lowercase().as_str(),
            "description" | "og:description" | "twitter:description"
        )
        .then(|| dom.attr(i, "content"))
        .flatten()
        .filter(|c| c.chars().count() >= MIN_DESCRIPTION_CHARS)
    })?;
    Some(opening(desc, DESCRIPTION_KEY_CHARS))
}

/// The first words of `text` (whitespace collapsed, lower case) up to at
/// least `chars` characters.
fn opening(text: &str, chars: usize) -> String {
    let mut out = String::new();
    for w in text.split_whitespace() {
        if out.chars().count() >= chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// The article's lead as the page declares it: when no lead box is found
/// by class, a paragraph outside the content containers that opens with
/// the page's meta description. sonntag-sachsen.de (tfe-dev t0879) and
/// fina news on schwimmverband.at (t0363) describe the page with its first
/// paragraph, which sits outside the container that won the scoring.
/// Nothing when the body already holds the description's opening.
pub fn declared_lead(
    dom: &Dom,
    removed: &[bool],
    stats: &TextStats,
    roots: &[NodeIx],
) -> Option<NodeIx> {
    let key = description_key(dom)?;
    let in_roots = |i: NodeIx| roots.iter().any(|&r| dom.is_within(i, r));
    let mut buf = String::new();
    let mut i = 0;
    while i < dom.len() {
        if removed[i] {
            i = dom.nodes[i].end;
            continue;
        }
        let leaf_block = dom.element(i).is_some()
            && super::hints::is_block_tag(dom.tag(i))
            && !stats.has_block[i]
            && stats.chars[i] >= MIN_LEAD_CHARS;
        if leaf_block {
            dom.text_into(i, &mut buf);
            if opening(&buf, DESCRIPTION_KEY_CHARS) == key {
                // A dek in the article's header, a byline box or a
                // subheading is no body text in news gold (AEB's).
                let in_header = std::iter::once(i)
                    .chain(dom.ancestors(i))
                    .any(|a| is_outside_lead_scope(dom, a));
                let heading = matches!(dom.tag(i), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                    || beside_headline(dom, i);
                return (!in_roots(i) && !in_header && !heading && reads_as_lead(dom, stats, i))
                    .then_some(i);
            }
            i = dom.nodes[i].end;
            continue;
        }
        i += 1;
    }
    None
}

/// Whether `i` shares its parent with the page's headline (`<h1>`): then
/// it is the article header's dek — `p.article-heading-des` beside the
/// headline on aljazeera.com (AEB 7916ecca…) — not the body's lead.
fn beside_headline(dom: &Dom, i: NodeIx) -> bool {
    dom.nodes[i]
        .parent
        .is_some_and(|p| (p + 1..dom.nodes[p].end).any(|j| dom.tag(j) == "h1"))
}

/// A page or article `<header>` (its dek is no body text in news gold
/// such as AEB's) and byline boxes hold no lead to add.
fn is_outside_lead_scope(dom: &Dom, i: NodeIx) -> bool {
    let Some(el) = dom.element(i) else {
        return false;
    };
    el.tag() == "header" || el.class_and_id().contains("byline")
}

fn reads_as_lead(dom: &Dom, stats: &TextStats, i: NodeIx) -> bool {
    let chars = stats.chars[i];
    if !(MIN_LEAD_CHARS..=MAX_LEAD_CHARS).contains(&chars) || stats.link_density(i) > 0.2 {
        return false;
    }
    let text = dom.text(i);
    let text = text.trim_end();
    text.ends_with(['.', '!', '?', '…', '"', '“', '”', '»', ')'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_class_words() {
        assert!(is_lead_class("teaser-text"));
        assert!(is_lead_class("a-lead"));
        assert!(is_lead_class("texto-bajada"));
        assert!(is_lead_class("field field-perex"));
        assert!(!is_lead_class("leader-board"));
        assert!(!is_lead_class("article-body"));
    }
}
