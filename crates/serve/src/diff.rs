//! The diff of two articles: their shared passages (from the stored pair,
//! or computed now with `reprint_match::compare`), each text cut into
//! segments marked exact / edited / only-here, and the editorial changes
//! (cut, inserted, altered quotes…) reprint-trace finds between them. The
//! segments are also cut at altered quotations, so both versions of a
//! quote can be highlighted where they stand.

use std::collections::HashSet;

use reprint_match::{compare, CharSpan, MatchParams, Passage, TextPrint};
use reprint_store::queries::FullArticle;
use reprint_trace::{Change, ChangeKind};
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
    /// Part of a quotation the other text words differently.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub altered_quote: bool,
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
    let changes = reprint_trace::changes::changes(&a.article, &b.article);
    let (quotes_a, quotes_b) = altered_quotes(a, b, &changes);
    Diff {
        a: a.row.key,
        b: b.row.key,
        source,
        kind,
        shared_a,
        shared_b,
        segments_a: mark_spans(segments(&a.text, &spans_a), &quotes_a),
        segments_b: mark_spans(segments(&b.text, &spans_b), &quotes_b),
        passages,
        changes,
    }
}

/// Where each altered quotation stands: character spans in `a`'s text (the
/// original wording) and in `b`'s (the altered one). A change carries both
/// spans; one stored before spans were kept names the paragraphs and quotes
/// both wordings in its detail, `"old" → "new"`, and a wording is then
/// placed only where it is found in its paragraph, so a detail that cannot
/// be read that way highlights nothing rather than the wrong words.
pub fn altered_quotes(
    a: &FullArticle,
    b: &FullArticle,
    changes: &[Change],
) -> (Vec<CharSpan>, Vec<CharSpan>) {
    let (mut in_a, mut in_b) = (Vec::new(), Vec::new());
    for c in changes
        .iter()
        .filter(|c| c.kind == ChangeKind::QuoteAltered)
    {
        if let (Some(x), Some(y)) = (c.origin_span, c.copy_span) {
            if fits(x, &a.text) && fits(y, &b.text) {
                in_a.push(CharSpan {
                    start: x.start,
                    end: x.end,
                });
                in_b.push(CharSpan {
                    start: y.start,
                    end: y.end,
                });
            }
            continue;
        }
        let (Some(o), Some(p)) = (c.origin_paragraph, c.copy_paragraph) else {
            continue;
        };
        let inner = c.detail.strip_prefix('"').and_then(|d| d.strip_suffix('"'));
        let Some(inner) = inner else { continue };
        // The separator may also occur inside a quote: take the split at
        // which both wordings are found.
        for (i, _) in inner.match_indices("\" → \"") {
            let (old, new) = (&inner[..i], &inner[i + "\" → \"".len()..]);
            let found = (
                quote_span(&a.article.paragraphs, o, old),
                quote_span(&b.article.paragraphs, p, new),
            );
            if let (Some(x), Some(y)) = found {
                in_a.push(x);
                in_b.push(y);
                break;
            }
        }
    }
    (in_a, in_b)
}

/// True when `span` lies inside `text` (a stored change read against the
/// stored text it was made from; anything else highlights nothing).
fn fits(span: reprint_trace::Span, text: &str) -> bool {
    span.start < span.end && span.end <= text.chars().count()
}

/// The character span of `quote` inside paragraph `i`, in the text made by
/// joining `paragraphs` with blank lines (how a stored text is made).
fn quote_span(paragraphs: &[String], i: usize, quote: &str) -> Option<CharSpan> {
    let para = paragraphs.get(i)?;
    if quote.is_empty() {
        return None;
    }
    let at = para.find(quote)?;
    let before: usize = paragraphs[..i].iter().map(|p| p.chars().count() + 2).sum();
    let start = before + para[..at].chars().count();
    Some(CharSpan {
        start,
        end: start + quote.chars().count(),
    })
}

