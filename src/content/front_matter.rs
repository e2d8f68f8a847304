//! Front matter: YAML between `---` lines at the top of a content file. Every use of
//! the YAML library goes through here, so that it can be replaced in one place
//! (serde_yaml is unmaintained; see DEPENDENCIES.md).

use std::fmt::Write;

use serde::de::DeserializeOwned;

use crate::error::Error;

/// The key under which `import` records the digest of what it wrote, so that a later
/// import can tell a file still as generated from one a person has edited.
pub const DIGEST_KEY: &str = "import_hash";

/// Reads YAML into `T`. `first_line` is the file's line where `yaml` starts, so that
/// errors point into the file; a problem the YAML library cannot place (a missing
/// field) points at `first_line`.
pub fn parse_yaml<T: DeserializeOwned>(yaml: &str, first_line: usize) -> Result<T, Error> {
    if let Some(e) = duplicate_key(yaml, first_line) {
        return Err(e);
    }
    serde_yaml::from_str(yaml).map_err(|e| {
        let (line, column) = e.location().map_or((first_line, None), |l| {
            (first_line + l.line() - 1, Some(l.column()))
        });
        // serde_yaml and libyaml say " at line N column M" in lines of the YAML alone:
        // ours, in lines of the file, replace them.
        let message = strip_locations(&e.to_string());
        // The library finds an unclosed quote where the text ends: point at the quote.
        if message.contains("while scanning a quoted scalar") {
            if let Some((at, col)) = unclosed_quote(yaml) {
                return Error {
                    line: Some(first_line + at),
                    column: Some(col),
                    help: Some(
                        "close the value with the same quote mark; inside '...' a ' is \
                         written '', inside \"...\" a \" is written \\\""
                            .to_owned(),
                    ),
                    ..Error::new("a quoted value is never closed: its quote opens here".to_owned())
                };
            }
        }
        Error {
            line: Some(line),
            column,
            ..Error::new(message)
        }
    })
}

/// A key set twice at the top of the front matter, at its second line (the YAML
/// library either says nothing, for keys it skips, or points at the mapping's start).
fn duplicate_key(yaml: &str, first_line: usize) -> Option<Error> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, _)) = line.split_once(':') else {
            continue;
        };
        let plain = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !plain {
            continue;
        }
        if let Some(first) = seen.insert(key, i) {
            return Some(Error {
                line: Some(first_line + i),
                column: Some(1),
                help: Some("keep one of them".to_owned()),
                ..Error::new(format!(
                    "`{key}` is set twice: here and on line {}",
                    first_line + first
                ))
            });
        }
    }
    None
}

/// Where a quoted value opens that no quote closes: (line within the YAML, from 0;
/// column, from 1). A quote opens a value after a key's colon, a list's dash, a
/// bracket or a comma, or at a line's start; one inside a word (`Xi's`) does not.
fn unclosed_quote(yaml: &str) -> Option<(usize, usize)> {
    let mut open: Option<(char, usize, usize)> = None;
    for (i, line) in yaml.lines().enumerate() {
        let mut previous = None::<char>;
        let mut chars = line.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match open {
                Some(('\'', ..)) if c == '\'' => {
                    // '' is a quote inside the value.
                    if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        open = None;
                    }
                }
                Some(('"', ..)) if c == '\\' => {
                    chars.next();
                }
                Some(('"', ..)) if c == '"' => open = None,
                Some(_) => {}
                None if c == '#' && previous.is_none_or(char::is_whitespace) => break,
                None if (c == '\'' || c == '"')
                    && previous.is_none_or(|p| matches!(p, ':' | '-' | '[' | ',' | '{' | '?')) =>
                {
                    open = Some((c, i, line[..at].chars().count() + 1));
                }
                None => {}
            }
            if !c.is_whitespace() {
                previous = Some(c);
            }
        }
    }
    open.map(|(_, line, column)| (line, column))
}

/// Removes every " at line N column M" from a message.
fn strip_locations(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + " at line ".len()..];
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        let after = &tail[digits..];
        rest = match after.strip_prefix(" column ") {
            Some(c) => &c[c.bytes().take_while(u8::is_ascii_digit).count()..],
            None => after,
        };
    }
    out.push_str(rest);
    out
}

