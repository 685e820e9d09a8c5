//! Lines in which a page names where its text came from: "The original
//! source of this article is X", "Originally published by X", "Source: X",
//! "via X", "h/t X".

use super::{date, wire};
use crate::markdown::Inline;
use crate::{CreditKind, DeclaredSource};
use regex::Regex;
use std::sync::LazyLock;

/// Whole-sentence credits naming the original publication. Anchored at the
/// start so a body sentence that merely mentions a "source" never matches.
static ORIGINAL: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // Global Research and many aggregators.
        r"(?i)^(?:the )?original source of this (?:article|story|post|piece|report) is:?\s+(?P<rest>.+)$",
        // "This article first appeared in X", "Originally published at X on <date>".
        r"(?i)^(?:(?:a version of )?this (?:article|story|post|piece|report|essay|column|interview|op-ed) )?(?:was |is )?(?:originally|first) (?:published|appeared|posted|ran|printed)\s+(?:by|at|on|in)\s+(?P<rest>.+)$",
        // CC BY-ND notices: "This work is licensed under CC BY-ND 4.0. It was
        // originally published by X."
        r"(?i)^it (?:was|is) (?:originally|first) (?:published|appeared|posted)\s+(?:by|at|on|in)\s+(?P<rest>.+)$",
        // "Republished with permission of X", "Reprinted with permission from X".
        r"(?i)^(?:this (?:article|story|post|piece) (?:is|was) )?(?:republished|reprinted|reposted|published|reproduced) (?:here )?with (?:the )?(?:kind )?permission (?:of|from)\s+(?P<rest>.+)$",
        // The Conversation: "This article is republished from X under a Creative Commons license."
        r"(?i)^(?:this (?:article|story|post|piece) (?:is|was) )?(?:republished|reprinted|reposted|syndicated) (?:here )?(?:from|by)\s+(?P<rest>.+)$",
        // ProPublica, KFF Health News, Global Voices (CC BY-ND programmes):
        // "This story was produced by X and is republished here under a
        // Creative Commons license."
        r"(?i)^(?:this (?:article|story|post|piece|report) (?:was|is) )(?:originally )?(?:produced|written|reported|published|co-published) (?:by|for|with)\s+(?P<rest>.+)$",
        // "Read the original at X", "Read the original article on X".
        r"(?i)^read (?:the )?(?:original|full) (?:article |story |post |piece )?(?:at|on|in)\s+(?P<rest>.+)$",
        // "Article from: Agence France-Presse" (issue 14, before the body).
        r"(?i)^(?:article|story|text|content) (?:from|by|courtesy of):?\s+(?P<rest>.+)$",
        // "Courtesy of X", "Published courtesy of X".
        r"(?i)^(?:published |reprinted |republished )?courtesy (?:of\s+)?(?P<rest>.+)$",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("valid regex"))
    .collect()
});

/// "Source: X", "/ Source: Associated Press" (NBC's wire label). Only whole
/// short lines: "Source familiar with the ad says…" has no colon and stays.
/// Not "Sources: …", which lists the data under a graphic (issue 14).
static SOURCE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^/?\s*(?:source|source link|source url|original|original url|original article|originally from|credit|article from|story from|from)\s*:\s*(?P<rest>.+)$")
        .expect("valid regex")
});

/// "Credit: X (via Y)": the origin X reached the page through Y.
static VIA_IN_PARENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:via|h/t)\s+(?P<via>[^()]+)\)\.?$").expect("valid regex")
});

/// "via X", "h/t: The Hill.", "(h/t RCP Video.)", "h/t/: Independent Journal."
/// as whole lines. "Via legislative side doors, …" fails the outlet check.
static VIA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(?\s*(?P<label>via|h/t/?|hat tip)\s*:?\s+(?P<rest>[^()]+?)\s*\)?\.?$")
        .expect("valid regex")
});

/// Where an outlet name stops inside the rest of a credit sentence.
static OUTLET_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:on|under|and|with|in|at|as|where|from)\s+|[,;(]|\.\s|\s+[—–-]\s+|\.$")
        .expect("valid regex")
});

