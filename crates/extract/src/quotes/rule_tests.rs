//! One short case per quote rule; each names the GGT article (0-based line
//! of `shared/data/quotes/ggt-98-articles.jsonl`) whose misses it came from.

use super::find;
use crate::Quote;

fn q(paragraphs: &[&str]) -> Vec<Quote> {
    find(&paragraphs.iter().map(|s| s.to_string()).collect::<Vec<_>>())
}

/// The one quote found, with its text, speaker as written and person.
fn one(paragraph: &str) -> (String, Option<String>, Option<String>) {
    let found = q(&[paragraph]);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    (f.text.clone(), f.speaker.clone(), f.person.clone())
}

fn texts(found: &[Quote]) -> Vec<&str> {
    found.iter().map(|q| q.text.as_str()).collect()
}

/// GGT 48: 70 of the 98 articles come as one paragraph with blank lines
/// between their paragraphs; a line break ends sentences and cues.
#[test]
fn line_breaks_separate_paragraphs() {
    let found = q(&[
        "All governments should be working 'in tandem': Matlow\n\nMatlow said he likes a proposal from the tenants' association.",
    ]);
    assert_eq!(
        texts(&found),
        ["he likes a proposal from the tenants' association"]
    );
    assert_eq!(found[0].speaker.as_deref(), Some("Matlow"));
}

/// GGT 1: the speaker opening the sentence wins over a later clause ("and
/// added he doesn't think…" is part of what he said).
#[test]
fn speaker_at_sentence_start_first() {
    let (text, speaker, _) = one("He said unionization is overdue in the restaurant industry, and added he doesn't think customers will mind.");
    assert!(text.starts_with("unionization is overdue"), "{text}");
    assert_eq!(speaker.as_deref(), Some("He"));
}

/// GGT 29, 22: a dateline or section label before the speaker.
#[test]
fn dateline_and_label_before_speaker() {
    let (text, speaker, _) = one("OTTAWA — Conservative Leader Andrew Scheer says Prime Minister Justin Trudeau is the most divisive prime minister.");
    assert!(
        text.starts_with("Prime Minister Justin Trudeau is"),
        "{text}"
    );
    assert_eq!(
        speaker.as_deref(),
        Some("Conservative Leader Andrew Scheer")
    );
    let (_, speaker, _) = one(
        "ANALYSIS: Some experts say the rejection of the deal lowers the chance of a no-deal exit.",
    );
    assert_eq!(speaker.as_deref(), Some("Some experts"));
}

/// GGT 21, 43, 53: a verb of telling takes its listener before what is
/// said; "said" takes none ("said the jet stream…" is what was said).
#[test]
fn listener_after_tell_verbs_only() {
    let (text, ..) = one("Jayme told police that her dog began to bark.");
    assert_eq!(text, "her dog began to bark");
    let (text, ..) = one("BC Hydro reminded customers to consider food safety during the outage.");
    assert_eq!(text, "to consider food safety during the outage");
    let (text, ..) = one("Atkinson said the jet stream's behaviour could make storms stronger.");
    assert!(text.starts_with("the jet stream's"), "{text}");
    // GGT 42: "urged" an object, not someone to act.
    assert!(
        q(&["The director urged the reinvestigation of at least nine sudden deaths."]).is_empty()
    );
}

/// GGT 14: a verb that also takes an object reports speech when a clause
/// follows; "added a goal" is an object.
#[test]
fn object_verbs_need_a_clause() {
    let (text, speaker, _) =
        one("But the mayor claimed a study had been done to confirm this by TransLink.");
    assert_eq!(text, "a study had been done to confirm this by TransLink");
    assert_eq!(speaker.as_deref(), Some("the mayor"));
    assert!(q(&["Jones added a goal in the third period of the game."]).is_empty());
}

/// GGT 12, 45: thinking and knowing are not reported speech.
#[test]
fn cognition_is_not_speech() {
    assert!(q(&["In fact, I believe it works better in actually changing our views."]).is_empty());
    assert!(q(&["As smitten as she was, she knew she didn't have time to waste."]).is_empty());
}

/// GGT 37: "READ MORE:" lines are links to other stories.
#[test]
fn link_lines_are_skipped() {
    assert!(
        q(&["READ MORE: Robert Major says he looked for a stop sign before the crash"]).is_empty()
    );
}

