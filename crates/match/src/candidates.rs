//! From fingerprint hits to the articles worth aligning, and to the
//! fingerprints that are furniture rather than reuse.
//!
//! The index (kept by the store) answers: for each fingerprint of a new
//! article, which stored articles have it. Passim drops n-grams above a fixed
//! document frequency, which links unrelated articles on a small corpus and
//! none on a large one. Here frequency is judged against the neighbourhood
//! instead: a fingerprint is furniture when several articles that otherwise
//! share little with the new one carry it (one site's disclaimer, a
//! syndicator's footer). A story's copies share most of their fingerprints,
//! so the text they share is never taken for furniture, however many copies
//! there are.

use std::collections::HashSet;

use crate::fasthash::FastMap;

/// A stored article that shares fingerprints with the one being matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbour<K> {
    pub key: K,
    /// The fingerprints of the new article this neighbour also has.
    pub shared: Vec<u64>,
    /// How many fingerprints the neighbour has in all.
    pub fingerprint_count: usize,
}

/// Parameters of candidate selection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CandidateParams {
    /// A neighbour sharing less than this fraction of the smaller article's
    /// fingerprints is "weakly related": it may carry furniture.
    pub weak_fraction: f32,
    /// Two neighbours sharing at least this fraction of the smaller one's
    /// fingerprints are related to each other (copies of one story).
    pub related_fraction: f32,
    /// A fingerprint carried by this many weakly related neighbours that are
    /// mutually unrelated is furniture.
    pub furniture_neighbours: usize,
    /// How many weakly related carriers of one fingerprint are examined (the
    /// earliest first) when looking for two unrelated ones.
    pub max_carriers_checked: usize,
    /// Neighbours sharing fewer non-furniture fingerprints than this are not
    /// aligned at all.
    pub min_shared_fingerprints: usize,
    /// A fingerprint carried by more stored articles than this is furniture
    /// outright (a safety valve for cost; far above any story's size here).
    pub max_postings: usize,
}

impl Default for CandidateParams {
    fn default() -> Self {
        CandidateParams {
            weak_fraction: 0.5,
            related_fraction: 0.5,
            furniture_neighbours: 3,
            max_carriers_checked: 6,
            min_shared_fingerprints: 2,
            max_postings: 1000,
        }
    }
}

/// Groups raw index hits `(fingerprint, neighbour)` by neighbour: neighbours
/// in key order, each with its fingerprints sorted and distinct.
pub fn group_hits<K: Clone + Eq + std::hash::Hash + Ord>(
    hits: impl IntoIterator<Item = (u64, K)>,
) -> Vec<(K, Vec<u64>)> {
    // One sort instead of a map of growing vectors: hits come by the
    // thousand per article, most neighbours with a handful.
    let mut hits: Vec<(K, u64)> = hits.into_iter().map(|(h, k)| (k, h)).collect();
    hits.sort_unstable();
    hits.dedup();
    let mut out: Vec<(K, Vec<u64>)> = Vec::new();
    let mut rest = hits.as_slice();
    while let Some((key, _)) = rest.first() {
        let n = rest.partition_point(|(k, _)| k == key);
        out.push((key.clone(), rest[..n].iter().map(|(_, h)| *h).collect()));
        rest = &rest[n..];
    }
    out
}

/// True when `n` shares less than `weak_fraction` of the smaller article's
/// fingerprints with the new one (which has `own_count`).
pub fn is_weak<K>(n: &Neighbour<K>, own_count: usize, p: &CandidateParams) -> bool {
    let smaller = own_count.min(n.fingerprint_count).max(1);
    (n.shared.len() as f32) < p.weak_fraction * smaller as f32
}

/// For every fingerprint carried by at least two weakly related neighbours,
/// the first `max_carriers_checked` of them (indices into `neighbours`, which
/// are sorted by key, so the earliest first).
pub fn weak_carriers<K>(
    own_count: usize,
    neighbours: &[Neighbour<K>],
    p: &CandidateParams,
) -> FastMap<u64, Vec<usize>> {
    carriers_where(neighbours, |i| is_weak(&neighbours[i], own_count, p), p)
}

