//! A full transcript: title, "Beijing | 10 a.m. July 26, 2024", lead, roster (maybe
//! twice, the second time with honorifics), moderator, date line, then the turns.

use super::blocks::{self, Block};
use super::dates::{self, Date};
use super::lines::{Line, LineKind};
use super::model::Person;
use crate::error::Error;

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
    /// People the header names with their office ("Deputy Spokesperson Jonathan
    /// Pyle"), to resolve the labels that give only a role or a surname.
    pub named: Vec<super::podium::Named>,
}

#[derive(Debug, Clone)]
pub struct FullTranscript {
    pub header: Header,
    pub blocks: Vec<Block>,
}

pub fn parse(lines: &[Line<'_>], source: usize, file: &str) -> Result<FullTranscript, Error> {
    let body_start = body_start(lines).ok_or_else(|| no_turns(lines))?;
    let header_lines = &lines[..body_start];
    let title_line = title_line(header_lines).ok_or_else(|| {
        Error::input(
            1,
            None,
            "no title line before the first speaker",
            "put the briefing's title on the first line",
        )
    })?;
    let mut facts = HeaderFacts::default();
    for line in header_lines {
        facts.read(line, title_line.number);
    }
    let dated = facts
        .date(header_lines, &title_line.text, file)
        .ok_or_else(|| {
            Error::input(
                title_line.number + 1,
                None,
                "no briefing date found: not in the title, under it, in the lead, nor on the page",
                "add a line such as 'Beijing | 10 a.m. July 26, 2024' under the title",
            )
        })?;
    let mut translators = Vec::new();
    let blocks = blocks::build(&lines[body_start..], source, &mut translators);
    let (roster, moderators) = facts.people(&dated.title, &blocks);
    let header_texts: Vec<&str> = header_lines
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .map(|l| &*l.text)
        .collect();
    let named = super::podium::named_in(&header_texts);
    let series = facts
        .lead
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
            title: dated.title,
            date: dated.date,
            date_from: dated.from,
            published: dated.published,
            time: dated.time,
            location: dated.location,
            series,
            host: facts.lead.first().and_then(|l| find_host(l)),
            lead: facts.lead,
            roster,
            moderators,
            translators: translators.iter().flat_map(|c| credit_names(c)).collect(),
            named,
        },
        blocks,
    })
}

/// What the header's lines say, read one at a time: the roster (under its headings),
/// date lines, dates of the page, and the lead's prose.
#[derive(Default)]
struct HeaderFacts {
    roster: RosterReader,
    lead: Vec<String>,
    date_alone: Option<Date>,
    /// Whether the date line names a weekday or an hour: a held day, not a page's.
    occasion: bool,
    /// A second date line that differs from the held day: the page's.
    other_date_line: Option<Date>,
    time_alone: Option<String>,
    blank_run: usize,
    heading: Option<String>,
    glued_published: Option<Date>,
    before_title_date: Option<Date>,
}

/// The header's title and when and where the briefing was held.
struct Dated {
    title: String,
    date: Date,
    from: DateFrom,
    published: Option<Date>,
    time: Option<String>,
    location: Option<String>,
}

impl HeaderFacts {
    fn read(&mut self, line: &Line<'_>, title_line: usize) {
        match line.kind {
            LineKind::Blank => self.blank_run += 1,
            LineKind::Heading => {
                self.heading = Some(super::lines::label_name(&line.text).to_lowercase());
                self.blank_run = 0;
            }
            LineKind::Text if line.number == title_line => self.blank_run = 0,
            // Before the title: the site's chrome (menus, blog headers); a date there
            // is the page's.
            LineKind::Text if line.number < title_line => {
                if let Some(date) = date_line(&line.text) {
                    self.before_title_date = self.before_title_date.or(Some(date));
                }
            }
            LineKind::Text => {
                self.read_text(&line.text);
                self.blank_run = 0;
            }
            _ => {}
        }
    }

