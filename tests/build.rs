//! `build` on the shipped content: the page set, the topic pages against the labels,
//! escaping, the error messages, and that a failed build keeps the previous site. (The
//! crawl of the site served under a sub-path by a real HTTP server is in site-tests/.)

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_yaml::Value;

fn build(root: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    briefings(&args, &repo())
}

fn build_ok(root: &Path, extra: &[&str]) -> std::path::PathBuf {
    let out = build(root, extra);
    assert!(out.status.success(), "{}\n{}", stderr(&out), stdout(&out));
    root.join("public")
}

fn expected() -> Value {
    serde_yaml::from_str(&fs::read_to_string(repo().join("tests/fixtures/EXPECTED.yaml")).unwrap())
        .unwrap()
}

#[test]
fn every_page_of_the_site_map_is_made() {
    let project = project_copy();
    let public = build_ok(project.path(), &[]);
    let exists = |rel: &str| public.join(rel).is_file();
    for rel in [
        "index.html",
        "briefings/index.html",
        "topics/index.html",
        "speakers/index.html",
        "outlets/index.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        ".nojekyll",
        "data/index.html",
        "data/2024.jsonl.gz",
        "style.css",
        "search/index.html",
        "search.js",
        "search-index/meta.json",
        "search-index/w/0.bin",
        "search-index/d/0.json",
    ] {
        assert!(exists(rel), "{rel}");
    }
    let exp = expected();
    for topic in exp["site"]["topic_primary"].as_mapping().unwrap().keys() {
        let id = topic.as_str().unwrap();
        assert!(exists(&format!("topics/{id}/index.html")), "{id}");
        assert!(exists(&format!("topics/{id}/atom.xml")), "{id} feed");
    }
    for name in exp["site"]["speakers"].as_sequence().unwrap() {
        let slug = name.as_str().unwrap().to_lowercase().replace(' ', "-");
        assert!(exists(&format!("speakers/{slug}/index.html")), "{slug}");
    }
    let pages = read_content(&project.path().join("content"));
    let mut exchanges = 0;
    for (folder, files) in &pages {
        assert!(exists(&format!("briefings/{folder}/index.html")));
        for page in files {
            let stem = page.path.file_stem().unwrap().to_string_lossy();
            match page.str("kind") {
                Some("exchange") => {
                    exchanges += 1;
                    assert!(
                        exists(&format!("briefings/{folder}/{stem}/index.html")),
                        "{stem}"
                    );
                }
                Some("summary") => {
                    assert!(exists(&format!("briefings/{folder}/summary/index.html")))
                }
                _ => {}
            }
        }
        for page in files.iter().filter_map(|p| p.str("asked_by")) {
            let slug = briefings::content::slug(page, 60);
            assert!(exists(&format!("outlets/{slug}/index.html")), "{slug}");
        }
    }
    assert_eq!(
        exchanges,
        exp["site"]["exchanges"].as_u64().unwrap() as usize
    );
    let records = export_records(&public);
    assert_eq!(records.len(), exchanges);
    let mut figures = 0;
    for r in records {
        for key in [
            "briefing",
            "date",
            "title",
            "answered_by",
            "topics",
            "url",
            "turns",
            "figures",
        ] {
            assert!(!r[key].is_null(), "{key} in {r}");
        }
        let turns = r["turns"].as_array().unwrap();
        assert!(turns.len() > 1);
        // A figure names the turn paragraph that says it.
        for f in r["figures"].as_array().unwrap() {
            let said = turns
                .iter()
                .find(|t| t["anchor"] == f["anchor"])
                .unwrap_or_else(|| panic!("{f} is in a turn of {}", r["url"]));
            let figure = f["figure"].as_str().unwrap();
            assert!(said["text"].as_str().unwrap().contains(figure), "{f}");
            assert_eq!(said["speaker"], f["speaker"]);
        }
        figures += r["figures"].as_array().unwrap().len();
    }
    assert!(figures > 20, "{figures} figures in the export");
}

