//! Decides whether one body paragraph is, as a whole, a credit, a copyright
//! line, a notice or page furniture — and how sure that is.

use super::notice::{self, Strength};
use super::{copyright, date, declared, sentences, wire};
use crate::markdown::{self, Inline};
use crate::{Copyright, DeclaredSource, Notice};
use regex::Regex;
use std::sync::LazyLock;

/// What a non-article paragraph yields.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Source(DeclaredSource),
    Copyright(Copyright),
    Notice(Notice),
    ImageCredit(String),
    /// Navigation, rules, "Advertisement": dropped without a record.
    Furniture,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Verdict {
    pub items: Vec<Item>,
    pub strength: Strength,
}

/// `---`, `***`, `___`, `* * *`: a rule separating the article from furniture.
static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*_=•]\s*){3,}$|^\s*[—–]\s*$").expect("valid regex"));
/// "Image: © Flickr/ US Air Force", "Photo credit: Getty".
static IMAGE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:featured |top |header |lead )?(?:image|photo|photograph|picture|illustration|graphic|video|sources)s?(?: credits?| source)?\s*:\s*(?P<credit>.{2,120})$|^\((?P<paren>(?:AP|AFP|Reuters|UPI|EPA|Getty)\s+Photo\s*/[^()]{2,80})\)$")
        .expect("valid regex")
});

/// A photo, video or graphic credit closing a caption ("A voter casts a
/// ballot. (AP Photo/NAME)"). The forms, each from issue 14's real wire
/// copies unless noted: "(AP Photo/NAME)", "(AP Photo/NAME, File)", "(AP
/// Video/NAME)", "(PTI Photo)", "(Daily Planet photo/NAME)"; "(NAME/Associated
/// Press/File 2019)" (reprints corpus, census:12769's caption); "Photo: NAME,
/// AP", "Photo by NAME/Reuters", "Video: Reuters", "Graphic: X staff",
/// "Image: …"; "AFP PHOTO / NAME", "REUTERS/NAME"; "NAME / AFP / Getty
/// Images", "NAME/Getty Images".
static CAPTION_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:",
        // A parenthesised credit naming a photo, video or graphic.
        r"\((?P<paren>[^()]{0,60}\b(?i:photo|video|graphic|illustration|image)s?\b(?:\s*/\s*[^()]{2,80})?)\)",
        r"|\((?P<agency>[A-Z][^()/]{1,40}/(?:The )?(?:Associated Press|AP|Reuters|AFP|Getty Images|EPA)\b[^()]{0,30})\)",
        // A labelled credit after the description's last sentence.
        r"|(?:^|[.!?:\x22”’)]\s+|\s\|\s)(?P<label>(?i:photo|photograph|image|video|graphic|illustration|picture)s?(?i: credits?)?(?:\s*:\s*|\s+(?i:by)\s+)[^.!?()]{2,80})",
        // Agency photo desks and picture agencies.
        r"|(?:^|\s)(?P<desk>(?:[A-Z]{2,}\s+)?PHOTO\s*/\s*[^/()]{2,60}|(?:REUTERS|AFP|EPA|XINHUA|ANADOLU)\s*/\s*[^/()]{2,60})",
        r"|(?:^|[.!?]\s+)(?P<getty>[A-Z][^/().!?]{1,40}\s*/\s*(?:[A-Z][\w.&' -]{1,30}\s*/\s*)?(?:Getty Images|Shutterstock))",
        r")\.?\s*$"
    ))
    .expect("valid regex")
});

/// Captions are short: a description of the picture, then its credit.
pub(crate) const MAX_CAPTION_WORDS: usize = 60;

/// The credit of a paragraph that is a photo, video or graphic caption: a
/// short paragraph closing with a credit in one of [`CAPTION_CREDIT`]'s
/// forms. Such a paragraph is neither article text nor credit for the text,
/// wherever it stands (issue 14: captions were read as the text's credit,
/// "Photo: NAME, AP" as an AP copy).
pub(crate) fn caption_credit(text: &str) -> Option<String> {
    let text = text.trim();
    if text.split_whitespace().count() > MAX_CAPTION_WORDS {
        return None;
    }
    let c = CAPTION_CREDIT.captures(text)?;
    ["paren", "agency", "label", "desk", "getty"]
        .iter()
        .find_map(|n| c.name(n))
        .map(|m| m.as_str().trim().to_string())
}

