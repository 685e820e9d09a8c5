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

use std::collections::{HashMap, HashSet};

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
    /// fingerprints is "weakly related".
    pub weak_fraction: f32,
    /// A fingerprint carried by at least this many weakly related neighbours
    /// is furniture.
    pub furniture_neighbours: usize,
    /// Neighbours sharing fewer non-furniture fingerprints than this are not
    /// aligned at all.
    pub min_shared_fingerprints: usize,
}

impl Default for CandidateParams {
    fn default() -> Self {
        CandidateParams {
            weak_fraction: 0.2,
            furniture_neighbours: 2,
            min_shared_fingerprints: 2,
        }
    }
}

/// Groups raw index hits `(fingerprint, neighbour)` by neighbour.
pub fn group_hits<K: Clone + Eq + std::hash::Hash + Ord>(
    hits: impl IntoIterator<Item = (u64, K)>,
) -> Vec<(K, Vec<u64>)> {
    let mut by: HashMap<K, Vec<u64>> = HashMap::new();
    for (h, k) in hits {
        by.entry(k).or_default().push(h);
    }
    let mut out: Vec<(K, Vec<u64>)> = by.into_iter().collect();
    out.sort_by(|x, y| x.0.cmp(&y.0));
    for (_, v) in out.iter_mut() {
        v.sort_unstable();
        v.dedup();
    }
    out
}

fn is_weak<K>(n: &Neighbour<K>, own_count: usize, p: &CandidateParams) -> bool {
    let smaller = own_count.min(n.fingerprint_count).max(1);
    (n.shared.len() as f32) < p.weak_fraction * smaller as f32
}

/// The new article's fingerprints that are furniture in this neighbourhood.
pub fn furniture<K>(
    own_count: usize,
    neighbours: &[Neighbour<K>],
    p: &CandidateParams,
) -> HashSet<u64> {
    let mut weak_hits: HashMap<u64, usize> = HashMap::new();
    for n in neighbours.iter().filter(|n| is_weak(n, own_count, p)) {
        for h in &n.shared {
            *weak_hits.entry(*h).or_insert(0) += 1;
        }
    }
    weak_hits
        .into_iter()
        .filter(|(_, c)| *c >= p.furniture_neighbours)
        .map(|(h, _)| h)
        .collect()
}

/// Neighbours worth aligning: enough shared fingerprints beyond furniture.
pub fn candidates<'a, K>(
    neighbours: &'a [Neighbour<K>],
    furniture: &HashSet<u64>,
    p: &CandidateParams,
) -> impl Iterator<Item = &'a Neighbour<K>> + 'a {
    let furniture = furniture.clone();
    let min = p.min_shared_fingerprints;
    neighbours
        .iter()
        .filter(move |n| n.shared.iter().filter(|h| !furniture.contains(h)).count() >= min)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let ns = [n(1, &[1, 2, 3], 100), n(2, &[1, 2, 3], 100)];
        let f = furniture(100, &ns, &CandidateParams::default());
        assert_eq!(f.len(), 3);
        assert_eq!(candidates(&ns, &f, &CandidateParams::default()).count(), 0);
    }

    #[test]
    fn text_shared_by_many_copies_is_not_furniture() {
        let all: Vec<u64> = (0..50).collect();
        let ns: Vec<_> = (0..10).map(|k| n(k, &all, 50)).collect();
        let f = furniture(50, &ns, &CandidateParams::default());
        assert!(f.is_empty());
        assert_eq!(candidates(&ns, &f, &CandidateParams::default()).count(), 10);
    }

    #[test]
    fn hits_are_grouped_by_neighbour() {
        let g = group_hits([(5, 'b'), (1, 'a'), (3, 'b'), (5, 'b')]);
        assert_eq!(g, vec![('a', vec![1]), ('b', vec![3, 5])]);
    }
}
