//! One module per subcommand.

pub mod export;
pub mod extract;
pub mod ingest;
pub mod serve;
pub mod stories;
pub mod trace;

use std::path::PathBuf;

/// Options every command shares.
pub struct Context {
    pub db: PathBuf,
    pub json: bool,
}
