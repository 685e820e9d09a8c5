//! The story as users see it: articles named by their input ids and URLs
//! rather than store keys. `show --json` and `export --what stories` write
//! this shape.

use reprint_store::{ArticleRow, StoryDetail};
use reprint_trace::Origin;
use serde::Serialize;

/// Version of the story JSON shape, described by `docs/story.schema.json`.
pub const STORY_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct StoryView {
    pub schema_version: u32,
    pub id: i64,
    pub size: i64,
    pub headline: Option<String>,
    pub date: Option<String>,
    pub origin: OriginView,
    pub copies: Vec<CopyView>,
}

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
    pub confidence: f32,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleRef {
    pub id: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub fetched: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CopyView {
    pub article: ArticleRef,
    pub kind: &'static str,
    pub shared: f32,
    pub credit: &'static str,
    pub evidence: Vec<String>,
    /// What the copy changed against the origin, most severe first.
    pub changes: Vec<reprint_trace::Change>,
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

/// Reshapes a stored story for output (evidence already names input ids).
pub fn story_view(d: &StoryDetail) -> StoryView {
    let origin = match &d.story.origin {
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
    };
    let copies = d
        .story
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
