//! The site model: briefings as read from content/, checked for what is surely a
//! mistake (two exchanges in one place, copies, dates off the calendar), and the
//! link index over them. Metadata only: bodies are rendered and written per
//! briefing, then dropped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::links::{Index, Target};
use super::route::Route;
use crate::content::load::{
    BriefingMatter, Document, ExchangeMatter, Folder, Matter, PartMatter, SourceMatter,
    SummaryMatter,
};
use crate::content::{first_free, slug};
use crate::error::{Error, Errors};
use crate::transcript::dates::Date;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Exchange {
    pub doc: Document,
    pub matter: ExchangeMatter,
    /// The file name without `.md`: the page's last URL segment and its anchor on the
    /// briefing page.
    pub stem: String,
    /// Relative to the site root: `briefings/<slug>/<stem>/`.
    pub rel: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Briefing {
    /// The day it was held, read once (a date off the calendar is an error).
    pub date: Date,
    pub slug: String,
    pub rel: String,
    pub matter: BriefingMatter,
    pub index: Document,
    pub exchanges: Vec<Exchange>,
    pub closing: Option<(PartMatter, Document)>,
    pub summary: Option<(SummaryMatter, Document)>,
}

impl Briefing {
    pub fn route(&self) -> Route {
        Route::Briefing {
            slug: self.slug.clone(),
        }
    }

    pub fn summary_route(&self) -> Route {
        Route::Summary {
            briefing: self.slug.clone(),
        }
    }

    pub fn summary_rel(&self) -> String {
        self.summary_route().rel()
    }
}

/// A person's or outlet's page slug, made unique among names that slug alike; the
/// same name keeps its slug.
fn unique_slug(name: &str, taken: &mut HashMap<String, String>) -> String {
    let base = slug(name, 60);
    let base = if base.is_empty() {
        "unnamed".to_owned()
    } else {
        base
    };
    let free = |c: &str| taken.get(c).is_none_or(|owner| owner == name);
    let chosen = first_free(&base, free);
    taken.insert(chosen.clone(), name.to_owned());
    chosen
}

/// Briefings from content folders, newest first, and the index over them. Every
/// problem of every file is reported at once: dates off the calendar, two exchanges
/// in one place, copies, two pages with one URL (naming both files).
pub fn assemble(folders: Vec<Folder>, content: &Path) -> Result<(Vec<Briefing>, Index), Errors> {
    let mut errors = Vec::new();
    let mut briefings: Vec<Briefing> = folders
        .into_iter()
        .filter_map(|f| briefing(f, content, &mut errors))
        .collect();
    let all: Vec<&Briefing> = briefings.iter().collect();
    errors.extend(shared_source_lines(&all, content, None));
    briefings.sort_by(|a, b| (b.date, &b.slug).cmp(&(a.date, &a.slug)));
    let index = index(&briefings, content, &mut errors);
    if errors.is_empty() {
        Ok((briefings, index))
    } else {
        Err(Errors(errors))
    }
}

/// A briefing read again after an edit of its folder, in the place of the old one.
#[derive(Debug)]
pub struct Replaced {
    /// Its place among the briefings (newest first).
    pub position: usize,
    /// The briefing it replaced, to put back if what follows fails.
    pub old: Briefing,
    /// The index made anew when the briefing's pages or people changed.
    pub index: Option<Index>,
}

/// Puts the briefing of `folder` (read again after an edit) in the place of the one
/// with its name, checked as [`assemble`] checks it against the rest of the site: its
/// sources' lines against every other file's, its pages' URLs. None when it does not
/// keep its place (a new folder, or a date that may move it among the others): the
/// site must be assembled anew. On an error nothing is replaced.
pub fn replace(
    briefings: &mut [Briefing],
    current: &Index,
    folder: Folder,
    content: &Path,
) -> Result<Option<Replaced>, Errors> {
    let Some(position) = briefings.iter().position(|b| b.slug == folder.name) else {
        return Ok(None);
    };
    let mut errors = Vec::new();
    let Some(new) = briefing(folder, content, &mut errors) else {
        return Ok(None);
    };
    if new.date != briefings[position].date {
        return Ok(None);
    }
    let mut all: Vec<&Briefing> = briefings.iter().collect();
    all[position] = &new;
    let transcripts: std::collections::HashSet<&str> = parts(&new)
        .flat_map(|(sources, _)| sources.iter().map(|s| s.file.as_str()))
        .collect();
    errors.extend(shared_source_lines(&all, content, Some(&transcripts)));
    // The index changes only when the briefing's pages or people do.
    let mut fresh = None;
    if contribution(&new) != contribution(&briefings[position]) {
        let made = index(all.iter().copied(), content, &mut errors);
        if made != *current {
            fresh = Some(made);
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let old = std::mem::replace(&mut briefings[position], new);
    Ok(Some(Replaced {
        position,
        old,
        index: fresh,
    }))
}

/// What a briefing puts in the index: its content files and where they are shown,
/// its officials and its outlets.
fn contribution(b: &Briefing) -> (Vec<(&Path, &str)>, Vec<&str>, Vec<&str>) {
    let mut files = vec![(b.index.path.as_path(), b.rel.as_str())];
    files.extend(
        b.exchanges
            .iter()
            .map(|e| (e.doc.path.as_path(), e.rel.as_str())),
    );
    files.extend(
        b.summary
            .as_ref()
            .map(|(_, d)| (d.path.as_path(), "summary")),
    );
    files.extend(
        b.closing
            .as_ref()
            .map(|(_, d)| (d.path.as_path(), "closing")),
    );
    let mut officials: Vec<&str> = b
        .matter
        .speakers
        .iter()
        .map(|p| p.name.as_str())
        .chain(
            b.exchanges
                .iter()
                .flat_map(|e| e.matter.answered_by.iter().map(String::as_str)),
        )
        .collect();
    officials.sort_unstable();
    officials.dedup();
    let mut outlets: Vec<&str> = b
        .exchanges
        .iter()
        .filter_map(|e| e.matter.asked_by.as_deref())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    (files, officials, outlets)
}

/// One folder's briefing, its files by kind, its exchanges in order.
fn briefing(folder: Folder, content: &Path, errors: &mut Vec<Error>) -> Option<Briefing> {
    let mut documents = folder.documents.into_iter();
    let Some((Matter::Briefing(matter), index)) = documents.next() else {
        return None;
    };
    errors.extend(date_errors(&matter, &index, content));
    let mut briefing = Briefing {
        date: Date::parse_iso(&matter.date).unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        }),
        slug: folder.name.clone(),
        rel: Route::Briefing {
            slug: folder.name.clone(),
        }
        .rel(),
        matter,
        index,
        exchanges: Vec::new(),
        closing: None,
        summary: None,
    };
    for (matter, doc) in documents {
        let stem = doc
            .path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        match matter {
            Matter::Exchange(m) => briefing.exchanges.push(Exchange {
                rel: Route::Exchange {
                    briefing: folder.name.clone(),
                    stem: stem.clone(),
                }
                .rel(),
                stem,
                matter: m,
                doc,
            }),
            Matter::Closing(m) => {
                if let Some((_, first)) = &briefing.closing {
                    errors.push(second(content, &doc, "closing", first));
                }
                briefing.closing = Some((m, doc));
            }
            Matter::Summary(m) => {
                if let Some((_, first)) = &briefing.summary {
                    errors.push(second(content, &doc, "summary", first));
                }
                briefing.summary = Some((m, doc));
            }
            Matter::Briefing(_) => errors.push(Error::at(
                content.join(&doc.path),
                1,
                None,
                "a second `kind: briefing` in one folder: only _index.md is the briefing"
                    .to_owned(),
            )),
        }
    }
    briefing
        .exchanges
        .sort_by_key(|e| (e.matter.order, e.stem.clone()));
    errors.extend(same_order(&briefing, content));
    Some(briefing)
}

/// The briefing's date and its sources' publication dates are days of the calendar.
fn date_errors(matter: &BriefingMatter, index: &Document, content: &Path) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut check = |key: &str, value: &str| {
        if Date::parse_iso(value).is_none() {
            errors.push(Error::at(
                content.join(&index.path),
                line_of_key(index, key),
                None,
                format!("{key} {value:?} is not a day of the calendar: write it as YYYY-MM-DD"),
            ));
        }
    };
    check("date", &matter.date);
    for published in matter.sources.iter().filter_map(|s| s.published.as_deref()) {
        check("published", published);
    }
    errors
}

