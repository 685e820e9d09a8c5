//! The fingerprint index held in memory: fingerprint → article keys, for a
//! bulk ingest that would otherwise probe and grow an on-disk B-tree with
//! every batch.
//!
//! Why by hand: a million-article corpus has ~120 million postings, and a
//! batch's fingerprints are spread uniformly over the whole index, so a
//! B-tree (SQLite's, or an embedded key-value crate's) reads and rewrites
//! most of its leaf pages for every batch and per-article cost grows with the
//! corpus. Postings of uniform 64-bit hashes need nothing a general map
//! offers: sorted arrays, 12 bytes a posting, looked up through a directory
//! on the top bits of the hash, and grown as sorted runs merged like a
//! log-structured merge tree (a new run per batch; a run is merged into the
//! one before it once it is at least half its size), so each posting is
//! copied O(log n) times and a look-up visits O(log n) runs.
//!
//! Keys are `u32`: article keys in a store start at 1 and count up, and four
//! billion articles are far beyond one machine.

/// Marks a removed posting; merges drop it.
const REMOVED: u32 = u32::MAX;

/// Fingerprint postings in sorted runs, and each held key's fingerprint count.
#[derive(Debug, Default)]
pub struct MemoryIndex {
    /// Oldest and largest first.
    runs: Vec<Run>,
    /// Fingerprints per key (index = key); 0 for keys not held.
    counts: Vec<u32>,
    /// Live postings.
    live: usize,
}

impl MemoryIndex {
    pub fn new() -> MemoryIndex {
        MemoryIndex::default()
    }

    /// Adds postings `(fingerprint, key)` as one run; a key's postings must
    /// all come in one call (its fingerprint count is their number).
    pub fn add(&mut self, mut postings: Vec<(u64, u32)>) {
        if postings.is_empty() {
            return;
        }
        postings.sort_unstable();
        postings.dedup();
        for &(_, key) in &postings {
            let k = key as usize;
            if k >= self.counts.len() {
                self.counts.resize(k + 1, 0);
            }
            self.counts[k] += 1;
        }
        self.live += postings.len();
        self.runs.push(Run::new(
            postings.iter().map(|p| p.0).collect(),
            postings.iter().map(|p| p.1).collect(),
        ));
        while self.runs.len() >= 2 {
            let n = self.runs.len();
            if self.runs[n - 1].len() * 2 < self.runs[n - 2].len() {
                break;
            }
            let newer = self.runs.pop().expect("two runs");
            let older = self.runs.pop().expect("two runs");
            self.runs.push(Run::merge(older, newer));
        }
    }

    /// Removes `key`'s postings of `fingerprints` (its whole set).
    pub fn remove(&mut self, key: u32, fingerprints: &[u64]) {
        for run in &mut self.runs {
            for &h in fingerprints {
                let range = run.range(h);
                for i in range {
                    if run.keys[i] == key {
                        run.keys[i] = REMOVED;
                        self.live -= 1;
                    }
                }
            }
        }
        if let Some(c) = self.counts.get_mut(key as usize) {
            *c = 0;
        }
    }

    /// Appends the keys holding `fingerprint` to `out`.
    pub fn postings(&self, fingerprint: u64, out: &mut Vec<u32>) {
        self.postings_up_to(fingerprint, usize::MAX, out);
    }

    /// Appends at most `limit` of the keys holding `fingerprint` to `out`:
    /// a caller that drops fingerprints held by more than some number of
    /// keys need not copy the tens of thousands a stock phrase has.
    pub fn postings_up_to(&self, fingerprint: u64, limit: usize, out: &mut Vec<u32>) {
        let mut left = limit;
        for run in &self.runs {
            let before = out.len();
            out.extend(
                run.range(fingerprint)
                    .map(|i| run.keys[i])
                    .filter(|&k| k != REMOVED)
                    .take(left),
            );
            left -= out.len() - before;
            if left == 0 {
                return;
            }
        }
    }

    /// How many fingerprints `key` has, if its postings are held.
    pub fn fingerprint_count(&self, key: u32) -> Option<usize> {
        match self.counts.get(key as usize) {
            Some(&c) if c > 0 => Some(c as usize),
            _ => None,
        }
    }

    /// Live postings held.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Bytes of memory held, for logs.
    pub fn memory_bytes(&self) -> usize {
        self.runs.iter().map(Run::memory_bytes).sum::<usize>() + self.counts.len() * 4
    }
}

/// One sorted run: parallel arrays of fingerprints and keys, and a
/// directory of where each value of the fingerprint's top bits starts
/// (positions are `u32`: a run holds fewer than 2³² postings). Fingerprints are uniform, so a directory entry covers a few
/// postings and a look-up touches two or three cache lines.
#[derive(Debug)]
struct Run {
    hashes: Vec<u64>,
    keys: Vec<u32>,
    directory: Vec<u32>,
    shift: u32,
}

impl Run {
    /// `hashes` sorted, `keys` in step.
    fn new(hashes: Vec<u64>, keys: Vec<u32>) -> Run {
        // About eight postings per directory entry.
        let bits = (usize::BITS - (hashes.len() / 8).leading_zeros()).clamp(1, 28);
        let shift = 64 - bits;
        let buckets = 1usize << bits;
        let mut directory = Vec::with_capacity(buckets + 1);
        let mut i = 0usize;
        for b in 0..buckets as u64 {
            while i < hashes.len() && (hashes[i] >> shift) < b {
                i += 1;
            }
            directory.push(i as u32);
        }
        directory.push(hashes.len() as u32);
        Run {
            hashes,
            keys,
            directory,
            shift,
        }
    }

    fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Positions holding `h`.
    fn range(&self, h: u64) -> std::ops::Range<usize> {
        let b = (h >> self.shift) as usize;
        let (lo, hi) = (self.directory[b] as usize, self.directory[b + 1] as usize);
        let bucket = &self.hashes[lo..hi];
        let start = lo + bucket.partition_point(|&x| x < h);
        let end = lo + bucket.partition_point(|&x| x <= h);
        start..end
    }

    /// Both runs' live postings in one sorted run.
    fn merge(a: Run, b: Run) -> Run {
        let n = a.len() + b.len();
        let (mut hashes, mut keys) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let take_a = j == b.len()
                || (i < a.len() && (a.hashes[i], a.keys[i]) <= (b.hashes[j], b.keys[j]));
            let (h, k) = if take_a {
                i += 1;
                (a.hashes[i - 1], a.keys[i - 1])
            } else {
                j += 1;
                (b.hashes[j - 1], b.keys[j - 1])
            };
            if k != REMOVED {
                hashes.push(h);
                keys.push(k);
            }
        }
        drop((a, b));
        Run::new(hashes, keys)
    }

    fn memory_bytes(&self) -> usize {
        self.hashes.capacity() * 8 + self.keys.capacity() * 4 + self.directory.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// A deterministic stream of well-mixed values (SplitMix64).
    fn values(seed: u64) -> impl Iterator<Item = u64> {
        let mut s = seed;
        std::iter::repeat_with(move || {
            s = s.wrapping_add(0x9e37_79b9_7f4a_7c15);
            crate::fingerprint::mix64(s)
        })
    }

    fn keys_of(index: &MemoryIndex, h: u64) -> BTreeSet<u32> {
        let mut out = Vec::new();
        index.postings(h, &mut out);
        let set: BTreeSet<u32> = out.iter().copied().collect();
        assert_eq!(set.len(), out.len(), "no key twice for one fingerprint");
        set
    }

    /// Against a plain map, through many runs, merges, shared fingerprints
    /// and removals (a replaced article's key is reused, as SQLite reuses
    /// the largest rowid after a delete).
    #[test]
    fn agrees_with_a_map_through_merges_and_removals() {
        let pool: Vec<u64> = values(1).take(3000).collect();
        let mut picks = values(2);
        let mut index = MemoryIndex::new();
        let mut truth: BTreeMap<u64, BTreeSet<u32>> = BTreeMap::new();
        let mut sets: BTreeMap<u32, Vec<u64>> = BTreeMap::new();
        for batch in 0..60u32 {
            let mut postings = Vec::new();
            for key in batch * 10 + 1..=batch * 10 + 10 {
                let n = 5 + (picks.next().unwrap() % 40) as usize;
                let mut set: Vec<u64> = (0..n)
                    .map(|_| pool[(picks.next().unwrap() % pool.len() as u64) as usize])
                    .collect();
                set.sort_unstable();
                set.dedup();
                for &h in &set {
                    postings.push((h, key));
                    truth.entry(h).or_default().insert(key);
                }
                sets.insert(key, set);
            }
            index.add(postings);
            if batch % 7 == 3 {
                // Remove the newest key, then store another set under it.
                let key = batch * 10 + 10;
                let old = sets.remove(&key).unwrap();
                index.remove(key, &old);
                for h in &old {
                    truth.get_mut(h).unwrap().remove(&key);
                }
                assert_eq!(index.fingerprint_count(key), None);
                let new: Vec<u64> = pool[..3].to_vec();
                index.add(new.iter().map(|&h| (h, key)).collect());
                for &h in &new {
                    truth.entry(h).or_default().insert(key);
                }
                sets.insert(key, new);
            }
        }
        assert!(
            index.runs.len() < 12,
            "runs are merged: {}",
            index.runs.len()
        );
        for &h in &pool {
            let want = truth.get(&h).cloned().unwrap_or_default();
            assert_eq!(keys_of(&index, h), want);
        }
        assert!(keys_of(&index, 12345).is_empty());
        for &h in &pool[..50] {
            let all = keys_of(&index, h);
            let mut some = Vec::new();
            index.postings_up_to(h, 3, &mut some);
            assert_eq!(some.len(), all.len().min(3));
            assert!(some.iter().all(|k| all.contains(k)));
        }
        let live: usize = truth.values().map(|s| s.len()).sum();
        assert_eq!(index.len(), live);
        for (key, set) in &sets {
            assert_eq!(index.fingerprint_count(*key), Some(set.len()));
        }
    }

    #[test]
    fn extreme_fingerprints_are_found() {
        let mut index = MemoryIndex::new();
        index.add(vec![(0, 1), (u64::MAX, 1), (1 << 63, 2), (u64::MAX, 2)]);
        assert_eq!(keys_of(&index, 0), BTreeSet::from([1]));
        assert_eq!(keys_of(&index, u64::MAX), BTreeSet::from([1, 2]));
        assert_eq!(keys_of(&index, 1 << 63), BTreeSet::from([2]));
        assert!(keys_of(&index, 7).is_empty());
        assert_eq!(index.fingerprint_count(3), None);
        assert!(MemoryIndex::new().is_empty());
    }
}
