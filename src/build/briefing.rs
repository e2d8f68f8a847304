//! One briefing's pages: its exchanges, the briefing in full, its summary, and what
//! it leaves for the site-wide pages (metadata, passages, points, the data export).
//! Each body is rendered once; its HTML goes on its own page and on the briefing's.

use super::cite::Citation;
use super::*;

/// An exchange rendered: what its page, the briefing page and the export need.
struct RenderedExchange {
    /// The question's text, for feeds and descriptions.
    question: String,
    html: String,
    topics: Vec<String>,
    paragraphs: Vec<markdown::Paragraph>,
    has_code: bool,
}

/// Where paragraphs were said: the page they are on, its title and date as passages
/// show it, the topics an exchange is about, and which exchange (None: the opening
/// or `closing` remarks).
struct Said<'x> {
    page_rel: &'x str,
    context: &'x str,
    about: &'x [String],
    exchange: Option<usize>,
    closing: bool,
}

impl<'x> Said<'x> {
    fn remarks(page_rel: &'x str, context: &'x str, closing: bool) -> Said<'x> {
        Said {
            page_rel,
            context,
            about: &[],
            exchange: None,
            closing,
        }
    }
}

/// One briefing being rendered, and the passages it finds on the way.
struct BriefingPages<'a, 'c> {
    ctx: &'a Ctx<'c>,
    b: &'a Briefing,
    date_text: String,
    url: String,
    /// Whether its passages and figures are gathered (not when only its pages are
    /// made again, and its output is thrown away).
    gather: Gather,
    matcher: crate::topics::Matcher<'a>,
    passages: Vec<Passage>,
    figures: Vec<FigureMeta>,
    voices: Vec<String>,
}

/// What a briefing's rendering leaves for the site-wide pages besides its pages.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Gather {
    /// Its passages and figures, with its metadata.
    All,
    /// Its pages only: a template changed, and its output is not kept.
    PagesOnly,
}

/// Renders and writes one briefing's pages, gathering what `gather` says.
pub(super) fn render_briefing(
    b: Briefing,
    ctx: &Ctx<'_>,
    gather: Gather,
) -> Result<BriefingOut, Errors> {
    let mut pages = BriefingPages {
        ctx,
        b: &b,
        date_text: b.date.long_text(),
        url: ctx.urls.path(&b.rel),
        gather,
        matcher: ctx.topics.matcher(),
        passages: Vec::new(),
        figures: Vec::new(),
        voices: Vec::new(),
    };
    pages.render()
}

impl BriefingPages<'_, '_> {
    fn render(&mut self) -> Result<BriefingOut, Errors> {
        let (b, m) = (self.b, &self.b.matter);
        let content_errors = Errors::from;
        let opening = self
            .ctx
            .markdown(&b.index, "opening", &Roster::of(m))
            .map_err(content_errors)?;
        let mut has_code = opening.has_code;
        let context = format!("Opening remarks, {}, {}", m.title, self.date_text);
        self.collect(&opening.paragraphs, &Said::remarks(&b.rel, &context, false));
        let closing = match &b.closing {
            Some((_, doc)) => Some(
                self.ctx
                    .markdown(doc, "closing", &Roster::of(m))
                    .map_err(content_errors)?,
            ),
            None => None,
        };
        let done = self.exchanges()?;
        has_code |= done.iter().any(|d| d.has_code);
        if let Some(c) = &closing {
            has_code |= c.has_code;
            let context = format!("Closing remarks, {}, {}", m.title, self.date_text);
            self.collect(&c.paragraphs, &Said::remarks(&b.rel, &context, true));
        }
        let metas = self.metas(&done);
        let view = self.briefing_view();
        let mut pages = self.exchange_pages(&view, &done, &metas)?;
        pages.push(self.briefing_page(
            &view,
            &opening,
            closing.as_ref(),
            &done,
            &metas,
            has_code,
        )?);
        let mut search = self.search_documents(&done, &metas);
        let points = match &b.summary {
            Some((sm, doc)) => {
                let (route, points, document) = self.summary_page(&view, sm, doc)?;
                pages.push(route);
                search.extend(document);
                points
            }
            None => Vec::new(),
        };
        Ok(BriefingOut {
            card: BriefingCard {
                year: b.date.year,
                title: m.title.clone(),
                date: self.b.date.to_string(),
                date_text: self.date_text.clone(),
                url: self.url.clone(),
                exchanges: b.exchanges.len(),
                host: m.host.clone(),
            },
            export: self.export(&done, &metas),
            exchanges: metas,
            passages: std::mem::take(&mut self.passages),
            points,
            figures: std::mem::take(&mut self.figures),
            voices: std::mem::take(&mut self.voices),
            roles: m
                .speakers
                .iter()
                .map(|p| (p.name.clone(), p.role.clone()))
                .collect(),
            has_code,
            pages,
            documents: search.len(),
            search,
        })
    }

