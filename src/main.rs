//! The command line. Exit codes: 0 ok, 1 a problem with the user's input or files,
//! 2 an internal error (a bug: please report it).

use std::path::PathBuf;
use std::process::ExitCode;

use briefings::content::write::Outcome;
use briefings::import;
use clap::{Parser, Subcommand};

// Import and build make many small strings on several threads; glibc's allocator
// spent a sixth of the import's time on them (see benches/import.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    version,
    about = "Press-conference transcripts to a topic-indexed reading site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Turn raw transcripts into content files (Markdown with YAML front matter).
    ///
    /// Reads every file in transcripts/ (or the PATHs given), tells full transcripts,
    /// page fragments and summaries apart, reconciles them into briefings and writes
    /// content/briefings/<date-topic>/. Never overwrites a file edited by hand.
    Import {
        /// Transcript files or folders (default: every file in transcripts/).
        paths: Vec<PathBuf>,
        /// Where to write content files.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The folder read when no PATH is given.
        #[arg(long, default_value = "transcripts")]
        transcripts: PathBuf,
        /// Replace files that are still as generated but would now be written
        /// differently. Files edited by hand are never replaced.
        #[arg(long)]
        force: bool,
        /// List every file, not only those created, replaced or skipped.
        #[arg(long, short)]
        verbose: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(code) => code,
        Err(_) => {
            eprintln!(
                "internal error: this is a bug; please report it with the input that caused it"
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Import {
            paths,
            content,
            transcripts,
            force,
            verbose,
        } => {
            let options = import::Options {
                inputs: paths,
                transcripts_dir: transcripts,
                content_dir: content.clone(),
                force,
            };
            match import::run(&options) {
                Ok(done) => {
                    print_import(&done, &content, verbose);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    if matches!(e, import::ImportError::Inputs(_)) {
                        eprintln!("import: nothing was written");
                    }
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn print_import(done: &import::Imported, content: &std::path::Path, verbose: bool) {
    for (path, warning) in &done.warnings {
        eprintln!("{}: warning: {warning}", path.display());
    }
    for (path, outcome) in &done.report.files {
        if verbose || !matches!(outcome, Outcome::Unchanged) {
            println!("{}: {}", content.join(path).display(), outcome.describe());
        }
    }
    let exchanges: usize = done
        .archive
        .briefings
        .iter()
        .map(|b| b.exchanges.len())
        .sum();
    let r = &done.report;
    println!(
        "import: {} inputs -> {} briefings, {} exchanges; files: {} created, {} replaced, \
         {} unchanged, {} outdated (use --force), {} kept (edited by hand)",
        done.archive.sources.len(),
        done.archive.briefings.len(),
        exchanges,
        r.count(Outcome::Created),
        r.count(Outcome::Replaced),
        r.count(Outcome::Unchanged),
        r.count(Outcome::Outdated),
        r.count(Outcome::KeptEdited),
    );
}
