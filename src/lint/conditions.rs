//! Whether `when` conditions can hold together, decided exactly for comparisons of one path
//! with literals joined by `and`, `or` and `not`.
//!
//! The conjunction of the conditions is put in disjunctive normal form over atoms
//! (`path op literal`, `path in [...]`); each conjunction is satisfiable when, path by path,
//! some value (or the path's absence) meets every constraint on it. The semantics are the
//! evaluator's: a comparison with a missing path, or with a value of another type, is false,
//! so `not (x == 1)` holds when `x` is missing but `x != 1` does not. Anything richer (a path
//! compared with a path, a condition compared with a literal) is assumed to be able to hold
//! either way, and the verdict says it is not exact. Past a size limit the answer is "can
//! hold", not exact: the analysis never claims that conditions exclude each other unless it
//! has proved it.

use std::collections::BTreeMap;

use crate::date::Date;
use crate::syntax::ast::{CmpOp, Expr, ExprKind, Root};
use crate::value::Value;

/// The most conjunctions the normal form may have before the analysis gives up.
const MAX_CONJUNCTIONS: usize = 512;
/// The deepest expression the analysis walks (the parser allows 64 levels of `not` and
/// parentheses, but long `and` chains nest too).
const MAX_DEPTH: usize = 512;

/// A path as the evaluator reads it: `agreement.attributes.x` and `agreement.x` are one path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PathKey {
    /// `clause.X` rather than `agreement.X`.
    pub clause: bool,
    pub fields: Vec<String>,
}

impl PathKey {
    pub fn is_agreement(&self) -> bool {
        !self.clause
    }
}

impl std::fmt::Display for PathKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let root = if self.clause { "clause" } else { "agreement" };
        write!(f, "{root}.{}", self.fields.join("."))
    }
}

/// The answer: whether the conditions can hold together, whether that was decided exactly,
/// and, when they can, values of the paths that make them hold (absent paths are missing).
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub can_hold: bool,
    pub exact: bool,
    pub witness: Vec<(PathKey, Value)>,
}

/// Whether every condition given (`None` is "always") can hold for one record and clause.
pub fn jointly(conditions: &[Option<&Expr>]) -> Verdict {
    let mut exact = true;
    let mut forms = vec![Vec::new()];
    for e in conditions.iter().flatten() {
        match dnf(e, true, 0, &mut exact) {
            Some(d) => match product(&forms, &d) {
                Some(p) => forms = p,
                None => return Verdict { can_hold: true, exact: false, witness: Vec::new() },
            },
            None => return Verdict { can_hold: true, exact: false, witness: Vec::new() },
        }
    }
    for conjunction in &forms {
        if let Some(witness) = satisfy(conjunction, &mut exact) {
            return Verdict { can_hold: true, exact, witness };
        }
    }
    // Dropping what could not be analysed only made each conjunction easier to meet, so
    // "cannot hold" is exact even when something was dropped.
    Verdict { can_hold: false, exact: true, witness: Vec::new() }
}

#[derive(Clone, Debug, PartialEq)]
enum Atom {
    Cmp(PathKey, CmpOp, Value),
    In(PathKey, Vec<Value>),
}

impl Atom {
    fn path(&self) -> &PathKey {
        match self {
            Atom::Cmp(p, _, _) | Atom::In(p, _) => p,
        }
    }

    /// Whether a present value meets the atom (a value of another type never does).
    fn holds(&self, v: &Value) -> bool {
        match self {
            Atom::Cmp(_, op, lit) => compare(v, *op, lit),
            Atom::In(_, list) => list.iter().any(|lit| compare(v, CmpOp::Eq, lit)),
        }
    }
}

/// An atom with its polarity; `false` means negated.
type Literal = (Atom, bool);
type Conjunction = Vec<Literal>;

