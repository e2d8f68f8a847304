//! `build`: content/ + templates/ + static/ + site.yaml -> the site. Each briefing is
//! rendered and written in parallel (its bodies parsed once, for its own pages, the
//! topic passages and the data export, then dropped); the site-wide pages are made
//! from the metadata left. The site is written to a temporary folder that replaces
//! the output only when everything succeeded.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::{ConfigError, SiteConfig};
use crate::content::load::{self, ContentError, Document};
use crate::output::{OutputError, Protected, Staging};
use crate::render::highlight;
use crate::render::markdown::{self, escape, Links, Rendered};
use crate::render::templates::{placeholder, splice, TemplateError, Templates};
use crate::site::{self, Briefing, Index, Urls};
use crate::topics::Topics;

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
    /// Write the search index (Pagefind); off for quick previews.
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

#[derive(Debug)]
pub enum BuildError {
    Config(ConfigError),
    Content(Vec<ContentError>),
    Template(TemplateError),
    Output(OutputError),
    /// A stage failed in a way no input explains: a panic, in our code or a
    /// dependency's (a full disk while the indexer writes, say).
    Failed {
        stage: &'static str,
        message: String,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Config(e) => write!(f, "{e}"),
            BuildError::Content(errors) => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
            BuildError::Template(e) => write!(f, "{e}"),
            BuildError::Output(e) => write!(f, "{e}"),
            BuildError::Failed { stage, message } => {
                write!(f, "error: the build failed while {stage}: {message}")
            }
            BuildError::Io { path, source } => write!(f, "{}: error: {source}", path.display()),
        }
    }
}

impl std::error::Error for BuildError {}

fn io(path: &Path) -> impl Fn(std::io::Error) -> BuildError + '_ {
    move |source| BuildError::Io {
        path: path.to_owned(),
        source,
    }
}

/// What a build made.
#[derive(Debug)]
pub struct Built {
    pub output: PathBuf,
    pub pages: usize,
    pub briefings: usize,
    pub exchanges: usize,
    pub warnings: Vec<String>,
    pub millis: u128,
}

pub fn build(options: &Options) -> Result<Built, BuildError> {
    let started = Instant::now();
    let config = SiteConfig::load(&options.config).map_err(BuildError::Config)?;
    let topics = Topics::new(&config.topics, config.classifier).map_err(|e| {
        BuildError::Config(ConfigError {
            path: options.config.clone(),
            line: 1,
            column: None,
            message: format!("topic {:?}: {}", e.topic, e.message),
        })
    })?;
    let urls = Urls::new(options.base_url.as_deref().unwrap_or(&config.base_url));
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join(&config.output));
    let templates = Templates::load(&options.templates).map_err(BuildError::Template)?;
    // Front matter for the whole site; each briefing's bodies are read when it is
    // rendered, so they are in memory one chunk at a time.
    let folders =
        load::folders(&options.content, load::Bodies::Drop).map_err(BuildError::Content)?;
    let (briefings, index) =
        site::assemble(folders, &options.content).map_err(BuildError::Content)?;

    let staging = stage("checking the output folder", || {
        Staging::prepare(&output, &options.protected(), options.force_output)
            .map_err(BuildError::Output)
    })?;
    let anchored = Mutex::new(Vec::new());
    let ctx = Ctx {
        config: &config,
        topics: &topics,
        urls: &urls,
        index: &index,
        templates: &templates,
        out: staging.dir(),
        content: &options.content,
        anchored: &anchored,
    };
    let warnings = unimported_transcripts(&options.transcripts, &briefings);
    // Newest first, in chunks rendered in parallel: a briefing's bodies are freed
    // when it is done, and once a topic page has its newest passages, later
    // briefings only count theirs.
    let done = stage("rendering briefings", || {
        let mut done = Vec::with_capacity(briefings.len());
        let mut content_errors = Vec::new();
        let mut passages_kept = vec![0usize; topics.list().len()];
        let mut export = JsonArray::create(&staging.dir().join("data/exchanges.json"))?;
        let mut remaining = briefings.into_iter();
        loop {
            let chunk: Vec<Briefing> = remaining.by_ref().take(128).collect();
            if chunk.is_empty() {
                break;
            }
            let wanted: Vec<bool> = passages_kept
                .iter()
                .map(|&n| n < PASSAGES_PER_TOPIC)
                .collect();
            let outs: Vec<Result<BriefingOut, BuildError>> = chunk
                .into_par_iter()
                .map(|b| render_briefing(b, &ctx, &wanted))
                .collect();
            for r in outs {
                match r {
                    Ok(mut o) => {
                        for p in &o.passages {
                            passages_kept[p.topic] += 1;
                        }
                        export.append(&std::mem::take(&mut o.json))?;
                        done.push(o);
                    }
                    Err(BuildError::Content(mut e)) => content_errors.append(&mut e),
                    Err(other) => return Err(other),
                }
            }
        }
        if !content_errors.is_empty() {
            return Err(BuildError::Content(content_errors));
        }
        export.finish()?;
        Ok(done)
    })?;
    let site_pages_count = stage("writing the site-wide pages", || site_pages(&done, &ctx))?;
    stage("copying static files", || {
        copy_static(&options.static_dir, staging.dir())
    })?;
    stage("checking links to anchors", || {
        let links = std::mem::take(&mut *anchored.lock().unwrap_or_else(|e| e.into_inner()));
        check_anchors(staging.dir(), links)
    })?;
    if options.search {
        stage("writing the search index", || {
            crate::fault::point("search");
            crate::render::search::write_index(staging.dir()).map_err(|message| {
                BuildError::Failed {
                    stage: "writing the search index",
                    message,
                }
            })
        })?;
    }
    let output = stage("swapping the new site in", || {
        staging.commit().map_err(BuildError::Output)
    })?;
    let exchanges: usize = done.iter().map(|o| o.exchanges.len()).sum();
    let pages = site_pages_count + done.iter().map(|o| o.pages.len()).sum::<usize>();
    Ok(Built {
        output,
        pages,
        briefings: done.len(),
        exchanges,
        warnings,
        millis: started.elapsed().as_millis(),
    })
}

