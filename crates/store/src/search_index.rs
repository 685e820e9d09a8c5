//! Keeping the full-text index (FTS5, `articles_fts`) in step with the
//! articles. New articles go to `search_backlog` as they are stored; the
//! backlog is indexed in one statement, either at the end of each batch
//! (the default, so a server ingesting over HTTP finds new pages at once) or,
//! in bulk mode, once when the caller is done (`reprint ingest`), which costs
//! a fraction of indexing batch by batch. A backlog left by an interrupted
//! bulk ingest is indexed by the next ingest.

use rusqlite::Connection;

use crate::{Result, Store, StoreError};

/// When the backlog is indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchIndexing {
    /// At the end of every batch, in the batch's transaction.
    #[default]
    EveryBatch,
    /// Only when [`Store::index_search_backlog`] is called.
    Deferred,
}

impl Store {
    /// Chooses when new articles reach the full-text index.
    pub fn set_search_indexing(&mut self, mode: SearchIndexing) {
        self.search_indexing = mode;
    }

    /// Adds every article waiting in the backlog to the full-text index, in
    /// one transaction; returns how many were added.
    pub fn index_search_backlog(&mut self) -> Result<usize> {
        self.in_transaction(|tx, path| {
            index_backlog(tx).map_err(|source| StoreError::Sqlite {
                path: path.to_string(),
                source,
            })
        })
    }
}

/// How far [`Store::finish_backlogs_reporting`] has come, so a long
/// ingest's last minutes show what they are doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finishing {
    /// Writing the postings of this many articles from the fingerprint
    /// backlog to the table (one sorted pass; no finer progress).
    Fingerprints { articles: usize },
    /// Grouping the touched articles into stories, before any is traced.
    Grouping { articles: usize },
    /// Tracing stories in `parts` parts (up to 64 stories each), `done`
    /// finished, while the search index takes `to_index` articles part by
    /// part (`indexed` so far).
    Stories {
        done: usize,
        parts: usize,
        indexed: usize,
        to_index: usize,
    },
}

impl Store {
    /// Finishes a bulk ingest: writes the fingerprint backlog to the table
    /// (see [`crate::FingerprintIndexing::Deferred`]), then, in one
    /// transaction, re-traces the stories of the story backlog (see
    /// [`crate::StoryTracing::Deferred`]) and indexes the search backlog,
    /// the indexing running on this thread while the stories are traced on
    /// others. Returns (stories written, articles indexed).
    pub fn finish_backlogs(&mut self) -> Result<(usize, usize)> {
        self.finish_backlogs_reporting(|_| {})
    }

    /// [`Store::finish_backlogs`], telling `report` each step as it starts,
    /// each part of the stories as it starts, and when all are done.
    pub fn finish_backlogs_reporting(
        &mut self,
        mut report: impl FnMut(Finishing),
    ) -> Result<(usize, usize)> {
        report(Finishing::Fingerprints {
            articles: self.count_rows("fingerprint_backlog")?,
        });
        self.flush_fingerprint_backlog()?;
        report(Finishing::Grouping {
            articles: self.count_rows("story_backlog")?,
        });
        let tracer = self.tracer.clone();
        self.in_transaction(|tx, path| {
            let sql = |source| StoreError::Sqlite {
                path: path.to_string(),
                source,
            };
            let ids = backlog_ids(tx).map_err(sql)?;
            let (mut indexed, mut parts) = (0, 1);
            let stories = crate::stories::refresh_with(
                tx,
                tracer.as_deref(),
                &std::collections::BTreeSet::new(),
                path,
                |tx, i, n| {
                    // Part i starts tracing as this runs: parts before it
                    // are traced and written.
                    parts = n;
                    let to_index = ids.len();
                    report(Finishing::Stories {
                        done: i,
                        parts,
                        indexed,
                        to_index,
                    });
                    // Piece i of n of the backlog, in key order.
                    let per = ids.len().div_ceil(n).max(1);
                    if let Some(piece) = ids.chunks(per).nth(i) {
                        indexed += index_range(tx, piece[0], piece[piece.len() - 1])?;
                    }
                    Ok(())
                },
            )?;
            let to_index = ids.len();
            report(Finishing::Stories {
                done: parts,
                parts,
                indexed,
                to_index,
            });
            tx.execute("DELETE FROM search_backlog", []).map_err(sql)?;
            Ok((stories, indexed))
        })
    }
}

impl Store {
    /// Rows in one of the store's own backlog tables.
    fn count_rows(&self, table: &'static str) -> Result<usize> {
        self.conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(self.sql())
    }
}

fn backlog_ids(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT article FROM search_backlog ORDER BY article")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}

/// Indexes the backlog's articles with keys in `lo..=hi`; the caller
/// empties the backlog.
fn index_range(conn: &Connection, lo: i64, hi: i64) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, byline, site, text)
         SELECT a.id, a.title, a.byline, a.site, a.text
         FROM search_backlog b CROSS JOIN articles a ON a.id = b.article
         WHERE b.article BETWEEN ?1 AND ?2
         ORDER BY b.article",
        [lo, hi],
    )
}

