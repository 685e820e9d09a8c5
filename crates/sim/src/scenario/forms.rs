//! The words of credit lines and their look-alikes, as real pages print
//! them, and the credit behaviours copies draw.
//!
//! Where the forms come from (public pages and republishing guidelines,
//! not reprint's extractor):
//! - republishing programmes: The Conversation ("This article is
//!   republished from X under a Creative Commons license. Read the original
//!   article."), ProPublica and KFF Health News ("This story was originally
//!   published by X", "This article was reprinted from …"), Global Voices
//!   ("This post originally appeared on X"), Creative Commons notices;
//! - wire copy on news sites (the 182 hand-checked pages and the
//!   AEB pages in `../shared/data`): datelines "CITY (AP) —", "CITY, Jan 17
//!   (Reuters) -", "NEW DELHI, JAN 17 (PTI) —", "_" and "―" dashes, no dash
//!   at all; bylines "By NAME, Associated Press Writer", "NAMES / AP", "By
//!   NAME AP National Security Writer", "Posted 5:57 am, July 16, 2018, by
//!   Associated Press", "Reuters - December 30, 2007", a name and agency run
//!   together; sign-offs "— AFP", "- Sapa"; "With files from the Canadian
//!   Press", "Brought to you by REUTERS", "Article from: Agence
//!   France-Presse", "Source: The Associated Press", "X contributed to this
//!   report"; copyright lines "Copyright 2008 The Associated Press. All
//!   rights reserved.", "© AAP";
//! - photo credits that are not text credits: "(AP Photo/NAME)", "Photo:
//!   NAME, AP", "NAME / AFP / Getty Images", "REUTERS/NAME"; Reuters'
//!   "(Reporting by …; Editing by …)", which does not name Reuters.

use super::marks::{Form, LinkTo, Mark, Place, Seg};
use super::outlets::{WireService, WIRE_SERVICES};
use super::MONTHS;
use crate::rng::Rng;
use crate::scenario::people::{PHOTOGRAPHERS, REPORTERS};

/// The page a copy credits: an outlet, its article's address and home page.
#[derive(Debug, Clone)]
pub struct Credited {
    /// The outlet's truth name (a site's name, a wire's short name).
    pub outlet: String,
    /// How copies print its name.
    pub display: String,
    pub url: Option<String>,
    pub home: Option<String>,
    /// The outlet's site address, for credits that print it.
    pub host: Option<String>,
    /// The wire service, when it is one.
    pub wire: Option<WireService>,
}

fn t(s: impl Into<String>) -> Seg {
    Seg::Text(s.into())
}

fn link(text: impl Into<String>, href: &str) -> Seg {
    Seg::Link {
        text: text.into(),
        href: href.to_string(),
    }
}

/// A mark builder: words plus where they refer and sit.
fn mark(src: &Credited, form: Form, place: Place, text: Vec<Seg>) -> Mark {
    let hrefs: Vec<&String> = text
        .iter()
        .filter_map(|s| match s {
            Seg::Link { href, .. } => Some(href),
            Seg::Text(_) => None,
        })
        .collect();
    let link = if hrefs.iter().any(|h| Some(*h) == src.url.as_ref()) {
        Some(LinkTo::Article)
    } else if hrefs.is_empty() {
        None
    } else {
        Some(LinkTo::Home)
    };
    Mark {
        refers_to: src.outlet.clone(),
        form,
        place,
        text,
        named: true,
        link,
        keeps_copyright: form == Form::Copyright,
        tight: false,
    }
}

/// The name as a copy prints it: plain, or a link to `to` when given.
fn name_seg(src: &Credited, to: Option<LinkTo>) -> Seg {
    match (to, &src.url, &src.home) {
        (Some(LinkTo::Article), Some(u), _) => link(src.display.clone(), u),
        (Some(LinkTo::Home), _, Some(h)) => link(src.display.clone(), h),
        _ => t(src.display.clone()),
    }
}

/// How a copy shows a site's name: as the site calls itself, with "the",
/// or by its address.
pub fn display_name(rng: &mut Rng, name: &str, host: &str) -> String {
    match rng.below(10) {
        0 => host.to_string(),
        1 | 2 if !name.starts_with("The ") => format!("the {name}"),
        _ => name.to_string(),
    }
}

