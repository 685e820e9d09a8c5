//! The stages of a distributed run (the Spark job in `spark/`) that need the
//! core: pages → articles with their fingerprints, one site's furniture,
//! the alignment of candidate pairs under the run's common and furniture
//! sets, and the tracing of one story. Spark moves postings and pairs
//! between them; every decision is made here, by the same functions the
//! single-machine matcher (`reprint_match::match_batch`) and the store's
//! tracer use, so both runs give the same pairs and stories.
//!
//! Values cross as column lists (a `dict` of lists per batch, which
//! `pyarrow.RecordBatch.from_pydict` takes as is). Fingerprints cross as
//! signed 64-bit integers (their bits; Spark has no unsigned type), as the
//! store keeps them.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;
use reprint_app::group::{trace_group, GroupLink, GroupMember};
use reprint_app::page::prepare;
use reprint_ingest::{InputKind, Page, PageBody, ReadOptions};
use reprint_match::fingerprint::{from_stored, to_stored};
use reprint_match::{
    compare as compare_texts, furniture_of_site as site_furniture, ident_of, CandidateParams,
    MatchParams, PairMatch, TextPrint,
};
use reprint_store::record::ArticleRecord;

/// One page prepared for matching, or why it has no article.
#[derive(Default)]
struct Prepared {
    id: String,
    url: Option<String>,
    fetched: Option<String>,
    site: Option<String>,
    site_key: Option<String>,
    title: Option<String>,
    published: Option<String>,
    text: Option<String>,
    article: Option<String>,
    words: Option<i64>,
    fingerprints: Option<Vec<i64>>,
    error: Option<String>,
}

fn prepared(page: &Page) -> Prepared {
    match prepare(page) {
        Ok(new) => {
            let text = new.article.text();
            let print = TextPrint::of(&text);
            // The site the store matches the page as.
            let site_key = reprint_store::ingest::site_key(&new);
            let site_name = new.article.site.as_ref().map(|s| s.value.clone());
            // The store's record of the article (reprint_store::record), as
            // the articles table is a stored format too.
            match serde_json::to_string(&ArticleRecord::from(&new.article)) {
                Ok(json) => Prepared {
                    id: new.ext_id,
                    url: new.url,
                    fetched: new.fetched,
                    site: site_name,
                    site_key,
                    title: new.article.title.as_ref().map(|t| t.value.clone()),
                    published: new.article.published.as_ref().map(|t| t.value.clone()),
                    words: Some(print.words() as i64),
                    fingerprints: Some(print.fingerprints.iter().map(|&h| to_stored(h)).collect()),
                    text: Some(text),
                    article: Some(json),
                    error: None,
                },
                Err(e) => failed(page.origin.clone(), page.url.clone(), e.to_string()),
            }
        }
        Err(no) => failed(no.input, page.url.clone(), no.reason),
    }
}

fn failed(id: String, url: Option<String>, reason: String) -> Prepared {
    Prepared {
        id,
        url,
        error: Some(reason),
        ..Prepared::default()
    }
}

/// The columns of prepared pages, as `spark/`'s ARTICLES schema names them.
fn columns<'py>(py: Python<'py>, rows: Vec<Prepared>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    macro_rules! col {
        ($name:literal, $field:ident) => {
            d.set_item(
                $name,
                rows.iter().map(|r| r.$field.clone()).collect::<Vec<_>>(),
            )?;
        };
    }
    col!("id", id);
    col!("url", url);
    col!("fetched", fetched);
    col!("site", site);
    col!("site_key", site_key);
    col!("title", title);
    col!("published", published);
    col!("text", text);
    col!("article", article);
    col!("words", words);
    col!("fingerprints", fingerprints);
    col!("error", error);
    Ok(d)
}

