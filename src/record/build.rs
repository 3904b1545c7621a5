//! One document's node tree to a [`Record`], checking every field rule of docs/records.md.
//! Sections are read in dependency order (agreement, parties, clauses, waivers) so that
//! each reference can be checked as it is read.

use std::fmt;

use crate::checks::Code;
use crate::diagnostic::Diagnostic;
use crate::policy::PolicySet;
use crate::source::FileId;
use crate::syntax::ast::{DeclKind, Name};

use super::fields::{Cx, Fields, Scalar};
use super::model::{Agreement, Clause, Norm, Party, Record, Waiver};
use super::refs::{self, Refs};
use super::yaml::Node;

/// At most this many clauses in one record: beyond it the overlap math has no useful answer.
pub const MAX_CLAUSES_PER_RECORD: usize = 200_000;

const RECORD: &[&str] = &["agreement", "parties", "clauses", "waivers"];
const AGREEMENT: &[&str] = &["id", "title", "term", "scope", "attributes"];
const PARTY: &[&str] = &["id", "role", "name", "controlled_by"];
const CLAUSE: &[&str] = &[
    "id",
    "party",
    "norm",
    "act",
    "benefit",
    "from",
    "scope",
    "period",
    "accountable_to",
    "terms",
];
const WAIVER: &[&str] = &["code", "clauses", "reason", "approved_by", "expires"];

/// The agreement id as soon as it is known, for naming the record in diagnostics.
pub fn agreement_id(cx: &Cx, root: &Node) -> Option<String> {
    let id = cx.field(cx.field(root, "agreement")?, "id")?;
    match cx.scalar(id)? {
        Scalar::Str(s) => Some(s),
        _ => None,
    }
}

/// Reads one record. `None` when the record has an error (the diagnostics say which).
pub fn record(
    cx: &mut Cx,
    root: &Node,
    policy: &PolicySet,
    file: FileId,
    index: usize,
) -> Option<Record> {
    let errors_before = cx.diagnostics.len();
    let fields = cx.fields(root, "the record", RECORD, &["agreement", "parties", "clauses"])?;
    let agreement = fields.get("agreement").and_then(|n| read_agreement(cx, n));
    let mut refs = Refs::new(policy, agreement.as_ref());

    let mut parties = Vec::new();
    if let Some(node) = fields.get("parties") {
        let items = cx.list(node, "`parties`", true);
        // Every party id is known before any is checked, so the order of parties is free.
        refs.declare_parties(cx, items);
        parties = read_all(items, |item| read_party(cx, item, &refs));
        refs::control_cycles(cx, &parties);
    }

    let mut clauses = Vec::new();
    if let Some(node) = fields.get("clauses") {
        let items = cx.list(node, "`clauses`", false);
        if items.len() > MAX_CLAUSES_PER_RECORD {
            let message = format!(
                "the record has {} clauses, over the limit of {MAX_CLAUSES_PER_RECORD}",
                items.len()
            );
            let span = fields.key("clauses").map_or_else(|| cx.head(node), |k| cx.span(k));
            let d = Diagnostic::new(Code::RecordLimit, message)
                .with_label(span, "too many clauses")
                .with_help("split the agreement into several records");
            cx.push(d);
        } else {
            refs.declare_clauses(cx, items);
            clauses = read_all(items, |item| read_clause(cx, item, &refs));
        }
    }

    let mut waivers = Vec::new();
    if let Some(node) = fields.get("waivers") {
        let items = cx.list(node, "`waivers`", false);
        waivers = read_all(items, |item| read_waiver(cx, item, &refs));
    }

    let has_error = cx.diagnostics[errors_before..]
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error);
    if has_error {
        return None;
    }
    Some(Record { file, index, agreement: agreement?, parties, clauses, waivers })
}

fn read_agreement(cx: &mut Cx, node: &Node) -> Option<Agreement> {
    let f = cx.fields(node, "`agreement`", AGREEMENT, &["id", "term"])?;
    let id = f.get("id").and_then(|n| cx.non_empty_string(n, "the agreement `id`"));
    let title = f.get("title").and_then(|n| cx.string(n, "the agreement `title`"));
    let term = f.get("term").and_then(|n| cx.period(n, "the agreement `term`"));
    let scope = match f.get("scope") {
        Some(n) if !n.is_null() => cx.scope(n, "the agreement `scope`"),
        _ => Some(Vec::new()),
    };
    let attributes = f.get("attributes").map(|n| cx.scalars(n, "`attributes`")).unwrap_or_default();
    Some(Agreement { id: id?, title, term: term?, scope: scope?, attributes, span: cx.span(node) })
}

