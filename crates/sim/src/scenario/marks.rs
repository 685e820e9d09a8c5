//! What a page says about where its text came from, and the verdict a
//! careful reader draws from it.
//!
//! A [`Mark`] is one credit line, byline, dateline, sign-off, copyright
//! line, link or mention — or a look-alike that is *not* credit for the text
//! (a photo credit, site chrome naming an outlet, a wire sign-off without
//! the wire's name) — with the outlet it refers to and where on the page it
//! sits. The layout renders each mark where it says; the truth is computed
//! from the marks alone ([`credit_verdict`]), so what the page shows and
//! what the truth says cannot drift apart.

use super::{Licence, OwnTerms, TruthCredit};

/// A piece of a mark's text: words, or a hyperlink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Text(String),
    Link { text: String, href: String },
}

impl Seg {
    /// The words a reader sees.
    pub fn text(&self) -> &str {
        match self {
            Seg::Text(t) => t,
            Seg::Link { text, .. } => text,
        }
    }
}

/// What a mark's words are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// "This article was originally published by X", "Article from: X",
    /// "Credit: X", "Brought to you by X", "This post originally appeared on X".
    CreditLine,
    /// "This article first appeared in X".
    FirstAppeared,
    /// "Read the original at X" / "Read the original article" (a link).
    ReadOriginal,
    /// "Republished from X (link). © 2016 X."
    Republished,
    /// A Creative Commons republication notice naming the source.
    CcNotice,
    /// "X contributed to this report."
    Contributed,
    /// "With files from X".
    WithFiles,
    /// "Source: X".
    SourceLine,
    /// "via X".
    Via,
    /// A byline naming the outlet ("By NAME, Associated Press").
    Byline,
    /// A wire dateline ("WASHINGTON (AP) —").
    Dateline,
    /// A wire sign-off ("— AFP", "- Sapa").
    SignOff,
    /// The article's copyright line ("© 2016 X. All rights reserved.").
    Copyright,
    /// A link whose visible text is the original's address.
    BareLink,
    /// "h/t X": a tip, not a credit for the text (weak).
    HatTip,
    /// The outlet named in a sentence of the running text (weak).
    TextMention,
    /// A photo, video or graphic credit: never credit for the text.
    PhotoCredit,
    /// Site chrome naming an outlet ("More from X" in a sidebar): not credit.
    ChromeMention,
    /// A wire's sign-off without its name ("(Reporting by …; Editing by …)").
    UnnamedSignOff,
}

impl Form {
    /// Every form, for diversity checks.
    pub const ALL: [Form; 19] = [
        Form::CreditLine,
        Form::FirstAppeared,
        Form::ReadOriginal,
        Form::Republished,
        Form::CcNotice,
        Form::Contributed,
        Form::WithFiles,
        Form::SourceLine,
        Form::Via,
        Form::Byline,
        Form::Dateline,
        Form::SignOff,
        Form::Copyright,
        Form::BareLink,
        Form::HatTip,
        Form::TextMention,
        Form::PhotoCredit,
        Form::ChromeMention,
        Form::UnnamedSignOff,
    ];

    /// A form that credits the text to the outlet it names or links.
    pub fn is_credit(self) -> bool {
        !self.is_weak() && !self.is_not_credit()
    }

    /// A form that names the outlet without crediting it with the text:
    /// a reader cannot call the copy uncredited, nor fully credited.
    pub fn is_weak(self) -> bool {
        matches!(self, Form::HatTip | Form::TextMention)
    }

    /// A look-alike: names an outlet, credits nothing.
    pub fn is_not_credit(self) -> bool {
        matches!(
            self,
            Form::PhotoCredit | Form::ChromeMention | Form::UnnamedSignOff
        )
    }

    /// Kebab-case name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Form::CreditLine => "credit-line",
            Form::FirstAppeared => "first-appeared",
            Form::ReadOriginal => "read-original",
            Form::Republished => "republished-from",
            Form::CcNotice => "cc-notice",
            Form::Contributed => "contributed",
            Form::WithFiles => "with-files-from",
            Form::SourceLine => "source-line",
            Form::Via => "via",
            Form::Byline => "byline",
            Form::Dateline => "dateline",
            Form::SignOff => "sign-off",
            Form::Copyright => "copyright-line",
            Form::BareLink => "bare-link",
            Form::HatTip => "hat-tip",
            Form::TextMention => "text-mention",
            Form::PhotoCredit => "photo-credit",
            Form::ChromeMention => "chrome-mention",
            Form::UnnamedSignOff => "unnamed-sign-off",
        }
    }
}

