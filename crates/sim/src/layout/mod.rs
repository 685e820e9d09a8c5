//! Rendering a simulated page through a site template drawn at random per
//! seed.
//!
//! Each site of a seed gets a [`SiteProfile`]: a layout family (semantic
//! HTML5, div soup with random or hashed class names, a WordPress theme,
//! an old table layout, or a flattened text page as a scraper leaves it),
//! class names from a wide vocabulary, wrapper depth, which chrome it shows
//! and where (navigation, consent banner, ticker, sidebars, related stories,
//! newsletter and subscription boxes, share bars, author bio, comments,
//! sponsored links, footer), how it prints dates and where it puts them
//! (visible, `<time>`, JSON-LD, meta tags, the URL path), its time zone,
//! and whether the collector records its name. A [`PageSpec`] — the
//! article, its credit marks with their places, its dates — is rendered
//! through the profile by [`render`]; the layout never decides anything the
//! truth depends on, it only puts each mark where the scenario placed it.

pub mod chrome;
pub mod datefmt;
mod html;
mod text;

use crate::rng::Rng;
use crate::scenario::dates::DateDisplay;
use crate::scenario::{Mark, PageFormat, Place, Seg, Site};

/// A family of page markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// `article`, `header`, `aside`, `footer`, `main`, `nav`, `time`, `figure`.
    Semantic,
    /// Nested `div`s and `span`s only, class names random or hashed.
    DivSoup,
    /// A WordPress theme: `entry-title`, `entry-meta`, `entry-content`, widgets.
    WordPress,
    /// A 2000s table layout: `td` cells, `font`, `b`, paragraphs split by `<br><br>`.
    Table,
    /// A markdown / plain-text page, as a scraper flattened it.
    Text,
}

impl Family {
    /// Every family, for diversity checks.
    pub const ALL: [Family; 5] = [
        Family::Semantic,
        Family::DivSoup,
        Family::WordPress,
        Family::Table,
        Family::Text,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Family::Semantic => "semantic",
            Family::DivSoup => "div-soup",
            Family::WordPress => "wordpress",
            Family::Table => "table",
            Family::Text => "text",
        }
    }
}

/// Which layout families a run draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Families {
    /// Every family, the flattened text page among them.
    All,
    /// HTML families only.
    Html,
}

/// How a site builds its article URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlStyle {
    /// `/2016/03/02/slug/` (the day of the structured date; pages showing
    /// no publication date fall back to a section path).
    DatedPath,
    /// `/news/politics/slug-12345`.
    Section,
    /// `/article.php?id=12345`.
    Query,
    /// `/story/slug.html`.
    HtmlFile,
}

/// Chrome a site shows, and where.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub nav: bool,
    pub consent: bool,
    pub ticker: bool,
    pub breadcrumbs: bool,
    /// Sidebar beside the article (most read; site-chrome mentions).
    pub sidebar: bool,
    pub share_top: bool,
    pub share_bottom: bool,
    /// The newsletter box sits inside the article block (else after it).
    pub newsletter_in_article: bool,
    /// A related-stories list inside the article block.
    pub related_in_article: bool,
    /// A related-stories list after the article.
    pub related_after: bool,
    /// "READ MORE: headline" links between body paragraphs.
    pub read_more_in_body: bool,
    /// Advertisement slots between body paragraphs.
    pub ads_in_body: bool,
    /// A sponsored-links widget after the body.
    pub recommended: bool,
    /// The recommendation widget sits inside the body container.
    pub recommended_in_body: bool,
    pub bio: bool,
    pub comments: bool,
    pub tags_line: bool,
    pub subscribe: bool,
    /// A pull quote repeating a sentence of the body.
    pub pullquote: bool,
    /// The photo sits inside the body (after the second paragraph), else
    /// above it.
    pub photo_in_body: bool,
    /// The text family keeps navigation and footer lines.
    pub text_keeps_chrome: bool,
}

