//! Text in any script set into lines: each character in the first font that has it, lines broken
//! at spaces (and between Chinese, Japanese or Korean characters), right-to-left runs (Arabic,
//! Hebrew) put in visual order by the Unicode bidirectional algorithm, and each run shaped by
//! rustybuzz (HarfBuzz's rules), so joined Arabic letters and combining accents come out right.

use std::ops::Range;

use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};

use super::fonts::{BriefingFonts, Face};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// A run of a paragraph's text in one weight.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub text: String,
    pub weight: Weight,
}

pub(crate) fn regular(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        weight: Weight::Regular,
    }
}

pub(crate) fn bold(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        weight: Weight::Bold,
    }
}

/// Shaped glyphs of one font, in visual order, starting `x` points from the line's start.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub x: f32,
    pub face: Face,
    pub text: String,
    pub glyphs: Vec<KrillaGlyph>,
}

/// One line, ready to draw.
#[derive(Debug, Clone, Default)]
pub(crate) struct Line {
    pub pieces: Vec<Piece>,
    pub width: f32,
}

pub(crate) struct Shaper<'a> {
    faces: Vec<rustybuzz::Face<'a>>,
}

impl<'a> Shaper<'a> {
    pub(crate) fn new(fonts: &'a BriefingFonts) -> Self {
        let faces = fonts
            .data
            .iter()
            .map(|data| rustybuzz::Face::from_slice(data, 0).expect("checked when loaded"))
            .collect();
        Shaper { faces }
    }

