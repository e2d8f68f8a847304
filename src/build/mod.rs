//! `build`: content/ + templates/ + static/ + site.yaml -> the site. Each briefing is
//! rendered and written in parallel (its bodies parsed once, for its own pages, the
//! topic passages and the data export, then dropped); the site-wide pages are made
//! from the metadata left. The site is written to a temporary folder that replaces
//! the output only when everything succeeded.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::SiteConfig;
use crate::content::load::{self, Document};
use crate::error::{Error, Errors};
use crate::output::{Protected, Staging};
use crate::render::figures;
use crate::render::highlight;
use crate::render::markdown::{self, escape, Links, Rendered, Voice};
use crate::render::search;
use crate::render::templates::{placeholder, splice, Templates};
use crate::site::{self, Briefing, Index, Route, Urls};
use crate::topics::Topics;

mod briefing;
mod cache;
mod check;
mod cite;
mod context;
mod export;
mod feeds;
mod figure_pages;
mod lists;
mod pages;
mod people;
mod session;
mod topic_pages;
mod views;

use briefing::*;
pub use cache::{build_cached, Cached};
pub use check::{check, Checked};
use context::*;
use export::*;
use feeds::*;
use pages::*;
pub use session::{Rebuilt, Session};
use topic_pages::on_topic;
use views::*;

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub config: PathBuf,
    pub content: PathBuf,
    pub templates: PathBuf,
    pub static_dir: PathBuf,
    pub transcripts: PathBuf,
    /// None: the config's.
    pub output: Option<PathBuf>,
    /// None: the config's.
    pub base_url: Option<String>,
    /// Write the search index; off for quick previews.
    pub search: bool,
    /// Replace an output folder that holds files a build did not write.
    pub force_output: bool,
}

impl Options {
    /// The project's usual layout under `root`.
    pub fn in_project(root: &Path) -> Options {
        Options {
            root: root.to_owned(),
            config: root.join("site.yaml"),
            content: root.join("content"),
            templates: root.join("templates"),
            static_dir: root.join("static"),
            transcripts: root.join("transcripts"),
            output: None,
            base_url: None,
            search: true,
            force_output: false,
        }
    }

    /// What the output must never be or hold.
    fn protected(&self) -> Protected {
        Protected {
            project: self.root.clone(),
            inputs: vec![
                ("content", self.content.clone()),
                ("templates", self.templates.clone()),
                ("static", self.static_dir.clone()),
                ("transcripts", self.transcripts.clone()),
            ],
        }
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Errors + '_ {
    move |e| Error::io(path)(e).into()
}

/// What a build made.
#[derive(Debug)]
pub struct Built {
    pub output: PathBuf,
    /// The previous site, left for a session to remove after answering (else removed).
    pub previous: Option<PathBuf>,
    pub pages: usize,
    pub briefings: usize,
    pub exchanges: usize,
    pub warnings: Vec<String>,
    pub millis: u128,
}

impl Built {
    /// A build into `output` of `counts` (briefings, exchanges, pages) that began at
    /// `started`.
    fn new(
        output: PathBuf,
        previous: Option<PathBuf>,
        counts: [usize; 3],
        warnings: Vec<String>,
        started: Instant,
    ) -> Built {
        let [briefings, exchanges, pages] = counts;
        Built {
            output,
            previous,
            pages,
            briefings,
            exchanges,
            warnings,
            millis: started.elapsed().as_millis(),
        }
    }
}

/// The inputs of a build, read and checked: the config, topics, URLs, templates and
/// the site model (front matter only; bodies are read per briefing).
struct Inputs {
    config: SiteConfig,
    topics: Topics,
    urls: Urls,
    templates: Templates,
    briefings: Vec<Briefing>,
    index: Index,
}

/// The inputs that are not content: site.yaml (config, topics, URLs), templates.
struct SiteFiles {
    config: SiteConfig,
    topics: Topics,
    urls: Urls,
    templates: Templates,
}

impl SiteFiles {
    fn load(options: &Options) -> Result<SiteFiles, Errors> {
        let config = SiteConfig::load(&options.config)?;
        let topics = Topics::of_site(&config, &options.config)?;
        let urls = Urls::new(options.base_url.as_deref().unwrap_or(&config.base_url));
        let templates = Templates::load(&options.templates)?;
        Ok(SiteFiles {
            config,
            topics,
            urls,
            templates,
        })
    }

