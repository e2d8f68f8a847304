//! Content files: the Markdown + YAML front matter that `import` writes and a person
//! may edit. One folder per briefing, one file per exchange (see PRODUCT.md).

pub mod front_matter;
mod text;
pub mod write;

use std::collections::HashSet;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::transcript::{
    line_ranges, Archive, Briefing, Exchange, Person, PointTarget, Source, Speaker, Summary, Turn,
};
pub use text::{escape_markdown, one_sentence, slug};

/// A file to write, its path relative to the content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    pub path: PathBuf,
    pub text: String,
}

/// The label of a question whose outlet the transcript does not give.
pub const UNNAMED_OUTLET_LABEL: &str = "Question";

/// Every content file for the archive, in a stable order.
pub fn render(archive: &Archive) -> Vec<ContentFile> {
    let mut taken = HashSet::new();
    let folders: Vec<String> = archive
        .briefings
        .iter()
        .map(|briefing| {
            let base = briefing_slug(briefing);
            let mut folder = base.clone();
            let mut n = 2;
            while !taken.insert(folder.clone()) {
                folder = format!("{base}-{n}");
                n += 1;
            }
            folder
        })
        .collect();
    archive
        .briefings
        .par_iter()
        .zip(&folders)
        .flat_map_iter(|(briefing, folder)| {
            BriefingWriter::new(briefing, &archive.sources, folder).files()
        })
        .collect()
}

/// "2024-07-26-promoting-high-quality-development": the date, then the title's topic
/// without the "SCIO briefing on" preamble and without what follows a colon.
pub fn briefing_slug(briefing: &Briefing) -> String {
    let title = briefing.title.as_str();
    let lower = title.to_lowercase();
    let topic = [
        "scio briefing on ",
        "scio press conference on ",
        "press conference on ",
        "briefing on ",
    ]
    .iter()
    .find_map(|p| lower.starts_with(p).then(|| &title[p.len()..]))
    .unwrap_or(title);
    let topic = topic.split(':').next().unwrap_or(topic);
    let mut words = slug(topic, 60);
    // "...-of-central-soes-by" reads badly: drop dangling small words.
    while let Some((head, last)) = words.rsplit_once('-') {
        if ![
            "a", "an", "and", "by", "for", "in", "of", "on", "the", "to", "with",
        ]
        .contains(&last)
        {
            break;
        }
        words.truncate(head.len());
    }
    if words.is_empty() {
        briefing.date.to_string()
    } else {
        format!("{}-{words}", briefing.date)
    }
}

#[derive(Serialize)]
struct PersonMatter<'a> {
    name: &'a str,
    role: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    honorific: Option<&'a str>,
}

impl<'a> From<&'a Person> for PersonMatter<'a> {
    fn from(p: &'a Person) -> Self {
        PersonMatter {
            name: &p.name,
            role: &p.role,
            honorific: p.honorific.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct SourceMatter<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    lines: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
}

#[derive(Serialize)]
struct BriefingMatter<'a> {
    title: &'a str,
    kind: &'static str,
    date: String,
    time: Option<&'a str>,
    location: Option<&'a str>,
    series: Option<&'a str>,
    host: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lead: Option<String>,
    moderator: Option<PersonMatter<'a>>,
    speakers: Vec<PersonMatter<'a>>,
    sources: Vec<SourceMatter<'a>>,
    translators: &'a [String],
}

#[derive(Serialize)]
struct ExchangeMatter<'a> {
    title: String,
    kind: &'static str,
    order: usize,
    asked_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    asked_by_from: Option<&'a str>,
    answered_by: &'a [String],
    sources: Vec<SourceMatter<'a>>,
}

#[derive(Serialize)]
struct PartMatter<'a> {
    title: &'static str,
    kind: &'static str,
    sources: Vec<SourceMatter<'a>>,
}

#[derive(Serialize)]
struct PointMatter<'a> {
    line: usize,
    headline: &'a str,
    speaker: Option<&'a str>,
    /// The exchange's file name without `.md`, or `opening`.
    exchange: Option<String>,
}

#[derive(Serialize)]
struct SummaryMatter<'a> {
    title: &'a str,
    kind: &'static str,
    date: String,
    sources: Vec<SourceMatter<'a>>,
    points: Vec<PointMatter<'a>>,
}

