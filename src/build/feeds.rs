//! Atom feeds.

use super::*;

/// An Atom feed of exchanges, newest first.
pub(super) fn feed<'a>(
    ctx: &Ctx<'_>,
    title: &str,
    self_rel: &str,
    alternate_rel: &str,
    exchanges: impl Iterator<Item = &'a ExchangeMeta>,
) -> String {
    let urls = ctx.urls;
    let entries: Vec<&ExchangeMeta> = exchanges.take(FEED_ENTRIES).collect();
    let updated = entries.first().map_or("1970-01-01", |e| e.date.as_str());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <title>{}</title>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" href=\"{}\"/>\n\
         <id>{}</id>\n<updated>{updated}T00:00:00Z</updated>\n",
        escape(title),
        escape(&urls.absolute(self_rel)),
        escape(&urls.absolute(alternate_rel)),
        escape(&urls.absolute(self_rel)),
    );
    for e in entries {
        out.push_str(&format!(
            "<entry>\n<title>{}</title>\n<link href=\"{}\"/>\n<id>{}</id>\n<updated>{}T00:00:00Z</updated>\n\
             <author><name>{}</name></author>\n<summary>{}</summary>\n</entry>\n",
            escape(&e.title),
            escape(&e.abs_url),
            escape(&e.abs_url),
            e.date,
            escape(&e.briefing_title),
            escape(&e.summary),
        ));
    }
    out.push_str("</feed>\n");
    out
}

impl SitePages<'_, '_> {
    /// The site's feed: every exchange, newest first.
    pub(super) fn site_feed(&self) -> Result<(), BuildError> {
        let ctx = self.ctx;
        let route = Route::Feed;
        let text = feed(
            ctx,
            &ctx.config.title,
            &route.rel(),
            &Route::Home.rel(),
            self.all.iter().copied(),
        );
        ctx.write(&route.rel(), &text)
    }

    /// Every page: the site-wide `routes` and the briefings' own.
    pub(super) fn sitemap(&self, routes: &[Route]) -> Result<(), BuildError> {
        let rels: Vec<String> = routes.iter().map(Route::rel).collect();
        let every_page: BTreeSet<&String> = rels
            .iter()
            .chain(self.done.iter().flat_map(|o| &o.pages))
            .collect();
        let mut sitemap = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for rel in every_page {
            sitemap.push_str(&format!(
                "<url><loc>{}</loc></url>\n",
                escape(&self.ctx.urls.absolute(rel))
            ));
        }
        sitemap.push_str("</urlset>\n");
        self.ctx.write(&Route::Sitemap.rel(), &sitemap)
    }

    pub(super) fn robots(&self) -> Result<(), BuildError> {
        let urls = self.ctx.urls;
        self.ctx.write(
            &Route::Robots.rel(),
            &format!(
                "User-agent: *\nAllow: /\nSitemap: {}\n",
                urls.route_absolute(&Route::Sitemap)
            ),
        )
    }
}
