//! Metadata from JSON-LD, OpenGraph, meta tags and the visible page: title,
//! kicker, byline, site, dates, tags, canonical URL, language, image credits.
//! Each value records where it came from; sources are tried from the most
//! to the least reliable.

mod byline;
mod dates;
pub(crate) mod json_ld;
mod meta_tags;
mod published;
mod title;
mod visible;

use crate::dom::{Dom, NodeIx};
use crate::links;
use crate::{Article, FieldSource, Sourced, Tag};

use chrono::{DateTime, Utc};
use dates::DayOrder;
use json_ld::JsonLdArticle;
use meta_tags::MetaTags;

pub use dates::{from_url as date_from_url, normalise as normalise_date};

/// Everything read about the page besides its body.
#[derive(Debug, Default)]
pub struct PageMetadata {
    pub title: Option<Sourced<String>>,
    pub kicker: Option<Sourced<String>>,
    pub byline: Option<Sourced<String>>,
    pub site: Option<Sourced<String>>,
    pub published: Option<Sourced<String>>,
    pub modified: Option<Sourced<String>>,
    /// A publication date that disagrees with `published` (see
    /// [`Article::other_published`]).
    pub other_published: Option<Sourced<String>>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<Tag>,
    pub image_credits: Vec<String>,
    /// JSON-LD `articleBody`, for checking the DOM body against.
    pub json_ld_body: Option<String>,
}

impl PageMetadata {
    pub fn apply_to(self, article: &mut Article) {
        article.title = self.title;
        article.kicker = self.kicker;
        article.byline = self.byline;
        article.site = self.site;
        article.published = self.published;
        article.modified = self.modified;
        article.other_published = self.other_published;
        article.canonical_url = self.canonical_url;
        article.language = self.language;
        article.tags = self.tags;
        article.image_credits = self.image_credits;
    }
}

/// Where on the page to look for visible metadata: the article element (or
/// the main content's parent) first, then the whole page.
pub struct Scope {
    pub article: Option<NodeIx>,
    /// Where the body text starts; a dek sits before it.
    pub body_start: Option<NodeIx>,
}

pub fn read(dom: &Dom, url: Option<&str>, scope: &Scope) -> PageMetadata {
    read_fetched(dom, url, scope, None)
}

/// [`read`] for a page fetched at `fetched` (now when unknown): no date
/// after the fetch is taken for the page's.
pub fn read_fetched(
    dom: &Dom,
    url: Option<&str>,
    scope: &Scope,
    fetched: Option<DateTime<Utc>>,
) -> PageMetadata {
    let meta = MetaTags::read(dom);
    let ld = json_ld::read(dom);
    let site = site_name(&meta, &ld, url);
    let site_text = site.as_ref().map(|s| s.value.clone());
    let title = headline(dom, &meta, &ld, scope, site_text.as_deref());
    let kicker = visible::kicker(dom, &meta, scope, title.as_ref().map(|t| t.value.as_str()));
    let canonical_url = canonical(dom, &meta, url);
    let language = language(dom, &meta);
    let latest = published::latest_day(fetched);
    let dates = published::Page {
        dom,
        meta: &meta,
        ld: &ld,
        scope,
        url: url.or(canonical_url.as_deref()),
        title: title.as_ref().map(|t| t.value.as_str()),
        order: DayOrder::for_language(language.as_deref()),
        latest,
    };
    let (published, other_published) = published::published_and_other(&dates);
    PageMetadata {
        byline: byline_of(dom, &meta, &ld, scope, site_text.as_deref()),
        published,
        other_published,
        modified: published::modified(&meta, &ld, latest),
        canonical_url,
        language,
        tags: tags(dom, &meta, &ld, scope),
        image_credits: visible::image_credits(dom, scope),
        json_ld_body: ld.article_body.clone(),
        site,
        title,
        kicker,
    }
}

fn site_name(meta: &MetaTags, ld: &JsonLdArticle, url: Option<&str>) -> Option<Sourced<String>> {
    if let Some(s) = meta.first(&["og:site_name"]) {
        return Some(Sourced::new(s.to_string(), FieldSource::OpenGraph, 0.9));
    }
    if let Some(s) = ld.publisher.clone().or_else(|| ld.site_name.clone()) {
        return Some(Sourced::new(s, FieldSource::JsonLd, 0.85));
    }
    if let Some(s) = meta.first(&[
        "application-name",
        "twitter:site",
        "publisher",
        "dc.publisher",
    ]) {
        let s = s.trim_start_matches('@');
        return Some(Sourced::new(s.to_string(), FieldSource::Meta, 0.6));
    }
    let host = host_of(url?)?;
    Some(Sourced::new(
        host.trim_start_matches("www.").to_string(),
        FieldSource::Url,
        0.4,
    ))
}

pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = &rest[..rest.find(['/', '?', '#', ':']).unwrap_or(rest.len())];
    (!host.is_empty()).then_some(host)
}

fn headline(
    dom: &Dom,
    meta: &MetaTags,
    ld: &JsonLdArticle,
    scope: &Scope,
    site: Option<&str>,
) -> Option<Sourced<String>> {
    let h1 = visible::main_heading(dom, scope).filter(|h| !site.is_some_and(|s| same_text(s, h)));
    let title_tag = dom.elements_named("title").next().map(|t| dom.text(t));
    let meta_titles: Vec<String> = [
        ld.headline.as_deref(),
        meta.first(&["og:title"]),
        meta.first(&["twitter:title"]),
        title_tag.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|t| title::strip_site_suffix(&decode_entities(t), site))
    .collect();
    // A visible <h1> that a meta title agrees with is the headline as
    // printed; meta titles often add the site name or an SEO variant. On
    // blogs the <h1> is often the blog's name, which agrees with nothing.
    if let Some(h) = &h1 {
        let agrees = meta_titles.iter().any(|t| {
            same_text(t, h)
                || (h.split_whitespace().count() >= 4
                    && normalise_for_match(t).contains(&normalise_for_match(h)))
        });
        if agrees {
            return Some(Sourced::new(h.clone(), FieldSource::Visible, 0.9));
        }
    }
    let clean = |t: &str| title::strip_site_suffix(&decode_entities(t), site);
    if let Some(h) = &ld.headline {
        return Some(Sourced::new(clean(h), FieldSource::JsonLd, 0.85));
    }
    if let Some(t) = meta.first(&["og:title"]) {
        return Some(Sourced::new(clean(t), FieldSource::OpenGraph, 0.8));
    }
    if let Some(t) = meta.first(&[
        "twitter:title",
        "dc.title",
        "sailthru.title",
        "parsely-title",
    ]) {
        return Some(Sourced::new(clean(t), FieldSource::Meta, 0.75));
    }
    if let Some(h) = h1 {
        return Some(Sourced::new(h, FieldSource::Visible, 0.7));
    }
    let t = clean(&title_tag?);
    (!t.is_empty()).then(|| Sourced::new(t, FieldSource::TitleTag, 0.6))
}

/// Meta and JSON-LD values are sometimes HTML-escaped twice
/// ("Thermen- &#038; Vulkanland" on 1000things.at): decode what is left.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character of the entity at the start of `s` ("&amp;…") and its length.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let semi = s.find(';').filter(|&semi| semi <= 10)?;
    let name = &s[1..semi];
    let c = match name {
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        "nbsp" => ' ',
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, semi + 1))
}

fn normalise_for_match(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn same_text(a: &str, b: &str) -> bool {
    normalise_for_match(a) == normalise_for_match(b)
}

/// The first byline source that names someone other than the site itself
/// (an Organization author equal to the publisher says nothing about who
/// wrote the piece); the site name only when nothing else is found.
fn byline_of(
    dom: &Dom,
    meta: &MetaTags,
    ld: &JsonLdArticle,
    scope: &Scope,
    site: Option<&str>,
) -> Option<Sourced<String>> {
    let mut candidates = byline_candidates(dom, meta, ld, scope);
    let first = candidates.next()?;
    // A site's domain as the author ("handwerksblatt.de", tfe-dev t0680)
    // is a placeholder too.
    let is_site = |b: &Sourced<String>| {
        site.is_some_and(|s| same_text(s, &b.value)) || is_domain_name(&b.value)
    };
    let chosen = if is_site(&first) {
        candidates.find(|b| !is_site(b)).unwrap_or(first)
    } else {
        first
    };
    if chosen.value.contains(char::is_whitespace) || is_site(&chosen) {
        return Some(chosen);
    }
    Some(
        candidates
            .find(|b| expands(&chosen.value, &b.value))
            .unwrap_or(chosen),
    )
}

/// Is `full` the full name behind a one-word author: a login with the same
/// letters ("arianschlichenmayer" in JSON-LD, "Arian Schlichenmayer" on
/// baumeister.de, tfe-dev t0501) or a first name ("Nils" for "Nils
/// Pickert")?
fn expands(short: &str, full: &str) -> bool {
    let mut words = full.split_whitespace();
    let first_word = words.next().unwrap_or("");
    let more = words.next().is_some();
    more && (normalise_for_match(short) == normalise_for_match(full)
        || normalise_for_match(short) == normalise_for_match(first_word))
}

/// "stol.it", "mdr.de": one word with a dot and a top-level domain.
fn is_domain_name(s: &str) -> bool {
    let s = s.trim();
    !s.contains(char::is_whitespace)
        && s.rsplit_once('.').is_some_and(|(head, tld)| {
            !head.is_empty()
                && (2..=6).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_lowercase())
        })
}

