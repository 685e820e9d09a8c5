//! Tracing a page that is not stored: which stored story it would join
//! (its closest match's), and its credit to that story's origin with the
//! licensed partners file applied. A page that joins no story is traced on
//! its own: a page crediting an outlet outside the corpus (the demo's Global
//! Research page, crediting Sputnik) gets that origin and its credit.
//! Nothing is written. `reprint trace` and `POST /api/trace` both call
//! [`trace_page`].

use reprint_ingest::Page;
use reprint_store::{ArticleRow, Store, StoreError};
use reprint_trace::credit::judge_credit;
use reprint_trace::story::outlet_name;
use reprint_trace::{trace_story, CreditVerdict, Origin, Partners, TracedArticle};
use serde::Serialize;

use crate::page::{article_of, page_id, NoArticle};
use crate::stories::{Stories, StoryDetail};
use crate::view::{member_outlet, story_view_with, StoryView};

/// Which stored story a page would join and whether it credits the origin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceOutcome {
    /// Stored articles sharing text with the page, closest first.
    pub matches: Vec<TraceMatch>,
    /// The story of the closest match, if it is in one.
    pub story: Option<StoryDetail>,
    /// The page's credit verdict to that story's origin.
    pub credit: Option<&'static str>,
    /// The lines the verdict rests on.
    pub credit_evidence: Vec<String>,
}

/// A stored article sharing text with the traced page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceMatch {
    /// The stored article.
    pub article: ArticleRow,
    /// "copy" or "partial".
    pub kind: &'static str,
    /// Share of the traced page found in this article.
    pub shared: f32,
    /// The story the article is in, if any.
    pub story: Option<i64>,
}

/// Which story an unstored article would join, and its credit verdict
/// against that story's origin. Writes nothing. `me.key` is ignored.
pub fn trace_unstored(store: &Store, me: &TracedArticle) -> Result<TraceOutcome, StoreError> {
    let site = reprint_match::site_identity(
        me.url.as_deref(),
        me.article.site.as_ref().map(|s| s.value.as_str()),
    );
    let mut found = store.match_unstored(&me.article.text(), &me.id, site.as_deref())?;
    found.sort_by(|x, y| y.1.shared_a.total_cmp(&x.1.shared_a));
    let mut matches = Vec::new();
    for (article, m) in found {
        matches.push(TraceMatch {
            story: store.story_of(article.key)?,
            article,
            kind: m.kind.as_str(),
            shared: m.shared_a,
        });
    }
    let story = match matches.first().and_then(|m| m.story) {
        Some(id) => store.story(id)?,
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
            Some(k) => store.traced(&[k])?.pop(),
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

/// A traced page.
#[derive(Debug)]
pub struct PageTrace {
    /// The page as traced (`key` -1: not stored), named by
    /// [`crate::page::page_id`].
    pub me: TracedArticle,
    /// Its matches (closest first, the page itself included when it is
    /// stored under the same id), the story of the closest, and its credit
    /// to that story's origin with the partners applied. The story itself is
    /// as stored: [`crate::view::story_view_with`] applies the partners.
    pub outcome: TraceOutcome,
    /// When the page joins no story: what it says of its own provenance.
    pub alone: Option<Alone>,
}

impl PageTrace {
    /// Whether the store holds this page under the same id.
    pub fn stored(&self) -> bool {
        self.outcome
            .matches
            .iter()
            .any(|m| m.article.id == self.me.id)
    }
}

/// The page traced on its own: an origin outside the corpus that its
/// credits name, and its credit to it. Nothing here is checked against the
/// origin's own page, which is not stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alone {
    /// The origin its credits name (always [`OriginReport::External`]).
    pub origin: OriginReport,
    /// Its credit verdict to that origin.
    pub credit: &'static str,
    /// The lines the verdict rests on.
    pub credit_evidence: Vec<String>,
}

/// A story's origin as trace reports name it (`reprint trace --json`, the
/// Python package's `Store.trace`, `POST /api/trace`): the reports' own
/// shape, apart from reprint-trace's `Origin` (a change to the tracer's type
/// no longer changes what they send) and from the stored story's record.
/// Written as the tracer's origin always was: `{"type": "article", "key",
/// …}`, `{"type": "external", "outlet", …}` or `{"type": "undetermined",
/// "evidence"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum OriginReport {
    /// A member of the story is the origin.
    Article {
        /// The member's store key.
        key: i64,
        /// How sure the tracer is, 0 to 1.
        confidence: f32,
        /// Why.
        evidence: Vec<String>,
    },
    /// An outlet outside the corpus.
    External {
        /// The outlet.
        outlet: String,
        /// How sure the tracer is, 0 to 1.
        confidence: f32,
        /// Why.
        evidence: Vec<String>,
    },
    /// The evidence does not decide it.
    Undetermined {
        /// What was weighed.
        evidence: Vec<String>,
    },
}

