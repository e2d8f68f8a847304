//! Topic classification benchmark (not a test): 10,000 exchanges recombined from the
//! seed transcripts' questions and answers, classified on one thread and on all.
//!
//!     cargo bench --bench classify
//!     BENCH_EXCHANGES=50000 cargo bench --bench classify

use std::path::Path;
use std::time::Instant;

use briefings::config::SiteConfig;
use briefings::topics::Topics;
use briefings::transcript::{self, Speaker};
use rayon::prelude::*;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n: usize = std::env::var("BENCH_EXCHANGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = SiteConfig::load(&root.join("site.yaml")).expect("site.yaml loads");
    let topics = Topics::new(&site.topics, site.classifier).expect("topics compile");

    // Question and answer paragraphs of the seeds, by exchange.
    let mut inputs = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(root.join("transcripts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in &paths {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        inputs.push(transcript::parse(&name, std::fs::read(p).unwrap()).unwrap());
    }
    let archive = transcript::reconcile(inputs).unwrap();
    let mut questions: Vec<String> = Vec::new();
    let mut answers: Vec<Vec<String>> = Vec::new();
    for e in archive.briefings.iter().flat_map(|b| &b.exchanges) {
        questions.extend(e.question().iter().map(|p| p.text.clone()));
        answers.push(
            e.turns
                .iter()
                .filter(|t| matches!(t.speaker, Speaker::Official(_)))
                .flat_map(|t| t.paragraphs.iter().map(|p| p.text.clone()))
                .collect(),
        );
    }
    // Recombined: exchange i asks question i mod q and gets answer (7i) mod a.
    let exchanges: Vec<(&str, Vec<&str>)> = (0..n)
        .map(|i| {
            let q = questions[i % questions.len()].as_str();
            let a = answers[(i * 7) % answers.len()]
                .iter()
                .map(String::as_str)
                .collect();
            (q, a)
        })
        .collect();
    let bytes: usize = exchanges
        .iter()
        .map(|(q, a)| q.len() + a.iter().map(|p| p.len()).sum::<usize>())
        .sum();

    let mut single = Vec::new();
    let mut parallel = Vec::new();
    let mut tagged = 0;
    for _ in 0..5 {
        let t = Instant::now();
        tagged = exchanges
            .iter()
            .filter(|(q, a)| !topics.classify(&[q], a).primary.is_empty())
            .count();
        single.push(t.elapsed());
        let t = Instant::now();
        let count = exchanges
            .par_iter()
            .filter(|(q, a)| !topics.classify(&[q], a).primary.is_empty())
            .count();
        parallel.push(t.elapsed());
        assert_eq!(count, tagged);
    }
    single.sort();
    parallel.sort();
    let (s, p) = (single[2], parallel[2]);
    println!(
        "{n} exchanges, {:.1} MB of text, {} topics; {tagged} get a topic",
        bytes as f64 / 1e6,
        topics.list().len()
    );
    println!(
        "one thread : {:>7.1} ms  ({:.1} us per exchange, {:.0} MB/s)",
        s.as_secs_f64() * 1e3,
        s.as_secs_f64() * 1e6 / n as f64,
        bytes as f64 / 1e6 / s.as_secs_f64()
    );
    println!(
        "{} threads  : {:>7.1} ms  (medians of 5 runs)",
        rayon::current_num_threads(),
        p.as_secs_f64() * 1e3
    );
}
