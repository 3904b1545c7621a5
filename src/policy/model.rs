//! The resolved policy set: what evaluation uses. Names are bound and kinds checked.

use std::collections::HashMap;

use crate::date::Date;
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, DeclKind, Level, Name};

/// One policy file of the set.
#[derive(Clone, Debug)]
pub struct Document {
    pub file: FileId,
    /// The header's id, if the file has a header.
    pub id: Option<String>,
    pub title: Option<String>,
    pub level: Level,
    /// `None` is the oldest possible date.
    pub effective: Option<Date>,
    pub ast: ast::File,
}

/// A declared role, act, power or benefit. Identical redeclarations are merged.
#[derive(Clone, Debug)]
pub struct Declaration {
    pub kind: DeclKind,
    pub id: String,
    pub label: Option<String>,
    /// Where it was first declared.
    pub span: Span,
}

/// One statement of one article, in the context that decides precedence.
#[derive(Clone, Debug)]
pub struct Statement {
    pub kind: ast::StatementKind,
    pub condition: Option<ast::Expr>,
    pub span: Span,
    /// Index into [`PolicySet::documents`].
    pub document: usize,
    pub article: Name,
    pub article_title: Option<String>,
    /// Span of the whole article, for related labels.
    pub article_span: Span,
}

/// All loaded policy files as one set.
#[derive(Clone, Debug, Default)]
pub struct PolicySet {
    pub documents: Vec<Document>,
    pub declarations: HashMap<String, Declaration>,
    /// Every statement, in file order then source order.
    pub statements: Vec<Statement>,
}

impl PolicySet {
    pub fn kind_of(&self, id: &str) -> Option<DeclKind> {
        self.declarations.get(id).map(|d| d.kind)
    }

    pub fn is_power(&self, id: &str) -> bool {
        self.kind_of(id) == Some(DeclKind::Power)
    }

    pub fn document(&self, statement: &Statement) -> &Document {
        &self.documents[statement.document]
    }

    /// Every declared id of one kind, for "did you mean" suggestions.
    pub fn ids_of(&self, kind: DeclKind) -> impl Iterator<Item = &str> {
        self.declarations.values().filter(move |d| d.kind == kind).map(|d| d.id.as_str())
    }
}
