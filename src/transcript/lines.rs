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
    /// "Wang Hongzhi:" or "Xinhua News Agency:" alone on its line, or the label that
    /// opened a paragraph ("Mao Ning: We ...", split off by [`split_labels`]).
    Label,
    /// A roster's or header's own heading: "Speakers:", "Chairperson", "Date:".
    Heading,
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
    let mut lines: Vec<Line<'_>> = text
        .lines()
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
        .collect();
    drop_running_heads(&mut lines);
    lines
}

/// A copy of a printed document repeats its running head on every page ("Prime
/// Minister of Australia - Interview - Press Conference, Brisbane"): a line of a few
/// words, no sentence, found three times or more, is the page's, not the speaker's.
fn drop_running_heads(lines: &mut [Line<'_>]) {
    let candidate = |l: &Line<'_>| {
        l.kind == LineKind::Text
            && l.text.len() <= 100
            && l.text.split(' ').count() >= 3
            && !l.text.ends_with(['.', '?', '!', ':', '"', '\u{201D}'])
    };
    // "Page 2 of 4 Prime Minister of Australia - ...": the head after the number.
    let head = |text: &str| -> String {
        let rest = text
            .strip_prefix("Page ")
            .or_else(|| text.strip_prefix("page "))
            .or_else(|| text.strip_prefix("PAGE "));
        match rest {
            Some(rest) => {
                let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                let rest = rest
                    .strip_prefix(" of ")
                    .map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
                rest.trim().to_owned()
            }
            None => text.to_owned(),
        }
    };
    // (times seen a page apart, line last seen on): a head comes once a page, so
    // repeats a few lines apart (a roster written twice) do not count.
    let mut counts: std::collections::HashMap<String, (usize, usize)> =
        std::collections::HashMap::new();
    let numbered = |l: &Line<'_>| {
        l.kind == LineKind::Noise
            && l.text.len() <= 140
            && l.text
                .get(..5)
                .is_some_and(|p| p.eq_ignore_ascii_case("page "))
    };
    for l in lines.iter().filter(|l| candidate(l) || numbered(l)) {
        let entry = counts.entry(head(&l.text)).or_insert((0, 0));
        if entry.0 == 0 || l.number >= entry.1 + 5 {
            entry.0 += 1;
            entry.1 = l.number;
        }
    }
    let heads: Vec<String> = counts
        .into_iter()
        .filter(|&(_, (n, _))| n >= 3)
        .map(|(t, _)| t)
        .collect();
    if heads.is_empty() {
        return;
    }
    for l in lines.iter_mut() {
        if candidate(l) && heads.contains(&head(&l.text)) {
            l.kind = LineKind::Noise;
        }
    }
}

/// Whether `split` dropped this line as a running head (for `import --explain`).
pub fn is_running_head(line: &Line<'_>) -> bool {
    line.kind == LineKind::Noise && classify(&line.text) != LineKind::Noise
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
    let mut hash: u64 = crate::scan::FNV_OFFSET;
    let mut buf = [0u8; 4];
    for c in comparable_chars(text) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(crate::scan::FNV_PRIME);
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
    classify_why(line).0
}

/// The kind of a line, and the rule that decided it (for `import --explain`).
pub fn classify_why(line: &str) -> (LineKind, &'static str) {
    if line.is_empty() {
        return (LineKind::Blank, "empty");
    }
    // Chrome and page dates are short: only those lines are lowercased, once.
    let lower = (line.len() <= 120).then(|| line.to_lowercase());
    let lower = lower.as_deref();
    if is_page_date(line, lower) {
        return (
            LineKind::PageDate,
            "the page's own date (site name, Updated:, Published)",
        );
    }
    if let Some(why) = noise_reason(line, lower) {
        return (LineKind::Noise, why);
    }
    if line.starts_with("Translated and edited by") || line.starts_with("Translated by") {
        return (LineKind::Credit, "translators' credit, kept as metadata");
    }
    if is_heading(line) {
        return (LineKind::Heading, "a roster's or header's heading");
    }
    if is_label(line) {
        return (LineKind::Label, "a speaker's label alone on its line");
    }
    (LineKind::Text, "text")
}

/// The headings of a roster or of the header's facts, with or without a colon.
pub const HEADINGS: &[&str] = &[
    "speaker",
    "speakers",
    "chairperson",
    "chairpersons",
    "chair",
    "chairman",
    "guest",
    "guests",
    "participants",
    "attendees",
    "date",
    "time",
    "venue",
    "location",
    "place",
];

fn is_heading(line: &str) -> bool {
    let word = line.trim_end_matches([':', '：']).trim_end();
    word.len() <= 14 && HEADINGS.contains(&word.to_lowercase().as_str())
}

