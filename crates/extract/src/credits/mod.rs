//! Credit lines, copyright lines and notices: moved out of the body into the
//! article's typed fields, so matching compares article text only and the
//! trace stage can quote what a page says about its own origin.
//!
//! A paragraph leaves the body only when it is, as a whole, a credit or
//! notice. Paragraphs matched by weak patterns (a "Source: X" label, a
//! "Share" line) leave only from the leading or trailing run of such
//! paragraphs; strong ones (an "original source" sentence, a copyright line,
//! a wire sign-off) wherever they stand. Wire datelines stay in the body.

mod classify;
mod copyright;
pub(crate) mod date;
mod declared;
mod notice;
mod region;
pub(crate) mod sentences;
mod wire;

use crate::{Article, CreditKind, DeclaredSource};
use classify::{Item, Verdict};
use notice::Strength;
use regex::Regex;
use std::sync::LazyLock;

pub(crate) use classify::{caption_credit, image_credit};
pub(crate) use wire::canonical as canonical_agency;

/// The short name of a news agency as credits compare it ("The Associated
/// Press" → "AP"), or None when `name` is no agency the extractor knows.
pub fn agency_name(name: &str) -> Option<&'static str> {
    wire::canonical(name)
}

/// The agency a byline names ("Paul J. Weber and Geoff Mulvihill, Associated
/// Press" → "AP"), as the extractor reads bylines.
pub fn byline_agency_name(byline: &str) -> Option<&'static str> {
    wire::byline_agency(byline)
}

/// How many leading body paragraphs may carry a wire dateline: a text page
/// may still start with its headline or a byline line.
const DATELINE_WINDOW: usize = 3;

/// Moves credit lines, copyright lines and notices out of `article.paragraphs`
/// into the typed fields, and reads declared sources (datelines, "The original
/// source of this article is …"). Safe to call twice: results are de-duplicated.
pub fn harvest(article: &mut Article) {
    let paragraphs = split_credit_lines(std::mem::take(&mut article.paragraphs));
    let paragraphs = take_captions(paragraphs, article);
    let verdicts = classify_all(&paragraphs);
    let mut body = Vec::with_capacity(paragraphs.len());
    for (paragraph, verdict) in paragraphs.into_iter().zip(verdicts) {
        match verdict {
            Some(v) => record_at(article, v.items, crate::Place::Body),
            None => body.push(paragraph),
        }
    }
    strip_trailing_sign_off(&mut body, article);
    record_dateline(&body, article);
    record_byline_agency(article);
    record_first_reported(&body, article);
    article.paragraphs = body;
    reconcile(article);
}

/// Moves photo, video and graphic captions out of the body, their credits
/// into `image_credits`: a caption is not article text, and the agency or
/// outlet its credit names is credited for the picture, not the text.
/// A text page's caption is also known by its place: right under an image
/// line, opening with the image's alt text ("![A voter casts a
/// ballot.](x.jpg)" then "A voter casts a ballot. NAME | Outlet", as
/// `reprint-sim`'s flattened pages and scrapers write figures).
fn take_captions(paragraphs: Vec<String>, article: &mut Article) -> Vec<String> {
    static IMAGE_LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^!\[(?P<alt>[^\]]*)\]\([^)]*\)$").expect("valid regex"));
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut body = Vec::with_capacity(paragraphs.len());
    let mut alt: Option<String> = None;
    for p in paragraphs {
        let plain = crate::markdown::plain(&p);
        let under_image = alt.take().filter(|a| {
            a.split_whitespace().count() >= 3
                && plain.split_whitespace().count() <= classify::MAX_CAPTION_WORDS
                && words(&plain).starts_with(a.as_str())
        });
        alt = IMAGE_LINE.captures(p.trim()).map(|c| words(&c["alt"]));
        if let Some(credit) = caption_credit(&plain) {
            article.image_credits.push(credit);
        } else if let Some(a) = under_image {
            let credit = words(&plain)[a.len()..].trim().to_string();
            if !credit.is_empty() {
                article.image_credits.push(credit);
            }
        } else {
            body.push(p);
        }
    }
    body
}

