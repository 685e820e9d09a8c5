//! Site profiles on AEB (shared/data/extraction/aeb), whose 181 pages come
//! from 126 sites, most of them twice: text a site repeats around different
//! articles is cut from the body (`reprint_extract::site`), the profile
//! does not depend on the order pages come in, and a page of a site seen
//! once is extracted exactly as without a profile.

use std::collections::HashMap;
use std::io::Read;

use reprint_extract::{
    extract_html, extract_html_with_profile, PageBlocks, ProfileOptions, SiteProfile,
    SiteProfileBuilder,
};

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/extraction/aeb"
);

/// AEB's pages as `(id, html)`, in manifest order. Pages are read without
/// their URL, as `reprint extract` reads files: the site comes from each
/// page's canonical link.
fn pages() -> Vec<(String, String)> {
    let manifest = std::fs::read_to_string(format!("{DATA}/manifest.jsonl")).expect("manifest");
    manifest
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("manifest line");
            let id = v["id"].as_str().expect("id").to_string();
            let file = v["file"].as_str().expect("file");
            let gz = std::fs::read(format!("{DATA}/{file}")).expect("page");
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut raw)
                .expect("gzip");
            (id, String::from_utf8_lossy(&raw).into_owned())
        })
        .collect()
}

fn build(blocks: &[PageBlocks], order: impl Iterator<Item = usize>) -> SiteProfile {
    let mut b = SiteProfileBuilder::new(ProfileOptions::default());
    for i in order {
        b.add(blocks[i].clone());
    }
    b.build()
}

#[test]
fn aeb_sites_lose_their_repeated_boxes_and_nothing_else_changes() {
    reprint_prerequisites::need!(shared("data/extraction/aeb"));
    let pages = pages();
    let blocks: Vec<PageBlocks> = pages
        .iter()
        .map(|(_, html)| PageBlocks::of_html(html, None, None))
        .collect();
    let n = blocks.len();
    let profile = build(&blocks, 0..n);
    // Order-independent: reversed, and a fixed shuffle with repeats.
    assert_eq!(profile, build(&blocks, (0..n).rev()));
    assert_eq!(
        profile,
        build(&blocks, (0..2 * n).map(|i| (i * 37 + 11) % n))
    );
    let mut per_site: HashMap<&str, usize> = HashMap::new();
    for b in &blocks {
        *per_site.entry(b.site().unwrap_or("")).or_default() += 1;
    }
    let body = |id: &str, with: bool| {
        let html = &pages.iter().find(|(i, _)| i.starts_with(id)).expect(id).1;
        let a = if with {
            extract_html_with_profile(html, None, None, None, &profile)
        } else {
            extract_html(html, None)
        };
        a.paragraphs.join("\n")
    };
    // morebikes.co.uk (30b771a4…, 612cd298…): "Advert" labels and the
    // magazine's subscription box close both reviews.
    for id in ["30b771a4", "612cd298"] {
        assert!(body(id, false).contains("Get Motor Cycle Monthly delivered"));
        let got = body(id, true);
        assert!(!got.contains("Get Motor Cycle Monthly delivered"), "{got}");
        assert!(!got.lines().any(|l| l == "Advert"), "{got}");
    }
    // theantijunecleaver.com (0e014df6…): the author's blurb.
    assert!(body("0e014df6", false).contains("Regan is a Southeastern Connecticut native"));
    let got = body("0e014df6", true);
    assert!(!got.contains("Regan is a Southeastern Connecticut native"));
    assert!(got.contains("Arrowhead"), "{got}");
    // Pages of sites seen once: exactly the single-page extraction.
    let mut once = 0;
    for ((_, html), b) in pages.iter().zip(&blocks) {
        if per_site[b.site().unwrap_or("")] == 1 && b.site().is_some() {
            once += 1;
            assert_eq!(
                extract_html_with_profile(html, None, None, None, &profile),
                extract_html(html, None)
            );
        }
    }
    assert!(once > 10, "{once} pages of sites seen once");
}