/// One site's template for a seed.
#[derive(Debug, Clone)]
pub struct SiteProfile {
    pub site: Site,
    pub family: Family,
    /// The site's offset from UTC, minutes.
    pub offset_minutes: i32,
    /// Zone printed as an offset ("UTC-05:00") rather than a label ("EST").
    pub numeric_zone: bool,
    /// JSON-LD and meta instants in UTC (`Z`) rather than local with offset.
    pub utc_iso: bool,
    /// The collector records the site's name beside each page.
    pub collector_site: bool,
    /// The page names its site in `og:site_name` / JSON-LD publisher.
    pub og_site_name: bool,
    pub jsonld: bool,
    pub meta_date: bool,
    pub time_element: bool,
    pub url: UrlStyle,
    pub day_format: usize,
    pub time_format: usize,
    pub date_prefix: &'static str,
    pub updated_prefix: &'static str,
    /// The date line sits under the headline (else at the end of the article).
    pub date_on_top: bool,
    /// The byline and date share a line.
    pub date_with_byline: bool,
    pub classes: Classes,
    /// Wrapper `div`s around the article.
    pub nesting: usize,
    pub chrome: Chrome,
    /// Body paragraphs as `div`s (div soup) instead of `p`.
    pub div_paragraphs: bool,
    /// Credit boxes as `em` paragraphs rather than boxed `div`s.
    pub credit_as_paragraph: bool,
    /// A dateline's place and mark printed in bold.
    pub bold_dateline: bool,
    /// Separator printed between a byline and what sits beside it.
    pub beside_separator: &'static str,
    /// Credit lines set with non-breaking spaces (`By&nbsp;NAME`).
    pub nbsp_in_credits: bool,
}

/// Class names of one site's template.
#[derive(Debug, Clone)]
pub struct Classes {
    pub wrapper: String,
    pub article: String,
    pub header: String,
    pub headline: String,
    pub kicker: String,
    pub dek: String,
    pub byline: String,
    pub date: String,
    pub body: String,
    pub paragraph: String,
    pub credit: String,
    pub aside: String,
    pub footer: String,
    pub sidebar: String,
    pub related: String,
    pub newsletter: String,
    pub share: String,
    pub caption: String,
}

const WRAPPER: &[&str] = &[
    "container",
    "page-wrap",
    "l-main",
    "site-content",
    "content-area",
    "main-col",
    "layout__main",
];
const ARTICLE: &[&str] = &[
    "article",
    "story",
    "post",
    "node-article",
    "c-article",
    "news-item",
    "article-main",
    "story-wrapper",
];
const HEADER: &[&str] = &[
    "article-header",
    "story-head",
    "entry-header",
    "c-article__header",
    "headline-block",
    "top",
];
const HEADLINE: &[&str] = &[
    "headline",
    "story-title",
    "entry-title",
    "article-title",
    "c-headline",
    "title",
];
const KICKER: &[&str] = &[
    "kicker",
    "eyebrow",
    "overline",
    "label",
    "story-label",
    "flag",
];
const DEK: &[&str] = &[
    "dek",
    "standfirst",
    "summary",
    "subheadline",
    "article-deck",
    "lede-intro",
];
const BYLINE: &[&str] = &[
    "byline",
    "author",
    "story-meta__author",
    "c-byline",
    "writer",
    "credit-author",
    "by",
];
const DATE: &[&str] = &[
    "date",
    "timestamp",
    "published",
    "story-date",
    "entry-date",
    "posted-on",
    "dateline-time",
];
const BODY: &[&str] = &[
    "story-body",
    "article-content",
    "entry-content",
    "post-body",
    "article-body",
    "c-article__body",
    "rich-text",
    "body-copy",
    "field-item",
    "art_text",
    "text",
];
const PARAGRAPH: &[&str] = &["para", "paragraph", "p-text", "story-text", "body-p", "txt"];
const CREDIT: &[&str] = &[
    "credit",
    "source-box",
    "republish-note",
    "origin",
    "attribution",
    "editor-note",
    "note",
    "article-source",
    "notice",
];
const ASIDE: &[&str] = &[
    "article-aside",
    "sidebar-note",
    "inline-aside",
    "about-story",
    "info-box",
    "factbox",
];
const FOOTER: &[&str] = &[
    "article-footer",
    "story-footer",
    "entry-footer",
    "post-meta",
    "bottom-meta",
    "c-article__footer",
];
const SIDEBAR: &[&str] = &[
    "sidebar",
    "rail",
    "right-col",
    "widget-area",
    "secondary",
    "col-aside",
];
const RELATED: &[&str] = &[
    "related",
    "more-stories",
    "recirc",
    "read-next",
    "also-read",
    "related-links",
];
const NEWSLETTER: &[&str] = &[
    "newsletter",
    "signup",
    "nl-promo",
    "email-capture",
    "subscribe-box",
    "inline-newsletter",
];
const SHARE: &[&str] = &[
    "share",
    "social",
    "share-bar",
    "sharing",
    "social-tools",
    "sharetools",
];
const CAPTION: &[&str] = &[
    "caption",
    "photo-credit",
    "image-caption",
    "wp-caption-text",
    "figcaption",
    "media-caption",
];

