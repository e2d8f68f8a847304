//! Who is on the podium when the page has no roster, or a roster that misses someone:
//! the labels that answer are the briefing's officials. A label that names only a role
//! ("PRIME MINISTER:", "SPOKESPERSON:") or a surname ("MR. PYLE:") is resolved to the
//! person the page names elsewhere: in the title, the header ("Deputy Spokesperson
//! Jonathan Pyle", "The Hon Anthony Albanese MP" under "Prime Minister"), or a fuller
//! label ("Spokesperson Mao Ning:" before "Mao Ning:"). A role nobody names stays a
//! role: the speaker is what the page calls them, never a name made up.

use super::flow::Flow;
use super::lines::names_match;
use super::model::{Person, Speaker};

/// A person the page names with their office: ("Prime Minister", "Anthony Albanese").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub office: String,
    pub name: String,
}

/// Words of an office, rank or honorific: a label made only of these names no one.
const ROLE_WORDS: &[&str] = &[
    "the",
    "prime",
    "minister",
    "deputy",
    "vice",
    "principal",
    "assistant",
    "acting",
    "press",
    "secretary",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "president",
    "foreign",
    "chief",
    "official",
    "senior",
    "administration",
    "director",
    "general",
    "ambassador",
    "governor",
    "premier",
    "chancellor",
    "taoiseach",
    "tanaiste",
    "treasurer",
    "commissioner",
    "chairman",
    "chair",
    "mayor",
    "state",
    "defense",
    "defence",
    "of",
    "and",
    "for",
    "affairs",
    "mr",
    "ms",
    "mrs",
    "dr",
    "hon",
    "honourable",
    "honorable",
    "madam",
    "sir",
    "colonel",
    "senior",
    "first",
    "leader",
    "attorney",
    "senator",
    "representative",
    "counsellor",
    "counselor",
    "executive",
    "head",
    "pm",
    "fm",
    "minister's",
    "trade",
    "finance",
    "health",
    "home",
    "education",
    "commerce",
    "cabinet",
    "white",
    "house",
    "national",
    "security",
    "adviser",
    "advisor",
    "secretary-general",
    "under",
    "coordinator",
    "rt",
    "right",
];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split([' ', '.', ','])
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The label without its office and honorific words: "MR. PYLE" -> ["pyle"],
/// "PRIME MINISTER" -> [] (a role alone).
fn name_words(label: &str) -> Vec<String> {
    words(label)
        .into_iter()
        .filter(|w| !ROLE_WORDS.contains(&w.as_str()))
        .collect()
}

/// The office words of a label or an office: "PRIME MINISTER" -> ["prime", "minister"].
fn office_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| ROLE_WORDS.contains(&w.as_str()))
        .filter(|w| {
            !matches!(
                w.as_str(),
                "the" | "of" | "and" | "for" | "mr" | "ms" | "mrs" | "dr" | "hon"
            )
        })
        .collect()
}

