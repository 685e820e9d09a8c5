//! Read-only queries for the HTTP server (`reprint-serve`): full-text search,
//! look-ups by URL and site, filtered and paged story lists, full article
//! records, stored pair passages, per-site tallies, and tracing a page that
//! is not stored.
//!
//! Nothing here trusts its arguments: search words are quoted before they
//! reach FTS5 (its query syntax would otherwise be an error or an injection
//! vector), and every value is bound, never formatted into SQL.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Params, Row};
use serde::Serialize;

use reprint_extract::Article;
use reprint_match::align::Passage;
use reprint_time::Timestamp;

use crate::read::{article_row as row, story_row, ArticleRow, StoryRow};
use crate::{Result, Store, StoreError};

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
    /// Stories dated (the `date` they are listed by) on or after this
    /// year, month or day: a [`Timestamp`] read once at the edge
    /// (`reprint_app::filter::date_param`), never a string to trust.
    pub from: Option<Timestamp>,
    /// Stories dated on or before this year, month or day, all of it:
    /// `2015-07-04` admits `2015-07-04T23:00`.
    pub to: Option<Timestamp>,
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

const COLUMNS: &str =
    "a.id, a.ext_id, a.url, a.site, a.title, a.byline, a.published, a.fetched, a.words";

/// The words of a search (letters and digits only), at most 16, so a huge
/// query cannot make a huge plan.
fn query_words(q: &str) -> impl Iterator<Item = &str> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
}

/// Turns free text into an FTS5 query that can never be a syntax error:
/// each word quoted, all required.
pub fn fts_query(q: &str) -> Option<String> {
    let words: Vec<String> = query_words(q).map(|w| format!("\"{w}\"")).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Tokens a snippet shows at most (as FTS5's `snippet(…, 16)` did).
const SNIPPET_TOKENS: usize = 16;

/// Lower-case letters that FTS5's `remove_diacritics` folds to a base
/// letter (those whose canonical decomposition is letter + accent; ø, ł,
/// đ… have none and stay themselves there, so here too).
const FOLDS: &[(&str, char)] = &[
    ("àáâãäåāăą", 'a'),
    ("çćĉċč", 'c'),
    ("ď", 'd'),
    ("èéêëēĕėęě", 'e'),
    ("ĝğġģ", 'g'),
    ("ĥ", 'h'),
    ("ìíîïĩīĭį", 'i'),
    ("ĵ", 'j'),
    ("ķ", 'k'),
    ("ĺļľ", 'l'),
    ("ñńņň", 'n'),
    ("òóôõöōŏő", 'o'),
    ("ŕŗř", 'r'),
    ("śŝşšș", 's'),
    ("ţťț", 't'),
    ("ùúûüũūŭůűų", 'u'),
    ("ŵ", 'w'),
    ("ýÿŷ", 'y'),
    ("źżž", 'z'),
];

/// A word as the search index compares it: lower-cased, Latin accents off.
fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_ascii() {
                return c;
            }
            FOLDS
                .iter()
                .find(|(from, _)| from.contains(c))
                .map_or(c, |&(_, to)| to)
        })
        .collect()
}

/// Byte spans of the words of a text (maximal runs of letters and digits,
/// as [`query_words`] splits), reading ASCII a byte at a time.
struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Words<'_> {
    /// Whether the character at byte `i` is a word character, and its length.
    fn class_at(&self, i: usize) -> (bool, usize) {
        let b = self.text.as_bytes()[i];
        if b.is_ascii() {
            return (b.is_ascii_alphanumeric(), 1);
        }
        let c = self.text[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let len = self.text.len();
        while self.at < len {
            let (word, n) = self.class_at(self.at);
            if word {
                break;
            }
            self.at += n;
        }
        if self.at >= len {
            return None;
        }
        let start = self.at;
        while self.at < len {
            let (word, n) = self.class_at(self.at);
            if !word {
                break;
            }
            self.at += n;
        }
        Some((start, self.at))
    }
}

/// Which search term `word` is, compared as the index compares words.
fn term_of(word: &str, terms: &[String]) -> Option<usize> {
    if word.is_ascii() {
        terms.iter().position(|t| t.eq_ignore_ascii_case(word))
    } else {
        let f = fold(word);
        terms.iter().position(|t| *t == f)
    }
}

