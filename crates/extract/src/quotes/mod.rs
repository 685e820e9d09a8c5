//! Quotes in the body: direct quotes between quotation marks (curly,
//! straight, guillemets; over several paragraphs) and reported speech ("X
//! said (that) …", "…, X said", "according to X"), each with its speaker as
//! written, the cue verb, and character offsets into [`crate::Article::text`].
//! A pronoun speaker ("he said"), a bare surname or an unattributed quote is
//! resolved to the last named person, so a reader can tell who is quoted.

mod cues;
mod spans;

use crate::credits::sentences;
use crate::Quote;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Direct quotes shorter than this, with no cue, are scare quotes or titles
/// ("deeply concerned"), not someone quoted.
const MIN_UNCUED_WORDS: usize = 4;
/// Reported speech shorter than this is a fragment ("he said no").
const MIN_REPORTED_WORDS: usize = 3;

/// A run of two or more capitalised words: a person's full name.
static FULL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Z][a-z'’-]+(?: [A-Z]\.)?(?: [A-Z][a-z'’]+(?:-[A-Z][a-z]+)?)+(?-u:\b)")
        .expect("valid regex")
});

/// A quote before speaker resolution, byte offsets into the joined text.
struct Found {
    range: Range<usize>,
    speaker: Option<String>,
    verb: Option<String>,
    direct: bool,
}

/// The quotes of body paragraphs, in text order.
pub fn find(paragraphs: &[String]) -> Vec<Quote> {
    let text = paragraphs.join("\n\n");
    let mut starts = Vec::with_capacity(paragraphs.len());
    let mut at = 0;
    for p in paragraphs {
        starts.push(at);
        at += p.len() + 2;
    }
    let mut found = direct(&text, paragraphs, &starts);
    reported(&text, paragraphs, &starts, &mut found);
    found.sort_by_key(|f| f.range.start);
    resolve(&text, found)
}

fn direct(text: &str, paragraphs: &[String], starts: &[usize]) -> Vec<Found> {
    let mut out = Vec::new();
    for mut s in spans::find(paragraphs, starts) {
        spans::trim_marks(text, &mut s);
        let para_end = |pos: usize| {
            let k = starts.partition_point(|&st| st <= pos).saturating_sub(1);
            starts[k] + paragraphs[k].len()
        };
        let para_start =
            |pos: usize| starts[starts.partition_point(|&st| st <= pos).saturating_sub(1)];
        let after = text.get(s.outer.end..para_end(s.outer.end.saturating_sub(1)));
        let before = text.get(para_start(s.outer.start)..s.outer.start);
        let cue = after
            .and_then(cues::after)
            .or_else(|| before.and_then(cues::before));
        let words = text
            .get(s.inner.clone())
            .map_or(0, |q| q.split_whitespace().count());
        if cue.is_none() && words < MIN_UNCUED_WORDS {
            continue;
        }
        out.push(Found {
            range: s.inner,
            speaker: cue.as_ref().map(|c| c.speaker.clone()),
            verb: cue.and_then(|c| c.verb),
            direct: true,
        });
    }
    out
}

/// Adds reported speech. A reported clause that contains direct quotes
/// absorbs them (he said he was "deeply concerned" is one quote); one that
/// starts inside a direct quote is not reported speech.
fn reported(text: &str, paragraphs: &[String], starts: &[usize], found: &mut Vec<Found>) {
    for (p, &base) in paragraphs.iter().zip(starts) {
        for sentence in sentences::split(p) {
            let Some(s) = p.get(sentence.clone()) else {
                continue;
            };
            let Some((cue, content)) = cues::reported(s) else {
                continue;
            };
            let range = trim_content(
                text,
                base + sentence.start + content.start,
                base + sentence.start + content.end,
            );
            let Some(range) = range else { continue };
            let words = text
                .get(range.clone())
                .map_or(0, |c| c.split_whitespace().count());
            let opens_quote = text
                .get(range.clone())
                .is_some_and(|c| c.starts_with(['“', '"', '«']));
            if words < MIN_REPORTED_WORDS || opens_quote {
                continue;
            }
            let clashes = found.iter().any(|f| {
                f.direct
                    && overlaps(&f.range, &range)
                    && !(range.start < f.range.start && f.range.end <= range.end + 1)
            });
            if clashes {
                continue;
            }
            found.retain(|f| {
                !(f.direct && range.start < f.range.start && f.range.end <= range.end + 1)
            });
            found.push(Found {
                range,
                speaker: Some(cue.speaker),
                verb: cue.verb,
                direct: false,
            });
        }
    }
}

