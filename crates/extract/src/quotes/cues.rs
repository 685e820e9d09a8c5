//! Who said it: the speaker and cue verb around a quote ("…,” he said",
//! "said Smith", "Smith told reporters: “…"), reported speech ("Smith said
//! (that) …"), and "according to X".

use regex::{Regex, RegexBuilder};
use std::sync::LazyLock;

/// Compiles a cue pattern with room for its lazy DFA: the cue patterns
/// carry hundreds of alternatives (verbs, titles, listeners), and with the
/// default cache (2 MB per pattern) the DFA filled up and was rebuilt over
/// and over on long texts — 30% of extraction time on the matching
/// benchmark's 10k pages (perf). The cache grows only as states are used.
fn cue_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).dfa_size_limit(16 << 20).build()
}

// Word characters in these patterns are Latin letters, digits and `_`, not
// Unicode `\w`: the cue verbs are English, so the speakers beside them are
// written in Latin script, and the full Unicode class made automata so large
// that building them cost more than every other extraction stage together.

/// Speech verbs, from the GGT annotations (said, says, told, wrote, added…).
const VERBS: &str = r"said|says|say|told|tells|saying|wrote|writes|added|adds|adding|noted|notes|noting|explained|explains|explaining|stated|states|argued|argues|arguing|urged|warned|warns|claimed|claims|announced|suggested|suggests|alleged|confirmed|tweeted|asked|asks|insisted|insists|acknowledged|admitted|admits|recalled|recalls|replied|responded|continued|joked|cautioned|predicted|predicts|declared|emphasized|stressed|pointed out|conceded|concluded|testified|believes|contends|contended|maintained|maintains|complained|reported|reports|report|wondered|shouted|posted|countered|acknowledges|concedes|suggest|warn|explain|note|argue|claim|insist|believe|agreed|agrees|agree|recommended|recommends|estimated|estimates|revealed|indicated|indicates|hopes|hoped|felt|feels|thinks|thought|knew|learned|heard|promise|promised|promises|chanted|blurted out|blurted|quipped|mentioned|commented|remarked|lamented|repeated|alleges|advised|advises|reminded|urges";

/// Verbs that can come before their speaker ("said Smith"): not the verbs
/// whose object is the listener ("told CTV News").
const SAY_VERBS: &str = r"said|says|wrote|writes|added|adds|explained|explains|stated|argued|argues|warned|insisted|insists|acknowledged|admitted|recalled|recalls|replied|responded|continued|joked|cautioned|declared|concluded|concludes|noted|notes|countered|tweeted|asked|asks|wondered|quipped|remarked|commented";

/// Words that may stand between a speaker and the verb: "also said",
/// "has said", "repeatedly told".
const ADVERBS: &str =
    r"(?:(?:also|later|then|previously|has|have|had|still|once|now|[\p{Latin}0-9_]+ly) )*";

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
    cue_regex(&format!(
        r"^[\s,—–-]*(?:(?P<s1>{SPEAKER}|{LOOSE_SPEAKER})(?:,(?P<app>[^,]{{1,80}}),)? (?:also |later |then |previously |once |now )?(?P<v1>{VERBS})(?-u:\b)|(?P<v2>{SAY_VERBS}) (?P<s2>[^.,;:!?“”\x22()—]{{1,80}})|according to (?P<s3>[^.,;:!?“”\x22()—]{{1,80}}))"
    ))
    .expect("valid regex")
});

/// Just before an opening mark: "Smith said: “", "He told reporters, “",
/// "According to Smith, “", "said Smith. “" is not one (a new sentence).
static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(&format!(
        r"(?:(?:^|[.?!]\s+|,\s+|(?-u:\b)(?:and|but|as|when|where) )(?P<s1>{SPEAKER}|{LOOSE_SPEAKER})(?:,(?P<app>[^,]{{1,80}}),)?(?: (?:also|later|then|previously|once|now))? (?P<v1>{VERBS})(?-u:\b)(?P<object>[^.!?“”]*?)|(?-u:\b)(?P<v2>{SAY_VERBS}) (?P<s2>{SPEAKER})|[Aa]ccording to (?P<s3>{SPEAKER}))\s*[:,]?\s*$"
    ))
    .expect("valid regex")
});

/// Verbs that take the listener as an object before what is said: "told
/// police her dog began to bark", "urged residents to conserve water".
const TELL_VERBS: &str = r"told|tells|telling|asked|asks|urged|urges|urge|warned|warns|reminded|reminds|assured|assures|informed|informs|advised|advises|advise|promised|promises|convinced";

/// The listener after a [`TELL_VERBS`] verb: a news outlet, a name, a
/// pronoun, a short description or one lowercase word ("police", "court").
const LISTENER: &str = r"(?:CBC News|CTV News|Global News|The Canadian Press|The Star|The Globe and Mail|[A-Z][\p{Latin}0-9_'’-]*(?: [A-Z][\p{Latin}0-9_'’-]*){0,3}|(?:the|a|an|his|her|their|its|our) [\p{Latin}0-9_'’-]+(?: [\p{Latin}0-9_'’-]+)?|him|her|them|us|me|you|police|court|reporters|journalists|media|council|parliament|members|residents|people|workers|employees|customers|users|staff|students|parents|followers|supporters|investigators|officers|officials|lawmakers|jurors|delegates|viewers|listeners|readers|voters|fans|senators|colleagues|friends|family)";

