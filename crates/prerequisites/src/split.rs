//! The fixed split of a benchmark into a half rules are written and tuned on
//! and a half kept for reporting (the project's "split before you tune"
//! rule): a page's half is a function of its id alone, so the benchmark
//! (`bench/extraction/run.sh`, through `examples/split.rs`) and the tests
//! agree, and adding pages never moves an old one to the other half.
//!
//! Look only at [`Half::Tune`] pages while writing a rule; a rule is kept
//! when it raises the score on [`Half::HeldOut`].

/// One of the two halves of a benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Half {
    /// Pages to read, write rules from and tune on.
    Tune,
    /// Pages not looked at while writing rules: the reported score.
    HeldOut,
}

impl Half {
    /// The name the benchmark's files and tables use (`tune`, `heldout`).
    pub fn name(self) -> &'static str {
        match self {
            Half::Tune => "tune",
            Half::HeldOut => "heldout",
        }
    }
}

/// The half a page belongs to: the top bit of a 64-bit hash of its id
/// (FNV-1a over the UTF-8 bytes, then SplitMix64's finaliser so that ids
/// differing in one digit land independently; FNV-1a's low bits alone follow
/// the digits' parity). Pinned by a test: changing it would let rules tuned
/// on one half be scored on it.
pub fn half_of(id: &str) -> Half {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in id.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    if h >> 63 == 0 {
        Half::Tune
    } else {
        Half::HeldOut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_pinned_and_balanced() {
        let halves: Vec<Half> = (0..1000).map(|n| half_of(&format!("t{n:04}"))).collect();
        let held = halves.iter().filter(|&&h| h == Half::HeldOut).count();
        assert!((450..=550).contains(&held), "{held} of 1000 held out");
        // Pinned: the first ids' halves never change.
        let first: String = halves[..16]
            .iter()
            .map(|h| if *h == Half::Tune { 't' } else { 'h' })
            .collect();
        assert_eq!(first, PINNED);
    }

    const PINNED: &str = "htththtthttthhth";
}
