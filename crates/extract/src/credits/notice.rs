//! Notice sentences: licence terms, disclaimers, fair-use text, and the
//! site's calls to promote, subscribe, contact, comment or share.

use crate::NoticeKind;
use regex::RegexSet;
use std::sync::LazyLock;

/// How sure a pattern is. Strong notices are moved wherever they stand in the
/// body; weak ones only from its leading or trailing run of non-article text,
/// because a body sentence could use the same words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    Strong,
    Weak,
}

struct Rule {
    kind: NoticeKind,
    strength: Strength,
    pattern: String,
}

fn rule(kind: NoticeKind, strength: Strength, pattern: &str) -> Rule {
    Rule {
        kind,
        strength,
        pattern: format!("(?i){pattern}"),
    }
}

/// All rules in one automaton: a body sentence, which matches none, is read
/// once instead of once per rule.
static RULE_SET: LazyLock<RegexSet> =
    LazyLock::new(|| RegexSet::new(RULES.iter().map(|r| &r.pattern)).expect("valid regex"));

/// First matching rule wins, so more specific kinds come first.
static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    use NoticeKind::*;
    use Strength::*;
    vec![
        // Reuse terms name the conditions under which the text may be copied.
        rule(
            Licence,
            Strong,
            r"(?-u:\b)grants? (?:\w+ )?permission to (?:cross-?post|republish|reprint|reproduce|repost)",
        ),
        // AP/CNN syndication terms.
        rule(
            Licence,
            Strong,
            r"(?-u:\b)may not be (?:re)?published, broadcast",
        ),
        rule(
            Licence,
            Strong,
            r"(?-u:\b)(?:licen[cs]ed|published|republished|available|distributed) under (?:a|the) (?:creative commons|cc[ -]by)",
        ),
        rule(Licence, Strong, r"creativecommons\.org/licen[cs]es"),
        rule(
            Licence,
            Weak,
            r"(?-u:\b)creative commons(?-u:\b)|(?-u:\b)cc[ -]by(?:-[a-z]{2})*(?-u:\b)|(?-u:\b)terms of (?:use|service)(?-u:\b)|(?-u:\b)permissions? pages?(?-u:\b)|(?-u:\b)reprints? (?:and|&) permissions(?-u:\b)",
        ),
        // Disclaimers open with the word or disown the views.
        rule(Disclaimer, Strong, r"^\W*disclaimer(?-u:\b)"),
        rule(
            Disclaimer,
            Weak,
            r"(?-u:\b)views (?:and opinions )?expressed(?-u:\b)|(?-u:\b)do(?:es)? not necessarily (?:reflect|represent)(?-u:\b)|(?-u:\b)of sole responsibility of the author|(?-u:\b)will not be (?:held )?responsible for(?-u:\b)",
        ),
        // Fair-use statements of aggregator sites.
        rule(
            FairUse,
            Weak,
            r#"(?-u:\b)fair use(?-u:\b)|(?-u:\b)copyrighted material(?-u:\b)"#,
        ),
        // Contact lines: a label, or an address with nothing around it.
        rule(
            Contact,
            Weak,
            r"^(?:for (?:media|press|publication|editorial)(?-u:\b)[^:]{0,80}?(?:inquiries|enquiries|contact)?\s*:|contact(?: us)?\s*:|(?:e-?mail|tel|phone|fax)\s*:)|(?-u:\b)contact:|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?$|^contact [\w .'-]{1,40} at [\w.+-]+@",
        ),
        rule(
            Comments,
            Weak,
            r"^(?:view|show|hide|read|post|leave|add|load) (?:\d+ |all )?comments?(?-u:\b)|^comment on(?-u:\b)|^join the (?:conversation|discussion)(?-u:\b)|^comments?(?:\s*\(\d+\))?$|(?-u:\b)comments? (?:are|have been) closed(?-u:\b)",
        ),
        // Calls in the first person ("our Facebook page", "support us").
        rule(
            Promotion,
            Weak,
            r"(?-u:\b)become an? (?:member|patron|supporter|subscriber)(?-u:\b)|(?-u:\b)(?:like|follow|join|support) us(?-u:\b)|(?-u:\b)on our (?:facebook|twitter|telegram|instagram|youtube)(?-u:\b)|(?-u:\b)our (?:newsletter|mailing list)(?-u:\b)|^(?:please )?(?:donate|make a donation)(?-u:\b)|(?-u:\b)support (?:our|independent) (?:work|journalism)(?-u:\b)|^sign up(?-u:\b)|^help us(?-u:\b)|(?-u:\b)patreon(?-u:\b)",
        ),
        rule(
            Subscription,
            Weak,
            r"^(?:please consider )?subscrib|^to read the full story|(?-u:\b)already a subscriber(?-u:\b)|(?-u:\b)subscribe (?:now|today|to)(?-u:\b)|(?-u:\b)consider subscribing(?-u:\b)|(?-u:\b)successfully subscribed(?-u:\b)",
        ),
        rule(
            Sharing,
            Weak,
            r"^share (?:this|on|via|the|article|story)(?-u:\b)|^share this:?$|^(?:(?:share|tweet|email|e-mail|print|facebook|twitter|linkedin|pinterest|whatsapp|reddit|google\+|messenger|copy link)\s*)+:?$",
        ),
    ]
});

/// The notice kind of one sentence (plain text), if it is one.
pub(crate) fn kind(sentence: &str) -> Option<(NoticeKind, Strength)> {
    let first = RULE_SET.matches(sentence.trim()).into_iter().next()?;
    Some((RULES[first].kind, RULES[first].strength))
}

#[cfg(test)]
mod tests {
    use super::*;
    use NoticeKind::*;

    fn k(s: &str) -> Option<NoticeKind> {
        kind(s).map(|(k, _)| k)
    }

    #[test]
    fn seed_page_furniture() {
        assert_eq!(k("The Centre of Research on Globalization grants permission to cross-post Global Research articles on community internet sites as long the source and copyright are acknowledged."), Some(Licence));
        assert_eq!(k("Disclaimer: The contents of this article are of sole responsibility of the author(s)."), Some(Disclaimer));
        assert_eq!(k("We are making such material available to our readers under the provisions of \"fair use\" in an effort to advance a better understanding."), Some(FairUse));
        assert_eq!(
            k("For media inquiries: publications@globalresearch.ca"),
            Some(Contact)
        );
        assert_eq!(k("Become a Member of Global Research"), Some(Promotion));
        assert_eq!(
            k("Comment on Global Research Articles on our Facebook page"),
            Some(Comments)
        );
    }

    #[test]
    fn reprints_corpus_furniture() {
        assert_eq!(
            k("This material may not be published, broadcast, rewritten, or redistributed."),
            Some(Licence)
        );
        assert_eq!(k("Share on Facebook Share on Twitter"), Some(Sharing));
        assert_eq!(
            k("FacebookEmail Twitter Google+ LinkedIn Pinterest"),
            Some(Sharing)
        );
        assert_eq!(k("View Comments"), Some(Comments));
        assert_eq!(k("To Read the Full Story"), Some(Subscription));
        assert_eq!(
            k("Contact William Alden at will.alden@buzzfeed.com ."),
            Some(Contact)
        );
    }

    #[test]
    fn body_sentences_stay() {
        for s in [
            "The company will donate $1 million to charity, Ek said.",
            "Spotify said it would share more details with its subscribers next week.",
            "The ruling concerned the fair-use defence in a copyright case.",
            "Sources said over the weekend that Attorney General Loretta Lynch would attend.",
        ] {
            assert_eq!(kind(s), None, "{s}");
        }
    }
}
