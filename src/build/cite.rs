//! How to cite an exchange or a briefing: a plain reference in a Chicago-like style,
//! BibTeX, RIS and CSL-JSON (what reference managers import), and the same facts as
//! Highwire and Dublin Core `<meta>` tags, so that Zotero's browser connector saves a
//! page with one click. The access date is the reader's: page.js adds it.

use std::fmt::Write;

use serde::Serialize;

/// The facts a citation is made of.
#[derive(Debug, Clone, Default)]
pub(super) struct Citation {
    /// The speakers cited, as the roster writes their names ("Wang Hongzhi"): names are
    /// kept whole, as their order (family name first or last) is not known.
    pub(super) authors: Vec<String>,
    pub(super) title: String,
    /// The briefing, when the exchange is cited.
    pub(super) container: Option<String>,
    /// Who asked, when an exchange is cited.
    pub(super) asked_by: Option<String>,
    pub(super) place: Option<String>,
    /// ISO date, and as readers read it.
    pub(super) date: String,
    pub(super) date_text: String,
    /// Who held the briefing.
    pub(super) publisher: Option<String>,
    /// The original transcript's address, when a source gives one.
    pub(super) original: Option<String>,
    /// This page, and the archive's name.
    pub(super) url: String,
    pub(super) archive: String,
}

/// A citation as templates show it: the formats as HTML text (only `&`, `<` and `>`
/// escaped, so that quotes stay readable in `<pre>`), inserted unescaped.
#[derive(Serialize, Debug, Clone)]
pub(super) struct CiteCtx {
    text: String,
    bibtex: String,
    ris: String,
    csl: String,
    meta: Vec<Meta>,
}

/// A `<meta name content>` tag.
#[derive(Serialize, Debug, Clone)]
struct Meta {
    name: &'static str,
    content: String,
}

impl Citation {
    pub(super) fn view(&self) -> CiteCtx {
        CiteCtx {
            text: html_text(&self.text()),
            bibtex: html_text(&self.bibtex()),
            ris: html_text(&self.ris()),
            csl: html_text(&self.csl_json()),
            meta: self
                .meta_tags()
                .into_iter()
                .map(|(name, content)| Meta { name, content })
                .collect(),
        }
    }

    fn authors_text(&self) -> String {
        match self.authors.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }

    /// Author. "Title." Question from X at Briefing, Place, Date. Publisher. URL.
    fn text(&self) -> String {
        let mut out = String::new();
        if !self.authors.is_empty() {
            let _ = write!(out, "{}. ", self.authors_text());
        }
        let title = self.title.trim();
        let stop = if title.ends_with(['.', '?', '!', '\u{2026}']) {
            ""
        } else {
            "."
        };
        let _ = write!(out, "\u{201C}{title}{stop}\u{201D} ");
        let mut event = Vec::new();
        match (&self.asked_by, &self.container) {
            (Some(q), Some(c)) => event.push(format!("Answer to {q} at \u{201C}{c}\u{201D}")),
            (None, Some(c)) => event.push(format!("At \u{201C}{c}\u{201D}")),
            _ => event.push("Press briefing".to_owned()),
        }
        event.extend(self.place.clone());
        event.push(self.date_text.clone());
        let _ = write!(out, "{}.", event.join(", "));
        if let Some(p) = &self.publisher {
            let _ = write!(out, " {p}.");
        }
        if let Some(o) = &self.original {
            let _ = write!(out, " {o}.");
        }
        let _ = write!(out, " Archived in {}, {}.", self.archive, self.url);
        out
    }

    /// A key such as `wang2024features`: first author's first word, year, title word.
    fn key(&self) -> String {
        let ascii = |s: &str| -> String {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        };
        let who = self
            .authors
            .first()
            .and_then(|a| a.split_whitespace().next())
            .map(ascii)
            .unwrap_or_else(|| "briefing".to_owned());
        let word = self
            .title
            .split_whitespace()
            .map(ascii)
            .find(|w| w.len() > 3 && !STOP_WORDS.contains(&w.as_str()))
            .unwrap_or_default();
        format!("{who}{}{word}", self.year())
    }

