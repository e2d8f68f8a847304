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
const FORMAT: &str = concat!("briefings ", env!("CARGO_PKG_VERSION"), " build cache 3\n");
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
    let meta = read_meta(dir);
    let digests = Digests::of(options, &output, meta.as_ref().ok().map(|m| &m.digests));
    trace("digests");
    let usable = meta.and_then(|meta| {
        let marker = std::fs::read_to_string(output.join(MARKER)).unwrap_or_default();
        if !marker.contains(&build_line(meta.build)) {
            return Err("the output is not the one the cache describes".to_owned());
        }
        let changed = digests
            .changed(&meta.digests, &options.content)
            .ok_or("site.yaml, templates, static files or options changed")?;
        Ok((meta, changed))
    });
    if let Ok((meta, changed)) = &usable {
        if changed.is_empty() {
            // Nothing to do; the stats the cache knows are brought up to date.
            let fresh = Meta {
                build: meta.build,
                digests,
                chunks: meta.chunks.clone(),
                counts: meta.counts,
            };
            write_part(dir, META, &fresh)?;
            let [briefings, exchanges, pages] = meta.counts;
            return Ok(Cached {
                built: Built {
                    output,
                    previous: None,
                    pages,
                    briefings,
                    exchanges,
                    warnings: Vec::new(),
                    millis: started.elapsed().as_millis(),
                },
                changed: Some(0),
                ignored: None,
            });
        }
    }
    let cached = usable.and_then(|(meta, changed)| {
        let kept = read_kept(dir, &meta, options)?;
        Ok((meta, kept, changed))
    });
    trace("cache read");
    // From here on the old cache must not be trusted, whatever happens.
    let meta_file = dir.join(META);
    if meta_file.exists() {
        fs::remove_file(&meta_file).map_err(io(&meta_file))?;
    }
    let (mut session, changed, ignored, chunks) = match cached {
        Ok((meta, kept, changed)) => {
            let mut session = Session::resume(options.clone(), kept);
            session.rebuild(&changed)?;
            (session, Some(changed.len()), None, Some(meta.chunks))
        }
        Err(why) => {
            let mut session = Session::new(options.clone());
            session.build()?;
            (session, None, Some(why), None)
        }
    };
    session.finish()?;
    let touched = session.touched();
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
    // Chunks of briefings no rebuild touched stay as they are.
    let keep_chunks = match (chunks, touched) {
        (Some(old), Some(positions)) if old.len() == chunk_count(kept.outs.len()) => {
            let size = chunk_size(kept.outs.len());
            Some((old, positions.into_iter().map(|p| p / size).collect()))
        }
        _ => None,
    };
    write_state(dir, build, digests, kept, keep_chunks)?;
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

fn chunk_size(briefings: usize) -> usize {
    briefings.div_ceil(CHUNKS).max(1)
}

fn chunk_count(briefings: usize) -> usize {
    briefings.div_ceil(chunk_size(briefings))
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
                format!(
                    "the cache cannot be in or around {name} ({})",
                    place.display()
                ),
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

/// Reads a part: FORMAT, then its bincode.
fn read_part<T: for<'a> Deserialize<'a>>(dir: &Path, name: &str) -> Result<T, String> {
    let bytes = fs::read(dir.join(name)).map_err(|e| format!("cannot read {name}: {e}"))?;
    let Some(rest) = bytes.strip_prefix(FORMAT.as_bytes()) else {
        return Err("another version made it".to_owned());
    };
    bincode::deserialize(rest).map_err(|e| format!("it cannot be read: {e}"))
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
                || match read_part::<(u64, Model)>(dir, "model.bin")? {
                    (build, model) if build == meta.build => Ok(model),
                    _ => Err("its model is from another build".to_owned()),
                },
                || match read_part::<(u64, Option<search::Index>)>(dir, "search.bin")? {
                    (build, search) if build == meta.build => Ok(search),
                    _ => Err("its search index is from another build".to_owned()),
                },
            )
        },
        || {
            meta.chunks
                .par_iter()
                .enumerate()
                .map(|(n, &version)| {
                    let (v, chunk): (u64, Chunk) = read_part(dir, &format!("chunk-{n}.bin"))?;
                    if v != version {
                        return Err(format!("chunk {n} is from another build"));
                    }
                    Ok(chunk)
                })
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

/// Writes the cache: the chunks (but those `keep` says are as they were: the old
/// versions and the chunks touched), the model, and the table of contents last.
fn write_state(
    dir: &Path,
    build: u64,
    digests: Digests,
    kept: Kept,
    keep: Option<(Vec<u64>, BTreeSet<usize>)>,
) -> Result<(), Errors> {
    fs::create_dir_all(dir).map_err(io(dir))?;
    let Kept {
        inputs,
        outs,
        spans,
        site_routes,
        anchored,
        search,
    } = kept;
    let counts = [
        outs.len(),
        outs.iter().map(|o| o.exchanges.len()).sum(),
        site_routes.len() + outs.iter().map(|o| o.pages.len()).sum::<usize>(),
    ];
    let size = chunk_size(outs.len());
    let briefings: Vec<&[Briefing]> = inputs.briefings.chunks(size).collect();
    let out_chunks: Vec<&[BriefingOut]> = outs.chunks(size).collect();
    let versions: Vec<u64> = (0..out_chunks.len())
        .map(|n| match &keep {
            Some((old, touched)) if !touched.contains(&n) => old[n],
            _ => build,
        })
        .collect();
    #[derive(Serialize)]
    struct ChunkRef<'a> {
        briefings: &'a [Briefing],
        outs: &'a [BriefingOut],
    }
    let model = Model {
        index: inputs.index,
        spans,
        site_routes,
        anchored,
    };
    let result = (|| {
        let (written, model_written) = rayon::join(
            || {
                (0..out_chunks.len())
                    .into_par_iter()
                    .filter(|&n| versions[n] == build)
                    .map(|n| {
                        let chunk = ChunkRef {
                            briefings: briefings[n],
                            outs: out_chunks[n],
                        };
                        write_part(dir, &format!("chunk-{n}.bin"), &(build, chunk))
                    })
                    .collect::<Result<Vec<()>, Errors>>()
            },
            || {
                let (model, search) = rayon::join(
                    || write_part(dir, "model.bin", &(build, &model)),
                    || write_part(dir, "search.bin", &(build, &search)),
                );
                model.and(search)
            },
        );
        written?;
        model_written?;
        write_part(
            dir,
            META,
            &Meta {
                build,
                digests,
                chunks: versions,
                counts,
            },
        )
    })();
    // Freeing a hundred thousand briefings' state takes a while and frees nothing
    // the process still needs: it goes on a thread of its own, which the process's
    // end may cut short.
    std::thread::spawn(move || drop((inputs.briefings, outs, model, search)));
    result
}
