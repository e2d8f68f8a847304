//! Tera templates from templates/: loaded once, shared by the rendering threads
//! (`Tera` is `Sync`). A template error names the template, line and column.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};

use crate::error::Error;

/// A template problem: Tera's own report, which names `name:line:column`, with
/// where that file is: `<dir>: error: template: ...`.
fn template_error(dir: &Path, report: String) -> Error {
    // Tera says "--> briefing.html:3:5": show where that file is.
    let report = report.replace("--> ", &format!("--> {}/", dir.display()));
    let report = report.strip_prefix("error: ").unwrap_or(&report);
    Error::file(dir, format!("template: {report}"))
}

pub struct Templates {
    tera: Tera,
    dir: PathBuf,
}

/// The templates a site needs.
pub const REQUIRED: &[&str] = &[
    "base.html",
    "index.html",
    "briefings.html",
    "briefing.html",
    "exchange.html",
    "summary.html",
    "topics.html",
    "topic.html",
    "people.html",
    "speaker.html",
    "outlet.html",
    "search.html",
    "404.html",
];

/// Templates of files that are not pages, with built-in defaults: a site overrides
/// one by putting its own in templates/. Values in XML go through `| xml`.
pub const FILES: &[(&str, &str)] = &[
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
];

impl Templates {
    /// Every `*.html` in `dir`, named by file name (as `{% extends %}` refers to them),
    /// and the feed, sitemap and robots.txt templates (the site's, else the defaults).
    pub fn load(dir: &Path) -> Result<Templates, Error> {
        let error = |report: String| template_error(dir, report);
        let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(dir)
            .map_err(|e| error(format!("cannot read the templates folder: {e}")))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|x| x == "html")
                    || p.file_name()
                        .is_some_and(|n| FILES.iter().any(|(f, _)| n == std::ffi::OsStr::new(f)))
            })
            .map(|p| {
                let name = p
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                (p, name)
            })
            .collect();
        files.sort();
        for required in REQUIRED {
            if !files.iter().any(|(_, n)| n == required) {
                return Err(error(format!("{required} is missing")));
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        tera.register_filter("xml", |x: &str, _: tera::Kwargs, _: &tera::State| {
            crate::render::markdown::escape(x)
        });
        for (name, text) in FILES {
            if !files.iter().any(|(_, n)| n == name) {
                tera.add_raw_template(name, text)
                    .map_err(|e| error(e.to_string()))?;
            }
        }
        tera.add_template_files(files.iter().map(|(p, n)| (p, Some(n.as_str()))))
            .map_err(|e| error(e.to_string()))?;
        Ok(Templates {
            tera,
            dir: dir.to_owned(),
        })
    }

    pub fn render<T: Serialize>(&self, name: &str, data: &T) -> Result<String, Error> {
        let context =
            Context::from_serialize(data).map_err(|e| template_error(&self.dir, e.to_string()))?;
        self.tera
            .render(name, &context)
            .map_err(|e| template_error(&self.dir, e.to_string()))
    }
}

/// The pieces of a page: the rendered template cut at its placeholders, with the
/// bodies between, to be written one after the other (no joined copy is needed).
/// The data carries [`placeholder`]`(i)` where `bodies[i]` goes (output with
/// `| safe`), so that large bodies are not copied into the template engine's values
/// and through its machine, which was a tenth of a build.
pub fn splice<'a>(rendered: &'a str, bodies: &[&'a str]) -> Vec<&'a str> {
    let mut parts = Vec::with_capacity(bodies.len() * 2 + 1);
    let mut rest = rendered;
    let mut kept_from = 0;
    let mut scan_from = 0;
    while let Some(found) = rest[scan_from..].find('\u{1}') {
        let at = scan_from + found;
        let after = &rest[at + 1..];
        let end = after.find('\u{1}').unwrap_or(after.len());
        match after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| bodies.get(i))
        {
            Some(body) => {
                parts.push(&rest[kept_from..at]);
                parts.push(body);
                rest = after.get(end + 1..).unwrap_or("");
                kept_from = 0;
                scan_from = 0;
            }
            // Not one of ours: keep it as text and look further.
            None => scan_from = at + 1,
        }
    }
    parts.push(&rest[kept_from..]);
    parts
}

/// Where body `i` goes in a page cut by [`splice`].
pub fn placeholder(i: usize) -> String {
    format!("\u{1}{i}\u{1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_spliced_where_their_placeholders_are() {
        let dir = tempfile::tempdir().unwrap();
        for name in REQUIRED {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::write(
            dir.path().join("index.html"),
            "<main>{{ a | safe }}|{{ b | safe }}|{{ t }}</main>",
        )
        .unwrap();
        let t = Templates::load(dir.path()).unwrap();
        #[derive(Serialize)]
        struct D {
            a: String,
            b: String,
            t: &'static str,
        }
        let data = D {
            a: placeholder(1),
            b: placeholder(0),
            t: "<i>",
        };
        let rendered = t.render("index.html", &data).unwrap();
        let out = splice(&rendered, &["<p>zero</p>", "<p>one</p>"]).concat();
        assert_eq!(out, "<main><p>one</p>|<p>zero</p>|&lt;i&gt;</main>");
    }
}
