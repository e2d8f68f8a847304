//! What every page's rendering reads (the site's config, topics, URLs, links and
//! templates), and the page writes: templates into files, Markdown bodies with their
//! links checked.

use super::*;

/// Everything a briefing's rendering reads.
pub(super) struct Ctx<'a> {
    pub(super) config: &'a SiteConfig,
    pub(super) topics: &'a Topics,
    pub(super) urls: &'a Urls,
    pub(super) index: &'a Index,
    pub(super) templates: &'a Templates,
    pub(super) out: &'a Path,
    pub(super) content: &'a Path,
    /// `@/` links to anchors, checked once every page is written.
    pub(super) anchored: &'a Mutex<Vec<AnchorCheck>>,
    /// Whether the pages' text goes into the search index.
    pub(super) search: bool,
}

/// An `@/...#anchor` link: the page it leads to exists; the anchor is looked for in
/// that page as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct AnchorCheck {
    pub(super) path: PathBuf,
    pub(super) line: usize,
    pub(super) link: String,
    pub(super) page: String,
    pub(super) id: String,
}

impl Ctx<'_> {
    pub(super) fn site(&self) -> SiteCtx<'_> {
        SiteCtx {
            title: &self.config.title,
            base_path: &self.urls.base_path,
            base_url: &self.urls.base_url,
            language: &self.config.language,
        }
    }

    pub(super) fn page(
        &self,
        title: &str,
        description: &str,
        rel: &str,
        section: &'static str,
    ) -> PageCtx {
        PageCtx {
            title: title.to_owned(),
            description: description.to_owned(),
            url: self.urls.absolute(rel),
            section,
            has_code: false,
            og_type: "website",
            prev: None,
            next: None,
        }
    }

    pub(super) fn topic_badges(&self, ids: &[String]) -> Vec<TopicBadge> {
        ids.iter()
            .filter_map(|id| self.topics.index_of(id))
            .map(|t| {
                let topic = &self.topics.list()[t];
                TopicBadge {
                    id: topic.id.clone(),
                    name: topic.name.clone(),
                    url: self.urls.path(&format!("topics/{}/", topic.id)),
                }
            })
            .collect()
    }

    /// Writes a page at `rel` (`briefings/x/` -> `briefings/x/index.html`).
    pub(super) fn page_path(&self, rel: &str) -> PathBuf {
        if rel.is_empty() || rel.ends_with('/') {
            self.out.join(rel).join("index.html")
        } else {
            self.out.join(rel)
        }
    }

    pub(super) fn write(&self, rel: &str, text: &str) -> Result<(), Errors> {
        let path = self.page_path(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        fs::write(&path, text).map_err(io(&path))
    }

    pub(super) fn render_page<T: Serialize>(
        &self,
        template: &str,
        rel: &str,
        data: &T,
    ) -> Result<(), Errors> {
        self.render_page_with(template, rel, data, &[])
    }

    /// A page whose data carries placeholders for `bodies` (see `templates::splice`).
    pub(super) fn render_page_with<T: Serialize>(
        &self,
        template: &str,
        rel: &str,
        data: &T,
        bodies: &[&str],
    ) -> Result<(), Errors> {
        let rendered = self.templates.render(template, data)?;
        self.write_parts(rel, &splice(&rendered, bodies))
    }

    /// Writes a page made of pieces with one vectored write, no joined copy.
    pub(super) fn write_parts(&self, rel: &str, parts: &[&str]) -> Result<(), Errors> {
        use std::io::{IoSlice, Write};
        let path = self.page_path(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let mut file = fs::File::create(&path).map_err(io(&path))?;
        let mut slices: Vec<IoSlice<'_>> = parts
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| IoSlice::new(p.as_bytes()))
            .collect();
        let mut slices = &mut slices[..];
        while !slices.is_empty() {
            let n = file.write_vectored(slices).map_err(io(&path))?;
            if n == 0 {
                return Err(io(&path)(std::io::ErrorKind::WriteZero.into()));
            }
            IoSlice::advance_slices(&mut slices, n);
        }
        Ok(())
    }

    /// Reads a document's body and renders it, its turns labelled from `roster`,
    /// mapping broken `@/` links to errors at their line.
    pub(super) fn markdown(
        &self,
        doc: &Document,
        prefix: &str,
        roster: &Roster<'_>,
    ) -> Result<Rendered, Error> {
        let body = doc.read_body(self.content)?;
        let voice = |written: &str| {
            let name = self.config.canonical(written);
            Voice {
                name: (name != written).then(|| name.to_owned()),
                url: self.index.speaker_url(name, self.urls),
                role: roster.role(name),
                asks: roster.asker == Some(name),
            }
        };
        let resolve = |link: &str| self.index.resolve(link, self.urls);
        let links = Links {
            voice: &voice,
            resolve: &resolve,
            allow_raw_html: self.config.allow_raw_html,
        };
        let line_at =
            |offset: usize| doc.body_line + body[..offset.min(body.len())].matches('\n').count();
        let rendered = markdown::render(&body, prefix, &links).map_err(|broken| {
            let first = &broken[0];
            let line = line_at(first.offset);
            Error::at(
                self.content.join(&doc.path),
                line,
                None,
                format!(
                    "link to {} leads nowhere: no such content file{}",
                    first.link,
                    if broken.len() > 1 {
                        format!(" ({} more broken links in this file)", broken.len() - 1)
                    } else {
                        String::new()
                    }
                ),
            )
        })?;
        if !rendered.anchored.is_empty() {
            let checks = rendered.anchored.iter().filter_map(|a| {
                let (page, id) = self.index.locate(&a.link)?;
                Some(AnchorCheck {
                    path: self.content.join(&doc.path),
                    line: line_at(a.offset),
                    link: a.link.clone(),
                    page: page.to_owned(),
                    id: id?,
                })
            });
            let mut anchored = self.anchored.lock().unwrap_or_else(|e| e.into_inner());
            anchored.extend(checks);
        }
        Ok(rendered)
    }
}

