//! Turns the chosen containers into paragraphs: block elements start new
//! paragraphs, inline elements run together as the browser would render
//! them, `<br>` becomes a line break; then furniture lines are dropped.

use std::sync::LazyLock;

use regex::Regex;

use super::hints;
use super::lead;
use super::scoring::TextStats;
use crate::dom::{Dom, NodeData, NodeIx};
use crate::links;

/// One block of text as rendered, before filtering.
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    /// The innermost block element the text sits in (`p`, `h2`, `li`…).
    pub tag: &'static str,
    pub link_chars: usize,
    pub links: Vec<String>,
    /// Inside the article's `<header>`, with the headline, dek and byline.
    pub in_header: bool,
    /// Inside an element whose class names it the lead (`p.lead`, `.intro`).
    pub in_lead: bool,
}

impl Block {
    fn link_density(&self) -> f32 {
        let n = self.text.chars().count();
        if n == 0 {
            0.0
        } else {
            self.link_chars as f32 / n as f32
        }
    }

    pub fn is_heading(&self) -> bool {
        hints::is_heading(self.tag)
    }
}

/// How to treat text that is mostly links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPolicy {
    /// Drop link lists and link lines: they are navigation and teasers.
    DropLinkHeavy,
    /// Keep them: for pages whose content *is* a list of links (link roundups).
    Keep,
}

/// Renders the subtrees `roots` into blocks, leaving out removed nodes and,
/// by `policy`, link-heavy containers.
pub fn render(
    dom: &Dom,
    removed: &[bool],
    stats: &TextStats,
    roots: &[NodeIx],
    base_url: Option<&str>,
    policy: LinkPolicy,
) -> Vec<Block> {
    let drop_clusters = policy == LinkPolicy::DropLinkHeavy;
    let headline = Headline::of(dom);
    let mut out = BlockWriter::default();
    // Elements entered and not yet left, innermost last.
    let mut open: Vec<NodeIx> = Vec::new();
    for &root in roots {
        let end = dom.nodes[root].end;
        let mut i = root;
        loop {
            while let Some(&o) = open.last().filter(|&&o| dom.nodes[o].end <= i) {
                out.close(dom.tag(o));
                if is_lead(dom, o) {
                    out.lead_depth = out.lead_depth.saturating_sub(1);
                }
                open.pop();
            }
            if i >= end {
                break;
            }
            let skip = removed[i] || (drop_clusters && i != root && is_link_cluster(dom, stats, i));
            match &dom.nodes[i].data {
                _ if skip => {
                    i = dom.nodes[i].end;
                    continue;
                }
                NodeData::Text(t) => out.push_text(t),
                NodeData::Element(el) => {
                    // The headline is metadata, not body text; another
                    // `<h1>` is a section heading of the body.
                    if el.tag() == "h1" && headline.is(dom, i) {
                        i = dom.nodes[i].end;
                        continue;
                    }
                    if is_lead(dom, i) {
                        out.lead_depth += 1;
                    }
                    let tag = if el.tag() == "h1" { "h2" } else { el.tag() };
                    out.open(tag, el.attr("href"), base_url);
                    open.push(i);
                }
                NodeData::Document | NodeData::Other => {}
            }
            i += 1;
        }
        out.flush();
    }
    out.blocks
}

/// Which `<h1>` is the page's headline: the first one, and any that shares
/// most of its words with the page's `<title>` or `og:title` (either way
/// round: titles add the site's name, headlines a kicker). Templates give
/// the site name the first `<h1>` and use more of them as section headings
/// inside the body (2gewinnt.wordpress.com's about page, tfe-dev t0112:
/// "Künstlerischer Lebenslauf" heads a section of the text).
struct Headline {
    first: Option<NodeIx>,
    titles: Vec<Vec<String>>,
}

impl Headline {
    fn of(dom: &Dom) -> Headline {
        let mut titles: Vec<Vec<String>> = dom
            .elements_named("title")
            .take(1)
            .map(|t| words(&dom.text(t)))
            .collect();
        titles.extend(dom.elements_named("meta").filter_map(|m| {
            let el = dom.element(m)?;
            let key = el.attr("property").or_else(|| el.attr("name"))?;
            key.eq_ignore_ascii_case("og:title")
                .then(|| el.attr("content").map(words))
                .flatten()
        }));
        Headline {
            first: dom.elements_named("h1").next(),
            titles,
        }
    }

