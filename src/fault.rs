//! Planted failure points, for the tests that prove nothing is lost when a command
//! dies half-way. `BRIEFINGS_TEST_FAULT=ACTION:POINT` makes the named point fail:
//!
//! - `panic:POINT` panics there (as a bug in a dependency would);
//! - `abort:POINT` ends the process at once, with no cleanup (as a kill would);
//! - `hold:POINT:FILE` writes FILE, then waits until it is deleted (at most a minute),
//!   so that a test can run a second command while the first is at POINT.
//!
//! Unset (always, outside tests), a point costs one look at a cached value.

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const VARIABLE: &str = "BRIEFINGS_TEST_FAULT";

pub fn point(name: &str) {
    static FAULT: OnceLock<Option<String>> = OnceLock::new();
    let Some(fault) = FAULT.get_or_init(|| std::env::var(VARIABLE).ok()) else {
        return;
    };
    let mut parts = fault.splitn(3, ':');
    let (action, at, arg) = (parts.next(), parts.next(), parts.next());
    if at != Some(name) {
        return;
    }
    match (action, arg) {
        (Some("panic"), _) => panic!("planted failure at {name} ({VARIABLE})"),
        (Some("abort"), _) => std::process::abort(),
        (Some("hold"), Some(file)) => hold(Path::new(file)),
        _ => {}
    }
}

fn hold(file: &Path) {
    let _ = std::fs::write(file, std::process::id().to_string());
    let started = Instant::now();
    while file.exists() && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(10));
    }
}
