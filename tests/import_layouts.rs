//! The turn, roster and date layouts of the wider world, one small transcript each
//! (written for these tests): what the importer must read, and what it must never
//! take for a speaker.

use briefings::transcript::{self, Briefing, Speaker};

fn read(text: &str) -> (Briefing, Vec<String>) {
    let parsed = transcript::parse("page-2024-05-06.txt", text.as_bytes())
        .unwrap_or_else(|e| panic!("refused: {e}\n{text}"));
    let mut archive = transcript::reconcile(vec![parsed]).expect("one briefing");
    let warnings = archive.warnings.iter().map(|(_, w)| w.clone()).collect();
    (archive.briefings.remove(0), warnings)
}

/// (asked_by, answered_by) of each exchange.
fn shape(b: &Briefing) -> Vec<(Option<&str>, Vec<&str>)> {
    b.exchanges
        .iter()
        .map(|e| {
            (
                e.asked_by.as_deref(),
                e.answered_by.iter().map(String::as_str).collect(),
            )
        })
        .collect()
}

fn speakers(b: &Briefing) -> Vec<String> {
    let mut names: Vec<String> = b.speakers.iter().map(|p| p.name.clone()).collect();
    for t in b
        .opening
        .iter()
        .chain(b.exchanges.iter().flat_map(|e| &e.turns))
    {
        if let Speaker::Official(n) | Speaker::Moderator(n) = &t.speaker {
            if !names.contains(n) {
                names.push(n.clone());
            }
        }
    }
    names
}

#[test]
fn labels_that_open_the_paragraph() {
    let (b, _) = read(
        "Regular Press Conference of the Ministry of Trade (May 6, 2024)\n\n\
         Zhang Wei: Good afternoon. Let us begin.\n\n\
         Xinhua News Agency: What will the ministry do about exports?\n\n\
         Zhang Wei: We will keep them steady.\n\nA second paragraph of the answer.\n\n\
         Reuters: And imports?\n\nZhang Wei: They grow.\n",
    );
    assert_eq!(b.date.to_string(), "2024-05-06");
    assert_eq!(
        shape(&b),
        [
            (Some("Xinhua News Agency"), vec!["Zhang Wei"]),
            (Some("Reuters"), vec!["Zhang Wei"])
        ]
    );
    assert_eq!(
        b.exchanges[0].turns[1].paragraphs.len(),
        2,
        "unlabelled paragraphs continue"
    );
}

#[test]
fn q_and_a_labels_answered_by_the_spokesperson_the_title_names() {
    for (q, a) in [
        ("Q:", "A:"),
        ("Question:", "Answer:"),
        ("Question 1:", "Answer 1:"),
    ] {
        let (b, _) = read(&format!(
            "Foreign Ministry Spokesperson Li Na's Regular Press Conference on May 6, 2024\n\n\
             {q} What about the summit?\n\n{a} It will go ahead.\n\n{q} And the talks?\n\n{a} Later.\n"
        ));
        assert_eq!(
            shape(&b),
            [(None, vec!["Li Na"]), (None, vec!["Li Na"])],
            "{q} {a}"
        );
    }
}

#[test]
fn labels_with_roles_in_bold_in_capitals_and_repeated() {
    let (b, _) = read(
        "Press briefing on trade, May 6, 2024\n\n\
         Wang Fang, spokesperson of the Ministry of Commerce: Welcome, everyone.\n\n\
         **Global Times:** What is the plan?\n\n\
         Wang Fang, spokesperson of the Ministry of Commerce: The plan is this.\n\n\
         Wang Fang, spokesperson of the Ministry of Commerce: And one more thing.\n\n\
         QUESTION: Any news on tariffs?\n\nSENIOR OFFICIAL: None today.\n",
    );
    assert_eq!(
        shape(&b),
        [
            (Some("Global Times"), vec!["Wang Fang"]),
            (None, vec!["Senior Official"])
        ]
    );
    let answer: Vec<&Speaker> = b.exchanges[0].turns.iter().map(|t| &t.speaker).collect();
    assert_eq!(
        answer.len(),
        2,
        "a label repeated twice in a row is one turn"
    );
}

