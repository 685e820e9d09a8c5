//! Simulated syndication: a story starts on one site (or at a wire service
//! outside the corpus) and is copied by other sites, directly or through a
//! proxy, each copy with its own credit behaviour, edits, date display and
//! site furniture. Every page is rendered as a markdown text page, the way a
//! scraper would flatten it, so extraction is part of what is measured.
//!
//! Some sites hold licences to run others' text ([`PARTNERS`]); a licensee
//! that runs its licensor's text without credit is "licensed", not
//! "uncredited". The tracer learns of the deals from [`PARTNERS_TOML`], the
//! same table written as a partners file.
//!
//! The ground truth is decided here from the scenario, by the rules a careful
//! reader would apply — never by calling the tracer.

use std::collections::BTreeSet;

use reprint_trace::ChangeKind;

use crate::rng::Rng;
use crate::texts::SourceText;

/// A site that publishes or copies stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Site {
    pub name: &'static str,
    pub host: &'static str,
}

/// Invented outlets: plausible names, none a real outlet's.
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

/// Wire services: the origin is outside the corpus.
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
"#;

/// True when `licensee` may run `source`'s text without credit.
pub fn licensed(source: &str, licensee: &str) -> bool {
    PARTNERS
        .iter()
        .any(|(s, ls)| *s == source && ls.contains(&licensee))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Licence {
    None,
    /// Global Research-style cross-posting terms: source and copyright
    /// acknowledged, hyperlink to the original.
    CrossPost,
    CcBy,
    CcByNd,
}

/// How a copy credits the page it copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// A credit line naming the source with a hyperlink (and the copyright
    /// line, sometimes).
    Full,
    /// A credit line naming the source, without a link.
    NameOnly,
    /// The source named in a sentence of the body only.
    TextMention,
    None,
}

