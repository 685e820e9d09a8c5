//! Did a copy credit its origin? Looks where credit is given — credit lines
//! and datelines, the byline, copyright lines, links — and reports what it
//! found, or what it searched, as evidence.

use serde::{Deserialize, Serialize};

use crate::member::{host_of, TracedArticle};
use crate::mention::{opening_dateline, weak_mention, Spellings};
use crate::origin::{origin_host, Origin};
use crate::outlet::{normalise, same_outlet};

/// The verdict on one copy's credit to its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CreditVerdict {
    /// Named in a credit line, dateline or byline, or linked, or its
    /// copyright line kept — and every term the origin sets is met.
    Credited,
    /// Credited in part: named only in the running text, or a term the
    /// origin sets (a hyperlink, the copyright line, no changes) is missing;
    /// the evidence says which.
    Partial,
    /// No credit found anywhere.
    Uncredited,
    /// No credit, but the copy's outlet is a licensed partner of the source
    /// (listed in a partners file; see [`crate::partners`]). Never given by
    /// [`judge_credit`]: the partners file is applied when a story is read.
    Licensed,
    /// No verdict: the origin is undetermined, or the copy is on the same
    /// outlet as the origin.
    NotApplicable,
}

impl CreditVerdict {
    pub fn as_str(&self) -> &'static str {
        match self {
            CreditVerdict::Credited => "credited",
            CreditVerdict::Partial => "partial",
            CreditVerdict::Uncredited => "uncredited",
            CreditVerdict::Licensed => "licensed",
            CreditVerdict::NotApplicable => "not-applicable",
        }
    }
}

/// Below this origin confidence (an origin resting on fetch times alone),
/// no copy is called uncredited: the "origin" may itself be a copy.
pub const MIN_ORIGIN_CONFIDENCE: f32 = 0.5;

/// Judges `copy` against the story's origin. `changes_made` says whether
/// the copy changed the text (for licences that forbid changes or require
/// them to be indicated).
pub fn judge_credit(
    copy: &TracedArticle,
    origin: &Origin,
    origin_article: Option<&TracedArticle>,
    changes_made: bool,
) -> (CreditVerdict, Vec<String>) {
    // An uncertain origin is still checked for credit (a copy naming it is
    // credited either way); only an accusation needs a confident origin.
    let doubtful = !matches!(origin, Origin::Undetermined { .. })
        && origin.confidence() < MIN_ORIGIN_CONFIDENCE;
    let (name, host) = match (origin, origin_article) {
        (Origin::Article { .. }, Some(o)) => match o.outlet() {
            Some(name) => (name, origin_host(o)),
            None => {
                return (
                    CreditVerdict::NotApplicable,
                    vec![format!("the origin {} has no known outlet name", o.id)],
                )
            }
        },
        (Origin::External { outlet, .. }, _) => (outlet.clone(), None),
        _ => {
            return (
                CreditVerdict::NotApplicable,
                vec!["the origin is undetermined".into()],
            )
        }
    };
    if copy.outlet().is_some_and(|own| same_outlet(&own, &name)) {
        return (
            CreditVerdict::NotApplicable,
            vec![format!(
                "{} is on the same outlet as the origin ({name})",
                copy.id
            )],
        );
    }
    let spellings = Spellings::of(
        std::iter::once(name.as_str())
            .chain(host.as_deref())
            .chain(origin_article.and_then(|o| o.article.site.as_ref().map(|s| s.value.as_str()))),
    );
    let found = credit_forms(copy, &name, host.as_deref(), &spellings);
    if found.is_empty() {
        // Weak ground first: a copy that names its origin anywhere in what
        // was read of its article is not accused, whatever form the words
        // take (issue 14: most wrong accusations were credit lines the
        // extractor did not read as credit).
        if let Some(s) = copy
            .article
            .declared_sources
            .iter()
            .find(|s| weak_credit(s) && same_outlet(&s.outlet, &name))
        {
            return (
                CreditVerdict::Partial,
                vec![format!(
                    "{name} is named only in the running text, a weak credit: \"{}\"",
                    clip(&s.evidence)
                )],
            );
        }
        if let Some((place, snippet)) = weak_mention(copy, &spellings) {
            return (
                CreditVerdict::Partial,
                vec![format!(
                    "{name} is named in the {place}, not in a form read as credit: \"{snippet}\""
                )],
            );
        }
        if !copy.article.region_read() {
            return (
                CreditVerdict::NotApplicable,
                vec![format!(
                    "no credit to {name} in what was read of {} ({}); the rest of its article (header, byline block, boxes before and after the body, footer) could not be read, so it is not called uncredited",
                    copy.id,
                    places_read(copy)
                )],
            );
        }
        if doubtful {
            return (
                CreditVerdict::NotApplicable,
                vec![format!(
                    "no credit to {name} found in {}, but the origin is too uncertain (confidence {:.2}) to call it uncredited",
                    copy.id,
                    origin.confidence()
                )],
            );
        }
        let mut evidence = vec![format!(
            "no credit to {name} in the byline, credit lines, datelines, copyright lines, links or text of {}, nor its name anywhere in the article region read ({})",
            copy.id,
            places_read(copy)
        )];
        evidence.extend(unnamed_furniture(copy, &name, &spellings).map(|e| {
            format!("{name}'s sign-off is kept without its name, which credits no one: \"{e}\"")
        }));
        return (CreditVerdict::Uncredited, evidence);
    }
    let terms = origin_article.map(Terms::of).unwrap_or_default();
    let mut missing = terms.missing(&found, changes_made);
    if terms.share_alike && !shares_alike(copy) {
        missing.push("the copy does not carry the same licence, as share-alike requires");
    }
    let mut evidence: Vec<String> = found.iter().map(|f| f.evidence.clone()).collect();
    if let Some(t) = &terms.stated {
        evidence.push(format!("the origin's terms: \"{}\"", clip(t)));
    }
    if terms.non_commercial {
        evidence.push(
            "noted: the licence forbids commercial reuse (not judged: whether a site is commercial is not on its pages)"
                .into(),
        );
    }
    if missing.is_empty() {
        return (CreditVerdict::Credited, evidence);
    }
    evidence.extend(missing.iter().map(|m| format!("missing: {m}")));
    (CreditVerdict::Partial, evidence)
}

