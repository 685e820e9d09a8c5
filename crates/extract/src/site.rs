//! Site profiles: text a site repeats across its pages is chrome (issue 15).
//!
//! One page on its own says little about which of its boxes are the site's
//! furniture: a newsletter box, a consent notice, an "about us" blurb or a
//! teaser of another post reads like prose. Across several pages of one
//! site it gives itself away: it comes back, word for word, around
//! different articles. A [`SiteProfile`] is built from a batch of pages:
//! every block-level element's normalised text is hashed, and a block seen
//! on at least [`ProfileOptions::min_pages`] pages of a site is that site's
//! chrome. [`extract_html_with_profile`] cuts those blocks before the body
//! is chosen, so chrome can neither be kept as body nor win the body
//! selection; a page of a site the batch holds once is extracted exactly as
//! [`crate::extract_html_fetched`] does.
//!
//! The same article published twice by one site (an update, a second URL,
//! a wire story run in two sections: `../shared/data/reprints/census.jsonl`
//! holds three copies of one NPR transcript and four overlapping NBC News
//! pages) also repeats word for word, and is not chrome. So pages whose
//! single-page bodies share at least half of the smaller one's text count
//! as one page: a block is chrome only when it recurs around *different*
//! articles. This is the matcher's "furniture" idea (`reprint-match`'s
//! candidates: passages a site repeats in front of different articles)
//! moved before extraction, at the level of whole DOM blocks.
//!
//! The profile is a pure function of the set of pages: the same pages in
//! any order, or twice, give the same profile (pages are deduplicated by
//! their bytes, support is counted in distinct article groups, and group
//! membership is the connectivity of an overlap graph).

use std::collections::{BTreeMap, HashMap, HashSet};

pub use crate::blocks::SiteProfile;
use crate::blocks::{fnv, text_hash, text_site};
use crate::Article;

/// How a profile decides what is chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileOptions {
    /// A block is chrome when it appears on at least this many pages (of
    /// different articles) of one site. Two is the least that can show
    /// repetition; AEB holds most of its sites twice.
    pub min_pages: usize,
}

impl Default for ProfileOptions {
    fn default() -> Self {
        ProfileOptions { min_pages: 2 }
    }
}

/// What one page contributes to a profile: its site, its block hashes, its
/// single-page body. Made by [`PageBlocks::of_html`] or
/// [`PageBlocks::of_text`] (pure, so pages can be read in parallel) and
/// added to a [`SiteProfileBuilder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageBlocks {
    site: Option<String>,
    /// Hash of the page's bytes: the same page added twice counts once.
    page: u64,
    /// Sorted, distinct hashes of the page's block-level elements (or
    /// paragraphs, for a text page).
    blocks: Vec<u64>,
    /// The single-page body's paragraphs: (hash, characters).
    body: Vec<(u64, u32)>,
}

impl PageBlocks {
    /// An HTML page's blocks; `url` as for [`crate::extract_html`]. The
    /// page counts under `site` when given (an input's own site field),
    /// else under its URL's host, else its canonical URL's host.
    pub fn of_html(html: &str, url: Option<&str>, site: Option<&str>) -> PageBlocks {
        let (article, blocks, found) =
            crate::html::extract_parts(html, url, None, None, site, true);
        PageBlocks::new(html, found, blocks, &article)
    }

    /// A markdown or plain-text page's blocks: its body paragraphs (after
    /// [`crate::extract_text`]); the site is `site`, else `url`'s host.
    pub fn of_text(text: &str, url: Option<&str>, site: Option<&str>) -> PageBlocks {
        let article = crate::text_page::extract(text, url);
        let mut blocks: Vec<u64> = article.paragraphs.iter().map(|p| text_hash(p)).collect();
        blocks.sort_unstable();
        blocks.dedup();
        PageBlocks::new(text, text_site(url, site), blocks, &article)
    }

