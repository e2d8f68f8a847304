//! The merge set: inputs imported together that must become one briefing, and inputs
//! that must stay apart. A wrong merge corrupts the archive silently, so every "apart"
//! case is a near miss: the same day, the same title, the same courtesies.

use std::fs;
use std::path::PathBuf;

use briefings::transcript::{self, Archive};

fn import(files: &[(&str, Vec<u8>)]) -> Archive {
    let parsed = files
        .iter()
        .map(|(name, bytes)| transcript::parse(name, bytes.clone()).unwrap())
        .collect();
    transcript::reconcile(parsed).unwrap()
}

fn fixture(name: &str) -> (&str, Vec<u8>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    (name, fs::read(path).unwrap())
}

/// Which inputs (by file name) each briefing was made from.
fn groups(archive: &Archive) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = archive
        .briefings
        .iter()
        .map(|b| {
            let mut files: Vec<String> = b
                .sources
                .iter()
                .map(|&s| archive.sources[s].file.clone())
                .collect();
            files.sort();
            files
        })
        .collect();
    groups.sort();
    groups
}

/// A page of a multi-page article: a title, the site's date, and turns.
fn page(title: &str, updated: &str, turns: &[(&str, &str)]) -> Vec<u8> {
    let mut text = format!("Home / Press room\n\n{title}\n\nUpdated: {updated}\n\n");
    for (who, said) in turns {
        text.push_str(&format!("{who}: {said}\n\n"));
    }
    text.into_bytes()
}

const THANKS: (&str, &str) = (
    "Xu Lin",
    "Thank you. The press conference is now concluded, and we thank all of you for coming today.",
);

#[test]
fn consecutive_pages_of_one_article_are_one_briefing() {
    let archive = import(&[
        fixture("chinadaily-2016-03-16-p10.txt"),
        fixture("chinadaily-2016-03-16-p11.txt"),
    ]);
    assert_eq!(
        groups(&archive),
        [[
            "chinadaily-2016-03-16-p10.txt",
            "chinadaily-2016-03-16-p11.txt"
        ]]
    );
    let b = &archive.briefings[0];
    let askers: Vec<_> = b.exchanges.iter().map(|e| e.asked_by.as_deref()).collect();
    assert_eq!(
        askers,
        [Some("Phoenix TV"), Some("Caijing")],
        "page 10, then page 11"
    );
}

#[test]
fn pages_given_out_of_order_are_put_in_page_order() {
    let p = |n: u32, who: &str| {
        page(
            "SCIO press conference on the economy",
            "2024-03-06 10:00",
            &[
                (
                    who,
                    &format!(
                        "My question is number {n}: what will the growth target be this year?"
                    ),
                ),
                (
                    "Li Bing",
                    &format!(
                        "On your question number {n}: around five percent, with steady policies."
                    ),
                ),
            ],
        )
        .into_iter()
        .chain(format!("Page {n} of 3\n").into_bytes())
        .collect::<Vec<u8>>()
    };
    let archive = import(&[
        ("c.txt", p(3, "CCTV")),
        ("a.txt", p(1, "Xinhua")),
        ("b.txt", p(2, "Yicai")),
    ]);
    assert_eq!(groups(&archive).len(), 1);
    let askers: Vec<_> = archive.briefings[0]
        .exchanges
        .iter()
        .map(|e| e.asked_by.clone().unwrap())
        .collect();
    assert_eq!(askers, ["Xinhua", "Yicai", "CCTV"]);
}

#[test]
fn a_page_of_a_transcript_joins_the_full_transcript_it_copies() {
    let answer = "Around five percent, with steady policies and stronger demand at home, and reform of state firms.";
    let follow =
        "We will also open wider, cut red tape for private firms and support the digital economy.";
    let full = format!(
        "SCIO press conference on the economy\nBeijing | 10 a.m. March 5, 2024\n\n\
         Li Bing, vice chairman of the NDRC\n\nXu Lin, spokesperson of the SCIO\n\n\
         Xu Lin:\n\nGood morning.\n\nXinhua:\n\nWhat is the growth target?\n\n\
         Li Bing:\n\n{answer}\n\n{follow}\n"
    );
    let fragment = page(
        "SCIO press conference on the economy",
        "2024-03-07 09:00",
        &[
            ("Xinhua", "What is the growth target?"),
            ("Li Bing", answer),
            ("Li Bing", follow),
        ],
    );
    let archive = import(&[("full.txt", full.into_bytes()), ("page.txt", fragment)]);
    assert_eq!(groups(&archive), [["full.txt", "page.txt"]]);
}

