//! Who said it: the speaker and cue verb around a quote ("…,” he said",
//! "said Smith", "Smith told reporters: “…"), reported speech ("Smith said
//! (that) …"), and "according to X".

use regex::Regex;
use std::sync::LazyLock;

// Word characters in these patterns are Latin letters, digits and `_`, not
// Unicode `\w`: the cue verbs are English, so the speakers beside them are
// written in Latin script, and the full Unicode class made automata so large
// that building them cost more than every other extraction stage together.

/// Speech verbs, from the GGT annotations (said, says, told, wrote, added…).
const VERBS: &str = r"said|says|say|told|tells|saying|wrote|writes|added|adds|adding|noted|notes|noting|explained|explains|explaining|stated|states|argued|argues|arguing|urged|warned|warns|claimed|claims|announced|suggested|suggests|alleged|confirmed|tweeted|asked|asks|insisted|insists|acknowledged|admitted|admits|recalled|recalls|replied|responded|continued|joked|cautioned|predicted|predicts|declared|emphasized|stressed|pointed out|conceded|concluded|testified|believes|contends|contended|maintained|maintains|complained|reported|reports|report|wondered|shouted|posted|countered|acknowledges|concedes|suggest|warn|explain|note|argue|claim|insist|believe|agreed|agrees|agree|recommended|recommends|estimated|estimates|revealed|indicated|indicates|hopes|hoped|felt|feels|thinks|thought|knew|learned|heard|told";

/// Words that may stand between a speaker and the verb: "also said",
/// "has said", "repeatedly told".
const ADVERBS: &str = r"(?:(?:also|later|then|previously|has|have|had|would|will|could|may|might|still|once|[\p{Latin}0-9_]+ly) )*";

/// A subject of up to eight words before the verb when no tighter pattern
/// fits: "Stella's owners Tore Sohlberg and Lehla Abreder", "Many Out of the
/// Cold users".
const LOOSE_SPEAKER: &str = r"[A-Za-z][\p{Latin}0-9_'’.-]*(?: [\p{Latin}0-9_'’.-]+){0,7}?";

/// A speaker as written: a pronoun, a name of capitalised words (with a title
/// such as "Mr." or "Dr."), or a description ("the prime minister",
/// "a spokesperson for the ministry").
const SPEAKER: &str = r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Oo]ne|[Ss]ome|[Aa]nother) (?:[\p{Latin}0-9_'’-]+ ){0,4}?[\p{Latin}0-9_'’-]+(?: (?:of|for|at|with) (?:the )?[A-Z][\p{Latin}0-9_'’.-]*(?: [A-Z][\p{Latin}0-9_'’.-]*){0,4})?)|(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Sgt|Const|Insp|Supt|Det|Capt|Lt|Cpl|Rev|Chief|Premier|Mayor|President|Minister|Coach|Judge|Justice|Prime Minister)\.? )?[A-Z][\p{Latin}0-9_'’.-]*(?: (?:de |van |von |da |del |di |le |la |bin |al-)?[A-Z][\p{Latin}0-9_'’.-]*){0,3})";

/// Straight after a closing mark: ", he said", "said Smith", "— Smith told CBC".
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s,—–-]*(?:(?P<s1>{SPEAKER})(?:,[^,]{{1,80}},)? (?:also |later |then |previously |once )?(?P<v1>{VERBS})(?-u:\b)|(?P<v2>{VERBS}) (?P<s2>{SPEAKER}))"
    ))
    .expect("valid regex")
});

/// Just before an opening mark: "Smith said: “", "He told reporters, “",
/// "According to Smith, “", "said Smith. “" is not one (a new sentence).
static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?:^|[.?!]\s+|,\s+|(?-u:\b)(?:and|but|as|when|where) )(?P<s1>{SPEAKER})(?: (?:also|later|then|previously|once))? (?P<v1>{VERBS})(?-u:\b)(?P<object>[^.!?“”]*?)|(?-u:\b)(?P<v2>{VERBS}) (?P<s2>{SPEAKER})|[Aa]ccording to (?P<s3>{SPEAKER}))\s*[:,]?\s*$"
    ))
    .expect("valid regex")
});