    fn face(&self, face: Face) -> &rustybuzz::Face<'a> {
        &self.faces[face as usize]
    }

    fn has(&self, face: Face, c: char) -> bool {
        self.face(face).glyph_index(c).is_some()
    }

    /// The font for `c`: the one before it when that has it and `c` belongs to no script (spaces,
    /// digits, punctuation), else the first in the weight's chain that has it.
    fn face_for(&self, c: char, weight: Weight, before: Option<Face>) -> Face {
        let chain = match weight {
            Weight::Regular => [Face::Regular, Face::ArabicRegular, Face::Cjk],
            Weight::Bold => [Face::Bold, Face::ArabicBold, Face::Cjk],
        };
        if let Some(before) = before
            && !c.is_alphabetic()
            && self.has(before, c)
        {
            return before;
        }
        chain
            .into_iter()
            .find(|f| self.has(*f, c))
            .unwrap_or(chain[0])
    }

    /// Shapes `text` in one font; advances in points at `size`.
    fn shape(&self, text: &str, face: Face, rtl: bool, size: f32) -> (Vec<KrillaGlyph>, f32) {
        let font = self.face(face);
        let per_em = font.units_per_em() as f32;
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        let output = rustybuzz::shape(font, &[], buffer);
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        // Each cluster covers the text up to the next cluster's start.
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let end_of = |start: usize| {
            starts
                .iter()
                .find(|s| **s > start)
                .copied()
                .unwrap_or(text.len())
        };
        let mut width = 0.0;
        let glyphs = infos
            .iter()
            .zip(positions)
            .map(|(info, pos)| {
                let start = info.cluster as usize;
                width += pos.x_advance as f32 / per_em * size;
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / per_em,
                    pos.x_offset as f32 / per_em,
                    pos.y_offset as f32 / per_em,
                    pos.y_advance as f32 / per_em,
                    start..end_of(start),
                    None,
                )
            })
            .collect();
        (glyphs, width)
    }

    /// Lines of `spans` at `size`, none wider than `max_width` (a word longer than a line is cut).
    pub(crate) fn layout(&self, spans: &[Span], size: f32, max_width: f32) -> Vec<Line> {
        let mut text = String::new();
        let mut weights: Vec<(Range<usize>, Weight)> = Vec::new();
        for span in spans {
            let start = text.len();
            text.push_str(&clean(&span.text));
            weights.push((start..text.len(), span.weight));
        }
        let weight_at = |i: usize| {
            weights
                .iter()
                .find(|(r, _)| r.contains(&i))
                .map(|(_, w)| *w)
                .unwrap_or(Weight::Regular)
        };
        let mut lines = Vec::new();
        let mut start = 0;
        for hard in text.split('\n') {
            let range = start..start + hard.len();
            start = range.end + 1;
            self.layout_hard_line(&text, range, &weight_at, size, max_width, &mut lines);
        }
        lines
    }

    /// Splits `range` of `text` (no line feeds) into segments of one weight and font.
    fn segments(
        &self,
        text: &str,
        range: Range<usize>,
        weight_at: &dyn Fn(usize) -> Weight,
    ) -> Vec<(Range<usize>, Face)> {
        let mut segments: Vec<(Range<usize>, Face)> = Vec::new();
        let mut before: Option<(Weight, Face)> = None;
        for (offset, c) in text[range.clone()].char_indices() {
            let i = range.start + offset;
            let weight = weight_at(i);
            let face = self.face_for(
                c,
                weight,
                before.filter(|(w, _)| *w == weight).map(|(_, f)| f),
            );
            match segments.last_mut() {
                Some((r, f)) if *f == face && before.is_some_and(|(w, _)| w == weight) => {
                    r.end = i + c.len_utf8();
                }
                _ => segments.push((i..i + c.len_utf8(), face)),
            }
            before = Some((weight, face));
        }
        segments
    }

    fn width(
        &self,
        text: &str,
        range: Range<usize>,
        weight_at: &dyn Fn(usize) -> Weight,
        size: f32,
    ) -> f32 {
        self.segments(text, range, weight_at)
            .into_iter()
            .map(|(r, face)| self.shape(&text[r], face, false, size).1)
            .sum()
    }

    fn layout_hard_line(
        &self,
        text: &str,
        range: Range<usize>,
        weight_at: &dyn Fn(usize) -> Weight,
        size: f32,
        max_width: f32,
        lines: &mut Vec<Line>,
    ) {
        // Break opportunities: after spaces, and around CJK characters.
        let mut breaks = vec![range.start];
        let mut previous: Option<char> = None;
        for (offset, c) in text[range.clone()].char_indices() {
            if let Some(p) = previous
                && !c.is_whitespace()
                && (p.is_whitespace() || is_cjk(c) || is_cjk(p))
            {
                breaks.push(range.start + offset);
            }
            previous = Some(c);
        }
        breaks.push(range.end);
        let mut line_ranges: Vec<Range<usize>> = Vec::new();
        let mut line_start = range.start;
        let mut used = 0.0;
        for word in breaks.windows(2).map(|w| w[0]..w[1]) {
            let ink = trim_end(text, word.clone());
            let ink_width = self.width(text, ink.clone(), weight_at, size);
            if used > 0.0 && used + ink_width > max_width {
                line_ranges.push(line_start..word.start);
                line_start = word.start;
                used = 0.0;
            }
            if ink_width > max_width {
                // Cut a word wider than a line at characters.
                let mut piece_start = word.start;
                let mut piece_width = 0.0;
                for (offset, c) in text[word.clone()].char_indices() {
                    let i = word.start + offset;
                    let w = self.width(text, i..i + c.len_utf8(), weight_at, size);
                    if piece_width + w > max_width && i > piece_start {
                        line_ranges.push(line_start..i);
                        line_start = i;
                        piece_start = i;
                        piece_width = 0.0;
                    }
                    piece_width += w;
                }
                used = piece_width;
                continue;
            }
            used += self.width(text, word, weight_at, size);
        }
        line_ranges.push(line_start..range.end);

        let line_text = &text[range.clone()];
        let bidi = BidiInfo::new(line_text, Some(Level::ltr()));
        for line in line_ranges {
            let ink = trim_end(text, line);
            let mut drawn = Line::default();
            if ink.is_empty() || bidi.paragraphs.is_empty() {
                lines.push(drawn);
                continue;
            }
            let local = ink.start - range.start..ink.end - range.start;
            let (levels, runs) = bidi.visual_runs(&bidi.paragraphs[0], local);
            for run in runs {
                let rtl = levels[run.start].is_rtl();
                let absolute = run.start + range.start..run.end + range.start;
                let mut segments = self.segments(text, absolute, weight_at);
                if rtl {
                    segments.reverse();
                }
                for (r, face) in segments {
                    let piece_text = text[r].to_owned();
                    let (glyphs, width) = self.shape(&piece_text, face, rtl, size);
                    drawn.pieces.push(Piece {
                        x: drawn.width,
                        face,
                        text: piece_text,
                        glyphs,
                    });
                    drawn.width += width;
                }
            }
            lines.push(drawn);
        }
    }
}

/// Tabs and control characters (other than line feeds) become spaces.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\n' => '\n',
            '\u{2028}' | '\u{2029}' | '\u{85}' => '\n',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

fn trim_end(text: &str, range: Range<usize>) -> Range<usize> {
    let trimmed = text[range.clone()].trim_end();
    range.start..range.start + trimmed.len()
}

/// Chinese, Japanese and Korean characters, between which a line may break.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}
