//! Pairs of clauses that overlap in scope and time: `overlap::redundant`,
//! `conflict::deontic` and `conflict::separation` (and the pair finder that
//! `overlap::exclusive` uses).

use std::collections::BTreeSet;

use super::context::Context;
use super::space::{Scope, intersect, meets};
use super::{Evaluator, party_list};
use crate::checks::Code;
use crate::diagnostic::Place;
use crate::record::Norm;
use crate::syntax::ast::StatementKind;

/// At most this many pairs of clauses are compared for one check of one act, and at most
/// [`MAX_PAIRS_PER_RECORD`] for one record over all its pair checks: 5,000 copies of one
/// clause overlap in 12.5 million pairs, which are still all counted; 20,000 would make 200
/// million, and holding them took gigabytes.
pub const MAX_PAIRS: u64 = 1 << 24;
pub const MAX_PAIRS_PER_RECORD: u64 = 1 << 26;

/// Calls `f(a, b)` for every pair of clauses that share a cell and a day: within `left` when
/// `right` is `None` (each unordered pair once), else between `left` and `right`. Each
/// comparison takes one from the record's `budget`, and at most [`MAX_PAIRS`] are taken;
/// `false` when a budget ran out before every pair was found.
pub(crate) fn overlapping_pairs(
    ctx: &Context<'_>,
    left: &[usize],
    right: Option<&[usize]>,
    budget: &mut u64,
    f: impl FnMut(usize, usize),
) -> bool {
    let at = |i: usize| {
        let c = &ctx.clauses[i];
        (c.from.0, c.until.0, &c.scope)
    };
    let mut this_check = MAX_PAIRS.min(*budget);
    let before = this_check;
    let complete = sweep(&at, left, right, &mut this_check, f);
    *budget -= before - this_check;
    complete
}

/// The pairs of clauses for `act` could not all be found: say so rather than count part.
pub(crate) fn too_many_pairs(e: &mut Evaluator<'_, '_>, act: &str) {
    let message = format!(
        "the clauses for `{act}` make more pairs than can be compared for overlaps (at most {MAX_PAIRS} for one act, {MAX_PAIRS_PER_RECORD} for one agreement)"
    );
    let help = "merge clauses that repeat one another, or split the agreement into several records";
    e.limit_reached(act, message, help);
}

/// The clauses still running at the sweep's current day, on one side: those that name
/// values of the pivot dimension, filed under each value they name, and those that do not
/// restrict it. Entries that have ended are dropped when their list is next read.
#[derive(Default)]
struct Running {
    unrestricted: Vec<usize>,
    /// By value index, grown to the largest value filed: indices are small and dense, and
    /// hashing them cost more than the sweep itself in a small agreement.
    by_value: Vec<Vec<usize>>,
}

