//! `reprint export --what stories|articles|pairs --format jsonl|csv|parquet`:
//! the export of `reprint_app::export` (the bytes `/api/export` also sends),
//! or its Parquet tables (`reprint_app::export::parquet`: the shape a Spark
//! run writes, so notebooks read either the same way).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context as _, Result};
use clap::ValueEnum;
use reprint_app::export::{self, parquet, Request};
use reprint_store::Store;
use reprint_trace::Partners;

use super::Context;
use crate::view::PartnersArg;
use crate::Format;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum What {
    Stories,
    Articles,
    Pairs,
}

impl From<What> for export::What {
    fn from(w: What) -> Self {
        match w {
            What::Stories => export::What::Stories,
            What::Articles => export::What::Articles,
            What::Pairs => export::What::Pairs,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to write. Needed with jsonl and csv; with parquet, leaving it
    /// out writes all three tables under the `-o` directory.
    #[arg(long, value_enum)]
    what: Option<What>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// With `--what pairs`: also pairs that share a passage but less than
    /// half of the shorter article (partial reuse, excerpts).
    #[arg(long)]
    include_partial: bool,
    /// Write here instead of standard output (a directory for parquet
    /// without `--what`).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// With `--what stories`.
    #[command(flatten)]
    partners: PartnersArg,
}

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let store = Store::open_read_only(&ctx.db)?;
    // The partners file is read (and its errors reported) only for stories.
    let partners = match args.what {
        Some(What::Stories) | None => args.partners.load()?,
        Some(_) => None,
    };
    match (args.format, args.what) {
        (Format::Parquet, None) => {
            let Some(dir) = &args.output else {
                bail!("--format parquet without --what writes a directory: give it with -o DIR");
            };
            let counts = parquet::write_tables(&store, partners.as_ref(), dir)
                .with_context(|| format!("{}: cannot write the Parquet tables", dir.display()))?;
            if ctx.json {
                println!("{}", serde_json::to_string(&counts)?);
            } else {
                eprintln!(
                    "wrote {} articles, {} pairs, {} stories under {}",
                    counts.articles,
                    counts.pairs,
                    counts.stories,
                    dir.display()
                );
            }
        }
        (Format::Parquet, Some(what)) => {
            let req = (&store, what.into(), args.include_partial, partners.as_ref());
            match &args.output {
                Some(p) => table(req, create(p)?)?,
                // Parquet is binary: not for a terminal.
                None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
                    bail!("--format parquet writes binary: redirect it or give -o FILE")
                }
                None => table(req, std::io::stdout())?,
            };
        }
        (format, Some(what)) => {
            let sink: Box<dyn Write> = match &args.output {
                Some(p) => Box::new(create(p)?),
                None => Box::new(std::io::stdout().lock()),
            };
            let mut out = BufWriter::new(sink);
            let req = Request {
                what: what.into(),
                format: match format {
                    Format::Csv => export::Format::Csv,
                    _ => export::Format::Jsonl,
                },
                include_partial: args.include_partial,
                partners: partners.as_ref(),
            };
            export::export(&store, &req, &mut out)?;
            out.flush()?;
        }
        (_, None) => bail!("--what is needed with jsonl and csv (stories, articles or pairs)"),
    }
    Ok(ExitCode::SUCCESS)
}

type TableRequest<'a> = (&'a Store, export::What, bool, Option<&'a Partners>);

fn table(req: TableRequest, out: impl Write + Send) -> Result<usize> {
    let (store, what, partial, partners) = req;
    Ok(parquet::write_table(
        store,
        what,
        partial,
        partners,
        BufWriter::new(out),
    )?)
}

fn create(p: &Path) -> Result<File> {
    File::create(p).with_context(|| format!("{}: cannot create", p.display()))
}
