//! A build kept in memory between edits, for `serve`. The first build is whole; after
//! it, an edit of content files inside existing briefings renders the briefing's pages
//! and, among the site-wide pages the page graph (`site::affected`) says it may
//! affect, those whose data changed, into a small staging folder whose files then
//! replace the served ones. A template edit remakes the pages that use it from the
//! kept model. Anything else (site.yaml, a briefing, exchange, official or outlet that
//! comes or goes, briefings in another order, a list that gains or loses a page) is a
//! whole build again: correct first, fast where it is safe.
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
    /// Each briefing's output, newest first.
    pub(super) outs: Vec<BriefingOut>,
    /// Where each briefing's records lie in the data export: its year's file, and
    /// the byte range there.
    pub(super) spans: Vec<(u16, Range<u64>)>,
    /// The site-wide routes, for the sitemap.
    pub(super) site_routes: Vec<Route>,
    /// Every `@/` link to an anchor, checked again when its page is made again.
    pub(super) anchored: Vec<AnchorCheck>,
    /// The search index, when the site has one (not in `serve`, whose index is built
    /// apart).
    pub(super) search: Option<search::Index>,
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
    export_pending: Vec<(usize, Vec<u8>)>,
    /// The site a whole build replaced, to remove; and what was kept of it, to drop
    /// (freeing ten thousand briefings' outputs takes a while): after the reload.
    previous: Option<PathBuf>,
    dropped: Option<Kept>,
    /// The briefings (positions) rebuilt since the session began; None once a whole
    /// build has run (every one).
    touched: Option<BTreeSet<usize>>,
}

