//! One page of a multi-page web article: web chrome around a run of turns. Its own
//! date is the page's; the briefing's date, when given, is in the lead sentence.

use super::blocks::{self, Block};
use super::dates::{self, Date};
use super::lines::{Line, LineKind};
use crate::error::Error;

#[derive(Debug, Clone)]
pub struct Fragment {
    pub title: Option<String>,
    pub lead: Vec<String>,
    pub published: Option<Date>,
    /// The briefing's date, from the lead sentence and the page's year.
    pub date: Option<Date>,
    /// Where a person should add the date when it cannot be found.
    pub date_line: usize,
    /// Which page of the article this is, where the page says so ("Page 3 of 10").
    pub page: Option<u32>,
    /// The translators' credit, when the page carries it.
    pub translators: Vec<String>,
    /// People the page's head names with their office.
    pub named: Vec<super::podium::Named>,
    pub blocks: Vec<Block>,
}

/// "Page 3 of 10", "page 3/10", "(3/10)": the page's number in its article.
pub fn page_number(lines: &[Line<'_>]) -> Option<u32> {
    lines.iter().filter(|l| l.text.len() <= 40).find_map(|l| {
        let lower = l.text.to_lowercase();
        let rest = lower
            .strip_prefix("page ")
            .or_else(|| lower.strip_prefix('('))?;
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = rest[digits.len()..].trim_start();
        (after.starts_with("of ") || after.starts_with('/'))
            .then(|| digits.parse().ok())
            .flatten()
    })
}

pub fn parse(lines: &[Line<'_>], source: usize) -> Result<Fragment, Error> {
    let body_start = super::full::body_start(lines).ok_or_else(|| super::full::no_turns(lines))?;
    let head = &lines[..body_start];
    let page_date = head.iter().find(|l| l.kind == LineKind::PageDate);
    let published = page_date.and_then(|l| dates::find_full_date(&l.text));
    // The title as a transcript's is found; the lead is the prose after it, chrome
    // (a room's name, a time) is dropped.
    // Only a line that reads like a title: a page of an article often has none.
    let title_line =
        super::full::title_line(head).filter(|l| super::full::title_weight(&l.text) > 0);
    let title = title_line.map(|l| super::full::clean_title(&l.text).0);
    let after = title_line.map_or(0, |l| l.number);
    let lead: Vec<String> = head
        .iter()
        .filter(|l| l.kind == LineKind::Text && l.number > after)
        .filter(|l| super::full::is_prose(&l.text))
        .map(|l| l.text.to_string())
        .collect();
    let event_day = lead.iter().find_map(|l| dates::find_event_day_ref(l));
    let date = match (event_day, published) {
        (Some(day), Some(published)) => day.on_or_before(published),
        _ => lead.iter().find_map(|l| dates::find_full_date(l)),
    };
    let mut credits = Vec::new();
    let blocks = blocks::build(&lines[body_start..], source, &mut credits);
    let translators = credits
        .iter()
        .flat_map(|c| super::full::credit_names(c))
        .collect();
    Ok(Fragment {
        title,
        lead,
        published,
        date,
        date_line: page_date.map_or(1, |l| l.number),
        page: page_number(lines),
        translators,
        named: super::podium::named_in(
            &head
                .iter()
                .filter(|l| l.kind == LineKind::Text)
                .map(|l| &*l.text)
                .collect::<Vec<_>>(),
        ),
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::lines::split;

    #[test]
    fn page_date_is_published_and_lead_gives_the_briefing_date() {
        let text = "CHINA SCIO\n\n\u{A0}ㄑ\u{A0} Press Room\n\nSCIO press conference on things\n\n\
            The SCIO held a press conference on Jan. 24 in Beijing.\n\n\
            China.org.cnUpdated:\u{A0} February 6, 2024\n\nSecurities Time:\n\nA question?\n\n\
            Zhuang Shuxin:\n\nAn answer.\n\n<\u{A0} 1\u{A0} 2\u{A0} >\n\nMORE FROM China SCIO\n";
        let f = parse(&split(text), 0).unwrap();
        assert_eq!(f.title.as_deref(), Some("SCIO press conference on things"));
        assert_eq!(f.published.unwrap().to_string(), "2024-02-06");
        assert_eq!(f.date.unwrap().to_string(), "2024-01-24");
        let paragraphs: Vec<&str> = f
            .blocks
            .iter()
            .flat_map(|b| &b.paragraphs)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(paragraphs, ["A question?", "An answer."], "chrome dropped");
    }

    #[test]
    fn a_page_without_a_lead_has_no_briefing_date_of_its_own() {
        let text = "Home - Press Room -\nTitle\n\nChina.org.cn | February 6, 2024\n\nShare:\n\n\
            Yicai:\n\nWhat?\n\nLi Bing:\n\nThis.\n";
        let f = parse(&split(text), 0).unwrap();
        assert_eq!(f.published.unwrap().to_string(), "2024-02-06");
        assert_eq!(f.date, None);
        assert_eq!(f.blocks[0].label.as_deref(), Some("Yicai"));
    }
}
