//! Copyright lines: "Copyright © Sputnik, Sputnik, 2015",
//! "© 2019 The Associated Press.", "Copyright 2018 by CNN NewSource.",
//! "The-CNN-Wire ™ & © 2019 Cable News Network, Inc."

use crate::Copyright;
use regex::Regex;
use std::sync::LazyLock;

/// A copyright sign or word at the start, or within a few words of it
/// ("The-CNN-Wire ™ & © 2019 …"), then what follows. A lowercase word after
/// "Copyright" ("Copyright infringement suits …") is prose, not a notice.
static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?P<lead>[^©.]{0,30}?[\s&])?(?:copyright\s*(?:©|\(c\))?|(?:©|\(c\))\s*(?:copyright)?)\s*(?P<rest>.*)$",
    )
    .expect("valid regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:19|20)\d{2}(?-u:\b)").expect("valid regex"));
static RESERVED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^all rights reserved\.?$").expect("valid regex"));

/// Parses one sentence as a copyright line.
pub(crate) fn parse(sentence: &str) -> Option<Copyright> {
    let s = sentence.trim();
    if s.len() > 200 {
        return None;
    }
    if RESERVED.is_match(s) {
        return Some(Copyright {
            holder: None,
            year: None,
            evidence: s.to_string(),
            place: None,
        });
    }
    let c = NOTICE.captures(s)?;
    // A lead-in before © must itself be short and not prose.
    if c.name("lead")
        .is_some_and(|l| l.as_str().split_whitespace().count() > 3)
    {
        return None;
    }
    let rest = c.name("rest")?.as_str();
    let year = YEAR.find(rest).and_then(|m| m.as_str().parse().ok());
    let holder = holder(rest);
    let starts_like_prose = rest.chars().next().is_some_and(char::is_lowercase);
    if starts_like_prose || (year.is_none() && holder.is_none()) {
        return None;
    }
    Some(Copyright {
        holder,
        year,
        evidence: s.to_string(),
        place: None,
    })
}

/// True for the "All rights reserved." that continues a copyright line.
pub(crate) fn is_reserved(sentence: &str) -> bool {
    RESERVED.is_match(sentence.trim())
}

/// The holder: the text left once years, "by" and "All rights reserved" are
/// gone, with names repeated by the page ("Sputnik, Sputnik") said once.
fn holder(rest: &str) -> Option<String> {
    let first_sentence = rest
        .split(". ")
        .next()
        .unwrap_or(rest)
        .trim_end_matches('.');
    let mut parts: Vec<String> = Vec::new();
    for part in first_sentence.split(',') {
        let part = YEAR.replace_all(part, "");
        let part = part.trim().trim_start_matches("by ").trim();
        let empty = part.is_empty() || part.eq_ignore_ascii_case("all rights reserved");
        if !empty && !parts.iter().any(|p| p.eq_ignore_ascii_case(part)) {
            parts.push(part.to_string());
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder_year(s: &str) -> Option<(Option<String>, Option<i32>)> {
        parse(s).map(|c| (c.holder, c.year))
    }

    #[test]
    fn real_copyright_lines() {
        assert_eq!(
            holder_year("Copyright © Sputnik, Sputnik, 2015"),
            Some((Some("Sputnik".into()), Some(2015)))
        );
        assert_eq!(
            holder_year("© 2019 The Associated Press. All Rights Reserved."),
            Some((Some("The Associated Press".into()), Some(2019)))
        );
        assert_eq!(
            holder_year("Copyright 2018 by CNN NewSource."),
            Some((Some("CNN NewSource".into()), Some(2018)))
        );
        assert_eq!(
            holder_year("The-CNN-Wire ™ & © 2019 Cable News Network, Inc., a Time Warner Company."),
            Some((
                Some("Cable News Network, Inc., a Time Warner Company".into()),
                Some(2019)
            ))
        );
        assert_eq!(
            holder_year("Copyright 2019 Reuters"),
            Some((Some("Reuters".into()), Some(2019)))
        );
    }

    #[test]
    fn prose_about_copyright_is_not_a_notice() {
        assert_eq!(
            parse("Copyright infringement suits have grown since 2015."),
            None
        );
        assert_eq!(
            parse("The court said the copyright claim from 2015 was weak."),
            None
        );
    }
}
