//! What a member's dates say about when it was published, as an interval of
//! instants ([`reprint_time::Interval`]) with how far to trust it: parsed
//! once per member, in the story's [`crate::context::Evidence`].
//!
//! A publication date gives the interval it can mean (a day: that whole day
//! in any zone). An "Updated" time and the fetch time bound publication from
//! above. Two publication dates on one page that disagree (a visible date a
//! year before the structured one) are both kept: the page's date is then
//! somewhere between them, and weak evidence.

use reprint_extract::FieldSource;
use reprint_time::{Interval, Precision, Timestamp};

use crate::member::TracedArticle;

/// A member's date evidence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dating {
    /// The instants its publication can be at.
    pub interval: Interval,
    /// True when a publication date was read (not only upper bounds).
    pub published: bool,
    /// How far the dates are trusted (0–1).
    pub confidence: f32,
    /// Dates on the page that disagree, quoted: its date evidence is weak.
    pub conflict: Option<String>,
    /// The calendar day of publication as the page prints it (local to the
    /// page), when one publication date was read without a conflict.
    pub day: Option<chrono::NaiveDate>,
    /// The dates as evidence lines say them ("p1 published 2016-03-01 (JSON-LD)").
    pub evidence: String,
}

impl Dating {
    /// Every instant `self` can mean is before every instant `other` can.
    pub fn before(&self, other: &Dating) -> bool {
        self.interval.before(&other.interval)
    }
}

fn source_confidence(s: FieldSource) -> f32 {
    match s {
        FieldSource::JsonLd | FieldSource::OpenGraph | FieldSource::Meta => 0.9,
        FieldSource::Microdata | FieldSource::Input => 0.85,
        FieldSource::Visible => 0.75,
        FieldSource::Url | FieldSource::TitleTag => 0.6,
    }
}

/// Below this, a conflicting page's dates decide nothing alone (under
/// [`crate::credit::MIN_ORIGIN_CONFIDENCE`]: no accusation rests on them).
const CONFLICT_CONFIDENCE: f32 = 0.45;

/// Reads a member's dates. None when it has none at all (no publication,
/// update or fetch time).
pub(crate) fn dating(m: &TracedArticle) -> Option<Dating> {
    let a = &m.article;
    let published = a
        .published
        .as_ref()
        .and_then(|p| Some((Timestamp::parse(&p.value)?, p.source, p.confidence)));
    let other = a
        .other_published
        .as_ref()
        .and_then(|p| Some((Timestamp::parse(&p.value)?, p.source)));
    let updated = a
        .modified
        .as_ref()
        .and_then(|p| Some((Timestamp::parse(&p.value)?, p.source)));
    let fetched = m.fetched.as_deref().and_then(Timestamp::parse);
    // Upper bounds: the page existed by its update and by its fetch.
    let mut bound = Interval::ALL;
    let mut bounds = Vec::new();
    if let Some((u, s)) = &updated {
        bound.hi = bound.hi.min(u.interval().hi);
        bounds.push(format!("updated {u} ({})", s.label()));
    }
    if let Some(f) = &fetched {
        bound.hi = bound.hi.min(f.interval().hi);
        bounds.push(format!("first seen {f} (fetch time)"));
    }
    let Some((p, source, given)) = published else {
        if bound == Interval::ALL {
            return None;
        }
        return Some(Dating {
            interval: bound,
            published: false,
            confidence: 0.4,
            conflict: None,
            day: None,
            evidence: format!("{} has no publication date; {}", m.id, bounds.join(", ")),
        });
    };
    let mut confidence = source_confidence(source).min(given.max(0.5));
    if p.precision() < Precision::Instant {
        confidence *= 0.9;
    }
    let mut interval = p.interval();
    let mut evidence = format!("{} published {} ({})", m.id, p, source.label());
    let mut conflict = None;
    if let Some((o, s)) = other {
        interval = interval.hull(&o.interval());
        conflict = Some(format!(
            "{} shows two publication dates that disagree: {} ({}) and {} ({})",
            m.id,
            p,
            source.label(),
            o,
            s.label()
        ));
        evidence = format!("{evidence}, also {o} ({})", s.label());
    }
    match interval.intersect(&bound) {
        Some(i) => interval = i,
        None => {
            // Published after it was fetched or updated: the date is wrong,
            // only the bound holds.
            conflict = Some(format!(
                "{} is dated {} but was {}",
                m.id,
                p,
                bounds.join(", ")
            ));
            interval = bound;
        }
    }
    if conflict.is_some() {
        confidence = confidence.min(CONFLICT_CONFIDENCE);
    }
    Some(Dating {
        interval,
        published: true,
        confidence,
        day: p.day().filter(|_| conflict.is_none()),
        conflict,
        evidence,
    })
}