#[test]
fn a_label_that_lost_its_colon_is_known_only_by_a_name_the_page_gives() {
    let (b, _) = read(
        "Foreign Ministry Spokesperson Li Na's Regular Press Conference on May 6, 2024\n\n\
         Li Na: Good afternoon.\n\n\
         CCTV: What about the summit in June?\n\n\
         Li Na The summit will go ahead as planned.\n\n\
         CCTV: Thank you. One more?\n\n\
         Li Na said so last week, Li Na said so again.\n",
    );
    assert_eq!(shape(&b)[0], (Some("CCTV"), vec!["Li Na"]));
    let said = &b.exchanges[0].turns[1].paragraphs[0].text;
    assert_eq!(said, "The summit will go ahead as planned.");
    // "Li Na said ..." is a sentence about her, not her label.
    assert!(b.exchanges[1].answered_by.is_empty(), "{:?}", shape(&b));
}

#[test]
fn a_sentence_is_never_taken_for_a_speaker() {
    let (b, _) = read(
        "SCIO briefing on exports\nBeijing | 10 a.m. May 6, 2024\n\n\
         Li Bing, spokesperson of the SASAC\n\n\
         Li Bing:\n\nThe work included three aspects: first, trade.\n\n\
         Note: figures are preliminary.\n\nIn 2023, exports rose 5%: a record.\n\n\
         At 10:30 a.m. the data came out.\n\n\
         Cover News:\n\nWhat next?\n\nLi Bing:\n\nMore work.\n",
    );
    assert_eq!(speakers(&b), ["Li Bing"]);
    assert_eq!(shape(&b), [(Some("Cover News"), vec!["Li Bing"])]);
    assert_eq!(b.opening[0].paragraphs.len(), 4);
}

#[test]
fn rosters_under_headings_glued_and_in_the_lead() {
    let (b, _) = read(
        "SCIO briefing on ports\n\nSpeakers:\n\nZhou Min, vice minister of transport\n\n\
         Chair:Shou Xiaoli, spokesperson of the SCIO\n\nDate:\n\nMay 6, 2024\n\n\
         Shou Xiaoli:\n\nWelcome.\n\nZhou Min:\n\nThank you.\n",
    );
    assert_eq!(speakers(&b), ["Zhou Min", "Shou Xiaoli"]);
    assert_eq!(
        b.moderator.as_ref().map(|p| p.name.as_str()),
        Some("Shou Xiaoli")
    );
    assert!(
        !speakers(&b).iter().any(|s| s == "Speakers" || s == "Date"),
        "a heading is no speaker"
    );

    let (b, _) = read(
        "Policy briefing on equipment renewal\n\n\
         On the afternoon of May 6, the State Council Information Office held a policy briefing at \
         which Zhao Lin, Vice Minister of Industry, and Qian Yu, Director of the Trade Department, \
         introduced the plan, which President Xi Jinping had praised.\n\n\
         Zhao Lin: We will renew equipment across industry this year.\n\n\
         Xinhua: How much will it cost?\n\nQian Yu: A great deal.\n",
    );
    assert_eq!(
        speakers(&b),
        ["Zhao Lin", "Qian Yu"],
        "a head of state mentioned is no speaker"
    );
    assert_eq!(
        b.date.to_string(),
        "2024-05-06",
        "the day from the lead, the year from the file"
    );
}