    fn with(self, briefings: Vec<Briefing>, index: Index) -> Inputs {
        Inputs {
            config: self.config,
            topics: self.topics,
            urls: self.urls,
            templates: self.templates,
            briefings,
            index,
        }
    }
}

impl Inputs {
    fn load(options: &Options) -> Result<Inputs, Errors> {
        // site.yaml and the templates first: their errors come before content's.
        let site = SiteFiles::load(options)?;
        let mut folders = load::folders(&options.content, load::Bodies::Drop)?;
        load::apply_aliases(&mut folders, &site.config);
        let (briefings, index) = site::assemble(folders, &options.content)?;
        Ok(site.with(briefings, index))
    }

    /// The inputs of a cached build: the config, topics, URLs and templates read
    /// again (the cache is used only when they did not change), the site model kept.
    fn reload(options: &Options, briefings: Vec<Briefing>, index: Index) -> Result<Inputs, Errors> {
        Ok(SiteFiles::load(options)?.with(briefings, index))
    }

    /// What every page's rendering reads, writing into `out`.
    fn ctx<'a>(
        &'a self,
        out: &'a Path,
        content: &'a Path,
        anchored: &'a Mutex<Vec<AnchorCheck>>,
    ) -> Ctx<'a> {
        Ctx {
            config: &self.config,
            topics: &self.topics,
            urls: &self.urls,
            index: &self.index,
            templates: &self.templates,
            out,
            content,
            anchored,
            search: false,
        }
    }
}

/// The build, as a list of steps: read the inputs, stage the output, render each
/// briefing, the site-wide pages, static files, check anchors, index for search, swap
/// the new site in. Each step is a [`stage`]: any failure leaves the old site.
pub fn build(options: &Options) -> Result<Built, Errors> {
    full_build(options, false).map(|(built, _)| built)
}

/// The whole build; with `keep`, also what a [`Session`] needs for partial rebuilds
/// after it: the inputs, each briefing's output, and where each briefing's records lie
/// in the data export.
fn full_build(options: &Options, keep: bool) -> Result<(Built, Option<session::Kept>), Errors> {
    let started = Instant::now();
    let mut inputs = Inputs::load(options)?;
    let briefings = std::mem::take(&mut inputs.briefings);
    let kept_briefings = keep.then(|| briefings.clone());
    let output = output_of(options, &inputs.config);
    let staging = stage("checking the output folder", || {
        Staging::prepare(&output, &options.protected(), options.force_output).map_err(Errors::from)
    })?;
    let anchored = Mutex::new(Vec::new());
    let mut ctx = inputs.ctx(staging.dir(), &options.content, &anchored);
    ctx.search = options.search;
    let warnings = unimported_transcripts(&options.transcripts, &briefings);
    let (done, spans, index) = stage("rendering briefings", || render_briefings(briefings, &ctx))?;
    let site_routes = stage("writing the site-wide pages", || site_pages(&done, &ctx))?;
    stage("copying static files", || {
        copy_static(&options.static_dir, staging.dir())
    })?;
    let links = std::mem::take(&mut *anchored.lock().unwrap_or_else(|e| e.into_inner()));
    let kept_links = keep.then(|| links.clone());
    stage("checking links to anchors", || {
        check_anchors(staging.dir(), links)
    })?;
    if let Some(index) = &index {
        stage("writing the search index", || {
            crate::fault::point("search");
            index
                .write(&staging.dir().join(search::DIR))
                .map_err(|e| failed("writing the search index", &e.to_string()))
        })?;
    }
    let (output, previous) = stage("swapping the new site in", || {
        if keep {
            staging.commit_keeping_old().map_err(Errors::from)
        } else {
            staging.commit().map(|o| (o, None)).map_err(Errors::from)
        }
    })?;
    let counts = site_counts(&done, &site_routes);
    let built = Built::new(output, previous, counts, warnings, started);
    let kept = match (kept_briefings, kept_links) {
        (Some(briefings), Some(anchored)) => {
            inputs.briefings = briefings;
            Some(session::Kept {
                inputs,
                outs: done,
                spans,
                site_routes,
                anchored,
                search: index,
            })
        }
        _ => None,
    };
    Ok((built, kept))
}

