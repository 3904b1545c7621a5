//! The part of a source file that a human report quotes: a few short snippets around the
//! labels, made once per diagnostic and handed to miette as its source code.
//!
//! Bounds, whatever the input: a line is shown as a window of at most [`WIDTH`] columns
//! (cut ends marked `…`), a label spanning more than [`MAX_LABEL_LINES`] lines is shortened to
//! its first line, labels more than [`NEAR`] lines apart go to separate snippets, and at most
//! [`MAX_LABELS`] labels of one file are drawn. Control characters (and the bidirectional
//! overrides that reorder text on screen) are shown escaped, `\u{1b}`, so an input can never
//! drive the terminal. Columns in headers count characters of the original line.

use std::borrow::Cow;

use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::diagnostic::Label;
use crate::source::SourceFile;

/// The most columns printed of one line of an excerpt (a wide CJK character takes two).
pub const WIDTH: usize = 160;
/// Characters kept before the first label when a line is cut.
const LEAD: usize = 40;
/// Labels at most this many lines apart share one snippet.
const NEAR: usize = 4;
/// Labels spanning more lines than this are drawn on their first line only.
const MAX_LABEL_LINES: usize = 3;
/// The most labels drawn in one file for one diagnostic.
pub const MAX_LABELS: usize = 64;

/// Whether a character is shown escaped: every control character but tab, and the
/// bidirectional embedding, override and isolate characters.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from an input made safe for a terminal: hidden characters as `\u{1b}`.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_but(s, None)
}

/// [`escape`] for text of several lines, such as a help with an example: line breaks stay.
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    escape_but(s, Some('\n'))
}

fn escape_but(s: &str, keep: Option<char>) -> Cow<'_, str> {
    let hidden = |c: char| hidden(c) && Some(c) != keep;
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) { push_char(&mut out, c) } else { out.push(c) }
    }
    Cow::Owned(out)
}

fn push_char(out: &mut String, c: char) {
    if hidden(c) {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// A label's ends as (0-based line, 0-based character column) in the original file.
#[derive(Clone, Copy)]
struct Ends {
    line: usize,
    col: usize,
    end_line: usize,
    end_col: usize,
}

/// Labels near each other and the window of columns their lines are shown in.
struct Cluster {
    labels: Vec<usize>,
    first_line: usize,
    last_line: usize,
    lo: usize,
}

/// One snippet of the excerpt's text: consecutive lines of the file from `first_line`.
struct Snippet {
    start: usize,
    end: usize,
    first_line: usize,
}

/// The excerpt of one file for one diagnostic, as miette reads it.
pub struct Excerpt<'s> {
    file: &'s SourceFile,
    path: String,
    text: String,
    snippets: Vec<Snippet>,
    /// Where each label starts in `text`, with its original 0-based character column.
    columns: Vec<(usize, usize)>,
}

impl<'s> Excerpt<'s> {
    /// The excerpt around `labels` (at most [`MAX_LABELS`] of them, first in the file first)
    /// and the labels moved into its text.
    pub fn new(file: &'s SourceFile, labels: &[&Label]) -> (Excerpt<'s>, Vec<LabeledSpan>) {
        let mut chosen: Vec<&Label> = labels.to_vec();
        chosen.sort_by_key(|l| (l.span.start, l.span.end));
        chosen.truncate(MAX_LABELS);
        let ends: Vec<Ends> = chosen.iter().map(|l| ends(file, l)).collect();
        let mut excerpt = Excerpt {
            file,
            path: escape(&file.path).into_owned(),
            text: String::new(),
            snippets: Vec::new(),
            columns: Vec::new(),
        };
        let mut spans = vec![(0, 0); chosen.len()];
        for cluster in clusters(file, &ends) {
            excerpt.add(&cluster, &ends, &mut spans);
        }
        let labels = chosen
            .iter()
            .zip(spans)
            .map(|(l, (start, end))| {
                let text = (!l.message.is_empty()).then(|| escape(&l.message).into_owned());
                LabeledSpan::new(text, start, end - start)
            })
            .collect();
        excerpt.columns.sort_unstable();
        (excerpt, labels)
    }

    /// Appends the lines of one cluster as a snippet and places its labels in it.
    fn add(&mut self, cluster: &Cluster, ends: &[Ends], spans: &mut [(usize, usize)]) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        let first = cluster.first_line.saturating_sub(1);
        let last = (cluster.last_line + 1).min(self.line_count() - 1);
        for line in first..=last {
            if line > first {
                self.text.push('\n');
            }
            // The columns of this line that a label starts or ends at.
            let mut wanted: Vec<(usize, usize, bool)> = Vec::new();
            for &i in &cluster.labels {
                let e = ends[i];
                if e.line == line {
                    wanted.push((e.col, i, true));
                }
                if e.end_line == line {
                    wanted.push((e.end_col, i, false));
                }
            }
            wanted.sort_unstable();
            // A line no label touches is cut only if it is long itself.
            let text = line_text(self.file, line);
            let lo = if wanted.is_empty() && width(text, 0, usize::MAX) <= WIDTH {
                0
            } else {
                cluster.lo
            };
            let placed = self.push_line(line, lo, &wanted);
            for ((col, i, is_start), at) in wanted.into_iter().zip(placed) {
                if is_start {
                    spans[i].0 = at;
                    self.columns.push((at, col));
                } else {
                    spans[i].1 = at;
                }
            }
        }
        for &i in &cluster.labels {
            spans[i].1 = spans[i].1.max(spans[i].0);
        }
        self.snippets.push(Snippet { start, end: self.text.len(), first_line: first });
    }

    /// Appends one line, shown from character `lo`, and returns where each wanted column
    /// (sorted) landed in the text.
    fn push_line(&mut self, line: usize, lo: usize, wanted: &[(usize, usize, bool)]) -> Vec<usize> {
        let text = line_text(self.file, line);
        let mut placed = Vec::with_capacity(wanted.len());
        let mut next = wanted.iter().map(|w| w.0).peekable();
        let line_start = self.text.len();
        let mut chars = text.chars().enumerate().skip(lo).peekable();
        if lo > 0 && !text.is_empty() {
            self.text.push('…');
        }
        while next.next_if(|&c| c < lo).is_some() {
            placed.push(line_start);
        }
        let mut shown = 0;
        while let Some(&(col, c)) = chars.peek() {
            if shown >= WIDTH {
                break;
            }
            shown += char_width(c);
            while next.next_if(|&w| w == col).is_some() {
                placed.push(self.text.len());
            }
            push_char(&mut self.text, c);
            chars.next();
        }
        let cut = chars.peek().is_some();
        let visible_end = self.text.len();
        if cut {
            self.text.push('…');
        }
        for _ in next {
            placed.push(if cut { self.text.len() } else { visible_end });
        }
        placed
    }

    fn line_count(&self) -> usize {
        self.file.line_index(self.file.text.len() as u32) + 1
    }
}

