//! `policy::unsatisfiable`: statements that no record with a party of the role concerned can
//! meet. Three clear cases, each with the smallest record that shows it:
//!
//! - `R must A` against `R must not A` where no principle decides: with the duty the clause
//!   is forbidden, without it the duty is missing (`conflict::policy` either way);
//! - `require exactly|at least one holder of A [with role R]` where R cannot hold A: A is a
//!   power no `may`/`must` grants R where the requirement applies, or a `must not` that
//!   applies wherever the requirement does prevails over every grant;
//! - `R must A` with `R must not A alone` and `require at most one holder of A`: the party of
//!   role R needs a second holder beside it, which the requirement forbids.

use super::Cite;
use super::clash::{Pair, act_list, assumption};
use super::conditions::{Verdict, jointly};
use super::norms::Index;
use super::witness::{Holding, record};
use crate::checks::Code;
use crate::diagnostic::Diagnostic;
use crate::eval::{Decision, decide};
use crate::syntax::ast::{DeclKind, Expr, ExprKind, Quantity, StatementKind};

pub(super) fn check(
    cite: &Cite<'_>,
    index: &Index<'_>,
    clashes: &[Pair],
    out: &mut Vec<Diagnostic>,
) {
    for pair in clashes.iter().filter(|p| p.is_unmeetable_duty(cite)) {
        out.push(duty_forbidden(cite, pair));
    }
    for (i, s) in cite.policy.statements.iter().enumerate() {
        if let StatementKind::Require { quantity, act, role } = &s.kind {
            match quantity {
                Quantity::AtMostOne if role.is_none() => {
                    never_alone(cite, index, i, &act.text, out)
                }
                Quantity::AtMostOne => {}
                _ => holder_impossible(
                    cite,
                    index,
                    i,
                    &act.text,
                    role.as_ref().map(|r| r.text.as_str()),
                    out,
                ),
            }
        }
    }
}

/// A `must` and a `must not` on one role and act that no principle decides between.
fn duty_forbidden(cite: &Cite<'_>, pair: &Pair) -> Diagnostic {
    let (g, f) = (pair.grant, pair.forbid);
    let message = format!(
        "`{}` must do {} by {} and must not by {}, and no principle decides: no party of role `{}` can meet both",
        pair.role,
        act_list(&pair.acts),
        cite.article(g),
        cite.article_after(f, g),
        pair.role,
    );
    let act = pair.acts.first().map_or("", String::as_str);
    let example =
        record(&pair.verdict.witness, &[&pair.role], &[Holding { party: 0, norm: "duty", act }]);
    let help = format!(
        "decide which rule holds: delete one statement, narrow one with a `when` condition, or give \
         one a higher level or a later effective date{}. The smallest record that shows it \
         (`charter check` reports `conflict::policy` with the clause and without it):\n{}",
        assumption(&pair.verdict),
        example.trim_end()
    );
    let mut d = Diagnostic::new(Code::PolicyUnsatisfiable, message)
        .with_label(cite.policy.statements[f].span, "this forbids it")
        .with_label(cite.policy.statements[g].span, "this requires it")
        .with_help(help);
    d.act = Some(act.to_string());
    d
}

/// Why one role cannot hold an act where a requirement applies.
enum Blocked {
    /// The act is a power and no grant to the role can apply.
    NoGrant,
    /// This `must not` applies wherever the requirement does and prevails over every grant.
    Forbidden(usize),
}

fn blocked(
    cite: &Cite<'_>,
    index: &Index<'_>,
    require: usize,
    role: &str,
    act: &str,
) -> Option<Blocked> {
    let c = index.condition(require);
    let sides = index.sides(role, act);
    let grants: Vec<usize> = sides
        .map(|s| {
            s.grants
                .iter()
                .copied()
                .filter(|&g| jointly(&[c, index.condition(g)]).can_hold)
                .collect()
        })
        .unwrap_or_default();
    if cite.policy.is_power(act) && grants.is_empty() {
        return Some(Blocked::NoGrant);
    }
    let forbids = sides.map(|s| s.forbids.as_slice()).unwrap_or_default();
    forbids
        .iter()
        .copied()
        .find(|&f| {
            implies(c, index.condition(f))
                && matches!(decide(cite.policy, &[f], &grants), Decision::First(_))
        })
        .map(Blocked::Forbidden)
}

/// Whether `a` implies `b`, proved: `a and not b` cannot hold. `None` is "always".
fn implies(a: Option<&Expr>, b: Option<&Expr>) -> bool {
    let Some(b) = b else { return true };
    let not_b = Expr { kind: ExprKind::Not(Box::new(b.clone())), span: b.span };
    !jointly(&[a, Some(&not_b)]).can_hold
}

