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

use xxhash_rust::xxh3::Xxh3;

use std::collections::BTreeSet;

use super::session::Kept;
use super::*;
use crate::output::MARKER;

/// What a cache is made by: another version reads none of it.
const FORMAT: &str = concat!("briefings ", env!("CARGO_PKG_VERSION"), " build cache 7\n");
/// The cache's table of contents, written last: without it the rest is not read.
const META: &str = "meta.bin";
/// Briefings (front matter and outputs) a chunk file holds at most; a build after an
/// edit writes again only the chunks of the briefings it rebuilt.
const CHUNKS: usize = 64;

/// The digests of a build's inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Digests {
    /// The options that change the output (base URL, search), and the output's place.
    settings: u128,
    /// site.yaml, templates/, static/: any change means a whole build.
    site: u128,
    /// Each file under content/, by its path there.
    content: BTreeMap<String, FileDigest>,
}

/// A file's digest, and what `stat` said of it when it was read: a file whose size,
/// times and inode are all as they were is not read again (as git and make judge).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct FileDigest {
    digest: u128,
    stat: [u64; 4],
}

impl Digests {
    /// Digests every input (content files in parallel); a content file `known` has
    /// with the same stat keeps its digest.
    pub(super) fn of(options: &Options, output: &Path, known: Option<&Digests>) -> Digests {
        let mut settings = Xxh3::new();
        for part in [
            FORMAT,
            options.base_url.as_deref().unwrap_or("(site.yaml)"),
            if options.search {
                "search"
            } else {
                "no search"
            },
            &output.to_string_lossy(),
        ] {
            settings.update(part.as_bytes());
            settings.update(&[0]);
        }
        let mut site = Xxh3::new();
        site.update(&std::fs::read(&options.config).unwrap_or_default());
        for dir in [&options.templates, &options.static_dir] {
            for (path, file) in files_of(dir, None) {
                site.update(path.as_bytes());
                site.update(&file.digest.to_le_bytes());
            }
        }
        Digests {
            settings: settings.digest128(),
            site: site.digest128(),
            content: files_of(&options.content, known.map(|k| &k.content)),
        }
    }

