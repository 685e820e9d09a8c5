//! The stored formats of the blobs the store keeps: an extracted article
//! (`articles.article_json`) and a pair's aligned passages
//! (`pairs.passages_json`), as record types of the store's own, apart from
//! the domain types of reprint-extract and reprint-match.
//!
//! Why: the blobs were the domain types' serde output, so renaming a field
//! or changing an attribute in extract silently changed what the store
//! writes, and made every database written before unreadable. The records
//! below spell the format out field by field, with explicit conversions; a
//! change to the domain types no longer compiles until the conversion says
//! what it means on disk (a new enum variant, a new field). The format is
//! [`RECORD_FORMAT`], kept in the `meta` table (`record_format`) and checked
//! when a store is opened (see `open`): a database written in another
//! format is refused, naming the file and both versions.
//!
//! The format covers the story blob too (`stories.story_json`), whose
//! record lives with the tracer's use case in reprint-app (`record.rs`
//! there), since the store knows neither the tracer nor its types.
//!
//! Format 1 is byte for byte the serde output of the domain types when the
//! records were introduced, so databases written before read unchanged.
//! Format 2 adds what format 1 cannot hold and removes nothing: an
//! article's `region_text` (optional, left out when empty) and the weak
//! credit kind `first-reported` (issue 14). Every format-1 record is a
//! valid format-2 record, so a format-1 file is read as it is and, when
//! opened to write, migrated by recording format 2 (see `open`).

use reprint_extract::{
    Article, Copyright, CreditKind, DeclaredSource, FieldSource, Notice, NoticeKind, Place, Quote,
    RegionText, Sourced, Tag,
};
use reprint_match::align::{CharSpan, Passage};
use serde::{Deserialize, Serialize};

/// The format of the stored records this store reads and writes. Raise it
/// whenever a record below changes what it writes or requires, and add a
/// migration (or accept that older files are refused).
pub const RECORD_FORMAT: i64 = 2;

/// The oldest record format this store reads: every record of a format from
/// here up to [`RECORD_FORMAT`] is a valid record of [`RECORD_FORMAT`], so
/// such a file is read as it is and migrated by rewriting its `meta` key.
pub(crate) const OLDEST_READABLE_FORMAT: i64 = 1;

/// `meta` key holding the record format of the file.
pub(crate) const RECORD_FORMAT_KEY: &str = "record_format";

/// [`FieldSource`] as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldSourceRecord {
    JsonLd,
    OpenGraph,
    Meta,
    Microdata,
    Visible,
    TitleTag,
    Url,
    Input,
}

impl From<FieldSource> for FieldSourceRecord {
    fn from(s: FieldSource) -> Self {
        match s {
            FieldSource::JsonLd => Self::JsonLd,
            FieldSource::OpenGraph => Self::OpenGraph,
            FieldSource::Meta => Self::Meta,
            FieldSource::Microdata => Self::Microdata,
            FieldSource::Visible => Self::Visible,
            FieldSource::TitleTag => Self::TitleTag,
            FieldSource::Url => Self::Url,
            FieldSource::Input => Self::Input,
        }
    }
}

impl From<FieldSourceRecord> for FieldSource {
    fn from(s: FieldSourceRecord) -> Self {
        match s {
            FieldSourceRecord::JsonLd => Self::JsonLd,
            FieldSourceRecord::OpenGraph => Self::OpenGraph,
            FieldSourceRecord::Meta => Self::Meta,
            FieldSourceRecord::Microdata => Self::Microdata,
            FieldSourceRecord::Visible => Self::Visible,
            FieldSourceRecord::TitleTag => Self::TitleTag,
            FieldSourceRecord::Url => Self::Url,
            FieldSourceRecord::Input => Self::Input,
        }
    }
}

/// A [`Sourced`] text value as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourcedRecord {
    pub value: String,
    pub source: FieldSourceRecord,
    pub confidence: f32,
}