/// [`VERBS`] without [`COGNITION`]: the verbs of reported speech.
static REPORT_VERBS: LazyLock<String> = LazyLock::new(|| {
    VERBS
        .split('|')
        .filter(|v| !COGNITION.contains(v))
        .collect::<Vec<_>>()
        .join("|")
});

/// Reported speech at the start of a clause: "Lonechild said (that) she
/// started…", "But the mayor claimed a study had been done…", "as city
/// staff said they could not talk". [`reported`] tries it at the start of
/// the sentence and then after each comma, dash or colon ("In a statement,
/// the company said it would…", "OTTAWA — Andrew Scheer says…").
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = &*REPORT_VERBS;
    cue_regex(&format!(
        r"^(?:(?:But|And|So|Still|However|Yet|Now|Instead|Later|Meanwhile|Mostly|Too often|While|Though|Although|and|but|as|while|though|although|so|yet|because|when|since|where|after)\s+)??(?P<s>{SPEAKER}|{LOOSE_SPEAKER})(?:,(?P<app>[^,]{{1,80}}),)? {ADVERBS}(?:(?P<vt>{TELL_VERBS}) {LISTENER}|(?P<v>{verbs})(?-u:\b)(?: (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Wed|Thurs|Fri|Sat|Sun)\.?)?)(?: (?:on|last|this|in|at|during|earlier|late|from|for|by) [\p{{Latin}}0-9_ ]{{1,25}}?)?,?\s+(?P<that>that\s+)?(?P<c>\S)"
    ))
    .expect("valid regex")
});

/// Where a clause can start inside a sentence: after a comma, dash, colon
/// or semicolon, or a conjunction ("…underwent a big change and Hadwin says
/// he's already looking…", "…improved but forecasters say…").
static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(r"(?:,|;|:| —| –| --| and| but| because| while| when| as)\s+").expect("valid regex")
});

/// The farthest a cue verb stands from its clause's start: a conjunction,
/// a speaker of eight words or a short appositive, and the adverbs.
const MAX_SUBJECT_REACH: usize = 200;

/// Commas tried per sentence for a cue after what was said.
const MAX_COMMAS: usize = 12;

/// Clause starts tried per sentence after its start.
const MAX_CLAUSES: usize = 8;

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
    "replied",
    "responded",
    "countered",
    "states",
    "concluded",
    "promised",
    "promise",
    "promises",
    "repeated",
    "mentioned",
    "chanted",
];

/// Reported speech with the cue after it: "Being in public can be hard,
/// Lonechild said." / "…, said the minister." / "…, according to police."
/// Matched from a comma of the sentence (what was said is all before it).
static REPORTED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = &*REPORT_VERBS;
    cue_regex(&format!(
        r"^,[”\x22’]?\s+(?:(?P<s1>{SPEAKER}|{LOOSE_SPEAKER}) (?:also |later )?(?P<v1>{verbs})|(?P<v2>{SAY_VERBS}) (?P<s2>{SPEAKER}|{LOOSE_SPEAKER})|according to (?P<s3>[^,.]+))(?-u:\b)(?:[,;][^.!?]*|(?: (?:on|in|at|during|last|this|earlier|late|from|to|after|before|while|when|by|with|via|through|as|reporters|journalists|police|the|a|an|his|her|their|its)(?-u:\b)| [A-Z0-9])[^.!?]{{0,80}})?[.!?]?\s*$"
    ))
    .expect("valid regex")
});

/// A cue inside the sentence: "It's common, he explains, for a man to…",
/// "Shelter residents, according to the findings, are fearful…".
static REPORTED_MID: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(&format!(
        r"^(?P<c>[^“”]+?),\s+(?:(?P<s1>{SPEAKER}|{LOOSE_SPEAKER}) {ADVERBS}(?P<v1>{VERBS}|went on|goes on)|(?P<v2>{VERBS}) (?P<s2>{SPEAKER}|{LOOSE_SPEAKER})|according to (?P<s3>[^,“”]+?)),\s+(?P<d>[^“”])"
    ))
    .expect("valid regex")
});

/// "According to X, …" opening a sentence.
static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(r"^[Aa]ccording to (?P<s>[^,.“”]{1,100}?),\s+(?P<c>\S)").expect("valid regex")
});

