//! Which routes a change affects: the page graph's edges, from inputs (content
//! files, templates, static files, site.yaml) to the routes made from them. What
//! `serve` re-renders after an edit, and what a cache keyed by inputs invalidates.
//! Over-approximates where an edit may move a page between lists (a changed topic,
//! answerer or outlet): every list the briefing can appear on is included.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use super::links::Index;
use super::model::Briefing;
use super::route::Route;

/// The routes to re-render, and whether static files must be copied again.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Affected {
    pub routes: BTreeSet<Route>,
    pub static_files: bool,
}

/// The lists and feeds every exchange can appear on, the sitemap (when a page comes or
/// goes) and the data export.
const EVERY_EXCHANGE: [Route; 10] = [
    Route::Home,
    Route::Briefings,
    Route::Topics,
    Route::Speakers,
    Route::Outlets,
    Route::Feed,
    Route::Sitemap,
    Route::Export,
    // Its counts of briefings and exchanges.
    Route::About,
    // Any body may say a figure.
    Route::Figures,
];

/// Every route of the site.
pub fn all_routes(briefings: &[Briefing], index: &Index, topics: &[&str]) -> BTreeSet<Route> {
    let mut routes: BTreeSet<Route> = EVERY_EXCHANGE
        .iter()
        .chain(&[Route::Search, Route::NotFound, Route::Robots])
        .cloned()
        .collect();
    for b in briefings {
        routes.extend(briefing_routes(b));
    }
    routes.extend(topic_routes(topics));
    routes.extend(index.speakers.values().flat_map(|s| speaker_routes(s)));
    routes.extend(index.outlets.values().flat_map(|s| outlet_routes(s)));
    routes
}

/// An official's pages and feed.
fn speaker_routes(slug: &str) -> [Route; 2] {
    let slug = slug.to_owned();
    [
        Route::SpeakerFeed { slug: slug.clone() },
        Route::Speaker { slug },
    ]
}

/// An outlet's pages and feed.
fn outlet_routes(slug: &str) -> [Route; 2] {
    let slug = slug.to_owned();
    [
        Route::OutletFeed { slug: slug.clone() },
        Route::Outlet { slug },
    ]
}

/// The routes `changed` (paths under the project folder: `content/briefings/x/01-y.md`,
/// `templates/base.html`, `site.yaml`, `static/style.css`) affect.
pub fn affected(
    briefings: &[Briefing],
    index: &Index,
    topics: &[&str],
    changed: &[&Path],
) -> Affected {
    let mut out = Affected::default();
    let everything = || all_routes(briefings, index, topics);
    for path in changed {
        let parts: Vec<String> = path
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match parts.as_slice() {
            ["site.yaml"] => out.routes.extend(everything()),
            ["static", ..] => out.static_files = true,
            ["templates", name] => {
                let all = everything();
                let users: Vec<Route> = all
                    .iter()
                    .filter(|r| r.template() == Some(name))
                    .cloned()
                    .collect();
                // The base layout, or a piece other templates include: every page.
                if users.is_empty() {
                    out.routes
                        .extend(all.into_iter().filter(|r| r.template().is_some()));
                } else {
                    out.routes.extend(users);
                }
            }
            ["content", "briefings", folder, file] => {
                out.routes
                    .extend(content_file(briefings, index, topics, folder, file));
            }
            // content/_index.md: the home page's text.
            ["content", ..] => {
                out.routes.insert(Route::Home);
            }
            _ => {}
        }
    }
    out
}

/// A briefing's own routes: the briefing, its exchanges and its summary.
fn briefing_routes(b: &Briefing) -> Vec<Route> {
    let mut routes = vec![b.route()];
    routes.extend(b.exchanges.iter().map(|e| Route::Exchange {
        briefing: b.slug.clone(),
        stem: e.stem.clone(),
    }));
    if b.summary.is_some() {
        routes.push(b.summary_route());
    }
    routes
}

/// A content file's routes: its own page, the pages that show its text or its
/// metadata, and the lists it may enter or leave.
fn content_file(
    briefings: &[Briefing],
    index: &Index,
    topics: &[&str],
    folder: &str,
    file: &str,
) -> BTreeSet<Route> {
    let mut routes: BTreeSet<Route> = EVERY_EXCHANGE
        .iter()
        .cloned()
        .chain(topic_routes(topics))
        .collect();
    match briefings.iter().find(|b| b.slug == folder) {
        Some(b) => {
            routes.extend(people_routes(b, index));
            routes.extend(own_routes(b, file.strip_suffix(".md").unwrap_or(file)));
        }
        // A new briefing: its own routes are made from scratch.
        None => {
            routes.insert(Route::Briefing {
                slug: folder.to_owned(),
            });
        }
    }
    routes
}

/// Each topic's page and feed.
fn topic_routes<'a>(topics: &'a [&str]) -> impl Iterator<Item = Route> + 'a {
    topics.iter().flat_map(|id| {
        [
            Route::Topic {
                id: (*id).to_owned(),
            },
            Route::TopicFeed {
                id: (*id).to_owned(),
            },
        ]
    })
}

/// The officials' and outlets' pages that list a briefing's exchanges.
fn people_routes<'a>(b: &'a Briefing, index: &'a Index) -> impl Iterator<Item = Route> + 'a {
    let officials = b
        .matter
        .speakers
        .iter()
        .map(|p| &p.name)
        .chain(b.exchanges.iter().flat_map(|e| &e.matter.answered_by))
        .filter_map(|n| index.speakers.get(n))
        .flat_map(|s| speaker_routes(s));
    let outlets = b
        .exchanges
        .iter()
        .filter_map(|e| e.matter.asked_by.as_ref())
        .filter_map(|o| index.outlets.get(o))
        .flat_map(|s| outlet_routes(s));
    officials.chain(outlets)
}

/// The briefing's pages that show the file `stem`: the briefing page always (it
/// shows every body); every page of it for `_index` (its metadata is on all); the
/// summary; an exchange, its neighbours (their previous/next links show its title)
/// and the summary (which links its points to exchanges by name).
fn own_routes(b: &Briefing, stem: &str) -> Vec<Route> {
    let mut routes = vec![b.route()];
    let exchange = |stem: &str| Route::Exchange {
        briefing: b.slug.clone(),
        stem: stem.to_owned(),
    };
    match stem {
        "_index" => routes.extend(briefing_routes(b)),
        "summary" => routes.push(b.summary_route()),
        "closing" => {}
        _ => {
            match b.exchanges.iter().position(|e| e.stem == stem) {
                Some(i) => routes.extend(
                    b.exchanges[i.saturating_sub(1)..(i + 2).min(b.exchanges.len())]
                        .iter()
                        .map(|e| exchange(&e.stem)),
                ),
                None => routes.push(exchange(stem)),
            }
            if b.summary.is_some() {
                routes.push(b.summary_route());
            }
        }
    }
    routes
}