/// The normal form of `e` (negated when `positive` is false). `None` when it grows too big.
fn dnf(e: &Expr, positive: bool, depth: usize, exact: &mut bool) -> Option<Vec<Conjunction>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let constant = |b: bool| Some(if b == positive { vec![Vec::new()] } else { Vec::new() });
    match &e.kind {
        ExprKind::Paren(a) => dnf(a, positive, depth + 1, exact),
        ExprKind::Not(a) => dnf(a, !positive, depth + 1, exact),
        ExprKind::And(a, b) | ExprKind::Or(a, b) => {
            let x = dnf(a, positive, depth + 1, exact)?;
            let y = dnf(b, positive, depth + 1, exact)?;
            // De Morgan: a negated `and` is an `or` of the negations, and the other way round.
            if matches!(e.kind, ExprKind::And(..)) == positive {
                product(&x, &y)
            } else {
                let mut x = x;
                x.extend(y);
                (x.len() <= MAX_CONJUNCTIONS).then_some(x)
            }
        }
        ExprKind::Lit(Value::Bool(b)) => constant(*b),
        ExprKind::Lit(_) => constant(false),
        ExprKind::Path { .. } => match path_of(e) {
            Some(p) => Some(vec![vec![(Atom::Cmp(p, CmpOp::Eq, Value::Bool(true)), positive)]]),
            None => opaque(exact),
        },
        ExprKind::Cmp(op, a, b) => match (path_of(a), literal_of(a), path_of(b), literal_of(b)) {
            (Some(p), _, _, Some(v)) => Some(vec![vec![(Atom::Cmp(p, *op, v), positive)]]),
            (_, Some(v), Some(p), _) => Some(vec![vec![(Atom::Cmp(p, flip(*op), v), positive)]]),
            (_, Some(x), _, Some(y)) => constant(compare(&x, *op, &y)),
            _ => opaque(exact),
        },
        ExprKind::In(a, list) => {
            let values: Vec<Value> = list.iter().map(|(v, _)| v.clone()).collect();
            match (path_of(a), literal_of(a)) {
                (Some(p), _) => Some(vec![vec![(Atom::In(p, values), positive)]]),
                (_, Some(x)) => constant(values.iter().any(|v| compare(&x, CmpOp::Eq, v))),
                _ => opaque(exact),
            }
        }
    }
}

/// Something the analysis does not decide: it may hold or not, so it constrains nothing.
fn opaque(exact: &mut bool) -> Option<Vec<Conjunction>> {
    *exact = false;
    Some(vec![Vec::new()])
}

fn product(x: &[Conjunction], y: &[Conjunction]) -> Option<Vec<Conjunction>> {
    if x.len().saturating_mul(y.len()) > MAX_CONJUNCTIONS {
        return None;
    }
    let mut out = Vec::with_capacity(x.len() * y.len());
    for a in x {
        for b in y {
            let mut c = a.clone();
            c.extend(b.iter().cloned());
            out.push(c);
        }
    }
    Some(out)
}

fn path_of(e: &Expr) -> Option<PathKey> {
    match &e.kind {
        ExprKind::Paren(a) => path_of(a),
        ExprKind::Path { root, fields } => {
            let mut fields: Vec<String> = fields.iter().map(|f| f.text.clone()).collect();
            if *root == Root::Agreement && fields.len() == 2 && fields[0] == "attributes" {
                fields.remove(0);
            }
            Some(PathKey { clause: *root == Root::Clause, fields })
        }
        _ => None,
    }
}

fn literal_of(e: &Expr) -> Option<Value> {
    match &e.kind {
        ExprKind::Paren(a) => literal_of(a),
        ExprKind::Lit(v) => Some(v.clone()),
        _ => None,
    }
}

/// `lit op path` as `path op' lit`.
fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

/// The evaluator's comparison: values of different types never compare true.
fn compare(x: &Value, op: CmpOp, y: &Value) -> bool {
    x.ordering(y).is_some_and(|o| op.holds(o))
}

/// Values for the paths of one conjunction that meet it, or `None` if none exist.
fn satisfy(conjunction: &Conjunction, exact: &mut bool) -> Option<Vec<(PathKey, Value)>> {
    let mut by_path: BTreeMap<&PathKey, Vec<&Literal>> = BTreeMap::new();
    for literal in conjunction {
        by_path.entry(literal.0.path()).or_default().push(literal);
    }
    let mut witness = Vec::new();
    for (path, literals) in by_path {
        // Only positive atoms need the path present; with none, a missing path meets them all.
        if literals.iter().all(|(_, positive)| !positive) {
            continue;
        }
        let meets = |v: &Value| literals.iter().all(|(atom, positive)| atom.holds(v) == *positive);
        let (values, complete) = candidates(&literals);
        match values.into_iter().find(|v| meets(v)) {
            Some(value) => witness.push((path.clone(), value)),
            None if complete => return None,
            None => *exact = false,
        }
    }
    Some(witness)
}

