//! Reading dates as pages print them and normalising them to ISO 8601,
//! keeping the time and zone when the source gives them.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;

/// Normalises a machine-readable date (`datetime=`, meta, JSON-LD):
/// `2019-05-31T10:00:00+02:00`, `2019-05-31 10:00:00`, `20190531`,
/// RFC 2822… Returns `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` or the same with
/// its offset.
pub fn normalise(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return plausible(dt.date_naive()).then(|| dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return plausible(dt.date_naive()).then(|| dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%:z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return plausible(dt.date_naive())
                .then(|| dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
        }
    }
    let zulu = s.trim_end_matches('Z').trim_end_matches(" UTC");
    let zone = if zulu.len() < s.len() { "+00:00" } else { "" };
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(zulu, fmt) {
            return plausible(dt.date())
                .then(|| format!("{}{zone}", dt.format("%Y-%m-%dT%H:%M:%S")));
        }
    }
    // Leading date with anything after it ("2019-05-31T10:00:00.000+0200 EST").
    static LEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s_])").expect("date regex")
    });
    if let Some(c) = LEADING.captures(s) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    visible(s)
}

/// A date written for people: "May 31, 2019", "31 May 2019", "31. Mai 2019",
/// "31.05.2019", "2019/05/31". Day-first is assumed for numeric dates with
/// dots, as in Europe.
pub fn visible(text: &str) -> Option<String> {
    static ISO: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b").expect("iso"));
    static DMY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b").expect("dmy"));
    static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b([a-zäéû]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
            .expect("mdy")
    });
    static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?([a-zäéûç]{3,10})\.?,?\s+(?:de\s+)?(\d{4})\b")
            .expect("dmy words")
    });
    if let Some(c) = ISO.captures(text) {
        if let Some(d) = ymd(&c[1], &c[2], &c[3]) {
            return Some(d);
        }
    }
    if let Some(c) = DMY.captures(text) {
        if let Some(d) = ymd(&c[3], &c[2], &c[1]) {
            return Some(d);
        }
    }
    if let Some(c) = MONTH_FIRST.captures(text) {
        if let Some(m) = month_number(&c[1]) {
            if let Some(d) = ymd(&c[3], &m.to_string(), &c[2]) {
                return Some(d);
            }
        }
    }
    if let Some(c) = DAY_FIRST.captures(text) {
        if let Some(m) = month_number(&c[2]) {
            return ymd(&c[3], &m.to_string(), &c[1]);
        }
    }
    None
}

/// Which number comes first in an all-numeric date such as "02/10/2020".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOrder {
    DayFirst,
    MonthFirst,
}

impl DayOrder {
    /// US English writes the month first; British English (msn.com/en-gb,
    /// tfe-dev t0785) and most other locales the day.
    pub fn for_language(lang: Option<&str>) -> DayOrder {
        match lang.map(str::to_ascii_lowercase).as_deref() {
            Some("en-us") => DayOrder::MonthFirst,
            _ => DayOrder::DayFirst,
        }
    }
}

/// A date line printed next to a headline: the day, and the time of day
/// when the line gives one ("19. Oktober 2019 00:04 Uhr").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    pub day: NaiveDate,
    pub time: Option<NaiveTime>,
    /// The other reading of a slashed date whose day could be its month
    /// ("11/01/2021" in the US order on motor.at, tfe-dev t0308).
    pub swapped: Option<NaiveDate>,
}

