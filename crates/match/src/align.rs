//! Aligns the text two articles share: maximal runs of identical shingles,
//! chosen without overlap (so moved paragraphs are found), then runs close to
//! each other in both texts joined into one passage marked as edited.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::fasthash::FastMap;
use crate::fingerprint::{TextPrint, SHINGLE_WORDS};

/// Parameters of alignment. The defaults are documented in ARCHITECTURE.md.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignParams {
    /// Runs shorter than this many shingles are ignored (chance collisions,
    /// stock phrases). 3 shingles = 7 words.
    pub min_run_shingles: usize,
    /// Two runs separated by at most this many words in *both* texts, in the
    /// same order, are one passage with edits between them.
    pub max_gap_words: usize,
    /// A shingle occurring more often than this in either text is not used to
    /// seed runs (repeated lists would make alignment quadratic).
    pub max_repeats: usize,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            min_run_shingles: 3,
            max_gap_words: 12,
            max_repeats: 8,
        }
    }
}

/// A half-open range of characters (Unicode scalar values) in one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

/// A range of tokens in one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenSpan {
    pub start: usize,
    pub end: usize,
}

impl TokenSpan {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// A passage the two texts share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Where it is in the first text (characters).
    pub a: CharSpan,
    /// Where it is in the second text (characters).
    pub b: CharSpan,
    /// Words inside the passage, in the text that has fewer of them there
    /// (the same whichever side is A).
    pub words: usize,
    /// True when the passage is identical word for word in both texts;
    /// false when runs were joined across small edits.
    pub exact: bool,
}

/// An exact run of shared shingles: shingle `a + k` of A equals `b + k` of B.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    a: usize,
    b: usize,
    len: usize,
}

impl Run {
    /// Tokens covered in A (a run of `len` shingles spans `len + n - 1` words).
    fn tokens_a(&self) -> TokenSpan {
        TokenSpan {
            start: self.a,
            end: self.a + self.len + SHINGLE_WORDS - 1,
        }
    }

    fn tokens_b(&self) -> TokenSpan {
        TokenSpan {
            start: self.b,
            end: self.b + self.len + SHINGLE_WORDS - 1,
        }
    }
}

/// A passage in token coordinates, before conversion to characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenPassage {
    pub a: TokenSpan,
    pub b: TokenSpan,
    pub exact: bool,
    /// Words of A inside the exact runs (the passage minus its edited gaps).
    pub exact_words: usize,
}

/// Finds the passages shared by `a` and `b`. Shingles in `ignore` (site
/// furniture, stock phrases) neither seed nor extend runs.
pub fn align(
    a: &TextPrint,
    b: &TextPrint,
    ignore: &HashSet<u64>,
    params: &AlignParams,
) -> Vec<TokenPassage> {
    let runs = maximal_runs(&a.shingles, &b.shingles, ignore, params);
    let chosen = choose_disjoint(runs);
    join_close_runs(chosen, params.max_gap_words)
}

/// All maximal diagonal runs of equal shingles of at least the minimum length.
fn maximal_runs(sa: &[u64], sb: &[u64], ignore: &HashSet<u64>, p: &AlignParams) -> Vec<Run> {
    let mut where_a: FastMap<u64, Vec<usize>> = FastMap::default();
    where_a.reserve(sa.len());
    for (i, h) in sa.iter().enumerate() {
        if !ignore.contains(h) {
            where_a.entry(*h).or_default().push(i);
        }
    }
    let b_counts = count(sb);
    let usable = |h: &u64| !ignore.contains(h);
    let mut runs = Vec::new();
    for (j, h) in sb.iter().enumerate() {
        let Some(positions) = where_a.get(h) else {
            continue;
        };
        if positions.len() > p.max_repeats || b_counts.get(h).copied().unwrap_or(0) > p.max_repeats
        {
            continue;
        }
        for &i in positions {
            // Only start at the beginning of a diagonal run.
            if i > 0 && j > 0 && sa[i - 1] == sb[j - 1] && usable(&sa[i - 1]) {
                continue;
            }
            let mut len = 0;
            while i + len < sa.len()
                && j + len < sb.len()
                && sa[i + len] == sb[j + len]
                && usable(&sa[i + len])
            {
                len += 1;
            }
            if len >= p.min_run_shingles {
                runs.push(Run { a: i, b: j, len });
            }
        }
    }
    runs
}

fn count(s: &[u64]) -> FastMap<u64, usize> {
    let mut m = FastMap::default();
    m.reserve(s.len());
    for h in s {
        *m.entry(*h).or_insert(0) += 1;
    }
    m
}

