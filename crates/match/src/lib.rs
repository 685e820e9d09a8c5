//! reprint-match: finds the text two articles share.
//!
//! The pipeline, in the spirit of passim, with each stage a module:
//! 1. [`fingerprint`]: words → 5-word shingles → winnowed fingerprints
//!    (the minimum hash of every window of 10 shingles: a local MinHash that
//!    guarantees any shared passage of 14+ words shares a fingerprint, which
//!    whole-document MinHash cannot promise for a 2-paragraph excerpt).
//! 2. [`candidates`]: fingerprint hits from the index (kept by the store,
//!    or during a bulk ingest in a [`memory_index`]) → neighbours;
//!    fingerprints that unrelated neighbours share are furniture.
//! 3. [`align`]: maximal runs of equal shingles, chosen without overlap (moved
//!    paragraphs align), joined across small edits, with character offsets.
//! 4. [`pair`]: the verdict — copy, partial reuse, or nothing — with shares.
//!
//! Everything here is pure computation on text; storage lives in
//! `reprint-store`.

pub mod align;
pub mod candidates;
pub mod fasthash;
pub mod fingerprint;
pub mod memory_index;
pub mod pair;

pub use align::{CharSpan, Passage};
pub use candidates::{CandidateParams, Neighbour};
pub use fingerprint::{TextPrint, SCHEME};
pub use memory_index::MemoryIndex;
pub use pair::{compare, MatchParams, PairMatch, ReuseKind};
