//! Pathological HTML: no panics, no stack overflow, bounded time.

use std::time::{Duration, Instant};

use reprint_extract::extract_html;

#[test]
fn empty_and_garbage_pages_give_empty_articles() {
    for html in [
        "",
        "   ",
        "<",
        "<html><body></body></html>",
        "\u{0}\u{1}<<>>&&&;;",
        "<p",
    ] {
        let a = extract_html(html, None);
        assert!(a.is_empty(), "{html:?}");
    }
}

#[test]
fn ten_thousand_nested_divs() {
    let html = "<div>".repeat(10_000) + "Deep text, with commas, here." + &"</div>".repeat(10_000);
    let a = extract_html(&html, Some("https://example.com/2019/05/31/x"));
    assert_eq!(a.paragraphs, vec!["Deep text, with commas, here."]);
    assert_eq!(a.published.unwrap().value, "2019-05-31");
}

#[test]
fn deep_unclosed_inline_tags() {
    let html = "<b><i><span>".repeat(5_000) + "text";
    let _ = extract_html(&html, None);
}

#[test]
fn huge_page_in_bounded_time() {
    let para = "<p>A sentence of the article, with a comma, and then some more words.</p>";
    let nav = "<ul><li><a href='/a'>Link one</a></li><li><a href='b'>Link two</a></li></ul>";
    let html = format!(
        "<html><body>{}</body></html>",
        (para.to_string() + nav).repeat(20_000)
    );
    let started = Instant::now();
    let a = extract_html(&html, Some("https://example.com/news/x"));
    assert!(a.paragraphs.len() >= 20_000);
    // ~3 MB: generous bound for debug builds on a loaded machine.
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn broken_json_ld_and_meta_do_not_panic() {
    let html = r#"<html><head>
        <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
        <script type="application/ld+json">[1, "x", {"@graph": 5}]</script>
        <meta property="article:published_time" content="not a date">
        <meta name="author" content="https://facebook.com/someone">
        </head><body><article><p>Body text, with a comma.</p></article></body></html>"#;
    let a = extract_html(html, None);
    assert_eq!(a.paragraphs, vec!["Body text, with a comma."]);
    assert!(a.byline.is_none());
    assert!(a.published.is_none());
}

#[test]
fn links_in_body_are_resolved() {
    let html = r#"<article><p>Read <a href="/report.pdf">the report</a> and <a href="https://other.org/x">this</a>, which matter a great deal.</p></article>"#;
    let a = extract_html(html, Some("https://news.example.com/2020/01/02/story"));
    assert_eq!(
        a.links,
        vec!["https://news.example.com/report.pdf", "https://other.org/x"]
    );
}