fn read_party(cx: &mut Cx, node: &Node, refs: &Refs) -> Option<Party> {
    let f = cx.fields(node, "a party", PARTY, &["id", "role"])?;
    let id = f.get("id").and_then(|n| cx.non_empty_string(n, "a party `id`"));
    let role = f.get("role").and_then(|n| cx.string(n, "a party `role`"));
    let role = role.filter(|r| refs.declared(cx, r, &[DeclKind::Role], "role"));
    let name = f.get("name").and_then(|n| cx.string(n, "a party `name`"));
    let controlled_by = optional(f.get("controlled_by"), |n| {
        let ids = cx.strings(n, "`controlled_by`", false)?;
        let known =
            ids.iter().filter(|p| refs.party(cx, p, "`controlled_by`")).count() == ids.len();
        known.then_some(ids)
    });
    Some(Party {
        id: id?,
        role: role?,
        name,
        controlled_by: controlled_by?.unwrap_or_default(),
        span: cx.span(node),
    })
}

fn read_clause(cx: &mut Cx, node: &Node, refs: &Refs) -> Option<Clause> {
    let f = cx.fields(node, "a clause", CLAUSE, &["id", "party", "norm"])?;
    let id = f.get("id").and_then(|n| cx.non_empty_string(n, "a clause `id`"));
    // Formatted only when a message needs it: a record may hold 200,000 clauses.
    let what = ClauseName(id.as_ref());
    let party = f.get("party").and_then(|n| cx.string(n, &format_args!("`party` of {what}")));
    let party = party.filter(|p| refs.party(cx, p, "`party`"));
    let norm_node = f.get("norm");
    let norm = norm_node.and_then(|n| read_norm(cx, n, &what));
    let act_benefit = norm.and_then(|norm| act_or_benefit(cx, &f, norm, &what, refs));
    let from = optional(f.get("from"), |n| {
        cx.string(n, &format_args!("`from` of {what}")).filter(|p| refs.party(cx, p, "`from`"))
    });
    if let (Some(norm), Some(key)) = (norm, f.key("from"))
        && norm != Norm::Right
    {
        let message = format!("{what} has `from`, which only a `right` clause may have");
        let help = "remove `from`, or make the clause `norm: right` with a `benefit`";
        cx.error(Code::RecordSchema, message, cx.span(key), "`from` needs `norm: right`", help);
    }
    let scope = optional(f.get("scope"), |n| {
        cx.scope(n, &format_args!("the `scope` of {what}")).filter(|s| refs.scope_within(cx, s))
    });
    let period = optional(f.get("period"), |n| {
        cx.period(n, &format_args!("the `period` of {what}"))
            .filter(|p| refs.within_term(cx, p, &what))
    });
    let accountable_to = optional(f.get("accountable_to"), |n| {
        let to = cx.string(n, &format_args!("`accountable_to` of {what}"));
        to.filter(|p| refs.party(cx, p, "`accountable_to`"))
    });
    let terms = f.get("terms").map(|n| cx.scalars(n, &format_args!("the `terms` of {what}")));
    let (act, benefit) = act_benefit?;
    Some(Clause {
        id: id?,
        party: party?,
        norm: norm?,
        norm_span: cx.span(norm_node?),
        act,
        benefit,
        from: from?,
        scope: scope?,
        period: period?,
        accountable_to: accountable_to?,
        terms: terms.unwrap_or_default(),
        span: cx.span(node),
    })
}

/// The entries of a list that read without error. The result is sized for all of them up
/// front: a `Clause` is large, and growing a vector of them by doubling copied each many
/// times.
fn read_all<T>(items: &[Node], read: impl FnMut(&Node) -> Option<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    out.extend(items.iter().filter_map(read));
    out
}

/// "clause `4.1`", or "a clause" while its id is unknown.
struct ClauseName<'a>(Option<&'a Name>);

impl fmt::Display for ClauseName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            Some(id) => write!(f, "clause `{}`", id.text),
            None => f.write_str("a clause"),
        }
    }
}