/// Two exchanges with one `order` in a briefing (sorted by order).
fn same_order(briefing: &Briefing, content: &Path) -> Vec<Error> {
    briefing
        .exchanges
        .windows(2)
        .filter(|pair| pair[0].matter.order == pair[1].matter.order)
        .map(|pair| {
            Error::at(
                content.join(&pair[1].doc.path),
                line_of_key(&pair[1].doc, "order"),
                None,
                format!(
                    "order {} is also the order of {}: two exchanges cannot stand in one \
                 place (a copy left behind? remove one, or renumber)",
                    pair[1].matter.order,
                    content.join(&pair[0].doc.path).display()
                ),
            )
        })
        .collect()
}

/// Where each body is shown, and the pages of officials and outlets; two pages
/// claiming one URL are an error.
fn index<'a>(
    briefings: impl IntoIterator<Item = &'a Briefing>,
    content: &Path,
    errors: &mut Vec<Error>,
) -> Index {
    let mut index = Index::default();
    let mut owners: HashMap<String, PathBuf> = HashMap::new();
    let mut claim = |rel: &str, path: &Path, errors: &mut Vec<Error>| {
        if let Some(other) = owners.insert(rel.to_owned(), path.to_owned()) {
            errors.push(Error::at(
                content.join(path),
                1,
                None,
                format!(
                    "two pages would have the URL /{rel}: this file and {} (rename one)",
                    content.join(other).display()
                ),
            ));
        }
    };
    let mut speaker_slugs = HashMap::new();
    let mut outlet_slugs = HashMap::new();
    for b in briefings {
        let mut shown = |d: &Document, rel: &str, prefix: Option<&str>, section: Option<&str>| {
            let key = d.path.to_string_lossy().replace('\\', "/");
            let target = Target {
                rel: rel.to_owned(),
                prefix: prefix.map(str::to_owned),
                section: section.map(str::to_owned),
            };
            index.content_urls.insert(key, target);
        };
        shown(&b.index, &b.rel, None, None);
        claim(&b.rel, &b.index.path, errors);
        for e in &b.exchanges {
            shown(&e.doc, &e.rel, Some(&e.stem), None);
            claim(&e.rel, &e.doc.path, errors);
        }
        if let Some((_, d)) = &b.summary {
            shown(d, &b.summary_rel(), Some("summary"), None);
            claim(&b.summary_rel(), &d.path, errors);
        }
        if let Some((_, d)) = &b.closing {
            shown(d, &b.rel, Some("closing"), Some("closing"));
        }
        let officials = b.matter.speakers.iter().map(|p| p.name.clone()).chain(
            b.exchanges
                .iter()
                .flat_map(|e| e.matter.answered_by.clone()),
        );
        // A name keeps the slug it was given first.
        for name in officials {
            if let std::collections::btree_map::Entry::Vacant(slot) = index.speakers.entry(name) {
                let s = unique_slug(slot.key(), &mut speaker_slugs);
                slot.insert(s);
            }
        }
        for outlet in b.exchanges.iter().filter_map(|e| e.matter.asked_by.clone()) {
            if let std::collections::btree_map::Entry::Vacant(slot) = index.outlets.entry(outlet) {
                let s = unique_slug(slot.key(), &mut outlet_slugs);
                slot.insert(s);
            }
        }
    }
    index
}