fn noise_reason(line: &str, lower: Option<&str>) -> Option<&'static str> {
    if super::origin::address_in(line).is_some() {
        return Some("the page's address (kept as the source's url)");
    }
    const EXACT: &[&str] = &[
        "china scio",
        "share:",
        "share",
        "share to",
        "print",
        "mail",
        "e-mail",
        "email",
        "comments",
        "comment",
        "close",
        "top",
        "search",
        "menu",
        "login",
        "log in",
        "sign in",
        "subscribe",
        "home",
        "read in chinese",
        "read in english",
        "[chinese]",
        "中文",
        "english",
        "adjust font size:",
        "font size:",
        "a a a",
        "a- a a+",
        "off the wire",
        "print this page",
        "skip to content",
        "skip to main content",
        "用户名",
        "用户名：",
        "用户名:",
        "密码",
        "密码：",
        "密码:",
        "登录",
        "注册",
        "验证码",
        "验证码：",
        "搜索",
        "分享到：",
        "分享到:",
        "分享到",
        "打印",
        "关闭窗口",
        "【关闭窗口】",
        "【打印】",
        "字号：",
        "字号:",
    ];
    // Chrome is short; transcript paragraphs are not worth lowercasing.
    if let Some(lower) = lower {
        if EXACT.contains(&lower)
            || lower.starts_with("more from ")
            || lower.starts_with("back to ")
            || lower.starts_with("you are here")
            || lower.contains("provisional translation")
            || lower.contains('©')
            || lower.contains("all rights reserved")
            || lower.starts_with("this is an unofficial translation")
            || lower.starts_with("adjust font size")
            || lower.contains("comment(s)print")
            || lower.contains("print e-mail")
            || lower.contains("print | share")
            // Breadcrumbs: "Home - Press Room -", "ㄑ Press Room", "Home > News".
            || lower.starts_with("home -")
            || lower.ends_with(" -")
            || lower.ends_with("press room")
            || is_breadcrumb(line)
        {
            return Some(if is_breadcrumb(line) || lower.starts_with("home -") {
                "breadcrumb"
            } else {
                "web chrome (a widget, a menu item, a site's notice)"
            });
        }
    }
    if is_end_marker(line) {
        Some("the end marker of a release (\"[ends]\", \"ENDS\", \"-30-\")")
    } else if is_page_number(line) {
        Some("a page number of a printed copy")
    } else if is_time_stamp(line) {
        Some("a time stamp (the transcriber's clock)")
    } else if is_pager(line) || is_page_of(line) {
        Some("pager")
    } else if is_photo_caption(line) {
        Some("photo caption")
    } else if line.len() <= 600 && is_language_menu(line) {
        Some("language menu")
    } else if is_foreign_script_chrome(line) {
        Some("a short line in another script: chrome of an English page")
    } else {
        None
    }
}

/// "Home > News>Press Conference", "Home/ Editors' Choice", "ㄑ Press Room ㄑ ...",
/// "» News": short segments joined by arrows, no sentence.
fn is_breadcrumb(line: &str) -> bool {
    let arrows = ['>', '»', 'ㄑ', '›', '/'];
    let starts_home = line
        .get(..4)
        .is_some_and(|h| h.eq_ignore_ascii_case("home"))
        && line[4..].trim_start().starts_with(arrows);
    let parts: Vec<&str> = line.split(arrows).map(str::trim).collect();
    let segments_short = parts.len() >= 2 && parts.iter().all(|p| p.split(' ').count() <= 6);
    let sentence = line.ends_with(['.', '?', '!', ':']) || line.contains(". ");
    // "<b>" is markup in a title, not an arrow.
    !sentence
        && !line.contains('<')
        && (starts_home
            || (parts.len() >= 2 && line.starts_with(['>', '»', 'ㄑ', '›']))
            || (segments_short && parts.len() >= 3 && line.contains(['>', '»', 'ㄑ', '›'])))
}

/// A line in Chinese, Arabic or another script with no Latin letter, in chrome of an
/// English page ("分享縮略圖", "欢迎您 登出"). Short lines only: a transcript paragraph in
/// Chinese is text, and reaches the content.
fn is_foreign_script_chrome(line: &str) -> bool {
    line.chars().count() <= 16
        && !line.chars().any(|c| c.is_ascii_alphanumeric())
        && !line.is_ascii()
        && !line.contains(['。', '？', '?', '，'])
}

/// "[ends]", "ENDS", "- ENDS -", "***", "-30-": where a media release says it is over.
fn is_end_marker(line: &str) -> bool {
    if line.len() > 16 {
        return false;
    }
    let core = line
        .trim_matches(|c: char| {
            matches!(
                c,
                '[' | ']' | '(' | ')' | '-' | '*' | '#' | ' ' | '\u{2013}' | '\u{2014}'
            )
        })
        .to_lowercase();
    matches!(core.as_str(), "ends" | "end" | "30" | "")
        && !line.trim().is_empty()
        && line.len() >= 3
}

/// "3", "- 3 -", "(3)", "Page 3", "3 of 4", "Page 1 of 4 Prime Minister of Australia -
/// Interview": a printed copy's page number, alone or before its running head.
fn is_page_number(line: &str) -> bool {
    // Most lines are prose: tell them by their first byte and length, without lowercasing.
    if line.len() > 140
        || !line.starts_with(|c: char| {
            c.is_ascii_digit() || matches!(c, '-' | '(' | '[' | 'P' | 'p' | '\u{2013}' | '\u{2014}')
        })
    {
        return false;
    }
    let lower = line.to_lowercase();
    let core = lower.trim_matches(|c: char| {
        matches!(
            c,
            '-' | '\u{2013}' | '\u{2014}' | '(' | ')' | '[' | ']' | ' '
        )
    });
    let digits = core.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) && digits == core.len() {
        return true;
    }
    let Some(rest) = core.strip_prefix("page ") else {
        // "3 of 4"
        return (1..=3).contains(&digits)
            && core[digits..].strip_prefix(" of ").is_some_and(|r| {
                !r.is_empty() && r.len() <= 3 && r.bytes().all(|b| b.is_ascii_digit())
            });
    };
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 3 {
        return false;
    }
    let after = &rest[n..];
    after.is_empty()
        || after.strip_prefix(" of ").is_some_and(|r| {
            let m = r.bytes().take_while(u8::is_ascii_digit).count();
            (1..=3).contains(&m) && line.len() <= 140 && !line.ends_with(['.', '?', '!'])
        })
}

/// "1:05 P.M. EDT", "12:32 p.m.", "(00:22)", "[14:30]", "00:01:00": a line that is only
/// a clock time, as transcribers mark the start, the end or a recording's position.
fn is_time_stamp(line: &str) -> bool {
    let core = line.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ' '));
    if core.len() > 24 || !core.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let mut words = core.split(' ');
    let clock = words.next().unwrap_or("");
    let clock_ok = clock.contains(':')
        && clock.split(':').count() <= 3
        && clock
            .split(':')
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    clock_ok
        && words.all(|w| {
            let w = w.trim_end_matches('.').to_lowercase();
            matches!(w.as_str(), "a.m" | "p.m" | "am" | "pm")
                || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_alphabetic()) && w.ends_with('t'))
                || matches!(
                    w.as_str(),
                    "utc" | "gmt" | "kst" | "jst" | "bst" | "cet" | "local" | "time"
                )
        })
}