/// A front matter value. Content files are written from these by [`emit`]: the shapes
/// are few, and a direct writer is several times faster than a general serializer.
/// What it writes is read back by serde_yaml (see the tests and the fuzz target).
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Null,
    Bool(bool),
    Int(u64),
    Str(&'a str),
    Owned(String),
    Seq(Vec<Node<'a>>),
    Map(Vec<(&'static str, Node<'a>)>),
}

impl<'a> From<&'a str> for Node<'a> {
    fn from(s: &'a str) -> Self {
        Node::Str(s)
    }
}

impl<'a> From<Option<&'a str>> for Node<'a> {
    fn from(s: Option<&'a str>) -> Self {
        s.map_or(Node::Null, Node::Str)
    }
}

impl From<String> for Node<'_> {
    fn from(s: String) -> Self {
        Node::Owned(s)
    }
}

/// Block-style YAML for a mapping, one `key: value` per line, as serde_yaml writes it.
pub fn emit(map: &[(&'static str, Node<'_>)]) -> String {
    let mut out = String::with_capacity(256);
    emit_map(&mut out, map, 0, false);
    out
}

fn emit_map(out: &mut String, map: &[(&'static str, Node<'_>)], indent: usize, in_seq: bool) {
    for (i, (key, value)) in map.iter().enumerate() {
        if !(in_seq && i == 0) {
            out.extend(std::iter::repeat_n(' ', indent));
        }
        out.push_str(key);
        out.push(':');
        match value {
            Node::Seq(items) if !items.is_empty() => {
                out.push('\n');
                emit_seq(out, items, indent);
            }
            Node::Map(entries) if !entries.is_empty() => {
                out.push('\n');
                emit_map(out, entries, indent + 2, false);
            }
            scalar => {
                out.push(' ');
                emit_scalar(out, scalar);
                out.push('\n');
            }
        }
    }
}

fn emit_seq(out: &mut String, items: &[Node<'_>], indent: usize) {
    for item in items {
        out.extend(std::iter::repeat_n(' ', indent));
        out.push_str("- ");
        match item {
            Node::Map(entries) if !entries.is_empty() => emit_map(out, entries, indent + 2, true),
            scalar => {
                emit_scalar(out, scalar);
                out.push('\n');
            }
        }
    }
}

fn emit_scalar(out: &mut String, node: &Node<'_>) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Node::Str(s) => emit_str(out, s),
        Node::Owned(s) => emit_str(out, s),
        Node::Seq(_) => out.push_str("[]"),
        Node::Map(_) => out.push_str("{}"),
    }
}

/// A string as a plain scalar when that cannot be misread (as a number, a boolean,
/// null, a comment, a mapping, a flow collection, an alias...), else quoted.
fn emit_str(out: &mut String, s: &str) {
    if is_plain_safe(s) {
        out.push_str(s);
        return;
    }
    let needs_escapes = s.chars().any(|c| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
            )
    });
    if !needs_escapes {
        // Single quotes read best by hand: only `'` is special, written twice.
        out.push('\'');
        for part in s.split('\'').enumerate() {
            if part.0 > 0 {
                out.push_str("''");
            }
            out.push_str(part.1);
        }
        out.push('\'');
        return;
    }
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                ) =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let last = s.chars().next_back().unwrap_or(first);
    let allowed = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                ' ' | '.'
                    | ','
                    | '('
                    | ')'
                    | '\''
                    | '/'
                    | '-'
                    | '_'
                    | '%'
                    | '+'
                    | '?'
                    | '!'
                    | ';'
                    | ':'
                    | '\u{2018}'
                    | '\u{2019}'
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{2013}'
                    | '\u{2014}'
                    | '\u{2026}'
            )
    };
    const WORDS: &[&str] = &[
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    ];
    let lower = s.to_ascii_lowercase();
    (first.is_alphanumeric() || first == '(')
        && !matches!(last, ' ' | ':')
        && s.chars().all(allowed)
        && !s.contains(": ")
        && !s.contains(" #")
        && !WORDS.contains(&lower.trim_start_matches(['.', '+', '-']))
        // Anything a YAML reader might take for a number stays quoted, but for dates
        // and line ranges ("2024-07-26", "62-85"), which every reader takes as a date
        // or a string. "10:00" is quoted: YAML 1.1 readers see the number 600.
        && (!first.is_ascii_digit() || is_date_like(s) || s.parse::<f64>().is_err() && !looks_numeric(s))
}

