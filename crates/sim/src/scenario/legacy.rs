//! The legacy generator (`--layouts flat`): the first simulator, kept
//! draw for draw so that its seeds name the same corpus they always did.
//! Every page is rendered as a markdown text page, the way a scraper would
//! flatten it; credit is a line "This article was originally published by
//! X" (with or without a link), a mention in the text, or a wire dateline.

use std::collections::BTreeSet;

use reprint_trace::ChangeKind;

use super::edits::{edit, Body};
use super::{
    civil, licensed, newsletter, rfc3339, DateCase, Licence, Member, PageFormat, SimStory, Site,
    TruthCredit, TruthOrigin, TruthSource, DAY, MONTHS, SITES, WIRES,
};
use crate::rng::Rng;
use crate::texts::SourceText;

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

/// Generates `stories` legacy stories (`--layouts flat`): every page a
/// flattened markdown page. Texts are drawn with replacement, so two
/// stories of one seed may share a text (the scorer sets those aside).
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
        text: crate::texts::key(&text.title),
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
                // Never drawn by the legacy generator.
                Licence::Own(_) => false,
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
    let day = |m: &Member| (m.date == DateCase::Day).then(|| m.published_at.div_euclid(DAY));
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
    let true_day = |m: &Member| (m.date == DateCase::Day).then(|| m.published_at.div_euclid(DAY));
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
        text: crate::texts::key(&text.title),
    }
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
    let (shown, date) = match rng.below(10) {
        0 => (None, DateCase::Missing),
        1 => (
            Some(published_at - (1 + rng.below(3) as i64) * DAY),
            DateCase::Stale,
        ),
        _ => (Some(published_at), DateCase::Day),
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
        date,
        dates: None,
        shown_at: shown,
        credit: None,
        source: TruthSource::Origin,
        hop_credit: None,
        changes: BTreeSet::new(),
        shows_its_source: carried.is_some(),
        marks: Vec::new(),
        layout: "flat",
        format: PageFormat::Text,
        input_site: Some(site.name.to_string()),
    }
}
