//! miette's graphical rendering of diagnostics, with labels grouped by file: the labels in
//! the first labelled file are the main excerpt, every other file (and the policy article
//! that caused a finding) becomes a related excerpt.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::source::{FileId, SourceFile, SourceMap};

/// Renders diagnostics as miette does on a terminal; `color: false` gives plain text
/// (used by snapshots and when `NO_COLOR` is set or the stream is not a terminal).
pub fn render(sources: &SourceMap, diagnostics: &[Diagnostic], color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .with_show_related_as_nested(true);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let view = View::build(sources, diagnostic);
        if handler.render_report(&mut out, &view).is_err() {
            out.push_str(&format!("{}: {}\n", diagnostic.code.as_str(), diagnostic.message));
        }
        out.push('\n');
    }
    out
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
            message: d.message.clone(),
            help: (!d.help.is_empty()).then(|| d.help.clone()),
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        };
        if let Some((file, labels)) = groups.next() {
            view.attach(sources, file, &labels);
        }
        for (file, labels) in groups {
            let mut related = View {
                code: "",
                severity: Severity::Note,
                message: match labels.first() {
                    Some(l) if !l.message.is_empty() => {
                        format!("{} in `{}`", l.message, sources.path(file))
                    }
                    _ => format!("see `{}`", sources.path(file)),
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
        let source = sources.get(file);
        self.source = Some(Excerpt { file: source });
        self.labels = labels
            .iter()
            .map(|l| {
                let text = (!l.message.is_empty()).then(|| l.message.clone());
                LabeledSpan::new(text, l.span.start as usize, l.span.len())
            })
            .collect();
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

/// A source file as miette reads it, without copying it: miette's own reader scans a text from
/// its start for every excerpt, so it reads only a window of lines around the span, found
/// through the file's line index, and the result is moved back to the file's coordinates.
struct Excerpt<'s> {
    file: &'s SourceFile,
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.file.text.as_bytes();
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len());
        let first = self.file.line_index(start as u32).saturating_sub(before + 1);
        let last = self.file.line_index(end as u32) + after + 2;
        let lo = self.file.line_start(first).unwrap_or(0);
        let hi = self.file.line_start(last).unwrap_or(text.len()).max(end);
        let window = &text[lo..hi];
        let local = SourceSpan::new((start - lo).into(), span.len().min(hi - start));
        let c = window.read_span(&local, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.path.clone(),
            c.data(),
            SourceSpan::new((c.span().offset() + lo).into(), c.span().len()),
            c.line() + first,
            c.column(),
            c.line_count() + first,
        )))
    }
}
