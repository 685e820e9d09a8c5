//! Which article (or outside outlet) a story started from, and why.
//!
//! The order of evidence, strongest first:
//! 1. a member names another member's outlet as its source (a credit line or
//!    a copyright line kept), links to it, or names its page as canonical — followed on through direction
//!    signals (a credited proxy whose text shows it copied another member);
//! 2. most members credit one outlet that is not in the corpus, or any
//!    member credits a wire service that is not: the origin is that outlet,
//!    outside the corpus;
//! 3. direction signals in the text ([`crate::direction`]: a member carrying
//!    another's site furniture, or cut off inside a paragraph another has
//!    whole) leading to one member, when every member they do not reach is
//!    dated clearly after it;
//! 4. the earliest date, when it is earlier than every other member's date
//!    beyond the dates' precision, and no direction signal says that member
//!    copied another. Otherwise the origin is undetermined: people publish
//!    "X copied Y" on our word, so a tie or a conflict is not broken by guess.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::context::Evidence;
use crate::direction::{Direction, Signal};
use crate::member::{host_of, TracedArticle};
use crate::mention::{weak_mention, Spellings};
use crate::outlet::{same_outlet, wire_service};

/// The verdict on a story's origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Origin {
    /// A member of the story is the origin.
    Article {
        key: i64,
        confidence: f32,
        evidence: Vec<String>,
    },
    /// The text comes from an outlet that is not in the corpus.
    External {
        outlet: String,
        confidence: f32,
        evidence: Vec<String>,
    },
    /// The evidence does not decide it.
    Undetermined { evidence: Vec<String> },
}

impl Origin {
    pub fn article_key(&self) -> Option<i64> {
        match self {
            Origin::Article { key, .. } => Some(*key),
            _ => None,
        }
    }

    pub fn evidence(&self) -> &[String] {
        match self {
            Origin::Article { evidence, .. }
            | Origin::External { evidence, .. }
            | Origin::Undetermined { evidence } => evidence,
        }
    }

    pub fn confidence(&self) -> f32 {
        match self {
            Origin::Article { confidence, .. } | Origin::External { confidence, .. } => *confidence,
            Origin::Undetermined { .. } => 0.0,
        }
    }
}

/// The story's origin, from the evidence read once for the story.
pub(crate) fn find_origin(group: &[&TracedArticle], ctx: &Evidence) -> Origin {
    let signals = &ctx.signals;
    if let Some(o) = origin_by_declaration(group, signals, ctx) {
        return o;
    }
    if let Some(o) = origin_outside(group) {
        return o;
    }
    origin_by_direction(group, ctx).unwrap_or_else(|| origin_by_date(group, ctx))
}

/// Step 3: direction signals leading to a root (a source that copies no
/// one), with every member they do not reach dated clearly after it. Where
/// signals lead to several roots (an excerpt of a proxy is cut from the
/// origin too), the one root that passes is the origin. A member the signals
/// call a copy but dated before the root is a conflict; when every root
/// conflicts, the text and the dates disagree and neither is taken over the
/// other: undetermined.
fn origin_by_direction(group: &[&TracedArticle], ctx: &Evidence) -> Option<Origin> {
    let signals = &ctx.signals[..];
    let copies: BTreeSet<i64> = signals.iter().map(|d| d.copy).collect();
    let roots: BTreeSet<i64> = signals
        .iter()
        .map(|d| d.source)
        .filter(|s| !copies.contains(s))
        .collect();
    let mut passed = Vec::new();
    let mut conflicts = Vec::new();
    for &root in &roots {
        match judge_root(group, ctx, root) {
            Ok(origin) => passed.push(origin),
            Err(Some(conflict)) => conflicts.push(conflict),
            Err(None) => {}
        }
    }
    if passed.len() == 1 {
        return passed.pop();
    }
    // A conflict under one root is not one under another (an excerpt dated
    // before a proxy may be cut from the origin): only when every root
    // conflicts do the text and the dates disagree.
    if passed.is_empty() && !roots.is_empty() && conflicts.len() == roots.len() {
        let mut evidence = conflicts;
        evidence.extend(signals.iter().map(|d| d.evidence.clone()));
        return Some(Origin::Undetermined { evidence });
    }
    None
}

