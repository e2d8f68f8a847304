//! Writes content files without losing anything: a file a person edited is never
//! replaced, a file still as generated is replaced only with `--force`, every write
//! goes to a temporary file renamed into place.
//!
//! A corrected transcript can make a file under another name (an outlet label fixed
//! renames `08-securities-time.md` to `08-securities-times.md`; a title fixed renames
//! the briefing's folder). Every file import writes records its sources, so the old
//! file is known: it is moved to the new name (with `--force`, when unedited) or, when
//! a person edited it, kept and reported as a conflict, and the new one is not
//! written beside it. Either way the site never shows an exchange twice.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::front_matter::{provenance, Provenance};
use super::ContentFile;
use crate::error::Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created,
    /// Was still as generated, replaced because of `--force`.
    Replaced,
    Unchanged,
    /// Still as generated but import would now write something else: left as is.
    Outdated,
    /// Edited by hand: left as is, whatever the options.
    KeptEdited,
    /// In a briefing folder import writes to, but not a file this import makes.
    NotMadeByImport,
    /// Made from a transcript that now makes it under this name: moved here (`--force`).
    Moved {
        from: PathBuf,
    },
    /// Still as generated; its transcript now makes it as `to`: `--force` moves it.
    WouldMove {
        to: PathBuf,
    },
    /// Edited by hand, and its transcript now makes it as `to`: kept, `to` not written.
    Conflict {
        to: PathBuf,
    },
    /// Made from a transcript imported now that no longer makes it: removed (`--force`).
    Removed,
    /// Still as generated, made from a transcript that no longer makes it.
    NoLongerMade,
    /// Edited by hand, made from a transcript that no longer makes it: kept.
    NoLongerMadeEdited,
}

impl Outcome {
    pub fn describe(&self) -> String {
        match self {
            Outcome::Created => "created".into(),
            Outcome::Replaced => "replaced (was as generated; --force)".into(),
            Outcome::Unchanged => "unchanged".into(),
            Outcome::Outdated => "skipped: import would write it differently now; run with \
                                  --force to replace it (it has no hand edits)"
                .into(),
            Outcome::KeptEdited => "kept: edited by hand, never overwritten".into(),
            Outcome::NotMadeByImport => "left alone: this import does not make it".into(),
            Outcome::Moved { from } => format!(
                "moved here from {} (its transcript now makes this name; --force)",
                from.display()
            ),
            Outcome::WouldMove { to } => format!(
                "skipped: its transcript now makes {}; run with --force to move it there \
                 (it has no hand edits)",
                to.display()
            ),
            Outcome::Conflict { to } => format!(
                "conflict: its transcript now makes {to}, but it has hand edits, so it was \
                 kept and {to} was not written; move it to {to} yourself (git mv) and import \
                 again, or undo the transcript's correction",
                to = to.display()
            ),
            Outcome::Removed => {
                "removed: the transcripts it came from no longer make it (--force)".into()
            }
            Outcome::NoLongerMade => "skipped: the transcripts it came from no longer make it; \
                                      run with --force to remove it (it has no hand edits)"
                .into(),
            Outcome::NoLongerMadeEdited => "kept: edited by hand, though the transcripts it came \
                                            from no longer make it; delete it if it should go"
                .into(),
        }
    }

    /// Whether a person should look: the file and the transcript disagree.
    pub fn needs_attention(&self) -> bool {
        matches!(
            self,
            Outcome::Outdated
                | Outcome::WouldMove { .. }
                | Outcome::Conflict { .. }
                | Outcome::NoLongerMade
                | Outcome::NoLongerMadeEdited
        )
    }
}

#[derive(Debug, Default)]
pub struct Report {
    /// Path (relative to the content folder) and what happened to it, sorted by path.
    pub files: Vec<(PathBuf, Outcome)>,
}

impl Report {
    /// How many files had an outcome of this variant (whatever its path).
    pub fn count(&self, outcome: &Outcome) -> usize {
        let kind = std::mem::discriminant(outcome);
        self.files
            .iter()
            .filter(|(_, o)| std::mem::discriminant(o) == kind)
            .count()
    }
}

