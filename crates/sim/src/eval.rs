//! Runs reprint's extraction, matching and tracing over simulated stories
//! and scores it against the ground truth, beside the "earliest date" rule.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use reprint_extract::{extract_text, FieldSource, Sourced};
use reprint_match::{compare, MatchParams, ReuseKind, TextPrint};
use reprint_trace::{
    trace_story, ChangeKind, CreditVerdict, Link, Origin, Partners, Story, TracedArticle,
};
use serde::Serialize;

use crate::scenario::{SimStory, TruthCredit, TruthOrigin, TruthSource, PARTNERS_TOML};

/// The scores of one run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub stories: usize,
    pub decidable: usize,
    /// Origin accuracy on decidable stories.
    pub origin_accuracy: f64,
    /// The earliest-date rule on the same stories.
    pub earliest_date_accuracy: f64,
    /// The same two on decidable stories whose origin is a stored article
    /// (the date rule cannot name an outlet outside the corpus).
    pub origin_accuracy_in_corpus: f64,
    pub earliest_date_accuracy_in_corpus: f64,
    /// Stories decidable only by the pages' text (cut-off text, carried
    /// site furniture), and the origin accuracy on them.
    pub decided_by_text: usize,
    pub origin_accuracy_by_text: f64,
    /// Share of undecidable stories reprint calls undetermined.
    pub undecidable_called_undetermined: f64,
    /// Of the undecidable stories reprint did decide, the share it got right
    /// (the simulated pages' evidence was weaker than the truth, not absent).
    pub undecidable_decided_right: f64,
    /// Macro-F1 of credit verdicts over credited / partial / uncredited /
    /// licensed, on copies of decidable stories.
    pub credit_macro_f1: f64,
    /// truth → predicted → count.
    pub credit_confusion: BTreeMap<String, BTreeMap<String, usize>>,
    /// Micro-F1 of change classes per copy (stories whose origin was found).
    pub change_f1: f64,
    pub altered_quote_recall: f64,
    pub speaker_swap_recall: f64,
    pub entity_change_recall: f64,
    /// Rewritten ledes: recall and precision.
    pub lede_rewritten_recall: f64,
    pub lede_rewritten_precision: f64,
    /// Per change class: (truth count, recall, precision).
    pub change_classes: BTreeMap<String, (usize, f64, f64)>,
    /// Share of copies (stories whose origin was found) whose source — the
    /// origin, the wire or a proxy — is the page they took the text from.
    pub hop_source_accuracy: f64,
    /// Copies that took their text from a proxy, and the share of them
    /// whose proxy was found.
    pub proxy_copies: usize,
    pub proxy_source_recall: f64,
    /// The same recall on proxy copies whose pages show it: the copy names
    /// the proxy, or carries an edit only the proxy made (an inserted
    /// paragraph, an altered quote, a changed name, speaker or number).
    pub proxy_source_recall_shown: f64,
    /// Of those found, the share whose credit verdict against the proxy is right.
    pub proxy_hop_credit_accuracy: f64,
}

impl Report {
    /// The credit confusion as a table: one row per true verdict, one
    /// column per verdict given ("origin": the copy was taken for the origin).
    pub fn confusion_table(&self) -> String {
        let mut columns: BTreeSet<&str> = BTreeSet::new();
        for row in self.credit_confusion.values() {
            columns.extend(row.keys().map(String::as_str));
        }
        let width = columns.iter().map(|c| c.len()).max().unwrap_or(0).max(10);
        let mut out = format!("{:<12}", "truth \\ got");
        for c in &columns {
            out.push_str(&format!(" {c:>width$}"));
        }
        out.push('\n');
        for (truth, row) in &self.credit_confusion {
            out.push_str(&format!("{truth:<12}"));
            for c in &columns {
                let n = row.get(*c).copied().unwrap_or(0);
                out.push_str(&format!(" {n:>width$}"));
            }
            out.push('\n');
        }
        out
    }
}

/// The simulated partners file, as the tracer reads it.
pub fn partners() -> Partners {
    Partners::parse(PARTNERS_TOML, "sim-partners.toml")
        .unwrap_or_else(|e| panic!("the simulator's partners file is valid: {e}"))
}