impl From<&Sourced<String>> for SourcedRecord {
    fn from(s: &Sourced<String>) -> Self {
        SourcedRecord {
            value: s.value.clone(),
            source: s.source.into(),
            confidence: s.confidence,
        }
    }
}

impl From<SourcedRecord> for Sourced<String> {
    fn from(s: SourcedRecord) -> Self {
        Sourced::new(s.value, s.source.into(), s.confidence)
    }
}

/// A [`Tag`] as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRecord {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// A [`Place`] as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceRecord {
    Dateline,
    Byline,
    Header,
    BeforeBody,
    Body,
    EndOfBody,
    AfterBody,
    Aside,
    ArticleFooter,
    Link,
    Metadata,
    Input,
}

impl From<Place> for PlaceRecord {
    fn from(p: Place) -> Self {
        match p {
            Place::Dateline => Self::Dateline,
            Place::Byline => Self::Byline,
            Place::Header => Self::Header,
            Place::BeforeBody => Self::BeforeBody,
            Place::Body => Self::Body,
            Place::EndOfBody => Self::EndOfBody,
            Place::AfterBody => Self::AfterBody,
            Place::Aside => Self::Aside,
            Place::ArticleFooter => Self::ArticleFooter,
            Place::Link => Self::Link,
            Place::Metadata => Self::Metadata,
            Place::Input => Self::Input,
        }
    }
}

impl From<PlaceRecord> for Place {
    fn from(p: PlaceRecord) -> Self {
        match p {
            PlaceRecord::Dateline => Self::Dateline,
            PlaceRecord::Byline => Self::Byline,
            PlaceRecord::Header => Self::Header,
            PlaceRecord::BeforeBody => Self::BeforeBody,
            PlaceRecord::Body => Self::Body,
            PlaceRecord::EndOfBody => Self::EndOfBody,
            PlaceRecord::AfterBody => Self::AfterBody,
            PlaceRecord::Aside => Self::Aside,
            PlaceRecord::ArticleFooter => Self::ArticleFooter,
            PlaceRecord::Link => Self::Link,
            PlaceRecord::Metadata => Self::Metadata,
            PlaceRecord::Input => Self::Input,
        }
    }
}

/// A [`CreditKind`] as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CreditKindRecord {
    OriginalSource,
    Wire,
    Byline,
    Via,
    /// Format 2.
    FirstReported,
}

impl From<CreditKind> for CreditKindRecord {
    fn from(k: CreditKind) -> Self {
        match k {
            CreditKind::OriginalSource => Self::OriginalSource,
            CreditKind::Wire => Self::Wire,
            CreditKind::Byline => Self::Byline,
            CreditKind::Via => Self::Via,
            CreditKind::FirstReported => Self::FirstReported,
        }
    }
}

impl From<CreditKindRecord> for CreditKind {
    fn from(k: CreditKindRecord) -> Self {
        match k {
            CreditKindRecord::OriginalSource => Self::OriginalSource,
            CreditKindRecord::Wire => Self::Wire,
            CreditKindRecord::Byline => Self::Byline,
            CreditKindRecord::Via => Self::Via,
            CreditKindRecord::FirstReported => Self::FirstReported,
        }
    }
}

/// A [`DeclaredSource`] as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclaredSourceRecord {
    pub outlet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    pub kind: CreditKindRecord,
    pub evidence: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceRecord>,
}

/// A [`Copyright`] line as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyrightRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub evidence: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceRecord>,
}

/// A [`NoticeKind`] as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKindRecord {
    Licence,
    Disclaimer,
    FairUse,
    Promotion,
    Subscription,
    Contact,
    Comments,
    Sharing,
}

impl From<NoticeKind> for NoticeKindRecord {
    fn from(k: NoticeKind) -> Self {
        match k {
            NoticeKind::Licence => Self::Licence,
            NoticeKind::Disclaimer => Self::Disclaimer,
            NoticeKind::FairUse => Self::FairUse,
            NoticeKind::Promotion => Self::Promotion,
            NoticeKind::Subscription => Self::Subscription,
            NoticeKind::Contact => Self::Contact,
            NoticeKind::Comments => Self::Comments,
            NoticeKind::Sharing => Self::Sharing,
        }
    }
}

