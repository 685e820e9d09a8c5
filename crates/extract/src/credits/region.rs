//! Credit lines read in the article region outside the body: what each
//! line yields, by the place it sits in (see `html::region`).

use super::classify::{self, Item};
use super::{declared, sentences, wire};
use crate::markdown;
use crate::{CreditKind, DeclaredSource, Place};
use regex::Regex;
use std::sync::LazyLock;

/// Longer lines are prose or chrome, not credit lines.
const MAX_LINE_CHARS: usize = 600;

/// Link texts that credit the link's target: "Read the original article",
/// "original story", "Source", "Read more at".
static LINK_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:read (?:the )?)?(?:original(?: article| story| post| report| source| version)?|source|source article|read more at|full story|view original|originally published)$")
        .expect("valid regex")
});

/// Beside a byline: "By Jane Roe for Daily Planet", "By Jane Roe (Daily
/// Planet)", "By Jane Roe | Daily Planet", "Jane Roe, Daily Planet Staff".
static BESIDE_BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\s+for\s+|\s*\|\s*|\s*\(|^for\s+)(?P<outlet>(?:The |the )?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,4})\)?\.?$")
        .expect("valid regex")
});

/// Words that make a byline's tail a role or a date, not an outlet.
static NOT_AN_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:writer|reporter|correspondent|editor|contributor|columnist|staff|intern|photographer|updated|published|posted|\d)").expect("valid regex")
});

/// The host of a URL without "www.", lower-cased.
pub(crate) fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    Some(host.strip_prefix("www.").unwrap_or(host)).filter(|h| h.contains('.'))
}

/// What one region line yields: the classifier's items (credit, copyright,
/// notice, image credit) at any strength, the credit sentences of a longer
/// line, a wire dateline, a credit beside the byline, a link crediting its
/// target. Links to the page's own host credit no one.
pub(crate) fn items(place: Place, raw: &str, own_host: Option<&str>) -> Vec<Item> {
    let inline = markdown::parse(raw);
    let text = inline.text.trim();
    if text.is_empty() || text.chars().count() > MAX_LINE_CHARS {
        return Vec::new();
    }
    let mut out: Vec<Item> = Vec::new();
    if let Some(v) = classify::paragraph(raw) {
        out.extend(
            v.items
                .into_iter()
                .filter(|i| !matches!(i, Item::Furniture)),
        );
    }
    if out.is_empty() {
        // A credit sentence inside a longer line: "About this story. This
        // story first appeared in X." Only credits and copyright lines.
        for part in sentences::slices(raw) {
            if let Some((items, _)) = classify::sentence(&markdown::parse(part)) {
                out.extend(
                    items
                        .into_iter()
                        .filter(|i| matches!(i, Item::Source(_) | Item::Copyright(_))),
                );
            }
        }
    }
    if out.is_empty() {
        if let Some(d) = wire::dateline(text, None) {
            out.push(Item::Source(DeclaredSource {
                place: Some(Place::Dateline),
                ..d
            }));
        }
    }
    if out.is_empty() && place == Place::Byline {
        out.extend(beside_byline(text).map(Item::Source));
    }
    if !out.iter().any(|i| matches!(i, Item::Source(_))) {
        out.extend(link_credits(&inline, own_host).map(Item::Source));
    }
    out
}

/// An outlet named beside the byline ("for X", "(X)", "| X"): an agency, or
/// a capitalised name that is no role or date.
fn beside_byline(text: &str) -> Option<DeclaredSource> {
    // "By Jane Roe (Daily Planet) · 02 Jul 2016": the byline ends where a
    // middle dot starts the date or another field.
    let text = text.split(" · ").next().unwrap_or(text).trim();
    if let Some(d) = declared::agency_line(text) {
        return Some(d);
    }
    let comma = comma_outlet(text);
    let c = BESIDE_BYLINE.captures(text);
    let name = match (&c, comma) {
        (Some(c), _) => c["outlet"].trim(),
        (None, Some(name)) => name,
        (None, None) => return None,
    };
    if NOT_AN_OUTLET.is_match(name) || super::date::starts_with_month(name) {
        return None;
    }
    // "By Jane Roe" alone has no separator: the regex needs one.
    Some(DeclaredSource {
        outlet: super::canonical_agency(name).unwrap_or(name).to_string(),
        kind: CreditKind::Byline,
        evidence: text.to_string(),
        place: Some(Place::Byline),
        ..DeclaredSource::default()
    })
}

