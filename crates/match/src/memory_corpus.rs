//! A [`Corpus`] held in memory, with the pairs the matcher keeps in it: for
//! the simulator, tests, and the Python package, where there is no store.
//! It is also the reference the store's results are checked against.

use std::collections::BTreeMap;
use std::convert::Infallible;

use crate::corpus::{ident_of, Corpus, CorpusText, Key, Posting, SiteId};
use crate::fasthash::{FastMap, FastSet};
use crate::fingerprint::TextPrint;
use crate::matcher::{match_batch, BatchMatches, MatcherParams, NewArticle};
use crate::pair::PairMatch;

/// An article to add: its input id, site (see
/// [`crate::corpus::site_identity`]) and body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub site: Option<String>,
    pub text: String,
}

#[derive(Debug)]
struct Entry {
    id: String,
    ident: u64,
    site: Option<SiteId>,
    text: String,
    fingerprints: Vec<u64>,
}

/// Articles, their fingerprint postings, the sites' furniture and the pairs
/// found, all in memory.
#[derive(Debug, Default)]
pub struct MemoryCorpus {
    params: MatcherParams,
    articles: BTreeMap<Key, Entry>,
    by_id: FastMap<String, Key>,
    postings: FastMap<u64, Vec<Posting>>,
    furniture: FastSet<(u64, SiteId)>,
    sites: FastMap<String, SiteId>,
    /// Pairs by `(smaller key, larger key)`, with the smaller key as side A.
    pairs: BTreeMap<(Key, Key), PairMatch>,
    pairs_by_key: FastMap<Key, FastSet<Key>>,
    next_key: Key,
}

impl MemoryCorpus {
    pub fn new(params: MatcherParams) -> MemoryCorpus {
        MemoryCorpus {
            params,
            next_key: 1,
            ..MemoryCorpus::default()
        }
    }

    /// Adds a batch of documents and matches them (a document whose id is
    /// already held is skipped); returns the keys given, in order.
    pub fn add(&mut self, docs: &[Document]) -> Vec<Option<Key>> {
        let mut keys = Vec::with_capacity(docs.len());
        let mut fresh: Vec<(Key, TextPrint)> = Vec::new();
        for d in docs {
            if self.by_id.contains_key(&d.id) {
                keys.push(None);
                continue;
            }
            let key = self.next_key;
            self.next_key += 1;
            let site = d.site.as_ref().map(|s| self.site_id(s));
            let print = TextPrint::of(&d.text);
            self.articles.insert(
                key,
                Entry {
                    id: d.id.clone(),
                    ident: ident_of(&d.id),
                    site,
                    text: d.text.clone(),
                    fingerprints: print.fingerprints.clone(),
                },
            );
            self.by_id.insert(d.id.clone(), key);
            fresh.push((key, print));
            keys.push(Some(key));
        }
        let items: Vec<NewArticle> = fresh
            .iter()
            .map(|(key, print)| {
                let e = &self.articles[key];
                NewArticle {
                    key: Some(*key),
                    ident: e.ident,
                    text: &e.text,
                    print,
                    site: e.site,
                }
            })
            .collect();
        let result = match match_batch(&*self, &items, &self.params) {
            Ok(r) => r,
            Err(never) => match never {},
        };
        self.apply(&fresh, result);
        keys
    }

    fn site_id(&mut self, site: &str) -> SiteId {
        let next = self.sites.len() as SiteId;
        *self.sites.entry(site.to_string()).or_insert(next)
    }

