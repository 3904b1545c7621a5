//! A file's text to records: the stream is split into documents, each parsed and checked
//! on its own, so that one broken record does not hide the others.

use super::build;
use super::fields::Cx;
use super::model::Record;
use super::yaml;
use crate::checks::Code;
use crate::diagnostic::{Diagnostic, RecordRef, Severity};
use crate::policy::PolicySet;
use crate::source::{FileId, SourceMap, Span};

pub use super::build::MAX_CLAUSES_PER_RECORD;

/// At most this many records in one file; the rest are not read.
pub const MAX_RECORDS_PER_FILE: usize = 10_000;

/// The records of one file that loaded cleanly, and the diagnostics of those that did not.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every record of one YAML or JSON stream already added to `sources`.
/// A record with an error is left out of `records`; the others still load.
pub fn load_records(sources: &SourceMap, file: FileId, policy: &PolicySet) -> Loaded {
    let source = sources.get(file);
    let text: &str = &source.text;
    let mut loaded = Loaded::default();
    let mut index = 0;
    for mut chunk in split_documents(text) {
        // The YAML parser skips byte order marks at the start of a document without counting
        // their bytes, so every offset after them would point three bytes early per mark (the
        // first mark of a file is already gone, see `input::decode`). Start after them.
        let body = &text[chunk.start..chunk.end];
        chunk.start += body.len() - body.trim_start_matches('\u{feff}').len();
        // The YAML parser stops at a NUL as if the stream ended there, which would report
        // the fields after it as missing; a control character is a syntax error instead.
        if let Some(at) = forbidden_control(&text[chunk.start..chunk.end]) {
            let span = one_char(file, text, chunk.start + at);
            let d = Diagnostic::new(Code::SyntaxRecord, "this record is not valid YAML")
                .with_label(span, "a control character is not allowed here")
                .with_help(
                    "remove the character, or write it as an escape in a double-quoted string",
                );
            push(&mut loaded.diagnostics, d, file, None, index);
            index += 1;
            continue;
        }
        let documents = match yaml::parse_documents(&text[chunk.start..chunk.end]) {
            Ok(documents) => documents,
            Err(e) => {
                let line = chunk.first_line + e.line - 1;
                let offset =
                    e.offset.map_or_else(|| source.offset_of(line, e.column), |o| chunk.start + o);
                let span = one_char(file, text, offset);
                let d = Diagnostic::new(Code::SyntaxRecord, "this record is not valid YAML")
                    .with_label(span, e.words)
                    .with_help(e.help);
                push(&mut loaded.diagnostics, d, file, None, index);
                index += 1;
                continue;
            }
        };
        for document in documents {
            let root = &document.root;
            if index == MAX_RECORDS_PER_FILE {
                let start = chunk.start
                    + root.start.min(u32::try_from(chunk.end - chunk.start).unwrap_or(u32::MAX))
                        as usize;
                let message = format!("the file holds more than {MAX_RECORDS_PER_FILE} records");
                let d = Diagnostic::new(Code::RecordLimit, message)
                    .with_label(one_char(file, text, start), "records from here on are not read")
                    .with_help("split the records over several files");
                push(&mut loaded.diagnostics, d, file, None, index);
                return loaded;
            }
            let (strings, typed) = (&document.strings, &document.typed[..]);
            let mut cx =
                Cx { text, base: chunk.start, file, strings, typed, diagnostics: Vec::new() };
            let agreement = build::agreement_id(&cx, root);
            let mut record = build::record(&mut cx, root, policy, file, index);
            for p in &document.tag_problems {
                let span = Span::new(file, chunk.start + p.start, chunk.start + p.end);
                cx.error(Code::RecordSchema, p.message.clone(), span, &p.label, &p.help);
                record = None;
            }
            // Reported in the order of the text, not the order the checks ran in.
            cx.diagnostics.sort_by_key(|d| d.primary_span().map(|s| s.start));
            for d in cx.diagnostics {
                push(&mut loaded.diagnostics, d, file, agreement.clone(), index);
            }
            loaded.records.extend(record);
            index += 1;
        }
    }
    loaded
}

