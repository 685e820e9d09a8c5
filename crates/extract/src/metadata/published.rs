//! The article's dates. Published and modified are read apart; the
//! markup's publication date (JSON-LD, OpenGraph, meta, microdata) is
//! checked against the date line printed by the headline, which is what
//! readers see; then the URL and other printed dates. No date after the
//! page was fetched is believed.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use super::dates::{self, Dateline, DayOrder};
use super::json_ld::JsonLdArticle;
use super::meta_tags::MetaTags;
use super::{visible, Scope};
use crate::dom::{Dom, NodeIx};
use crate::{FieldSource, Sourced};

/// A date line that overrules the markup is short: a date, a weekday, a
/// time, a label ("Last updated on 20 Feb, 2020. 3 min read", wevolver.com,
/// tfe-dev t0962); a sentence that mentions a date is not one.
const STRICT_LINE_CHARS: usize = 60;
/// When the page has no other date, a longer line near the headline will do.
const LOOSE_LINE_CHARS: usize = 160;

/// What the publication date is read from.
pub struct Page<'a> {
    pub dom: &'a Dom,
    pub meta: &'a MetaTags,
    pub ld: &'a JsonLdArticle,
    pub scope: &'a Scope,
    pub url: Option<&'a str>,
    /// The headline, to find its `<h1>` and the date line by it.
    pub title: Option<&'a str>,
    pub order: DayOrder,
    /// The last calendar day a page fetched at that time can carry.
    pub latest: NaiveDate,
}

/// The last day a page fetched at `fetched` (now when unknown) can be
/// dated: the fetch's UTC day plus one, for zones east of UTC.
pub fn latest_day(fetched: Option<DateTime<Utc>>) -> NaiveDate {
    let day = fetched.unwrap_or_else(Utc::now).date_naive();
    day.checked_add_signed(Duration::days(1)).unwrap_or(day)
}

/// Days apart beyond which two publication dates of one page disagree: a
/// zone moves a day by one, an update a few days; a year is no update
/// (issue 14: a visible date a year before the structured one).
const CONFLICT_DAYS: i64 = 30;

/// The publication date: the markup's, reconciled with the printed date
/// line; the date line alone; the URL's; a date printed elsewhere. And the
/// markup's date when the printed date line overruled it by more than
/// [`CONFLICT_DAYS`]: the page then says two things, and tracing weakens
/// its date evidence.
pub fn published_and_other(page: &Page) -> (Option<Sourced<String>>, Option<Sourced<String>>) {
    let in_past = |d: &Sourced<String>| before_fetch(&d.value, page.latest);
    let heading = visible::headline_node(page.dom, page.scope, page.title);
    let line = heading
        .and_then(|h| visible::dateline(page.dom, page.scope, h, page.order, STRICT_LINE_CHARS))
        .filter(|l| l.day <= page.latest);
    if let Some(marked) = marked(page).find(in_past) {
        let Some(line) = line else {
            return (Some(marked), None);
        };
        let chosen = reconcile(marked.clone(), line);
        let apart = dates::day_of(&marked.value)
            .map(|d| (d - line.day).num_days().abs())
            .unwrap_or(0);
        let other = (apart > CONFLICT_DAYS).then_some(marked);
        return (Some(chosen), other);
    }
    if let Some(line) = line {
        return (
            Some(Sourced::new(iso(line.day), FieldSource::Visible, 0.75)),
            None,
        );
    }
    let url = page
        .url
        .and_then(dates::from_url)
        .map(|d| Sourced::new(d, FieldSource::Url, 0.7));
    (
        url.into_iter().chain(printed(page, heading)).find(in_past),
        None,
    )
}

/// The publication date the markup declares, most reliable first, read
/// lazily so that a future date falls through to the next.
fn marked<'a>(page: &'a Page) -> impl Iterator<Item = Sourced<String>> + 'a {
    const KEYS: &[&str] = &[
        "article:published_time",
        "og:article:published_time",
        "og:published_time",
        "datepublished",
        "article.published",
        "published_time",
        "publishdate",
        "publish-date",
        "publish_date",
        "pubdate",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.issued",
        "dcterms.created",
        "citation_publication_date",
        "citation_date",
        "originalpublicationdate",
        "date",
        "displaydate",
    ];
    let json_ld = std::iter::once_with(|| page.ld.date_published.as_deref())
        .flatten()
        .filter_map(dates::normalise)
        .map(|d| Sourced::new(d, FieldSource::JsonLd, 0.9));
    let meta = KEYS.iter().filter_map(|key| {
        let d = page.meta.first(&[key]).and_then(dates::normalise)?;
        let source = if key.contains("published_time") {
            FieldSource::OpenGraph
        } else {
            FieldSource::Meta
        };
        Some(Sourced::new(d, source, 0.85))
    });
    let element = std::iter::once_with(|| visible::time_element(page.dom, page.scope))
        .flatten()
        .map(|d| Sourced::new(d, FieldSource::Visible, 0.75));
    json_ld.chain(meta).chain(element)
}

/// Dates printed on the page without a date line by the headline.
fn printed<'a>(
    page: &'a Page,
    heading: Option<NodeIx>,
) -> impl Iterator<Item = Sourced<String>> + 'a {
    let near = std::iter::once_with(move || {
        heading
            .and_then(|h| visible::dateline(page.dom, page.scope, h, page.order, LOOSE_LINE_CHARS))
            .map(|l| iso(l.day))
            .or_else(|| visible::labelled_date(page.dom, page.scope))
            .or_else(|| visible::printed_date(page.dom, page.scope))
    })
    .flatten()
    .map(|d| Sourced::new(d, FieldSource::Visible, 0.5));
    let anywhere = std::iter::once_with(|| visible::first_printed_date(page.dom, page.scope))
        .flatten()
        .map(|d| Sourced::new(d, FieldSource::Visible, 0.3));
    near.chain(anywhere)
}

