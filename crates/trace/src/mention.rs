//! Finding an outlet's name anywhere a copy's article region was read: the
//! weak evidence that keeps a copy from being accused (issue 14). A credit
//! line the extractor did not recognise as one still names the origin
//! somewhere in the text it kept — "This story was provided by AP.", "The
//! story was first reported by the Pinecrest Daily.", a byline "Lydia Chen
//! United Press International" — and a copy that names its origin anywhere
//! is not "uncredited", whatever form the words take.
//!
//! An outlet is spelt many ways: its site name, its host
//! ("pinecrestdaily.net" for "Pinecrest Daily"), a wire's aliases. Names
//! are compared word by word, and a host's registered name against runs of
//! words written together ("copperfieldjournal" = "Copperfield Journal").

use crate::member::TracedArticle;
use crate::outlet::{aliases, normalise, wire_service};

/// The ways one outlet is spelt, each as the lower-case words it is
/// written in and the same words run together.
#[derive(Debug, Clone, Default)]
pub(crate) struct Spellings {
    names: Vec<Spelling>,
}

#[derive(Debug, Clone)]
struct Spelling {
    /// Letters and digits only, lower case: "pinecrestdaily".
    compact: String,
    /// Under five letters ("AP", "AFP", "Vox"): only matched as written
    /// or in capitals, since "ap" and "vox" are also words.
    short: Option<String>,
}

/// Below this many letters a name is an acronym or a common word.
const SHORT: usize = 5;

/// Words in a name that are no part of it when compared ("The Daily
/// Planet" is "Daily Planet").
fn significant(word: &str) -> bool {
    word != "the"
}

impl Spellings {
    /// Every spelling of `name` (a site name, a host, a wire), of the host
    /// `host` when known, and of the wire service either refers to.
    pub fn of<'a>(names: impl IntoIterator<Item = &'a str>) -> Spellings {
        let mut out = Spellings::default();
        for name in names {
            out.add(name);
            if let Some(w) = wire_service(name) {
                out.add(w);
                for a in aliases(w) {
                    out.add(a);
                }
            }
        }
        out
    }

    fn add(&mut self, name: &str) {
        let compact = if name.contains('.') && !name.trim().contains(' ') {
            // A host: its registered name ("nbdaily.online" → "nbdaily").
            normalise(name)
        } else {
            words(name)
                .into_iter()
                .map(|(_, _, w)| w.to_lowercase())
                .filter(|w| significant(w))
                .collect()
        };
        if compact.len() < 2 || self.names.iter().any(|n| n.compact == compact) {
            return;
        }
        // A short name is matched in capitals, or as the name gives it
        // when that has capitals ("Vox"); a lower-case alias ("ap") is
        // never matched as written.
        let short = (compact.chars().count() < SHORT).then(|| {
            let given: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
            // "dpa" is the agency's own spelling.
            if given.chars().any(char::is_uppercase) || wire_service(name) == Some(name) {
                given
            } else {
                given.to_uppercase()
            }
        });
        self.names.push(Spelling { compact, short });
    }

    /// The byte range of the first place `text` names the outlet, if any.
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        let ws = words(text);
        let lower: Vec<String> = ws.iter().map(|(_, _, w)| w.to_lowercase()).collect();
        for i in 0..ws.len() {
            if !significant(&lower[i]) {
                continue;
            }
            let mut joined = String::new();
            for j in i..ws.len().min(i + 6) {
                joined.push_str(&lower[j]);
                let hit = self.names.iter().find(|n| n.compact == joined);
                if let Some(n) = hit {
                    let written: String = ws[i..=j].iter().map(|(_, _, w)| *w).collect();
                    let ok = match &n.short {
                        None => true,
                        Some(as_given) => written == *as_given || written == written.to_uppercase(),
                    };
                    if ok {
                        return Some((ws[i].0, ws[j].1));
                    }
                }
                if joined.len() > 60 {
                    break;
                }
            }
        }
        None
    }

    /// True when `text` names the outlet.
    pub fn named_in(&self, text: &str) -> bool {
        self.find(text).is_some()
    }
}

/// The words of `text` (maximal runs of letters and digits) with their byte
/// ranges.
fn words(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), &text[s..]));
    }
    out
}

/// True when the name found at `at..end` of `text` sits in parentheses at
/// the opening of the text, as a wire dateline does ("Geneva (AFP) An
/// explosive report…", "WASHINGTON (AP) —"): the agency's own form of
/// credit, read even without the dash the extractor looks for.
pub(crate) fn opening_dateline(text: &str, (at, end): (usize, usize)) -> bool {
    // A dateline's city and date come first: a few words, no sentence.
    const OPENING: usize = 60;
    at <= OPENING
        && text[..at].trim_end().ends_with('(')
        && text[end..].trim_start().starts_with(')')
        && !text[..at].contains(['.', '"', '“'])
}

