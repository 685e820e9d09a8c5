//! Names in kept paragraphs: a quotation given to another speaker, and a
//! person, place or organisation replaced by another at the same place in
//! the text. Both compare one origin paragraph with the copy paragraph it
//! corresponds to.

use std::collections::HashSet;

use reprint_extract::{Article, Quote};

use crate::change::{Change, ChangeKind};
use crate::word_diff::{self, Hunk};

/// A quote's words must overlap this much to be "the same quotation".
const SAME_QUOTE: f32 = 0.5;

/// Capitalised words that are not people, places or organisations.
const NOT_NAMES: &[&str] = &[
    "I",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
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

/// Abbreviations whose period does not end a sentence ("Mr. Smith").
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Jr", "Sr",
    "Prof", "Rev", "Sgt", "Mt", "Ft",
];

fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn overlap(a: &HashSet<String>, b: &HashSet<String>) -> f32 {
    a.intersection(b).count() as f32 / a.len().min(b.len()).max(1) as f32
}

/// Speech verbs that attribute a quotation next to its closing mark.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "wrote",
    "explained",
    "argued",
    "insisted",
    "noted",
    "warned",
    "replied",
    "responded",
    "continued",
    "stated",
    "tweeted",
    "recalled",
    "acknowledged",
    "admitted",
    "declared",
    "claimed",
];

/// Lower-case words a name may hold ("Charles de Gaulle").
const PARTICLES: &[&str] = &[
    "de", "van", "von", "da", "del", "di", "le", "la", "bin", "al",
];

/// A speaker written as a name ("Clinton", "Sen. Ted Cruz"): every word
/// capitalised, and not a pronoun or a description ("he", "The minister").
fn named(speaker: Option<&str>) -> Option<&str> {
    let s = speaker?.trim();
    let first = s.split(' ').next()?;
    let description = matches!(
        first,
        "The" | "A" | "An" | "His" | "Her" | "Their" | "One" | "Some" | "Another" | "This"
    );
    let pronoun = matches!(
        s.to_lowercase().as_str(),
        "he" | "she" | "they" | "i" | "we"
    );
    let all_capitalised = s
        .split(' ')
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(&w));
    (all_capitalised && !description && !pronoun).then_some(s)
}

/// "Obama" and "Barack Obama" are one person; "President Obama" too.
fn same_person(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a == b || a.ends_with(&format!(" {b}")) || b.ends_with(&format!(" {a}"))
}

/// Quotations kept in the copy but given to another named speaker. Returns
/// the changes and, for each, the two speakers (so the swapped name is not
/// also reported as a changed name).
pub(crate) fn speaker_changes(
    origin: &[&Quote],
    copy: &[&Quote],
    at: (usize, usize),
) -> Vec<(Change, String, String)> {
    let mut out = Vec::new();
    for q in origin {
        let Some(before) = named(q.speaker.as_deref()) else {
            continue;
        };
        let wq = words(&q.text);
        let best = copy
            .iter()
            .map(|c| (overlap(&wq, &words(&c.text)), c))
            .filter(|(s, _)| *s >= SAME_QUOTE)
            .max_by(|x, y| x.0.total_cmp(&y.0));
        let Some((_, kept)) = best else { continue };
        let Some(after) = named(kept.speaker.as_deref()) else {
            continue;
        };
        if !same_person(before, after) {
            out.push((
                Change::new(
                    ChangeKind::SpeakerChanged,
                    (Some(at.0), Some(at.1)),
                    format!("\"{}\": {before} → {after}", clip(&q.text, 80)),
                ),
                before.to_string(),
                after.to_string(),
            ));
        }
    }
    out
}

/// A word of a paragraph, its byte span, and whether it opens a sentence.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    initial: bool,
}

/// Words (letters, digits and inner apostrophes) in order, each marked when
/// it opens the paragraph or follows a sentence end, a colon, or an opening
/// quotation mark or parenthesis.
fn tokens(p: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap_start = 0;
    let chars = p.char_indices().chain(std::iter::once((p.len(), ' ')));
    for (i, ch) in chars {
        let inner = matches!(ch, '\'' | '’') && start.is_some();
        if ch.is_alphanumeric() || inner {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        let Some(s) = start.take() else { continue };
        let text = p[s..i].trim_end_matches(['\'', '’']);
        let gap = &p[gap_start..s];
        let after_title = out
            .last()
            .is_some_and(|t| TITLES.contains(&t.text) || is_initial_letter(t.text));
        let boundary = gap.contains(['!', '?', ':', '“', '"', '(', '\n'])
            || (gap.contains('.') && !after_title);
        out.push(Token {
            text,
            start: s,
            end: s + text.len(),
            initial: out.is_empty() || boundary,
        });
        gap_start = i;
    }
    out
}

fn is_initial_letter(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.next().is_none()
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&w)
}