/// A cheap test before any reported-speech regex: a verb word occurs.
static ANY_VERB: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(&format!(
        r"(?-u:\b)(?:{VERBS}|[Aa]ccording to|went on|goes on|call(?:ed|s|ing)|describ(?:ed|es|ing)|dubbed|label(?:l?ed)|branded)(?-u:\b)"
    ))
    .expect("valid regex")
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
        let raw = c.name(s)?.as_str().trim();
        // "Kansas City, Mo., … said": an abbreviation ending a place.
        if raw.ends_with('.') && raw.len() <= 4 {
            return None;
        }
        let speaker = strip_conjunctions(trim_stop(raw.trim_end_matches(','))).to_string();
        let speaker = after_sentence_break(&speaker).to_string();
        // "According to former Bank of Canada governor David Dodge, …" and
        // "…, according to the person who spoke…": the source without what
        // follows it.
        let speaker = if *s == "s3" {
            cut_tail(&speaker).to_string()
        } else {
            speaker
        };
        // "His father, Ernie LeBlanc, says": the name in the appositive is
        // who speaks.
        let speaker = match c.name("app").map(|a| a.as_str().trim()) {
            Some(app) if !is_plain_name(&speaker) && is_plain_name(app) => app.to_string(),
            _ => speaker,
        };
        let verb = c.name(v).map(|m| m.as_str().to_string());
        // "It also said he had behaved well": an organisation speaking.
        let it_says = matches!(speaker.as_str(), "It" | "it")
            && verb.as_deref().is_some_and(|v| IT_VERBS.contains(&v));
        if it_says {
            return Some(Cue { speaker, verb });
        }
        let clause = *s != "s3" && !subject_like(&speaker);
        (is_speaker(&speaker) && !clause).then_some(Cue { speaker, verb })
    })
}

/// A speaker without the period ending its sentence; an abbreviation's
/// stays ("The U.S.", "Samsung Electronics Co.").
fn trim_stop(s: &str) -> &str {
    let last = s.rsplit(' ').next().unwrap_or(s);
    let abbreviation = TITLES.contains(&last) || last.trim_end_matches('.').contains('.');
    if abbreviation {
        s
    } else {
        s.trim_end_matches('.')
    }
}

/// True for a plain name of two to five capitalised words (with a title
/// such as "Montana Sen."): "Ernie LeBlanc", "Charles Glynn and Richard
/// Jones".
fn is_plain_name(s: &str) -> bool {
    let words: Vec<&str> = s.split(' ').collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    (1..=6).contains(&words.len())
        && words.first().is_some_and(capitalised)
        && words.last().is_some_and(capitalised)
        && words
            .iter()
            .all(|w| capitalised(w) || matches!(*w, "and" | "de" | "van" | "von" | "da" | "le"))
        && !s.chars().any(|c| c.is_ascii_digit())
        && !is_pronoun(s)
        && is_name(s)
}

/// Verbs with which "it" is a speaker (a company, a board, a report).
const IT_VERBS: &[&str] = &[
    "said", "says", "told", "added", "adds", "advised", "urged", "warned", "stated", "noted",
    "tweeted", "wrote", "writes",
];

/// A speaker without a previous sentence caught by the name pattern, whose
/// words may hold periods for initials and titles: "Switzerland. Wang" →
/// "Wang", "Dr. Keith Ahamad" stays.
fn after_sentence_break(s: &str) -> &str {
    let mut start = 0;
    let mut at = 0;
    for word in s.split(' ') {
        let next = at + word.len() + 1;
        let letters = word.trim_end_matches('.').chars().count();
        if word.ends_with('.') && letters > 3 && next < s.len() {
            start = next;
        }
        at = next;
    }
    &s[start.min(s.len())..]
}

/// A subject without the conjunctions that open its clause: "and Lohmar"
/// → "Lohmar", "while Green party leader Elizabeth May" → "Green party
/// leader Elizabeth May".
fn strip_conjunctions(s: &str) -> &str {
    const CONJUNCTIONS: &[&str] = &[
        "and", "but", "while", "though", "although", "as", "when", "because", "so", "yet", "since",
        "where", "after", "before", "then", "But", "And", "While", "Though", "Although", "As",
        "When", "So", "Yet", "Since", "Then",
    ];
    let mut rest = s;
    while let Some((first, tail)) = rest.split_once(' ') {
        if !CONJUNCTIONS.contains(&first) {
            break;
        }
        rest = tail;
    }
    rest
}

/// True when a loosely matched subject can be who spoke: it does not open
/// with a conjunction, preposition or auxiliary ("and feels", "with
/// Williamson's approach", "has said") and holds no clause of its own ("Some
/// were so incensed when the tax was announced", "Trudeau was asked").
fn subject_like(s: &str) -> bool {
    const FIRST: &[&str] = &[
        "and",
        "but",
        "or",
        "nor",
        "as",
        "when",
        "while",
        "if",
        "because",
        "although",
        "though",
        "after",
        "before",
        "since",
        "until",
        "where",
        "what",
        "how",
        "why",
        "with",
        "without",
        "for",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "from",
        "has",
        "have",
        "had",
        "having",
        "was",
        "were",
        "is",
        "are",
        "been",
        "be",
        "which",
        "who",
        "whom",
        "that",
        "then",
        "so",
        "it",
        "there",
        "this",
        "these",
        "those",
        "despite",
        "along",
        "we’re",
        "we're",
        "i'd",
        "i’d",
        "you’re",
        "you're",
        "given",
        "suffice",
        "whether",
        "about",
        "than",
        "it's",
        "it’s",
        "that's",
        "that’s",
        "there's",
        "there’s",
        "here's",
        "here’s",
    ];
    const ANY: &[&str] = &[
        "when",
        "while",
        "if",
        "because",
        "was",
        "were",
        "is",
        "are",
        "has",
        "had",
        "have",
        "been",
        "who",
        "which",
        "that",
        "where",
        "after",
        "before",
        "than",
        "as",
        "whose",
        "what",
        "whom",
        "not",
        "also",
        "would",
        "could",
        "should",
        "will",
        "can",
        "did",
        "does",
        "do",
        "won’t",
        "won't",
        "to",
        "must",
        "declined",
        "refused",
        "didn’t",
        "didn't",
        "wouldn’t",
        "wouldn't",
        "never",
        "being",
        "heard",
        "received",
        "released",
        "filed",
    ];
    // A subject ends with a noun or name, not a determiner or possessive
    // ("That's a claim", "a new report", "the mayor’s claims").
    const LAST: &[&str] = &[
        "a", "an", "the", "his", "her", "their", "its", "my", "our", "your", "new", "and", "or",
        "of", "for", "to", "whether",
    ];
    let mut words = s.split(' ');
    let first = words.next().unwrap_or("").to_lowercase();
    if FIRST.contains(&first.as_str()) {
        return false;
    }
    // "Brexit isn’t (explicitly mentioned)", "Singh won’t (say)".
    if s.split(' ')
        .any(|w| w.ends_with("n’t") || w.ends_with("n't"))
    {
        return false;
    }
    let last = s.rsplit(' ').next().unwrap_or("");
    if s.contains(' ')
        && (LAST.contains(&last.to_lowercase().as_str())
            || last.ends_with("’s")
            || last.ends_with("'s"))
    {
        return false;
    }
    !words.any(|w| ANY.contains(&w))
}

