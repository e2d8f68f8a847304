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
    let bags: Vec<Bag> = segments
        .iter()
        .map(|(_, turns)| Bag::of_turns(turns))
        .collect();
    let idf = inverse_document_frequency(&bags);
    let names: Vec<&str> = briefing.speakers.iter().map(|s| s.name.as_str()).collect();

    for point in &mut summary.points {
        let text: String = std::iter::once(point.headline.as_str())
            .chain(point.paragraphs.iter().map(|p| p.text.as_str()))
            .collect::<Vec<_>>()
            .join(" ");
        point.speaker = first_named(&text, &names).map(str::to_owned);
        let bag = Bag::of_text(&text);
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

/// Term counts of a text; figures kept apart because they weigh more.
struct Bag {
    words: HashMap<String, f64>,
    figures: HashSet<String>,
}

impl Bag {
    fn of_turns(turns: &[Turn]) -> Bag {
        let text: String = turns
            .iter()
            .flat_map(|t| &t.paragraphs)
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Bag::of_text(&text)
    }

    fn of_text(text: &str) -> Bag {
        let mut words = HashMap::new();
        let mut figures = HashSet::new();
        let tokens: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '%' || c == ','))
            .map(|t| t.trim_matches(|c: char| matches!(c, '.' | ',')))
            .filter(|t| !t.is_empty())
            .collect();
        for (i, token) in tokens.iter().enumerate() {
            if token.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                // "3 trillion" and "3" alike; "2024" and such years say little.
                let number = token.replace(',', "");
                if number.len() == 4 && number.starts_with("20") {
                    continue;
                }
                let unit = tokens.get(i + 1).map(|u| u.to_lowercase());
                match unit.as_deref() {
                    Some(u @ ("trillion" | "billion" | "million" | "percent")) => {
                        figures.insert(format!("{number} {u}"));
                    }
                    _ => {
                        figures.insert(number);
                    }
                }
                continue;
            }
            let word = stem(&token.to_lowercase());
            if word.len() > 2 && !STOP.contains(&word.as_str()) {
                *words.entry(word).or_default() += 1.0;
            }
        }
        Bag { words, figures }
    }
}

fn stem(word: &str) -> String {
    let w = word.replace(',', "");
    if let Some(base) = w.strip_suffix("ies").filter(|b| b.len() > 2) {
        return format!("{base}y");
    }
    match w.strip_suffix('s') {
        Some(base) if base.len() > 3 && !base.ends_with('s') => base.to_owned(),
        _ => w,
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

fn inverse_document_frequency(bags: &[Bag]) -> HashMap<String, f64> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    for bag in bags {
        for w in bag.words.keys() {
            *df.entry(w).or_default() += 1;
        }
    }
    let n = bags.len() as f64;
    df.into_iter()
        .map(|(w, d)| (w.to_owned(), (1.0 + n / d as f64).ln()))
        .collect()
}

/// Cosine of tf-idf vectors (so a long answer does not win by size), plus a bonus per
/// shared figure.
fn similarity(point: &Bag, segment: &Bag, idf: &HashMap<String, f64>) -> f64 {
    let weight = |bag: &Bag, w: &str| {
        bag.words.get(w).copied().unwrap_or(0.0).sqrt() * idf.get(w).copied().unwrap_or(0.0)
    };
    let norm = |bag: &Bag| {
        bag.words
            .keys()
            .map(|w| weight(bag, w).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let dot: f64 = point
        .words
        .keys()
        .map(|w| weight(point, w) * weight(segment, w))
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
