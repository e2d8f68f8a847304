//! Import benchmark (not a test): a generated corpus of transcripts made by recombining
//! the seed paragraphs, imported in full; compared, in the same run, with the least work
//! possible on the same files: read each input and write the same bytes out.
//!
//!     cargo bench --bench import                  # 1,000 briefings
//!     BENCH_BRIEFINGS=3000 cargo bench --bench import
//!
//!     BENCH_KEEP=1 cargo bench --bench import     # keep the corpus, for profiling
//!
//! Corpus and output go to /dev/shm when it exists, so that the disk's erratic file
//! creation and deletion times do not drown the measurement (see DEPENDENCIES.md).

use std::fs;
use std::path::{Path, PathBuf};

use briefings::import;
use briefings::transcript::{self, Archive, Speaker};
use rayon::prelude::*;

mod common;
use common::{env_number, median, ms, scratch, time};

// The same allocator as the command line, so that the figures are what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RUNS: usize = 5;

fn main() {
    let briefings = env_number("BENCH_BRIEFINGS", 1000);
    let base = scratch();
    let corpus = base.path().join("transcripts");
    let pool = Pool::from_seeds();
    let (inputs, bytes) = generate(&corpus, &pool, briefings);
    println!(
        "corpus: {inputs} transcripts ({briefings} full, plus fragments and summaries), {:.1} MB, in {}",
        bytes as f64 / 1e6,
        base.path().display()
    );

    let site = briefings::config::SiteConfig::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("site.yaml"),
    )
    .expect("site.yaml loads");
    let topics =
        briefings::topics::Topics::new(&site.topics, site.classifier).expect("topics compile");
    let mut floor = Vec::new();
    let mut floor_output = Vec::new();
    let mut full = Vec::new();
    let mut again = Vec::new();
    let mut files = 0;
    for run in 0..RUNS {
        let out = base.path().join(format!("floor-{run}"));
        floor.push(time(|| copy_floor(&corpus, &out)));

        let content = base.path().join(format!("content-{run}"));
        let options = import::Options {
            inputs: vec![corpus.clone()],
            transcripts_dir: corpus.clone(),
            content_dir: content.clone(),
            strict: true,
            force: false,
            topics: &topics,
            formats: &Default::default(),
        };
        let mut imported = None;
        full.push(time(|| {
            imported = Some(import::run(&options).expect("import succeeds"))
        }));
        let imported = imported.expect("timed import ran");
        files = imported.report.files.len();
        let output = briefings::content::render(&imported.archive);
        let out_files = base.path().join(format!("floor-output-{run}"));
        floor_output.push(time(|| {
            read_inputs(&corpus);
            write_files(&out_files, &output);
        }));
        let _ = fs::remove_dir_all(&out_files);
        // A second import over the same content: every file compared, none written.
        again.push(time(|| {
            import::run(&options).expect("import succeeds");
        }));
        // Removal stays off the timed path.
        let _ = fs::remove_dir_all(&out);
        let _ = fs::remove_dir_all(&content);
    }
    let (floor, floor_output, full, again) = (
        median(floor),
        median(floor_output),
        median(full),
        median(again),
    );
    let mb = bytes as f64 / 1e6;
    println!("content files written per import: {files}");
    println!(
        "floor  (read inputs, write same bytes): {:>8.1} ms  {:>7.1} MB/s",
        ms(floor),
        mb / floor.as_secs_f64()
    );
    println!(
        "floor2 (read inputs, write its output): {:>8.1} ms  {:>7.1} MB/s  {:.2}x floor",
        ms(floor_output),
        mb / floor_output.as_secs_f64(),
        floor_output.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "import (fresh content folder)         : {:>8.1} ms  {:>7.1} MB/s  {:.2}x floor, {:.2}x floor2",
        ms(full),
        mb / full.as_secs_f64(),
        full.as_secs_f64() / floor.as_secs_f64(),
        full.as_secs_f64() / floor_output.as_secs_f64()
    );
    println!(
        "import (again, nothing to write)      : {:>8.1} ms  {:>7.1} MB/s  {:.2}x floor",
        ms(again),
        mb / again.as_secs_f64(),
        again.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "(medians of {RUNS} runs, {} threads)",
        rayon::current_num_threads()
    );
    if std::env::var_os("BENCH_KEEP").is_some() {
        println!("corpus kept in {}", corpus.display());
        let _ = base.keep();
    }
}

/// The least work: read every input and write its bytes to a file of its own.
fn copy_floor(corpus: &Path, out: &Path) {
    fs::create_dir_all(out).unwrap();
    let files: Vec<PathBuf> = fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.par_iter().for_each(|f| {
        let bytes = fs::read(f).unwrap();
        fs::write(out.join(f.file_name().unwrap()), bytes).unwrap();
    });
}

/// Reads every input, as the import must.
fn read_inputs(corpus: &Path) {
    let files: Vec<PathBuf> = fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let bytes: usize = files.par_iter().map(|f| fs::read(f).unwrap().len()).sum();
    assert!(bytes > 0);
}

/// The least work to produce the import's output: each file written, folders made.
fn write_files(out: &Path, files: &[briefings::content::ContentFile]) {
    let folders: std::collections::BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| f.path.parent().map(|p| out.join(p)))
        .collect();
    folders
        .par_iter()
        .for_each(|d| fs::create_dir_all(d).unwrap());
    files
        .par_iter()
        .for_each(|f| fs::write(out.join(&f.path), &f.text).unwrap());
}