    fn is(&self, dom: &Dom, h1: NodeIx) -> bool {
        if Some(h1) == self.first {
            return true;
        }
        let text = words(&dom.text(h1));
        let mostly_in = |a: &[String], b: &[String]| {
            let shared = a.iter().filter(|w| b.contains(w)).count();
            2 * shared >= a.len()
        };
        text.is_empty()
            || self
                .titles
                .iter()
                .any(|t| !t.is_empty() && (mostly_in(&text, t) || mostly_in(t, &text)))
    }
}

/// Lower-cased alphanumeric words.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A list, table or box inside the article that is mostly links: a "more
/// stories" or tag list that escaped the class-name rules.
fn is_link_cluster(dom: &Dom, stats: &TextStats, i: NodeIx) -> bool {
    let tag = dom.tag(i);
    matches!(
        tag,
        "div" | "section" | "ul" | "ol" | "table" | "dl" | "figure" | "p"
    ) && stats.chars[i] > 0
        && stats.link_density(i) > 0.5
        && !(tag == "p" && is_linked_prose(stats.chars[i] as usize, stats.link_chars[i] as usize))
}

/// A sentence of the article whose second half is a link ("…, <a>who for
/// the last eight months combined these duties…</a>", wirtualnemedia.pl,
/// tfe-dev t0966): long, with a real unlinked part, not a link line.
fn is_linked_prose(chars: usize, link_chars: usize) -> bool {
    let own = chars.saturating_sub(link_chars);
    chars >= LINKED_PROSE_CHARS && own >= LINKED_PROSE_OWN_CHARS && own * 4 >= chars
}

const LINKED_PROSE_CHARS: usize = 120;
const LINKED_PROSE_OWN_CHARS: usize = 30;

fn is_lead(dom: &Dom, i: NodeIx) -> bool {
    dom.element(i)
        .is_some_and(|el| lead::is_lead_class(el.class_and_id()))
}

#[derive(Default)]
struct BlockWriter {
    blocks: Vec<Block>,
    buf: String,
    buf_tag: &'static str,
    open_blocks: Vec<&'static str>,
    link_depth: usize,
    header_depth: usize,
    lead_depth: usize,
    link_chars: usize,
    links: Vec<String>,
}

impl BlockWriter {
    fn open(&mut self, tag: &str, href: Option<&str>, base_url: Option<&str>) {
        if tag == "br" {
            let trimmed = self.buf.trim_end_matches(' ').len();
            self.buf.truncate(trimmed);
            if !self.buf.is_empty() && !self.buf.ends_with('\n') {
                self.buf.push('\n');
            }
        } else if hints::is_block_tag(tag) {
            self.flush();
            self.open_blocks.push(static_tag(tag));
        }
        if tag == "header" {
            self.header_depth += 1;
        } else if tag == "a" {
            self.link_depth += 1;
            if let Some(link) = href.and_then(|h| links::resolve(h, base_url)) {
                self.links.push(link);
            }
        }
        if tag == "img" || tag == "hr" {
            self.push_text(" ");
        }
    }

    fn close(&mut self, tag: &str) {
        if hints::is_block_tag(tag) {
            self.flush();
            self.open_blocks.pop();
        }
        if tag == "header" {
            self.header_depth = self.header_depth.saturating_sub(1);
        } else if tag == "a" {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if matches!(
                c,
                '\u{200b}' | '\u{ad}' | '\u{feff}' | '\u{200c}' | '\u{200d}'
            ) {
                continue;
            }
            if c.is_whitespace() {
                if !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                    self.buf.push(' ');
                }
                continue;
            }
            if self.buf.is_empty() {
                self.buf_tag = self.open_blocks.last().copied().unwrap_or("div");
            }
            self.buf.push(c);
            if self.link_depth > 0 {
                self.link_chars += 1;
            }
        }
    }

    fn flush(&mut self) {
        let text = self
            .buf
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                tag: self.buf_tag,
                link_chars: self.link_chars,
                links: std::mem::take(&mut self.links),
                in_header: self.header_depth > 0,
                in_lead: self.lead_depth > 0,
            });
        }
        self.buf.clear();
        self.link_chars = 0;
    }
}

/// Block tags as `'static` names so blocks outlive the parsed document.
fn static_tag(tag: &str) -> &'static str {
    const TAGS: &[&str] = &[
        "p",
        "div",
        "li",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "td",
        "th",
        "dd",
        "dt",
        "figcaption",
        "section",
        "article",
        "main",
        "header",
        "table",
        "tr",
        "ul",
        "ol",
    ];
    TAGS.iter().find(|&&t| t == tag).copied().unwrap_or("div")
}