/// Rejects capitalised words that start sentences but name nobody.
fn is_speaker(s: &str) -> bool {
    const NOT: &[&str] = &[
        "It", "This", "That", "There", "What", "Which", "Who", "But", "And", "So", "If", "When",
        "In", "On", "At", "As", "The", "A", "An", "Yes", "No", "Now", "Then", "Also",
    ];
    !s.is_empty() && !NOT.iter().any(|n| n.eq_ignore_ascii_case(s))
}

/// A verb of naming or saying before a short quote in its sentence:
/// "called the conclusion “", "expressed “", "protesters chanted “".
static NAMING: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(r"(?-u:\b)(?:called|calls|calling|dubbed|dubs|described|describes|describing|labelled|labeled|labels|termed|branded|expressed|chanted|shouted|yelled|said|says|saying|told|tells)(?-u:\b)")
        .expect("valid regex")
});

/// The subject before a naming verb: a speaker and up to four words
/// ("Calgary MP Michelle Rempel earlier this week").
static SUBJECT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(&format!(
        r"(?:^|[\s,—])(?P<s>{SPEAKER})(?: [a-z][\p{{Latin}}0-9_'’-]*){{0,4}} $"
    ))
    .expect("valid regex")
});

/// The longest stretch between a naming verb and the short quote it names.
const MAX_NAMED_GAP: usize = 80;

/// The cue of a short quote named in its sentence ("Trudeau called the
/// allegation “false”"): the verb, and the subject before it when there is
/// one. Not "so-called".
pub(crate) fn naming(lead: &str) -> Option<Cue> {
    let mut from = lead.len().saturating_sub(BEFORE_WINDOW);
    while !lead.is_char_boundary(from) {
        from += 1;
    }
    let lead = &lead[from..];
    let sentence_start = lead
        .rfind(". ")
        .or_else(|| lead.rfind("? "))
        .map_or(0, |i| i + 2);
    let sentence = lead.get(sentence_start..)?;
    let verb = NAMING.find_iter(sentence).last()?;
    // The quote is the verb's own object: near it, with no clause between
    // ("says Erin Kim, who is leading the “Activate” project" is not).
    let gap = &sentence[verb.end()..];
    if gap.len() > MAX_NAMED_GAP || gap.contains(',') || sentence[..verb.start()].ends_with("so-") {
        return None;
    }
    let speaker = SUBJECT_BEFORE
        .captures(&sentence[..verb.start()])
        .and_then(|c| c.name("s"))
        .map(|s| strip_conjunctions(s.as_str()).to_string())
        .filter(|s| is_speaker(s) && subject_like(s));
    Some(Cue {
        speaker: speaker.unwrap_or_default(),
        verb: Some(verb.as_str().to_string()),
    })
}

/// The cue right after a closing mark.
pub(crate) fn after(rest: &str) -> Option<Cue> {
    let c = AFTER.captures(rest)?;
    if c.name("s1").is_some() {
        return cue(&c, &[("s1", "v1")]).map(|f| noun_subject(f, rest, &c));
    }
    // "said Oilers head coach Ken Hitchcock in an interview", "says Dr.
    // Matthew Bowes, Nova Scotia's chief medical examiner": the speaker
    // runs to a stop that is not a title's, then loses the words that start
    // what follows it; a description followed by a name ("says Campbell’s
    // partner, Jason Louth") gives the name.
    let group = c.name("s2").or_else(|| c.name("s3"))?;
    speaker_after(rest, group.start(), c.name("v2"))
}

/// The speaker written after its verb from byte `at` of `text`: the phrase
/// to a stop that is not a title's, without the words that start what
/// follows it; a description followed by a name ("says Campbell’s partner,
/// Jason Louth") gives the name.
fn speaker_after(text: &str, at: usize, verb: Option<regex::Match>) -> Option<Cue> {
    let (written, next) = phrase(text.get(at..)?);
    let mut speaker = cut_tail(written);
    let next = next.map_or("", cut_tail);
    if !is_plain_name(speaker) && is_plain_name(next) {
        speaker = next;
    }
    let speaker = trim_stop(speaker);
    (!speaker.is_empty() && is_speaker(speaker) && subject_like(speaker)).then(|| Cue {
        speaker: speaker.to_string(),
        verb: verb.map(|v| v.as_str().to_string()),
    })
}

