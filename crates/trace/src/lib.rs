//! reprint-trace: turns matched pairs into stories. A story is a group of
//! articles joined by shared text ([`story`]); for each, [`origin`] names the
//! article (or the outside outlet) the text started from with the evidence for
//! it — or says "undetermined" — and [`credit`] judges whether each copy
//! credited that origin, quoting the credit line or saying what was searched.
//! [`changes`] lists what each copy changed (cuts, inserts, altered quotes,
//! quotes given to another speaker, changed names and numbers). [`chain`]
//! follows each copy back to the page it took the text from, hop by hop, and
//! says where the origin's credit was lost. [`partners`] reads a licensed
//! partners file and turns "uncredited" into "licensed" when a story is
//! read. [`outlet`] knows that "AP" and "The Associated Press" are one outlet.

pub mod chain;
mod change;
pub mod changes;
mod context;
pub mod credit;
mod dating;
mod direction;
mod member;
mod mention;
mod names;
pub mod origin;
pub mod outlet;
pub mod partners;
mod report;
pub mod story;
mod word_diff;

pub use chain::{CreditLoss, Hop};
pub use changes::{Change, ChangeKind, Span};
pub use credit::CreditVerdict;
pub use origin::{wire_copy, Origin};
pub use partners::{Partners, PartnersError};
pub use story::{
    build_stories, components, text_changed, trace_story, CopyReport, Link, Story, TracedArticle,
};
