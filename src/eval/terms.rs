//! What single clauses must state: `gap::vague-duty`, `gap::unaccountable-power`,
//! `gap::unowed-right`, and the rights that balance duties (`balance::uncompensated`).

use std::collections::BTreeSet;

use super::{Evaluator, party_list};
use crate::checks::Code;
use crate::diagnostic::Label;
use crate::record::Norm;
use crate::syntax::ast::StatementKind;

pub(crate) fn check(e: &mut Evaluator<'_, '_>) {
    vague_and_unaccountable(e);
    unowed(e);
    uncompensated(e);
}

fn vague_and_unaccountable(e: &mut Evaluator<'_, '_>) {
    let statements = &e.policy.statements;
    // The statements that ask something of single clauses, as (act, statement) sorted: each
    // clause then looks only at the statements about its own act, a range found by binary
    // search (a sorted list is cheaper to build for every record than a map of lists).
    let mut by_act: Vec<(&str, usize)> = Vec::new();
    for (i, s) in statements.iter().enumerate() {
        if let StatementKind::RequireTerms { acts, .. }
        | StatementKind::RequireAccountability { acts } = &s.kind
        {
            by_act.extend(acts.iter().map(|a| (a.text.as_str(), i)));
        }
    }
    by_act.sort_unstable();
    by_act.dedup();
    for ci in 0..e.ctx.clauses.len() {
        let c = &e.ctx.clauses[ci];
        let clause = c.clause;
        let Some(act) = c.act() else { continue };
        let start = by_act.partition_point(|&(a, _)| a < act);
        let len = by_act[start..].iter().take_while(|&&(a, _)| a == act).count();
        if len == 0 {
            continue;
        }
        let relevant = by_act[start..start + len].iter().map(|&(_, i)| i);
        let (norm, party) = (c.norm(), e.ctx.party_id(c.party));
        let mut missing: Vec<&str> = Vec::new();
        let mut vague_rule = None;
        let mut accountable_rule = None;
        for i in relevant {
            // The condition of every statement about the clause is read first, whatever the
            // clause states: a type mismatch in it is reported whether or not the clause
            // has the terms or the `accountable_to` asked for.
            match &statements[i].kind {
                StatementKind::RequireTerms { terms, acts }
                    if norm == Norm::Duty && acts.iter().any(|a| a.text == act) =>
                {
                    if !e.applies(i, Some(clause)) {
                        continue;
                    }
                    let absent: Vec<&str> = terms
                        .iter()
                        .map(|t| t.text.as_str())
                        .filter(|t| {
                            !clause.terms.iter().any(|(k, _)| k.text == *t) && !missing.contains(t)
                        })
                        .collect();
                    if !absent.is_empty() {
                        vague_rule.get_or_insert(i);
                        missing.extend(absent);
                    }
                }
                StatementKind::RequireAccountability { acts }
                    if norm.is_holding() && acts.iter().any(|a| a.text == act) =>
                {
                    if !e.applies(i, Some(clause)) {
                        continue;
                    }
                    let to_self = clause.accountable_to.as_ref().is_some_and(|a| a.text == party);
                    if clause.accountable_to.is_none() || to_self {
                        accountable_rule.get_or_insert(i);
                    }
                }
                _ => {}
            }
        }
        if let Some(i) = vague_rule {
            let list = missing.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ");
            let d = e.finding(
                Code::GapVagueDuty,
                format!("duty of `{party}` for `{act}` does not state {list}"),
            );
            let mut d = e.with_clauses(d, &[ci], "lacks required terms");
            d = e.caused_by(d, i);
            d.parties = vec![party.to_owned()];
            d.act = Some(act.to_owned());
            d.help = format!(
                "add {list} under the clause's `terms`, e.g. `terms: {{ {}: ... }}`",
                missing[0]
            );
            e.sink.push(d);
        }
        if let Some(i) = accountable_rule {
            let what = match &clause.accountable_to {
                Some(_) => format!(
                    "{} of `{party}` for `{act}` is accountable only to its own holder",
                    norm.as_str()
                ),
                None => {
                    format!("{} of `{party}` for `{act}` is accountable to nobody", norm.as_str())
                }
            };
            let d = e.finding(Code::GapUnaccountablePower, what);
            let mut d = e.with_clauses(d, &[ci], "no one to account to");
            if let Some(a) = &clause.accountable_to {
                d.labels.push(Label::new(a.span, "its own holder"));
            }
            d = e.caused_by(d, i);
            d.parties = vec![party.to_owned()];
            d.act = Some(act.to_owned());
            d.help =
                "add `accountable_to:` naming another party, such as the supervising body".into();
            e.sink.push(d);
        }
    }
}

