//! An exchange's title, made by `import` from its question: the question sentence
//! that says most, without the courtesies around it ("Could you please tell us",
//! "My question is"), ended at a clause when it is long, never cut with "…". A
//! question that says little alone ("What progress has been made so far?") is
//! named by its topic: "Belt and Road Initiative: what progress has been made so
//! far?". Editors may rewrite it in the file; `import` keeps their title.

use std::sync::LazyLock;

use regex::Regex;

use super::text::sentences;

/// Longest title, in characters, before it is ended at a clause.
const LONGEST: usize = 110;

/// Openings that carry no subject.
static COURTESY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            my\ (?:first\ |second\ |last\ )?question\ is(?:\ about)?[,:]?
          | i\ (?:would|'d|want\ to)\ like\ to\ (?:ask|know|inquire)(?:\ as\ to|\ about)?[,:]?
          | i\ want\ to\ ask[,:]?
          | (?:with\ regard\ to|regarding|in\ this\ regard|on\ this\ point|as\ we\ know)(?:\ this)?,
          | (?:could|can|would|will)\ you\ (?:please\ )?(?:
                tell\ us(?:\ about)? | share\ with\ us | share | introduce | brief\ us\ on
              | elaborate\ on | update\ us\ on | give\ us(?:\ an?\ (?:update|overview|briefing))?(?:\ on)?
              | provide(?:\ us\ with)?(?:\ an?\ (?:update|overview))?(?:\ on)? | talk\ about
              | comment\ on | describe | explain | introduce\ to\ us | walk\ us\ through
            )
        )\s+",
    )
    .expect("a valid pattern")
});

/// Words that say nothing of a subject.
const EMPTY: &[&str] = &[
    "what",
    "which",
    "how",
    "could",
    "would",
    "please",
    "update",
    "progress",
    "made",
    "been",
    "have",
    "does",
    "will",
    "this",
    "that",
    "these",
    "those",
    "related",
    "work",
    "done",
    "measures",
    "plans",
    "share",
    "with",
    "about",
    "there",
    "their",
    "they",
    "features",
    "highlights",
    "worthy",
    "attention",
    "effectiveness",
    "round",
    "initiative",
    "comment",
    "describe",
    "provide",
    "recent",
    "future",
    "next",
    "step",
    "steps",
    "take",
    "taken",
    "introduce",
    "situation",
    "than",
    "more",
    "some",
    "such",
    "main",
    "considerations",
    "arrangements",
    "tasks",
    "task",
    "stage",
    "plan",
    "follow",
    "key",
    "from",
    "into",
    "your",
    "were",
    "when",
    "where",
    "also",
    "very",
    "much",
    "many",
    "thank",
    "thanks",
];

/// Words that lean on something said before the question.
const LEANING: &[&str] = &["this", "these", "that", "those", "related", "such", "it"];

/// The title for a question of `paragraphs`; `topic` names the exchange's topic,
/// for a question that says little alone.
pub fn exchange_title(paragraphs: &[&str], topic: Option<&str>) -> String {
    let text = paragraphs.join(" ");
    let all = sentences(&text);
    let questions: Vec<&str> = all.iter().copied().filter(|s| s.ends_with('?')).collect();
    let candidates = if questions.is_empty() { all } else { questions };
    // The sentence that names most; of two, the shorter as the reporter said it.
    let Some((_, best)) = candidates
        .iter()
        .map(|s| (s.len(), plain(s)))
        .max_by_key(|(len, p)| (subject_words(p), std::cmp::Reverse(*len)))
    else {
        return String::new();
    };
    let mut title = end_at_clause(&best);
    let weak = |t: &str| {
        let leans = t
            .split_whitespace()
            .any(|w| LEANING.contains(&w.to_lowercase().as_str()));
        subject_words(t) < 3 || (leans && subject_words(t) < 5)
    };
    if weak(&title) {
        // What the reporter said before asking names the subject; else the topic.
        let context = sentences(&text)
            .into_iter()
            .filter(|s| !s.ends_with('?'))
            .map(|s| end_at_clause(&plain(s)))
            .filter(|c| c.chars().count() <= LONGEST + 20 && subject_words(c) >= 3)
            .max_by_key(|c| subject_words(c));
        if let Some(context) = context {
            let context = context.trim_end_matches(['.', '!', ';', ':']);
            title = format!("{context}: {}", lower_first(&title));
        } else if let Some(topic) =
            topic.filter(|t| !title.to_lowercase().contains(&t.to_lowercase()))
        {
            title = format!("{topic}: {}", lower_first(&title));
        }
    }
    title
}

/// Openings of an introductory clause ("As the BRI enters a new stage, how will...").
const INTRO: &[&str] = &[
    "as",
    "while",
    "since",
    "with",
    "given",
    "after",
    "although",
    "following",
    "amid",
    "in",
    "at",
    "on",
    "last",
    "this",
    "over",
    "during",
    "according",
];

/// A long sentence that opens with an introductory clause loses it: the question is
/// in the main clause.
fn without_intro(s: &str) -> String {
    let first = s.split_whitespace().next().unwrap_or("").to_lowercase();
    if s.chars().count() <= LONGEST || !INTRO.contains(&first.as_str()) {
        return s.to_owned();
    }
    match s.find(", ") {
        Some(i) if i * 10 < s.len() * 6 => {
            let rest = plain(&s[i + 2..]);
            if subject_words(&rest) >= 3 {
                rest
            } else {
                s.to_owned()
            }
        }
        _ => s.to_owned(),
    }
}