/// Reads a short date line: the forms of [`visible`], plus those only safe
/// where a line is nothing but a date: a two-digit year ("28.01.22",
/// meininger.de, tfe-dev t0772) and slashes in the page's day order
/// ("17/02/2022", for-me-online.de, t0646).
pub fn dateline(text: &str, order: DayOrder) -> Option<Dateline> {
    let time = time_of_day(text);
    if let Some(day) = visible(text).and_then(|d| day_of(&d)) {
        return Some(Dateline {
            day,
            time,
            swapped: None,
        });
    }
    if let Some((day, swapped)) = slashed(text, order) {
        return Some(Dateline { day, time, swapped });
    }
    // "26 | 01 | 2022" (petri-heil.ch, tfe-dev t0818).
    static PIPED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(\d{1,2})\s*\|\s*(\d{1,2})\s*\|\s*((?:19|20)\d{2})\b").expect("piped date")
    });
    static SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\w.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?:$|[^\w.])").expect("dd.mm.yy")
    });
    let day = match PIPED.captures(text) {
        Some(c) => ymd(&c[3], &c[2], &c[1]),
        None => {
            let c = SHORT_YEAR.captures(text)?;
            ymd(&format!("20{}", &c[3]), &c[2], &c[1])
        }
    };
    let day = day_of(&day?)?;
    Some(Dateline {
        day,
        time,
        swapped: None,
    })
}

/// "17/02/2022" read in `order` unless only the other order makes a date,
/// with the other reading when both do.
fn slashed(text: &str, order: DayOrder) -> Option<(NaiveDate, Option<NaiveDate>)> {
    static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b").expect("slashed date")
    });
    let c = SLASHED.captures(text)?;
    let (first, second) = (&c[1], &c[2]);
    let day_first = ymd(&c[3], second, first).and_then(|d| day_of(&d));
    let month_first = ymd(&c[3], first, second).and_then(|d| day_of(&d));
    let (preferred, other) = match order {
        DayOrder::DayFirst => (day_first, month_first),
        DayOrder::MonthFirst => (month_first, day_first),
    };
    match preferred {
        Some(p) => Some((p, other.filter(|o| *o != p))),
        None => other.map(|o| (o, None)),
    }
}

/// The time of day in a date line ("00:04 Uhr", "3:18 p.m."): hours and
/// minutes with a colon, then an optional am/pm.
fn time_of_day(text: &str) -> Option<NaiveTime> {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[^\d:])([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?\s*([ap])?\.?m?\b")
            .expect("time of day")
    });
    let c = TIME.captures(text)?;
    let mut hour: u32 = c[1].parse().ok()?;
    match c.get(3).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
        Some("p") if hour < 12 => hour += 12,
        Some("a") if hour == 12 => hour = 0,
        _ => {}
    }
    NaiveTime::from_hms_opt(hour, c[2].parse().ok()?, 0)
}

/// The calendar day a normalised date starts with.
pub fn day_of(normalised: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(normalised.get(..10)?, "%Y-%m-%d").ok()
}

/// `/2019/05/31/`, `/2019-05-31-`, `/20190531/` in a URL path.
pub fn from_url(url: &str) -> Option<String> {
    static PATH_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
            .expect("url date")
    });
    static PATH_DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/(0[1-9]|[12]\d|3[01])-(0[1-9]|1[0-2])-((?:19|20)\d{2})(?:[/_.-]|$)")
            .expect("url dmy date")
    });
    if let Some(c) = PATH_DATE.captures(url) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    // weisser-ring.de/media-news/meldungen/29-10-2021 (tfe-dev t0444).
    let c = PATH_DMY.captures(url)?;
    ymd(&c[3], &c[2], &c[1])
}

fn ymd(y: &str, m: &str, d: &str) -> Option<String> {
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    plausible(date).then(|| date.format("%Y-%m-%d").to_string())
}