/// A name without the "the " a sentence gave it (copyright lines print
/// the holder's own name).
fn bare(display: &str) -> &str {
    display.strip_prefix("the ").unwrap_or(display)
}

/// Places each site-credit form is printed in.
fn site_places(form: Form) -> &'static [Place] {
    match form {
        Form::CreditLine => &[
            Place::BoxBefore,
            Place::BoxAfter,
            Place::Dek,
            Place::Aside,
            Place::LastParagraph,
            Place::ArticleFooter,
        ],
        Form::FirstAppeared => &[
            Place::BoxBefore,
            Place::BoxAfter,
            Place::LastParagraph,
            Place::Aside,
            Place::Dek,
        ],
        Form::ReadOriginal => &[Place::BoxAfter, Place::LastParagraph, Place::ArticleFooter],
        Form::Republished | Form::CcNotice => &[
            Place::BoxBefore,
            Place::BoxAfter,
            Place::Aside,
            Place::ArticleFooter,
        ],
        Form::Contributed | Form::WithFiles => {
            &[Place::LastParagraph, Place::BoxAfter, Place::EndOfBody]
        }
        Form::SourceLine => &[
            Place::BoxAfter,
            Place::LastParagraph,
            Place::ArticleFooter,
            Place::BoxBefore,
            Place::Dek,
        ],
        Form::Via => &[
            Place::BoxAfter,
            Place::EndOfBody,
            Place::BesideByline,
            Place::Dek,
        ],
        Form::Byline => &[Place::Byline, Place::BesideByline],
        Form::Copyright => &[Place::ArticleFooter, Place::BoxAfter, Place::LastParagraph],
        Form::BareLink => &[
            Place::BoxAfter,
            Place::LastParagraph,
            Place::BoxBefore,
            Place::ArticleFooter,
        ],
        _ => &[Place::BoxAfter],
    }
}

