//! What class names, ids, roles and tags say about an element: boilerplate
//! (navigation, sharing, comments, ads…), article content, or nothing.

use crate::dom::{Dom, Element, NodeIx};

/// Elements that never hold article text: code, media, controls, chrome.
pub fn is_non_content_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
            | "object"
            | "embed"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "label"
            | "nav"
            | "aside"
            | "footer"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "map"
            | "dialog"
            | "menu"
            // Captions describe the photo, not the story: excluded by both
            // benchmarks' gold (aljazeera.com, pferderevue.at). Credits in
            // them are read by metadata from the DOM.
            | "figcaption"
    )
}

/// Most characters a figure's caption holds: a picture's description and
/// credit, not a paragraph of the article.
pub const MAX_CAPTION_CHARS: usize = 300;

/// A picture with its caption: an element holding an image and at most
/// [`MAX_CAPTION_CHARS`] characters of text (`text_chars`, whitespace not
/// counted), which is a `<figure>`, is named for media (`div.photo`,
/// `div.image-wrap`), or whose text opens with the image's alt text. Its text
/// describes and credits the picture — "A voter casts a ballot. NAME |
/// Outlet" in `reprint-sim`'s div-soup captions, whose class is hashed — and
/// is neither article text nor credit for it (issue 14).
pub fn is_figure(dom: &Dom, i: NodeIx, text_chars: usize) -> bool {
    let Some(el) = dom.element(i) else {
        return false;
    };
    if text_chars == 0 || text_chars > MAX_CAPTION_CHARS {
        return false;
    }
    if !matches!(el.tag(), "figure" | "div" | "span" | "p" | "section" | "td") {
        return false;
    }
    let end = dom.nodes[i].end;
    let Some(img) = (i + 1..end).find(|&j| matches!(dom.tag(j), "img" | "picture")) else {
        return false;
    };
    if el.tag() == "figure" || is_media_name(el.class_and_id()) {
        return true;
    }
    let alt = dom.attr(img, "alt").unwrap_or("").trim();
    alt.split_whitespace().count() >= 3 && {
        let text = dom.text(i);
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .starts_with(&alt.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Class or id words naming a picture box: "photo", "image-wrap",
/// "article-img", "media", "figure", "picture".
fn is_media_name(name: &str) -> bool {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            [
                "photo", "image", "img", "picture", "figure", "media", "gallery",
            ]
            .iter()
            .any(|m| w.starts_with(m))
        })
}

pub use crate::dom::is_block_tag;

pub fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Hidden from readers: `hidden`, `aria-hidden=true`, inline `display:none`
/// or `visibility:hidden`, and the screen-reader-only class conventions.
pub fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    if el
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// ARIA landmark roles for page chrome.
pub fn is_chrome_role(el: &Element) -> bool {
    el.attr("role").is_some_and(|r| {
        matches!(
            r.trim().to_ascii_lowercase().as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "search"
                | "menu"
                | "menubar"
                | "dialog"
                | "alertdialog"
                | "toolbar"
                | "tablist"
        )
    })
}

/// What an element's class/id words suggest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClassHint {
    /// Words typical of page furniture (menu, byline, tags, footer…).
    pub boilerplate: bool,
    /// Some class name is furniture (`related-articles`, `menu`) and none
    /// names content.
    pub strong_boilerplate: bool,
    /// Comment sections: removed even when they hold most of the page's text.
    pub comments: bool,
    /// Words typical of article containers (article, content, story, body…).
    pub content: bool,
}

impl ClassHint {
    /// Readability-style weight: +25 for content words, −25 for boilerplate.
    pub fn weight(self) -> f32 {
        let plus = if self.content { 25.0 } else { 0.0 };
        let minus = if self.boilerplate { 25.0 } else { 0.0 };
        plus - minus
    }

    /// Should an element with these words be cut from the page before scoring?
    pub fn is_furniture(self) -> bool {
        self.strong_boilerplate
    }
}

