//! All inputs together: one briefing per event. A fragment's paragraphs that the full
//! transcript has are not repeated, what only the fragment has is kept in place (an
//! outlet label the full transcript lost, a paragraph), and a summary is attached to
//! the briefing it summarises, each point linked to the exchange that says the same.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rayon::prelude::*;

use super::blocks::Block;
use super::fragment::Fragment;
use super::full::DateFrom;
use super::full::Header;
use super::lines::{comparable, comparable_hash};
use super::model::{Archive, Briefing, Origin, Person, Summary};
use super::summary::SummaryDoc;
use super::{flow, link, Document, Parsed};
use crate::error::{Error, Errors};

/// A briefing being assembled: the header of its main input and the blocks of all.
struct Draft {
    header: Header,
    blocks: Vec<Block>,
    sources: Vec<usize>,
    /// Made from a page of a multi-page article alone (its number, when it says).
    partial: bool,
    page: Option<u32>,
    /// What was merged into it, and on what evidence (`import --explain`).
    merges: Vec<String>,
}

/// Reconciles inputs parsed by [`super::parse`]; an input is known by its position in
/// `parsed`, in `Archive::sources`; an error names its input by file name, as given to [`super::parse`].
pub fn reconcile(parsed: Vec<Parsed>) -> Result<Archive, Errors> {
    let mut archive = Archive::default();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut fragments = Vec::new();
    let mut summaries = Vec::new();
    for (index, mut p) in parsed.into_iter().enumerate() {
        p.document.number(index);
        for w in p.warnings {
            archive.warnings.push((index, w));
        }
        archive.sources.push(p.source);
        match p.document {
            Document::Full(t) => drafts.push(Draft {
                header: t.header,
                blocks: t.blocks,
                sources: vec![index],
                partial: false,
                page: None,
                merges: Vec::new(),
            }),
            Document::Fragment(f) => fragments.push((index, f)),
            Document::Summary(s) => summaries.push((index, s)),
        }
    }

    let mut errors = place_fragments(&mut drafts, fragments, &mut archive);
    let mut briefings: Vec<Briefing> = drafts.into_par_iter().map(finish).collect();
    for (source, doc) in summaries {
        match attach_summary(&mut briefings, doc, source) {
            Ok(()) => {}
            Err(e) => errors.push(e.in_file(&archive.sources[source].file)),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    briefings.par_iter_mut().for_each(|briefing| {
        if let Some(mut summary) = briefing.summary.take() {
            link::link_points(briefing, &mut summary);
            briefing.summary = Some(summary);
        }
    });
    briefings.sort_by(|a, b| (a.date, &a.title).cmp(&(b.date, &b.title)));
    archive.briefings = briefings;
    Ok(archive)
}

/// Each page fragment goes into the draft it shares paragraphs with, or becomes a
/// briefing of its own (with warnings); the errors of those that can be neither.
fn place_fragments(
    drafts: &mut Vec<Draft>,
    fragments: Vec<(usize, Fragment)>,
    archive: &mut Archive,
) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut fragments = fragments;
    // Pages of one article in their order, whatever order the files came in.
    fragments.sort_by_key(|(source, f)| (f.page.is_none(), f.page, *source));
    let mut shared = ParagraphIndex::for_fragments(&fragments);
    for (i, d) in drafts.iter().enumerate() {
        shared.add(i, &d.blocks);
    }
    for (source, fragment) in fragments {
        if let Some((target, why)) = place_fragment(drafts, &shared, &fragment) {
            let draft = &mut drafts[target];
            shared.add(target, &fragment.blocks);
            merge_fragment(&mut draft.blocks, fragment.blocks, source);
            draft.sources.push(source);
            draft.merges.push(format!(
                "{} merged into this briefing: {why}",
                archive.sources[source].file
            ));
            if draft.partial {
                // Several pages of the article: which one it is no longer says much.
                draft.page = None;
            }
            continue;
        }
        let file = archive.sources[source].file.clone();
        match standalone(fragment, source, &file) {
            Ok(draft) => {
                archive.warnings.push((
                    source,
                    "no full transcript of this briefing was imported with it: \
                     the briefing is made from this page alone"
                        .to_owned(),
                ));
                if let Some(w) = draft.header.date_warning("page") {
                    archive.warnings.push((source, w));
                }
                shared.add(drafts.len(), &draft.blocks);
                drafts.push(draft);
            }
            Err(e) => errors.push(e.in_file(&file)),
        }
    }
    errors
}

/// Which drafts hold a paragraph that some fragment has, by the fingerprint of its
/// comparable text. Only paragraphs that begin and end like a fragment's are
/// fingerprinted: most do not, and cost a look at their ends.
struct ParagraphIndex {
    ends: HashSet<(u64, u64)>,
    holders: HashMap<u64, Vec<usize>>,
}

impl ParagraphIndex {
    fn for_fragments(fragments: &[(usize, Fragment)]) -> ParagraphIndex {
        let ends = fragments
            .iter()
            .flat_map(|(_, f)| &f.blocks)
            .flat_map(|b| &b.paragraphs)
            .map(|p| p.ends)
            .collect();
        ParagraphIndex {
            ends,
            holders: HashMap::default(),
        }
    }

    fn add(&mut self, draft: usize, blocks: &[Block]) {
        if self.ends.is_empty() {
            return;
        }
        for p in blocks.iter().flat_map(|b| &b.paragraphs) {
            if !self.ends.contains(&p.ends) {
                continue;
            }
            let holders = self.holders.entry(comparable_hash(&p.text)).or_default();
            // Drafts are added in order: a repeat within one draft is the last entry.
            if holders.last() != Some(&draft) {
                holders.push(draft);
            }
        }
    }
}

/// Where a fragment belongs, and the evidence. A merge needs positive evidence of
/// one event, because a wrong merge corrupts the archive silently:
/// - substantive paragraphs in common (two, or all the page has when it has one);
/// - else the same held date and a title that agrees in its distinctive words (not
///   "press conference" or "regular"), with no disjoint set of named officials;
/// - else, for another page of an article already placed alone, the same title and
///   page date.
///
/// Never across two different held dates.
fn place_fragment(
    drafts: &[Draft],
    index: &ParagraphIndex,
    fragment: &Fragment,
) -> Option<(usize, &'static str)> {
    // The page's own date cannot come before the briefing it reports.
    // The page's own date cannot come before the briefing it reports, nor long after
    // (a page is put up within days; a month is generous).
    let date_agrees = |d: &Draft| {
        fragment.date.is_none_or(|date| date == d.header.date)
            && fragment
                .published
                .is_none_or(|p| (0..=31).contains(&d.header.date.days_until(p)))
    };
    let substantive: Vec<&super::model::Paragraph> = fragment
        .blocks
        .iter()
        .flat_map(|b| &b.paragraphs)
        .filter(|p| substantive(&p.text))
        .collect();
    let mut counts: HashMap<usize, usize> = HashMap::default();
    for p in &substantive {
        let mut seen: Vec<usize> = Vec::new();
        for &d in index
            .holders
            .get(&comparable_hash(&p.text))
            .into_iter()
            .flatten()
        {
            if !seen.contains(&d) {
                seen.push(d);
                *counts.entry(d).or_default() += 1;
            }
        }
    }
    let needed = if substantive.len() <= 1 { 1 } else { 2 };
    let by_paragraphs = counts
        .into_iter()
        .filter(|&(d, n)| n >= needed && date_agrees(&drafts[d]))
        .max_by_key(|&(d, n)| (n, std::cmp::Reverse(d)))
        .map(|(d, _)| (d, "it shares paragraphs with it"));
    if by_paragraphs.is_some() {
        return by_paragraphs;
    }
    let title = fragment.title.as_deref()?;
    let people: Vec<&str> = fragment.named.iter().map(|n| n.name.as_str()).collect();
    let disjoint = |d: &Draft| {
        let theirs: Vec<&str> = d
            .header
            .roster
            .iter()
            .map(|p| p.name.as_str())
            .chain(d.header.named.iter().map(|n| n.name.as_str()))
            .collect();
        !people.is_empty() && !theirs.is_empty() && !people.iter().any(|p| theirs.contains(p))
    };
    if let Some(date) = fragment.date {
        let by_title = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| d.header.date == date && !disjoint(d))
            .map(|(i, d)| (i, title_similarity(title, &d.header.title)))
            .filter(|&(_, s)| s >= 0.6)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| (i, "same held date and title"));
        if by_title.is_some() {
            return by_title;
        }
    }
    // Another page of an article placed alone: the same title, the same page date,
    // and a page number that is not the same page again.
    drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.partial && date_agrees(d))
        .filter(|(_, d)| d.header.published.is_some() && d.header.published == fragment.published)
        .filter(|(_, d)| comparable(&d.header.title) == comparable(title))
        .find(|(_, d)| fragment.page.is_none() || d.page != fragment.page)
        .map(|(i, _)| {
            (
                i,
                "another page of the same article (same title and page date)",
            )
        })
}

