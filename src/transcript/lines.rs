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
/// Only allocates when the line needs it (most lines don't).
pub fn clean(raw: &str) -> Cow<'_, str> {
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let needs_work = trimmed
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b' ' && w[1] == b' ')
        || trimmed.chars().any(|c| c != ' ' && c.is_whitespace());
    if !needs_work {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut space = false;
    for c in trimmed.chars() {
        if c.is_whitespace() {
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
/// whitespace, NBSPs, curly quotes and dashes do not count.
pub fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        }
    }
    out
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
    let lower = line.to_lowercase();
    if EXACT.contains(&lower.as_str()) || lower.starts_with("more from ") {
        return true;
    }
    // Breadcrumbs: "Home - Press Room -", "ㄑ Press Room".
    if line.chars().count() <= 60
        && (lower.starts_with("home -") || lower.ends_with(" -") || lower.ends_with("press room"))
    {
        return true;
    }
    is_pager(line) || is_language_menu(line) || is_photo_caption(line)
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
    NAMES.iter().filter(|n| line.contains(*n)).count() >= 3
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
    let lower = line.to_lowercase();
    line.len() <= 80
        && (lower.starts_with("china.org.cn") || lower.contains("updated:"))
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
        assert_eq!(
            comparable("I\u{2019}ll  answer \u{201C}this\u{201D}"),
            comparable("I'll answer \"this\"")
        );
    }
}