/// GGT 31, 21: the cue after what was said, with a plain noun or a
/// description as speaker, and quotation marks inside what was said.
#[test]
fn cue_after_with_description() {
    let (text, speaker, _) = one("A man shot his girlfriend and her mother in the home they shared, authorities said Saturday.");
    assert_eq!(
        text,
        "A man shot his girlfriend and her mother in the home they shared"
    );
    assert_eq!(speaker.as_deref(), Some("authorities"));
    let found = q(&["He lasted a month before he washed out after failing to meet \"expectations and standards,\" a Marine spokeswoman said."]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].text.starts_with("He lasted a month"));
    assert_eq!(found[0].speaker.as_deref(), Some("a Marine spokeswoman"));
}

/// GGT 31: a conjunction before the speaker is not part of it; GGT 45: a
/// subject with a clause of its own is no speaker.
#[test]
fn conjunctions_and_clauses_in_subjects() {
    let (text, speaker, _) =
        one("The area is wooded, and Lohmar said Emery was able to elude police in the dark.");
    assert_eq!(text, "Emery was able to elude police in the dark");
    assert_eq!(speaker.as_deref(), Some("Lohmar"));
    assert!(
        q(&["Some were so incensed when the tax was announced they hoisted signs."]).is_empty()
    );
    assert!(q(&["Google declined to say why it lost the certificate last week."]).is_empty());
}

/// GGT 7: an appositive too long for the tight patterns.
#[test]
fn long_appositive_between_speaker_and_verb() {
    let (text, speaker, _) = one("Ken Njoroge, chief executive of a company in the DustiD2 complex that offers mobile banking services, said he was unable to locate several employees.");
    assert_eq!(text, "he was unable to locate several employees");
    assert_eq!(speaker.as_deref(), Some("Ken Njoroge"));
}

/// GGT 30, 5: a participle or "and said" carries the sentence's subject.
#[test]
fn participle_cues() {
    let (text, speaker, _) = one(
        "Roy Graf protested the two bills, saying they are limiting the industry and the economy.",
    );
    assert_eq!(text, "they are limiting the industry and the economy");
    assert_eq!(speaker.as_deref(), Some("Roy Graf"));
    let (text, ..) = one("Pompeo praised China's support for the talks and said he did not think the trade dispute would affect this.");
    assert!(text.starts_with("he did not think"), "{text}");
}

/// GGT 5, 42: a cue inside a relative clause.
#[test]
fn relative_clause_cues() {
    let (text, speaker, _) = one("The visit coincides with what South Korean officials say is Kim's 35th birthday on Tuesday.");
    assert_eq!(text, "is Kim's 35th birthday on Tuesday");
    assert_eq!(speaker.as_deref(), Some("South Korean officials"));
    let (text, speaker, _) = one("Sinclair derides the board for a lack of leadership he says has left the police without oversight.");
    assert_eq!(text, "has left the police without oversight");
    assert_eq!(speaker.as_deref(), Some("he"));
}

/// GGT 37, 32: a short quote that a verb of naming leads to is someone's
/// words; a scare quote is not.
#[test]
fn named_short_quotes() {
    let found = q(&["Crown prosecutor Michael Pilon called the conclusion “bold” on Friday."]);
    assert_eq!(texts(&found), ["bold"]);
    assert_eq!(found[0].speaker.as_deref(), Some("Michael Pilon"));
    assert_eq!(found[0].verb.as_deref(), Some("called"));
    assert!(q(&["The so-called “peace plan” was unveiled on Monday."]).is_empty());
    // GGT 30: "called it a …" without quotation marks.
    let (text, ..) = one("They called it a bandage solution that won’t close the price gap.");
    assert_eq!(text, "a bandage solution that won’t close the price gap");
}

/// GGT 80: a short quote going on from a cued one in its paragraph.
#[test]
fn short_quote_after_cued_one() {
    let found = q(&["“He carried most of the weight,” she said. “I was super-green.”"]);
    assert_eq!(
        texts(&found),
        ["He carried most of the weight", "I was super-green."]
    );
}

/// GGT 94: a quoted title is no quote.
#[test]
fn titles_are_not_quotes() {
    assert!(q(&["The actors carry “The Kid Who Would Be King” admirably."]).is_empty());
}