#[test]
fn topic_pages_list_the_labelled_exchanges() {
    let project = project_copy();
    let public = build_ok(project.path(), &[]);
    let exp = expected();
    for (topic, want) in exp["site"]["topic_primary"].as_mapping().unwrap() {
        let id = topic.as_str().unwrap();
        let html = fs::read_to_string(public.join(format!("topics/{id}/index.html"))).unwrap();
        let about = html
            .split("id=\"about\"")
            .nth(1)
            .unwrap()
            .split("id=\"passages\"")
            .next()
            .unwrap();
        let listed = about.matches("<li><a href=").count();
        let want = want.as_u64().unwrap() as usize;
        if id == "reform" {
            assert!(listed >= want, "{id}: {listed}");
        } else {
            assert_eq!(listed, want, "{id}");
        }
        // Passages come from elsewhere than the exchanges listed as about the topic,
        // each exchange's title once, the phrase marked.
        let passages = html
            .split("id=\"passages\"")
            .nth(1)
            .unwrap()
            .split("id=\"figures\"")
            .next()
            .unwrap();
        let about_links: Vec<&str> = about
            .split("<li><a href=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        let groups: Vec<&str> = passages
            .split("<h3><a href=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        for g in &groups {
            assert!(!about_links.contains(g), "{id}: {g} is listed twice");
        }
        let unique: std::collections::BTreeSet<_> = groups.iter().collect();
        assert_eq!(unique.len(), groups.len(), "{id}: a group per page");
        assert_eq!(
            passages.matches("<blockquote>").count(),
            passages.matches("<mark>").count(),
            "{id}: passages mark the phrase"
        );
    }
    // The host naming the "Bureau of Enterprise Reform" is not a passage on reform;
    // the same remarks' sentences about reform are.
    let reform = fs::read_to_string(public.join("topics/reform/index.html")).unwrap();
    let passages = reform.split("id=\"passages\"").nth(1).unwrap();
    assert!(
        !passages.contains("Bureau of Enterprise <mark>"),
        "{passages}"
    );
    assert!(passages.contains("Opening remarks"), "{passages}");
    let ai = fs::read_to_string(public.join("topics/ai/index.html")).unwrap();
    assert!(ai.contains("09-economic-information-daily/\">"), "{ai}");
}

#[test]
fn content_text_is_escaped_wherever_it_lands() {
    let project = project_copy();
    let file = walkdir::WalkDir::new(project.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name() == "10-phoenix-tv.md")
        .unwrap()
        .into_path();
    let text = fs::read_to_string(&file).unwrap();
    let hostile = "<script>alert(1)</script> & \"quoted\" 'x'";
    let text = text
        .replacen(
            "title: ",
            &format!("title: '{}'\nold_title: ", hostile.replace('\'', "''")),
            1,
        )
        .replace("asked_by: Phoenix TV", "asked_by: <b>Phoenix</b> TV");
    fs::write(&file, text).unwrap();
    let public = build_ok(project.path(), &[]);
    for rel in [
        "briefings/2024-07-26-promoting-high-quality-development/10-phoenix-tv/index.html",
        "atom.xml",
        "topics/bri/index.html",
    ] {
        let page = fs::read_to_string(public.join(rel)).unwrap();
        assert!(!page.contains("<script>alert(1)"), "{rel}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{rel}"
        );
        assert!(!page.contains("<b>Phoenix</b>"), "{rel}");
    }
    assert!(export_records(&public)
        .iter()
        .any(|e| e["title"] == hostile));
}

/// Breaks the project in one way, builds, and checks the message and the exit code.
fn assert_build_error(change: impl FnOnce(&Path), location: &str, message: &str) {
    let project = project_copy();
    let public = build_ok(project.path(), &[]);
    let before = snapshot(&public);
    change(project.path());
    let out = build(project.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(location), "expected {location:?} in:\n{err}");
    assert!(err.contains(message), "expected {message:?} in:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        snapshot(&public),
        before,
        "a failed build keeps the previous site"
    );
    let leftovers: Vec<_> = fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("building"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn exchange_file(root: &Path, name: &str) -> std::path::PathBuf {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name() == name)
        .unwrap()
        .into_path()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn bad_yaml_names_file_line_and_column() {
    assert_build_error(
        |root| edit(&exchange_file(root, "03-yicai.md"), "order: 3", "order: [3"),
        "03-yicai.md:",
        "front matter",
    );
}

#[test]
fn a_missing_required_key_names_the_file() {
    assert_build_error(
        |root| edit(&exchange_file(root, "03-yicai.md"), "order: 3\n", ""),
        "03-yicai.md:2:1: error: front matter: missing field `order`",
        "order",
    );
}

#[test]
fn an_unknown_topic_names_the_line() {
    assert_build_error(
        |root| {
            edit(
                &exchange_file(root, "10-phoenix-tv.md"),
                "- bri\n",
                "- belt-road\n",
            )
        },
        "10-phoenix-tv.md:9: error: unknown topic \"belt-road\"",
        "the topics are ai, equipment-renewal, bri, reform",
    );
}

#[test]
fn two_pages_with_one_url_are_an_error() {
    assert_build_error(
        |root| {
            // The summary under another name keeps the URL summary/; an exchange named
            // summary.md wants it too.
            let src = exchange_file(root, "10-phoenix-tv.md");
            fs::rename(
                src.with_file_name("summary.md"),
                src.with_file_name("key-points.md"),
            )
            .unwrap();
            fs::copy(&src, src.with_file_name("summary.md")).unwrap();
        },
        "error: two pages would have the URL",
        "rename one",
    );
}

#[test]
fn two_summaries_in_one_briefing_are_an_error() {
    assert_build_error(
        |root| {
            let src = exchange_file(root, "summary.md");
            fs::copy(&src, src.with_file_name("points.md")).unwrap();
        },
        "points.md:1: error: a second summary in this briefing",
        "one per briefing",
    );
}

#[test]
fn a_broken_internal_link_names_the_line() {
    assert_build_error(
        |root| {
            let file = exchange_file(root, "10-phoenix-tv.md");
            let text = fs::read_to_string(&file).unwrap();
            fs::write(
                &file,
                format!("{text}\nSee [this](@/briefings/nowhere/01-x.md).\n"),
            )
            .unwrap();
        },
        "10-phoenix-tv.md:",
        "link to @/briefings/nowhere/01-x.md leads nowhere",
    );
}

#[test]
fn a_template_error_names_the_template_and_line() {
    assert_build_error(
        |root| {
            edit(
                &root.join("templates/exchange.html"),
                "{{ exchange.title }}",
                "{{ exchange.title | nosuchfilter }}",
            )
        },
        "exchange.html:",
        "template",
    );
}

#[test]
fn internal_links_resolve_to_pages_and_anchors() {
    let project = project_copy();
    let file = exchange_file(project.path(), "01-xinhua-news-agency.md");
    let text = fs::read_to_string(&file).unwrap();
    let folder = folder_of(&file);
    fs::write(
        &file,
        format!("{text}\nSee [the BRI answer](@/briefings/{folder}/10-phoenix-tv.md#p3) and [the opening](@/briefings/{folder}/_index.md#opening).\n"),
    )
    .unwrap();
    let public = build_ok(project.path(), &[]);
    let page = fs::read_to_string(public.join(format!(
        "briefings/{folder}/01-xinhua-news-agency/index.html"
    )))
    .unwrap();
    assert!(
        page.contains(&format!(
            "href=\"/briefings/briefings/{folder}/10-phoenix-tv/#10-phoenix-tv-p3\""
        )),
        "{page}"
    );
    assert!(page.contains(&format!("href=\"/briefings/briefings/{folder}/#opening\"")));
}

#[test]
fn a_transcript_without_content_is_reported() {
    let project = project_copy();
    fs::write(project.path().join("transcripts/new.txt"), "raw").unwrap();
    let out = build(project.path(), &[]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("new.txt: warning: no content comes from this transcript yet: run `cargo run -- import`"), "{}", stderr(&out));
}

#[test]
fn code_is_highlighted_only_where_there_is_code() {
    let project = project_copy();
    let public = build_ok(project.path(), &[]);
    assert!(
        !public.join("highlight.css").exists(),
        "no code, no highlighting stylesheet"
    );
    let file = exchange_file(project.path(), "03-yicai.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        format!("{text}\n```rust\nfn main() {{ let x = \"<b>\"; }}\n```\n"),
    )
    .unwrap();
    let public = build_ok(project.path(), &[]);
    let css = fs::read_to_string(public.join("highlight.css")).unwrap();
    assert!(css.contains("prefers-color-scheme: dark"));
    let folder = folder_of(&file);
    let page =
        fs::read_to_string(public.join(format!("briefings/{folder}/03-yicai/index.html"))).unwrap();
    assert!(page.contains("class=\"hl-"), "highlighted with classes");
    assert!(
        page.contains("highlight.css"),
        "the page links the stylesheet"
    );
    assert!(page.contains("&lt;b&gt;"));
    let other = fs::read_to_string(public.join(format!(
        "briefings/{folder}/01-china-news-service/index.html"
    )))
    .unwrap();
    assert!(
        !other.contains("highlight.css"),
        "pages without code do not load it"
    );
}

#[test]
fn raw_html_in_a_body_is_sanitized_unless_the_site_allows_it() {
    let project = project_copy();
    let file = exchange_file(project.path(), "03-yicai.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        format!(
            "{text}\nHand-edited: <script>alert(1)</script><img src=x onerror=alert(2)> \
             <a href=\"javascript:alert(3)\">x</a> [y](javascript:alert(4)) <b>bold</b>\n"
        ),
    )
    .unwrap();
    let folder = folder_of(&file);
    let pages = [
        format!("briefings/{folder}/03-yicai/index.html"),
        format!("briefings/{folder}/index.html"),
    ];
    let public = build_ok(project.path(), &[]);
    for rel in &pages {
        let page = fs::read_to_string(public.join(rel)).unwrap();
        assert!(page.contains("Hand-edited: "), "{rel}");
        for injected in ["alert(", "onerror", "javascript:"] {
            assert!(!page.contains(injected), "{injected} in {rel}");
        }
        assert!(
            page.contains("<b>bold</b>"),
            "safe formatting stays in {rel}"
        );
        assert!(page.contains("<img src=\"x\">"), "{rel}");
    }

    let config = project.path().join("site.yaml");
    let site = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("allow_raw_html: true\n{site}")).unwrap();
    let public = build_ok(project.path(), &[]);
    for rel in &pages {
        let page = fs::read_to_string(public.join(rel)).unwrap();
        assert!(page.contains("<script>alert(1)</script>"), "{rel}");
        assert!(
            page.contains("<a href=\"javascript:alert(4)\">y</a>"),
            "{rel}"
        );
    }
}

/// The feeds, the sitemap and robots.txt come from templates a site may override;
/// without its own, the built-in ones are used.
#[test]
fn feeds_sitemap_and_robots_are_templates_a_site_may_override() {
    let project = project_copy();
    let public = build_ok(project.path(), &["--no-search"]);
    let robots = fs::read_to_string(public.join("robots.txt")).unwrap();
    assert!(
        robots.starts_with("User-agent: *\nAllow: /\nSitemap: http"),
        "{robots}"
    );
    fs::write(
        project.path().join("templates/robots.txt"),
        "User-agent: *\nDisallow: /search/\nSitemap: {{ sitemap }}\n",
    )
    .unwrap();
    fs::write(
        project.path().join("templates/atom.xml"),
        "<feed>{% for e in feed.entries %}<t>{{ e.title | xml }}</t>{% endfor %}</feed>\n",
    )
    .unwrap();
    let public = build_ok(project.path(), &["--no-search"]);
    let robots = fs::read_to_string(public.join("robots.txt")).unwrap();
    assert!(robots.contains("Disallow: /search/"), "{robots}");
    let feed = fs::read_to_string(public.join("topics/reform/atom.xml")).unwrap();
    assert!(
        feed.starts_with("<feed><t>") && !feed.contains("<?xml"),
        "{feed}"
    );
}

/// An error points at the line it is about: an unknown kind at `kind:`, with the
/// value's column.
#[test]
fn an_unknown_kind_names_its_own_line() {
    assert_build_error(
        |root| {
            edit(
                &exchange_file(root, "03-yicai.md"),
                "kind: exchange",
                "kind: exchang",
            )
        },
        "03-yicai.md:3:7: error: unknown kind \"exchang\"",
        "say briefing, exchange, closing or summary",
    );
}

/// Long lists are split by year (the newest at the list's own address, a year index
/// on every page) and into pages within a year, linked by rel=prev/next; every item is
/// on exactly one page.
#[test]
fn long_lists_are_split_by_year_and_into_pages() {
    let project = project_copy();
    let root = project.path();
    archive_copies(root, 3);
    let config = root.join("site.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.replace("page_size: 200", "page_size: 2")).unwrap();
    let site = build_ok(root, &["--no-search"]);
    let page = |rel: &str| fs::read_to_string(site.join(rel).join("index.html"));

    // An official's pages: gather them by following rel=next from the first.
    let mut rel = "speakers/wang-hongzhi/".to_owned();
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let html = page(&rel).unwrap_or_else(|_| panic!("{rel} was made"));
        pages += 1;
        let answers = html
            .split("id=\"answers\"")
            .nth(1)
            .unwrap()
            .split("</section>")
            .next()
            .unwrap();
        let links: Vec<&str> = attributes(answers, "href");
        assert!(
            links.len() <= 2,
            "{rel}: {} items on a page of 2",
            links.len()
        );
        seen.extend(links.iter().map(|l| l.to_string()));
        for year in ["2000", "2001", "2002", "2024"] {
            assert!(
                html.contains(&format!(
                    "speakers/wang-hongzhi/{}",
                    if year == "2024" {
                        String::new()
                    } else {
                        format!("{year}/")
                    }
                )),
                "{rel}: the year index links {year}"
            );
        }
        if pages > 1 {
            assert!(html.contains("<link rel=\"prev\""), "{rel}: rel=prev");
        }
        match html.split("<link rel=\"next\" href=\"").nth(1) {
            Some(next) => {
                let next = next.split('"').next().unwrap();
                rel = next
                    .split_once("/speakers/")
                    .map(|(_, r)| format!("speakers/{r}"))
                    .unwrap();
            }
            None => break,
        }
    }
    // Every one of his answers, once, in the whole archive.
    let all = fs::read_dir(root.join("content/briefings"))
        .unwrap()
        .flat_map(|d| fs::read_dir(d.unwrap().path()).unwrap())
        .map(|f| fs::read_to_string(f.unwrap().path()).unwrap())
        .filter(|t| {
            t.contains("kind: exchange")
                && t.contains("answered_by:\n")
                && t.split("---").nth(1).unwrap().contains("- Wang Hongzhi")
        })
        .count();
    let unique: std::collections::BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "an answer on two pages");
    assert_eq!(seen.len(), all, "every answer is on a page");
    assert!(pages > 4, "a page per year and more within a year: {pages}");

    // The briefings: the newest year at /briefings/, each other year at its own page.
    let newest = page("briefings/").unwrap();
    assert!(newest.contains("2024-07-26-promoting-high-quality-development"));
    assert!(
        !newest.contains("copy-0"),
        "an older year is on its own page"
    );
    assert!(page("briefings/2000/").unwrap().contains("copy-0"));

    // A topic: every year on its own page, and every passage that mentions it (not
    // only the newest), each once.
    let newest = page("topics/reform/").unwrap();
    assert!(newest.contains("topics/reform/2000/"), "the year index");
    let older = page("topics/reform/2000/").unwrap();
    assert!(
        older.contains("copy-0") && !older.contains("copy-1/"),
        "2000's briefing only"
    );
    let passages = |html: &str| html.matches("<blockquote>").count();
    assert_eq!(
        passages(&older),
        passages(&newest),
        "a copy of a briefing has as many passages on the topic in its year"
    );
    assert!(passages(&older) > 0);

    // The figures: pages of 2 sentences, every year's figures once, all of them.
    let mut rel = "figures/".to_owned();
    let mut listed = Vec::new();
    loop {
        let html = page(&rel).unwrap_or_else(|_| panic!("{rel} was made"));
        let sentences = html.matches("<span class=\"said\">").count();
        assert!((1..=2).contains(&sentences), "{rel}: {sentences} sentences");
        listed.extend(
            entries(&html)
                .into_iter()
                .map(|e| (e.href, e.figure, e.said)),
        );
        match html.split("<link rel=\"next\" href=\"").nth(1) {
            Some(next) => {
                let next = next.split('"').next().unwrap();
                rel = format!("figures/{}", next.split_once("/figures/").unwrap().1);
            }
            None => break,
        }
    }
    let unique: std::collections::BTreeSet<&(String, String, String)> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len(), "a figure on two pages");
    let newest = page("figures/").unwrap();
    let in_newest = entries(&newest).len();
    assert!(page("figures/2000/").unwrap().contains("copy-0"));
    // Four copies of the same briefings (2000, 2001, 2002 and the originals).
    assert_eq!(listed.len() % 4, 0, "{} figures", listed.len());
    assert!(listed.len() > in_newest * 4);
}

