//! Keeping stories current: after a batch, the connected components that
//! contain a touched article are re-traced and their rows replaced; every
//! other story is left as it was.
//!
//! Tracing is not the store's job: a [`StoryTracer`] (reprint-app's, over
//! reprint-trace) is handed each story's members and copy links as stored
//! and returns the rows to store ([`TracedStory`]). The store keeps the
//! bookkeeping: which stories are stale (the backlog, the components of
//! touched articles), in which transaction they are rewritten. A store with
//! no tracer leaves touched articles in `story_backlog`, for the next
//! ingest that has one.
//!
//! Stories are joined by copies only. Partial reuse (an excerpt, a quoted
//! passage) stays a pair between two articles: joining stories through it
//! would chain unrelated stories through every round-up that quotes both.

use std::collections::BTreeSet;
use std::sync::Arc;

use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::{Result, Store, StoreError};

/// A story member as stored: what a [`StoryTracer`] reads.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRecord {
    /// Its store key.
    pub key: i64,
    /// The input's id.
    pub id: String,
    /// The URL it was read from, if any.
    pub url: Option<String>,
    /// When it was fetched, as the input recorded.
    pub fetched: Option<String>,
    /// The extracted article as stored (JSON, an
    /// [`ArticleRecord`](crate::record::ArticleRecord)); read it with
    /// [`MemberRecord::article`].
    pub article_json: String,
}

impl MemberRecord {
    /// The stored article, read back through its record. Left to the
    /// caller (the tracer, which runs in parallel) rather than done when
    /// the rows are loaded.
    pub fn article(&self) -> std::result::Result<reprint_extract::Article, Unreadable> {
        crate::record::article_from_json(&self.article_json).map_err(|e| Unreadable {
            what: format!("article {}", self.id),
            reason: e.to_string(),
        })
    }
}

/// A stored copy pair between two members (`a` < `b`).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRecord {
    /// The smaller key.
    pub a: i64,
    /// The larger key.
    pub b: i64,
    /// "copy" (stories are joined by copies only).
    pub kind: String,
    /// Share of `a`'s text found in `b`.
    pub shared_a: f64,
    /// Share of `b`'s text found in `a`.
    pub shared_b: f64,
}

/// A traced story as the store keeps it: the columns it is listed and
/// filtered by, and the traced story itself as an opaque JSON blob.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedStory {
    /// The story's id (its anchor: the smallest member key).
    pub id: i64,
    /// Its members' keys, in the story's order.
    pub members: Vec<i64>,
    /// The origin article's key, when the origin is in the store.
    pub origin_article: Option<i64>,
    /// The origin's outlet, when there is an origin.
    pub origin_outlet: Option<String>,
    /// The origin's confidence.
    pub origin_confidence: f64,
    /// The headline the story is listed under.
    pub headline: Option<String>,
    /// The date the story is listed and filtered by.
    pub date: Option<String>,
    /// The traced story (JSON).
    pub json: String,
}

/// A stored record a tracer could not read.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// Which record ("article ID").
    pub what: String,
    /// Why.
    pub reason: String,
}

/// Traces one story from its members and copy links as stored. Called in
/// parallel, inside the transaction that writes what it returns.
pub trait StoryTracer: Send + Sync {
    /// The story of `members` (two or more, in key order) joined by `links`.
    fn trace(
        &self,
        members: Vec<MemberRecord>,
        links: Vec<LinkRecord>,
    ) -> std::result::Result<TracedStory, Unreadable>;
}

/// When the stories an ingest batch touched are re-traced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StoryTracing {
    /// At the end of every batch, in the batch's transaction.
    #[default]
    EveryBatch,
    /// The touched articles wait in `story_backlog` until
    /// [`Store::trace_story_backlog`] is called: a bulk ingest then traces
    /// each story once, at its final size, instead of once per batch that
    /// added to it. A backlog left by an interrupted ingest is traced by the
    /// next batch ingested in `EveryBatch` mode or by the next bulk ingest.
    Deferred,
}

impl Store {
    /// Chooses when the stories touched by ingested batches are re-traced.
    pub fn set_story_tracing(&mut self, mode: StoryTracing) {
        self.story_tracing = mode;
    }

    /// Sets what traces stories (see the module's documentation).
    pub fn set_story_tracer(&mut self, tracer: Arc<dyn StoryTracer>) {
        self.tracer = Some(tracer);
    }

    /// Re-traces the stories of every article waiting in the backlog, in one
    /// transaction; returns how many stories were written.
    pub fn trace_story_backlog(&mut self) -> Result<usize> {
        let tracer = self.tracer.clone();
        self.in_transaction(|tx, path| refresh(tx, tracer.as_deref(), &BTreeSet::new(), path))
    }
}