/// Values worth trying for one path: enough that, if any value meets the literals, one of
/// these does; the flag is false where that is not guaranteed (see [`strings`]).
fn candidates(literals: &[&Literal]) -> (Vec<Value>, bool) {
    // A positive `==` or `in` leaves finitely many values.
    for (atom, positive) in literals {
        match (atom, positive) {
            (Atom::Cmp(_, CmpOp::Eq, v), true) => return (vec![v.clone()], true),
            (Atom::In(_, list), true) => return (list.clone(), true),
            _ => {}
        }
    }
    // Otherwise every positive atom is an ordering or `!=` against a literal whose type the
    // value must have; the first one's type is the only one worth trying.
    let Some(ty) = literals.iter().find(|(_, p)| *p).and_then(|(a, _)| match a {
        Atom::Cmp(_, _, v) => Some(v.clone()),
        Atom::In(_, list) => list.first().cloned(),
    }) else {
        return (Vec::new(), true);
    };
    let mut points: Vec<Value> = Vec::new();
    for (atom, _) in literals {
        match atom {
            Atom::Cmp(_, _, v) => points.push(v.clone()),
            Atom::In(_, list) => points.extend(list.iter().cloned()),
        }
    }
    let n = points.len();
    match ty {
        Value::Bool(_) => (vec![Value::Bool(true), Value::Bool(false)], true),
        Value::Number(_) => (numbers(&points, n), true),
        Value::Date(_) => (dates(&points, n), true),
        Value::Str(_) => {
            let ordered = literals.iter().any(
                |(a, _)| matches!(a, Atom::Cmp(_, op, _) if !matches!(op, CmpOp::Eq | CmpOp::Ne)),
            );
            (strings(&points, n), !ordered)
        }
    }
}

/// Around and between every literal: the reals are dense, so between two neighbouring
/// literals (and beyond the outermost) any point is as good as another.
fn numbers(points: &[Value], n: usize) -> Vec<Value> {
    let mut xs: Vec<f64> = points
        .iter()
        .filter_map(|v| if let Value::Number(x) = v { Some(*x) } else { None })
        .collect();
    xs.sort_by(|a, b| a.total_cmp(b));
    xs.dedup();
    let mut out: Vec<f64> = Vec::with_capacity(2 * xs.len() + 2);
    match (xs.first(), xs.last()) {
        (Some(&lo), Some(&hi)) => {
            out.extend(xs.iter().copied());
            out.push((lo - 1.0).floor());
            out.push((hi + 1.0).floor());
            out.extend(xs.windows(2).map(|w| midpoint(w[0], w[1])));
        }
        _ => out.extend((0..=n).map(|k| k as f64)),
    }
    out.into_iter().filter(|x| x.is_finite()).map(Value::Number).collect()
}

/// A point strictly between two numbers, preferring an integer for readable examples.
fn midpoint(a: f64, b: f64) -> f64 {
    let up = a.floor() + 1.0;
    if up < b { up } else { a + (b - a) / 2.0 }
}

/// Days are discrete: each literal, its neighbours, and enough days past each to step over
/// every excluded day.
fn dates(points: &[Value], n: usize) -> Vec<Value> {
    let first = Date::from_ymd(0, 1, 1).map_or(i32::MIN, |d| d.0);
    let last = Date::from_ymd(9999, 12, 31).map_or(i32::MAX, |d| d.0);
    let mut out = Vec::new();
    for p in points {
        if let Value::Date(d) = p {
            let span = i32::try_from(n + 1).unwrap_or(i32::MAX);
            for k in -span..=span {
                let day = d.0.saturating_add(k);
                if (first..=last).contains(&day) {
                    out.push(Value::Date(Date(day)));
                }
            }
        }
    }
    out
}

