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
    /// A quotation cut short word for word: the copy quotes some of the
    /// speaker's words, in order, and drops others (issue 14: a quote
    /// shortened was called "altered"). Below changed names and numbers:
    /// every word still quoted was said, though the cut may change the sense.
    QuoteShortened,
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
    /// How sure the finder is that this is an edit and not a misreading
    /// (0..=1), as [`crate::changes`] computes it: for a change inside a
    /// kept paragraph, the share of the two paragraphs' words the word
    /// alignment matches (a change in otherwise identical paragraphs is
    /// sure; one in paragraphs also reworded around it may be an alignment
    /// slip); for a cut or inserted paragraph, its length against
    /// furniture's; 1 for the headline and kicker. Stories stored before
    /// changes had one read as 1.
    #[serde(default = "sure")]
    pub confidence: f32,
}

fn sure() -> f32 {
    1.0
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
            confidence: 1.0,
        }
    }

    /// The same change with its confidence set (clamped to 0..=1).
    pub fn with_confidence(mut self, confidence: f32) -> Change {
        self.confidence = confidence.clamp(0.0, 1.0);
        self
    }
}
