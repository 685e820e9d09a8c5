//! A word alignment of two paragraphs: a longest common subsequence of their
//! words, as the matched pairs and the stretches between them. One walk
//! serves the change finder (quotes and wording, `changes`) and the name
//! finder (`names`), each with its own sense of "the same word".

use std::ops::Range;

/// One stretch between matched words: origin words `o` became copy words
/// `c`. Either side may be empty (words cut, or words put in).
#[derive(Debug, Clone)]
pub(crate) struct Hunk {
    pub o: Range<usize>,
    pub c: Range<usize>,
}

/// Word tables above this many cells (words × words) are not aligned: a
/// paragraph that long is not prose, and the table would cost too much.
const MAX_CELLS: usize = 4_000_000;

/// Matched word pairs (origin index, copy index) and the hunks between.
pub(crate) type Alignment = (Vec<(usize, usize)>, Vec<Hunk>);

/// The alignment of `a` (origin) and `b` (copy) under `same`; None when the
/// paragraphs are too long to align.
pub(crate) fn align<A, B>(a: &[A], b: &[B], same: impl Fn(&A, &B) -> bool) -> Option<Alignment> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_CELLS {
        return None;
    }
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if same(&a[i], &b[j]) {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut oi, mut cj) = (0, 0);
    let mut matched = Vec::new();
    let mut hunks = Vec::new();
    while i < n || j < m {
        if i < n && j < m && same(&a[i], &b[j]) {
            if oi < i || cj < j {
                hunks.push(Hunk { o: oi..i, c: cj..j });
            }
            matched.push((i, j));
            i += 1;
            j += 1;
            (oi, cj) = (i, j);
        } else if j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)]) {
            j += 1;
        } else {
            i += 1;
        }
    }
    if oi < n || cj < m {
        hunks.push(Hunk { o: oi..n, c: cj..m });
    }
    Some((matched, hunks))
}
