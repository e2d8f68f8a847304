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
    /// Each speaker's briefings with a figure they said (positions, newest first):
    /// made when an official's page first asks.
    figures_by_speaker: std::sync::OnceLock<std::collections::HashMap<&'a str, Vec<usize>>>,
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
            figures_by_speaker: std::sync::OnceLock::new(),
        }
    }

    /// The positions of the briefings where `speaker` said a figure, newest first.
    pub(super) fn figures_of(&self, speaker: &str) -> &[usize] {
        let by_speaker = self.figures_by_speaker.get_or_init(|| {
            let mut map: std::collections::HashMap<&str, Vec<usize>> = Default::default();
            // A briefing's voices are those who said its figures, each once.
            for (i, o) in self.done.iter().enumerate() {
                for name in &o.voices {
                    map.entry(name.as_str()).or_default().push(i);
                }
            }
            map
        });
        by_speaker.get(speaker).map_or(&[], Vec::as_slice)
    }

    /// Renders a page of a route with its template.
    pub(super) fn render<T: Serialize>(&self, route: &Route, data: &T) -> Result<Route, Errors> {
        let template = route.template().unwrap_or("404.html");
        self.ctx.render_page(template, &route.rel(), data)?;
        Ok(route.clone())
    }
}

/// Home, lists, topic, official and outlet pages, data and about, feeds, sitemap,
/// robots.txt, 404 and .nojekyll. Returns the routes of the pages it wrote.
pub(super) fn site_pages(done: &[BriefingOut], ctx: &Ctx<'_>) -> Result<Vec<Route>, Errors> {
    let pages = SitePages::new(ctx, done);
    let mut routes = vec![pages.home()?];
    routes.extend(pages.briefings()?);
    routes.push(pages.topics()?);
    routes.extend(pages.topic_pages()?);
    routes.extend(pages.officials()?);
    routes.extend(pages.outlets()?);
    routes.extend(pages.figures(None)?);
    routes.push(pages.search()?);
    routes.push(pages.data()?);
    routes.push(pages.about()?);
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
/// and the data export are not made here. A list in `redo` (a topic, the figures)
/// renders only its pages that show those briefings (see [`SitePages::topic_page`]). Returns the
/// routes made (a list's pages by year with it).
pub(super) fn some_site_pages(
    done: &[BriefingOut],
    ctx: &Ctx<'_>,
    only: &BTreeSet<Route>,
    site_routes: &[Route],
    redo: &std::collections::BTreeMap<Route, BTreeSet<usize>>,
) -> Result<Vec<Route>, Errors> {
    let pages = SitePages::new(ctx, done);
    let topics = ctx.topics.list();
    let name_of = |names: &std::collections::BTreeMap<String, String>, slug: &str| {
        names
            .iter()
            .find(|(_, s)| s.as_str() == slug)
            .map(|(n, _)| n.clone())
    };
    // A topic's page and feed are written together, a list's pages too.
    let only: BTreeSet<Route> = only
        .iter()
        .map(|r| match r {
            Route::TopicFeed { id } => Route::Topic { id: id.clone() },
            Route::SpeakerFeed { slug } => Route::Speaker { slug: slug.clone() },
            Route::OutletFeed { slug } => Route::Outlet { slug: slug.clone() },
            Route::Page { list, .. } => (**list).clone(),
            other => other.clone(),
        })
        .collect();
    let one = |r: Result<Route, Errors>| r.map(|r| vec![r]);
    let written: Vec<Vec<Route>> = only
        .par_iter()
        .map(|route| -> Result<Vec<Route>, Errors> {
            match route {
                Route::Home => one(pages.home()),
                Route::Briefings => pages.briefings(),
                Route::Topics => one(pages.topics()),
                Route::Topic { id } => match topics.iter().position(|t| &t.id == id) {
                    Some(t) => pages.topic_page(t, &topics[t], redo.get(route)),
                    None => Ok(Vec::new()),
                },
                Route::Speakers => one(pages.official_list()),
                Route::Outlets => one(pages.outlet_list()),
                Route::Speaker { slug } => match name_of(&ctx.index.speakers, slug) {
                    Some(name) => pages.official(&name, slug),
                    None => Ok(Vec::new()),
                },
                Route::Outlet { slug } => match name_of(&ctx.index.outlets, slug) {
                    Some(name) => pages.outlet(&name, slug),
                    None => Ok(Vec::new()),
                },
                Route::Search => one(pages.search()),
                Route::Export => one(pages.data()),
                Route::About => one(pages.about()),
                Route::Figures => pages.figures(redo.get(route)),
                Route::NotFound => one(pages.not_found()),
                Route::Feed => pages.site_feed().map(|()| vec![Route::Feed]),
                Route::Sitemap => pages.sitemap(site_routes).map(|()| vec![Route::Sitemap]),
                Route::Robots => pages.robots().map(|()| vec![Route::Robots]),
                // A briefing's own.
                Route::TopicFeed { .. }
                | Route::SpeakerFeed { .. }
                | Route::OutletFeed { .. }
                | Route::Page { .. }
                | Route::Briefing { .. }
                | Route::Exchange { .. }
                | Route::Summary { .. } => Ok(Vec::new()),
            }
        })
        .collect::<Result<_, Errors>>()?;
    Ok(written.into_iter().flatten().collect())
}

/// One page of a long list: its year, its number within the year (from 1), and its
/// items' range in the whole list (newest first).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Slot {
    pub(super) year: u16,
    pub(super) number: usize,
    pub(super) items: std::ops::Range<usize>,
}