/// The text of a 0-based line, without its line break.
fn line_text(file: &SourceFile, line: usize) -> &str {
    let start = file.line_start(line).unwrap_or(file.text.len());
    let end = file.line_start(line + 1).map_or(file.text.len(), |e| e.saturating_sub(1));
    let text = &file.text[start..end.max(start)];
    text.strip_suffix('\r').unwrap_or(text)
}

/// Where a label starts and ends, a long label cut back to its first line.
fn ends(file: &SourceFile, label: &Label) -> Ends {
    let len = file.text.len() as u32;
    let (line, col) = file.line_col(label.span.start.min(len));
    let (end_line, end_col) = file.line_col(label.span.end.clamp(label.span.start, len));
    let (line, col, end_line, end_col) = (line - 1, col - 1, end_line - 1, end_col - 1);
    if end_line >= line + MAX_LABEL_LINES {
        let width = line_text(file, line).chars().count();
        return Ends { line, col, end_line: line, end_col: width.max(col) };
    }
    Ends { line, col, end_line, end_col }
}

/// Groups labels that are near each other, in lines and in columns.
fn clusters(file: &SourceFile, ends: &[Ends]) -> Vec<Cluster> {
    let mut order: Vec<usize> = (0..ends.len()).collect();
    order.sort_by_key(|&i| (ends[i].line, ends[i].col));
    let mut out: Vec<Cluster> = Vec::new();
    for i in order {
        let e = ends[i];
        if let Some(c) = out.last_mut()
            && e.line <= c.last_line + NEAR
            && e.col >= c.lo
            && width(line_text(file, e.line), c.lo, e.col) < WIDTH - LEAD
        {
            c.labels.push(i);
            c.last_line = c.last_line.max(e.end_line);
            continue;
        }
        let text = line_text(file, e.line);
        let lo = if width(text, 0, e.col) < WIDTH - LEAD { 0 } else { lead_start(text, e.col) };
        out.push(Cluster { labels: vec![i], first_line: e.line, last_line: e.end_line, lo });
    }
    out
}

/// The display width of characters `from..to` of a line.
fn width(text: &str, from: usize, to: usize) -> usize {
    text.chars().skip(from).take(to.saturating_sub(from)).map(char_width).sum()
}

/// The character a window starts at to show about [`LEAD`] columns before character `col`.
fn lead_start(text: &str, col: usize) -> usize {
    let before: Vec<char> = text.chars().take(col).collect();
    let mut shown = 0;
    let mut start = before.len();
    while start > 0 && shown + char_width(before[start - 1]) <= LEAD {
        start -= 1;
        shown += char_width(before[start]);
    }
    start
}

fn char_width(c: char) -> usize {
    if hidden(c) {
        format!("{:x}", c as u32).len() + 4
    } else {
        unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
    }
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let snippet = self
            .snippets
            .iter()
            .find(|s| s.start <= span.offset() && span.offset() + span.len() <= s.end)
            .ok_or(MietteError::OutOfBounds)?;
        let local = &self.text[snippet.start..snippet.end];
        let inner = SourceSpan::new((span.offset() - snippet.start).into(), span.len());
        let c = local.read_span(&inner, before, after)?;
        let column = match self.columns.binary_search_by_key(&span.offset(), |&(at, _)| at) {
            Ok(i) if before == 0 && after == 0 => self.columns[i].1,
            _ => c.column(),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.path.clone(),
            c.data(),
            SourceSpan::new((c.span().offset() + snippet.start).into(), c.span().len()),
            c.line() + snippet.first_line,
            column,
            c.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_plain_text_is_borrowed() {
        assert_eq!(escape("a\u{1b}[2Jb\u{7}"), "a\\u{1b}[2Jb\\u{7}");
        assert_eq!(escape("x\u{202e}y\u{0}"), "x\\u{202e}y\\u{0}");
        assert!(matches!(escape("城市 tab\there"), Cow::Borrowed(_)));
    }
}
