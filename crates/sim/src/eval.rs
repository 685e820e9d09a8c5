//! Scores reprint's stories, as the whole pipeline made them from a seed's
//! pages ([`crate::pipeline`]), against the scenario's truth, beside the
//! earliest-visible-date rule where a date rule applies (origin, a copy's
//! source).
//!
//! Scores: origin accuracy (all stories and decidable ones) and the share
//! undetermined; per credit verdict precision and recall, the precision of
//! "uncredited", macro-F1 and the confusion between verdicts; per change
//! kind the share of reported changes that are real, quote-altered P/R/F1;
//! each copy's direct source; same-story clustering (pairwise) F1. The
//! wrong "uncredited" verdicts and the wrong origins are listed with what
//! the page really carried.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use reprint_trace::{ChangeKind, CopyReport, Origin};
use serde::Serialize;

use crate::pipeline::{InputPage, PipelineError, PipelineRun, TracedStory};
use crate::scenario::outlets::is_outlet;
use crate::scenario::{
    Member, PageFormat, SimStory, TruthCredit, TruthOrigin, TruthSource, PARTNERS_TOML,
};

/// Precision, recall and F1 of one class, with its counts.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Prf {
    /// Cases in the truth.
    pub truth: usize,
    /// Cases reported.
    pub reported: usize,
    /// Reported and true.
    pub right: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn of(right: usize, truth: usize, reported: usize) -> Prf {
        let precision = ratio(right, reported);
        let recall = ratio(right, truth);
        Prf {
            truth,
            reported,
            right,
            precision,
            recall,
            f1: ratio(2 * right, truth + reported),
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Origin verdicts against the truth.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OriginScores {
    /// Right origins over all stories scored.
    pub accuracy: f64,
    /// Share of all stories called undetermined.
    pub undetermined: f64,
    /// The earliest-visible-date rule over all stories (it cannot name an
    /// outlet outside the corpus, so it is wrong on every wire story).
    pub earliest_date_accuracy: f64,
    /// The same three on stories whose pages decide the origin.
    pub accuracy_decidable: f64,
    pub undetermined_decidable: f64,
    pub earliest_date_accuracy_decidable: f64,
    /// Decidable stories whose origin is a stored page: reprint, the rule.
    pub accuracy_in_corpus: f64,
    pub earliest_date_accuracy_in_corpus: f64,
    /// Stories only the pages' own text decides, and accuracy on them.
    pub decided_by_text: usize,
    pub accuracy_by_text: f64,
    /// Of undecidable stories: the share called undetermined, and of those
    /// decided anyway, the share right.
    pub undecidable_called_undetermined: f64,
    pub undecidable_decided_right: f64,
}

/// Credit verdicts against the truth.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreditScores {
    /// Precision / recall / F1 of each verdict over every copy. Verdicts
    /// given that no copy deserves (not-applicable, or "origin": the copy
    /// taken for the origin) count against precision of none and recall of
    /// the true one.
    pub verdicts: BTreeMap<String, Prf>,
    /// Precision of "uncredited": of the copies reprint accuses, the share
    /// that really ran the text uncredited.
    pub uncredited_precision: f64,
    /// Macro-F1 over the true classes (credited, partial, uncredited,
    /// licensed), every copy.
    pub macro_f1: f64,
    /// The same on copies of decidable stories (the legacy figure).
    pub macro_f1_decidable: f64,
    /// truth → given → count, every copy ("origin": taken for the origin;
    /// "unclustered": in another story than its own; "alone": in no story,
    /// matched to nothing; "no-article": nothing extracted).
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
    /// The same on copies of decidable stories.
    pub confusion_decidable: BTreeMap<String, BTreeMap<String, usize>>,
    /// Copies that credit their origin (truly credited or partial), by
    /// where a credit to the origin sits: how many, and the share reprint
    /// saw any credit in (credited or partial). A copy counts once per place.
    pub seen_by_place: BTreeMap<String, Seen>,
    /// The same by the credit's form.
    pub seen_by_form: BTreeMap<String, Seen>,
    /// Truly uncredited copies carrying a look-alike naming their origin
    /// (photo credit, site chrome, a sign-off without the name), by form:
    /// how many, and the share reprint took for credit.
    pub fooled_by_lookalike: BTreeMap<String, Seen>,
}

/// How many cases, and the share of them reprint saw.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Seen {
    pub copies: usize,
    pub seen: usize,
    pub share: f64,
}

fn seen(table: &mut BTreeMap<String, Seen>, key: &str, yes: bool) {
    let e = table.entry(key.to_string()).or_default();
    e.copies += 1;
    e.seen += usize::from(yes);
    e.share = ratio(e.seen, e.copies);
}

