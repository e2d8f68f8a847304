//! `serve`: the site for the one editing it. Builds into a private folder for
//! `http://127.0.0.1:PORT/`, serves it, and when content, templates, static files or
//! site.yaml change makes again only the pages the change affects (`build::Session`),
//! then reloads the open pages that changed (a small script, injected only here,
//! long-polls `/__livereload`). A build error is shown over every page and in the
//! terminal while the last good site stays served; fixing the file clears it. The
//! search index is built by a process of its own once editing pauses (pages say so
//! until it is ready) and kept beside the site, so that a rebuild never waits for it.
//!
//! Only GET and HEAD; a path that leaves the site (`..`, `%2e%2e`, an encoded slash or
//! backslash, a symbolic link out) is 404; folders are their index.html, never a
//! listing. Loopback unless told otherwise.

use std::collections::VecDeque;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::build::{Options, Rebuilt, Session};
use crate::error::Error;

/// The site being served: its generation (one more at each rebuild), the last
/// build's error, and which pages the recent rebuilds changed.
struct State {
    generation: Mutex<Generation>,
    changed: Condvar,
    /// The search index, built in the background when editing pauses.
    search: Mutex<Search>,
    /// The project, which the indexer builds on its own.
    root: PathBuf,
}

#[derive(Default)]
struct Generation {
    number: u64,
    error: Option<String>,
    /// The pages each recent generation changed (URL paths); None: every page.
    recent: VecDeque<(u64, Option<Vec<String>>)>,
}

/// How many generations' changed pages are remembered; a page that slept through
/// more reloads whatever changed.
const RECENT: usize = 64;

impl Generation {
    /// The pages changed after generation `since`; None: every page (or unknown).
    fn changed_since(&self, since: u64) -> Option<Vec<String>> {
        if since + (self.recent.len() as u64) < self.number {
            return None;
        }
        let mut pages = Vec::new();
        for (n, changed) in &self.recent {
            if *n > since {
                pages.extend(changed.as_ref()?.iter().cloned());
            }
        }
        Some(pages)
    }
}

/// Where the search index stands: whether one is ready, being built (by the process
/// `indexer`), or stale (another build came while it ran); when the last edit came.
#[derive(Default)]
struct Search {
    ready: bool,
    running: bool,
    stale: bool,
    last_edit: Option<Instant>,
    /// The indexer running now is to stop.
    stop: bool,
}

impl Search {
    /// An edit came: the index being built is of an old site; stop it (it starts
    /// again once the editing pauses), so that the rebuild has the machine.
    fn edited(&mut self) {
        self.last_edit = Some(Instant::now());
        if self.running {
            self.stale = true;
            self.stop = true;
        }
    }
}

/// Events closer than this make one rebuild: an editor's save by rename (a write and a
/// rename a moment apart) or a burst of saves. Short, as it is part of every reload.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// The index is refreshed once the editing has paused this long, so that it never
/// competes with the rebuilds of a burst of edits.
const QUIET: Duration = Duration::from_secs(2);

pub struct ServeOptions {
    pub build: Options,
    pub bind: String,
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Re-import a transcript when it changes (hand edits stay safe, as always).
    pub import: bool,
}

