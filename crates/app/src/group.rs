//! A story traced outside any store: the members and copy links of one
//! connected component, as a distributed run (the Spark job) has them after
//! grouping, in → the versioned story JSON out, the same bytes `export
//! --what stories` writes for that story except its `id`.
//!
//! The store names a story by its smallest member key, and keys follow the
//! order pages arrived in; a run with no store has no keys. Members get
//! keys here in input-id order (tracing reads them in that order anyway, see
//! [`crate::stories::Tracer`]), and the story is named by the caller.

use reprint_match::PairMatch;
use reprint_store::{ArticleRow, LinkRecord, MemberRecord, StoryRow, StoryTracer};

use crate::stories::{StoryDetail, Tracer};
use crate::view::{story_view_with, StoryView};

/// One member of a group: what the store would have kept of it.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMember {
    /// The input's id.
    pub id: String,
    /// The URL it was read from, if any.
    pub url: Option<String>,
    /// When it was fetched, as the input recorded.
    pub fetched: Option<String>,
    /// The extracted article (JSON, as [`crate::page::prepare`] made it),
    /// read as a stored `ArticleRecord` (`reprint_store::record`).
    pub article_json: String,
    /// Its words, as the store counts them (`TextPrint::words`).
    pub words: i64,
}

/// A pair between two members, named by input ids.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupLink {
    /// Side A's input id (the pair's `shared_a` is A's share).
    pub a: String,
    /// Side B's input id.
    pub b: String,
    /// The verified pair.
    pub pair: PairMatch,
}

/// Why a group could not be traced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GroupError {
    /// A member's article JSON could not be read.
    #[error("{what}: {reason}")]
    Unreadable {
        /// Which record.
        what: String,
        /// Why.
        reason: String,
    },
    /// A link names an article that is not a member.
    #[error("a pair names {0}, which is not a member of the story")]
    UnknownMember(String),
}

/// Traces one story from its members and pairs (only copy pairs join a
/// story; partial ones are ignored as the store ignores them); `id` names it.
pub fn trace_group(
    id: i64,
    mut members: Vec<GroupMember>,
    links: &[GroupLink],
) -> Result<StoryView, GroupError> {
    members.sort_by(|x, y| x.id.cmp(&y.id));
    members.dedup_by(|x, y| x.id == y.id);
    let key_of = |name: &str| -> Result<i64, GroupError> {
        members
            .binary_search_by(|m| m.id.as_str().cmp(name))
            .map(|i| i as i64 + 1)
            .map_err(|_| GroupError::UnknownMember(name.to_string()))
    };
    let mut records = Vec::new();
    for l in links
        .iter()
        .filter(|l| l.pair.kind == reprint_match::ReuseKind::Copy)
    {
        let (ka, kb) = (key_of(&l.a)?, key_of(&l.b)?);
        // The store keeps the smaller key as side A.
        let (a, b, pair) = if kb < ka {
            (kb, ka, l.pair.clone().swapped())
        } else {
            (ka, kb, l.pair.clone())
        };
        records.push(LinkRecord {
            a,
            b,
            kind: pair.kind.as_str().to_string(),
            shared_a: f64::from(pair.shared_a),
            shared_b: f64::from(pair.shared_b),
        });
    }
    let member_records: Vec<MemberRecord> = members
        .iter()
        .enumerate()
        .map(|(i, m)| MemberRecord {
            key: i as i64 + 1,
            id: m.id.clone(),
            url: m.url.clone(),
            fetched: m.fetched.clone(),
            article_json: m.article_json.clone(),
        })
        .collect();
    let traced = Tracer
        .trace(member_records, records)
        .map_err(|u| GroupError::Unreadable {
            what: u.what,
            reason: u.reason,
        })?;
    let story =
        crate::record::story_from_json(&traced.json).map_err(|e| GroupError::Unreadable {
            what: format!("story {id}"),
            reason: e.to_string(),
        })?;
    let rows = members
        .iter()
        .enumerate()
        .map(|(i, m)| article_row(i as i64 + 1, m))
        .collect::<Result<Vec<_>, _>>()?;
    let by_key = |k: &i64| rows.get((*k - 1) as usize).cloned();
    let detail = StoryDetail {
        row: StoryRow {
            id,
            size: traced.members.len() as i64,
            origin: traced.origin_outlet,
            confidence: traced.origin_confidence,
            date: traced.date,
            headline: traced.headline,
        },
        members: story.members.iter().filter_map(by_key).collect(),
        story,
    };
    Ok(story_view_with(&detail, None))
}

/// The member's summary row, with the columns the store fills from the
/// article, as the store's insert fills them (`ArticleRow::of`).
fn article_row(key: i64, m: &GroupMember) -> Result<ArticleRow, GroupError> {
    // Read as the store reads a stored article (its record), which is
    // also how the tracer reads these members.
    let a = reprint_store::record::article_from_json(&m.article_json).map_err(|e| {
        GroupError::Unreadable {
            what: format!("article {}", m.id),
            reason: e.to_string(),
        }
    })?;
    Ok(ArticleRow::of(
        key,
        m.id.clone(),
        m.url.clone(),
        m.fetched.clone(),
        m.words,
        &a,
    ))
}
