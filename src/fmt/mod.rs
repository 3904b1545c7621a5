//! `charter fmt`: one canonical layout for policy files.
//!
//! - two spaces of indentation inside `policy { }` and `article { }`, one statement per line;
//!   a statement longer than [`WIDTH`] columns puts its `when` condition on a second line,
//!   indented two more spaces;
//! - header fields in the order title, version, level, effective, source, their values
//!   aligned;
//! - declarations in runs (consecutive lines with no blank line or comment line between
//!   them) with their kinds, ids and labels aligned in columns;
//! - exactly one blank line around the header and every article; elsewhere one blank line
//!   where the drafter left one or more, none inside the braces' edges;
//! - comments where they were: a comment on its own line stays before the item or statement
//!   that follows it, a comment after code stays at the end of that line (two spaces before
//!   it). A comment inside a statement moves to the line before the statement.
//!
//! Formatting keeps the syntax tree (spans aside) and is idempotent; tests/it/fmt.rs checks
//! both on every policy of the repository and on generated ones.

mod comments;
pub mod print;

use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::syntax::ast::{Article, Declaration, File, Header, Item};

pub use comments::{Comment, scan as scan_comments};

/// The width past which a statement's `when` condition goes on its own line.
pub const WIDTH: usize = 80;

/// The canonical text of a policy file, or the diagnostics of a file that does not parse
/// (it must then be left as it is). A byte-order mark is dropped; line ends become `\n`.
pub fn format(file: FileId, text: &str) -> Result<String, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (ast, diags) = crate::syntax::parse(file, text);
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(format_file(&ast, text))
}

/// Prints a parsed file; `text` is the source it was parsed from, for comments and blank lines.
pub fn format_file(ast: &File, text: &str) -> String {
    let mut p =
        Printer { text, comments: comments::scan(text), next: 0, out: String::new(), opened: None };
    let runs = runs(ast, text, &p.comments);
    let mut previous: Option<Item> = None;
    for (n, &item) in ast.order.iter().enumerate() {
        match item {
            Item::Header => {
                if let Some(h) = &ast.header {
                    p.force_blank();
                    p.header(h);
                }
            }
            Item::Article(i) => {
                if let Some(a) = ast.articles.get(i) {
                    p.force_blank();
                    p.article(a);
                }
            }
            Item::Declaration(i) => {
                let Some(d) = ast.declarations.get(i) else { continue };
                if matches!(previous, Some(Item::Header | Item::Article(_))) {
                    p.force_blank();
                }
                p.declaration(d, &runs[n]);
            }
        }
        previous = Some(item);
    }
    p.leading(usize::MAX, "");
    let trimmed = p.out.trim_end().len();
    p.out.truncate(trimmed);
    if !p.out.is_empty() {
        p.out.push('\n');
    }
    p.out
}

/// Column widths of a run of declarations.
#[derive(Clone, Copy, Default)]
struct Run {
    kind: usize,
    id: usize,
}

/// The run of every item of the file's order (the default for items that are not
/// declarations), found in one pass: each pair of neighbours is joined or not once, and the
/// comments between them are found by binary search, so the work is linear in the file.
fn runs(ast: &File, text: &str, comments: &[Comment]) -> Vec<Run> {
    let decl = |k: usize| match ast.order.get(k) {
        Some(Item::Declaration(i)) => ast.declarations.get(*i),
        _ => None,
    };
    // Two declarations are in one run when only spaces, one line break and a comment at the
    // end of the first one's line stand between them. Any other comment before the second
    // one's end (inside it too: it moves to the line before) will stand on its own line.
    let joined = |a: &Declaration, b: &Declaration| {
        let (from, to) = (end_of(a), b.span.start as usize);
        let gap = text.get(from..to).unwrap_or("");
        let first = comments.partition_point(|c| c.start < from);
        let mut between = comments[first..].iter().take_while(|c| c.start < end_of(b));
        let trailing = |c: &Comment| comments::same_line(text, from, c.start);
        let own_line_comment = match between.next() {
            Some(c) if trailing(c) => between.next().is_some(),
            Some(_) => true,
            None => false,
        };
        !own_line_comment && gap.bytes().filter(|&b| b == b'\n').nth(1).is_none()
    };
    let mut out = vec![Run::default(); ast.order.len()];
    let mut first = 0;
    while first < ast.order.len() {
        let Some(mut a) = decl(first) else {
            first += 1;
            continue;
        };
        let mut run = Run::default();
        let mut last = first;
        loop {
            run.kind = run.kind.max(a.kind.as_str().len());
            if a.label.is_some() {
                run.id = run.id.max(a.id.text.chars().count());
            }
            match decl(last + 1) {
                Some(b) if joined(a, b) => {
                    a = b;
                    last += 1;
                }
                _ => break,
            }
        }
        out[first..=last].fill(run);
        first = last + 1;
    }
    out
}

/// Where a declaration's last token ends. Its span can run further: with no label, the
/// grammar's optional label lets the span take in the whitespace and comments that follow.
fn end_of(d: &Declaration) -> usize {
    d.label.as_ref().map_or(d.id.span.end, |l| l.span.end) as usize
}

struct Printer<'a> {
    text: &'a str,
    comments: Vec<Comment>,
    /// The first comment not printed yet.
    next: usize,
    out: String,
    /// The length of `out` right after the last opening `{` printed. The output itself
    /// cannot tell: a comment may end with `{` too.
    opened: Option<usize>,
}

