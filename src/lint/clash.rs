//! A grant and a prohibition that can meet: a `may` or `must` against a `must not` (without
//! `alone`) on one role and act, whose conditions can both hold. Found once here and judged
//! by [`super::contradiction`] (a `may`, or any pair a principle decides) and
//! [`super::unsatisfiable`] (a `must` against a `must not` that nothing decides).

use std::collections::BTreeMap;

use super::Cite;
use super::conditions::{Verdict, jointly};
use super::norms::Index;
use crate::eval::{Decision, decide};
use crate::syntax::ast::StatementKind;

/// What one pair of statements contradicts on.
pub(super) struct Pair {
    pub grant: usize,
    pub forbid: usize,
    pub role: String,
    pub acts: Vec<String>,
    pub decision: Decision,
    pub verdict: Verdict,
}

/// Every pair of a grant (`may`, `must`) and a prohibition of one role, on acts where their
/// conditions can both hold, with the evaluator's decision between them. Sorted by the
/// statements' positions in the policy set.
pub(super) fn pairs(cite: &Cite<'_>, index: &Index<'_>) -> Vec<Pair> {
    let mut pairs: BTreeMap<(usize, usize), Pair> = BTreeMap::new();
    for ((role, act), sides) in &index.by_role_act {
        for &grant in &sides.grants {
            for &forbid in &sides.forbids {
                let verdict = jointly(&[index.condition(grant), index.condition(forbid)]);
                if !verdict.can_hold {
                    continue;
                }
                let decision = decide(cite.policy, &[forbid], &[grant]);
                let pair = pairs.entry((grant, forbid)).or_insert_with(|| Pair {
                    grant,
                    forbid,
                    role: role.clone(),
                    acts: Vec::new(),
                    decision,
                    verdict: verdict.clone(),
                });
                pair.acts.push(act.clone());
                pair.verdict.exact &= verdict.exact;
            }
        }
    }
    pairs.into_values().collect()
}

impl Pair {
    /// A `must` against a `must not` that no principle decides: no record can meet both.
    pub(super) fn is_unmeetable_duty(&self, cite: &Cite<'_>) -> bool {
        matches!(self.decision, Decision::Tie)
            && matches!(cite.policy.statements[self.grant].kind, StatementKind::Must { .. })
    }
}

/// `` `decide_key_matters` `` or `` `fund`, `provide_venue` ``.
pub(super) fn act_list(acts: &[String]) -> String {
    acts.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")
}

/// What the help adds when a condition could not be analysed exactly.
pub(super) fn assumption(verdict: &Verdict) -> &'static str {
    if verdict.exact {
        ""
    } else {
        " (charter could not compare the `when` conditions exactly, so it assumes both can hold)"
    }
}
