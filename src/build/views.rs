//! The data the templates see: one `Serialize` view per page kind and the pieces
//! they share, and the text helpers that shape them.

use super::*;

#[derive(Serialize)]
pub(super) struct SiteCtx<'a> {
    pub(super) title: &'a str,
    pub(super) base_path: &'a str,
    pub(super) base_url: &'a str,
    pub(super) language: &'a str,
}

#[derive(Serialize)]
pub(super) struct PageCtx {
    pub(super) title: String,
    pub(super) description: String,
    pub(super) url: String,
    pub(super) section: &'static str,
    pub(super) has_code: bool,
    pub(super) og_type: &'static str,
    /// The previous and next pages of a list split into pages (`rel=prev/next`).
    pub(super) prev: Option<String>,
    pub(super) next: Option<String>,
}

#[derive(Serialize, Clone)]
pub(super) struct TopicBadge {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) url: String,
}

#[derive(Serialize, Clone)]
pub(super) struct NameUrl {
    pub(super) name: String,
    pub(super) url: String,
}

/// An exchange as site-wide pages show it.
#[derive(Serialize, Deserialize, Clone, PartialEq)]
pub(super) struct ExchangeMeta {
    pub(super) briefing_title: String,
    pub(super) briefing_url: String,
    pub(super) date: String,
    pub(super) date_text: String,
    pub(super) title: String,
    pub(super) url: String,
    pub(super) abs_url: String,
    pub(super) asked_by: Option<String>,
    pub(super) asked_by_text: String,
    pub(super) answered_by: Vec<String>,
    pub(super) topics: Vec<String>,
    /// The question's opening, for feeds.
    pub(super) summary: String,
}

#[derive(Serialize, Deserialize, Clone, PartialEq)]
pub(super) struct BriefingCard {
    pub(super) title: String,
    pub(super) date: String,
    /// The year it was held, for lists by year.
    pub(super) year: u16,
    pub(super) date_text: String,
    pub(super) url: String,
    pub(super) exchanges: usize,
    /// Who held it (`host`), for the About page's list of publishers.
    pub(super) host: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq)]
pub(super) struct Passage {
    pub(super) topic: usize,
    pub(super) snippet: String,
    pub(super) speaker: Option<String>,
    pub(super) url: String,
    pub(super) context: String,
}

/// A sentence said at a briefing with its figures ("3 trillion yuan"), for the
/// figures index and the topic and official pages. Kept compact (an archive of
/// 100,000 exchanges has some 400,000): positions rather than copies of names.
#[derive(Serialize, Deserialize, Clone, PartialEq)]
pub(super) struct FigureMeta {
    /// The sentence, plain text, cut to 150 characters around its figures.
    pub(super) sentence: String,
    /// Where each figure is in `sentence` (byte ranges, in order).
    pub(super) marks: Vec<(u32, u32)>,
    /// Who said it: a position in the briefing's `voices`.
    pub(super) speaker: Option<u16>,
    /// The exchange it was said in (its position in the briefing); None for the
    /// briefing's opening or closing remarks.
    pub(super) exchange: Option<u32>,
    pub(super) closing: bool,
    /// Its paragraph's id on that page.
    pub(super) anchor: String,
    /// The exchange's topics and those its sentence mentions (positions in the
    /// site's list).
    pub(super) topics: Vec<u16>,
}

impl FigureMeta {
    /// Its figures, as said.
    pub(super) fn figures(&self) -> impl Iterator<Item = &str> {
        self.marks
            .iter()
            .map(|&(a, b)| &self.sentence[a as usize..b as usize])
    }

    /// Whether it is on the topic at `t` in the site's list.
    pub(super) fn on(&self, t: usize) -> bool {
        self.topics.iter().any(|&x| x as usize == t)
    }
}

#[derive(Serialize, Deserialize, Clone, PartialEq)]
pub(super) struct PointMeta {
    pub(super) topics: Vec<String>,
    pub(super) headline: String,
    pub(super) url: String,
    pub(super) date_text: String,
}

