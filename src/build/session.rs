//! A build kept in memory between edits, for `serve`. The first build is whole; after
//! it, an edit of content files inside existing briefings renders only the routes it
//! affects (the page graph of `site::affected`): the briefing's pages, and the lists,
//! topic, official and outlet pages and feeds it can appear on, into a small staging
//! folder whose files then replace the served ones. Anything else (a template,
//! site.yaml, a briefing, exchange, official or outlet that comes or goes, briefings
//! in another order) is a whole build again: correct first, fast where it is safe.
//!
//! A failed rebuild changes nothing, and its paths are part of the next one, so that
//! a good edit elsewhere cannot hide an error that is still there.

use std::ops::Range;

use super::*;
use crate::site::affected;

/// What a whole build leaves for the partial rebuilds after it.
pub(super) struct Kept {
    /// The inputs, with the briefings (front matter) of the served site.
    pub(super) inputs: Inputs,
    /// Every briefing folder as read, to assemble the site again after an edit.
    pub(super) folders: Vec<load::Folder>,
    /// Each briefing's output, newest first, with every passage it has.
    pub(super) outs: Vec<BriefingOut>,
    /// Where each briefing's records lie in the data export.
    pub(super) spans: Vec<Range<u64>>,
    /// The site-wide routes, for the sitemap.
    pub(super) site_routes: Vec<Route>,
    /// Every `@/` link to an anchor, checked again when its page is made again.
    pub(super) anchored: Vec<AnchorCheck>,
}

/// What a rebuild wrote.
#[derive(Debug)]
pub struct Rebuilt {
    /// The pages made again, as URL paths (`/briefings/x/`); None: every page.
    pub pages: Option<Vec<String>>,
    /// How many files were written.
    pub files: usize,
    pub millis: u128,
    pub warnings: Vec<String>,
}

/// The served site and what it was made from.
pub struct Session {
    options: Options,
    kept: Option<Kept>,
    /// Edits whose rebuild failed: part of the next rebuild.
    pending: BTreeSet<PathBuf>,
    /// Briefings (by position) whose records in the data export are to be replaced.
    export_pending: Vec<(usize, String)>,
}

/// How an edit is rebuilt.
#[derive(Debug, PartialEq)]
enum Plan {
    Whole,
    /// Briefing folders (their names) with edited files, and the files' paths relative
    /// to the project; whether static files changed.
    Partial {
        folders: BTreeSet<String>,
        files: Vec<PathBuf>,
        static_files: bool,
    },
}

impl Session {
    /// `options.output` is where the site is served from; nothing is built yet.
    pub fn new(options: Options) -> Session {
        Session {
            options,
            kept: None,
            pending: BTreeSet::new(),
            export_pending: Vec::new(),
        }
    }

    /// A whole build.
    pub fn build(&mut self) -> Result<Rebuilt, Errors> {
        self.export_pending.clear();
        let (built, kept) = full_build(&self.options, true)?;
        self.kept = kept;
        self.pending.clear();
        Ok(Rebuilt {
            pages: None,
            files: built.pages,
            millis: built.millis,
            warnings: built.warnings,
        })
    }

