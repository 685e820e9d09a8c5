//! Matching a batch of articles against everything stored and against the
//! batch's earlier articles: fingerprint look-ups, furniture and candidate
//! selection, then alignment (stages from `reprint-match`).
//!
//! Article `i` of a batch is matched against every stored article and the
//! batch's articles `0..i`, exactly as if they had been stored one by one, so
//! ingesting in one batch or several gives the same pairs. The work is done
//! in phases so that SQLite is read in bulk and the pure parts run in
//! parallel (rayon) with results in batch order:
//! 1. stored postings of all the batch's fingerprints, in one pass;
//! 2. (parallel) each article's neighbours: stored postings plus an
//!    in-memory index of the batch's earlier articles;
//! 3. fingerprint sets of the stored neighbours that furniture judgement
//!    needs; (parallel) furniture and candidates;
//! 4. texts of the stored candidates, fingerprinted once each; (parallel)
//!    alignment of every candidate.

use std::collections::HashSet;

use rayon::prelude::*;
use rusqlite::Connection;

use reprint_match::candidates::{
    candidates, furniture_of_carriers, group_hits, is_weak, site_carriers, weak_carriers, Carriers,
};
use reprint_match::fasthash::{FastMap, FastSet};
use reprint_match::fingerprint::to_stored;
use reprint_match::{
    compare, CandidateParams, MatchParams, MemoryIndex, Neighbour, PairMatch, TextPrint,
};

/// Values are bound in chunks to stay under SQLite's limit on parameters.
const LOOKUP_CHUNK: usize = 500;

/// One article to match. `key` is its stored key (None for a page that is
/// not stored, as in `trace`); batch articles with a key are matched against
/// each other in order.
pub struct Item<'a> {
    pub key: Option<i64>,
    pub text: &'a str,
    pub print: &'a TextPrint,
    /// The article's site, if known: text its site's other, unrelated pages
    /// carry is furniture however much of the article it is.
    pub site: Option<&'a str>,
}

/// What matching one article found.
#[derive(Debug, Default)]
pub struct ItemResult {
    /// Verified matches, with the article as side A.
    pub found: Vec<(i64, PairMatch)>,
    /// Earlier articles (smaller key first) that this article showed to be
    /// unrelated carriers of furniture: a stored pair between them is
    /// re-verified with `furniture` ignored (see [`recheck_pair`]).
    pub suspects: Vec<(i64, i64)>,
    /// This article's furniture fingerprints.
    pub furniture: HashSet<u64>,
}

/// One article's furniture, candidate keys and unrelated furniture carriers.
type Selected = (HashSet<u64>, Vec<i64>, Vec<(i64, i64)>);

/// Runs `f` over chunks of `values` bound as `?` lists.
pub(crate) fn chunked<T: rusqlite::ToSql>(
    conn: &Connection,
    sql: &str,
    values: &[T],
    mut f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    for chunk in values.chunks(LOOKUP_CHUNK) {
        let marks = vec!["?"; chunk.len()].join(",");
        let mut stmt = conn.prepare_cached(&sql.replace("{}", &marks))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(chunk.iter()))?;
        while let Some(r) = rows.next()? {
            f(r)?;
        }
    }
    Ok(())
}

