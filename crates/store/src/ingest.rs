//! Adding a batch of extracted articles: one transaction that stores them,
//! indexes their fingerprints, matches each against everything stored before
//! it, and re-traces the stories it touched.
//!
//! Articles are matched one after another in batch order, each against all
//! earlier ones, so ingesting a corpus in one batch or in several gives the
//! same pairs and stories.

use std::collections::BTreeSet;

use rayon::prelude::*;
use rusqlite::{params, OptionalExtension, Transaction};

use reprint_extract::Article;
use reprint_match::fingerprint::{fnv1a, to_stored};
use reprint_match::{ident_of, match_batch, site_identity, MatcherParams, NewArticle as Item};
use reprint_match::{PairMatch, TextPrint};

use crate::corpus::{insert_furniture, site_id, StoreCorpus};
use crate::fingerprint_index::{Committed, Row};
use crate::search_index::{self, SearchIndexing};
use crate::stories::StoryTracing;
use crate::{fingerprint_index, prints, stories, Result, Store, StoreError};

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
    ///
    /// A store whose pairs were made under older matching rules is first
    /// re-matched whole ([`Store::rematch`]), so new pairs never mix with
    /// pairs made under other rules.
    pub fn ingest_batch(&mut self, batch: &[NewArticle]) -> Result<BatchReport> {
        if self.needs_rematch()? {
            self.rematch(|_, _| {})?;
        }
        self.prepare_bulk()?;
        let result = self.ingest_batch_in_transaction(batch);
        if result.is_err() {
            // The memory index may already lack a replaced article the
            // rolled-back batch deleted: rebuild it next batch.
            self.bulk = None;
        }
        result
    }

    fn ingest_batch_in_transaction(&mut self, batch: &[NewArticle]) -> Result<BatchReport> {
        let path = self.name();
        let sql = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sql)?;
        if self.bulk.is_none() && !fingerprint_index::backlog_is_empty(&tx).map_err(sql)? {
            // Left by an interrupted bulk ingest: matching below reads
            // only the table.
            fingerprint_index::flush_backlog(&tx).map_err(sql)?;
        }
        let mut report = BatchReport::default();
        let mut touched: BTreeSet<i64> = BTreeSet::new();
        // Texts and fingerprints are computed in parallel up front.
        let prepared: Vec<(String, TextPrint)> = batch
            .par_iter()
            .map(|item| {
                let text = item.article.text();
                let print = TextPrint::of(&text);
                (text, print)
            })
            .collect();
        let started = std::time::Instant::now();
        // Store every article first (keys in batch order) ...
        let mut stored: Vec<(i64, usize, u32)> = Vec::new();
        for (pos, (item, (text, print))) in batch.iter().zip(&prepared).enumerate() {
            let (outcome, key, replaced) =
                store_article(&tx, item, text, print, &mut touched).map_err(sql)?;
            match outcome {
                IngestOutcome::Unchanged => {
                    report.unchanged += 1;
                    continue;
                }
                IngestOutcome::Added => report.added += 1,
                IngestOutcome::Replaced => report.replaced += 1,
            }
            if let (Some((old, set)), Some(bulk)) = (&replaced, self.bulk.as_mut()) {
                if let Ok(old) = u32::try_from(*old) {
                    bulk.memory.remove(old, set);
                }
            }
            // The same id twice in one batch: the later one replaced it.
            stored.retain(|(k, _, _)| Some(*k) != replaced.as_ref().map(|r| r.0));
            let site = site_id(&tx, site_key(item).as_deref()).map_err(sql)?;
            tx.execute(
                "UPDATE articles SET site_id = ?1 WHERE id = ?2",
                params![i64::from(site), key],
            )
            .map_err(sql)?;
            stored.push((key, pos, site));
        }
        // ... then match them against everything stored before and write
        // what matching found.
        let t_store = started.elapsed();
        let items: Vec<Matched> = stored
            .iter()
            .map(|&(key, pos, site)| Matched {
                key,
                ext_id: &batch[pos].ext_id,
                text: &prepared[pos].0,
                print: &prepared[pos].1,
                site,
            })
            .collect();
        let written =
            match_and_write(&tx, self.bulk.as_ref(), &items, &mut touched).map_err(sql)?;
        report.pairs = (report.pairs as isize + written.pairs).max(0) as usize;
        let t_match = started.elapsed();
        let postings = written.postings;
        let mut flushed = false;
        if self.bulk.is_some() {
            for (key, _, _) in &stored {
                fingerprint_index::queue(&tx, *key).map_err(sql)?;
            }
            if self
                .bulk
                .as_ref()
                .is_some_and(|b| b.flush_due(postings.len()))
            {
                fingerprint_index::flush_backlog(&tx).map_err(sql)?;
                flushed = true;
            }
        } else {
            // Written once, in fingerprint order: far fewer B-tree pages
            // touched than article by article.
            let mut rows = postings.clone();
            fingerprint_index::sort_for_table(&mut rows);
            fingerprint_index::insert_postings(&tx, &rows).map_err(sql)?;
        }
        let t_index = started.elapsed();
        match self.story_tracing {
            StoryTracing::EveryBatch => {
                report.stories_touched =
                    stories::refresh(&tx, self.tracer.as_deref(), &touched, &path)?;
            }
            StoryTracing::Deferred => stories::queue(&tx, &touched).map_err(sql)?,
        }
        if self.search_indexing == SearchIndexing::EveryBatch {
            search_index::index_backlog(&tx).map_err(sql)?;
        }
        let t_stories = started.elapsed();
        tx.commit().map_err(sql)?;
        if self.bulk.is_some() {
            let committed = Committed {
                sites: stored.iter().map(|&(key, _, site)| (key, site)).collect(),
                furniture: written.furniture,
            };
            let postings = postings
                .into_iter()
                .filter_map(|r| fingerprint_index::key32((r.hash, r.key)))
                .collect();
            self.after_bulk_commit(postings, &committed, flushed)?;
        }
        tracing::debug!(
            "batch of {}: store {:?}, match and pairs {:?}, index {:?}{}, stories {:?}, commit {:?}",
            batch.len(),
            t_store,
            t_match - t_store,
            t_index - t_match,
            if flushed { " (flushed)" } else { "" },
            t_stories - t_index,
            started.elapsed() - t_stories
        );
        Ok(report)
    }
}

