//! The stored format of a traced story (`stories.story_json`, the blob the
//! store keeps for the [`crate::stories::Tracer`] without reading it), as
//! record types apart from reprint-trace's [`Story`].
//!
//! Why: the blob was `Story`'s serde output, so a refactor of the tracer's
//! types silently changed what every store holds and made older stories
//! unreadable. The records spell the format out, with explicit conversions;
//! a field or variant added to the domain types does not compile here until
//! the conversion says what it becomes on disk. The format is part of the
//! store's record format (`reprint_store::record::RECORD_FORMAT`, checked
//! when a store is opened): raise that when a record here changes.
//!
//! Format 1 is byte for byte the serde output `Story` had when the records
//! were introduced, so stories stored before read unchanged.

use reprint_match::ReuseKind;
use reprint_trace::{Change, ChangeKind, CopyReport, CreditVerdict, Hop, Origin, Span, Story};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ReuseKindRecord {
    Copy,
    Partial,
}

impl From<ReuseKind> for ReuseKindRecord {
    fn from(k: ReuseKind) -> Self {
        match k {
            ReuseKind::Copy => Self::Copy,
            ReuseKind::Partial => Self::Partial,
        }
    }
}

impl From<ReuseKindRecord> for ReuseKind {
    fn from(k: ReuseKindRecord) -> Self {
        match k {
            ReuseKindRecord::Copy => Self::Copy,
            ReuseKindRecord::Partial => Self::Partial,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum CreditRecord {
    Credited,
    Partial,
    Uncredited,
    Licensed,
    NotApplicable,
}

impl From<CreditVerdict> for CreditRecord {
    fn from(c: CreditVerdict) -> Self {
        match c {
            CreditVerdict::Credited => Self::Credited,
            CreditVerdict::Partial => Self::Partial,
            CreditVerdict::Uncredited => Self::Uncredited,
            CreditVerdict::Licensed => Self::Licensed,
            CreditVerdict::NotApplicable => Self::NotApplicable,
        }
    }
}

impl From<CreditRecord> for CreditVerdict {
    fn from(c: CreditRecord) -> Self {
        match c {
            CreditRecord::Credited => Self::Credited,
            CreditRecord::Partial => Self::Partial,
            CreditRecord::Uncredited => Self::Uncredited,
            CreditRecord::Licensed => Self::Licensed,
            CreditRecord::NotApplicable => Self::NotApplicable,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ChangeKindRecord {
    QuoteAltered,
    SpeakerChanged,
    EntityChanged,
    NumberChanged,
    QuoteShortened,
    LedeRewritten,
    ParagraphCut,
    ParagraphInserted,
    HeadlineChanged,
    KickerAdded,
    ParagraphsReordered,
}

impl From<ChangeKind> for ChangeKindRecord {
    fn from(k: ChangeKind) -> Self {
        match k {
            ChangeKind::QuoteAltered => Self::QuoteAltered,
            ChangeKind::SpeakerChanged => Self::SpeakerChanged,
            ChangeKind::EntityChanged => Self::EntityChanged,
            ChangeKind::NumberChanged => Self::NumberChanged,
            ChangeKind::QuoteShortened => Self::QuoteShortened,
            ChangeKind::LedeRewritten => Self::LedeRewritten,
            ChangeKind::ParagraphCut => Self::ParagraphCut,
            ChangeKind::ParagraphInserted => Self::ParagraphInserted,
            ChangeKind::HeadlineChanged => Self::HeadlineChanged,
            ChangeKind::KickerAdded => Self::KickerAdded,
            ChangeKind::ParagraphsReordered => Self::ParagraphsReordered,
        }
    }
}

impl From<ChangeKindRecord> for ChangeKind {
    fn from(k: ChangeKindRecord) -> Self {
        match k {
            ChangeKindRecord::QuoteAltered => Self::QuoteAltered,
            ChangeKindRecord::SpeakerChanged => Self::SpeakerChanged,
            ChangeKindRecord::EntityChanged => Self::EntityChanged,
            ChangeKindRecord::NumberChanged => Self::NumberChanged,
            ChangeKindRecord::QuoteShortened => Self::QuoteShortened,
            ChangeKindRecord::LedeRewritten => Self::LedeRewritten,
            ChangeKindRecord::ParagraphCut => Self::ParagraphCut,
            ChangeKindRecord::ParagraphInserted => Self::ParagraphInserted,
            ChangeKindRecord::HeadlineChanged => Self::HeadlineChanged,
            ChangeKindRecord::KickerAdded => Self::KickerAdded,
            ChangeKindRecord::ParagraphsReordered => Self::ParagraphsReordered,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct SpanRecord {
    start: usize,
    end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ChangeRecord {
    kind: ChangeKindRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin_paragraph: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copy_paragraph: Option<usize>,
    detail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    origin_span: Option<SpanRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    copy_span: Option<SpanRecord>,
    /// Added to format 2 compatibly: records written before read as sure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
}

fn span_record(s: Span) -> SpanRecord {
    SpanRecord {
        start: s.start,
        end: s.end,
    }
}

fn span(s: SpanRecord) -> Span {
    Span {
        start: s.start,
        end: s.end,
    }
}

impl From<&Change> for ChangeRecord {
    fn from(c: &Change) -> Self {
        let Change {
            kind,
            origin_paragraph,
            copy_paragraph,
            detail,
            origin_span,
            copy_span,
            confidence,
        } = c;
        ChangeRecord {
            kind: (*kind).into(),
            origin_paragraph: *origin_paragraph,
            copy_paragraph: *copy_paragraph,
            detail: detail.clone(),
            origin_span: origin_span.map(span_record),
            copy_span: copy_span.map(span_record),
            confidence: Some(*confidence),
        }
    }
}

impl From<ChangeRecord> for Change {
    fn from(c: ChangeRecord) -> Self {
        Change {
            kind: c.kind.into(),
            origin_paragraph: c.origin_paragraph,
            copy_paragraph: c.copy_paragraph,
            detail: c.detail,
            origin_span: c.origin_span.map(span),
            copy_span: c.copy_span.map(span),
            confidence: c.confidence.unwrap_or(1.0),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct HopRecord {
    from: Option<i64>,
    via: String,
    credit: CreditRecord,
    evidence: Vec<String>,
}

impl From<&Hop> for HopRecord {
    fn from(h: &Hop) -> Self {
        let Hop {
            from,
            via,
            credit,
            evidence,
        } = h;
        HopRecord {
            from: *from,
            via: via.clone(),
            credit: (*credit).into(),
            evidence: evidence.clone(),
        }
    }
}

impl From<HopRecord> for Hop {
    fn from(h: HopRecord) -> Self {
        Hop {
            from: h.from,
            via: h.via,
            credit: h.credit.into(),
            evidence: h.evidence,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CopyRecord {
    key: i64,
    shared: f32,
    kind: ReuseKindRecord,
    credit: CreditRecord,
    evidence: Vec<String>,
    #[serde(default)]
    changes: Vec<ChangeRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<HopRecord>,
}

impl From<&CopyReport> for CopyRecord {
    fn from(c: &CopyReport) -> Self {
        let CopyReport {
            key,
            shared,
            kind,
            credit,
            evidence,
            changes,
            source,
        } = c;
        CopyRecord {
            key: *key,
            shared: *shared,
            kind: (*kind).into(),
            credit: (*credit).into(),
            evidence: evidence.clone(),
            changes: changes.iter().map(ChangeRecord::from).collect(),
            source: source.as_ref().map(HopRecord::from),
        }
    }
}

impl From<CopyRecord> for CopyReport {
    fn from(c: CopyRecord) -> Self {
        CopyReport {
            key: c.key,
            shared: c.shared,
            kind: c.kind.into(),
            credit: c.credit.into(),
            evidence: c.evidence,
            changes: c.changes.into_iter().map(Change::from).collect(),
            source: c.source.map(Hop::from),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum OriginRecord {
    Article {
        key: i64,
        confidence: f32,
        evidence: Vec<String>,
    },
    External {
        outlet: String,
        confidence: f32,
        evidence: Vec<String>,
    },
    Undetermined {
        evidence: Vec<String>,
    },
}

impl From<&Origin> for OriginRecord {
    fn from(o: &Origin) -> Self {
        match o {
            Origin::Article {
                key,
                confidence,
                evidence,
            } => Self::Article {
                key: *key,
                confidence: *confidence,
                evidence: evidence.clone(),
            },
            Origin::External {
                outlet,
                confidence,
                evidence,
            } => Self::External {
                outlet: outlet.clone(),
                confidence: *confidence,
                evidence: evidence.clone(),
            },
            Origin::Undetermined { evidence } => Self::Undetermined {
                evidence: evidence.clone(),
            },
        }
    }
}

impl From<OriginRecord> for Origin {
    fn from(o: OriginRecord) -> Self {
        match o {
            OriginRecord::Article {
                key,
                confidence,
                evidence,
            } => Self::Article {
                key,
                confidence,
                evidence,
            },
            OriginRecord::External {
                outlet,
                confidence,
                evidence,
            } => Self::External {
                outlet,
                confidence,
                evidence,
            },
            OriginRecord::Undetermined { evidence } => Self::Undetermined { evidence },
        }
    }
}

/// A traced [`Story`] as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct StoryRecord {
    members: Vec<i64>,
    origin: OriginRecord,
    copies: Vec<CopyRecord>,
}

impl From<&Story> for StoryRecord {
    fn from(s: &Story) -> Self {
        let Story {
            members,
            origin,
            copies,
        } = s;
        StoryRecord {
            members: members.clone(),
            origin: origin.into(),
            copies: copies.iter().map(CopyRecord::from).collect(),
        }
    }
}

impl From<StoryRecord> for Story {
    fn from(s: StoryRecord) -> Self {
        Story {
            members: s.members,
            origin: s.origin.into(),
            copies: s.copies.into_iter().map(CopyReport::from).collect(),
        }
    }
}

/// The stored JSON of a traced story.
pub(crate) fn story_json(story: &Story) -> String {
    serde_json::to_string(&StoryRecord::from(story)).unwrap_or_default()
}

/// A traced story read back from its stored JSON.
pub(crate) fn story_from_json(json: &str) -> Result<Story, serde_json::Error> {
    serde_json::from_str::<StoryRecord>(json).map(Story::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Story {
        let change = Change {
            kind: ChangeKind::QuoteAltered,
            origin_paragraph: Some(1),
            copy_paragraph: Some(2),
            detail: "d".into(),
            origin_span: Some(Span { start: 3, end: 4 }),
            copy_span: Some(Span { start: 5, end: 6 }),
            confidence: 0.75,
        };
        Story {
            members: vec![1, 2, 3],
            origin: Origin::Article {
                key: 1,
                confidence: 0.75,
                evidence: vec!["e".into()],
            },
            copies: vec![
                CopyReport {
                    key: 2,
                    shared: 0.5,
                    kind: ReuseKind::Copy,
                    credit: CreditVerdict::NotApplicable,
                    evidence: vec!["c".into()],
                    changes: vec![
                        change,
                        Change::new(ChangeKind::KickerAdded, (None, None), "k".into()),
                    ],
                    source: Some(Hop {
                        from: None,
                        via: "v".into(),
                        credit: CreditVerdict::Partial,
                        evidence: vec![],
                    }),
                },
                CopyReport {
                    key: 3,
                    shared: 1.0,
                    kind: ReuseKind::Partial,
                    credit: CreditVerdict::Licensed,
                    evidence: vec![],
                    changes: vec![],
                    source: None,
                },
            ],
        }
    }

    /// The stored format, written out: it changes only with the store's
    /// record format.
    const FULL_V1: &str = r#"{"members":[1,2,3],"origin":{"type":"article","key":1,"confidence":0.75,"evidence":["e"]},"copies":[{"key":2,"shared":0.5,"kind":"copy","credit":"not-applicable","evidence":["c"],"changes":[{"kind":"quote-altered","origin_paragraph":1,"copy_paragraph":2,"detail":"d","origin_span":{"start":3,"end":4},"copy_span":{"start":5,"end":6},"confidence":0.75},{"kind":"kicker-added","detail":"k","confidence":1.0}],"source":{"from":null,"via":"v","credit":"partial","evidence":[]}},{"key":3,"shared":1.0,"kind":"partial","credit":"licensed","evidence":[],"changes":[]}]}"#;

    /// The same story as stored before changes carried a confidence
    /// (added to format 2 compatibly): read as sure.
    const FULL_V1_BEFORE_CONFIDENCE: &str = r#"{"members":[1,2,3],"origin":{"type":"article","key":1,"confidence":0.75,"evidence":["e"]},"copies":[{"key":2,"shared":0.5,"kind":"copy","credit":"not-applicable","evidence":["c"],"changes":[{"kind":"quote-altered","origin_paragraph":1,"copy_paragraph":2,"detail":"d","origin_span":{"start":3,"end":4},"copy_span":{"start":5,"end":6}},{"kind":"kicker-added","detail":"k"}],"source":{"from":null,"via":"v","credit":"partial","evidence":[]}},{"key":3,"shared":1.0,"kind":"partial","credit":"licensed","evidence":[],"changes":[]}]}"#;

    #[test]
    fn a_story_is_stored_in_format_2_and_read_back_whole() {
        assert_eq!(
            reprint_store::record::RECORD_FORMAT,
            2,
            "a new format needs its own fixture"
        );
        let s = full();
        assert_eq!(story_json(&s), FULL_V1);
        assert_eq!(story_from_json(FULL_V1).unwrap(), s);
        let old = story_from_json(FULL_V1_BEFORE_CONFIDENCE).unwrap();
        assert!(old.copies[0].changes.iter().all(|c| c.confidence == 1.0));
        for origin in [
            r#"{"type":"external","outlet":"AP","confidence":0.9,"evidence":[]}"#,
            r#"{"type":"undetermined","evidence":["x"]}"#,
        ] {
            let json = format!(r#"{{"members":[1],"origin":{origin},"copies":[]}}"#);
            assert_eq!(story_json(&story_from_json(&json).unwrap()), json);
        }
    }
}
