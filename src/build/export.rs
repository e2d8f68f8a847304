//! The data export for researchers: `data/<year>.jsonl.gz`, one file a year, one JSON
//! record an exchange a line (JSON Lines), gzip-compressed; `data/` lists the files.
//! Each briefing's records are compressed on their own (a gzip member) by the thread
//! that rendered it; a year's file is its briefings' members one after another, which
//! every gzip reader reads as one stream. So a partial rebuild replaces one
//! briefing's member in place.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;

use super::*;

/// gzip's level: the fastest keeps the export off the build's critical path and
/// still makes the text about a quarter of its size.
const LEVEL: i32 = 1;

/// `data/<year>.jsonl.gz`, relative to the site.
pub(super) fn year_file(year: u16) -> String {
    format!("data/{year}.jsonl.gz")
}

/// One briefing's records, compressed: a gzip member (empty for no records).
/// libdeflate, as a briefing's records are one buffer in memory: at its fastest level
/// it takes about half zlib's time and writes smaller files.
pub(super) fn compress(lines: &[u8]) -> Vec<u8> {
    if lines.is_empty() {
        return Vec::new();
    }
    let level = libdeflater::CompressionLvl::new(LEVEL).unwrap_or_default();
    let mut compressor = libdeflater::Compressor::new(level);
    let mut out = vec![0; compressor.gzip_compress_bound(lines.len())];
    // The buffer holds the bound for this input, so compressing cannot run out of room.
    let written = compressor.gzip_compress(lines, &mut out).unwrap_or(0);
    out.truncate(written);
    out
}

/// The year files being written as briefings are done, in any order of years.
pub(super) struct Export {
    dir: PathBuf,
    years: BTreeMap<u16, YearFile>,
}

struct YearFile {
    path: PathBuf,
    out: std::io::BufWriter<fs::File>,
    written: u64,
}

impl Export {
    pub(super) fn create(site: &Path) -> Result<Export, Errors> {
        let dir = site.join("data");
        fs::create_dir_all(&dir).map_err(io(&dir))?;
        Ok(Export {
            dir,
            years: BTreeMap::new(),
        })
    }

    /// Appends a briefing's member to its year's file; returns where it lies there.
    pub(super) fn append(&mut self, year: u16, member: &[u8]) -> Result<Range<u64>, Errors> {
        if member.is_empty() {
            return Ok(0..0);
        }
        let file = match self.years.entry(year) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                let path = self.dir.join(format!("{year}.jsonl.gz"));
                let out = std::io::BufWriter::new(fs::File::create(&path).map_err(io(&path))?);
                e.insert(YearFile {
                    path,
                    out,
                    written: 0,
                })
            }
        };
        file.out.write_all(member).map_err(io(&file.path))?;
        let start = file.written;
        file.written += member.len() as u64;
        Ok(start..file.written)
    }

    pub(super) fn finish(self) -> Result<(), Errors> {
        for (_, mut file) in self.years {
            file.out.flush().map_err(io(&file.path))?;
        }
        Ok(())
    }
}

/// Replaces briefings' members in a year's file (`replaced`: their positions among
/// `spans`, in order, with the new members) and moves the spans after them. The file
/// is copied range by range (by the kernel where it can), never read whole, and
/// replaced in one rename.
pub(super) fn splice(
    path: &Path,
    spans: &mut [(u16, Range<u64>)],
    year: u16,
    replaced: Vec<(usize, Vec<u8>)>,
) -> Result<(), Errors> {
    use std::io::{Read, Seek, SeekFrom};
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".new");
    let fresh = path.with_file_name(name);
    let mut old = fs::File::open(path).map_err(io(path))?;
    let mut new = std::io::BufWriter::new(fs::File::create(&fresh).map_err(io(&fresh))?);
    let copy = |old: &mut fs::File, new: &mut std::io::BufWriter<fs::File>, from: u64, to: u64| {
        old.seek(SeekFrom::Start(from))?;
        std::io::copy(&mut old.take(to - from), new).map(drop)
    };
    let mut at = 0u64;
    let mut shift: i64 = 0;
    let mut next = replaced.into_iter().peekable();
    for (i, (y, span)) in spans.iter_mut().enumerate() {
        if *y != year || span.is_empty() {
            continue;
        }
        let moved = |n: u64| (n as i64 + shift) as u64;
        match next.next_if(|(j, _)| *j == i) {
            Some((_, member)) => {
                copy(&mut old, &mut new, at, span.start).map_err(io(path))?;
                new.write_all(&member).map_err(io(&fresh))?;
                at = span.end;
                let start = moved(span.start);
                shift += member.len() as i64 - (span.end - span.start) as i64;
                *span = start..start + member.len() as u64;
            }
            None => *span = moved(span.start)..moved(span.end),
        }
    }
    let end = old.metadata().map_err(io(path))?.len();
    copy(&mut old, &mut new, at, end).map_err(io(path))?;
    new.flush().map_err(io(&fresh))?;
    drop(new);
    fs::rename(&fresh, path).map_err(io(path))
}
