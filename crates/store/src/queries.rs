//! Read-only queries for the HTTP server (`reprint-serve`): full-text search,
//! look-ups by URL and site, filtered and paged story lists, full article
//! records, stored pair passages, per-site tallies, and tracing a page that
//! is not stored. Also the one write helper the search index needs at ingest
//! ([`index_for_search`]).
//!
//! Nothing here trusts its arguments: search words are quoted before they
//! reach FTS5 (its query syntax would otherwise be an error or an injection
//! vector), and every value is bound, never formatted into SQL.

use std::collections::BTreeMap;

use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::Serialize;

use reprint_extract::Article;
use reprint_match::align::Passage;
use reprint_match::PairMatch;
use reprint_trace::credit::judge_credit;
use reprint_trace::TracedArticle;

use crate::read::{article_row as row, ArticleRow, StoryDetail, StoryRow};
use crate::{Result, Store, StoreError};

/// Adds a freshly inserted article to the full-text index (called by
/// `ingest::store_article` right after its INSERT, in the same transaction).
pub fn index_for_search(conn: &Connection, key: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO articles_fts(rowid, title, byline, site, text)
         SELECT id, title, byline, site, text FROM articles WHERE id = ?1",
        [key],
    )?;
    Ok(())
}

/// Marks the start and end of a matched term in [`SearchHit::snippet`];
/// control characters never survive extraction into stored text.
pub const MARK_START: char = '\u{2}';
pub const MARK_END: char = '\u{3}';

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub article: ArticleRow,
    pub story: Option<i64>,
    /// A short excerpt with matched terms between [`MARK_START`] and [`MARK_END`].
    pub snippet: String,
}

/// A page of results and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paged<T> {
    pub total: i64,
    pub items: Vec<T>,
}

/// Filters for [`Store::stories_filtered`]; `None` means no filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryFilter {
    /// Stories with a member on this site (exact site name).
    pub site: Option<String>,
    /// Story date (the origin's or earliest) on or after / before, ISO text.
    pub from: Option<String>,
    pub to: Option<String>,
    pub min_size: Option<i64>,
    /// Stories with at least one copy of this credit verdict
    /// (`credited`, `partial`, `uncredited`, `not-applicable`).
    pub credit: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// An article with its full extracted record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FullArticle {
    pub row: ArticleRow,
    pub story: Option<i64>,
    pub text: String,
    pub article: Article,
}

/// A stored pair as seen from the first-named article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredPair {
    pub kind: String,
    pub shared_a: f64,
    pub shared_b: f64,
    pub words: i64,
    pub passages: Vec<Passage>,
}

/// An edge between two members of a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberLink {
    pub a: i64,
    pub b: i64,
    pub kind: String,
    pub shared: f64,
}

/// How a site behaves across the stories it appears in.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SiteStats {
    pub site: String,
    pub articles: i64,
    pub stories: i64,
    /// Stories whose origin is one of this site's articles.
    pub origin_of: i64,
    /// Copies other sites made of this site's origin articles.
    pub copied_by_others: i64,
    /// This site's copies, by credit verdict.
    pub copies_by_credit: BTreeMap<String, i64>,
}

/// Which stored story a page would join and whether it credits the origin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceOutcome {
    /// Stored articles sharing text with the page, closest first.
    pub matches: Vec<TraceMatch>,
    /// The story of the closest match, if it is in one.
    pub story: Option<StoryDetail>,
    pub credit: Option<&'static str>,
    pub credit_evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceMatch {
    pub article: ArticleRow,
    pub kind: &'static str,
    /// Share of the traced page found in this article.
    pub shared: f32,
    pub story: Option<i64>,
}

const COLUMNS: &str =
    "a.id, a.ext_id, a.url, a.site, a.title, a.byline, a.published, a.fetched, a.words";