/// A credit line of `form` for a site's page, at `place`, linked to `to`.
fn site_form(
    rng: &mut Rng,
    src: &Credited,
    form: Form,
    place: Place,
    to: Option<LinkTo>,
    year: i64,
    author: &str,
) -> Mark {
    let n = || name_seg(src, to);
    let url = src.url.clone().unwrap_or_default();
    let text: Vec<Seg> = match form {
        Form::CreditLine => match rng.below(9) {
            0 => vec![t("This article was originally published by "), n(), t(".")],
            1 => vec![t("This story originally appeared in "), n(), t(".")],
            2 => vec![t("Article from: "), n()],
            3 => vec![t("Credit: "), n()],
            4 => vec![t("Brought to you by "), n()],
            5 => vec![t("Originally published at "), n(), t(".")],
            6 => vec![
                t("This post originally appeared on "),
                n(),
                t(". Reprinted with permission."),
            ],
            7 => vec![
                t("The original version of this story was published by "),
                n(),
                t("."),
            ],
            _ => vec![
                t("This story was first published by "),
                n(),
                t(" and is republished with permission."),
            ],
        },
        Form::FirstAppeared => match rng.below(3) {
            0 => vec![t("This article first appeared in "), n(), t(".")],
            1 => vec![
                t("This article first appeared on "),
                n(),
                t(" and is republished here with permission."),
            ],
            _ => vec![t("A version of this story first appeared in "), n(), t(".")],
        },
        Form::ReadOriginal => {
            if to.is_some() && rng.chance(0.4) {
                // The link names nothing: "Read the original article."
                let mut m = mark(
                    src,
                    form,
                    place,
                    vec![t("Read the "), link("original article", &url), t(".")],
                );
                m.named = false;
                return m;
            }
            match rng.below(2) {
                0 => vec![t("Read the original at "), n(), t(".")],
                _ => vec![t("Read the original article at "), n(), t(".")],
            }
        }
        Form::Republished => {
            let mut m = match (to, rng.below(2)) {
                (Some(_), 0) => mark(
                    src,
                    form,
                    place,
                    vec![
                        t(format!("Republished from {} (", src.display)),
                        name_link_text(src, to, "link"),
                        t(format!("). © {year} {}.", bare(&src.display))),
                    ],
                ),
                _ => mark(
                    src,
                    form,
                    place,
                    vec![
                        t("Republished with permission from "),
                        n(),
                        t(format!(". © {year} {}.", bare(&src.display))),
                    ],
                ),
            };
            m.keeps_copyright = true;
            return m;
        }
        Form::CcNotice => match (rng.below(3), &src.home) {
            (0, Some(home)) => vec![
                t("This article is republished from "),
                link(src.display.clone(), home),
                t(" under a Creative Commons license. Read the "),
                link("original article", &url),
                t("."),
            ],
            (1, _) => vec![
                t("This story was produced by "),
                n(),
                t(" and is republished here under a Creative Commons license."),
            ],
            _ => vec![
                t("This work is licensed under CC BY-ND 4.0. It was originally published by "),
                n(),
                t("."),
            ],
        },
        Form::Contributed => vec![n(), t(" contributed to this report.")],
        Form::WithFiles => vec![t("With files from "), n()],
        Form::SourceLine => match rng.below(2) {
            0 => vec![t("Source: "), n()],
            _ => vec![t("SOURCE: "), n()],
        },
        Form::Via => match rng.below(3) {
            0 => vec![t("(via "), n(), t(")")],
            1 => vec![t("via "), n()],
            _ => vec![t("Via: "), n()],
        },
        Form::Byline if place == Place::BesideByline => match rng.below(3) {
            0 => vec![n()],
            1 => vec![t("for "), n()],
            _ => vec![t("("), n(), t(")")],
        },
        Form::Byline => match rng.below(6) {
            0 => vec![t(format!("By {author}, ")), n()],
            1 => vec![t(format!("{author} | ")), n()],
            2 => vec![t(format!("By {author} for ")), n()],
            3 => vec![t("By "), n()],
            4 => vec![n(), t(" Staff")],
            _ => {
                let mut m = mark(src, form, place, vec![t(format!("By {author}")), n()]);
                m.tight = true;
                return m;
            }
        },
        Form::Copyright => {
            let name = bare(&src.display);
            match rng.below(4) {
                0 => vec![t(format!("© {year} {name}. All rights reserved."))],
                1 => vec![t(format!("Copyright {year} {name}"))],
                2 => vec![t(format!("© {name}"))],
                _ => vec![t(format!("Copyright © {name}, {year}"))],
            }
        }
        Form::BareLink => match (rng.below(3), to) {
            (0, Some(_)) => vec![link(url.clone(), &url)],
            (1, Some(_)) => vec![t("Original: "), link(url.clone(), &url)],
            // An address in the text, not an active link.
            _ => {
                let mut m = mark(src, form, place, vec![t(format!("Source URL: {url}"))]);
                m.link = None;
                return m;
            }
        },
        Form::HatTip => vec![t("h/t "), n()],
        Form::TextMention => match rng.below(3) {
            0 => vec![t("The story was first reported by "), n(), t(".")],
            1 => vec![n(), t(" first reported the story.")],
            _ => vec![t("This report draws on reporting by "), n(), t(".")],
        },
        _ => vec![n()],
    };
    mark(src, form, place, house_style(rng, form, text))
}

/// A site's way of setting a credit line: as written, in capitals
/// ("SOURCE: THE ASSOCIATED PRESS"), or after an "Editor's note:".
fn house_style(rng: &mut Rng, form: Form, mut text: Vec<Seg>) -> Vec<Seg> {
    if matches!(form, Form::Byline | Form::TextMention | Form::Copyright) {
        return text;
    }
    match rng.below(10) {
        0 => {
            for seg in &mut text {
                match seg {
                    Seg::Text(t) => *t = t.to_uppercase(),
                    Seg::Link { text, .. } => *text = text.to_uppercase(),
                }
            }
            text
        }
        1 => {
            text.insert(0, t("Editor's note: "));
            text
        }
        _ => text,
    }
}

/// A link whose text is `text`, to the article (or home page) `to` names.
fn name_link_text(src: &Credited, to: Option<LinkTo>, text: &str) -> Seg {
    match (to, &src.url, &src.home) {
        (Some(LinkTo::Home), _, Some(h)) => link(text, h),
        (_, Some(u), _) => link(text, u),
        _ => t(text),
    }
}

