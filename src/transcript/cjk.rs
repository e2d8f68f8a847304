//! Pages in Chinese (and other scripts without capitals) write labels in shapes of
//! their own: a name alone on its line with no colon ("高峰", "新華社記者"), or many
//! "【高峰】:" labels inside one run-on paragraph. Read once, before the labels are
//! split, so that every later rule sees ordinary label lines.

use std::borrow::Cow;

use super::lines::{Line, LineKind};

/// Whether most of the page's letters are CJK: then a short line in that script is
/// text (a name, a heading), not the chrome of an English page.
pub fn is_cjk_page(lines: &[Line<'_>]) -> bool {
    let (mut cjk, mut latin) = (0usize, 0usize);
    // The first few thousand letters tell.
    for l in lines.iter().take(400) {
        if cjk + latin > 20_000 {
            break;
        }
        for c in l.text.chars().take(2_000) {
            if is_cjk(c) {
                cjk += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
    }
    cjk > latin && cjk >= 40
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{3040}'..='\u{30FF}' | '\u{AC00}'..='\u{D7AF}')
}

/// Reads the label shapes of a CJK page; other pages are returned as they are.
pub fn read_labels(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    if !is_cjk_page(&lines) {
        return lines;
    }
    let lines = split_inline_labels(lines);
    own_line_labels(lines)
}

/// "【高峰】:各位记者 ... 【路透社记者】:美中 ...": each bracketed label inside a line
/// starts a turn of its own, when the line holds two or more.
fn split_inline_labels(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let marks = bracket_labels(&line.text);
        if line.kind != LineKind::Text || marks.len() < 2 {
            out.push(line);
            continue;
        }
        let text = line.text.to_string();
        let lead = text[..marks[0].0].trim();
        if !lead.is_empty() {
            out.push(owned(line.number, lead, LineKind::Text));
        }
        for (i, &(start, name_end, rest_start)) in marks.iter().enumerate() {
            let end = marks.get(i + 1).map_or(text.len(), |m| m.0);
            let name = &text[start + '【'.len_utf8()..name_end];
            out.push(owned(line.number, &format!("{name}:"), LineKind::Label));
            let said = text[rest_start..end].trim();
            if !said.is_empty() {
                out.push(owned(line.number, said, LineKind::Text));
            }
        }
    }
    out
}

/// (start of "【", end of the name, start of the text) for each "【name】:" in a line.
fn bracket_labels(text: &str) -> Vec<(usize, usize, usize)> {
    let mut marks = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('【').map(|i| i + from) {
        let Some(close) = text[open..].find('】').map(|i| i + open) else {
            break;
        };
        let after = &text[close + '】'.len_utf8()..];
        let colon = after
            .strip_prefix(':')
            .map(|_| 1)
            .or_else(|| after.strip_prefix('：').map(|_| '：'.len_utf8()));
        let name = &text[open + '【'.len_utf8()..close];
        match colon {
            Some(width) if (1..=20).contains(&name.chars().count()) => {
                marks.push((open, close, close + '】'.len_utf8() + width));
            }
            _ => {}
        }
        from = close + '】'.len_utf8();
    }
    marks
}

/// "高峰" or "新華社記者" alone on its line, text under it: a label without its colon,
/// when the page writes the same line again or it names a reporter (记者).
fn own_line_labels(mut lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let shaped = |text: &str| {
        let n = text.chars().count();
        let reporter = text.ends_with("记者") || text.ends_with("記者");
        (2..=16).contains(&n)
            && text.chars().any(is_cjk)
            && !text
                .contains(|c: char| "，。？！：、；,.?!:;()（）《》\"“”".contains(c) || c == ' ')
            && (n <= 4 || reporter)
    };
    // "新聞發言人高峰": the name after "spokesperson" is a speaker's.
    let spokespeople: Vec<String> = lines
        .iter()
        .flat_map(|l| {
            ["发言人", "發言人"].into_iter().filter_map(|word| {
                let at = l.text.find(word)? + word.len();
                let name: String = l.text[at..]
                    .chars()
                    .take_while(|&c| is_cjk(c))
                    .take(3)
                    .collect();
                (name.chars().count() >= 2).then_some(name)
            })
        })
        .collect();
    let mut counts = std::collections::HashMap::<String, usize>::new();
    for l in &lines {
        if matches!(l.kind, LineKind::Text | LineKind::Noise) && shaped(&l.text) {
            *counts.entry(l.text.to_string()).or_default() += 1;
        }
    }
    let next_is_text = |lines: &[Line<'_>], i: usize| {
        lines[i + 1..]
            .iter()
            .find(|l| l.kind != LineKind::Blank)
            .is_some_and(|l| l.kind == LineKind::Text && l.text.chars().count() > 16)
    };
    for i in 0..lines.len() {
        let l = &lines[i];
        if !matches!(l.kind, LineKind::Text | LineKind::Noise) || !shaped(&l.text) {
            continue;
        }
        let repeated = counts.get(&*l.text).is_some_and(|&n| n >= 2)
            || spokespeople.iter().any(|s| s == &*l.text);
        let reporter = l.text.ends_with("记者") || l.text.ends_with("記者");
        if (repeated || reporter) && next_is_text(&lines, i) {
            let text = format!("{}:", l.text);
            lines[i].text = Cow::Owned(text);
            lines[i].kind = LineKind::Label;
        }
    }
    lines
}

fn owned<'a>(number: usize, text: &str, kind: LineKind) -> Line<'a> {
    Line {
        number,
        text: Cow::Owned(text.to_owned()),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::lines::split;

    const LEAD: &str =
        "中國商務部29日舉行例行新聞發佈會，發言人高峰逐一回應了中美經貿磋商中的多個熱點問題。\n\n";

    #[test]
    fn names_alone_on_their_lines_are_labels() {
        let text = format!(
            "{LEAD}新華社記者\n\n美國總統近日說，他非常歡迎中方希望達成貿易協議的意願，請問商務部如何看待？\n\n\
             高峰\n\n中方的態度已經很明確，我們堅決反對貿易戰升級，願意以冷靜的態度解決問題。\n\n\
             CNBC記者\n\n特朗普稱上周末有中國官員給美方貿易官員打電話，請問商務部能否證實？\n\n\
             高峰\n\n我們沒有聽說過上周末的電話，中美經貿團隊始終保持着有效溝通。\n"
        );
        let lines = read_labels(split(&text));
        let labels: Vec<&str> = lines
            .iter()
            .filter(|l| l.kind == LineKind::Label)
            .map(|l| &*l.text)
            .collect();
        assert_eq!(labels, ["新華社記者:", "高峰:", "CNBC記者:", "高峰:"]);
    }

    #[test]
    fn bracketed_labels_inside_a_run_on_paragraph_start_turns() {
        let text = format!(
            "{LEAD}【高峰】:各位记者朋友,大家下午好! 【路透社记者】:请问磋商取得了什么结果? 【高峰】:双方开展了建设性讨论。谢谢。\n"
        );
        let lines = read_labels(split(&text));
        let kinds: Vec<(LineKind, &str)> = lines
            .iter()
            .filter(|l| l.kind != LineKind::Blank)
            .skip(1)
            .map(|l| (l.kind, &*l.text))
            .collect();
        assert_eq!(
            kinds,
            [
                (LineKind::Label, "高峰:"),
                (LineKind::Text, "各位记者朋友,大家下午好!"),
                (LineKind::Label, "路透社记者:"),
                (LineKind::Text, "请问磋商取得了什么结果?"),
                (LineKind::Label, "高峰:"),
                (LineKind::Text, "双方开展了建设性讨论。谢谢。"),
            ]
        );
    }

    #[test]
    fn english_pages_are_left_alone() {
        let text = "Wang Fang\n\nA long English paragraph about the economy and trade.\n\nWang Fang\n\nMore.\n";
        let lines = read_labels(split(text));
        assert!(lines.iter().all(|l| l.kind != LineKind::Label));
    }
}
