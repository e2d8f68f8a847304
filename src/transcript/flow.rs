//! Blocks to the flow of a briefing: who speaks in each block, then opening remarks,
//! exchanges (a question and its answers) and closing remarks.

use std::collections::HashMap;

use super::blocks::Block;
use super::full::split_honorific;
use super::lines::{is_answer_label, is_asker_label};
use super::model::{Exchange, Paragraph, Person, Speaker, Turn};

/// Who answers when the page says only "A:" or gives no label at all; [`super::podium`]
/// puts the person the page names in their place.
pub const ANSWERER: &str = "Spokesperson";

pub struct Flow {
    pub opening: Vec<Turn>,
    pub exchanges: Vec<Exchange>,
    pub closing: Vec<Turn>,
    /// Decisions a person may want to check (`import --explain`).
    pub notes: Vec<String>,
}

pub fn build(blocks: Vec<Block>, officials: &[Person], moderators: &[Person]) -> Flow {
    let turns = assign_speakers(blocks, officials, moderators);
    let mut flow = Flow {
        opening: Vec::new(),
        exchanges: Vec::new(),
        closing: Vec::new(),
        notes: Vec::new(),
    };
    // Moderator turns after an official has spoken wait here: they lead into the
    // next exchange ("Last question.") or, at the end, close the briefing.
    let mut pending: Vec<Turn> = Vec::new();
    for turn in turns {
        match &turn.speaker {
            s if s.is_question()
                && pending.is_empty()
                && flow
                    .exchanges
                    .last()
                    .is_some_and(|e| e.answered_by.is_empty() && interrupted(e)) =>
            {
                // A question cut off ("Do you have a reaction to —") and another
                // asked at once: one exchange, answered together.
                if let Some(e) = flow.exchanges.last_mut() {
                    e.turns.push(turn);
                }
            }
            s if s.is_question() => {
                let mut turns = std::mem::take(&mut pending);
                let asked_by = match s {
                    Speaker::Outlet(name) => Some(name.clone()),
                    _ => None,
                };
                let asked_by_from = turn.label_from;
                turns.push(turn);
                flow.exchanges.push(Exchange {
                    turns,
                    asked_by,
                    asked_by_from,
                    answered_by: Vec::new(),
                    topics: Vec::new(),
                    title: None,
                });
            }
            Speaker::Official(name) => {
                let name = name.clone();
                match flow.exchanges.last_mut() {
                    None => {
                        flow.opening.append(&mut pending);
                        flow.opening.push(turn);
                    }
                    Some(exchange) => {
                        exchange.turns.append(&mut pending);
                        exchange.turns.push(turn);
                        if !exchange.answered_by.contains(&name) {
                            exchange.answered_by.push(name);
                        }
                    }
                }
            }
            _ => {
                let opening_has_official = flow
                    .opening
                    .iter()
                    .any(|t| matches!(t.speaker, Speaker::Official(_)));
                if flow.exchanges.is_empty() && !opening_has_official {
                    flow.opening.push(turn);
                } else {
                    pending.push(turn);
                }
            }
        }
    }
    flow.closing = pending;
    outlets_said_in_text(&mut flow);
    flow
}

/// Whether an exchange's last question was cut off mid-sentence ("... to —").
fn interrupted(exchange: &Exchange) -> bool {
    exchange
        .turns
        .last()
        .and_then(|t| t.paragraphs.last())
        .is_some_and(|p| {
            let end = p.text.trim_end();
            end.ends_with(['\u{2014}', '\u{2013}', '-'])
                || end.ends_with("--")
                || end.ends_with("...")
                || end.ends_with('\u{2026}')
        })
}

/// Who speaks, block by block: the roster, the labels learned so far, and the labels
/// that answer somewhere (the podium).
struct Speakers<'a> {
    officials: &'a [Person],
    moderators: &'a [Person],
    podium: Vec<String>,
    learned: HashMap<String, Speaker>,
    turns: Vec<Turn>,
}

