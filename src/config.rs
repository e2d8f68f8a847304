//! `site.yaml`: the site's title, base URL, language, output folder, and the topics
//! with the phrases that signal them. Read once; every problem names the file, line
//! and column, and what to do.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::content::front_matter::parse_yaml;
use crate::error::Error;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_output")]
    pub output: PathBuf,
    #[serde(default)]
    pub classifier: ClassifierConfig,
    /// Publish HTML written in content bodies as is. Off by default: content is edited
    /// by many hands, so script, event handlers and `javascript:` URLs are removed.
    #[serde(default)]
    pub allow_raw_html: bool,
    pub topics: Vec<TopicConfig>,
    /// Layouts the importer's rules miss, described without code: regular
    /// expressions for a source's speaker labels and its chrome lines.
    #[serde(default)]
    pub formats: Vec<FormatConfig>,
    /// Items on one page of a long list (the briefings, an official's or an
    /// outlet's questions); lists are split by year, then into pages of this many.
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    /// What the archive is, in Markdown: the About page opens with it, before how the
    /// archive is made (which the build writes from the content and the topics).
    #[serde(default)]
    pub about: Option<String>,
    /// Another spelling of an outlet's or an official's name -> the name the site
    /// uses ("Securities Time": "Securities Times"): their exchanges are listed
    /// together, under that name. `check` names likely ones.
    #[serde(default)]
    pub aliases: std::collections::BTreeMap<String, String>,
}

impl SiteConfig {
    /// The name the site uses for `name`: itself, unless `aliases` maps it.
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        self.aliases.get(name).map_or(name, String::as_str)
    }
}

fn default_page_size() -> usize {
    200
}

/// One publisher's layout. `labels` matches a line that opens with a speaker's label
/// and captures the name in a group called `label` (`^(?P<label>[A-Z][A-Z .]+)—`);
/// `chrome` lines are dropped (`^Share this article$`). Each applies to every file,
/// or to files whose name matches `files` (a regular expression).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatConfig {
    pub name: String,
    #[serde(default)]
    pub files: Option<String>,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default)]
    pub chrome: Vec<String>,
}

fn default_language() -> String {
    "en".to_owned()
}

fn default_output() -> PathBuf {
    PathBuf::from("public")
}

/// One topic: what it is, and the phrases that signal it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicConfig {
    /// Lowercase letters, digits and '-': it is a URL segment and what `topics:` lists.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Phrase -> weight. Matching ignores case, hyphens and plural or -ing/-ed endings;
    /// a word written in capitals ("AI", "BRI") matches only in capitals; `*` stands for
    /// any one word ("renewal of * equipment").
    pub signals: BTreeMap<String, f64>,
    /// Phrases in which a signal does not count ("reform and opening up").
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// How scores become decisions. The defaults are tuned on the shipped transcripts and
/// the labelled trap set in tests/fixtures/topic_traps.yaml.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClassifierConfig {
    /// How much a signal in the question counts, against one per 1,000 answer words.
    pub question_weight: f64,
    /// The score from which a topic is what an exchange is about.
    pub threshold: f64,
    /// Answers shorter than this count as this long, so that a two-line answer with
    /// one mention does not look dense.
    pub min_answer_words: usize,
}

impl Default for ClassifierConfig {
    fn default() -> Self {
        ClassifierConfig {
            question_weight: 3.0,
            threshold: 6.0,
            min_answer_words: 300,
        }
    }
}

