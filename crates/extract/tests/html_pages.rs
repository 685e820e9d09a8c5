//! HTML extraction on stored benchmark pages (shared/data/extraction/aeb).

use std::io::Read;

const AEB: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/extraction/aeb"
);

fn page(id: &str) -> String {
    let path = format!("{AEB}/html/{id}.html.gz");
    let gz = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut html = String::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_string(&mut html)
        .expect("page is gzipped UTF-8");
    html
}

#[test]
fn wsj_article_body_and_metadata() {
    reprint_prerequisites::need!(shared("data/extraction/aeb"));
    let html = page("042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856");
    let url = "https://www.wsj.com/articles/google-stadia-microsoft-xcloud-apple-arcade-so-many-ways-to-playand-pay-11574168580";
    let a = reprint_extract::extract_html(&html, Some(url));
    assert!(a.paragraphs[0].starts_with("Gaming used to be so simple."));
    assert_eq!(
        a.title_text(),
        Some("Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play…and Pay")
    );
    assert_eq!(a.byline.as_ref().unwrap().value, "Sarah E. Needleman");
    assert!(a
        .published
        .as_ref()
        .unwrap()
        .value
        .starts_with("2019-11-19"));
    // The dek ("There are more devices…") sits in the article header: not body.
    assert!(!a.text().contains("There are more devices"));
}

#[test]
fn aljazeera_body_without_caption() {
    reprint_prerequisites::need!(shared("data/extraction/aeb"));
    let html = page("7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f");
    let a =
        reprint_extract::extract_html(&html, Some("https://www.aljazeera.com/news/2019/11/x.html"));
    let text = a.text();
    assert!(text.starts_with("Two United States service members have been killed"));
    assert!(text.contains("More than 2,500 Afghan civilians have been killed"));
    assert!(!text.contains("[File: Reuters]"));
    assert_eq!(a.site.unwrap().value, "Al Jazeera");
}

/// diem25.org (tfe-dev t0182): "By NAME | date" in an <h4> with no byline
/// markup; frolleinherr.com (tfe-dev t0226): Yoast's twitter:label1
/// "Verfasst von" with the name in twitter:data1.
#[test]
fn bylines_from_by_line_and_twitter_label() {
    let body =
        "<p>The Green Deal is a start, but it is not enough, say the scientists.</p>".repeat(5);
    let html = format!(
        "<html><body><article><h2>The EU's Green Deal isn't enough</h2>\
         <h4>By Giovanni Gaggero | 12/10/2020</h4>{body}</article></body></html>"
    );
    let a = reprint_extract::extract_html(&html, None);
    assert_eq!(a.byline.unwrap().value, "Giovanni Gaggero");

    let html = format!(
        r#"<html><head><meta name="twitter:label1" content="Verfasst von">
           <meta name="twitter:data1" content="Karoline Herr"></head>
           <body><article>{body}</article></body></html>"#
    );
    let a = reprint_extract::extract_html(&html, None);
    assert_eq!(a.byline.unwrap().value, "Karoline Herr");
}

/// alacarte.at (tfe-dev t0474): the whole page sits in
/// `<div class="layoutTwoColumnsRightSidebar">`; its <time> is still read.
#[test]
fn date_inside_page_wide_sidebar_layout() {
    let body = "<p>Der historische Purzelbaum, eine Geschichte mit vielen Wendungen.</p>".repeat(5);
    let html = format!(
        r#"<html><body><div class="layoutTwoColumnsRightSidebar"><div class="content">
           <ul><li class="artikeldatum"><time datetime="2021-11-25 16:11">25. November 2021</time></li></ul>
           {body}</div></div></body></html>"#
    );
    let a = reprint_extract::extract_html(&html, None);
    assert_eq!(a.published.unwrap().value, "2021-11-25T16:11:00");
}