fn holder_impossible(
    cite: &Cite<'_>,
    index: &Index<'_>,
    i: usize,
    act: &str,
    role: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    let mut roles: Vec<&str> = match role {
        Some(r) => vec![r],
        None => cite.policy.ids_of(DeclKind::Role).collect(),
    };
    roles.sort_unstable();
    let Some(&first) = roles.first() else { return };
    let mut reasons = Vec::new();
    for r in &roles {
        match blocked(cite, index, i, r, act) {
            Some(reason) => reasons.push(reason),
            None => return,
        }
    }
    let statement = &cite.policy.statements[i];
    let who = role.map_or_else(
        || "no role may hold it".to_string(),
        |r| format!("role `{r}` may not hold it"),
    );
    let (why, norm, shows) = match reasons.first() {
        Some(Blocked::Forbidden(_)) => {
            ("a prevailing `must not` forbids it", "duty", "conflict::prohibited")
        }
        _ => (
            "no `may` or `must` grants the power where the requirement applies",
            "power",
            "conflict::ultra-vires",
        ),
    };
    let message = format!(
        "{} requires a holder of `{act}`{}, but {who}: {why}",
        cite.article(i),
        role.map(|r| format!(" with role `{r}`")).unwrap_or_default(),
    );
    let verdict: Verdict = match reasons.first() {
        Some(Blocked::Forbidden(f)) => jointly(&[index.condition(i), index.condition(*f)]),
        _ => jointly(&[index.condition(i)]),
    };
    let example = record(&verdict.witness, &[first], &[Holding { party: 0, norm, act }]);
    let fix = match role {
        Some(r) if norm == "power" => format!("grant it with `{r} may {act};`, or require a holder of another role"),
        Some(_) => "lift the prohibition where the requirement applies, or require a holder of another role".into(),
        None => format!("grant `{act}` to some role with `may`, or lift the prohibitions"),
    };
    let help = format!(
        "{fix}. The smallest record that shows it (`charter check` reports `{shows}` with the \
         holder, `gap::unassigned` without it):\n{}",
        example.trim_end()
    );
    let mut d = Diagnostic::new(Code::PolicyUnsatisfiable, message)
        .with_label(statement.span, "this requirement can never be met")
        .with_help(help);
    if let Some(Blocked::Forbidden(f)) = reasons.first() {
        d = d.with_label(cite.policy.statements[*f].span, "this forbids every holder it asks for");
    }
    d.act = Some(act.to_string());
    out.push(d);
}

/// `R must A` and `R must not A alone` against `require at most one holder of A`.
fn never_alone(cite: &Cite<'_>, index: &Index<'_>, q: usize, act: &str, out: &mut Vec<Diagnostic>) {
    for ((role, a), sides) in &index.by_role_act {
        if a != act {
            continue;
        }
        for &duty in &sides.duties {
            for &alone in &sides.alone {
                let verdict =
                    jointly(&[index.condition(duty), index.condition(alone), index.condition(q)]);
                let forbidden = sides
                    .forbids
                    .iter()
                    .any(|&f| jointly(&[index.condition(duty), index.condition(f)]).can_hold);
                if !verdict.can_hold || forbidden {
                    continue;
                }
                let message = format!(
                    "`{role}` must do `{act}` by {} but never alone by {}, while {} allows at most one holder: \
                     no party of role `{role}` can meet all three",
                    cite.article(duty),
                    cite.article_after(alone, duty),
                    cite.article_after(q, duty),
                );
                let example =
                    record(&verdict.witness, &[role], &[Holding { party: 0, norm: "duty", act }]);
                let help = format!(
                    "drop one of the three statements, or write `require exactly one holder of {act} with role \
                     {role}` so that holders of other roles do not count{}. The smallest record that shows it \
                     (`charter check` reports `conflict::sole-control`; a second holder gives \
                     `overlap::exclusive`):\n{}",
                    assumption(&verdict),
                    example.trim_end()
                );
                let mut d = Diagnostic::new(Code::PolicyUnsatisfiable, message)
                    .with_label(cite.policy.statements[q].span, "at most one holder")
                    .with_label(
                        cite.policy.statements[duty].span,
                        "every party of this role must hold it",
                    )
                    .with_label(cite.policy.statements[alone].span, "but never as the only holder")
                    .with_help(help);
                d.act = Some(act.to_string());
                out.push(d);
            }
        }
    }
}
