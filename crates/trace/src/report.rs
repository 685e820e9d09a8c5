//! The story types every tracer module reads and the store and API carry:
//! a [`Story`], its [`CopyReport`]s, each copy's [`Hop`] and where the
//! origin's credit was lost ([`CreditLoss`]). Apart from [`crate::story`],
//! which builds them, and [`crate::chain`], which finds each copy's source,
//! so that neither imports the other for its types.

use reprint_match::ReuseKind;
use serde::{Deserialize, Serialize};

use crate::change::Change;
use crate::credit::CreditVerdict;
use crate::origin::Origin;

/// One copy in a story and the verdict on its credit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyReport {
    pub key: i64,
    /// Share of this copy's words found in the origin (or, when the origin is
    /// outside the corpus or undetermined, in its closest relative).
    pub shared: f32,
    pub kind: ReuseKind,
    pub credit: CreditVerdict,
    /// Evidence for the verdict: the credit line found, or what was searched.
    pub evidence: Vec<String>,
    /// What the copy changed against the origin article, most severe first
    /// (empty when the origin is not an article in the store).
    #[serde(default)]
    pub changes: Vec<Change>,
    /// The hop into this copy: the page it took the text from (the origin
    /// or a proxy) and its credit to that page. None when the origin is
    /// undetermined (and in stories stored before chains were traced).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Hop>,
}

/// A group of articles sharing substantial text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Store keys of every member, ascending.
    pub members: Vec<i64>,
    pub origin: Origin,
    /// Every member that is not the origin article.
    pub copies: Vec<CopyReport>,
}

impl Story {
    /// The smallest member key: stable as a story grows, so it names the story.
    pub fn anchor(&self) -> i64 {
        self.members.first().copied().unwrap_or_default()
    }
}

/// The hop into a copy: where its text came from and its credit to that.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hop {
    /// The member the copy took its text from; None when that is the
    /// origin outside the corpus (a wire service).
    pub from: Option<i64>,
    /// Why that member is taken as the source.
    pub via: String,
    /// The copy's credit to that source, judged as against an origin.
    pub credit: CreditVerdict,
    pub evidence: Vec<String>,
}

/// Where the origin's credit was lost on the way to a copy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreditLoss {
    /// Index of the hop (0 = the hop out of the origin) into whose copy the
    /// origin's name did not make it.
    pub hop: usize,
    /// The member at the far end of that hop.
    pub at: i64,
    /// The story of the loss in words.
    pub detail: String,
}

impl Story {
    /// The copies from the first one after the origin down to `key`,
    /// following each copy's source (empty when `key` is not a copy or the
    /// story has no chains).
    pub fn chain(&self, key: i64) -> Vec<&CopyReport> {
        let mut out = Vec::new();
        let mut cur = Some(key);
        while let Some(k) = cur {
            let Some(c) = self.copies.iter().find(|c| c.key == k) else {
                break;
            };
            if out.iter().any(|x: &&CopyReport| x.key == k) {
                break;
            }
            out.push(c);
            cur = c.source.as_ref().and_then(|h| h.from);
        }
        if out.iter().any(|c| c.source.is_none()) {
            return Vec::new();
        }
        out.reverse();
        out
    }

    /// The first hop on the way to `key` whose copy does not credit the
    /// origin (its verdict against the origin is "uncredited"), told in
    /// words: who still credited the origin, and whom the copy credits.
    pub fn credit_loss(
        &self,
        key: i64,
        name: &dyn Fn(Option<i64>) -> String,
    ) -> Option<CreditLoss> {
        let chain = self.chain(key);
        let hop = chain
            .iter()
            .position(|c| c.credit == CreditVerdict::Uncredited)?;
        let c = chain[hop];
        let source = c.source.as_ref()?;
        let origin = name(self.origin.article_key());
        let detail = if hop == 0 {
            format!(
                "{} took the text from {origin} and did not credit it",
                name(Some(c.key))
            )
        } else {
            let whom = match source.credit {
                CreditVerdict::Credited | CreditVerdict::Partial => {
                    format!("credits only {}", name(source.from))
                }
                CreditVerdict::Licensed => format!("is licensed by {}", name(source.from)),
                _ => "credits nobody".to_string(),
            };
            let before = match chain[hop - 1].credit {
                CreditVerdict::Licensed => "is licensed by",
                CreditVerdict::NotApplicable => "needed no credit to",
                CreditVerdict::Partial => "partly credited",
                _ => "credited",
            };
            format!(
                "{} {before} {origin}; {}, which took the text from it, {whom}",
                name(source.from),
                name(Some(c.key)),
            )
        };
        Some(CreditLoss {
            hop,
            at: c.key,
            detail,
        })
    }
}
