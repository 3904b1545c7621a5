//! Structure-aware inputs for the fuzz targets: a policy and a record generated from
//! arbitrary bytes, over one small vocabulary so that a generated record uses the names a
//! generated policy declares and the engine has something to find. Raw bytes rarely get
//! past the lexer or the YAML parser; these get every byte spent on structure.
//!
//! Now and then a name is `Wild` (any text), so that undeclared, odd and non-ASCII names
//! still reach the resolver and the record loader.

use std::fmt::{self, Display, Formatter};

use arbitrary::Arbitrary;

const ROLES: &[&str] = &["government", "university", "enterprise", "association"];
const ACTS: &[&str] = &["fund", "research", "supervise", "evaluate", "allocate", "not", "x"];
const BENEFITS: &[&str] = &["ip_share", "revenue_share"];
const TERMS: &[&str] = &["amount", "currency", "deadline", "deliverable"];
const PARTIES: &[&str] = &["gov", "uni", "acme", "assoc", "宜宾"];
const FIELDS: &[&str] = &["agreement.kind", "agreement.budget", "clause.amount", "agreement.x.y"];
const CODES: &[&str] = &["gap::uncovered", "conflict::deontic", "gap::vague-duty", "nope"];

/// A name: one of a small vocabulary, or any text.
#[derive(Arbitrary, Debug)]
pub enum Name {
    Known(u8),
    Wild(String),
}

impl Name {
    fn pick(&self, list: &[&str]) -> String {
        match self {
            Name::Known(i) => list[*i as usize % list.len()].to_string(),
            Name::Wild(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
pub struct Policy {
    pub header: Option<(u8, Option<DateParts>)>,
    pub declarations: Vec<(u8, Name, Option<String>)>,
    pub articles: Vec<(u16, Vec<Statement>)>,
    pub comment: Option<String>,
}

#[derive(Arbitrary, Debug)]
pub enum Statement {
    May(Name, Vec<Name>),
    Must(Name, Vec<Name>),
    MustNot(Name, Vec<Name>, bool),
    Holder(u8, Name, Option<Name>),
    Accountability(Vec<Name>),
    Terms(Vec<Name>, Vec<Name>),
    Separate(Name, Vec<Name>),
    Compensate(Name, Vec<Name>, Vec<Name>),
    When(Box<Statement>, Cond),
}

#[derive(Arbitrary, Debug)]
pub enum Cond {
    Cmp(u8, u8, Literal),
    In(u8, Vec<Literal>),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    Paren(Box<Cond>),
}

#[derive(Arbitrary, Debug)]
pub enum Literal {
    Int(i64),
    Float(f64),
    Str(String),
    Bool(bool),
    Date(DateParts),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct DateParts(pub u16, pub u8, pub u8);

impl Display for DateParts {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0 % 10_000, self.1 % 14, self.2 % 33)
    }
}

fn quoted(s: &str) -> String {
    format!("{s:?}")
}

fn list(names: &[Name], of: &[&str]) -> String {
    if names.is_empty() {
        return of[0].to_string();
    }
    names.iter().map(|n| n.pick(of)).collect::<Vec<_>>().join(", ")
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Int(n) => write!(f, "{n}"),
            Literal::Float(x) if x.is_finite() => write!(f, "{x:?}"),
            Literal::Float(_) => write!(f, "1.5"),
            Literal::Str(s) => write!(f, "{}", quoted(s)),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Date(d) => write!(f, "{d}"),
        }
    }
}

impl Display for Cond {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        const OPS: &[&str] = &["==", "!=", "<", "<=", ">", ">="];
        match self {
            Cond::Cmp(p, op, lit) => write!(
                f,
                "{} {} {lit}",
                FIELDS[*p as usize % FIELDS.len()],
                OPS[*op as usize % OPS.len()]
            ),
            Cond::In(p, lits) => {
                let items: Vec<String> = lits.iter().map(ToString::to_string).collect();
                let items = if items.is_empty() { "1".to_string() } else { items.join(", ") };
                write!(f, "{} in [{items}]", FIELDS[*p as usize % FIELDS.len()])
            }
            Cond::Not(c) => write!(f, "not {c}"),
            Cond::And(a, b) => write!(f, "{a} and {b}"),
            Cond::Or(a, b) => write!(f, "{a} or {b}"),
            Cond::Paren(c) => write!(f, "({c})"),
        }
    }
}

impl Display for Statement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Statement::May(r, a) => write!(f, "{} may {}", r.pick(ROLES), list(a, ACTS)),
            Statement::Must(r, a) => write!(f, "{} must {}", r.pick(ROLES), list(a, ACTS)),
            Statement::MustNot(r, a, alone) => write!(
                f,
                "{} must not {}{}",
                r.pick(ROLES),
                list(a, ACTS),
                if *alone { " alone" } else { "" }
            ),
            Statement::Holder(q, a, role) => {
                let q = ["exactly", "at least", "at most"][*q as usize % 3];
                write!(f, "require {q} one holder of {}", a.pick(ACTS))?;
                match role {
                    Some(r) => write!(f, " with role {}", r.pick(ROLES)),
                    None => Ok(()),
                }
            }
            Statement::Accountability(a) => write!(f, "require accountability for {}", list(a, ACTS)),
            Statement::Terms(t, a) => write!(f, "require {} for {}", list(t, TERMS), list(a, ACTS)),
            Statement::Separate(a, b) => write!(f, "separate {} from {}", a.pick(ACTS), list(b, ACTS)),
            Statement::Compensate(r, a, b) => {
                write!(f, "compensate {} for {}", r.pick(ROLES), list(a, ACTS))?;
                if b.is_empty() { Ok(()) } else { write!(f, " with {}", list(b, BENEFITS)) }
            }
            Statement::When(s, c) => match **s {
                Statement::When(..) => write!(f, "{s}"),
                _ => write!(f, "{s} when {c}"),
            },
        }
    }
}