/// Reads each class name (and the id) as words split on non-alphanumerics,
/// so that "ad" matches `ad-slot` but not `header` or `shadow`. Words are
/// weighed within one name: `related-articles` is furniture despite
/// "articles", while `entry share` is an entry that also has a share style.
pub fn class_hint(el: &Element) -> ClassHint {
    let class_id = el.class_and_id();
    let mut hint = ClassHint::default();
    let mut furniture_name = false;
    for name in class_id.split_whitespace() {
        let (mut boiler, mut strong, mut content) = (false, false, false);
        for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            let is_strong = is_strong_boilerplate_word(word);
            strong |= is_strong;
            boiler |= is_strong || is_boilerplate_word(word);
            content |= is_content_word(word);
            // taz.de files opinion pieces under "commentary" (tfe-dev t0387).
            hint.comments |= (word.starts_with("comment") && !word.starts_with("commentar"))
                || word == "disqus"
                || word == "replies";
        }
        // Hover cards beside a linked name (thehill.com's
        // `rollover-people-block` after `a.rollover-people-link`): a bio and
        // other headlines, shown on hover only. The link stays.
        if is_hover_card_name(name) || is_print_furniture_name(name) {
            boiler = true;
        }
        // A photo's caption or credit line, or the author's bio box,
        // whatever else the name says.
        if is_caption_name(name) || is_author_box_name(name) {
            boiler = true;
            strong = true;
        }
        hint.boilerplate |= boiler;
        if boiler && (strong || !content) {
            furniture_name = true;
        } else if content {
            hint.content = true;
        }
    }
    hint.strong_boilerplate = furniture_name && !hint.content;
    if el
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        hint.content = true;
        hint.strong_boilerplate = false;
    }
    hint
}

/// `div.legend` under a photo (tfe-dev t0954), `img-metadata__title`
/// (t0222), `p.imagedescription` (t0887): caption text, not body.
fn is_caption_name(name: &str) -> bool {
    const IMAGE: &[&str] = &["img", "image", "photo", "foto", "picture", "bild"];
    const CAPTION: &[&str] = &["description", "desc", "metadata", "legend", "unterschrift"];
    let words = || {
        name.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    words().any(|w| w == "legend")
        || (words().any(|w| IMAGE.contains(&w)) && words().any(|w| CAPTION.contains(&w)))
        || words().any(|w| {
            IMAGE
                .iter()
                .any(|i| w.len() > i.len() && w.starts_with(i) && CAPTION.contains(&&w[i.len()..]))
        })
}

/// `section.bmg-author-box` (tfe-dev t0495), the Simple Author Box
/// plugin's `saboxplugin-wrap` (t0318): the writer's bio under the post.
fn is_author_box_name(name: &str) -> bool {
    let words = || name.split(|c: char| !c.is_ascii_alphanumeric());
    words().any(|w| w.starts_with("saboxplugin"))
        || (words().any(|w| matches!(w, "author" | "autor" | "authorbox"))
            && words().any(|w| matches!(w, "box" | "bio" | "about")))
}

/// Print-only blocks (`d-none d-print-block`, `print-footer`: a citation or
/// copyright line for paper) and print buttons; not the print layout hints
/// of content (`print-full`, `kb-tip-print-step` on recipe pages, tfe-dev
/// t0135, t0727).
fn is_print_furniture_name(name: &str) -> bool {
    let words = || name.split(|c: char| !c.is_ascii_alphanumeric());
    name == "print"
        || words().any(|w| w == "printbtn")
        || (words().any(|w| w == "print")
            && words().any(|w| {
                matches!(
                    w,
                    "only"
                        | "block"
                        | "inline"
                        | "visible"
                        | "header"
                        | "footer"
                        | "btn"
                        | "button"
                        | "link"
                        | "icon"
                        | "dialog"
                        | "dialogue"
                )
            }))
}

fn is_hover_card_name(name: &str) -> bool {
    let words = || name.split(|c: char| !c.is_ascii_alphanumeric());
    words().any(|w| matches!(w, "rollover" | "hovercard" | "tooltip" | "popover"))
        && words().any(|w| matches!(w, "block" | "card" | "box" | "panel"))
}

fn is_strong_boilerplate_word(w: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "comment",
        "share",
        "social",
        "related",
        "recommend",
        "newsletter",
        "subscri",
        "promo",
        "cookie",
        "advert",
        "sponsor",
        "outbrain",
        "taboola",
        "popular",
        "signup",
        "affiliat",
    ];
    (matches!(
        w,
        "disqus"
            | "outbrain"
            | "taboola"
            | "sharedaddy"
            | "addthis"
            | "sharethis"
            | "mostread"
            | "mostpopular"
            | "readmore"
            | "replies"
            | "shoutbox"
            | "paywall"
            | "newsletter"
            | "trending"
    ) || PREFIXES.iter().any(|p| w.starts_with(p)))
        && !w.starts_with("commentar")
}

