//! How a page shows its dates, and what those dates honestly say.
//!
//! A page may show an instant with its zone, a local time without one, a
//! day only, only an "Updated" time, nothing, a consistently wrong date, or
//! two dates that disagree (the visible date against the structured one,
//! a year apart). The truth reads each page's dates the way a careful reader
//! must — as an interval that surely holds the publication time when the
//! page is honest — and orders two pages by dates only where their
//! intervals do not overlap ([`dates_decide`]).

use super::DAY;

/// The date case a page falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DateCase {
    /// Publication instant with its zone (or an ISO offset).
    Instant,
    /// Publication time in local wall-clock time, no zone printed.
    LocalInstant,
    /// Publication day only.
    Day,
    /// Only an "Updated" time (after publication).
    UpdatedOnly,
    /// No date at all.
    Missing,
    /// A wrong date, shown consistently (a few days early).
    Stale,
    /// The visible date is a year off; the structured date is true.
    VisibleOff,
    /// The structured date (JSON-LD, meta) is a year off; the visible one is true.
    StructuredOff,
}

impl DateCase {
    /// Every case, for diversity checks.
    pub const ALL: [DateCase; 8] = [
        DateCase::Instant,
        DateCase::LocalInstant,
        DateCase::Day,
        DateCase::UpdatedOnly,
        DateCase::Missing,
        DateCase::Stale,
        DateCase::VisibleOff,
        DateCase::StructuredOff,
    ];

    /// Kebab-case name for reports.
    pub fn name(self) -> &'static str {
        match self {
            DateCase::Instant => "instant",
            DateCase::LocalInstant => "local-instant",
            DateCase::Day => "day",
            DateCase::UpdatedOnly => "updated-only",
            DateCase::Missing => "missing",
            DateCase::Stale => "stale",
            DateCase::VisibleOff => "visible-off",
            DateCase::StructuredOff => "structured-off",
        }
    }
}

/// How precisely a shown publication time is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Minute, with the zone (a label or an offset).
    Minute,
    /// Minute of local wall-clock time, without the zone.
    LocalMinute,
    /// Day, in the site's local calendar.
    Day,
}

/// The dates a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateDisplay {
    pub case: DateCase,
    pub precision: Precision,
    /// The publication time printed in the page's text (Unix seconds).
    pub visible: Option<i64>,
    /// The publication time in structured places: JSON-LD, meta tags,
    /// `<time datetime>`, the URL path.
    pub structured: Option<i64>,
    /// The "Updated" time shown, if any.
    pub updated: Option<i64>,
    /// The site's offset from UTC, in minutes (what local times are in).
    pub offset_minutes: i32,
}

/// Where the zone can be, west to east: a local time or day without a zone
/// holds for any offset from UTC−12 to UTC+14.
const MOST_WEST: i64 = 12 * 3600;
const MOST_EAST: i64 = 14 * 3600;

/// An interval of Unix seconds that holds the publication time; `lo` None
/// is "any time before `hi`".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub lo: Option<i64>,
    pub hi: i64,
}

impl Interval {
    /// True when every time in `self` is before every time in `later`.
    pub fn before(&self, later: &Interval) -> bool {
        later.lo.is_some_and(|lo| self.hi < lo)
    }
}

impl DateDisplay {
    /// The interval a claim "published at `t`" printed at this precision
    /// gives, without knowing the zone when none is printed.
    fn claim(&self, t: i64) -> (i64, i64) {
        let offset = i64::from(self.offset_minutes) * 60;
        match self.precision {
            Precision::Minute => (t, t + 59),
            Precision::LocalMinute => {
                let local = t + offset;
                (local - MOST_EAST, local + MOST_WEST + 59)
            }
            Precision::Day => {
                let local_day = (t + offset).div_euclid(DAY) * DAY;
                (local_day - MOST_EAST, local_day + DAY - 1 + MOST_WEST)
            }
        }
    }

    /// What the page's dates honestly say about its publication time, given
    /// that it was fetched at `fetched`: the claims it makes (a claim after
    /// the fetch is impossible and dropped; claims that disagree widen the
    /// interval to both), an "Updated" time as an upper bound, and the fetch
    /// as an upper bound. Also whether the page misleads (a stale date: its
    /// claims are consistent and wrong, so no reader could know).
    pub fn interval(&self, fetched: i64) -> (Interval, bool) {
        let claims: Vec<(i64, i64)> = [self.visible, self.structured]
            .into_iter()
            .flatten()
            .map(|t| self.claim(t))
            .filter(|(lo, _)| *lo <= fetched)
            .collect();
        let mut hi = fetched;
        if let Some(u) = self.updated {
            hi = hi.min(u + 59);
        }
        let interval = if claims.is_empty() {
            Interval { lo: None, hi }
        } else {
            let lo = claims.iter().map(|c| c.0).min().unwrap_or(hi);
            let top = claims.iter().map(|c| c.1).max().unwrap_or(hi);
            Interval {
                lo: Some(lo),
                hi: top.min(hi),
            }
        };
        (interval, self.case == DateCase::Stale)
    }
}

/// The dates decide the origin when no page misleads and the origin's
/// interval ends before every copy's begins.
pub fn dates_decide(origin: (Interval, bool), copies: &[(Interval, bool)]) -> bool {
    !origin.1 && copies.iter().all(|c| !c.1 && origin.0.before(&c.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_457_000_000; // 2016-03-03T10:13:20Z

    fn display(case: DateCase, precision: Precision, visible: Option<i64>) -> DateDisplay {
        DateDisplay {
            case,
            precision,
            visible,
            structured: visible,
            updated: None,
            offset_minutes: -300,
        }
    }

    #[test]
    fn a_day_without_a_zone_spans_every_zone() {
        let d = display(DateCase::Day, Precision::Day, Some(T));
        let (i, misleading) = d.interval(T + 10 * DAY);
        assert!(!misleading);
        let lo = i.lo.unwrap();
        assert!(lo <= T && T <= i.hi);
        assert!(i.hi - lo > DAY + 20 * 3600, "{}", i.hi - lo);
        // Two pages a day apart, each showing its day, do not decide.
        let next = display(DateCase::Day, Precision::Day, Some(T + DAY));
        assert!(!i.before(&next.interval(T + 10 * DAY).0));
        let later = display(DateCase::Day, Precision::Day, Some(T + 3 * DAY));
        assert!(i.before(&later.interval(T + 10 * DAY).0));
    }

    #[test]
    fn an_impossible_claim_is_dropped_and_disagreeing_claims_widen() {
        let mut d = display(DateCase::VisibleOff, Precision::Minute, Some(T - 365 * DAY));
        d.structured = Some(T);
        let (i, _) = d.interval(T + DAY);
        assert_eq!(i.lo, Some(T - 365 * DAY));
        let mut future = display(DateCase::StructuredOff, Precision::Minute, Some(T));
        future.structured = Some(T + 365 * DAY);
        let (i, _) = future.interval(T + DAY);
        assert_eq!((i.lo, i.hi), (Some(T), T + 59));
    }

    #[test]
    fn updated_only_and_missing_are_upper_bounds() {
        let mut d = display(DateCase::UpdatedOnly, Precision::Minute, None);
        d.updated = Some(T);
        assert_eq!(
            d.interval(T + DAY).0,
            Interval {
                lo: None,
                hi: T + 59
            }
        );
        let m = display(DateCase::Missing, Precision::Day, None);
        assert_eq!(m.interval(T).0, Interval { lo: None, hi: T });
    }
}