/// Reported speech: "Lonechild said (that) she started…", "In a statement,
/// the company said it would…". The prefix before the speaker is short.
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:[^“”]{{0,120}}?,|But|And|So|Still|However|Yet|Now|Instead|Later|Meanwhile|Mostly|Too often)\s+)?(?P<s>{SPEAKER}|{LOOSE_SPEAKER})(?:,[^,]{{1,80}},)? {ADVERBS}(?P<v>{VERBS})(?-u:\b)(?: (?:CBC News|CTV News|Global News|The Canadian Press|The Star|The Globe and Mail|[A-Z][\p{{Latin}}0-9_'’-]*(?: [A-Z][\p{{Latin}}0-9_'’-]*){{0,3}}|reporters|journalists|the [\p{{Latin}}0-9_]+(?: [\p{{Latin}}0-9_]+)?|him|her|them|us|me|council|parliament|media))?(?: (?:on|last|this|in|at|during|earlier|late) [\p{{Latin}}0-9_ ]{{1,25}}?)?,?\s+(?P<that>that\s+)?(?P<c>\S)"
    ))
    .expect("valid regex")
});

/// Verbs that also take a plain object ("added a goal", "claimed
/// responsibility", "recorded his first goal"): reported speech only with
/// "that" or a comma after them.
const OBJECT_VERBS: &[&str] = &[
    "added",
    "adds",
    "claimed",
    "claims",
    "announced",
    "revealed",
    "heard",
    "learned",
    "knew",
    "felt",
    "thought",
    "hopes",
    "hoped",
    "feels",
    "thinks",
    "agreed",
    "estimated",
    "estimates",
    "indicated",
    "noted",
    "reported",
    "report",
    "reports",
    "asked",
    "asks",
    "posted",
    "suggest",
    "note",
    "claim",
    "explain",
    "argue",
    "believe",
    "agree",
    "recommended",
    "recommends",
    "continued",
    "described",
    "called",
];

/// Reported speech with the cue after it: "Being in public can be hard,
/// Lonechild said." / "…, said the minister." / "…, according to police."
static REPORTED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<c>.+?),\s+(?:(?P<s1>{SPEAKER}) (?:also |later )?(?P<v1>{VERBS})|(?P<v2>{VERBS}) (?P<s2>{SPEAKER})|according to (?P<s3>{SPEAKER}))(?:[^.!?]{{0,60}})?[.!?]?\s*$"
    ))
    .expect("valid regex")
});

/// A cue inside the sentence: "It's common, he explains, for a man to…",
/// "Shelter residents, according to the findings, are fearful…".
static REPORTED_MID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<c>[^“”]+?),\s+(?:(?P<s1>{SPEAKER}) {ADVERBS}(?P<v1>{VERBS})|(?P<v2>{VERBS}) (?P<s2>{SPEAKER})|according to (?P<s3>{SPEAKER})),\s+(?P<d>[^“”])"
    ))
    .expect("valid regex")
});

/// "According to X, …" opening a sentence.
static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^[Aa]ccording to (?P<s>{SPEAKER}),\s+(?P<c>\S)")).expect("valid regex")
});

/// A cheap test before any reported-speech regex: a verb word occurs.
static ANY_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b)(?:{VERBS}|[Aa]ccording to)(?-u:\b)")).expect("valid regex")
});

/// A speaker and verb found around a quote; ranges are relative to the
/// searched text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cue {
    pub speaker: String,
    pub verb: Option<String>,
}

fn cue(c: &regex::Captures, pairs: &[(&str, &str)]) -> Option<Cue> {
    pairs.iter().find_map(|(s, v)| {
        let speaker = c
            .name(s)?
            .as_str()
            .trim()
            .trim_end_matches(['.', ','])
            .to_string();
        let verb = c.name(v).map(|m| m.as_str().to_string());
        is_speaker(&speaker).then_some(Cue { speaker, verb })
    })
}

/// Rejects capitalised words that start sentences but name nobody.
fn is_speaker(s: &str) -> bool {
    const NOT: &[&str] = &[
        "It", "This", "That", "There", "What", "Which", "Who", "But", "And", "So", "If", "When",
        "In", "On", "At", "As", "The", "A", "An", "Some", "Many", "Most", "Yes", "No", "Now",
        "Then", "Also",
    ];
    !s.is_empty() && !NOT.contains(&s)
}

