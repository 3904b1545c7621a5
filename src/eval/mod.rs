//! A policy set times one record gives findings. No I/O happens here.
//!
//! One file per family of checks: `norms` (grants, prohibitions, duties and the lex
//! principles), `holders` (coverage requirements and sole control), `pairs` (overlapping
//! clauses), `terms` (what single clauses must state).

mod condition;
mod context;
mod coverage;
mod holders;
mod lookup;
pub mod matrix;
mod norms;
mod pairs;
mod precedence;
mod sink;
mod space;
mod terms;

use crate::date::Date;
use crate::diagnostic::{ClauseRef, Diagnostic, RecordRef, RuleRef};
use crate::policy::{PolicySet, Statement};
use crate::record::{Clause, Record};
use crate::syntax::ast::{Expr, ExprKind, Root};

pub use context::Context;
pub use coverage::{Coverage, Holding, MAX_CELLS, cover};
pub use precedence::{Decision, decide, rank};
pub use sink::Counts;
pub use space::{Scope, Space};

/// How a check run is configured.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The date waivers are judged on.
    pub as_of: Date,
    /// At most this many findings per record and code are listed; 0 lists all.
    pub max_findings: usize,
}

/// The findings on one record: those listed, and counts of all of them.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Diagnostic>,
    pub counts: Counts,
    /// Input problems found while evaluating (`record::type-mismatch`).
    pub input_errors: Vec<Diagnostic>,
}

/// Evaluates one record against the policy set.
pub fn evaluate(policy: &PolicySet, record: &Record, options: &Options) -> Outcome {
    let ctx = Context::new(record);
    let mut eval = Evaluator {
        policy,
        ctx: &ctx,
        sink: sink::Sink::new(record, options.as_of, options.max_findings),
        mismatches: Vec::new(),
        pairs_left: pairs::MAX_PAIRS_PER_RECORD,
        agreement_applies: Vec::new(),
    };
    eval.agreement_applies = policy
        .statements
        .iter()
        .map(|s| (!reads_clause(s.condition.as_ref())).then(|| eval.holds(s, None)))
        .collect();
    norms::check(&mut eval);
    holders::check(&mut eval);
    pairs::check(&mut eval);
    terms::check(&mut eval);
    let base = eval.finding(crate::checks::Code::ReportTruncated, String::new());
    let Evaluator { sink, mut mismatches, .. } = eval;
    let (mut findings, counts) = sink.finish(&base);
    findings.sort_by(|a, b| order(a).cmp(&order(b)));
    for m in &mut mismatches {
        m.record = base.record.clone();
    }
    Outcome { findings, counts, input_errors: mismatches }
}

/// Findings of one record sort by code, then the position of their clauses, then message.
fn order(d: &Diagnostic) -> (&str, Vec<u32>, Option<u32>, &str) {
    let positions = d.clauses.iter().map(|c| c.span.start).collect();
    (d.code.as_str(), positions, d.primary_span().map(|s| s.start), &d.message)
}

/// The state of one record's evaluation, shared by the check families.
pub(crate) struct Evaluator<'a, 'r> {
    pub policy: &'a PolicySet,
    pub ctx: &'a Context<'r>,
    pub sink: sink::Sink<'r>,
    pub mismatches: Vec<Diagnostic>,
    /// How many more overlapping pairs of clauses the pair checks may enumerate
    /// (`pairs::MAX_PAIRS_PER_RECORD` per record).
    pub pairs_left: u64,
    /// Per statement: whether it applies to the agreement, or `None` if it reads the clause.
    pub agreement_applies: Vec<Option<bool>>,
}

impl<'r> Evaluator<'_, 'r> {
    /// Whether statement `i` applies to the record (and to `clause`, for per-clause ones).
    pub fn applies(&mut self, i: usize, clause: Option<&'r Clause>) -> bool {
        match self.agreement_applies.get(i).copied().flatten() {
            Some(b) => b,
            None => {
                let s = &self.policy.statements[i];
                self.holds(s, clause)
            }
        }
    }

    fn holds(&mut self, s: &Statement, clause: Option<&'r Clause>) -> bool {
        let Some(cond) = &s.condition else { return true };
        let mut reader =
            condition::Reader { record: self.ctx.record, clause, mismatches: &mut self.mismatches };
        reader.holds(cond)
    }

    /// A finding on this record, with no clauses yet.
    pub fn finding(&self, code: crate::checks::Code, message: String) -> Diagnostic {
        let record = self.ctx.record;
        let mut d = Diagnostic::new(code, message);
        d.record = Some(RecordRef {
            file: record.file,
            agreement: Some(record.agreement.id.text.clone()),
            index: record.index,
        });
        d
    }

    /// A check of `act` stopped at a hard limit: a `record::limit` on the agreement id, once
    /// per message, instead of a partial answer.
    pub fn limit_reached(&mut self, act: &str, message: String, help: &str) {
        if self.mismatches.iter().any(|m| m.message == message) {
            return;
        }
        let mut d = self.finding(crate::checks::Code::RecordLimit, message);
        let span = self.ctx.record.agreement.id.span;
        d.labels.push(crate::diagnostic::Label::new(span, "in this agreement"));
        d.act = Some(act.to_owned());
        d.help = help.to_owned();
        self.mismatches.push(d);
    }

    /// Attaches the statement that caused a finding, as its rule and a related label.
    pub fn caused_by(&self, mut d: Diagnostic, i: usize) -> Diagnostic {
        let s = &self.policy.statements[i];
        d.rule = Some(RuleRef { span: s.span, article: s.article.text.clone() });
        let title = s.article_title.as_deref().map(|t| format!(" ({t})")).unwrap_or_default();
        d.related.push(crate::diagnostic::Label::new(
            s.span,
            format!("article {}{title}", s.article.text),
        ));
        d
    }

    /// Names clauses on a finding, labelled, in record order.
    pub fn with_clauses(&self, mut d: Diagnostic, clauses: &[usize], label: &str) -> Diagnostic {
        let mut ix = clauses.to_vec();
        ix.sort_unstable();
        ix.dedup();
        for i in ix {
            let c = &self.ctx.clauses[i];
            d.clauses.push(ClauseRef { id: c.clause.id.text.clone(), span: c.clause.span });
            // The id is the compact, exact place to point at; the clause's line and column
            // (in `clauses`) still locate the whole clause.
            d.labels.push(crate::diagnostic::Label::new(c.clause.id.span, label.to_owned()));
        }
        d
    }
}

/// Whether a condition reads `clause.X`: then it is evaluated per clause.
fn reads_clause(expr: Option<&Expr>) -> bool {
    let Some(e) = expr else { return false };
    match &e.kind {
        ExprKind::Path { root, .. } => *root == Root::Clause,
        ExprKind::Lit(_) => false,
        ExprKind::Not(a) | ExprKind::Paren(a) | ExprKind::In(a, _) => reads_clause(Some(a)),
        ExprKind::And(a, b) | ExprKind::Or(a, b) | ExprKind::Cmp(_, a, b) => {
            reads_clause(Some(a)) || reads_clause(Some(b))
        }
    }
}

/// Sorted, de-duplicated party ids.
pub(crate) fn party_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = ids.into_iter().map(str::to_owned).collect();
    v.sort();
    v.dedup();
    v
}