/// GGT 36, 48: an embedded tweet and a pull quote signed by their speaker.
#[test]
fn tweets_and_pull_quotes() {
    let (text, speaker, _) = one("Ambulances are supposed to arrive in 9 minutes but the union says they are too often late. pic.twitter.com/HRlO8uT0x0 — Alicia Draus (@Alicia_Draus) January 15, 2019");
    assert!(text.starts_with("Ambulances are supposed"), "{text}");
    assert!(text.ends_with("too often late"), "{text}");
    assert_eq!(speaker.as_deref(), Some("Alicia Draus"));
    let (text, speaker, _) = one("Governments at all levels will need to take real steps to solve this crisis. Matt Danison, Rentals.ca");
    assert_eq!(
        text,
        "Governments at all levels will need to take real steps to solve this crisis"
    );
    assert_eq!(speaker.as_deref(), Some("Matt Danison"));
    // Not a signature: an abbreviation before a capitalised court name.
    assert!(
        q(&["The leagues have yet to file a response with the B.C. Supreme Court."]).is_empty()
    );
}

/// GGT 30, 1, 6: a speaker written with a description names a person.
#[test]
fn person_in_a_description() {
    let (_, speaker, person) =
        one("“Our energy allies are laughing at us,” said oil and gas worker Mike Wipf.");
    assert_eq!(speaker.as_deref(), Some("oil and gas worker Mike Wipf"));
    assert_eq!(person.as_deref(), Some("Mike Wipf"));
    let (_, _, person) =
        one("“It's a positive thing,” UFCW Local 832 president Jeff Traeger said Saturday.");
    assert_eq!(person.as_deref(), Some("Jeff Traeger"));
    let (_, speaker, person) = one("“There's really good evidence,” says Dr. Matthew Bowes, Nova Scotia's chief medical examiner.");
    assert_eq!(speaker.as_deref(), Some("Dr. Matthew Bowes"));
    assert_eq!(person.as_deref(), Some("Matthew Bowes"));
    // GGT 6: the name in an appositive is who speaks.
    let (_, speaker, _) = one("His father, Ernie LeBlanc, says his son long battled addiction.");
    assert_eq!(speaker.as_deref(), Some("Ernie LeBlanc"));
    // GGT 24: a previous sentence is not part of a name.
    let (_, speaker, _) = one("He spoke in Davos, Switzerland. Wang said that “shifting blame is no way to solve problems.”");
    assert_eq!(speaker.as_deref(), Some("Wang"));
}

/// GGT 15: a cue that ends its sentence belongs to the quote before it.
#[test]
fn cue_ending_a_sentence_is_not_before_the_next_quote() {
    let found = q(&["“It feels like a nightmare,” Kim told CTV News Friday. “The fact that we are being told this is unfair.”"]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].speaker.as_deref(), Some("Kim"));
    assert_eq!(found[1].speaker, None);
    assert_eq!(found[1].person.as_deref(), Some("Kim"));
}

/// GGT 51, 43: "it" speaks for an organisation.
#[test]
fn it_as_speaker() {
    let (text, speaker, _) = one("It also said he had behaved well and had completed programs.");
    assert_eq!(text, "he had behaved well and had completed programs");
    assert_eq!(speaker.as_deref(), Some("It"));
}

/// GGT 17: a closing mark that nothing opened ends a quote running from the
/// sentence after the previous one.
#[test]
fn stray_closing_mark() {
    let found = q(&["\"It was always about being the champion again,\" Jones said. It was never about the opponent, nothing personal. I'm just happy with my belt.\""]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[1].text.starts_with("It was never about"), "{found:?}");
    assert_eq!(found[1].person.as_deref(), Some("Jones"));
    // Without a cue or a cued quote before it, an inch mark is no quote.
    assert!(
        q(&["The screen measures 55\" across and costs less than last year's model."]).is_empty()
    );
}

/// GGT 73: what was said opens after a "that" beyond the object.
#[test]
fn that_after_a_long_object() {
    let (text, ..) = one("Eduljee told a crowd of about 100 party members gathered at a hall in Burnaby that the whole country will be watching.");
    assert_eq!(text, "the whole country will be watching");
}

