//! References inside a record (parties, clauses, scope) and out of it (roles, acts, powers,
//! benefits of the policy set, finding codes), duplicate ids, and `controlled_by` cycles.

use std::collections::{HashMap, HashSet};

use crate::checks::Code;
use crate::diagnostic::Diagnostic;
use crate::policy::PolicySet;
use crate::source::Span;
use crate::syntax::ast::{DeclKind, Name};

use super::build::did_you_mean_label;
use super::fields::Cx;
use super::model::{Agreement, Dimension, Party, Period};
use super::yaml::Node;

/// Above this many ids, an unknown one gets no "did you mean".
const MAX_SUGGESTION_CANDIDATES: usize = 1_000;

/// What the rest of a record may refer to, gathered as the record is read. It borrows ids
/// and the agreement's scope from the document rather than copying them.
pub struct Refs<'a> {
    policy: &'a PolicySet,
    /// `None` when the agreement could not be read: its scope and term are then not checked.
    scope: Option<&'a [Dimension]>,
    term: Option<&'a Period>,
    /// Ids to where they were first declared: hashed, as a record may hold 200,000 clauses.
    parties: HashMap<&'a str, Span>,
    clauses: HashMap<&'a str, Span>,
    /// Per dimension of `scope`, its values: hashed, as a scope may have thousands of values.
    scope_values: Vec<HashSet<&'a str>>,
}

