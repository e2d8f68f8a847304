//! Lines to blocks: a speaker label and the paragraphs under it, or a question
//! paragraph that lost its label. Purely by shape; who speaks is decided later.

use super::lines::{label_name, Line, LineKind};
use super::model::{Origin, Paragraph};

#[derive(Debug, Clone)]
pub struct Block {
    pub label: Option<String>,
    pub label_origins: Vec<Origin>,
    /// The input that supplied the label when the main transcript lost it.
    pub label_from: Option<usize>,
    pub paragraphs: Vec<Paragraph>,
    /// Started by a question paragraph after a gap of two or more blank lines,
    /// not by a label: maybe a question whose outlet label was lost.
    pub after_gap: bool,
}

impl Block {
    pub fn has_question_mark(&self) -> bool {
        self.paragraphs.iter().any(|p| p.text.contains('?'))
    }
}

/// Builds blocks from `lines` (already classified). Translators' credits are
/// collected on the side; noise is dropped.
pub fn build(lines: &[Line<'_>], source: usize, credits: &mut Vec<String>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut blank_run = 0;
    let wrapped = hard_wrapped(lines);
    // Right after a text line, with only dropped lines (a page number, a running
    // head) between.
    let mut after_text = false;
    for line in lines {
        let origin = Origin {
            source,
            line: line.number,
        };
        match line.kind {
            LineKind::Blank => {
                blank_run += 1;
                after_text = false;
            }
            LineKind::Noise | LineKind::PageDate => {}
            LineKind::Heading => after_text = false,
            LineKind::Credit => {
                credits.push(line.text.to_string());
                after_text = false;
            }
            LineKind::Label => {
                after_text = false;
                blocks.push(Block {
                    label: Some(label_name(&line.text).to_owned()),
                    label_origins: vec![origin],
                    label_from: None,
                    paragraphs: Vec::new(),
                    after_gap: false,
                });
                blank_run = 0;
            }
            LineKind::Text => {
                // A hard-wrapped copy (e-mail, PDF): a line right under another goes on
                // the same paragraph.
                if wrapped && blank_run == 0 && after_text {
                    if let Some(p) = blocks.last_mut().and_then(|b| b.paragraphs.last_mut()) {
                        let joined = match p.text.strip_suffix('-') {
                            Some(stem) if stem.ends_with(char::is_alphabetic) => {
                                format!("{stem}{}", line.text)
                            }
                            _ => format!("{} {}", p.text, line.text),
                        };
                        *p = Paragraph::new(joined, p.origins[0]);
                        continue;
                    }
                }
                after_text = true;
                let paragraph = Paragraph::new(line.text.to_string(), origin);
                let starts_block = match blocks.last() {
                    None => true,
                    Some(last) => {
                        blank_run >= 2 && !last.paragraphs.is_empty() && line.text.contains('?')
                    }
                };
                if starts_block {
                    blocks.push(Block {
                        label: None,
                        label_origins: Vec::new(),
                        label_from: None,
                        paragraphs: vec![paragraph],
                        after_gap: blank_run >= 2,
                    });
                } else if let Some(last) = blocks.last_mut() {
                    last.paragraphs.push(paragraph);
                }
                blank_run = 0;
            }
        }
    }
    blocks
}

/// Whether the text was wrapped at a fixed width: most of its long lines end near
/// the same column, none runs far past it, and lines follow one another without a
/// blank between (paragraphs of a web copy are one line each).
pub fn hard_wrapped(lines: &[Line<'_>]) -> bool {
    let texts: Vec<usize> = lines
        .iter()
        .filter(|l| l.kind == LineKind::Text)
        .map(|l| l.text.chars().count())
        .collect();
    if texts.len() < 8 {
        return false;
    }
    let longest = texts.iter().copied().max().unwrap_or(0);
    if !(50..=100).contains(&longest) {
        return false;
    }
    let near_width = texts.iter().filter(|&&n| n + 20 >= longest).count();
    // Text lines right under text, dropped lines (page numbers) between not counting.
    let mut followed = 0;
    let mut previous = LineKind::Blank;
    for l in lines.iter().filter(|l| l.kind != LineKind::Noise) {
        if l.kind == LineKind::Text && previous == LineKind::Text {
            followed += 1;
        }
        previous = l.kind;
    }
    near_width * 2 >= texts.len() && followed * 3 >= texts.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::lines::split;

    #[test]
    fn labels_start_blocks_and_a_gap_question_starts_an_unlabelled_one() {
        let text = "Reporter A:\n\nWhat now?\n\nWang Hongzhi:\n\nAn answer.\n\nMore answer.\n\n\n\
                    A question that lost its label?\n\nLi Bing:\n\nSecond answer.\n";
        let lines = split(text);
        let mut credits = Vec::new();
        let blocks = build(&lines, 0, &mut credits);
        let shape: Vec<(Option<&str>, usize)> = blocks
            .iter()
            .map(|b| (b.label.as_deref(), b.paragraphs.len()))
            .collect();
        assert_eq!(
            shape,
            [
                (Some("Reporter A"), 1),
                (Some("Wang Hongzhi"), 2),
                (None, 1),
                (Some("Li Bing"), 1)
            ]
        );
        assert!(blocks[2].after_gap);
        assert_eq!(blocks[2].paragraphs[0].origins[0].line, 12);
    }

    #[test]
    fn hard_wrapped_lines_are_joined_into_their_paragraph() {
        let para = |n: u32| {
            format!(
                "The next question, number {n}, goes to Alex with the Wall Street Journal,\n\
                 who has been waiting patiently for {n} minutes now and will ask about trade\n\
                 and tariffs, and then we will go to number {n} plus one after that.\n"
            )
        };
        let text = format!(
            "MODERATOR:\n{}\nQ:\n{}\nMR. KIRBY:\n{}\n{}",
            para(1),
            para(2),
            para(3),
            para(4)
        );
        let blocks = build(&split(&text), 0, &mut Vec::new());
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[2].paragraphs.len(), 2);
        assert!(blocks[0].paragraphs[0]
            .text
            .contains("who has been waiting"));
        assert!(blocks[0].paragraphs[0].text.ends_with("after that."));
    }

    #[test]
    fn a_single_blank_line_or_no_question_mark_continues_the_turn() {
        let text =
            "Li Bing:\n\nFirst.\n\nIs this a question? No, rhetorical.\n\n\nStill answering.\n";
        let blocks = build(&split(text), 0, &mut Vec::new());
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].paragraphs.len(), 3);
    }
}
