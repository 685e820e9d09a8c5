//! Matching is a function of the articles, not of their order or batches:
//! properties checked on made-up corpora with the in-memory corpus (the
//! store's results are checked against the same definition in
//! `reprint-store` and `reprint-cli` on real data).

use reprint_match::{Document, MatcherParams, MemoryCorpus, PairMatch, ReuseKind};

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// A paragraph of `n` made-up words: different seeds share no 5-word run.
fn prose(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| format!("w{:x}", rng.next() % 0xfffff))
        .collect::<Vec<_>>()
        .join(" ")
}

fn doc(id: &str, site: &str, paragraphs: &[&str]) -> Document {
    Document {
        id: id.into(),
        site: Some(site.into()),
        text: paragraphs.join("\n\n"),
    }
}

/// Pairs of `docs` added in `order`, in batches of `batch`.
fn pairs(docs: &[Document], order: &[usize], batch: usize) -> Vec<(String, String, PairMatch)> {
    let mut corpus = MemoryCorpus::new(MatcherParams::default());
    let ordered: Vec<Document> = order.iter().map(|&i| docs[i].clone()).collect();
    for chunk in ordered.chunks(batch.max(1)) {
        corpus.add(chunk);
    }
    corpus.pairs()
}

fn names(p: &[(String, String, PairMatch)]) -> Vec<(String, String, ReuseKind)> {
    p.iter()
        .map(|(a, b, m)| (a.clone(), b.clone(), m.kind))
        .collect()
}

/// A wire story embedded in roundups on three sites, and two standalone
/// copies on two more: the standalone copies pair with each other and with
/// every roundup, in every order (issue 15: newsday and centurylink shared
/// 231 of 234 words and no pair was reported once roundups made the story
/// "furniture").
#[test]
fn a_wire_story_embedded_in_roundups_is_reuse_in_every_order() {
    let mut rng = Rng(7);
    let wire = [prose(&mut rng, 120), prose(&mut rng, 114)];
    let mut docs = Vec::new();
    for (i, site) in ["roundup-a.com", "roundup-b.com", "liveblog-c.com"]
        .iter()
        .enumerate()
    {
        let (x, y) = (prose(&mut rng, 300), prose(&mut rng, 250));
        docs.push(doc(
            &format!("roundup{i}"),
            site,
            &[&x, &wire[0], &wire[1], &y],
        ));
    }
    docs.push(doc("newsday", "newsday.com", &[&wire[0], &wire[1]]));
    let cut = prose(&mut rng, 3);
    docs.push(doc(
        "centurylink",
        "centurylink.net",
        &[&wire[0], &wire[1], &cut],
    ));
    let mut seen = None;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut tried = 0;
    for round in 0..40 {
        Rng(round).shuffle(&mut order);
        for batch in [1, 2, 5] {
            let got = names(&pairs(&docs, &order, batch));
            assert!(
                got.iter()
                    .any(|(a, b, k)| a == "centurylink" && b == "newsday" && *k == ReuseKind::Copy),
                "order {order:?} batch {batch}: {got:?}"
            );
            match &seen {
                None => seen = Some(got),
                Some(s) => assert_eq!(s, &got, "order {order:?} batch {batch}"),
            }
            tried += 1;
        }
    }
    // Every page shares the story with every other: 5 choose 2 pairs.
    assert_eq!(seen.unwrap().len(), 10);
    println!("{tried} orders and batch sizes gave the same pairs");
}

/// A site's blurb on its unrelated pages is its furniture whichever page
/// came first; the same text on other sites' pages is theirs to reuse.
#[test]
fn a_sites_blurb_is_furniture_in_every_order() {
    let mut rng = Rng(11);
    let blurb = prose(&mut rng, 60);
    let mut docs = Vec::new();
    for i in 0..4 {
        let body = prose(&mut rng, 150);
        docs.push(doc(&format!("s{i}"), "site.example", &[&body, &blurb]));
    }
    // Two pages elsewhere quote a passage of page s0 and carry the blurb too.
    let quoted: String = docs[0]
        .text
        .split_whitespace()
        .take(70)
        .collect::<Vec<_>>()
        .join(" ");
    for i in 0..2 {
        let body = prose(&mut rng, 200);
        docs.push(doc(
            &format!("o{i}"),
            &format!("other{i}.example"),
            &[&body, &quoted],
        ));
    }
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut seen = None;
    for round in 0..30 {
        Rng(100 + round).shuffle(&mut order);
        for batch in [1, 3, 6] {
            let got = names(&pairs(&docs, &order, batch));
            assert!(
                !got.iter()
                    .any(|(a, b, _)| a.starts_with('s') && b.starts_with('s')),
                "site pages paired by their blurb: {got:?}"
            );
            match &seen {
                None => seen = Some(got),
                Some(s) => assert_eq!(s, &got, "order {order:?} batch {batch}"),
            }
        }
    }
    let seen = seen.unwrap();
    // The quoting pages pair with s0 and with each other.
    assert!(
        seen.iter().any(|(a, b, _)| a == "o0" && b == "s0"),
        "{seen:?}"
    );
    assert!(
        seen.iter().any(|(a, b, _)| a == "o0" && b == "o1"),
        "{seen:?}"
    );
}