impl From<NoticeKindRecord> for NoticeKind {
    fn from(k: NoticeKindRecord) -> Self {
        match k {
            NoticeKindRecord::Licence => Self::Licence,
            NoticeKindRecord::Disclaimer => Self::Disclaimer,
            NoticeKindRecord::FairUse => Self::FairUse,
            NoticeKindRecord::Promotion => Self::Promotion,
            NoticeKindRecord::Subscription => Self::Subscription,
            NoticeKindRecord::Contact => Self::Contact,
            NoticeKindRecord::Comments => Self::Comments,
            NoticeKindRecord::Sharing => Self::Sharing,
        }
    }
}

/// A [`Notice`] as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeRecord {
    pub kind: NoticeKindRecord,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// A [`Quote`] as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb: Option<String>,
    pub start: usize,
    pub end: usize,
    pub direct: bool,
}

/// A [`RegionText`] line as stored (format 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionTextRecord {
    pub place: PlaceRecord,
    pub text: String,
}

/// An extracted [`Article`] as stored in `articles.article_json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub title: Option<SourcedRecord>,
    pub kicker: Option<SourcedRecord>,
    pub byline: Option<SourcedRecord>,
    pub site: Option<SourcedRecord>,
    pub published: Option<SourcedRecord>,
    pub modified: Option<SourcedRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_published: Option<SourcedRecord>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<TagRecord>,
    pub paragraphs: Vec<String>,
    pub declared_sources: Vec<DeclaredSourceRecord>,
    pub copyright: Vec<CopyrightRecord>,
    pub notices: Vec<NoticeRecord>,
    pub image_credits: Vec<String>,
    pub links: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<QuoteRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places_read: Vec<PlaceRecord>,
    /// Format 2; absent in format 1 and when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub region_text: Vec<RegionTextRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detected_language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_article: Option<String>,
}

fn sourced(s: &Option<Sourced<String>>) -> Option<SourcedRecord> {
    s.as_ref().map(SourcedRecord::from)
}

impl From<&Article> for ArticleRecord {
    fn from(a: &Article) -> Self {
        // Destructured so that a field added to `Article` fails to compile
        // here until the stored format says what becomes of it.
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
        ArticleRecord {
            title: sourced(title),
            kicker: sourced(kicker),
            byline: sourced(byline),
            site: sourced(site),
            published: sourced(published),
            modified: sourced(modified),
            other_published: sourced(other_published),
            canonical_url: canonical_url.clone(),
            language: language.clone(),
            tags: tags
                .iter()
                .map(|t| TagRecord {
                    label: t.label.clone(),
                    group: t.group.clone(),
                })
                .collect(),
            paragraphs: paragraphs.clone(),
            declared_sources: declared_sources
                .iter()
                .map(|d| DeclaredSourceRecord {
                    outlet: d.outlet.clone(),
                    date: d.date.clone(),
                    link: d.link.clone(),
                    kind: d.kind.into(),
                    evidence: d.evidence.clone(),
                    place: d.place.map(Into::into),
                })
                .collect(),
            copyright: copyright
                .iter()
                .map(|c| CopyrightRecord {
                    holder: c.holder.clone(),
                    year: c.year,
                    evidence: c.evidence.clone(),
                    place: c.place.map(Into::into),
                })
                .collect(),
            notices: notices
                .iter()
                .map(|n| NoticeRecord {
                    kind: n.kind.into(),
                    text: n.text.clone(),
                    link: n.link.clone(),
                })
                .collect(),
            image_credits: image_credits.clone(),
            links: links.clone(),
            quotes: quotes
                .iter()
                .map(|q| QuoteRecord {
                    text: q.text.clone(),
                    speaker: q.speaker.clone(),
                    person: q.person.clone(),
                    verb: q.verb.clone(),
                    start: q.start,
                    end: q.end,
                    direct: q.direct,
                })
                .collect(),
            places_read: places_read.iter().copied().map(Into::into).collect(),
            region_text: region_text
                .iter()
                .map(|r| RegionTextRecord {
                    place: r.place.into(),
                    text: r.text.clone(),
                })
                .collect(),
            detected_language: detected_language.clone(),
            declared_language: declared_language.clone(),
            script: script.clone(),
            no_article: no_article.clone(),
        }
    }
}

