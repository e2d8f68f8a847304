//! `import`: raw transcripts -> content files. Reads and parses every input (in
//! parallel), reconciles them, and writes content only if every input was understood.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::content::{self, write};
use crate::error::{Error, Errors};
use crate::topics::Topics;
use crate::transcript::{self, Archive, Briefing, Formats};

pub struct Options<'a> {
    /// Files or folders; empty means the transcripts folder.
    pub inputs: Vec<PathBuf>,
    pub transcripts_dir: PathBuf,
    pub content_dir: PathBuf,
    pub force: bool,
    /// All or nothing: one refused input stops the import. Otherwise each input is
    /// judged on its own, and the others are imported.
    pub strict: bool,
    /// Classifies exchanges and summary points into `topics`.
    pub topics: &'a Topics,
    /// Layouts `site.yaml` describes.
    pub formats: &'a Formats,
}

pub struct Imported {
    pub archive: Archive,
    pub report: write::Report,
    /// Warnings by input path.
    pub warnings: Vec<(PathBuf, String)>,
    /// Inputs that could not be understood, each with its error; the others were
    /// imported. Empty with `strict` (an error stops everything instead).
    pub refused: Vec<Error>,
}

/// Whether an import failed on its inputs (each error at a line of one of them), not
/// on reading or writing files: then nothing was written.
pub fn failed_on_inputs(errors: &Errors) -> bool {
    errors.all_at_lines()
}

pub fn run(options: &Options) -> Result<Imported, Errors> {
    let all = collect_inputs(options)?;
    let (paths, mut archive, refused) = if options.strict {
        let archive = understand(&all, options.formats)?;
        (all, archive, Vec::new())
    } else {
        understand_each(all, options.formats)?
    };
    // Taken once the inputs are understood: a refused input leaves no trace.
    let _lock = write::ImportLock::take(&options.content_dir)?;
    crate::fault::point("import-locked");
    archive
        .briefings
        .par_iter_mut()
        .for_each(|b| classify(b, options.topics));
    let warnings = archive
        .warnings
        .iter()
        .map(|(source, w)| (paths[*source].clone(), w.clone()))
        .collect();
    let folders = content::folder_names(&archive);
    let inputs: write::Inputs = archive.sources.iter().map(|s| s.file.clone()).collect();
    let planned: Vec<write::Planned> = archive
        .briefings
        .iter()
        .zip(&folders)
        .map(|(briefing, folder)| write::Planned {
            folder,
            sources: briefing
                .sources
                .iter()
                .map(|&s| archive.sources[s].file.as_str())
                .collect(),
        })
        .collect();
    // Folders made under an old name move first, so that no briefing is written twice.
    let (write_it, moves) =
        write::place_folders(&options.content_dir, &planned, &inputs, options.force)?;
    // Each briefing is rendered and written in one go, while its text is fresh.
    let mut reports = archive
        .briefings
        .par_iter()
        .zip(&folders)
        .zip(&write_it)
        .filter(|(_, &write_it)| write_it)
        .map(|((briefing, folder), _)| {
            let files = content::render_briefing(briefing, &archive.sources, folder);
            write::apply_folder(&options.content_dir, &files, &inputs, options.force)
        })
        .collect::<Result<Vec<_>, _>>()?;
    reports.push(moves);
    let report = write::Report::merge(reports);
    Ok(Imported {
        archive,
        report,
        warnings,
        refused,
    })
}

/// Every input judged on its own: those that cannot be parsed, or that reconcile with
/// nothing (a page or summary of no briefing), are set aside with their errors, and
/// the rest are reconciled. Returns the inputs kept, their archive and the refused.
fn understand_each(
    mut paths: Vec<PathBuf>,
    formats: &Formats,
) -> Result<(Vec<PathBuf>, Archive, Vec<Error>), Errors> {
    let mut refused = Vec::new();
    loop {
        match understand(&paths, formats) {
            Ok(archive) => return Ok((paths, archive, refused)),
            Err(errors) if failed_on_inputs(&errors) => {
                let bad: Vec<PathBuf> = errors.iter().filter_map(|e| e.path.clone()).collect();
                refused.extend(errors);
                paths.retain(|p| !bad.contains(p));
                if paths.is_empty() {
                    return Err(Errors(refused));
                }
            }
            Err(other) => return Err(other),
        }
    }
}