#[test]
fn the_same_day_with_another_event_stays_apart() {
    // Two SCIO briefings on one day, pages of each with the same closing words.
    let economy = page(
        "SCIO press conference on the economy",
        "2024-03-05 18:00",
        &[
            (
                "Xinhua",
                "What is the growth target for the year, and how will it be met?",
            ),
            (
                "Li Bing",
                "Around five percent, with steady policies and demand.",
            ),
            THANKS,
        ],
    );
    let forests = page(
        "SCIO press conference on forest protection",
        "2024-03-05 18:00",
        &[
            (
                "CGTN",
                "How many hectares of forest were planted across the country last year?",
            ),
            (
                "Wang Fang",
                "About four million hectares, most of them in the north.",
            ),
            THANKS,
        ],
    );
    let archive = import(&[("economy.txt", economy), ("forests.txt", forests)]);
    assert_eq!(groups(&archive).len(), 2, "{:?}", groups(&archive));
}

#[test]
fn the_same_title_in_another_year_stays_apart() {
    let turns = [
        (
            "AFP",
            "Does the ministry have any comment on the talks held in Geneva this week?",
        ),
        (
            "Mao Ning",
            "We have noted the reports and will release information in due course.",
        ),
        THANKS,
    ];
    let archive = import(&[
        (
            "2023.txt",
            page("Regular Press Conference", "2023-05-08 19:00", &turns[..2]),
        ),
        (
            "2024.txt",
            page("Regular Press Conference", "2024-05-08 19:00", &turns[..2]),
        ),
    ]);
    assert_eq!(groups(&archive).len(), 2);
}

#[test]
fn unrelated_calls_on_other_days_are_not_merged_into_a_transcript() {
    // A full transcript, and two calls of other days that share only courtesies
    // with it ("Thank you.", "Next question, please.").
    let full = "Press call on trade\nMarch 5, 2024\n\nMODERATOR: Thank you.\n\n\
        Q: What about tariffs on steel and aluminium from the region this year?\n\n\
        MS. LEE: We oppose them, and we have said so many times to our partners.\n\n\
        MODERATOR: Next question, please.\n\nQ: And exports?\n\nMS. LEE: They grew.\n";
    let call = |day: &str, topic: &str| {
        format!(
            "Background press call on {topic}\n\nMODERATOR: Thank you.\n\n\
             Q: What is the plan for {topic} over the next five years in the region?\n\n\
             MR. PARK: We will set it out on {day}, after the consultations end.\n\n\
             MODERATOR: Next question, please.\n"
        )
        .into_bytes()
    };
    let archive = import(&[
        ("full.txt", full.as_bytes().to_vec()),
        ("call-2024-04-02.txt", call("April 2", "energy")),
        ("call-2024-06-11.txt", call("June 11", "health")),
    ]);
    assert_eq!(groups(&archive).len(), 3, "{:?}", groups(&archive));
}

#[test]
fn a_summary_joins_the_transcript_it_summarises_and_not_another_years() {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("transcripts");
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    let inputs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let archive = import(&inputs);
    let expected: serde_yaml::Value = serde_yaml::from_str(
        &fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/EXPECTED.yaml"),
        )
        .unwrap(),
    )
    .unwrap();
    let conferences = expected["conferences"].as_sequence().unwrap().len();
    assert_eq!(
        archive.briefings.len(),
        conferences,
        "the seeds' briefings: {:?}",
        groups(&archive)
    );
    let with_summary = archive
        .briefings
        .iter()
        .filter(|b| b.summary.is_some())
        .count();
    assert!(with_summary >= 1, "the seeds' summary is attached");
}
