//! Any bytes, read as (lossy) UTF-8 HTML, must extract without a panic.
//! The first line, when it looks like one, is used as the page URL so URL
//! resolution and URL-derived metadata are exercised too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (url, html) = match input.split_once('\n') {
        Some((first, rest)) if first.starts_with("http") => (Some(first), rest),
        _ => (None, input.as_ref()),
    };
    let article = reprint_extract::extract_html(html, url);
    let _ = article.text();
});
