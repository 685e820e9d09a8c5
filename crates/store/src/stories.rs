//! Keeping stories current: after a batch, the connected components that
//! contain a touched article are re-traced and their rows replaced; every
//! other story is left as it was.
//!
//! Stories are joined by copies only. Partial reuse (an excerpt, a quoted
//! passage) stays a pair between two articles: joining stories through it
//! would chain unrelated stories through every round-up that quotes both.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use reprint_match::ReuseKind;
use reprint_trace::{trace_story, Link, Origin, Story, TracedArticle};

use crate::{Result, Store, StoreError};

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

    /// Re-traces the stories of every article waiting in the backlog, in one
    /// transaction; returns how many stories were written.
    pub fn trace_story_backlog(&mut self) -> Result<usize> {
        self.in_transaction(|tx, path| refresh(tx, &BTreeSet::new(), path))
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
pub fn refresh(tx: &Transaction, touched: &BTreeSet<i64>, path: &str) -> Result<usize> {
    refresh_with(tx, touched, path, |_, _, _| Ok(()))
}

/// [`refresh`], calling `meanwhile(tx, i, n)` on this thread while the
/// stories of chunk `i` of `n` are traced on others (once, with `n` = 1,
/// when there is nothing to trace): SQLite work of the same transaction
/// then overlaps the tracing.
pub(crate) fn refresh_with(
    tx: &Transaction,
    touched: &BTreeSet<i64>,
    path: &str,
    mut meanwhile: impl FnMut(&Transaction, usize, usize) -> rusqlite::Result<()>,
) -> Result<usize> {
    let sql = |source| StoreError::Sqlite {
        path: path.to_string(),
        source,
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
            let tracer = scope.spawn(move || {
                loaded
                    .into_par_iter()
                    .map(|(rows, mut links)| {
                        let mut articles = rows
                            .into_iter()
                            .map(|row| row.parse(path))
                            .collect::<Result<Vec<_>>>()?;
                        // Members and links in input-id order: keys follow
                        // the order pages arrived in, and the story must not.
                        articles.sort_by(|x, y| x.id.cmp(&y.id));
                        let ids: HashMap<i64, &str> =
                            articles.iter().map(|a| (a.key, a.id.as_str())).collect();
                        links.sort_by_key(|l| (ids.get(&l.a).copied(), ids.get(&l.b).copied()));
                        let group: Vec<&TracedArticle> = articles.iter().collect();
                        let story = trace_story(&group, &links);
                        let json = serde_json::to_string(&story).unwrap_or_default();
                        Ok((articles, story, json))
                    })
                    .collect::<Vec<Result<_>>>()
            });
            let side = meanwhile(tx, i, chunks.len());
            match tracer.join() {
                Ok(traced) => (side, traced),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        });
        side.map_err(sql)?;
        for t in traced {
            let (articles, story, json) = t?;
            write_story(tx, &story, &json, &articles).map_err(sql)?;
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

/// A member's row as stored, before its article is parsed.
struct Row {
    key: i64,
    id: String,
    url: Option<String>,
    fetched: Option<String>,
    json: String,
}

impl Row {
    fn parse(self, path: &str) -> Result<TracedArticle> {
        let article = serde_json::from_str(&self.json).map_err(|e| StoreError::Corrupt {
            path: path.to_string(),
            what: format!("article {}", self.id),
            reason: e.to_string(),
        })?;
        Ok(TracedArticle {
            key: self.key,
            id: self.id,
            url: self.url,
            fetched: self.fetched,
            article,
        })
    }
}

fn load_rows(conn: &Connection, keys: &[i64]) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn
        .prepare_cached("SELECT ext_id, url, fetched, article_json FROM articles WHERE id = ?1")?;
    keys.iter()
        .map(|&key| {
            stmt.query_row([key], |r| {
                Ok(Row {
                    key,
                    id: r.get(0)?,
                    url: r.get(1)?,
                    fetched: r.get(2)?,
                    json: r.get(3)?,
                })
            })
        })
        .collect()
}

/// Loads what tracing needs of each member.
pub fn load_traced(conn: &Connection, keys: &[i64], path: &str) -> Result<Vec<TracedArticle>> {
    let rows = load_rows(conn, keys).map_err(|source| StoreError::Sqlite {
        path: path.to_string(),
        source,
    })?;
    rows.into_iter().map(|row| row.parse(path)).collect()
}

/// The copy pairs among `members`.
pub fn load_links(conn: &Connection, members: &[i64]) -> rusqlite::Result<Vec<Link>> {
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
                links.push(Link {
                    a,
                    b,
                    kind: ReuseKind::parse(&kind).unwrap_or(ReuseKind::Partial),
                    shared_a: sa as f32,
                    shared_b: sb as f32,
                });
            }
        }
    }
    Ok(links)
}

fn write_story(
    tx: &Transaction,
    story: &Story,
    json: &str,
    articles: &[TracedArticle],
) -> rusqlite::Result<()> {
    let by_key: HashMap<i64, &TracedArticle> = articles.iter().map(|a| (a.key, a)).collect();
    let id = story.anchor();
    let origin_article = story
        .origin
        .article_key()
        .and_then(|k| by_key.get(&k).copied());
    let (origin_outlet, headline_from) = match &story.origin {
        Origin::Article { .. } => (origin_article.and_then(|a| a.outlet()), origin_article),
        Origin::External { outlet, .. } => (Some(outlet.clone()), None),
        Origin::Undetermined { .. } => (None, None),
    };
    // Without an origin article, the member first by input id speaks for
    // the story (not the first stored: that depends on the order of arrival).
    let lead = headline_from.or_else(|| articles.iter().min_by(|x, y| x.id.cmp(&y.id)));
    let headline = lead.and_then(|a| a.article.title.as_ref().map(|t| t.value.clone()));
    let date = lead.and_then(|a| {
        a.article
            .published
            .as_ref()
            .map(|p| p.value.clone())
            .or_else(|| a.fetched.clone())
    });
    tx.execute(
        "INSERT INTO stories (id, size, origin_article, origin_outlet, origin_confidence, headline, date, story_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            story.members.len() as i64,
            story.origin.article_key(),
            origin_outlet,
            f64::from(story.origin.confidence()),
            headline,
            date,
            json,
        ],
    )?;
    let mut member =
        tx.prepare_cached("INSERT INTO story_members (story, article) VALUES (?1, ?2)")?;
    for m in &story.members {
        member.execute(params![id, m])?;
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
        let mut every = Store::open(&dir.path().join("every.db")).unwrap();
        for b in &batches {
            every.ingest_batch(b).unwrap();
        }
        let expected = stories(&every);
        assert_eq!(expected.len(), 1);
        assert_eq!(expected[0].1, 3);

        let mut deferred = Store::open(&dir.path().join("deferred.db")).unwrap();
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
        let mut resumed = Store::open(&dir.path().join("resumed.db")).unwrap();
        resumed.set_story_tracing(StoryTracing::Deferred);
        for b in &batches[..2] {
            resumed.ingest_batch(b).unwrap();
        }
        resumed.set_story_tracing(StoryTracing::EveryBatch);
        resumed.ingest_batch(&batches[2]).unwrap();
        assert_eq!(stories(&resumed), expected);
    }
}