/// Reported changes against the truth (stories whose origin is a stored
/// page).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChangeScores {
    /// Every copy, whatever origin reprint compared it with.
    pub kinds: BTreeMap<String, Prf>,
    pub quote_altered: Prf,
    /// Micro-F1 over all kinds, every copy.
    pub f1: f64,
    /// Copies of stories whose origin reprint found (the legacy figures).
    pub kinds_origin_found: BTreeMap<String, Prf>,
    pub f1_origin_found: f64,
}

/// Each copy's direct source (the page, wire or proxy it took the text from).
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceScores {
    /// Copies scored.
    pub copies: usize,
    /// Right sources over every copy.
    pub accuracy: f64,
    /// The earliest-date rule (every copy from the earliest-dated page).
    pub earliest_date_accuracy: f64,
    /// Right sources over copies of stories whose origin was found (legacy).
    pub accuracy_origin_found: f64,
    /// Copies that took their text from a proxy, and the share found
    /// (stories whose origin was found).
    pub proxy_copies: usize,
    pub proxy_recall: f64,
    /// The same where the page shows it: it names the proxy or carries one
    /// of the proxy's own edits.
    pub proxy_recall_shown: f64,
    /// Of proxies found, the share whose hop credit verdict is right.
    pub proxy_hop_credit_accuracy: f64,
}

/// Same-story clustering, pairwise over stored pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ClusterScores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub truth_pairs: usize,
    pub predicted_pairs: usize,
}

/// A wrong verdict with what the page really carried.
#[derive(Debug, Clone, Serialize)]
pub struct Explained {
    pub story: usize,
    pub copy: String,
    pub layout: String,
    /// The true verdict (or origin).
    pub truth: String,
    /// What reprint said.
    pub got: String,
    /// Why the truth is what it is: the page's marks, the origin, the dates.
    pub why: Vec<String>,
    /// reprint's evidence for its verdict.
    pub evidence: Vec<String>,
}

/// The scores of one run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub stories: usize,
    pub pages: usize,
    /// Separate stores the seed was ingested into (see [`evaluate`]).
    pub crawls: usize,
    /// Pages extraction found no article in.
    pub no_article: usize,
    pub no_article_pages: Vec<String>,
    pub decidable: usize,
    pub origin: OriginScores,
    pub credit: CreditScores,
    pub changes: ChangeScores,
    pub sources: SourceScores,
    pub clustering: ClusterScores,
    /// Copies called "uncredited" that were not.
    pub wrong_uncredited: Vec<Explained>,
    /// Stories whose origin reprint got wrong, or left undetermined where the
    /// truth is decidable.
    pub wrong_origins: Vec<Explained>,
    /// Copies whose "quote-altered" call is wrong either way (reported and
    /// not true, or true and not reported), with the quotations reprint
    /// paired and whether it compared against the true origin: to count
    /// the wrong calls by cause before changing the finder.
    pub wrong_quotes: Vec<Explained>,
    /// Traced stories that join pages of different true stories (their
    /// page ids).
    pub mixed_clusters: Vec<Vec<String>>,
}

impl Report {
    /// The confusion (every copy) as a table: one row per true verdict,
    /// one column per verdict given.
    pub fn confusion_table(&self) -> String {
        table(&self.credit.confusion)
    }

    /// The same on copies of decidable stories.
    pub fn decidable_confusion_table(&self) -> String {
        table(&self.credit.confusion_decidable)
    }
}

fn table(confusion: &BTreeMap<String, BTreeMap<String, usize>>) -> String {
    let mut columns: BTreeSet<&str> = BTreeSet::new();
    for row in confusion.values() {
        columns.extend(row.keys().map(String::as_str));
    }
    let width = columns.iter().map(|c| c.len()).max().unwrap_or(0).max(10);
    let mut out = format!("{:<12}", "truth \\ got");
    for c in &columns {
        out.push_str(&format!(" {c:>width$}"));
    }
    out.push('\n');
    for (truth, row) in confusion {
        out.push_str(&format!("{truth:<12}"));
        for c in &columns {
            let n = row.get(*c).copied().unwrap_or(0);
            out.push_str(&format!(" {n:>width$}"));
        }
        out.push('\n');
    }
    out
}

/// The simulated partners file, as the tracer reads it.
pub fn partners() -> reprint_trace::Partners {
    reprint_trace::Partners::parse(PARTNERS_TOML, "sim-partners.toml")
        .unwrap_or_else(|e| panic!("the simulator's partners file is valid: {e}"))
}