/// Runs one stage of the build. A panic in it, ours or a dependency's, becomes an
/// error naming the stage; the staging folder is removed as the stack unwinds, so
/// the previous site stays and nothing is left behind.
fn stage<T>(
    name: &'static str,
    work: impl FnOnce() -> Result<T, BuildError>,
) -> Result<T, BuildError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let message = crate::panics::last().unwrap_or_else(|| {
            payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("a panic with no message")
                .to_owned()
        });
        Err(BuildError::Failed {
            stage: name,
            message,
        })
    })
}

/// Everything a briefing's rendering reads.
struct Ctx<'a> {
    config: &'a SiteConfig,
    topics: &'a Topics,
    urls: &'a Urls,
    index: &'a Index,
    templates: &'a Templates,
    out: &'a Path,
    content: &'a Path,
    /// `@/` links to anchors, checked once every page is written.
    anchored: &'a Mutex<Vec<AnchorCheck>>,
}

/// An `@/...#anchor` link: the page it leads to exists; the anchor is looked for in
/// that page as written.
#[derive(Debug)]
struct AnchorCheck {
    path: PathBuf,
    line: usize,
    link: String,
    page: String,
    id: String,
}

impl Ctx<'_> {
    fn site(&self) -> SiteCtx<'_> {
        SiteCtx {
            title: &self.config.title,
            base_path: &self.urls.base_path,
            base_url: &self.urls.base_url,
            language: &self.config.language,
        }
    }

    fn page(&self, title: &str, description: &str, rel: &str, section: &'static str) -> PageCtx {
        PageCtx {
            title: title.to_owned(),
            description: description.to_owned(),
            url: self.urls.absolute(rel),
            section,
            has_code: false,
            og_type: "website",
        }
    }

    fn topic_badges(&self, ids: &[String]) -> Vec<TopicBadge> {
        ids.iter()
            .filter_map(|id| self.topics.index_of(id))
            .map(|t| {
                let topic = &self.topics.list()[t];
                TopicBadge {
                    id: topic.id.clone(),
                    name: topic.name.clone(),
                    url: self.urls.path(&format!("topics/{}/", topic.id)),
                }
            })
            .collect()
    }

    /// Writes a page at `rel` (`briefings/x/` -> `briefings/x/index.html`).
    fn page_path(&self, rel: &str) -> PathBuf {
        if rel.is_empty() || rel.ends_with('/') {
            self.out.join(rel).join("index.html")
        } else {
            self.out.join(rel)
        }
    }

    fn write(&self, rel: &str, text: &str) -> Result<(), BuildError> {
        let path = self.page_path(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        fs::write(&path, text).map_err(io(&path))
    }

    fn render_page<T: Serialize>(
        &self,
        template: &str,
        rel: &str,
        data: &T,
    ) -> Result<(), BuildError> {
        self.render_page_with(template, rel, data, &[])
    }

    /// A page whose data carries placeholders for `bodies` (see `templates::splice`).
    fn render_page_with<T: Serialize>(
        &self,
        template: &str,
        rel: &str,
        data: &T,
        bodies: &[&str],
    ) -> Result<(), BuildError> {
        let rendered = self
            .templates
            .render(template, data)
            .map_err(BuildError::Template)?;
        self.write_parts(rel, &splice(&rendered, bodies))
    }

    /// Writes a page made of pieces with one vectored write, no joined copy.
    fn write_parts(&self, rel: &str, parts: &[&str]) -> Result<(), BuildError> {
        use std::io::{IoSlice, Write};
        let path = self.page_path(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let mut file = fs::File::create(&path).map_err(io(&path))?;
        let mut slices: Vec<IoSlice<'_>> = parts
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| IoSlice::new(p.as_bytes()))
            .collect();
        let mut slices = &mut slices[..];
        while !slices.is_empty() {
            let n = file.write_vectored(slices).map_err(io(&path))?;
            if n == 0 {
                return Err(BuildError::Io {
                    path,
                    source: std::io::ErrorKind::WriteZero.into(),
                });
            }
            IoSlice::advance_slices(&mut slices, n);
        }
        Ok(())
    }

    /// Reads a document's body and renders it, mapping broken `@/` links to errors
    /// at their line.
    fn markdown(&self, doc: &Document, prefix: &str) -> Result<Rendered, ContentError> {
        let body = doc.read_body(self.content)?;
        let speaker_url = |name: &str| self.index.speaker_url(name, self.urls);
        let resolve = |link: &str| self.index.resolve(link, self.urls);
        let links = Links {
            speaker_url: &speaker_url,
            resolve: &resolve,
            allow_raw_html: self.config.allow_raw_html,
        };
        let line_at =
            |offset: usize| doc.body_line + body[..offset.min(body.len())].matches('\n').count();
        let rendered = markdown::render(&body, prefix, &links).map_err(|broken| {
            let first = &broken[0];
            let line = line_at(first.offset);
            ContentError {
                path: self.content.join(&doc.path),
                line,
                column: None,
                message: format!(
                    "link to {} leads nowhere: no such content file{}",
                    first.link,
                    if broken.len() > 1 {
                        format!(" ({} more broken links in this file)", broken.len() - 1)
                    } else {
                        String::new()
                    }
                ),
            }
        })?;
        if !rendered.anchored.is_empty() {
            let checks = rendered.anchored.iter().filter_map(|a| {
                let (page, id) = self.index.locate(&a.link)?;
                Some(AnchorCheck {
                    path: self.content.join(&doc.path),
                    line: line_at(a.offset),
                    link: a.link.clone(),
                    page: page.to_owned(),
                    id: id?,
                })
            });
            let mut anchored = self.anchored.lock().unwrap_or_else(|e| e.into_inner());
            anchored.extend(checks);
        }
        Ok(rendered)
    }
}

