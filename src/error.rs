//! The crate's one error type: a problem, where it is (file, line, column, each when
//! known), what, and what to do. `path:line:column: error: message`, the form editors
//! make clickable, then `  help: ...` on its own line. Several problems found at once
//! are [`Errors`], each with its place.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem: where it is (file, line, column, each when known), what, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl Error {
    /// A problem with no place.
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            path: None,
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// A problem at a line (and column, when known) of a file.
    pub fn at(
        path: impl Into<PathBuf>,
        line: usize,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> Error {
        Error {
            path: Some(path.into()),
            line: Some(line),
            column,
            ..Error::new(message)
        }
    }

    /// A problem with a file as a whole (no line).
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Error {
        Error::new(message).in_file(path)
    }

    /// A problem at a line of an input whose path the caller knows, with what to do:
    /// the parser's errors, given their path by [`Error::in_file`].
    pub fn input(
        line: usize,
        column: Option<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Error {
        Error {
            line: Some(line),
            column,
            ..Error::new(message)
        }
        .with_help(help)
    }

    /// An I/O failure on `path`: `path: error: <the system's message>`.
    pub fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
        move |e| Error::file(path, e.to_string())
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Error {
        self.help = Some(help.into());
        self
    }

    /// The same problem, in the file at `path`.
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Error {
        self.path = Some(path.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
            f.write_str(": ")?;
        }
        write!(f, "error: {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The error as a person reads it at the terminal: its place and message, the
    /// file's line it is about with a caret under the column (when the file and line
    /// are known and readable), then what to do.
    pub fn report(&self) -> String {
        let Some(snippet) = self.snippet() else {
            return self.to_string();
        };
        let mut head = self.clone();
        head.help = None;
        let mut out = format!("{head}\n{snippet}");
        if let Some(help) = &self.help {
            out.push_str(&format!("\n  help: {help}"));
        }
        out
    }

    /// `  3 | kind: [broken` and a caret under the column.
    fn snippet(&self) -> Option<String> {
        let (path, line) = (self.path.as_ref()?, self.line?);
        let text = std::fs::read_to_string(path).ok()?;
        let source = text.lines().nth(line.checked_sub(1)?)?;
        let number = line.to_string();
        let pad = " ".repeat(number.len());
        let mut out = format!("{pad} |\n{number} | {source}");
        if let Some(column) = self.column.filter(|&c| c >= 1) {
            let before: String = source
                .chars()
                .take(column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("\n{pad} | {before}^"));
        }
        Some(out)
    }
}

/// Several problems found at once, each with its place.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    /// Every error as [`Error::report`] writes it.
    pub fn report(&self) -> String {
        self.0
            .iter()
            .map(Error::report)
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Error> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether every problem is at a line of a file: the inputs (transcripts, content
    /// files, the config) are at fault, and the problems are the user's to fix; not a
    /// file that could not be read or written, a template, or a failed stage.
    pub fn all_at_lines(&self) -> bool {
        self.0.iter().all(|e| e.path.is_some() && e.line.is_some())
    }
}

impl From<Error> for Errors {
    fn from(error: Error) -> Errors {
        Errors(vec![error])
    }
}

impl From<Vec<Error>> for Errors {
    fn from(errors: Vec<Error>) -> Errors {
        Errors(errors)
    }
}

impl IntoIterator for Errors {
    type Item = Error;
    type IntoIter = std::vec::IntoIter<Error>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Errors {
    type Item = &'a Error;
    type IntoIter = std::slice::Iter<'a, Error>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

#[cfg(test)]
mod report_tests {
    use super::*;

    #[test]
    fn a_report_shows_the_line_and_a_caret_under_the_column() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "---\ntitle: T\nkind: [broken\n---\n").unwrap();
        let e = Error::at(&file, 3, Some(7), "unknown kind").with_help("say exchange");
        let report = e.report();
        let lines: Vec<&str> = report.lines().collect();
        assert!(
            lines[0].ends_with("a.md:3:7: error: unknown kind"),
            "{report}"
        );
        assert_eq!(lines[2], "3 | kind: [broken");
        assert_eq!(lines[3], "  |       ^");
        assert_eq!(lines[4], "  help: say exchange");
        // Without a readable place, the plain form.
        assert_eq!(Error::new("x").report(), "error: x");
    }
}
