//! `credits::harvest` on plain paragraphs, as the HTML extractor hands them
//! over. Examples are real lines from shared/data (reprints, attribution)
//! and from the seed page.

use reprint_extract::credits::harvest;
use reprint_extract::{Article, CreditKind, FieldSource, NoticeKind, Sourced};

fn harvested(paragraphs: &[&str]) -> Article {
    let mut article = Article {
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        ..Article::default()
    };
    harvest(&mut article);
    article
}

const BODY: &str =
    "Spotify said Friday it is moving away from implementing a policy around artist conduct.";
const BODY2: &str = "The company said it would continue to seek ways to impact the greater good.";

#[test]
fn ap_footer_becomes_copyright_and_licence() {
    // cbsnews.com reprint of an AP story.
    let a = harvested(&[
        BODY,
        BODY2,
        "© 2019 The Associated Press. All Rights Reserved. This material may not be published, broadcast, rewritten, or redistributed.",
    ]);
    assert_eq!(a.paragraphs, [BODY, BODY2]);
    let c = &a.copyright[0];
    assert_eq!(
        (c.holder.as_deref(), c.year),
        (Some("The Associated Press"), Some(2019))
    );
    assert_eq!(a.notices[0].kind, NoticeKind::Licence);
}

#[test]
fn ap_contributor_line_and_dateline() {
    // dailymail.co.uk copy of an AP story.
    let a = harvested(&[
        "NEW YORK (AP) - A Republican redistricting expert advocated for adding a citizenship question.",
        BODY2,
        "Sherman reported from Washington. Associated Press writer Emery P. Dalesio in Raleigh, North Carolina, also contributed to this report.",
    ]);
    assert_eq!(
        a.paragraphs.len(),
        2,
        "dateline paragraph kept, credit removed"
    );
    let wires: Vec<(&str, &str)> = a
        .declared_sources
        .iter()
        .filter(|s| s.kind == CreditKind::Wire)
        .map(|s| (s.outlet.as_str(), s.evidence.as_str()))
        .collect();
    assert!(wires.contains(&("AP", "NEW YORK (AP) -")), "{wires:?}");
    assert!(
        wires
            .iter()
            .any(|(o, e)| *o == "AP" && e.starts_with("Associated Press writer")),
        "{wires:?}"
    );
}

#[test]
fn reuters_dateline_with_date_takes_year_from_published() {
    // dailymail.co.uk copy of a Reuters story.
    let mut article = Article {
        paragraphs: vec![
            "NEW YORK, May 30 (Reuters) - The Trump administration concealed evidence.".into(),
        ],
        published: Some(Sourced::new("2019-05-31".into(), FieldSource::Input, 1.0)),
        ..Article::default()
    };
    harvest(&mut article);
    let wire = &article.declared_sources[0];
    assert_eq!(
        (wire.outlet.as_str(), wire.date.as_deref()),
        ("Reuters", Some("2019-05-30"))
    );
}

#[test]
fn reuters_sign_off_paragraph() {
    // yahoo.com/news copy of a Reuters story.
    let a = harvested(&[
        BODY,
        "(Reporting by Brendan Pierson and Andrew Chung in New York; Additional reporting by Lawrence Hurley in Washington; Editing by Steve Orlofsky, Tom Brown and Lisa Shumaker)",
    ]);
    assert_eq!(a.paragraphs, [BODY]);
    assert_eq!(a.declared_sources[0].outlet, "Reuters");
}

#[test]
fn dash_sign_off_run_into_last_paragraph() {
    let a = harvested(&[BODY, "The ministry declined to comment. — Reuters"]);
    assert_eq!(
        a.paragraphs.last().map(String::as_str),
        Some("The ministry declined to comment.")
    );
    assert_eq!(a.declared_sources[0].kind, CreditKind::Wire);
}

#[test]
fn agency_bylines_and_labels_at_the_top() {
    // nbcnews.com ("/ Source: Associated Press") and startribune.com.
    let a = harvested(&["/ Source: Associated Press", "Associated Press", BODY]);
    assert_eq!(a.paragraphs, [BODY]);
    let kinds: Vec<(CreditKind, &str)> = a
        .declared_sources
        .iter()
        .map(|s| (s.kind, s.outlet.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (CreditKind::OriginalSource, "AP"),
            (CreditKind::Byline, "AP")
        ]
    );
}

#[test]
fn byline_field_naming_an_agency_is_a_credit() {
    let mut article = Article {
        byline: Some(Sourced::new(
            "Paul J. Weber and Geoff Mulvihill, Associated Press".into(),
            FieldSource::Visible,
            0.8,
        )),
        paragraphs: vec![BODY.into()],
        ..Article::default()
    };
    harvest(&mut article);
    assert_eq!(article.declared_sources[0].outlet, "AP");
    assert_eq!(article.declared_sources[0].kind, CreditKind::Byline);
}

#[test]
fn photo_credits_are_not_agency_credits() {
    // chicagotribune.com / bostonglobe.com captions.
    let a = harvested(&[
        BODY,
        "Immigration activists rallied outside the Supreme Court in April.(J. Scott Applewhite/Associated Press/File 2019)",
        BODY2,
    ]);
    assert!(a.declared_sources.is_empty(), "{:?}", a.declared_sources);
    // The caption is not article text either: it leaves the body, its
    // credit kept as the picture's.
    assert_eq!(a.paragraphs, [BODY, BODY2]);
    assert_eq!(
        a.image_credits,
        ["J. Scott Applewhite/Associated Press/File 2019"]
    );
}

