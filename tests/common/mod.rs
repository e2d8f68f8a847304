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
        let folder = folder_of(entry.path());
        out.entry(folder).or_default().push(Page {
            path: entry.path().to_owned(),
            body: split.body.to_owned(),
            text: text.clone(),
            matter,
        });
    }
    out
}

/// Every content file under `root`, all briefings together.
pub fn all_pages(root: &Path) -> Vec<Page> {
    read_content(root).into_values().flatten().collect()
}

/// The first page of a kind (`briefing`, `exchange`, `summary`, `closing`).
pub fn page_of_kind<'a>(pages: &'a [Page], kind: &str) -> &'a Page {
    pages
        .iter()
        .find(|p| p.str("kind") == Some(kind))
        .unwrap_or_else(|| panic!("no {kind} page"))
}

/// The name of the folder a file is in: a briefing's slug.
pub fn folder_of(path: &Path) -> String {
    path.parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Every file under `root` with its bytes.
pub fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        // Import's lock file: it names the last import's process, nothing more.
        .filter(|e| e.file_name() != briefings::content::write::LOCK_FILE)
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().to_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A copy of the project's inputs (content, templates, static, site.yaml,
/// transcripts) in a temporary folder, to change and build.
pub fn project_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "templates", "static", "transcripts"] {
        copy_tree(&repo().join(part), &dir.path().join(part));
    }
    std::fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    dir
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The values of every `attr="..."` in an HTML text.
pub fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// The transcript in `root/transcripts/` whose text starts with `first_line`.
pub fn transcript_starting(root: &Path, first_line: &str) -> PathBuf {
    std::fs::read_dir(root.join("transcripts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).unwrap().starts_with(first_line))
        .unwrap_or_else(|| panic!("no transcript starts with {first_line:?}"))
}

/// Copies of a shipped briefing under earlier dates, one a year from 2000: an archive
/// of `years` briefings more, to split lists by year. Each copy names transcripts of
/// its own (the build refuses two files from the same lines).
pub fn archive_copies(root: &Path, years: usize) {
    let source = root
        .join("content/briefings")
        .join("2024-07-26-promoting-high-quality-development");
    for n in 0..years {
        let year = 2000 + n;
        let folder = root
            .join("content/briefings")
            .join(format!("{year}-07-26-copy-{n}"));
        std::fs::create_dir_all(&folder).unwrap();
        for entry in std::fs::read_dir(&source).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path)
                .unwrap()
                .replace("date: 2024-07-26", &format!("date: {year}-07-26"))
                .replace("- file: ", &format!("- file: copy-{n}-"));
            std::fs::write(folder.join(path.file_name().unwrap()), text).unwrap();
        }
    }
}

/// Every record of a built site's data export (`data/<year>.jsonl.gz`), newest year
/// first, read as a reader would: each file gunzipped as one stream, a record a line.
#[allow(dead_code)]
pub fn export_records(site: &Path) -> Vec<serde_json::Value> {
    use std::io::Read;
    let mut files: Vec<PathBuf> = std::fs::read_dir(site.join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    files.sort();
    files.reverse();
    let mut records = Vec::new();
    for file in files {
        let mut text = String::new();
        flate2::read::MultiGzDecoder::new(std::fs::File::open(&file).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        for line in text.lines() {
            records.push(serde_json::from_str(line).unwrap());
        }
    }
    records
}