/// Builds, serves and watches until the process is stopped.
pub fn serve(options: ServeOptions) -> Result<(), Error> {
    let address = format!("{}:{}", options.bind, options.port);
    let server = tiny_http::Server::http(&address)
        .map_err(|e| Error::new(format!("cannot listen on {address}: {e}")))?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(options.port, |a| a.port());
    let host = if options.bind == "0.0.0.0" {
        "127.0.0.1"
    } else {
        &options.bind
    };
    // The preview is built in a folder of its own; those of stopped servers go.
    let temp = preview_parent();
    crate::leftovers::sweep(
        &temp,
        |n| {
            let pid = |suffix| crate::leftovers::pid_in(n, "briefings-serve-", suffix);
            // A killed server's whole build left `.briefings-serve-PID.building-PID`.
            let staged = || {
                let rest = n.strip_prefix(".briefings-serve-")?;
                let (pid, _) = rest
                    .split_once(".building-")
                    .or_else(|| rest.split_once(".old-"))?;
                // The indexer's site, `.briefings-serve-PID-search.new.site.building-N`.
                let pid = pid.strip_suffix("-search.new.site").unwrap_or(pid);
                crate::leftovers::pid_in(pid, "", "")
            };
            pid("")
                .or_else(|| pid("-search"))
                .or_else(|| pid("-search.new"))
                .or_else(|| pid("-search.new.site"))
                .or_else(staged)
        },
        false,
    );
    let site = temp.join(format!("briefings-serve-{}", std::process::id()));
    let mut build_options = options.build;
    build_options.output = Some(site.clone());
    build_options.base_url = Some(format!("http://{host}:{port}/"));
    build_options.search = false;
    let state = Arc::new(State {
        generation: Mutex::new(Generation::default()),
        changed: Condvar::new(),
        search: Mutex::new(Search::default()),
        root: build_options.root.clone(),
    });
    let index = site.with_file_name(format!("briefings-serve-{}-search", std::process::id()));
    let paths = Arc::new((site.clone(), index.clone()));
    let mut session = Session::new(build_options.clone());
    let first = session.build();
    publish(first, &state);
    if let Err(e) = session.finish() {
        eprintln!("{}", e.report());
    }
    let session = Arc::new(Mutex::new(session));
    reindex(Arc::clone(&paths), Arc::clone(&state));
    let address = format!("http://{host}:{port}/");
    println!("serve: {address} (Ctrl-C stops)");
    if options.open {
        open_in_browser(&address);
    }
    let _watcher = watch(
        build_options.clone(),
        options.import,
        session,
        Arc::clone(&state),
        Arc::clone(&paths),
    )?;
    for request in server.incoming_requests() {
        let (paths, state) = (Arc::clone(&paths), Arc::clone(&state));
        std::thread::spawn(move || respond(request, &paths.0, &paths.1, &state));
    }
    Ok(())
}

/// Where the preview is written: a memory-backed folder where the system has one
/// (/dev/shm on Linux), as creating and removing thousands of files on a disk is
/// slow and erratic (a whole build of 10,000 exchanges took 5.4 s on ext4 against
/// 0.9 s in memory); else the temporary folder. BRIEFINGS_SERVE_DIR chooses another.
fn preview_parent() -> PathBuf {
    if let Some(dir) = std::env::var_os("BRIEFINGS_SERVE_DIR") {
        return PathBuf::from(dir);
    }
    let shm = Path::new("/dev/shm");
    let writable = shm.is_dir() && tempfile_probe(shm);
    if writable {
        shm.to_owned()
    } else {
        std::env::temp_dir()
    }
}

/// Whether a file can be made (and is removed again) in `dir`.
fn tempfile_probe(dir: &Path) -> bool {
    let probe = dir.join(format!(".briefings-serve-probe-{}", std::process::id()));
    let ok = fs::write(&probe, b"").is_ok();
    let _ = fs::remove_file(&probe);
    ok
}

/// The system's way to open an address in the default browser; a failure is said,
/// not fatal.
fn open_in_browser(address: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(address).spawn() {
        eprintln!("serve: cannot open a browser ({opener}: {e}); open {address} yourself");
    }
}

