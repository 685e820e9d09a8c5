//! HTML families: semantic HTML5, div soup, a WordPress theme and an old
//! table layout, built from one skeleton whose tags, classes, nesting and
//! chrome the site's profile decides.

use super::chrome;
use super::datefmt::{self, Local};
use super::{Context, Family, PageSpec, SiteProfile};
use crate::rng::Rng;
use crate::scenario::dates::Precision;
use crate::scenario::{Mark, Place, Seg};

/// Escapes text for element content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Tag names of a family.
struct Tags {
    article: &'static str,
    header: &'static str,
    aside: &'static str,
    footer: &'static str,
    nav: &'static str,
    headline: &'static str,
    figure: &'static str,
    caption: &'static str,
    main: &'static str,
}

fn tags(family: Family) -> Tags {
    match family {
        Family::Semantic => Tags {
            article: "article",
            header: "header",
            aside: "aside",
            footer: "footer",
            nav: "nav",
            headline: "h1",
            figure: "figure",
            caption: "figcaption",
            main: "main",
        },
        Family::WordPress => Tags {
            article: "article",
            header: "header",
            aside: "aside",
            footer: "footer",
            nav: "nav",
            headline: "h1",
            figure: "div",
            caption: "p",
            main: "div",
        },
        _ => Tags {
            article: "div",
            header: "div",
            aside: "div",
            footer: "div",
            nav: "div",
            headline: "h2",
            figure: "div",
            caption: "span",
            main: "div",
        },
    }
}

/// A mark's words as HTML: links as anchors; a tight mark's pieces in
/// adjacent spans with nothing between them.
fn mark_html(m: &Mark) -> String {
    segs_html(&m.text, m.tight)
}

/// A mark as the site sets it: with non-breaking spaces where its
/// template uses them.
fn mark_in(m: &Mark, p: &SiteProfile) -> String {
    let html = mark_html(m);
    if p.nbsp_in_credits {
        nbsp_outside_tags(&html)
    } else {
        html
    }
}