    /// The exchanges as the search index holds them (none when the build writes no
    /// index).
    fn search_documents(
        &self,
        done: &[RenderedExchange],
        metas: &[ExchangeMeta],
    ) -> Vec<search::Document> {
        if !self.ctx.search {
            return Vec::new();
        }
        let topics = self.ctx.topics;
        self.b
            .exchanges
            .iter()
            .zip(done)
            .zip(metas)
            .map(|((e, d), meta)| {
                let topic_names: Vec<String> = d
                    .topics
                    .iter()
                    .filter_map(|id| topics.index_of(id))
                    .map(|t| topics.list()[t].name.clone())
                    .collect();
                let names = meta
                    .asked_by
                    .iter()
                    .chain(&meta.answered_by)
                    .chain(&topic_names)
                    .map(String::as_str);
                let text = d.paragraphs.iter().map(|p| p.text.as_str());
                search::Document {
                    rel: e.rel.clone(),
                    words: search::Document::weigh(&meta.title, names, text),
                    title: meta.title.clone(),
                    date: meta.date.clone(),
                    briefing: meta.briefing_title.clone(),
                    outlet: meta.asked_by.clone(),
                    officials: meta.answered_by.clone(),
                    topics: topic_names,
                }
            })
            .collect()
    }

    /// What `paragraphs` leave for the site-wide pages: the passages that mention a
    /// topic, one per topic and paragraph, and the sentences that state
    /// figures. An exchange about a topic (`at.about`) is listed as such on the
    /// topic's pages, so its paragraphs are not listed again as passages; its figures
    /// are on its topics, and on those their sentence mentions.
    fn collect(&mut self, paragraphs: &[markdown::Paragraph], at: &Said<'_>) {
        if self.gather == Gather::PagesOnly {
            return;
        }
        let topics = self.ctx.topics.list();
        let wanted: Vec<bool> = topics.iter().map(|t| !at.about.contains(&t.id)).collect();
        let passages = wanted.iter().any(|&w| w);
        for p in paragraphs {
            let found = figures::figures(&p.text);
            if !passages && found.is_empty() {
                continue;
            }
            // Each paragraph is matched once, for both.
            let mentions = self.matcher.mentions(&p.text);
            if passages {
                let mut seen = Vec::new();
                for mention in &mentions {
                    if seen.contains(&mention.topic) {
                        continue;
                    }
                    seen.push(mention.topic);
                    if !wanted[mention.topic] {
                        continue;
                    }
                    self.passages.push(Passage {
                        topic: mention.topic,
                        snippet: snippet(&p.text, mention.start, mention.end, 120),
                        speaker: p.speaker.clone(),
                        url: format!("{}#{}", self.ctx.urls.path(at.page_rel), p.anchor),
                        context: at.context.to_owned(),
                    });
                }
            }
            // One entry a sentence, with all its figures.
            for said in found.chunk_by(|a, b| a.sentence == b.sentence) {
                let sentence = said[0].sentence.clone();
                let mut on: Vec<u16> = at
                    .about
                    .iter()
                    .filter_map(|id| self.ctx.topics.index_of(id))
                    .filter_map(|t| u16::try_from(t).ok())
                    .collect();
                for m in &mentions {
                    let within = sentence.start <= m.start && m.end <= sentence.end;
                    if let Some(t) = u16::try_from(m.topic).ok().filter(|_| within) {
                        if !on.contains(&t) {
                            on.push(t);
                        }
                    }
                }
                let marks: Vec<(u32, u32)> = said
                    .iter()
                    .map(|f| {
                        let shift = |i: usize| (i - sentence.start) as u32;
                        (shift(f.figure.start), shift(f.figure.end))
                    })
                    .collect();
                let (text, marks) = cut(&p.text[sentence], &marks, 150);
                let speaker = p.speaker.as_ref().and_then(|name| self.voice(name));
                self.figures.push(FigureMeta {
                    sentence: text,
                    marks,
                    speaker,
                    exchange: at.exchange.and_then(|i| u32::try_from(i).ok()),
                    closing: at.closing,
                    anchor: p.anchor.clone(),
                    topics: on,
                });
            }
        }
    }