/// "2024-07-26", "1-305": digits separated by single '-'.
fn is_date_like(s: &str) -> bool {
    let mut parts = s.split('-');
    let count = s.split('-').count();
    count >= 2 && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Hex, octal, binary, underscores, exponents: YAML 1.1 readers see numbers there.
fn looks_numeric(s: &str) -> bool {
    s.bytes().all(|b| {
        b.is_ascii_hexdigit() || matches!(b, b'_' | b'.' | b'x' | b'o' | b'+' | b'-' | b':')
    })
}

/// A content file's text split at its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts (after the opening `---`).
    pub yaml_line: usize,
    pub body: &'a str,
}

/// Splits `---\n<yaml>---\n<body>`. None when the file has no front matter.
pub fn split(text: &str) -> Option<Split<'_>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(Split {
                yaml: &rest[..offset],
                yaml_line: 2,
                body: &rest[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    None
}

/// A file's text with front matter and its digest line: `---\n<yaml><digest>---\n\n<body>`.
pub fn compose(yaml: &str, body: &str) -> String {
    let digest = digest(yaml, body);
    let mut text = String::with_capacity(yaml.len() + body.len() + 48);
    for part in ["---\n", yaml, DIGEST_KEY, ": ", &digest, "\n---\n\n", body] {
        text.push_str(part);
    }
    text
}

/// What a file says about itself: still as `import` wrote it, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// The digest matches: nobody changed the file since import wrote it.
    AsGenerated,
    /// No digest, or one that does not match: a person changed or wrote it.
    Edited,
}

pub fn provenance(text: &str) -> Provenance {
    let normalized = text.replace("\r\n", "\n");
    let Some(split) = split(&normalized) else {
        return Provenance::Edited;
    };
    let prefix = format!("{DIGEST_KEY}: ");
    let mut recorded = None;
    let mut yaml = String::with_capacity(split.yaml.len());
    for line in split.yaml.split_inclusive('\n') {
        match line.strip_prefix(&prefix) {
            Some(value) if recorded.is_none() => recorded = Some(value.trim().to_owned()),
            _ => yaml.push_str(line),
        }
    }
    // The body as composed: after the fence and the blank line under it.
    let body = split.body.strip_prefix('\n').unwrap_or(split.body);
    match recorded {
        Some(r) if r == digest(&yaml, body) => Provenance::AsGenerated,
        _ => Provenance::Edited,
    }
}

