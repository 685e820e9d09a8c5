//! Dates as news pages print them ("July 04, 2015", "3 July 2015",
//! "Sept. 26, 2016", "2015-07-04"), read into ISO `YYYY-MM-DD`.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

const MONTH: &str = r"(?P<m>january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";

/// "3 July 2015", "3rd Jul. 2015".
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+(?P<y>(?:19|20)\d{{2}})(?-u:\b)"
    ))
    .expect("valid regex")
});
/// "July 04, 2015", "Sept. 26 2016".
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){MONTH}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})(?-u:\b)"
    ))
    .expect("valid regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?:(?-u:\b)|T)")
        .expect("valid regex")
});
/// Month and day without a year, as in wire datelines ("May 31", "Sept. 26").
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^{MONTH}\.?\s+(?P<d>\d{{1,2}})$")).expect("valid regex")
});
/// What may surround a date on a date-only line: weekday, time, zone, "Updated".
static DATE_LINE_REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:published|updated|posted)(?: on)?:?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?|at|\d{1,2}:\d{2}(?::\d{2})?|[ap]\.?m\.?|utc|gmt|[ecmp][sd]t|et|pt|bst|cest|cet|[\s,/|·•–—-])*$",
    )
    .expect("valid regex")
});

/// A date found in text: the date and the byte range it occupied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Found {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

impl Found {
    pub fn iso(&self) -> String {
        self.date.format("%Y-%m-%d").to_string()
    }
}

/// The earliest date written anywhere in `text`.
pub(crate) fn find(text: &str) -> Option<Found> {
    [&*DAY_MONTH_YEAR, &*MONTH_DAY_YEAR, &*ISO]
        .iter()
        .filter_map(|re| {
            re.captures_iter(text)
                .find_map(|c| found(&c, c.get(0)?.start(), c.get(0)?.end()))
        })
        .min_by_key(|f| f.start)
}

/// The date when `text` is nothing but a date (allowing weekday, time and
/// "Updated" around it): "Thursday, May 30, 2019 20:09".
pub(crate) fn date_line(text: &str) -> Option<Found> {
    let found = find(text)?;
    let rest = format!("{} {}", text.get(..found.start)?, text.get(found.end..)?);
    DATE_LINE_REST.is_match(rest.trim()).then_some(found)
}

/// "May 31" completed with a year taken from elsewhere (the page's date).
pub(crate) fn month_day(text: &str, year: i32) -> Option<NaiveDate> {
    let c = MONTH_DAY.captures(text.trim())?;
    NaiveDate::from_ymd_opt(year, month_number(&c["m"])?, c["d"].parse().ok()?)
}

/// True when text starts like a date, so it cannot be an outlet name.
pub(crate) fn starts_with_month(text: &str) -> bool {
    let word: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    word.len() >= 3 && month_number(&word).is_some()
}

fn found(c: &regex::Captures, start: usize, end: usize) -> Option<Found> {
    let m = c.name("m")?.as_str();
    let month = m.parse().ok().or_else(|| month_number(m))?;
    let date = NaiveDate::from_ymd_opt(c["y"].parse().ok()?, month, c["d"].parse().ok()?)?;
    Some(Found { date, start, end })
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_ascii_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let by_prefix = names
        .iter()
        .position(|n| *n == name || name == "sept" && *n == "sep");
    let by_full = full.iter().position(|n| *n == name);
    by_full
        .or(by_prefix)
        .and_then(|i| u32::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        find(s).map(|f| f.iso())
    }

    #[test]
    fn formats_seen_on_news_pages() {
        assert_eq!(
            iso("Global Research, July 04, 2015").as_deref(),
            Some("2015-07-04")
        );
        assert_eq!(
            iso("[Sputnik](#) 3 July 2015").as_deref(),
            Some("2015-07-03")
        );
        assert_eq!(iso("Sept. 26, 2016").as_deref(), Some("2016-09-26"));
        assert_eq!(iso("on 2019-05-31T10:00").as_deref(), Some("2019-05-31"));
        assert_eq!(iso("February 30, 2015"), None);
        assert_eq!(iso("May be 2015"), None);
    }

    #[test]
    fn date_only_lines() {
        assert!(date_line("May 31, 2019, 9:52 PM UTC").is_some());
        assert!(date_line("Thursday, May 30, 2019 20:09").is_some());
        assert!(date_line("Updated 1:45 pm, Friday, June 1, 2018").is_some());
        assert!(date_line("The vote on May 30, 2019 was close").is_none());
    }

    #[test]
    fn month_day_with_year() {
        assert_eq!(
            month_day("Sept. 26", 2016),
            NaiveDate::from_ymd_opt(2016, 9, 26)
        );
        assert!(starts_with_month("May 30 at 10:25 p.m."));
        assert!(!starts_with_month("Mayday"));
    }
}