/// The markup's date against the printed date line. The same day: the
/// markup's, with its time and zone. A UTC timestamp whose local day is the
/// printed one ("2019-10-18T22:04:00+00:00" printed "19. Oktober 2019 00:04
/// Uhr", nachrichten.at, tfe-dev t0789): the same instant in the page's
/// zone. Another day: the printed one, as readers see it — often the
/// update a page shows instead of its first publication (angelmagazin.de,
/// t0124), or a template's default date in the markup (giga.de, t0663).
fn reconcile(marked: Sourced<String>, line: Dateline) -> Sourced<String> {
    match dates::day_of(&marked.value) {
        Some(day) if day == line.day || Some(day) == line.swapped => marked,
        _ => match in_local_zone(&marked.value, line) {
            Some(local) => Sourced::new(local, marked.source, marked.confidence),
            None => Sourced::new(iso(line.day), FieldSource::Visible, 0.8),
        },
    }
}

/// `value` (a timestamp with an offset) in the zone that makes it read as
/// the date line's day and time, when such a zone exists (UTC−12 to +14,
/// in quarter hours).
fn in_local_zone(value: &str, line: Dateline) -> Option<String> {
    let at = DateTime::parse_from_rfc3339(value).ok()?;
    let printed = line.day.and_time(line.time?);
    let minutes = (printed - at.naive_utc()).num_minutes();
    if !(-12 * 60..=14 * 60).contains(&minutes) || minutes % 15 != 0 {
        return None;
    }
    let zone = FixedOffset::east_opt(i32::try_from(minutes * 60).ok()?)?;
    let local = at.with_timezone(&zone);
    (local.date_naive() == line.day).then(|| local.format("%Y-%m-%dT%H:%M:%S%:z").to_string())
}

/// Is the date's day no later than the last day the fetch allows? (Values
/// without a readable day are let through: they are dropped elsewhere.)
fn before_fetch(value: &str, latest: NaiveDate) -> bool {
    dates::day_of(value).is_none_or(|day| day <= latest)
}

fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// The last modification the markup declares, kept apart from publication.
pub fn modified(meta: &MetaTags, ld: &JsonLdArticle, latest: NaiveDate) -> Option<Sourced<String>> {
    let json_ld = ld
        .date_modified
        .as_deref()
        .and_then(dates::normalise)
        .map(|d| Sourced::new(d, FieldSource::JsonLd, 0.9));
    let meta = || {
        let (key, raw) = meta.first_with_key(&[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "dcterms.modified",
            "last-modified",
        ])?;
        let source = if key.contains(':') {
            FieldSource::OpenGraph
        } else {
            FieldSource::Meta
        };
        dates::normalise(raw).map(|d| Sourced::new(d, source, 0.8))
    };
    json_ld
        .filter(|d| before_fetch(&d.value, latest))
        .or_else(|| meta().filter(|d| before_fetch(&d.value, latest)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveTime;

    fn line(day: &str, time: Option<&str>) -> Dateline {
        Dateline {
            day: NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap(),
            time: time.map(|t| NaiveTime::parse_from_str(t, "%H:%M").unwrap()),
            swapped: None,
        }
    }

    fn json_ld(value: &str) -> Sourced<String> {
        Sourced::new(value.to_string(), FieldSource::JsonLd, 0.9)
    }

    #[test]
    fn same_day_keeps_the_markups_time_and_zone() {
        let kept = reconcile(
            json_ld("2022-01-21T14:32:06+02:00"),
            line("2022-01-21", None),
        );
        assert_eq!(kept.value, "2022-01-21T14:32:06+02:00");
        assert_eq!(kept.source, FieldSource::JsonLd);
    }

    #[test]
    fn utc_timestamp_moves_to_the_printed_zone() {
        // nachrichten.at (tfe-dev t0789): 22:04 UTC printed as 00:04 the next day.
        let local = reconcile(
            json_ld("2019-10-18T22:04:00+00:00"),
            line("2019-10-19", Some("00:04")),
        );
        assert_eq!(local.value, "2019-10-19T00:04:00+02:00");
        assert_eq!(local.source, FieldSource::JsonLd);
    }

    #[test]
    fn another_printed_day_wins() {
        // angelmagazin.de (tfe-dev t0124): the markup's first publication,
        // the page's printed (updated) day.
        let shown = reconcile(json_ld("2021-11-29T15:13:37"), line("2022-01-12", None));
        assert_eq!(shown.value, "2022-01-12");
        assert_eq!(shown.source, FieldSource::Visible);
        // Without a printed time the zone cannot be told: the printed day.
        let shown = reconcile(
            json_ld("2022-05-04T00:25:56+00:00"),
            line("2022-05-03", None),
        );
        assert_eq!(shown.value, "2022-05-03");
    }

    #[test]
    fn no_zone_reads_the_printed_time_as_another_day() {
        assert_eq!(
            in_local_zone(
                "2022-05-04T00:25:56+00:00",
                line("2022-05-01", Some("21:25"))
            ),
            None
        );
    }

    #[test]
    fn dates_after_the_fetch_are_refused() {
        let fetched = DateTime::parse_from_rfc3339("2019-05-31T23:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let latest = latest_day(Some(fetched));
        assert!(before_fetch("2019-06-01T08:00:00+10:00", latest));
        assert!(!before_fetch("2019-06-02", latest));
        assert!(!before_fetch("2020-01-01T00:00:00Z", latest));
    }
}
