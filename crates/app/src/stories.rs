//! Stories: tracing them for the store (the [`Tracer`] it calls with each
//! story's members and copy links, inside its transaction) and reading them
//! back as domain types ([`StoryDetail`], through [`Stories`]).
//!
//! The store keeps which stories are stale and writes what the tracer
//! returns; what a story is — its origin, verdicts, the headline and date it
//! is listed under — is decided here and in reprint-trace.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use reprint_match::ReuseKind;
use reprint_store::{
    ArticleRow, LinkRecord, MemberRecord, Store, StoreError, StoryRow, StoryTracer, TracedStory,
    Unreadable,
};
use reprint_trace::{trace_story, Link, Origin, Story, TracedArticle};
use serde::Serialize;

/// Opens (or creates) a store that traces its stories with [`Tracer`]:
/// every way of writing to a store goes through this.
pub fn open(path: &Path) -> Result<Store, StoreError> {
    let mut store = Store::open(path)?;
    store.set_story_tracer(Arc::new(Tracer));
    Ok(store)
}

/// The store's story tracer: reprint-trace over the stored members.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tracer;

fn parse(m: MemberRecord) -> Result<TracedArticle, Unreadable> {
    let article = m.article()?;
    Ok(TracedArticle {
        key: m.key,
        id: m.id,
        url: m.url,
        fetched: m.fetched,
        article,
    })
}

impl StoryTracer for Tracer {
    fn trace(
        &self,
        members: Vec<MemberRecord>,
        links: Vec<LinkRecord>,
    ) -> Result<TracedStory, Unreadable> {
        let mut articles = members
            .into_iter()
            .map(parse)
            .collect::<Result<Vec<_>, _>>()?;
        // Members and links in input-id order: keys follow the order pages
        // arrived in, and the story must not.
        articles.sort_by(|x, y| x.id.cmp(&y.id));
        let ids: HashMap<i64, &str> = articles.iter().map(|a| (a.key, a.id.as_str())).collect();
        let mut links: Vec<Link> = links
            .into_iter()
            .map(|l| Link {
                a: l.a,
                b: l.b,
                kind: ReuseKind::parse(&l.kind).unwrap_or(ReuseKind::Partial),
                shared_a: l.shared_a as f32,
                shared_b: l.shared_b as f32,
            })
            .collect();
        links.sort_by_key(|l| (ids.get(&l.a).copied(), ids.get(&l.b).copied()));
        let group: Vec<&TracedArticle> = articles.iter().collect();
        let story = trace_story(&group, &links);
        let json = crate::record::story_json(&story);
        Ok(listed(&story, json, &articles))
    }
}

/// The columns a story is listed and filtered by.
fn listed(story: &Story, json: String, articles: &[TracedArticle]) -> TracedStory {
    let by_key: HashMap<i64, &TracedArticle> = articles.iter().map(|a| (a.key, a)).collect();
    let origin_article = story
        .origin
        .article_key()
        .and_then(|k| by_key.get(&k).copied());
    let (origin_outlet, headline_from) = match &story.origin {
        Origin::Article { .. } => (origin_article.and_then(|a| a.outlet()), origin_article),
        Origin::External { outlet, .. } => (Some(outlet.clone()), None),
        Origin::Undetermined { .. } => (None, None),
    };
    // Without an origin article, the member first by input id speaks for
    // the story (not the first stored: that depends on the order of arrival).
    let lead = headline_from.or_else(|| articles.iter().min_by(|x, y| x.id.cmp(&y.id)));
    // The headline is the origin's, else the first member by input id that
    // has one: a lead without a title (a wire copy whose page gave none,
    // the README demo's story 5) left the story listed without a headline
    // although its other copies carry one.
    let mut by_id: Vec<&TracedArticle> = articles.iter().collect();
    by_id.sort_by(|x, y| x.id.cmp(&y.id));
    let headline = headline_from
        .into_iter()
        .chain(by_id)
        .find_map(|a| a.article.title.as_ref().map(|t| t.value.clone()));
    let date = lead.and_then(|a| {
        a.article
            .published
            .as_ref()
            .map(|p| p.value.clone())
            .or_else(|| a.fetched.clone())
    });
    TracedStory {
        id: story.anchor(),
        members: story.members.clone(),
        origin_article: story.origin.article_key(),
        origin_outlet,
        origin_confidence: f64::from(story.origin.confidence()),
        headline,
        date,
        json,
    }
}

/// A stored story read back: its list row, the traced story and its members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryDetail {
    /// The story as listed.
    pub row: StoryRow,
    /// The traced story.
    pub story: Story,
    /// Its members, in the story's order.
    pub members: Vec<ArticleRow>,
}

impl StoryDetail {
    /// The member with store key `key`.
    pub fn member(&self, key: i64) -> Option<&ArticleRow> {
        self.members.iter().find(|m| m.key == key)
    }
}

/// How a site behaves across the stories it appears in.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SiteStats {
    /// The site.
    pub site: String,
    /// Its stored articles.
    pub articles: i64,
    /// Stories with a member on it (at most 5000 read).
    pub stories: i64,
    /// Stories whose origin is one of this site's articles.
    pub origin_of: i64,
    /// Copies other sites made of this site's origin articles.
    pub copied_by_others: i64,
    /// This site's copies, by credit verdict.
    pub copies_by_credit: BTreeMap<String, i64>,
}

/// Reading stories and traced articles from a store.
pub trait Stories {
    /// One story with its members, or None if there is no such story.
    fn story(&self, id: i64) -> Result<Option<StoryDetail>, StoreError>;
    /// The stored articles with these keys, as tracing reads them.
    fn traced(&self, keys: &[i64]) -> Result<Vec<TracedArticle>, StoreError>;
    /// How often a site copies, credits, and is copied (stored verdicts).
    fn site_stats(&self, site: &str) -> Result<SiteStats, StoreError>;
}

fn corrupt(store: &Store, what: String, reason: String) -> StoreError {
    StoreError::Corrupt {
        path: store.path().display().to_string(),
        what,
        reason,
    }
}

impl Stories for Store {
    fn story(&self, id: i64) -> Result<Option<StoryDetail>, StoreError> {
        let Some(stored) = self.stored_story(id)? else {
            return Ok(None);
        };
        let story = crate::record::story_from_json(&stored.json)
            .map_err(|e| corrupt(self, format!("story {id}"), e.to_string()))?;
        let members = self.articles_by_key(&story.members)?;
        Ok(Some(StoryDetail {
            row: stored.row,
            story,
            members,
        }))
    }

    fn traced(&self, keys: &[i64]) -> Result<Vec<TracedArticle>, StoreError> {
        self.member_records(keys)?
            .into_iter()
            .map(|m| parse(m).map_err(|u| corrupt(self, u.what, u.reason)))
            .collect()
    }

    fn site_stats(&self, site: &str) -> Result<SiteStats, StoreError> {
        let mut stats = SiteStats {
            site: site.to_string(),
            ..SiteStats::default()
        };
        stats.articles = self.site_article_count(site)?;
        let ids = self.story_ids_of_site(site, 5000)?;
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
}