/// "Page 3 of 10", "page 3/10".
fn is_page_of(line: &str) -> bool {
    let lower = line.to_lowercase();
    let Some(rest) = lower.strip_prefix("page ") else {
        return false;
    };
    line.len() <= 24
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && (rest.contains(" of ") || rest.contains('/'))
        && rest
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'/' | b'o' | b'f'))
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

/// A line that carries the web page's own date: "China.org.cn | February 6, 2024",
/// "Updated: 2019-04-23 20:37:25", "Published on Jan 13, 2020", "2023-04-28 19:13"
/// (a date and a time alone).
fn is_page_date(line: &str, lower: Option<&str>) -> bool {
    let Some(lower) = lower.filter(|_| line.len() <= 80) else {
        return false;
    };
    let marked = lower.starts_with("china.org.cn")
        || lower.contains("updated:")
        || lower.starts_with("published")
        || lower.starts_with("source:")
        || lower.starts_with("release time")
        || lower.starts_with("posted")
        || lower.starts_with("来源")
        || lower.starts_with("发布时间")
        || lower.starts_with("时间：")
        || lower.contains(" 来源")
        || lower.contains("comment(s)")
        || lower.contains("print e-mail");
    let bare = line.len() <= 25
        && line.starts_with(|c: char| c.is_ascii_digit())
        && line.contains(':')
        && line
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'/' | b'.' | b':' | b' '));
    (marked || bare) && super::dates::find_full_date(line).is_some()
}

/// A speaker or outlet alone on its line: "Wang Hongzhi:", "Nanfang Daily, Nanfang Plus:",
/// "21st Century Business Herald:". A sentence that ends with a colon ("... included
/// several aspects:") is not one: labels are short and their words are capitalised.
pub fn is_label(line: &str) -> bool {
    let Some(name) = line.strip_suffix(':').or_else(|| line.strip_suffix('：')) else {
        return false;
    };
    let name = name.trim_end();
    if is_not_a_speaker(name) {
        return false;
    }
    // A name in Chinese is two to four characters, an outlet's label a few more
    // ("新华社记者"); a longer run before a colon is a sentence ("洪磊首先发布消息").
    if !name.is_ascii() && !name.chars().any(|c| c.is_ascii_alphabetic()) {
        let core = name.trim_matches(['【', '】', '[', ']']);
        let reporter = core.ends_with("记者") || core.ends_with("記者");
        if core.chars().count() > 6 && !reporter || core.chars().count() > 14 {
            return false;
        }
    }
    if name.is_empty() || name.chars().count() > 60 || name.contains(['?', '!', ';', ':', '"']) {
        return false;
    }
    let first = name.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit() || !first.is_ascii()) {
        return false;
    }
    // "Li Hua from Xinhua", "Reporter with Bloomberg": a reporter named by outlet.
    if reporter_outlet(name).is_some() && name.split(' ').count() <= 10 {
        return true;
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

/// Words before a colon that name no speaker: a header's fields ("SUBJECTS: Budget;
/// Petrol"), a transcriber's notes ("Inaudible:", "Crosstalk:"), a site's sections.
const NOT_SPEAKERS: &[&str] = &[
    "subject",
    "subjects",
    "topic",
    "topics",
    "location",
    "venue",
    "place",
    "time",
    "date",
    "inaudible",
    "crosstalk",
    "laughter",
    "applause",
    "end",
    "ends",
    "note",
    "notes",
    "source",
    "sources",
    "related",
    "tags",
    "tag",
    "keywords",
    "category",
    "categories",
    "editor",
    "photo",
    "video",
    "audio",
    "transcript",
    "summary",
    "attachment",
    "attachments",
    "share",
    "follow us",
    "contact",
    "contact us",
    "media contact",
    "embargoed",
    "check against delivery",
    "q&a",
    "qa",
    "e-mail",
    "email",
    "tel",
    "fax",
    "website",
    "url",
    "link",
    "links",
    "release",
    "media release",
    "press release",
    "for immediate release",
    "background",
    "read more",
    "see also",
    "update",
    "updated",
    "published",
    "posted",
    "by",
    "author",
    "agenda",
    "programme",
    "program",
    "speaker key",
    "participants",
    "content",
    "release date",
    "release type",
    "transcript id",
    "released by",
    "period of service",
    "interpreter",
    "voice of interpreter",
    "interpretation",
    "translator",
    "translation",
    "simultaneous interpretation",
    "caption",
    "captions",
];

pub fn is_not_a_speaker(name: &str) -> bool {
    let lower = name
        .trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace())
        .to_lowercase();
    NOT_SPEAKERS.contains(&lower.as_str())
}

/// The name in a label line ("Wang Hongzhi:" -> "Wang Hongzhi").
pub fn label_name(line: &str) -> &str {
    line.trim_end_matches([':', '：']).trim_end()
}

