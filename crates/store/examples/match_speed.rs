//! Times matching one page against a store (the matching part of
//! `reprint trace`, without extraction or process start-up):
//! `cargo run --release -p reprint-store --example match_speed -- DB PAGE.txt`.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: match_speed DB PAGE.txt");
        std::process::exit(2);
    }
    let store = reprint_store::Store::open_read_only(args[1].as_ref()).expect("store opens");
    let text = std::fs::read_to_string(&args[2]).expect("page reads");
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..5 {
        let t = Instant::now();
        found = store
            .match_unstored(&text, "unstored", None)
            .expect("matches")
            .len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{found} matches; slowest (cold) {:.1} ms, median {:.1} ms",
        times[4], times[2]
    );
}
