//! Keeping stories current: after a batch, the connected components that
//! contain a touched article are re-traced and their rows replaced; every
//! other story is left as it was.
//!
//! Stories are joined by copies only. Partial reuse (an excerpt, a quoted
//! passage) stays a pair between two articles: joining stories through it
//! would chain unrelated stories through every round-up that quotes both.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use reprint_match::ReuseKind;
use reprint_trace::{trace_story, Link, Origin, Story, TracedArticle};

use crate::{Result, StoreError};

/// Re-traces the stories of `touched` articles. Returns how many stories
/// were written.
pub fn refresh(tx: &Transaction, touched: &BTreeSet<i64>, path: &str) -> Result<usize> {
    let sql = |source| StoreError::Sqlite {
        path: path.to_string(),
        source,
    };
    let mut done: BTreeSet<i64> = BTreeSet::new();
    let mut written = 0;
    for &start in touched {
        if done.contains(&start) {
            continue;
        }
        let members = component(tx, start).map_err(sql)?;
        done.extend(members.iter().copied());
        for m in &members {
            delete_story_of(tx, *m).map_err(sql)?;
        }
        if members.len() < 2 {
            continue;
        }
        let articles = load_traced(tx, &members, path)?;
        let links = load_links(tx, &members).map_err(sql)?;
        let group: Vec<&TracedArticle> = articles.iter().collect();
        let story = trace_story(&group, &links);
        write_story(tx, &story, &articles).map_err(sql)?;
        written += 1;
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

/// Loads what tracing needs of each member.
pub fn load_traced(conn: &Connection, keys: &[i64], path: &str) -> Result<Vec<TracedArticle>> {
    let sql = |source| StoreError::Sqlite {
        path: path.to_string(),
        source,
    };
    let mut stmt = conn
        .prepare_cached("SELECT ext_id, url, fetched, article_json FROM articles WHERE id = ?1")
        .map_err(sql)?;
    keys.iter()
        .map(|&key| {
            let (id, url, fetched, json): (String, Option<String>, Option<String>, String) = stmt
                .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .map_err(sql)?;
            let article = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                path: path.to_string(),
                what: format!("article {id}"),
                reason: e.to_string(),
            })?;
            Ok(TracedArticle {
                key,
                id,
                url,
                fetched,
                article,
            })
        })
        .collect()
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
    let lead = headline_from.or_else(|| by_key.get(&id).copied());
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
            serde_json::to_string(story).unwrap_or_default(),
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
        .query_row(
            "SELECT story FROM story_members WHERE article = ?1",
            [article],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(s) = story {
        conn.execute("DELETE FROM stories WHERE id = ?1", [s])?;
    }
    Ok(())
}
