//! Keeping the fingerprint index (`fingerprints`: fingerprint → article)
//! that matching looks new articles up in.
//!
//! By default each batch writes its postings into the table (a server adding
//! pages one at a time). That costs a batch a few B-tree pages per posting,
//! read and rewritten; at a million articles the index is ~2 GB and a
//! batch's postings, spread uniformly over it, touch most of its leaves, so
//! a bulk ingest slows down as it grows. In bulk mode (`Deferred`) new
//! articles' postings wait in `fingerprint_backlog` (their sets are already
//! in `prints`) and are written in fingerprint order, once per
//! [`FLUSH_POSTINGS`] and when the ingest finishes. Look-ups then go to a
//! [`MemoryIndex`]: at first it holds only the backlog (the table answers
//! for the rest), and once the ingest has added more than a sixteenth of
//! what the store held, every stored posting is loaded into it, so the table
//! is only ever written in sorted flushes and never read per batch.
//!
//! Invariants: every stored article's postings are in the table or its key
//! is in the backlog, never both missing; the backlog is flushed in the same
//! transaction that empties it. Readers in other processes (trace, serve)
//! look the backlog up too, so nothing a running bulk ingest committed is
//! missed. A backlog left by an interrupted ingest is flushed by the next
//! ingest. The memory index is only trusted while no other connection has
//! written (`PRAGMA data_version`); after a failed batch or another
//! writer's commit it is rebuilt.

use rusqlite::{params, Connection, Transaction};

use reprint_match::fasthash::{FastMap, FastSet};
use reprint_match::fingerprint::{from_stored, to_stored};
use reprint_match::MemoryIndex;

use crate::{prints, Result, Store, StoreError};

/// Postings that may wait in the backlog before a flush writes them:
/// ~130,000 articles' worth. Bounds what an interrupted ingest leaves to
/// redo and what a reader in another process decodes from the backlog.
pub const FLUSH_POSTINGS: usize = 16 << 20;

/// The memory index takes over every look-up once the ingest has added
/// this fraction (1/n) of the articles stored before it: loading costs a
/// scan of the table, worth it only for an ingest that is large next to the
/// store.
pub const LOAD_FRACTION: usize = 16;

/// Look-ups of up to this many fingerprints (a page or a few) read each
/// fingerprint's postings with its own capped statement.
const CAPPED_LOOKUPS: usize = 2048;

/// When a bulk ingest flushes and loads (see [`FLUSH_POSTINGS`] and
/// [`LOAD_FRACTION`]; a `load_fraction` of 0 never loads); tests shrink
/// them to reach every path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkTuning {
    pub flush_postings: usize,
    pub load_fraction: usize,
}

impl Default for BulkTuning {
    fn default() -> Self {
        BulkTuning {
            flush_postings: FLUSH_POSTINGS,
            load_fraction: LOAD_FRACTION,
        }
    }
}

/// When new articles' postings are written to the fingerprint table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FingerprintIndexing {
    /// In every batch's transaction.
    #[default]
    EveryBatch,
    /// Through the backlog, flushed in fingerprint order (see the module
    /// documentation); [`Store::finish_backlogs`] flushes what is left.
    Deferred,
}

/// A key's site in [`BulkIndex::sites`] when not known there (read from
/// its article instead).
pub(crate) const SITE_UNKNOWN: u32 = u32::MAX;

/// A bulk ingest's look-up state.
#[derive(Debug)]
pub(crate) struct BulkIndex {
    pub(crate) memory: MemoryIndex,
    /// Each held key's site id (0: none; [`SITE_UNKNOWN`]), by key.
    pub(crate) sites: Vec<u32>,
    /// Every site furniture fingerprint `(fingerprint, site)`: read once,
    /// then kept up to date by the ingest.
    pub(crate) furniture: FastSet<(u64, u32)>,
    /// Whether `memory` holds every stored posting; otherwise it holds the
    /// backlog's and the table the rest.
    pub(crate) complete: bool,
    /// Postings waiting in the backlog.
    backlog_postings: usize,
    /// Articles stored when the ingest began, and added since.
    stored_before: usize,
    added: usize,
    tuning: BulkTuning,
    /// `PRAGMA data_version` after this connection's last commit.
    data_version: i64,
}

