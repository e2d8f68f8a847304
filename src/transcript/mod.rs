//! Raw transcripts in, briefings out: decode, classify lines, parse each input by its
//! kind, then reconcile all inputs into briefings.

mod blocks;
pub mod dates;
mod decode;
mod flow;
mod fragment;
mod full;
pub mod lines;
mod link;
mod model;
mod reconcile;
mod summary;

pub use model::*;
pub use reconcile::reconcile;

use std::fmt;

/// A problem with one input, at a line (and column when known), with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
    pub help: String,
}

impl InputError {
    pub fn new(
        line: usize,
        column: Option<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> InputError {
        InputError {
            line,
            column,
            message: message.into(),
            help: help.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.help)
    }
}

impl std::error::Error for InputError {}

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
    /// Set when the bytes had to be converted to UTF-8.
    pub warning: Option<String>,
}

/// Parses one input; the kind is told from the text alone, never from the file name.
/// Its origins point at source 0 until [`reconcile`] numbers the inputs.
pub fn parse(file: &str, bytes: impl Into<Vec<u8>>) -> Result<Parsed, InputError> {
    let source = 0;
    let decoded = decode::decode(bytes.into())?;
    let lines = lines::split(&decoded.text);
    let kind = detect(&lines)?;
    let (document, published) = match kind {
        SourceKind::Full => (Document::Full(full::parse(&lines, source)?), None),
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
            line_count: lines.len(),
            published,
        },
        document,
        warning: decoded.warning,
    })
}

/// Full transcripts open with a dateline or a roster before the first speaker;
/// fragments have speakers but no header; summaries have headline points and no speakers.
fn detect(lines: &[lines::Line<'_>]) -> Result<SourceKind, InputError> {
    use lines::LineKind;
    match lines.iter().position(|l| l.kind == LineKind::Label) {
        Some(first_label) => {
            let head = lines[..first_label]
                .iter()
                .filter(|l| l.kind == LineKind::Text);
            let has_header = head
                .clone()
                .take(4)
                .any(|l| dates::parse_dateline(&l.text).is_some())
                || head
                    .clone()
                    .any(|l| full::parse_roster_line(&l.text).is_some());
            Ok(if has_header {
                SourceKind::Full
            } else {
                SourceKind::Fragment
            })
        }
        None if summary::looks_like_summary(lines) => Ok(SourceKind::Summary),
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
        assert_eq!(err.line, 3);
        assert!(err.message.contains("no speaker turns"));
    }
}
