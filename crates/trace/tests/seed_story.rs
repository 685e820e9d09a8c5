//! The founding example: the Global Research page in `../shared/seed/`
//! republishes a Sputnik article. Paired with a Sputnik-style original of the
//! same text (made here: same headline and body, on Sputnik's site, a day
//! earlier), tracing must name Sputnik the origin and judge Global Research's
//! credit: named and copyright kept; with no hyperlink to the original the
//! verdict is partial and says so; with one it is credited.

use reprint_extract::{extract_text, Article, FieldSource, Sourced};
use reprint_match::ReuseKind;
use reprint_trace::{trace_story, CreditVerdict, Link, Origin, TracedArticle};

const SPUTNIK_URL: &str = "https://sputniknews.com/politics/20150703/1024184456.html";

fn seed_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/corpus/globalresearch-sputnik-belgium.txt" // = ../shared/seed/000_c3bb4977750eb2d9.txt
    );
    std::fs::read_to_string(path).expect("the seed page is readable")
}

fn global_research(text: &str) -> TracedArticle {
    TracedArticle {
        key: 2,
        id: "globalresearch.ca/belgium".into(),
        url: Some("https://www.globalresearch.ca/belgium-s-exit/5460771".into()),
        fetched: None,
        article: extract_text(text, None),
    }
}

/// Sputnik's own page: the same headline and body, dated 3 July 2015.
fn sputnik(copy: &Article) -> TracedArticle {
    TracedArticle {
        key: 1,
        id: "sputniknews.com/belgium".into(),
        url: Some(SPUTNIK_URL.into()),
        fetched: None,
        article: Article {
            title: copy.title.clone(),
            site: Some(Sourced::new("Sputnik".into(), FieldSource::OpenGraph, 0.9)),
            published: Some(Sourced::new("2015-07-03".into(), FieldSource::JsonLd, 0.9)),
            paragraphs: copy.paragraphs.clone(),
            ..Article::default()
        },
    }
}

fn story_of(copy: &TracedArticle) -> reprint_trace::Story {
    let original = sputnik(&copy.article);
    let link = Link {
        a: 1,
        b: 2,
        kind: ReuseKind::Copy,
        shared_a: 1.0,
        shared_b: 1.0,
    };
    trace_story(&[&original, copy], &[link])
}

#[test]
fn sputnik_is_the_origin_and_the_missing_link_makes_the_credit_partial() {
    let copy = global_research(&seed_text());
    let story = story_of(&copy);
    match &story.origin {
        Origin::Article { key, evidence, .. } => {
            assert_eq!(*key, 1, "Sputnik is the origin");
            assert!(
                evidence.iter().any(|e| e.contains("Sputnik")),
                "{evidence:?}"
            );
        }
        other => panic!("expected Sputnik as the origin, got {other:?}"),
    }
    let gr = &story.copies[0];
    assert_eq!(gr.key, 2);
    assert_eq!(gr.credit, CreditVerdict::Partial, "{:?}", gr.evidence);
    let said = gr.evidence.join("\n");
    assert!(said.contains("names Sputnik"), "{said}");
    assert!(said.contains("copyright kept"), "{said}");
    assert!(
        said.contains("missing: no hyperlink to the original"),
        "{said}"
    );
    // The original made here has no kicker: Global Research's is an addition,
    // and the body is unchanged.
    let kinds: Vec<_> = gr.changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![reprint_trace::ChangeKind::KickerAdded]);
}

#[test]
fn with_a_hyperlink_to_the_original_the_copy_is_credited() {
    let linked = seed_text().replace(
        "The original source of this article is [Sputnik](#)",
        &format!("The original source of this article is [Sputnik]({SPUTNIK_URL})"),
    );
    let copy = global_research(&linked);
    let story = story_of(&copy);
    assert_eq!(story.origin.article_key(), Some(1));
    let gr = &story.copies[0];
    assert_eq!(gr.credit, CreditVerdict::Credited, "{:?}", gr.evidence);
    let said = gr.evidence.join("\n");
    assert!(
        said.contains("names Sputnik")
            && said.contains("copyright kept")
            && said.contains("links to"),
        "{said}"
    );
}