/// Web news dates: after 1990, not years ahead of now.
fn plausible(date: NaiveDate) -> bool {
    let this_year = chrono::Utc::now().date_naive().format("%Y").to_string();
    let max_year: i32 = this_year.parse().unwrap_or(2100) + 1;
    date.format("%Y")
        .to_string()
        .parse::<i32>()
        .is_ok_and(|y| (1990..=max_year).contains(&y))
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    const MONTHS: [&[&str]; 12] = [
        &[
            "jan", "january", "januar", "janvier", "enero", "gennaio", "jänner", "ene",
        ],
        &[
            "feb", "february", "februar", "février", "fevrier", "febrero", "febbraio",
        ],
        &["mar", "march", "märz", "maerz", "mars", "marzo", "mär"],
        &["apr", "april", "avril", "abril", "aprile", "abr"],
        &["may", "mai", "mayo", "maggio"],
        &["jun", "june", "juni", "juin", "junio", "giugno"],
        &["jul", "july", "juli", "juillet", "julio", "luglio"],
        &["aug", "august", "août", "aout", "agosto", "ago"],
        &[
            "sep",
            "sept",
            "september",
            "septembre",
            "septiembre",
            "settembre",
        ],
        &[
            "oct", "october", "oktober", "octobre", "octubre", "ottobre", "okt",
        ],
        &["nov", "november", "novembre", "noviembre"],
        &[
            "dec",
            "december",
            "dezember",
            "décembre",
            "decembre",
            "diciembre",
            "dicembre",
            "dez",
            "dic",
        ],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&n.as_str()))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_zone_and_time() {
        assert_eq!(
            normalise("2019-05-31T10:00:00+02:00").unwrap(),
            "2019-05-31T10:00:00+02:00"
        );
        assert_eq!(
            normalise("2019-05-31T08:00:00Z").unwrap(),
            "2019-05-31T08:00:00+00:00"
        );
        assert_eq!(
            normalise("2019-05-31 10:00:00").unwrap(),
            "2019-05-31T10:00:00"
        );
        assert_eq!(normalise("2019-05-31").unwrap(), "2019-05-31");
        assert_eq!(
            normalise("Fri, 31 May 2019 10:00:00 +0000").unwrap(),
            "2019-05-31T10:00:00+00:00"
        );
    }

    #[test]
    fn reads_visible_and_url_dates() {
        assert_eq!(
            visible("Published May 31, 2019 at 5pm").unwrap(),
            "2019-05-31"
        );
        assert_eq!(visible("31. Mai 2019").unwrap(), "2019-05-31");
        assert_eq!(visible("31.05.2019, 10:00").unwrap(), "2019-05-31");
        assert_eq!(visible("7 de mayo de 2022").unwrap(), "2022-05-07");
        assert_eq!(
            from_url("https://x.com/2019/05/31/story").unwrap(),
            "2019-05-31"
        );
        assert_eq!(visible("no date here"), None);
        assert_eq!(
            from_url("https://weisser-ring.de/media-news/meldungen/29-10-2021").unwrap(),
            "2021-10-29"
        );
    }

    fn line(text: &str, order: DayOrder) -> Option<(String, Option<String>, Option<String>)> {
        dateline(text, order).map(|l| {
            (
                l.day.to_string(),
                l.time.map(|t| t.format("%H:%M").to_string()),
                l.swapped.map(|d| d.to_string()),
            )
        })
    }

    #[test]
    fn reads_date_lines() {
        use DayOrder::*;
        let day = |t: &str, o| line(t, o).map(|l| l.0);
        // Two-digit years (meininger.de, tfe-dev t0772) only in a line.
        assert_eq!(day("28.01.22", DayFirst).as_deref(), Some("2022-01-28"));
        assert_eq!(
            day("26 | 01 | 2022", DayFirst).as_deref(),
            Some("2022-01-26")
        );
        assert_eq!(day("17/02/2022", MonthFirst).as_deref(), Some("2022-02-17"));
        assert_eq!(
            line("11/01/2021", DayFirst),
            Some(("2021-01-11".into(), None, Some("2021-11-01".into())))
        );
        assert_eq!(
            line("19. Oktober 2019 00:04 Uhr", DayFirst),
            Some(("2019-10-19".into(), Some("00:04".into()), None))
        );
        assert_eq!(
            line("November 8 2023, 3:18 p.m.", MonthFirst).and_then(|l| l.1),
            Some("15:18".into())
        );
        assert_eq!(line("Version 15.10.11a", DayFirst), None);
        assert_eq!(DayOrder::for_language(Some("en-US")), MonthFirst);
        assert_eq!(DayOrder::for_language(Some("en-GB")), DayFirst);
    }
}
