//! reprint-prerequisites: what a test needs from outside the repository —
//! the benchmark data in `../shared` (beside the repository), Python for its
//! scorers, Chromium and the browser tests' `node_modules` — and one rule for
//! when it is missing.
//!
//! A fresh clone has none of them, and `cargo test --workspace` must still
//! pass there: a test whose prerequisite is missing prints one line saying it
//! was skipped and why, and returns. CI (`.ci/run`) sets
//! [`REQUIRE_ALL`]`=1`, and then a missing prerequisite fails the test
//! instead, so CI never passes by skipping.
//!
//! The line goes straight to the process's standard error, past the test
//! harness's capture, so `cargo test` shows it without `--nocapture`;
//! `cargo test --workspace 2>&1 | grep '^skipped'` lists every skip.
//!
//! Use it as the first line of a test, through [`need!`], which returns
//! from the test when the prerequisite is missing:
//!
//! ```no_run
//! # fn a_test() {
//! let census = reprint_prerequisites::need!(shared("data/reprints/census.jsonl"));
//! let python = reprint_prerequisites::need!(python3());
//! # }
//! ```

pub mod split;

use std::fmt::Display;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The environment variable that turns every skip into a failure (`.ci/run`
/// sets it to `1`).
pub const REQUIRE_ALL: &str = "REPRINT_REQUIRE_ALL_TESTS";

/// Checks one prerequisite (a function of this crate, named without the
/// crate path) and yields what it found; when it is missing, the check has
/// printed the skip line (or failed, under [`REQUIRE_ALL`]) and the calling
/// test returns here. One line at the top of a test, so the guard stays out
/// of the test's own code.
#[macro_export]
macro_rules! need {
    ($($check:tt)+) => {
        match $crate::$($check)+ {
            ::std::option::Option::Some(found) => found,
            ::std::option::Option::None => return,
        }
    };
}

/// True when [`REQUIRE_ALL`] is set to anything but empty or `0`.
pub fn required() -> bool {
    std::env::var(REQUIRE_ALL).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// `../shared/REL` beside the repository (the benchmark data, see
/// `../shared/data/README.md`), if it exists; otherwise the test is skipped
/// (or fails under [`REQUIRE_ALL`]).
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = shared_root().join(rel);
    if path.exists() {
        return Some(path);
    }
    missing(format!(
        "../shared/{rel} not found (benchmark data beside the repository)"
    ))
}

/// Where `../shared` is: beside the repository root, the same place every
/// test's own paths (`CARGO_MANIFEST_DIR/../../../shared`) point to.
fn shared_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The Python 3 interpreter (`python3`, standard library only), which runs
/// the scorers in `../shared/bench`; returns its command name.
pub fn python3() -> Option<&'static str> {
    program("python3", "--version", "apt-get install python3")?;
    Some("python3")
}

/// A program that runs (`NAME VERSION_ARG` exits successfully); `install`
/// says how to get it, for the skip line.
pub fn program(name: &str, version_arg: &str, install: &str) -> Option<()> {
    let runs = Command::new(name)
        .arg(version_arg)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if runs {
        return Some(());
    }
    missing(format!("`{name}` is not installed ({install})"))
}

/// A file or folder that a setup step outside `cargo` creates (Chromium's
/// binary, `npm ci`'s `node_modules`); `setup` says which step, for the skip
/// line.
pub fn installed(path: &Path, setup: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path.to_path_buf());
    }
    missing(format!("{} not found ({setup})", path.display()))
}

/// Skips the test for a reason no setup can change (e.g. running as root
/// makes a read-only folder writable): prints the skip line and returns
/// `None` even under [`REQUIRE_ALL`].
pub fn inapplicable<T>(reason: impl Display) -> Option<T> {
    say(&format!("skipped {}: {reason}", test_name()));
    None
}

/// A prerequisite is missing: skip, or fail under [`REQUIRE_ALL`].
fn missing<T>(reason: String) -> Option<T> {
    if required() {
        panic!(
            "{} cannot run: {reason}; {REQUIRE_ALL} is set, so every prerequisite is required",
            test_name()
        );
    }
    let line = format!("skipped {}: {reason}", test_name());
    say(&format!(
        "{line}; {REQUIRE_ALL}=1 (.ci/run) makes this a failure"
    ));
    None
}

/// The running test's name: the test harness names each test's thread
/// after it.
fn test_name() -> String {
    match std::thread::current().name() {
        Some(name) if name != "main" => name.to_string(),
        _ => "a test".to_string(),
    }
}

/// Writes to the process's standard error directly: the test harness
/// captures `eprintln!` of passing tests, and a skip must be seen.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn present_things_are_returned() {
        // The repository's own files stand in for present prerequisites.
        let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        assert_eq!(need!(installed(&here, "none")), here);
    }

    #[test]
    fn missing_things_skip_or_fail_by_the_variable() {
        let absent = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-file");
        // The variable is read at each call; tests in this binary run on
        // several threads, so the check runs in a child process.
        let exe = std::env::current_exe().expect("the test binary");
        for (value, fails) in [("", false), ("0", false), ("1", true)] {
            let out = Command::new(&exe)
                .args(["--exact", "tests::child_probe", "--nocapture"])
                .env(REQUIRE_ALL, value)
                .env("PREREQUISITES_PROBE", absent.as_os_str())
                .output()
                .expect("the test binary runs");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(
                !out.status.success(),
                fails,
                "{REQUIRE_ALL}={value:?}: {err}"
            );
            let said = if fails {
                "tests::child_probe cannot run: "
            } else {
                "skipped tests::child_probe: "
            };
            assert!(
                err.contains(said) && err.contains("no-such-file not found (run it)"),
                "{err}"
            );
            // A test that cannot apply here is skipped whatever the variable says.
            assert!(
                err.contains("skipped tests::child_probe: not here"),
                "{err}"
            );
        }
    }

    /// Run by the test above in a child process; does nothing on its own.
    #[test]
    fn child_probe() {
        let Some(path) = std::env::var_os("PREREQUISITES_PROBE") else {
            return;
        };
        assert_eq!(inapplicable::<()>("not here"), None);
        let found = need!(installed(Path::new(&path), "run it"));
        panic!("{} was found", found.display());
    }
}
