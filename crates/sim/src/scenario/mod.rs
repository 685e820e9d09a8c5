//! Simulated syndication: a story starts on one site (or at a wire service
//! outside the corpus) and is copied by other sites, directly or through a
//! proxy, each copy with its own credit behaviour, edits, date display and
//! site furniture.
//!
//! Two generators share the truth types below:
//! - [`legacy`] (`--layouts flat`): the first simulator, every page a
//!   flattened markdown page; kept so that its seeds name the same corpus
//!   they always did;
//! - [`crate::world`] (the default): pages rendered as HTML (or flattened text)
//!   through site templates drawn at random per seed ([`crate::layout`]),
//!   with credit lines, photo credits, terms and dates in many forms and
//!   places ([`marks`], [`dates`]).
//!
//! Some sites hold licences to run others' text ([`PARTNERS`]); a licensee
//! that runs its licensor's text without credit is "licensed", not
//! "uncredited". The tracer learns of the deals from [`PARTNERS_TOML`], the
//! same table written as a partners file.
//!
//! The ground truth is decided here from the scenario, by the rules a careful
//! reader would apply — never by calling the tracer.

pub mod dates;
pub mod edits;
pub mod forms;
pub mod legacy;
pub mod marks;
pub mod outlets;
pub mod people;

use std::collections::BTreeSet;

use reprint_trace::ChangeKind;

pub use dates::DateCase;
pub use marks::{Form, LinkTo, Mark, Place, Seg};
pub use outlets::{
    licensed, Site, WireService, EXTRA_SITES, PARTNERS, PARTNERS_TOML, SITES, WIRES, WIRE_SERVICES,
};

/// The terms an origin sets for republishing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Licence {
    None,
    /// Global Research-style cross-posting terms: source and copyright
    /// acknowledged, hyperlink to the original.
    CrossPost,
    CcBy,
    CcByNd,
    /// Terms the source sets in its own words (laid-out world only).
    Own(OwnTerms),
}

/// Republishing terms written by the source itself, as small sites and
/// state media do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnTerms {
    /// "Reprinting permitted only with an active hyperlink to the original":
    /// a link to the article itself, not the home page.
    LinkToOriginal,
    /// "May be republished … provided it is not edited."
    NoEdits,
    /// "… provided this copyright notice is kept."
    KeepCopyright,
}

/// The verdict a careful reader would give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TruthCredit {
    Credited,
    Partial,
    Uncredited,
    /// No credit, by a licensee of the source.
    Licensed,
}

impl TruthCredit {
    /// Uncredited text run by a licensee of its source is licensed.
    pub fn under_licence(self, source: &str, licensee: &str) -> TruthCredit {
        if self == TruthCredit::Uncredited && licensed(source, licensee) {
            TruthCredit::Licensed
        } else {
            self
        }
    }

    /// The verdict's name as the tracer spells it.
    pub fn name(self) -> &'static str {
        match self {
            TruthCredit::Credited => "credited",
            TruthCredit::Partial => "partial",
            TruthCredit::Uncredited => "uncredited",
            TruthCredit::Licensed => "licensed",
        }
    }
}

/// Where a page took its text from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TruthSource {
    /// It is the origin.
    Origin,
    /// The wire service outside the corpus.
    Wire,
    /// The member at this index (the origin, or a proxy).
    Member(usize),
}

/// A story's true origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TruthOrigin {
    /// The member at this index is the origin.
    Member(usize),
    /// A wire service outside the corpus (its short name).
    Wire(&'static str),
}

/// How a page reaches the pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// An HTML document, as fetched.
    Html,
    /// A markdown / plain-text page, as a scraper flattened it.
    Text,
}

