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
use std::io::Write;

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
/// Stored in parts, read and written in parallel: the model, the briefings' outputs
/// in two halves, the search index.
#[derive(Serialize, Deserialize)]
struct Head {
    /// Also written in the output's marker: the output this state describes.
    build: u64,
    digests: Digests,
    briefings: Vec<Briefing>,
    index: Index,
    spans: Vec<(u16, std::ops::Range<u64>)>,
    site_routes: Vec<Route>,
    anchored: Vec<AnchorCheck>,
}

struct State {
    head: Head,
    outs: Vec<BriefingOut>,
    search: Option<search::Index>,
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
        if !marker.contains(&build_line(state.head.build)) {
            return Err("the output is not the one the cache describes".to_owned());
        }
        let changed = digests
            .changed(&state.head.digests, &options.content)
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
            let head = state.head;
            let inputs = Inputs::reload(options, head.briefings, head.index)?;
            let kept = Kept {
                inputs,
                outs: state.outs,
                spans: head.spans,
                site_routes: head.site_routes,
                anchored: head.anchored,
                search: state.search,
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
    let bytes = fs::read(dir.join(STATE)).map_err(|_| "there is no cache yet".to_owned())?;
    let Some(rest) = bytes.strip_prefix(FORMAT.as_bytes()) else {
        return Err("another version made it".to_owned());
    };
    let mut parts = Vec::new();
    let mut rest = rest;
    while rest.len() >= 8 {
        let (length, after) = rest.split_at(8);
        let length = u64::from_le_bytes(length.try_into().unwrap_or_default()) as usize;
        if after.len() < length {
            break;
        }
        let (part, after) = after.split_at(length);
        parts.push(part);
        rest = after;
    }
    let [head, first, second, search] = parts[..] else {
        return Err("it cannot be read: it is cut short".to_owned());
    };
    fn de<'a, T: Deserialize<'a>>(part: &'a [u8]) -> Result<T, String> {
        bincode::deserialize(part).map_err(|e| format!("it cannot be read: {e}"))
    }
    let (head, (outs, search)) = rayon::join(
        || de::<Head>(head),
        || {
            rayon::join(
                || {
                    let (a, b) = rayon::join(
                        || de::<Vec<BriefingOut>>(first),
                        || de::<Vec<BriefingOut>>(second),
                    );
                    a.and_then(|mut a| {
                        a.extend(b?);
                        Ok(a)
                    })
                },
                || de::<Option<search::Index>>(search),
            )
        },
    );
    Ok(State {
        head: head?,
        outs: outs?,
        search: search?,
    })
}

fn write_state(dir: &Path, build: u64, digests: Digests, kept: Kept) -> Result<(), Errors> {
    fs::create_dir_all(dir).map_err(io(dir))?;
    let head = Head {
        build,
        digests,
        briefings: kept.inputs.briefings,
        index: kept.inputs.index,
        spans: kept.spans,
        site_routes: kept.site_routes,
        anchored: kept.anchored,
    };
    let (first, second) = kept.outs.split_at(kept.outs.len() / 2);
    fn ser<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
        bincode::serialize(value).map_err(|e| e.to_string())
    }
    let (a, (b, (c, d))) = rayon::join(
        || ser(&head),
        || rayon::join(|| ser(first), || rayon::join(|| ser(second), || ser(&kept.search))),
    );
    let fresh = dir.join(format!("{STATE}.new"));
    let failed = |e: String| Errors::from(Error::file(&fresh, format!("cannot write the cache: {e}")));
    let parts = [a.map_err(failed)?, b.map_err(failed)?, c.map_err(failed)?, d.map_err(failed)?];
    if std::env::var_os("BRIEFINGS_TRACE").is_some() {
        let sizes: Vec<usize> = parts.iter().map(|p| p.len() / 1_000_000).collect();
        eprintln!("build: cache MB: model {}, outputs {} and {}, search {}", sizes[0], sizes[1], sizes[2], sizes[3]);
    }
    let mut out = std::io::BufWriter::new(fs::File::create(&fresh).map_err(io(&fresh))?);
    out.write_all(FORMAT.as_bytes()).map_err(io(&fresh))?;
    for part in &parts {
        out.write_all(&(part.len() as u64).to_le_bytes())
            .and_then(|()| out.write_all(part))
            .map_err(io(&fresh))?;
    }
    out.flush().map_err(io(&fresh))?;
    drop(out);
    let path = dir.join(STATE);
    fs::rename(&fresh, &path).map_err(io(&path))
}