/// A stored article not matched yet.
pub(crate) struct Matched<'a> {
    pub(crate) key: i64,
    pub(crate) ext_id: &'a str,
    pub(crate) text: &'a str,
    pub(crate) print: &'a TextPrint,
    /// Its site id (0: none).
    pub(crate) site: u32,
}

/// What [`match_and_write`] wrote and what the index still needs.
pub(crate) struct Written {
    /// The batch's postings, to index.
    pub(crate) postings: Vec<Row>,
    /// Fingerprints that became furniture of a site.
    pub(crate) furniture: Vec<(u64, u32)>,
    /// Pairs added less pairs withdrawn.
    pub(crate) pairs: isize,
}

/// Matches stored articles against every article whose postings are
/// indexed (the table, the backlog, or a bulk ingest's memory index; not
/// these), and writes what that changes: stored pairs revised or withdrawn,
/// furniture found, the batch's pairs. Every article a pair was written or
/// withdrawn for is added to `touched`.
pub(crate) fn match_and_write(
    tx: &Transaction,
    bulk: Option<&fingerprint_index::BulkIndex>,
    batch: &[Matched],
    touched: &mut BTreeSet<i64>,
) -> rusqlite::Result<Written> {
    let items: Vec<Item> = batch
        .iter()
        .map(|m| Item {
            key: Some(m.key),
            ident: ident_of(m.ext_id),
            text: m.text,
            print: m.print,
            site: (m.site != 0).then_some(m.site),
        })
        .collect();
    let corpus = StoreCorpus {
        conn: tx,
        memory: bulk.map(|b| b.view()),
        furniture: bulk.map(|b| &b.furniture),
    };
    let result = match_batch(&corpus, &items, &MatcherParams::default())?;
    let mut pairs = 0isize;
    for r in &result.revised {
        match &r.now {
            Some(m) => insert_pair(tx, r.a, r.b, m)?,
            None => {
                tx.execute(
                    "DELETE FROM pairs WHERE a = ?1 AND b = ?2",
                    params![r.a, r.b],
                )?;
                pairs -= 1;
            }
        }
        touched.insert(r.a);
        touched.insert(r.b);
    }
    insert_furniture(tx, &result.furniture)?;
    for (m, found) in batch.iter().zip(&result.found) {
        for (other, pair) in found {
            insert_pair(tx, m.key, *other, pair)?;
        }
        pairs += found.len() as isize;
        touched.insert(m.key);
    }
    let postings = batch
        .iter()
        .flat_map(|m| {
            let set = &m.print.fingerprints;
            set.iter().map(move |&hash| Row {
                hash,
                key: m.key,
                count: set.len(),
                site: Some(m.site),
            })
        })
        .collect();
    Ok(Written {
        postings,
        furniture: result.furniture,
        pairs,
    })
}

