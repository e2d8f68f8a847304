//! One briefing's pages: its exchanges, the briefing in full, its summary, and what
//! it leaves for the site-wide pages (metadata, passages, points, the data export).

use super::*;

/// Renders and writes one briefing's pages; `wanted` says for which topics its passages
/// are still needed (the others are only counted).
pub(super) fn render_briefing(
    b: Briefing,
    ctx: &Ctx<'_>,
    wanted: &[bool],
) -> Result<BriefingOut, BuildError> {
    let b = &b;
    let urls = ctx.urls;
    let m = &b.matter;
    let content_errors = |e: ContentError| BuildError::Content(vec![e]);
    let date_text = date_text(&m.date);
    let briefing_url = urls.path(&b.rel);
    let mut has_code = false;
    let mut passages = Vec::new();
    let mut passages_left_out = vec![false; wanted.len()];
    // Once every topic page has its newest passages, older briefings are not searched.
    let any_wanted = wanted.iter().any(|&w| w);
    let mut matcher = ctx.topics.matcher();
    let mut collect_passages =
        |paragraphs: &[markdown::Paragraph], page_rel: &str, context: &str| {
            if !any_wanted {
                passages_left_out.iter_mut().for_each(|l| *l = true);
                return;
            }
            for p in paragraphs {
                let mut seen = Vec::new();
                for mention in matcher.mentions(&p.text) {
                    if seen.contains(&mention.topic) {
                        continue;
                    }
                    seen.push(mention.topic);
                    if !wanted[mention.topic] {
                        passages_left_out[mention.topic] = true;
                        continue;
                    }
                    passages.push(Passage {
                        topic: mention.topic,
                        snippet: snippet(&p.text, mention.start, mention.end, 120),
                        speaker: p.speaker.clone(),
                        url: format!("{}#{}", urls.path(page_rel), p.anchor),
                        context: context.to_owned(),
                    });
                }
            }
        };

    let opening = ctx.markdown(&b.index, "opening").map_err(content_errors)?;
    has_code |= opening.has_code;
    collect_passages(
        &opening.paragraphs,
        &b.rel,
        &format!("Opening remarks, {}, {date_text}", m.title),
    );
    let closing = match &b.closing {
        Some((_, doc)) => Some(ctx.markdown(doc, "closing").map_err(content_errors)?),
        None => None,
    };

    // Exchanges: rendered once; their HTML goes on their page and the briefing page.
    struct Done {
        /// The question's text, for feeds and descriptions.
        question: String,
        html: String,
        topics: Vec<String>,
        paragraphs: Vec<markdown::Paragraph>,
    }
    let mut done = Vec::with_capacity(b.exchanges.len());
    let mut errors = Vec::new();
    for e in &b.exchanges {
        let rendered = match ctx.markdown(&e.doc, &e.stem) {
            Ok(r) => r,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        has_code |= rendered.has_code;
        let question: Vec<&str> = rendered
            .paragraphs
            .iter()
            .filter(|p| p.speaker.as_deref() == Some(e.matter.asker()))
            .map(|p| p.text.as_str())
            .collect();
        let question_text = question.join(" ");
        let topics = match &e.matter.topics {
            Some(ids) => {
                for id in ids {
                    if ctx.topics.index_of(id).is_none() {
                        errors.push(ContentError {
                            path: ctx.content.join(&e.doc.path),
                            line: site::line_of_key(&e.doc, "topics"),
                            column: None,
                            message: format!(
                                "unknown topic {id:?}: the topics are {} (site.yaml)",
                                ctx.topics
                                    .list()
                                    .iter()
                                    .map(|t| t.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        });
                    }
                }
                ids.clone()
            }
            None => {
                let answers: Vec<&str> = rendered
                    .paragraphs
                    .iter()
                    .filter(|p| {
                        p.speaker
                            .as_deref()
                            .is_some_and(|s| e.matter.answered_by.iter().any(|a| a == s))
                    })
                    .map(|p| p.text.as_str())
                    .collect();
                ctx.topics
                    .classify(&question, &answers)
                    .primary
                    .iter()
                    .map(|&t| ctx.topics.list()[t].id.clone())
                    .collect()
            }
        };
        collect_passages(
            &rendered.paragraphs,
            &e.rel,
            &format!("{}, {}, {date_text}", e.matter.title, m.title),
        );
        done.push(Done {
            question: question_text,
            html: rendered.html,
            topics,
            paragraphs: rendered.paragraphs,
        });
    }
    if !errors.is_empty() {
        return Err(BuildError::Content(errors));
    }
    if let Some(c) = &closing {
        has_code |= c.has_code;
        collect_passages(
            &c.paragraphs,
            &b.rel,
            &format!("Closing remarks, {}, {date_text}", m.title),
        );
    }

    let metas: Vec<ExchangeMeta> = b
        .exchanges
        .iter()
        .zip(&done)
        .map(|(e, d)| ExchangeMeta {
            briefing_title: m.title.clone(),
            briefing_url: briefing_url.clone(),
            date: m.date.clone(),
            date_text: date_text.clone(),
            title: e.matter.title.clone(),
            url: urls.path(&e.rel),
            abs_url: urls.absolute(&e.rel),
            asked_by: e.matter.asked_by.clone(),
            asked_by_text: asked_by_text(e.matter.asked_by.as_deref()),
            answered_by: e.matter.answered_by.clone(),
            topics: d.topics.clone(),
            summary: crate::content::one_sentence(&d.question, 400),
        })
        .collect();

    let briefing_ctx = BriefingCtx {
        title: m.title.clone(),
        date: m.date.clone(),
        date_text: date_text.clone(),
        time: m.time.clone(),
        location: m.location.clone(),
        series: m.series.clone(),
        host: m.host.clone(),
        lead: m.lead.clone(),
        url: briefing_url.clone(),
        moderator: m.moderator.as_ref().map(|p| PersonCtx {
            name: p.name.clone(),
            role: p.role.clone(),
            url: None,
        }),
        speakers: m
            .speakers
            .iter()
            .map(|p| PersonCtx {
                name: p.name.clone(),
                role: p.role.clone(),
                url: ctx.index.speaker_url(&p.name, urls),
            })
            .collect(),
        sources: m
            .sources
            .iter()
            .map(|s| SourceCtx {
                file: s.file.clone(),
                kind: s.kind.clone().unwrap_or_else(|| "transcript".to_owned()),
                lines: s.lines.clone(),
                published: s.published.clone(),
            })
            .collect(),
        translators: m.translators.clone(),
    };

    let mut pages = Vec::new();
    // Exchange pages.
    for (i, (e, d)) in b.exchanges.iter().zip(&done).enumerate() {
        let neighbour = |j: usize| {
            b.exchanges.get(j).map(|n| TitleUrl {
                title: n.matter.title.clone(),
                url: urls.path(&n.rel),
            })
        };
        let meta = &metas[i];
        let description = crate::content::one_sentence(&meta.summary, 200);
        let mut page = ctx.page(&e.matter.title, &description, &e.rel, "briefings");
        page.has_code = d.html.contains("class=\"code\"");
        page.og_type = "article";
        let data = ExchangePage {
            site: ctx.site(),
            page,
            briefing: &briefing_ctx,
            exchange: ExchangeCtx {
                stem: e.stem.clone(),
                title: e.matter.title.clone(),
                order: e.matter.order,
                url: meta.url.clone(),
                asked_by_text: meta.asked_by_text.clone(),
                asked_by_url: e
                    .matter
                    .asked_by
                    .as_ref()
                    .and_then(|o| ctx.index.outlets.get(o))
                    .map(|s| urls.path(&format!("outlets/{s}/"))),
                answered_by: e
                    .matter
                    .answered_by
                    .iter()
                    .map(|n| NameUrl {
                        name: n.clone(),
                        url: ctx.index.speaker_url(n, urls).unwrap_or_default(),
                    })
                    .collect(),
                topics: ctx.topic_badges(&d.topics),
                html: placeholder(0),
                citation: format!(
                    "\u{201C}{}\u{201D}, {}, {}, {}. {}",
                    e.matter.title,
                    m.title,
                    m.location.as_deref().unwrap_or("press briefing"),
                    date_text,
                    urls.absolute(&e.rel)
                ),
                in_briefing: format!("{}#{}", briefing_url, e.stem),
            },
            prev: i.checked_sub(1).and_then(neighbour),
            next: neighbour(i + 1),
        };
        ctx.render_page_with("exchange.html", &e.rel, &data, &[&d.html])?;
        pages.push(e.rel.clone());
    }

    // The briefing page.
    let mut page = ctx.page(
        &m.title,
        m.lead.as_deref().map_or(&m.title[..], |l| l),
        &b.rel,
        "briefings",
    );
    page.has_code = has_code;
    let data = BriefingPage {
        site: ctx.site(),
        page,
        briefing: &briefing_ctx,
        opening_html: if opening.html.is_empty() {
            String::new()
        } else {
            placeholder(0)
        },
        closing_html: closing.as_ref().map(|_| placeholder(1)),
        summary_url: b.summary.as_ref().map(|_| urls.path(&b.summary_rel())),
        exchanges: b
            .exchanges
            .iter()
            .zip(&done)
            .zip(&metas)
            .enumerate()
            .map(|(i, ((e, d), meta))| ExchangeCtx {
                stem: e.stem.clone(),
                title: e.matter.title.clone(),
                order: e.matter.order,
                url: meta.url.clone(),
                asked_by_text: meta.asked_by_text.clone(),
                asked_by_url: None,
                answered_by: Vec::new(),
                topics: ctx.topic_badges(&d.topics),
                html: placeholder(i + 2),
                citation: String::new(),
                in_briefing: String::new(),
            })
            .collect(),
    };
    let bodies: Vec<&str> = [
        opening.html.as_str(),
        closing.as_ref().map_or("", |c| c.html.as_str()),
    ]
    .into_iter()
    .chain(done.iter().map(|d| d.html.as_str()))
    .collect();
    ctx.render_page_with("briefing.html", &b.rel, &data, &bodies)?;
    pages.push(b.rel.clone());

    // The summary page, and its points for the topic pages.
    let mut points = Vec::new();
    if let Some((sm, doc)) = &b.summary {
        let rendered = ctx.markdown(doc, "summary").map_err(content_errors)?;
        for (n, p) in sm.points.iter().enumerate() {
            let url = match p.exchange.as_deref() {
                Some("opening") => format!("{briefing_url}#opening"),
                Some(stem) => match b.exchanges.iter().find(|e| e.stem == stem) {
                    Some(e) => urls.path(&e.rel),
                    None => format!("{}#point-{}", urls.path(&b.summary_rel()), n + 1),
                },
                None => format!("{}#point-{}", urls.path(&b.summary_rel()), n + 1),
            };
            points.push(PointMeta {
                topics: p.topics.clone().unwrap_or_default(),
                headline: p.headline.clone(),
                url,
                date_text: date_text.clone(),
            });
        }
        let rel = b.summary_rel();
        let mut page = ctx.page(
            &format!("Key points: {}", sm.title),
            &sm.title,
            &rel,
            "briefings",
        );
        page.has_code = rendered.has_code;
        let data = SummaryPage {
            site: ctx.site(),
            page,
            briefing: &briefing_ctx,
            summary: SummaryCtx {
                title: sm.title.clone(),
                html: placeholder(0),
            },
        };
        ctx.render_page_with("summary.html", &rel, &data, &[&rendered.html])?;
        pages.push(rel);
    }

    // The data export: this briefing's records, serialized now (borrowing the text
    // about to be dropped) into a part file that is joined with the others at the end.
    #[derive(Serialize)]
    struct Turn<'a> {
        speaker: Option<&'a str>,
        text: &'a str,
        anchor: &'a str,
    }
    #[derive(Serialize)]
    struct Record<'a> {
        briefing: &'a str,
        briefing_url: String,
        date: &'a str,
        order: u32,
        title: &'a str,
        asked_by: Option<&'a str>,
        answered_by: &'a [String],
        topics: &'a [String],
        url: &'a str,
        turns: Vec<Turn<'a>>,
    }
    let records: Vec<Record<'_>> = b
        .exchanges
        .iter()
        .zip(&done)
        .zip(&metas)
        .map(|((e, d), meta)| Record {
            briefing: &m.title,
            briefing_url: urls.absolute(&b.rel),
            date: &m.date,
            order: e.matter.order,
            title: &e.matter.title,
            asked_by: e.matter.asked_by.as_deref(),
            answered_by: &e.matter.answered_by,
            topics: &d.topics,
            url: &meta.abs_url,
            turns: d
                .paragraphs
                .iter()
                .map(|p| Turn {
                    speaker: p.speaker.as_deref(),
                    text: &p.text,
                    anchor: &p.anchor,
                })
                .collect(),
        })
        .collect();
    let mut part = String::new();
    for r in &records {
        if !part.is_empty() {
            part.push(',');
        }
        // Serializing plain strings and numbers cannot fail.
        part.push_str(&serde_json::to_string(r).unwrap_or_default());
    }

    Ok(BriefingOut {
        card: BriefingCard {
            title: m.title.clone(),
            date: m.date.clone(),
            date_text,
            url: briefing_url,
            exchanges: b.exchanges.len(),
        },
        exchanges: metas,
        passages,
        points,
        roles: m
            .speakers
            .iter()
            .map(|p| (p.name.clone(), p.role.clone()))
            .collect(),
        json: part,
        passages_left_out,
        has_code,
        pages,
    })
}
