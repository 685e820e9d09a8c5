//! Which way text travelled between two members, read off the copy itself
//! when it credits nobody:
//! - **site furniture carried**: a page on one outlet still showing another
//!   outlet's furniture — its newsletter call, its disclaimer, its
//!   cross-posting terms, naming that outlet — took its text, furniture and
//!   all, from that outlet's page;
//! - **truncation**: a page whose text stops short inside a paragraph the
//!   other has whole ("… the minister said the jets would…") is the
//!   excerpt; a full text is not made from a cut one.
//!
//! Both are weaker than a credit line (furniture can be pasted, an excerpt
//! can be of a third page), so the tracer uses them only where no credit
//! decides, and never against the dates: a conflict leaves the origin
//! undetermined.

use reprint_extract::NoticeKind;

use crate::member::TracedArticle;
use crate::outlet::same_outlet;

/// `copy` took its text from `source`, by `evidence`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Direction {
    pub copy: i64,
    pub source: i64,
    pub kind: Signal,
    pub evidence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signal {
    /// The copy shows the source's furniture: it names that one page's
    /// outlet, so the source is known.
    Furniture,
    /// The copy is cut from a paragraph the source has whole. Every page
    /// with that paragraph whole gets this signal, so it says the copy is
    /// downstream of them, not which of them it took the text from.
    Truncation,
}

/// Shortest furniture line that counts: a bare outlet name ("Valley
/// Herald") in a caption or menu is not furniture carried over.
const MIN_FURNITURE_WORDS: usize = 5;

/// Shortest cut paragraph judged as truncated, and how many more words the
/// whole paragraph must have: a few words' difference is an edit.
const MIN_TRUNCATED_WORDS: usize = 8;
const MIN_WORDS_CUT: usize = 3;

/// Every direction signal between members of a group.
pub(crate) fn directions(group: &[&TracedArticle]) -> Vec<Direction> {
    // Each member is read once; the pairs then only compare word lists.
    let read: Vec<Reading> = group.iter().map(|m| Reading::of(m)).collect();
    let mut out = Vec::new();
    for m in &read {
        for o in read.iter().filter(|o| o.member.key != m.member.key) {
            let found = carries_furniture(m, o)
                .map(|e| (Signal::Furniture, e))
                .or_else(|| truncated_from(m, o).map(|e| (Signal::Truncation, e)));
            if let Some((kind, evidence)) = found {
                out.push(Direction {
                    copy: m.member.key,
                    source: o.member.key,
                    kind,
                    evidence,
                });
            }
        }
    }
    out
}

/// What the signals need of a member, as lowercase word lists.
struct Reading<'a> {
    member: &'a TracedArticle,
    outlet: Option<String>,
    outlet_words: Vec<String>,
    /// Its notices that can be furniture (not comment counts).
    notices: Vec<(&'a str, Vec<String>)>,
    paragraphs: Vec<Vec<String>>,
    /// The last paragraph of substance, when it is cut off.
    cut: Option<Cut<'a>>,
}

impl<'a> Reading<'a> {
    fn of(m: &'a TracedArticle) -> Reading<'a> {
        let outlet = m.outlet();
        let paragraphs: Vec<Vec<String>> = m.article.paragraphs.iter().map(|p| words(p)).collect();
        let cut = m
            .article
            .paragraphs
            .iter()
            .zip(&paragraphs)
            .rev()
            .find(|(_, w)| w.len() >= MIN_TRUNCATED_WORDS)
            .and_then(|(p, _)| {
                let (text, after) = split_at_ellipsis(p);
                let cut = after.is_some() || !ends_sentence(text);
                cut.then(|| Cut {
                    head: words(text),
                    after: after.map(words).unwrap_or_default(),
                    text,
                })
            });
        Reading {
            member: m,
            outlet_words: outlet.as_deref().map(words).unwrap_or_default(),
            outlet,
            notices: m
                .article
                .notices
                .iter()
                .filter(|n| n.kind != NoticeKind::Comments)
                .map(|n| (n.text.as_str(), words(&n.text)))
                .collect(),
            paragraphs,
            cut,
        }
    }
}

/// A paragraph that may be cut off: its words up to the cut, the words after
/// an ellipsis ("… Read more"), and its text up to the cut.
struct Cut<'a> {
    head: Vec<String>,
    after: Vec<String>,
    text: &'a str,
}

