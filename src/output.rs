//! The output folder, written without losing anything. The site is rendered into a
//! staging folder beside the output and swapped in whole at the end; a failure, a
//! panic or a kill leaves the previous site as it was. Before anything is written
//! the output is checked: a build replaces only a folder it made itself (it carries
//! [`MARKER`]), an empty one or a missing one, and never the project, a folder above
//! it, or one of its inputs.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;
use crate::leftovers;

/// Written at the top of every site a build makes: the proof that the folder is
/// the build's to replace.
pub const MARKER: &str = ".briefings-build";

const MARKER_TEXT: &str =
    "This folder is written by `briefings build`. The next build replaces it whole:\n\
                           do not keep files of your own here.\n";

fn io_error(path: &Path) -> impl Fn(io::Error) -> Error + '_ {
    Error::io(path)
}

/// What the output must never be or hold: the project and the folders a build reads.
#[derive(Debug, Clone)]
pub struct Protected {
    pub project: PathBuf,
    /// Input folders, with their names for messages (`content`, `templates`...).
    pub inputs: Vec<(&'static str, PathBuf)>,
}

/// A site being written: a staging folder that becomes the output on [`commit`], and
/// is removed if it is dropped before (an error, a panic).
///
/// [`commit`]: Staging::commit
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    /// Checks `output` against `protected`, removes what killed builds left beside it,
    /// and makes a fresh staging folder. `force` allows replacing a folder that holds
    /// files a build did not write (never the project, its inputs, a repository, the
    /// home folder or the root).
    pub fn prepare(output: &Path, protected: &Protected, force: bool) -> Result<Staging, Error> {
        let output = resolve(output).map_err(io_error(output))?;
        check(&output, protected, force)?;
        let parent = output.parent().unwrap_or(Path::new("/")).to_owned();
        fs::create_dir_all(&parent).map_err(io_error(&parent))?;
        let name = file_name(&output);
        let building = format!(".{name}.building-");
        let old = format!(".{name}.old-");
        leftovers::sweep(
            &parent,
            |n| leftovers::pid_in(n, &building, "").or_else(|| leftovers::pid_in(n, &old, "")),
            false,
        );
        let dir = parent.join(format!("{building}{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_error(&dir))?;
        }
        fs::create_dir(&dir).map_err(io_error(&dir))?;
        let staging = Staging {
            dir,
            output,
            committed: false,
        };
        fs::write(staging.dir.join(MARKER), MARKER_TEXT).map_err(io_error(&staging.dir))?;
        Ok(staging)
    }

    /// Where the pages are written.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The output folder, resolved.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// The staged site takes the output's place, in one atomic exchange where the
    /// system has one; the previous site is removed after.
    pub fn commit(self) -> Result<PathBuf, Error> {
        let (output, previous) = self.commit_keeping_old()?;
        crate::fault::point("swapped");
        // After an exchange the staging name holds the previous site.
        if let Some(previous) = previous {
            remove_site(&previous);
        }
        Ok(output)
    }
}

/// Removes a built site, its folders two levels down (a briefing's pages, a topic's
/// years) in parallel: removing 10,000 pages is otherwise a tenth of a build.
/// Best effort, as a leftover is swept by the next build.
pub fn remove_site(dir: &Path) {
    use rayon::prelude::*;
    let parts: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(2)
        .max_depth(2)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    parts.par_iter().for_each(|p| {
        let _ = fs::remove_dir_all(p);
    });
    let _ = fs::remove_dir_all(dir);
}

impl Staging {
    /// As [`commit`](Staging::commit), but the previous site is left for the caller
    /// to remove when it has time (a server answers its pages first); returns the new
    /// site's path and the old one's, if there was one. The next build here removes
    /// it too.
    pub fn commit_keeping_old(mut self) -> Result<(PathBuf, Option<PathBuf>), Error> {
        crate::fault::point("swap");
        swap(&self.dir, &self.output).map_err(io_error(&self.output))?;
        self.committed = true;
        let old = fs::symlink_metadata(&self.dir)
            .is_ok()
            .then(|| self.dir.clone());
        Ok((self.output.clone(), old))
    }

