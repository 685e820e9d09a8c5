//! Deciding whether two articles share text, and how much.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::align::{align, to_char_passages, AlignParams, Side, TokenPassage, TokenSpan};
use crate::fingerprint::TextPrint;
use crate::quotation::quoted_words;

/// Thresholds that turn aligned passages into a verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchParams {
    pub align: AlignParams,
    /// Fewer shared words than this is not reuse: a quoted sentence two
    /// outlets both carry, a stock phrase.
    pub min_shared_words: usize,
    /// Fewer shared words outside quotation marks than this is not reuse:
    /// two outlets quoting one statement, tweet or transcript share the
    /// quote, not each other's article.
    pub min_prose_words: usize,
    /// A pair where at least this share of the shorter article's words is
    /// shared verbatim (edited stretches between runs not counted) is a copy
    /// (whole, cut or padded); below it, partial reuse.
    pub copy_fraction: f32,
}

impl Default for MatchParams {
    fn default() -> Self {
        MatchParams {
            align: AlignParams::default(),
            min_shared_words: 40,
            min_prose_words: 10,
            copy_fraction: 0.5,
        }
    }
}

/// How two articles are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReuseKind {
    /// Most of one article is in the other: a reprint, cut or padded.
    Copy,
    /// A substantial passage is shared, but most of both articles is not.
    Partial,
}

impl ReuseKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ReuseKind::Copy => "copy",
            ReuseKind::Partial => "partial",
        }
    }

    pub fn parse(s: &str) -> Option<ReuseKind> {
        match s {
            "copy" => Some(ReuseKind::Copy),
            "partial" => Some(ReuseKind::Partial),
            _ => None,
        }
    }
}

/// The verified relation between articles A and B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairMatch {
    pub kind: ReuseKind,
    /// Share of A's words inside shared passages.
    pub shared_a: f32,
    /// Share of B's words inside shared passages.
    pub shared_b: f32,
    /// Words inside shared passages, in the text that has fewer of them
    /// (the same whichever side is A).
    pub shared_words: usize,
    pub passages: Vec<crate::align::Passage>,
}

impl PairMatch {
    /// The larger of the two shares: how much of the shorter text is shared.
    pub fn shared(&self) -> f32 {
        self.shared_a.max(self.shared_b)
    }

    /// The same match seen from the other side (B as A).
    pub fn swapped(mut self) -> PairMatch {
        std::mem::swap(&mut self.shared_a, &mut self.shared_b);
        for p in &mut self.passages {
            std::mem::swap(&mut p.a, &mut p.b);
        }
        self
    }
}

/// Compares two texts. `furniture` holds fingerprints known to be site
/// furniture or stock text: a passage most of whose fingerprints are
/// furniture does not count as reuse.
pub fn compare(
    a_text: &str,
    a: &TextPrint,
    b_text: &str,
    b: &TextPrint,
    furniture: &HashSet<u64>,
    params: &MatchParams,
) -> Option<PairMatch> {
    if a.shingles.is_empty() || b.shingles.is_empty() {
        return None;
    }
    let passages: Vec<TokenPassage> = align(
        Side::new(a_text, a),
        Side::new(b_text, b),
        &HashSet::new(),
        &params.align,
    )
    .into_iter()
    .filter(|p| !is_furniture(p, a, furniture))
    .collect();
    let words_a: usize = passages.iter().map(|p| p.a.len()).sum();
    let words_b: usize = passages.iter().map(|p| p.b.len()).sum();
    if words_a.min(words_b) < params.min_shared_words {
        return None;
    }
    let quoted = (
        quoted_words(a_text, &a.tokens),
        quoted_words(b_text, &b.tokens),
    );
    if shared_prose(&passages, &quoted) < params.min_prose_words {
        return None;
    }
    let shared_a = words_a as f32 / a.words().max(1) as f32;
    let shared_b = words_b as f32 / b.words().max(1) as f32;
    // Words matched (verbatim or the same word misspelt), not words spanned:
    // a passage joined across rewritten stretches is not a copy of them.
    let matched: usize = passages.iter().map(|p| p.matched_words).sum();
    let shorter = a.words().min(b.words()).max(1);
    // A copy holds half of the shorter text's words and half of its prose:
    // quotations both carry cannot make up the difference.
    let share = (matched as f32 / shorter as f32).min(prose_share(&passages, a, b, &quoted));
    let kind = if share >= params.copy_fraction {
        ReuseKind::Copy
    } else {
        ReuseKind::Partial
    };
    Some(PairMatch {
        kind,
        shared_a: shared_a.min(1.0),
        shared_b: shared_b.min(1.0),
        shared_words: words_a.min(words_b),
        passages: to_char_passages(&passages, a_text, a, b_text, b),
    })
}