/// Writes `files`, grouped by folder. `inputs` are the transcripts imported now: a
/// file made from them that they no longer make is moved or reported. (Import writes
/// briefing by briefing with [`apply_folder`]; this is the tests' way in.)
#[cfg(test)]
pub fn apply(
    root: &Path,
    files: &[ContentFile],
    inputs: &Inputs,
    force: bool,
) -> Result<Report, Error> {
    // Files by folder, in the order given; folders found by their raw bytes.
    let mut folders: Vec<Vec<&ContentFile>> = Vec::new();
    use rayon::prelude::*;
    let mut index: std::collections::HashMap<&OsStr, usize> = Default::default();
    for file in files {
        let folder = file.path.parent().unwrap_or(Path::new(""));
        let i = *index.entry(folder.as_os_str()).or_insert_with(|| {
            folders.push(Vec::new());
            folders.len() - 1
        });
        folders[i].push(file);
    }
    let reports = folders
        .par_iter()
        .map(|files| apply_folder(root, files, inputs, force))
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Report::merge(reports))
}

/// Writes files that all belong to one folder: the unit of work when briefings are
/// rendered and written one by one, in parallel.
pub fn apply_folder<F: std::borrow::Borrow<ContentFile>>(
    root: &Path,
    files: &[F],
    inputs: &Inputs,
    force: bool,
) -> Result<Report, Error> {
    let files: Vec<&ContentFile> = files.iter().map(|f| f.borrow()).collect();
    let Some(first) = files.first() else {
        return Ok(Report::default());
    };
    let folder = first.path.parent().unwrap_or(Path::new(""));
    let dir = root.join(folder);
    let files = if dir.exists() {
        update_folder(root, folder, &files, inputs, force)?
    } else {
        create_folder(&dir, &files)?
    };
    Ok(Report { files })
}

impl Report {
    /// One report from several, sorted by path.
    pub fn merge(reports: Vec<Report>) -> Report {
        let mut files: Vec<(PathBuf, Outcome)> =
            reports.into_iter().flat_map(|r| r.files).collect();
        files.sort_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
        Report { files }
    }
}

/// A new folder is written beside its place and renamed into it: a briefing appears
/// whole or not at all, with one rename instead of one per file.
fn create_folder(dir: &Path, files: &[&ContentFile]) -> Result<Vec<(PathBuf, Outcome)>, Error> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    let err = |path: &Path| {
        let path = path.to_owned();
        move |source: io::Error| Error::file(path, source.to_string())
    };
    fs::create_dir_all(&tmp).map_err(err(&tmp))?;
    let written = (|| {
        for file in files {
            let target = tmp.join(file.path.file_name().unwrap_or_default());
            fs::write(&target, &file.text)
                .map_err(err(&dir.join(file.path.file_name().unwrap_or_default())))?;
        }
        crate::fault::point("import-folder");
        fs::rename(&tmp, dir).map_err(err(dir))
    })();
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    Ok(files
        .iter()
        .map(|f| (f.path.clone(), Outcome::Created))
        .collect())
}

/// A briefing about to be written: its folder under `briefings/` and its transcripts.
#[derive(Debug, Clone)]
pub struct Planned<'a> {
    pub folder: &'a str,
    pub sources: Vec<&'a str>,
}