/// Every `@/` link to an anchor leads to an element with that id on its page.
fn check_anchors(site: &Path, links: Vec<AnchorCheck>) -> Result<(), BuildError> {
    let mut by_page: std::collections::BTreeMap<&str, Vec<&AnchorCheck>> = Default::default();
    for link in &links {
        by_page.entry(&link.page).or_default().push(link);
    }
    let mut errors = Vec::new();
    for (page, links) in by_page {
        let file = site.join(page).join("index.html");
        let html = fs::read_to_string(&file).map_err(io(&file))?;
        let ids: BTreeSet<&str> = html
            .split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        for link in links.into_iter().filter(|l| !ids.contains(l.id.as_str())) {
            errors.push(ContentError {
                path: link.path.clone(),
                line: link.line,
                column: None,
                message: format!(
                    "link to {} leads nowhere: its page has no anchor #{} (paragraphs are \
                     #p1, #p2..., turns #t1, #t2...)",
                    link.link, link.id
                ),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        errors.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        Err(BuildError::Content(errors))
    }
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    base_path: &'a str,
    base_url: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct PageCtx {
    title: String,
    description: String,
    url: String,
    section: &'static str,
    has_code: bool,
    og_type: &'static str,
}

#[derive(Serialize, Clone)]
struct TopicBadge {
    id: String,
    name: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct NameUrl {
    name: String,
    url: String,
}

/// An exchange as site-wide pages show it.
#[derive(Serialize, Clone)]
struct ExchangeMeta {
    briefing_title: String,
    briefing_url: String,
    date: String,
    date_text: String,
    title: String,
    url: String,
    abs_url: String,
    asked_by: Option<String>,
    asked_by_text: String,
    answered_by: Vec<String>,
    topics: Vec<String>,
    /// The question's opening, for feeds.
    summary: String,
}

#[derive(Serialize, Clone)]
struct BriefingCard {
    title: String,
    date: String,
    date_text: String,
    url: String,
    exchanges: usize,
}

#[derive(Serialize, Clone)]
struct Passage {
    #[serde(skip)]
    topic: usize,
    snippet: String,
    speaker: Option<String>,
    url: String,
    context: String,
}

#[derive(Serialize, Clone)]
struct PointMeta {
    #[serde(skip)]
    topics: Vec<String>,
    headline: String,
    url: String,
    date_text: String,
}

/// What a briefing leaves for the site-wide pages.
struct BriefingOut {
    card: BriefingCard,
    exchanges: Vec<ExchangeMeta>,
    passages: Vec<Passage>,
    /// Per topic: whether passages were left out because it had enough newer ones.
    passages_left_out: Vec<bool>,
    points: Vec<PointMeta>,
    roles: Vec<(String, String)>,
    /// This briefing's records of the data export, as JSON; appended to
    /// data/exchanges.json (in order) when its chunk is done, then emptied.
    json: String,
    has_code: bool,
    pages: Vec<String>,
}

/// "2024-07-26" -> "26 July 2024".
pub fn date_text(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return date.to_owned();
    };
    match (m.parse::<usize>(), d.parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
        _ => date.to_owned(),
    }
}

fn asked_by_text(asked_by: Option<&str>) -> String {
    asked_by.map_or_else(|| "a reporter (outlet not given)".to_owned(), str::to_owned)
}

/// A passage around a mention: up to `radius` characters each side, the phrase marked.
fn snippet(text: &str, start: usize, end: usize, radius: usize) -> String {
    let before: String = {
        let chars: Vec<char> = text[..start].chars().rev().take(radius + 1).collect();
        let cut = chars.len() > radius;
        let mut s: String = chars
            .into_iter()
            .take(radius)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if cut {
            if let Some(space) = s.find(' ') {
                s = s[space + 1..].to_owned();
            }
            s.insert(0, '…');
        }
        s
    };
    let after: String = {
        let mut s: String = text[end..].chars().take(radius).collect();
        if text[end..].chars().nth(radius).is_some() {
            if let Some(space) = s.rfind(' ') {
                s.truncate(space);
            }
            s.push('…');
        }
        s
    };
    format!(
        "{}<mark>{}</mark>{}",
        escape(&before),
        escape(&text[start..end]),
        escape(&after)
    )
}

/// Renders and writes one briefing's pages; `wanted` says for which topics its passages
/// are still needed (the others are only counted).
fn render_briefing(b: Briefing, ctx: &Ctx<'_>, wanted: &[bool]) -> Result<BriefingOut, BuildError> {
    let b = &b;
    let urls = ctx.urls;
    let m = &b.matter;
    let content_errors = |e: ContentError| BuildError::Content(vec![e]);
    let date_text = date_text(&m.date);
    let briefing_url = urls.path(&b.rel);
    let mut has_code = false;
    let mut passages = Vec::new();
    let mut passages_left_out = vec![false; wanted.len()];
    // Once every topic page has its newest passages, older briefings are not searched.
    let any_wanted = wanted.iter().any(|&w| w);
    let mut matcher = ctx.topics.matcher();
    let mut collect_passages =
        |paragraphs: &[markdown::Paragraph], page_rel: &str, context: &str| {
            if !any_wanted {
                passages_left_out.iter_mut().for_each(|l| *l = true);
                return;
            }
            for p in paragraphs {
                let mut seen = Vec::new();
                for mention in matcher.mentions(&p.text) {
                    if seen.contains(&mention.topic) {
                        continue;
                    }
                    seen.push(mention.topic);
                    if !wanted[mention.topic] {
                        passages_left_out[mention.topic] = true;
                        continue;
                    }
                    passages.push(Passage {
                        topic: mention.topic,
                        snippet: snippet(&p.text, mention.start, mention.end, 120),
                        speaker: p.speaker.clone(),
                        url: format!("{}#{}", urls.path(page_rel), p.anchor),
                        context: context.to_owned(),
                    });
                }
            }
        };

    let opening = ctx.markdown(&b.index, "opening").map_err(content_errors)?;
    has_code |= opening.has_code;
    collect_passages(
        &opening.paragraphs,
        &b.rel,
        &format!("Opening remarks, {}, {date_text}", m.title),
    );
    let closing = match &b.closing {
        Some((_, doc)) => Some(ctx.markdown(doc, "closing").map_err(content_errors)?),
        None => None,
    };

    // Exchanges: rendered once; their HTML goes on their page and the briefing page.
    struct Done {
        /// The question's text, for feeds and descriptions.
        question: String,
        html: String,
        topics: Vec<String>,
        paragraphs: Vec<markdown::Paragraph>,
    }
    let mut done = Vec::with_capacity(b.exchanges.len());
    let mut errors = Vec::new();
    for e in &b.exchanges {
        let rendered = match ctx.markdown(&e.doc, &e.stem) {
            Ok(r) => r,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        has_code |= rendered.has_code;
        let question: Vec<&str> = rendered
            .paragraphs
            .iter()
            .filter(|p| p.speaker.as_deref() == Some(e.matter.asker()))
            .map(|p| p.text.as_str())
            .collect();
        let question_text = question.join(" ");
        let topics = match &e.matter.topics {
            Some(ids) => {
                for id in ids {
                    if ctx.topics.index_of(id).is_none() {
                        errors.push(ContentError {
                            path: ctx.content.join(&e.doc.path),
                            line: site::line_of_key(&e.doc, "topics"),
                            column: None,
                            message: format!(
                                "unknown topic {id:?}: the topics are {} (site.yaml)",
                                ctx.topics
                                    .list()
                                    .iter()
                                    .map(|t| t.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        });
                    }
                }
                ids.clone()
            }
            None => {
                let answers: Vec<&str> = rendered
                    .paragraphs
                    .iter()
                    .filter(|p| {
                        p.speaker
                            .as_deref()
                            .is_some_and(|s| e.matter.answered_by.iter().any(|a| a == s))
                    })
                    .map(|p| p.text.as_str())
                    .collect();
                ctx.topics
                    .classify(&question, &answers)
                    .primary
                    .iter()
                    .map(|&t| ctx.topics.list()[t].id.clone())
                    .collect()
            }
        };
        collect_passages(
            &rendered.paragraphs,
            &e.rel,
            &format!("{}, {}, {date_text}", e.matter.title, m.title),
        );
        done.push(Done {
            question: question_text,
            html: rendered.html,
            topics,
            paragraphs: rendered.paragraphs,
        });
    }
    if !errors.is_empty() {
        return Err(BuildError::Content(errors));
    }
    if let Some(c) = &closing {
        has_code |= c.has_code;
        collect_passages(
            &c.paragraphs,
            &b.rel,
            &format!("Closing remarks, {}, {date_text}", m.title),
        );
    }

    let metas: Vec<ExchangeMeta> = b
        .exchanges
        .iter()
        .zip(&done)
        .map(|(e, d)| ExchangeMeta {
            briefing_title: m.title.clone(),
            briefing_url: briefing_url.clone(),
            date: m.date.clone(),
            date_text: date_text.clone(),
            title: e.matter.title.clone(),
            url: urls.path(&e.rel),
            abs_url: urls.absolute(&e.rel),
            asked_by: e.matter.asked_by.clone(),
            asked_by_text: asked_by_text(e.matter.asked_by.as_deref()),
            answered_by: e.matter.answered_by.clone(),
            topics: d.topics.clone(),
            summary: crate::content::one_sentence(&d.question, 400),
        })
        .collect();

    let briefing_ctx = BriefingCtx {
        title: m.title.clone(),
        date: m.date.clone(),
        date_text: date_text.clone(),
        time: m.time.clone(),
        location: m.location.clone(),
        series: m.series.clone(),
        host: m.host.clone(),
        lead: m.lead.clone(),
        url: briefing_url.clone(),
        moderator: m.moderator.as_ref().map(|p| PersonCtx {
            name: p.name.clone(),
            role: p.role.clone(),
            url: None,
        }),
        speakers: m
            .speakers
            .iter()
            .map(|p| PersonCtx {
                name: p.name.clone(),
                role: p.role.clone(),
                url: ctx.index.speaker_url(&p.name, urls),
            })
            .collect(),
        sources: m
            .sources
            .iter()
            .map(|s| SourceCtx {
                file: s.file.clone(),
                kind: s.kind.clone().unwrap_or_else(|| "transcript".to_owned()),
                lines: s.lines.clone(),
                published: s.published.clone(),
            })
            .collect(),
        translators: m.translators.clone(),
    };

    let mut pages = Vec::new();
    // Exchange pages.
    for (i, (e, d)) in b.exchanges.iter().zip(&done).enumerate() {
        let neighbour = |j: usize| {
            b.exchanges.get(j).map(|n| TitleUrl {
                title: n.matter.title.clone(),
                url: urls.path(&n.rel),
            })
        };
        let meta = &metas[i];
        let description = crate::content::one_sentence(&meta.summary, 200);
        let mut page = ctx.page(&e.matter.title, &description, &e.rel, "briefings");
        page.has_code = d.html.contains("class=\"code\"");
        page.og_type = "article";
        let data = ExchangePage {
            site: ctx.site(),
            page,
            briefing: &briefing_ctx,
            exchange: ExchangeCtx {
                stem: e.stem.clone(),
                title: e.matter.title.clone(),
                order: e.matter.order,
                url: meta.url.clone(),
                asked_by_text: meta.asked_by_text.clone(),
                asked_by_url: e
                    .matter
                    .asked_by
                    .as_ref()
                    .and_then(|o| ctx.index.outlets.get(o))
                    .map(|s| urls.path(&format!("outlets/{s}/"))),
                answered_by: e
                    .matter
                    .answered_by
                    .iter()
                    .map(|n| NameUrl {
                        name: n.clone(),
                        url: ctx.index.speaker_url(n, urls).unwrap_or_default(),
                    })
                    .collect(),
                topics: ctx.topic_badges(&d.topics),
                html: placeholder(0),
                citation: format!(
                    "\u{201C}{}\u{201D}, {}, {}, {}. {}",
                    e.matter.title,
                    m.title,
                    m.location.as_deref().unwrap_or("press briefing"),
                    date_text,
                    urls.absolute(&e.rel)
                ),
                in_briefing: format!("{}#{}", briefing_url, e.stem),
            },
            prev: i.checked_sub(1).and_then(neighbour),
            next: neighbour(i + 1),
        };
        ctx.render_page_with("exchange.html", &e.rel, &data, &[&d.html])?;
        pages.push(e.rel.clone());
    }

    // The briefing page.
    let mut page = ctx.page(
        &m.title,
        m.lead.as_deref().map_or(&m.title[..], |l| l),
        &b.rel,
        "briefings",
    );
    page.has_code = has_code;
    let data = BriefingPage {
        site: ctx.site(),
        page,
        briefing: &briefing_ctx,
        opening_html: if opening.html.is_empty() {
            String::new()
        } else {
            placeholder(0)
        },
        closing_html: closing.as_ref().map(|_| placeholder(1)),
        summary_url: b.summary.as_ref().map(|_| urls.path(&b.summary_rel())),
        exchanges: b
            .exchanges
            .iter()
            .zip(&done)
            .zip(&metas)
            .enumerate()
            .map(|(i, ((e, d), meta))| ExchangeCtx {
                stem: e.stem.clone(),
                title: e.matter.title.clone(),
                order: e.matter.order,
                url: meta.url.clone(),
                asked_by_text: meta.asked_by_text.clone(),
                asked_by_url: None,
                answered_by: Vec::new(),
                topics: ctx.topic_badges(&d.topics),
                html: placeholder(i + 2),
                citation: String::new(),
                in_briefing: String::new(),
            })
            .collect(),
    };
    let bodies: Vec<&str> = [
        opening.html.as_str(),
        closing.as_ref().map_or("", |c| c.html.as_str()),
    ]
    .into_iter()
    .chain(done.iter().map(|d| d.html.as_str()))
    .collect();
    ctx.render_page_with("briefing.html", &b.rel, &data, &bodies)?;
    pages.push(b.rel.clone());

    // The summary page, and its points for the topic pages.
    let mut points = Vec::new();
    if let Some((sm, doc)) = &b.summary {
        let rendered = ctx.markdown(doc, "summary").map_err(content_errors)?;
        for (n, p) in sm.points.iter().enumerate() {
            let url = match p.exchange.as_deref() {
                Some("opening") => format!("{briefing_url}#opening"),
                Some(stem) => match b.exchanges.iter().find(|e| e.stem == stem) {
                    Some(e) => urls.path(&e.rel),
                    None => format!("{}#point-{}", urls.path(&b.summary_rel()), n + 1),
                },
                None => format!("{}#point-{}", urls.path(&b.summary_rel()), n + 1),
            };
            points.push(PointMeta {
                topics: p.topics.clone().unwrap_or_default(),
                headline: p.headline.clone(),
                url,
                date_text: date_text.clone(),
            });
        }
        let rel = b.summary_rel();
        let mut page = ctx.page(
            &format!("Key points: {}", sm.title),
            &sm.title,
            &rel,
            "briefings",
        );
        page.has_code = rendered.has_code;
        let data = SummaryPage {
            site: ctx.site(),
            page,
            briefing: &briefing_ctx,
            summary: SummaryCtx {
                title: sm.title.clone(),
                html: placeholder(0),
            },
        };
        ctx.render_page_with("summary.html", &rel, &data, &[&rendered.html])?;
        pages.push(rel);
    }

    // The data export: this briefing's records, serialized now (borrowing the text
    // about to be dropped) into a part file that is joined with the others at the end.
    #[derive(Serialize)]
    struct Turn<'a> {
        speaker: Option<&'a str>,
        text: &'a str,
        anchor: &'a str,
    }
    #[derive(Serialize)]
    struct Record<'a> {
        briefing: &'a str,
        briefing_url: String,
        date: &'a str,
        order: u32,
        title: &'a str,
        asked_by: Option<&'a str>,
        answered_by: &'a [String],
        topics: &'a [String],
        url: &'a str,
        turns: Vec<Turn<'a>>,
    }
    let records: Vec<Record<'_>> = b
        .exchanges
        .iter()
        .zip(&done)
        .zip(&metas)
        .map(|((e, d), meta)| Record {
            briefing: &m.title,
            briefing_url: urls.absolute(&b.rel),
            date: &m.date,
            order: e.matter.order,
            title: &e.matter.title,
            asked_by: e.matter.asked_by.as_deref(),
            answered_by: &e.matter.answered_by,
            topics: &d.topics,
            url: &meta.abs_url,
            turns: d
                .paragraphs
                .iter()
                .map(|p| Turn {
                    speaker: p.speaker.as_deref(),
                    text: &p.text,
                    anchor: &p.anchor,
                })
                .collect(),
        })
        .collect();
    let mut part = String::new();
    for r in &records {
        if !part.is_empty() {
            part.push(',');
        }
        // Serializing plain strings and numbers cannot fail.
        part.push_str(&serde_json::to_string(r).unwrap_or_default());
    }

    Ok(BriefingOut {
        card: BriefingCard {
            title: m.title.clone(),
            date: m.date.clone(),
            date_text,
            url: briefing_url,
            exchanges: b.exchanges.len(),
        },
        exchanges: metas,
        passages,
        points,
        roles: m
            .speakers
            .iter()
            .map(|p| (p.name.clone(), p.role.clone()))
            .collect(),
        json: part,
        passages_left_out,
        has_code,
        pages,
    })
}

#[derive(Serialize)]
struct PersonCtx {
    name: String,
    role: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct SourceCtx {
    file: String,
    kind: String,
    lines: Option<String>,
    published: Option<String>,
}

#[derive(Serialize)]
struct BriefingCtx {
    title: String,
    date: String,
    date_text: String,
    time: Option<String>,
    location: Option<String>,
    series: Option<String>,
    host: Option<String>,
    lead: Option<String>,
    url: String,
    moderator: Option<PersonCtx>,
    speakers: Vec<PersonCtx>,
    sources: Vec<SourceCtx>,
    translators: Vec<String>,
}

#[derive(Serialize)]
struct TitleUrl {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct ExchangeCtx {
    stem: String,
    title: String,
    order: u32,
    url: String,
    asked_by_text: String,
    asked_by_url: Option<String>,
    answered_by: Vec<NameUrl>,
    topics: Vec<TopicBadge>,
    /// A placeholder: the body is spliced in after rendering.
    html: String,
    citation: String,
    in_briefing: String,
}

#[derive(Serialize)]
struct ExchangePage<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    briefing: &'a BriefingCtx,
    exchange: ExchangeCtx,
    prev: Option<TitleUrl>,
    next: Option<TitleUrl>,
}

#[derive(Serialize)]
struct BriefingPage<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    briefing: &'a BriefingCtx,
    opening_html: String,
    closing_html: Option<String>,
    summary_url: Option<String>,
    exchanges: Vec<ExchangeCtx>,
}

#[derive(Serialize)]
struct SummaryCtx {
    title: String,
    html: String,
}

#[derive(Serialize)]
struct SummaryPage<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    briefing: &'a BriefingCtx,
    summary: SummaryCtx,
}

#[derive(Serialize)]
struct TopicCard {
    id: String,
    name: String,
    description: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct Group<'a> {
    title: &'a str,
    url: &'a str,
    date: &'a str,
    date_text: &'a str,
    exchanges: Vec<Item<'a>>,
}

/// An exchange in a list: what a list shows of it, borrowed.
#[derive(Serialize)]
struct Item<'a> {
    title: &'a str,
    url: &'a str,
    asked_by_text: &'a str,
    date_text: &'a str,
}

impl<'a> From<&'a ExchangeMeta> for Item<'a> {
    fn from(e: &'a ExchangeMeta) -> Self {
        Item {
            title: &e.title,
            url: &e.url,
            asked_by_text: &e.asked_by_text,
            date_text: &e.date_text,
        }
    }
}

#[derive(Serialize)]
struct PersonCard {
    name: String,
    url: String,
    count: usize,
    count_label: &'static str,
}

#[derive(Serialize)]
struct Role {
    title: String,
    url: String,
    date: String,
    date_text: String,
    role: String,
}

#[derive(Serialize)]
struct PersonPage<'a> {
    name: String,
    roles: Vec<Role>,
    exchanges: Vec<Item<'a>>,
}

/// Passages listed on a topic page, newest first; the rest are counted.
const PASSAGES_PER_TOPIC: usize = 200;
/// Entries in a feed, newest first.
const FEED_ENTRIES: usize = 100;

/// Home, lists, topic, official and outlet pages, feeds, sitemap, robots.txt, 404,
/// .nojekyll and the data export. Returns how many pages it wrote.
fn site_pages(done: &[BriefingOut], ctx: &Ctx<'_>) -> Result<usize, BuildError> {
    let urls = ctx.urls;
    let site = || ctx.site();
    let all: Vec<&ExchangeMeta> = done.iter().flat_map(|o| &o.exchanges).collect();
    let topic_count = |id: &str| {
        all.iter()
            .filter(|e| e.topics.iter().any(|t| t == id))
            .count()
    };
    let topic_cards: Vec<TopicCard> = ctx
        .topics
        .list()
        .iter()
        .map(|t| TopicCard {
            id: t.id.clone(),
            name: t.name.clone(),
            description: t.description.clone(),
            url: urls.path(&format!("topics/{}/", t.id)),
            count: topic_count(&t.id),
        })
        .collect();
    let cards: Vec<&BriefingCard> = done.iter().map(|o| &o.card).collect();
    let mut rels: Vec<String> = Vec::new();

    #[derive(Serialize)]
    struct Home<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
        latest: Vec<&'a BriefingCard>,
        briefing_count: usize,
        topic_list: &'a [TopicCard],
    }
    let description = format!("Transcripts of {} press briefings, {} questions and answers, by topic, official and outlet.", done.len(), all.len());
    ctx.render_page(
        "index.html",
        "",
        &Home {
            site: site(),
            page: ctx.page(&ctx.config.title, &description, "", "home"),
            latest: cards.iter().take(10).copied().collect(),
            briefing_count: cards.len(),
            topic_list: &topic_cards,
        },
    )?;
    rels.push(String::new());

    #[derive(Serialize)]
    struct Year<'a> {
        year: String,
        briefings: Vec<&'a BriefingCard>,
    }
    #[derive(Serialize)]
    struct List<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
        years: Vec<Year<'a>>,
    }
    let mut years: Vec<Year<'_>> = Vec::new();
    for c in &cards {
        let year = c.date.get(..4).unwrap_or("").to_owned();
        match years.last_mut() {
            Some(y) if y.year == year => y.briefings.push(c),
            _ => years.push(Year {
                year,
                briefings: vec![c],
            }),
        }
    }
    ctx.render_page(
        "briefings.html",
        "briefings/",
        &List {
            site: site(),
            page: ctx.page(
                "Briefings",
                "Every briefing in the archive, newest first.",
                "briefings/",
                "briefings",
            ),
            years,
        },
    )?;
    rels.push("briefings/".to_owned());

    #[derive(Serialize)]
    struct TopicsPage<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
        topic_list: &'a [TopicCard],
    }
    ctx.render_page(
        "topics.html",
        "topics/",
        &TopicsPage {
            site: site(),
            page: ctx.page(
                "Topics",
                "The topics followed across briefings.",
                "topics/",
                "topics",
            ),
            topic_list: &topic_cards,
        },
    )?;
    rels.push("topics/".to_owned());

    // One page and one feed per topic.
    #[derive(Serialize)]
    struct TopicCtx {
        name: String,
        description: String,
        feed: String,
    }
    #[derive(Serialize)]
    struct TopicPage<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
        topic: TopicCtx,
        groups: Vec<Group<'a>>,
        passages: Vec<&'a Passage>,
        more_passages: bool,
        points: Vec<&'a PointMeta>,
    }
    ctx.topics
        .list()
        .par_iter()
        .enumerate()
        .map(|(t, topic)| {
            let rel = format!("topics/{}/", topic.id);
            let mut groups: Vec<Group> = Vec::new();
            for o in done {
                let about: Vec<Item<'_>> = o
                    .exchanges
                    .iter()
                    .filter(|e| e.topics.contains(&topic.id))
                    .map(Item::from)
                    .collect();
                if !about.is_empty() {
                    groups.push(Group {
                        title: &o.card.title,
                        url: &o.card.url,
                        date: &o.card.date,
                        date_text: &o.card.date_text,
                        exchanges: about,
                    });
                }
            }
            let passages: Vec<&Passage> = done
                .iter()
                .flat_map(|o| &o.passages)
                .filter(|p| p.topic == t)
                .collect();
            let more =
                passages.len() > PASSAGES_PER_TOPIC || done.iter().any(|o| o.passages_left_out[t]);
            let feed = feed(
                ctx,
                &topic.name,
                &format!("{rel}atom.xml"),
                &rel,
                all.iter().filter(|e| e.topics.contains(&topic.id)).copied(),
            );
            ctx.write(&format!("{rel}atom.xml"), &feed)?;
            ctx.render_page(
                "topic.html",
                &rel,
                &TopicPage {
                    site: site(),
                    page: ctx.page(&topic.name, &topic.description, &rel, "topics"),
                    topic: TopicCtx {
                        name: topic.name.clone(),
                        description: topic.description.clone(),
                        feed: urls.path(&format!("{rel}atom.xml")),
                    },
                    groups,
                    passages: passages.into_iter().take(PASSAGES_PER_TOPIC).collect(),
                    more_passages: more,
                    points: done
                        .iter()
                        .flat_map(|o| &o.points)
                        .filter(|p| p.topics.contains(&topic.id))
                        .collect(),
                },
            )
        })
        .collect::<Result<Vec<()>, BuildError>>()?;
    rels.extend(
        ctx.topics
            .list()
            .iter()
            .map(|t| format!("topics/{}/", t.id)),
    );

    // Officials and outlets.
    #[derive(Serialize)]
    struct People<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
        people: Vec<PersonCard>,
    }
    #[derive(Serialize)]
    struct OnePerson<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
        person: PersonPage<'a>,
    }
    let answered = |name: &str| -> Vec<Item<'_>> {
        all.iter()
            .filter(|e| e.answered_by.iter().any(|a| a == name))
            .map(|e| Item::from(*e))
            .collect()
    };
    let speaker_cards: Vec<PersonCard> = ctx
        .index
        .speakers
        .iter()
        .map(|(name, slug)| PersonCard {
            name: name.clone(),
            url: urls.path(&format!("speakers/{slug}/")),
            count: all
                .iter()
                .filter(|e| e.answered_by.iter().any(|a| a == name))
                .count(),
            count_label: "answer",
        })
        .collect();
    ctx.render_page(
        "people.html",
        "speakers/",
        &People {
            site: site(),
            page: ctx.page(
                "Officials",
                "Every official who spoke, with what they answered.",
                "speakers/",
                "speakers",
            ),
            people: speaker_cards,
        },
    )?;
    rels.push("speakers/".to_owned());
    ctx.index
        .speakers
        .par_iter()
        .map(|(name, slug)| {
            let rel = format!("speakers/{slug}/");
            let roles = done
                .iter()
                .filter_map(|o| {
                    let role = o
                        .roles
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, r)| r.clone());
                    let answers = o
                        .exchanges
                        .iter()
                        .any(|e| e.answered_by.iter().any(|a| a == name));
                    (role.is_some() || answers).then(|| Role {
                        title: o.card.title.clone(),
                        url: o.card.url.clone(),
                        date: o.card.date.clone(),
                        date_text: o.card.date_text.clone(),
                        role: role.unwrap_or_default(),
                    })
                })
                .collect();
            ctx.render_page(
                "speaker.html",
                &rel,
                &OnePerson {
                    site: site(),
                    page: ctx.page(
                        name,
                        &format!("Everything {name} answered at press briefings."),
                        &rel,
                        "speakers",
                    ),
                    person: PersonPage {
                        name: name.clone(),
                        roles,
                        exchanges: answered(name),
                    },
                },
            )
        })
        .collect::<Result<Vec<()>, BuildError>>()?;
    rels.extend(
        ctx.index
            .speakers
            .values()
            .map(|s| format!("speakers/{s}/")),
    );

    let outlet_cards: Vec<PersonCard> = ctx
        .index
        .outlets
        .iter()
        .map(|(name, slug)| PersonCard {
            name: name.clone(),
            url: urls.path(&format!("outlets/{slug}/")),
            count: all
                .iter()
                .filter(|e| e.asked_by.as_deref() == Some(name))
                .count(),
            count_label: "question",
        })
        .collect();
    ctx.render_page(
        "people.html",
        "outlets/",
        &People {
            site: site(),
            page: ctx.page(
                "Outlets",
                "Every media outlet that asked, with its questions.",
                "outlets/",
                "outlets",
            ),
            people: outlet_cards,
        },
    )?;
    rels.push("outlets/".to_owned());
    ctx.index
        .outlets
        .par_iter()
        .map(|(name, slug)| {
            let rel = format!("outlets/{slug}/");
            ctx.render_page(
                "outlet.html",
                &rel,
                &OnePerson {
                    site: site(),
                    page: ctx.page(
                        name,
                        &format!("Every question {name} asked at press briefings."),
                        &rel,
                        "outlets",
                    ),
                    person: PersonPage {
                        name: name.clone(),
                        roles: Vec::new(),
                        exchanges: all
                            .iter()
                            .filter(|e| e.asked_by.as_deref() == Some(name))
                            .map(|e| Item::from(*e))
                            .collect(),
                    },
                },
            )
        })
        .collect::<Result<Vec<()>, BuildError>>()?;
    rels.extend(ctx.index.outlets.values().map(|s| format!("outlets/{s}/")));

    #[derive(Serialize)]
    /// A page with nothing but the site and its own metadata (search, 404).
    struct Plain<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
    }
    ctx.render_page(
        "search.html",
        "search/",
        &Plain {
            site: site(),
            page: ctx.page(
                "Search",
                "Search every exchange: words, figures, names; narrow by topic, official, outlet or briefing.",
                "search/",
                "search",
            ),
        },
    )?;
    rels.push("search/".to_owned());
    ctx.render_page(
        "404.html",
        "404.html",
        &Plain {
            site: site(),
            page: ctx.page(
                "Page not found",
                "There is no page at this address.",
                "404.html",
                "",
            ),
        },
    )?;

    ctx.write(
        "atom.xml",
        &feed(ctx, &ctx.config.title, "atom.xml", "", all.iter().copied()),
    )?;
    let mut sitemap = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let every_page = rels.iter().chain(done.iter().flat_map(|o| &o.pages));
    for rel in every_page.collect::<BTreeSet<_>>() {
        sitemap.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            escape(&urls.absolute(rel))
        ));
    }
    sitemap.push_str("</urlset>\n");
    ctx.write("sitemap.xml", &sitemap)?;
    ctx.write(
        "robots.txt",
        &format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            urls.absolute("sitemap.xml")
        ),
    )?;
    ctx.write(".nojekyll", "")?;
    if done.iter().any(|o| o.has_code) {
        ctx.write("highlight.css", &highlight::stylesheet())?;
    }
    Ok(rels.len())
}

