//! reprint-match: finds the text articles share, over any [`Corpus`].
//!
//! The pipeline, in the spirit of passim, with each stage a module:
//! 1. [`fingerprint`]: words → 5-word shingles → winnowed fingerprints
//!    (the minimum hash of every window of 10 shingles: a local MinHash that
//!    guarantees any shared passage of 14+ words shares a fingerprint, which
//!    whole-document MinHash cannot promise for a 2-paragraph excerpt).
//! 2. [`matcher`]: a batch of new articles against a [`Corpus`] (the
//!    articles already seen: the store's tables, a bulk ingest's
//!    [`memory_index`], or a [`MemoryCorpus`]) — common text and each
//!    site's furniture, candidates, alignment, and the stored pairs a batch
//!    changes, so that the pairs are a function of the articles alone,
//!    whatever their order.
//! 3. [`align`]: maximal runs of equal shingles, chosen without overlap (moved
//!    paragraphs align), joined across small edits, with character offsets.
//! 4. [`pair`]: the verdict — copy, partial reuse, or nothing — with shares.
//!
//! Everything here is computation on text and on what a [`Corpus`] answers;
//! nothing knows how a corpus is kept (no SQLite).

pub mod align;
pub mod corpus;
pub mod fasthash;
pub mod fingerprint;
pub mod matcher;
pub mod memory_corpus;
pub mod memory_index;
pub mod pair;
pub mod quotation;

pub use align::{CharSpan, Passage};
pub use corpus::{ident_of, site_identity, Corpus, CorpusText, Key, Posting, SiteId};
pub use fingerprint::{TextPrint, SCHEME};
pub use matcher::{
    furniture_of_site, match_batch, BatchMatches, CandidateParams, MatcherParams, NewArticle,
    Revision,
};
pub use memory_corpus::{Document, MemoryCorpus};
pub use memory_index::MemoryIndex;
pub use pair::{compare, MatchParams, PairMatch, ReuseKind};
