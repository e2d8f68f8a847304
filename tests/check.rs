//! `check`: what the build would refuse, and what a person should look at, without
//! writing anything.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn check(root: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    briefings(&args, &repo())
}

#[test]
fn the_shipped_project_passes_with_the_outlet_written_two_ways_as_a_warning() {
    let project = project_copy();
    let before = snapshot(project.path());
    let out = check(project.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("08-securities-time.md: warning: the outlets \"Securities Time\" (here) and \"Securities Times\""),
        "{err}"
    );
    assert!(err.contains("05-securities-times.md"), "{err}");
    assert!(stdout(&out).contains("check: 2 briefings, 19 exchanges; no error, 1 warnings"));
    assert_eq!(snapshot(project.path()), before, "check writes nothing");
    let out = check(project.path(), &["--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn what_the_build_refuses_check_refuses_too_all_at_once() {
    let project = project_copy();
    let root = project.path();
    let edit = |name: &str, from: &str, to: &str| {
        let file = walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| e.file_name() == name)
            .unwrap()
            .into_path();
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.contains(from), "{from:?} in {name}");
        fs::write(&file, text.replacen(from, to, 1)).unwrap();
    };
    edit("10-phoenix-tv.md", "- bri\n", "- belt-road\n");
    edit("03-yicai.md", "order: 3\n", "order: 4\n");
    let target =
        "@/briefings/2024-07-26-promoting-high-quality-development/01-xinhua-news-agency.md";
    let file = root.join("content/briefings/2024-07-26-promoting-high-quality-development/02-national-business-daily.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("{text}\nSee [that]({target}#p999).\n")).unwrap();
    let before = snapshot(root);
    let out = check(root, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The model's errors come first; bodies are checked once the model is sound.
    assert!(err.contains("order 4 is also the order of"), "{err}");
    assert_eq!(snapshot(root), before, "check writes nothing");
    assert!(!root.join("public").exists());

    edit("03-yicai.md", "order: 4\n", "order: 3\n");
    let out = check(root, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("10-phoenix-tv.md:9: error: unknown topic \"belt-road\""),
        "{err}"
    );
    assert!(
        err.contains(&format!("link to {target}#p999 leads nowhere")),
        "{err}"
    );
}

#[test]
fn answers_without_an_answerer_or_by_someone_off_the_roster_are_warnings() {
    let project = project_copy();
    let root = project.path();
    let file = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name() == "03-yicai.md")
        .unwrap()
        .into_path();
    let text = fs::read_to_string(&file).unwrap();
    let answered = text.find("answered_by:").unwrap();
    let end = text[answered..].find("\ntopics:").unwrap() + answered;
    fs::write(
        &file,
        format!(
            "{}answered_by:\n- Someone Else{}",
            &text[..answered],
            &text[end..]
        ),
    )
    .unwrap();
    let out = check(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("03-yicai.md:")
            && err.contains("Someone Else answers but is not on the briefing's roster"),
        "{err}"
    );
}
