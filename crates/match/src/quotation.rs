//! Which words of a text stand inside quotation marks.
//!
//! Two outlets quoting the same speaker share the quote, not each other's
//! article: a long statement, a tweet or a transcript excerpt quoted by both
//! is not reuse on its own (issue 15: false pairs from an Instagram quote and
//! a transcript quote on a held-out day of news). [`quoted_words`] marks the
//! words inside quotation marks so that [`crate::pair::compare`] can ask for
//! shared *prose* too.
//!
//! Paragraphs are separated by blank lines (`Article::text`). News style
//! carries a quotation over several paragraphs by leaving it open at the end
//! of a paragraph and opening the next with a mark; a mark left open any
//! other way is a stray (an inch sign, a typo) and quotes nothing, so a lone
//! mark never turns the rest of an article into "quotation".

use crate::fingerprint::Token;

/// Opening and closing marks: curly double quotes, guillemets both ways,
/// German low-high quotes. The straight double quote opens when closed and
/// closes when open. Single quotes are left out: they double as apostrophes.
fn opens(c: char) -> bool {
    matches!(c, '“' | '«' | '„' | '»')
}

fn closes(c: char, opener: char) -> bool {
    match opener {
        '“' => c == '”',
        '«' => c == '»',
        '»' => c == '«',
        '„' => c == '“' || c == '”',
        '"' => c == '"',
        _ => false,
    }
}

/// For each token, whether it lies inside a quotation.
pub fn quoted_words(text: &str, tokens: &[Token]) -> Vec<bool> {
    let spans = quoted_spans(text);
    let mut out = Vec::with_capacity(tokens.len());
    let mut k = 0;
    for t in tokens {
        while k < spans.len() && spans[k].1 <= t.start {
            k += 1;
        }
        out.push(k < spans.len() && spans[k].0 <= t.start && t.end <= spans[k].1);
    }
    out
}

/// Byte ranges inside quotation marks, in order, not overlapping.
fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let paragraphs: Vec<(usize, &str)> = paragraphs(text);
    let mut spans = Vec::new();
    // An open quotation carried from the previous paragraph: its opener and
    // where it started.
    let mut carried: Option<(char, usize)> = None;
    for (n, &(base, para)) in paragraphs.iter().enumerate() {
        let mut open: Option<(char, usize)> = None;
        let mut chars = para.char_indices().peekable();
        // A quotation carried over resumes after this paragraph's own
        // opening mark.
        if let Some((opener, _)) = carried.take() {
            if let Some(&(i, c)) = chars.peek() {
                if c == opener || opens(c) || c == '"' {
                    chars.next();
                    open = Some((opener, base + i + c.len_utf8()));
                }
            }
        }
        for (i, c) in chars {
            match open {
                Some((opener, start)) if closes(c, opener) => {
                    spans.push((start, base + i));
                    open = None;
                }
                None if opens(c) || c == '"' => open = Some((c, base + i + c.len_utf8())),
                _ => {}
            }
        }
        if let Some((opener, start)) = open {
            let next_opens = paragraphs
                .get(n + 1)
                .and_then(|(_, p)| p.chars().next())
                .is_some_and(|c| opens(c) || c == '"' || c == opener);
            if next_opens {
                spans.push((start, base + para.len()));
                carried = Some((opener, start));
            }
        }
    }
    spans
}

/// Paragraphs with their byte offsets, split at blank lines.
fn paragraphs(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices("\n\n") {
        if i > start {
            out.push((start, &text[start..i]));
        }
        start = i + 2;
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::tokenize;

    fn quoted(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        quoted_words(text, &tokens)
            .iter()
            .zip(&tokens)
            .filter(|(q, _)| **q)
            .map(|(_, t)| text[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn curly_and_straight_quotes() {
        assert_eq!(
            quoted("He said “we will win” and “soon.” Then \"no more\" left."),
            ["we", "will", "win", "soon", "no", "more"]
        );
    }

    #[test]
    fn a_quotation_carried_over_paragraphs() {
        let text = "“First part of it\n\n“Second part,” she said.\n\nPlain prose.";
        assert_eq!(
            quoted(text),
            ["First", "part", "of", "it", "Second", "part"]
        );
    }

    #[test]
    fn a_stray_mark_quotes_nothing() {
        let text = "A 12\" pipe burst under the street.\n\nCrews worked all night.";
        assert!(quoted(text).is_empty(), "{:?}", quoted(text));
    }

    #[test]
    fn guillemets_and_low_high_quotes() {
        assert_eq!(quoted("Er sagte „nein danke“ dazu."), ["nein", "danke"]);
        assert_eq!(quoted("Il a dit « pas encore » hier."), ["pas", "encore"]);
    }
}
