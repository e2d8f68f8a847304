//! The search index, written by `build` into `search-index/` from the text it has just
//! rendered (no page is read back). A static, chunked index: a reader's browser
//! downloads a small table of contents, then only the parts a query needs, from the
//! site itself (no server, no other host, no WASM). `static/search.js` reads it.
//!
//! What is indexed: exchange and summary pages (briefing pages repeat their
//! exchanges). Documents are numbered in the order they come, newest briefing first,
//! so "newest first" is the order of the numbers.
//!
//! The files:
//! - `meta.json`: the number of documents, the first word of each word file, and the
//!   filters (topic, official, outlet, year) with their counts and files;
//! - `w/N.bin`: words in order (as JavaScript compares strings), each with the
//!   documents that hold it: a list of (gap, weight) or, when that is larger, a bitmap
//!   of every document. So no word ever costs more than one bit a document;
//! - `d/N.json`: what a result shows of [`DOCS_PER_FILE`] documents (address, title,
//!   date, briefing, outlet);
//! - `f/N.bin`: the documents of one filter value, encoded as a word's.
//!
//! [`words_of`] is the tokenizer; `search.js` has the same rules, and the two must agree.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::{Deserialize, Serialize};
use std::hash::BuildHasher;

use crate::error::Error;

/// The index's folder in the site.
pub const DIR: &str = "search-index";
/// Documents a `d/N.json` file describes.
pub const DOCS_PER_FILE: usize = 8;
/// A word file holds at most this many bytes, or one word (a word larger than that
/// gets a file of its own; none is larger than a bitmap of every document).
const WORD_FILE_BYTES: usize = 16 * 1024;
/// Longer tokens are not words a reader types (hashes, run-together text).
const LONGEST_WORD: usize = 40;
/// How much more a word in the title counts than one in the text.
const TITLE_WEIGHT: u32 = 6;

/// Calls `each` with every word of `text`, lower-cased (character by character):
/// letters and digits, joined across an apostrophe between letters ("China's" is
/// "china", "don't" is "dont") and across "." or "," between digits ("3,000" is
/// "3000", "1.5" stays).
pub fn words_of(text: &str, mut each: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut word = String::with_capacity(32);
    // Where an apostrophe was dropped: a word ending in it + "s" loses the "s".
    let mut apostrophe_at = None;
    let mut before = ' ';
    let mut at = 0;
    let char_at = |at: usize| -> (char, usize) {
        match bytes[at] {
            b if b < 0x80 => (b as char, 1),
            _ => text[at..]
                .chars()
                .next()
                .map_or((' ', 1), |c| (c, c.len_utf8())),
        }
    };
    while at < bytes.len() {
        // Plain ASCII letters and digits, the most of any text, straight through.
        let b = bytes[at];
        if b.is_ascii_alphanumeric() {
            word.push(b.to_ascii_lowercase() as char);
            before = b as char;
            at += 1;
            continue;
        }
        let (c, width) = char_at(at);
        at += width;
        if !c.is_ascii() && c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            let after = (at < bytes.len()).then(|| char_at(at).0);
            let joins = match c {
                '\'' | '\u{2019}' => {
                    before.is_alphabetic() && after.is_some_and(char::is_alphabetic)
                }
                '.' | ',' => before.is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit()),
                _ => false,
            };
            match c {
                '.' if joins => word.push('.'),
                ',' if joins => {}
                _ if joins => apostrophe_at = Some(word.len()),
                _ => {
                    emit(&mut word, apostrophe_at.take(), &mut each);
                }
            }
        }
        before = c;
    }
    if !word.is_empty() {
        emit(&mut word, apostrophe_at, &mut each);
    }
}

/// Hands a finished word over (without a possessive "s"; not when it is too long to
/// be one a reader types) and empties it.
fn emit(word: &mut String, apostrophe_at: Option<usize>, each: &mut impl FnMut(&str)) {
    if apostrophe_at == Some(word.len() - 1) && word.ends_with('s') {
        word.pop();
    }
    if word.len() <= LONGEST_WORD || word.chars().count() <= LONGEST_WORD {
        each(word);
    }
    word.clear();
}

