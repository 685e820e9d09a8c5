//! The whole reprint pipeline over a seed's pages, through the same path
//! `reprint ingest` takes: each page extracted as the store's ingest
//! extracts it (`reprint_app::page::article_of`: HTML or text, the
//! collector's site and fetch time), stored and matched in batches into a
//! temporary store (fingerprint index, furniture, pairs), stories grouped
//! and traced once at the end, then read back and read with the partners
//! file as `reprint show` does.
//!
//! This module is the one place the simulator calls the store: when a
//! use-case layer replaces the store API (issue 16), it is the one file to
//! change.

use reprint_app::stories::Stories;
use reprint_ingest::{Page, PageBody};
use reprint_store::{FingerprintIndexing, NewArticle, SearchIndexing, StoryTracing};
use reprint_trace::{Partners, Story};

/// One page as the collector hands it over.
#[derive(Debug, Clone)]
pub struct InputPage {
    /// The input's identifier (the simulated member's id).
    pub id: String,
    pub url: String,
    /// HTML, or a flattened text page.
    pub html: bool,
    pub content: String,
    /// RFC 3339.
    pub fetched: String,
    /// The site as the collector recorded it, if it did.
    pub site: Option<String>,
}

/// A stored member of a traced story.
#[derive(Debug, Clone)]
pub struct TracedMember {
    /// Its key in the store (what the story's verdicts name).
    pub key: i64,
    /// The input's identifier.
    pub id: String,
    /// The publication date extraction read off the page, if any.
    pub published: Option<String>,
    pub fetched: Option<String>,
}

/// A story as `reprint show` reads it: the stored story with the partners
/// file applied, and its members.
#[derive(Debug, Clone)]
pub struct TracedStory {
    pub story: Story,
    pub members: Vec<TracedMember>,
}

/// What one run of the pipeline gave.
#[derive(Debug, Clone, Default)]
pub struct PipelineRun {
    pub stories: Vec<TracedStory>,
    /// Pages extraction found no article in (never stored).
    pub no_article: Vec<String>,
}

/// Why the pipeline could not run.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("temporary store: {0}")]
    TempDir(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] reprint_store::StoreError),
}

/// Pages per ingest transaction (`reprint ingest`'s default).
const BATCH: usize = 500;

/// Ingests `pages` in the order given into a fresh temporary store, the way
/// `reprint ingest` does, and reads every story back with `partners`
/// applied.
pub fn run(pages: &[InputPage], partners: &Partners) -> Result<PipelineRun, PipelineError> {
    let dir = tempfile::tempdir()?;
    let mut store = reprint_app::stories::open(&dir.path().join("sim.db"))?;
    store.set_search_indexing(SearchIndexing::Deferred);
    store.set_story_tracing(StoryTracing::Deferred);
    store.set_fingerprint_indexing(FingerprintIndexing::Deferred);
    let mut run = PipelineRun::default();
    for chunk in pages.chunks(BATCH) {
        let mut batch = Vec::with_capacity(chunk.len());
        for p in chunk {
            let page = Page {
                id: p.id.clone(),
                url: Some(p.url.clone()),
                body: if p.html {
                    PageBody::Html(p.content.clone())
                } else {
                    PageBody::Text(p.content.clone())
                },
                published: None,
                fetched: Some(p.fetched.clone()),
                site: p.site.clone(),
                author: None,
                origin: p.id.clone(),
            };
            let article = reprint_app::page::article_of(&page);
            if article.is_empty() {
                run.no_article.push(p.id.clone());
                continue;
            }
            batch.push(NewArticle {
                ext_id: page.id,
                origin: page.origin,
                url: page.url,
                fetched: page.fetched,
                article,
            });
        }
        if !batch.is_empty() {
            store.ingest_batch(&batch)?;
        }
    }
    store.finish_backlogs()?;
    for row in store.stories()? {
        let Some(detail) = store.story(row.id)? else {
            continue;
        };
        let story = reprint_app::view::licensed_story(&detail, Some(partners));
        run.stories.push(TracedStory {
            story,
            members: detail
                .members
                .iter()
                .map(|a| TracedMember {
                    key: a.key,
                    id: a.id.clone(),
                    published: a.published.clone(),
                    fetched: a.fetched.clone(),
                })
                .collect(),
        });
    }
    Ok(run)
}