/// Extracts and traces one simulated story, then reads it with the
/// partners file as `reprint show` does.
pub fn trace(story: &SimStory, partners: &Partners) -> (Vec<TracedArticle>, Story) {
    let articles: Vec<TracedArticle> = story
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut article = extract_text(&m.page, Some(&m.url));
            // The collector knows the site, as `reprint ingest` takes it from input.
            article.site = Some(Sourced::new(
                m.site.name.to_string(),
                FieldSource::Input,
                0.9,
            ));
            TracedArticle {
                key: i as i64 + 1,
                id: m.id.clone(),
                url: Some(m.url.clone()),
                fetched: Some(m.fetched.clone()),
                article,
            }
        })
        .collect();
    let links = links(&articles);
    let group: Vec<&TracedArticle> = articles.iter().collect();
    let mut traced = trace_story(&group, &links);
    let outlet_of = |k: i64| {
        articles
            .iter()
            .find(|a| a.key == k)
            .and_then(TracedArticle::outlet)
    };
    partners.apply(&mut traced, &outlet_of);
    (articles, traced)
}

/// Verified copy links among the members, as the store would find them.
fn links(articles: &[TracedArticle]) -> Vec<Link> {
    let texts: Vec<String> = articles.iter().map(|a| a.article.text()).collect();
    let prints: Vec<TextPrint> = texts.iter().map(|t| TextPrint::of(t)).collect();
    let mut out = Vec::new();
    for i in 0..articles.len() {
        for j in i + 1..articles.len() {
            let found = compare(
                &texts[i],
                &prints[i],
                &texts[j],
                &prints[j],
                &Default::default(),
                &MatchParams::default(),
            );
            if let Some(m) = found.filter(|m| m.kind == ReuseKind::Copy) {
                out.push(Link {
                    a: articles[i].key,
                    b: articles[j].key,
                    kind: m.kind,
                    shared_a: m.shared_a,
                    shared_b: m.shared_b,
                });
            }
        }
    }
    out
}

/// The earliest-date rule: the member with the earliest shown date, else
/// the earliest fetch time.
fn earliest_date(articles: &[TracedArticle]) -> Option<i64> {
    articles
        .iter()
        .min_by_key(|a| {
            let published = a.article.published.as_ref().map(|p| p.value.clone());
            (published.is_none(), published, a.fetched.clone())
        })
        .map(|a| a.key)
}

fn origin_right(truth: &TruthOrigin, got: &Origin) -> bool {
    match (truth, got) {
        (TruthOrigin::Member(i), Origin::Article { key, .. }) => *key == *i as i64 + 1,
        (TruthOrigin::Wire(w), Origin::External { outlet, .. }) => {
            reprint_trace::outlet::same_outlet(w, outlet)
        }
        _ => false,
    }
}

fn verdict_name(v: CreditVerdict) -> &'static str {
    v.as_str()
}

fn truth_name(t: TruthCredit) -> &'static str {
    match t {
        TruthCredit::Credited => "credited",
        TruthCredit::Partial => "partial",
        TruthCredit::Uncredited => "uncredited",
        TruthCredit::Licensed => "licensed",
    }
}