/// Byline sources from the most to the least reliable, read lazily: the
/// visible-page scans only run when the markup names no one.
fn byline_candidates<'a>(
    dom: &'a Dom,
    meta: &'a MetaTags,
    ld: &'a JsonLdArticle,
    scope: &'a Scope,
) -> impl Iterator<Item = Sourced<String>> + 'a {
    const KEYS: &[&str] = &[
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "dcterms.creator",
        "byl",
        "citation_author",
        "twitter:creator",
    ];
    let json_ld = std::iter::once_with(|| byline::join(&ld.authors))
        .flatten()
        .map(|names| Sourced::new(names, FieldSource::JsonLd, 0.9));
    let meta_names = KEYS.iter().filter_map(|key| {
        let n = byline::join(meta.all(key))?;
        let source = if key.starts_with("article:") {
            FieldSource::OpenGraph
        } else {
            FieldSource::Meta
        };
        Some(Sourced::new(n, source, 0.8))
    });
    // Yoast's Twitter card: twitter:label1 "Written by" / "Verfasst von"
    // with the name in twitter:data1 (frolleinherr.com, tfe-dev t0226).
    let twitter = (1..=3).filter_map(|n| {
        let label = meta.first(&[&format!("twitter:label{n}")]).unwrap_or("");
        if !is_author_label(label) {
            return None;
        }
        let b = byline::join(meta.all(&format!("twitter:data{n}")))?;
        Some(Sourced::new(b, FieldSource::Meta, 0.75))
    });
    let marked = std::iter::once_with(|| visible::byline(dom, scope))
        .flatten()
        .map(|b| Sourced::new(b, FieldSource::Visible, 0.7));
    let by_line = std::iter::once_with(|| visible::by_line_text(dom, scope))
        .flatten()
        .map(|b| Sourced::new(b, FieldSource::Visible, 0.6));
    json_ld
        .chain(meta_names)
        .chain(twitter)
        .chain(marked)
        .chain(by_line)
}

fn is_author_label(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    matches!(
        l.as_str(),
        "written by"
            | "verfasst von"
            | "geschrieben von"
            | "escrito por"
            | "écrit par"
            | "author"
            | "autor"
    )
}

fn canonical(dom: &Dom, meta: &MetaTags, url: Option<&str>) -> Option<String> {
    let link = dom
        .elements_named("link")
        .find(|&i| has_rel(dom, i, "canonical"))
        .and_then(|i| dom.attr(i, "href"))
        .and_then(|h| links::resolve(h, url));
    link.or_else(|| meta.first(&["og:url"]).and_then(|u| links::resolve(u, url)))
}

fn language(dom: &Dom, meta: &MetaTags) -> Option<String> {
    let lang = dom
        .elements_named("html")
        .next()
        .and_then(|h| dom.attr(h, "lang").or_else(|| dom.attr(h, "xml:lang")))
        .or_else(|| meta.first(&["content-language", "language", "dc.language"]))
        .or_else(|| meta.first(&["og:locale"]))?;
    let lang = lang.split(',').next()?.trim().replace('_', "-");
    (!lang.is_empty() && lang.len() <= 20).then_some(lang)
}

pub fn has_rel(dom: &Dom, i: NodeIx, rel: &str) -> bool {
    dom.attr(i, "rel")
        .is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case(rel)))
}

