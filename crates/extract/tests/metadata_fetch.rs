//! A date after the page's fetch time is not the page's: the fetch time an
//! input gives (JSONL `fetched`, `WARC-Date`) bounds the dates read.

use reprint_extract::extract_html_fetched;

/// A made-up page whose markup claims a publication day after its fetch
/// (a template's placeholder or a scheduled-post date), with the true day
/// in the URL.
const PAGE: &str = r#"<html><head>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council votes on the budget","datePublished":"2020-05-01T09:00:00Z"}</script>
</head><body><article><h1>Council votes on the budget</h1>
<p>The city council voted on Tuesday to approve a budget that raises spending on parks and libraries for the first time in a decade.</p>
<p>Members argued for three hours before the vote, which passed seven to two after an amendment on road repairs was dropped.</p>
</article></body></html>"#;

const URL: &str = "https://example.org/news/2020/04/14/council-budget";

#[test]
fn a_date_after_the_fetch_is_rejected_for_the_next_source() {
    let a = extract_html_fetched(PAGE, Some(URL), Some("2020-04-15T08:00:00Z"));
    let published = a.published.expect("a date from the URL");
    assert!(published.value.starts_with("2020-04-14"), "{published:?}");
}

#[test]
fn a_date_before_the_fetch_is_kept() {
    let undated = "https://example.org/news/council-budget";
    let a = extract_html_fetched(PAGE, Some(undated), Some("2020-06-01"));
    let published = a.published.expect("the markup's date");
    assert!(published.value.starts_with("2020-05-01"), "{published:?}");
}

#[test]
fn an_unreadable_fetch_time_falls_back_to_now() {
    // "2019" alone (seen in JSONL inputs) is no fetch time: now bounds the
    // dates, and the markup's 2020 date stands.
    let undated = "https://example.org/news/council-budget";
    let a = extract_html_fetched(PAGE, Some(undated), Some("2019"));
    assert!(
        a.published
            .as_ref()
            .is_some_and(|p| p.value.starts_with("2020-05-01")),
        "{:?}",
        a.published
    );
}