/// `/briefings/2024/` is a year's list: a briefing folder cannot take that address.
#[test]
fn a_briefing_folder_named_as_a_year_is_refused() {
    assert_build_error(
        |root| {
            let briefings = root.join("content/briefings");
            fs::rename(
                briefings.join("2024-07-26-promoting-high-quality-development"),
                briefings.join("2024"),
            )
            .unwrap();
        },
        "content/briefings/2024",
        "is the address of a year's list of briefings (/briefings/2024/)",
    );
}

/// A summary point links to the paragraph that says it: the figure the headline
/// quotes is in the paragraph its link leads to.
#[test]
fn summary_points_link_to_the_paragraph_that_says_them() {
    let project = project_copy();
    let public = build_ok(project.path(), &[]);
    let briefing = public.join("briefings/2024-07-26-promoting-high-quality-development");
    let summary = fs::read_to_string(briefing.join("summary/index.html")).unwrap();
    for figure in [
        "28 groups of 50",
        "3 trillion yuan",
        "artificial intelligence",
    ] {
        let point = summary
            .split("<h2 ")
            .skip(1)
            .find(|p| p.split("</h2>").next().unwrap().contains(figure))
            .unwrap_or_else(|| panic!("a point's headline says {figure}"));
        let href = point
            .split("href=\"")
            .map(|s| s.split('"').next().unwrap())
            .find(|h| h.contains('#'))
            .unwrap_or_else(|| panic!("{figure}: the point links to a paragraph"));
        let paragraph = linked_paragraph(&public, href);
        assert!(
            paragraph.to_lowercase().contains(figure),
            "{figure}: {href} says {paragraph}"
        );
    }
}

