//! Phrase matching on words. Text and phrases go through the same tokeniser: words
//! split at anything not a letter or digit (so "AI-driven" is "AI" + "driven" and
//! "trade-in" matches "trade in"), lowercased, with plural and -ing/-ed/-e endings cut
//! ("upgrades", "upgrading", "upgraded" are all "upgrad"). A word that the phrase
//! writes in capitals ("AI", "BRI") must be in capitals in the text, so that "AI" is
//! never "ai" in another word's clothing. `*` in a phrase stands for any one word.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

/// A word of the text: the hash of its stem, where it is, and whether it is written
/// in capitals.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub stem: u64,
    pub capitals: bool,
    pub start: usize,
    pub end: usize,
}

/// Splits text into words. Only the stem's hash is kept: no string per word. ASCII
/// words (nearly all) take a fast path; a word with other letters is decoded.
pub fn words(text: &str, out: &mut Vec<Word>) {
    out.clear();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    let mut buf = [0u8; 64];
    while i < n {
        let b = bytes[i];
        if b < 0x80 && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        if b >= 0x80 && !is_word_byte(text, i) {
            i += char_len(b);
            continue;
        }
        let start = i;
        let mut len = 0;
        let mut capitals = true;
        let mut letters = 0;
        // ASCII letters and digits, lowercased into the buffer as they go.
        while i < n && bytes[i].is_ascii_alphanumeric() {
            let c = bytes[i];
            if c.is_ascii_alphabetic() {
                letters += 1;
                capitals &= c.is_ascii_uppercase();
            }
            if len < buf.len() {
                buf[len] = c.to_ascii_lowercase();
                len += 1;
            }
            i += 1;
        }
        let stem = if i < n && bytes[i] >= 0x80 && is_word_byte(text, i) {
            // The word goes on with other letters: decode all of it.
            while i < n
                && (bytes[i].is_ascii_alphanumeric() || (bytes[i] >= 0x80 && is_word_byte(text, i)))
            {
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    letters += 1;
                    capitals &= c.is_ascii_uppercase();
                }
                i += char_len(c);
            }
            let lower: String = text[start..i]
                .chars()
                .flat_map(char::to_lowercase)
                .collect();
            hash(stem_of(lower.as_bytes()))
        } else {
            hash(stem_of(&buf[..len]))
        };
        out.push(Word {
            stem,
            capitals: capitals && letters > 0,
            start,
            end: i,
        });
    }
}

/// How many words [`words`] would find, without finding them: runs of letters and
/// digits, counted in one pass.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (is_word, len) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            (is_word_byte(text, i), char_len(b))
        };
        if is_word && !in_word {
            count += 1;
        }
        in_word = is_word;
        i += len;
    }
    count
}

/// Where the `n`th word before the word at `at` starts: `at` moved back to its word's
/// start, then over `n` more words (fewer at the start of the text).
pub fn words_before(text: &str, at: usize, n: usize) -> usize {
    over_words(text, at, n, true)
}

/// Where the `n`th word after the word at `at` ends: `at` moved on to its word's end,
/// then over `n` more words (fewer at the end of the text).
pub fn words_after(text: &str, at: usize, n: usize) -> usize {
    over_words(text, at, n, false)
}

fn over_words(text: &str, at: usize, n: usize, back: bool) -> usize {
    // Bytes from `i` to the end of the run of word (or other) characters that way.
    let run = |i: usize, word: bool| -> usize {
        let same = |c: &char| c.is_alphanumeric() == word;
        if back {
            i - text[..i]
                .chars()
                .rev()
                .take_while(same)
                .map(char::len_utf8)
                .sum::<usize>()
        } else {
            i + text[i..]
                .chars()
                .take_while(same)
                .map(char::len_utf8)
                .sum::<usize>()
        }
    };
    let mut i = run(at, true);
    for _ in 0..n {
        i = run(run(i, false), true);
    }
    i
}

fn char_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

fn is_word_byte(text: &str, i: usize) -> bool {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b.is_ascii_alphanumeric()
    } else {
        text[i..].chars().next().is_some_and(char::is_alphanumeric)
    }
}

/// A light stemmer: plural, then -ing, -ed and a final -e.
pub fn stem_of(word: &[u8]) -> &[u8] {
    let mut w = word;
    let n = w.len();
    if n > 4 && w.ends_with(b"ies") {
        // "industries" -> "industr", as "industry" -> "industr" below.
        w = &w[..n - 3];
    } else if n > 3
        && w.ends_with(b"s")
        && !w.ends_with(b"ss")
        && !w.ends_with(b"us")
        && !w.ends_with(b"is")
    {
        w = &w[..n - 1];
    }
    let n = w.len();
    if n > 5 && w.ends_with(b"ing") {
        w = &w[..n - 3];
    } else if n > 4 && w.ends_with(b"ed") {
        w = &w[..n - 2];
    }
    let n = w.len();
    if n > 4 && (w.ends_with(b"e") || w.ends_with(b"y")) {
        w = &w[..n - 1];
    }
    w
}

fn hash(stem: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(stem);
    h.finish()
}

/// One word of a phrase: a stem, or any word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    Stem { stem: u64, capitals: bool },
    Any,
}

/// A compiled phrase, with what it stands for.
#[derive(Debug, Clone)]
struct Phrase<T> {
    words: Vec<Pattern>,
    value: T,
}