/// The pages of `stories` as the collector hands them over, in `order`
/// (indices into the flattened member list; None keeps story order).
pub fn input_pages(stories: &[SimStory], order: Option<&[usize]>) -> Vec<InputPage> {
    let all: Vec<&Member> = stories.iter().flat_map(|s| &s.members).collect();
    let page = |m: &Member| InputPage {
        id: m.id.clone(),
        url: m.url.clone(),
        html: m.format == PageFormat::Html,
        content: m.page.clone(),
        fetched: m.fetched.clone(),
        site: m.input_site.clone(),
    };
    match order {
        Some(o) => o
            .iter()
            .filter_map(|&i| all.get(i).map(|m| page(m)))
            .collect(),
        None => all.into_iter().map(page).collect(),
    }
}

/// Runs the pipeline over the stories' pages (in `order`) and scores it.
///
/// Stories that share a text (legacy seeds draw texts with replacement)
/// would rightly be joined by any store, so the seed is split into crawls
/// in which every text is distinct, each ingested whole into its own store;
/// a laid-out seed is one crawl.
pub fn evaluate(stories: &[SimStory], order: Option<&[usize]>) -> Result<Report, PipelineError> {
    let crawls = crawls(stories);
    let story_of: Vec<usize> = stories
        .iter()
        .enumerate()
        .flat_map(|(n, s)| std::iter::repeat_n(n, s.members.len()))
        .collect();
    let default_order: Vec<usize> = (0..story_of.len()).collect();
    let order = order.unwrap_or(&default_order);
    let partners = partners();
    let mut run = PipelineRun::default();
    for crawl in 0..crawls.iter().max().map_or(0, |m| m + 1) {
        let in_crawl: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| story_of.get(i).is_some_and(|&n| crawls[n] == crawl))
            .collect();
        let part = crate::pipeline::run(&input_pages(stories, Some(&in_crawl)), &partners)?;
        run.stories.extend(part.stories);
        run.no_article.extend(part.no_article);
    }
    let mut report = score(stories, &run);
    report.crawls = crawls.iter().max().map_or(0, |m| m + 1);
    Ok(report)
}

/// Each story's crawl: the first in which no other story has its text.
fn crawls(stories: &[SimStory]) -> Vec<usize> {
    let mut texts: Vec<BTreeSet<&str>> = Vec::new();
    stories
        .iter()
        .map(|s| {
            let at = texts
                .iter()
                .position(|t| !t.contains(s.text.as_str()))
                .unwrap_or_else(|| {
                    texts.push(BTreeSet::new());
                    texts.len() - 1
                });
            texts[at].insert(s.text.as_str());
            at
        })
        .collect()
}

/// Where a page ended up: its traced story (index) and key.
type Placement = HashMap<String, (usize, i64)>;

fn placements(run: &PipelineRun) -> Placement {
    let mut at = HashMap::new();
    for (i, s) in run.stories.iter().enumerate() {
        for m in &s.members {
            at.insert(m.id.clone(), (i, m.key));
        }
    }
    at
}

/// The traced story that stands for a true story: the one holding its
/// origin page, else the one holding most of its pages.
fn main_story(s: &SimStory, at: &Placement) -> Option<usize> {
    if let TruthOrigin::Member(i) = s.origin {
        if let Some((story, _)) = at.get(&s.members[i].id) {
            return Some(*story);
        }
    }
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for m in &s.members {
        if let Some((story, _)) = at.get(&m.id) {
            *counts.entry(*story).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(story, n)| (*n, std::cmp::Reverse(*story)))
        .map(|(story, _)| story)
}

/// Unix seconds of an extracted date (`YYYY-MM-DD`, or with a time and an
/// optional offset); a date-only value is its day's start in UTC.
fn instant(s: &str) -> Option<i64> {
    let n = |a: usize, b: usize| s.get(a..b)?.parse::<i64>().ok();
    let (y, m, d) = (n(0, 4)?, n(5, 7)?, n(8, 10)?);
    let (hh, mm) = if s.len() >= 16 {
        (n(11, 13).unwrap_or(0), n(14, 16).unwrap_or(0))
    } else {
        (0, 0)
    };
    let tail = s.get(19..).or_else(|| s.get(16..)).unwrap_or("");
    let offset = tail
        .find(['+', '-'])
        .and_then(|i| {
            let sign = if tail[i..].starts_with('-') { -1 } else { 1 };
            let h: i64 = tail.get(i + 1..i + 3)?.parse().ok()?;
            let m: i64 = tail
                .get(i + 4..i + 6)
                .and_then(|x| x.parse().ok())
                .unwrap_or(0);
            Some(sign * (h * 3600 + m * 60))
        })
        .unwrap_or(0);
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 - offset)
}