impl From<ArticleRecord> for Article {
    fn from(r: ArticleRecord) -> Self {
        Article {
            title: r.title.map(Into::into),
            kicker: r.kicker.map(Into::into),
            byline: r.byline.map(Into::into),
            site: r.site.map(Into::into),
            published: r.published.map(Into::into),
            modified: r.modified.map(Into::into),
            other_published: r.other_published.map(Into::into),
            canonical_url: r.canonical_url,
            language: r.language,
            tags: r
                .tags
                .into_iter()
                .map(|t| Tag {
                    label: t.label,
                    group: t.group,
                })
                .collect(),
            paragraphs: r.paragraphs,
            declared_sources: r
                .declared_sources
                .into_iter()
                .map(|d| DeclaredSource {
                    outlet: d.outlet,
                    date: d.date,
                    link: d.link,
                    kind: d.kind.into(),
                    evidence: d.evidence,
                    place: d.place.map(Into::into),
                })
                .collect(),
            copyright: r
                .copyright
                .into_iter()
                .map(|c| Copyright {
                    holder: c.holder,
                    year: c.year,
                    evidence: c.evidence,
                    place: c.place.map(Into::into),
                })
                .collect(),
            notices: r
                .notices
                .into_iter()
                .map(|n| Notice {
                    kind: n.kind.into(),
                    text: n.text,
                    link: n.link,
                })
                .collect(),
            image_credits: r.image_credits,
            links: r.links,
            quotes: r
                .quotes
                .into_iter()
                .map(|q| Quote {
                    text: q.text,
                    speaker: q.speaker,
                    person: q.person,
                    verb: q.verb,
                    start: q.start,
                    end: q.end,
                    direct: q.direct,
                })
                .collect(),
            places_read: r.places_read.into_iter().map(Into::into).collect(),
            region_text: r
                .region_text
                .into_iter()
                .map(|t| RegionText {
                    place: t.place.into(),
                    text: t.text,
                })
                .collect(),
            detected_language: r.detected_language,
            declared_language: r.declared_language,
            script: r.script,
            no_article: r.no_article,
        }
    }
}

/// The stored JSON of an article.
pub fn article_json(a: &Article) -> String {
    serde_json::to_string(&ArticleRecord::from(a)).unwrap_or_default()
}

/// An article read back from its stored JSON.
pub fn article_from_json(json: &str) -> Result<Article, serde_json::Error> {
    serde_json::from_str::<ArticleRecord>(json).map(Article::from)
}

/// A character span of a stored passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
}

/// A pair's aligned [`Passage`] as stored in `pairs.passages_json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassageRecord {
    pub a: SpanRecord,
    pub b: SpanRecord,
    pub words: usize,
    pub exact: bool,
}

impl From<&Passage> for PassageRecord {
    fn from(p: &Passage) -> Self {
        let span = |s: CharSpan| SpanRecord {
            start: s.start,
            end: s.end,
        };
        PassageRecord {
            a: span(p.a),
            b: span(p.b),
            words: p.words,
            exact: p.exact,
        }
    }
}

impl From<PassageRecord> for Passage {
    fn from(p: PassageRecord) -> Self {
        let span = |s: SpanRecord| CharSpan {
            start: s.start,
            end: s.end,
        };
        Passage {
            a: span(p.a),
            b: span(p.b),
            words: p.words,
            exact: p.exact,
        }
    }
}