    /// Rebuilds after `changed` (absolute paths of edited, added or removed files):
    /// only what they affect when that is safe, else the whole site. On an error the
    /// served site is the last good one.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Errors> {
        self.pending.extend(changed.iter().cloned());
        let paths: Vec<PathBuf> = self.pending.iter().cloned().collect();
        let result = match self.plan(&paths) {
            Plan::Whole => self.build(),
            Plan::Partial {
                folders,
                files,
                static_files,
            } => match self.partial(&folders, &files, static_files)? {
                Some(rebuilt) => Ok(rebuilt),
                None => self.build(),
            },
        };
        if result.is_ok() {
            self.pending.clear();
        }
        result
    }

    /// Writes what a partial rebuild left for after the pages: the data export's
    /// changed records. `serve` calls it once the browser has been told to reload.
    pub fn finish(&mut self) -> Result<(), Errors> {
        let Some(kept) = self.kept.as_mut() else {
            return Ok(());
        };
        if self.export_pending.is_empty() {
            return Ok(());
        }
        let path = output_of(&self.options, &kept.inputs.config).join(Route::Export.rel());
        let mut replaced: Vec<(usize, String)> = std::mem::take(&mut self.export_pending);
        replaced.sort_by_key(|(i, _)| *i);
        splice_export(&path, &mut kept.spans, replaced)
    }

    fn plan(&self, changed: &[PathBuf]) -> Plan {
        let Some(kept) = &self.kept else {
            return Plan::Whole;
        };
        let briefings = self.options.content.join("briefings");
        let mut folders = BTreeSet::new();
        let mut files = Vec::new();
        let mut static_files = false;
        for path in changed {
            if path.starts_with(&self.options.static_dir) {
                static_files = true;
                continue;
            }
            let Ok(rest) = path.strip_prefix(&briefings) else {
                return Plan::Whole;
            };
            let parts: Vec<&std::ffi::OsStr> = rest.iter().collect();
            let [folder, file] = parts.as_slice() else {
                // A folder that comes or goes, or a file deeper down.
                return Plan::Whole;
            };
            let folder = folder.to_string_lossy().into_owned();
            if !kept.folders.iter().any(|f| f.name == folder) {
                return Plan::Whole;
            }
            files.push(Path::new("content/briefings").join(&folder).join(file));
            folders.insert(folder);
        }
        Plan::Partial {
            folders,
            files,
            static_files,
        }
    }

    /// Renders the edited briefings and the site-wide pages they affect; None when the
    /// edit changes what a partial rebuild keeps (the set of pages, people, the order
    /// of briefings), so that a whole build is needed.
    fn partial(
        &mut self,
        names: &BTreeSet<String>,
        files: &[PathBuf],
        static_files: bool,
    ) -> Result<Option<Rebuilt>, Errors> {
        let started = Instant::now();
        let options = &self.options;
        let Some(kept) = self.kept.as_mut() else {
            return Ok(None);
        };
        let mut folders = kept.folders.clone();
        for name in names {
            let Some(fresh) = load::folder_named(&options.content, name, load::Bodies::Drop)?
            else {
                return Ok(None);
            };
            match folders.iter_mut().find(|f| &f.name == name) {
                Some(slot) => *slot = fresh,
                None => return Ok(None),
            }
        }
        let (briefings, index) = site::assemble(folders.clone(), &options.content)?;
        let same_pages = index == kept.inputs.index
            && briefings.len() == kept.inputs.briefings.len()
            && briefings
                .iter()
                .zip(&kept.inputs.briefings)
                .all(|(a, b)| a.slug == b.slug);
        if !same_pages {
            return Ok(None);
        }
        let positions: Vec<usize> = briefings
            .iter()
            .enumerate()
            .filter(|(_, b)| names.contains(&b.slug))
            .map(|(i, _)| i)
            .collect();

        let site = output_of(options, &kept.inputs.config);
        let staging = Staging::prepare(&site, &options.protected(), false)?;
        let staged = staging.dir().to_owned();
        let anchored = Mutex::new(Vec::new());
        let ctx = Ctx {
            config: &kept.inputs.config,
            topics: &kept.inputs.topics,
            urls: &kept.inputs.urls,
            index: &index,
            templates: &kept.inputs.templates,
            out: &staged,
            content: &options.content,
            anchored: &anchored,
        };
        let wanted = vec![true; ctx.topics.list().len()];
        let rendered: Vec<Result<BriefingOut, Errors>> = positions
            .par_iter()
            .map(|&i| render_briefing(briefings[i].clone(), &ctx, &wanted))
            .collect();
        let mut news = Vec::new();
        let mut errors = Vec::new();
        for r in rendered {
            match r {
                Ok(out) => news.push(out),
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        // The export's commas stay right only if a briefing keeps having records.
        let export_changes = positions
            .iter()
            .zip(&news)
            .any(|(&i, o)| kept.spans[i].is_empty() != o.json.is_empty());
        if export_changes {
            return Ok(None);
        }

        let only = site_routes_affected(kept, &briefings, &index, files, &positions, &news);
        // The new outputs take their places for the site-wide pages; put back if
        // anything fails.
        let mut olds: Vec<BriefingOut> = Vec::with_capacity(news.len());
        for (&i, out) in positions.iter().zip(news) {
            olds.push(std::mem::replace(&mut kept.outs[i], out));
        }
        let links = {
            let mut links: Vec<AnchorCheck> = kept
                .anchored
                .iter()
                .filter(|l| !names.iter().any(|n| in_folder(&l.path, options, n)))
                .cloned()
                .collect();
            links.extend(std::mem::take(
                &mut *anchored.lock().unwrap_or_else(|e| e.into_inner()),
            ));
            links
        };
        let written = (|| {
            some_site_pages(&kept.outs, &ctx, &only, &kept.site_routes)?;
            if kept.outs.iter().any(|o| o.has_code) {
                ctx.write("highlight.css", &highlight::stylesheet())?;
            }
            if static_files {
                copy_static(&options.static_dir, &staged)?;
            }
            check_partial_anchors(&staged, &site, &links)?;
            staging.merge().map_err(Errors::from)
        })();
        let written = match written {
            Ok(w) => w,
            Err(e) => {
                for (&i, old) in positions.iter().zip(olds) {
                    kept.outs[i] = old;
                }
                return Err(e);
            }
        };
        for &i in &positions {
            let json = std::mem::take(&mut kept.outs[i].json);
            self.export_pending.retain(|(j, _)| *j != i);
            self.export_pending.push((i, json));
        }
        kept.folders = folders;
        kept.inputs.briefings = briefings;
        kept.inputs.index = index;
        kept.anchored = links;
        let pages = if static_files {
            None
        } else {
            Some(
                written
                    .iter()
                    .map(|rel| {
                        let page = rel.strip_suffix("index.html").unwrap_or(rel);
                        kept.inputs.urls.path(page)
                    })
                    .collect(),
            )
        };
        Ok(Some(Rebuilt {
            pages,
            files: written.len(),
            millis: started.elapsed().as_millis(),
            warnings: Vec::new(),
        }))
    }
}

/// Where the site is written.
fn output_of(options: &Options, config: &SiteConfig) -> PathBuf {
    options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join(&config.output))
}