/// Neighbours that may carry furniture, by fingerprint, in two groups judged
/// apart: weakly related neighbours ([`weak_carriers`]), and neighbours on
/// the new article's own site however much they share ([`site_carriers`]).
#[derive(Debug, Default)]
pub struct Carriers {
    pub weak: FastMap<u64, Vec<usize>>,
    pub own_site: FastMap<u64, Vec<usize>>,
}

impl Carriers {
    /// Every neighbour (index) in either group.
    pub fn neighbours(&self) -> impl Iterator<Item = usize> + '_ {
        self.weak
            .values()
            .chain(self.own_site.values())
            .flatten()
            .copied()
    }
}

/// For every fingerprint carried by at least two neighbours on the new
/// article's own site (`on_own_site(i)`), the first `max_carriers_checked`
/// of them. A site's blurb can be most of a short page of that site, and
/// every other page of the site then looks like a copy of it (at a million
/// articles these were nearly all the false pairs); unrelated pages of one
/// site sharing a passage are that site's furniture. Kept apart from the
/// weak carriers: a page of the site quoting a passage that pages of other
/// sites also quote is not thereby furniture.
pub fn site_carriers<K>(
    neighbours: &[Neighbour<K>],
    on_own_site: impl Fn(usize) -> bool,
    p: &CandidateParams,
) -> FastMap<u64, Vec<usize>> {
    carriers_where(neighbours, on_own_site, p)
}

/// For every fingerprint shared by at least two neighbours that `keep`
/// admits, the first `max_carriers_checked` of them.
fn carriers_where<K>(
    neighbours: &[Neighbour<K>],
    keep: impl Fn(usize) -> bool,
    p: &CandidateParams,
) -> FastMap<u64, Vec<usize>> {
    let mut by: FastMap<u64, Vec<usize>> = FastMap::default();
    for (i, n) in neighbours.iter().enumerate() {
        if !keep(i) {
            continue;
        }
        for h in &n.shared {
            let v = by.entry(*h).or_default();
            if v.len() < p.max_carriers_checked {
                v.push(i);
            }
        }
    }
    by.retain(|_, v| v.len() >= 2);
    by
}

/// True when two sorted fingerprint sets share at least `fraction` of the
/// smaller one. Stops as soon as the verdict is known.
fn related_fast(x: &[u64], y: &[u64], fraction: f32) -> bool {
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

/// The new article's fingerprints that are furniture in this neighbourhood,
/// and the pairs of unrelated neighbours that carry them.
///
/// A fingerprint is furniture when three weakly related neighbours that are
/// mutually unrelated all carry it: a site's blurb on pages about different
/// things. (Two are not enough: an excerpt quoted by two unrelated articles
/// is reuse.) Text shared by the copies of one story (which are
/// related to each other) is never furniture, however many copies there are,
/// so an excerpt of a much-copied story still counts. `prints(key)` gives a
/// neighbour's whole fingerprint set.
pub fn furniture<'a, K: Clone + Ord>(
    own_count: usize,
    neighbours: &[Neighbour<K>],
    on_own_site: impl Fn(usize) -> bool,
    prints: impl Fn(&K) -> Option<&'a [u64]>,
    p: &CandidateParams,
) -> (HashSet<u64>, Vec<(K, K)>) {
    let carriers = Carriers {
        weak: weak_carriers(own_count, neighbours, p),
        own_site: site_carriers(neighbours, on_own_site, p),
    };
    furniture_of_carriers(&carriers, neighbours, prints, p)
}