/// One page as the index holds it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// The page's route (`briefings/x/y/`), below the site's base path.
    pub rel: String,
    pub title: String,
    /// ISO date.
    pub date: String,
    pub briefing: String,
    /// Who asked; None when the transcript does not say (not a filter value).
    pub outlet: Option<String>,
    pub officials: Vec<String>,
    /// Topic names.
    pub topics: Vec<String>,
    pub words: Words,
}

/// A document's words, each once with its weight there: one string holds them all
/// (a document has hundreds; one allocation each cost more than finding them).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Words {
    text: String,
    /// (start, end, weight) in `text`.
    entries: Vec<(u32, u32, u32)>,
}

impl Words {
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        self.entries
            .iter()
            .map(|&(s, e, w)| (&self.text[s as usize..e as usize], w.min(255) as u8))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Document {
    /// The words of a page: its title, names and text.
    pub fn weigh<'t>(
        title: &str,
        names: impl IntoIterator<Item = &'t str>,
        text: impl IntoIterator<Item = &'t str>,
    ) -> Words {
        let hasher = FxBuildHasher;
        let mut table: HashTable<u32> = HashTable::with_capacity(512);
        let mut words = Words::default();
        // Adds `by` to the word's weight, once per document when `once`.
        let mut add = |w: &str, by: u32, once: bool| {
            let hash = hasher.hash_one(w);
            let Words { text, entries } = &mut words;
            let found = table
                .find(hash, |&i| {
                    let (s, e, _) = entries[i as usize];
                    &text[s as usize..e as usize] == w
                })
                .copied();
            match found {
                Some(i) if !once => entries[i as usize].2 += by,
                Some(_) => {}
                None => {
                    let start = text.len() as u32;
                    text.push_str(w);
                    entries.push((start, text.len() as u32, by));
                    table.insert_unique(hash, entries.len() as u32 - 1, |&i| {
                        let (s, e, _) = entries[i as usize];
                        hasher.hash_one(&text[s as usize..e as usize])
                    });
                }
            }
        };
        words_of(title, |w| add(w, TITLE_WEIGHT, true));
        for t in names.into_iter().chain(text) {
            words_of(t, |w| add(w, 1, false));
        }
        words
    }
}

/// The documents of one word or filter value, as they arrive.
#[derive(Default, Clone, Serialize, Deserialize)]
struct Postings {
    count: u32,
    last: u32,
    /// (gap, weight) pairs, gaps as varints. (Stored as bytes, not a sequence of
    /// numbers: the build cache reads and writes millions of them.)
    #[serde(with = "serde_bytes")]
    bytes: Vec<u8>,
}

impl Postings {
    fn push(&mut self, doc: u32, weight: Option<u8>) {
        let gap = if self.count == 0 {
            doc
        } else {
            doc - self.last
        };
        varint(&mut self.bytes, gap);
        if let Some(w) = weight {
            self.bytes.push(w);
        }
        self.count += 1;
        self.last = doc;
    }

    /// The encoded entry: kind 0 and the list, or kind 1 and a bitmap of `docs`
    /// documents, whichever is smaller.
    fn encode(&self, docs: u32, weighted: bool, out: &mut Vec<u8>) {
        let bitmap = (docs as usize).div_ceil(8);
        varint(out, self.count);
        if self.bytes.len() <= bitmap {
            out.push(0);
            varint(out, self.bytes.len() as u32);
            out.extend_from_slice(&self.bytes);
            return;
        }
        out.push(1);
        varint(out, bitmap as u32);
        let start = out.len();
        out.resize(start + bitmap, 0);
        for (doc, _) in self.decode(weighted) {
            out[start + (doc / 8) as usize] |= 1 << (doc % 8);
        }
    }
}

impl Postings {
    /// Its (document, weight) pairs in order.
    fn decode(&self, weighted: bool) -> Vec<(u32, u8)> {
        let (mut at, mut doc) = (0, 0u32);
        (0..self.count)
            .map(|n| {
                let gap = read_varint(&self.bytes, &mut at);
                doc = if n == 0 { gap } else { doc + gap };
                let weight = if weighted {
                    at += 1;
                    self.bytes[at - 1]
                } else {
                    0
                };
                (doc, weight)
            })
            .collect()
    }