    fn year(&self) -> &str {
        self.date.get(..4).unwrap_or(&self.date)
    }

    fn note(&self) -> String {
        let mut note = match &self.asked_by {
            Some(q) => format!("Answer to a question from {q}."),
            None => "Press briefing transcript.".to_owned(),
        };
        if let Some(o) = &self.original {
            let _ = write!(note, " Original transcript: {o}.");
        }
        let _ = write!(note, " Archived in {}.", self.archive);
        note
    }

    fn bibtex(&self) -> String {
        let mut fields: Vec<(&str, String)> = Vec::new();
        if !self.authors.is_empty() {
            // Braced: a name stays whole, never split into given and family names.
            let names: Vec<String> = self
                .authors
                .iter()
                .map(|a| format!("{{{}}}", bibtex_escape(a)))
                .collect();
            fields.push(("author", names.join(" and ")));
        }
        fields.push(("title", format!("{{{}}}", bibtex_escape(&self.title))));
        if let Some(c) = &self.container {
            fields.push(("booktitle", bibtex_escape(c)));
        }
        fields.push(("howpublished", "Press briefing".to_owned()));
        if let Some(p) = &self.publisher {
            fields.push(("publisher", bibtex_escape(p)));
        }
        if let Some(p) = &self.place {
            fields.push(("address", bibtex_escape(p)));
        }
        fields.push(("year", self.year().to_owned()));
        fields.push(("date", self.date.clone()));
        fields.push(("url", self.url.clone()));
        fields.push(("note", bibtex_escape(&self.note())));
        let mut out = format!("@misc{{{},\n", self.key());
        let last = fields.len() - 1;
        for (i, (name, value)) in fields.iter().enumerate() {
            let comma = if i < last { "," } else { "" };
            let _ = writeln!(out, "  {name} = {{{value}}}{comma}");
        }
        out.push('}');
        out
    }

    fn ris(&self) -> String {
        let mut out = String::from("TY  - GEN\n");
        let mut line = |tag: &str, value: &str| {
            let value = value.replace(['\r', '\n'], " ");
            let _ = writeln!(out, "{tag}  - {value}");
        };
        for a in &self.authors {
            line("AU", a);
        }
        line("TI", &self.title);
        if let Some(c) = &self.container {
            line("T2", c);
        }
        line("M3", "Press briefing");
        if let Some(p) = &self.publisher {
            line("PB", p);
        }
        if let Some(p) = &self.place {
            line("CY", p);
        }
        line("PY", self.year());
        line("DA", &self.date.replace('-', "/"));
        line("UR", &self.url);
        line("N1", &self.note());
        out.push_str("ER  - ");
        out
    }

    /// CSL-JSON: a list of one item, a field a line (a value stays on its line).
    fn csl_json(&self) -> String {
        use serde_json::{json, Value};
        let parts: Vec<u32> = self
            .date
            .split('-')
            .filter_map(|p| p.parse().ok())
            .collect();
        let mut fields: Vec<(&str, Value)> = vec![
            ("id", self.key().into()),
            ("type", "speech".into()),
            ("genre", "Press briefing".into()),
            ("title", self.title.clone().into()),
        ];
        if !self.authors.is_empty() {
            let authors: Vec<Value> = self
                .authors
                .iter()
                .map(|a| json!({ "literal": a }))
                .collect();
            fields.push(("author", authors.into()));
        }
        let optional = [
            ("event-title", &self.container),
            ("event-place", &self.place),
            ("publisher", &self.publisher),
        ];
        for (name, value) in optional {
            if let Some(v) = value {
                fields.push((name, v.clone().into()));
            }
        }
        fields.push(("issued", json!({ "date-parts": [parts] })));
        fields.push(("URL", self.url.clone().into()));
        fields.push(("note", self.note().into()));
        let lines: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("  {}: {v}", json!(k)))
            .collect();
        format!("[{{\n{}\n}}]", lines.join(",\n"))
    }

    /// Highwire Press tags (what Zotero and Google Scholar read first), then Dublin Core.
    fn meta_tags(&self) -> Vec<(&'static str, String)> {
        let mut tags = vec![("citation_title", self.title.clone())];
        tags.extend(self.authors.iter().map(|a| ("citation_author", a.clone())));
        tags.push(("citation_date", self.date.replace('-', "/")));
        tags.extend(self.publisher.clone().map(|p| ("citation_publisher", p)));
        tags.push(("citation_public_url", self.url.clone()));
        tags.push(("DC.title", self.title.clone()));
        tags.extend(self.authors.iter().map(|a| ("DC.creator", a.clone())));
        tags.push(("DC.date", self.date.clone()));
        tags.extend(self.publisher.clone().map(|p| ("DC.publisher", p)));
        tags.push(("DC.type", "Text".to_owned()));
        tags.push(("DC.identifier", self.url.clone()));
        tags.extend(self.original.clone().map(|o| ("DC.source", o)));
        tags
    }
}

