//! Who holds an act where and when: a sweep over the sorted end points of the holders'
//! periods, on the coarsest partition of scope values that the holders' scopes respect.
//!
//! Values of a dimension that every holder either includes or excludes together behave
//! alike, so they form one class; the cells of the sweep are products of classes. Typical
//! agreements then have a handful of cells whatever their number of values, and the cost is
//! the number of end points times the cells each holder covers.

use std::collections::{BTreeMap, HashMap};

use super::space::{Scope, Space, products};
use crate::date::Date;
use crate::diagnostic::Place;

/// Above this many cells the scope is too finely cut to analyse exactly.
pub const MAX_CELLS: usize = 1 << 20;

/// One holding: a party covering a scope over a closed day range.
#[derive(Clone, Copy, Debug)]
pub struct Holding<'a> {
    pub scope: &'a Scope,
    pub from: Date,
    pub until: Date,
    pub party: u32,
}

/// Where nobody holds the act, and where exactly one party does (by party).
#[derive(Debug, Default)]
pub struct Coverage {
    pub gaps: Vec<Place>,
    pub sole: BTreeMap<u32, Vec<Place>>,
}

#[derive(Debug)]
pub struct TooFine;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Nobody,
    Sole(u32),
    Many,
}

/// Computes gaps and sole holders over the whole scope and term.
pub fn cover(space: &Space, holdings: &[Holding<'_>]) -> Result<Coverage, TooFine> {
    let classes = Classes::new(space, holdings)?;
    let (term_from, term_until) = space.term;

    let mut events: Vec<(i32, bool, usize)> = Vec::with_capacity(holdings.len() * 2);
    let mut cells_of: Vec<Vec<usize>> = Vec::with_capacity(holdings.len());
    for (i, h) in holdings.iter().enumerate() {
        let (from, until) = (h.from.max(term_from), h.until.min(term_until));
        cells_of.push(if from <= until { classes.cells_of(h.scope) } else { Vec::new() });
        if from <= until {
            events.push((from.0, true, i));
            events.push((until.0 + 1, false, i));
        }
    }
    events.sort_unstable();

    let n = classes.cell_count;
    let mut holders: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    let mut state: Vec<(State, i32)> = vec![(State::Nobody, term_from.0); n];
    let mut runs: Vec<(State, usize, i32, i32)> = Vec::new();
    let mut dirty: Vec<usize> = Vec::new();
    let mut is_dirty = vec![false; n];

    let mut e = 0;
    while e < events.len() {
        let day = events[e].0;
        while e < events.len() && events[e].0 == day {
            let (_, start, i) = events[e];
            let party = holdings[i].party;
            for &cell in &cells_of[i] {
                let hs = &mut holders[cell];
                match hs.iter_mut().position(|(p, _)| *p == party) {
                    Some(k) if start => hs[k].1 += 1,
                    Some(k) => {
                        hs[k].1 -= 1;
                        if hs[k].1 == 0 {
                            hs.swap_remove(k);
                        }
                    }
                    None if start => hs.push((party, 1)),
                    None => {}
                }
                if !is_dirty[cell] {
                    is_dirty[cell] = true;
                    dirty.push(cell);
                }
            }
            e += 1;
        }
        for cell in dirty.drain(..) {
            is_dirty[cell] = false;
            let now = match holders[cell].as_slice() {
                [] => State::Nobody,
                [(p, _)] => State::Sole(*p),
                _ => State::Many,
            };
            let (was, since) = state[cell];
            if now != was {
                if since < day {
                    runs.push((was, cell, since, day - 1));
                }
                state[cell] = (now, day);
            }
        }
    }
    for (cell, (was, since)) in state.into_iter().enumerate() {
        if since <= term_until.0 {
            runs.push((was, cell, since, term_until.0));
        }
    }

    let mut gaps = Vec::new();
    let mut sole: BTreeMap<u32, Vec<(usize, i32, i32)>> = BTreeMap::new();
    for (s, cell, from, until) in runs {
        match s {
            State::Nobody => gaps.push((cell, from, until)),
            State::Sole(p) => sole.entry(p).or_default().push((cell, from, until)),
            State::Many => {}
        }
    }
    Ok(Coverage {
        gaps: classes.places(space, gaps),
        sole: sole.into_iter().map(|(p, runs)| (p, classes.places(space, runs))).collect(),
    })
}

/// The partition of each dimension's values into classes that no holding separates.
struct Classes {
    /// Per dimension: the class of each value, and the values of each class.
    class_of: Vec<Vec<u32>>,
    members: Vec<Vec<Vec<u32>>>,
    cell_count: usize,
}

impl Classes {
    fn new(space: &Space, holdings: &[Holding<'_>]) -> Result<Classes, TooFine> {
        let mut class_of = Vec::new();
        let mut members = Vec::new();
        let mut cell_count: usize = 1;
        for (d, (_, values)) in space.dims.iter().enumerate() {
            let mut signature: Vec<Vec<u32>> = vec![Vec::new(); values.len()];
            for (i, h) in holdings.iter().enumerate() {
                for &v in h.scope[d].iter().flatten() {
                    signature[v as usize].push(i as u32);
                }
            }
            let mut ids: HashMap<&[u32], u32> = HashMap::new();
            let mut of = Vec::with_capacity(values.len());
            let mut mem: Vec<Vec<u32>> = Vec::new();
            for (v, sig) in signature.iter().enumerate() {
                let next = mem.len() as u32;
                let c = *ids.entry(sig.as_slice()).or_insert(next);
                if c == next {
                    mem.push(Vec::new());
                }
                mem[c as usize].push(v as u32);
                of.push(c);
            }
            cell_count = cell_count
                .checked_mul(mem.len().max(1))
                .filter(|&n| n <= MAX_CELLS)
                .ok_or(TooFine)?;
            class_of.push(of);
            members.push(mem);
        }
        Ok(Classes { class_of, members, cell_count })
    }

    /// The cells (mixed-radix indices over classes) a scope covers.
    fn cells_of(&self, scope: &Scope) -> Vec<usize> {
        let mut cells = vec![0usize];
        for (d, sel) in scope.iter().enumerate() {
            let radix = self.members[d].len().max(1);
            let mut classes: Vec<u32> = match sel {
                Some(vs) => vs.iter().map(|&v| self.class_of[d][v as usize]).collect(),
                None => (0..self.members[d].len() as u32).collect(),
            };
            classes.sort_unstable();
            classes.dedup();
            cells = cells
                .iter()
                .flat_map(|&c| classes.iter().map(move |&k| c * radix + k as usize))
                .collect();
        }
        cells
    }

    fn decode(&self, mut cell: usize) -> Vec<u32> {
        let mut tuple = vec![0; self.members.len()];
        for d in (0..self.members.len()).rev() {
            let radix = self.members[d].len().max(1);
            tuple[d] = (cell % radix) as u32;
            cell /= radix;
        }
        tuple
    }

    /// Turns per-cell day runs into merged `where` entries.
    fn places(&self, space: &Space, runs: Vec<(usize, i32, i32)>) -> Vec<Place> {
        let mut by_cell: BTreeMap<usize, Vec<(i32, i32)>> = BTreeMap::new();
        for (cell, from, until) in runs {
            by_cell.entry(cell).or_default().push((from, until));
        }
        let mut by_days: BTreeMap<Vec<(i32, i32)>, Vec<Vec<u32>>> = BTreeMap::new();
        for (cell, mut days) in by_cell {
            days.sort_unstable();
            by_days.entry(merge(days)).or_default().push(self.decode(cell));
        }
        let mut out = Vec::new();
        for (days, cells) in by_days {
            for product in products(&cells, self.members.len()) {
                let values: Vec<Vec<u32>> = product
                    .iter()
                    .enumerate()
                    .map(|(d, cs)| {
                        let mut vs: Vec<u32> = cs
                            .iter()
                            .flat_map(|&c| self.members[d][c as usize].iter().copied())
                            .collect();
                        vs.sort_unstable();
                        vs
                    })
                    .collect();
                for &(from, until) in &days {
                    out.push(space.place(&values, Date(from), Date(until)));
                }
            }
        }
        out.sort();
        out
    }
}

/// Merges sorted day ranges that touch or overlap.
fn merge(days: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(days.len());
    for (from, until) in days {
        match out.last_mut() {
            Some(last) if from <= last.1 + 1 => last.1 = last.1.max(until),
            _ => out.push((from, until)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::{Holding, cover};
    use crate::date::Date;
    use crate::diagnostic::Place;
    use crate::eval::space::{Scope, Space};

    /// Every (cell, day) a list of places covers, with cells as value names.
    fn expand(places: &[Place]) -> BTreeSet<(Vec<String>, i32)> {
        let mut out = BTreeSet::new();
        for p in places {
            let mut cells: Vec<Vec<String>> = vec![Vec::new()];
            for (_, values) in &p.cells {
                cells = cells
                    .iter()
                    .flat_map(|c| values.iter().map(move |v| [c.clone(), vec![v.clone()]].concat()))
                    .collect();
            }
            for c in cells {
                for d in p.from.0..=p.until.0 {
                    assert!(out.insert((c.clone(), d)), "places overlap at {c:?} day {d}");
                }
            }
        }
        out
    }

    fn all_cells(space: &Space) -> Vec<Vec<u32>> {
        let mut cells: Vec<Vec<u32>> = vec![Vec::new()];
        for (_, values) in &space.dims {
            cells = cells
                .iter()
                .flat_map(|c| (0..values.len() as u32).map(move |v| [c.clone(), vec![v]].concat()))
                .collect();
        }
        cells
    }

    fn names(space: &Space, cell: &[u32]) -> Vec<String> {
        cell.iter().enumerate().map(|(d, &v)| space.dims[d].1[v as usize].clone()).collect()
    }

    fn inside(scope: &Scope, cell: &[u32]) -> bool {
        scope.iter().zip(cell).all(|(s, v)| s.as_ref().is_none_or(|vs| vs.contains(v)))
    }

    /// Dimension sizes, days in the term, and holdings as (scope, from, until, party).
    type Case = (Vec<usize>, i32, Vec<(Scope, i32, i32, u32)>);

    fn arbitrary_case() -> impl Strategy<Value = Case> {
        (prop::collection::vec(1usize..4, 0..3), 1i32..40).prop_flat_map(|(dims, days)| {
            let scope = dims
                .iter()
                .map(|&n| {
                    prop::option::of(
                        prop::collection::btree_set(0..n as u32, 1..=n)
                            .prop_map(|s| s.into_iter().collect()),
                    )
                })
                .collect::<Vec<_>>();
            let holding = (scope, 0..days, 0..days, 0u32..3)
                .prop_map(|(s, a, b, p)| (s, a.min(b), a.max(b), p));
            (Just(dims), Just(days), prop::collection::vec(holding, 0..6))
        })
    }

    proptest! {
        #[test]
        fn sweep_agrees_with_a_day_by_day_count((dims, days, raw) in arbitrary_case()) {
            let space = Space::new(
                dims.iter().enumerate().map(|(d, &n)| (format!("d{d}"), (0..n).map(|v| format!("v{v}")).collect())).collect(),
                (Date(0), Date(days - 1)),
            );
            let holdings: Vec<Holding<'_>> = raw
                .iter()
                .map(|(s, a, b, p)| Holding { scope: s, from: Date(*a), until: Date(*b), party: *p })
                .collect();
            let got = cover(&space, &holdings).expect("small spaces are never too fine");

            let mut gaps = BTreeSet::new();
            let mut sole: [BTreeSet<(Vec<String>, i32)>; 3] = Default::default();
            for cell in all_cells(&space) {
                for day in 0..days {
                    let parties: BTreeSet<u32> = holdings
                        .iter()
                        .filter(|h| h.from.0 <= day && day <= h.until.0 && inside(h.scope, &cell))
                        .map(|h| h.party)
                        .collect();
                    match parties.len() {
                        0 => { gaps.insert((names(&space, &cell), day)); }
                        1 => { sole[*parties.iter().next().unwrap() as usize].insert((names(&space, &cell), day)); }
                        _ => {}
                    }
                }
            }
            prop_assert_eq!(expand(&got.gaps), gaps);
            for p in 0..3u32 {
                let places = got.sole.get(&p).cloned().unwrap_or_default();
                prop_assert_eq!(expand(&places), sole[p as usize].clone());
            }
            // Entries with the same cells never touch: they were merged.
            for (i, a) in got.gaps.iter().enumerate() {
                for b in &got.gaps[i + 1..] {
                    prop_assert!(a.cells != b.cells || a.until.0 + 1 < b.from.0 || b.until.0 + 1 < a.from.0);
                }
            }
        }
    }
}