/// A sentence declaring the original source ("The original source of this
/// article is [Sputnik](#)"). `inline` is the sentence's parsed markdown.
pub(crate) fn original(inline: &Inline) -> Option<DeclaredSource> {
    let text = inline.text.trim();
    let rest = ORIGINAL
        .iter()
        .find_map(|re| re.captures(text))?
        .name("rest")?
        .as_str();
    credit(inline, rest, CreditKind::OriginalSource)
}

/// A whole line that is only a source label or a via/h/t credit.
pub(crate) fn label_line(inline: &Inline) -> Option<DeclaredSource> {
    let text = inline.text.trim();
    if let Some(c) = SOURCE_LABEL.captures(text) {
        let rest = c.name("rest")?.as_str();
        // "Credit: X (via Y)": X is the source; the via part is cut.
        let rest = VIA_IN_PARENS
            .find(rest)
            .map_or(rest, |m| rest.get(..m.start()).unwrap_or(rest));
        if super::wire::is_photo_credit(rest) {
            return None;
        }
        return credit(inline, rest, CreditKind::OriginalSource);
    }
    let c = VIA.captures(text)?;
    credit(inline, c.name("rest")?.as_str(), CreditKind::Via)
}

/// A line that is only an agency name ("The Associated Press", "By Reuters"):
/// an agency byline printed in the body.
pub(crate) fn agency_line(text: &str) -> Option<DeclaredSource> {
    // A sentence before the agency makes it a sign-off, not a byline.
    if [". ", "? ", "! "].iter().any(|end| text.contains(end)) {
        return None;
    }
    // "NAME / Reuters." between paragraphs is a photo credit (HuffPost's
    // copies in PolNeAR); "NAMES / AP" counts only in the byline itself.
    if text.contains(" / ") {
        return None;
    }
    let outlet = wire::byline_agency(text.trim())?;
    Some(DeclaredSource {
        outlet: outlet.to_string(),
        date: None,
        link: None,
        kind: CreditKind::Byline,
        evidence: text.trim().to_string(),
        place: None,
    })
}

/// "The story was first reported by X", "as first reported in X": the
/// outlet follows the cue (`reprint-sim`'s text-mention form, issue 14).
static FIRST_REPORTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:first (?:reported|broke|revealed) (?:by|in|on)|draws on reporting (?:by|from)|(?:is )?based on reporting (?:by|from))\s+(?P<rest>.+)$")
        .expect("valid regex")
});

/// "X first reported the story", "X was the first to report": the outlet
/// is the subject opening the sentence.
static NAME_FIRST_REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>[^,;:]+?)\s+(?:first reported|was the first to report|first broke)\b")
        .expect("valid regex")
});

/// "…, according to X": a source named near the top of a story (issue 14:
/// wire rewrites "according to Reuters").
static ACCORDING_TO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\baccording to\s+(?P<rest>.+)$").expect("valid regex"));

/// A weak credit in a sentence of the running text (see
/// [`CreditKind::FirstReported`]); "according to" only when `near_top`.
/// The name must read as an outlet's (every word capitalised but short
/// joining words): "according to police" or "Officials said Tuesday that…"
/// name no outlet.
pub(crate) fn first_reported(inline: &Inline, near_top: bool) -> Option<DeclaredSource> {
    let text = inline.text.trim();
    let found = if let Some(c) = FIRST_REPORTED_BY.captures(text) {
        credit(inline, c.name("rest")?.as_str(), CreditKind::FirstReported)
    } else if let Some(c) = NAME_FIRST_REPORTED.captures(text) {
        let name = c.name("name")?.as_str();
        credit(inline, name, CreditKind::FirstReported)
    } else if near_top {
        let c = ACCORDING_TO.captures(text)?;
        credit(inline, c.name("rest")?.as_str(), CreditKind::FirstReported)
    } else {
        None
    };
    found.filter(|d| title_case(&d.outlet))
}

/// Every word capitalised (or a digit, or a domain), but for short joining
/// words: how outlet names are written.
fn title_case(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() <= 6
        && words.iter().all(|w| {
            w.contains('.')
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || matches!(*w, "of" | "the" | "and" | "for" | "&" | "on" | "de")
        })
}