/// Before any briefing is written: a briefing whose transcripts made a folder under
/// another name (its title or date corrected) has that folder moved to the new name,
/// with `--force` when nothing in it was edited; otherwise the briefing is not written
/// (a conflict, or an outdated folder), so that it is never published twice. Folders
/// made only from the transcripts imported now, which they no longer make, are
/// reported, and removed with `--force` when unedited. Returns whether to write each
/// planned briefing, and what was done.
pub fn place_folders(
    root: &Path,
    planned: &[Planned<'_>],
    inputs: &Inputs,
    force: bool,
) -> Result<(Vec<bool>, Report), Error> {
    let briefings = root.join("briefings");
    let err = |path: &Path| {
        let path = path.to_owned();
        move |source: io::Error| Error::file(path, source.to_string())
    };
    let wanted: HashSet<&str> = planned.iter().map(|p| p.folder).collect();
    // Existing folders no briefing of this run is written to, with their sources.
    let mut existing: Vec<(String, Origin)> = match fs::read_dir(&briefings) {
        Ok(entries) => entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.') && !wanted.contains(n.as_str()))
            .map(|n| {
                let text = fs::read_to_string(briefings.join(&n).join("_index.md"));
                let origin = text.map(|t| Origin::of(&t)).unwrap_or_default();
                (n, origin)
            })
            .filter(|(_, o)| o.by_import)
            .collect(),
        Err(_) => Vec::new(),
    };
    existing.sort_by(|a, b| a.0.cmp(&b.0));
    let mut claimed = vec![false; existing.len()];
    let mut write = Vec::with_capacity(planned.len());
    let mut files = Vec::new();
    for plan in planned {
        let to = PathBuf::from("briefings").join(plan.folder);
        if root.join(&to).exists() {
            write.push(true);
            continue;
        }
        let overlap = |o: &Origin| {
            o.sources
                .iter()
                .filter(|s| plan.sources.contains(&s.as_str()))
                .count()
        };
        let best = (0..existing.len())
            .filter(|&i| !claimed[i] && overlap(&existing[i].1) > 0)
            .max_by_key(|&i| (overlap(&existing[i].1), std::cmp::Reverse(i)));
        let Some(i) = best else {
            write.push(true);
            continue;
        };
        claimed[i] = true;
        let from = PathBuf::from("briefings").join(&existing[i].0);
        let edited = edited_files(&root.join(&from));
        if !edited.is_empty() {
            files.push((from, Outcome::Conflict { to }));
            write.push(false);
        } else if force {
            fs::rename(root.join(&from), root.join(&to)).map_err(err(&root.join(&from)))?;
            files.push((to, Outcome::Moved { from }));
            write.push(true);
        } else {
            files.push((from, Outcome::WouldMove { to }));
            write.push(false);
        }
    }
    for (i, (name, origin)) in existing.iter().enumerate() {
        if claimed[i] || !origin.made_from(inputs) {
            continue;
        }
        let rel = PathBuf::from("briefings").join(name);
        let dir = root.join(&rel);
        let outcome = if !edited_files(&dir).is_empty() {
            Outcome::NoLongerMadeEdited
        } else if force {
            remove_generated_folder(&dir).map_err(err(&dir))?;
            Outcome::Removed
        } else {
            Outcome::NoLongerMade
        };
        files.push((rel, outcome));
    }
    Ok((write, Report { files }))
}

/// The Markdown files of a folder that are not as import wrote them.
fn edited_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut edited: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| {
            fs::read_to_string(p).map_or(true, |t| provenance(&t) != Provenance::AsGenerated)
        })
        .collect();
    edited.sort();
    edited
}

/// Removes a folder whose Markdown files are all as generated; anything else in it
/// (a person's notes, an image) keeps the folder.
fn remove_generated_folder(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            fs::remove_file(&path)?;
        }
    }
    match fs::remove_dir(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound && fs::read_dir(dir).is_ok() => Ok(()),
        other => other,
    }
}

/// The file names of the transcripts imported in this run.
pub type Inputs = HashSet<String>;

/// What a content file says of where it came from.
#[derive(Debug, Default)]
struct Origin {
    /// It carries import's digest: import wrote it (a person may have edited it since).
    by_import: bool,
    provenance: Option<Provenance>,
    kind: Option<String>,
    order: Option<u32>,
    sources: Vec<String>,
}

#[derive(serde::Deserialize)]
struct OriginMatter {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    order: Option<u32>,
    #[serde(default)]
    sources: Vec<OriginSource>,
}

#[derive(serde::Deserialize)]
struct OriginSource {
    file: String,
}

impl Origin {
    fn of(text: &str) -> Origin {
        let Some(split) = super::front_matter::split(text) else {
            return Origin::default();
        };
        let by_import = split
            .yaml
            .lines()
            .any(|l| l.starts_with(super::front_matter::DIGEST_KEY));
        let matter: Option<OriginMatter> = super::front_matter::parse_yaml(split.yaml, 1).ok();
        let matter = matter.unwrap_or(OriginMatter {
            kind: None,
            order: None,
            sources: Vec::new(),
        });
        Origin {
            by_import,
            provenance: Some(provenance(text)),
            kind: matter.kind,
            order: matter.order,
            sources: matter.sources.into_iter().map(|s| s.file).collect(),
        }
    }

    /// Made by import from transcripts that are all imported now: what they make now
    /// is all there is of it.
    fn made_from(&self, inputs: &Inputs) -> bool {
        self.by_import
            && !self.sources.is_empty()
            && self.sources.iter().all(|s| inputs.contains(s))
    }

    fn edited(&self) -> bool {
        self.provenance != Some(Provenance::AsGenerated)
    }
}