/// "Question 3", "Q1", "1. Q", "(2) Question", "A." -> "question", "q", "q", ...: a
/// numbered or punctuated generic label, reduced to its word.
pub fn generic_label(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a label asks ("Q", "Question 3", "Reporter") or answers ("A", "Answer").
pub fn is_asker_label(name: &str) -> bool {
    ASKER_LABELS.contains(&generic_label(name).as_str())
}

pub fn is_answer_label(name: &str) -> bool {
    ANSWER_LABELS.contains(&generic_label(name).as_str())
}

/// Words that label a question or an answer without naming anyone.
pub const ASKER_LABELS: &[&str] = &[
    "q",
    "question",
    "questions",
    "reporter",
    "journalist",
    "journalists",
    "correspondent",
    "media",
    "audience",
    "press",
    "participant",
    "问",
    "問",
    "记者",
    "記者",
];
pub const ANSWER_LABELS: &[&str] = &["a", "answer", "答"];

/// Labels of whoever runs a briefing without answering: "MODERATOR:", "Host:", "MC:".
const MODERATOR_LABELS: &[&str] = &[
    "moderator",
    "the moderator",
    "host",
    "mc",
    "master of ceremonies",
    "chair",
    "chairperson",
    "operator",
    "the operator",
    "presenter",
    "主持人",
];

pub fn is_moderator_label(name: &str) -> bool {
    MODERATOR_LABELS.contains(&generic_label(name).as_str())
}

/// The outlet a reporter's label or self-introduction names: "Li Hua from Xinhua",
/// "Reporter with Bloomberg", "Xinhua News Agency reporter", "CCTV correspondent",
/// "新华社记者" -> the outlet. None when what follows is not an outlet ("from China").
/// Outlets a Chinese page names in Chinese, by the name they publish under in English.
const CHINESE_OUTLETS: &[(&str, &str)] = &[
    ("新华社", "Xinhua News Agency"),
    ("新華社", "Xinhua News Agency"),
    ("中央广播电视总台", "China Media Group"),
    ("总台央视", "CCTV"),
    ("中央电视台", "CCTV"),
    ("央视", "CCTV"),
    ("中国国际电视台", "CGTN"),
    ("中国国际广播电台", "China Radio International"),
    ("中國國際廣播電臺", "China Radio International"),
    ("人民日报", "People's Daily"),
    ("人民日報", "People's Daily"),
    ("中国日报", "China Daily"),
    ("中國日報", "China Daily"),
    ("经济日报", "Economic Daily"),
    ("光明日报", "Guangming Daily"),
    ("环球时报", "Global Times"),
    ("環球時報", "Global Times"),
    ("中新社", "China News Service"),
    ("中国新闻社", "China News Service"),
    ("澎湃新闻", "The Paper"),
    ("第一财经", "Yicai"),
    ("财新", "Caixin"),
    ("凤凰卫视", "Phoenix TV"),
    ("鳳凰衛視", "Phoenix TV"),
    ("路透社", "Reuters"),
    ("法新社", "AFP"),
    ("美联社", "AP"),
    ("美聯社", "AP"),
    ("彭博社", "Bloomberg"),
    ("彭博", "Bloomberg"),
    ("共同社", "Kyodo News"),
    ("塔斯社", "TASS"),
    ("俄新社", "RIA Novosti"),
    ("今日俄罗斯", "RT"),
    ("半岛电视台", "Al Jazeera"),
    ("日本广播协会", "NHK"),
    ("韩联社", "Yonhap"),
    ("香港电台", "RTHK"),
];

/// "中国国际电视台CGTN" -> "CGTN", "新華社" -> "Xinhua News Agency": an outlet written in
/// Chinese, by its English name when it is a known one.
fn outlet_in_english(outlet: &str) -> String {
    CHINESE_OUTLETS
        .iter()
        .filter(|(zh, _)| outlet.starts_with(zh))
        .max_by_key(|(zh, _)| zh.len())
        .map_or_else(|| outlet.to_owned(), |(_, en)| (*en).to_owned())
}

pub fn reporter_outlet(label: &str) -> Option<String> {
    let label = label
        .trim()
        .trim_end_matches([':', '：', '.', ','])
        .trim_matches(['【', '】']);
    if let Some(outlet) = label
        .strip_suffix("记者")
        .or_else(|| label.strip_suffix("記者"))
        .filter(|o| !o.is_empty())
    {
        return Some(outlet_in_english(outlet.trim_end_matches(['的'])));
    }
    for word in [" reporter", " correspondent", " journalist"] {
        if let Some(outlet) = label
            .strip_suffix(word)
            .or_else(|| label.strip_suffix(&word.to_uppercase()[..]))
        {
            let outlet = outlet.trim();
            if is_outlet(outlet) && !outlet.contains(' ') || outlet_words(outlet) {
                return Some(outlet.to_owned());
            }
        }
    }
    // "MARICEL HALILI/TV5": the reporter, then the outlet.
    if let Some((who, outlet)) = label.split_once('/') {
        let outlet = outlet.trim();
        if who.trim().split(' ').count() <= 4 && (outlet_words(outlet) || is_acronym_outlet(outlet))
        {
            return Some(outlet.to_owned());
        }
    }
    for word in [" from ", " with ", " of ", " at "] {
        if let Some((who, outlet)) = label.split_once(word) {
            let outlet = outlet.trim().trim_start_matches("the ").trim();
            let who_ok =
                who.split(' ').count() <= 4 && who.chars().next().is_some_and(char::is_uppercase);
            if who_ok && (outlet_words(outlet) || is_acronym_outlet(outlet)) {
                return Some(outlet.to_owned());
            }
        }
    }
    None
}

/// Capitalised words of which one is an outlet's ("Xinhua News Agency").
fn outlet_words(text: &str) -> bool {
    !text.is_empty()
        && text.split(' ').count() <= 6
        && text.split(' ').all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_ascii())
                || matches!(w, "of" | "and" | "the" | "&")
        })
        && text
            .split([' ', ',', '-', '\''])
            .any(|w| OUTLET_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Acronyms that are not news outlets: states, bodies, topics.
const NOT_OUTLETS: &[&str] = &[
    "US", "USA", "UK", "EU", "UN", "AI", "WTO", "NATO", "IMF", "WHO", "ASEAN", "BRICS", "SCO",
    "APEC", "GDP", "PRC", "DPRK", "ROK", "NDRC", "SCIO", "SASAC", "MOFCOM", "MFA", "CPC", "PLA",
    "COVID", "CPI", "PMI", "FDI", "RMB", "SOE", "SOES", "UAE", "ICC", "ICJ", "IAEA", "OECD", "G7",
    "G20", "BRI", "FTA", "RCEP", "CPTPP", "MOU", "EV", "EVS", "OK", "TV", "PM", "MP",
];

/// Offices written as acronyms: "PM:" is the Prime Minister, not an outlet.
const ROLE_ACRONYMS: &[&str] = &[
    "PM", "FM", "DPM", "MP", "CEO", "SG", "DSG", "PMS", "PS", "DG",
];

/// "AP", "RNZ", "CNN": an acronym that is no state or body.
fn is_acronym_outlet(text: &str) -> bool {
    (2..=6).contains(&text.len())
        && text.starts_with(|c: char| c.is_ascii_uppercase())
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && !NOT_OUTLETS.contains(&text)
        && !ROLE_ACRONYMS.contains(&text)
}

/// "Said Arikat, Al Quds. On Gaza ...": a question that opens with the reporter's
/// name and outlet as a sentence of their own.
fn introduction(text: &str) -> Option<String> {
    let end = text.find(". ")?;
    let (name, outlet) = text[..end].split_once(", ")?;
    let capitalised = |part: &str, most: usize| {
        let words: Vec<&str> = part.split(' ').collect();
        words.len() <= most
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
            })
    };
    let name_words = name.split(' ').count();
    ((2..=3).contains(&name_words) && capitalised(name, 3) && capitalised(outlet, 4))
        .then(|| outlet.to_owned())
}

