//! Picks the element that holds the article (readability's algorithm, tuned
//! for news): paragraphs vote for their ancestors with their length and comma
//! count, votes are damped by link density, and good siblings of the winner
//! are added back.

use super::hints::{self, ClassHint};
use crate::dom::{Dom, NodeIx};

/// Text statistics of every node, counting only what was not removed.
pub struct TextStats {
    /// Characters of text, whitespace runs counted once.
    pub chars: Vec<u32>,
    /// Characters of text inside `<a>`.
    pub link_chars: Vec<u32>,
    pub commas: Vec<u32>,
    /// Has a block-level element below it.
    pub has_block: Vec<bool>,
    /// Text that sits directly in this element (not in a nested block).
    pub own_chars: Vec<u32>,
    pub own_commas: Vec<u32>,
}

impl TextStats {
    pub fn compute(dom: &Dom, removed: &[bool]) -> TextStats {
        let n = dom.len();
        let mut s = TextStats {
            chars: vec![0; n],
            link_chars: vec![0; n],
            commas: vec![0; n],
            has_block: vec![false; n],
            own_chars: vec![0; n],
            own_commas: vec![0; n],
        };
        for i in (0..n).rev() {
            if removed[i] {
                continue;
            }
            if let Some(t) = dom.text_node(i) {
                s.chars[i] = collapsed_len(t);
                s.commas[i] = count_commas(t);
            }
            if dom.tag(i) == "a" {
                s.link_chars[i] = s.chars[i];
            }
            let Some(p) = dom.nodes[i].parent else {
                continue;
            };
            s.chars[p] += s.chars[i];
            s.link_chars[p] += s.link_chars[i];
            s.commas[p] += s.commas[i];
            let is_block = hints::is_block_tag(dom.tag(i));
            s.has_block[p] |= s.has_block[i] || is_block;
            if !is_block && !s.has_block[i] {
                s.own_chars[p] += s.chars[i];
                s.own_commas[p] += s.commas[i];
            }
        }
        s
    }

    pub fn link_density(&self, i: NodeIx) -> f32 {
        if self.chars[i] == 0 {
            0.0
        } else {
            self.link_chars[i] as f32 / self.chars[i] as f32
        }
    }
}

fn collapsed_len(t: &str) -> u32 {
    let mut n = 0;
    let mut in_space = true;
    for c in t.chars() {
        if c.is_whitespace() {
            if !in_space {
                n += 1;
            }
            in_space = true;
        } else {
            n += 1;
            in_space = false;
        }
    }
    n
}

/// Commas in Latin, CJK and Arabic scripts: a comma-rich block is prose.
fn count_commas(t: &str) -> u32 {
    t.chars()
        .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
        .count() as u32
}

/// A block that votes with its own text: paragraphs and text-bearing
/// containers, not headings, list items, tables rows or chrome.
fn is_voting_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "pre"
            | "td"
            | "div"
            | "section"
            | "article"
            | "blockquote"
            | "main"
            | "center"
            | "dd"
            | "body"
    )
}

/// Readability's base score for a candidate container.
fn tag_weight(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Below this many characters a content-named element is a label or a meta
/// line, not the article: its class bonus shrinks with its text.
const CONTENT_BONUS_CHARS: f32 = 200.0;

fn class_weight(dom: &Dom, stats: &TextStats, i: NodeIx) -> f32 {
    let Some(el) = dom.element(i) else {
        return 0.0;
    };
    let hint: ClassHint = hints::class_hint(el);
    let mut w = hint.weight();
    // schema.org's articleBody and <article> are explicit markers of the text.
    if el
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        w += 25.0;
    }
    if el.tag() == "article" {
        w += 10.0;
    }
    // mdr.de (tfe-dev t0768): a 32-character <div class="articleMeta">
    // date line must not outscore the paragraphs for its "article" name.
    if w > 0.0 {
        w *= (stats.chars[i] as f32 / CONTENT_BONUS_CHARS).min(1.0);
    }
    w
}

