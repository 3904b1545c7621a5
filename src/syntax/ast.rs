//! The syntax tree of one policy file. Every name and statement carries its span; equality
//! ignores spans (as Cedar's `Node` does), so tests compare trees without positions.

use crate::date::Date;
use crate::source::Span;
use crate::value::Value;

/// An identifier or string as written, with where it was written.
#[derive(Clone, Debug, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.text == other.text
    }
}

/// Names order by their text alone, as they compare: two mentions of one name are equal
/// wherever they were written.
impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
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

#[derive(Clone, Debug)]
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

#[derive(Clone, Debug)]
pub struct Declaration {
    pub kind: DeclKind,
    pub id: Name,
    /// The label with escapes resolved.
    pub label: Option<Name>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Article {
    /// As written: `3`, `3.2`, `3.2.1`.
    pub number: Name,
    pub title: Option<Name>,
    pub statements: Vec<Statement>,
    pub span: Span,
}

#[derive(Clone, Debug)]
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

#[derive(Clone, Debug)]
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
    /// Whether an ordering of the left side against the right satisfies the operator.
    pub fn holds(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }
    }

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

#[derive(Clone, Debug)]
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

// Equality that ignores spans: two trees are equal when they say the same thing.

impl PartialEq for Header {
    fn eq(&self, o: &Header) -> bool {
        self.id == o.id
            && self.title == o.title
            && self.version == o.version
            && self.level.map(|l| l.0) == o.level.map(|l| l.0)
            && self.effective.map(|e| e.0) == o.effective.map(|e| e.0)
            && self.source == o.source
    }
}

impl PartialEq for Declaration {
    fn eq(&self, o: &Declaration) -> bool {
        self.kind == o.kind && self.id == o.id && self.label == o.label
    }
}

impl PartialEq for Article {
    fn eq(&self, o: &Article) -> bool {
        self.number == o.number && self.title == o.title && self.statements == o.statements
    }
}

impl PartialEq for Statement {
    fn eq(&self, o: &Statement) -> bool {
        self.kind == o.kind && self.condition == o.condition
    }
}

impl PartialEq for Expr {
    fn eq(&self, o: &Expr) -> bool {
        self.kind == o.kind
    }
}

impl PartialEq for ExprKind {
    fn eq(&self, o: &ExprKind) -> bool {
        use ExprKind as K;
        match (self, o) {
            (K::Lit(a), K::Lit(b)) => a == b,
            (K::Path { root: r, fields: f }, K::Path { root: s, fields: g }) => r == s && f == g,
            (K::Not(a), K::Not(b)) | (K::Paren(a), K::Paren(b)) => a == b,
            (K::And(a, b), K::And(c, d)) | (K::Or(a, b), K::Or(c, d)) => a == c && b == d,
            (K::Cmp(op, a, b), K::Cmp(oq, c, d)) => op == oq && a == c && b == d,
            (K::In(a, xs), K::In(b, ys)) => {
                a == b && xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| x.0 == y.0)
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::source::FileId;

    #[test]
    fn equality_ignores_spans_but_not_meaning() {
        let a = "role r\nact a\narticle 1 { r must a when agreement.x in [1, 2] and not (clause.y == \"z\"); }";
        let b = "role r   act a   article 1 {\n  r must a\n    when agreement.x in [1,2] and not (clause.y == \"z\");\n}";
        let c = "role r\nact a\narticle 1 { r must a when agreement.x in [1, 3] and not (clause.y == \"z\"); }";
        let (ta, da) = crate::syntax::parse(FileId(0), a);
        let (tb, db) = crate::syntax::parse(FileId(1), b);
        let (tc, _) = crate::syntax::parse(FileId(0), c);
        assert!(da.is_empty() && db.is_empty());
        assert_eq!(ta, tb);
        assert_ne!(ta, tc);
    }

    #[test]
    fn names_order_as_they_compare_by_text_alone() {
        use super::Name;
        use crate::source::Span;
        let at = |start| Span { file: FileId(0), start, end: start + 1 };
        let (early, late) = (Name::new("b", at(9)), Name::new("b", at(1)));
        assert_eq!(early, late);
        assert_eq!(early.cmp(&late), std::cmp::Ordering::Equal);
        assert!(Name::new("a", at(50)) < Name::new("b", at(0)));
        let set: std::collections::BTreeSet<Name> = [early, late].into_iter().collect();
        assert_eq!(set.len(), 1);
    }
}
