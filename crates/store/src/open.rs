//! Opening a store: creating it, migrating it, and refusing files that are
//! not reprint databases or were fingerprinted under another scheme; when
//! SQLite cannot open or write the file, saying in one line what is wrong
//! with where it lives (a missing folder, a read-only file or folder).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, MAIN_DB};

use crate::record::{OLDEST_READABLE_FORMAT, RECORD_FORMAT, RECORD_FORMAT_KEY};
use crate::schema::{APPLICATION_ID, MIGRATIONS};
use crate::{FingerprintIndexing, SearchIndexing, StoryTracing};
use crate::{Result, Store, StoreError};

impl Store {
    /// A store over an open connection, with the defaults every way of
    /// opening starts from (nothing deferred, no tracer); written once so
    /// that a field added to [`Store`] is given its default in one place.
    fn on(conn: Connection, path: &Path) -> Store {
        Store {
            conn,
            path: path.to_path_buf(),
            search_indexing: SearchIndexing::default(),
            story_tracing: StoryTracing::default(),
            tracer: None,
            fingerprint_indexing: FingerprintIndexing::default(),
            bulk: None,
            bulk_tuning: Default::default(),
        }
    }

    /// Opens `path` for reading and writing, creating it if it does not exist.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| located(path, true, e))?;
        // SQLite opens a file it may not write for reading without a word;
        // say so now rather than at the first write.
        if conn.is_readonly(MAIN_DB).unwrap_or(false) {
            return Err(
                location_error(path, true).unwrap_or_else(|| StoreError::Location {
                    path: path.display().to_string(),
                    problem: "SQLite opened the database read-only; it cannot be written here"
                        .into(),
                }),
            );
        }
        let mut store = Store::on(conn, path);
        // Identity first: even switching the journal mode writes to the file.
        store.check_identity()?;
        store.configure()?;
        store.migrate()?;
        store.check_scheme()?;
        store.check_record_format()?;
        store.upgrade_record_format()?;
        Ok(store)
    }

    /// Opens an existing store without ever writing to it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.display().to_string(),
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| located(path, false, e))?;
        let store = Store::on(conn, path);
        store.check_identity()?;
        let version = store.user_version()?;
        if version == 0 {
            return Err(StoreError::Foreign {
                path: store.name(),
                reason: "empty: nothing has been ingested into it".into(),
            });
        }
        if version > MIGRATIONS.len() as i64 {
            return Err(StoreError::TooNew {
                path: store.name(),
                found: version,
                known: MIGRATIONS.len() as i64,
            });
        }
        store.check_scheme()?;
        store.check_record_format()?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        // WAL lets readers (serve, show) run while an ingest writes; NORMAL
        // sync is durable at each commit in WAL mode except on power loss.
        // A 64 MB page cache keeps the fingerprint index's hot pages in
        // memory during ingest (SQLite's default is 2 MB).
        //
        // New files get 16 KB pages (SQLite's default is 4 KB): an ingest
        // batch touches most leaf pages of the fingerprint index, which is
        // keyed by hash, and bigger pages mean fewer pages written per
        // commit and a shallower tree; an article's row (text and JSON,
        // ~10 KB) mostly fits one page. The setting is ignored for a file
        // that already exists. The WAL is checkpointed once it holds 64 MB
        // rather than 1000 pages, so a checkpoint copies a page written by
        // several batches once instead of after every batch.
        self.conn
            .execute_batch(
                "PRAGMA page_size = 16384; \
                 PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                 PRAGMA cache_size = -65536;",
            )
            .map_err(|e| self.not_ours_or_sql(e))?;
        let page: i64 = self
            .conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .map_err(|e| self.not_ours_or_sql(e))?;
        self.conn
            .execute_batch(&format!(
                "PRAGMA wal_autocheckpoint = {};",
                (64 << 20) / page.max(512)
            ))
            .map_err(|e| self.not_ours_or_sql(e))
    }

    /// A file that SQLite cannot read as a database, or that another program
    /// made, is refused before anything is written.
    fn check_identity(&self) -> Result<()> {
        let app: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| self.not_ours_or_sql(e))?;
        if app == APPLICATION_ID {
            return Ok(());
        }
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| self.not_ours_or_sql(e))?;
        if tables > 0 || app != 0 {
            return Err(StoreError::Foreign {
                path: self.name(),
                reason: format!(
                    "an SQLite database made by another program (application_id {app:#x}, {tables} schema objects)"
                ),
            });
        }
        Ok(())
    }

    fn not_ours_or_sql(&self, e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::Foreign {
                path: self.name(),
                reason: "the file is not an SQLite database".into(),
            },
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Foreign {
                path: self.name(),
                reason: "the database file is corrupted".into(),
            },
            _ => {
                let writing = !self.conn.is_readonly(MAIN_DB).unwrap_or(true);
                located(&self.path, writing, e)
            }
        }
    }

    fn user_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.not_ours_or_sql(e))
    }

    fn migrate(&mut self) -> Result<()> {
        let version = self.user_version()?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew {
                path: self.name(),
                found: version,
                known,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let path = self.name();
            let wrap_err = |source| StoreError::Sqlite {
                path: path.clone(),
                source,
            };
            let tx = self.conn.transaction().map_err(wrap_err)?;
            tx.execute_batch(sql).map_err(wrap_err)?;
            tx.execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
                i + 1
            ))
            .map_err(wrap_err)?;
            if i == 0 {
                tx.execute(
                    "INSERT INTO meta(key, value) VALUES ('fingerprint_scheme', ?1)",
                    [reprint_match::SCHEME],
                )
                .map_err(wrap_err)?;
            }
            tx.commit().map_err(wrap_err)?;
        }
        Ok(())
    }

    /// Fingerprints from another scheme would silently never match: refuse.
    fn check_scheme(&self) -> Result<()> {
        let found: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'fingerprint_scheme'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.not_ours_or_sql(e))?;
        match found {
            Some(f) if f == reprint_match::SCHEME => Ok(()),
            Some(f) => Err(StoreError::Scheme {
                path: self.name(),
                found: f,
                expected: reprint_match::SCHEME.into(),
            }),
            None => Err(StoreError::Foreign {
                path: self.name(),
                reason: "it records no fingerprint scheme".into(),
            }),
        }
    }
}

