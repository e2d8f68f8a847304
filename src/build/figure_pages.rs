//! The figures index: every figure said ("3 trillion yuan", "80%"), with its sentence,
//! speaker and date, linked to its paragraph, by briefing (newest first, split by
//! year like a list); and the same groups for a topic's and an official's pages.

use super::*;

/// A briefing's figures, grouped by the exchange (or remarks) that says them.
#[derive(Serialize)]
pub(super) struct FigureGroup<'a> {
    title: &'a str,
    url: &'a str,
    date: &'a str,
    date_text: &'a str,
    parts: Vec<FigurePart<'a>>,
}

/// The figures of one exchange, or of the opening or closing remarks: its title and
/// address, and its entries as HTML (`<li>`s). The entries are written here rather
/// than in a template: an archive has tens of thousands, and handing each to the
/// template engine as data cost more than all the rest of their pages.
#[derive(Serialize)]
struct FigurePart<'a> {
    context: &'a str,
    url: &'a str,
    entries: String,
}

/// Who says a list's figures: shown with each, or not (an official's own page).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Speakers {
    Shown,
    Hidden,
}

/// The figures of `briefings` that `keep` selects, by briefing and then by the page
/// that says them; briefings with none are left out.
pub(super) fn figure_groups<'a>(
    briefings: &[&'a BriefingOut],
    speakers: Speakers,
    keep: impl Fn(&BriefingOut, &FigureMeta) -> bool,
) -> Vec<FigureGroup<'a>> {
    group(
        briefings
            .iter()
            .flat_map(|&o| o.figures.iter().map(move |f| (o, f)))
            .filter(|(o, f)| keep(o, f)),
        speakers,
    )
}

/// Figures in order, each with its briefing, grouped by briefing and page.
fn group<'a>(
    figures: impl Iterator<Item = (&'a BriefingOut, &'a FigureMeta)>,
    speakers: Speakers,
) -> Vec<FigureGroup<'a>> {
    let mut groups: Vec<FigureGroup<'a>> = Vec::new();
    for (o, f) in figures {
        let (context, url) = match f.exchange.and_then(|i| o.exchanges.get(i as usize)) {
            Some(e) => (e.title.as_str(), e.url.as_str()),
            None if f.closing => ("Closing remarks", o.card.url.as_str()),
            None => ("Opening remarks", o.card.url.as_str()),
        };
        if groups.last().is_none_or(|g| g.url != o.card.url) {
            groups.push(FigureGroup {
                title: &o.card.title,
                url: &o.card.url,
                date: &o.card.date,
                date_text: &o.card.date_text,
                parts: Vec::new(),
            });
        }
        let Some(g) = groups.last_mut() else {
            continue;
        };
        if g.parts
            .last()
            .is_none_or(|p| p.url != url || p.context != context)
        {
            g.parts.push(FigurePart {
                context,
                url,
                entries: String::new(),
            });
        }
        if let Some(part) = g.parts.last_mut() {
            let speaker = (speakers == Speakers::Shown).then(|| o.voice(f)).flatten();
            entry(&mut part.entries, f, url, speaker);
        }
    }
    groups
}

/// One sentence's entry: its figures, each linked to the paragraph, then the
/// sentence with them marked, and who said it (when shown).
fn entry(html: &mut String, f: &FigureMeta, page: &str, speaker: Option<&str>) {
    let href = escape(&format!("{page}#{}", f.anchor));
    html.push_str("<li>");
    for (i, figure) in f.figures().enumerate() {
        if i > 0 {
            html.push_str(" · ");
        }
        html.push_str("<a class=\"figure\" href=\"");
        html.push_str(&href);
        html.push_str("\">");
        html.push_str(&escape(figure));
        html.push_str("</a>");
    }
    html.push_str(" <span class=\"said\">");
    html.push_str(&marked(&f.sentence, &f.marks));
    if let Some(speaker) = speaker {
        html.push_str(" <span class=\"muted\">(");
        html.push_str(&escape(speaker));
        html.push_str(")</span>");
    }
    html.push_str("</span></li>\n");
}

#[derive(Serialize)]
struct FiguresPage<'a> {
    site: SiteCtx<'a>,
    page: PageCtx,
    figures: Vec<FigureGroup<'a>>,
    count: usize,
    pager: Pager,
}

impl SitePages<'_, '_> {
    /// The figures index: the newest year at `figures/`, every other year at
    /// `figures/<year>/`, a year split into pages of `page_size` sentences. With
    /// `only` (briefings' positions, when an edit left each briefing's number of
    /// sentences with figures as it was), just the pages that show them are
    /// rendered. Returns the routes of all its pages.
    pub(super) fn figures(&self, only: Option<&BTreeSet<usize>>) -> Result<Vec<Route>, Errors> {
        let ctx = self.ctx;
        let list = Route::Figures;
        // Every sentence with a figure, newest first, with its briefing's position.
        let said: Vec<(usize, &FigureMeta)> = self
            .done
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.figures.iter().map(move |f| (i, f)))
            .collect();
        let years: Vec<u16> = said.iter().map(|(i, _)| self.done[*i].card.year).collect();
        let slots = slots(&years, &[], ctx.config.page_size);
        let split = SplitList {
            list: &list,
            slots: &slots,
            name: "Figures",
            description: "Every figure said at the briefings: amounts, percentages and \
                          counts, with the sentence, the speaker and the date.",
            section: "figures",
        };
        (0..slots.len())
            .into_par_iter()
            .map(|i| {
                let here = &said[slots[i].items.clone()];
                let wanted = only.is_none_or(|only| here.iter().any(|(i, _)| only.contains(i)));
                if !wanted {
                    return Ok(slot_route(&list, &slots, i));
                }
                let (route, page, pager) = split.page(ctx, i);
                let data = FiguresPage {
                    site: ctx.site(),
                    page,
                    count: here.iter().map(|(_, f)| f.marks.len()).sum(),
                    figures: group(
                        here.iter().map(|&(i, f)| (&self.done[i], f)),
                        Speakers::Shown,
                    ),
                    pager,
                };
                self.render(&route, &data)
            })
            .collect()
    }
}
