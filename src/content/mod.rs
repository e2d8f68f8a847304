//! Content files: the Markdown + YAML front matter that `import` writes and a person
//! may edit. One folder per briefing, one file per exchange (see PRODUCT.md).

pub mod front_matter;
pub mod load;
mod text;
mod title;
pub mod write;

use std::collections::HashSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::transcript::{
    line_ranges, Archive, Briefing, Exchange, Person, PointTarget, Source, Speaker, Summary, Turn,
};
use front_matter::Node;
pub use text::{escape_markdown, first_free, one_sentence, sentence_spans, slug};
pub use title::exchange_title;

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
    let folders = folder_names(archive);
    archive
        .briefings
        .par_iter()
        .zip(&folders)
        .flat_map_iter(|(briefing, folder)| render_briefing(briefing, &archive.sources, folder))
        .collect()
}

/// The folder of each briefing under `briefings/`: its slug, made unique with `-2`,
/// `-3`... when two briefings would share one.
pub fn folder_names(archive: &Archive) -> Vec<String> {
    let mut taken = HashSet::new();
    archive
        .briefings
        .iter()
        .map(|briefing| {
            let folder = first_free(&briefing_slug(briefing), |c| !taken.contains(c));
            taken.insert(folder.clone());
            folder
        })
        .collect()
}

/// The content files of one briefing, in `briefings/<folder>/`.
pub fn render_briefing(briefing: &Briefing, sources: &[Source], folder: &str) -> Vec<ContentFile> {
    BriefingWriter::new(briefing, sources, folder).files()
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

fn person(p: &Person) -> Node<'_> {
    let mut entries = vec![("name", Node::Str(&p.name)), ("role", Node::Str(&p.role))];
    if let Some(h) = &p.honorific {
        entries.push(("honorific", Node::Str(h)));
    }
    Node::Map(entries)
}

