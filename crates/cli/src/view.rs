//! The `--partners` option. The story view it is applied to, with its schema
//! version, is `reprint_app::view`'s, shared with the server.

use std::path::{Path, PathBuf};

use anyhow::Result;
use reprint_trace::Partners;

/// The partners file read when `--partners` is not given, if it exists in
/// the working directory.
pub const DEFAULT_PARTNERS: &str = "reprint.toml";

/// The `--partners` option shared by `stories`, `show` and `export`.
#[derive(clap::Args, Debug, Clone)]
pub struct PartnersArg {
    /// Licensed partners (TOML; see the README): a copy that gives no credit
    /// but runs on a licensee of its source is "licensed", not "uncredited".
    /// Default: ./reprint.toml when it exists.
    #[arg(long, value_name = "FILE")]
    partners: Option<PathBuf>,
}

impl PartnersArg {
    /// The partners file named, or the default one if present; None when
    /// there is neither. A file that cannot be read or parsed is an error.
    pub fn load(&self) -> Result<Option<Partners>> {
        let path = match &self.partners {
            Some(p) => p.clone(),
            None if Path::new(DEFAULT_PARTNERS).is_file() => PathBuf::from(DEFAULT_PARTNERS),
            None => return Ok(None),
        };
        Ok(Some(Partners::load(&path)?))
    }
}
