//! reprint-sim: a seeded syndication simulator with ground truth. It builds
//! stories from real article texts (`../shared/data/attribution`), copies
//! them across invented sites with credit behaviours, licences, edits
//! (headline, cuts, inserts, moves, altered quotes and numbers), proxies,
//! missing and wrong dates and site furniture, renders every page as a
//! scraper would flatten it, and scores reprint's origin, credit and change
//! verdicts against the truth beside the "earliest date" rule ([`eval`]).
//!
//! The truth is decided in [`scenario`] from what was simulated, never by
//! calling the tracer.

pub mod eval;
pub mod rng;
pub mod scenario;
pub mod texts;

pub use eval::{evaluate, Report};
pub use scenario::{generate, SimStory};
