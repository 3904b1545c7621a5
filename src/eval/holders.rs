//! Coverage requirements (`require exactly|at least|at most one holder of A`) and sole
//! control (`R must not A alone`): who holds an act on which cells and days.

use std::collections::BTreeSet;

use super::coverage::{Holding, Keep, Sweep, TooFine, sweep};
use super::pairs::overlapping_pairs;
use super::{Evaluator, party_list, space};
use crate::checks::Code;
use crate::syntax::ast::{Quantity, StatementKind};

pub(crate) fn check(e: &mut Evaluator<'_, '_>) {
    // Each requirement is evaluated on its own, so two articles that both go unmet give a
    // finding each, pointing at its own article. `must not A alone` is a prohibition, judged
    // once per party and act whichever statements say it.
    let mut seen_sole: BTreeSet<(u32, String)> = BTreeSet::new();
    for i in 0..e.policy.statements.len() {
        match &e.policy.statements[i].kind {
            StatementKind::Require { quantity, act, role } => {
                if !e.applies(i, None) {
                    continue;
                }
                let role = role.as_ref().map(|r| r.text.as_str());
                let holders: Vec<usize> = e
                    .ctx
                    .clauses_for(&act.text)
                    .filter(|(_, c)| {
                        c.norm().is_holding() && role.is_none_or(|r| e.ctx.role_of(c.party) == r)
                    })
                    .map(|(ci, _)| ci)
                    .collect();
                if *quantity != Quantity::AtMostOne {
                    gaps(e, i, &act.text, role, &holders);
                }
                if *quantity != Quantity::AtLeastOne {
                    exclusive(e, i, &act.text, *quantity, &holders);
                }
            }
            StatementKind::MustNot { role, acts, alone: true } => {
                if !e.applies(i, None) {
                    continue;
                }
                for act in acts {
                    sole_control(e, i, &role.text, &act.text, &mut seen_sole);
                }
            }
            _ => {}
        }
    }
}

fn gaps(e: &mut Evaluator<'_, '_>, i: usize, act: &str, role: Option<&str>, holders: &[usize]) {
    let of_role = role.map(|r| format!(" with role `{r}`")).unwrap_or_default();
    let term = e.ctx.space.term;
    if holders.is_empty() {
        let mut d = e.finding(
            Code::GapUnassigned,
            format!("no party{of_role} holds `{act}`, which the policy requires"),
        );
        d = e.caused_by(d, i);
        d.labels.push(crate::diagnostic::Label::new(
            e.ctx.record.agreement.id.span,
            format!("nobody holds `{act}`"),
        ));
        d.act = Some(act.to_owned());
        let all: space::Scope = vec![None; e.ctx.space.dims.len()];
        d.places = vec![e.ctx.space.place_of(&all, term.0, term.1)];
        d.help = format!(
            "add a clause that gives `{act}` (`norm: duty` or `norm: power`) to a party{of_role}"
        );
        e.sink.push(d);
        return;
    }
    let Some(sweep) = coverage_of(e, act, holders, Keep::Gaps) else { return };
    if !sweep.has_gaps() {
        return;
    }
    let gaps = sweep.gaps(&e.ctx.space);
    let summary = describe(&gaps[0]);
    let more = if gaps.len() > 1 { format!(" and {} more", gaps.len() - 1) } else { String::new() };
    let d =
        e.finding(Code::GapUncovered, format!("`{act}` has no holder{of_role} at {summary}{more}"));
    let mut d = e.with_clauses(d, holders, "holds only part of the scope and term");
    d = e.caused_by(d, i);
    d.act = Some(act.to_owned());
    d.parties = party_list(holders.iter().map(|&ci| e.ctx.party_id(e.ctx.clauses[ci].party)));
    d.places = gaps;
    d.help = format!(
        "extend a clause's scope or period, or add a clause for `{act}`, to cover the places listed"
    );
    e.sink.push(d);
}

