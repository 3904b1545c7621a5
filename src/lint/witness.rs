//! The smallest record that shows a `policy::unsatisfiable` problem, written as YAML for the
//! help text: the attributes that make the conditions hold, the parties, and their clauses.

use std::fmt::Write as _;

use super::conditions::PathKey;
use crate::value::Value;

/// A clause of the example: its party (an index into the parties), norm and act.
pub struct Holding<'a> {
    pub party: usize,
    pub norm: &'a str,
    pub act: &'a str,
}

/// The record as YAML. `roles` gives one party per entry, named after its role.
pub fn record(attributes: &[(PathKey, Value)], roles: &[&str], clauses: &[Holding<'_>]) -> String {
    let mut y = String::from("agreement:\n");
    let mut id = "example".to_string();
    let mut title = None;
    let mut attrs = Vec::new();
    for (path, value) in attributes {
        if !path.is_agreement() {
            continue;
        }
        match path.fields.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["id"] => id = scalar(value),
            ["title"] => title = Some(scalar(value)),
            [name] => attrs.push((name.to_string(), scalar(value))),
            // `agreement.term.from` and the like: the term below is the example's own.
            _ => {}
        }
    }
    let _ = writeln!(y, "  id: {id}");
    if let Some(t) = title {
        let _ = writeln!(y, "  title: {t}");
    }
    y.push_str("  term: { from: 2025-01-01, until: 2025-12-31 }\n");
    if !attrs.is_empty() {
        y.push_str("  attributes:\n");
        for (name, value) in attrs {
            let _ = writeln!(y, "    {name}: {value}");
        }
    }
    y.push_str("parties:\n");
    let ids = party_ids(roles);
    for (pid, role) in ids.iter().zip(roles) {
        let _ = writeln!(y, "  - {{ id: {pid}, role: {role} }}");
    }
    if clauses.is_empty() {
        y.push_str("clauses: []\n");
    } else {
        y.push_str("clauses:\n");
        for (n, c) in clauses.iter().enumerate() {
            let party = ids.get(c.party).map_or("?", String::as_str);
            let _ = writeln!(
                y,
                "  - {{ id: \"{}\", party: {party}, norm: {}, act: {} }}",
                n + 1,
                c.norm,
                c.act
            );
        }
    }
    y
}

/// `enterprise-1`, `enterprise-2`, `government-1`: one id per party, numbered per role.
fn party_ids(roles: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, role) in roles.iter().enumerate() {
        let n = roles[..=i].iter().filter(|r| *r == role).count();
        out.push(format!("{role}-{n}"));
    }
    out
}

/// A YAML scalar: strings always double-quoted, so `yes`, `1.0` or `2024-01-01` as strings
/// stay strings.
fn scalar(v: &Value) -> String {
    match v {
        Value::Str(s) => {
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push_str("\\t"),
                    c if c.is_control() => {
                        let _ = write!(out, "\\u{:04x}", u32::from(c));
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_parties_and_clauses_are_written() {
        let kind = PathKey { clause: false, fields: vec!["kind".into()] };
        let budget = PathKey { clause: false, fields: vec!["budget".into()] };
        let y = record(
            &[(kind, Value::Str("joint-lab".into())), (budget, Value::Number(1e7))],
            &["enterprise", "enterprise"],
            &[Holding { party: 1, norm: "duty", act: "fund" }],
        );
        assert!(y.contains("    kind: \"joint-lab\"\n    budget: 10000000\n"), "{y}");
        assert!(y.contains("  - { id: enterprise-2, role: enterprise }\n"), "{y}");
        assert!(y.contains("party: enterprise-2, norm: duty, act: fund"), "{y}");
    }
}