/// An "Editor's note:" label opening a line (bold or not).
static NOTE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\*\*|__)?\s*editor(?:'|’)?s(?:'|’)? note\s*:?\s*(?:\*\*|__)?\s*:?\s*")
        .expect("valid regex")
});

/// "First published on May 31, 2019 / 10:50 AM", "Update May 31 at 5:05
/// a.m. PT: Adds background.": page chrome about the page's own dates.
static PUBLICATION_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:originally |first |last )?(?:published|updated?|posted)(?: on| at)?:?\s+(?P<rest>.+)$")
        .expect("valid regex")
});

/// A word every strong verdict needs: copyright signs, wire sign-offs
/// ("Reporting by", "contributed", a leading dash), original-source cues,
/// strong licence and disclaimer cues, "Advertisement". A paragraph without
/// any of them can only be weak, which matters only at the body's edges.
static STRONG_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)©|\(c\)|copyright|rights reserved|reporting by|writing by|compiled by|contributed|original source|(?:originally|first) (?:published|appeared|posted|ran|printed)|permission|republish|reprint|repost|syndicat|may not be|creative ?commons|cc[ -]by|disclaimer|advertisement|h/t|hat tip",
    )
    .expect("valid regex")
});

/// False when [`paragraph`] cannot give a strong verdict (a cheap scan).
pub(crate) fn may_be_strong(raw: &str) -> bool {
    raw.trim_start().starts_with(['—', '–', '-'])
        || STRONG_CUE.is_match(raw)
        // A short line may be an agency byline (see `whole_line`).
        || (raw.len() <= 120 && declared::agency_line(raw.trim()).is_some())
}

/// The image credit a whole line gives, as printed.
pub(crate) fn image_credit(text: &str) -> Option<String> {
    let c = IMAGE_CREDIT.captures(text.trim())?;
    c.name("credit")
        .or_else(|| c.name("paren"))
        .map(|m| m.as_str().trim().to_string())
}

/// Classifies a paragraph (markdown or plain text). None means article text.
pub(crate) fn paragraph(raw: &str) -> Option<Verdict> {
    // "Editor's note: This article first appeared in X": the label says who
    // speaks, and the line is what follows it.
    if let Some(m) = NOTE_LABEL.find(raw) {
        let rest = &raw[m.end()..];
        if !rest.trim().is_empty() {
            return paragraph(rest);
        }
    }
    let inline = markdown::parse(raw);
    whole_line(raw, &inline)
        .or_else(|| by_sentences(raw))
        .or_else(|| markdown::is_link_only(raw).then(|| weak(Item::Furniture)))
}

/// Short lines recognised as a whole. All weak but "Advertisement", which
/// is never article text wherever it stands.
fn whole_line(raw: &str, inline: &Inline) -> Option<Verdict> {
    let text = inline.text.trim();
    if RULE.is_match(raw) {
        return Some(weak(Item::Furniture));
    }
    if text.eq_ignore_ascii_case("advertisement") {
        return Some(Verdict {
            items: vec![Item::Furniture],
            strength: Strength::Strong,
        });
    }
    if let Some(source) = declared::label_line(inline) {
        // "(h/t Mediaite.)" stands between body paragraphs on Breitbart
        // (attribution corpus): a hat tip is never article prose.
        let lower = text.trim_start_matches('(').to_ascii_lowercase();
        let hat_tip = lower.starts_with("h/t") || lower.starts_with("hat tip");
        let strength = if hat_tip {
            Strength::Strong
        } else {
            Strength::Weak
        };
        return Some(Verdict {
            items: vec![Item::Source(source)],
            strength,
        });
    }
    // A photo or graphic credit naming an agency is no credit for the text
    // (issue 14: "Photo: NAME, AP", "(AP Photo/NAME)").
    if let Some(c) = image_credit(text) {
        return Some(weak(Item::ImageCredit(c)));
    }
    // "- Reuters." is a sign-off, not an agency byline.
    if let Some(source) = wire::sign_off(text) {
        return Some(Verdict {
            items: vec![Item::Source(source)],
            strength: Strength::Strong,
        });
    }
    // A line that is only an agency's name is its byline wherever it stands:
    // no sentence of a body is just "The Associated Press". Scraped pages put
    // it mid-page, after captions (spotify:16361, the Miami Herald's AP copy).
    if text.split_whitespace().count() <= 12 {
        if let Some(source) = declared::agency_line(text) {
            return Some(Verdict {
                items: vec![Item::Source(source)],
                strength: Strength::Strong,
            });
        }
    }
    if let Some(c) = PUBLICATION_NOTE.captures(text) {
        let rest = &c["rest"];
        if date::starts_with_month(rest) || rest.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(weak(Item::Furniture));
        }
    }
    image_credit(text).map(|c| weak(Item::ImageCredit(c)))
}