/// What import reads from site.yaml: the topics it classifies with, and the layouts
/// the site describes. One read of the config, for `import` and `serve --import`.
pub fn settings(config: &Path) -> Result<(Topics, Formats), Error> {
    let site = crate::config::SiteConfig::load(config)?;
    let topics = Topics::of_site(&site, config)?;
    // The config's own check compiled these already.
    let formats = Formats::compile(&site.formats).unwrap_or_default();
    Ok((topics, formats))
}

/// Fills the topics of every exchange and summary point.
pub fn classify(briefing: &mut Briefing, topics: &Topics) {
    for exchange in &mut briefing.exchanges {
        let question: Vec<&str> = exchange
            .question()
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        let answers: Vec<&str> = exchange.answers().map(|p| p.text.as_str()).collect();
        let classification = topics.classify(&question, &answers);
        // The strongest topic names a question that says little alone.
        let strongest = classification
            .scores
            .iter()
            .filter(|s| classification.primary.contains(&s.topic))
            .max_by(|a, b| a.score.total_cmp(&b.score))
            .map(|s| topics.list()[s.topic].name.as_str());
        let title = crate::content::exchange_title(&question, strongest);
        exchange.topics = topics.ids(&classification);
        exchange.title = Some(title);
    }
    if let Some(summary) = &mut briefing.summary {
        for point in &mut summary.points {
            let answers: Vec<&str> = point.paragraphs.iter().map(|p| p.text.as_str()).collect();
            point.topics = topics.ids(&topics.classify(&[&point.headline], &answers));
        }
    }
}

/// Reads, parses and reconciles the inputs; every problem of every input is reported.
pub fn understand(paths: &[PathBuf], formats: &Formats) -> Result<Archive, Errors> {
    let parsed: Vec<Result<transcript::Parsed, Error>> = paths
        .par_iter()
        .map(|path| {
            let bytes = fs::read(path).map_err(Error::io(path))?;
            transcript::parse_with(&file_name(path), bytes, formats).map_err(|e| e.in_file(path))
        })
        .collect();
    let mut ok = Vec::with_capacity(parsed.len());
    let mut errors = Vec::new();
    for result in parsed {
        match result {
            Ok(p) => ok.push(p),
            Err(e) if e.line.is_some() => errors.push(e),
            Err(other) => return Err(other.into()),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    // Reconcile names an input by its file name, which is unique among the inputs.
    transcript::reconcile(ok).map_err(|errors| {
        Errors(
            errors
                .into_iter()
                .map(|e| {
                    let path = paths
                        .iter()
                        .find(|p| e.path.as_deref() == Some(Path::new(&file_name(p))))
                        .cloned();
                    Error { path, ..e }
                })
                .collect(),
        )
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The input files, sorted: named files as given, folders' visible files one level deep.
fn collect_inputs(options: &Options) -> Result<Vec<PathBuf>, Error> {
    let roots = if options.inputs.is_empty() {
        vec![options.transcripts_dir.clone()]
    } else {
        options.inputs.clone()
    };
    let mut files = Vec::new();
    for root in &roots {
        let meta = fs::metadata(root).map_err(Error::io(root))?;
        if meta.is_file() {
            files.push(root.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = WalkDir::new(root)
            .min_depth(1)
            .max_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(walkdir::DirEntry::into_path)
            .collect();
        if found.is_empty() {
            return Err(Error::file(root, "no transcripts to import")
                .with_help("put raw transcript files (.txt) there, or name them: import PATH..."));
        }
        files.append(&mut found);
    }
    files.dedup();
    let mut names: Vec<(String, &PathBuf)> = files.iter().map(|p| (file_name(p), p)).collect();
    names.sort();
    if let Some(pair) = names.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(Error::input(
            1,
            None,
            format!(
                "two inputs are named {} (also {})",
                pair[0].0,
                pair[0].1.display()
            ),
            "content records sources by file name: rename one of them",
        )
        .in_file(pair[1].1));
    }
    Ok(files)
}