/// Queues a freshly stored article for the full-text index.
pub(crate) fn queue(conn: &Connection, key: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO search_backlog (article) VALUES (?1)")?
        .execute([key])?;
    Ok(())
}

/// Indexes and empties the backlog inside the caller's transaction. The
/// backlog drives the join (`CROSS JOIN` fixes the order): ordered by the
/// article key instead, SQLite scans every stored article to find the few
/// queued — 0.2 s per added page on a 100k-article store.
pub(crate) fn index_backlog(conn: &Connection) -> rusqlite::Result<usize> {
    let n = conn.execute(
        "INSERT INTO articles_fts (rowid, title, byline, site, text)
         SELECT a.id, a.title, a.byline, a.site, a.text
         FROM search_backlog b CROSS JOIN articles a ON a.id = b.article
         ORDER BY b.article",
        [],
    )?;
    conn.execute("DELETE FROM search_backlog", [])?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_article as article;

    fn hits(store: &Store, word: &str) -> i64 {
        store.search(word, 10, 0).expect("search").total
    }

    /// FTS5's own check; `against_articles` also compares the index with
    /// the articles table, which only holds once the backlog is empty.
    fn integrity(store: &Store, against_articles: bool) {
        store
            .conn
            .execute(
                "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', ?1)",
                [i64::from(against_articles)],
            )
            .expect("full-text index consistent");
    }

    const PLANT: &str = "The harbour authority said on Monday that the old desalination plant would close next spring after forty years of service to the town.";
    const BRIDGE: &str = "Engineers inspecting the suspension bridge found corrosion in two of its main cables and asked the council to limit heavy traffic.";

    #[test]
    fn finishing_a_bulk_ingest_indexes_and_traces_everything() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = crate::test_store(&dir.path().join("s.db")).expect("open");
        store.set_search_indexing(SearchIndexing::Deferred);
        store.set_story_tracing(crate::StoryTracing::Deferred);
        // a and c are copies of one story (long enough to match).
        let story = format!("{PLANT} {BRIDGE}");
        store.ingest_batch(&[article("a", &story)]).expect("ingest");
        store
            .ingest_batch(&[article("b", BRIDGE), article("c", &format!("{story} End."))])
            .expect("ingest");
        assert_eq!(hits(&store, "desalination"), 0, "not indexed yet");
        assert_eq!(store.finish_backlogs().expect("finish"), (1, 3));
        assert_eq!(hits(&store, "desalination"), 2);
        assert_eq!(hits(&store, "corrosion"), 3);
        integrity(&store, true);
        assert_eq!(store.counts().expect("counts").2, 1, "a and c: one story");
        assert_eq!(store.finish_backlogs().expect("again"), (0, 0));
    }

    #[test]
    fn finishing_reports_each_step_with_its_count_and_total() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = crate::test_store(&dir.path().join("s.db")).expect("open");
        store.set_search_indexing(SearchIndexing::Deferred);
        store.set_story_tracing(crate::StoryTracing::Deferred);
        store.set_fingerprint_indexing(crate::FingerprintIndexing::Deferred);
        let story = format!("{PLANT} {BRIDGE}");
        store
            .ingest_batch(&[article("a", &story), article("b", &format!("{story} End."))])
            .expect("ingest");
        let mut steps = Vec::new();
        store
            .finish_backlogs_reporting(|step| steps.push(step))
            .expect("finish");
        let stories = |done, indexed| Finishing::Stories {
            done,
            parts: 1,
            indexed,
            to_index: 2,
        };
        assert_eq!(
            steps,
            [
                Finishing::Fingerprints { articles: 2 },
                Finishing::Grouping { articles: 2 },
                stories(0, 0),
                stories(1, 2),
            ]
        );
    }

    #[test]
    fn every_batch_mode_indexes_at_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = crate::test_store(&dir.path().join("s.db")).expect("open");
        store.ingest_batch(&[article("a", PLANT)]).expect("ingest");
        assert_eq!(hits(&store, "desalination"), 1);
        integrity(&store, true);
    }

    #[test]
    fn deferred_mode_indexes_when_asked_and_survives_replacement() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = crate::test_store(&dir.path().join("s.db")).expect("open");
        store.set_search_indexing(SearchIndexing::Deferred);
        store.ingest_batch(&[article("a", PLANT)]).expect("ingest");
        assert_eq!(hits(&store, "desalination"), 0, "not indexed yet");
        // Replacing a page still waiting in the backlog must not ask FTS5
        // to delete a row it never indexed.
        store
            .ingest_batch(&[article("a", BRIDGE)])
            .expect("replace");
        integrity(&store, false);
        assert_eq!(store.index_search_backlog().expect("index"), 1);
        assert_eq!(hits(&store, "desalination"), 0);
        assert_eq!(hits(&store, "corrosion"), 1);
        // Replacing an indexed page removes its old text from the index.
        store
            .ingest_batch(&[article("a", PLANT)])
            .expect("replace again");
        store.index_search_backlog().expect("index");
        assert_eq!(hits(&store, "corrosion"), 0);
        assert_eq!(hits(&store, "desalination"), 1);
        integrity(&store, true);
    }
}