/// A paragraph made of credit or notice sentences. Sentences that match
/// nothing themselves continue the item before them (the rest of a fair-use
/// statement), or open the first one ("Our journalism takes time. … please
/// consider subscribing."). If the first sentence does not match, at least
/// half must. Strong only when the first sentence is strong and at least half
/// match on their own.
fn by_sentences(raw: &str) -> Option<Verdict> {
    let parts = sentences::slices(raw);
    let mut items: Vec<Item> = Vec::new();
    let mut lead_in: Vec<String> = Vec::new();
    let (mut own, mut first) = (0, None);
    for (i, part) in parts.iter().enumerate() {
        let inline = markdown::parse(part);
        match sentence(&inline) {
            Some((found, strength)) => {
                own += 1;
                first = first.or(Some((i, strength)));
                found.into_iter().for_each(|item| merge(&mut items, item));
            }
            None if items.is_empty() => lead_in.push(inline.text),
            None => continue_last(&mut items, &inline.text),
        }
    }
    let (first_at, first_strength) = first?;
    // Credits closing a body paragraph ("… East. (Reporting by …)") are cut
    // from it by the caller; the paragraph itself is article text.
    let only_notices = items.iter().all(|i| matches!(i, Item::Notice(_)));
    if own * 2 < parts.len() || (first_at > 0 && !only_notices) {
        return None;
    }
    open_first(&mut items, &lead_in);
    let strong = first_at == 0 && first_strength == Strength::Strong;
    Some(Verdict {
        items,
        strength: if strong {
            Strength::Strong
        } else {
            Strength::Weak
        },
    })
}

/// Classifies one sentence.
pub(crate) fn sentence(inline: &Inline) -> Option<(Vec<Item>, Strength)> {
    let text = inline.text.trim();
    if let Some(c) = copyright::parse(text) {
        return Some((vec![Item::Copyright(c)], Strength::Strong));
    }
    if let Some(d) = wire::sign_off(text) {
        return Some((vec![Item::Source(d)], Strength::Strong));
    }
    if wire::is_reporter_note(text) {
        return Some((vec![Item::Furniture], Strength::Weak));
    }
    let notice = notice::kind(text).map(|(kind, strength)| (notice_item(kind, inline), strength));
    match (declared::original(inline), notice) {
        (Some(source), notice) => {
            let mut items = vec![Item::Source(source)];
            items.extend(notice.map(|(n, _)| n));
            Some((items, Strength::Strong))
        }
        (None, Some((n, strength))) => Some((vec![n], strength)),
        (None, None) => None,
    }
}

fn notice_item(kind: crate::NoticeKind, inline: &Inline) -> Item {
    Item::Notice(Notice {
        kind,
        text: inline.text.trim().to_string(),
        link: inline.links.iter().find_map(|l| l.url.clone()),
    })
}

/// Adds an item, folding it into the previous one when it continues it: the
/// next sentence of the same notice kind, "All rights reserved." after a
/// copyright line.
fn merge(items: &mut Vec<Item>, item: Item) {
    match (items.last_mut(), item) {
        (Some(Item::Notice(last)), Item::Notice(next)) if last.kind == next.kind => {
            last.text = format!("{} {}", last.text, next.text);
            last.link = last.link.take().or(next.link);
        }
        (Some(Item::Copyright(last)), Item::Copyright(next))
            if copyright::is_reserved(&next.evidence) =>
        {
            last.evidence = format!("{} {}", last.evidence, next.evidence);
        }
        (_, item) => items.push(item),
    }
}

