//! Writes content files without losing anything: a file a person edited is never
//! replaced, a file still as generated is replaced only with `--force`, every write
//! goes to a temporary file renamed into place, and files this import no longer makes
//! are reported, never deleted.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::front_matter::{provenance, Provenance};
use super::ContentFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
}

impl Outcome {
    pub fn describe(self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Replaced => "replaced (was as generated; --force)",
            Outcome::Unchanged => "unchanged",
            Outcome::Outdated => {
                "skipped: import would write it differently now; run with --force to \
                 replace it (it has no hand edits)"
            }
            Outcome::KeptEdited => "kept: edited by hand, never overwritten",
            Outcome::NotMadeByImport => "left alone: this import does not make it",
        }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    /// Path (relative to the content folder) and what happened to it, sorted by path.
    pub files: Vec<(PathBuf, Outcome)>,
}

impl Report {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.files.iter().filter(|(_, o)| *o == outcome).count()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

pub fn apply(root: &Path, files: &[ContentFile], force: bool) -> Result<Report, WriteError> {
    // Files by folder, in the order given; folders found by their raw bytes.
    let mut folders: Vec<Vec<&ContentFile>> = Vec::new();
    let mut index: HashMap<&OsStr, usize> = HashMap::new();
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
        .map(|files| apply_folder(root, files, force))
        .collect::<Result<Vec<_>, WriteError>>()?;
    Ok(Report::merge(reports))
}

/// Writes files that all belong to one folder: the unit of work when briefings are
/// rendered and written one by one, in parallel.
pub fn apply_folder<F: std::borrow::Borrow<ContentFile>>(
    root: &Path,
    files: &[F],
    force: bool,
) -> Result<Report, WriteError> {
    let files: Vec<&ContentFile> = files.iter().map(|f| f.borrow()).collect();
    let Some(first) = files.first() else {
        return Ok(Report::default());
    };
    let folder = first.path.parent().unwrap_or(Path::new(""));
    let dir = root.join(folder);
    let files = if dir.exists() {
        update_folder(root, folder, &files, force)?
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
fn create_folder(
    dir: &Path,
    files: &[&ContentFile],
) -> Result<Vec<(PathBuf, Outcome)>, WriteError> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    let err = |path: &Path| {
        let path = path.to_owned();
        move |source| WriteError { path, source }
    };
    fs::create_dir_all(&tmp).map_err(err(&tmp))?;
    let written = (|| {
        for file in files {
            let target = tmp.join(file.path.file_name().unwrap_or_default());
            fs::write(&target, &file.text)
                .map_err(err(&dir.join(file.path.file_name().unwrap_or_default())))?;
        }
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

/// An existing folder: file by file, keeping hand edits, and reporting Markdown files
/// this import does not make.
fn update_folder(
    root: &Path,
    folder: &Path,
    files: &[&ContentFile],
    force: bool,
) -> Result<Vec<(PathBuf, Outcome)>, WriteError> {
    let mut outcomes = files
        .iter()
        .map(|file| Ok((file.path.clone(), write_one(root, file, force)?)))
        .collect::<Result<Vec<_>, WriteError>>()?;
    let made: HashSet<&OsStr> = files.iter().filter_map(|f| f.path.file_name()).collect();
    let dir = root.join(folder);
    let entries = fs::read_dir(&dir).map_err(|source| WriteError {
        path: dir.clone(),
        source,
    })?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_markdown = Path::new(&name).extension().is_some_and(|e| e == "md");
        if is_markdown && !made.contains(name.as_os_str()) {
            outcomes.push((folder.join(&name), Outcome::NotMadeByImport));
        }
    }
    Ok(outcomes)
}

fn write_one(root: &Path, file: &ContentFile, force: bool) -> Result<Outcome, WriteError> {
    let path = root.join(&file.path);
    let err = |source| WriteError {
        path: path.clone(),
        source,
    };
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
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
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
        let r = apply(dir.path(), &files, false).unwrap();
        assert_eq!(
            r.files,
            [(PathBuf::from("briefings/b/a.md"), Outcome::Created)]
        );
        let r = apply(dir.path(), &files, false).unwrap();
        assert_eq!(r.files[0].1, Outcome::Unchanged);
    }

    #[test]
    fn hand_edits_survive_even_force_and_generated_files_need_force() {
        let dir = tempfile::tempdir().unwrap();
        apply(
            dir.path(),
            &[file("a.md", "A\n"), file("b.md", "B\n")],
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
        let r = apply(dir.path(), &newer, false).unwrap();
        let outcomes: Vec<Outcome> = r.files.iter().map(|f| f.1).collect();
        assert_eq!(
            outcomes,
            [
                Outcome::KeptEdited,
                Outcome::Outdated,
                Outcome::NotMadeByImport
            ]
        );
        let r = apply(dir.path(), &newer, true).unwrap();
        let outcomes: Vec<Outcome> = r.files.iter().map(|f| f.1).collect();
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
            false,
        )
        .unwrap();
        assert_eq!(names("briefings"), ["b"]);
        assert_eq!(names("briefings/b"), ["a.md", "b.md"]);
        apply(
            dir.path(),
            &[file("a.md", "A2\n"), file("c.md", "C\n")],
            true,
        )
        .unwrap();
        assert_eq!(names("briefings"), ["b"]);
        assert_eq!(names("briefings/b"), ["a.md", "b.md", "c.md"]);
    }
}