/// A class name from `table`, or a hashed one as CSS-in-JS builds make.
fn class(rng: &mut Rng, table: &[&str], hashed: bool) -> String {
    if hashed && rng.chance(0.6) {
        const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let tail: String = (0..6)
            .map(|_| LETTERS[rng.below(LETTERS.len())] as char)
            .collect();
        format!("{}-{tail}", rng.pick(&["css", "sc", "jsx", "styles_"]))
    } else {
        let base = (*rng.pick(table)).to_string();
        match rng.below(4) {
            0 => format!("{base} {base}--default"),
            1 => format!("js-{base}"),
            _ => base,
        }
    }
}

impl Classes {
    fn draw(rng: &mut Rng, family: Family) -> Classes {
        let hashed = family == Family::DivSoup && rng.chance(0.5);
        let wp = family == Family::WordPress;
        let mut c = |table: &[&str], wp_name: &str| {
            if wp {
                wp_name.to_string()
            } else {
                class(rng, table, hashed)
            }
        };
        Classes {
            wrapper: c(WRAPPER, "site-content"),
            article: c(ARTICLE, "post type-post hentry"),
            header: c(HEADER, "entry-header"),
            headline: c(HEADLINE, "entry-title"),
            kicker: c(KICKER, "cat-links"),
            dek: c(DEK, "entry-summary"),
            byline: c(BYLINE, "byline author vcard"),
            date: c(DATE, "entry-date published"),
            body: c(BODY, "entry-content"),
            paragraph: c(PARAGRAPH, ""),
            credit: c(CREDIT, "wp-block-group credit"),
            aside: c(ASIDE, "wp-block-pullquote about"),
            footer: c(FOOTER, "entry-footer"),
            sidebar: c(SIDEBAR, "widget-area"),
            related: c(RELATED, "jp-relatedposts"),
            newsletter: c(NEWSLETTER, "widget_mc4wp_form_widget"),
            share: c(SHARE, "sharedaddy sd-sharing-enabled"),
            caption: c(CAPTION, "wp-caption-text"),
        }
    }
}