/// Whether a content file named in an error or a link (absolute, or relative to the
/// content folder) is in the briefing folder `name`.
fn in_folder(path: &Path, options: &Options, name: &str) -> bool {
    let rel = path.strip_prefix(&options.content).unwrap_or(path);
    rel.starts_with(Path::new("briefings").join(name))
}

/// The site-wide routes an edit of `files` affects, before and after it: lists,
/// feeds and the sitemap, the officials' and outlets' pages of the briefings, and the
/// topic pages whose exchanges, passages or points come from them.
fn site_routes_affected(
    kept: &Kept,
    briefings: &[Briefing],
    index: &Index,
    files: &[PathBuf],
    positions: &[usize],
    news: &[BriefingOut],
) -> BTreeSet<Route> {
    let topics: Vec<&str> = kept
        .inputs
        .topics
        .list()
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let mut routes = affected(&kept.inputs.briefings, &kept.inputs.index, &topics, &files).routes;
    routes.extend(affected(briefings, index, &topics, &files).routes);
    let olds = positions.iter().map(|&i| &kept.outs[i]);
    let mut touched = BTreeSet::new();
    for out in olds.chain(news) {
        touched.extend(out.exchanges.iter().flat_map(|e| e.topics.iter().cloned()));
        touched.extend(out.points.iter().flat_map(|p| p.topics.iter().cloned()));
        touched.extend(
            out.passages
                .iter()
                .map(|p| kept.inputs.topics.list()[p.topic].id.clone()),
        );
    }
    routes.retain(|r| match r {
        Route::Topic { id } | Route::TopicFeed { id } => touched.contains(id),
        _ => true,
    });
    routes
}

/// Links to anchors, looked for in the pages just made, else in the served ones.
fn check_partial_anchors(staged: &Path, site: &Path, links: &[AnchorCheck]) -> Result<(), Errors> {
    anchors_on(links.to_vec(), |page| {
        let fresh = staged.join(page).join("index.html");
        let file = if fresh.is_file() {
            fresh
        } else {
            site.join(page).join("index.html")
        };
        let html = fs::read_to_string(&file).map_err(io(&file))?;
        Ok(ids_in(&html))
    })
}

/// Replaces briefings' records in the data export (`replaced`, by position, in order)
/// and moves the spans after them; the file is replaced in one rename.
fn splice_export(
    path: &Path,
    spans: &mut [Range<u64>],
    replaced: Vec<(usize, String)>,
) -> Result<(), Errors> {
    let old = fs::read(path).map_err(io(path))?;
    let mut new = Vec::with_capacity(old.len());
    let mut at = 0usize;
    let mut shift: i64 = 0;
    let mut next = replaced.into_iter().peekable();
    for (i, span) in spans.iter_mut().enumerate() {
        let (start, end) = (span.start as usize, span.end as usize);
        let moved = |n: usize| (n as i64 + shift) as u64;
        match next.next_if(|(j, _)| *j == i) {
            Some((_, json)) => {
                new.extend_from_slice(&old[at..start]);
                new.extend_from_slice(json.as_bytes());
                at = end;
                let new_start = moved(start);
                shift += json.len() as i64 - (end - start) as i64;
                *span = new_start..new_start + json.len() as u64;
            }
            None => *span = moved(start)..moved(end),
        }
    }
    new.extend_from_slice(&old[at..]);
    let fresh = path.with_extension("json.new");
    fs::write(&fresh, &new).map_err(io(&fresh))?;
    fs::rename(&fresh, path).map_err(io(path))
}