impl<'a> Refs<'a> {
    pub fn new(policy: &'a PolicySet, agreement: Option<&'a Agreement>) -> Refs<'a> {
        Refs {
            policy,
            scope: agreement.map(|a| a.scope.as_slice()),
            term: agreement.map(|a| &a.term),
            parties: HashMap::new(),
            clauses: HashMap::new(),
            scope_values: agreement.map_or_else(Vec::new, |a| {
                a.scope.iter().map(|d| d.values.iter().map(|v| v.text.as_str()).collect()).collect()
            }),
        }
    }

    /// Notes the parties' ids before parties are read, reporting one that is already taken.
    pub fn declare_parties<'d: 'a>(&mut self, cx: &mut Cx<'d>, items: &[Node]) {
        self.parties.reserve(items.len());
        for item in items {
            if let Some((id, span)) = id_of(cx, item) {
                declare(cx, &mut self.parties, id, span, "party");
            }
        }
    }

    pub fn declare_clauses<'d: 'a>(&mut self, cx: &mut Cx<'d>, items: &[Node]) {
        self.clauses.reserve(items.len());
        for item in items {
            if let Some((id, span)) = id_of(cx, item) {
                declare(cx, &mut self.clauses, id, span, "clause");
            }
        }
    }

    /// Whether `id` names a party of the record; reports it if not.
    pub fn party(&self, cx: &mut Cx, id: &Name, field: &str) -> bool {
        if self.parties.contains_key(id.text.as_str()) {
            return true;
        }
        let ids = sorted_keys(&self.parties);
        let message = format!("{field} names `{}`, which is not a party of the agreement", id.text);
        // The suggestion goes in the help too, so that JSON and SARIF, which carry no
        // labels, say it as well.
        let help = match crate::diagnostic::did_you_mean(&id.text, ids.iter().copied()) {
            Some(close) => format!(
                "did you mean `{close}`? Correct the id, or add a party with `id: {}` under `parties`",
                id.text
            ),
            None => {
                format!("add a party with `id: {}` under `parties`, or correct the id", id.text)
            }
        };
        cx.error(
            Code::RecordUnknownReference,
            message,
            id.span,
            &did_you_mean_label(&id.text, &ids),
            &help,
        );
        false
    }

    /// Whether `id` names a clause of the record; reports it if not.
    pub fn clause(&self, cx: &mut Cx, id: &Name) -> bool {
        if self.clauses.contains_key(id.text.as_str()) {
            return true;
        }
        let ids = sorted_keys(&self.clauses);
        let message =
            format!("the waiver names clause `{}`, which the record does not have", id.text);
        let help = "name clauses by their `id`, quoted like `\"4.1\"`";
        cx.error(
            Code::RecordUnknownReference,
            message,
            id.span,
            &did_you_mean_label(&id.text, &ids),
            help,
        );
        false
    }

    /// Whether `id` is declared in the policy set as one of `kinds`; reports it if not.
    /// A policy set that declares nothing (none loaded, or it failed to load) checks nothing,
    /// so that a broken policy does not bury the record under unknown references.
    pub fn declared(&self, cx: &mut Cx, id: &Name, kinds: &[DeclKind], what: &str) -> bool {
        if self.policy.declarations.is_empty() {
            return true;
        }
        let found = self.policy.kind_of(&id.text);
        if found.is_some_and(|k| kinds.contains(&k)) {
            return true;
        }
        let mut candidates: Vec<&str> = kinds.iter().flat_map(|k| self.policy.ids_of(*k)).collect();
        candidates.sort_unstable();
        let (message, label) = match found {
            Some(kind) => (
                format!("`{}` is {}, not {}", id.text, a(kind.as_str()), a(what)),
                a(kind.as_str()),
            ),
            None => (
                format!("`{}` is not {} declared by the policy set", id.text, a(what)),
                did_you_mean_label(&id.text, &candidates),
            ),
        };
        let help = format!("use a declared {what}, or declare `{}` in a policy file", id.text);
        cx.error(Code::RecordUnknownReference, message, id.span, &label, &help);
        false
    }

    /// Whether every dimension and value of a clause's scope is in the agreement's scope.
    pub fn scope_within(&self, cx: &mut Cx, dims: &[Dimension]) -> bool {
        let Some(scope) = self.scope else { return true };
        let mut ok = true;
        for dim in dims {
            let Some(at) = scope.iter().position(|d| d.name.text == dim.name.text) else {
                let names: Vec<&str> = scope.iter().map(|d| d.name.text.as_str()).collect();
                let message =
                    format!("scope dimension `{}` is not in the agreement's scope", dim.name.text);
                let help = if names.is_empty() {
                    "the agreement has no scope dimensions; add this one to `agreement.scope`, or drop it here".to_owned()
                } else {
                    format!("the agreement's dimensions are {}", super::fields::list(&names))
                };
                cx.error(
                    Code::RecordUnknownReference,
                    message,
                    dim.name.span,
                    &did_you_mean_label(&dim.name.text, &names),
                    &help,
                );
                ok = false;
                continue;
            };
            for value in &dim.values {
                if !self.scope_values[at].contains(value.text.as_str()) {
                    let values: Vec<&str> =
                        scope[at].values.iter().map(|v| v.text.as_str()).collect();
                    let message = format!(
                        "`{}` is not a value of `{}` in the agreement's scope",
                        value.text, dim.name.text
                    );
                    let help = format!(
                        "the values of `{}` are {}",
                        dim.name.text,
                        super::fields::list(&values)
                    );
                    cx.error(
                        Code::RecordUnknownReference,
                        message,
                        value.span,
                        &did_you_mean_label(&value.text, &values),
                        &help,
                    );
                    ok = false;
                }
            }
        }
        ok
    }

    /// Whether a clause's period lies inside the agreement's term; reports it if not.
    pub fn within_term(&self, cx: &mut Cx, period: &Period, what: &dyn std::fmt::Display) -> bool {
        let Some(term) = self.term else { return true };
        if term.from <= period.from && period.until <= term.until {
            return true;
        }
        let message = format!(
            "the period of {what} ({}..{}) is not inside the term ({}..{})",
            period.from, period.until, term.from, term.until
        );
        let d = Diagnostic::new(Code::RecordBadPeriod, message)
            .with_label(period.span, "outside the term")
            .with_label(term.span, "the agreement's term")
            .with_help("shorten the period to the term, or extend the term");
        cx.push(d);
        false
    }
}

/// Whether a waiver's code is one a finding on a record can have.
pub fn finding_code(cx: &mut Cx, code: &Name) -> bool {
    let is_finding = |c: Code| {
        let family = c.as_str().split("::").next().unwrap_or("");
        matches!(family, "gap" | "overlap" | "conflict" | "balance")
    };
    if Code::parse(&code.text).is_some_and(is_finding) {
        return true;
    }
    let codes: Vec<&str> =
        Code::ALL.iter().copied().filter(|c| is_finding(*c)).map(Code::as_str).collect();
    let message = format!("`{}` is not a code of a finding that can be waived", code.text);
    let help = "waive a finding code such as `gap::uncovered`; `charter explain` lists them";
    cx.error(
        Code::RecordUnknownReference,
        message,
        code.span,
        &did_you_mean_label(&code.text, &codes),
        help,
    );
    false
}