/// A short excerpt of `text`: the earliest window of [`SNIPPET_TOKENS`]
/// words that holds every word of the search, else the one holding the
/// most of them (then the most hits), moved to centre its hits. Matched
/// words stand between
/// [`MARK_START`] and [`MARK_END`], and `…` marks text left out. `None`
/// when no word of `terms` (folded) is in `text`.
///
/// Why not FTS5's `snippet()`: it tokenizes each hit's whole body twice
/// through SQLite's tokenizer callbacks, which was half of a search's time;
/// this reads the body once, and only up to the first window holding every
/// word. Rows this cannot place (a hit only in the title, a word folded
/// differently) still get FTS5's.
pub fn snippet(text: &str, terms: &[String]) -> Option<String> {
    const N: usize = SNIPPET_TOKENS;
    let unique = (0..terms.len())
        .filter(|&i| !terms[..i].contains(&terms[i]))
        .count();
    let mut words: Vec<(usize, usize, Option<usize>)> = Vec::new();
    // Hits of each term inside the window ending at the latest word.
    let mut count = [0u16; 16];
    let (mut distinct, mut hits) = (0usize, 0usize);
    let mut best: Option<(usize, usize, usize)> = None; // (distinct, hits, first)
    let mut tokens = Words { text, at: 0 };
    for (s, e) in tokens.by_ref() {
        let hit = term_of(&text[s..e], terms).filter(|&t| t < count.len());
        words.push((s, e, hit));
        let end = words.len() - 1;
        if let Some(t) = hit {
            distinct += usize::from(count[t] == 0);
            count[t] += 1;
            hits += 1;
        }
        if end >= N {
            if let Some(t) = words[end - N].2 {
                count[t] -= 1;
                distinct -= usize::from(count[t] == 0);
                hits -= 1;
            }
        }
        if end + 1 >= N && hits > 0 && best.is_none_or(|b| (distinct, hits) > (b.0, b.1)) {
            best = Some((distinct, hits, end + 1 - N));
            if distinct == unique {
                break;
            }
        }
    }
    if words.len() < N && hits > 0 {
        best = Some((distinct, hits, 0));
    }
    let (_, _, first) = best?;
    // Centre the hits: read up to half a window past them (the loop may have
    // stopped at the last one), then split the spare words either side.
    let mut last = first + N.min(words.len()) - 1;
    while last > first && words[last].2.is_none() {
        last -= 1;
    }
    let hit_start = (first..=last)
        .find(|&i| words[i].2.is_some())
        .unwrap_or(first);
    for (s, e) in tokens.take((last + 1 + N / 2).saturating_sub(words.len())) {
        words.push((s, e, term_of(&text[s..e], terms)));
    }
    let spare = N.saturating_sub(last + 1 - hit_start);
    let first = hit_start
        .saturating_sub(spare / 2)
        .min(words.len().saturating_sub(N));
    let window = &words[first..(first + N).min(words.len())];
    let mut out = String::with_capacity(200);
    let mut at = if first > 0 {
        out.push('…');
        window[0].0
    } else {
        0
    };
    for &(s, e, hit) in window {
        out.push_str(&text[at..s]);
        if hit.is_some() {
            out.push(MARK_START);
            out.push_str(&text[s..e]);
            out.push(MARK_END);
        } else {
            out.push_str(&text[s..e]);
        }
        at = e;
    }
    let rest = &text[at..];
    if rest.chars().any(char::is_alphanumeric) {
        out.push('…');
    } else {
        out.push_str(rest);
    }
    Some(out)
}

/// The `WHERE` clause of a filtered query and its bound values, built one
/// condition at a time (each value bound, never formatted into the SQL).
#[derive(Default)]
struct Conditions {
    clauses: Vec<&'static str>,
    args: Vec<Value>,
}

impl Conditions {
    fn add(&mut self, clause: &'static str, args: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause);
        self.args.extend(args);
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// Ranks search hits: title matches weigh most, then byline and site, then
/// body (bm25 weights per column of `articles_fts`).
const SEARCH_WEIGHTS: &str = "5.0, 2.0, 2.0, 1.0";

impl Store {
    /// Runs a query and collects its rows through `f`.
    fn rows<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(self.sql())?;
        let rows = stmt.query_map(params, f).map_err(self.sql())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.sql())
    }

