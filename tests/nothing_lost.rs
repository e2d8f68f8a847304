//! Nothing lost, whatever the command line, the crash or the content. Each test runs
//! the real binary on a copy of the project and checks that a failing or hostile
//! run changes no input (a checksum of every input folder before and after), leaves
//! no staging folder, and keeps the previous site; and that what content may publish
//! is what the archive holds, once.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::*;

/// Every input of the project, file by file: what no failing run may change.
fn inputs(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut all = BTreeMap::new();
    for part in ["content", "templates", "static", "transcripts"] {
        for (path, bytes) in snapshot(&root.join(part)) {
            all.insert(Path::new(part).join(path), bytes);
        }
    }
    all.insert(
        "site.yaml".into(),
        fs::read(root.join("site.yaml")).unwrap(),
    );
    all
}

fn run(root: &Path, args: &[&str], fault: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefings"));
    command.args(args).current_dir(root);
    if let Some(f) = fault {
        command.env("BRIEFINGS_TEST_FAULT", f);
    }
    command.output().expect("the binary runs")
}

fn build(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--no-search"];
    args.extend_from_slice(extra);
    run(root, &args, None)
}

fn ok(out: &Output) {
    assert!(out.status.success(), "{}\n{}", stderr(out), stdout(out));
}

/// Names in `dir` that a build or an import writes before its rename.
fn staging_left(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .max_depth(3)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".building-") || n.contains(".old-") || n.ends_with(".tmp"))
        .collect()
}

/// A failed build: exit 1, an error saying `message`, no panic, every input and
/// the previous site as they were, and no staging folder left.
fn assert_refused(root: &Path, out: &Output, message: &str, before: &BTreeMap<PathBuf, Vec<u8>>) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(message), "expected {message:?} in:\n{err}");
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{err}"
    );
    assert_eq!(&inputs(root), before, "a failed run changed an input");
    assert!(staging_left(root).is_empty(), "{:?}", staging_left(root));
}