/// [`furniture`] given the neighbours' [`Carriers`], for a caller that
/// already computed them.
pub fn furniture_of_carriers<'a, K: Clone + Ord>(
    carriers: &Carriers,
    neighbours: &[Neighbour<K>],
    prints: impl Fn(&K) -> Option<&'a [u64]>,
    p: &CandidateParams,
) -> (HashSet<u64>, Vec<(K, K)>) {
    let mut memo: FastMap<(usize, usize), bool> = FastMap::default();
    let mut furniture = HashSet::new();
    let mut unrelated: Vec<(K, K)> = Vec::new();
    for group in [&carriers.weak, &carriers.own_site] {
        furniture_of_group(
            group,
            neighbours,
            &prints,
            p,
            &mut memo,
            &mut furniture,
            &mut unrelated,
        );
    }
    (furniture, unrelated)
}

/// One group of carriers: a fingerprint is furniture when enough of its
/// carriers are mutually unrelated.
fn furniture_of_group<'a, K: Clone + Ord>(
    carriers: &FastMap<u64, Vec<usize>>,
    neighbours: &[Neighbour<K>],
    prints: &impl Fn(&K) -> Option<&'a [u64]>,
    p: &CandidateParams,
    memo: &mut FastMap<(usize, usize), bool>,
    furniture: &mut HashSet<u64>,
    unrelated: &mut Vec<(K, K)>,
) {
    let mut hashes: Vec<&u64> = carriers.keys().collect();
    hashes.sort_unstable();
    for h in hashes {
        // Mutually unrelated carriers, the earliest first (greedy).
        let mut reps: Vec<usize> = Vec::new();
        for &i in &carriers[h] {
            let free = reps.iter().all(|&j| {
                !*memo.entry((j, i)).or_insert_with(|| {
                    match (prints(&neighbours[j].key), prints(&neighbours[i].key)) {
                        (Some(a), Some(b)) => related_fast(a, b, p.related_fraction),
                        _ => true,
                    }
                })
            });
            if free {
                reps.push(i);
            }
        }
        if reps.len() < p.furniture_neighbours {
            continue;
        }
        furniture.insert(*h);
        for (x, &i) in reps.iter().enumerate() {
            for &j in &reps[x + 1..] {
                let pair = (neighbours[i].key.clone(), neighbours[j].key.clone());
                if !unrelated.contains(&pair) {
                    unrelated.push(pair);
                }
            }
        }
    }
}

