//! Sentence boundaries, good enough for credit and notice paragraphs:
//! split after . ! ? when the next word starts a sentence, but not after
//! initials or common abbreviations ("Emery P. Dalesio", "U.S. census").

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "rev", "prof", "inc",
    "co", "corp", "ltd", "no", "vol", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "calif", "fla", "mass", "mich", "conn", "ariz", "va", "wash",
    "col", "lt", "sgt", "capt", "ft", "mt",
];

/// Byte ranges of the sentences of `text`, in order, covering all non-space text.
pub(crate) fn split(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Closing quotes, brackets and emphasis belong to the sentence that ends.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if !matches!(d, '"' | '”' | '’' | '\'' | ')' | ']' | '*' | '_') {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        let next_start = text.get(end..).and_then(|rest| {
            let trimmed = rest.trim_start();
            (trimmed.len() < rest.len()).then(|| end + rest.len() - trimmed.len())
        });
        let Some(next) = next_start else { continue };
        if starts_sentence(text.get(next..).unwrap_or(""))
            && !is_abbreviation(text.get(start..i).unwrap_or(""))
        {
            push(&mut ranges, text, start..end);
            start = next;
        }
    }
    push(&mut ranges, text, start..text.len());
    ranges
}

/// The sentences as string slices.
pub(crate) fn slices(text: &str) -> Vec<&str> {
    split(text)
        .into_iter()
        .filter_map(|r| text.get(r))
        .collect()
}

fn push(ranges: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    if text
        .get(range.clone())
        .is_some_and(|s| !s.trim().is_empty())
    {
        ranges.push(range);
    }
}

fn starts_sentence(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'([*_©".contains(c))
}

/// The word before a period is an initial, a listed abbreviation or dotted
/// short segments ("U.S", "N.Y", "p.m").
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.') && word.split('.').all(|s| s.chars().count() <= 2);
    single_initial || dotted || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_not_initials() {
        let s = "Sherman reported from Washington. Associated Press writer Emery P. Dalesio in Raleigh also contributed.";
        assert_eq!(slices(s).len(), 2);
        let s =
            "© 2019 The Associated Press. All Rights Reserved. This material may not be published.";
        assert_eq!(
            slices(s),
            vec![
                "© 2019 The Associated Press.",
                "All Rights Reserved.",
                "This material may not be published."
            ]
        );
        let s = "in the Middle East. (Reporting by Amanda Becker; Editing by Eric Beech.)";
        assert_eq!(
            slices(s).last().copied(),
            Some("(Reporting by Amanda Becker; Editing by Eric Beech.)")
        );
        assert_eq!(slices("the U.S. Senate voted.").len(), 1);
        assert_eq!(slices("").len(), 0);
        assert_eq!(slices("**Disclaimer:** The author(s). The Centre").len(), 2);
    }
}
