//! The responsibility matrix of one agreement: parties as columns, acts as rows, each cell
//! the norms the party holds for the act. Gaps and overlaps come from the record's findings,
//! so the matrix never disagrees with the report. Built once per record while it is checked
//! (the record itself is not kept), and rendered by `html` and `charter matrix`.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::checks::Code;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Place};
use crate::policy::PolicySet;
use crate::record::{Norm, Record};
use crate::source::FileId;
use crate::syntax::ast::StatementKind;

/// One agreement's matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    pub file: FileId,
    pub agreement: String,
    pub title: Option<String>,
    pub term: (Date, Date),
    /// The agreement's scope: every dimension with its values.
    pub scope: Vec<(String, Vec<String>)>,
    pub parties: Vec<Column>,
    pub rows: Vec<Row>,
}

/// A party.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub id: String,
    pub role: String,
    pub name: Option<String>,
}

/// An act, with what the policy requires of it and what the findings say.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub act: String,
    /// `exactly one`, `at least one holder with role government`, ...; `(if ...)` when the
    /// requirement has a condition.
    pub requirements: Vec<String>,
    /// One cell per party, in column order.
    pub cells: Vec<Cell>,
    /// Places where nobody holds the act (from `gap::unassigned` and `gap::uncovered`).
    pub gaps: Vec<Place>,
    /// Places where two parties hold it and one is allowed (from `overlap::exclusive`).
    pub overlaps: Vec<Place>,
    /// The codes of the findings about this act, with their messages, for the explanation.
    pub notes: Vec<(Code, String)>,
}

/// What one party holds for one act.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    pub entries: Vec<Entry>,
    /// Findings naming this party and act (a missing duty, a prohibited act, an overlap).
    pub flags: Vec<Code>,
}

/// One clause in a cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub clause: String,
    pub norm: Norm,
    pub from: Date,
    pub until: Date,
    /// The clause's own scope, dimensions left out meaning all values; empty: the whole scope.
    pub scope: Vec<(String, Vec<String>)>,
}

impl Row {
    /// Whether any finding marks a gap on this row (the act, or a party's missing duty).
    pub fn has_gap(&self) -> bool {
        !self.gaps.is_empty() || self.notes.iter().any(|(c, _)| is_gap(*c))
    }

    pub fn has_overlap(&self) -> bool {
        !self.overlaps.is_empty() || self.notes.iter().any(|(c, _)| is_overlap(*c))
    }
}

pub fn is_gap(code: Code) -> bool {
    matches!(code, Code::GapUnassigned | Code::GapUncovered | Code::GapMissingDuty)
}

pub fn is_overlap(code: Code) -> bool {
    matches!(code, Code::OverlapExclusive | Code::OverlapRedundant)
}

