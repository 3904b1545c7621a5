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

/// Calls `f(a, b)` for every pair of clauses that share a cell and a day: within `left` when
/// `right` is `None` (each unordered pair once), else between `left` and `right`.
pub(crate) fn overlapping_pairs(
    ctx: &Context<'_>,
    left: &[usize],
    right: Option<&[usize]>,
    f: impl FnMut(usize, usize),
) {
    let at = |i: usize| {
        let c = &ctx.clauses[i];
        (c.from.0, c.until.0, &c.scope)
    };
    sweep(&at, left, right, f);
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
    mut f: impl FnMut(usize, usize),
) {
    // No pair without two clauses; this runs for every act of every record.
    let pairs_possible = match right {
        Some(right) => !left.is_empty() && !right.is_empty(),
        None => left.len() > 1,
    };
    if !pairs_possible {
        return;
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
}

/// The dimension that most of the scopes restrict (the first such, on a tie), if any does.
fn pivot<'s>(scopes: impl Iterator<Item = &'s Scope>) -> Option<usize> {
    let mut restricted: Vec<usize> = Vec::new();
    for scope in scopes {
        restricted.resize(restricted.len().max(scope.len()), 0);
        for (d, values) in scope.iter().enumerate() {
            restricted[d] += usize::from(values.is_some());
        }
    }
    let best = restricted.iter().copied().max().filter(|&n| n > 0)?;
    restricted.iter().position(|&n| n == best)
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
            overlapping_pairs(e.ctx, same, None, |a, b| found.push((a.min(b), a.max(b))));
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
        overlapping_pairs(e.ctx, forbidden, Some(other), |a, b| found.push((a.min(b), a.max(b))));
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
            overlapping_pairs(e.ctx, &left, Some(&right), |a, b| {
                if a != b
                    && e.ctx.group[e.ctx.clauses[a].party as usize]
                        == e.ctx.group[e.ctx.clauses[b].party as usize]
                {
                    found.push((a, b));
                }
            });
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
            sweep(&at, &left, right.as_deref(), |a, b| {
                found.push(if right.is_some() { (a, b) } else { (a.min(b), a.max(b)) })
            });
            let unique: BTreeSet<(usize, usize)> = found.iter().copied().collect();
            prop_assert_eq!(unique.len(), found.len(), "a pair was reported twice");
            prop_assert_eq!(unique, all_pairs(&clauses, &left, right.as_deref()));
        }
    }
}
