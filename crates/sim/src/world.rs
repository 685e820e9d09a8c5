//! The laid-out world (the default generator): stories from real texts,
//! copied across invented sites and wire services; every page carries its
//! credit lines and their look-alikes as [`Mark`]s in drawn places, its
//! dates in drawn forms, and is rendered through its site's template
//! ([`crate::layout`]).
//!
//! Two streams per seed: the story stream decides everything the truth
//! depends on (texts, sites, timing, edits, marks, dates); the layout
//! stream decides templates and chrome. Changing a layout never changes a
//! story's truth.
//!
//! Truth, as a careful reader would decide it from the scenario:
//! - credit: [`crate::scenario::marks::credit_verdict`] on the page's marks, against the
//!   origin (and against the page it took the text from, for chains);
//!   licensees of the source get "licensed" instead of "uncredited";
//! - origin decidable: a direct copy credits the origin in a credit form
//!   (a wire story: a copy names the wire), or the dates put the origin
//!   before every copy ([`crate::scenario::dates::dates_decide`]), or the copies' own text
//!   shows where they came from (cut-off text, carried furniture) and the
//!   dates do not contradict it;
//! - changes: recorded by the edits as they are made; typography is none.

use reprint_trace::ChangeKind;

use crate::layout::{self, Context, Families, PageSpec, Photo, SiteProfile};
use crate::rng::Rng;
use crate::scenario::dates::{dates_decide, DateDisplay, Interval, Precision};
use crate::scenario::edits::{edit, restyle, Body};
use crate::scenario::forms::{self, Credited};
use crate::scenario::marks::{credit_verdict, CreditFound, Edits, Form, Mark, Place, Seg};
use crate::scenario::outlets::{all_sites, licensed, WireService};
use crate::scenario::people::{PHOTO_DESCRIPTIONS, REPORTERS};
use crate::scenario::{
    DateCase, Licence, Member, OwnTerms, SimStory, Site, TruthOrigin, TruthSource, DAY,
};
use crate::texts::SourceText;

/// Labels a copy may add above the headline.
const KICKERS: &[&str] = &[
    "EXCLUSIVE",
    "ANALYSIS",
    "Sign of the Times",
    "ELECTION 2016",
    "WATCH",
    "Breaking News",
];

/// Generates `stories` stories of the laid-out world for `seed`, drawing
/// site templates from `families`. Each story gets its own text (texts are
/// drawn without replacement while they last), so stories of one seed never
/// share a text; the texts no story uses supply inserted paragraphs.
pub fn generate(
    seed: u64,
    texts: &[SourceText],
    stories: usize,
    families: Families,
) -> Vec<SimStory> {
    let distinct = distinct_texts(texts);
    let texts = distinct.as_slice();
    let mut rng = Rng::fork(seed, "stories");
    let mut look = Rng::fork(seed, "layout");
    let sites = all_sites();
    let profiles: Vec<SiteProfile> = sites
        .iter()
        .map(|s| SiteProfile::draw(&mut look, *s, families))
        .collect();
    let mut order: Vec<usize> = (0..texts.len()).collect();
    rng.shuffle(&mut order);
    let used = stories.min(texts.len());
    let story_texts: Vec<&SourceText> = (0..stories)
        .map(|n| &texts[order[n % texts.len()]])
        .collect();
    let fillers: Vec<&SourceText> = if used < texts.len() {
        order[used..].iter().map(|&i| &texts[i]).collect()
    } else {
        texts.iter().collect()
    };
    let ctx = Context {
        headlines: story_texts.iter().map(|t| t.title.clone()).collect(),
        teasers: story_texts
            .iter()
            .map(|t| {
                layout::chrome::teaser(t.paragraphs.first().map(String::as_str).unwrap_or(""), 14)
            })
            .collect(),
    };
    let mut world = World {
        rng,
        look,
        sites,
        profiles,
        ctx,
    };
    story_texts
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let filler = fillers[world.rng.below(fillers.len())];
            let wire = world
                .rng
                .chance(0.25)
                .then(|| forms::pick_wire(&mut world.rng));
            let whole = format!("{}\n{}", text.title, text.paragraphs.join("\n"));
            match wire {
                // A text that names the wire itself tells nothing of credit.
                Some(w) if !forms::names_wire(&whole, &w) => world.wire_story(n, text, w),
                _ => world.site_story(n, text, filler),
            }
        })
        .collect()
}

