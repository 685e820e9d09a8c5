//! Matching a batch of new articles against a [`Corpus`]: the one matcher
//! the store, the simulator, trace-a-page and the Python package use.
//!
//! # What the result is
//! The pairs of a corpus are a function of its articles alone, whatever the
//! order or the batches they arrived in:
//! - a fingerprint held by more than `max_postings` articles is **common**
//!   text (a stock phrase): it makes no candidate and counts as no reuse;
//! - a fingerprint is **furniture of a site** when three pages of that site
//!   that are mutually unrelated (no two share half of the smaller one's
//!   fingerprints) carry it: text the site repeats around different
//!   articles (its blurb, newsletter box, disclaimer). Pages of *other*
//!   sites carrying it (a wire story embedded in roundups, a passage quoted
//!   on many sites) make nothing furniture: what many sites carry as their
//!   article is reuse;
//! - two articles are **candidates** when they share at least
//!   `min_shared_fingerprints` fingerprints that are neither common nor
//!   furniture of either one's site, and a **pair** when alignment of their
//!   texts, ignoring those fingerprints, finds enough shared text
//!   ([`crate::pair::compare`], always with the article of the smaller
//!   [`ident`](crate::corpus::ident_of) as side A).
//!
//! # How a batch keeps it so
//! Both "common" and "furniture" only ever grow as articles are added. A
//! batch computes them over the corpus *with* the batch, matches its
//! articles under the final sets, and re-verifies every stored pair that a
//! newly common or newly furniture fingerprint touches ([`Revision`]).
//! Furniture is found exactly: a triple of unrelated carriers is looked for
//! whenever one of its pages arrives, so every triple is checked once, and
//! no cap on carriers examined makes the answer depend on which came first.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::corpus::{Corpus, CorpusText, Key, Posting, SiteId};
use crate::fasthash::{FastMap, FastSet};
use crate::fingerprint::TextPrint;
use crate::pair::{compare, MatchParams, PairMatch};

/// Parameters of candidate selection and furniture (documented in
/// ARCHITECTURE.md's matching table).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandidateParams {
    /// Two pages sharing at least this fraction of the smaller one's
    /// fingerprints are related (copies of one story, or a short page most
    /// of which is the other's text).
    pub related_fraction: f32,
    /// Mutually unrelated pages of one site that must carry a fingerprint
    /// for it to be that site's furniture. Two are not enough: a site
    /// quoting one passage in two articles is reuse.
    pub furniture_carriers: usize,
    /// Candidates share at least this many fingerprints that are neither
    /// common nor furniture: one shared fingerprint is too often chance.
    pub min_shared_fingerprints: usize,
    /// A fingerprint held by more articles than this is common text (a cost
    /// valve far above any story's size on one machine).
    pub max_postings: usize,
}

impl Default for CandidateParams {
    fn default() -> Self {
        CandidateParams {
            related_fraction: 0.5,
            furniture_carriers: 3,
            min_shared_fingerprints: 2,
            max_postings: 1000,
        }
    }
}

/// All parameters of matching.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MatcherParams {
    pub candidates: CandidateParams,
    pub pair: MatchParams,
}

/// One article of the batch being matched.
#[derive(Debug, Clone, Copy)]
pub struct NewArticle<'a> {
    /// Its key once stored; `None` for a page matched but not stored (a
    /// trace): it pairs only with stored articles.
    pub key: Option<Key>,
    /// [`crate::corpus::ident_of`] its input id.
    pub ident: u64,
    pub text: &'a str,
    pub print: &'a TextPrint,
    pub site: Option<SiteId>,
}

/// A stored pair re-verified because a fingerprint it shares became common
/// or furniture: `now` is its match under the new sets (side A = `a`), or
/// `None` when it is no longer a pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub a: Key,
    pub b: Key,
    pub now: Option<PairMatch>,
}

/// What matching a batch found.
#[derive(Debug, Default)]
pub struct BatchMatches {
    /// For each article of the batch, in order: its pairs `(other, match)`
    /// with the article as side A. A pair of two batch articles is reported
    /// once, on the later one.
    pub found: Vec<Vec<(Key, PairMatch)>>,
    /// Stored pairs re-verified, sorted by `(a, b)`.
    pub revised: Vec<Revision>,
    /// Fingerprints that became furniture of a site with this batch.
    pub furniture: Vec<(u64, SiteId)>,
    /// Fingerprints that became common with this batch.
    pub common: Vec<u64>,
}