fn exclusive(
    e: &mut Evaluator<'_, '_>,
    i: usize,
    act: &str,
    quantity: Quantity,
    holders: &[usize],
) {
    let mut found = Vec::new();
    let ctx = e.ctx;
    let pairs = |a: usize, b: usize| {
        if ctx.clauses[a].party != ctx.clauses[b].party {
            found.push((a.min(b), a.max(b)));
        }
    };
    if !overlapping_pairs(ctx, holders, None, &mut e.pairs_left, pairs) {
        super::pairs::too_many_pairs(e, act);
    }
    found.sort_unstable();
    found.dedup();
    for (a, b) in found {
        let (ca, cb) = (&e.ctx.clauses[a], &e.ctx.clauses[b]);
        let (pa, pb) = (e.ctx.party_id(ca.party), e.ctx.party_id(cb.party));
        let d = e.finding(
            Code::OverlapExclusive,
            format!(
                "`{act}` has 2 holders (`{pa}`, `{pb}`) where {} is required",
                quantity.as_str()
            ),
        );
        let mut d = e.with_clauses(d, &[a, b], "holds it here");
        d = e.caused_by(d, i);
        d.act = Some(act.to_owned());
        d.parties = party_list([pa, pb]);
        d.places = super::pairs::overlap_place(e.ctx, a, b).into_iter().collect();
        d.help = format!(
            "narrow the scope or period of one clause, or remove one, so that one party holds `{act}` at a time"
        );
        e.sink.push(d);
    }
}

fn sole_control(
    e: &mut Evaluator<'_, '_>,
    i: usize,
    role: &str,
    act: &str,
    seen: &mut BTreeSet<(u32, String)>,
) {
    let holders: Vec<usize> =
        e.ctx.clauses_for(act).filter(|(_, c)| c.norm().is_holding()).map(|(ci, _)| ci).collect();
    if holders.is_empty() {
        return;
    }
    let Some(sweep) = coverage_of(e, act, &holders, Keep::Sole) else { return };
    for party in sweep.sole_parties() {
        if e.ctx.role_of(party) != role || !seen.insert((party, act.to_owned())) {
            continue;
        }
        let places = sweep.sole(&e.ctx.space, party);
        let id = e.ctx.party_id(party);
        let own: Vec<usize> =
            holders.iter().copied().filter(|&ci| e.ctx.clauses[ci].party == party).collect();
        let d = e.finding(
            Code::ConflictSoleControl,
            format!("`{id}` ({role}) is the only holder of `{act}` at {}", describe(&places[0])),
        );
        let mut d = e.with_clauses(d, &own, "sole holder here");
        d = e.caused_by(d, i);
        d.parties = vec![id.to_owned()];
        d.act = Some(act.to_owned());
        d.places = places;
        d.help = format!(
            "give `{act}` jointly to another party as well, over the same scope and period"
        );
        e.sink.push(d);
    }
}

/// Who holds `act` where and when, from the given holding clauses; `None` (and a
/// `record::limit` diagnostic) when the scope is cut too finely to compute it exactly.
fn coverage_of(
    e: &mut Evaluator<'_, '_>,
    act: &str,
    holders: &[usize],
    keep: Keep,
) -> Option<Sweep> {
    let ctx = e.ctx;
    let holdings: Vec<Holding<'_>> = holders
        .iter()
        .map(|&ci| {
            let c = &ctx.clauses[ci];
            Holding { scope: &c.scope, from: c.from, until: c.until, party: c.party }
        })
        .collect();
    match sweep(&ctx.space, &holdings, keep) {
        Ok(coverage) => Some(coverage),
        Err(why) => {
            too_fine(e, act, why);
            None
        }
    }
}

/// Coverage of `act` cannot be computed exactly: say so rather than report nothing.
fn too_fine(e: &mut Evaluator<'_, '_>, act: &str, why: TooFine) {
    let message = match why {
        TooFine::Cells => format!(
            "the clauses for `{act}` cut the scope into more than {} cells, too many to check coverage exactly",
            super::coverage::MAX_CELLS
        ),
        TooFine::Holdings => format!(
            "the clauses for `{act}` cover more than {} cells between them, too many to check coverage exactly",
            super::coverage::MAX_CELL_HOLDINGS
        ),
    };
    e.limit_reached(
        act,
        message,
        "split the agreement into several records, or use fewer scope dimensions",
    );
}

/// `region=sanjiang, 2025-07-01..2026-12-31`
pub(crate) fn describe(p: &crate::diagnostic::Place) -> String {
    let mut parts: Vec<String> =
        p.cells.iter().map(|(dim, values)| format!("{dim}={}", values.join("|"))).collect();
    parts.push(format!("{}..{}", p.from, p.until));
    parts.join(", ")
}
