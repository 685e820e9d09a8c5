//! Chains, hop by hop: which page each copy took its text from (the origin,
//! or another copy acting as a proxy), its credit to that page, and where
//! along the way the origin's credit was lost.
//!
//! A copy's source, strongest evidence first:
//! 1. a member it credits or links to (a proxy before the origin: a copy
//!    naming both took the text from the proxy, which kept the origin's name);
//! 2. a proxy whose site furniture it carries, or whose paragraph it stops
//!    short inside ([`crate::direction`]);
//! 3. a member whose own distinctive edits to the origin's text (an inserted
//!    paragraph, an altered quote, a changed name or number) it carries,
//!    when that member is upstream: its edits are a strict part of the
//!    copy's, or it is dated first;
//! 4. otherwise the origin itself (named by a direction signal when there is one).

use std::collections::{BTreeMap, BTreeSet};

use crate::change::{Change, ChangeKind};
use crate::context::Evidence;
use crate::direction::{Direction, Signal};
use crate::member::TracedArticle;
use crate::origin::{credits_to, Origin};
pub use crate::report::{CreditLoss, Hop};

/// The member each copy took its text from (None: the outside origin), with
/// the reason. Undetermined origins have no chains.
pub(crate) fn sources(
    group: &[&TracedArticle],
    origin: &Origin,
    changed: &BTreeMap<i64, Vec<Change>>,
    ctx: &Evidence,
) -> BTreeMap<i64, (Option<i64>, String)> {
    let root = match origin {
        Origin::Article { key, .. } => Some(*key),
        Origin::External { .. } => None,
        Origin::Undetermined { .. } => return BTreeMap::new(),
    };
    let signals = &ctx.signals;
    let mut parent: BTreeMap<i64, (Option<i64>, String)> = group
        .iter()
        .filter(|c| Some(c.key) != root)
        .map(|c| (c.key, source_of(c, group, root, changed, signals, ctx)))
        .collect();
    break_cycles(&mut parent, root);
    parent
}

fn source_of(
    copy: &TracedArticle,
    group: &[&TracedArticle],
    root: Option<i64>,
    changed: &BTreeMap<i64, Vec<Change>>,
    signals: &[Direction],
    ctx: &Evidence,
) -> (Option<i64>, String) {
    let credited: Vec<(&TracedArticle, Vec<String>)> = group
        .iter()
        .filter(|o| o.key != copy.key)
        .map(|o| (*o, credits_to(copy, o)))
        .filter(|(_, e)| !e.is_empty())
        .collect();
    // A proxy it credits comes before the origin it may also name.
    let proxy = credited.iter().find(|(o, _)| Some(o.key) != root);
    if let Some((o, e)) = proxy.or_else(|| credited.first()) {
        return (Some(o.key), e[0].clone());
    }
    // A signal to a proxy names it; one to the origin says less (an
    // excerpt of a proxy is also cut from the origin), so the proxy's
    // edits carried are asked first.
    let mine: Vec<&Direction> = signals.iter().filter(|d| d.copy == copy.key).collect();
    // A cut-off text names its source only when one page has the paragraph whole.
    let cut_from: Vec<&&Direction> = mine
        .iter()
        .filter(|d| d.kind == Signal::Truncation)
        .collect();
    let named = mine
        .iter()
        .filter(|d| d.kind == Signal::Furniture || cut_from.len() == 1)
        .find(|d| Some(d.source) != root);
    if let Some(d) = named {
        return (Some(d.source), d.evidence.clone());
    }
    if let Some((p, why)) = inherited(copy, group, root, changed, ctx) {
        return (Some(p), why);
    }
    if let Some(d) = mine.iter().find(|d| Some(d.source) == root) {
        return (Some(d.source), d.evidence.clone());
    }
    let via = if root.is_some() {
        "no sign of an intermediate copy: taken from the origin"
    } else {
        "no sign of an intermediate copy: taken from the wire"
    };
    (root, via.to_string())
}

