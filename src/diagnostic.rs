//! The one diagnostic type every stage returns: input problems and findings alike.
//! Only `report/` turns it into text.

use crate::checks::Code;
use crate::date::Date;
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A labelled place in a source file.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Label {
        Label { span, message: message.into() }
    }
}

/// The record a finding is about.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordRef {
    pub file: crate::source::FileId,
    /// The agreement id, when the record got far enough to have one.
    pub agreement: Option<String>,
    /// Index of the record in its file's stream (0-based), for stable ordering.
    pub index: usize,
}

/// The policy article whose statement caused a finding.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleRef {
    /// The statement's span (its file is the policy file).
    pub span: Span,
    pub article: String,
}

/// A clause named by a finding.
#[derive(Clone, Debug, PartialEq)]
pub struct ClauseRef {
    pub id: String,
    pub span: Span,
}

/// One entry of `where`: a product of values per scope dimension, and a closed day range.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// Every scope dimension of the agreement, in declaration order, with the values concerned.
    pub cells: Vec<(String, Vec<String>)>,
    pub from: Date,
    pub until: Date,
}

/// A waiver that matched a finding.
#[derive(Clone, Debug, PartialEq)]
pub struct WaiverRef {
    pub reason: String,
    pub approved_by: String,
    pub expires: Date,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// One line, lower-case start, no final period.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Labels in the file the diagnostic is about; the first is the primary one.
    pub labels: Vec<Label>,
    /// Labels elsewhere, such as the policy article that caused a finding on a record.
    pub related: Vec<Label>,
    pub record: Option<RecordRef>,
    pub rule: Option<RuleRef>,
    pub clauses: Vec<ClauseRef>,
    pub parties: Vec<String>,
    pub act: Option<String>,
    pub places: Vec<Place>,
    pub waiver: Option<WaiverRef>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity and no labels yet.
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            help: String::new(),
            labels: Vec::new(),
            related: Vec::new(),
            record: None,
            rule: None,
            clauses: Vec::new(),
            parties: Vec::new(),
            act: None,
            places: Vec::new(),
            waiver: None,
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label::new(span, message));
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.related.push(Label::new(span, message));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = help.into();
        self
    }

    /// The first label's span, if any: where the diagnostic points.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }
}

/// "did you mean `x`?" for the closest candidate, if one is close enough.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(name, c);
        let close = score > 0.8 || strsim::levenshtein(name, c) <= name.len().min(c.len()) / 3;
        if close && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}