/// One way a copy credits its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// In a credit line, dateline or sign-off.
    Named,
    Byline,
    CopyrightKept,
    Linked,
}

#[derive(Debug, Clone)]
struct Found {
    form: Form,
    evidence: String,
}

/// What the origin requires of a copy. Without stated terms, a web article
/// with an address is owed a hyperlink (the norm of every reuse licence and
/// of the web); a wire story outside the corpus is owed its name.
#[derive(Debug, Clone, Default)]
struct Terms {
    link: bool,
    copyright: bool,
    /// Creative Commons BY: changes must be indicated.
    indicate_changes: bool,
    /// Creative Commons ND: no changes at all.
    no_changes: bool,
    /// Creative Commons SA: the copy must carry the same licence.
    share_alike: bool,
    /// Creative Commons NC: no commercial reuse. Noted in the evidence, not
    /// judged: whether a site is commercial is not on its pages.
    non_commercial: bool,
    /// The licence text, quoted as evidence.
    stated: Option<String>,
}

impl Terms {
    fn of(origin: &TracedArticle) -> Terms {
        let mut t = Terms {
            link: origin.url.is_some(),
            ..Terms::default()
        };
        for n in origin
            .article
            .notices
            .iter()
            .filter(|n| n.kind == reprint_extract::NoticeKind::Licence)
        {
            let text = n.text.to_lowercase();
            let link = n.link.as_deref().unwrap_or("").to_lowercase();
            let cc = text.contains("creative commons") || link.contains("creativecommons.org");
            t.link |= text.contains("hyperlink") || text.contains("link to") || cc;
            t.copyright |= text.contains("copyright") && text.contains("acknowledg");
            if cc {
                let nd =
                    link.contains("-nd") || text.contains("noderiv") || text.contains("no deriv");
                t.no_changes |= nd;
                t.indicate_changes |= !nd;
                t.share_alike |= link.contains("-sa")
                    || text.contains("sharealike")
                    || text.contains("share alike")
                    || text.contains("by-sa");
                t.non_commercial |= link.contains("-nc")
                    || text.contains("noncommercial")
                    || text.contains("non-commercial")
                    || text.contains("by-nc");
            }
            t.stated.get_or_insert_with(|| n.text.clone());
        }
        t
    }

    /// The terms a copy with these credits does not meet.
    fn missing(&self, found: &[Found], changes_made: bool) -> Vec<&'static str> {
        let has = |f: Form| found.iter().any(|x| x.form == f);
        let mut out = Vec::new();
        if !has(Form::Named) && !has(Form::Byline) && !has(Form::Linked) {
            out.push("the source is not named");
        }
        if self.link && !has(Form::Linked) {
            out.push("no hyperlink to the original");
        }
        if self.copyright && !has(Form::CopyrightKept) {
            out.push("the copyright line is not kept");
        }
        if self.no_changes && changes_made {
            out.push("the text was changed, which the licence (no derivatives) forbids");
        }
        if self.indicate_changes && changes_made {
            out.push("changes are not indicated, as the licence requires");
        }
        out
    }
}