    /// `name`'s position in the briefing's voices, added when new (None past 65,535
    /// voices in one briefing, which no briefing has).
    fn voice(&mut self, name: &str) -> Option<u16> {
        match self.voices.iter().position(|v| v == name) {
            Some(i) => u16::try_from(i).ok(),
            None => {
                let i = u16::try_from(self.voices.len()).ok()?;
                self.voices.push(name.to_owned());
                Some(i)
            }
        }
    }

    /// Every exchange rendered once, with its topics; all errors at once.
    fn exchanges(&mut self) -> Result<Vec<RenderedExchange>, Errors> {
        let (b, m) = (self.b, &self.b.matter);
        let mut done = Vec::with_capacity(b.exchanges.len());
        let mut errors = Vec::new();
        for e in &b.exchanges {
            let roster = Roster::of(m).asked_by(e.matter.asker());
            let rendered = match self.ctx.markdown(&e.doc, &e.stem, &roster) {
                Ok(r) => r,
                Err(err) => {
                    errors.push(err);
                    continue;
                }
            };
            let question: Vec<&str> = rendered
                .paragraphs
                .iter()
                .filter(|p| p.speaker.as_deref().is_some_and(|s| e.matter.asks(s)))
                .map(|p| p.text.as_str())
                .collect();
            let question_text = question.join(" ");
            let topics = self.exchange_topics(e, &question, &rendered.paragraphs, &mut errors);
            let context = format!("{}, {}, {}", e.matter.title, m.title, self.date_text);
            let at = Said {
                page_rel: &e.rel,
                context: &context,
                about: &topics,
                exchange: Some(done.len()),
                closing: false,
            };
            self.collect(&rendered.paragraphs, &at);
            done.push(RenderedExchange {
                question: question_text,
                html: rendered.html,
                topics,
                paragraphs: rendered.paragraphs,
                has_code: rendered.has_code,
            });
        }
        if errors.is_empty() {
            Ok(done)
        } else {
            Err(Errors(errors))
        }
    }

    /// The topics the file gives (each checked), or else the classifier's.
    fn exchange_topics(
        &self,
        e: &site::Exchange,
        question: &[&str],
        paragraphs: &[markdown::Paragraph],
        errors: &mut Vec<Error>,
    ) -> Vec<String> {
        let topics = self.ctx.topics;
        if let Some(ids) = &e.matter.topics {
            errors.extend(unknown_topics(self.ctx, e));
            return ids.clone();
        }
        let answers: Vec<&str> = paragraphs
            .iter()
            .filter(|p| p.speaker.as_deref().is_some_and(|s| e.matter.answers(s)))
            .map(|p| p.text.as_str())
            .collect();
        topics.ids(&topics.classify(question, &answers))
    }