/// GGT 75: a cue between two parts of what was said.
#[test]
fn cue_in_the_middle() {
    let (text, speaker, _) =
        one("Almost all revenues, they promise, will be returned to families in the provinces.");
    assert_eq!(
        text,
        "Almost all revenues, they promise, will be returned to families in the provinces"
    );
    assert_eq!(speaker.as_deref(), Some("they"));
}

/// GGT 10, 44: "she said" is the last woman named, not a man quoted since.
#[test]
fn pronoun_takes_the_person_of_its_gender() {
    let found = q(&[
        "Marie Dupont runs the shelter. She opened it in 2015.",
        "“We are full every night,” Dupont said.",
        "John Smith, who sits on the board, disagreed. He said the shelter has room.",
        "“We turn people away,” she said.",
    ]);
    let last = found.last().expect("quotes");
    assert_eq!(last.speaker.as_deref(), Some("she"));
    assert_eq!(last.person.as_deref(), Some("Marie Dupont"));
}

/// Untrusted input: long sentences of commas and cue verbs, multi-byte
/// characters at every window edge, stray marks: no panic, bounded time.
#[test]
fn hostile_text_is_bounded_and_safe() {
    let unit = "é said, “ he said ” according to ünï, and ";
    let long = unit.repeat(2_000);
    let started = std::time::Instant::now();
    let _ = q(&[
        &long,
        "”",
        "“",
        "\"",
        ", said",
        "said",
        "—",
        "é",
        "that that that",
    ]);
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(&format!("Name{i} Person{i} said “x{i} y z w,” she said. "));
    }
    let _ = q(&[&text]);
    for cut in 0..unit.len() {
        if let Some(s) = unit.get(cut..) {
            let _ = q(&[s, &format!("{s}{s}")]);
        }
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

/// GGT 49, 60, 35, 66, 55: how a speaker is written: a description gives
/// way to the name after it; an "according to" source loses what follows
/// it; a noun verb ("claim") belongs to its subject; an abbreviation keeps
/// its period; a place's abbreviation is no speaker.
#[test]
fn speaker_phrases() {
    let (_, speaker, _) =
        one("Schellenberg's aunt, Lauri Nelson-Jones, said the family is anxious about the case.");
    assert_eq!(speaker.as_deref(), Some("Lauri Nelson-Jones"));
    let (_, speaker, person) = one("The error might simply be the marketing, according to former Bank of Canada governor David Dodge.");
    assert_eq!(
        speaker.as_deref(),
        Some("former Bank of Canada governor David Dodge")
    );
    assert_eq!(person.as_deref(), Some("David Dodge"));
    let (_, speaker, _) = one("“Mr. McEwan has stated that he suffers,” the civil claim said.");
    assert_eq!(speaker.as_deref(), Some("the civil claim"));
    let (_, speaker, _) = one("The U.S. alleges Meng deceived financial institutions.");
    assert_eq!(speaker.as_deref(), Some("The U.S."));
    let found = q(&["Will Young, a mechanic based in Kansas City, Mo., and an organizer, said cold weather takes a toll on trains."]);
    assert!(
        found.iter().all(|f| f.speaker.as_deref() != Some("Mo")),
        "{found:?}"
    );
}

/// GGT 94, 66, 86, 64: a negated subject, a listener after "told" and a
/// naming verb across a clause name no speaker; "went on" is a cue only
/// between commas.
#[test]
fn not_cues() {
    assert!(
        q(&["Although Brexit isn’t explicitly mentioned, it is the context for all of this."])
            .is_empty()
    );
    let found = q(&["Controversy erupted after John McCallum, the ambassador, told Chinese-language media that he thinks Meng has a case."]);
    assert!(
        found
            .iter()
            .all(|f| f.speaker.as_deref() != Some("Chinese-language media")),
        "{found:?}"
    );
    assert!(q(&["Results are exciting, says senior manager Erin Kim, who is leading the “Activate” project."]).iter().all(|f| f.text != "Activate"));
    assert!(q(&[
        "Even his 2018 round was eventful as he went on some crazy low runs late in the day."
    ])
    .is_empty());
    let (text, speaker, _) =
        one("And it is on his watch, he went on, that the border became a major problem.");
    assert!(text.starts_with("And it is on his watch"), "{text}");
    assert_eq!(speaker.as_deref(), Some("he"));
}