/// Whether the copy states a share-alike Creative Commons licence itself.
fn shares_alike(copy: &TracedArticle) -> bool {
    copy.article
        .notices
        .iter()
        .filter(|n| n.kind == reprint_extract::NoticeKind::Licence)
        .any(|n| {
            let text = n.text.to_lowercase();
            let link = n.link.as_deref().unwrap_or("").to_lowercase();
            (link.contains("creativecommons.org") && link.contains("-sa"))
                || text.contains("sharealike")
                || text.contains("share alike")
                || text.contains("by-sa")
        })
}

fn clip(s: &str) -> String {
    clip_to(s, 200)
}

/// Every explicit credit the copy gives to `name`.
fn credit_forms(
    copy: &TracedArticle,
    name: &str,
    host: Option<&str>,
    spellings: &Spellings,
) -> Vec<Found> {
    let a = &copy.article;
    let mut found = Vec::new();
    let mut add = |form, evidence| found.push(Found { form, evidence });
    for s in a.declared_sources.iter().filter(|s| {
        same_outlet(&s.outlet, name) && !unnamed_sign_off(s, spellings) && !weak_credit(s)
    }) {
        add(Form::Named, format!("names {name}: \"{}\"", s.evidence));
    }
    // A byline naming the outlet beside a reporter ("Lydia Chen, United
    // Press International", "Jane Holloway | Independent Digest") credits it.
    if let Some(b) = a
        .byline
        .as_ref()
        .filter(|b| same_outlet(&b.value, name) || spellings.named_in(&b.value))
    {
        add(Form::Byline, format!("byline: \"{}\"", b.value));
    }
    // A licence notice saying where the text was first published ("This
    // work is licensed under CC BY-ND 4.0. It was originally published by
    // X.") names the source as a credit line does.
    for n in a
        .notices
        .iter()
        .filter(|n| n.kind == reprint_extract::NoticeKind::Licence && spellings.named_in(&n.text))
    {
        add(
            Form::Named,
            format!("a licence notice names {name}: \"{}\"", clip(&n.text)),
        );
    }
    // An agency in parentheses opening one of the first paragraphs is its
    // dateline ("Geneva (AFP) An explosive report…"), dash or not.
    for p in a.paragraphs.iter().take(2) {
        if spellings.find(p).is_some_and(|at| opening_dateline(p, at)) {
            add(
                Form::Named,
                format!("dateline names {name}: \"{}\"", clip_to(p, 80)),
            );
            break;
        }
    }
    for c in &a.copyright {
        if c.holder.as_deref().is_some_and(|h| same_outlet(h, name)) {
            add(
                Form::CopyrightKept,
                format!("copyright kept: \"{}\"", c.evidence),
            );
        }
    }
    for link in &a.links {
        let linked = host_of(link).is_some_and(|h| {
            host.is_some_and(|oh| normalise(&h) == normalise(oh)) || same_outlet(&h, name)
        });
        if linked {
            add(Form::Linked, format!("links to {link}"));
        }
    }
    found
}

/// True when `text` spells out `name` or one of its wire aliases. A wire's
/// house sign-off ("(Reporting by …; Editing by …)") tells the text is the
/// wire's but names no one, so it is not credit.
#[cfg(test)]
fn names(text: &str, name: &str) -> bool {
    Spellings::of([name]).named_in(text)
}

/// A credit in the running text ("X first reported the story", "according
/// to X"): it names the source, as a credit line does, but credits it only in
/// part (issue 14), so it makes "partial" at most.
fn weak_credit(s: &reprint_extract::DeclaredSource) -> bool {
    s.kind == reprint_extract::CreditKind::FirstReported
}

/// A wire dateline or sign-off read as the origin's that does not spell it
/// out.
fn unnamed_sign_off(s: &reprint_extract::DeclaredSource, spellings: &Spellings) -> bool {
    s.kind == reprint_extract::CreditKind::Wire && !spellings.named_in(&s.evidence)
}

/// Wire furniture (a sign-off) the copy kept for `name` without naming it.
fn unnamed_furniture<'a>(
    copy: &'a TracedArticle,
    name: &'a str,
    spellings: &'a Spellings,
) -> impl Iterator<Item = &'a str> {
    copy.article
        .declared_sources
        .iter()
        .filter(move |s| same_outlet(&s.outlet, name) && unnamed_sign_off(s, spellings))
        .map(|s| s.evidence.as_str())
}

