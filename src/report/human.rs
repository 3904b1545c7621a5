//! miette's graphical rendering of diagnostics, with labels grouped by file: the labels in
//! the first labelled file are the main excerpt, every other file (and the policy article
//! that caused a finding) becomes a related excerpt.
//!
//! miette is handed a bounded excerpt (`excerpt.rs`), never the file itself: lines are cut to
//! a window around the labels, control characters are escaped, and labels far apart are
//! shown as separate snippets, so the output grows with the number of labels, not with the
//! length of a line or the distance between two labels.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::excerpt::{Excerpt, escape, escape_lines};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::eval::matrix::place_text;
use crate::source::{FileId, SourceMap};

/// At most this many `where` entries are printed under a finding; the JSON report has all.
const MAX_PLACES: usize = 8;

/// Renders diagnostics as miette does on a terminal; `color: false` gives plain text
/// (used by snapshots and when `NO_COLOR` is set or the stream is not a terminal).
pub fn render(sources: &SourceMap, diagnostics: &[Diagnostic], color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_show_related_as_nested(true);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let view = View::build(sources, diagnostic);
        if handler.render_report(&mut out, &view).is_err() {
            out.push_str(&format!("{}: {}\n", diagnostic.code.as_str(), view.message));
        }
        out.push('\n');
    }
    out
}

/// The lines printed under a finding's message: where it holds and how it was waived.
fn details(d: &Diagnostic) -> String {
    let mut text = escape(&d.message).into_owned();
    for place in d.places.iter().take(MAX_PLACES) {
        let place = place_text(place);
        // A message that already names its one place is not repeated.
        if d.places.len() > 1 || !d.message.contains(&place) {
            text.push_str("\nwhere: ");
            text.push_str(&escape(&place));
        }
    }
    if d.places.len() > MAX_PLACES {
        let more = d.places.len() - MAX_PLACES;
        text.push_str(&format!("\nwhere: … and {more} more (the JSON report lists every one)"));
    }
    if let Some(w) = &d.waiver {
        text.push_str(&format!(
            "\nwaived: {} (approved by {}, expires {})",
            escape(&w.reason),
            escape(&w.approved_by),
            w.expires
        ));
    }
    text
}

/// One excerpt: a file and the labels in it.
struct View<'s> {
    code: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    source: Option<Excerpt<'s>>,
    labels: Vec<LabeledSpan>,
    related: Vec<View<'s>>,
}

impl<'s> View<'s> {
    fn build(sources: &'s SourceMap, d: &Diagnostic) -> View<'s> {
        let mut groups: Vec<(FileId, Vec<&Label>)> = Vec::new();
        for label in d.labels.iter().chain(&d.related) {
            match groups.iter_mut().find(|(f, _)| *f == label.span.file) {
                Some((_, ls)) => ls.push(label),
                None => groups.push((label.span.file, vec![label])),
            }
        }
        let mut groups = groups.into_iter();
        let mut view = View {
            code: d.code.as_str(),
            severity: d.severity,
            message: details(d),
            help: (!d.help.is_empty()).then(|| escape_lines(&d.help).into_owned()),
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        };
        if let Some((file, labels)) = groups.next() {
            view.attach(sources, file, &labels);
        }
        for (file, labels) in groups {
            let path = escape(sources.path(file));
            let mut related = View {
                code: "",
                severity: Severity::Note,
                message: match labels.first() {
                    Some(l) if !l.message.is_empty() => {
                        format!("{} in `{path}`", escape(&l.message))
                    }
                    _ => format!("see `{path}`"),
                },
                help: None,
                source: None,
                labels: Vec::new(),
                related: Vec::new(),
            };
            related.attach(sources, file, &labels);
            view.related.push(related);
        }
        view
    }

    fn attach(&mut self, sources: &'s SourceMap, file: FileId, labels: &[&Label]) {
        let (excerpt, labels) = Excerpt::new(sources.get(file), labels);
        self.source = Some(excerpt);
        self.labels = labels;
    }
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty()).then(|| Box::new(self.labels.iter().cloned()) as _)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        (!self.related.is_empty())
            .then(|| Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)) as _)
    }
}