/// Edits specific enough that two sites would not make them alike by chance
/// (a cut or a new headline prefix could be), leaving out those in origin
/// paragraphs `other` cut: a copy that dropped a paragraph dropped the edits
/// in it too, which says nothing about who copied whom.
fn distinctive<'a>(changes: &'a [Change], other: &[Change]) -> BTreeSet<(ChangeKind, &'a str)> {
    let cut: BTreeSet<usize> = other
        .iter()
        .filter(|c| c.kind == ChangeKind::ParagraphCut)
        .filter_map(|c| c.origin_paragraph)
        .collect();
    changes
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                ChangeKind::ParagraphInserted
                    | ChangeKind::QuoteAltered
                    | ChangeKind::QuoteShortened
                    | ChangeKind::SpeakerChanged
                    | ChangeKind::EntityChanged
                    | ChangeKind::NumberChanged
            )
        })
        .filter(|c| !c.origin_paragraph.is_some_and(|p| cut.contains(&p)))
        .map(|c| (c.kind, c.detail.as_str()))
        .collect()
}

/// The member whose distinctive edits to the origin the copy carries: one
/// shared edit is evidence enough (two sites do not put the same words in a
/// quote, or the same paragraph in, by chance). The direction: the member
/// whose edits are a strict part of the other's is upstream; otherwise the
/// one dated first. The member sharing the most edits wins (in a chain
/// origin → A → B → copy, B carries A's edits and its own).
fn inherited(
    copy: &TracedArticle,
    group: &[&TracedArticle],
    root: Option<i64>,
    changed: &BTreeMap<i64, Vec<Change>>,
    ctx: &Evidence,
) -> Option<(i64, String)> {
    let none: Vec<Change> = Vec::new();
    let of = |k: i64| changed.get(&k).unwrap_or(&none);
    let mut best: Option<(usize, i64, String)> = None;
    for p in group
        .iter()
        .filter(|p| p.key != copy.key && Some(p.key) != root)
    {
        let mine = distinctive(of(copy.key), of(p.key));
        let theirs = distinctive(of(p.key), of(copy.key));
        let shared: Vec<&(ChangeKind, &str)> = theirs.intersection(&mine).collect();
        if shared.is_empty() || best.as_ref().is_some_and(|b| shared.len() <= b.0) {
            continue;
        }
        let upstream = if theirs.is_subset(&mine) != mine.is_subset(&theirs) {
            theirs.is_subset(&mine)
        } else {
            ctx.dated_first(p.key, copy.key)
        };
        if !upstream {
            continue;
        }
        let (kind, detail) = shared[0];
        let kind = serde_json::to_value(kind).ok()?;
        let why = format!(
            "{} carries {} of the {} edits {} made to the origin's text (e.g. {}: {})",
            copy.id,
            shared.len(),
            theirs.len(),
            p.id,
            kind.as_str().unwrap_or("change"),
            detail
        );
        best = Some((shared.len(), p.key, why));
    }
    best.map(|(_, k, why)| (k, why))
}

