//! Aligns the text two articles share: maximal runs of identical shingles,
//! chosen without overlap (so moved paragraphs are found), then runs close to
//! each other in both texts joined into one passage marked as edited.
//!
//! Copies re-typed, OCR'd or sloppily converted carry letter-level noise: at
//! 5% of letters substituted about a quarter of the words differ, and only
//! one 5-word shingle in four survives, so long exact runs are rare. Two
//! things keep such a copy a copy without admitting chance matches:
//! short runs (one or two shingles) whose shingles occur once in each text
//! seed a passage, and two runs up to `noisy_gap_words` apart are joined when
//! the words between them are mostly the *same words misspelt*
//! ([`same_word`]) — something two different texts on one subject never
//! show word after word. A short seed that joins nothing is dropped.

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
    /// Two runs separated by at most this many words in both texts are one
    /// noisy passage when the words between them mostly match as
    /// [`same_word`]s (at least `noisy_match_fraction` of the longer gap).
    pub noisy_gap_words: usize,
    /// See `noisy_gap_words`.
    pub noisy_match_fraction: f32,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            min_run_shingles: 3,
            max_gap_words: 12,
            max_repeats: 8,
            noisy_gap_words: 40,
            noisy_match_fraction: 0.6,
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
    /// Words of A that match their counterpart in B: the exact runs plus
    /// the words of noisy gaps that are the same word misspelt (the passage
    /// minus its edits).
    pub matched_words: usize,
}

/// One text as alignment sees it: its words' places and its print.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub text: &'a str,
    pub print: &'a TextPrint,
}

impl<'a> Side<'a> {
    pub fn new(text: &'a str, print: &'a TextPrint) -> Self {
        Side { text, print }
    }

    fn word(&self, i: usize) -> &'a str {
        self.print
            .tokens
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }
}

/// Finds the passages shared by `a` and `b`. Shingles in `ignore` (site
/// furniture, stock phrases) neither seed nor extend runs.
pub fn align(a: Side, b: Side, ignore: &HashSet<u64>, params: &AlignParams) -> Vec<TokenPassage> {
    let runs = maximal_runs(&a.print.shingles, &b.print.shingles, ignore, params);
    let chosen = choose_disjoint(runs);
    let mut passages = join_close_runs(chosen, a, b, params);
    extend_noisy_ends(&mut passages, a, b);
    passages
}

/// Misspellings at a passage's ends leave no shingle to seed a run there:
/// extend each passage word by word along its diagonal while the words are
/// the same word misspelt (up to two differing words in a row), stopping
/// short of the neighbouring passages.
fn extend_noisy_ends(passages: &mut [TokenPassage], a: Side, b: Side) {
    const MAX_MISSES_IN_A_ROW: usize = 2;
    for k in 0..passages.len() {
        let (limit_a, limit_b) = (
            passages
                .get(k + 1)
                .map_or(a.print.words(), |next| next.a.start),
            passages
                .iter()
                .map(|q| q.b.start)
                .filter(|&s| s >= passages[k].b.end)
                .min()
                .unwrap_or(b.print.words()),
        );
        let p = &mut passages[k];
        let (mut i, mut j, mut misses, mut gained) = (p.a.end, p.b.end, 0, 0);
        while i < limit_a && j < limit_b && misses <= MAX_MISSES_IN_A_ROW {
            if same_word(a.word(i), b.word(j)) {
                misses = 0;
                gained += 1;
                p.a.end = i + 1;
                p.b.end = j + 1;
            } else {
                misses += 1;
            }
            i += 1;
            j += 1;
        }
        let limit_a = if k == 0 { 0 } else { passages[k - 1].a.end };
        let limit_b = passages
            .iter()
            .map(|q| q.b.end)
            .filter(|&e| e <= passages[k].b.start)
            .max()
            .unwrap_or(0);
        let p = &mut passages[k];
        let (mut i, mut j, mut misses) = (p.a.start, p.b.start, 0);
        while i > limit_a && j > limit_b && misses <= MAX_MISSES_IN_A_ROW {
            if same_word(a.word(i - 1), b.word(j - 1)) {
                misses = 0;
                gained += 1;
                p.a.start = i - 1;
                p.b.start = j - 1;
            } else {
                misses += 1;
            }
            i -= 1;
            j -= 1;
        }
        if gained > 0 {
            p.matched_words += gained;
        }
    }
}