    /// Each exchange as lists, feeds and the export show it.
    fn metas(&self, done: &[RenderedExchange]) -> Vec<ExchangeMeta> {
        let (b, m, urls) = (self.b, &self.b.matter, self.ctx.urls);
        b.exchanges
            .iter()
            .zip(done)
            .map(|(e, d)| ExchangeMeta {
                briefing_title: m.title.clone(),
                briefing_url: self.url.clone(),
                date: self.b.date.to_string(),
                date_text: self.date_text.clone(),
                title: e.matter.title.clone(),
                url: urls.path(&e.rel),
                abs_url: urls.absolute(&e.rel),
                asked_by: e.matter.asked_by.clone(),
                asked_by_text: asked_by_text(e.matter.asked_by.as_deref()),
                answered_by: e.matter.answered_by.clone(),
                topics: d.topics.clone(),
                summary: crate::content::one_sentence(&d.question, 400),
            })
            .collect()
    }

    /// The briefing's metadata as its pages show it.
    fn briefing_view(&self) -> BriefingCtx {
        let (m, ctx) = (&self.b.matter, self.ctx);
        BriefingCtx {
            title: m.title.clone(),
            date: self.b.date.to_string(),
            date_text: self.date_text.clone(),
            time: m.time.clone(),
            location: m.location.clone(),
            series: m.series.clone(),
            host: m.host.clone(),
            lead: m.lead.clone(),
            url: self.url.clone(),
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
                    url: ctx.index.speaker_url(&p.name, ctx.urls),
                })
                .collect(),
            sources: m
                .sources
                .iter()
                .map(|s| {
                    use crate::transcript::SourceKind;
                    SourceCtx {
                        file: s.file.clone(),
                        kind: s.kind.map_or("transcript", SourceKind::as_str).to_owned(),
                        lines: s.lines.clone(),
                        published: s.published.clone(),
                        url: s.url.clone(),
                        label: match s.kind {
                            Some(SourceKind::Full) | None => "Transcript",
                            Some(SourceKind::Fragment) => "Part of the transcript",
                            Some(SourceKind::Summary) => "Key points (machine-translated)",
                        },
                    }
                })
                .collect(),
            original: original_page(&m.sources),
            translators: m.translators.clone(),
        }
    }

    /// One page per exchange, with its neighbours and a citation.
    fn exchange_pages(
        &self,
        view: &BriefingCtx,
        done: &[RenderedExchange],
        metas: &[ExchangeMeta],
    ) -> Result<Vec<String>, Errors> {
        let (b, ctx) = (self.b, self.ctx);
        let mut pages = Vec::with_capacity(done.len());
        for (i, (e, d)) in b.exchanges.iter().zip(done).enumerate() {
            let neighbour = |j: usize| {
                b.exchanges.get(j).map(|n| TitleUrl {
                    title: n.matter.title.clone(),
                    url: ctx.urls.path(&n.rel),
                })
            };
            let description = crate::content::one_sentence(&metas[i].summary, 200);
            let mut page = ctx.page(&e.matter.title, &description, &e.rel, "briefings");
            page.has_code = d.html.contains("class=\"code\"");
            page.og_type = "article";
            let data = ExchangePage {
                site: ctx.site(),
                page,
                briefing: view,
                exchange: self.exchange_view(e, d, &metas[i]),
                prev: i.checked_sub(1).and_then(neighbour),
                next: neighbour(i + 1),
            };
            ctx.render_page_with("exchange.html", &e.rel, &data, &[&d.html])?;
            pages.push(e.rel.clone());
        }
        Ok(pages)
    }

    /// An exchange on its own page: who asked and answered, with links, and how to
    /// cite it.
    fn exchange_view(
        &self,
        e: &site::Exchange,
        d: &RenderedExchange,
        meta: &ExchangeMeta,
    ) -> ExchangeCtx {
        let (m, ctx, urls) = (&self.b.matter, self.ctx, self.ctx.urls);
        ExchangeCtx {
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
                .map(|s| urls.route(&Route::Outlet { slug: s.clone() })),
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
            cite: Some(
                Citation {
                    authors: e.matter.answered_by.clone(),
                    title: e.matter.title.clone(),
                    container: Some(m.title.clone()),
                    asked_by: Some(meta.asked_by_text.clone()),
                    url: urls.absolute(&e.rel),
                    ..self.citation()
                }
                .view(),
            ),
            in_briefing: format!("{}#{}", self.url, e.stem),
        }
    }

    /// What citing this briefing says, and citing one of its exchanges starts from.
    fn citation(&self) -> Citation {
        let (b, m, urls) = (self.b, &self.b.matter, self.ctx.urls);
        Citation {
            authors: m.speakers.iter().map(|p| p.name.clone()).collect(),
            title: m.title.clone(),
            container: None,
            asked_by: None,
            place: m.location.clone(),
            date: m.date.clone(),
            date_text: self.date_text.clone(),
            publisher: m.host.clone(),
            original: original_page(&m.sources),
            url: urls.absolute(&b.rel),
            archive: self.ctx.config.title.clone(),
        }
    }

    /// The briefing in full: opening, every exchange, closing.
    fn briefing_page(
        &self,
        view: &BriefingCtx,
        opening: &Rendered,
        closing: Option<&Rendered>,
        done: &[RenderedExchange],
        metas: &[ExchangeMeta],
        has_code: bool,
    ) -> Result<String, Errors> {
        let (b, m, ctx) = (self.b, &self.b.matter, self.ctx);
        let mut page = ctx.page(
            &m.title,
            m.lead.as_deref().unwrap_or(&m.title),
            &b.rel,
            "briefings",
        );
        page.has_code = has_code;
        let exchanges = b
            .exchanges
            .iter()
            .zip(done)
            .zip(metas)
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
                cite: None,
                in_briefing: String::new(),
            })
            .collect();
        let data = BriefingPage {
            site: ctx.site(),
            page,
            briefing: view,
            opening_html: if opening.html.is_empty() {
                String::new()
            } else {
                placeholder(0)
            },
            closing_html: closing.map(|_| placeholder(1)),
            summary_url: b
                .summary
                .as_ref()
                .map(|_| ctx.urls.route(&b.summary_route())),
            exchanges,
            cite: self.citation().view(),
        };
        let bodies: Vec<&str> = [
            opening.html.as_str(),
            closing.map_or("", |c| c.html.as_str()),
        ]
        .into_iter()
        .chain(done.iter().map(|d| d.html.as_str()))
        .collect();
        ctx.render_page_with("briefing.html", &b.rel, &data, &bodies)?;
        Ok(b.rel.clone())
    }

    /// The summary page, and its points for the topic pages, each linked to where it
    /// was said.
    fn summary_page(
        &self,
        view: &BriefingCtx,
        sm: &crate::content::load::SummaryMatter,
        doc: &Document,
    ) -> Result<(String, Vec<PointMeta>, Option<search::Document>), Errors> {
        let (b, ctx, urls) = (self.b, self.ctx, self.ctx.urls);
        let rendered = ctx
            .markdown(doc, "summary", &Roster::of(&b.matter))
            .map_err(Errors::from)?;
        let route = b.summary_route();
        let summary_url = urls.route(&route);
        let points = sm
            .points
            .iter()
            .enumerate()
            .map(|(n, p)| {
                let own = format!("{summary_url}#point-{}", n + 1);
                let url = match p.exchange.as_deref() {
                    Some("opening") => format!("{}#opening", self.url),
                    Some(stem) => b
                        .exchanges
                        .iter()
                        .find(|e| e.stem == stem)
                        .map_or(own, |e| urls.path(&e.rel)),
                    None => own,
                };
                PointMeta {
                    topics: p.topics.clone().unwrap_or_default(),
                    headline: p.headline.clone(),
                    url,
                    date_text: self.date_text.clone(),
                }
            })
            .collect();
        let rel = route.rel();
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
            briefing: view,
            summary: SummaryCtx {
                title: sm.title.clone(),
                html: placeholder(0),
            },
        };
        ctx.render_page_with("summary.html", &rel, &data, &[&rendered.html])?;
        let title = format!("Key points: {}", sm.title);
        let document = ctx.search.then(|| search::Document {
            words: search::Document::weigh(
                &title,
                [],
                rendered.paragraphs.iter().map(|p| p.text.as_str()),
            ),
            rel: rel.clone(),
            title,
            date: self.b.date.to_string(),
            briefing: b.matter.title.clone(),
            outlet: None,
            officials: Vec::new(),
            topics: Vec::new(),
        });
        Ok((rel, points, document))
    }

    /// This briefing's records of the data export, serialized now (borrowing the text
    /// about to be dropped) and compressed, to be appended to its year's file.
    fn export(&self, done: &[RenderedExchange], metas: &[ExchangeMeta]) -> Vec<u8> {
        #[derive(Serialize)]
        struct Turn<'a> {
            speaker: Option<&'a str>,
            text: &'a str,
            anchor: &'a str,
        }
        #[derive(Serialize)]
        struct Figure<'a> {
            figure: &'a str,
            speaker: Option<&'a str>,
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
            figures: Vec<Figure<'a>>,
        }
        let (b, m) = (self.b, &self.b.matter);
        // One buffer, sized for the text it will hold, written into directly: growing
        // it by doubling cost fresh pages from the allocator at every step.
        let text: usize = done
            .iter()
            .flat_map(|d| &d.paragraphs)
            .map(|p| p.text.len() + 64)
            .sum();
        let mut part: Vec<u8> = Vec::with_capacity(text + text / 8 + 512 * done.len());
        let briefing_url = self.ctx.urls.absolute(&b.rel);
        for (i, ((e, d), meta)) in b.exchanges.iter().zip(done).zip(metas).enumerate() {
            let record = Record {
                briefing: &m.title,
                briefing_url: briefing_url.clone(),
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
                figures: self
                    .figures
                    .iter()
                    .filter(|f| f.exchange == Some(i as u32))
                    .flat_map(|f| {
                        let speaker = f.speaker.map(|v| self.voices[v as usize].as_str());
                        f.figures().map(move |figure| Figure {
                            figure,
                            speaker,
                            anchor: &f.anchor,
                        })
                    })
                    .collect(),
            };
            // Serializing plain strings and numbers into memory cannot fail.
            let _ = serde_json::to_writer(&mut part, &record);
            part.push(b'\n');
        }
        compress(&part)
    }
}

/// The topic ids an exchange file gives that site.yaml does not define.
pub(super) fn unknown_topics(ctx: &Ctx<'_>, e: &site::Exchange) -> Vec<Error> {
    let topics = ctx.topics;
    let ids = e.matter.topics.as_deref().unwrap_or_default();
    ids.iter()
        .filter(|id| topics.index_of(id).is_none())
        .map(|id| {
            let known = topics.id_list();
            Error::at(
                ctx.content.join(&e.doc.path),
                site::line_of_item(&e.doc, "topics", id),
                None,
                format!(
                    "unknown topic {id:?}: the topics are {} (site.yaml)",
                    known.join(", ")
                ),
            )
        })
        .collect()
}

/// The original page of a briefing: the full transcript's address, else any source's.
fn original_page(sources: &[crate::content::load::SourceMatter]) -> Option<String> {
    use crate::transcript::SourceKind;
    let full = sources
        .iter()
        .filter(|s| matches!(s.kind, Some(SourceKind::Full) | None));
    full.chain(sources).find_map(|s| s.url.clone())
}
