//! What a copy changed against its origin: headline, kicker, a rewritten
//! lede, paragraphs cut, inserted or moved, and — inside paragraphs that
//! were kept — altered quotations, quotations given to another speaker,
//! names of people, places or organisations replaced, and changed numbers. Each change names where it
//! is in both texts — paragraph indexes and character spans into each body
//! text (the quotation, number or name itself where there is one, else the
//! whole paragraph) — and quotes what was there before and after, ranked by
//! severity: an altered or re-attributed quotation puts
//! words in someone's mouth, a changed name or number changes a fact in
//! text the reader takes for the origin's own, a rewritten lede reframes
//! what the story says first, a cut or an insert changes the story, a new
//! headline or a moved paragraph changes how it reads.

use std::collections::HashSet;

use reprint_extract::Article;

pub use crate::change::{Change, ChangeKind, Span};
use crate::direction;
use crate::member::host_of;
use crate::mention::Spellings;
use crate::names;
use crate::word_diff::{self, Alignment, Hunk};

/// Where each compared unit starts in an article's body text, in
/// characters: turns "unit 3" and "the words `9`" into a [`Span`].
struct Layout<'a> {
    paragraphs: &'a [String],
    starts: &'a [usize],
}

impl<'a> Layout<'a> {
    fn new(units: &'a Units) -> Layout<'a> {
        Layout {
            paragraphs: &units.texts,
            starts: &units.starts,
        }
    }

    /// The span of `needle`'s first occurrence in paragraph `par`, or of
    /// the whole paragraph when there is no needle or it is not found there.
    fn span(&self, par: Option<usize>, needle: Option<&str>) -> Option<Span> {
        let par = par?;
        let p = self.paragraphs.get(par)?;
        let base = self.starts[par];
        if let Some((at, n)) = needle
            .filter(|n| !n.is_empty())
            .and_then(|n| Some((p.find(n)?, n)))
        {
            let start = base + p[..at].chars().count();
            return Some(Span {
                start,
                end: start + n.chars().count(),
            });
        }
        Some(Span {
            start: base,
            end: base + p.chars().count(),
        })
    }
}

/// The origin's and the copy's layouts, to place changes in both texts.
struct Layouts<'a> {
    origin: Layout<'a>,
    copy: Layout<'a>,
}

impl Layouts<'_> {
    /// `change` with its spans: `before` sought in the origin's paragraph,
    /// `after` in the copy's.
    fn place(&self, mut change: Change, before: Option<&str>, after: Option<&str>) -> Change {
        change.origin_span = self.origin.span(change.origin_paragraph, before);
        change.copy_span = self.copy.span(change.copy_paragraph, after);
        change
    }
}

/// What is compared: an article's paragraphs, each split at its line
/// breaks. A page that runs its paragraphs together with line breaks inside
/// one block (a table layout's cell, `<br>`-separated text) and a page that
/// gives each its own block then compare line with paragraph, not the whole
/// block with one paragraph (which left every other paragraph "cut" and
/// every other line "inserted", and the edits inside them unseen).
struct Units {
    /// The lines, trimmed, empty ones left out.
    texts: Vec<String>,
    /// The paragraph each line is in.
    paragraph: Vec<usize>,
    /// Where each line starts in the body text ([`Article::text`]), in
    /// characters.
    starts: Vec<usize>,
}

impl Units {
    fn of(a: &Article) -> Units {
        let mut u = Units {
            texts: Vec::new(),
            paragraph: Vec::new(),
            starts: Vec::new(),
        };
        let mut at = 0;
        for (i, p) in a.paragraphs.iter().enumerate() {
            let mut offset = 0;
            for line in p.split('\n') {
                let lead = line.len() - line.trim_start().len();
                let text = line.trim();
                if !text.is_empty() {
                    u.texts.push(text.to_string());
                    u.paragraph.push(i);
                    u.starts.push(at + p[..offset + lead].chars().count());
                }
                offset += line.len() + 1;
            }
            // The blank line joining paragraphs is two characters.
            at += p.chars().count() + 2;
        }
        u
    }

    /// Each line's quotations as extraction found them ([`Article::quotes`],
    /// whose offsets are characters of the body text).
    fn quotes<'q>(&self, a: &'q Article) -> Vec<Vec<&'q reprint_extract::Quote>> {
        let mut out = vec![Vec::new(); self.texts.len()];
        for q in &a.quotes {
            let i = self.starts.partition_point(|&s| s <= q.start);
            if let Some(list) = i.checked_sub(1).and_then(|i| out.get_mut(i)) {
                list.push(q);
            }
        }
        out
    }
}

/// Two paragraphs are "the same paragraph" when they share at least this
/// share of the shorter one's words (as a multiset-free set).
const SAME_PARAGRAPH: f32 = 0.6;

/// Paragraphs shorter than this many words are not judged as cut or inserted
/// (datelines, bylines, one-word furniture differ between sites).
const MIN_JUDGED_WORDS: usize = 8;

/// Opening paragraphs paired as "the same paragraph" but sharing less than
/// this share of words were rewritten, not edited: a changed name, number
/// or quoted word leaves well above it.
const REWRITTEN_LEDE: f32 = 0.7;

/// Unpaired opening paragraphs are a rewrite of one another (not a cut lede
/// and an unrelated paragraph put first) when they share at least this many
/// content words — the names and facts a new lede keeps.
const LEDE_SHARED_CONTENT: usize = 2;

/// Words of four letters or more too common to relate two paragraphs.
const COMMON: &[&str] = &[
    "that",
    "this",
    "with",
    "from",
    "have",
    "were",
    "been",
    "their",
    "there",
    "they",
    "them",
    "which",
    "would",
    "could",
    "should",
    "about",
    "after",
    "before",
    "into",
    "over",
    "under",
    "than",
    "then",
    "when",
    "where",
    "while",
    "will",
    "what",
    "also",
    "more",
    "most",
    "some",
    "such",
    "only",
    "other",
    "these",
    "those",
    "said",
    "says",
    "just",
    "very",
    "your",
    "because",
    "being",
    "does",
    "here",
    "like",
    "many",
    "much",
    "even",
    "last",
    "first",
    "year",
    "years",
    "week",
    "time",
    "people",
    "told",
    "according",
];

/// The changes from `origin` to `copy`, most severe first.
pub fn changes(origin: &Article, copy: &Article) -> Vec<Change> {
    changes_in_story(origin, copy, &[])
}