fn second(content: &Path, doc: &Document, kind: &str, first: &Document) -> Error {
    Error::at(
        content.join(&first.path),
        1,
        None,
        format!(
            "a second {kind} in this briefing, {}: there is one per briefing",
            content.join(&doc.path).display()
        ),
    )
}

/// Two files made from the same lines of a transcript: one is almost surely a copy
/// (a file duplicated by hand, or left behind under an old name), and the site would
/// show the exchange twice. Exchanges and closing remarks are compared; with `only`,
/// just the ranges of those transcripts (after an edit: the edited briefing's).
fn shared_source_lines(
    briefings: &[&Briefing],
    content: &Path,
    only: Option<&std::collections::HashSet<&str>>,
) -> Vec<Error> {
    let mut errors = Vec::new();
    // Transcript -> (first, last, file, document) of every range read from it.
    let mut ranges: HashMap<&str, Vec<(u64, u64, &Document)>> = HashMap::new();
    for (sources, doc) in briefings.iter().flat_map(|b| parts(b)) {
        for source in sources {
            if only.is_some_and(|only| !only.contains(source.file.as_str())) {
                continue;
            }
            let Some(lines) = &source.lines else { continue };
            match parse_range(lines) {
                Some((first, last)) => ranges
                    .entry(source.file.as_str())
                    .or_default()
                    .push((first, last, doc)),
                None => errors.push(Error::at(
                    content.join(&doc.path),
                    line_of_key(doc, "  lines"),
                    None,
                    format!(
                        "lines {lines:?} of {} is not a range of lines: write it as FIRST-LAST",
                        source.file
                    ),
                )),
            }
        }
    }
    for (file, mut list) in ranges {
        list.sort_by_key(|r| (r.0, r.1));
        for pair in list.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if b.0 <= a.1 && !std::ptr::eq(a.2, b.2) {
                errors.push(Error::at(
                    content.join(&b.2.path),
                    line_of_key(b.2, "sources"),
                    None,
                    format!(
                        "lines {}-{} of {file} are also the source of {} (lines {}-{}): two \
                         files from the same transcript lines would show them twice; remove \
                         the copy, or correct `sources`",
                        b.0,
                        b.1,
                        content.join(&a.2.path).display(),
                        a.0,
                        a.1
                    ),
                ));
            }
        }
    }
    errors.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    errors
}

