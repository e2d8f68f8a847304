//! `serve` against the real server: pages, refusals of paths that leave the site, and
//! an edit, a broken file and its fix showing up without a restart.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The server, stopped however the test ends.
struct Server(Child);

impl Server {
    /// `serve` on `root`, on a free port, with `extra` arguments.
    fn start(root: &std::path::Path, extra: &[&str]) -> (Server, u16) {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_briefings"))
            .args([
                "serve",
                "--root",
                root.to_str().unwrap(),
                "--port",
                &port.to_string(),
            ])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        (Server(child), port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A request as a browser (or an attacker) sends it: (status, body).
fn request(port: u16, method: &str, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
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
}

fn get(port: u16, path: &str) -> (u16, String) {
    request(port, "GET", path).unwrap_or((0, String::new()))
}

/// Waits (at most a minute) until `test` holds for the page at `path`.
fn eventually(port: u16, path: &str, what: &str, test: impl Fn(u16, &str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let (status, body) = get(port, path);
        if test(status, &body) {
            return body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{what}: {path} gave {status}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_shows_edits_and_errors_and_refuses_paths_out_of_the_site() {
    let project = project_copy();
    let root = project.path();
    let (_server, port) = Server::start(root, &[]);
    let slug = "2024-07-26-promoting-high-quality-development";
    let page = format!("/{slug}/02-national-business-daily/");
    let page = format!("/briefings{page}");
    let home = eventually(port, "/", "the site is served", |s, _| s == 200);
    assert!(
        home.contains("/__livereload"),
        "the reload script is injected"
    );
    assert!(
        home.contains(&format!("http://127.0.0.1:{port}/")),
        "built for its address"
    );

    // The search index comes in the background; pages say so until it is there.
    eventually(
        port,
        "/search-index/meta.json",
        "the search index",
        |s, _| s == 200,
    );
    let home = eventually(port, "/", "the index is ready", |s, b| {
        s == 200 && !b.contains("briefings-search-pending")
    });
    assert!(home.contains("/__livereload"));

    // Nothing outside the site, whatever the spelling; only GET and HEAD.
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/briefings%2f..%2f..%2fsite.yaml",
        "/..%5csite.yaml",
    ] {
        let (status, body) = get(port, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("base_url"), "{path} leaked site.yaml");
    }
    assert_eq!(request(port, "POST", "/").map(|r| r.0), Some(405));
    assert_eq!(request(port, "DELETE", &page).map(|r| r.0), Some(405));

    // An edit shows up; the reload channel says a new build is there.
    let file = root.join(format!(
        "content/briefings/{slug}/02-national-business-daily.md"
    ));
    let text = fs::read_to_string(&file).unwrap();
    // The title line replaced whole: a quoted title stays valid YAML.
    let title_line = text.lines().find(|l| l.starts_with("title: ")).unwrap();
    let edited = text.replacen(title_line, "title: Edited live exchange", 1);
    fs::write(&file, &edited).unwrap();
    eventually(port, &page, "the edit", |s, b| {
        s == 200 && b.contains("Edited live ")
    });
    // The channel answers when a build newer than the page's is done, naming the
    // pages it made again: this one, not a page the edit leaves alone.
    let (_, answer) = get(port, "/__livereload?since=1");
    let mut lines = answer.lines();
    assert!(
        lines.next().unwrap().parse::<u64>().unwrap() >= 2,
        "{answer}"
    );
    let changed: Vec<&str> = lines.collect();
    assert!(changed.contains(&page.as_str()), "{answer}");
    assert!(!changed.contains(&"/search/"), "{answer}");

    // A broken file: the error over the last good page, and in it the file's line.
    fs::write(&file, edited.replacen("kind: exchange", "kind: [broken", 1)).unwrap();
    let broken = eventually(port, &page, "the error overlay", |_, b| {
        b.contains("briefings-build-error")
    });
    assert!(
        broken.contains("02-national-business-daily.md:"),
        "the overlay names the file"
    );
    assert!(broken.contains("Edited live "), "the last good page stays");
    // Fixed: the overlay goes.
    fs::write(&file, &text).unwrap();
    eventually(port, &page, "the fix", |s, b| {
        s == 200 && !b.contains("briefings-build-error")
    });
}

/// With `--import`, a corrected transcript is imported again and reaches the site.
#[test]
fn serve_with_import_shows_a_corrected_transcript() {
    let project = project_copy();
    let root = project.path();
    let (_server, port) = Server::start(root, &["--import"]);
    let briefing =
        "/briefings/2024-01-24-better-pursuing-high-quality-development-of-central-soes/";
    let before = eventually(port, briefing, "the site is served", |s, _| s == 200);
    assert!(!before.contains("Corrected in the transcript"));
    let transcript = transcript_starting(root, "SCIO briefing on better pursuing");
    let text = fs::read_to_string(&transcript).unwrap();
    assert!(text.contains("\nThank you"), "a paragraph to correct");
    fs::write(
        &transcript,
        text.replacen("\nThank you", "\nCorrected in the transcript. Thank you", 1),
    )
    .unwrap();
    eventually(port, briefing, "the re-import", |s, b| {
        s == 200 && b.contains("Corrected in the transcript")
    });
}