/// FNV-1a over 8-byte little-endian words of the front matter, then of the body (each
/// zero-padded to a whole word): stable across versions and platforms, unlike std's
/// hasher, and eight times fewer multiplies than bytewise FNV. No adversary is
/// involved, only accidental edits.
fn digest(yaml: &str, body: &str) -> String {
    let mut hash: u64 = crate::scan::FNV_OFFSET;
    for part in [yaml, body] {
        let mut words = part.as_bytes().chunks_exact(8);
        for word in &mut words {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            hash = (hash ^ word).wrapping_mul(crate::scan::FNV_PRIME);
        }
        let mut tail = [0u8; 8];
        tail[..words.remainder().len()].copy_from_slice(words.remainder());
        hash = (hash ^ u64::from_le_bytes(tail)).wrapping_mul(crate::scan::FNV_PRIME);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_errors_point_into_the_file() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            title: String,
            order: u32,
        }
        let err = parse_yaml::<T>("title: A\norder: 1\nname: \"unclosed\n", 2).unwrap_err();
        assert_eq!(
            (err.line, err.column),
            (Some(4), Some(7)),
            "an unclosed quote, at its quote: {err:?}"
        );
        assert!(err.message.contains("never closed"), "{err:?}");
        // Quotes inside words, doubled inside '...', escaped inside "...", and values
        // over several lines are not unclosed; the one that is, is found after them.
        let yaml = "a: Xi's words\nb: 'it''s'\nc: \"say \\\"x\\\"\"\nd: 'two\n  lines'\ne: 'open\n";
        assert_eq!(unclosed_quote(yaml), Some((5, 4)));
        assert_eq!(unclosed_quote("a: 'x' # it's\nb: [\"y\", 'z']\n"), None);
        // A key set twice: at the second, naming the first.
        let err = parse_yaml::<T>("title: A\norder: 1\ntitle: B\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (Some(4), Some(1)), "{err:?}");
        assert!(
            err.message
                .contains("`title` is set twice: here and on line 2"),
            "{err:?}"
        );
        assert!(!err.message.contains("at line"), "{err:?}");
        let err = parse_yaml::<T>("title: A\norder: x\n", 2).unwrap_err();
        assert_eq!((err.line, err.column), (Some(3), Some(8)), "{err:?}");
        assert!(err.message.contains("order"), "{err:?}");
        let err = parse_yaml::<T>("title: A\n", 2).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("missing field `order`"), "{err:?}");
    }

    #[test]
    fn emitted_yaml_reads_back_as_written() {
        let tricky = [
            "plain words",
            "SCIO briefing on promoting high-quality development: State-owned Assets",
            "What are the key tasks?",
            "Nanfang Daily, Nanfang Plus",
            "null",
            "Yes",
            "~",
            "123",
            "0x1F",
            "1e3",
            "2024-07-26",
            "10:00",
            "1-305",
            "- item",
            "#hash",
            "a #comment",
            "key: value",
            "ends with colon:",
            "{{ template }}",
            "<b>html</b>",
            "*alias",
            "&anchor",
            "!tag",
            "'quoted'",
            "\"double\"",
            "back\\slash",
            "line\nbreak",
            " leading space",
            "trailing space ",
            "",
            "tab\there",
            "It\u{2019}s \u{201C}curly\u{201D}",
            "control \u{7}\u{85}\u{2028} chars",
            "---",
            "...",
            "@at",
            "%percent",
            "`tick`",
            "004_222eebfa47521be0.txt",
            "1_000",
        ];
        for s in tricky {
            let yaml = emit(&[("k", Node::Str(s))]);
            let back: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(back["k"].as_str(), Some(s), "{s:?} written as {yaml:?}");
        }
    }

    #[test]
    fn emitted_shapes() {
        let yaml = emit(&[
            ("title", "T".into()),
            ("order", Node::Int(3)),
            ("asked_by", Node::Null),
            ("answered_by", Node::Seq(vec!["A".into(), "B".into()])),
            ("none", Node::Seq(vec![])),
            (
                "moderator",
                Node::Map(vec![("name", "M".into()), ("role", "r".into())]),
            ),
            (
                "sources",
                Node::Seq(vec![Node::Map(vec![
                    ("file", "f.txt".into()),
                    ("lines", "1-9".into()),
                ])]),
            ),
        ]);
        assert_eq!(
            yaml,
            "title: T\norder: 3\nasked_by: null\nanswered_by:\n- A\n- B\nnone: []\n\
             moderator:\n  name: M\n  role: r\nsources:\n- file: f.txt\n  lines: 1-9\n"
        );
        let back: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back["sources"][0]["lines"].as_str(), Some("1-9"));
        assert_eq!(emit(&[("time", "10:00".into())]), "time: '10:00'\n");
        assert_eq!(emit(&[("date", "2024-07-26".into())]), "date: 2024-07-26\n");
        assert_eq!(back["order"].as_u64(), Some(3));
        assert!(back["asked_by"].is_null());
    }

    #[test]
    fn composed_files_are_recognised_as_generated() {
        let text = compose("title: A\n", "Body.\n");
        assert!(text.contains("import_hash: "));
        assert_eq!(provenance(&text), Provenance::AsGenerated);
        assert_eq!(
            provenance(&text.replace('\n', "\r\n")),
            Provenance::AsGenerated,
            "a checkout with CRLF line ends is not an edit"
        );
    }

    #[test]
    fn any_change_is_an_edit() {
        let text = compose("title: A\n", "Body.\n");
        assert_eq!(
            provenance(&text.replace("Body", "Bodies")),
            Provenance::Edited
        );
        assert_eq!(
            provenance(&text.replace("title: A", "title: B")),
            Provenance::Edited
        );
        assert_eq!(
            provenance("---\ntitle: A\n---\nhand written\n"),
            Provenance::Edited
        );
        assert_eq!(provenance("no front matter"), Provenance::Edited);
    }

    #[test]
    fn split_finds_the_yaml_and_body() {
        let s = split("---\ntitle: A\n---\n\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "\nBody\n");
        assert!(split("title: A\n").is_none());
        assert!(split("---\ntitle: A\n").is_none());
    }
}
