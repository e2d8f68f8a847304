//! Links each summary point to the part of the briefing that says the same thing.
//! The summary is a separate (machine) translation, so wording differs; figures
//! ("3 trillion yuan", "28 groups") and the official named are the strong evidence,
//! shared rare words the rest.

use std::hash::Hasher;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
    debug_assert!(STOP.windows(2).all(|w| w[0] < w[1]));
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
    let norms: Vec<f64> = bags.iter().map(|b| norm(b, &idf)).collect();
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
        // Words only the point has are not in the segments' idf: they count for nothing.
        let point_norm = norm(&bag, &idf);
        let speaks = |turns: &[Turn]| {
            turns.iter().any(|t| {
                matches!(&t.speaker, Speaker::Official(n) if Some(n.as_str()) == point.speaker.as_deref())
            })
        };
        let any_speaks = segments.iter().any(|(_, t)| speaks(t));
        point.target = segments
            .iter()
            .zip(bags.iter().zip(&norms))
            .filter(|((_, turns), _)| !any_speaks || speaks(turns))
            .map(|((target, _), (seg, &n))| {
                (*target, similarity((&bag, point_norm), (seg, n), &idf))
            })
            .filter(|&(_, score)| score > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(t, _)| t);
        point.paragraph = point.target.and_then(|target| {
            let turns = segments.iter().find(|(t, _)| *t == target)?.1;
            best_paragraph(turns, (&bag, point_norm), &idf, &mut vocabulary)
        });
    }
}

/// The paragraph of `turns` (1-based, in order) most like the point, by the same
/// measure as the segments; None when none shares a word with it.
fn best_paragraph(
    turns: &[Turn],
    point: (&Bag, f64),
    idf: &[f64],
    vocabulary: &mut Vocabulary,
) -> Option<usize> {
    turns
        .iter()
        .flat_map(|t| &t.paragraphs)
        .enumerate()
        .map(|(i, p)| {
            let mut bag = Bag::default();
            bag.add_text(&p.text, vocabulary);
            let n = norm(&bag, idf);
            (i + 1, similarity(point, (&bag, n), idf))
        })
        .filter(|&(_, score)| score > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// The roster name mentioned first in the text.
fn first_named<'a>(text: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .filter_map(|n| text.find(n).map(|at| (at, *n)))
        .min()
        .map(|(_, n)| n)
}

/// Words seen in one briefing, each numbered once, so that bags hold numbers. A token
/// is looked up by a hash of its lowercased bytes, computed as it is read: no string
/// is built for a word seen before, and stemming and the stop list run once per
/// distinct word. (A collision of two 64-bit hashes among a briefing's thousand words
/// is too unlikely to matter to a similarity score.)
#[derive(Default)]
struct Vocabulary {
    raw: HashMap<u64, Option<u32>>,
    stems: HashMap<String, u32>,
}

impl Vocabulary {
    fn id(&mut self, token: &str) -> Option<u32> {
        let mut hasher = rustc_hash::FxHasher::default();
        if token.is_ascii() {
            token
                .bytes()
                .for_each(|b| hasher.write_u8(b.to_ascii_lowercase()));
        } else {
            token
                .chars()
                .flat_map(char::to_lowercase)
                .for_each(|c| hasher.write_u32(c as u32));
        }
        let key = hasher.finish();
        if let Some(&id) = self.raw.get(&key) {
            return id;
        }
        let mut word: String = token.chars().flat_map(char::to_lowercase).collect();
        word.retain(|c| c != ',');
        // The classifier's stemmer, so that "upgrading" and "upgrade" are one term
        // here as they are in topic phrases.
        let stem = String::from_utf8_lossy(crate::topics::stem_of(word.as_bytes())).into_owned();
        let stop = STOP.binary_search(&word.as_str()).is_ok() || stemmed_stop().contains(&stem);
        let id = (stem.len() > 2 && !stop).then(|| {
            let next = self.stems.len() as u32;
            *self.stems.entry(stem).or_insert(next)
        });
        self.raw.insert(key, id);
        id
    }

    fn len(&self) -> usize {
        self.stems.len()
    }
}

/// Term counts of a text; figures kept apart because they weigh more.
#[derive(Default)]
struct Bag {
    words: HashMap<u32, f64>,
    figures: HashSet<u64>,
}

impl Bag {
    fn add_text(&mut self, text: &str, vocabulary: &mut Vocabulary) {
        let mut tokens = tokens(text).peekable();
        while let Some(token) = tokens.next() {
            if token.starts_with(|c: char| c.is_ascii_digit()) {
                // "3 trillion" and "3" alike; "2024" and such years say little.
                let digits = || token.bytes().filter(|&b| b != b',');
                if digits().count() == 4 && token.starts_with("20") {
                    continue;
                }
                let unit = tokens.peek().and_then(|u| {
                    ["trillion", "billion", "million", "percent"]
                        .into_iter()
                        .find(|unit| u.eq_ignore_ascii_case(unit))
                });
                // Figures are compared, never shown: a fingerprint will do.
                let mut h = rustc_hash::FxHasher::default();
                digits().for_each(|b| h.write_u8(b));
                if let Some(unit) = unit {
                    h.write(unit.as_bytes());
                }
                self.figures.insert(h.finish());
                continue;
            }
            if let Some(id) = vocabulary.id(token) {
                *self.words.entry(id).or_default() += 1.0;
            }
        }
    }
}

/// Words and figures: runs of letters, digits, '.', '%' and ',' ("3.5%", "1,000"),
/// without the '.' or ',' that ends a sentence or clause. ASCII is split byte by
/// byte; other characters are decoded.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let in_token = move |at: usize| -> (bool, usize) {
        let b = bytes[at];
        if b < 0x80 {
            (
                b.is_ascii_alphanumeric() || matches!(b, b'.' | b'%' | b','),
                1,
            )
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || loop {
        while i < bytes.len() {
            let (yes, len) = in_token(i);
            if yes {
                break;
            }
            i += len;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() {
            let (yes, len) = in_token(i);
            if !yes {
                break;
            }
            i += len;
        }
        let token = text[start..i].trim_matches(['.', ',']);
        if !token.is_empty() {
            return Some(token);
        }
    })
}

/// The stop words as the stemmer leaves them.
fn stemmed_stop() -> &'static HashSet<String> {
    static STEMS: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    STEMS.get_or_init(|| {
        STOP.iter()
            .map(|w| String::from_utf8_lossy(crate::topics::stem_of(w.as_bytes())).into_owned())
            .collect()
    })
}