    /// The content files that differ from `old`'s (edited, added or removed), as
    /// paths under `content`; None when anything but content differs.
    fn changed(&self, old: &Digests, content: &Path) -> Option<Vec<PathBuf>> {
        if self.settings != old.settings || self.site != old.site {
            return None;
        }
        let digest =
            |files: &BTreeMap<String, FileDigest>, path: &String| files.get(path).map(|f| f.digest);
        let mut changed: Vec<PathBuf> = self
            .content
            .iter()
            .filter(|(path, file)| digest(&old.content, path) != Some(file.digest))
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
/// path there, with its digest: from `known` when its stat is unchanged, else read.
fn files_of(
    dir: &Path,
    known: Option<&BTreeMap<String, FileDigest>>,
) -> BTreeMap<String, FileDigest> {
    let files: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    files
        .par_iter()
        .map(|entry| {
            let path = entry.path();
            // Compared as strings: paths compare component by component, far slower.
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(path)
                .to_string_lossy()
                .into_owned();
            let stat = entry.metadata().map_or([0; 4], |m| stat_of(&m));
            let seen = known
                .and_then(|k| k.get(&rel))
                .filter(|f| f.stat == stat && stat != [0; 4]);
            let digest = match seen {
                Some(f) => f.digest,
                None => std::fs::read(path)
                    .map(|bytes| xxhash_rust::xxh3::xxh3_128(&bytes))
                    .unwrap_or(0),
            };
            (rel, FileDigest { digest, stat })
        })
        .collect()
}

/// Size, modification and change times (nanoseconds) and inode.
fn stat_of(m: &std::fs::Metadata) -> [u64; 4] {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let nanos = |s: i64, n: i64| {
            (s as u64)
                .wrapping_mul(1_000_000_000)
                .wrapping_add(n as u64)
        };
        [
            m.len(),
            nanos(m.mtime(), m.mtime_nsec()),
            nanos(m.ctime(), m.ctime_nsec()),
            m.ino(),
        ]
    }
    #[cfg(not(unix))]
    {
        // No change time or inode: every file is read again.
        let _ = m;
        [0; 4]
    }
}

/// The cache's table of contents: the build it describes and its inputs' digests,
/// and the version of each chunk file (the build that wrote it).
#[derive(Serialize, Deserialize)]
struct Meta {
    /// Also written in the output's marker: the output this cache describes.
    build: u64,
    digests: Digests,
    chunks: Vec<u64>,
    /// Briefings, exchanges and pages of the site, for a build that changes nothing.
    counts: [usize; 3],
}

/// The parts of [`Kept`] that are the whole site's (the rest, site.yaml and the
/// templates, is read again: it must not have changed).
#[derive(Serialize, Deserialize)]
struct Model {
    index: Index,
    spans: Vec<(u16, std::ops::Range<u64>)>,
    site_routes: Vec<Route>,
    anchored: Vec<AnchorCheck>,
}

/// Some briefings (front matter) and their outputs.
#[derive(Serialize, Deserialize)]
struct Chunk {
    briefings: Vec<Briefing>,
    outs: Vec<BriefingOut>,
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
    let output = output_of(options, &config);
    refuse_cache_place(options, dir, &output)?;
    let meta = read_meta(dir);
    let digests = Digests::of(options, &output, meta.as_ref().ok().map(|m| &m.digests));
    trace("digests", started);
    let usable = meta.and_then(|meta| usable(meta, &digests, options, &output));
    if let Ok((meta, changed)) = &usable {
        if changed.is_empty() {
            return up_to_date(dir, meta, digests, output, started);
        }
    }
    let cached = usable.and_then(|(meta, changed)| {
        let kept = read_kept(dir, &meta, options)?;
        Ok((kept, meta.chunks, changed))
    });
    trace("cache read", started);
    // From here on the old cache must not be trusted, whatever happens.
    let meta_file = dir.join(META);
    if meta_file.exists() {
        fs::remove_file(&meta_file).map_err(io(&meta_file))?;
    }
    let (session, old_chunks, changed, ignored) = match cached {
        Ok((kept, chunks, changed)) => {
            let mut session = Session::resume(options.clone(), kept);
            session.rebuild(&changed)?;
            (session, Some(chunks), Some(changed.len()), None)
        }
        Err(why) => {
            let mut session = Session::new(options.clone());
            session.build()?;
            (session, None, None, Some(why))
        }
    };
    let (build, kept, touched) = finish(session, &output)?;
    trace("built", started);
    let counts = site_counts(&kept.outs, &kept.site_routes);
    let warnings = unimported_transcripts(&options.transcripts, &kept.inputs.briefings);
    let unchanged = unchanged_chunks(old_chunks, touched, kept.outs.len());
    write_state(dir, build, digests, kept, unchanged)?;
    trace("cache written", started);
    Ok(Cached {
        built: Built::new(output, None, counts, warnings, started),
        changed,
        ignored,
    })
}

/// The content files changed since the cached build, if the cache describes this
/// output and only content changed; else why not.
fn usable(
    meta: Meta,
    digests: &Digests,
    options: &Options,
    output: &Path,
) -> Result<(Meta, Vec<PathBuf>), String> {
    let marker = std::fs::read_to_string(output.join(MARKER)).unwrap_or_default();
    if !marker.contains(&build_line(meta.build)) {
        return Err("the output is not the one the cache describes".to_owned());
    }
    let changed = digests
        .changed(&meta.digests, &options.content)
        .ok_or("site.yaml, templates, static files or options changed")?;
    Ok((meta, changed))
}

/// Nothing changed: the output stays; the cache learns the files' new stats.
fn up_to_date(
    dir: &Path,
    meta: &Meta,
    digests: Digests,
    output: PathBuf,
    started: Instant,
) -> Result<Cached, Errors> {
    let fresh = Meta {
        build: meta.build,
        digests,
        chunks: meta.chunks.clone(),
        counts: meta.counts,
    };
    write_part(dir, META, &fresh)?;
    Ok(Cached {
        built: Built::new(output, None, meta.counts, Vec::new(), started),
        changed: Some(0),
        ignored: None,
    })
}

/// Finishes the session's work and names the new build in the output's marker:
/// the build's number, what it kept, and the briefings it rebuilt (None: all).
fn finish(
    mut session: Session,
    output: &Path,
) -> Result<(u64, Kept, Option<BTreeSet<usize>>), Errors> {
    session.finish()?;
    let build = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
        ^ u64::from(std::process::id());
    let marker = output.join(MARKER);
    let text: String = fs::read_to_string(&marker)
        .map_err(io(&marker))?
        .lines()
        .filter(|l| !l.starts_with("build: "))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&marker, format!("{text}{}", build_line(build))).map_err(io(&marker))?;
    let touched = session.touched();
    Ok((build, session.into_kept(), touched))
}

