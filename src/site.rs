//! The site model: briefings as read from content/, their URLs, and the indexes the
//! pages need (speakers, outlets, topics, internal links). Metadata only: bodies are
//! rendered and written per briefing, then dropped.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::content::load::{
    BriefingMatter, ContentError, Document, ExchangeMatter, Folder, Matter, PartMatter,
    SummaryMatter,
};
use crate::content::slug;
use crate::transcript::dates::Date;

/// Where the site lives: `https://user.github.io/repo/` has the path `/repo/`, and
/// every internal link starts with it, so the site works from a sub-path.
#[derive(Debug, Clone)]
pub struct Urls {
    /// Ends with '/'.
    pub base_url: String,
    /// Starts and ends with '/'.
    pub base_path: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Urls {
        let base_url = format!("{}/", base_url.trim_end_matches('/'));
        let after_scheme = base_url
            .split_once("://")
            .map_or(base_url.as_str(), |(_, r)| r);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        Urls {
            base_path: path.to_owned(),
            base_url,
        }
    }

    /// `briefings/x/` -> `/repo/briefings/x/`.
    pub fn path(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel)
    }

    /// `briefings/x/` -> `https://user.github.io/repo/briefings/x/`.
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.base_url, rel)
    }
}

#[derive(Debug, Clone)]
pub struct Exchange {
    pub doc: Document,
    pub matter: ExchangeMatter,
    /// The file name without `.md`: the page's last URL segment and its anchor on the
    /// briefing page.
    pub stem: String,
    /// Relative to the site root: `briefings/<slug>/<stem>/`.
    pub rel: String,
}

#[derive(Debug, Clone)]
pub struct Briefing {
    pub slug: String,
    pub rel: String,
    pub matter: BriefingMatter,
    pub index: Document,
    pub exchanges: Vec<Exchange>,
    pub closing: Option<(PartMatter, Document)>,
    pub summary: Option<(SummaryMatter, Document)>,
}

impl Briefing {
    pub fn summary_rel(&self) -> String {
        format!("{}summary/", self.rel)
    }
}

/// A person's or outlet's page slug, made unique among names that slug alike.
fn unique_slug(name: &str, taken: &mut HashMap<String, String>) -> String {
    let base = slug(name, 60);
    let base = if base.is_empty() {
        "unnamed".to_owned()
    } else {
        base
    };
    let mut candidate = base.clone();
    let mut n = 2;
    loop {
        match taken.get(&candidate) {
            None => {
                taken.insert(candidate.clone(), name.to_owned());
                return candidate;
            }
            Some(owner) if owner == name => return candidate,
            Some(_) => {
                candidate = format!("{base}-{n}");
                n += 1;
            }
        }
    }
}

/// Where a content file's body is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The page, relative to the site root.
    pub rel: String,
    /// The prefix of the body's anchors on that page (`01-y` for `#01-y-p3`).
    pub prefix: Option<String>,
    /// The body's own anchor when it is a section of a larger page (`closing`).
    pub section: Option<String>,
}

/// Everything the pages link to, known before any page is rendered.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Content path (`briefings/x/01-y.md`) -> where its body is shown.
    pub content_urls: HashMap<String, Target>,
    /// Official's name -> slug of their page.
    pub speakers: BTreeMap<String, String>,
    /// Outlet's name -> slug of its page.
    pub outlets: BTreeMap<String, String>,
}

impl Index {
    /// `@/briefings/x/01-y.md#p3` -> `/repo/briefings/x/01-y/#p3`.
    pub fn resolve(&self, link: &str, urls: &Urls) -> Option<String> {
        let (rel, anchor) = self.locate(link)?;
        Some(match anchor {
            Some(a) => urls.path(&format!("{rel}#{a}")),
            None => urls.path(rel),
        })
    }

    /// `@/briefings/x/01-y.md#p3` -> the page (`briefings/x/01-y/`) and the anchor on
    /// it (`01-y-p3`).
    pub fn locate(&self, link: &str) -> Option<(&str, Option<String>)> {
        let target = link.strip_prefix("@/")?;
        let (file, anchor) = match target.split_once('#') {
            Some((f, a)) => (f, Some(a)),
            None => (target, None),
        };
        let target = self.content_urls.get(file)?;
        // Anchors are written as on the body's own page ("#p3"); on the page they carry
        // the body's prefix ("#01-y-p3").
        let anchor = match (anchor, &target.prefix) {
            (Some(a), Some(p)) if a == p || a.starts_with(&format!("{p}-")) => Some(a.to_owned()),
            (Some(a), Some(p)) => Some(format!("{p}-{a}")),
            (Some(a), None) => Some(a.to_owned()),
            (None, _) => target.section.clone(),
        };
        Some((&target.rel, anchor))
    }

    /// The page of an official or an outlet, by the name shown in a turn.
    pub fn speaker_url(&self, name: &str, urls: &Urls) -> Option<String> {
        if let Some(s) = self.speakers.get(name) {
            return Some(urls.path(&format!("speakers/{s}/")));
        }
        self.outlets
            .get(name)
            .map(|s| urls.path(&format!("outlets/{s}/")))
    }
}

