//! `build --cache DIR`: what a build keeps for the next one, so that a build after a
//! few edits renders only what they affect (as `serve` does), not the whole archive.
//!
//! The cache holds the site model, each briefing's output, where its records lie in
//! the data export, the search index, and the digests of every input they were made
//! from (each content file, the templates, static files, site.yaml, the options). The
//! output folder is the other half: its marker names the build the cache describes.
//! The next build digests the inputs again; when only content files changed, and the
//! output is the one the cache describes, it rebuilds those briefings and the
//! site-wide pages their changes reach, in place. Anything else (another version,
//! other templates, options or site.yaml, an output from another build, a cache that
//! cannot be read) is ignored, never trusted: a whole build, which writes the cache
//! anew. The cache is removed before the output is touched and written again after,
//! so a build that stops halfway leaves no cache to trust.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use xxhash_rust::xxh3::Xxh3;

use super::session::Kept;
use super::*;
use crate::output::MARKER;

/// What a cache is made by: another version reads none of it.
const FORMAT: &str = concat!("briefings ", env!("CARGO_PKG_VERSION"), " build cache 1\n");
const STATE: &str = "state.bin";

/// The digests of a build's inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Digests {
    /// The options that change the output (base URL, search), and the output's place.
    settings: u128,
    /// site.yaml, templates/, static/: any change means a whole build.
    site: u128,
    /// Each file under content/, by its path there.
    content: BTreeMap<PathBuf, u128>,
}

impl Digests {
    /// Reads every input (content files in parallel) and digests it.
    pub(super) fn of(options: &Options, output: &Path) -> Digests {
        let mut settings = Xxh3::new();
        for part in [
            FORMAT,
            options.base_url.as_deref().unwrap_or("(site.yaml)"),
            if options.search { "search" } else { "no search" },
            &output.to_string_lossy(),
        ] {
            settings.update(part.as_bytes());
            settings.update(&[0]);
        }
        let mut site = Xxh3::new();
        site.update(&std::fs::read(&options.config).unwrap_or_default());
        for dir in [&options.templates, &options.static_dir] {
            for (path, digest) in files_of(dir) {
                site.update(path.to_string_lossy().as_bytes());
                site.update(&digest.to_le_bytes());
            }
        }
        Digests {
            settings: settings.digest128(),
            site: site.digest128(),
            content: files_of(&options.content),
        }
    }

    /// The content files that differ from `old`'s (edited, added or removed), as
    /// paths under `content`; None when anything but content differs.
    fn changed(&self, old: &Digests, content: &Path) -> Option<Vec<PathBuf>> {
        if self.settings != old.settings || self.site != old.site {
            return None;
        }
        let mut changed: Vec<PathBuf> = self
            .content
            .iter()
            .filter(|(path, digest)| old.content.get(*path) != Some(digest))
            .map(|(path, _)| content.join(path))
            .collect();
        changed.extend(
            old.content
                .keys()
                .filter(|path| !self.content.contains_key(*path))
                .map(|path| content.join(path)),
        );
        Some(changed)
    }
}

/// Every file under `dir` (hidden ones too: the build reads what it reads), by its
/// path there, with the digest of its bytes.
fn files_of(dir: &Path) -> BTreeMap<PathBuf, u128> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files
        .par_iter()
        .map(|path| {
            let digest = std::fs::read(path)
                .map(|bytes| xxhash_rust::xxh3::xxh3_128(&bytes))
                .unwrap_or(0);
            let rel = path.strip_prefix(dir).unwrap_or(path).to_path_buf();
            (rel, digest)
        })
        .collect()
}

/// The kept state as the cache stores it: the parts of [`Kept`] read from content
/// (the rest, site.yaml and the templates, is read again: it must not have changed).
#[derive(Serialize, Deserialize)]
struct Stored {
    briefings: Vec<Briefing>,
    index: Index,
    outs: Vec<BriefingOut>,
    spans: Vec<(u16, std::ops::Range<u64>)>,
    site_routes: Vec<Route>,
    anchored: Vec<AnchorCheck>,
    search: Option<search::Index>,
}

#[derive(Serialize, Deserialize)]
struct State {
    /// Also written in the output's marker: the output this state describes.
    build: u64,
    digests: Digests,
    stored: Stored,
}

/// What a build with a cache did.
pub struct Cached {
    pub built: Built,
    /// The content files that changed since the cached build, when it rebuilt only
    /// what they affect; None for a whole build.
    pub changed: Option<usize>,
    /// Why the cache was not used, when it was not.
    pub ignored: Option<String>,
}

