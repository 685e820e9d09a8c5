//! The JSON API's wire shapes, apart from the store's rows and the domain
//! types: a field renamed in reprint-store or reprint-app no longer
//! changes what `/api/...` sends, since each shape below is built by an
//! explicit conversion. (The story JSON has its own versioned shape,
//! `reprint_app::view`; the diff is `crate::diff::Diff`.)
//!
//! Objects are sent with their keys in alphabetical order, as the API
//! always sent them (see [`body`]); the field order below does not matter.

use std::collections::BTreeMap;

use reprint_app::article_view::ArticleView;
use reprint_app::stories::SiteStats;
use reprint_app::trace_page::{OriginReport, TraceMatch, TraceOutcome};
use reprint_store::queries::{FullArticle, Paged, SearchHit};
use reprint_store::{ArticleRow, StoryRow};
use serde::Serialize;
use serde_json::Value;

/// The JSON value sent for `dto`: objects with their keys sorted (serde_json
/// keeps a `Value`'s object keys in order), as every endpoint sent them
/// before these shapes existed.
pub fn body<T: Serialize>(dto: &T) -> Value {
    serde_json::to_value(dto).unwrap_or(Value::Null)
}

/// A stored article's summary.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleDto {
    /// The store's key (`/api/articles/{key}`).
    pub key: i64,
    /// The input's id.
    pub id: String,
    pub url: Option<String>,
    pub site: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub fetched: Option<String>,
    pub words: i64,
}

impl From<&ArticleRow> for ArticleDto {
    fn from(r: &ArticleRow) -> Self {
        ArticleDto {
            key: r.key,
            id: r.id.clone(),
            url: r.url.clone(),
            site: r.site.clone(),
            title: r.title.clone(),
            byline: r.byline.clone(),
            published: r.published.clone(),
            fetched: r.fetched.clone(),
            words: r.words,
        }
    }
}

/// One line of the story list.
#[derive(Debug, Clone, Serialize)]
pub struct StoryRowDto {
    pub id: i64,
    pub size: i64,
    /// The origin's outlet; None when undetermined.
    pub origin: Option<String>,
    pub confidence: f64,
    pub date: Option<String>,
    pub headline: Option<String>,
}

impl From<&StoryRow> for StoryRowDto {
    fn from(r: &StoryRow) -> Self {
        StoryRowDto {
            id: r.id,
            size: r.size,
            origin: r.origin.clone(),
            confidence: r.confidence,
            date: r.date.clone(),
            headline: r.headline.clone(),
        }
    }
}

/// A page of items: `{total, limit, offset, items}`.
#[derive(Debug, Clone, Serialize)]
pub struct PageDto<T> {
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
    pub items: Vec<T>,
}

impl<T> PageDto<T> {
    /// The page of `paged`, its items converted.
    pub fn of<R>(paged: &Paged<R>, limit: i64, offset: i64, f: impl Fn(&R) -> T) -> Self {
        PageDto {
            total: paged.total,
            limit,
            offset,
            items: paged.items.iter().map(f).collect(),
        }
    }
}

/// Items without paging: `{total, items}`.
#[derive(Debug, Clone, Serialize)]
pub struct ListDto<T> {
    pub total: i64,
    pub items: Vec<T>,
}

/// One search result (the snippet without its match marks).
#[derive(Debug, Clone, Serialize)]
pub struct SearchHitDto {
    pub article: ArticleDto,
    pub story: Option<i64>,
    pub snippet: String,
}

impl SearchHitDto {
    /// The hit, its snippet cleaned by `clean`.
    pub fn of(h: &SearchHit, clean: impl Fn(&str) -> String) -> Self {
        SearchHitDto {
            article: (&h.article).into(),
            story: h.story,
            snippet: clean(&h.snippet),
        }
    }
}

/// One article: its summary, its story, and in `fields` the whole extracted
/// article (`reprint_app::article_view`, the shape `/api/export?what=articles`
/// sends too; not the store's record, whose format may change apart).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleDetailDto {
    /// The summary, its fields inline.
    #[serde(flatten)]
    pub summary: ArticleDto,
    pub story: Option<i64>,
    pub fields: ArticleView,
}

impl From<&FullArticle> for ArticleDetailDto {
    fn from(a: &FullArticle) -> Self {
        ArticleDetailDto {
            summary: ArticleDto::from(&a.row),
            story: a.story,
            fields: ArticleView::from(&a.article),
        }
    }
}

/// A site's tallies.
#[derive(Debug, Clone, Serialize)]
pub struct SiteStatsDto {
    pub site: String,
    pub articles: i64,
    pub stories: i64,
    pub origin_of: i64,
    pub copied_by_others: i64,
    pub copies_by_credit: BTreeMap<String, i64>,
}

impl From<&SiteStats> for SiteStatsDto {
    fn from(s: &SiteStats) -> Self {
        SiteStatsDto {
            site: s.site.clone(),
            articles: s.articles,
            stories: s.stories,
            origin_of: s.origin_of,
            copied_by_others: s.copied_by_others,
            copies_by_credit: s.copies_by_credit.clone(),
        }
    }
}

/// A site: its tallies and one page of its articles.
#[derive(Debug, Clone, Serialize)]
pub struct SiteDto {
    pub stats: SiteStatsDto,
    pub articles: ListDto<ArticleDto>,
}

/// A stored article sharing text with a traced page.
#[derive(Debug, Clone, Serialize)]
pub struct TraceMatchDto {
    pub article: ArticleDto,
    /// "copy" or "partial".
    pub kind: &'static str,
    /// Share of the traced page found in this article.
    pub shared: f32,
    pub story: Option<i64>,
}

impl From<&TraceMatch> for TraceMatchDto {
    fn from(m: &TraceMatch) -> Self {
        TraceMatchDto {
            article: (&m.article).into(),
            kind: m.kind,
            shared: m.shared,
            story: m.story,
        }
    }
}

/// The story a traced page would join, in short.
#[derive(Debug, Clone, Serialize)]
pub struct TraceStoryDto {
    pub id: i64,
    pub size: i64,
    pub headline: Option<String>,
    pub origin: OriginReport,
}

/// `POST /api/trace`'s answer.
#[derive(Debug, Clone, Serialize)]
pub struct TraceDto {
    pub title: Option<String>,
    pub url: Option<String>,
    pub matches: Vec<TraceMatchDto>,
    pub story: Option<TraceStoryDto>,
    pub credit: Option<&'static str>,
    pub credit_evidence: Vec<String>,
}

impl TraceDto {
    /// The answer for a page titled `title` at `url`.
    pub fn of(title: Option<String>, url: Option<String>, out: &TraceOutcome) -> Self {
        TraceDto {
            title,
            url,
            matches: out.matches.iter().map(TraceMatchDto::from).collect(),
            story: out.story.as_ref().map(|d| TraceStoryDto {
                id: d.row.id,
                size: d.row.size,
                headline: d.row.headline.clone(),
                origin: (&d.story.origin).into(),
            }),
            credit: out.credit,
            credit_evidence: out.credit_evidence.clone(),
        }
    }
}