const STOP_WORDS: &[&str] = &[
    "what", "could", "would", "does", "have", "with", "about", "your", "please", "there", "this",
    "that", "which", "will", "from", "some",
];

fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// BibTeX's special characters, escaped so that a title reads as written.
fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citation() -> Citation {
        Citation {
            authors: vec!["Wang Hongzhi".into(), "Liu Shaowei".into()],
            title: "R&D at 100% of {SOEs}?".into(),
            container: Some("SCIO briefing on SOEs".into()),
            asked_by: Some("Xinhua News Agency".into()),
            place: Some("Beijing".into()),
            date: "2024-07-26".into(),
            date_text: "26 July 2024".into(),
            publisher: Some("State Council Information Office".into()),
            original: None,
            url: "https://example.org/b/1/".into(),
            archive: "SOE Briefings".into(),
        }
    }

    #[test]
    fn bibtex_keeps_names_whole_and_escapes_specials() {
        let b = citation().bibtex();
        assert!(b.starts_with("@misc{wang2024soes,\n"), "{b}");
        assert!(
            b.contains("author = {{Wang Hongzhi} and {Liu Shaowei}},"),
            "{b}"
        );
        assert!(
            b.contains("title = {{R\\&D at 100\\% of \\{SOEs\\}?}},"),
            "{b}"
        );
        assert!(b.ends_with("}\n}") || b.ends_with('}'), "{b}");
        // Braces balance, escaped ones aside.
        let unescaped = b.replace("\\{", "").replace("\\}", "");
        assert_eq!(
            unescaped.matches('{').count(),
            unescaped.matches('}').count()
        );
    }

    #[test]
    fn ris_has_one_tag_a_line_and_ends_the_record() {
        let r = citation().ris();
        let lines: Vec<&str> = r.lines().collect();
        assert_eq!(lines[0], "TY  - GEN");
        assert_eq!(lines.last(), Some(&"ER  - "));
        assert!(
            lines.iter().all(|l| l.len() >= 6 && &l[2..6] == "  - "),
            "{r}"
        );
        assert_eq!(lines.iter().filter(|l| l.starts_with("AU")).count(), 2);
        assert!(r.contains("DA  - 2024/07/26"));
    }

    #[test]
    fn csl_json_is_a_list_of_one_item_with_its_date() {
        let c: serde_json::Value = serde_json::from_str(&citation().csl_json()).unwrap();
        assert_eq!(
            c[0]["issued"]["date-parts"][0],
            serde_json::json!([2024, 7, 26])
        );
        assert_eq!(c[0]["author"][1]["literal"], "Liu Shaowei");
        assert_eq!(c[0]["event-title"], "SCIO briefing on SOEs");
    }

    #[test]
    fn the_plain_reference_reads_as_one_sentence_per_part() {
        let t = citation().text();
        assert_eq!(
            t,
            "Wang Hongzhi and Liu Shaowei. \u{201C}R&D at 100% of {SOEs}?\u{201D} Answer to Xinhua \
             News Agency at \u{201C}SCIO briefing on SOEs\u{201D}, Beijing, 26 July 2024. State \
             Council Information Office. Archived in SOE Briefings, https://example.org/b/1/."
        );
    }
}