/// [`overlapping_pairs`] over clauses given by `at(i) = (from, until, scope)`: a sweep over
/// start days. A clause is compared only with clauses still running that name one of its
/// values of the pivot dimension (the dimension most clauses restrict) or do not restrict
/// it, so that a programme whose clauses each cover one region compares clauses region by
/// region, not every clause with every other.
fn sweep<'s>(
    at: &impl Fn(usize) -> (i32, i32, &'s Scope),
    left: &[usize],
    right: Option<&[usize]>,
    budget: &mut u64,
    mut f: impl FnMut(usize, usize),
) -> bool {
    // No pair without two clauses; this runs for every act of every record.
    let pairs_possible = match right {
        Some(right) => !left.is_empty() && !right.is_empty(),
        None => left.len() > 1,
    };
    if !pairs_possible {
        return true;
    }
    let mut items: Vec<(i32, bool, usize)> =
        Vec::with_capacity(left.len() + right.map_or(0, <[usize]>::len));
    items.extend(left.iter().map(|&i| (at(i).0, false, i)));
    if let Some(right) = right {
        items.extend(right.iter().map(|&i| (at(i).0, true, i)));
    }
    items.sort_unstable();
    let pivot = pivot(items.iter().map(|&(_, _, i)| at(i).2));
    let mut running: [Running; 2] = Default::default();
    let mut candidates: Vec<usize> = Vec::new();
    for (from, side, i) in items {
        let scope = at(i).2;
        let values = pivot.and_then(|d| scope[d].as_deref());
        if values.is_some_and(<[u32]>::is_empty) {
            continue; // an empty scope meets nothing
        }
        let other = &mut running[if right.is_some() { usize::from(!side) } else { 0 }];
        let still = |j: &usize| at(*j).1 >= from;
        candidates.clear();
        other.unrestricted.retain(still);
        candidates.extend(&other.unrestricted);
        let mut lists = 0;
        let mut read = |list: &mut Vec<usize>| {
            list.retain(still);
            candidates.extend(list.iter());
            lists += 1;
        };
        match values {
            Some(values) => {
                for &v in values {
                    if let Some(list) = other.by_value.get_mut(v as usize) {
                        read(list);
                    }
                }
            }
            None => other.by_value.iter_mut().filter(|l| !l.is_empty()).for_each(read),
        }
        if lists > 1 {
            // A clause that names several values is filed under each of them.
            candidates.sort_unstable();
            candidates.dedup();
        }
        for &j in &candidates {
            // Every comparison is counted, not only the pairs that meet: clauses that share
            // the pivot value but no other could otherwise make the sweep quadratic unseen.
            if *budget == 0 {
                return false;
            }
            *budget -= 1;
            if j != i && meets(scope, at(j).2) {
                if side { f(j, i) } else { f(i, j) }
            }
        }
        let own = &mut running[usize::from(side && right.is_some())];
        match values {
            Some(values) => {
                for &v in values {
                    let v = v as usize;
                    if own.by_value.len() <= v {
                        own.by_value.resize_with(v + 1, Vec::new);
                    }
                    own.by_value[v].push(i);
                }
            }
            None => own.unrestricted.push(i),
        }
    }
    true
}

/// The dimension to file clauses by: the one where the fewest comparisons are expected.
/// Filed under value v, the n_v clauses that name v meet each other (n_v² comparisons), and
/// a clause that does not restrict the dimension meets all of them. The first dimension
/// wins a tie; `None` when no scope restricts any.
fn pivot<'s>(scopes: impl Iterator<Item = &'s Scope> + Clone) -> Option<usize> {
    let dims = scopes.clone().map(Vec::len).max().unwrap_or(0);
    let total = scopes.clone().count() as u64;
    let mut best: Option<(u64, usize)> = None;
    let mut named: Vec<u64> = Vec::new();
    for d in 0..dims {
        named.clear();
        let mut unrestricted = 0u64;
        for scope in scopes.clone() {
            match scope.get(d).and_then(Option::as_deref) {
                Some(values) => {
                    for &v in values {
                        let v = v as usize;
                        if named.len() <= v {
                            named.resize(v + 1, 0);
                        }
                        named[v] += 1;
                    }
                }
                None => unrestricted += 1,
            }
        }
        if unrestricted == total {
            continue;
        }
        let cost = named.iter().map(|n| n * n).sum::<u64>() + unrestricted * total;
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, d));
        }
    }
    best.map(|(_, d)| d)
}

/// Where two clauses overlap: one product of cells over one day range.
pub(crate) fn overlap_place(ctx: &Context<'_>, a: usize, b: usize) -> Option<Place> {
    let (ca, cb) = (&ctx.clauses[a], &ctx.clauses[b]);
    let scope = intersect(&ca.scope, &cb.scope)?;
    let (from, until) = (ca.from.max(cb.from), ca.until.min(cb.until));
    (from <= until).then(|| ctx.space.place_of(&scope, from, until))
}

pub(crate) fn check(e: &mut Evaluator<'_, '_>) {
    redundant_and_deontic(e);
    separation(e);
}

