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
    for line in lines {
        let origin = Origin {
            source,
            line: line.number,
        };
        match line.kind {
            LineKind::Blank => blank_run += 1,
            LineKind::Noise | LineKind::PageDate | LineKind::Heading => {}
            LineKind::Credit => credits.push(line.text.to_string()),
            LineKind::Label => {
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
    fn a_single_blank_line_or_no_question_mark_continues_the_turn() {
        let text =
            "Li Bing:\n\nFirst.\n\nIs this a question? No, rhetorical.\n\n\nStill answering.\n";
        let blocks = build(&split(text), 0, &mut Vec::new());
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].paragraphs.len(), 3);
    }
}