/// The places of the copy's article that were read, for evidence.
fn places_read(copy: &TracedArticle) -> String {
    if copy.article.places_read.is_empty() {
        return "the body only".into();
    }
    copy.article
        .places_read
        .iter()
        .map(|p| p.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most `n` characters of `s`.
fn clip_to(s: &str, n: usize) -> String {
    let mut t: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        t.push('…');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use reprint_extract::{
        Article, CreditKind, DeclaredSource, FieldSource, Notice, NoticeKind, Sourced,
    };

    fn member(key: i64, site: &str, url: &str, notices: Vec<Notice>) -> TracedArticle {
        TracedArticle {
            key,
            id: format!("{site}-{key}"),
            url: Some(url.into()),
            fetched: None,
            article: Article {
                site: Some(Sourced::new(site.into(), FieldSource::Input, 0.9)),
                notices,
                ..Default::default()
            },
        }
    }

    fn licence(text: &str, link: &str) -> Notice {
        Notice {
            kind: NoticeKind::Licence,
            text: text.into(),
            link: Some(link.into()),
        }
    }

    /// A copy that names and links the origin, judged under the origin's
    /// Creative Commons licence.
    fn judge_under(
        origin_licence: Notice,
        copy_notices: Vec<Notice>,
    ) -> (CreditVerdict, Vec<String>) {
        let origin = member(
            1,
            "Daily Planet",
            "https://dailyplanet.example/a",
            vec![origin_licence],
        );
        let mut copy = member(2, "Echo", "https://echo.example/b", copy_notices);
        copy.article.declared_sources.push(DeclaredSource {
            outlet: "Daily Planet".into(),
            date: None,
            link: Some("https://dailyplanet.example/a".into()),
            kind: CreditKind::OriginalSource,
            evidence: "This article first appeared in the Daily Planet.".into(),
            ..DeclaredSource::default()
        });
        copy.article
            .links
            .push("https://dailyplanet.example/a".into());
        let found = Origin::Article {
            key: 1,
            confidence: 0.9,
            evidence: vec![],
        };
        judge_credit(&copy, &found, Some(&origin), false)
    }

    /// "The Daily Planet first reported the story." (`reprint-sim`'s text
    /// mention; issue 14): partial, never credited, even with the origin's
    /// link nowhere and the text unchanged.
    #[test]
    fn a_weak_credit_in_the_running_text_is_partial_at_most() {
        let origin = member(1, "Daily Planet", "https://dailyplanet.example/a", vec![]);
        let mut copy = member(2, "Echo", "https://echo.example/b", vec![]);
        copy.article.places_read = vec![reprint_extract::Place::Header];
        copy.article.declared_sources.push(DeclaredSource {
            outlet: "Daily Planet".into(),
            kind: CreditKind::FirstReported,
            evidence: "The Daily Planet first reported the story.".into(),
            ..DeclaredSource::default()
        });
        let found = Origin::Article {
            key: 1,
            confidence: 0.9,
            evidence: vec![],
        };
        let (verdict, evidence) = judge_credit(&copy, &found, Some(&origin), false);
        assert_eq!(verdict, CreditVerdict::Partial, "{evidence:?}");
        assert!(evidence[0].contains("weak credit"), "{evidence:?}");
        // The same line as a credit line credits (with the link it is owed).
        copy.article.declared_sources[0].kind = CreditKind::OriginalSource;
        copy.article
            .links
            .push("https://dailyplanet.example/a".into());
        let (verdict, _) = judge_credit(&copy, &found, Some(&origin), false);
        assert_eq!(verdict, CreditVerdict::Credited);
    }

    #[test]
    fn share_alike_requires_the_same_licence_on_the_copy() {
        let sa = || {
            licence(
                "This article is published under a Creative Commons BY-SA 4.0 licence.",
                "https://creativecommons.org/licenses/by-sa/4.0/",
            )
        };
        let (verdict, evidence) = judge_under(sa(), vec![]);
        assert_eq!(verdict, CreditVerdict::Partial);
        assert!(
            evidence.iter().any(|e| e.contains("share-alike")),
            "{evidence:?}"
        );
        let (verdict, _) = judge_under(sa(), vec![sa()]);
        assert_eq!(verdict, CreditVerdict::Credited);
    }

    #[test]
    fn non_commercial_is_noted_not_judged() {
        let nc = licence(
            "Republished under Creative Commons (CC BY-NC 4.0).",
            "https://creativecommons.org/licenses/by-nc/4.0/",
        );
        let (verdict, evidence) = judge_under(nc, vec![]);
        assert_eq!(verdict, CreditVerdict::Credited);
        assert!(evidence
            .iter()
            .any(|e| e.starts_with("noted: the licence forbids commercial reuse")));
    }

    #[test]
    fn words_are_found_only_whole() {
        assert!(names("the associated press said", "AP"));
        assert!(!names("reutersian", "Reuters"));
    }

    #[test]
    fn a_sign_off_without_the_wire_s_name_is_no_credit() {
        assert!(names("WASHINGTON (AP) —", "AP"));
        assert!(names("PARIS, Aug 31 (Reuters) -", "Reuters"));
        assert!(names(
            "Associated Press writer Emery P. Dalesio contributed.",
            "AP"
        ));
        assert!(!names(
            "(Reporting by David Bailey; Editing by Cynthia Osterman.)",
            "Reuters"
        ));
        assert!(!names("Reporting by Japan's news desk", "AP"));
    }
}