/// The verdict for each paragraph that leaves the body: any credit or notice
/// in the leading and trailing runs, only strong ones in between. Full
/// classification runs only on those runs and on middle paragraphs passing
/// the cheap [`classify::may_be_strong`] test — most of a long article's
/// paragraphs cost one substring scan.
fn classify_all(paragraphs: &[String]) -> Vec<Option<Verdict>> {
    let len = paragraphs.len();
    let mut verdicts: Vec<Option<Verdict>> = vec![None; len];
    let mut lead = 0;
    while let Some(v) = paragraphs.get(lead).and_then(|p| classify::paragraph(p)) {
        verdicts[lead] = Some(v);
        lead += 1;
    }
    // Index `lead` (if any) is known to be article text.
    let mut trail_start = len;
    while trail_start > lead + 1 {
        let Some(v) = classify::paragraph(&paragraphs[trail_start - 1]) else {
            break;
        };
        trail_start -= 1;
        verdicts[trail_start] = Some(v);
    }
    let middle = paragraphs.iter().zip(verdicts.iter_mut());
    for (p, verdict) in middle.take(trail_start).skip(lead + 1) {
        if classify::may_be_strong(p) {
            *verdict = classify::paragraph(p).filter(|v| v.strength == Strength::Strong);
        }
    }
    verdicts
}

/// Reads the credit lines of the article region outside the body (an HTML
/// page's header, byline block, boxes before and after the body, asides,
/// the article's footer, links; see `html::region`), each recorded with the
/// place it was found in, and notes `places` as read. Outside the body a
/// weak form ("Source: X", a bare link) is as good as a strong one: no
/// article prose stands there. Links of a credit line join `links`, so a
/// "Republished from X (link)" box counts as a hyperlink to X.
pub(crate) fn harvest_region(
    article: &mut Article,
    lines: &[(crate::Place, String)],
    places: &[crate::Place],
) {
    let own_host = article
        .canonical_url
        .as_deref()
        .and_then(region::host)
        .map(str::to_string);
    for (place, raw) in lines {
        let items = region::items(*place, raw, own_host.as_deref());
        let credit = items
            .iter()
            .any(|i| matches!(i, Item::Source(_) | Item::Copyright(_)));
        if credit {
            for link in crate::markdown::parse(raw)
                .links
                .into_iter()
                .filter_map(|l| l.url)
            {
                if !article.links.contains(&link) {
                    article.links.push(link);
                }
            }
        }
        if items.is_empty() {
            keep_region_text(article, *place, raw);
        }
        record_at(article, items, *place);
    }
    article.places_read.extend_from_slice(places);
    article.places_read.sort();
    article.places_read.dedup();
    reconcile(article);
}

/// Lines of the region kept for tracing at most: a region is a header, a
/// few boxes and a footer; more is a page whose region is most of the page.
const MAX_REGION_TEXT: usize = 40;
/// Characters kept of one region line: credit lines are short.
const MAX_REGION_LINE: usize = 400;

/// Keeps a region line no credit or notice was read from (see
/// [`crate::RegionText`]): its text, then its links' targets.
fn keep_region_text(article: &mut Article, place: crate::Place, raw: &str) {
    if article.region_text.len() >= MAX_REGION_TEXT {
        return;
    }
    let inline = crate::markdown::parse(raw);
    let mut text: String = inline.text.chars().take(MAX_REGION_LINE).collect();
    for url in inline.links.into_iter().filter_map(|l| l.url) {
        text.push(' ');
        text.push_str(&url);
    }
    if !text.trim().is_empty() {
        article.region_text.push(crate::RegionText { place, text });
    }
}

