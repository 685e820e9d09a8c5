//! Licensed partners: outlets allowed to run another outlet's text without
//! credit (wire members, syndication deals). A TOML file lists them; a copy
//! judged "uncredited" whose outlet is a licensee of the source becomes
//! "licensed", with the file and entry as evidence.
//!
//! ```toml
//! [[partner]]
//! source = "AP"
//! licensees = ["Star Tribune", "houstonchronicle.com"]
//!
//! [[partner]]
//! licensee = "Valley Herald"
//! sources = ["Reuters", "Capitol Ledger"]
//! note = "syndication contract 2016-04"
//! ```
//!
//! Each entry lists one or more sources (`source`, `sources`) and one or
//! more licensees (`licensee`, `licensees`); every source–licensee pair is
//! licensed. Names compare as outlets do everywhere ("AP" is "The
//! Associated Press", "startribune.com" is "Star Tribune").
//!
//! The file is applied when a story is read ([`Partners::apply`]), not when
//! it is traced: what a page says is stored, what the user knows about
//! contracts is not, so editing the file takes effect at once and never
//! leaves stale verdicts in the store.

use std::path::Path;

use serde::Deserialize;

use crate::credit::CreditVerdict;
use crate::origin::Origin;
use crate::outlet::same_outlet;
use crate::story::Story;

#[derive(Debug, thiserror::Error)]
pub enum PartnersError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    partner: Vec<toml::Spanned<RawEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    source: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
    licensee: Option<String>,
    #[serde(default)]
    licensees: Vec<String>,
    note: Option<String>,
}

/// One `[[partner]]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// 1-based line of the entry in the file.
    pub line: usize,
    pub sources: Vec<String>,
    pub licensees: Vec<String>,
    pub note: Option<String>,
}

/// A licensed partners file.
#[derive(Debug, Clone, PartialEq)]
pub struct Partners {
    path: String,
    entries: Vec<Entry>,
}

fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte).unwrap_or(text).matches('\n').count() + 1
}

impl Partners {
    /// Reads and checks a partners file.
    pub fn load(path: &Path) -> Result<Partners, PartnersError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| PartnersError::Read {
            path: name.clone(),
            source,
        })?;
        Partners::parse(&text, &name)
    }

    /// Parses partners from `text`; `path` names it in errors and evidence.
    pub fn parse(text: &str, path: &str) -> Result<Partners, PartnersError> {
        let error = |line, message: String| PartnersError::Parse {
            path: path.to_string(),
            line,
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            error(line, e.message().trim().to_string())
        })?;
        let mut entries = Vec::new();
        for spanned in raw.partner {
            let line = line_of(text, spanned.span().start);
            let r = spanned.into_inner();
            let names = |one: Option<String>, many: Vec<String>| -> Vec<String> {
                one.into_iter()
                    .chain(many)
                    .map(|s| s.trim().to_string())
                    .collect()
            };
            let sources = names(r.source, r.sources);
            let licensees = names(r.licensee, r.licensees);
            if sources.is_empty() || licensees.is_empty() {
                return Err(error(
                    line,
                    "a [[partner]] entry needs `source` or `sources`, and `licensee` or `licensees`"
                        .into(),
                ));
            }
            if sources.iter().chain(&licensees).any(String::is_empty) {
                return Err(error(line, "an outlet name is empty".into()));
            }
            entries.push(Entry {
                line,
                sources,
                licensees,
                note: r.note,
            });
        }
        Ok(Partners {
            path: path.to_string(),
            entries,
        })
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The evidence line when `licensee` may run `source`'s text, else None:
    /// the file, the entry's line, and the two names as the file spells them.
    pub fn licence(&self, source: &str, licensee: &str) -> Option<String> {
        self.entries.iter().find_map(|e| {
            let s = e.sources.iter().find(|s| same_outlet(s, source))?;
            let l = e.licensees.iter().find(|l| same_outlet(l, licensee))?;
            let note = e
                .note
                .as_deref()
                .map(|n| format!(" (\"{n}\")"))
                .unwrap_or_default();
            Some(format!(
                "licensed partner: {}:{} lists {l} as a licensee of {s}{note}",
                self.path, e.line
            ))
        })
    }

    /// Turns "uncredited" into "licensed" where the copy's outlet is a
    /// licensee of the source: against the story's origin, and for each
    /// copy's own hop, against the page it took the text from.
    /// `outlet_of` names a member's outlet (its site, else its host).
    pub fn apply(&self, story: &mut Story, outlet_of: &dyn Fn(i64) -> Option<String>) {
        let origin = match &story.origin {
            Origin::Article { key, .. } => outlet_of(*key),
            Origin::External { outlet, .. } => Some(outlet.clone()),
            Origin::Undetermined { .. } => return,
        };
        for c in &mut story.copies {
            let Some(mine) = outlet_of(c.key) else {
                continue;
            };
            if let Some(o) = &origin {
                self.license(&mut c.credit, &mut c.evidence, o, &mine);
            }
            if let Some(h) = &mut c.source {
                let from = h.from.map_or_else(|| origin.clone(), outlet_of);
                if let Some(f) = from {
                    self.license(&mut h.credit, &mut h.evidence, &f, &mine);
                }
            }
        }
    }

    fn license(
        &self,
        credit: &mut CreditVerdict,
        evidence: &mut Vec<String>,
        source: &str,
        licensee: &str,
    ) {
        if *credit != CreditVerdict::Uncredited {
            return;
        }
        if let Some(line) = self.licence(source, licensee) {
            *credit = CreditVerdict::Licensed;
            evidence.insert(0, line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# Who may run whose text.
[[partner]]
source = "AP"
licensees = ["Star Tribune", "houstonchronicle.com"]

[[partner]]
licensee = "Valley Herald"
sources = ["Reuters", "Capitol Ledger"]
note = "syndication contract 2016-04"
"#;

    #[test]
    fn both_directions_are_read_and_names_compare_as_outlets() {
        let p = Partners::parse(FILE, "reprint.toml").unwrap();
        assert_eq!(p.entries().len(), 2);
        assert_eq!(p.entries()[0].line, 2);
        assert_eq!(p.entries()[1].line, 6);
        let e = p
            .licence("The Associated Press", "startribune.com")
            .unwrap();
        assert!(e.contains("reprint.toml:2"), "{e}");
        let e = p.licence("capitolledger.com", "Valley Herald").unwrap();
        assert!(
            e.contains("reprint.toml:6") && e.contains("syndication contract"),
            "{e}"
        );
        assert_eq!(p.licence("Reuters", "Star Tribune"), None);
        // A licence runs one way only.
        assert_eq!(p.licence("Valley Herald", "Capitol Ledger"), None);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let cases = [
            ("[[partner]]\nsource = \"AP\"\nlicensees = [\"X\"\n", 3),
            (
                "[[partner]]\nsource = \"AP\"\nlicensee = \"X\"\n\n[[partner]]\nsource = \"AP\"\n",
                5,
            ),
            ("[[partner]]\nsource = \"AP\"\nlicense = \"X\"\n", 3),
            ("[[partners]]\nsource = \"AP\"\n", 1),
            ("[[partner]]\nsource = \"\"\nlicensee = \"X\"\n", 1),
        ];
        for (text, line) in cases {
            let e = Partners::parse(text, "p.toml").unwrap_err().to_string();
            assert!(e.starts_with(&format!("p.toml:{line}: ")), "{text:?} → {e}");
        }
        let missing = Partners::load(Path::new("/nonexistent/p.toml")).unwrap_err();
        assert!(missing
            .to_string()
            .starts_with("/nonexistent/p.toml: cannot read"));
    }
}