/// Words of the passages outside quotation marks, in the text that has
/// fewer of them (a quote marked in one text and not the other is still a
/// quote). `quoted` says which words of A and of B are quoted.
fn shared_prose(passages: &[TokenPassage], quoted: &(Vec<bool>, Vec<bool>)) -> usize {
    let side = |q: &[bool], span: fn(&TokenPassage) -> TokenSpan| {
        passages
            .iter()
            .map(|p| unquoted_in(q, span(p)))
            .sum::<usize>()
    };
    side(&quoted.0, |p| p.a).min(side(&quoted.1, |p| p.b))
}

/// Words of `span` outside quotation marks.
fn unquoted_in(quoted: &[bool], span: TokenSpan) -> usize {
    (span.start..span.end)
        .filter(|&i| !quoted.get(i).copied().unwrap_or(false))
        .count()
}

/// The share of the shorter article's prose — its words outside quotation
/// marks — that the other has too, matched (verbatim or the same word
/// misspelt; words of rewritten stretches between runs not counted).
/// Quoted words count neither as shared nor as the article's: two outlets
/// quoting one long statement share the speaker's words, not each other's
/// article (issue 14: cnbc.com's and theblaze.com's own write-ups of
/// Spotify's blog post were a "copy", 152 shared words of which about 20
/// outside its quotation marks). A copy of an article carries its prose
/// with its quotes, so it keeps its share; where the shorter text's marks
/// are not read (single quotes) its quotes count as prose, as before.
fn prose_share(
    passages: &[TokenPassage],
    a: &TextPrint,
    b: &TextPrint,
    quoted: &(Vec<bool>, Vec<bool>),
) -> f32 {
    let (print, q, span): (&TextPrint, &[bool], fn(&TokenPassage) -> TokenSpan) =
        if a.words() <= b.words() {
            (a, &quoted.0, |p| p.a)
        } else {
            (b, &quoted.1, |p| p.b)
        };
    let own = print.words() - q.iter().filter(|&&x| x).count().min(print.words());
    // A passage's matched words, in the share of its words that is prose.
    let matched: f32 = passages
        .iter()
        .map(|p| {
            let s = span(p);
            p.matched_words as f32 * unquoted_in(q, s) as f32 / s.len().max(1) as f32
        })
        .sum();
    matched / own.max(1) as f32
}

