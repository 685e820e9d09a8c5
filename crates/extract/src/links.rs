//! Resolving `href`s against the page address, without a URL crate: enough
//! for the links an article body carries.

/// Makes `href` absolute against `base` (the page URL). Returns `None` for
/// fragments, `javascript:`/`mailto:`-style links, and relative links when
/// there is no base to resolve them against.
pub fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    if let Some(colon) = href.find(':') {
        let scheme = &href[..colon];
        if scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            let scheme = scheme.to_ascii_lowercase();
            return matches!(scheme.as_str(), "http" | "https").then(|| href.to_string());
        }
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..host_end]);
    if let Some(net_path) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{net_path}"));
    }
    if href.starts_with('/') {
        return Some(format!("{origin}{}", normalise_dots(href)));
    }
    let path = &rest[host_end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    if href.starts_with('?') {
        return Some(format!(
            "{origin}{}{href}",
            if path.is_empty() { "/" } else { path }
        ));
    }
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    let dir = if dir.is_empty() { "/" } else { dir };
    Some(format!(
        "{origin}{}",
        normalise_dots(&format!("{dir}{href}"))
    ))
}

/// Removes `.` and `..` segments from a path (query left alone).
fn normalise_dots(path: &str) -> String {
    let (path, query) = match path.find(['?', '#']) {
        Some(i) => path.split_at(i),
        None => (path, ""),
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (k, seg) in segments.iter().enumerate() {
        let last = k + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}{query}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn resolves_relative_forms() {
        let base = Some("https://ex.com/news/2019/story.html?x=1");
        assert_eq!(resolve("/a/b", base).unwrap(), "https://ex.com/a/b");
        assert_eq!(
            resolve("c.html", base).unwrap(),
            "https://ex.com/news/2019/c.html"
        );
        assert_eq!(resolve("../c", base).unwrap(), "https://ex.com/news/c");
        assert_eq!(resolve("//cdn.org/x", base).unwrap(), "https://cdn.org/x");
        assert_eq!(resolve("http://o.org/", base).unwrap(), "http://o.org/");
        assert_eq!(resolve("mailto:a@b.c", base), None);
        assert_eq!(resolve("#top", base), None);
        assert_eq!(resolve("rel", None), None);
    }
}