/// Forms a site's copy credits its source with, by weight.
const SITE_FORMS: &[(Form, u32)] = &[
    (Form::CreditLine, 22),
    (Form::FirstAppeared, 10),
    (Form::ReadOriginal, 6),
    (Form::Republished, 8),
    (Form::CcNotice, 7),
    (Form::Contributed, 4),
    (Form::WithFiles, 3),
    (Form::SourceLine, 8),
    (Form::Via, 6),
    (Form::Byline, 12),
    (Form::Copyright, 5),
    (Form::BareLink, 5),
];

/// Forms that carry a link naturally.
fn linkable(form: Form) -> bool {
    matches!(
        form,
        Form::CreditLine
            | Form::FirstAppeared
            | Form::ReadOriginal
            | Form::Republished
            | Form::CcNotice
            | Form::SourceLine
            | Form::Via
            | Form::BareLink
            | Form::HatTip
    )
}

/// How a copy credits a web page it took: nothing, a weak mention, or one
/// or two credit forms, each in one of its places, maybe linked, maybe with
/// the copyright line. Licensees mostly run the text without credit.
pub fn site_credit(
    rng: &mut Rng,
    src: &Credited,
    licensee: bool,
    year: i64,
    author: &str,
) -> Vec<Mark> {
    if licensee && rng.chance(0.6) {
        return Vec::new();
    }
    let r = rng.below(100);
    if r < 26 {
        return Vec::new();
    }
    if r < 36 {
        let form = if rng.chance(0.6) {
            Form::TextMention
        } else {
            Form::HatTip
        };
        let place = if form == Form::TextMention {
            Place::RunningText
        } else {
            *rng.pick(&[Place::BoxAfter, Place::EndOfBody, Place::LastParagraph])
        };
        let to = (form == Form::HatTip && rng.chance(0.3)).then_some(LinkTo::Article);
        return vec![site_form(rng, src, form, place, to, year, author)];
    }
    let mut marks = Vec::new();
    let forms: Vec<u32> = SITE_FORMS.iter().map(|f| f.1).collect();
    let first = SITE_FORMS[rng.weighted(&forms)].0;
    let mut chosen = vec![first];
    if rng.chance(0.2) {
        let second = SITE_FORMS[rng.weighted(&forms)].0;
        if second != first {
            chosen.push(second);
        }
    }
    for form in chosen {
        let place = *rng.pick(site_places(form));
        let to = (linkable(form) && rng.chance(0.65)).then(|| {
            if rng.chance(0.8) {
                LinkTo::Article
            } else {
                LinkTo::Home
            }
        });
        // A byline already placed takes the other byline place.
        let place = if marks.iter().any(|m: &Mark| m.place == place)
            && matches!(place, Place::Byline | Place::BesideByline)
        {
            Place::BoxAfter
        } else {
            place
        };
        let form = if form == Form::Byline && place == Place::BoxAfter {
            Form::CreditLine
        } else {
            form
        };
        marks.push(site_form(rng, src, form, place, to, year, author));
    }
    if rng.chance(0.1) && src.url.is_some() {
        let place = marks.last().map(|m| m.place).unwrap_or(Place::BoxAfter);
        let place = if matches!(place, Place::Byline | Place::BesideByline | Place::Dek) {
            Place::BoxAfter
        } else {
            place
        };
        let mut m = mark(
            src,
            Form::ReadOriginal,
            place,
            vec![
                t("Read the "),
                link("original article", src.url.as_deref().unwrap_or("")),
                t("."),
            ],
        );
        m.named = false;
        marks.push(m);
    }
    if rng.chance(0.35) && !marks.iter().any(|m| m.keeps_copyright) {
        let place = *rng.pick(site_places(Form::Copyright));
        marks.push(site_form(
            rng,
            src,
            Form::Copyright,
            place,
            None,
            year,
            author,
        ));
    }
    marks
}

/// A wire's dateline at the start of the body ("WASHINGTON (AP) — "),
/// in the first paragraph or, below a repeated headline, the second.
fn dateline(rng: &mut Rng, src: &Credited, w: &WireService, at: i64) -> Mark {
    let city = *rng.pick(w.cities);
    let dash = *rng.pick(&["—", "—", "--", "-", "_", "―", "–"]);
    let (_, m, d) = super::civil(at);
    let mark_text = if w.dated_dateline {
        let month = if w.short == "PTI" || rng.chance(0.3) {
            MONTHS[m][..3].to_uppercase()
        } else {
            MONTHS[m][..3].to_string()
        };
        format!("{city}, {month} {d} ({}) {dash} ", w.dateline_mark)
    } else if rng.chance(0.12) {
        // "WASHINGTON (AP) Congress…": no dash.
        format!("{city} ({}) ", w.dateline_mark)
    } else {
        format!("{city} ({}) {dash} ", w.dateline_mark)
    };
    let place = if rng.chance(0.3) {
        Place::SecondParagraph
    } else {
        Place::FirstParagraph
    };
    mark(src, Form::Dateline, place, vec![t(mark_text)])
}

