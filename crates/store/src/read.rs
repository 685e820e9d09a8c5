//! Read-only queries: story lists and details, articles, pairs, and matching
//! a page that is not stored.

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use reprint_match::{PairMatch, TextPrint};

use crate::stories::{self, MemberRecord};
use crate::{Result, Store};

/// One line of the story list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryRow {
    pub id: i64,
    pub size: i64,
    /// The origin's outlet, or None when the origin is undetermined.
    pub origin: Option<String>,
    pub confidence: f64,
    pub date: Option<String>,
    pub headline: Option<String>,
}

/// A stored article's summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow {
    pub key: i64,
    pub id: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub fetched: Option<String>,
    pub words: i64,
}

impl ArticleRow {
    /// The summary of `article`, input `id` read from `url` and fetched at
    /// `fetched`, with `words` words, stored under `key`: site, title,
    /// byline and publication date are the article's values as written.
    /// The one place these columns are made from an article: the store's
    /// insert writes them (`ingest::insert_article`), and reprint-app builds
    /// the same row for members traced outside any store.
    pub fn of(
        key: i64,
        id: String,
        url: Option<String>,
        fetched: Option<String>,
        words: i64,
        article: &reprint_extract::Article,
    ) -> ArticleRow {
        let value =
            |s: &Option<reprint_extract::Sourced<String>>| s.as_ref().map(|s| s.value.clone());
        ArticleRow {
            key,
            id,
            url,
            site: value(&article.site),
            title: value(&article.title),
            byline: value(&article.byline),
            published: value(&article.published),
            fetched,
            words,
        }
    }
}

/// A stored story: its list row and the traced story as stored (JSON,
/// written by the store's `StoryTracer`; reprint-app reads it).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredStory {
    pub row: StoryRow,
    pub json: String,
}

/// A matched pair, named by the inputs' ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairRow {
    pub a: String,
    pub b: String,
    pub kind: String,
    /// The larger of the two shares: how much of the shorter text is shared.
    pub shared: f64,
    pub shared_a: f64,
    pub shared_b: f64,
    pub words: i64,
    /// The aligned passages: character spans in `a` and in `b`.
    pub passages: Vec<reprint_match::Passage>,
}

const ARTICLE_COLUMNS: &str = "id, ext_id, url, site, title, byline, published, fetched, words";

pub(crate) fn article_row(r: &Row) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        key: r.get(0)?,
        id: r.get(1)?,
        url: r.get(2)?,
        site: r.get(3)?,
        title: r.get(4)?,
        byline: r.get(5)?,
        published: r.get(6)?,
        fetched: r.get(7)?,
        words: r.get(8)?,
    })
}

/// Reads a `StoryRow` from `id, size, origin_outlet, origin_confidence,
/// date, headline` (in that order).
pub(crate) fn story_row(r: &Row) -> rusqlite::Result<StoryRow> {
    Ok(StoryRow {
        id: r.get(0)?,
        size: r.get(1)?,
        origin: r.get(2)?,
        confidence: r.get(3)?,
        date: r.get(4)?,
        headline: r.get(5)?,
    })
}

