//! `policy::unused`: a declared role, act, power or benefit that no statement uses. Often a
//! leftover of an edit, or a typing error in the declaration that a `policy::undefined` on
//! the statement side accompanies.

use std::collections::BTreeSet;

use crate::checks::Code;
use crate::diagnostic::Diagnostic;
use crate::policy::PolicySet;
use crate::syntax::ast::StatementKind;

pub(super) fn check(policy: &PolicySet, out: &mut Vec<Diagnostic>) {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for s in &policy.statements {
        match &s.kind {
            StatementKind::May { role, acts }
            | StatementKind::Must { role, acts }
            | StatementKind::MustNot { role, acts, .. } => {
                used.insert(&role.text);
                used.extend(acts.iter().map(|a| a.text.as_str()));
            }
            StatementKind::Require { act, role, .. } => {
                used.insert(&act.text);
                used.extend(role.iter().map(|r| r.text.as_str()));
            }
            StatementKind::Separate { act, from } => {
                used.insert(&act.text);
                used.extend(from.iter().map(|a| a.text.as_str()));
            }
            StatementKind::RequireTerms { acts, .. }
            | StatementKind::RequireAccountability { acts } => {
                used.extend(acts.iter().map(|a| a.text.as_str()));
            }
            StatementKind::Compensate { role, acts, benefits } => {
                used.insert(&role.text);
                used.extend(acts.iter().map(|a| a.text.as_str()));
                used.extend(benefits.iter().map(|b| b.text.as_str()));
            }
        }
    }
    // `compensate R for A;` with no `with` accepts any benefit, so it uses them all.
    let any_benefit = policy.statements.iter().any(
        |s| matches!(&s.kind, StatementKind::Compensate { benefits, .. } if benefits.is_empty()),
    );
    for d in policy.declarations.values() {
        if used.contains(d.id.as_str())
            || (any_benefit && d.kind == crate::syntax::ast::DeclKind::Benefit)
        {
            continue;
        }
        let kind = d.kind.as_str();
        let diagnostic = Diagnostic::new(
            Code::PolicyUnused,
            format!("the {kind} `{}` is declared but no statement uses it", d.id),
        )
        .with_label(d.span, "declared here")
        .with_help(format!("use `{}` in an article, or delete the declaration", d.id));
        out.push(diagnostic);
    }
}
