//! An extracted article as reprint's outputs show it: the `article` of each
//! line of `reprint export --what articles` (and so of `/api/export`), of
//! `reprint extract --jsonl` and of Python's `reprint.extract`, and the
//! `fields` of `/api/articles/{key}`. A wire shape of its own, apart from
//! the store's record (`reprint_store::record::ArticleRecord`, the disk
//! format) and from extraction's `Article` (the domain type): a new record
//! format or a renamed domain field no longer changes what the API and the
//! export send, since [`ArticleView::from`] says field by field what is sent.
//!
//! The fields below are declared in alphabetical order, and so serialized:
//! the export wrote the stored record through a JSON value, whose object
//! keys are sorted, so these are the bytes it always wrote (pinned by this
//! module's tests and by the byte-identical checks in the commit history).
//! Enumerations are sent as the kebab-case words they were always stored as.

use reprint_extract::{
    Article, Copyright, CreditKind, DeclaredSource, FieldSource, Notice, NoticeKind, Place, Quote,
    RegionText, Sourced, Tag,
};
use serde::Serialize;

/// A metadata value with where it was read and how sure extraction is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourcedView {
    /// How sure extraction is of the value, 0 to 1.
    pub confidence: f32,
    /// Where it was read: "json-ld", "open-graph", "meta", "microdata",
    /// "visible", "title-tag", "url" or "input".
    pub source: &'static str,
    /// The value.
    pub value: String,
}

/// A tag or section the page declares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagView {
    /// Its group (a section, a keyword list), if the page says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The tag.
    pub label: String,
}

/// An outlet the page credits as its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeclaredSourceView {
    /// The date the credit gives, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The credit line as found.
    pub evidence: String,
    /// "original-source", "wire", "byline", "via" or "first-reported".
    pub kind: &'static str,
    /// The link the credit carries, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The outlet credited.
    pub outlet: String,
    /// Where on the page the credit was read (see [`place`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<&'static str>,
}

/// A copyright line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CopyrightView {
    /// The line as found.
    pub evidence: String,
    /// Who holds the copyright, if named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// Where on the page it was read (see [`place`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<&'static str>,
    /// Its year, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// A republishing licence, disclaimer or other notice on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoticeView {
    /// "licence", "disclaimer", "fair-use", "promotion", "subscription",
    /// "contact", "comments" or "sharing".
    pub kind: &'static str,
    /// The link the notice carries, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The notice's text.
    pub text: String,
}

/// A quotation in the body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteView {
    /// Whether it is quoted word for word (inside quotation marks).
    pub direct: bool,
    /// Where it ends in the body text, in characters.
    pub end: usize,
    /// The person it is attributed to, if named in full.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// The speaker as the text names them, if attributed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Where it starts in the body text, in characters.
    pub start: usize,
    /// The quoted words.
    pub text: String,
    /// The verb of attribution ("said"), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb: Option<String>,
}

/// A line of the article region read as neither credit nor notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionTextView {
    /// Where it was read (see [`place`]).
    pub place: &'static str,
    /// The line, then the targets of its links.
    pub text: String,
}

/// An extracted article (see the module's documentation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleView {
    /// The byline.
    pub byline: Option<SourcedView>,
    /// The canonical URL the page declares.
    pub canonical_url: Option<String>,
    /// Copyright lines.
    pub copyright: Vec<CopyrightView>,
    /// The language the page declares, when it differs from the text's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_language: Option<String>,
    /// Outlets the page credits as its source.
    pub declared_sources: Vec<DeclaredSourceView>,
    /// The language the body text reads as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detected_language: Option<String>,
    /// Photo and image credits.
    pub image_credits: Vec<String>,
    /// A kicker above the headline.
    pub kicker: Option<SourcedView>,
    /// The page's language.
    pub language: Option<String>,
    /// Links in the article region.
    pub links: Vec<String>,
    /// The modification date.
    pub modified: Option<SourcedView>,
    /// Why there is no article on the page, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_article: Option<String>,
    /// Republishing licences and other notices.
    pub notices: Vec<NoticeView>,
    /// A second publication date that disagrees with `published`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_published: Option<SourcedView>,
    /// The body's paragraphs.
    pub paragraphs: Vec<String>,
    /// The places of the article region that were read (see [`place`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub places_read: Vec<&'static str>,
    /// The publication date, as written.
    pub published: Option<SourcedView>,
    /// Quotations in the body.
    pub quotes: Vec<QuoteView>,
    /// Lines of the article region read as neither credit nor notice.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub region_text: Vec<RegionTextView>,
    /// The script of the body text, when it is not Latin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    /// The site's name.
    pub site: Option<SourcedView>,
    /// Tags and sections.
    pub tags: Vec<TagView>,
    /// The headline.
    pub title: Option<SourcedView>,
}