#[test]
fn build_refuses_the_project_its_parents_and_its_inputs_as_output() {
    let project = project_copy();
    let root = project.path();
    fs::write(root.join("notes.txt"), "mine").unwrap();
    let before = inputs(root);
    let parent = root.parent().unwrap().to_str().unwrap().to_owned();
    for (output, message) in [
        ("content", "is the content folder, which the build reads"),
        ("templates", "is the templates folder"),
        ("static/", "is the static folder"),
        ("transcripts", "is the transcripts folder"),
        ("content/briefings/site", "is inside the content folder"),
        (".", "is the project folder"),
        ("..", "holds the project"),
        (parent.as_str(), "holds the project"),
        ("/", "holds the project"),
        (".git", "is inside the project's .git"),
    ] {
        for force in [false, true] {
            let mut extra = vec!["--output", output];
            if force {
                extra.push("--force-output");
            }
            let out = build(root, &extra);
            assert_refused(root, &out, message, &before);
        }
    }
    assert_eq!(fs::read_to_string(root.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn build_replaces_only_a_folder_it_made_unless_told() {
    let project = project_copy();
    let root = project.path();
    let mine = root.join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("thesis.docx"), "years of work").unwrap();
    let before = inputs(root);
    let out = build(root, &["--output", "mine"]);
    assert_refused(
        root,
        &out,
        "holds files a build did not write (such as thesis.docx)",
        &before,
    );
    assert!(stderr(&out).contains("--force-output"), "{}", stderr(&out));
    assert_eq!(
        fs::read(mine.join("thesis.docx")).unwrap(),
        b"years of work"
    );

    // A folder the build made is replaced, again and again; an empty one is taken.
    ok(&build(root, &["--output", "site"]));
    assert!(root.join("site/.briefings-build").is_file());
    ok(&build(root, &["--output", "site"]));
    fs::create_dir(root.join("empty")).unwrap();
    ok(&build(root, &["--output", "empty"]));

    // Told, it replaces the folder whole.
    ok(&build(root, &["--output", "mine", "--force-output"]));
    assert!(!mine.join("thesis.docx").exists());
    assert!(mine.join("index.html").is_file());
    // A repository is never an output, even when told.
    fs::create_dir_all(root.join("repo/.git")).unwrap();
    let out = build(root, &["--output", "repo", "--force-output"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(root.join("repo/.git").is_dir());
}

#[test]
fn a_panic_in_any_stage_is_an_error_that_keeps_the_old_site() {
    let project = project_copy();
    let root = project.path();
    ok(&build(root, &[]));
    let site = snapshot(&root.join("public"));
    let before = inputs(root);
    // The indexer panicking (as it does on a full disk), and a kill-free panic just
    // before the swap.
    for (fault, stage) in [
        ("panic:search", "while writing the search index"),
        ("panic:swap", "while swapping the new site in"),
    ] {
        let out = run(root, &["build"], Some(fault));
        assert_refused(root, &out, stage, &before);
        assert!(stderr(&out).contains("planted failure"), "{}", stderr(&out));
        assert_eq!(
            snapshot(&root.join("public")),
            site,
            "{fault}: the old site is kept"
        );
    }
}

#[test]
fn what_a_killed_build_leaves_is_removed_by_the_next() {
    let project = project_copy();
    let root = project.path();
    ok(&build(root, &[]));
    let old = snapshot(&root.join("public"));
    // Killed just before the swap: the staging folder stays, the old site too.
    let out = run(root, &["build", "--no-search"], Some("abort:swap"));
    assert!(!out.status.success());
    assert_eq!(snapshot(&root.join("public")), old);
    let left = staging_left(root);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(".public.building-"), "{left:?}");
    // Left by a two-rename swap killed half-way, from a process long gone.
    let gone = finished_pid();
    fs::create_dir(root.join(format!(".public.old-{gone}"))).unwrap();
    // A live build's staging folder is not touched.
    let live = std::process::id();
    fs::create_dir(root.join(format!(".public.building-{live}"))).unwrap();
    ok(&build(root, &[]));
    assert_eq!(staging_left(root), [format!(".public.building-{live}")]);
    // Git ignores all of these.
    assert_ignored(&[
        &format!(".public.building-{gone}"),
        &format!(".public.old-{gone}"),
        &format!("content/briefings/.2024-01-01-x.{gone}.tmp"),
        &format!("content/briefings/x/.01-x.md.{gone}.tmp"),
        "content/.import.lock",
    ]);
}

/// The id of a process that has ended.
fn finished_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

fn assert_ignored(paths: &[&str]) {
    let out = Command::new("git")
        .args(["check-ignore", "--no-index", "-v"])
        .args(paths)
        .current_dir(repo())
        .output()
        .expect("git runs");
    let listed = stdout(&out);
    for p in paths {
        assert!(
            listed.contains(p),
            "{p} is not ignored by .gitignore:\n{listed}"
        );
    }
}

#[test]
fn the_swap_exchanges_the_sites_in_one_step() {
    let project = project_copy();
    let root = project.path();
    ok(&build(root, &[]));
    fs::write(root.join("public/old-only.html"), "old").unwrap();
    // Held right after the swap: the new site is in place, the old one is under the
    // staging name, about to be removed. Both exist: there was no moment without one.
    let signal = root.join("held");
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefings"))
        .args(["build", "--no-search"])
        .current_dir(root)
        .env(
            "BRIEFINGS_TEST_FAULT",
            format!("hold:swapped:{}", signal.display()),
        )
        .spawn()
        .unwrap();
    wait_for(&signal);
    assert!(!root.join("public/old-only.html").exists());
    assert!(root.join("public/index.html").is_file());
    let left = staging_left(root);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(root.join(&left[0]).join("old-only.html").is_file());
    fs::remove_file(&signal).unwrap();
    assert!(child.wait().unwrap().success());
    assert!(staging_left(root).is_empty());
}

fn wait_for(path: &Path) {
    let started = Instant::now();
    while !path.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{} never came",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn two_imports_at_once_the_second_says_who_runs() {
    let project = project_copy();
    let root = project.path();
    let signal = root.join("held");
    let mut first = Command::new(env!("CARGO_BIN_EXE_briefings"))
        .args(["import"])
        .current_dir(root)
        .env(
            "BRIEFINGS_TEST_FAULT",
            format!("hold:import-locked:{}", signal.display()),
        )
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for(&signal);
    let before = inputs(root);
    let second = run(root, &["import"], None);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("another import (pid {}) is running", first.id())),
        "{err}"
    );
    assert_eq!(inputs(root), before);
    fs::remove_file(&signal).unwrap();
    assert!(first.wait().unwrap().success());
    // Once the first is done, the lock is free.
    ok(&run(root, &["import"], None));
}

#[test]
fn what_a_killed_import_leaves_is_removed_by_the_next() {
    let project = project_copy();
    let root = project.path();
    fs::remove_dir_all(root.join("content/briefings")).unwrap();
    // Killed while a new briefing folder is written, before its rename.
    let out = run(root, &["import"], Some("abort:import-folder"));
    assert!(!out.status.success());
    assert!(!staging_left(&root.join("content")).is_empty());
    let written: Vec<_> = fs::read_dir(root.join("content/briefings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert!(
        written.is_empty(),
        "no half briefing is visible: {written:?}"
    );
    ok(&run(root, &["import"], None));
    assert!(staging_left(&root.join("content")).is_empty());
    // Killed while files are replaced: every file stays as it was, whole.
    let before = snapshot(&root.join("content"));
    edit_transcripts(root, "Thank you", "Many thanks");
    let out = run(root, &["import", "--force"], Some("abort:import-file"));
    assert!(!out.status.success());
    assert!(!staging_left(&root.join("content")).is_empty());
    let mut now = snapshot(&root.join("content"));
    now.retain(|p, _| !p.to_string_lossy().ends_with(".tmp"));
    assert_eq!(now, before);
    ok(&run(root, &["import", "--force"], None));
    assert!(staging_left(&root.join("content")).is_empty());
    assert_ne!(snapshot(&root.join("content")), before);
}

fn one_file(root: &Path, name: &str) -> PathBuf {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name() == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .into_path()
}

/// Replaces `from` with `to` at the start of lines in every transcript.
fn edit_transcripts(root: &Path, from: &str, to: &str) {
    let mut changed = false;
    for entry in fs::read_dir(root.join("transcripts")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let new: Vec<String> = text
            .split('\n')
            .map(|l| match l.strip_prefix(from) {
                Some(rest) => format!("{to}{rest}"),
                None => l.to_owned(),
            })
            .collect();
        let new = new.join("\n");
        if new != text {
            changed = true;
            fs::write(&path, new).unwrap();
        }
    }
    assert!(changed, "no transcript line starts with {from:?}");
}

/// The exchanges the built site publishes: (briefing, order, asked_by).
fn published(root: &Path) -> Vec<(String, u64, String)> {
    let out = build(root, &["--output", "check-site"]);
    ok(&out);
    let mut list: Vec<_> = export_records(&root.join("check-site"))
        .iter()
        .map(|e| {
            (
                e["briefing"].as_str().unwrap_or_default().to_owned(),
                e["order"].as_u64().unwrap_or_default(),
                e["asked_by"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    list.sort();
    list
}

#[test]
fn a_corrected_outlet_label_moves_the_exchange_and_never_doubles_it() {
    let project = project_copy();
    let root = project.path();
    assert_eq!(published(root).len(), 19);
    edit_transcripts(root, "Securities Time:", "Securities Times:");
    let old = one_file(root, "08-securities-time.md");
    let new = old.with_file_name("08-securities-times.md");

    // Without --force: reported, nothing written beside it.
    let out = run(root, &["import"], None);
    ok(&out);
    assert!(
        stdout(&out).contains("run with --force to move it there"),
        "{}",
        stdout(&out)
    );
    assert!(old.exists() && !new.exists());
    assert_eq!(published(root).len(), 19);

    // With --force: moved, with the corrected label, and still 19 exchanges.
    let out = run(root, &["import", "--force"], None);
    ok(&out);
    assert!(stdout(&out).contains("moved here from"), "{}", stdout(&out));
    assert!(!old.exists() && new.exists());
    assert!(fs::read_to_string(&new)
        .unwrap()
        .contains("asked_by: Securities Times\n"));
    let exchanges = published(root);
    assert_eq!(exchanges.len(), 19);
    assert!(exchanges
        .iter()
        .any(|e| e.1 == 8 && e.2 == "Securities Times"));

    // Corrected back, after a person edited the file: a conflict naming both files,
    // the edit kept, and the old name not written beside it.
    edit_transcripts(root, "Securities Times:", "Securities Time:");
    let text = fs::read_to_string(&new).unwrap();
    fs::write(&new, text.replace("topics: []", "topics: [reform]")).unwrap();
    let edited = fs::read(&new).unwrap();
    let out = run(root, &["import", "--force"], None);
    ok(&out);
    let said = stdout(&out);
    assert!(
        said.contains("conflict") && said.contains("08-securities-time.md"),
        "{said}"
    );
    assert!(said.contains("08-securities-times.md"), "{said}");
    assert_eq!(fs::read(&new).unwrap(), edited);
    assert!(!old.exists());
    assert_eq!(published(root).len(), 19);
}

#[test]
fn a_corrected_title_moves_the_briefing_folder() {
    let project = project_copy();
    let root = project.path();
    let briefings = root.join("content/briefings");
    let folder =
        briefings.join("2024-01-24-better-pursuing-high-quality-development-of-central-soes");
    assert!(folder.is_dir());
    let transcript = transcript_starting(root, "SCIO briefing on better pursuing");
    let text = fs::read_to_string(&transcript).unwrap();
    let (_, rest) = text.split_once('\n').unwrap();
    fs::write(
        &transcript,
        format!("SCIO briefing on the core functions of central SOEs\n{rest}"),
    )
    .unwrap();
    let moved = briefings.join("2024-01-24-the-core-functions-of-central-soes");

    // A person's edit in the old folder: a conflict, nothing written under the new name.
    let closing = folder.join("closing.md");
    let original = fs::read(&closing).unwrap();
    fs::write(&closing, [original.as_slice(), b"\nA note.\n"].concat()).unwrap();
    let out = run(root, &["import", "--force"], None);
    ok(&out);
    assert!(stdout(&out).contains("conflict"), "{}", stdout(&out));
    assert!(folder.is_dir() && !moved.exists());
    assert_eq!(published(root).len(), 19);

    // Undone, the folder moves whole, and the site still has two briefings.
    fs::write(&closing, &original).unwrap();
    let out = run(root, &["import"], None);
    ok(&out);
    assert!(stdout(&out).contains("run with --force to move it there"));
    assert!(folder.is_dir() && !moved.exists());
    ok(&run(root, &["import", "--force"], None));
    assert!(!folder.exists() && moved.is_dir());
    let exchanges = published(root);
    assert_eq!(exchanges.len(), 19);
    let folders: std::collections::BTreeSet<_> = exchanges.iter().map(|e| e.0.clone()).collect();
    assert_eq!(folders.len(), 2, "{folders:?}");
}

#[test]
fn a_folder_no_transcript_makes_any_more_is_reported_then_removed() {
    let project = project_copy();
    let root = project.path();
    let briefings = root.join("content/briefings");
    let folder = briefings.join("2024-07-26-promoting-high-quality-development");
    let copy = briefings.join("2024-07-26-promoting-high-quality-development-copy");
    copy_tree(&folder, &copy);
    // The build refuses the copy: the same transcript lines twice.
    let out = build(root, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("are also the source of"),
        "{}",
        stderr(&out)
    );

    let out = run(root, &["import"], None);
    ok(&out);
    assert!(
        stdout(&out).contains("run with --force to remove it"),
        "{}",
        stdout(&out)
    );
    assert!(copy.is_dir());
    ok(&run(root, &["import", "--force"], None));
    assert!(!copy.exists() && folder.is_dir());
    assert_eq!(published(root).len(), 19);
}

#[test]
fn the_build_refuses_two_exchanges_in_one_place_and_dates_off_the_calendar() {
    for (change, message) in [
        (
            ("03-yicai.md", "order: 3\n", "order: 4\n"),
            "order 4 is also the order of",
        ),
        (
            ("_index.md", "date: 2024-07-26\n", "date: 2024-13-45\n"),
            "date \"2024-13-45\" is not a day of the calendar",
        ),
        (
            (
                "_index.md",
                "published: 2024-02-06",
                "published: 2024-02-30",
            ),
            "not a day of the calendar",
        ),
    ] {
        let project = project_copy();
        let root = project.path();
        let (name, from, to) = change;
        let file = walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .find(|p| p.ends_with(name) && fs::read_to_string(p).unwrap().contains(from))
            .unwrap_or_else(|| panic!("no {name} with {from:?}"));
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, text.replacen(from, to, 1)).unwrap();
        let before = inputs(root);
        let out = build(root, &[]);
        assert_refused(root, &out, message, &before);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(stderr(&out).contains(&name), "{}", stderr(&out));
    }
}

#[test]
fn content_outside_the_content_folder_is_never_published() {
    let project = project_copy();
    let root = project.path();
    let secret = root.join("secret.md");
    let briefing = root.join("content/briefings/2024-07-26-promoting-high-quality-development");
    let exchange = fs::read_to_string(briefing.join("03-21st-century-business-herald.md")).unwrap();
    fs::write(&secret, exchange.replace("order: 3", "order: 30")).unwrap();
    let before = inputs(root);

    // A file linked from outside.
    std::os::unix::fs::symlink(&secret, briefing.join("30-leak.md")).unwrap();
    let out = build(root, &[]);
    assert_refused(root, &out, "a symbolic link to", &inputs(root));
    assert!(
        stderr(&out).contains("30-leak.md:1: error"),
        "{}",
        stderr(&out)
    );
    fs::remove_file(briefing.join("30-leak.md")).unwrap();
    assert_eq!(inputs(root), before);

    // A folder linked from outside (skipped in silence before).
    let outside = root.join("elsewhere");
    copy_tree(&briefing, &outside);
    std::os::unix::fs::symlink(&outside, root.join("content/briefings/linked")).unwrap();
    let out = build(root, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("linked:1: error: a symbolic link to"),
        "{}",
        stderr(&out)
    );
    fs::remove_file(root.join("content/briefings/linked")).unwrap();

    // A link that stays inside content/ is fine.
    std::os::unix::fs::symlink(
        "2024-07-26-promoting-high-quality-development/_index.md",
        root.join("content/briefings/index-link.md"),
    )
    .unwrap();
    ok(&build(root, &[]));
}

#[test]
fn names_that_are_not_urls_are_refused_with_the_name_to_use() {
    for (from, to, suggestion) in [
        ("03-yicai.md", "03 Yicai's.md", "rename it to 03-yicai-s.md"),
        ("03-yicai.md", "03-Yicai.md", "rename it to 03-yicai.md"),
    ] {
        let project = project_copy();
        let root = project.path();
        let file = one_file(root, from);
        fs::rename(&file, file.with_file_name(to)).unwrap();
        let before = inputs(root);
        let out = build(root, &[]);
        assert_refused(root, &out, suggestion, &before);
    }
    let project = project_copy();
    let root = project.path();
    let folder = one_file(root, "03-yicai.md").parent().unwrap().to_owned();
    fs::rename(&folder, folder.with_file_name("2024-01-24 SOEs")).unwrap();
    let before = inputs(root);
    let out = build(root, &[]);
    assert_refused(root, &out, "rename it to 2024-01-24-soes", &before);
}

#[test]
fn a_link_to_an_anchor_that_does_not_exist_fails_the_build() {
    let project = project_copy();
    let root = project.path();
    let file = one_file(root, "10-phoenix-tv.md");
    let text = fs::read_to_string(&file).unwrap();
    let target =
        "@/briefings/2024-07-26-promoting-high-quality-development/01-xinhua-news-agency.md";
    fs::write(
        &file,
        format!("{text}\nSee [this]({target}#p2) and [that]({target}#p999).\n"),
    )
    .unwrap();
    let before = inputs(root);
    let out = build(root, &[]);
    assert_refused(
        root,
        &out,
        &format!("link to {target}#p999 leads nowhere"),
        &before,
    );
    assert!(!stderr(&out).contains("#p2 "), "{}", stderr(&out));
    fs::write(&file, format!("{text}\nSee [this]({target}#p2).\n")).unwrap();
    ok(&build(root, &[]));
}

#[test]
fn a_failing_import_changes_no_input() {
    let project = project_copy();
    let root = project.path();
    fs::write(root.join("transcripts/broken.txt"), "\u{0}binary").unwrap();
    let before = inputs(root);
    let out = run(root, &["import"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("broken.txt:1:1: error"),
        "{}",
        stderr(&out)
    );
    assert_eq!(inputs(root), before);
    fs::remove_file(root.join("transcripts/broken.txt")).unwrap();
    // A panic while writing (planted) changes nothing either: the lock is the only
    // trace, and it is not content.
    let before = inputs(root);
    let out = run(root, &["import", "--force"], Some("panic:import-locked"));
    assert!(!out.status.success());
    assert_eq!(inputs(root), before);
}

/// A real full disk, on a small memory file system (this needs root, as CI and the
/// development machines run; elsewhere the test says it did not run): the disk fills
/// while the search index is written, which made the indexer panic. The build ends
/// with a clear error naming the stage, the old site intact, and no staging folder
/// left to keep the disk full.
#[test]
fn a_full_disk_while_indexing_keeps_the_old_site_and_frees_the_space() {
    let project = project_copy();
    let root = project.path();
    let disk = tempfile::tempdir().unwrap();
    let mount = |size_kib: u64| {
        Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size_kib}k"), "tmpfs"])
            .arg(disk.path())
            .status()
            .is_ok_and(|s| s.success())
    };
    let unmount = || {
        let _ = Command::new("umount").arg(disk.path()).status();
    };
    let used = || -> u64 {
        let out = Command::new("df")
            .args(["-k", "--output=used"])
            .arg(disk.path())
            .output()
            .unwrap();
        stdout(&out).lines().nth(1).unwrap().trim().parse().unwrap()
    };
    if !mount(100 * 1024) {
        eprintln!("not run: mounting a tmpfs needs root");
        return;
    }
    // Measured, not guessed: what the whole site and the pages alone take there.
    let site = disk.path().join("site");
    let out = run(root, &["build", "--output", site.to_str().unwrap()], None);
    let whole = used();
    let pages_out = disk.path().join("pages");
    let pages = run(
        root,
        &[
            "build",
            "--no-search",
            "--output",
            pages_out.to_str().unwrap(),
        ],
        None,
    );
    let pages_size = used() - whole;
    unmount();
    ok(&out);
    ok(&pages);
    // Room for the old site and the new pages, and half the index.
    let index = whole - pages_size;
    assert!(mount(whole + pages_size + index / 2));
    let result = std::panic::catch_unwind(|| {
        ok(&run(
            root,
            &["build", "--output", site.to_str().unwrap()],
            None,
        ));
        let before = snapshot(&site);
        let free_before = used();
        let out = run(root, &["build", "--output", site.to_str().unwrap()], None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("while writing the search index"), "{err}");
        assert!(err.contains("No space left on device"), "{err}");
        assert!(!err.contains("internal error"), "{err}");
        assert_eq!(snapshot(&site), before, "the old site is intact");
        assert!(
            staging_left(disk.path()).is_empty(),
            "{:?}",
            staging_left(disk.path())
        );
        assert_eq!(used(), free_before, "the space is given back");
    });
    unmount();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}