impl From<&Origin> for OriginReport {
    fn from(o: &Origin) -> Self {
        match o {
            Origin::Article {
                key,
                confidence,
                evidence,
            } => Self::Article {
                key: *key,
                confidence: *confidence,
                evidence: evidence.clone(),
            },
            Origin::External {
                outlet,
                confidence,
                evidence,
            } => Self::External {
                outlet: outlet.clone(),
                confidence: *confidence,
                evidence: evidence.clone(),
            },
            Origin::Undetermined { evidence } => Self::Undetermined {
                evidence: evidence.clone(),
            },
        }
    }
}

/// A stored article sharing text with the traced page, as a trace report
/// names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportMatch {
    /// Its input id.
    pub id: String,
    /// Its URL, if any.
    pub url: Option<String>,
    /// Its site, if known.
    pub site: Option<String>,
    /// "copy" or "partial".
    pub kind: &'static str,
    /// Share of the traced page found in this article.
    pub shared: f32,
    /// The story it is in, if any.
    pub story: Option<i64>,
}

/// What `reprint trace --json` prints and the Python package's
/// `Store.trace` returns: one type, so the two cannot drift apart.
#[derive(Debug, Serialize)]
pub struct TraceReport {
    /// Where the page was read from (a path, `-`, or the name given).
    pub input: String,
    /// The page's name in ids and evidence: its URL when it has one.
    pub id: String,
    /// Its title, if extraction found one.
    pub title: Option<String>,
    /// Whether the store holds this page (under the same id); it is then
    /// left out of `matches`.
    pub stored: bool,
    /// The other stored articles sharing text with it, closest first.
    pub matches: Vec<ReportMatch>,
    /// The story the page would join: the one of its closest match, with
    /// the partners file applied.
    pub story: Option<StoryView>,
    /// Its credit verdict to that story's origin.
    pub credit: Option<&'static str>,
    /// The lines the verdict rests on.
    pub credit_evidence: Vec<String>,
    /// When the page joins no story: what it says of its own provenance,
    /// traced alone (only when that names an origin outside the corpus).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alone: Option<Alone>,
}

impl TraceReport {
    /// The report on `traced`, a page read from `input`; the story is
    /// shown with `partners` applied (as [`trace_page`] applied them to
    /// the page's credit).
    pub fn new(input: String, traced: PageTrace, partners: Option<&Partners>) -> TraceReport {
        let stored = traced.stored();
        let PageTrace { me, outcome, alone } = traced;
        let matches = outcome
            .matches
            .iter()
            .filter(|m| m.article.id != me.id)
            .map(|m| ReportMatch {
                id: m.article.id.clone(),
                url: m.article.url.clone(),
                site: m.article.site.clone(),
                kind: m.kind,
                shared: m.shared,
                story: m.story,
            })
            .collect();
        TraceReport {
            input,
            title: me.article.title.as_ref().map(|t| t.value.clone()),
            id: me.id,
            stored,
            matches,
            story: outcome.story.as_ref().map(|d| story_view_with(d, partners)),
            credit: outcome.credit,
            credit_evidence: outcome.credit_evidence,
            alone,
        }
    }
}

