//! The edits a copy makes to the text it takes: headline, rewritten lede,
//! excerpt cut off mid-paragraph, cut, altered quote and number, quote
//! given to another speaker, changed name, reordered and inserted
//! paragraphs. Each edit records its [`ChangeKind`] only when it really
//! changed the origin's words. Shared by both generators; the order of
//! random draws is part of the legacy seeds and must not change.

use std::collections::BTreeSet;

use reprint_trace::ChangeKind;

use super::{DAYS, MONTHS};
use crate::rng::Rng;
use crate::texts::SourceText;

/// Text of a story as it travels: headline and body.
#[derive(Debug, Clone)]
pub struct Body {
    pub title: String,
    pub paragraphs: Vec<String>,
    /// Per paragraph: true when it is the origin's text (not inserted on
    /// the way), so later edits change only what the origin wrote.
    pub from_origin: Vec<bool>,
    pub changes: BTreeSet<ChangeKind>,
    /// The text stops short inside its last paragraph (an excerpt).
    pub truncated: bool,
}

impl Body {
    /// A story's text as its origin publishes it.
    pub fn original(title: &str, paragraphs: &[String]) -> Body {
        Body {
            title: title.to_string(),
            paragraphs: paragraphs.to_vec(),
            from_origin: vec![true; paragraphs.len()],
            changes: BTreeSet::new(),
            truncated: false,
        }
    }

    /// True when the body text itself changed (not only the headline or a
    /// kicker above it): what "no changes" terms forbid.
    pub fn body_changed(&self) -> bool {
        self.changes
            .iter()
            .any(|c| !matches!(c, ChangeKind::HeadlineChanged | ChangeKind::KickerAdded))
    }
}

/// Applies a random set of edits to a copy of `from`. Cuts come first and
/// inserts last, and every edit touches only the origin's own paragraphs, so
/// that quotations, names and numbers are only altered in text the origin
/// has (an edit inside an inserted paragraph — this copy's or a proxy's — is
/// not a change *to* the origin's text).
pub fn edit(rng: &mut Rng, from: &Body, filler: &SourceText) -> Body {
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

/// A copy's house style: straight quotes and apostrophes, dashes and
/// ellipses spelled out, "U.S." as "US". Typography, not an edit: the
/// truth records no change for it.
pub fn restyle(text: &str) -> String {
    text.replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .replace(" — ", " -- ")
        .replace('—', "--")
        .replace('…', "...")
        .replace("U.S.", "US")
        .replace("U.N.", "UN")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn restyling_changes_typography_only() {
        assert_eq!(
            restyle("“We won’t,” the U.S. envoy said — again…"),
            "\"We won't,\" the US envoy said -- again..."
        );
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