#[test]
fn dates_in_every_common_form() {
    for (header, date) in [
        ("Press Conference on Trade (July 11, 2024)", "2024-07-11"),
        ("Press Conference on Trade\n\n24 April 2015", "2015-04-24"),
        ("Press Conference on Trade\n\n2019/04/23", "2019-04-23"),
        (
            "Press Conference on Trade\n\nWednesday, January 8, 2020, 11:04 a.m. Bangkok",
            "2020-01-08",
        ),
        (
            "Press Conference on Trade\nBeijing | 3 p.m. Jan. 24, 2024",
            "2024-01-24",
        ),
    ] {
        let (b, _) = read(&format!(
            "{header}\n\nLi Bing: Hello.\n\nCCTV: What?\n\nLi Bing: This.\n"
        ));
        assert_eq!(b.date.to_string(), date, "{header}");
    }
    // A lead that gives only the weekday, against the page's own date.
    let (b, warnings) = read(
        "Press Conference on Trade\n\nUpdated: 2018-08-29\n\n\
         A press conference was held on Monday about the trade figures of the summer.\n\n\
         Li Bing: Hello.\n\nCCTV: What?\n\nLi Bing: This.\n",
    );
    assert_eq!(b.date.to_string(), "2018-08-27");
    assert!(
        warnings.iter().all(|w| !w.contains("does not say when")),
        "{warnings:?}"
    );
}

#[test]
fn a_briefing_reported_in_the_third_person_is_imported_with_a_warning() {
    let (b, warnings) = read(
        "Briefing by the Prime Minister's Spokesman, May 6, 2024\n\n\
         Asked about the polls, the PMS said that polls came and went and that the Prime Minister \
         was focused on the economy. Asked if the Prime Minister would travel, the PMS replied \
         that no trip was planned for the coming weeks.\n",
    );
    assert!(
        warnings.iter().any(|w| w.contains("no speaker labels")),
        "{warnings:?}"
    );
    assert_eq!(shape(&b), [(None, vec!["PMS"]), (None, vec!["PMS"])]);
    assert!(b.exchanges[0].question()[0]
        .text
        .starts_with("Asked about the polls"));
}

#[test]
fn a_page_cut_inside_a_question_keeps_it_unanswered() {
    let (b, _) = read(
        "MOFCOM Regular Press Conference (April 9, 2020)\n\n\
         Gao Feng: Good afternoon.\n\nCCTV: What about exports?\n\nGao Feng: Steady.\n\n\
         Global Times: Reports say that the\n",
    );
    assert_eq!(
        shape(&b),
        [
            (Some("CCTV"), vec!["Gao Feng"]),
            (Some("Global Times"), vec![])
        ]
    );
}

/// A page saved with its address keeps it as the source's `url` (for the site's link
/// to the original), and the address is not read as part of the transcript.
#[test]
fn the_pages_own_address_is_kept_and_not_read_as_text() {
    let text = "Regular Press Conference of the Ministry of Trade (May 6, 2024)\n\
                Source: https://www.example.gov.cn/press/2024-05-06.html\n\n\
                Zhang Wei: Good afternoon. Let us begin.\n\n\
                Xinhua News Agency: What will the ministry do about exports?\n\n\
                Zhang Wei: We will keep them steady; see https://www.example.gov.cn/x for more.\n";
    let parsed = transcript::parse("page.txt", text.as_bytes()).unwrap();
    let archive = transcript::reconcile(vec![parsed]).unwrap();
    assert_eq!(
        archive.sources[0].url.as_deref(),
        Some("https://www.example.gov.cn/press/2024-05-06.html")
    );
    let b = &archive.briefings[0];
    let said: Vec<&str> = b
        .opening
        .iter()
        .chain(b.exchanges.iter().flat_map(|e| &e.turns))
        .flat_map(|t| &t.paragraphs)
        .map(|p| p.text.as_str())
        .collect();
    assert!(
        said.iter().all(|p| !p.contains("2024-05-06.html")),
        "{said:?}"
    );
    // An address quoted in a speech stays in it.
    assert!(
        said.iter()
            .any(|p| p.contains("https://www.example.gov.cn/x")),
        "{said:?}"
    );
    assert_eq!(shape(b), [(Some("Xinhua News Agency"), vec!["Zhang Wei"])]);
}