/// "PRIME MINISTER" -> "Prime Minister": a role as a reader writes it.
pub fn role_case(label: &str) -> String {
    if label.chars().any(char::is_lowercase) {
        return label.to_owned();
    }
    label
        .split(' ')
        .map(|w| {
            let lower = w.to_lowercase();
            if matches!(lower.as_str(), "of" | "and" | "for" | "the") {
                return lower;
            }
            // An acronym stays one: "PM", "DG".
            if w.len() <= 3 && label.split(' ').count() == 1 {
                return w.to_owned();
            }
            let mut cs = lower.chars();
            cs.next()
                .map(|c| c.to_uppercase().collect::<String>() + cs.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the podium came to: who each label is, and why.
pub struct Settled {
    pub officials: Vec<Person>,
    pub notes: Vec<String>,
}

/// Resolves the labels of the flow's officials and moderators, renames their turns,
/// and returns the officials the roster lacks.
pub fn settle(
    flow: &mut Flow,
    roster: &[Person],
    moderators: &[Person],
    named: &[Named],
) -> Settled {
    let mut labels: Vec<(String, bool)> = Vec::new();
    for turn in all_turns(flow) {
        let (name, official) = match &turn.speaker {
            Speaker::Official(n) => (n, true),
            Speaker::Moderator(n) if !n.is_empty() => (n, false),
            _ => continue,
        };
        match labels.iter_mut().find(|(l, _)| l == name) {
            Some(entry) => entry.1 |= official,
            None => labels.push((name.clone(), official)),
        }
    }
    let on_roster = |n: &str| roster.iter().chain(moderators).any(|p| p.name == n);
    let mut notes = Vec::new();
    let mut rename: Vec<(String, String, String)> = Vec::new(); // label, name, role
    for (label, _) in &labels {
        if on_roster(label) || super::lines::is_moderator_label(label) {
            continue;
        }
        let own = name_words(label);
        let offices = office_words(label);
        let resolved = if own.is_empty() {
            // A role alone: the person the page names in that office, else a fuller
            // label that says the role and a name.
            named
                .iter()
                .find(|p| !offices.is_empty() && offices_agree(&offices, &p.office))
                .map(|p| {
                    (
                        p.name.clone(),
                        p.office.clone(),
                        "the page names them in that office",
                    )
                })
                .or_else(|| {
                    labels
                        .iter()
                        .map(|(l, _)| l)
                        .find(|l| {
                            *l != label
                                && !name_words(l).is_empty()
                                && !offices.is_empty()
                                && offices_agree(&offices, l)
                        })
                        .map(|l| {
                            (
                                strip_office(l),
                                role_case(label),
                                "a fuller label gives the name",
                            )
                        })
                })
                .or_else(|| {
                    // One person the title and header name, and one role speaking: them.
                    let speaking_roles = labels
                        .iter()
                        .filter(|(l, o)| *o && name_words(l).is_empty())
                        .count();
                    (named.len() == 1 && speaking_roles == 1 && labels.len() <= 2).then(|| {
                        (
                            named[0].name.clone(),
                            role_case(label),
                            "the only person the page names",
                        )
                    })
                })
                .or_else(|| {
                    // "A:" or an unlabelled answer: the person the title or header names.
                    (label == super::flow::ANSWERER)
                        .then(|| named.first())
                        .flatten()
                        .map(|p| {
                            (
                                p.name.clone(),
                                p.office.clone(),
                                "the person the page names",
                            )
                        })
                })
                .or_else(|| {
                    Some((
                        role_case(label),
                        role_case(label),
                        "a role the page names no one in",
                    ))
                })
        } else {
            // A name, maybe only its surname: the fuller form the page gives.
            roster
                .iter()
                .chain(moderators)
                .find(|p| names_match(&own.join(" "), &p.name))
                .map(|p| (p.name.clone(), p.role.clone(), "the roster's name"))
                .or_else(|| {
                    named
                        .iter()
                        .find(|p| {
                            names_match(&own.join(" "), &p.name) && words(&p.name).len() > own.len()
                        })
                        .map(|p| {
                            (
                                p.name.clone(),
                                p.office.clone(),
                                "the page names them in full",
                            )
                        })
                })
                .or_else(|| {
                    labels
                        .iter()
                        .map(|(l, _)| strip_office(l))
                        .filter(|l| words(l).len() > own.len())
                        .find(|l| names_match(&own.join(" "), l))
                        .map(|l| {
                            (
                                l,
                                role_case(&office_of(label)),
                                "a fuller label gives the name",
                            )
                        })
                })
                .or_else(|| {
                    // "Spokesperson Mao Ning": the name without the office.
                    (!offices.is_empty()).then(|| {
                        (
                            strip_office(label),
                            role_case(&office_of(label)),
                            "the label's name without its office",
                        )
                    })
                })
        };
        if let Some((name, role, why)) = resolved {
            if name != *label {
                notes.push(format!("speaker {label:?} is {name} ({why})"));
            }
            rename.push((label.clone(), name, role));
        }
    }
    for turn in all_turns_mut(flow) {
        if let Speaker::Official(n) | Speaker::Moderator(n) = &mut turn.speaker {
            if let Some((_, name, _)) = rename.iter().find(|(l, _, _)| l == n) {
                *n = name.clone();
            }
        }
    }
    // One person under two labels ("Spokesperson Gao Feng" opening, "Gao Feng"
    // answering) is an official wherever they speak.
    let answering: Vec<String> = all_turns(flow)
        .filter_map(|t| match &t.speaker {
            Speaker::Official(n) => Some(n.clone()),
            _ => None,
        })
        .collect();
    for turn in all_turns_mut(flow) {
        if let Speaker::Moderator(n) = &turn.speaker {
            if answering.contains(n) && !moderators.iter().any(|m| &m.name == n) {
                turn.speaker = Speaker::Official(n.clone());
            }
        }
    }
    for exchange in &mut flow.exchanges {
        let mut answered: Vec<String> = Vec::new();
        for t in &exchange.turns {
            if let Speaker::Official(n) = &t.speaker {
                if !answered.contains(n) {
                    answered.push(n.clone());
                }
            }
        }
        exchange.answered_by = answered;
    }
    let mut officials: Vec<Person> = Vec::new();
    for name in answering {
        let known = roster.iter().any(|p| p.name == name)
            || officials.iter().any(|p| p.name == name)
            || moderators.iter().any(|p| p.name == name);
        if known {
            continue;
        }
        let role = rename
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(_, _, r)| r.clone())
            .unwrap_or_default();
        notes.push(format!(
            "official {name}: answers questions, not on a roster"
        ));
        officials.push(Person {
            name,
            role,
            honorific: None,
        });
    }
    Settled { officials, notes }
}

/// Whether a label's office words ("prime minister") are the office the page gives
/// ("Prime Minister"), or part of it ("Minister" for "Prime Minister" is not enough:
/// every word of the shorter must be in the longer, and the key word must agree).
fn offices_agree(label_offices: &[String], office: &str) -> bool {
    let theirs = office_words(office);
    if theirs.is_empty() {
        return false;
    }
    let (short, long) = if label_offices.len() <= theirs.len() {
        (label_offices, theirs.as_slice())
    } else {
        (theirs.as_slice(), label_offices)
    };
    short.iter().all(|w| long.contains(w)) && label_offices.iter().all(|w| theirs.contains(w))
}

/// "Spokesperson Mao Ning" -> "Mao Ning"; "MR. PYLE" -> "MR. PYLE" (an honorific
/// is how the page names them, kept).
fn strip_office(label: &str) -> String {
    let kept: Vec<&str> = label
        .split(' ')
        .skip_while(|w| {
            let lower = w.to_lowercase();
            let lower = lower.trim_end_matches(['.', ',']);
            ROLE_WORDS.contains(&lower) && !matches!(lower, "mr" | "ms" | "mrs" | "dr")
        })
        .collect();
    if kept.is_empty() {
        label.to_owned()
    } else {
        kept.join(" ")
    }
}

/// The office words at the start of a label: "Spokesperson Mao Ning" -> "Spokesperson".
fn office_of(label: &str) -> String {
    label
        .split(' ')
        .take_while(|w| {
            let lower = w.to_lowercase();
            let lower = lower.trim_end_matches(['.', ',']);
            ROLE_WORDS.contains(&lower) && !matches!(lower, "mr" | "ms" | "mrs" | "dr")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn all_turns(flow: &Flow) -> impl Iterator<Item = &super::model::Turn> {
    flow.opening
        .iter()
        .chain(flow.exchanges.iter().flat_map(|e| &e.turns))
        .chain(&flow.closing)
}

fn all_turns_mut(flow: &mut Flow) -> impl Iterator<Item = &mut super::model::Turn> {
    flow.opening
        .iter_mut()
        .chain(flow.exchanges.iter_mut().flat_map(|e| &mut e.turns))
        .chain(&mut flow.closing)
}

/// The people a header names with their office: "Deputy Spokesperson Jonathan Pyle",
/// "Press Conference by Prime Minister Jacinda Ardern", and "The Hon Anthony
/// Albanese MP" under a line that is an office alone ("Prime Minister").
pub fn named_in(lines: &[&str]) -> Vec<Named> {
    let mut named: Vec<Named> = Vec::new();
    let push = |p: Named, named: &mut Vec<Named>| {
        if !named.iter().any(|n| n.name == p.name) {
            named.push(p);
        }
    };
    for (i, line) in lines.iter().enumerate() {
        for (office, name) in super::full::offices_and_names(line) {
            push(Named { office, name }, &mut named);
        }
        if let Some(name) = honourable(line) {
            let office = [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| lines.get(j))
                .find(|l| !l.is_empty() && name_words(l).is_empty() && !office_words(l).is_empty())
                .map(|l| l.to_string())
                .unwrap_or_default();
            push(Named { office, name }, &mut named);
        }
    }
    named
}

/// "The Hon Anthony Albanese MP", "Hon. Chris Hipkins", "SPEECH The Hon. Peter Reith,
/// MP Minister for Defence", "TRANSCRIPT OF THE HON PETER REITH MP" -> the name.
fn honourable(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.iter().position(|w| {
        matches!(
            w.trim_end_matches('.').to_lowercase().as_str(),
            "hon" | "honourable" | "honorable"
        )
    })?;
    let mut name: Vec<String> = Vec::new();
    for w in &words[at + 1..] {
        let bare = w.trim_end_matches([',', '.', ';']);
        if matches!(
            bare,
            "MP" | "MLA" | "QC" | "KC" | "AC" | "AO" | "MHR" | "TD" | "Dr"
        ) {
            break;
        }
        let name_word = bare.chars().next().is_some_and(char::is_uppercase)
            && bare
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\''));
        if !name_word {
            break;
        }
        // A name in capitals is written as a name.
        name.push(if bare.chars().all(|c| !c.is_lowercase()) {
            let lower = bare.to_lowercase();
            let mut cs = lower.chars();
            cs.next()
                .map(|c| c.to_uppercase().collect::<String>() + cs.as_str())
                .unwrap_or_default()
        } else {
            bare.to_owned()
        });
        if w.ends_with([',', ';']) || name.len() == 4 {
            break;
        }
    }
    (2..=4).contains(&name.len()).then(|| name.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::{parse, reconcile};

    fn briefing(text: &str) -> crate::transcript::Briefing {
        let parsed = parse("p-2024-04-18.txt", text.as_bytes()).unwrap();
        reconcile(vec![parsed]).unwrap().briefings.remove(0)
    }

    #[test]
    fn a_role_label_is_the_person_the_header_names_in_that_office() {
        let b = briefing(
            "Doorstop interview - Perth\nThursday 18 April 2024\nPrime Minister\n\
             The Hon Anthony Albanese MP\n\nPRIME MINISTER: Good morning.\n\n\
             JOURNALIST: How many homes?\n\nPRIME MINISTER: About 1,200.\n",
        );
        let names: Vec<_> = b.speakers.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Anthony Albanese"]);
        assert_eq!(b.speakers[0].role, "Prime Minister");
        assert_eq!(b.exchanges[0].answered_by, ["Anthony Albanese"]);
    }

    #[test]
    fn a_surname_label_takes_the_full_name_and_a_genre_word_is_no_one() {
        let b = briefing(
            "Department Press Briefing - March 3, 2025\n\nDeputy Spokesperson Jonathan Pyle\n\
             Washington, D.C.\n\nMR. PYLE: Good afternoon.\n\nQUESTION: On the talks?\n\n\
             MR. PYLE: They continue.\n",
        );
        assert_eq!(b.exchanges[0].answered_by, ["Jonathan Pyle"]);
        assert_eq!(b.speakers.len(), 1);
        let b = briefing(
            "Prime Minister Doorstop Interview\nThursday 18 April 2024\n\n\
             PRIME MINISTER: Good morning.\n\nJOURNALIST: How many homes?\n\nPRIME MINISTER: Many.\n",
        );
        assert_eq!(
            b.exchanges[0].answered_by,
            ["Prime Minister"],
            "a role, not a made-up person"
        );
    }

    #[test]
    fn one_person_under_two_labels_is_one_official() {
        let b = briefing(
            "Press Briefing on Trade\nApril 3, 2019\n\nSpokesperson Gao Feng: Good afternoon.\n\n\
             Reporter: What about tariffs?\n\nGao Feng: We oppose them.\n",
        );
        assert_eq!(b.moderator, None);
        assert_eq!(b.speakers.len(), 1);
        assert_eq!(b.speakers[0].name, "Gao Feng");
        assert!(matches!(&b.opening[0].speaker, Speaker::Official(n) if n == "Gao Feng"));
    }
}
