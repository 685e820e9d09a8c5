//! reprint-time: one timestamp type for every date reprint reads.
//!
//! A page's date is rarely an instant: "2016-03-08" is a calendar day in a
//! zone the page does not name, "2016-03-08T10:00:00" a wall-clock time in
//! one, "March 2016" a month. Ordering two pages by such dates is only
//! honest where the instants they can mean do not overlap, so a
//! [`Timestamp`] is parsed once, at the edge, into the text as written (kept
//! for evidence and for the stored and served shapes, which stay strings)
//! and the [`Interval`] of UTC instants it can mean.
//!
//! Zones run from UTC−12 to UTC+14, so a local day D covers the instants
//! from D 00:00 UTC − 14 h to D+1 00:00 UTC + 12 h; a local time without a
//! zone, the time − 14 h to the time + 12 h.

#![deny(missing_docs)]

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The easternmost zone's offset (UTC+14, Kiribati), in seconds.
const EAST: i64 = 14 * 3600;
/// The westernmost zone's offset (UTC−12), in seconds.
const WEST: i64 = 12 * 3600;

/// How precisely a timestamp names its moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A year ("2016").
    Year,
    /// A month ("2016-03").
    Month,
    /// A calendar day, in a zone not given ("2016-03-08").
    Day,
    /// A wall-clock time without a zone ("2016-03-08T10:00:00").
    LocalTime,
    /// An instant: a time with its offset ("2016-03-08T10:00:00+01:00").
    Instant,
}

impl Precision {
    /// How evidence names the precision ("a day", "an instant").
    pub fn label(self) -> &'static str {
        match self {
            Precision::Year => "a year",
            Precision::Month => "a month",
            Precision::Day => "a day",
            Precision::LocalTime => "a time without its zone",
            Precision::Instant => "an instant",
        }
    }
}

/// A span of UTC instants, in seconds since the epoch: `lo` inclusive, `hi`
/// exclusive. An unbounded side is `i64::MIN` or `i64::MAX` (a fetch time
/// bounds publication from above only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    /// The earliest instant meant.
    pub lo: i64,
    /// Just after the latest instant meant.
    pub hi: i64,
}

impl Interval {
    /// Every instant.
    pub const ALL: Interval = Interval {
        lo: i64::MIN,
        hi: i64::MAX,
    };

    /// The instants up to (not including) `hi`.
    pub fn until(hi: i64) -> Interval {
        Interval { lo: i64::MIN, hi }
    }

    /// True when every instant of `self` is before every instant of
    /// `other`: the only order dates can honestly give.
    pub fn before(&self, other: &Interval) -> bool {
        self.hi <= other.lo
    }

    /// True when the two share an instant (neither is before the other).
    pub fn overlaps(&self, other: &Interval) -> bool {
        !self.before(other) && !other.before(self)
    }

    /// The smallest interval holding both.
    pub fn hull(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }

    /// The instants in both; None when they share none.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        let i = Interval {
            lo: self.lo.max(other.lo),
            hi: self.hi.min(other.hi),
        };
        (i.lo < i.hi).then_some(i)
    }

    /// True when the start is known (not only an upper bound).
    pub fn has_start(&self) -> bool {
        self.lo != i64::MIN
    }

    /// The length in seconds (`i64::MAX` when unbounded).
    pub fn width(&self) -> i64 {
        self.hi.saturating_sub(self.lo)
    }
}

/// A date or time as a page or an input gave it: the text as written and
/// what it can mean. Serialized as its text, so stored and served shapes
/// are the strings they were.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    text: String,
    precision: Precision,
    interval: Interval,
    day: Option<NaiveDate>,
}

impl Timestamp {
    /// Reads an ISO 8601 / RFC 3339 date or time as extraction and inputs
    /// write them: `2016-03-08T10:00:00+01:00` (or `Z`, or `+0100`),
    /// `2016-03-08T10:00:00` and `2016-03-08 10:00` (no zone),
    /// `2016-03-08`, `2016-03`, `2016`. Anything else is None: the edge
    /// that reads a page's own formats normalises them first.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let text = s.trim();
        let (precision, interval, day) = read(text)?;
        Some(Timestamp {
            text: text.to_string(),
            precision,
            interval,
            day,
        })
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// How precisely it names its moment.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The UTC instants it can mean.
    pub fn interval(&self) -> Interval {
        self.interval
    }

    /// The calendar day as written (local to the page), for a day, a local
    /// time or an instant; None for a month or a year.
    pub fn day(&self) -> Option<NaiveDate> {
        self.day
    }

    /// The instant in seconds, when it names one.
    pub fn instant(&self) -> Option<i64> {
        (self.precision == Precision::Instant).then_some(self.interval.lo)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date or time: {text:?}")))
    }
}

/// The interval of a local day: from its midnight at UTC+14 to the next
/// midnight at UTC−12.
fn day_interval(day: NaiveDate, days: i64) -> Interval {
    let start = day.and_time(NaiveTime::MIN).and_utc().timestamp();
    Interval {
        lo: start - EAST,
        hi: start + days * 86_400 + WEST,
    }
}