/// The outlet a reporter names for themselves, or a host names for them, in running
/// text: "Li Hua from Xinhua.", "I'm with Bloomberg", "Aamer with the AP.", "With
/// Bloomberg, on AI", "Next question, CCTV." Only where the sentence says who is asking:
/// after a name, "I'm", "I am", a reporter's word, or at the very start.
pub fn outlet_in_text(text: &str) -> Option<String> {
    outlet_said(text, false)
}

/// [`outlet_in_text`] in a host's hand-over ("The next question goes to Nick with
/// PBS."): there, what follows "Name with" is the outlet even when no word of it says
/// so, as long as it is a proper name of a few words.
pub fn outlet_in_handover(text: &str) -> Option<String> {
    outlet_said(text, true)
}

fn outlet_said(text: &str, handover: bool) -> Option<String> {
    let head: String = text.chars().take(160).collect();
    let head = head.as_str();
    for prep in ["from ", "with ", "From ", "With ", "of "] {
        let mut start = 0;
        while let Some(at) = head[start..].find(prep).map(|i| i + start) {
            start = at + prep.len();
            if at > 0 && !head[..at].ends_with(' ') {
                continue;
            }
            let before = head[..at].trim_end();
            let segment: Vec<&str> = before
                .rsplit(['.', '!', '?', ';', '"', '\u{201C}'])
                .next()
                .unwrap_or("")
                .split_whitespace()
                .collect();
            let capitalised = |w: &&&str| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            };
            let name_run = segment.iter().rev().take_while(capitalised).count();
            let lower_before = before.to_lowercase();
            let who = segment.is_empty()
                || [
                    "i'm",
                    "i\u{2019}m",
                    "i am",
                    "reporter",
                    "correspondent",
                    "journalist",
                    "here",
                ]
                .iter()
                .any(|w| lower_before.ends_with(w))
                || (prep != "of " && (1..=3).contains(&name_run) && segment.len() <= 7);
            if !who {
                continue;
            }
            let after = &head[start..];
            let after = after
                .strip_prefix("the ")
                .or_else(|| after.strip_prefix("The "))
                .unwrap_or(after);
            let run: Vec<&str> = after
                .split(' ')
                .enumerate()
                .take_while(|(i, w)| {
                    let w = w.trim_end_matches([',', '.', ';', ':', '?', '!', ')']);
                    w.chars().next().is_some_and(char::is_uppercase)
                        || matches!(w, "of" | "and" | "&")
                        // "France 24", "Channel 4": a number ends an outlet's name.
                        || (*i > 0 && !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
                })
                .map(|(_, w)| w)
                .scan(false, |ended, w| {
                    if *ended {
                        return None;
                    }
                    *ended = w.ends_with([',', '.', ';', ':', '?', '!', ')']);
                    Some(w.trim_end_matches([',', '.', ';', ':', '?', '!', ')']))
                })
                .take(6)
                .collect();
            let mut run = run;
            while run.last().is_some_and(|w| matches!(*w, "of" | "and" | "&")) {
                run.pop();
            }
            let outlet = run.join(" ");
            if outlet_words(&outlet) || is_acronym_outlet(&outlet) {
                return Some(outlet);
            }
            // A hand-over names a person, then where they write: "Nadia with Al Quds".
            let proper = !run.is_empty()
                && run.len() <= 4
                && !NOT_OUTLETS.contains(&outlet.as_str())
                && prep != "of "
                && name_run >= 1;
            if handover && proper {
                return Some(outlet);
            }
        }
    }
    introduction(text)
}

/// Words that make a label an outlet's: "Xinhua News Agency", "The Paper", "CCTV".
const OUTLET_WORDS: &[&str] = &[
    "news",
    "agency",
    "daily",
    "times",
    "tv",
    "radio",
    "press",
    "post",
    "journal",
    "herald",
    "network",
    "broadcasting",
    "television",
    "paper",
    "observer",
    "media",
    "magazine",
    "review",
    "service",
    "tribune",
    "telegraph",
    "guardian",
    "cctv",
    "cgtn",
    "xinhua",
    "reuters",
    "afp",
    "ap",
    "bloomberg",
    "kyodo",
    "nhk",
    "yicai",
    "bbc",
    "cnn",
    "sputnik",
    "tass",
    "phoenix",
    "shimbun",
    "global",
    "weekly",
    "online",
    "channel",
    "ria",
    "dpa",
    "efe",
    "ansa",
    "yonhap",
    "efe",
    "caixin",
    "economist",
    "financial",
    "wire",
    // Outlets known by a name of their own.
    "politico",
    "axios",
    "npr",
    "voa",
    "pbs",
    "cbs",
    "nbc",
    "abc",
    "fox",
    "cnbc",
    "msnbc",
    "semafor",
    "punchbowl",
    "newsmax",
    "jazeera",
    "arabiya",
    "nikkei",
    "asahi",
    "yomiuri",
    "mainichi",
    "sankei",
    "jiji",
    "interfax",
    "anadolu",
    "caijing",
    "ifeng",
    "chinanews",
    "rthk",
    "tvb",
    "sbs",
    "rnz",
    "tvnz",
    "itv",
    "sky",
    "rte",
    "cbc",
    "ctv",
    "kbs",
    "mbc",
    "sbs",
    "nhk",
    "ani",
    "pti",
    "ians",
    "prensa",
    "efe",
    "lusa",
    "rtl",
    "ard",
    "zdf",
    "bfm",
    "euronews",
    "politiken",
    "spiegel",
    "figaro",
    "monde",
    "lianhe",
    "zaobao",
    "straits",
    "bernama",
    "antara",
    "vnexpress",
    "inquirer",
    "rappler",
    "gma",
    "abs-cbn",
];

