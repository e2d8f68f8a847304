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
    /// Where the date was read: a person should check those that are guesses.
    pub date_from: DateFrom,
    /// The web page's own date, when the page shows one.
    pub published: Option<Date>,
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

pub fn parse(lines: &[Line<'_>], source: usize, file: &str) -> Result<FullTranscript, InputError> {
    let body_start = lines
        .iter()
        .position(|l| l.kind == LineKind::Label)
        .ok_or_else(|| no_turns(lines))?;
    let header_lines = &lines[..body_start];
    let title_line = title_line(header_lines).ok_or_else(|| {
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
        .take(6)
        .find_map(|l| dates::parse_dateline(&l.text));
    let published = header_lines
        .iter()
        .filter(|l| l.kind == LineKind::PageDate)
        .find_map(|l| dates::find_full_date(&l.text));

    let mut roster = RosterReader::default();
    let mut lead = Vec::new();
    let mut date_alone = None;
    let mut time_alone = None;
    let mut blank_run = 0;
    let mut heading: Option<String> = None;
    for line in header_lines {
        match line.kind {
            LineKind::Blank => blank_run += 1,
            LineKind::Heading => {
                heading = Some(super::lines::label_name(&line.text).to_lowercase());
                blank_run = 0;
            }
            LineKind::Text if line.number == title_line.number => blank_run = 0,
            LineKind::Text => {
                let (glued, text) = match strip_heading(&line.text) {
                    Some((h, rest)) => (Some(h), rest),
                    None => (None, &*line.text),
                };
                let under = glued.as_deref().or(heading.as_deref());
                if let Some(person) = parse_roster_line(text) {
                    let chairs = under.is_some_and(|h| h.starts_with("chair") || h == "host");
                    roster.add(person, blank_run >= 2 || chairs);
                } else if let Some(date) = date_line(text) {
                    date_alone = date_alone.or(Some(date));
                    time_alone = time_alone.or_else(|| dates::find_time(text));
                } else if dates::parse_dateline(text).is_none() && is_prose(text) {
                    lead.push(text.to_owned());
                }
                blank_run = 0;
            }
            _ => {}
        }
    }
    let title = clean_title(&title_line.text);
    let (date, date_from) = match (&dateline, date_alone) {
        (Some(d), _) => (d.date, DateFrom::Dateline),
        (None, Some(d)) => (d, DateFrom::Dateline),
        (None, None) => match dates::find_full_date(&title) {
            Some(d) => (d, DateFrom::Title),
            None => held_date(&lead, published, file).ok_or_else(|| {
                InputError::new(
                    title_line.number + 1,
                    None,
                    "no briefing date found: not in the title, under it, in the lead, \
                     nor on the page",
                    "add a line such as 'Beijing | 10 a.m. July 26, 2024' under the title",
                )
            })?,
        },
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
        time: time_alone,
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
            title,
            date,
            date_from,
            published,
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

/// Where a briefing's date was read, from the surest to the least sure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFrom {
    /// A date line under the title ("Beijing | 10 a.m. July 26, 2024", "7 May 2014").
    Dateline,
    Title,
    /// The lead sentence: a whole date, or a day resolved against the page's date.
    Lead,
    /// Nothing else gave one: the page's publication date.
    Published,
    /// Nothing in the text: a date in the file's name.
    FileName,
}

impl DateFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            DateFrom::Dateline => "dateline",
            DateFrom::Title => "title",
            DateFrom::Lead => "lead",
            DateFrom::Published => "published",
            DateFrom::FileName => "file name",
        }
    }

    /// A guess a person should confirm.
    pub fn is_guess(self) -> bool {
        matches!(self, DateFrom::Published | DateFrom::FileName)
    }
}

/// The date from the lead (a whole date, or "on March 1" / "on Monday" resolved
/// against the page's date), else the page's date, else a date in the file name.
pub fn held_date(lead: &[String], published: Option<Date>, file: &str) -> Option<(Date, DateFrom)> {
    if let Some(d) = lead.iter().take(3).find_map(|l| dates::find_full_date(l)) {
        return Some((d, DateFrom::Lead));
    }
    if let Some(published) = published {
        if let Some(d) = lead
            .iter()
            .take(3)
            .find_map(|l| dates::find_event_day(l))
            .and_then(|day| day.on_or_before(published))
        {
            return Some((d, DateFrom::Lead));
        }
        return Some((published, DateFrom::Published));
    }
    dates::find_full_date(&file.replace(['_', '.'], " ")).map(|d| (d, DateFrom::FileName))
}

/// The title: the first line in the header that reads like one (it names a press
/// conference, a briefing, remarks...), else the first line with three words or more.
/// Breadcrumbs and widgets are noise already; a date line or a roster line is not a
/// title.
fn title_line<'a, 'b>(header: &'b [Line<'a>]) -> Option<&'b Line<'a>> {
    const WORDS: &[&str] = &[
        "press conference",
        "briefing",
        "press release",
        "remarks",
        "transcript",
        "regular press",
        "interview",
        "q&a",
    ];
    let candidates: Vec<&Line> = header
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .filter(|l| {
            parse_roster_line(&l.text).is_none()
                && date_line(&l.text).is_none()
                && dates::parse_dateline(&l.text).is_none()
        })
        .take(8)
        .collect();
    candidates
        .iter()
        .find(|l| {
            let lower = l.text.to_lowercase();
            l.text.len() <= 200 && WORDS.iter().any(|w| lower.contains(w))
        })
        .or_else(|| {
            candidates
                .iter()
                .find(|l| l.text.split(' ').count() >= 3 && l.text.len() <= 200)
        })
        .or_else(|| candidates.first())
        .copied()
}

