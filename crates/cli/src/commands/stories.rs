//! `reprint stories` and `reprint show STORY`.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::{bail, Result};
use reprint_store::queries::StoryFilter;
use reprint_store::{Store, StoryRow};
use reprint_trace::Partners;
use serde::Serialize;

use super::Context;
use crate::output;
use crate::table::{for_terminal, render};
use crate::view::PartnersArg;
use reprint_app::filter::date_param;
use reprint_app::stories::Stories;
use reprint_app::view::{licensed_story, story_view_with, StoryView};

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Show at most this many stories (largest first).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Only stories dated on or after this year, month or day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only stories dated on or before this year, month or day, all of it.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    #[command(flatten)]
    partners: PartnersArg,
}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// The story's id, as `reprint stories` lists it.
    #[arg(value_name = "STORY")]
    story: i64,
    #[command(flatten)]
    partners: PartnersArg,
}

/// A story in the list, with how many copies got each credit verdict.
#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    row: StoryRow,
    credit: BTreeMap<&'static str, usize>,
}

/// Copies per credit verdict, with the partners file applied.
pub fn credit_counts(
    store: &Store,
    id: i64,
    partners: Option<&Partners>,
) -> Result<BTreeMap<&'static str, usize>> {
    let mut counts = BTreeMap::new();
    if let Some(d) = store.story(id)? {
        for c in licensed_story(&d, partners).copies {
            *counts.entry(c.credit.as_str()).or_default() += 1;
        }
    }
    Ok(counts)
}

fn summary(counts: &BTreeMap<&'static str, usize>) -> String {
    counts
        .iter()
        .map(|(verdict, n)| format!("{n} {verdict}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn list(ctx: &Context, args: ListArgs) -> Result<ExitCode> {
    // Dates are read here, at the edge, before the store is opened: the
    // store's filter takes reprint-time's type, and a bad value is named.
    let date = |param: &str, v: &Option<String>| v.as_deref().map(|v| date_param(param, v));
    let filter = StoryFilter {
        from: date("--from", &args.from).transpose()?,
        to: date("--to", &args.to).transpose()?,
        // SQLite reads a negative LIMIT as none.
        limit: args
            .limit
            .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX)),
        ..StoryFilter::default()
    };
    let store = Store::open_read_only(&ctx.db)?;
    let partners = args.partners.load()?;
    let rows = store.stories_filtered(&filter)?.items;
    let listed = rows
        .into_iter()
        .map(|row| {
            let credit = credit_counts(&store, row.id, partners.as_ref())?;
            Ok(Listed { row, credit })
        })
        .collect::<Result<Vec<_>>>()?;
    if ctx.json {
        output::println(&serde_json::to_string_pretty(&listed)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = listed;
    if rows.is_empty() && (filter.from.is_some() || filter.to.is_some()) {
        output::println("no stories dated within --from and --to")?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        output::println("no stories yet: no two stored articles share enough text")?;
        return Ok(ExitCode::SUCCESS);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|l| {
            let r = &l.row;
            vec![
                r.id.to_string(),
                r.size.to_string(),
                r.origin.clone().unwrap_or_else(|| "undetermined".into()),
                r.date.as_deref().map(short_date).unwrap_or_default(),
                summary(&l.credit),
                r.headline.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::print(&render(
        &["id", "size", "origin", "date", "credit", "headline"],
        &cells,
        70,
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn short_date(d: &str) -> String {
    d.get(..10).unwrap_or(d).to_string()
}

pub fn show(ctx: &Context, args: ShowArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&ctx.db)?;
    let partners = args.partners.load()?;
    let Some(detail) = store.story(args.story)? else {
        bail!(
            "{}: no story {} (see `reprint stories`)",
            ctx.db.display(),
            args.story
        );
    };
    let view = story_view_with(&detail, partners.as_ref());
    if ctx.json {
        output::println(&serde_json::to_string_pretty(&view)?)?;
    } else {
        output::print(&for_terminal(&describe(&view)))?;
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
    out.push_str(&chains(v));
    for c in v.copies.iter().filter(|c| !c.changes.is_empty()) {
        out.push_str(&format!("\nchanges in {}:\n", c.article.id));
        for ch in c.changes.iter().take(5) {
            let kind = serde_json::to_value(ch.kind).unwrap_or_default();
            out.push_str(&format!(
                "  · {}{}: {}\n",
                kind.as_str().unwrap_or("change"),
                positions(ch),
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

/// Where a change is: "(¶3 → ¶4)", 1-based paragraphs of origin and copy.
fn positions(ch: &reprint_trace::Change) -> String {
    match (ch.origin_paragraph, ch.copy_paragraph) {
        (Some(o), Some(c)) => format!(" (¶{} → ¶{})", o + 1, c + 1),
        (Some(o), None) => format!(" (origin ¶{})", o + 1),
        (None, Some(c)) => format!(" (copy ¶{})", c + 1),
        (None, None) => String::new(),
    }
}

/// Copies that took the text through another copy, hop by hop with each
/// hop's credit, and every copy whose credit to the origin was lost after
/// the first hop. Direct copies are in the table above.
fn chains(v: &StoryView) -> String {
    let mut out = String::new();
    for c in &v.copies {
        let indirect = c.chain.len() > 1;
        if !indirect {
            continue;
        }
        if out.is_empty() {
            out.push_str("\nchains (each hop with the copy's credit to the page it took from):\n");
        }
        let mut line = format!("  {}", c.chain[0].from);
        for hop in &c.chain {
            line.push_str(&format!(" → {} [{}]", hop.to, hop.credit));
        }
        out.push_str(&line);
        out.push('\n');
        for (i, hop) in c.chain.iter().enumerate() {
            out.push_str(&format!(
                "    · hop {}: {} took it from {} ({})\n",
                i + 1,
                hop.to,
                hop.from,
                hop.via
            ));
        }
        if let Some(loss) = &c.credit_lost {
            out.push_str(&format!(
                "    · credit lost at hop {}: {}\n",
                loss.hop + 1,
                loss.detail
            ));
        }
    }
    out
}