/// Splits the label off paragraphs that open with one: "Mao Ning: We ...",
/// "MR MILLER: Afternoon.", "[Gao Feng]: Good afternoon", "**Li Bing:** Yes",
/// "Ms. ONO Hikariko, Press Secretary:I will ...", "Q The ...". A sentence is never
/// taken for a label: a candidate counts only when its shape is unmistakable (bold,
/// brackets, a question or answer word, capitals), when it is a name the page gives
/// elsewhere (`known`, or the label of another paragraph or line), or when it names
/// a media outlet. `known` holds names the title, roster and lead give; colon-less
/// labels ("Li Na The summit ...") are recognised from those names alone.
pub fn split_labels<'a>(lines: Vec<Line<'a>>, known: &[String]) -> Vec<Line<'a>> {
    let candidates: Vec<Option<Candidate>> = lines
        .iter()
        .map(|l| {
            (l.kind == LineKind::Text)
                .then(|| candidate(&l.text))
                .flatten()
        })
        .collect();
    let evidence = Evidence::new(&lines, &candidates, known);
    // Names a label may carry without its colon ("Li Na The summit will ..."): the
    // page's own names and the labels it writes with a colon elsewhere.
    let mut named: Vec<String> = known.to_vec();
    named.extend(
        candidates
            .iter()
            .flatten()
            .filter(|c| !c.bare && evidence.sure(c))
            .map(|c| c.name.clone()),
    );
    named.extend(
        lines
            .iter()
            .filter(|l| l.kind == LineKind::Label)
            .map(|l| label_name(&l.text).to_owned()),
    );
    named.sort_by_key(|n| std::cmp::Reverse(n.len()));
    named.dedup();
    let mut out = Vec::with_capacity(lines.len() + lines.len() / 4);
    for (line, cand) in lines.into_iter().zip(candidates) {
        let cand = cand.or_else(|| {
            (line.kind == LineKind::Text)
                .then(|| colonless(&line.text, &named))
                .flatten()
        });
        match cand.filter(|c| evidence.accepts(c, &line.text)) {
            Some(c) => split_line(line, &c, &mut out),
            None => out.push(line),
        }
    }
    out
}

/// What the page says of its candidate labels: how often each is used, the names it
/// gives, whether it writes Q/A without colons, whether its paragraphs open with
/// labels.
struct Evidence {
    seen: std::collections::HashMap<String, usize>,
    known: Vec<String>,
    bare_qa: bool,
    labelled_page: bool,
    /// At least one paragraph opens with a label the page vouches for.
    some_labels: bool,
}

impl Evidence {
    fn new(lines: &[Line<'_>], candidates: &[Option<Candidate>], known: &[String]) -> Evidence {
        // Labels seen more than once, or also alone on a line, are labels.
        let mut seen = std::collections::HashMap::new();
        for c in candidates.iter().flatten() {
            *seen.entry(c.name.to_lowercase()).or_default() += 1;
        }
        for l in lines.iter().filter(|l| l.kind == LineKind::Label) {
            *seen.entry(label_name(&l.text).to_lowercase()).or_default() += 2;
        }
        // Q/A without a colon ("Q The Iranian ...") only where the page does it twice.
        let bare_qa = candidates
            .iter()
            .flatten()
            .filter(|c| c.bare && c.name.len() == 1)
            .count()
            >= 2;
        let mut evidence = Evidence {
            seen,
            known: known.iter().map(|k| k.to_lowercase()).collect(),
            bare_qa,
            labelled_page: false,
            some_labels: false,
        };
        // On a page whose paragraphs open with labels, a person's name before a colon
        // is one more ("He Yadong: Good afternoon"), even if it speaks once.
        let sure = candidates
            .iter()
            .flatten()
            .filter(|c| evidence.sure(c))
            .count();
        evidence.labelled_page = sure >= 2;
        evidence.some_labels = sure >= 1 || lines.iter().any(|l| l.kind == LineKind::Label);
        evidence
    }

    fn sure(&self, c: &Candidate) -> bool {
        let lower = c.name.to_lowercase();
        if c.caps {
            // Only a page that does it again and again writes labels this way.
            return self.seen.get(&lower).is_some_and(|&n| n >= 3)
                || (self.seen.get(&lower).is_some_and(|&n| n >= 2)
                    && (is_asker_label(&c.name)
                        || self.known.iter().any(|k| names_match(&lower, k))));
        }
        if c.bare {
            return (c.name.len() == 1 && self.bare_qa) || c.name.len() > 1;
        }
        c.strong
            || self.seen.get(&lower).is_some_and(|&n| n >= 2)
            || self.known.contains(&lower)
            || self.known.iter().any(|k| names_match(&lower, k))
            || is_outlet(&c.name)
            || reporter_outlet(&c.name).is_some()
    }

    fn accepts(&self, c: &Candidate, line: &str) -> bool {
        // On a page of labels, one capitalised word before a question is the outlet
        // asking it ("Caijing: This year's report ...?").
        let asks = self.some_labels
            && !c.bare
            && line[c.rest_at..].split(' ').count() >= 6
            && !c.name.contains(' ')
            && c.name.chars().next().is_some_and(char::is_uppercase)
            && c.name.chars().all(char::is_alphanumeric)
            && line[c.rest_at..].contains('?');
        asks || self.sure(c)
            || ((self.labelled_page || greets(&line[c.rest_at..]))
                && !c.bare
                && person_like(&c.name))
            || (self.labelled_page && c.bare && c.name.len() == 1)
    }
}

/// A line that opens with a label, as two: the label, and the paragraph's text.
fn split_line<'a>(line: Line<'a>, c: &Candidate, out: &mut Vec<Line<'a>>) {
    push_label(line.number, &c.name, &line.text[c.rest_at..], out);
}