/// Spaces outside tags as `&nbsp;`.
fn nbsp_outside_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            ' ' if !in_tag => {
                out.push_str("&nbsp;");
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

fn segs_html(segs: &[Seg], tight: bool) -> String {
    segs.iter()
        .map(|s| {
            let inner = match s {
                Seg::Text(t) => esc(t),
                Seg::Link { text, href } => {
                    format!("<a href=\"{}\">{}</a>", esc(href), esc(text))
                }
            };
            if tight {
                format!("<span>{inner}</span>")
            } else {
                inner
            }
        })
        .collect()
}

/// The dates as the page prints them and as its structured places hold them.
struct Dates {
    visible: Option<String>,
    updated: Option<String>,
    /// ISO forms for JSON-LD, meta and `<time>`.
    published_iso: Option<String>,
    modified_iso: Option<String>,
}

fn dates(spec: &PageSpec, p: &SiteProfile) -> Dates {
    let d = &spec.dates;
    let zone = datefmt::zone_label(p.offset_minutes, p.numeric_zone);
    let visible = d.visible.map(|t| {
        let l = Local::of(t, p.offset_minutes);
        let shown = match d.precision {
            Precision::Minute => datefmt::instant(p.time_format, &l, Some(&zone)),
            Precision::LocalMinute => datefmt::instant(p.time_format, &l, None),
            Precision::Day => datefmt::day(p.day_format, &l),
        };
        format!("{}{shown}", p.date_prefix)
    });
    let updated = d.updated.map(|t| {
        let l = Local::of(t, p.offset_minutes);
        format!(
            "{}{}",
            p.updated_prefix,
            datefmt::instant(p.time_format, &l, Some(&zone))
        )
    });
    let published_iso = d.structured.map(|t| match d.precision {
        Precision::Minute => datefmt::iso_instant(t, p.offset_minutes, p.utc_iso),
        Precision::LocalMinute => datefmt::iso_local(t, p.offset_minutes),
        Precision::Day => datefmt::iso_day(t, p.offset_minutes),
    });
    let modified_iso = d
        .updated
        .map(|t| datefmt::iso_instant(t, p.offset_minutes, p.utc_iso));
    Dates {
        visible,
        updated,
        published_iso,
        modified_iso,
    }
}

/// Whether structured dates must go into JSON-LD although the site's
/// template has none: a page's structured date must be on the page
/// somewhere (a conflict is between two places).
fn needs_jsonld(spec: &PageSpec, p: &SiteProfile) -> bool {
    let elsewhere = p.meta_date || (p.time_element && spec.dates.visible.is_some());
    p.jsonld || (spec.dates.structured.is_some() && !elsewhere)
}

fn head(h: &mut String, spec: &PageSpec, p: &SiteProfile, d: &Dates, rng: &mut Rng) {
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    let suffix = match rng.below(4) {
        0 => String::new(),
        1 => format!(" | {}", spec.site.name),
        2 => format!(" - {}", spec.site.name),
        _ => format!(" – {}", spec.site.host),
    };
    h.push_str(&format!(
        "<title>{}{}</title>\n",
        esc(&spec.title),
        esc(&suffix)
    ));
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    if p.og_site_name {
        h.push_str(&format!(
            "<meta property=\"og:site_name\" content=\"{}\">\n",
            esc(spec.site.name)
        ));
    }
    h.push_str(&format!(
        "<meta property=\"og:title\" content=\"{}\">\n<meta property=\"og:url\" content=\"{}\">\n",
        esc(&spec.title),
        esc(&spec.url)
    ));
    if let Some(first) = spec.paragraphs.first() {
        h.push_str(&format!(
            "<meta name=\"description\" content=\"{}\">\n",
            esc(&chrome::teaser(first, 25))
        ));
    }
    if p.meta_date {
        if let Some(iso) = &d.published_iso {
            h.push_str(&format!(
                "<meta property=\"article:published_time\" content=\"{iso}\">\n"
            ));
        }
        if let Some(iso) = &d.modified_iso {
            h.push_str(&format!(
                "<meta property=\"article:modified_time\" content=\"{iso}\">\n"
            ));
        }
    }
    if needs_jsonld(spec, p) {
        let mut fields = vec![
            ("@context".to_string(), json("https://schema.org")),
            ("@type".to_string(), json("NewsArticle")),
            ("headline".to_string(), json(&spec.title)),
            ("url".to_string(), json(&spec.url)),
        ];
        if let Some(iso) = &d.published_iso {
            fields.push(("datePublished".into(), json(iso)));
        }
        if let Some(iso) = &d.modified_iso {
            fields.push(("dateModified".into(), json(iso)));
        }
        if let Some(a) = &spec.author {
            fields.push((
                "author".into(),
                format!("{{\"@type\":\"Person\",\"name\":{}}}", json(a)),
            ));
        }
        if p.og_site_name {
            fields.push((
                "publisher".into(),
                format!(
                    "{{\"@type\":\"Organization\",\"name\":{}}}",
                    json(spec.site.name)
                ),
            ));
        }
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}:{v}", json(k)))
            .collect();
        h.push_str(&format!(
            "<script type=\"application/ld+json\">{{{}}}</script>\n",
            body.join(",").replace("</", "<\\/")
        ));
    }
    h.push_str("<link rel=\"stylesheet\" href=\"/assets/site.css\">\n<script>window.dataLayer = window.dataLayer || [];</script>\n</head>\n");
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn site_header(h: &mut String, spec: &PageSpec, p: &SiteProfile, t: &Tags, rng: &mut Rng) {
    if p.chrome.consent {
        h.push_str(&format!(
            "<div class=\"cookie-consent\" role=\"dialog\"><p>{}</p><button>Accept</button> <button>Manage settings</button></div>\n",
            esc(rng.pick::<&str>(chrome::CONSENT))
        ));
    }
    h.push_str(&format!("<{} class=\"site-header\">", t.header));
    if rng.chance(0.3) {
        h.push_str(&format!(
            "<a href=\"/\" class=\"logo\"><img src=\"/img/logo.png\" alt=\"{}\"></a>",
            esc(spec.site.name)
        ));
    } else {
        h.push_str(&format!(
            "<a href=\"/\" class=\"logo\">{}</a>",
            esc(spec.site.name)
        ));
    }
    if p.chrome.nav {
        h.push_str(&format!("<{} class=\"main-nav\"><ul>", t.nav));
        for s in chrome::SECTIONS.iter().take(6 + (p.nesting % 5)) {
            h.push_str(&format!(
                "<li><a href=\"/{}\">{}</a></li>",
                s.to_lowercase().replace(' ', "-"),
                esc(s)
            ));
        }
        h.push_str(&format!("</ul></{}>", t.nav));
    }
    h.push_str(&format!("</{}>\n", t.header));
}

fn ticker(h: &mut String, ctx: &Context, rng: &mut Rng) {
    if let Some(line) = pick_headline(ctx, rng) {
        h.push_str(&format!(
            "<div class=\"breaking-ticker\"><strong>Breaking:</strong> <a href=\"/breaking\">{}</a></div>\n",
            esc(&line)
        ));
    }
}

fn pick_headline(ctx: &Context, rng: &mut Rng) -> Option<String> {
    (!ctx.headlines.is_empty()).then(|| ctx.headlines[rng.below(ctx.headlines.len())].clone())
}

/// The byline line: the byline mark or "By NAME", what sits beside it, and
/// the date when the template prints them together.
fn byline_html(spec: &PageSpec, p: &SiteProfile, d: &Dates, rng: &mut Rng) -> Option<String> {
    let mut inner = String::new();
    if let Some(m) = spec.marks_at(Place::Byline).next() {
        inner.push_str(&format!(
            "<span class=\"author-name\">{}</span>",
            mark_in(m, p)
        ));
    } else if let Some(a) = &spec.author {
        let by = *rng.pick(&["By ", "By ", "by ", ""]);
        inner.push_str(&format!(
            "{by}<a class=\"author-link\" href=\"/author/{}\">{}</a>",
            a.to_lowercase().replace(' ', "-"),
            esc(a)
        ));
    }
    for m in spec.marks_at(Place::BesideByline) {
        inner.push_str(&format!(
            "{}<span class=\"byline-source\">{}</span>",
            esc(p.beside_separator),
            mark_in(m, p)
        ));
    }
    if p.date_with_byline && p.date_on_top {
        if let Some(date) = date_html(spec, p, d) {
            if !inner.is_empty() {
                inner.push_str(" <span class=\"sep\">·</span> ");
            }
            inner.push_str(&date);
        }
    }
    (!inner.is_empty()).then(|| format!("<div class=\"{}\">{inner}</div>", p.classes.byline))
}

/// The visible date (in a `<time>` element carrying the structured value
/// when the template has one) and the "Updated" time.
fn date_html(spec: &PageSpec, p: &SiteProfile, d: &Dates) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(v) = &d.visible {
        match (&d.published_iso, p.time_element) {
            (Some(iso), true) => parts.push(format!(
                "<time datetime=\"{iso}\" class=\"{}\">{}</time>",
                p.classes.date,
                esc(v)
            )),
            _ => parts.push(format!(
                "<span class=\"{}\">{}</span>",
                p.classes.date,
                esc(v)
            )),
        }
    }
    if let Some(u) = &d.updated {
        match (&d.modified_iso, p.time_element) {
            (Some(iso), true) => parts.push(format!(
                "<time datetime=\"{iso}\" class=\"updated\">{}</time>",
                esc(u)
            )),
            _ => parts.push(format!("<span class=\"updated\">{}</span>", esc(u))),
        }
    }
    let _ = spec;
    (!parts.is_empty()).then(|| parts.join(" | "))
}

