//! Quotation-mark spans: “curly” and "straight" double quotes, « guillemets »,
//! and the news convention for quotes over paragraphs: a paragraph that opens
//! a quote without closing it continues when the next paragraph opens with a
//! quotation mark (the speaker goes on).

use std::ops::Range;

/// A run of quoted text: `inner` is the text between the marks (byte range
/// in the joined article text), `outer` includes the marks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub inner: Range<usize>,
    pub outer: Range<usize>,
    /// Closed by a mark that nothing opened: the quote is taken to run from
    /// the paragraph's start, or the sentence after its last quote ("…,"
    /// Jones said. It was never about the opponent.").
    pub stray: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Open,
    Close,
}

/// Classifies a quotation mark at byte `i` of `p`. A straight `"` opens when
/// nothing or a space/opening punctuation precedes it, else it closes.
fn mark(p: &str, i: usize, c: char) -> Option<Mark> {
    match c {
        '“' | '«' | '„' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' => {
            let before = p.get(..i).and_then(|s| s.chars().next_back());
            let opens = before.is_none_or(|b| b.is_whitespace() || "([{—–-/:".contains(b));
            Some(if opens { Mark::Open } else { Mark::Close })
        }
        _ => None,
    }
}

/// Quote spans of the paragraphs, which start at `starts` (byte offsets into
/// the joined text).
pub(crate) fn find(paragraphs: &[&str], starts: &[usize]) -> Vec<Span> {
    let mut spans = Vec::new();
    // An unclosed quote carried over from the previous paragraph.
    let mut carried: Option<usize> = None;
    for (k, p) in paragraphs.iter().enumerate() {
        let base = starts[k];
        let mut open: Option<usize> = None;
        let mut first_mark = true;
        // The end of the paragraph's last quote, for a stray closing mark.
        let mut last_end: Option<usize> = None;
        for (i, c) in p.char_indices() {
            let Some(m) = mark(p, i, c) else { continue };
            let at_start = first_mark && p[..i].trim().is_empty();
            first_mark = false;
            match (m, open) {
                (Mark::Open, None) => {
                    // The continuation mark of a multi-paragraph quote.
                    let from = match carried.take() {
                        Some(from) if at_start => from,
                        _ => base + i,
                    };
                    open = Some(from);
                }
                (Mark::Close, Some(from)) => {
                    let outer = from..base + i + c.len_utf8();
                    spans.push(span(outer));
                    last_end = Some(i + c.len_utf8());
                    open = None;
                }
                (Mark::Close, None) if carried.is_none() => {
                    let from = match last_end {
                        None => Some(0),
                        Some(end) => next_sentence(p, end, i),
                    };
                    if let Some(from) = from.filter(|&f| f < i) {
                        let mut s = span(base + from..base + i + c.len_utf8());
                        s.stray = true;
                        spans.push(s);
                        last_end = Some(i + c.len_utf8());
                    }
                }
                // A nested mark, or a stray one while a quote carries on.
                (Mark::Open, Some(_)) | (Mark::Close, None) => {}
            }
        }
        if let Some(from) = carried.take() {
            // The previous paragraph's quote did not continue here.
            spans.push(span(from..starts[k - 1] + paragraphs[k - 1].len()));
        }
        if let Some(from) = open {
            let next_opens = paragraphs
                .get(k + 1)
                .and_then(|n| n.trim_start().chars().next())
                .is_some_and(|c| matches!(c, '“' | '"' | '«' | '„'));
            if next_opens {
                carried = Some(from);
            } else {
                spans.push(span(from..base + p.len()));
            }
        }
    }
    if let (Some(from), Some(last)) = (carried, paragraphs.len().checked_sub(1)) {
        spans.push(span(from..starts[last] + paragraphs[last].len()));
    }
    spans
}

fn span(outer: Range<usize>) -> Span {
    Span {
        inner: outer.clone(),
        outer,
        stray: false,
    }
}

/// The byte offset of the first sentence after `from` in `p` (after ". ",
/// "? " or "! ") that starts before `to`.
fn next_sentence(p: &str, from: usize, to: usize) -> Option<usize> {
    let rest = p.get(from..to)?;
    let at = [". ", "? ", "! "]
        .iter()
        .filter_map(|end| rest.find(end))
        .min()?;
    Some(from + at + 2)
}

/// Narrows `inner` to the text between the marks (and without a trailing
/// comma the quote carries before "he said").
pub(crate) fn trim_marks(text: &str, s: &mut Span) {
    let Some(body) = text.get(s.outer.clone()) else {
        return;
    };
    let lead = body.len() - body.trim_start_matches(['“', '"', '«', '„', ' ']).len();
    let trimmed = body.trim_end_matches(['”', '"', '»', ' ', '\n']);
    let trimmed = trimmed.trim_end_matches([',', ' ']);
    let end = s.outer.start + trimmed.len();
    let start = (s.outer.start + lead).min(end);
    s.inner = start..end;
}