/// The earliest-visible-date rule among a story's stored pages: the page
/// whose extracted publication date is earliest, else the earliest fetch.
fn earliest_date(s: &SimStory, run: &PipelineRun, at: &Placement) -> Option<String> {
    s.members
        .iter()
        .filter_map(|m| {
            let (story, key) = at.get(&m.id)?;
            let t = run.stories[*story].members.iter().find(|x| x.key == *key)?;
            let published = t.published.as_deref().and_then(instant);
            let fetched = t.fetched.as_deref().and_then(instant);
            Some(((published.is_none(), published, fetched), m.id.clone()))
        })
        .min()
        .map(|(_, id)| id)
}

fn origin_right(truth: &TruthOrigin, s: &SimStory, got: &Origin, traced: &TracedStory) -> bool {
    match (truth, got) {
        (TruthOrigin::Member(i), Origin::Article { key, .. }) => traced
            .members
            .iter()
            .any(|m| m.key == *key && m.id == s.members[*i].id),
        (TruthOrigin::Wire(w), Origin::External { outlet, .. }) => is_outlet(outlet, w),
        _ => false,
    }
}

/// The truth name of a story's origin outlet (a site's name, a wire's short name).
fn origin_outlet(s: &SimStory) -> String {
    match s.origin {
        TruthOrigin::Member(i) => s.members[i].site.name.to_string(),
        TruthOrigin::Wire(w) => w.to_string(),
    }
}

fn origin_name(got: &Origin, traced: &TracedStory) -> String {
    match got {
        Origin::Article { key, .. } => traced
            .members
            .iter()
            .find(|m| m.key == *key)
            .map(|m| format!("article {}", m.id))
            .unwrap_or_else(|| format!("article key {key}")),
        Origin::External { outlet, .. } => format!("outside outlet {outlet}"),
        Origin::Undetermined { .. } => "undetermined".into(),
    }
}

fn origin_evidence(got: &Origin) -> Vec<String> {
    match got {
        Origin::Article { evidence, .. }
        | Origin::External { evidence, .. }
        | Origin::Undetermined { evidence } => evidence.clone(),
    }
}

fn kind_name(k: ChangeKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// What one copy got, as a confusion column name, and its report.
fn verdict_of<'a>(
    m: &Member,
    main: Option<usize>,
    at: &Placement,
    run: &'a PipelineRun,
) -> (String, Option<&'a CopyReport>) {
    let Some((story, key)) = at.get(&m.id) else {
        let why = if run.no_article.contains(&m.id) {
            "no-article"
        } else {
            "alone"
        };
        return (why.into(), None);
    };
    if Some(*story) != main {
        return ("unclustered".into(), None);
    }
    let traced = &run.stories[*story];
    if traced.story.origin.article_key() == Some(*key) {
        return ("origin".into(), None);
    }
    match traced.story.copies.iter().find(|c| c.key == *key) {
        Some(c) => (c.credit.as_str().to_string(), Some(c)),
        None => ("unreported".into(), None),
    }
}

#[derive(Default)]
struct ChangeTally(BTreeMap<ChangeKind, (usize, usize, usize)>);

impl ChangeTally {
    fn add(&mut self, truth: &BTreeSet<ChangeKind>, got: &BTreeSet<ChangeKind>) {
        for k in truth.union(got) {
            let e = self.0.entry(*k).or_default();
            match (truth.contains(k), got.contains(k)) {
                (true, true) => e.0 += 1,
                (true, false) => e.1 += 1,
                (false, true) => e.2 += 1,
                (false, false) => {}
            }
        }
    }

    fn kinds(&self) -> BTreeMap<String, Prf> {
        self.0
            .iter()
            .map(|(k, (tp, fn_, fp))| (kind_name(*k), Prf::of(*tp, tp + fn_, tp + fp)))
            .collect()
    }

    fn f1(&self) -> f64 {
        let (tp, fn_, fp) = self
            .0
            .values()
            .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
        ratio(2 * tp, 2 * tp + fn_ + fp)
    }
}