/// The changes from `origin` to `copy` in a story whose other pages are on
/// `outlets`: what either page says of any of them (a proxy's newsletter
/// call the copy carried on, its credit line) is no edit of the story's
/// text either (see [`PageTalk::about_a_page`]).
pub fn changes_in_story(origin: &Article, copy: &Article, outlets: &[&str]) -> Vec<Change> {
    let (uo, uc) = (Units::of(origin), Units::of(copy));
    let lay = Layouts {
        origin: Layout::new(&uo),
        copy: Layout::new(&uc),
    };
    let mut out = Vec::new();
    let pages = PageTalk::of(origin, copy, outlets);
    headline_and_kicker(origin, copy, &pages, &mut out);
    let pairs = match_paragraphs(&uo.texts, &uc.texts);
    let lede = rewritten_lede(
        (&uo.texts, &uc.texts),
        (origin.title_text(), copy.title_text()),
        &pairs,
        &pages,
    );
    if let Some((o, c)) = lede {
        let detail = format!("\"{}\" → \"{}\"", clip(&uo.texts[o]), clip(&uc.texts[c]));
        let change = Change::new(ChangeKind::LedeRewritten, (Some(o), Some(c)), detail);
        out.push(lay.place(change, None, None));
    }
    structure(&uo.texts, &uc.texts, &pairs, lede, &pages, &mut out);
    let (qo, qc) = (uo.quotes(origin), uc.quotes(copy));
    let known = (names::names_of(origin), names::names_of(copy));
    let last = uc.texts.len().checked_sub(1);
    for &(o, c) in &pairs {
        let (po, pc) = (&uo.texts[o], &uc.texts[c]);
        if po == pc {
            continue;
        }
        // A copy cut off inside this paragraph ("… Read more") is compared
        // on the words it kept: the rest was not replaced, only dropped.
        let (po, pc) = match direction::cut_off(pc).filter(|_| Some(c) == last) {
            Some(head) => (opening(po, head), head),
            None => (po.as_str(), pc.as_str()),
        };
        let mut found = quotes(po, pc, (o, c));
        if lede != Some((o, c)) {
            // A rewritten lede's other words differ because it was
            // rewritten: its names and numbers are not each a change.
            found.extend(numbers(po, pc, (o, c)));
            let swaps = names::speaker_changes(&qo[o], &qc[c], (o, c));
            let swapped: Vec<(String, String)> = swaps
                .iter()
                .map(|(_, a, b)| (a.clone(), b.clone()))
                .collect();
            found.extend(swaps);
            found.extend(names::entity_changes(
                po,
                pc,
                (o, c),
                (&known.0, &known.1),
                &swapped,
            ));
        }
        // Every change found inside the pair is as sure as the pair is
        // alike around it (see [`Change::confidence`]).
        let (ta, tb) = (word_spans(po), word_spans(pc));
        let share = align(&ta, &tb).map_or(0.5, |(matched, _)| {
            aligned_share(matched.len(), ta.len(), tb.len())
        });
        out.extend(found.into_iter().map(|(change, before, after)| {
            lay.place(change.with_confidence(share), Some(&before), Some(&after))
        }));
    }
    // Paragraph-level changes span their whole paragraphs.
    let out: Vec<Change> = out
        .into_iter()
        .map(|c| {
            if c.origin_span.is_none() && c.copy_span.is_none() {
                lay.place(c, None, None)
            } else {
                c
            }
        })
        .collect();
    // Lines back to the paragraphs they are in, as changes are reported.
    let mut out: Vec<Change> = out
        .into_iter()
        .map(|mut c| {
            c.origin_paragraph = c
                .origin_paragraph
                .and_then(|u| uo.paragraph.get(u).copied());
            c.copy_paragraph = c.copy_paragraph.and_then(|u| uc.paragraph.get(u).copied());
            if let (ChangeKind::ParagraphsReordered, Some(o), Some(n)) =
                (c.kind, c.origin_paragraph, c.copy_paragraph)
            {
                c.detail = moved(o, n);
            }
            c
        })
        .collect();
    out.sort_by_key(|c| (c.kind, c.origin_paragraph, c.copy_paragraph));
    out
}

/// The opening of `p` with as many words as `head` has.
fn opening<'a>(p: &'a str, head: &str) -> &'a str {
    let n = words(head).len();
    let mut seen = 0;
    let mut in_word = false;
    for (at, ch) in p.char_indices() {
        let is_word = ch.is_alphanumeric();
        if is_word && !in_word {
            if seen == n {
                return p[..at].trim_end();
            }
            seen += 1;
        }
        in_word = is_word;
    }
    p
}

/// A word of a paragraph as compared: its normalised form and its byte
/// span in the paragraph as written.
#[derive(Debug, Clone)]
struct Word {
    norm: String,
    start: usize,
    end: usize,
}

/// A text's words, lower case, with typography that is no edit ironed out
/// (issue 14: typography read as edits): quotes, apostrophes, dashes,
/// ellipses and spaces are not words, and initials written with dots
/// ("U.S.", "U.N.", "D.C.") are one word, as a copy writing "US" spells it.
fn word_spans(s: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, ch) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if ch.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        let Some(at) = start.take() else { continue };
        out.push(Word {
            norm: s[at..i].to_lowercase(),
            start: at,
            end: i,
        });
    }
    // Dotted initials: two or more single letters, each followed at once by
    // a dot, and each after the first right after the previous one's dot.
    let single = |w: &Word| w.norm.chars().count() == 1 && s[w.end..].starts_with('.');
    let mut merged: Vec<Word> = Vec::with_capacity(out.len());
    let mut i = 0;
    while i < out.len() {
        let mut j = i;
        while j < out.len()
            && single(&out[j])
            && out[j].norm.chars().all(char::is_alphabetic)
            && (j == i || out[j].start == out[j - 1].end + 1)
        {
            j += 1;
        }
        if j - i >= 2 {
            merged.push(Word {
                norm: out[i..j].iter().map(|w| w.norm.as_str()).collect(),
                start: out[i].start,
                end: out[j - 1].end + 1,
            });
            i = j;
        } else {
            merged.push(out[i].clone());
            i += 1;
        }
    }
    merged
}

/// A text's words as compared (see [`word_spans`]).
fn words(s: &str) -> Vec<String> {
    word_spans(s).into_iter().map(|w| w.norm).collect()
}

fn overlap(a: &[String], b: &[String]) -> f32 {
    let sa: HashSet<&String> = a.iter().collect();
    let sb: HashSet<&String> = b.iter().collect();
    let shared = sa.intersection(&sb).count();
    shared as f32 / sa.len().min(sb.len()).max(1) as f32
}

/// Shared words over all words of the two (as sets).
fn jaccard(a: &[String], b: &[String]) -> f32 {
    let sa: HashSet<&String> = a.iter().collect();
    let sb: HashSet<&String> = b.iter().collect();
    let shared = sa.intersection(&sb).count();
    shared as f32 / sa.union(&sb).count().max(1) as f32
}