/// Reads one input file's bytes (HTML, text, JSONL or WARC, gzipped or not,
/// as sniffed) named `name`, as `reprint ingest` reads a file, and prepares
/// every page: a dict of columns `id, url, fetched, site, site_key, title,
/// published, text, article, words, fingerprints, error` (one row per page;
/// a page with no article has only `id`, `url` and `error`). `site` is the
/// article's site name (as exported), `site_key` the site it is matched as
/// (its URL's host, else that name: `reprint_match::site_identity`).
#[pyfunction]
pub fn prepare_file<'py>(
    py: Python<'py>,
    data: Vec<u8>,
    name: String,
) -> PyResult<Bound<'py, PyDict>> {
    let rows = py.allow_threads(|| {
        // Of the kind its name says, as `reprint ingest` reads a file.
        let kind = InputKind::from_path(std::path::Path::new(&name));
        let pages: Vec<Result<Page, String>> =
            reprint_ingest::read_reader(&name, Cursor::new(data), kind, &ReadOptions::default())
                .map(|p| p.map_err(|e| e.to_string()))
                .collect();
        pages
            .into_par_iter()
            .map(|p| match p {
                Ok(page) => prepared(&page),
                Err(reason) => failed(name.clone(), None, reason),
            })
            .collect::<Vec<_>>()
    });
    columns(py, rows)
}

/// Prepares JSONL lines (Spark's text reader splits the files): `lines[i]`
/// is one line of file `names[i]`, read as `reprint ingest` reads each line
/// of a JSONL file (blank lines are skipped). Returns the columns of
/// [`prepare_file`]. A line that is not a page is a row with its error,
/// named `FILE (a line)`: the reader does not know line numbers.
#[pyfunction]
pub fn prepare_lines<'py>(
    py: Python<'py>,
    lines: Vec<String>,
    names: Vec<String>,
) -> PyResult<Bound<'py, PyDict>> {
    if lines.len() != names.len() {
        return Err(PyValueError::new_err(format!(
            "prepare_lines: {} lines but {} names: the columns must have equal lengths",
            lines.len(),
            names.len()
        )));
    }
    let rows = py.allow_threads(|| {
        lines
            .par_iter()
            .zip(&names)
            .filter(|(line, _)| !line.trim().is_empty())
            .map(|(line, name)| {
                let origin = format!("{name} (a line)");
                match reprint_ingest::read_jsonl_line(line.as_bytes(), &origin) {
                    Ok(page) => prepared(&page),
                    Err(e) => failed(origin, None, e.to_string()),
                }
            })
            .collect::<Vec<_>>()
    });
    columns(py, rows)
}

/// Prepares pages given as columns (a Parquet or table input): `ids` name
/// them (else their URL), `bodies` are HTML when they start with a tag, else
/// text; the other columns may be None. Returns the columns of
/// [`prepare_file`].
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (ids, urls, bodies, fetched=None, sites=None, published=None, authors=None))]
pub fn prepare_pages<'py>(
    py: Python<'py>,
    ids: Vec<Option<String>>,
    urls: Vec<Option<String>>,
    bodies: Vec<Option<String>>,
    fetched: Option<Vec<Option<String>>>,
    sites: Option<Vec<Option<String>>>,
    published: Option<Vec<Option<String>>>,
    authors: Option<Vec<Option<String>>>,
) -> PyResult<Bound<'py, PyDict>> {
    let n = bodies.len();
    let optional = |v: Option<Vec<Option<String>>>, what: &str| match v {
        None => Ok(vec![None; n]),
        Some(v) if v.len() == n => Ok(v),
        Some(v) => Err(PyValueError::new_err(format!(
            "prepare_pages: {n} bodies but {} {what}: the columns must have equal lengths",
            v.len()
        ))),
    };
    let (fetched, sites) = (optional(fetched, "fetched")?, optional(sites, "sites")?);
    let (published, authors) = (
        optional(published, "published")?,
        optional(authors, "authors")?,
    );
    if ids.len() != n || urls.len() != n {
        return Err(PyValueError::new_err(format!(
            "prepare_pages: {n} bodies, {} ids and {} urls: the columns must have equal lengths",
            ids.len(),
            urls.len()
        )));
    }
    let rows = py.allow_threads(|| {
        (0..n)
            .into_par_iter()
            .map(|i| {
                let origin = ids[i]
                    .clone()
                    .or_else(|| urls[i].clone())
                    .unwrap_or_else(|| format!("row {i}"));
                let body = bodies[i].clone().unwrap_or_default();
                let page = Page {
                    // A row's own id names it, as a JSONL line's does.
                    id: ids[i].clone().unwrap_or_else(|| origin.clone()),
                    url: urls[i].clone(),
                    body: if body.trim_start().starts_with('<') {
                        PageBody::Html(body)
                    } else {
                        PageBody::Text(body)
                    },
                    published: published[i].clone(),
                    fetched: fetched[i].clone(),
                    site: sites[i].clone(),
                    author: authors[i].clone(),
                    origin: if ids[i].is_some() {
                        format!("{origin} (row {i})")
                    } else {
                        origin
                    },
                };
                prepared(&page)
            })
            .collect::<Vec<_>>()
    });
    columns(py, rows)
}

