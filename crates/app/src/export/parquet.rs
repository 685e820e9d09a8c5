//! Export as Parquet, in the shape the Spark job (`reprint.spark`) writes
//! its output, so a notebook reads a single-machine store and a distributed
//! run the same way (`spark.read.parquet(dir + "/pairs")`,
//! `pandas.read_parquet`).
//!
//! The tables and their columns are the run's, less the columns only a run
//! has (`site_key`, `fingerprints`, `error` of articles):
//!
//! - `articles`: `id, url, fetched, site, title, published, text, article,
//!   words`; `article` is the stored article record as JSON, `text` its
//!   paragraphs joined by blank lines (what matching reads);
//! - `pairs`: `a, b, kind, shared_a, shared_b, words, pair`, the sides in id
//!   order as a run orders them, `pair` the whole match as JSON
//!   (`kind, shared_a, shared_b, shared_words, passages, a, b`; passage
//!   offsets are characters of each side's `text`);
//! - `stories`: `story` (the smallest member id: what names a story across
//!   runs whose ids differ), `id, size, json` (the versioned story JSON of
//!   [`crate::view`]), `error` (always null here: a store holds only stories
//!   that were traced).
//!
//! Rows are written in groups of [`ROW_GROUP`] so memory stays flat
//! whatever the store's size.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use arrow_array::builder::{Float32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use reprint_store::{PairRow, Store};
use reprint_trace::Partners;
use serde::Serialize;

use super::{for_each_story, ExportError, What};

/// Rows per Parquet row group (and per Arrow batch). An article row holds
/// its text twice (`text`, and inside `article`): 4096 rows of long
/// articles stay within tens of megabytes.
pub const ROW_GROUP: usize = 4096;

/// How many rows each table of [`write_tables`] received.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Rows of `articles`.
    pub articles: usize,
    /// Rows of `pairs`.
    pub pairs: usize,
    /// Rows of `stories`.
    pub stories: usize,
}

/// Writes the three tables under `dir` as a Spark run lays them out:
/// `dir/articles/part-0.parquet`, `dir/pairs/part-0.parquet` (copies and
/// partial reuse, as a run keeps both) and `dir/stories/part-0.parquet`.
pub fn write_tables(
    store: &Store,
    partners: Option<&Partners>,
    dir: &Path,
) -> Result<Counts, ExportError> {
    let file = |name: &str| -> Result<File, ExportError> {
        let d = dir.join(name);
        std::fs::create_dir_all(&d).map_err(|e| at(&d, e))?;
        let p = d.join("part-0.parquet");
        File::create(&p).map_err(|e| at(&p, e))
    };
    Ok(Counts {
        articles: write_table(store, What::Articles, false, None, file("articles")?)?,
        pairs: write_table(store, What::Pairs, true, None, file("pairs")?)?,
        stories: write_table(store, What::Stories, false, partners, file("stories")?)?,
    })
}

/// An I/O error naming the path it happened at.
fn at(path: &Path, e: std::io::Error) -> ExportError {
    ExportError::Io(std::io::Error::new(
        e.kind(),
        format!("{}: {e}", path.display()),
    ))
}

/// Writes one table as a Parquet file to `out`; returns its row count.
/// `include_partial` is as in [`super::Request`] (pairs only).
pub fn write_table<W: Write + Send>(
    store: &Store,
    what: What,
    include_partial: bool,
    partners: Option<&Partners>,
    out: W,
) -> Result<usize, ExportError> {
    match what {
        What::Articles => write_articles(store, out),
        What::Pairs => write_pairs(store, include_partial, out),
        What::Stories => write_stories(store, partners, out),
    }
}

fn writer<W: Write + Send>(out: W, schema: &SchemaRef) -> Result<ArrowWriter<W>, ExportError> {
    // Snappy: what Spark writes by default, and readable by every Parquet
    // reader (pyarrow, pandas, DuckDB, Spark).
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .build();
    Ok(ArrowWriter::try_new(out, schema.clone(), Some(props))?)
}

fn utf8(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}

/// The `articles` table's schema.
pub fn articles_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        utf8("id"),
        utf8("url"),
        utf8("fetched"),
        utf8("site"),
        utf8("title"),
        utf8("published"),
        utf8("text"),
        utf8("article"),
        Field::new("words", DataType::Int64, true),
    ]))
}

/// The `pairs` table's schema.
pub fn pairs_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        utf8("a"),
        utf8("b"),
        utf8("kind"),
        Field::new("shared_a", DataType::Float32, true),
        Field::new("shared_b", DataType::Float32, true),
        Field::new("words", DataType::Int64, true),
        utf8("pair"),
    ]))
}

/// The `stories` table's schema.
pub fn stories_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        utf8("story"),
        Field::new("id", DataType::Int64, true),
        Field::new("size", DataType::Int64, true),
        utf8("json"),
        utf8("error"),
    ]))
}

/// Column builders of the `articles` table.
#[derive(Default)]
struct ArticleColumns {
    id: StringBuilder,
    url: StringBuilder,
    fetched: StringBuilder,
    site: StringBuilder,
    title: StringBuilder,
    published: StringBuilder,
    text: StringBuilder,
    article: StringBuilder,
    words: Int64Builder,
    rows: usize,
}

impl ArticleColumns {
    fn batch(&mut self, schema: &SchemaRef) -> Result<RecordBatch, ExportError> {
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.id.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.fetched.finish()),
            Arc::new(self.site.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.published.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.article.finish()),
            Arc::new(self.words.finish()),
        ];
        self.rows = 0;
        Ok(RecordBatch::try_new(schema.clone(), cols)?)
    }
}