/// A label line (`name:`) and, when there is any, the text that followed it.
pub fn push_label(number: usize, name: &str, rest: &str, out: &mut Vec<Line<'_>>) {
    out.push(Line {
        number,
        text: Cow::Owned(format!("{name}:")),
        kind: LineKind::Label,
    });
    let rest = rest.trim();
    if !rest.is_empty() {
        out.push(Line {
            number,
            kind: classify(rest),
            text: Cow::Owned(rest.to_owned()),
        });
    }
}

/// "Minister MOTEGI" is the "MOTEGI Toshimitsu" of the title; "MR MILLER" the
/// "Matthew Miller" of a roster: a label that names a known person by a part of
/// their name, with an honorific or a title before it.
pub fn names_match(label: &str, known: &str) -> bool {
    let strip = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split([' ', '.'])
            .filter(|w| !w.is_empty())
            .filter(|w| {
                !matches!(
                    *w,
                    "mr" | "ms" | "mrs" | "dr" | "minister" | "secretary" | "spokesperson"
                )
            })
            .map(str::to_owned)
            .collect()
    };
    let (label, known) = (strip(label), strip(known));
    !label.is_empty() && label.iter().all(|w| known.contains(w))
}

/// "Li Na The summit will ..." with "Li Na" a name the page gives: the name, then a
/// capital that starts the paragraph. Never a name in running text ("Li Na said").
fn colonless(line: &str, named: &[String]) -> Option<Candidate> {
    let name = named.iter().find(|n| {
        n.len() >= 2
            && line.starts_with(n.as_str())
            && line[n.len()..].starts_with(' ')
            && line[n.len() + 1..]
                .starts_with(|c: char| c.is_uppercase() || c == '"' || c == '\u{201C}')
    })?;
    // "Xinhua News Agency reported ..." keeps its verb: the next word must not be one.
    let next = line[name.len() + 1..].split(' ').next().unwrap_or("");
    let sentence_start = next.chars().next().is_some_and(char::is_uppercase);
    sentence_start.then(|| Candidate {
        name: name.clone(),
        rest_at: name.len() + 1,
        strong: false,
        bare: true,
        caps: false,
    })
}

/// A briefing's first words: "Good afternoon", "Friends from the press", "Ladies and
/// gentlemen", "Welcome": who says them is a speaker.
fn greets(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    [
        "good morning",
        "good afternoon",
        "good evening",
        "friends",
        "ladies and gentlemen",
        "welcome",
        "hello",
        "hi, everyone",
    ]
    .iter()
    .any(|g| lower.starts_with(g))
}

/// Two to four capitalised words of letters, as a person's name is written
/// ("He Yadong", "Ms. ONO Hikariko", "MR MILLER").
fn person_like(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        })
}

/// A label that names a media outlet ("Xinhua News Agency", "The Paper", "CGTN").
pub fn is_outlet(name: &str) -> bool {
    // An acronym alone: CGTN, PHTV, NHK.
    // Five capitals or more are a surname as often as an outlet ("REITH:", "KIRBY:").
    let acronym = (2..=4).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_uppercase())
        && !NOT_OUTLETS.contains(&name)
        && !ROLE_ACRONYMS.contains(&name);
    acronym
        || name
            .split([' ', ',', '-', '\''])
            .any(|w| OUTLET_WORDS.contains(&w.to_lowercase().as_str()))
}

#[derive(Debug, Clone)]
struct Candidate {
    name: String,
    /// Where the paragraph's own text starts, in the line.
    rest_at: usize,
    /// Bold, bracketed, a question or answer word, or in capitals: a label by its shape.
    strong: bool,
    /// No colon: "Q The ..." or a known name followed by the text.
    bare: bool,
    /// No colon, in capitals: "MR. PYLE Good afternoon", "QUESTION Thanks, Matt".
    caps: bool,
}

fn candidate(line: &str) -> Option<Candidate> {
    if line.starts_with("**") || line.starts_with('[') {
        return marked_label(line);
    }
    colon_label(line)
        .or_else(|| bare_question_or_answer(line))
        .or_else(|| caps_label(line))
}

/// "MR. PYLE Good afternoon.", "QUESTION Thanks, Matt.", "PRIME MINISTER We will ...":
/// a label in capitals that lost its colon, then a sentence. One to four words of
/// capitals (with "." and "-"), at least four letters, no state or body ("AI Action
/// Plan" is a sentence).
fn caps_label(line: &str) -> Option<Candidate> {
    // Most lines start with a capital and a small letter: not this.
    let mut start = line.chars();
    let (first, second) = (start.next()?, start.next()?);
    if !first.is_uppercase() || second.is_lowercase() {
        return None;
    }
    let words: Vec<&str> = line.split(' ').take(6).collect();
    let caps_word = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 1
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\''))
    };
    let n = words.iter().take_while(|w| caps_word(w)).count().min(5);
    if !(1..=4).contains(&n) || words.len() <= n + 1 {
        return None;
    }
    let next = words[n];
    let sentence_word =
        next.chars().next().is_some_and(char::is_uppercase) && next.chars().any(char::is_lowercase);
    let name = words[..n].join(" ");
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let body = words[..n]
        .iter()
        .all(|w| NOT_OUTLETS.contains(w) || ROLE_ACRONYMS.contains(w));
    (sentence_word && letters >= 4 && !body && !is_not_a_speaker(&name)).then(|| Candidate {
        rest_at: name.len() + 1,
        name,
        strong: false,
        bare: true,
        caps: true,
    })
}

