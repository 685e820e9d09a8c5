//! The story as users see it: articles named by their input ids and URLs
//! rather than store keys, with the licensed partners file applied. `show
//! --json`, `export --what stories`, `/api/stories/{id}` and `/api/export`
//! write this shape, described by `docs/story.schema.json`.

use reprint_store::ArticleRow;

use crate::stories::StoryDetail;
use reprint_trace::story::outlet_name;
use reprint_trace::{Origin, Partners, Story};
use serde::Serialize;

/// Version of the story JSON shape, described by `docs/story.schema.json`.
/// 2: the "licensed" verdict, the speaker-changed and entity-changed kinds,
/// and each copy's chain. 3: the quote-shortened kind and each change's
/// confidence.
pub const STORY_SCHEMA_VERSION: u32 = 3;

/// A member's outlet as tracing names it: its site, else its host.
pub fn member_outlet(a: &ArticleRow) -> Option<String> {
    outlet_name(a.site.as_deref(), a.url.as_deref())
}

/// The stored story with the partners file applied.
pub fn licensed_story(d: &StoryDetail, partners: Option<&Partners>) -> Story {
    let mut story = d.story.clone();
    if let Some(p) = partners {
        p.apply(&mut story, &|k| d.member(k).and_then(member_outlet));
    }
    story
}

/// Applies the licensed partners file, if any, to a stored story in place:
/// its uncredited copies on a licensee of their source become "licensed".
pub fn license(partners: Option<&Partners>, d: &mut StoryDetail) {
    let Some(p) = partners else { return };
    let members = &d.members;
    p.apply(&mut d.story, &|k| {
        members.iter().find(|m| m.key == k).and_then(member_outlet)
    });
}

/// The story's versioned JSON on one line, as `export --what stories`
/// writes it and the API sends it: the same bytes from every front end.
pub fn story_json(d: &StoryDetail, partners: Option<&Partners>) -> serde_json::Result<String> {
    serde_json::to_string(&story_view_with(d, partners))
}

/// A story for output (`docs/story.schema.json`).
#[derive(Debug, Serialize)]
pub struct StoryView {
    /// [`STORY_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The story's id: its smallest article key, stable as it grows.
    pub id: i64,
    /// How many articles it holds.
    pub size: i64,
    /// The origin article's headline, else that of the first member by
    /// input id that has one.
    pub headline: Option<String>,
    /// The origin article's date, else the first member's by input id
    /// (published, else fetched).
    pub date: Option<String>,
    /// Where the story came from, and why.
    pub origin: OriginView,
    /// Every member but the origin article, with its credit verdict.
    pub copies: Vec<CopyView>,
}

/// A story's origin.
#[derive(Debug, Serialize)]
pub struct OriginView {
    /// "article", "external" or "undetermined".
    pub kind: &'static str,
    /// The origin article, when it is in the store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleRef>,
    /// The origin outlet: the article's site, or an outlet outside the corpus.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// 0 to 1 (0 when undetermined).
    pub confidence: f32,
    /// The lines a reader can check.
    pub evidence: Vec<String>,
}

/// An article named as users name it: its input id, not a store key.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRef {
    /// The input's id (a JSONL id, a WARC URI, a document's URL).
    pub id: String,
    /// Where it was read from, when known.
    pub url: Option<String>,
    /// Its site as extracted or recorded.
    pub site: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication date as extracted.
    pub published: Option<String>,
    /// When it was fetched, as the input recorded.
    pub fetched: Option<String>,
}

/// One copy of the story and its credit to the origin.
#[derive(Debug, Serialize)]
pub struct CopyView {
    /// The copy.
    pub article: ArticleRef,
    /// "copy" or "partial".
    pub kind: &'static str,
    /// Share of the text it shares with the story.
    pub shared: f32,
    /// Its credit verdict: credited, partial, uncredited, licensed, not-applicable.
    pub credit: &'static str,
    /// The lines the verdict rests on.
    pub evidence: Vec<String>,
    /// What the copy changed against the origin, most severe first.
    pub changes: Vec<reprint_trace::Change>,
    /// The hops from the origin to this copy, in order (empty when the
    /// origin is undetermined).
    pub chain: Vec<HopView>,
    /// Where the origin's credit was lost on the way, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_lost: Option<LossView>,
}