fn is_boilerplate_word(w: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "breadcrumb",
        "sidebar",
        "banner",
        "footer",
        "widget",
        "byline",
    ];
    matches!(
        w,
        "ad" | "ads"
            | "adv"
            | "banner"
            | "nav"
            | "navbar"
            | "navigation"
            | "menu"
            | "footer"
            | "masthead"
            | "popup"
            | "modal"
            | "overlay"
            | "widget"
            | "widgets"
            | "pagination"
            | "pager"
            | "toolbar"
            | "byline"
            | "bylines"
            | "author"
            | "authors"
            | "tags"
            | "tag"
            | "tagged"
            | "keywords"
            | "signup"
            | "skip"
            | "sronly"
            | "sr"
            | "breadcrumbs"
            | "breadcrumb"
            | "crumbs"
            | "gdpr"
            | "consent"
            | "rss"
            | "timestamp"
            | "meta"
            | "postmeta"
            | "entrymeta"
            | "categories"
            | "category"
            | "topics"
            | "follow"
            | "donate"
            | "donation"
            | "supplemental"
            | "remark"
            | "reply"
            | "skyscraper"
            | "sitemap"
            | "login"
            | "logo"
            | "search"
            | "teaser"
            | "teasers"
            | "subnav"
            | "visuallyhidden"
            | "sidebar"
            | "caption"
            | "credit"
            | "credits"
            | "player"
            | "dropdown"
            | "rail"
            | "aside"
            | "header"
            | "offcanvas"
            | "copyright"
            | "legal"
            | "tools"
            | "utility"
            | "toc"
            | "infobox"
            | "screen"
            | "disclaimer"
    ) || PREFIXES.iter().any(|p| w.starts_with(p))
        || w.ends_with("widget")
        || w.ends_with("caption")
}

fn is_content_word(w: &str) -> bool {
    matches!(
        w,
        "article"
            | "articles"
            | "content"
            | "contents"
            | "body"
            | "story"
            | "main"
            | "post"
            | "entry"
            | "text"
            | "prose"
            | "blog"
            | "column"
            | "hentry"
            | "single"
            | "richtext"
    ) || w.starts_with("article")
        || w.starts_with("story")
        || w.ends_with("content")
        || w.ends_with("body")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Dom;

    fn first_div_hint(html: &str) -> ClassHint {
        let dom = Dom::parse(html);
        let div = dom.elements_named("div").next().unwrap();
        class_hint(dom.element(div).unwrap())
    }

    #[test]
    fn ad_word_does_not_match_inside_header_or_shadow() {
        let h = first_div_hint(r#"<div class="shadow headerless">x</div>"#);
        assert!(!h.boilerplate);
        assert!(first_div_hint(r#"<div class="ad-slot">x</div>"#).boilerplate);
    }

    #[test]
    fn content_class_name_outweighs_share_style() {
        // dubisthalle.de: <div class="entry themeform share"> holds the post.
        let h = first_div_hint(r#"<div class="entry themeform share">x</div>"#);
        assert!(!h.is_furniture());
        let h = first_div_hint(r#"<div class="related-articles">x</div>"#);
        assert!(h.is_furniture());
    }

    #[test]
    fn commentary_is_not_a_comment_section() {
        // taz.de (tfe-dev t0387): <div class="sect_article news subjective commentary">.
        let h = first_div_hint(r#"<div class="sect_article news commentary">x</div>"#);
        assert!(!h.comments && !h.is_furniture());
        assert!(first_div_hint(r#"<div class="comment-list">x</div>"#).comments);
    }

    #[test]
    fn print_only_blocks_but_not_print_layout_are_furniture() {
        assert!(first_div_hint(r#"<div class="d-none d-print-block">x</div>"#).is_furniture());
        assert!(first_div_hint(r#"<div class="print">x</div>"#).is_furniture());
        assert!(!first_div_hint(r#"<div class="col-md-6 print-full">x</div>"#).boilerplate);
    }

    #[test]
    fn captions_hover_cards_and_author_boxes_are_furniture() {
        assert!(first_div_hint(r#"<div class="legend">x</div>"#).is_furniture());
        assert!(first_div_hint(r#"<div class="img-metadata">x</div>"#).is_furniture());
        assert!(first_div_hint(r#"<div class="rollover-people-block">x</div>"#).is_furniture());
        assert!(!first_div_hint(r#"<div class="rollover-people">x</div>"#).boilerplate);
        // tfe-dev t0495: "author" and "box" outweigh "content" in one name.
        assert!(first_div_hint(r#"<div class="author-box--content">x</div>"#).is_furniture());
    }

    #[test]
    fn article_body_is_content() {
        let h = first_div_hint(r#"<div class="article-body">x</div>"#);
        assert!(h.content && !h.boilerplate);
    }
}