/// Builds the credit from the text after the cue: outlet name (agency names
/// normalised), a date if one is given, the link whose text is the outlet.
fn credit(inline: &Inline, rest: &str, kind: CreditKind) -> Option<DeclaredSource> {
    // An address names its host: "Source URL: https://dailyplanet.example/a".
    let first = rest.split_whitespace().next().unwrap_or("");
    if first.starts_with("http://") || first.starts_with("https://") {
        let url = first.trim_end_matches(['.', ',', ')']);
        let host = super::region::host(url)?;
        return Some(DeclaredSource {
            outlet: host.to_string(),
            link: inline
                .links
                .iter()
                .find_map(|l| l.url.clone())
                .or_else(|| Some(url.to_string())),
            kind,
            evidence: inline.text.trim().to_string(),
            ..DeclaredSource::default()
        });
    }
    let found = date::find(rest);
    let before_date = found.and_then(|f| rest.get(..f.start)).unwrap_or(rest);
    let end = OUTLET_END
        .find(before_date)
        .map_or(before_date.len(), |m| m.start());
    let name = before_date
        .get(..end)?
        .trim()
        .trim_matches(|c: char| "\"'“”‘’*:".contains(c) || c.is_whitespace());
    // "First published by the Valley Herald", "h/t the Hill": running text
    // puts a lower-case article before a name; the name is what follows.
    let name = name.strip_prefix("the ").unwrap_or(name);
    if !is_outlet_name(name) {
        return None;
    }
    let link = inline
        .links
        .iter()
        .find(|l| l.text == name || l.text.strip_prefix("the ") == Some(name))
        .and_then(|l| l.url.clone());
    Some(DeclaredSource {
        outlet: wire::canonical(name).unwrap_or(name).to_string(),
        date: found.map(|f| f.iso()),
        link,
        kind,
        evidence: inline.text.trim().to_string(),
        place: None,
    })
}