/// The texts with repeats left out: PolNeAR holds some articles twice
/// (the same headline or the same lede under two file names), and two
/// stories of one seed with one text are one story to any reader.
fn distinct_texts(texts: &[SourceText]) -> Vec<SourceText> {
    use crate::texts::key;
    let mut seen = std::collections::HashSet::new();
    texts
        .iter()
        .filter(|t| {
            let title = key(&t.title);
            let lede = key(t.paragraphs.first().map(String::as_str).unwrap_or(""));
            let new = !seen.contains(&title) && !seen.contains(&lede);
            seen.insert(title);
            seen.insert(lede);
            new
        })
        .cloned()
        .collect()
}

struct World {
    rng: Rng,
    look: Rng,
    sites: Vec<Site>,
    profiles: Vec<SiteProfile>,
    ctx: Context,
}

/// What a page is before rendering: everything the truth needs.
struct Draft {
    site: usize,
    body: Body,
    published_at: i64,
    marks: Vec<Mark>,
    notices: Vec<Vec<Seg>>,
    author: Option<String>,
    carried: Option<String>,
    photo: Option<Photo>,
    kicker: Option<String>,
    restyled: bool,
}

fn base_time(rng: &mut Rng) -> i64 {
    // 2016-01-01 plus up to 300 days, at a random minute of the day.
    1_451_606_400 + rng.below(300) as i64 * DAY + rng.below(1440) as i64 * 60
}

fn slug(title: &str) -> String {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-")
}

/// The dates a page shows, drawn: the case, its precision, the visible and
/// structured publication times and an "Updated" time.
fn draw_dates(rng: &mut Rng, t: i64, fetched: i64, offset_minutes: i32) -> DateDisplay {
    let case = DateCase::ALL[rng.weighted(&[30, 8, 20, 8, 8, 6, 10, 10])];
    let coarse = if rng.chance(0.5) {
        Precision::Minute
    } else {
        Precision::Day
    };
    let precision = match case {
        DateCase::LocalInstant => Precision::LocalMinute,
        DateCase::Day => Precision::Day,
        DateCase::Stale | DateCase::VisibleOff | DateCase::StructuredOff => coarse,
        _ => Precision::Minute,
    };
    let year = 365 * DAY;
    let (visible, structured) = match case {
        DateCase::Instant | DateCase::LocalInstant | DateCase::Day => {
            // Sometimes only the page's metadata holds the date.
            ((!rng.chance(0.15)).then_some(t), Some(t))
        }
        DateCase::Stale => {
            let s = t - (1 + rng.below(3) as i64) * DAY;
            (Some(s), Some(s))
        }
        DateCase::VisibleOff => {
            let off = if rng.chance(0.7) { -year } else { year };
            (Some(t + off), Some(t))
        }
        DateCase::StructuredOff => {
            let off = if rng.chance(0.6) { -year } else { year };
            (Some(t), Some(t + off))
        }
        DateCase::UpdatedOnly | DateCase::Missing => (None, None),
    };
    let room = (fetched - t).max(3600);
    let updated = match case {
        DateCase::UpdatedOnly => Some(t + 600 + rng.below(room as usize) as i64 / 2),
        DateCase::Missing => None,
        _ => rng
            .chance(0.25)
            .then(|| t + 600 + rng.below(room as usize) as i64 / 2),
    };
    DateDisplay {
        case,
        precision,
        visible,
        structured,
        updated: updated.map(|u| u.min(fetched)),
        offset_minutes,
    }
}