fn photo_html(spec: &PageSpec, p: &SiteProfile, t: &Tags, n: usize) -> Option<String> {
    let photo = spec.photo.as_ref()?;
    let credits: Vec<String> = spec.marks_at(Place::Caption).map(mark_html).collect();
    let caption = if credits.is_empty() {
        esc(&photo.description)
    } else {
        format!("{} {}", esc(&photo.description), credits.join(" "))
    };
    Some(format!(
        "<{fig} class=\"photo\"><img src=\"https://www.{host}/images/{n}.jpg\" alt=\"{alt}\"><{cap} class=\"{cc}\">{caption}</{cap}></{fig}>",
        fig = t.figure,
        cap = t.caption,
        host = spec.site.host,
        alt = esc(&photo.description),
        cc = p.classes.caption,
    ))
}

/// A box of marks (credit lines before or after the body).
fn credit_box(marks: &[&Mark], p: &SiteProfile, rng: &mut Rng) -> Option<String> {
    if marks.is_empty() {
        return None;
    }
    let lines: Vec<String> = marks.iter().map(|m| mark_in(m, p)).collect();
    Some(if p.credit_as_paragraph {
        let wrap = *rng.pick(&["em", "i", "strong", "small"]);
        format!(
            "<p class=\"{}\"><{wrap}>{}</{wrap}></p>",
            p.classes.credit,
            lines.join(" ")
        )
    } else {
        format!(
            "<div class=\"{}\">{}</div>",
            p.classes.credit,
            lines
                .iter()
                .map(|l| format!("<p>{l}</p>"))
                .collect::<String>()
        )
    })
}

