//! `check`: everything the build validates, without writing anything. The config and
//! its topics, the templates, every content file (front matter, names, links and the
//! anchors they name, topic ids), the site model (URLs, orders, copies, dates), read
//! and rendered as the build reads them; pages are not made. Then what a person should
//! look at: transcripts not imported, exchanges with no answer, answerers missing from
//! their briefing's roster, outlets or officials whose names are likely the same.

use super::*;
use std::collections::BTreeMap;

/// A page's route and the ids of its elements, as far as its bodies give them.
type PageIds = (String, BTreeSet<String>);

/// What `check` found besides errors.
#[derive(Debug)]
pub struct Checked {
    /// `path:line: warning: ...`, ready to print.
    pub warnings: Vec<String>,
    pub briefings: usize,
    pub exchanges: usize,
}

/// Checks the project `options` names; errors are every problem the build would stop
/// on, all at once.
pub fn check(options: &Options) -> Result<Checked, Errors> {
    let inputs = Inputs::load(options)?;
    let anchored = Mutex::new(Vec::new());
    // Nothing is written: pages are not made.
    let ctx = inputs.ctx(Path::new(""), &options.content, &anchored);
    let results: Vec<(Vec<PageIds>, Vec<Error>)> = inputs
        .briefings
        .par_iter()
        .map(|b| bodies(b, &ctx))
        .collect();
    let mut ids: std::collections::HashMap<String, BTreeSet<String>> = Default::default();
    let mut errors = Vec::new();
    for (pages, mut e) in results {
        ids.extend(pages);
        errors.append(&mut e);
    }
    // Links to anchors, on pages whose bodies could be read (a page that failed has
    // its own error already).
    let mut links = std::mem::take(&mut *anchored.lock().unwrap_or_else(|e| e.into_inner()));
    links.retain(|l| ids.contains_key(&l.page));
    if let Err(mut e) = anchors_on(links, |page| Ok(ids.get(page).cloned().unwrap_or_default())) {
        errors.append(&mut e.0);
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let mut warnings = unimported_transcripts(&options.transcripts, &inputs.briefings);
    warnings.extend(answers(&inputs.briefings, &options.content));
    warnings.extend(alike_names(&inputs.briefings, &options.content));
    Ok(Checked {
        warnings,
        briefings: inputs.briefings.len(),
        exchanges: inputs.briefings.iter().map(|b| b.exchanges.len()).sum(),
    })
}

/// Renders a briefing's bodies as the build does (their links checked), and gives the
/// ids on each of its pages (the bodies' own, and the briefing page's sections) and
/// the problems found.
fn bodies(b: &Briefing, ctx: &Ctx<'_>) -> (Vec<PageIds>, Vec<Error>) {
    let mut errors = Vec::new();
    let mut on_briefing: BTreeSet<String> = ["opening", "closing"].map(str::to_owned).into();
    let mut pages = Vec::new();
    // Labels do not change a page's ids: any roster will do.
    let roster = Roster::default();
    let mut render = |doc: &Document, prefix: &str| match ctx.markdown(doc, prefix, &roster) {
        Ok(r) => Some(ids_in(&r.html)),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    on_briefing.extend(render(&b.index, "opening").unwrap_or_default());
    for e in &b.exchanges {
        if let Some(ids) = render(&e.doc, &e.stem) {
            on_briefing.extend(ids.iter().cloned());
            on_briefing.insert(e.stem.clone());
            pages.push((e.rel.clone(), ids));
        }
    }
    if let Some((_, doc)) = &b.closing {
        on_briefing.extend(render(doc, "closing").unwrap_or_default());
    }
    if let Some((_, doc)) = &b.summary {
        if let Some(ids) = render(doc, "summary") {
            pages.push((b.summary_rel(), ids));
        }
    }
    errors.extend(b.exchanges.iter().flat_map(|e| unknown_topics(ctx, e)));
    pages.push((b.rel.clone(), on_briefing));
    (pages, errors)
}

/// Exchanges with no answer, and answerers not on their briefing's roster.
fn answers(briefings: &[Briefing], content: &Path) -> Vec<String> {
    let mut warnings = Vec::new();
    for b in briefings {
        let roster: Vec<&str> = b
            .matter
            .speakers
            .iter()
            .chain(&b.matter.moderator)
            .map(|p| p.name.as_str())
            .collect();
        for e in &b.exchanges {
            let at = format!(
                "{}:{}",
                content.join(&e.doc.path).display(),
                site::line_of_key(&e.doc, "answered_by")
            );
            if e.matter.answered_by.is_empty() {
                warnings.push(format!(
                    "{at}: warning: no one answers this question (the page was cut, or the \
                     answer lost its label): add the official to answered_by and their turn"
                ));
            }
            for name in e
                .matter
                .answered_by
                .iter()
                .filter(|n| !roster.contains(&n.as_str()))
            {
                warnings.push(format!(
                    "{at}: warning: {name} answers but is not on the briefing's roster ({}): \
                     add them to `speakers`, or correct the name",
                    content.join(&b.index.path).display()
                ));
            }
        }
    }
    warnings
}

/// Outlets, and officials, whose names are likely one name written two ways
/// ("Securities Time" and "Securities Times"): the same once case, punctuation and
/// plural endings are set aside, or one letter apart.
fn alike_names(briefings: &[Briefing], content: &Path) -> Vec<String> {
    let mut outlets: BTreeMap<&str, &Document> = BTreeMap::new();
    let mut officials: BTreeMap<&str, &Document> = BTreeMap::new();
    for b in briefings {
        for e in &b.exchanges {
            if let Some(o) = &e.matter.asked_by {
                outlets.entry(o).or_insert(&e.doc);
            }
            for a in &e.matter.answered_by {
                officials.entry(a).or_insert(&e.doc);
            }
        }
        for p in &b.matter.speakers {
            officials.entry(&p.name).or_insert(&b.index);
        }
    }
    let mut warnings = Vec::new();
    for (kind, names) in [("outlets", &outlets), ("officials", &officials)] {
        let list: Vec<(&&str, &&Document)> = names.iter().collect();
        for (i, (a, da)) in list.iter().enumerate() {
            for (b, db) in &list[i + 1..] {
                if alike(a, b) {
                    warnings.push(format!(
                        "{}: warning: the {kind} {a:?} (here) and {b:?} ({}) are likely the \
                         same: correct one of them, or list them together under `aliases:` \
                         in site.yaml ({a:?}: {b:?})",
                        content.join(&da.path).display(),
                        content.join(&db.path).display()
                    ));
                }
            }
        }
    }
    warnings
}

fn alike(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let w = w.to_lowercase();
                w.strip_suffix('s')
                    .filter(|r| r.len() >= 3)
                    .map_or(w.clone(), str::to_owned)
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (x, y) = (norm(a), norm(b));
    x == y || (x.chars().count() >= 8 && one_apart(&x, &y))
}

/// One letter added, removed or changed.
fn one_apart(x: &str, y: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    let (short, long) = if x.len() <= y.len() {
        (&x, &y)
    } else {
        (&y, &x)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let start = short
        .iter()
        .zip(long.iter())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (&short[start..], &long[start..]);
    if short.len() == long.len() {
        a.get(1..) == b.get(1..)
    } else {
        a == &b[1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_written_two_ways_are_alike_and_different_names_are_not() {
        assert!(alike("Securities Time", "Securities Times"));
        assert!(alike("Xinhua News Agency", "Xinhua news agency."));
        assert!(alike("China Business News", "China Busines News"));
        assert!(!alike("Li Bing", "Li Ning"));
        assert!(!alike("Cover News", "Yicai"));
        assert!(!alike("China Daily", "China Media"));
    }
}
