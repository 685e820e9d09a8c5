//! The extracted article: what every later stage (match, trace, store) reads.

use serde::{Deserialize, Serialize};

/// Where a metadata value was read from. Provenance verdicts quote this, so a
/// reader can check e.g. that a date came from JSON-LD rather than the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldSource {
    /// schema.org JSON-LD (`<script type="application/ld+json">`).
    JsonLd,
    /// OpenGraph / article: meta properties.
    OpenGraph,
    /// Other `<meta name=…>` tags (Dublin Core, parsely, sailthru, citation…).
    Meta,
    /// Microdata (`itemprop`) attributes.
    Microdata,
    /// Text visible on the page: a byline, a dateline, a `<time>` element, a heading.
    Visible,
    /// `<title>` of the document.
    TitleTag,
    /// The page URL (e.g. `/2019/05/31/` or the host name).
    Url,
    /// Given by the input itself (a JSONL `published`/`site` field, a WARC header).
    Input,
}

impl FieldSource {
    /// How evidence and pages name this source ("published 2015-07-04
    /// (JSON-LD)").
    pub fn label(self) -> &'static str {
        match self {
            FieldSource::JsonLd => "JSON-LD",
            FieldSource::OpenGraph => "OpenGraph",
            FieldSource::Meta => "meta tag",
            FieldSource::Microdata => "microdata",
            FieldSource::Visible => "on the page",
            FieldSource::TitleTag => "<title> tag",
            FieldSource::Url => "URL",
            FieldSource::Input => "input",
        }
    }
}

/// A metadata value with where it came from and how much we trust it (0–1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sourced<T> {
    pub value: T,
    pub source: FieldSource,
    pub confidence: f32,
}

impl<T> Sourced<T> {
    pub fn new(value: T, source: FieldSource, confidence: f32) -> Self {
        Sourced {
            value,
            source,
            confidence,
        }
    }
}

/// A tag or category, with the group a page files it under
/// (the seed page has "Region", "Theme" and "In-depth Report").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// Where on the page a credit or copyright line was read, so a verdict can
/// say where it looked (issue 14: most credit lines sit outside the body
/// container, in the header, beside the byline, in boxes before or after the
/// body, in the article's footer or an aside, or in a link).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    /// A wire dateline opening a body paragraph ("WASHINGTON (AP) —").
    Dateline,
    /// The byline, or a line beside it in the byline block.
    Byline,
    /// The article's header: kicker, headline block, dek (standfirst).
    Header,
    /// A paragraph or box between the header and the body.
    BeforeBody,
    /// A paragraph of the body that is, as a whole, a credit line.
    Body,
    /// A sign-off closing the body's last paragraph ("… - Sapa").
    EndOfBody,
    /// A paragraph or box just after the body, before the article's footer.
    AfterBody,
    /// An aside attached to the article ("About this story").
    Aside,
    /// The article's own footer (copyright line, republishing notice).
    ArticleFooter,
    /// A hyperlink's text or target ("Read the original article").
    Link,
    /// Structured metadata (JSON-LD, meta tags).
    Metadata,
    /// The input's own fields (a JSONL `author`).
    Input,
}

impl Place {
    /// How evidence names the place ("in a box after the body").
    pub fn label(self) -> &'static str {
        match self {
            Place::Dateline => "dateline",
            Place::Byline => "byline",
            Place::Header => "article header",
            Place::BeforeBody => "before the body",
            Place::Body => "body",
            Place::EndOfBody => "end of the body",
            Place::AfterBody => "after the body",
            Place::Aside => "aside",
            Place::ArticleFooter => "article footer",
            Place::Link => "link",
            Place::Metadata => "metadata",
            Place::Input => "input",
        }
    }
}

/// An outlet the page itself names as the source of its text:
/// "The original source of this article is Sputnik", "WASHINGTON (AP) —".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeclaredSource {
    /// The outlet as named ("Sputnik", "AP", "Reuters").
    pub outlet: String,
    /// A date given with the credit, ISO `YYYY-MM-DD` when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// A hyperlink to the source, when the credit carries one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// What kind of credit this is.
    pub kind: CreditKind,
    /// The text the credit was read from, verbatim, for evidence.
    pub evidence: String,
    /// Where on the page the credit was read, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CreditKind {
    /// "The original source of this article is X", "Originally published by X",
    /// "This article first appeared in X", "Source: X", "Republished with permission of X".
    #[default]
    OriginalSource,
    /// A wire dateline or sign-off: "WASHINGTON (AP) —", "— Reuters".
    Wire,
    /// An agency or outlet named in the byline ("By Sputnik", "By The Associated Press").
    Byline,
    /// "via X", "h/t X".
    Via,
    /// A weak credit in the running text: "X first reported the story",
    /// "as first reported by X", "according to X" near the top (issue 14).
    /// It names the source without crediting it as a credit line does, so
    /// tracing makes it "partial" at most, never "credited".
    FirstReported,
}

