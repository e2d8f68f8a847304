//! `topics`: for every exchange in content/, the classifier's scores and evidence, and
//! where the file's `topics` (perhaps set by hand) disagree with the classifier.

use std::fmt::{self, Write};
use std::path::Path;

use rayon::prelude::*;

use super::{Classification, Part, Topics};
use crate::content::load::{self, LoadedExchange};
use crate::error::Errors;

/// One exchange reviewed.
pub struct Reviewed {
    pub exchange: LoadedExchange,
    pub classification: Classification,
    /// The file's own topics, or None when it has no `topics` key.
    pub file_topics: Option<Vec<String>>,
    /// The classifier's topic ids.
    pub classifier_topics: Vec<String>,
}

impl Reviewed {
    /// The file says something else than the classifier (order aside).
    pub fn disagrees(&self) -> bool {
        self.file_topics.as_ref().is_some_and(|mine| {
            let mut a = mine.clone();
            let mut b = self.classifier_topics.clone();
            a.sort();
            b.sort();
            a != b
        })
    }
}

pub struct Review {
    pub exchanges: Vec<Reviewed>,
    /// Topic ids that files use but the config does not define.
    pub unknown: Vec<(String, String)>,
}

pub fn review(content: &Path, topics: &Topics) -> Result<Review, Errors> {
    let loaded = load::exchanges(content)?;
    let exchanges: Vec<Reviewed> = loaded
        .into_par_iter()
        .map(|exchange| {
            let classification = topics.classify(&exchange.question(), &exchange.answers());
            let classifier_topics = topics.ids(&classification);
            Reviewed {
                file_topics: exchange.matter.topics.clone(),
                exchange,
                classification,
                classifier_topics,
            }
        })
        .collect();
    let unknown = exchanges
        .iter()
        .flat_map(|r| {
            r.file_topics
                .iter()
                .flatten()
                .filter(|t| topics.index_of(t).is_none())
                .map(|t| (r.exchange.path.display().to_string(), t.clone()))
        })
        .collect();
    Ok(Review { exchanges, unknown })
}

/// The report as printed by `topics`.
pub struct Report<'a> {
    pub review: &'a Review,
    pub topics: &'a Topics,
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = self.topics.list();
        for r in &self.review.exchanges {
            let mark = if r.disagrees() { "  <- differs" } else { "" };
            writeln!(f, "{}", r.exchange.path.display())?;
            let file = match &r.file_topics {
                Some(t) => format!("[{}]", t.join(", ")),
                None => "(no topics key: the build will use the classifier's)".to_owned(),
            };
            writeln!(
                f,
                "  file: {file}   classifier: [{}]{mark}",
                r.classifier_topics.join(", ")
            )?;
            for s in &r.classification.scores {
                let primary = if r.classification.primary.contains(&s.topic) {
                    "*"
                } else {
                    " "
                };
                writeln!(
                    f,
                    "  {primary} {:<18} {:>6.1} = {} x {:.1} in the question + {:.1} in {} answer words",
                    list[s.topic].id,
                    s.score,
                    fmt_num(self.topics.settings.question_weight),
                    s.question,
                    s.answers,
                    s.answer_words,
                )?;
                for part in [Part::Question, Part::Answer] {
                    let evidence: Vec<String> = s
                        .evidence
                        .iter()
                        .filter(|e| e.part == part)
                        .map(|e| format!("{:?} ¶{}", e.phrase, e.paragraph + 1))
                        .collect();
                    if !evidence.is_empty() {
                        let name = match part {
                            Part::Question => "question",
                            Part::Answer => "answers",
                        };
                        writeln!(f, "      {name}: {}", summarise(&evidence))?;
                    }
                }
            }
        }
        let differing = self
            .review
            .exchanges
            .iter()
            .filter(|r| r.disagrees())
            .count();
        let unclassified = self
            .review
            .exchanges
            .iter()
            .filter(|r| r.file_topics.is_none())
            .count();
        writeln!(
            f,
            "\n{} exchanges: {differing} whose file's topics differ from the classifier's, \
             {unclassified} without a topics key (threshold {}, question weight {})",
            self.review.exchanges.len(),
            fmt_num(self.topics.settings.threshold),
            fmt_num(self.topics.settings.question_weight),
        )?;
        for (path, id) in &self.review.unknown {
            writeln!(
                f,
                "{path}: unknown topic {id:?}: add it to site.yaml or fix the id"
            )?;
        }
        Ok(())
    }
}

/// "a ¶1", "a ¶1", "b ¶2" -> "a ¶1 x2, b ¶2".
fn summarise(items: &[String]) -> String {
    let mut out: Vec<(String, usize)> = Vec::new();
    for item in items {
        match out.last_mut() {
            Some((last, n)) if last == item => *n += 1,
            _ => out.push((item.clone(), 1)),
        }
    }
    let mut s = String::new();
    for (i, (item, n)) in out.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(item);
        if *n > 1 {
            let _ = write!(s, " x{n}");
        }
    }
    s
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}