/// `data/exchanges.json`, written as briefings are done: a JSON array whose items
/// arrive in runs (one per briefing), so the whole export is never in memory.
struct JsonArray {
    path: PathBuf,
    out: std::io::BufWriter<fs::File>,
    empty: bool,
}

impl JsonArray {
    fn create(path: &Path) -> Result<JsonArray, BuildError> {
        use std::io::Write;
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let file = fs::File::create(path).map_err(io(path))?;
        let mut out = std::io::BufWriter::new(file);
        out.write_all(b"[").map_err(io(path))?;
        Ok(JsonArray {
            path: path.to_owned(),
            out,
            empty: true,
        })
    }

    /// Appends items already joined by commas.
    fn append(&mut self, items: &str) -> Result<(), BuildError> {
        use std::io::Write;
        if items.is_empty() {
            return Ok(());
        }
        if !self.empty {
            self.out.write_all(b",").map_err(io(&self.path))?;
        }
        self.empty = false;
        self.out.write_all(items.as_bytes()).map_err(io(&self.path))
    }

    fn finish(mut self) -> Result<(), BuildError> {
        use std::io::Write;
        self.out.write_all(b"]").map_err(io(&self.path))?;
        self.out.flush().map_err(io(&self.path))
    }
}

/// An Atom feed of exchanges, newest first.
fn feed<'a>(
    ctx: &Ctx<'_>,
    title: &str,
    self_rel: &str,
    alternate_rel: &str,
    exchanges: impl Iterator<Item = &'a ExchangeMeta>,
) -> String {
    let urls = ctx.urls;
    let entries: Vec<&ExchangeMeta> = exchanges.take(FEED_ENTRIES).collect();
    let updated = entries.first().map_or("1970-01-01", |e| e.date.as_str());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <title>{}</title>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" href=\"{}\"/>\n\
         <id>{}</id>\n<updated>{updated}T00:00:00Z</updated>\n",
        escape(title),
        escape(&urls.absolute(self_rel)),
        escape(&urls.absolute(alternate_rel)),
        escape(&urls.absolute(self_rel)),
    );
    for e in entries {
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<link href=\"{}\"/>\n<id>{}</id>\n<updated>{}T00:00:00Z</updated>\n\
             <author><name>{}</name></author>\n<summary>{}</summary>\n</entry>\n",
            escape(&e.title),
            escape(&e.abs_url),
            escape(&e.abs_url),
            e.date,
            escape(&e.briefing_title),
            escape(&e.summary),
        ));
    }
    out.push_str("</feed>\n");
    out
}

fn copy_static(from: &Path, to: &Path) -> Result<(), BuildError> {
    if !from.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| BuildError::Io {
            path: from.to_owned(),
            source: std::io::Error::other(e),
        })?;
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