/// The origin `root` when the signals reaching it and the dates of the
/// members they do not reach agree; else the conflict, if one, as evidence.
fn judge_root(
    group: &[&TracedArticle],
    ctx: &Evidence,
    root: i64,
) -> Result<Origin, Option<String>> {
    let signals = &ctx.signals;
    let reached = reaching(root, signals);
    let first = group.iter().find(|m| m.key == root).ok_or(None)?;
    let published = |k: i64| ctx.date(k).filter(|d| d.published);
    let dated_first = group.iter().filter(|m| reached.contains(&m.key)).find(
        |m| matches!((published(m.key), published(first.key)), (Some(w), Some(w0)) if w.before(w0)),
    );
    if let Some(m) = dated_first {
        return Err(Some(format!(
            "the text says {} copied {}, but {} is dated earlier",
            m.id, first.id, m.id
        )));
    }
    let mut evidence: Vec<String> = signals
        .iter()
        .filter(|d| reached.contains(&d.copy) && reached.contains(&d.source))
        .map(|d| d.evidence.clone())
        .collect();
    for m in group.iter().filter(|m| !reached.contains(&m.key)) {
        let (Some(w0), Some(w)) = (published(first.key), published(m.key)) else {
            return Err(None);
        };
        if !w0.before(w) {
            return Err(None);
        }
        evidence.push(format!("{}, after {}", w.evidence, w0.evidence));
    }
    Ok(Origin::Article {
        key: root,
        // Below a credit line (0.8–0.9): furniture can be pasted by hand.
        confidence: 0.75,
        evidence,
    })
}

/// The root and every member whose signals lead to it, hop by hop.
fn reaching(root: i64, signals: &[Direction]) -> BTreeSet<i64> {
    let mut reached = BTreeSet::from([root]);
    loop {
        let before = reached.len();
        for d in signals {
            if reached.contains(&d.source) {
                reached.insert(d.copy);
            }
        }
        if reached.len() == before {
            return reached;
        }
    }
}

/// Step 1: a member credits or links to another member.
/// Furniture signals join the credit edges, so that a credited proxy
/// showing another member's furniture leads on to that member. (A cut-off
/// text points to every page with the paragraph whole, not to one source.)
fn origin_by_declaration(
    group: &[&TracedArticle],
    signals: &[Direction],
    ctx: &Evidence,
) -> Option<Origin> {
    // Credit edges: target → (crediting member, evidence).
    let mut votes: BTreeMap<i64, Vec<(i64, String)>> = BTreeMap::new();
    for m in group {
        for o in group.iter().filter(|o| o.key != m.key) {
            for e in credits_to(m, o) {
                votes.entry(o.key).or_default().push((m.key, e));
            }
        }
    }
    if votes.is_empty() {
        return None;
    }
    for d in signals.iter().filter(|d| d.kind == Signal::Furniture) {
        votes
            .entry(d.source)
            .or_default()
            .push((d.copy, d.evidence.clone()));
    }
    credit_root(&votes, group, ctx)
}

/// How `m` points to `o` as its source, as evidence lines: a credit line or
/// a copyright line kept that names `o`'s outlet (unless `m` is on that
/// outlet itself), or a link to `o`'s page. Empty when it does not.
pub(crate) fn credits_to(m: &TracedArticle, o: &TracedArticle) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(outlet) = o.outlet() {
        let own = m.outlet();
        let credits = m
            .article
            .declared_sources
            .iter()
            .map(|s| (s.outlet.as_str(), s.evidence.as_str()))
            .chain(
                m.article
                    .copyright
                    .iter()
                    .filter_map(|c| Some((c.holder.as_deref()?, c.evidence.as_str()))),
            );
        for (named, evidence) in credits {
            if same_outlet(named, &outlet)
                && !own.as_deref().is_some_and(|own| same_outlet(own, &outlet))
            {
                out.push(format!("{} credits {}: \"{}\"", m.id, outlet, evidence));
            }
        }
    }
    for link in &m.article.links {
        if o.url.as_deref().is_some_and(|u| same_url(u, link)) {
            out.push(format!("{} links to {}", m.id, link));
        }
    }
    // A syndicated copy often names the original as its canonical page
    // (<link rel="canonical">): invisible to readers, so no credit, but it
    // says where the text lives. A page naming itself says nothing.
    if let (Some(canonical), Some(theirs)) = (m.article.canonical_url.as_deref(), o.url.as_deref())
    {
        let own = m.url.as_deref().is_some_and(|u| same_url(u, canonical));
        if !own && same_url(canonical, theirs) {
            out.push(format!("{} names {} as its canonical page", m.id, theirs));
        }
    }
    out
}

