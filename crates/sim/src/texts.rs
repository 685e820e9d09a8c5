//! Real article texts to build stories from: the PolNeAR articles in
//! `../shared/data/attribution/*/text/` (US political news, 2015–16), whose
//! first line is the headline and whose paragraphs are separated by blank
//! lines.

use std::path::Path;

/// One real article: headline and body paragraphs.
#[derive(Debug, Clone)]
pub struct SourceText {
    pub name: String,
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// A text's identity for spotting repeats: its letters and digits,
/// lower-cased (PolNeAR holds some articles twice under two file names).
pub fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// File names (without `.txt`) that `metadata.tsv` marks as wire copy: their
/// text already credits AP, AFP or Reuters, so they cannot stand for an
/// original published by a simulated site.
fn wire_copy(attribution_dir: &Path) -> std::io::Result<std::collections::HashSet<String>> {
    let tsv = std::fs::read_to_string(attribution_dir.join("metadata.tsv"))?;
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (Some(file), Some(wire)) = (col("filename"), col("wire")) else {
        return Ok(Default::default());
    };
    Ok(lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c.get(wire).is_some_and(|w| *w != "None" && !w.is_empty()))
        .filter_map(|c| c.get(file).map(|f| f.to_string()))
        .collect())
}

/// Loads every usable article under `attribution_dir` (sorted by file name
/// so a seed always sees the same list): not wire copy, at least six body
/// paragraphs of eight words or more.
pub fn load(attribution_dir: &Path) -> std::io::Result<Vec<SourceText>> {
    let wire = wire_copy(attribution_dir)?;
    let mut files = Vec::new();
    for split in ["train", "dev", "test"] {
        let dir = attribution_dir.join(split).join("text");
        if !dir.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&dir)? {
            files.push(entry?.path());
        }
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        if wire.contains(&stem) {
            continue;
        }
        let text = std::fs::read_to_string(&f)?;
        let mut paras = text
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty());
        let Some(title) = paras.next() else { continue };
        let paragraphs: Vec<String> = paras.filter(|p| words(p) >= 8).collect();
        if paragraphs.len() >= 6 && words(&title) >= 3 {
            out.push(SourceText {
                name: f
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default(),
                title: title.trim_end_matches('.').to_string(),
                paragraphs,
            });
        }
    }
    Ok(out)
}
