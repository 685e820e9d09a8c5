//! Text pages from shared/data/reprints (same-day AP/Reuters copies across
//! sites; `text` paragraphs separated by ` ### `) through `extract_text`.

use reprint_extract::{extract_text, Article, CreditKind};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/reprints");

struct Page {
    id: String,
    text: String,
}

fn pages() -> Vec<Page> {
    ["census.jsonl", "spotify.jsonl"]
        .iter()
        .flat_map(|file| {
            let path = format!("{DATA}/{file}");
            let jsonl =
                std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
            jsonl
                .lines()
                .map(|line| {
                    let v: serde_json::Value = serde_json::from_str(line).expect("jsonl row");
                    Page {
                        id: v["id"].as_str().unwrap_or_default().to_string(),
                        text: v["text"]
                            .as_str()
                            .unwrap_or_default()
                            .replace(" ### ", "\n\n"),
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn page(id: &str) -> Article {
    let pages = pages();
    let page = pages
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no page {id}"));
    extract_text(&page.text, None)
}

fn wire(article: &Article) -> Vec<&str> {
    article
        .declared_sources
        .iter()
        .filter(|s| s.kind == CreditKind::Wire)
        .map(|s| s.outlet.as_str())
        .collect()
}

#[test]
fn wire_copies_are_credited() {
    reprint_prerequisites::need!(shared("data/reprints"));
    for (id, agency) in [
        ("census:761", "Reuters"), // yahoo.com/news: dateline + "(Reporting by …)"
        ("census:16223", "Reuters"), // dailymail.co.uk: "NEW YORK, May 30 (Reuters) -"
        ("census:9990", "AP"),     // dailymail.co.uk: dateline + "Associated Press writer …"
        ("census:8818", "AP"),     // syracuse.com
        ("census:2313", "AP"),     // centurylink.net
        ("spotify:7885", "AP"),
    ] {
        let article = page(id);
        assert!(
            wire(&article).contains(&agency),
            "{id}: {:?}",
            article.declared_sources
        );
    }
}

#[test]
fn reuters_sign_off_leaves_the_body() {
    reprint_prerequisites::need!(shared("data/reprints"));
    let article = page("census:761");
    assert!(!article.text().contains("Reporting by"), "sign-off removed");
    assert!(
        article
            .text()
            .contains("NEW YORK (Reuters) - The Trump administration"),
        "dateline kept"
    );
}

#[test]
fn cbs_ap_footer() {
    reprint_prerequisites::need!(shared("data/reprints"));
    let article = page("census:8200");
    let holders: Vec<_> = article
        .copyright
        .iter()
        .filter_map(|c| c.holder.as_deref())
        .collect();
    assert_eq!(holders, ["The Associated Press"]);
    assert!(!article.text().contains("All Rights Reserved"));
}

#[test]
fn plain_headline_becomes_title_and_leaves_the_body() {
    reprint_prerequisites::need!(shared("data/reprints"));
    let article = page("census:5906");
    let title = "Challengers of census citizenship question cite new evidence";
    assert_eq!(article.title_text(), Some(title));
    assert!(!article.paragraphs.iter().any(|p| p == title));
}

/// Harvest moves furniture, never the article: every page keeps most of its
/// text (measured: the lowest share is 0.91, a short AP copy with a long
/// copyright footer).
#[test]
fn bodies_survive_and_nothing_panics() {
    reprint_prerequisites::need!(shared("data/reprints"));
    let mut lowest = (1.0_f64, String::new());
    for page in pages() {
        let before: usize = page.text.split("\n\n").map(str::len).sum();
        let article = extract_text(&page.text, Some("https://example.com/a/b"));
        let after = article.text().len() + article.title_text().map_or(0, str::len);
        let share = after as f64 / before.max(1) as f64;
        if share < lowest.0 {
            lowest = (share, page.id.clone());
        }
    }
    println!("lowest share of text kept: {:.2} ({})", lowest.0, lowest.1);
    assert!(
        lowest.0 >= 0.8,
        "{} kept only {:.2} of its text",
        lowest.1,
        lowest.0
    );
}