/// Provenance: a source's address is the briefing's "Original transcript" link (and
/// its exchanges'), and the About page says what the archive holds and how it is made.
#[test]
fn the_original_page_and_how_the_archive_is_made_are_shown() {
    let project = project_copy();
    let index = project
        .path()
        .join("content/briefings/2024-07-26-promoting-high-quality-development/_index.md");
    let original = "https://english.scio.gov.cn/pressroom/2024-07/29/content_1.htm";
    let text = fs::read_to_string(&index).unwrap();
    let text = text.replacen(
        "  kind: full\n",
        &format!("  kind: full\n  url: {original}\n"),
        1,
    );
    fs::write(&index, text).unwrap();
    let public = build_ok(project.path(), &[]);
    let briefing = public.join("briefings/2024-07-26-promoting-high-quality-development");
    let link = format!("<a href=\"{original}\">Original transcript</a>");
    let page = fs::read_to_string(briefing.join("index.html")).unwrap();
    assert!(page.contains(&link), "the briefing links to its original");
    assert!(page.contains(&format!("<meta name=\"DC.source\" content=\"{original}\">")));
    let exchange = fs::read_to_string(briefing.join("01-xinhua-news-agency/index.html")).unwrap();
    assert!(exchange.contains(&link), "its exchanges too");

    let about = fs::read_to_string(public.join("about/index.html")).unwrap();
    assert!(
        about.contains("holds 2 briefings and 19 questions"),
        "{about}"
    );
    assert!(about.contains("from 24 January 2024 to 26 July 2024"));
    assert!(
        about.contains("as the SCIO published them"),
        "site.yaml's about text"
    );
    for topic in ["Artificial intelligence", "Equipment renewal", "Reform"] {
        assert!(about.contains(topic), "{topic}'s phrases are listed");
    }
    let summary = fs::read_to_string(briefing.join("summary/index.html")).unwrap();
    assert!(summary.contains("<strong>Machine-translated.</strong>"));
}

