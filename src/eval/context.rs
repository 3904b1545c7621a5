//! One record, indexed for evaluation: parties by id, clauses with their scope as value
//! indices, and control groups.

use super::lookup::Lookup;
use super::space::{Scope, Space};
use crate::date::Date;
use crate::diagnostic::ClauseRef;
use crate::record::{Clause, Norm, Record};

/// A clause with what evaluation needs precomputed.
#[derive(Debug)]
pub struct ClauseInfo<'r> {
    pub clause: &'r Clause,
    pub party: u32,
    pub scope: Scope,
    pub from: Date,
    pub until: Date,
}

impl ClauseInfo<'_> {
    pub fn act(&self) -> Option<&str> {
        self.clause.act.as_ref().map(|a| a.text.as_str())
    }

    pub fn norm(&self) -> Norm {
        self.clause.norm
    }

    pub fn reference(&self) -> ClauseRef {
        ClauseRef { id: self.clause.id.text.clone(), span: self.clause.span }
    }
}

pub struct Context<'r> {
    pub record: &'r Record,
    pub space: Space<'r>,
    pub clauses: Vec<ClauseInfo<'r>>,
    /// Party ids and roles, by party index.
    pub party_ids: Vec<&'r str>,
    pub party_roles: Vec<&'r str>,
    /// The control group of each party (a representative party index).
    pub group: Vec<u32>,
    /// Indices of the clauses with an act, sorted by act and then record order: the
    /// clauses for one act are a range of it, found by binary search. (A map from act to a
    /// list cost a hash and a list per act, for every record.)
    by_act: Vec<usize>,
}

impl<'r> Context<'r> {
    pub fn new(record: &'r Record) -> Context<'r> {
        let space = Space::of(record);
        let party_ids: Vec<&str> = record.parties.iter().map(|p| p.id.text.as_str()).collect();
        let party_roles = record.parties.iter().map(|p| p.role.text.as_str()).collect();
        let index = Lookup::new(&party_ids);

        let mut clauses = Vec::with_capacity(record.clauses.len());
        for clause in &record.clauses {
            let Some(party) = index.get(&party_ids, &clause.party.text) else { continue };
            let (from, until) = match &clause.period {
                Some(p) => (p.from, p.until),
                None => (record.agreement.term.from, record.agreement.term.until),
            };
            clauses.push(ClauseInfo { clause, party, scope: space.scope_of(clause), from, until });
        }
        let mut by_act: Vec<usize> =
            (0..clauses.len()).filter(|&i| clauses[i].act().is_some()).collect();
        // Stable, so that each act's clauses stay in record order.
        by_act.sort_by_key(|&i| clauses[i].act());

        let mut groups = Groups::new(party_ids.len());
        for (i, party) in record.parties.iter().enumerate() {
            for parent in &party.controlled_by {
                if let Some(j) = index.get(&party_ids, &parent.text) {
                    groups.join(i as u32, j);
                }
            }
        }
        let group = (0..party_ids.len() as u32).map(|p| groups.find(p)).collect();
        Context { record, space, clauses, party_ids, party_roles, group, by_act }
    }

    pub fn party_id(&self, party: u32) -> &'r str {
        self.party_ids[party as usize]
    }

    pub fn role_of(&self, party: u32) -> &'r str {
        self.party_roles[party as usize]
    }

    /// Clauses for an act, in record order.
    pub fn clauses_for(&self, act: &str) -> impl Iterator<Item = (usize, &ClauseInfo<'r>)> {
        let act_of = |i: &usize| self.clauses[*i].act().unwrap_or_default();
        let start = self.by_act.partition_point(|i| act_of(i) < act);
        let len = self.by_act[start..].partition_point(|i| act_of(i) == act);
        self.by_act[start..start + len].iter().map(|&i| (i, &self.clauses[i]))
    }

    /// Parties of a role, by index.
    pub fn parties_of<'s>(&'s self, role: &'s str) -> impl Iterator<Item = u32> + 's {
        (0..self.party_ids.len() as u32).filter(move |&p| self.role_of(p) == role)
    }
}

/// Union-find over parties: `controlled_by` links in either direction, transitively.
struct Groups {
    parent: Vec<u32>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups { parent: (0..n as u32).collect() }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x
    }

    fn join(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        // The smaller index represents the group, so groups are the same whatever the order.
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        self.parent[hi as usize] = lo;
    }
}
