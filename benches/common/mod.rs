//! Helpers shared by the benchmarks.
#![allow(dead_code)]

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// A number from the environment variable `name`, else `default`.
pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A temporary folder for a corpus and its output: in /dev/shm when there is one (the
/// disk's create and delete times are erratic; see DEPENDENCIES.md).
pub fn scratch() -> tempfile::TempDir {
    if Path::new("/dev/shm").is_dir() {
        tempfile::tempdir_in("/dev/shm").unwrap()
    } else {
        tempfile::tempdir().unwrap()
    }
}

pub fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
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

/// A project with `briefings` briefings made of the shipped content's exchanges.
/// Returns (content files, exchanges, bytes).
pub fn generate(repo: &Path, project: &Path, briefings: usize) -> (usize, usize, u64) {
    for part in ["templates", "static"] {
        copy_tree(&repo.join(part), &project.join(part));
    }
    fs::copy(repo.join("site.yaml"), project.join("site.yaml")).unwrap();
    fs::create_dir_all(project.join("transcripts")).unwrap();
    let mut seeds: Vec<(String, String)> = Vec::new(); // (front matter, body) of exchanges
    let mut index: Option<(String, String)> = None;
    for entry in walkdir::WalkDir::new(repo.join("content")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let rest = text.strip_prefix("---\n").unwrap();
        let end = rest.find("\n---\n").unwrap();
        let (matter, body) = (rest[..end + 1].to_owned(), rest[end + 5..].to_owned());
        if matter.contains("kind: exchange") {
            seeds.push((matter, body));
        } else if matter.contains("kind: briefing") && index.is_none() {
            index = Some((matter, body));
        }
    }
    let (index_matter, index_body) = index.unwrap();
    let mut files = 0;
    let mut exchanges = 0;
    let mut bytes = 0u64;
    for n in 0..briefings {
        let (year, month, day) = generated_date(n);
        let folder = project.join("content/briefings").join(generated_folder(n));
        fs::create_dir_all(&folder).unwrap();
        let matter = index_matter
            .lines()
            .map(|l| {
                if l.starts_with("title:") {
                    format!("title: Generated briefing number {n} on state-owned enterprises")
                } else if l.starts_with("date:") {
                    format!("date: {year}-{month:02}-{day:02}")
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let text = format!("---\n{matter}\n---\n{index_body}");
        bytes += text.len() as u64;
        fs::write(folder.join("_index.md"), text).unwrap();
        files += 1;
        let count = 12 + n % 2;
        for e in 0..count {
            let (matter, body) = &seeds[(n * 7 + e * 3) % seeds.len()];
            let matter = matter
                .lines()
                .filter(|l| !l.starts_with("import_hash"))
                .map(|l| {
                    if l.starts_with("order:") {
                        format!("order: {}", e + 1)
                    } else if let Some(file) = l.strip_prefix("- file: ") {
                        // Each generated briefing has transcripts of its own: the
                        // build refuses two files made from the same lines.
                        format!("- file: generated-{n}-{file}")
                    } else {
                        l.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            let text = format!("---\n{matter}\n---\n{body}");
            bytes += text.len() as u64;
            fs::write(folder.join(format!("{:02}-exchange.md", e + 1)), text).unwrap();
            files += 1;
            exchanges += 1;
        }
    }
    (files, exchanges, bytes)
}

/// The day of the generated briefing `n`: three a month from 2000.
fn generated_date(n: usize) -> (usize, usize, usize) {
    (2000 + n / 36, n / 3 % 12 + 1, n % 3 * 9 + 1)
}

/// The folder of the generated briefing `n` under content/briefings/.
pub fn generated_folder(n: usize) -> String {
    let (year, month, day) = generated_date(n);
    format!("{year}-{month:02}-{day:02}-generated-briefing-{n}")
}
