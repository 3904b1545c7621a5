//! The statements that speak about one role and one act, indexed once for every lint.

use std::collections::BTreeMap;

use crate::policy::PolicySet;
use crate::syntax::ast::{Expr, StatementKind};

/// What the statements of the set say about one role and one act (indices into
/// `PolicySet::statements`, in source order).
#[derive(Default, Debug)]
pub struct Sides {
    /// `may` and `must`: both permit the role to hold the act (and grant a power).
    pub grants: Vec<usize>,
    /// `must` only.
    pub duties: Vec<usize>,
    /// `must not` without `alone`.
    pub forbids: Vec<usize>,
    /// `must not ... alone`.
    pub alone: Vec<usize>,
}

pub struct Index<'a> {
    pub policy: &'a PolicySet,
    /// Keyed by (role, act), sorted so that output is deterministic.
    pub by_role_act: BTreeMap<(String, String), Sides>,
}

impl<'a> Index<'a> {
    pub fn build(policy: &'a PolicySet) -> Index<'a> {
        let mut by_role_act: BTreeMap<(String, String), Sides> = BTreeMap::new();
        for (i, s) in policy.statements.iter().enumerate() {
            let (role, acts) = match &s.kind {
                StatementKind::May { role, acts }
                | StatementKind::Must { role, acts }
                | StatementKind::MustNot { role, acts, .. } => (role, acts),
                _ => continue,
            };
            for act in acts {
                let sides = by_role_act.entry((role.text.clone(), act.text.clone())).or_default();
                let list = match &s.kind {
                    StatementKind::May { .. } => &mut sides.grants,
                    StatementKind::Must { .. } => {
                        if sides.duties.last() != Some(&i) {
                            sides.duties.push(i);
                        }
                        &mut sides.grants
                    }
                    StatementKind::MustNot { alone: false, .. } => &mut sides.forbids,
                    _ => &mut sides.alone,
                };
                // `R may A, A;` names the act twice in one statement: count the statement once.
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Index { policy, by_role_act }
    }

    pub fn sides(&self, role: &str, act: &str) -> Option<&Sides> {
        self.by_role_act.get(&(role.to_string(), act.to_string()))
    }

    pub fn condition(&self, statement: usize) -> Option<&Expr> {
        self.policy.statements[statement].condition.as_ref()
    }
}
