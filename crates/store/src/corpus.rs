//! The store as a [`Corpus`]: what `reprint_match::match_batch` reads of
//! the articles already stored (fingerprint postings with their articles'
//! counts and sites, fingerprint sets, texts, sites' furniture, stored
//! pairs), read in bulk statements. During a bulk ingest the postings come
//! from its memory index and the furniture from its cache (see
//! [`crate::fingerprint_index`]).

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use reprint_match::fasthash::{FastMap, FastSet};
use reprint_match::fingerprint::{from_stored, to_stored};
use reprint_match::{ident_of, Corpus, CorpusText, Key, Posting, SiteId};

use crate::fingerprint_index::{self, MemoryView};
use crate::sql::chunked;

/// A site id as stored (0: no site) into the matcher's form.
fn site_of(stored: u32) -> Option<SiteId> {
    (stored != 0).then_some(stored)
}

/// The stored articles seen through one connection (or transaction).
pub(crate) struct StoreCorpus<'a> {
    pub(crate) conn: &'a Connection,
    /// A bulk ingest's memory index, when there is one.
    pub(crate) memory: Option<MemoryView<'a>>,
    /// A bulk ingest's copy of `site_furniture`.
    pub(crate) furniture: Option<&'a FastSet<(u64, u32)>>,
}

impl Corpus for StoreCorpus<'_> {
    type Error = rusqlite::Error;

    fn postings(
        &self,
        fingerprints: &[u64],
        cap: usize,
    ) -> rusqlite::Result<FastMap<u64, Vec<Posting>>> {
        let stored: Vec<i64> = fingerprints.iter().map(|&h| to_stored(h)).collect();
        let mut found = fingerprint_index::lookup(self.conn, &stored, self.memory, cap + 1)?;
        // Counts and sites the postings did not carry (written before
        // migrations 6 and 7) are read from the articles.
        let mut missing: Vec<i64> = found
            .postings
            .values()
            .filter(|v| v.len() <= cap)
            .flatten()
            .copied()
            .filter(|k| !found.counts.contains_key(k) || !found.sites.contains_key(k))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let has_site_id = fingerprint_index::has_table(self.conn, "sites")?;
        let site = if has_site_id {
            "coalesce(site_id, 0)"
        } else {
            "0"
        };
        chunked(
            self.conn,
            &format!("SELECT id, fingerprint_count, {site} FROM articles WHERE id IN ({{}})"),
            &missing,
            |r| {
                let key: i64 = r.get(0)?;
                found
                    .counts
                    .insert(key, r.get::<_, i64>(1)?.max(0) as usize);
                found.sites.insert(key, r.get::<_, i64>(2)? as u32);
                Ok(())
            },
        )?;
        Ok(found
            .postings
            .into_iter()
            .map(|(h, keys)| {
                let list = keys
                    .into_iter()
                    .map(|key| Posting {
                        key,
                        fingerprints: found.counts.get(&key).copied().unwrap_or(0) as u32,
                        site: found.sites.get(&key).copied().and_then(site_of),
                    })
                    .collect();
                (h, list)
            })
            .collect())
    }

    fn prints(&self, keys: &[Key]) -> rusqlite::Result<FastMap<Key, Vec<u64>>> {
        crate::prints::sets_of(self.conn, keys)
    }

    fn texts(&self, keys: &[Key]) -> rusqlite::Result<FastMap<Key, CorpusText>> {
        let site = if fingerprint_index::has_table(self.conn, "sites")? {
            "coalesce(site_id, 0)"
        } else {
            "0"
        };
        let mut out = FastMap::default();
        chunked(
            self.conn,
            &format!("SELECT id, text, ext_id, {site} FROM articles WHERE id IN ({{}})"),
            keys,
            |r| {
                let ext_id: String = r.get(2)?;
                out.insert(
                    r.get(0)?,
                    CorpusText {
                        text: r.get(1)?,
                        ident: ident_of(&ext_id),
                        site: site_of(r.get::<_, i64>(3)? as u32),
                    },
                );
                Ok(())
            },
        )?;
        Ok(out)
    }

    fn furniture(&self, fingerprints: &[u64]) -> rusqlite::Result<Vec<(u64, SiteId)>> {
        if let Some(all) = self.furniture {
            let wanted: FastSet<u64> = fingerprints.iter().copied().collect();
            return Ok(all
                .iter()
                .filter(|(h, _)| wanted.contains(h))
                .copied()
                .collect());
        }
        if !fingerprint_index::has_table(self.conn, "site_furniture")? {
            return Ok(Vec::new());
        }
        let stored: Vec<i64> = fingerprints.iter().map(|&h| to_stored(h)).collect();
        let mut out = Vec::new();
        chunked(
            self.conn,
            "SELECT hash, site FROM site_furniture WHERE hash IN ({})",
            &stored,
            |r| {
                out.push((from_stored(r.get(0)?), r.get::<_, i64>(1)? as SiteId));
                Ok(())
            },
        )?;
        Ok(out)
    }

    fn pairs_of(&self, keys: &[Key]) -> rusqlite::Result<Vec<(Key, Key)>> {
        let mut out = Vec::new();
        for sql in [
            "SELECT a, b FROM pairs WHERE a IN ({})",
            "SELECT a, b FROM pairs WHERE b IN ({})",
        ] {
            chunked(self.conn, sql, keys, |r| {
                out.push((r.get(0)?, r.get(1)?));
                Ok(())
            })?;
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }
}

/// The id of a site identity (see `reprint_match::site_identity`), made on
/// first use; 0 for no site.
pub(crate) fn site_id(tx: &Transaction, identity: Option<&str>) -> rusqlite::Result<u32> {
    let Some(name) = identity else {
        return Ok(0);
    };
    if let Some(id) = tx
        .prepare_cached("SELECT id FROM sites WHERE name = ?1")?
        .query_row([name], |r| r.get::<_, i64>(0))
        .optional()?
    {
        return Ok(id as u32);
    }
    tx.prepare_cached("INSERT INTO sites (name) VALUES (?1)")?
        .execute([name])?;
    Ok(tx.last_insert_rowid() as u32)
}

/// Records fingerprints that became furniture of a site.
pub(crate) fn insert_furniture(tx: &Transaction, found: &[(u64, SiteId)]) -> rusqlite::Result<()> {
    let mut stmt =
        tx.prepare_cached("INSERT OR IGNORE INTO site_furniture (hash, site) VALUES (?1, ?2)")?;
    for &(h, site) in found {
        stmt.execute(params![to_stored(h), i64::from(site)])?;
    }
    Ok(())
}
