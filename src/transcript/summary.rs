//! A machine-translated summary: a title, a lead ("On July 26, ..."), then points,
//! each a headline line "SASAC: ..." followed by paragraphs naming the official.

use super::dates::{self, MonthDay};
use super::lines::{Line, LineKind};
use super::model::{Origin, Paragraph, SummaryPoint};
use crate::error::Error;

#[derive(Debug, Clone)]
pub struct SummaryDoc {
    pub title: String,
    pub day: MonthDay,
    pub intro: Vec<Paragraph>,
    pub points: Vec<SummaryPoint>,
}

/// "SASAC: We will ..." -> Some(("SASAC", "We will ...")).
pub fn split_headline(line: &str) -> Option<(&str, &str)> {
    let (org, rest) = line.split_once(": ")?;
    let words = org.split(' ').count();
    let looks_like_org = (1..=4).contains(&words)
        && org.len() <= 40
        && org.chars().next().is_some_and(char::is_uppercase)
        && org
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '&' | '.'));
    (looks_like_org && !rest.trim().is_empty()).then_some((org, rest.trim()))
}

/// Headlines all by one organisation ("SASAC: ..."), short and asking nothing: a
/// transcript's paragraphs that open with a label alternate between askers and
/// answerers, ask questions and run long.
pub fn looks_like_summary(lines: &[Line<'_>]) -> bool {
    let headlines: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .filter_map(|l| split_headline(&l.text))
        .collect();
    if headlines.len() < 2 || headlines.iter().any(|(_, rest)| rest.contains('?')) {
        return false;
    }
    // A press briefing's "Q" lines, or a person's label ("MS. JEAN-PIERRE"), mean turns.
    let questions = lines
        .iter()
        .filter(|l| l.text.starts_with("Q ") || l.text.starts_with("Q:"))
        .count();
    let first = headlines[0].0;
    let honorific = ["MR", "MS", "MRS", "DR", "MR.", "MS.", "MRS.", "DR."]
        .iter()
        .any(|h| first.split(' ').next() == Some(h));
    if questions >= 2 || honorific {
        return false;
    }
    let same = headlines.iter().filter(|(org, _)| *org == first).count();
    let long = headlines
        .iter()
        .filter(|(_, rest)| rest.len() > 300)
        .count();
    same * 5 >= headlines.len() * 4 && long * 2 < headlines.len()
}

pub fn parse(lines: &[Line<'_>], source: usize) -> Result<SummaryDoc, Error> {
    let mut texts = lines.iter().filter(|l| l.kind == LineKind::Text);
    let title_line = texts.next().ok_or_else(|| super::full::no_turns(lines))?;
    let mut intro = Vec::new();
    let mut points: Vec<SummaryPoint> = Vec::new();
    for line in texts {
        let paragraph = Paragraph::new(
            line.text.to_string(),
            Origin {
                source,
                line: line.number,
            },
        );
        if split_headline(&line.text).is_some() {
            points.push(SummaryPoint {
                headline: line.text.to_string(),
                line: line.number,
                paragraphs: Vec::new(),
                speaker: None,
                target: None,
                paragraph: None,
                topics: Vec::new(),
            });
        } else if let Some(point) = points.last_mut() {
            point.paragraphs.push(paragraph);
        } else {
            intro.push(paragraph);
        }
    }
    let day = intro
        .iter()
        .find_map(|p| dates::find_event_day(&p.text))
        .ok_or_else(|| {
            Error::input(
                intro.first().map_or(title_line.number, |p| p.origins[0].line),
                None,
                "the summary does not say on which day the briefing was held",
                "its lead should say so, e.g. 'On July 26, the State Council Information Office held ...'",
            )
        })?;
    Ok(SummaryDoc {
        title: title_line.text.to_string(),
        day,
        intro,
        points,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::lines::split;

    #[test]
    fn points_are_headlines_with_their_paragraphs() {
        let text = "\nSASAC: Title point\n\n\nEnglishFrançaisDeutschItaliano\n\n\
            On July 26, the SCIO held a press conference.\n\n\
            SASAC: First point\n\nWang Hongzhi said one.\n\nMore of it.\n\n\
            SASAC: Second point\n\nFang Lei said two.\n";
        let s = parse(&split(text), 3).unwrap();
        assert_eq!(s.title, "SASAC: Title point");
        assert_eq!(s.day, MonthDay { month: 7, day: 26 });
        assert_eq!(s.intro.len(), 1, "language menu dropped");
        assert_eq!(s.points.len(), 2);
        assert_eq!((s.points[0].line, s.points[0].paragraphs.len()), (9, 2));
        assert_eq!(
            s.points[1].paragraphs[0].origins[0],
            Origin {
                source: 3,
                line: 17
            }
        );
    }

    #[test]
    fn headlines_are_short_organisation_prefixes() {
        assert_eq!(
            split_headline("SASAC: We will act"),
            Some(("SASAC", "We will act"))
        );
        assert_eq!(split_headline("In the next step, he said: more"), None);
    }

    #[test]
    fn no_day_is_an_error() {
        let text = "SASAC: Title\n\nA summary with no date.\n\nSASAC: Point\n\nText.\n";
        let err = parse(&split(text), 0).unwrap_err();
        assert_eq!(err.line, Some(3));
    }
}
