//! The seeds protocol: which seeds may be run while tuning and which are
//! kept for reporting.
//!
//! - **Dev seeds** are 1–20. Anyone may run them while writing or tuning
//!   extraction, matching or tracing rules; figures on them say how well the
//!   rules fit what they were fitted to.
//! - **Report seeds** are derived from a date string ([`report_seed`]): the
//!   date a closing note is written, e.g. `--report-date 2025-07-01`. They
//!   lie in 2^32..2^33, a range nobody runs while tuning; run them only for
//!   closing notes, once the rules are frozen, and publish the date with the
//!   figures so anyone can re-run them.
//! - Any other seed is **ad hoc**: fine for exploring, not for closing
//!   figures.
//!
//! The simulator refuses no seed; it prints which class a seed is in.

use reprint_match::fingerprint::{fnv1a, mix64};

/// The dev seeds.
pub const DEV_SEEDS: std::ops::RangeInclusive<u64> = 1..=20;

/// Where report seeds lie.
pub const REPORT_SEEDS: std::ops::Range<u64> = (1 << 32)..(1 << 33);

/// The class of a seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedClass {
    Dev,
    Report,
    AdHoc,
}

impl SeedClass {
    /// The class of `seed`.
    pub fn of(seed: u64) -> SeedClass {
        if DEV_SEEDS.contains(&seed) {
            SeedClass::Dev
        } else if REPORT_SEEDS.contains(&seed) {
            SeedClass::Report
        } else {
            SeedClass::AdHoc
        }
    }

    /// One line saying what the class is for.
    pub fn describe(self) -> &'static str {
        match self {
            SeedClass::Dev => "dev seed (1-20): free to run while tuning",
            SeedClass::Report => {
                "report seed (derived from a date): for closing notes only, never while tuning"
            }
            SeedClass::AdHoc => "ad-hoc seed: neither dev nor report; not for closing figures",
        }
    }
}

/// The `index`-th report seed of `date` (any string; by convention the
/// ISO date of the closing note).
pub fn report_seed(date: &str, index: u32) -> u64 {
    let h = mix64(fnv1a(
        format!("reprint-sim report seed {date} #{index}").as_bytes(),
    ));
    REPORT_SEEDS.start + (h % (REPORT_SEEDS.end - REPORT_SEEDS.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_seeds_are_neither_dev_nor_ad_hoc() {
        for i in 0..50 {
            let s = report_seed("2025-07-01", i);
            assert_eq!(SeedClass::of(s), SeedClass::Report);
        }
        assert_ne!(report_seed("2025-07-01", 1), report_seed("2025-07-02", 1));
        assert_eq!(SeedClass::of(7), SeedClass::Dev);
        assert_eq!(SeedClass::of(21), SeedClass::AdHoc);
    }
}
