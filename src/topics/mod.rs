//! Topics: which exchanges are about AI, equipment renewal, the Belt and Road, reform,
//! or any topic `site.yaml` adds, and which paragraphs mention one. Both come from the
//! same phrases and the same matcher, so they never disagree about a phrase.
//!
//! An exchange is about a topic when its question asks about it or its answers dwell
//! on it: score = question_weight x (weighted signals in the question) + (weighted
//! signals per 1,000 words of answers). A mention in passing in a long answer scores
//! low; the same words in the question, or again and again in the answers, score high.

mod names;
mod phrases;

pub use phrases::stem_of;
pub mod review;

use crate::config::{ClassifierConfig, TopicConfig};
use crate::error::Error;
use phrases::{PhraseSet, Word};
use std::ops::Range;

/// A topic as readers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// What a phrase match stands for.
#[derive(Debug, Clone, Copy)]
struct Signal {
    topic: usize,
    /// Index into the topic's phrases, for explanations.
    phrase: usize,
    weight: f64,
    /// Written with no capital: it does not count inside an organisation's name
    /// (see [`names`]). A phrase written with capitals ("Belt and Road") is a name.
    lowercase: bool,
}

/// The topics of a site, compiled for matching.
#[derive(Debug, Clone)]
pub struct Topics {
    topics: Vec<Topic>,
    /// Per topic, its signal phrases as written in the config.
    phrases: Vec<Vec<String>>,
    signals: PhraseSet<Signal>,
    /// Phrases inside which a topic's signals do not count.
    excludes: PhraseSet<usize>,
    settings: ClassifierConfig,
    /// Text without any of these cannot contain a signal (see [`Prefilter`]).
    prefilter: Prefilter,
    /// Words a signal or an exclusion reaches beyond its key: see [`Prefilter::windows`].
    radius: usize,
}

/// A quick test that a paragraph might contain a signal: each phrase contributes the
/// stem of its longest word, which (stems only ever cut endings) is in the text,
/// ignoring ASCII case, wherever the phrase matches. Words the phrase writes in
/// capitals ("AI") are looked for in capitals. One Aho-Corasick pass per paragraph
/// rules out most paragraphs before they are split into words.
#[derive(Debug, Clone)]
struct Prefilter {
    lower: Option<aho_corasick::AhoCorasick>,
    capitals: Option<aho_corasick::AhoCorasick>,
    /// Some phrase has no key that can be searched for this way: test everything.
    always: bool,
}

impl Prefilter {
    fn new<'a>(phrases: impl Iterator<Item = &'a str>) -> Prefilter {
        let mut lower = Vec::new();
        let mut capitals = Vec::new();
        let mut always = false;
        for phrase in phrases {
            let words: Vec<&str> = phrase
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let best_lower = words
                .iter()
                .filter(|w| !w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()))
                .map(|w| w.to_ascii_lowercase())
                .filter(|w| w.is_ascii())
                .map(|w| String::from_utf8_lossy(phrases::stem_of(w.as_bytes())).into_owned())
                .max_by_key(String::len);
            match best_lower {
                Some(key) if !key.is_empty() => lower.push(key),
                _ => match words.iter().find(|w| w.is_ascii()) {
                    Some(w) => capitals.push((*w).to_owned()),
                    None => always = true,
                },
            }
        }
        let build = |keys: Vec<String>, insensitive: bool| {
            (!keys.is_empty()).then(|| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(insensitive)
                    .build(keys)
                    .ok()
            })?
        };
        let (lower, capitals) = (build(lower, true), build(capitals, false));
        Prefilter {
            always: always || (lower.is_none() && capitals.is_none()),
            lower,
            capitals,
        }
    }

    /// The parts of `text` where a signal may be, into `out`: `radius` words either
    /// side of each key found, merged. A phrase holds its key and is at most
    /// `radius + 1` words long, so every match lies inside one part, and only the
    /// parts need splitting into words (a long paragraph that mentions "reform" once
    /// is mostly not read twice). False when any place may hold a signal.
    fn windows(&self, text: &str, radius: usize, out: &mut Vec<Range<usize>>) -> bool {
        out.clear();
        if self.always {
            return false;
        }
        let hits = self
            .lower
            .iter()
            .chain(&self.capitals)
            .flat_map(|a| a.find_iter(text));
        for hit in hits {
            let start = phrases::words_before(text, hit.start(), radius);
            let end = phrases::words_after(text, hit.end(), radius);
            out.push(start..end);
        }
        out.sort_unstable_by_key(|r| r.start);
        let mut merged = 0;
        for i in 0..out.len() {
            if merged > 0 && out[i].start <= out[merged - 1].end {
                out[merged - 1].end = out[merged - 1].end.max(out[i].end);
            } else {
                out[merged] = out[i].clone();
                merged += 1;
            }
        }
        out.truncate(merged);
        true
    }
}

