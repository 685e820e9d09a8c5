//! Which article (or outside outlet) a story started from, and why.
//!
//! The order of evidence, strongest first:
//! 1. a member names another member's outlet as its source (a credit line or
//!    a copyright line kept), or links to it;
//! 2. most members credit one outlet that is not in the corpus (a wire
//!    service, typically): the origin is that outlet, outside the corpus;
//! 3. the earliest date, when it is earlier than every other member's date
//!    beyond the dates' precision. Otherwise the origin is undetermined:
//!    people publish "X copied Y" on our word, so a tie is not broken by guess.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate};
use reprint_extract::{FieldSource, Sourced};
use serde::{Deserialize, Serialize};

use crate::outlet::{same_outlet, wire_service};
use crate::story::{host_of, TracedArticle};

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

pub fn find_origin(group: &[&TracedArticle]) -> Origin {
    if let Some(o) = origin_by_declaration(group) {
        return o;
    }
    if let Some(o) = origin_outside(group) {
        return o;
    }
    origin_by_date(group)
}

/// Step 1: a member credits or links to another member.
fn origin_by_declaration(group: &[&TracedArticle]) -> Option<Origin> {
    let mut votes: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for m in group {
        // A credit line, or a copyright line kept from another outlet, points
        // to that outlet.
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
            for o in group.iter().filter(|o| o.key != m.key) {
                let Some(outlet) = o.outlet() else { continue };
                let own = m.outlet();
                if same_outlet(named, &outlet)
                    && !own.as_deref().is_some_and(|own| same_outlet(own, &outlet))
                {
                    votes
                        .entry(o.key)
                        .or_default()
                        .push(format!("{} credits {}: \"{}\"", m.id, outlet, evidence));
                }
            }
        }
        for link in &m.article.links {
            for o in group.iter().filter(|o| o.key != m.key) {
                if o.url.as_deref().is_some_and(|u| same_url(u, link)) {
                    votes
                        .entry(o.key)
                        .or_default()
                        .push(format!("{} links to {}", m.id, link));
                }
            }
        }
    }
    let best = votes.values().map(Vec::len).max()?;
    let winners: Vec<(&i64, &Vec<String>)> =
        votes.iter().filter(|(_, v)| v.len() == best).collect();
    if winners.len() != 1 {
        return None;
    }
    let (key, evidence) = winners[0];
    let others_voting = votes.len() - 1;
    Some(Origin::Article {
        key: *key,
        confidence: if others_voting == 0 { 0.9 } else { 0.7 },
        evidence: evidence.clone(),
    })
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

/// Step 2: most members credit an outlet none of them is.
fn origin_outside(group: &[&TracedArticle]) -> Option<Origin> {
    let mut credited: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in group {
        let mut seen_here: Vec<String> = Vec::new();
        let names = m
            .article
            .declared_sources
            .iter()
            .map(|s| (s.outlet.clone(), s.evidence.clone()))
            .chain(m.article.byline.iter().filter_map(|b| {
                wire_service(&b.value).map(|_| (b.value.clone(), format!("byline \"{}\"", b.value)))
            }));
        for (outlet, evidence) in names {
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
    if in_corpus || evidence.len() * 2 < n {
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
        confidence: 0.9 * evidence.len() as f32 / n as f32,
        outlet,
        evidence: lines,
    })
}

/// A point in time known to lie within `[earliest, latest]` (Unix seconds).
#[derive(Debug, Clone, Copy, PartialEq)]
struct When {
    earliest: i64,
    latest: i64,
    confidence: f32,
}

/// Reads an ISO date or timestamp. A bare date could be in any time zone, so
/// it stands for the whole span of that calendar day anywhere on earth.
fn parse_when(s: &str, confidence: f32) -> Option<When> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        let t = t.timestamp();
        return Some(When {
            earliest: t,
            latest: t,
            confidence,
        });
    }
    let day = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    let start = day.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
    Some(When {
        earliest: start - 14 * 3600,
        latest: start + 24 * 3600 + 12 * 3600,
        confidence: confidence * 0.9,
    })
}

fn date_confidence(s: FieldSource) -> f32 {
    match s {
        FieldSource::JsonLd | FieldSource::OpenGraph | FieldSource::Meta => 0.9,
        FieldSource::Microdata | FieldSource::Input => 0.85,
        FieldSource::Visible => 0.75,
        FieldSource::Url | FieldSource::TitleTag => 0.6,
    }
}

/// The member's best date and a description of it for evidence.
fn dated(m: &TracedArticle) -> Option<(When, String)> {
    let published = m
        .article
        .published
        .as_ref()
        .and_then(|p: &Sourced<String>| {
            let w = parse_when(
                &p.value,
                date_confidence(p.source).min(p.confidence.max(0.5)),
            )?;
            Some((
                w,
                format!("{} published {} ({})", m.id, p.value, source_name(p.source)),
            ))
        });
    // First-seen time only bounds publication from above, so it is weak.
    published.or_else(|| {
        let f = m.fetched.as_deref()?;
        Some((
            parse_when(f, 0.4)?,
            format!("{} first seen {} (fetch time)", m.id, f),
        ))
    })
}

fn source_name(s: FieldSource) -> &'static str {
    match s {
        FieldSource::JsonLd => "JSON-LD",
        FieldSource::OpenGraph => "OpenGraph",
        FieldSource::Meta => "meta tag",
        FieldSource::Microdata => "microdata",
        FieldSource::Visible => "on the page",
        FieldSource::TitleTag => "title",
        FieldSource::Url => "URL",
        FieldSource::Input => "input",
    }
}

/// Step 3: the earliest member, when it is clearly earliest.
fn origin_by_date(group: &[&TracedArticle]) -> Origin {
    let mut dates: Vec<(&TracedArticle, When, String)> = group
        .iter()
        .filter_map(|m| dated(m).map(|(w, e)| (*m, w, e)))
        .collect();
    dates.sort_by_key(|(_, w, _)| (w.earliest, w.latest));
    let undated: Vec<String> = group
        .iter()
        .filter(|m| dated(m).is_none())
        .map(|m| format!("{} has no date", m.id))
        .collect();
    let Some((first, when, evidence)) = dates.first() else {
        return Origin::Undetermined {
            evidence: vec!["no member has a publication or fetch date".into()],
        };
    };
    if !undated.is_empty() {
        let mut e = vec![format!(
            "earliest dated member is {}, but some members have no date",
            first.id
        )];
        e.extend(undated);
        return Origin::Undetermined { evidence: e };
    }
    if let Some((second, w2, e2)) = dates.get(1) {
        if w2.earliest <= when.latest {
            return Origin::Undetermined {
                evidence: vec![
                    format!("{} and {} cannot be ordered by date", first.id, second.id),
                    evidence.clone(),
                    e2.clone(),
                ],
            };
        }
    }
    let mut e = vec![format!("earliest date in the story: {evidence}")];
    e.extend(
        dates
            .iter()
            .skip(1)
            .take(3)
            .map(|(_, _, d)| format!("later: {d}")),
    );
    Origin::Article {
        key: first.key,
        confidence: when.confidence,
        evidence: e,
    }
}

/// The host of the origin article, for link checks.
pub fn origin_host(a: &TracedArticle) -> Option<String> {
    a.url.as_deref().and_then(host_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_date_covers_the_whole_day_everywhere() {
        let d = parse_when("2015-07-03", 1.0).unwrap();
        let t = parse_when("2015-07-03T23:00:00-05:00", 1.0).unwrap();
        assert!(d.earliest <= t.earliest && t.latest <= d.latest);
        assert!(parse_when("July 3", 1.0).is_none());
    }
}
