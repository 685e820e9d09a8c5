//! Cleaning bylines into names: "By Jane Doe | May 31, 2019" → "Jane Doe".

use std::sync::LazyLock;

use regex::Regex;

/// The name(s) in a byline, or `None` when the text does not look like one
/// (a URL, a sentence, a date, a bio).
pub fn clean(raw: &str) -> Option<String> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:(?:written|posted|published|reported|text|story|words|photos?)\s+)?(?:by|von|por|par|di|door|av|af|autor(?:in)?|author|auteur|texto?)\b\s*:?\s*",
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
    let name = LEAD.replace(&collapsed, "");
    let name = TAIL.replace(&name, "");
    let name = name
        .trim_matches(|c: char| c.is_whitespace() || ",;:|-–—·•".contains(c))
        .to_string();
    looks_like_names(&name).then_some(name)
}

fn looks_like_names(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let lower = s.to_lowercase();
    !s.is_empty()
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
            "admin" | "administrator" | "staff" | "editor" | "redaktion" | "author" | "unknown"
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