fn push(
    out: &mut Vec<Diagnostic>,
    mut d: Diagnostic,
    file: FileId,
    agreement: Option<String>,
    index: usize,
) {
    d.record = Some(RecordRef { file, agreement, index });
    debug_assert!(d.severity == Severity::Error || !d.code.is_input_error());
    out.push(d);
}

/// The byte offset of the first character YAML does not allow in a stream: C0 and C1
/// controls other than tab, line feed, carriage return and next line, and DEL.
///
/// This runs over every byte of every record file, which the YAML parser reads anyway, so
/// it works on bytes: a C0 control or DEL is one byte, a C1 control is `C2 80..=9F` in
/// UTF-8 (`C2` is never a continuation byte). Blocks are first tested with a branch-free
/// fold that the compiler vectorises; only a block that may hold one is searched.
fn forbidden_control(text: &str) -> Option<usize> {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let suspicious =
        |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0x7f) | (b == 0xc2);
    let forbidden_at = |i: usize| match bytes[i] {
        0xc2 => bytes.get(i + 1).is_some_and(|&next| (0x80..=0x9f).contains(&next) && next != 0x85),
        b => suspicious(b),
    };
    let mut start = 0;
    for block in bytes.chunks(BLOCK) {
        if block.iter().fold(false, |any, &b| any | suspicious(b)) {
            if let Some(at) = (start..start + block.len()).find(|&i| forbidden_at(i)) {
                return Some(at);
            }
        }
        start += block.len();
    }
    None
}

/// A span over the character at `offset` (empty at the end of the text).
fn one_char(file: FileId, text: &str, offset: usize) -> Span {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let len = text[offset..]
        .chars()
        .next()
        .filter(|c| *c != '\n' && *c != '\r')
        .map_or(0, char::len_utf8);
    Span::new(file, offset, offset + len)
}

/// One document's byte range and the 1-based line it starts on.
#[derive(Debug, PartialEq)]
struct Chunk {
    start: usize,
    end: usize,
    first_line: usize,
}

/// Splits a stream where a line starts with `---`. YAML forbids that marker inside any
/// scalar, so the split agrees with the parser, and a syntax error stays in its document.
/// Directive lines (`%YAML`) just before a marker go with the document they introduce.
fn split_documents(text: &str) -> Vec<Chunk> {
    let mut cuts = Vec::new();
    let mut start = 0;
    // The last run of directive lines: where it starts, and where its last line ends.
    let mut directives: Option<(usize, usize)> = None;
    for offset in dash_or_percent_lines(text) {
        let line = &text[offset..];
        if is_marker(line) && offset > start {
            // The run introduces this document only if it ends right before the marker.
            let cut = match directives {
                Some((run, end)) if end == offset => run,
                _ => offset,
            };
            if cut > start {
                cuts.push(cut);
                start = cut;
            }
        }
        if line.starts_with('%') {
            let end = line.find('\n').map_or(text.len(), |n| offset + n + 1);
            directives = match directives {
                Some((run, previous_end)) if previous_end == offset => Some((run, end)),
                _ => Some((offset, end)),
            };
        }
    }
    // Line numbers only matter for the documents after the first; newlines are counted once.
    let mut chunks = Vec::with_capacity(cuts.len() + 1);
    let (mut start, mut first_line) = (0, 1);
    for cut in cuts {
        chunks.push(Chunk { start, end: cut, first_line });
        first_line += text.as_bytes()[start..cut].iter().filter(|&&b| b == b'\n').count();
        start = cut;
    }
    chunks.push(Chunk { start, end: text.len(), first_line });
    chunks
}

