//! The outlets of the simulated world: invented news sites, real wire
//! services (outside the corpus: their own pages are never stored), and the
//! licensing deals between them.
//!
//! [`SITES`], [`WIRES`] and the first entries of [`PARTNERS`] are the legacy
//! (`--layouts flat`) world and must not change: a seed names the same
//! corpus forever. The laid-out world adds [`EXTRA_SITES`] and
//! [`WIRE_SERVICES`].

/// A site that publishes or copies stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Site {
    pub name: &'static str,
    pub host: &'static str,
}

/// Invented outlets of the legacy world: plausible names, none a real outlet's.
pub const SITES: &[Site] = &[
    Site {
        name: "Valley Herald",
        host: "valleyherald.com",
    },
    Site {
        name: "Capitol Ledger",
        host: "capitolledger.com",
    },
    Site {
        name: "Prairie Daily",
        host: "prairiedaily.net",
    },
    Site {
        name: "Harbor Times",
        host: "harbortimes.org",
    },
    Site {
        name: "Northern Sentinel",
        host: "northernsentinel.com",
    },
    Site {
        name: "Metro Dispatch",
        host: "metrodispatch.com",
    },
    Site {
        name: "Civic Wire Report",
        host: "civicwirereport.net",
    },
    Site {
        name: "Lakeside Tribune",
        host: "lakesidetribune.com",
    },
    Site {
        name: "Frontier Observer",
        host: "frontierobserver.com",
    },
    Site {
        name: "Riverbend Gazette",
        host: "riverbendgazette.com",
    },
    Site {
        name: "Summit Chronicle",
        host: "summitchronicle.com",
    },
    Site {
        name: "Independent Digest",
        host: "independentdigest.org",
    },
    Site {
        name: "Coastal Courier",
        host: "coastalcourier.com",
    },
    Site {
        name: "Global Perspective",
        host: "globalperspective.ca",
    },
];

/// Wire services of the legacy world, with their dateline mark.
pub const WIRES: &[(&str, &str)] = &[("AP", "(AP) —"), ("Reuters", "(Reuters) -")];

/// Licensing deals: a source and the outlets licensed to run its text.
pub const PARTNERS: &[(&str, &[&str])] = &[
    (
        "AP",
        &["Valley Herald", "Prairie Daily", "Lakeside Tribune"],
    ),
    ("Reuters", &["Harbor Times", "Coastal Courier"]),
    ("Capitol Ledger", &["Metro Dispatch", "Riverbend Gazette"]),
    (
        "Northern Sentinel",
        &["Summit Chronicle", "Independent Digest"],
    ),
    ("Frontier Observer", &["Independent Digest", "Harbor Times"]),
    (
        "Global Perspective",
        &["Independent Digest", "Civic Wire Report"],
    ),
    // Deals of the laid-out world only (its wires and extra sites).
    ("AFP", &["Tidewater Ledger", "Summit Chronicle"]),
    ("PTI", &["Highland Register"]),
    (
        "Redstone Examiner",
        &["Pinecrest Daily", "Old Mill Gazette"],
    ),
];

/// [`PARTNERS`] as a partners file, in both of the file's directions and
/// with hosts for some names, as a user would write it.
pub const PARTNERS_TOML: &str = r#"# Licensed partners of the simulated outlets.
[[partner]]
source = "The Associated Press"
licensees = ["valleyherald.com", "Prairie Daily", "Lakeside Tribune"]

[[partner]]
source = "Reuters"
licensees = ["Harbor Times", "coastalcourier.com"]

[[partner]]
source = "Capitol Ledger"
licensees = ["Metro Dispatch", "Riverbend Gazette"]

[[partner]]
licensee = "Independent Digest"
sources = ["Northern Sentinel", "Frontier Observer", "globalperspective.ca"]
note = "regional syndication"

[[partner]]
source = "Northern Sentinel"
licensee = "Summit Chronicle"

[[partner]]
source = "Frontier Observer"
licensee = "Harbor Times"

[[partner]]
source = "Global Perspective"
licensee = "Civic Wire Report"

[[partner]]
source = "Agence France-Presse"
licensees = ["Tidewater Ledger", "summitchronicle.com"]

[[partner]]
source = "PTI"
licensee = "Highland Register"

[[partner]]
source = "Redstone Examiner"
licensees = ["Pinecrest Daily", "oldmillgazette.com"]
note = "sister papers"
"#;

/// True when `licensee` may run `source`'s text without credit.
pub fn licensed(source: &str, licensee: &str) -> bool {
    PARTNERS
        .iter()
        .any(|(s, ls)| *s == source && ls.contains(&licensee))
}

