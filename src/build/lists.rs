//! Home, the briefings by year, the topics, search and the 404 page.

use super::*;

#[derive(Serialize)]
struct Home<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    latest: Vec<&'a BriefingCard>,
    briefing_count: usize,
    topic_list: &'a [TopicCard],
}

#[derive(Serialize)]
struct Year<'a> {
    year: String,
    briefings: Vec<&'a BriefingCard>,
}

#[derive(Serialize)]
struct List<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    years: Vec<Year<'a>>,
}

#[derive(Serialize)]
struct TopicsPage<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    topic_list: &'a [TopicCard],
}

/// A page with nothing but the site and its own metadata (search, 404).
#[derive(Serialize)]
struct Plain<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
}

impl SitePages<'_, '_> {
    pub(super) fn home(&self) -> Result<Route, Errors> {
        let ctx = self.ctx;
        let description = format!(
            "Transcripts of {} press briefings, {} questions and answers, by topic, official and outlet.",
            self.done.len(),
            self.all.len()
        );
        let cards: Vec<&BriefingCard> = self.done.iter().map(|o| &o.card).collect();
        self.render(
            &Route::Home,
            &Home {
                site: ctx.site(),
                page: ctx.page(&ctx.config.title, &description, "", "home"),
                latest: cards.iter().take(HOME_LATEST).copied().collect(),
                briefing_count: cards.len(),
                topic_list: &self.topic_cards,
            },
        )
    }

    pub(super) fn briefings(&self) -> Result<Route, Errors> {
        let mut years: Vec<Year<'_>> = Vec::new();
        for o in self.done {
            let c = &o.card;
            let year = c.year.to_string();
            match years.last_mut() {
                Some(y) if y.year == year => y.briefings.push(c),
                _ => years.push(Year {
                    year,
                    briefings: vec![c],
                }),
            }
        }
        let route = Route::Briefings;
        let page = self.ctx.page(
            "Briefings",
            "Every briefing in the archive, newest first.",
            &route.rel(),
            "briefings",
        );
        let site = self.ctx.site();
        self.render(&route, &List { site, page, years })
    }

    pub(super) fn topics(&self) -> Result<Route, Errors> {
        let route = Route::Topics;
        let page = self.ctx.page(
            "Topics",
            "The topics followed across briefings.",
            &route.rel(),
            "topics",
        );
        let data = TopicsPage {
            site: self.ctx.site(),
            page,
            topic_list: &self.topic_cards,
        };
        self.render(&route, &data)
    }

    pub(super) fn search(&self) -> Result<Route, Errors> {
        let route = Route::Search;
        let page = self.ctx.page(
            "Search",
            "Search every exchange: words, figures, names; narrow by topic, official, outlet or briefing.",
            &route.rel(),
            "search",
        );
        let site = self.ctx.site();
        self.render(&route, &Plain { site, page })
    }

    pub(super) fn not_found(&self) -> Result<Route, Errors> {
        let route = Route::NotFound;
        let page = self.ctx.page(
            "Page not found",
            "There is no page at this address.",
            &route.rel(),
            "",
        );
        let site = self.ctx.site();
        self.render(&route, &Plain { site, page })
    }
}