    /// The staged files replace their namesakes in the output, which keeps the rest
    /// (a partial rebuild: a few pages made again). Each file is replaced in one
    /// rename, so a reader sees the old page or the new, never half of one. Returns
    /// the files' paths relative to the output, `/`-separated.
    pub fn merge(mut self) -> Result<Vec<String>, Error> {
        let mut moved = Vec::new();
        for entry in walkdir::WalkDir::new(&self.dir).min_depth(1) {
            let entry = entry.map_err(|e| io_error(&self.dir)(io::Error::other(e)))?;
            if !entry.file_type().is_file() || entry.file_name() == MARKER {
                continue;
            }
            let rel = entry.path().strip_prefix(&self.dir).unwrap_or(entry.path());
            let target = self.output.join(rel);
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(io_error(parent))?;
            }
            fs::rename(entry.path(), &target).map_err(io_error(&target))?;
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            moved.push(parts.join("/"));
        }
        self.committed = true;
        let _ = fs::remove_dir_all(&self.dir);
        Ok(moved)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// An absolute path with symbolic links and `.`/`..` resolved, for a path that may
/// not exist yet: its longest existing ancestor is resolved by the system.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(real) => {
                let mut out = real;
                for part in rest.iter().rev() {
                    match part {
                        Component::Normal(p) => out.push(p),
                        Component::CurDir => {}
                        Component::ParentDir => {
                            out.pop();
                        }
                        _ => {}
                    }
                }
                return Ok(out);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let Some(parent) = existing.parent() else {
                    return Err(e);
                };
                if let Some(last) = existing.components().next_back() {
                    rest.push(last);
                }
                existing = parent;
            }
            Err(e) => return Err(e),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "public".to_owned(), |n| n.to_string_lossy().into_owned())
}

fn refused(path: &Path, why: String, help: &str) -> Error {
    Error::file(path, format!("the output folder {why}")).with_help(help)
}

const CHOOSE: &str = "choose a folder of its own for the site, such as public/ (the default)";

fn check(output: &Path, protected: &Protected, force: bool) -> Result<(), Error> {
    if let Some(why) = forbidden(output, protected)? {
        return Err(refused(output, why, CHOOSE));
    }
    let meta = match fs::symlink_metadata(output) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error(output)(e)),
    };
    if !meta.is_dir() {
        return Err(refused(output, "is a file, not a folder".into(), CHOOSE));
    }
    if output.join(".git").exists() {
        return Err(refused(output, "is a git repository".into(), CHOOSE));
    }
    if output.join(MARKER).is_file() || made_before_the_marker(output) {
        return Ok(());
    }
    let mut entries = fs::read_dir(output).map_err(io_error(output))?;
    let first = entries.next().transpose().map_err(io_error(output))?;
    match first {
        None => Ok(()),
        Some(_) if force => Ok(()),
        Some(entry) => Err(refused(
            output,
            format!(
                "holds files a build did not write (such as {}): it has no {MARKER} file",
                entry.file_name().to_string_lossy()
            ),
            "the build replaces its output whole; choose an empty or new folder, or, if \
             everything in it may go, say --force-output",
        )),
    }
}

/// Why `dir` may not be a folder the build keeps for itself (its cache): the places
/// an output may never be (the project, above it, an input or in one, the root).
pub fn forbidden_place(dir: &Path, protected: &Protected) -> Result<Option<String>, Error> {
    let dir = resolve(dir).map_err(io_error(dir))?;
    forbidden(&dir, protected)
}