/// Verbs that are also nouns ending a subject: "the civil claim said" is
/// not "the civil" claiming.
const NOUN_VERBS: &[&str] = &[
    "claim",
    "claims",
    "report",
    "reports",
    "note",
    "notes",
    "states",
    "say",
    "statement",
];

/// A cue whose verb is a noun of its subject ("the civil claim said") moved
/// on to the verb after it.
fn noun_subject(found: Cue, text: &str, c: &regex::Captures) -> Cue {
    let Some(v) = c.name("v1") else {
        return found;
    };
    if !NOUN_VERBS.contains(&v.as_str()) {
        return found;
    }
    let next = text[v.end()..]
        .trim_start()
        .split(|ch: char| !ch.is_alphabetic())
        .next()
        .unwrap_or("");
    if matches!(
        next,
        "said"
            | "says"
            | "stated"
            | "states"
            | "found"
            | "shows"
            | "showed"
            | "alleges"
            | "alleged"
            | "noted"
    ) {
        Cue {
            speaker: format!("{} {}", found.speaker, v.as_str()),
            verb: Some(next.to_string()),
        }
    } else {
        found
    }
}

/// Titles written with a period inside a name ("Dr. Matthew Bowes").
const TITLES: &[&str] = &[
    "Dr.", "Mr.", "Mrs.", "Ms.", "Rep.", "Sen.", "Lt.", "Gov.", "Prof.", "Rev.", "Sgt.", "Const.",
    "Cpl.", "Capt.", "Det.", "St.", "Insp.", "Supt.", "Gen.", "Col.", "Maj.", "Cmdr.", "Jr.",
    "Sr.", "Co.", "Inc.", "Corp.", "Ltd.",
];

/// The phrase at the start of `s` up to a punctuation mark (a title's
/// period and an initial's do not end it), and the phrase after it when a
/// comma ends the first.
fn phrase(s: &str) -> (&str, Option<&str>) {
    let end = phrase_end(s);
    let first = &s[..end];
    let next = s[end..]
        .strip_prefix(", ")
        .map(|rest| &rest[..phrase_end(rest)]);
    (first.trim(), next.map(str::trim))
}

fn phrase_end(s: &str) -> usize {
    let mut word_start = 0;
    for (i, ch) in s.char_indices() {
        if ch == ' ' {
            word_start = i + 1;
            continue;
        }
        if ch == '.' {
            let word = &s[word_start..=i];
            let initial = word.len() == 2 && word.starts_with(|c: char| c.is_ascii_uppercase());
            if TITLES.contains(&word) || initial {
                continue;
            }
            return i;
        }
        if ",;:!?“”\"()—".contains(ch) || i > MAX_PHRASE {
            return i;
        }
    }
    s.len()
}

/// The longest speaker phrase after its verb.
const MAX_PHRASE: usize = 120;

/// A speaker written after the verb without what follows it: "Nicholson in
/// an Aug. 28 email" → "Nicholson", "the rookie defenceman" stays.
fn cut_tail(s: &str) -> &str {
    const STOP: &[&str] = &[
        "in", "on", "at", "during", "after", "before", "from", "to", "via", "by", "while", "when",
        "as", "who", "which", "told", "said", "says", "that", "but", "last", "this", "earlier",
        "late", "about",
    ];
    let mut end = s.len();
    let mut at = 0;
    for word in s.split(' ') {
        if at > 0 && (STOP.contains(&word) || is_day(word)) {
            end = at - 1;
            break;
        }
        at += word.len() + 1;
    }
    s[..end].trim()
}

/// A weekday or "Monday"-like word after a speaker ("said Smith Monday").
fn is_day(w: &str) -> bool {
    matches!(
        w,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    )
}

/// How far back from an opening mark a cue can start: a long descriptive
/// speaker, the verb and `BEFORE`'s 80 characters of object fit well within.
const BEFORE_WINDOW: usize = 400;
/// The longest object between the cue verb and the opening mark.
const MAX_OBJECT_CHARS: usize = 80;