/// "By Jane Roe, the Daily Planet", "By Jane Roe, dailyplanet.com": after
/// a comma, only a name opened by "the" or a site's address is an outlet
/// ("By Jane Roe, John Doe" names two authors).
fn comma_outlet(text: &str) -> Option<&str> {
    let tail = text.rsplit_once(", ")?.1.trim_end_matches('.');
    if let Some(name) = tail
        .strip_prefix("the ")
        .or_else(|| tail.strip_prefix("The "))
    {
        return name
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then_some(name);
    }
    let address = !tail.contains(' ')
        && tail.contains('.')
        && tail
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    address.then_some(tail)
}

/// Links that credit their target: a cue as the link text ("Read the
/// original article"), or a bare address as the whole line, on another
/// host than the page's.
fn link_credits<'a>(
    inline: &'a markdown::Inline,
    own_host: Option<&'a str>,
) -> impl Iterator<Item = DeclaredSource> + 'a {
    let whole = inline.text.trim();
    inline.links.iter().filter_map(move |l| {
        let url = l.url.as_deref()?;
        let target = host(url)?;
        if own_host.is_some_and(|o| o == target) {
            return None;
        }
        let text = l.text.trim().trim_end_matches('.');
        let bare_address = text == url || text.starts_with("http") || text.starts_with("www.");
        let cue = LINK_CUE.is_match(text);
        // A cue link may close a short line ("Read the original article");
        // a bare address must be the whole line ("Listen: http://po.st/…"
        // on AEB's podcast page names no source).
        let line_is_link =
            whole.trim_end_matches('.').ends_with(text) && whole.len() <= text.len() + 40;
        let whole_line = whole.trim_end_matches('.') == text;
        ((cue && line_is_link) || (bare_address && whole_line)).then(|| DeclaredSource {
            outlet: target.to_string(),
            link: Some(url.to_string()),
            kind: CreditKind::OriginalSource,
            evidence: whole.to_string(),
            place: Some(Place::Link),
            ..DeclaredSource::default()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlets(place: Place, raw: &str) -> Vec<String> {
        items(place, raw, Some("copy.example"))
            .into_iter()
            .filter_map(|i| match i {
                Item::Source(s) => Some(s.outlet),
                Item::Copyright(c) => c.holder,
                _ => None,
            })
            .collect()
    }

    /// Issue 14's forms outside the body.
    #[test]
    fn region_lines() {
        assert_eq!(
            outlets(Place::BeforeBody, "Republished from Daily Planet ([link](https://dailyplanet.example/a)). © 2015 Daily Planet."),
            ["Daily Planet", "Daily Planet"]
        );
        assert_eq!(
            outlets(
                Place::AfterBody,
                "Read the [original article](https://dailyplanet.example/a)."
            ),
            ["dailyplanet.example"]
        );
        assert_eq!(
            outlets(
                Place::AfterBody,
                "Original: [https://dailyplanet.example/a](https://dailyplanet.example/a)"
            ),
            ["dailyplanet.example"]
        );
        assert_eq!(
            outlets(Place::Byline, "By Jane Roe for Daily Planet"),
            ["Daily Planet"]
        );
        assert_eq!(outlets(Place::Byline, "By Jane Roe | Reuters"), ["Reuters"]);
        // reprint-sim's bylines (crates/sim/src/scenario/forms.rs): a
        // parenthesis run on, a date after a middle dot, "the" or an
        // address after a comma; a second author is no outlet.
        assert_eq!(
            outlets(
                Place::Byline,
                "By Darius Moore(Bluewater Bulletin) · 02 Jul 2016, 12:17 CST"
            ),
            ["Bluewater Bulletin"]
        );
        assert_eq!(
            outlets(Place::Byline, "By Graham Pryce, the Metro Dispatch"),
            ["Metro Dispatch"]
        );
        assert_eq!(
            outlets(
                Place::Byline,
                "By Marcus Webb, valleyherald.com · Modified: 2016-02-13 20:47"
            ),
            ["valleyherald.com"]
        );
        assert_eq!(
            outlets(Place::Byline, "By Jane Roe, John Doe"),
            Vec::<String>::new()
        );
        assert_eq!(
            outlets(Place::Byline, "By Jane Roe | Staff Writer"),
            Vec::<String>::new()
        );
        assert_eq!(outlets(Place::Header, "LONDON (Reuters) -"), ["Reuters"]);
        assert_eq!(
            outlets(
                Place::ArticleFooter,
                "Copyright 2018 Cable News Network, Inc."
            ),
            ["Cable News Network, Inc"]
        );
        assert_eq!(outlets(Place::ArticleFooter, "© AAP"), ["AAP"]);
        // The page's own links and ordinary link lines credit no one.
        assert!(outlets(
            Place::AfterBody,
            "Read the [original article](https://copy.example/b)"
        )
        .is_empty());
        assert!(outlets(Place::AfterBody, "[More news](https://else.example/)").is_empty());
    }
}