/// A paragraph that says something of its own: not "Thank you." or "Next question."
/// that every briefing has.
fn substantive(text: &str) -> bool {
    text.split_whitespace().count() >= 8
}

/// How far two titles agree, in the words that tell one briefing from another: not
/// "press conference", "regular", "transcript".
fn title_similarity(a: &str, b: &str) -> f64 {
    const GENERIC: &[&str] = &[
        "press",
        "conference",
        "briefing",
        "regular",
        "transcript",
        "the",
        "and",
        "for",
        "scio",
        "held",
        "on",
        "of",
        "full",
        "text",
        "remarks",
        "daily",
        "media",
        "news",
        "spokesperson",
        "ministry",
        "foreign",
        "affairs",
        "office",
        "state",
        "council",
        "information",
    ];
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2)
            .map(str::to_lowercase)
            .filter(|w| !GENERIC.contains(&w.as_str()))
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.iter().filter(|w| b.contains(w)).count();
    common as f64 / a.len().max(b.len()) as f64
}

/// A fragment that matches no full transcript becomes a briefing of its own, as long
/// as it says when the briefing was held.
fn standalone(fragment: Fragment, source: usize, file: &str) -> Result<Draft, Error> {
    let (date, date_from) = match fragment.date {
        Some(d) => (d, DateFrom::Lead),
        None => super::full::held_date(&[], fragment.published, file).ok_or_else(|| {
            Error::input(
                fragment.date_line,
                None,
                "cannot tell which briefing this page belongs to: it shares no paragraph \
                 with the other inputs and does not say when the briefing was held",
                "import it together with the full transcript of its briefing, or add a lead \
                 sentence such as 'The SCIO held a press conference on Jan. 24'",
            )
        })?,
    };
    let roster =
        super::full::roster_from_text(fragment.title.as_deref().unwrap_or(""), &fragment.lead);
    Ok(Draft {
        header: Header {
            title: fragment
                .title
                .unwrap_or_else(|| format!("Briefing of {date}")),
            date,
            date_from,
            published: fragment.published,
            time: None,
            location: None,
            series: None,
            host: None,
            lead: fragment.lead,
            roster,
            moderators: Vec::new(),
            translators: fragment.translators,
            named: fragment.named,
        },
        blocks: fragment.blocks,
        sources: vec![source],
        partial: true,
        page: fragment.page,
        merges: Vec::new(),
    })
}

