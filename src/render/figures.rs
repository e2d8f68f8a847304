//! Figures: the quantities a paragraph states ("3 trillion yuan", "more than 80%",
//! "28 groups of 50 enterprises"), found by a small grammar over its plain text, for
//! the figures index. A number is a figure when a percent sign, a currency, a scale
//! word (million, billion) or a counted noun ("groups", "SOEs") goes with it; years,
//! dates, times, ordinals, and names with numbers in them ("Shenzhou-16", "5G",
//! "No. 1", "Article 5") are not figures.

use std::ops::Range;

/// A figure found in a text: its words and the sentence that says it (byte ranges).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub figure: Range<usize>,
    pub sentence: Range<usize>,
}

/// Every figure in `text`, in order.
pub fn figures(text: &str) -> Vec<Found> {
    let mut ranges = in_digits(text);
    let spelled = spelled(text);
    if !spelled.is_empty() {
        ranges.extend(spelled);
        ranges.sort_by_key(|r| r.start);
        // Of figures that overlap ("3 hundred million" in digits and in words), the
        // first is kept.
        let mut kept: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            if kept.last().is_none_or(|k| k.end <= r.start) {
                kept.push(r);
            }
        }
        ranges = kept;
    }
    with_sentences(text, ranges)
}

/// Each figure (in order) with its sentence ([`crate::content::sentence_spans`]); a
/// figure read across a sentence's end (rare) takes both sentences.
fn with_sentences(text: &str, figures: Vec<Range<usize>>) -> Vec<Found> {
    if figures.is_empty() {
        return Vec::new();
    }
    let spans = crate::content::sentence_spans(text);
    let around = |figure: &Range<usize>| {
        let first = spans.partition_point(|s| s.end <= figure.start);
        let last = spans.partition_point(|s| s.end < figure.end);
        let start = spans
            .get(first)
            .map_or(figure.start, |s| s.start.min(figure.start));
        let end = spans
            .get(last)
            .map_or(figure.end, |s| s.end.max(figure.end));
        start..end
    };
    figures
        .into_iter()
        .map(|figure| Found {
            sentence: around(&figure),
            figure,
        })
        .collect()
}

/// Whether `word` is one of `words` (lowercase), in any case.
fn is_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Number words that make a figure with a scale or "percent" after them ("one
/// trillion yuan", "two million enterprises", "five percent").
const NUMBER_WORDS: [&str; 24] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "hundreds", "several",
];

/// What follows a number word in a figure written in words.
const SPELLED_KEYS: [&str; 4] = [" million", " billion", " trillion", " percent"];

/// The searchers for [`SPELLED_KEYS`], built once: building one costs more than
/// searching a paragraph with it.
fn spelled_finders() -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    FINDERS.get_or_init(|| {
        SPELLED_KEYS
            .iter()
            .map(|k| memchr::memmem::Finder::new(k.as_bytes()))
            .collect()
    })
}

/// Figures written in words: a number word before a scale word or "percent".
fn spelled(text: &str) -> Vec<Range<usize>> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for (key, finder) in SPELLED_KEYS.iter().zip(spelled_finders()) {
        for at in finder.find_iter(text.as_bytes()) {
            let Some((w, mut start)) = word_before(text, at + 1) else {
                continue;
            };
            if !is_one_of(w, &NUMBER_WORDS) {
                continue;
            }
            let word_end = start + w.len();
            // "twenty-five"
            if let Some(tens) = text[..start].strip_suffix('-') {
                let letters = tens.len()
                    - tens
                        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                        .len();
                if letters > 0 {
                    start -= letters + 1;
                }
            }
            // Past the scale words: what a number in digits would take after them.
            let mut end = scale_after(text, word_end).unwrap_or(at + key.len());
            if let Some(e) = percent_after(text, word_end)
                .or_else(|| currency_after(text, end))
                .or_else(|| counted_noun(text, end))
            {
                end = e.max(end);
            }
            let start = qualifier_before(text, start).unwrap_or(start);
            found.push(start..end);
        }
    }
    found
}