impl BulkIndex {
    /// The backlog was just written to the table: an index holding only
    /// the backlog now holds nothing the table lacks.
    fn backlog_written(&mut self) {
        self.backlog_postings = 0;
        if !self.complete {
            self.memory = MemoryIndex::new();
        }
    }

    /// Whether a batch's new postings push the backlog past a flush.
    pub(crate) fn flush_due(&self, new_postings: usize) -> bool {
        self.backlog_postings + new_postings >= self.tuning.flush_postings
    }
}

impl Store {
    /// Chooses when new articles' postings reach the fingerprint table.
    pub fn set_fingerprint_indexing(&mut self, mode: FingerprintIndexing) {
        self.fingerprint_indexing = mode;
        self.bulk = None;
    }

    /// Changes when a bulk ingest flushes and loads (the defaults suit
    /// every corpus size; tests shrink them).
    pub fn tune_bulk_indexing(&mut self, tuning: BulkTuning) {
        self.bulk_tuning = tuning;
        self.bulk = None;
    }

    /// Makes the bulk state current before a batch: built from the backlog
    /// on first use, rebuilt when another connection wrote since.
    pub(crate) fn prepare_bulk(&mut self) -> Result<()> {
        if self.fingerprint_indexing != FingerprintIndexing::Deferred {
            return Ok(());
        }
        let version = data_version(&self.conn).map_err(self.sql())?;
        if matches!(&self.bulk, Some(b) if b.data_version == version) {
            return Ok(());
        }
        let started = std::time::Instant::now();
        let stored_before: i64 = self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM articles", [], |r| {
                r.get(0)
            })
            .map_err(self.sql())?;
        // Keys are held as u32; a store counting near that (never seen on
        // one machine) keeps writing the table batch by batch.
        if stored_before > i64::from(u32::MAX / 2) {
            self.fingerprint_indexing = FingerprintIndexing::EveryBatch;
            self.bulk = None;
            return Ok(());
        }
        let pending = backlog_postings(&self.conn, None).map_err(self.sql())?;
        let backlog_postings = pending.len();
        let mut memory = MemoryIndex::new();
        let mut sites = Vec::new();
        for p in &pending {
            note_site(&mut sites, p.key, p.site);
        }
        memory.add(
            pending
                .into_iter()
                .filter_map(|p| key32((p.hash, p.key)))
                .collect(),
        );
        let furniture = all_furniture(&self.conn).map_err(self.sql())?;
        tracing::debug!(
            "bulk index from the backlog: {} postings in {:?}",
            backlog_postings,
            started.elapsed()
        );
        self.bulk = Some(BulkIndex {
            memory,
            sites,
            furniture,
            complete: false,
            backlog_postings,
            stored_before: stored_before.max(0) as usize,
            added: 0,
            tuning: self.bulk_tuning,
            data_version: version,
        });
        Ok(())
    }

    /// After a committed batch: its postings join the memory index (unless
    /// a flush just wrote them to the table and the index holds only the
    /// backlog), and the index takes over every look-up once the ingest is
    /// large enough.
    pub(crate) fn after_bulk_commit(
        &mut self,
        postings: Vec<(u64, u32)>,
        committed: &Committed,
        flushed: bool,
    ) -> Result<()> {
        let version = data_version(&self.conn).map_err(self.sql())?;
        let Some(bulk) = self.bulk.as_mut() else {
            return Ok(());
        };
        let articles = committed.sites.len();
        for &(key, site) in &committed.sites {
            note_site(&mut bulk.sites, key, Some(site));
        }
        bulk.furniture.extend(committed.furniture.iter().copied());
        bulk.data_version = version;
        bulk.added += articles;
        if flushed {
            bulk.backlog_written();
        } else {
            bulk.backlog_postings += postings.len();
        }
        if bulk.complete || !flushed {
            bulk.memory.add(postings);
        }
        if !bulk.complete && bulk.added * bulk.tuning.load_fraction >= bulk.stored_before {
            let started = std::time::Instant::now();
            let (table, sites) = table_postings(&self.conn).map_err(self.sql())?;
            let n = table.len();
            let bulk = self.bulk.as_mut().expect("bulk state");
            bulk.memory.add(table);
            for (key, site) in sites {
                note_site(&mut bulk.sites, key, Some(site));
            }
            bulk.complete = true;
            tracing::info!(
                "fingerprint index loaded into memory: {} postings from the table in {:?}, {} MB",
                n,
                started.elapsed(),
                bulk.memory.memory_bytes() >> 20
            );
        }
        Ok(())
    }

    /// Writes the fingerprint backlog to the table, in one transaction;
    /// returns the postings written.
    pub fn flush_fingerprint_backlog(&mut self) -> Result<usize> {
        let written = self.in_transaction(|tx, path| {
            flush_backlog(tx).map_err(|source| StoreError::Sqlite {
                path: path.to_string(),
                source,
            })
        })?;
        let version = data_version(&self.conn).map_err(self.sql())?;
        if let Some(bulk) = self.bulk.as_mut() {
            bulk.backlog_written();
            bulk.data_version = version;
        }
        Ok(written)
    }
}