/// Scores a pipeline run against the truth of `stories`.
pub fn score(stories: &[SimStory], run: &PipelineRun) -> Report {
    let at = placements(run);
    let scored: Vec<(usize, &SimStory)> = stories.iter().enumerate().collect();
    let mut r = Report {
        stories: scored.len(),
        pages: stories.iter().map(|s| s.members.len()).sum(),
        crawls: 1,
        no_article: run.no_article.len(),
        no_article_pages: run.no_article.clone(),
        ..Report::default()
    };
    let mut o = OriginCounts::default();
    let mut changes_all = ChangeTally::default();
    let mut changes_found = ChangeTally::default();
    let mut sources = SourceCounts::default();
    for &(n, s) in &scored {
        let main = main_story(s, &at);
        let traced = main.map(|i| &run.stories[i]);
        let ok = traced.is_some_and(|t| origin_right(&s.origin, s, &t.story.origin, t));
        let undetermined =
            traced.is_some_and(|t| matches!(t.story.origin, Origin::Undetermined { .. }));
        let date_origin = earliest_date(s, run, &at);
        let base_ok = match s.origin {
            TruthOrigin::Member(i) => date_origin.as_deref() == Some(s.members[i].id.as_str()),
            TruthOrigin::Wire(_) => false,
        };
        o.count(s, ok, undetermined, base_ok);
        r.decidable += usize::from(s.decidable);
        // Undetermined counts as wrong where the truth is decidable: the
        // evidence says what did not decide it.
        if !ok && (!undetermined || s.decidable) {
            if let Some(t) = traced {
                r.wrong_origins.push(explain_origin(n, s, t));
            }
        }
        for (i, m) in s.members.iter().enumerate() {
            let Some(truth) = m.credit else { continue };
            let (got, report) = verdict_of(m, main, &at, run);
            for table in [
                Some(&mut r.credit.confusion),
                s.decidable.then_some(&mut r.credit.confusion_decidable),
            ]
            .into_iter()
            .flatten()
            {
                *table
                    .entry(truth.name().to_string())
                    .or_default()
                    .entry(got.clone())
                    .or_default() += 1;
            }
            let saw_credit = got == "credited" || got == "partial";
            let outlet = origin_outlet(s);
            let about: Vec<&crate::scenario::Mark> = m
                .marks
                .iter()
                .filter(|k| k.refers_to == outlet && k.place.in_article_region())
                .collect();
            if matches!(truth, TruthCredit::Credited | TruthCredit::Partial) {
                let places: BTreeSet<&str> = about
                    .iter()
                    .filter(|k| !k.form.is_not_credit())
                    .map(|k| k.place.name())
                    .collect();
                let forms: BTreeSet<&str> = about
                    .iter()
                    .filter(|k| !k.form.is_not_credit())
                    .map(|k| k.form.name())
                    .collect();
                for p in places {
                    seen(&mut r.credit.seen_by_place, p, saw_credit);
                }
                for f in forms {
                    seen(&mut r.credit.seen_by_form, f, saw_credit);
                }
            }
            if truth == TruthCredit::Uncredited {
                let lookalikes: BTreeSet<&str> = m
                    .marks
                    .iter()
                    .filter(|k| k.refers_to == outlet && k.form.is_not_credit())
                    .map(|k| k.form.name())
                    .collect();
                for f in lookalikes {
                    seen(&mut r.credit.fooled_by_lookalike, f, saw_credit);
                }
            }
            if got == "uncredited" && truth != TruthCredit::Uncredited {
                if let (Some(t), Some(c)) = (traced, report) {
                    r.wrong_uncredited
                        .push(explain_credit(n, s, m, t, c, truth));
                }
            }
            let source_from = report.and_then(|c| c.source.as_ref()).map(|h| h.from);
            sources.count(
                s,
                m,
                i,
                source_from,
                &at,
                date_origin.as_deref(),
                ok,
                report,
            );
            if let TruthOrigin::Member(_) = s.origin {
                let got_changes: BTreeSet<ChangeKind> = report
                    .map(|c| c.changes.iter().map(|ch| ch.kind).collect())
                    .unwrap_or_default();
                changes_all.add(&m.changes, &got_changes);
                let q = ChangeKind::QuoteAltered;
                if m.changes.contains(&q) != got_changes.contains(&q) {
                    if let (Some(t), Some(c)) = (traced, report) {
                        r.wrong_quotes.push(explain_quote(n, s, m, t, c, ok));
                    }
                }
                if ok {
                    changes_found.add(&m.changes, &got_changes);
                }
            }
        }
    }
    r.origin = o.scores();
    let c = &mut r.credit;
    c.verdicts = verdict_scores(&c.confusion);
    c.uncredited_precision = c
        .verdicts
        .get("uncredited")
        .map(|p| p.precision)
        .unwrap_or(0.0);
    c.macro_f1 = macro_f1(&c.confusion);
    c.macro_f1_decidable = macro_f1(&c.confusion_decidable);
    r.changes = ChangeScores {
        kinds: changes_all.kinds(),
        quote_altered: changes_all
            .kinds()
            .get(&kind_name(ChangeKind::QuoteAltered))
            .copied()
            .unwrap_or_default(),
        f1: changes_all.f1(),
        kinds_origin_found: changes_found.kinds(),
        f1_origin_found: changes_found.f1(),
    };
    r.sources = sources.scores();
    r.clustering = clustering(&scored, run, &at);
    r.mixed_clusters = mixed_clusters(stories, run);
    r
}