/// Invented outlets added by the laid-out world (never drawn by the legacy
/// generator). Some hosts do not spell the name: a page then tells its
/// outlet only by its masthead, its metadata or the collector's record.
pub const EXTRA_SITES: &[Site] = &[
    Site {
        name: "Tidewater Ledger",
        host: "tidewaterledger.com",
    },
    Site {
        name: "Redstone Examiner",
        host: "redstone-examiner.com",
    },
    Site {
        name: "Pinecrest Daily",
        host: "pinecrestdaily.net",
    },
    Site {
        name: "Ironwood Herald",
        host: "ironwoodherald.com",
    },
    Site {
        name: "Meridian Star-Press",
        host: "msp-news.com",
    },
    Site {
        name: "Bluewater Bulletin",
        host: "bluewaterbulletin.org",
    },
    Site {
        name: "Highland Register",
        host: "highlandregister.co.uk",
    },
    Site {
        name: "Westbrook Times-Union",
        host: "westbrooktimesunion.com",
    },
    Site {
        name: "Copperfield Journal",
        host: "copperfieldjournal.com",
    },
    Site {
        name: "Old Mill Gazette",
        host: "oldmillgazette.com",
    },
    Site {
        name: "The Kestrel Review",
        host: "kestrelreview.org",
    },
    Site {
        name: "Newsbeat Daily Online",
        host: "nbdaily.online",
    },
];

/// Every site of the laid-out world.
pub fn all_sites() -> Vec<Site> {
    SITES.iter().chain(EXTRA_SITES).copied().collect()
}

/// A wire service of the laid-out world: the names its copies use, where it
/// files from, and the forms its credits take on real pages.
#[derive(Debug, Clone, Copy)]
pub struct WireService {
    /// The short name the truth uses ("AP").
    pub short: &'static str,
    /// Every name the service goes by, full name first.
    pub names: &'static [&'static str],
    /// The mark in its datelines ("AP", "Reuters", "PTI").
    pub dateline_mark: &'static str,
    /// Datelines carry the day ("LONDON, Jan 17 (Reuters) -").
    pub dated_dateline: bool,
    /// Cities it files from.
    pub cities: &'static [&'static str],
}

/// The wire services of the laid-out world (real services: their names are
/// what copies print). AP, Reuters and AFP are the big three; PTI, Sapa,
/// the Canadian Press, AAP, UPI and dpa are the ones the issue found missed.
pub const WIRE_SERVICES: &[WireService] = &[
    WireService {
        short: "AP",
        names: &["The Associated Press", "Associated Press", "AP"],
        dateline_mark: "AP",
        dated_dateline: false,
        cities: &[
            "WASHINGTON",
            "NEW YORK",
            "CHICAGO",
            "DES MOINES, Iowa",
            "ST. JOSEPH, Mich.",
        ],
    },
    WireService {
        short: "Reuters",
        names: &["Reuters", "Thomson Reuters"],
        dateline_mark: "Reuters",
        dated_dateline: true,
        cities: &["WASHINGTON", "LONDON", "NEW YORK", "BRUSSELS"],
    },
    WireService {
        short: "AFP",
        names: &["Agence France-Presse", "AFP", "Agence France Presse"],
        dateline_mark: "AFP",
        dated_dateline: false,
        cities: &["PARIS", "Washington", "Geneva", "BEIRUT"],
    },
    WireService {
        short: "PTI",
        names: &["Press Trust of India", "PTI"],
        dateline_mark: "PTI",
        dated_dateline: true,
        cities: &["NEW DELHI", "MUMBAI", "Kolkata"],
    },
    WireService {
        short: "Sapa",
        names: &["South African Press Association", "Sapa", "SAPA"],
        dateline_mark: "Sapa",
        dated_dateline: false,
        cities: &["JOHANNESBURG", "Cape Town", "DURBAN"],
    },
    WireService {
        short: "CP",
        names: &["The Canadian Press", "Canadian Press", "CP"],
        dateline_mark: "CP",
        dated_dateline: false,
        cities: &["TORONTO", "OTTAWA", "Vancouver"],
    },
    WireService {
        short: "AAP",
        names: &["Australian Associated Press", "AAP"],
        dateline_mark: "AAP",
        dated_dateline: true,
        cities: &["SYDNEY", "MELBOURNE", "CANBERRA"],
    },
    WireService {
        short: "UPI",
        names: &["United Press International", "UPI"],
        dateline_mark: "UPI",
        dated_dateline: true,
        cities: &["WASHINGTON", "NEW YORK", "SEOUL"],
    },
    WireService {
        short: "dpa",
        names: &["Deutsche Presse-Agentur", "dpa"],
        dateline_mark: "dpa",
        dated_dateline: false,
        cities: &["BERLIN", "Hamburg", "BRUSSELS"],
    },
];

/// The names a story's true origin goes by: a wire's every name, a legacy
/// wire's ("AP", "Reuters") and a site's name and host.
pub fn names_of(outlet: &str) -> Vec<String> {
    if let Some(w) = WIRE_SERVICES.iter().find(|w| w.short == outlet) {
        let mut out: Vec<String> = w.names.iter().map(|n| n.to_string()).collect();
        out.push(w.short.to_string());
        return out;
    }
    if let Some(s) = all_sites().into_iter().find(|s| s.name == outlet) {
        return vec![s.name.to_string(), s.host.to_string()];
    }
    vec![outlet.to_string()]
}

/// An outlet name compared loosely, the way a reader would: case, a
/// leading "the", a "www." and punctuation do not matter.
pub fn loose_name(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    let lower = lower.strip_prefix("www.").unwrap_or(lower);
    lower.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// True when `reported` (an outlet as the tracer names it) is `outlet` (a
/// simulated outlet's truth name) under any of its names.
pub fn is_outlet(reported: &str, outlet: &str) -> bool {
    let r = loose_name(reported);
    !r.is_empty() && names_of(outlet).iter().any(|n| loose_name(n) == r)
}
