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
            r"(?i)(?:\s[|•·/]\s|\s[-–—]\s|\n|\bupdated\b|\bpublished\b|\bposted\b|\bpubliziert\b|\bveröffentlicht\b|\baktualisiert\b|\bon\s+\w+\s+\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\b\d{4}-\d{2}-\d{2}|\bfollow\b|\bemail\b|\b(?:illustrations?|fotos?|photos?|bilder?)\s*(?::|von\b|by\b)|,\s*\d|\b(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?,\s*\d|\s(?:am|on)\s+(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(?-i:\sin\s+\p{Lu}\p{Ll})|\s@\w|vor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten)\b|\b\d+\s+(?:seconds|minutes|hours|days|weeks|months)\s+ago\b).*$",
        )
        .expect("byline tail")
    });
    let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let punct = |c: char| c.is_whitespace() || ",;:|-–—·•»«".contains(c);
    // "vonChris Jung": the capture keeps a name's capital run into "von".
    let name = LEAD.replace(collapsed.trim_start_matches(punct), "${1}");
    // "Grant Tinsley, PhD" (healthline.com, tfe-dev t0685): a degree
    // after the name is not part of it.
    static DEGREE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r",\s*(?:Ph\.?\s?D|M\.?D|MPH|MSc|MS|MA|RDN?|CPT|DO)\.?$").expect("degree")
    });
    let name = TAIL.replace(&name, "");
    let name = DEGREE.replace(name.trim(), "");
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
                | "author"
                | "unknown"
                | "no author"
                | "about the author"
                | "über den autor"
                | "über die autorin"
        )
}

/// Does every word of the name start with a capital, joining words and
/// name particles aside? "Klaus Stanjek", "Jelko Djuren und Jutta
/// Klaukien"; not "Montag bis Freitag geöffnet" after a lower-case "von".
pub fn capitalised(name: &str) -> bool {
    const JOINERS: &[&str] = &[
        "und", "and", "y", "e", "et", "&", "von", "van", "de", "der", "den", "da", "di", "du",
        "la", "le", "del", "zu",
    ];
    name.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty() && !JOINERS.contains(&w.to_lowercase().as_str()))
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
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
        // tfe-dev t0685 (healthline.com), t0694 (houzz.de: the time ran
        // into the name).
        assert_eq!(clean("Grant Tinsley, PhD").unwrap(), "Grant Tinsley");
        assert_eq!(
            clean("Houzz Deutschlandvor 5 Stunden Mehr").unwrap(),
            "Houzz Deutschland"
        );
        assert_eq!(clean("Jane Roe 3 hours ago").unwrap(), "Jane Roe");
        // oekonomenstimme.org (t0802): the date after a comma; elnacional.com
        // (t0615): the Twitter handle after the name.
        assert_eq!(clean("Georg Quaas, 21. Jan. 2015").unwrap(), "Georg Quaas");
        // grazia-magazin.de (t0670): "am Samstag, …"; WordPress's "Posted
        // by DT in Tagebuch" (1hundetagebuch.wordpress.com, t0110).
        assert_eq!(
            clean("Von Isabella.DiBiase am Samstag, 12.10.2019").unwrap(),
            "Isabella.DiBiase"
        );
        assert_eq!(
            clean("DT in Tagebuch ≈ Hinterlasse einen Kommentar").unwrap(),
            "DT"
        );
        // tichyseinblick.de (t0923): the weekday of the date too.
        assert_eq!(
            clean("Von Tomas Spahn Fr, 18. Oktober 2019").unwrap(),
            "Tomas Spahn"
        );
        assert_eq!(
            clean("Williams Perdomo @wperdomod").unwrap(),
            "Williams Perdomo"
        );
        // alacarte.at (tfe-dev t0474): the illustrator after the writer.
        assert_eq!(
            clean("Christian Seiler Illustration von Markus Roost").unwrap(),
            "Christian Seiler"
        );
    }

    #[test]
    fn capitalised_names() {
        assert!(capitalised("Klaus Stanjek"));
        assert!(capitalised("Jelko Djuren und Jutta Klaukien"));
        assert!(capitalised("Ursula von der Leyen"));
        assert!(!capitalised("Montag bis Freitag geöffnet"));
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
