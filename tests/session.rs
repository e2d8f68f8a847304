//! `serve`'s rebuilds after an edit: only what the edit affects is rendered again,
//! and the served site is then, byte for byte, what a whole build of the edited
//! content makes. Edits that change what a partial rebuild keeps (a new exchange, the
//! order of briefings, a template) are whole builds; a failed rebuild is retried with
//! the next edit, so a good edit elsewhere cannot hide it.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use briefings::build::{self, Options, Session};
use common::{project_copy, snapshot};

const SLUG: &str = "2024-07-26-promoting-high-quality-development";

fn options(root: &Path, out: &Path) -> Options {
    let mut options = Options::in_project(root);
    options.output = Some(out.to_owned());
    options.base_url = Some("http://127.0.0.1:1111/".to_owned());
    options.search = false;
    options
}

fn exchange(root: &Path, file: &str) -> PathBuf {
    root.join("content/briefings").join(SLUG).join(file)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The served site against a whole build of the same content, file by file.
fn assert_same_as_whole_build(root: &Path, served: &Path, what: &str) {
    let whole = tempfile::tempdir().unwrap();
    let out = whole.path().join("site");
    build::build(&options(root, &out)).unwrap();
    let (a, b) = (snapshot(served), snapshot(&out));
    let only_one: Vec<&PathBuf> = a
        .keys()
        .filter(|k| !b.contains_key(*k))
        .chain(b.keys().filter(|k| !a.contains_key(*k)))
        .collect();
    assert!(
        only_one.is_empty(),
        "{what}: files in one site only: {only_one:?}"
    );
    let differ: Vec<&PathBuf> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(differ.is_empty(), "{what}: files that differ: {differ:?}");
}

/// A session serving `root` from `root/served`, after its first build (whole).
fn built_session(root: &Path) -> (PathBuf, Session) {
    let served = root.join("served");
    let mut session = Session::new(options(root, &served));
    assert_eq!(
        session.build().unwrap().pages,
        None,
        "the first build is whole"
    );
    (served, session)
}

#[test]
fn partial_rebuilds_make_what_a_whole_build_makes() {
    let project = project_copy();
    let root = project.path();
    let (served, mut session) = built_session(root);

    // An edit of an answer: the briefing's pages; not the pages that show only the
    // exchange's title and people (an official's), nor the other briefing's.
    let file = exchange(root, "05-securities-times.md");
    edit(
        &file,
        "Thank you for your questions.",
        "Thanks, edited live.",
    );
    let rebuilt = session.rebuild(std::slice::from_ref(&file)).unwrap();
    session.finish().unwrap();
    let pages = rebuilt.pages.expect("a partial rebuild");
    let page = format!("/briefings/{SLUG}/05-securities-times/");
    assert!(pages.contains(&page), "{pages:?}");
    assert!(pages.contains(&format!("/briefings/{SLUG}/")), "{pages:?}");
    assert!(
        !pages.contains(&"/speakers/fang-lei/".to_owned()),
        "{pages:?}"
    );
    assert!(
        !pages.iter().any(|p| p.contains("2024-01-24")),
        "the other briefing is left alone: {pages:?}"
    );
    assert!(!pages.contains(&"/search/".to_owned()), "{pages:?}");
    assert!(
        fs::read_to_string(served.join(&page[1..]).join("index.html"))
            .unwrap()
            .contains("Thanks, edited live.")
    );
    assert_same_as_whole_build(root, &served, "a body edit");

    // A figure changed, then a sentence with a figure added: the figures index, the
    // speaker's page and the topic's follow.
    let renewal = exchange(root, "06-the-enterprise-observer.md");
    edit(
        &renewal,
        "more than 3 trillion yuan",
        "more than 4 trillion yuan",
    );
    let rebuilt = session.rebuild(std::slice::from_ref(&renewal)).unwrap();
    session.finish().unwrap();
    let pages = rebuilt.pages.expect("a partial rebuild");
    for page in [
        "/figures/",
        "/topics/equipment-renewal/",
        "/speakers/liu-shaowei/",
    ] {
        assert!(pages.contains(&page.to_owned()), "{page} in {pages:?}");
    }
    let figures = || fs::read_to_string(served.join("figures/index.html")).unwrap();
    assert!(figures().contains(">more than 4 trillion yuan</a>"));
    assert!(!figures().contains(">more than 3 trillion yuan</a>"));
    assert_same_as_whole_build(root, &served, "a figure's edit");
    edit(
        &file,
        "Thanks, edited live.",
        "Thanks, edited live. We added 12 new projects.",
    );
    session.rebuild(std::slice::from_ref(&file)).unwrap();
    session.finish().unwrap();
    assert!(figures().contains(">12 new projects</a>"));
    assert_same_as_whole_build(root, &served, "a sentence with a figure added");

    // Metadata: a title, a topic, another answerer who is on other pages too.
    edit(&file, "topics: []", "topics:\n- ai\n- reform");
    edit(&file, "\ntitle: What measures", "\ntitle: Which measures");
    edit(&file, "- Fang Lei\n", "- Fang Lei\n- Wang Hongzhi\n");
    let rebuilt = session.rebuild(std::slice::from_ref(&file)).unwrap();
    session.finish().unwrap();
    let pages = rebuilt.pages.expect("still partial");
    for page in [
        "/speakers/fang-lei/",
        "/speakers/wang-hongzhi/",
        "/topics/ai/",
        "/topics/reform/",
    ] {
        assert!(pages.contains(&page.to_owned()), "{page} in {pages:?}");
    }
    assert_same_as_whole_build(root, &served, "title, topics and answerers");

    // The question's wording: the feeds' summaries and the lists' titles follow.
    edit(
        &file,
        "In recent years, central SOEs",
        "Lately, central SOEs",
    );
    session.rebuild(std::slice::from_ref(&file)).unwrap();
    session.finish().unwrap();
    assert_same_as_whole_build(root, &served, "a question's wording");

    // Another outlet asks it, the roster's role of an official changes.
    edit(&file, "asked_by: Securities Times", "asked_by: Phoenix TV");
    session.rebuild(std::slice::from_ref(&file)).unwrap();
    session.finish().unwrap();
    assert_same_as_whole_build(root, &served, "another outlet");
    let index = exchange(root, "_index.md");
    let roster = fs::read_to_string(&index).unwrap();
    let role = roster
        .lines()
        .find(|l| l.trim_start().starts_with("role:") && !l.contains("spokesperson of the SCIO"))
        .expect("an official's role")
        .to_owned();
    edit(&index, &role, &format!("{role} (acting)"));
    session.rebuild(std::slice::from_ref(&index)).unwrap();
    session.finish().unwrap();
    assert_same_as_whole_build(root, &served, "a role on the roster");

    // Two files of one briefing at once, one of them its _index.md.
    let other = exchange(root, "02-national-business-daily.md");
    edit(&index, "\ntitle: 'SCIO", "\ntitle: 'Edited SCIO");
    edit(
        &other,
        "\ntitle: 'Reform:",
        "\ntitle: 'Also edited: Reform:",
    );
    let rebuilt = session.rebuild(&[index.clone(), other]).unwrap();
    session.finish().unwrap();
    assert!(rebuilt.pages.is_some());
    assert_same_as_whole_build(root, &served, "two files of one briefing");

    // A new exchange is a new page: a whole build.
    let copy = exchange(root, "99-copy.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &copy,
        text.replacen("order: 5", "order: 99", 1)
            .replacen("lines: 149-169", "lines: 900-901", 1),
    )
    .unwrap();
    let rebuilt = session.rebuild(std::slice::from_ref(&copy)).unwrap();
    assert_eq!(rebuilt.pages, None, "a new page: a whole build");
    assert_same_as_whole_build(root, &served, "a new exchange");
    fs::remove_file(&copy).unwrap();
    assert_eq!(session.rebuild(&[copy]).unwrap().pages, None);
    assert_same_as_whole_build(root, &served, "an exchange removed");

    // A date that moves the briefing in the lists: whole.
    edit(&index, "date: 2024-07-26", "date: 2023-07-26");
    assert_eq!(session.rebuild(&[index]).unwrap().pages, None);
    assert_same_as_whole_build(root, &served, "a briefing moved in time");

    // A stylesheet: every page reloads.
    let css = root.join("static/style.css");
    edit(&css, "{", "{ /* edited */");
    assert_eq!(session.rebuild(&[css]).unwrap().pages, None);
    assert_same_as_whole_build(root, &served, "a static file");
}

#[test]
fn a_failed_rebuild_keeps_the_site_and_is_not_hidden_by_a_good_edit_elsewhere() {
    let project = project_copy();
    let root = project.path();
    let (served, mut session) = built_session(root);
    let before = snapshot(&served);

    let broken = exchange(root, "05-securities-times.md");
    let good = root
        .join("content/briefings")
        .join("2024-01-24-better-pursuing-high-quality-development-of-central-soes")
        .join("_index.md");
    let text = fs::read_to_string(&broken).unwrap();
    edit(&broken, "kind: exchange", "kind: [broken");
    let error = session.rebuild(std::slice::from_ref(&broken)).unwrap_err();
    assert!(
        error.report().contains("05-securities-times.md"),
        "{}",
        error.report()
    );
    assert_eq!(snapshot(&served), before, "the last good site stays");

    edit(&good, "\ntitle: ", "\ntitle: Edited ");
    let still = session.rebuild(std::slice::from_ref(&good));
    assert!(still.is_err(), "the broken file is still broken");
    assert_eq!(snapshot(&served), before);

    fs::write(&broken, text).unwrap();
    session.rebuild(&[broken]).unwrap();
    session.finish().unwrap();
    assert_same_as_whole_build(root, &served, "fixed");
}

/// A larger archive: copies of a briefing under older dates. An edit of the oldest
/// leaves alone what shows only the newest (the feed, the home page, a topic's
/// newest passages), and the site still equals a whole build.
#[test]
fn an_edit_deep_in_the_archive_remakes_only_what_shows_it() {
    let project = project_copy();
    let root = project.path();
    let source = root.join("content/briefings").join(SLUG);
    for n in 0..24 {
        let year = 2000 + n;
        let folder = root
            .join("content/briefings")
            .join(format!("{year}-07-26-copy-{n}"));
        fs::create_dir_all(&folder).unwrap();
        for entry in fs::read_dir(&source).unwrap() {
            let path = entry.unwrap().path();
            let text = fs::read_to_string(&path)
                .unwrap()
                .replace("date: 2024-07-26", &format!("date: {year}-07-26"))
                .replace("- file: ", &format!("- file: copy-{n}-"));
            fs::write(folder.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    // Small pages, so that the lists are split by year and within a year.
    let config = root.join("site.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.replace("page_size: 200", "page_size: 3")).unwrap();
    let (served, mut session) = built_session(root);
    let oldest = root
        .join("content/briefings/2000-07-26-copy-0")
        .join("05-securities-times.md");
    edit(
        &oldest,
        "Thank you for your questions.",
        "Thanks; the reform of state-owned enterprises goes on.",
    );
    let pages = session
        .rebuild(std::slice::from_ref(&oldest))
        .unwrap()
        .pages
        .expect("a partial rebuild");
    session.finish().unwrap();
    for page in ["/", "/atom.xml", "/speakers/fang-lei/"] {
        assert!(!pages.contains(&page.to_owned()), "{page}: {pages:?}");
    }
    // Of the topic's pages, the one that shows the briefing, not the others.
    assert!(
        pages.contains(&"/topics/reform/2000/".to_owned()),
        "{pages:?}"
    );
    for page in ["/topics/reform/", "/topics/reform/2001/"] {
        assert!(!pages.contains(&page.to_owned()), "{page}: {pages:?}");
    }
    assert_same_as_whole_build(root, &served, "an answer deep in the archive");

    // A new title: the pages that list the exchange, not those of the newest only.
    edit(&oldest, "\ntitle: What measures", "\ntitle: Which measures");
    let pages = session
        .rebuild(std::slice::from_ref(&oldest))
        .unwrap()
        .pages
        .expect("a partial rebuild");
    session.finish().unwrap();
    assert!(
        pages.contains(&"/speakers/fang-lei/".to_owned()),
        "{pages:?}"
    );
    assert!(
        pages.contains(&"/outlets/securities-times/".to_owned()),
        "{pages:?}"
    );
    for page in ["/", "/atom.xml", "/briefings/"] {
        assert!(!pages.contains(&page.to_owned()), "{page}: {pages:?}");
    }
    assert_same_as_whole_build(root, &served, "a title deep in the archive");

    // One answer fewer for an official: a page fewer in his year, so a whole build.
    let answered_by_him: Vec<PathBuf> =
        fs::read_dir(root.join("content/briefings/2000-07-26-copy-0"))
            .unwrap()
            .map(|f| f.unwrap().path())
            .filter(|p| {
                fs::read_to_string(p)
                    .unwrap()
                    .contains("answered_by:\n- Wang Hongzhi\n")
            })
            .collect();
    for file in &answered_by_him[..3] {
        edit(
            file,
            "answered_by:\n- Wang Hongzhi\n",
            "answered_by:\n- Fang Lei\n",
        );
    }
    session.rebuild(&answered_by_him[..3]).unwrap();
    session.finish().unwrap();
    assert!(
        !served.join("speakers/wang-hongzhi/2000/4").exists(),
        "no page left behind"
    );
    assert_same_as_whole_build(root, &served, "an edit deep in the archive");
}

/// A template edit makes just the pages that use it again; a broken one keeps the
/// site.
#[test]
fn template_edits_remake_the_pages_that_use_them() {
    let project = project_copy();
    let root = project.path();
    let (served, mut session) = built_session(root);

    let topic = root.join("templates/topic.html");
    edit(
        &topic,
        "{% block content %}",
        "{% block content %}<p>Edited topic</p>",
    );
    let pages = session
        .rebuild(std::slice::from_ref(&topic))
        .unwrap()
        .pages
        .expect("only the topic pages");
    assert!(pages.contains(&"/topics/ai/".to_owned()), "{pages:?}");
    assert!(pages.iter().all(|p| p.starts_with("/topics/")), "{pages:?}");
    assert_same_as_whole_build(root, &served, "a topic template");

    let before = snapshot(&served);
    let exchange = root.join("templates/exchange.html");
    let text = fs::read_to_string(&exchange).unwrap();
    fs::write(
        &exchange,
        text.replacen("{% endblock %}", "{% endblok %}", 1),
    )
    .unwrap();
    let error = session
        .rebuild(std::slice::from_ref(&exchange))
        .unwrap_err();
    assert!(
        error.report().contains("exchange.html"),
        "{}",
        error.report()
    );
    assert_eq!(
        snapshot(&served),
        before,
        "a broken template keeps the site"
    );

    fs::write(
        &exchange,
        text.replacen("</article>", "<p>Edited exchange</p></article>", 1),
    )
    .unwrap();
    let pages = session
        .rebuild(std::slice::from_ref(&exchange))
        .unwrap()
        .pages
        .expect("the briefings' pages");
    session.finish().unwrap();
    assert!(
        pages.contains(&format!("/briefings/{SLUG}/05-securities-times/")),
        "{pages:?}"
    );
    assert!(!pages.contains(&"/topics/ai/".to_owned()), "{pages:?}");
    assert_same_as_whole_build(root, &served, "an exchange template");

    // The base layout: every page.
    let base = root.join("templates/base.html");
    edit(&base, "</body>", "<p>Edited base</p></body>");
    session.rebuild(std::slice::from_ref(&base)).unwrap();
    session.finish().unwrap();
    assert_same_as_whole_build(root, &served, "the base layout");
}