/// The date a page displays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateShown {
    True,
    Missing,
    /// A few days earlier than the truth (a wrong or stale date).
    Wrong,
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
    fn under_licence(self, source: &str, licensee: &str) -> TruthCredit {
        if self == TruthCredit::Uncredited && licensed(source, licensee) {
            TruthCredit::Licensed
        } else {
            self
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TruthOrigin {
    /// The member at this index is the origin.
    Member(usize),
    Wire(&'static str),
}

/// One simulated page.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: String,
    pub site: Site,
    pub url: String,
    /// The page as a scraper would flatten it (markdown).
    pub page: String,
    /// RFC 3339 fetch time.
    pub fetched: String,
    /// True publication time (Unix seconds).
    pub published_at: i64,
    /// What date the page shows.
    pub date_shown: DateShown,
    /// The time of the date it shows (Unix seconds), if any.
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
}

#[derive(Debug, Clone)]
pub struct SimStory {
    pub members: Vec<Member>,
    pub origin: TruthOrigin,
    /// Whether the evidence on the pages decides the origin: a copy names or
    /// links the origin in a credit line, or (wire stories) most copies carry
    /// the wire's dateline, or every page shows a correct date and the
    /// origin's is a calendar day earlier than all others.
    pub decidable: bool,
    /// Decidable only through the pages' own text (cut-off text, carried
    /// furniture): no credit names the origin and the dates alone do not
    /// decide.
    pub decided_by_text: bool,
}

/// Text of a story as it travels: headline and body.
#[derive(Debug, Clone)]
struct Body {
    title: String,
    paragraphs: Vec<String>,
    /// Per paragraph: true when it is the origin's text (not inserted on
    /// the way), so later edits change only what the origin wrote.
    from_origin: Vec<bool>,
    changes: BTreeSet<ChangeKind>,
    /// The text stops short inside its last paragraph (an excerpt).
    truncated: bool,
}

const DAY: i64 = 86_400;

pub fn generate(rng: &mut Rng, texts: &[SourceText], stories: usize) -> Vec<SimStory> {
    (0..stories)
        .map(|n| {
            let text = &texts[rng.below(texts.len())];
            let filler = &texts[rng.below(texts.len())];
            if rng.chance(0.25) {
                wire_story(rng, n, text)
            } else {
                site_story(rng, n, text, filler)
            }
        })
        .collect()
}

/// Picks `k` distinct sites.
fn sites(rng: &mut Rng, k: usize) -> Vec<Site> {
    let mut all: Vec<Site> = SITES.to_vec();
    let mut out = Vec::new();
    while out.len() < k && !all.is_empty() {
        out.push(all.remove(rng.below(all.len())));
    }
    out
}

fn base_time(rng: &mut Rng) -> i64 {
    // 2016-01-01 plus up to 300 days, at a random minute of the day.
    1_451_606_400 + rng.below(300) as i64 * DAY + rng.below(1440) as i64 * 60
}

fn site_story(rng: &mut Rng, n: usize, text: &SourceText, filler: &SourceText) -> SimStory {
    let copies = 1 + rng.below(4);
    let places = sites(rng, copies + 1);
    let licence = *rng.pick(&[
        Licence::None,
        Licence::None,
        Licence::CrossPost,
        Licence::CcBy,
        Licence::CcByNd,
    ]);
    let t0 = base_time(rng);
    let origin_body = Body {
        title: text.title.clone(),
        paragraphs: text.paragraphs.clone(),
        from_origin: vec![true; text.paragraphs.len()],
        changes: BTreeSet::new(),
        truncated: false,
    };
    let mut bodies = vec![origin_body.clone()];
    let mut times = vec![t0];
    let mut members = vec![render(
        rng,
        n,
        0,
        places[0],
        &origin_body,
        t0,
        Some(licence),
        None,
        Behaviour::None,
        None,
    )];
    let mut decided_by_credit = false;
    for (i, site) in places.iter().enumerate().skip(1) {
        // Mostly from the origin; sometimes through an earlier copy (a proxy).
        let source = if i > 1 && rng.chance(0.25) {
            1 + rng.below(i - 1)
        } else {
            0
        };
        let behaviour = behaviour(rng, licensed(places[source].name, site.name), true);
        let body = edit(rng, &bodies[source], filler);
        let t = times[source] + 3600 + rng.below(47 * 3600) as i64;
        let source_site = members[source].site;
        let source_url = members[source].url.clone();
        // Some proxies take the source's article block whole, its
        // newsletter call included.
        let carried = rng.chance(0.15).then_some(source_site);
        let mut m = render(
            rng,
            n,
            i,
            *site,
            &body,
            t,
            None,
            Some((source_site, source_url)),
            behaviour,
            carried,
        );
        // A cut-off text is cut from the origin, whoever passed it on; the
        // source's furniture leads to the source, and on from it only if the
        // source's own page shows where it came from.
        m.shows_its_source = body.truncated
            || (carried.is_some() && (source == 0 || members[source].shows_its_source));
        let body_changed = body
            .changes
            .iter()
            .any(|c| !matches!(c, ChangeKind::HeadlineChanged | ChangeKind::KickerAdded));
        let credit = if source != 0 {
            // A proxy's credit lines are not in its body: the origin's name
            // is lost, whatever this copy says about the proxy.
            TruthCredit::Uncredited
        } else {
            truth_credit(
                behaviour,
                licence,
                body_changed,
                m.page.contains("Copyright ©"),
            )
        };
        m.credit = Some(credit.under_licence(places[0].name, site.name));
        // Proxies state no licence: only a link is owed to them.
        let hop = if source == 0 {
            credit
        } else {
            truth_credit(behaviour, Licence::None, body_changed, false)
        };
        m.hop_credit = Some(hop.under_licence(places[source].name, site.name));
        m.source = TruthSource::Member(source);
        decided_by_credit |=
            source == 0 && matches!(behaviour, Behaviour::Full | Behaviour::NameOnly);
        m.changes = body.changes.clone();
        bodies.push(body);
        times.push(t);
        members.push(m);
    }
    let by_credit_or_dates = decided_by_credit || dates_decide(&members);
    let decided_by_text = !by_credit_or_dates && text_decides(&members);
    SimStory {
        members,
        origin: TruthOrigin::Member(0),
        decidable: by_credit_or_dates || decided_by_text,
        decided_by_text,
    }
}

/// How a copy credits its source. Licensees mostly run the text without
/// credit, as their contract allows; wire copies are never credited by a
/// bare name line (`by_name`: a site's credit line may lack a link).
fn behaviour(rng: &mut Rng, licensee: bool, by_name: bool) -> Behaviour {
    if licensee && rng.chance(0.6) {
        return Behaviour::None;
    }
    let all = [
        Behaviour::Full,
        Behaviour::Full,
        Behaviour::NameOnly,
        Behaviour::TextMention,
        Behaviour::None,
        Behaviour::None,
    ];
    if by_name {
        *rng.pick(&all)
    } else {
        *rng.pick(&[all[0], all[1], all[3], all[4]])
    }
}

/// The verdict on a direct copy of the origin, by the origin's terms: a
/// hyperlink is always owed to a web original; the cross-posting terms also
/// want the copyright line; CC BY wants changes indicated (our copies never
/// indicate them); CC BY-ND forbids changes.
fn truth_credit(b: Behaviour, licence: Licence, changed: bool, copyright: bool) -> TruthCredit {
    match b {
        Behaviour::None => TruthCredit::Uncredited,
        Behaviour::NameOnly | Behaviour::TextMention => TruthCredit::Partial,
        Behaviour::Full => {
            let terms_met = match licence {
                Licence::None => true,
                Licence::CrossPost => copyright,
                Licence::CcBy | Licence::CcByNd => !changed,
            };
            if terms_met {
                TruthCredit::Credited
            } else {
                TruthCredit::Partial
            }
        }
    }
}

/// Dates alone decide when every page shows its true date and the origin's
/// calendar day is earlier than every copy's.
fn dates_decide(members: &[Member]) -> bool {
    let day =
        |m: &Member| (m.date_shown == DateShown::True).then(|| m.published_at.div_euclid(DAY));
    let Some(first) = members.first().and_then(day) else {
        return false;
    };
    members
        .iter()
        .skip(1)
        .all(|m| day(m).is_some_and(|d| d > first))
}

/// The pages' own text decides when some copies show, by a chain of cut-off
/// text or carried furniture, that they come from the origin, no such copy
/// shows a date a calendar day before the origin's, and every other copy
/// shows a true date a calendar day after the origin's true date.
fn text_decides(members: &[Member]) -> bool {
    let shown_day = |m: &Member| m.shown_at.map(|t| t.div_euclid(DAY));
    let true_day =
        |m: &Member| (m.date_shown == DateShown::True).then(|| m.published_at.div_euclid(DAY));
    let origin = &members[0];
    let copies = &members[1..];
    copies.iter().any(|m| m.shows_its_source)
        && copies.iter().all(|m| {
            if m.shows_its_source {
                !matches!((shown_day(m), shown_day(origin)), (Some(d), Some(d0)) if d < d0)
            } else {
                matches!((true_day(m), true_day(origin)), (Some(d), Some(d0)) if d > d0)
            }
        })
}

fn wire_story(rng: &mut Rng, n: usize, text: &SourceText) -> SimStory {
    let (wire, dateline) = *rng.pick(WIRES);
    let copies = 2 + rng.below(3);
    let places = sites(rng, copies);
    let t0 = base_time(rng);
    let city = *rng.pick(&["WASHINGTON", "NEW YORK", "CHICAGO", "DES MOINES, Iowa"]);
    let mut members = Vec::new();
    let mut credited = 0;
    for (i, site) in places.iter().enumerate() {
        let behaviour = behaviour(rng, licensed(wire, site.name), false);
        let mut paragraphs = text.paragraphs.clone();
        let credit = match behaviour {
            Behaviour::Full | Behaviour::NameOnly => {
                paragraphs[0] = format!("{city} {dateline} {}", paragraphs[0]);
                credited += 1;
                TruthCredit::Credited
            }
            Behaviour::TextMention => {
                let full = if wire == "AP" {
                    "The Associated Press"
                } else {
                    "Reuters"
                };
                let last = paragraphs.len() - 1;
                paragraphs[last] = format!("{} {full} first reported the story.", paragraphs[last]);
                TruthCredit::Partial
            }
            Behaviour::None => TruthCredit::Uncredited,
        };
        let body = Body {
            title: text.title.clone(),
            from_origin: vec![true; paragraphs.len()],
            paragraphs,
            changes: BTreeSet::new(),
            truncated: false,
        };
        let t = t0 + rng.below(12 * 3600) as i64;
        let mut m = render(
            rng,
            n,
            i,
            *site,
            &body,
            t,
            None,
            None,
            Behaviour::None,
            None,
        );
        let credit = credit.under_licence(wire, site.name);
        m.credit = Some(credit);
        m.hop_credit = Some(credit);
        m.source = TruthSource::Wire;
        members.push(m);
    }
    SimStory {
        members,
        origin: TruthOrigin::Wire(wire),
        decidable: credited * 2 >= copies,
        decided_by_text: false,
    }
}

/// Applies a random set of edits to a copy of `from`. Cuts come first and
/// inserts last, and every edit touches only the origin's own paragraphs, so
/// that quotations, names and numbers are only altered in text the origin
/// has (an edit inside an inserted paragraph — this copy's or a proxy's — is
/// not a change *to* the origin's text).
fn edit(rng: &mut Rng, from: &Body, filler: &SourceText) -> Body {
    let mut b = from.clone();
    if rng.chance(0.3) {
        b.title = format!(
            "{}: {}",
            rng.pick(&["Report", "Watch", "Analysis"]),
            b.title
        );
        b.changes.insert(ChangeKind::HeadlineChanged);
    }
    // Before the other edits, which then leave the new lede alone (it is
    // no longer the origin's text).
    if rng.chance(0.15) && b.from_origin[0] {
        if let Some(new) = rewrite_lede(rng, &b.paragraphs[0]) {
            b.paragraphs[0] = new;
            b.from_origin[0] = false;
            b.changes.insert(ChangeKind::LedeRewritten);
        }
    }
    if rng.chance(0.1) && !b.truncated && truncate(rng, &mut b) {
        b.changes.insert(ChangeKind::ParagraphCut);
    }
    let own = |b: &Body| -> Vec<usize> {
        (1..b.paragraphs.len())
            .filter(|&i| b.from_origin[i])
            .collect()
    };
    let cuttable = own(&b);
    if rng.chance(0.25) && b.paragraphs.len() > 4 && !cuttable.is_empty() {
        let at = *rng.pick(&cuttable);
        b.paragraphs.remove(at);
        b.from_origin.remove(at);
        b.changes.insert(ChangeKind::ParagraphCut);
    }
    let kept: Vec<usize> = (0..b.paragraphs.len())
        .filter(|&i| b.from_origin[i])
        .collect();
    let mut text: Vec<String> = kept.iter().map(|&i| b.paragraphs[i].clone()).collect();
    if rng.chance(0.3) && alter_quote(rng, &mut text) {
        b.changes.insert(ChangeKind::QuoteAltered);
    }
    if rng.chance(0.25) && alter_number(rng, &mut text) {
        b.changes.insert(ChangeKind::NumberChanged);
    }
    if rng.chance(0.35) && swap_speaker(rng, &mut text) {
        b.changes.insert(ChangeKind::SpeakerChanged);
    }
    if rng.chance(0.2) && change_name(rng, &mut text) {
        b.changes.insert(ChangeKind::EntityChanged);
    }
    for (i, t) in kept.into_iter().zip(text) {
        b.paragraphs[i] = t;
    }
    let pairs: Vec<usize> = own(&b)
        .into_iter()
        .filter(|&i| b.from_origin.get(i + 1) == Some(&true))
        .collect();
    if rng.chance(0.15) && b.paragraphs.len() > 3 && !pairs.is_empty() {
        let at = *rng.pick(&pairs);
        b.paragraphs.swap(at, at + 1);
        b.changes.insert(ChangeKind::ParagraphsReordered);
    }
    if rng.chance(0.25) {
        let extra = filler.paragraphs[rng.below(filler.paragraphs.len())].clone();
        // A cut-off text keeps its cut paragraph last.
        let room = b.paragraphs.len() - usize::from(b.truncated);
        let at = 1 + rng.below(room.max(1));
        b.paragraphs.insert(at, extra);
        b.from_origin.insert(at, false);
        b.changes.insert(ChangeKind::ParagraphInserted);
    }
    b
}

/// Cuts the text off inside one of the origin's paragraphs (an excerpt, as
/// aggregators run): everything after it dropped, the paragraph itself cut
/// between 40% and 70% of its words and closed by an ellipsis. The paragraph
/// has no quotation marks (a cut quotation is not an altered one) and at
/// least one dropped paragraph is long enough to count as cut. The cut
/// paragraph is no longer the origin's text, so later edits leave it alone.
fn truncate(rng: &mut Rng, b: &mut Body) -> bool {
    let long = |p: &str| p.split_whitespace().count() >= 12;
    let places: Vec<usize> = (1..b.paragraphs.len().saturating_sub(1))
        .filter(|&k| b.from_origin[k] && long(&b.paragraphs[k]))
        .filter(|&k| !b.paragraphs[k].contains(['"', '“', '”']))
        .filter(|&k| b.paragraphs[k + 1..].iter().any(|p| long(p)))
        .collect();
    if places.is_empty() {
        return false;
    }
    let k = *rng.pick(&places);
    let words: Vec<&str> = b.paragraphs[k].split_whitespace().collect();
    let keep = words.len() * (40 + rng.below(31)) / 100;
    let cut = format!(
        "{}…",
        words[..keep]
            .join(" ")
            .trim_end_matches(['.', ',', ';', ':'])
    );
    b.paragraphs.truncate(k);
    b.from_origin.truncate(k);
    b.paragraphs.push(cut);
    b.from_origin.push(false);
    b.truncated = true;
    true
}

/// New openings for a rewritten lede: the copy's own words around the
/// names the origin's lede gives (`{}`).
const LEDE_TEMPLATES: &[&str] = &[
    "{} are at the centre of a fast-moving account whose newest twists keep drawing sharp reactions from every side.",
    "Fresh questions keep swirling around {}, and here is a closer look at the newest twists in a saga showing no sign of ending soon.",
    "What began as a quiet stretch turned into something else entirely for {}, with pressure mounting and answers still scarce.",
    "Everything now hinges on {}, as a quickly unfolding saga leaves observers scrambling to keep pace with each twist.",
];

/// A lede in other words: a template around two or three names from the
/// origin's lede (capitalised words of four letters or more inside its
/// sentences), as a copy rewriting the opening keeps who it is about and
/// little else. None for a short lede or one with fewer than two names.
fn rewrite_lede(rng: &mut Rng, lede: &str) -> Option<String> {
    if lede.split_whitespace().count() < 15 {
        return None;
    }
    // Adjacent capitalised words are one name ("Marco Rubio").
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (s, e) in name_spans(lede).into_iter().filter(|(s, e)| e - s >= 4) {
        match spans.last_mut() {
            Some(last) if last.1 + 1 == s => last.1 = e,
            _ => spans.push((s, e)),
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for (s, e) in spans {
        if !names.contains(&&lede[s..e]) {
            names.push(&lede[s..e]);
        }
    }
    names.truncate(3);
    let listed = match names.as_slice() {
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        _ => return None,
    };
    Some(LEDE_TEMPLATES[rng.below(LEDE_TEMPLATES.len())].replace("{}", &listed))
}

/// Replaces one word inside a quotation of three or more words.
fn alter_quote(rng: &mut Rng, paragraphs: &mut [String]) -> bool {
    let candidates: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| quote_span(&paragraphs[i]).is_some())
        .collect();
    if candidates.is_empty() {
        return false;
    }
    let i = candidates[rng.below(candidates.len())];
    let Some((start, end)) = quote_span(&paragraphs[i]) else {
        return false;
    };
    let p = &paragraphs[i];
    let inside = &p[start..end];
    let words: Vec<&str> = inside.split(' ').collect();
    let w = rng.below(words.len());
    let mut new: Vec<String> = words.iter().map(|s| s.to_string()).collect();
    let pick = *rng.pick(&["never", "certainly", "absolutely", "wrongly"]);
    if words[w] == pick {
        // Replacing a word by itself alters nothing.
        return false;
    }
    new[w] = pick.to_string();
    paragraphs[i] = format!("{}{}{}", &p[..start], new.join(" "), &p[end..]);
    true
}

/// Byte span of the first quotation (curly, else straight) with 3+ words.
/// A straight pair around a curly mark is mismatched marks, not a quotation.
fn quote_span(p: &str) -> Option<(usize, usize)> {
    for (open, close) in [('“', '”'), ('"', '"')] {
        let Some(start) = p.find(open).map(|i| i + open.len_utf8()) else {
            continue;
        };
        let Some(end) = p[start..].find(close).map(|j| start + j) else {
            continue;
        };
        let inside = &p[start..end];
        if inside.split_whitespace().count() >= 3 && !inside.contains(['“', '”']) {
            return Some((start, end));
        }
    }
    None
}

/// True when byte `at` of `p` lies inside a quotation: after more opening
/// than closing curly quotes, or an odd number of straight ones.
fn inside_quote(p: &str, at: usize) -> bool {
    let before = &p[..at];
    let opens = before.matches('“').count();
    let closes = before.matches('”').count();
    opens > closes || before.matches('"').count() % 2 == 1
}

/// Changes one plain number of two or more digits outside any quotation
/// (so that a number change never also alters a quote), skipping years
/// (19xx, 20xx) and numbers written with separators.
fn alter_number(rng: &mut Rng, paragraphs: &mut [String]) -> bool {
    for _ in 0..paragraphs.len() {
        let i = rng.below(paragraphs.len());
        let p = paragraphs[i].clone();
        let mut start: Option<usize> = None;
        for (at, ch) in p.char_indices().chain(std::iter::once((p.len(), ' '))) {
            if ch.is_ascii_digit() || (start.is_some() && matches!(ch, ',' | '.')) {
                start.get_or_insert(at);
                continue;
            }
            let Some(s) = start.take() else { continue };
            let token = &p[s..at];
            let plain = token.chars().all(|c| c.is_ascii_digit());
            let year = token.len() == 4 && (token.starts_with("19") || token.starts_with("20"));
            let glued = p[..s]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                || ch.is_alphanumeric();
            if plain && token.len() >= 2 && !year && !glued && !inside_quote(&p, s) {
                if let Ok(v) = token.parse::<u64>() {
                    let new = v + 1 + rng.below(9) as u64;
                    paragraphs[i] = format!("{}{new}{}", &p[..s], &p[at..]);
                    return true;
                }
            }
        }
    }
    false
}

/// Invented people a quote can be given to, and names to put in place of
/// another (people and places), none in the source texts' news.
const OTHER_SPEAKERS: &[&str] = &[
    "Dana Whitfield",
    "Marcus Delaney",
    "Priya Raman",
    "Tom Kessler",
];
const OTHER_NAMES: &[&str] = &[
    "Whitfield",
    "Delaney",
    "Halvorsen",
    "Tucson",
    "Omaha",
    "Kessler",
];

/// Speech verbs of the attributions this simulator rewrites.
const SPEECH: &[&str] = &["said", "says", "told", "added", "asked", "wrote"];

/// Words that attribute speech: a paragraph with one is left alone when a
/// name is changed, so that a changed name is never a changed speaker.
const ATTRIBUTION: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "added",
    "asked",
    "wrote",
    "writes",
    "according",
    "stated",
    "argued",
    "argues",
    "claimed",
    "claims",
    "insisted",
    "explained",
    "noted",
    "warned",
    "announced",
    "tweeted",
    "believes",
    "thinks",
    "suggested",
];

/// Gives a quotation to another person: after a closing quotation mark,
/// "…,” said Name" or "…,” Name said" has its name replaced.
fn swap_speaker(rng: &mut Rng, paragraphs: &mut [String]) -> bool {
    let found: Vec<(usize, usize, usize)> = paragraphs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| speaker_span(p).map(|(s, e)| (i, s, e)))
        .collect();
    if found.is_empty() {
        return false;
    }
    let (i, start, end) = found[rng.below(found.len())];
    let p = &paragraphs[i];
    let old = &p[start..end];
    let new = OTHER_SPEAKERS[rng.below(OTHER_SPEAKERS.len())];
    if new.split(' ').any(|w| old.contains(w)) {
        return false;
    }
    paragraphs[i] = format!("{}{new}{}", &p[..start], &p[end..]);
    true
}

/// Byte span of the named speaker right after the first closing quotation
/// mark of `p`: "”, said Name" / "” Name said" (one to three capitalised
/// words, not a pronoun or "The").
fn speaker_span(p: &str) -> Option<(usize, usize)> {
    let close = p.find('”').map(|i| i + '”'.len_utf8())?;
    let rest = &p[close..];
    let lead = rest.len() - rest.trim_start_matches([',', ' ']).len();
    let words: Vec<&str> = rest[lead..].split(' ').take(5).collect();
    let is_name = |w: &str| {
        let w = w.trim_end_matches(['.', ',']);
        w.len() > 1
            && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && w.chars().skip(1).all(|c| c.is_ascii_lowercase())
            && !matches!(w, "The" | "He" | "She" | "They" | "We" | "It" | "This")
    };
    let (skip, name_words) = if words.first().is_some_and(|w| SPEECH.contains(w)) {
        (words[0].len() + 1, &words[1..])
    } else {
        (0, &words[..])
    };
    let n = name_words.iter().take_while(|w| is_name(w)).count().min(3);
    let ends_well = name_words
        .get(n.saturating_sub(1))
        .is_some_and(|w| skip > 0 || !w.ends_with(['.', ',']));
    let followed_by_verb = skip > 0
        || name_words
            .get(n)
            .is_some_and(|w| SPEECH.contains(&w.trim_end_matches(['.', ','])));
    if n == 0 || !ends_well || !followed_by_verb {
        return None;
    }
    let start = close + lead + skip;
    let len: usize = name_words[..n].iter().map(|w| w.len() + 1).sum::<usize>() - 1;
    let name = p[start..start + len].trim_end_matches(['.', ',']);
    Some((start, start + name.len()))
}

/// Replaces one capitalised word inside a sentence (not opening it) by
/// another name, in a paragraph without quotations or speech verbs, so the
/// change is neither an altered quote nor a quote given to someone else.
fn change_name(rng: &mut Rng, paragraphs: &mut [String]) -> bool {
    let mut spots: Vec<(usize, usize, usize)> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let speech = p
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ATTRIBUTION.contains(&w));
        // A paragraph ending in a colon introduces the quotation after it.
        if speech || p.contains(['“', '”', '"']) || p.trim_end().ends_with(':') {
            continue;
        }
        spots.extend(name_spans(p).into_iter().map(|(s, e)| (i, s, e)));
    }
    if spots.is_empty() {
        return false;
    }
    let (i, start, end) = spots[rng.below(spots.len())];
    let p = &paragraphs[i];
    let old = &p[start..end];
    let new = OTHER_NAMES[rng.below(OTHER_NAMES.len())];
    if old == new || p.contains(new) {
        return false;
    }
    paragraphs[i] = format!("{}{new}{}", &p[..start], &p[end..]);
    true
}