/// Two spellings of one outlet ("Securities Time", "Securities Times"): `check` names
/// them; an alias in site.yaml lists both exchanges under one name, on one page, in
/// the turn's label and in search; an alias of an alias is refused.
#[test]
fn aliases_merge_two_spellings_of_a_name() {
    let project = project_copy();
    let root = project.path();
    let check = |root: &Path| {
        let out = briefings(&["check", "--root", root.to_str().unwrap()], &repo());
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out) + &stdout(&out)
    };
    let warned = check(root);
    assert!(
        warned.contains("\"Securities Time\": \"Securities Times\""),
        "check suggests the alias: {warned}"
    );
    let config = root.join("site.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        format!("{text}\naliases:\n  Securities Time: Securities Times\n"),
    )
    .unwrap();
    assert!(
        !check(root).contains("Securities Time\""),
        "the warning is gone"
    );
    let public = build_ok(root, &[]);
    assert!(!public.join("outlets/securities-time").exists());
    let outlet = fs::read_to_string(public.join("outlets/securities-times/index.html")).unwrap();
    assert_eq!(outlet.matches("/08-securities-time").count(), 1, "{outlet}");
    assert_eq!(
        outlet.matches("/05-securities-times/").count(),
        1,
        "{outlet}"
    );
    let exchange = fs::read_to_string(
        public.join("briefings/2024-01-24-better-pursuing-high-quality-development-of-central-soes/08-securities-time/index.html"),
    )
    .unwrap();
    assert!(
        exchange.contains("outlets/securities-times/\">Securities Times</a><span class=\"role\">, question</span>"),
        "the label uses the site's spelling"
    );
    let meta = fs::read_to_string(public.join("search-index/meta.json")).unwrap();
    assert!(
        meta.contains("\"Securities Times\",2"),
        "one search filter value: {meta}"
    );

    fs::write(
        &config,
        format!("{text}\naliases:\n  Securities Time: Securities Times\n  Securities Times: X\n"),
    )
    .unwrap();
    let out = build(root, &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("itself an alias"), "{}", stderr(&out));
}

