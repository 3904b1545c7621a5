//! The record model: one agreement, with the span of every field a diagnostic may point at.

use crate::date::Date;
use crate::source::{FileId, Span};
use crate::syntax::ast::Name;
use crate::value::Value;

/// A scalar with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct SpannedValue {
    pub value: Value,
    pub span: Span,
}

/// A closed day interval, `from <= until` once validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub from: Date,
    pub until: Date,
    /// The whole `{from, until}` mapping (or its key, if that is all there is).
    pub span: Span,
}

/// One scope dimension and its values, in the order written.
#[derive(Clone, Debug, PartialEq)]
pub struct Dimension {
    pub name: Name,
    pub values: Vec<Name>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    pub id: Name,
    pub title: Option<Name>,
    pub term: Period,
    /// Empty: one undivided scope.
    pub scope: Vec<Dimension>,
    pub attributes: Vec<(Name, SpannedValue)>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Party {
    pub id: Name,
    pub role: Name,
    pub name: Option<Name>,
    pub controlled_by: Vec<Name>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Norm {
    Duty,
    Power,
    Permission,
    Prohibition,
    Right,
}

impl Norm {
    pub const ALL: [Norm; 5] =
        [Norm::Duty, Norm::Power, Norm::Permission, Norm::Prohibition, Norm::Right];

    pub fn as_str(self) -> &'static str {
        match self {
            Norm::Duty => "duty",
            Norm::Power => "power",
            Norm::Permission => "permission",
            Norm::Prohibition => "prohibition",
            Norm::Right => "right",
        }
    }

    pub fn parse(text: &str) -> Option<Norm> {
        Norm::ALL.into_iter().find(|n| n.as_str() == text)
    }

    /// "Holds A" means a duty or a power clause for A.
    pub fn is_holding(self) -> bool {
        matches!(self, Norm::Duty | Norm::Power)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    pub id: Name,
    pub party: Name,
    pub norm: Norm,
    pub norm_span: Span,
    /// Present unless `norm: right`.
    pub act: Option<Name>,
    /// Present exactly when `norm: right`.
    pub benefit: Option<Name>,
    pub from: Option<Name>,
    /// `None`: the agreement's whole scope. A dimension left out means all of its values.
    pub scope: Option<Vec<Dimension>>,
    /// `None`: the whole term.
    pub period: Option<Period>,
    pub accountable_to: Option<Name>,
    pub terms: Vec<(Name, SpannedValue)>,
    /// The clause's mapping, from its first key.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Waiver {
    pub code: Name,
    pub clauses: Vec<Name>,
    pub reason: Name,
    pub approved_by: Name,
    pub expires: Date,
    pub expires_span: Span,
    pub span: Span,
}

/// One agreement record: one document of a YAML stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub file: FileId,
    /// Position in the file's stream, 0-based.
    pub index: usize,
    pub agreement: Agreement,
    pub parties: Vec<Party>,
    pub clauses: Vec<Clause>,
    pub waivers: Vec<Waiver>,
}

impl Record {
    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id.text == id)
    }
}