/// The files of a briefing that come from transcript lines, with their sources.
fn parts(b: &Briefing) -> impl Iterator<Item = (&Vec<SourceMatter>, &Document)> {
    b.exchanges
        .iter()
        .map(|e| (&e.matter.sources, &e.doc))
        .chain(b.closing.as_ref().map(|(m, d)| (&m.sources, d)))
}

/// `38-65` (or one line, `38`).
fn parse_range(text: &str) -> Option<(u64, u64)> {
    let (first, last) = text.split_once('-').unwrap_or((text, text));
    let (first, last) = (first.trim().parse().ok()?, last.trim().parse().ok()?);
    (first <= last).then_some((first, last))
}

/// The file's line where a front matter key is set, or the front matter's first line.
/// The file's line of `item` in the list under `key` (`- reform`, or `[ai, reform]`
/// on the key's line), else the key's line.
pub fn line_of_item(doc: &Document, key: &str, item: &str) -> usize {
    let start = line_of_key(doc, key) - doc.yaml_line;
    let lines: Vec<&str> = doc.yaml.lines().collect();
    if lines.get(start).is_some_and(|l| l.contains(item)) {
        return doc.yaml_line + start;
    }
    lines
        .iter()
        .enumerate()
        .skip(start + 1)
        .take_while(|(_, l)| l.starts_with('-') || l.starts_with(' '))
        .find(|(_, l)| l.trim_start_matches(['-', ' ']).trim_matches(['"', '\'']) == item)
        .map_or(doc.yaml_line + start, |(i, _)| doc.yaml_line + i)
}

pub fn line_of_key(doc: &Document, key: &str) -> usize {
    let needle = format!("{key}:");
    doc.yaml
        .lines()
        .position(|l| l.starts_with(&needle))
        .map_or(doc.yaml_line, |i| doc.yaml_line + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_per_name() {
        let mut taken = HashMap::new();
        assert_eq!(unique_slug("Li Bing", &mut taken), "li-bing");
        assert_eq!(unique_slug("Li Bing", &mut taken), "li-bing");
        assert_eq!(unique_slug("Li-Bing", &mut taken), "li-bing-2");
    }
}
