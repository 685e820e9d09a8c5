//! `reprint`: the command line, a thin adapter over the use cases of
//! reprint-app (page → article, bulk ingest, trace a page, the story view,
//! export) and the store's queries: arguments, tables, progress and exit
//! codes live here. Each subcommand lives in its own module under
//! `commands`.

mod commands;
mod output;
mod table;
mod view;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "reprint",
    version,
    about = "Trace news text across the web: where an article came from, who reprinted it, and whether they credited it.",
    after_help = "Start with:\n  reprint ingest examples/corpus && reprint stories"
)]
struct Cli {
    /// The database file (created if missing).
    #[arg(long, global = true, default_value = "reprint.db", value_name = "PATH")]
    db: PathBuf,
    /// Machine-readable JSON output instead of tables.
    #[arg(long, global = true)]
    json: bool,
    /// More log output (repeat for more); RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read pages, extract their articles, match them against everything stored and update the stories.
    #[command(
        after_help = "Examples:\n  reprint ingest pages/ feed.jsonl crawl.warc.gz\n  reprint --db news.db ingest ../shared/data/reprints/census.jsonl"
    )]
    Ingest(commands::ingest::Args),
    /// List the stories found: groups of articles sharing text.
    #[command(
        after_help = "Examples:\n  reprint stories\n  reprint stories --from 2019-05 --to 2019-06-15\n  reprint stories --json | jq '.[0]'"
    )]
    Stories(commands::stories::ListArgs),
    /// Show one story: its origin and why, and each copy with its shared share and credit verdict.
    #[command(after_help = "Examples:\n  reprint show 3\n  reprint show 3 --json")]
    Show(commands::stories::ShowArgs),
    /// Say which stored story a page would join, without storing it.
    #[command(
        after_help = "Examples:\n  reprint trace page.html\n  curl -s https://example.org/a | reprint trace -"
    )]
    Trace(commands::trace::Args),
    /// Write stories, articles or matched pairs as JSONL, CSV or Parquet.
    #[command(
        after_help = "Examples:\n  reprint export --what pairs --format jsonl > pairs.jsonl\n  reprint export --what articles --format csv -o articles.csv\n  reprint export --format parquet -o out/    (articles/, pairs/, stories/ as a Spark run writes them)\n  reprint export --what pairs --format parquet -o pairs.parquet"
    )]
    Export(commands::export::Args),
    /// Extract articles from pages and print them, without storing anything.
    #[command(
        after_help = "Examples:\n  reprint extract page.html\n  reprint extract --jsonl pages/ > articles.jsonl"
    )]
    Extract(commands::extract::Args),
    /// Serve the JSON API and the web UI over the database (read-only unless --ingest-token).
    #[command(
        after_help = "Examples:\n  reprint --db news.db serve\n  reprint --db news.db serve --bind 0.0.0.0:8080 --ingest-token \"$TOKEN\""
    )]
    Serve(commands::serve::Args),
}

/// Output formats for `export`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
    /// Apache Parquet: one table with `--what`, else the three tables of a
    /// Spark run under the `-o` directory.
    Parquet,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let ctx = commands::Context {
        db: cli.db.clone(),
        json: cli.json,
    };
    let result = match cli.command {
        Command::Ingest(a) => commands::ingest::run(&ctx, a),
        Command::Stories(a) => commands::stories::list(&ctx, a),
        Command::Show(a) => commands::stories::show(&ctx, a),
        Command::Trace(a) => commands::trace::run(&ctx, a),
        Command::Export(a) => commands::export::run(&ctx, a),
        Command::Extract(a) => commands::extract::run(&ctx, a),
        Command::Serve(a) => commands::serve::run(&ctx, a),
    };
    match result {
        Ok(status) => status,
        // The reader has all it wanted (`reprint stories | head`).
        Err(e) if output::is_closed_pipe(&e) => ExitCode::from(output::CLOSED_PIPE),
        Err(e) => {
            output::eprintln(&format!("error: {}", one_line(&e)));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, each cause only when it says
/// something the line does not: a store error already quotes its SQLite
/// error, which repeats SQLite's description of its code ("unable to open
/// database file" three times, before).
fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        // SQLite's own errors read "Error code 14: unable to open …".
        let words = match text.split_once(": ") {
            Some((code, rest)) if code.starts_with("Error code ") => rest,
            _ => text.as_str(),
        };
        if line.contains(words) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        // html5ever logs every parse error it recovers from; pages are full of them.
        0 => "warn,html5ever=error",
        1 => "info,html5ever=error",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    // Colour codes only for a person at a terminal, not in a log file.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(ansi)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|l| l as _)
        }
    }

    #[test]
    fn causes_already_on_the_line_are_said_once() {
        // The shape of a store error over rusqlite over SQLite's code.
        let sqlite = Layer("Error code 5: database is locked", None);
        let rusqlite = Layer("database is locked", Some(Box::new(sqlite)));
        let store = Layer("x.db: database is locked", Some(Box::new(rusqlite)));
        let err = anyhow::Error::new(store).context("storing a batch of 3 pages (rolled back)");
        assert_eq!(
            one_line(&err),
            "storing a batch of 3 pages (rolled back): x.db: database is locked"
        );
        // A cause with words of its own is kept.
        let io = Layer("No such file or directory (os error 2)", None);
        let err = anyhow::Error::new(Layer("partners.toml: cannot read", Some(Box::new(io))));
        assert_eq!(
            one_line(&err),
            "partners.toml: cannot read: No such file or directory (os error 2)"
        );
    }
}
