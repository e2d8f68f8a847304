//! Front matter: YAML between `---` lines at the top of a content file. Every use of
//! the YAML library goes through here, so that it can be replaced in one place
//! (serde_yaml is unmaintained; see DEPENDENCIES.md).

use serde::Serialize;

/// The key under which `import` records the digest of what it wrote, so that a later
/// import can tell a file still as generated from one a person has edited.
pub const DIGEST_KEY: &str = "import_hash";

pub fn to_yaml<T: Serialize>(value: &T) -> Result<String, serde_yaml::Error> {
    serde_yaml::to_string(value)
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
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [yaml, body] {
        let mut words = part.as_bytes().chunks_exact(8);
        for word in &mut words {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            hash = (hash ^ word).wrapping_mul(0x0000_0100_0000_01b3);
        }
        let mut tail = [0u8; 8];
        tail[..words.remainder().len()].copy_from_slice(words.remainder());
        hash = (hash ^ u64::from_le_bytes(tail)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

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