/// The chunks no rebuild touched, which stay as they are: the old versions, and the
/// chunks touched. None: every chunk is written.
fn unchanged_chunks(
    old: Option<Vec<u64>>,
    touched: Option<BTreeSet<usize>>,
    briefings: usize,
) -> Option<(Vec<u64>, BTreeSet<usize>)> {
    match (old, touched) {
        (Some(old), Some(positions)) if old.len() == chunk_count(briefings) => {
            let size = chunk_size(briefings);
            Some((old, positions.into_iter().map(|p| p / size).collect()))
        }
        _ => None,
    }
}

fn chunk_size(briefings: usize) -> usize {
    briefings.div_ceil(CHUNKS).max(1)
}

fn chunk_count(briefings: usize) -> usize {
    briefings.div_ceil(chunk_size(briefings))
}

/// The cache may not be where the build reads or writes: in or around an input
/// (it would be read as content), the project or the output (replaced with the
/// site, or published).
fn refuse_cache_place(options: &Options, dir: &Path, output: &Path) -> Result<(), Errors> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let (cache, site) = (absolute(dir), absolute(output));
    let why = if cache.starts_with(&site) || site.starts_with(&cache) {
        Some(format!("is in or around the output ({})", site.display()))
    } else {
        crate::output::forbidden_place(dir, &options.protected())?
    };
    match why {
        Some(why) => Err(Error::file(
            dir,
            format!("the cache cannot be in or around an input or the output: it {why}"),
        )
        .with_help("use a folder of its own, such as .briefings-cache in the project")
        .into()),
        None => Ok(()),
    }
}

fn build_line(build: u64) -> String {
    format!("build: {build:016x}\n")
}

/// Reads a part: FORMAT, then its bincode.
fn read_part<T: for<'a> Deserialize<'a>>(dir: &Path, name: &str) -> Result<T, String> {
    let bytes = fs::read(dir.join(name)).map_err(|e| format!("cannot read {name}: {e}"))?;
    let Some(rest) = bytes.strip_prefix(FORMAT.as_bytes()) else {
        return Err("another version made it".to_owned());
    };
    bincode::deserialize(rest).map_err(|e| format!("it cannot be read: {e}"))
}

/// Reads a part written with its build's number, which must be `build`.
fn read_of_build<T: for<'a> Deserialize<'a>>(
    dir: &Path,
    name: &str,
    build: u64,
) -> Result<T, String> {
    match read_part::<(u64, T)>(dir, name)? {
        (b, value) if b == build => Ok(value),
        _ => Err(format!("{name} is from another build")),
    }
}

fn write_part<T: Serialize>(dir: &Path, name: &str, value: &T) -> Result<(), Errors> {
    let fresh = dir.join(format!("{name}.new"));
    let failed = |e: bincode::Error| {
        Errors::from(Error::file(&fresh, format!("cannot write the cache: {e}")))
    };
    let mut bytes = FORMAT.as_bytes().to_vec();
    bincode::serialize_into(&mut bytes, value).map_err(failed)?;
    fs::write(&fresh, bytes).map_err(io(&fresh))?;
    let path = dir.join(name);
    fs::rename(&fresh, &path).map_err(io(&path))
}

