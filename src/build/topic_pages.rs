//! One page and one Atom feed per topic: its exchanges grouped by briefing, the
//! passages that mention it, the summary points about it.

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
    passages: Vec<&'a Passage>,
    more_passages: bool,
    points: Vec<&'a PointMeta>,
}

impl SitePages<'_, '_> {
    /// Every topic's page and feed, in parallel.
    pub(super) fn topic_pages(&self) -> Result<Vec<Route>, Errors> {
        self.ctx
            .topics
            .list()
            .par_iter()
            .enumerate()
            .map(|(t, topic)| self.topic_page(t, topic))
            .collect()
    }

    pub(super) fn topic_page(
        &self,
        t: usize,
        topic: &crate::topics::Topic,
    ) -> Result<Route, Errors> {
        let ctx = self.ctx;
        let route = Route::Topic {
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
        feed(ctx, &topic.name, &feed_route, &route, about)?;
        let passages: Vec<&Passage> = self
            .done
            .iter()
            .flat_map(|o| &o.passages)
            .filter(|p| p.topic == t)
            .collect();
        let more =
            passages.len() > PASSAGES_PER_TOPIC || self.done.iter().any(|o| o.passages_left_out[t]);
        let data = TopicPage {
            site: ctx.site(),
            page: ctx.page(&topic.name, &topic.description, &route.rel(), "topics"),
            topic: TopicCtx {
                name: topic.name.clone(),
                description: topic.description.clone(),
                feed: ctx.urls.route(&feed_route),
            },
            groups: self.groups(&topic.id),
            passages: passages.into_iter().take(PASSAGES_PER_TOPIC).collect(),
            more_passages: more,
            points: self
                .done
                .iter()
                .flat_map(|o| &o.points)
                .filter(|p| p.topics.contains(&topic.id))
                .collect(),
        };
        self.render(&route, &data)
    }

    /// A topic's exchanges, by briefing, newest first.
    fn groups(&self, id: &String) -> Vec<Group<'_>> {
        self.done
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
}
