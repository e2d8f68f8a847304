//! Reading content files back: front matter by kind, and the body's turns. Content is
//! the source of truth once imported, edited by hand, so every problem names the file
//! and line.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::front_matter::{parse_yaml, split};
use crate::error::{Error, Errors};

/// An exchange file's front matter (the keys `import` writes; others are allowed).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ExchangeMatter {
    pub title: String,
    pub order: u32,
    pub asked_by: Option<String>,
    #[serde(default)]
    pub answered_by: Vec<String>,
    /// None when the file has no `topics` key: the classifier decides.
    #[serde(default)]
    pub topics: Option<Vec<String>>,
    #[serde(default)]
    pub sources: Vec<SourceMatter>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct PersonMatter {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub honorific: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct SourceMatter {
    pub file: String,
    /// full, fragment or summary.
    #[serde(default)]
    pub kind: Option<crate::transcript::SourceKind>,
    #[serde(default)]
    pub lines: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    /// The address of the page the transcript was taken from, when known.
    #[serde(default)]
    pub url: Option<String>,
}

/// A briefing's `_index.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct BriefingMatter {
    pub title: String,
    pub date: String,
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub series: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub lead: Option<String>,
    #[serde(default)]
    pub moderator: Option<PersonMatter>,
    #[serde(default)]
    pub speakers: Vec<PersonMatter>,
    #[serde(default)]
    pub sources: Vec<SourceMatter>,
    #[serde(default)]
    pub translators: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct PointMatter {
    pub line: Option<u32>,
    pub headline: String,
    #[serde(default)]
    pub speaker: Option<String>,
    /// An exchange file's name without `.md`, or `opening`.
    #[serde(default)]
    pub exchange: Option<String>,
    #[serde(default)]
    pub topics: Option<Vec<String>>,
}

/// A briefing's `summary.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct SummaryMatter {
    pub title: String,
    #[serde(default)]
    pub points: Vec<PointMatter>,
    #[serde(default)]
    pub sources: Vec<SourceMatter>,
}

/// A briefing's `closing.md`, or any other part of it.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct PartMatter {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub sources: Vec<SourceMatter>,
}

/// What a content file is, by its `kind`.
#[derive(Debug, Clone)]
pub enum Matter {
    Briefing(BriefingMatter),
    Exchange(ExchangeMatter),
    Summary(SummaryMatter),
    Closing(PartMatter),
}

/// A content file read: its front matter by kind and its Markdown body.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Document {
    /// Relative to the content folder: `briefings/<folder>/<file>.md`.
    pub path: PathBuf,
    /// The front matter as written, and its first line in the file: for errors that
    /// point at a key.
    pub yaml: String,
    pub yaml_line: usize,
    /// The Markdown body; empty when the folder was read without bodies (see
    /// [`Document::read_body`]).
    pub body: String,
    /// The file's line where the body starts, for errors found in it.
    pub body_line: usize,
    /// Where the body starts in the file, in bytes.
    pub body_offset: usize,
}

impl Document {
    /// Reads the body from the file again: a build keeps only front matter for the
    /// whole site in memory, and each briefing's bodies while it is rendered.
    pub fn read_body(&self, content: &Path) -> Result<String, Error> {
        let path = content.join(&self.path);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error::at(path.clone(), 1, None, format!("cannot read: {e}")))?;
        match text.get(self.body_offset..) {
            Some(body) if text.is_char_boundary(self.body_offset) => Ok(body.to_owned()),
            _ => Err(Error::at(
                path,
                1,
                None,
                "the file changed while the site was being built".to_owned(),
            )),
        }
    }
}

/// Whether to keep bodies in memory when reading content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bodies {
    Keep,
    Drop,
}

