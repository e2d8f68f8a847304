//! Rules for pages the importer was never shaped for, one small transcript per rule
//! (written for these tests, in the shapes of real press offices): who is on the
//! podium when only labels say so, what is never a speaker, who moderates, which
//! outlet asks when someone else names it, questions that lost their labels, dates in
//! odd places, and text copied from print.

use briefings::transcript::{self, Briefing, Speaker};

fn read_as(file: &str, text: &str) -> Briefing {
    let parsed =
        transcript::parse(file, text.as_bytes()).unwrap_or_else(|e| panic!("refused: {e}\n{text}"));
    let mut archive = transcript::reconcile(vec![parsed]).expect("one briefing");
    archive.briefings.remove(0)
}

fn read(text: &str) -> Briefing {
    read_as("page.txt", text)
}

/// Everyone the briefing makes a speaker: its officials, its moderator, and whoever
/// speaks for the podium in a turn.
fn podium(b: &Briefing) -> Vec<String> {
    let mut names: Vec<String> = b.speakers.iter().map(|p| p.name.clone()).collect();
    names.extend(b.moderator.iter().map(|p| p.name.clone()));
    for t in b
        .opening
        .iter()
        .chain(b.exchanges.iter().flat_map(|e| &e.turns))
        .chain(&b.closing)
    {
        if let Speaker::Official(n) | Speaker::Moderator(n) = &t.speaker {
            if !n.is_empty() && !names.contains(n) {
                names.push(n.clone());
            }
        }
    }
    names
}

fn askers(b: &Briefing) -> Vec<Option<&str>> {
    b.exchanges.iter().map(|e| e.asked_by.as_deref()).collect()
}

#[test]
fn officials_who_appear_only_as_labels_are_the_briefings_officials() {
    let b = read(
        "Press conference by Prime Minister Jacinda Ardern\nMonday 6 February 2023\n\n\
         PRIME MINISTER: Kia ora koutou. Today we set out a plan for the economy.\n\n\
         REPORTER: Prime Minister, what will it cost?\n\nPRIME MINISTER: About 2 billion dollars.\n",
    );
    assert_eq!(podium(&b), ["Jacinda Ardern"]);
    assert_eq!(b.speakers[0].role, "Prime Minister");
    // A surname label and the title's full name; the full label before the short one.
    let b = read(
        "Regular Press Conference, 3 March 2025\n\nSpokesperson Gao Feng: Good afternoon.\n\n\
         Reporter: What about tariffs on steel?\n\nGao Feng: We oppose them firmly.\n",
    );
    assert_eq!(podium(&b), ["Gao Feng"]);
    // No one named: the role, as the page writes it, and no made-up name.
    let b = read(
        "Doorstop Interview\nThursday 18 April 2024\n\nPRIME MINISTER: Good morning.\n\n\
         JOURNALIST: How many homes will this build?\n\nPRIME MINISTER: About 1,200.\n",
    );
    assert_eq!(podium(&b), ["Prime Minister"]);
}

#[test]
fn genre_words_header_fields_notes_and_widgets_are_no_speakers() {
    let b = read(
        "用户名：\n密码：\nPrime Minister Doorstop Interview\nThursday 18 April 2024\n\n\
         SUBJECTS: Housing; cost of living.\n\nPRIME MINISTER: Good morning everyone.\n\n\
         JOURNALIST:\n\n[Inaudible]\n\nPRIME MINISTER: Yes, we will.\n\n\
         Laughter:\n\nJOURNALIST: And the budget?\n\nPRIME MINISTER: In May.\n",
    );
    assert_eq!(podium(&b), ["Prime Minister"]);
    assert_eq!(b.exchanges.len(), 2);
}

#[test]
fn a_host_who_hands_over_moderates_and_names_the_outlet() {
    let b = read(
        "Press Gaggle by Principal Deputy Press Secretary Olivia Dalton\nJune 16, 2023\n\n\
         MODERATOR: Thank you. The first question goes to Zeke with the AP.\n\n\
         Q Thanks. What does the President think of the strike?\n\n\
         MS. DALTON: He supports the workers and their right to organise.\n\n\
         Q And on Ukraine, any update on the package?\n\n\
         MS. DALTON: Nothing new to add on that today.\n\n\
         MODERATOR: The next question goes to Cristobal with France 24.\n\n\
         Q Does he plan a trip to Europe?\n\nMS. DALTON: Not that I know of.\n\n\
         MODERATOR: Next question, please. Nick with PBS.\n\n\
         Q Thank you. On trade?\n\nMS. DALTON: Stay tuned.\n",
    );
    assert_eq!(
        b.moderator.as_ref().map(|m| m.name.as_str()),
        Some("MODERATOR")
    );
    assert_eq!(
        askers(&b),
        [Some("AP"), Some("AP"), Some("France 24"), Some("PBS")],
        "a follow-up keeps the floor's outlet"
    );
    assert!(b
        .exchanges
        .iter()
        .all(|e| e.answered_by == ["Olivia Dalton"]));
}

