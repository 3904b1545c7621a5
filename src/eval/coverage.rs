//! Who holds an act where and when: a sweep over the sorted end points of the holders'
//! periods, on the coarsest partition of scope values that the holders' scopes respect.
//!
//! Values of a dimension that every holder either includes or excludes together behave
//! alike, so they form one class; the cells of the sweep are products of classes. Typical
//! agreements then have a handful of cells whatever their number of values, and the cost is
//! the number of end points times the cells each holder covers.

use std::collections::BTreeMap;

use super::space::{Scope, Space, products};
use crate::date::Date;
use crate::diagnostic::Place;

/// Above this many cells the scope is too finely cut to analyse exactly.
pub const MAX_CELLS: usize = 1 << 20;

/// Above this many (holding, cell) pairs, summed over the holdings of one act, the sweep
/// would need more memory than a check may take: a few clauses can cut the scope into
/// 2^20 cells, and then each clause without a scope covers all of them. An agreement whose
/// clauses each cover a handful of cells stays far below it even at 200,000 clauses.
pub const MAX_CELL_HOLDINGS: usize = 1 << 22;

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

/// Why coverage cannot be computed exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooFine {
    /// The holders' scopes cut the scope into more than [`MAX_CELLS`] cells.
    Cells,
    /// The holders cover more than [`MAX_CELL_HOLDINGS`] cells between them.
    Holdings,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Nobody,
    Sole(u32),
    Many,
}

/// Computes gaps and sole holders over the whole scope and term.
pub fn cover(space: &Space, holdings: &[Holding<'_>]) -> Result<Coverage, TooFine> {
    let sweep = sweep(space, holdings, Keep::Both)?;
    Ok(Coverage {
        gaps: sweep.gaps(space),
        sole: sweep.sole_parties().map(|p| (p, sweep.sole(space, p))).collect(),
    })
}

/// What the sweep found, as day runs per cell. Turning runs into places (names, merged
/// products) costs more than the sweep itself, and a check needs only some of them (a
/// coverage requirement the gaps, sole control the sole holders of one role), so places
/// are made on demand.
pub struct Sweep {
    classes: Classes,
    gaps: Vec<(usize, i32, i32)>,
    sole: BTreeMap<u32, Vec<(usize, i32, i32)>>,
}

impl Sweep {
    pub fn has_gaps(&self) -> bool {
        !self.gaps.is_empty()
    }

    /// Where nobody holds the act.
    pub fn gaps(&self, space: &Space) -> Vec<Place> {
        self.classes.places(space, &self.gaps)
    }

    /// The parties that are somewhere the only holder, in order.
    pub fn sole_parties(&self) -> impl Iterator<Item = u32> + '_ {
        self.sole.keys().copied()
    }

    /// Where `party` is the only holder.
    pub fn sole(&self, space: &Space, party: u32) -> Vec<Place> {
        self.sole.get(&party).map_or_else(Vec::new, |runs| self.classes.places(space, runs))
    }
}

/// Which runs a sweep keeps: a coverage requirement asks for the gaps, sole control for the
/// sole holders, and keeping the others would only be work thrown away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    Gaps,
    Sole,
    Both,
}