fn mixed_clusters(stories: &[SimStory], run: &PipelineRun) -> Vec<Vec<String>> {
    let story_of: HashMap<&str, usize> = stories
        .iter()
        .enumerate()
        .flat_map(|(n, s)| s.members.iter().map(move |m| (m.id.as_str(), n)))
        .collect();
    run.stories
        .iter()
        .filter(|t| {
            let truths: BTreeSet<Option<&usize>> = t
                .members
                .iter()
                .map(|m| story_of.get(m.id.as_str()))
                .collect();
            truths.len() > 1
        })
        .map(|t| t.members.iter().map(|m| m.id.clone()).collect())
        .collect()
}

#[derive(Default)]
struct OriginCounts {
    all: usize,
    right: usize,
    undetermined: usize,
    base: usize,
    decidable: usize,
    right_d: usize,
    undetermined_d: usize,
    base_d: usize,
    in_corpus: usize,
    right_in: usize,
    base_in: usize,
    by_text: usize,
    right_by_text: usize,
    undecidable: usize,
    undecidable_undetermined: usize,
    undecidable_right: usize,
}

impl OriginCounts {
    fn count(&mut self, s: &SimStory, ok: bool, undetermined: bool, base_ok: bool) {
        self.all += 1;
        self.right += usize::from(ok);
        self.undetermined += usize::from(undetermined);
        self.base += usize::from(base_ok);
        if !s.decidable {
            self.undecidable += 1;
            self.undecidable_undetermined += usize::from(undetermined);
            self.undecidable_right += usize::from(ok);
            return;
        }
        self.decidable += 1;
        self.right_d += usize::from(ok);
        self.undetermined_d += usize::from(undetermined);
        self.base_d += usize::from(base_ok);
        if matches!(s.origin, TruthOrigin::Member(_)) {
            self.in_corpus += 1;
            self.right_in += usize::from(ok);
            self.base_in += usize::from(base_ok);
        }
        if s.decided_by_text {
            self.by_text += 1;
            self.right_by_text += usize::from(ok);
        }
    }

    fn scores(&self) -> OriginScores {
        OriginScores {
            accuracy: ratio(self.right, self.all),
            undetermined: ratio(self.undetermined, self.all),
            earliest_date_accuracy: ratio(self.base, self.all),
            accuracy_decidable: ratio(self.right_d, self.decidable),
            undetermined_decidable: ratio(self.undetermined_d, self.decidable),
            earliest_date_accuracy_decidable: ratio(self.base_d, self.decidable),
            accuracy_in_corpus: ratio(self.right_in, self.in_corpus),
            earliest_date_accuracy_in_corpus: ratio(self.base_in, self.in_corpus),
            decided_by_text: self.by_text,
            accuracy_by_text: ratio(self.right_by_text, self.by_text),
            undecidable_called_undetermined: ratio(self.undecidable_undetermined, self.undecidable),
            undecidable_decided_right: ratio(
                self.undecidable_right,
                self.undecidable - self.undecidable_undetermined,
            ),
        }
    }
}

/// Whether a proxy copy's page shows where it came from: it names the
/// proxy, or carries one of the proxy's own distinctive edits.
fn proxy_shown(s: &SimStory, m: &Member) -> bool {
    let TruthSource::Member(j) = m.source else {
        return false;
    };
    let names = matches!(
        m.hop_credit,
        Some(TruthCredit::Credited | TruthCredit::Partial)
    );
    let distinctive = s.members[j].changes.iter().any(|k| {
        matches!(
            k,
            ChangeKind::ParagraphInserted
                | ChangeKind::QuoteAltered
                | ChangeKind::SpeakerChanged
                | ChangeKind::EntityChanged
                | ChangeKind::NumberChanged
        )
    });
    names || distinctive
}

#[derive(Default)]
struct SourceCounts {
    copies: usize,
    right: usize,
    base: usize,
    copies_found: usize,
    right_found: usize,
    proxies: usize,
    proxies_found: usize,
    shown: usize,
    shown_found: usize,
    proxy_credit_right: usize,
}