/// Briefings from content folders, newest first, and the index over them. Two pages
/// with one URL are an error naming both files.
pub fn assemble(
    folders: Vec<Folder>,
    content: &Path,
) -> Result<(Vec<Briefing>, Index), Vec<ContentError>> {
    let mut briefings = Vec::new();
    let mut errors = Vec::new();
    for folder in folders {
        let mut documents = folder.documents.into_iter();
        let Some((Matter::Briefing(matter), index)) = documents.next() else {
            continue;
        };
        if Date::parse_iso(&matter.date).is_none() {
            errors.push(ContentError {
                path: content.join(&index.path),
                line: line_of_key(&index, "date"),
                column: None,
                message: format!(
                    "date {:?} is not a day of the calendar: write it as YYYY-MM-DD",
                    matter.date
                ),
            });
        }
        for published in matter.sources.iter().filter_map(|s| s.published.as_deref()) {
            if Date::parse_iso(published).is_none() {
                errors.push(ContentError {
                    path: content.join(&index.path),
                    line: line_of_key(&index, "published"),
                    column: None,
                    message: format!(
                        "published {published:?} is not a day of the calendar: write it as YYYY-MM-DD"
                    ),
                });
            }
        }
        let rel = format!("briefings/{}/", folder.name);
        let mut briefing = Briefing {
            slug: folder.name.clone(),
            rel: rel.clone(),
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
                    rel: format!("{rel}{stem}/"),
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
                Matter::Briefing(_) => errors.push(ContentError {
                    path: content.join(&doc.path),
                    line: 1,
                    column: None,
                    message:
                        "a second `kind: briefing` in one folder: only _index.md is the briefing"
                            .to_owned(),
                }),
            }
        }
        briefing
            .exchanges
            .sort_by_key(|e| (e.matter.order, e.stem.clone()));
        for pair in briefing.exchanges.windows(2) {
            if pair[0].matter.order == pair[1].matter.order {
                errors.push(ContentError {
                    path: content.join(&pair[1].doc.path),
                    line: line_of_key(&pair[1].doc, "order"),
                    column: None,
                    message: format!(
                        "order {} is also the order of {}: two exchanges cannot stand in one \
                         place (a copy left behind? remove one, or renumber)",
                        pair[1].matter.order,
                        content.join(&pair[0].doc.path).display()
                    ),
                });
            }
        }
        briefings.push(briefing);
    }
    errors.extend(shared_source_lines(&briefings, content));
    briefings.sort_by(|a, b| (&b.matter.date, &b.slug).cmp(&(&a.matter.date, &a.slug)));

    let mut index = Index::default();
    let mut owners: HashMap<String, PathBuf> = HashMap::new();
    let mut claim = |rel: &str, path: &Path, errors: &mut Vec<ContentError>| {
        if let Some(other) = owners.insert(rel.to_owned(), path.to_owned()) {
            errors.push(ContentError {
                path: content.join(path),
                line: 1,
                column: None,
                message: format!(
                    "two pages would have the URL /{rel}: this file and {} (rename one)",
                    content.join(other).display()
                ),
            });
        }
    };
    let mut speaker_slugs = HashMap::new();
    let mut outlet_slugs = HashMap::new();
    for b in &briefings {
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
        claim(&b.rel, &b.index.path, &mut errors);
        for e in &b.exchanges {
            shown(&e.doc, &e.rel, Some(&e.stem), None);
            claim(&e.rel, &e.doc.path, &mut errors);
        }
        if let Some((_, d)) = &b.summary {
            shown(d, &b.summary_rel(), Some("summary"), None);
            claim(&b.summary_rel(), &d.path, &mut errors);
        }
        if let Some((_, d)) = &b.closing {
            shown(d, &b.rel, Some("closing"), Some("closing"));
        }
        let officials = b.matter.speakers.iter().map(|p| p.name.clone()).chain(
            b.exchanges
                .iter()
                .flat_map(|e| e.matter.answered_by.clone()),
        );
        for name in officials {
            let s = unique_slug(&name, &mut speaker_slugs);
            index.speakers.insert(name, s);
        }
        for outlet in b.exchanges.iter().filter_map(|e| e.matter.asked_by.clone()) {
            let s = unique_slug(&outlet, &mut outlet_slugs);
            index.outlets.insert(outlet, s);
        }
    }
    if errors.is_empty() {
        Ok((briefings, index))
    } else {
        Err(errors)
    }
}

fn second(content: &Path, doc: &Document, kind: &str, first: &Document) -> ContentError {
    ContentError {
        path: content.join(&first.path),
        line: 1,
        column: None,
        message: format!(
            "a second {kind} in this briefing, {}: there is one per briefing",
            content.join(&doc.path).display()
        ),
    }
}

