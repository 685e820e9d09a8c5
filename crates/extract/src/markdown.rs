//! Inline markdown as scrapers flatten pages into it: links, images,
//! emphasis, escapes. Turned into plain text plus the links it carried.

use regex::Regex;
use std::sync::LazyLock;

/// `[text](url)` or `![alt](url "title")`; the url may be `<…>`-wrapped.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)"#).expect("valid regex")
});
/// `<https://…>` autolinks.
static AUTOLINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<((?:https?://|mailto:)[^>\s]+)>").expect("valid regex"));
static STRONG_STAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*(\S(?:[^*]*?\S)?)\*\*").expect("valid regex"));
static EM_STAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*(\S(?:[^*]*?\S)?)\*").expect("valid regex"));
/// Underscore emphasis only at word edges, so `snake_case` and URLs survive.
static EM_UNDERSCORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[\s(\[])_{1,2}(\S(?:[^_]*?\S)?)_{1,2}($|[\s).,;:!?\]])").expect("valid regex")
});
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`([^`]*)`").expect("valid regex"));
static ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\([\\`*_{}\[\]()#+\-.!])").expect("valid regex"));
static SPACES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+").expect("valid regex"));

/// A hyperlink found in markdown text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub text: String,
    /// None for placeholders (`(#)`, empty, `javascript:`), which point nowhere.
    pub url: Option<String>,
}

/// Markdown text reduced to what a reader sees, plus its links.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Inline {
    pub text: String,
    pub links: Vec<Link>,
}

/// Parses inline markdown. Images are dropped (their alt text is not prose);
/// links keep their text.
pub(crate) fn parse(raw: &str) -> Inline {
    // HTML paragraphs and most prose carry no markup: skip the regex passes
    // (credits classify every body paragraph and sentence through here).
    if !raw.contains(MARKUP) {
        return Inline {
            text: collapse_spaces(raw),
            links: Vec::new(),
        };
    }
    let mut links = Vec::new();
    let text = LINK.replace_all(raw, |c: &regex::Captures| {
        let (is_image, text, url) = (&c[1] == "!", c[2].trim(), &c[3]);
        if is_image {
            return String::new();
        }
        links.push(Link {
            text: plain_emphasis(text),
            url: real_url(url),
        });
        text.to_string()
    });
    let text = AUTOLINK.replace_all(&text, |c: &regex::Captures| {
        links.push(Link {
            text: c[1].to_string(),
            url: real_url(&c[1]),
        });
        c[1].to_string()
    });
    Inline {
        text: plain_emphasis(&text),
        links,
    }
}

/// Plain text of a markdown fragment.
pub(crate) fn plain(raw: &str) -> String {
    parse(raw).text
}

/// True when a paragraph is nothing but links and at most a short label
/// ("Articles by: [Sputnik](#)", "[Become a Member](#)"): navigation, not prose.
pub(crate) fn is_link_only(raw: &str) -> bool {
    if !LINK.is_match(raw) {
        return false;
    }
    let rest = plain_emphasis(&LINK.replace_all(raw, " "));
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || ",|·•/-–—".contains(c));
    rest.is_empty() || (rest.ends_with(':') && rest.split_whitespace().count() <= 3)
}

/// Characters that can start inline markdown handled by [`parse`].
const MARKUP: &[char] = &['[', '<', '*', '_', '`', '\\'];

/// Trimmed, with every whitespace run as one space (what `SPACES` does).
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn plain_emphasis(s: &str) -> String {
    let s = STRONG_STAR.replace_all(s, "$1");
    let s = EM_STAR.replace_all(&s, "$1");
    let s = EM_UNDERSCORE.replace_all(&s, "$1$2$3");
    let s = CODE.replace_all(&s, "$1");
    let s = ESCAPE.replace_all(&s, "$1");
    SPACES.replace_all(s.trim(), " ").into_owned()
}

fn real_url(url: &str) -> Option<String> {
    let url = url.trim();
    let placeholder = url.is_empty()
        || url.starts_with('#')
        || url.to_ascii_lowercase().starts_with("javascript:");
    (!placeholder).then(|| url.to_string())
}

/// Makes a root-relative link absolute against the page URL's origin.
pub(crate) fn resolve(link: &str, page: Option<&str>) -> String {
    let origin = page.and_then(origin);
    match origin {
        Some(origin) if link.starts_with('/') && !link.starts_with("//") => {
            format!("{origin}{link}")
        }
        _ => link.to_string(),
    }
}

fn origin(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    let host_end = url
        .get(scheme_end..)?
        .find('/')
        .map_or(url.len(), |i| scheme_end + i);
    url.get(..host_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_links_keep_text_but_no_url() {
        let inline = parse("By [Sputnik](#)");
        assert_eq!(inline.text, "By Sputnik");
        assert_eq!(inline.links[0].url, None);
    }

    #[test]
    fn real_links_and_emphasis() {
        let inline = parse("*On Friday*, **see** [the report](https://ex.com/a_b) and ![x](i.png)");
        assert_eq!(inline.text, "On Friday, see the report and");
        assert_eq!(inline.links[0].url.as_deref(), Some("https://ex.com/a_b"));
    }

    #[test]
    fn snake_case_survives() {
        assert_eq!(
            plain("a file_name_here and _emphasis_."),
            "a file_name_here and emphasis."
        );
    }

    #[test]
    fn link_only_lines() {
        assert!(is_link_only("Articles by: [Sputnik](#)"));
        assert!(is_link_only("[Become a Member of Global Research](#)"));
        assert!(!is_link_only(
            "The minister told [Sputnik](#) that it was over."
        ));
    }

    #[test]
    fn resolves_root_relative() {
        assert_eq!(
            resolve("/a", Some("https://ex.com/x/y")),
            "https://ex.com/a"
        );
        assert_eq!(
            resolve("https://o.org/", Some("https://ex.com/")),
            "https://o.org/"
        );
        assert_eq!(resolve("/a", Some("garbage")), "/a");
    }
}