const MIN_VOTING_CHARS: u32 = 25;
const ANCESTOR_LEVELS: usize = 5;

/// The containers chosen as the article, in document order.
pub fn select_content(dom: &Dom, removed: &[bool], stats: &TextStats) -> Vec<NodeIx> {
    let scores = candidate_scores(dom, removed, stats);
    // Without a single paragraph long enough to vote, the page is tiny:
    // take all of <body> and let the paragraph filters judge it.
    let Some(mut top) = best_candidate(&scores) else {
        return dom.elements_named("body").take(1).collect();
    };
    top = climb_from_top(dom, &scores, top);
    let mut picked = with_siblings(dom, removed, stats, &scores, top);
    if let Some(run) = same_class_run(dom, removed, stats, top) {
        picked = run;
    }
    let picked = match enclosing_article(dom, stats, top) {
        Some(article) if is_prose_around(stats, article, &picked) => vec![article],
        _ => picked,
    };
    widened_to_the_prose(dom, removed, stats, &scores, top, picked)
}

/// Below this share of the page's prose, the winner is one box of a page
/// whose text is spread over several.
const MIN_PROSE_SHARE: f32 = 0.4;
/// The share of the page's prose the widened container must hold.
const WIDENED_PROSE_SHARE: f32 = 0.6;

/// A box elsewhere scoring this share of the winner's score contests it.
const CONTESTING_SCORE: f32 = 0.66;

/// Whether a candidate outside the winner's branch (neither inside it nor
/// around it) scores nearly as well: the text is then split over boxes
/// of one kind (fluessiggas.de's article sections, tfe-dev t0217). A
/// winner far ahead of every other box is the article even when teasers
/// around it hold more prose in all (washingtonexaminer.com in AEB).
fn is_contested(dom: &Dom, scores: &[Option<f32>], top: NodeIx) -> bool {
    // The best raw score, not the climbed top's: climbing moves to
    // wrappers whose own score can be far lower.
    let Some(top_score) = best_candidate(scores).and_then(|b| scores[b]) else {
        return false;
    };
    scores.iter().enumerate().any(|(i, s)| {
        s.is_some_and(|s| s >= CONTESTING_SCORE * top_score)
            && !dom.is_within(i, top)
            && !dom.is_within(top, i)
    })
}

/// A widened container this full of links is the page's frame, not its text.
const MAX_WIDENED_LINK_DENSITY: f32 = 0.5;

/// Prose characters under each node: the own text of voting blocks that
/// are not link lists, summed bottom-up.
fn prose_chars(dom: &Dom, removed: &[bool], stats: &TextStats) -> Vec<u32> {
    let mut acc = vec![0u32; dom.len()];
    for i in (0..dom.len()).rev() {
        if removed[i] {
            continue;
        }
        if is_voting_block(dom.tag(i))
            && stats.own_chars[i] >= MIN_VOTING_CHARS
            && stats.link_density(i) < 0.25
        {
            acc[i] += stats.own_chars[i];
        }
        if let Some(p) = dom.nodes[i].parent {
            acc[p] += acc[i];
        }
    }
    acc
}

/// When the picked containers hold little of the page's prose, the text
/// is split over boxes the winner does not reach (sections of one article
/// in sibling modules, a landing page's text boxes): then the nearest
/// ancestor of the winner that holds most of the prose is the body, and the
/// paragraph filters cut its link lists and furniture lines.
fn widened_to_the_prose(
    dom: &Dom,
    removed: &[bool],
    stats: &TextStats,
    scores: &[Option<f32>],
    top: NodeIx,
    picked: Vec<NodeIx>,
) -> Vec<NodeIx> {
    let prose = prose_chars(dom, removed, stats);
    let Some(body) = dom.elements_named("body").next() else {
        return picked;
    };
    let all = prose[body] as f32;
    let inside: u32 = picked.iter().map(|&p| prose[p]).sum();
    if all == 0.0 || inside as f32 >= MIN_PROSE_SHARE * all || !is_contested(dom, scores, top) {
        return picked;
    }
    std::iter::once(top)
        .chain(dom.ancestors(top))
        .take_while(|&a| !matches!(dom.tag(a), "html" | ""))
        .find(|&a| prose[a] as f32 >= WIDENED_PROSE_SHARE * all)
        .filter(|&a| stats.link_density(a) < MAX_WIDENED_LINK_DENSITY)
        .map_or(picked, |a| vec![a])
}