/// A page carrying a fingerprint: stored, or the batch's article at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Page {
    Stored(Key),
    Batch(usize),
}

/// The batch's view of frequency and furniture, after the batch.
struct Sets {
    /// Stored postings of every fingerprint of the batch (batch keys removed).
    stored: FastMap<u64, Vec<Posting>>,
    /// Batch positions holding each fingerprint, ascending.
    batch: FastMap<u64, Vec<usize>>,
    /// Furniture sites of each fingerprint, known and new.
    furniture: FastMap<u64, Vec<SiteId>>,
    max_postings: usize,
}

impl Sets {
    fn stored_of(&self, h: u64) -> &[Posting] {
        self.stored.get(&h).map(Vec::as_slice).unwrap_or(&[])
    }

    fn batch_of(&self, h: u64) -> &[usize] {
        self.batch.get(&h).map(Vec::as_slice).unwrap_or(&[])
    }

    fn is_common(&self, h: u64) -> bool {
        self.stored_of(h).len() + self.batch_of(h).len() > self.max_postings
    }

    fn is_furniture_of(&self, h: u64, site: Option<SiteId>) -> bool {
        site.is_some_and(|s| self.furniture.get(&h).is_some_and(|v| v.contains(&s)))
    }

    /// Whether `h` is no reuse between pages of these sites.
    fn ignored(&self, h: u64, x: Option<SiteId>, y: Option<SiteId>) -> bool {
        self.is_common(h) || self.is_furniture_of(h, x) || self.is_furniture_of(h, y)
    }

    /// The fingerprints of either print ignored between the two sites.
    fn ignore_set(
        &self,
        x: &TextPrint,
        y: &TextPrint,
        sx: Option<SiteId>,
        sy: Option<SiteId>,
    ) -> HashSet<u64> {
        x.fingerprints
            .iter()
            .chain(&y.fingerprints)
            .copied()
            .filter(|&h| self.ignored(h, sx, sy))
            .collect()
    }
}