struct BriefingWriter<'a> {
    briefing: &'a Briefing,
    sources: &'a [Source],
    folder: &'a str,
    exchange_names: Vec<String>,
}

impl<'a> BriefingWriter<'a> {
    fn new(briefing: &'a Briefing, sources: &'a [Source], folder: &'a str) -> Self {
        let width = briefing.exchanges.len().to_string().len().max(2);
        let exchange_names = briefing
            .exchanges
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let name = e
                    .asked_by
                    .as_deref()
                    .map(|o| slug(o, 40))
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "question".to_owned());
                format!("{:0width$}-{name}", i + 1)
            })
            .collect();
        BriefingWriter {
            briefing,
            sources,
            folder,
            exchange_names,
        }
    }

    fn files(&self) -> Vec<ContentFile> {
        let b = self.briefing;
        let mut files = vec![self.file("_index.md", &self.index_matter(), &turns_body(&b.opening))];
        for (i, exchange) in b.exchanges.iter().enumerate() {
            let name = format!("{}.md", self.exchange_names[i]);
            files.push(self.file(
                &name,
                &self.exchange_matter(i, exchange),
                &turns_body(&exchange.turns),
            ));
        }
        if !b.closing.is_empty() {
            let matter = PartMatter {
                title: "Closing remarks",
                kind: "closing",
                sources: self.line_sources(&b.closing),
            };
            files.push(self.file("closing.md", &matter, &turns_body(&b.closing)));
        }
        if let Some(summary) = &b.summary {
            let (matter, body) = self.summary(summary);
            files.push(self.file("summary.md", &matter, &body));
        }
        files
    }

    fn file<T: Serialize>(&self, name: &str, matter: &T, body: &str) -> ContentFile {
        // Serializing plain structs of strings and numbers cannot fail.
        let yaml = front_matter::to_yaml(matter).unwrap_or_default();
        ContentFile {
            path: PathBuf::from("briefings").join(self.folder).join(name),
            text: front_matter::compose(&yaml, body),
        }
    }

    fn index_matter(&self) -> BriefingMatter<'a> {
        let b = self.briefing;
        BriefingMatter {
            title: &b.title,
            kind: "briefing",
            date: b.date.to_string(),
            time: b.time.as_deref(),
            location: b.location.as_deref(),
            series: b.series.as_deref(),
            host: b.host.as_deref(),
            lead: Some(b.lead.join("\n\n")).filter(|l| !l.is_empty()),
            moderator: b.moderator.as_ref().map(PersonMatter::from),
            speakers: b.speakers.iter().map(PersonMatter::from).collect(),
            sources: b
                .sources
                .iter()
                .map(|&s| {
                    let source = &self.sources[s];
                    SourceMatter {
                        file: &source.file,
                        kind: Some(source.kind.as_str()),
                        lines: format!("1-{}", source.line_count),
                        published: source.published.map(|d| d.to_string()),
                    }
                })
                .collect(),
            translators: &b.translators,
        }
    }

    fn exchange_matter(&self, i: usize, e: &'a Exchange) -> ExchangeMatter<'a> {
        let question: Vec<&str> = e.question().iter().map(|p| p.text.as_str()).collect();
        ExchangeMatter {
            title: one_sentence(&question.join(" "), 160),
            kind: "exchange",
            order: i + 1,
            asked_by: e.asked_by.as_deref(),
            asked_by_from: e.asked_by_from.map(|s| self.sources[s].file.as_str()),
            answered_by: &e.answered_by,
            sources: self.line_sources(&e.turns),
        }
    }

    fn line_sources(&self, turns: &[Turn]) -> Vec<SourceMatter<'a>> {
        line_ranges(turns)
            .into_iter()
            .map(|(s, first, last)| SourceMatter {
                file: &self.sources[s].file,
                kind: None,
                lines: format!("{first}-{last}"),
                published: None,
            })
            .collect()
    }

    fn summary(&self, summary: &'a Summary) -> (SummaryMatter<'a>, String) {
        let b = self.briefing;
        let target_name = |t: Option<PointTarget>| match t? {
            PointTarget::Opening => Some("opening".to_owned()),
            PointTarget::Exchange(i) => Some(self.exchange_names[i].clone()),
        };
        let mut body = String::new();
        for p in &summary.intro {
            body.push_str(&escape_markdown(&p.text, true));
            body.push_str("\n\n");
        }
        for (n, point) in summary.points.iter().enumerate() {
            body.push_str(&format!(
                "## {} {{#point-{}}}\n\n",
                escape_markdown(&point.headline, false),
                n + 1
            ));
            for p in &point.paragraphs {
                body.push_str(&escape_markdown(&p.text, true));
                body.push_str("\n\n");
            }
            if let Some(target) = point.target {
                let link = match target {
                    PointTarget::Opening => {
                        format!("@/briefings/{}/_index.md#opening", self.folder)
                    }
                    PointTarget::Exchange(i) => {
                        format!("@/briefings/{}/{}.md", self.folder, self.exchange_names[i])
                    }
                };
                body.push_str(&format!("[Where this was said]({link})\n\n"));
            }
        }
        let source = &self.sources[summary.source];
        let matter = SummaryMatter {
            title: &summary.title,
            kind: "summary",
            date: b.date.to_string(),
            sources: vec![SourceMatter {
                file: &source.file,
                kind: None,
                lines: format!("1-{}", source.line_count),
                published: None,
            }],
            points: summary
                .points
                .iter()
                .map(|p| PointMatter {
                    line: p.line,
                    headline: &p.headline,
                    speaker: p.speaker.as_deref(),
                    exchange: target_name(p.target),
                })
                .collect(),
        };
        (matter, body)
    }
}