/// The licence or terms notice an origin prints under its article.
fn licence_notice(rng: &mut Rng, licence: Licence, site: Site, year: i64) -> Option<Vec<Seg>> {
    let t = |s: String| Seg::Text(s);
    let cc = |name: &str, href: &str| Seg::Link {
        text: name.to_string(),
        href: href.to_string(),
    };
    let n = site.name;
    Some(match licence {
        Licence::None => return None,
        Licence::CrossPost => vec![t(format!(
            "{n} grants permission to cross-post original {n} articles on community internet sites as long as the source and copyright are acknowledged together with a hyperlink to the original {n} article."
        ))],
        Licence::CcBy => vec![
            t("This article is licensed under a ".into()),
            cc("Creative Commons Attribution 4.0 International License", "https://creativecommons.org/licenses/by/4.0/"),
            t(".".into()),
        ],
        Licence::CcByNd => {
            if rng.chance(0.5) {
                vec![
                    t("This article is licensed under a ".into()),
                    cc("Creative Commons Attribution-NoDerivatives 4.0 International License", "https://creativecommons.org/licenses/by-nd/4.0/"),
                    t(".".into()),
                ]
            } else {
                vec![t(format!(
                    "Republish our articles for free under Creative Commons BY-ND: credit {n}, link to the story, and do not edit it."
                ))]
            }
        }
        Licence::Own(OwnTerms::LinkToOriginal) => vec![t(if rng.chance(0.5) {
            "Reprinting permitted only with an active hyperlink to the original.".to_string()
        } else {
            format!("© {year} {n}. Any reproduction of this material is permitted only with an active hyperlink to the original article.")
        })],
        Licence::Own(OwnTerms::NoEdits) => vec![t(format!(
            "You may republish this article free of charge provided it is not edited and {n} is credited."
        ))],
        Licence::Own(OwnTerms::KeepCopyright) => vec![t(format!(
            "This article may be reproduced provided this notice is kept: © {year} {n}."
        ))],
    })
}

