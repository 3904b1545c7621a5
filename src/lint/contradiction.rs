//! `policy::contradiction` and `policy::superseded`: a `may` or `must` against a `must not`
//! (without `alone`) on one role and act, whose conditions can both hold.
//!
//! Statements are compared pair by pair, with the evaluator's [`decide`]; one finding per
//! pair of statements, naming every act they contradict on. A `must` against a `must not`
//! that no principle decides cannot be met at all, so it is `policy::unsatisfiable` instead
//! (see [`super::unsatisfiable`]). The pairs come from [`super::clash`].

use super::Cite;
use super::clash::{Pair, act_list, assumption};
use crate::checks::Code;
use crate::diagnostic::Diagnostic;
use crate::eval::Decision;
use crate::syntax::ast::StatementKind;

pub(super) fn check(cite: &Cite<'_>, pairs: &[Pair], out: &mut Vec<Diagnostic>) {
    for pair in pairs {
        match pair.decision {
            _ if pair.is_unmeetable_duty(cite) => {} // policy::unsatisfiable
            Decision::Tie => out.push(contradiction(cite, pair)),
            Decision::First(p) => out.push(superseded(cite, pair, pair.forbid, pair.grant, p)),
            Decision::Second(p) => out.push(superseded(cite, pair, pair.grant, pair.forbid, p)),
        }
    }
}

fn verb(cite: &Cite<'_>, statement: usize) -> &'static str {
    match cite.policy.statements[statement].kind {
        StatementKind::Must { .. } => "requires it",
        StatementKind::MustNot { .. } => "forbids it",
        _ => "permits it",
    }
}

fn contradiction(cite: &Cite<'_>, pair: &Pair) -> Diagnostic {
    let (g, f) = (pair.grant, pair.forbid);
    let message = format!(
        "{} lets `{}` hold {} and {} forbids it, and no principle decides",
        cite.article(g),
        pair.role,
        act_list(&pair.acts),
        cite.article_after(f, g),
    );
    let conditional = |i: usize| cite.policy.statements[i].condition.is_some();
    let specialis = if conditional(g) {
        "both have a `when` condition"
    } else {
        "neither has a `when` condition"
    };
    let effective = cite.policy.document(&cite.policy.statements[g]).effective;
    let when = effective.map_or_else(
        || "no effective date".to_string(),
        |d| format!("the same effective date, {d}"),
    );
    let help = format!(
        "both are {} with {when}, and {specialis}. Decide which rule holds: if only control is \
         forbidden, write `must not ... alone`; otherwise delete one statement, narrow one with \
         a `when` condition, or give one a higher level or a later effective date{}",
        cite.level(g),
        assumption(&pair.verdict)
    );
    let mut d = Diagnostic::new(Code::PolicyContradiction, message)
        .with_label(cite.policy.statements[f].span, "this forbids it")
        .with_label(cite.policy.statements[g].span, verb(cite, g))
        .with_help(help);
    d.act = pair.acts.first().cloned();
    d
}

fn superseded(
    cite: &Cite<'_>,
    pair: &Pair,
    winner: usize,
    loser: usize,
    principle: &str,
) -> Diagnostic {
    let message = format!(
        "{} ({}) prevails over {} ({}) on whether `{}` may hold {}: {}",
        cite.article(winner),
        cite.level(winner),
        cite.article_after(loser, winner),
        cite.level(loser),
        pair.role,
        act_list(&pair.acts),
        cite.principle(principle, winner, loser),
    );
    let loser_is_duty = matches!(cite.policy.statements[loser].kind, StatementKind::Must { .. });
    let consequence = if loser_is_duty {
        "the duty does not apply where both statements do"
    } else {
        "the superseded statement does not apply where both do"
    };
    let help = format!(
        "{consequence}. If the override is intended, this warning documents it; otherwise state \
         the rules so that they no longer contradict (narrow the general one, or write \
         `must not ... alone` when only control is forbidden){}",
        assumption(&pair.verdict)
    );
    let mut d = Diagnostic::new(Code::PolicySuperseded, message)
        .with_label(cite.policy.statements[loser].span, "superseded where both apply")
        .with_label(cite.policy.statements[winner].span, format!("this prevails: {principle}"))
        .with_help(help);
    d.act = pair.acts.first().cloned();
    d
}