/// Turns as Markdown: each turn opens with `**Name:**`, one paragraph per block.
fn turns_body(turns: &[Turn]) -> String {
    let mut body = String::new();
    for turn in turns {
        let name = match &turn.speaker {
            Speaker::Moderator(n) | Speaker::Official(n) | Speaker::Outlet(n) => n.as_str(),
            Speaker::UnnamedOutlet => UNNAMED_OUTLET_LABEL,
        };
        for (i, p) in turn.paragraphs.iter().enumerate() {
            if i == 0 {
                body.push_str(&format!(
                    "**{}:** {}",
                    escape_markdown(name, false),
                    escape_markdown(&p.text, false)
                ));
            } else {
                body.push_str(&escape_markdown(&p.text, true));
            }
            body.push_str("\n\n");
        }
        if turn.paragraphs.is_empty() {
            body.push_str(&format!("**{}:**\n\n", escape_markdown(name, false)));
        }
    }
    if body.ends_with("\n\n") {
        body.pop();
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::{parse, reconcile};

    const FULL: &str = "A briefing\nBeijing | 10 a.m. March 3, 2025\n\n\
        Li Bing, spokesperson of the SASAC\n\n\nXie Yingjun, spokesperson of the SCIO\n\n\
        Xie Yingjun:\n\nWelcome.\n\nCover News:\n\nWhat now?\n\nLi Bing:\n\nThis.\n";

    /// Inputs are known by their place among those reconciled, whatever was dropped
    /// before: found by fuzzing, when a failed parse shifted the rest.
    #[test]
    fn sources_are_numbered_by_reconcile() {
        let parsed: Vec<_> = [&b""[..], FULL.as_bytes()]
            .iter()
            .enumerate()
            .filter_map(|(i, b)| parse(&format!("{i}.txt"), b).ok())
            .collect();
        let archive = reconcile(parsed).unwrap();
        let files = render(&archive);
        let exchange = files
            .iter()
            .find(|f| f.path.ends_with("01-cover-news.md"))
            .unwrap();
        assert!(
            exchange.text.contains("file: 1.txt\n  lines: 13-19\n"),
            "{}",
            exchange.text
        );
    }

    #[test]
    fn briefing_slugs_drop_the_preamble_and_dangling_words() {
        let archive = reconcile(vec![parse("a.txt", FULL.as_bytes()).unwrap()]).unwrap();
        let mut b = archive.briefings[0].clone();
        b.title = "SCIO press conference on boosting the core functions of central SOEs by".into();
        assert_eq!(
            briefing_slug(&b),
            "2025-03-03-boosting-the-core-functions-of-central-soes"
        );
        b.title = "SCIO briefing on promoting high-quality development: SASAC".into();
        assert_eq!(
            briefing_slug(&b),
            "2025-03-03-promoting-high-quality-development"
        );
    }
}