fn wire_byline(rng: &mut Rng, src: &Credited, w: &WireService, at: i64) -> Mark {
    let r1 = *rng.pick(REPORTERS);
    let full = w.names[0];
    let short = w.short;
    let (y, m, d) = super::civil(at);
    let text = match rng.below(10) {
        0 => format!("By {r1}, {full}"),
        1 => format!("By {r1}, {full} Writer"),
        2 => format!("By {r1}      {full}"),
        3 => format!("{r1} / {short}"),
        4 => format!("By {r1} {short} National Security Writer"),
        5 => format!(
            "Posted {}:{:02} am, {} {d}, {y}, by {full}",
            1 + rng.below(11),
            rng.below(60),
            MONTHS[m]
        ),
        6 => format!("By {short}"),
        7 => format!("{full} - {} {d}, {y}", MONTHS[m]),
        8 => format!("By {r1} | {short}"),
        _ => {
            let mut mk = mark(
                src,
                Form::Byline,
                Place::Byline,
                vec![t(format!("By {r1}")), t(full)],
            );
            mk.tight = true;
            return mk;
        }
    };
    mark(src, Form::Byline, Place::Byline, vec![t(text)])
}

fn wire_line(rng: &mut Rng, src: &Credited, w: &WireService, form: Form, year: i64) -> Mark {
    let full = w.names[0];
    let short = w.short;
    let (text, place) = match form {
        Form::SignOff => (
            rng.pick(&["— {s}", "- {s}", "({s})", "—{s}"]).replace("{s}", short),
            if rng.chance(0.6) {
                Place::EndOfBody
            } else {
                Place::LastParagraph
            },
        ),
        Form::CreditLine => (
            match rng.below(5) {
                0 => format!("Credit: {full}"),
                1 => format!("Brought to you by {}", short.to_uppercase()),
                2 => format!("Article from: {full}"),
                3 => format!("This story was provided by {short}."),
                _ => format!("Material from {full} was used in this report."),
            },
            *rng.pick(&[Place::BoxBefore, Place::BoxAfter, Place::LastParagraph]),
        ),
        Form::SourceLine => (
            format!("Source: {full}"),
            *rng.pick(&[Place::BoxAfter, Place::LastParagraph, Place::ArticleFooter]),
        ),
        Form::WithFiles => (format!("With files from {full}"), Place::LastParagraph),
        Form::Contributed => (
            if rng.chance(0.5) {
                format!("{full} contributed to this report.")
            } else {
                format!(
                    "{full} writers {} and {} contributed to this report.",
                    rng.pick(REPORTERS),
                    rng.pick(PHOTOGRAPHERS)
                )
            },
            *rng.pick(&[Place::LastParagraph, Place::EndOfBody]),
        ),
        Form::Copyright => (
            match rng.below(5) {
                0 => format!("Copyright {year} {full}. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."),
                1 => format!("© Copyright {year} {full}. All rights reserved."),
                2 => format!("© {short} {year}"),
                3 => format!("Copyright © {year} {full}"),
                _ => format!("(c) {year} {full}"),
            },
            *rng.pick(&[Place::ArticleFooter, Place::LastParagraph, Place::BoxAfter]),
        ),
        Form::TextMention => (
            format!("The news was first reported by {full}."),
            Place::RunningText,
        ),
        _ => (format!("h/t {full}"), Place::BoxAfter),
    };
    mark(src, form, place, vec![t(text)])
}

/// Forms a wire copy credits the wire with, by weight.
const WIRE_FORMS: &[(Form, u32)] = &[
    (Form::Dateline, 35),
    (Form::Byline, 20),
    (Form::SignOff, 10),
    (Form::CreditLine, 10),
    (Form::SourceLine, 5),
    (Form::WithFiles, 4),
    (Form::Contributed, 6),
    (Form::Copyright, 10),
];