/// What a briefing leaves for the site-wide pages.
#[derive(Serialize, Deserialize)]
pub(super) struct BriefingOut {
    pub(super) card: BriefingCard,
    pub(super) exchanges: Vec<ExchangeMeta>,
    pub(super) passages: Vec<Passage>,
    pub(super) points: Vec<PointMeta>,
    /// Every sentence with a figure, in order.
    pub(super) figures: Vec<FigureMeta>,
    /// Who says them ([`FigureMeta::speaker`]).
    pub(super) voices: Vec<String>,
    pub(super) roles: Vec<(String, String)>,
    /// This briefing's records of the data export: JSON lines, compressed (a gzip
    /// member); appended to its year's file when its chunk is done, then emptied.
    #[serde(with = "serde_bytes")]
    pub(super) export: Vec<u8>,
    pub(super) has_code: bool,
    pub(super) pages: Vec<String>,
    /// Its pages as the search index holds them, handed to the index in order.
    pub(super) search: Vec<crate::render::search::Document>,
    /// How many documents it has in the search index (its numbers follow those of
    /// the briefings before it).
    pub(super) documents: usize,
}

impl BriefingOut {
    /// Who said `f`, one of its figures.
    pub(super) fn voice(&self, f: &FigureMeta) -> Option<&str> {
        f.speaker
            .and_then(|i| self.voices.get(i as usize))
            .map(String::as_str)
    }
}

pub(super) fn asked_by_text(asked_by: Option<&str>) -> String {
    asked_by.map_or_else(|| "a reporter (outlet not given)".to_owned(), str::to_owned)
}

/// A passage around a mention: up to `radius` characters each side, the phrase marked.
pub(super) fn snippet(text: &str, start: usize, end: usize, radius: usize) -> String {
    let (cut, marks) = cut(text, &[(start as u32, end as u32)], radius);
    marked(&cut, &marks)
}

/// `text` from up to `radius` characters before its first mark to as many after its
/// last, cut at spaces ("…" where cut), with `marks` (byte ranges, in order, apart)
/// moved to match.
pub(super) fn cut(text: &str, marks: &[(u32, u32)], radius: usize) -> (String, Vec<(u32, u32)>) {
    let (Some(&(first, _)), Some(&(_, last))) = (marks.first(), marks.last()) else {
        return (text.to_owned(), Vec::new());
    };
    let (first, last) = (first as usize, last as usize);
    let before: String = {
        let chars: Vec<char> = text[..first].chars().rev().take(radius + 1).collect();
        let cut = chars.len() > radius;
        let mut s: String = chars
            .into_iter()
            .take(radius)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if cut {
            if let Some(space) = s.find(' ') {
                s = s[space + 1..].to_owned();
            }
            s.insert(0, '…');
        }
        s
    };
    let after: String = {
        let mut s: String = text[last..].chars().take(radius).collect();
        if text[last..].chars().nth(radius).is_some() {
            if let Some(space) = s.rfind(' ') {
                s.truncate(space);
            }
            s.push('…');
        }
        s
    };
    let mut out = String::with_capacity(before.len() + last - first + after.len());
    out.push_str(&before);
    out.push_str(&text[first..last]);
    out.push_str(&after);
    // Lengths of text cut from a paragraph fit in u32.
    let shift = first as i64 - before.len() as i64;
    let moved = marks
        .iter()
        .map(|&(a, b)| ((a as i64 - shift) as u32, (b as i64 - shift) as u32))
        .collect();
    (out, moved)
}

/// `text` as HTML with each of `marks` (byte ranges, in order, apart) marked.
pub(super) fn marked(text: &str, marks: &[(u32, u32)]) -> String {
    let mut html = String::with_capacity(text.len() + 16 * marks.len());
    let mut at = 0;
    for &(a, b) in marks {
        let (a, b) = (a as usize, b as usize);
        html.push_str(&escape(&text[at..a]));
        html.push_str("<mark>");
        html.push_str(&escape(&text[a..b]));
        html.push_str("</mark>");
        at = b;
    }
    html.push_str(&escape(&text[at..]));
    html
}

#[derive(Serialize)]
pub(super) struct PersonCtx {
    pub(super) name: String,
    pub(super) role: String,
    pub(super) url: Option<String>,
}