/// Follows credit edges to the member that is credited but credits no other
/// member: origin → proxy → aggregator chains resolve to the origin. Where
/// several members are credited roots (a copy credited its proxy, not the
/// origin), the one clearly dated before the others is the root; otherwise,
/// or for a cycle, credits decide nothing.
fn credit_root(
    votes: &BTreeMap<i64, Vec<(i64, String)>>,
    group: &[&TracedArticle],
    ctx: &Evidence,
) -> Option<Origin> {
    let crediting: BTreeSet<i64> = votes.values().flatten().map(|(voter, _)| *voter).collect();
    let sinks: Vec<i64> = votes
        .keys()
        .copied()
        .filter(|k| !crediting.contains(k))
        .collect();
    let mut evidence = Vec::new();
    let root = match sinks[..] {
        [] => return None,
        [one] => one,
        _ => {
            let first = sinks.iter().copied().find(|&k| {
                ctx.date(k).is_some_and(|d| d.conflict.is_none())
                    && sinks.iter().all(|&o| o == k || ctx.dated_before(k, o))
            });
            match first {
                Some(first) => {
                    let e = ctx
                        .date(first)
                        .map(|d| d.evidence.clone())
                        .unwrap_or_default();
                    evidence.push(format!(
                        "{} members are credited; the earliest dated: {e}",
                        sinks.len()
                    ));
                    first
                }
                None => {
                    let (one, why) = sink_left(&sinks, group)?;
                    evidence.push(format!(
                        "{} members are credited; the dates do not order them, but only {} names no other member's outlet",
                        sinks.len(),
                        group.iter().find(|m| m.key == one).map_or("", |m| m.id.as_str())
                    ));
                    evidence.extend(why);
                    one
                }
            }
        }
    };
    // Evidence: the direct credits first, then the hops that lead to them.
    evidence.extend(votes[&root].iter().map(|(_, e)| e.clone()));
    let hops = votes.len() - 1;
    for (_, edges) in votes.iter().filter(|(k, _)| **k != root) {
        for (_, e) in edges {
            evidence.push(format!("hop: {e}"));
        }
    }
    let mut confidence = if hops == 0 { 0.9 } else { 0.8 };
    if let Some(doubt) = unplaced(root, votes, group, ctx) {
        evidence.insert(0, doubt);
        confidence = UNPLACED_CONFIDENCE;
    }
    Some(Origin::Article {
        key: root,
        confidence,
        evidence,
    })
}

/// Among credited members the dates cannot order, the one left when each
/// other names another member's outlet in its own article: a proxy that
/// credited the origin in a form the extractor did not read as a credit,
/// and whose own copies credited it (issue 14: "credits and direction
/// signals decide" what the dates cannot; before this, two credited members
/// left the credits deciding nothing). Not the members' other dates: a copy
/// dated before a credited member put wrong roots first on dev seeds (a
/// stale or year-off date on a copy: 12 more wrong accusations). None unless
/// exactly one is left.
fn sink_left(sinks: &[i64], group: &[&TracedArticle]) -> Option<(i64, Vec<String>)> {
    let mut left = Vec::new();
    let mut why = Vec::new();
    for &k in sinks {
        let m = group.iter().find(|m| m.key == k)?;
        match names_member(m, group) {
            Some(named) => why.push(format!("not the origin: {named}")),
            None => left.push(k),
        }
    }
    match left[..] {
        [one] => Some((one, why)),
        _ => None,
    }
}

/// A credited root names the page a copy took its text from, which may be
/// a proxy: the origin can be another member dated before it (issue 14:
/// wrong accusations left on dev seeds judged copies against a credited
/// proxy while the true origin, dated earlier, credited no one). The
/// credit and the dates then conflict: below
/// [`crate::credit::MIN_ORIGIN_CONFIDENCE`], the root is named as the likely
/// origin and accuses no one. (A member merely undated or dated the same
/// day is no conflict: on dev seeds, weakening for those spared seven wrong
/// roots and doubted forty-five right ones.)
const UNPLACED_CONFIDENCE: f32 = 0.45;

/// Why the credited `root` may not be the origin: a member outside the
/// credit tree (crediting neither the root nor a member that leads to it),
/// crediting no other outlet and not shown to be a copy, that is dated
/// clearly before the root.
fn unplaced(
    root: i64,
    votes: &BTreeMap<i64, Vec<(i64, String)>>,
    group: &[&TracedArticle],
    ctx: &Evidence,
) -> Option<String> {
    let mut tree = BTreeSet::from([root]);
    loop {
        let before = tree.len();
        for (target, edges) in votes {
            if tree.contains(target) {
                tree.extend(edges.iter().map(|(voter, _)| *voter));
            }
        }
        if tree.len() == before {
            break;
        }
    }
    let root_id = group.iter().find(|m| m.key == root)?.id.as_str();
    let first = group
        .iter()
        .filter(|m| !tree.contains(&m.key))
        .filter(|m| ctx.dated_before(m.key, root))
        .filter(|m| !ctx.signals.iter().any(|s| s.copy == m.key))
        .filter(|m| credits_other(m).is_none())
        .min_by(|a, b| a.id.cmp(&b.id))?;
    Some(format!(
        "likely, not certain: {root_id} is credited by a copy, but {} credits no one and is dated before it, so it may be the origin",
        first.id
    ))
}