/// Byte spans of capitalised words of three or more letters that do not
/// open a sentence, leaving out months and weekdays.
fn name_spans(p: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut prev: Option<&str> = None;
    let mut at = 0;
    for w in p.split(' ') {
        let start = at;
        at += w.len() + 1;
        let word = w.trim_end_matches(['.', ',', ';', ':', '?', '!', ')']);
        // After any sentence mark, dash or bracket the word may open a
        // sentence (or a title): not chosen.
        let opens = match prev {
            None => true,
            Some(x) => x.contains(['.', '!', '?', ':', ';', '—', '–', '(', '"', '“', '”']),
        };
        prev = Some(w);
        let letters = word.len() >= 3 && word.chars().all(|c| c.is_ascii_alphabetic());
        let capital = word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && word.chars().skip(1).all(|c| c.is_ascii_lowercase());
        if !opens && letters && capital && !MONTHS.contains(&word) && !DAYS.contains(&word) {
            out.push((start, start + word.len()));
        }
    }
    out
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS: [&str; 12] = [
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

fn civil(t: i64) -> (i64, usize, i64) {
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

fn rfc3339(t: i64) -> String {
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
fn newsletter(site: Site) -> String {
    format!(
        "Sign up for the {} newsletter to get the latest news every morning.",
        site.name
    )
}

#[allow(clippy::too_many_arguments)]
fn render(
    rng: &mut Rng,
    story: usize,
    index: usize,
    site: Site,
    body: &Body,
    published_at: i64,
    licence: Option<Licence>,
    source: Option<(Site, String)>,
    behaviour: Behaviour,
    carried: Option<Site>,
) -> Member {
    let slug: String = body
        .title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    let url = format!("https://www.{}/{}/{}-{story}", site.host, 2016, slug);
    let mut page = format!("# {}\n\n", body.title);
    // Dates: mostly true, sometimes missing, sometimes a few days early.
    let (shown, date_shown) = match rng.below(10) {
        0 => (None, DateShown::Missing),
        1 => (
            Some(published_at - (1 + rng.below(3) as i64) * DAY),
            DateShown::Wrong,
        ),
        _ => (Some(published_at), DateShown::True),
    };
    if let Some(t) = shown {
        let (y, m, d) = civil(t);
        page.push_str(&format!("{}, {} {d:02}, {y}\n\n", site.name, MONTHS[m]));
    }
    let mut paragraphs = body.paragraphs.clone();
    if let (Behaviour::TextMention, Some((src, _))) = (behaviour, &source) {
        if let Some(last) = paragraphs.last_mut() {
            last.push_str(&format!(" The story was first reported by {}.", src.name));
        }
    }
    for p in &paragraphs {
        page.push_str(p);
        page.push_str("\n\n");
    }
    // A proxy that took the source's article block whole, footer included.
    if let Some(from) = carried {
        page.push_str(&newsletter(from));
        page.push_str("\n\n");
    }
    if let Some((src, src_url)) = &source {
        match behaviour {
            Behaviour::Full => {
                page.push_str(&format!(
                    "This article was originally published by [{}]({src_url}).\n\n",
                    src.name
                ));
                if rng.chance(0.7) {
                    let (y, _, _) = civil(published_at);
                    page.push_str(&format!("Copyright © {}, {y}\n\n", src.name));
                }
            }
            Behaviour::NameOnly => {
                page.push_str(&format!(
                    "This article was originally published by {}.\n\n",
                    src.name
                ));
            }
            Behaviour::TextMention | Behaviour::None => {}
        }
    }
    match licence {
        Some(Licence::CrossPost) => page.push_str(&format!(
            "{0} grants permission to cross-post original {0} articles on community internet sites as long as the source and copyright are acknowledged together with a hyperlink to the original {0} article.\n\n",
            site.name
        )),
        Some(Licence::CcBy) => page.push_str(
            "This article is licensed under a [Creative Commons Attribution 4.0 International License](https://creativecommons.org/licenses/by/4.0/).\n\n",
        ),
        Some(Licence::CcByNd) => page.push_str(
            "This article is licensed under a [Creative Commons Attribution-NoDerivatives 4.0 International License](https://creativecommons.org/licenses/by-nd/4.0/).\n\n",
        ),
        _ => {}
    }
    page.push_str(&newsletter(site));
    page.push('\n');
    let fetched = rfc3339(published_at + rng.below(72 * 3600) as i64);
    Member {
        id: format!("sim{story}-{index}"),
        site,
        url,
        page,
        fetched,
        published_at,
        date_shown,
        shown_at: shown,
        credit: None,
        source: TruthSource::Origin,
        hop_credit: None,
        changes: BTreeSet::new(),
        shows_its_source: carried.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_are_right() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_451_606_400), "2016-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_456_704_000 + 3_723), "2016-02-29T01:02:00Z");
    }

    #[test]
    fn the_partners_file_lists_exactly_the_partner_table() {
        let file = reprint_trace::Partners::parse(PARTNERS_TOML, "sim.toml").unwrap();
        let outlets: Vec<&str> = SITES
            .iter()
            .map(|s| s.name)
            .chain(WIRES.iter().map(|w| w.0))
            .collect();
        for source in &outlets {
            for licensee in SITES.iter().map(|s| s.name) {
                assert_eq!(
                    file.licence(source, licensee).is_some(),
                    licensed(source, licensee),
                    "{source} → {licensee}"
                );
            }
        }
    }

    #[test]
    fn a_speaker_is_swapped_only_in_a_quotations_attribution() {
        let mut rng = Rng::new(3);
        let p = "“We will win this race,” said Bernie Sanders, smiling.";
        assert_eq!(
            &p[speaker_span(p).unwrap().0..speaker_span(p).unwrap().1],
            "Bernie Sanders"
        );
        let p2 = "“We will win this race,” Clinton told reporters.";
        assert_eq!(
            &p2[speaker_span(p2).unwrap().0..speaker_span(p2).unwrap().1],
            "Clinton"
        );
        assert_eq!(speaker_span("“We will win this race,” he said."), None);
        assert_eq!(
            speaker_span("“We will win this race,” The Times reported."),
            None
        );
        let mut ps = vec![p.to_string()];
        assert!(swap_speaker(&mut rng, &mut ps));
        assert!(
            ps[0].starts_with("“We will win this race,” said ") && !ps[0].contains("Sanders"),
            "{}",
            ps[0]
        );
    }

    #[test]
    fn a_name_is_changed_inside_a_sentence_away_from_quotes_and_speech() {
        let spans = |p: &str| -> Vec<String> {
            name_spans(p)
                .into_iter()
                .map(|(s, e)| p[s..e].to_string())
                .collect()
        };
        assert_eq!(
            spans("Officials in Iowa met Clinton on Monday. Later the Senate voted."),
            ["Iowa", "Clinton", "Senate"]
        );
        let mut rng = Rng::new(4);
        let mut quoted = vec!["Voters in Iowa backed “the Clinton plan” on Monday.".to_string()];
        assert!(!change_name(&mut rng, &mut quoted));
        let mut spoken = vec!["Voters in Iowa backed Clinton, aides said on Monday.".to_string()];
        assert!(!change_name(&mut rng, &mut spoken));
        let mut plain = vec!["Voters in Iowa backed Clinton on Monday.".to_string()];
        assert!(change_name(&mut rng, &mut plain));
        assert_ne!(plain[0], "Voters in Iowa backed Clinton on Monday.");
    }

    #[test]
    fn a_rewritten_lede_keeps_the_names_and_little_else() {
        let mut rng = Rng::new(3);
        let lede = "Senator Marco Rubio told voters in Iowa on Monday that the campaign would not end before the convention in Cleveland.";
        let new = rewrite_lede(&mut rng, lede).expect("three names");
        assert!(new.contains("Marco Rubio, Iowa and Cleveland"), "{new}");
        assert!(rewrite_lede(&mut rng, "Voters in Iowa backed Clinton on Monday.").is_none());
    }

    #[test]
    fn quotes_and_numbers_are_altered() {
        let mut rng = Rng::new(1);
        let mut ps = vec!["He said “we will win this race” on Monday.".to_string()];
        assert!(alter_quote(&mut rng, &mut ps));
        assert_ne!(ps[0], "He said “we will win this race” on Monday.");
        let mut ps = vec!["About 45 people came in 2016.".to_string()];
        assert!(alter_number(&mut rng, &mut ps));
        assert!(
            !ps[0].contains(" 45 ") && ps[0].contains("2016"),
            "{}",
            ps[0]
        );
    }
}
