//! Dates and times as transcripts write them: "July 26, 2024", "Jan. 24",
//! "10 a.m.", "Beijing | 10 a.m. July 26, 2024".

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

fn month_number(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let had_dot = word.ends_with('.');
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w
            // Abbreviations must be written as such ("Jan.", "Sept", "Aug."), so that
            // "Mar" in a name or "may" the verb are not months.
            || (w.len() >= 3 && m.starts_with(&w) && (had_dot || w.len() >= 4) && w != "marc")
        })
        .map(|i| i as u8 + 1)
        .filter(|_| word.chars().next().is_some_and(char::is_uppercase))
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

fn year_number(word: &str) -> Option<u16> {
    let w = word.trim_end_matches([',', '.', ')', ';']);
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2200).contains(y))
}

/// Finds "Month Day" in text, returning the word index of the month.
fn month_days<'a>(words: &'a [&'a str]) -> impl Iterator<Item = (usize, MonthDay)> + 'a {
    (0..words.len().saturating_sub(1)).filter_map(move |i| {
        let month = month_number(words[i])?;
        let day = day_number(words[i + 1])?;
        Some((i, MonthDay { month, day }))
    })
}

/// The first complete date in the text: "July 26, 2024", "Jan. 24, 2024" or "2024-07-26".
pub fn find_full_date(text: &str) -> Option<Date> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let spelled = month_days(&words).find_map(|(i, md)| {
        let year = year_number(words.get(i + 2)?)?;
        Date::new(year, md.month, md.day)
    });
    spelled.or_else(|| words.iter().find_map(|w| iso_date(w)))
}

fn iso_date(word: &str) -> Option<Date> {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    let mut parts = w.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The date of an event as a lead sentence gives it: "held a press conference on
/// Jan. 24 in Beijing", "On July 26, the State Council ...". Only a month and day that
/// follow "on" count, so that other dates in the sentence are not taken.
pub fn find_event_day(text: &str) -> Option<MonthDay> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let found = month_days(&words)
        .find(|&(i, _)| i > 0 && words[i - 1].eq_ignore_ascii_case("on"))
        .map(|(_, md)| md);
    found
}

/// "10 a.m." -> "10:00", "3:30 p.m." -> "15:30", "10:00" -> "10:00".
pub fn find_time(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().enumerate().find_map(|(i, w)| {
        let (h, m) = match w.split_once(':') {
            Some((h, m)) => (h, m),
            None => (*w, "00"),
        };
        let hour: u8 = h.parse().ok().filter(|h| *h <= 23)?;
        if m.len() != 2 {
            return None;
        }
        let minute: u8 = m.parse().ok().filter(|m| *m <= 59)?;
        let next = words.get(i + 1).map(|n| n.to_lowercase());
        let hour = match next.as_deref() {
            Some("a.m." | "am" | "a.m") if hour <= 12 => hour % 12,
            Some("p.m." | "pm" | "p.m") if hour <= 12 => hour % 12 + 12,
            _ if w.contains(':') => hour,
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
}