fn same_url(a: &str, b: &str) -> bool {
    let norm = |u: &str| {
        u.trim_end_matches('/')
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.")
            .to_string()
    };
    norm(a) == norm(b)
}

/// The outlets a member credits (credit lines, datelines, sign-offs, and a
/// wire service in the byline), each with the text it was read from.
fn credited_names(m: &TracedArticle) -> impl Iterator<Item = (String, String)> + '_ {
    // A source named in the running text ("according to X") is no claim
    // that the text is X's: every copy repeats it, so it would make X the
    // origin of a story that only quotes it.
    m.article
        .declared_sources
        .iter()
        .filter(|s| s.kind != reprint_extract::CreditKind::FirstReported)
        .map(|s| (s.outlet.clone(), s.evidence.clone()))
        .chain(m.article.byline.iter().filter_map(|b| {
            wire_service(&b.value).map(|_| (b.value.clone(), format!("byline \"{}\"", b.value)))
        }))
}

/// The wire service a page's text comes from, by its credits — a dateline
/// or sign-off first (the wire's own furniture), then a credit line, then a
/// byline (an agency name alone on a line may be a photo credit) — with the
/// credit as written. None when it credits no wire service.
pub fn wire_copy(m: &TracedArticle) -> Option<(&'static str, String)> {
    use reprint_extract::CreditKind;
    let rank = |kind: Option<CreditKind>| match kind {
        Some(CreditKind::Wire) => 0,
        Some(CreditKind::OriginalSource | CreditKind::Via) => 1,
        Some(CreditKind::Byline) | None => 2,
        // Filtered out below: "according to Reuters" makes no Reuters copy.
        Some(CreditKind::FirstReported) => 3,
    };
    let declared = m
        .article
        .declared_sources
        .iter()
        .filter(|s| s.kind != CreditKind::FirstReported)
        .map(|s| (Some(s.kind), s.outlet.as_str(), s.evidence.clone()));
    let byline = m
        .article
        .byline
        .iter()
        .map(|b| (None, b.value.as_str(), format!("byline \"{}\"", b.value)));
    declared
        .chain(byline)
        .filter_map(|(kind, outlet, evidence)| Some((rank(kind), wire_service(outlet)?, evidence)))
        .min_by_key(|(r, _, _)| *r)
        .map(|(_, wire, evidence)| (wire, evidence))
}

/// Step 2: most members credit an outlet none of them is.
fn origin_outside(group: &[&TracedArticle]) -> Option<Origin> {
    let mut credited: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in group {
        let mut seen_here: Vec<String> = Vec::new();
        for (outlet, evidence) in credited_names(m) {
            let canonical = wire_service(&outlet).map(str::to_string).unwrap_or(outlet);
            if seen_here.iter().any(|s| same_outlet(s, &canonical)) {
                continue;
            }
            seen_here.push(canonical.clone());
            let key = credited
                .keys()
                .find(|k| same_outlet(k, &canonical))
                .cloned()
                .unwrap_or(canonical);
            credited
                .entry(key)
                .or_default()
                .push(format!("{}: \"{}\"", m.id, evidence));
        }
    }
    let (outlet, evidence) = credited.into_iter().max_by_key(|(_, v)| v.len())?;
    let in_corpus = group
        .iter()
        .any(|m| m.outlet().is_some_and(|o| same_outlet(&o, &outlet)));
    let n = group.len();
    // Most members crediting one outside outlet decides it; so does a single
    // wire service, since agencies are the origin of the text that carries
    // their dateline and members without credit are its reprints.
    let wire = wire_service(&outlet).is_some();
    if in_corpus || (evidence.len() * 2 < n && !wire) {
        return None;
    }
    let mut lines = vec![format!(
        "{} of {} members credit {}, which is not in the corpus",
        evidence.len(),
        n,
        outlet
    )];
    lines.extend(evidence.iter().cloned());
    Some(Origin::External {
        // Half the members crediting one outside outlet is already strong
        // evidence; all of them, as strong as a credit line can be.
        confidence: 0.5 + 0.4 * evidence.len() as f32 / n as f32,
        outlet,
        evidence: lines,
    })
}

