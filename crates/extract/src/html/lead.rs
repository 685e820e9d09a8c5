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
