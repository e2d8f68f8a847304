//! Routes: every page and file of the site, and the only place that knows the URL
//! scheme. A route gives its path under the site root (`briefings/x/01-y/`), the
//! template it is rendered with, and, with [`Urls`], its address.

use std::fmt;

/// Every page and file the build writes.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Route {
    Home,
    Briefings,
    Briefing {
        slug: String,
    },
    Exchange {
        briefing: String,
        stem: String,
    },
    Summary {
        briefing: String,
    },
    Topics,
    Topic {
        id: String,
    },
    TopicFeed {
        id: String,
    },
    Speakers,
    Speaker {
        slug: String,
    },
    Outlets,
    Outlet {
        slug: String,
    },
    /// An official's answers, an outlet's questions, as Atom feeds.
    SpeakerFeed {
        slug: String,
    },
    OutletFeed {
        slug: String,
    },
    Search,
    NotFound,
    /// The site's Atom feed.
    Feed,
    Sitemap,
    Robots,
    /// The data export's page, `data/`, which lists its files (`data/<year>.jsonl.gz`,
    /// written with the briefings).
    Export,
    /// What the archive is and how it is made, `about/`.
    About,
    /// Every figure said, by briefing, `figures/` (split by year like a list).
    Figures,
    /// A page of a long list (the briefings, an official's, an outlet's) split by
    /// year and into pages within a year: `speakers/x/2023/`, `speakers/x/2023/2/`.
    /// The newest year's first page is the list's own route.
    Page {
        list: Box<Route>,
        year: u16,
        number: usize,
    },
}

impl Route {
    /// The path under the site root: `briefings/x/`, `topics/ai/atom.xml`, `` (home).
    pub fn rel(&self) -> String {
        match self {
            Route::Home => String::new(),
            Route::Briefings => "briefings/".to_owned(),
            Route::Briefing { slug } => format!("briefings/{slug}/"),
            Route::Exchange { briefing, stem } => format!("briefings/{briefing}/{stem}/"),
            Route::Summary { briefing } => format!("briefings/{briefing}/summary/"),
            Route::Topics => "topics/".to_owned(),
            Route::Topic { id } => format!("topics/{id}/"),
            Route::TopicFeed { id } => format!("topics/{id}/atom.xml"),
            Route::Speakers => "speakers/".to_owned(),
            Route::Speaker { slug } => format!("speakers/{slug}/"),
            Route::Outlets => "outlets/".to_owned(),
            Route::Outlet { slug } => format!("outlets/{slug}/"),
            Route::SpeakerFeed { slug } => format!("speakers/{slug}/atom.xml"),
            Route::OutletFeed { slug } => format!("outlets/{slug}/atom.xml"),
            Route::Search => "search/".to_owned(),
            Route::NotFound => "404.html".to_owned(),
            Route::Feed => "atom.xml".to_owned(),
            Route::Sitemap => "sitemap.xml".to_owned(),
            Route::Robots => "robots.txt".to_owned(),
            Route::Export => "data/".to_owned(),
            Route::About => "about/".to_owned(),
            Route::Figures => "figures/".to_owned(),
            Route::Page { list, year, number } if *number > 1 => {
                format!("{}{year}/{number}/", list.rel())
            }
            Route::Page { list, year, .. } => format!("{}{year}/", list.rel()),
        }
    }

    /// The template a page is rendered with; None for files made otherwise.
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            Route::Page { list, .. } => return list.template(),
            Route::Home => "index.html",
            Route::Briefings => "briefings.html",
            Route::Briefing { .. } => "briefing.html",
            Route::Exchange { .. } => "exchange.html",
            Route::Summary { .. } => "summary.html",
            Route::Topics => "topics.html",
            Route::Topic { .. } => "topic.html",
            Route::Speakers | Route::Outlets => "people.html",
            Route::Speaker { .. } => "speaker.html",
            Route::Outlet { .. } => "outlet.html",
            Route::Search => "search.html",
            Route::Export => "data.html",
            Route::About => "about.html",
            Route::Figures => "figures.html",
            Route::NotFound => "404.html",
            Route::TopicFeed { .. }
            | Route::SpeakerFeed { .. }
            | Route::OutletFeed { .. }
            | Route::Feed
            | Route::Sitemap
            | Route::Robots => return None,
        })
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}", self.rel())
    }
}

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

impl Urls {
    /// The route's address from the site's root path: `/repo/briefings/x/`.
    pub fn route(&self, route: &Route) -> String {
        self.path(&route.rel())
    }

    /// The route's full address: `https://user.github.io/repo/briefings/x/`.
    pub fn route_absolute(&self, route: &Route) -> String {
        self.absolute(&route.rel())
    }
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
    fn routes_give_the_site_s_paths() {
        let exchange = Route::Exchange {
            briefing: "2024-07-26-x".into(),
            stem: "01-xinhua".into(),
        };
        assert_eq!(exchange.rel(), "briefings/2024-07-26-x/01-xinhua/");
        assert_eq!(exchange.template(), Some("exchange.html"));
        assert_eq!(
            Route::TopicFeed { id: "ai".into() }.rel(),
            "topics/ai/atom.xml"
        );
        assert_eq!(Route::Home.rel(), "");
        assert_eq!(
            Urls::new("https://u.github.io/repo").route(&Route::Topic { id: "ai".into() }),
            "/repo/topics/ai/"
        );
    }
}
