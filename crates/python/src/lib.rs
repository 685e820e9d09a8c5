//! reprint-python: the `reprint` Python package's native module
//! (`reprint._reprint`), built with maturin. Every function here calls the
//! same use cases as the `reprint` command (`reprint-app`) and the same
//! pipeline crates, so a page gives the same article, a story the same JSON
//! and an export the same bytes from Python as from the CLI.
//!
//! Values cross the boundary as `str` (JSON, parsed by the pure-Python
//! wrapper in `python/reprint/`) and plain lists: no Python object is built
//! in Rust beyond those, and the Arrow functions of `reprint.arrow` are thin
//! Python over the list functions here, so the package needs no Arrow crate.
//!
//! Nothing panics across the boundary: bad input is a Python exception
//! (`ValueError` for a page with no article, `OSError` for a store that
//! cannot be opened) whose message names the page or file and the reason,
//! and long work releases the GIL (`py.allow_threads`) and runs on rayon's
//! threads.
#![deny(missing_docs)]

mod spark;

use std::io::Cursor;
use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;
use reprint_app::article_view::ArticleView;
use reprint_app::bulk::{self, BulkIngest, Progress};
use reprint_app::export::{self, Format, Request, What};
use reprint_app::page::prepare;
use reprint_app::trace_page::{trace_page, TraceReport};
use reprint_ingest::{Page, PageBody, ReadOptions};
use reprint_match::{compare as compare_texts, MatchParams, TextPrint};
use reprint_store::{Finishing, Store as Db};

/// One page given as a string: HTML when it starts with a tag, else markdown
/// or plain text with paragraphs separated by blank lines.
fn page_of(
    body: &str,
    url: Option<String>,
    name: Option<String>,
    fetched: Option<String>,
    site: Option<String>,
) -> Page {
    let origin = name
        .or_else(|| url.clone())
        .unwrap_or_else(|| "page".into());
    let html = body.trim_start().starts_with('<');
    Page {
        id: origin.clone(),
        url,
        body: if html {
            PageBody::Html(body.to_string())
        } else {
            PageBody::Text(body.to_string())
        },
        published: None,
        fetched,
        site,
        author: None,
        origin,
    }
}

/// The article of one page as JSON: `{"id", "url", "article"}` (`id` is the
/// page's name in ids and evidence: `name`, else its canonical or given URL).
fn article_json(page: &Page) -> Result<String, String> {
    let new = prepare(page).map_err(|e| e.to_string())?;
    serde_json::to_string(&serde_json::json!({
        "id": new.ext_id,
        "url": new.url,
        // The wire shape every output sends (as `reprint extract --jsonl`
        // and the articles export), not the store's record.
        "article": ArticleView::from(&new.article),
    }))
    .map_err(|e| format!("{}: {e}", page.origin))
}

/// Extracts one page's article; returns its JSON.
#[pyfunction]
#[pyo3(signature = (body, url=None, name=None, fetched=None, site=None))]
fn extract(
    py: Python<'_>,
    body: &str,
    url: Option<String>,
    name: Option<String>,
    fetched: Option<String>,
    site: Option<String>,
) -> PyResult<String> {
    let page = page_of(body, url, name, fetched, site);
    py.allow_threads(|| article_json(&page))
        .map_err(PyValueError::new_err)
}

/// Extracts many pages in parallel; for each, `(json, None)` or
/// `(None, reason)`. The lists must have equal lengths.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn extract_many(
    py: Python<'_>,
    bodies: Vec<String>,
    urls: Vec<Option<String>>,
    names: Vec<Option<String>>,
) -> PyResult<Vec<(Option<String>, Option<String>)>> {
    if bodies.len() != urls.len() || bodies.len() != names.len() {
        return Err(PyValueError::new_err(format!(
            "extract_many: {} bodies, {} urls and {} names: the lists must have equal lengths",
            bodies.len(),
            urls.len(),
            names.len()
        )));
    }
    Ok(py.allow_threads(|| {
        bodies
            .into_par_iter()
            .zip(urls)
            .zip(names)
            .map(
                |((body, url), name)| match article_json(&page_of(&body, url, name, None, None)) {
                    Ok(json) => (Some(json), None),
                    Err(reason) => (None, Some(reason)),
                },
            )
            .collect()
    }))
}

/// The winnowed fingerprints of each text (the keys of the candidate index),
/// sorted and distinct.
#[pyfunction]
fn fingerprints(py: Python<'_>, texts: Vec<String>) -> Vec<Vec<u64>> {
    py.allow_threads(|| {
        texts
            .par_iter()
            .map(|t| TextPrint::of(t).fingerprints)
            .collect()
    })
}