/// Where in an exchange a signal was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Question,
    Answer,
}

/// One signal found: the phrase, where, and its place in that paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub phrase: String,
    pub weight: f64,
    pub part: Part,
    /// Index among the question's or the answers' paragraphs.
    pub paragraph: usize,
    /// Byte range in that paragraph.
    pub start: usize,
    pub end: usize,
}

/// How much an exchange is about one topic, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicScore {
    pub topic: usize,
    pub score: f64,
    pub question: f64,
    pub answers: f64,
    pub answer_words: usize,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    /// The topics the exchange is about (indexes into [`Topics::list`]), in config order.
    pub primary: Vec<usize>,
    /// Every topic with any signal, in config order.
    pub scores: Vec<TopicScore>,
}

/// A paragraph's mention of a topic: the phrase's byte range in the paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub topic: usize,
    pub start: usize,
    pub end: usize,
}

impl Topics {
    /// The topics of a site config read from `path`: a topic that cannot be used is
    /// an error in that file.
    pub fn of_site(
        site: &crate::config::SiteConfig,
        path: &std::path::Path,
    ) -> Result<Topics, Error> {
        Topics::new(&site.topics, site.classifier).map_err(|e| Error {
            line: Some(1),
            ..e.in_file(path)
        })
    }

    pub fn new(configs: &[TopicConfig], settings: ClassifierConfig) -> Result<Topics, Error> {
        // A topic in the config that cannot be used: `topic "id": why`, with no place
        // (the caller knows the config file).
        let error = |topic: &str, why: String| Error::new(format!("topic {topic:?}: {why}"));
        let mut signals = PhraseSet::default();
        let mut excludes = PhraseSet::default();
        let mut phrases = Vec::new();
        for (t, config) in configs.iter().enumerate() {
            let mut own = Vec::new();
            for (phrase, &weight) in &config.signals {
                let signal = Signal {
                    topic: t,
                    phrase: own.len(),
                    weight,
                    lowercase: !phrase.chars().any(char::is_uppercase),
                };
                if !signals.add(phrase, signal) {
                    return Err(error(
                        &config.id,
                        format!("signal {phrase:?} has no word to match"),
                    ));
                }
                own.push(phrase.clone());
            }
            for phrase in &config.exclude {
                if !excludes.add(phrase, t) {
                    return Err(error(
                        &config.id,
                        format!("exclude {phrase:?} has no word to match"),
                    ));
                }
            }
            phrases.push(own);
        }
        Ok(Topics {
            topics: configs
                .iter()
                .map(|c| Topic {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    description: c.description.clone(),
                })
                .collect(),
            prefilter: Prefilter::new(
                configs
                    .iter()
                    .flat_map(|c| c.signals.keys().map(String::as_str)),
            ),
            radius: signals.longest().max(excludes.longest()).saturating_sub(1),
            phrases,
            signals,
            excludes,
            settings,
        })
    }

    pub fn list(&self) -> &[Topic] {
        &self.topics
    }

    /// Every topic's id, in the config's order.
    pub fn id_list(&self) -> Vec<&str> {
        self.topics.iter().map(|t| t.id.as_str()).collect()
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.topics.iter().position(|t| t.id == id)
    }