/// Capitalised words an article uses inside sentences: its names. A word
/// opening a sentence is only taken as a name when the article also writes
/// it capitalised elsewhere ("Clinton", not "Officials").
pub(crate) fn names_of(a: &Article) -> HashSet<String> {
    a.paragraphs
        .iter()
        .flat_map(|p| tokens(p))
        .filter(|t| !t.initial && capitalised(t.text))
        .map(|t| t.text.to_string())
        .collect()
}

fn is_name(t: &Token, names: &HashSet<String>) -> bool {
    capitalised(t.text) && (!t.initial || names.contains(t.text))
}

/// The same word whatever its apostrophe: "Clinton’s" and "Clinton's" are
/// typography, not another name (issue 14).
fn same_word(a: &str, b: &str) -> bool {
    let fold = |c: char| if matches!(c, '’' | '‘') { '\'' } else { c };
    a.chars().map(fold).eq(b.chars().map(fold))
}

/// Replacements between two token lists, from a longest common subsequence
/// of words: the stretches where both sides have words the other lacks.
fn replacements(a: &[Token], b: &[Token]) -> Vec<Hunk> {
    let Some((_, hunks)) = word_diff::align(a, b, |x, y| same_word(x.text, y.text)) else {
        return Vec::new();
    };
    hunks
        .into_iter()
        .filter(|h| !h.o.is_empty() && !h.c.is_empty())
        .collect()
}

/// Names replaced by other names at the same place in a kept paragraph.
/// A name in a quotation's attribution ("…,” King said") is a speaker
/// changed, found here when quote extraction missed the quote. `swapped`
/// are speaker changes already reported for this paragraph (origin speaker,
/// copy speaker): their names are not reported again.
pub(crate) fn entity_changes(
    po: &str,
    pc: &str,
    at: (usize, usize),
    names: (&HashSet<String>, &HashSet<String>),
    swapped: &[(String, String)],
) -> Vec<(Change, String, String)> {
    let (ta, tb) = (tokens(po), tokens(pc));
    let mut out = Vec::new();
    for h in replacements(&ta, &tb) {
        let old: Vec<&str> = ta[h.o.clone()]
            .iter()
            .filter(|t| is_name(t, names.0))
            .map(|t| t.text)
            .collect();
        let new: Vec<&str> = tb[h.c.clone()]
            .iter()
            .filter(|t| is_name(t, names.1))
            .map(|t| t.text)
            .collect();
        // The same letters spelt another way ("U.S." → "US") are
        // typography, not another name (issue 14).
        let letters = |ws: &[&str]| ws.concat().to_lowercase();
        if old.is_empty() || new.is_empty() || old == new || letters(&old) == letters(&new) {
            continue;
        }
        let is_swap = swapped.iter().any(|(before, after)| {
            old.iter().all(|w| before.split(' ').any(|x| x == *w))
                && new.iter().all(|w| after.split(' ').any(|x| x == *w))
        });
        if is_swap {
            continue;
        }
        let span = ta[h.o.start].start..ta[h.o.end - 1].end;
        // The replaced words as written, to place the change in both texts.
        let was = po[span.clone()].to_string();
        let now = pc[tb[h.c.start].start..tb[h.c.end - 1].end].to_string();
        let (old, new) = (old.join(" "), new.join(" "));
        let change = match attributed_quote(po, span) {
            Some(q) => Change::new(
                ChangeKind::SpeakerChanged,
                (Some(at.0), Some(at.1)),
                format!("\"{}\": {old} → {new}", clip(q, 80)),
            ),
            None => Change::new(
                ChangeKind::EntityChanged,
                (Some(at.0), Some(at.1)),
                format!("{old} → {new}"),
            ),
        };
        out.push((change, was, now));
    }
    out
}

