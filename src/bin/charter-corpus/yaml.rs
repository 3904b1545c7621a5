//! Writing records as YAML text. The generator builds plain structs and this module prints
//! them in the layout of `examples/`: block style for the record, flow style for the small
//! maps (`scope`, `period`, `terms`), as drafters write them.

use std::fmt::Write;

/// A whole-year period: `from` 1 January of the first year to 31 December of the last.
#[derive(Clone, Copy)]
pub struct Years {
    pub first: u32,
    pub last: u32,
}

pub struct Party {
    pub id: String,
    pub role: &'static str,
    pub name: String,
    pub controlled_by: Option<String>,
}

#[derive(Default)]
pub struct Clause {
    pub party: String,
    pub norm: &'static str,
    pub act: Option<&'static str>,
    pub benefit: Option<&'static str>,
    pub from: Option<String>,
    pub scope: Vec<(&'static str, Vec<String>)>,
    pub period: Option<Years>,
    pub accountable_to: Option<String>,
    pub terms: Vec<(&'static str, String)>,
}

impl Clause {
    pub fn new(party: &str, norm: &'static str, act: &'static str) -> Clause {
        Clause { party: party.to_owned(), norm, act: Some(act), ..Clause::default() }
    }

    pub fn right(party: &str, benefit: &'static str, from: &str) -> Clause {
        Clause {
            party: party.to_owned(),
            norm: "right",
            benefit: Some(benefit),
            from: Some(from.to_owned()),
            ..Clause::default()
        }
    }

    pub fn scope(mut self, dimension: &'static str, value: &str) -> Clause {
        self.scope.push((dimension, vec![value.to_owned()]));
        self
    }

    pub fn period(mut self, years: Years) -> Clause {
        self.period = Some(years);
        self
    }

    pub fn accountable_to(mut self, party: &str) -> Clause {
        self.accountable_to = Some(party.to_owned());
        self
    }

    pub fn term(mut self, name: &'static str, value: impl Into<String>) -> Clause {
        self.terms.push((name, value.into()));
        self
    }
}

pub struct Agreement {
    pub id: String,
    pub title: String,
    pub term: Years,
    pub scope: Vec<(&'static str, Vec<String>)>,
    pub kind: &'static str,
    pub budget: u64,
    pub parties: Vec<Party>,
    pub clauses: Vec<Clause>,
}

impl Agreement {
    /// The record as YAML; clause ids are numbered in the order the clauses were added.
    pub fn to_yaml(&self) -> String {
        let mut out = String::with_capacity(256 + self.clauses.len() * 120);
        let _ = writeln!(out, "agreement:\n  id: {}\n  title: {}", self.id, self.title);
        let _ = writeln!(out, "  term: {}", years(self.term));
        out.push_str("  scope:\n");
        for (dimension, values) in &self.scope {
            let _ = writeln!(out, "    {dimension}: [{}]", values.join(", "));
        }
        let _ =
            writeln!(out, "  attributes:\n    kind: {}\n    budget: {}", self.kind, self.budget);
        out.push_str("\nparties:\n");
        for p in &self.parties {
            let _ = writeln!(out, "  - id: {}\n    role: {}\n    name: {}", p.id, p.role, p.name);
            if let Some(c) = &p.controlled_by {
                let _ = writeln!(out, "    controlled_by: [{c}]");
            }
        }
        out.push_str("\nclauses:\n");
        for (n, c) in self.clauses.iter().enumerate() {
            clause(&mut out, n + 1, c);
        }
        out
    }
}

fn years(y: Years) -> String {
    format!("{{ from: {}-01-01, until: {}-12-31 }}", y.first, y.last)
}

fn clause(out: &mut String, n: usize, c: &Clause) {
    let _ = writeln!(out, "  - id: \"{n}\"\n    party: {}\n    norm: {}", c.party, c.norm);
    if let Some(act) = c.act {
        let _ = writeln!(out, "    act: {act}");
    }
    if let Some(benefit) = c.benefit {
        let _ = writeln!(out, "    benefit: {benefit}");
    }
    if let Some(from) = &c.from {
        let _ = writeln!(out, "    from: {from}");
    }
    if !c.scope.is_empty() {
        let dims: Vec<String> =
            c.scope.iter().map(|(d, v)| format!("{d}: [{}]", v.join(", "))).collect();
        let _ = writeln!(out, "    scope: {{ {} }}", dims.join(", "));
    }
    if let Some(p) = c.period {
        let _ = writeln!(out, "    period: {}", years(p));
    }
    if let Some(a) = &c.accountable_to {
        let _ = writeln!(out, "    accountable_to: {a}");
    }
    if !c.terms.is_empty() {
        let terms: Vec<String> = c.terms.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let _ = writeln!(out, "    terms: {{ {} }}", terms.join(", "));
    }
}
