//! Imports the five real transcripts and checks everything the hand-checked labels in
//! `fixtures/EXPECTED.yaml` (a copy of shared/seeds/EXPECTED.yaml) say about them.

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use common::*;
use serde_yaml::Value;

struct Imported {
    _dir: tempfile::TempDir,
    content: std::path::PathBuf,
    pages: BTreeMap<String, Vec<Page>>,
}

/// One import shared by the tests of this file.
fn imported() -> &'static Imported {
    static ONCE: OnceLock<Imported> = OnceLock::new();
    ONCE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        import_ok(&repo().join("transcripts"), &content, &[]);
        let pages = read_content(&content);
        Imported {
            _dir: dir,
            content,
            pages,
        }
    })
}

fn expected() -> Value {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/EXPECTED.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

fn s(v: &Value) -> Option<&str> {
    v.as_str()
}

/// The briefing folder of a conference, found by its date.
fn briefing_of<'a>(pages: &'a BTreeMap<String, Vec<Page>>, date: &str) -> &'a [Page] {
    let matches: Vec<_> = pages
        .values()
        .filter(|files| {
            files
                .iter()
                .any(|p| p.str("kind") == Some("briefing") && p.str("date") == Some(date))
        })
        .collect();
    assert_eq!(matches.len(), 1, "one briefing on {date}");
    matches[0]
}

fn index(files: &[Page]) -> &Page {
    files
        .iter()
        .find(|p| p.path.ends_with("_index.md"))
        .unwrap()
}

fn exchanges(files: &[Page]) -> Vec<&Page> {
    let mut ex: Vec<&Page> = files
        .iter()
        .filter(|p| p.str("kind") == Some("exchange"))
        .collect();
    ex.sort_by_key(|p| p.get("order").as_u64());
    ex
}

fn names(v: &Value) -> Vec<String> {
    v.as_sequence()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_owned())
        .collect()
}

fn main_file(conf: &Value) -> String {
    s(&conf["sources"][0]).unwrap().to_owned()
}

#[test]
fn two_briefings_with_their_metadata_and_rosters() {
    let exp = expected();
    let pages = &imported().pages;
    let conferences = exp["conferences"].as_sequence().unwrap();
    assert_eq!(
        pages.len(),
        exp["site"]["conferences"].as_u64().unwrap() as usize
    );
    for conf in conferences {
        let date = s(&conf["date"]).unwrap();
        let idx = index(briefing_of(pages, date));
        for key in ["title", "time", "location", "series"] {
            if let Some(want) = s(&conf[key]) {
                assert_eq!(idx.str(key), Some(want), "{date} {key}");
            }
        }
        for key in ["name", "role", "honorific"] {
            assert_eq!(
                idx.get("moderator")[key].as_str(),
                conf["moderator"][key].as_str(),
                "{date} moderator {key}"
            );
        }
        let speakers = idx.get("speakers").as_sequence().unwrap();
        let want = conf["speakers"].as_sequence().unwrap();
        assert_eq!(
            speakers.len(),
            want.len(),
            "{date}: roster merged, not repeated"
        );
        for (got, want) in speakers.iter().zip(want) {
            for key in ["name", "role", "honorific"] {
                assert_eq!(
                    got[key].as_str(),
                    want[key].as_str(),
                    "{date} speaker {key}"
                );
            }
        }
        let mut sources: Vec<String> = idx
            .get("sources")
            .as_sequence()
            .unwrap()
            .iter()
            .map(|s| s["file"].as_str().unwrap().to_owned())
            .collect();
        let mut want_sources = names(&conf["sources"]);
        sources.sort();
        want_sources.sort();
        assert_eq!(sources, want_sources, "{date} sources");
        assert!(
            idx.get("translators").as_sequence().unwrap().len() > 10,
            "translators' credit kept as metadata"
        );
    }
}

