//! Quotes in the body: direct quotes between quotation marks (curly,
//! straight, guillemets; over several paragraphs; a closing mark nothing
//! opened), short quotes a verb of naming leads to ("called it “bold”"),
//! embedded tweets and signed pull quotes, and reported speech ("X said
//! (that) …", "…, X said", "according to X", "X, a long description, said",
//! "…, saying …", "what X says is …", "X called it a …"), each with its
//! speaker as written, the cue verb, and character offsets into
//! [`crate::Article::text`]. A speaker written with a description gives its
//! person ("oil and gas worker Mike Wipf"); a pronoun ("she said") is resolved
//! to the person of its gender named last, a bare surname to its full name,
//! an unattributed quote to the last speaker, so a reader can tell who is
//! quoted.

mod cues;
#[cfg(test)]
mod rule_tests;
mod spans;

use crate::credits::sentences;
use crate::Quote;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// Direct quotes shorter than this, with no cue, are scare quotes or titles
/// ("deeply concerned"), not someone quoted.
const MIN_UNCUED_WORDS: usize = 4;
/// The longest text between a cued quote and a short quote that goes on
/// from it: the cue (“,” she said. “).
const MAX_GAP_TO_CUED: usize = 40;
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

/// The quotes of body paragraphs, in text order. A line break inside a
/// paragraph (text pasted with blank lines between its paragraphs, a `<br>`)
/// separates paragraphs here too: no sentence or cue runs over one.
pub fn find(paragraphs: &[String]) -> Vec<Quote> {
    let text = paragraphs.join("\n\n");
    let (lines, starts) = lines(&text);
    let mut found = direct(&text, &lines, &starts);
    signed(&lines, &starts, &mut found);
    reported(&text, &lines, &starts, &mut found);
    found.sort_by_key(|f| f.range.start);
    resolve(&text, found)
}

/// The non-blank lines of `text` without surrounding white space, and their
/// byte offsets.
fn lines(text: &str) -> (Vec<&str>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if !trimmed.is_empty() && !is_link_line(trimmed) {
            lines.push(trimmed);
            starts.push(at + lead);
        }
        at += line.len() + 1;
    }
    (lines, starts)
}

/// A line that links to another story ("READ MORE: Robert Major says he
/// looked for a stop sign", "WATCH: …"): a headline, not someone quoted here.
fn is_link_line(line: &str) -> bool {
    const LINKS: &[&str] = &[
        "READ MORE:",
        "Read more:",
        "WATCH:",
        "Watch:",
        "RELATED:",
        "Related:",
        "LISTEN:",
        "MORE:",
        "VIDEO:",
        "PHOTOS:",
    ];
    LINKS.iter().any(|l| line.starts_with(l))
}

fn direct(text: &str, paragraphs: &[&str], starts: &[usize]) -> Vec<Found> {
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
        let inner = text.get(s.inner.clone()).unwrap_or("");
        let words = inner.split_whitespace().count();
        // A short quote is someone's words when a verb of naming or saying
        // leads to it ("called the conclusion “bold”", "expressed “deep
        // concern”") or when it goes on from a cued quote in its paragraph
        // (“…,” she said. “I was super-green.”).
        let goes_on = out.last().is_some_and(|f: &Found| {
            f.speaker.is_some()
                && para_start(f.range.start) == para_start(s.outer.start)
                && text
                    .get(f.range.end..s.outer.start)
                    .is_some_and(|gap| gap.len() <= MAX_GAP_TO_CUED)
        });
        // A quote closed by a stray mark needs a cue, or a cued quote just
        // before it in its paragraph.
        if s.stray && cue.is_none() && !goes_on {
            continue;
        }
        let cue = match cue {
            Some(c) => Some(c),
            None if words < MIN_UNCUED_WORDS => {
                let named = before.and_then(cues::naming);
                match named {
                    Some(c) => Some(c),
                    None if goes_on => None,
                    None => continue,
                }
            }
            None if is_title(inner) => continue,
            None => None,
        };
        out.push(Found {
            range: s.inner,
            speaker: cue
                .as_ref()
                .map(|c| c.speaker.clone())
                .filter(|s| !s.is_empty()),
            verb: cue.and_then(|c| c.verb),
            direct: true,
        });
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// True for a quoted title ("The Kid Who Would Be King", "Make America
/// Great Again"): short, and most of its words capitalised.
fn is_title(quote: &str) -> bool {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    (2..=12).contains(&words.len()) && capitalised * 10 >= words.len() * 7
}

/// Adds reported speech. A reported clause that contains direct quotes
/// absorbs them (he said he was "deeply concerned" is one quote); one that
/// starts inside a direct quote is not reported speech.
fn reported(text: &str, paragraphs: &[&str], starts: &[usize], found: &mut Vec<Found>) {
    // `found` holds direct quotes and signed lines: none overlaps another.
    found.sort_by_key(|f| f.range.start);
    let mut absorbed = vec![false; found.len()];
    let mut added = Vec::new();
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
            // The direct quotes the clause meets: all inside it (absorbed)
            // or it is no reported speech.
            let meets = overlapping(found, &range);
            let inside = |f: &Found| range.start < f.range.start && f.range.end <= range.end + 1;
            if found[meets.clone()].iter().any(|f| !inside(f)) {
                continue;
            }
            for i in meets {
                absorbed[i] = true;
            }
            added.push(Found {
                range,
                speaker: Some(cue.speaker).filter(|s| !s.is_empty()),
                verb: cue.verb,
                direct: false,
            });
        }
    }
    let mut i = 0;
    found.retain(|_| {
        i += 1;
        !absorbed[i - 1]
    });
    found.extend(added);
}