/// The body's paragraphs as HTML pieces, with the marks placed in the text
/// (datelines, running mentions, sign-offs) and the in-body chrome.
fn body_items(
    spec: &PageSpec,
    p: &SiteProfile,
    t: &Tags,
    ctx: &Context,
    rng: &mut Rng,
) -> Vec<String> {
    let mut paras: Vec<String> = spec.paragraphs.iter().map(|x| esc(x)).collect();
    if paras.is_empty() {
        return paras;
    }
    for m in spec.marks_at(Place::RunningText) {
        let at = if rng.chance(0.5) {
            paras.len() - 1
        } else {
            paras.len() / 2
        };
        paras[at] = format!("{} {}", paras[at], mark_html(m));
    }
    for m in spec.marks_at(Place::EndOfBody) {
        let last = paras.len() - 1;
        paras[last] = format!("{} {}", paras[last], mark_in(m, p));
    }
    let dateline = spec
        .marks_at(Place::FirstParagraph)
        .chain(spec.marks_at(Place::SecondParagraph))
        .next();
    if let Some(m) = dateline {
        let line = if p.bold_dateline {
            format!("<strong>{}</strong>", mark_in(m, p).trim_end())
        } else {
            mark_in(m, p)
        };
        let sep = if line.ends_with(' ') || !p.bold_dateline {
            ""
        } else {
            " "
        };
        paras[0] = format!("{line}{sep}{}", paras[0]);
        if m.place == Place::SecondParagraph {
            paras.insert(0, format!("<strong>{}</strong>", esc(&spec.title)));
        }
    }
    let mut items = Vec::new();
    for (i, para) in paras.into_iter().enumerate() {
        items.push(if p.div_paragraphs {
            format!("<div class=\"{}\">{para}</div>", p.classes.paragraph)
        } else {
            format!("<p>{para}</p>")
        });
        if i == 1 && p.chrome.photo_in_body {
            if let Some(ph) = photo_html(spec, p, t, i) {
                items.push(ph);
            }
        }
        if p.chrome.ads_in_body && (i == 2 || i == 6) {
            items.push("<div class=\"ad-slot\"><span>Advertisement</span></div>".into());
        }
        if p.chrome.read_more_in_body && i == 3 {
            if let Some(hl) = pick_headline(ctx, rng) {
                items.push(format!(
                    "<p class=\"read-more\"><strong>READ MORE:</strong> <a href=\"https://www.{}/news/{}\">{}</a></p>",
                    spec.site.host,
                    rng.below(90_000),
                    esc(&hl)
                ));
            }
        }
        if p.chrome.pullquote && i == 4 {
            if let Some(q) = pull_sentence(&spec.paragraphs) {
                items.push(format!(
                    "<blockquote class=\"pullquote\"><p>{}</p></blockquote>",
                    esc(&q)
                ));
            }
        }
    }
    for m in spec.marks_at(Place::LastParagraph) {
        items.push(format!("<p><em>{}</em></p>", mark_in(m, p)));
    }
    items
}

