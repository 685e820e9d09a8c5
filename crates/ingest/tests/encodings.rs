//! Decoding real pages in many encodings without mojibake: every page of the
//! shared extraction sets must decode cleanly.
//!
//! A few pages carry mojibake in their own bytes (text double-encoded by the
//! site, e.g. `Ã©coute` in an `alt` attribute; browsers show it too). So a
//! page fails only when our output has more of a mojibake sequence than its
//! raw bytes read as UTF-8 do: that excess is what decoding introduced.

use std::io::Read;
use std::path::PathBuf;

use flate2::read::MultiGzDecoder;

use reprint_ingest::{read_inputs, PageBody, ReadOptions};

const EXTRACTION: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/extraction"
);

/// UTF-8 read as windows-1252/latin-1 leaves these behind.
const MOJIBAKE: [&str; 12] = [
    "Ã©", "Ã¨", "Ã¤", "Ã¶", "Ã¼", "ÃŸ", "Ã ", "â€™", "â€œ", "â€", "Â ", "Ã§",
];

fn check_set(set: &str, expected_pages: usize) {
    let dir = PathBuf::from(EXTRACTION).join(set).join("html");
    let mut offenders = Vec::new();
    let mut pages = 0;
    for result in read_inputs(&[dir], &ReadOptions::default()) {
        let page = match result {
            Ok(page) => page,
            Err(err) => {
                offenders.push(err.to_string());
                continue;
            }
        };
        pages += 1;
        let PageBody::Html(html) = &page.body else {
            panic!("{} not HTML", page.id)
        };
        let own = String::from_utf8_lossy(&raw_bytes(&page.id)).into_owned();
        let found: Vec<&str> = MOJIBAKE
            .iter()
            .copied()
            .filter(|m| html.matches(m).count() > own.matches(m).count())
            .collect();
        let replacements = html.matches('\u{FFFD}').count();
        if !found.is_empty() || replacements > 2 {
            offenders.push(format!(
                "{}: mojibake {found:?}, {replacements} U+FFFD",
                page.id
            ));
        }
    }
    assert_eq!(pages, expected_pages, "{offenders:#?}");
    assert!(
        offenders.is_empty(),
        "{} offenders:\n{}",
        offenders.len(),
        offenders.join("\n")
    );
}

fn raw_bytes(path: &str) -> Vec<u8> {
    let mut raw = Vec::new();
    let file = std::fs::File::open(path).unwrap();
    MultiGzDecoder::new(file).read_to_end(&mut raw).unwrap();
    raw
}

#[test]
fn tfe_dev_pages_decode_without_mojibake() {
    reprint_prerequisites::need!(shared("data/extraction"));
    check_set("tfe-dev", 485);
}

#[test]
fn aeb_pages_decode_without_mojibake() {
    reprint_prerequisites::need!(shared("data/extraction"));
    check_set("aeb", 181);
}