/// The first outlet other than its own that a member credits for its text
/// (a credit line, a dateline, a wire byline), with the words: a page
/// saying where its text came from is not where it started.
fn credits_other(m: &TracedArticle) -> Option<(String, String)> {
    let own = m.outlet();
    credited_names(m).find(|(named, _)| !own.as_deref().is_some_and(|o| same_outlet(o, named)))
}

/// Step 4: the one member nothing places after another. A member is not the
/// origin when another is dated clearly before it (their intervals of
/// possible instants do not overlap: a day is that whole day in any zone,
/// an update or fetch time bounds publication from above), when a direction
/// signal says it copied another member, or when it credits an outlet other
/// than its own. One member left is the origin, as sure as its dates; none
/// or several: undetermined, saying which could not be told apart.
fn origin_by_date(group: &[&TracedArticle], ctx: &Evidence) -> Origin {
    // Keyed and chosen by page id, never by store key or input order: the
    // same pages in any order give the same verdict and evidence.
    let id_of = |k: i64| group.iter().find(|m| m.key == k).map(|m| m.id.as_str());
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for m in group {
        let earlier = ctx.date(m.key).and_then(|d| {
            let o = group
                .iter()
                .filter(|o| o.key != m.key && ctx.dated_before(o.key, m.key))
                .min_by_key(|o| (ctx.date(o.key).map(|x| x.interval.lo), o.id.as_str()))?;
            Some(format!(
                "later: {}, after {}",
                d.evidence,
                ctx.date(o.key)?.evidence
            ))
        });
        let why = earlier
            .or_else(|| {
                let s = ctx
                    .signals
                    .iter()
                    .filter(|s| s.copy == m.key)
                    .min_by_key(|s| (id_of(s.source), s.evidence.as_str()))?;
                Some(format!("a copy: {}", s.evidence))
            })
            .or_else(|| {
                let (named, e) = credits_other(m)?;
                Some(format!("a copy: {} credits {named}: \"{e}\"", m.id))
            });
        if let Some(why) = why {
            out.insert(m.id.clone(), why);
        }
    }
    let mut left: Vec<&TracedArticle> = group
        .iter()
        .copied()
        .filter(|m| !out.contains_key(&m.id))
        .collect();
    left.sort_by(|a, b| a.id.cmp(&b.id));
    let date_line = |m: &TracedArticle| {
        ctx.date(m.key)
            .map(|d| d.evidence.clone())
            .unwrap_or_else(|| format!("{} has no date", m.id))
    };
    match left[..] {
        [one] => {
            let dating = ctx.date(one.key);
            let mut e = vec![format!(
                "the one member no other is dated before, nor shown to copy: {}",
                date_line(one)
            )];
            e.extend(dating.and_then(|d| d.conflict.clone()));
            e.extend(out.values().take(4).cloned());
            Origin::Article {
                key: one.key,
                // An undated page left alone is a weak origin: it may be a
                // copy whose source is not in the corpus.
                confidence: dating.filter(|d| d.published).map_or(0.4, |d| d.confidence),
                evidence: e,
            }
        }
        [] => {
            let mut e = vec!["every member is shown to be a copy or dated after another".into()];
            e.extend(out.values().cloned());
            Origin::Undetermined { evidence: e }
        }
        _ => {
            if let Some(o) = named_elsewhere(&left, group, &out) {
                return o;
            }
            if let Some(o) = leaning(&left, ctx, &out) {
                return o;
            }
            let names: Vec<&str> = left.iter().map(|m| m.id.as_str()).collect();
            let mut e = vec![format!(
                "{} cannot be ordered by their dates, and no credit or direction signal decides",
                names.join(", ")
            )];
            e.extend(left.iter().map(|m| date_line(m)));
            Origin::Undetermined { evidence: e }
        }
    }
}

/// An origin left alone because the other candidates name another
/// member's outlet in their text: weaker than a credit line, since a name
/// in the text may be there for what the story is about.
const NAMED_CONFIDENCE: f32 = 0.45;

