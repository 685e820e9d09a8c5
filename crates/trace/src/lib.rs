//! reprint-trace: turns matched pairs into stories. A story is a group of
//! articles joined by shared text ([`story`]); for each, [`origin`] names the
//! article (or the outside outlet) the text started from with the evidence for
//! it — or says "undetermined" — and [`credit`] judges whether each copy
//! credited that origin, quoting the credit line or saying what was searched.
//! [`changes`] lists what each copy changed (cuts, inserts, altered quotes
//! and numbers). [`outlet`] knows that "AP" and "The Associated Press" are one outlet.

pub mod changes;
pub mod credit;
pub mod origin;
pub mod outlet;
pub mod story;

pub use changes::{Change, ChangeKind};
pub use credit::CreditVerdict;
pub use origin::Origin;
pub use story::{
    build_stories, components, text_changed, trace_story, CopyReport, Link, Story, TracedArticle,
};