/// The matching parameters the Spark job's SQL stages must use, so that its
/// candidates are the single-machine matcher's: `max_postings` (a
/// fingerprint held by more articles is common text), `furniture_carriers`,
/// `min_shared_fingerprints`.
#[pyfunction]
pub fn match_params(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let cp = CandidateParams::default();
    let d = PyDict::new(py);
    d.set_item("max_postings", cp.max_postings)?;
    d.set_item("furniture_carriers", cp.furniture_carriers)?;
    d.set_item("min_shared_fingerprints", cp.min_shared_fingerprints)?;
    d.set_item("related_fraction", cp.related_fraction)?;
    Ok(d)
}

/// The furniture of one site, given the fingerprint sets of its pages (any
/// order): `reprint_match::furniture_of_site`, sorted.
#[pyfunction]
pub fn furniture_of_site(py: Python<'_>, prints: Vec<Vec<i64>>) -> Vec<i64> {
    py.allow_threads(|| {
        let sets: Vec<Vec<u64>> = prints
            .into_iter()
            .map(|p| {
                let mut v: Vec<u64> = p.into_iter().map(from_stored).collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let refs: Vec<&[u64]> = sets.iter().map(Vec::as_slice).collect();
        site_furniture(&refs, &CandidateParams::default())
            .into_iter()
            .map(to_stored)
            .collect()
    })
}

/// Aligns candidate pairs under a run's common fingerprints and sites'
/// furniture, as the single-machine matcher does: those fingerprints are
/// no reuse between the two pages.
#[pyclass(module = "reprint._reprint", frozen)]
pub struct Aligner {
    common: HashSet<u64>,
    furniture: HashMap<u64, Vec<String>>,
}

#[pymethods]
impl Aligner {
    /// `common`: the fingerprints held by more than `max_postings` articles;
    /// `furniture_fps[i]` is furniture of site `furniture_sites[i]`.
    #[new]
    fn new(
        common: Vec<i64>,
        furniture_fps: Vec<i64>,
        furniture_sites: Vec<String>,
    ) -> PyResult<Self> {
        if furniture_fps.len() != furniture_sites.len() {
            return Err(PyValueError::new_err(format!(
                "Aligner: {} furniture fingerprints but {} sites",
                furniture_fps.len(),
                furniture_sites.len()
            )));
        }
        let mut furniture: HashMap<u64, Vec<String>> = HashMap::new();
        for (h, s) in furniture_fps.into_iter().zip(furniture_sites) {
            furniture.entry(from_stored(h)).or_default().push(s);
        }
        Ok(Aligner {
            common: common.into_iter().map(from_stored).collect(),
            furniture,
        })
    }

    /// Aligns each pair `(a, b)`: for each, the pair's JSON, with `a` and `b`
    /// the ids in ascending order and `shared_a` the share of `a` (the
    /// `PairMatch` fields otherwise), or None when they share no reuse.
    #[allow(clippy::too_many_arguments)]
    fn align(
        &self,
        py: Python<'_>,
        a_ids: Vec<String>,
        a_texts: Vec<String>,
        a_sites: Vec<Option<String>>,
        b_ids: Vec<String>,
        b_texts: Vec<String>,
        b_sites: Vec<Option<String>>,
    ) -> PyResult<Vec<Option<String>>> {
        let n = a_ids.len();
        if [
            a_texts.len(),
            a_sites.len(),
            b_ids.len(),
            b_texts.len(),
            b_sites.len(),
        ]
        .iter()
        .any(|&l| l != n)
        {
            return Err(PyValueError::new_err(
                "Aligner.align: the six columns must have equal lengths",
            ));
        }
        let params = MatchParams::default();
        py.allow_threads(|| {
            (0..n)
                .into_par_iter()
                .map(|i| {
                    let x = (&a_ids[i], &a_texts[i], a_sites[i].as_deref());
                    let y = (&b_ids[i], &b_texts[i], b_sites[i].as_deref());
                    self.align_one(x, y, &params)
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

/// A story member as Python passes it: `(id, url, fetched, article_json, words)`.
type MemberIn = (String, Option<String>, Option<String>, String, i64);

type SideIn<'a> = (&'a String, &'a String, Option<&'a str>);

impl Aligner {
    fn ignored(&self, h: u64, x: Option<&str>, y: Option<&str>) -> bool {
        let of = |s: Option<&str>| {
            s.is_some_and(|s| {
                self.furniture
                    .get(&h)
                    .is_some_and(|v| v.iter().any(|f| f == s))
            })
        };
        self.common.contains(&h) || of(x) || of(y)
    }

    fn align_one(
        &self,
        x: SideIn,
        y: SideIn,
        params: &MatchParams,
    ) -> serde_json::Result<Option<String>> {
        let (px, py) = (TextPrint::of(x.1), TextPrint::of(y.1));
        let ignore: HashSet<u64> = px
            .fingerprints
            .iter()
            .chain(&py.fingerprints)
            .copied()
            .filter(|&h| self.ignored(h, x.2, y.2))
            .collect();
        // Side A is the page of the smaller ident, as the matcher orders
        // every comparison (the result must not depend on arrival order).
        let x_first = (ident_of(x.0), x.0) <= (ident_of(y.0), y.0);
        let m: Option<PairMatch> = if x_first {
            compare_texts(x.1, &px, y.1, &py, &ignore, params)
        } else {
            compare_texts(y.1, &py, x.1, &px, &ignore, params).map(PairMatch::swapped)
        };
        let Some(m) = m else { return Ok(None) };
        // Out: ids in ascending order.
        let (a, b, m) = if x.0 <= y.0 {
            (x.0, y.0, m)
        } else {
            (y.0, x.0, m.swapped())
        };
        serde_json::to_string(&PairOut { m: &m, a, b }).map(Some)
    }
}

/// A pair as the alignment stage writes it: the match's fields, then the
/// ids. Serialised directly (not through `serde_json::Value`, which widens
/// the shares to f64 and prints 0.8897922039031982 for the matcher's
/// 0.8897922), so the JSON is byte for byte what `reprint export --format
/// parquet` writes for the same pair.
#[derive(serde::Serialize)]
struct PairOut<'a> {
    #[serde(flatten)]
    m: &'a PairMatch,
    a: &'a str,
    b: &'a str,
}

/// Traces stories: `members[i]` are story `ids[i]`'s members as
/// `(id, url, fetched, article_json, words)`, `links[i]` its pairs as
/// `(a, b, pair_json)` (from [`Aligner::align`]). For each, the versioned
/// story JSON or None, and the reason when it could not be traced.
#[pyfunction]
#[allow(clippy::type_complexity)]
pub fn trace_stories(
    py: Python<'_>,
    ids: Vec<i64>,
    members: Vec<Vec<MemberIn>>,
    links: Vec<Vec<(String, String, String)>>,
) -> PyResult<Vec<(Option<String>, Option<String>)>> {
    if ids.len() != members.len() || ids.len() != links.len() {
        return Err(PyValueError::new_err(
            "trace_stories: ids, members and links must have equal lengths",
        ));
    }
    Ok(py.allow_threads(|| {
        ids.into_par_iter()
            .zip(members)
            .zip(links)
            .map(
                |((id, members), links)| match trace_one(id, members, links) {
                    Ok(json) => (Some(json), None),
                    Err(reason) => (None, Some(format!("story {id}: {reason}"))),
                },
            )
            .collect()
    }))
}

fn trace_one(
    id: i64,
    members: Vec<MemberIn>,
    links: Vec<(String, String, String)>,
) -> Result<String, String> {
    let members = members
        .into_iter()
        .map(|(id, url, fetched, article_json, words)| GroupMember {
            id,
            url,
            fetched,
            article_json,
            words,
        })
        .collect();
    let links = links
        .into_iter()
        .map(|(a, b, json)| {
            let pair: PairMatch =
                serde_json::from_str(&json).map_err(|e| format!("pair {a} {b}: {e}"))?;
            Ok(GroupLink { a, b, pair })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let view = trace_group(id, members, &links).map_err(|e| e.to_string())?;
    serde_json::to_string(&view).map_err(|e| e.to_string())
}
