//! Headline cleanup: `<title>` and og:title often carry the site name.

const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " // "];

/// Removes a " | Site" / " - Site" part: the segment naming the site when
/// the site is known, else a short last segment after a longer headline.
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(sep) = SEPARATORS.iter().find(|s| title.contains(**s)) else {
        return title;
    };
    let parts: Vec<&str> = title.split(sep).collect();
    if let Some(site) = site.map(normalise).filter(|s| !s.is_empty()) {
        let kept: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|p| {
                let p = normalise(p);
                !(p == site || (p.len() > 3 && site.contains(&p)) || p.contains(&site))
            })
            .collect();
        if !kept.is_empty() && kept.len() < parts.len() {
            return kept.join(sep);
        }
    }
    let last = parts[parts.len() - 1];
    let head = parts[..parts.len() - 1].join(sep);
    if last.split_whitespace().count() <= 4 && head.chars().count() > last.chars().count() {
        head
    } else {
        title
    }
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_known_and_short_site_names() {
        assert_eq!(
            strip_site_suffix("Big story | The Times", Some("The Times")),
            "Big story"
        );
        assert_eq!(
            strip_site_suffix("Big story happened today - Daily Bugle", None),
            "Big story happened today"
        );
        assert_eq!(strip_site_suffix("Cats - dogs", None), "Cats - dogs");
    }
}