/// Tags: the article's own tag list (article:tag, rel=tag links in the
/// article area — a sidebar tag cloud is about the site), else JSON-LD or
/// meta keywords; plus its section (article:section, JSON-LD articleSection),
/// which pages file as a category.
fn tags(dom: &Dom, meta: &MetaTags, ld: &JsonLdArticle, scope: &Scope) -> Vec<Tag> {
    let in_area = |i: NodeIx| scope.article.is_none_or(|a| dom.is_within(i, a));
    let mut labels: Vec<String> = meta.all("article:tag").to_vec();
    labels.extend(
        dom.elements_named("a")
            .filter(|&i| has_rel(dom, i, "tag") && in_area(i))
            .map(|i| dom.text(i)),
    );
    if labels.is_empty() {
        labels = ld.keywords.clone();
    }
    if labels.is_empty() {
        if let Some(k) = meta.first(&["news_keywords", "keywords"]) {
            labels = json_ld::split_keywords(k);
        }
    }
    // A "keyword" list that is really a sentence split at its commas.
    if labels.iter().any(|l| l.split_whitespace().count() > 6) {
        labels.clear();
    }
    let mut out: Vec<Tag> = Vec::new();
    let sections = meta.all("article:section").iter().chain(ld.section.iter());
    let grouped = labels
        .iter()
        .map(|l| (l, None))
        .chain(sections.map(|l| (l, Some("section"))));
    for (label, group) in grouped {
        let label = label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_matches(|c: char| "\"'„“”«»#".contains(c))
            .to_string();
        if label.is_empty() || label.chars().count() > 80 {
            continue;
        }
        if !out.iter().any(|t| t.label.eq_ignore_ascii_case(&label)) {
            out.push(Tag {
                label,
                group: group.map(String::from),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_leftover_entities() {
        assert_eq!(
            decode_entities("Thermen- &#038; Vulkanland"),
            "Thermen- & Vulkanland"
        );
        assert_eq!(decode_entities("a &amp; b &#x2013; c & d"), "a & b – c & d");
    }

    #[test]
    fn dates_after_the_fetch_fall_through() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@type":"NewsArticle","headline":"A story","datePublished":"2019-06-05T08:00:00Z",
             "dateModified":"2019-06-06T08:00:00Z"}</script>
            <meta property="article:published_time" content="2019-05-31T10:00:00+02:00">
            <meta property="article:modified_time" content="2019-05-31T11:00:00+02:00">
            </head><body><h1>A story</h1><p>Text.</p></body></html>"#;
        let dom = Dom::parse(html);
        let scope = Scope {
            article: None,
            body_start: None,
        };
        let fetched = DateTime::parse_from_rfc3339("2019-06-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let m = read_fetched(&dom, None, &scope, Some(fetched));
        let published = m.published.unwrap();
        assert_eq!(published.value, "2019-05-31T10:00:00+02:00");
        assert_eq!(published.source, FieldSource::OpenGraph);
        assert_eq!(m.modified.unwrap().value, "2019-05-31T11:00:00+02:00");
        // Fetched later, the JSON-LD dates stand.
        let m = read(&dom, None, &scope);
        assert_eq!(m.published.unwrap().value, "2019-06-05T08:00:00+00:00");
    }

    #[test]
    fn a_printed_date_a_year_from_the_markups_keeps_both() {
        // issue 14 (reprint-sim's "visible-off" pages): the date line by the
        // headline says 2015, the JSON-LD 2016; the printed one is shown to
        // readers and kept, the other is kept beside it.
        let html = r#"<html><head><script type="application/ld+json">
            {"@type":"NewsArticle","headline":"A story","datePublished":"2016-08-26T07:01:00Z"}</script>
            </head><body><article><h1>A story</h1><p class="date">August 27, 2015</p>
            <p>Text of the story that runs long enough to be a paragraph of it.</p></article></body></html>"#;
        let dom = Dom::parse(html);
        let scope = Scope {
            article: None,
            body_start: None,
        };
        let m = read(&dom, None, &scope);
        assert_eq!(m.published.unwrap().value, "2015-08-27");
        let other = m.other_published.expect("the markup's date kept");
        assert_eq!(other.value, "2016-08-26T07:01:00+00:00");
        assert_eq!(other.source, FieldSource::JsonLd);
    }

    #[test]
    fn an_updated_time_is_not_the_publication_date() {
        // issue 14: a page showing only "Updated" (WordPress themes' class
        // "updated") had that time read as its publication.
        let html = r#"<html><body><article><h1>A story</h1>
            <div class="byline">By Ann Lee | <time datetime="2016-07-31T16:43:00+02:00" class="updated">Updated July 31, 2016</time></div>
            <p>Text of the story that runs long enough to be a paragraph of it.</p></article></body></html>"#;
        let dom = Dom::parse(html);
        let scope = Scope {
            article: None,
            body_start: None,
        };
        let m = read(&dom, None, &scope);
        assert_eq!(m.published.map(|p| p.value), None);
    }

    #[test]
    fn full_names_behind_logins_and_first_names() {
        assert!(expands("arianschlichenmayer", "Arian Schlichenmayer"));
        assert!(expands("robert.stitz", "Robert Stitz"));
        assert!(expands("Nils", "Nils Pickert"));
        assert!(!expands("Nils", "Nils"));
        assert!(!expands("jdoe", "Jane Doe"));
    }
}
