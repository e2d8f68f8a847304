//! The command line. Exit codes: 0 ok, 1 a problem with the user's input or files,
//! 2 an internal error (a bug: please report it).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use briefings::build;
use briefings::config::SiteConfig;
use briefings::content::write::Outcome;
use briefings::import;
use briefings::topics::{review, Topics};
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
    /// Render the site from content/, templates/, static/ and site.yaml.
    ///
    /// Writes into a temporary folder and swaps it in: a failed build leaves the
    /// previous site untouched.
    Build {
        /// Where to write the site (default: `output` in site.yaml, else public/). A
        /// folder a build made, an empty one or a new one; never the project, a folder
        /// above it, or content/, templates/, static/, transcripts/.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace the output folder even though it holds files a build did not write
        /// (they are deleted).
        #[arg(long)]
        force_output: bool,
        /// The site's public address, overriding `base_url` in site.yaml; for a GitHub
        /// Pages project site: https://USER.github.io/REPO/
        #[arg(long)]
        base_url: Option<String>,
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Skip the search index (faster previews; the search page then finds nothing).
        #[arg(long)]
        no_search: bool,
        /// Keep what the build made in DIR, and next time rebuild only what changed
        /// content files affect (for CI: keep DIR and the output between runs). A cache
        /// that does not match the inputs or the output is ignored: a whole build.
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
    },
    /// `serve`'s search indexer, run as a process of its own so that a rebuild can stop
    /// it and its memory is given back when it ends.
    #[command(name = "search-index", hide = true)]
    SearchIndex {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the index.
        output: PathBuf,
    },
    /// Preview the site while editing it: build, serve on 127.0.0.1, rebuild and
    /// reload open pages when content, templates, static files or site.yaml change.
    Serve {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; loopback unless told otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Re-import the transcripts when one changes (like `import --force`: files
        /// edited by hand are never replaced).
        #[arg(long)]
        import: bool,
    },
    /// Check the project as the build would, without writing anything.
    ///
    /// Config, topics, templates, every content file (front matter, names, links and
    /// their anchors), URLs, orders, copies, dates; then warnings: transcripts not
    /// imported, exchanges with no answer, answerers not on the roster, outlets or
    /// officials written two ways. Exit code 1 on any error.
    Check {
        /// The project folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Warnings are errors too (exit code 1).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Turn raw transcripts into content files (Markdown with YAML front matter).
    ///
    /// Reads every file in transcripts/ (or the PATHs given), tells full transcripts,
    /// page fragments and summaries apart, reconciles them into briefings and writes
    /// content/briefings/<date-topic>/. Never overwrites a file edited by hand.
    Import(ImportArgs),
    /// Show how every exchange in content/ is classified into topics, and why.
    ///
    /// For each exchange: its topics in the file, the classifier's, every topic's score
    /// and the phrases behind it (question or answers, paragraph number). Exchanges
    /// whose file says otherwise than the classifier are marked; `build` respects the
    /// file.
    Topics {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The site config, with the topics.
        #[arg(long, default_value = "site.yaml")]
        config: PathBuf,
        /// Show only exchanges whose file differs from the classifier.
        #[arg(long)]
        differences: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    briefings::panics::install_hook();
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(code) => code,
        Err(_) => {
            eprintln!(
                "internal error: this is a bug; please report it with the input that caused it: {}",
                briefings::panics::last().unwrap_or_default()
            );
            ExitCode::from(2)
        }
    }
}

/// `import`'s arguments.
#[derive(clap::Args)]
struct ImportArgs {
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
    /// All or nothing: one input that cannot be understood stops the import
    /// (by default the others are imported, and the exit code is 1).
    #[arg(long)]
    strict: bool,
    /// Show how FILE is read, line by line (what each line was taken for and
    /// why), without writing anything.
    #[arg(long, value_name = "FILE")]
    explain: Option<PathBuf>,
    /// The site config, with the topics.
    #[arg(long, default_value = "site.yaml")]
    config: PathBuf,
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            output,
            base_url,
            root,
            no_search,
            force_output,
            cache,
        } => {
            let mut options = build::Options::in_project(&root);
            options.output = output;
            options.base_url = base_url;
            options.search = !no_search;
            options.force_output = force_output;
            match cache {
                Some(dir) => run_cached_build(&options, &dir),
                None => run_build(&options),
            }
        }
        Command::Topics {
            content,
            config,
            differences,
        } => run_topics(&content, &config, differences),
        Command::Serve {
            root,
            port,
            bind,
            open,
            import,
        } => {
            // Absolute, so that the watcher's paths compare with the project's.
            let root = std::path::absolute(&root).unwrap_or(root);
            run_serve(briefings::serve::ServeOptions {
                build: build::Options::in_project(&root),
                bind,
                port,
                open,
                import,
            })
        }
        Command::SearchIndex { root, output } => run_search_index(&root, &output),
        Command::Check {
            root,
            deny_warnings,
        } => run_check(&build::Options::in_project(&root), deny_warnings),
        Command::Import(args) => run_import_command(args),
    }
}

/// `import`: the config's topics and layouts, then the transcripts (or one explained).
fn run_import_command(args: ImportArgs) -> ExitCode {
    let settings = import::settings(&args.config);
    if let Some(file) = args.explain {
        // The layouts help an explanation; without a config it still explains.
        let formats = settings.map(|(_, f)| f).unwrap_or_default();
        return run_explain(&file, &formats);
    }
    let (topics, formats) = match settings {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("{}", e.report());
            return ExitCode::from(1);
        }
    };
    let options = import::Options {
        inputs: args.paths,
        transcripts_dir: args.transcripts,
        content_dir: args.content,
        force: args.force,
        strict: args.strict,
        topics: &topics,
        formats: &formats,
    };
    run_import(&options, args.verbose)
}