/// Best one-to-one paragraph correspondence, greedy by overlap.
fn match_paragraphs(origin: &[String], copy: &[String]) -> Vec<(usize, usize)> {
    let ow: Vec<Vec<String>> = origin.iter().map(|p| words(p)).collect();
    let cw: Vec<Vec<String>> = copy.iter().map(|p| words(p)).collect();
    let mut scored: Vec<(f32, f32, usize, usize)> = Vec::new();
    for (i, a) in ow.iter().enumerate() {
        for (j, b) in cw.iter().enumerate() {
            let s = overlap(a, b);
            if s >= SAME_PARAGRAPH && a.len().min(b.len()) >= 3 {
                scored.push((s, jaccard(a, b), i, j));
            }
        }
    }
    // Ties (a short paragraph contained in a longer one, a paragraph the
    // text repeats) go to the pair most alike as a whole, then the nearest
    // in position: a lede quoted again further down stays paired with the
    // copy's lede.
    let gap = |i: usize, j: usize| i.abs_diff(j);
    scored.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(y.1.total_cmp(&x.1))
            .then(gap(x.2, x.3).cmp(&gap(y.2, y.3)))
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    let (mut used_o, mut used_c) = (HashSet::new(), HashSet::new());
    let mut pairs = Vec::new();
    for (_, _, i, j) in scored {
        if used_o.insert(i) {
            if used_c.insert(j) {
                pairs.push((i, j));
            } else {
                used_o.remove(&i);
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

fn headline_and_kicker(origin: &Article, copy: &Article, pages: &PageTalk, out: &mut Vec<Change>) {
    if let (Some(a), Some(b)) = (origin.title_text(), copy.title_text()) {
        if words(a) != words(b) {
            out.push(Change::new(
                ChangeKind::HeadlineChanged,
                (None, None),
                format!("\"{a}\" → \"{b}\""),
            ));
        }
    }
    if origin.kicker.is_none() {
        // A credit line read as the copy's kicker ("Source: Old Mill
        // Gazette", "This story was first published by …") is no kicker.
        if let Some(k) = copy
            .kicker
            .as_ref()
            .filter(|k| !pages.about_a_page(&k.value))
        {
            out.push(Change::new(
                ChangeKind::KickerAdded,
                (None, None),
                format!("\"{}\"", k.value),
            ));
        }
    }
}

/// Content words of a paragraph: four letters or more, not [`COMMON`].
fn content(w: &[String]) -> HashSet<&str> {
    w.iter()
        .map(String::as_str)
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(w))
        .collect()
}

/// The opening paragraph: the first with enough words to be judged that
/// ends a sentence and is not the headline, nor a page's words about itself
/// ([`PageTalk::about_a_page`]). A headline, byline or date line printed at
/// the top of the body is no lede (reprint-sim dev seeds: text and table
/// layouts printing the headline in the body had a copy's rewritten lede
/// compared with the headline, and reported as a cut and an insert).
fn lede(paragraphs: &[String], title: Option<&str>, pages: &PageTalk) -> Option<usize> {
    let headline = title.map(words);
    paragraphs.iter().position(|p| {
        let w = words(p);
        w.len() >= MIN_JUDGED_WORDS
            && ends_sentence(p)
            && headline.as_ref() != Some(&w)
            && !pages.about_a_page(p)
    })
}

/// True when a paragraph ends a sentence (possibly inside closing quotes or
/// a bracket): running text does, while headlines, link lists, section
/// labels and credits do not.
fn ends_sentence(p: &str) -> bool {
    p.trim()
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', '…'])
}

/// The opening paragraphs (origin, copy) when the copy rewrote the lede:
/// either neither is paired with any paragraph and they share content words
/// (so the copy replaced the lede rather than cutting it and putting another
/// paragraph first), or they are paired with each other but share less than
/// [`REWRITTEN_LEDE`] of their words — and either way most of the origin's
/// other paragraphs, up to where the copy stops, are kept. A paragraph added
/// before an unchanged lede leaves the lede paired: an insert, not a rewrite.
fn rewritten_lede(
    (origin, copy): (&[String], &[String]),
    titles: (Option<&str>, Option<&str>),
    pairs: &[(usize, usize)],
    pages: &PageTalk,
) -> Option<(usize, usize)> {
    let o = lede(origin, titles.0, pages)?;
    let c = lede(copy, titles.1, pages)?;
    let (wo, wc) = (words(&origin[o]), words(&copy[c]));
    let paired_o = pairs.iter().find(|p| p.0 == o);
    let paired_c = pairs.iter().any(|p| p.1 == c);
    let rewritten = match paired_o {
        None => {
            !paired_c && content(&wo).intersection(&content(&wc)).count() >= LEDE_SHARED_CONTENT
        }
        Some(&(_, pc)) => pc == c && overlap(&wo, &wc) < REWRITTEN_LEDE,
    };
    // The origin's other paragraphs, up to the last one the copy kept: a
    // copy cut off early (an excerpt) is judged on the text it runs.
    let shared_end = pairs.iter().map(|p| p.0 + 1).max().unwrap_or(0);
    let rest: Vec<usize> = (o + 1..shared_end.max(o + 1))
        .filter(|&i| words(&origin[i]).len() >= MIN_JUDGED_WORDS)
        .collect();
    let kept = rest
        .iter()
        .filter(|&&i| pairs.iter().any(|p| p.0 == i))
        .count();
    (rewritten && kept > 0 && kept * 2 >= rest.len()).then_some((o, c))
}

/// Whether paragraph `i` of `text`, kept by neither side's pairing, is
/// judged as cut or inserted, or taken for furniture one page carries
/// (issue 14: captions and "Taboola" links read as inserted paragraphs; real
/// wire copies in ../shared/data/reprints, e.g. spotify:12499's "Buzz 60"
/// video links and its gallery caption printed twice, spotify:1333's "Chat
/// with us in Facebook Messenger" and its photo caption above the lede):
/// - it has [`MIN_JUDGED_WORDS`] words or more;
/// - it ends a sentence: running text does, while link lists, headlines,
///   section labels and credits do not;
/// - the page does not print its words elsewhere (a gallery's captions, a
///   headline repeated in a box, a pull quote repeating a sentence of the
///   text): cutting a repeat loses nothing;
/// - it speaks of the news, not of a page ([`PageTalk::about_a_page`]);
/// - above the first paragraph the two texts share (`first`, where captions,
///   standfirsts and promotions sit) it has twice as many words, and shares
///   a content word with the rest of the story: a cut or added lede is about
///   what the story is about, a promotion ("Chat with us in Facebook
///   Messenger. Find out what's happening in the world as it unfolds.") is
///   not.
fn judged(
    text: &[String],
    other: &[String],
    i: usize,
    first: Option<usize>,
    pages: &PageTalk,
) -> bool {
    let p = text[i].trim();
    let w = words(p);
    let n = w.len();
    if n < MIN_JUDGED_WORDS || !ends_sentence(p) || repeated(text, i, &w) || pages.about_a_page(p) {
        return false;
    }
    let above = first.is_some_and(|f| i < f);
    !above || (n >= 2 * MIN_JUDGED_WORDS && about_the_story(text, other, i, &w))
}

/// True when the words `w` of paragraph `i` are printed again in another
/// paragraph of `text`, whole or inside it.
fn repeated(text: &[String], i: usize, w: &[String]) -> bool {
    text.iter().enumerate().any(|(j, q)| {
        j != i && {
            let qw = words(q);
            qw.len() >= w.len() && qw.windows(w.len()).any(|x| x == w)
        }
    })
}

/// True when paragraph `i` of `text` (its words `w`) shares a content word
/// with the other paragraphs of `text` or any of `other`.
fn about_the_story(text: &[String], other: &[String], i: usize, w: &[String]) -> bool {
    let own = content(w);
    text.iter()
        .enumerate()
        .filter(|&(j, _)| j != i)
        .map(|(_, q)| q)
        .chain(other)
        .any(|q| {
            let qw = words(q);
            !content(&qw).is_disjoint(&own)
        })
}

/// Words that make a paragraph or a kicker speak of a page rather than of
/// the news: the article itself ("This article has been edited for length
/// and clarity.", "Editor's note: this story has been condensed from the
/// original.").
const ABOUT_THIS_PAGE: &[&[&str]] = &[&["this", "article"], &["this", "story"], &["this", "post"]];

/// The two pages' outlets, to tell their own words — furniture, notes,
/// terms and credit lines — from the story's.
struct PageTalk {
    outlets: Spellings,
}

impl PageTalk {
    fn of(origin: &Article, copy: &Article, outlets: &[&str]) -> PageTalk {
        let mut names: Vec<String> = outlets.iter().map(|o| o.to_string()).collect();
        for a in [origin, copy] {
            names.extend(a.site.as_ref().map(|s| s.value.clone()));
            names.extend(a.canonical_url.as_deref().and_then(host_of));
        }
        PageTalk {
            outlets: Spellings::of(names.iter().map(String::as_str)),
        }
    }

    /// True when `p` speaks of a page, not of the news: it names either
    /// page's outlet (a newsletter call, licence terms, a copyright or
    /// credit line: "Sign up for the Harbor Times newsletter…", "This
    /// article may be reproduced provided this notice is kept: © 2016 Summit
    /// Chronicle.", "This article first appeared on Prairie Daily…"), as
    /// site furniture does ([`crate::direction`] reads carried furniture
    /// the same way), or it speaks of the article itself. Two texts of one
    /// story are about its subject, not about the outlets running them; a
    /// paragraph an outlet adds about itself is not an edit of the story.
    pub(crate) fn about_a_page(&self, p: &str) -> bool {
        let w = words(p);
        self.outlets.named_in(p)
            || ABOUT_THIS_PAGE
                .iter()
                .any(|phrase| w.windows(phrase.len()).any(|x| x == *phrase))
    }
}

/// Cut, inserted and moved paragraphs. Cuts and inserts are only judged
/// inside the span the two texts share, plus whole paragraphs of substance
/// outside it: a copy ending early is a cut, site furniture is not an insert.
/// A rewritten lede (`lede`) is reported once, not also as a cut and an insert.
fn structure(
    origin: &[String],
    copy: &[String],
    pairs: &[(usize, usize)],
    lede: Option<(usize, usize)>,
    pages: &PageTalk,
    out: &mut Vec<Change>,
) {
    let mut kept_o: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let mut kept_c: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
    if let Some((o, c)) = lede {
        kept_o.insert(o);
        kept_c.insert(c);
    }
    // The first paragraph of substance the two share (a byline line both
    // print alike is no start of the text).
    let substantial = |p: &(usize, usize)| words(&origin[p.0]).len() >= MIN_JUDGED_WORDS;
    let first_o = pairs.iter().filter(|p| substantial(p)).map(|p| p.0).min();
    let first_c = pairs.iter().filter(|p| substantial(p)).map(|p| p.1).min();
    for (i, p) in origin.iter().enumerate() {
        if !kept_o.contains(&i) && judged(origin, copy, i, first_o, pages) {
            out.push(
                Change::new(
                    ChangeKind::ParagraphCut,
                    (Some(i), None),
                    format!("\"{}\"", clip(p)),
                )
                .with_confidence(paragraph_confidence(p)),
            );
        }
    }
    for (j, p) in copy.iter().enumerate() {
        if !kept_c.contains(&j) && judged(copy, origin, j, first_c, pages) {
            out.push(
                Change::new(
                    ChangeKind::ParagraphInserted,
                    (None, Some(j)),
                    format!("\"{}\"", clip(p)),
                )
                .with_confidence(paragraph_confidence(p)),
            );
        }
    }
    // `pairs` is sorted by origin index; a copy index going backwards is a move.
    let mut highest = None;
    for &(o, c) in pairs {
        if highest.is_some_and(|h| c < h) {
            out.push(Change::new(
                ChangeKind::ParagraphsReordered,
                (Some(o), Some(c)),
                moved(o, c),
            ));
        }
        highest = highest.max(Some(c));
    }
}

/// The detail of a paragraph moved from origin paragraph `o` to copy
/// paragraph `c` (0-based).
fn moved(o: usize, c: usize) -> String {
    format!(
        "origin paragraph {} moved to position {} in the copy",
        o + 1,
        c + 1
    )
}

/// How sure a cut or inserted paragraph is an edit and not furniture read
/// on one page only: its words `n` against [`MIN_JUDGED_WORDS`], n / (n +
/// MIN_JUDGED_WORDS) (a paragraph at the threshold 0.5, forty words 0.83).
fn paragraph_confidence(p: &str) -> f32 {
    let n = words(p).len() as f32;
    n / (n + MIN_JUDGED_WORDS as f32)
}

/// Numbers as written (digits with their separators), in order.
fn numbers_in(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        let inner_sep = (ch == ',' || ch == '.')
            && !cur.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if ch.is_ascii_digit() || inner_sep {
            cur.push(ch);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A change of numbers in a kept paragraph, with the first number gone and
/// the first new one (to place it in both texts). Numbers keep their order
/// of appearance so the detail reads the same on every run.
fn numbers(po: &str, pc: &str, at: (usize, usize)) -> Option<(Change, String, String)> {
    let (a, b) = (
        numbers_in(&without_tweet_dates(po)),
        numbers_in(&without_tweet_dates(pc)),
    );
    let only_in = |x: &[String], y: &[String]| -> Vec<String> {
        let other: HashSet<&String> = y.iter().collect();
        let mut seen = HashSet::new();
        x.iter()
            .filter(|n| !other.contains(n) && seen.insert(*n))
            .cloned()
            .collect()
    };
    let (gone, new) = (only_in(&a, &b), only_in(&b, &a));
    let (first_gone, first_new) = (gone.first()?.clone(), new.first()?.clone());
    let detail = format!("{} → {}", gone.join(", "), new.join(", "));
    let change = Change::new(ChangeKind::NumberChanged, (Some(at.0), Some(at.1)), detail);
    Some((change, first_gone, first_new))
}

/// The text without the dates of embedded tweets: what follows a tweet's
/// "(@handle)" signature to the end of its line ("— Ari Berman
/// (@AriBerman) May 30, 2019") is the embed's timestamp, which each site
/// renders in its own time zone, not words of the text (issue 14: a
/// tweet's date read as a changed number on real wire copies).
fn without_tweet_dates(p: &str) -> std::borrow::Cow<'_, str> {
    if !p.contains("(@") {
        return std::borrow::Cow::Borrowed(p);
    }
    let mut out = String::with_capacity(p.len());
    for (n, line) in p.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let signature = line.find("(@").and_then(|at| {
            let close = at + line[at..].find(')')?;
            let handle = &line[at + 2..close];
            (!handle.is_empty() && handle.chars().all(|c| c.is_alphanumeric() || c == '_'))
                .then_some(close + 1)
        });
        out.push_str(signature.map_or(line, |end| &line[..end]));
    }
    std::borrow::Cow::Owned(out)
}

/// Byte spans of the text inside quotation marks, in order of appearance:
/// curly pairs (“…”, „…“), guillemets («…») and straight pairs ("…") are
/// read separately, so a stray straight quote (common in scraped text) does
/// not swallow the curly quotations after it.
fn quotation_spans(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    for (open, close) in [('“', '”'), ('„', '“'), ('«', '»')] {
        let mut rest = 0;
        while let Some(i) = s[rest..].find(open) {
            let start = rest + i + open.len_utf8();
            let Some(j) = s[start..].find(close) else {
                break;
            };
            found.push(start..start + j);
            rest = start + j + close.len_utf8();
        }
    }
    let straight: Vec<usize> = s.match_indices('"').map(|(i, _)| i).collect();
    for pair in straight.chunks_exact(2) {
        let inside = &s[pair[0] + 1..pair[1]];
        // A straight mark closed by a curly one and reopened later ("…,”
        // she said. “…") pairs across the attribution: not a quotation.
        if !inside.contains(['“', '”']) {
            found.push(pair[0] + 1..pair[1]);
        }
    }
    found.sort_by_key(|r| r.start);
    found
}

/// Text inside quotation marks, in order of appearance (see
/// [`quotation_spans`]).
#[cfg(test)]
fn quotations(s: &str) -> Vec<String> {
    quotation_spans(s)
        .into_iter()
        .map(|r| s[r].to_string())
        .collect()
}

/// A word alignment of two paragraphs, compared on their normalised words.
fn align(a: &[Word], b: &[Word]) -> Option<Alignment> {
    word_diff::align(a, b, |x, y| x.norm == y.norm)
}

/// Share of two paragraphs' words the alignment matches (2·matched over
/// both lengths): the confidence of a change found inside them.
fn aligned_share(matched: usize, a: usize, b: usize) -> f32 {
    (2 * matched) as f32 / (a + b).max(1) as f32
}

/// Whether words dropped from inside a quotation (`h`, a deletion; the
/// quotation is origin words `q`) shorten it rather than alter it: they are
/// its opening or closing words, or a whole sentence of it, or the copy
/// marks the cut with an ellipsis. A word or two dropped from inside a
/// sentence ("We will not raise taxes" → "We will raise taxes") can turn
/// its sense around, and is an alteration.
fn cut_cleanly(
    po: &str,
    pc: &str,
    ta: &[Word],
    tb: &[Word],
    h: &Hunk,
    q: std::ops::Range<usize>,
) -> bool {
    let ends_sentence = |gap: &str| gap.contains(['.', '!', '?', ';']);
    let clean = |o: std::ops::Range<usize>| {
        o.start == q.start
            || o.end == q.end
            || (ends_sentence(&po[ta[o.start - 1].end..ta[o.start].start])
                && ends_sentence(&po[ta[o.end - 1].end..ta[o.end].start]))
    };
    // The alignment may place a dropped stretch anywhere among equal words
    // ("We will [fight … We will] win" is "[We will fight …] We will win"):
    // every equivalent place is tried, sliding it while the word leaving
    // one end equals the word joining the other.
    let mut o = h.o.clone();
    while o.start > q.start && ta[o.start - 1].norm == ta[o.end - 1].norm {
        o = o.start - 1..o.end - 1;
    }
    loop {
        if clean(o.clone()) {
            return true;
        }
        if o.end < q.end && ta[o.start].norm == ta[o.end].norm {
            o = o.start + 1..o.end + 1;
        } else {
            break;
        }
    }
    // The copy's text where the words were dropped, between its words on
    // either side.
    let gap = match h.c.start.checked_sub(1) {
        Some(j) if h.c.start < tb.len() => &pc[tb[j].end..tb[h.c.start].start],
        _ => "",
    };
    gap.contains('…') || gap.contains("...")
}

/// Quotations of a kept paragraph whose words changed, each with the two
/// wordings (to place them in both texts). The two paragraphs are aligned
/// word by word after typography is normalised, and only the origin's
/// quotations are read: a quotation changed where a stretch of the
/// alignment that differs lies wholly inside it. Words dropped from inside
/// it, with none put in their place, shorten it (quote-shortened); any
/// word put in, or in place of another, alters it (quote-altered). The
/// copy's quotation marks are never paired with the origin's, so another
/// quotation of the same speaker later in the paragraph, a quotation the
/// copy's straight marks delimit otherwise, or one dropped whole is no
/// altered quote (issue 14).
fn quotes(po: &str, pc: &str, at: (usize, usize)) -> Vec<(Change, String, String)> {
    let (ta, tb) = (word_spans(po), word_spans(pc));
    let Some((matched, hunks)) = align(&ta, &tb) else {
        return Vec::new();
    };
    let confidence = aligned_share(matched.len(), ta.len(), tb.len());
    let mut out = Vec::new();
    for q in quotation_spans(po) {
        let i0 = ta.partition_point(|w| w.start < q.start);
        let i1 = ta.partition_point(|w| w.end <= q.end);
        if i1 < i0 + 3 {
            continue;
        }
        // Stretches inside the quotation: their origin words all in it,
        // or, for words only put in, put in between two of its words.
        let inside: Vec<&Hunk> = hunks
            .iter()
            .filter(|h| {
                if h.o.is_empty() {
                    h.o.start > i0 && h.o.start < i1
                } else {
                    h.o.start >= i0 && h.o.end <= i1
                }
            })
            .collect();
        // A stretch replaced across the quotation's edge means its words
        // and those around it were rewritten together (a quotation turned
        // into reported speech, another sentence paired with it): not an
        // edit of the quotation (spotify:11438 against CNN's spotify:1333).
        let across = hunks.iter().any(|h| {
            !h.c.is_empty()
                && !h.o.is_empty()
                && h.o.start < i1
                && h.o.end > i0
                && (h.o.start < i0 || h.o.end > i1)
        });
        if across {
            continue;
        }
        let dropped: usize = inside.iter().map(|h| h.o.len()).sum();
        // A quotation dropped whole is the paragraph's edit, not its own.
        if inside.is_empty() || dropped == i1 - i0 {
            continue;
        }
        let altered = inside
            .iter()
            .any(|h| !h.c.is_empty() || !cut_cleanly(po, pc, &ta, &tb, h, i0..i1));
        // Where the quotation is in the copy: from the first copy word
        // aligned with or put in among its words to the last.
        let mut cw = matched
            .iter()
            .filter(|(i, _)| (i0..i1).contains(i))
            .map(|&(_, j)| j..j + 1)
            .chain(inside.iter().map(|h| h.c.clone()))
            .filter(|r| !r.is_empty());
        let Some(first) = cw.next() else { continue };
        let (c0, c1) = cw.fold((first.start, first.end), |(s, e), r| {
            (s.min(r.start), e.max(r.end))
        });
        let before = po[q.clone()].to_string();
        let (mut from, mut to) = (tb[c0].start, tb[c1 - 1].end);
        // Quoted as the copy's own marks delimit it, when they hold it.
        if let Some(r) = quotation_spans(pc)
            .into_iter()
            .find(|r| r.start <= from && to <= r.end)
        {
            (from, to) = (r.start, r.end);
        }
        let after = pc[from..to].to_string();
        // A shortened quotation keeps three words or more (a quotation's
        // least), side by side in the copy: one or two words left, or words
        // scattered over the copy's paragraph, are a quotation dropped and
        // a few of its words found elsewhere (spotify:11438 against CNN's
        // spotify:1333 dropped "Some artists even worried …" for reported
        // speech).
        let kept = (i1 - i0) - dropped;
        if !altered && (kept < 3 || c1 - c0 != kept) {
            continue;
        }
        let kind = if altered {
            ChangeKind::QuoteAltered
        } else {
            ChangeKind::QuoteShortened
        };
        let detail = format!("\"{}\" → \"{after}\"", before.trim());
        let change =
            Change::new(kind, (Some(at.0), Some(at.1)), detail).with_confidence(confidence);
        out.push((change, before, after));
    }
    out
}

fn clip(s: &str) -> String {
    let mut t: String = s.chars().take(120).collect();
    if s.chars().count() > 120 {
        t.push('…');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use reprint_extract::{FieldSource, Sourced};

    fn article(title: &str, paras: &[&str]) -> Article {
        Article {
            title: Some(reprint_extract::Sourced::new(
                title.to_string(),
                reprint_extract::FieldSource::Visible,
                1.0,
            )),
            paragraphs: paras.iter().map(|s| s.to_string()).collect(),
            ..Article::default()
        }
    }

    const P1: &str = "The minister said on Friday that the country would withdraw its six fighter jets from the coalition.";
    const P2: &str = "\"We cannot afford to continue this operation any longer,\" the minister told reporters in Brussels.";
    const P3: &str = "The jets had spent nine months flying missions over Iraq from a base in Jordan, officials said.";

    #[test]
    fn an_identical_copy_has_no_changes() {
        let a = article("Belgium pulls jets", &[P1, P2, P3]);
        assert!(changes(&a, &a.clone()).is_empty());
    }

    #[test]
    fn altered_quote_cut_insert_and_new_headline_are_found_most_severe_first() {
        let o = article("Belgium pulls jets", &[P1, P2, P3]);
        let altered = P2.replace("cannot afford", "will not pay");
        let inserted =
            "Some unrelated inserted paragraph about the weather in the region this week.";
        let c = article("Belgium quits bombing campaign", &[P1, &altered, inserted]);
        let kinds: Vec<ChangeKind> = changes(&o, &c).iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ChangeKind::QuoteAltered,
                ChangeKind::ParagraphCut,
                ChangeKind::ParagraphInserted,
                ChangeKind::HeadlineChanged
            ]
        );
    }

    #[test]
    fn a_short_quotation_rewritten_in_place_is_altered() {
        let o = article(
            "t",
            &[
                P1,
                "He called it the “War On Drugs” in 1971, aides recalled later.",
            ],
        );
        let c = article(
            "t",
            &[
                P1,
                "He called it the “absolutely wrongly Drugs” in 1971, aides recalled later.",
            ],
        );
        let ch = changes(&o, &c);
        assert_eq!(ch.len(), 1, "{ch:?}");
        assert_eq!(ch[0].kind, ChangeKind::QuoteAltered);
    }

    #[test]
    fn typography_is_no_change() {
        // issue 14: "U.S." → "US" and curly → straight quotes read as edits.
        let o = article(
            "t",
            &[
                P1,
                "“We will not leave,” the U.S. envoy said on Friday in Brussels.",
            ],
        );
        let c = article(
            "t",
            &[
                P1,
                "\"We will not leave,\" the US envoy said on Friday in Brussels.",
            ],
        );
        assert!(changes(&o, &c).is_empty(), "{:?}", changes(&o, &c));
    }

    #[test]
    fn a_quote_shortened_word_for_word_is_not_altered() {
        // issue 14 (real wire copies read by hand): a quote cut short was
        // called "altered".
        let o = article(
            "t",
            &[
                P1,
                "“We will fight this in the courts. We will win, and we will not leave,” the envoy said on Friday.",
                P3,
            ],
        );
        for (copy, after) in [
            // A sentence dropped, the end cut, a cut marked by an ellipsis.
            (
                "“We will win, and we will not leave,” the envoy said on Friday.",
                "We will win, and we will not leave,",
            ),
            (
                "“We will fight this in the courts,” the envoy said on Friday.",
                "We will fight this in the courts,",
            ),
            (
                "“We will fight this … and we will not leave,” the envoy said on Friday.",
                "We will fight this … and we will not leave,",
            ),
        ] {
            let ch = changes(&o, &article("t", &[P1, copy, P3]));
            assert_eq!(ch.len(), 1, "{ch:?}");
            assert_eq!(ch[0].kind, ChangeKind::QuoteShortened, "{ch:?}");
            assert!(ch[0].detail.ends_with(&format!("→ \"{after}\"")), "{ch:?}");
        }
        // A word dropped from inside a sentence turns it around: altered.
        let c = article(
            "t",
            &[P1, "“We will fight this in the courts. We will win, and we will leave,” the envoy said on Friday.", P3],
        );
        let kinds: Vec<ChangeKind> = changes(&o, &c).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::QuoteAltered]);
    }

    #[test]
    fn a_quote_dropped_beside_another_by_the_same_speaker_is_not_altered() {
        // issue 14: a quote paired with a later, different quotation was
        // reported as altered. The copy drops the first quotation whole.
        let o = article(
            "t",
            &[
                P1,
                "“We will not leave,” the envoy said. “This is our home and we will defend it.”",
            ],
        );
        let c = article(
            "t",
            &[
                P1,
                "The envoy said: “This is our home and we will defend it.”",
            ],
        );
        let ch = changes(&o, &c);
        assert!(
            !ch.iter().any(|c| matches!(
                c.kind,
                ChangeKind::QuoteAltered | ChangeKind::QuoteShortened
            )),
            "{ch:?}"
        );
    }

    #[test]
    fn a_change_is_as_sure_as_its_paragraphs_are_alike() {
        let o = article("t", &[P1, P2]);
        let c = article("t", &[P1, &P2.replace("cannot afford", "will not pay")]);
        let ch = changes(&o, &c);
        assert_eq!(ch.len(), 1, "{ch:?}");
        // 13 words aligned of 15 in the origin and 16 in the copy.
        assert!((ch[0].confidence - 26.0 / 31.0).abs() < 1e-6, "{ch:?}");
        let cut = changes(&article("t", &[P1, P2]), &article("t", &[P2]));
        assert_eq!(cut[0].kind, ChangeKind::ParagraphCut);
        assert!(
            cut[0].confidence > 0.6 && cut[0].confidence < 1.0,
            "{cut:?}"
        );
    }

    #[test]
    fn a_changed_number_is_found() {
        let o = article("t", &[P1, P2, &P3.replace("nine", "9")]);
        let c = article("t", &[P1, P2, &P3.replace("nine", "10")]);
        let ch = changes(&o, &c);
        assert_eq!(ch.len(), 1, "{ch:?}");
        assert_eq!(ch[0].kind, ChangeKind::NumberChanged);
        assert_eq!(ch[0].detail, "9 → 10");
    }

    /// The text a span covers in an article's body text.
    fn at(a: &Article, span: Option<Span>) -> String {
        let s = span.expect("a span");
        a.text()
            .chars()
            .skip(s.start)
            .take(s.end - s.start)
            .collect()
    }

    #[test]
    fn changes_are_placed_by_character_spans_in_both_texts() {
        let o = article("t", &[P1, P2, &P3.replace("nine", "9")]);
        let altered = P2.replace("cannot afford", "will not pay");
        let c = article(
            "t",
            &[
                &altered,
                &P3.replace("nine", "10"),
                "Ünïcödé furniture is gone.",
            ],
        );
        let ch = changes(&o, &c);
        let quote = ch
            .iter()
            .find(|c| c.kind == ChangeKind::QuoteAltered)
            .unwrap();
        assert_eq!(
            at(&o, quote.origin_span),
            "We cannot afford to continue this operation any longer,"
        );
        assert_eq!(
            at(&c, quote.copy_span),
            "We will not pay to continue this operation any longer,"
        );
        let number = ch
            .iter()
            .find(|c| c.kind == ChangeKind::NumberChanged)
            .unwrap();
        assert_eq!(
            (at(&o, number.origin_span), at(&c, number.copy_span)),
            ("9".into(), "10".into())
        );
        let cut = ch
            .iter()
            .find(|c| c.kind == ChangeKind::ParagraphCut)
            .unwrap();
        assert_eq!(
            (at(&o, cut.origin_span), cut.copy_span),
            (P1.to_string(), None)
        );
        // Offsets count characters, not bytes: a multi-byte paragraph
        // before a change does not shift it.
        let o = article(
            "t",
            &[
                "Ünïcödé façade “déjà vu” résumé naïve café piñata.",
                &P3.replace("nine", "9"),
            ],
        );
        let c = article(
            "t",
            &[
                "Ünïcödé façade “déjà vu” résumé naïve café piñata.",
                &P3.replace("nine", "ten 10"),
            ],
        );
        let ch = changes(&o, &c);
        assert_eq!(at(&c, ch[0].copy_span), "10", "{ch:?}");
    }

    #[test]
    fn a_copy_cut_off_with_a_credit_after_the_ellipsis_changed_no_name() {
        // From the simulator (seed 11, story 250): the excerpt ends "…61
        // percent of… The story was first reported by Northern Sentinel."
        let p4 = "In the 2012 Florida race between Obama and Romney, just 61 percent of voters were 45 or older. Sixty-seven percent were white.";
        let o = article("t", &[P1, P2, p4, P3]);
        let cut = "In the 2012 Florida race between Obama and Romney, just 61 percent of… The story was first reported by Northern Sentinel.";
        let c = article("t", &[P1, P2, cut]);
        let kinds: Vec<ChangeKind> = changes(&o, &c).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::ParagraphCut]);
    }

    #[test]
    fn a_headline_change_has_no_body_span() {
        let ch = changes(&article("One", &[P1]), &article("Two", &[P1]));
        assert_eq!((ch[0].origin_span, ch[0].copy_span), (None, None));
    }

    #[test]
    fn moved_paragraphs_are_reported() {
        let o = article("t", &[P1, P2, P3]);
        let c = article("t", &[P3, P1, P2]);
        let ch = changes(&o, &c);
        assert!(
            ch.iter().any(|c| c.kind == ChangeKind::ParagraphsReordered),
            "{ch:?}"
        );
        assert!(!ch.iter().any(|c| matches!(
            c.kind,
            ChangeKind::ParagraphCut | ChangeKind::ParagraphInserted
        )));
    }

    const NEW_LEDE: &str = "Belgium's fighter jets are coming home from the coalition, its defence minister announced, ending months of bombing runs.";

    #[test]
    fn a_rewritten_lede_is_reported_once_with_both_positions() {
        let o = article("t", &[P1, P2, P3]);
        let c = article("t", &[NEW_LEDE, P2, P3]);
        let ch = changes(&o, &c);
        assert_eq!(ch.len(), 1, "{ch:?}");
        assert_eq!(ch[0].kind, ChangeKind::LedeRewritten);
        assert_eq!(
            (ch[0].origin_paragraph, ch[0].copy_paragraph),
            (Some(0), Some(0))
        );
        assert!(
            ch[0].detail.starts_with("\"The minister said"),
            "{}",
            ch[0].detail
        );
        assert!(
            ch[0].detail.contains("→ \"Belgium's fighter jets"),
            "{}",
            ch[0].detail
        );
    }

    #[test]
    fn a_rewritten_lede_the_text_repeats_further_down_is_still_found() {
        let recap = format!("{P1} {P3}");
        let o = article("t", &[P1, P2, &recap]);
        let c = article("t", &[NEW_LEDE, P2, &recap]);
        let kinds: Vec<ChangeKind> = changes(&o, &c).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::LedeRewritten]);
    }

    #[test]
    fn a_lede_with_one_word_changed_is_not_rewritten() {
        let o = article("t", &[P1, P2, P3]);
        let c = article("t", &[&P1.replace("withdraw", "recall"), P2, P3]);
        let ch = changes(&o, &c);
        assert!(
            !ch.iter().any(|c| matches!(
                c.kind,
                ChangeKind::LedeRewritten
                    | ChangeKind::ParagraphCut
                    | ChangeKind::ParagraphInserted
            )),
            "{ch:?}"
        );
    }

    #[test]
    fn a_paragraph_added_before_an_unchanged_lede_is_an_insert() {
        let o = article("t", &[P1, P2, P3]);
        let c = article("t", &[NEW_LEDE, P1, P2, P3]);
        let kinds: Vec<ChangeKind> = changes(&o, &c).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::ParagraphInserted]);
    }

    #[test]
    fn a_cut_lede_with_an_unrelated_paragraph_first_is_a_cut_and_an_insert() {
        let o = article("t", &[P1, P2, P3]);
        // Above the text both share, a paragraph of substance (16 words or
        // more; shorter ones there are captions and promotions) about the
        // story (it shares "Iraq" with it) but not a rewrite of the lede.
        let unrelated = "Protests over the war in Iraq drew thousands onto the streets of the capital, with more rallies planned through the weekend.";
        let c = article("t", &[unrelated, P2, P3]);
        let kinds: Vec<ChangeKind> = changes(&o, &c).iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            vec![ChangeKind::ParagraphCut, ChangeKind::ParagraphInserted]
        );
        // One about nothing the story speaks of, put above it, is a
        // promotion or a box, not a new lede: only the cut is.
        let weather = "Some unrelated paragraph about the weather in the region, with more rain expected through the weekend and beyond.";
        let c = article("t", &[weather, P2, P3]);
        let kinds: Vec<ChangeKind> = changes(&o, &c).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::ParagraphCut]);
    }

    #[test]
    fn an_embedded_tweets_date_is_no_changed_number() {
        // A tweet quoted in both texts, its timestamp rendered in each
        // site's time zone (census.jsonl embeds tweets this way).
        let tweet = |day: &str| {
            format!("Adding the question would clearly cost the Democrats 3 seats and help Republicans. — Ari Berman (@AriBerman) May {day}, 2019")
        };
        let o = article("t", &[P1, &tweet("30"), P2, P3]);
        let c = article("t", &[P1, &tweet("31"), P2, P3]);
        assert!(changes(&o, &c).is_empty(), "{:?}", changes(&o, &c));
        // A number in the text around it still counts.
        let c = article(
            "t",
            &[P1, &tweet("30").replace("3 seats", "5 seats"), P2, P3],
        );
        assert!(changes(&o, &c)
            .iter()
            .any(|c| c.kind == ChangeKind::NumberChanged));
    }

    #[test]
    fn a_proxys_furniture_a_copy_carried_is_no_insert() {
        // reprint-sim dev seeds: a copy taken from a proxy carries the
        // proxy's newsletter call; the proxy is a third page of the story.
        let o = article("t", &[P1, P2, P3]);
        let call =
            "Sign up for the Lakeside Tribune newsletter to get the latest news every morning.";
        let c = article("t", &[P1, P2, P3, call]);
        assert!(changes_in_story(&o, &c, &["Lakeside Tribune"]).is_empty());
        // Compared alone, nothing says whose newsletter it is.
        let kinds: Vec<ChangeKind> = changes(&o, &c).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::ParagraphInserted]);
    }

    #[test]
    fn a_promotion_above_the_origins_text_is_not_cut() {
        // CNN's spotify:1333 opens with its Messenger promotion (17 words);
        // its CNN Wire copies (spotify:11438, spotify:8215) run without it.
        let promo = "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.";
        let o = article("t", &[promo, P1, P2, P3]);
        let c = article("t", &[P1, P2, P3]);
        assert!(changes(&o, &c).is_empty(), "{:?}", changes(&o, &c));
    }

    #[test]
    fn a_pull_quote_is_no_paragraph_of_its_own() {
        // A sentence of the text printed again as a pull quote (reprint-sim
        // dev seed 1, sim111-0 and sim162-0): a copy without the box cut
        // nothing, and one that adds it inserted nothing.
        let pull = "The minister said on Friday that the country would withdraw.";
        let o = article("t", &[P1, pull, P2, P3]);
        let c = article("t", &[P1, P2, P3]);
        assert!(changes(&o, &c).is_empty(), "{:?}", changes(&o, &c));
        assert!(changes(&c, &o).is_empty(), "{:?}", changes(&c, &o));
        // Words of its own are a paragraph, cut or inserted.
        let own = "The minister said on Friday that the country would withdraw its jets by June.";
        let o = article("t", &[P1, own, P2, P3]);
        let kinds: Vec<ChangeKind> = changes(&o, &c).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::ParagraphCut]);
    }

    #[test]
    fn what_a_page_says_of_itself_is_no_edit() {
        // reprint-sim dev seeds: newsletter calls, licence terms and credit
        // lines naming either page's outlet, and editor's notes, left in a
        // body; and a credit line read as the copy's kicker.
        let mut o = article(
            "t",
            &[
                P1,
                P2,
                P3,
                "Sign up for the Harbor Times newsletter to get the latest news every morning.",
            ],
        );
        o.site = Some(Sourced::new(
            "Harbor Times".into(),
            FieldSource::Visible,
            0.5,
        ));
        let mut c = article(
            "t",
            &[
                P1,
                "This article has been edited for length and clarity by our editors.",
                P2,
                P3,
                "This article first appeared on Harbor Times and is republished with permission.",
            ],
        );
        c.kicker = Some(Sourced::new(
            "This story was first published by the Harbor Times".into(),
            FieldSource::Visible,
            0.7,
        ));
        assert!(changes(&o, &c).is_empty(), "{:?}", changes(&o, &c));
        // A paragraph about the news is an insert wherever it names nothing.
        let mut c2 = c.clone();
        c2.paragraphs.push(
            "Officials in Jordan said the base would stay open to other coalition members.".into(),
        );
        let kinds: Vec<ChangeKind> = changes(&o, &c2).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::ParagraphInserted]);
    }

    #[test]
    fn captions_promotions_and_link_lists_are_not_inserted_paragraphs() {
        // From ../shared/data/reprints: spotify:12499 (sfgate.com) against
        // Bloomberg's spotify:7240, and CNN's spotify:1333.
        let o = article("t", &[P1, P2, P3]);
        let caption = "Daniel Ek, chief executive officer and co-founder of Spotify, said earlier this week that the problem was the wording.";
        let c = article(
            "t",
            &[
                "Singer R. Kelly's music was at the center of the Spotify policy.",
                caption,
                caption,
                P1,
                P2,
                "Poll: These are the Most Annoying Types Of Airline Passengers Buzz 60",
                "Netflix Is Now Worth More Than Disney With Boost From The Obamas Buzz 60",
                P3,
            ],
        );
        let ch = changes(&o, &c);
        assert!(ch.is_empty(), "{ch:?}");
        // A sentence of substance put in among the shared text still is.
        let added = "Some unrelated inserted paragraph about the weather in the region this week.";
        let c = article("t", &[P1, P2, added, P3]);
        let kinds: Vec<ChangeKind> = changes(&o, &c).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![ChangeKind::ParagraphInserted]);
    }

    #[test]
    fn a_stray_straight_quote_does_not_hide_curly_quotations() {
        // From a PolNeAR article: the paragraph opens with an unmatched `"`.
        let q = quotations("\"Trump tried to laugh it off by interjecting, “Only Rosie O’Donnell.” But Kelly was relentless.");
        assert!(q.contains(&"Only Rosie O’Donnell.".to_string()), "{q:?}");
    }

    #[test]
    fn the_line_of_a_quote_counts_characters_not_bytes() {
        let a = reprint_extract::extract_text(
            "# T\n\nÉlodie Tremblay, la maire, a parlé à Montréal.\n\n“Ça va très bien ici,” said Tremblay.\n",
            None,
        );
        let units = Units::of(&a);
        let by = units.quotes(&a);
        let last = by.iter().rposition(|q| !q.is_empty());
        assert_eq!(last, Some(units.texts.len() - 1), "{:?}", a.quotes);
    }

    #[test]
    fn paragraphs_run_together_with_line_breaks_are_compared_line_by_line() {
        // From the simulator (seed 1, story 65): a table layout's copy
        // extracted as one block of lines against the origin's paragraphs;
        // the altered quote in its fourth line went unseen.
        let altered = P2.replace("cannot afford", "will not pay");
        let o = article("t", &[P1, P2, P3]);
        let c = article("t", &[&format!("{P1}\n{altered}\n{P3}")]);
        let ch = changes(&o, &c);
        assert_eq!(ch.len(), 1, "{ch:?}");
        assert_eq!(ch[0].kind, ChangeKind::QuoteAltered);
        assert_eq!(
            (ch[0].origin_paragraph, ch[0].copy_paragraph),
            (Some(1), Some(0))
        );
        assert_eq!(
            at(&c, ch[0].copy_span),
            "We will not pay to continue this operation any longer,"
        );
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            numbers_in("1,466 quotes in 2018, up 3.5%."),
            vec!["1,466", "2018", "3.5"]
        );
    }
}