/// One hop: a page that took the text from another.
#[derive(Debug, Serialize)]
pub struct HopView {
    /// The page the text was taken from: an article's id, or the outlet
    /// when that is the origin outside the corpus.
    pub from: String,
    /// The page that took it (an article's id).
    pub to: String,
    /// Why `from` is taken as the source.
    pub via: String,
    /// `to`'s credit to `from`.
    pub credit: &'static str,
    /// The lines the hop's credit verdict rests on.
    pub evidence: Vec<String>,
}

/// Where a copy lost the origin's credit.
#[derive(Debug, Serialize)]
pub struct LossView {
    /// Index into `chain` of the hop whose copy did not credit the origin.
    pub hop: usize,
    /// What was lost, in words.
    pub detail: String,
}

fn article_ref(a: &ArticleRow) -> ArticleRef {
    ArticleRef {
        id: a.id.clone(),
        url: a.url.clone(),
        site: a.site.clone(),
        title: a.title.clone(),
        published: a.published.clone(),
        fetched: a.fetched.clone(),
    }
}

/// Reshapes a stored story for output (evidence already names input ids),
/// with a licensed partners file applied when one is given.
pub fn story_view_with(d: &StoryDetail, partners: Option<&Partners>) -> StoryView {
    let story = licensed_story(d, partners);
    let origin = origin_view(d, &story.origin);
    let copies = story
        .copies
        .iter()
        .filter_map(|c| {
            Some(CopyView {
                article: article_ref(d.member(c.key)?),
                kind: c.kind.as_str(),
                shared: c.shared,
                credit: c.credit.as_str(),
                evidence: c.evidence.clone(),
                changes: c.changes.clone(),
                chain: chain_view(d, &story, c.key),
                credit_lost: loss_view(d, &story, c.key),
            })
        })
        .collect();
    StoryView {
        schema_version: STORY_SCHEMA_VERSION,
        id: d.row.id,
        size: d.row.size,
        headline: d.row.headline.clone(),
        date: d.row.date.clone(),
        origin,
        copies,
    }
}

fn origin_view(d: &StoryDetail, origin: &Origin) -> OriginView {
    match origin {
        Origin::Article {
            key,
            confidence,
            evidence,
        } => {
            let a = d.member(*key);
            OriginView {
                kind: "article",
                article: a.map(article_ref),
                outlet: a.and_then(|a| a.site.clone()),
                confidence: *confidence,
                evidence: evidence.clone(),
            }
        }
        Origin::External {
            outlet,
            confidence,
            evidence,
        } => OriginView {
            kind: "external",
            article: None,
            outlet: Some(outlet.clone()),
            confidence: *confidence,
            evidence: evidence.clone(),
        },
        Origin::Undetermined { evidence } => OriginView {
            kind: "undetermined",
            article: None,
            outlet: None,
            confidence: 0.0,
            evidence: evidence.clone(),
        },
    }
}

/// A page's name in chains: an article's input id, or the outside origin.
fn page_name(d: &StoryDetail, story: &Story, key: Option<i64>) -> String {
    match (key, &story.origin) {
        (Some(k), _) => d
            .member(k)
            .map(|a| a.id.clone())
            .unwrap_or_else(|| k.to_string()),
        (None, Origin::External { outlet, .. }) => outlet.clone(),
        (None, _) => "the origin".to_string(),
    }
}

fn chain_view(d: &StoryDetail, story: &Story, key: i64) -> Vec<HopView> {
    story
        .chain(key)
        .into_iter()
        .filter_map(|c| {
            let hop = c.source.as_ref()?;
            Some(HopView {
                from: page_name(d, story, hop.from),
                to: page_name(d, story, Some(c.key)),
                via: hop.via.clone(),
                credit: hop.credit.as_str(),
                evidence: hop.evidence.clone(),
            })
        })
        .collect()
}

fn loss_view(d: &StoryDetail, story: &Story, key: i64) -> Option<LossView> {
    let name = |k: Option<i64>| page_name(d, story, k);
    let loss = story.credit_loss(key, &name)?;
    Some(LossView {
        hop: loss.hop,
        detail: loss.detail,
    })
}