impl SiteProfile {
    /// Draws a site's template for a seed from `families`.
    pub fn draw(rng: &mut Rng, site: Site, families: Families) -> SiteProfile {
        let family = match families {
            Families::All => Family::ALL[rng.weighted(&[25, 25, 15, 12, 15])],
            Families::Html => Family::ALL[rng.weighted(&[25, 25, 15, 12, 0])],
        };
        let classes = Classes::draw(rng, family);
        let chrome = Chrome {
            nav: rng.chance(0.85),
            consent: rng.chance(0.4),
            ticker: rng.chance(0.2),
            breadcrumbs: rng.chance(0.35),
            sidebar: rng.chance(0.7),
            share_top: rng.chance(0.4),
            share_bottom: rng.chance(0.5),
            newsletter_in_article: rng.chance(0.4),
            related_in_article: rng.chance(0.35),
            related_after: rng.chance(0.5),
            read_more_in_body: rng.chance(0.25),
            ads_in_body: rng.chance(0.35),
            recommended: rng.chance(0.35),
            recommended_in_body: rng.chance(0.3),
            bio: rng.chance(0.3),
            comments: rng.chance(0.3),
            tags_line: rng.chance(0.4),
            subscribe: rng.chance(0.3),
            pullquote: rng.chance(0.15),
            photo_in_body: rng.chance(0.4),
            text_keeps_chrome: rng.chance(0.5),
        };
        SiteProfile {
            site,
            family,
            offset_minutes: *rng.pick(datefmt::OFFSETS),
            numeric_zone: rng.chance(0.25),
            utc_iso: rng.chance(0.4),
            collector_site: rng.chance(0.5),
            og_site_name: rng.chance(0.6),
            jsonld: rng.chance(0.6),
            meta_date: rng.chance(0.5),
            time_element: family == Family::Semantic && rng.chance(0.7),
            url: *rng.pick(&[
                UrlStyle::DatedPath,
                UrlStyle::Section,
                UrlStyle::Query,
                UrlStyle::HtmlFile,
            ]),
            day_format: rng.below(datefmt::DAY_FORMATS),
            time_format: rng.below(datefmt::TIME_FORMATS),
            date_prefix: rng.pick::<&str>(&[
                "",
                "",
                "Published ",
                "Posted on ",
                "First published ",
                "Date: ",
            ]),
            updated_prefix: rng.pick::<&str>(&[
                "Updated ",
                "Updated: ",
                "Last updated ",
                "Modified: ",
            ]),
            date_on_top: rng.chance(0.8),
            date_with_byline: rng.chance(0.4),
            classes,
            nesting: rng.between(0, 5),
            chrome,
            div_paragraphs: family == Family::DivSoup && rng.chance(0.5),
            credit_as_paragraph: rng.chance(0.5),
            bold_dateline: rng.chance(0.4),
            beside_separator: rng.pick::<&str>(&[" | ", ", ", " — ", " ", ""]),
            nbsp_in_credits: rng.chance(0.15),
        }
    }

    /// The address of an article: `slug`, a numeric `id`, and the local day
    /// of its structured publication date when the URL carries one.
    pub fn url_for(&self, slug: &str, id: u64, dated: Option<i64>) -> String {
        let host = self.site.host;
        match (self.url, dated) {
            (UrlStyle::DatedPath, Some(t)) => {
                let l = datefmt::Local::of(t, self.offset_minutes);
                format!(
                    "https://www.{host}/{:04}/{:02}/{:02}/{slug}/",
                    l.year,
                    l.month + 1,
                    l.day
                )
            }
            (UrlStyle::DatedPath | UrlStyle::Section, _) => {
                format!("https://{host}/news/politics/{slug}-{id}")
            }
            (UrlStyle::Query, _) => format!("https://www.{host}/article.php?id={id}"),
            (UrlStyle::HtmlFile, _) => format!("https://www.{host}/story/{slug}-{id}.html"),
        }
    }

    /// The site's home page.
    pub fn home(&self) -> String {
        format!("https://www.{}/", self.site.host)
    }
}

/// A photo and its caption's description (its credit is a [`Mark`] with
/// [`Place::Caption`]).
#[derive(Debug, Clone)]
pub struct Photo {
    pub description: String,
}

/// Everything a page shows, as the scenario decided it.
#[derive(Debug, Clone)]
pub struct PageSpec {
    pub site: Site,
    pub url: String,
    pub title: String,
    /// A label above the headline.
    pub kicker: Option<String>,
    /// The byline's name(s) when no byline mark replaces it.
    pub author: Option<String>,
    pub paragraphs: Vec<String>,
    pub marks: Vec<Mark>,
    /// Licence and terms notices, editor's notes: the article's footer.
    pub notices: Vec<Vec<Seg>>,
    /// Another site's newsletter call carried inside the article block (a
    /// proxy that took its source's block whole).
    pub carried: Option<String>,
    pub dates: DateDisplay,
    pub photo: Option<Photo>,
    /// Year for the site footer.
    pub year: i64,
}

impl PageSpec {
    /// The marks at `place`, in order.
    pub fn marks_at(&self, place: Place) -> impl Iterator<Item = &Mark> {
        self.marks.iter().filter(move |m| m.place == place)
    }
}