/// Puts unmatched opening sentences in front of the first item's text.
fn open_first(items: &mut [Item], lead_in: &[String]) {
    if lead_in.is_empty() {
        return;
    }
    let target = match items.first_mut() {
        Some(Item::Notice(n)) => &mut n.text,
        Some(Item::Copyright(c)) => &mut c.evidence,
        Some(Item::Source(s)) => &mut s.evidence,
        _ => return,
    };
    *target = format!("{} {}", lead_in.join(" "), target);
}

/// Appends an unmatched sentence to the evidence or text of the item before it.
fn continue_last(items: &mut [Item], text: &str) {
    let text = text.trim();
    let target = match items.last_mut() {
        Some(Item::Notice(n)) => &mut n.text,
        Some(Item::Copyright(c)) => &mut c.evidence,
        Some(Item::Source(s)) => &mut s.evidence,
        _ => return,
    };
    target.push(' ');
    target.push_str(text);
}

fn weak(item: Item) -> Verdict {
    Verdict {
        items: vec![item],
        strength: Strength::Weak,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoticeKind;

    #[test]
    fn an_editors_note_label_is_read_through() {
        // reprint-sim's house style (crates/sim/src/scenario/forms.rs) and
        // real pages' "Editor's note: This article first appeared in X".
        let outlet = |raw: &str| {
            paragraph(raw).and_then(|v| {
                v.items.into_iter().find_map(|i| match i {
                    Item::Source(s) => Some(s.outlet),
                    _ => None,
                })
            })
        };
        assert_eq!(
            outlet("Editor's note: h/t Capitol Ledger").as_deref(),
            Some("Capitol Ledger")
        );
        assert_eq!(
            outlet("**Editor’s note:** This article first appeared in the Prairie Daily.")
                .as_deref(),
            Some("Prairie Daily")
        );
        assert_eq!(
            outlet("Editor's note: This story has been updated to correct a name."),
            None
        );
    }

    #[test]
    fn disclaimer_paragraph_splits_into_kinds() {
        let p = "**Disclaimer:** The contents of this article are of sole responsibility of the author(s). The Centre for Research on Globalization will not be responsible for any inaccurate or incorrect statement in this article. The Centre of Research on Globalization grants permission to cross-post Global Research articles on community internet sites as long the source and copyright are acknowledged together with a hyperlink to the original Global Research article. For publication of Global Research articles in print or other forms including commercial internet sites, contact: [publications@globalresearch.ca](mailto:publications@globalresearch.ca)";
        let v = paragraph(p).expect("notice");
        let kinds: Vec<NoticeKind> = v
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Notice(n) => Some(n.kind),
                _ => None,
            })
            .collect();
        assert_eq!(
            kinds,
            [
                NoticeKind::Disclaimer,
                NoticeKind::Licence,
                NoticeKind::Contact
            ]
        );
        assert_eq!(v.strength, Strength::Strong);
    }

    #[test]
    fn ap_copyright_with_terms() {
        let v = paragraph("© 2019 The Associated Press. All Rights Reserved. This material may not be published, broadcast, rewritten, or redistributed.")
            .expect("copyright");
        assert!(
            matches!(&v.items[0], Item::Copyright(c) if c.evidence.ends_with("All Rights Reserved."))
        );
        assert!(matches!(&v.items[1], Item::Notice(n) if n.kind == NoticeKind::Licence));
    }

    #[test]
    fn body_text_is_not_classified() {
        assert_eq!(paragraph("Source familiar with the ad says the group is spending “substantial” funds to air it."), None);
        assert_eq!(paragraph("Reuters reported in April that the Trump administration believed its question could help."), None);
        assert_eq!(paragraph("Immigration activists rallied outside the Supreme Court in April.(J. Scott Applewhite/Associated Press/File 2019)"), None);
    }

    /// Every strong paragraph of the tests above and of the seed and
    /// reprints corpora passes the prefilter that lets `harvest` skip
    /// classifying most body paragraphs.
    #[test]
    fn strong_paragraphs_pass_the_prefilter() {
        for p in [
            "**Disclaimer:** The contents of this article are of sole responsibility of the author(s).",
            "© 2019 The Associated Press. All Rights Reserved.",
            "Copyright 2018 by CNN NewSource.",
            "(Reporting by Valerie Volcovici; Editing by Will Dunham.)",
            "Associated Press writer Emery P. Dalesio in Raleigh also contributed to this report.",
            "— Reuters",
            "- Reuters.",
            "The original source of this article is [Sputnik](#)",
            "This article first appeared in The Nation.",
            "Republished with permission of Reuters.",
            "This article is republished from The Conversation under a Creative Commons license.",
            "The Centre of Research on Globalization grants permission to cross-post Global Research articles.",
            "This material may not be published, broadcast, rewritten, or redistributed.",
            "Advertisement",
        ] {
            let v = paragraph(p).expect(p);
            assert_eq!(v.strength, Strength::Strong, "{p}");
            assert!(may_be_strong(p), "{p}");
        }
        assert!(!may_be_strong(
            "The company said it would share more details next week."
        ));
    }

    /// Captions closing with a photo, video or graphic credit, in the forms
    /// issue 14 found on real wire copies ("Photo: NAME, AP", "(AP
    /// Photo/NAME)", "NAME / AFP / Getty Images"), the reprints corpus's
    /// census:12769 caption, and the simulator's caption credits.
    #[test]
    fn captions_are_recognised_by_their_credit() {
        for (caption, credit) in [
            ("A voter casts a ballot at a polling station. (AP Photo/Luca Bruno)", "AP Photo/Luca Bruno"),
            ("Supporters gather outside the venue on Tuesday. (AP Photo/Themba Hadebe, File)", "AP Photo/Themba Hadebe, File"),
            ("Lawmakers leave the chamber. (AP Video/Sean Kilpatrick)", "AP Video/Sean Kilpatrick"),
            ("Demonstrators hold signs near the state capitol. (PTI Photo)", "PTI Photo"),
            ("The candidate waves. (Capitol Ledger photo/Rafiq Maqbool)", "Capitol Ledger photo/Rafiq Maqbool"),
            ("Immigration activists rallied outside the Supreme Court in April.(J. Scott Applewhite/Associated Press/File 2019)", "J. Scott Applewhite/Associated Press/File 2019"),
            ("The candidate waves to the crowd during a rally. Photo: Luca Bruno, AP", "Photo: Luca Bruno, AP"),
            ("Officials speak to reporters. Photo by Jonathan Ernst/Reuters", "Photo by Jonathan Ernst/Reuters"),
            ("Supporters gather outside the venue. Video: Reuters", "Video: Reuters"),
            ("Lawmakers leave the chamber. Graphic: Westbrook Times-Union staff", "Graphic: Westbrook Times-Union staff"),
            ("Demonstrators hold signs. AFP PHOTO / Carolyn Kaster", "AFP PHOTO / Carolyn Kaster"),
            ("Supporters gather outside the venue. REUTERS/Evan Marsh", "REUTERS/Evan Marsh"),
            ("Lawmakers leave the chamber after the vote. Evan Marsh / AFP / Getty Images", "Evan Marsh / AFP / Getty Images"),
            ("Photo: Jonathan Ernst, AP", "Photo: Jonathan Ernst, AP"),
        ] {
            assert_eq!(caption_credit(caption).as_deref(), Some(credit), "{caption}");
        }
        for prose in [
            "Reuters reported in April that the Trump administration believed its question could help.",
            "The agency released a video showing the launch, which took place on Tuesday.",
            "He told AP: the photo was taken in 2015.",
            "Source familiar with the ad says the group is spending funds (see the photo below) to air it in three states.",
            "The AP photo desk moved 40 pictures of the rally on Tuesday, editors said, and more followed overnight.",
        ] {
            assert_eq!(caption_credit(prose), None, "{prose}");
        }
    }

    #[test]
    fn image_credits() {
        assert_eq!(
            image_credit("Image: © Flickr/ US Air Force").as_deref(),
            Some("© Flickr/ US Air Force")
        );
        assert_eq!(image_credit("Imagine: a world"), None);
    }
}