/// `m` shows furniture naming `o`'s outlet: one of its notices (newsletter,
/// disclaimer, licence…) or a paragraph of its body that is one of `o`'s
/// notices word for word. Pages on the same outlet share furniture by
/// design, so they say nothing.
fn carries_furniture(m: &Reading, o: &Reading) -> Option<String> {
    let outlet = o.outlet.as_deref()?;
    if o.outlet_words.is_empty()
        || m.outlet
            .as_deref()
            .is_some_and(|own| same_outlet(own, outlet))
    {
        return None;
    }
    let names = |w: &[String]| {
        w.len() >= MIN_FURNITURE_WORDS
            && w.windows(o.outlet_words.len())
                .any(|x| x == o.outlet_words.as_slice())
    };
    let notice = m.notices.iter().find(|(_, w)| names(w)).map(|(t, _)| *t);
    let pasted = || {
        m.paragraphs
            .iter()
            .zip(&m.member.article.paragraphs)
            .find(|(w, _)| names(w) && o.notices.iter().any(|(_, n)| n == *w))
            .map(|(_, p)| p.as_str())
    };
    let line = notice.or_else(pasted)?;
    Some(format!(
        "{} carries {}'s site furniture: \"{}\"",
        m.member.id,
        outlet,
        clip(line)
    ))
}

/// `m`'s text stops inside a paragraph `o` has whole: `m`'s last paragraph
/// of substance ends in an ellipsis or mid-sentence and is the opening of a
/// longer paragraph of `o`, which `o` follows with more text of substance.
/// `o` cannot have been made from `m`, which lacks the rest. Two guards keep
/// a page's own last paragraph from passing for a cut: an ellipsis inside
/// the writing is followed in `o` by the same words, and a paragraph `o`
/// only extended at its end (a credit sentence appended) is `o`'s last.
fn truncated_from(m: &Reading, o: &Reading) -> Option<String> {
    let cut = m.cut.as_ref()?;
    let n = cut.head.len();
    let at = o.paragraphs.iter().enumerate().position(|(i, w)| {
        w.len() >= n + MIN_WORDS_CUT
            && w.starts_with(&cut.head)
            && (cut.after.is_empty() || !w[n..].starts_with(&cut.after))
            && o.paragraphs[i + 1..]
                .iter()
                .any(|p| p.len() >= MIN_TRUNCATED_WORDS)
    })?;
    Some(format!(
        "{} stops short inside a paragraph {} has whole: \"…{}\" (of \"{}\")",
        m.member.id,
        o.member.id,
        tail(cut.text),
        clip(&o.member.article.paragraphs[at])
    ))
}

/// Most words a cut-off paragraph may carry after its ellipsis: "… Read
/// more", "… The story was first reported by X." A longer run of text after
/// it is an ellipsis inside the writing, not a cut.
const MAX_WORDS_AFTER_ELLIPSIS: usize = 12;

/// The paragraph up to its last ellipsis ("…", "...", "[…]") and the text
/// after it, when only a few words follow; else the whole paragraph.
fn split_at_ellipsis(p: &str) -> (&str, Option<&str>) {
    let t = p.trim_end();
    let last = ["…", "..."]
        .iter()
        .filter_map(|mark| t.rfind(mark).map(|at| (at, at + mark.len())))
        .max();
    match last {
        Some((at, end)) if words(&t[end..]).len() <= MAX_WORDS_AFTER_ELLIPSIS => {
            let head = t[..at].trim_end().trim_end_matches(['[', '(']).trim_end();
            (head, Some(&t[end..]))
        }
        _ => (t, None),
    }
}

/// The text of a paragraph before the ellipsis it was cut off at, when it
/// was ("…", "… Read more"); None for a paragraph without one.
pub(crate) fn cut_off(p: &str) -> Option<&str> {
    match split_at_ellipsis(p) {
        (head, Some(_)) => Some(head),
        _ => None,
    }
}

/// True when text ends a sentence: a full stop, question or exclamation
/// mark, possibly inside closing quotes or brackets.
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    t.ends_with(['.', '!', '?'])
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn clip(s: &str) -> String {
    let mut t: String = s.chars().take(100).collect();
    if s.chars().count() > 100 {
        t.push('…');
    }
    t
}