/// Paragraphs of the seeds, by role, to recombine.
struct Pool {
    questions: Vec<String>,
    answers: Vec<String>,
    outlets: Vec<String>,
    officials: Vec<(String, String)>,
}

impl Pool {
    fn from_seeds() -> Pool {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("transcripts");
        let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        let parsed = entries
            .iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                transcript::parse(&name, fs::read(p).unwrap()).unwrap()
            })
            .collect();
        let archive: Archive = transcript::reconcile(parsed).unwrap();
        let mut pool = Pool {
            questions: Vec::new(),
            answers: Vec::new(),
            outlets: Vec::new(),
            officials: Vec::new(),
        };
        for b in &archive.briefings {
            pool.officials
                .extend(b.speakers.iter().map(|s| (s.name.clone(), s.role.clone())));
            for e in &b.exchanges {
                pool.outlets.extend(e.asked_by.clone());
                for t in &e.turns {
                    let texts = t.paragraphs.iter().map(|p| p.text.clone());
                    match t.speaker {
                        Speaker::Official(_) => pool.answers.extend(texts),
                        ref s if s.is_question() => pool.questions.extend(texts),
                        _ => {}
                    }
                }
            }
        }
        pool
    }
}

/// xorshift: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

use briefings::transcript::dates::MONTH_NAMES as MONTHS;

/// Writes `briefings` full transcripts, a fragment for every 10th (one exchange, with
/// web chrome, restoring a lost outlet label) and a summary for every 10th.
/// Returns (files, bytes).
fn generate(dir: &Path, pool: &Pool, briefings: usize) -> (usize, u64) {
    fs::create_dir_all(dir).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut files = 0;
    let mut bytes = 0;
    let mut write = |name: String, text: String| {
        bytes += text.len() as u64;
        files += 1;
        fs::write(dir.join(name), text).unwrap();
    };
    for n in 0..briefings {
        // Distinct days: one briefing every 9 days from 2001.
        let day_number = n * 9;
        let year = 2001 + day_number / 336;
        let month = (day_number / 28) % 12;
        let day = day_number % 28 + 1;
        let date = format!("{} {day}, {year}", MONTHS[month]);
        let officials: Vec<&(String, String)> = (0..3).map(|_| rng.pick(&pool.officials)).collect();
        let mut names: Vec<&str> = officials.iter().map(|o| o.0.as_str()).collect();
        names.dedup();
        let mut t = format!(
            "SCIO briefing on generated topic number {n}\nBeijing | 10 a.m. {date}\n\n\
             The State Council Information Office held a press conference on topic {n}.\n\n\n"
        );
        for o in &officials {
            t.push_str(&format!("{}, {}\n\n", o.0, o.1));
        }
        t.push_str("\nXie Yingjun, spokesperson of the SCIO\n\n");
        t.push_str(&format!(
            "{date}\n\nXie Yingjun:\n\nWelcome to topic {n}.\n\n"
        ));
        t.push_str(&format!("{}:\n\n{}\n\n", names[0], rng.pick(&pool.answers)));
        let exchanges = 8 + rng.below(5);
        let mut fragment = None;
        for e in 0..exchanges {
            let outlet = rng.pick(&pool.outlets);
            let question = format!(
                "{} (Briefing {n}, question {e}?)",
                rng.pick(&pool.questions)
            );
            let lost_label = e == 2;
            if lost_label {
                t.push_str(&format!("\n\n{question}\n\n"));
            } else {
                t.push_str(&format!("{outlet}:\n\n{question}\n\n"));
            }
            let mut answer_text = String::new();
            for a in 0..1 + rng.below(2) {
                answer_text.push_str(&format!("{}:\n\n", rng.pick(&names)));
                for k in 0..2 + rng.below(4) {
                    // Real briefings do not repeat each other's paragraphs word for word.
                    answer_text.push_str(&format!("{} ({n}.{e}.{k})\n\n", rng.pick(&pool.answers)));
                }
                if a == 0 && lost_label {
                    fragment = Some(format!("{outlet}:\n\n{question}\n\n{answer_text}"));
                }
            }
            t.push_str(&answer_text);
            t.push('\n');
        }
        t.push_str(
            "Xie Yingjun:\n\nThank you all.\n\nTranslated and edited by Wang Qian and Li Xiao.\n",
        );
        write(format!("{n:05}-full.txt"), t);

        if n % 10 == 0 {
            if let Some(body) = fragment.take() {
                write(
                    format!("{n:05}-page.txt"),
                    format!(
                        "Home - Press Room -\nSCIO press conference on topic {n}\n\n\
                         China.org.cn | {} 1, {}\n\nShare:\n\n{body}<  1  2 ... 10  >\n",
                        MONTHS[(month + 1) % 12],
                        year + usize::from(month == 11)
                    ),
                );
            }
            let mut s = format!(
                "\nSASAC: Summary of topic {n}\n\n\nOn {} {day}, the State Council Information Office held a press conference.\n\n",
                MONTHS[month]
            );
            for p in 0..4 {
                s.push_str(&format!(
                    "SASAC: Point {p} of topic {n}\n\n{}, an official, said that {}\n\n",
                    names[p % names.len()],
                    rng.pick(&pool.answers)
                ));
            }
            write(format!("{n:05}-summary.txt"), s);
        }
    }
    (files, bytes)
}
