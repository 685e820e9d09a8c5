//! `reprint serve`: the HTTP API and web UI (crate reprint-serve) over the
//! database. Read-only unless `--ingest-token` is given; fetches no URL
//! unless `--allow-fetch` is given. Stories are served with the licensed
//! partners file (`--partners`, default ./reprint.toml) applied.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;

use super::Context;
use crate::view::PartnersArg;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    bind: SocketAddr,
    /// Accept `POST /api/ingest` with `Authorization: Bearer TOKEN` (16+ characters).
    #[arg(long, value_name = "TOKEN")]
    ingest_token: Option<String>,
    /// Largest request body accepted, in MB (larger gets 413).
    #[arg(long, default_value_t = 8, value_name = "N")]
    max_body_mb: usize,
    /// Longest a request may take, in seconds (then 503).
    #[arg(long, default_value_t = 20, value_name = "N")]
    timeout_secs: u64,
    /// Longest a client may take to send a request's headers, in seconds
    /// (then the connection is closed); also the keep-alive idle time.
    #[arg(long, default_value_t = 10, value_name = "N")]
    header_timeout_secs: u64,
    /// Let `POST /api/trace` fetch a page given as `{"url": ...}` (http and
    /// https, public addresses only: loopback, private, link-local and other
    /// special addresses are refused).
    #[arg(long)]
    allow_fetch: bool,
    #[command(flatten)]
    partners: PartnersArg,
}

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    if args.ingest_token.as_deref().is_some_and(|t| t.len() < 16) {
        anyhow::bail!("--ingest-token must be at least 16 characters");
    }
    let mut cfg = reprint_serve::Config::new(ctx.db.clone());
    cfg.bind = args.bind;
    cfg.ingest_token = args.ingest_token;
    cfg.max_body = args.max_body_mb.max(1) << 20;
    cfg.timeout = Duration::from_secs(args.timeout_secs.max(1));
    cfg.header_timeout = Duration::from_secs(args.header_timeout_secs.max(1));
    cfg.allow_fetch = args.allow_fetch;
    cfg.partners = args.partners.load()?;
    reprint_serve::run_blocking(cfg)?;
    Ok(ExitCode::SUCCESS)
}
