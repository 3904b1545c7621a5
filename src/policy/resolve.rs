//! Name resolution: the syntax trees of all files of a set become one [`PolicySet`].
//! Declarations are global across the set, so all of them are gathered before any
//! statement is checked; a statement that names something undeclared, or of the wrong
//! kind, is reported and left out of the model, so evaluation only sees bound names.

use std::collections::HashMap;

use super::model::{Declaration, Document, PolicySet, Statement};
use crate::checks::Code;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast::{self, DeclKind, Level, Name, Root, StatementKind};

/// Binds names across all files of a set and checks their kinds. Files are taken in the
/// order given, which is the order of [`PolicySet::documents`] and of its statements.
pub fn resolve(
    _sources: &SourceMap,
    files: Vec<(FileId, ast::File)>,
) -> (PolicySet, Vec<Diagnostic>) {
    let mut set = PolicySet::default();
    let mut diags = Vec::new();
    for (_, file) in &files {
        for decl in &file.declarations {
            declare(&mut set.declarations, decl, &mut diags);
        }
        duplicate_articles(file, &mut diags);
    }
    for (file, ast) in files {
        let document = set.documents.len();
        for article in &ast.articles {
            for statement in &article.statements {
                if !check_statement(&set.declarations, statement, &mut diags) {
                    continue;
                }
                set.statements.push(Statement {
                    kind: statement.kind.clone(),
                    condition: statement.condition.clone(),
                    span: statement.span,
                    document,
                    article: article.number.clone(),
                    article_title: article.title.as_ref().map(|t| t.text.clone()),
                    article_span: article.span,
                });
            }
        }
        let header = ast.header.as_ref();
        set.documents.push(Document {
            file,
            id: header.map(|h| h.id.text.clone()),
            title: header.and_then(|h| h.title.as_ref()).map(|t| t.text.clone()),
            level: header.and_then(|h| h.level).map_or(Level::Normative, |(l, _)| l),
            effective: header.and_then(|h| h.effective).map(|(d, _)| d),
            ast,
        });
    }
    (set, diags)
}

/// Adds a declaration to the set. An identical redeclaration (same kind, same label or no
/// label) is merged; a different one is `policy::duplicate` with a label on both.
fn declare(
    declared: &mut HashMap<String, Declaration>,
    decl: &ast::Declaration,
    diags: &mut Vec<Diagnostic>,
) {
    let id = &decl.id.text;
    let label = decl.label.as_ref().map(|l| l.text.clone());
    let Some(first) = declared.get_mut(id) else {
        let kind = decl.kind;
        let entry = Declaration { kind, id: id.clone(), label, span: decl.id.span };
        declared.insert(id.clone(), entry);
        return;
    };
    let d = if first.kind != decl.kind {
        let (was, now) = (first.kind.as_str(), decl.kind.as_str());
        Diagnostic::new(
            Code::PolicyDuplicate,
            format!("`{id}` is declared both as {} and as {}", a(was), a(now)),
        )
        .with_label(decl.id.span, format!("declared as {} here", a(now)))
        .with_help(format!(
            "an id has one kind across the whole policy set: rename one of them, or \
                 declare `{id}` as {} everywhere",
            a(was)
        ))
    } else {
        match (&first.label, &label) {
            (Some(was), Some(now)) if was != now => Diagnostic::new(
                Code::PolicyDuplicate,
                format!("`{id}` is declared twice with different labels"),
            )
            .with_label(decl.id.span, format!("labelled \"{now}\" here"))
            .with_help(format!(
                "give `{id}` the same label everywhere, or leave the label out of all \
                 declarations but one"
            )),
            (None, Some(_)) => {
                // A declaration without a label only names the id, so it agrees with any label.
                first.label = label;
                return;
            }
            _ => return,
        }
    };
    let first_span = first.span;
    let first_label = match &first.label {
        Some(l) if first.kind == decl.kind => format!("labelled \"{l}\" here"),
        _ => format!("first declared as {} here", a(first.kind.as_str())),
    };
    diags.push(label_other(d, decl.id.span, first_span, first_label));
}