/// Decides who speaks in each block. The roster names officials and moderators; a
/// label not in it answers if it follows a question, and asks otherwise (or, when no
/// moderator is known, moderates if it asks nothing). A question
/// paragraph that lost its label counts only where a question can stand: after an
/// answer. Elsewhere it goes back into the turn before it.
fn assign_speakers(blocks: Vec<Block>, officials: &[Person], moderators: &[Person]) -> Vec<Turn> {
    let next_asks = next_asks(&blocks, officials);
    let mut speakers = Speakers {
        officials,
        moderators,
        podium: podium_labels(&blocks, officials, moderators),
        learned: HashMap::new(),
        turns: Vec::new(),
    };
    for (index, block) in blocks.into_iter().enumerate() {
        speakers.add(block, next_asks[index]);
    }
    speakers.turns
}

/// Whether each block is followed by a question or by nothing: only then can a
/// question's trailing paragraphs be an answer that lost its label.
fn next_asks(blocks: &[Block], officials: &[Person]) -> Vec<bool> {
    (0..blocks.len())
        .map(|i| match blocks.get(i + 1).map(|b| b.label.as_deref()) {
            None => true,
            Some(None) => false,
            Some(Some(label)) => {
                let (_, name) = split_honorific(label);
                asks(name)
                    || (super::lines::is_outlet(name) && !officials.iter().any(|p| p.name == name))
            }
        })
        .collect()
}

impl Speakers<'_> {
    fn add(&mut self, block: Block, next_asks: bool) {
        let previous = self.turns.last().map(|t| t.speaker.clone());
        let speaker = match &block.label {
            Some(label) => {
                if self.repeats(label) {
                    if let Some(last) = self.turns.last_mut() {
                        last.label_origins.extend(block.label_origins);
                        last.paragraphs.extend(block.paragraphs);
                    }
                    return;
                }
                self.labelled(label, previous.as_ref(), &block)
            }
            None => match previous {
                Some(Speaker::Official(_)) if block.after_gap => Speaker::UnnamedOutlet,
                // A page that opens with a question that lost its label.
                None if block
                    .paragraphs
                    .last()
                    .is_some_and(|p| p.text.trim_end().ends_with(['?', '\u{FF1F}'])) =>
                {
                    Speaker::UnnamedOutlet
                }
                None => Speaker::Moderator(String::new()),
                Some(_) => {
                    if let Some(last) = self.turns.last_mut() {
                        last.paragraphs.extend(block.paragraphs);
                    }
                    return;
                }
            },
        };
        let mut paragraphs = block.paragraphs;
        // A question followed, in the same block, by paragraphs that ask nothing: the
        // answer lost its label.
        let answer = if speaker.is_question() && next_asks {
            unlabelled_answer(&mut paragraphs)
        } else {
            Vec::new()
        };
        self.turns.push(Turn {
            speaker,
            label_origins: block.label_origins,
            label_from: block.label_from,
            paragraphs,
        });
        if !answer.is_empty() {
            self.add_unlabelled_answer(answer);
        }
    }

    /// The same name twice in a row ("Wang Fang:" then "Wang Fang:") is one turn;
    /// "Q:" twice is two reporters.
    fn repeats(&self, label: &str) -> bool {
        let (_, name) = split_honorific(label);
        self.turns.last().is_some_and(|t| {
            !t.label_origins.is_empty()
                && !is_asker_label(name)
                && !is_answer_label(name)
                && matches!(&t.speaker, Speaker::Official(n) | Speaker::Moderator(n) if n == name)
        })
    }

    fn labelled(&mut self, label: &str, previous: Option<&Speaker>, block: &Block) -> Speaker {
        let (_, name) = split_honorific(label);
        if is_asker_label(name) {
            return Speaker::UnnamedOutlet;
        }
        if let Some(outlet) = super::lines::reporter_outlet(name) {
            return Speaker::Outlet(outlet);
        }
        if super::lines::is_moderator_label(name) {
            return Speaker::Moderator(name.to_owned());
        }
        if is_answer_label(name) {
            // "A:" is the official the title or roster names.
            let official = self.officials.first();
            return Speaker::Official(
                official.map_or_else(|| ANSWERER.to_owned(), |p| p.name.clone()),
            );
        }
        if self.moderators.iter().any(|p| p.name == name) {
            return Speaker::Moderator(name.to_owned());
        }
        if let Some(p) = self.officials.iter().find(|p| same_person(&p.name, name)) {
            return Speaker::Official(p.name.clone());
        }
        if let Some(known) = self.learned.get(name) {
            return known.clone();
        }
        // Without a roster (a page imported alone): a label that answers a question
        // somewhere is on the podium; an outlet asks; one that follows a question
        // answers; one that never asks runs the briefing; anyone else asks.
        let guess = match previous {
            _ if self.podium.iter().any(|p| p == name) => Speaker::Official(name.to_owned()),
            _ if super::lines::is_outlet(name) => Speaker::Outlet(label.to_owned()),
            Some(s) if s.is_question() => Speaker::Official(name.to_owned()),
            _ if self.moderators.is_empty() && !block.has_question_mark() => {
                Speaker::Moderator(name.to_owned())
            }
            _ => Speaker::Outlet(label.to_owned()),
        };
        self.learned.insert(name.to_owned(), guess.clone());
        guess
    }

    /// An answer that lost its label is the podium's: the official who answered last,
    /// else the roster's, else the one who opened the briefing (who is then on the
    /// podium, not only a moderator).
    fn add_unlabelled_answer(&mut self, answer: Vec<Paragraph>) {
        let turns = &self.turns;
        let answerer = turns
            .iter()
            .rev()
            .find_map(|t| match &t.speaker {
                Speaker::Official(n) => Some(n.clone()),
                _ => None,
            })
            .or_else(|| self.officials.first().map(|p| p.name.clone()))
            .or_else(|| {
                turns.iter().find_map(|t| match &t.speaker {
                    Speaker::Moderator(n) if !n.is_empty() => Some(n.clone()),
                    _ => None,
                })
            })
            .unwrap_or_else(|| ANSWERER.to_owned());
        for t in &mut self.turns {
            if t.speaker == Speaker::Moderator(answerer.clone()) {
                t.speaker = Speaker::Official(answerer.clone());
            }
        }
        self.learned
            .insert(answerer.clone(), Speaker::Official(answerer.clone()));
        self.turns.push(Turn {
            speaker: Speaker::Official(answerer),
            label_origins: Vec::new(),
            label_from: None,
            paragraphs: answer,
        });
    }
}