/// Matches `items` against `corpus` (see the module documentation).
pub fn match_batch<C: Corpus>(
    corpus: &C,
    items: &[NewArticle],
    params: &MatcherParams,
) -> Result<BatchMatches, C::Error> {
    let cp = &params.candidates;
    let batch_keys: FastSet<Key> = items.iter().filter_map(|i| i.key).collect();
    let mut all: Vec<u64> = items
        .iter()
        .flat_map(|i| i.print.fingerprints.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();

    let mut stored = corpus.postings(&all, cp.max_postings)?;
    for v in stored.values_mut() {
        v.retain(|p| !batch_keys.contains(&p.key));
    }
    let mut batch: FastMap<u64, Vec<usize>> = FastMap::default();
    for (pos, item) in items.iter().enumerate() {
        for &h in &item.print.fingerprints {
            batch.entry(h).or_default().push(pos);
        }
    }
    let mut furniture: FastMap<u64, Vec<SiteId>> = FastMap::default();
    for (h, site) in corpus.furniture(&all)? {
        furniture.entry(h).or_default().push(site);
    }
    let mut sets = Sets {
        stored,
        batch,
        furniture,
        max_postings: cp.max_postings,
    };

    let common: Vec<u64> = all
        .iter()
        .copied()
        .filter(|&h| {
            let before = sets.stored_of(h).len();
            before > 0 && before <= cp.max_postings && sets.is_common(h)
        })
        .collect();

    let new_furniture = find_furniture(corpus, items, &sets, cp)?;
    for &(h, site) in &new_furniture {
        sets.furniture.entry(h).or_default().push(site);
    }

    let found = match_items(corpus, items, &sets, params)?;
    let revised = revise(corpus, &sets, &all, &common, &new_furniture, params)?;
    Ok(BatchMatches {
        found,
        revised,
        furniture: new_furniture,
        common,
    })
}

/// The fingerprints that become furniture of a site with this batch: for
/// each batch article and fingerprint, whether the article and two other
/// pages of its site carrying it are mutually unrelated.
fn find_furniture<C: Corpus>(
    corpus: &C,
    items: &[NewArticle],
    sets: &Sets,
    cp: &CandidateParams,
) -> Result<Vec<(u64, SiteId)>, C::Error> {
    let others_needed = cp.furniture_carriers.saturating_sub(1).max(1);
    // For each article: (fingerprint, the other pages of its site holding it).
    let open: Vec<Vec<(u64, Vec<Page>)>> = items
        .iter()
        .enumerate()
        .map(|(pos, item)| {
            let Some(site) = item.site else {
                return Vec::new();
            };
            item.print
                .fingerprints
                .iter()
                .filter(|&&h| !sets.is_common(h) && !sets.is_furniture_of(h, Some(site)))
                .filter_map(|&h| {
                    let mut pages: Vec<Page> = sets
                        .stored_of(h)
                        .iter()
                        .filter(|p| p.site == Some(site))
                        .map(|p| Page::Stored(p.key))
                        .collect();
                    pages.extend(
                        sets.batch_of(h)
                            .iter()
                            .filter(|&&q| q != pos && items[q].site == Some(site))
                            .map(|&q| Page::Batch(q)),
                    );
                    (pages.len() >= others_needed).then_some((h, pages))
                })
                .collect()
        })
        .collect();
    let mut need: Vec<Key> = open
        .iter()
        .flatten()
        .flat_map(|(_, pages)| pages)
        .filter_map(|p| match p {
            Page::Stored(k) => Some(*k),
            Page::Batch(_) => None,
        })
        .collect();
    need.sort_unstable();
    need.dedup();
    let stored_prints = if need.is_empty() {
        FastMap::default()
    } else {
        corpus.prints(&need)?
    };
    let print_of = |p: Page| -> Option<&[u64]> {
        match p {
            Page::Stored(k) => stored_prints.get(&k).map(Vec::as_slice),
            Page::Batch(q) => Some(items[q].print.fingerprints.as_slice()),
        }
    };
    let mut found: Vec<(u64, SiteId)> = open
        .par_iter()
        .enumerate()
        .flat_map_iter(|(pos, open)| {
            let mut out = Vec::new();
            let Some(site) = items[pos].site else {
                return out;
            };
            let own = items[pos].print.fingerprints.as_slice();
            let mut related_to_own: FastMap<Page, bool> = FastMap::default();
            let mut related_pair: FastMap<(Page, Page), bool> = FastMap::default();
            for (h, pages) in open {
                let free: Vec<Page> = pages
                    .iter()
                    .copied()
                    .filter(|&p| {
                        !*related_to_own
                            .entry(p)
                            .or_insert_with(|| match print_of(p) {
                                Some(theirs) => related(own, theirs, cp.related_fraction),
                                // A page whose set is unknown is never evidence.
                                None => true,
                            })
                    })
                    .collect();
                if has_unrelated_group(&free, others_needed, &mut |x, y| {
                    let key = if x < y { (x, y) } else { (y, x) };
                    *related_pair
                        .entry(key)
                        .or_insert_with(|| match (print_of(x), print_of(y)) {
                            (Some(a), Some(b)) => related(a, b, cp.related_fraction),
                            _ => true,
                        })
                }) {
                    out.push((*h, site));
                }
            }
            out
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    Ok(found)
}

/// The fingerprints that are furniture of one site, given the fingerprint
/// sets (sorted) of all its pages: those carried by
/// `furniture_carriers` pages no two of which are related. The same rule
/// [`match_batch`] applies batch by batch, as a function of the site's pages
/// alone: a distributed run (the Spark job) groups pages by site and calls
/// this per group. Sorted, distinct.
pub fn furniture_of_site(prints: &[&[u64]], cp: &CandidateParams) -> Vec<u64> {
    let mut carriers: FastMap<u64, Vec<usize>> = FastMap::default();
    for (i, print) in prints.iter().enumerate() {
        for &h in print.iter() {
            carriers.entry(h).or_default().push(i);
        }
    }
    let size = cp.furniture_carriers.max(1);
    let mut related_pair: FastMap<(usize, usize), bool> = FastMap::default();
    let mut out: Vec<u64> = carriers
        .into_iter()
        .filter(|(_, pages)| pages.len() >= size)
        .filter_map(|(h, pages)| {
            let pages: Vec<Page> = pages.into_iter().map(Page::Batch).collect();
            has_unrelated_group(&pages, size, &mut |x, y| {
                let (Page::Batch(x), Page::Batch(y)) = (x, y) else {
                    return true;
                };
                let key = (x.min(y), x.max(y));
                *related_pair
                    .entry(key)
                    .or_insert_with(|| related(prints[x], prints[y], cp.related_fraction))
            })
            .then_some(h)
        })
        .collect();
    out.sort_unstable();
    out
}

/// Whether `pages` holds `size` pages no two of which are related (an exact
/// search; groups are small: `size` is 2 with the default parameters).
fn has_unrelated_group(
    pages: &[Page],
    size: usize,
    related: &mut impl FnMut(Page, Page) -> bool,
) -> bool {
    fn extend(
        pages: &[Page],
        chosen: &mut Vec<Page>,
        size: usize,
        related: &mut impl FnMut(Page, Page) -> bool,
    ) -> bool {
        if chosen.len() == size {
            return true;
        }
        for (i, &p) in pages.iter().enumerate() {
            if chosen.iter().all(|&c| !related(c, p)) {
                chosen.push(p);
                if extend(&pages[i + 1..], chosen, size, related) {
                    return true;
                }
                chosen.pop();
            }
        }
        false
    }
    pages.len() >= size && extend(pages, &mut Vec::with_capacity(size), size, related)
}

/// True when two sorted fingerprint sets share at least `fraction` of the
/// smaller one. Stops as soon as the verdict is known.
pub fn related(x: &[u64], y: &[u64], fraction: f32) -> bool {
    let need = fraction * x.len().min(y.len()).max(1) as f32;
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        if common as f32 >= need {
            return true;
        }
        if ((common + (x.len() - i).min(y.len() - j)) as f32) < need {
            return false;
        }
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f32 >= need
}

/// A candidate of one batch article: the other page and its site.
struct Candidate {
    page: Page,
    site: Option<SiteId>,
}

/// The pairs of every batch article under the final sets.
fn match_items<C: Corpus>(
    corpus: &C,
    items: &[NewArticle],
    sets: &Sets,
    params: &MatcherParams,
) -> Result<Vec<Vec<(Key, PairMatch)>>, C::Error> {
    let min = params.candidates.min_shared_fingerprints;
    let candidates: Vec<Vec<Candidate>> = items
        .par_iter()
        .enumerate()
        .map(|(pos, item)| {
            let mut hits: Vec<(Page, Option<SiteId>, u64)> = Vec::new();
            for &h in &item.print.fingerprints {
                if sets.is_common(h) {
                    continue;
                }
                for p in sets.stored_of(h) {
                    hits.push((Page::Stored(p.key), p.site, h));
                }
                if item.key.is_some() {
                    // Batch pairs are made on the later article.
                    for &q in sets.batch_of(h).iter().take_while(|&&q| q < pos) {
                        if items[q].key.is_some() {
                            hits.push((Page::Batch(q), items[q].site, h));
                        }
                    }
                }
            }
            hits.sort_unstable();
            hits.dedup();
            let mut out = Vec::new();
            for group in hits.chunk_by(|x, y| x.0 == y.0) {
                let (page, site) = (group[0].0, group[0].1);
                let shared = group
                    .iter()
                    .filter(|(_, _, h)| !sets.ignored(*h, item.site, site))
                    .count();
                if shared >= min {
                    out.push(Candidate { page, site });
                }
            }
            out
        })
        .collect();
    let mut want: Vec<Key> = candidates
        .iter()
        .flatten()
        .filter_map(|c| match c.page {
            Page::Stored(k) => Some(k),
            Page::Batch(_) => None,
        })
        .collect();
    want.sort_unstable();
    want.dedup();
    let texts = printed(if want.is_empty() {
        FastMap::default()
    } else {
        corpus.texts(&want)?
    });
    Ok(items
        .par_iter()
        .zip(candidates.par_iter())
        .map(|(item, cands)| {
            cands
                .iter()
                .filter_map(|c| {
                    let other = match c.page {
                        Page::Stored(k) => {
                            let (t, p) = texts.get(&k)?;
                            Side {
                                key: k,
                                ident: t.ident,
                                text: &t.text,
                                print: p,
                                site: c.site,
                            }
                        }
                        Page::Batch(q) => Side::of(&items[q])?,
                    };
                    let me = Side {
                        key: item.key.unwrap_or(Key::MIN),
                        ident: item.ident,
                        text: item.text,
                        print: item.print,
                        site: item.site,
                    };
                    let m = compare_canonical(&me, &other, sets, &params.pair)?;
                    Some((other.key, m))
                })
                .collect()
        })
        .collect())
}

/// Stored texts with their prints, computed once each (in parallel).
fn printed(texts: FastMap<Key, CorpusText>) -> FastMap<Key, (CorpusText, TextPrint)> {
    texts
        .into_par_iter()
        .map(|(k, t)| {
            let p = TextPrint::of(&t.text);
            (k, (t, p))
        })
        .collect()
}

/// One side of a comparison.
struct Side<'a> {
    key: Key,
    ident: u64,
    text: &'a str,
    print: &'a TextPrint,
    site: Option<SiteId>,
}

impl<'a> Side<'a> {
    fn of(item: &NewArticle<'a>) -> Option<Side<'a>> {
        Some(Side {
            key: item.key?,
            ident: item.ident,
            text: item.text,
            print: item.print,
            site: item.site,
        })
    }
}

/// Compares two articles with the smaller ident as side A (so the result
/// does not depend on which arrived first), returned with `me` as side A.
fn compare_canonical(
    me: &Side,
    other: &Side,
    sets: &Sets,
    params: &MatchParams,
) -> Option<PairMatch> {
    let ignore = sets.ignore_set(me.print, other.print, me.site, other.site);
    if (me.ident, me.key) <= (other.ident, other.key) {
        compare(me.text, me.print, other.text, other.print, &ignore, params)
    } else {
        compare(other.text, other.print, me.text, me.print, &ignore, params).map(PairMatch::swapped)
    }
}

/// Re-verifies the stored pairs that share a fingerprint which became common
/// or furniture of one side's site.
fn revise<C: Corpus>(
    corpus: &C,
    sets: &Sets,
    all: &[u64],
    common: &[u64],
    new_furniture: &[(u64, SiteId)],
    params: &MatcherParams,
) -> Result<Vec<Revision>, C::Error> {
    if common.is_empty() && new_furniture.is_empty() {
        return Ok(Vec::new());
    }
    // Pages of each changed fingerprint whose stored pairs may have relied
    // on it: every stored carrier of a common one, the site's carriers of a
    // furniture one; the pair's other side must carry it too.
    let mut touching: Vec<(Key, u64)> = Vec::new();
    for &h in common {
        touching.extend(sets.stored_of(h).iter().map(|p| (p.key, h)));
    }
    for &(h, site) in new_furniture {
        touching.extend(
            sets.stored_of(h)
                .iter()
                .filter(|p| p.site == Some(site))
                .map(|p| (p.key, h)),
        );
    }
    let mut keys: Vec<Key> = touching.iter().map(|(k, _)| *k).collect();
    keys.sort_unstable();
    keys.dedup();
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let holders = |h: u64, k: Key| sets.stored_of(h).iter().any(|p| p.key == k);
    let mut by_key: FastMap<Key, Vec<u64>> = FastMap::default();
    for (k, h) in touching {
        by_key.entry(k).or_default().push(h);
    }
    let mut affected: Vec<(Key, Key)> = corpus
        .pairs_of(&keys)?
        .into_iter()
        .filter(|&(a, b)| {
            let shares = |x: Key, y: Key| {
                by_key
                    .get(&x)
                    .is_some_and(|hs| hs.iter().any(|&h| holders(h, y)))
            };
            shares(a, b) || shares(b, a)
        })
        .collect();
    affected.sort_unstable();
    affected.dedup();
    if affected.is_empty() {
        return Ok(Vec::new());
    }
    let mut want: Vec<Key> = affected.iter().flat_map(|&(a, b)| [a, b]).collect();
    want.sort_unstable();
    want.dedup();
    let texts = printed(corpus.texts(&want)?);
    // A re-verified pair must still be a candidate: share enough
    // fingerprints that are neither common nor furniture of either site, as
    // a pair found now would (else the pairs would depend on whether the
    // pair was found before or after its fingerprints changed). Shared
    // fingerprints outside this batch have not changed since they were last
    // judged; their status is read from the corpus.
    let mut outside: Vec<u64> = affected
        .iter()
        .filter_map(|(a, b)| Some((&texts.get(a)?.1, &texts.get(b)?.1)))
        .flat_map(|(x, y)| shared_fingerprints(&x.fingerprints, &y.fingerprints))
        .filter(|h| all.binary_search(h).is_err())
        .collect();
    outside.sort_unstable();
    outside.dedup();
    let cap = params.candidates.max_postings;
    let (outside_common, outside_furniture): (FastSet<u64>, FastMap<u64, Vec<SiteId>>) =
        if outside.is_empty() {
            Default::default()
        } else {
            let common = corpus
                .postings(&outside, cap)?
                .into_iter()
                .filter(|(_, v)| v.len() > cap)
                .map(|(h, _)| h)
                .collect();
            let mut furniture: FastMap<u64, Vec<SiteId>> = FastMap::default();
            for (h, site) in corpus.furniture(&outside)? {
                furniture.entry(h).or_default().push(site);
            }
            (common, furniture)
        };
    let ignored = |h: u64, x: Option<SiteId>, y: Option<SiteId>| {
        if all.binary_search(&h).is_ok() {
            return sets.ignored(h, x, y);
        }
        let of_site = |s: Option<SiteId>| {
            s.is_some_and(|s| outside_furniture.get(&h).is_some_and(|v| v.contains(&s)))
        };
        outside_common.contains(&h) || of_site(x) || of_site(y)
    };
    let min = params.candidates.min_shared_fingerprints;
    Ok(affected
        .par_iter()
        .filter_map(|&(a, b)| {
            let side = |k: Key| {
                texts.get(&k).map(|(t, p)| Side {
                    key: k,
                    ident: t.ident,
                    text: &t.text,
                    print: p,
                    site: t.site,
                })
            };
            let (x, y) = (side(a)?, side(b)?);
            let shared = shared_fingerprints(&x.print.fingerprints, &y.print.fingerprints)
                .filter(|&h| !ignored(h, x.site, y.site))
                .count();
            let now = (shared >= min)
                .then(|| compare_canonical(&x, &y, sets, &params.pair))
                .flatten();
            Some(Revision { a, b, now })
        })
        .collect())
}

/// The fingerprints two sorted sets share, in order.
fn shared_fingerprints<'a>(x: &'a [u64], y: &'a [u64]) -> impl Iterator<Item = u64> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(x[i - 1]);
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain merge count without early exits: the reference `related`
    /// must agree with.
    fn related_plain(x: &[u64], y: &[u64], fraction: f32) -> bool {
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let smaller = x.len().min(y.len()).max(1);
        common as f32 >= fraction * smaller as f32
    }

    #[test]
    fn furniture_of_a_site_needs_three_unrelated_carriers() {
        let cp = CandidateParams::default();
        let blurb = [1000u64, 1001];
        let page = |own: std::ops::Range<u64>, extra: &[u64]| -> Vec<u64> {
            let mut v: Vec<u64> = own.chain(extra.iter().copied()).collect();
            v.sort_unstable();
            v
        };
        // Three different articles carrying the site's blurb.
        let (a, b, c) = (
            page(0..20, &blurb),
            page(20..40, &blurb),
            page(40..60, &blurb),
        );
        assert_eq!(furniture_of_site(&[&a, &b, &c], &cp), blurb.to_vec());
        // Two are not enough; three copies of one story are related.
        assert!(furniture_of_site(&[&a, &b], &cp).is_empty());
        let (x, y, z) = (
            page(0..20, &blurb),
            page(0..19, &blurb),
            page(1..20, &blurb),
        );
        assert!(furniture_of_site(&[&x, &y, &z], &cp).is_empty());
    }

    #[test]
    fn early_exits_give_the_same_verdict() {
        let sets: Vec<Vec<u64>> = (0..40u64)
            .map(|k| (0..(k % 13) * 3).map(|i| (i * (k % 5 + 1)) % 50).collect())
            .map(|mut v: Vec<u64>| {
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        for x in &sets {
            for y in &sets {
                for f in [0.0, 0.3, 0.5, 0.9, 1.0] {
                    assert_eq!(related(x, y, f), related_plain(x, y, f), "{x:?} {y:?} {f}");
                }
            }
        }
    }

    #[test]
    fn unrelated_groups_are_found_exactly() {
        let pages: Vec<Page> = (0..6).map(Page::Batch).collect();
        // 0-1, 2-3 and 4-5 related: any two from different couples are free.
        let mut rel = |x: Page, y: Page| match (x, y) {
            (Page::Batch(a), Page::Batch(b)) => a / 2 == b / 2,
            _ => true,
        };
        assert!(has_unrelated_group(&pages, 3, &mut rel));
        assert!(!has_unrelated_group(&pages, 4, &mut rel));
        assert!(has_unrelated_group(&pages[..3], 2, &mut rel));
        assert!(!has_unrelated_group(&pages[..2], 2, &mut rel));
    }
}