/// [`record`] with the place every item was found in.
fn record_at(article: &mut Article, items: Vec<Item>, place: crate::Place) {
    let placed = items.into_iter().map(|item| match item {
        Item::Source(s) => Item::Source(DeclaredSource {
            place: s.place.or(Some(place)),
            ..s
        }),
        Item::Copyright(c) => Item::Copyright(crate::Copyright {
            place: c.place.or(Some(place)),
            ..c
        }),
        other => other,
    });
    record(article, placed.collect());
}

/// True when a line is a credit, notice or page furniture rather than
/// article text (text pages use it to tell a headline from a "Share" line).
pub(crate) fn is_credit_or_notice(raw: &str) -> bool {
    classify::paragraph(raw).is_some()
}

/// Splits a multi-line paragraph into its lines when one of them is a credit
/// ("The original source … is X" / "Copyright © X, 2015" under one another),
/// so each line is judged alone.
fn split_credit_lines(paragraphs: Vec<String>) -> Vec<String> {
    paragraphs
        .into_iter()
        .flat_map(|p| {
            if !p.contains('\n') {
                return vec![p];
            }
            let lines: Vec<String> = p
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect();
            if lines.len() > 1 && lines.iter().any(|l| classify::paragraph(l).is_some()) {
                lines
            } else {
                vec![p]
            }
        })
        .collect()
}

fn record(article: &mut Article, items: Vec<Item>) {
    for item in items {
        match item {
            Item::Source(s) => article.declared_sources.push(s),
            Item::Copyright(c) => article.copyright.push(c),
            Item::Notice(n) => article.notices.push(n),
            Item::ImageCredit(c) => article.image_credits.push(c),
            Item::Furniture => {}
        }
    }
}

/// Removes closing credits run into the last paragraph: "… in the Middle
/// East. (Reporting by …; Editing by …)", "… said. — Reuters", and AP's
/// "X reported from Y." before its contributor line.
fn strip_trailing_sign_off(body: &mut Vec<String>, article: &mut Article) {
    let Some(last) = body.last_mut() else { return };
    let mut cut = last.len();
    let mut took_sign_off = false;
    for range in sentences::split(last).into_iter().rev() {
        let Some(text) = last.get(range.clone()) else {
            break;
        };
        let inline = crate::markdown::parse(text);
        let strong_credit = classify::sentence(&inline)
            .filter(|(items, strength)| *strength == Strength::Strong && is_credit(items));
        if let Some((items, _)) = strong_credit {
            record_at(article, items, crate::Place::EndOfBody);
            took_sign_off = true;
        } else if !(took_sign_off && wire::is_reporter_note(&inline.text)) {
            break;
        }
        cut = range.start;
    }
    let rest = last.get(..cut).unwrap_or("");
    if let Some((at, source)) =
        wire::trailing_dash(rest).or_else(|| wire::trailing_abbreviation(rest))
    {
        article.declared_sources.push(DeclaredSource {
            place: Some(crate::Place::EndOfBody),
            ..source
        });
        cut = at;
    }
    last.truncate(cut);
    let kept = last.trim_end().len();
    last.truncate(kept);
    if last.is_empty() {
        body.pop();
    }
}

fn is_credit(items: &[Item]) -> bool {
    items
        .iter()
        .all(|i| matches!(i, Item::Source(_) | Item::Copyright(_)))
}

/// Records the first wire dateline ("WASHINGTON (AP) —"); the paragraph stays.
fn record_dateline(body: &[String], article: &mut Article) {
    let year = article
        .published
        .as_ref()
        .and_then(|p| p.value.get(..4))
        .and_then(|y| y.parse().ok());
    // The window counts paragraphs of prose: scraped pages put "Updated" and
    // time-stamp lines before the lede (census:12769, the Houston Chronicle's
    // AP copy, has its dateline in the fourth paragraph).
    let prose: Vec<&String> = body
        .iter()
        .filter(|p| p.split_whitespace().count() >= 8)
        .collect();
    let found = prose
        .iter()
        .take(DATELINE_WINDOW)
        .filter(|p| p.contains(['(', '/']))
        .find_map(|p| wire::dateline(&crate::markdown::plain(p), year))
        // A known agency's dateline lower down still credits it: "(AP) —"
        // datelines below the top (issue 14), a roundup's later items.
        .or_else(|| {
            prose
                .iter()
                .skip(DATELINE_WINDOW)
                .filter(|p| p.contains('('))
                .filter_map(|p| wire::dateline(&crate::markdown::plain(p), year))
                .find(|d| canonical_agency(&d.outlet).is_some())
        });
    article
        .declared_sources
        .extend(found.map(|d| DeclaredSource {
            place: Some(crate::Place::Dateline),
            ..d
        }));
}