impl World {
    /// Picks `k` distinct site indices.
    fn pick_sites(&mut self, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..self.sites.len()).collect();
        let mut out = Vec::new();
        while out.len() < k && !all.is_empty() {
            out.push(all.remove(self.rng.below(all.len())));
        }
        out
    }

    /// What a copy says about a site page it credits.
    fn credited_site(&mut self, member: &Member) -> Credited {
        let p = &self.profiles[self
            .sites
            .iter()
            .position(|s| *s == member.site)
            .unwrap_or(0)];
        Credited {
            outlet: member.site.name.to_string(),
            display: forms::display_name(&mut self.rng, member.site.name, member.site.host),
            url: Some(member.url.clone()),
            home: Some(p.home()),
            host: Some(member.site.host.to_string()),
            wire: None,
        }
    }

    /// Dates, URL and rendering: a draft becomes a page.
    fn page(&mut self, story: usize, index: usize, d: Draft) -> Member {
        let site = self.sites[d.site];
        let fetched = d.published_at + 3600 + self.rng.below(95 * 3600) as i64;
        let profile = self.profiles[d.site].clone();
        let dates = draw_dates(
            &mut self.rng,
            d.published_at,
            fetched,
            profile.offset_minutes,
        );
        let dated = match dates.case {
            DateCase::UpdatedOnly | DateCase::Missing => None,
            _ => dates.structured.or(dates.visible),
        };
        let url = profile.url_for(
            &slug(&d.body.title),
            (story * 10 + index) as u64 + 100_000,
            dated,
        );
        let fix = |s: &str| {
            if d.restyled {
                restyle(s)
            } else {
                s.to_string()
            }
        };
        // Links in marks to this page's own address are filled in after the
        // URL exists: none refer to it (marks point to other pages).
        let spec = PageSpec {
            site,
            url: url.clone(),
            title: fix(&d.body.title),
            kicker: d.kicker.clone(),
            author: d.author.clone(),
            paragraphs: d.body.paragraphs.iter().map(|p| fix(p)).collect(),
            marks: d.marks.clone(),
            notices: d.notices.clone(),
            carried: d.carried.clone(),
            dates,
            photo: d.photo.clone(),
            year: crate::scenario::civil(d.published_at).0,
        };
        let (page, format) = layout::render(&spec, &profile, &mut self.look, &self.ctx);
        Member {
            id: format!("sim{story}-{index}"),
            site,
            url,
            page,
            format,
            input_site: profile.collector_site.then(|| site.name.to_string()),
            fetched: crate::scenario::rfc3339(fetched),
            published_at: d.published_at,
            date: dates.case,
            dates: Some(dates),
            shown_at: dates.visible.or(dates.structured),
            credit: None,
            source: TruthSource::Origin,
            hop_credit: None,
            changes: d.body.changes.clone(),
            shows_its_source: false,
            marks: d.marks,
            layout: profile.family.name(),
        }
    }

    fn site_story(&mut self, n: usize, text: &SourceText, filler: &SourceText) -> SimStory {
        let copies = 1 + self.rng.below(5);
        let places = self.pick_sites(copies + 1);
        let licence = *self.rng.pick(&[
            Licence::None,
            Licence::None,
            Licence::None,
            Licence::CrossPost,
            Licence::CcBy,
            Licence::CcByNd,
            Licence::Own(OwnTerms::LinkToOriginal),
            Licence::Own(OwnTerms::NoEdits),
            Licence::Own(OwnTerms::KeepCopyright),
        ]);
        let t0 = base_time(&mut self.rng);
        let year = crate::scenario::civil(t0).0;
        let origin_site = self.sites[places[0]];
        let author = (*self.rng.pick(REPORTERS)).to_string();
        // The origin's photo: its own photographer's, or a wire photo.
        let photo = self.rng.chance(0.6).then(|| {
            let description = (*self.rng.pick(PHOTO_DESCRIPTIONS)).to_string();
            let by = if self.rng.chance(0.6) {
                Credited {
                    outlet: origin_site.name.to_string(),
                    display: origin_site.name.to_string(),
                    url: None,
                    home: None,
                    host: None,
                    wire: None,
                }
            } else {
                let w = forms::pick_wire(&mut self.rng);
                Credited {
                    outlet: w.short.to_string(),
                    display: w.names[0].to_string(),
                    url: None,
                    home: None,
                    host: None,
                    wire: Some(w),
                }
            };
            (description, forms::photo_credit(&mut self.rng, &by))
        });
        let origin_body = Body::original(&text.title, &text.paragraphs);
        let notice = licence_notice(&mut self.rng, licence, origin_site, year);
        let mut origin_marks: Vec<Mark> = photo.iter().map(|p| p.1.clone()).collect();
        // The origin's own copyright line under its article.
        if self.rng.chance(0.3) {
            origin_marks.push(Mark::words(
                origin_site.name,
                Form::Copyright,
                Place::ArticleFooter,
                &format!("© {year} {}. All rights reserved.", origin_site.name),
            ));
        }
        let origin = Draft {
            site: places[0],
            body: origin_body.clone(),
            published_at: t0,
            marks: origin_marks,
            notices: notice.into_iter().collect(),
            author: Some(author.clone()),
            carried: None,
            photo: photo.as_ref().map(|p| Photo {
                description: p.0.clone(),
            }),
            kicker: None,
            restyled: false,
        };
        let mut members = vec![self.page(n, 0, origin)];
        let mut bodies = vec![origin_body];
        let mut times = vec![t0];
        let mut decided_by_credit = false;
        for (i, &site_index) in places.iter().enumerate().skip(1) {
            let site = self.sites[site_index];
            let source = if i > 1 && self.rng.chance(0.25) {
                1 + self.rng.below(i - 1)
            } else {
                0
            };
            let src = self.credited_site(&members[source]);
            let mut body = edit(&mut self.rng, &bodies[source], filler);
            let kicker = self.rng.chance(0.1).then(|| {
                body.changes.insert(ChangeKind::KickerAdded);
                (*self.rng.pick(KICKERS)).to_string()
            });
            let t = times[source] + 3600 + self.rng.below(47 * 3600) as i64;
            let copy_author = match self.rng.below(10) {
                0..=3 => Some(author.clone()),
                4..=6 => Some((*self.rng.pick(REPORTERS)).to_string()),
                _ => None,
            };
            let byline_name = copy_author.clone().unwrap_or_else(|| author.clone());
            let mut marks = forms::site_credit(
                &mut self.rng,
                &src,
                licensed(src.outlet.as_str(), site.name),
                year,
                &byline_name,
            );
            let changes_noted = body.body_changed() && self.rng.chance(0.2);
            let mut notices = Vec::new();
            if changes_noted {
                notices.push(vec![Seg::Text(
                    (*self.rng.pick(&[
                        "This article has been edited for length and clarity.",
                        "Editor's note: this story has been condensed from the original.",
                    ]))
                    .to_string(),
                )]);
            }
            // The copy reuses the origin's photo with its credit: a credit
            // for the photo, not the text.
            let reuse_photo = photo.is_some() && self.rng.chance(0.5);
            if let (true, Some((_, credit))) = (reuse_photo, &photo) {
                marks.push(credit.clone());
            }
            // Site chrome naming the source (a partner box): not credit.
            if self.rng.chance(0.08) {
                marks.extend(forms::chrome_mention(&src));
            }
            let carried = self
                .rng
                .chance(0.15)
                .then(|| layout::chrome::newsletter(members[source].site));
            let restyled = self.rng.chance(0.2);
            let draft = Draft {
                site: site_index,
                body: body.clone(),
                published_at: t,
                marks,
                notices,
                author: copy_author,
                carried: carried.clone(),
                photo: reuse_photo.then(|| Photo {
                    description: photo.as_ref().map(|p| p.0.clone()).unwrap_or_default(),
                }),
                kicker,
                restyled,
            };
            let mut m = self.page(n, i, draft);
            // A cut-off text is cut from the origin, whoever passed it on; the
            // source's furniture leads to the source, and on from it only if
            // the source's own page shows where it came from.
            m.shows_its_source = body.truncated
                || (carried.is_some() && (source == 0 || members[source].shows_its_source));
            let edits = Edits {
                body_changed: body.body_changed(),
                changes_noted,
            };
            let origin_name = origin_site.name;
            let credit = credit_verdict(&m.marks, origin_name, true, licence, edits);
            m.credit = Some(credit.under_licence(origin_name, site.name));
            // Proxies state no terms: a name and a link are owed to them.
            let hop = if source == 0 {
                credit
            } else {
                credit_verdict(&m.marks, &src.outlet, true, Licence::None, edits)
            };
            m.hop_credit = Some(hop.under_licence(&src.outlet, site.name));
            m.source = TruthSource::Member(source);
            if source == 0 {
                let found = CreditFound::of(&m.marks, origin_name);
                decided_by_credit |= found.named || found.linked_article || found.linked_home;
            }
            bodies.push(body);
            times.push(t);
            members.push(m);
        }
        let intervals: Vec<(Interval, bool)> = members.iter().map(Member::date_interval).collect();
        let by_dates = dates_decide(intervals[0], &intervals[1..]);
        let by_credit_or_dates = decided_by_credit || by_dates;
        let decided_by_text = !by_credit_or_dates && text_decides(&members, &intervals);
        SimStory {
            members,
            origin: TruthOrigin::Member(0),
            decidable: by_credit_or_dates || decided_by_text,
            decided_by_text,
            text: crate::texts::key(&text.title),
        }
    }

    fn wire_story(&mut self, n: usize, text: &SourceText, w: WireService) -> SimStory {
        let copies = 2 + self.rng.below(4);
        let places = self.pick_sites(copies);
        let t0 = base_time(&mut self.rng);
        let year = crate::scenario::civil(t0).0;
        let src = Credited {
            outlet: w.short.to_string(),
            display: w.names[0].to_string(),
            url: None,
            home: None,
            host: None,
            wire: Some(w),
        };
        // Some copies run the wire's photo, or another wire's.
        let photo_by = if self.rng.chance(0.15) {
            let other = forms::pick_wire(&mut self.rng);
            Credited {
                outlet: other.short.to_string(),
                display: other.names[0].to_string(),
                wire: Some(other),
                ..src.clone()
            }
        } else {
            src.clone()
        };
        let photo_credit = forms::photo_credit(&mut self.rng, &photo_by);
        let description = (*self.rng.pick(PHOTO_DESCRIPTIONS)).to_string();
        let mut members = Vec::new();
        let mut named = false;
        for (i, &site_index) in places.iter().enumerate() {
            let site = self.sites[site_index];
            let licensee = licensed(w.short, site.name);
            let t = t0 + self.rng.below(12 * 3600) as i64;
            let mut marks = forms::wire_credit(&mut self.rng, &src, licensee, t0, year);
            let credits = CreditFound::of(&marks, w.short);
            if !credits.any() && w.short == "Reuters" && self.rng.chance(0.6) {
                marks.push(forms::unnamed_sign_off(&mut self.rng, &src));
            }
            let with_photo = self.rng.chance(0.45);
            if with_photo {
                marks.push(photo_credit.clone());
            }
            named |= CreditFound::of(&marks, w.short).named;
            // Wire copies are trimmed and retitled, rarely rewritten.
            let mut body = Body::original(&text.title, &text.paragraphs);
            if self.rng.chance(0.3) {
                body.title = format!(
                    "{}: {}",
                    self.rng.pick(&["Report", "Watch", "Analysis"]),
                    body.title
                );
                body.changes.insert(ChangeKind::HeadlineChanged);
            }
            if self.rng.chance(0.3) && body.paragraphs.len() > 6 {
                let keep = body.paragraphs.len() - 1 - self.rng.below(2);
                body.paragraphs.truncate(keep);
                body.from_origin.truncate(keep);
                body.changes.insert(ChangeKind::ParagraphCut);
            }
            let draft = Draft {
                site: site_index,
                body,
                published_at: t,
                marks,
                notices: Vec::new(),
                author: self
                    .rng
                    .chance(0.3)
                    .then(|| (*self.rng.pick(REPORTERS)).to_string()),
                carried: None,
                photo: with_photo.then(|| Photo {
                    description: description.clone(),
                }),
                kicker: None,
                restyled: self.rng.chance(0.2),
            };
            let mut m = self.page(n, i, draft);
            let edits = Edits {
                body_changed: m.changes.iter().any(|c| *c != ChangeKind::HeadlineChanged),
                changes_noted: false,
            };
            let credit = credit_verdict(&m.marks, w.short, false, Licence::None, edits)
                .under_licence(w.short, site.name);
            m.credit = Some(credit);
            m.hop_credit = Some(credit);
            m.source = TruthSource::Wire;
            members.push(m);
        }
        SimStory {
            members,
            origin: TruthOrigin::Wire(w.short),
            decidable: named,
            decided_by_text: false,
            text: crate::texts::key(&text.title),
        }
    }
}

