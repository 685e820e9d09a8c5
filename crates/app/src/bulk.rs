//! The pipelined bulk ingest (`reprint ingest`): read and extract batch N+1
//! on a second thread while batch N is stored and matched, then write the
//! fingerprint backlog, trace the touched stories once and build the search
//! index. A bad page is reported on one line and skipped; a failed batch is
//! rolled back whole, leaving everything stored before it, and what was
//! committed is still indexed, traced and made searchable.

use std::path::PathBuf;

use rayon::prelude::*;
use reprint_ingest::{read_inputs, ReadOptions};
use reprint_store::{
    BatchReport, FingerprintIndexing, Finishing, NewArticle, SearchIndexing, Store, StoreError,
    StoryTracing,
};
use serde::Serialize;

use crate::page::{page_blocks, prepare_with_profile};
use reprint_extract::{ProfileOptions, SiteProfile, SiteProfileBuilder};

/// What to ingest and how.
#[derive(Debug, Clone)]
pub struct BulkIngest {
    /// Files or directories (recursive).
    pub paths: Vec<PathBuf>,
    /// Page size limit and other reading options.
    pub read: ReadOptions,
    /// Pages per transaction.
    pub batch: usize,
    /// Read the inputs twice: first to build the [`SiteProfile`] of all of
    /// them (text each site repeats across its pages), then to extract
    /// every page without its site's chrome. The profile is of the whole
    /// run's input, so it does not depend on order or `batch`.
    pub site_profile: bool,
}

/// Told what the ingest is doing, for progress output.
pub trait Progress {
    /// The store's pairs were made under older matching rules and are being
    /// recomputed: `done` of `total` articles.
    fn rematching(&mut self, done: usize, total: usize);
    /// Reading, extracting, storing and matching pages begins.
    fn started(&mut self);
    /// A page or an input could not be read or has no article: one line.
    fn failed(&mut self, line: &str);
    /// `n` more pages were stored and matched.
    fn stored(&mut self, n: usize);
    /// Storing is over: `stored` pages stored of `read` read.
    fn storing_done(&mut self, stored: usize, read: usize);
    /// A step of the last two phases (fingerprints, stories and search).
    fn finishing(&mut self, step: Finishing);
}

/// Counts of a bulk ingest.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Pages read (with or without an article).
    pub read: usize,
    /// Articles added.
    pub added: usize,
    /// Articles already stored with the same text.
    pub unchanged: usize,
    /// Articles that replaced another version under the same id.
    pub replaced: usize,
    /// Inputs or pages that failed (one line each through [`Progress::failed`]).
    pub failed: usize,
    /// Pairs added.
    pub pairs: usize,
    /// Stories traced.
    pub stories_touched: usize,
    /// Articles in the store afterwards.
    pub articles_in_db: i64,
    /// Pairs in the store afterwards.
    pub pairs_in_db: i64,
    /// Stories in the store afterwards.
    pub stories_in_db: i64,
    /// Wall time, filled in by the caller.
    pub seconds: f64,
}

impl Summary {
    fn add(&mut self, r: &BatchReport) {
        self.added += r.added;
        self.unchanged += r.unchanged;
        self.replaced += r.replaced;
        self.pairs += r.pairs;
        self.stories_touched += r.stories_touched;
    }
}

