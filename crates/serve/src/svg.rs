//! The story page's charts as inline SVG, drawn on the server: a timeline
//! of appearances and a graph of who copied whom, coloured by credit verdict
//! through CSS classes (no inline styles, so the CSP needs no
//! `unsafe-inline`). Labels are page-derived and go through [`Html`]'s
//! escaping like everything else.

use std::collections::HashMap;

use reprint_app::stories::StoryDetail;
use reprint_store::queries::MemberLink;

use crate::html::Html;

/// A member's role for colouring: `origin`, or its credit verdict.
fn roles(d: &StoryDetail) -> HashMap<i64, &'static str> {
    let mut m: HashMap<i64, &'static str> = d
        .story
        .copies
        .iter()
        .map(|c| (c.key, c.credit.as_str()))
        .collect();
    if let Some(k) = d.story.origin.article_key() {
        m.insert(k, "origin");
    }
    m
}

fn label(d: &StoryDetail, key: i64) -> String {
    d.member(key)
        .and_then(|m| m.site.clone().or_else(|| m.url.clone()))
        .unwrap_or_else(|| format!("article {key}"))
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Days since 1970-01-01 of an ISO date's first ten characters, if valid.
pub fn days(date: &str) -> Option<i64> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Timeline: one row per member, a dot at its publication (or fetch) date.
pub fn timeline(d: &StoryDetail) -> Html {
    let roles = roles(d);
    let mut rows: Vec<(i64, Option<i64>, String, String)> = d
        .members
        .iter()
        .map(|m| {
            let date = m
                .published
                .clone()
                .or_else(|| m.fetched.clone())
                .unwrap_or_default();
            (
                m.key,
                days(&date),
                date.chars().take(10).collect(),
                label(d, m.key),
            )
        })
        .collect();
    rows.sort_by_key(|r| (r.1.is_none(), r.1, r.0));
    let dated: Vec<i64> = rows.iter().filter_map(|r| r.1).collect();
    let (lo, hi) = match (dated.iter().min(), dated.iter().max()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => (0, 0),
    };
    let span = (hi - lo).max(1) as f64;
    let (left, right, row_h) = (190.0, 560.0, 22.0);
    let height = 40.0 + row_h * rows.len() as f64;
    let mut h = Html::new();
    h.raw("<svg class=\"timeline\" id=\"timeline\" role=\"img\" viewBox=\"0 0 640 ")
        .f(height, 0)
        .raw("\" aria-label=\"Timeline of appearances\"><title>Timeline of appearances</title>");
    h.raw("<line class=\"axis\" x1=\"190\" x2=\"560\" y1=\"")
        .f(height - 20.0, 0)
        .raw("\" y2=\"")
        .f(height - 20.0, 0)
        .raw("\"/>");
    for (i, (key, day, date, name)) in rows.iter().enumerate() {
        let y = 20.0 + row_h * i as f64;
        let role = roles.get(key).copied().unwrap_or("none");
        h.raw("<g class=\"row\"><text class=\"lbl\" x=\"184\" y=\"")
            .f(y + 4.0, 1)
            .raw("\" text-anchor=\"end\">")
            .text(&short(name, 26))
            .raw("</text>");
        match day {
            Some(day) => {
                let x = left + (right - left) * ((day - lo) as f64 / span);
                h.raw("<a")
                    .href_local("/articles/", &key.to_string())
                    .raw("><circle class=\"dot ")
                    .text(role)
                    .raw("\" cx=\"")
                    .f(x, 1)
                    .raw("\" cy=\"")
                    .f(y, 1)
                    .raw("\" r=\"7\"><title>")
                    .text(name)
                    .raw(" · ")
                    .text(date)
                    .raw(" · ")
                    .text(role)
                    .raw("</title></circle></a><text class=\"date\" x=\"")
                    .f(x + 11.0, 1)
                    .raw("\" y=\"")
                    .f(y + 4.0, 1)
                    .raw("\">")
                    .text(date)
                    .raw("</text>");
            }
            None => {
                h.raw("<text class=\"date undated\" x=\"196\" y=\"")
                    .f(y + 4.0, 1)
                    .raw("\">no date</text>");
            }
        }
        h.raw("</g>");
    }
    if !dated.is_empty() {
        let first: String = rows
            .iter()
            .find(|r| r.1 == Some(lo))
            .map(|r| r.2.clone())
            .unwrap_or_default();
        let last: String = rows
            .iter()
            .find(|r| r.1 == Some(hi))
            .map(|r| r.2.clone())
            .unwrap_or_default();
        h.raw("<text class=\"tick\" x=\"190\" y=\"")
            .f(height - 4.0, 0)
            .raw("\">")
            .text(&first)
            .raw("</text><text class=\"tick\" x=\"560\" text-anchor=\"end\" y=\"")
            .f(height - 4.0, 0)
            .raw("\">")
            .text(&last)
            .raw("</text>");
    }
    h.raw("</svg>");
    h
}

/// Who copied whom: the origin in the middle, copies around it, an arrow
/// from the origin to each copy coloured by that copy's credit verdict;
/// other stored pairs between members as thin grey lines.
pub fn graph(d: &StoryDetail, links: &[MemberLink]) -> Html {
    let roles = roles(d);
    let origin = d.story.origin.article_key();
    let (cx, cy, radius) = (320.0_f64, 210.0_f64, 160.0_f64);
    let others: Vec<i64> = d
        .story
        .members
        .iter()
        .copied()
        .filter(|k| Some(*k) != origin)
        .collect();
    let n = others.len().max(1) as f64;
    let mut pos: HashMap<i64, (f64, f64)> = HashMap::new();
    for (i, k) in others.iter().enumerate() {
        let t = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
        pos.insert(*k, (cx + radius * t.cos(), cy + radius * t.sin()));
    }
    if let Some(o) = origin {
        pos.insert(o, (cx, cy));
    }
    let mut h = Html::new();
    h.raw("<svg class=\"graph\" id=\"graph\" role=\"img\" viewBox=\"0 0 640 420\" aria-label=\"Who copied whom\"><title>Who copied whom</title>")
        .raw("<defs>");
    for v in [
        "credited",
        "partial",
        "uncredited",
        "licensed",
        "not-applicable",
    ] {
        h.raw("<marker id=\"arrow-")
            .text(v)
            .raw("\" class=\"arrow ")
            .text(v)
            .raw("\" viewBox=\"0 0 10 10\" refX=\"19\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\"/></marker>");
    }
    h.raw("</defs>");
    for l in links {
        let (Some(a), Some(b)) = (pos.get(&l.a), pos.get(&l.b)) else {
            continue;
        };
        if origin == Some(l.a) || origin == Some(l.b) {
            continue;
        }
        h.raw("<line class=\"pair ")
            .text(if l.kind == "copy" {
                "copy"
            } else {
                "partial-reuse"
            })
            .raw("\" x1=\"")
            .f(a.0, 1)
            .raw("\" y1=\"")
            .f(a.1, 1)
            .raw("\" x2=\"")
            .f(b.0, 1)
            .raw("\" y2=\"")
            .f(b.1, 1)
            .raw("\"/>");
    }
    // An origin outside the corpus (or undetermined) is drawn as a hub.
    let hub = (cx, cy);
    let from = origin.and_then(|o| pos.get(&o)).or(Some(&hub));
    if let Some(o) = from {
        for c in &d.story.copies {
            let Some(p) = pos.get(&c.key) else { continue };
            let v = c.credit.as_str();
            h.raw("<line class=\"edge ")
                .text(v)
                .raw("\" marker-end=\"url(#arrow-")
                .text(v)
                .raw(")\" x1=\"")
                .f(o.0, 1)
                .raw("\" y1=\"")
                .f(o.1, 1)
                .raw("\" x2=\"")
                .f(p.0, 1)
                .raw("\" y2=\"")
                .f(p.1, 1)
                .raw("\"><title>")
                .text(v)
                .raw("</title></line>");
        }
    }
    for k in &d.story.members {
        let Some((x, y)) = pos.get(k) else { continue };
        let role = roles.get(k).copied().unwrap_or("none");
        let name = label(d, *k);
        h.raw("<a class=\"node\"")
            .href_local("/articles/", &k.to_string())
            .raw("><circle class=\"dot ")
            .text(role)
            .raw("\" cx=\"")
            .f(*x, 1)
            .raw("\" cy=\"")
            .f(*y, 1)
            .raw("\" r=\"")
            .f(if Some(*k) == origin { 14.0 } else { 10.0 }, 0)
            .raw("\"><title>")
            .text(&name)
            .raw(" · ")
            .text(role)
            .raw("</title></circle><text class=\"lbl\" text-anchor=\"middle\" x=\"")
            .f(*x, 1)
            .raw("\" y=\"")
            .f(y + if Some(*k) == origin { 30.0 } else { 24.0 }, 1)
            .raw("\">")
            .text(&short(&name, 22))
            .raw("</text></a>");
    }
    if origin.is_none() {
        h.raw("<circle class=\"dot hub\" cx=\"320\" cy=\"210\" r=\"14\"/><text class=\"note\" x=\"320\" y=\"240\" text-anchor=\"middle\">origin: ")
            .text(match &d.story.origin {
                reprint_trace::Origin::External { outlet, .. } => outlet,
                _ => "undetermined",
            })
            .raw("</text>");
    }
    h.raw("</svg>");
    h
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_from_dates() {
        assert_eq!(super::days("1970-01-01"), Some(0));
        assert_eq!(super::days("2015-07-04T10:00:00Z"), Some(16620));
        assert_eq!(super::days("2015-13-04"), None);
        assert_eq!(super::days("garbage"), None);
    }
}