    /// The single integer a `SELECT count(*) …` answers.
    fn count(&self, sql: &str, params: impl Params) -> Result<i64> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(self.sql())?;
        stmt.query_row(params, |r| r.get(0)).map_err(self.sql())
    }

    /// Full-text search over titles, bylines, sites and bodies, best first
    /// (bm25, then key).
    ///
    /// What made it slow was `snippet()` in the ranked query: SQLite
    /// computes every result column before sorting, so FTS5 tokenized the
    /// body of every match, not just of the page's rows. Now the page's ids
    /// are ranked first and only their rows read; snippets are cut in Rust
    /// ([`snippet`]); the matches are counted only when the page does not
    /// show them all.
    pub fn search(&self, q: &str, limit: i64, offset: i64) -> Result<Paged<SearchHit>> {
        let Some(query) = fts_query(q) else {
            return Ok(Paged {
                total: 0,
                items: Vec::new(),
            });
        };
        let terms: Vec<String> = query_words(q).map(fold).collect();
        // The page's ids are chosen first, ranked on (score, id) alone, so
        // the sort carries two numbers per match instead of whole rows.
        let sql = format!(
            "SELECT {COLUMNS}, m.story, a.text
             FROM (SELECT rowid AS id, bm25(articles_fts, {SEARCH_WEIGHTS}) AS score
                   FROM articles_fts WHERE articles_fts MATCH ?1
                   ORDER BY score, rowid LIMIT ?2 OFFSET ?3) hit
             JOIN articles a ON a.id = hit.id
             LEFT JOIN story_members m ON m.article = a.id
             ORDER BY hit.score, hit.id"
        );
        let rows = self.rows(&sql, params![query, limit, offset], |r| {
            let text: String = r.get(10)?;
            Ok(SearchHit {
                article: row(r)?,
                story: r.get(9)?,
                snippet: snippet(&text, &terms).unwrap_or_default(),
            })
        })?;
        let mut items = Vec::with_capacity(rows.len());
        for mut hit in rows {
            if hit.snippet.is_empty() {
                hit.snippet = self.fts_snippet(&query, hit.article.key)?;
            }
            items.push(hit);
        }
        let shown = items.len() as i64;
        let total = if shown > 0 && shown < limit {
            offset + shown
        } else {
            self.count(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
                [&query],
            )?
        };
        Ok(Paged { total, items })
    }

    /// FTS5's own snippet of one matching article's body.
    fn fts_snippet(&self, query: &str, key: i64) -> Result<String> {
        let found = self.rows(
            "SELECT snippet(articles_fts, 3, char(2), char(3), '…', 16) FROM articles_fts
             WHERE articles_fts MATCH ?1 AND rowid = ?2",
            params![query, key],
            |r| r.get(0),
        )?;
        Ok(found.into_iter().next().unwrap_or_default())
    }

    /// Articles stored under this exact URL (or input id).
    pub fn articles_by_url(&self, url: &str) -> Result<Vec<ArticleRow>> {
        let sql =
            format!("SELECT {COLUMNS} FROM articles a WHERE a.url = ?1 OR a.ext_id = ?1 ORDER BY a.id LIMIT 100");
        self.rows(&sql, [url], row)
    }

    /// A site's articles, newest key first.
    pub fn articles_by_site(
        &self,
        site: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Paged<ArticleRow>> {
        let total = self.site_article_count(site)?;
        let sql = format!(
            "SELECT {COLUMNS} FROM articles a WHERE a.site = ?1 ORDER BY a.id LIMIT ?2 OFFSET ?3"
        );
        let items = self.rows(&sql, params![site, limit, offset], row)?;
        Ok(Paged { total, items })
    }

    /// How many stored articles are from `site`.
    pub fn site_article_count(&self, site: &str) -> Result<i64> {
        self.count("SELECT count(*) FROM articles WHERE site = ?1", [site])
    }

    /// Stories matching `f`, largest first, one page of them.
    pub fn stories_filtered(&self, f: &StoryFilter) -> Result<Paged<StoryRow>> {
        let text = |s: &String| Value::Text(s.clone());
        let mut w = Conditions::default();
        if let Some(site) = &f.site {
            w.add(
                "EXISTS (SELECT 1 FROM story_members m JOIN articles a ON a.id = m.article
                         WHERE m.story = s.id AND a.site = ?)",
                [text(site)],
            );
        }
        // Stored dates are ISO text as written, so a period's text compares
        // as the period: the date's prefix of its length is the period it
        // falls in.
        let date = |t: &Timestamp| Value::Text(t.as_str().to_string());
        if let Some(from) = &f.from {
            w.add("s.date >= ?", [date(from)]);
        }
        if let Some(to) = &f.to {
            // "to" is inclusive of the whole period: 2015-07-04 admits 2015-07-04T23:00.
            w.add("substr(s.date, 1, length(?)) <= ?", [date(to), date(to)]);
        }
        if let Some(n) = f.min_size {
            w.add("s.size >= ?", [Value::Integer(n)]);
        }
        if let Some(c) = &f.credit {
            w.add(
                "EXISTS (SELECT 1 FROM json_each(s.story_json, '$.copies') j
                         WHERE json_extract(j.value, '$.credit') = ?)",
                [text(c)],
            );
        }
        let filter = w.sql();
        let total = self.count(
            &format!("SELECT count(*) FROM stories s {filter}"),
            params_from_iter(&w.args),
        )?;
        let mut args = w.args;
        args.extend([Value::Integer(f.limit), Value::Integer(f.offset)]);
        let sql = format!(
            "SELECT s.id, s.size, s.origin_outlet, s.origin_confidence, s.date, s.headline
             FROM stories s {filter} ORDER BY s.size DESC, s.id LIMIT ? OFFSET ?"
        );
        let items = self.rows(&sql, params_from_iter(&args), story_row)?;
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
        let article = crate::record::article_from_json(&json).map_err(|e| StoreError::Corrupt {
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
            crate::record::passages_from_json(&json).map_err(|e| StoreError::Corrupt {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &str) -> String {
        s.replace(MARK_START, "[").replace(MARK_END, "]")
    }

    fn terms(q: &str) -> Vec<String> {
        query_words(q).map(fold).collect()
    }

    #[test]
    fn snippets_mark_the_words_of_the_densest_window() {
        let text = "Officials said nothing. Later that week the census bureau asked one \
                    question about the census, and the bureau said the question was new. \
                    Many other words follow here, none of them interesting at all to anyone.";
        let s = snippet(text, &terms("census question")).unwrap();
        assert_eq!(
            marked(&s),
            "…Later that week the [census] bureau asked one [question] about the [census], and the bureau said…"
        );
        // With a word the text lacks, the window with the most hits wins.
        let s = snippet(text, &terms("census question absent")).unwrap();
        assert_eq!(
            marked(&s),
            "…the [census] bureau asked one [question] about the [census], and the bureau said the [question] was…"
        );
        let s = snippet("Short: census only.", &terms("census")).unwrap();
        assert_eq!(marked(&s), "Short: [census] only.");
        // Case and Latin accents fold like the index; punctuation between words is kept.
        let s = snippet("«Die Stadt Zürich», sagte er.", &terms("ZURICH")).unwrap();
        assert_eq!(marked(&s), "«Die Stadt [Zürich]», sagte er.");
        assert_eq!(fold("ÉCOLE Ørsted"), "ecole ørsted");
        assert!(snippet("no such words here", &terms("census")).is_none());
        // Whatever the text, a snippet is a stretch of it with marks added.
        let texts = [
            "census",
            "  census!  ",
            "Ünïcödé wörds — «census» ünd Zürich… 統計 census 調査",
            &"word ".repeat(100),
            &format!(
                "{} census {} question {}",
                "a ".repeat(40),
                "b ".repeat(30),
                "c ".repeat(40)
            ),
        ];
        for text in texts {
            for q in ["census", "zurich census", "question census", "a b c"] {
                if let Some(s) = snippet(text, &terms(q)) {
                    let plain = s.replace([MARK_START, MARK_END], "");
                    let inner = plain.trim_start_matches('…').trim_end_matches('…');
                    assert!(text.contains(inner), "{q:?} in {text:?}: {s:?}");
                    assert!(s.contains(MARK_START), "{q:?} in {text:?}: {s:?}");
                }
            }
        }
        assert!(snippet("", &terms("census")).is_none());
    }
}
