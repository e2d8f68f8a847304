//! A full transcript: title, "Beijing | 10 a.m. July 26, 2024", lead, roster (maybe
//! twice, the second time with honorifics), moderator, date line, then the turns.

use super::blocks::{self, Block};
use super::dates::{self, Date, Dateline};
use super::lines::{Line, LineKind};
use super::model::Person;
use super::InputError;

#[derive(Debug, Clone)]
pub struct Header {
    pub title: String,
    pub date: Date,
    pub time: Option<String>,
    pub location: Option<String>,
    pub series: Option<String>,
    pub host: Option<String>,
    pub lead: Vec<String>,
    pub roster: Vec<Person>,
    pub moderators: Vec<Person>,
    pub translators: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct FullTranscript {
    pub header: Header,
    pub blocks: Vec<Block>,
}

pub fn parse(lines: &[Line<'_>], source: usize) -> Result<FullTranscript, InputError> {
    let body_start = lines
        .iter()
        .position(|l| l.kind == LineKind::Label)
        .ok_or_else(|| no_turns(lines))?;
    let header_lines = &lines[..body_start];
    let mut texts = header_lines.iter().filter(|l| l.kind == LineKind::Text);
    let title_line = texts.next().ok_or_else(|| {
        InputError::new(
            1,
            None,
            "no title line before the first speaker",
            "put the briefing's title on the first line",
        )
    })?;
    let dateline = header_lines
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .take(4)
        .find_map(|l| dates::parse_dateline(&l.text));

    let mut roster = RosterReader::default();
    let mut lead = Vec::new();
    let mut date_alone = None;
    let mut blank_run = 0;
    for line in header_lines {
        match line.kind {
            LineKind::Blank => blank_run += 1,
            LineKind::Text if line.number == title_line.number => blank_run = 0,
            LineKind::Text => {
                if let Some(person) = parse_roster_line(&line.text) {
                    roster.add(person, blank_run >= 2);
                } else if line.text.len() <= 30 && dates::find_full_date(&line.text).is_some() {
                    date_alone = dates::find_full_date(&line.text);
                } else if dates::parse_dateline(&line.text).is_none() {
                    lead.push(line.text.to_string());
                }
                blank_run = 0;
            }
            _ => {}
        }
    }
    let date = match (&dateline, date_alone) {
        (Some(d), _) => d.date,
        (None, Some(d)) => d,
        (None, None) => {
            return Err(InputError::new(
                title_line.number + 1,
                None,
                "no briefing date found",
                "add a line such as 'Beijing | 10 a.m. July 26, 2024' under the title",
            ))
        }
    };

    let mut translators = Vec::new();
    let blocks = blocks::build(&lines[body_start..], source, &mut translators);
    let (mut roster, mut moderators) = roster.finish();
    if moderators.is_empty() {
        // No separate moderator group: whoever opens the briefing from the roster.
        let opener = blocks.first().and_then(|b| b.label.as_deref());
        if let Some(i) = roster.iter().position(|p| Some(p.name.as_str()) == opener) {
            moderators.push(roster.remove(i));
        }
    }
    let Dateline { location, time, .. } = dateline.unwrap_or(Dateline {
        location: String::new(),
        time: None,
        date,
    });
    let series = lead
        .iter()
        .map(String::as_str)
        .chain(
            blocks
                .iter()
                .take(2)
                .flat_map(|b| &b.paragraphs)
                .map(|p| p.text.as_str()),
        )
        .find_map(find_series);
    Ok(FullTranscript {
        header: Header {
            title: title_line.text.to_string(),
            date,
            time,
            location: Some(location).filter(|l| !l.is_empty()),
            series,
            host: lead.first().and_then(|l| find_host(l)),
            lead,
            roster,
            moderators,
            translators: translators.iter().flat_map(|c| credit_names(c)).collect(),
        },
        blocks,
    })
}

pub fn no_turns(lines: &[Line<'_>]) -> InputError {
    let first = lines
        .iter()
        .find(|l| l.kind != LineKind::Blank)
        .map_or(1, |l| l.number);
    InputError::new(
        first,
        None,
        "no speaker turns found",
        "a transcript needs speaker lines such as 'Wang Hongzhi:' alone on a line, \
         each followed by what they said",
    )
}

/// "Mr. Wang Hongzhi, vice chairman of the ..." -> a person.
pub fn parse_roster_line(line: &str) -> Option<Person> {
    let (name, role) = line.split_once(", ")?;
    let (honorific, name) = split_honorific(name);
    let words: Vec<&str> = name.split(' ').collect();
    let name_like = (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        });
    let role = role.trim().trim_end_matches(['.', ';']);
    (name_like && role.split(' ').count() >= 2).then(|| Person {
        name: name.to_owned(),
        role: role.to_owned(),
        honorific: honorific.map(str::to_owned),
    })
}

pub fn split_honorific(name: &str) -> (Option<&str>, &str) {
    for h in ["Mr.", "Ms.", "Mrs.", "Miss", "Dr.", "Prof."] {
        if let Some(rest) = name.strip_prefix(h).and_then(|r| r.strip_prefix(' ')) {
            return (Some(h), rest.trim());
        }
    }
    (None, name.trim())
}

/// Reads roster lines in order. A name seen again starts a second pass (the roster
/// repeated with honorifics); inside a pass, a group after two blank lines is the
/// moderator's.
#[derive(Default)]
struct RosterReader {
    entries: Vec<(Person, usize, usize)>,
    pass: usize,
    group: usize,
}

impl RosterReader {
    fn add(&mut self, person: Person, after_gap: bool) {
        let in_this_pass = |e: &&(Person, usize, usize)| e.1 == self.pass;
        let repeated = self
            .entries
            .iter()
            .filter(in_this_pass)
            .any(|e| e.0.name == person.name);
        if repeated {
            self.pass += 1;
            self.group = 0;
        } else if after_gap && self.entries.iter().any(|e| e.1 == self.pass) {
            self.group += 1;
        }
        self.entries.push((person, self.pass, self.group));
    }

    /// (officials, moderators), each name once, honorifics merged across passes.
    fn finish(self) -> (Vec<Person>, Vec<Person>) {
        let last_group = |pass: usize| {
            self.entries
                .iter()
                .filter(|e| e.1 == pass)
                .map(|e| e.2)
                .max()
                .unwrap_or(0)
        };
        let mut officials: Vec<Person> = Vec::new();
        let mut moderators: Vec<Person> = Vec::new();
        for (person, pass, group) in &self.entries {
            let is_moderator = *group > 0 && *group == last_group(*pass);
            let list = if is_moderator {
                &mut moderators
            } else {
                &mut officials
            };
            match list.iter_mut().find(|p| p.name == person.name) {
                Some(known) => {
                    if known.honorific.is_none() {
                        known.honorific.clone_from(&person.honorific);
                    }
                }
                None => list.push(person.clone()),
            }
        }
        officials.retain(|o| !moderators.iter().any(|m| m.name == o.name));
        (officials, moderators)
    }
}

/// `as part of the series "Promoting High-Quality Development."` -> the series name.
fn find_series(text: &str) -> Option<String> {
    let at = text
        .find("series \"")
        .or_else(|| text.find("series \u{201C}"))?;
    let rest = &text[at + "series ".len()..];
    let rest = rest.trim_start_matches(['"', '\u{201C}']);
    let end = rest.find(['"', '\u{201D}'])?;
    let name = rest[..end].trim().trim_end_matches(['.', ',']);
    (!name.is_empty() && name.len() <= 100).then(|| name.to_owned())
}

/// "The State Council Information Office invited officials ..." -> the host.
fn find_host(lead: &str) -> Option<String> {
    let end = [" held ", " invited ", " hosted "]
        .iter()
        .filter_map(|verb| lead.find(verb))
        .min()?;
    let host = lead[..end].trim_start_matches("The ").trim();
    (host.split(' ').count() <= 10 && !host.is_empty()).then(|| host.to_owned())
}

/// "Translated and edited by A, B and C." -> [A, B, C]
fn credit_names(credit: &str) -> Vec<String> {
    let names = credit
        .trim_start_matches("Translated and edited by")
        .trim_start_matches("Translated by")
        .trim();
    // The names end at the first full stop; a disclaimer may follow.
    let names = names
        .split(". ")
        .next()
        .unwrap_or(names)
        .trim_end_matches('.');
    names
        .split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::lines::split;

    const SAMPLE: &str = "Briefing on things\nBeijing | 10 a.m. July 26, 2024\n\n\
        The State Council Information Office held a press conference on things.\n\n\n\
        Wang Hongzhi, vice chairman of the SASAC\n\nLin Qingmiao, director general of the bureau\n\n\n\
        Xing Huina, spokesperson of the SCIO\n\nRead in Chinese\n\n\n\
        Mr. Wang Hongzhi, vice chairman of the SASAC\n\nMs. Lin Qingmiao, director general of the bureau\n\n\n\
        Ms. Xing Huina, spokesperson of the SCIO\n\n\nJuly 26, 2024\n\n\
        Xing Huina:\n\nWelcome, as part of the series \"Promoting Things.\"\n\n\
        Xinhua News Agency:\n\nWhat?\n\nWang Hongzhi:\n\nThis.\n\n\
        Translated and edited by Wang Yiming, Li Xiao, and Zhang Rui. In case of any discrepancy, \
        the Chinese version is deemed to prevail.\n";

    #[test]
    fn header_fields() {
        let t = parse(&split(SAMPLE), 0).unwrap();
        let h = &t.header;
        assert_eq!(h.title, "Briefing on things");
        assert_eq!(h.date.to_string(), "2024-07-26");
        assert_eq!(h.time.as_deref(), Some("10:00"));
        assert_eq!(h.location.as_deref(), Some("Beijing"));
        assert_eq!(h.series.as_deref(), Some("Promoting Things"));
        assert_eq!(h.host.as_deref(), Some("State Council Information Office"));
        assert_eq!(h.lead.len(), 1);
        assert_eq!(h.translators, ["Wang Yiming", "Li Xiao", "Zhang Rui"]);
    }

    #[test]
    fn roster_is_merged_and_the_moderator_kept_apart() {
        let h = parse(&split(SAMPLE), 0).unwrap().header;
        let names: Vec<_> = h
            .roster
            .iter()
            .map(|p| (&*p.name, p.honorific.as_deref()))
            .collect();
        assert_eq!(
            names,
            [("Wang Hongzhi", Some("Mr.")), ("Lin Qingmiao", Some("Ms."))]
        );
        assert_eq!(h.moderators.len(), 1);
        assert_eq!(h.moderators[0].name, "Xing Huina");
        assert_eq!(h.moderators[0].honorific.as_deref(), Some("Ms."));
        assert_eq!(h.moderators[0].role, "spokesperson of the SCIO");
    }

    #[test]
    fn roster_lines() {
        let p = parse_roster_line("Xie Xiaobing, a person in charge of the Bureau").unwrap();
        assert_eq!(
            (p.name.as_str(), p.role.as_str()),
            ("Xie Xiaobing", "a person in charge of the Bureau")
        );
        assert!(parse_roster_line("First, we will focus on quality, and more").is_none());
        assert!(parse_roster_line("In 2023, the SASAC implemented").is_none());
    }

    #[test]
    fn missing_date_is_an_error_on_the_line_under_the_title() {
        let err = parse(&split("Title\nNo date here\n\nLi Bing:\n\nText.\n"), 0).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("date"));
    }
}