impl SourceCounts {
    /// `from`: the hop reprint reports into the copy (None: no hop; Some(None):
    /// from outside the corpus; Some(Some(key))).
    #[allow(clippy::too_many_arguments)]
    fn count(
        &mut self,
        s: &SimStory,
        m: &Member,
        i: usize,
        from: Option<Option<i64>>,
        at: &Placement,
        date_origin: Option<&str>,
        origin_found: bool,
        report: Option<&CopyReport>,
    ) {
        let key_of = |j: usize| at.get(&s.members[j].id).map(|x| x.1);
        let right = match m.source {
            TruthSource::Origin => return,
            TruthSource::Wire => from == Some(None),
            TruthSource::Member(j) => key_of(j).is_some() && from == Some(key_of(j)),
        };
        let base = match m.source {
            TruthSource::Member(j) => date_origin == Some(s.members[j].id.as_str()) && j != i,
            _ => false,
        };
        self.copies += 1;
        self.right += usize::from(right);
        self.base += usize::from(base);
        if !origin_found {
            return;
        }
        self.copies_found += 1;
        self.right_found += usize::from(right);
        if matches!(m.source, TruthSource::Member(j) if j > 0) {
            self.proxies += 1;
            self.proxies_found += usize::from(right);
            let credit = report
                .and_then(|c| c.source.as_ref())
                .map(|h| h.credit.as_str());
            let truth_credit = m.hop_credit.map(TruthCredit::name);
            self.proxy_credit_right += usize::from(right && credit == truth_credit);
            if proxy_shown(s, m) {
                self.shown += 1;
                self.shown_found += usize::from(right);
            }
        }
    }

    fn scores(&self) -> SourceScores {
        SourceScores {
            copies: self.copies,
            accuracy: ratio(self.right, self.copies),
            earliest_date_accuracy: ratio(self.base, self.copies),
            accuracy_origin_found: ratio(self.right_found, self.copies_found),
            proxy_copies: self.proxies,
            proxy_recall: ratio(self.proxies_found, self.proxies),
            proxy_recall_shown: ratio(self.shown_found, self.shown),
            proxy_hop_credit_accuracy: ratio(self.proxy_credit_right, self.proxies_found),
        }
    }
}

fn verdict_scores(confusion: &BTreeMap<String, BTreeMap<String, usize>>) -> BTreeMap<String, Prf> {
    let mut given: BTreeSet<&str> = BTreeSet::new();
    for row in confusion.values() {
        given.extend(row.keys().map(String::as_str));
    }
    given.extend(confusion.keys().map(String::as_str));
    given
        .into_iter()
        .map(|c| {
            let right = confusion
                .get(c)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(0);
            let truth: usize = confusion.get(c).map(|row| row.values().sum()).unwrap_or(0);
            let reported: usize = confusion
                .values()
                .map(|row| row.get(c).copied().unwrap_or(0))
                .sum();
            (c.to_string(), Prf::of(right, truth, reported))
        })
        .collect()
}

/// Macro-F1 over the true classes of a confusion table.
fn macro_f1(confusion: &BTreeMap<String, BTreeMap<String, usize>>) -> f64 {
    let scores = verdict_scores(confusion);
    let f1s: Vec<f64> = confusion.keys().map(|c| scores[c].f1).collect();
    if f1s.is_empty() {
        0.0
    } else {
        f1s.iter().sum::<f64>() / f1s.len() as f64
    }
}

fn clustering(scored: &[(usize, &SimStory)], run: &PipelineRun, at: &Placement) -> ClusterScores {
    let mut truth_of: HashMap<&str, usize> = HashMap::new();
    for (n, s) in scored {
        for m in &s.members {
            if at.contains_key(&m.id) {
                truth_of.insert(m.id.as_str(), *n);
            }
        }
    }
    let mut by_truth: BTreeMap<usize, usize> = BTreeMap::new();
    for n in truth_of.values() {
        *by_truth.entry(*n).or_default() += 1;
    }
    let pairs = |k: usize| k * k.saturating_sub(1) / 2;
    let truth_pairs: usize = by_truth.values().map(|&k| pairs(k)).sum();
    let (mut predicted, mut right) = (0, 0);
    for s in &run.stories {
        let ids: Vec<&str> = s
            .members
            .iter()
            .map(|m| m.id.as_str())
            .filter(|id| truth_of.contains_key(id))
            .collect();
        predicted += pairs(ids.len());
        let mut per: BTreeMap<usize, usize> = BTreeMap::new();
        for id in ids {
            *per.entry(truth_of[id]).or_default() += 1;
        }
        right += per.values().map(|&k| pairs(k)).sum::<usize>();
    }
    let precision = ratio(right, predicted);
    let recall = ratio(right, truth_pairs);
    ClusterScores {
        precision,
        recall,
        f1: ratio(2 * right, predicted + truth_pairs),
        truth_pairs,
        predicted_pairs: predicted,
    }
}

