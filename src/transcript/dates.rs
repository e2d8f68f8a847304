//! Dates and times as transcripts write them: "July 26, 2024", "24 April 2015",
//! "2019/04/23", "Jan. 24", "on Monday", "10 a.m.", "Beijing | 10 a.m. July 26, 2024".

use std::fmt;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// `2024-07-26`, a day of the calendar (not `2024-13-45`).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = &text[range];
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Date::new(number(0..4)?, month, day)
    }

    /// The day of the week, 0 = Monday .. 6 = Sunday (proleptic Gregorian calendar).
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday.
        (self.days_since_epoch() + 3).rem_euclid(7) as u8
    }

    /// Days from `self` to `later` (negative when `later` is before).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// Days since 1970-01-01 (negative before it), after Howard Hinnant's
    /// `days_from_civil`.
    fn days_since_epoch(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The inverse of `days_since_epoch` (Hinnant's `civil_from_days`); `None` outside
    /// the years a `Date` holds.
    fn from_days_since_epoch(days: i64) -> Option<Date> {
        let days = days.checked_add(719_468)?;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date without its year, as summaries and lead sentences give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub month: u8,
    pub day: u8,
}

impl MonthDay {
    /// The latest such day on or before `not_after`: a page published on Feb. 6, 2024
    /// that reports a briefing "on Jan. 24" means Jan. 24, 2024; one on Dec. 30 means
    /// the year before.
    pub fn on_or_before(self, not_after: Date) -> Option<Date> {
        let year = if (self.month, self.day) <= (not_after.month, not_after.day) {
            not_after.year
        } else {
            not_after.year.checked_sub(1)?
        };
        Date::new(year, self.month, self.day)
    }
}

/// A day that a lead sentence names without its year: "on Jan. 24", "on 24 April", or
/// only its weekday: "on Monday".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRef {
    MonthDay(MonthDay),
    /// 0 = Monday .. 6 = Sunday.
    Weekday(u8),
}

impl DayRef {
    /// The latest such day on or before `not_after` (the same day counts): for a month
    /// and day see [`MonthDay::on_or_before`]; a page published on Wednesday, Aug. 29,
    /// 2018 that reports a briefing "on Monday" means Aug. 27.
    pub fn on_or_before(self, not_after: Date) -> Option<Date> {
        match self {
            DayRef::MonthDay(md) => md.on_or_before(not_after),
            DayRef::Weekday(weekday) if weekday <= 6 => {
                let back = (not_after.weekday() + 7 - weekday) % 7;
                Date::from_days_since_epoch(not_after.days_since_epoch() - i64::from(back))
            }
            DayRef::Weekday(_) => None,
        }
    }
}

/// A word of the text with the byte offset where it starts.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    start: usize,
    text: &'a str,
}

/// Characters that stay inside a word: letters and digits, and the punctuation that
/// dates and abbreviations carry ("Jan.", "26,", "2024-07-26", "2019/04/23", "Friday's").
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | ',' | '-' | '/' | '\'' | '’')
}

/// Splits text into words at whitespace and at other punctuation ("(July", "Updated:"),
/// and also where words are glued together: "China.org.cnUpdated" (a capital after a
/// lower-case letter), "cn2024-02-06" and "Jan.24" (a digit after a letter or after an
/// abbreviation's dot). Leading punctuation is not part of a word.
fn tokens(text: &str) -> Vec<Token<'_>> {
    fn push<'a>(out: &mut Vec<Token<'a>>, text: &'a str, start: usize, end: usize) {
        let word = &text[start..end];
        let trimmed = word.trim_start_matches(['.', ',', '-', '/', '\'', '’']);
        if !trimmed.is_empty() {
            out.push(Token {
                start: start + (word.len() - trimmed.len()),
                text: trimmed,
            });
        }
    }
    let mut out = Vec::new();
    let mut start = None;
    let (mut prev, mut before_prev) = (None::<char>, None::<char>);
    for (i, c) in text.char_indices() {
        if !is_word_char(c) {
            if let Some(s) = start.take() {
                push(&mut out, text, s, i);
            }
            (prev, before_prev) = (None, None);
            continue;
        }
        match start {
            Some(s) => {
                let glued = match (before_prev, prev) {
                    (_, Some(p)) if p.is_lowercase() && c.is_uppercase() => true,
                    (_, Some(p)) if p.is_alphabetic() && c.is_ascii_digit() => true,
                    (Some(q), Some('.')) if q.is_alphabetic() && c.is_ascii_digit() => true,
                    _ => false,
                };
                if glued {
                    push(&mut out, text, s, i);
                    start = Some(i);
                }
            }
            None => start = Some(i),
        }
        (prev, before_prev) = (Some(c), prev);
    }
    if let Some(s) = start {
        push(&mut out, text, s, text.len());
    }
    out
}

