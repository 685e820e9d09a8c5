//! Any bytes, read as (lossy) UTF-8 markdown/plain text, must extract
//! without a panic, and every quote's offsets must slice the article text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let article = reprint_extract::extract_text(&input, None);
    let _ = article.text();
});
