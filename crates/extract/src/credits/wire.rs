//! News agencies: their names, datelines ("WASHINGTON (AP) —") and
//! sign-offs ("(Reporting by …; Editing by …)", "— Reuters").

use super::date;
use crate::{CreditKind, DeclaredSource};
use regex::Regex;
use std::sync::LazyLock;

/// Spellings of agency names → the short name traces compare on.
const AGENCIES: &[(&str, &str)] = &[
    ("ap", "AP"),
    ("a.p.", "AP"),
    ("associated press", "AP"),
    ("the associated press", "AP"),
    ("reuters", "Reuters"),
    ("thomson reuters", "Reuters"),
    ("reuters staff", "Reuters"),
    ("afp", "AFP"),
    ("agence france-presse", "AFP"),
    ("agence france presse", "AFP"),
    ("upi", "UPI"),
    ("united press international", "UPI"),
    ("dpa", "dpa"),
    ("deutsche presse-agentur", "dpa"),
    ("pa", "PA"),
    ("press association", "PA"),
    ("pa media", "PA"),
    ("cnn", "CNN"),
    ("the-cnn-wire", "CNN"),
    ("bloomberg", "Bloomberg"),
    ("bloomberg news", "Bloomberg"),
    ("xinhua", "Xinhua"),
    ("tass", "TASS"),
    ("efe", "EFE"),
    ("ansa", "ANSA"),
    ("kyodo", "Kyodo"),
    ("kyodo news", "Kyodo"),
    ("yonhap", "Yonhap"),
    ("aap", "AAP"),
    ("australian associated press", "AAP"),
    ("cp", "The Canadian Press"),
    ("the canadian press", "The Canadian Press"),
    ("canadian press", "The Canadian Press"),
    ("ians", "IANS"),
    ("pti", "PTI"),
    ("ani", "ANI"),
    ("sputnik", "Sputnik"),
    ("ria novosti", "RIA Novosti"),
];

/// The canonical short name when `name` is a news agency ("The Associated
/// Press" → "AP"), so credits in different spellings compare equal.
pub(crate) fn canonical(name: &str) -> Option<&'static str> {
    let key = name
        .trim()
        .trim_matches(|c: char| (c.is_ascii_punctuation() && c != '.') || c.is_whitespace())
        .trim_end_matches('.')
        .to_lowercase();
    AGENCIES.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// "WASHINGTON (AP) —", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —", "Dec 29 (Reuters) -",
/// "New York (AFP) –", "(CNN) —": place, optional month-day, agency in
/// parentheses, dash. Only agencies in [`AGENCIES`] count, so "(File)" or a
/// party label like "(R)" never does.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<place>[A-Z][A-Za-z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'’ ]{1,25})?)(?:,\s*|\s+))?(?:(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*)?\((?P<agency>[^()]{1,40})\)\s*(?:—|–|--?)\s*",
    )
    .expect("valid regex")
});

/// Reuters' closing credit: "(Reporting by X; Editing by Y)". Parentheses or
/// an "Editing by" part are required: a bare "Reporting by X" is used by many
/// outlets and names no agency.
static REUTERS_SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\(\s*(?:additional )?(?:reporting|writing|compiled) by [^()]+\)\.?|(?:additional )?(?:reporting|writing) by [^()]*;\s*editing by [^()]+)$",
    )
    .expect("valid regex")
});

/// AP's closing credit: "Associated Press writer Emery P. Dalesio in Raleigh
/// also contributed to this report." and "The Associated Press contributed."
static CONTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:the )?(?P<agency>associated press|reuters|afp|agence france-presse|upi|bloomberg(?: news)?)(?: (?:staff )?(?:writers?|reporters?|correspondents?|photographers?|researchers?|videographers?|journalists?)(?-u:\b).{1,250}?)? (?:also )?contributed(?: to this (?:report|story|article))?\.?$",
    )
    .expect("valid regex")
});

/// "— Reuters", "-- The Associated Press": a dash then only an agency.
static DASH_SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:—|–|--?)\s*(?P<agency>[A-Za-z. -]{2,40}?)\.?$").expect("valid regex")
});

/// "Sherman reported from Washington." — AP's reporter-location note that
/// precedes its contributor line.
static REPORTED_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][\w.'’ -]{1,60} (?:reported from|reported this story from) [A-Z][\w .,'’-]{1,60}\.?$")
        .expect("valid regex")
});

/// "… the ministry said. — Reuters" closing the last paragraph.
static TRAILING_DASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s(?:—|–|--)\s*(?P<agency>[A-Z][A-Za-z. ]{1,40}?)\.?\s*$").expect("valid regex")
});

/// A wire dateline at the start of a body paragraph. `year` (from the page's
/// date) completes a month-day dateline.
pub(crate) fn dateline(paragraph: &str, year: Option<i32>) -> Option<DeclaredSource> {
    let c = DATELINE.captures(paragraph)?;
    let outlet = canonical(&c["agency"])?;
    let date = c
        .name("date")
        .zip(year)
        .and_then(|(d, y)| date::month_day(d.as_str(), y))
        .map(|d| d.format("%Y-%m-%d").to_string());
    Some(DeclaredSource {
        outlet: outlet.to_string(),
        date,
        link: None,
        kind: CreditKind::Wire,
        evidence: c.get(0)?.as_str().trim().to_string(),
    })
}