/// Among candidates the dates cannot order, the one left when every other
/// names another member's outlet somewhere in its article (a credit line
/// the extractor did not read as one, issue 14: "Read the original at the
/// Valley Herald." kept as plain text), while it names none.
fn named_elsewhere(
    left: &[&TracedArticle],
    group: &[&TracedArticle],
    out: &BTreeMap<String, String>,
) -> Option<Origin> {
    let mut unnamed = Vec::new();
    let mut naming = Vec::new();
    for m in left {
        match names_member(m, group) {
            Some(e) => naming.push(e),
            None => unnamed.push(*m),
        }
    }
    let ([one], false) = (&unnamed[..], naming.is_empty()) else {
        return None;
    };
    let mut evidence = vec![format!(
        "likely: the other members the dates cannot order name another member's outlet; {} names none",
        one.id
    )];
    evidence.extend(naming);
    evidence.extend(out.values().take(4).cloned());
    Some(Origin::Article {
        key: one.key,
        confidence: NAMED_CONFIDENCE,
        evidence,
    })
}

/// Where `m` names the outlet of another member of the story (not its own)
/// in its byline or anywhere else in its article, as an evidence line.
fn names_member(m: &TracedArticle, group: &[&TracedArticle]) -> Option<String> {
    let own = m.outlet();
    let mut others: Vec<&&TracedArticle> = group.iter().filter(|o| o.key != m.key).collect();
    others.sort_by(|a, b| a.id.cmp(&b.id));
    others.into_iter().find_map(|o| {
        let outlet = o.outlet()?;
        if own.as_deref().is_some_and(|x| same_outlet(x, &outlet)) {
            return None;
        }
        let host = o.url.as_deref().and_then(host_of);
        let spellings = Spellings::of(std::iter::once(outlet.as_str()).chain(host.as_deref()));
        let byline = m
            .article
            .byline
            .as_ref()
            .filter(|b| spellings.named_in(&b.value))
            .map(|b| ("byline", b.value.clone()));
        let (place, snippet) = byline.or_else(|| weak_mention(m, &spellings))?;
        Some(format!(
            "{} names {} ({}) in its {place}: \"{snippet}\"",
            m.id, outlet, o.id
        ))
    })
}

/// Below [`crate::credit::MIN_ORIGIN_CONFIDENCE`]: an origin that rests on
/// dates that overlap on the same calendar day names a likely origin, and
/// accuses no one.
const LEANING_CONFIDENCE: f32 = 0.4;

/// An origin printed on an earlier calendar day than every other candidate,
/// whose intervals still overlap only through the zones' spread (a day in
/// UTC+14 begins before the previous day ends in UTC−12): ordered as the
/// pages print their days, which holds for pages in nearby zones, and said
/// to be less sure than dates that do not overlap at all.
const CALENDAR_CONFIDENCE: f32 = 0.6;

