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
/// figures index and the topic and official pages.
#[derive(Serialize, Deserialize, Clone, PartialEq)]
pub(super) struct FigureMeta {
    /// The figures of one sentence, in order.
    pub(super) figures: Vec<String>,
    /// The sentence that says them, as HTML, each figure marked.
    pub(super) said: String,
    pub(super) speaker: Option<String>,
    /// The exchange it was said in (its position in the briefing); None for the
    /// briefing's opening or closing remarks.
    pub(super) exchange: Option<usize>,
    pub(super) closing: bool,
    /// Its paragraph's id on that page.
    pub(super) anchor: String,
    /// The exchange's topics and those its sentence mentions.
    pub(super) topics: Vec<String>,
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
    /// Every figure said, in order.
    pub(super) figures: Vec<FigureMeta>,
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

pub(super) fn asked_by_text(asked_by: Option<&str>) -> String {
    asked_by.map_or_else(|| "a reporter (outlet not given)".to_owned(), str::to_owned)
}

/// A passage around a mention: up to `radius` characters each side, the phrase marked.
pub(super) fn snippet(text: &str, start: usize, end: usize, radius: usize) -> String {
    marked(text, std::slice::from_ref(&(start..end)), radius)
}

/// `text` from up to `radius` characters before its first mark to as many after its
/// last, cut at spaces, each of `marks` (in order, apart) marked; as HTML.
pub(super) fn marked(text: &str, marks: &[std::ops::Range<usize>], radius: usize) -> String {
    let (Some(first), Some(last)) = (marks.first(), marks.last()) else {
        return escape(text);
    };
    let before: String = {
        let chars: Vec<char> = text[..first.start].chars().rev().take(radius + 1).collect();
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
        let mut s: String = text[last.end..].chars().take(radius).collect();
        if text[last.end..].chars().nth(radius).is_some() {
            if let Some(space) = s.rfind(' ') {
                s.truncate(space);
            }
            s.push('…');
        }
        s
    };
    let mut html = escape(&before);
    let mut at = first.start;
    for m in marks {
        html.push_str(&escape(&text[at..m.start]));
        html.push_str("<mark>");
        html.push_str(&escape(&text[m.clone()]));
        html.push_str("</mark>");
        at = m.end;
    }
    html.push_str(&escape(&after));
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