/// The figures whose number is written in digits.
fn in_digits(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || !number_may_start(text, i) {
            i += 1;
            continue;
        }
        match figure_at(text, i) {
            Some(figure) => {
                i = figure.end;
                found.push(figure);
            }
            None => {
                // Past this number: its digits cannot start another.
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                    i += 1;
                }
            }
        }
    }
    found
}

/// The figure whose number starts at `at`, with the qualifier and currency before it
/// and what it counts after it; None when the number is not a figure.
fn figure_at(text: &str, at: usize) -> Option<Range<usize>> {
    let mut start = at;
    let mut currency = false;
    if let Some(prefix) = currency_before(text, at) {
        start = prefix;
        currency = true;
    }
    let number = quantity(text, at)?;
    let mut end = number.range.end;
    let mut has_unit = currency || number.unit;
    // A range: "20-30%", "2 to 3 percent", "5-10km".
    if let Some(upper) = range_upper(text, end) {
        end = upper.range.end;
        has_unit |= upper.unit;
    }
    let mut scaled = None;
    if !has_unit || currency {
        scaled = scale_after(text, end);
        if let Some(e) = scaled {
            end = e;
            has_unit = true;
        }
    }
    // "£2.5bn" has its unit; "RMB 3 trillion yuan" may name its currency twice.
    if let Some(e) = percent_after(text, end).filter(|_| !number.unit) {
        end = e;
        has_unit = true;
    } else if let Some(e) = currency_after(text, end).filter(|_| !number.unit) {
        end = e;
        has_unit = true;
    } else if number.year_like && !has_unit {
        return None;
    } else if let Some(e) = counted_noun(text, end).filter(|_| !number.unit) {
        end = e;
        has_unit = true;
    }
    if !has_unit {
        return None;
    }
    if named_number(text, start) && scaled.is_none() && !currency {
        return None;
    }
    if let Some(e) = per_after(text, end) {
        end = e;
    }
    // "28 groups of 50 enterprises": one figure.
    if let Some(e) = of_figure_after(text, end) {
        end = e;
    }
    if let Some(q) = qualifier_before(text, start) {
        start = q;
    }
    Some(start..end)
}

/// Whether a digit at `at` starts a number of its own, not one inside a word or name
/// ("C919", "Shenzhou-16", "COVID-19"), a decimal's fraction or a section number.
fn number_may_start(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let mut back = before.chars().rev();
    match back.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '_' || c == '/' || c == '#' => false,
        Some('.' | ',') => !back.next().is_some_and(|c| c.is_ascii_digit()),
        Some('-' | '–') => !back.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

/// A number as written: "1,200", "32.1", "2.5bn".
struct Number {
    range: Range<usize>,
    /// 1800 to 2100, written without separators or decimals: a year when nothing
    /// says otherwise.
    year_like: bool,
    /// A unit or scale written onto it ("2.5bn", "300m", "5km").
    unit: bool,
}

/// Units and scales written onto a number ("£2.5bn", "5km"): other letters make a
/// name or an ordinal ("5G", "20th").
const ATTACHED: [&str; 20] = [
    "bn", "tn", "mn", "m", "k", "km", "kg", "t", "cm", "mm", "ha", "GW", "MW", "kW", "kWh", "MWh",
    "GWh", "TWh", "GB", "TB",
];

/// The number at `at`, or None when it is part of something else: an ordinal, a
/// name ("5G"), a time ("10:30"), a date ("March 5").
fn quantity(text: &str, at: usize) -> Option<Number> {
    let bytes = text.as_bytes();
    let mut end = at;
    while end < bytes.len() {
        let b = bytes[end];
        let digit_next = bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || ((b == b',' || b == b'.') && digit_next) {
            end += 1;
        } else {
            break;
        }
    }
    let digits = end;
    let letters = text[end..]
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let unit = letters > 0 && ATTACHED.contains(&&text[end..end + letters]);
    if unit {
        end += letters;
    }
    let after = text[end..].chars().next();
    // "20th", "5G", "3D", "10:30", "1.2.3"
    if after.is_some_and(|c| c.is_alphanumeric() || c == ':' || c == '_') {
        return None;
    }
    let number = &text[at..digits];
    let year_like = !unit
        && number.len() == 4
        && number.bytes().all(|b| b.is_ascii_digit())
        && (1800..=2100).contains(&number.parse::<u16>().unwrap_or(0));
    if month_near(text, at, end) || clock_after(text, end) {
        return None;
    }
    Some(Number {
        range: at..end,
        year_like,
        unit,
    })
}

const MONTHS: [&str; 21] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
];

