//! The change types: what kind of change, where it is in both texts, and
//! what it was. Apart from [`crate::changes`], which finds them, so that
//! the finders it calls ([`crate::names`]) can build them without importing
//! their caller.

use serde::{Deserialize, Serialize};

/// Kinds of change, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Words inside a quotation changed.
    QuoteAltered,
    /// A quotation kept word for word but given to another named speaker.
    SpeakerChanged,
    /// A person, place or organisation replaced by another name.
    EntityChanged,
    NumberChanged,
    /// The opening paragraph replaced by one in other words (the rest of
    /// the text kept). Ranked below changed names and numbers, which alter
    /// a fact in words the reader takes for the origin's own, and above cuts
    /// and inserts: the lede is what most readers read, and a rewrite
    /// reframes the story where a cut only shortens it.
    LedeRewritten,
    ParagraphCut,
    ParagraphInserted,
    HeadlineChanged,
    KickerAdded,
    ParagraphsReordered,
}

/// Character offsets `[start, end)` into an article's body text
/// ([`Article::text`]: its paragraphs joined by blank lines), counted in
/// Unicode scalar values like every offset reprint stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One change, with where it is in the origin and the copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// Paragraph index in the origin's body, when the change has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_paragraph: Option<usize>,
    /// Paragraph index in the copy's body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_paragraph: Option<usize>,
    /// What was there before and after, quoted for the reader.
    pub detail: String,
    /// Where the change is in the origin's body text: the altered quotation,
    /// number or name itself, else the paragraph. None for the headline and
    /// kicker (not in the body) and in stories stored before spans were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin_span: Option<Span>,
    /// Where the change is in the copy's body text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_span: Option<Span>,
}

impl Change {
    /// A change at paragraphs (origin, copy), without character spans yet.
    pub fn new(kind: ChangeKind, at: (Option<usize>, Option<usize>), detail: String) -> Change {
        Change {
            kind,
            origin_paragraph: at.0,
            copy_paragraph: at.1,
            detail,
            origin_span: None,
            copy_span: None,
        }
    }
}