/// The sentence without its courtesies, its first letter a capital.
fn plain(sentence: &str) -> String {
    let mut s = sentence.trim();
    while let Some(m) = COURTESY.find(s) {
        s = s[m.end()..].trim_start();
    }
    let stripped = s.len() < sentence.trim().len();
    let mut out = upper_first(s);
    // "Could you tell us what ... ?" leaves "What ... ?", still a question; "Could
    // you describe the work done ...?" leaves a noun phrase, which takes no "?".
    if stripped && out.ends_with('?') && !starts_a_question(&out) {
        out.pop();
    }
    out
}

fn starts_a_question(s: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "what", "how", "why", "when", "where", "which", "who", "whether", "is", "are", "do",
        "does", "did", "will", "would", "can", "could", "has", "have", "should",
    ];
    let first = s.split_whitespace().next().unwrap_or("").to_lowercase();
    OPENINGS.contains(&first.as_str())
}

/// Words of four letters or more that name something ("SOEs" and "BRI" too: a word
/// in capitals counts from three).
fn subject_words(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            let long = w.len() >= 4 || (w.len() == 3 && w.chars().all(|c| c.is_uppercase()));
            long && !EMPTY.contains(&w.to_lowercase().as_str())
        })
        .count()
}

/// A long sentence ended at its last clause break (a comma, "and", "especially",
/// "through", "so as to") that leaves a whole phrase; ended at a word only when it
/// has none, and then without "…".
fn end_at_clause(s: &str) -> String {
    if s.chars().count() <= LONGEST {
        return s.to_owned();
    }
    let question = s.ends_with('?');
    // A clause break a little past the limit beats a word break before it: a comma
    // first, then words that start a new clause ("and" joins too much to end at).
    const BREAKS: &[&str] = &[
        ", ",
        " especially ",
        " through ",
        " so as to ",
        " in order to ",
        " while ",
    ];
    let reach: usize = s
        .char_indices()
        .nth(LONGEST + 20)
        .map_or(s.len(), |(i, _)| i);
    let head = &s[..reach];
    let cut = BREAKS
        .iter()
        .find_map(|b| {
            head.match_indices(b)
                .map(|(i, _)| i)
                .filter(|&i| i >= 40)
                .last()
        })
        .or_else(|| {
            // No clause to end at: the whole sentence, unless it is very long.
            let limit = s.char_indices().nth(2 * LONGEST)?.0;
            s[..limit].rfind(' ')
        })
        .unwrap_or(s.len());
    // Ending at the introductory clause would leave no question: drop it instead.
    let first_comma = s.find(", ");
    let opens_with_intro = INTRO.contains(
        &s.split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase()
            .as_str(),
    );
    if opens_with_intro && first_comma == Some(cut) {
        let rest = without_intro(s);
        if rest != s {
            return end_at_clause(&rest);
        }
    }
    let mut out = s[..cut]
        .trim_end_matches(['?', ',', ';', ':', ' '])
        .to_owned();
    if question {
        out.push('?');
    }
    out
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "What progress" -> "what progress"; a name or an acronym ("SASAC", "BRI") keeps
/// its capitals.
fn lower_first(s: &str) -> String {
    let first = s.split_whitespace().next().unwrap_or("");
    let is_name = first.chars().skip(1).any(char::is_uppercase);
    if is_name {
        return s.to_owned();
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn courtesies_go_and_the_subject_stays() {
        assert_eq!(
            exchange_title(
                &["My question is, what progress did central SOEs make in 2023?"],
                None
            ),
            "What progress did central SOEs make in 2023?"
        );
        assert_eq!(
            exchange_title(&["Thank you. Could you describe the work done by SOEs to foster new quality productive forces?"], None),
            "The work done by SOEs to foster new quality productive forces"
        );
        assert_eq!(
            exchange_title(
                &["Could you please tell us what SOEs have done for the economy?"],
                None
            ),
            "What SOEs have done for the economy?"
        );
    }

    #[test]
    fn a_question_that_says_little_alone_is_named_by_its_topic() {
        let q = ["Thank you. What progress has been made so far?"];
        assert_eq!(
            exchange_title(&q, Some("Belt and Road Initiative")),
            "Belt and Road Initiative: what progress has been made so far?"
        );
        // A question that names its subject needs no topic.
        assert_eq!(
            exchange_title(
                &["How will equipment renewal in central SOEs proceed?"],
                Some("Equipment renewal")
            ),
            "How will equipment renewal in central SOEs proceed?"
        );
    }

    #[test]
    fn what_the_reporter_said_first_names_the_subject_of_a_weak_question() {
        let q = [
            "A new round of large-scale equipment renewal is proceeding smoothly. \
                  What are the considerations and arrangements for future work? Thank you.",
        ];
        assert_eq!(
            exchange_title(&q, Some("Equipment renewal")),
            "A new round of large-scale equipment renewal is proceeding smoothly: what are the \
             considerations and arrangements for future work?"
        );
    }

    #[test]
    fn a_long_question_ends_at_a_clause_never_with_an_ellipsis() {
        let q =
            "In 2023, what significant progress did central SOEs make in advancing scientific and \
                 technological innovation, especially in building capabilities for original \
                 innovation and in tackling key core technologies?";
        let t = exchange_title(&[q], None);
        assert_eq!(
            t,
            "In 2023, what significant progress did central SOEs make in advancing scientific and technological innovation?"
        );
        let long = format!("What {}?", "very ".repeat(60));
        let t = exchange_title(&[&long], None);
        assert!(
            !t.contains('…') && t.chars().count() <= 2 * LONGEST + 1,
            "{t}"
        );
    }
}
