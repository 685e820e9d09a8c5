//! The header of a text page: headline, kicker, byline, site and date lines,
//! tag lines, image credit — the lines above the first body paragraph.

use crate::credits::{self, date};
use crate::markdown;
use crate::{Article, CreditKind, DeclaredSource, FieldSource, Sourced, Tag};
use regex::Regex;
use std::sync::LazyLock;

static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#{1,2}\s+(?P<t>.+?)\s*#*$").expect("valid regex"));
/// "By [Sputnik](#)", "By The Associated Press"; a capital after "By" keeps
/// out "By the time …".
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:by):?\s+(?P<who>[\p{Lu}\[].*)$").expect("valid regex"));
/// "Global Research, July 04, 2015": a site name, a comma, a date.
static SITE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<site>[^,\d][^,]{1,60}),\s*(?P<date>.+)$").expect("valid regex")
});
/// "Region: [Europe](#), [Middle East & North Africa](#)".
static TAGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<group>regions?|themes?|in-depth reports?|tags?|topics?|categor(?:y|ies)|filed under|keywords?|sections?)\s*:\s*(?P<list>.+)$")
        .expect("valid regex")
});
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// One recognised header line.
enum Line {
    Byline(String),
    Date(String),
    SiteDate(String, String),
    Source(DeclaredSource),
    Tags(Vec<Tag>),
    Image(String),
}

/// Reads the header into `article`; returns the index of the first body block.
pub(super) fn read(blocks: &[String], article: &mut Article) -> usize {
    let mut next = title(blocks, article);
    while let Some(line) = blocks.get(next).and_then(|b| line(b)) {
        apply(line, article);
        next += 1;
    }
    next
}

/// A `# ` heading is the title and a short line under it the kicker. Without
/// markdown, a short first line with no closing period is taken as the
/// headline (a headline is never a body paragraph, so little is lost if
/// it is furniture instead).
fn title(blocks: &[String], article: &mut Article) -> usize {
    let Some(first) = blocks.first() else {
        return 0;
    };
    if let Some(c) = HEADING.captures(first) {
        article.title = Some(visible(markdown::plain(&c["t"]), 0.9));
        let kicker = blocks.get(1).filter(|b| is_kicker(b));
        article.kicker = kicker.map(|k| visible(markdown::plain(k), 0.7));
        return if article.kicker.is_some() { 2 } else { 1 };
    }
    if is_plain_headline(first) {
        article.title = Some(visible(markdown::plain(first), 0.6));
        return 1;
    }
    0
}

fn is_kicker(raw: &str) -> bool {
    let text = markdown::plain(raw);
    short_unpunctuated(&text, 1, 15) && line(raw).is_none() && !credits::is_credit_or_notice(raw)
}

fn is_plain_headline(raw: &str) -> bool {
    let text = markdown::plain(raw);
    short_unpunctuated(&text, 4, 25)
        && !date::starts_with_month(&text)
        && !raw.starts_with(['*', '-', '>', '['])
        && line(raw).is_none()
        && !credits::is_credit_or_notice(raw)
}

/// Few words, starting with a capital or digit, not ending a sentence.
fn short_unpunctuated(text: &str, min_words: usize, max_words: usize) -> bool {
    let words = text.split_whitespace().count();
    let starts = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c));
    let ends_sentence = text.ends_with(['.', ':', ';', ',']) || text.contains('\n');
    (min_words..=max_words).contains(&words) && starts && !ends_sentence
}

fn line(raw: &str) -> Option<Line> {
    let inline = markdown::parse(raw);
    let text = inline.text.trim();
    if let Some(c) = BYLINE.captures(text) {
        let who = c["who"].trim();
        let words = who.split_whitespace().count();
        return (words <= 10 && !who.ends_with('.')).then(|| Line::Byline(who.to_string()));
    }
    if let Some(found) = date::date_line(text) {
        return Some(Line::Date(found.iso()));
    }
    if let Some(l) = site_date(text) {
        return Some(l);
    }
    if let Some(c) = TAGS.captures(raw.trim()) {
        return Some(Line::Tags(tags(&c["group"], &c["list"])));
    }
    if let Some(credit) = credits::image_credit(text) {
        return Some(Line::Image(credit));
    }
    source_date(&inline)
}

/// "Global Research, July 04, 2015" → site and date.
fn site_date(text: &str) -> Option<Line> {
    let c = SITE_DATE.captures(text)?;
    let site = c["site"].trim();
    let found = date::date_line(&c["date"])?;
    let is_weekday = WEEKDAYS.contains(&site.to_lowercase().as_str());
    let short = site.split_whitespace().count() <= 6;
    (short && !is_weekday).then(|| Line::SiteDate(site.to_string(), found.iso()))
}