/// The paragraphs after a question's last question mark, when they are an answer:
/// two paragraphs or more, or one long one, none asking anything.
fn unlabelled_answer(paragraphs: &mut Vec<Paragraph>) -> Vec<Paragraph> {
    let Some(last_question) = paragraphs.iter().rposition(|p| p.text.contains('?')) else {
        return Vec::new();
    };
    let rest = &paragraphs[last_question + 1..];
    let words: usize = rest.iter().map(|p| p.text.split(' ').count()).sum();
    if rest.len() >= 2 || words >= 15 {
        paragraphs.split_off(last_question + 1)
    } else {
        Vec::new()
    }
}

/// Labels not in the roster that speak right after a question at least once and
/// never ask one themselves: they answer, so they are officials wherever they speak
/// ("MR MILLER" opening the briefing, then answering).
fn podium_labels(blocks: &[Block], officials: &[Person], moderators: &[Person]) -> Vec<String> {
    let is_asker = |label: &str| {
        let (_, name) = split_honorific(label);
        asks(name)
            || (super::lines::is_outlet(name)
                && !officials.iter().any(|p| p.name == name)
                && !moderators.iter().any(|p| p.name == name))
    };
    let mut podium = Vec::new();
    for pair in blocks.windows(2) {
        let (Some(before), Some(after)) = (&pair[0].label, &pair[1].label) else {
            continue;
        };
        let (_, name) = split_honorific(after);
        // Right after "JOURNALIST:" or "Q:", capitals are the one who answers ("PM:"),
        // not a second outlet asking.
        let answers = !is_asker(after)
            || (is_asker_label(split_honorific(before).1)
                && name.len() <= 4
                && name.bytes().all(|b| b.is_ascii_uppercase()));
        if is_asker(before) && answers && !podium.contains(&name.to_owned()) {
            podium.push(name.to_owned());
        }
    }
    podium
}

