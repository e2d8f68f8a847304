//! Helpers shared by the integration tests: run the binary, read content files back.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use briefings::content::front_matter;
use serde_yaml::Value;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn briefings(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefings"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Imports `transcripts` into `content`, with `extra` arguments.
pub fn import(transcripts: &Path, content: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        "--transcripts",
        transcripts.to_str().unwrap(),
        "--content",
        content.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    briefings(&args, &repo())
}

/// Imports `transcripts` into `content` and asserts success.
pub fn import_ok(transcripts: &Path, content: &Path, extra: &[&str]) -> Output {
    let out = import(transcripts, content, extra);
    assert!(
        out.status.success(),
        "import failed: {}\n{}",
        stderr(&out),
        stdout(&out)
    );
    out
}

/// A content file read back: its front matter as YAML and its body.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: PathBuf,
    pub text: String,
    pub matter: Value,
    pub body: String,
}

impl Page {
    pub fn get(&self, key: &str) -> &Value {
        &self.matter[key]
    }

    pub fn str(&self, key: &str) -> Option<&str> {
        self.matter[key].as_str()
    }

    /// The speaker of every turn, in order: paragraphs that open with `**Name:**`.
    pub fn turn_speakers(&self) -> Vec<String> {
        self.body
            .split("\n\n")
            .filter_map(|p| {
                p.trim_start()
                    .strip_prefix("**")?
                    .split_once(":**")
                    .map(|(n, _)| n.to_owned())
            })
            .collect()
    }

    /// `sources` entries as (file, first line, last line).
    pub fn sources(&self) -> Vec<(String, usize, usize)> {
        self.matter["sources"]
            .as_sequence()
            .unwrap_or(&Vec::new())
            .iter()
            .map(|s| {
                let (a, b) = s["lines"].as_str().unwrap().split_once('-').unwrap();
                (
                    s["file"].as_str().unwrap().to_owned(),
                    a.parse().unwrap(),
                    b.parse().unwrap(),
                )
            })
            .collect()
    }
}

/// Every content file under `root`, by briefing folder name.
pub fn read_content(root: &Path) -> BTreeMap<String, Vec<Page>> {
    let mut out: BTreeMap<String, Vec<Page>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root.join("briefings")).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let split = front_matter::split(&text)
            .unwrap_or_else(|| panic!("{} has no front matter", entry.path().display()));
        let matter: Value = serde_yaml::from_str(split.yaml).unwrap();
        let folder = entry
            .path()
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        out.entry(folder).or_default().push(Page {
            path: entry.path().to_owned(),
            body: split.body.to_owned(),
            text: text.clone(),
            matter,
        });
    }
    out
}

/// Every file under `root` with its bytes.
pub fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}