/// The indices of the quotes in `found` (in text order, none overlapping
/// another) that overlap `range`: found by binary search, so a page of many
/// quotes costs no more per clause than a page of few.
fn overlapping(found: &[Found], range: &Range<usize>) -> Range<usize> {
    let lo = found.partition_point(|f| f.range.end <= range.start);
    let hi = found.partition_point(|f| f.range.start < range.end);
    lo..hi.max(lo)
}

/// An embedded tweet as pasted text: "…the mark. pic.twitter.com/HRlO8uT0x0
/// — Alicia Draus (@Alicia_Draus) January 15, 2019".
static TWEET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<c>.+?)\s*(?:(?:pic\.twitter\.com|https?://t\.co)/[A-Za-z0-9]+\s*)?— (?P<s>[^()—@]{2,60}?) \(@[A-Za-z0-9_]{1,30}\) [A-Z][a-z]+ [0-9]{1,2}, [0-9]{4}$")
        .expect("valid regex")
});

/// A pull quote: a line of someone's words signed with their name (and
/// affiliation) — "…knocking on their doors. Matt Danison, Rentals.ca". The
/// words end with a lowercase letter or digit before the stop, so "the B.C.
/// Supreme Court" and "U.S. President Donald Trump" are no signatures.
static PULL_QUOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<c>[^“”\x22]+?[a-z0-9)’'][.!?]) (?P<s>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2})(?:, [A-Z][^,.()]{1,50}(?:\.[a-z]{2,3})?)?\.?$")
        .expect("valid regex")
});

/// Words in a pull quote at least.
const MIN_PULL_WORDS: usize = 5;

/// Adds tweets and pull quotes: whole lines signed by their speaker, not
/// already within a quote.
fn signed(lines: &[&str], starts: &[usize], found: &mut Vec<Found>) {
    let mut added = Vec::new();
    for (line, &base) in lines.iter().zip(starts) {
        if !line.contains(['—', '.']) || line.starts_with("Open this photo") {
            continue;
        }
        let (c, verb) = if let Some(c) = TWEET.captures(line) {
            (c, "tweeted")
        } else if let Some(c) = PULL_QUOTE.captures(line) {
            (c, "")
        } else {
            continue;
        };
        let (Some(content), Some(speaker)) = (c.name("c"), c.name("s")) else {
            continue;
        };
        let body = content.as_str().trim_end_matches(['.', ' ']);
        if body.split_whitespace().count() < MIN_PULL_WORDS || !cues::is_name(speaker.as_str()) {
            continue;
        }
        let range = base + content.start()..base + content.start() + body.len();
        if !overlapping(found, &range).is_empty() {
            continue;
        }
        added.push(Found {
            range,
            speaker: Some(speaker.as_str().trim().to_string()),
            verb: (!verb.is_empty()).then(|| verb.to_string()),
            direct: true,
        });
    }
    found.extend(added);
}

/// The content without the sentence's closing period and quotation marks.
fn trim_content(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let c = text.get(start..end)?;
    let trimmed = c.trim_end_matches(['.', ' ', '”', '"', ',']);
    (!trimmed.is_empty()).then(|| start..start + trimmed.len())
}

