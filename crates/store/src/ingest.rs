//! Adding a batch of extracted articles: one transaction that stores them,
//! indexes their fingerprints, matches each against everything stored before
//! it, and re-traces the stories it touched.
//!
//! Articles are matched one after another in batch order, each against all
//! earlier ones, so ingesting a corpus in one batch or in several gives the
//! same pairs and stories.

use std::collections::BTreeSet;

use rusqlite::{params, OptionalExtension, Transaction};

use reprint_extract::Article;
use reprint_match::fingerprint::{fnv1a, to_stored};
use reprint_match::{PairMatch, TextPrint};

use crate::{matching, stories, Result, Store, StoreError};

/// An extracted article ready to store.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// The input's identifier (JSONL id, path, WARC URI): unique in a store.
    pub ext_id: String,
    /// Where it was read from, for messages.
    pub origin: String,
    pub url: Option<String>,
    pub fetched: Option<String>,
    pub article: Article,
}

/// What happened to one article of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    Added,
    /// Already stored with the same text: nothing changed.
    Unchanged,
    /// Stored before under the same id with other text: replaced.
    Replaced,
}

/// Counts for one batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchReport {
    pub added: usize,
    pub unchanged: usize,
    pub replaced: usize,
    pub pairs: usize,
    pub stories_touched: usize,
}

impl Store {
    /// Stores, matches and traces a batch in one transaction: either all of
    /// it is stored or none of it.
    pub fn ingest_batch(&mut self, batch: &[NewArticle]) -> Result<BatchReport> {
        let path = self.name();
        let sql = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sql)?;
        let mut report = BatchReport::default();
        let mut touched: BTreeSet<i64> = BTreeSet::new();
        for item in batch {
            let (outcome, key, print) = store_article(&tx, item, &mut touched).map_err(sql)?;
            match outcome {
                IngestOutcome::Unchanged => {
                    report.unchanged += 1;
                    continue;
                }
                IngestOutcome::Added => report.added += 1,
                IngestOutcome::Replaced => report.replaced += 1,
            }
            let text = item.article.text();
            let found = matching::match_text(&tx, &text, &print, Some(key)).map_err(sql)?;
            for (other, m) in &found {
                insert_pair(&tx, key, *other, m).map_err(sql)?;
            }
            report.pairs += found.len();
            index_fingerprints(&tx, key, &print).map_err(sql)?;
            touched.insert(key);
        }
        report.stories_touched = stories::refresh(&tx, &touched, &path)?;
        tx.commit().map_err(sql)?;
        Ok(report)
    }
}

/// Inserts or replaces the article; returns its key and fingerprints.
fn store_article(
    tx: &Transaction,
    item: &NewArticle,
    touched: &mut BTreeSet<i64>,
) -> rusqlite::Result<(IngestOutcome, i64, TextPrint)> {
    let text = item.article.text();
    let json = serde_json::to_string(&item.article).unwrap_or_default();
    let hash = to_stored(fnv1a(json.as_bytes()));
    let existing: Option<(i64, i64)> = tx
        .query_row(
            "SELECT id, content_hash FROM articles WHERE ext_id = ?1",
            [&item.ext_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let mut outcome = IngestOutcome::Added;
    if let Some((id, old_hash)) = existing {
        if old_hash == hash {
            return Ok((IngestOutcome::Unchanged, id, TextPrint::default()));
        }
        // The old version's story must be re-traced without it.
        let members = stories::story_members_of(tx, id)?;
        touched.extend(members.into_iter().filter(|m| *m != id));
        stories::delete_story_of(tx, id)?;
        tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
        outcome = IngestOutcome::Replaced;
    }
    let print = TextPrint::of(&text);
    let a = &item.article;
    tx.execute(
        "INSERT INTO articles (ext_id, origin, url, site, title, byline, published, fetched,
             content_hash, words, fingerprint_count, text, article_json, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, datetime('now'))",
        params![
            item.ext_id,
            item.origin,
            item.url,
            a.site.as_ref().map(|s| &s.value),
            a.title.as_ref().map(|s| &s.value),
            a.byline.as_ref().map(|s| &s.value),
            a.published.as_ref().map(|s| &s.value),
            item.fetched,
            hash,
            print.words() as i64,
            print.fingerprints.len() as i64,
            text,
            json,
        ],
    )?;
    Ok((outcome, tx.last_insert_rowid(), print))
}

fn index_fingerprints(tx: &Transaction, key: i64, print: &TextPrint) -> rusqlite::Result<()> {
    let mut stmt =
        tx.prepare_cached("INSERT OR IGNORE INTO fingerprints (hash, article) VALUES (?1, ?2)")?;
    for h in &print.fingerprints {
        stmt.execute(params![to_stored(*h), key])?;
    }
    Ok(())
}

/// Stores a pair with the smaller key as `a`, swapping sides as needed.
fn insert_pair(tx: &Transaction, new: i64, old: i64, m: &PairMatch) -> rusqlite::Result<()> {
    let mut m = m.clone();
    let (a, b) = if old < new {
        std::mem::swap(&mut m.shared_a, &mut m.shared_b);
        for p in m.passages.iter_mut() {
            std::mem::swap(&mut p.a, &mut p.b);
        }
        (old, new)
    } else {
        (new, old)
    };
    tx.execute(
        "INSERT OR REPLACE INTO pairs (a, b, kind, shared_a, shared_b, words, passages_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            a,
            b,
            m.kind.as_str(),
            f64::from(m.shared_a),
            f64::from(m.shared_b),
            m.shared_words as i64,
            serde_json::to_string(&m.passages).unwrap_or_else(|_| "[]".into()),
        ],
    )?;
    Ok(())
}