/// The pages' own text decides when some copies show (cut-off text,
/// carried furniture) that they come from the origin, no such copy's dates
/// put it before the origin, and every other copy's dates put it after.
fn text_decides(members: &[Member], intervals: &[(Interval, bool)]) -> bool {
    let origin = intervals[0];
    members[1..].iter().any(|m| m.shows_its_source)
        && members[1..].iter().zip(&intervals[1..]).all(|(m, iv)| {
            if m.shows_its_source {
                !iv.0.before(&origin.0)
            } else {
                !origin.1 && !iv.1 && origin.0.before(&iv.0)
            }
        })
}

impl Member {
    /// What the page's dates honestly say, and whether they mislead (see
    /// [`DateDisplay::interval`]). Legacy pages: a day shown, or none.
    pub fn date_interval(&self) -> (Interval, bool) {
        let fetched = parse_rfc3339(&self.fetched).unwrap_or(self.published_at);
        match self.dates {
            Some(d) => d.interval(fetched),
            None => (
                Interval {
                    lo: None,
                    hi: fetched,
                },
                self.date == DateCase::Stale,
            ),
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` back to Unix seconds (the simulator's own format).
fn parse_rfc3339(s: &str) -> Option<i64> {
    let n = |a: usize, b: usize| s.get(a..b)?.parse::<i64>().ok();
    let (y, m, d, hh, mm) = (n(0, 4)?, n(5, 7)?, n(8, 10)?, n(11, 13)?, n(14, 16)?);
    // Days from civil (Howard Hinnant).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * DAY + hh * 3600 + mm * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_times_read_back() {
        let t = 1_456_704_000 + 3_720;
        assert_eq!(parse_rfc3339(&crate::scenario::rfc3339(t)), Some(t));
    }

    #[test]
    fn every_mark_of_a_copy_refers_to_an_outlet_of_the_world() {
        let mut rng = Rng::new(9);
        let src = Credited {
            outlet: "Valley Herald".into(),
            display: "Valley Herald".into(),
            url: Some("https://valleyherald.com/a".into()),
            home: Some("https://www.valleyherald.com/".into()),
            host: Some("valleyherald.com".into()),
            wire: None,
        };
        for _ in 0..200 {
            for m in forms::site_credit(&mut rng, &src, false, 2016, "Jane Roe") {
                assert_eq!(m.refers_to, "Valley Herald");
                assert!(!m.plain().is_empty());
                if m.form != Form::ReadOriginal && m.form != Form::BareLink {
                    assert!(m.named, "{}", m.describe());
                }
                assert!(m.place != Place::Sidebar);
            }
        }
    }
}
