//! `when` conditions, read against one agreement and, for per-clause statements, one clause.
//! A missing path makes a comparison false; comparing values of different types is
//! `record::type-mismatch` on the record, and false.

use crate::checks::Code;
use crate::diagnostic::Diagnostic;
use crate::record::{Clause, Record};
use crate::source::Span;
use crate::syntax::ast::{CmpOp, Expr, ExprKind, Root};
use crate::value::Value;

/// What a condition reads, and where type mismatches are collected.
pub struct Reader<'a> {
    pub record: &'a Record,
    pub clause: Option<&'a Clause>,
    pub mismatches: &'a mut Vec<Diagnostic>,
}

/// A value a term evaluated to, with where the record stated it (if it came from the record).
type Got = Option<(Value, Option<Span>)>;

impl Reader<'_> {
    pub fn holds(&mut self, expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Or(a, b) => self.holds(a) | self.holds(b),
            ExprKind::And(a, b) => self.holds(a) & self.holds(b),
            ExprKind::Not(a) => !self.holds(a),
            ExprKind::Paren(a) => self.holds(a),
            ExprKind::Cmp(op, a, b) => {
                let (Some(x), Some(y)) = (self.value(a), self.value(b)) else { return false };
                self.compare(expr, *op, x, y)
            }
            ExprKind::In(a, list) => {
                let Some(x) = self.value(a) else { return false };
                let mut found = false;
                for (lit, _) in list {
                    found |= self.compare(expr, CmpOp::Eq, x.clone(), (lit.clone(), None));
                }
                found
            }
            ExprKind::Lit(_) | ExprKind::Path { .. } => match self.value(expr) {
                Some((Value::Bool(b), _)) => b,
                Some(x) => {
                    self.mismatch(expr, &x, &(Value::Bool(true), None));
                    false
                }
                None => false,
            },
        }
    }

    fn value(&mut self, expr: &Expr) -> Got {
        match &expr.kind {
            ExprKind::Lit(v) => Some((v.clone(), None)),
            ExprKind::Paren(a) => self.value(a),
            ExprKind::Path { root, fields } => {
                let fields: Vec<&str> = fields.iter().map(|f| f.text.as_str()).collect();
                match root {
                    Root::Agreement => agreement_field(self.record, &fields),
                    Root::Clause => self.clause.and_then(|c| clause_field(self.record, c, &fields)),
                }
            }
            _ => Some((Value::Bool(self.holds(expr)), None)),
        }
    }

    fn compare(
        &mut self,
        expr: &Expr,
        op: CmpOp,
        x: (Value, Option<Span>),
        y: (Value, Option<Span>),
    ) -> bool {
        if !x.0.same_type(&y.0) {
            self.mismatch(expr, &x, &y);
            return false;
        }
        x.0.ordering(&y.0).is_some_and(|o| op.holds(o))
    }

    fn mismatch(&mut self, expr: &Expr, x: &(Value, Option<Span>), y: &(Value, Option<Span>)) {
        let (record_side, other) = if x.1.is_some() { (x, y) } else { (y, x) };
        let record_span = record_side.1.filter(|s| s.file != expr.span.file);
        if self.mismatches.iter().any(|d| {
            d.labels.iter().any(|l| l.span == expr.span)
                && record_span.is_none_or(|s| d.labels.iter().any(|l| l.span == s))
        }) {
            return;
        }
        let agreement = &self.record.agreement.id.text;
        let mut d = Diagnostic::new(
            Code::RecordTypeMismatch,
            format!(
                "condition compares a {} with a {} for agreement `{agreement}`",
                record_side.0.type_name(),
                other.0.type_name()
            ),
        );
        if let Some(span) = record_span {
            d = d.with_label(span, format!("this is a {}", record_side.0.type_name()));
        }
        d = d.with_label(expr.span, format!("this condition expects a {}", other.0.type_name()));
        d.help = format!(
            "write the record value as a {} (quote strings, leave numbers and dates bare), or change the condition",
            other.0.type_name()
        );
        self.mismatches.push(d);
    }
}

fn agreement_field(record: &Record, fields: &[&str]) -> Got {
    let a = &record.agreement;
    let named = |v: &crate::syntax::ast::Name| Some((Value::Str(v.text.clone()), Some(v.span)));
    match fields {
        ["id"] => named(&a.id),
        ["title"] => a.title.as_ref().and_then(named),
        ["term", "from"] => Some((Value::Date(a.term.from), Some(a.term.span))),
        ["term", "until"] => Some((Value::Date(a.term.until), Some(a.term.span))),
        ["attributes", name] | [name] => a
            .attributes
            .iter()
            .find(|(k, _)| k.text == *name)
            .map(|(_, v)| (v.value.clone(), Some(v.span))),
        _ => None,
    }
}

fn clause_field(record: &Record, c: &Clause, fields: &[&str]) -> Got {
    let named = |v: &crate::syntax::ast::Name| Some((Value::Str(v.text.clone()), Some(v.span)));
    match fields {
        ["id"] => named(&c.id),
        ["party"] => named(&c.party),
        ["role"] => record.party(&c.party.text).and_then(|p| named(&p.role)),
        ["norm"] => Some((Value::Str(c.norm.as_str().into()), Some(c.norm_span))),
        ["act"] => c.act.as_ref().and_then(named),
        ["benefit"] => c.benefit.as_ref().and_then(named),
        ["from"] => c.from.as_ref().and_then(named),
        ["accountable_to"] => c.accountable_to.as_ref().and_then(named),
        ["period", end] => {
            let (from, until, span) = match &c.period {
                Some(p) => (p.from, p.until, p.span),
                None => (
                    record.agreement.term.from,
                    record.agreement.term.until,
                    record.agreement.term.span,
                ),
            };
            match *end {
                "from" => Some((Value::Date(from), Some(span))),
                "until" => Some((Value::Date(until), Some(span))),
                _ => None,
            }
        }
        ["terms", name] => c
            .terms
            .iter()
            .find(|(k, _)| k.text == *name)
            .map(|(_, v)| (v.value.clone(), Some(v.span))),
        _ => None,
    }
}