/// True when an image credit reads as a photo, video or graphic credit
/// ("(AP Photo/NAME)", "Photo: NAME, AP", "NAME | Metro Dispatch"), which is
/// never credit for the text; other lines filed with the captions ("Read the
/// original article at …") are words about the text.
pub(crate) fn picture_credit(line: &str) -> bool {
    let lower = line.to_lowercase();
    const PICTURE: &[&str] = &[
        "photo",
        "image",
        "getty",
        "picture",
        "video",
        "graphic",
        "illustration",
        "footage",
        "camera",
        "pool",
        "file",
    ];
    PICTURE.iter().any(|w| lower.contains(w)) || line.contains(" / ") || line.contains(" | ")
}

/// The first place the copy names the outlet outside any credit form —
/// the body, the header, a notice of the article (not the site's own
/// promotion or sharing chrome), a line filed with the captions that is not
/// a photo credit — with its place and some context.
pub(crate) fn weak_mention(
    copy: &TracedArticle,
    spellings: &Spellings,
) -> Option<(&'static str, String)> {
    use reprint_extract::NoticeKind;
    let a = &copy.article;
    let header = a
        .title
        .iter()
        .chain(a.kicker.iter())
        .map(|t| ("article header", t.value.as_str()));
    let body = a.paragraphs.iter().map(|p| ("text", p.as_str()));
    let notices = a
        .notices
        .iter()
        .filter(|n| {
            matches!(
                n.kind,
                NoticeKind::Licence | NoticeKind::Disclaimer | NoticeKind::FairUse
            )
        })
        .map(|n| ("article's notices", n.text.as_str()));
    let captions = a
        .image_credits
        .iter()
        .filter(|c| !picture_credit(c))
        .map(|c| ("lines read with the captions", c.as_str()));
    let region = a
        .region_text
        .iter()
        .map(|r| (r.place.label(), r.text.as_str()));
    header
        .chain(body)
        .chain(region)
        .chain(notices)
        .chain(captions)
        .find_map(|(place, text)| {
            let (at, end) = spellings.find(text)?;
            Some((place, context(text, at, end - at)))
        })
}

/// Up to ~60 characters either side of a match, cut at char boundaries.
fn context(text: &str, at: usize, len: usize) -> String {
    let start = text[..at.min(text.len())]
        .char_indices()
        .rev()
        .nth(60)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let end_from = (at + len).min(text.len());
    let end = text[end_from..]
        .char_indices()
        .nth(60)
        .map(|(i, _)| end_from + i)
        .unwrap_or(text.len());
    text[start..end].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_is_found_as_the_words_of_its_name() {
        let s = Spellings::of(["pinecrestdaily.net"]);
        assert!(s.named_in("The story was first reported by the Pinecrest Daily."));
        assert!(s.named_in("This report draws on reporting by pinecrestdaily.net."));
        assert!(!s.named_in("The Pinecrest council met daily."));
    }

    #[test]
    fn wire_aliases_and_acronyms_are_found_as_written() {
        let s = Spellings::of(["AP"]);
        assert!(s.named_in("This story was provided by AP."));
        assert!(s.named_in("By Lydia Chen, Associated Press Writer"));
        // "ap" in lower case is no agency.
        assert!(!s.named_in("a tap on the shoulder, ap style"));
        let dpa = Spellings::of(["dpa"]);
        assert!(dpa.named_in("BERLIN (dpa) _ The government said"));
        let upi = Spellings::of(["UPI"]);
        assert!(upi.named_in("By Lydia Chen      United Press International"));
    }

    #[test]
    fn an_opening_parenthesised_agency_is_a_dateline() {
        let s = Spellings::of(["AFP"]);
        let t = "Geneva (AFP) An explosive report said";
        let at = s.find(t).unwrap();
        assert!(opening_dateline(t, at));
        let t = "He said so. Later (AFP) reported it";
        assert!(!opening_dateline(t, s.find(t).unwrap()));
    }

    #[test]
    fn photo_credits_are_told_from_lines_about_the_text() {
        assert!(picture_credit("(Global Perspective photo/Jonathan Ernst)"));
        assert!(picture_credit("Mandel Ngan | Metro Dispatch"));
        assert!(!picture_credit(
            "Read the original article at the Metro Dispatch."
        ));
    }
    #[test]
    fn context_respects_char_boundaries() {
        let t = "é".repeat(100) + " Reuters " + &"ü".repeat(100);
        let c = context(&t, t.find("Reuters").unwrap(), 7);
        assert!(c.contains("Reuters"));
    }
}
