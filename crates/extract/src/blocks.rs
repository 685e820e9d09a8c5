//! The blocks of a page as a site profile sees them (issue 15): each block's
//! text as an order-sensitive hash of its words, the site a page belongs to,
//! and cutting the blocks a [`SiteProfile`] knows as a site's chrome. Kept
//! apart from `site` (which learns profiles by extracting pages through
//! `html`) so that `html` can cut chrome without importing the module that
//! calls it: no import loop between them.

use std::collections::{BTreeMap, HashSet};

use crate::dom::{Dom, NodeIx};

/// Blocks each site repeats around different articles (see the module
/// documentation).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteProfile {
    pub(crate) sites: BTreeMap<String, HashSet<u64>>,
    pub(crate) pages: usize,
}

impl SiteProfile {
    /// The chrome blocks of `site`, if the profile holds any.
    pub(crate) fn chrome_of(&self, site: Option<&str>) -> Option<&HashSet<u64>> {
        self.sites.get(site?).filter(|s| !s.is_empty())
    }
}

/// Blocks larger than this many words are wrappers around whole pages, not
/// chrome boxes; they are not recorded (their inner blocks are).
const MAX_BLOCK_WORDS: u32 = 2000;

/// Modulus of the block hash (a Mersenne prime: `x mod P` is cheap).
const P: u64 = (1 << 61) - 1;
/// Base of the polynomial hash over word hashes.
const BASE: u64 = 0x0ab3_5c1f_9d27_e643 % P;

/// A run of words as a polynomial hash: `(hash, BASE^words, words)`, so
/// that the hash of an element is combined from its children's in one
/// bottom-up pass (no element's text is materialised: a 10,000-deep page
/// costs one visit per node).
#[derive(Debug, Clone, Copy)]
struct Run {
    hash: u64,
    pow: u64,
    words: u32,
}

const EMPTY: Run = Run {
    hash: 0,
    pow: 1,
    words: 0,
};

fn mulmod(a: u64, b: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(P)) as u64
}

impl Run {
    fn then(self, next: Run) -> Run {
        Run {
            hash: (mulmod(self.hash, next.pow) + next.hash) % P,
            pow: mulmod(self.pow, next.pow),
            words: self.words.saturating_add(next.words),
        }
    }

    fn word(w: &str) -> Run {
        // Case and digits do not make a block another one: "© 2019" and
        // "© 2020", "12 comments" and "3 comments" are the same chrome.
        let mut h = FNV_OFFSET;
        for c in w.chars() {
            let c = if c.is_numeric() { '0' } else { c };
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                }
            }
        }
        Run {
            hash: h % P,
            pow: BASE,
            words: 1,
        }
    }

    fn of_text(text: &str) -> Run {
        text.split_whitespace()
            .fold(EMPTY, |run, w| run.then(Run::word(w)))
    }
}

/// The hash of a paragraph's text, as blocks are hashed.
pub(crate) fn text_hash(text: &str) -> u64 {
    Run::of_text(text).hash
}

/// Every node's run of words, bottom-up (children have larger indices than
/// their parents and come in document order).
fn runs(dom: &Dom) -> Vec<Run> {
    let mut runs = vec![EMPTY; dom.len()];
    for i in (0..dom.len()).rev() {
        if let Some(t) = dom.text_node(i) {
            let parent = dom.nodes[i].parent.map_or("", |p| dom.tag(p));
            if !matches!(parent, "script" | "style" | "noscript" | "template") {
                runs[i] = Run::of_text(t);
            }
            continue;
        }
        let mut run = EMPTY;
        for c in dom.children(i) {
            run = run.then(runs[c]);
        }
        runs[i] = run;
    }
    runs
}

/// Elements that can be a site's chrome box: block-level, below `<body>`.
fn is_candidate(dom: &Dom, i: NodeIx) -> bool {
    let tag = dom.tag(i);
    crate::dom::is_block_tag(tag) && !matches!(tag, "html" | "body")
}

/// The page's block hashes (sorted, distinct) among the elements left by
/// cleaning.
pub(crate) fn block_hashes(dom: &Dom, removed: &[bool]) -> Vec<u64> {
    let runs = runs(dom);
    let mut out: Vec<u64> = (0..dom.len())
        .filter(|&i| !removed[i] && is_candidate(dom, i))
        .filter(|&i| (1..=MAX_BLOCK_WORDS).contains(&runs[i].words))
        .map(|i| runs[i].hash)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Marks as removed the blocks of `dom` that are in `chrome`, with their
/// subtrees; returns how many were cut.
pub(crate) fn cut_chrome(dom: &Dom, removed: &mut [bool], chrome: &HashSet<u64>) -> usize {
    let runs = runs(dom);
    let mut cut = 0;
    let mut i = 0;
    while i < dom.len() {
        if !removed[i]
            && is_candidate(dom, i)
            && (1..=MAX_BLOCK_WORDS).contains(&runs[i].words)
            && chrome.contains(&runs[i].hash)
        {
            let end = dom.nodes[i].end;
            removed[i..end].iter_mut().for_each(|r| *r = true);
            cut += 1;
            i = end;
            continue;
        }
        i += 1;
    }
    cut
}

pub(crate) fn text_site(url: Option<&str>, site: Option<&str>) -> Option<String> {
    given_site(site).or_else(|| url.and_then(host))
}

fn given_site(site: Option<&str>) -> Option<String> {
    site.map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
}

/// The site a page belongs to: `site` when given, else the host of `url`,
/// else of its canonical link or `og:url`, without `www.`.
pub(crate) fn site_of(dom: &Dom, url: Option<&str>, site: Option<&str>) -> Option<String> {
    if let Some(s) = given_site(site) {
        return Some(s);
    }
    if let Some(h) = url.and_then(host) {
        return Some(h);
    }
    let canonical = dom
        .elements_named("link")
        .find(|&i| {
            dom.attr(i, "rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|i| dom.attr(i, "href"));
    let og = || {
        dom.elements_named("meta")
            .find(|&i| {
                dom.attr(i, "property")
                    .is_some_and(|p| p.eq_ignore_ascii_case("og:url"))
            })
            .and_then(|i| dom.attr(i, "content"))
    };
    canonical.and_then(host).or_else(|| og().and_then(host))
}

/// `url`'s host, lower case, without `www.` and port.
fn host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    host.contains('.').then(|| host.to_ascii_lowercase())
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}
