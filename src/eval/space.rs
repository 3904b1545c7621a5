//! Scope and time: a clause covers a product of values per scope dimension times a closed
//! day interval. This module intersects such products and turns sets of cells back into the
//! merged `where` entries that reports show.

use std::collections::BTreeMap;

use super::lookup::Lookup;

use crate::date::Date;
use crate::diagnostic::Place;
use crate::record::Record;

/// The agreement's scope: its dimensions and their values, in the order written, borrowed
/// from the record.
#[derive(Debug)]
pub struct Space<'r> {
    pub dims: Vec<(&'r str, Vec<&'r str>)>,
    pub term: (Date, Date),
    /// Per dimension, each value's index: a national programme may have thousands of values,
    /// and looking each clause's values up by scanning made loading quadratic.
    index: Vec<Lookup<'r>>,
}

/// Per dimension, the sorted value indices a clause covers; `None` means every value.
pub type Scope = Vec<Option<Vec<u32>>>;

impl<'r> Space<'r> {
    pub fn of(record: &'r Record) -> Space<'r> {
        let dims = record
            .agreement
            .scope
            .iter()
            .map(|d| (d.name.text.as_str(), d.values.iter().map(|v| v.text.as_str()).collect()))
            .collect();
        Space::new(dims, (record.agreement.term.from, record.agreement.term.until))
    }

    pub fn new(dims: Vec<(&'r str, Vec<&'r str>)>, term: (Date, Date)) -> Space<'r> {
        let index = dims.iter().map(|(_, values)| Lookup::new(values)).collect();
        Space { dims, term, index }
    }

    /// The scope of a clause as value indices. Unknown dimensions or values were already
    /// reported by the loader, so they are ignored here.
    pub fn scope_of(&self, clause: &crate::record::Clause) -> Scope {
        let mut scope: Scope = vec![None; self.dims.len()];
        for dim in clause.scope.iter().flatten() {
            let Some(d) = self.dims.iter().position(|(n, _)| *n == dim.name.text) else {
                continue;
            };
            let (index, values) = (&self.index[d], &self.dims[d].1);
            let mut ix: Vec<u32> =
                dim.values.iter().filter_map(|v| index.get(values, &v.text)).collect();
            ix.sort_unstable();
            ix.dedup();
            scope[d] = Some(ix);
        }
        scope
    }

    /// The values of a dimension a scope covers.
    pub fn values(&self, scope: &Scope, dim: usize) -> Vec<u32> {
        match &scope[dim] {
            Some(v) => v.clone(),
            None => (0..self.dims[dim].1.len() as u32).collect(),
        }
    }

    /// The `where` entry for one product of value indices and a day range.
    pub fn place(&self, product: &[Vec<u32>], from: Date, until: Date) -> Place {
        let cells = self
            .dims
            .iter()
            .zip(product)
            .map(|((name, values), ix)| {
                ((*name).to_owned(), ix.iter().map(|&i| values[i as usize].to_owned()).collect())
            })
            .collect();
        Place { cells, from, until }
    }

    /// The `where` entry of a scope over a day range.
    pub fn place_of(&self, scope: &Scope, from: Date, until: Date) -> Place {
        let product: Vec<Vec<u32>> = (0..self.dims.len()).map(|d| self.values(scope, d)).collect();
        self.place(&product, from, until)
    }
}

/// The intersection of two scopes, or `None` if they share no cell.
pub fn intersect(a: &Scope, b: &Scope) -> Option<Scope> {
    let mut out = Vec::with_capacity(a.len());
    for (x, y) in a.iter().zip(b) {
        let v = match (x, y) {
            (None, None) => None,
            (Some(v), None) | (None, Some(v)) => Some(v.clone()),
            (Some(v), Some(w)) => Some(sorted_intersection(v, w)),
        };
        if v.as_ref().is_some_and(Vec::is_empty) {
            return None;
        }
        out.push(v);
    }
    Some(out)
}

/// Whether two scopes share at least one cell, without allocating.
pub fn meets(a: &Scope, b: &Scope) -> bool {
    a.iter().zip(b).all(|(x, y)| match (x, y) {
        (Some(v), Some(w)) => shares(v, w),
        (Some(v), None) | (None, Some(v)) => !v.is_empty(),
        (None, None) => true,
    })
}

fn sorted_intersection(v: &[u32], w: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < v.len() && j < w.len() {
        match v[i].cmp(&w[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(v[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn shares(v: &[u32], w: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < v.len() && j < w.len() {
        match v[i].cmp(&w[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Splits a set of cells (tuples of per-dimension groups) into products, deterministically:
/// cells are grouped by their prefix, and prefixes with the same set of last values are
/// decomposed together.
pub fn products<T: Ord + Clone>(cells: &[Vec<T>], dims: usize) -> Vec<Vec<Vec<T>>> {
    if dims == 0 {
        return if cells.is_empty() { Vec::new() } else { vec![Vec::new()] };
    }
    let mut by_prefix: BTreeMap<&[T], Vec<T>> = BTreeMap::new();
    for cell in cells {
        by_prefix.entry(&cell[..dims - 1]).or_default().push(cell[dims - 1].clone());
    }
    let mut by_last: BTreeMap<Vec<T>, Vec<Vec<T>>> = BTreeMap::new();
    for (prefix, mut last) in by_prefix {
        last.sort();
        last.dedup();
        by_last.entry(last).or_default().push(prefix.to_vec());
    }
    let mut out = Vec::new();
    for (last, prefixes) in by_last {
        for mut product in products(&prefixes, dims - 1) {
            product.push(last.clone());
            out.push(product);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::products;

    #[test]
    fn a_full_grid_is_one_product() {
        let cells = vec![vec![0, 0], vec![0, 1], vec![1, 0], vec![1, 1]];
        assert_eq!(products(&cells, 2), vec![vec![vec![0, 1], vec![0, 1]]]);
    }

    #[test]
    fn an_l_shape_takes_two_products() {
        let cells = vec![vec![0, 0], vec![0, 1], vec![1, 0]];
        let got = products(&cells, 2);
        assert_eq!(got, vec![vec![vec![1], vec![0]], vec![vec![0], vec![0, 1]]]);
    }
}