/// Adds the label on the first of two places: in the same excerpt when both are in one
/// file, as a related excerpt otherwise.
fn label_other(d: Diagnostic, here: Span, other: Span, message: String) -> Diagnostic {
    if here.file == other.file {
        d.with_label(other, message)
    } else {
        d.with_related(other, message)
    }
}

/// `policy::duplicate` for an article number given twice in one file. `3.2` and `3.02`
/// are the same number.
fn duplicate_articles(file: &ast::File, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<Vec<String>, &Name> = HashMap::new();
    for article in &file.articles {
        let key: Vec<String> = article
            .number
            .text
            .split('.')
            .map(|part| {
                let trimmed = part.trim_start_matches('0');
                if trimmed.is_empty() { "0".to_string() } else { trimmed.to_string() }
            })
            .collect();
        if let Some(first) = seen.get(&key) {
            let n = &article.number.text;
            let d = Diagnostic::new(
                Code::PolicyDuplicate,
                format!("article {n} appears twice in this file"),
            )
            .with_label(article.number.span, "numbered again here")
            .with_label(first.span, "first numbered here")
            .with_help("renumber one of the articles: article numbers are unique within a file");
            diags.push(d);
        } else {
            seen.insert(key, &article.number);
        }
    }
}

/// What a name in a statement must denote.
#[derive(Clone, Copy)]
enum Expect {
    Role,
    /// An `act` or a `power`.
    Act,
    Benefit,
}

impl Expect {
    fn accepts(self, kind: DeclKind) -> bool {
        match self {
            Expect::Role => kind == DeclKind::Role,
            Expect::Act => matches!(kind, DeclKind::Act | DeclKind::Power),
            Expect::Benefit => kind == DeclKind::Benefit,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Expect::Role => "a role",
            Expect::Act => "an act or power",
            Expect::Benefit => "a benefit",
        }
    }
}

/// Checks every name and path of a statement; `false` if any is wrong (all are reported).
fn check_statement(
    declared: &HashMap<String, Declaration>,
    statement: &ast::Statement,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let mut uses: Vec<(&Name, Expect)> = Vec::new();
    match &statement.kind {
        StatementKind::May { role, acts: a }
        | StatementKind::Must { role, acts: a }
        | StatementKind::MustNot { role, acts: a, .. } => {
            uses.push((role, Expect::Role));
            uses.extend(as_acts(a));
        }
        StatementKind::Require { act, role, .. } => {
            uses.push((act, Expect::Act));
            uses.extend(role.iter().map(|r| (r, Expect::Role)));
        }
        StatementKind::Separate { act, from } => {
            uses.push((act, Expect::Act));
            uses.extend(as_acts(from));
        }
        StatementKind::RequireTerms { acts: a, .. }
        | StatementKind::RequireAccountability { acts: a } => uses.extend(as_acts(a)),
        StatementKind::Compensate { role, acts: a, benefits } => {
            uses.push((role, Expect::Role));
            uses.extend(as_acts(a));
            uses.extend(benefits.iter().map(|b| (b, Expect::Benefit)));
        }
    }
    let before = diags.len();
    for (name, expect) in uses {
        if let Some(d) = check_name(declared, name, expect, &statement.kind) {
            diags.push(d);
        }
    }
    if let Some(condition) = &statement.condition {
        if !statement.kind.has_clause_in_view() {
            clause_paths(condition, &statement.kind, diags);
        }
    }
    diags.len() == before
}

fn as_acts(names: &[Name]) -> impl Iterator<Item = (&Name, Expect)> {
    names.iter().map(|n| (n, Expect::Act))
}

