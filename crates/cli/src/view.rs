//! The story as users see it: articles named by their input ids and URLs
//! rather than store keys, with the licensed partners file applied. `show
//! --json` and `export --what stories` write this shape.

use std::path::{Path, PathBuf};

use anyhow::Result;
use reprint_store::{ArticleRow, StoryDetail};
use reprint_trace::story::outlet_name;
use reprint_trace::{Origin, Partners, Story};
use serde::Serialize;

/// Version of the story JSON shape, described by `docs/story.schema.json`.
/// 2: the "licensed" verdict, the speaker-changed and entity-changed kinds,
/// and each copy's chain.
pub const STORY_SCHEMA_VERSION: u32 = 2;

/// The partners file read when `--partners` is not given, if it exists in
/// the working directory.
pub const DEFAULT_PARTNERS: &str = "reprint.toml";

/// The `--partners` option shared by `stories`, `show` and `export`.
#[derive(clap::Args, Debug, Clone)]
pub struct PartnersArg {
    /// Licensed partners (TOML; see the README): a copy that gives no credit
    /// but runs on a licensee of its source is "licensed", not "uncredited".
    /// Default: ./reprint.toml when it exists.
    #[arg(long, value_name = "FILE")]
    partners: Option<PathBuf>,
}

impl PartnersArg {
    /// The partners file named, or the default one if present; None when
    /// there is neither. A file that cannot be read or parsed is an error.
    pub fn load(&self) -> Result<Option<Partners>> {
        let path = match &self.partners {
            Some(p) => p.clone(),
            None if Path::new(DEFAULT_PARTNERS).is_file() => PathBuf::from(DEFAULT_PARTNERS),
            None => return Ok(None),
        };
        Ok(Some(Partners::load(&path)?))
    }
}

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
    pub evidence: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct LossView {
    /// Index into `chain` of the hop whose copy did not credit the origin.
    pub hop: usize,
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
