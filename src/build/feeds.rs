//! Atom feeds (the site's and one per topic), the sitemap and robots.txt: rendered
//! from the `atom.xml`, `sitemap.xml` and `robots.txt` templates, which a site may
//! override like any other.

use super::*;

#[derive(Serialize)]
struct FeedView<'a> {
    feed: Feed<'a>,
}

#[derive(Serialize)]
struct Feed<'a> {
    title: &'a str,
    self_url: String,
    alternate_url: String,
    /// The newest entry's date, `YYYY-MM-DD`.
    updated: &'a str,
    entries: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    title: &'a str,
    url: &'a str,
    date: &'a str,
    briefing: &'a str,
    summary: &'a str,
}

/// An Atom feed of exchanges, newest first, at `route`; its page is `alternate`.
pub(super) fn feed<'a>(
    ctx: &Ctx<'_>,
    title: &str,
    route: &Route,
    alternate: &Route,
    exchanges: impl Iterator<Item = &'a ExchangeMeta>,
) -> Result<(), Errors> {
    let entries: Vec<Entry<'_>> = exchanges
        .take(FEED_ENTRIES)
        .map(|e| Entry {
            title: &e.title,
            url: &e.abs_url,
            date: &e.date,
            briefing: &e.briefing_title,
            summary: &e.summary,
        })
        .collect();
    let view = FeedView {
        feed: Feed {
            title,
            self_url: ctx.urls.route_absolute(route),
            alternate_url: ctx.urls.route_absolute(alternate),
            updated: entries.first().map_or("1970-01-01", |e| e.date),
            entries,
        },
    };
    ctx.render_page("atom.xml", &route.rel(), &view)
}

impl SitePages<'_, '_> {
    /// The site's feed: every exchange, newest first.
    pub(super) fn site_feed(&self) -> Result<(), Errors> {
        let ctx = self.ctx;
        let exchanges = self.all.iter().copied();
        feed(
            ctx,
            &ctx.config.title,
            &Route::Feed,
            &Route::Home,
            exchanges,
        )
    }

    /// Every page: the site-wide `routes` and the briefings' own, in order.
    pub(super) fn sitemap(&self, routes: &[Route]) -> Result<(), Errors> {
        #[derive(Serialize)]
        struct Sitemap {
            urls: Vec<String>,
        }
        let rels: Vec<String> = routes.iter().map(Route::rel).collect();
        let every_page: BTreeSet<&String> = rels
            .iter()
            .chain(self.done.iter().flat_map(|o| &o.pages))
            .collect();
        let urls = every_page
            .into_iter()
            .map(|rel| self.ctx.urls.absolute(rel))
            .collect();
        self.ctx
            .render_page("sitemap.xml", &Route::Sitemap.rel(), &Sitemap { urls })
    }

    pub(super) fn robots(&self) -> Result<(), Errors> {
        #[derive(Serialize)]
        struct Robots {
            sitemap: String,
        }
        let sitemap = self.ctx.urls.route_absolute(&Route::Sitemap);
        self.ctx
            .render_page("robots.txt", &Route::Robots.rel(), &Robots { sitemap })
    }
}