impl Store {
    /// Records in a format newer than this reprint's would be misread or
    /// not read at all: refuse the file, naming both formats. Older formats
    /// from [`OLDEST_READABLE_FORMAT`] on are read as they are (each of
    /// their records is a record of the current format). A file at a schema
    /// before migration 8 records none and holds format 1 (a read-only open
    /// does not migrate it).
    fn check_record_format(&self) -> Result<()> {
        let found: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [RECORD_FORMAT_KEY],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.not_ours_or_sql(e))?;
        let found = match found {
            Some(f) => f,
            None if self.user_version()? < RECORDS_MIGRATION => "1".to_string(),
            None => "none".to_string(),
        };
        if found
            .parse::<i64>()
            .is_ok_and(|f| (OLDEST_READABLE_FORMAT..=RECORD_FORMAT).contains(&f))
        {
            return Ok(());
        }
        Err(StoreError::RecordFormat {
            path: self.name(),
            found,
            known: RECORD_FORMAT,
        })
    }

    /// Migrates a file in an older readable record format (checked by
    /// `check_record_format`) to [`RECORD_FORMAT`]: its records are already
    /// valid, so only the `meta` key is rewritten; records written from now
    /// on may use what the newer format adds. New files pass here too, since
    /// migration 8 records format 1.
    fn upgrade_record_format(&self) -> Result<()> {
        self.conn
            .execute(
                "UPDATE meta SET value = ?1 WHERE key = ?2 AND value <> ?1",
                rusqlite::params![RECORD_FORMAT.to_string(), RECORD_FORMAT_KEY],
            )
            .map_err(|e| self.not_ours_or_sql(e))?;
        Ok(())
    }
}