/// The months' names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// "26 July 2024", as pages show a date.
    pub fn long_text(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTH_NAMES[usize::from(self.month - 1)],
            self.year
        )
    }
}

fn month_number(word: &str) -> Option<u8> {
    let word = word.trim_end_matches(',');
    let had_dot = word.ends_with('.');
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| {
            let starts = m.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(&w));
            m.eq_ignore_ascii_case(&w)
            // Abbreviations must be written as such ("Jan.", "Sept", "Aug."), so that
            // "Mar" in a name or "may" the verb are not months.
            || (w.len() >= 3 && starts && (had_dot || w.len() >= 4) && w != "marc")
            // Three-letter forms without a dot ("Jan 13, 2020") but "Mar", a name too.
            || (w.len() == 3 && starts && w != "mar" && w != "may")
        })
        .map(|i| i as u8 + 1)
        .filter(|_| word.chars().next().is_some_and(char::is_uppercase))
}

/// "Monday", "Tues.", "Fri." (capitalised; abbreviations with their dot): 0 = Monday.
fn weekday_number(word: &str) -> Option<u8> {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = word.trim_end_matches(',');
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let had_dot = word.ends_with('.');
    let w = word.trim_end_matches('.').to_lowercase();
    WEEKDAYS
        .iter()
        .position(|d| *d == w || (had_dot && w.len() >= 3 && d.starts_with(&w)))
        .map(|i| i as u8)
}

