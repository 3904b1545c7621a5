//! Every loaded text, once. Spans are byte ranges into one file of the map; lines and
//! columns are computed on demand and count characters, not bytes.

use std::sync::{Arc, OnceLock};

/// Index of a file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file. Always present on names, statements and clauses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start: clamp(start), end: clamp(end.max(start)) }
    }

    /// The smallest span covering both `self` and `other` (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What kind of input a file is: it decides which diagnostics may point into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Policy,
    Record,
    /// Compiled into the binary (the standard library).
    Embedded,
    Other,
}

/// One loaded file: its path as the user gave it (with `/` separators), and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: Arc<str>,
    pub kind: SourceKind,
    /// SHA-256 of the raw bytes read, hex; empty for embedded or unread files.
    pub sha256: String,
    /// Where each line starts, made on first use: most record files are never quoted.
    line_starts: OnceLock<Vec<u32>>,
}

impl SourceFile {
    pub fn new(path: String, text: Arc<str>, kind: SourceKind, sha256: String) -> SourceFile {
        SourceFile { path, text, kind, sha256, line_starts: OnceLock::new() }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| clamp(i + 1)));
            starts
        })
    }

    /// 0-based index of the line holding a byte offset.
    pub fn line_index(&self, offset: u32) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where a 0-based line starts, if the file has that line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts().get(line).map(|&s| s as usize)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(clamp(self.text.len()));
        let starts = self.line_starts();
        let line = match starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = starts[line] as usize;
        let mut end = offset as usize;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte offset of a 1-based line and character column, clamped into the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start as usize..];
        let skip = rest.char_indices().nth(col.saturating_sub(1)).map_or(rest.len(), |(i, _)| i);
        start as usize + skip
    }
}

/// All texts of one run. Files are only ever added.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// One file held past the end, at an id of its own, without the ids between (see
    /// [`SourceMap::lend`]).
    lent: Option<(FileId, Box<SourceFile>)>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(clamp(self.files.len() - 1))
    }

    /// Puts a file at a given id, filling any ids before it with empty placeholders, so that
    /// files loaded in parallel keep the ids they were given in advance.
    pub fn insert(&mut self, id: FileId, file: SourceFile) {
        let i = id.0 as usize;
        while self.files.len() <= i {
            let empty =
                SourceFile::new(String::new(), Arc::from(""), SourceKind::Other, String::new());
            self.files.push(empty);
        }
        self.files[i] = file;
    }

    /// Holds `file` at `id`, past the end of the map, without filling the ids between: a
    /// worker checks record file 9,000 in a map that holds only the policy files, and
    /// spans name the record by its final id. [`SourceMap::take`] gives it back.
    pub fn lend(&mut self, id: FileId, file: SourceFile) {
        debug_assert!(id.0 as usize >= self.files.len(), "lend only past the end");
        self.lent = Some((id, Box::new(file)));
    }

    /// Removes a file from the map, leaving an empty placeholder at its id (or nothing, for
    /// a lent file).
    pub fn take(&mut self, id: FileId) -> SourceFile {
        if let Some((lent, _)) = &self.lent
            && *lent == id
            && let Some((_, file)) = self.lent.take()
        {
            return *file;
        }
        let empty = SourceFile::new(String::new(), Arc::from(""), SourceKind::Other, String::new());
        std::mem::replace(&mut self.files[id.0 as usize], empty)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        match &self.lent {
            Some((lent, file)) if *lent == id => file,
            _ => &self.files[id.0 as usize],
        }
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(clamp(i)), f))
    }

    pub fn text(&self, span: Span) -> &str {
        let text = &self.get(span.file).text;
        text.get(span.start as usize..span.end as usize).unwrap_or("")
    }

    pub fn line_col(&self, span: Span) -> (usize, usize) {
        self.get(span.file).line_col(span.start)
    }

    pub fn path(&self, id: FileId) -> &str {
        &self.get(id).path
    }
}