    fn new(bytes: &str, site: Option<String>, blocks: Vec<u64>, article: &Article) -> PageBlocks {
        PageBlocks {
            site,
            page: fnv(bytes.as_bytes()),
            blocks,
            body: article
                .paragraphs
                .iter()
                .map(|p| {
                    let chars = p.chars().filter(|c| !c.is_whitespace()).count();
                    (text_hash(p), u32::try_from(chars).unwrap_or(u32::MAX))
                })
                .collect(),
        }
    }

    /// The site the page was counted under, if one could be told.
    pub fn site(&self) -> Option<&str> {
        self.site.as_deref()
    }
}

/// Collects pages, then [`SiteProfileBuilder::build`]s the profile.
#[derive(Debug, Clone, Default)]
pub struct SiteProfileBuilder {
    options: ProfileOptions,
    pages: Vec<PageBlocks>,
}

impl SiteProfileBuilder {
    /// A builder with these options.
    pub fn new(options: ProfileOptions) -> Self {
        SiteProfileBuilder {
            options,
            pages: Vec::new(),
        }
    }

    /// Adds one page; pages without a site are ignored (nothing to repeat
    /// them against).
    pub fn add(&mut self, page: PageBlocks) {
        if page.site.is_some() {
            self.pages.push(page);
        }
    }

    /// The profile of the pages added, whatever their order.
    pub fn build(mut self) -> SiteProfile {
        // Sorted by site then page bytes: everything below is then
        // independent of the order pages were added in.
        self.pages
            .sort_by(|a, b| (&a.site, a.page).cmp(&(&b.site, b.page)));
        self.pages
            .dedup_by(|a, b| a.site == b.site && a.page == b.page);
        let mut sites = BTreeMap::new();
        let mut start = 0;
        while start < self.pages.len() {
            let site = self.pages[start].site.clone().unwrap_or_default();
            let end = start
                + self.pages[start..]
                    .iter()
                    .take_while(|p| p.site.as_deref() == Some(site.as_str()))
                    .count();
            let chrome = site_chrome(&self.pages[start..end], self.options.min_pages);
            if !chrome.is_empty() {
                sites.insert(site, chrome);
            }
            start = end;
        }
        SiteProfile {
            sites,
            pages: self.pages.len(),
        }
    }
}

impl SiteProfile {
    /// The profile of HTML pages `(html, url)` with the default options.
    pub fn from_html<'a>(pages: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Self {
        let mut b = SiteProfileBuilder::new(ProfileOptions::default());
        for (html, url) in pages {
            b.add(PageBlocks::of_html(html, url, None));
        }
        b.build()
    }

    /// Sites with at least one chrome block.
    pub fn sites(&self) -> usize {
        self.sites.len()
    }

    /// Distinct pages the profile was built from (those with a site).
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Chrome blocks known for `site` (a host without `www.`).
    pub fn chrome_blocks(&self, site: &str) -> usize {
        self.sites.get(site).map_or(0, HashSet::len)
    }
}

/// [`crate::extract_html_fetched`] with the blocks `profile` knows as the
/// page's site's chrome cut before the body is chosen; `site` as for
/// [`PageBlocks::of_html`]. A page of a site the profile holds no chrome for
/// is extracted exactly as without it.
pub fn extract_html_with_profile(
    html: &str,
    url: Option<&str>,
    fetched: Option<&str>,
    site: Option<&str>,
    profile: &SiteProfile,
) -> Article {
    let fetched = fetched.and_then(crate::fetch_time);
    let (mut article, _, _) =
        crate::html::extract_parts(html, url, fetched, Some(profile), site, false);
    crate::read_body(&mut article);
    article
}

/// [`crate::extract_text`] without the paragraphs `profile` knows as the
/// site's chrome (`site`, else `url`'s host). Credit lines are read first,
/// so a site's recurring credit formula still credits.
pub fn extract_text_with_profile(
    text: &str,
    url: Option<&str>,
    site: Option<&str>,
    profile: &SiteProfile,
) -> Article {
    let Some(chrome) = profile.chrome_of(text_site(url, site).as_deref()) else {
        return crate::extract_text(text, url);
    };
    let mut article = crate::extract_text(text, url);
    let before = article.paragraphs.len();
    article
        .paragraphs
        .retain(|p| !chrome.contains(&text_hash(p)));
    if article.paragraphs.len() != before {
        article.quotes = crate::quotes::find(&article.paragraphs);
    }
    article
}