/// Names each quote's person: a full name as written, a surname completed
/// from its first full mention ("Lonechild" → "Darian Lonechild"), a pronoun
/// or an unattributed quote given the last named speaker (or, before any,
/// the last full name in the text), then byte offsets turned into character
/// offsets.
fn resolve(text: &str, found: Vec<Found>) -> Vec<Quote> {
    let mut last: Option<String> = None;
    let mut people = People::default();
    let mut names = FullNames::default();
    let mut quotes = Vec::with_capacity(found.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut to_chars = |to: usize| {
        chars += text.get(byte..to).map_or(0, |s| s.chars().count());
        byte = to;
        chars
    };
    for f in found {
        let name = match f.speaker.as_deref() {
            Some(s) if cues::is_name(s) => Some(names.complete(person_in(s).unwrap_or(s), text)),
            Some(s) if cues::is_pronoun(s) => people
                .by_pronoun(s, text, f.range.start, last.as_deref())
                .or_else(|| last.clone())
                .or_else(|| {
                    let before = window_before(text, f.range.start, PRONOUN_WINDOW);
                    FULL_NAME
                        .find_iter(before)
                        .last()
                        .map(|m| m.as_str().to_string())
                }),
            Some(s) => person_in(s).map(|n| names.complete(n, text)),
            None => last.clone(),
        };
        if let Some(n) = &name {
            last = Some(n.clone());
            people.add(n, text);
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

#[derive(Clone, Copy, PartialEq, Debug)]
enum Gender {
    Male,
    Female,
    Unknown,
}

/// People already quoted by name, with the gender their mentions' pronouns
/// suggest, for resolving "he said" / "she said" to the right one.
#[derive(Default)]
struct People {
    known: Vec<(String, Gender)>,
}

/// People tracked at most (the first ones named).
const MAX_PEOPLE: usize = 48;
/// How far back from a quote a pronoun's person is looked for.
const PRONOUN_WINDOW: usize = 1200;
/// How far after a mention its pronouns are counted for the gender.
const GENDER_WINDOW: usize = 250;
/// Mentions per person read for the gender.
const GENDER_MENTIONS: usize = 8;

impl People {
    fn add(&mut self, name: &str, text: &str) {
        if self.known.len() >= MAX_PEOPLE || self.known.iter().any(|(n, _)| n == name) {
            return;
        }
        // Only people: a name of at least two words.
        if !name.contains(' ') {
            return;
        }
        let gender = gender_of(name, text);
        self.known.push((name.to_string(), gender));
    }

    /// The person a pronoun stands for: of the people already quoted, the
    /// one mentioned last before the quote whose gender fits ("she" is not
    /// a man quoted just before); the last speaker when none fits better.
    fn by_pronoun(
        &self,
        pronoun: &str,
        text: &str,
        at: usize,
        last: Option<&str>,
    ) -> Option<String> {
        let want = match pronoun.to_lowercase().as_str() {
            "he" => Gender::Male,
            "she" => Gender::Female,
            _ => return None,
        };
        let fits = |g: Gender| g == want || g == Gender::Unknown;
        let window = window_before(text, at, PRONOUN_WINDOW);
        let last_gender = last.and_then(|l| self.known.iter().find(|(n, _)| n == l).map(|p| p.1));
        let best = self
            .known
            .iter()
            .filter(|(_, g)| fits(*g))
            .filter_map(|(name, g)| last_mention(window, name).map(|pos| (pos, name, *g)))
            .max_by_key(|(pos, _, g)| (*pos, *g == want));
        match (best, last_gender) {
            // The last speaker fits: keep to them unless someone of the
            // pronoun's gender was named after them.
            (Some((_, name, g)), Some(lg)) if fits(lg) => {
                (g == want && lg != want).then(|| name.clone())
            }
            (Some((_, name, _)), _) => Some(name.clone()),
            (None, _) => None,
        }
    }
}

/// The byte offset of the last mention of a person (full name or surname)
/// in `window`.
fn last_mention(window: &str, name: &str) -> Option<usize> {
    let surname = name.rsplit(' ').next()?;
    window
        .rmatch_indices(surname)
        .find(|(i, m)| word_at(window, *i, m.len()))
        .map(|(i, _)| i)
}

/// True when `len` bytes at `i` are a whole word.
fn word_at(text: &str, i: usize, len: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text.get(i + len..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// A person's gender from the pronouns after their mentions and a title
/// before them ("Mr.", "Ms."): Unknown when they do not lean one way.
fn gender_of(name: &str, text: &str) -> Gender {
    let Some(surname) = name.rsplit(' ').next() else {
        return Gender::Unknown;
    };
    let (mut male, mut female) = (0, 0);
    for (i, m) in text
        .match_indices(surname)
        .filter(|(i, m)| word_at(text, *i, m.len()))
        .take(GENDER_MENTIONS)
    {
        let lead = text.get(i.saturating_sub(5)..i).unwrap_or("");
        if lead.ends_with("Mr. ") {
            male += 3;
        } else if lead.ends_with("Ms. ") || lead.ends_with("Mrs. ") {
            female += 3;
        }
        let mut end = (i + m.len() + GENDER_WINDOW).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // The first personal pronoun after the mention.
        let after = &text[i + m.len()..end];
        for w in after.split(|c: char| !c.is_alphabetic()) {
            match w {
                "he" | "He" | "his" | "His" | "him" | "himself" => {
                    male += 1;
                    break;
                }
                "she" | "She" | "her" | "Her" | "hers" | "herself" => {
                    female += 1;
                    break;
                }
                _ => {}
            }
        }
    }
    if male > female {
        Gender::Male
    } else if female > male {
        Gender::Female
    } else {
        Gender::Unknown
    }
}

/// The name in a speaker written with a description: the capitalised words
/// ending the part before "with/of/at…" ("UFCW Local 832 president Jeff
/// Traeger" → "Jeff Traeger", "Tim Guest with the Nova Scotia Health
/// Authority" → "Tim Guest", "oil and gas worker Mike Wipf" → "Mike Wipf"),
/// titles ("Dr.", "Lt.") left out. None when no capitalised word names
/// anyone ("the rookie defenceman", "A tweet").
fn person_in(speaker: &str) -> Option<&str> {
    const CUT: &[&str] = &[
        " with ", " of ", " at ", " from ", " for ", " in ", " on ", ", ",
    ];
    // A name ending the speaker after a role ("former Bank of Canada
    // governor David Dodge") is the person; one after "the", "of"… ("Tim
    // Guest with the Nova Scotia Health Authority") is an organisation.
    let end_run = capitalised_tail(speaker);
    let role = speaker[..speaker.len() - end_run.len()]
        .trim_end()
        .rsplit(' ')
        .next()
        .is_some_and(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                && !matches!(
                    w,
                    "the"
                        | "of"
                        | "with"
                        | "at"
                        | "for"
                        | "from"
                        | "in"
                        | "on"
                        | "a"
                        | "an"
                        | "and"
                        | "to"
                        | "by"
                )
        });
    let head_end = if role && !end_run.is_empty() {
        speaker.len()
    } else {
        CUT.iter()
            .filter_map(|c| speaker.find(c))
            .min()
            .unwrap_or(speaker.len())
    };
    let head = &speaker[..head_end];
    let name = capitalised_tail(head).trim();
    (!name.is_empty()).then_some(name)
}

/// Capitalised words that name nobody.
const NOT_NAMES: &[&str] = &[
    "A", "An", "The", "His", "Her", "Their", "Its", "One", "Some", "Another", "It", "This", "That",
    "I", "We", "He", "She", "They",
];

/// The run of capitalised words (no titles) ending `s`.
fn capitalised_tail(s: &str) -> &str {
    let mut start = s.len();
    for word in s.rsplit(' ') {
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let title = word.ends_with('.') && word.len() <= 5;
        if !capital || title || NOT_NAMES.contains(&word) {
            break;
        }
        // The word and the space before it.
        start = start.saturating_sub(word.len() + 1);
    }
    s.get(start..).unwrap_or("").trim_start()
}

/// The text up to `len` bytes before byte `at`, cut at a character
/// boundary.
fn window_before(text: &str, at: usize, len: usize) -> &str {
    let mut from = at.saturating_sub(len);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..at).unwrap_or("")
}

/// Surnames completed from the first full name in the text that ends with
/// them ("Lonechild" → "Darian Lonechild"); the names are read once, on the
/// first surname to complete.
#[derive(Default)]
struct FullNames {
    by_surname: Option<HashMap<String, String>>,
}

impl FullNames {
    fn complete(&mut self, speaker: &str, text: &str) -> String {
        if speaker.contains(' ') {
            return speaker.to_string();
        }
        let by_surname = self.by_surname.get_or_insert_with(|| {
            let mut map = HashMap::new();
            for m in FULL_NAME.find_iter(text) {
                if let Some((_, surname)) = m.as_str().rsplit_once(' ') {
                    map.entry(surname.to_string())
                        .or_insert_with(|| m.as_str().to_string());
                }
            }
            map
        });
        by_surname
            .get(speaker)
            .cloned()
            .unwrap_or_else(|| speaker.to_string())
    }
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