/// Reads a content file. `path` is shown in errors; `rel` is kept.
pub fn document(text: &str, path: &Path, rel: &Path) -> Result<(Matter, Document), Error> {
    let error = |line, column, message: String| Error::at(path.to_owned(), line, column, message);
    let parts = split(text).ok_or_else(|| {
        error(
            1,
            None,
            "no front matter: a content file starts with a line '---', its YAML, and '---'"
                .to_owned(),
        )
    })?;
    let yaml_error = |e: Error| Error {
        message: format!("front matter: {}", e.message),
        ..e.in_file(path)
    };
    // The kind is found by a look at the lines, so that the YAML is parsed once, into
    // the kind's own type (with exact lines for errors).
    let kind = parts.yaml.lines().find_map(|l| {
        l.strip_prefix("kind:")
            .and_then(|v| v.split_whitespace().next())
            .map(|v| v.trim_matches(['\'', '"']).to_owned())
    });
    let matter = match kind.as_deref() {
        Some("briefing") => {
            Matter::Briefing(parse_yaml(parts.yaml, parts.yaml_line).map_err(yaml_error)?)
        }
        Some("exchange") => {
            Matter::Exchange(parse_yaml(parts.yaml, parts.yaml_line).map_err(yaml_error)?)
        }
        Some("summary") => {
            Matter::Summary(parse_yaml(parts.yaml, parts.yaml_line).map_err(yaml_error)?)
        }
        Some("closing") => {
            Matter::Closing(parse_yaml(parts.yaml, parts.yaml_line).map_err(yaml_error)?)
        }
        Some(other) => {
            // At the `kind:` line itself, the value's column.
            let at = parts
                .yaml
                .lines()
                .position(|l| l.starts_with("kind:"))
                .unwrap_or(0);
            return Err(error(
                parts.yaml_line + at,
                Some("kind: ".len() + 1),
                format!("unknown kind {other:?}: say briefing, exchange, closing or summary"),
            ));
        }
        None => {
            return Err(error(
                parts.yaml_line,
                None,
                "front matter has no `kind`: say briefing, exchange, closing or summary".to_owned(),
            ))
        }
    };
    let body_line = parts.yaml_line + parts.yaml.matches('\n').count() + 1;
    Ok((
        matter,
        Document {
            path: rel.to_owned(),
            yaml: parts.yaml.to_owned(),
            yaml_line: parts.yaml_line,
            body_offset: text.len() - parts.body.len(),
            body: parts.body.to_owned(),
            body_line,
        },
    ))
}

/// One briefing's folder: its `_index.md` first, then its other files by name.
#[derive(Debug, Clone)]
pub struct Folder {
    /// The folder's name: the briefing's slug.
    pub name: String,
    /// Each file's front matter, by kind, and the file.
    pub documents: Vec<(Matter, Document)>,
}