/// A sentence of the body for a pull quote: the first of the third
/// paragraph with eight words or more.
fn pull_sentence(paragraphs: &[String]) -> Option<String> {
    let p = paragraphs.get(2)?;
    let s = p.split_inclusive(['.', '?', '!']).next()?.trim();
    (s.split_whitespace().count() >= 8).then(|| s.to_string())
}

fn share(p: &SiteProfile) -> String {
    let links: String = chrome::SHARE
        .iter()
        .map(|s| format!("<a href=\"#share-{}\">{s}</a> ", s.to_lowercase()))
        .collect();
    format!(
        "<div class=\"{}\"><span>Share this article:</span> {links}</div>",
        p.classes.share
    )
}

fn related(spec: &PageSpec, p: &SiteProfile, ctx: &Context, rng: &mut Rng, title: &str) -> String {
    let mut items = String::new();
    for _ in 0..3 {
        if ctx.headlines.is_empty() {
            break;
        }
        let k = rng.below(ctx.headlines.len());
        let teaser = ctx
            .teasers
            .get(k)
            .map(|t| format!(" <span class=\"teaser\">{}</span>", esc(t)))
            .unwrap_or_default();
        items.push_str(&format!(
            "<li><a href=\"https://www.{}/news/{}\">{}</a>{teaser}</li>",
            spec.site.host,
            rng.below(90_000),
            esc(&ctx.headlines[k])
        ));
    }
    format!(
        "<div class=\"{}\"><h3>{title}</h3><ul>{items}</ul></div>",
        p.classes.related
    )
}

fn recommended(rng: &mut Rng) -> String {
    let mut items = String::new();
    for _ in 0..3 {
        items.push_str(&format!(
            "<li><a href=\"https://trc.sponsor.example/click?id={}\">{}</a></li>",
            rng.below(1_000_000),
            esc(rng.pick::<&str>(chrome::SPONSORED))
        ));
    }
    format!(
        "<div class=\"trc_rbox\"><span class=\"trc_header\">{}</span><ul>{items}</ul></div>",
        esc(rng.pick::<&str>(chrome::RECOMMENDERS))
    )
}

fn newsletter(spec: &PageSpec, p: &SiteProfile) -> String {
    format!(
        "<div class=\"{}\"><p>{}</p><form><input type=\"email\" placeholder=\"Email address\"><button>Sign up</button></form></div>",
        p.classes.newsletter,
        esc(&chrome::newsletter(spec.site))
    )
}

fn sidebar(spec: &PageSpec, p: &SiteProfile, t: &Tags, ctx: &Context, rng: &mut Rng) -> String {
    let mut s = format!(
        "<{} class=\"{}\"><h3>Most Read</h3><ol>",
        t.aside, p.classes.sidebar
    );
    for _ in 0..5 {
        if let Some(hl) = pick_headline(ctx, rng) {
            s.push_str(&format!(
                "<li><a href=\"https://www.{}/news/{}\">{}</a></li>",
                spec.site.host,
                rng.below(90_000),
                esc(&hl)
            ));
        }
    }
    s.push_str("</ol>");
    for m in spec.marks_at(Place::Sidebar) {
        let base = m
            .text
            .iter()
            .find_map(|seg| match seg {
                Seg::Link { href, .. } => Some(href.clone()),
                Seg::Text(_) => None,
            })
            .unwrap_or_else(|| "/".into());
        s.push_str(&format!(
            "<div class=\"partner-box\"><h4>{}</h4><ul>",
            mark_html(m)
        ));
        for _ in 0..3 {
            if let Some(hl) = pick_headline(ctx, rng) {
                s.push_str(&format!(
                    "<li><a href=\"{}news/{}\">{}</a></li>",
                    esc(&base),
                    rng.below(90_000),
                    esc(&hl)
                ));
            }
        }
        s.push_str("</ul></div>");
    }
    if p.chrome.subscribe {
        s.push_str(&format!(
            "<div class=\"promo\">{}</div>",
            esc(&chrome::subscribe(spec.site))
        ));
    }
    s.push_str(&format!("</{}>", t.aside));
    s
}

