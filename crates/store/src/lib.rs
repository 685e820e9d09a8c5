//! reprint-store: the embedded single-file store. One SQLite file (WAL
//! journal) holds the extracted articles, the fingerprint index matching runs
//! against, the verified pairs with their aligned passages, and the traced
//! stories. It grows incrementally: each ingest batch is one transaction that
//! adds articles, matches them against everything stored, and re-traces only
//! the stories the batch touched. Ingesting the same page again changes
//! nothing.
//!
//! Modules: [`schema`] (tables, migrations), [`open`] (opening and refusing
//! foreign files), [`ingest`] (adding a batch), `corpus` (the store as the
//! matcher's `Corpus`: bulk reads of postings, sets, texts, furniture), [`fingerprint_index`] (keeping the fingerprint index,
//! in memory during a bulk ingest), [`stories`] (re-tracing), [`read`]
//! (queries for the CLI), [`record`] (the stored formats of articles and
//! passages, apart from the domain types), [`queries`] (queries for the server, full-text
//! search), [`search_index`] (keeping the full-text index current).

mod corpus;
pub mod fingerprint_index;
pub mod ingest;
pub mod open;
mod prints;
pub mod queries;
pub mod read;
pub mod record;
mod rematch;
pub mod schema;
pub mod search_index;
mod sql;
pub mod stories;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use fingerprint_index::FingerprintIndexing;
pub use ingest::{BatchReport, IngestOutcome, NewArticle};
pub use read::{ArticleRow, PairRow, StoredStory, StoryRow};
pub use search_index::{Finishing, SearchIndexing};
pub use stories::{LinkRecord, MemberRecord, StoryTracer, StoryTracing, TracedStory, Unreadable};

/// An error from the store, naming the database file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a reprint database ({reason})")]
    Foreign { path: String, reason: String },
    #[error(
        "{path}: its fingerprints were made with \"{found}\" but this reprint uses \"{expected}\"; \
         ingest into a new database"
    )]
    Scheme {
        path: String,
        found: String,
        expected: String,
    },
    #[error("{path}: schema version {found} is newer than this reprint knows ({known}); upgrade reprint")]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: no such database")]
    Missing { path: String },
    #[error("{path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    /// The file's stored records are in a format this reprint does not
    /// read (see [`record::RECORD_FORMAT`]).
    #[error(
        "{path}: its stored records are in format {found}, but this reprint reads format {known}; \
         use the reprint that wrote it, or ingest the pages into a new database"
    )]
    RecordFormat {
        path: String,
        found: String,
        known: i64,
    },
    #[error("{path}: stored record {what} is unreadable: {reason}")]
    Corrupt {
        path: String,
        what: String,
        reason: String,
    },
    /// The database cannot live where it was asked to: a missing folder, a
    /// read-only file or folder (see `open::location_problem`).
    #[error("{path}: {problem}")]
    Location { path: String, problem: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open reprint database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    search_indexing: SearchIndexing,
    story_tracing: StoryTracing,
    /// What traces stories; none: they wait in `story_backlog`.
    tracer: Option<std::sync::Arc<dyn StoryTracer>>,
    fingerprint_indexing: FingerprintIndexing,
    /// A bulk ingest's look-up state (`FingerprintIndexing::Deferred`).
    bulk: Option<fingerprint_index::BulkIndex>,
    bulk_tuning: fingerprint_index::BulkTuning,
}

impl Store {
    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn name(&self) -> String {
        self.path.display().to_string()
    }

    /// Runs `work` in one transaction and commits it; `work` gets the
    /// transaction and the database's name for its errors.
    fn in_transaction<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction, &str) -> Result<T>,
    ) -> Result<T> {
        let path = self.name();
        let sql = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sql)?;
        let out = work(&tx, &path)?;
        tx.commit().map_err(sql)?;
        Ok(out)
    }

    /// Wraps an SQLite error with the database's path.
    fn sql(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite {
            path: self.name(),
            source,
        }
    }
}

/// A store for the store's own tests, with [`fixtures::KeysTracer`]: the
/// store's bookkeeping is under test, not the tracing (reprint-app's).
#[cfg(test)]
pub(crate) fn test_store(path: &Path) -> Result<Store> {
    let mut store = Store::open(path)?;
    store.set_story_tracer(std::sync::Arc::new(fixtures::KeysTracer));
    Ok(store)
}

/// A stored-article fixture made from plain text, for the store's tests.
#[cfg(test)]
pub(crate) fn test_article(id: &str, text: &str) -> NewArticle {
    NewArticle {
        ext_id: id.into(),
        origin: format!("test:{id}"),
        url: None,
        fetched: None,
        article: reprint_extract::extract_text(text, None),
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    /// A tracer that names each story by its members and their ids: enough
    /// to see which stories the store wrote and when.
    pub(crate) struct KeysTracer;

    impl StoryTracer for KeysTracer {
        fn trace(
            &self,
            members: Vec<MemberRecord>,
            links: Vec<LinkRecord>,
        ) -> std::result::Result<TracedStory, Unreadable> {
            let keys: Vec<i64> = members.iter().map(|m| m.key).collect();
            let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
            Ok(TracedStory {
                id: keys.iter().copied().min().unwrap_or_default(),
                origin_article: None,
                origin_outlet: None,
                origin_confidence: 0.0,
                headline: None,
                date: None,
                json: format!("{ids:?} {}", links.len()),
                members: keys,
            })
        }
    }
}
