//! The canonical text of the smallest pieces: strings, literals, conditions and statements.
//! Each prints to text that parses back to the same tree.

use std::fmt::Write as _;

use crate::syntax::ast::{Expr, ExprKind, Name, Root, Statement, StatementKind};
use crate::value::Value;

/// A string literal: the resolved text with `"`, `\`, line breaks, tabs and other control
/// characters escaped again.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn literal(v: &Value) -> String {
    match v {
        Value::Str(s) => string(s),
        // `Display` for f64 never uses an exponent and gives the shortest text that reads
        // back as the same number.
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Date(d) => d.to_string(),
    }
}

/// A condition as written, with the parentheses the drafter wrote and no others: the tree
/// keeps them, and the parser's precedence rebuilds the same tree from this text.
pub fn expr(e: &Expr, out: &mut String) {
    match &e.kind {
        ExprKind::Lit(v) => out.push_str(&literal(v)),
        ExprKind::Path { root, fields } => {
            out.push_str(match root {
                Root::Agreement => "agreement",
                Root::Clause => "clause",
            });
            for f in fields {
                out.push('.');
                out.push_str(&f.text);
            }
        }
        ExprKind::Not(a) => {
            out.push_str("not ");
            expr(a, out);
        }
        ExprKind::And(a, b) | ExprKind::Or(a, b) => {
            expr(a, out);
            out.push_str(if matches!(e.kind, ExprKind::And(..)) { " and " } else { " or " });
            expr(b, out);
        }
        ExprKind::Cmp(op, a, b) => {
            expr(a, out);
            let _ = write!(out, " {} ", op.as_str());
            expr(b, out);
        }
        ExprKind::In(a, list) => {
            expr(a, out);
            out.push_str(" in [");
            let items: Vec<String> = list.iter().map(|(v, _)| literal(v)).collect();
            out.push_str(&items.join(", "));
            out.push(']');
        }
        ExprKind::Paren(a) => {
            out.push('(');
            expr(a, out);
            out.push(')');
        }
    }
}

pub fn condition(e: &Expr) -> String {
    let mut out = String::new();
    expr(e, &mut out);
    out
}

fn list(names: &[Name]) -> String {
    names.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(", ")
}

/// A statement without its `when` condition and `;`.
pub fn statement_head(s: &Statement) -> String {
    match &s.kind {
        StatementKind::May { role, acts } => format!("{} may {}", role.text, list(acts)),
        StatementKind::Must { role, acts } => format!("{} must {}", role.text, list(acts)),
        StatementKind::MustNot { role, acts, alone } => {
            format!("{} must not {}{}", role.text, list(acts), if *alone { " alone" } else { "" })
        }
        StatementKind::Require { quantity, act, role } => {
            let role = role.as_ref().map(|r| format!(" with role {}", r.text)).unwrap_or_default();
            format!("require {} holder of {}{role}", quantity.as_str(), act.text)
        }
        StatementKind::Separate { act, from } => {
            format!("separate {} from {}", act.text, list(from))
        }
        StatementKind::RequireTerms { terms, acts } => {
            format!("require {} for {}", list(terms), list(acts))
        }
        StatementKind::RequireAccountability { acts } => {
            format!("require accountability for {}", list(acts))
        }
        StatementKind::Compensate { role, acts, benefits } => {
            let with = if benefits.is_empty() {
                String::new()
            } else {
                format!(" with {}", list(benefits))
            };
            format!("compensate {} for {}{with}", role.text, list(acts))
        }
    }
}