fn comments(rng: &mut Rng) -> String {
    let n = 2 + rng.below(3);
    let mut s = format!(
        "<section id=\"comments\"><h3>{} Comments</h3>",
        n + rng.below(40)
    );
    for _ in 0..n {
        let (who, what) = rng.pick(chrome::COMMENTS);
        s.push_str(&format!(
            "<div class=\"comment\"><b class=\"comment-author\">{}</b><p>{}</p></div>",
            esc(who),
            esc(what)
        ));
    }
    s.push_str("</section>");
    s
}

fn site_footer(h: &mut String, spec: &PageSpec, t: &Tags, rng: &mut Rng) {
    h.push_str(&format!("<{} class=\"site-footer\">", t.footer));
    for line in chrome::footer_lines(rng, spec.site, spec.year) {
        h.push_str(&format!("<p>{}</p>", esc(&line)));
    }
    h.push_str(&format!("</{}>\n", t.footer));
}

/// The article footer: copyright and other footer marks, notices, tags,
/// share bar.
fn article_footer(spec: &PageSpec, p: &SiteProfile, t: &Tags) -> Option<String> {
    let mut inner = String::new();
    for m in spec.marks_at(Place::ArticleFooter) {
        inner.push_str(&format!("<p class=\"copyright\">{}</p>", mark_in(m, p)));
    }
    for n in &spec.notices {
        inner.push_str(&format!(
            "<p class=\"notice\"><small>{}</small></p>",
            segs_html(n, false)
        ));
    }
    if p.chrome.tags_line {
        inner.push_str("<p class=\"tags\">Tags: <a href=\"/tag/politics\">Politics</a>, <a href=\"/tag/election\">Election</a></p>");
    }
    if p.chrome.share_bottom {
        inner.push_str(&share(p));
    }
    (!inner.is_empty()).then(|| {
        format!(
            "<{f} class=\"{}\">{inner}</{f}>",
            p.classes.footer,
            f = t.footer
        )
    })
}

pub(super) fn render(spec: &PageSpec, p: &SiteProfile, rng: &mut Rng, ctx: &Context) -> String {
    let t = tags(p.family);
    let d = dates(spec, p);
    let mut h = String::with_capacity(16_384);
    head(&mut h, spec, p, &d, rng);
    h.push_str("<body>\n");
    site_header(&mut h, spec, p, &t, rng);
    if p.chrome.ticker {
        ticker(&mut h, ctx, rng);
    }
    if p.family == Family::Table {
        table_layout(&mut h, spec, p, &t, &d, ctx, rng);
    } else {
        block_layout(&mut h, spec, p, &t, &d, ctx, rng);
    }
    site_footer(&mut h, spec, &t, rng);
    h.push_str("</body></html>\n");
    h
}

