//! `reprint extract PATH...`: extraction alone, nothing stored. Readable text
//! by default; `--jsonl` writes one line per page with the fields
//! `../shared/bench/score_extraction.py` reads plus the provenance fields.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use rayon::prelude::*;
use reprint_extract::Article;
use reprint_ingest::{read_inputs, Page, ReadOptions};

use super::Context;
use crate::output;
use reprint_app::article_view::ArticleView;
use reprint_app::page::{article_with_profile, page_blocks};
use reprint_extract::{ProfileOptions, SiteProfile, SiteProfileBuilder};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories, as for `ingest`.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// One JSON object per page instead of readable text.
    #[arg(long)]
    jsonl: bool,
    /// Read the inputs twice: first to learn the text each site repeats
    /// across its pages (its chrome), then to extract every page without
    /// it. Costs a second extraction of every page.
    #[arg(long)]
    site_profile: bool,
}

/// The page id the scorer expects: the file name without its extensions for
/// files, the input's own id otherwise.
fn short_id(page: &Page) -> String {
    if page.origin == page.id {
        let name = std::path::Path::new(&page.id)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| page.id.clone());
        return name.split('.').next().unwrap_or(&name).to_string();
    }
    page.id.clone()
}

fn json_line(page: &Page, a: &Article) -> serde_json::Value {
    serde_json::json!({
        "id": short_id(page),
        "url": page.url,
        "text": a.paragraphs.join("\n"),
        "title": a.title.as_ref().map(|t| &t.value),
        "author": a.byline.as_ref().map(|t| &t.value),
        "published": a.published.as_ref().map(|t| &t.value),
        "site": a.site.as_ref().map(|t| &t.value),
        "tags": a.tags.iter().map(|t| &t.label).collect::<Vec<_>>(),
        // The article as every output sends it (`ArticleView`: the
        // articles export, `/api/articles/{key}`, Python's `extract`), not
        // the store's record: the disk format may change apart from it.
        "article": ArticleView::from(a),
    })
}

/// Pages extracted in parallel at a time: output stays in input order and
/// memory stays flat whatever the input's size.
const CHUNK: usize = 1024;

pub fn run(ctx: &Context, args: Args) -> Result<ExitCode> {
    let _ = ctx;
    let mut failed = 0usize;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let profile = args.site_profile.then(|| site_profile(&args.paths));
    let mut inputs = read_inputs(&args.paths, &ReadOptions::default()).peekable();
    let mut pages = Vec::with_capacity(CHUNK);
    while inputs.peek().is_some() {
        pages.clear();
        for item in inputs.by_ref() {
            match item {
                Ok(p) => pages.push(p),
                Err(e) => {
                    failed += 1;
                    output::eprintln(&format!("error: {e}"));
                }
            }
            if pages.len() >= CHUNK {
                break;
            }
        }
        let articles: Vec<Article> = pages
            .par_iter()
            .map(|p| article_with_profile(p, profile.as_ref()))
            .collect();
        for (page, a) in pages.iter().zip(&articles) {
            write_page(&mut out, page, a, args.jsonl)?;
        }
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The first pass of `--site-profile`: every readable page's blocks (read
/// errors are reported by the second pass).
fn site_profile(paths: &[PathBuf]) -> SiteProfile {
    let mut builder = SiteProfileBuilder::new(ProfileOptions::default());
    let mut inputs = read_inputs(paths, &ReadOptions::default()).peekable();
    let mut pages = Vec::with_capacity(CHUNK);
    while inputs.peek().is_some() {
        pages.clear();
        pages.extend(inputs.by_ref().filter_map(Result::ok).take(CHUNK));
        let blocks: Vec<_> = pages.par_iter().map(page_blocks).collect();
        blocks.into_iter().for_each(|b| builder.add(b));
    }
    builder.build()
}

fn write_page(out: &mut impl Write, page: &Page, a: &Article, jsonl: bool) -> Result<()> {
    if jsonl {
        writeln!(out, "{}", json_line(page, a))?;
    } else {
        writeln!(out, "== {}", page.origin)?;
        if let Some(t) = &a.title {
            writeln!(out, "# {}", t.value)?;
        }
        match &a.no_article {
            Some(why) if a.is_empty() => writeln!(out, "(no article: {why})\n")?,
            _ => writeln!(out, "{}\n", a.text())?,
        }
    }
    Ok(())
}