    /// A matcher with its own buffers, for many paragraphs in a row.
    pub fn matcher(&self) -> Matcher<'_> {
        Matcher {
            topics: self,
            words: Vec::new(),
            spans: Vec::new(),
            found: Vec::new(),
            excluded: Vec::new(),
        }
    }

    /// The ids of the topics an exchange is about: what import writes into `topics`,
    /// and what build and the `topics` command use when a file gives none.
    pub fn ids(&self, classification: &Classification) -> Vec<String> {
        classification
            .primary
            .iter()
            .map(|&t| self.list()[t].id.clone())
            .collect()
    }

    /// What an exchange is about, from its question's and its answers' paragraphs.
    pub fn classify(&self, question: &[&str], answers: &[&str]) -> Classification {
        let mut scores: Vec<TopicScore> = Vec::new();
        let mut matcher = self.matcher();
        let mut answer_words = 0;
        let parts = question
            .iter()
            .enumerate()
            .map(|(i, p)| (Part::Question, i, p))
            .chain(
                answers
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (Part::Answer, i, p)),
            );
        for (part, paragraph, text) in parts {
            matcher.signals_in(text);
            if part == Part::Answer {
                answer_words += phrases::count_words(text);
            }
            for &(signal, start, end) in &matcher.found {
                let at = match scores.iter().position(|s| s.topic == signal.topic) {
                    Some(at) => at,
                    None => {
                        scores.push(TopicScore {
                            topic: signal.topic,
                            score: 0.0,
                            question: 0.0,
                            answers: 0.0,
                            answer_words: 0,
                            evidence: Vec::new(),
                        });
                        scores.len() - 1
                    }
                };
                let score = &mut scores[at];
                match part {
                    Part::Question => score.question += signal.weight,
                    Part::Answer => score.answers += signal.weight,
                }
                score.evidence.push(Evidence {
                    phrase: self.phrases[signal.topic][signal.phrase].clone(),
                    weight: signal.weight,
                    part,
                    paragraph,
                    start,
                    end,
                });
            }
        }
        let s = self.settings;
        // A short question that names the topic outright, answered briefly, is about
        // it ("And on AI?"): its answer is too short for the per-1,000-words measure
        // to see anything.
        let question_words: usize = question.iter().map(|p| phrases::count_words(p)).sum();
        let short = question_words <= 60 && answer_words < s.min_answer_words;
        let per_thousand = 1000.0 / answer_words.max(s.min_answer_words) as f64;
        for score in &mut scores {
            score.answer_words = answer_words;
            score.score = s.question_weight * score.question + score.answers * per_thousand;
        }
        scores.sort_by_key(|s| s.topic);
        Classification {
            primary: scores
                .iter()
                .filter(|s| s.score >= self.settings.threshold || (short && s.question >= 1.0))
                .map(|s| s.topic)
                .collect(),
            scores,
        }
    }

    /// The topics a paragraph mentions, each mention with its place: what topic pages
    /// list as passages. The same phrases as [`Topics::classify`], exclusions applied.
    /// For many paragraphs, [`Topics::matcher`] reuses its buffers.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        self.matcher().mentions(text)
    }
}

/// Matching with buffers kept between paragraphs: most paragraphs mention nothing, and
/// then cost no allocation.
pub struct Matcher<'a> {
    topics: &'a Topics,
    words: Vec<Word>,
    /// The parts of a paragraph where a signal may be.
    spans: Vec<Range<usize>>,
    found: Vec<(&'a Signal, usize, usize)>,
    excluded: Vec<(usize, usize, usize)>,
}

impl<'a> Matcher<'a> {
    /// Signals found in one paragraph, exclusions applied, into `self.found`.
    fn signals_in(&mut self, text: &str) {
        self.found.clear();
        let topics = self.topics;
        if !topics
            .prefilter
            .windows(text, topics.radius, &mut self.spans)
        {
            self.spans.clear();
            self.spans.push(0..text.len());
        }
        for i in 0..self.spans.len() {
            self.signals_in_span(text, self.spans[i].clone());
        }
    }

