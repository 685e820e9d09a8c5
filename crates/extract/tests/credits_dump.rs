//! Temporary debugging dump (removed before hand-off).
#[test]
#[ignore]
fn dump_all() {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/attribution"
    );
    for split in ["dev", "train", "test"] {
        let mut entries: Vec<_> = std::fs::read_dir(format!("{root}/{split}/text"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path).unwrap();
            let a = reprint_extract::extract_text(&text, None);
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            for s in &a.declared_sources {
                println!(
                    "SRC\t{name}\t{:?}\t{}\t{:?}\t{}",
                    s.kind,
                    s.outlet,
                    s.date,
                    s.evidence.chars().take(120).collect::<String>()
                );
            }
            for c in &a.copyright {
                println!("COPY\t{name}\t{:?}\t{:?}\t{}", c.holder, c.year, c.evidence);
            }
            for n in &a.notices {
                println!(
                    "NOTE\t{name}\t{:?}\t{}",
                    n.kind,
                    n.text.chars().take(150).collect::<String>()
                );
            }
            for i in &a.image_credits {
                println!("IMG\t{name}\t{i}");
            }
            if let Some(t) = &a.title {
                println!("TITLE\t{name}\t{}", t.value);
            }
            if let Some(t) = &a.byline {
                println!("BYLINE\t{name}\t{}", t.value);
            }
            if let Some(t) = &a.published {
                println!("DATE\t{name}\t{}", t.value);
            }
            let total_in: usize = text.split("\n").filter(|l| !l.trim().is_empty()).count();
            println!("COUNT\t{name}\t{}\t{}", total_in, a.paragraphs.len());
        }
    }
}
#[test]
#[ignore]
fn dump_reprints() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/reprints");
    for f in ["census.jsonl", "spotify.jsonl"] {
        for line in std::fs::read_to_string(format!("{root}/{f}"))
            .unwrap()
            .lines()
        {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = v["text"].as_str().unwrap().replace(" ### ", "\n\n");
            let name = format!(
                "{} {}",
                v["id"].as_str().unwrap(),
                v["publisher"].as_str().unwrap()
            );
            let a = reprint_extract::extract_text(&text, None);
            for s in &a.declared_sources {
                println!(
                    "SRC\t{name}\t{:?}\t{}\t{:?}\t{}",
                    s.kind,
                    s.outlet,
                    s.date,
                    s.evidence.chars().take(120).collect::<String>()
                );
            }
            for c in &a.copyright {
                println!("COPY\t{name}\t{:?}\t{:?}\t{}", c.holder, c.year, c.evidence);
            }
            for n in &a.notices {
                println!(
                    "NOTE\t{name}\t{:?}\t{}",
                    n.kind,
                    n.text.chars().take(150).collect::<String>()
                );
            }
            for i in &a.image_credits {
                println!("IMG\t{name}\t{i}");
            }
            if let Some(t) = &a.title {
                println!("TITLE\t{name}\t{}", t.value);
            }
            if let Some(t) = &a.byline {
                println!("BYLINE\t{name}\t{}", t.value);
            }
            if let Some(t) = &a.published {
                println!("DATE\t{name}\t{}", t.value);
            }
            println!(
                "FIRST\t{name}\t{}",
                a.paragraphs
                    .first()
                    .map(|p| p.chars().take(100).collect::<String>())
                    .unwrap_or_default()
            );
            println!(
                "LAST\t{name}\t{}",
                a.paragraphs
                    .last()
                    .map(|p| p.chars().take(100).collect::<String>())
                    .unwrap_or_default()
            );
        }
    }
}
