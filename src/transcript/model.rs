//! What the importer understands of a briefing, before it becomes content files.

use super::dates::Date;

/// Where a piece of text was read: which input (index into `Archive::sources`) and line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    pub source: usize,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub text: String,
    /// Every copy of this paragraph: the full transcript's line, a fragment's line, ...
    pub origins: Vec<Origin>,
    /// A cheap signature of the text as compared across inputs (its first and last
    /// letters and digits), taken while the text is fresh in memory, so that
    /// reconciliation can rule out most paragraphs without reading them again.
    pub ends: (u64, u64),
}

impl Paragraph {
    pub fn new(text: String, origin: Origin) -> Paragraph {
        Paragraph {
            ends: super::lines::comparable_ends(&text),
            text,
            origins: vec![origin],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub role: String,
    pub honorific: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    Moderator(String),
    Official(String),
    /// A reporter's question, labelled with the media outlet.
    Outlet(String),
    /// A question whose outlet the transcript does not give.
    UnnamedOutlet,
}

impl Speaker {
    pub fn is_question(&self) -> bool {
        matches!(self, Speaker::Outlet(_) | Speaker::UnnamedOutlet)
    }
}

#[derive(Debug, Clone)]
pub struct Turn {
    pub speaker: Speaker,
    /// Lines of the speaker label ("Wang Hongzhi:"), in every input that has it.
    pub label_origins: Vec<Origin>,
    /// The input that supplied the label when the main transcript lost it.
    pub label_from: Option<usize>,
    pub paragraphs: Vec<Paragraph>,
}

/// One question and its answers, with the moderator's words that lead into it.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub turns: Vec<Turn>,
    pub asked_by: Option<String>,
    /// The input that named the outlet when the main transcript lost it.
    pub asked_by_from: Option<usize>,
    pub answered_by: Vec<String>,
    /// Topic ids, filled by the import from the classifier.
    pub topics: Vec<String>,
    /// Its title, made by the import once its topics are known.
    pub title: Option<String>,
}

impl Exchange {
    /// The paragraphs of the officials' turns.
    pub fn answers(&self) -> impl Iterator<Item = &Paragraph> {
        self.turns
            .iter()
            .filter(|t| matches!(t.speaker, Speaker::Official(_)))
            .flat_map(|t| &t.paragraphs)
    }

    /// The question's text: the first turn by a reporter.
    pub fn question(&self) -> &[Paragraph] {
        self.turns
            .iter()
            .find(|t| t.speaker.is_question())
            .map_or(&[], |t| &t.paragraphs)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Full,
    Fragment,
    Summary,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Full => "full",
            SourceKind::Fragment => "fragment",
            SourceKind::Summary => "summary",
        }
    }
}

/// One raw input file.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file's name as recorded in content (`003_82f2089172cb1c59.txt`).
    pub file: String,
    pub kind: SourceKind,
    pub line_count: usize,
    /// A web page's own date, when it is not the briefing's.
    pub published: Option<Date>,
    /// The page's address, when the text gives it.
    pub url: Option<String>,
}

/// What a summary point is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointTarget {
    Opening,
    Exchange(usize),
}

#[derive(Debug, Clone)]
pub struct SummaryPoint {
    pub headline: String,
    pub line: usize,
    pub paragraphs: Vec<Paragraph>,
    /// The official the point quotes, as named in the roster.
    pub speaker: Option<String>,
    pub target: Option<PointTarget>,
    /// Within the target, the paragraph (1-based, as its body numbers them) that says
    /// it most nearly.
    pub paragraph: Option<usize>,
    /// Topic ids, filled by the import from the classifier.
    pub topics: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub title: String,
    pub source: usize,
    pub intro: Vec<Paragraph>,
    pub points: Vec<SummaryPoint>,
}

#[derive(Debug, Clone)]
pub struct Briefing {
    pub title: String,
    pub date: Date,
    /// Where the date came from when it is a guess a person should confirm
    /// ("published": the page's own date; "file name"; "month").
    pub date_guessed_from: Option<&'static str>,
    /// Made from one page of a multi-page article alone: the rest is missing.
    pub partial: bool,
    /// That page's number, when it says.
    pub page: Option<u32>,
    pub time: Option<String>,
    pub location: Option<String>,
    pub series: Option<String>,
    pub host: Option<String>,
    pub lead: Vec<String>,
    pub moderator: Option<Person>,
    pub speakers: Vec<Person>,
    pub translators: Vec<String>,
    /// Indexes into `Archive::sources`, main transcript first.
    pub sources: Vec<usize>,
    pub opening: Vec<Turn>,
    pub exchanges: Vec<Exchange>,
    pub closing: Vec<Turn>,
    pub summary: Option<Summary>,
    /// The importer's decisions a person may want to check (`import --explain`).
    pub notes: Vec<String>,
}

/// Everything one import understood.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    pub sources: Vec<Source>,
    pub briefings: Vec<Briefing>,
    /// Things a person should look at; none stops the import.
    pub warnings: Vec<(usize, String)>,
}

/// The first and last line each input contributed to some turns.
pub fn line_ranges<'a>(turns: impl IntoIterator<Item = &'a Turn>) -> Vec<(usize, usize, usize)> {
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new();
    let mut add = |o: &Origin| match ranges.iter_mut().find(|r| r.0 == o.source) {
        Some(r) => {
            r.1 = r.1.min(o.line);
            r.2 = r.2.max(o.line);
        }
        None => ranges.push((o.source, o.line, o.line)),
    };
    for turn in turns {
        turn.label_origins.iter().for_each(&mut add);
        turn.paragraphs
            .iter()
            .flat_map(|p| &p.origins)
            .for_each(&mut add);
    }
    ranges.sort();
    ranges
}