/// `**Name:** text`, `**Name**: text`, `[Name]: text`: a label by its marks.
fn marked_label(line: &str) -> Option<Candidate> {
    // **Name:** text, **Name**: text
    if let Some(rest) = line.strip_prefix("**") {
        let end = rest.find("**")?;
        let inner = rest[..end].trim();
        let after = &rest[end + 2..];
        let (name, rest_at) = match inner.strip_suffix(':') {
            Some(n) => (n.trim(), 2 + end + 2),
            None => (
                inner,
                2 + end + 2 + after.len() - after.trim_start_matches(':').len(),
            ),
        };
        return label_like(name).then(|| Candidate {
            name: name.to_owned(),
            rest_at,
            strong: true,
            bare: false,
            caps: false,
        });
    }
    // [Name]: text
    if let Some(rest) = line.strip_prefix('[') {
        let end = rest.find(']')?;
        let name = rest[..end].trim();
        let after = &rest[end + 1..];
        let skip = after.len() - after.trim_start_matches([':', '：', ' ']).len();
        // "[Inaudible] better chance ...", "[ Home ] [ back to top ]": a stage direction
        // or a menu, unless a colon makes it a label.
        if !after.trim_start().starts_with([':', '：']) {
            return None;
        }
        return label_like(name).then(|| Candidate {
            name: name.to_owned(),
            rest_at: 1 + end + 1 + skip,
            strong: true,
            bare: false,
            caps: false,
        });
    }
    None
}

/// `Name: text`, the colon within the first 80 bytes; a role or a reporter's name
/// after a comma is set aside.
fn colon_label(line: &str) -> Option<Candidate> {
    let (at, width) = line
        .char_indices()
        .take_while(|(i, _)| *i <= 80)
        .find(|(_, c)| *c == ':' || *c == '\u{FF1A}')
        .map(|(i, c)| (i, c.len_utf8()))?;
    let label = line[..at].trim();
    let rest_at = at + width;
    if line[rest_at..].trim().is_empty() {
        return None;
    }
    // "Ms. ONO Hikariko, Press Secretary" -> the name (the role stays aside);
    // "Yomiuri Shimbun, Yokobori" -> the outlet (its reporter's name aside).
    let name = match label.split_once(", ") {
        Some((name, role)) if label_like(name) && is_role(role) => name,
        // "Official Spokesperson, Shri Raveesh Kumar", "Secretary (West), Mrs. X".
        Some((role, name)) if is_role(role) && person_like(strip_title(name)) => strip_title(name),
        Some((name, reporter))
            if label_like(name)
                && is_outlet(name)
                && !is_outlet(reporter)
                && reporter.split(' ').count() <= 3 =>
        {
            name
        }
        _ => label,
    };
    if !label_like(name) || is_time_or_ratio(line, at) {
        return None;
    }
    // Capitals are a shape only in a script that has them: "汪文斌" is no shout.
    let caps = name.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && name.chars().all(|c| !c.is_lowercase());
    let with_role = label
        .split_once(", ")
        .is_some_and(|(a, b)| is_role(b) || (is_role(a) && name != label));
    Some(Candidate {
        name: name.to_owned(),
        rest_at,
        strong: caps || is_asker_label(name) || is_answer_label(name) || with_role,
        bare: false,
        caps: false,
    })
}

/// `Q The question ...`, `A The answer ...`: no colon, counted only where the page
/// writes them so more than once.
fn bare_question_or_answer(line: &str) -> Option<Candidate> {
    // Q The question ..., A The answer ...
    let mut chars = line.chars();
    let first = chars.next()?;
    if matches!(first, 'Q' | 'A') && chars.next() == Some(' ') {
        let rest = line[2..].trim_start();
        // "Q — South last night?": the rest of a question the answer cut into.
        let resumes = |c: char| matches!(c, '\u{2014}' | '\u{2013}' | '\u{2026}');
        if rest.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '\u{201C}' || resumes(c))
        {
            return Some(Candidate {
                name: first.to_string(),
                rest_at: 2,
                strong: false,
                bare: true,
                caps: false,
            });
        }
    }
    None
}

/// "Shri Raveesh Kumar" -> "Raveesh Kumar", "Mrs. Ruchi Ghanshyam" -> "Ruchi Ghanshyam".
fn strip_title(name: &str) -> &str {
    for t in [
        "Shri ", "Smt. ", "Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Mr ", "Ms ", "Mrs ",
    ] {
        if let Some(rest) = name.strip_prefix(t) {
            return rest.trim();
        }
    }
    name.trim()
}

/// "10:30 a.m.", "3:1", "Note: the" are not labels: a digit right before the colon.
fn is_time_or_ratio(line: &str, colon: usize) -> bool {
    line[..colon].ends_with(|c: char| c.is_ascii_digit())
        && line[colon + 1..].starts_with(|c: char| c.is_ascii_digit())
}

fn is_role(text: &str) -> bool {
    const ROLE_WORDS: &[&str] = &[
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "secretary",
        "minister",
        "director",
        "deputy",
        "president",
        "vice",
        "head",
        "chairman",
        "chair",
        "ambassador",
        "governor",
        "commissioner",
        "official",
        "press",
        "chief",
        "general",
        "mayor",
    ];
    text.split([' ', ','])
        .any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The words of a label: short, capitalised (or a known small word), no sentence.
fn label_like(name: &str) -> bool {
    !name.is_empty() && is_label(&format!("{name}:"))
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
    fn end_markers_page_numbers_and_clock_stamps_are_noise() {
        for line in [
            "[ends]",
            "ENDS",
            "- ENDS -",
            "-30-",
            "- 2 -",
            "Page 3 of 4",
            "1:05 P.M. EDT",
            "(00:22)",
        ] {
            assert_eq!(classify(line), LineKind::Noise, "{line}");
        }
        for line in [
            "The talks ends today.",
            "2 percent",
            "In 2024 we grew.",
            "3:1 was the score",
        ] {
            assert_ne!(classify(line), LineKind::Noise, "{line}");
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
