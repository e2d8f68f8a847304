//! The topic classifier: on the hand-labelled trap set (precision and recall per
//! topic), with a topic added in site.yaml alone, and the `topics` command.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use briefings::config::SiteConfig;
use briefings::topics::Topics;
use common::*;
use serde_yaml::Value;

fn shipped_topics() -> Topics {
    let site = SiteConfig::load(&repo().join("site.yaml")).unwrap();
    Topics::new(&site.topics, site.classifier).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_sequence()
        .map(|s| s.iter().map(|x| x.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

#[derive(Default, Debug)]
struct Counts {
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Precision and recall per topic on tests/fixtures/topic_traps.yaml, printed (run
/// with --nocapture to see them), and held above a floor so that a change to the
/// phrases or the scoring that makes things worse fails here.
#[test]
fn trap_set_precision_and_recall() {
    let topics = shipped_topics();
    let text = fs::read_to_string(repo().join("tests/fixtures/topic_traps.yaml")).unwrap();
    let set: Value = serde_yaml::from_str(&text).unwrap();
    let exchanges = set["exchanges"].as_sequence().unwrap();
    assert!(exchanges.len() >= 30, "at least 30 labelled exchanges");
    let mut counts: BTreeMap<String, Counts> = topics
        .list()
        .iter()
        .map(|t| (t.id.clone(), Counts::default()))
        .collect();
    let mut misses = Vec::new();
    for e in exchanges {
        let question = e["question"].as_str().unwrap();
        let answers = strings(&e["answers"]);
        let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
        let want = strings(&e["topics"]);
        let got: Vec<String> = topics
            .classify(&[question], &answers)
            .primary
            .iter()
            .map(|&t| topics.list()[t].id.clone())
            .collect();
        for (id, c) in &mut counts {
            match (got.contains(id), want.contains(id)) {
                (true, true) => c.true_pos += 1,
                (true, false) => c.false_pos += 1,
                (false, true) => c.false_neg += 1,
                (false, false) => {}
            }
        }
        if got != want {
            misses.push(format!(
                "  {}: got {got:?}, labelled {want:?} ({})",
                e["id"].as_str().unwrap(),
                e["trap"].as_str().unwrap()
            ));
        }
    }
    println!("topic                precision  recall   (tp fp fn)");
    for (id, c) in &counts {
        println!(
            "{id:<20} {:>9.2} {:>7.2}   ({} {} {})",
            c.precision(),
            c.recall(),
            c.true_pos,
            c.false_pos,
            c.false_neg
        );
    }
    println!(
        "{} of {} exchanges exactly right; misses:",
        exchanges.len() - misses.len(),
        exchanges.len()
    );
    misses.iter().for_each(|m| println!("{m}"));
    for (id, c) in &counts {
        assert!(c.precision() >= 0.8, "{id} precision {:.2}", c.precision());
        assert!(c.recall() >= 0.6, "{id} recall {:.2}", c.recall());
    }
    assert!(
        misses.len() <= 4,
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}

/// A fifth topic in site.yaml alone: import classifies into it, and `topics` shows it.
#[test]
fn a_topic_added_in_the_config_works_with_no_code_change() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("site.yaml");
    let shipped = fs::read_to_string(repo().join("site.yaml")).unwrap();
    fs::write(
        &config,
        format!(
            "{shipped}\n  - id: energy-security\n    name: Energy security\n    \
             description: Keeping power, coal and gas flowing.\n    signals:\n      \
             energy supply: 1\n      power supply: 1\n      thermal coal: 1\n      \
             coal: 0.5\n      gas supply: 1\n"
        ),
    )
    .unwrap();
    let content = dir.path().join("content");
    import_ok(
        &repo().join("transcripts"),
        &content,
        &["--config", config.to_str().unwrap()],
    );
    let pages = all_pages(&content);
    let tagged: Vec<&Page> = pages
        .iter()
        .filter(|p| strings(p.get("topics")).contains(&"energy-security".to_owned()))
        .collect();
    assert_eq!(tagged.len(), 1, "one exchange is about energy supply");
    assert!(tagged[0].str("title").unwrap().contains("energy supply"));

    let out = briefings(
        &[
            "topics",
            "--content",
            content.to_str().unwrap(),
            "--config",
            config.to_str().unwrap(),
        ],
        &repo(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("* energy-security"),
        "{}",
        stdout(&out)
    );
}

/// The command explains scores and flags files whose topics a person changed.
#[test]
fn topics_command_explains_and_flags_hand_edits() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    import_ok(&repo().join("transcripts"), &content, &[]);
    let phoenix = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name() == "10-phoenix-tv.md")
        .unwrap()
        .into_path();
    let text = fs::read_to_string(&phoenix).unwrap();
    let edited = text.replace("topics:\n- bri\n", "topics:\n- bri\n- trade\n");
    assert_ne!(text, edited);
    fs::write(&phoenix, edited).unwrap();

    let run = |extra: &[&str]| {
        let mut args = vec!["topics", "--content", content.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = briefings(&args, &repo());
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let all = run(&[]);
    assert!(
        all.contains("10-phoenix-tv.md\n  file: [bri, trade]   classifier: [bri]  <- differs"),
        "{all}"
    );
    assert!(
        all.contains("question: \"Belt and Road\" ¶1, \"BRI\" ¶1 x4"),
        "evidence names phrase and place:\n{all}"
    );
    assert!(
        all.contains("19 exchanges: 1 whose file's topics differ"),
        "{all}"
    );
    assert!(all.contains("unknown topic \"trade\""), "{all}");
    let differences = run(&["--differences"]);
    assert_eq!(differences.matches(".md\n").count(), 1, "{differences}");
}

#[test]
fn a_broken_config_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("site.yaml");
    fs::write(
        &config,
        "title: T\nbase_url: x\ntopics:\n  - id: ai\n    name: AI\n    signals:\n      AI: lots\n",
    )
    .unwrap();
    let out = briefings(
        &[
            "import",
            "--config",
            config.to_str().unwrap(),
            "--content",
            dir.path().join("c").to_str().unwrap(),
        ],
        &repo(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:7:", config.display())), "{err}");
    assert!(!Path::new(&dir.path().join("c")).exists());
}
