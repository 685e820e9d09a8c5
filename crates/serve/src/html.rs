//! A tiny HTML builder that escapes by default.
//!
//! Why not a template engine: pages are hostile input, so the one property
//! that matters is that no page-derived string can reach the output
//! unescaped. Here that is a property of the types: [`Html::text`] and
//! [`Html::attr`] escape everything they are given, and the only way to write
//! raw markup is [`Html::raw`], which takes `&'static str` — a literal in this
//! program, never data read at run time. A dependency such as `maud` gives
//! the same guarantee with a proc macro; this needs no macro and no crate.

use std::fmt::Write as _;

/// Markup under construction.
#[derive(Debug, Default, Clone)]
pub struct Html(String);

impl Html {
    pub fn new() -> Html {
        Html(String::with_capacity(8192))
    }

    /// Literal markup written by this program. `'static` keeps run-time data out.
    pub fn raw(&mut self, s: &'static str) -> &mut Html {
        self.0.push_str(s);
        self
    }

    /// Text content, escaped; control characters are dropped.
    pub fn text(&mut self, s: &str) -> &mut Html {
        escape_into(&mut self.0, s);
        self
    }

    /// An integer.
    pub fn int(&mut self, n: i64) -> &mut Html {
        let _ = write!(self.0, "{n}");
        self
    }

    /// A float with fixed decimals (SVG coordinates).
    pub fn f(&mut self, n: f64, decimals: usize) -> &mut Html {
        let n = if n.is_finite() { n } else { 0.0 };
        let _ = write!(self.0, "{n:.decimals$}");
        self
    }

    /// ` name="value"` with the value escaped; `name` is a literal.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Html {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        escape_into(&mut self.0, value);
        self.0.push('"');
        self
    }

    /// An `href` to a same-site path built by this program, with each
    /// run-time piece percent-encoded (so it can neither leave the path nor
    /// become a `javascript:` URL).
    pub fn href_local(&mut self, prefix: &'static str, param: &str) -> &mut Html {
        let mut v = String::from(prefix);
        v.push_str(&percent_encode(param));
        self.attr("href", &v)
    }

    /// `<a href="PREFIX{param}">text</a>` to a page of this site, `param`
    /// percent-encoded and `text` escaped.
    pub fn link_local(&mut self, prefix: &'static str, param: &str, text: &str) -> &mut Html {
        self.raw("<a")
            .href_local(prefix, param)
            .raw(">")
            .text(text)
            .raw("</a>")
    }

    /// A link to an outside URL: only `http(s)` URLs become anchors (with
    /// `rel` keeping the opener and referrer away); anything else — a
    /// `javascript:` or `data:` URL — is shown as plain text.
    pub fn external_link(&mut self, url: &str) -> &mut Html {
        let lower = url.trim().to_ascii_lowercase();
        if (lower.starts_with("http://") || lower.starts_with("https://"))
            && !url.chars().any(|c| c.is_control() || c.is_whitespace())
        {
            self.raw("<a rel=\"noopener noreferrer nofollow\" referrerpolicy=\"no-referrer\"")
                .attr("href", url)
                .raw(">")
                .text(url)
                .raw("</a>")
        } else {
            self.raw("<span class=\"url\">").text(url).raw("</span>")
        }
    }

    pub fn append(&mut self, other: &Html) -> &mut Html {
        self.0.push_str(&other.0);
        self
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Escapes the five HTML-significant characters (enough for text and for
/// double-quoted attributes) and drops control characters.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut h = Html::new();
        h.text("<script>alert('x')</script>&")
            .attr("title", "\" onmouseover=\"x");
        assert_eq!(
            h.into_string(),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp; title=\"&quot; onmouseover=&quot;x\""
        );
    }

    #[test]
    fn only_http_urls_become_links() {
        let mut h = Html::new();
        h.external_link("JaVaScRiPt:alert(1)");
        assert!(!h.into_string().contains("href"));
        let mut h = Html::new();
        h.external_link("https://example.org/a?b=\"c\"");
        assert!(h
            .into_string()
            .contains("href=\"https://example.org/a?b=&quot;c&quot;\""));
    }

    #[test]
    fn local_hrefs_are_encoded() {
        let mut h = Html::new();
        h.href_local("/site?name=", "a&b\"<x>");
        assert_eq!(h.into_string(), " href=\"/site?name=a%26b%22%3Cx%3E\"");
        let mut h = Html::new();
        h.link_local("/site?name=", "a b", "<b>");
        assert_eq!(
            h.into_string(),
            "<a href=\"/site?name=a%20b\">&lt;b&gt;</a>"
        );
    }
}