#[test]
fn sources_record_kinds_and_publication_dates() {
    let exp = expected();
    let pages = &imported().pages;
    let all_sources: Vec<&Value> = pages
        .values()
        .map(|f| index(f))
        .flat_map(|i| i.get("sources").as_sequence().unwrap())
        .collect();
    for (file, spec) in exp["files"].as_mapping().unwrap() {
        let file = file.as_str().unwrap();
        let got = all_sources
            .iter()
            .find(|s| s["file"].as_str() == Some(file))
            .unwrap_or_else(|| panic!("{file} recorded"));
        assert_eq!(got["kind"].as_str(), spec["kind"].as_str(), "{file} kind");
        assert_eq!(
            got["published"].as_str(),
            spec["published"].as_str(),
            "{file} published"
        );
        let conference = index(briefing_of(pages, s(&spec["conference"]).unwrap()));
        assert!(
            conference
                .get("sources")
                .as_sequence()
                .unwrap()
                .iter()
                .any(|s| s["file"].as_str() == Some(file)),
            "{file} belongs to {}",
            s(&spec["conference"]).unwrap()
        );
    }
}

#[test]
fn exchanges_in_order_with_outlets_and_officials() {
    let exp = expected();
    let pages = &imported().pages;
    let mut total = 0;
    for conf in exp["conferences"].as_sequence().unwrap() {
        let date = s(&conf["date"]).unwrap();
        let main = main_file(conf);
        let got = exchanges(briefing_of(pages, date));
        let want = conf["exchanges"].as_sequence().unwrap();
        assert_eq!(got.len(), want.len(), "{date} exchanges");
        total += got.len();
        for (i, (page, want)) in got.iter().zip(want).enumerate() {
            let id = s(&want["id"]).unwrap();
            assert_eq!(page.get("order").as_u64(), Some(i as u64 + 1));
            assert_eq!(
                page.str("asked_by"),
                want["asked_by"].as_str(),
                "{date} {id} asked_by"
            );
            assert_eq!(
                names(page.get("answered_by")),
                names(&want["answered_by"]),
                "{date} {id} answered_by"
            );
            let line = want["line"].as_u64().unwrap() as usize;
            let sources = page.sources();
            assert!(
                sources
                    .iter()
                    .any(|(f, a, b)| *f == main && (*a..=*b).contains(&line)),
                "{date} {id}: the question at {main}:{line} is in {sources:?}"
            );
            if let Some(from) = s(&want["asked_by_from"]) {
                assert_eq!(page.str("asked_by_from"), Some(from), "{id} restored from");
                assert!(sources.iter().any(|(f, ..)| f == from));
            }
            for also in want["also_in"].as_sequence().into_iter().flatten() {
                let also = also.as_str().unwrap();
                assert!(
                    sources.iter().any(|(f, ..)| f == also),
                    "{id} also in {also}"
                );
            }
            let title = page.str("title").unwrap();
            assert!(
                !title.is_empty() && title.len() <= 170,
                "{id}: one-sentence title"
            );
            let question_label = match page.str("asked_by") {
                Some(outlet) => outlet.to_owned(),
                None => "Question".to_owned(),
            };
            assert!(
                page.turn_speakers().contains(&question_label),
                "{id}: the question is a turn"
            );
        }
    }
    assert_eq!(total, exp["site"]["exchanges"].as_u64().unwrap() as usize);
}

#[test]
fn securities_time_exchange_is_not_duplicated_by_the_fragment() {
    let all: Vec<&Page> = imported().pages.values().flatten().collect();
    let securities_time: Vec<_> = all
        .iter()
        .filter(|p| p.str("asked_by") == Some("Securities Time"))
        .collect();
    assert_eq!(securities_time.len(), 1);
    let body = &securities_time[0].body;
    let paragraph = "Last September, SASAC, along with the Ministry";
    assert_eq!(body.matches(paragraph).count(), 1);
    let everywhere: usize = all.iter().map(|p| p.body.matches(paragraph).count()).sum();
    assert_eq!(everywhere, 1);
}