fn is_month(word: &str) -> bool {
    // "may" is a month only when capitalised ("May 5"), not a verb ("may 3 ...").
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && is_one_of(word.trim_end_matches('.'), &MONTHS)
}

/// A date: a month name just before ("March 5") or after ("5 March") the number.
fn month_near(text: &str, start: usize, end: usize) -> bool {
    word_before(text, start).is_some_and(|(w, _)| is_month(w))
        || word_after(text, end).is_some_and(|(w, _)| is_month(w))
}

/// A time: "10 a.m.", "3 pm", "9 o'clock".
fn clock_after(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(' ');
    let lower: String = rest
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "a.m", "p.m", "am ", "pm ", "am,", "pm,", "am.", "pm.", "o'clock",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        || ["am", "pm"].contains(&lower.as_str())
}

/// The word (letters, inner hyphens and apostrophes) starting after spaces at `at`,
/// and where it ends.
fn word_after(text: &str, at: usize) -> Option<(&str, usize)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\n']);
    let start = at + (rest.len() - trimmed.len());
    let mut end = start;
    let mut chars = trimmed.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner = (c == '-' || c == '\'' || c == '’')
            && i > 0
            && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if c.is_alphabetic() || inner {
            end = start + i + c.len_utf8();
        } else {
            break;
        }
    }
    (end > start).then(|| (&text[start..end], end))
}

/// The word that ends just before `at` (after spaces), and where it starts.
fn word_before(text: &str, at: usize) -> Option<(&str, usize)> {
    let before = text[..at].trim_end_matches([' ', '\u{a0}', '\n']);
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let word = before[word_start..].trim_start_matches('.');
    (!word.is_empty()).then_some((word, word_start))
}

