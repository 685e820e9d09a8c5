//! Database access for async handlers. rusqlite is synchronous, so every
//! query runs on tokio's blocking pool with a read-only connection taken
//! from a small pool; a semaphore bounds how many run at once (and so how
//! many connections exist). Ingestion, when enabled, has its own single
//! read-write connection behind a mutex: SQLite allows one writer anyway,
//! and WAL lets the readers go on meanwhile.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use reprint_store::Store;
use tokio::sync::Semaphore;

use crate::error::ApiError;

pub struct Db {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
    writer: Option<Mutex<Store>>,
}

impl Db {
    /// Opens the store, migrating its schema first (the search index is a
    /// migration), then keeps `readers` read-only connections at most.
    pub fn open(
        path: &Path,
        readers: usize,
        writable: bool,
    ) -> Result<Db, reprint_store::StoreError> {
        if !path.exists() {
            return Err(reprint_store::StoreError::Missing {
                path: path.display().to_string(),
            });
        }
        // Opening read-write applies pending migrations once, up front.
        let rw = reprint_app::stories::open(path)?;
        let first = Store::open_read_only(path)?;
        Ok(Db {
            path: path.to_path_buf(),
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(readers.max(1)),
            writer: writable.then(|| Mutex::new(rw)),
        })
    }

    fn take(&self) -> Result<Store, ApiError> {
        let pooled = self.idle.lock().map_err(ApiError::internal)?.pop();
        match pooled {
            Some(s) => Ok(s),
            None => Store::open_read_only(&self.path).map_err(ApiError::from),
        }
    }

    fn give(&self, s: Store) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(s);
        }
    }

    /// Runs `f` with a read-only store on the blocking pool.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
        let db = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = db.take()?;
            let out = f(&store);
            db.give(store);
            out
        })
        .await
        .map_err(ApiError::internal)?
    }

    /// Whether ingestion is enabled.
    pub fn writable(&self) -> bool {
        self.writer.is_some()
    }

    /// Runs `f` with the read-write store on the blocking pool.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    {
        let db = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let Some(w) = &db.writer else {
                return Err(ApiError::new(
                    axum::http::StatusCode::FORBIDDEN,
                    "this server is read-only",
                ));
            };
            let mut store = w.lock().map_err(ApiError::internal)?;
            f(&mut store)
        })
        .await
        .map_err(ApiError::internal)?
    }
}