fn redundant_and_deontic(e: &mut Evaluator<'_, '_>) {
    // Clauses with an act, grouped by (party, act) and within a group by norm, in record
    // order: one sorted list of indices, whose runs are the groups, instead of a map of
    // vectors per group and per norm for every record.
    let ctx = e.ctx;
    let clauses = &ctx.clauses;
    let mut order: Vec<usize> =
        (0..clauses.len()).filter(|&i| clauses[i].act().is_some()).collect();
    let key = |i: usize| (clauses[i].party, clauses[i].act(), clauses[i].norm());
    order.sort_by(|&a, &b| key(a).cmp(&key(b)));
    for group in order.chunk_by(|&a, &b| key(a).0 == key(b).0 && key(a).1 == key(b).1) {
        let c = &clauses[group[0]];
        let (id, act) = (ctx.party_id(c.party), c.act().unwrap_or_default());
        // A pair needs two clauses; one clause alone is the common case.
        for same in group.chunk_by(|&a, &b| key(a).2 == key(b).2).filter(|s| s.len() > 1) {
            let norm = clauses[same[0]].norm();
            let mut found = Vec::new();
            let pairs = |a: usize, b: usize| found.push((a.min(b), a.max(b)));
            if !overlapping_pairs(e.ctx, same, None, &mut e.pairs_left, pairs) {
                too_many_pairs(e, act);
            }
            found.sort_unstable();
            for (a, b) in found {
                let d = e.finding(
                    Code::OverlapRedundant,
                    format!("`{id}` has two {} clauses for `{act}` that overlap", norm.as_str()),
                );
                let d = e.with_clauses(d, &[a, b], "overlaps the other");
                push_pair(e, d, a, b, id, act, "merge the two clauses into one, or narrow their scopes or periods so they do not overlap".into());
            }
        }
        // Prohibitions sort last among the norms a clause with an act has.
        let split = group.partition_point(|&i| clauses[i].norm() != Norm::Prohibition);
        let (other, forbidden) = group.split_at(split);
        if forbidden.is_empty() || other.is_empty() {
            continue;
        }
        let mut found = Vec::new();
        let pairs = |a: usize, b: usize| found.push((a.min(b), a.max(b)));
        if !overlapping_pairs(e.ctx, forbidden, Some(other), &mut e.pairs_left, pairs) {
            too_many_pairs(e, act);
        }
        found.sort_unstable();
        for (a, b) in found {
            let (na, nb) = (e.ctx.clauses[a].norm().as_str(), e.ctx.clauses[b].norm().as_str());
            let d = e.finding(
                Code::ConflictDeontic,
                format!("`{id}` has a {na} and a {nb} for `{act}` that overlap"),
            );
            let d = e.with_clauses(d, &[a, b], "contradicts the other");
            push_pair(
                e,
                d,
                a,
                b,
                id,
                act,
                "remove the prohibition or the other clause, or separate their scopes or periods"
                    .into(),
            );
        }
    }
}

fn push_pair(
    e: &mut Evaluator<'_, '_>,
    mut d: crate::diagnostic::Diagnostic,
    a: usize,
    b: usize,
    party: &str,
    act: &str,
    help: String,
) {
    d.parties = vec![party.to_owned()];
    d.act = Some(act.to_owned());
    d.places = overlap_place(e.ctx, a, b).into_iter().collect();
    d.help = help;
    e.sink.push(d);
}

