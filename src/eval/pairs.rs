//! Pairs of clauses that overlap in scope and time: `overlap::redundant`,
//! `conflict::deontic` and `conflict::separation` (and the pair finder that
//! `overlap::exclusive` uses).

use std::collections::{BTreeMap, BTreeSet};

use super::context::Context;
use super::space::{intersect, meets};
use super::{Evaluator, party_list};
use crate::checks::Code;
use crate::diagnostic::Place;
use crate::record::Norm;
use crate::syntax::ast::StatementKind;

/// Calls `f(a, b)` for every pair of clauses that share a cell and a day: within `left` when
/// `right` is `None` (each unordered pair once), else between `left` and `right`.
/// A sweep over start days keeps only clauses still running in view.
pub(crate) fn overlapping_pairs(
    ctx: &Context<'_>,
    left: &[usize],
    right: Option<&[usize]>,
    mut f: impl FnMut(usize, usize),
) {
    let mut items: Vec<(i32, bool, usize)> =
        left.iter().map(|&i| (ctx.clauses[i].from.0, false, i)).collect();
    if let Some(right) = right {
        items.extend(right.iter().map(|&i| (ctx.clauses[i].from.0, true, i)));
    }
    items.sort_unstable();
    let mut active: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for (from, side, i) in items {
        for list in &mut active {
            list.retain(|&j| ctx.clauses[j].until.0 >= from);
        }
        let other = if right.is_some() { usize::from(!side) } else { 0 };
        for &j in &active[other] {
            if j != i && meets(&ctx.clauses[i].scope, &ctx.clauses[j].scope) {
                if side { f(j, i) } else { f(i, j) }
            }
        }
        active[usize::from(side)].push(i);
    }
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
    let mut groups: BTreeMap<(u32, &str), Vec<usize>> = BTreeMap::new();
    for (i, c) in e.ctx.clauses.iter().enumerate() {
        if let Some(act) = c.act() {
            groups.entry((c.party, act)).or_default().push(i);
        }
    }
    for ((party, act), clauses) in groups {
        let id = e.ctx.party_id(party);
        for norm in [Norm::Duty, Norm::Power, Norm::Permission, Norm::Prohibition] {
            let same: Vec<usize> =
                clauses.iter().copied().filter(|&i| e.ctx.clauses[i].norm() == norm).collect();
            let mut found = Vec::new();
            overlapping_pairs(e.ctx, &same, None, |a, b| found.push((a.min(b), a.max(b))));
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
        let (forbidden, other): (Vec<usize>, Vec<usize>) = clauses
            .iter()
            .copied()
            .filter(|&i| e.ctx.clauses[i].norm() != Norm::Right)
            .partition(|&i| e.ctx.clauses[i].norm() == Norm::Prohibition);
        if forbidden.is_empty() || other.is_empty() {
            continue;
        }
        let mut found = Vec::new();
        overlapping_pairs(e.ctx, &forbidden, Some(&other), |a, b| found.push((a.min(b), a.max(b))));
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
