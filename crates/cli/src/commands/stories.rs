//! `reprint stories` and `reprint show STORY`.

use std::process::ExitCode;

use anyhow::{bail, Result};
use reprint_store::Store;

use super::Context;
use crate::table::{for_terminal, render};
use crate::view::{story_view, StoryView};

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Show at most this many stories (largest first).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// The story's id, as `reprint stories` lists it.
    #[arg(value_name = "STORY")]
    story: i64,
}

pub fn list(ctx: &Context, args: ListArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&ctx.db)?;
    let mut rows = store.stories()?;
    if let Some(n) = args.limit {
        rows.truncate(n);
    }
    if ctx.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        println!("no stories yet: no two stored articles share enough text");
        return Ok(ExitCode::SUCCESS);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.size.to_string(),
                r.origin.clone().unwrap_or_else(|| "undetermined".into()),
                r.date.as_deref().map(short_date).unwrap_or_default(),
                r.headline.clone().unwrap_or_default(),
            ]
        })
        .collect();
    print!(
        "{}",
        render(&["id", "size", "origin", "date", "headline"], &cells, 70)
    );
    Ok(ExitCode::SUCCESS)
}

fn short_date(d: &str) -> String {
    d.get(..10).unwrap_or(d).to_string()
}

pub fn show(ctx: &Context, args: ShowArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&ctx.db)?;
    let Some(detail) = store.story(args.story)? else {
        bail!(
            "{}: no story {} (see `reprint stories`)",
            ctx.db.display(),
            args.story
        );
    };
    let view = story_view(&detail);
    if ctx.json {
        println!("{}", serde_json::to_string_pretty(&view)?);
    } else {
        print!("{}", for_terminal(&describe(&view)));
    }
    Ok(ExitCode::SUCCESS)
}

/// The story for a person: headline, origin and why, then each copy.
pub fn describe(v: &StoryView) -> String {
    let mut out = format!(
        "story {}: {} ({} articles)\n",
        v.id,
        v.headline.as_deref().unwrap_or("(no headline)"),
        v.size
    );
    let o = &v.origin;
    match o.kind {
        "article" => {
            let a = o.article.as_ref();
            out.push_str(&format!(
                "origin: {} — {} (confidence {:.2})\n",
                a.map(|a| a.id.as_str()).unwrap_or("?"),
                o.outlet.as_deref().unwrap_or("unknown site"),
                o.confidence
            ));
        }
        "external" => out.push_str(&format!(
            "origin: {} (not in the corpus; confidence {:.2})\n",
            o.outlet.as_deref().unwrap_or("?"),
            o.confidence
        )),
        _ => out.push_str("origin: undetermined\n"),
    }
    for e in &o.evidence {
        out.push_str(&format!("  · {e}\n"));
    }
    out.push_str("\ncopies:\n");
    let cells: Vec<Vec<String>> = v
        .copies
        .iter()
        .map(|c| {
            vec![
                c.article.id.clone(),
                c.article.site.clone().unwrap_or_default(),
                format!("{:.0}%", c.shared * 100.0),
                c.kind.to_string(),
                c.credit.to_string(),
                c.evidence.first().cloned().unwrap_or_default(),
            ]
        })
        .collect();
    out.push_str(&render(
        &["article", "site", "shared", "kind", "credit", "evidence"],
        &cells,
        80,
    ));
    for c in v.copies.iter().filter(|c| !c.changes.is_empty()) {
        out.push_str(&format!("\nchanges in {}:\n", c.article.id));
        for ch in c.changes.iter().take(5) {
            let kind = serde_json::to_value(ch.kind).unwrap_or_default();
            out.push_str(&format!(
                "  · {}: {}\n",
                kind.as_str().unwrap_or("change"),
                ch.detail
            ));
        }
        if c.changes.len() > 5 {
            out.push_str(&format!(
                "  · … {} more (see --json)\n",
                c.changes.len() - 5
            ));
        }
    }
    out
}