impl Display for Policy {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(c) = &self.comment {
            writeln!(f, "// {}", c.replace(['\n', '\r'], " "))?;
        }
        if let Some((level, effective)) = &self.header {
            let level = ["law", "regulation", "rule", "normative"][*level as usize % 4];
            writeln!(f, "policy \"fuzz\" {{\n  title \"fuzz\"\n  level {level}")?;
            if let Some(d) = effective {
                writeln!(f, "  effective {d}")?;
            }
            writeln!(f, "}}")?;
        }
        for (kind, name, label) in &self.declarations {
            let (kind, names) = match kind % 4 {
                0 => ("role", ROLES),
                1 => ("act", ACTS),
                2 => ("power", ACTS),
                _ => ("benefit", BENEFITS),
            };
            write!(f, "{kind} {}", name.pick(names))?;
            match label {
                Some(l) => writeln!(f, " {}", quoted(l))?,
                None => writeln!(f)?,
            }
        }
        for (number, statements) in &self.articles {
            writeln!(f, "article {number} {{")?;
            for s in statements {
                writeln!(f, "  {s};")?;
            }
            writeln!(f, "}}")?;
        }
        Ok(())
    }
}

#[derive(Arbitrary, Debug)]
pub struct Record {
    pub id: Name,
    pub term: (DateParts, DateParts),
    pub kind: Option<String>,
    pub budget: Option<i64>,
    pub regions: Vec<Name>,
    pub parties: Vec<(Name, Name, Vec<Name>)>,
    pub clauses: Vec<Clause>,
    pub waivers: Vec<(Name, Name, DateParts, Vec<Name>)>,
}

#[derive(Arbitrary, Debug)]
pub struct Clause {
    pub id: Option<u16>,
    pub party: Name,
    pub norm: u8,
    pub act: Name,
    pub period: Option<(DateParts, DateParts)>,
    pub region: Option<Name>,
    pub terms: Vec<(Name, Literal)>,
    pub accountable_to: Option<Name>,
}

/// A YAML scalar: quoted with JSON rules, which YAML accepts.
fn yaml(s: &str) -> String {
    quoted(s)
}

impl Display for Record {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let (from, until) = self.term;
        writeln!(f, "agreement:\n  id: {}", yaml(&self.id.pick(&["fuzz-1", "fuzz-2"])))?;
        writeln!(f, "  term: {{ from: {from}, until: {until} }}")?;
        if !self.regions.is_empty() {
            let regions: Vec<String> = self.regions.iter().map(|r| yaml(&r.pick(PARTIES))).collect();
            writeln!(f, "  scope:\n    region: [{}]", regions.join(", "))?;
        }
        writeln!(f, "  attributes:")?;
        if let Some(k) = &self.kind {
            writeln!(f, "    kind: {}", yaml(k))?;
        }
        writeln!(f, "    budget: {}", self.budget.unwrap_or(0))?;
        writeln!(f, "parties:")?;
        for (id, role, controllers) in &self.parties {
            write!(f, "  - {{ id: {}, role: {}", yaml(&id.pick(PARTIES)), yaml(&role.pick(ROLES)))?;
            if !controllers.is_empty() {
                let c: Vec<String> = controllers.iter().map(|c| yaml(&c.pick(PARTIES))).collect();
                write!(f, ", controlled_by: [{}]", c.join(", "))?;
            }
            writeln!(f, " }}")?;
        }
        writeln!(f, "clauses:")?;
        for (n, c) in self.clauses.iter().enumerate() {
            let norm = ["duty", "power", "permission", "prohibition", "right"][c.norm as usize % 5];
            let id = c.id.map_or(n.to_string(), |i| i.to_string());
            writeln!(f, "  - id: \"{id}\"\n    party: {}\n    norm: {norm}", yaml(&c.party.pick(PARTIES)))?;
            if norm == "right" {
                writeln!(f, "    benefit: {}", yaml(&c.act.pick(BENEFITS)))?;
            } else {
                writeln!(f, "    act: {}", yaml(&c.act.pick(ACTS)))?;
            }
            if let Some((a, b)) = c.period {
                writeln!(f, "    period: {{ from: {a}, until: {b} }}")?;
            }
            if let Some(r) = &c.region {
                writeln!(f, "    scope: {{ region: [{}] }}", yaml(&r.pick(PARTIES)))?;
            }
            if !c.terms.is_empty() {
                writeln!(f, "    terms:")?;
                for (name, value) in &c.terms {
                    let value = match value {
                        Literal::Str(s) => yaml(s),
                        other => other.to_string(),
                    };
                    writeln!(f, "      {}: {value}", yaml(&name.pick(TERMS)))?;
                }
            }
            if let Some(p) = &c.accountable_to {
                writeln!(f, "    accountable_to: {}", yaml(&p.pick(PARTIES)))?;
            }
        }
        if !self.waivers.is_empty() {
            writeln!(f, "waivers:")?;
        }
        for (code, by, expires, clauses) in &self.waivers {
            writeln!(
                f,
                "  - {{ code: {}, reason: fuzz, approved_by: {}, expires: {expires}, clauses: [{}] }}",
                yaml(&code.pick(CODES)),
                yaml(&by.pick(PARTIES)),
                clauses.iter().map(|c| yaml(&c.pick(&["0", "1", "2"]))).collect::<Vec<_>>().join(", ")
            )?;
        }
        Ok(())
    }
}