/// A build that uses and then renews the cache in `dir`.
pub fn build_cached(options: &Options, dir: &Path) -> Result<Cached, Errors> {
    let started = Instant::now();
    let config = SiteConfig::load(&options.config)?;
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join(&config.output));
    let trace = |what: &str| {
        if std::env::var_os("BRIEFINGS_TRACE").is_some() {
            eprintln!("build: {what}: {:?}", started.elapsed());
        }
    };
    refuse_inside_inputs(options, dir, &output)?;
    let digests = Digests::of(options, &output);
    trace("digests");
    let cached = read_state(dir).and_then(|state| {
        let marker = std::fs::read_to_string(output.join(MARKER)).unwrap_or_default();
        if !marker.contains(&build_line(state.build)) {
            return Err("the output is not the one the cache describes".to_owned());
        }
        let changed = digests
            .changed(&state.digests, &options.content)
            .ok_or("site.yaml, templates, static files or options changed")?;
        Ok((state, changed))
    });
    trace("cache read");
    // From here on the old cache must not be trusted, whatever happens.
    let state_file = dir.join(STATE);
    if state_file.exists() {
        fs::remove_file(&state_file).map_err(io(&state_file))?;
    }
    let (mut session, changed, ignored) = match cached {
        Ok((state, changed)) => {
            let inputs = Inputs::reload(options, state.stored.briefings, state.stored.index)?;
            let kept = Kept {
                inputs,
                outs: state.stored.outs,
                spans: state.stored.spans,
                site_routes: state.stored.site_routes,
                anchored: state.stored.anchored,
                search: state.stored.search,
            };
            let mut session = Session::resume(options.clone(), kept);
            if !changed.is_empty() {
                session.rebuild(&changed)?;
            }
            (session, Some(changed.len()), None)
        }
        Err(why) => {
            let mut session = Session::new(options.clone());
            session.build()?;
            (session, None, Some(why))
        }
    };
    session.finish()?;
    trace("built");
    let build = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
        ^ u64::from(std::process::id());
    let marker = output.join(MARKER);
    let text = fs::read_to_string(&marker).map_err(io(&marker))?;
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("build: "))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&marker, format!("{text}{}", build_line(build))).map_err(io(&marker))?;
    let kept = session.into_kept();
    let built = Built {
        output: output.clone(),
        previous: None,
        pages: kept.site_routes.len() + kept.outs.iter().map(|o| o.pages.len()).sum::<usize>(),
        briefings: kept.outs.len(),
        exchanges: kept.outs.iter().map(|o| o.exchanges.len()).sum(),
        warnings: unimported_transcripts(&options.transcripts, &kept.inputs.briefings),
        millis: 0,
    };
    write_state(dir, build, digests, kept)?;
    trace("cache written");
    Ok(Cached {
        built: Built {
            millis: started.elapsed().as_millis(),
            ..built
        },
        changed,
        ignored,
    })
}

/// The cache may not be in a folder the build reads or writes: it would be read as
/// content, or published, or replaced with the site.
fn refuse_inside_inputs(options: &Options, dir: &Path, output: &Path) -> Result<(), Errors> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let cache = absolute(dir);
    let places = [
        ("content", &options.content),
        ("templates", &options.templates),
        ("static", &options.static_dir),
        ("transcripts", &options.transcripts),
        ("the output", &output.to_path_buf()),
    ];
    for (name, place) in places {
        let place = absolute(place);
        if cache.starts_with(&place) || place.starts_with(&cache) {
            return Err(Error::file(
                dir,
                format!("the cache cannot be in or around {name} ({})", place.display()),
            )
            .with_help("use a folder of its own, such as .briefings-cache in the project")
            .into());
        }
    }
    Ok(())
}

fn build_line(build: u64) -> String {
    format!("build: {build:016x}\n")
}

fn read_state(dir: &Path) -> Result<State, String> {
    let path = dir.join(STATE);
    let mut file = fs::File::open(&path).map_err(|_| "there is no cache yet".to_owned())?;
    let mut format = vec![0; FORMAT.len()];
    file.read_exact(&mut format)
        .map_err(|e| format!("cannot read it: {e}"))?;
    if format != FORMAT.as_bytes() {
        return Err("another version made it".to_owned());
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it: {e}"))?;
    bincode::deserialize(&bytes).map_err(|e| format!("it cannot be read: {e}"))
}

fn write_state(dir: &Path, build: u64, digests: Digests, kept: Kept) -> Result<(), Errors> {
    fs::create_dir_all(dir).map_err(io(dir))?;
    let state = State {
        build,
        digests,
        stored: Stored {
            briefings: kept.inputs.briefings,
            index: kept.inputs.index,
            outs: kept.outs,
            spans: kept.spans,
            site_routes: kept.site_routes,
            anchored: kept.anchored,
            search: kept.search,
        },
    };
    if std::env::var_os("BRIEFINGS_TRACE").is_some() {
        let size = |v: Result<u64, bincode::Error>| v.unwrap_or(0) / 1_000_000;
        let s = &state.stored;
        eprintln!(
            "build: cache MB: briefings {}, index {}, outs {} (passages {}), anchored {}, search {}, digests {}",
            size(bincode::serialized_size(&s.briefings)),
            size(bincode::serialized_size(&s.index)),
            size(bincode::serialized_size(&s.outs)),
            size(bincode::serialized_size(&s.outs.iter().map(|o| &o.passages).collect::<Vec<_>>())),
            size(bincode::serialized_size(&s.anchored)),
            size(bincode::serialized_size(&s.search)),
            size(bincode::serialized_size(&state.digests)),
        );
    }
    let fresh = dir.join(format!("{STATE}.new"));
    let mut out = std::io::BufWriter::new(fs::File::create(&fresh).map_err(io(&fresh))?);
    out.write_all(FORMAT.as_bytes()).map_err(io(&fresh))?;
    bincode::serialize_into(&mut out, &state)
        .map_err(|e| Errors::from(Error::file(&fresh, format!("cannot write the cache: {e}"))))?;
    out.flush().map_err(io(&fresh))?;
    drop(out);
    let path = dir.join(STATE);
    fs::rename(&fresh, &path).map_err(io(&path))
}
