//! reprint-sim: a seeded syndication simulator with ground truth, meant as
//! an evaluator that can surprise the code it checks.
//!
//! It builds stories from real article texts (`../shared/data/attribution`),
//! copies them across invented sites and real wire services with credit
//! behaviours, licences and terms, licensed partners, edits (headline,
//! kicker, rewritten lede, cuts, inserts, moves, altered quotes, quotes given
//! to another speaker, changed names and numbers), proxies and excerpts, and
//! renders every page through a site template drawn at random per seed
//! ([`layout`]): HTML in several markup families with chrome everywhere, or
//! a flattened text page. Credit lines, photo credits and site chrome that
//! names outlets sit in drawn places; dates come in drawn forms, sometimes
//! missing, stale or contradicting each other ([`scenario`]). All pages of a
//! seed go through the same path `reprint ingest` takes ([`pipeline`]) and
//! the stories read back are scored against the truth ([`eval`]).
//!
//! The truth is decided in [`scenario`] from what was simulated, never by
//! calling the tracer. The forms it draws come from real pages and
//! republishing guidelines, not from reprint's extractor.
//!
//! # Seeds protocol
//!
//! Dev seeds are 1–20: run them while tuning. Report seeds are derived from
//! a date string (`reprint-sim --report-date 2025-07-01`, [`seeds`]) and lie
//! in 2^32..2^33: run them only for closing notes, never while tuning. The
//! legacy generator (`--layouts flat`) keeps its old seeds' corpora.

pub mod eval;
pub mod layout;
pub mod pipeline;
pub mod rng;
pub mod scenario;
pub mod seeds;
pub mod texts;
pub mod world;

pub use eval::{evaluate, Report};
pub use scenario::SimStory;

/// Which generator and layouts a run uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layouts {
    /// The legacy generator: flattened text pages only, old seeds' corpora.
    Flat,
    /// The laid-out world, every layout family (the flattened text page
    /// one family among them).
    All,
    /// The laid-out world, HTML families only.
    Html,
}

impl Layouts {
    /// The name `--layouts` takes.
    pub fn name(self) -> &'static str {
        match self {
            Layouts::Flat => "flat",
            Layouts::All => "all",
            Layouts::Html => "html",
        }
    }
}

/// Generates a seed's stories.
pub fn generate(
    layouts: Layouts,
    seed: u64,
    texts: &[texts::SourceText],
    stories: usize,
) -> Vec<SimStory> {
    match layouts {
        Layouts::Flat => {
            let mut rng = rng::Rng::new(seed);
            scenario::legacy::generate(&mut rng, texts, stories)
        }
        Layouts::All => world::generate(seed, texts, stories, layout::Families::All),
        Layouts::Html => world::generate(seed, texts, stories, layout::Families::Html),
    }
}

/// The order a seed's pages reach the pipeline: shuffled by the seed, as a
/// crawl delivers them (origins need not come first).
pub fn page_order(seed: u64, stories: &[SimStory]) -> Vec<usize> {
    let n: usize = stories.iter().map(|s| s.members.len()).sum();
    let mut order: Vec<usize> = (0..n).collect();
    rng::Rng::fork(seed, "page order").shuffle(&mut order);
    order
}