/// An official's answers and an outlet's questions have Atom feeds, one entry an
/// exchange, linked from their pages.
#[test]
fn officials_and_outlets_have_feeds() {
    let project = project_copy();
    let public = build_ok(project.path(), &[]);
    for (page, entries) in [("speakers/fang-lei", 2), ("outlets/xinhua-news-agency", 2)] {
        let html = fs::read_to_string(public.join(page).join("index.html")).unwrap();
        let href = format!("/briefings/{page}/atom.xml");
        assert!(
            html.contains(&format!("href=\"{href}\">Atom feed of")),
            "{page} links its feed"
        );
        assert!(html.contains("type=\"application/atom+xml\" title="));
        let feed = fs::read_to_string(public.join(page).join("atom.xml")).unwrap();
        assert!(
            feed.starts_with("<?xml")
                && feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
        );
        assert_eq!(feed.matches("<entry>").count(), entries, "{page}: {feed}");
    }
}

/// The plain text of some HTML: tags dropped, the few entities the renderer writes
/// turned back into characters.
fn plain(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// A figures index entry: the figure, where it links, and its sentence as HTML.
struct Entry {
    figure: String,
    href: String,
    said: String,
}

/// The entries of a figures list: a sentence's figures (links), then the sentence.
fn entries(html: &str) -> Vec<Entry> {
    let mut all = Vec::new();
    for item in html.split("<li>").skip(1) {
        let item = item.split("</li>").next().unwrap();
        let Some((links, said)) = item.split_once("<span class=\"said\">") else {
            continue;
        };
        for link in links.split("<a class=\"figure\" href=\"").skip(1) {
            let (href, rest) = link.split_once("\">").unwrap();
            let figure = rest.split("</a>").next().unwrap();
            all.push(Entry {
                figure: plain(figure),
                href: href.to_owned(),
                said: said.to_owned(),
            });
        }
    }
    all
}

/// The paragraph `href` (`/base/briefings/x/y/#id`) links to, as plain text.
fn linked_paragraph(public: &Path, href: &str) -> String {
    let (page, id) = href.split_once('#').unwrap();
    let page = page.split("/briefings/briefings/").nth(1).unwrap();
    let html = fs::read_to_string(public.join("briefings").join(page).join("index.html")).unwrap();
    let paragraph = html
        .split(&format!("<p id=\"{id}\">"))
        .nth(1)
        .unwrap_or_else(|| panic!("{id} is on {page}"))
        .split("</p>")
        .next()
        .unwrap();
    plain(paragraph)
}

/// The figures index: every amount, percentage and count, with its sentence (the
/// figure marked), its speaker and its briefing's date, linked to the paragraph that
/// says it; the same figures on their topic's and their official's pages.
#[test]
fn the_figures_index_lists_every_figure_with_its_sentence_speaker_and_paragraph() {
    let project = project_copy();
    let public = build_ok(project.path(), &[]);
    let index = fs::read_to_string(public.join("figures/index.html")).unwrap();
    let all = entries(&index);
    assert!(all.len() > 50, "{} figures", all.len());
    for e in &all {
        // The sentence marks the figure, and the paragraph linked to says it.
        assert!(
            e.said
                .contains(&format!("<mark>{}</mark>", escape_text(&e.figure))),
            "{}: {}",
            e.figure,
            e.said
        );
        let paragraph = linked_paragraph(&public, &e.href);
        assert!(paragraph.contains(&e.figure), "{}: {paragraph}", e.figure);
        // Not a year, a date or an ordinal.
        assert!(
            !(e.figure.len() == 4 && e.figure.chars().all(|c| c.is_ascii_digit())),
            "{}",
            e.figure
        );
    }
    let figures: Vec<&str> = all.iter().map(|e| e.figure.as_str()).collect();
    for said in [
        "more than 3 trillion yuan",
        "28 groups of 50 enterprises",
        "more than 80%",
    ] {
        assert!(figures.contains(&said), "{said} is in {figures:?}");
    }
    // Every paragraph of a briefing that gives an amount in trillions of yuan is listed.
    let briefings = public.join("briefings");
    for entry in fs::read_dir(&briefings).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        let Ok(html) = fs::read_to_string(&page) else {
            continue;
        };
        for p in html.split("<p id=\"").skip(1) {
            let (id, rest) = p.split_once("\">").unwrap();
            let text = plain(rest.split("</p>").next().unwrap());
            if id.contains("-p") && text.contains(" trillion yuan") {
                assert!(
                    all.iter().any(|e| e.href.ends_with(&format!("#{id}"))),
                    "{id}: {text}"
                );
            }
        }
    }
    // Each briefing's figures come under its title and date, with the speaker.
    let three = all
        .iter()
        .find(|e| e.figure == "more than 3 trillion yuan")
        .unwrap();
    let speaker = three
        .said
        .rsplit("<span class=\"muted\">(")
        .next()
        .unwrap()
        .split(')')
        .next()
        .unwrap();
    assert!(
        !speaker.is_empty() && !speaker.contains('<'),
        "{}",
        three.said
    );
    assert!(index.contains("<time datetime=\"2024-07-26\">26 July 2024</time>"));
    // The topic it is about lists it; a topic it is not about does not.
    let renewal = fs::read_to_string(public.join("topics/equipment-renewal/index.html")).unwrap();
    let section = renewal.split("id=\"figures\"").nth(1).unwrap();
    assert!(entries(section)
        .iter()
        .any(|e| e.figure == three.figure && e.href == three.href));
    let bri = fs::read_to_string(public.join("topics/bri/index.html")).unwrap();
    let bri = bri.split("id=\"figures\"").nth(1).unwrap_or("");
    assert!(!entries(bri).iter().any(|e| e.href == three.href));
    // Its speaker's page lists it.
    let official = fs::read_dir(public.join("speakers"))
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .filter_map(|p| fs::read_to_string(p).ok())
        .find(|html| html.contains(&format!("<h1>{speaker}</h1>")))
        .unwrap_or_else(|| panic!("{speaker} has a page"));
    let given = official.split("id=\"figures\"").nth(1).unwrap();
    assert!(entries(given).iter().any(|e| e.href == three.href));
    // The index is in the site's navigation.
    assert!(index.contains("/figures/\" aria-current=\"page\">Figures</a>"));
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
