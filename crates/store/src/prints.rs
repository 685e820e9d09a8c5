//! Each article's whole fingerprint set, kept as one blob in `prints`
//! (schema migration 4): what furniture judgement compares and what deleting
//! an article's postings from the fingerprint index needs. The index itself
//! is keyed by fingerprint only, so reading a set back from it would be a
//! full scan.
//!
//! Articles stored before migration 4 have no blob; their set is recomputed
//! from their stored text, which gives the same values because a store only
//! ever holds fingerprints of one scheme (see `open::check_scheme`).

use rusqlite::{params, Connection, OptionalExtension};

use reprint_match::fasthash::FastMap;
use reprint_match::fingerprint::to_stored;
use reprint_match::TextPrint;

use crate::sql::chunked;

/// Sorted fingerprints as 8-byte little-endian values.
pub(crate) fn encode(fingerprints: &[u64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(fingerprints.len() * 8);
    for h in fingerprints {
        out.extend_from_slice(&h.to_le_bytes());
    }
    out
}

pub(crate) fn decode(blob: &[u8]) -> Vec<u64> {
    blob.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect()
}

/// Records an article's fingerprint set.
pub(crate) fn insert(conn: &Connection, key: i64, fingerprints: &[u64]) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT OR REPLACE INTO prints (article, hashes) VALUES (?1, ?2)")?;
    stmt.execute(params![key, encode(fingerprints)])?;
    Ok(())
}

/// The fingerprint sets of `keys` (sorted ascending), from their blobs or,
/// for articles stored before there were blobs, from their text. Keys that
/// are not stored are absent from the result.
pub(crate) fn sets_of(conn: &Connection, keys: &[i64]) -> rusqlite::Result<FastMap<i64, Vec<u64>>> {
    let mut sets: FastMap<i64, Vec<u64>> = FastMap::default();
    // A store opened read-only may predate the table.
    let has_table: bool = conn
        .prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'prints'")?
        .exists([])?;
    if has_table {
        chunked(
            conn,
            "SELECT article, hashes FROM prints WHERE article IN ({})",
            keys,
            |r| {
                let blob = r.get_ref(1)?.as_blob()?;
                sets.insert(r.get(0)?, decode(blob));
                Ok(())
            },
        )?;
    }
    if sets.len() < keys.len() {
        let missing: Vec<i64> = keys
            .iter()
            .copied()
            .filter(|k| !sets.contains_key(k))
            .collect();
        chunked(
            conn,
            "SELECT id, text FROM articles WHERE id IN ({})",
            &missing,
            |r| {
                let text = r.get_ref(1)?.as_str()?;
                sets.insert(r.get(0)?, TextPrint::of(text).fingerprints);
                Ok(())
            },
        )?;
    }
    Ok(sets)
}

/// Removes an article's postings from the fingerprint table and its blob;
/// returns its fingerprint set. (Its key in `fingerprint_backlog` is the
/// caller's to remove: `fingerprint_index::unqueue`.)
pub(crate) fn delete(conn: &Connection, key: i64) -> rusqlite::Result<Vec<u64>> {
    let blob: Option<Vec<u8>> = conn
        .query_row("SELECT hashes FROM prints WHERE article = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    let set = match blob {
        Some(b) => decode(&b),
        None => sets_of(conn, &[key])?.remove(&key).unwrap_or_default(),
    };
    let mut stmt =
        conn.prepare_cached("DELETE FROM fingerprints WHERE hash = ?1 AND article = ?2")?;
    for &h in &set {
        stmt.execute(params![to_stored(h), key])?;
    }
    conn.execute("DELETE FROM prints WHERE article = ?1", [key])?;
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{APPLICATION_ID, MIGRATIONS};
    use crate::Store;

    const STORY: &str = "The regional water board voted on Thursday to raise rates for the third time in four years, saying the cost of repairing aging pipes and building a new treatment plant had outpaced its revenue. Residents who spoke at the meeting said the increase would fall hardest on families already struggling with rent, and several asked the board to phase it in over two years. The chair said the board would study a discount for low-income households and report back next month, but warned that delaying the repairs would only make them more expensive.";
    const OTHER: &str = "A small bakery on the east side of town has won a national award for its sourdough, beating more than three hundred entries from across the country. The owners, who opened the shop seven years ago with a single oven, said they would use the prize money to hire two apprentices and offer weekend classes for children who want to learn how bread is made from start to finish.";

    use crate::test_article as article;

    /// A store written before migration 4 (fingerprints with a foreign key
    /// and an index on `article`, no `prints`) is upgraded; its articles'
    /// fingerprint sets come from their text: they still match, and
    /// replacing one removes exactly its old postings.
    #[test]
    fn a_version_3_store_upgrades_and_old_articles_match_and_replace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v3.db");
        let old = article("a", STORY);
        let old_text = old.article.text();
        let old_print = TextPrint::of(&old_text);
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..3] {
                conn.execute_batch(sql).unwrap();
            }
            conn.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 3;"
            ))
            .unwrap();
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('fingerprint_scheme', ?1)",
                [reprint_match::SCHEME],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO articles (id, ext_id, origin, content_hash, words, fingerprint_count,
                     text, article_json, ingested_at)
                 VALUES (1, 'a', 'test:a', 1, ?1, ?2, ?3, ?4, datetime('now'))",
                params![
                    old_print.words() as i64,
                    old_print.fingerprints.len() as i64,
                    old_text,
                    crate::record::article_json(&old.article)
                ],
            )
            .unwrap();
            for h in &old_print.fingerprints {
                conn.execute(
                    "INSERT INTO fingerprints (hash, article) VALUES (?1, 1)",
                    [to_stored(*h)],
                )
                .unwrap();
            }
        }
        // Read-only, the store stays at version 3 and still matches.
        let read_only = Store::open_read_only(&path).unwrap();
        assert_eq!(
            read_only
                .match_unstored(STORY, "unstored", None)
                .unwrap()
                .len(),
            1
        );
        drop(read_only);

        let mut store = crate::test_store(&path).unwrap();
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        let indexes: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'fingerprints_article'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 0);
        assert_eq!(
            sets_of(&store.conn, &[1]).unwrap()[&1],
            old_print.fingerprints,
            "recomputed from the text"
        );

        assert!(store.needs_rematch().unwrap(), "pairs of an older reprint");
        let report = store.ingest_batch(&[article("b", STORY)]).unwrap();
        assert_eq!(report.pairs, 1, "the copy matches the old article");
        assert!(
            !store.needs_rematch().unwrap(),
            "re-matched before the batch"
        );
        let unsited: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM fingerprints WHERE site IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            unsited, 0,
            "re-matching rewrote the postings with their sites"
        );

        let report = store.ingest_batch(&[article("a", OTHER)]).unwrap();
        assert_eq!(report.replaced, 1);
        let count = |sql: &str| -> i64 { store.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            count("SELECT count(*) FROM fingerprints WHERE article = 1"),
            0
        );
        assert_eq!(count("SELECT count(*) FROM prints WHERE article = 1"), 0);
        let expected = count("SELECT sum(fingerprint_count) FROM articles");
        assert_eq!(count("SELECT count(*) FROM fingerprints"), expected);
        assert_eq!(count("SELECT count(*) FROM prints"), 2);
        assert_eq!(
            count("SELECT count(*) FROM pairs"),
            0,
            "the pair went with a"
        );
    }

    #[test]
    fn blobs_round_trip() {
        let set = vec![0, 1, u64::MAX, 0x0123_4567_89ab_cdef];
        assert_eq!(decode(&encode(&set)), set);
        assert!(decode(&[]).is_empty());
    }
}
