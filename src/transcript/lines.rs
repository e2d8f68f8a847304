//! One raw line at a time: what kind of line is it? Context-free on purpose; the
//! per-kind parsers decide what a line means where it stands.

use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// Web chrome, pager, language menu, "Read in Chinese", photo caption: dropped.
    Noise,
    /// "China.org.cn | February 6, 2024": chrome that carries the page's date.
    PageDate,
    /// "Translated and edited by ...": kept as metadata.
    Credit,
    /// "Wang Hongzhi:" or "Xinhua News Agency:" alone on its line.
    Label,
    Text,
}

/// A raw line with its 1-based number, cleaned of NBSPs and surrounding space.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub number: usize,
    pub text: Cow<'a, str>,
    pub kind: LineKind,
}

pub fn split(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .enumerate()
        .map(|(i, raw)| {
            let text = clean(raw);
            let kind = classify(&text);
            Line {
                number: i + 1,
                text,
                kind,
            }
        })
        .collect()
}

/// Non-breaking and other odd spaces become plain ones, runs collapse, ends trimmed.
/// Only allocates when the line needs it; most lines are plain ASCII with single
/// spaces, which two vectorised scans confirm.
pub fn clean(raw: &str) -> Cow<'_, str> {
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let bytes = trimmed.as_bytes();
    let needs_work = memchr::memmem::find(bytes, b"  ").is_some()
        || crate::scan::any_byte(bytes, |b| !(0x20..0x80).contains(&b))
            && trimmed
                .chars()
                .any(|c| c != ' ' && (c.is_whitespace() || c == '\u{FEFF}'));
    if !needs_work {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut space = false;
    for c in trimmed.chars() {
        if c.is_whitespace() || c == '\u{FEFF}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The form in which paragraphs from different copies of a page are compared:
/// whitespace, NBSPs, curly quotes, dashes and case do not count.
pub fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    comparable_chars(text).for_each(|c| out.push(c));
    out
}

/// A 64-bit fingerprint of [`comparable`], computed without allocating: paragraphs
/// are indexed by it and compared in full only when fingerprints meet.
pub fn comparable_hash(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in comparable_chars(text) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// A cheap first filter before fingerprinting: the first and last eight ASCII letters
/// and digits, lowercased, which [`comparable`] leaves as they are. Reads only the
/// ends of the text.
pub fn comparable_ends(text: &str) -> (u64, u64) {
    let pack = |bytes: &mut dyn Iterator<Item = &u8>| {
        bytes
            .filter(|b| b.is_ascii_alphanumeric())
            .take(8)
            .fold(0u64, |acc, b| acc << 8 | u64::from(b.to_ascii_lowercase()))
    };
    (
        pack(&mut text.as_bytes().iter()),
        pack(&mut text.as_bytes().iter().rev()),
    )
}

fn comparable_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut pending_space = false;
    let mut started = false;
    text.chars()
        .flat_map(move |c| {
            let c = match c {
                c if c.is_ascii() => c.to_ascii_lowercase(),
                '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
                '\u{2013}' | '\u{2014}' => '-',
                c => c.to_lowercase().next().unwrap_or(c),
            };
            if c.is_whitespace() {
                pending_space = started;
                return [None, None];
            }
            let space = std::mem::take(&mut pending_space).then_some(' ');
            started = true;
            [space, Some(c)]
        })
        .flatten()
}

pub fn classify(line: &str) -> LineKind {
    if line.is_empty() {
        return LineKind::Blank;
    }
    if is_noise(line) {
        return LineKind::Noise;
    }
    if is_page_date(line) {
        return LineKind::PageDate;
    }
    if line.starts_with("Translated and edited by") || line.starts_with("Translated by") {
        return LineKind::Credit;
    }
    if is_label(line) {
        return LineKind::Label;
    }
    LineKind::Text
}

fn is_noise(line: &str) -> bool {
    const EXACT: &[&str] = &[
        "china scio",
        "share:",
        "share",
        "print",
        "mail",
        "comments",
        "read in chinese",
        "read in english",
        "[chinese]",
    ];
    // Chrome is short; transcript paragraphs are not worth lowercasing.
    if line.len() <= 80 {
        let lower = line.to_lowercase();
        if EXACT.contains(&lower.as_str())
            || lower.starts_with("more from ")
            // Breadcrumbs: "Home - Press Room -", "ㄑ Press Room".
            || lower.starts_with("home -")
            || lower.ends_with(" -")
            || lower.ends_with("press room")
        {
            return true;
        }
    }
    is_pager(line) || is_photo_caption(line) || (line.len() <= 600 && is_language_menu(line))
}

/// "< 1 2 3 ... 10 >": only digits, dots, arrows and spaces, with a digit and an arrow.
fn is_pager(line: &str) -> bool {
    line.chars().all(|c| {
        c.is_ascii_digit() || matches!(c, '<' | '>' | '.' | ' ' | '…' | 'ㄑ' | '〈' | '〉')
    }) && line.chars().any(|c| c.is_ascii_digit())
        && line
            .chars()
            .any(|c| matches!(c, '<' | '>' | 'ㄑ' | '〈' | '〉'))
}

/// A run of language names such as "한어Русский языкEnglishFrançais...".
fn is_language_menu(line: &str) -> bool {
    const NAMES: &[&str] = &[
        "English",
        "Français",
        "Deutsch",
        "Español",
        "español",
        "Русский",
        "日本語",
        "Italiano",
        "Português",
        "Indonesian",
        "العربية",
    ];
    // Menus run names together; prose has a space every few words.
    let spaces = line.bytes().filter(|&b| b == b' ').count();
    spaces * 12 < line.len() && NAMES.iter().filter(|n| line.contains(*n)).count() >= 3
}

/// Slide-show captions: "/6 Xing Huina".
fn is_photo_caption(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('/') else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && rest[digits..].starts_with(' ')
}

fn is_page_date(line: &str) -> bool {
    if line.len() > 80 {
        return false;
    }
    let lower = line.to_lowercase();
    (lower.starts_with("china.org.cn") || lower.contains("updated:"))
        && super::dates::find_full_date(line).is_some()
}

/// A speaker or outlet alone on its line: "Wang Hongzhi:", "Nanfang Daily, Nanfang Plus:",
/// "21st Century Business Herald:". A sentence that ends with a colon ("... included
/// several aspects:") is not one: labels are short and their words are capitalised.
pub fn is_label(line: &str) -> bool {
    let Some(name) = line.strip_suffix(':').or_else(|| line.strip_suffix('：')) else {
        return false;
    };
    let name = name.trim_end();
    if name.is_empty() || name.chars().count() > 60 || name.contains(['?', '!', ';', ':', '"']) {
        return false;
    }
    let first = name.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit() || !first.is_ascii()) {
        return false;
    }
    let words: Vec<&str> = name.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    const SMALL: &[&str] = &[
        "of", "and", "the", "for", "de", "du", "la", "le", "in", "on", "&", "van", "von", "der",
        "al", "el", "di", "da", "bin",
    ];
    words.len() <= 8
        && words.iter().all(|w| {
            let c = w.chars().next().unwrap_or(' ');
            c.is_uppercase() || c.is_ascii_digit() || !c.is_ascii() || SMALL.contains(w)
        })
}