impl From<&Article> for ArticleView {
    fn from(a: &Article) -> Self {
        // Destructured so that a field added to `Article` fails to compile
        // here until the wire says whether it is sent.
        let Article {
            title,
            kicker,
            byline,
            site,
            published,
            modified,
            other_published,
            canonical_url,
            language,
            tags,
            paragraphs,
            declared_sources,
            copyright,
            notices,
            image_credits,
            links,
            quotes,
            places_read,
            region_text,
            detected_language,
            declared_language,
            script,
            no_article,
        } = a;
        ArticleView {
            byline: sourced(byline),
            canonical_url: canonical_url.clone(),
            copyright: copyright.iter().map(copyright_view).collect(),
            declared_sources: declared_sources.iter().map(declared_source).collect(),
            declared_language: declared_language.clone(),
            detected_language: detected_language.clone(),
            image_credits: image_credits.clone(),
            kicker: sourced(kicker),
            language: language.clone(),
            links: links.clone(),
            modified: sourced(modified),
            no_article: no_article.clone(),
            notices: notices.iter().map(notice).collect(),
            other_published: sourced(other_published),
            paragraphs: paragraphs.clone(),
            places_read: places_read.iter().map(|p| place(*p)).collect(),
            published: sourced(published),
            quotes: quotes.iter().map(quote).collect(),
            region_text: region_text.iter().map(region_line).collect(),
            script: script.clone(),
            site: sourced(site),
            tags: tags.iter().map(tag).collect(),
            title: sourced(title),
        }
    }
}

fn sourced(s: &Option<Sourced<String>>) -> Option<SourcedView> {
    s.as_ref().map(|s| SourcedView {
        confidence: s.confidence,
        source: field_source(s.source),
        value: s.value.clone(),
    })
}

fn tag(t: &Tag) -> TagView {
    TagView {
        group: t.group.clone(),
        label: t.label.clone(),
    }
}

fn declared_source(d: &DeclaredSource) -> DeclaredSourceView {
    DeclaredSourceView {
        date: d.date.clone(),
        evidence: d.evidence.clone(),
        kind: credit_kind(d.kind),
        link: d.link.clone(),
        outlet: d.outlet.clone(),
        place: d.place.map(place),
    }
}

fn copyright_view(c: &Copyright) -> CopyrightView {
    CopyrightView {
        evidence: c.evidence.clone(),
        holder: c.holder.clone(),
        place: c.place.map(place),
        year: c.year,
    }
}

fn notice(n: &Notice) -> NoticeView {
    NoticeView {
        kind: notice_kind(n.kind),
        link: n.link.clone(),
        text: n.text.clone(),
    }
}

fn quote(q: &Quote) -> QuoteView {
    QuoteView {
        direct: q.direct,
        end: q.end,
        person: q.person.clone(),
        speaker: q.speaker.clone(),
        start: q.start,
        text: q.text.clone(),
        verb: q.verb.clone(),
    }
}

fn region_line(r: &RegionText) -> RegionTextView {
    RegionTextView {
        place: place(r.place),
        text: r.text.clone(),
    }
}

fn field_source(s: FieldSource) -> &'static str {
    match s {
        FieldSource::JsonLd => "json-ld",
        FieldSource::OpenGraph => "open-graph",
        FieldSource::Meta => "meta",
        FieldSource::Microdata => "microdata",
        FieldSource::Visible => "visible",
        FieldSource::TitleTag => "title-tag",
        FieldSource::Url => "url",
        FieldSource::Input => "input",
    }
}

/// A place on the page, as the wire names it: "dateline", "byline",
/// "header", "before-body", "body", "end-of-body", "after-body", "aside",
/// "article-footer", "link", "metadata" or "input".
pub fn place(p: Place) -> &'static str {
    match p {
        Place::Dateline => "dateline",
        Place::Byline => "byline",
        Place::Header => "header",
        Place::BeforeBody => "before-body",
        Place::Body => "body",
        Place::EndOfBody => "end-of-body",
        Place::AfterBody => "after-body",
        Place::Aside => "aside",
        Place::ArticleFooter => "article-footer",
        Place::Link => "link",
        Place::Metadata => "metadata",
        Place::Input => "input",
    }
}

fn credit_kind(k: CreditKind) -> &'static str {
    match k {
        CreditKind::OriginalSource => "original-source",
        CreditKind::Wire => "wire",
        CreditKind::Byline => "byline",
        CreditKind::Via => "via",
        CreditKind::FirstReported => "first-reported",
    }
}

