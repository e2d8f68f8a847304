//! Reading content files back: front matter by kind, and the body's turns. Content is
//! the source of truth once imported, edited by hand, so every problem names the file
//! and line.

use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use super::front_matter::{parse_yaml, split};

/// An exchange file's front matter (the keys `import` writes; others are allowed).
#[derive(Debug, Clone, Deserialize)]
pub struct ExchangeMatter {
    pub title: String,
    pub order: u32,
    pub asked_by: Option<String>,
    #[serde(default)]
    pub answered_by: Vec<String>,
    /// None when the file has no `topics` key: the classifier decides.
    #[serde(default)]
    pub topics: Option<Vec<String>>,
}

/// Just the kind, read first: reading a tagged enum in one go would lose the lines
/// of errors.
#[derive(Debug, Clone, Deserialize)]
struct Kind {
    kind: Option<String>,
}

/// A turn of a body: the speaker and the paragraphs, unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub speaker: String,
    pub paragraphs: Vec<String>,
}

/// An exchange read from its file.
#[derive(Debug, Clone)]
pub struct LoadedExchange {
    /// Relative to the content folder: `briefings/<folder>/<file>.md`.
    pub path: PathBuf,
    pub matter: ExchangeMatter,
    pub turns: Vec<Turn>,
}

impl LoadedExchange {
    /// The question's paragraphs: the turns by the outlet (or by "Question").
    pub fn question(&self) -> Vec<&str> {
        let asker = self
            .matter
            .asked_by
            .as_deref()
            .unwrap_or(super::UNNAMED_OUTLET_LABEL);
        self.turns
            .iter()
            .filter(|t| t.speaker == asker)
            .flat_map(|t| t.paragraphs.iter().map(String::as_str))
            .collect()
    }

    /// The answers' paragraphs: the turns by the officials who answer.
    pub fn answers(&self) -> Vec<&str> {
        self.turns
            .iter()
            .filter(|t| self.matter.answered_by.contains(&t.speaker))
            .flat_map(|t| t.paragraphs.iter().map(String::as_str))
            .collect()
    }
}

/// A problem in a content file: `content/briefings/x/01-y.md:3:8: error: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub path: PathBuf,
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)?;
        if let Some(c) = self.column {
            write!(f, ":{c}")?;
        }
        write!(f, ": error: {}", self.message)
    }
}

/// Every exchange under `content/briefings/`, sorted by path; read in parallel.
pub fn exchanges(content: &Path) -> Result<Vec<LoadedExchange>, Vec<ContentError>> {
    let files: Vec<PathBuf> = WalkDir::new(content.join("briefings"))
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let results: Vec<Result<Option<LoadedExchange>, ContentError>> = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| ContentError {
                path: path.clone(),
                line: 1,
                column: None,
                message: format!("cannot read: {e}"),
            })?;
            let rel = path.strip_prefix(content).unwrap_or(path).to_owned();
            parse_exchange(&text, path).map(|e| {
                e.map(|(matter, turns)| LoadedExchange {
                    path: rel,
                    matter,
                    turns,
                })
            })
        })
        .collect();
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(Some(e)) => loaded.push(e),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(errors)
    }
}

/// An exchange file's front matter and turns; None for other kinds of file.
pub fn parse_exchange(
    text: &str,
    path: &Path,
) -> Result<Option<(ExchangeMatter, Vec<Turn>)>, ContentError> {
    let error = |line, column, message: String| ContentError {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    let parts = split(text).ok_or_else(|| {
        error(
            1,
            None,
            "no front matter: a content file starts with a line '---', its YAML, and '---'"
                .to_owned(),
        )
    })?;
    let yaml_error = |e: super::front_matter::YamlError| {
        error(e.line, e.column, format!("front matter: {}", e.message))
    };
    let kind: Kind = parse_yaml(parts.yaml, parts.yaml_line).map_err(yaml_error)?;
    match kind.kind.as_deref() {
        Some("exchange") => {
            let matter: ExchangeMatter =
                parse_yaml(parts.yaml, parts.yaml_line).map_err(yaml_error)?;
            Ok(Some((matter, turns(parts.body))))
        }
        Some(_) => Ok(None),
        None => Err(error(
            parts.yaml_line,
            None,
            "front matter has no `kind`: say briefing, exchange, closing or summary".to_owned(),
        )),
    }
}

/// The body's turns: a paragraph opening with `**Name:**` starts one; the paragraphs
/// after it belong to it. Markdown escapes are undone.
pub fn turns(body: &str) -> Vec<Turn> {
    let body = body.replace("\r\n", "\n");
    let mut turns: Vec<Turn> = Vec::new();
    for paragraph in body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let opening = paragraph
            .strip_prefix("**")
            .and_then(|rest| rest.split_once(":**"));
        match opening {
            Some((name, text)) => turns.push(Turn {
                speaker: unescape(name),
                paragraphs: Some(unescape(text.trim()))
                    .filter(|t| !t.is_empty())
                    .into_iter()
                    .collect(),
            }),
            None => match turns.last_mut() {
                Some(turn) => turn.paragraphs.push(unescape(paragraph)),
                None => turns.push(Turn {
                    speaker: String::new(),
                    paragraphs: vec![unescape(paragraph)],
                }),
            },
        }
    }
    turns
}

/// `\*` -> `*`: what Markdown shows for a backslash-escaped punctuation character.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::escape_markdown;

    #[test]
    fn turns_and_escapes_round_trip() {
        let hostile = "<b>x</b> **Fake:** [a](b) {{ y }} R&D";
        let body = format!(
            "\n**Xinhua News Agency:** {}\n\n**Wang Hongzhi:** One.\n\n{}\n",
            escape_markdown(hostile, false),
            escape_markdown("# Two", true)
        );
        let t = turns(&body);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].speaker, "Xinhua News Agency");
        assert_eq!(t[0].paragraphs, [hostile]);
        assert_eq!(t[1].paragraphs, ["One.", "# Two"]);
    }

    #[test]
    fn front_matter_problems_name_the_line() {
        let e = parse_exchange(
            "---\ntitle: T\nkind: exchange\norder: x\n---\n",
            Path::new("a.md"),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (4, Some(8)), "{e}");
        assert!(
            e.to_string().starts_with("a.md:4:8: error: front matter:"),
            "{e}"
        );
        let e = parse_exchange("no front matter", Path::new("a.md")).unwrap_err();
        assert_eq!(e.line, 1);
        let other = parse_exchange("---\ntitle: T\nkind: briefing\n---\n", Path::new("a.md"));
        assert!(other.unwrap().is_none());
        let e = parse_exchange("---\ntitle: T\n---\n", Path::new("a.md")).unwrap_err();
        assert!(e.message.contains("no `kind`"), "{e}");
    }
}