/// Aligns each pair of texts `(a, b)`; for each, the pair's JSON (kind,
/// shares, passages with character offsets in both) or `None` when they
/// share no reuse. No furniture is known here: this is the comparison
/// alone, as for a candidate pair.
#[pyfunction]
fn compare(py: Python<'_>, pairs: Vec<(String, String)>) -> PyResult<Vec<Option<String>>> {
    let params = MatchParams::default();
    let none = std::collections::HashSet::new();
    py.allow_threads(|| {
        pairs
            .par_iter()
            .map(|(a, b)| {
                let (pa, pb) = (TextPrint::of(a), TextPrint::of(b));
                compare_texts(a, &pa, b, &pb, &none, &params)
                    .map(|m| serde_json::to_string(&m))
                    .transpose()
            })
            .collect::<Result<Vec<_>, _>>()
    })
    .map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// Failed pages collected during an ingest, for the summary.
#[derive(Default)]
struct Collect {
    failures: Vec<String>,
}

impl Progress for Collect {
    fn rematching(&mut self, _done: usize, _total: usize) {}
    fn started(&mut self) {}
    fn failed(&mut self, line: &str) {
        self.failures.push(line.to_string());
    }
    fn stored(&mut self, _n: usize) {}
    fn storing_done(&mut self, _stored: usize, _read: usize) {}
    fn finishing(&mut self, _step: Finishing) {}
}

/// A reprint store: one SQLite file, as `reprint --db PATH` uses.
#[pyclass(unsendable, module = "reprint._reprint")]
struct Store {
    db: Db,
}

#[pymethods]
impl Store {
    /// Opens (creating it if missing) the store at `path`.
    #[new]
    fn new(path: PathBuf) -> PyResult<Self> {
        let db = Db::open(&path).map_err(|e| PyOSError::new_err(e.to_string()))?;
        Ok(Store { db })
    }

    /// Ingests files or directories (HTML, text, JSONL, WARC, gzipped or
    /// not) as `reprint ingest` does; returns the summary's JSON with
    /// `failures`, one line per page that could not be read.
    #[pyo3(signature = (paths, batch=512))]
    fn ingest(&mut self, py: Python<'_>, paths: Vec<PathBuf>, batch: usize) -> PyResult<String> {
        let job = BulkIngest {
            paths,
            read: ReadOptions::default(),
            batch: batch.max(1),
            site_profile: false,
        };
        let db = &mut self.db;
        let (summary, failures) = py
            .allow_threads(move || {
                let mut progress = Collect::default();
                let started = std::time::Instant::now();
                let mut summary = bulk::ingest(db, &job, &mut progress)?;
                summary.seconds = started.elapsed().as_secs_f64();
                Ok::<_, bulk::BulkError>((summary, progress.failures))
            })
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        let mut v = serde_json::to_value(&summary).map_err(runtime)?;
        v["failures"] = failures.into();
        Ok(v.to_string())
    }

    /// Stores articles already extracted (a Spark run's `articles` table):
    /// `articles[i]` is the article JSON of page `ids[i]`. Matched and traced
    /// as `ingest` does pages; returns the summary's JSON. An article that
    /// cannot be read raises `ValueError` naming it; nothing is stored then.
    #[pyo3(signature = (ids, urls, fetched, articles, batch=512))]
    fn load_articles(
        &mut self,
        py: Python<'_>,
        ids: Vec<String>,
        urls: Vec<Option<String>>,
        fetched: Vec<Option<String>>,
        articles: Vec<String>,
        batch: usize,
    ) -> PyResult<String> {
        let n = ids.len();
        if urls.len() != n || fetched.len() != n || articles.len() != n {
            return Err(PyValueError::new_err(
                "load_articles: ids, urls, fetched and articles must have equal lengths",
            ));
        }
        let parsed = py
            .allow_threads(|| {
                ids.into_par_iter()
                    .zip(urls)
                    .zip(fetched)
                    .zip(articles)
                    .map(|(((id, url), fetched), json)| {
                        let article = reprint_store::record::article_from_json(&json)
                            .map_err(|e| format!("article {id}: not an article's JSON: {e}"))?;
                        Ok(reprint_store::NewArticle {
                            origin: id.clone(),
                            ext_id: id,
                            url,
                            fetched,
                            article,
                        })
                    })
                    .collect::<Result<Vec<_>, String>>()
            })
            .map_err(PyValueError::new_err)?;
        let db = &mut self.db;
        let summary = py
            .allow_threads(move || {
                let mut progress = Collect::default();
                bulk::load(db, parsed, batch, &mut progress)
            })
            .map_err(runtime)?;
        serde_json::to_string(&summary).map_err(runtime)
    }

    /// Exports `what` ("stories", "articles" or "pairs") as `reprint export`
    /// does, in `format` ("jsonl" or "csv"); the same bytes.
    #[pyo3(signature = (what="stories", format="jsonl", include_partial=false))]
    fn export(&self, what: &str, format: &str, include_partial: bool) -> PyResult<String> {
        let what = match what {
            "stories" => What::Stories,
            "articles" => What::Articles,
            "pairs" => What::Pairs,
            other => {
                return Err(PyValueError::new_err(format!(
                    "export: unknown what {other:?} (stories, articles or pairs)"
                )))
            }
        };
        let format = match format {
            "jsonl" => Format::Jsonl,
            "csv" => Format::Csv,
            other => {
                return Err(PyValueError::new_err(format!(
                    "export: unknown format {other:?} (jsonl or csv)"
                )))
            }
        };
        let mut out = Vec::new();
        let req = Request {
            what,
            format,
            include_partial,
            partners: None,
        };
        export::export(&self.db, &req, &mut out).map_err(runtime)?;
        String::from_utf8(out).map_err(runtime)
    }

    /// Writes the store as the Parquet tables of a Spark run
    /// (`reprint export --format parquet -o out`): `out/articles`,
    /// `out/pairs`, `out/stories`. Returns the row counts as JSON.
    fn export_parquet(&self, out: PathBuf) -> PyResult<String> {
        let counts = export::parquet::write_tables(&self.db, None, &out)
            .map_err(|e| PyRuntimeError::new_err(format!("{}: {e}", out.display())))?;
        serde_json::to_string(&counts).map_err(runtime)
    }

    /// Traces one page (not stored) against the store: the report
    /// `reprint trace --json` prints (`reprint_app::trace_page::TraceReport`):
    /// its id, whether it is stored, its matches, the story it would join
    /// (versioned story JSON) and its credit to that story's origin.
    #[pyo3(signature = (body, url=None, name=None))]
    fn trace(&self, body: &str, url: Option<String>, name: Option<String>) -> PyResult<String> {
        let page = page_of(body, url, name, None, None);
        let traced = trace_page(&self.db, &page, None).map_err(|e| match e {
            reprint_app::trace_page::TraceError::NoArticle(e) => {
                PyValueError::new_err(e.to_string())
            }
            other => PyRuntimeError::new_err(other.to_string()),
        })?;
        let input = page.origin.clone();
        let report = TraceReport::new(input, traced, None);
        serde_json::to_string(&report).map_err(runtime)
    }
}

fn runtime(e: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(e.to_string())
}

/// Reads pages from bytes (HTML, text, JSONL or WARC, gzipped or not, as
/// sniffed) named `name`; for each page `(id, url, json)` of its article, or
/// `(origin, None, None)` with the reason in the last place.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn read_pages(
    py: Python<'_>,
    data: Vec<u8>,
    name: String,
) -> Vec<(String, Option<String>, Option<String>, Option<String>)> {
    py.allow_threads(|| {
        let pages: Vec<Result<Page, String>> =
            reprint_ingest::read_reader(&name, Cursor::new(data), None, &ReadOptions::default())
                .map(|p| p.map_err(|e| e.to_string()))
                .collect();
        pages
            .into_par_iter()
            .map(|p| match p {
                Ok(page) => match article_json(&page) {
                    Ok(json) => (page.id.clone(), page.url.clone(), Some(json), None),
                    Err(reason) => (page.origin.clone(), page.url.clone(), None, Some(reason)),
                },
                Err(reason) => (name.clone(), None, None, Some(reason)),
            })
            .collect()
    })
}

/// The native module.
#[pymodule]
fn _reprint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(read_pages, m)?)?;
    m.add_function(wrap_pyfunction!(fingerprints, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_class::<Store>()?;
    m.add_function(wrap_pyfunction!(spark::prepare_file, m)?)?;
    m.add_function(wrap_pyfunction!(spark::prepare_pages, m)?)?;
    m.add_function(wrap_pyfunction!(spark::prepare_lines, m)?)?;
    m.add_function(wrap_pyfunction!(spark::match_params, m)?)?;
    m.add_function(wrap_pyfunction!(spark::furniture_of_site, m)?)?;
    m.add_function(wrap_pyfunction!(spark::trace_stories, m)?)?;
    m.add_class::<spark::Aligner>()?;
    m.add("FINGERPRINT_SCHEME", reprint_match::SCHEME)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