/// Builds the site of `options` with its search index beside `output` and keeps only
/// the index, at `output` (serve's indexer: the pages it serves are its own).
pub fn search_index(options: &Options, output: &Path) -> Result<(), Errors> {
    let mut name = output.file_name().unwrap_or_default().to_owned();
    name.push(".site");
    let site = output.with_file_name(name);
    let options = Options {
        output: Some(site.clone()),
        search: true,
        ..options.clone()
    };
    let built = build(&options);
    let moved = built.and_then(|_| fs::rename(site.join(search::DIR), output).map_err(io(output)));
    let _ = fs::remove_dir_all(&site);
    moved
}

/// Every briefing, newest first, in chunks rendered in parallel: a briefing's bodies
/// are freed when it is done, keeping what the site-wide pages show (metadata, the
/// passages that mention a topic). Content errors of every briefing are reported at
/// once.
/// Returns the outputs, where each briefing's records lie in the data export, and the
/// search index (when the build makes one), its documents in the briefings' order.
fn render_briefings(briefings: Vec<Briefing>, ctx: &Ctx<'_>) -> Result<Rendering, Errors> {
    let mut done = Vec::with_capacity(briefings.len());
    let mut content_errors = Vec::new();
    let export = Export::create(ctx.out)?;
    let index = ctx.search.then(search::Index::new);
    // The export and the index take each briefing's part in order, on a thread of
    // their own, while the next briefings render.
    let (send, parts) = std::sync::mpsc::sync_channel::<Part>(256);
    let mut remaining = briefings.into_iter();
    std::thread::scope(|scope| {
        let sink = scope.spawn(move || sink(export, index, parts));
        let rendered = (|| {
            loop {
                let chunk: Vec<Briefing> = remaining.by_ref().take(128).collect();
                if chunk.is_empty() {
                    return Ok(());
                }
                let outs: Vec<Result<BriefingOut, Errors>> = chunk
                    .into_par_iter()
                    .map(|b| render_briefing(b, ctx, Gather::All))
                    .collect();
                for r in outs {
                    match r {
                        Ok(mut o) => {
                            let part = Part {
                                year: o.card.year,
                                export: std::mem::take(&mut o.export),
                                search: std::mem::take(&mut o.search),
                            };
                            // A closed channel: the sink failed, and says why below.
                            if send.send(part).is_err() {
                                return Ok(());
                            }
                            done.push(o);
                        }
                        // Content errors (at lines of content files) of every briefing
                        // are gathered; any other stops the build at once.
                        Err(e) if e.all_at_lines() => content_errors.extend(e),
                        Err(other) => return Err(other),
                    }
                }
            }
        })();
        drop(send);
        let waited = Instant::now();
        let sunk = sink
            .join()
            .unwrap_or_else(|_| Err(failed("writing the data export", "a panic")));
        trace("waiting for the export and the index", waited);
        rendered?;
        if !content_errors.is_empty() {
            return Err(Errors(std::mem::take(&mut content_errors)));
        }
        let (spans, index) = sunk?;
        Ok((std::mem::take(&mut done), spans, index))
    })
}