/// Many phrases, found in one pass over a text's words: phrases are indexed by their
/// first word.
#[derive(Debug, Clone)]
pub struct PhraseSet<T> {
    phrases: Vec<Phrase<T>>,
    by_first: FxHashMap<u64, Vec<usize>>,
    /// Phrases that start with `*`.
    any_first: Vec<usize>,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            phrases: Vec::new(),
            by_first: FxHashMap::default(),
            any_first: Vec::new(),
        }
    }
}

/// Where a phrase was found: its value and the words it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found<'a, T> {
    pub value: &'a T,
    /// Word indexes, end exclusive.
    pub first: usize,
    pub end: usize,
}

impl<T> PhraseSet<T> {
    /// Adds a phrase; false when it has no word to match.
    pub fn add(&mut self, phrase: &str, value: T) -> bool {
        let mut parsed = Vec::new();
        let mut buf = Vec::new();
        for token in phrase.split(|c: char| !(c.is_alphanumeric() || c == '*')) {
            if token.is_empty() {
                continue;
            }
            if token == "*" {
                parsed.push(Pattern::Any);
                continue;
            }
            words(token, &mut buf);
            parsed.extend(buf.iter().map(|w| Pattern::Stem {
                stem: w.stem,
                capitals: w.capitals,
            }));
        }
        if !parsed.iter().any(|p| matches!(p, Pattern::Stem { .. })) {
            return false;
        }
        let index = self.phrases.len();
        match parsed[0] {
            Pattern::Stem { stem, .. } => self.by_first.entry(stem).or_default().push(index),
            Pattern::Any => self.any_first.push(index),
        }
        self.phrases.push(Phrase {
            words: parsed,
            value,
        });
        true
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// The most words a phrase has.
    pub fn longest(&self) -> usize {
        self.phrases
            .iter()
            .map(|p| p.words.len())
            .max()
            .unwrap_or(0)
    }

    /// Every occurrence of every phrase in `words`, in text order.
    pub fn find<'a>(&'a self, words: &[Word], mut found: impl FnMut(Found<'a, T>)) {
        for start in 0..words.len() {
            let candidates = self
                .by_first
                .get(&words[start].stem)
                .into_iter()
                .flatten()
                .chain(&self.any_first);
            for &p in candidates {
                let phrase = &self.phrases[p];
                let end = start + phrase.words.len();
                if end <= words.len() && matches_at(&phrase.words, &words[start..end]) {
                    found(Found {
                        value: &phrase.value,
                        first: start,
                        end,
                    });
                }
            }
        }
    }
}

fn matches_at(patterns: &[Pattern], words: &[Word]) -> bool {
    patterns.iter().zip(words).all(|(p, w)| match *p {
        Pattern::Any => true,
        Pattern::Stem { stem, capitals } => w.stem == stem && (!capitals || w.capitals),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(phrases: &[&str], text: &str) -> Vec<String> {
        let mut set = PhraseSet::default();
        for p in phrases {
            assert!(set.add(p, p.to_string()));
        }
        let mut ws = Vec::new();
        words(text, &mut ws);
        let mut out = Vec::new();
        set.find(&ws, |f| {
            out.push(format!(
                "{}@{}",
                f.value,
                &text[ws[f.first].start..ws[f.end - 1].end]
            ))
        });
        out
    }

    #[test]
    fn variants_of_a_phrase_match() {
        let p = ["equipment upgrade"];
        assert_eq!(
            found(&p, "Equipment upgrades and equipment-upgrading work."),
            [
                "equipment upgrade@Equipment upgrades",
                "equipment upgrade@equipment-upgrading"
            ]
        );
        assert_eq!(
            found(&["reform"], "Reforms, reformed, reforming; reformist."),
            ["reform@Reforms", "reform@reformed", "reform@reforming"]
        );
        assert_eq!(found(&["industry"], "industries"), ["industry@industries"]);
    }

    #[test]
    fn capitals_must_match_where_the_phrase_has_them() {
        let p = ["AI"];
        assert_eq!(
            found(&p, "AI-driven upgrades, 5G+AI, AI's role"),
            ["AI@AI", "AI@AI", "AI@AI"]
        );
        assert!(found(&p, "Ai Bing said ai is a word; said; paid").is_empty());
        assert_eq!(
            found(&["artificial intelligence"], "Artificial Intelligence"),
            ["artificial intelligence@Artificial Intelligence"]
        );
    }

    #[test]
    fn counting_words_agrees_with_finding_them() {
        for text in [
            "AI-driven upgrades, 5G+AI, AI's role",
            "“Belt and Road” – Jakarta-Bandung, 3.5%, Zürich",
            "word’s end… and Ünïcode façade",
            "",
            "   ",
        ] {
            let mut ws = Vec::new();
            words(text, &mut ws);
            assert_eq!(count_words(text), ws.len(), "{text}");
        }
    }

    #[test]
    fn a_star_is_any_one_word() {
        let p = ["renewal of * equipment"];
        assert_eq!(
            found(&p, "the renewal of old equipment"),
            ["renewal of * equipment@renewal of old equipment"]
        );
        assert!(found(&p, "the renewal of equipment").is_empty());
    }

    #[test]
    fn words_keep_their_place_and_non_ascii_letters() {
        let mut ws = Vec::new();
        words("“Belt and Road” – Jakarta-Bandung, 3.5%, Zürich", &mut ws);
        let text = "“Belt and Road” – Jakarta-Bandung, 3.5%, Zürich";
        let shown: Vec<&str> = ws.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(
            shown,
            ["Belt", "and", "Road", "Jakarta", "Bandung", "3", "5", "Zürich"]
        );
    }
}