    fn read_text(&mut self, line: &str) {
        let (glued, text) = match strip_heading(line) {
            Some((h, rest)) => (Some(h), rest),
            None => (None, line),
        };
        let under = glued.as_deref().or(self.heading.as_deref());
        if let Some(person) = parse_roster_line(text) {
            let chairs = under.is_some_and(|h| h.starts_with("chair") || h == "host");
            self.roster.add(person, self.blank_run >= 2 || chairs);
        } else if let Some(date) = date_line(text) {
            // Two date lines that differ: the one that names the weekday or the hour is
            // the day it was held ("Thursday, November 5, 2009" under "November 6,
            // 2009"); the other is the page's.
            match self.date_alone {
                Some(first) if first != date && names_the_occasion(text) && !self.occasion => {
                    self.other_date_line = Some(first);
                    self.date_alone = Some(date);
                    self.occasion = true;
                }
                Some(first) if first != date => {
                    self.other_date_line = self.other_date_line.or(Some(date));
                }
                Some(_) => {}
                None => {
                    self.date_alone = Some(date);
                    self.occasion = names_the_occasion(text);
                }
            }
            self.time_alone = self.time_alone.take().or_else(|| dates::find_time(text));
        } else if let Some((sentence, date)) = glued_page_date(text) {
            self.lead.push(sentence.to_owned());
            self.glued_published = self.glued_published.or(Some(date));
        } else if dates::parse_dateline(text).is_none() && is_prose(text) {
            self.lead.push(text.to_owned());
        }
    }

    /// The date, from the surest source to the least: a dateline or date line, the
    /// title, the lead, the page's date, the file's name, a month.
    fn date(&self, header: &[Line<'_>], title_line: &str, file: &str) -> Option<Dated> {
        let texts = || header.iter().filter(|l| l.kind == LineKind::Text);
        let dateline = texts().take(6).find_map(|l| dates::parse_dateline(&l.text));
        let page_dated = header
            .iter()
            .filter(|l| l.kind == LineKind::PageDate)
            .find_map(|l| dates::find_full_date(&l.text));
        let (title, title_chrome_date) = clean_title(title_line);
        let title_date = dates::find_full_date(&title);
        // A title that names its day names the briefing's; a date line under a title
        // that names one is the page's.
        let (date_alone, page_date_line) = match (title_date, self.date_alone) {
            (Some(t), Some(d)) if t != d => (None, Some(d)),
            (_, d) => (d, None),
        };
        let published = page_dated
            .or(title_chrome_date)
            .or(self.glued_published)
            .or(page_date_line)
            .or(self.other_date_line.filter(|_| self.occasion))
            .or(self.before_title_date);
        let (date, from) = match (&dateline, date_alone, title_date) {
            (Some(d), _, _) => (d.date, DateFrom::Dateline),
            (None, Some(d), _) => (d, DateFrom::Dateline),
            (None, None, Some(d)) => (d, DateFrom::Title),
            (None, None, None) => {
                held_date(&self.lead, published, file).or_else(|| month_date(&[title.as_str()]))?
            }
        };
        let (location, time) = match dateline {
            Some(d) => (Some(d.location).filter(|l| !l.is_empty()), d.time),
            None => (None, self.time_alone.clone()),
        };
        Some(Dated {
            title,
            date,
            from,
            published,
            time,
            location,
        })
    }

    /// (officials, moderators): the roster's, else the lead's or the title's people.
    /// Without a moderator group, whoever of a roster of several opens the briefing
    /// moderates; a roster of one is the one who answers, even if they also open.
    fn people(&mut self, title: &str, blocks: &[Block]) -> (Vec<Person>, Vec<Person>) {
        let (mut roster, mut moderators) = std::mem::take(&mut self.roster).finish();
        if roster.is_empty() {
            roster = roster_from_text(title, &self.lead);
        }
        if moderators.is_empty() && roster.len() > 1 {
            let opener = blocks.first().and_then(|b| b.label.as_deref());
            if let Some(i) = roster.iter().position(|p| Some(p.name.as_str()) == opener) {
                moderators.push(roster.remove(i));
            }
        }
        (roster, moderators)
    }
}

impl Header {
    /// What to tell a person when the date is a guess: where it came from, what to do.
    pub fn date_warning(&self, what: &str) -> Option<String> {
        self.date_from.is_guess().then(|| {
            format!(
                "the {what} does not say when the briefing was held: its date {} is the {}'s; \
                 correct `date` in _index.md if it is wrong",
                self.date,
                self.date_from.as_str()
            )
        })
    }
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
    /// Only the month is given ("August 2016"): its first day.
    Month,
}

impl DateFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            DateFrom::Dateline => "dateline",
            DateFrom::Title => "title",
            DateFrom::Lead => "lead",
            DateFrom::Published => "published",
            DateFrom::FileName => "file name",
            DateFrom::Month => "month",
        }
    }

    /// A guess a person should confirm.
    pub fn is_guess(self) -> bool {
        matches!(
            self,
            DateFrom::Published | DateFrom::FileName | DateFrom::Month
        )
    }
}

