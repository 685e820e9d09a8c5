//! A fast hasher for the integer keys matching uses (fingerprints, article
//! keys, positions). Fingerprints are already well-mixed 64-bit hashes and
//! the maps are private to one computation, so SipHash's resistance to
//! chosen keys buys nothing here and costs a large share of candidate
//! selection. Iteration order of these maps is never relied on.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-and-fold (as in foldhash and wyhash): the high and low halves of
/// a 128-bit product, XORed, so both the low bits (the bucket) and the top
/// bits (hashbrown's tag) depend on every input bit.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher(u64);

const SEED: u64 = 0x243f_6a88_85a3_08d3;
const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

#[inline]
fn fold(x: u64, y: u64) -> u64 {
    let p = u128::from(x) * u128::from(y);
    (p as u64) ^ ((p >> 64) as u64)
}

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        fold(self.0 ^ SEED, MUL)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = fold(self.0 ^ x, MUL).rotate_left(23);
    }

    #[inline]
    fn write_i64(&mut self, x: i64) {
        self.write_u64(x as u64);
    }

    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }

    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
}

pub type FastBuild = BuildHasherDefault<FastHasher>;
pub type FastMap<K, V> = HashMap<K, V, FastBuild>;
pub type FastSet<K> = HashSet<K, FastBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn small_sequential_keys_spread_over_buckets_and_tags() {
        let b = FastBuild::default();
        let low: HashSet<u64> = (0..1024i64).map(|k| b.hash_one(k) & 1023).collect();
        let top: HashSet<u64> = (0..1024i64).map(|k| b.hash_one(k) >> 57).collect();
        assert!(low.len() > 600, "{}", low.len());
        assert_eq!(top.len(), 128);
    }
}
