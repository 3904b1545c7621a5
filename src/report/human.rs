//! miette's graphical rendering of diagnostics, with labels grouped by file: the labels in
//! the first labelled file are the main excerpt, every other file (and the policy article
//! that caused a finding) becomes a related excerpt.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::source::{FileId, SourceMap};

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
struct View {
    code: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    source: Option<NamedSource<String>>,
    labels: Vec<LabeledSpan>,
    related: Vec<View>,
}

impl View {
    fn build(sources: &SourceMap, d: &Diagnostic) -> View {
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

    fn attach(&mut self, sources: &SourceMap, file: FileId, labels: &[&Label]) {
        let source = sources.get(file);
        self.source = Some(NamedSource::new(&source.path, source.text.to_string()));
        self.labels = labels
            .iter()
            .map(|l| {
                let text = (!l.message.is_empty()).then(|| l.message.clone());
                LabeledSpan::new(text, l.span.start as usize, l.span.len())
            })
            .collect();
    }
}

impl fmt::Debug for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for View {}

impl miette::Diagnostic for View {
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