#[derive(Serialize)]
pub(super) struct SourceCtx {
    pub(super) file: String,
    pub(super) kind: String,
    pub(super) lines: Option<String>,
    pub(super) published: Option<String>,
    pub(super) url: Option<String>,
    /// "Full transcript", "Part of the transcript", "Summary (machine-translated)".
    pub(super) label: &'static str,
}

#[derive(Serialize)]
pub(super) struct BriefingCtx {
    pub(super) title: String,
    pub(super) date: String,
    pub(super) date_text: String,
    pub(super) time: Option<String>,
    pub(super) location: Option<String>,
    pub(super) series: Option<String>,
    pub(super) host: Option<String>,
    pub(super) lead: Option<String>,
    pub(super) url: String,
    pub(super) moderator: Option<PersonCtx>,
    pub(super) speakers: Vec<PersonCtx>,
    pub(super) sources: Vec<SourceCtx>,
    /// The original page, when a source gives one: the full transcript's first.
    pub(super) original: Option<String>,
    pub(super) translators: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct TitleUrl {
    pub(super) title: String,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct ExchangeCtx {
    pub(super) stem: String,
    pub(super) title: String,
    pub(super) order: u32,
    pub(super) url: String,
    pub(super) asked_by_text: String,
    pub(super) asked_by_url: Option<String>,
    pub(super) answered_by: Vec<NameUrl>,
    pub(super) topics: Vec<TopicBadge>,
    /// A placeholder: the body is spliced in after rendering.
    pub(super) html: String,
    pub(super) cite: Option<super::cite::CiteCtx>,
    pub(super) in_briefing: String,
}

#[derive(Serialize)]
pub(super) struct ExchangePage<'a> {
    pub(super) site: SiteCtx<'a>,
    pub(super) page: PageCtx,
    pub(super) briefing: &'a BriefingCtx,
    pub(super) exchange: ExchangeCtx,
    pub(super) prev: Option<TitleUrl>,
    pub(super) next: Option<TitleUrl>,
}

#[derive(Serialize)]
pub(super) struct BriefingPage<'a> {
    pub(super) site: SiteCtx<'a>,
    pub(super) page: PageCtx,
    pub(super) briefing: &'a BriefingCtx,
    pub(super) opening_html: String,
    pub(super) closing_html: Option<String>,
    pub(super) summary_url: Option<String>,
    pub(super) exchanges: Vec<ExchangeCtx>,
    pub(super) cite: super::cite::CiteCtx,
}

#[derive(Serialize)]
pub(super) struct SummaryCtx {
    pub(super) title: String,
    pub(super) html: String,
}

#[derive(Serialize)]
pub(super) struct SummaryPage<'a> {
    pub(super) site: SiteCtx<'a>,
    pub(super) page: PageCtx,
    pub(super) briefing: &'a BriefingCtx,
    pub(super) summary: SummaryCtx,
}

#[derive(Serialize)]
pub(super) struct TopicCard {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) description: String,
    pub(super) url: String,
    pub(super) count: usize,
}

#[derive(Serialize)]
pub(super) struct Group<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) date: &'a str,
    pub(super) date_text: &'a str,
    pub(super) exchanges: Vec<Item<'a>>,
}

/// An exchange in a list: what a list shows of it, borrowed.
#[derive(Serialize, Clone)]
pub(super) struct Item<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) asked_by_text: &'a str,
    pub(super) date_text: &'a str,
}

impl<'a> From<&'a ExchangeMeta> for Item<'a> {
    fn from(e: &'a ExchangeMeta) -> Self {
        Item {
            title: &e.title,
            url: &e.url,
            asked_by_text: &e.asked_by_text,
            date_text: &e.date_text,
        }
    }
}

#[derive(Serialize)]
pub(super) struct PersonCard {
    pub(super) name: String,
    pub(super) url: String,
    pub(super) count: usize,
    pub(super) count_label: &'static str,
}

#[derive(Serialize, Clone)]
pub(super) struct Role {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) date: String,
    pub(super) date_text: String,
    pub(super) role: String,
}

#[derive(Serialize)]
pub(super) struct PersonPage<'a> {
    pub(super) name: String,
    pub(super) feed: String,
    pub(super) roles: Vec<Role>,
    pub(super) exchanges: Vec<Item<'a>>,
}
