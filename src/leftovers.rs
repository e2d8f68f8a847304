//! What a killed command leaves behind: staging folders and temporary files named
//! after the process that made them (`.public.building-1234`, `.name.md.1234.tmp`).
//! A later run removes those whose process is gone, and never another live one's.

use std::fs;
use std::path::Path;

/// Whether a process with this id is running (on this machine).
pub fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // Signal 0 checks for existence; EPERM means it exists but is not ours.
        // SAFETY: kill with signal 0 sends nothing; it only reports.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        // No cheap portable test: treat every other process as alive, so nothing
        // of a running command is ever removed.
        true
    }
}

/// The process id in a leftover's name: the digits after `prefix` and before `suffix`.
pub fn pid_in(name: &str, prefix: &str, suffix: &str) -> Option<u32> {
    let digits = name.strip_prefix(prefix)?.strip_suffix(suffix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Removes the entries of `dir` that `is_leftover` names with the id of a process
/// that is gone (another process's, when `any_but_ours`: the caller holds a lock
/// that proves no other run is writing here). Returns the names removed.
pub fn sweep(
    dir: &Path,
    is_leftover: impl Fn(&str) -> Option<u32>,
    any_but_ours: bool,
) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = is_leftover(&name) else {
            continue;
        };
        let ours = pid == std::process::id();
        let stale = if any_but_ours {
            !ours
        } else {
            !process_alive(pid)
        };
        if !stale {
            continue;
        }
        let path = entry.path();
        let gone = match entry.file_type() {
            Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
            _ => fs::remove_file(&path),
        };
        if gone.is_ok() {
            removed.push(name);
        }
    }
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pids_are_read_from_names_and_only_digits_count() {
        assert_eq!(
            pid_in(".public.building-42", ".public.building-", ""),
            Some(42)
        );
        assert_eq!(pid_in(".a.md.7.tmp", ".a.md.", ".tmp"), Some(7));
        assert_eq!(pid_in(".public.building-x1", ".public.building-", ""), None);
        assert_eq!(pid_in(".public.building-", ".public.building-", ""), None);
    }

    #[test]
    fn a_live_process_is_alive_and_a_finished_one_is_not() {
        assert!(process_alive(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!process_alive(pid));
    }

    #[test]
    fn sweep_removes_only_dead_processes_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let live = std::process::id();
        fs::create_dir(dir.path().join(format!(".p.building-{dead}"))).unwrap();
        fs::write(dir.path().join(format!(".p.building-{dead}/x")), "x").unwrap();
        fs::create_dir(dir.path().join(format!(".p.building-{live}"))).unwrap();
        fs::create_dir(dir.path().join("p")).unwrap();
        let removed = sweep(dir.path(), |n| pid_in(n, ".p.building-", ""), false);
        assert_eq!(removed, [format!(".p.building-{dead}")]);
        assert!(dir.path().join(format!(".p.building-{live}")).exists());
        assert!(dir.path().join("p").exists());
    }
}