/// How an edit is rebuilt.
#[derive(Debug, PartialEq)]
enum Plan {
    Whole,
    /// Templates (their file names) edited, nothing else.
    Templates(Vec<String>),
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
            previous: None,
            dropped: None,
            touched: Some(BTreeSet::new()),
        }
    }

    /// A session on a site built before, from what that build kept (a cached build).
    pub(super) fn resume(options: Options, kept: Kept) -> Session {
        let mut session = Session::new(options);
        session.kept = Some(kept);
        session
    }

    /// The briefings (positions) rebuilt since the session began; None when a whole
    /// build has run.
    pub(super) fn touched(&self) -> Option<BTreeSet<usize>> {
        self.touched.clone()
    }

    /// What the session keeps, once it is finished (a cached build stores it).
    pub(super) fn into_kept(self) -> Kept {
        self.kept.expect("a session that built keeps its state")
    }

    /// A whole build.
    pub fn build(&mut self) -> Result<Rebuilt, Errors> {
        self.export_pending.clear();
        let (mut built, kept) = full_build(&self.options, true)?;
        self.touched = None;
        self.dropped = std::mem::replace(&mut self.kept, kept);
        self.previous = built.previous.take();
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
            Plan::Templates(names) => match self.templates_only(&names)? {
                Some(rebuilt) => Ok(rebuilt),
                None => self.build(),
            },
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

    /// Does what a rebuild left for after the pages: removes the site a whole build
    /// replaced, writes the data export's changed records. `serve` calls it once the
    /// browser has been told to reload.
    pub fn finish(&mut self) -> Result<(), Errors> {
        self.dropped = None;
        if let Some(previous) = self.previous.take() {
            fs::remove_dir_all(&previous).map_err(io(&previous))?;
        }
        let Some(kept) = self.kept.as_mut() else {
            return Ok(());
        };
        if self.export_pending.is_empty() {
            return Ok(());
        }
        let site = output_of(&self.options, &kept.inputs.config);
        let mut replaced: Vec<(usize, Vec<u8>)> = std::mem::take(&mut self.export_pending);
        replaced.sort_by_key(|(i, _)| *i);
        let mut years: Vec<u16> = replaced.iter().map(|(i, _)| kept.spans[*i].0).collect();
        years.dedup();
        for year in years {
            let (these, rest) = replaced
                .into_iter()
                .partition(|(i, _)| kept.spans[*i].0 == year);
            replaced = rest;
            let path = site.join(export::year_file(year));
            export::splice(&path, &mut kept.spans, year, these)?;
        }
        Ok(())
    }

    fn plan(&self, changed: &[PathBuf]) -> Plan {
        let Some(kept) = &self.kept else {
            return Plan::Whole;
        };
        let templates: Vec<String> = changed
            .iter()
            .filter(|p| p.parent() == Some(self.options.templates.as_path()))
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect();
        if templates.len() == changed.len() {
            return Plan::Templates(templates);
        }
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
            if !kept.inputs.briefings.iter().any(|b| b.slug == folder) {
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

    /// After template edits: the pages that use them made again with the templates
    /// read anew, from the kept model and outputs (no front matter read, no data
    /// export written); a briefing's pages from its bodies, read again.
    fn templates_only(&mut self, names: &[String]) -> Result<Option<Rebuilt>, Errors> {
        let started = Instant::now();
        let Some(kept) = self.kept.as_mut() else {
            return Ok(None);
        };
        let templates = Templates::load(&self.options.templates)?;
        let topics: Vec<&str> = kept.inputs.topics.id_list();
        let files: Vec<PathBuf> = names
            .iter()
            .map(|n| Path::new("templates").join(n))
            .collect();
        let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let routes = affected(&kept.inputs.briefings, &kept.inputs.index, &topics, &files).routes;
        let remade: BTreeSet<&str> = routes
            .iter()
            .filter_map(|r| match r {
                Route::Briefing { slug } => Some(slug.as_str()),
                Route::Exchange { briefing, .. } | Route::Summary { briefing } => {
                    Some(briefing.as_str())
                }
                _ => None,
            })
            .collect();
        let site = output_of(&self.options, &kept.inputs.config);
        let staging = Staging::prepare(&site, &self.options.protected(), false)?;
        let staged = staging.dir().to_owned();
        let anchored = Mutex::new(Vec::new());
        let mut ctx = kept.inputs.ctx(&staged, &self.options.content, &anchored);
        ctx.templates = &templates;
        // The outputs are as kept: only the pages change; nothing is gathered.
        let chosen: Vec<&Briefing> = kept
            .inputs
            .briefings
            .iter()
            .filter(|b| remade.contains(b.slug.as_str()))
            .collect();
        let errors: Vec<Error> = chosen
            .par_chunks(64)
            .flat_map_iter(|chunk| {
                chunk
                    .iter()
                    .filter_map(|b| render_briefing((*b).clone(), &ctx, Gather::PagesOnly).err())
                    .flatten()
                    .collect::<Vec<_>>()
            })
            .collect();
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        some_site_pages(
            &kept.outs,
            &ctx,
            &routes,
            &kept.site_routes,
            &Default::default(),
        )?;
        // A template's ids are anchors too.
        let links: Vec<AnchorCheck> = kept.anchored.clone();
        check_partial_anchors(&staged, &site, &links, &[], &BTreeSet::new(), &self.options)?;
        let written = staging.merge()?;
        let pages = (written.len() <= MANY_PAGES).then(|| url_paths(&kept.inputs.urls, &written));
        kept.inputs.templates = templates;
        Ok(Some(Rebuilt {
            pages,
            files: written.len(),
            millis: started.elapsed().as_millis(),
            warnings: Vec::new(),
        }))
    }

    /// Renders the edited briefings and the site-wide pages they affect; None when the
    /// edit changes what a partial rebuild keeps (the set of pages, people, the order
    /// of briefings), so that a whole build is needed. On an error the kept state and
    /// the served site are as they were.
    fn partial(
        &mut self,
        names: &BTreeSet<String>,
        files: &[PathBuf],
        static_files: bool,
    ) -> Result<Option<Rebuilt>, Errors> {
        let started = Instant::now();
        let Some(kept) = self.kept.as_mut() else {
            return Ok(None);
        };
        let mut replaced: Vec<site::Replaced> = Vec::new();
        let result = partial_pages(
            kept,
            &self.options,
            names,
            files,
            static_files,
            &mut replaced,
        );
        let written = match result {
            Ok(Some(written)) => written,
            other => {
                // Put the old briefings back, last replaced first.
                for r in replaced.into_iter().rev() {
                    kept.inputs.briefings[r.position] = r.old;
                }
                return other.map(|_| None);
            }
        };
        for r in &replaced {
            if let Some(touched) = &mut self.touched {
                touched.insert(r.position);
            }
            let member = std::mem::take(&mut kept.outs[r.position].export);
            self.export_pending.retain(|(j, _)| *j != r.position);
            self.export_pending.push((r.position, member));
        }
        let pages = (!static_files).then(|| url_paths(&kept.inputs.urls, &written));
        Ok(Some(Rebuilt {
            pages,
            files: written.len(),
            millis: started.elapsed().as_millis(),
            warnings: Vec::new(),
        }))
    }
}

/// The partial rebuild's steps: each edited folder read again and put in place of
/// the old briefing (`replaced` says which, so that the caller can undo it), its
/// pages rendered, the site-wide pages whose data changed rendered, and all of them
/// moved into the served site. Returns the files written, or None when a whole build
/// is needed.
fn partial_pages(
    kept: &mut Kept,
    options: &Options,
    names: &BTreeSet<String>,
    files: &[PathBuf],
    static_files: bool,
    replaced: &mut Vec<site::Replaced>,
) -> Result<Option<Vec<String>>, Errors> {
    if !replace_folders(kept, options, names, replaced)? {
        return Ok(None);
    }
    let site = output_of(options, &kept.inputs.config);
    let staging = Staging::prepare(&site, &options.protected(), false)?;
    let staged = staging.dir().to_owned();
    let anchored = Mutex::new(Vec::new());
    let mut ctx = kept.inputs.ctx(&staged, &options.content, &anchored);
    ctx.search = kept.search.is_some();
    let mut news = render_replaced(&kept.inputs.briefings, replaced, &ctx)?;
    let index = match &kept.search {
        Some(index) => match index_with(index, &kept.outs, replaced, &mut news) {
            Some(index) => Some(index),
            None => return Ok(None),
        },
        None => None,
    };
    // A briefing that gains or loses its only records (a member in its year's file):
    // a whole build.
    if replaced
        .iter()
        .zip(&news)
        .any(|(r, o)| kept.spans[r.position].1.is_empty() != o.export.is_empty())
    {
        return Ok(None);
    }
    let only = site_routes_changed(kept, replaced, &news, files);
    let redo = lists_to_redo(kept, replaced, &news);
    // The new outputs take their places for the site-wide pages; put back if
    // anything fails.
    let mut olds: Vec<BriefingOut> = Vec::with_capacity(news.len());
    for (r, out) in replaced.iter().zip(news) {
        olds.push(std::mem::replace(&mut kept.outs[r.position], out));
    }
    let new_links = std::mem::take(&mut *anchored.lock().unwrap_or_else(|e| e.into_inner()));
    let written = (|| {
        let made = some_site_pages(&kept.outs, &ctx, &only, &kept.site_routes, &redo)?;
        // A list that now has another set of pages (a year more or less) leaves pages
        // behind and changes the sitemap: a whole build.
        if !same_list_pages(&made, &kept.site_routes) {
            return Ok(None);
        }
        if kept.outs.iter().any(|o| o.has_code) {
            ctx.write("highlight.css", &highlight::stylesheet())?;
        }
        if static_files {
            copy_static(&options.static_dir, &staged)?;
        }
        check_partial_anchors(&staged, &site, &kept.anchored, &new_links, names, options)?;
        let written = staging.merge().map_err(Errors::from)?;
        if let Some(index) = &index {
            index
                .update(&site.join(search::DIR))
                .map_err(Errors::from)?;
        }
        Ok(Some(written))
    })();
    if let Ok(Some(_)) = &written {
        if index.is_some() {
            kept.search = index;
        }
        kept.anchored
            .retain(|l| !names.iter().any(|n| in_folder(&l.path, options, n)));
        kept.anchored.extend(new_links);
    } else {
        for (r, old) in replaced.iter().zip(olds) {
            kept.outs[r.position] = old;
        }
    }
    written
}

/// The search index with the replaced briefings' new pages (taken from `news`) in
/// place of the old; None when a briefing has more or fewer pages than before, which
/// renumbers the rest: a whole build.
fn index_with(
    index: &search::Index,
    outs: &[BriefingOut],
    replaced: &[site::Replaced],
    news: &mut [BriefingOut],
) -> Option<search::Index> {
    let mut index = index.clone();
    for (r, out) in replaced.iter().zip(news) {
        let start: usize = outs[..r.position].iter().map(|o| o.documents).sum();
        let documents = std::mem::take(&mut out.search);
        if documents.len() != outs[r.position].documents || !index.replace(start, documents) {
            return None;
        }
    }
    Some(index)
}

/// For each list by briefing (a topic's, the figures) whose briefings the edits
/// leave as they were, the edited briefings' positions: only the list's pages that
/// show them change. (A briefing that comes onto a list or leaves it changes the
/// list's pages after it: those lists are not here, and all their pages are made
/// again.)
fn lists_to_redo(
    kept: &Kept,
    replaced: &[site::Replaced],
    news: &[BriefingOut],
) -> std::collections::BTreeMap<Route, BTreeSet<usize>> {
    let same = |on: &dyn Fn(&BriefingOut) -> bool| {
        replaced
            .iter()
            .zip(news)
            .all(|(r, new)| on(&kept.outs[r.position]) == on(new))
    };
    let positions: BTreeSet<usize> = replaced.iter().map(|r| r.position).collect();
    let mut redo = std::collections::BTreeMap::new();
    for (t, topic) in kept.inputs.topics.list().iter().enumerate() {
        if same(&|o| on_topic(o, t, &topic.id)) {
            let route = Route::Topic {
                id: topic.id.clone(),
            };
            redo.insert(route, positions.clone());
        }
    }
    // The figures' pages hold so many sentences each: the same number keeps them.
    let figures = |o: &BriefingOut| o.figures.len();
    if replaced
        .iter()
        .zip(news)
        .all(|(r, new)| figures(&kept.outs[r.position]) == figures(new))
    {
        redo.insert(Route::Figures, positions);
    }
    redo
}

/// Reads each edited folder again and puts its briefing in the old one's place,
/// recording it in `replaced`; false when one no longer fits the site as kept (gone,
/// moved in time, or changing the index).
fn replace_folders(
    kept: &mut Kept,
    options: &Options,
    names: &BTreeSet<String>,
    replaced: &mut Vec<site::Replaced>,
) -> Result<bool, Errors> {
    for name in names {
        let Some(mut folder) = load::folder_named(&options.content, name, load::Bodies::Drop)?
        else {
            return Ok(false);
        };
        load::apply_aliases(std::slice::from_mut(&mut folder), &kept.inputs.config);
        let briefings = &mut kept.inputs.briefings;
        let Some(r) = site::replace(briefings, &kept.inputs.index, folder, &options.content)?
        else {
            return Ok(false);
        };
        let index_changed = r.index.is_some();
        replaced.push(r);
        if index_changed {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The replaced briefings' pages, rendered in parallel; every content error at once.
fn render_replaced(
    briefings: &[Briefing],
    replaced: &[site::Replaced],
    ctx: &Ctx<'_>,
) -> Result<Vec<BriefingOut>, Errors> {
    let rendered: Vec<Result<BriefingOut, Errors>> = replaced
        .par_iter()
        .map(|r| render_briefing(briefings[r.position].clone(), ctx, Gather::All))
        .collect();
    let mut news = Vec::new();
    let mut errors = Vec::new();
    for r in rendered {
        match r {
            Ok(out) => news.push(out),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(news)
    } else {
        Err(Errors(errors))
    }
}

/// Beyond this many pages made again, every open page is told to reload rather than
/// sent the list.
const MANY_PAGES: usize = 1000;

/// The URL paths of written files (`briefings/x/index.html` -> `/briefings/x/`).
fn url_paths(urls: &Urls, written: &[String]) -> Vec<String> {
    written
        .iter()
        .map(|rel| urls.path(rel.strip_suffix("index.html").unwrap_or(rel)))
        .collect()
}

/// Whether a content file named in an error or a link (absolute, or relative to the
/// content folder) is in the briefing folder `name`.
fn in_folder(path: &Path, options: &Options, name: &str) -> bool {
    let rel = path.strip_prefix(&options.content).unwrap_or(path);
    rel.starts_with(Path::new("briefings").join(name))
}

/// The site-wide pages an edit changes: among those the page graph says it may
/// affect (`site::affected`, before and after the edit), the ones whose data differs
/// between the briefings' old outputs and `news`, as each page's view reads it.
fn site_routes_changed(
    kept: &Kept,
    replaced: &[site::Replaced],
    news: &[BriefingOut],
    files: &[PathBuf],
) -> BTreeSet<Route> {
    let topics: Vec<&str> = kept.inputs.topics.id_list();
    let files: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    // The page graph looks the edited briefings up by name: they are enough.
    let olds: Vec<Briefing> = replaced.iter().map(|r| r.old.clone()).collect();
    let news_: Vec<Briefing> = replaced
        .iter()
        .map(|r| kept.inputs.briefings[r.position].clone())
        .collect();
    let index = &kept.inputs.index;
    let mut may = affected(&olds, index, &topics, &files).routes;
    may.extend(affected(&news_, index, &topics, &files).routes);
    let mut changed = BTreeSet::new();
    for (r, new) in replaced.iter().zip(news) {
        changed.extend(data_changed(kept, r.position, &kept.outs[r.position], new));
    }
    changed.retain(|r| may.contains(r));
    changed
}

/// A briefing's output before and after an edit, as the site-wide pages read it.
struct Change<'a> {
    old: &'a BriefingOut,
    new: &'a BriefingOut,
    /// Whether the briefing's card (title, date, count) changed: every list that
    /// shows one of its exchanges shows the card too.
    card: bool,
}

impl<'a> Change<'a> {
    /// The exchanges `keep` selects, before and after.
    fn exchanges(
        &self,
        keep: impl Fn(&ExchangeMeta) -> bool,
    ) -> (Vec<&'a ExchangeMeta>, Vec<&'a ExchangeMeta>) {
        let pick = |o: &'a BriefingOut| o.exchanges.iter().filter(|e| keep(e)).collect();
        (pick(self.old), pick(self.new))
    }

    /// Whether what `pick` takes from the output is the same before and after.
    fn same<R: PartialEq>(&self, pick: impl Fn(&'a BriefingOut) -> R) -> bool {
        pick(self.old) == pick(self.new)
    }

    /// Whether the figures `keep` selects are shown as they were: the same figures,
    /// under the same exchange titles and briefing card.
    fn same_figures(&self, keep: impl Fn(&BriefingOut, &FigureMeta) -> bool) -> bool {
        let shown = |o: &'a BriefingOut| {
            o.figures
                .iter()
                .filter(|f| keep(o, f))
                .map(|f| {
                    let exchange = f.exchange.and_then(|i| o.exchanges.get(i as usize));
                    let page = exchange.map(|e| (&e.title, &e.url));
                    (
                        &f.sentence,
                        &f.marks,
                        o.voice(f),
                        &f.anchor,
                        &f.topics,
                        page,
                    )
                })
                .collect::<Vec<_>>()
        };
        let (old, new) = (shown(self.old), shown(self.new));
        old == new && (old.is_empty() || !self.card)
    }

    /// Whether a list showing the exchanges `keep` selects (with the card) changed;
    /// and whether their number did (the lists' counts).
    fn list(&self, keep: impl Fn(&ExchangeMeta) -> bool) -> (bool, bool) {
        let (a, b) = self.exchanges(keep);
        let shown = !(a.is_empty() && b.is_empty());
        (a != b || (self.card && shown), a.len() != b.len())
    }
}

/// The site-wide pages whose data differs between a briefing's `old` and `new`
/// output, the briefing being at `position` (newest first).
fn data_changed(kept: &Kept, position: usize, old: &BriefingOut, new: &BriefingOut) -> Vec<Route> {
    let change = Change {
        old,
        new,
        card: old.card != new.card,
    };
    let mut routes = lists_changed(&kept.outs[..position], &change);
    routes.extend(topics_changed(&kept.inputs.topics, &change));
    routes.extend(people_changed(&kept.inputs.index, &change));
    if !change.same_figures(|_, _| true) {
        routes.push(Route::Figures);
    }
    routes
}

/// Home, the briefings and topics lists and the site's feed, given the outputs of
/// the briefings `newer` than the edited one.
fn lists_changed(newer: &[BriefingOut], change: &Change<'_>) -> Vec<Route> {
    let mut routes = Vec::new();
    if change.card && newer.len() < HOME_LATEST {
        routes.push(Route::Home);
    }
    if !change.same(|o| o.exchanges.iter().map(|e| &e.topics).collect::<Vec<_>>()) {
        routes.extend([Route::Home, Route::Topics]);
    }
    if change.card {
        routes.push(Route::Briefings);
    }
    let newer_exchanges: usize = newer.iter().map(|o| o.exchanges.len()).sum();
    if change.old.exchanges != change.new.exchanges && newer_exchanges < FEED_ENTRIES {
        routes.push(Route::Feed);
    }
    routes
}

/// Each topic's pages and feed whose exchanges, passages or points changed.
fn topics_changed<'a>(topics: &Topics, change: &Change<'a>) -> Vec<Route> {
    let mut routes = Vec::new();
    for (t, topic) in topics.list().iter().enumerate() {
        let (exchanges, _) = change.list(|e| e.topics.contains(&topic.id));
        let passages = |o: &'a BriefingOut| {
            o.passages
                .iter()
                .filter(|p| p.topic == t)
                .collect::<Vec<_>>()
        };
        let points = |o: &'a BriefingOut| {
            o.points
                .iter()
                .filter(|p| p.topics.contains(&topic.id))
                .collect::<Vec<_>>()
        };
        let figures = change.same_figures(|_, f| f.on(t));
        if exchanges || !change.same(passages) || !change.same(points) || !figures {
            let id = topic.id.clone();
            routes.push(Route::TopicFeed { id: id.clone() });
            routes.push(Route::Topic { id });
        }
    }
    routes
}

/// The officials' and outlets' pages (and their lists' counts) that changed: an
/// official's answers or role, an outlet's questions.
fn people_changed(index: &Index, change: &Change<'_>) -> Vec<Route> {
    let mut routes = Vec::new();
    let (old, new) = (change.old, change.new);
    let officials: BTreeSet<&String> = [old, new]
        .iter()
        .flat_map(|o| {
            o.exchanges
                .iter()
                .flat_map(|e| &e.answered_by)
                .chain(o.roles.iter().map(|(n, _)| n))
                .chain(o.voices.iter())
        })
        .collect();
    for name in officials {
        let sits = |o: &BriefingOut| o.roles.iter().any(|(n, _)| n == name);
        let (page, count) = change.list(|e| e.answered_by.contains(name));
        if count {
            routes.push(Route::Speakers);
        }
        let same_role = change.same(|o| o.roles.iter().find(|(n, _)| n == name));
        let figures = change.same_figures(|o, f| o.voice(f) == Some(name.as_str()));
        // The roles list shows the card of every briefing where they sat.
        if page || !same_role || !figures || (change.card && (sits(old) || sits(new))) {
            routes.extend(
                index
                    .speakers
                    .get(name)
                    .map(|slug| Route::Speaker { slug: slug.clone() }),
            );
        }
    }
    let outlets: BTreeSet<&String> = [old, new]
        .iter()
        .flat_map(|o| o.exchanges.iter().filter_map(|e| e.asked_by.as_ref()))
        .collect();
    for outlet in outlets {
        let (page, count) = change.list(|e| e.asked_by.as_ref() == Some(outlet));
        if count {
            routes.push(Route::Outlets);
        }
        if page {
            routes.extend(
                index
                    .outlets
                    .get(outlet)
                    .map(|slug| Route::Outlet { slug: slug.clone() }),
            );
        }
    }
    routes
}

/// Whether each list among `made` (the briefings', a person's, a topic's) has the
/// pages it had.
fn same_list_pages(made: &[Route], site_routes: &[Route]) -> bool {
    let list_of = |r: &Route| match r {
        Route::Page { list, .. } => Some((**list).clone()),
        Route::Briefings
        | Route::Speaker { .. }
        | Route::Outlet { .. }
        | Route::Topic { .. }
        | Route::Figures => Some(r.clone()),
        _ => None,
    };
    let lists: BTreeSet<Route> = made.iter().filter_map(list_of).collect();
    let pages_of = |routes: &[Route]| -> BTreeSet<Route> {
        routes
            .iter()
            .filter(|r| list_of(r).is_some_and(|l| lists.contains(&l)))
            .cloned()
            .collect()
    };
    pages_of(made) == pages_of(site_routes)
}

/// Links to anchors: the edited briefings' own, and every link to a page made again;
/// looked for in the pages just made, else in the served ones.
fn check_partial_anchors(
    staged: &Path,
    site: &Path,
    kept: &[AnchorCheck],
    new: &[AnchorCheck],
    names: &BTreeSet<String>,
    options: &Options,
) -> Result<(), Errors> {
    let remade = |l: &AnchorCheck| staged.join(&l.page).join("index.html").is_file();
    let links: Vec<AnchorCheck> = kept
        .iter()
        .filter(|l| !names.iter().any(|n| in_folder(&l.path, options, n)) && remade(l))
        .chain(new)
        .cloned()
        .collect();
    anchors_on(links, |page| {
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