/// Every `@/` link to an anchor leads to an element with that id on its page.
pub(super) fn check_anchors(site: &Path, links: Vec<AnchorCheck>) -> Result<(), Errors> {
    anchors_on(links, |page| {
        let file = site.join(page).join("index.html");
        let html = fs::read_to_string(&file).map_err(io(&file))?;
        Ok(ids_in(&html))
    })
}

/// The ids of the elements of an HTML text.
pub(super) fn ids_in(html: &str) -> BTreeSet<String> {
    const ID: &[u8] = b" id=\"";
    memchr::memmem::find_iter(html.as_bytes(), ID)
        .filter_map(|at| {
            let rest = &html[at + ID.len()..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .collect()
}

/// Every link to an anchor finds it among the ids `ids_of` gives for its page.
pub(super) fn anchors_on(
    links: Vec<AnchorCheck>,
    ids_of: impl Fn(&str) -> Result<BTreeSet<String>, Errors>,
) -> Result<(), Errors> {
    let mut by_page: std::collections::BTreeMap<&str, Vec<&AnchorCheck>> = Default::default();
    for link in &links {
        by_page.entry(&link.page).or_default().push(link);
    }
    let mut errors = Vec::new();
    for (page, links) in by_page {
        let ids = ids_of(page)?;
        for link in links.into_iter().filter(|l| !ids.contains(l.id.as_str())) {
            errors.push(Error::at(
                link.path.clone(),
                link.line,
                None,
                format!(
                    "link to {} leads nowhere: its page has no anchor #{} (paragraphs are \
                     #p1, #p2..., turns #t1, #t2...)",
                    link.link, link.id
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        errors.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        Err(Errors(errors))
    }
}

/// Who speaks at a briefing, for the labels of its turns: the roster's officials and
/// moderator with their roles, and, in an exchange, the name its question is asked
/// under.
#[derive(Default, Clone, Copy)]
pub(super) struct Roster<'a> {
    pub(super) people: &'a [load::PersonMatter],
    pub(super) moderator: Option<&'a load::PersonMatter>,
    pub(super) asker: Option<&'a str>,
}

impl<'a> Roster<'a> {
    pub(super) fn of(matter: &'a load::BriefingMatter) -> Roster<'a> {
        Roster {
            people: &matter.speakers,
            moderator: matter.moderator.as_ref(),
            asker: None,
        }
    }

    /// The same roster in an exchange asked under `asker`.
    pub(super) fn asked_by(self, asker: &'a str) -> Roster<'a> {
        Roster {
            asker: Some(asker),
            ..self
        }
    }

    /// `name`'s role at the briefing, if the roster gives one.
    fn role(&self, name: &str) -> Option<String> {
        if let Some(p) = self.people.iter().find(|p| p.name == name) {
            return (!p.role.is_empty()).then(|| p.role.clone());
        }
        let m = self.moderator.filter(|m| m.name == name)?;
        Some(if m.role.is_empty() {
            "moderator".to_owned()
        } else {
            format!("{}, moderator", m.role)
        })
    }
}