/// The page's one `<article>` (or `itemprop=articleBody`) element around the
/// winner, if there is a single one with real text.
fn enclosing_article(dom: &Dom, stats: &TextStats, top: NodeIx) -> Option<NodeIx> {
    let is_marked = |i: NodeIx| {
        dom.tag(i) == "article"
            || dom
                .attr(i, "itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    };
    let article = std::iter::once(top)
        .chain(dom.ancestors(top))
        .take(10)
        .find(|&a| is_marked(a))?;
    let with_text = (0..dom.len())
        .filter(|&i| is_marked(i) && stats.chars[i] > 200 && !dom.is_within(i, article))
        .count();
    (with_text == 0).then_some(article)
}

/// Whether the article element's text beyond the picked blocks is prose
/// rather than link lists: then the whole element is the article, split
/// over boxes too small to win as siblings (digitalcourage.de's blog grid).
fn is_prose_around(stats: &TextStats, article: NodeIx, picked: &[NodeIx]) -> bool {
    let picked_chars: u32 = picked.iter().map(|&i| stats.chars[i]).sum();
    let picked_links: u32 = picked.iter().map(|&i| stats.link_chars[i]).sum();
    let extra = stats.chars[article].saturating_sub(picked_chars);
    let extra_links = stats.link_chars[article].saturating_sub(picked_links);
    extra > 0 && (extra_links as f32) < 0.3 * extra as f32
}

/// Per-node score after link-density damping; `None` for non-candidates.
fn candidate_scores(dom: &Dom, removed: &[bool], stats: &TextStats) -> Vec<Option<f32>> {
    let mut raw: Vec<Option<f32>> = vec![None; dom.len()];
    for (i, &cut) in removed.iter().enumerate() {
        if cut || !is_voting_block(dom.tag(i)) || stats.own_chars[i] < MIN_VOTING_CHARS {
            continue;
        }
        let chars = stats.own_chars[i] as f32;
        let vote = 1.0 + stats.own_commas[i] as f32 + (chars / 100.0).min(3.0);
        // Mixed containers vote for themselves first, as readability does
        // after wrapping their loose text in <p>; pure paragraphs start at
        // their parent.
        let first = if stats.has_block[i] {
            Some(i)
        } else {
            dom.nodes[i].parent
        };
        let receivers = first
            .into_iter()
            .chain(first.into_iter().flat_map(|f| dom.ancestors(f)))
            .take(ANCESTOR_LEVELS);
        for (level, a) in receivers.enumerate() {
            if matches!(dom.tag(a), "html" | "") {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f32 * 3.0,
            };
            let score =
                raw[a].get_or_insert_with(|| tag_weight(dom.tag(a)) + class_weight(dom, stats, a));
            *score += vote / divider;
        }
    }
    raw.iter()
        .enumerate()
        .map(|(i, s)| s.map(|s| s * (1.0 - stats.link_density(i))))
        .collect()
}

/// [`super::explain_choice`]: the ten best candidates and the pick.
pub fn explain(dom: &Dom, removed: &[bool], stats: &TextStats) -> String {
    use std::fmt::Write;
    let scores = candidate_scores(dom, removed, stats);
    let mut ranked: Vec<(NodeIx, f32)> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut out = String::new();
    let name = |i: NodeIx| {
        let el = dom.element(i);
        format!(
            "#{i} <{}{}> depth {}",
            dom.tag(i),
            el.map(|e| format!(" {:?}", e.class_and_id()))
                .unwrap_or_default(),
            dom.ancestors(i).count()
        )
    };
    for &(i, s) in ranked.iter().take(10) {
        let text: String = dom.text(i).split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(
            out,
            "{s:8.1} {} chars {} links {:.2} commas {} class {:.1}\n          {:.150}",
            name(i),
            stats.chars[i],
            stats.link_density(i),
            stats.commas[i],
            class_weight(dom, stats, i),
            text
        );
    }
    let picked = select_content(dom, removed, stats);
    for &p in &picked {
        let _ = writeln!(out, "picked {} chars {}", name(p), stats.chars[p]);
    }
    let prose = |i: NodeIx| {
        !removed[i]
            && is_voting_block(dom.tag(i))
            && stats.own_chars[i] >= MIN_VOTING_CHARS
            && stats.link_density(i) < 0.25
    };
    let all: u32 = (0..dom.len())
        .filter(|&i| prose(i))
        .map(|i| stats.own_chars[i])
        .sum();
    let inside: u32 = (0..dom.len())
        .filter(|&i| prose(i) && picked.iter().any(|&p| dom.is_within(i, p)))
        .map(|i| stats.own_chars[i])
        .sum();
    let _ = writeln!(out, "prose picked {inside} of {all}");
    if let Some(top) = best_candidate(&scores) {
        let top = climb_from_top(dom, &scores, top);
        let _ = writeln!(out, "top {} score {:?}", name(top), scores[top]);
        for (i, s) in scores.iter().enumerate() {
            let best = best_candidate(&scores)
                .and_then(|b| scores[b])
                .unwrap_or(0.0);
            if let Some(s) = s.filter(|&s| s >= CONTESTING_SCORE * best) {
                if !dom.is_within(i, top) && !dom.is_within(top, i) {
                    let _ = writeln!(out, "contested by {} score {s:.1}", name(i));
                }
            }
        }
    }
    out
}

fn best_candidate(scores: &[Option<f32>]) -> Option<NodeIx> {
    scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Readability's corrections to the top pick: move up to a parent that
/// scores higher (the text was split over several child blocks), and past
/// wrappers that have the winner as their only child.
fn climb_from_top(dom: &Dom, scores: &[Option<f32>], top: NodeIx) -> NodeIx {
    let mut top = top;
    let mut last = scores[top].unwrap_or(0.0);
    let threshold = last / 3.0;
    let mut parent = dom.nodes[top].parent;
    while let Some(p) = parent {
        if matches!(dom.tag(p), "body" | "html" | "") {
            break;
        }
        if let Some(ps) = scores[p] {
            if ps < threshold {
                break;
            }
            if ps > last {
                top = p;
                break;
            }
            last = ps;
        }
        parent = dom.nodes[p].parent;
    }
    while let Some(p) = dom.nodes[top].parent {
        let element_children = dom
            .children(p)
            .filter(|&c| dom.element(c).is_some())
            .count();
        if element_children != 1 || matches!(dom.tag(p), "body" | "html" | "") {
            break;
        }
        top = p;
    }
    top
}

/// The winner plus siblings that look like more of the same article: high
/// scorers, blocks sharing its class, and link-poor prose paragraphs.
fn with_siblings(
    dom: &Dom,
    removed: &[bool],
    stats: &TextStats,
    scores: &[Option<f32>],
    top: NodeIx,
) -> Vec<NodeIx> {
    let Some(parent) = dom.nodes[top].parent else {
        return vec![top];
    };
    let top_score = scores[top].unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut picked = Vec::new();
    for sib in dom.children(parent) {
        if sib == top {
            picked.push(sib);
            continue;
        }
        if removed[sib] || dom.element(sib).is_none() {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && dom.attr(sib, "class") == Some(top_class) {
            bonus += top_score * 0.2;
        }
        let score = scores[sib].unwrap_or(0.0) + bonus;
        if score >= threshold || is_prose_paragraph(dom, stats, sib) {
            picked.push(sib);
        }
    }
    picked
}

/// How far above the winner a wrapper may sit whose look-alike siblings
/// continue the article.
const RUN_LEVELS: usize = 3;
/// Look-alike siblings with prose needed besides the winner's wrapper: one
/// could be a dek box styled like the body.
const MIN_RUN_PROSE: usize = 2;

/// Some CMSs (TYPO3's `div.outer` content elements, page builders' text
/// modules) give every few paragraphs their own wrapper, so the winner is one
/// of a run of siblings with the same tag and first class name (`detail-body
/// first-paragraph`, `detail-body second-paragraph`): then the run is the
/// article (tfe-dev t0599, t0501, t0478). Only link-poor siblings join.
fn same_class_run(
    dom: &Dom,
    removed: &[bool],
    stats: &TextStats,
    top: NodeIx,
) -> Option<Vec<NodeIx>> {
    for a in dom.ancestors(top).take(RUN_LEVELS) {
        let parent = dom.nodes[a].parent?;
        if matches!(dom.tag(parent), "body" | "html" | "") {
            return None;
        }
        let Some(first_class) = dom
            .attr(a, "class")
            .and_then(|c| c.split_whitespace().next())
        else {
            continue;
        };
        let tag = dom.tag(a);
        let alike: Vec<NodeIx> = dom
            .children(parent)
            .filter(|&s| {
                !removed[s]
                    && dom.tag(s) == tag
                    && dom
                        .attr(s, "class")
                        .and_then(|c| c.split_whitespace().next())
                        == Some(first_class)
            })
            .collect();
        let prose = |s: NodeIx| stats.chars[s] >= 100 && stats.link_density(s) < 0.25;
        if alike.iter().filter(|&&s| s != a && prose(s)).count() < MIN_RUN_PROSE {
            continue;
        }
        return Some(
            alike
                .into_iter()
                .filter(|&s| s == a || (stats.chars[s] > 0 && stats.link_density(s) < 0.5))
                .collect(),
        );
    }
    None
}

fn is_prose_paragraph(dom: &Dom, stats: &TextStats, i: NodeIx) -> bool {
    if dom.tag(i) != "p" {
        return false;
    }
    let chars = stats.chars[i];
    let density = stats.link_density(i);
    if chars > 80 {
        return density < 0.25;
    }
    chars > 0 && density == 0.0 && {
        let text = dom.text(i);
        text.ends_with('.') || text.contains(". ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::cleaning::mark_removed;

    fn picked_ids(html: &str) -> Vec<String> {
        let dom = Dom::parse(html);
        let removed = mark_removed(&dom);
        let stats = TextStats::compute(&dom, &removed);
        select_content(&dom, &removed, &stats)
            .iter()
            .filter_map(|&i| dom.attr(i, "id").map(String::from))
            .collect()
    }

    #[test]
    fn short_content_named_meta_line_does_not_win() {
        // mdr.de (tfe-dev t0768): each paragraph in its own wrapper; the
        // date line's class "articleMeta" reads as content.
        let para = "<div class=paragraph><p class=text>Thüringens Autohäuser rechnen mit einem langsamen Neustart des Geschäftes, sagte er am Montag.</p></div>";
        let html = format!(
            r#"<body><div class=box><div class=articleMeta id=meta><p>Stand: 20. April 2020, 14:57 Uhr</p></div></div>
               <div class=box id=story>{}</div></body>"#,
            para.repeat(4)
        );
        assert_eq!(picked_ids(&html), vec!["story"]);
    }

    #[test]
    fn picks_the_prose_container_over_link_lists() {
        let prose = "A sentence about the news, with commas, and detail. ".repeat(6);
        let links = "<li><a href=/x>Another headline here for you</a></li>".repeat(10);
        let html = format!(
            r#"<body><div id=list><ul>{links}</ul></div>
               <div id=story><p>{prose}</p><p>{prose}</p></div></body>"#
        );
        let dom = Dom::parse(&html);
        let removed = mark_removed(&dom);
        let stats = TextStats::compute(&dom, &removed);
        let picked = select_content(&dom, &removed, &stats);
        assert!(picked.iter().any(|&i| dom.attr(i, "id") == Some("story")));
        assert!(!picked.iter().any(|&i| dom.attr(i, "id") == Some("list")));
    }
}