/// The schema version whose migration records the record format.
const RECORDS_MIGRATION: i64 = 8;

fn wrap(path: &Path, source: rusqlite::Error) -> StoreError {
    StoreError::Sqlite {
        path: path.display().to_string(),
        source,
    }
}

/// An SQLite error while opening, or what is wrong with the database's
/// location when that explains it. SQLite says only "unable to open
/// database file" or "attempt to write a readonly database"; the file
/// system says why.
fn located(path: &Path, writing: bool, source: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode::{CannotOpen, PermissionDenied, ReadOnly};
    match source.sqlite_error_code() {
        Some(CannotOpen | ReadOnly | PermissionDenied) => {
            location_error(path, writing).unwrap_or_else(|| wrap(path, source))
        }
        _ => wrap(path, source),
    }
}

/// [`location_problem`] as the store's error.
fn location_error(path: &Path, writing: bool) -> Option<StoreError> {
    Some(StoreError::Location {
        path: path.display().to_string(),
        problem: location_problem(path, writing)?,
    })
}

/// What keeps SQLite from opening (or, when `writing`, writing) a database
/// at `path`, checked in the order a person would fix it; `None` when the
/// location looks fine and the cause is elsewhere. Only called after SQLite
/// failed, so the happy path costs nothing.
pub fn location_problem(path: &Path, writing: bool) -> Option<String> {
    let folder = folder_of(path);
    let shown = folder.display();
    if path.is_dir() {
        return Some("is a folder, not a database file".into());
    }
    if !folder.exists() {
        return Some(format!("the folder {shown} does not exist"));
    }
    if !folder.is_dir() {
        return Some(format!("{shown} is not a folder"));
    }
    let exists = path.exists();
    if writing && exists {
        if let Err(e) = std::fs::OpenOptions::new().write(true).open(path) {
            if let Some(why) = refused(&e) {
                return Some(format!(
                    "the database file is {why}; reading commands can still use it"
                ));
            }
        }
    }
    let why = folder_refuses_files(&folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Some(if !exists {
        format!("cannot create the database: the folder {shown} is {why}")
    } else {
        format!(
            "the folder {shown} is {why}, and SQLite needs to create {name}-wal and {name}-shm \
             beside the database, even to read it; copy the database to a writable folder"
        )
    })
}

/// The folder a database path lives in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Why `folder` refuses new files, found by creating (and removing) an empty
/// one: permission bits alone do not say what root, ACLs or a read-only
/// mount allow.
fn folder_refuses_files(folder: &Path) -> Option<&'static str> {
    let probe = folder.join(format!(".reprint-write-check-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) => refused(&e),
    }
}

/// "read-only" for the I/O errors that mean it.
fn refused(e: &std::io::Error) -> Option<&'static str> {
    /// EROFS on Linux and the BSDs.
    const READ_ONLY_FILE_SYSTEM: i32 = 30;
    if e.raw_os_error() == Some(READ_ONLY_FILE_SYSTEM) {
        return Some("on a read-only file system");
    }
    (e.kind() == std::io::ErrorKind::PermissionDenied).then_some("read-only (permission denied)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_made_with_other_fingerprint_parameters_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        drop(crate::test_store(&path).unwrap());
        let other = "reprint-fp/0 fnv1a64 lower-alnum shingle=4 winnow=8";
        Connection::open(&path)
            .unwrap()
            .execute(
                "UPDATE meta SET value = ?1 WHERE key = 'fingerprint_scheme'",
                [other],
            )
            .unwrap();
        for result in [crate::test_store(&path), Store::open_read_only(&path)] {
            let err = result.err().expect("refused");
            assert!(matches!(err, StoreError::Scheme { .. }), "{err}");
            let msg = err.to_string();
            assert!(msg.contains(other), "{msg}");
            assert!(msg.contains(reprint_match::SCHEME), "{msg}");
            assert!(msg.contains("ingest into a new database"), "{msg}");
        }
    }

    #[test]
    fn a_store_with_records_in_another_format_is_refused_naming_both() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        drop(crate::test_store(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .execute(
                "UPDATE meta SET value = '99' WHERE key = ?1",
                [RECORD_FORMAT_KEY],
            )
            .unwrap();
        for result in [crate::test_store(&path), Store::open_read_only(&path)] {
            let err = result.err().expect("refused");
            assert!(matches!(err, StoreError::RecordFormat { .. }), "{err}");
            let msg = err.to_string();
            assert!(msg.starts_with(&path.display().to_string()), "{msg}");
            assert!(msg.contains("format 99"), "{msg}");
            assert!(msg.contains(&format!("format {RECORD_FORMAT}")), "{msg}");
        }
    }

    fn record_format(path: &std::path::Path) -> String {
        Connection::open(path)
            .unwrap()
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [RECORD_FORMAT_KEY],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn a_new_store_is_in_the_current_record_format() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(crate::test_store(&path).unwrap());
        assert_eq!(record_format(&path), RECORD_FORMAT.to_string());
    }

    /// Every article of a store, read back through its record.
    fn stored_articles(store: &Store) -> Vec<reprint_extract::Article> {
        let mut out = Vec::new();
        store
            .for_each_article(|_, json| crate::record::article_from_json(json).map(|a| out.push(a)))
            .unwrap()
            .unwrap();
        out
    }

    #[test]
    fn a_format_1_store_opens_reads_and_is_format_2_after() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let new = crate::test_article("one", "One paragraph of a format-1 article, long enough.");
        assert!(new.article.region_text.is_empty());
        crate::test_store(&path)
            .unwrap()
            .ingest_batch(std::slice::from_ref(&new))
            .unwrap();
        // As format 1 left it: the meta key says 1; its records hold no
        // region text, as the article above.
        Connection::open(&path)
            .unwrap()
            .execute(
                "UPDATE meta SET value = '1' WHERE key = ?1",
                [RECORD_FORMAT_KEY],
            )
            .unwrap();
        // Read as it is without writing, then migrated by an open to write.
        let read_only = Store::open_read_only(&path).unwrap();
        assert_eq!(stored_articles(&read_only), vec![new.article.clone()]);
        drop(read_only);
        assert_eq!(record_format(&path), "1");
        let store = crate::test_store(&path).unwrap();
        assert_eq!(stored_articles(&store), vec![new.article.clone()]);
        drop(store);
        assert_eq!(record_format(&path), "2");
        // A file of a format newer than this reprint's is still refused.
        Connection::open(&path)
            .unwrap()
            .execute(
                "UPDATE meta SET value = '3' WHERE key = ?1",
                [RECORD_FORMAT_KEY],
            )
            .unwrap();
        for result in [crate::test_store(&path), Store::open_read_only(&path)] {
            let err = result.err().expect("refused");
            assert!(matches!(err, StoreError::RecordFormat { .. }), "{err}");
            assert!(err.to_string().contains("format 3"), "{err}");
        }
    }

    #[test]
    fn a_store_written_before_the_record_format_was_kept_is_format_1() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v7.db");
        drop(crate::test_store(&path).unwrap());
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute("DELETE FROM meta WHERE key = ?1", [RECORD_FORMAT_KEY])
                .unwrap();
            conn.execute_batch("PRAGMA user_version = 7;").unwrap();
        }
        // Read as it is (format 1), then migrated: migration 8 records
        // format 1, which the open to write raises to the current one.
        drop(Store::open_read_only(&path).unwrap());
        assert!(Connection::open(&path)
            .unwrap()
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [RECORD_FORMAT_KEY],
                |r| r.get::<_, String>(0),
            )
            .optional()
            .unwrap()
            .is_none());
        drop(crate::test_store(&path).unwrap());
        assert_eq!(record_format(&path), RECORD_FORMAT.to_string());
    }
}