fn check_name(
    declared: &HashMap<String, Declaration>,
    name: &Name,
    expect: Expect,
    statement: &StatementKind,
) -> Option<Diagnostic> {
    let id = name.as_str();
    // The common case first: suggestions cost a string distance to every declaration.
    if declared.get(id).is_some_and(|d| expect.accepts(d.kind)) {
        return None;
    }
    let mut candidates: Vec<&str> =
        declared.values().filter(|d| expect.accepts(d.kind)).map(|d| d.id.as_str()).collect();
    // Sorted, so that ties in "did you mean" are broken the same way on every run.
    candidates.sort_unstable();
    let suggestion = did_you_mean(id, candidates.iter().copied());
    match declared.get(id) {
        Some(d) if expect.accepts(d.kind) => None,
        Some(decl) => {
            let kind = a(decl.kind.as_str());
            let help = match (suggestion, expect, statement) {
                (Some(s), _, _) => format!("did you mean `{s}`?"),
                (None, Expect::Benefit, _) => format!(
                    "`compensate ... with` names benefits: declare one with `benefit name \"...\"` and name it instead of `{id}`"
                ),
                (None, _, _) => format!("name {} here instead of {kind}", expect.noun()),
            };
            let diag = Diagnostic::new(
                Code::PolicyUndefined,
                format!("`{id}` is {kind}, not {}", expect.noun()),
            )
            .with_label(name.span, format!("{} expected here", expect.noun()))
            .with_help(help);
            let declared_here = format!("`{id}` is declared as {kind} here");
            Some(label_other(diag, name.span, decl.span, declared_here))
        }
        None => {
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "declare it, as in `{} {id} \"...\"`, or correct the spelling",
                    decl_word(expect)
                ),
            };
            Some(
                Diagnostic::new(Code::PolicyUndefined, format!("`{id}` is not declared"))
                    .with_label(
                        name.span,
                        format!("expected {} declared in the policy set", expect.noun()),
                    )
                    .with_help(help),
            )
        }
    }
}

/// `policy::invalid-path` for every `clause.` path of a statement with no clause in view.
fn clause_paths(expr: &ast::Expr, kind: &StatementKind, diags: &mut Vec<Diagnostic>) {
    use ast::ExprKind as E;
    match &expr.kind {
        E::Path { root: Root::Clause, fields } => {
            let path = std::iter::once("clause").chain(fields.iter().map(Name::as_str));
            let path = path.collect::<Vec<_>>().join(".");
            diags.push(
                Diagnostic::new(
                    Code::PolicyInvalidPath,
                    format!(
                        "`{path}` has no clause to read in {} statement",
                        statement_words(kind)
                    ),
                )
                .with_label(expr.span, "no clause in view here")
                .with_help(
                    "`clause.` paths are allowed in `may`, `must not` (without `alone`), \
                     `require ... for` and `require accountability for`; use an `agreement.` \
                     path here",
                ),
            );
        }
        E::Path { .. } | E::Lit(_) => {}
        E::Not(e) | E::Paren(e) | E::In(e, _) => clause_paths(e, kind, diags),
        E::And(l, r) | E::Or(l, r) | E::Cmp(_, l, r) => {
            clause_paths(l, kind, diags);
            clause_paths(r, kind, diags);
        }
    }
}

fn statement_words(kind: &StatementKind) -> &'static str {
    match kind {
        StatementKind::May { .. } => "a `may`",
        StatementKind::Must { .. } => "a `must`",
        StatementKind::MustNot { alone: true, .. } => "a `must not ... alone`",
        StatementKind::MustNot { .. } => "a `must not`",
        StatementKind::Require { .. } => "a `require ... holder of`",
        StatementKind::Separate { .. } => "a `separate`",
        StatementKind::RequireTerms { .. } => "a `require ... for`",
        StatementKind::RequireAccountability { .. } => "a `require accountability`",
        StatementKind::Compensate { .. } => "a `compensate`",
    }
}

fn decl_word(expect: Expect) -> &'static str {
    match expect {
        Expect::Role => "role",
        Expect::Act => "act",
        Expect::Benefit => "benefit",
    }
}

/// "a role", "an act".
fn a(noun: &str) -> String {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {noun}")
    } else {
        format!("a {noun}")
    }
}