/// A passage is furniture when at least half of A's fingerprints inside it
/// are furniture fingerprints.
fn is_furniture(p: &TokenPassage, a: &TextPrint, furniture: &HashSet<u64>) -> bool {
    if furniture.is_empty() {
        return false;
    }
    let last_shingle =
        p.a.end
            .saturating_sub(crate::fingerprint::SHINGLE_WORDS - 1);
    let inside = a
        .shingles
        .get(p.a.start..last_shingle.max(p.a.start))
        .unwrap_or(&[]);
    let selected: Vec<&u64> = inside
        .iter()
        .filter(|h| a.fingerprints.binary_search(h).is_ok())
        .collect();
    let hits = selected.iter().filter(|h| furniture.contains(h)).count();
    hits > 0 && hits * 2 >= selected.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(prefix: &str, n: usize) -> String {
        (0..n)
            .map(|i| format!("{prefix}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn cmp(a: &str, b: &str, furniture: &HashSet<u64>) -> Option<PairMatch> {
        let (pa, pb) = (TextPrint::of(a), TextPrint::of(b));
        compare(a, &pa, b, &pb, furniture, &MatchParams::default())
    }

    #[test]
    fn whole_reprint_is_a_copy() {
        let t = words("w", 200);
        let m = cmp(
            &t,
            &format!("Reprinted from elsewhere. {t}"),
            &HashSet::new(),
        )
        .unwrap();
        assert_eq!(m.kind, ReuseKind::Copy);
        assert!(m.shared_a > 0.99, "{}", m.shared_a);
    }

    #[test]
    fn excerpt_in_a_long_article_is_partial_for_the_long_one() {
        let excerpt = words("e", 60);
        let long = format!("{} {excerpt} {}", words("x", 400), words("y", 400));
        let m = cmp(
            &long,
            &format!("{} {excerpt}", words("z", 200)),
            &HashSet::new(),
        )
        .unwrap();
        assert_eq!(m.kind, ReuseKind::Partial);
        assert!(m.shared_a < 0.1);
    }

    #[test]
    fn a_short_shared_quote_is_not_reuse() {
        let quote = words("q", 20);
        let a = format!("{} {quote} {}", words("x", 100), words("y", 100));
        let b = format!("{} {quote} {}", words("u", 100), words("v", 100));
        assert!(cmp(&a, &b, &HashSet::new()).is_none());
    }

    #[test]
    fn a_long_shared_quotation_alone_is_not_reuse() {
        // Two reports quoting one long statement (issue 15: an Instagram
        // post and a transcript quoted by different outlets).
        let statement = words("q", 60);
        let a = format!("{}\n\n“{statement}”\n\n{}", words("x", 100), words("y", 50));
        let b = format!(
            "{} said: “{statement}”\n\n{}",
            words("u", 100),
            words("v", 50)
        );
        assert!(cmp(&a, &b, &HashSet::new()).is_none());
        // The same text shared outside quotation marks is reuse.
        let c = format!("{} {statement} {}", words("u", 100), words("v", 50));
        let d = format!("{} {statement} {}", words("x", 100), words("y", 50));
        assert!(cmp(&c, &d, &HashSet::new()).is_some());
    }

    #[test]
    fn shared_quotations_with_a_little_shared_prose_are_not_a_copy() {
        // Two outlets' own write-ups of one blog post (issue 14: cnbc.com
        // and theblaze.com on Spotify): the statement quoted at length by
        // both, and a few words of prose alike around it ("the company said
        // in a blog post"), as any two write-ups of it have.
        let statement = words("q", 120);
        let glue = words("g", 15);
        let a = format!(
            "{}\n\n“{statement}” {glue}\n\n{}",
            words("x", 40),
            words("y", 40)
        );
        let b = format!(
            "{}\n\n“{statement}” {glue}\n\n{}",
            words("u", 40),
            words("v", 40)
        );
        let m = cmp(&a, &b, &HashSet::new()).expect("shared prose enough to be reuse");
        assert_eq!(m.kind, ReuseKind::Partial, "{m:?}");
        // The same article reprinted whole, its quotation included, is a
        // copy: its prose is shared with its quotes.
        let c = format!("Reprinted. {a}");
        let m = cmp(&a, &c, &HashSet::new()).unwrap();
        assert_eq!(m.kind, ReuseKind::Copy, "{m:?}");
        // Counted on all words, as before, the first pair was a copy: 135
        // of 215 words.
        assert!(135.0 / 215.0 >= MatchParams::default().copy_fraction);
    }

    #[test]
    fn a_noisy_reprint_is_still_a_copy_and_two_stories_stay_apart() {
        let story = "The regional water authority said on Monday that reservoir levels \
            had fallen to their lowest point in a decade after months without \
            significant rain, and that households across the valley would face new \
            limits on garden watering and car washing from the start of next month. \
            Officials urged residents to report leaks quickly and promised to publish \
            weekly figures so that people could see whether the measures were working, \
            while farmers warned that the restrictions came too late for this year's \
            harvest and asked the government for emergency support";
        // Letters substituted in about one word of four.
        let noisy = story
            .replace("regional", "regionql")
            .replace("authority", "authorjty")
            .replace("reservoir", "reservojr")
            .replace("lowest", "lowezt")
            .replace("decade", "decqde")
            .replace("significant", "signifjcant")
            .replace("households", "househqlds")
            .replace("garden", "gardcn")
            .replace("washing", "washinq")
            .replace("Officials", "Offjcials")
            .replace("quickly", "quickiy")
            .replace("publish", "pubiish")
            .replace("weekly", "weekiy")
            .replace("whether", "whethcr")
            .replace("farmers", "farmcrs")
            .replace("restrictions", "restrictlons")
            .replace("harvest", "harvcst")
            .replace("emergency", "emergcncy");
        let m = cmp(story, &noisy, &HashSet::new()).expect("a noisy copy is reuse");
        assert_eq!(m.kind, ReuseKind::Copy, "{m:?}");
        let other = "Farmers in the valley said on Monday that the water authority \
            had waited far too long before acting, and that reservoir levels had been \
            falling for most of the year while officials kept telling households that \
            there was nothing to worry about. Several growers said they had already \
            lost part of this year's harvest and would ask the government for \
            emergency support, while others planned to drill new wells on their land \
            despite warnings from the authority about the cost and the risk";
        assert!(cmp(story, other, &HashSet::new()).is_none());
    }

    #[test]
    fn shared_furniture_is_not_reuse() {
        let footer = words("f", 80);
        let a = format!("{} {footer}", words("x", 200));
        let b = format!("{} {footer}", words("y", 200));
        let pa = TextPrint::of(&a);
        assert!(cmp(&a, &b, &HashSet::new()).is_some());
        let furniture: HashSet<u64> = pa.fingerprints.iter().copied().collect();
        assert!(cmp(&a, &b, &furniture).is_none());
    }
}