#[allow(clippy::too_many_arguments)]
fn block_layout(
    h: &mut String,
    spec: &PageSpec,
    p: &SiteProfile,
    t: &Tags,
    d: &Dates,
    ctx: &Context,
    rng: &mut Rng,
) {
    let c = &p.classes;
    h.push_str(&format!("<{} class=\"{}\">\n", t.main, c.wrapper));
    if p.chrome.breadcrumbs {
        h.push_str("<div class=\"breadcrumbs\"><a href=\"/\">Home</a> &gt; <a href=\"/news\">News</a> &gt; <a href=\"/news/politics\">Politics</a></div>\n");
    }
    for k in 0..p.nesting {
        h.push_str(&format!(
            "<div class=\"{}-{k}\">",
            c.wrapper.split(' ').next().unwrap_or("w")
        ));
    }
    h.push_str(&format!("<{} class=\"{}\">\n", t.article, c.article));
    // Header: kicker, headline, dek, byline, date, share bar.
    h.push_str(&format!("<{} class=\"{}\">", t.header, c.header));
    if let Some(k) = &spec.kicker {
        h.push_str(&format!("<div class=\"{}\">{}</div>", c.kicker, esc(k)));
    }
    h.push_str(&format!(
        "<{0} class=\"{1}\">{2}</{0}>",
        t.headline,
        c.headline,
        esc(&spec.title)
    ));
    let dek: Vec<String> = spec.marks_at(Place::Dek).map(|m| mark_in(m, p)).collect();
    if !dek.is_empty() {
        h.push_str(&format!("<p class=\"{}\">{}</p>", c.dek, dek.join(" ")));
    }
    if let Some(b) = byline_html(spec, p, d, rng) {
        h.push_str(&b);
    }
    if p.date_on_top && !p.date_with_byline {
        if let Some(date) = date_html(spec, p, d) {
            h.push_str(&format!("<div class=\"meta\">{date}</div>"));
        }
    }
    if p.chrome.share_top {
        h.push_str(&share(p));
    }
    h.push_str(&format!("</{}>\n", t.header));
    let before: Vec<&Mark> = spec.marks_at(Place::BoxBefore).collect();
    if let Some(b) = credit_box(&before, p, rng) {
        h.push_str(&b);
    }
    if !p.chrome.photo_in_body {
        if let Some(ph) = photo_html(spec, p, t, 0) {
            h.push_str(&ph);
        }
    }
    h.push_str(&format!("<div class=\"{}\">\n", c.body));
    for item in body_items(spec, p, t, ctx, rng) {
        h.push_str(&item);
        h.push('\n');
    }
    if p.chrome.recommended && p.chrome.recommended_in_body {
        h.push_str(&recommended(rng));
    }
    h.push_str("</div>\n");
    let after: Vec<&Mark> = spec.marks_at(Place::BoxAfter).collect();
    if let Some(b) = credit_box(&after, p, rng) {
        h.push_str(&b);
    }
    if let Some(carried) = &spec.carried {
        h.push_str(&format!("<p class=\"promo-line\">{}</p>", esc(carried)));
    }
    for m in spec.marks_at(Place::Aside) {
        h.push_str(&format!(
            "<{0} class=\"{1}\"><h4>About this story</h4><p>{2}</p></{0}>",
            t.aside,
            c.aside,
            mark_in(m, p)
        ));
    }
    if !p.date_on_top {
        if let Some(date) = date_html(spec, p, d) {
            h.push_str(&format!("<div class=\"meta bottom\">{date}</div>"));
        }
    }
    if let Some(f) = article_footer(spec, p, t) {
        h.push_str(&f);
    }
    if p.chrome.bio {
        if let Some(a) = &spec.author {
            h.push_str(&format!(
                "<div class=\"author-bio\"><p>{}</p></div>",
                esc(&chrome::bio(a, spec.site))
            ));
        }
    }
    if p.chrome.related_in_article {
        h.push_str(&related(spec, p, ctx, rng, "Related Stories"));
    }
    if p.chrome.newsletter_in_article {
        h.push_str(&newsletter(spec, p));
    }
    h.push_str(&format!("\n</{}>", t.article));
    for _ in 0..p.nesting {
        h.push_str("</div>");
    }
    h.push('\n');
    if p.chrome.sidebar || spec.marks_at(Place::Sidebar).next().is_some() {
        h.push_str(&sidebar(spec, p, t, ctx, rng));
    }
    h.push_str(&format!("</{}>\n", t.main));
    if p.chrome.recommended && !p.chrome.recommended_in_body {
        h.push_str(&recommended(rng));
    }
    if p.chrome.related_after {
        h.push_str(&related(spec, p, ctx, rng, "More News"));
    }
    if !p.chrome.newsletter_in_article {
        h.push_str(&newsletter(spec, p));
    }
    if p.chrome.comments {
        h.push_str(&comments(rng));
    }
}