/// Turns free text into an FTS5 query that can never be a syntax error:
/// each word (letters and digits only) quoted, all required. At most 16
/// words, so a huge query cannot make a huge plan.
pub fn fts_query(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Store {
    /// Full-text search over titles, bylines, sites and bodies, best first.
    pub fn search(&self, q: &str, limit: i64, offset: i64) -> Result<Paged<SearchHit>> {
        let Some(query) = fts_query(q) else {
            return Ok(Paged {
                total: 0,
                items: Vec::new(),
            });
        };
        let total: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
                [&query],
                |r| r.get(0),
            )
            .map_err(self.sql())?;
        let sql = format!(
            "SELECT {COLUMNS}, m.story,
                    snippet(articles_fts, 3, char(2), char(3), '…', 16)
             FROM articles_fts f JOIN articles a ON a.id = f.rowid
             LEFT JOIN story_members m ON m.article = a.id
             WHERE articles_fts MATCH ?1
             ORDER BY bm25(articles_fts, 5.0, 2.0, 2.0, 1.0), a.id
             LIMIT ?2 OFFSET ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(self.sql())?;
        let items = stmt
            .query_map(params![query, limit, offset], |r| {
                Ok(SearchHit {
                    article: row(r)?,
                    story: r.get(9)?,
                    snippet: r.get(10)?,
                })
            })
            .map_err(self.sql())?
            .collect::<rusqlite::Result<_>>()
            .map_err(self.sql())?;
        Ok(Paged { total, items })
    }

    /// Articles stored under this exact URL (or input id).
    pub fn articles_by_url(&self, url: &str) -> Result<Vec<ArticleRow>> {
        let sql =
            format!("SELECT {COLUMNS} FROM articles a WHERE a.url = ?1 OR a.ext_id = ?1 ORDER BY a.id LIMIT 100");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(self.sql())?;
        let rows = stmt.query_map([url], row).map_err(self.sql())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.sql())
    }

    /// A site's articles, newest key first.
    pub fn articles_by_site(
        &self,
        site: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Paged<ArticleRow>> {
        let total: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM articles WHERE site = ?1",
                [site],
                |r| r.get(0),
            )
            .map_err(self.sql())?;
        let sql = format!(
            "SELECT {COLUMNS} FROM articles a WHERE a.site = ?1 ORDER BY a.id LIMIT ?2 OFFSET ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(self.sql())?;
        let items = stmt
            .query_map(params![site, limit, offset], row)
            .map_err(self.sql())?
            .collect::<rusqlite::Result<_>>()
            .map_err(self.sql())?;
        Ok(Paged { total, items })
    }

    /// Stories matching `f`, largest first, one page of them.
    pub fn stories_filtered(&self, f: &StoryFilter) -> Result<Paged<StoryRow>> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        use rusqlite::types::Value;
        if let Some(site) = &f.site {
            clauses.push(
                "EXISTS (SELECT 1 FROM story_members m JOIN articles a ON a.id = m.article
                         WHERE m.story = s.id AND a.site = ?)",
            );
            args.push(Value::Text(site.clone()));
        }
        if let Some(from) = &f.from {
            clauses.push("s.date >= ?");
            args.push(Value::Text(from.clone()));
        }
        if let Some(to) = &f.to {
            // "to" is inclusive of the whole day: 2015-07-04 admits 2015-07-04T23:00.
            clauses.push("substr(s.date, 1, length(?)) <= ?");
            args.push(Value::Text(to.clone()));
            args.push(Value::Text(to.clone()));
        }
        if let Some(n) = f.min_size {
            clauses.push("s.size >= ?");
            args.push(Value::Integer(n));
        }
        if let Some(c) = &f.credit {
            clauses.push(
                "EXISTS (SELECT 1 FROM json_each(s.story_json, '$.copies') j
                         WHERE json_extract(j.value, '$.credit') = ?)",
            );
            args.push(Value::Text(c.clone()));
        }
        let filter = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let total: i64 = self
            .conn
            .query_row(
                &format!("SELECT count(*) FROM stories s {filter}"),
                params_from_iter(args.iter()),
                |r| r.get(0),
            )
            .map_err(self.sql())?;
        args.push(Value::Integer(f.limit));
        args.push(Value::Integer(f.offset));
        let sql = format!(
            "SELECT s.id, s.size, s.origin_outlet, s.origin_confidence, s.date, s.headline
             FROM stories s {filter} ORDER BY s.size DESC, s.id LIMIT ? OFFSET ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(self.sql())?;
        let items = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok(StoryRow {
                    id: r.get(0)?,
                    size: r.get(1)?,
                    origin: r.get(2)?,
                    confidence: r.get(3)?,
                    date: r.get(4)?,
                    headline: r.get(5)?,
                })
            })
            .map_err(self.sql())?
            .collect::<rusqlite::Result<_>>()
            .map_err(self.sql())?;
        Ok(Paged { total, items })
    }

    /// One article with its extracted record, or None.
    pub fn article_full(&self, key: i64) -> Result<Option<FullArticle>> {
        let sql = format!(
            "SELECT {COLUMNS}, m.story, a.text, a.article_json FROM articles a
             LEFT JOIN story_members m ON m.article = a.id WHERE a.id = ?1"
        );
        let found = self
            .conn
            .query_row(&sql, [key], |r| {
                Ok((
                    row(r)?,
                    r.get::<_, Option<i64>>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, String>(11)?,
                ))
            })
            .optional()
            .map_err(self.sql())?;
        let Some((row, story, text, json)) = found else {
            return Ok(None);
        };
        let article = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
            path: self.name(),
            what: format!("article {key}"),
            reason: e.to_string(),
        })?;
        Ok(Some(FullArticle {
            row,
            story,
            text,
            article,
        }))
    }

    /// The stored pair between two articles, with passages oriented so that
    /// `.a` spans are in `x`'s text and `.b` spans in `y`'s.
    pub fn stored_pair(&self, x: i64, y: i64) -> Result<Option<StoredPair>> {
        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
        let found = self
            .conn
            .query_row(
                "SELECT kind, shared_a, shared_b, words, passages_json FROM pairs
                 WHERE a = ?1 AND b = ?2",
                [lo, hi],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, f64>(1)?,
                        r.get::<_, f64>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()
            .map_err(self.sql())?;
        let Some((kind, sa, sb, words, json)) = found else {
            return Ok(None);
        };
        let mut passages: Vec<Passage> =
            serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                path: self.name(),
                what: format!("pair {lo}-{hi}"),
                reason: e.to_string(),
            })?;
        let (mut shared_a, mut shared_b) = (sa, sb);
        if x > y {
            std::mem::swap(&mut shared_a, &mut shared_b);
            for p in passages.iter_mut() {
                std::mem::swap(&mut p.a, &mut p.b);
            }
        }
        Ok(Some(StoredPair {
            kind,
            shared_a,
            shared_b,
            words,
            passages,
        }))
    }

    /// A story with the stored pairs among its members (its copy graph).
    pub fn story_with_links(&self, id: i64) -> Result<Option<(StoryDetail, Vec<MemberLink>)>> {
        let Some(d) = self.story(id)? else {
            return Ok(None);
        };
        let links = self.links_among(&d.story.members)?;
        Ok(Some((d, links)))
    }

    /// Stored pairs among the given articles (for a story's copy graph).
    pub fn links_among(&self, keys: &[i64]) -> Result<Vec<MemberLink>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT p.b, p.kind, max(p.shared_a, p.shared_b) FROM pairs p WHERE p.a = ?1",
            )
            .map_err(self.sql())?;
        let mut out = Vec::new();
        for &a in keys {
            let rows = stmt
                .query_map([a], |r| {
                    Ok(MemberLink {
                        a,
                        b: r.get(0)?,
                        kind: r.get(1)?,
                        shared: r.get(2)?,
                    })
                })
                .map_err(self.sql())?;
            for l in rows {
                let l = l.map_err(self.sql())?;
                if keys.contains(&l.b) {
                    out.push(l);
                }
            }
        }
        Ok(out)
    }

    /// How often a site copies, credits, and is copied.
    pub fn site_stats(&self, site: &str) -> Result<SiteStats> {
        let mut stats = SiteStats {
            site: site.to_string(),
            ..SiteStats::default()
        };
        stats.articles = self
            .conn
            .query_row(
                "SELECT count(*) FROM articles WHERE site = ?1",
                [site],
                |r| r.get(0),
            )
            .map_err(self.sql())?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT m.story FROM story_members m JOIN articles a ON a.id = m.article
                 WHERE a.site = ?1 ORDER BY m.story LIMIT 5000",
            )
            .map_err(self.sql())?;
        let ids: Vec<i64> = stmt
            .query_map([site], |r| r.get(0))
            .map_err(self.sql())?
            .collect::<rusqlite::Result<_>>()
            .map_err(self.sql())?;
        stats.stories = ids.len() as i64;
        for id in ids {
            let Some(d) = self.story(id)? else { continue };
            let on_site = |k: i64| d.member(k).and_then(|m| m.site.as_deref()) == Some(site);
            let origin_here = d.story.origin.article_key().is_some_and(on_site);
            if origin_here {
                stats.origin_of += 1;
            }
            for c in &d.story.copies {
                if on_site(c.key) {
                    *stats
                        .copies_by_credit
                        .entry(c.credit.as_str().to_string())
                        .or_default() += 1;
                } else if origin_here {
                    stats.copied_by_others += 1;
                }
            }
        }
        Ok(stats)
    }

    /// Which story an unstored article would join, and its credit verdict
    /// against that story's origin. Writes nothing. `me.key` is ignored.
    pub fn trace_unstored(&self, me: &TracedArticle) -> Result<TraceOutcome> {
        let mut found = self.match_unstored(&me.article.text())?;
        found.sort_by(|x, y| y.1.shared_a.total_cmp(&x.1.shared_a));
        let mut matches = Vec::new();
        for (article, m) in found {
            let m: PairMatch = m;
            matches.push(TraceMatch {
                story: self.story_of(article.key)?,
                article,
                kind: m.kind.as_str(),
                shared: m.shared_a,
            });
        }
        let story = match matches.first().and_then(|m| m.story) {
            Some(id) => self.story(id)?,
            None => None,
        };
        let mut out = TraceOutcome {
            matches,
            story: None,
            credit: None,
            credit_evidence: Vec::new(),
        };
        if let Some(d) = story {
            let origin_article = match d.story.origin.article_key() {
                Some(k) => self.traced(&[k])?.pop(),
                None => None,
            };
            let changed = origin_article
                .as_ref()
                .map(|o| reprint_trace::changes::changes(&o.article, &me.article))
                .unwrap_or_default();
            let (verdict, evidence) = judge_credit(
                me,
                &d.story.origin,
                origin_article.as_ref(),
                reprint_trace::text_changed(&changed),
            );
            out.credit = Some(verdict.as_str());
            out.credit_evidence = evidence;
            out.story = Some(d);
        }
        Ok(out)
    }
}