/// The matrix of `record`, with the findings of its evaluation (waived ones included: a
/// waiver accepts a gap, it does not fill it).
///
/// Linear in clauses, findings and statements (plus the acts × parties cells themselves):
/// clauses and findings are grouped by act and party once, as a 3,000-party agreement made
/// the per-cell scans the bulk of a run.
pub fn build(record: &Record, policy: &PolicySet, findings: &[Diagnostic]) -> Matrix {
    let a = &record.agreement;
    let term = (a.term.from, a.term.until);
    let parties: Vec<Column> = record
        .parties
        .iter()
        .map(|p| Column {
            id: p.id.text.clone(),
            role: p.role.text.clone(),
            name: p.name.as_ref().map(|n| n.text.clone()),
        })
        .collect();
    let agreement = a.id.text.clone();
    let mine: Vec<&Diagnostic> = findings
        .iter()
        .filter(|d| {
            d.record.as_ref().is_some_and(|r| {
                r.file == record.file && r.agreement.as_deref() == Some(&agreement)
            })
        })
        .collect();

    // Rows: acts held in clauses, in record order, then required acts and acts named by
    // findings, sorted.
    let mut acts: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    // The clauses of each (party, act), in record order.
    let mut held: HashMap<(&str, &str), Vec<Entry>> = HashMap::new();
    for c in &record.clauses {
        let Some(act) = &c.act else { continue };
        if seen.insert(&act.text) {
            acts.push(&act.text);
        }
        held.entry((&c.party.text, &act.text)).or_default().push(Entry {
            clause: c.id.text.clone(),
            norm: c.norm,
            from: c.period.as_ref().map_or(term.0, |x| x.from),
            until: c.period.as_ref().map_or(term.1, |x| x.until),
            scope: c
                .scope
                .iter()
                .flatten()
                .map(|d| (d.name.text.clone(), d.values.iter().map(|v| v.text.clone()).collect()))
                .collect(),
        });
    }
    let required = requirements(policy);
    let mut more: BTreeSet<&str> = required.keys().copied().collect();
    more.extend(mine.iter().filter_map(|d| d.act.as_deref()));
    for act in more {
        if seen.insert(act) {
            acts.push(act);
        }
    }
    // The findings about each act, in order, and the codes flagging each (act, party).
    let mut about: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    let mut flagged: HashMap<(&str, &str), Vec<Code>> = HashMap::new();
    for d in &mine {
        let Some(act) = d.act.as_deref() else { continue };
        about.entry(act).or_default().push(d);
        for p in &d.parties {
            flagged.entry((act, p.as_str())).or_default().push(d.code);
        }
    }

    let rows = acts
        .into_iter()
        .map(|act| {
            let cells = record
                .parties
                .iter()
                .map(|p| {
                    let key = (p.id.text.as_str(), act);
                    let entries = held.get(&key).cloned().unwrap_or_default();
                    let mut flags =
                        flagged.get(&(act, p.id.text.as_str())).cloned().unwrap_or_default();
                    flags.sort();
                    flags.dedup();
                    Cell { entries, flags }
                })
                .collect();
            let about: &[&Diagnostic] = about.get(act).map_or(&[], Vec::as_slice);
            let places = |codes: &[Code]| -> Vec<Place> {
                let mut v: Vec<Place> = about
                    .iter()
                    .filter(|d| codes.contains(&d.code))
                    .flat_map(|d| d.places.iter().cloned())
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            Row {
                requirements: required.get(act).cloned().unwrap_or_default(),
                cells,
                gaps: places(&[Code::GapUnassigned, Code::GapUncovered]),
                overlaps: places(&[Code::OverlapExclusive]),
                notes: about.iter().map(|d| (d.code, d.message.clone())).collect(),
                act: act.to_owned(),
            }
        })
        .collect();
    Matrix {
        file: record.file,
        agreement,
        title: a.title.as_ref().map(|t| t.text.clone()),
        term,
        scope: a
            .scope
            .iter()
            .map(|d| (d.name.text.clone(), d.values.iter().map(|v| v.text.clone()).collect()))
            .collect(),
        parties,
        rows,
    }
}

/// The coverage requirements the policy set states for each act, in words, in statement
/// order: `exactly one holder with role government, art. 3`; `(conditional)` when the
/// requirement has a condition.
fn requirements(policy: &PolicySet) -> HashMap<&str, Vec<String>> {
    let mut out: HashMap<&str, Vec<String>> = HashMap::new();
    for s in &policy.statements {
        if let StatementKind::Require { quantity, act, role } = &s.kind {
            let role = role.as_ref().map(|r| format!(" with role {}", r.text)).unwrap_or_default();
            let when = if s.condition.is_some() { " (conditional)" } else { "" };
            let text = format!("{} holder{role}{when}, art. {}", quantity.as_str(), s.article.text);
            let list = out.entry(act.text.as_str()).or_default();
            // Only repeats in a row are dropped, as `Vec::dedup` did on the act's list.
            if list.last() != Some(&text) {
                list.push(text);
            }
        }
    }
    out
}

/// `region=cuiping` for a clause scope, `whole scope` when it has none.
pub fn scope_text(scope: &[(String, Vec<String>)]) -> String {
    if scope.is_empty() {
        return "whole scope".into();
    }
    scope.iter().map(|(d, v)| format!("{d}={}", v.join("|"))).collect::<Vec<_>>().join(", ")
}

/// `region=sanjiang, field=robotics, 2025-07-01..2026-12-31`
pub fn place_text(p: &Place) -> String {
    let mut parts: Vec<String> =
        p.cells.iter().map(|(d, v)| format!("{d}={}", v.join("|"))).collect();
    parts.push(format!("{}..{}", p.from, p.until));
    parts.join(", ")
}