/// The cue right before an opening mark.
pub(crate) fn before(lead: &str) -> Option<Cue> {
    if lead.trim_end().ends_with(['.', '!', '?']) {
        return None;
    }
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
        let found = cue(&c, &[("s1", "v1"), ("s2", "v2"), ("s3", "")]).filter(reports);
        let tail = c.name("d").and_then(|d| to_end(sentence, d));
        if let (Some(found), Some(a), Some(d)) = (found, c.name("c"), tail) {
            return Some((found, a.start()..d.end));
        }
    }
    // A clause is tried only when a cue verb follows within reach of its
    // start, and "according to" only where the clause opens with it.
    let verbs: Vec<usize> = ANY_VERB.find_iter(sentence).map(|m| m.start()).collect();
    let clauses = std::iter::once(0).chain(
        CLAUSE_BREAK
            .find_iter(sentence)
            .map(|m| m.end())
            .take(MAX_CLAUSES),
    );
    for from in clauses {
        let reach = verbs
            .iter()
            .any(|&v| v >= from && v - from <= MAX_SUBJECT_REACH);
        if !reach {
            continue;
        }
        let clause = &sentence[from..];
        let according = clause.starts_with("According to") || clause.starts_with("according to");
        let re = if according { &*ACCORDING } else { &*REPORTED };
        if let Some(found) = re.captures(clause).and_then(|c| said(&c, clause, from)) {
            return Some(found);
        }
    }
    if let Some(found) = appositive(sentence) {
        return Some(found);
    }
    // The cue after what was said, tried at each comma: a comma whose cue
    // is refused ("…, but people misunderstood and thought…") gives way to
    // the next.
    for comma in sentence.match_indices(',').map(|(i, _)| i).take(MAX_COMMAS) {
        if comma == 0 {
            continue;
        }
        let tail = &sentence[comma..];
        let Some(c) = REPORTED_AFTER.captures(tail) else {
            continue;
        };
        let found = match c.name("s2") {
            // "…, said police Chief Joseph Boinnet.": the whole phrase.
            Some(s2) => speaker_after(tail, s2.start(), c.name("v2")),
            None => cue(&c, &[("s1", "v1"), ("s3", "")]).map(|f| noun_subject(f, tail, &c)),
        };
        if let Some(found) = found.filter(reports) {
            return Some((found, 0..comma));
        }
    }
    called(sentence)
        .or_else(|| participle(sentence))
        .or_else(|| relative(sentence))
}

/// Checks a reported-speech match whose content capture `c` starts in
/// `clause` (which starts at byte `from` of the sentence): an object-taking
/// verb needs "that" or a clause, the content does not open with a
/// preposition, an urging verb is followed by "to". Returns the cue and the
/// content's range in the sentence.
fn said(c: &regex::Captures, clause: &str, from: usize) -> Option<(Cue, std::ops::Range<usize>)> {
    let takes_object = c
        .name("v")
        .is_some_and(|v| OBJECT_VERBS.contains(&v.as_str()));
    let mut content = c.name("c").and_then(|m| to_end(clause, m))?;
    let mut that = c.name("that").is_some();
    // "told a crowd of party members gathered in Burnaby that…", "noted
    // several times that…": what was said starts after a "that" the
    // patterns' short object and time phrase did not reach.
    if !that {
        if let Some(skip) = to_that(&clause[content.clone()]) {
            content.start += skip;
            that = true;
        }
    }
    let text = &clause[content.clone()];
    // "authorities said Saturday.": a tail, not what was said.
    if text.split_whitespace().count() < MIN_CONTENT_WORDS {
        return None;
    }
    if takes_object && !that && !clause_like(text) {
        return None;
    }
    let first = text.split(' ').next().unwrap_or("").to_lowercase();
    if PREPOSITIONS.contains(&first.as_str()) {
        return None;
    }
    // "urged residents to conserve water": the listener is urged to do
    // something; "urged the reinvestigation of…" is an object.
    let urges = c
        .name("vt")
        .is_some_and(|v| URGE_VERBS.contains(&v.as_str()));
    if urges && !matches!(first.as_str(), "to" | "that" | "not" | "never") {
        return None;
    }
    let verb = c.name("v").or_else(|| c.name("vt")).map(|v| v.as_str());
    if verb.is_some_and(|v| COGNITION.contains(&v)) {
        return None;
    }
    let found = match c.name("s") {
        Some(_) => cue(c, &[("s", "v"), ("s", "vt")])?,
        None => Cue {
            speaker: String::new(),
            verb: verb.map(str::to_string),
        },
    };
    Some((found, content.start + from..content.end + from))
}

/// The longest stretch between a cue verb and the "that" opening what was
/// said.
const MAX_TO_THAT: usize = 100;

/// The byte offset of what follows a "that" near the start of `content`
/// when `content` opens with a preposition, adverb or article, no
/// punctuation comes before the "that" and `content` does not read as a
/// clause already ("in an email Wednesday that he never heard…", "a crowd of
/// party members gathered in Burnaby that…").
fn to_that(content: &str) -> Option<usize> {
    const OPENERS: &[&str] = &[
        "in",
        "on",
        "at",
        "during",
        "for",
        "by",
        "from",
        "to",
        "several",
        "repeatedly",
        "earlier",
        "last",
        "this",
        "late",
        "again",
        "publicly",
        "privately",
        "later",
        "recently",
        "often",
        "once",
        "twice",
        "a",
        "an",
        "about",
        "of",
        "with",
        "over",
    ];
    let first = content.split(' ').next().unwrap_or("");
    if !OPENERS.contains(&first) || clause_like(content) {
        return None;
    }
    let head = content.get(..MAX_TO_THAT.min(content.len())).or_else(|| {
        let mut end = MAX_TO_THAT.min(content.len());
        while !content.is_char_boundary(end) {
            end -= 1;
        }
        content.get(..end)
    })?;
    let at = head.find(" that ")?;
    if head[..at].contains([',', '.', ';', ':', '!', '?', '“', '”', '"']) {
        return None;
    }
    Some(at + " that ".len())
}