/// The last words of a cut text, for the evidence line.
fn tail(s: &str) -> String {
    let n = s.chars().count();
    s.chars().skip(n.saturating_sub(60)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reprint_extract::{Article, FieldSource, Notice, Sourced};

    fn member(key: i64, site: &str, paragraphs: &[&str], notices: &[&str]) -> TracedArticle {
        TracedArticle {
            key,
            id: format!("p{key}"),
            url: None,
            fetched: None,
            article: Article {
                site: Some(Sourced::new(site.to_string(), FieldSource::Visible, 1.0)),
                paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
                notices: notices
                    .iter()
                    .map(|t| Notice {
                        kind: NoticeKind::Promotion,
                        text: t.to_string(),
                        link: None,
                    })
                    .collect(),
                ..Article::default()
            },
        }
    }

    const P1: &str = "The minister said on Friday that the country would withdraw its six fighter jets from the coalition.";
    const P2: &str = "The jets had spent nine months flying missions over Iraq from a base in Jordan, officials said.";

    #[test]
    fn a_page_showing_another_outlets_newsletter_call_copied_it() {
        let origin = member(
            1,
            "Valley Herald",
            &[P1, P2],
            &["Sign up for the Valley Herald newsletter to get the latest news."],
        );
        let copy = member(
            2,
            "Metro Dispatch",
            &[P1, P2],
            &[
                "Sign up for the Valley Herald newsletter to get the latest news.",
                "Sign up for the Metro Dispatch newsletter to get the latest news.",
            ],
        );
        let d = directions(&[&origin, &copy]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].copy, d[0].source), (2, 1));
        assert!(d[0].evidence.contains("Valley Herald's site furniture"));
    }

    #[test]
    fn furniture_pasted_into_the_body_counts_and_shared_templates_do_not() {
        let origin = member(
            1,
            "Valley Herald",
            &[P1, P2],
            &[
                "Sign up for the Valley Herald newsletter to get the latest news.",
                "We use cookies to improve your experience on this site.",
            ],
        );
        let pasted = member(
            2,
            "Metro Dispatch",
            &[
                P1,
                P2,
                "Sign up for the Valley Herald newsletter to get the latest news.",
            ],
            &["We use cookies to improve your experience on this site."],
        );
        let d = directions(&[&origin, &pasted]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].copy, d[0].source), (2, 1));
        // Same outlet: furniture is shared by design.
        let sister = member(
            3,
            "Valley Herald",
            &[P1, P2],
            &["Sign up for the Valley Herald newsletter to get the latest news."],
        );
        assert!(directions(&[&origin, &sister]).is_empty());
    }

    const P3: &str =
        "Belgium had joined the coalition in 2014 and sent its jets after a vote in parliament.";

    #[test]
    fn a_text_cut_off_inside_a_paragraph_is_the_excerpt() {
        let origin = member(1, "Valley Herald", &[P1, P2, P3], &[]);
        let cut = member(
            2,
            "Metro Dispatch",
            &[
                P1,
                "The jets had spent nine months flying missions over Iraq from a…",
            ],
            &[],
        );
        let d = directions(&[&origin, &cut]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].copy, d[0].source), (2, 1));
        assert!(d[0].evidence.contains("stops short"), "{}", d[0].evidence);
        // A credit or "Read more" after the ellipsis does not hide the cut.
        let credited = member(
            4,
            "Metro Dispatch",
            &[P1, "The jets had spent nine months flying missions over Iraq from a… The story was first reported by Valley Herald."],
            &[],
        );
        assert_eq!(directions(&[&origin, &credited]).len(), 1);
        // Without an ellipsis, a paragraph ending mid-sentence is cut too.
        let bare = member(
            3,
            "Metro Dispatch",
            &[
                P1,
                "The jets had spent nine months flying missions over Iraq from",
            ],
            &[],
        );
        assert_eq!(directions(&[&origin, &bare]).len(), 1);
    }

    #[test]
    fn a_pages_own_last_paragraph_is_not_taken_for_a_cut() {
        // From the simulator (seed 11, story 410): the origin's last
        // paragraph ends in a colon; a copy appended a credit sentence to it.
        let last = "In recent days, he has repeatedly warned that he would raise the issue of past scandals and alleged scandals:";
        let origin = member(1, "Valley Herald", &[P1, last], &[]);
        let appended = format!("{last} The story was first reported by Valley Herald.");
        let copy = member(2, "Metro Dispatch", &[P1, &appended], &[]);
        assert!(directions(&[&origin, &copy]).is_empty());
        // An ellipsis inside the writing, the same words after it in both.
        let quoted = "\"Everybody is looking at the state... we are a swing state,\" said the congresswoman on Monday night";
        let origin = member(1, "Valley Herald", &[P1, quoted], &[]);
        let copy = member(
            2,
            "Metro Dispatch",
            &[P1, &format!("{quoted} in Las Vegas."), P3],
            &[],
        );
        assert!(directions(&[&origin, &copy]).is_empty());
    }

    #[test]
    fn a_copy_ending_at_a_whole_paragraph_says_nothing() {
        // Dropping the last paragraph is a cut, not a sign of direction:
        // the longer page may as well have added it.
        let origin = member(1, "Valley Herald", &[P1, P2], &[]);
        let shorter = member(2, "Metro Dispatch", &[P1], &[]);
        assert!(directions(&[&origin, &shorter]).is_empty());
        // A sentence-ending paragraph that opens a longer one: an edit.
        let origin = member(
            1,
            "Valley Herald",
            &[&format!("{P1} He gave no date for the withdrawal.")],
            &[],
        );
        let edited = member(2, "Metro Dispatch", &[P1], &[]);
        assert!(directions(&[&origin, &edited]).is_empty());
    }
}
