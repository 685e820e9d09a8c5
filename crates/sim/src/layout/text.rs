//! The flattened family: the page as a scraper leaves it, a markdown text
//! with the headline as `# …`, metadata lines, the body's paragraphs and,
//! when the scraper kept them, chrome lines (navigation, share bar,
//! newsletter call, related headlines, footer).

use super::chrome;
use super::datefmt::{self, Local};
use super::{Context, PageSpec, SiteProfile};
use crate::rng::Rng;
use crate::scenario::dates::Precision;
use crate::scenario::{Mark, Place, Seg};

/// Segments as markdown: links as `[text](href)`. Pieces are joined as
/// they are (a tight byline's name and agency run together).
fn segs_md(segs: &[Seg]) -> String {
    segs.iter()
        .map(|s| match s {
            Seg::Text(t) => t.clone(),
            Seg::Link { text, href } => format!("[{text}]({href})"),
        })
        .collect()
}

fn mark_md(m: &Mark) -> String {
    segs_md(&m.text)
}

fn date_line(spec: &PageSpec, p: &SiteProfile) -> Option<String> {
    let d = &spec.dates;
    let zone = datefmt::zone_label(p.offset_minutes, p.numeric_zone);
    let mut parts = Vec::new();
    // A flattened page keeps only what was visible; a structured date
    // without a visible one is printed as the scraper's metadata line.
    let shown = d.visible.or(d.structured);
    if let Some(t) = shown {
        let l = Local::of(t, p.offset_minutes);
        let s = match d.precision {
            Precision::Minute => datefmt::instant(p.time_format, &l, Some(&zone)),
            Precision::LocalMinute => datefmt::instant(p.time_format, &l, None),
            Precision::Day => datefmt::day(p.day_format, &l),
        };
        parts.push(format!("{}{s}", p.date_prefix));
    }
    if let (Some(v), Some(s)) = (d.visible, d.structured) {
        // Two claims that disagree both survive flattening (a visible date
        // and the one in the page's metadata block).
        if v != s {
            let l = Local::of(s, p.offset_minutes);
            parts.push(format!("Date published: {}", datefmt::day(4, &l)));
        }
    }
    if let Some(u) = d.updated {
        let l = Local::of(u, p.offset_minutes);
        parts.push(format!(
            "{}{}",
            p.updated_prefix,
            datefmt::instant(p.time_format, &l, Some(&zone))
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" | "))
}

pub(super) fn render(spec: &PageSpec, p: &SiteProfile, rng: &mut Rng, ctx: &Context) -> String {
    let mut out: Vec<String> = Vec::new();
    let chrome_lines = p.chrome.text_keeps_chrome;
    if chrome_lines && p.chrome.nav {
        out.push(chrome::SECTIONS[..6].join(" | "));
    }
    if let Some(k) = &spec.kicker {
        out.push(k.clone());
    }
    out.push(format!("# {}", spec.title));
    let dek: Vec<String> = spec.marks_at(Place::Dek).map(mark_md).collect();
    if !dek.is_empty() {
        out.push(format!("*{}*", dek.join(" ")));
    }
    let mut byline = String::new();
    if let Some(m) = spec.marks_at(Place::Byline).next() {
        byline.push_str(&mark_md(m));
    } else if let Some(a) = &spec.author {
        byline.push_str(&format!("By {a}"));
    }
    for m in spec.marks_at(Place::BesideByline) {
        byline.push_str(p.beside_separator);
        byline.push_str(&mark_md(m));
    }
    let date = date_line(spec, p);
    match (byline.is_empty(), date, p.date_with_byline) {
        (false, Some(d), true) => out.push(format!("{byline} · {d}")),
        (false, Some(d), false) => {
            out.push(byline);
            out.push(d);
        }
        (false, None, _) => out.push(byline),
        (true, Some(d), _) => out.push(d),
        (true, None, _) => {}
    }
    for m in spec.marks_at(Place::BoxBefore) {
        out.push(format!("_{}_", mark_md(m)));
    }
    if let Some(photo) = &spec.photo {
        let credits: Vec<String> = spec.marks_at(Place::Caption).map(mark_md).collect();
        out.push(format!(
            "![{}](https://www.{}/images/0.jpg)",
            photo.description, spec.site.host
        ));
        out.push(
            format!("{} {}", photo.description, credits.join(" "))
                .trim_end()
                .to_string(),
        );
    }
    let mut paras: Vec<String> = spec.paragraphs.clone();
    if !paras.is_empty() {
        for m in spec
            .marks_at(Place::RunningText)
            .chain(spec.marks_at(Place::EndOfBody))
        {
            let last = paras.len() - 1;
            paras[last] = format!("{} {}", paras[last], mark_md(m));
        }
        let dateline = spec
            .marks_at(Place::FirstParagraph)
            .chain(spec.marks_at(Place::SecondParagraph))
            .next();
        if let Some(m) = dateline {
            paras[0] = format!("{}{}", mark_md(m), paras[0]);
            if m.place == Place::SecondParagraph {
                paras.insert(0, format!("**{}**", spec.title));
            }
        }
    }
    out.extend(paras);
    for m in spec.marks_at(Place::LastParagraph) {
        out.push(format!("*{}*", mark_md(m)));
    }
    for m in spec.marks_at(Place::BoxAfter) {
        out.push(mark_md(m));
    }
    if let Some(c) = &spec.carried {
        out.push(c.clone());
    }
    for m in spec.marks_at(Place::Aside) {
        out.push(format!("> {}", mark_md(m)));
    }
    for m in spec.marks_at(Place::ArticleFooter) {
        out.push(mark_md(m));
    }
    for n in &spec.notices {
        out.push(segs_md(n));
    }
    if chrome_lines && (p.chrome.share_bottom || p.chrome.share_top) {
        out.push(format!("Share this: {}", chrome::SHARE[..4].join(" ")));
    }
    out.push(chrome::newsletter(spec.site));
    if chrome_lines && p.chrome.related_after && !ctx.headlines.is_empty() {
        out.push("Related:".into());
        for _ in 0..3 {
            out.push(format!(
                "- {}",
                ctx.headlines[rng.below(ctx.headlines.len())]
            ));
        }
    }
    for m in spec.marks_at(Place::Sidebar) {
        out.push(mark_md(m));
        if !ctx.headlines.is_empty() {
            out.push(format!(
                "- {}",
                ctx.headlines[rng.below(ctx.headlines.len())]
            ));
        }
    }
    if chrome_lines {
        out.extend(chrome::footer_lines(rng, spec.site, spec.year));
    }
    let mut page = out.join("\n\n");
    page.push('\n');
    page
}

/// Markdown links `[text](href)` reduced to their text, images dropped;
/// brackets that open no link (an editor's "[Trump]") stay as they are.
pub(super) fn strip_markdown_links(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(open) = rest.find('[') {
        let (before, after) = rest.split_at(open);
        let link = after.find(']').and_then(|close| {
            let tail = after[close + 1..].strip_prefix('(')?;
            let end = tail.find(')')?;
            Some((close, close + 2 + end + 1))
        });
        match link {
            Some((close, end)) => {
                if let Some(b) = before.strip_suffix('!') {
                    out.push_str(b);
                } else {
                    out.push_str(before);
                    out.push_str(&after[1..close]);
                }
                rest = &after[end..];
            }
            None => {
                out.push_str(before);
                out.push('[');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_as_their_text() {
        assert_eq!(
            strip_markdown_links(
                "he [Trump] said. ![photo](x.jpg) More from [Ledger](https://l.com/) now"
            ),
            "he [Trump] said.  More from Ledger now"
        );
    }
}
