//! Raw transcripts in, briefings out: decode, classify lines, parse each input by its
//! kind, then reconcile all inputs into briefings.

mod blocks;
mod cjk;
pub mod dates;
mod decode;
pub mod explain;
mod flow;
mod formats;
mod fragment;
mod full;
pub mod lines;
mod link;
mod model;
pub mod origin;
mod podium;
mod reconcile;
mod reported;
mod summary;

pub use formats::Formats;
pub use model::*;
pub use reconcile::reconcile;

use crate::error::Error;

/// One input, parsed by its kind.
#[derive(Debug, Clone)]
pub enum Document {
    Full(full::FullTranscript),
    Fragment(fragment::Fragment),
    Summary(summary::SummaryDoc),
}

impl Document {
    /// Points every origin of this input at `source`.
    fn number(&mut self, source: usize) {
        let set = |origins: &mut Vec<Origin>| origins.iter_mut().for_each(|o| o.source = source);
        match self {
            Document::Full(full::FullTranscript { blocks, .. })
            | Document::Fragment(fragment::Fragment { blocks, .. }) => {
                for block in blocks {
                    set(&mut block.label_origins);
                    block
                        .paragraphs
                        .iter_mut()
                        .for_each(|p| set(&mut p.origins));
                }
            }
            Document::Summary(s) => s
                .intro
                .iter_mut()
                .chain(s.points.iter_mut().flat_map(|p| &mut p.paragraphs))
                .for_each(|p| set(&mut p.origins)),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Parsed {
    pub source: Source,
    pub document: Document,
    /// What a person should check: the bytes were converted, the date was guessed, ...
    pub warnings: Vec<String>,
}

/// Parses one input; the kind is told from the text alone, never from the file name.
/// Its origins point at source 0 until [`reconcile`] numbers the inputs.
pub fn parse(file: &str, bytes: impl Into<Vec<u8>>) -> Result<Parsed, Error> {
    parse_with(file, bytes, &Formats::default())
}

/// [`parse`], with the layouts `site.yaml` describes applied first.
pub fn parse_with(
    file: &str,
    bytes: impl Into<Vec<u8>>,
    formats: &Formats,
) -> Result<Parsed, Error> {
    let source = 0;
    let decoded = decode::decode(bytes.into())?;
    let url = origin::page_address(&decoded.text).map(str::to_owned);
    let lines = cjk::read_labels(formats.apply(file, lines::split(&decoded.text)));
    let line_count = lines.len();
    // A summary's headlines ("SASAC: Will accelerate ...") are not speaker labels.
    let is_summary = !lines.iter().any(|l| l.kind == lines::LineKind::Label)
        && summary::looks_like_summary(&lines);
    let lines = if is_summary {
        lines
    } else {
        let known = known_names(&lines);
        lines::split_labels(lines, &known)
    };
    let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
    let kind = detect(&lines)?;
    let (document, published) = match kind {
        SourceKind::Full => {
            let transcript = if lines.iter().any(|l| l.kind == lines::LineKind::Label) {
                full::parse(&lines, source, file)?
            } else {
                warnings.push(
                    "no speaker labels: read as a briefing reported in the third person, \
                     every paragraph a statement by the briefer; check the speakers"
                        .to_owned(),
                );
                reported::parse(&lines, source, file)?
            };
            let header = &transcript.header;
            warnings.extend(header.date_warning("text"));
            let published = header.published;
            (Document::Full(transcript), published)
        }
        SourceKind::Fragment => {
            let fragment = fragment::parse(&lines, source)?;
            let published = fragment.published;
            (Document::Fragment(fragment), published)
        }
        SourceKind::Summary => (Document::Summary(summary::parse(&lines, source)?), None),
    };
    Ok(Parsed {
        source: Source {
            file: file.to_owned(),
            kind,
            line_count,
            published,
            url,
        },
        document,
        warnings,
    })
}

/// The people a page names before its turns: roster lines ("Name, role", also after
/// a heading: "Chair:Name, role") and the official in the title ("Foreign Ministry
/// Spokesperson Mao Ning's Regular Press Conference"). Labels that use these names
/// are recognised even where their shape alone would not be trusted.
fn known_names(lines: &[lines::Line<'_>]) -> Vec<String> {
    use lines::LineKind;
    let mut names = Vec::new();
    for line in lines
        .iter()
        .take_while(|l| l.kind != LineKind::Label)
        .filter(|l| l.kind == LineKind::Text)
        .take(60)
    {
        let text = full::strip_heading(&line.text).map_or(&*line.text, |(_, rest)| rest);
        if let Some(person) = full::parse_roster_line(text) {
            names.push(person.name);
        }
        names.extend(full::titled_names(&line.text));
    }
    names.sort();
    names.dedup();
    names
}

/// Full transcripts open with a dateline or a roster before the first speaker;
/// fragments have speakers but no header; summaries have headline points and no speakers.
fn detect(lines: &[lines::Line<'_>]) -> Result<SourceKind, Error> {
    use lines::LineKind;
    match lines.iter().position(|l| l.kind == LineKind::Label) {
        Some(first_label) => {
            let head = lines[..first_label]
                .iter()
                .filter(|l| l.kind == LineKind::Text);
            // A page of a multi-page article says nothing of its briefing but a title
            // and a lead; a transcript has a date line, a dated title or a roster.
            let has_header = head.clone().take(6).any(|l| {
                dates::parse_dateline(&l.text).is_some()
                    || (l.text.len() <= 200 && dates::find_full_date(&l.text).is_some())
            }) || head.clone().any(|l| {
                let text = full::strip_heading(&l.text).map_or(&*l.text, |(_, rest)| rest);
                full::parse_roster_line(text).is_some()
            }) || lines[..first_label]
                .iter()
                .any(|l| l.kind == LineKind::Heading);
            Ok(if has_header {
                SourceKind::Full
            } else {
                SourceKind::Fragment
            })
        }
        None if summary::looks_like_summary(lines) => Ok(SourceKind::Summary),
        None if reported::looks_reported(lines) => Ok(SourceKind::Full),
        None => Err(full::no_turns(lines)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_from_the_text() {
        let full = "Title\nBeijing | 10 a.m. July 26, 2024\n\nLi Bing:\n\nText.\n";
        let fragment = "Title\n\nChina.org.cn | February 6, 2024\n\nYicai:\n\nWhat?\n";
        let summary = "SASAC: T\n\nOn July 26, things.\n\nSASAC: A\n\nText.\n\nSASAC: B\n\nText.\n";
        assert_eq!(
            parse("a", full.as_bytes()).unwrap().source.kind,
            SourceKind::Full
        );
        assert_eq!(
            parse("b", fragment.as_bytes()).unwrap().source.kind,
            SourceKind::Fragment
        );
        assert_eq!(
            parse("c", summary.as_bytes()).unwrap().source.kind,
            SourceKind::Summary
        );
    }

    #[test]
    fn prose_without_turns_is_an_error() {
        let err = parse("x", b"\n\nJust some prose.\n\nMore prose.\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("no speaker turns"));
    }
}