/// "2 to 3", "20-30": where the upper number ends.
fn range_upper(text: &str, end: usize) -> Option<Number> {
    let rest = &text[end..];
    let joint = ["-", "–", " to ", " - ", " – "]
        .iter()
        .find(|j| rest.starts_with(*j))?;
    let next = end + joint.len();
    if !text[next..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    quantity(text, next)
}

const SCALES: [&str; 9] = [
    "hundred", "thousand", "million", "billion", "trillion", "mn", "bn", "tn", "lakh",
];

/// One or more scale words after the number ("3 trillion", "1 hundred million").
fn scale_after(text: &str, end: usize) -> Option<usize> {
    let mut at = end;
    let mut found = None;
    while let Some((w, e)) = word_after(text, at) {
        if SCALES.contains(&w) {
            at = e;
            found = Some(e);
        } else {
            break;
        }
    }
    found
}

/// "%", " percent", " per cent", " percentage points".
fn percent_after(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    for sign in ["%", " %", "\u{a0}%"] {
        if rest.starts_with(sign) {
            return Some(end + sign.len());
        }
    }
    let (w, e) = word_after(text, end)?;
    match w {
        "percent" => Some(e),
        "percentage" => match word_after(text, e) {
            Some(("point" | "points", e2)) => Some(e2),
            _ => None,
        },
        "per" => match word_after(text, e) {
            Some(("cent", e2)) => Some(e2),
            _ => None,
        },
        _ => None,
    }
}

const CURRENCY_WORDS: [&str; 16] = [
    "yuan", "RMB", "renminbi", "dollars", "dollar", "euros", "euro", "yen", "pounds", "rupees",
    "roubles", "rubles", "won", "USD", "CNY", "EUR",
];

/// A currency after the number: "yuan", "US dollars", "Hong Kong dollars".
fn currency_after(text: &str, end: usize) -> Option<usize> {
    let (w, e) = word_after(text, end)?;
    if CURRENCY_WORDS.contains(&w) {
        return Some(e);
    }
    // "US dollars", "U.S. dollars", "Hong Kong dollars": capitalised words, then
    // "dollars".
    if !w.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let mut at = e;
    for _ in 0..2 {
        let rest = text[at..].trim_start_matches('.');
        match word_after(text, text.len() - rest.len()) {
            Some(("dollars" | "dollar", e2)) => return Some(e2),
            Some((next, e2)) if next.starts_with(|c: char| c.is_uppercase()) => at = e2,
            _ => return None,
        }
    }
    None
}

/// A currency sign or code just before the number ("$", "US$", "¥", "RMB "): where it
/// starts.
fn currency_before(text: &str, at: usize) -> Option<usize> {
    let before = &text[..at];
    for sign in [
        "US$", "HK$", "$", "¥", "€", "£", "RMB ", "RMB", "CNY ", "USD ", "EUR ", "US$ ",
    ] {
        if let Some(start) = before.strip_suffix(sign).map(str::len) {
            let clear = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if clear {
                return Some(start);
            }
        }
    }
    None
}

/// Words that end a noun phrase: they are not what a number counts.
const STOP: [&str; 58] = [
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "as",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might", "that", "which", "who", "this", "these", "those", "it",
    "its", "their", "our", "we", "they", "than", "more", "less", "times", "per", "out", "over",
    "into", "about", "after", "before", "since", "during", "each", "also",
];

/// Nouns that count without a plural "s", and units.
const COUNTED: [&str; 24] = [
    "people",
    "children",
    "staff",
    "personnel",
    "persons",
    "times",
    "km",
    "kg",
    "mu",
    "ha",
    "GW",
    "MW",
    "kW",
    "TWh",
    "GWh",
    "kWh",
    "MWh",
    "sq",
    "tonnes",
    "tons",
    "metres",
    "meters",
    "hectares",
    "households",
];

/// What a number counts: up to four words ending at the first plural ("100
/// representative projects", "12 listed central SOEs"); "times" as in "1.5 times".
fn counted_noun(text: &str, end: usize) -> Option<usize> {
    let mut at = end;
    for n in 0..4 {
        let (w, e) = word_after(text, at)?;
        if n == 0 && w == "times" {
            return Some(e);
        }
        if is_one_of(w, &STOP) {
            return None;
        }
        // "cubic meters": the unit is the next word.
        if w == "cubic" || w == "square" {
            at = e;
            continue;
        }
        if COUNTED.contains(&w) || is_plural(w) {
            return Some(e);
        }
        // A capitalised word that is not an acronym ends it ("32 Shanghai").
        if w.starts_with(|c: char| c.is_uppercase()) && !is_acronym(w) {
            return None;
        }
        at = e;
    }
    None
}

fn is_acronym(w: &str) -> bool {
    let core = w.strip_suffix('s').unwrap_or(w);
    core.len() >= 2 && core.chars().all(|c| c.is_ascii_uppercase())
}

fn is_plural(w: &str) -> bool {
    if is_acronym(w) {
        return w.ends_with('s');
    }
    let lower = w.to_ascii_lowercase();
    lower.len() > 3
        && lower.ends_with('s')
        && !["ss", "us", "is", "ous", "'s", "’s"]
            .iter()
            .any(|x| lower.ends_with(x))
}

/// "per capita", "per company", "per year" after a figure.
fn per_after(text: &str, end: usize) -> Option<usize> {
    match word_after(text, end)? {
        ("per", e) => word_after(text, e)
            .filter(|(w, _)| !STOP.contains(w))
            .map(|(_, e)| e),
        _ => None,
    }
}

/// " of 50 enterprises" after "28 groups": where the second figure ends.
fn of_figure_after(text: &str, end: usize) -> Option<usize> {
    let (w, e) = word_after(text, end)?;
    if w != "of" {
        return None;
    }
    let rest = &text[e..];
    let digits_at = e + (rest.len() - rest.trim_start_matches(' ').len());
    if !text[digits_at..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    figure_at(text, digits_at).map(|r| r.end)
}

const QUALIFIERS: [&str; 16] = [
    "more than",
    "less than",
    "fewer than",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "up to",
    "at least",
    "exceeding",
    "under",
    "below",
];

/// "more than", "nearly" just before the figure: where it starts.
fn qualifier_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].trim_end_matches(' ');
    let tail = before.as_bytes();
    QUALIFIERS
        .iter()
        .filter(|q| {
            tail.len() >= q.len() && tail[tail.len() - q.len()..].eq_ignore_ascii_case(q.as_bytes())
        })
        .map(|q| before.len() - q.len())
        .find(|&s| {
            text[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
}

/// A number that is part of a name: "No. 1", "Article 5", "Phase 2" (a capitalised
/// word just before it, not one starting a sentence or a qualifier).
fn named_number(text: &str, start: usize) -> bool {
    let Some((w, word_start)) = word_before(text, start) else {
        return false;
    };
    if w == "No" || w == "No." || w == "no" {
        return true;
    }
    let capital = w.starts_with(|c: char| c.is_uppercase()) && !is_acronym(w);
    let lower = w.to_ascii_lowercase();
    capital
        && !QUALIFIERS.contains(&lower.as_str())
        && !sentence_starts_at(text, word_start)
        && !["in", "by", "to", "of", "and", "with", "some"].contains(&lower.as_str())
}

/// Whether a sentence starts at `at` (the text's start, or after a sentence's end).
fn sentence_starts_at(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '"', '“', '\u{a0}', '\n']);
    before.is_empty() || before.ends_with(['.', '!', '?', ':', ';', '。'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> Vec<&str> {
        figures(text).into_iter().map(|f| &text[f.figure]).collect()
    }

    #[test]
    fn the_figures_a_briefing_gives() {
        assert_eq!(
            said("Central SOEs invested 3 trillion yuan in equipment renewal."),
            ["3 trillion yuan"]
        );
        assert_eq!(
            said("Coverage reached 80% by the end of the year, up 32.1 percent."),
            ["80%", "32.1 percent"]
        );
        assert_eq!(
            said("We formed 28 groups of 50 enterprises to lead the work."),
            ["28 groups of 50 enterprises"]
        );
        assert_eq!(
            said("We have invested more than 1 trillion yuan for two years."),
            ["more than 1 trillion yuan"]
        );
        assert_eq!(
            said("It selected 100 representative projects and 12 listed central SOEs."),
            ["100 representative projects", "12 listed central SOEs"]
        );
        assert_eq!(
            said("Productivity per capita reached 784,000 yuan, an average of 780 million yuan per company."),
            ["784,000 yuan", "780 million yuan per company"]
        );
        assert_eq!(said("Prices rose 2 to 3 percent."), ["2 to 3 percent"]);
        assert_eq!(said("Growth of 20-30% is expected."), ["20-30%"]);
        assert_eq!(
            said("Exports were US$5 billion and RMB 2.5 trillion."),
            ["US$5 billion", "RMB 2.5 trillion"]
        );
        assert_eq!(said("It grew 1.5 times."), ["1.5 times"]);
        assert_eq!(
            said("Over 15 million jobs were added, joblessness stayed under 4 percent for 20 months, and pay rose nearly $3,000."),
            ["Over 15 million jobs", "under 4 percent", "20 months", "nearly $3,000"]
        );
        assert_eq!(
            said("The fund adds £2.5bn to the £300m announced, for 5-10km of track."),
            ["£2.5bn", "£300m", "5-10km"]
        );
        assert_eq!(
            said("Sales reached 354.39 billion cubic meters."),
            ["354.39 billion cubic meters"]
        );
        assert_eq!(
            said(
                "R&D exceeded one trillion yuan; more than two million enterprises and 5 of them."
            ),
            ["one trillion yuan", "more than two million enterprises"]
        );
        assert_eq!(said("Twenty-five percent of them"), ["Twenty-five percent"]);
        assert_eq!(
            said("It raised 3 hundred million yuan."),
            ["3 hundred million yuan"]
        );
        assert_eq!(
            said("The ratio rose by 0.3 percentage points."),
            ["0.3 percentage points"]
        );
    }

    #[test]
    fn numbers_that_are_not_figures() {
        for text in [
            "In 2023, the SASAC implemented the plan.",
            "the 20th CPC National Congress and the 14th Five-Year Plan",
            "The Shenzhou-16 and Shenzhou-17 spaceships and the C919 aircraft.",
            "5G networks and COVID-19 measures",
            "The meeting starts at 10:30 on March 5, or 5 March, at 3 p.m.",
            "Document No. 1 and Article 5 of the law.",
            "14 of which are listed, and 32 saw an increase.",
            "From 2021 to 2025 the plan runs.",
            "Version 1.2.3 was released.",
            "It approved the Phase 2 projects.",
            "The briefing starts at 2:30 P.M. on Tuesday, February 4th, in Room 3G.",
        ] {
            assert_eq!(said(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn a_figure_comes_with_its_sentence() {
        let text = "Mr. Zhang spoke first. Assets reached 86.6 trillion yuan, up 6.4%. \
                    That is all.";
        let found = figures(text);
        assert_eq!(found.len(), 2);
        for f in &found {
            assert_eq!(
                &text[f.sentence.clone()],
                "Assets reached 86.6 trillion yuan, up 6.4%."
            );
        }
        let text = "The U.S. economy grew 2% in the year";
        let f = &figures(text)[0];
        assert_eq!(&text[f.sentence.clone()], text);
    }

    #[test]
    fn a_year_with_a_unit_is_a_figure() {
        assert_eq!(said("It spent 2000 yuan."), ["2000 yuan"]);
        assert_eq!(said("About 1900 enterprises"), Vec::<&str>::new());
    }

    /// A long sentence with a great many figures is read in linear time (a quadratic
    /// reading of this one would take minutes).
    #[test]
    fn a_sentence_of_many_figures_is_read_once() {
        let text = "5% and one million yuan, ".repeat(40_000);
        let found = figures(&text);
        assert_eq!(found.len(), 80_000);
        assert!(found.iter().all(|f| f.sentence == found[0].sentence));
    }

    /// Any text, of digits, words, punctuation and characters of several bytes:
    /// no panic, and each figure lies within its sentence on character boundaries.
    #[test]
    fn any_text_gives_figures_inside_their_sentences() {
        let pieces = [
            "1",
            "2,000",
            "3.5",
            "2023",
            " ",
            " ",
            ". ",
            "%",
            "-",
            "–",
            "$",
            "¥",
            "RMB ",
            "yuan",
            " million",
            " trillion",
            "more than ",
            "over ",
            " of ",
            "groups",
            "SOEs",
            "Mr.",
            "No.",
            "March",
            "twenty-",
            "five",
            " percent",
            "é",
            "中国",
            "“",
            "”",
            "\n",
            "per ",
            "cubic ",
            "meters",
            "a.m.",
            "Shenzhou-",
            "th",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            for f in figures(&text) {
                assert!(
                    f.sentence.start <= f.figure.start && f.figure.end <= f.sentence.end,
                    "{text:?}: {f:?}"
                );
                assert!(
                    text.is_char_boundary(f.figure.start) && text.is_char_boundary(f.figure.end)
                );
                assert!(text[f.figure].chars().any(|c| c.is_alphanumeric()));
            }
            let found = figures(&text);
            for pair in found.windows(2) {
                assert!(pair[0].figure.end <= pair[1].figure.start, "{text:?}");
            }
        }
    }
}
