//! Did a copy credit its origin? Looks where credit is given — credit lines
//! and datelines, the byline, copyright lines, links — and reports what it
//! found, or what it searched, as evidence.

use serde::{Deserialize, Serialize};

use crate::origin::{origin_host, Origin};
use crate::outlet::{aliases, normalise, same_outlet, wire_service};
use crate::story::{host_of, TracedArticle};

/// The verdict on one copy's credit to its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CreditVerdict {
    /// Named in a credit line, dateline or byline, or linked, or its
    /// copyright line kept.
    Credited,
    /// Only mentioned in the running text, without a credit line.
    Partial,
    /// No credit found anywhere.
    Uncredited,
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
            CreditVerdict::NotApplicable => "not-applicable",
        }
    }
}

/// Below this origin confidence (an origin resting on fetch times alone),
/// no copy is called uncredited: the "origin" may itself be a copy.
pub const MIN_ORIGIN_CONFIDENCE: f32 = 0.5;

/// Judges `copy` against the story's origin.
pub fn judge_credit(
    copy: &TracedArticle,
    origin: &Origin,
    origin_article: Option<&TracedArticle>,
) -> (CreditVerdict, Vec<String>) {
    if !matches!(origin, Origin::Undetermined { .. }) && origin.confidence() < MIN_ORIGIN_CONFIDENCE
    {
        return (
            CreditVerdict::NotApplicable,
            vec![format!(
                "the origin is too uncertain (confidence {:.2}) to judge credit",
                origin.confidence()
            )],
        );
    }
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
    let found = credit_forms(copy, &name, host.as_deref());
    if !found.is_empty() {
        return (CreditVerdict::Credited, found);
    }
    if let Some(snippet) = mention_in_text(copy, &name) {
        return (
            CreditVerdict::Partial,
            vec![format!(
                "{name} is named only in the text, not credited: \"{snippet}\""
            )],
        );
    }
    (
        CreditVerdict::Uncredited,
        vec![format!(
            "no credit to {name} in the byline, credit lines, datelines, copyright lines, links or text of {}",
            copy.id
        )],
    )
}

/// Every explicit credit the copy gives to `name`.
fn credit_forms(copy: &TracedArticle, name: &str, host: Option<&str>) -> Vec<String> {
    let a = &copy.article;
    let mut found = Vec::new();
    for s in a
        .declared_sources
        .iter()
        .filter(|s| same_outlet(&s.outlet, name))
    {
        found.push(format!("names {name}: \"{}\"", s.evidence));
    }
    if let Some(b) = a.byline.as_ref().filter(|b| same_outlet(&b.value, name)) {
        found.push(format!("byline: \"{}\"", b.value));
    }
    for c in &a.copyright {
        if c.holder.as_deref().is_some_and(|h| same_outlet(h, name)) {
            found.push(format!("copyright kept: \"{}\"", c.evidence));
        }
    }
    for link in &a.links {
        let linked = host_of(link).is_some_and(|h| {
            host.is_some_and(|oh| normalise(&h) == normalise(oh)) || same_outlet(&h, name)
        });
        if linked {
            found.push(format!("links to {link}"));
        }
    }
    found
}

/// A mention of the outlet in the body, returned with some context.
fn mention_in_text(copy: &TracedArticle, name: &str) -> Option<String> {
    let mut names: Vec<String> = vec![name.to_string()];
    if let Some(w) = wire_service(name) {
        names.extend(aliases(w).iter().map(|s| s.to_string()));
    }
    // Two-letter abbreviations ("ap") match too much running text.
    names.retain(|n| n.len() >= 4);
    for p in &copy.article.paragraphs {
        let lower = p.to_lowercase();
        for n in &names {
            if let Some(at) = find_word(&lower, &n.to_lowercase()) {
                return Some(context(p, at, n.len()));
            }
        }
    }
    None
}

/// Byte position of `needle` in `hay` at word boundaries.
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = hay.get(from..)?.find(needle) {
        let at = from + i;
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(at);
        }
        from = at + needle.len();
    }
    None
}

/// Up to ~60 characters either side of a match, cut at char boundaries.
fn context(text: &str, at: usize, len: usize) -> String {
    let start = text[..at.min(text.len())]
        .char_indices()
        .rev()
        .nth(60)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let end_from = (at + len).min(text.len());
    let end = text[end_from..]
        .char_indices()
        .nth(60)
        .map(|(i, _)| end_from + i)
        .unwrap_or(text.len());
    text[start..end].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_only_whole() {
        assert_eq!(
            find_word("the associated press said", "associated press"),
            Some(4)
        );
        assert_eq!(find_word("reutersian", "reuters"), None);
    }

    #[test]
    fn context_respects_char_boundaries() {
        let t = "é".repeat(100) + " Reuters " + &"ü".repeat(100);
        let c = context(&t, t.find("Reuters").unwrap(), 7);
        assert!(c.contains("Reuters"));
    }
}
