//! `import --explain FILE`: every line of a transcript with what the importer took
//! it for and the rule that decided, so that a maintainer sees at once why an import
//! went wrong. Reads the file as `import` does (the same parse and reconcile) and
//! writes nothing.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use super::lines::{self, LineKind};
use super::model::{Briefing, Speaker, Turn};
use super::{decode, parse_with, reconcile, Formats};
use crate::error::Error;

/// The explanation of one file, or its error as `import` would print it.
pub fn explain_file(path: &Path, formats: &Formats) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(Error::io(path))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    explain(&name, &bytes, formats).map_err(|e| e.in_file(path))
}

/// What each line of `bytes` was taken for. Lines read as text get their role from
/// what the import made of them: title, date, roster, lead, or a turn's paragraph
/// and whose; the rest say why they were dropped.
pub fn explain(file: &str, bytes: &[u8], formats: &Formats) -> Result<String, super::Error> {
    let parsed = parse_with(file, bytes.to_vec(), formats)?;
    let kind = parsed.source.kind;
    let warnings = parsed.warnings.clone();
    let archive = reconcile(vec![parsed]).map_err(|mut e| e.0.remove(0))?;
    let decoded = decode::decode(bytes.to_vec())?;
    let raw = lines::split(&decoded.text);
    let wrapped = super::blocks::hard_wrapped(&raw);
    let roles = archive.briefings.first().map(roles).unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(out, "{file}: read as a {} input", kind.as_str());
    if let Some(b) = archive.briefings.first() {
        let _ = writeln!(
            out,
            "briefing: {:?}, {}{}; {} exchanges; officials: {}",
            b.title,
            b.date,
            b.date_guessed_from
                .map(|f| format!(" (a guess: the {f}'s date)"))
                .unwrap_or_default(),
            b.exchanges.len(),
            b.speakers
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for w in &warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    if let Some(b) = archive.briefings.first() {
        if let Some(m) = &b.moderator {
            let _ = writeln!(out, "moderator: {}", m.name);
        }
        for note in &b.notes {
            let _ = writeln!(out, "decided: {note}");
        }
        for (i, e) in b.exchanges.iter().enumerate() {
            let _ = writeln!(
                out,
                "exchange {}: asked by {}; answered by {}",
                i + 1,
                e.asked_by.as_deref().unwrap_or("(outlet not given)"),
                if e.answered_by.is_empty() {
                    "no one (unanswered)".to_owned()
                } else {
                    e.answered_by.join(", ")
                }
            );
        }
    }
    out.push('\n');
    for line in &raw {
        let (kind, why) = lines::classify_why(&line.text);
        let (kind, why) = if lines::is_running_head(line) {
            (
                LineKind::Noise,
                "a running head (the same line on every page of a print)",
            )
        } else {
            (kind, why)
        };
        let what = match kind {
            LineKind::Blank => continue,
            LineKind::Noise => format!("dropped: {why}"),
            LineKind::PageDate => format!("page date: {why}"),
            LineKind::Credit => why.to_owned(),
            LineKind::Heading => why.to_owned(),
            LineKind::Text
                if wrapped
                    && !roles.contains_key(&line.number)
                    && roles.contains_key(&(line.number - 1).max(1)) =>
            {
                "joined to the line above (a hard-wrapped copy)".to_owned()
            }
            LineKind::Label | LineKind::Text => roles
                .get(&line.number)
                .cloned()
                .unwrap_or_else(|| header_role(&line.text, archive.briefings.first())),
        };
        let text: String = line.text.chars().take(70).collect();
        let more = if line.text.chars().count() > 70 {
            "…"
        } else {
            ""
        };
        let _ = writeln!(out, "{:>5}  {what:<44}  {text}{more}", line.number);
    }
    Ok(out)
}

/// The role of every line the briefing's turns came from.
fn roles(b: &Briefing) -> BTreeMap<usize, String> {
    let mut roles = BTreeMap::new();
    let mut add = |turn: &Turn, place: &str| {
        let who = match &turn.speaker {
            Speaker::Moderator(n) if n.is_empty() => "moderator (unnamed)".to_owned(),
            Speaker::Moderator(n) => format!("moderator {n}"),
            Speaker::Official(n) => format!("official {n}"),
            Speaker::Outlet(n) => format!("question by {n}"),
            Speaker::UnnamedOutlet => "question (outlet not given)".to_owned(),
        };
        for o in &turn.label_origins {
            roles
                .entry(o.line)
                .or_insert_with(|| format!("label: {who}"));
        }
        for (i, p) in turn.paragraphs.iter().enumerate() {
            let part = if i == 0 { "" } else { ", continued" };
            for o in &p.origins {
                roles
                    .entry(o.line)
                    .or_insert_with(|| format!("{place}: {who}{part}"));
            }
        }
    };
    for t in &b.opening {
        add(t, "opening");
    }
    for (n, e) in b.exchanges.iter().enumerate() {
        for t in &e.turns {
            add(t, &format!("exchange {}", n + 1));
        }
    }
    for t in &b.closing {
        add(t, "closing");
    }
    roles
}

/// A header line: the title, the lead, a roster line, a date line, or chrome.
fn header_role(text: &str, briefing: Option<&Briefing>) -> String {
    let Some(b) = briefing else {
        return "text".to_owned();
    };
    if text.starts_with(b.title.as_str()) {
        return "title".to_owned();
    }
    if b.lead.iter().any(|l| text.starts_with(l.as_str())) {
        return "lead".to_owned();
    }
    let named = |name: &str| text.contains(name);
    if b.speakers.iter().any(|p| named(&p.name)) && super::full::parse_roster_line(text).is_some() {
        return "roster: an official".to_owned();
    }
    if b.moderator.as_ref().is_some_and(|p| named(&p.name))
        && super::full::parse_roster_line(text).is_some()
    {
        return "roster: the moderator".to_owned();
    }
    if super::dates::find_full_date(text).is_some() {
        return "a date line".to_owned();
    }
    "dropped: a header line that is no title, date, roster or prose lead".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_says_what_it_was_taken_for() {
        let text = "Home > News\nFoo Ministry Spokesperson Li Na's Regular Press Conference on \
                    May 6, 2024\n\nQ: What about the summit?\n\nA: It will go ahead.\n\nPrint\n";
        let out = explain("x.txt", text.as_bytes(), &Formats::default()).unwrap();
        let line = |n: usize| {
            out.lines()
                .find(|l| l.trim_start().starts_with(&format!("{n} ")))
                .unwrap_or_else(|| panic!("no line {n} in:\n{out}"))
                .to_owned()
        };
        assert!(line(1).contains("dropped: breadcrumb"), "{out}");
        assert!(line(2).contains("title"), "{out}");
        assert!(line(4).contains("question (outlet not given)"), "{out}");
        assert!(line(6).contains("official Li Na"), "{out}");
        assert!(line(8).contains("dropped: web chrome"), "{out}");
        assert!(out.contains("2024-05-06"), "{out}");
    }
}