fn write_articles<W: Write + Send>(store: &Store, out: W) -> Result<usize, ExportError> {
    let schema = articles_schema();
    let mut w = writer(out, &schema)?;
    let mut cols = ArticleColumns::default();
    let mut total = 0;
    store.for_each_article(|row, json| -> Result<(), ExportError> {
        let article = reprint_store::record::article_from_json(json)?;
        cols.id.append_value(&row.id);
        cols.url.append_option(row.url.as_deref());
        cols.fetched.append_option(row.fetched.as_deref());
        cols.site.append_option(row.site.as_deref());
        cols.title.append_option(row.title.as_deref());
        cols.published.append_option(row.published.as_deref());
        cols.text.append_value(article.text());
        cols.article.append_value(json);
        cols.words.append_value(row.words);
        cols.rows += 1;
        total += 1;
        if cols.rows == ROW_GROUP {
            w.write(&cols.batch(&schema)?)?;
        }
        Ok(())
    })??;
    if cols.rows > 0 {
        w.write(&cols.batch(&schema)?)?;
    }
    w.close()?;
    Ok(total)
}

/// The `pair` column: the match as a run's alignment stage writes it.
#[derive(Serialize)]
struct PairJson<'a> {
    kind: &'a str,
    shared_a: f32,
    shared_b: f32,
    shared_words: i64,
    passages: &'a [reprint_match::Passage],
    a: &'a str,
    b: &'a str,
}

/// A stored pair with its sides in id order, as a run orders them (a store
/// orders them by its own keys, which follow arrival).
fn in_id_order(mut p: PairRow) -> PairRow {
    if p.b < p.a {
        std::mem::swap(&mut p.a, &mut p.b);
        std::mem::swap(&mut p.shared_a, &mut p.shared_b);
        for passage in &mut p.passages {
            std::mem::swap(&mut passage.a, &mut passage.b);
        }
    }
    p
}

fn write_pairs<W: Write + Send>(
    store: &Store,
    include_partial: bool,
    out: W,
) -> Result<usize, ExportError> {
    let schema = pairs_schema();
    let mut w = writer(out, &schema)?;
    let pairs = store.pairs(include_partial)?;
    let total = pairs.len();
    let mut rows = pairs.into_iter().map(in_id_order).peekable();
    while rows.peek().is_some() {
        let (mut a, mut b, mut kind, mut pair) = (
            StringBuilder::new(),
            StringBuilder::new(),
            StringBuilder::new(),
            StringBuilder::new(),
        );
        let (mut sa, mut sb, mut words) = (
            Float32Builder::new(),
            Float32Builder::new(),
            Int64Builder::new(),
        );
        for p in rows.by_ref().take(ROW_GROUP) {
            // Stored as f64 from the matcher's f32: the cast gives the
            // matcher's value back, as a run stores it.
            let (share_a, share_b) = (p.shared_a as f32, p.shared_b as f32);
            pair.append_value(serde_json::to_string(&PairJson {
                kind: &p.kind,
                shared_a: share_a,
                shared_b: share_b,
                shared_words: p.words,
                passages: &p.passages,
                a: &p.a,
                b: &p.b,
            })?);
            a.append_value(&p.a);
            b.append_value(&p.b);
            kind.append_value(&p.kind);
            sa.append_value(share_a);
            sb.append_value(share_b);
            words.append_value(p.words);
        }
        let cols: Vec<ArrayRef> = vec![
            Arc::new(a.finish()),
            Arc::new(b.finish()),
            Arc::new(kind.finish()),
            Arc::new(sa.finish()),
            Arc::new(sb.finish()),
            Arc::new(words.finish()),
            Arc::new(pair.finish()),
        ];
        w.write(&RecordBatch::try_new(schema.clone(), cols)?)?;
    }
    w.close()?;
    Ok(total)
}

/// Column builders of the `stories` table.
#[derive(Default)]
struct StoryColumns {
    story: StringBuilder,
    id: Int64Builder,
    size: Int64Builder,
    json: StringBuilder,
    error: StringBuilder,
    rows: usize,
}

impl StoryColumns {
    fn batch(&mut self, schema: &SchemaRef) -> Result<RecordBatch, ExportError> {
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.story.finish()),
            Arc::new(self.id.finish()),
            Arc::new(self.size.finish()),
            Arc::new(self.json.finish()),
            Arc::new(self.error.finish()),
        ];
        self.rows = 0;
        Ok(RecordBatch::try_new(schema.clone(), cols)?)
    }
}

fn write_stories<W: Write + Send>(
    store: &Store,
    partners: Option<&Partners>,
    out: W,
) -> Result<usize, ExportError> {
    let schema = stories_schema();
    let mut w = writer(out, &schema)?;
    let mut cols = StoryColumns::default();
    let mut total = 0;
    for_each_story(store, partners, |view, members| {
        cols.story.append_option(members.iter().min());
        cols.id.append_value(view.id);
        cols.size.append_value(view.size);
        cols.json.append_value(serde_json::to_string(&view)?);
        cols.error.append_null();
        cols.rows += 1;
        total += 1;
        if cols.rows == ROW_GROUP {
            w.write(&cols.batch(&schema)?)?;
        }
        Ok(())
    })?;
    if cols.rows > 0 {
        w.write(&cols.batch(&schema)?)?;
    }
    w.close()?;
    Ok(total)
}