/// Cuts segments at the edges of `spans` and flags the pieces inside them
/// as altered quotations.
pub fn mark_spans(segs: Vec<Segment>, spans: &[CharSpan]) -> Vec<Segment> {
    if spans.is_empty() {
        return segs;
    }
    let mut out = Vec::with_capacity(segs.len() + 2 * spans.len());
    let mut at = 0usize;
    for seg in segs {
        let chars: Vec<char> = seg.text.chars().collect();
        let end = at + chars.len();
        let mut cuts: Vec<usize> = spans
            .iter()
            .flat_map(|s| [s.start, s.end])
            .filter(|&c| c > at && c < end)
            .collect();
        cuts.push(end);
        cuts.sort_unstable();
        cuts.dedup();
        let mut from = at;
        for to in cuts {
            out.push(Segment {
                altered_quote: spans.iter().any(|s| s.start <= from && to <= s.end),
                text: chars[from - at..to - at].iter().collect(),
                ..seg.clone()
            });
            from = to;
        }
        at = end;
    }
    out
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
                altered_quote: false,
                text: take(at, start),
            });
        }
        if end > start {
            out.push(Segment {
                kind: if exact { "exact" } else { "edited" },
                passage: Some(i),
                altered_quote: false,
                text: take(start, end),
            });
        }
        at = at.max(end);
    }
    if at < n {
        out.push(Segment {
            kind: "only",
            passage: None,
            altered_quote: false,
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

    fn article(key: i64, paragraphs: &[&str]) -> FullArticle {
        let article = reprint_extract::Article {
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            ..Default::default()
        };
        FullArticle {
            row: reprint_store::ArticleRow {
                key,
                id: format!("a{key}"),
                url: None,
                site: None,
                title: None,
                byline: None,
                published: None,
                fetched: None,
                words: 0,
            },
            story: None,
            text: article.text(),
            article,
        }
    }

    #[test]
    fn altered_quotes_are_cut_out_and_flagged_in_both_texts() {
        let lede = "The finance minister spoke to reporters in the capital on Monday after a long cabinet meeting about the budget.";
        let a = article(
            1,
            &[
                lede,
                "“We will not raise taxes on working families this year,” the minister said.",
            ],
        );
        let b = article(
            2,
            &[
                lede,
                "“We will raise taxes on working families this year,” the minister said.",
            ],
        );
        let d = diff(&a, &b, None);
        assert!(d.changes.iter().any(|c| c.kind == ChangeKind::QuoteAltered));
        let flagged = |segs: &[Segment]| -> String {
            segs.iter()
                .filter(|s| s.altered_quote)
                .map(|s| s.text.as_str())
                .collect()
        };
        assert_eq!(
            flagged(&d.segments_a),
            "We will not raise taxes on working families this year,"
        );
        assert_eq!(
            flagged(&d.segments_b),
            "We will raise taxes on working families this year,"
        );
        // Cutting keeps the texts whole.
        let whole: String = d.segments_b.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(whole, b.text);
    }

    #[test]
    fn a_detail_that_does_not_match_the_paragraphs_highlights_nothing() {
        let a = article(1, &["He said “one two three four”."]);
        let b = article(2, &["He said “one two five four”."]);
        // A change stored before spans were kept: placed by its detail.
        let change = |detail: &str| {
            Change::new(
                ChangeKind::QuoteAltered,
                (Some(0), Some(0)),
                detail.to_string(),
            )
        };
        let (x, y) = altered_quotes(
            &a,
            &b,
            &[change("\"one two three four\" → \"one two five four\"")],
        );
        assert_eq!((x.len(), y.len()), (1, 1));
        assert_eq!((x[0].start, x[0].end), (9, 27));
        for bad in [
            "\"nowhere to be seen\" → \"one two five four\"",
            "no quotes at all",
            "\"\" → \"\"",
        ] {
            let (x, y) = altered_quotes(&a, &b, &[change(bad)]);
            assert!(x.is_empty() && y.is_empty(), "{bad}");
        }
        let out_of_range = Change {
            origin_paragraph: Some(7),
            ..change("\"one two three four\" → \"one two five four\"")
        };
        assert!(altered_quotes(&a, &b, &[out_of_range]).0.is_empty());
    }
}