/// Every briefing folder under `content/briefings/`, each read in parallel; folders
/// and files whose names start with '.' are skipped (an interrupted import's). Names
/// become URLs, so a name that is not a slug is refused; a symbolic link is followed
/// only when it stays inside the content folder.
pub fn folders(content: &Path, bodies: Bodies) -> Result<Vec<Folder>, Errors> {
    let root = content.join("briefings");
    let located = |path: &Path, message: String| Error::at(path.to_owned(), 1, None, message);
    let inside = match content.canonicalize() {
        Ok(real) => real,
        Err(e) => {
            return Err(Errors(vec![located(
                content,
                format!("cannot read the content folder: {e} (run `import` first?)"),
            )]))
        }
    };
    let mut errors = Vec::new();
    if let Err(e) = stays_inside(&root, &inside) {
        return Err(Errors(vec![e]));
    }
    let dirs: Vec<PathBuf> = match std::fs::read_dir(&root) {
        Ok(entries) => {
            let mut d = Vec::new();
            for entry in entries.filter_map(Result::ok) {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
                if is_link {
                    if let Err(e) = stays_inside(&path, &inside) {
                        errors.push(e);
                        continue;
                    }
                }
                if !path.is_dir() {
                    continue;
                }
                if let Err(message) = url_name(&name, false) {
                    errors.push(located(&path, message));
                    continue;
                }
                d.push(path);
            }
            d.sort();
            d
        }
        Err(e) => {
            return Err(Errors(vec![located(
                &root,
                format!("cannot read the content folder: {e} (run `import` first?)"),
            )]))
        }
    };
    let results: Vec<Result<Folder, Errors>> = dirs
        .par_iter()
        .map(|d| folder(content, &inside, d, bodies))
        .collect();
    let mut ok = Vec::new();
    for r in results {
        match r {
            Ok(f) => ok.push(f),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(ok)
    } else {
        Err(Errors(errors))
    }
}

/// One briefing folder, `content/briefings/<name>`, read again (after an edit); None
/// when it is gone or is not a folder any more.
pub fn folder_named(content: &Path, name: &str, bodies: Bodies) -> Result<Option<Folder>, Errors> {
    let dir = content.join("briefings").join(name);
    if name.starts_with('.') || !dir.is_dir() {
        return Ok(None);
    }
    let inside = content
        .canonicalize()
        .map_err(|e| Errors(vec![Error::io(content)(e)]))?;
    stays_inside(&dir, &inside).map_err(|e| Errors(vec![e]))?;
    folder(content, &inside, &dir, bodies).map(Some)
}

/// A path that resolves outside the content folder (a symbolic link to elsewhere) is
/// refused: its text would be published though it is not part of the archive.
fn stays_inside(path: &Path, content: &Path) -> Result<(), Error> {
    match path.canonicalize() {
        Ok(real) if real.starts_with(content) => Ok(()),
        Ok(real) => Err(Error::at(
            path.to_owned(),
            1,
            None,
            format!(
                "a symbolic link to {}, outside the content folder: its text would be \
                 published; copy what belongs to the archive into content/ instead",
                real.display()
            ),
        )),
        // A link to nothing, or a folder that does not exist: read errors say so.
        Err(_) => Ok(()),
    }
}

/// A name that becomes part of a URL: lowercase letters, digits and '-' (and '_'
/// inside), so that it needs no escaping and no two differ only in case. The error
/// says what to rename it to.
fn url_name(name: &str, is_file: bool) -> Result<(), String> {
    let stem = if is_file {
        name.strip_suffix(".md").unwrap_or(name)
    } else {
        name
    };
    if is_file && stem == "_index" {
        return Ok(());
    }
    if !is_file && stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "the name {name:?} is the address of a year's list of briefings \
             (/briefings/{name}/): name the folder after the briefing's date and title"
        ));
    }
    let good = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && stem.as_bytes()[0].is_ascii_alphanumeric();
    if good {
        return Ok(());
    }
    let mut suggestion = super::slug(stem, 80);
    if suggestion.is_empty() {
        suggestion = "untitled".to_owned();
    }
    if is_file {
        suggestion.push_str(".md");
    }
    Err(format!(
        "the name {name:?} becomes a URL and must be lowercase letters, digits and '-': \
         rename it to {suggestion}"
    ))
}