/// How a copy credits a wire story: nothing, a weak mention, or one or two
/// of the wire's forms. Licensees mostly run it without credit.
pub fn wire_credit(rng: &mut Rng, src: &Credited, licensee: bool, at: i64, year: i64) -> Vec<Mark> {
    let Some(w) = src.wire else {
        return Vec::new();
    };
    if licensee && rng.chance(0.6) {
        return Vec::new();
    }
    let r = rng.below(100);
    if r < 28 {
        return Vec::new();
    }
    if r < 38 {
        let form = if rng.chance(0.7) {
            Form::TextMention
        } else {
            Form::HatTip
        };
        return vec![wire_line(rng, src, &w, form, year)];
    }
    let weights: Vec<u32> = WIRE_FORMS.iter().map(|f| f.1).collect();
    let first = WIRE_FORMS[rng.weighted(&weights)].0;
    let mut forms = vec![first];
    if rng.chance(0.35) {
        let second = WIRE_FORMS[rng.weighted(&weights)].0;
        if second != first {
            forms.push(second);
        }
    }
    forms
        .into_iter()
        .map(|f| match f {
            Form::Dateline => dateline(rng, src, &w, at),
            Form::Byline => wire_byline(rng, src, &w, at),
            other => wire_line(rng, src, &w, other, year),
        })
        .collect()
}

/// A photo, video or graphic credit naming `outlet` (a wire or a site):
/// never credit for the text, whoever it names.
pub fn photo_credit(rng: &mut Rng, src: &Credited) -> Mark {
    let p = *rng.pick(PHOTOGRAPHERS);
    let text = match src.wire.map(|w| w.short) {
        Some("AP") => match rng.below(4) {
            0 => format!("(AP Photo/{p})"),
            1 => format!("Photo: {p}, AP"),
            2 => format!("(AP Video/{p})"),
            _ => format!("(AP Photo/{p}, File)"),
        },
        Some("AFP") => match rng.below(2) {
            0 => format!("{p} / AFP / Getty Images"),
            _ => format!("AFP PHOTO / {p}"),
        },
        Some("Reuters") => match rng.below(3) {
            0 => format!("REUTERS/{p}"),
            1 => "Video: Reuters".to_string(),
            _ => format!("Photo by {p}/Reuters"),
        },
        Some(short) => match rng.below(2) {
            0 => format!("({short} Photo)"),
            _ => format!("Photo: {p}, {short}"),
        },
        None => match rng.below(4) {
            0 => format!("Photo: {p} / {}", src.display),
            1 => format!("({} photo/{p})", src.display),
            2 => format!("Graphic: {} staff", src.display),
            _ => format!("{p} | {}", src.display),
        },
    };
    mark(src, Form::PhotoCredit, Place::Caption, vec![t(text)])
}

/// Site chrome naming an outlet: a sidebar box "More from X" linking to
/// its home page. Not credit.
pub fn chrome_mention(src: &Credited) -> Option<Mark> {
    let home = src.home.as_ref()?;
    Some(mark(
        src,
        Form::ChromeMention,
        Place::Sidebar,
        vec![t("More from "), link(src.display.clone(), home)],
    ))
}

/// Reuters' sign-off, which names its reporters and editors but not Reuters.
pub fn unnamed_sign_off(rng: &mut Rng, src: &Credited) -> Mark {
    let mut m = mark(
        src,
        Form::UnnamedSignOff,
        Place::LastParagraph,
        vec![t(format!(
            "(Reporting by {}; Editing by {})",
            rng.pick(REPORTERS),
            rng.pick(REPORTERS)
        ))],
    );
    m.named = false;
    m
}

/// The wire services by how often their copy runs.
pub fn pick_wire(rng: &mut Rng) -> WireService {
    let weights = [30, 20, 15, 6, 5, 6, 5, 5, 4];
    WIRE_SERVICES[rng.weighted(&weights[..WIRE_SERVICES.len()])]
}

/// True when `text` names the wire anywhere (as a whole word): such a text
/// cannot stand for that wire's story, or every copy would "mention" it.
pub fn names_wire(text: &str, w: &WireService) -> bool {
    w.names.iter().chain(std::iter::once(&w.short)).any(|name| {
        text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}
