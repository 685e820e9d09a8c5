//! Reading files and directories: kinds, walk order, and every kind of bad
//! input, each reported as one line naming the input.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::{write::GzEncoder, Compression};
use reprint_ingest::{read_inputs, InputError, Page, PageBody, ReadOptions};

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn read(paths: &[PathBuf]) -> Vec<Result<Page, InputError>> {
    read_inputs(paths, &ReadOptions::default()).collect()
}

fn read_one(path: &Path) -> Result<Page, InputError> {
    let mut all = read(&[path.to_path_buf()]);
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

fn error_of(path: &Path) -> InputError {
    read_one(path).expect_err("expected an error")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn assert_one_line(err: &InputError, input: &str, reason_part: &str) {
    let text = err.to_string();
    assert!(!text.contains('\n'), "{text}");
    assert_eq!(err.input, input, "{text}");
    assert!(err.reason.contains(reason_part), "{text}");
}

#[test]
fn html_text_and_gzip_files() {
    let dir = tempfile::tempdir().unwrap();
    let html = write(dir.path(), "a.html", b"<html><p>Hello</p></html>");
    let page = read_one(&html).unwrap();
    assert_eq!(page.id, html.display().to_string());
    assert_eq!(page.origin, page.id);
    assert_eq!(page.url, None);
    assert_eq!(
        page.body,
        PageBody::Html("<html><p>Hello</p></html>".into())
    );

    let md = write(dir.path(), "b.md.gz", &gz("# Title\n\nCafé".as_bytes()));
    assert_eq!(
        read_one(&md).unwrap().body,
        PageBody::Text("# Title\n\nCafé".into())
    );

    // Latin-1 text without a BOM is detected, not mangled.
    let latin = write(
        dir.path(),
        "c.txt",
        b"Les \xE9l\xE8ves de l'\xE9cole fran\xE7aise ont \xE9t\xE9 f\xE9licit\xE9s.",
    );
    let PageBody::Text(text) = read_one(&latin).unwrap().body else {
        panic!("not text")
    };
    assert!(text.contains("élèves"), "{text}");
}

#[test]
fn seed_text_file_reads_as_text() {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/corpus/globalresearch-sputnik-belgium.txt" // = ../shared/seed/000_c3bb4977750eb2d9.txt
    ));
    let PageBody::Text(text) = read_one(&path).unwrap().body else {
        panic!("not text")
    };
    assert!(text.contains("Belgium"), "{}", &text[..200.min(text.len())]);
}

#[test]
fn directories_are_walked_sorted_skipping_hidden_and_unknown() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b/2.htm", b"<p>2</p>");
    write(dir.path(), "b/1.txt", b"one");
    write(dir.path(), "a.xhtml", b"<p>a</p>");
    write(dir.path(), "c.markdown", b"c");
    write(dir.path(), ".hidden.html", b"<p>h</p>");
    write(dir.path(), ".git/x.html", b"<p>x</p>");
    write(dir.path(), "image.png", b"\x89PNG");
    write(dir.path(), "notes", b"no extension");
    let ids: Vec<String> = read(&[dir.path().to_path_buf()])
        .into_iter()
        .map(|r| r.unwrap().id)
        .collect();
    let root = dir.path().display().to_string();
    let expected: Vec<String> = ["a.xhtml", "b/1.txt", "b/2.htm", "c.markdown"]
        .iter()
        .map(|name| format!("{root}/{name}"))
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn explicit_file_of_unknown_kind_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "data.csv", b"a,b");
    let err = error_of(&path);
    assert_one_line(&err, &path.display().to_string(), "unknown file type");
    assert!(
        err.reason.contains(".html") && err.reason.contains(".warc"),
        "{err}"
    );
}

#[test]
fn missing_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.html");
    assert_one_line(
        &error_of(&path),
        &path.display().to_string(),
        "no such file or directory",
    );
}

#[test]
fn unreadable_path_through_a_file() {
    // Works as root too: a path that treats a file as a directory cannot be read.
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "page.html", b"<p>x</p>");
    let path = file.join("inner.html");
    assert_one_line(
        &error_of(&path),
        &path.display().to_string(),
        "not a directory",
    );
}

#[test]
fn unreadable_path_without_permission() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "secret.html", b"<p>x</p>");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(&path).is_ok() {
        eprintln!("running as root: permission bits not enforced, skipping");
        return;
    }
    assert_one_line(
        &error_of(&path),
        &path.display().to_string(),
        "permission denied",
    );
}