/// An optional field: `Some(None)` when absent, `None` when present but wrong.
fn optional<T>(node: Option<&Node>, read: impl FnOnce(&Node) -> Option<T>) -> Option<Option<T>> {
    match node {
        Some(node) => read(node).map(Some),
        None => Some(None),
    }
}

fn read_norm(cx: &mut Cx, node: &Node, what: &dyn fmt::Display) -> Option<Norm> {
    let text = cx.string(node, &format_args!("`norm` of {what}"))?;
    if let Some(norm) = Norm::parse(&text.text) {
        return Some(norm);
    }
    let names = Norm::ALL.map(Norm::as_str);
    let label = did_you_mean_label(&text.text, &names);
    let message = format!("`{}` is not a norm", text.text);
    let help = format!("a norm is one of {}", super::fields::list(&names));
    cx.error(Code::RecordSchema, message, text.span, &label, &help);
    None
}

/// `act` with every norm but `right`, `benefit` with `right` alone. `None`: an error.
fn act_or_benefit(
    cx: &mut Cx,
    f: &Fields,
    norm: Norm,
    what: &dyn fmt::Display,
    refs: &Refs,
) -> Option<(Option<Name>, Option<Name>)> {
    let (wanted, unwanted) =
        if norm == Norm::Right { ("benefit", "act") } else { ("act", "benefit") };
    let mut ok = true;
    if let Some(key) = f.key(unwanted) {
        let message =
            format!("{what} is a `{}` clause and may not have `{unwanted}`", norm.as_str());
        let help = if norm == Norm::Right {
            "a right names the `benefit` it gives; remove `act`, or choose another norm"
        } else {
            "only a `right` clause names a `benefit`; remove it, or make the clause `norm: right`"
        };
        cx.error(
            Code::RecordSchema,
            message,
            cx.span(key),
            &format!("`{unwanted}` not allowed here"),
            help,
        );
        ok = false;
    }
    let Some(node) = f.get(wanted) else {
        if f.misspelt(wanted) {
            return None;
        }
        let message = format!("{what} is a `{}` clause and lacks `{wanted}`", norm.as_str());
        cx.error(
            Code::RecordSchema,
            message,
            cx.head(f.node),
            &format!("`{wanted}` missing"),
            &format!("add `{wanted}:` to the clause"),
        );
        return None;
    };
    let name = cx.string(node, &format_args!("`{wanted}` of {what}"))?;
    let kinds: &[DeclKind] =
        if norm == Norm::Right { &[DeclKind::Benefit] } else { &[DeclKind::Act, DeclKind::Power] };
    let what_kind = if norm == Norm::Right { "benefit" } else { "act or power" };
    if !refs.declared(cx, &name, kinds, what_kind) || !ok {
        return None;
    }
    Some(if norm == Norm::Right { (None, Some(name)) } else { (Some(name), None) })
}

fn read_waiver(cx: &mut Cx, node: &Node, refs: &Refs) -> Option<Waiver> {
    let f = cx.fields(node, "a waiver", WAIVER, &["code", "reason", "approved_by", "expires"])?;
    let code = f.get("code").and_then(|n| cx.string(n, "a waiver `code`"));
    let code = code.filter(|c| refs::finding_code(cx, c));
    let clauses = optional(f.get("clauses"), |n| {
        let ids = cx.strings(n, "the `clauses` of a waiver", false)?;
        let known = ids.iter().filter(|c| refs.clause(cx, c)).count() == ids.len();
        known.then_some(ids)
    });
    let reason = f.get("reason").and_then(|n| cx.non_empty_string(n, "the `reason` of a waiver"));
    let approved_by = f.get("approved_by").and_then(|n| cx.string(n, "`approved_by` of a waiver"));
    let approved_by = approved_by.filter(|p| refs.party(cx, p, "`approved_by`"));
    let expires_node = f.get("expires");
    let expires = expires_node.and_then(|n| cx.date(n, "the waiver's `expires`"));
    Some(Waiver {
        code: code?,
        clauses: clauses?.unwrap_or_default(),
        reason: reason?,
        approved_by: approved_by?,
        expires: expires?,
        expires_span: cx.span(expires_node?),
        span: cx.span(node),
    })
}

/// The label for an unknown name: "did you mean `x`?" when one is close.
pub fn did_you_mean_label(name: &str, candidates: &[&str]) -> String {
    match crate::diagnostic::did_you_mean(name, candidates.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "not known".to_owned(),
    }
}