/// Tells the open pages what a (re)build did: the pages to reload, or the error to
/// show over every page while the last good site stays served.
fn publish(result: Result<Rebuilt, crate::error::Errors>, state: &State) {
    let (error, pages) = match result {
        Ok(rebuilt) => {
            for w in &rebuilt.warnings {
                eprintln!("{w}");
            }
            match &rebuilt.pages {
                Some(pages) => println!(
                    "serve: rebuilt {} pages in {} ms",
                    pages.len(),
                    rebuilt.millis
                ),
                None => println!(
                    "serve: built {} pages in {} ms",
                    rebuilt.files, rebuilt.millis
                ),
            }
            (None, rebuilt.pages)
        }
        Err(e) => {
            let report = e.report();
            eprintln!("{report}");
            (Some(report), None)
        }
    };
    let mut g = state.generation.lock().unwrap_or_else(|e| e.into_inner());
    // An error that comes or goes shows or clears the overlay on every page.
    let pages = if error.is_some() || g.error.is_some() {
        None
    } else {
        pages
    };
    g.number += 1;
    g.error = error;
    let number = g.number;
    g.recent.push_back((number, pages));
    if g.recent.len() > RECENT {
        g.recent.pop_front();
    }
    state.changed.notify_all();
}

/// Builds the search index of the served site in the background, in a process of
/// its own (`briefings search-index`), once the editing pauses; never blocking a page
/// or a rebuild: an edit stops it, and a build that comes while it runs makes it
/// run once more.
fn reindex(paths: Arc<(PathBuf, PathBuf)>, state: Arc<State>) {
    {
        let mut search = state.search.lock().unwrap_or_else(|e| e.into_inner());
        if search.running {
            search.stale = true;
            return;
        }
        search.running = true;
    }
    std::thread::spawn(move || loop {
        // Wait for the editing to pause.
        loop {
            let last = state.search.lock().map(|s| s.last_edit).unwrap_or(None);
            match last.map(|t| t.elapsed()) {
                Some(since) if since < QUIET => std::thread::sleep(QUIET - since),
                _ => break,
            }
        }
        let index = &paths.1;
        let fresh = index.with_extension("new");
        let _ = fs::remove_dir_all(&fresh);
        let built = run_indexer(&fresh, &state);
        let mut search = state.search.lock().unwrap_or_else(|e| e.into_inner());
        if built && !search.stale {
            let _ = fs::remove_dir_all(index);
            search.ready = fs::rename(&fresh, index).is_ok();
        }
        if !std::mem::take(&mut search.stale) {
            search.running = false;
            return;
        }
    });
}

/// Runs `briefings search-index --root ROOT OUT`; whether it wrote the index (false
/// when an edit stopped it).
fn run_indexer(out: &Path, state: &State) -> bool {
    let Ok(exe) = std::env::current_exe() else {
        return false;
    };
    if let Ok(mut search) = state.search.lock() {
        search.stop = false;
    }
    let child = std::process::Command::new(exe)
        .arg("search-index")
        .arg("--root")
        .arg(&state.root)
        .arg(out)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            eprintln!("serve: cannot start the search indexer: {e}");
            return false;
        }
    };
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.success(),
            Ok(None) => {}
            Err(_) => return false,
        }
        if state.search.lock().map(|s| s.stop).unwrap_or(false) {
            let _ = child.kill();
            let _ = child.wait();
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Watches the sources (never the output). Reads are dropped where they arrive (a
/// whole build opens every content file: tens of thousands of events); a change is
/// rebuilt once no other has come for [`DEBOUNCE`], so that an editor's save by
/// rename and a burst of saves make one rebuild, and changes that come during a
/// rebuild make the next one.
fn watch(
    options: Options,
    import: bool,
    session: Arc<Mutex<Session>>,
    state: Arc<State>,
    paths: Arc<(PathBuf, PathBuf)>,
) -> Result<notify::RecommendedWatcher, Error> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let (send, changes) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if !matches!(event.kind, EventKind::Access(_)) {
                let _ = send.send(event.paths);
            }
        }
    })
    .map_err(|e| Error::new(format!("cannot watch the project: {e}")))?;
    let root = options
        .config
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let config = options.config.clone();
    let watched = [
        root.join("content"),
        root.join("templates"),
        root.join("static"),
        options.transcripts.clone(),
    ];
    std::thread::spawn(move || {
        while let Ok(first) = changes.recv() {
            let started = Instant::now();
            let mut changed = first;
            loop {
                match changes.recv_timeout(DEBOUNCE) {
                    Ok(more) => changed.extend(more),
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            changed.retain(|p| !is_hidden_leftover(p));
            changed.sort();
            changed.dedup();
            on_change(&options, import, &session, &state, &paths, changed, started);
        }
    });
    for path in watched {
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::file(&path, format!("cannot watch: {e}")))?;
        }
    }
    if config.is_file() {
        watcher
            .watch(&config, RecursiveMode::NonRecursive)
            .map_err(|e| Error::file(&config, format!("cannot watch: {e}")))?;
    }
    Ok(watcher)
}