fn folder(content: &Path, inside: &Path, dir: &Path, bodies: Bodies) -> Result<Folder, Errors> {
    let mut errors = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        vec![Error::at(
            dir.to_owned(),
            1,
            None,
            format!("cannot read: {e}"),
        )]
    })?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !name.ends_with(".md") {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_symlink()) {
            if let Err(e) = stays_inside(&path, inside) {
                errors.push(e);
                continue;
            }
        }
        if let Err(message) = url_name(&name, true) {
            errors.push(Error::at(path, 1, None, message));
            continue;
        }
        files.push(path);
    }
    files.sort_by_key(|p| {
        (
            p.file_name() != Some(std::ffi::OsStr::new("_index.md")),
            p.clone(),
        )
    });
    let mut documents = Vec::new();
    for path in files {
        let shown = path.clone();
        let rel = path.strip_prefix(content).unwrap_or(&path).to_owned();
        match std::fs::read_to_string(&path) {
            Ok(text) => match document(&text, &shown, &rel) {
                Ok((matter, mut d)) => {
                    if bodies == Bodies::Drop {
                        d.body = String::new();
                    }
                    documents.push((matter, d))
                }
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(Error::at(shown, 1, None, format!("cannot read: {e}"))),
        }
    }
    if !matches!(documents.first().map(|d| &d.0), Some(Matter::Briefing(_))) && errors.is_empty() {
        errors.push(Error::at(
            dir.join("_index.md"),
            1,
            None,
            "a briefing folder needs an _index.md with `kind: briefing`".to_owned(),
        ));
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok(Folder {
        name: dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        documents,
    })
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

impl ExchangeMatter {
    /// The name the question's turn carries: the outlet, or "Question" when the
    /// transcript does not say.
    pub fn asker(&self) -> &str {
        self.asked_by
            .as_deref()
            .unwrap_or(super::UNNAMED_OUTLET_LABEL)
    }

    /// Whether a turn by `speaker` is the question: the rule the loader, the build
    /// and the `topics` command share.
    pub fn asks(&self, speaker: &str) -> bool {
        speaker == self.asker()
    }

    /// Whether a turn by `speaker` is an answer: an official the file names.
    pub fn answers(&self, speaker: &str) -> bool {
        self.answered_by.iter().any(|a| a == speaker)
    }
}

impl LoadedExchange {
    /// The question's paragraphs: the turns by the outlet (or by "Question").
    pub fn question(&self) -> Vec<&str> {
        self.paragraphs_by(|s| self.matter.asks(s))
    }

    /// The answers' paragraphs: the turns by the officials who answer.
    pub fn answers(&self) -> Vec<&str> {
        self.paragraphs_by(|s| self.matter.answers(s))
    }

    fn paragraphs_by(&self, speaker: impl Fn(&str) -> bool) -> Vec<&str> {
        self.turns
            .iter()
            .filter(|t| speaker(&t.speaker))
            .flat_map(|t| t.paragraphs.iter().map(String::as_str))
            .collect()
    }
}

/// Every exchange under `content/briefings/`, by folder and file name: the same
/// reading (and the same checks) as a build's, bodies kept and split into turns.
pub fn exchanges(content: &Path) -> Result<Vec<LoadedExchange>, Errors> {
    Ok(folders(content, Bodies::Keep)?
        .into_iter()
        .flat_map(|f| f.documents)
        .filter_map(|(matter, doc)| match matter {
            Matter::Exchange(matter) => Some(LoadedExchange {
                turns: turns(&doc.body),
                path: doc.path,
                matter,
            }),
            _ => None,
        })
        .collect())
}

/// An exchange file's front matter and turns; None for other kinds of file.
pub fn parse_exchange(
    text: &str,
    path: &Path,
) -> Result<Option<(ExchangeMatter, Vec<Turn>)>, Error> {
    let (matter, doc) = document(text, path, path)?;
    Ok(match matter {
        Matter::Exchange(m) => Some((m, turns(&doc.body))),
        _ => None,
    })
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

/// Gives every name in the folders' front matter (outlets, officials, the roster,
/// summary points' speakers) the spelling the site uses, from `aliases` in site.yaml.
pub fn apply_aliases(folders: &mut [Folder], config: &crate::config::SiteConfig) {
    if config.aliases.is_empty() {
        return;
    }
    let fix = |name: &mut String| {
        if let Some(to) = config.aliases.get(name.as_str()) {
            name.clone_from(to);
        }
    };
    for (matter, _) in folders.iter_mut().flat_map(|f| &mut f.documents) {
        match matter {
            Matter::Briefing(b) => {
                b.speakers.iter_mut().for_each(|p| fix(&mut p.name));
                b.moderator.iter_mut().for_each(|p| fix(&mut p.name));
            }
            Matter::Exchange(e) => {
                e.asked_by.iter_mut().for_each(fix);
                e.answered_by.iter_mut().for_each(fix);
            }
            Matter::Summary(s) => {
                s.points
                    .iter_mut()
                    .flat_map(|p| &mut p.speaker)
                    .for_each(fix);
            }
            Matter::Closing(_) => {}
        }
    }
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
        assert_eq!((e.line, e.column), (Some(4), Some(8)), "{e}");
        assert!(
            e.to_string().starts_with("a.md:4:8: error: front matter:"),
            "{e}"
        );
        let e = parse_exchange("no front matter", Path::new("a.md")).unwrap_err();
        assert_eq!(e.line, Some(1));
        let other = parse_exchange(
            "---\ntitle: T\nkind: briefing\ndate: 2024-01-01\n---\n",
            Path::new("a.md"),
        );
        assert!(other.unwrap().is_none());
        let e = parse_exchange("---\ntitle: T\n---\n", Path::new("a.md")).unwrap_err();
        assert!(e.message.contains("no `kind`"), "{e}");
    }
}