    fn apply(&mut self, fresh: &[(Key, TextPrint)], result: BatchMatches) {
        for r in result.revised {
            match r.now {
                Some(m) => {
                    self.pairs.insert((r.a, r.b), m);
                }
                None => {
                    self.pairs.remove(&(r.a, r.b));
                    for (x, y) in [(r.a, r.b), (r.b, r.a)] {
                        if let Some(s) = self.pairs_by_key.get_mut(&x) {
                            s.remove(&y);
                        }
                    }
                }
            }
        }
        self.furniture.extend(result.furniture);
        for ((key, _), found) in fresh.iter().zip(result.found) {
            for (other, m) in found {
                let (a, b, m) = if *key < other {
                    (*key, other, m)
                } else {
                    (other, *key, m.swapped())
                };
                self.pairs.insert((a, b), m);
                self.pairs_by_key.entry(a).or_default().insert(b);
                self.pairs_by_key.entry(b).or_default().insert(a);
            }
        }
        for (key, print) in fresh {
            let site = self.articles[key].site;
            let count = print.fingerprints.len() as u32;
            for &h in &print.fingerprints {
                let list = self.postings.entry(h).or_default();
                list.push(Posting {
                    key: *key,
                    fingerprints: count,
                    site,
                });
            }
        }
    }

    /// The pairs found, by input ids (the smaller id first, its side as A),
    /// sorted: the form order-independence is checked in.
    pub fn pairs(&self) -> Vec<(String, String, PairMatch)> {
        let mut out: Vec<(String, String, PairMatch)> = self
            .pairs
            .iter()
            .map(|((a, b), m)| {
                let (ia, ib) = (&self.articles[a].id, &self.articles[b].id);
                if ia <= ib {
                    (ia.clone(), ib.clone(), m.clone())
                } else {
                    (ib.clone(), ia.clone(), m.clone().swapped())
                }
            })
            .collect();
        out.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
        out
    }

    /// The key of an input id.
    pub fn key_of(&self, id: &str) -> Option<Key> {
        self.by_id.get(id).copied()
    }

    /// Sites' furniture, by site name, sorted.
    pub fn furniture_by_site(&self) -> Vec<(String, u64)> {
        let names: FastMap<SiteId, &String> = self.sites.iter().map(|(n, i)| (*i, n)).collect();
        let mut out: Vec<(String, u64)> = self
            .furniture
            .iter()
            .map(|(h, s)| (names[s].clone(), *h))
            .collect();
        out.sort();
        out
    }
}

impl Corpus for MemoryCorpus {
    type Error = Infallible;

    fn postings(
        &self,
        fingerprints: &[u64],
        cap: usize,
    ) -> Result<FastMap<u64, Vec<Posting>>, Infallible> {
        Ok(fingerprints
            .iter()
            .filter_map(|h| {
                let list = self.postings.get(h)?;
                Some((*h, list.iter().take(cap + 1).copied().collect()))
            })
            .collect())
    }

    fn prints(&self, keys: &[Key]) -> Result<FastMap<Key, Vec<u64>>, Infallible> {
        Ok(keys
            .iter()
            .filter_map(|k| Some((*k, self.articles.get(k)?.fingerprints.clone())))
            .collect())
    }

    fn texts(&self, keys: &[Key]) -> Result<FastMap<Key, CorpusText>, Infallible> {
        Ok(keys
            .iter()
            .filter_map(|k| {
                let e = self.articles.get(k)?;
                Some((
                    *k,
                    CorpusText {
                        text: e.text.clone(),
                        ident: e.ident,
                        site: e.site,
                    },
                ))
            })
            .collect())
    }

    fn furniture(&self, fingerprints: &[u64]) -> Result<Vec<(u64, SiteId)>, Infallible> {
        Ok(self
            .furniture
            .iter()
            .filter(|(h, _)| fingerprints.binary_search(h).is_ok())
            .copied()
            .collect())
    }

    fn pairs_of(&self, keys: &[Key]) -> Result<Vec<(Key, Key)>, Infallible> {
        let mut out: Vec<(Key, Key)> = keys
            .iter()
            .flat_map(|k| {
                self.pairs_by_key
                    .get(k)
                    .into_iter()
                    .flatten()
                    .map(move |o| ((*k).min(*o), (*k).max(*o)))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }
}