/// Keeps the blocks that read as article text.
pub fn filter_blocks(blocks: Vec<Block>, policy: LinkPolicy) -> Vec<Block> {
    let drop_links = policy == LinkPolicy::DropLinkHeavy;
    let kept: Vec<Block> = blocks
        .into_iter()
        .filter(|b| {
            // Lines without a letter or digit are separators and garbage ("***", "<<>>").
            let furniture = !b.text.chars().any(char::is_alphanumeric)
                || is_furniture_line(&b.text)
                || is_dateline(&b.text)
                || is_byline(&b.text);
            let links = drop_links && is_link_heavy(b);
            let header_extra = b.in_header && !is_lead_paragraph(b);
            !(furniture || links || header_extra)
        })
        .collect();
    drop_dangling_headings(kept)
}

/// Mostly-link lines are navigation ("More: …", tag lists, teasers).
fn is_link_heavy(b: &Block) -> bool {
    b.link_density() > 0.5
        && !(b.tag == "p"
            && ends_like_sentence(&b.text)
            && b.text.contains(',')
            && is_linked_prose(b.text.chars().count(), b.link_chars))
}

/// Short lines that are page furniture in any article template.
fn is_furniture_line(text: &str) -> bool {
    static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:
              advertisement|advertising|anzeige|publicidad|publicité|pubblicità|reklama|sponsored
            | (?:continue|keep)\ reading.* | read\ (?:more|next|also|the\ full).* | see\ also.*
            | share\ (?:this|the|on|via)\b.* | share | tweet | email | print | comments?
            | sign\ up\b.* | subscribe\b.* | follow\ us\b.* | click\ here\b.*
            | (?:related|recommended|more)\ (?:stories|articles|news|content|coverage|from\b.*|on\b.*)
            | you\ (?:may|might)\ also\ like.* | most\ (?:read|popular).*
            | skip\ to\ .* | back\ to\ top | (?:image|photo|picture|foto)\ ?(?:credit|source)?:.*
            | lesen\ sie\ auch.* | mehr\ zum\ thema.* | lea\ (?:también|más).* | leia\ também.*
            | ver\ también.* | lire\ aussi.*
            | auch\ interessant | ähnliche\ (?:beiträge|artikel|themen) | zum\ weiterlesen | weiterlesen
            | (?:das|dies)(?:\ thema)?\ könnte\ (?:dich|sie|euch)\ auch\ interessieren
            | gefällt\ mir | kommentare?\ schreiben | keine\ kommentare\b.* | quellen?\ (?:ausblenden|anzeigen)
            | (?:bild)?quellen?\ ?:.* | titelbild\ ?:.* | beitragsbild\ ?:.*
            | (?:vorschau\ auf\ den\ )?nächsten\ (?:artikel|beitrag) | (?:next|previous)\ (?:article|post|story)
            )[\s.:!…»>]*$",
        )
        .expect("furniture regex")
    });
    text.chars().count() < 120 && FURNITURE.is_match(text.trim())
}

/// An article header holds the headline, a one-line dek, byline, date and
/// photo credit (not body text in the AEB gold, e.g. wsj.com, theguardian.com),
/// and sometimes a full lead paragraph, which is (German news intros such as
/// fitforfun.de's `header.intro p`).
fn is_lead_paragraph(b: &Block) -> bool {
    let chars = b.text.chars().count();
    matches!(b.tag, "p" | "div")
        && (chars >= 150 || (b.in_lead && chars >= 50 && ends_like_sentence(&b.text)))
}

fn ends_like_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', '…', '"', '“', '”', '»', ')'])
}

/// "Updated Nov 19, 6:55 AM", "11.14.2019 09:00 AM", "Published 1 day ago":
/// a short line that is a date with a few label words.
fn is_dateline(text: &str) -> bool {
    static DATE_BITS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)\b(?:\d{1,2}:\d{2}|\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago
              |jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july
              |august|september|october|november|december|today|yesterday)\b",
        )
        .expect("date bits regex")
    });
    let words = text.split_whitespace().count();
    text.chars().count() <= 100
        && words <= 14
        && !text.ends_with('.')
        && text.chars().filter(char::is_ascii_digit).count() >= 2
        && DATE_BITS.is_match(text)
        && text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic) && !DATE_BITS.is_match(w))
            .count()
            <= 6
}

/// "By Matthew Digby, Minh Do on Monday…": a byline line left in the body.
fn is_byline(text: &str) -> bool {
    static BY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:By|BY|Von|Por|Par)\s+\p{Lu}").expect("byline regex"));
    text.chars().count() <= 120 && !text.ends_with('.') && BY.is_match(text)
}