fn day_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches([',', '.']);
    let w = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(w);
    (w.len() <= 2 && !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// A day written before its month ("24 April", "24th of April"): no comma or dot after
/// it, so that "5, May" or a sentence's last number is not taken.
fn leading_day_number(word: &str) -> Option<u8> {
    if word.ends_with([',', '.']) {
        return None;
    }
    day_number(word)
}

fn year_number(word: &str) -> Option<u16> {
    let w = word.trim_end_matches([',', '.', ')', ';']);
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
}

/// A month and day starting at word `i`: "Jan. 24", "March 1st", "24 April",
/// "24th of April". Returns it with the number of words it takes.
fn month_day_at(words: &[Token<'_>], i: usize) -> Option<(MonthDay, usize)> {
    let word = |k: usize| words.get(k).map(|t| t.text);
    if let (Some(month), Some(day)) = (month_number(word(i)?), word(i + 1).and_then(day_number)) {
        return Some((MonthDay { month, day }, 2));
    }
    let day = leading_day_number(word(i)?)?;
    let (month_at, len) = if word(i + 1) == Some("of") {
        (i + 2, 3)
    } else {
        (i + 1, 2)
    };
    let month = month_number(word(month_at)?)?;
    Some((MonthDay { month, day }, len))
}

/// "2024-07-26", "2024-6-7", "2019/04/23", "2019.04.23" at the start of a word: the
/// year first with four digits, the same separator twice, and nothing after the day
/// that would make it a longer number ("2024-07-26-1", "2019.04.230").
fn numeric_date(word: &str) -> Option<Date> {
    let b = word.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sep = b[4];
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let month_len = digits(5);
    if !(1..=2).contains(&month_len) || b.get(5 + month_len) != Some(&sep) {
        return None;
    }
    let day_at = 5 + month_len + 1;
    let day_len = digits(day_at);
    if !(1..=2).contains(&day_len) {
        return None;
    }
    match &b[day_at + day_len..] {
        [c, d, ..] if matches!(c, b'-' | b'/' | b'.' | b',') && d.is_ascii_digit() => return None,
        _ => {}
    }
    // Every slice boundary below falls between ASCII digits and separators.
    let year = year_number(&word[..4])?;
    let month = word[5..5 + month_len].parse().ok()?;
    let day = word[day_at..day_at + day_len].parse().ok()?;
    Date::new(year, month, day)
}

/// A complete date starting at word `i`, with the number of words it takes.
fn full_date_at(words: &[Token<'_>], i: usize) -> Option<(Date, usize)> {
    if let Some(date) = numeric_date(words[i].text) {
        return Some((date, 1));
    }
    let (md, len) = month_day_at(words, i)?;
    let year = year_number(words.get(i + len)?.text)?;
    Some((Date::new(year, md.month, md.day)?, len + 1))
}

/// Every complete date in the text with the byte offset where it starts, in order:
/// "July 26, 2024", "Jan. 24, 2024", "Sept. 5 2024", "July 26th, 2024", "24 April 2015",
/// "24th April, 2015", "2024-07-26", "2024-6-7", "2019/04/23", "2019.04.23". A weekday
/// before the date ("Wednesday, January 8, 2020") is not part of it: the offset is that
/// of the month. A month and day without a year ("May 5") is not a complete date.
pub fn find_all_dates(text: &str) -> Vec<(usize, Date)> {
    let words = tokens(text);
    let mut found = if text.is_ascii() {
        Vec::new()
    } else {
        cjk_dates(text)
    };
    let mut i = 0;
    while i < words.len() {
        match full_date_at(&words, i) {
            Some((date, len)) => {
                found.push((words[i].start, date));
                i += len;
            }
            None => i += 1,
        }
    }
    found.sort_by_key(|&(at, _)| at);
    found
}

/// "2017年12月07日", "2024年7月26日": dates as Chinese and Japanese write them.
fn cjk_dates(text: &str) -> Vec<(usize, Date)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('年') {
        let before = &text[..at];
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits != 4 {
            continue;
        }
        let start = at - 4;
        let number = |s: &str| -> Option<(u16, usize)> {
            let n = s.bytes().take_while(u8::is_ascii_digit).count();
            ((1..=2).contains(&n))
                .then(|| (s[..n].parse().ok(), n))
                .and_then(|(v, n)| Some((v?, n)))
        };
        let rest = &text[at + '年'.len_utf8()..];
        let Some((month, m)) = number(rest) else {
            continue;
        };
        let Some(rest) = rest[m..].strip_prefix('月') else {
            continue;
        };
        let Some((day, d)) = number(rest) else {
            continue;
        };
        if !rest[d..].starts_with(['日', '号']) {
            continue;
        }
        let year: u16 = text[start..at].parse().unwrap_or(0);
        if let Some(date) = Date::new(year, month as u8, day as u8) {
            found.push((start, date));
        }
    }
    found
}

/// The first complete date in the text, by position; see [`find_all_dates`].
pub fn find_full_date(text: &str) -> Option<Date> {
    let words = tokens(text);
    (0..words.len()).find_map(|i| full_date_at(&words, i).map(|(date, _)| date))
}

/// Every day a lead names, in order: a month and day or a weekday after "on" ("on
/// Jan. 24", "on 24 April", "on March 1st", "on Monday", "on Tuesday afternoon"), or a
/// weekday and comma that open the text ("Monday, the spokesperson said"). A weekday
/// followed by its date ("on Wednesday, January 8") gives the date.
fn event_day_refs(text: &str) -> impl Iterator<Item = DayRef> + '_ {
    let words = tokens(text);
    (0..words.len()).filter_map(move |i| {
        let after_on = i > 0 && words[i - 1].text.eq_ignore_ascii_case("on");
        let opening = i == 0 && words[0].text.ends_with(',');
        if after_on {
            if let Some((md, _)) = month_day_at(&words, i) {
                return Some(DayRef::MonthDay(md));
            }
        }
        if !(after_on || opening) {
            return None;
        }
        let weekday = weekday_number(words[i].text)?;
        Some(match month_day_at(&words, i + 1) {
            Some((md, _)) => DayRef::MonthDay(md),
            None => DayRef::Weekday(weekday),
        })
    })
}

/// The date of an event as a lead sentence gives it: "held a press conference on
/// Jan. 24 in Beijing", "On July 26, the State Council ...", "on 24 April". Only a
/// month and day that follow "on" count, so that other dates in the sentence are not
/// taken; a weekday ("on Monday") is skipped (see [`find_event_day_ref`]).
pub fn find_event_day(text: &str) -> Option<MonthDay> {
    event_day_refs(text).find_map(|r| match r {
        DayRef::MonthDay(md) => Some(md),
        DayRef::Weekday(_) => None,
    })
}

/// The first day a lead names, a month and day or only a weekday: see
/// [`find_event_day`] and [`DayRef`]. "Friday's briefing" does not count.
pub fn find_event_day_ref(text: &str) -> Option<DayRef> {
    event_day_refs(text).next()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
    Noon,
}

fn meridiem(word: &str) -> Option<Meridiem> {
    match word
        .trim_end_matches([',', ';', ')', ']'])
        .to_lowercase()
        .as_str()
    {
        "a.m." | "am" | "a.m" => Some(Meridiem::Am),
        "p.m." | "pm" | "p.m" => Some(Meridiem::Pm),
        "noon" => Some(Meridiem::Noon),
        _ => None,
    }
}

/// "10am", "11:04a.m.", "2PM": the clock and the meridiem glued to it.
fn glued_meridiem(word: &str) -> (&str, Option<Meridiem>) {
    let lower = word.to_ascii_lowercase();
    for suffix in ["a.m.", "p.m.", "a.m", "p.m", "am", "pm"] {
        if lower.ends_with(suffix) {
            // The suffix is ASCII, so the byte before it ends a character.
            let clock = &word[..word.len() - suffix.len()];
            if clock.ends_with(|c: char| c.is_ascii_digit()) {
                return (clock, meridiem(suffix));
            }
        }
    }
    (word, None)
}

/// "10 a.m." -> "10:00", "3:30 p.m." -> "15:30", "2:02 P.M. EDT" -> "14:02",
/// "11:04 a.m.," -> "11:04", "10am" -> "10:00", "11.30 a.m." -> "11:30",
/// "12 noon" -> "12:00", "10:00" -> "10:00". The time zone, if any, is not read.
pub fn find_time(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().enumerate().find_map(|(i, w)| {
        let w = w
            .trim_start_matches(['(', '['])
            .trim_end_matches([',', ';', ')', ']']);
        let (clock, glued) = glued_meridiem(w);
        let meridiem = glued.or_else(|| words.get(i + 1).and_then(|n| meridiem(n)));
        let colon = clock.split_once(':');
        let (h, m) = match colon {
            Some(parts) => parts,
            None => match clock.split_once('.') {
                Some(parts) if meridiem.is_some() => parts,
                _ => (clock, "00"),
            },
        };
        let number = |s: &str| -> Option<u8> {
            (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let hour = number(h).filter(|h| *h <= 23)?;
        if m.len() != 2 {
            return None;
        }
        let minute = number(m).filter(|m| *m <= 59)?;
        let hour = match meridiem {
            Some(Meridiem::Am) if (1..=12).contains(&hour) => hour % 12,
            Some(Meridiem::Pm) if (1..=12).contains(&hour) => hour % 12 + 12,
            Some(Meridiem::Noon) if hour == 12 => 12,
            _ if colon.is_some() => hour,
            _ => return None,
        };
        Some(format!("{hour:02}:{minute:02}"))
    })
}

/// "Beijing | 10 a.m. July 26, 2024": where and when, on the line under the title.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    pub location: String,
    pub time: Option<String>,
    pub date: Date,
}

pub fn parse_dateline(line: &str) -> Option<Dateline> {
    let (place, when) = line.split_once('|')?;
    let place = place.trim();
    if place.is_empty() || place.len() > 60 || place.contains(['.', '?']) {
        return None;
    }
    Some(Dateline {
        location: place.to_owned(),
        time: find_time(when),
        date: find_full_date(when)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dates() {
        assert_eq!(
            find_full_date("July 26, 2024").unwrap().to_string(),
            "2024-07-26"
        );
        assert_eq!(
            find_full_date("China.org.cn | February 6, 2024")
                .unwrap()
                .to_string(),
            "2024-02-06"
        );
        assert_eq!(
            find_full_date("Jan. 24, 2024").unwrap().to_string(),
            "2024-01-24"
        );
        assert_eq!(
            find_full_date("on 2024-07-26.").unwrap().to_string(),
            "2024-07-26"
        );
        assert_eq!(find_full_date("February 30, 2024"), None);
        assert_eq!(find_full_date("We may 5, 2024"), None);
    }

    #[test]
    fn datelines() {
        let d = parse_dateline("Beijing | 10 a.m. July 26, 2024").unwrap();
        assert_eq!(d.location, "Beijing");
        assert_eq!(d.time.as_deref(), Some("10:00"));
        assert_eq!(d.date.to_string(), "2024-07-26");
        let d = parse_dateline("Beijing | 3:30 p.m. Jan. 24, 2024").unwrap();
        assert_eq!(d.time.as_deref(), Some("15:30"));
        assert!(parse_dateline("Not a | dateline at all").is_none());
    }

    #[test]
    fn event_day_needs_on() {
        let lead = "The State Council Information Office (SCIO) held a press conference on Jan. 24 in Beijing";
        assert_eq!(find_event_day(lead), Some(MonthDay { month: 1, day: 24 }));
        assert_eq!(
            find_event_day("On July 26, the State Council Information Office held"),
            Some(MonthDay { month: 7, day: 26 })
        );
        assert_eq!(find_event_day("Since July 26 we have"), None);
    }

    #[test]
    fn year_is_inferred_backwards_from_publication() {
        let published = Date::new(2024, 2, 6).unwrap();
        let jan = MonthDay { month: 1, day: 24 };
        assert_eq!(
            jan.on_or_before(published).unwrap().to_string(),
            "2024-01-24"
        );
        let dec = MonthDay { month: 12, day: 30 };
        assert_eq!(
            dec.on_or_before(published).unwrap().to_string(),
            "2023-12-30"
        );
    }

    fn full(text: &str) -> Option<String> {
        find_full_date(text).map(|d| d.to_string())
    }

    #[test]
    fn spelled_dates_in_every_common_form() {
        for (text, want) in [
            ("July 26, 2024", "2024-07-26"),
            ("Jan. 24, 2024", "2024-01-24"),
            ("Sept. 5, 2024", "2024-09-05"),
            ("Sep. 5, 2024", "2024-09-05"),
            ("Sept 5, 2024", "2024-09-05"),
            ("January 24 2024", "2024-01-24"),
            ("July 26th, 2024", "2024-07-26"),
            ("on March 1st, 2024.", "2024-03-01"),
            ("August 2nd 2023", "2023-08-02"),
            ("24 April 2015", "2015-04-24"),
            ("24th April, 2015", "2015-04-24"),
            ("the 3rd of May, 2019", "2019-05-03"),
            (
                "Wednesday, January 8, 2020, 11:04 a.m. Bangkok",
                "2020-01-08",
            ),
            ("Press conference (July 11, 2024)", "2024-07-11"),
            ("Press conference(July 11, 2024)", "2024-07-11"),
            ("China.org.cnUpdated: February 6, 2024", "2024-02-06"),
            ("China.org.cnFebruary 6, 2024", "2024-02-06"),
            ("Updated:February 6, 2024", "2024-02-06"),
            ("held on Jan.24, 2024 in Beijing", "2024-01-24"),
            ("“July 26, 2024”", "2024-07-26"),
            ("February 29, 2024", "2024-02-29"),
        ] {
            assert_eq!(full(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn numeric_dates_need_the_year_first() {
        for (text, want) in [
            ("2024-06-07", "2024-06-07"),
            ("2024-6-7", "2024-06-07"),
            ("2019/04/23", "2019-04-23"),
            ("2019.04.23", "2019-04-23"),
            ("2019.04.23.", "2019-04-23"),
            ("2023-04-28 19:13", "2023-04-28"),
            ("Updated: 2024-02-06", "2024-02-06"),
            ("Updated:2024-02-06", "2024-02-06"),
            ("China.org.cn2024-02-06", "2024-02-06"),
            ("(2024-07-26)", "2024-07-26"),
            ("2024-07-26T10:00:00", "2024-07-26"),
        ] {
            assert_eq!(full(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "07/26/2024",
            "26.07.2024",
            "24-04-2015",
            "2024-13-01",
            "2023-02-29",
            "2024-06/07",
            "12024-06-07",
            "2024-06-07-08",
            "2024-006-07",
            "2024-06-070",
            "2019.04.23.5",
            "1850-01-01",
        ] {
            assert_eq!(full(text), None, "{text}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "May 5",
            "on Jan. 24 in Beijing",
            "We may 5, 2024",
            "in march 5, 2024",
            "Mar 5, 2024",
            "Marc 5, 2024",
            "10,000 people",
            "2,024 people",
            "In May 10,000 people marched",
            "In June 2,024 people",
            "July 2024",
            "2024",
            "February 30, 2024",
            "April 31 2024",
            "5, May 2024",
            "July 26-27, 2024",
            "",
            "   ",
        ] {
            assert_eq!(full(text), None, "{text}");
        }
    }

    #[test]
    fn the_first_date_is_the_first_in_the_text() {
        assert_eq!(
            full("Updated: 2024-02-06 (briefing of July 26, 2024)").as_deref(),
            Some("2024-02-06")
        );
        assert_eq!(
            full("July 26, 2024, updated 2024-08-01").as_deref(),
            Some("2024-07-26")
        );
        let text = "Press conference (July 11, 2024) Updated: 2024-07-12 10:00 on 13 July 2024";
        let all = find_all_dates(text);
        let dates: Vec<String> = all.iter().map(|(_, d)| d.to_string()).collect();
        assert_eq!(dates, ["2024-07-11", "2024-07-12", "2024-07-13"]);
        for (offset, _) in &all {
            assert!(text[*offset..].starts_with(char::is_alphanumeric));
        }
        assert_eq!(&text[all[0].0..all[0].0 + 4], "July");
        assert_eq!(&text[all[1].0..all[1].0 + 10], "2024-07-12");
        assert_eq!(&text[all[2].0..all[2].0 + 7], "13 July");
        // A weekday before the date is not part of it.
        let text = "Wednesday, January 8, 2020";
        assert_eq!(find_all_dates(text)[0].0, text.find("January").unwrap());
        assert!(find_all_dates("no dates here, May 5").is_empty());
    }

    #[test]
    fn offsets_are_bytes_and_nothing_panics() {
        let text = "发布会 — 2024年7月26日 ·（July 26, 2024）é 2019/04/23";
        let all = find_all_dates(text);
        assert_eq!(all.len(), 3);
        assert!(text[all[0].0..].starts_with("2024年7月26日"));
        assert_eq!(all[0].1.to_string(), "2024-07-26");
        assert!(text[all[1].0..].starts_with("July 26"));
        assert!(text[all[2].0..].starts_with("2019/04/23"));
        assert!(find_all_dates("2017年13月07日 2017年12月 年12月7日").is_empty());
        for text in [
            "é",
            "—2024-07-26—",
            "Jän. 5, 2024",
            "ﬀ Ǆ ǅ İ",
            "on",
            "on ",
            "On Mon",
            ".,-/'’",
            "2024-",
            "2024-0",
            "2024-07-",
            "2024-07-2é",
            "Jul.é",
            "3:",
            ":",
            "10 ",
            "a.m.",
            "1é:00 p.m.",
            "10:0é",
            "é10am",
            "10aé",
            "Ω10pm",
        ] {
            let _ = find_full_date(text);
            let _ = find_all_dates(text);
            let _ = find_event_day_ref(text);
            let _ = find_time(text);
            let _ = parse_dateline(text);
        }
    }

    #[test]
    fn event_day_forms() {
        let md = |month, day| Some(MonthDay { month, day });
        assert_eq!(
            find_event_day("a press conference on 24 April in Beijing"),
            md(4, 24)
        );
        assert_eq!(
            find_event_day("a press conference on March 1st in Beijing"),
            md(3, 1)
        );
        assert_eq!(find_event_day("held on the 3rd of May"), None);
        assert_eq!(find_event_day("held on 3rd of May"), md(5, 3));
        assert_eq!(find_event_day("held on Jan.24 in Beijing"), md(1, 24));
        assert_eq!(find_event_day("held (on Sept. 5) in Beijing"), md(9, 5));
        // A weekday is not a month and day; a later "on Jan. 24" still counts.
        assert_eq!(
            find_event_day("On Monday, it said on Jan. 24 that"),
            md(1, 24)
        );
        assert_eq!(find_event_day("held on Monday in Beijing"), None);
        assert_eq!(find_event_day("held on may 24"), None);
        assert_eq!(find_event_day("held in 24 April"), None);
        assert_eq!(find_event_day("based on 10,000 May samples"), None);
    }

    #[test]
    fn event_day_refs_with_weekdays() {
        use DayRef::{MonthDay as Md, Weekday};
        let on = |text| find_event_day_ref(text);
        assert_eq!(on("The ministry said on Monday that"), Some(Weekday(0)));
        assert_eq!(on("at a briefing on Tuesday afternoon"), Some(Weekday(1)));
        assert_eq!(on("On Sunday, the office"), Some(Weekday(6)));
        assert_eq!(on("held on Thurs. in Beijing"), Some(Weekday(3)));
        assert_eq!(on("Monday, the spokesperson said"), Some(Weekday(0)));
        assert_eq!(on("“Friday, the spokesperson said"), Some(Weekday(4)));
        assert_eq!(
            on("held on Jan. 24 in Beijing"),
            Some(Md(MonthDay { month: 1, day: 24 }))
        );
        assert_eq!(
            on("held on 24 April in Beijing"),
            Some(Md(MonthDay { month: 4, day: 24 }))
        );
        // A weekday with its date gives the date.
        assert_eq!(
            on("held on Wednesday, January 8 in Bangkok"),
            Some(Md(MonthDay { month: 1, day: 8 }))
        );
        assert_eq!(
            on("Wednesday, January 8, 2020, 11:04 a.m."),
            Some(Md(MonthDay { month: 1, day: 8 }))
        );
        // The first one named counts.
        assert_eq!(
            on("On Friday, it recalled what it said on Jan. 24"),
            Some(Weekday(4))
        );
        for text in [
            "Friday's briefing",
            "At Friday's briefing, the spokesperson said",
            "Monday the spokesperson said",
            "The spokesperson said Monday, that",
            "held on monday",
            "held on Mondays",
            "held on Wed in Beijing",
            "held Monday in Beijing",
            "Since July 26 we have",
            "",
        ] {
            assert_eq!(on(text), None, "{text}");
        }
    }

    #[test]
    fn weekdays_of_known_dates() {
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        for (date, weekday) in [
            (day(2024, 7, 26), 4),
            (day(2024, 1, 24), 2),
            (day(2023, 4, 28), 4),
            (day(2020, 1, 8), 2),
            (day(2000, 1, 1), 5),
            (day(1900, 3, 1), 3),
            (day(2024, 2, 29), 3),
            (day(1970, 1, 1), 3),
            (day(2018, 8, 29), 2),
            (day(2018, 8, 27), 0),
            (day(1900, 1, 1), 0),
            (day(2100, 3, 1), 0),
        ] {
            assert_eq!(date.weekday(), weekday, "{date}");
        }
    }

    #[test]
    fn days_since_epoch_round_trips() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert_eq!(Date::new(1969, 12, 31).unwrap().days_since_epoch(), -1);
        let mut date = Date::new(1899, 12, 25).unwrap();
        let mut days = date.days_since_epoch();
        // Through 1900 (not a leap year), 2000 (one) and 2100 (not one again).
        while date.year < 2101 {
            let next = Date::from_days_since_epoch(days + 1).unwrap();
            assert!(next > date, "{next} after {date}");
            assert_eq!(next.days_since_epoch(), days + 1);
            assert_eq!(next.weekday(), (date.weekday() + 1) % 7);
            (date, days) = (next, days + 1);
        }
        assert_eq!(Date::from_days_since_epoch(-719_528), Date::new(0, 1, 1));
        assert_eq!(Date::from_days_since_epoch(-719_529), None);
        assert_eq!(Date::from_days_since_epoch(i64::MAX), None);
    }

    #[test]
    fn a_weekday_is_resolved_backwards_from_publication() {
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        let monday = DayRef::Weekday(0);
        let wednesday_published = day(2018, 8, 29);
        assert_eq!(
            monday.on_or_before(wednesday_published),
            Some(day(2018, 8, 27))
        );
        assert_eq!(
            monday.on_or_before(day(2018, 8, 27)),
            Some(day(2018, 8, 27))
        );
        assert_eq!(
            DayRef::Weekday(2).on_or_before(wednesday_published),
            Some(wednesday_published)
        );
        assert_eq!(
            DayRef::Weekday(3).on_or_before(wednesday_published),
            Some(day(2018, 8, 23))
        );
        // Across a month and a year.
        assert_eq!(
            DayRef::Weekday(4).on_or_before(day(2024, 1, 1)),
            Some(day(2023, 12, 29))
        );
        assert_eq!(
            DayRef::Weekday(6).on_or_before(day(2024, 3, 1)),
            Some(day(2024, 2, 25))
        );
        assert_eq!(DayRef::Weekday(7).on_or_before(wednesday_published), None);
        let lead = "The spokesperson said on Monday that";
        assert_eq!(
            find_event_day_ref(lead).and_then(|r| r.on_or_before(wednesday_published)),
            Some(day(2018, 8, 27))
        );
        let jan = DayRef::MonthDay(MonthDay { month: 1, day: 24 });
        assert_eq!(jan.on_or_before(day(2024, 2, 6)), Some(day(2024, 1, 24)));
        assert_eq!(jan.on_or_before(day(2024, 1, 23)), Some(day(2023, 1, 24)));
    }

    #[test]
    fn times() {
        for (text, want) in [
            ("10 a.m.", "10:00"),
            ("3:30 p.m.", "15:30"),
            ("11:04 a.m.", "11:04"),
            ("2:02 P.M. EDT", "14:02"),
            ("1:21 p.m. EDT", "13:21"),
            ("12:15 p.m.", "12:15"),
            ("12:15 a.m.", "00:15"),
            (
                "Wednesday, January 8, 2020, 11:04 a.m. Bangkok, Thailand",
                "11:04",
            ),
            ("at 2:02 p.m., the minister", "14:02"),
            ("at 10 a.m., the minister", "10:00"),
            ("(10 a.m.)", "10:00"),
            ("10am", "10:00"),
            ("10AM", "10:00"),
            ("11:04a.m.", "11:04"),
            ("2:30PM EDT", "14:30"),
            ("11.30 a.m.", "11:30"),
            ("12 noon", "12:00"),
            ("2023-04-28 19:13", "19:13"),
            ("10:00", "10:00"),
        ] {
            assert_eq!(find_time(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "10",
            "on 2024-07-26",
            "Article 5: the",
            "0 a.m.",
            "13 p.m.",
            "10 noon",
            "11.30 in the morning",
            "25:00",
            "10:60",
            "Spam",
            "I am",
            "+5 pm",
        ] {
            assert_eq!(find_time(text), None, "{text}");
        }
    }

    #[test]
    fn datelines_with_minutes() {
        let d = parse_dateline("Beijing | 11:30 a.m. March 5, 2024").unwrap();
        assert_eq!(d.location, "Beijing");
        assert_eq!(d.time.as_deref(), Some("11:30"));
        assert_eq!(d.date.to_string(), "2024-03-05");
        let d = parse_dateline("Beijing | 2:02 P.M. Sept. 5, 2024").unwrap();
        assert_eq!(d.time.as_deref(), Some("14:02"));
        assert_eq!(d.date.to_string(), "2024-09-05");
        assert!(parse_dateline("Beijing | 11:30 a.m. March 5").is_none());
    }
}
