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
    pager: Pager,
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

    /// The briefings, newest first: a page per year (the newest at /briefings/), and
    /// pages within a year when it has more than the page size.
    pub(super) fn briefings(&self) -> Result<Vec<Route>, Errors> {
        let cards: Vec<&BriefingCard> = self.done.iter().map(|o| &o.card).collect();
        let years: Vec<u16> = cards.iter().map(|c| c.year).collect();
        let slots = slots(&years, &[], self.ctx.config.page_size);
        let list = Route::Briefings;
        let split = SplitList {
            list: &list,
            slots: &slots,
            name: "Briefings",
            description: "Every briefing in the archive, newest first.",
            section: "briefings",
        };
        (0..slots.len())
            .map(|i| {
                let slot = &slots[i];
                let (route, page, pager) = split.page(self.ctx, i);
                let years = (!slot.items.is_empty())
                    .then(|| Year {
                        year: slot.year.to_string(),
                        briefings: cards[slot.items.clone()].to_vec(),
                    })
                    .into_iter()
                    .collect();
                let site = self.ctx.site();
                self.render(
                    &route,
                    &List {
                        site,
                        page,
                        years,
                        pager,
                    },
                )
            })
            .collect()
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
            "Search every exchange: words, figures, names; narrow by topic, official, outlet or year.",
            &route.rel(),
            "search",
        );
        let site = self.ctx.site();
        self.render(&route, &Plain { site, page })
    }

    /// What the archive is (from `about` in site.yaml) and how it is made: its
    /// extent, its publishers, the topics' phrases, and what an editor may change.
    pub(super) fn about(&self) -> Result<Route, Errors> {
        #[derive(Serialize)]
        struct TopicRule<'a> {
            name: &'a str,
            url: String,
            phrases: Vec<&'a str>,
            excluded: &'a [String],
        }
        #[derive(Serialize)]
        struct AboutPage<'a> {
            site: SiteCtx<'a>,
            page: PageCtx,
            intro: String,
            briefings: usize,
            exchanges: usize,
            first: Option<&'a str>,
            last: Option<&'a str>,
            publishers: Vec<&'a str>,
            topics: Vec<TopicRule<'a>>,
            threshold: f64,
            question_weight: f64,
        }
        let (ctx, route) = (self.ctx, Route::About);
        let intro = match &ctx.config.about {
            Some(text) => markdown::render_plain(text),
            None => String::new(),
        };
        let mut publishers: Vec<&str> = self
            .done
            .iter()
            .filter_map(|o| o.card.host.as_deref())
            .collect();
        publishers.sort_unstable();
        publishers.dedup();
        let dates = self.done.iter().map(|o| o.card.date_text.as_str());
        let page = ctx.page(
            "About this archive",
            "What this archive holds, where its transcripts come from and how they are made into pages.",
            &route.rel(),
            "",
        );
        let data = AboutPage {
            site: ctx.site(),
            page,
            intro,
            briefings: self.done.len(),
            exchanges: self.done.iter().map(|o| o.card.exchanges).sum(),
            // The briefings are newest first.
            first: dates.clone().next_back(),
            last: dates.clone().next(),
            publishers,
            topics: ctx
                .config
                .topics
                .iter()
                .map(|t| TopicRule {
                    name: &t.name,
                    url: ctx.urls.route(&Route::Topic { id: t.id.clone() }),
                    phrases: t.signals.keys().map(String::as_str).collect(),
                    excluded: &t.exclude,
                })
                .collect(),
            threshold: ctx.config.classifier.threshold,
            question_weight: ctx.config.classifier.question_weight,
        };
        self.render(&route, &data)?;
        Ok(route)
    }

    /// The data export's page: each year's file, with its exchanges, and the format.
    pub(super) fn data(&self) -> Result<Route, Errors> {
        #[derive(Serialize)]
        struct YearFile {
            year: u16,
            exchanges: usize,
            url: String,
        }
        #[derive(Serialize)]
        struct DataPage<'a> {
            site: SiteCtx<'a>,
            page: PageCtx,
            files: Vec<YearFile>,
            exchanges: usize,
        }
        let route = Route::Export;
        let mut files: Vec<YearFile> = Vec::new();
        for card in self.done.iter().map(|o| &o.card) {
            if card.exchanges == 0 {
                continue;
            }
            match files.iter_mut().find(|f| f.year == card.year) {
                Some(f) => f.exchanges += card.exchanges,
                None => files.push(YearFile {
                    year: card.year,
                    exchanges: card.exchanges,
                    url: self.ctx.urls.path(&year_file(card.year)),
                }),
            }
        }
        files.sort_by_key(|f| std::cmp::Reverse(f.year));
        let page = self.ctx.page(
            "Data",
            "Every exchange as data: JSON Lines, one file a year, gzip-compressed.",
            &route.rel(),
            "",
        );
        let exchanges = files.iter().map(|f| f.exchanges).sum();
        self.render(
            &route,
            &DataPage {
                site: self.ctx.site(),
                page,
                files,
                exchanges,
            },
        )
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