/// A label that asks: "Q", "Reporter", "Li Hua from Xinhua".
fn asks(name: &str) -> bool {
    is_asker_label(name) || super::lines::reporter_outlet(name).is_some()
}

/// Questions whose label gives no outlet: the reporter's own words may ("Li Hua from
/// Xinhua", "I'm with Bloomberg"), or the host's as they hand over ("Aamer with the
/// AP.", "Next question, Jessica from RNZ.").
fn outlets_said_in_text(flow: &mut Flow) {
    // The end of the turn before, where a host or an official hands over.
    let mut before: Option<String> = flow
        .opening
        .last()
        .and_then(|t| t.paragraphs.last())
        .and_then(|p| last_sentences(&p.text))
        .map(str::to_owned);
    // Where a host hands over each question, a question with no hand-over before it
    // is a follow-up by the reporter who holds the floor.
    let hosted = flow
        .exchanges
        .iter()
        .filter(|e| {
            matches!(
                e.turns.first().map(|t| &t.speaker),
                Some(Speaker::Moderator(_))
            )
        })
        .count()
        >= 2;
    let mut holder: Option<String> = None;
    let mut notes = Vec::new();
    for (number, exchange) in flow.exchanges.iter_mut().enumerate() {
        let number = number + 1;
        let handed_over = matches!(
            exchange.turns.first().map(|t| &t.speaker),
            Some(Speaker::Moderator(_))
        );
        if exchange.asked_by.is_none() {
            let question = exchange.turns.iter().position(|t| t.speaker.is_question());
            // The host's turns before the question, last first, else the end of the
            // answer before (an official who calls on the next reporter).
            let hosts: Vec<&str> = question
                .map(|q| &exchange.turns[..q])
                .unwrap_or_default()
                .iter()
                .rev()
                .filter_map(|t| t.paragraphs.last())
                .map(|p| p.text.as_str())
                .collect();
            let own = question
                .and_then(|q| exchange.turns[q].paragraphs.first())
                .and_then(|p| super::lines::outlet_in_text(&p.text));
            let called = hosts
                .iter()
                .copied()
                .filter_map(last_sentences)
                .find_map(super::lines::outlet_in_handover)
                .or_else(|| before.as_deref().and_then(super::lines::outlet_in_text));
            if let Some(o) = &own {
                notes.push(format!(
                    "exchange {number}: outlet {o}, as the reporter says"
                ));
            } else if let Some(o) = &called {
                notes.push(format!(
                    "exchange {number}: outlet {o}, named as the floor is given"
                ));
            }
            exchange.asked_by = own.or(called);
            // Only a labelled question ("Q"): one that lost its label is no follow-up.
            let labelled = question.is_some_and(|q| !exchange.turns[q].label_origins.is_empty());
            if exchange.asked_by.is_none() && hosted && !handed_over && labelled {
                exchange.asked_by.clone_from(&holder);
                if let Some(o) = &holder {
                    notes.push(format!(
                        "exchange {number}: outlet {o}, a follow-up with no hand-over"
                    ));
                }
            }
        }
        holder.clone_from(&exchange.asked_by);
        before = exchange
            .turns
            .last()
            .and_then(|t| t.paragraphs.last())
            .and_then(|p| last_sentences(&p.text))
            .map(str::to_owned);
    }
    flow.notes.extend(notes);
}

/// The end of a turn where a host hands over: its last two sentences, when short.
fn last_sentences(text: &str) -> Option<&str> {
    let mut start = text.len();
    for _ in 0..2 {
        match text[..start]
            .trim_end()
            .trim_end_matches(['.', '?', '!'])
            .rfind(['.', '?', '!'])
        {
            Some(at) => start = at + 1,
            None => {
                start = 0;
                break;
            }
        }
    }
    let tail = text[start..].trim();
    (tail.split(' ').count() <= 25).then_some(tail)
}