fn read_meta(dir: &Path) -> Result<Meta, String> {
    if !dir.join(META).exists() {
        return Err("there is no cache yet".to_owned());
    }
    read_part(dir, META)
}

/// The kept state, its parts read in parallel; each chunk must be the version the
/// table of contents names.
fn read_kept(dir: &Path, meta: &Meta, options: &Options) -> Result<Kept, String> {
    let ((model, search), chunks) = rayon::join(
        || {
            rayon::join(
                || read_of_build::<Model>(dir, "model.bin", meta.build),
                || read_of_build::<Option<search::Index>>(dir, "search.bin", meta.build),
            )
        },
        || {
            meta.chunks
                .par_iter()
                .enumerate()
                .map(|(n, &version)| read_of_build::<Chunk>(dir, &chunk_name(n), version))
                .collect::<Result<Vec<Chunk>, String>>()
        },
    );
    let (model, search, chunks) = (model?, search?, chunks?);
    let mut briefings = Vec::new();
    let mut outs = Vec::new();
    for chunk in chunks {
        briefings.extend(chunk.briefings);
        outs.extend(chunk.outs);
    }
    let inputs = Inputs::reload(options, briefings, model.index).map_err(|e| e.report())?;
    Ok(Kept {
        inputs,
        outs,
        spans: model.spans,
        site_routes: model.site_routes,
        anchored: model.anchored,
        search,
    })
}

fn chunk_name(n: usize) -> String {
    format!("chunk-{n}.bin")
}

/// Writes the cache: the chunks (but those `unchanged` says are as they were: the
/// old versions and the chunks touched), the model, the search index, and the table
/// of contents last.
fn write_state(
    dir: &Path,
    build: u64,
    digests: Digests,
    kept: Kept,
    unchanged: Option<(Vec<u64>, BTreeSet<usize>)>,
) -> Result<(), Errors> {
    fs::create_dir_all(dir).map_err(io(dir))?;
    let counts = site_counts(&kept.outs, &kept.site_routes);
    let Kept {
        inputs,
        outs,
        spans,
        site_routes,
        anchored,
        search,
    } = kept;
    let versions: Vec<u64> = (0..chunk_count(outs.len()))
        .map(|n| match &unchanged {
            Some((old, touched)) if !touched.contains(&n) => old[n],
            _ => build,
        })
        .collect();
    let model = Model {
        index: inputs.index,
        spans,
        site_routes,
        anchored,
    };
    let (chunks, parts) = rayon::join(
        || write_chunks(dir, build, &inputs.briefings, &outs, &versions),
        || {
            let (model, search) = rayon::join(
                || write_part(dir, "model.bin", &(build, &model)),
                || write_part(dir, "search.bin", &(build, &search)),
            );
            model.and(search)
        },
    );
    let meta = Meta {
        build,
        digests,
        chunks: versions,
        counts,
    };
    let result = chunks
        .and(parts)
        .and_then(|()| write_part(dir, META, &meta));
    // Freeing a hundred thousand briefings' state takes a while and frees nothing
    // the process still needs: it goes on a thread of its own, which the process's
    // end may cut short.
    std::thread::spawn(move || drop((inputs.briefings, outs, model, search)));
    result
}

/// Writes the chunks whose version is `build` (the others are on disk already).
fn write_chunks(
    dir: &Path,
    build: u64,
    briefings: &[Briefing],
    outs: &[BriefingOut],
    versions: &[u64],
) -> Result<(), Errors> {
    #[derive(Serialize)]
    struct ChunkRef<'a> {
        briefings: &'a [Briefing],
        outs: &'a [BriefingOut],
    }
    let size = chunk_size(outs.len());
    (0..versions.len())
        .into_par_iter()
        .filter(|&n| versions[n] == build)
        .try_for_each(|n| {
            let range = n * size..((n + 1) * size).min(outs.len());
            let chunk = ChunkRef {
                briefings: &briefings[range.clone()],
                outs: &outs[range],
            };
            write_part(dir, &chunk_name(n), &(build, chunk))
        })
}