/// The offsets of the lines that start with `-` or `%`, the only lines that can split a
/// stream. Record files have few: blocks are first tested with a branch-free fold that the
/// compiler vectorises, rather than visiting every line.
fn dash_or_percent_lines(text: &str) -> Vec<usize> {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    if matches!(bytes.first(), Some(b'-' | b'%')) {
        lines.push(0);
    }
    let starts_line =
        |newline: u8, first: u8| (newline == b'\n') & ((first == b'-') | (first == b'%'));
    let mut at = 0;
    while at + 1 < bytes.len() {
        let end = (at + BLOCK).min(bytes.len() - 1);
        let pairs = || bytes[at..end].iter().zip(&bytes[at + 1..=end]);
        if pairs().fold(false, |any, (&a, &b)| any | starts_line(a, b)) {
            lines.extend((at..end).filter(|&i| starts_line(bytes[i], bytes[i + 1])).map(|i| i + 1));
        }
        at = end;
    }
    lines
}

fn is_marker(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Chunk, forbidden_control, is_marker, split_documents};

    /// The line-by-line split that `split_documents` replaced, as an oracle.
    fn split_by_lines(text: &str) -> Vec<Chunk> {
        let mut chunks = Vec::new();
        let (mut start, mut first_line) = (0, 1);
        let mut directives: Option<(usize, usize)> = None;
        let mut offset = 0;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            if is_marker(line) && offset > start {
                let (cut, cut_line) = directives.unwrap_or((offset, n + 1));
                if cut > start {
                    chunks.push(Chunk { start, end: cut, first_line });
                    (start, first_line) = (cut, cut_line);
                }
            }
            directives =
                if line.starts_with('%') { directives.or(Some((offset, n + 1))) } else { None };
            offset += line.len();
        }
        if start < text.len() || chunks.is_empty() {
            chunks.push(Chunk { start, end: text.len(), first_line });
        }
        chunks
    }

    /// The character-by-character search that `forbidden_control` replaced, as an oracle.
    fn control_by_chars(text: &str) -> Option<usize> {
        text.char_indices()
            .find(|&(_, c)| {
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}')) || c == '\u{7f}'
            })
            .map(|(at, _)| at)
    }

    proptest! {
        #[test]
        fn split_agrees_with_lines(parts in prop::collection::vec(prop::sample::select(vec![
            "---", "--- x", "----", "-", "- a", "%YAML 1.2", "%TAG", "%", "a: 1", "", " ", "\t",
            "\r", "\n", "\n", "\n", "\r\n", "é",
        ]), 0..40)) {
            let text = parts.concat();
            prop_assert_eq!(split_documents(&text), split_by_lines(&text));
        }

        #[test]
        fn control_agrees_with_chars(
            prefix in prop::collection::vec(prop::sample::select(vec!["a", "\n", "é", "中", "\t", "\r", "\u{85}", "\u{a0}", "\u{c2a0}"]), 0..150),
            c in prop::char::range('\0', '\u{200}'),
            suffix in "[a-z\n]{0,3}",
        ) {
            let text = format!("{}{c}{suffix}", prefix.concat());
            prop_assert_eq!(forbidden_control(&text), control_by_chars(&text));
        }
    }

    #[test]
    fn splits_at_markers_only() {
        let text = "a: 1\n---\nb: 2\n--- x\n%YAML 1.2\n---\nc: |\n  ----\n";
        let chunks = split_documents(text);
        let starts: Vec<_> = chunks.iter().map(|c| (&text[c.start..c.end], c.first_line)).collect();
        assert_eq!(
            starts,
            [
                ("a: 1\n", 1),
                ("---\nb: 2\n", 2),
                ("--- x\n", 4),
                ("%YAML 1.2\n---\nc: |\n  ----\n", 5)
            ]
        );
        assert_eq!(split_documents(""), [Chunk { start: 0, end: 0, first_line: 1 }]);
        assert_eq!(split_documents("---\na: 1").len(), 1);
    }
}
