//! A problem at a place in a file: `path:line:column: error: message`, the form
//! editors make clickable. Config and content errors are this.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedError {
    pub path: PathBuf,
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for LocatedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)?;
        if let Some(c) = self.column {
            write!(f, ":{c}")?;
        }
        write!(f, ": error: {}", self.message)
    }
}

impl std::error::Error for LocatedError {}