/// Neighbours worth aligning: enough shared fingerprints beyond furniture.
pub fn candidates<'a, K>(
    neighbours: &'a [Neighbour<K>],
    furniture: &'a HashSet<u64>,
    p: &CandidateParams,
) -> impl Iterator<Item = &'a Neighbour<K>> + 'a {
    let min = p.min_shared_fingerprints;
    neighbours
        .iter()
        .filter(move |n| n.shared.iter().filter(|h| !furniture.contains(h)).count() >= min)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain merge count without early exits: the reference
    /// `related_fast` must agree with.
    fn related(x: &[u64], y: &[u64], fraction: f32) -> bool {
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

    fn n(key: u32, shared: &[u64], count: usize) -> Neighbour<u32> {
        Neighbour {
            key,
            shared: shared.to_vec(),
            fingerprint_count: count,
        }
    }

    #[test]
    fn footer_on_unrelated_pages_is_furniture() {
        // Fingerprints 1..=3 are a footer on two unrelated pages of 100 prints.
        let ns = [
            n(1, &[1, 2, 3], 100),
            n(2, &[1, 2, 3], 100),
            n(3, &[1, 2, 3], 100),
        ];
        let pages: Vec<Vec<u64>> = (0..4u64)
            .map(|k| (1..=3).chain(1000 * (k + 1)..1000 * (k + 1) + 97).collect())
            .collect();
        let prints = |k: &u32| Some(&pages[*k as usize][..]);
        let (f, unrelated) = furniture(100, &ns, |_| false, prints, &CandidateParams::default());
        assert_eq!(f.len(), 3);
        assert_eq!(unrelated, vec![(1, 2), (1, 3), (2, 3)]);
        assert_eq!(candidates(&ns, &f, &CandidateParams::default()).count(), 0);
    }

    #[test]
    fn text_shared_by_many_copies_is_not_furniture() {
        let all: Vec<u64> = (0..50).collect();
        let ns: Vec<_> = (0..10).map(|k| n(k, &all, 50)).collect();
        let (f, _) = furniture(
            50,
            &ns,
            |_| false,
            |_| Some(&all[..]),
            &CandidateParams::default(),
        );
        assert!(f.is_empty());
        assert_eq!(candidates(&ns, &f, &CandidateParams::default()).count(), 10);
    }

    #[test]
    fn an_excerpt_of_a_copied_story_is_not_furniture() {
        // The new article quotes 2 paragraphs (fingerprints 1..=5) of a story
        // stored in three related copies: weakly related to the new article,
        // but related to each other.
        let story: Vec<u64> = (1..=60).collect();
        let ns: Vec<_> = (0..3).map(|k| n(k, &[1, 2, 3, 4, 5], 60)).collect();
        let (f, _) = furniture(
            80,
            &ns,
            |_| false,
            |_| Some(&story[..]),
            &CandidateParams::default(),
        );
        assert!(f.is_empty());
        assert_eq!(candidates(&ns, &f, &CandidateParams::default()).count(), 3);
    }

    /// A short page of 10 fingerprints, 6 of them its site's blurb (1..=6),
    /// which three unrelated longer pages carry: each shares 60% of the
    /// page, too much to be weakly related. On the page's own site they are
    /// its site's furniture; on three other sites they are three articles
    /// quoting the same passage the page quotes, which is reuse.
    #[test]
    fn a_sites_blurb_that_is_most_of_a_short_page_is_furniture() {
        let blurb: Vec<u64> = (1..=6).collect();
        let ns: Vec<_> = (0..3).map(|k| n(k, &blurb, 100)).collect();
        let pages: Vec<Vec<u64>> = (0..3u64)
            .map(|k| (1..=6).chain(1000 * (k + 1)..1000 * (k + 1) + 94).collect())
            .collect();
        let prints = |k: &u32| Some(&pages[*k as usize][..]);
        let p = CandidateParams::default();
        let (f, unrelated) = furniture(10, &ns, |_| true, prints, &p);
        assert_eq!(f, blurb.iter().copied().collect());
        assert_eq!(unrelated, vec![(0, 1), (0, 2), (1, 2)]);
        assert_eq!(candidates(&ns, &f, &p).count(), 0);

        let (f, _) = furniture(10, &ns, |_| false, prints, &p);
        assert!(f.is_empty());
        assert_eq!(candidates(&ns, &f, &p).count(), 3);
    }

    /// A page of 100 fingerprints quotes a passage (1..=6) that two pages of
    /// other sites also quote (weakly related), and has a copy of its own
    /// story on its own site (1..=20, not weakly related) that carries the
    /// passage too. All three are mutually unrelated, but the groups are
    /// judged apart: two weak carriers and one of its own site make no
    /// furniture.
    #[test]
    fn own_site_and_weak_carriers_are_not_mixed() {
        let passage: Vec<u64> = (1..=6).collect();
        let story: Vec<u64> = (1..=20).collect();
        let ns = vec![n(0, &story, 24), n(1, &passage, 100), n(2, &passage, 100)];
        let pages: Vec<Vec<u64>> = vec![
            (1..=20).chain(1000..1004).collect(),
            (1..=6).chain(2000..2094).collect(),
            (1..=6).chain(3000..3094).collect(),
        ];
        let prints = |k: &u32| Some(&pages[*k as usize][..]);
        let p = CandidateParams::default();
        let (f, _) = furniture(100, &ns, |i| i == 0, prints, &p);
        assert!(f.is_empty());
        assert_eq!(candidates(&ns, &f, &p).count(), 3);
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
                    assert_eq!(related_fast(x, y, f), related(x, y, f), "{x:?} {y:?} {f}");
                }
            }
        }
    }

    #[test]
    fn hits_are_grouped_by_neighbour() {
        let g = group_hits([(5, 'b'), (1, 'a'), (3, 'b'), (5, 'b')]);
        assert_eq!(g, vec![('a', vec![1]), ('b', vec![3, 5])]);
    }
}