/// `search-index`: serve's indexer, in a process of its own.
fn run_search_index(root: &Path, output: &Path) -> ExitCode {
    exit_with_parent();
    match build::search_index(&build::Options::in_project(root), output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.report());
            ExitCode::from(1)
        }
    }
}

/// `serve`'s indexer ends when `serve` does, however it ended (a killed server leaves
/// no indexer behind, working for nobody).
fn exit_with_parent() {
    #[cfg(unix)]
    {
        let parent = std::os::unix::process::parent_id();
        std::thread::spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_millis(200));
            if std::os::unix::process::parent_id() != parent {
                std::process::exit(1);
            }
        });
    }
}

fn run_serve(options: briefings::serve::ServeOptions) -> ExitCode {
    match briefings::serve::serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.report());
            ExitCode::from(1)
        }
    }
}

fn run_build(options: &build::Options) -> ExitCode {
    match build::build(options) {
        Ok(built) => {
            report_built(&built, "");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.report());
            eprintln!("build: nothing was written; the previous site is as it was");
            ExitCode::from(1)
        }
    }
}

/// A build's warnings, and its one line: what it made, where, how fast (and `how`).
fn report_built(built: &build::Built, how: &str) {
    for w in &built.warnings {
        eprintln!("{w}");
    }
    println!(
        "build: {} briefings, {} exchanges, {} pages into {} in {} ms{how}",
        built.briefings,
        built.exchanges,
        built.pages,
        built.output.display(),
        built.millis
    );
}

/// `build --cache DIR`.
fn run_cached_build(options: &build::Options, cache: &Path) -> ExitCode {
    match build::build_cached(options, cache) {
        Ok(done) => {
            if let Some(why) = &done.ignored {
                println!("build: the cache in {} is not used: {why}", cache.display());
            }
            let how = match done.changed {
                Some(0) => "nothing changed since the cached build".to_owned(),
                Some(n) => format!("{n} content files changed since the cached build"),
                None => "a whole build".to_owned(),
            };
            report_built(&done.built, &format!(" ({how})"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.report());
            eprintln!("build: the output is as the last good build left it; the cache was removed");
            ExitCode::from(1)
        }
    }
}

fn run_check(options: &build::Options, deny_warnings: bool) -> ExitCode {
    match build::check(options) {
        Ok(checked) => {
            for w in &checked.warnings {
                eprintln!("{w}");
            }
            println!(
                "check: {} briefings, {} exchanges; no error, {} warnings",
                checked.briefings,
                checked.exchanges,
                checked.warnings.len()
            );
            if deny_warnings && !checked.warnings.is_empty() {
                eprintln!("check: warnings are errors (--deny-warnings)");
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.report());
            eprintln!("check: {} errors", e.0.len());
            ExitCode::from(1)
        }
    }
}

fn run_topics(content: &Path, config: &Path, differences: bool) -> ExitCode {
    let topics = match load_topics(config) {
        Ok(t) => t,
        Err(code) => return code,
    };
    match review::review(content, &topics) {
        Ok(mut review) => {
            if differences {
                review.exchanges.retain(review::Reviewed::disagrees);
            }
            let report = review::Report {
                review: &review,
                topics: &topics,
            };
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{}", errors.report());
            ExitCode::from(1)
        }
    }
}

fn run_explain(file: &Path, formats: &briefings::transcript::Formats) -> ExitCode {
    match briefings::transcript::explain::explain_file(file, formats) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.report());
            ExitCode::from(1)
        }
    }
}

fn run_import(options: &import::Options, verbose: bool) -> ExitCode {
    match import::run(options) {
        Ok(done) => {
            print_import(&done, &options.content_dir, verbose);
            if done.refused.is_empty() {
                return ExitCode::SUCCESS;
            }
            for e in &done.refused {
                eprintln!("{}", e.report());
            }
            let refused: Vec<String> = done
                .refused
                .iter()
                .filter_map(|e| e.path.as_ref())
                .map(|p| p.display().to_string())
                .collect();
            eprintln!(
                "import: {} refused (see above), the others imported: {}",
                refused.len(),
                refused.join(", ")
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{}", e.report());
            if import::failed_on_inputs(&e) {
                eprintln!("import: nothing was written");
            }
            ExitCode::from(1)
        }
    }
}

/// The topics of the site config; a problem is printed and is a user error.
fn load_topics(config: &std::path::Path) -> Result<Topics, ExitCode> {
    let site = SiteConfig::load(config).map_err(|e| {
        eprintln!("{}", e.report());
        ExitCode::from(1)
    })?;
    Topics::of_site(&site, config).map_err(|e| {
        eprintln!("{}", e.report());
        ExitCode::from(1)
    })
}

fn print_import(done: &import::Imported, content: &std::path::Path, verbose: bool) {
    for (path, warning) in &done.warnings {
        eprintln!("{}: warning: {warning}", path.display());
    }
    for (path, outcome) in &done.report.files {
        if verbose || *outcome != Outcome::Unchanged {
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
        r.count(&Outcome::Created),
        r.count(&Outcome::Replaced),
        r.count(&Outcome::Unchanged),
        r.count(&Outcome::Outdated),
        r.count(&Outcome::KeptEdited),
    );
    let attention = r.files.iter().filter(|(_, o)| o.needs_attention()).count();
    let moved = r.count(&Outcome::Moved {
        from: Default::default(),
    });
    let removed = r.count(&Outcome::Removed);
    if moved + removed + attention > 0 {
        println!(
            "import: {moved} moved, {removed} removed (transcript corrections); \
             {attention} need a look (see above)"
        );
    }
}
