//! Expands the paths given into the files to read: directories recursively,
//! in sorted order so runs are reproducible, lazily so a huge tree starts
//! streaming at once.

use std::collections::VecDeque;
use std::fs::{self, FileType};
use std::path::{Path, PathBuf};

use tracing::debug;

use crate::error::Reason;
use crate::kind::InputKind;
use crate::InputError;

/// A file to read, with its kind and size on disk.
#[derive(Debug)]
pub(crate) struct Found {
    pub(crate) path: PathBuf,
    pub(crate) kind: InputKind,
    pub(crate) size: u64,
}

/// Iterates over the files under the given paths.
pub(crate) struct Walk {
    explicit: VecDeque<PathBuf>,
    /// Sorted, not yet visited entries of each directory being walked.
    stack: Vec<std::vec::IntoIter<(PathBuf, FileType)>>,
}

impl Walk {
    pub(crate) fn new(paths: &[PathBuf]) -> Self {
        Walk {
            explicit: paths.iter().cloned().collect(),
            stack: Vec::new(),
        }
    }

    /// A path given by the user: it must exist, and a file must be of a
    /// known kind (saying so beats silently reading nothing).
    fn visit_explicit(&mut self, path: PathBuf) -> Option<Result<Found, InputError>> {
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(err) => return Some(Err(Reason::from_io(&err).at(display(&path)))),
        };
        if meta.is_dir() {
            return self.enter(&path).err().map(Err);
        }
        Some(match InputKind::from_path(&path) {
            Some(kind) => Ok(Found {
                path,
                kind,
                size: meta.len(),
            }),
            None => Err(Reason::UnknownKind.at(display(&path))),
        })
    }

    /// A path met inside a directory: hidden entries and unknown kinds are
    /// skipped; symlinked directories are not followed, to avoid cycles.
    fn visit_child(
        &mut self,
        path: PathBuf,
        file_type: FileType,
    ) -> Option<Result<Found, InputError>> {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            return None;
        }
        if file_type.is_dir() {
            return self.enter(&path).err().map(Err);
        }
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(err) => return Some(Err(Reason::from_io(&err).at(display(&path)))),
        };
        if meta.is_dir() {
            debug!("{}: not following symlinked directory", path.display());
            return None;
        }
        match InputKind::from_path(&path) {
            Some(kind) => Some(Ok(Found {
                path,
                kind,
                size: meta.len(),
            })),
            None => {
                debug!("{}: skipped, unknown file type", path.display());
                None
            }
        }
    }

    fn enter(&mut self, dir: &Path) -> Result<(), InputError> {
        let fail = |err: std::io::Error| Reason::from_io(&err).at(display(dir));
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir).map_err(fail)? {
            let entry = entry.map_err(fail)?;
            let file_type = entry.file_type().map_err(fail)?;
            entries.push((entry.path(), file_type));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.stack.push(entries.into_iter());
        Ok(())
    }
}

impl Iterator for Walk {
    type Item = Result<Found, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(entries) = self.stack.last_mut() {
                match entries.next() {
                    Some((path, file_type)) => {
                        if let Some(found) = self.visit_child(path, file_type) {
                            return Some(found);
                        }
                    }
                    None => {
                        self.stack.pop();
                    }
                }
                continue;
            }
            let path = self.explicit.pop_front()?;
            if let Some(found) = self.visit_explicit(path) {
                return Some(found);
            }
        }
    }
}

/// How a path is named in ids and messages: as given, joined with the
/// names found below it.
pub(crate) fn display(path: &Path) -> String {
    path.display().to_string()
}
