//! Which routes a change affects, on the shipped content: what `serve` re-renders
//! after an edit and what a cache keyed by inputs must drop.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use briefings::content::load::{self, Bodies};
use briefings::site::{self, affected, all_routes, Briefing, Index, Route};
use common::repo;

fn site() -> (Vec<Briefing>, Index) {
    let content = repo().join("content");
    let folders = load::folders(&content, Bodies::Drop).unwrap();
    site::assemble(folders, &content).unwrap()
}

const TOPICS: &[&str] = &["ai", "equipment-renewal", "bri", "reform"];

fn routes_for(changed: &str) -> (BTreeSet<Route>, bool) {
    let (briefings, index) = site();
    let a = affected(&briefings, &index, TOPICS, &[Path::new(changed)]);
    (a.routes, a.static_files)
}

#[test]
fn an_exchange_edit_re_renders_its_page_its_briefing_and_the_lists_it_is_on() {
    let slug = "2024-07-26-promoting-high-quality-development";
    let (routes, static_files) =
        routes_for(&format!("content/briefings/{slug}/05-securities-times.md"));
    assert!(!static_files);
    let exchange = |stem: &str| Route::Exchange {
        briefing: slug.to_owned(),
        stem: stem.to_owned(),
    };
    for must in [
        exchange("05-securities-times"),
        // Its neighbours show its title in their previous/next links.
        exchange("04-question"),
        exchange("06-the-enterprise-observer"),
        Route::Briefing {
            slug: slug.to_owned(),
        },
        Route::Summary {
            briefing: slug.to_owned(),
        },
        Route::Home,
        Route::Briefings,
        Route::Topic {
            id: "reform".into(),
        },
        Route::TopicFeed {
            id: "reform".into(),
        },
        Route::Feed,
        Route::Export,
    ] {
        assert!(routes.contains(&must), "{must} missing from {routes:?}");
    }
    // Pages the edit cannot change are left alone.
    assert!(!routes.contains(&exchange("01-xinhua-news-agency")));
    assert!(!routes
        .iter()
        .any(|r| matches!(r, Route::Exchange { briefing, .. } if briefing != slug)));
    assert!(!routes.contains(&Route::Search));
    assert!(routes.iter().any(|r| matches!(r, Route::Speaker { .. })));
}

#[test]
fn a_template_edit_re_renders_the_routes_that_use_it() {
    let (briefings, index) = site();
    let all = all_routes(&briefings, &index, TOPICS);
    let (routes, _) = routes_for("templates/exchange.html");
    let exchanges = all
        .iter()
        .filter(|r| matches!(r, Route::Exchange { .. }))
        .count();
    assert_eq!(routes.len(), exchanges);
    assert!(routes.iter().all(|r| matches!(r, Route::Exchange { .. })));
    // The base layout is every page's.
    let (routes, _) = routes_for("templates/base.html");
    let pages = all.iter().filter(|r| r.template().is_some()).count();
    assert_eq!(routes.len(), pages);
}

#[test]
fn site_yaml_affects_everything_and_static_files_only_themselves() {
    let (briefings, index) = site();
    let (routes, _) = routes_for("site.yaml");
    assert_eq!(routes, all_routes(&briefings, &index, TOPICS));
    assert_eq!(
        routes.len(),
        19 + 2 + 1 + 13 + 2 * TOPICS.len() + 2 * index.speakers.len() + 2 * index.outlets.len()
    );
    let (routes, static_files) = routes_for("static/style.css");
    assert!(routes.is_empty() && static_files);
}