impl Printer<'_> {
    /// Prints, each on its own line, every comment not yet printed that starts before `upto`,
    /// keeping one blank line where the source had any.
    fn leading(&mut self, upto: usize, indent: &str) {
        while let Some(c) = self.comments.get(self.next).filter(|c| c.start < upto).cloned() {
            self.next += 1;
            self.line(indent, &c.text, c.start);
        }
    }

    /// Appends the comment that follows `end` on the same line, if there is one.
    fn trailing(&mut self, end: usize) {
        if let Some(c) = self
            .comments
            .get(self.next)
            .filter(|c| c.start >= end && comments::same_line(self.text, end, c.start))
        {
            self.out.push_str("  ");
            self.out.push_str(&c.text);
            self.next += 1;
        }
    }

    /// Starts a line for something that stood at `source` in the input.
    fn line(&mut self, indent: &str, content: &str, source: usize) {
        if comments::blank_before(self.text, source) && !self.at_block_start() {
            self.force_blank();
        }
        self.newline();
        self.out.push_str(indent);
        self.out.push_str(content);
    }

    /// Ends the current line, if one is open.
    fn newline(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn force_blank(&mut self) {
        self.newline();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") && !self.at_block_start() {
            self.out.push('\n');
        }
    }

    /// Right after an opening `{`: no blank line goes there.
    fn at_block_start(&self) -> bool {
        self.opened == Some(self.out.trim_end().len())
    }

    /// Starts a line that opens a block with `{`.
    fn open(&mut self, content: &str, source: usize) {
        self.line("", content, source);
        self.opened = Some(self.out.len());
    }

    fn header(&mut self, h: &Header) {
        let end = h.span.end as usize;
        let brace = open_brace(self.text, h.id.span.end as usize, &self.comments);
        self.leading(brace, "");
        self.open(&format!("policy {} {{", print::string(&h.id.text)), h.span.start as usize);
        self.trailing(brace);
        let mut fields: Vec<(&str, String, usize, usize)> = Vec::new();
        let mut push = |key, value: String, span: crate::source::Span| {
            fields.push((key, value, span.start as usize, span.end as usize));
        };
        if let Some(t) = &h.title {
            push("title", print::string(&t.text), t.span);
        }
        if let Some(v) = &h.version {
            push("version", print::string(&v.text), v.span);
        }
        if let Some((l, span)) = &h.level {
            push("level", l.as_str().to_string(), *span);
        }
        if let Some((d, span)) = &h.effective {
            push("effective", d.to_string(), *span);
        }
        if let Some(s) = &h.source {
            push("source", print::string(&s.text), s.span);
        }
        let width = fields.iter().map(|f| f.0.len()).max().unwrap_or(0);
        for (key, value, _start, field_end) in &fields {
            self.leading(*field_end, "  ");
            // No blank lines between header fields: the span known is the value's, not the line's.
            self.newline();
            self.out.push_str(&format!("  {key:width$} {value}"));
            self.trailing(*field_end);
        }
        self.close(end);
    }

    fn declaration(&mut self, d: &Declaration, run: &Run) {
        let end = end_of(d);
        self.leading(end, "");
        let kind = d.kind.as_str();
        let text = match &d.label {
            Some(label) => format!(
                "{kind:kw$} {id:iw$} {}",
                print::string(&label.text),
                kw = run.kind,
                id = d.id.text,
                iw = run.id
            ),
            None => format!("{kind:kw$} {}", d.id.text, kw = run.kind),
        };
        self.line("", &text, d.span.start as usize);
        self.trailing(end);
    }

    fn article(&mut self, a: &Article) {
        let after_number = a.title.as_ref().map_or(a.number.span.end, |t| t.span.end) as usize;
        let brace = open_brace(self.text, after_number, &self.comments);
        self.leading(brace, "");
        let title =
            a.title.as_ref().map(|t| format!(" {}", print::string(&t.text))).unwrap_or_default();
        self.open(&format!("article {}{title} {{", a.number.text), a.span.start as usize);
        self.trailing(brace);
        for s in &a.statements {
            let end = s.span.end as usize;
            self.leading(end, "  ");
            let head = print::statement_head(s);
            let text = match &s.condition {
                Some(c) => {
                    let condition = print::condition(c);
                    let one_line = format!("{head} when {condition};");
                    if one_line.chars().count() + 2 > WIDTH {
                        format!("{head}\n    when {condition};")
                    } else {
                        one_line
                    }
                }
                None => format!("{head};"),
            };
            self.line("  ", &text, s.span.start as usize);
            self.trailing(end);
        }
        self.close(a.span.end as usize);
    }

    /// The closing `}` of a block that ends at `end`, after the comments left inside it.
    fn close(&mut self, end: usize) {
        let brace = end.saturating_sub(1);
        self.leading(brace, "  ");
        if self.opened == Some(self.out.len()) {
            self.out.push('}');
        } else {
            self.newline();
            self.out.push('}');
        }
        self.trailing(end);
    }
}

/// Where the `{` after `from` ends, skipping whitespace and comments.
fn open_brace(text: &str, from: usize, comments: &[Comment]) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        // Comments are in text order: found by binary search, not a scan per byte.
        if let Ok(k) = comments.binary_search_by_key(&i, |c| c.start) {
            let c = &comments[k];
            i = c.end;
        } else if bytes[i] == b'{' {
            return i + 1;
        } else {
            i += 1;
        }
    }
    from
}
