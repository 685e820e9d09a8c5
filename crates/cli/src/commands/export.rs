//! `reprint export --what stories|articles|pairs --format jsonl|csv`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::ValueEnum;
use reprint_store::Store;
use serde::Serialize;

use super::Context;
use crate::view::{story_view_with, PartnersArg};
use crate::Format;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum What {
    Stories,
    Articles,
    Pairs,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, value_enum)]
    what: What,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// With `--what pairs`: also pairs that share a passage but less than
    /// half of the shorter article (partial reuse, excerpts).
    #[arg(long)]
    include_partial: bool,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// With `--what stories`.
    #[command(flatten)]
    partners: PartnersArg,
}

/// One line of `--what pairs`: `a`, `b` are the inputs' ids.
#[derive(Serialize)]
struct PairLine<'a> {
    a: &'a str,
    b: &'a str,
    shared: f64,
    kind: &'a str,
    shared_a: f64,
    shared_b: f64,
    words: i64,
    /// Aligned passages (JSONL only): `{"a": {"start", "end"}, "b": …,
    /// "words", "exact"}`, character offsets into each article's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    passages: Option<&'a [reprint_match::Passage]>,
}

/// A CSV line of `--what stories`.
#[derive(Serialize)]
struct StoryLine {
    id: i64,
    size: i64,
    origin_kind: &'static str,
    origin: String,
    confidence: f32,
    date: String,
    headline: String,
    members: String,
    /// Copies per credit verdict.
    credited: usize,
    partial: usize,
    uncredited: usize,
    licensed: usize,
    not_applicable: usize,
}

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let store = Store::open_read_only(&ctx.db)?;
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("{}: cannot create", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    match args.what {
        What::Pairs => export_pairs(&store, args.include_partial, args.format, &mut out)?,
        What::Articles => export_articles(&store, args.format, &mut out)?,
        What::Stories => {
            let partners = args.partners.load()?;
            export_stories(&store, partners.as_ref(), args.format, &mut out)?
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn export_pairs(store: &Store, partial: bool, format: Format, out: &mut impl Write) -> Result<()> {
    let pairs = store.pairs(partial)?;
    let lines = pairs.iter().map(|p| PairLine {
        a: &p.a,
        b: &p.b,
        shared: round(p.shared),
        kind: &p.kind,
        shared_a: round(p.shared_a),
        shared_b: round(p.shared_b),
        words: p.words,
        passages: (format == Format::Jsonl).then_some(p.passages.as_slice()),
    });
    write_all(lines, format, out)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn export_articles(store: &Store, format: Format, out: &mut impl Write) -> Result<()> {
    match format {
        Format::Jsonl => {
            let r = store.for_each_article(|row, json| -> Result<()> {
                let article: serde_json::Value = serde_json::from_str(json)?;
                let line = serde_json::json!({
                    "id": row.id, "url": row.url, "site": row.site, "title": row.title,
                    "byline": row.byline, "published": row.published, "fetched": row.fetched,
                    "words": row.words, "article": article,
                });
                writeln!(out, "{line}")?;
                Ok(())
            })?;
            r
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            let r = store.for_each_article(|row, _| -> Result<()> {
                w.serialize(row)?;
                Ok(())
            })?;
            w.flush()?;
            r
        }
    }
}

fn export_stories(
    store: &Store,
    partners: Option<&reprint_trace::Partners>,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    let mut views = Vec::new();
    for row in store.stories()? {
        if let Some(d) = store.story(row.id)? {
            views.push((
                story_view_with(&d, partners),
                d.members.iter().map(|m| m.id.clone()).collect::<Vec<_>>(),
            ));
        }
    }
    match format {
        Format::Jsonl => {
            for (v, _) in &views {
                writeln!(out, "{}", serde_json::to_string(v)?)?;
            }
            Ok(())
        }
        Format::Csv => write_all(
            views.iter().map(|(v, members)| {
                let count = |verdict: &str| v.copies.iter().filter(|c| c.credit == verdict).count();
                StoryLine {
                    id: v.id,
                    size: v.size,
                    origin_kind: v.origin.kind,
                    origin: v
                        .origin
                        .article
                        .as_ref()
                        .map(|a| a.id.clone())
                        .or_else(|| v.origin.outlet.clone())
                        .unwrap_or_default(),
                    confidence: v.origin.confidence,
                    date: v.date.clone().unwrap_or_default(),
                    headline: v.headline.clone().unwrap_or_default(),
                    members: members.join(" "),
                    credited: count("credited"),
                    partial: count("partial"),
                    uncredited: count("uncredited"),
                    licensed: count("licensed"),
                    not_applicable: count("not-applicable"),
                }
            }),
            Format::Csv,
            out,
        ),
    }
}

fn write_all<T: Serialize>(
    items: impl Iterator<Item = T>,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    match format {
        Format::Jsonl => {
            for item in items {
                writeln!(out, "{}", serde_json::to_string(&item)?)?;
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            for item in items {
                w.serialize(&item)?;
            }
            w.flush()?;
        }
    }
    Ok(())
}