/// The key an article replaced, and that key's fingerprint set.
type Replaced = Option<(i64, Vec<u64>)>;

/// Inserts or replaces the article; returns its key and what it replaced.
fn store_article(
    tx: &Transaction,
    item: &NewArticle,
    text: &str,
    print: &TextPrint,
    touched: &mut BTreeSet<i64>,
) -> rusqlite::Result<(IngestOutcome, i64, Replaced)> {
    let json = crate::record::article_json(&item.article);
    let hash = to_stored(fnv1a(json.as_bytes()));
    let existing: Option<(i64, i64)> = tx
        .prepare_cached("SELECT id, content_hash FROM articles WHERE ext_id = ?1")?
        .query_row([&item.ext_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let mut outcome = IngestOutcome::Added;
    let mut replaced = None;
    if let Some((id, old_hash)) = existing {
        if old_hash == hash {
            return Ok((IngestOutcome::Unchanged, id, None));
        }
        // The old version's story must be re-traced without it.
        let members = stories::story_members_of(tx, id)?;
        touched.extend(members.into_iter().filter(|m| *m != id));
        stories::delete_story_of(tx, id)?;
        let set = prints::delete(tx, id)?;
        fingerprint_index::unqueue(tx, id)?;
        tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
        outcome = IngestOutcome::Replaced;
        replaced = Some((id, set));
    }
    // The summary columns as every reader's `ArticleRow` has them; its key
    // is the row id the insert assigns.
    let row = crate::ArticleRow::of(
        0,
        item.ext_id.clone(),
        item.url.clone(),
        item.fetched.clone(),
        print.words() as i64,
        &item.article,
    );
    tx.prepare_cached(
        "INSERT INTO articles (ext_id, origin, url, site, title, byline, published, fetched,
             content_hash, words, fingerprint_count, text, article_json, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, datetime('now'))",
    )?
    .execute(params![
        row.id,
        item.origin,
        row.url,
        row.site,
        row.title,
        row.byline,
        row.published,
        row.fetched,
        hash,
        row.words,
        print.fingerprints.len() as i64,
        text,
        json,
    ])?;
    let key = tx.last_insert_rowid();
    prints::insert(tx, key, &print.fingerprints)?;
    search_index::queue(tx, key)?;
    Ok((outcome, key, replaced))
}

/// What counts as the article's site for matching (see
/// `reprint_match::site_identity`): the page's host, else its site name.
pub fn site_key(item: &NewArticle) -> Option<String> {
    // Where the page was read from names its publisher; a canonical URL
    // may point to the outlet it copied.
    let url = item
        .url
        .as_deref()
        .or(item.article.canonical_url.as_deref());
    site_identity(url, item.article.site.as_ref().map(|s| s.value.as_str()))
}

/// Stores a pair (`m` with `x` as side A) with the smaller key as `a`,
/// swapping sides as needed.
fn insert_pair(tx: &Transaction, x: i64, y: i64, m: &PairMatch) -> rusqlite::Result<()> {
    let (a, b, m) = if y < x {
        (y, x, m.clone().swapped())
    } else {
        (x, y, m.clone())
    };
    tx.prepare_cached(
        "INSERT OR REPLACE INTO pairs (a, b, kind, shared_a, shared_b, words, passages_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        a,
        b,
        m.kind.as_str(),
        f64::from(m.shared_a),
        f64::from(m.shared_b),
        m.shared_words as i64,
        crate::record::passages_json(&m.passages),
    ])?;
    Ok(())
}