/// A copy credited back by its own source (a credits b, b credits a) would
/// make a loop; such a copy is taken from the origin instead.
fn break_cycles(parent: &mut BTreeMap<i64, (Option<i64>, String)>, root: Option<i64>) {
    let keys: Vec<i64> = parent.keys().copied().collect();
    for k in keys {
        let mut seen = BTreeSet::from([k]);
        let mut cur = parent.get(&k).and_then(|p| p.0);
        while let Some(c) = cur.filter(|c| Some(*c) != root) {
            if !seen.insert(c) {
                parent.insert(
                    k,
                    (
                        root,
                        "its credits go round in a loop: taken from the origin".into(),
                    ),
                );
                break;
            }
            cur = parent.get(&c).and_then(|p| p.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::{trace_story, Link};
    use reprint_extract::{Article, FieldSource, Place, Sourced};
    use reprint_match::ReuseKind;

    const BODY: [&str; 4] = [
        "The council voted on Tuesday to keep the old river plant open through the winter months ahead.",
        "The plant employs about two hundred people and heats most homes on the east side of the river.",
        "Opponents argued the money would be better spent on insulation for older homes in the district.",
        "The council meets again in March to decide how the plant should be paid for by the town.",
    ];
    const EXTRA: &str =
        "A new paragraph about the weather this week that the proxy added to the text it took.";

    fn page(key: i64, site: &str, day: &str, paragraphs: &[&str]) -> TracedArticle {
        TracedArticle {
            key,
            id: format!("{site}-{key}"),
            url: Some(format!("https://{site}.example/{key}")),
            fetched: None,
            article: Article {
                site: Some(Sourced::new(site.into(), FieldSource::Input, 0.9)),
                published: Some(Sourced::new(day.into(), FieldSource::JsonLd, 0.9)),
                paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
                // The whole article region read: a copy without credit
                // there is uncredited.
                places_read: vec![Place::Header, Place::AfterBody],
                ..Article::default()
            },
        }
    }

    fn linked(keys: &[i64]) -> Vec<Link> {
        let mut out = Vec::new();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                out.push(Link {
                    a: *a,
                    b: *b,
                    kind: ReuseKind::Copy,
                    shared_a: 0.9,
                    shared_b: 0.9,
                });
            }
        }
        out
    }

    #[test]
    fn a_copy_carrying_a_proxys_insert_took_the_text_from_the_proxy() {
        let origin = page(1, "harbor", "2016-03-01", &BODY);
        let with_extra = [BODY[0], EXTRA, BODY[1], BODY[2], BODY[3]];
        // Days three apart: a day is that whole day in any zone, so days
        // closer than that do not order two pages.
        let proxy = page(2, "perspective", "2016-03-04", &with_extra);
        let altered = BODY[1].replace("two hundred", "three hundred");
        let copy = page(
            3,
            "civic",
            "2016-03-07",
            &[BODY[0], EXTRA, &altered, BODY[2], BODY[3]],
        );
        let direct = page(4, "valley", "2016-03-04", &BODY);
        let story = trace_story(&[&origin, &proxy, &copy, &direct], &linked(&[1, 2, 3, 4]));
        assert_eq!(story.origin.article_key(), Some(1), "{:?}", story.origin);
        let from = |k: i64| {
            story
                .copies
                .iter()
                .find(|c| c.key == k)
                .unwrap()
                .source
                .clone()
                .unwrap()
        };
        assert_eq!(from(3).from, Some(2), "{}", from(3).via);
        assert!(
            from(3).via.contains("carries 1 of the 1 edits"),
            "{}",
            from(3).via
        );
        assert_eq!(from(2).from, Some(1));
        assert_eq!(from(4).from, Some(1));
        let chain: Vec<i64> = story.chain(3).iter().map(|c| c.key).collect();
        assert_eq!(chain, [2, 3]);
        // No one credits anyone: the origin's name is lost at the first hop.
        let name = |k: Option<i64>| format!("#{}", k.unwrap_or(0));
        let loss = story.credit_loss(3, &name).unwrap();
        assert_eq!(loss.hop, 0);
        assert!(
            loss.detail.starts_with("#2 took the text from #1"),
            "{}",
            loss.detail
        );
    }

    #[test]
    fn credits_that_go_round_in_a_loop_fall_back_to_the_origin() {
        let mut parent = BTreeMap::from([
            (2, (Some(3), "credits 3".to_string())),
            (3, (Some(2), "credits 2".to_string())),
            (4, (Some(3), "credits 3".to_string())),
        ]);
        break_cycles(&mut parent, Some(1));
        assert_eq!(parent[&2].0, Some(1), "the first of the loop is cut");
        assert_eq!(parent[&3].0, Some(2));
        assert_eq!(parent[&4].0, Some(3));
    }
}