/// The stored JSON of a pair's passages.
pub fn passages_json(passages: &[Passage]) -> String {
    let records: Vec<PassageRecord> = passages.iter().map(PassageRecord::from).collect();
    serde_json::to_string(&records).unwrap_or_else(|_| "[]".into())
}

/// A pair's passages read back from their stored JSON.
pub fn passages_from_json(json: &str) -> Result<Vec<Passage>, serde_json::Error> {
    serde_json::from_str::<Vec<PassageRecord>>(json)
        .map(|v| v.into_iter().map(Passage::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article with every field set, as the format's fixture.
    fn full() -> Article {
        let s = |v: &str, source| Some(Sourced::new(v.to_string(), source, 0.5));
        Article {
            title: s("T", FieldSource::JsonLd),
            kicker: s("K", FieldSource::Visible),
            byline: s("B", FieldSource::Meta),
            site: s("S", FieldSource::Url),
            published: s("2015-07-04", FieldSource::OpenGraph),
            modified: s("2015-07-05", FieldSource::Microdata),
            other_published: s("2014-07-04", FieldSource::TitleTag),
            canonical_url: Some("https://e.com/a".into()),
            language: Some("en".into()),
            tags: vec![Tag {
                label: "L".into(),
                group: Some("G".into()),
            }],
            paragraphs: vec!["One.".into(), "Two.".into()],
            declared_sources: vec![DeclaredSource {
                outlet: "Sputnik".into(),
                date: Some("2015-07-03".into()),
                link: Some("https://s.com".into()),
                kind: CreditKind::Via,
                evidence: "via Sputnik".into(),
                place: Some(Place::ArticleFooter),
            }],
            copyright: vec![Copyright {
                holder: Some("Sputnik".into()),
                year: Some(2015),
                evidence: "© Sputnik 2015".into(),
                place: Some(Place::EndOfBody),
            }],
            notices: vec![Notice {
                kind: NoticeKind::FairUse,
                text: "fair use".into(),
                link: Some("https://l".into()),
            }],
            image_credits: vec!["© Flickr".into()],
            links: vec!["https://x".into()],
            quotes: vec![Quote {
                text: "q".into(),
                speaker: Some("he".into()),
                person: Some("Smith".into()),
                verb: Some("said".into()),
                start: 1,
                end: 2,
                direct: true,
            }],
            places_read: vec![Place::Header, Place::AfterBody],
            region_text: vec![RegionText {
                place: Place::BeforeBody,
                text: "This story was first published by Sputnik".into(),
            }],
            detected_language: Some("en".into()),
            declared_language: Some("en-GB".into()),
            script: Some("Latin".into()),
            no_article: Some("none".into()),
        }
    }

    /// The stored format, written out: this string changes only with
    /// [`RECORD_FORMAT`].
    const FULL_V2: &str = r#"{"title":{"value":"T","source":"json-ld","confidence":0.5},"kicker":{"value":"K","source":"visible","confidence":0.5},"byline":{"value":"B","source":"meta","confidence":0.5},"site":{"value":"S","source":"url","confidence":0.5},"published":{"value":"2015-07-04","source":"open-graph","confidence":0.5},"modified":{"value":"2015-07-05","source":"microdata","confidence":0.5},"other_published":{"value":"2014-07-04","source":"title-tag","confidence":0.5},"canonical_url":"https://e.com/a","language":"en","tags":[{"label":"L","group":"G"}],"paragraphs":["One.","Two."],"declared_sources":[{"outlet":"Sputnik","date":"2015-07-03","link":"https://s.com","kind":"via","evidence":"via Sputnik","place":"article-footer"}],"copyright":[{"holder":"Sputnik","year":2015,"evidence":"© Sputnik 2015","place":"end-of-body"}],"notices":[{"kind":"fair-use","text":"fair use","link":"https://l"}],"image_credits":["© Flickr"],"links":["https://x"],"quotes":[{"text":"q","speaker":"he","person":"Smith","verb":"said","start":1,"end":2,"direct":true}],"places_read":["header","after-body"],"region_text":[{"place":"before-body","text":"This story was first published by Sputnik"}],"detected_language":"en","declared_language":"en-GB","script":"Latin","no_article":"none"}"#;

    /// The same article as format 1 stored it: no region text.
    const FULL_V1: &str = r#"{"title":{"value":"T","source":"json-ld","confidence":0.5},"kicker":{"value":"K","source":"visible","confidence":0.5},"byline":{"value":"B","source":"meta","confidence":0.5},"site":{"value":"S","source":"url","confidence":0.5},"published":{"value":"2015-07-04","source":"open-graph","confidence":0.5},"modified":{"value":"2015-07-05","source":"microdata","confidence":0.5},"other_published":{"value":"2014-07-04","source":"title-tag","confidence":0.5},"canonical_url":"https://e.com/a","language":"en","tags":[{"label":"L","group":"G"}],"paragraphs":["One.","Two."],"declared_sources":[{"outlet":"Sputnik","date":"2015-07-03","link":"https://s.com","kind":"via","evidence":"via Sputnik","place":"article-footer"}],"copyright":[{"holder":"Sputnik","year":2015,"evidence":"© Sputnik 2015","place":"end-of-body"}],"notices":[{"kind":"fair-use","text":"fair use","link":"https://l"}],"image_credits":["© Flickr"],"links":["https://x"],"quotes":[{"text":"q","speaker":"he","person":"Smith","verb":"said","start":1,"end":2,"direct":true}],"places_read":["header","after-body"],"detected_language":"en","declared_language":"en-GB","script":"Latin","no_article":"none"}"#;

    #[test]
    fn an_article_is_stored_in_format_2_and_read_back_whole() {
        assert_eq!(RECORD_FORMAT, 2, "a new format needs its own fixture");
        let a = full();
        assert_eq!(article_json(&a), FULL_V2);
        assert_eq!(article_from_json(FULL_V2).unwrap(), a);
        let empty = Article::default();
        assert_eq!(article_from_json(&article_json(&empty)).unwrap(), empty);
    }

    #[test]
    fn the_weak_credit_kind_is_stored_from_format_2() {
        let kind = CreditKindRecord::from(CreditKind::FirstReported);
        assert_eq!(serde_json::to_string(&kind).unwrap(), r#""first-reported""#);
        assert_eq!(CreditKind::from(kind), CreditKind::FirstReported);
    }

    #[test]
    fn a_format_1_record_is_a_format_2_record() {
        // What makes migrating a file by rewriting its meta key sound.
        let mut a = full();
        a.region_text.clear();
        assert_eq!(article_from_json(FULL_V1).unwrap(), a);
        assert_eq!(article_json(&a), FULL_V1);
    }

    #[test]
    fn records_written_before_optional_fields_existed_still_read() {
        // Fields added with `serde(default)` may be missing in older rows.
        let old = r#"{"title":null,"kicker":null,"byline":null,"site":null,"published":null,"modified":null,"canonical_url":null,"language":null,"tags":[],"paragraphs":["P."],"declared_sources":[],"copyright":[],"notices":[],"image_credits":[],"links":[]}"#;
        let a = article_from_json(old).unwrap();
        assert_eq!(a.paragraphs, vec!["P.".to_string()]);
        assert!(a.quotes.is_empty() && a.places_read.is_empty());
    }

    #[test]
    fn passages_are_stored_unchanged_since_format_1() {
        let p = Passage {
            a: CharSpan { start: 0, end: 5 },
            b: CharSpan { start: 3, end: 9 },
            words: 2,
            exact: false,
        };
        let json = passages_json(std::slice::from_ref(&p));
        assert_eq!(
            json,
            r#"[{"a":{"start":0,"end":5},"b":{"start":3,"end":9},"words":2,"exact":false}]"#
        );
        assert_eq!(passages_from_json(&json).unwrap(), vec![p]);
    }
}
