//! Writing to standard output when the reader may leave early.
//!
//! `reprint stories | head -1` closes the pipe after one line; the next
//! write fails with `BrokenPipe` (Rust ignores SIGPIPE, so the process is
//! not killed). `println!` would panic there. Every command writes through
//! [`print`] or its own writer instead and returns the error, and `main`
//! exits quietly with [`CLOSED_PIPE`], the status a shell reports for a
//! program that SIGPIPE stopped (`yes | head` in bash: 141), so scripts see
//! what they would see from any other Unix tool.

use std::io::Write;

/// Exit status after the reader closed standard output: 128 + SIGPIPE (13).
pub const CLOSED_PIPE: u8 = 141;

/// Writes `text` to standard output and flushes it.
pub fn print(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Writes `text` and a newline to standard output.
pub fn println(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Writes a line to standard error, ignoring failure: a message about a bad
/// input must not stop the run when stderr is itself a closed pipe.
pub fn eprintln(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Whether `err` (anywhere in its chain, including inside the JSON and CSV
/// writers' own error types) is a write to a closed pipe.
pub fn is_closed_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let kind = if let Some(io) = e.downcast_ref::<std::io::Error>() {
            Some(io.kind())
        } else if let Some(json) = e.downcast_ref::<serde_json::Error>() {
            json.io_error_kind()
        } else if let Some(csv) = e.downcast_ref::<csv::Error>() {
            match csv.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            }
        } else {
            None
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    fn closed() -> Error {
        Error::from(ErrorKind::BrokenPipe)
    }

    #[test]
    fn a_closed_pipe_is_found_in_every_wrapper() {
        let plain = anyhow::Error::from(closed()).context("writing the stories");
        assert!(is_closed_pipe(&plain));
        let json = serde_json::to_writer(FailingWriter, &[1, 2, 3]).unwrap_err();
        assert!(is_closed_pipe(&anyhow::Error::from(json)));
        let mut w = csv::Writer::from_writer(FailingWriter);
        let csv = w
            .write_record(["a", "b"])
            .and_then(|()| w.flush().map_err(csv::Error::from))
            .unwrap_err();
        assert!(is_closed_pipe(&anyhow::Error::from(csv)));
        let other = anyhow::Error::from(Error::from(ErrorKind::PermissionDenied));
        assert!(!is_closed_pipe(&other));
    }

    struct FailingWriter;

    impl Write for FailingWriter {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(closed())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(closed())
        }
    }
}