fn read(s: &str) -> Option<(Precision, Interval, Option<NaiveDate>)> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        let at = t.timestamp();
        return Some((
            Precision::Instant,
            Interval { lo: at, hi: at + 1 },
            Some(t.date_naive()),
        ));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%:z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            let at = t.timestamp();
            return Some((
                Precision::Instant,
                Interval { lo: at, hi: at + 1 },
                Some(t.date_naive()),
            ));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            let at = t.and_utc().timestamp();
            return Some((
                Precision::LocalTime,
                Interval {
                    lo: at - EAST,
                    hi: at + 1 + WEST,
                },
                Some(t.date()),
            ));
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some((Precision::Day, day_interval(day, 1), Some(day)));
    }
    let parts: Vec<&str> = s.split('-').collect();
    fn number<T: std::str::FromStr>(p: &str) -> Option<T> {
        p.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| p.parse().ok())?
    }
    match parts[..] {
        [y, m] if y.len() == 4 && m.len() == 2 => {
            let (y, m): (i32, u32) = (number(y)?, number(m)?);
            let first = NaiveDate::from_ymd_opt(y, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            let days = (next - first).num_days();
            Some((Precision::Month, day_interval(first, days), None))
        }
        [y] if y.len() == 4 => {
            let y: i32 = number(y)?;
            let first = NaiveDate::from_ymd_opt(y, 1, 1)?;
            let days = if NaiveDate::from_ymd_opt(y, 2, 29).is_some() {
                366
            } else {
                365
            };
            debug_assert_eq!(first.year(), y);
            Some((Precision::Year, day_interval(first, days), None))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn precisions_are_read_from_the_form() {
        assert_eq!(
            t("2015-07-03T23:00:00-05:00").precision(),
            Precision::Instant
        );
        assert_eq!(t("2015-07-03T23:00:00Z").precision(), Precision::Instant);
        assert_eq!(
            t("2015-07-03T23:00:00+0200").precision(),
            Precision::Instant
        );
        assert_eq!(t("2015-07-03T23:00:00").precision(), Precision::LocalTime);
        assert_eq!(t("2015-07-03").precision(), Precision::Day);
        assert_eq!(t("2015-07").precision(), Precision::Month);
        assert_eq!(t("2015").precision(), Precision::Year);
        for bad in [
            "July 3",
            "",
            "2015-13-01",
            "2015-7",
            "20150703x",
            "tomorrow",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_day_and_a_time_on_it_cannot_be_ordered() {
        let day = t("2015-07-03").interval();
        let evening = t("2015-07-03T23:00:00-05:00").interval();
        let morning_utc = t("2015-07-03T06:00:00Z").interval();
        assert!(day.overlaps(&evening) && day.overlaps(&morning_utc));
        // The next day's UTC+14 midnight comes before this day's UTC−12 end.
        assert!(day.overlaps(&t("2015-07-04").interval()));
        // Two days apart, a UTC−12 day still meets a UTC+14 one; three: ordered.
        assert!(day.overlaps(&t("2015-07-05").interval()));
        assert!(day.before(&t("2015-07-06").interval()));
        // Instants order by the instant, whatever their zones.
        let later = t("2015-07-04T04:30:00Z").interval();
        assert!(evening.before(&later));
        assert!(!later.before(&evening));
    }

    #[test]
    fn a_local_time_spans_every_zone() {
        let local = t("2015-07-03T12:00:00").interval();
        assert!(local.overlaps(&t("2015-07-03T00:00:00Z").interval()));
        assert!(local.overlaps(&t("2015-07-03T23:59:00Z").interval()));
        assert!(t("2015-07-02T21:00:00Z").interval().before(&local));
    }

    #[test]
    fn months_and_years_cover_their_days() {
        let march = t("2016-03").interval();
        assert!(march.overlaps(&t("2016-03-31").interval()));
        assert!(march.before(&t("2016-04-03").interval()));
        let y = t("2016").interval();
        assert!(y.overlaps(&t("2016-12-31T23:00:00Z").interval()));
        assert!(t("2015-12-29").interval().before(&y));
    }

    #[test]
    fn intervals_combine() {
        let a = t("2016-03-01").interval();
        let b = t("2016-03-10").interval();
        let h = a.hull(&b);
        assert!(h.overlaps(&a) && h.overlaps(&b));
        assert!(a.intersect(&b).is_none());
        let until = Interval::until(t("2016-03-01T12:00:00Z").interval().hi);
        assert!(!until.has_start());
        assert!(a.intersect(&until).is_some());
    }

    #[test]
    fn serialized_as_written() {
        let s = t("2015-07-03T23:00:00-05:00");
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, "\"2015-07-03T23:00:00-05:00\"");
        let back: Timestamp = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert!(serde_json::from_str::<Timestamp>("\"someday\"").is_err());
        assert_eq!(s.to_string(), "2015-07-03T23:00:00-05:00");
        assert_eq!(t(" 2015-07-03 ").as_str(), "2015-07-03");
    }
}