/// A page whose single-page body shares at least this share of the smaller
/// body's characters with another page of its site is the same article.
const SAME_ARTICLE_SHARE: f64 = 0.5;

/// A paragraph carried by more pages of a site than this is no article's
/// text (it is the site's own boilerplate): it links no pages into one
/// article, which also bounds the pair count.
const MAX_FANOUT: usize = 64;

/// The chrome of one site's pages (sorted by bytes hash, distinct).
fn site_chrome(pages: &[PageBlocks], min_pages: usize) -> HashSet<u64> {
    let group = article_groups(pages);
    // Support of a block: distinct article groups carrying it.
    let mut support: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        for &b in &p.blocks {
            let g = support.entry(b).or_default();
            if !g.contains(&group[i]) {
                g.push(group[i]);
            }
        }
    }
    support
        .into_iter()
        .filter(|(_, g)| g.len() >= min_pages.max(2))
        .map(|(b, _)| b)
        .collect()
}

/// Union-find over the pages: pages whose bodies share at least
/// [`SAME_ARTICLE_SHARE`] of the smaller body are one article. Returns each
/// page's group representative (the smallest index in its group).
fn article_groups(pages: &[PageBlocks]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..pages.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut carriers: HashMap<u64, Vec<(usize, u32)>> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        let mut seen = HashSet::new();
        for &(h, chars) in &p.body {
            if seen.insert(h) {
                carriers.entry(h).or_default().push((i, chars));
            }
        }
    }
    let mut shared: HashMap<(usize, usize), u64> = HashMap::new();
    for list in carriers.values() {
        if list.len() < 2 || list.len() > MAX_FANOUT {
            continue;
        }
        for (x, &(a, chars)) in list.iter().enumerate() {
            for &(b, _) in &list[x + 1..] {
                *shared.entry((a.min(b), a.max(b))).or_default() += u64::from(chars);
            }
        }
    }
    let total: Vec<u64> = pages
        .iter()
        .map(|p| p.body.iter().map(|&(_, c)| u64::from(c)).sum())
        .collect();
    for ((a, b), s) in shared {
        let smaller = total[a].min(total[b]);
        if smaller > 0 && s as f64 >= SAME_ARTICLE_SHARE * smaller as f64 {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            parent[hi] = lo;
        }
    }
    (0..pages.len()).map(|i| find(&mut parent, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::block_hashes;
    use crate::dom::Dom;

    const STORY_A: &str = "The council voted on Tuesday to close the old bridge, citing safety reports from two engineers, and to open a new one next spring.";
    const STORY_B: &str = "Fishermen in the harbour said the catch this season was the smallest in a decade, blaming warmer water and new quotas set by the ministry.";
    const BOX: &str = "The Daily Bulletin is an independent newspaper founded in 1921 by fishermen and teachers, owned by its readers and printed in the harbour town.";

    fn page(story: &str, with_box: bool) -> String {
        let para: String = ["First", "Second", "Third", "Fourth"]
            .iter()
            .map(|n| format!("<p>{n}, {story}</p>"))
            .collect();
        let boxed = if with_box {
            format!("<div class=\"x7\"><p>{BOX}</p></div>")
        } else {
            String::new()
        };
        format!("<html><body><article><h1>Title</h1><div class=\"c\">{para}{boxed}</div></article></body></html>")
    }

    fn body(a: &Article) -> String {
        a.paragraphs.join("\n")
    }

    #[test]
    fn a_box_repeated_around_different_articles_is_cut() {
        let (a, b) = (page(STORY_A, true), page(STORY_B, true));
        let url_a = Some("https://bulletin.example/a");
        let url_b = Some("https://www.bulletin.example/b");
        // On its own, the box reads as the article's last paragraph.
        assert!(body(&crate::extract_html(&a, url_a)).contains("Daily Bulletin"));
        let profile = SiteProfile::from_html([(a.as_str(), url_a), (b.as_str(), url_b)]);
        assert_eq!(profile.sites(), 1);
        assert!(profile.chrome_blocks("bulletin.example") >= 1);
        let got = body(&extract_html_with_profile(&a, url_a, None, None, &profile));
        assert!(got.contains("close the old bridge"), "{got}");
        assert!(!got.contains("Daily Bulletin"), "{got}");
        // A page of another site is extracted as without a profile.
        let other = Some("https://elsewhere.example/x");
        assert_eq!(
            extract_html_with_profile(&a, other, None, None, &profile),
            crate::extract_html(&a, other)
        );
    }

    #[test]
    fn one_article_published_twice_is_not_chrome() {
        // census.jsonl's three copies of one NPR transcript: the same text
        // on two pages of a site is one article, not the site's chrome.
        let (a, b) = (page(STORY_A, true), page(STORY_A, false));
        let (url_a, url_b) = (Some("https://npr.example/1"), Some("https://npr.example/2"));
        let profile = SiteProfile::from_html([(a.as_str(), url_a), (b.as_str(), url_b)]);
        let got = body(&extract_html_with_profile(&b, url_b, None, None, &profile));
        assert!(got.contains("close the old bridge"), "{got}");
    }

    #[test]
    fn the_profile_does_not_depend_on_order_or_repeats() {
        let pages: Vec<(String, &str)> = vec![
            (page(STORY_A, true), "https://s.example/1"),
            (page(STORY_B, true), "https://s.example/2"),
            (page(STORY_A, false), "https://s.example/3"),
            (page(STORY_B, false), "https://t.example/1"),
        ];
        let build = |order: &[usize]| {
            let mut b = SiteProfileBuilder::new(ProfileOptions::default());
            for &i in order {
                b.add(PageBlocks::of_html(&pages[i].0, Some(pages[i].1), None));
            }
            b.build()
        };
        let first = build(&[0, 1, 2, 3]);
        assert_eq!(first, build(&[3, 2, 1, 0]));
        assert_eq!(first, build(&[2, 0, 3, 1, 0, 2]));
        assert_eq!(first.pages(), 4);
    }

    #[test]
    fn text_pages_drop_a_repeated_line_after_credits_are_read() {
        // beforeitsnews.com in census.jsonl closes every page with a poll line.
        let poll = "94% of readers think this story is fact. Add your two cents.";
        let a =
            format!("{STORY_A}\n\nThe Associated Press contributed to this report.\n\n{poll}\n");
        let b =
            format!("{STORY_B}\n\nThe Associated Press contributed to this report.\n\n{poll}\n");
        let mut builder = SiteProfileBuilder::new(ProfileOptions::default());
        builder.add(PageBlocks::of_text(&a, None, Some("beforeitsnews.com")));
        builder.add(PageBlocks::of_text(&b, None, Some("beforeitsnews.com")));
        let profile = builder.build();
        let got = extract_text_with_profile(&a, None, Some("beforeitsnews.com"), &profile);
        assert!(!body(&got).contains("readers think"), "{}", body(&got));
        assert!(body(&got).contains("close the old bridge"));
        assert_eq!(
            got.declared_sources,
            crate::extract_text(&a, None).declared_sources
        );
    }

    #[test]
    fn block_hashes_ignore_case_digits_and_spacing() {
        assert_eq!(
            text_hash("© 2019 The Bulletin"),
            text_hash("©  2020 the  BULLETIN")
        );
        assert_ne!(text_hash("the bulletin"), text_hash("bulletin the"));
        let deep = "<div>".repeat(10_000) + "Deep text, with a comma." + &"</div>".repeat(10_000);
        let dom = Dom::parse(&deep);
        let removed = vec![false; dom.len()];
        assert_eq!(block_hashes(&dom, &removed).len(), 1);
    }
}
