//! Grants, prohibitions and duties: `conflict::ultra-vires`, `conflict::prohibited`,
//! `conflict::policy` and `gap::missing-duty`, with contradictions between statements
//! resolved by the lex principles.

use std::collections::BTreeSet;

use super::Evaluator;
use super::precedence::{Decision, decide};
use crate::checks::Code;
use crate::record::Norm;
use crate::syntax::ast::StatementKind;

/// What a statement does to one role and one act.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    /// `may` and `must` permit.
    Grant,
    /// `must` obliges.
    Duty,
    /// `must not` forbids.
    Forbid,
}

/// (role, act, side, statement), sorted: the statements about one role and act are a
/// range, found by binary search. One sorted list per record is far cheaper to build than a
/// map with three lists per role and act.
struct Index<'p> {
    entries: Vec<Entry<'p>>,
}

type Entry<'p> = (&'p str, &'p str, Side, usize);

impl<'p> Index<'p> {
    fn new(statements: &'p [crate::policy::Statement]) -> Index<'p> {
        let mut entries = Vec::new();
        for (i, s) in statements.iter().enumerate() {
            let (role, acts, sides): (_, _, &[Side]) = match &s.kind {
                StatementKind::May { role, acts } => (role, acts, &[Side::Grant]),
                StatementKind::Must { role, acts } => (role, acts, &[Side::Grant, Side::Duty]),
                StatementKind::MustNot { role, acts, alone: false } => {
                    (role, acts, &[Side::Forbid])
                }
                _ => continue,
            };
            for a in acts {
                for &side in sides {
                    entries.push((role.text.as_str(), a.text.as_str(), side, i));
                }
            }
        }
        entries.sort_unstable();
        Index { entries }
    }

    /// The entries about (role, act), sorted by side and then policy order.
    fn about(&self, role: &str, act: &str) -> &[Entry<'p>] {
        let start = self.entries.partition_point(|&(r, a, ..)| (r, a) < (role, act));
        let len = self.entries[start..].iter().take_while(|&&(r, a, ..)| (r, a) == (role, act));
        &self.entries[start..start + len.count()]
    }

    /// Runs of entries about one (role, act) each, in order.
    fn groups(&self) -> impl Iterator<Item = &[Entry<'p>]> {
        self.entries.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
    }
}

/// The statements of one side in a run of entries about one (role, act), in policy order.
fn side(entries: &[Entry<'_>], side: Side) -> impl Iterator<Item = usize> {
    entries.iter().filter(move |e| e.2 == side).map(|e| e.3)
}

pub(crate) fn check(e: &mut Evaluator<'_, '_>) {
    let index = Index::new(&e.policy.statements);
    clauses(e, &index);
    duties(e, &index);
}

fn clauses(e: &mut Evaluator<'_, '_>, index: &Index<'_>) {
    // Reused from clause to clause: most clauses have a grant, and few anything else.
    let (mut grants, mut forbids) = (Vec::new(), Vec::new());
    for ci in 0..e.ctx.clauses.len() {
        let c = &e.ctx.clauses[ci];
        let clause = c.clause;
        let Some(act) = c.act() else { continue };
        if !matches!(c.norm(), Norm::Duty | Norm::Power | Norm::Permission) {
            continue;
        }
        let party = e.ctx.party_id(c.party);
        let role = e.ctx.role_of(c.party);
        let about = index.about(role, act);
        grants.clear();
        for i in side(about, Side::Grant) {
            if e.applies(i, Some(clause)) {
                grants.push(i);
            }
        }
        forbids.clear();
        for i in side(about, Side::Forbid) {
            if e.applies(i, Some(clause)) {
                forbids.push(i);
            }
        }
        let norm = c.norm().as_str();

        if !forbids.is_empty() {
            match decide(e.policy, &forbids, &grants) {
                Decision::First(_) => {
                    let d = e.finding(
                        Code::ConflictProhibited,
                        format!("`{party}` ({role}) has a {norm} for `{act}`, which its role must not have"),
                    );
                    let mut d = e.with_clauses(d, &[ci], "forbidden by the policy");
                    d = e.caused_by(d, forbids[0]);
                    d.parties = vec![party.to_owned()];
                    d.act = Some(act.to_owned());
                    d.help = format!(
                        "remove the clause, or give `{act}` to a party whose role may hold it"
                    );
                    e.sink.push(d);
                    continue;
                }
                Decision::Tie => {
                    let d = e.finding(
                        Code::ConflictPolicy,
                        format!(
                            "policy statements contradict on whether `{role}` may hold `{act}`, and no principle decides"
                        ),
                    );
                    let mut d =
                        e.with_clauses(d, &[ci], "the contradicting statements both apply here");
                    d = e.caused_by(d, forbids[0]);
                    d = e.caused_by(d, grants[0]);
                    d.rule = e
                        .caused_by(e.finding(Code::ConflictPolicy, String::new()), forbids[0])
                        .rule;
                    d.parties = vec![party.to_owned()];
                    d.act = Some(act.to_owned());
                    d.help = "amend one of the statements: give one a higher level, a narrower `when` condition, or a later effective date".into();
                    e.sink.push(d);
                    continue;
                }
                Decision::Second(_) => {}
            }
        }
        if e.policy.is_power(act) && c.norm().is_holding() && grants.is_empty() {
            let d = e.finding(
                Code::ConflictUltraVires,
                format!("`{party}` ({role}) holds the power `{act}`, which no applicable statement grants its role"),
            );
            let mut d = e.with_clauses(d, &[ci], "power held without a grant");
            d.parties = vec![party.to_owned()];
            d.act = Some(act.to_owned());
            d.help = format!(
                "give `{act}` to a party whose role the policy grants it, or grant it with `{role} may {act};`"
            );
            e.sink.push(d);
        }
    }
}

fn duties(e: &mut Evaluator<'_, '_>, index: &Index<'_>) {
    let mut done: BTreeSet<(u32, &str)> = BTreeSet::new();
    let mut holds: Vec<bool> = Vec::new();
    for about in index.groups() {
        let (role, act) = (about[0].0, about[0].1);
        let duties: Vec<usize> = side(about, Side::Duty).filter(|&i| e.applies(i, None)).collect();
        if duties.is_empty() {
            continue;
        }
        let forbids: Vec<usize> =
            side(about, Side::Forbid).filter(|&i| e.applies(i, None)).collect();
        let decision = if forbids.is_empty() {
            Decision::Second("")
        } else {
            decide(e.policy, &forbids, &duties)
        };
        if matches!(decision, Decision::First(_)) {
            continue;
        }
        let is_power = e.policy.is_power(act);
        // Who holds the act, found in one pass: asking for each party of the role would
        // read every clause for the act once per party. (Marks by party index, not a hash
        // set: this runs for every role and act of every record.)
        holds.clear();
        holds.resize(e.ctx.party_ids.len(), false);
        for (_, c) in e.ctx.clauses_for(act) {
            if c.norm() == Norm::Duty || (is_power && c.norm() == Norm::Power) {
                holds[c.party as usize] = true;
            }
        }
        let parties: Vec<u32> = e.ctx.parties_of(role).collect();
        for p in parties {
            if !done.insert((p, act)) || holds[p as usize] {
                continue;
            }
            let party = e.ctx.party_id(p);
            let mut d = if decision == Decision::Tie {
                let mut d = e.finding(
                    Code::ConflictPolicy,
                    format!("policy statements contradict on whether `{role}` must do `{act}`, and no principle decides"),
                );
                d = e.caused_by(d, forbids[0]);
                d = e.caused_by(d, duties[0]);
                d.rule =
                    e.caused_by(e.finding(Code::ConflictPolicy, String::new()), forbids[0]).rule;
                d.help = "amend one of the statements: give one a higher level, a narrower `when` condition, or a later effective date".into();
                d
            } else {
                let what = if is_power { "duty or power" } else { "duty" };
                let mut d = e.finding(
                    Code::GapMissingDuty,
                    format!(
                        "`{party}` ({role}) holds no {what} for `{act}`, which its role must do"
                    ),
                );
                d = e.caused_by(d, duties[0]);
                d.help =
                    format!("add a clause with `party: {party}`, `norm: duty` and `act: {act}`");
                d
            };
            if let Some(span) = e.ctx.record.party(party).map(|x| x.id.span) {
                d.labels.push(crate::diagnostic::Label::new(
                    span,
                    format!("`{party}` has no clause for `{act}`"),
                ));
            }
            d.parties = vec![party.to_owned()];
            d.act = Some(act.to_owned());
            e.sink.push(d);
        }
    }
}