/// Two files made from the same lines of a transcript: one is almost surely a copy
/// (a file duplicated by hand, or left behind under an old name), and the site would
/// show the exchange twice. Exchanges and closing remarks are compared.
fn shared_source_lines(briefings: &[Briefing], content: &Path) -> Vec<ContentError> {
    let mut errors = Vec::new();
    // Transcript -> (first, last, file, document) of every range read from it.
    let mut ranges: HashMap<&str, Vec<(u64, u64, &Document)>> = HashMap::new();
    let parts = briefings.iter().flat_map(|b| {
        b.exchanges
            .iter()
            .map(|e| (&e.matter.sources, &e.doc))
            .chain(b.closing.as_ref().map(|(m, d)| (&m.sources, d)))
    });
    for (sources, doc) in parts {
        for source in sources {
            let Some(lines) = &source.lines else { continue };
            match parse_range(lines) {
                Some((first, last)) => ranges
                    .entry(source.file.as_str())
                    .or_default()
                    .push((first, last, doc)),
                None => errors.push(ContentError {
                    path: content.join(&doc.path),
                    line: line_of_key(doc, "  lines"),
                    column: None,
                    message: format!(
                        "lines {lines:?} of {} is not a range of lines: write it as FIRST-LAST",
                        source.file
                    ),
                }),
            }
        }
    }
    for (file, mut list) in ranges {
        list.sort_by_key(|r| (r.0, r.1));
        for pair in list.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if b.0 <= a.1 && !std::ptr::eq(a.2, b.2) {
                errors.push(ContentError {
                    path: content.join(&b.2.path),
                    line: line_of_key(b.2, "sources"),
                    column: None,
                    message: format!(
                        "lines {}-{} of {file} are also the source of {} (lines {}-{}): two \
                         files from the same transcript lines would show them twice; remove \
                         the copy, or correct `sources`",
                        b.0,
                        b.1,
                        content.join(&a.2.path).display(),
                        a.0,
                        a.1
                    ),
                });
            }
        }
    }
    errors.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    errors
}

/// `38-65` (or one line, `38`).
fn parse_range(text: &str) -> Option<(u64, u64)> {
    let (first, last) = text.split_once('-').unwrap_or((text, text));
    let (first, last) = (first.trim().parse().ok()?, last.trim().parse().ok()?);
    (first <= last).then_some((first, last))
}

/// The file's line where a front matter key is set, or the front matter's first line.
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
    fn urls_keep_the_sub_path() {
        let u = Urls::new("https://user.github.io/repo");
        assert_eq!(u.base_path, "/repo/");
        assert_eq!(u.path("briefings/x/"), "/repo/briefings/x/");
        assert_eq!(
            u.absolute("atom.xml"),
            "https://user.github.io/repo/atom.xml"
        );
        assert_eq!(Urls::new("https://example.org/").base_path, "/");
        assert_eq!(Urls::new("http://127.0.0.1:8080/a/b/").base_path, "/a/b/");
    }

    #[test]
    fn links_resolve_with_each_body_s_anchors() {
        let mut index = Index::default();
        let mut add = |file: &str, rel: &str, prefix: Option<&str>, section: Option<&str>| {
            index.content_urls.insert(
                file.to_owned(),
                Target {
                    rel: rel.to_owned(),
                    prefix: prefix.map(str::to_owned),
                    section: section.map(str::to_owned),
                },
            );
        };
        add("briefings/b/_index.md", "briefings/b/", None, None);
        add(
            "briefings/b/01-x.md",
            "briefings/b/01-x/",
            Some("01-x"),
            None,
        );
        add(
            "briefings/b/closing.md",
            "briefings/b/",
            Some("closing"),
            Some("closing"),
        );
        let urls = Urls::new("https://u.github.io/repo/");
        let r = |l: &str| index.resolve(l, &urls);
        assert_eq!(
            r("@/briefings/b/01-x.md#p3").unwrap(),
            "/repo/briefings/b/01-x/#01-x-p3"
        );
        assert_eq!(
            r("@/briefings/b/01-x.md#01-x-p3").unwrap(),
            "/repo/briefings/b/01-x/#01-x-p3"
        );
        assert_eq!(
            r("@/briefings/b/_index.md#opening").unwrap(),
            "/repo/briefings/b/#opening"
        );
        assert_eq!(
            r("@/briefings/b/closing.md").unwrap(),
            "/repo/briefings/b/#closing"
        );
        assert_eq!(
            r("@/briefings/b/closing.md#p2").unwrap(),
            "/repo/briefings/b/#closing-p2"
        );
        assert_eq!(r("@/briefings/b/99-gone.md"), None);
    }

    #[test]
    fn slugs_are_unique_per_name() {
        let mut taken = HashMap::new();
        assert_eq!(unique_slug("Li Bing", &mut taken), "li-bing");
        assert_eq!(unique_slug("Li Bing", &mut taken), "li-bing");
        assert_eq!(unique_slug("Li-Bing", &mut taken), "li-bing-2");
    }
}