/// Words that say nothing about which exchange a point comes from; sorted, for
/// binary search.
const STOP: &[&str] = &[
    "administration",
    "all",
    "also",
    "and",
    "are",
    "asset",
    "been",
    "but",
    "can",
    "central",
    "commission",
    "council",
    "development",
    "enterprise",
    "for",
    "from",
    "has",
    "have",
    "into",
    "introduced",
    "its",
    "more",
    "new",
    "next",
    "not",
    "our",
    "owned",
    "said",
    "sasac",
    "soe",
    "state",
    "step",
    "such",
    "supervision",
    "than",
    "that",
    "the",
    "their",
    "these",
    "they",
    "this",
    "those",
    "was",
    "were",
    "which",
    "will",
    "with",
    "year",
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

/// The tf-idf weight of a word in a bag: damped term frequency times rarity.
fn weight(bag: &Bag, w: u32, idf: &[f64]) -> f64 {
    bag.words.get(&w).copied().unwrap_or(0.0).sqrt() * idf.get(w as usize).copied().unwrap_or(0.0)
}

/// The length of a bag's tf-idf vector; computed once per bag.
fn norm(bag: &Bag, idf: &[f64]) -> f64 {
    bag.words
        .keys()
        .map(|&w| weight(bag, w, idf).powi(2))
        .sum::<f64>()
        .sqrt()
}

/// Cosine of tf-idf vectors (so a long answer does not win by size), plus a bonus per
/// shared figure. Norms are passed in: a segment's is the same for every point.
fn similarity(point: (&Bag, f64), segment: (&Bag, f64), idf: &[f64]) -> f64 {
    let dot: f64 = point
        .0
        .words
        .keys()
        .map(|&w| weight(point.0, w, idf) * weight(segment.0, w, idf))
        .sum();
    let denominator = point.1 * segment.1;
    let cosine = if denominator > 0.0 {
        dot / denominator
    } else {
        0.0
    };
    let figures = point.0.figures.intersection(&segment.0.figures).count() as f64;
    cosine + 0.05 * figures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_figures_whole_and_drop_punctuation() {
        let t: Vec<&str> =
            tokens("China\u{2019}s 3.5% rise, 1,000 firms. \u{201C}AI\u{201D}-driven").collect();
        assert_eq!(
            t,
            ["China", "s", "3.5%", "rise", "1,000", "firms", "AI", "driven"]
        );
    }

    #[test]
    fn figures_match_with_their_units() {
        let mut v = Vocabulary::default();
        let mut a = Bag::default();
        a.add_text("a total of 3 trillion yuan in 2024", &mut v);
        let mut b = Bag::default();
        b.add_text("more than 3 Trillion yuan", &mut v);
        let mut c = Bag::default();
        c.add_text("3 billion yuan", &mut v);
        assert_eq!(a.figures.len(), 1, "the year is not a figure");
        assert_eq!(a.figures, b.figures);
        assert!(a.figures.is_disjoint(&c.figures));
    }
}