/// Walks the fragment's paragraphs in order against the base. A paragraph the base
/// has gains the fragment as a second origin; a label the base lost is restored; a
/// paragraph or block only the fragment has is inserted after the last one matched.
fn merge_fragment(base: &mut Vec<Block>, fragment: Vec<Block>, source: usize) {
    let wanted: HashSet<(u64, u64)> = fragment
        .iter()
        .flat_map(|b| &b.paragraphs)
        .map(|p| p.ends)
        .collect();
    let mut positions = position_index(base, &wanted);
    let mut cursor: Option<(usize, usize)> = None;
    for fblock in fragment {
        let mut current_block: Option<usize> = None;
        for (i, paragraph) in fblock.paragraphs.into_iter().enumerate() {
            let key = comparable(&paragraph.text);
            let same = |&(b, p): &(usize, usize)| comparable(&base[b].paragraphs[p].text) == key;
            let found = positions
                .get(&comparable_hash(&paragraph.text))
                .and_then(|candidates| {
                    let mut same_text = candidates.iter().copied().filter(same);
                    let first = same_text.clone().next();
                    same_text
                        .find(|&pos| cursor.is_none_or(|c| pos > c))
                        .or(first)
                });
            if let Some((b, p)) = found {
                base[b].paragraphs[p].origins.extend(paragraph.origins);
                if i == 0 {
                    adopt_label(&mut base[b], &fblock.label, &fblock.label_origins, source);
                }
                cursor = Some((b, p));
                current_block = Some(b);
                continue;
            }
            match current_block {
                Some(b) => {
                    let at = cursor.map_or(0, |c| c.1 + 1);
                    base[b].paragraphs.insert(at, paragraph);
                    cursor = Some((b, at));
                }
                None => {
                    let b = cursor.map_or(base.len(), |c| c.0 + 1);
                    base.insert(
                        b,
                        Block {
                            label: fblock.label.clone(),
                            label_origins: fblock.label_origins.clone(),
                            label_from: fblock.label.as_ref().map(|_| source),
                            paragraphs: vec![paragraph],
                            after_gap: fblock.after_gap,
                        },
                    );
                    cursor = Some((b, 0));
                    current_block = Some(b);
                }
            }
            positions = position_index(base, &wanted);
        }
    }
}