/// Headings with no text after them before the next heading or the end
/// are section labels of removed furniture ("Related", "Comments").
fn drop_dangling_headings(blocks: Vec<Block>) -> Vec<Block> {
    let n = blocks.len();
    let mut keep = vec![true; n];
    for i in 0..n {
        if blocks[i].is_heading() {
            keep[i] = blocks[i + 1..]
                .iter()
                .find(|b| !b.is_heading() || b.tag <= blocks[i].tag)
                .is_some_and(|b| !b.is_heading());
        }
    }
    blocks
        .into_iter()
        .zip(keep)
        .filter_map(|(b, k)| k.then_some(b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::cleaning::mark_removed;

    fn render_body(html: &str) -> Vec<String> {
        let dom = Dom::parse(html);
        let removed = mark_removed(&dom);
        let stats = TextStats::compute(&dom, &removed);
        let body = dom.elements_named("body").next().unwrap();
        filter_blocks(
            render(
                &dom,
                &removed,
                &stats,
                &[body],
                None,
                LinkPolicy::DropLinkHeavy,
            ),
            LinkPolicy::DropLinkHeavy,
        )
        .into_iter()
        .map(|b| b.text)
        .collect()
    }

    #[test]
    fn inline_runs_join_and_br_breaks_lines() {
        let got = render_body(
            "<p>One <b>bold</b><i>word</i>, <a href=x>link</a> here.<br>Next  line</p>",
        );
        assert_eq!(got, vec!["One boldword, link here.\nNext line"]);
    }

    #[test]
    fn blocks_do_not_fuse_words() {
        let got = render_body("<div>alpha<div>beta</div>gamma</div>");
        assert_eq!(got, vec!["alpha", "beta", "gamma"]);
    }

    #[test]
    fn furniture_and_link_lines_are_dropped() {
        let got = render_body(
            "<p>Advertisement</p><p>Real text of the story.</p>\
             <p><a href=/a>Some other headline entirely</a></p><p>Share this article</p>",
        );
        assert_eq!(got, vec!["Real text of the story."]);
    }

    #[test]
    fn related_and_comment_labels_are_furniture() {
        // tfe-dev t0499, t0780, t0703, t0818: labels of cut boxes left behind.
        assert!(is_furniture_line("Auch interessant:"));
        assert!(is_furniture_line("Ähnliche Beiträge"));
        assert!(is_furniture_line(
            "Das Thema könnte dich auch interessieren:"
        ));
        assert!(is_furniture_line(
            "Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)"
        ));
        assert!(!is_furniture_line(
            "Auch interessant ist, dass der Rat tagte."
        ));
        // t0680, t0792, t0643: source and photo-credit lines under the text.
        assert!(is_furniture_line("Quelle: Landesregierung"));
        assert!(is_furniture_line(
            "Titelbild: Geyres Christophe/ABACA/picture-alliance"
        ));
    }

    #[test]
    fn sentence_ending_in_a_long_link_is_kept() {
        // wirtualnemedia.pl (tfe-dev t0966).
        let got = render_body(
            "<p>Krzysztoszek zastąpił Zdzisława Wiese, <a href=/x>który przez ostatnie osiem miesięcy łączył te zadania ze swoimi obowiązkami w dziale marketingu.</a></p>\
             <p><a href=/y>Another headline, about something else entirely, for the reader to click.</a></p>",
        );
        assert_eq!(got.len(), 1);
        assert!(got[0].ends_with("w dziale marketingu."));
    }

    #[test]
    fn datelines_and_bylines_are_dropped() {
        // cbsnews.com and politifact.com put these between headline and body.
        assert!(is_dateline(
            "Updated on: November 19, 2019 / 10:07 AM / CBS News"
        ));
        assert!(is_dateline("11.14.2019 09:00 AM"));
        assert!(!is_dateline("On May 3, 2019, the council met and voted."));
        assert!(is_byline("By Stefan Becket, Kathryn Watson, Grace Segers"));
        assert!(!is_byline("By 2030, most cars will be electric."));
    }

    #[test]
    fn header_keeps_lead_paragraph_but_not_dek() {
        let lead = "Schon länger ist bekannt, dass Bewegung hilft. ".repeat(4);
        let html = format!(
            "<article><header><h2>A one-line dek about things</h2><p>{lead}</p></header><p>Body text.</p></article>"
        );
        let got = render_body(&html);
        assert_eq!(got, vec![lead.trim().to_string(), "Body text.".to_string()]);
    }

    #[test]
    fn trailing_heading_is_dropped() {
        let got = render_body("<h2>Intro</h2><p>Body text.</p><h2>Related</h2>");
        assert_eq!(got, vec!["Intro", "Body text."]);
    }
}
