//! Dates and bylines on tfe-dev pages (shared/data/extraction/tfe-dev):
//! each test names the page a heuristic of `metadata` came from and what
//! it proves. Expected values are the benchmark's gold (`gold.jsonl`).

use std::io::Read;

use reprint_extract::{Article, FieldSource};

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/extraction/tfe-dev"
);

fn extract(id: &str) -> Article {
    let path = format!("{DATA}/html/{id}.html.gz");
    let gz = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut raw)
        .expect("page is gzipped");
    reprint_extract::extract_html(&String::from_utf8_lossy(&raw), None)
}

fn published(a: &Article) -> &str {
    a.published.as_ref().map_or("", |p| p.value.as_str())
}

fn byline(id: &str) -> String {
    extract(id).byline.map(|b| b.value).unwrap_or_default()
}

#[test]
fn printed_update_day_over_first_publication() {
    reprint_prerequisites::need!(shared("data/extraction/tfe-dev"));
    // angelmagazin.de: JSON-LD datePublished 2021-11-29, the page prints
    // (and the gold has) its update day; modified stays apart.
    let a = extract("t0124");
    assert_eq!(published(&a), "2022-01-12");
    assert_eq!(a.published.as_ref().unwrap().source, FieldSource::Visible);
    let modified = a.modified.expect("dateModified");
    assert!(modified.value.starts_with("2022-01-12T15:27:30"));
    assert_eq!(modified.source, FieldSource::JsonLd);
}

#[test]
fn utc_timestamp_read_in_the_printed_zone() {
    reprint_prerequisites::need!(shared("data/extraction/tfe-dev"));
    // nachrichten.at: JSON-LD 2019-10-18T22:04:00Z, printed "19. Oktober
    // 2019 00:04 Uhr": the same instant, in the page's zone.
    let a = extract("t0789");
    assert_eq!(published(&a), "2019-10-19T00:04:00+02:00");
    assert_eq!(a.published.unwrap().source, FieldSource::JsonLd);
    // lanacion.com.ar: 2022-05-04T00:25:56Z printed "3 de mayo de 2022".
    assert_eq!(published(&extract("t0733")), "2022-05-03");
}

#[test]
fn date_line_belongs_to_the_titles_heading() {
    reprint_prerequisites::need!(shared("data/extraction/tfe-dev"));
    // hoy.com.py: one <h1> per story; the dated line is the one by the
    // <h1> printing the og:title, which agrees with the JSON-LD.
    assert!(published(&extract("t0695")).starts_with("2022-05-06"));
    // martinruetter.com prints its headline in an <h3 itemprop=headline>.
    assert_eq!(published(&extract("t0766")), "2022-01-27");
}

#[test]
fn body_and_hidden_dates_are_not_date_lines() {
    reprint_prerequisites::need!(shared("data/extraction/tfe-dev"));
    // kath.net: "25. Dezember 2005" quoted in the body.
    assert!(published(&extract("t0268")).starts_with("2021-11-12"));
    // journal.3960.org: the post's last change, printed after its body.
    assert!(published(&extract("t0262")).starts_with("2019-12-22"));
    // shop.nmb-media.de: a hidden dateModified <time> by the headline.
    assert!(published(&extract("t0370")).starts_with("2018-06-22"));
}

#[test]
fn numeric_date_lines() {
    reprint_prerequisites::need!(shared("data/extraction/tfe-dev"));
    // meininger.de "28.01.22"; msn.com/en-gb "02/10/2020" day first;
    // petri-heil.ch "26 | 01 | 2022".
    assert_eq!(published(&extract("t0772")), "2022-01-28");
    assert_eq!(published(&extract("t0785")), "2020-10-02");
    assert_eq!(published(&extract("t0818")), "2022-01-26");
    // motor.at prints "11/01/2021" month first: the markup's 2021-11-01
    // is one reading of it, so the markup stands.
    assert!(published(&extract("t0308")).starts_with("2021-11-01"));
}

#[test]
fn labelled_date_without_markup() {
    reprint_prerequisites::need!(shared("data/extraction/tfe-dev"));
    // internetchemie.info: "Aktualisiert am" / "17.01.2021." at the foot,
    // not the "15. Januar 2021" of a cited paper above it.
    assert_eq!(published(&extract("t0258")), "2021-01-17");
}

#[test]
fn how_to_guides_are_articles() {
    reprint_prerequisites::need!(shared("data/extraction/tfe-dev"));
    // homify.de: the JSON-LD node is a HowTo.
    assert_eq!(published(&extract("t0693")), "2022-01-10");
}

#[test]
fn labelled_and_split_by_lines() {
    reprint_prerequisites::need!(shared("data/extraction/tfe-dev"));
    assert_eq!(byline("t0041"), "Konstantin"); // "Posted by Konstantin @ 12:00 am"
    assert_eq!(byline("t0084"), "Klaus Stanjek"); // "<p> von <em>Klaus Stanjek</em></p>"
    assert_eq!(byline("t0820"), "Pamela Sladky"); // "Ein Artikel von <strong>…</strong> | 27.01.2022"
    assert_eq!(byline("t0597"), "Jelko Djuren und Jutta Klaukien"); // "Autoren …"
}

#[test]
fn newsroom_and_full_names() {
    reprint_prerequisites::need!(shared("data/extraction/tfe-dev"));
    // lacrux.com: the newsroom ("Redaktion") is the page's author.
    assert_eq!(byline("t0731"), "Redaktion");
    // baumeister.de: JSON-LD names the login, the page the person.
    assert_eq!(byline("t0501"), "Arian Schlichenmayer");
    // healthline.com: the degree after the name is dropped.
    assert_eq!(byline("t0685"), "Grant Tinsley");
}