fn adopt_label(block: &mut Block, label: &Option<String>, origins: &[Origin], source: usize) {
    let Some(label) = label else { return };
    match &block.label {
        None => {
            block.label = Some(label.clone());
            block.label_from = Some(source);
            block.label_origins.extend_from_slice(origins);
        }
        Some(own) if comparable(own) == comparable(label) => {
            block.label_origins.extend_from_slice(origins);
        }
        Some(_) => {}
    }
}

/// Where each paragraph of `blocks` that could match one of the `wanted` stands.
fn position_index(
    blocks: &[Block],
    wanted: &HashSet<(u64, u64)>,
) -> HashMap<u64, Vec<(usize, usize)>> {
    let mut index: HashMap<u64, Vec<(usize, usize)>> = HashMap::default();
    for (b, block) in blocks.iter().enumerate() {
        for (p, paragraph) in block.paragraphs.iter().enumerate() {
            if !wanted.contains(&paragraph.ends) {
                continue;
            }
            index
                .entry(comparable_hash(&paragraph.text))
                .or_default()
                .push((b, p));
        }
    }
    index
}

fn finish(draft: Draft) -> Briefing {
    let Draft {
        header,
        blocks,
        sources,
        partial,
        page,
        merges,
    } = draft;
    // No roster: the people the header names in their office ("Press Briefing by
    // Deputy Spokesperson Jonathan Pyle") are the podium.
    let mut header = header;
    if header.roster.is_empty() {
        header.roster = header
            .named
            .iter()
            .filter(|n| !header.moderators.iter().any(|m| m.name == n.name))
            .map(|n| Person {
                name: n.name.clone(),
                role: n.office.clone(),
                honorific: None,
            })
            .collect();
    }
    let mut flow = flow::build(blocks, &header.roster, &header.moderators);
    let settled =
        super::podium::settle(&mut flow, &header.roster, &header.moderators, &header.named);
    let mut speakers = header.roster;
    speakers.extend(settled.officials);
    // No moderator in the header: the one who ran the briefing by the flow.
    let moderator = header.moderators.into_iter().next().or_else(|| {
        flow.opening
            .iter()
            .chain(flow.exchanges.iter().flat_map(|e| &e.turns))
            .find_map(|t| match &t.speaker {
                super::model::Speaker::Moderator(n) if !n.is_empty() => Some(Person {
                    name: n.clone(),
                    role: String::new(),
                    honorific: None,
                }),
                _ => None,
            })
    });
    Briefing {
        title: header.title,
        date: header.date,
        date_guessed_from: header
            .date_from
            .is_guess()
            .then(|| header.date_from.as_str()),
        partial,
        page,
        time: header.time,
        location: header.location,
        series: header.series,
        host: header.host,
        lead: header.lead,
        moderator,
        speakers,
        notes: merges
            .into_iter()
            .chain(settled.notes)
            .chain(flow.notes)
            .collect(),
        translators: header.translators,
        sources,
        opening: flow.opening,
        exchanges: flow.exchanges,
        closing: flow.closing,
        summary: None,
    }
}

/// A summary gives its day without the year: it belongs to the briefing held on that
/// day whose officials it names most.
fn attach_summary(briefings: &mut [Briefing], doc: SummaryDoc, source: usize) -> Result<(), Error> {
    let text: String = doc
        .intro
        .iter()
        .chain(doc.points.iter().flat_map(|p| &p.paragraphs))
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let best = briefings
        .iter()
        .enumerate()
        .filter(|(_, b)| (b.date.month, b.date.day) == (doc.day.month, doc.day.day))
        .filter(|(_, b)| b.summary.is_none())
        .max_by_key(|(_, b)| {
            let named = b
                .speakers
                .iter()
                .filter(|s| text.contains(s.name.as_str()))
                .count();
            (named, b.date)
        })
        .map(|(i, _)| i);
    let Some(i) = best else {
        return Err(Error::input(
            doc.intro.first().map_or(1, |p| p.origins[0].line),
            None,
            format!(
                "this summary's briefing (held on {}/{}, year not given) matches no \
                 briefing imported with it",
                doc.day.month, doc.day.day
            ),
            "import it together with the full transcript of that briefing \
             (run `import` with no arguments to import every file in transcripts/)",
        ));
    };
    let briefing = &mut briefings[i];
    briefing.sources.push(source);
    // Points are linked to exchanges later, for all briefings in parallel.
    briefing.summary = Some(Summary {
        title: doc.title,
        source,
        intro: doc.intro,
        points: doc.points,
    });
    Ok(())
}