/// A closing agency credit sentence (removed from the body, recorded as Wire).
pub(crate) fn sign_off(sentence: &str) -> Option<DeclaredSource> {
    let s = sentence.trim();
    let outlet = if REUTERS_SIGN_OFF.is_match(s) {
        "Reuters"
    } else if let Some(c) = CONTRIBUTED.captures(s) {
        canonical(&c["agency"])?
    } else {
        canonical(&DASH_SIGN_OFF.captures(s)?["agency"])?
    };
    Some(DeclaredSource {
        outlet: outlet.to_string(),
        date: None,
        link: None,
        kind: CreditKind::Wire,
        evidence: s.to_string(),
    })
}

/// A dash sign-off run into the end of a paragraph: where it starts, and the credit.
pub(crate) fn trailing_dash(paragraph: &str) -> Option<(usize, DeclaredSource)> {
    let c = TRAILING_DASH.captures(paragraph)?;
    let outlet = canonical(&c["agency"])?;
    let whole = c.get(0)?;
    Some((
        whole.start(),
        DeclaredSource {
            outlet: outlet.to_string(),
            date: None,
            link: None,
            kind: CreditKind::Wire,
            evidence: whole.as_str().trim().to_string(),
        },
    ))
}

/// "X reported from Y." — belongs with the contributor line after it.
pub(crate) fn is_reporter_note(sentence: &str) -> bool {
    REPORTED_FROM.is_match(sentence.trim())
}

/// The agency a byline names: "The Associated Press", "By Reuters Staff",
/// "Paul J. Weber and Geoff Mulvihill, Associated Press".
pub(crate) fn byline_agency(byline: &str) -> Option<&'static str> {
    let byline = byline.trim();
    let byline = byline
        .strip_prefix("By ")
        .or_else(|| byline.strip_prefix("by "))
        .unwrap_or(byline);
    canonical(byline).or_else(|| {
        // Not '/': photo credits read "Frank Micelotta/Invision/AP".
        let tail = byline.rsplit([',', '|', '—', '–']).next()?;
        let tail = tail.rsplit(" - ").next()?;
        (tail.len() < byline.len())
            .then(|| canonical(tail))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(s: &str) -> Option<(String, String)> {
        dateline(s, Some(2016)).map(|d| (d.outlet, d.evidence))
    }

    #[test]
    fn datelines_from_attribution_corpus() {
        let cases = [
            ("WASHINGTON (AP) — The Latest on the race", "AP"),
            (
                "HEMPSTEAD, N.Y., Sept. 26 (UPI) — Green Party candidate",
                "UPI",
            ),
            ("New York (AFP) – Oscar-winning actress", "AFP"),
            ("MACAU (Reuters) – Top Republican Party donor", "Reuters"),
            ("Dec 29 (Reuters) - U.S. Democratic candidate", "Reuters"),
            ("PARIS, Aug 31 (Reuters) - France's far-right", "Reuters"),
            (
                "ORLANDO, Fla. (Reuters) - President Barack Obama",
                "Reuters",
            ),
            ("(CNN) — The first debate", "CNN"),
        ];
        for (text, outlet) in cases {
            assert_eq!(dl(text).map(|d| d.0).as_deref(), Some(outlet), "{text}");
        }
        let with_date = dateline("PARIS, Aug 31 (Reuters) - x", Some(2016));
        assert_eq!(
            with_date.and_then(|d| d.date).as_deref(),
            Some("2016-08-31")
        );
    }

    #[test]
    fn not_datelines() {
        assert_eq!(dl("AUSTIN, Texas — Computer files discovered"), None);
        assert_eq!(dl("Sen. Tim Scott (R) — who spoke first"), None);
        assert_eq!(
            dl("He told the Associated Press (AP), “We, the Armenians"),
            None
        );
    }

    #[test]
    fn sign_offs() {
        let r = "(Reporting by Valerie Volcovici; Additional reporting by Lawrence Hurley; Editing by Will Dunham.)";
        assert_eq!(sign_off(r).map(|d| d.outlet).as_deref(), Some("Reuters"));
        let ap = "Associated Press writer Emery P. Dalesio in Raleigh, North Carolina, also contributed to this report.";
        assert_eq!(sign_off(ap).map(|d| d.outlet).as_deref(), Some("AP"));
        assert_eq!(
            sign_off("— Reuters").map(|d| d.outlet).as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            sign_off("CNET's Joan E. Solsman contributed to this report."),
            None
        );
        assert_eq!(sign_off("Reporting by Jane Doe"), None);
        assert!(is_reporter_note("Sherman reported from Washington."));
    }

    #[test]
    fn agencies_in_bylines() {
        assert_eq!(byline_agency("The Associated Press"), Some("AP"));
        assert_eq!(
            byline_agency("Paul J. Weber and Geoff Mulvihill, Associated Press"),
            Some("AP")
        );
        assert_eq!(
            byline_agency("By PAUL J. WEBER - Associated Press"),
            Some("AP")
        );
        assert_eq!(
            byline_agency("Jessica Levinson, professor at Loyola Law School"),
            None
        );
    }
}