/// Appends each briefing's records to the data export and its pages to the search
/// index, in the order they come; where each briefing's records lie in the export.
fn sink(
    mut export: Export,
    mut index: Option<search::Index>,
    parts: std::sync::mpsc::Receiver<Part>,
) -> Result<(Spans, Option<search::Index>), Errors> {
    let mut spans = Vec::new();
    for part in parts {
        spans.push((part.year, export.append(part.year, &part.export)?));
        if let Some(index) = &mut index {
            for document in part.search {
                index.add(document);
            }
        }
    }
    export.finish()?;
    Ok((spans, index))
}

/// What rendering the briefings leaves: their outputs, their spans in the data export,
/// the search index.
type Rendering = (Vec<BriefingOut>, Spans, Option<search::Index>);

/// Where each briefing's records lie in the data export: its year's file and the byte
/// range there.
type Spans = Vec<(u16, std::ops::Range<u64>)>;

/// What a briefing hands the export and the index.
struct Part {
    year: u16,
    export: Vec<u8>,
    search: Vec<search::Document>,
}

/// Runs one stage of the build. A panic in it, ours or a dependency's, becomes an
/// error naming the stage; the staging folder is removed as the stack unwinds, so
/// the previous site stays and nothing is left behind.
fn stage<T>(name: &'static str, work: impl FnOnce() -> Result<T, Errors>) -> Result<T, Errors> {
    let started = Instant::now();
    let result = run_stage(name, work);
    trace(name, started);
    result
}

/// With BRIEFINGS_TRACE set, how long `what` took since `started` goes to stderr (for
/// profiling).
fn trace(what: &str, started: Instant) {
    if std::env::var_os("BRIEFINGS_TRACE").is_some() {
        eprintln!("build: {what}: {:?}", started.elapsed());
    }
}

/// A site's briefings, exchanges and pages.
fn site_counts(outs: &[BriefingOut], site_routes: &[Route]) -> [usize; 3] {
    [
        outs.len(),
        outs.iter().map(|o| o.exchanges.len()).sum(),
        site_routes.len() + outs.iter().map(|o| o.pages.len()).sum::<usize>(),
    ]
}

/// Where the site goes: `--output`, else site.yaml's `output` in the project.
fn output_of(options: &Options, config: &SiteConfig) -> PathBuf {
    options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join(&config.output))
}

fn run_stage<T>(name: &'static str, work: impl FnOnce() -> Result<T, Errors>) -> Result<T, Errors> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let message = crate::panics::last().unwrap_or_else(|| {
            payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("a panic with no message")
                .to_owned()
        });
        Err(failed(name, &message))
    })
}

/// A stage failed in a way no input explains: a panic, in our code or a dependency's
/// (a full disk while the indexer writes, say).
fn failed(stage: &str, message: &str) -> Errors {
    Error::new(format!("the build failed while {stage}: {message}")).into()
}

/// Briefings on the home page, newest first.
const HOME_LATEST: usize = 10;
/// Entries in a feed, newest first.
const FEED_ENTRIES: usize = 100;

fn copy_static(from: &Path, to: &Path) -> Result<(), Errors> {
    if !from.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| io(from)(std::io::Error::other(e)))?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).map_err(io(&target))?;
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &target).map_err(io(&target))?;
        }
    }
    Ok(())
}

/// Transcripts that no briefing names as a source: probably not imported yet.
fn unimported_transcripts(dir: &Path, briefings: &[Briefing]) -> Vec<String> {
    let used: BTreeSet<&str> = briefings
        .iter()
        .flat_map(|b| &b.matter.sources)
        .map(|s| s.file.as_str())
        .collect();
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !used.contains(n.as_str()))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            format!(
                "{}: warning: no content comes from this transcript yet: run `cargo run -- import`",
                dir.join(n).display()
            )
        })
        .collect()
}
