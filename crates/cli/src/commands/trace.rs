//! `reprint trace FILE|-`: which stored story a page would join, and
//! whether it credits that story's origin, with the licensed partners file
//! applied as `show` applies it (`reprint_app::trace_page`); a page that
//! joins no story shows its own provenance. Nothing is written.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Result};
use reprint_app::trace_page::{trace_page, OriginReport, TraceReport};
use reprint_ingest::{read_inputs, read_reader, Page, ReadOptions};
use reprint_store::Store;

use super::Context;
use crate::output;
use crate::table::{for_terminal, render};
use crate::view::PartnersArg;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A page file (HTML, text, or the first page of a JSONL/WARC file), or `-` for stdin.
    #[arg(value_name = "FILE|-")]
    input: PathBuf,
    #[command(flatten)]
    partners: PartnersArg,
}

fn first_page(input: &PathBuf) -> Result<Page> {
    let opts = ReadOptions::default();
    let mut pages = if input.as_os_str() == "-" {
        read_reader("-", std::io::stdin(), None, &opts)
    } else {
        read_inputs(std::slice::from_ref(input), &opts)
    };
    match pages.next() {
        Some(Ok(p)) => Ok(p),
        Some(Err(e)) => bail!("{e}"),
        None => bail!("{}: no page found", input.display()),
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let store = Store::open_read_only(&ctx.db)?;
    let partners = args.partners.load()?;
    let page = first_page(&args.input)?;
    let traced = trace_page(&store, &page, partners.as_ref())?;
    let report = TraceReport::new(page.origin.clone(), traced, partners.as_ref());
    if ctx.json {
        output::println(&serde_json::to_string_pretty(&report)?)?;
    } else {
        output::print(&for_terminal(&describe(&report)))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(r: &TraceReport) -> String {
    let mut out = format!(
        "{}: {}\n",
        r.input,
        r.title.as_deref().unwrap_or("(no title)")
    );
    if r.id != r.input {
        out.push_str(&format!("named {}\n", r.id));
    }
    if r.stored {
        out.push_str("stored already\n");
    }
    if r.matches.is_empty() {
        let other = if r.stored { " other" } else { "" };
        out.push_str(&format!(
            "no{other} stored article shares text with this page\n"
        ));
        describe_alone(r, &mut out);
        return out;
    }
    let cells: Vec<Vec<String>> = r
        .matches
        .iter()
        .map(|m| {
            vec![
                m.id.clone(),
                m.site.clone().unwrap_or_default(),
                format!("{:.0}%", m.shared * 100.0),
                m.kind.to_string(),
                m.story.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    out.push_str(&render(
        &["shares text with", "site", "shared", "kind", "story"],
        &cells,
        70,
    ));
    match &r.story {
        Some(s) => {
            out.push_str(&format!(
                "\nwould join story {}: {}\n",
                s.id,
                s.headline.as_deref().unwrap_or("(no headline)")
            ));
            if let Some(c) = r.credit {
                out.push_str(&format!("credit to the origin: {c}\n"));
                for e in &r.credit_evidence {
                    out.push_str(&format!("  · {e}\n"));
                }
            }
        }
        None => {
            out.push_str("\nwould form a new story with its closest match\n");
            describe_alone(r, &mut out);
        }
    }
    out
}

/// The page's own provenance, when it joins no story (see `TraceReport::alone`).
fn describe_alone(r: &TraceReport, out: &mut String) {
    let Some(a) = &r.alone else { return };
    let OriginReport::External {
        outlet,
        confidence,
        evidence,
    } = &a.origin
    else {
        return;
    };
    out.push_str(&format!(
        "\non its own, the page names its origin: {outlet}, outside the corpus (confidence {confidence:.2})\n"
    ));
    for e in evidence {
        out.push_str(&format!("  · {e}\n"));
    }
    out.push_str(&format!("credit to {outlet}: {}\n", a.credit));
    for e in &a.credit_evidence {
        out.push_str(&format!("  · {e}\n"));
    }
}