/// The sweep of [`cover`], without making places. It runs for every coverage requirement
/// of every record, mostly over a handful of holdings and cells, so it works in a few flat
/// lists rather than a list per cell.
pub fn sweep(space: &Space, holdings: &[Holding<'_>], keep: Keep) -> Result<Sweep, TooFine> {
    let classes = Classes::new(space, holdings)?;
    let (term_from, term_until) = space.term;

    // The cells of holding i are `cells[ends[i - 1]..ends[i]]` (none outside the term).
    let mut events: Vec<(i32, bool, usize)> = Vec::with_capacity(holdings.len() * 2);
    let (mut cells, mut ends) = (Vec::new(), Vec::with_capacity(holdings.len()));
    let mut scratch = (Vec::new(), Vec::new());
    for (i, h) in holdings.iter().enumerate() {
        let (from, until) = (h.from.max(term_from), h.until.min(term_until));
        if from <= until {
            classes.cells_of(h.scope, &mut cells, &mut scratch);
            if cells.len() > MAX_CELL_HOLDINGS {
                return Err(TooFine::Holdings);
            }
            events.push((from.0, true, i));
            events.push((until.0 + 1, false, i));
        }
        ends.push(cells.len());
    }
    events.sort_unstable();

    // How many holdings of a party run on a cell, for each (cell, party) that occurs.
    let (slot_of, slot_count) = slots(&cells, &ends, holdings);
    let mut running = vec![0u32; slot_count];
    let n = classes.cell_count;
    let mut at: Vec<Cell> =
        vec![Cell { held: (0, 0), state: (State::Nobody, term_from.0), dirty: false }; n];
    let mut dirty: Vec<usize> = Vec::with_capacity(n);
    let mut gaps = Vec::new();
    let mut sole: BTreeMap<u32, Vec<(usize, i32, i32)>> = BTreeMap::new();
    let mut close = |was: State, cell: usize, from: i32, until: i32| match was {
        State::Nobody if keep != Keep::Sole => gaps.push((cell, from, until)),
        State::Sole(p) if keep != Keep::Gaps => {
            sole.entry(p).or_default().push((cell, from, until));
        }
        _ => {}
    };

    let mut e = 0;
    while e < events.len() {
        let day = events[e].0;
        while e < events.len() && events[e].0 == day {
            let (_, start, i) = events[e];
            let party = holdings[i].party;
            let first = if i == 0 { 0 } else { ends[i - 1] };
            for k in first..ends[i] {
                let (cell, slot) = (cells[k], slot_of[k]);
                let c = &mut at[cell];
                if start {
                    running[slot] += 1;
                    if running[slot] == 1 {
                        c.held = (c.held.0 + 1, c.held.1 ^ party);
                    }
                } else {
                    running[slot] -= 1;
                    if running[slot] == 0 {
                        c.held = (c.held.0 - 1, c.held.1 ^ party);
                    }
                }
                if !c.dirty {
                    c.dirty = true;
                    dirty.push(cell);
                }
            }
            e += 1;
        }
        for cell in dirty.drain(..) {
            let c = &mut at[cell];
            c.dirty = false;
            let now = match c.held {
                (0, _) => State::Nobody,
                (1, party) => State::Sole(party),
                _ => State::Many,
            };
            let (was, since) = c.state;
            if now != was {
                if since < day {
                    close(was, cell, since, day - 1);
                }
                c.state = (now, day);
            }
        }
    }
    for (cell, Cell { state: (was, since), .. }) in at.into_iter().enumerate() {
        if since <= term_until.0 {
            close(was, cell, since, term_until.0);
        }
    }
    Ok(Sweep { classes, gaps, sole })
}

/// One cell during the sweep: how many parties hold it and the XOR of their ids (the id of
/// the party when there is one), its state and since when, and whether it changed today.
#[derive(Clone, Copy)]
struct Cell {
    held: (u32, u32),
    state: (State, i32),
    dirty: bool,
}

/// For each entry of `cells`, the index of its (cell, party) among those that occur, and
/// how many there are.
fn slots(cells: &[usize], ends: &[usize], holdings: &[Holding<'_>]) -> (Vec<usize>, usize) {
    let mut keyed: Vec<(usize, u32, usize)> = Vec::with_capacity(cells.len());
    let mut first = 0;
    for (h, &end) in holdings.iter().zip(ends) {
        keyed.extend((first..end).map(|k| (cells[k], h.party, k)));
        first = end;
    }
    keyed.sort_unstable();
    let mut slot_of = vec![0; cells.len()];
    let mut count = 0;
    for (j, &(cell, party, k)) in keyed.iter().enumerate() {
        if j == 0 || (keyed[j - 1].0, keyed[j - 1].1) != (cell, party) {
            count += 1;
        }
        slot_of[k] = count - 1;
    }
    (slot_of, count)
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
        let mut class_of = Vec::with_capacity(space.dims.len());
        let mut members = Vec::with_capacity(space.dims.len());
        let mut cell_count: usize = 1;
        for (d, (_, values)) in space.dims.iter().enumerate() {
            let selections = holdings.iter().filter_map(|h| h.scope[d].as_deref());
            let (of, mem) = partition(values.len(), selections);
            cell_count = cell_count
                .checked_mul(mem.len().max(1))
                .filter(|&n| n <= MAX_CELLS)
                .ok_or(TooFine::Cells)?;
            class_of.push(of);
            members.push(mem);
        }
        Ok(Classes { class_of, members, cell_count })
    }

    /// Appends the cells (mixed-radix indices over classes) a scope covers to `out`;
    /// `scratch` holds buffers reused from call to call.
    fn cells_of(&self, scope: &Scope, out: &mut Vec<usize>, scratch: &mut (Vec<u32>, Vec<usize>)) {
        let (classes, next) = scratch;
        let base = out.len();
        out.push(0);
        for (d, sel) in scope.iter().enumerate() {
            let radix = self.members[d].len().max(1);
            classes.clear();
            match sel {
                Some(vs) => classes.extend(vs.iter().map(|&v| self.class_of[d][v as usize])),
                None => classes.extend(0..self.members[d].len() as u32),
            }
            classes.sort_unstable();
            classes.dedup();
            next.clear();
            next.extend(
                out[base..]
                    .iter()
                    .flat_map(|&c| classes.iter().map(move |&k| c * radix + k as usize)),
            );
            out.truncate(base);
            out.extend_from_slice(next);
        }
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
    fn places(&self, space: &Space, runs: &[(usize, i32, i32)]) -> Vec<Place> {
        let mut by_cell: BTreeMap<usize, Vec<(i32, i32)>> = BTreeMap::new();
        for &(cell, from, until) in runs {
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

/// The classes of `n` values that no selection separates (two values share a class when
/// every selection takes both or neither), numbered in the order of their first value: the
/// class of each value, and the values of each class. Each selection splits the classes it
/// cuts (partition refinement), so the cost is the size of the selections.
fn partition<'a>(
    n: usize,
    selections: impl Iterator<Item = &'a [u32]>,
) -> (Vec<u32>, Vec<Vec<u32>>) {
    let mut class = vec![0u32; n];
    // Per class: the last selection that split it (1-based) and where its selected values went.
    let mut split: Vec<(usize, u32)> = Vec::with_capacity(n + 1);
    split.push((0, 0));
    for (s, selected) in selections.enumerate() {
        for &v in selected {
            let c = class[v as usize] as usize;
            if split[c].0 != s + 1 {
                let new = split.len() as u32;
                split[c] = (s + 1, new);
                split.push((s + 1, new));
            }
            class[v as usize] = split[c].1;
        }
    }
    let mut number = vec![u32::MAX; split.len()];
    let mut members: Vec<Vec<u32>> = Vec::new();
    for (v, c) in class.iter_mut().enumerate() {
        let k = &mut number[*c as usize];
        if *k == u32::MAX {
            *k = members.len() as u32;
            members.push(Vec::new());
        }
        *c = *k;
        members[*k as usize].push(v as u32);
    }
    (class, members)
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
        cell.iter().enumerate().map(|(d, &v)| space.dims[d].1[v as usize].to_owned()).collect()
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
        /// Classes are the values with equal signatures (the selections that take them),
        /// numbered by first value, as the map from signature to class it replaced made them.
        #[test]
        fn partition_groups_equal_signatures(
            n in 0usize..8,
            raw in prop::collection::vec(prop::collection::btree_set(0u32..8, 0..8), 0..6),
        ) {
            let selections: Vec<Vec<u32>> =
                raw.iter().map(|s| s.iter().copied().filter(|&v| (v as usize) < n).collect()).collect();
            let (class, members) = super::partition(n, selections.iter().map(Vec::as_slice));
            let mut ids: Vec<Vec<usize>> = Vec::new();
            for v in 0..n as u32 {
                let signature: Vec<usize> =
                    (0..selections.len()).filter(|&s| selections[s].contains(&v)).collect();
                let c = ids.iter().position(|x| *x == signature).unwrap_or_else(|| {
                    ids.push(signature);
                    ids.len() - 1
                });
                prop_assert_eq!(class[v as usize] as usize, c);
                prop_assert!(members[c].contains(&v));
            }
            prop_assert_eq!(members.len(), ids.len());
        }

        #[test]
        fn sweep_agrees_with_a_day_by_day_count((dims, days, raw) in arbitrary_case()) {
            let owned: Vec<(String, Vec<String>)> = dims
                .iter()
                .enumerate()
                .map(|(d, &n)| (format!("d{d}"), (0..n).map(|v| format!("v{v}")).collect()))
                .collect();
            let space = Space::new(
                owned.iter().map(|(d, vs)| (d.as_str(), vs.iter().map(String::as_str).collect())).collect(),
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