/// An outlet is a short name (≤ 8 words) starting with a capital, a digit or
/// a domain, and not a date ("Originally published May 30" names no outlet).
fn is_outlet_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    let first = name.chars().next();
    let looks_like_name =
        first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || name.contains('.');
    // "SOURCE: News agencies" (AEB aljazeera.com) names no one.
    let generic = name.split_whitespace().last().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "agencies" | "wires" | "reports" | "staff" | "sources"
        )
    });
    (1..=8).contains(&words) && looks_like_name && !generic && !date::starts_with_month(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn orig(s: &str) -> Option<DeclaredSource> {
        original(&parse(s))
    }

    #[test]
    fn original_source_lines() {
        let d = orig("The original source of this article is [Sputnik](#)").expect("credit");
        assert_eq!((d.outlet.as_str(), d.link), ("Sputnik", None));
        let d = orig("This article was originally published by [Truthout](https://truthout.org/x) on July 3, 2015.")
            .expect("credit");
        assert_eq!(d.outlet, "Truthout");
        assert_eq!(d.link.as_deref(), Some("https://truthout.org/x"));
        assert_eq!(d.date.as_deref(), Some("2015-07-03"));
        let d = orig(
            "This article is republished from The Conversation under a Creative Commons license.",
        )
        .expect("credit");
        assert_eq!(d.outlet, "The Conversation");
        assert_eq!(
            orig("Republished with permission of Reuters.")
                .map(|d| d.outlet)
                .as_deref(),
            Some("Reuters")
        );
    }

    #[test]
    fn dates_are_not_outlets() {
        assert_eq!(orig("Originally published May 30 at 10:25 p.m. PT."), None);
        assert_eq!(orig("Originally published on May 30, 2019."), None);
    }

    #[test]
    fn labels() {
        let lab = |s: &str| label_line(&parse(s)).map(|d| (d.outlet, d.kind));
        assert_eq!(
            lab("/ Source: Associated Press"),
            Some(("AP".into(), CreditKind::OriginalSource))
        );
        assert_eq!(
            lab("h/t: The Hill."),
            Some(("The Hill".into(), CreditKind::Via))
        );
        assert_eq!(
            lab("(h/t RCP Video.)"),
            Some(("RCP Video".into(), CreditKind::Via))
        );
        assert_eq!(
            lab("h/t/: Independent Journal."),
            Some(("Independent Journal".into(), CreditKind::Via))
        );
        assert_eq!(
            lab("Via legislative side doors, Sanders made some gains;"),
            None
        );
        assert_eq!(
            lab("Source familiar with the ad says the group is spending"),
            None
        );
    }

    /// Weak credits in the running text: the forms `reprint-sim` writes for
    /// a text mention (crates/sim/src/scenario/forms.rs, `TextMention`) and
    /// issue 14's "according to X" near the top.
    #[test]
    fn first_reported_in_the_running_text() {
        let weak = |s: &str, top| first_reported(&parse(s), top).map(|d| (d.outlet, d.kind));
        let k = CreditKind::FirstReported;
        assert_eq!(
            weak("The story was first reported by Daily Planet.", false),
            Some(("Daily Planet".into(), k))
        );
        assert_eq!(
            weak("This report draws on reporting by the Daily Planet.", false),
            Some(("Daily Planet".into(), k))
        );
        assert_eq!(
            weak("The Daily Planet first reported the story.", false),
            Some(("The Daily Planet".into(), k))
        );
        assert_eq!(
            weak("The rebels took the town, according to Reuters.", true),
            Some(("Reuters".into(), k))
        );
        // Only near the top, and only an outlet's name.
        assert_eq!(
            weak("The rebels took the town, according to Reuters.", false),
            None
        );
        assert_eq!(
            weak("Two were hurt, according to police officials.", true),
            None
        );
        assert_eq!(
            weak(
                "Officials said on Tuesday the agency first reported losses.",
                false
            ),
            None
        );
    }

    /// Republishing programmes and issue 14's credit lines.
    #[test]
    fn republishing_lines_of_issue_14() {
        let out = |s: &str| orig(s).map(|d| d.outlet);
        assert_eq!(
            out("This story was produced by KFF Health News and is republished here under a Creative Commons license.").as_deref(),
            Some("KFF Health News")
        );
        assert_eq!(
            out("This story was originally published by ProPublica.").as_deref(),
            Some("ProPublica")
        );
        assert_eq!(
            out("This post originally appeared on Global Voices.").as_deref(),
            Some("Global Voices")
        );
        assert_eq!(
            out("Read the original at Futurism.").as_deref(),
            Some("Futurism")
        );
        assert_eq!(
            out("Article from: Agence France-Presse").as_deref(),
            Some("AFP")
        );
        let lab = |s: &str| label_line(&parse(s)).map(|d| d.outlet);
        assert_eq!(lab("Credit: The Associated Press").as_deref(), Some("AP"));
        assert_eq!(
            lab("Credit: Daily Planet (via Echo)").as_deref(),
            Some("Daily Planet")
        );
        assert_eq!(lab("Source: The Associated Press").as_deref(), Some("AP"));
        // Running text writes "the" before a name (reprint-sim's credit
        // lines, crates/sim/src/scenario/forms.rs): the name follows it.
        assert_eq!(
            out("This story was first published by the Westbrook Times-Union and is republished with permission.").as_deref(),
            Some("Westbrook Times-Union")
        );
        assert_eq!(
            out("Read the original at the Bluewater Bulletin.").as_deref(),
            Some("Bluewater Bulletin")
        );
        assert_eq!(
            lab("h/t the Ironwood Herald").as_deref(),
            Some("Ironwood Herald")
        );
        assert_eq!(
            out("This story was first published by the government."),
            None
        );
        let d = orig("First published by [the Valley Herald](https://valleyherald.example/a).")
            .expect("credit");
        assert_eq!(d.link.as_deref(), Some("https://valleyherald.example/a"));
        // Under a graphic: the data's sources, not the text's.
        assert_eq!(lab("Sources: Census Bureau; AP analysis"), None);
    }
}
