//! Export: stories (the versioned story JSON of [`crate::view`]), articles
//! (each with its summary, as [`crate::article_view`] shows it) or matched pairs (by input ids, with
//! their aligned passages), as JSON lines or CSV. `reprint export` and the
//! API's `/api/export` both write these bytes. [`parquet`] writes the same
//! store as the Parquet tables of a Spark run.

use std::io::Write;

use reprint_store::record::article_from_json;
use reprint_store::{Store, StoreError};
use reprint_trace::Partners;
use serde::Serialize;

use crate::article_view::ArticleView;
use crate::stories::Stories;
use crate::view::{story_view_with, StoryView};

pub mod parquet;

/// What to export.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// One story per line, largest first.
    Stories,
    /// One stored article per line, in storing order.
    Articles,
    /// One matched pair per line.
    Pairs,
}

/// How to write it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header line (flat columns: no passages, no nested records).
    Csv,
}

/// What to export and how.
#[derive(Copy, Clone, Debug)]
pub struct Request<'a> {
    /// Stories, articles or pairs.
    pub what: What,
    /// JSON lines or CSV.
    pub format: Format,
    /// With pairs: also pairs that share a passage but less than half of
    /// the shorter article (partial reuse, excerpts).
    pub include_partial: bool,
    /// With stories: the licensed partners file to apply.
    pub partners: Option<&'a Partners>,
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the output failed (a closed pipe, a full disk). Not
    /// transparent: the I/O error stays in the chain, where front ends look
    /// for a closed pipe.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A stored record could not be read or written as JSON.
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing CSV failed.
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Writing Parquet failed.
    #[error("Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    /// A Parquet table's columns did not fit its schema (a bug, not input).
    #[error("Arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

/// Writes the export to `out`.
pub fn export(store: &Store, req: &Request, out: &mut impl Write) -> Result<(), ExportError> {
    match req.what {
        What::Pairs => export_pairs(store, req.include_partial, req.format, out),
        What::Articles => export_articles(store, req.format, out),
        What::Stories => export_stories(store, req.partners, req.format, out),
    }
}

/// One line of the pairs export: `a`, `b` are the inputs' ids.
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

/// A CSV line of the stories export.
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

fn export_pairs(
    store: &Store,
    partial: bool,
    format: Format,
    out: &mut impl Write,
) -> Result<(), ExportError> {
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

/// One line of the articles export (JSONL): the stored summary and the
/// article, keys in alphabetical order (see [`ArticleView`]).
#[derive(Serialize)]
struct ArticleLine<'a> {
    article: ArticleView,
    byline: Option<&'a str>,
    fetched: Option<&'a str>,
    id: &'a str,
    published: Option<&'a str>,
    site: Option<&'a str>,
    title: Option<&'a str>,
    url: Option<&'a str>,
    words: i64,
}

/// A CSV line of the articles export: the stored summary, in the order of
/// its columns.
#[derive(Serialize)]
struct ArticleCsvLine<'a> {
    key: i64,
    id: &'a str,
    url: Option<&'a str>,
    site: Option<&'a str>,
    title: Option<&'a str>,
    byline: Option<&'a str>,
    published: Option<&'a str>,
    fetched: Option<&'a str>,
    words: i64,
}

fn export_articles(store: &Store, format: Format, out: &mut impl Write) -> Result<(), ExportError> {
    match format {
        Format::Jsonl => store.for_each_article(|row, json| -> Result<(), ExportError> {
            let article = article_from_json(json)?;
            let line = ArticleLine {
                article: ArticleView::from(&article),
                byline: row.byline.as_deref(),
                fetched: row.fetched.as_deref(),
                id: &row.id,
                published: row.published.as_deref(),
                site: row.site.as_deref(),
                title: row.title.as_deref(),
                url: row.url.as_deref(),
                words: row.words,
            };
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
            Ok(())
        })?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            store.for_each_article(|row, _| -> Result<(), ExportError> {
                w.serialize(ArticleCsvLine {
                    key: row.key,
                    id: &row.id,
                    url: row.url.as_deref(),
                    site: row.site.as_deref(),
                    title: row.title.as_deref(),
                    byline: row.byline.as_deref(),
                    published: row.published.as_deref(),
                    fetched: row.fetched.as_deref(),
                    words: row.words,
                })?;
                Ok(())
            })??;
            w.flush()?;
            Ok(())
        }
    }
}

fn export_stories(
    store: &Store,
    partners: Option<&Partners>,
    format: Format,
    out: &mut impl Write,
) -> Result<(), ExportError> {
    let mut views = Vec::new();
    for_each_story(store, partners, |view, members| {
        views.push((view, members));
        Ok(())
    })?;
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

/// Calls `f` with each stored story, largest first, as its versioned view
/// (the partners applied) and its members' input ids: what the stories
/// export writes, as JSON lines, CSV or Parquet.
pub(crate) fn for_each_story(
    store: &Store,
    partners: Option<&Partners>,
    mut f: impl FnMut(StoryView, Vec<String>) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    for row in store.stories()? {
        if let Some(d) = store.story(row.id)? {
            let members = d.members.iter().map(|m| m.id.clone()).collect();
            f(story_view_with(&d, partners), members)?;
        }
    }
    Ok(())
}

fn write_all<T: Serialize>(
    items: impl Iterator<Item = T>,
    format: Format,
    out: &mut impl Write,
) -> Result<(), ExportError> {
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
