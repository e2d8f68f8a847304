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
/// .nojekyll. Returns how many pages it wrote.
pub(super) fn site_pages(done: &[BriefingOut], ctx: &Ctx<'_>) -> Result<usize, Errors> {
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
    Ok(routes.len())
}
