//! What the matcher needs to know about the articles already seen: the
//! [`Corpus`] trait. The store implements it over SQLite (and a bulk
//! ingest's memory index); [`crate::MemoryCorpus`] implements it in memory
//! for the simulator, tests and the Python package; a Spark job computes the
//! same relations as joins. Nothing here knows how the corpus is kept.

use crate::fasthash::FastMap;

/// An article's key in a corpus: unique, stable while the article is kept.
pub type Key = i64;

/// A site's id in a corpus (see [`site_identity`] for what a site is).
pub type SiteId = u32;

/// One article holding a fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Posting {
    pub key: Key,
    /// How many fingerprints the article has in all.
    pub fingerprints: u32,
    /// The article's site, when it has one.
    pub site: Option<SiteId>,
}

/// A stored article's text and identity, for alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusText {
    pub text: String,
    /// The hash of the article's input id ([`ident_of`]): which side of a
    /// comparison an article is on must not depend on its key, which
    /// depends on the order articles arrived in.
    pub ident: u64,
    pub site: Option<SiteId>,
}

/// The articles already seen, as matching reads them. Every method answers
/// for stored articles only: the batch being matched is passed apart.
/// Fingerprint and key arguments come sorted and distinct.
pub trait Corpus {
    type Error: std::error::Error + Send + Sync + 'static;

    /// For each fingerprint, the stored articles holding it, sorted by key;
    /// a list may stop after `cap + 1` entries (the matcher treats a
    /// fingerprint held by more than `cap` articles as common text and
    /// needs no more than that to know it).
    fn postings(
        &self,
        fingerprints: &[u64],
        cap: usize,
    ) -> Result<FastMap<u64, Vec<Posting>>, Self::Error>;

    /// Whole fingerprint sets (sorted) of stored articles.
    fn prints(&self, keys: &[Key]) -> Result<FastMap<Key, Vec<u64>>, Self::Error>;

    /// Texts of stored articles.
    fn texts(&self, keys: &[Key]) -> Result<FastMap<Key, CorpusText>, Self::Error>;

    /// The known site furniture among `fingerprints`: `(fingerprint, site)`
    /// for each site whose furniture the fingerprint is.
    fn furniture(&self, fingerprints: &[u64]) -> Result<Vec<(u64, SiteId)>, Self::Error>;

    /// Stored pairs with at least one side among `keys`, each once, as
    /// `(smaller key, larger key)`.
    fn pairs_of(&self, keys: &[Key]) -> Result<Vec<(Key, Key)>, Self::Error>;
}

/// The identity hash of an article's input id (JSONL id, path, URL): fixes
/// which side of a comparison each article is on, whatever the order.
pub fn ident_of(input_id: &str) -> u64 {
    crate::fingerprint::mix64(crate::fingerprint::fnv1a(input_id.as_bytes()))
}

/// What counts as one site: the host of the page's URL (without `www.`)
/// when there is one, else the site name the page or its input gives,
/// lower-cased. Furniture is text a site repeats around its articles, so
/// pages must be grouped by who published them; a host is the steadiest
/// name for that (extracted site names vary: "CNN", "CNN.com").
pub fn site_identity(url: Option<&str>, site_name: Option<&str>) -> Option<String> {
    if let Some(host) = url.and_then(host_of) {
        return Some(host);
    }
    let name = site_name?.trim();
    (!name.is_empty()).then(|| name.to_lowercase())
}

/// The host of an http(s) URL, lower-cased, without `www.` and port.
fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => host.split(':').next()?,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_is_its_host_else_its_name() {
        assert_eq!(
            site_identity(Some("https://www.Example.com:8080/a/b?c"), Some("Ex")),
            Some("example.com".into())
        );
        assert_eq!(
            site_identity(Some("file:///tmp/x.html"), Some(" Global Research ")),
            Some("global research".into())
        );
        assert_eq!(site_identity(None, Some("  ")), None);
        assert_eq!(
            site_identity(Some("http://user@[::1]:80/"), None),
            Some("::1".into())
        );
    }

    #[test]
    fn idents_differ_by_input_id() {
        assert_ne!(ident_of("a"), ident_of("b"));
        assert_eq!(ident_of("census:1"), ident_of("census:1"));
    }
}
