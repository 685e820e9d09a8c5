//! `reprint ingest PATH...`: the bulk ingest of `reprint_app::bulk` (read
//! and extract in parallel, then store and match batch by batch), with its
//! progress shown. A bad page is reported on one line and skipped; a failed
//! batch is rolled back whole, leaving everything stored before it.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use reprint_app::bulk::{self, BulkIngest, Summary};
use reprint_ingest::ReadOptions;
use reprint_store::Finishing;

use super::Context;
use crate::output;

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
    /// Read the inputs twice: first to learn the text each site repeats
    /// across its pages (its chrome: newsletter and subscription boxes,
    /// about-us blurbs, consent notices), then to extract every page
    /// without it. Costs a second extraction of every page.
    #[arg(long)]
    site_profile: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let mut store = reprint_app::stories::open(&ctx.db)?;
    let job = BulkIngest {
        paths: args.paths,
        read: ReadOptions {
            max_page_bytes: args.max_page_mb.saturating_mul(1024 * 1024),
        },
        batch: args.batch,
        site_profile: args.site_profile,
    };
    let mut shown = Shown::default();
    let result = bulk::ingest(&mut store, &job, &mut shown);
    if let Some(bar) = &shown.bar {
        bar.finish_and_clear();
    }
    let mut summary = result?;
    summary.seconds = started.elapsed().as_secs_f64();
    print_summary(ctx, &summary)?;
    Ok(if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The progress shown: a re-matching bar when an older store is
/// re-matched, then the three phases' spinner line.
#[derive(Default)]
struct Shown {
    rematch: Option<ProgressBar>,
    bar: Option<ProgressBar>,
}

impl bulk::Progress for Shown {
    fn rematching(&mut self, done: usize, total: usize) {
        let bar = self.rematch.get_or_insert_with(|| {
            if std::io::stderr().is_terminal() {
                ProgressBar::new(0).with_style(
                    ProgressStyle::with_template(
                        "re-matching stored articles {pos}/{len} {elapsed}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                )
            } else {
                ProgressBar::hidden()
            }
        });
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }

    fn started(&mut self) {
        if let Some(bar) = self.rematch.take() {
            bar.finish_and_clear();
        }
        self.bar = Some(progress_bar());
    }

    fn failed(&mut self, line: &str) {
        let say = || output::eprintln(&format!("error: {line}"));
        match &self.bar {
            Some(bar) => bar.suspend(say),
            None => say(),
        }
    }

    fn stored(&mut self, n: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(n as u64);
        }
    }

    fn storing_done(&mut self, stored: usize, read: usize) {
        tracing::info!("[1/3] stored {stored} of {read} pages read");
    }

    fn finishing(&mut self, step: Finishing) {
        if let Some(bar) = &self.bar {
            show_finishing(bar, step);
        }
    }
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