/// Why a page could not be traced.
#[derive(Debug, thiserror::Error)]
pub enum TraceError {
    /// Extraction found no article on the page.
    #[error(transparent)]
    NoArticle(#[from] NoArticle),
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Traces `page` against `store` (see the module's documentation).
pub fn trace_page(
    store: &Store,
    page: &Page,
    partners: Option<&Partners>,
) -> Result<PageTrace, TraceError> {
    let article = article_of(page);
    if article.is_empty() {
        return Err(NoArticle {
            input: page.origin.clone(),
            reason: "no article text found on the page".into(),
        }
        .into());
    }
    let outlet = outlet_name(
        article.site.as_ref().map(|s| s.value.as_str()),
        page.url.as_deref(),
    );
    let me = TracedArticle {
        key: -1,
        id: page_id(page, &article),
        url: page.url.clone(),
        fetched: page.fetched.clone(),
        article,
    };
    let mut outcome = trace_unstored(store, &me)?;
    if let (Some(p), Some(d)) = (partners, &outcome.story) {
        license_page(
            p,
            d,
            outlet.as_deref(),
            &mut outcome.credit,
            &mut outcome.credit_evidence,
        );
    }
    let alone = outcome.story.is_none().then(|| alone(&me)).flatten();
    Ok(PageTrace { me, outcome, alone })
}

/// Traces the page as a story of one; `None` unless that names an origin
/// outside the corpus.
fn alone(me: &TracedArticle) -> Option<Alone> {
    let story = trace_story(&[me], &[]);
    if !matches!(story.origin, Origin::External { .. }) {
        return None;
    }
    let copy = story.copies.into_iter().find(|c| c.key == me.key)?;
    Some(Alone {
        origin: OriginReport::from(&story.origin),
        credit: copy.credit.as_str(),
        credit_evidence: copy.evidence,
    })
}

/// The traced page's credit is "licensed", not "uncredited", when its outlet
/// is a licensee of the story's origin in the partners file.
fn license_page(
    partners: &Partners,
    d: &StoryDetail,
    outlet: Option<&str>,
    credit: &mut Option<&'static str>,
    evidence: &mut Vec<String>,
) {
    if *credit != Some(CreditVerdict::Uncredited.as_str()) {
        return;
    }
    let origin = match &d.story.origin {
        Origin::Article { key, .. } => d.member(*key).and_then(member_outlet),
        Origin::External { outlet, .. } => Some(outlet.clone()),
        Origin::Undetermined { .. } => None,
    };
    if let (Some(o), Some(me)) = (origin, outlet) {
        if let Some(line) = partners.licence(&o, me) {
            *credit = Some(CreditVerdict::Licensed.as_str());
            evidence.insert(0, line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reports write an origin as the tracer's `Origin` was written when
    /// they carried it, so `reprint trace --json` and `/api/trace` keep
    /// their bytes.
    #[test]
    fn an_origin_report_is_written_as_the_tracer_wrote_it() {
        let evidence = vec!["1 of 1 members credit Sputnik".to_string()];
        let origins = [
            Origin::External {
                outlet: "Sputnik".into(),
                confidence: 0.9,
                evidence: evidence.clone(),
            },
            Origin::Article {
                key: 3,
                confidence: 0.76666665,
                evidence: evidence.clone(),
            },
            Origin::Undetermined { evidence },
        ];
        for o in &origins {
            assert_eq!(
                serde_json::to_string(&OriginReport::from(o)).unwrap(),
                serde_json::to_string(o).unwrap()
            );
        }
        assert_eq!(
            serde_json::to_string(&OriginReport::from(&origins[0])).unwrap(),
            r#"{"type":"external","outlet":"Sputnik","confidence":0.9,"evidence":["1 of 1 members credit Sputnik"]}"#
        );
    }
}