/// Queues touched articles for [`Store::trace_story_backlog`].
pub(crate) fn queue(conn: &Connection, touched: &BTreeSet<i64>) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO story_backlog (article) VALUES (?1)")?;
    for k in touched {
        stmt.execute([k])?;
    }
    Ok(())
}

/// Components traced together: loading is serial (one connection), tracing
/// runs in parallel, writing is serial again.
const TRACE_CHUNK: usize = 64;

/// Re-traces the stories of `touched` articles and of every article in the
/// backlog, which it empties. Returns how many stories were written.
pub(crate) fn refresh(
    tx: &Transaction,
    tracer: Option<&dyn StoryTracer>,
    touched: &BTreeSet<i64>,
    path: &str,
) -> Result<usize> {
    refresh_with(tx, tracer, touched, path, |_, _, _| Ok(()))
}

/// [`refresh`], calling `meanwhile(tx, i, n)` on this thread while the
/// stories of chunk `i` of `n` are traced on others (once, with `n` = 1,
/// when there is nothing to trace): SQLite work of the same transaction
/// then overlaps the tracing.
pub(crate) fn refresh_with(
    tx: &Transaction,
    tracer: Option<&dyn StoryTracer>,
    touched: &BTreeSet<i64>,
    path: &str,
    mut meanwhile: impl FnMut(&Transaction, usize, usize) -> rusqlite::Result<()>,
) -> Result<usize> {
    let sql = |source| StoreError::Sqlite {
        path: path.to_string(),
        source,
    };
    let Some(tracer) = tracer else {
        // Nothing here can trace: the stories wait for an ingest that can.
        queue(tx, touched).map_err(sql)?;
        meanwhile(tx, 0, 1).map_err(sql)?;
        return Ok(0);
    };
    let mut touched = touched.clone();
    {
        let mut stmt = tx
            .prepare_cached("SELECT article FROM story_backlog")
            .map_err(sql)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(sql)?;
        for k in rows {
            touched.insert(k.map_err(sql)?);
        }
    }
    tx.execute("DELETE FROM story_backlog", []).map_err(sql)?;
    // Each component once, however many of its members were touched.
    let mut done: BTreeSet<i64> = BTreeSet::new();
    let mut components: Vec<Vec<i64>> = Vec::new();
    for &start in &touched {
        if done.contains(&start) {
            continue;
        }
        let members = component(tx, start).map_err(sql)?;
        done.extend(members.iter().copied());
        for m in &members {
            delete_story_of(tx, *m).map_err(sql)?;
        }
        if members.len() >= 2 {
            components.push(members);
        }
    }
    let mut written = 0;
    let chunks: Vec<&[Vec<i64>]> = components.chunks(TRACE_CHUNK).collect();
    if chunks.is_empty() {
        meanwhile(tx, 0, 1).map_err(sql)?;
    }
    for (i, chunk) in chunks.iter().enumerate() {
        let loaded = chunk
            .iter()
            .map(|members| {
                let rows = load_rows(tx, members).map_err(sql)?;
                let links = load_links(tx, members).map_err(sql)?;
                Ok((rows, links))
            })
            .collect::<Result<Vec<_>>>()?;
        let (side, traced) = std::thread::scope(|scope| {
            let tracing = scope.spawn(move || {
                loaded
                    .into_par_iter()
                    .map(|(rows, links)| tracer.trace(rows, links))
                    .collect::<Vec<_>>()
            });
            let side = meanwhile(tx, i, chunks.len());
            match tracing.join() {
                Ok(traced) => (side, traced),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        });
        side.map_err(sql)?;
        for t in traced {
            let story = t.map_err(|u| StoreError::Corrupt {
                path: path.to_string(),
                what: u.what,
                reason: u.reason,
            })?;
            write_story(tx, &story).map_err(sql)?;
            written += 1;
        }
    }
    Ok(written)
}

/// Every article reachable from `start` through stored pairs.
fn component(conn: &Connection, start: i64) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b FROM pairs WHERE a = ?1 AND kind = 'copy'
         UNION SELECT a FROM pairs WHERE b = ?1 AND kind = 'copy'",
    )?;
    let mut seen: BTreeSet<i64> = BTreeSet::from([start]);
    let mut queue = vec![start];
    while let Some(k) = queue.pop() {
        let next: Vec<i64> = stmt
            .query_map([k], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for n in next {
            if seen.insert(n) {
                queue.push(n);
            }
        }
    }
    Ok(seen.into_iter().collect())
}

/// The members' records, in the order of `keys`.
pub(crate) fn load_rows(conn: &Connection, keys: &[i64]) -> rusqlite::Result<Vec<MemberRecord>> {
    let mut stmt = conn
        .prepare_cached("SELECT ext_id, url, fetched, article_json FROM articles WHERE id = ?1")?;
    keys.iter()
        .map(|&key| {
            stmt.query_row([key], |r| {
                Ok(MemberRecord {
                    key,
                    id: r.get(0)?,
                    url: r.get(1)?,
                    fetched: r.get(2)?,
                    article_json: r.get(3)?,
                })
            })
        })
        .collect()
}