    /// Signals in one part of a paragraph.
    fn signals_in_span(&mut self, paragraph: &str, span: Range<usize>) {
        self.excluded.clear();
        let offset = span.start;
        phrases::words(&paragraph[span], &mut self.words);
        let topics = self.topics;
        if !topics.excludes.is_empty() {
            let excluded = &mut self.excluded;
            topics
                .excludes
                .find(&self.words, |f| excluded.push((*f.value, f.first, f.end)));
        }
        let (words, excluded, found) = (&self.words, &self.excluded, &mut self.found);
        topics.signals.find(words, |f| {
            let inside_exclusion = excluded
                .iter()
                .any(|&(t, a, b)| t == f.value.topic && a <= f.first && f.end <= b);
            let (start, end) = (offset + words[f.first].start, offset + words[f.end - 1].end);
            let in_name = || names::in_organisation_name(paragraph, start, end);
            if !(inside_exclusion || f.value.lowercase && in_name()) {
                found.push((f.value, start, end));
            }
        });
    }

    /// See [`Topics::mentions`].
    pub fn mentions(&mut self, text: &str) -> Vec<Mention> {
        self.signals_in(text);
        self.found
            .iter()
            .map(|&(signal, start, end)| Mention {
                topic: signal.topic,
                start,
                end,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn topics() -> Topics {
        let topic = |id: &str, signals: &[(&str, f64)], exclude: &[&str]| TopicConfig {
            id: id.into(),
            name: id.into(),
            description: String::new(),
            signals: signals
                .iter()
                .map(|(p, w)| (p.to_string(), *w))
                .collect::<BTreeMap<_, _>>(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        };
        Topics::new(
            &[
                topic("ai", &[("AI", 1.0), ("artificial intelligence", 1.0)], &[]),
                topic("reform", &[("reform", 1.0)], &["reform and opening up"]),
            ],
            ClassifierConfig::default(),
        )
        .unwrap()
    }

    fn filler(words: usize) -> String {
        "the companies kept working on their plans ".repeat(words / 7)
    }

    #[test]
    fn the_question_weighs_more_than_the_answers() {
        let t = topics();
        let in_question = t.classify(&["What about reform and reform?"], &[&filler(1000)]);
        let in_answers = t.classify(
            &["What about it?"],
            &[&format!("reform reform {}", filler(1000))],
        );
        assert!(in_question.scores[0].score > in_answers.scores[0].score);
        assert_eq!(in_question.primary, [1]);
        assert!(in_answers.primary.is_empty());
    }

    #[test]
    fn a_short_question_naming_the_topic_is_about_it() {
        let t = topics();
        let c = t.classify(
            &["And on AI, will you regulate it?"],
            &["We are consulting."],
        );
        assert_eq!(c.primary.len(), 1, "{c:?}");
        // The same mention in passing, in a question among long answers, is not.
        let long = filler(400);
        let c = t.classify(&["And on AI, will you regulate it?"], &[long.as_str()]);
        assert!(c.primary.is_empty(), "{c:?}");
    }

    #[test]
    fn scores_are_normalised_by_answer_length() {
        let t = topics();
        let short = t.classify(&["Q?"], &[&format!("AI and AI. {}", filler(300))]);
        let long = t.classify(&["Q?"], &[&format!("AI and AI. {}", filler(3000))]);
        assert!(short.scores[0].score > 5.0 * long.scores[0].score);
    }

    #[test]
    fn a_long_answer_that_dwells_on_a_topic_is_about_it() {
        let t = topics();
        let dense = format!(
            "{} {}",
            "AI is changing industry. ".repeat(20),
            filler(1000)
        );
        assert_eq!(t.classify(&["What is new?"], &[&dense]).primary, [0]);
    }

    #[test]
    fn excluded_phrases_do_not_count_for_their_topic() {
        let t = topics();
        let c = t.classify(
            &["Since reform and opening up, reform and opening up..."],
            &[],
        );
        assert!(c.scores.is_empty(), "{c:?}");
        assert_eq!(
            t.mentions("reform and opening up, then SOE reform").len(),
            1
        );
    }

    #[test]
    fn a_signal_in_an_organisation_name_does_not_count() {
        let t = topics();
        let host = "Mr Zhang, director of the Bureau of Enterprise Reform, will answer.";
        assert!(t.mentions(host).is_empty());
        assert!(t.classify(&[host], &[]).scores.is_empty());
        // A phrase written in capitals is a name itself, and counts.
        assert_eq!(t.mentions("the Office of AI Development").len(), 1);
        assert_eq!(t.mentions("Reform of SOEs goes on.").len(), 1);
    }

    #[test]
    fn two_topics_at_once_and_evidence_says_where() {
        let t = topics();
        let c = t.classify(
            &["How does reform change AI, and AI reform?"],
            &["AI. Reform."],
        );
        assert_eq!(c.primary, [0, 1]);
        let e = &c.scores[0].evidence[0];
        assert_eq!(
            (e.phrase.as_str(), e.part, e.paragraph),
            ("AI", Part::Question, 0)
        );
        assert_eq!((e.start, e.end), (23, 25));
    }

    #[test]
    fn the_prefilter_never_hides_a_mention() {
        let t = topics();
        for text in [
            "REFORMS of the AI-driven kind",
            "Artificial-Intelligence",
            "reforming, reformed",
            "no topic at all here, said the official",
        ] {
            let mut words = Vec::new();
            phrases::words(text, &mut words);
            let mut m = t.matcher();
            m.signals_in(text);
            let full = m.found.len();
            assert_eq!(t.mentions(text).len(), full, "{text}");
        }
        // Text may hold a signal when the prefilter leaves some part of it to read.
        let may_match = |text: &str| {
            let mut parts = Vec::new();
            !t.prefilter.windows(text, 0, &mut parts) || !parts.is_empty()
        };
        assert!(!may_match("nothing to see"));
        assert!(may_match("an AI model"));
        assert!(
            !may_match("he said so"),
            "ai in lowercase is not looked for"
        );
    }

    /// Matching only around the prefilter's keys finds exactly what matching the whole
    /// paragraph finds: phrases of several words, wildcards, exclusions, capitals,
    /// non-ASCII words and keys at either end of the text.
    #[test]
    fn matching_around_keys_equals_matching_everything() {
        let mut config = serde_yaml::from_str::<Vec<TopicConfig>>(
            "- {id: a, name: A, description: d, signals: {AI: 1, artificial intelligence: 1, \
               renewal of * equipment: 1, Belt and Road: 1}}\n\
             - {id: r, name: R, description: d, signals: {reform: 1, mixed ownership: 1}, \
               exclude: [reform and opening up, Bureau of Enterprise Reform]}",
        )
        .unwrap();
        config[0].signals.insert("large language model".into(), 0.5);
        let t = Topics::new(&config, ClassifierConfig::default()).unwrap();
        let vocabulary = [
            "reform",
            "Reforms",
            "and",
            "opening",
            "up",
            "AI",
            "ai",
            "artificial",
            "Intelligence",
            "renewal",
            "of",
            "old",
            "equipment",
            "Belt",
            "Road",
            "mixed",
            "ownership",
            "Bureau",
            "Enterprise",
            "réforme",
            "large",
            "language",
            "model",
            "—",
            ",",
            ".",
            "AI-driven",
            "2024",
            "state",
        ];
        // A fixed pseudo-random walk over the vocabulary: thousands of short texts.
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut m = t.matcher();
        for _ in 0..3000 {
            let len = 1 + next(30);
            let text: Vec<&str> = (0..len)
                .map(|_| vocabulary[next(vocabulary.len())])
                .collect();
            let text = text.join(if next(2) == 0 { " " } else { "  " });
            m.signals_in(&text);
            let around: Vec<_> = m
                .found
                .iter()
                .map(|&(s, a, b)| (s.topic, s.phrase, a, b))
                .collect();
            m.found.clear();
            m.signals_in_span(&text, 0..text.len());
            let whole: Vec<_> = m
                .found
                .iter()
                .map(|&(s, a, b)| (s.topic, s.phrase, a, b))
                .collect();
            assert_eq!(around, whole, "{text}");
        }
    }

    #[test]
    fn mentions_point_at_the_phrase() {
        let t = topics();
        let text = "Our Artificial Intelligence plan, and AI-driven reforms.";
        let found: Vec<(usize, &str)> = t
            .mentions(text)
            .iter()
            .map(|m| (m.topic, &text[m.start..m.end]))
            .collect();
        assert_eq!(
            found,
            [(0, "Artificial Intelligence"), (0, "AI"), (1, "reforms")]
        );
    }
}