/// Random corpora of story families (copies, cuts, excerpts in hosts),
/// site blurbs and shared quotes: the same pairs, passages included, in
/// every order and batch size tried.
#[test]
fn random_corpora_give_the_same_pairs_in_any_order() {
    let mut tried = 0;
    for seed in 0..6u64 {
        let docs = random_corpus(seed);
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let reference = pairs(&docs, &order, docs.len());
        assert!(
            reference.len() > 10,
            "seed {seed}: {} pairs",
            reference.len()
        );
        for round in 0..6u64 {
            Rng(seed * 1000 + round).shuffle(&mut order);
            for batch in [1, 7, 50] {
                let got = pairs(&docs, &order, batch);
                assert_eq!(
                    names(&reference),
                    names(&got),
                    "seed {seed} order {order:?} batch {batch}"
                );
                assert_eq!(reference, got, "seed {seed}: same pairs, other passages");
                tried += 1;
            }
        }
    }
    println!("{tried} orders and batch sizes gave the same pairs");
}

fn random_corpus(seed: u64) -> Vec<Document> {
    let mut rng = Rng(seed);
    let sites: Vec<(String, Option<String>)> = (0..8)
        .map(|s| {
            let len = 30 + rng.below(40);
            let blurb = (rng.below(3) > 0).then(|| prose(&mut rng, len));
            (format!("site{s}.example"), blurb)
        })
        .collect();
    let quote = prose(&mut rng, 25);
    let mut docs = Vec::new();
    let mut stories: Vec<Vec<String>> = Vec::new();
    for n in 0..60 {
        let (site, blurb) = &sites[rng.below(sites.len())];
        let mut paras: Vec<String> = match rng.below(5) {
            // A copy of an earlier story, maybe cut or padded.
            0 | 1 if !stories.is_empty() => {
                let s = &stories[rng.below(stories.len())];
                let mut p = s.clone();
                if p.len() > 2 && rng.below(2) == 0 {
                    p.remove(rng.below(p.len()));
                }
                if rng.below(2) == 0 {
                    p.push(prose(&mut rng, 40));
                }
                if p.len() > 2 && rng.below(2) == 0 {
                    // Paragraphs moved: alignment must not depend on
                    // which article is side A.
                    let i = rng.below(p.len());
                    let moved = p.remove(i);
                    p.insert(0, moved);
                }
                if rng.below(2) == 0 {
                    // A word edited and a paragraph repeated.
                    let i = rng.below(p.len());
                    let mut words: Vec<String> = p[i].split(' ').map(String::from).collect();
                    let j = rng.below(words.len());
                    words[j] = "edited".into();
                    p[i] = words.join(" ");
                    let again = p[0].clone();
                    p.push(again);
                }
                p
            }
            // An excerpt of an earlier story inside a new article.
            2 if !stories.is_empty() => {
                let s = &stories[rng.below(stories.len())];
                vec![prose(&mut rng, 120), s[0].clone(), prose(&mut rng, 80)]
            }
            _ => {
                let p: Vec<String> = (0..2 + rng.below(4))
                    .map(|_| {
                        let len = 40 + rng.below(60);
                        prose(&mut rng, len)
                    })
                    .collect();
                stories.push(p.clone());
                p
            }
        };
        if rng.below(6) == 0 {
            paras.push(quote.clone());
        }
        if let Some(b) = blurb {
            paras.push(b.clone());
        }
        let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
        docs.push(doc(&format!("d{n:02}"), site, &refs));
    }
    docs
}