fn separation(e: &mut Evaluator<'_, '_>) {
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    for i in 0..e.policy.statements.len() {
        let StatementKind::Separate { act, from } = &e.policy.statements[i].kind else { continue };
        if !e.applies(i, None) {
            continue;
        }
        let holding = |e: &Evaluator<'_, '_>, act: &str| -> Vec<usize> {
            e.ctx
                .clauses_for(act)
                .filter(|(_, c)| c.norm().is_holding())
                .map(|(ci, _)| ci)
                .collect()
        };
        let left = holding(e, &act.text);
        if left.is_empty() {
            continue;
        }
        for other in from {
            let right = holding(e, &other.text);
            let mut found = Vec::new();
            let ctx = e.ctx;
            let pairs = |a: usize, b: usize| {
                let group = |c: usize| ctx.group[ctx.clauses[c].party as usize];
                if a != b && group(a) == group(b) {
                    found.push((a, b));
                }
            };
            if !overlapping_pairs(ctx, &left, Some(&right), &mut e.pairs_left, pairs) {
                too_many_pairs(e, &act.text);
            }
            found.sort_unstable();
            for (a, b) in found {
                if !seen.insert((a.min(b), a.max(b))) {
                    continue;
                }
                let (pa, pb) = (
                    e.ctx.party_id(e.ctx.clauses[a].party),
                    e.ctx.party_id(e.ctx.clauses[b].party),
                );
                let who = if pa == pb {
                    format!("`{pa}` holds")
                } else {
                    format!("`{pa}` and `{pb}`, one control group, hold")
                };
                let d = e.finding(
                    Code::ConflictSeparation,
                    format!(
                        "{who} both `{}` and `{}`, which must be kept apart",
                        act.text, other.text
                    ),
                );
                let d = e.with_clauses(d, &[a, b], "held by the same control group");
                let mut d = e.caused_by(d, i);
                d.parties = party_list([pa, pb]);
                d.act = Some(act.text.clone());
                d.places = overlap_place(e.ctx, a, b).into_iter().collect();
                d.help = format!(
                    "give `{}` to a party outside the control group that holds `{}`",
                    act.text, other.text
                );
                e.sink.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::{Scope, meets, sweep};

    type Clause = (i32, i32, Scope);

    /// Every pair the sweep should find, by comparing all of them.
    fn all_pairs(
        clauses: &[Clause],
        left: &[usize],
        right: Option<&[usize]>,
    ) -> BTreeSet<(usize, usize)> {
        let overlap = |a: usize, b: usize| {
            let ((fa, ua, sa), (fb, ub, sb)) = (&clauses[a], &clauses[b]);
            fa <= ub && fb <= ua && meets(sa, sb)
        };
        let mut out = BTreeSet::new();
        match right {
            None => {
                for (x, &a) in left.iter().enumerate() {
                    for &b in &left[x + 1..] {
                        if overlap(a, b) {
                            out.insert((a.min(b), a.max(b)));
                        }
                    }
                }
            }
            Some(right) => {
                for &a in left {
                    for &b in right {
                        if overlap(a, b) {
                            out.insert((a, b));
                        }
                    }
                }
            }
        }
        out
    }

    fn clause(dims: usize) -> impl Strategy<Value = Clause> {
        let values = prop::option::of(prop::collection::btree_set(0u32..4, 0..3));
        (0i32..20, 0i32..8, prop::collection::vec(values, dims)).prop_map(|(from, len, scope)| {
            let scope = scope.into_iter().map(|v| v.map(|s| s.into_iter().collect())).collect();
            (from, from + len, scope)
        })
    }

    #[test]
    fn the_sweep_stops_when_its_budget_runs_out() {
        let clauses: Vec<Clause> = (0..100).map(|_| (0, 10, vec![None])).collect();
        let at = |i: usize| (clauses[i].0, clauses[i].1, &clauses[i].2);
        let all: Vec<usize> = (0..clauses.len()).collect();
        let (mut budget, mut found) = (10, 0);
        assert!(!sweep(&at, &all, None, &mut budget, |_, _| found += 1));
        assert_eq!((budget, found), (0, 10));
        let (mut budget, mut found) = (u64::MAX, 0);
        assert!(sweep(&at, &all, None, &mut budget, |_, _| found += 1));
        assert_eq!(found, 100 * 99 / 2);
    }

    proptest! {
        #[test]
        fn the_sweep_finds_every_overlapping_pair_once(
            clauses in (0usize..4).prop_flat_map(|dims| prop::collection::vec(clause(dims), 0..24)),
            split in 0usize..24,
            two_sides in any::<bool>(),
        ) {
            let at = |i: usize| (clauses[i].0, clauses[i].1, &clauses[i].2);
            let all: Vec<usize> = (0..clauses.len()).collect();
            let (left, right) = if two_sides {
                let split = split.min(all.len());
                (all[..split].to_vec(), Some(all[split..].to_vec()))
            } else {
                (all.clone(), None)
            };
            let mut found = Vec::new();
            let mut budget = u64::MAX;
            sweep(&at, &left, right.as_deref(), &mut budget, |a, b| {
                found.push(if right.is_some() { (a, b) } else { (a.min(b), a.max(b)) })
            });
            let unique: BTreeSet<(usize, usize)> = found.iter().copied().collect();
            prop_assert_eq!(unique.len(), found.len(), "a pair was reported twice");
            prop_assert_eq!(unique, all_pairs(&clauses, &left, right.as_deref()));
        }
    }
}