/// Why a bulk ingest stopped.
#[derive(Debug, thiserror::Error)]
pub enum BulkError {
    /// A batch failed and was rolled back (earlier batches stay).
    #[error("storing a batch of {pages} pages (rolled back)")]
    Batch {
        /// Pages in the batch.
        pages: usize,
        /// Why.
        #[source]
        source: StoreError,
    },
    /// The store failed outside a batch.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Ingests everything `job` names into `store` (see the module's
/// documentation), telling `progress` what happens.
pub fn ingest(
    store: &mut Store,
    job: &BulkIngest,
    progress: &mut impl Progress,
) -> Result<Summary, BulkError> {
    in_bulk(store, progress, |store, summary, stored, progress| {
        store_while_extracting(store, job, summary, stored, progress)
    })
}

/// Stores articles already extracted (a Spark run's `articles` table, read
/// back by `reprint.spark.load`), `batch` at a time, matching and tracing
/// them as [`ingest`] does pages: the same store as ingesting the pages.
pub fn load(
    store: &mut Store,
    articles: Vec<NewArticle>,
    batch: usize,
    progress: &mut impl Progress,
) -> Result<Summary, BulkError> {
    in_bulk(store, progress, |store, summary, stored, progress| {
        let mut articles = articles.into_iter().peekable();
        while articles.peek().is_some() {
            let pages = articles.by_ref().take(batch.max(1)).map(Ok).collect();
            let extracted = Extracted {
                unreadable: Vec::new(),
                pages,
            };
            store_batch(store, extracted, summary, stored, progress)?;
        }
        Ok(())
    })
}

/// Runs `fill` (which stores batches) as a bulk ingest: the store's pairs
/// brought up to the current rules first, indexes and stories deferred
/// during `fill` and finished after it, even when a batch failed.
fn in_bulk<P: Progress>(
    store: &mut Store,
    progress: &mut P,
    fill: impl FnOnce(&mut Store, &mut Summary, &mut usize, &mut P) -> Result<(), BulkError>,
) -> Result<Summary, BulkError> {
    store.set_story_tracer(std::sync::Arc::new(crate::stories::Tracer));
    if store.needs_rematch()? {
        // Pairs made by an older reprint, under rules that depended on the
        // order pages arrived in: recompute them before adding more.
        tracing::info!("re-matching the stored articles under the current matching rules");
        store.rematch(|done, total| progress.rematching(done, total))?;
    }
    // The full-text index is built and stories are traced once at the end,
    // not batch by batch; fingerprints are looked up in memory and written
    // in sorted flushes.
    store.set_search_indexing(SearchIndexing::Deferred);
    store.set_story_tracing(StoryTracing::Deferred);
    store.set_fingerprint_indexing(FingerprintIndexing::Deferred);
    progress.started();
    let mut summary = Summary::default();
    let mut stored_pages = 0;
    let stored = fill(store, &mut summary, &mut stored_pages, progress);
    progress.storing_done(stored_pages, summary.read);
    // Whatever was committed is indexed, traced and made searchable, even
    // when a batch failed.
    let finished = store.finish_backlogs_reporting(|step| progress.finishing(step));
    stored?;
    summary.stories_touched += finished?.0;
    let (articles, pairs, stories) = store.counts()?;
    summary.articles_in_db = articles;
    summary.pairs_in_db = pairs;
    summary.stories_in_db = stories;
    Ok(summary)
}

/// One batch as extracted: the inputs that could not be read, and per page
/// read an article or the one-line reason there is none.
struct Extracted {
    unreadable: Vec<String>,
    pages: Vec<Result<NewArticle, String>>,
}

/// Reads and extracts batch N+1 on a second thread while batch N is stored
/// and matched: extraction is parallel and storing mostly is not, so the two
/// keep both cores busy. The channel holds one batch, so memory stays at two
/// batches' worth whatever the input size. A failed batch stops the reader.
fn store_while_extracting(
    store: &mut Store,
    job: &BulkIngest,
    summary: &mut Summary,
    stored: &mut usize,
    progress: &mut impl Progress,
) -> Result<(), BulkError> {
    let batch = job.batch.max(1);
    let profile = job.site_profile.then(|| site_profile(job, batch));
    let profile = profile.as_ref();
    let (send, receive) = std::sync::mpsc::sync_channel::<Extracted>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut pending = Vec::with_capacity(batch);
            let mut unreadable = Vec::new();
            let mut inputs = read_inputs(&job.paths, &job.read).peekable();
            while let Some(item) = inputs.next() {
                match item {
                    Ok(page) => pending.push(page),
                    Err(e) => unreadable.push(e.to_string()),
                }
                if pending.len() >= batch || inputs.peek().is_none() {
                    let extracted = Extracted {
                        unreadable: std::mem::take(&mut unreadable),
                        pages: pending
                            .par_iter()
                            .map(|p| prepare_with_profile(p, profile).map_err(|e| e.to_string()))
                            .collect(),
                    };
                    pending.clear();
                    if send.send(extracted).is_err() {
                        return; // the storing side stopped on an error
                    }
                }
            }
        });
        for extracted in receive {
            store_batch(store, extracted, summary, stored, progress)?;
        }
        Ok(())
    })
}

/// The first pass of [`BulkIngest::site_profile`]: every readable page's
/// blocks, `batch` pages extracted in parallel at a time (read errors are
/// reported by the second pass).
pub fn site_profile(job: &BulkIngest, batch: usize) -> SiteProfile {
    let mut builder = SiteProfileBuilder::new(ProfileOptions::default());
    let mut inputs = read_inputs(&job.paths, &job.read).peekable();
    let mut pages = Vec::with_capacity(batch);
    while inputs.peek().is_some() {
        pages.clear();
        pages.extend(inputs.by_ref().filter_map(Result::ok).take(batch.max(1)));
        let blocks: Vec<_> = pages.par_iter().map(page_blocks).collect();
        blocks.into_iter().for_each(|b| builder.add(b));
    }
    builder.build()
}

/// Stores one extracted batch as one transaction, reporting pages without
/// an article.
fn store_batch(
    store: &mut Store,
    extracted: Extracted,
    summary: &mut Summary,
    stored: &mut usize,
    progress: &mut impl Progress,
) -> Result<(), BulkError> {
    for line in &extracted.unreadable {
        summary.failed += 1;
        progress.failed(line);
    }
    summary.read += extracted.pages.len();
    let mut batch: Vec<NewArticle> = Vec::with_capacity(extracted.pages.len());
    for page in extracted.pages {
        match page {
            Ok(a) => batch.push(a),
            Err(line) => {
                summary.failed += 1;
                progress.failed(&line);
            }
        }
    }
    if batch.is_empty() {
        return Ok(());
    }
    let report = store
        .ingest_batch(&batch)
        .map_err(|source| BulkError::Batch {
            pages: batch.len(),
            source,
        })?;
    summary.add(&report);
    *stored += batch.len();
    progress.stored(batch.len());
    Ok(())
}
