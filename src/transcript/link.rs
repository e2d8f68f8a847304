//! Links each summary point to the part of the briefing that says the same thing.
//! The summary is a separate (machine) translation, so wording differs; figures
//! ("3 trillion yuan", "28 groups") and the official named are the strong evidence,
//! shared rare words the rest.

use std::collections::{HashMap, HashSet};

use super::model::{Briefing, PointTarget, Speaker, Summary, Turn};

pub fn link_points(briefing: &Briefing, summary: &mut Summary) {
    let segments: Vec<(PointTarget, &[Turn])> =
        std::iter::once((PointTarget::Opening, &briefing.opening[..]))
            .chain(
                briefing
                    .exchanges
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (PointTarget::Exchange(i), &e.turns[..])),
            )
            .collect();
    let mut vocabulary = Vocabulary::default();
    let bags: Vec<Bag> = segments
        .iter()
        .map(|(_, turns)| {
            let mut bag = Bag::default();
            for p in turns.iter().flat_map(|t| &t.paragraphs) {
                bag.add_text(&p.text, &mut vocabulary);
            }
            bag
        })
        .collect();
    let idf = inverse_document_frequency(&bags, vocabulary.len());
    let names: Vec<&str> = briefing.speakers.iter().map(|s| s.name.as_str()).collect();

    for point in &mut summary.points {
        let texts = || {
            std::iter::once(point.headline.as_str())
                .chain(point.paragraphs.iter().map(|p| p.text.as_str()))
        };
        point.speaker = texts()
            .find_map(|t| first_named(t, &names))
            .map(str::to_owned);
        let mut bag = Bag::default();
        texts().for_each(|t| bag.add_text(t, &mut vocabulary));
        let speaks = |turns: &[Turn]| {
            turns.iter().any(|t| {
                matches!(&t.speaker, Speaker::Official(n) if Some(n.as_str()) == point.speaker.as_deref())
            })
        };
        let any_speaks = segments.iter().any(|(_, t)| speaks(t));
        point.target = segments
            .iter()
            .zip(&bags)
            .filter(|((_, turns), _)| !any_speaks || speaks(turns))
            .map(|((target, _), seg)| (*target, similarity(&bag, seg, &idf)))
            .filter(|&(_, score)| score > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(t, _)| t);
    }
}

/// The roster name mentioned first in the text.
fn first_named<'a>(text: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .filter_map(|n| text.find(n).map(|at| (at, *n)))
        .min()
        .map(|(_, n)| n)
}

/// Words seen in one briefing, each numbered once, so that bags hold numbers and a
/// token costs a lookup, not an allocation.
#[derive(Default)]
struct Vocabulary {
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(word.to_owned(), id);
        id
    }

    fn len(&self) -> usize {
        self.ids.len()
    }
}

/// Term counts of a text; figures kept apart because they weigh more.
#[derive(Default)]
struct Bag {
    words: HashMap<u32, f64>,
    figures: HashSet<String>,
}

impl Bag {
    fn add_text(&mut self, text: &str, vocabulary: &mut Vocabulary) {
        let mut tokens = text
            .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '%' || c == ','))
            .map(|t| t.trim_matches(|c: char| matches!(c, '.' | ',')))
            .filter(|t| !t.is_empty())
            .peekable();
        let mut word = String::new();
        while let Some(token) = tokens.next() {
            if token.starts_with(|c: char| c.is_ascii_digit()) {
                // "3 trillion" and "3" alike; "2024" and such years say little.
                let number = token.replace(',', "");
                if number.len() == 4 && number.starts_with("20") {
                    continue;
                }
                let unit = tokens.peek().map(|u| u.to_lowercase());
                match unit.as_deref() {
                    Some(u @ ("trillion" | "billion" | "million" | "percent")) => {
                        self.figures.insert(format!("{number} {u}"));
                    }
                    _ => {
                        self.figures.insert(number);
                    }
                }
                continue;
            }
            word.clear();
            word.extend(
                token
                    .chars()
                    .flat_map(char::to_lowercase)
                    .filter(|&c| c != ','),
            );
            stem(&mut word);
            if word.len() > 2 && !STOP.contains(&word.as_str()) {
                *self.words.entry(vocabulary.id(&word)).or_default() += 1.0;
            }
        }
    }
}

fn stem(w: &mut String) {
    if w.len() > 5 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
        w.pop();
    }
}

const STOP: &[&str] = &[
    "the",
    "and",
    "that",
    "for",
    "with",
    "this",
    "are",
    "have",
    "has",
    "will",
    "from",
    "its",
    "their",
    "they",
    "was",
    "were",
    "been",
    "which",
    "more",
    "than",
    "also",
    "our",
    "such",
    "said",
    "introduced",
    "next",
    "step",
    "into",
    "all",
    "not",
    "but",
    "can",
    "these",
    "those",
    "year",
    "new",
    "central",
    "enterprise",
    "state",
    "owned",
    "soe",
    "sasac",
    "commission",
    "council",
    "development",
    "administration",
    "supervision",
    "asset",
];

fn inverse_document_frequency(bags: &[Bag], words: usize) -> Vec<f64> {
    let mut df = vec![0usize; words];
    for bag in bags {
        for &w in bag.words.keys() {
            df[w as usize] += 1;
        }
    }
    let n = bags.len() as f64;
    df.into_iter()
        .map(|d| {
            if d == 0 {
                0.0
            } else {
                (1.0 + n / d as f64).ln()
            }
        })
        .collect()
}

/// Cosine of tf-idf vectors (so a long answer does not win by size), plus a bonus per
/// shared figure.
fn similarity(point: &Bag, segment: &Bag, idf: &[f64]) -> f64 {
    let idf_of = |w: u32| idf.get(w as usize).copied().unwrap_or(0.0);
    let weight = |bag: &Bag, w: u32| bag.words.get(&w).copied().unwrap_or(0.0).sqrt() * idf_of(w);
    let norm = |bag: &Bag| {
        bag.words
            .keys()
            .map(|&w| weight(bag, w).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let dot: f64 = point
        .words
        .keys()
        .map(|&w| weight(point, w) * weight(segment, w))
        .sum();
    let denominator = norm(point) * norm(segment);
    let cosine = if denominator > 0.0 {
        dot / denominator
    } else {
        0.0
    };
    let figures = point.figures.intersection(&segment.figures).count() as f64;
    cosine + 0.05 * figures
}