/// What the rest of the seed offers a page's chrome: other stories'
/// headlines and teasers, for most-read and related lists.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub headlines: Vec<String>,
    pub teasers: Vec<String>,
}

/// Renders `spec` through `profile`: the page's text and its format.
pub fn render(
    spec: &PageSpec,
    profile: &SiteProfile,
    rng: &mut Rng,
    ctx: &Context,
) -> (String, PageFormat) {
    match profile.family {
        Family::Text => (text::render(spec, profile, rng, ctx), PageFormat::Text),
        _ => (html::render(spec, profile, rng, ctx), PageFormat::Html),
    }
}

/// A page's visible words, as a reader sees them: tags dropped, entities
/// decoded, markdown links reduced to their text, whitespace collapsed.
/// Scripts, styles and head metadata are not visible. For checks that a
/// rendered page shows what the scenario placed on it.
pub fn visible_text(page: &str, format: PageFormat) -> String {
    let text = match format {
        PageFormat::Html => html::strip_tags(page),
        PageFormat::Text => text::strip_markdown_links(page),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::dates::{DateCase, DateDisplay, Precision};
    use crate::scenario::{Form, LinkTo, SITES};

    /// Every place renders its mark where a reader sees it, in every family
    /// and whatever the template's other choices.
    #[test]
    fn every_place_shows_its_mark_in_every_family() {
        let site = SITES[0];
        // A page has one dateline: in the first paragraph, or the second.
        let places = |dateline: Place| -> Vec<Place> {
            Place::ALL
                .into_iter()
                .filter(|p| !matches!(p, Place::FirstParagraph | Place::SecondParagraph))
                .chain(std::iter::once(dateline))
                .collect()
        };
        let marks_at = |places: Vec<Place>| -> Vec<Mark> {
            places
                .into_iter()
                .map(|place| {
                    let mut m = Mark::words(
                        "Capitol Ledger",
                        Form::CreditLine,
                        place,
                        &format!("Mark at {} from Capitol Ledger ", place.name()),
                    );
                    if place == Place::BoxAfter {
                        m.text.push(Seg::Link {
                            text: "original article".into(),
                            href: "https://capitolledger.com/a".into(),
                        });
                        m.link = Some(LinkTo::Article);
                    }
                    m
                })
                .collect()
        };
        let mut spec = PageSpec {
            site,
            url: "https://valleyherald.com/a".into(),
            title: "Water bill passes".into(),
            kicker: Some("ANALYSIS".into()),
            author: Some("Jane Roe".into()),
            paragraphs: (0..8)
                .map(|i| format!("Paragraph {i} of the water bill story says what the senate did on Tuesday."))
                .collect(),
            marks: Vec::new(),
            notices: vec![vec![Seg::Text("Reprinting permitted only with an active hyperlink to the original.".into())]],
            carried: None,
            dates: DateDisplay {
                case: DateCase::Instant,
                precision: Precision::Minute,
                visible: Some(1_457_000_000),
                structured: Some(1_457_000_000),
                updated: None,
                offset_minutes: -300,
            },
            photo: Some(Photo {
                description: "Lawmakers leave the chamber.".into(),
            }),
            year: 2016,
        };
        let ctx = Context {
            headlines: vec!["Another story".into()],
            teasers: vec!["Its lede…".into()],
        };
        for seed in 0..40 {
            let dateline = if seed % 2 == 0 {
                Place::FirstParagraph
            } else {
                Place::SecondParagraph
            };
            spec.marks = marks_at(places(dateline));
            let mut rng = Rng::new(seed);
            let mut profile = SiteProfile::draw(&mut rng, site, Families::All);
            for family in Family::ALL {
                profile.family = family;
                let (page, format) = render(&spec, &profile, &mut rng, &ctx);
                let seen = visible_text(&page, format);
                for m in &spec.marks {
                    let words = m.plain().split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(
                        seen.contains(&words),
                        "{family:?} seed {seed}: {words:?} missing"
                    );
                }
                assert!(seen.contains("active hyperlink to the original"));
                assert!(seen.contains("Paragraph 7 of the water bill story"));
            }
        }
    }
}