/// Words of reported content at least.
const MIN_CONTENT_WORDS: usize = 4;

/// A sentence that opens with its speaker and a comma: "Ken Njoroge, chief
/// executive of a company …, said he was unable…" (GGT: an appositive too
/// long or with too many commas for [`REPORTED`]).
static SPEAKER_COMMA: LazyLock<Regex> =
    LazyLock::new(|| cue_regex(&format!(r"^(?P<s>{SPEAKER}),\s")).expect("valid regex"));

/// The cue after an appositive: ", said he was…", ", told HuffPost Canada
/// the renovictions issue…".
static APPOSITIVE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = &*REPORT_VERBS;
    cue_regex(&format!(
        r",\s+{ADVERBS}(?:(?P<vt>{TELL_VERBS}) {LISTENER}|(?P<v>{verbs})(?-u:\b)(?: (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Wed|Thurs|Fri|Sat|Sun)\.?)?)(?: (?:on|last|this|in|at|during|earlier|late|from|for|by) [\p{{Latin}}0-9_ ]{{1,25}}?)?,?\s+(?P<that>that\s+)?(?P<c>\S)"
    ))
    .expect("valid regex")
});

/// The longest appositive between a speaker and the cue verb.
const MAX_APPOSITIVE: usize = 250;

/// Reported speech after a long appositive: "Robert Wisner, a lawyer with
/// McMillan LLP in Toronto who specializes in international arbitrations,
/// said disputes…".
fn appositive(sentence: &str) -> Option<(Cue, std::ops::Range<usize>)> {
    let head = SPEAKER_COMMA.captures(sentence)?;
    let speaker = head.name("s")?.as_str();
    let at = head.get(0)?.end();
    let c = APPOSITIVE_CUE.captures_at(sentence, at.saturating_sub(2))?;
    if c.get(0)?.start() > MAX_APPOSITIVE {
        return None;
    }
    let (found, content) = said(&c, sentence, 0)?;
    let speaker = strip_conjunctions(speaker);
    (is_speaker(speaker) && subject_like(speaker)).then(|| {
        (
            Cue {
                speaker: speaker.to_string(),
                verb: found.verb,
            },
            content,
        )
    })
}

/// Naming someone or something: "They called it a bandage solution", "Mr.
/// Fry describes himself as the most left-leaning Green on council",
/// "Authorities described his attempt to steal another vehicle as a
/// carjacking". What follows the object opens with a determiner.
static CALLED: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(&format!(
        r"^(?:(?:But|And|So|However|and|but)\s+)?(?P<s>{SPEAKER}|{LOOSE_SPEAKER})(?:,(?P<app>[^,]{{1,80}}),)? {ADVERBS}(?P<v>called|calls|calling|described|describes|describing|dubbed|labelled|labeled|branded) (?:it|him|her|them|this|that|himself|herself|themselves|itself|(?:the|a|an|his|her|their|its) [\p{{Latin}}0-9_'’-]+)(?: [\p{{Latin}}0-9_'’-]+){{0,6}}? (?:as )?(?P<c>(?:a|an|the|one|his|her|their|its)(?-u:\b)|“|\x22)"
    ))
    .expect("valid regex")
});

/// Reported naming ([`CALLED`]) at the start of the sentence or a clause.
fn called(sentence: &str) -> Option<(Cue, std::ops::Range<usize>)> {
    if !sentence.contains("call")
        && !sentence.contains("escrib")
        && !sentence.contains("label")
        && !sentence.contains("dubbed")
        && !sentence.contains("branded")
    {
        return None;
    }
    let starts = std::iter::once(0).chain(
        CLAUSE_BREAK
            .find_iter(sentence)
            .map(|m| m.end())
            .take(MAX_CLAUSES),
    );
    for from in starts {
        let clause = &sentence[from..];
        let Some(c) = CALLED.captures(clause) else {
            continue;
        };
        let Some(found) = cue(&c, &[("s", "v")]) else {
            continue;
        };
        let Some(content) = c.name("c").and_then(|m| to_end(clause, m)) else {
            continue;
        };
        return Some((found, content.start + from..content.end + from));
    }
    None
}

/// A cue that carries the sentence's subject: "…, saying they are limiting
/// the industry", "…praised China's support and said he did not think…".
static PARTICIPLE: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(r"(?:,\s+(?P<v1>saying|adding|noting|arguing|insisting|explaining|warning|stressing|claiming|suggesting)|(?-u:\b)and (?:also )?(?P<v2>said|added|noted|argued|insisted|explained|warned|stressed|claimed|told [A-Za-z]+))(?-u:\b),?\s+(?P<that>that\s+)?(?P<c>\S)")
        .expect("valid regex")
});

/// The subject opening a sentence, for a participle cue.
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(&format!(
        r"^(?:(?:But|And|So|However|Yet|Now|Later|Meanwhile|[A-Z]+ (?:—|--))\s+)?(?P<s>{SPEAKER}|{LOOSE_SPEAKER}) [a-z]"
    ))
    .expect("valid regex")
});

