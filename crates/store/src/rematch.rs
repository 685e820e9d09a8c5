//! Recomputing every pair of a store under the current matching rules: a
//! store made before migration 7 holds pairs made under rules that depended
//! on the order pages arrived in, and no sites or site furniture. The next
//! ingest (or `reprint rematch`) re-matches every stored article from its
//! stored text, in batches, then re-traces every story. Nothing is
//! extracted again. An interrupted rematch starts over on the next run (the
//! `rematch` mark in `meta` is removed only at the end).

use std::collections::BTreeSet;

use rayon::prelude::*;
use rusqlite::{params, OptionalExtension};

use reprint_match::{site_identity, TextPrint};

use crate::corpus::site_id;
use crate::ingest::{match_and_write, Matched};
use crate::{fingerprint_index, stories, Result, Store, StoreError};

/// Articles re-matched per transaction.
const REMATCH_BATCH: usize = 512;

impl Store {
    /// Whether the store's pairs were made under older matching rules.
    pub fn needs_rematch(&self) -> Result<bool> {
        self.conn
            .query_row("SELECT 1 FROM meta WHERE key = 'rematch'", [], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(self.sql())
    }

    /// Re-matches every stored article and re-traces every story (see the
    /// module documentation); `progress(done, total)` after each batch.
    /// Returns the pairs found.
    pub fn rematch(&mut self, mut progress: impl FnMut(usize, usize)) -> Result<usize> {
        self.bulk = None;
        let keys: Vec<i64> = self.in_transaction(|tx, path| {
            let sql = |source| StoreError::Sqlite {
                path: path.to_string(),
                source,
            };
            let rows: Vec<(i64, Option<String>, Option<String>, String)> = {
                let mut stmt = tx
                    .prepare("SELECT id, url, site, article_json FROM articles ORDER BY id")
                    .map_err(sql)?;
                let rows = stmt
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    .map_err(sql)?;
                rows.collect::<rusqlite::Result<_>>().map_err(sql)?
            };
            let mut keys = Vec::with_capacity(rows.len());
            for (key, url, site, json) in rows {
                // Without a URL, the page's canonical URL names its site
                // (as at ingest, see `ingest::site_key`).
                let canonical = match url {
                    Some(_) => None,
                    None => crate::record::article_from_json(&json)
                        .ok()
                        .and_then(|a| a.canonical_url),
                };
                let identity =
                    site_identity(url.as_deref().or(canonical.as_deref()), site.as_deref());
                let id = site_id(tx, identity.as_deref()).map_err(sql)?;
                tx.execute(
                    "UPDATE articles SET site_id = ?1 WHERE id = ?2",
                    params![i64::from(id), key],
                )
                .map_err(sql)?;
                keys.push(key);
            }
            tx.execute_batch(
                "DELETE FROM pairs; DELETE FROM site_furniture; DELETE FROM fingerprints;
                 DELETE FROM fingerprint_backlog;
                 INSERT OR IGNORE INTO story_backlog (article) SELECT id FROM articles;",
            )
            .map_err(sql)?;
            Ok(keys)
        })?;
        let total = keys.len();
        let mut pairs = 0isize;
        for (done, chunk) in keys.chunks(REMATCH_BATCH).enumerate() {
            pairs += self.in_transaction(|tx, path| {
                let sql = |source| StoreError::Sqlite {
                    path: path.to_string(),
                    source,
                };
                let mut rows: Vec<(i64, String, String, u32)> = Vec::new();
                crate::sql::chunked(
                    tx,
                    "SELECT id, ext_id, text, coalesce(site_id, 0) FROM articles WHERE id IN ({})",
                    chunk,
                    |r| {
                        rows.push((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? as u32));
                        Ok(())
                    },
                )
                .map_err(sql)?;
                rows.sort_unstable_by_key(|r| r.0);
                let prints: Vec<TextPrint> = rows.par_iter().map(|r| TextPrint::of(&r.2)).collect();
                let items: Vec<Matched> = rows
                    .iter()
                    .zip(&prints)
                    .map(|((key, ext_id, text, site), print)| Matched {
                        key: *key,
                        ext_id,
                        text,
                        print,
                        site: *site,
                    })
                    .collect();
                let mut touched = BTreeSet::new();
                let written = match_and_write(tx, None, &items, &mut touched).map_err(sql)?;
                let mut postings = written.postings;
                fingerprint_index::sort_for_table(&mut postings);
                fingerprint_index::insert_postings(tx, &postings).map_err(sql)?;
                Ok(written.pairs)
            })?;
            progress(((done + 1) * REMATCH_BATCH).min(total), total);
        }
        let tracer = self.tracer.clone();
        self.in_transaction(|tx, path| {
            stories::refresh(tx, tracer.as_deref(), &BTreeSet::new(), path)?;
            tx.execute("DELETE FROM meta WHERE key = 'rematch'", [])
                .map_err(|source| StoreError::Sqlite {
                    path: path.to_string(),
                    source,
                })?;
            Ok(())
        })?;
        Ok(pairs.max(0) as usize)
    }
}