/// "Hong Lei" is "Hong Lei"; "MOTEGI" (in "Minister MOTEGI") is "MOTEGI Toshimitsu".
fn same_person(known: &str, label: &str) -> bool {
    known == label || super::lines::names_match(label, known)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::blocks;
    use crate::transcript::lines::split;

    fn person(name: &str) -> Person {
        Person {
            name: name.into(),
            role: "official".into(),
            honorific: None,
        }
    }

    fn flow_of(text: &str) -> Flow {
        let blocks = blocks::build(&split(text), 0, &mut Vec::new());
        build(
            blocks,
            &[person("Wang Hongzhi"), person("Fang Lei")],
            &[person("Xing Huina")],
        )
    }

    #[test]
    fn interjections_lead_into_the_next_exchange_and_never_answer() {
        let f = flow_of(
            "Xing Huina:\n\nWelcome.\n\nWang Hongzhi:\n\nOpening.\n\nXing Huina:\n\nQuestions now.\n\n\
             Xinhua News Agency:\n\nWhat?\n\nWang Hongzhi:\n\nThis.\n\nFang Lei:\n\nAnd that.\n\n\n\
             And the unlabelled question?\n\nWang Hongzhi:\n\nYes.\n\nXing Huina:\n\nLast question.\n\n\
             Phoenix TV:\n\nBRI?\n\nWang Hongzhi:\n\nBRI.\n\nXing Huina:\n\nGoodbye.\n",
        );
        let opening: Vec<_> = f.opening.iter().map(|t| t.speaker.clone()).collect();
        assert_eq!(
            opening,
            [
                Speaker::Moderator("Xing Huina".into()),
                Speaker::Official("Wang Hongzhi".into())
            ]
        );
        assert_eq!(f.exchanges.len(), 3);
        assert_eq!(
            f.exchanges[0].asked_by.as_deref(),
            Some("Xinhua News Agency")
        );
        assert_eq!(
            f.exchanges[0].turns[0].speaker,
            Speaker::Moderator("Xing Huina".into())
        );
        assert_eq!(f.exchanges[0].answered_by, ["Wang Hongzhi", "Fang Lei"]);
        assert_eq!(f.exchanges[1].asked_by, None);
        assert_eq!(f.exchanges[1].answered_by, ["Wang Hongzhi"]);
        assert_eq!(f.exchanges[2].asked_by.as_deref(), Some("Phoenix TV"));
        assert_eq!(f.exchanges[2].turns.len(), 3, "'Last question.' leads in");
        assert_eq!(f.closing.len(), 1);
    }

    #[test]
    fn without_a_roster_the_one_who_asks_nothing_moderates() {
        let blocks = blocks::build(
            &split(
                "Securities Time:\n\nWhat now?\n\nZhuang Shuxin:\n\nThis.\n\n\
                 Xie Yingjun:\n\nWe'll take one last question.\n\nCover News:\n\nAnd?\n\n\
                 Yuan Ye:\n\nThat.\n",
            ),
            0,
            &mut Vec::new(),
        );
        let f = build(blocks, &[], &[]);
        assert_eq!(f.exchanges.len(), 2);
        assert_eq!(f.exchanges[0].asked_by.as_deref(), Some("Securities Time"));
        assert_eq!(f.exchanges[1].asked_by.as_deref(), Some("Cover News"));
        assert_eq!(
            f.exchanges[1].turns[0].speaker,
            Speaker::Moderator("Xie Yingjun".into())
        );
        assert_eq!(f.exchanges[1].answered_by, ["Yuan Ye"]);
    }

    #[test]
    fn unknown_label_after_a_question_answers() {
        let f = flow_of(
            "Cover News:\n\nWhat?\n\nLi Bing:\n\nAnswer.\n\nYicai:\n\nAnd?\n\nLi Bing:\n\nMore.\n",
        );
        assert_eq!(f.exchanges.len(), 2);
        assert_eq!(f.exchanges[0].answered_by, ["Li Bing"]);
        assert_eq!(f.exchanges[1].answered_by, ["Li Bing"]);
    }
}