/// What a committed bulk batch adds to the look-up state besides its
/// postings: each new article's `(key, site id)` and the furniture found.
#[derive(Debug, Default)]
pub(crate) struct Committed {
    pub(crate) sites: Vec<(i64, u32)>,
    pub(crate) furniture: Vec<(u64, u32)>,
}

/// Records a key's site (0: none) in a by-key vector; keys beyond `u32`
/// and unknown sites are left to the table.
fn note_site(sites: &mut Vec<u32>, key: i64, site: Option<u32>) {
    let (Ok(k), Some(site)) = (u32::try_from(key), site) else {
        return;
    };
    let k = k as usize;
    if k >= sites.len() {
        sites.resize(k + 1, SITE_UNKNOWN);
    }
    sites[k] = site;
}

/// Every `(fingerprint, site)` of `site_furniture` (absent before
/// migration 7).
pub(crate) fn all_furniture(conn: &Connection) -> rusqlite::Result<FastSet<(u64, u32)>> {
    let mut out = FastSet::default();
    if !has_table(conn, "site_furniture")? {
        return Ok(out);
    }
    let mut stmt = conn.prepare("SELECT hash, site FROM site_furniture")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.insert((from_stored(r.get(0)?), r.get::<_, i64>(1)? as u32));
    }
    Ok(out)
}

/// An article key as the memory index holds it; keys beyond `u32` (never
/// reached by a store that counts up from 1) are left to the table.
pub(crate) fn key32((h, key): (u64, i64)) -> Option<(u64, u32)> {
    Some((h, u32::try_from(key).ok()?))
}

fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
}

fn has_backlog_table(conn: &Connection) -> rusqlite::Result<bool> {
    has_table(conn, "fingerprint_backlog")
}

/// Whether a table exists (a store opened read-only may predate it).
pub(crate) fn has_table(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")?
        .exists([name])
}

/// Whether the fingerprint table has a column (added by migrations 6, 7).
fn has_column(conn: &Connection, column: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM pragma_table_info('fingerprints') WHERE name = ?1")?
        .exists([column])
}

/// Queues freshly stored articles' postings for a later flush.
pub(crate) fn queue(conn: &Connection, key: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO fingerprint_backlog (article) VALUES (?1)")?
        .execute([key])?;
    Ok(())
}

/// Takes an article out of the backlog (it is being deleted).
pub(crate) fn unqueue(conn: &Connection, key: i64) -> rusqlite::Result<()> {
    if has_backlog_table(conn)? {
        conn.prepare_cached("DELETE FROM fingerprint_backlog WHERE article = ?1")?
            .execute([key])?;
    }
    Ok(())
}

/// Stored postings found for a set of fingerprints: the keys holding each,
/// and the fingerprint counts and sites (0: none) of those keys where the
/// postings carried them (see migrations 6 and 7).
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub(crate) postings: FastMap<u64, Vec<i64>>,
    pub(crate) counts: FastMap<i64, usize>,
    pub(crate) sites: FastMap<i64, u32>,
}

/// One posting as written to the table: the fingerprint, its article, and
/// what matching needs of the article (fingerprint count, site id; 0: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Row {
    pub(crate) hash: u64,
    pub(crate) key: i64,
    pub(crate) count: usize,
    pub(crate) site: Option<u32>,
}