/// What a batch of changed paths leads to: a transcript is imported again (with
/// `--import`; else a notice), anything else rebuilt and the open pages told.
fn on_change(
    options: &Options,
    import: bool,
    session: &Mutex<Session>,
    state: &Arc<State>,
    paths: &Arc<(PathBuf, PathBuf)>,
    changed: Vec<PathBuf>,
    started: Instant,
) {
    let (transcripts, sources): (Vec<PathBuf>, Vec<PathBuf>) = changed
        .into_iter()
        .partition(|p| p.starts_with(&options.transcripts));
    if let Some(first) = transcripts.first() {
        if import {
            // The content it writes is watched: the rebuild follows.
            reimport(options);
        } else {
            println!(
                "serve: {} changed: run `cargo run --release -- import` (or serve \
                 with --import) to see it",
                first.display()
            );
        }
    }
    if sources.is_empty() {
        return;
    }
    if let Ok(mut search) = state.search.lock() {
        search.edited();
    }
    let mut session = session.lock().unwrap_or_else(|e| e.into_inner());
    publish(session.rebuild(&sources), state);
    if std::env::var_os("BRIEFINGS_TRACE").is_some() {
        eprintln!("serve: published {:?} after the change", started.elapsed());
    }
    // After the pages are reloaded: the rest of the data export, the old site.
    if let Err(e) = session.finish() {
        eprintln!("{}", e.report());
    }
    drop(session);
    reindex(Arc::clone(paths), Arc::clone(state));
}

/// `import --force` of every transcript: a changed transcript's files that nobody
/// edited are rewritten; edited ones are kept and reported, as always.
fn reimport(options: &Options) {
    let (topics, formats) = match crate::import::settings(&options.config) {
        Ok(settings) => settings,
        Err(e) => return eprintln!("{}", e.report()),
    };
    let import = crate::import::Options {
        inputs: Vec::new(),
        transcripts_dir: options.transcripts.clone(),
        content_dir: options.content.clone(),
        force: true,
        strict: false,
        topics: &topics,
        formats: &formats,
    };
    match crate::import::run(&import) {
        Ok(done) => {
            let changed = done
                .report
                .files
                .iter()
                .filter(|(_, o)| *o != crate::content::write::Outcome::Unchanged)
                .count();
            println!("serve: re-imported the transcripts: {changed} content files changed");
            for e in &done.refused {
                eprintln!("{}", e.report());
            }
        }
        Err(e) => eprintln!("{}", e.report()),
    }
}

/// An import's or editor's temporary file (`.name.md.1234.tmp`, `.#name.md`).
fn is_hidden_leftover(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Where pages ask for the search index, which serve keeps beside the site.
const INDEX_PATH: &str = "/search-index";

fn respond(request: tiny_http::Request, site: &Path, index: &Path, state: &State) {
    use tiny_http::{Header, Method, Response};
    let head = *request.method() == Method::Head;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("only GET and HEAD").with_status_code(405));
        return;
    }
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == "/__livereload" {
        let since: u64 = query
            .strip_prefix("since=")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let _ = request.respond(Response::from_string(wait_for_change(state, since)));
        return;
    }
    // The search index lives beside the site, which each rebuild replaces.
    let found = match path.strip_prefix(INDEX_PATH) {
        Some(rest) => resolve(index, rest),
        None => resolve(site, path),
    };
    let (status, file) = match found {
        Some(file) => (200, file),
        None => (404, site.join("404.html")),
    };
    let bytes = fs::read(&file).unwrap_or_default();
    let kind = content_type(&file);
    let body = if kind.starts_with("text/html") {
        inject(&bytes, state)
    } else {
        bytes
    };
    let header = Header::from_bytes("Content-Type", kind).expect("a valid header");
    let response = if head {
        Response::from_data(Vec::new()).with_status_code(status)
    } else {
        Response::from_data(body).with_status_code(status)
    };
    let _ = request.respond(response.with_header(header));
}