#[test]
fn first_appeared_credit_and_creative_commons() {
    // The Conversation's republishing line; huff-post's "first appeared on".
    let a = harvested(&[
        BODY,
        "This piece first appeared on Global Risk Insights.",
        "This article is republished from [The Conversation](https://theconversation.com/x) under a Creative Commons license.",
    ]);
    assert_eq!(a.paragraphs, [BODY]);
    let outlets: Vec<&str> = a
        .declared_sources
        .iter()
        .map(|s| s.outlet.as_str())
        .collect();
    assert_eq!(outlets, ["Global Risk Insights", "The Conversation"]);
    assert_eq!(a.notices[0].kind, NoticeKind::Licence);
    assert!(
        a.links
            .contains(&"https://theconversation.com/x".to_string()),
        "credit link kept"
    );
}

#[test]
fn strong_credit_moves_even_mid_body_weak_one_does_not() {
    let a = harvested(&[
        BODY,
        "The original source of this article is Sputnik",
        "Source: NATO.",
        BODY2,
    ]);
    assert_eq!(a.paragraphs, [BODY, "Source: NATO.", BODY2]);
    assert_eq!(a.declared_sources.len(), 1);
}

#[test]
fn body_sentences_mentioning_sources_or_copyright_stay() {
    // Real body sentences from the attribution and reprints corpora.
    let body = [
        "Source familiar with the ad says the group is spending “substantial” funds to air it.",
        "Sources said over the weekend that Attorney General Loretta Lynch and her deputy would attend.",
        "Reuters reported in April that the Trump administration believed its question could help Republicans.",
        "Via legislative side doors, Sanders made some gains;",
        "The suit alleges copyright infringement dating back to 2015, the company said.",
        "He told the Associated Press (AP), “We, the Armenians, are not asking for much.”",
        "Correction, June 1, 2018: This article originally stated that Spotify had rolled back its policy.",
    ];
    let a = harvested(&body);
    assert_eq!(a.paragraphs, body);
    assert!(a.declared_sources.is_empty() && a.copyright.is_empty() && a.notices.is_empty());
}

#[test]
fn trailing_promotions_and_subscriptions() {
    // miamiherald.com / nbcnews.com / wsj.com furniture.
    let a = harvested(&[
        BODY,
        "SIGN UP",
        "Help us deliver journalism that makes a difference in our community.",
        "Our journalism takes a lot of time, effort, and hard work to produce. If you read and enjoy our journalism, please consider subscribing today.",
        "To Read the Full Story",
    ]);
    assert_eq!(a.paragraphs, [BODY]);
    let kinds: Vec<NoticeKind> = a.notices.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NoticeKind::Promotion,
            NoticeKind::Promotion,
            NoticeKind::Subscription,
            NoticeKind::Subscription
        ]
    );
    assert!(
        a.notices[2].text.starts_with("Our journalism takes"),
        "lead-in kept with its notice"
    );
}

#[test]
fn leading_sharing_and_comments() {
    let a = harvested(&[
        "Share on Facebook Share on Twitter",
        "comments",
        BODY,
        "View Comments",
    ]);
    assert_eq!(a.paragraphs, [BODY]);
    let kinds: Vec<NoticeKind> = a.notices.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NoticeKind::Sharing,
            NoticeKind::Comments,
            NoticeKind::Comments
        ]
    );
}

#[test]
fn harvest_twice_changes_nothing() {
    let mut a = harvested(&[
        "WASHINGTON (AP) — The Latest on the race.",
        BODY,
        "Copyright 2019 Reuters",
    ]);
    let once = a.clone();
    harvest(&mut a);
    assert_eq!(a, once);
}

#[test]
fn empty_and_odd_input_does_not_panic() {
    for paragraphs in [
        vec![],
        vec![""],
        vec![
            "(",
            "©",
            "— ",
            "Source:",
            "h/t",
            "(AP) —",
            "Copyright",
            "\u{0}",
        ],
        vec!["WASHINGTON, Feb. 30 (AP) — date that does not exist"],
    ] {
        let _ = harvested(&paragraphs);
    }
}

#[test]
fn an_agency_name_alone_mid_page_is_a_byline_credit() {
    // spotify:16361 (Miami Herald's AP copy): the byline line stands after
    // photo captions and the headline, in the middle of the scraped page.
    let a = harvested(&[
        "In this June 30, 2013 file photo, R. Kelly performs at the BET Awards in Los Angeles.",
        "Spotify CEO says anti-hate policy was rolled out incorrectly",
        "The Associated Press",
        BODY,
        BODY2,
    ]);
    assert!(
        !a.paragraphs.iter().any(|p| p == "The Associated Press"),
        "{:?}",
        a.paragraphs
    );
    assert!(
        a.declared_sources.iter().any(|s| s.outlet == "AP"),
        "{:?}",
        a.declared_sources
    );
}

#[test]
fn a_dateline_after_timestamp_lines_is_found() {
    // census:12769 (Houston Chronicle's AP copy): "Updated" and a time stamp
    // stand before the lede.
    let a = harvested(&[
        "Updated",
        "1:52 pm CDT, Friday, May 31, 2019",
        "AUSTIN, Texas (AP) — Computer files discovered in the home of a Republican operative who died last year contain a blueprint.",
        BODY,
    ]);
    assert!(
        a.declared_sources
            .iter()
            .any(|s| s.outlet == "AP" && s.kind == CreditKind::Wire),
        "{:?}",
        a.declared_sources
    );
}
