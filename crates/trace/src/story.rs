//! Stories: groups of articles joined by shared text, with an origin and a
//! credit verdict for every copy.

use std::collections::{BTreeMap, HashMap};

use reprint_match::ReuseKind;

use crate::chain::sources;
use crate::changes::{changes, changes_in_story, Change};
use crate::context::Evidence;
use crate::credit::{judge_credit, CreditVerdict};
pub use crate::member::{host_of, outlet_name, Link, TracedArticle};
use crate::origin::{find_origin, Origin};
use crate::report::Hop;
pub use crate::report::{CopyReport, Story};

/// Groups articles into stories (connected components of `links`) and traces
/// each one. Articles without links are not stories.
pub fn build_stories(articles: &[TracedArticle], links: &[Link]) -> Vec<Story> {
    let by_key: HashMap<i64, &TracedArticle> = articles.iter().map(|a| (a.key, a)).collect();
    components(links)
        .into_iter()
        .filter_map(|members| {
            let group: Vec<&TracedArticle> = members
                .iter()
                .filter_map(|k| by_key.get(k).copied())
                .collect();
            (group.len() >= 2).then(|| trace_story(&group, links))
        })
        .collect()
}

/// Traces one story whose members are known.
pub fn trace_story(group: &[&TracedArticle], links: &[Link]) -> Story {
    let mut members: Vec<i64> = group.iter().map(|a| a.key).collect();
    members.sort_unstable();
    let ctx = Evidence::of(group);
    let origin = find_origin(group, &ctx);
    let origin_key = origin.article_key();
    let origin_article = origin_key.and_then(|k| group.iter().find(|a| a.key == k).copied());
    let copies: Vec<&TracedArticle> = group
        .iter()
        .copied()
        .filter(|a| Some(a.key) != origin_key)
        .collect();
    // Every copy's changes first: a copy's source is found from the others'.
    // What a page says of any member's outlet is no edit.
    let outlets: Vec<String> = group.iter().filter_map(|a| a.outlet()).collect();
    let outlets: Vec<&str> = outlets.iter().map(String::as_str).collect();
    let mut changed: BTreeMap<i64, Vec<Change>> = copies
        .iter()
        .map(|c| {
            let found = origin_article
                .map(|o| changes_in_story(&o.article, &c.article, &outlets))
                .unwrap_or_default();
            (c.key, found)
        })
        .collect();
    let mut parents = sources(group, &origin, &changed, &ctx);
    let traced = Traced {
        group,
        origin: &origin,
        origin_article,
    };
    let copies = copies
        .into_iter()
        .map(|copy| {
            let changed = changed.remove(&copy.key).unwrap_or_default();
            let parent = parents.remove(&copy.key);
            let share = share_with(copy.key, origin_key, links);
            traced.report(copy, share, changed, parent)
        })
        .collect();
    Story {
        members,
        origin,
        copies,
    }
}

/// What judging a copy needs of its story.
struct Traced<'a> {
    group: &'a [&'a TracedArticle],
    origin: &'a Origin,
    origin_article: Option<&'a TracedArticle>,
}

impl Traced<'_> {
    /// A copy's verdict against the origin, and the hop into it from
    /// `parent` (its source and why), judged against that source.
    fn report(
        &self,
        copy: &TracedArticle,
        (shared, kind): (f32, ReuseKind),
        changed: Vec<Change>,
        parent: Option<(Option<i64>, String)>,
    ) -> CopyReport {
        let (credit, evidence) = judge_credit(
            copy,
            self.origin,
            self.origin_article,
            text_changed(&changed),
        );
        let source = parent.map(|(from, via)| {
            let proxy = from
                .filter(|f| Some(*f) != self.origin.article_key())
                .and_then(|f| self.group.iter().find(|a| a.key == f).copied());
            // From the origin itself, the hop's verdict is the copy's.
            let (credit, evidence) = match proxy {
                Some(p) => judge_hop(copy, p, self.origin),
                None => (credit, evidence.clone()),
            };
            Hop {
                from,
                via,
                credit,
                evidence,
            }
        });
        CopyReport {
            key: copy.key,
            shared,
            kind,
            credit,
            evidence,
            changes: changed,
            source,
        }
    }
}