/// Matches a batch; results are in batch order. `memory` is a bulk
/// ingest's memory index and whether it holds every stored posting (see
/// [`crate::fingerprint_index`]).
pub fn match_batch(
    conn: &Connection,
    items: &[Item],
    memory: Option<(&MemoryIndex, bool)>,
) -> rusqlite::Result<Vec<ItemResult>> {
    let cp = CandidateParams::default();
    let mp = MatchParams::default();
    let batch_keys: FastSet<i64> = items.iter().filter_map(|i| i.key).collect();
    let started = std::time::Instant::now();

    // 1. Stored postings of every fingerprint in the batch.
    let mut all: Vec<i64> = items
        .iter()
        .flat_map(|i| i.print.fingerprints.iter().map(|h| to_stored(*h)))
        .collect();
    all.sort_unstable();
    all.dedup();
    // A fingerprint held by more than `max_postings` earlier articles is
    // dropped below, so its list may stop one past that.
    let found = crate::fingerprint_index::lookup(conn, &all, memory, cp.max_postings + 1)?;
    let mut postings = found.postings;
    for v in postings.values_mut() {
        v.retain(|a| !batch_keys.contains(a));
    }
    let mut stored_keys: Vec<i64> = postings
        .values()
        .filter(|v| v.len() <= cp.max_postings)
        .flatten()
        .copied()
        .collect();
    stored_keys.sort_unstable();
    stored_keys.dedup();
    // Counts the postings did not carry (written before migration 6) are
    // read from the articles.
    let mut counts: FastMap<i64, usize> = FastMap::default();
    stored_keys.retain(|k| match found.counts.get(k) {
        Some(&c) => {
            counts.insert(*k, c);
            false
        }
        None => true,
    });
    chunked(
        conn,
        "SELECT id, fingerprint_count FROM articles WHERE id IN ({})",
        &stored_keys,
        |r| {
            counts.insert(r.get(0)?, r.get::<_, i64>(1)?.max(0) as usize);
            Ok(())
        },
    )?;

    // The batch's own index: fingerprint -> positions of keyed articles.
    let mut batch_index: FastMap<u64, Vec<usize>> = FastMap::default();
    for (pos, item) in items.iter().enumerate() {
        if item.key.is_some() {
            for h in &item.print.fingerprints {
                batch_index.entry(*h).or_default().push(pos);
            }
        }
    }
    let batch_prints: FastMap<i64, &[u64]> = items
        .iter()
        .filter_map(|i| Some((i.key?, i.print.fingerprints.as_slice())))
        .collect();

    let t_postings = started.elapsed();
    // 2. Neighbours of each article, and the fingerprints too frequent to
    //    look at (counted over everything before it, stored or batch).
    let near: Vec<(Vec<Neighbour<i64>>, HashSet<u64>)> = items
        .par_iter()
        .enumerate()
        .map(|(pos, item)| {
            let mut hits: Vec<(u64, i64)> = Vec::new();
            let mut frequent = HashSet::new();
            for h in &item.print.fingerprints {
                let stored = postings.get(h).map(|v| v.as_slice()).unwrap_or(&[]);
                let batch = batch_index.get(h).map(|v| v.as_slice()).unwrap_or(&[]);
                let batch = &batch[..batch.partition_point(|&p| p < pos)];
                if stored.len() + batch.len() > cp.max_postings {
                    frequent.insert(*h);
                    continue;
                }
                hits.extend(stored.iter().map(|a| (*h, *a)));
                hits.extend(batch.iter().filter_map(|&p| Some((*h, items[p].key?))));
            }
            hits.retain(|(_, a)| Some(*a) != item.key);
            let neighbours = group_hits(hits)
                .into_iter()
                .map(|(key, shared)| Neighbour {
                    fingerprint_count: batch_prints
                        .get(&key)
                        .map(|p| p.len())
                        .or_else(|| counts.get(&key).copied())
                        .unwrap_or(0),
                    key,
                    shared,
                })
                .collect();
            (neighbours, frequent)
        })
        .collect();

    // 3. Whole fingerprint sets of the stored neighbours furniture judgement
    //    may compare, then furniture and candidates.
    let sites = neighbour_sites(conn, items, &near, &cp)?;
    let carriers: Vec<Carriers> = near
        .par_iter()
        .zip(items.par_iter())
        .map(|((ns, _), item)| {
            let on_own_site = |i: usize| {
                let theirs = sites.get(&ns[i].key).map(String::as_str);
                matches!((item.site, theirs), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
            };
            let own = item.print.fingerprints.len();
            Carriers {
                weak: weak_carriers(own, ns, &cp),
                own_site: site_carriers(ns, |i| !is_weak(&ns[i], own, &cp) && on_own_site(i), &cp),
            }
        })
        .collect();
    let mut need: Vec<i64> = near
        .par_iter()
        .zip(carriers.par_iter())
        .flat_map_iter(|((ns, _), carriers)| {
            let mut keys: Vec<i64> = carriers
                .neighbours()
                .map(|i| ns[i].key)
                .filter(|k| !batch_prints.contains_key(k))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        })
        .collect();
    need.sort_unstable();
    need.dedup();
    let t_neighbours = started.elapsed();
    let stored_prints: FastMap<i64, Vec<u64>> = crate::prints::sets_of(conn, &need)?;
    let prints_of = |k: &i64| -> Option<&[u64]> {
        batch_prints
            .get(k)
            .copied()
            .or_else(|| stored_prints.get(k).map(|v| v.as_slice()))
    };
    let selected: Vec<Selected> = near
        .par_iter()
        .zip(carriers.par_iter())
        .map(|((ns, frequent), carriers)| {
            let (mut noise, unrelated) = furniture_of_carriers(carriers, ns, prints_of, &cp);
            noise.extend(frequent.iter().copied());
            let keys = candidates(ns, &noise, &cp).map(|n| n.key).collect();
            (noise, keys, unrelated)
        })
        .collect();

    let t_furniture = started.elapsed();
    // 4. Texts of stored candidates (and of furniture-only pairs to
    //    re-check), fingerprinted once; then alignment.
    let mut want: Vec<i64> = selected
        .iter()
        .flat_map(|(_, keys, _)| keys.iter().copied())
        .filter(|k| !batch_prints.contains_key(k))
        .collect();
    want.sort_unstable();
    want.dedup();
    let mut texts: Vec<(i64, String)> = Vec::with_capacity(want.len());
    chunked(
        conn,
        "SELECT id, text FROM articles WHERE id IN ({})",
        &want,
        |r| {
            texts.push((r.get(0)?, r.get(1)?));
            Ok(())
        },
    )?;
    let stored_texts: FastMap<i64, (String, TextPrint)> = texts
        .into_par_iter()
        .map(|(k, t)| {
            let p = TextPrint::of(&t);
            (k, (t, p))
        })
        .collect();
    let batch_texts: FastMap<i64, (&str, &TextPrint)> = items
        .iter()
        .filter_map(|i| Some((i.key?, (i.text, i.print))))
        .collect();
    let text_of = |k: i64| -> Option<(&str, &TextPrint)> {
        batch_texts
            .get(&k)
            .copied()
            .or_else(|| stored_texts.get(&k).map(|(t, p)| (t.as_str(), p)))
    };

    let t_texts = started.elapsed();
    let results = items
        .par_iter()
        .zip(selected.par_iter())
        .map(|(item, (noise, keys, unrelated))| {
            let found = keys
                .iter()
                .filter_map(|&k| {
                    let (t, p) = text_of(k)?;
                    compare(item.text, item.print, t, p, noise, &mp).map(|m| (k, m))
                })
                .collect();
            let suspects = unrelated
                .iter()
                .map(|&(x, y)| (x.min(y), x.max(y)))
                .collect();
            ItemResult {
                found,
                suspects,
                furniture: noise.clone(),
            }
        })
        .collect();
    tracing::debug!(
        "matched {} articles: {} fingerprints, {} stored neighbours, {} sets, {} texts; \
         postings {:?}, neighbours {:?}, furniture {:?}, texts {:?}, alignment {:?}",
        items.len(),
        all.len(),
        counts.len(),
        need.len(),
        want.len(),
        t_postings,
        t_neighbours - t_postings,
        t_furniture - t_neighbours,
        t_texts - t_furniture,
        started.elapsed() - t_texts
    );
    Ok(results)
}

/// Sites of the neighbours not weakly related to an article that has a
/// site: those on its own site form the own-site group of furniture
/// carriers. Weakly related neighbours are judged in the weak group, so
/// their sites are not read: most neighbours are weak, and few rows are.
fn neighbour_sites(
    conn: &Connection,
    items: &[Item],
    near: &[(Vec<Neighbour<i64>>, HashSet<u64>)],
    cp: &CandidateParams,
) -> rusqlite::Result<FastMap<i64, String>> {
    let mut sites: FastMap<i64, String> = items
        .iter()
        .filter_map(|i| Some((i.key?, i.site?.to_string())))
        .collect();
    let mut want: Vec<i64> = items
        .iter()
        .zip(near)
        .filter(|(item, _)| item.site.is_some())
        .flat_map(|(item, (ns, _))| {
            ns.iter()
                .filter(|n| !is_weak(n, item.print.fingerprints.len(), cp))
                .map(|n| n.key)
        })
        .filter(|k| !sites.contains_key(k))
        .collect();
    want.sort_unstable();
    want.dedup();
    chunked(
        conn,
        "SELECT id, site FROM articles WHERE id IN ({}) AND site IS NOT NULL",
        &want,
        |r| {
            sites.insert(r.get(0)?, r.get(1)?);
            Ok(())
        },
    )?;
    Ok(sites)
}

/// Re-verifies the stored pair `(a, b)` ignoring `furniture`: true when it
/// should be withdrawn (nothing but furniture is shared). Pairs of early
/// pages of a site, matched before its blurb was known as furniture, are
/// withdrawn this way once a later page shows it is; the check is rare
/// (only stored pairs between unrelated furniture carriers).
pub fn recheck_pair(
    conn: &Connection,
    a: i64,
    b: i64,
    furniture: &HashSet<u64>,
) -> rusqlite::Result<bool> {
    let mut exists = conn.prepare_cached("SELECT 1 FROM pairs WHERE a = ?1 AND b = ?2")?;
    if !exists.exists([a, b])? {
        return Ok(false);
    }
    let mut text = conn.prepare_cached("SELECT text FROM articles WHERE id = ?1")?;
    let ta: String = text.query_row([a], |r| r.get(0))?;
    let tb: String = text.query_row([b], |r| r.get(0))?;
    let (pa, pb) = (TextPrint::of(&ta), TextPrint::of(&tb));
    Ok(compare(&ta, &pa, &tb, &pb, furniture, &MatchParams::default()).is_none())
}

/// Verified matches of a text that is not stored: `(article, match)` with the
/// text as side A.
pub fn match_text(
    conn: &Connection,
    text: &str,
    print: &TextPrint,
    site: Option<&str>,
) -> rusqlite::Result<Vec<(i64, PairMatch)>> {
    let item = Item {
        key: None,
        text,
        print,
        site,
    };
    Ok(match_batch(conn, std::slice::from_ref(&item), None)?
        .pop()
        .map(|r| r.found)
        .unwrap_or_default())
}