/// The cue right after a closing mark.
pub(crate) fn after(rest: &str) -> Option<Cue> {
    let c = AFTER.captures(rest)?;
    cue(&c, &[("s1", "v1"), ("s2", "v2")])
}

/// How far back from an opening mark a cue can start: a long descriptive
/// speaker, the verb and `BEFORE`'s 80 characters of object fit well within.
const BEFORE_WINDOW: usize = 400;
/// The longest object between the cue verb and the opening mark.
const MAX_OBJECT_CHARS: usize = 80;

/// The cue right before an opening mark.
pub(crate) fn before(lead: &str) -> Option<Cue> {
    // Searching only the window keeps the cost per quote flat in long
    // paragraphs; `captures_at` still sees the text before it, so `^` cannot
    // match at the cut.
    let mut from = lead.len().saturating_sub(BEFORE_WINDOW);
    loop {
        while !lead.is_char_boundary(from) {
            from += 1;
        }
        let c = BEFORE.captures_at(lead, from)?;
        // The verb's object ("told reporters on Monday") is at most
        // MAX_OBJECT_CHARS long. Checked here rather than as a counted
        // repetition in the pattern, which multiplied the automaton's states
        // and made this the slowest search in extraction; a match with a
        // longer object gives way to the next one to its right.
        let object_fits = c
            .name("object")
            .is_none_or(|o| o.as_str().chars().count() <= MAX_OBJECT_CHARS);
        if object_fits {
            return cue(&c, &[("s1", "v1"), ("s2", "v2"), ("s3", "")]);
        }
        from = c.get(0)?.start() + 1;
    }
}

/// The content capture `c` (or `d`) runs to the end of the sentence: the
/// patterns stop at its first character, so capturing never walks the rest of
/// the sentence (the slow part of a capture search), and a line break, which
/// the former `.*$` refused, is refused here.
fn to_end(sentence: &str, first: regex::Match) -> Option<std::ops::Range<usize>> {
    (!sentence[first.start()..].contains('\n')).then(|| first.start()..sentence.len())
}

/// Reported speech in one sentence: the cue and the byte range of the
/// content within `sentence`.
pub(crate) fn reported(sentence: &str) -> Option<(Cue, std::ops::Range<usize>)> {
    if !ANY_VERB.is_match(sentence) {
        return None;
    }
    // REPORTED_MID's content and tail exclude curly quotes, so a sentence with
    // one cannot match it.
    let mid = if sentence.contains(['“', '”']) {
        None
    } else {
        REPORTED_MID.captures(sentence)
    };
    if let Some(c) = mid {
        let found = cue(&c, &[("s1", "v1"), ("s2", "v2"), ("s3", "")]);
        let tail = c.name("d").and_then(|d| to_end(sentence, d));
        if let (Some(found), Some(a), Some(d)) = (found, c.name("c"), tail) {
            return Some((found, a.start()..d.end));
        }
    }
    for re in [&*REPORTED, &*ACCORDING] {
        if let Some(c) = re.captures(sentence) {
            let takes_object = c
                .name("v")
                .is_some_and(|v| OBJECT_VERBS.contains(&v.as_str()));
            if takes_object && c.name("that").is_none() {
                continue;
            }
            let content = c.name("c").and_then(|m| to_end(sentence, m));
            if let (Some(found), Some(content)) = (cue(&c, &[("s", "v")]), content) {
                return Some((found, content));
            }
        }
    }
    let c = REPORTED_AFTER.captures(sentence)?;
    let found = cue(&c, &[("s1", "v1"), ("s2", "v2"), ("s3", "")])?;
    Some((found, c.name("c")?.range()))
}

/// True for a pronoun speaker that needs resolving to a named person.
pub(crate) fn is_pronoun(s: &str) -> bool {
    matches!(
        s.to_lowercase().as_str(),
        "he" | "she" | "they" | "i" | "we"
    )
}

/// True when the speaker is a name (capitalised words), not a description.
pub(crate) fn is_name(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
        && !is_pronoun(s)
        && !s.split(' ').next().is_some_and(|w| {
            matches!(
                w,
                "The" | "A" | "An" | "His" | "Her" | "Their" | "One" | "Some" | "Another"
            )
        })
}
