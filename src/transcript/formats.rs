//! Layouts described in `site.yaml` rather than in code: for a publisher whose
//! labels or chrome the built-in rules miss, regular expressions that say which lines
//! open with a speaker's label (the name in a group called `label`) and which lines
//! are chrome. Applied to the lines before the built-in rules read them.

use regex::Regex;

use super::lines::{push_label, Line, LineKind};
use crate::config::FormatConfig;

#[derive(Debug, Clone, Default)]
pub struct Formats {
    rules: Vec<Rule>,
}

#[derive(Debug, Clone)]
struct Rule {
    files: Option<Regex>,
    labels: Vec<Regex>,
    chrome: Vec<Regex>,
}

impl Formats {
    /// Compiles the config's patterns; a bad one is returned with its error.
    pub fn compile(configs: &[FormatConfig]) -> Result<Formats, (String, String)> {
        let compile = |p: &String| Regex::new(p).map_err(|e| (p.clone(), e.to_string()));
        let mut rules = Vec::new();
        for c in configs {
            let labels = c
                .labels
                .iter()
                .map(compile)
                .collect::<Result<Vec<_>, _>>()?;
            if let Some((bad, _)) = c
                .labels
                .iter()
                .zip(&labels)
                .find(|(_, r)| !r.capture_names().any(|n| n == Some("label")))
            {
                return Err((
                    bad.clone(),
                    "a label pattern needs a group named `label`: (?P<label>...)".to_owned(),
                ));
            }
            rules.push(Rule {
                files: c.files.as_ref().map(compile).transpose()?,
                labels,
                chrome: c.chrome.iter().map(compile).collect::<Result<_, _>>()?,
            });
        }
        Ok(Formats { rules })
    }

    /// The lines of `file` with this site's chrome dropped and its labels split off.
    pub fn apply<'a>(&self, file: &str, lines: Vec<Line<'a>>) -> Vec<Line<'a>> {
        let rules: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| r.files.as_ref().is_none_or(|f| f.is_match(file)))
            .collect();
        if rules.is_empty() {
            return lines;
        }
        let mut out = Vec::with_capacity(lines.len());
        for mut line in lines {
            if line.kind != LineKind::Text {
                out.push(line);
                continue;
            }
            if rules
                .iter()
                .any(|r| r.chrome.iter().any(|c| c.is_match(&line.text)))
            {
                line.kind = LineKind::Noise;
                out.push(line);
                continue;
            }
            let found = rules.iter().flat_map(|r| &r.labels).find_map(|re| {
                let caps = re.captures(&line.text)?;
                let name = caps.name("label")?.as_str().trim().to_owned();
                let end = caps.get(0)?.end();
                (!name.is_empty()).then_some((name, end))
            });
            match found {
                Some((name, end)) => push_label(line.number, &name, &line.text[end..], &mut out),
                None => out.push(line),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::lines::split;

    fn formats(labels: &[&str], chrome: &[&str]) -> Formats {
        Formats::compile(&[FormatConfig {
            name: "test".into(),
            files: None,
            labels: labels.iter().map(|s| s.to_string()).collect(),
            chrome: chrome.iter().map(|s| s.to_string()).collect(),
        }])
        .unwrap()
    }

    #[test]
    fn a_site_pattern_splits_labels_and_drops_chrome() {
        let f = formats(
            &[r"^(?P<label>[A-Z][A-Za-z ]+) \u{2014} "],
            &["^Related stories$"],
        );
        let lines = f.apply(
            "x.txt",
            split("Li Na \u{2014} The summit will go ahead.\nRelated stories\n"),
        );
        let shape: Vec<(LineKind, &str)> = lines.iter().map(|l| (l.kind, &*l.text)).collect();
        assert_eq!(
            shape,
            [
                (LineKind::Label, "Li Na:"),
                (LineKind::Text, "The summit will go ahead."),
                (LineKind::Noise, "Related stories"),
            ]
        );
    }

    #[test]
    fn a_label_pattern_without_its_group_is_refused() {
        let e = Formats::compile(&[FormatConfig {
            name: "bad".into(),
            files: None,
            labels: vec!["^[A-Z]+:".into()],
            chrome: vec![],
        }])
        .unwrap_err();
        assert!(e.1.contains("`label`"), "{e:?}");
        assert!(Formats::compile(&[FormatConfig {
            name: "bad".into(),
            files: None,
            labels: vec![],
            chrome: vec!["(".into()],
        }])
        .is_err());
    }
}