#[test]
fn opening_closing_and_interjections() {
    let exp = expected();
    let pages = &imported().pages;
    for conf in exp["conferences"].as_sequence().unwrap() {
        let date = s(&conf["date"]).unwrap();
        let files = briefing_of(pages, date);
        let main = main_file(conf);
        let moderator = s(&conf["moderator"]["name"]).unwrap();
        assert_eq!(
            index(files).turn_speakers(),
            names(&conf["opening"]["turns"]),
            "{date} opening turns"
        );
        let closing = files
            .iter()
            .find(|p| p.path.ends_with("closing.md"))
            .unwrap();
        assert_eq!(closing.turn_speakers(), names(&conf["closing"]["turns"]));
        let line = conf["closing"]["line"].as_u64().unwrap() as usize;
        assert!(closing
            .sources()
            .iter()
            .any(|(f, a, b)| *f == main && (*a..=*b).contains(&line)));
        for line in conf["moderator_interjections"].as_sequence().unwrap() {
            let line = line.as_u64().unwrap() as usize;
            let holder = exchanges(files)
                .into_iter()
                .find(|p| {
                    p.sources()
                        .iter()
                        .any(|(f, a, b)| *f == main && (*a..=*b).contains(&line))
                })
                .unwrap_or_else(|| panic!("{date}: interjection at {line} kept in the flow"));
            assert!(holder.turn_speakers().iter().any(|s| s == moderator));
            assert!(!names(holder.get("answered_by")).contains(&moderator.to_owned()));
        }
    }
}

#[test]
fn summary_points_link_to_the_exchanges_that_say_the_same() {
    let exp = expected();
    let pages = &imported().pages;
    let spec = &exp["files"]["002_24731472eb99598e.txt"];
    let date = s(&spec["conference"]).unwrap();
    let conf = exp["conferences"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|c| s(&c["date"]) == Some(date))
        .unwrap();
    let files = briefing_of(pages, date);
    let summary = page_of_kind(files, "summary");
    assert_eq!(summary.str("title"), s(&spec["title"]));
    assert_eq!(
        summary.str("date"),
        Some(date),
        "year inferred from the match"
    );
    let got = summary.get("points").as_sequence().unwrap();
    let want = spec["points"].as_sequence().unwrap();
    assert_eq!(got.len(), want.len());
    let ids: Vec<&str> = conf["exchanges"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|e| s(&e["id"]).unwrap())
        .collect();
    let ex = exchanges(files);
    for (g, w) in got.iter().zip(want) {
        let line = w["line"].as_u64();
        assert_eq!(g["line"].as_u64(), line);
        assert_eq!(
            g["speaker"].as_str(),
            w["speaker"].as_str(),
            "point at {line:?}"
        );
        let target = s(&w["exchange"]).unwrap();
        let want_file = match ids.iter().position(|id| *id == target) {
            Some(i) => ex[i]
                .path
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned(),
            None => target.to_owned(),
        };
        assert_eq!(
            g["exchange"].as_str(),
            Some(want_file.as_str()),
            "point at line {line:?} links to {target}"
        );
        // The link leads to a paragraph of that exchange (or of the opening remarks).
        let link = if want_file == "opening" {
            "_index.md#opening-p".to_owned()
        } else {
            format!("{want_file}.md#{want_file}-p")
        };
        assert!(summary.body.contains(&link), "body links to {link}");
    }
}

