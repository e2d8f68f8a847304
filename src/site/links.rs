//! `@/` links between content files, resolved to the page and anchor where each
//! body is shown; and the pages of officials and outlets, by name.

use std::collections::{BTreeMap, HashMap};

use super::route::{Route, Urls};

/// Where a content file's body is shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Target {
    /// The page, relative to the site root.
    pub rel: String,
    /// The prefix of the body's anchors on that page (`01-y` for `#01-y-p3`).
    pub prefix: Option<String>,
    /// The body's own anchor when it is a section of a larger page (`closing`).
    pub section: Option<String>,
}

/// Everything the pages link to, known before any page is rendered.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
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
            return Some(urls.route(&Route::Speaker { slug: s.clone() }));
        }
        self.outlets
            .get(name)
            .map(|s| urls.route(&Route::Outlet { slug: s.clone() }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
