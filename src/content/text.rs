//! Text helpers for writing content: Markdown escaping, one-sentence titles, slugs.

/// Escapes transcript text so Markdown renders it as the same plain text: HTML,
/// emphasis, links, template braces and a would-be `**Name:**` turn stay inert.
/// `line_start` says whether the text opens a line (where `#`, `-`, `1.` matter).
pub fn escape_markdown(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_markdown_into(&mut out, text, line_start);
    out
}

/// [`escape_markdown`], appending to `out`.
pub fn escape_markdown_into(out: &mut String, text: &str, line_start: bool) {
    let bytes = text.as_bytes();
    let mut run_start = 0;
    if line_start {
        // Block markers only count where the line starts: "# ", "- ", "1. ", "1) ".
        let digits = bytes
            .iter()
            .take(10)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let marker = match bytes.first() {
            Some(b'#' | b'-' | b'+' | b'=') => Some(0),
            Some(b'0'..=b'9') if matches!(bytes.get(digits), Some(b'.' | b')')) && digits <= 9 => {
                Some(digits)
            }
            _ => None,
        };
        if let Some(at) = marker {
            out.push_str(&text[..at]);
            out.push('\\');
            run_start = at;
        }
    }
    // Characters that are markup anywhere. All ASCII, so a byte scan is safe on UTF-8;
    // they are rare in transcripts, so whole chunks are checked at once and copied.
    let special = |b: u8| {
        matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'{'
                | b'}'
                | b'~'
                | b'|'
                | b'&'
        )
    };
    let mut offset = run_start;
    for chunk in bytes[run_start..].chunks(64) {
        if crate::scan::any_byte(chunk, special) {
            for (k, &b) in chunk.iter().enumerate() {
                let i = offset + k;
                if special(b) && (b != b'&' || looks_like_entity(&text[i..])) {
                    out.push_str(&text[run_start..i]);
                    out.push('\\');
                    run_start = i;
                }
            }
        }
        offset += chunk.len();
    }
    out.push_str(&text[run_start..]);
}

/// `&amp;`, `&#39;`, `&#x27;`: would be decoded by Markdown. "R&D" would not.
fn looks_like_entity(s: &str) -> bool {
    let rest = &s[1..];
    let end = rest.find(';').filter(|&e| e > 0 && e <= 32);
    end.is_some_and(|e| {
        let name = &rest[..e];
        name.strip_prefix('#').map_or_else(
            || name.bytes().all(|b| b.is_ascii_alphanumeric()),
            |n| {
                n.strip_prefix(['x', 'X'])
                    .map_or(n, |h| h)
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit())
                    && !n.is_empty()
            },
        )
    })
}

/// The question as one sentence: its first sentence that asks something, or its
/// first sentence; cut at a word boundary when long.
pub fn one_sentence(text: &str, max_chars: usize) -> String {
    let sentences = sentences(text);
    let chosen = sentences
        .iter()
        .find(|s| s.ends_with('?'))
        .or(sentences.first())
        .map_or(text, |s| s);
    shorten(chosen, max_chars)
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&i| i > max_chars / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end_matches([',', ';', ':', ' ']))
}

/// Splits prose into sentences at `.`, `?` or `!` followed by a space and a capital,
/// except after common abbreviations ("Mr.", "Jan.", "U.S.").
pub fn sentences(text: &str) -> Vec<&str> {
    sentence_spans(text).into_iter().map(|r| &text[r]).collect()
}

/// Where the [`sentences`] of `text` are: byte ranges, in order, trimmed of spaces.
pub fn sentence_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Ms", "Mrs", "Dr", "Prof", "No", "St", "Co", "Ltd", "Inc", "Jan", "Feb", "Mar",
        "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "etc", "e.g", "i.e",
        "U.S", "U.K", "a.m", "p.m",
    ];
    let trimmed = |r: std::ops::Range<usize>| {
        let s = &text[r.clone()];
        let lead = s.len() - s.trim_start().len();
        r.start + lead..r.start + lead + s.trim().len()
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        // `c` is one byte long.
        let mut ahead = text[i + 1..].chars();
        let boundary = ahead.next() == Some(' ')
            && ahead
                .next()
                .is_some_and(|a| a.is_uppercase() || a.is_ascii_digit() || "\"'“‘".contains(a));
        if !boundary {
            continue;
        }
        let word = text[start..i]
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .trim_start_matches(['(', '"', '“']);
        let is_abbreviation = c == '.'
            && (ABBREVIATIONS.contains(&word)
                || (word.len() == 1 && word.chars().all(char::is_uppercase)));
        if is_abbreviation {
            continue;
        }
        out.push(trimmed(start..i + 1));
        start = i + 1;
    }
    let rest = trimmed(start..text.len());
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Lowercase ASCII words joined by '-', at most `max_len` bytes, cut at a word.
pub fn slug(text: &str, max_len: usize) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = word.len() + usize::from(!out.is_empty());
        if out.len() + extra > max_len {
            if out.is_empty() {
                out.push_str(&word[..max_len.min(word.len())].to_ascii_lowercase());
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// `base`, else `base-2`, `base-3`...: the first name that `free` accepts. Slugs of
/// briefing folders and of officials' and outlets' pages are made unique this way.
pub fn first_free(base: &str, mut free: impl FnMut(&str) -> bool) -> String {
    if free(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| free(candidate))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_stays_text() {
        assert_eq!(
            escape_markdown("<script>alert(1)</script> **Name:** {{ x }} [a](b)", true),
            r"\<script\>alert(1)\</script\> \*\*Name:\*\* \{\{ x \}\} \[a\](b)"
        );
        assert_eq!(escape_markdown("--- front", true), r"\--- front");
        assert_eq!(
            escape_markdown("# not a heading", true),
            r"\# not a heading"
        );
        assert_eq!(escape_markdown("# mid-line", false), "# mid-line");
        assert_eq!(escape_markdown("2024. A year", true), r"2024\. A year");
        assert_eq!(escape_markdown("R&D &amp; more", true), r"R&D \&amp; more");
    }

    #[test]
    fn one_sentence_prefers_the_question() {
        let q = "The plenary made arrangements. Mr. Wang spoke on Jan. 24. What are the key tasks? Thank you.";
        assert_eq!(one_sentence(q, 200), "What are the key tasks?");
        assert_eq!(
            one_sentence("Tell us about it. Thanks.", 200),
            "Tell us about it."
        );
        let long = "word ".repeat(100);
        let short = one_sentence(&long, 40);
        assert!(
            short.ends_with('…') && short.chars().count() <= 41,
            "{short}"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Nanfang Daily, Nanfang Plus", 40),
            "nanfang-daily-nanfang-plus"
        );
        assert_eq!(
            slug("21st Century Business Herald", 40),
            "21st-century-business-herald"
        );
        assert_eq!(slug("a b c d", 5), "a-b-c");
        assert_eq!(slug("中文", 10), "");
    }
}