/// The copy pairs among `members`.
fn load_links(conn: &Connection, members: &[i64]) -> rusqlite::Result<Vec<LinkRecord>> {
    let set: BTreeSet<i64> = members.iter().copied().collect();
    let mut stmt = conn.prepare_cached(
        "SELECT a, b, kind, shared_a, shared_b FROM pairs WHERE a = ?1 AND kind = 'copy'",
    )?;
    let mut links = Vec::new();
    for &a in members {
        let rows = stmt.query_map([a], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, f64>(3)?,
                r.get::<_, f64>(4)?,
            ))
        })?;
        for row in rows {
            let (a, b, kind, sa, sb) = row?;
            if set.contains(&b) {
                links.push(LinkRecord {
                    a,
                    b,
                    kind,
                    shared_a: sa,
                    shared_b: sb,
                });
            }
        }
    }
    Ok(links)
}

fn write_story(tx: &Transaction, story: &TracedStory) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO stories (id, size, origin_article, origin_outlet, origin_confidence, headline, date, story_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            story.id,
            story.members.len() as i64,
            story.origin_article,
            story.origin_outlet,
            story.origin_confidence,
            story.headline,
            story.date,
            story.json,
        ],
    )?;
    let mut member =
        tx.prepare_cached("INSERT INTO story_members (story, article) VALUES (?1, ?2)")?;
    for m in &story.members {
        member.execute(params![story.id, m])?;
    }
    Ok(())
}

/// The members of the story `article` belongs to (empty if none).
pub fn story_members_of(conn: &Connection, article: i64) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.article FROM story_members m
         JOIN story_members s ON s.story = m.story WHERE s.article = ?1",
    )?;
    let rows = stmt.query_map([article], |r| r.get(0))?;
    rows.collect()
}

/// Deletes the story `article` belongs to, if any.
pub fn delete_story_of(conn: &Connection, article: i64) -> rusqlite::Result<()> {
    let story: Option<i64> = conn
        .prepare_cached("SELECT story FROM story_members WHERE article = ?1")?
        .query_row([article], |r| r.get(0))
        .optional()?;
    if let Some(s) = story {
        conn.prepare_cached("DELETE FROM stories WHERE id = ?1")?
            .execute([s])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The regional water board voted on Thursday to raise rates for the third time in four years, saying the cost of repairing aging pipes and building a new treatment plant had outpaced its revenue. Residents who spoke at the meeting said the increase would fall hardest on families already struggling with rent, and several asked the board to phase it in over two years. The chair said the board would study a discount for low-income households and report back next month, but warned that delaying the repairs would only make them more expensive.";

    use crate::test_article as article;

    fn stories(store: &Store) -> Vec<(i64, i64, String)> {
        let mut stmt = store
            .conn
            .prepare("SELECT id, size, story_json FROM stories ORDER BY id")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    /// Tracing once at the end gives the stories tracing after every batch
    /// gives; a backlog left behind is picked up by the next batch.
    #[test]
    fn deferred_tracing_gives_the_same_stories() {
        let dir = tempfile::tempdir().unwrap();
        let batches = [
            vec![article("a", STORY)],
            vec![article("b", &format!("{STORY} Copyright the Herald."))],
            vec![article("c", &format!("By Jo Bloggs. {STORY}"))],
        ];
        let mut every = crate::test_store(&dir.path().join("every.db")).unwrap();
        for b in &batches {
            every.ingest_batch(b).unwrap();
        }
        let expected = stories(&every);
        assert_eq!(expected.len(), 1);
        assert_eq!(expected[0].1, 3);

        let mut deferred = crate::test_store(&dir.path().join("deferred.db")).unwrap();
        deferred.set_story_tracing(StoryTracing::Deferred);
        for b in &batches {
            deferred.ingest_batch(b).unwrap();
        }
        assert!(stories(&deferred).is_empty(), "not traced yet");
        assert_eq!(deferred.trace_story_backlog().unwrap(), 1);
        assert_eq!(stories(&deferred), expected);
        assert_eq!(
            deferred.trace_story_backlog().unwrap(),
            0,
            "backlog emptied"
        );

        // An interrupted bulk ingest's backlog is traced by the next batch.
        let mut resumed = crate::test_store(&dir.path().join("resumed.db")).unwrap();
        resumed.set_story_tracing(StoryTracing::Deferred);
        for b in &batches[..2] {
            resumed.ingest_batch(b).unwrap();
        }
        resumed.set_story_tracing(StoryTracing::EveryBatch);
        resumed.ingest_batch(&batches[2]).unwrap();
        assert_eq!(stories(&resumed), expected);
    }
}