/// A copy's credit to the proxy it took the text from, judged as if the
/// proxy were the origin (its terms, its name, its address), with the
/// story's origin confidence: a doubtful story accuses no one.
fn judge_hop(
    copy: &TracedArticle,
    proxy: &TracedArticle,
    origin: &Origin,
) -> (CreditVerdict, Vec<String>) {
    let as_origin = Origin::Article {
        key: proxy.key,
        confidence: origin.confidence(),
        evidence: Vec::new(),
    };
    let changed = text_changed(&changes(&proxy.article, &copy.article));
    judge_credit(copy, &as_origin, Some(proxy), changed)
}

/// True when the body text itself was changed (not only the headline).
pub fn text_changed(changes: &[Change]) -> bool {
    changes.iter().any(|c| {
        !matches!(
            c.kind,
            crate::changes::ChangeKind::HeadlineChanged | crate::changes::ChangeKind::KickerAdded
        )
    })
}

/// The copy's share of text in the origin, or its best link when there is no
/// direct link to an origin article.
fn share_with(copy: i64, origin: Option<i64>, links: &[Link]) -> (f32, ReuseKind) {
    let of_copy = |l: &Link| -> Option<(i64, f32, ReuseKind)> {
        if l.a == copy {
            Some((l.b, l.shared_a, l.kind))
        } else if l.b == copy {
            Some((l.a, l.shared_b, l.kind))
        } else {
            None
        }
    };
    let mine: Vec<(i64, f32, ReuseKind)> = links.iter().filter_map(of_copy).collect();
    if let Some(direct) = origin.and_then(|o| mine.iter().find(|(other, _, _)| *other == o)) {
        return (direct.1, direct.2);
    }
    mine.iter()
        .max_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(_, s, k)| (*s, *k))
        .unwrap_or((0.0, ReuseKind::Partial))
}

/// Connected components of the link graph, each sorted, in order of their
/// smallest key.
pub fn components(links: &[Link]) -> Vec<Vec<i64>> {
    let mut parent: HashMap<i64, i64> = HashMap::new();
    fn find(parent: &mut HashMap<i64, i64>, x: i64) -> i64 {
        let mut root = x;
        while let Some(&p) = parent.get(&root) {
            if p == root {
                break;
            }
            root = p;
        }
        // Path compression keeps later look-ups short.
        let mut cur = x;
        while cur != root {
            let next = parent.get(&cur).copied().unwrap_or(root);
            parent.insert(cur, root);
            cur = next;
        }
        root
    }
    for l in links {
        parent.entry(l.a).or_insert(l.a);
        parent.entry(l.b).or_insert(l.b);
        let (ra, rb) = (find(&mut parent, l.a), find(&mut parent, l.b));
        if ra != rb {
            // The smaller key becomes the root, so a story keeps its anchor.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent.insert(hi, lo);
        }
    }
    let keys: Vec<i64> = parent.keys().copied().collect();
    let mut groups: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for k in keys {
        let r = find(&mut parent, k);
        groups.entry(r).or_default().push(k);
    }
    groups
        .into_values()
        .map(|mut g| {
            g.sort_unstable();
            g
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(a: i64, b: i64) -> Link {
        Link {
            a,
            b,
            kind: ReuseKind::Copy,
            shared_a: 0.9,
            shared_b: 0.9,
        }
    }

    #[test]
    fn components_join_chains_and_keep_the_smallest_key_first() {
        let c = components(&[link(5, 3), link(3, 9), link(1, 2)]);
        assert_eq!(c, vec![vec![1, 2], vec![3, 5, 9]]);
    }

    #[test]
    fn host_of_strips_scheme_port_and_www() {
        assert_eq!(
            host_of("https://www.globalresearch.ca:443/x?y").as_deref(),
            Some("globalresearch.ca")
        );
        assert_eq!(host_of("not a url"), None);
    }
}