/// A `sources` entry: the file and the line range read from it.
fn source_lines(file: &str, first: usize, last: usize) -> Node<'_> {
    Node::Map(vec![
        ("file", Node::Str(file)),
        ("lines", Node::Owned(format!("{first}-{last}"))),
    ])
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
            let matter = [
                ("title", Node::Str("Closing remarks")),
                ("kind", Node::Str("closing")),
                ("sources", self.line_sources(&b.closing)),
            ];
            files.push(self.file("closing.md", &matter, &turns_body(&b.closing)));
        }
        if let Some(summary) = &b.summary {
            let (matter, body) = self.summary(summary);
            files.push(self.file("summary.md", &matter, &body));
        }
        files
    }

    fn file(&self, name: &str, matter: &[(&'static str, Node<'_>)], body: &str) -> ContentFile {
        let yaml = front_matter::emit(matter);
        ContentFile {
            path: PathBuf::from("briefings").join(self.folder).join(name),
            text: front_matter::compose(&yaml, body),
        }
    }

    fn index_matter(&self) -> Vec<(&'static str, Node<'a>)> {
        let b = self.briefing;
        let lead = b.lead.join("\n\n");
        let mut matter = vec![
            ("title", Node::Str(&b.title)),
            ("kind", Node::Str("briefing")),
            ("date", Node::Owned(b.date.to_string())),
        ];
        // Only when a person should look: seeds and sure dates stay as they were.
        if let Some(from) = b.date_guessed_from {
            matter.push(("date_from", Node::Str(from)));
        }
        if b.partial {
            matter.push(("partial", Node::Bool(true)));
            if let Some(page) = b.page {
                matter.push(("page", Node::Int(u64::from(page))));
            }
        }
        matter.extend([
            ("time", b.time.as_deref().into()),
            ("location", b.location.as_deref().into()),
            ("series", b.series.as_deref().into()),
            ("host", b.host.as_deref().into()),
        ]);
        if !lead.is_empty() {
            matter.push(("lead", Node::Owned(lead)));
        }
        matter.extend([
            ("moderator", b.moderator.as_ref().map_or(Node::Null, person)),
            (
                "speakers",
                Node::Seq(b.speakers.iter().map(person).collect()),
            ),
            (
                "sources",
                Node::Seq(
                    b.sources
                        .iter()
                        .map(|&s| {
                            let source = &self.sources[s];
                            let mut entry = vec![
                                ("file", Node::Str(&source.file)),
                                ("kind", Node::Str(source.kind.as_str())),
                                ("lines", Node::Owned(format!("1-{}", source.line_count))),
                            ];
                            if let Some(d) = source.published {
                                entry.push(("published", Node::Owned(d.to_string())));
                            }
                            if let Some(url) = &source.url {
                                entry.push(("url", Node::Str(url)));
                            }
                            Node::Map(entry)
                        })
                        .collect(),
                ),
            ),
            (
                "translators",
                Node::Seq(b.translators.iter().map(|t| Node::Str(t)).collect()),
            ),
        ]);
        matter
    }

    fn exchange_matter(&self, i: usize, e: &'a Exchange) -> Vec<(&'static str, Node<'a>)> {
        let question: Vec<&str> = e.question().iter().map(|p| p.text.as_str()).collect();
        let mut matter = vec![
            (
                "title",
                Node::Owned(
                    e.title
                        .clone()
                        .unwrap_or_else(|| exchange_title(&question, None)),
                ),
            ),
            ("kind", Node::Str("exchange")),
            ("order", Node::Int(i as u64 + 1)),
            ("asked_by", e.asked_by.as_deref().into()),
        ];
        if let Some(s) = e.asked_by_from {
            matter.push(("asked_by_from", Node::Str(&self.sources[s].file)));
        }
        matter.extend([
            (
                "answered_by",
                Node::Seq(e.answered_by.iter().map(|n| Node::Str(n)).collect()),
            ),
            (
                "topics",
                Node::Seq(e.topics.iter().map(|t| Node::Str(t)).collect()),
            ),
            ("sources", self.line_sources(&e.turns)),
        ]);
        // A question the page was cut before anyone answered: kept, never given an
        // invented answer, and marked.
        if e.answered_by.is_empty() {
            matter.push(("unanswered", Node::Bool(true)));
        }
        matter
    }

    fn line_sources(&self, turns: &[Turn]) -> Node<'a> {
        Node::Seq(
            line_ranges(turns)
                .into_iter()
                .map(|(s, first, last)| source_lines(&self.sources[s].file, first, last))
                .collect(),
        )
    }

    fn summary(&self, summary: &'a Summary) -> (Vec<(&'static str, Node<'a>)>, String) {
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
                // The paragraph that says it, by the id the build gives it.
                let (file, prefix) = match target {
                    PointTarget::Opening => ("_index", "opening"),
                    PointTarget::Exchange(i) => {
                        let name = self.exchange_names[i].as_str();
                        (name, name)
                    }
                };
                let anchor = match point.paragraph {
                    Some(n) => format!("#{prefix}-p{n}"),
                    None if prefix == "opening" => "#opening".to_owned(),
                    None => String::new(),
                };
                let link = format!("@/briefings/{}/{file}.md{anchor}", self.folder);
                body.push_str(&format!("[Where this was said]({link})\n\n"));
            }
        }
        let source = &self.sources[summary.source];
        let points = summary
            .points
            .iter()
            .map(|p| {
                Node::Map(vec![
                    ("line", Node::Int(p.line as u64)),
                    ("headline", Node::Str(&p.headline)),
                    ("speaker", p.speaker.as_deref().into()),
                    (
                        "exchange",
                        target_name(p.target).map_or(Node::Null, Node::Owned),
                    ),
                    (
                        "topics",
                        Node::Seq(p.topics.iter().map(|t| Node::Str(t)).collect()),
                    ),
                ])
            })
            .collect();
        let matter = vec![
            ("title", Node::Str(&summary.title)),
            ("kind", Node::Str("summary")),
            ("date", Node::Owned(b.date.to_string())),
            (
                "sources",
                Node::Seq(vec![source_lines(&source.file, 1, source.line_count)]),
            ),
            ("points", Node::Seq(points)),
        ];
        (matter, body)
    }
}

/// Turns as Markdown: each turn opens with `**Name:**`, one paragraph per block.
fn turns_body(turns: &[Turn]) -> String {
    let size: usize = turns
        .iter()
        .flat_map(|t| &t.paragraphs)
        .map(|p| p.text.len() + 4)
        .sum();
    let mut body = String::with_capacity(size + turns.len() * 32);
    for turn in turns {
        let name = match &turn.speaker {
            Speaker::Moderator(n) | Speaker::Official(n) | Speaker::Outlet(n) => n.as_str(),
            Speaker::UnnamedOutlet => UNNAMED_OUTLET_LABEL,
        };
        body.push_str("**");
        text::escape_markdown_into(&mut body, name, false);
        body.push_str(":**");
        for (i, p) in turn.paragraphs.iter().enumerate() {
            if i == 0 {
                body.push(' ');
                text::escape_markdown_into(&mut body, &p.text, false);
            } else {
                text::escape_markdown_into(&mut body, &p.text, true);
            }
            body.push_str("\n\n");
        }
        if turn.paragraphs.is_empty() {
            body.push_str("\n\n");
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
            .filter_map(|(i, b)| parse(&format!("{i}.txt"), *b).ok())
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