/// An existing folder: file by file, keeping hand edits. A file import made from the
/// transcripts imported now, which they now make under another name, is paired with
/// that name (same kind and order) and moved; one they no longer make is removed
/// (both with `--force`, when unedited). Other Markdown files are reported.
fn update_folder(
    root: &Path,
    folder: &Path,
    files: &[&ContentFile],
    inputs: &Inputs,
    force: bool,
) -> Result<Vec<(PathBuf, Outcome)>, Error> {
    let dir = root.join(folder);
    let err = |path: &Path| {
        let path = path.to_owned();
        move |source: io::Error| Error::file(path, source.to_string())
    };
    let made: HashSet<&OsStr> = files.iter().filter_map(|f| f.path.file_name()).collect();
    let mut others: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(err(&dir))?
        .flatten()
        .map(|e| PathBuf::from(e.file_name()))
        .filter(|n| n.extension().is_some_and(|e| e == "md"))
        .filter(|n| !n.to_string_lossy().starts_with('.') && !made.contains(n.as_os_str()))
        .collect();
    others.sort();
    let mut outcomes = Vec::new();
    // New names not yet on disk, by (kind, order): where a renamed file goes.
    let mut unwritten: Vec<(&ContentFile, Origin)> = Vec::new();
    if !others.is_empty() {
        for file in files {
            if !root.join(&file.path).exists() {
                unwritten.push((file, Origin::of(&file.text)));
            }
        }
    }
    let mut skip: HashSet<&Path> = HashSet::new();
    for name in others {
        let old = folder.join(&name);
        let path = dir.join(&name);
        let text = fs::read_to_string(&path).unwrap_or_default();
        let origin = Origin::of(&text);
        if !origin.made_from(inputs) {
            outcomes.push((old, Outcome::NotMadeByImport));
            continue;
        }
        let pair = unwritten.iter().position(|(_, new)| {
            new.kind == origin.kind && new.order.is_some() && new.order == origin.order
        });
        let outcome = match pair {
            Some(i) => {
                let (new_file, _) = unwritten.swap_remove(i);
                let to = new_file.path.clone();
                if origin.edited() {
                    skip.insert(new_file.path.as_path());
                    Outcome::Conflict { to }
                } else if force {
                    fs::rename(&path, root.join(&to)).map_err(err(&path))?;
                    // Reported under its new name, written below.
                    outcomes.push((to, Outcome::Moved { from: old }));
                    continue;
                } else {
                    skip.insert(new_file.path.as_path());
                    Outcome::WouldMove { to }
                }
            }
            None if origin.edited() => Outcome::NoLongerMadeEdited,
            None if force => {
                fs::remove_file(&path).map_err(err(&path))?;
                Outcome::Removed
            }
            None => Outcome::NoLongerMade,
        };
        outcomes.push((old, outcome));
    }
    let moved: HashSet<PathBuf> = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Moved { .. }))
        .map(|(p, _)| p.clone())
        .collect();
    for file in files {
        if skip.contains(file.path.as_path()) {
            continue;
        }
        let outcome = write_one(root, file, force)?;
        // A moved file then takes its new text; "moved" says what happened.
        if !moved.contains(&file.path) {
            outcomes.push((file.path.clone(), outcome));
        }
    }
    Ok(outcomes)
}

fn write_one(root: &Path, file: &ContentFile, force: bool) -> Result<Outcome, Error> {
    let path = root.join(&file.path);
    let err = |source: io::Error| Error::file(path.clone(), source.to_string());
    let outcome = match fs::read(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Outcome::Created,
        Err(e) => return Err(err(e)),
        Ok(existing) if existing == file.text.as_bytes() => return Ok(Outcome::Unchanged),
        Ok(existing) => {
            let existing = String::from_utf8_lossy(&existing);
            match (provenance(&existing), force) {
                (Provenance::Edited, _) => return Ok(Outcome::KeptEdited),
                (Provenance::AsGenerated, false) => return Ok(Outcome::Outdated),
                (Provenance::AsGenerated, true) => Outcome::Replaced,
            }
        }
    };
    write_atomically(&path, file.text.as_bytes()).map_err(err)?;
    Ok(outcome)
}

/// Writes to a temporary file beside the target, then renames it over the target, so
/// that a reader or a crash never sees half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        crate::fault::point("import-file");
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The content folder held by one import at a time: two imports writing the same
/// folders would trip over each other's temporary files. The lock is the system's
/// (released when the process ends, however it ends); the file names the holder.
#[derive(Debug)]
pub struct ImportLock {
    _file: fs::File,
}

/// The lock file, in the content folder.
pub const LOCK_FILE: &str = ".import.lock";

impl ImportLock {
    /// Takes the lock, then removes what killed imports left (`.name.PID.tmp` files
    /// and folders): with the lock held, no other import is writing them.
    pub fn take(root: &Path) -> Result<ImportLock, Error> {
        let path = root.join(LOCK_FILE);
        let err = |source: io::Error| Error::file(path.clone(), source.to_string());
        fs::create_dir_all(root).map_err(err)?;
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let pid = fs::read_to_string(&path).unwrap_or_default();
                let pid = pid.trim();
                let pid = if pid.is_empty() { "unknown" } else { pid };
                return Err(Error::file(
                    root,
                    format!("another import (pid {pid}) is running on this content folder"),
                )
                .with_help("wait for it to finish, then run import again"));
            }
            Err(fs::TryLockError::Error(e)) => return Err(err(e)),
        }
        file.set_len(0).map_err(err)?;
        file.write_all(std::process::id().to_string().as_bytes())
            .map_err(err)?;
        sweep_temporaries(root);
        Ok(ImportLock { _file: file })
    }
}