/// The content without the sentence's closing period and quotation marks.
fn trim_content(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let c = text.get(start..end)?;
    let trimmed = c.trim_end_matches(['.', ' ', '”', '"', ',']);
    (!trimmed.is_empty()).then(|| start..start + trimmed.len())
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Names each quote's person: a full name as written, a surname completed
/// from its first full mention ("Lonechild" → "Darian Lonechild"), a pronoun
/// or an unattributed quote given the last named speaker (or, before any,
/// the last full name in the text), then byte offsets turned into character
/// offsets.
fn resolve(text: &str, found: Vec<Found>) -> Vec<Quote> {
    let mut last: Option<String> = None;
    let mut quotes = Vec::with_capacity(found.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut to_chars = |to: usize| {
        chars += text.get(byte..to).map_or(0, |s| s.chars().count());
        byte = to;
        chars
    };
    for f in found {
        let before = text.get(..f.range.start).unwrap_or("");
        let name = match f.speaker.as_deref() {
            Some(s) if cues::is_name(s) => Some(full_name(s, text)),
            Some(s) if cues::is_pronoun(s) => last.clone().or_else(|| {
                FULL_NAME
                    .find_iter(before)
                    .last()
                    .map(|m| m.as_str().to_string())
            }),
            Some(_) => None,
            None => last.clone(),
        };
        if let Some(n) = &name {
            last = Some(n.clone());
        }
        let Some(quote_text) = text.get(f.range.clone()) else {
            continue;
        };
        let start = to_chars(f.range.start);
        let end = start + quote_text.chars().count();
        quotes.push(Quote {
            text: quote_text.to_string(),
            speaker: f.speaker,
            person: name,
            verb: f.verb,
            start,
            end,
            direct: f.direct,
        });
    }
    quotes
}

/// A single surname completed from the first full name in the text that
/// ends with it.
fn full_name(speaker: &str, text: &str) -> String {
    if speaker.contains(' ') {
        return speaker.to_string();
    }
    FULL_NAME
        .find_iter(text)
        .find(|m| m.as_str().ends_with(speaker) && m.as_str().len() > speaker.len())
        .map_or_else(|| speaker.to_string(), |m| m.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(paragraphs: &[&str]) -> Vec<Quote> {
        find(&paragraphs.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    /// From the GGT CBC article on Darian Lonechild.
    #[test]
    fn direct_reported_and_pronouns() {
        let found = q(&[
            "Darian Lonechild is new to advocacy work, but has already proven herself a natural.",
            "Lonechild said she started her work with police because of experiences in her own life.",
            "\"As a young person, I've experienced that fear and distrust. Just seeing police officers, I feel like I can be also racially targeted,\" she said.",
            "Being in a public position as a young person can be hard, Lonechild said.",
        ]);
        let texts: Vec<&str> = found.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "she started her work with police because of experiences in her own life",
                "As a young person, I've experienced that fear and distrust. Just seeing police officers, I feel like I can be also racially targeted",
                "Being in a public position as a young person can be hard",
            ]
        );
        assert_eq!(found[1].speaker.as_deref(), Some("she"));
        assert_eq!(found[1].verb.as_deref(), Some("said"));
        assert_eq!(found[1].person.as_deref(), Some("Darian Lonechild"));
        assert!(found[1].direct && !found[0].direct);
    }

    #[test]
    fn offsets_are_characters_of_article_text() {
        let paragraphs = [
            "Élodie Tremblay, la maire, a parlé.",
            "“Ça va très bien,” said Tremblay.",
        ];
        let found = q(&paragraphs);
        let text: Vec<char> = paragraphs.join("\n\n").chars().collect();
        let quote = &found[0];
        let slice: String = text[quote.start..quote.end].iter().collect();
        assert_eq!(slice, "Ça va très bien");
        assert_eq!(quote.speaker.as_deref(), Some("Tremblay"));
    }

    /// A quote running over two paragraphs (the first has no closing mark,
    /// the second opens again) is one quote; speaker before the mark.
    #[test]
    fn quote_over_paragraphs() {
        let found = q(&[
            "Frolov told reporters: “His goal is to win attention, fear and respect from the West.",
            "“He wants the right of veto regarding Western policies.”",
        ]);
        assert_eq!(found.len(), 1);
        assert!(found[0].text.contains("West.\n\n“He wants"));
        assert_eq!(found[0].speaker.as_deref(), Some("Frolov"));
        assert_eq!(found[0].verb.as_deref(), Some("told"));
    }

    #[test]
    fn said_after_name_and_according_to() {
        let found =
            q(&["“It was a twinkle in some engineer’s eye some years ago,” said Bruce Hayne."]);
        assert_eq!(found[0].speaker.as_deref(), Some("Bruce Hayne"));
        let found = q(&["According to the ministry, the plant will close in March next year."]);
        assert_eq!(found[0].speaker.as_deref(), Some("the ministry"));
        assert_eq!(found[0].text, "the plant will close in March next year");
    }

    #[test]
    fn scare_quotes_are_not_quotes() {
        assert!(q(&["The so-called “peace plan” was unveiled on Monday."]).is_empty());
    }
}