/// Gives the article the byline its input recorded (a JSONL `author`) when
/// the page showed none; an agency byline ("AP") becomes a declared source,
/// as one printed on the page does.
pub fn adopt_input_byline(article: &mut Article, author: &str) {
    let author = author.trim();
    if article.byline.is_some() || author.is_empty() {
        return;
    }
    article.byline = Some(crate::Sourced::new(
        author.to_string(),
        crate::FieldSource::Input,
        0.8,
    ));
    record_byline_agency(article);
}

/// An agency byline ("The Associated Press") is itself a declared source.
fn record_byline_agency(article: &mut Article) {
    let Some(byline) = article.byline.as_ref().map(|b| b.value.clone()) else {
        return;
    };
    let Some(outlet) = wire::byline_agency(&byline) else {
        return;
    };
    let known = article
        .declared_sources
        .iter()
        .any(|s| s.kind == CreditKind::Byline && s.outlet == outlet);
    if !known {
        article.declared_sources.push(DeclaredSource {
            outlet: outlet.to_string(),
            date: None,
            link: None,
            kind: CreditKind::Byline,
            evidence: byline,
            place: Some(crate::Place::Byline),
        });
    }
}

/// How many leading body paragraphs an "according to X" may stand in to be
/// read as a weak credit: further down it attributes a fact, not the story.
const ACCORDING_TO_WINDOW: usize = 2;

/// Records the weak credits of the running text ("X first reported the
/// story", "according to X" near the top; [`CreditKind::FirstReported`]).
/// The sentences stay in the body: they are article text.
fn record_first_reported(body: &[String], article: &mut Article) {
    for (i, p) in body.iter().enumerate() {
        if !(p.contains("first ") || p.contains("ccording to")) {
            continue;
        }
        for sentence in sentences::slices(p) {
            let inline = crate::markdown::parse(sentence);
            if let Some(mut d) = declared::first_reported(&inline, i < ACCORDING_TO_WINDOW) {
                d.place = Some(crate::Place::Body);
                article.declared_sources.push(d);
            }
        }
    }
}

/// Drops duplicates and lets credits naming the same outlet share a date or
/// link: "Sputnik 3 July 2015" in the header dates "The original source of
/// this article is Sputnik" at the foot.
fn reconcile(article: &mut Article) {
    dedup(&mut article.declared_sources);
    let known: Vec<DeclaredSource> = article.declared_sources.clone();
    for s in &mut article.declared_sources {
        let same: Vec<&DeclaredSource> = known
            .iter()
            .filter(|k| k.outlet.eq_ignore_ascii_case(&s.outlet))
            .collect();
        if s.date.is_none() {
            s.date = same.iter().find_map(|k| k.date.clone());
        }
        if s.link.is_none() {
            s.link = same.iter().find_map(|k| k.link.clone());
        }
    }
    for link in article
        .declared_sources
        .iter()
        .filter_map(|s| s.link.clone())
    {
        if !article.links.contains(&link) {
            article.links.push(link);
        }
    }
    dedup(&mut article.copyright);
    dedup(&mut article.notices);
    dedup(&mut article.image_credits);
}

fn dedup<T: PartialEq>(items: &mut Vec<T>) {
    let mut unique = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        if !unique.contains(&item) {
            unique.push(item);
        }
    }
    *items = unique;
}