/// The date from the lead (a whole date, or "on March 1" / "on Monday" resolved
/// against the page's date), else the page's date, else a date in the file name.
pub fn held_date(lead: &[String], published: Option<Date>, file: &str) -> Option<(Date, DateFrom)> {
    if let Some(d) = lead.iter().take(3).find_map(|l| dates::find_full_date(l)) {
        return Some((d, DateFrom::Lead));
    }
    let named = file_name_date(file);
    // "On Monday", "on March 1": the day before or on the page's date (or the file's).
    if let Some(anchor) = published.or(named) {
        if let Some(d) = lead
            .iter()
            .take(3)
            .find_map(|l| dates::find_event_day_ref(l))
            .and_then(|day| day.on_or_before(anchor))
        {
            return Some((d, DateFrom::Lead));
        }
    }
    match (published, named) {
        (Some(p), _) => Some((p, DateFrom::Published)),
        (None, Some(n)) => Some((n, DateFrom::FileName)),
        (None, None) => None,
    }
}

/// "August 2016" in a title or lead: the first of the month, when nothing gives the
/// day (marked as a guess).
pub fn month_date(texts: &[&str]) -> Option<(Date, DateFrom)> {
    for text in texts {
        let words: Vec<&str> = text.split_whitespace().collect();
        for pair in words.windows(2) {
            let month = dates::find_full_date(&format!("{} 1, {}", pair[0], pair[1]));
            if let Some(d) = month {
                if pair[1].trim_end_matches([',', '.']).len() == 4 {
                    return Some((d, DateFrom::Month));
                }
            }
        }
    }
    None
}

/// "un-noon-2024-05-20.txt", "briefing_20240520.txt" -> 2024-05-20.
fn file_name_date(file: &str) -> Option<Date> {
    let digits: Vec<(usize, char)> = file.char_indices().collect();
    for (i, _) in digits.iter().enumerate() {
        let rest: String = digits[i..].iter().map(|(_, c)| *c).take(10).collect();
        let compact: String = rest.chars().take(8).collect();
        let at_boundary = i == 0 || !digits[i - 1].1.is_ascii_digit();
        if !at_boundary {
            continue;
        }
        if let Some(d) = Date::parse_iso(&rest) {
            return Some(d);
        }
        if compact.len() == 8
            && compact.bytes().all(|b| b.is_ascii_digit())
            && digits.get(i + 8).is_none_or(|(_, c)| !c.is_ascii_digit())
        {
            let iso = format!("{}-{}-{}", &compact[..4], &compact[4..6], &compact[6..]);
            if let Some(d) = Date::parse_iso(&iso) {
                return Some(d);
            }
        }
    }
    None
}