#[test]
fn binary_file_renamed_html() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "logo.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    );
    assert_one_line(
        &error_of(&path),
        &path.display().to_string(),
        "binary file, not a page",
    );
    let nul = write(dir.path(), "nul.txt", b"hello\0world");
    assert_one_line(
        &error_of(&nul),
        &nul.display().to_string(),
        "binary file, not a page",
    );
}

#[test]
fn undecodable_text() {
    let dir = tempfile::tempdir().unwrap();
    // A UTF-8 BOM promises UTF-8, then the bytes are not.
    let bytes = [
        b"\xEF\xBB\xBFtitle ".as_slice(),
        &b"\xC3\x28\xA0\xA1".repeat(50),
    ]
    .concat();
    let path = write(dir.path(), "bad.txt", &bytes);
    assert_one_line(
        &error_of(&path),
        &path.display().to_string(),
        "undecodable text",
    );
}

#[test]
fn empty_pages() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("zero.html", &b""[..]),
        ("blank.txt", b" \n\t\r\n "),
        ("blank.md.gz", &gz(b"\n\n")[..]),
    ] {
        let path = write(dir.path(), name, bytes);
        assert_one_line(&error_of(&path), &path.display().to_string(), "empty page");
    }
}

#[test]
fn page_over_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ReadOptions {
        max_page_bytes: 1000,
    };
    let path = write(dir.path(), "big.html", &b"<p>x</p>".repeat(200));
    let errs: Vec<_> = read_inputs(std::slice::from_ref(&path), &opts).collect();
    let err = errs[0].clone().unwrap_err();
    assert_one_line(
        &err,
        &path.display().to_string(),
        "page is 1600 bytes, over the limit of 1000",
    );
}

#[test]
fn gzip_bomb_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // 256 members of 1 MiB of spaces: 256 MiB decompressed from ~260 KB.
    let member = gz(&vec![b' '; 1 << 20]);
    let path = write(dir.path(), "bomb.html.gz", &member.repeat(256));
    let opts = ReadOptions {
        max_page_bytes: 4 << 20,
    };
    let errs: Vec<_> = read_inputs(std::slice::from_ref(&path), &opts).collect();
    let err = errs[0].clone().unwrap_err();
    assert_one_line(
        &err,
        &path.display().to_string(),
        "over the limit of 4194304",
    );
}

/// An endless gzip stream: if reading did not stop at the limit, the test
/// would never end; it also checks how much was actually pulled.
#[test]
fn endless_gzip_stream_stops_at_the_limit() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    struct Endless {
        member: Vec<u8>,
        pos: usize,
        served: Arc<AtomicUsize>,
    }
    impl std::io::Read for Endless {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let rest = &self.member[self.pos..];
            let n = rest.len().min(out.len());
            out[..n].copy_from_slice(&rest[..n]);
            self.pos = (self.pos + n) % self.member.len();
            self.served.fetch_add(n, Ordering::Relaxed);
            Ok(n)
        }
    }
    let member = gz(&vec![b'a'; 1 << 20]);
    let served = Arc::new(AtomicUsize::new(0));
    let reader = Endless {
        member: member.clone(),
        pos: 0,
        served: served.clone(),
    };
    let opts = ReadOptions {
        max_page_bytes: 8 << 20,
    };
    let results: Vec<_> = reprint_ingest::read_reader("-", reader, None, &opts).collect();
    assert_eq!(results.len(), 1);
    assert!(
        results[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("over the limit"),
        "{results:?}"
    );
    // About 8 members decompressed, plus read-ahead; never hundreds.
    assert!(
        served.load(Ordering::Relaxed) < 64 * member.len(),
        "read too far"
    );
}

#[test]
fn truncated_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let whole = gz(&b"<p>some text that goes on</p>".repeat(100));
    let path = write(dir.path(), "cut.html.gz", &whole[..whole.len() / 2]);
    let after = write(dir.path(), "next.html", b"<p>next</p>");
    let results = read(&[path.clone(), after]);
    assert_one_line(
        results[0].as_ref().unwrap_err(),
        &path.display().to_string(),
        "truncated gzip stream",
    );
    assert!(results[1].is_ok(), "reading goes on after an error");
}

#[test]
fn errors_do_not_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "1.html", b"");
    write(dir.path(), "2.html", b"<p>ok</p>");
    let missing = dir.path().join("missing.txt");
    let results = read(&[missing, dir.path().to_path_buf()]);
    let ok: Vec<bool> = results.iter().map(Result::is_ok).collect();
    assert_eq!(ok, [false, false, true]);
}
