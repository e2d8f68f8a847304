//! A topic's pages and its Atom feed: its exchanges grouped by briefing, every passage
//! that mentions it, the summary points about it; the newest year at the topic's
//! address, every other year at `<year>/`, and pages of briefings within a year.

use super::*;

#[derive(Serialize)]
struct TopicCtx {
    name: String,
    description: String,
    feed: String,
}

#[derive(Serialize)]
struct TopicPage<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    topic: TopicCtx,
    groups: Vec<Group<'a>>,
    passages: Vec<PassageGroup<'a>>,
    points: Vec<&'a PointMeta>,
    figures: Vec<super::figure_pages::FigureGroup<'a>>,
    pager: Pager,
}

/// The passages of one exchange (or a briefing's remarks): its title is shown once.
#[derive(Serialize)]
struct PassageGroup<'a> {
    context: &'a str,
    url: &'a str,
    passages: Vec<&'a Passage>,
}

/// Passages in their order, grouped by the page they are on.
fn passage_groups<'a>(passages: impl Iterator<Item = &'a Passage>) -> Vec<PassageGroup<'a>> {
    let mut groups: Vec<PassageGroup<'a>> = Vec::new();
    for p in passages {
        let url = p.url.split('#').next().unwrap_or(&p.url);
        match groups.last_mut() {
            Some(g) if g.url == url && g.context == p.context => g.passages.push(p),
            _ => groups.push(PassageGroup {
                context: &p.context,
                url,
                passages: vec![p],
            }),
        }
    }
    groups
}

/// Briefings on one page of a topic: each brings its exchanges, passages and points,
/// so a page holds fewer briefings than a plain list holds items.
fn briefings_per_page(page_size: usize) -> usize {
    (page_size / 20).max(1)
}

impl SitePages<'_, '_> {
    /// Every topic's pages and feed, in parallel.
    pub(super) fn topic_pages(&self) -> Result<Vec<Route>, Errors> {
        let each: Vec<Vec<Route>> = self
            .ctx
            .topics
            .list()
            .par_iter()
            .enumerate()
            .map(|(t, topic)| self.topic_page(t, topic, None))
            .collect::<Result<_, _>>()?;
        Ok(each.into_iter().flatten().collect())
    }

    /// A topic's feed and pages; with `only` (briefings' positions, when an edit
    /// changed them but not which briefings the topic lists), just the pages that
    /// show those briefings are rendered. Returns the routes of all its pages.
    pub(super) fn topic_page(
        &self,
        t: usize,
        topic: &crate::topics::Topic,
        only: Option<&BTreeSet<usize>>,
    ) -> Result<Vec<Route>, Errors> {
        let ctx = self.ctx;
        let list = Route::Topic {
            id: topic.id.clone(),
        };
        let feed_route = Route::TopicFeed {
            id: topic.id.clone(),
        };
        let about = self
            .all
            .iter()
            .filter(|e| e.topics.contains(&topic.id))
            .copied();
        feed(ctx, &topic.name, &feed_route, &list, about)?;
        // The briefings with anything on the topic, newest first, and their positions.
        let positions: Vec<usize> = (0..self.done.len())
            .filter(|&i| on_topic(&self.done[i], t, &topic.id))
            .collect();
        let briefings: Vec<&BriefingOut> = positions.iter().map(|&i| &self.done[i]).collect();
        let years: Vec<u16> = briefings.iter().map(|o| o.card.year).collect();
        let slots = slots(&years, &[], briefings_per_page(ctx.config.page_size));
        let split = SplitList {
            list: &list,
            slots: &slots,
            name: &topic.name,
            description: &topic.description,
            section: "topics",
        };
        (0..slots.len())
            .into_par_iter()
            .map(|i| {
                let slot = &slots[i];
                let wanted = only
                    .is_none_or(|only| slot.items.clone().any(|j| only.contains(&positions[j])));
                if !wanted {
                    return Ok(slot_route(&list, &slots, i));
                }
                let here = &briefings[slot.items.clone()];
                let (route, page, pager) = split.page(ctx, i);
                let data = TopicPage {
                    site: ctx.site(),
                    page,
                    topic: TopicCtx {
                        name: topic.name.clone(),
                        description: topic.description.clone(),
                        feed: ctx.urls.route(&feed_route),
                    },
                    groups: groups(here, &topic.id),
                    passages: passage_groups(
                        here.iter()
                            .flat_map(|o| &o.passages)
                            .filter(|p| p.topic == t),
                    ),
                    points: here
                        .iter()
                        .flat_map(|o| &o.points)
                        .filter(|p| p.topics.contains(&topic.id))
                        .collect(),
                    figures: super::figure_pages::figure_groups(
                        here,
                        super::figure_pages::Speakers::Shown,
                        |_, f| f.on(t),
                    ),
                    pager,
                };
                self.render(&route, &data)
            })
            .collect()
    }
}

/// Whether a briefing has anything on topic `t` (`id`): an exchange, a passage, a
/// summary point or a figure; then the topic's pages list it.
pub(super) fn on_topic(o: &BriefingOut, t: usize, id: &str) -> bool {
    o.exchanges.iter().any(|e| e.topics.iter().any(|x| x == id))
        || o.passages.iter().any(|p| p.topic == t)
        || o.points.iter().any(|p| p.topics.iter().any(|x| x == id))
        || o.figures.iter().any(|f| f.on(t))
}

/// A topic's exchanges, by briefing, newest first.
fn groups<'a>(briefings: &[&'a BriefingOut], id: &String) -> Vec<Group<'a>> {
    briefings
        .iter()
        .filter_map(|o| {
            let about: Vec<Item<'_>> = o
                .exchanges
                .iter()
                .filter(|e| e.topics.contains(id))
                .map(Item::from)
                .collect();
            (!about.is_empty()).then(|| Group {
                title: &o.card.title,
                url: &o.card.url,
                date: &o.card.date,
                date_text: &o.card.date_text,
                exchanges: about,
            })
        })
        .collect()
}
