//! `serve` benchmark (not a test). Generates a site of BENCH_BRIEFINGS briefings (800
//! by default: 10,000+ exchanges, as benches/build.rs), starts `briefings serve` on
//! it, waits for the first build and search index, then measures in one run:
//! - an exchange edit: from the file saved to the page fetched with the edit in it,
//!   after the reload channel named the page (what the browser's script does),
//!   BENCH_EDITS times (1,000 by default), each on another briefing's exchange, an
//!   edit every ~0.2 s: median, 95th percentile, and the rebuild alone (as serve
//!   prints it);
//! - a template edit (exchange.html): the same, beside a clean pages-only build
//!   (`build --no-search`) of the same site, 5 runs each;
//! - memory: the server's resident set once the site and index are ready, after the
//!   first 10 edits and after the last (flat means no growth per edit).
//!
//! ```sh
//! cargo bench --bench serve
//! BENCH_BRIEFINGS=200 BENCH_EDITS=100 cargo bench --bench serve
//! BENCH_EDITS=0 BENCH_KEEP=1 cargo bench --bench serve   # keep the project
//! BENCH_TRACE=1 cargo bench --bench serve                 # when each reload came
//! ```

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;
use common::{env_number, generate, generated_folder, median, ms, scratch, time};

fn main() {
    let briefings = env_number("BENCH_BRIEFINGS", 800);
    let edits = env_number("BENCH_EDITS", 1000);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let base = scratch();
    let project = base.path().join("project");
    let (_, exchanges, bytes) = generate(repo, &project, briefings);
    println!(
        "corpus: {briefings} briefings, {exchanges} exchanges, {:.1} MB",
        bytes as f64 / 1e6
    );
    let binary = env!("CARGO_BIN_EXE_briefings");

    // A clean pages-only build, for the template edit to be compared with.
    let clean = median(
        (0..5)
            .map(|run| {
                let out = base.path().join(format!("clean-{run}"));
                let took = time(|| {
                    let status = Command::new(binary)
                        .args(["build", "--no-search", "--root"])
                        .arg(&project)
                        .arg("--output")
                        .arg(&out)
                        .stdout(Stdio::null())
                        .status()
                        .unwrap();
                    assert!(status.success());
                });
                fs::remove_dir_all(&out).unwrap();
                took
            })
            .collect(),
    );

    let started = Instant::now();
    let mut server = Server::start(binary, &project);
    println!(
        "serve: first build served after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    server.wait_for_the_index();
    println!(
        "serve: search index ready after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let rss_ready = server.rss_kib();

    let mut originals: HashMap<String, String> = HashMap::new();
    let mut latencies = Vec::with_capacity(edits);
    let mut rss_after_10 = 0;
    for i in 0..edits {
        let n = (i * 37) % briefings;
        let stem = format!("{:02}-exchange", 1 + i % 12);
        let folder = generated_folder(n);
        let file = project
            .join("content/briefings")
            .join(&folder)
            .join(format!("{stem}.md"));
        let original = originals
            .entry(file.display().to_string())
            .or_insert_with(|| fs::read_to_string(&file).unwrap())
            .clone();
        let page = format!("/briefings/{folder}/{stem}/");
        let mark = format!("Edited live, edit {i}.");
        let took = server.edit_and_reload(&page, &mark, || {
            fs::write(&file, format!("{original}\n{mark}\n")).unwrap()
        });
        latencies.push(took);
        if i + 1 == 10 {
            rss_after_10 = server.rss_kib();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let rss_end = server.rss_kib();
    if std::env::var_os("BENCH_KEEP").is_some() {
        println!("project kept in {}", project.display());
        let _ = base.keep();
    }

    // A template edit: every page made again.
    let template = project.join("templates/exchange.html");
    let text = fs::read_to_string(&template).unwrap();
    let page = format!("/briefings/{}/01-exchange/", generated_folder(0));
    let template_edits: Vec<Duration> = (0..5)
        .map(|run| {
            let mark = format!("template edit {run}");
            server.edit_and_reload(&page, &mark, || {
                fs::write(
                    &template,
                    text.replacen("</article>", &format!("<p>{mark}</p></article>"), 1),
                )
                .unwrap()
            })
        })
        .collect();

    let (rebuilds, whole) = server.rebuild_millis();
    let mut sorted = latencies.clone();
    sorted.sort();
    let p95 = sorted[(sorted.len() * 95 / 100).min(sorted.len() - 1)];
    println!(
        "exchange edit -> page reloaded ({edits} edits):       median {:>6.1} ms, 95th percentile {:>6.1} ms, max {:>6.1} ms",
        ms(median(latencies)),
        ms(p95),
        ms(*sorted.last().unwrap())
    );
    if !rebuilds.is_empty() {
        let mut r = rebuilds;
        r.sort();
        println!(
            "  of which the rebuild (serve's own figure):        median {:>6} ms, 95th percentile {:>6} ms",
            r[r.len() / 2],
            r[(r.len() * 95 / 100).min(r.len() - 1)]
        );
    }
    println!("  whole builds in serve (the first, then the template edits): {whole:?} ms");
    println!(
        "template edit -> page reloaded (5 edits):          median {:>6.1} ms; clean pages-only build {:>6.1} ms ({:.2}x)",
        ms(median(template_edits.clone())),
        ms(clean),
        median(template_edits).as_secs_f64() / clean.as_secs_f64()
    );
    println!(
        "server memory (resident): ready {:.1} MiB, after 10 edits {:.1} MiB, after {edits} {:.1} MiB",
        rss_ready as f64 / 1024.0,
        rss_after_10 as f64 / 1024.0,
        rss_end as f64 / 1024.0
    );
}

/// `briefings serve` on a free port, its output read on a thread.
struct Server {
    child: Child,
    port: u16,
    lines: mpsc::Receiver<String>,
    generation: u64,
}

impl Server {
    fn start(binary: &str, project: &Path) -> Server {
        let mut child = Command::new(binary)
            .args(["serve", "--port", "0", "--root"])
            .arg(project)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let port = loop {
            let line = lines
                .recv_timeout(Duration::from_secs(600))
                .expect("serve starts");
            if let Some(address) = line.strip_prefix("serve: http://127.0.0.1:") {
                break address.split('/').next().unwrap().parse().unwrap();
            }
        };
        Server {
            child,
            port,
            lines,
            generation: 1,
        }
    }

    fn wait_for_the_index(&self) {
        let started = Instant::now();
        loop {
            let (status, body) = get(self.port, "/");
            if status == 200 && !body.contains("briefings-search-pending") {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(1800), "no index");
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    /// Saves with `save`, waits for the reload channel to name `page` (or every page),
    /// fetches it and checks `mark` is in it: the time from the save to that.
    fn edit_and_reload(&mut self, page: &str, mark: &str, save: impl FnOnce()) -> Duration {
        let started = Instant::now();
        save();
        loop {
            let answer = get(
                self.port,
                &format!("/__livereload?since={}", self.generation),
            )
            .1;
            let mut lines = answer.lines();
            let number: u64 = lines.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            if number <= self.generation {
                continue;
            }
            self.generation = number;
            let changed: Vec<&str> = lines.collect();
            if std::env::var_os("BENCH_TRACE").is_some() {
                eprintln!(
                    "answer after {:?}: {} pages",
                    started.elapsed(),
                    changed.len()
                );
            }
            if changed.contains(&"*") || changed.contains(&page) {
                let (status, body) = get(self.port, page);
                if status == 200 && body.contains(mark) {
                    return started.elapsed();
                }
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{page} never showed {mark:?}"
            );
        }
    }

    /// The times serve printed so far: of partial rebuilds ("rebuilt N pages in M
    /// ms") and of whole builds ("built N pages in M ms").
    fn rebuild_millis(&self) -> (Vec<u64>, Vec<u64>) {
        let (mut partial, mut whole) = (Vec::new(), Vec::new());
        for line in self.lines.try_iter() {
            let millis = |l: &str| -> Option<u64> {
                l.split(" in ").nth(1)?.strip_suffix(" ms")?.parse().ok()
            };
            if let Some(m) = line.strip_prefix("serve: rebuilt ").and_then(millis) {
                partial.push(m);
            } else if let Some(m) = line.strip_prefix("serve: built ").and_then(millis) {
                whole.push(m);
            }
        }
        (partial, whole)
    }

    fn rss_kib(&self) -> u64 {
        fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmRSS:"))
                    .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
            })
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get(port: u16, path: &str) -> (u16, String) {
    let attempt = || -> Option<(u16, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .ok()?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).ok()?;
        let text = String::from_utf8_lossy(&response).into_owned();
        let status = text.split_whitespace().nth(1)?.parse().ok()?;
        let body = text
            .split_once("\r\n\r\n")
            .map_or(String::new(), |(_, b)| b.to_owned());
        Some((status, body))
    };
    attempt().unwrap_or((0, String::new()))
}