    /// Replaces the documents in `first..last` by `new` (in order, within the range).
    fn splice(&mut self, first: u32, last: u32, new: &[(u32, u8)], weighted: bool) {
        // Most words have no document in the range: their first and last say so.
        let lowest = (self.count > 0).then(|| read_varint(&self.bytes, &mut 0));
        let outside = lowest.is_none_or(|low| self.last < first || low >= last);
        if outside && new.is_empty() {
            return;
        }
        let old = self.decode(weighted);
        let inside = old.iter().any(|&(d, _)| d >= first && d < last);
        if !inside && new.is_empty() {
            return;
        }
        let mut fresh = Postings::default();
        let before = old.iter().take_while(|&&(d, _)| d < first);
        let after = old.iter().skip_while(|&&(d, _)| d < last);
        for &(doc, weight) in before.chain(new).chain(after) {
            fresh.push(doc, weighted.then_some(weight));
        }
        *self = fresh;
    }
}

/// A document's filter values, (filter, value), each once.
fn filter_values(doc: &Document) -> Vec<(String, String)> {
    let year = doc.date.get(..4).unwrap_or_default();
    let mut values: Vec<(String, String)> = doc
        .topics
        .iter()
        .map(|t| ("topic", t.as_str()))
        .chain(doc.officials.iter().map(|o| ("official", o.as_str())))
        .chain(doc.outlet.iter().map(|o| ("outlet", o.as_str())))
        .chain(std::iter::once(("year", year)))
        .map(|(kind, value)| (kind.to_owned(), value.to_owned()))
        .collect();
    values.sort();
    values.dedup();
    values
}

fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let (mut n, mut shift) = (0u32, 0);
    loop {
        let b = bytes[*at];
        *at += 1;
        n |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

/// What a result shows of a document: address, title, date, briefing, outlet.
#[derive(Clone, Serialize, Deserialize)]
struct Card(String, String, String, String, Option<String>);

impl Card {
    fn of(doc: Document) -> Card {
        Card(doc.rel, doc.title, doc.date, doc.briefing, doc.outlet)
    }
}

/// The index being built: documents are added in order, then it is written once.
#[derive(Default, Clone, Serialize, Deserialize)]
pub struct Index {
    cards: Vec<Card>,
    words: FxHashMap<Box<str>, Postings>,
    /// (filter, value): documents.
    filters: BTreeMap<(String, String), Postings>,
}

/// The index's folders: words, cards, filters.
const SUBFOLDERS: [&str; 3] = ["w", "d", "f"];

/// The filters a reader can narrow by, in the order the page shows them.
const FILTERS: [&str; 4] = ["topic", "official", "outlet", "year"];

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    docs: usize,
    #[serde(rename = "docsPerFile")]
    docs_per_file: usize,
    /// The first word of each word file.
    words: Vec<&'a str>,
    /// Per filter: [value, documents, file number].
    filters: BTreeMap<&'static str, Vec<(&'a str, u32, usize)>>,
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// Adds the next document (the next number).
    pub fn add(&mut self, doc: Document) {
        let id = self.cards.len() as u32;
        for (word, weight) in doc.words.iter() {
            match self.words.get_mut(word) {
                Some(p) => p.push(id, Some(weight)),
                None => {
                    let mut p = Postings::default();
                    p.push(id, Some(weight));
                    self.words.insert(word.into(), p);
                }
            }
        }
        for key in filter_values(&doc) {
            self.filters.entry(key).or_default().push(id, None);
        }
        self.cards.push(Card::of(doc));
    }

    /// Puts `documents` in the place of as many documents from number `start` (a
    /// briefing's pages, edited): their words, filter values and cards. False, and
    /// nothing changed, when the numbers do not fit.
    pub fn replace(&mut self, start: usize, documents: Vec<Document>) -> bool {
        let end = start + documents.len();
        if end > self.cards.len() {
            return false;
        }
        let (first, last) = (start as u32, end as u32);
        // What the new documents add, by word and by filter value, in order.
        let mut added: FxHashMap<Box<str>, Vec<(u32, u8)>> = FxHashMap::default();
        let mut filter_added: BTreeMap<(String, String), Vec<(u32, u8)>> = BTreeMap::new();
        for (k, doc) in documents.into_iter().enumerate() {
            let id = first + k as u32;
            for (word, weight) in doc.words.iter() {
                added.entry(word.into()).or_default().push((id, weight));
            }
            for key in filter_values(&doc) {
                filter_added.entry(key).or_default().push((id, 0));
            }
            self.cards[id as usize] = Card::of(doc);
        }
        for (word, postings) in self.words.iter_mut() {
            let new = added.remove(word).unwrap_or_default();
            postings.splice(first, last, &new, true);
        }
        for (word, new) in added {
            let mut postings = Postings::default();
            postings.splice(first, last, &new, true);
            self.words.insert(word, postings);
        }
        self.words.retain(|_, p| p.count > 0);
        for (key, postings) in self.filters.iter_mut() {
            let new = filter_added.remove(key).unwrap_or_default();
            postings.splice(first, last, &new, false);
        }
        for (key, new) in filter_added {
            let mut postings = Postings::default();
            postings.splice(first, last, &new, false);
            self.filters.insert(key, postings);
        }
        self.filters.retain(|_, p| p.count > 0);
        true
    }

    /// Writes the index into `dir` (made; it must not hold an older index).
    pub fn write(&self, dir: &Path) -> Result<(), Error> {
        let files = self.files_in(dir)?;
        files.par_iter().try_for_each(|(rel, bytes)| {
            let path = dir.join(rel);
            fs::write(&path, bytes).map_err(Error::io(&path))
        })
    }

    /// Brings the index in `dir` (written by [`Index::write`]) up to date: writes the
    /// files whose bytes changed, removes those it no longer has. After an edit most
    /// files are as they were (a briefing's cards, the words it does not have).
    pub fn update(&self, dir: &Path) -> Result<(), Error> {
        let files = self.files_in(dir)?;
        files.par_iter().try_for_each(|(rel, bytes)| {
            let path = dir.join(rel);
            match fs::read(&path) {
                Ok(old) if old == *bytes => Ok(()),
                _ => fs::write(&path, bytes).map_err(Error::io(&path)),
            }
        })?;
        let wanted: std::collections::HashSet<&str> =
            files.iter().map(|(rel, _)| rel.as_str()).collect();
        for sub in SUBFOLDERS {
            let folder = dir.join(sub);
            for entry in fs::read_dir(&folder).map_err(Error::io(&folder))? {
                let entry = entry.map_err(Error::io(&folder))?;
                let rel = format!("{sub}/{}", entry.file_name().to_string_lossy());
                if !wanted.contains(rel.as_str()) {
                    fs::remove_file(entry.path()).map_err(Error::io(&entry.path()))?;
                }
            }
        }
        Ok(())
    }

    /// The index's files (see [`Index::files`]), its folders made in `dir`.
    fn files_in(&self, dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
        for sub in SUBFOLDERS {
            fs::create_dir_all(dir.join(sub)).map_err(Error::io(dir))?;
        }
        self.files()
    }

    /// Every file of the index: its path in the index's folder, and its bytes.
    fn files(&self) -> Result<Vec<(String, Vec<u8>)>, Error> {
        let docs = self.cards.len() as u32;
        let mut files = Vec::new();
        let mut words: Vec<(&str, &Postings)> = self.words.iter().map(|(w, p)| (&**w, p)).collect();
        // JavaScript compares strings by UTF-16 units; the reader's binary search
        // over the files' first words needs this same order.
        words.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        let mut firsts = Vec::new();
        let mut file = Vec::new();
        let mut entry = Vec::new();
        for (word, postings) in words {
            entry.clear();
            varint(&mut entry, word.len() as u32);
            entry.extend_from_slice(word.as_bytes());
            postings.encode(docs, true, &mut entry);
            if !file.is_empty() && file.len() + entry.len() > WORD_FILE_BYTES {
                files.push((
                    format!("w/{}.bin", firsts.len() - 1),
                    std::mem::take(&mut file),
                ));
            }
            if file.is_empty() {
                firsts.push(word);
            }
            file.extend_from_slice(&entry);
        }
        if !file.is_empty() {
            files.push((format!("w/{}.bin", firsts.len() - 1), file));
        }

        for (n, cards) in self.cards.chunks(DOCS_PER_FILE).enumerate() {
            let json = serde_json::to_vec(cards).map_err(|e| Error::new(e.to_string()))?;
            files.push((format!("d/{n}.json"), json));
        }

        let mut filters: BTreeMap<&'static str, Vec<(&str, u32, usize)>> =
            FILTERS.iter().map(|&k| (k, Vec::new())).collect();
        for (n, ((kind, value), postings)) in self.filters.iter().enumerate() {
            let mut bytes = Vec::new();
            postings.encode(docs, false, &mut bytes);
            files.push((format!("f/{n}.bin"), bytes));
            if let Some(list) = filters.get_mut(kind.as_str()) {
                list.push((value, postings.count, n));
            }
        }
        // Newest year first; the rest by name.
        if let Some(years) = filters.get_mut("year") {
            years.reverse();
        }
        let meta = Meta {
            version: 1,
            docs: self.cards.len(),
            docs_per_file: DOCS_PER_FILE,
            words: firsts,
            filters,
        };
        let json = serde_json::to_vec(&meta).map_err(|e| Error::new(e.to_string()))?;
        files.push(("meta.json".to_owned(), json));
        Ok(files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words_of(text, |w| out.push(w.to_owned()));
        out
    }

    /// The cases search.js is tested on too (site-tests/search-words.test.mjs).
    #[test]
    fn words_split_as_search_js_does() {
        let text = include_str!("../../tests/fixtures/search-words.json");
        let fixture: serde_json::Value = serde_json::from_str(text).unwrap();
        for case in fixture["cases"].as_array().unwrap() {
            let expected: Vec<&str> = case[1]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w.as_str().unwrap())
                .collect();
            assert_eq!(all(case[0].as_str().unwrap()), expected, "{case}");
        }
    }

    fn document(n: usize, text: &str, topic: &str, outlet: Option<&str>) -> Document {
        Document {
            rel: format!("briefings/b/{n}/"),
            title: format!("Question {n}"),
            date: format!("{}-01-01", 2000 + n % 3),
            briefing: "A briefing".to_owned(),
            outlet: outlet.map(str::to_owned),
            officials: vec!["Fang Lei".to_owned()],
            topics: vec![topic.to_owned()],
            words: Document::weigh(&format!("Question {n}"), [topic], [text]),
        }
    }

    /// Replacing pages in place gives the files an index made anew with the new
    /// pages gives: words gone and new, weights, filter values gone and new, cards.
    #[test]
    fn replaced_pages_index_as_a_new_index_would() {
        let before: Vec<Document> = (0..40)
            .map(|n| {
                let text = format!(
                    "reform of enterprises {} word{n} zeppelin",
                    "growth ".repeat(n % 4)
                );
                document(
                    n,
                    &text,
                    if n % 2 == 0 { "Reform" } else { "AI" },
                    Some("Xinhua"),
                )
            })
            .collect();
        let mut after = before.clone();
        after[11] = document(11, "dirigibles only, and reform reform", "Trade", None);
        after[12] = document(12, "nothing of the old words", "AI", Some("Yicai"));
        let mut index = Index::new();
        for d in before {
            index.add(d);
        }
        assert!(index.replace(11, after[11..13].to_vec()));
        let mut fresh = Index::new();
        for d in after {
            fresh.add(d);
        }
        let (made, expected) = (index.files().unwrap(), fresh.files().unwrap());
        assert_eq!(made.len(), expected.len());
        for ((path, bytes), (path2, bytes2)) in made.iter().zip(&expected) {
            assert_eq!((path, bytes), (path2, bytes2), "{path}");
        }
        assert!(!index.replace(39, after_two()), "past the last page");
    }

    fn after_two() -> Vec<Document> {
        vec![document(0, "a", "AI", None), document(1, "b", "AI", None)]
    }

    #[test]
    fn a_common_word_costs_a_bitmap_at_most() {
        let mut p = Postings::default();
        for doc in 0..1000 {
            p.push(doc, Some(200));
        }
        let mut out = Vec::new();
        p.encode(1000, true, &mut out);
        assert!(out.len() < 1000 / 8 + 8, "{} bytes", out.len());
        // Every document's bit is set.
        assert!(out[out.len() - 125..].iter().all(|&b| b == 0xff));
    }

    #[test]
    fn a_rare_word_is_a_list_of_gaps_and_weights() {
        let mut p = Postings::default();
        p.push(3, Some(7));
        p.push(300, Some(1));
        let mut out = Vec::new();
        p.encode(100_000, true, &mut out);
        // count, kind 0, length, gap 3, weight 7, gap 297 (two bytes), weight 1.
        assert_eq!(out, [2, 0, 5, 3, 7, 0xa9, 0x02, 1]);
    }
}