/// Longest runs first; a run overlapping one already chosen (in either text)
/// is trimmed to its free part, or dropped if nothing useful is left. This
/// keeps each word of either text in at most one passage, while letting a
/// paragraph moved elsewhere still align.
fn choose_disjoint(mut runs: Vec<Run>) -> Vec<Run> {
    runs.sort_by(|x, y| y.len.cmp(&x.len).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    let mut taken_a: Vec<TokenSpan> = Vec::new();
    let mut taken_b: Vec<TokenSpan> = Vec::new();
    let mut chosen = Vec::new();
    for run in runs {
        let ta = run.tokens_a();
        let tb = run.tokens_b();
        if overlaps_any(&taken_a, ta) || overlaps_any(&taken_b, tb) {
            continue;
        }
        taken_a.push(ta);
        taken_b.push(tb);
        chosen.push(run);
    }
    chosen.sort_by_key(|r| r.a);
    chosen
}

fn overlaps_any(spans: &[TokenSpan], s: TokenSpan) -> bool {
    spans.iter().any(|t| t.start < s.end && s.start < t.end)
}

/// Joins consecutive runs (in A's order) whose gap is small in both texts and
/// whose order is the same in both: an edited stretch of one passage.
fn join_close_runs(runs: Vec<Run>, max_gap: usize) -> Vec<TokenPassage> {
    let mut out: Vec<TokenPassage> = Vec::new();
    for run in runs {
        let (ta, tb) = (run.tokens_a(), run.tokens_b());
        if let Some(last) = out.last_mut() {
            let gap_a = ta.start as isize - last.a.end as isize;
            let gap_b = tb.start as isize - last.b.end as isize;
            let forward = tb.start >= last.b.end;
            if forward && gap_a <= max_gap as isize && gap_b <= max_gap as isize {
                last.a.end = ta.end;
                last.b.end = tb.end;
                last.exact = false;
                last.exact_words += ta.len();
                continue;
            }
        }
        out.push(TokenPassage {
            a: ta,
            b: tb,
            exact: true,
            exact_words: ta.len(),
        });
    }
    out
}

/// Converts token passages to character spans in both texts.
pub fn to_char_passages(
    passages: &[TokenPassage],
    a_text: &str,
    a: &TextPrint,
    b_text: &str,
    b: &TextPrint,
) -> Vec<Passage> {
    let a_chars = CharIndex::new(a_text);
    let b_chars = CharIndex::new(b_text);
    passages
        .iter()
        .filter_map(|p| {
            Some(Passage {
                a: a_chars.span(a, p.a)?,
                b: b_chars.span(b, p.b)?,
                words: p.a.len().min(p.b.len()),
                exact: p.exact,
            })
        })
        .collect()
}

/// Maps byte offsets to character offsets.
struct CharIndex {
    /// Byte offset of every char boundary, ascending.
    boundaries: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        let mut boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        boundaries.push(text.len());
        CharIndex { boundaries }
    }

    fn char_at(&self, byte: usize) -> usize {
        self.boundaries.partition_point(|&b| b < byte)
    }

    fn span(&self, print: &TextPrint, t: TokenSpan) -> Option<CharSpan> {
        let first = print.tokens.get(t.start)?;
        let last = print.tokens.get(t.end.checked_sub(1)?)?;
        Some(CharSpan {
            start: self.char_at(first.start),
            end: self.char_at(last.end),
        })
    }
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

    fn run(a: &str, b: &str) -> Vec<TokenPassage> {
        align(
            &TextPrint::of(a),
            &TextPrint::of(b),
            &HashSet::new(),
            &AlignParams::default(),
        )
    }

    #[test]
    fn identical_texts_align_as_one_exact_passage() {
        let t = words("w", 50);
        let p = run(&t, &t);
        assert_eq!(p.len(), 1);
        assert!(p[0].exact);
        assert_eq!(p[0].a, TokenSpan { start: 0, end: 50 });
    }

    #[test]
    fn moved_paragraph_still_aligns() {
        let (x, y, z) = (words("x", 30), words("y", 30), words("z", 30));
        let a = format!("{x}\n\n{y}\n\n{z}");
        let b = format!("{z}\n\n{x}\n\n{y}");
        let p = run(&a, &b);
        let covered: usize = p.iter().map(|p| p.a.len()).sum();
        assert_eq!(covered, 90, "{p:?}");
    }

    #[test]
    fn a_changed_word_makes_an_edited_passage() {
        let a = words("w", 40);
        let b = a.replace("w20", "changed");
        let p = run(&a, &b);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(!p[0].exact);
        assert_eq!(p[0].a, TokenSpan { start: 0, end: 40 });
    }

    #[test]
    fn char_offsets_point_at_the_passage_in_both_texts() {
        let shared = words("s", 20);
        let a = format!("Ünïcödé lead-in here. {shared} tail");
        let b = shared.clone();
        let (pa, pb) = (TextPrint::of(&a), TextPrint::of(&b));
        let tp = align(&pa, &pb, &HashSet::new(), &AlignParams::default());
        let cp = to_char_passages(&tp, &a, &pa, &b, &pb);
        assert_eq!(cp.len(), 1);
        let got: String = a
            .chars()
            .skip(cp[0].a.start)
            .take(cp[0].a.end - cp[0].a.start)
            .collect();
        assert_eq!(got, shared);
        assert_eq!(
            cp[0].b,
            CharSpan {
                start: 0,
                end: shared.chars().count()
            }
        );
    }

    #[test]
    fn ignored_shingles_do_not_align() {
        let a = words("w", 30);
        let pa = TextPrint::of(&a);
        let ignore: HashSet<u64> = pa.shingles.iter().copied().collect();
        assert!(align(&pa, &pa, &ignore, &AlignParams::default()).is_empty());
    }
}