/// Reported speech after a participle or "and said" (GGT: "Roy Graf
/// protested the two bills, saying they are limiting the industry", "he
/// said, adding that police fired back"). The speaker is the sentence's
/// subject when it opens the sentence, else left to resolution.
fn participle(sentence: &str) -> Option<(Cue, std::ops::Range<usize>)> {
    let c = PARTICIPLE.captures(sentence)?;
    let verb = c.name("v1").or_else(|| c.name("v2"))?.as_str();
    let content = c.name("c").and_then(|m| to_end(sentence, m))?;
    let text = &sentence[content.clone()];
    let first = text.split(' ').next().unwrap_or("").to_lowercase();
    if PREPOSITIONS.contains(&first.as_str()) || (c.name("that").is_none() && !clause_like(text)) {
        return None;
    }
    let speaker = SUBJECT
        .captures(sentence)
        .and_then(|s| s.name("s"))
        .map(|s| strip_conjunctions(s.as_str()))
        .filter(|s| is_speaker(s) && subject_like(s))
        .unwrap_or("");
    Some((
        Cue {
            speaker: speaker.to_string(),
            verb: Some(verb.to_string()),
        },
        content,
    ))
}

/// A cue inside a relative clause: "what South Korean officials say is
/// Kim's 35th birthday", "wounds that authorities said did not appear
/// self-inflicted", "a lack of leadership he says has left the city's
/// police without…".
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(&format!(
        r"(?-u:\b)(?:(?:what|that|which|whom|who) (?P<s1>{SPEAKER}|{LOOSE_SPEAKER}) (?P<v1>says|say|said|claims|claim|calls|call)(?-u:\b)\s+(?P<c>\S)|(?P<s2>he|she|they|it) (?P<v2>says|said|claims|claimed) (?P<c2>(?:is|was|are|were|has|had|have|will|would|could|can|did|does|do)(?-u:\b)))"
    ))
    .expect("valid regex")
});

/// Reported speech in a relative clause ([`RELATIVE`]).
fn relative(sentence: &str) -> Option<(Cue, std::ops::Range<usize>)> {
    let c = RELATIVE.captures(sentence)?;
    let found = cue(&c, &[("s1", "v1"), ("s2", "v2")]).filter(|f| subject_like(&f.speaker))?;
    let first = c.name("c").or_else(|| c.name("c2"))?;
    let content = to_end(sentence, first)?;
    Some((found, content))
}

/// Verbs of thinking and knowing: a cue for a direct quote (“…,” he
/// thought) but not reported speech ("I believe it works", "she knew she
/// didn't have time"), which GGT annotators never mark as a quote.
const COGNITION: &[&str] = &[
    "believes",
    "believe",
    "thinks",
    "thought",
    "knew",
    "learned",
    "heard",
    "felt",
    "feels",
    "hopes",
    "hoped",
    "estimated",
    "estimates",
    "indicated",
    "indicates",
    "agreed",
    "agrees",
    "agree",
    "continued",
];

/// Verbs whose listener is urged to act: "urged residents to conserve".
const URGE_VERBS: &[&str] = &[
    "urged", "urges", "urge", "advised", "advises", "advise", "reminded", "reminds",
];

/// Words that open a verb's complement, not what was said ("warns of the
/// death penalty", "told him about").
const PREPOSITIONS: &[&str] = &[
    "of", "about", "with", "for", "by", "from", "into", "against", "over", "up", "out", "off",
    "down", "back", "away", "on", "upon", "and", "but", "or",
];

/// True when the cue's verb reports speech (not [`COGNITION`]).
fn reports(c: &Cue) -> bool {
    c.verb.as_deref().is_none_or(|v| !COGNITION.contains(&v))
}

/// Words that make a clause of the few words they follow: a finite verb
/// form that cannot be a noun.
const FINITE: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "would",
    "will",
    "could",
    "can",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "doesn't",
    "didn't",
    "don't",
    "won't",
    "wouldn't",
    "can't",
    "couldn't",
    "hasn't",
    "haven't",
    "hadn't",
    "isn’t",
    "wasn’t",
    "doesn’t",
    "didn’t",
    "don’t",
    "won’t",
    "wouldn’t",
    "can’t",
    "couldn’t",
    "hasn’t",
    "haven’t",
    "hadn’t",
];

/// True when the words after an object-taking verb read as a clause (what
/// was said), not the verb's object: they open with a subject pronoun ("added
/// he doesn't think…") or a finite verb comes within the first four words
/// ("claimed a study had been done"); "added a goal" and "announced plans
/// for…" are objects.
fn clause_like(content: &str) -> bool {
    let mut words = content.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let first = first.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
    if matches!(first, "where" | "which" | "who" | "whom" | "whose" | "when") {
        return false;
    }
    if matches!(
        first,
        "he" | "she"
            | "it"
            | "they"
            | "we"
            | "I"
            | "you"
            | "there"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "There"
    ) || first.starts_with("it’")
        || first.starts_with("it'")
        || first.starts_with("he’")
        || first.starts_with("he'")
        || first.starts_with("she’")
        || first.starts_with("she'")
        || first.starts_with("they’")
        || first.starts_with("they'")
        || first.starts_with("we’")
        || first.starts_with("we'")
        || first.starts_with("there’")
        || first.starts_with("there'")
    {
        return true;
    }
    std::iter::once(first)
        .chain(words.take(3))
        .skip(1)
        .any(|w| FINITE.contains(&w.trim_end_matches([',', '.'])))
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
