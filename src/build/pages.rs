//! The site-wide pages, made from what the briefings left (their metadata, passages
//! and points): home, lists, topics, officials, outlets, search, 404, feeds, the
//! sitemap and robots.txt. One function per page kind, in the modules beside this.

use super::*;

/// What every site-wide page reads.
pub(super) struct SitePages<'a, 'c> {
    pub(super) ctx: &'a Ctx<'c>,
    pub(super) done: &'a [BriefingOut],
    /// Every exchange, newest first.
    pub(super) all: Vec<&'a ExchangeMeta>,
    pub(super) topic_cards: Vec<TopicCard>,
}

impl<'a, 'c> SitePages<'a, 'c> {
    pub(super) fn new(ctx: &'a Ctx<'c>, done: &'a [BriefingOut]) -> Self {
        let all: Vec<&ExchangeMeta> = done.iter().flat_map(|o| &o.exchanges).collect();
        let topic_cards = ctx
            .topics
            .list()
            .iter()
            .map(|t| TopicCard {
                id: t.id.clone(),
                name: t.name.clone(),
                description: t.description.clone(),
                url: ctx.urls.route(&Route::Topic { id: t.id.clone() }),
                count: all.iter().filter(|e| e.topics.contains(&t.id)).count(),
            })
            .collect();
        SitePages {
            ctx,
            done,
            all,
            topic_cards,
        }
    }

    /// Renders a page of a route with its template.
    pub(super) fn render<T: Serialize>(&self, route: &Route, data: &T) -> Result<Route, Errors> {
        let template = route.template().unwrap_or("404.html");
        self.ctx.render_page(template, &route.rel(), data)?;
        Ok(route.clone())
    }
}

/// Home, lists, topic, official and outlet pages, feeds, sitemap, robots.txt, 404 and
/// .nojekyll. Returns the routes of the pages it wrote.
pub(super) fn site_pages(done: &[BriefingOut], ctx: &Ctx<'_>) -> Result<Vec<Route>, Errors> {
    let pages = SitePages::new(ctx, done);
    let mut routes = vec![pages.home()?, pages.briefings()?, pages.topics()?];
    routes.extend(pages.topic_pages()?);
    routes.extend(pages.officials()?);
    routes.extend(pages.outlets()?);
    routes.push(pages.search()?);
    pages.not_found()?;
    pages.site_feed()?;
    pages.sitemap(&routes)?;
    pages.robots()?;
    ctx.write(".nojekyll", "")?;
    if done.iter().any(|o| o.has_code) {
        ctx.write("highlight.css", &highlight::stylesheet())?;
    }
    Ok(routes)
}

/// Only the site-wide pages of `only`, in parallel (a session's partial rebuild):
/// the sitemap lists `site_routes` and the briefings' pages. A briefing's own routes
/// and the data export are not made here.
pub(super) fn some_site_pages(
    done: &[BriefingOut],
    ctx: &Ctx<'_>,
    only: &BTreeSet<Route>,
    site_routes: &[Route],
) -> Result<(), Errors> {
    let pages = SitePages::new(ctx, done);
    let topics = ctx.topics.list();
    let name_of = |names: &std::collections::BTreeMap<String, String>, slug: &str| {
        names
            .iter()
            .find(|(_, s)| s.as_str() == slug)
            .map(|(n, _)| n.clone())
    };
    // A topic's page and feed are written together.
    let only: BTreeSet<Route> = only
        .iter()
        .map(|r| match r {
            Route::TopicFeed { id } => Route::Topic { id: id.clone() },
            other => other.clone(),
        })
        .collect();
    only.par_iter()
        .map(|route| -> Result<(), Errors> {
            match route {
                Route::Home => pages.home().map(drop),
                Route::Briefings => pages.briefings().map(drop),
                Route::Topics => pages.topics().map(drop),
                Route::Topic { id } => match topics.iter().position(|t| &t.id == id) {
                    Some(t) => pages.topic_page(t, &topics[t]).map(drop),
                    None => Ok(()),
                },
                Route::Speakers => pages.official_list().map(drop),
                Route::Outlets => pages.outlet_list().map(drop),
                Route::Speaker { slug } => match name_of(&ctx.index.speakers, slug) {
                    Some(name) => pages.official(&name, slug).map(drop),
                    None => Ok(()),
                },
                Route::Outlet { slug } => match name_of(&ctx.index.outlets, slug) {
                    Some(name) => pages.outlet(&name, slug).map(drop),
                    None => Ok(()),
                },
                Route::Search => pages.search().map(drop),
                Route::NotFound => pages.not_found().map(drop),
                Route::Feed => pages.site_feed(),
                Route::Sitemap => pages.sitemap(site_routes),
                Route::Robots => pages.robots(),
                // A briefing's own, or (the export) written apart.
                Route::TopicFeed { .. }
                | Route::Briefing { .. }
                | Route::Exchange { .. }
                | Route::Summary { .. }
                | Route::Export => Ok(()),
            }
        })
        .collect::<Result<Vec<()>, Errors>>()
        .map(drop)
}
