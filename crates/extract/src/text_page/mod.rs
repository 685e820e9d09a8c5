//! Markdown and plain-text pages: a scraper's flattened copy of a page (like
//! the seed page) or a JSONL `text` field. Recovers the header (title,
//! kicker, byline, site, date, tags, image credit), rebuilds paragraphs,
//! hands the body to [`credits::harvest`], then reduces markdown to text.

mod header;

use crate::{credits, markdown, Article};
use regex::Regex;
use std::sync::LazyLock;

/// Block markers stripped from body paragraphs: headings, quotes, bullets.
static BLOCK_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:#{1,6}\s+|>\s*|[-*+•]\s+)").expect("valid regex"));
static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-*_=]\s*){3,}$").expect("valid regex"));

/// Extracts an article from a markdown or plain-text page.
pub fn extract(text: &str, url: Option<&str>) -> Article {
    let blocks = blocks(text);
    let mut article = Article::default();
    let body_start = header::read(&blocks, &mut article);
    article.paragraphs = rejoin_broken(blocks.into_iter().skip(body_start).collect());
    credits::harvest(&mut article);
    finish_body(&mut article, url);
    article
}

/// Lines longer than this are not hard-wrapped prose: the block holds one
/// paragraph per line, as scrapers often write them.
const WRAP_WIDTH: usize = 100;

/// Paragraphs: blank lines separate them. Inside a block, a line starts a new
/// paragraph after a markdown hard break ("  " or "\\"), a heading or a rule.
/// In a block of long lines (one paragraph per line) every line starts one,
/// unless it continues a sentence in lower case; short lines are soft-wrapped
/// prose and are joined.
fn blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for chunk in lines.split(|l| l.trim().is_empty()) {
        let per_line = chunk.iter().any(|l| l.trim().chars().count() > WRAP_WIDTH);
        let mut current = String::new();
        let mut breaks_after = false;
        for line in chunk {
            let content = line.trim().trim_end_matches('\\').trim_end();
            let continues = content.starts_with(char::is_lowercase) && !ends_sentence(&current);
            if breaks_after || is_block_start(content) || (per_line && !continues) {
                flush(&mut blocks, &mut current);
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(content);
            let hard_break = line.ends_with("  ") || line.trim_end().ends_with('\\');
            breaks_after = hard_break || is_block_start(content);
        }
        flush(&mut blocks, &mut current);
    }
    blocks
}

fn flush(blocks: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        blocks.push(std::mem::take(current));
    }
}

fn is_block_start(line: &str) -> bool {
    line.starts_with('#') || RULE.is_match(line) || line.starts_with("> ")
}

/// Ends with sentence punctuation, allowing closing quotes and emphasis.
fn ends_sentence(text: &str) -> bool {
    let end = text.trim_end_matches(['*', '_', '"', '”', '’', '\'', ')', ']']);
    end.ends_with(['.', '!', '?', '…', ':'])
}

/// Rejoins a paragraph split mid-sentence by a stray blank line: the first
/// part ends without punctuation ("… with the shedding") and the next begins
/// in lower case ("of blood continuing …").
fn rejoin_broken(paragraphs: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        match out.last_mut() {
            Some(prev) if is_broken_pair(prev, &p) => {
                prev.push(' ');
                prev.push_str(&p);
            }
            _ => out.push(p),
        }
    }
    out
}

fn is_broken_pair(prev: &str, next: &str) -> bool {
    let prev_end = prev.trim_end().trim_end_matches(['*', '_']);
    let open_end = prev_end.ends_with(|c: char| c.is_alphanumeric() || c == ',');
    let lower_start = next.trim_start().starts_with(char::is_lowercase);
    open_end && lower_start && !is_block_start(prev)
}

/// Reduces the remaining body to plain text and collects its real links,
/// made absolute against the page URL where they are root-relative.
fn finish_body(article: &mut Article, url: Option<&str>) {
    let mut links = std::mem::take(&mut article.links);
    let mut paragraphs = Vec::with_capacity(article.paragraphs.len());
    for raw in &article.paragraphs {
        let inline = markdown::parse(&BLOCK_MARKER.replace(raw.trim(), ""));
        links.extend(inline.links.into_iter().filter_map(|l| l.url));
        if !inline.text.is_empty() {
            paragraphs.push(inline.text);
        }
    }
    article.paragraphs = paragraphs;
    for link in links
        .into_iter()
        .filter(|l| !l.starts_with("mailto:"))
        .map(|l| markdown::resolve(&l, url))
    {
        if !article.links.contains(&link) {
            article.links.push(link);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `reprint-sim`'s flattened pages (seed 3, sim10-3): the caption under
    /// an image line opens with its alt text; its credit ("NAME | Outlet")
    /// is the picture's, not the text's.
    #[test]
    fn caption_under_an_image_leaves_the_body() {
        let body = "The council voted on Tuesday to close the old bridge, citing safety reports, and opened a new one.";
        let text = format!("{body}\n\n![A voter casts a ballot.](https://x.example/0.jpg)\n\nA voter casts a ballot. Themba Hadebe | Bluewater Bulletin\n\n{body}");
        let a = extract(&text, None);
        assert_eq!(a.paragraphs, [body, body]);
        assert_eq!(a.image_credits, ["Themba Hadebe | Bluewater Bulletin"]);
        assert!(a.declared_sources.is_empty());
    }

    #[test]
    fn blocks_respect_hard_breaks_and_soft_wraps() {
        let text = "The original source is [Sputnik](#)  \nCopyright © Sputnik, 2015\n\nA soft\nwrapped line.\nStill the same paragraph.";
        assert_eq!(
            blocks(text),
            [
                "The original source is [Sputnik](#)",
                "Copyright © Sputnik, 2015",
                "A soft wrapped line. Still the same paragraph.",
            ]
        );
        let long = "x".repeat(WRAP_WIDTH);
        let text = format!("OBAMA FOCUSED ON GOLF\nA {long}.\nB {long} from\nentering the U.S.");
        assert_eq!(
            blocks(&text),
            [
                "OBAMA FOCUSED ON GOLF".to_string(),
                format!("A {long}."),
                format!("B {long} from entering the U.S.")
            ]
        );
    }

    #[test]
    fn rejoins_only_broken_sentences() {
        let joined = rejoin_broken(vec![
            "win, with the shedding".into(),
            "of blood continuing.".into(),
        ]);
        assert_eq!(joined, ["win, with the shedding of blood continuing."]);
        let kept = rejoin_broken(vec!["It ended.".into(), "then more".into()]);
        assert_eq!(kept.len(), 2);
        let kept = rejoin_broken(vec!["## Heading".into(), "iPhone sales rose".into()]);
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in [
            "",
            "\n\n\n",
            "#",
            "# ",
            "[",
            "](",
            "*",
            "---",
            "By",
            "© ",
            "é\u{0}\r\n\r\n…",
            "Region:",
        ] {
            let _ = extract(text, Some("not a url"));
        }
    }

    #[test]
    fn plain_text_becomes_paragraphs() {
        let a = extract("First paragraph here.\n\nSecond paragraph here.", None);
        assert_eq!(
            a.paragraphs,
            ["First paragraph here.", "Second paragraph here."]
        );
        assert_eq!(a.title, None);
    }
}