/// The title: the first line in the header that reads like one (it names a press
/// conference, a briefing, remarks...), else the first line with three words or more.
/// Breadcrumbs and widgets are noise already; a date line or a roster line is not a
/// title.
pub fn title_line<'a, 'b>(header: &'b [Line<'a>]) -> Option<&'b Line<'a>> {
    let candidates: Vec<&Line> = header
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .filter(|l| {
            parse_roster_line(&l.text).is_none() && dates::parse_dateline(&l.text).is_none()
        })
        .take(10)
        .collect();
    // The line that reads most like a title; among equals, the first.
    let best = candidates
        .iter()
        .filter(|l| l.text.len() <= 200)
        .map(|l| (title_weight(&l.text), l))
        .filter(|(w, _)| *w > 0)
        .max_by_key(|(w, l)| (*w, std::cmp::Reverse(l.number)));
    best.map(|(_, l)| *l)
        .or_else(|| {
            candidates.iter().copied().find(|l| {
                l.text.split(' ').count() >= 3
                    && l.text.len() <= 200
                    && date_line(&l.text).is_none()
            })
        })
        .or_else(|| candidates.first().copied())
}

/// How much a line reads like a briefing's title: it names a press conference or a
/// briefing (more when it also names who gives it or when), in a few words.
pub fn title_weight(text: &str) -> u32 {
    // A title in Chinese names the press conference ("例行新闻发布会", "记者会") and
    // has no spaces to count words by.
    const CJK_TITLES: &[&str] = &[
        "发布会",
        "發佈會",
        "發布會",
        "记者会",
        "記者會",
        "答记者问",
        "答記者問",
        "吹风会",
        "吹風會",
    ];
    if !text.is_ascii()
        && text.chars().count() >= 6
        && text.chars().count() <= 80
        && !text.ends_with(['。', '.'])
        && CJK_TITLES.iter().any(|w| text.contains(w))
    {
        return 12;
    }
    let lower = text.to_lowercase();
    let words = text.split(' ').count();
    let mut weight = 0;
    for (phrase, w) in [
        ("press conference", 3),
        ("press briefing", 3),
        ("media briefing", 3),
        ("briefing", 2),
        ("remarks", 2),
        ("transcript", 2),
        ("interview", 1),
        ("q&a", 1),
    ] {
        if lower.contains(phrase) {
            weight = weight.max(w);
        }
    }
    // A sentence is a lead, not a title; a "Briefing Room" is a place.
    if weight == 0
        || words < 3
        || text.ends_with('.')
        || text.contains(". ")
        || lower.contains("briefing room")
    {
        return 0;
    }
    // "Press Conferences" (a section's name) is weaker than a title that says more.
    weight * 4 + u32::from(words >= 5) * 2 + u32::from(dates::find_full_date(text).is_some())
}

/// A title without the chrome glued to it: "SCIO briefing on X /, March 7, 2017
/// Adjust font size:" -> "SCIO briefing on X".
pub fn clean_title(title: &str) -> (String, Option<Date>) {
    let mut end = title.len();
    for cut in [" /,", " / ", "Adjust font size", " | "] {
        if let Some(at) = title.find(cut) {
            end = end.min(at);
        }
    }
    let cleaned = title[..end].trim().trim_end_matches(['/', '|', '-']).trim();
    if cleaned.is_empty() {
        (title.to_owned(), None)
    } else {
        // The chrome cut off may carry the page's date.
        (cleaned.to_owned(), dates::find_full_date(&title[end..]))
    }
}

/// "A press conference was held Monday on ...  August 29, 2018": a lead with the
/// page's date glued to its end -> the sentence, and the date.
fn glued_page_date(text: &str) -> Option<(&str, Date)> {
    let (sentence, tail) = text.rsplit_once(". ")?;
    let date = dates::find_full_date(tail)?;
    (tail.split(' ').count() <= 5).then(|| (&text[..sentence.len() + 1], date))
}