fn unowed(e: &mut Evaluator<'_, '_>) {
    for ci in 0..e.ctx.clauses.len() {
        let c = &e.ctx.clauses[ci];
        if c.norm() != Norm::Right {
            continue;
        }
        let party = e.ctx.party_id(c.party);
        let benefit = c.clause.benefit.as_ref().map_or("", |b| b.text.as_str());
        let message = match &c.clause.from {
            None => format!("right of `{party}` to `{benefit}` is owed by nobody"),
            Some(f) if f.text == party => {
                format!("right of `{party}` to `{benefit}` is owed by its own holder")
            }
            Some(_) => continue,
        };
        let from_span = c.clause.from.as_ref().map(|f| f.span);
        let d = e.finding(Code::GapUnowedRight, message);
        let mut d = e.with_clauses(d, &[ci], "a right nobody else owes");
        if let Some(span) = from_span {
            d.labels.push(Label::new(span, "the holder itself"));
        }
        d.parties = vec![party.to_owned()];
        d.help = "add `from:` naming the party that owes the benefit".into();
        e.sink.push(d);
    }
}

fn uncompensated(e: &mut Evaluator<'_, '_>) {
    let mut seen: BTreeSet<(u32, String)> = BTreeSet::new();
    for i in 0..e.policy.statements.len() {
        let StatementKind::Compensate { role, acts, benefits } = &e.policy.statements[i].kind
        else {
            continue;
        };
        if !e.applies(i, None) {
            continue;
        }
        // The compensated parties, and each party's duties for each act, in one pass each:
        // asking for each party of the role would read every clause once per party. (By
        // party index rather than in hash maps: this runs for every record.)
        let parties_len = e.ctx.party_ids.len();
        let mut compensated = vec![false; parties_len];
        for c in &e.ctx.clauses {
            let owed = c.norm() == Norm::Right
                && c.clause.from.as_ref().is_some_and(|f| f.text != e.ctx.party_id(c.party))
                && (benefits.is_empty()
                    || c.clause
                        .benefit
                        .as_ref()
                        .is_some_and(|b| benefits.iter().any(|x| x.text == b.text)));
            if owed {
                compensated[c.party as usize] = true;
            }
        }
        let mut duties_of: Vec<Vec<Vec<usize>>> = Vec::with_capacity(acts.len());
        for act in acts {
            let mut by_party: Vec<Vec<usize>> = vec![Vec::new(); parties_len];
            for (ci, c) in e.ctx.clauses_for(&act.text) {
                if c.norm() == Norm::Duty {
                    by_party[c.party as usize].push(ci);
                }
            }
            duties_of.push(by_party);
        }
        let parties: Vec<u32> = e.ctx.parties_of(&role.text).collect();
        for p in parties {
            let party = e.ctx.party_id(p);
            if compensated[p as usize] {
                continue;
            }
            for (act, by_party) in acts.iter().zip(&duties_of) {
                let duties = &by_party[p as usize];
                if duties.is_empty() {
                    continue;
                }
                if !seen.insert((p, act.text.clone())) {
                    continue;
                }
                let listed = if benefits.is_empty() {
                    "any benefit".to_owned()
                } else {
                    benefits
                        .iter()
                        .map(|b| format!("`{}`", b.text))
                        .collect::<Vec<_>>()
                        .join(" or ")
                };
                let d = e.finding(
                    Code::BalanceUncompensated,
                    format!("`{party}` ({}) has a duty for `{}` but no right to {listed} owed by another party", role.text, act.text),
                );
                let mut d = e.with_clauses(d, duties, "duty without compensation");
                d = e.caused_by(d, i);
                d.parties = party_list([party]);
                d.act = Some(act.text.clone());
                d.help = format!(
                    "add a clause with `party: {party}`, `norm: right`, a `benefit` ({listed}) and `from:` the party that owes it"
                );
                e.sink.push(d);
            }
        }
    }
}
