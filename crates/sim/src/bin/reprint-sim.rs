//! `reprint-sim [STORIES] [SEED]`: simulates syndication and prints reprint's
//! scores beside the earliest-date rule, as JSON, and the confusion between
//! credit verdicts as a table on standard error.

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let stories = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(500);
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/attribution");
    let texts = match reprint_sim::texts::load(&dir) {
        Ok(t) if !t.is_empty() => t,
        Ok(_) => {
            eprintln!("error: {}: no usable article texts", dir.display());
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("error: {}: {e}", dir.display());
            std::process::exit(1);
        }
    };
    let mut rng = reprint_sim::rng::Rng::new(seed);
    let sim = reprint_sim::generate(&mut rng, &texts, stories);
    let report = reprint_sim::evaluate(&sim);
    println!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
    eprintln!(
        "credit verdicts, truth by row:\n{}",
        report.confusion_table()
    );
}