/// A line that gives the date and little else: "March 5, 2024", "7 May 2014",
/// "Wednesday, January 8, 2020, 11:04 a.m. Bangkok, Thailand".
/// "Thursday, November 5, 2009", "February 20, 2018 14:30 KST": a line that says
/// when something happened, not only which day a page bears.
fn names_the_occasion(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| lower.contains(d))
        || dates::find_time(text).is_some()
}

fn date_line(text: &str) -> Option<Date> {
    if text.len() > 90
        || text.split(' ').count() > 12
        || text.ends_with('.') && text.len() > 40
        || title_weight(text) > 0
    {
        return None;
    }
    dates::find_full_date(text)
}

/// A sentence of the lead, not a line of chrome: prose is long, or ends like a
/// sentence.
pub fn is_prose(text: &str) -> bool {
    let words = text.split(' ').count();
    words >= 12 || (words >= 6 && text.ends_with(['.', '!', '?', '"', '\u{201D}']))
}

/// Where the turns begin: at the first label, or at the unlabelled question just
/// before it when a page opens with one ("What will the target be? ..." then
/// "Li Bing: ..."): a question is not the lead.
pub fn body_start(lines: &[Line<'_>]) -> Option<usize> {
    let first_label = lines.iter().position(|l| l.kind == LineKind::Label)?;
    let Some(before) = lines[..first_label]
        .iter()
        .rposition(|l| l.kind == LineKind::Text)
    else {
        return Some(first_label);
    };
    let line = &lines[before];
    let texts_before = lines[..before]
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .count();
    let asks = line.text.trim_end().ends_with(['?', '\u{FF1F}'])
        && line.text.split(' ').count() >= 5
        && texts_before >= 1
        && title_weight(&line.text) == 0;
    Some(if asks { before } else { first_label })
}

pub fn no_turns(lines: &[Line<'_>]) -> Error {
    let first = lines
        .iter()
        .find(|l| l.kind != LineKind::Blank)
        .map_or(1, |l| l.number);
    Error::input(
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
        && words.iter().enumerate().all(|(i, w)| {
            let mut cs = w.chars();
            // A middle initial: "Jonathan R. Hoffman".
            let initial = i > 0 && w.len() == 2 && w.ends_with('.');
            initial
                || cs.next().is_some_and(char::is_uppercase)
                    && cs.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
        && !words
            .iter()
            .any(|w| NOT_NAMES.contains(w) || PLACE_WORDS.contains(w));
    let role = role.trim().trim_end_matches(['.', ';']);
    // An announcement ("Han Zheng, Vice Premier, will attend ...") is not a roster line.
    let says_something = [
        " will ", " would ", " has ", " have ", " said ", " is ", " was ",
    ]
    .iter()
    .any(|v| role.contains(v));
    (name_like && role.split(' ').count() >= 2 && !says_something).then(|| Person {
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
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| is_office(w))
        .filter_map(|(i, _)| {
            // Ranks and honorifics between the office and the name.
            let rest = &words[i + 1..];
            let start = rest.iter().take_while(|w| RANKS.contains(w)).count();
            let name = name_at(&rest[start..]);
            (2..=3).contains(&name.len()).then(|| name.join(" "))
        })
        .collect()
}

/// [`titled_names`] with the office before each name: "Press Conference by Prime
/// Minister Jacinda Ardern" -> ("Prime Minister", "Jacinda Ardern").
pub fn offices_and_names(text: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .iter()
        .enumerate()
        .filter(|(_, w)| is_office(w))
        .filter_map(|(i, _)| {
            let rest = &words[i + 1..];
            let start = rest.iter().take_while(|w| RANKS.contains(w)).count();
            let name = name_at(&rest[start..]);
            if !(2..=3).contains(&name.len()) {
                return None;
            }
            // The office: its word and the capitalised words before it ("Deputy
            // Press Secretary"), not the sentence's ("Briefing by").
            let before = words[..i]
                .iter()
                .rev()
                .take_while(|w| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !w.ends_with([',', ':', '.', '\''])
                        && ![
                            "Conference",
                            "Briefing",
                            "Remarks",
                            "Transcript",
                            "Interview",
                            "Doorstop",
                            "Gaggle",
                            "Statement",
                            "Holds",
                            "Gives",
                            "By",
                            "With",
                            "And",
                            "The",
                            "Regular",
                            "Of",
                            "At",
                            "On",
                            "In",
                            "For",
                            "To",
                        ]
                        .contains(w)
                })
                .take(3)
                .count();
            let office = words[i - before..=i]
                .iter()
                .map(|w| w.trim_end_matches([',', ':']))
                .collect::<Vec<_>>()
                .join(" ");
            Some((office, name.join(" ")))
        })
        .collect()
}

/// Words of a place or a header's field, never of a person's name ("Location New
/// Executive Building, Manila", "Doorstop Interview, Electorate Office, Hornsby").
const PLACE_WORDS: &[&str] = &[
    "Location",
    "Venue",
    "Place",
    "Date",
    "Time",
    "Building",
    "Office",
    "Street",
    "St",
    "Road",
    "Hall",
    "Room",
    "House",
    "Centre",
    "Center",
    "School",
    "Airport",
    "Station",
    "Palace",
    "Electorate",
    "Parliament",
    "Embassy",
    "Hotel",
    "Square",
    "Park",
    "Route",
    "Aboard",
    "Subjects",
    "Subject",
    "Topics",
    "Interview",
];

const OFFICES: &[&str] = &[
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Minister",
    "Secretary",
    "Ambassador",
    "Director",
    "Premier",
    "President",
    "Chancellor",
    "Governor",
    "Chairman",
    "Chairwoman",
    "Commissioner",
    "Mayor",
    "Treasurer",
    "Taoiseach",
    "Secretary-General",
    "Advisor",
    "Adviser",
    "Coordinator",
    "Envoy",
    "Counselor",
    "Counsellor",
];

const RANKS: &[&str] = &[
    "Colonel", "Senior", "General", "Madam", "Mr.", "Ms.", "Dr.", "Mr", "Ms", "Dr",
];

/// Capitalised words that are not part of a name after an office.
const NOT_NAMES: &[&str] = &[
    "Press",
    "Regular",
    "Conference",
    "Briefing",
    "Remarks",
    "Holds",
    "Hold",
    "Gives",
    "Delivers",
    "Briefs",
    "Speaks",
    "Answers",
    "Takes",
    "Meets",
    "Attends",
    "At",
    "On",
    "In",
    "With",
    "And",
    "To",
    "For",
    "Of",
    "The",
    "A",
    "An",
    "of",
    "Ministry",
    "Department",
    "Office",
    "Bureau",
    "Council",
    "Commission",
    "Committee",
    "Government",
    "State",
    "General",
    // A genre, a place or an occasion is no one's name ("Prime Minister Doorstop
    // Interview", "Minister Joint Press Statement").
    "Doorstop",
    "Interview",
    "Interviews",
    "Transcript",
    "Media",
    "Statement",
    "Statements",
    "Address",
    "Speech",
    "Joint",
    "Availability",
    "Gaggle",
    "Roundtable",
    "Visit",
    "Meeting",
    "Call",
    "Update",
    "Announcement",
    "Launch",
    "Opening",
    "Closing",
    "Q&A",
    "Questions",
    "Video",
    "Audio",
    "Live",
    "News",
    "Message",
    "Discussion",
    "Presser",
    "Event",
    "En",
    "Route",
    "Aboard",
    "After",
    "Before",
    "During",
    "Following",
    "Via",
    "Meets",
    "Met",
    "Summit",
    "Forum",
    "Today",
];

/// An office as a title ("Spokesperson", "Minister"); "spokesman" also in running
/// text ("Defense Ministry spokesman Colonel Wu Qian").
fn is_office(word: &str) -> bool {
    let office = word.trim_end_matches([',', ':']);
    let mut capitalised = office.to_owned();
    if let Some(first) = capitalised.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    OFFICES.contains(&office)
        || office.starts_with("spokes") && OFFICES.contains(&capitalised.as_str())
}

/// The capitalised words of a name at the start of `words`, up to a possessive, a
/// punctuation mark or three words.
fn name_at<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut name = Vec::new();
    for next in words {
        let (word, possessive) = match next
            .strip_suffix("'s")
            .or_else(|| next.strip_suffix("\u{2019}s"))
        {
            Some(w) => (w, true),
            None => (next.trim_end_matches([',', '.', ':', ';']), false),
        };
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().skip(1).all(|c| c.is_alphabetic() || c == '-');
        if !capitalised || NOT_NAMES.contains(&word) {
            break;
        }
        name.push(word);
        if possessive || next.ends_with([',', '.', ':', ';']) || name.len() == 3 {
            break;
        }
    }
    name
}

/// A page with no roster: the people the lead lists with their roles ("... a
/// briefing at which Zhao Chenxin, Vice Chairman of the NDRC, Shan Zhongde, ...,
/// introduced ..."), else the official the title or lead names by office ("Foreign
/// Ministry Spokesperson Hong Lei's Regular Press Conference").
pub fn roster_from_text(title: &str, lead: &[String]) -> Vec<Person> {
    let listed: Vec<Person> = lead.iter().take(2).flat_map(|l| lead_roster(l)).collect();
    if !listed.is_empty() {
        return listed;
    }
    std::iter::once(title)
        .chain(lead.iter().map(String::as_str))
        .flat_map(offices_and_names)
        .take(1)
        .map(|(office, name)| Person {
            name,
            role: office,
            honorific: None,
        })
        .collect()
}

/// People and roles listed in a lead sentence that introduces the briefing: runs of
/// "Name, role," where the name is two or three capitalised words and the role names
/// an office. Only in a sentence about the briefing itself, so that people the lead
/// merely mentions are not taken.
pub fn lead_roster(sentence: &str) -> Vec<Person> {
    let lower = sentence.to_lowercase();
    let about_briefing = ["briefing", "press conference"]
        .iter()
        .any(|w| lower.contains(w))
        && [
            " at which ",
            " with ",
            " by ",
            "attended",
            "introduced",
            "answered",
            "briefed",
        ]
        .iter()
        .any(|w| lower.contains(w));
    if !about_briefing {
        return Vec::new();
    }
    let parts: Vec<&str> = sentence
        .split([',', ';'])
        .map(|p| p.trim().trim_start_matches("and ").trim())
        .collect();
    let mut people = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        // The name may follow the sentence's own words: "at which Zhao Chenxin".
        let words: Vec<&str> = part.split(' ').collect();
        let tail: Vec<&str> = words
            .iter()
            .rev()
            .take_while(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-')
            })
            .copied()
            .collect();
        if !(2..=3).contains(&tail.len()) {
            continue;
        }
        let name: Vec<&str> = tail.into_iter().rev().collect();
        let Some(role) = parts.get(i + 1) else {
            continue;
        };
        let role_lower = role.to_lowercase();
        let is_role = [
            "minister",
            "director",
            "chairman",
            "head",
            "spokesperson",
            "governor",
            "president",
            "secretary",
            "deputy",
            "commissioner",
        ]
        .iter()
        .any(|w| role_lower.contains(w));
        if is_role && role.split(' ').count() <= 20 {
            people.push(Person {
                name: name.join(" "),
                role: role.trim_end_matches('.').to_owned(),
                honorific: None,
            });
        }
    }
    people
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
pub fn credit_names(credit: &str) -> Vec<String> {
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
        let err = parse(
            &split("A briefing on things\nNo date here\n\nLi Bing:\n\nText.\n"),
            0,
            "t.txt",
        )
        .unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("date"));
    }
}