/// Reports parties that control themselves, directly or through a chain of `controlled_by`.
/// The search is iterative: a long chain of subsidiaries must not exhaust the stack.
pub fn control_cycles(cx: &mut Cx, parties: &[Party]) {
    let index: HashMap<&str, usize> =
        parties.iter().enumerate().map(|(i, p)| (p.id.text.as_str(), i)).collect();
    // Edge i -> j: party i is controlled by party j, written at that entry.
    let edges: Vec<Vec<(usize, &Name)>> = parties
        .iter()
        .map(|p| {
            p.controlled_by.iter().filter_map(|c| Some((*index.get(c.text.as_str())?, c))).collect()
        })
        .collect();
    let mut state = vec![0u8; parties.len()]; // 0: new, 1: on the path, 2: done
    let mut path: Vec<(usize, usize)> = Vec::new(); // (party, next edge to follow)
    for root in 0..parties.len() {
        if state[root] != 0 {
            continue;
        }
        state[root] = 1;
        path.push((root, 0));
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let Some(&(to, entry)) = edges[node].get(*next) else {
                state[node] = 2;
                path.pop();
                continue;
            };
            *next += 1;
            match state[to] {
                0 => {
                    state[to] = 1;
                    path.push((to, 0));
                }
                1 => {
                    let start = path.iter().position(|(p, _)| *p == to).unwrap_or(0);
                    let members: Vec<usize> = path[start..].iter().map(|(p, _)| *p).collect();
                    report_cycle(cx, parties, &edges, &members, entry);
                }
                _ => {}
            }
        }
    }
}

fn report_cycle(
    cx: &mut Cx,
    parties: &[Party],
    edges: &[Vec<(usize, &Name)>],
    members: &[usize],
    closing: &Name,
) {
    let first = &parties[members[0]].id.text;
    if members.len() == 1 {
        let d = Diagnostic::new(
            Code::RecordControlCycle,
            format!("party `{first}` is controlled by itself"),
        )
        .with_label(closing.span, "the party's own id")
        .with_help("remove the party's own id from its `controlled_by`");
        cx.push(d);
        return;
    }
    let names: Vec<String> = members.iter().map(|&m| format!("`{}`", parties[m].id.text)).collect();
    let message = format!("`controlled_by` forms a cycle: {} -> `{first}`", names.join(" -> "));
    let mut d = Diagnostic::new(Code::RecordControlCycle, message)
        .with_help("control runs one way: remove the `controlled_by` entry that closes the cycle");
    for (i, &m) in members.iter().enumerate() {
        let next = members[(i + 1) % members.len()];
        let entry = edges[m].iter().find(|(to, _)| *to == next).map_or(closing, |(_, e)| e);
        let label =
            format!("`{}` is controlled by `{}`", parties[m].id.text, parties[next].id.text);
        d = d.with_label(entry.span, label);
    }
    // The entry that closes the cycle is the primary label.
    d.labels.rotate_right(1);
    cx.push(d);
}

/// The string `id` of a list entry, if it has one; its shape is checked when it is read.
fn id_of<'d>(cx: &Cx<'d>, node: &Node) -> Option<(&'d str, Span)> {
    let value = cx.field(node, "id")?;
    Some((cx.str_of(value)?, cx.span(value)))
}

fn declare<'a>(cx: &mut Cx, ids: &mut HashMap<&'a str, Span>, id: &'a str, span: Span, what: &str) {
    if let Some(first) = ids.get(id) {
        let plural = if what == "party" { "parties" } else { "clauses" };
        let d =
            Diagnostic::new(Code::RecordDuplicateId, format!("two {plural} have the id `{id}`"))
                .with_label(span, "used again here")
                .with_label(*first, "first used here")
                .with_help(format!("give each {what} its own id"));
        cx.push(d);
        return;
    }
    ids.insert(id, span);
}

/// "a role", "an act": the article a word takes.
fn a(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {word}")
}

/// Candidates for "did you mean", in a stable order; none from a huge list, where a
/// suggestion would be noise and the search quadratic.
fn sorted_keys<'a>(ids: &HashMap<&'a str, Span>) -> Vec<&'a str> {
    if ids.len() > MAX_SUGGESTION_CANDIDATES {
        return Vec::new();
    }
    let mut keys: Vec<&str> = ids.keys().copied().collect();
    keys.sort_unstable();
    keys
}
