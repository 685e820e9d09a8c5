//! Matching one article against everything stored: fingerprint look-ups in
//! the index, furniture and candidate selection, then alignment of each
//! candidate's stored text (stages from `reprint-match`).

use rusqlite::{params, Connection};

use reprint_match::candidates::{candidates, furniture, group_hits};
use reprint_match::fingerprint::{from_stored, to_stored};
use reprint_match::{compare, CandidateParams, MatchParams, Neighbour, PairMatch, TextPrint};

/// Fingerprints are looked up in chunks to stay under SQLite's limit on
/// bound parameters.
const LOOKUP_CHUNK: usize = 500;

/// Every stored article sharing a fingerprint with `print`, except `own`.
pub fn neighbours(
    conn: &Connection,
    print: &TextPrint,
    own: Option<i64>,
) -> rusqlite::Result<Vec<Neighbour<i64>>> {
    let mut hits: Vec<(u64, i64)> = Vec::new();
    for chunk in print.fingerprints.chunks(LOOKUP_CHUNK) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql = format!("SELECT hash, article FROM fingerprints WHERE hash IN ({marks})");
        let mut stmt = conn.prepare_cached(&sql)?;
        let values: Vec<i64> = chunk.iter().map(|h| to_stored(*h)).collect();
        let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
            Ok((from_stored(r.get(0)?), r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (h, a) = row?;
            if Some(a) != own {
                hits.push((h, a));
            }
        }
    }
    let mut count_stmt =
        conn.prepare_cached("SELECT fingerprint_count FROM articles WHERE id = ?1")?;
    group_hits(hits)
        .into_iter()
        .map(|(key, shared)| {
            let fingerprint_count: i64 = count_stmt.query_row([key], |r| r.get(0))?;
            Ok(Neighbour {
                key,
                shared,
                fingerprint_count: fingerprint_count.max(0) as usize,
            })
        })
        .collect()
}

/// Verified matches of a text against the store: `(article, match)` with the
/// text as side A.
pub fn match_text(
    conn: &Connection,
    text: &str,
    print: &TextPrint,
    own: Option<i64>,
) -> rusqlite::Result<Vec<(i64, PairMatch)>> {
    let cp = CandidateParams::default();
    let mp = MatchParams::default();
    let near = neighbours(conn, print, own)?;
    let noise = furniture(print.fingerprints.len(), &near, &cp);
    let mut text_stmt = conn.prepare_cached("SELECT text FROM articles WHERE id = ?1")?;
    let mut out = Vec::new();
    for n in candidates(&near, &noise, &cp) {
        let other: String = text_stmt.query_row(params![n.key], |r| r.get(0))?;
        let other_print = TextPrint::of(&other);
        if let Some(m) = compare(text, print, &other, &other_print, &noise, &mp) {
            out.push((n.key, m));
        }
    }
    Ok(out)
}
