//! The site-wide pages: home, lists, topics, officials, outlets, search, 404, feeds,
//! sitemap and robots.txt.

use super::*;

/// Home, lists, topic, official and outlet pages, feeds, sitemap, robots.txt, 404,
/// .nojekyll and the data export. Returns how many pages it wrote.
pub(super) fn site_pages(done: &[BriefingOut], ctx: &Ctx<'_>) -> Result<usize, BuildError> {
    let urls = ctx.urls;
    let site = || ctx.site();
    let all: Vec<&ExchangeMeta> = done.iter().flat_map(|o| &o.exchanges).collect();
    let topic_count = |id: &str| {
        all.iter()
            .filter(|e| e.topics.iter().any(|t| t == id))
            .count()
    };
    let topic_cards: Vec<TopicCard> = ctx
        .topics
        .list()
        .iter()
        .map(|t| TopicCard {
            id: t.id.clone(),
            name: t.name.clone(),
            description: t.description.clone(),
            url: urls.path(&format!("topics/{}/", t.id)),
            count: topic_count(&t.id),
        })
        .collect();
    let cards: Vec<&BriefingCard> = done.iter().map(|o| &o.card).collect();
    let mut rels: Vec<String> = Vec::new();

    #[derive(Serialize)]
    struct Home<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
        latest: Vec<&'a BriefingCard>,
        briefing_count: usize,
        topic_list: &'a [TopicCard],
    }
    let description = format!("Transcripts of {} press briefings, {} questions and answers, by topic, official and outlet.", done.len(), all.len());
    ctx.render_page(
        "index.html",
        "",
        &Home {
            site: site(),
            page: ctx.page(&ctx.config.title, &description, "", "home"),
            latest: cards.iter().take(10).copied().collect(),
            briefing_count: cards.len(),
            topic_list: &topic_cards,
        },
    )?;
    rels.push(String::new());

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
    let mut years: Vec<Year<'_>> = Vec::new();
    for c in &cards {
        let year = c.date.get(..4).unwrap_or("").to_owned();
        match years.last_mut() {
            Some(y) if y.year == year => y.briefings.push(c),
            _ => years.push(Year {
                year,
                briefings: vec![c],
            }),
        }
    }
    ctx.render_page(
        "briefings.html",
        "briefings/",
        &List {
            site: site(),
            page: ctx.page(
                "Briefings",
                "Every briefing in the archive, newest first.",
                "briefings/",
                "briefings",
            ),
            years,
        },
    )?;
    rels.push("briefings/".to_owned());

    #[derive(Serialize)]
    struct TopicsPage<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
        topic_list: &'a [TopicCard],
    }
    ctx.render_page(
        "topics.html",
        "topics/",
        &TopicsPage {
            site: site(),
            page: ctx.page(
                "Topics",
                "The topics followed across briefings.",
                "topics/",
                "topics",
            ),
            topic_list: &topic_cards,
        },
    )?;
    rels.push("topics/".to_owned());

    // One page and one feed per topic.
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
    ctx.topics
        .list()
        .par_iter()
        .enumerate()
        .map(|(t, topic)| {
            let rel = format!("topics/{}/", topic.id);
            let mut groups: Vec<Group> = Vec::new();
            for o in done {
                let about: Vec<Item<'_>> = o
                    .exchanges
                    .iter()
                    .filter(|e| e.topics.contains(&topic.id))
                    .map(Item::from)
                    .collect();
                if !about.is_empty() {
                    groups.push(Group {
                        title: &o.card.title,
                        url: &o.card.url,
                        date: &o.card.date,
                        date_text: &o.card.date_text,
                        exchanges: about,
                    });
                }
            }
            let passages: Vec<&Passage> = done
                .iter()
                .flat_map(|o| &o.passages)
                .filter(|p| p.topic == t)
                .collect();
            let more =
                passages.len() > PASSAGES_PER_TOPIC || done.iter().any(|o| o.passages_left_out[t]);
            let feed = feed(
                ctx,
                &topic.name,
                &format!("{rel}atom.xml"),
                &rel,
                all.iter().filter(|e| e.topics.contains(&topic.id)).copied(),
            );
            ctx.write(&format!("{rel}atom.xml"), &feed)?;
            ctx.render_page(
                "topic.html",
                &rel,
                &TopicPage {
                    site: site(),
                    page: ctx.page(&topic.name, &topic.description, &rel, "topics"),
                    topic: TopicCtx {
                        name: topic.name.clone(),
                        description: topic.description.clone(),
                        feed: urls.path(&format!("{rel}atom.xml")),
                    },
                    groups,
                    passages: passages.into_iter().take(PASSAGES_PER_TOPIC).collect(),
                    more_passages: more,
                    points: done
                        .iter()
                        .flat_map(|o| &o.points)
                        .filter(|p| p.topics.contains(&topic.id))
                        .collect(),
                },
            )
        })
        .collect::<Result<Vec<()>, BuildError>>()?;
    rels.extend(
        ctx.topics
            .list()
            .iter()
            .map(|t| format!("topics/{}/", t.id)),
    );

    // Officials and outlets.
    #[derive(Serialize)]
    struct People<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
        people: Vec<PersonCard>,
    }
    #[derive(Serialize)]
    struct OnePerson<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
        person: PersonPage<'a>,
    }
    let answered = |name: &str| -> Vec<Item<'_>> {
        all.iter()
            .filter(|e| e.answered_by.iter().any(|a| a == name))
            .map(|e| Item::from(*e))
            .collect()
    };
    let speaker_cards: Vec<PersonCard> = ctx
        .index
        .speakers
        .iter()
        .map(|(name, slug)| PersonCard {
            name: name.clone(),
            url: urls.path(&format!("speakers/{slug}/")),
            count: all
                .iter()
                .filter(|e| e.answered_by.iter().any(|a| a == name))
                .count(),
            count_label: "answer",
        })
        .collect();
    ctx.render_page(
        "people.html",
        "speakers/",
        &People {
            site: site(),
            page: ctx.page(
                "Officials",
                "Every official who spoke, with what they answered.",
                "speakers/",
                "speakers",
            ),
            people: speaker_cards,
        },
    )?;
    rels.push("speakers/".to_owned());
    ctx.index
        .speakers
        .par_iter()
        .map(|(name, slug)| {
            let rel = format!("speakers/{slug}/");
            let roles = done
                .iter()
                .filter_map(|o| {
                    let role = o
                        .roles
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, r)| r.clone());
                    let answers = o
                        .exchanges
                        .iter()
                        .any(|e| e.answered_by.iter().any(|a| a == name));
                    (role.is_some() || answers).then(|| Role {
                        title: o.card.title.clone(),
                        url: o.card.url.clone(),
                        date: o.card.date.clone(),
                        date_text: o.card.date_text.clone(),
                        role: role.unwrap_or_default(),
                    })
                })
                .collect();
            ctx.render_page(
                "speaker.html",
                &rel,
                &OnePerson {
                    site: site(),
                    page: ctx.page(
                        name,
                        &format!("Everything {name} answered at press briefings."),
                        &rel,
                        "speakers",
                    ),
                    person: PersonPage {
                        name: name.clone(),
                        roles,
                        exchanges: answered(name),
                    },
                },
            )
        })
        .collect::<Result<Vec<()>, BuildError>>()?;
    rels.extend(
        ctx.index
            .speakers
            .values()
            .map(|s| format!("speakers/{s}/")),
    );

    let outlet_cards: Vec<PersonCard> = ctx
        .index
        .outlets
        .iter()
        .map(|(name, slug)| PersonCard {
            name: name.clone(),
            url: urls.path(&format!("outlets/{slug}/")),
            count: all
                .iter()
                .filter(|e| e.asked_by.as_deref() == Some(name))
                .count(),
            count_label: "question",
        })
        .collect();
    ctx.render_page(
        "people.html",
        "outlets/",
        &People {
            site: site(),
            page: ctx.page(
                "Outlets",
                "Every media outlet that asked, with its questions.",
                "outlets/",
                "outlets",
            ),
            people: outlet_cards,
        },
    )?;
    rels.push("outlets/".to_owned());
    ctx.index
        .outlets
        .par_iter()
        .map(|(name, slug)| {
            let rel = format!("outlets/{slug}/");
            ctx.render_page(
                "outlet.html",
                &rel,
                &OnePerson {
                    site: site(),
                    page: ctx.page(
                        name,
                        &format!("Every question {name} asked at press briefings."),
                        &rel,
                        "outlets",
                    ),
                    person: PersonPage {
                        name: name.clone(),
                        roles: Vec::new(),
                        exchanges: all
                            .iter()
                            .filter(|e| e.asked_by.as_deref() == Some(name))
                            .map(|e| Item::from(*e))
                            .collect(),
                    },
                },
            )
        })
        .collect::<Result<Vec<()>, BuildError>>()?;
    rels.extend(ctx.index.outlets.values().map(|s| format!("outlets/{s}/")));

    #[derive(Serialize)]
    /// A page with nothing but the site and its own metadata (search, 404).
    struct Plain<'a> {
        site: SiteCtx<'a>,
        page: PageCtx,
    }
    ctx.render_page(
        "search.html",
        "search/",
        &Plain {
            site: site(),
            page: ctx.page(
                "Search",
                "Search every exchange: words, figures, names; narrow by topic, official, outlet or briefing.",
                "search/",
                "search",
            ),
        },
    )?;
    rels.push("search/".to_owned());
    ctx.render_page(
        "404.html",
        "404.html",
        &Plain {
            site: site(),
            page: ctx.page(
                "Page not found",
                "There is no page at this address.",
                "404.html",
                "",
            ),
        },
    )?;

    ctx.write(
        "atom.xml",
        &feed(ctx, &ctx.config.title, "atom.xml", "", all.iter().copied()),
    )?;
    let mut sitemap = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let every_page = rels.iter().chain(done.iter().flat_map(|o| &o.pages));
    for rel in every_page.collect::<BTreeSet<_>>() {
        sitemap.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            escape(&urls.absolute(rel))
        ));
    }
    sitemap.push_str("</urlset>\n");
    ctx.write("sitemap.xml", &sitemap)?;
    ctx.write(
        "robots.txt",
        &format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            urls.absolute("sitemap.xml")
        ),
    )?;
    ctx.write(".nojekyll", "")?;
    if done.iter().any(|o| o.has_code) {
        ctx.write("highlight.css", &highlight::stylesheet())?;
    }
    Ok(rels.len())
}
