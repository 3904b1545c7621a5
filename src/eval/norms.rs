//! Grants, prohibitions and duties: `conflict::ultra-vires`, `conflict::prohibited`,
//! `conflict::policy` and `gap::missing-duty`, with contradictions between statements
//! resolved by the lex principles.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::Evaluator;
use super::precedence::{Decision, decide};
use crate::checks::Code;
use crate::record::Norm;
use crate::syntax::ast::StatementKind;

/// Statements that permit (`may`, `must`) and forbid (`must not`) one role one act.
#[derive(Default)]
struct Sides {
    grants: Vec<usize>,
    duties: Vec<usize>,
    forbids: Vec<usize>,
}

pub(crate) fn check(e: &mut Evaluator<'_, '_>) {
    let mut index: HashMap<(&str, &str), Sides> = HashMap::new();
    for (i, s) in e.policy.statements.iter().enumerate() {
        match &s.kind {
            StatementKind::May { role, acts } => {
                for a in acts {
                    index.entry((&role.text, &a.text)).or_default().grants.push(i);
                }
            }
            StatementKind::Must { role, acts } => {
                for a in acts {
                    let sides = index.entry((&role.text, &a.text)).or_default();
                    sides.grants.push(i);
                    sides.duties.push(i);
                }
            }
            StatementKind::MustNot { role, acts, alone: false } => {
                for a in acts {
                    index.entry((&role.text, &a.text)).or_default().forbids.push(i);
                }
            }
            _ => {}
        }
    }
    clauses(e, &index);
    duties(e, &index);
}

fn clauses(e: &mut Evaluator<'_, '_>, index: &HashMap<(&str, &str), Sides>) {
    let empty = Sides::default();
    for ci in 0..e.ctx.clauses.len() {
        let c = &e.ctx.clauses[ci];
        let clause = c.clause;
        let Some(act) = c.act() else { continue };
        if !matches!(c.norm(), Norm::Duty | Norm::Power | Norm::Permission) {
            continue;
        }
        let party = e.ctx.party_id(c.party);
        let role = e.ctx.role_of(c.party);
        let sides = index.get(&(role, act)).unwrap_or(&empty);
        let grants: Vec<usize> =
            sides.grants.iter().copied().filter(|&i| e.applies(i, Some(clause))).collect();
        let forbids: Vec<usize> =
            sides.forbids.iter().copied().filter(|&i| e.applies(i, Some(clause))).collect();
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

fn duties(e: &mut Evaluator<'_, '_>, index: &HashMap<(&str, &str), Sides>) {
    let mut done: BTreeSet<(u32, &str)> = BTreeSet::new();
    let mut keys: Vec<&(&str, &str)> = index.keys().collect();
    keys.sort();
    for key in keys {
        let (role, act) = *key;
        let sides = &index[key];
        let duties: Vec<usize> =
            sides.duties.iter().copied().filter(|&i| e.applies(i, None)).collect();
        if duties.is_empty() {
            continue;
        }
        let forbids: Vec<usize> =
            sides.forbids.iter().copied().filter(|&i| e.applies(i, None)).collect();
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
        // read every clause for the act once per party.
        let holders: HashSet<u32> = e
            .ctx
            .clauses_for(act)
            .filter(|(_, c)| c.norm() == Norm::Duty || (is_power && c.norm() == Norm::Power))
            .map(|(_, c)| c.party)
            .collect();
        let parties: Vec<u32> = e.ctx.parties_of(role).collect();
        for p in parties {
            if !done.insert((p, act)) || holders.contains(&p) {
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