/// Why `output` may never be an output, whatever is in it: the project, a folder
/// above it, its `.git`, an input folder or a folder in one, the root or home.
fn forbidden(output: &Path, protected: &Protected) -> Result<Option<String>, Error> {
    let project = resolve(&protected.project).map_err(io_error(&protected.project))?;
    if output == project {
        return Ok(Some("is the project folder".into()));
    }
    if project.starts_with(output) {
        return Ok(Some(format!("holds the project ({})", project.display())));
    }
    if output.starts_with(project.join(".git")) {
        return Ok(Some("is inside the project's .git".into()));
    }
    for (name, input) in &protected.inputs {
        let input = resolve(input).map_err(io_error(input))?;
        if input == output {
            return Ok(Some(format!("is the {name} folder, which the build reads")));
        }
        if input.starts_with(output) {
            return Ok(Some(format!(
                "holds the {name} folder ({}), which the build reads",
                input.display()
            )));
        }
        if output.starts_with(&input) {
            return Ok(Some(format!(
                "is inside the {name} folder ({}): the next build would read it as input",
                input.display()
            )));
        }
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .and_then(|h| h.canonicalize().ok());
    if output.parent().is_none() || home.as_deref() == Some(output) {
        return Ok(Some("is the root or the home folder".into()));
    }
    Ok(None)
}

/// A site a build wrote before builds left [`MARKER`]: every file a build always
/// writes is there. A folder of one's own has not all of these.
fn made_before_the_marker(output: &Path) -> bool {
    [
        "index.html",
        "404.html",
        ".nojekyll",
        "sitemap.xml",
        "robots.txt",
        "data/exchanges.json",
    ]
    .iter()
    .all(|f| output.join(f).is_file())
}

/// Puts `staging` in `output`'s place. On Linux one `renameat2(RENAME_EXCHANGE)`:
/// readers see the old site or the new one, never none; `staging` then holds the old.
fn swap(staging: &Path, output: &Path) -> io::Result<()> {
    if fs::symlink_metadata(output).is_err() {
        return fs::rename(staging, output);
    }
    #[cfg(target_os = "linux")]
    {
        match exchange(staging, output) {
            Ok(()) => return Ok(()),
            // The file system or kernel has no exchange: fall back.
            Err(e)
                if matches!(
                    e.raw_os_error(),
                    Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
                ) => {}
            Err(e) => return Err(e),
        }
    }
    // Two renames: the old site is moved aside, the new one put in its place.
    let aside = output.with_file_name(format!(".{}.old-{}", file_name(output), std::process::id()));
    fs::rename(output, &aside)?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(&aside, output);
        return Err(e);
    }
    // The caller removes the staging path: let it hold the old site, as after an exchange.
    fs::rename(&aside, staging)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths; the call only renames.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, Protected) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        for d in ["content", "templates", "static", "transcripts"] {
            fs::create_dir_all(root.join(d)).unwrap();
        }
        let protected = Protected {
            project: root.clone(),
            inputs: vec![
                ("content", root.join("content")),
                ("templates", root.join("templates")),
                ("static", root.join("static")),
                ("transcripts", root.join("transcripts")),
            ],
        };
        (dir, protected)
    }

    #[test]
    fn paths_that_do_not_exist_yet_resolve() {
        let (dir, p) = project();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(
            resolve(&p.project.join("content/../public/x")).unwrap(),
            real.join("project/public/x")
        );
    }

    #[test]
    fn the_project_its_parents_and_its_inputs_are_refused_even_with_force() {
        let (dir, p) = project();
        for bad in [
            p.project.clone(),
            p.project.join("."),
            dir.path().to_owned(),
            p.project.join("content"),
            p.project.join("templates/"),
            p.project.join("content/briefings/site"),
            p.project.join("static/../transcripts"),
            PathBuf::from("/"),
        ] {
            let e = Staging::prepare(&bad, &p, true).unwrap_err();
            assert!(e.help.is_some(), "{bad:?}: {e}");
        }
    }

    #[test]
    fn a_folder_with_files_of_its_own_needs_force_and_a_repository_never_goes() {
        let (_dir, p) = project();
        let out = p.project.join("mine");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("notes.txt"), "keep me").unwrap();
        let e = Staging::prepare(&out, &p, false).unwrap_err().to_string();
        assert!(
            e.contains("notes.txt") && e.contains("--force-output"),
            "{e}"
        );
        assert!(Staging::prepare(&out, &p, true).is_ok());
        fs::create_dir(out.join(".git")).unwrap();
        assert!(Staging::prepare(&out, &p, true).is_err());
    }

    #[test]
    fn a_committed_site_replaces_the_old_one_and_carries_the_marker() {
        let (_dir, p) = project();
        let out = p.project.join("public");
        for round in 0..2 {
            let staging = Staging::prepare(&out, &p, false).unwrap();
            fs::write(staging.dir().join("index.html"), format!("round {round}")).unwrap();
            staging.commit().unwrap();
            assert_eq!(
                fs::read_to_string(out.join("index.html")).unwrap(),
                format!("round {round}")
            );
            assert!(out.join(MARKER).is_file());
        }
        let names: Vec<_> = fs::read_dir(&p.project)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_site_built_before_the_marker_is_replaced_but_a_look_alike_is_not() {
        let (_dir, p) = project();
        let out = p.project.join("public");
        for f in [
            "index.html",
            "404.html",
            ".nojekyll",
            "sitemap.xml",
            "robots.txt",
        ] {
            fs::create_dir_all(&out).unwrap();
            fs::write(out.join(f), "old").unwrap();
        }
        assert!(
            Staging::prepare(&out, &p, false).is_err(),
            "no data export: not ours"
        );
        fs::create_dir_all(out.join("data")).unwrap();
        fs::write(out.join("data/exchanges.json"), "[]").unwrap();
        Staging::prepare(&out, &p, false).unwrap().commit().unwrap();
        assert!(out.join(MARKER).is_file());
    }

    #[test]
    fn a_dropped_staging_folder_is_removed_and_the_old_site_kept() {
        let (_dir, p) = project();
        let out = p.project.join("public");
        Staging::prepare(&out, &p, false).unwrap().commit().unwrap();
        fs::write(out.join("page.html"), "old").unwrap();
        let staging = Staging::prepare(&out, &p, false).unwrap();
        let dir = staging.dir().to_owned();
        drop(staging);
        assert!(!dir.exists());
        assert_eq!(fs::read_to_string(out.join("page.html")).unwrap(), "old");
    }
}