#[allow(clippy::too_many_arguments)]
fn table_layout(
    h: &mut String,
    spec: &PageSpec,
    p: &SiteProfile,
    t: &Tags,
    d: &Dates,
    ctx: &Context,
    rng: &mut Rng,
) {
    h.push_str("<table width=\"100%\" border=\"0\" cellpadding=\"4\" cellspacing=\"0\"><tr>\n<td class=\"nav\" width=\"150\" valign=\"top\">");
    for s in chrome::SECTIONS.iter().take(8) {
        h.push_str(&format!(
            "<a href=\"/{}\">{}</a><br>",
            s.to_lowercase().replace(' ', "-"),
            esc(s)
        ));
    }
    h.push_str(&format!(
        "</td>\n<td class=\"{}\" valign=\"top\">",
        p.classes.article
    ));
    if let Some(k) = &spec.kicker {
        h.push_str(&format!(
            "<font color=\"#990000\" size=\"2\">{}</font><br>",
            esc(k)
        ));
    }
    h.push_str(&format!(
        "<font size=\"5\"><b>{}</b></font><br>\n",
        esc(&spec.title)
    ));
    let dek: Vec<String> = spec.marks_at(Place::Dek).map(|m| mark_in(m, p)).collect();
    if !dek.is_empty() {
        h.push_str(&format!("<i>{}</i><br>\n", dek.join(" ")));
    }
    if let Some(b) = byline_html(spec, p, d, rng) {
        h.push_str(&format!("<font size=\"2\">{b}</font>\n"));
    }
    if p.date_on_top && !p.date_with_byline {
        if let Some(date) = date_html(spec, p, d) {
            h.push_str(&format!("<font size=\"1\">{date}</font><br>\n"));
        }
    }
    let before: Vec<&Mark> = spec.marks_at(Place::BoxBefore).collect();
    if let Some(b) = credit_box(&before, p, rng) {
        h.push_str(&b);
    }
    if let Some(ph) = photo_html(spec, p, t, 0) {
        h.push_str(&ph);
    }
    // Paragraphs split by <br><br> in one cell, as 2000s templates did.
    let items: Vec<String> = body_items(spec, p, t, ctx, rng)
        .into_iter()
        .map(|i| {
            i.strip_prefix("<p>")
                .and_then(|x| x.strip_suffix("</p>"))
                .map(String::from)
                .unwrap_or(i)
        })
        .collect();
    h.push_str(&format!(
        "<br><font size=\"3\" class=\"{}\">{}</font><br><br>\n",
        p.classes.body,
        items.join("<br><br>\n")
    ));
    let after: Vec<&Mark> = spec.marks_at(Place::BoxAfter).collect();
    if let Some(b) = credit_box(&after, p, rng) {
        h.push_str(&b);
    }
    if let Some(carried) = &spec.carried {
        h.push_str(&format!("<p>{}</p>", esc(carried)));
    }
    for m in spec.marks_at(Place::Aside) {
        h.push_str(&format!(
            "<table border=\"1\" class=\"{}\"><tr><td><b>About this story</b><br>{}</td></tr></table>",
            p.classes.aside,
            mark_in(m, p)
        ));
    }
    if !p.date_on_top {
        if let Some(date) = date_html(spec, p, d) {
            h.push_str(&format!("<font size=\"1\">{date}</font><br>\n"));
        }
    }
    if let Some(f) = article_footer(spec, p, t) {
        h.push_str(&f);
    }
    h.push_str(&newsletter(spec, p));
    h.push_str("</td>\n<td class=\"right\" width=\"200\" valign=\"top\">");
    h.push_str(&sidebar(spec, p, t, ctx, rng));
    h.push_str("</td></tr></table>\n");
    if p.chrome.comments {
        h.push_str(&comments(rng));
    }
}

/// The visible text of an HTML page: everything outside tags, except the
/// head, scripts and styles; entities decoded. Enough for checking what a
/// rendered page shows (it is the simulator's own markup).
pub(super) fn strip_tags(html: &str) -> String {
    let body = html.split_once("<body>").map(|(_, b)| b).unwrap_or(html);
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let skip_to = if after.starts_with("<script") {
            after.find("</script>").map(|i| i + "</script>".len())
        } else {
            after.find('>').map(|i| i + 1)
        };
        let Some(n) = skip_to else { break };
        // Block-level boundaries separate words; inline ones (span, a,
        // strong) do not.
        let tag = &after[..n];
        if [
            "<p",
            "</p",
            "<div",
            "</div",
            "<br",
            "<li",
            "<h",
            "</h",
            "<td",
            "<section",
            "<footer",
            "<header",
            "<aside",
            "<article",
            "<figure",
            "<fig",
            "<blockquote",
            "<table",
            "<tr",
        ]
        .iter()
        .any(|b| tag.starts_with(b))
        {
            out.push(' ');
        }
        rest = &after[n..];
    }
    out.push_str(rest);
    out.replace("&nbsp;", "\u{a0}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