/// The backlog's postings, all of them or only those of `wanted`
/// fingerprints.
pub(crate) fn backlog_postings(
    conn: &Connection,
    wanted: Option<&FastSet<u64>>,
) -> rusqlite::Result<Vec<Row>> {
    let mut out = Vec::new();
    if !has_backlog_table(conn)? {
        return Ok(out);
    }
    let site = if has_column(conn, "site")? {
        "a.site_id"
    } else {
        "NULL"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.article, p.hashes, {site} FROM fingerprint_backlog b
         CROSS JOIN prints p ON p.article = b.article
         JOIN articles a ON a.id = b.article ORDER BY b.article"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key: i64 = r.get(0)?;
        let set = prints::decode(r.get_ref(1)?.as_blob()?);
        let site = r.get::<_, Option<i64>>(2)?.map(|s| s as u32);
        let count = set.len();
        for hash in set {
            if wanted.is_none_or(|w| w.contains(&hash)) {
                out.push(Row {
                    hash,
                    key,
                    count,
                    site,
                });
            }
        }
    }
    Ok(out)
}

/// Postings `(fingerprint, key)` for the memory index, and the sites
/// (0: none) the postings record for their keys.
type TablePostings = (Vec<(u64, u32)>, FastMap<i64, u32>);

/// Every posting in the table, sorted by fingerprint, and the sites the
/// postings record for their keys.
fn table_postings(conn: &Connection) -> rusqlite::Result<TablePostings> {
    let site = if has_column(conn, "site")? {
        "site"
    } else {
        "NULL"
    };
    let mut stmt = conn.prepare(&format!("SELECT hash, article, {site} FROM fingerprints"))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    let mut sites = FastMap::default();
    while let Some(r) = rows.next()? {
        let key: i64 = r.get(1)?;
        if let Some(p) = key32((from_stored(r.get(0)?), key)) {
            out.push(p);
        }
        if let Some(s) = r.get::<_, Option<i64>>(2)? {
            sites.insert(key, s as u32);
        }
    }
    // The table is in signed order: the negative half, as unsigned values
    // the larger, comes first.
    let negative = out.partition_point(|p| to_stored(p.0) < 0);
    out.rotate_left(negative);
    Ok((out, sites))
}

/// Writes the backlog's postings to the table in fingerprint order (each
/// leaf page the flush touches is then written once) and empties it.
pub(crate) fn flush_backlog(tx: &Transaction) -> rusqlite::Result<usize> {
    if !has_backlog_table(tx)? {
        return Ok(0);
    }
    let mut postings = backlog_postings(tx, None)?;
    sort_for_table(&mut postings);
    insert_postings(tx, &postings)?;
    tx.execute("DELETE FROM fingerprint_backlog", [])?;
    Ok(postings.len())
}

/// Sorts postings in the table's order (fingerprints as signed values).
pub(crate) fn sort_for_table(postings: &mut [Row]) {
    postings.sort_unstable_by_key(|r| (to_stored(r.hash), r.key));
}

/// Inserts postings, sorted by [`sort_for_table`].
pub(crate) fn insert_postings(tx: &Transaction, postings: &[Row]) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO fingerprints (hash, article, fingerprint_count, site)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for r in postings {
        stmt.execute(params![
            to_stored(r.hash),
            r.key,
            r.count as i64,
            r.site.map(i64::from)
        ])?;
    }
    Ok(())
}

/// Whether the backlog holds anything (cheap: its first row).
pub(crate) fn backlog_is_empty(conn: &Connection) -> rusqlite::Result<bool> {
    if !has_backlog_table(conn)? {
        return Ok(true);
    }
    Ok(!conn
        .prepare_cached("SELECT 1 FROM fingerprint_backlog LIMIT 1")?
        .exists([])?)
}

/// A bulk ingest's memory index as look-ups see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MemoryView<'a> {
    pub(crate) index: &'a MemoryIndex,
    /// Whether it holds every stored posting (else the table has the rest).
    pub(crate) complete: bool,
    /// Sites by key ([`BulkIndex::sites`]).
    pub(crate) sites: &'a [u32],
}

impl BulkIndex {
    pub(crate) fn view(&self) -> MemoryView<'_> {
        MemoryView {
            index: &self.memory,
            complete: self.complete,
            sites: &self.sites,
        }
    }
}

