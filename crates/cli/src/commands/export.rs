//! `reprint export --what stories|articles|pairs --format jsonl|csv`: the
//! export of `reprint_app::export`, the bytes `/api/export` also sends.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::ValueEnum;
use reprint_app::export::{self, Request};
use reprint_store::Store;

use super::Context;
use crate::view::PartnersArg;
use crate::Format;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum What {
    Stories,
    Articles,
    Pairs,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, value_enum)]
    what: What,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// With `--what pairs`: also pairs that share a passage but less than
    /// half of the shorter article (partial reuse, excerpts).
    #[arg(long)]
    include_partial: bool,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// With `--what stories`.
    #[command(flatten)]
    partners: PartnersArg,
}

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let store = Store::open_read_only(&ctx.db)?;
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("{}: cannot create", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    // The partners file is read (and its errors reported) only for stories.
    let partners = match args.what {
        What::Stories => args.partners.load()?,
        _ => None,
    };
    let req = Request {
        what: match args.what {
            What::Stories => export::What::Stories,
            What::Articles => export::What::Articles,
            What::Pairs => export::What::Pairs,
        },
        format: match args.format {
            Format::Jsonl => export::Format::Jsonl,
            Format::Csv => export::Format::Csv,
        },
        include_partial: args.include_partial,
        partners: partners.as_ref(),
    };
    export::export(&store, &req, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
