//! `reprint ingest PATH...`: read, extract (in parallel), then store and
//! match batch by batch. A bad page is reported on one line and skipped; a
//! failed batch is rolled back whole, leaving everything stored before it.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use reprint_ingest::{read_inputs, ReadOptions};
use reprint_store::{
    BatchReport, FingerprintIndexing, Finishing, NewArticle, SearchIndexing, Store, StoryTracing,
};
use serde::Serialize;

use super::Context;
use crate::output;
use crate::page::prepare;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories (recursive): .html/.htm (.gz), .txt/.md, .jsonl, .warc/.warc.gz.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Refuse pages larger than this many megabytes (after decompression).
    #[arg(long, default_value_t = 20, value_name = "MB")]
    max_page_mb: usize,
    /// Pages per transaction.
    #[arg(long, default_value_t = 500, value_name = "N")]
    batch: usize,
}

#[derive(Debug, Default, Serialize)]
struct Summary {
    read: usize,
    added: usize,
    unchanged: usize,
    replaced: usize,
    failed: usize,
    pairs: usize,
    stories_touched: usize,
    articles_in_db: i64,
    pairs_in_db: i64,
    stories_in_db: i64,
    seconds: f64,
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

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let mut store = Store::open(&ctx.db)?;
    if store.needs_rematch()? {
        // Pairs made by an older reprint, under rules that depended on the
        // order pages arrived in: recompute them before adding more.
        tracing::info!("re-matching the stored articles under the current matching rules");
        let bar = if std::io::stderr().is_terminal() {
            ProgressBar::new(0).with_style(
                ProgressStyle::with_template("re-matching stored articles {pos}/{len} {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            )
        } else {
            ProgressBar::hidden()
        };
        store.rematch(|done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        })?;
        bar.finish_and_clear();
    }
    // The full-text index is built and stories are traced once at the end,
    // not batch by batch; fingerprints are looked up in memory and written
    // in sorted flushes.
    store.set_search_indexing(SearchIndexing::Deferred);
    store.set_story_tracing(StoryTracing::Deferred);
    store.set_fingerprint_indexing(FingerprintIndexing::Deferred);
    let opts = ReadOptions {
        max_page_bytes: args.max_page_mb.saturating_mul(1024 * 1024),
    };
    let progress = progress_bar();
    let mut summary = Summary::default();
    let stored = store_while_extracting(&mut store, &args, &opts, &mut summary, &progress);
    tracing::info!(
        "[1/3] stored {} of {} pages read",
        progress.position(),
        summary.read
    );
    // Whatever was committed is indexed, traced and made searchable, even
    // when a batch failed.
    let finished = store.finish_backlogs_reporting(|step| show_finishing(&progress, step));
    stored?;
    summary.stories_touched += finished?.0;
    progress.finish_and_clear();
    let (articles, pairs, stories) = store.counts()?;
    summary.articles_in_db = articles;
    summary.pairs_in_db = pairs;
    summary.stories_in_db = stories;
    summary.seconds = started.elapsed().as_secs_f64();
    print_summary(ctx, &summary)?;
    Ok(if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
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
    args: &Args,
    opts: &ReadOptions,
    summary: &mut Summary,
    progress: &ProgressBar,
) -> Result<()> {
    let batch = args.batch.max(1);
    let (send, receive) = std::sync::mpsc::sync_channel::<Extracted>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut pending = Vec::with_capacity(batch);
            let mut unreadable = Vec::new();
            let mut inputs = read_inputs(&args.paths, opts).peekable();
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
                            .map(|p| prepare(p).map_err(|e| e.to_string()))
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
            store_batch(store, extracted, summary, progress)?;
        }
        Ok(())
    })
}

/// Stores one extracted batch as one transaction, reporting pages without
/// an article.
fn store_batch(
    store: &mut Store,
    extracted: Extracted,
    summary: &mut Summary,
    progress: &ProgressBar,
) -> Result<()> {
    for line in &extracted.unreadable {
        report_failure(progress, summary, line);
    }
    summary.read += extracted.pages.len();
    let mut batch: Vec<NewArticle> = Vec::with_capacity(extracted.pages.len());
    for page in extracted.pages {
        match page {
            Ok(a) => batch.push(a),
            Err(line) => report_failure(progress, summary, &line),
        }
    }
    if batch.is_empty() {
        return Ok(());
    }
    let report = store
        .ingest_batch(&batch)
        .with_context(|| format!("storing a batch of {} pages (rolled back)", batch.len()))?;
    summary.add(&report);
    progress.inc(batch.len() as u64);
    Ok(())
}

fn report_failure(progress: &ProgressBar, summary: &mut Summary, line: &str) {
    summary.failed += 1;
    progress.suspend(|| output::eprintln(&format!("error: {line}")));
}

/// The three phases of an ingest, each labelled `[k/3]` with its count and
/// total: storing and matching pages (counted as they are stored; their
/// total is known only when the inputs are read to the end), then writing
/// the fingerprint backlog, then tracing stories while the search index is
/// built. On a terminal a spinner line shows the phase; each phase's start
/// is also logged (`-v`), for runs whose stderr is a file.
fn progress_bar() -> ProgressBar {
    tracing::info!("[1/3] storing and matching pages");
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(style(
        "{spinner} [1/3] storing and matching pages: {pos} stored ({per_sec}) {elapsed}",
    ));
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// Shows a step of the last two phases (see [`progress_bar`]).
fn show_finishing(bar: &ProgressBar, step: Finishing) {
    let line = match step {
        Finishing::Fingerprints { articles } => {
            bar.set_style(style("{spinner} {msg} {elapsed}"));
            format!("[2/3] writing the fingerprint index: the postings of {articles} articles")
        }
        Finishing::Grouping { articles } => {
            format!("[3/3] tracing stories: grouping the {articles} articles touched")
        }
        Finishing::Stories {
            done,
            parts,
            indexed,
            to_index,
        } => format!(
            "[3/3] tracing stories: {done} of {parts} parts traced; \
             search index: {indexed} of {to_index} articles"
        ),
    };
    // A store of millions has thousands of parts: log only the ends.
    let ends = !matches!(step, Finishing::Stories { done, parts, .. } if done > 0 && done < parts);
    if ends {
        tracing::info!("{line}");
    } else {
        tracing::debug!("{line}");
    }
    bar.set_message(line);
}

fn print_summary(ctx: &Context, s: &Summary) -> Result<()> {
    if ctx.json {
        output::println(&serde_json::to_string_pretty(s)?)?;
        return Ok(());
    }
    output::println(&format!(
        "read {} pages in {:.1}s: {} added, {} unchanged, {} replaced, {} failed; {} new pairs, {} stories updated",
        s.read,
        s.seconds,
        s.added,
        s.unchanged,
        s.replaced,
        s.failed,
        s.pairs,
        s.stories_touched
    ))?;
    output::println(&format!(
        "{}: {} articles, {} pairs, {} stories",
        ctx.db.display(),
        s.articles_in_db,
        s.pairs_in_db,
        s.stories_in_db
    ))?;
    Ok(())
}
