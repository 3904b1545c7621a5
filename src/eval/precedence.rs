//! Which of two contradicting statements prevails, the way lawyers decide it: lex superior
//! (the higher level), then lex specialis (a statement with a condition over one without),
//! then lex posterior (the later effective date).

use crate::date::Date;
use crate::policy::{PolicySet, Statement};
use crate::syntax::ast::Level;

/// A statement's standing: compared field by field, in the order of the principles.
pub fn rank(policy: &PolicySet, s: &Statement) -> (Level, bool, Option<Date>) {
    let doc = policy.document(s);
    (doc.level, s.condition.is_some(), doc.effective)
}

/// The outcome of comparing the strongest statements on each side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The first side prevails, by the named principle.
    First(&'static str),
    Second(&'static str),
    /// No principle decides.
    Tie,
}

/// Compares the strongest statement of each side (indices into `policy.statements`).
pub fn decide(policy: &PolicySet, first: &[usize], second: &[usize]) -> Decision {
    let best = |side: &[usize]| side.iter().map(|&i| rank(policy, &policy.statements[i])).max();
    let (a, b) = match (best(first), best(second)) {
        (Some(a), Some(b)) => (a, b),
        (Some(_), None) => return Decision::First("uncontested"),
        (None, Some(_)) => return Decision::Second("uncontested"),
        (None, None) => return Decision::Tie,
    };
    let principle = if a.0 != b.0 {
        "lex superior"
    } else if a.1 != b.1 {
        "lex specialis"
    } else {
        "lex posterior"
    };
    match a.cmp(&b) {
        std::cmp::Ordering::Greater => Decision::First(principle),
        std::cmp::Ordering::Less => Decision::Second(principle),
        std::cmp::Ordering::Equal => Decision::Tie,
    }
}