fn kind_name(k: ChangeKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

pub fn evaluate(stories: &[SimStory]) -> Report {
    let mut r = Report {
        stories: stories.len(),
        ..Report::default()
    };
    let (mut right, mut baseline, mut in_corpus, mut right_in, mut base_in) = (0, 0, 0, 0, 0);
    let (mut undecidable, mut undetermined, mut guessed_right) = (0, 0, 0);
    let mut right_by_text = 0;
    let mut change_counts: BTreeMap<ChangeKind, (usize, usize, usize)> = BTreeMap::new();
    let mut hops = HopCounts::default();
    let partners = partners();
    // Tracing is independent per story; scoring stays in story order.
    let traced_all: Vec<(Vec<TracedArticle>, Story)> =
        stories.par_iter().map(|s| trace(s, &partners)).collect();
    for (s, (articles, traced)) in stories.iter().zip(traced_all) {
        let ok = origin_right(&s.origin, &traced.origin);
        if !s.decidable {
            undecidable += 1;
            undetermined += usize::from(matches!(traced.origin, Origin::Undetermined { .. }));
            guessed_right += usize::from(ok);
            let decided = !matches!(traced.origin, Origin::Undetermined { .. });
            if decided && !ok && std::env::var_os("REPRINT_SIM_DEBUG_UNDECIDABLE").is_some() {
                eprintln!(
                    "--- undecidable: truth {:?}, got {:?}",
                    s.origin, traced.origin
                );
                for (m, a) in s.members.iter().zip(&articles) {
                    eprintln!(
                        "  {} {:?} shown={:?} pub={:?} fetched={:?} credits={:?}",
                        m.id,
                        m.credit,
                        m.date_shown,
                        a.article.published.as_ref().map(|p| &p.value),
                        a.fetched,
                        a.article
                            .declared_sources
                            .iter()
                            .map(|d| &d.outlet)
                            .collect::<Vec<_>>()
                    );
                }
            }
            continue;
        }
        r.decidable += 1;
        right += usize::from(ok);
        if s.decided_by_text {
            r.decided_by_text += 1;
            right_by_text += usize::from(ok);
        }
        if !ok && std::env::var_os("REPRINT_SIM_DEBUG").is_some() {
            eprintln!("--- truth {:?}, got {:?}", s.origin, traced.origin);
            for (m, a) in s.members.iter().zip(&articles) {
                eprintln!(
                    "  {} {:?} shown={:?} shows_source={} pub={:?} credits={:?}",
                    m.id,
                    m.credit,
                    m.date_shown,
                    m.shows_its_source,
                    a.article.published.as_ref().map(|p| &p.value),
                    a.article
                        .declared_sources
                        .iter()
                        .map(|d| (&d.outlet, d.kind))
                        .collect::<Vec<_>>()
                );
            }
        }
        let base_ok = match s.origin {
            TruthOrigin::Member(i) => earliest_date(&articles) == Some(i as i64 + 1),
            TruthOrigin::Wire(_) => false,
        };
        baseline += usize::from(base_ok);
        if matches!(s.origin, TruthOrigin::Member(_)) {
            in_corpus += 1;
            right_in += usize::from(ok);
            base_in += usize::from(base_ok);
        }
        for (i, m) in s.members.iter().enumerate() {
            let Some(truth) = m.credit else { continue };
            let key = i as i64 + 1;
            let got = traced
                .copies
                .iter()
                .find(|c| c.key == key)
                .map(|c| verdict_name(c.credit))
                .unwrap_or("origin");
            *r.credit_confusion
                .entry(truth_name(truth).to_string())
                .or_default()
                .entry(got.to_string())
                .or_default() += 1;
            if !ok {
                continue;
            }
            hops.count(s, m, traced.copies.iter().find(|c| c.key == key));
            if matches!(s.origin, TruthOrigin::Wire(_)) {
                continue;
            }
            let predicted: BTreeSet<ChangeKind> = traced
                .copies
                .iter()
                .find(|c| c.key == key)
                .map(|c| c.changes.iter().map(|ch| ch.kind).collect())
                .unwrap_or_default();
            if std::env::var_os("REPRINT_SIM_DEBUG_CHANGES").is_some() && m.changes != predicted {
                eprintln!(
                    "--- {}: truth {:?} predicted {:?}",
                    m.id, m.changes, predicted
                );
                let origin = &articles[0].article;
                for (o, c) in origin
                    .paragraphs
                    .iter()
                    .zip(&articles[i].article.paragraphs)
                {
                    if o != c {
                        eprintln!("  O: {o}\n  C: {c}");
                    }
                }
            }
            for k in m.changes.union(&predicted) {
                let e = change_counts.entry(*k).or_default();
                match (m.changes.contains(k), predicted.contains(k)) {
                    (true, true) => e.0 += 1,
                    (true, false) => e.1 += 1,
                    (false, true) => e.2 += 1,
                    (false, false) => {}
                }
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    r.origin_accuracy = ratio(right, r.decidable);
    r.earliest_date_accuracy = ratio(baseline, r.decidable);
    r.origin_accuracy_in_corpus = ratio(right_in, in_corpus);
    r.earliest_date_accuracy_in_corpus = ratio(base_in, in_corpus);
    r.origin_accuracy_by_text = ratio(right_by_text, r.decided_by_text);
    r.undecidable_called_undetermined = ratio(undetermined, undecidable);
    r.undecidable_decided_right = ratio(guessed_right, undecidable - undetermined);
    r.credit_macro_f1 = macro_f1(&r.credit_confusion);
    let (tp, fn_, fp) = change_counts
        .values()
        .fold((0, 0, 0), |acc, c| (acc.0 + c.0, acc.1 + c.1, acc.2 + c.2));
    r.change_f1 = ratio(2 * tp, 2 * tp + fn_ + fp);
    for (k, (tp, fn_, fp)) in &change_counts {
        r.change_classes.insert(
            kind_name(*k),
            (tp + fn_, ratio(*tp, tp + fn_), ratio(*tp, tp + fp)),
        );
    }
    let recall = |k: ChangeKind| {
        change_counts
            .get(&k)
            .map(|c| ratio(c.0, c.0 + c.1))
            .unwrap_or(0.0)
    };
    r.altered_quote_recall = recall(ChangeKind::QuoteAltered);
    r.speaker_swap_recall = recall(ChangeKind::SpeakerChanged);
    r.entity_change_recall = recall(ChangeKind::EntityChanged);
    r.lede_rewritten_recall = recall(ChangeKind::LedeRewritten);
    r.lede_rewritten_precision = change_counts
        .get(&ChangeKind::LedeRewritten)
        .map(|c| ratio(c.0, c.0 + c.2))
        .unwrap_or(0.0);
    r.hop_source_accuracy = ratio(hops.right, hops.copies);
    r.proxy_copies = hops.proxies;
    r.proxy_source_recall = ratio(hops.proxies_found, hops.proxies);
    r.proxy_source_recall_shown = ratio(hops.shown_found, hops.shown);
    r.proxy_hop_credit_accuracy = ratio(hops.proxy_credit_right, hops.proxies_found);
    r
}

/// Whether a proxy copy's page shows where it came from: it names the
/// proxy, or carries one of the proxy's own distinctive edits.
fn proxy_shown(s: &SimStory, m: &crate::scenario::Member) -> bool {
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

/// Tallies of traced hops against the true sources.
#[derive(Default)]
struct HopCounts {
    copies: usize,
    right: usize,
    proxies: usize,
    proxies_found: usize,
    shown: usize,
    shown_found: usize,
    proxy_credit_right: usize,
}

impl HopCounts {
    fn count(
        &mut self,
        s: &SimStory,
        m: &crate::scenario::Member,
        got: Option<&reprint_trace::CopyReport>,
    ) {
        let hop = got.and_then(|c| c.source.as_ref());
        let from = hop.map(|h| h.from);
        let truth = match m.source {
            TruthSource::Origin => return,
            TruthSource::Wire => None,
            TruthSource::Member(j) => Some(j as i64 + 1),
        };
        self.copies += 1;
        let right = from == Some(truth);
        self.right += usize::from(right);
        if matches!(m.source, TruthSource::Member(j) if j > 0) {
            self.proxies += 1;
            self.proxies_found += usize::from(right);
            let credit = hop.map(|h| h.credit.as_str());
            let truth_credit = m.hop_credit.map(truth_name);
            self.proxy_credit_right += usize::from(right && credit == truth_credit);
            if proxy_shown(s, m) {
                self.shown += 1;
                self.shown_found += usize::from(right);
            }
        }
    }
}

/// Macro-F1 over the truth classes of a confusion table.
fn macro_f1(confusion: &BTreeMap<String, BTreeMap<String, usize>>) -> f64 {
    let classes: Vec<&String> = confusion.keys().collect();
    let mut f1s = Vec::new();
    for c in &classes {
        let tp = confusion[*c].get(*c).copied().unwrap_or(0) as f64;
        let truth: f64 = confusion[*c].values().sum::<usize>() as f64;
        let predicted: f64 = confusion
            .values()
            .map(|row| row.get(*c).copied().unwrap_or(0))
            .sum::<usize>() as f64;
        let f1 = if truth + predicted == 0.0 {
            0.0
        } else {
            2.0 * tp / (truth + predicted)
        };
        f1s.push(f1);
    }
    if f1s.is_empty() {
        0.0
    } else {
        f1s.iter().sum::<f64>() / f1s.len() as f64
    }
}