/// One simulated page.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: String,
    pub site: Site,
    pub url: String,
    /// The page as the pipeline reads it.
    pub page: String,
    pub format: PageFormat,
    /// The site as the collector recorded it beside the page (a JSONL
    /// `site`); None when only the page itself says which outlet it is.
    pub input_site: Option<String>,
    /// RFC 3339 fetch time.
    pub fetched: String,
    /// True publication time (Unix seconds).
    pub published_at: i64,
    /// How the page shows its dates.
    pub date: DateCase,
    /// The dates as shown (laid-out world; None for legacy pages).
    pub dates: Option<dates::DateDisplay>,
    /// The publication time it shows as such (Unix seconds), if any.
    pub shown_at: Option<i64>,
    /// Credit to the story's origin (None for the origin itself).
    pub credit: Option<TruthCredit>,
    /// Where this page took its text from.
    pub source: TruthSource,
    /// Credit to that source (None for the origin itself).
    pub hop_credit: Option<TruthCredit>,
    /// What changed against the origin.
    pub changes: BTreeSet<ChangeKind>,
    /// The page shows, in its own text, that it copied its source: it
    /// carries the source's site furniture or stops short inside one of the
    /// source's paragraphs.
    pub shows_its_source: bool,
    /// Credit lines on the page and their look-alikes (photo credits, site
    /// chrome naming an outlet), each with where it sits. Empty for legacy
    /// pages.
    pub marks: Vec<Mark>,
    /// The layout family the page was rendered through.
    pub layout: &'static str,
}

/// One simulated story and its truth.
#[derive(Debug, Clone)]
pub struct SimStory {
    pub members: Vec<Member>,
    pub origin: TruthOrigin,
    /// Whether the evidence on the pages decides the origin: a copy names or
    /// links the origin in a credit line (a wire's copies: name it), or the
    /// dates put the origin before every copy.
    pub decidable: bool,
    /// Decidable only through the pages' own text (cut-off text, carried
    /// furniture): no credit names the origin and the dates alone do not
    /// decide.
    pub decided_by_text: bool,
    /// The real article the story's text comes from, as its normalised
    /// headline ([`crate::texts::key`]): stories with one key share a text.
    pub text: String,
}

/// Seconds in a day.
pub const DAY: i64 = 86_400;

pub(crate) const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Unix seconds to (year, month index 0–11, day of month).
pub fn civil(t: i64) -> (i64, usize, i64) {
    // Days since 1970-01-01 to (year, month index, day): Howard Hinnant's algorithm.
    let z = t.div_euclid(DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, (m - 1) as usize, d)
}

/// Day of the week (0 = Monday) of Unix seconds `t`.
pub fn weekday(t: i64) -> usize {
    // 1970-01-01 was a Thursday.
    (t.div_euclid(DAY) + 3).rem_euclid(7) as usize
}

/// Unix seconds as `YYYY-MM-DDTHH:MM:00Z`.
pub fn rfc3339(t: i64) -> String {
    let (y, m, d) = civil(t);
    let s = t.rem_euclid(DAY);
    format!(
        "{y:04}-{:02}-{d:02}T{:02}:{:02}:00Z",
        m + 1,
        s / 3600,
        (s % 3600) / 60
    )
}

/// A site's newsletter call: furniture on every page it publishes.
pub fn newsletter(site: Site) -> String {
    format!(
        "Sign up for the {} newsletter to get the latest news every morning.",
        site.name
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_are_right() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_451_606_400), "2016-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_456_704_000 + 3_723), "2016-02-29T01:02:00Z");
        // 2016-01-01 was a Friday.
        assert_eq!(DAYS[weekday(1_451_606_400)], "Friday");
    }

    #[test]
    fn the_partners_file_lists_exactly_the_partner_table() {
        let file = reprint_trace::Partners::parse(PARTNERS_TOML, "sim.toml").unwrap();
        let sites = outlets::all_sites();
        let outlets: Vec<&str> = sites
            .iter()
            .map(|s| s.name)
            .chain(WIRES.iter().map(|w| w.0))
            .chain(WIRE_SERVICES.iter().map(|w| w.short))
            .collect();
        for source in &outlets {
            for licensee in sites.iter().map(|s| s.name) {
                assert_eq!(
                    file.licence(source, licensee).is_some(),
                    licensed(source, licensee),
                    "{source} → {licensee}"
                );
            }
        }
    }

    #[test]
    fn outlets_compare_under_any_of_their_names() {
        assert!(outlets::is_outlet("The Associated Press", "AP"));
        assert!(outlets::is_outlet("Associated Press", "AP"));
        assert!(outlets::is_outlet("Press Trust of India", "PTI"));
        assert!(outlets::is_outlet("valleyherald.com", "Valley Herald"));
        assert!(outlets::is_outlet("the Valley Herald", "Valley Herald"));
        assert!(!outlets::is_outlet("AFP", "AP"));
        assert!(!outlets::is_outlet("", "AP"));
    }
}