#[test]
fn outlets_the_reporter_names_are_kept() {
    let b = read(
        "Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on May 8, 2023\n\n\
         Mao Ning: Good afternoon.\n\n\
         Li Hua from Xinhua: Can you update us on the forum?\n\nMao Ning: Preparations are under way.\n\n\
         Q: I'm with Bloomberg. Will China send an envoy?\n\nMao Ning: I have nothing to release.\n\n\
         Q: Said Arikat, Al Quds. On Gaza, what is China's position?\n\nMao Ning: A ceasefire now.\n\n\
         Q: What about the United States and the EU?\n\nMao Ning: We hope for dialogue.\n\n\
         新华社记者：能否介绍一下论坛的情况？\n\nMao Ning: 论坛将于下月举行。\n",
    );
    assert_eq!(
        askers(&b),
        [
            Some("Xinhua"),
            Some("Bloomberg"),
            Some("Al Quds"),
            None,
            Some("Xinhua News Agency")
        ]
    );
}

#[test]
fn questions_that_lost_their_labels_are_still_questions() {
    // A page that opens with a question; labels in capitals without colons; a
    // question cut by the end of the page.
    let b = read(
        "Department Press Briefing\nMarch 3, 2025\n\n\
         And what about the talks in Geneva this week, are they going ahead?\n\n\
         MR. PYLE They continue, and we expect progress.\n\n\
         QUESTION Thanks. On Gaza, is there a ceasefire plan?\n\n\
         MR. PYLE We are working hard on it.\n\n\
         QUESTION Another one on trade policy and the new tariffs?\n\n\
         MR. PYLE That is for the Commerce Department.\n\n\
         QUESTION And finally, on the budget, will the department",
    );
    assert_eq!(b.exchanges.len(), 4, "{:?}", askers(&b));
    assert!(b.exchanges[0].question()[0]
        .text
        .starts_with("And what about the talks"));
    assert_eq!(b.exchanges[1].answered_by, ["MR. PYLE"]);
    assert!(b.exchanges[3].answered_by.is_empty(), "unanswered, kept");
}

#[test]
fn dates_in_odd_places() {
    // The page's date first, the held day (with its weekday) under the place.
    let b = read(
        "Transcript of a Press Briefing by Caroline Atkinson, Director of External Relations\n\n\
         November 6, 2009\n\nWashington, D.C.\nThursday, November 5, 2009\n\n\
         MS. ATKINSON: Good morning.\n\nQUESTION: On Greece?\n\nMS. ATKINSON: No comment.\n",
    );
    assert_eq!(b.date.to_string(), "2009-11-05");
    // No date in the text at all: the file's name gives it, marked as a guess.
    let b = read_as(
        "gaggle-2023-07-20.txt",
        "Press Gaggle Aboard Air Force One\n\nMS. DALTON: Hi, everybody.\n\n\
         Q: Any news on the strike?\n\nMS. DALTON: Not yet.\n",
    );
    assert_eq!(b.date.to_string(), "2023-07-20");
    assert_eq!(b.date_guessed_from, Some("file name"));
}

#[test]
fn text_from_print_reads_as_the_speaker_said_it() {
    let b = read(
        "Press Conference Brisbane\n03 October 2008\n\n\
         PM: It is great to be home with my own community here in Brisbane, ten years on\n\
         from when I was first elected as the local member of parliament for this area.\n\
         Page 1 of 4 Prime Minister of Australia - Interview - Press Conference, Brisbane\n\
         We will keep working for the people of this city and of the whole country.\n\n\
         JOURNALIST: When will the money be released to the states and territories?\n\n\
         PM: The money will flow from next July, once the parliament passes the bill into\n\
         law, which I expect will happen before the end of this year's spring sitting.\n\
         - 2 -\n\
         Prime Minister of Australia - Interview - Press Conference, Brisbane\n\
         That is the plan we have set out, and that is the plan we will carry through now.\n\n\
         JOURNALIST: And the Reserve Bank, will it cut rates again before Christmas?\n\n\
         PM: That is a matter for the Reserve Bank, which is independent of the government.\n\
         Prime Minister of Australia - Interview - Press Conference, Brisbane\n\
         3:45 P.M.\n",
    );
    let answers: Vec<String> = b
        .exchanges
        .iter()
        .flat_map(|e| e.answers())
        .map(|p| p.text.clone())
        .collect();
    assert!(answers
        .iter()
        .all(|a| !a.contains("Page 1") && !a.contains("Interview - Press")));
    assert!(answers
        .iter()
        .all(|a| !a.contains("- 2 -") && !a.contains("3:45")));
    assert!(
        answers[0].starts_with(
            "The money will flow from next July, once the parliament passes the bill into law"
        ),
        "hard-wrapped lines joined: {answers:?}"
    );
    assert_eq!(b.exchanges.len(), 2);
}
