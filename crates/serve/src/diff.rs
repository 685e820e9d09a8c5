//! The diff of two articles: their shared passages (from the stored pair,
//! or computed now with `reprint_match::compare`), each text cut into
//! segments marked exact / edited / only-here, and the editorial changes
//! (cut, inserted, altered quotes…) reprint-trace finds between them.

use std::collections::HashSet;

use reprint_match::{compare, CharSpan, MatchParams, Passage, TextPrint};
use reprint_store::queries::FullArticle;
use reprint_trace::Change;
use serde::Serialize;

/// A stretch of one text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// `exact` (same words in both), `edited` (shared with small edits), or
    /// `only` (in this text alone: cut from the other, or inserted here).
    pub kind: &'static str,
    /// Index of the passage it belongs to (shared segments only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passage: Option<usize>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub a: i64,
    pub b: i64,
    /// `stored` when the pair was matched at ingest, `computed` otherwise.
    pub source: &'static str,
    pub kind: Option<String>,
    pub shared_a: f64,
    pub shared_b: f64,
    pub passages: Vec<Passage>,
    pub segments_a: Vec<Segment>,
    pub segments_b: Vec<Segment>,
    /// Changes from `a` (taken as the earlier text) to `b`.
    pub changes: Vec<Change>,
}

/// Builds the diff of two stored articles; `stored` is their stored pair,
/// oriented from `a` to `b`, if any.
pub fn diff(
    a: &FullArticle,
    b: &FullArticle,
    stored: Option<reprint_store::queries::StoredPair>,
) -> Diff {
    let (source, kind, shared_a, shared_b, passages) = match stored {
        Some(p) => ("stored", Some(p.kind), p.shared_a, p.shared_b, p.passages),
        None => {
            let (pa, pb) = (TextPrint::of(&a.text), TextPrint::of(&b.text));
            match compare(
                &a.text,
                &pa,
                &b.text,
                &pb,
                &HashSet::new(),
                &MatchParams::default(),
            ) {
                Some(m) => (
                    "computed",
                    Some(m.kind.as_str().to_string()),
                    f64::from(m.shared_a),
                    f64::from(m.shared_b),
                    m.passages,
                ),
                None => ("computed", None, 0.0, 0.0, Vec::new()),
            }
        }
    };
    let spans_a: Vec<(CharSpan, bool)> = passages.iter().map(|p| (p.a, p.exact)).collect();
    let spans_b: Vec<(CharSpan, bool)> = passages.iter().map(|p| (p.b, p.exact)).collect();
    Diff {
        a: a.row.key,
        b: b.row.key,
        source,
        kind,
        shared_a,
        shared_b,
        segments_a: segments(&a.text, &spans_a),
        segments_b: segments(&b.text, &spans_b),
        passages,
        changes: reprint_trace::changes::changes(&a.article, &b.article),
    }
}

/// Cuts `text` at the passage spans (character offsets; out-of-range or
/// overlapping spans are clamped, never a panic).
pub fn segments(text: &str, spans: &[(CharSpan, bool)]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].0.start);
    let mut out = Vec::new();
    let mut at = 0usize;
    let take = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    for i in order {
        let (span, exact) = spans[i];
        let start = span.start.clamp(at, n);
        let end = span.end.clamp(start, n);
        if start > at {
            out.push(Segment {
                kind: "only",
                passage: None,
                text: take(at, start),
            });
        }
        if end > start {
            out.push(Segment {
                kind: if exact { "exact" } else { "edited" },
                passage: Some(i),
                text: take(start, end),
            });
        }
        at = at.max(end);
    }
    if at < n {
        out.push(Segment {
            kind: "only",
            passage: None,
            text: take(at, n),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cover_text_and_survive_bad_spans() {
        let t = "héllo wörld and more";
        let s = segments(
            t,
            &[
                (CharSpan { start: 6, end: 11 }, true),
                (CharSpan { start: 9, end: 999 }, false),
            ],
        );
        let joined: String = s.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(joined, t);
        assert_eq!(s[1].text, "wörld");
        assert_eq!(s[1].kind, "exact");
    }
}