/// Waits (at most 25 s, then the page asks again) for a build after `since`. The
/// answer: the generation on the first line, then the pages that changed, one a
/// line, or `*` for every page.
fn wait_for_change(state: &State, since: u64) -> String {
    let g = state.generation.lock().unwrap_or_else(|e| e.into_inner());
    let (g, _) = state
        .changed
        .wait_timeout_while(g, Duration::from_secs(25), |g| g.number <= since)
        .unwrap_or_else(|e| e.into_inner());
    let mut answer = g.number.to_string();
    if g.number > since {
        match g.changed_since(since) {
            Some(pages) => pages.iter().for_each(|p| {
                answer.push('\n');
                answer.push_str(p);
            }),
            None => answer.push_str("\n*"),
        }
    }
    answer
}

/// The file a URL path names inside `site`, or None when it leaves the site, is
/// encoded to hide a `..` or a slash, or does not exist. Folders are their index.
fn resolve(site: &Path, path: &str) -> Option<PathBuf> {
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
        || path.contains('\\')
    {
        return None;
    }
    let decoded = percent_decode(path)?;
    let mut file = site.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let real = file.canonicalize().ok()?;
    let root = site.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = path.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// The reload script, and the last build's error over the page, before `</body>`.
fn inject(html: &[u8], state: &State) -> Vec<u8> {
    let (generation, error) = state
        .generation
        .lock()
        .map(|g| (g.number, g.error.clone()))
        .unwrap_or((0, None));
    let searching = !state.search.lock().map(|s| s.ready).unwrap_or(false);
    // Reloads when this page, or every page, changed; else waits for the next.
    let mut extra = format!(
        "<script>(function(){{var g={generation};function poll(){{fetch('/__livereload?since='+g)\
         .then(function(r){{return r.text()}}).then(function(t){{var l=t.split('\\n'),n=+l[0],\
         p=location.pathname.replace(/index\\.html$/,'');if(n>g){{if(l[1]==='*'||l.indexOf(p)>0)\
         {{location.reload();return}}g=n}}poll()}}).catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    );
    if searching {
        extra.push_str(
            "<p id=\"briefings-search-pending\" role=\"status\" style=\"position:fixed;bottom:0;\
             left:0;right:0;margin:0;padding:.5rem 1rem;background:#fffbe6;color:#222\">\
             The search index is being built; search finds nothing until it is ready.</p>",
        );
    }
    if let Some(error) = error {
        extra.push_str(&format!(
            "<div id=\"briefings-build-error\" role=\"alert\" style=\"position:fixed;inset:0;\
             overflow:auto;z-index:2147483647;background:#fff;color:#8b0000;padding:2rem;\
             font:14px/1.5 monospace;white-space:pre-wrap\"><strong>The build failed; \
             this is the last good site. Fix the file and save.</strong>\n\n{}</div>",
            crate::render::markdown::escape(&error)
        ));
    }
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("a")).unwrap();
        fs::write(site.join("a/index.html"), "a").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        assert!(resolve(&site, "/a/").is_some());
        assert!(resolve(&site, "/a").is_some());
        for bad in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/a%2f..%2f..%2fsecret.txt",
            "/a%5c..%5csecret.txt",
            "/a/..\\..\\secret.txt",
            "/nothing/",
        ] {
            assert_eq!(resolve(&site, bad), None, "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("link.txt"))
                .unwrap();
            assert_eq!(resolve(&site, "/link.txt"), None, "a link out of the site");
        }
    }
}
