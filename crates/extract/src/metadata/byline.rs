//! Cleaning bylines into names: "By Jane Doe | May 31, 2019" → "Jane Doe".

use std::sync::LazyLock;

use regex::Regex;

/// The name(s) in a byline, or `None` when the text does not look like one
/// (a URL, a sentence, a date, a bio).
pub fn clean(raw: &str) -> Option<String> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?i:(?:written|posted|published|reported|text|story|words|photos?|veröffentlicht|publiziert|geschrieben|verfasst|erstellt|beitrag|artikel|publicado|escrito|publié|écrit|interview)\s*:?\s*)?(?:(?i:by|von|vom|por|par|di|door|av|af|autor(?:in)?|author|auteur|texto?|interview)\b\s*:?\s*|(?:by|von|vom|por|par|di|door|av|af)(\p{Lu}))",
        )
        .expect("byline lead")
    });
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:\s[|•·/]\s|\s[-–—]\s|\n|\bupdated\b|\bpublished\b|\bposted\b|\bon\s+\w+\s+\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\b\d{4}-\d{2}-\d{2}|\bfollow\b|\bemail\b).*$",
        )
        .expect("byline tail")
    });
    let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let punct = |c: char| c.is_whitespace() || ",;:|-–—·•»«".contains(c);
    // "vonChris Jung": the capture keeps a name's capital run into "von".
    let name = LEAD.replace(collapsed.trim_start_matches(punct), "${1}");
    let name = TAIL.replace(&name, "");
    let name = name.trim_matches(punct);
    // "R. R. am" before a date that was cut (ivw-online.de, tfe-dev t0431).
    let name = name
        .strip_suffix(" am")
        .or_else(|| name.strip_suffix(" on"))
        .unwrap_or(name)
        .trim_matches(punct)
        .to_string();
    looks_like_names(&name).then_some(name)
}

/// Words that start a date or label line, never a name ("Veröffentlicht am").
const LABEL_WORDS: &[&str] = &[
    "veröffentlicht",
    "publiziert",
    "published",
    "posted",
    "updated",
    "aktualisiert",
    "am",
    "on",
    "le",
    "el",
    "publicado",
    "share",
    "teilen",
    "mehr",
];

fn looks_like_names(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let lower = s.to_lowercase();
    let first_word = lower.split_whitespace().next().unwrap_or("");
    !s.is_empty()
        && !LABEL_WORDS.contains(&first_word)
        && s.chars().count() <= 100
        && words <= 12
        && !lower.contains("http")
        && !lower.contains("www.")
        && !s.contains('@')
        && !s.contains('{')
        && s.chars().filter(|c| c.is_ascii_digit()).count() <= 2
        && s.chars().any(char::is_alphabetic)
        && !matches!(
            lower.as_str(),
            "admin"
                | "administrator"
                | "staff"
                | "editor"
                | "redaktion"
                | "author"
                | "unknown"
                | "no author"
                | "about the author"
                | "über den autor"
                | "über die autorin"
        )
}

/// Joins several authors the way the field is printed: "A; B".
pub fn join(names: &[String]) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    for n in names.iter().filter_map(|n| clean(n)) {
        if !seen.iter().any(|s| s.eq_ignore_ascii_case(&n)) {
            seen.push(n);
        }
    }
    (!seen.is_empty()).then(|| seen.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_by_and_trailing_date() {
        assert_eq!(clean("By Jane Doe | May 31, 2019").unwrap(), "Jane Doe");
        assert_eq!(clean("Von  Roland Brockmann").unwrap(), "Roland Brockmann");
        assert_eq!(clean("BY JOHN SMITH - Updated 5pm").unwrap(), "JOHN SMITH");
        // campino2k.de, foren.myoos.de: label and "von" run together.
        assert_eq!(clean("Veröffentlicht vonChris Jung").unwrap(), "Chris Jung");
        assert_eq!(clean("Beitragvon r23 »").unwrap(), "r23");
        assert_eq!(clean("Veröffentlicht am"), None);
        // france.attac.org: the byline span starts with a separator.
        assert_eq!(clean(", par Attac France").unwrap(), "Attac France");
        // tfe-dev t0602 (wsl.ch), t0643 (fluter.de), t0918 (thelocal.de).
        assert_eq!(clean("Erstellt von Andri Bryner").unwrap(), "Andri Bryner");
        assert_eq!(clean("Interview: Julia Lauter").unwrap(), "Julia Lauter");
        assert_eq!(clean("AFP/The Local").unwrap(), "AFP/The Local");
        assert_eq!(clean("About the Author"), None);
    }

    #[test]
    fn rejects_urls_and_prose() {
        assert_eq!(clean("https://www.facebook.com/someone"), None);
        assert_eq!(
            clean("Jane is a reporter who has covered politics and the economy for many years now and more"),
            None
        );
    }
}