/// Where on the page a mark sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// A box or paragraph just above the body.
    BoxBefore,
    /// A box or paragraph just below the body.
    BoxAfter,
    /// The article header's dek (standfirst) under the headline.
    Dek,
    /// Beside the byline ("By NAME | X").
    BesideByline,
    /// The byline itself.
    Byline,
    /// At the start of the body's first paragraph (a dateline).
    FirstParagraph,
    /// At the start of the body's second paragraph: the body repeats the
    /// headline first, as many wire pages do.
    SecondParagraph,
    /// At the end of the body's last paragraph (a sign-off).
    EndOfBody,
    /// A paragraph of its own, the body's last.
    LastParagraph,
    /// An aside attached to the article.
    Aside,
    /// The article's own footer (copyright line, notices).
    ArticleFooter,
    /// A sentence of the running text.
    RunningText,
    /// A photo caption.
    Caption,
    /// A sidebar of the site: chrome, not the article.
    Sidebar,
}

impl Place {
    /// Every place, for diversity checks.
    pub const ALL: [Place; 14] = [
        Place::BoxBefore,
        Place::BoxAfter,
        Place::Dek,
        Place::BesideByline,
        Place::Byline,
        Place::FirstParagraph,
        Place::SecondParagraph,
        Place::EndOfBody,
        Place::LastParagraph,
        Place::Aside,
        Place::ArticleFooter,
        Place::RunningText,
        Place::Caption,
        Place::Sidebar,
    ];

    /// Inside the article region (header, body, boxes, asides and footer
    /// attached to the article), where a credit counts.
    pub fn in_article_region(self) -> bool {
        self != Place::Sidebar
    }

    /// Kebab-case name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Place::BoxBefore => "box-before-body",
            Place::BoxAfter => "box-after-body",
            Place::Dek => "dek",
            Place::BesideByline => "beside-byline",
            Place::Byline => "byline",
            Place::FirstParagraph => "first-paragraph",
            Place::SecondParagraph => "second-paragraph",
            Place::EndOfBody => "end-of-body",
            Place::LastParagraph => "last-paragraph",
            Place::Aside => "aside",
            Place::ArticleFooter => "article-footer",
            Place::RunningText => "running-text",
            Place::Caption => "caption",
            Place::Sidebar => "sidebar",
        }
    }
}

/// What a mark's hyperlink points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTo {
    /// The original article's address.
    Article,
    /// The outlet's home page.
    Home,
}

/// One credit line or look-alike on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The simulated outlet it refers to (a site's name, a wire's short name).
    pub refers_to: String,
    pub form: Form,
    pub place: Place,
    /// Its words, with any hyperlink.
    pub text: Vec<Seg>,
    /// The words name the outlet (or show its address); "Read the original
    /// article" as a link does not.
    pub named: bool,
    pub link: Option<LinkTo>,
    /// It keeps the outlet's copyright line.
    pub keeps_copyright: bool,
    /// Its pieces are printed without spaces between them (a byline whose
    /// name and agency sit in adjacent elements: "…IsachenkovAssociated Press").
    pub tight: bool,
}

impl Mark {
    /// A mark of plain words.
    pub fn words(refers_to: &str, form: Form, place: Place, text: &str) -> Mark {
        Mark {
            refers_to: refers_to.to_string(),
            form,
            place,
            text: vec![Seg::Text(text.to_string())],
            named: true,
            link: None,
            keeps_copyright: form == Form::Copyright,
            tight: false,
        }
    }

    /// The words as a reader sees them.
    pub fn plain(&self) -> String {
        self.text.iter().map(Seg::text).collect()
    }

    /// One line for reports: form, place, words, link.
    pub fn describe(&self) -> String {
        let link = match self.link {
            Some(LinkTo::Article) => ", linked to the article",
            Some(LinkTo::Home) => ", linked to the home page",
            None => "",
        };
        format!(
            "{} in {}: \"{}\"{link}",
            self.form.name(),
            self.place.name(),
            self.plain()
        )
    }
}

/// What a copy's page gives an outlet, read off its marks: only marks in
/// the article region count, and only credit forms credit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CreditFound {
    pub named: bool,
    pub linked_article: bool,
    pub linked_home: bool,
    pub weak: bool,
    pub copyright: bool,
}

impl CreditFound {
    /// Reads the marks referring to `outlet`.
    pub fn of(marks: &[Mark], outlet: &str) -> CreditFound {
        let mut found = CreditFound::default();
        for m in marks
            .iter()
            .filter(|m| m.refers_to == outlet && m.place.in_article_region())
        {
            if m.form.is_credit() {
                found.named |= m.named;
                found.linked_article |= m.link == Some(LinkTo::Article);
                found.linked_home |= m.link == Some(LinkTo::Home);
                found.copyright |= m.keeps_copyright;
            } else if m.form.is_weak() {
                found.weak |= m.named;
            }
        }
        found
    }

    /// Anything at all a reader could call credit.
    pub fn any(&self) -> bool {
        self.named || self.linked_article || self.linked_home || self.weak
    }
}

/// How the copy's body relates to the source's terms on changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edits {
    /// The body text was changed (not only the headline or a kicker).
    pub body_changed: bool,
    /// The copy says it changed the text ("edited for length").
    pub changes_noted: bool,
}