impl Store {
    /// All stories, largest first.
    pub fn stories(&self) -> Result<Vec<StoryRow>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, size, origin_outlet, origin_confidence, date, headline
                 FROM stories ORDER BY size DESC, id",
            )
            .map_err(self.sql())?;
        let rows = stmt.query_map([], story_row).map_err(self.sql())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.sql())
    }

    /// One stored story, or None if there is no such story.
    pub fn stored_story(&self, id: i64) -> Result<Option<StoredStory>> {
        self.conn
            .query_row(
                "SELECT id, size, origin_outlet, origin_confidence, date, headline, story_json
                 FROM stories WHERE id = ?1",
                [id],
                |r| {
                    Ok(StoredStory {
                        row: story_row(r)?,
                        json: r.get(6)?,
                    })
                },
            )
            .optional()
            .map_err(self.sql())
    }

    /// The ids of the stories with a member on `site` (at most `limit`), by id.
    pub fn story_ids_of_site(&self, site: &str, limit: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT m.story FROM story_members m JOIN articles a ON a.id = m.article
                 WHERE a.site = ?1 ORDER BY m.story LIMIT ?2",
            )
            .map_err(self.sql())?;
        let rows = stmt
            .query_map(params![site, limit], |r| r.get(0))
            .map_err(self.sql())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.sql())
    }

    /// The story an article belongs to.
    pub fn story_of(&self, article: i64) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT story FROM story_members WHERE article = ?1",
                [article],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.sql())
    }

    pub fn articles_by_key(&self, keys: &[i64]) -> Result<Vec<ArticleRow>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(self.sql())?;
        keys.iter()
            .map(|k| stmt.query_row([k], article_row).map_err(self.sql()))
            .collect()
    }

    /// Calls `f` on every stored article in key order, with its full
    /// extracted record as JSON; stops at the first error `f` returns.
    pub fn for_each_article<E>(
        &self,
        mut f: impl FnMut(&ArticleRow, &str) -> std::result::Result<(), E>,
    ) -> Result<std::result::Result<(), E>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS}, article_json FROM articles ORDER BY id");
        let mut stmt = self.conn.prepare(&sql).map_err(self.sql())?;
        let mut rows = stmt.query([]).map_err(self.sql())?;
        while let Some(r) = rows.next().map_err(self.sql())? {
            let row = article_row(r).map_err(self.sql())?;
            let json: String = r.get(9).map_err(self.sql())?;
            if let Err(e) = f(&row, &json) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(()))
    }

    /// Matched pairs, by the inputs' ids: copies only, or with `partial`
    /// also the partial reuse.
    pub fn pairs(&self, partial: bool) -> Result<Vec<PairRow>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT x.ext_id, y.ext_id, p.kind, p.shared_a, p.shared_b, p.words, p.passages_json
                 FROM pairs p JOIN articles x ON x.id = p.a JOIN articles y ON y.id = p.b
                 WHERE p.kind = 'copy' OR ?1
                 ORDER BY p.a, p.b",
            )
            .map_err(self.sql())?;
        let rows = stmt
            .query_map([partial], |r| {
                let (sa, sb): (f64, f64) = (r.get(3)?, r.get(4)?);
                Ok(PairRow {
                    a: r.get(0)?,
                    b: r.get(1)?,
                    kind: r.get(2)?,
                    shared: sa.max(sb),
                    shared_a: sa,
                    shared_b: sb,
                    words: r.get(5)?,
                    passages: crate::record::passages_from_json(&r.get::<_, String>(6)?)
                        .unwrap_or_default(),
                })
            })
            .map_err(self.sql())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.sql())
    }

    /// Counts of articles, pairs and stories.
    pub fn counts(&self) -> Result<(i64, i64, i64)> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM pairs),
                        (SELECT count(*) FROM stories)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(self.sql())
    }

    /// Matches a text that is not stored against the store, without writing,
    /// exactly as ingesting it would (furniture it would complete counts):
    /// `id` is its input id and `site` its site identity
    /// (`reprint_match::site_identity`), if known.
    pub fn match_unstored(
        &self,
        text: &str,
        id: &str,
        site: Option<&str>,
    ) -> Result<Vec<(ArticleRow, PairMatch)>> {
        let print = TextPrint::of(text);
        let has_sites =
            crate::fingerprint_index::has_table(&self.conn, "sites").map_err(self.sql())?;
        let site = match site.filter(|_| has_sites) {
            Some(name) => self
                .conn
                .query_row("SELECT id FROM sites WHERE name = ?1", [name], |r| {
                    r.get::<_, i64>(0)
                })
                .optional()
                .map_err(self.sql())?
                .map(|id| id as u32),
            None => None,
        };
        let item = reprint_match::NewArticle {
            key: None,
            ident: reprint_match::ident_of(id),
            text,
            print: &print,
            site,
        };
        let corpus = crate::corpus::StoreCorpus {
            conn: &self.conn,
            memory: None,
            furniture: None,
        };
        let found = reprint_match::match_batch(
            &corpus,
            std::slice::from_ref(&item),
            &reprint_match::MatcherParams::default(),
        )
        .map_err(self.sql())?
        .found
        .pop()
        .unwrap_or_default();
        let keys: Vec<i64> = found.iter().map(|(k, _)| *k).collect();
        let rows = self.articles_by_key(&keys)?;
        let mut by_key: std::collections::HashMap<i64, ArticleRow> =
            rows.into_iter().map(|r| (r.key, r)).collect();
        Ok(found
            .into_iter()
            .filter_map(|(k, m)| Some((by_key.remove(&k)?, m)))
            .collect())
    }

    /// The stored records of the given articles, as a story tracer reads them.
    pub fn member_records(&self, keys: &[i64]) -> Result<Vec<MemberRecord>> {
        stories::load_rows(&self.conn, keys).map_err(self.sql())
    }

    /// The article with the given input id.
    pub fn article_by_ext_id(&self, ext_id: &str) -> Result<Option<ArticleRow>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE ext_id = ?1");
        self.conn
            .query_row(&sql, params![ext_id], article_row)
            .optional()
            .map_err(self.sql())
    }
}