/// Among members whose dates overlap, the one whose possible instants
/// both start and end first, when every one of them has a publication date
/// without a conflict. On an earlier printed calendar day than all the
/// others it is named with [`CALENDAR_CONFIDENCE`]; on the same day (a day
/// and a time on it, issue 14) only as likely, with a confidence under
/// which no copy is called uncredited.
fn leaning(
    left: &[&TracedArticle],
    ctx: &Evidence,
    out: &BTreeMap<String, String>,
) -> Option<Origin> {
    let dated: Vec<(&TracedArticle, &crate::dating::Dating)> = left
        .iter()
        .map(|m| {
            Some((
                *m,
                ctx.date(m.key)
                    .filter(|d| d.published && d.conflict.is_none())?,
            ))
        })
        .collect::<Option<_>>()?;
    let (first, d) = dated
        .iter()
        .min_by_key(|(m, d)| (d.interval.lo, d.interval.hi, m.id.as_str()))?;
    let others = || dated.iter().filter(|(m, _)| m.key != first.key);
    let leads =
        others().all(|(_, o)| d.interval.lo < o.interval.lo && d.interval.hi < o.interval.hi);
    if !leads {
        return None;
    }
    let earlier_day = others().all(|(_, o)| matches!((d.day, o.day), (Some(a), Some(b)) if a < b));
    let names = others()
        .map(|(m, _)| m.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let head = if earlier_day {
        format!(
            "{} is dated a calendar day before {names}: their dates overlap only if the pages are in zones far apart",
            first.id
        )
    } else {
        format!(
            "likely, not certain: {} is dated first, but its dates overlap those of {names}",
            first.id
        )
    };
    let mut e = vec![head];
    e.extend(dated.iter().map(|(_, d)| d.evidence.clone()));
    e.extend(out.values().take(4).cloned());
    Some(Origin::Article {
        key: first.key,
        confidence: if earlier_day {
            CALENDAR_CONFIDENCE.min(d.confidence)
        } else {
            LEANING_CONFIDENCE
        },
        evidence: e,
    })
}

/// The host of the origin article, for link checks.
pub fn origin_host(a: &TracedArticle) -> Option<String> {
    a.url.as_deref().and_then(host_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    use reprint_extract::{Article, FieldSource, Notice, NoticeKind, Sourced};

    fn find_origin(group: &[&TracedArticle]) -> Origin {
        super::find_origin(group, &Evidence::of(group))
    }

    const P1: &str = "The minister said on Friday that the country would withdraw its six fighter jets from the coalition.";
    const P2: &str = "The jets had spent nine months flying missions over Iraq from a base in Jordan, officials said.";

    fn member(key: i64, site: &str, published: Option<&str>, furniture_of: &str) -> TracedArticle {
        TracedArticle {
            key,
            id: format!("p{key}"),
            url: None,
            fetched: None,
            article: Article {
                site: Some(Sourced::new(site.into(), FieldSource::Visible, 1.0)),
                published: published.map(|p| Sourced::new(p.into(), FieldSource::Meta, 0.9)),
                paragraphs: vec![P1.into(), P2.into()],
                notices: vec![Notice {
                    kind: NoticeKind::Subscription,
                    text: format!("Sign up for the {furniture_of} newsletter every morning."),
                    link: None,
                }],
                ..Article::default()
            },
        }
    }

    #[test]
    fn a_copy_carrying_the_origins_furniture_decides_without_dates() {
        let a = member(1, "Valley Herald", None, "Valley Herald");
        let b = member(2, "Metro Dispatch", None, "Valley Herald");
        let o = find_origin(&[&b, &a]);
        assert_eq!(o.article_key(), Some(1), "{o:?}");
        assert!(o.evidence()[0].contains("p2 carries Valley Herald's site furniture"));
    }

    #[test]
    fn a_copy_naming_another_page_as_canonical_points_to_it() {
        let mut a = member(1, "Valley Herald", None, "Valley Herald");
        a.url = Some("https://valleyherald.com/2016/jets".into());
        let mut b = member(2, "Metro Dispatch", None, "Metro Dispatch");
        b.url = Some("https://metrodispatch.com/news/jets".into());
        b.article.canonical_url = Some("https://www.valleyherald.com/2016/jets/".into());
        let o = find_origin(&[&b, &a]);
        assert_eq!(o.article_key(), Some(1), "{o:?}");
        assert!(o.evidence()[0].contains("as its canonical page"), "{o:?}");
        // Its own address as canonical: no signal, and no dates to decide.
        b.article.canonical_url = b.url.clone();
        assert!(matches!(
            find_origin(&[&b, &a]),
            Origin::Undetermined { .. }
        ));
    }

    #[test]
    fn a_member_the_signals_do_not_reach_must_be_dated_after_the_root() {
        let a = member(1, "Valley Herald", Some("2016-03-01"), "Valley Herald");
        let b = member(2, "Metro Dispatch", None, "Valley Herald");
        let c = member(3, "Harbor Times", Some("2016-03-04"), "Harbor Times");
        assert_eq!(find_origin(&[&a, &b, &c]).article_key(), Some(1));
        // Undated, or dated the same day: it could be the origin of both.
        let c = member(3, "Harbor Times", Some("2016-03-01"), "Harbor Times");
        assert!(matches!(
            find_origin(&[&a, &b, &c]),
            Origin::Undetermined { .. }
        ));
    }

    #[test]
    fn signals_and_dates_that_disagree_leave_the_origin_undetermined() {
        // The copy carries the other's furniture but is dated days earlier.
        let a = member(1, "Valley Herald", Some("2016-03-05"), "Valley Herald");
        let b = member(2, "Metro Dispatch", Some("2016-03-01"), "Valley Herald");
        let o = find_origin(&[&a, &b]);
        assert!(matches!(o, Origin::Undetermined { .. }), "{o:?}");
        assert!(o.evidence()[0].contains("dated earlier"), "{o:?}");
    }

    #[test]
    fn a_day_and_a_time_on_it_are_not_ordered_with_confidence() {
        // issue 14: one member has only a day, another a time on that day.
        let a = member(1, "Valley Herald", Some("2016-03-01"), "Valley Herald");
        let b = member(
            2,
            "Metro Dispatch",
            Some("2016-03-01T20:00:00Z"),
            "Metro Dispatch",
        );
        let o = find_origin(&[&a, &b]);
        assert!(
            o.confidence() < crate::credit::MIN_ORIGIN_CONFIDENCE,
            "{o:?}"
        );
        // Three days apart, the day is clearly first.
        let b = member(
            2,
            "Metro Dispatch",
            Some("2016-03-04T20:00:00Z"),
            "Metro Dispatch",
        );
        let o = find_origin(&[&a, &b]);
        assert_eq!(o.article_key(), Some(1), "{o:?}");
        assert!(
            o.confidence() >= crate::credit::MIN_ORIGIN_CONFIDENCE,
            "{o:?}"
        );
    }

    #[test]
    fn an_update_or_fetch_time_bounds_publication_from_above() {
        // An "Updated" time alone: the page was out by then, before the
        // other was published.
        let mut a = member(1, "Valley Herald", None, "Valley Herald");
        a.article.modified = Some(Sourced::new(
            "2016-03-01T08:00:00Z".into(),
            FieldSource::Visible,
            0.75,
        ));
        let b = member(
            2,
            "Metro Dispatch",
            Some("2016-03-05T09:00:00Z"),
            "Metro Dispatch",
        );
        let o = find_origin(&[&a, &b]);
        assert_eq!(o.article_key(), Some(1), "{o:?}");
        // A fetch time after the other's publication decides nothing.
        let mut a = member(1, "Valley Herald", None, "Valley Herald");
        a.fetched = Some("2016-03-09T08:00:00Z".into());
        let o = find_origin(&[&a, &b]);
        assert!(matches!(o, Origin::Undetermined { .. }), "{o:?}");
    }

    #[test]
    fn dates_that_disagree_on_one_page_weaken_it() {
        // issue 14: a visible date a year before the page's structured date
        // made that page "the earliest".
        let mut a = member(1, "Valley Herald", Some("2015-03-06"), "Valley Herald");
        a.article.other_published = Some(Sourced::new(
            "2016-03-06T10:00:00Z".into(),
            FieldSource::JsonLd,
            0.9,
        ));
        let b = member(
            2,
            "Metro Dispatch",
            Some("2016-03-02T10:00:00Z"),
            "Metro Dispatch",
        );
        let o = find_origin(&[&a, &b]);
        assert_ne!(o.article_key(), Some(1), "{o:?}");
    }

    fn crediting(mut m: TracedArticle, outlet: &str) -> TracedArticle {
        m.article
            .declared_sources
            .push(reprint_extract::DeclaredSource {
                outlet: outlet.into(),
                kind: reprint_extract::CreditKind::OriginalSource,
                evidence: format!("This story first appeared in {outlet}."),
                ..Default::default()
            });
        m
    }

    #[test]
    fn of_two_credited_members_the_one_naming_the_other_is_not_the_origin() {
        // The proxy names the origin in a line not read as a credit; each
        // has a copy crediting it, and no dates order them.
        let a = member(1, "Valley Herald", None, "Valley Herald");
        let mut p = member(2, "Metro Dispatch", None, "Metro Dispatch");
        p.article
            .paragraphs
            .push("THE VALLEY HERALD HAD THIS STORY FIRST.".into());
        let c1 = crediting(
            member(3, "Harbor Times", None, "Harbor Times"),
            "Valley Herald",
        );
        let c2 = crediting(
            member(4, "Harbor Gazette", None, "Harbor Gazette"),
            "Metro Dispatch",
        );
        let o = find_origin(&[&a, &p, &c1, &c2]);
        assert_eq!(o.article_key(), Some(1), "{o:?}");
        assert!(o.evidence()[0].contains("2 members are credited"), "{o:?}");
        assert!(o.confidence() >= crate::credit::MIN_ORIGIN_CONFIDENCE);
        // Naming no one, the two stay apart.
        p.article.paragraphs.pop();
        let o = find_origin(&[&a, &p, &c1, &c2]);
        assert_ne!(o.article_key(), Some(1), "{o:?}");
    }

    #[test]
    fn a_member_crediting_another_outlet_is_not_the_origin() {
        let a = member(1, "Valley Herald", Some("2016-03-01"), "Valley Herald");
        let mut b = member(2, "Metro Dispatch", Some("2016-03-01"), "Metro Dispatch");
        b.article
            .declared_sources
            .push(reprint_extract::DeclaredSource {
                outlet: "Harbor Times".into(),
                date: None,
                link: None,
                kind: reprint_extract::CreditKind::OriginalSource,
                evidence: "This story first appeared in the Harbor Times.".into(),
                place: None,
            });
        // Not half the members: no outside origin.
        let c = member(3, "Harbor Gazette", Some("2016-03-05"), "Harbor Gazette");
        let o = find_origin(&[&a, &b, &c]);
        assert_eq!(o.article_key(), Some(1), "{o:?}");
        assert!(
            o.evidence()
                .iter()
                .any(|e| e.contains("credits Harbor Times")),
            "{o:?}"
        );
    }
}