/// The verdict on a copy's credit to `outlet`, from its marks.
///
/// - Nothing in the article region names or links the outlet: uncredited.
/// - A wire (`web` false) asks for its name in a credit form.
/// - A web original asks for its name and a link (to the article or the
///   home page), and whatever its terms add: the copyright line and a link
///   to the article itself (cross-posting terms), changes indicated (CC BY),
///   no changes (CC BY-ND, "not edited"), a link to the article ("active
///   hyperlink to the original"), the copyright notice kept.
/// - Some credit but a requirement unmet: partial.
pub fn credit_verdict(
    marks: &[Mark],
    outlet: &str,
    web: bool,
    licence: Licence,
    edits: Edits,
) -> TruthCredit {
    let found = CreditFound::of(marks, outlet);
    if !found.any() {
        return TruthCredit::Uncredited;
    }
    let linked = found.linked_article || found.linked_home;
    let met = if web {
        found.named
            && linked
            && match licence {
                Licence::None => true,
                Licence::CrossPost => found.copyright && found.linked_article,
                Licence::CcBy => !edits.body_changed || edits.changes_noted,
                Licence::CcByNd | Licence::Own(OwnTerms::NoEdits) => !edits.body_changed,
                Licence::Own(OwnTerms::LinkToOriginal) => found.linked_article,
                Licence::Own(OwnTerms::KeepCopyright) => found.copyright,
            }
    } else {
        found.named
    };
    if met {
        TruthCredit::Credited
    } else {
        TruthCredit::Partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_EDITS: Edits = Edits {
        body_changed: false,
        changes_noted: false,
    };

    fn linked(form: Form, place: Place, to: LinkTo) -> Mark {
        Mark {
            link: Some(to),
            ..Mark::words("Valley Herald", form, place, "Valley Herald")
        }
    }

    #[test]
    fn photo_credits_and_chrome_never_credit_the_text() {
        let marks = vec![
            Mark::words(
                "Valley Herald",
                Form::PhotoCredit,
                Place::Caption,
                "Photo: Ann Lee / Valley Herald",
            ),
            linked(Form::CreditLine, Place::Sidebar, LinkTo::Home),
        ];
        assert_eq!(
            credit_verdict(&marks, "Valley Herald", true, Licence::None, NO_EDITS),
            TruthCredit::Uncredited
        );
    }

    #[test]
    fn a_web_original_wants_its_name_and_a_link() {
        let name = Mark::words(
            "Valley Herald",
            Form::FirstAppeared,
            Place::BoxAfter,
            "This article first appeared in Valley Herald.",
        );
        let verdict = |marks: &[Mark], licence| {
            credit_verdict(marks, "Valley Herald", true, licence, NO_EDITS)
        };
        assert_eq!(
            verdict(std::slice::from_ref(&name), Licence::None),
            TruthCredit::Partial
        );
        let both = [
            name.clone(),
            linked(Form::ReadOriginal, Place::BoxAfter, LinkTo::Home),
        ];
        assert_eq!(verdict(&both, Licence::None), TruthCredit::Credited);
        // An active hyperlink to the original is a link to the article.
        assert_eq!(
            verdict(&both, Licence::Own(OwnTerms::LinkToOriginal)),
            TruthCredit::Partial
        );
        // A wire asks for its name only.
        assert_eq!(
            credit_verdict(&[name], "Valley Herald", false, Licence::None, NO_EDITS),
            TruthCredit::Credited
        );
    }

    #[test]
    fn a_hat_tip_is_not_an_accusation_nor_a_credit() {
        let tip = Mark::words("AP", Form::HatTip, Place::BoxAfter, "h/t AP");
        assert_eq!(
            credit_verdict(&[tip], "AP", false, Licence::None, NO_EDITS),
            TruthCredit::Partial
        );
    }

    #[test]
    fn no_derivatives_terms_are_broken_by_an_edit() {
        let marks = [
            linked(Form::CcNotice, Place::BoxBefore, LinkTo::Article),
            Mark::words(
                "Valley Herald",
                Form::Copyright,
                Place::ArticleFooter,
                "© Valley Herald",
            ),
        ];
        let edited = Edits {
            body_changed: true,
            changes_noted: false,
        };
        let noted = Edits {
            body_changed: true,
            changes_noted: true,
        };
        let v = |licence, edits| credit_verdict(&marks, "Valley Herald", true, licence, edits);
        assert_eq!(v(Licence::CcByNd, edited), TruthCredit::Partial);
        assert_eq!(v(Licence::CcByNd, NO_EDITS), TruthCredit::Credited);
        assert_eq!(v(Licence::CcBy, edited), TruthCredit::Partial);
        assert_eq!(v(Licence::CcBy, noted), TruthCredit::Credited);
        assert_eq!(v(Licence::CrossPost, edited), TruthCredit::Credited);
    }
}
