//! Acceptance test: the seed page (a Global Research reprint of a Sputnik
//! article, flattened to markdown by a scraper) through `extract_text`.

use reprint_extract::{extract_text, Article, CreditKind, NoticeKind};
use std::sync::LazyLock;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/corpus/globalresearch-sputnik-belgium.txt" // = ../shared/seed/000_c3bb4977750eb2d9.txt
);

static ARTICLE: LazyLock<Article> = LazyLock::new(|| {
    let text = std::fs::read_to_string(SEED).unwrap_or_else(|e| panic!("read {SEED}: {e}"));
    extract_text(&text, None)
});

fn value<T: Clone>(field: &Option<reprint_extract::Sourced<T>>) -> Option<T> {
    field.as_ref().map(|s| s.value.clone())
}

fn tags_in(group: &str) -> Vec<String> {
    ARTICLE
        .tags
        .iter()
        .filter(|t| t.group.as_deref() == Some(group))
        .map(|t| t.label.clone())
        .collect()
}

#[test]
fn title() {
    assert_eq!(
        ARTICLE.title_text(),
        Some("Belgium's Exit From Anti-ISIL Coalition's Bombing Campaign in Syria and Iraq"),
        "title from the `# ` heading"
    );
}

#[test]
fn kicker() {
    assert_eq!(
        value(&ARTICLE.kicker).as_deref(),
        Some("Sign of Disillusionment"),
        "kicker: the short line under the heading"
    );
}

#[test]
fn byline() {
    assert_eq!(
        value(&ARTICLE.byline).as_deref(),
        Some("Sputnik"),
        "byline from `By [Sputnik](#)`"
    );
}

#[test]
fn site_and_published() {
    assert_eq!(
        value(&ARTICLE.site).as_deref(),
        Some("Global Research"),
        "site"
    );
    assert_eq!(
        value(&ARTICLE.published).as_deref(),
        Some("2015-07-04"),
        "published"
    );
}

#[test]
fn tags() {
    assert_eq!(
        tags_in("Region"),
        ["Europe", "Middle East & North Africa"],
        "Region tags"
    );
    assert_eq!(tags_in("Theme"), ["US NATO War Agenda"], "Theme tags");
    assert_eq!(
        tags_in("In-depth Report"),
        ["IRAQ REPORT", "SYRIA"],
        "In-depth Report tags"
    );
}

#[test]
fn image_credit() {
    assert_eq!(
        ARTICLE.image_credits,
        ["© Flickr/ US Air Force"],
        "image credit"
    );
}

#[test]
fn original_source_is_sputnik_dated_2015_07_03() {
    let originals: Vec<_> = ARTICLE
        .declared_sources
        .iter()
        .filter(|s| s.kind == CreditKind::OriginalSource)
        .collect();
    assert!(
        !originals.is_empty(),
        "an original source is declared: {:#?}",
        ARTICLE.declared_sources
    );
    for s in &originals {
        assert_eq!(s.outlet, "Sputnik", "original source outlet: {s:?}");
        assert_eq!(
            s.date.as_deref(),
            Some("2015-07-03"),
            "original source date: {s:?}"
        );
        assert_eq!(s.link, None, "`(#)` is not a real link: {s:?}");
    }
    let others: Vec<_> = ARTICLE
        .declared_sources
        .iter()
        .filter(|s| s.outlet != "Sputnik" || s.date.as_deref() != Some("2015-07-03"))
        .collect();
    assert!(
        others.is_empty(),
        "no other outlet or date is declared: {others:#?}"
    );
}

#[test]
fn copyright() {
    let c = ARTICLE.copyright.first().expect("a copyright line");
    assert_eq!(
        ARTICLE.copyright.len(),
        1,
        "one copyright line: {:#?}",
        ARTICLE.copyright
    );
    assert_eq!(
        c.holder.as_deref(),
        Some("Sputnik"),
        "holder, repeated name said once"
    );
    assert_eq!(c.year, Some(2015), "copyright year");
}

#[test]
fn cross_posting_licence_notice() {
    let licences: Vec<_> = ARTICLE
        .notices
        .iter()
        .filter(|n| n.kind == NoticeKind::Licence)
        .collect();
    assert_eq!(
        licences.len(),
        1,
        "one licence notice: {:#?}",
        ARTICLE.notices
    );
    let text = &licences[0].text;
    assert!(
        text.contains("grants permission to cross-post"),
        "licence text: {text}"
    );
    assert!(
        text.contains("hyperlink to the original"),
        "licence text: {text}"
    );
    assert!(
        !text.contains("sole responsibility"),
        "disclaimer kept apart: {text}"
    );
}

/// The page has 7 body blocks: the lede, five paragraphs and the stray
/// "of blood continuing …" fragment. Rejoining the fragment leaves 6.
#[test]
fn body_is_lede_plus_five_paragraphs_after_rejoin() {
    let body = &ARTICLE.paragraphs;
    assert_eq!(
        body.len(),
        6,
        "6 body paragraphs once the broken one is rejoined: {body:#?}"
    );
    assert!(
        body[0].starts_with("On Friday, Belgian media announced")
            && body[0].ends_with("actual activities."),
        "italic lede first, without asterisks: {}",
        body[0]
    );
    assert!(
        body[1].starts_with("Friday's announcement came after"),
        "{}",
        body[1]
    );
    assert!(body[5].starts_with("Ultimately, Al-Ahmed"), "{}", body[5]);
}

#[test]
fn broken_paragraph_rejoined() {
    let last = ARTICLE.paragraphs.last().expect("body");
    assert!(
        last.contains("with the shedding of blood continuing for a long time"),
        "'the shedding' / 'of blood' rejoined: {last}"
    );
}

#[test]
fn body_has_no_markdown() {
    for p in &ARTICLE.paragraphs {
        assert!(
            !p.contains('*') && !p.contains("](") && !p.contains('#'),
            "markdown left in: {p}"
        );
    }
}

#[test]
fn furniture_not_in_body() {
    let body = ARTICLE.text();
    for furniture in [
        "Facebook",
        "Become a Member",
        "Articles by",
        "Disclaimer",
        "fair use",
        "media inquiries",
        "publications@globalresearch.ca",
        "original source of this article",
        "Copyright",
        "Region:",
        "Image:",
    ] {
        assert!(
            !body.contains(furniture),
            "{furniture:?} must not be in the body"
        );
    }
}

#[test]
fn notices_cover_the_furniture() {
    let kinds: Vec<NoticeKind> = ARTICLE.notices.iter().map(|n| n.kind).collect();
    for kind in [
        NoticeKind::Disclaimer,
        NoticeKind::FairUse,
        NoticeKind::Contact,
        NoticeKind::Promotion,
        NoticeKind::Comments,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} notice recorded: {kinds:?}");
    }
}