/// A line of the article region outside the body that no credit, copyright
/// line or notice was read from (a dek, a box before or after the body, a
/// line beside the byline, an aside), with its links' targets. Kept so that
/// tracing can tell a copy naming its origin in words no rule reads as
/// credit from one naming it nowhere: only the second may be called
/// uncredited (issue 14).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionText {
    /// Where in the article region the line was read.
    pub place: Place,
    /// The line as a reader sees it, then the targets of its links.
    pub text: String,
}

/// A copyright line: "Copyright © Sputnik, 2015".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Copyright {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub evidence: String,
    /// Where on the page the line was read, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

/// Page text that is not the article but matters for provenance or must be
/// kept out of the body: licences, disclaimers, promotions…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// A link the notice carries (e.g. the licence URL), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// Terms under which the text may be reused (cross-posting terms, Creative Commons…).
    Licence,
    Disclaimer,
    /// "fair use" statements.
    FairUse,
    /// Membership, donation, newsletter and social-media calls.
    Promotion,
    Subscription,
    Contact,
    Comments,
    Sharing,
}

/// A quotation in the body, with who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// The speaker as written: "Lonechild", "he", "the prime minister".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The named person the quote is given to: a pronoun, a bare surname or
    /// an unattributed quote resolved to the last named speaker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// The cue verb as written ("said", "told", "wrote").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb: Option<String>,
    /// Character (not byte) offsets of `text` in [`Article::text`].
    pub start: usize,
    pub end: usize,
    /// Between quotation marks (true) or reported speech ("X said that …").
    pub direct: bool,
}

/// One article as extracted from one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub title: Option<Sourced<String>>,
    /// A standfirst or kicker line shown with the headline ("Sign of Disillusionment").
    pub kicker: Option<Sourced<String>>,
    /// The byline as a person or outlet name, without "By".
    pub byline: Option<Sourced<String>>,
    /// The publishing site's name ("Global Research").
    pub site: Option<Sourced<String>>,
    /// Publication date: ISO 8601, `YYYY-MM-DD` or a full timestamp with its offset.
    pub published: Option<Sourced<String>>,
    pub modified: Option<Sourced<String>>,
    /// Another publication date the page gives that disagrees with
    /// `published` by more than a zone can explain (a visible date a year
    /// before the structured one): the page's date is then weak evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_published: Option<Sourced<String>>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<Tag>,
    /// The body, one entry per paragraph, boilerplate removed.
    pub paragraphs: Vec<String>,
    pub declared_sources: Vec<DeclaredSource>,
    pub copyright: Vec<Copyright>,
    pub notices: Vec<Notice>,
    /// Image credits as printed ("© Flickr/ US Air Force").
    pub image_credits: Vec<String>,
    /// Hyperlinks found in the body and credit lines (absolute where the page URL allows).
    pub links: Vec<String>,
    /// Quotes in the body, in text order.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// The places read for credits beyond the body: an HTML page's article
    /// region outside the body container (header, byline block, boxes
    /// before and after the body, asides, the article's footer, links), or
    /// a text page's lines around its body. Empty when only the body was
    /// read; see [`Article::region_read`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places_read: Vec<Place>,
    /// The lines of the article region outside the body read as neither
    /// credit nor notice (see [`RegionText`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub region_text: Vec<RegionText>,
    /// The language the body text reads as (ISO 639-1 where it has one:
    /// "en", "de", "zh", "ja"), whatever the page declares in `language`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected_language: Option<String>,
    /// The language the page declares (`<html lang>`, meta), when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_language: Option<String>,
    /// The body's main script ("Latin", "Cyrillic", "Han", "Arabic"…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    /// Why the page has no body, when it has none: a page without an
    /// article says so rather than giving its chrome as the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_article: Option<String>,
}

impl Article {
    /// The body as one string, paragraphs separated by a blank line.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    pub fn title_text(&self) -> Option<&str> {
        self.title.as_ref().map(|t| t.value.as_str())
    }

    /// True when the whole article region was read for credits (not only
    /// the body container): what an "uncredited" verdict needs first.
    pub fn region_read(&self) -> bool {
        self.places_read.contains(&Place::AfterBody) && self.places_read.contains(&Place::Header)
    }

    /// True when extraction found no body text at all.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.iter().all(|p| p.trim().is_empty())
    }
}