/// Each literal, and for each a string just after it and one before everything else. Two
/// orderings can leave no string between them (`> "a"` and `< "a\u{0}"`); that corner is not
/// worth a full decision procedure, so when no candidate fits but orderings are involved,
/// the answer is "can hold", not exact.
fn strings(points: &[Value], n: usize) -> Vec<Value> {
    let mut out = vec![Value::Str(String::new())];
    for p in points {
        if let Value::Str(s) = p {
            out.push(Value::Str(s.clone()));
            out.push(Value::Str(format!("{s}~")));
        }
    }
    out.extend((0..=n).map(|k| Value::Str(format!("other-{k}"))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn cond(text: &str) -> Expr {
        let policy = format!("role r\nact a\narticle 1 {{ r may a when {text}; }}\n");
        let (file, diags) = crate::syntax::parse(FileId(0), &policy);
        assert!(diags.is_empty(), "{diags:?}");
        file.articles[0].statements[0].condition.clone().expect("a condition")
    }

    fn both(a: &str, b: &str) -> Verdict {
        jointly(&[Some(&cond(a)), Some(&cond(b))])
    }

    #[test]
    fn disjoint_numbers_cannot_both_hold() {
        let v = both("agreement.budget < 5", "agreement.budget >= 10");
        assert!(!v.can_hold && v.exact);
        assert!(!both("agreement.budget < 5", "agreement.budget >= 5").can_hold);
        assert!(both("agreement.budget <= 5", "agreement.budget >= 5").can_hold);
        assert!(
            !both(
                "agreement.x > 1 and agreement.x < 2",
                "agreement.x == 1.5 and agreement.x != 1.5"
            )
            .can_hold
        );
    }

    #[test]
    fn different_strings_cannot_both_hold() {
        assert!(!both("agreement.kind == \"a\"", "agreement.kind == \"b\"").can_hold);
        assert!(!both("agreement.kind in [\"a\", \"b\"]", "agreement.kind == \"c\"").can_hold);
        assert!(both("agreement.kind in [\"a\", \"b\"]", "agreement.kind != \"a\"").can_hold);
        assert!(!both("agreement.kind == \"a\"", "agreement.attributes.kind != \"a\"").can_hold);
    }

    #[test]
    fn a_missing_path_meets_negations_only() {
        assert!(both("not (agreement.x == 1)", "not (agreement.x == 2)").can_hold);
        assert!(!both("agreement.x != 1", "agreement.x != \"a\"").can_hold);
        assert!(both("not agreement.flag", "not (agreement.flag == false)").can_hold);
        assert!(!both("agreement.flag", "agreement.flag == false").can_hold);
    }

    #[test]
    fn or_and_not_are_decided() {
        assert!(both("agreement.x < 1 or agreement.x > 9", "agreement.x > 5").can_hold);
        assert!(
            !both("agreement.x < 1 or agreement.x > 9", "agreement.x > 5 and agreement.x < 8")
                .can_hold
        );
        assert!(!both("not (agreement.x < 1 or agreement.x >= 1)", "agreement.x == 3").can_hold);
    }

    #[test]
    fn dates_are_discrete() {
        assert!(!both("agreement.d > 2024-01-01", "agreement.d < 2024-01-02").can_hold);
        let v = both(
            "agreement.d > 2024-01-01 and agreement.d != 2024-01-02",
            "agreement.d < 2024-01-04",
        );
        assert!(v.can_hold);
        assert_eq!(v.witness.len(), 1);
    }

    #[test]
    fn paths_compared_with_paths_are_assumed_to_hold() {
        let v = both("agreement.x == agreement.y", "agreement.x != agreement.y");
        assert!(v.can_hold && !v.exact);
    }

    #[test]
    fn the_witness_meets_the_conditions() {
        let v = both("agreement.budget >= 10000000", "agreement.kind == \"joint-lab\"");
        assert!(v.can_hold && v.exact);
        let shown: Vec<String> = v.witness.iter().map(|(p, v)| format!("{p}={v}")).collect();
        assert_eq!(shown, ["agreement.budget=10000000", "agreement.kind=\"joint-lab\""]);
    }

    #[test]
    fn huge_conditions_give_up_as_can_hold() {
        let big = (0..12)
            .map(|i| format!("(agreement.a{i} == 1 or agreement.b{i} == 2)"))
            .collect::<Vec<_>>()
            .join(" and ");
        let v = jointly(&[Some(&cond(&big)), Some(&cond("agreement.a0 == 3"))]);
        assert!(v.can_hold && !v.exact);
    }
}