/// Stored postings of `fingerprints` from the table and the backlog (or a
/// bulk ingest's memory index), each list sorted, with the counts and
/// sites the postings carry: a neighbour's count and site then cost no read
/// of its row, which at a million articles, cold, was most of a look-up (an
/// article has hundreds to thousands of neighbours through common phrases).
///
/// A fingerprint's list may stop at `cap` keys (callers drop fingerprints
/// held by that many as too common): a stock phrase has tens of thousands of
/// postings at a million articles, and reading them all was most of a
/// single page's look-up. Batches read whole lists in bulk statements, which
/// costs less than one capped statement per fingerprint.
pub(crate) fn lookup(
    conn: &Connection,
    fingerprints: &[i64],
    memory: Option<MemoryView>,
    cap: usize,
) -> rusqlite::Result<Found> {
    let mut found = Found::default();
    let complete = memory.is_some_and(|m| m.complete);
    if !complete {
        // A store opened read-only may predate migrations 6 and 7.
        let count = if has_column(conn, "fingerprint_count")? {
            "fingerprint_count"
        } else {
            "NULL"
        };
        let site = if has_column(conn, "site")? {
            "site"
        } else {
            "NULL"
        };
        let mut add = |r: &rusqlite::Row| {
            let key: i64 = r.get(1)?;
            found
                .postings
                .entry(from_stored(r.get(0)?))
                .or_default()
                .push(key);
            // Postings written before migrations 6 and 7 carry none.
            if let Some(c) = r.get::<_, Option<i64>>(2)? {
                found.counts.insert(key, c.max(0) as usize);
            }
            if let Some(s) = r.get::<_, Option<i64>>(3)? {
                found.sites.insert(key, s as u32);
            }
            Ok(())
        };
        if fingerprints.len() <= CAPPED_LOOKUPS {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT hash, article, {count}, {site} FROM fingerprints WHERE hash = ?1 LIMIT ?2"
            ))?;
            for &h in fingerprints {
                let mut rows = stmt.query(params![h, cap as i64])?;
                while let Some(r) = rows.next()? {
                    add(r)?;
                }
            }
        } else {
            let sql = format!(
                "SELECT hash, article, {count}, {site} FROM fingerprints WHERE hash IN ({{}})"
            );
            crate::sql::chunked(conn, &sql, fingerprints, add)?;
        }
    }
    let postings = &mut found.postings;
    match memory {
        Some(view) => {
            let mut keys = Vec::new();
            for &h in fingerprints {
                keys.clear();
                view.index.postings_up_to(from_stored(h), cap, &mut keys);
                for &k in &keys {
                    if let Some(c) = view.index.fingerprint_count(k) {
                        found.counts.insert(i64::from(k), c);
                    }
                    match view.sites.get(k as usize) {
                        Some(&s) if s != SITE_UNKNOWN => {
                            found.sites.insert(i64::from(k), s);
                        }
                        _ => {}
                    }
                }
                if !keys.is_empty() {
                    postings
                        .entry(from_stored(h))
                        .or_default()
                        .extend(keys.iter().map(|&k| i64::from(k)));
                }
            }
        }
        // Another process's bulk ingest may have committed articles whose
        // postings still wait in the backlog.
        None if !backlog_is_empty(conn)? => {
            let wanted: FastSet<u64> = fingerprints.iter().map(|&h| from_stored(h)).collect();
            for r in backlog_postings(conn, Some(&wanted))? {
                postings.entry(r.hash).or_default().push(r.key);
                found.counts.insert(r.key, r.count);
                if let Some(s) = r.site {
                    found.sites.insert(r.key, s);
                }
            }
        }
        None => {}
    }
    for v in postings.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::{test_article as article, NewArticle};

    /// A sentence of made-up words: texts from different seeds share no
    /// 5-word shingle, so only the copies below match.
    fn sentence(seed: u64) -> String {
        const SYLLABLES: [&str; 16] = [
            "ka", "lo", "mi", "ne", "po", "ru", "sa", "ti", "va", "ze", "bo", "de", "fu", "gi",
            "ha", "ju",
        ];
        let mut s = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut words = Vec::new();
        for _ in 0..14 {
            let mut w = String::new();
            for _ in 0..3 {
                s = reprint_match::fingerprint::mix64(s);
                w.push_str(SYLLABLES[(s % 16) as usize]);
            }
            words.push(w);
        }
        format!("{}.", words.join(" "))
    }

    /// A story: eight sentences.
    fn story(n: u64) -> Vec<String> {
        (0..8).map(|i| sentence(n * 100 + i)).collect()
    }

    /// Six batches: stories, their reprints (whole, padded, cut to three
    /// sentences inside another article) arriving batches later, unrelated pages, and pages
    /// replaced by other text: one of them the newest stored article, whose
    /// key SQLite gives to the next article stored.
    fn batches() -> Vec<Vec<NewArticle>> {
        let whole = |n: u64| story(n).join(" ");
        let padded = |n: u64| format!("{} {}", sentence(9000 + n), whole(n));
        // Three sentences of a story inside an article of its own.
        let excerpt = |n: u64| {
            let own = story(700 + n);
            format!(
                "{} {} {}",
                own[..4].join(" "),
                story(n)[2..5].join(" "),
                own[4..].join(" ")
            )
        };
        let mut out: Vec<Vec<NewArticle>> = Vec::new();
        for b in 0..6u64 {
            let mut batch = Vec::new();
            for i in 0..4 {
                let n = b * 4 + i;
                batch.push(article(&format!("origin-{n}"), &whole(n)));
                batch.push(article(&format!("lone-{n}"), &whole(500 + n)));
                if n >= 3 {
                    batch.push(article(&format!("copy-{n}"), &padded(n - 3)));
                }
                if n >= 6 {
                    batch.push(article(&format!("excerpt-{n}"), &excerpt(n - 6)));
                }
            }
            out.push(batch);
        }
        // Replaced: a page from an earlier batch, and the newest page.
        let newest = out[3].last().expect("page").ext_id.clone();
        out[4].push(article("lone-1", &whole(2)));
        out[4].insert(0, article(&newest, &whole(0)));
        out
    }

    fn pairs(store: &Store) -> BTreeSet<(String, String, String)> {
        store
            .pairs(true)
            .expect("pairs")
            .into_iter()
            .map(|p| (p.a, p.b, p.kind))
            .collect()
    }

    /// Every stored article's postings are in the table exactly once, each
    /// carrying its article's fingerprint count.
    fn table_complete(store: &Store) {
        let count = |sql: &str| -> i64 { store.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(count("SELECT count(*) FROM fingerprint_backlog"), 0);
        assert_eq!(
            count("SELECT count(*) FROM fingerprints"),
            count("SELECT sum(fingerprint_count) FROM articles")
        );
        assert_eq!(
            count(
                "SELECT count(*) FROM fingerprints f LEFT JOIN articles a ON a.id = f.article
                 WHERE f.fingerprint_count IS NOT a.fingerprint_count"
            ),
            0
        );
    }

    fn every_batch(path: &std::path::Path) -> BTreeSet<(String, String, String)> {
        let mut store = crate::test_store(path).unwrap();
        for b in batches() {
            store.ingest_batch(&b).unwrap();
        }
        table_complete(&store);
        pairs(&store)
    }

    fn bulk(path: &std::path::Path, tuning: BulkTuning) -> Store {
        let mut store = crate::test_store(path).unwrap();
        store.set_fingerprint_indexing(FingerprintIndexing::Deferred);
        store.tune_bulk_indexing(tuning);
        store
    }

    #[test]
    fn bulk_indexing_finds_the_pairs_batch_indexing_finds() {
        let dir = tempfile::tempdir().unwrap();
        let expected = every_batch(&dir.path().join("every.db"));
        assert!(expected.len() >= 40, "{}", expected.len());
        assert!(expected.iter().any(|p| p.2 == "partial"));

        // From an empty store the memory index holds everything at once;
        // small flushes write the backlog to the table along the way.
        for flush_postings in [1, 500, usize::MAX] {
            let path = dir.path().join(format!("bulk-{flush_postings}.db"));
            let mut store = bulk(
                &path,
                BulkTuning {
                    flush_postings,
                    load_fraction: LOAD_FRACTION,
                },
            );
            for b in batches() {
                store.ingest_batch(&b).unwrap();
                assert!(store.bulk.as_ref().unwrap().complete);
            }
            store.finish_backlogs().unwrap();
            assert_eq!(pairs(&store), expected, "flush every {flush_postings}");
            table_complete(&store);
        }

        // Onto a stored corpus, the memory index first holds only the
        // backlog (the table answers for the rest), then loads the table.
        for (load_fraction, loads) in [(0, false), (4, true)] {
            let path = dir.path().join(format!("onto-{load_fraction}.db"));
            let mut store = crate::test_store(&path).unwrap();
            let all = batches();
            for b in &all[..2] {
                store.ingest_batch(b).unwrap();
            }
            let mut store = bulk(
                &path,
                BulkTuning {
                    flush_postings: 800,
                    load_fraction,
                },
            );
            for b in &all[2..] {
                store.ingest_batch(b).unwrap();
            }
            assert_eq!(store.bulk.as_ref().unwrap().complete, loads);
            store.finish_backlogs().unwrap();
            assert_eq!(pairs(&store), expected, "load fraction {load_fraction}");
            table_complete(&store);
        }
    }

    /// Capped look-ups (one page's fingerprints) stop each list at the cap
    /// and otherwise give what the bulk statements give.
    #[test]
    fn capped_lookups_stop_at_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::test_store(&dir.path().join("cap.db")).unwrap();
        let text = story(3).join(" ");
        let batch: Vec<NewArticle> = (0..5).map(|i| article(&format!("c{i}"), &text)).collect();
        store.ingest_batch(&batch).unwrap();
        let mut all: Vec<i64> = reprint_match::TextPrint::of(&text)
            .fingerprints
            .iter()
            .map(|&h| to_stored(h))
            .collect();
        all.sort_unstable();
        let capped = lookup(&store.conn, &all, None, 2).unwrap();
        let mut memory = MemoryIndex::new();
        memory.add(table_postings(&store.conn).unwrap().0);
        let view = MemoryView {
            index: &memory,
            complete: true,
            sites: &[],
        };
        let from_memory = lookup(&store.conn, &all, Some(view), 2).unwrap();
        // Past CAPPED_LOOKUPS the bulk statement reads whole lists.
        let mut many = all.clone();
        many.extend((0..CAPPED_LOOKUPS as i64).map(|i| i * 7919 + 1));
        many.sort_unstable();
        let whole = lookup(&store.conn, &many, None, 2).unwrap();
        for h in &all {
            let h = from_stored(*h);
            assert_eq!(whole.postings[&h].len(), 5);
            assert_eq!(capped.postings[&h].len(), 2);
            assert_eq!(from_memory.postings[&h].len(), 2);
            assert!(capped.postings[&h]
                .iter()
                .all(|k| whole.postings[&h].contains(k)));
        }
        assert_eq!(whole.counts.len(), 5);
        assert!(capped.counts.values().all(|&c| c == all.len()));
    }

    /// An interrupted bulk ingest leaves postings in the backlog: readers
    /// still find those articles, and the next ingest writes them.
    #[test]
    fn an_interrupted_bulk_ingest_loses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let expected = every_batch(&dir.path().join("every.db"));
        let path = dir.path().join("bulk.db");
        let all = batches();
        {
            let mut store = bulk(&path, BulkTuning::default());
            for b in &all[..4] {
                store.ingest_batch(b).unwrap();
            }
            // Dropped without finish_backlogs, as by a kill.
        }
        let reader = Store::open_read_only(&path).unwrap();
        assert!(!backlog_is_empty(&reader.conn).unwrap());
        let found = reader
            .match_unstored(&story(1).join(" "), "unstored", None)
            .unwrap();
        let ids: BTreeSet<String> = found.into_iter().map(|(a, _)| a.id).collect();
        assert_eq!(
            ids,
            BTreeSet::from(["origin-1", "copy-4", "excerpt-7"].map(String::from))
        );
        drop(reader);

        let mut store = crate::test_store(&path).unwrap();
        for b in &all[4..] {
            store.ingest_batch(b).unwrap();
        }
        assert_eq!(pairs(&store), expected);
        table_complete(&store);
    }

    /// Another connection writing between a bulk ingest's batches: the bulk
    /// ingest sees its articles.
    #[test]
    fn a_bulk_ingest_sees_another_writer() {
        let dir = tempfile::tempdir().unwrap();
        let expected = every_batch(&dir.path().join("every.db"));
        let path = dir.path().join("shared.db");
        let all = batches();
        let mut mine = bulk(&path, BulkTuning::default());
        let mut other = crate::test_store(&path).unwrap();
        for (i, b) in all.iter().enumerate() {
            if i % 2 == 1 {
                other.ingest_batch(b).unwrap();
            } else {
                mine.ingest_batch(b).unwrap();
            }
        }
        mine.finish_backlogs().unwrap();
        assert_eq!(pairs(&mine), expected);
        table_complete(&mine);
    }
}