/// A title without the chrome glued to it: "SCIO briefing on X /, March 7, 2017
/// Adjust font size:" -> "SCIO briefing on X".
fn clean_title(title: &str) -> String {
    let mut end = title.len();
    for cut in [" /,", " / ", "Adjust font size", " | "] {
        if let Some(at) = title.find(cut) {
            end = end.min(at);
        }
    }
    let cleaned = title[..end].trim().trim_end_matches(['/', '|', '-']).trim();
    if cleaned.is_empty() {
        title.to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// A line that gives the date and little else: "March 5, 2024", "7 May 2014",
/// "Wednesday, January 8, 2020, 11:04 a.m. Bangkok, Thailand".
fn date_line(text: &str) -> Option<Date> {
    if text.len() > 90 || text.split(' ').count() > 12 || text.ends_with('.') && text.len() > 40 {
        return None;
    }
    dates::find_full_date(text)
}

/// A sentence of the lead, not a line of chrome: prose is long, or ends like a
/// sentence.
fn is_prose(text: &str) -> bool {
    let words = text.split(' ').count();
    words >= 12 || (words >= 6 && text.ends_with(['.', '!', '?', '"', '\u{201D}']))
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

/// "Chair:Xu Lin, spokesperson" -> ("chair", "Xu Lin, spokesperson"): a header fact
/// glued to its heading.
pub fn strip_heading(text: &str) -> Option<(String, &str)> {
    let (head, rest) = text.split_once([':', '：'])?;
    let head = head.trim().to_lowercase();
    (super::lines::HEADINGS.contains(&head.as_str()) && !rest.trim().is_empty())
        .then(|| (head, rest.trim()))
}

/// People a title or lead names by their office: "Foreign Ministry Spokesperson Mao
/// Ning's Regular Press Conference" -> "Mao Ning"; "Press Conference by Foreign
/// Minister MOTEGI Toshimitsu" -> "MOTEGI Toshimitsu".
pub fn titled_names(text: &str) -> Vec<String> {
    const OFFICES: &[&str] = &[
        "Spokesperson",
        "Spokesman",
        "Spokeswoman",
        "Minister",
        "Secretary",
        "Ambassador",
        "Director",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut names = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !OFFICES.contains(&w.trim_end_matches([',', ':'])) {
            continue;
        }
        let mut name = Vec::new();
        for next in &words[i + 1..] {
            let (word, possessive) = match next
                .strip_suffix("'s")
                .or_else(|| next.strip_suffix("\u{2019}s"))
            {
                Some(w) => (w, true),
                None => (next.trim_end_matches([',', '.', ':', ';']), false),
            };
            let capitalised = word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).all(|c| c.is_alphabetic() || c == '-');
            if !capitalised || ["Press", "Regular", "Conference", "Briefing", "of", "Of"].contains(&word) {
                break;
            }
            name.push(word);
            if possessive || next.ends_with([',', '.', ':', ';']) || name.len() == 3 {
                break;
            }
        }
        if (2..=3).contains(&name.len()) {
            names.push(name.join(" "));
        }
    }
    names
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
        let t = parse(&split(SAMPLE), 0, "t.txt").unwrap();
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
        let h = parse(&split(SAMPLE), 0, "t.txt").unwrap().header;
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
        let err = parse(&split("Title\nNo date here\n\nLi Bing:\n\nText.\n"), 0, "t.txt").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("date"));
    }
}
