//! The syntax tree of one policy file. Every name and statement carries its span; equality
//! ignores spans (see [`Name`]) so tests can compare trees without positions.

use crate::date::Date;
use crate::source::Span;
use crate::value::Value;

/// An identifier or string as written, with where it was written.
#[derive(Clone, Debug, Eq, PartialOrd, Ord)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.text == other.text
    }
}

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl Name {
    pub fn new(text: impl Into<String>, span: Span) -> Name {
        Name { text: text.into(), span }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// A parsed policy file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct File {
    pub header: Option<Header>,
    pub declarations: Vec<Declaration>,
    pub articles: Vec<Article>,
    /// Top-level items in source order, for the formatter.
    pub order: Vec<Item>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Header,
    Declaration(usize),
    Article(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Normative,
    Rule,
    Regulation,
    Law,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Normative => "normative",
            Level::Rule => "rule",
            Level::Regulation => "regulation",
            Level::Law => "law",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub id: Name,
    pub title: Option<Name>,
    pub version: Option<Name>,
    pub level: Option<(Level, Span)>,
    pub effective: Option<(Date, Span)>,
    pub source: Option<Name>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeclKind {
    Role,
    Act,
    Power,
    Benefit,
}

impl DeclKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DeclKind::Role => "role",
            DeclKind::Act => "act",
            DeclKind::Power => "power",
            DeclKind::Benefit => "benefit",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Declaration {
    pub kind: DeclKind,
    pub id: Name,
    /// The label with escapes resolved.
    pub label: Option<Name>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    /// As written: `3`, `3.2`, `3.2.1`.
    pub number: Name,
    pub title: Option<Name>,
    pub statements: Vec<Statement>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub kind: StatementKind,
    pub condition: Option<Expr>,
    /// From the first token to the `;`.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quantity {
    ExactlyOne,
    AtLeastOne,
    AtMostOne,
}

impl Quantity {
    pub fn as_str(self) -> &'static str {
        match self {
            Quantity::ExactlyOne => "exactly one",
            Quantity::AtLeastOne => "at least one",
            Quantity::AtMostOne => "at most one",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StatementKind {
    /// `R may A, B;`
    May { role: Name, acts: Vec<Name> },
    /// `R must A, B;`
    Must { role: Name, acts: Vec<Name> },
    /// `R must not A, B;` and `R must not A, B alone;`
    MustNot { role: Name, acts: Vec<Name>, alone: bool },
    /// `require exactly|at least|at most one holder of A [with role R];`
    Require { quantity: Quantity, act: Name, role: Option<Name> },
    /// `separate A from B, C;`
    Separate { act: Name, from: Vec<Name> },
    /// `require F, G for A, B;`
    RequireTerms { terms: Vec<Name>, acts: Vec<Name> },
    /// `require accountability for A, B;`
    RequireAccountability { acts: Vec<Name> },
    /// `compensate R for A, B [with X, Y];`
    Compensate { role: Name, acts: Vec<Name>, benefits: Vec<Name> },
}

impl StatementKind {
    /// Whether the statement is evaluated once per clause, so `clause.X` paths are in view.
    pub fn has_clause_in_view(&self) -> bool {
        matches!(
            self,
            StatementKind::May { .. }
                | StatementKind::MustNot { alone: false, .. }
                | StatementKind::RequireTerms { .. }
                | StatementKind::RequireAccountability { .. }
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Root {
    Agreement,
    Clause,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Lit(Value),
    /// `agreement.x.y` or `clause.x.y`: the root, then at least one field.
    Path {
        root: Root,
        fields: Vec<Name>,
    },
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    /// `term in [lit, ...]`; each literal keeps its span.
    In(Box<Expr>, Vec<(Value, Span)>),
    /// `( ... )`, kept so that the formatter can print what was written.
    Paren(Box<Expr>),
}