/// `.01-x.md.1234.tmp` or `.2024-07-26-x.1234.tmp`: what `write_atomically` and
/// `create_folder` write before their rename.
fn temporary_pid(name: &str) -> Option<u32> {
    let stem = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, pid) = stem.rsplit_once('.')?;
    crate::leftovers::pid_in(pid, "", "")
}

fn sweep_temporaries(root: &Path) {
    let briefings = root.join("briefings");
    crate::leftovers::sweep(&briefings, temporary_pid, true);
    let Ok(folders) = fs::read_dir(&briefings) else {
        return;
    };
    for folder in folders.flatten() {
        if folder.file_type().is_ok_and(|t| t.is_dir()) {
            crate::leftovers::sweep(&folder.path(), temporary_pid, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::compose;

    fn file(name: &str, body: &str) -> ContentFile {
        ContentFile {
            path: PathBuf::from("briefings/b").join(name),
            text: compose("title: T\n", body),
        }
    }

    #[test]
    fn creates_then_leaves_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let files = [file("a.md", "A\n")];
        let r = apply(dir.path(), &files, &Inputs::new(), false).unwrap();
        assert_eq!(
            r.files,
            [(PathBuf::from("briefings/b/a.md"), Outcome::Created)]
        );
        let r = apply(dir.path(), &files, &Inputs::new(), false).unwrap();
        assert_eq!(r.files[0].1, Outcome::Unchanged);
    }

    #[test]
    fn hand_edits_survive_even_force_and_generated_files_need_force() {
        let dir = tempfile::tempdir().unwrap();
        apply(
            dir.path(),
            &[file("a.md", "A\n"), file("b.md", "B\n")],
            &Inputs::new(),
            false,
        )
        .unwrap();
        let a = dir.path().join("briefings/b/a.md");
        let edited = fs::read_to_string(&a)
            .unwrap()
            .replace("A\n", "A, corrected\n");
        fs::write(&a, &edited).unwrap();
        fs::write(dir.path().join("briefings/b/notes.md"), "mine").unwrap();

        let newer = [file("a.md", "A2\n"), file("b.md", "B2\n")];
        let r = apply(dir.path(), &newer, &Inputs::new(), false).unwrap();
        let outcomes: Vec<Outcome> = r.files.iter().map(|f| f.1.clone()).collect();
        assert_eq!(
            outcomes,
            [
                Outcome::KeptEdited,
                Outcome::Outdated,
                Outcome::NotMadeByImport
            ]
        );
        let r = apply(dir.path(), &newer, &Inputs::new(), true).unwrap();
        let outcomes: Vec<Outcome> = r.files.iter().map(|f| f.1.clone()).collect();
        assert_eq!(
            outcomes,
            [
                Outcome::KeptEdited,
                Outcome::Replaced,
                Outcome::NotMadeByImport
            ]
        );
        assert_eq!(fs::read_to_string(&a).unwrap(), edited);
        assert!(fs::read_to_string(dir.path().join("briefings/b/b.md"))
            .unwrap()
            .contains("B2"));
        assert_eq!(
            fs::read_to_string(dir.path().join("briefings/b/notes.md")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn no_temporary_files_or_folders_are_left() {
        let dir = tempfile::tempdir().unwrap();
        let names = |p: &str| {
            let mut n: Vec<_> = fs::read_dir(dir.path().join(p))
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            n.sort();
            n
        };
        // A new folder, then an existing one.
        apply(
            dir.path(),
            &[file("a.md", "A\n"), file("b.md", "B\n")],
            &Inputs::new(),
            false,
        )
        .unwrap();
        assert_eq!(names("briefings"), ["b"]);
        assert_eq!(names("briefings/b"), ["a.md", "b.md"]);
        apply(
            dir.path(),
            &[file("a.md", "A2\n"), file("c.md", "C\n")],
            &Inputs::new(),
            true,
        )
        .unwrap();
        assert_eq!(names("briefings"), ["b"]);
        assert_eq!(names("briefings/b"), ["a.md", "b.md", "c.md"]);
    }
}