/// The quotation whose attribution the byte span `at` of `p` is: the span
/// follows a closing quotation mark and precedes a speech verb ("…,” King
/// said"), or follows the mark and a speech verb ("…,” said King").
fn attributed_quote(p: &str, at: std::ops::Range<usize>) -> Option<&str> {
    let before = p.get(..at.start)?.trim_end();
    let after = p.get(at.end..)?.trim_start();
    let first_word = |s: &str| -> bool {
        let w = s.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        SPEECH.contains(&w)
    };
    let closed = |s: &str| -> Option<usize> {
        let s = s.trim_end_matches([',', ' ']);
        s.ends_with(['”', '"']).then_some(s.len())
    };
    let end = match closed(before) {
        Some(end) if first_word(after) => end,
        _ => {
            let (head, verb) = before.rsplit_once(' ')?;
            if !SPEECH.contains(&verb) {
                return None;
            }
            closed(head)?
        }
    };
    let body = &before[..end];
    let body = body.trim_end_matches(['”', '"']);
    let open = body
        .char_indices()
        .rfind(|(_, c)| matches!(c, '“' | '"'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let q = body.get(open..)?.trim_matches([',', ' ']);
    (!q.is_empty()).then_some(q)
}

fn clip(s: &str, n: usize) -> String {
    let mut t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        t.push('…');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(p: &str) -> HashSet<String> {
        let a = Article {
            paragraphs: vec![p.to_string()],
            ..Article::default()
        };
        names_of(&a)
    }

    fn entities(po: &str, pc: &str) -> Vec<String> {
        let (na, nb) = (names(po), names(pc));
        entity_changes(po, pc, (0, 0), (&na, &nb), &[])
            .into_iter()
            .map(|(c, _, _)| c.detail)
            .collect()
    }

    #[test]
    fn a_replaced_name_is_found_with_both_names() {
        let po = "The rally in Des Moines drew supporters of Hillary Clinton on Tuesday.";
        let pc = "The rally in Des Moines drew supporters of Bernie Sanders on Tuesday.";
        assert_eq!(entities(po, pc), ["Hillary Clinton → Bernie Sanders"]);
        let pc = "The rally in Cedar Rapids drew supporters of Hillary Clinton on Tuesday.";
        assert_eq!(entities(po, pc), ["Des Moines → Cedar Rapids"]);
    }

    #[test]
    fn sentence_openings_dates_and_dropped_titles_are_not_names_changed() {
        // A new sentence opening is capitalised whatever the word is.
        let po = "He left early. Officials said the vote would be held in May.";
        let pc = "He left early. Aides said the vote would be held in June.";
        assert!(entities(po, pc).is_empty(), "{:?}", entities(po, pc));
        // Dropping a title or a first name replaces nothing.
        let po = "The letter was signed by President Barack Obama last week.";
        let pc = "The letter was signed by Obama last week.";
        assert!(entities(po, pc).is_empty());
        // "Mr." does not end a sentence: "Smith" is mid-sentence.
        let po = "The statement from Mr. Smith came late in the day.";
        let pc = "The statement from Mr. Jones came late in the day.";
        assert_eq!(entities(po, pc), ["Smith → Jones"]);
    }

    #[test]
    fn a_name_opening_a_sentence_counts_when_written_as_a_name_elsewhere() {
        let po = "Clinton spoke first. Later, Clinton and Kaine toured the plant.";
        let pc = "Sanders spoke first. Later, Clinton and Kaine toured the plant.";
        // "Clinton" is a name in the origin, but "Sanders" appears only
        // opening a sentence in the copy: not reported.
        assert!(entities(po, pc).is_empty());
        let pc = "Kaine spoke first. Later, Clinton and Kaine toured the plant.";
        assert_eq!(entities(po, pc), ["Clinton → Kaine"]);
    }

    #[test]
    fn a_name_in_a_quotes_attribution_is_a_speaker_changed() {
        let po = "“We will win in November,” King said on Tuesday.";
        let pc = "“We will win in November,” Marcus Delaney said on Tuesday.";
        let (na, nb) = (names(po), names(pc));
        let found = entity_changes(po, pc, (0, 0), (&na, &nb), &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.kind, ChangeKind::SpeakerChanged);
        // The replaced words, as written, place the change in both texts.
        assert_eq!(
            (found[0].1.as_str(), found[0].2.as_str()),
            ("King", "Marcus Delaney")
        );
        assert_eq!(
            found[0].0.detail,
            "\"We will win in November\": King → Marcus Delaney"
        );
        let po = "“We will win in November,” said King, who leads the caucus.";
        let pc = "“We will win in November,” said Kessler, who leads the caucus.";
        let (na, nb) = (names(po), names(pc));
        let found = entity_changes(po, pc, (0, 0), (&na, &nb), &[]);
        assert_eq!(found[0].0.kind, ChangeKind::SpeakerChanged, "{found:?}");
    }

    fn quote(text: &str, speaker: &str) -> Quote {
        Quote {
            text: text.into(),
            speaker: Some(speaker.into()),
            person: None,
            verb: Some("said".into()),
            start: 0,
            end: text.chars().count(),
            direct: true,
        }
    }

    #[test]
    fn a_quote_given_to_another_speaker_is_found_but_not_a_pronoun_or_full_name() {
        let o = quote("We will not back down from this fight", "Clinton");
        let swapped = quote("We will not back down from this fight", "Tim Kaine");
        let found = speaker_changes(&[&o], &[&swapped], (2, 3));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.kind, ChangeKind::SpeakerChanged);
        assert_eq!(
            found[0].0.detail,
            "\"We will not back down from this fight\": Clinton → Tim Kaine"
        );
        assert_eq!(
            (found[0].0.origin_paragraph, found[0].0.copy_paragraph),
            (Some(2), Some(3))
        );
        for same in [
            "Hillary Clinton",
            "she",
            "the former secretary",
            "Trump wasn't so much",
        ] {
            let c = quote("We will not back down from this fight", same);
            assert!(speaker_changes(&[&o], &[&c], (0, 0)).is_empty(), "{same}");
        }
    }
}