#[test]
fn no_noise_is_left_in_any_content() {
    let exp = expected();
    let mut noise: Vec<String> = exp["files"]
        .as_mapping()
        .unwrap()
        .values()
        .flat_map(|f| f["noise"].as_sequence().cloned().unwrap_or_default())
        .map(|n| n.as_str().unwrap().replace('\u{a0}', " "))
        .filter(|n| !n.starts_with("the "))
        .collect();
    noise.extend(
        [
            "Read in Chinese",
            "Translated and edited by",
            "/6 ",
            "Русский",
            "MORE FROM",
            "Share:",
            "Group photo",
        ]
        .map(String::from),
    );
    for page in imported().pages.values().flatten() {
        let body = page.body.replace('\u{a0}', " ");
        for n in &noise {
            let squeezed: String = n.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                !body.contains(n.as_str()) && !body.contains(&squeezed),
                "{} contains noise {n:?}",
                page.path.display()
            );
        }
        assert!(
            !page.text.contains('\u{a0}'),
            "NBSPs normalised in {}",
            page.path.display()
        );
    }
}

#[test]
fn a_second_import_changes_nothing() {
    let imported = imported();
    let before = snapshot(&imported.content);
    let out = import_ok(&repo().join("transcripts"), &imported.content, &[]);
    assert_eq!(snapshot(&imported.content), before);
    assert!(
        stdout(&out).contains("0 created, 0 replaced, 24 unchanged"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn shipped_content_is_what_import_makes_of_the_shipped_transcripts() {
    let made = snapshot(&imported().content);
    let shipped = snapshot(&repo().join("content"));
    let shipped_briefings: BTreeMap<_, _> = shipped
        .into_iter()
        .filter(|(p, _)| p.starts_with("briefings"))
        .collect();
    assert_eq!(
        made.keys().collect::<Vec<_>>(),
        shipped_briefings.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &made {
        assert!(
            shipped_briefings[path] == *bytes,
            "content/{} differs from a fresh import: run `cargo run -- import --force`",
            path.display()
        );
    }
}

#[test]
fn topics_agree_with_the_labels() {
    let exp = expected();
    let pages = &imported().pages;
    let mut per_topic: BTreeMap<String, usize> = BTreeMap::new();
    let mut agree = 0;
    let mut total = 0;
    for conf in exp["conferences"].as_sequence().unwrap() {
        let date = s(&conf["date"]).unwrap();
        let got = exchanges(briefing_of(pages, date));
        for (page, want) in got.iter().zip(conf["exchanges"].as_sequence().unwrap()) {
            let topics = names(page.get("topics"));
            let accepted: Vec<Vec<String>> = match want["topics_ok"].as_sequence() {
                Some(options) => options.iter().map(names).collect(),
                None => vec![names(&want["topics"])],
            };
            total += 1;
            if accepted.contains(&topics) {
                agree += 1;
            } else {
                println!(
                    "{date} {}: {topics:?} not in {accepted:?}",
                    s(&want["id"]).unwrap()
                );
            }
            for t in topics {
                *per_topic.entry(t).or_default() += 1;
            }
        }
    }
    assert_eq!(
        (agree, total),
        (19, 19),
        "exchanges whose topics match the labels"
    );
    for (topic, want) in exp["site"]["topic_primary"].as_mapping().unwrap() {
        let topic = topic.as_str().unwrap();
        let want = want.as_u64().unwrap() as usize;
        let got = per_topic.get(topic).copied().unwrap_or(0);
        // Ambiguous exchanges may add to reform (topics_ok), never to the others.
        if topic == "reform" {
            assert!(got >= want, "{topic}: {got} exchanges, at least {want}");
        } else {
            assert_eq!(got, want, "{topic}");
        }
    }
    // Summary points with labelled topics.
    let spec = &exp["files"]["002_24731472eb99598e.txt"];
    let files = briefing_of(pages, s(&spec["conference"]).unwrap());
    let summary = page_of_kind(files, "summary");
    let points = summary.get("points").as_sequence().unwrap();
    for want in spec["points"].as_sequence().unwrap() {
        if want["topics"].is_null() {
            continue;
        }
        let point = points.iter().find(|p| p["line"] == want["line"]).unwrap();
        assert_eq!(
            names(&point["topics"]),
            names(&want["topics"]),
            "point at line {:?}",
            want["line"]
        );
    }
}