/// Splits a list whose items (newest first) have the years `years` into a page per
/// year, and a year into pages of `per_page`. `also` are years to show with no items
/// (an official who sat at a briefing but answered nothing that year).
pub(super) fn slots(years: &[u16], also: &[u16], per_page: usize) -> Vec<Slot> {
    let per_page = per_page.max(1);
    let mut all: Vec<u16> = years.iter().chain(also).copied().collect();
    all.sort_unstable_by(|a, b| b.cmp(a));
    all.dedup();
    let mut slots = Vec::new();
    let mut at = 0;
    for year in all {
        let count = years[at..].iter().take_while(|&&y| y == year).count();
        let mut number = 1;
        let mut start = at;
        loop {
            let end = (start + per_page).min(at + count);
            slots.push(Slot {
                year,
                number,
                items: start..end,
            });
            start = end;
            number += 1;
            if start >= at + count {
                break;
            }
        }
        at += count;
    }
    if slots.is_empty() {
        slots.push(Slot {
            year: 0,
            number: 1,
            items: 0..0,
        });
    }
    slots
}

/// A later page's title: "Briefings, 2023" or "Briefings, 2023, page 2".
pub(super) fn page_title(title: &str, slot: &Slot) -> String {
    if slot.number > 1 {
        format!("{title}, {}, page {}", slot.year, slot.number)
    } else {
        format!("{title}, {}", slot.year)
    }
}

/// A list split into pages by [`slots`]: what its pages share.
pub(super) struct SplitList<'a> {
    pub(super) list: &'a Route,
    pub(super) slots: &'a [Slot],
    /// The list's title, and its first page's.
    pub(super) name: &'a str,
    pub(super) description: &'a str,
    pub(super) section: &'static str,
}

impl SplitList<'_> {
    /// Page `i`: its route, what the layout reads (titled "Name, 2023, page 2" past
    /// the first, with rel=prev/next) and its pager.
    pub(super) fn page(&self, ctx: &Ctx<'_>, i: usize) -> (Route, PageCtx, Pager) {
        let route = slot_route(self.list, self.slots, i);
        let title = if i == 0 {
            self.name.to_owned()
        } else {
            page_title(self.name, &self.slots[i])
        };
        let mut page = ctx.page(&title, self.description, &route.rel(), self.section);
        let pager = Pager::new(ctx.urls, self.list, self.slots, i);
        page.prev.clone_from(&pager.prev);
        page.next.clone_from(&pager.next);
        (route, page, pager)
    }
}

/// The route of the slot `i` of the list `list`: the first is the list's own.
pub(super) fn slot_route(list: &Route, slots: &[Slot], i: usize) -> Route {
    if i == 0 {
        return list.clone();
    }
    Route::Page {
        list: Box::new(list.clone()),
        year: slots[i].year,
        number: slots[i].number,
    }
}

/// What a page of a split list shows to move around it: every year (with its count
/// and first page), the pages of this year, the previous and next pages.
#[derive(Serialize)]
pub(super) struct Pager {
    pub(super) years: Vec<PagerLink>,
    pub(super) pages: Vec<PagerLink>,
    pub(super) year: u16,
    pub(super) prev: Option<String>,
    pub(super) next: Option<String>,
}

#[derive(Serialize)]
pub(super) struct PagerLink {
    pub(super) label: String,
    pub(super) url: String,
    pub(super) count: usize,
    pub(super) current: bool,
}

impl Pager {
    pub(super) fn new(urls: &Urls, list: &Route, slots: &[Slot], i: usize) -> Pager {
        let url = |j: usize| urls.route(&slot_route(list, slots, j));
        let this = &slots[i];
        let mut years: Vec<PagerLink> = Vec::new();
        for (j, s) in slots.iter().enumerate() {
            match years.last_mut() {
                Some(y) if slots[j - 1].year == s.year => y.count += s.items.len(),
                _ => years.push(PagerLink {
                    label: s.year.to_string(),
                    url: url(j),
                    count: s.items.len(),
                    current: s.year == this.year,
                }),
            }
        }
        let in_year: Vec<usize> = (0..slots.len())
            .filter(|&j| slots[j].year == this.year)
            .collect();
        let pages = if in_year.len() > 1 {
            in_year
                .iter()
                .map(|&j| PagerLink {
                    label: slots[j].number.to_string(),
                    url: url(j),
                    count: slots[j].items.len(),
                    current: j == i,
                })
                .collect()
        } else {
            Vec::new()
        };
        Pager {
            years: if slots.len() > 1 { years } else { Vec::new() },
            pages,
            year: this.year,
            prev: (i > 0).then(|| url(i - 1)),
            next: (i + 1 < slots.len()).then(|| url(i + 1)),
        }
    }
}
