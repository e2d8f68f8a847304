//! A briefing reported in the third person, with no speaker labels at all: "Asked
//! about the polls, the PMS said that ...", or a spokesperson's statements under
//! headings (a UN noon briefing). Imported rather than refused: each "Asked ..."
//! sentence opens an exchange whose answer is what the briefer "said"; everything
//! else is a statement by the briefer, named in the title or the lead.

use super::blocks::Block;
use super::full::{self, FullTranscript, Header};
use super::lines::{Line, LineKind};
use super::model::{Origin, Paragraph, Person};
use crate::error::Error;

/// Long prose and no label: worth reading as reported speech rather than refusing.
pub fn looks_reported(lines: &[Line<'_>]) -> bool {
    lines
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .any(|l| l.text.split(' ').count() >= 20)
}

pub fn parse(lines: &[Line<'_>], source: usize, file: &str) -> Result<FullTranscript, Error> {
    let long = |l: &Line| l.kind == LineKind::Text && l.text.split(' ').count() >= 20;
    // The header: the lines before the first long paragraph.
    let head = &lines[..lines.iter().position(long).unwrap_or(0)];
    let title = full::title_line(head).map(|l| full::clean_title(&l.text).0);
    let published = lines
        .iter()
        .filter(|l| l.kind == LineKind::PageDate)
        .find_map(|l| super::dates::find_full_date(&l.text));
    let texts: Vec<&Line> = lines.iter().filter(|l| l.kind == LineKind::Text).collect();
    // Statements are prose; short lines among them are the site's chrome.
    let body: Vec<&Line> = lines[head.len()..]
        .iter()
        .filter(|l| l.kind == LineKind::Text && full::is_prose(&l.text))
        .collect();
    let dated = head
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .chain(body.first().copied())
        .find_map(|l| super::dates::find_full_date(&l.text));
    let lead: Vec<String> = body.iter().take(1).map(|l| l.text.to_string()).collect();
    let first_texts: Vec<&str> = texts.iter().take(3).map(|l| &*l.text).collect();
    let (date, date_from) = match dated {
        Some(d) => (d, full::DateFrom::Dateline),
        None => full::held_date(&lead, published, file)
            .or_else(|| full::month_date(&first_texts))
            .ok_or_else(|| {
                Error::input(
                    texts.first().map_or(1, |l| l.number),
                    None,
                    "no briefing date found: the page gives none, nor its file name",
                    "add a line with the date (such as 'July 26, 2024') under the title",
                )
            })?,
    };
    let briefer = briefer(title.as_deref(), &texts, &body);
    Ok(FullTranscript {
        blocks: statements(&body, &briefer, source),
        header: Header {
            title: title.unwrap_or_else(|| format!("Briefing of {date}")),
            date,
            date_from,
            published,
            time: None,
            location: None,
            series: None,
            host: None,
            lead: Vec::new(),
            roster: vec![Person {
                name: briefer,
                role: String::new(),
                honorific: None,
            }],
            moderators: Vec::new(),
            translators: Vec::new(),
            named: Vec::new(),
        },
    })
}

/// The body as blocks: each "Asked ..." a question, the rest the briefer's.
fn statements(body: &[&Line<'_>], briefer: &str, source: usize) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in body {
        for (text, asked) in split_asked(&line.text) {
            let paragraph = Paragraph::new(
                text,
                Origin {
                    source,
                    line: line.number,
                },
            );
            let label = if asked { "Question" } else { briefer };
            match blocks.last_mut() {
                Some(b) if !asked && b.label.as_deref() == Some(label) => {
                    b.paragraphs.push(paragraph);
                }
                _ => blocks.push(Block {
                    label: Some(label.to_owned()),
                    label_origins: Vec::new(),
                    label_from: None,
                    paragraphs: vec![paragraph],
                    after_gap: false,
                }),
            }
        }
    }
    blocks
}

/// Who speaks: an official the title names by office, or the one a sentence says
/// "said" ("the PMS replied", "the Spokesman said"), or "a near-verbatim transcript
/// of today's noon briefing by Vannina Maestracci, Associate Spokesperson".
fn briefer(title: Option<&str>, all: &[&Line<'_>], body: &[&Line<'_>]) -> String {
    let named = title
        .into_iter()
        .chain(body.iter().take(2).map(|l| &*l.text))
        .flat_map(full::titled_names)
        .next();
    if let Some(name) = named {
        return name;
    }
    for line in all.iter().take(12) {
        if let Some(at) = line.text.find("briefing by ") {
            let rest = &line.text[at + "briefing by ".len()..];
            let name: Vec<&str> = rest
                .split([',', '.'])
                .next()
                .unwrap_or("")
                .split(' ')
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                .collect();
            if (2..=4).contains(&name.len()) {
                return name.join(" ");
            }
        }
    }
    for line in body {
        let words: Vec<&str> = line.text.split_whitespace().collect();
        for w in words.windows(3) {
            let verb = w[2].trim_end_matches([',', '.']);
            if w[0].eq_ignore_ascii_case("the")
                && ["said", "replied", "told", "added", "stated"].contains(&verb)
                && w[1].chars().next().is_some_and(char::is_uppercase)
            {
                return w[1].to_owned();
            }
        }
    }
    "Spokesperson".to_owned()
}

/// A paragraph cut where a sentence starts with "Asked": the question ("Asked about
/// X") and the answer ("the PMS said ..."), then the next question.
fn split_asked(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let next = find_asked(rest);
        match next {
            Some(0) => {
                // "Asked about X, the PMS said Y": the question ends at ", the".
                let end = find_asked(&rest[6..]).map_or(rest.len(), |n| n + 6);
                let sentence = &rest[..end];
                match sentence.find(", the ").filter(|&c| c > 6) {
                    Some(comma) => {
                        out.push((sentence[..comma].trim().to_owned(), true));
                        let answer = sentence[comma + 2..].trim();
                        let mut chars = answer.chars();
                        let answer = chars
                            .next()
                            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                            .unwrap_or_default();
                        out.push((answer, false));
                    }
                    None => out.push((sentence.trim().to_owned(), true)),
                }
                rest = &rest[end..];
            }
            Some(n) => {
                out.push((rest[..n].trim().to_owned(), false));
                rest = &rest[n..];
            }
            None => {
                if !rest.trim().is_empty() {
                    out.push((rest.trim().to_owned(), false));
                }
                break;
            }
        }
    }
    out.retain(|(t, _)| !t.is_empty());
    out
}

/// Where a sentence starting with "Asked" begins: at the start, or after ". ".
fn find_asked(text: &str) -> Option<usize> {
    if text.starts_with("Asked ") {
        return Some(0);
    }
    text.match_indices(". Asked ").next().map(|(i, _)| i + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asked_sentences_become_questions_and_the_rest_answers() {
        let parts = split_asked(
            "Asked about the polls, the PMS said that polls came and went. He added more. \
             Asked if he was sure, the PMS replied yes.",
        );
        let asked: Vec<bool> = parts.iter().map(|p| p.1).collect();
        assert_eq!(asked, [true, false, true, false]);
        assert_eq!(parts[0].0, "Asked about the polls");
        assert!(parts[1].0.starts_with("The PMS said that polls"));
        assert!(parts[1].0.ends_with("He added more."));
    }

    #[test]
    fn the_briefer_is_who_the_text_says_spoke() {
        let lines = super::super::lines::split(
            "A long paragraph in which, asked about it, the Spokesman said many things today.\n",
        );
        let body: Vec<&Line> = lines.iter().collect();
        assert_eq!(briefer(None, &body, &body), "Spokesman");
        assert_eq!(
            briefer(
                Some("Remarks by Foreign Ministry Spokesperson Hua Chunying"),
                &body,
                &body
            ),
            "Hua Chunying"
        );
    }
}
