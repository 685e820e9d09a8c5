//! Plain aligned text tables for people; `--json` is for machines.

/// Text for a terminal: page-derived strings may carry escape sequences, so
/// every control character but the line break becomes a space.
pub fn for_terminal(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect()
}

/// Renders rows under a header, each column as wide as its widest cell
/// (cells are cut at `max_width` characters with an ellipsis).
pub fn render(header: &[&str], rows: &[Vec<String>], max_width: usize) -> String {
    let cut = |s: &str| -> String {
        let clean: String = s
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if clean.chars().count() > max_width {
            let mut t: String = clean.chars().take(max_width.saturating_sub(1)).collect();
            t.push('…');
            t
        } else {
            clean
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.chars().count());
            }
        }
    }
    let line = |cols: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, c) in cols.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            if i + 1 == cols.len() {
                s.push_str(c);
            } else {
                s.push_str(&format!("{c:<w$}  "));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = line(header.to_vec());
    out.push('\n');
    for r in &cells {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_do_not_reach_the_terminal() {
        assert_eq!(for_terminal("a\u{1b}[2Jb\r\nc"), "a [2Jb \nc");
    }

    #[test]
    fn columns_align_and_long_cells_are_cut() {
        let t = render(
            &["id", "headline"],
            &[
                vec!["1".into(), "x".repeat(50)],
                vec!["22".into(), "short\nline".into()],
            ],
            10,
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "id  headline");
        assert_eq!(lines[1], format!("1   {}…", "x".repeat(9)));
        assert_eq!(lines[2], "22  short line");
    }
}