/// "[Sputnik](#) 3 July 2015": an outlet and the date it published the text.
/// Recorded as the outlet's byline credit; a later "original source" line for
/// the same outlet inherits the date.
fn source_date(inline: &markdown::Inline) -> Option<Line> {
    let text = inline.text.trim();
    let found = date::find(text)?;
    if found.end != text.len() {
        return None;
    }
    let outlet = text
        .get(..found.start)?
        .trim()
        .trim_end_matches([',', '|', '-', '–', '—'])
        .trim();
    let words = outlet.split_whitespace().count();
    let capital = outlet.chars().next().is_some_and(char::is_uppercase);
    // A name, not "Updated 6:35 PM ET, Fri".
    let name_chars = outlet
        .chars()
        .all(|c| c.is_alphabetic() || " &.'’-".contains(c));
    if !(1..=6).contains(&words) || !capital || !name_chars || outlet.ends_with('.') {
        return None;
    }
    let link = inline
        .links
        .iter()
        .find(|l| l.text == outlet)
        .and_then(|l| l.url.clone());
    Some(Line::Source(DeclaredSource {
        outlet: credits::canonical_agency(outlet)
            .unwrap_or(outlet)
            .to_string(),
        date: Some(found.iso()),
        link,
        kind: CreditKind::Byline,
        evidence: text.to_string(),
        place: Some(crate::Place::Header),
    }))
}

/// Tag labels: the link texts when the list is links, else comma-separated.
fn tags(group: &str, list: &str) -> Vec<Tag> {
    let inline = markdown::parse(list);
    let labels: Vec<String> = if inline.links.is_empty() {
        inline
            .text
            .split([',', ';', '|'])
            .map(|s| s.trim().to_string())
            .collect()
    } else {
        inline.links.into_iter().map(|l| l.text).collect()
    };
    labels
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|label| Tag {
            label,
            group: Some(group.to_string()),
        })
        .collect()
}

fn apply(line: Line, article: &mut Article) {
    match line {
        Line::Byline(who) => {
            article.byline.get_or_insert(visible(who, 0.8));
        }
        Line::Date(iso) => {
            article.published.get_or_insert(visible(iso, 0.7));
        }
        Line::SiteDate(site, iso) => {
            article.site.get_or_insert(visible(site, 0.7));
            article.published.get_or_insert(visible(iso, 0.8));
        }
        Line::Source(source) => article.declared_sources.push(source),
        Line::Tags(tags) => article.tags.extend(tags),
        Line::Image(credit) => article.image_credits.push(credit),
    }
}

fn visible(value: String, confidence: f32) -> Sourced<String> {
    Sourced::new(value, FieldSource::Visible, confidence)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> (Article, usize) {
        let blocks: Vec<String> = text.split("\n\n").map(String::from).collect();
        let mut article = Article::default();
        let next = read(&blocks, &mut article);
        (article, next)
    }

    #[test]
    fn reprint_style_plain_header() {
        let (a, next) = header("Spotify backtracks on 'hate' policy\n\nBy Peter Sblendorio\n\nMay 30, 2019\n\nSpotify is backtracking.");
        assert_eq!(a.title_text(), Some("Spotify backtracks on 'hate' policy"));
        assert_eq!(
            a.byline.map(|b| b.value).as_deref(),
            Some("Peter Sblendorio")
        );
        assert_eq!(a.published.map(|p| p.value).as_deref(), Some("2019-05-30"));
        assert_eq!(next, 3);
    }

    #[test]
    fn sentences_are_not_headlines() {
        let (a, next) = header("Green Party candidate Jill Stein removed from N.Y. debate site by police.\n\nHEMPSTEAD (UPI) — x");
        assert_eq!((a.title, next), (None, 0));
        let (a, _) = header("Share on Facebook Share on Twitter\n\nBody.");
        assert_eq!(a.title, None);
        let (a, _) = header("By the time we arrived, it was over\n\nBody.");
        assert_eq!(a.byline, None);
    }

    #[test]
    fn weekday_is_not_a_site() {
        let (a, _) = header("Thursday, May 30, 2019 20:09\n\nBody.");
        assert_eq!(a.site, None);
        assert_eq!(a.published.map(|p| p.value).as_deref(), Some("2019-05-30"));
    }
}