fn date_line(m: &Member) -> String {
    let shown = m
        .shown_at
        .map(crate::scenario::rfc3339)
        .unwrap_or_else(|| "none".into());
    format!(
        "{}: published {}, dates {} (shown {shown}), fetched {}",
        m.id,
        crate::scenario::rfc3339(m.published_at),
        m.date.name(),
        m.fetched
    )
}

fn explain_credit(
    n: usize,
    s: &SimStory,
    m: &Member,
    traced: &TracedStory,
    c: &CopyReport,
    truth: TruthCredit,
) -> Explained {
    let mut why = Vec::new();
    let origin = match s.origin {
        TruthOrigin::Member(i) => {
            format!("origin {} ({})", s.members[i].id, s.members[i].site.name)
        }
        TruthOrigin::Wire(w) => format!("origin the wire {w}"),
    };
    why.push(format!(
        "{origin}; reprint: {} (confidence {:.2})",
        origin_name(&traced.story.origin, traced),
        traced.story.origin.confidence()
    ));
    if m.marks.is_empty() {
        why.push("the page carries no credit marks".into());
    }
    for mark in &m.marks {
        why.push(format!("refers to {}: {}", mark.refers_to, mark.describe()));
    }
    why.push(format!("source: {:?}", m.source));
    Explained {
        story: n,
        copy: m.id.clone(),
        layout: m.layout.to_string(),
        truth: truth.name().into(),
        got: c.credit.as_str().into(),
        why,
        evidence: c.evidence.clone(),
    }
}

fn explain_quote(
    n: usize,
    s: &SimStory,
    m: &Member,
    traced: &TracedStory,
    c: &CopyReport,
    origin_right: bool,
) -> Explained {
    let q = ChangeKind::QuoteAltered;
    let mut why = vec![
        format!(
            "origin right: {origin_right}; reprint's origin {}",
            origin_name(&traced.story.origin, traced)
        ),
        format!("source: {:?}", m.source),
        format!(
            "true changes: {:?}",
            m.changes.iter().map(|k| kind_name(*k)).collect::<Vec<_>>()
        ),
    ];
    if let TruthSource::Member(j) = m.source {
        why.push(format!(
            "source's changes: {:?}",
            s.members[j]
                .changes
                .iter()
                .map(|k| kind_name(*k))
                .collect::<Vec<_>>()
        ));
    }
    Explained {
        story: n,
        copy: m.id.clone(),
        layout: m.layout.to_string(),
        truth: m.changes.contains(&q).to_string(),
        got: c.changes.iter().any(|ch| ch.kind == q).to_string(),
        why,
        evidence: c
            .changes
            .iter()
            .map(|ch| format!("{}: {}", kind_name(ch.kind), ch.detail))
            .collect(),
    }
}

fn explain_origin(n: usize, s: &SimStory, traced: &TracedStory) -> Explained {
    let truth = match s.origin {
        TruthOrigin::Member(i) => format!("article {}", s.members[i].id),
        TruthOrigin::Wire(w) => format!("outside outlet {w}"),
    };
    let mut why: Vec<String> = s.members.iter().map(date_line).collect();
    for m in &s.members {
        for mark in m.marks.iter().filter(|k| k.form.is_credit()) {
            why.push(format!(
                "{} credits {}: {}",
                m.id,
                mark.refers_to,
                mark.describe()
            ));
        }
    }
    Explained {
        story: n,
        copy: String::new(),
        layout: String::new(),
        truth,
        got: origin_name(&traced.story.origin, traced),
        why,
        evidence: origin_evidence(&traced.story.origin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracted_dates_read_as_instants() {
        assert_eq!(instant("2016-01-01"), Some(1_451_606_400));
        assert_eq!(instant("2016-01-01T05:00:00Z"), Some(1_451_624_400));
        assert_eq!(instant("2016-01-01T00:00:00-05:00"), Some(1_451_624_400));
        assert_eq!(instant("2016-01-01T10:30:00+05:30"), Some(1_451_624_400));
        assert_eq!(instant("soon"), None);
    }

    #[test]
    fn precision_counts_verdicts_no_copy_deserves() {
        let mut c: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        c.entry("uncredited".into())
            .or_default()
            .insert("uncredited".into(), 3);
        c.entry("credited".into())
            .or_default()
            .insert("uncredited".into(), 1);
        c.entry("credited".into())
            .or_default()
            .insert("origin".into(), 1);
        let v = verdict_scores(&c);
        assert_eq!(v["uncredited"].precision, 0.75);
        assert_eq!(v["credited"].recall, 0.0);
        assert_eq!(v["origin"].reported, 1);
    }
}
