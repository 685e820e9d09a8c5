//! Reading dates as pages print them and normalising them to ISO 8601,
//! keeping the time and zone when the source gives them.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
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
}