/// All maximal diagonal runs of equal shingles: those of at least the
/// minimum length, and shorter ones whose every shingle occurs once in each
/// text (seeds for noisy passages; alone they are dropped after joining).
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
    let unique = |h: &u64| {
        where_a.get(h).map_or(0, Vec::len) == 1 && b_counts.get(h).copied().unwrap_or(0) == 1
    };
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
            let seed = len > 0 && sa[i..i + len].iter().all(unique);
            if len >= p.min_run_shingles || seed {
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
/// is dropped. This keeps each word of either text in at most one passage,
/// while letting a paragraph moved elsewhere still align.
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

/// Joins consecutive runs (in A's order) that follow each other in B too:
/// across a small gap in both texts (an edit between two solid runs), or
/// across a gap up to `noisy_gap_words` whose words are mostly the same
/// words misspelt (noise). A passage needs a solid run (at least
/// `min_run_shingles`) or a verified noisy join: a lone short seed is chance.
fn join_close_runs(runs: Vec<Run>, a: Side, b: Side, p: &AlignParams) -> Vec<TokenPassage> {
    // Each passage with whether it holds a solid run and whether it was
    // joined across a verified noisy gap.
    let mut out: Vec<(TokenPassage, bool, bool)> = Vec::new();
    for run in runs {
        let (ta, tb) = (run.tokens_a(), run.tokens_b());
        let solid = run.len >= p.min_run_shingles;
        if let Some((last, last_solid, verified)) = out.last_mut() {
            if tb.start >= last.b.end {
                let gap_a = TokenSpan {
                    start: last.a.end,
                    end: ta.start,
                };
                let gap_b = TokenSpan {
                    start: last.b.end,
                    end: tb.start,
                };
                let within = |limit: usize| gap_a.len() <= limit && gap_b.len() <= limit;
                let matched = if within(p.noisy_gap_words) {
                    matching_words(a, gap_a, b, gap_b)
                } else {
                    0
                };
                let longer = gap_a.len().max(gap_b.len());
                let edit = solid && *last_solid && within(p.max_gap_words);
                let noisy = within(p.noisy_gap_words)
                    && matched as f32 >= p.noisy_match_fraction * longer as f32;
                if edit || noisy {
                    last.a.end = ta.end;
                    last.b.end = tb.end;
                    last.exact &= longer == 0;
                    last.matched_words += matched + ta.len();
                    *last_solid |= solid;
                    *verified |= noisy;
                    continue;
                }
            }
        }
        let passage = TokenPassage {
            a: ta,
            b: tb,
            exact: true,
            matched_words: ta.len(),
        };
        out.push((passage, solid, false));
    }
    out.into_iter()
        .filter(|(_, solid, verified)| *solid || *verified)
        .map(|(passage, _, _)| passage)
        .collect()
}

/// How many words of the two gaps pair up as [`same_word`]s, in order (the
/// longest common subsequence under that likeness; gaps are at most
/// `noisy_gap_words` long, so the quadratic table is small).
fn matching_words(a: Side, ga: TokenSpan, b: Side, gb: TokenSpan) -> usize {
    if ga.is_empty() || gb.is_empty() {
        return 0;
    }
    let wa: Vec<&str> = (ga.start..ga.end).map(|i| a.word(i)).collect();
    let wb: Vec<&str> = (gb.start..gb.end).map(|i| b.word(i)).collect();
    let mut prev = vec![0usize; wb.len() + 1];
    let mut cur = vec![0usize; wb.len() + 1];
    for x in &wa {
        for (j, y) in wb.iter().enumerate() {
            cur[j + 1] = if same_word(x, y) {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[wb.len()]
}

/// The same word, perhaps misspelt: equal ignoring case, or, for words of
/// four or more letters, within one substituted, inserted or deleted letter
/// per four letters (OCR and re-typing errors; "Goverment" for
/// "Government"). Short words must match exactly: "in"/"on" are different
/// words, not noise.
pub fn same_word(x: &str, y: &str) -> bool {
    if x.eq_ignore_ascii_case(y) {
        return true;
    }
    let xs: Vec<char> = x.chars().flat_map(char::to_lowercase).collect();
    let ys: Vec<char> = y.chars().flat_map(char::to_lowercase).collect();
    if xs == ys {
        return true;
    }
    let shorter = xs.len().min(ys.len());
    if shorter < 4 {
        return false;
    }
    let allowed = (xs.len().max(ys.len()) / 4).max(1);
    if xs.len().abs_diff(ys.len()) > allowed {
        return false;
    }
    levenshtein(&xs, &ys) <= allowed
}

/// Edit distance between two short words (two rows of the usual table).
fn levenshtein(x: &[char], y: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=y.len()).collect();
    let mut cur = vec![0; y.len() + 1];
    for (i, cx) in x.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cy) in y.iter().enumerate() {
            let sub = prev[j] + usize::from(cx != cy);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[y.len()]
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
        let (pa, pb) = (TextPrint::of(a), TextPrint::of(b));
        align(
            Side::new(a, &pa),
            Side::new(b, &pb),
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
        let tp = align(
            Side::new(&a, &pa),
            Side::new(&b, &pb),
            &HashSet::new(),
            &AlignParams::default(),
        );
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
        let side = Side::new(&a, &pa);
        assert!(align(side, side, &ignore, &AlignParams::default()).is_empty());
    }

    /// Replaces one letter in about one word of four with four or more
    /// letters, at pseudo-random places: what 5% of letters substituted does
    /// to English text.
    fn misspell(text: &str, seed: u64) -> String {
        let mut state = seed;
        text.split(' ')
            .map(|w| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                if (state >> 33).is_multiple_of(4) && w.len() >= 4 {
                    let mut c: Vec<char> = w.chars().collect();
                    c[1] = if c[1] == 'q' { 'z' } else { 'q' };
                    c.into_iter().collect()
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    const PROSE: &str = "The city council voted on Tuesday to approve a new budget \
        that raises spending on public transport and housing while cutting the \
        money set aside for road repairs, a decision that opponents described as \
        reckless and supporters welcomed as long overdue after years of delays \
        and arguments about how the growing population should move around the \
        region in the coming decades according to several members of the board";

    #[test]
    fn a_noisy_copy_aligns_as_one_passage() {
        let words = TextPrint::of(PROSE).words();
        for seed in 1..=20 {
            let noisy = misspell(PROSE, seed);
            let p = run(PROSE, &noisy);
            assert_eq!(p.len(), 1, "seed {seed}: {p:?}");
            assert!(p[0].a.len() >= words - 2, "seed {seed}: {p:?} of {words}");
            assert!(p[0].matched_words >= words - 2, "seed {seed}: {p:?}");
        }
    }

    #[test]
    fn words_misspelt_are_the_same_word_short_words_are_not() {
        assert!(same_word("Government", "Goverment"));
        assert!(same_word("council", "councjl"));
        assert!(same_word("ÉTAT", "état"));
        assert!(!same_word("in", "on"));
        assert!(!same_word("council", "counsel"));
        assert!(!same_word("budget", "market"));
    }

    #[test]
    fn shared_names_in_different_sentences_do_not_join() {
        // Two different texts that share a few 5-word phrases (names, a
        // title) but not the words between them stay unaligned.
        let a = "Federal Reserve chair Jerome Powell said on Wednesday that \
            inflation remained too high and rates would stay where they are for \
            now while the committee watches wages closely across the economy";
        let b = "Critics of Federal Reserve chair Jerome Powell argued that the \
            central bank moved far too slowly last year and should have acted \
            before prices in shops began climbing so sharply in every region";
        assert!(run(a, b).is_empty(), "{:?}", run(a, b));
    }
}
