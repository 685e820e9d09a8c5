//! `reprint-sim [STORIES] [SEED] [--layouts all|html|flat] [--explain]`:
//! simulates syndication, runs every page through reprint's ingest pipeline
//! and prints the scores as JSON on standard output, the confusion between
//! credit verdicts on standard error (with `--explain`, every wrong
//! "uncredited" verdict and wrong origin with what the pages really held).

use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use clap::Parser;
use reprint_sim::seeds::{report_seed, SeedClass};
use reprint_sim::Layouts;

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum LayoutsArg {
    All,
    Html,
    Flat,
}

#[derive(Parser, Debug)]
#[command(
    about = "Simulate syndication and score reprint against the truth",
    after_help = "Seeds: 1-20 are dev seeds (run them while tuning); report seeds come from a date \
                  (--report-date 2025-07-01) and are for closing notes only."
)]
struct Args {
    /// Stories to simulate.
    #[arg(default_value_t = 200)]
    stories: usize,
    /// Seed (ignored with --report-date).
    #[arg(default_value_t = 1)]
    seed: u64,
    /// all: every layout family (HTML and flattened text); html: HTML
    /// families only; flat: the legacy generator (old seeds' corpora).
    #[arg(long, value_enum, default_value_t = LayoutsArg::All)]
    layouts: LayoutsArg,
    /// Derive a report seed from this date string instead of SEED.
    #[arg(long, value_name = "DATE")]
    report_date: Option<String>,
    /// Which report seed of the date (1, 2, 3…).
    #[arg(long, default_value_t = 1)]
    report_index: u32,
    /// List wrong "uncredited" verdicts and wrong origins on standard error.
    #[arg(long)]
    explain: bool,
    /// Also write the seed's pages (one JSONL line each, as `reprint ingest`
    /// reads them) and their truth to this directory.
    #[arg(long, value_name = "DIR")]
    dump: Option<std::path::PathBuf>,
    /// Where the PolNeAR texts are (default: ../shared/data/attribution
    /// beside the repository).
    #[arg(long, value_name = "DIR")]
    texts: Option<std::path::PathBuf>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let layouts = match args.layouts {
        LayoutsArg::All => Layouts::All,
        LayoutsArg::Html => Layouts::Html,
        LayoutsArg::Flat => Layouts::Flat,
    };
    let seed = match &args.report_date {
        Some(date) => report_seed(date, args.report_index),
        None => args.seed,
    };
    eprintln!("seed {seed}: {}", SeedClass::of(seed).describe());
    let dir = args.texts.clone().unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/attribution")
    });
    let texts = reprint_sim::texts::load(&dir).with_context(|| format!("{}", dir.display()))?;
    if texts.is_empty() {
        bail!("{}: no usable article texts", dir.display());
    }
    let started = Instant::now();
    let stories = reprint_sim::generate(layouts, seed, &texts, args.stories);
    let generated = started.elapsed().as_secs_f64();
    let order = reprint_sim::page_order(seed, &stories);
    if let Some(dir) = &args.dump {
        dump(dir, &stories, &order).with_context(|| format!("{}", dir.display()))?;
    }
    let report = reprint_sim::evaluate(&stories, Some(&order))?;
    let mut out = serde_json::to_value(&report)?;
    if let Some(o) = out.as_object_mut() {
        o.insert("seed".into(), seed.into());
        o.insert(
            "seed_class".into(),
            format!("{:?}", SeedClass::of(seed)).into(),
        );
        o.insert("layouts".into(), layouts.name().into());
        if !args.explain {
            o.remove("wrong_uncredited");
            o.remove("wrong_origins");
            o.remove("wrong_quotes");
            o.remove("mixed_clusters");
            o.remove("no_article_pages");
        }
    }
    println!("{}", serde_json::to_string_pretty(&out)?);
    eprintln!(
        "{} stories, {} pages ({} crawl(s)); generated in {generated:.1} s, all in {:.1} s",
        report.stories,
        report.pages,
        report.crawls,
        started.elapsed().as_secs_f64()
    );
    eprintln!(
        "credit verdicts, every copy, truth by row:\n{}",
        report.confusion_table()
    );
    eprintln!(
        "credit verdicts, copies of decidable stories:\n{}",
        report.decidable_confusion_table()
    );
    let seen = |t: &std::collections::BTreeMap<String, reprint_sim::eval::Seen>| {
        t.iter()
            .map(|(k, v)| format!("{k} {}/{}", v.seen, v.copies))
            .collect::<Vec<_>>()
            .join(", ")
    };
    eprintln!(
        "credits reprint saw, by place: {}",
        seen(&report.credit.seen_by_place)
    );
    eprintln!(
        "look-alikes taken for credit: {}",
        seen(&report.credit.fooled_by_lookalike)
    );
    if args.explain {
        for e in &report.wrong_uncredited {
            eprintln!(
                "wrong uncredited: story {} copy {} ({}), truth {}",
                e.story, e.copy, e.layout, e.truth
            );
            for w in &e.why {
                eprintln!("    truth: {w}");
            }
            for w in &e.evidence {
                eprintln!("    reprint: {w}");
            }
        }
        for e in &report.wrong_origins {
            eprintln!(
                "wrong origin: story {}: truth {}, reprint {}",
                e.story, e.truth, e.got
            );
            for w in &e.why {
                eprintln!("    truth: {w}");
            }
            for w in &e.evidence {
                eprintln!("    reprint: {w}");
            }
        }
    }
    Ok(())
}

/// Writes `pages.jsonl` (the pages in ingest order, as `reprint ingest`
/// reads JSONL) and `truth.jsonl` (one line per page: its story, the true
/// origin, credit, source, changes, marks and date case).
fn dump(dir: &Path, stories: &[reprint_sim::SimStory], order: &[usize]) -> Result<()> {
    use std::io::Write as _;
    std::fs::create_dir_all(dir)?;
    let mut pages = std::io::BufWriter::new(std::fs::File::create(dir.join("pages.jsonl"))?);
    for p in reprint_sim::eval::input_pages(stories, Some(order)) {
        let mut line = serde_json::json!({"id": p.id, "url": p.url, "fetched": p.fetched});
        line[if p.html { "html" } else { "text" }] = p.content.into();
        if let Some(site) = p.site {
            line["site"] = site.into();
        }
        writeln!(pages, "{line}")?;
    }
    let mut truth = std::io::BufWriter::new(std::fs::File::create(dir.join("truth.jsonl"))?);
    for (n, s) in stories.iter().enumerate() {
        for m in &s.members {
            let line = serde_json::json!({
                "story": n,
                "id": m.id,
                "site": m.site.name,
                "layout": m.layout,
                "origin": format!("{:?}", s.origin),
                "decidable": s.decidable,
                "credit": m.credit.map(|c| c.name()),
                "source": format!("{:?}", m.source),
                "hop_credit": m.hop_credit.map(|c| c.name()),
                "changes": m.changes.iter().map(|k| format!("{k:?}")).collect::<Vec<_>>(),
                "marks": m.marks.iter().map(|k| k.describe()).collect::<Vec<_>>(),
                "dates": m.date.name(),
                "published": reprint_sim::scenario::rfc3339(m.published_at),
            });
            writeln!(truth, "{line}")?;
        }
    }
    Ok(())
}
