//! reprint-app: the use cases every front end shares. The `reprint` binary
//! (reprint-cli), the HTTP server (reprint-serve) and the simulator call
//! these, so a page becomes the same article, a story the same JSON, and an
//! export the same bytes whichever way it is asked for.
//!
//! - [`page`]: a read page → the article to store, with the input's own
//!   metadata, named by [`page::page_id`];
//! - [`bulk`]: the pipelined bulk ingest (`reprint ingest`): batch N+1 read
//!   and extracted while batch N is stored and matched;
//! - [`trace_page`]: which stored story a page that is not stored would
//!   join, its credit with the licensed partners applied, or its own
//!   provenance when it joins none;
//! - [`view`]: the versioned story JSON ([`view::STORY_SCHEMA_VERSION`],
//!   `docs/story.schema.json`) and the partners file applied to a story;
//! - [`export`]: stories, articles and pairs as JSON lines or CSV, or as
//!   the Parquet tables of a Spark run ([`export::parquet`]);
//! - [`filter`]: story filter dates (`--from`, `from=`) read once at the
//!   edge into reprint-time's `Timestamp`, with one error naming the
//!   parameter and the value;
//! - [`article_view`]: an extracted article as the export and the API send
//!   it, apart from the store's record and extraction's `Article`;
//! - [`stories`]: the store's story tracer (grouped by the store, traced
//!   here with reprint-trace) and stories read back as domain types;
//!   [`stories::open`] opens a store that traces;
//! - `record`: the stored format of a traced story, apart from
//!   reprint-trace's `Story` (the store's record format covers it);
//! - [`group`]: one story traced outside any store, from its members and
//!   pairs (the Spark job's last stage), as the same versioned JSON.
//!
//! Layering: the pipeline
//! crates (ingest, extract, match, trace) and the store below, the front
//! ends (cli, serve) above; only this crate brings the pipeline and the
//! store together.
#![deny(missing_docs)]

pub mod article_view;
pub mod bulk;
pub mod export;
pub mod filter;
pub mod group;
pub mod page;
mod record;
pub mod stories;
pub mod trace_page;
pub mod view;