/// The name in a label line ("Wang Hongzhi:" -> "Wang Hongzhi").
pub fn label_name(line: &str) -> &str {
    line.trim_end_matches([':', '：']).trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_speakers_and_outlets() {
        for l in [
            "Wang Hongzhi:",
            "Xinhua News Agency:",
            "21st Century Business Herald:",
            "Nanfang Daily, Nanfang Plus:",
            "Jinan Times APP:",
            "The Enterprise Observer:",
            "Voice of America:",
        ] {
            assert_eq!(classify(l), LineKind::Label, "{l}");
        }
        assert_eq!(label_name("Wang Hongzhi:"), "Wang Hongzhi");
    }

    #[test]
    fn sentences_ending_in_a_colon_are_text() {
        for l in [
            "In 2023, central SOEs' safeguarding work in energy and power supply included several aspects:",
            "SASAC: We will improve the rules and regulations.",
            "Why does this matter?:",
            "thank you:",
        ] {
            assert_eq!(classify(l), LineKind::Text, "{l}");
        }
    }

    #[test]
    fn web_chrome_is_noise() {
        for l in [
            "CHINA SCIO",
            "ㄑ Press Room",
            "Home - Press Room -",
            "Share:",
            "< 1 2 3 4 5 6 7 8 9 10 >",
            "< 1 2 ... 10 >",
            "MORE FROM China SCIO",
            "Read in Chinese",
            "/6 Xing Huina",
            "한어Русский языкEnglishFrançaisIndonesianSanskrit日本語DeutschPortuguêsespañol",
        ] {
            assert_eq!(classify(&clean(l)), LineKind::Noise, "{l}");
        }
    }

    #[test]
    fn page_dates_and_credits_are_recognised() {
        assert_eq!(
            classify(&clean("China.org.cnUpdated:\u{A0} February 6, 2024")),
            LineKind::PageDate
        );
        assert_eq!(
            classify("China.org.cn | February 6, 2024"),
            LineKind::PageDate
        );
        assert_eq!(
            classify("Translated and edited by Wang Yiming, Li Xiao"),
            LineKind::Credit
        );
    }

    #[test]
    fn clean_turns_nbsp_into_space_and_trims() {
        assert_eq!(clean("Wang Hongzhi:\u{A0}"), "Wang Hongzhi:");
        assert_eq!(clean("<\u{A0} \u{A0}1\u{A0} >"), "< 1 >");
        assert!(matches!(clean("plain line"), Cow::Borrowed(_)));
    }

    #[test]
    fn comparable_ignores_quotes_case_and_spacing() {
        let a = "  I\u{2019}ll\u{A0} answer \u{201C}This\u{201D} ";
        let b = "I'll answer \"this\"";
        assert_eq!(comparable(a), "i'll answer \"this\"");
        assert_eq!(comparable(a), comparable(b));
        assert_eq!(comparable_hash(a), comparable_hash(b));
        assert_ne!(comparable_hash(a), comparable_hash("I'll answer that"));
        assert_eq!(comparable_ends(a), comparable_ends(b));
        assert_ne!(comparable_ends(a), comparable_ends("I'll answer that"));
    }
}
