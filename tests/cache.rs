//! `build --cache DIR`: a build after edits renders only what they affect, and its
//! site is the one a whole build makes, byte for byte (search index and data export
//! included); a cache that does not match is ignored; a failed build leaves no cache
//! to trust.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// `build --cache` into `out`: (exit code, stdout, stderr).
fn cached(project: &Path, out: &str) -> (Option<i32>, String, String) {
    let o = briefings(
        &["build", "--cache", ".cache", "--output", out, "--root", "."],
        project,
    );
    (o.status.code(), stdout(&o), stderr(&o))
}

/// The site as a whole build without a cache makes it, beside the other.
fn whole(project: &Path, out: &str) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let o = briefings(&["build", "--output", out, "--root", "."], project);
    assert!(o.status.success(), "{}", stderr(&o));
    site_of(&project.join(out))
}

/// Every file of a site but its marker (which names the build that made it).
fn site_of(site: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut files = snapshot(site);
    files.remove(Path::new(briefings::output::MARKER));
    files
}

fn assert_same_site(project: &Path, label: &str) {
    let made = site_of(&project.join("public"));
    let expected = whole(project, "expected");
    let differ: Vec<_> = expected
        .keys()
        .chain(made.keys())
        .filter(|k| made.get(*k) != expected.get(*k))
        .collect();
    assert!(
        differ.is_empty(),
        "{label}: differ from a whole build: {differ:?}"
    );
}

fn an_exchange(project: &Path) -> std::path::PathBuf {
    let pages = all_pages(&project.join("content"));
    page_of_kind(&pages, "exchange").path.clone()
}

#[test]
fn an_edit_rebuilds_what_it_affects_and_the_site_is_a_whole_builds() {
    let project = project_copy();
    let root = project.path();
    let (code, out, err) = cached(root, "public");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("not used: there is no cache yet"), "{out}");
    assert!(out.contains("(a whole build)"), "{out}");

    let (code, out, err) = cached(root, "public");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("nothing changed since the cached build"),
        "{out}"
    );

    // A body and a title: the exchange's pages, the lists that show the title, the
    // search index and the export.
    let file = an_exchange(root);
    let text = fs::read_to_string(&file).unwrap();
    let edited =
        text.replacen("\ntitle: ", "\ntitle: Edited ", 1) + "\nA sentence added about zeppelins.\n";
    fs::write(&file, edited).unwrap();
    let (code, out, err) = cached(root, "public");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("1 content files changed since the cached build"),
        "{out}"
    );
    assert_same_site(root, "after an edit");
    let index = fs::read_dir(root.join("public/search-index/w"))
        .unwrap()
        .count();
    assert!(index > 0);
    let words: Vec<String> = fs::read_dir(root.join("public/search-index/w"))
        .unwrap()
        .map(|e| String::from_utf8_lossy(&fs::read(e.unwrap().path()).unwrap()).into_owned())
        .collect();
    assert!(
        words.iter().any(|w| w.contains("zeppelins")),
        "the new word is searchable"
    );

    // Then an edit in the other briefing: the first one's chunk of the cache, written
    // by the build before, is read back with the new one.
    let other = all_pages(&root.join("content"))
        .into_iter()
        .find(|p| p.str("kind") == Some("exchange") && folder_of(&p.path) != folder_of(&file))
        .expect("an exchange of another briefing")
        .path;
    let text = fs::read_to_string(&other).unwrap();
    fs::write(&other, text + "\nA sentence about dirigibles.\n").unwrap();
    let (code, out, err) = cached(root, "public");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("1 content files changed"), "{out}");
    assert_same_site(root, "after an edit in another briefing");

    // A new exchange file: a whole build, from the session's own judgement.
    let copy = file.with_file_name("99-added.md");
    let text = fs::read_to_string(&file).unwrap();
    // Its own exchange, from no transcript lines (a copy's would be shown twice).
    let mut in_sources = false;
    let added: String = text
        .replacen("\norder: ", "\norder: 9", 1)
        .lines()
        .filter(|l| {
            in_sources = l.starts_with("sources:") || (in_sources && l.starts_with(['-', ' ']));
            !in_sources && !l.starts_with("import_hash:")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&copy, added).unwrap();
    let (code, _, err) = cached(root, "public");
    assert_eq!(code, Some(0), "{err}");
    assert_same_site(root, "after a new file");
}

#[test]
fn a_cache_that_does_not_match_is_ignored() {
    let project = project_copy();
    let root = project.path();
    assert_eq!(cached(root, "public").0, Some(0));

    // Templates changed: a whole build.
    let base = root.join("templates/base.html");
    let text = fs::read_to_string(&base).unwrap();
    fs::write(
        &base,
        text.replace("</footer>", "<p>A line more.</p></footer>"),
    )
    .unwrap();
    let (code, out, _) = cached(root, "public");
    assert_eq!(code, Some(0));
    assert!(
        out.contains("site.yaml, templates, static files or options changed"),
        "{out}"
    );
    assert_same_site(root, "after a template edit");

    // Another build wrote the output since: the cache does not describe it.
    assert!(
        briefings(&["build", "--output", "public", "--root", "."], root)
            .status
            .success()
    );
    let (code, out, _) = cached(root, "public");
    assert_eq!(code, Some(0));
    assert!(
        out.contains("the output is not the one the cache describes"),
        "{out}"
    );

    // Another output folder.
    let (_, out, _) = cached(root, "elsewhere");
    assert!(out.contains("not used"), "{out}");

    // A cache folder in the content or the output is refused.
    for dir in ["content/cache", "public"] {
        let o = briefings(
            &["build", "--cache", dir, "--output", "public", "--root", "."],
            root,
        );
        assert_eq!(o.status.code(), Some(1), "{dir}");
        assert!(
            stderr(&o).contains("the cache cannot be in or around"),
            "{}",
            stderr(&o)
        );
    }

    // A damaged cache.
    let state = root.join(".cache/model.bin");
    let mut bytes = fs::read(&state).unwrap();
    let half = bytes.len() / 2;
    bytes.truncate(half);
    fs::write(&state, bytes).unwrap();
    let file = an_exchange(root);
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text + "\nOne more line.\n").unwrap();
    let (code, out, err) = cached(root, "elsewhere");
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("it cannot be read"), "{out}");
}

#[test]
fn a_failed_build_keeps_the_site_and_leaves_no_cache() {
    let project = project_copy();
    let root = project.path();
    assert_eq!(cached(root, "public").0, Some(0));
    let before = site_of(&root.join("public"));
    let file = an_exchange(root);
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replacen("\ntitle: ", "\ntitle: \"unclosed ", 1)).unwrap();
    let (code, _, err) = cached(root, "public");
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&file.file_name().unwrap().to_string_lossy().into_owned()),
        "{err}"
    );
    assert_eq!(
        site_of(&root.join("public")),
        before,
        "the site is as it was"
    );
    assert!(!root.join(".cache/meta.bin").exists(), "no cache to trust");
    fs::write(&file, text).unwrap();
    let (code, out, _) = cached(root, "public");
    assert_eq!(code, Some(0));
    assert!(out.contains("there is no cache yet"), "{out}");
}