impl SiteConfig {
    pub fn load(path: &Path) -> Result<SiteConfig, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::at(path.to_owned(), 1, None, format!(
                "cannot read the site config: {e} (run from the project folder, or pass --config FILE)"
            )))?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<SiteConfig, Error> {
        let config: SiteConfig = parse_yaml(text, 1).map_err(|e| e.in_file(path))?;
        config.validate(text, path)?;
        Ok(config)
    }

    /// What YAML cannot say wrong: ids, duplicates, weights, empty phrases, patterns.
    fn validate(&self, text: &str, path: &Path) -> Result<(), Error> {
        let error = |needle: &str, message: String| {
            Error::at(path.to_owned(), line_of(text, needle), None, message)
        };
        for (alias, name) in &self.aliases {
            if self.aliases.contains_key(name) {
                return Err(error(
                    alias,
                    format!(
                        "alias {alias:?} leads to {name:?}, itself an alias: map every \
                         spelling to the name the site uses"
                    ),
                ));
            }
        }
        if let Err((pattern, e)) = crate::transcript::Formats::compile(&self.formats) {
            return Err(error(&pattern, format!("format pattern {pattern:?}: {e}")));
        }
        let mut seen = HashSet::new();
        for t in &self.topics {
            let valid_id = !t.id.is_empty()
                && t.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid_id {
                return Err(error(
                    &t.id,
                    format!(
                        "topic id {:?}: use lowercase letters, digits and '-' (it is part of a URL)",
                        t.id
                    ),
                ));
            }
            if !seen.insert(&t.id) {
                return Err(error(
                    &format!("id: {}", t.id),
                    format!("topic id {:?} is used twice: ids must be unique", t.id),
                ));
            }
            if t.signals.is_empty() {
                return Err(error(
                    &t.id,
                    format!(
                        "topic {:?} has no signals: list the phrases that signal it",
                        t.id
                    ),
                ));
            }
            for (phrase, weight) in &t.signals {
                if phrase.split_whitespace().all(|w| w == "*") {
                    return Err(error(
                        phrase,
                        format!("topic {:?}: empty signal phrase {phrase:?}", t.id),
                    ));
                }
                if !(weight.is_finite() && *weight > 0.0) {
                    return Err(error(
                        phrase,
                        format!(
                            "topic {:?}: the weight of {phrase:?} must be a number above 0",
                            t.id
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The 1-based line where `needle` first appears, or 1.
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map_or(1, |at| text[..at].matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title: T\nbase_url: https://example.org/\ntopics:\n  - id: ai\n    name: AI\n    signals:\n      AI: 1\n";

    #[test]
    fn reads_a_config_with_defaults() {
        let c = SiteConfig::parse(GOOD, Path::new("site.yaml")).unwrap();
        assert_eq!(c.language, "en");
        assert_eq!(c.output, PathBuf::from("public"));
        assert_eq!(c.topics[0].signals["AI"], 1.0);
        assert_eq!(c.classifier.threshold, 6.0);
        assert!(
            !c.allow_raw_html,
            "raw HTML is sanitized unless a site says otherwise"
        );
        let trusted = format!("allow_raw_html: true\n{GOOD}");
        assert!(
            SiteConfig::parse(&trusted, Path::new("site.yaml"))
                .unwrap()
                .allow_raw_html
        );
    }

    #[test]
    fn errors_name_the_line() {
        let bad = GOOD.replace("AI: 1", "AI: many");
        let e = SiteConfig::parse(&bad, Path::new("site.yaml")).unwrap_err();
        assert_eq!(e.line, Some(7), "{e}");
        assert!(e.to_string().starts_with("site.yaml:7:"), "{e}");

        let twice = format!("{GOOD}  - id: ai\n    name: Again\n    signals:\n      x: 1\n");
        let e = SiteConfig::parse(&twice, Path::new("site.yaml")).unwrap_err();
        assert!(e.message.contains("used twice"), "{e}");

        let bad_id = GOOD.replace("id: ai", "id: A I");
        let e = SiteConfig::parse(&bad_id, Path::new("site.yaml")).unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");

        let zero = GOOD.replace("AI: 1", "AI: 0");
        let e = SiteConfig::parse(&zero, Path::new("site.yaml")).unwrap_err();
        assert!(e.message.contains("above 0"), "{e}");

        let unknown = GOOD.replace("title: T", "title: T\ntitel: typo");
        let e = SiteConfig::parse(&unknown, Path::new("site.yaml")).unwrap_err();
        assert!(e.message.contains("titel"), "{e}");
    }
}