fn notice_kind(k: NoticeKind) -> &'static str {
    match k {
        NoticeKind::Licence => "licence",
        NoticeKind::Disclaimer => "disclaimer",
        NoticeKind::FairUse => "fair-use",
        NoticeKind::Promotion => "promotion",
        NoticeKind::Subscription => "subscription",
        NoticeKind::Contact => "contact",
        NoticeKind::Comments => "comments",
        NoticeKind::Sharing => "sharing",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reprint_store::record::ArticleRecord;

    /// An article with every field set and every enumeration's variants
    /// used, so that a difference between the view and the record's JSON
    /// shows.
    fn full() -> Article {
        let s = |v: &str, src| Sourced::new(v.to_string(), src, 0.9);
        let sources = [
            FieldSource::JsonLd,
            FieldSource::OpenGraph,
            FieldSource::Meta,
            FieldSource::Microdata,
            FieldSource::Visible,
            FieldSource::TitleTag,
            FieldSource::Url,
            FieldSource::Input,
        ];
        let places = [
            Place::Dateline,
            Place::Byline,
            Place::Header,
            Place::BeforeBody,
            Place::Body,
            Place::EndOfBody,
            Place::AfterBody,
            Place::Aside,
            Place::ArticleFooter,
            Place::Link,
            Place::Metadata,
            Place::Input,
        ];
        let kinds = [
            CreditKind::OriginalSource,
            CreditKind::Wire,
            CreditKind::Byline,
            CreditKind::Via,
            CreditKind::FirstReported,
        ];
        let notices = [
            NoticeKind::Licence,
            NoticeKind::Disclaimer,
            NoticeKind::FairUse,
            NoticeKind::Promotion,
            NoticeKind::Subscription,
            NoticeKind::Contact,
            NoticeKind::Comments,
            NoticeKind::Sharing,
        ];
        Article {
            title: Some(s("Title", sources[0])),
            kicker: Some(s("Kicker", sources[1])),
            byline: Some(s("By A", sources[2])),
            site: Some(s("Site", sources[3])),
            published: Some(s("2019-05-31", sources[4])),
            modified: Some(s("2019-06-01", sources[5])),
            other_published: Some(s("2019-05-30", sources[6])),
            canonical_url: Some("https://example.com/a".into()),
            language: Some("en".into()),
            tags: vec![
                Tag {
                    label: "Politics".into(),
                    group: Some("section".into()),
                },
                Tag {
                    label: "Census".into(),
                    group: None,
                },
            ],
            paragraphs: vec!["One \"quoted\" word.".into(), "Two.".into()],
            declared_sources: kinds
                .iter()
                .enumerate()
                .map(|(i, k)| DeclaredSource {
                    outlet: format!("Outlet {i}"),
                    date: (i % 2 == 0).then(|| "2019".into()),
                    link: (i % 2 == 1).then(|| "https://example.org".into()),
                    kind: *k,
                    evidence: format!("line {i}"),
                    place: (i < 3).then_some(places[i]),
                })
                .collect(),
            copyright: vec![
                Copyright {
                    holder: Some("AP".into()),
                    year: Some(2019),
                    evidence: "© 2019 AP".into(),
                    place: Some(Place::ArticleFooter),
                },
                Copyright {
                    holder: None,
                    year: None,
                    evidence: "All rights reserved".into(),
                    place: None,
                },
            ],
            notices: notices
                .iter()
                .enumerate()
                .map(|(i, k)| Notice {
                    kind: *k,
                    text: format!("notice {i}"),
                    link: (i % 2 == 0).then(|| "https://example.org/terms".into()),
                })
                .collect(),
            image_credits: vec!["Photo: B".into()],
            links: vec!["https://example.org/x".into()],
            quotes: vec![Quote {
                text: "quoted".into(),
                speaker: Some("A".into()),
                person: Some("A B".into()),
                verb: Some("said".into()),
                start: 5,
                end: 11,
                direct: true,
            }],
            places_read: places.to_vec(),
            region_text: vec![RegionText {
                place: Place::BeforeBody,
                text: "First published by Sputnik".into(),
            }],
            detected_language: Some("en".into()),
            declared_language: Some("de".into()),
            script: Some("Latn".into()),
            no_article: Some("none".into()),
        }
    }

    /// The export's bytes before this shape: the stored record read as a
    /// JSON value (keys sorted) and written again.
    fn as_the_export_wrote(a: &Article) -> String {
        let stored = serde_json::to_string(&ArticleRecord::from(a)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&stored).unwrap();
        value.to_string()
    }

    #[test]
    fn the_view_writes_the_bytes_the_export_wrote() {
        let mut a = full();
        assert_eq!(
            serde_json::to_string(&ArticleView::from(&a)).unwrap(),
            as_the_export_wrote(&a)
        );
        // And with every optional field empty.
        a = Article {
            paragraphs: vec!["Only text.".into()],
            ..Article::default()
        };
        assert_eq!(
            serde_json::to_string(&ArticleView::from(&a)).unwrap(),
            as_the_export_wrote(&a)
        );
    }

    #[test]
    fn the_view_pins_its_own_bytes() {
        let a = Article {
            title: Some(Sourced::new("T".into(), FieldSource::TitleTag, 0.5)),
            paragraphs: vec!["P.".into()],
            places_read: vec![Place::EndOfBody],
            ..Article::default()
        };
        assert_eq!(
            serde_json::to_string(&ArticleView::from(&a)).unwrap(),
            concat!(
                r#"{"byline":null,"canonical_url":null,"copyright":[],"declared_sources":[],"#,
                r#""image_credits":[],"kicker":null,"language":null,"links":[],"modified":null,"#,
                r#""notices":[],"paragraphs":["P."],"places_read":["end-of-body"],"published":null,"#,
                r#""quotes":[],"site":null,"tags":[],"#,
                r#""title":{"confidence":0.5,"source":"title-tag","value":"T"}}"#
            )
        );
    }
}
