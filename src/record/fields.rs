//! Reading a [`Node`] tree by hand: typed getters that report every problem they see and
//! carry on, so that one run shows a drafter all the mistakes in a record.

use std::fmt::Display;

use crate::checks::Code;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::source::{FileId, Span};
use crate::syntax::ast::Name;
use crate::value::Value;

use super::model::{Dimension, Period, SpannedValue};
use super::yaml::{Kind, Node};

/// The text of one document and the diagnostics found in it so far.
pub struct Cx<'a> {
    /// The whole file's text: node offsets are relative to `base`.
    pub text: &'a str,
    pub base: usize,
    pub file: FileId,
    /// The document's string scalars, which [`Kind::Str`] ranges point into.
    pub strings: &'a str,
    /// The `def.0` of the scalars whose type an explicit tag decided, sorted.
    pub typed: &'a [u32],
    pub diagnostics: Vec<Diagnostic>,
}

/// A scalar as the record means it: quoted text is always a string.
pub enum Scalar {
    Str(String),
    /// A plain scalar shaped like a date: `Err` keeps an impossible one such as 2023-02-29.
    Date(Result<Date, String>),
    Number(f64),
    Bool(bool),
}

/// At most this many fields in one kind of mapping: a clause has ten.
const MAX_FIELDS: usize = 10;

/// The fields of one mapping, checked against what the mapping may hold.
pub struct Fields<'n> {
    pub node: &'n Node,
    allowed: &'static [&'static str],
    /// The key and value of each allowed field, by its position in `allowed`: a fixed array,
    /// as every clause of a record has a mapping and a list per mapping was a cost.
    slots: [Option<(&'n Node, &'n Node)>; MAX_FIELDS],
    /// Bit `i` set: an unknown key of the mapping is a misspelling of `allowed[i]`.
    misspelt: u16,
}

impl<'n> Fields<'n> {
    /// The value of a field, if present (the first, when a key is repeated).
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.slot(name).map(|(_, v)| v)
    }

    /// The key node of a field, for labels on the field rather than its value.
    pub fn key(&self, name: &str) -> Option<&'n Node> {
        self.slot(name).map(|(k, _)| k)
    }

    fn slot(&self, name: &str) -> Option<(&'n Node, &'n Node)> {
        self.slots[self.allowed.iter().position(|a| *a == name)?]
    }

    /// Whether an unknown key of the mapping was reported as a misspelling of `name`
    /// (`untill:` for `until`): then its absence is that one mistake, not a second one.
    pub fn misspelt(&self, name: &str) -> bool {
        self.allowed.iter().position(|a| *a == name).is_some_and(|i| self.misspelt & (1 << i) != 0)
    }
}

impl<'a> Cx<'a> {
    pub fn span(&self, node: &Node) -> Span {
        let (start, mut end) = (self.base + node.start as usize, self.base + node.end as usize);
        // A flow collection ends at its closing bracket, after its last value.
        let closer = match (&node.kind, self.text.as_bytes().get(start)) {
            (Kind::Map(_), Some(b'{')) => Some(b'}'),
            (Kind::Seq(_), Some(b'[')) => Some(b']'),
            _ => None,
        };
        if let Some(closer) = closer {
            let rest = self.text.as_bytes().get(end..).unwrap_or_default();
            let skip = rest.iter().take_while(|b| b.is_ascii_whitespace() || **b == b',').count();
            if rest.get(skip) == Some(&closer) {
                end += skip + 1;
            }
        }
        Span::new(self.file, start, end)
    }

    /// The first line of a node: a readable label for "this mapping lacks a field".
    pub fn head(&self, node: &Node) -> Span {
        let span = self.span(node);
        let text = self.text.get(span.start as usize..span.end as usize).unwrap_or("");
        let len = text.find(['\n', '\r']).unwrap_or(text.len());
        Span::new(self.file, span.start as usize, span.start as usize + len)
    }

    pub fn error(&mut self, code: Code, message: String, span: Span, label: &str, help: &str) {
        let d = Diagnostic::new(code, message).with_label(span, label).with_help(help);
        self.diagnostics.push(d);
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Checks that `node` is a mapping whose keys are distinct, known strings and that every
    /// required field is present. Unknown and repeated fields are reported and left out.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: &(impl Display + ?Sized),
        allowed: &'static [&'static str],
        required: &[&str],
    ) -> Option<Fields<'n>>
    where
        'a: 'n,
    {
        assert!(allowed.len() <= MAX_FIELDS, "a mapping kind with more than {MAX_FIELDS} fields");
        let Kind::Map(pairs) = &node.kind else {
            self.wrong_type(node, what, "a mapping");
            return None;
        };
        let mut fields = Fields { node, allowed, slots: [None; MAX_FIELDS], misspelt: 0 };
        for (key, value) in pairs {
            let Some(name) = self.key_name(key) else {
                let message = format!("{what} has a key that is not a field name");
                self.error(
                    Code::RecordSchema,
                    message,
                    self.span(key),
                    "expected a name here",
                    "write a field name as the key",
                );
                continue;
            };
            let at = allowed.iter().position(|a| *a == name);
            if let Some((first, _)) = at.and_then(|at| fields.slots[at]) {
                let d = Diagnostic::new(
                    Code::RecordDuplicateId,
                    format!("{what} repeats the field `{name}`"),
                )
                .with_label(self.span(key), "repeated here")
                .with_label(self.span(first), "first given here")
                .with_help("keep one of the two; YAML does not allow a key twice in a mapping");
                self.push(d);
                continue;
            }
            let Some(at) = at else {
                let mut help = format!("the fields of {what} are {}", list(allowed));
                let mut label = "unknown field".to_owned();
                if let Some(close) = did_you_mean(name, allowed.iter().copied()) {
                    label = format!("did you mean `{close}`?");
                    help = format!("rename it to `{close}`");
                    if let Some(i) = allowed.iter().position(|a| *a == close) {
                        fields.misspelt |= 1 << i;
                    }
                }
                self.error(
                    Code::RecordSchema,
                    format!("unknown field `{name}` in {what}"),
                    self.span(key),
                    &label,
                    &help,
                );
                continue;
            };
            fields.slots[at] = Some((key, value));
        }
        for name in required {
            if fields.get(name).is_none() && !fields.misspelt(name) {
                let message = format!("{what} lacks the required field `{name}`");
                self.error(
                    Code::RecordSchema,
                    message,
                    self.head(node),
                    &format!("`{name}` missing"),
                    &format!("add `{name}:` to {what}"),
                );
            }
        }
        Some(fields)
    }

    pub fn wrong_type(&mut self, node: &Node, what: &(impl Display + ?Sized), expected: &str) {
        let found = node.type_name();
        let message = format!("{what} must be {expected}, not {found}");
        let help = match (&node.kind, expected) {
            (Kind::Number(_) | Kind::Bool(_), "a string") => {
                format!("quote it: `\"{}\"`", self.raw(node))
            }
            (Kind::Str(_) | Kind::Number(_) | Kind::Bool(_), "a list of strings") => {
                format!("write it as a list: `[{}]`", self.raw(node))
            }
            _ => format!("write {expected} here"),
        };
        self.error(
            Code::RecordSchema,
            message,
            self.span(node),
            &format!("expected {expected}"),
            &help,
        );
    }

    /// The text of a string key, without copying it.
    pub fn key_name(&self, key: &Node) -> Option<&'a str> {
        match key.kind {
            Kind::Str(text) => Some(text.get(self.strings)),
            _ => None,
        }
    }

    /// The value of the field `name` of a mapping, found without any checks.
    pub fn field<'n>(&self, node: &'n Node, name: &str) -> Option<&'n Node> {
        let Kind::Map(pairs) = &node.kind else { return None };
        pairs.iter().find(|(k, _)| self.key_name(k) == Some(name)).map(|(_, v)| v)
    }

    /// The source text a scalar was defined with.
    fn raw(&self, node: &Node) -> &'a str {
        let (start, end) = (self.base + node.def.0 as usize, self.base + node.def.1 as usize);
        self.text.get(start..end).unwrap_or("")
    }

    /// Whether an explicit tag decided the node's type: then its kind is what it means.
    fn is_typed(&self, node: &Node) -> bool {
        !self.typed.is_empty() && self.typed.binary_search(&node.def.0).is_ok()
    }

    /// What a scalar node means; `None` for containers and null.
    pub fn scalar(&self, node: &Node) -> Option<Scalar> {
        if self.is_typed(node) {
            return match &node.kind {
                Kind::Str(text) => Some(Scalar::Str(text.get(self.strings).to_owned())),
                Kind::Number(n) => Some(Scalar::Number(*n)),
                Kind::Bool(b) => Some(Scalar::Bool(*b)),
                Kind::Null | Kind::Seq(_) | Kind::Map(_) => None,
            };
        }
        if let Some(s) = self.str_of(node) {
            return Some(Scalar::Str(s.to_owned()));
        }
        let raw = self.raw(node);
        match &node.kind {
            Kind::Bool(b) => Some(Scalar::Bool(*b)),
            // `str_of` took the numbers that are not plain decimals.
            Kind::Number(n) => Some(Scalar::Number(raw.parse().unwrap_or(*n))),
            // `str_of` took every string but a plain, date-shaped one.
            Kind::Str(_) => Some(Scalar::Date(Date::parse(raw).ok_or_else(|| raw.to_owned()))),
            Kind::Null | Kind::Seq(_) | Kind::Map(_) => None,
        }
    }

    /// The text of a scalar that [`Cx::scalar`] reads as [`Scalar::Str`], without copying
    /// it: ids are looked up far more often than they are kept.
    pub fn str_of(&self, node: &Node) -> Option<&'a str> {
        if self.is_typed(node) {
            return match node.kind {
                Kind::Str(text) => Some(text.get(self.strings)),
                _ => None,
            };
        }
        let raw = self.raw(node);
        match &node.kind {
            // Only plain decimal numbers are numbers: `0123`, `1_000` and `0x1F` stay text.
            Kind::Number(_) if !is_decimal(raw) => Some(raw),
            Kind::Str(text) => {
                let s = text.get(self.strings);
                // A plain scalar reads exactly as written; anything else was quoted or folded.
                // (The cheap shape test first: few strings look like dates.)
                (!Date::looks_like(s) || s != raw).then_some(s)
            }
            _ => None,
        }
    }

    /// A string field. A number or boolean is refused: ids like `3.1` must be quoted.
    pub fn string(&mut self, node: &Node, what: &(impl Display + ?Sized)) -> Option<Name> {
        match self.scalar(node) {
            Some(Scalar::Str(s)) => Some(Name::new(s, self.span(node))),
            // A date-shaped id or name is text written plainly, not a date.
            Some(Scalar::Date(_)) => Some(Name::new(self.raw(node), self.span(node))),
            _ => {
                self.wrong_type(node, what, "a string");
                None
            }
        }
    }

    /// A string that must not be empty or blank.
    pub fn non_empty_string(
        &mut self,
        node: &Node,
        what: &(impl Display + ?Sized),
    ) -> Option<Name> {
        let name = self.string(node, what)?;
        if name.text.trim().is_empty() {
            let message = format!("{what} is empty");
            self.error(Code::RecordSchema, message, name.span, "empty", &format!("write {what}"));
            return None;
        }
        Some(name)
    }

    /// A date, written plainly (`2024-01-01`) or quoted as JSON must.
    pub fn date(&mut self, node: &Node, what: &(impl Display + ?Sized)) -> Option<Date> {
        let text = match self.scalar(node) {
            Some(Scalar::Date(Ok(date))) => return Some(date),
            Some(Scalar::Date(Err(text))) => text,
            Some(Scalar::Str(text)) if Date::looks_like(&text) => text,
            _ => {
                self.wrong_type(node, what, "a date (YYYY-MM-DD)");
                return None;
            }
        };
        match Date::parse(&text) {
            Some(date) => Some(date),
            None => {
                let message = format!("{what} is `{text}`, which is not a calendar date");
                let help = "write a day that exists, as YYYY-MM-DD (February has 29 days only in leap years)";
                self.error(Code::RecordBadPeriod, message, self.span(node), "no such day", help);
                None
            }
        }
    }

    /// `{from: date, until: date}` with `from <= until`.
    pub fn period(&mut self, node: &Node, what: &(impl Display + ?Sized)) -> Option<Period> {
        let fields = self.fields(node, what, &["from", "until"], &["from", "until"])?;
        let from_node = fields.get("from");
        let until_node = fields.get("until");
        let from = from_node.and_then(|n| self.date(n, &format_args!("`from` of {what}")));
        let until = until_node.and_then(|n| self.date(n, &format_args!("`until` of {what}")));
        let (from, until, from_node, until_node) = (from?, until?, from_node?, until_node?);
        if until < from {
            let d = Diagnostic::new(
                Code::RecordBadPeriod,
                format!("{what} ends on {until}, before it starts on {from}"),
            )
            .with_label(self.span(until_node), "`until` is before `from`")
            .with_label(self.span(from_node), "`from` is here")
            .with_help("swap the two dates, or correct the one that is wrong");
            self.push(d);
            return None;
        }
        Some(Period { from, until, span: self.span(node) })
    }

    /// A list; an absent list is empty. `non_empty` reports an empty one.
    pub fn list<'n>(
        &mut self,
        node: &'n Node,
        what: &(impl Display + ?Sized),
        non_empty: bool,
    ) -> &'n [Node] {
        match &node.kind {
            Kind::Seq(items) if non_empty && items.is_empty() => {
                let message = format!("{what} is empty");
                self.error(
                    Code::RecordSchema,
                    message,
                    self.span(node),
                    "empty list",
                    &format!("list at least one entry in {what}"),
                );
                items
            }
            Kind::Seq(items) => items,
            _ => {
                self.wrong_type(node, what, "a list");
                &[]
            }
        }
    }

    /// A list of strings, such as `controlled_by: [acme]`.
    pub fn strings(
        &mut self,
        node: &Node,
        what: &(impl Display + ?Sized),
        non_empty: bool,
    ) -> Option<Vec<Name>> {
        if !matches!(node.kind, Kind::Seq(_)) {
            self.wrong_type(node, what, "a list of strings");
            return None;
        }
        let items = self.list(node, what, non_empty);
        let mut names = Vec::with_capacity(items.len());
        names.extend(
            items.iter().filter_map(|n| self.string(n, &format_args!("an entry of {what}"))),
        );
        (names.len() == items.len()).then_some(names)
    }

    /// A mapping of names to scalars: `attributes` and `terms`.
    pub fn scalars(
        &mut self,
        node: &Node,
        what: &(impl Display + ?Sized),
    ) -> Vec<(Name, SpannedValue)> {
        let Kind::Map(pairs) = &node.kind else {
            self.wrong_type(node, what, "a mapping of names to values");
            return Vec::new();
        };
        let mut out: Vec<(Name, SpannedValue)> = Vec::with_capacity(pairs.len());
        // Where each name was first given, by name, for a long mapping: a search of `out`
        // per name would be quadratic (a short one, as `terms` are, is searched directly).
        let mut seen: std::collections::HashMap<String, Span> = std::collections::HashMap::new();
        for (key, value) in pairs {
            let Some(name) = self.string(key, &format_args!("a name in {what}")) else { continue };
            let first = if pairs.len() > 16 {
                seen.get(&name.text).copied()
            } else {
                out.iter().find(|(n, _)| n.text == name.text).map(|(n, _)| n.span)
            };
            if let Some(first) = first {
                let d = Diagnostic::new(
                    Code::RecordDuplicateId,
                    format!("{what} repeats `{}`", name.text),
                )
                .with_label(name.span, "repeated here")
                .with_label(first, "first given here")
                .with_help("keep one of the two");
                self.push(d);
                continue;
            }
            let span = self.span(value);
            let value = match self.scalar(value) {
                Some(Scalar::Str(s)) => Value::Str(s),
                Some(Scalar::Number(n)) => Value::Number(n),
                Some(Scalar::Bool(b)) => Value::Bool(b),
                Some(Scalar::Date(Ok(d))) => Value::Date(d),
                Some(Scalar::Date(Err(text))) => {
                    let message =
                        format!("`{}` in {what} is `{text}`, not a calendar date", name.text);
                    let help = "write a day that exists, or quote the value to keep it as text";
                    self.error(Code::RecordBadPeriod, message, span, "no such day", help);
                    continue;
                }
                None => {
                    self.wrong_type(
                        value,
                        &format_args!("`{}` in {what}", name.text),
                        "a single value",
                    );
                    continue;
                }
            };
            if pairs.len() > 16 {
                seen.insert(name.text.clone(), name.span);
            }
            out.push((name, SpannedValue { value, span }));
        }
        out
    }

    /// A scope: dimension names to non-empty lists of distinct values.
    pub fn scope(&mut self, node: &Node, what: &(impl Display + ?Sized)) -> Option<Vec<Dimension>> {
        let Kind::Map(pairs) = &node.kind else {
            self.wrong_type(node, what, "a mapping of dimensions to lists of values");
            return None;
        };
        let mut dims: Vec<Dimension> = Vec::with_capacity(pairs.len());
        let mut ok = true;
        for (key, value) in pairs {
            let Some(name) = self.string(key, &format_args!("a dimension of {what}")) else {
                ok = false;
                continue;
            };
            if let Some(first) = dims.iter().find(|d| d.name.text == name.text) {
                let d = Diagnostic::new(
                    Code::RecordDuplicateId,
                    format!("{what} repeats the dimension `{}`", name.text),
                )
                .with_label(name.span, "repeated here")
                .with_label(first.name.span, "first given here")
                .with_help("list all values of a dimension once, in one list");
                self.push(d);
                ok = false;
                continue;
            }
            let Some(values) =
                self.strings(value, &format_args!("dimension `{}` of {what}", name.text), true)
            else {
                ok = false;
                continue;
            };
            for (i, v) in values.iter().enumerate() {
                if let Some(first) = values[..i].iter().find(|f| f.text == v.text) {
                    let d = Diagnostic::new(
                        Code::RecordDuplicateId,
                        format!("dimension `{}` of {what} lists `{}` twice", name.text, v.text),
                    )
                    .with_label(v.span, "repeated here")
                    .with_label(first.span, "first listed here")
                    .with_help("list each value once");
                    self.push(d);
                    ok = false;
                }
            }
            dims.push(Dimension { name, values });
        }
        ok.then_some(dims)
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`: the numbers JSON and a drafter write.
fn is_decimal(text: &str) -> bool {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let s = text.strip_prefix('-').unwrap_or(text);
    let int = digits(s);
    if int == 0 || (int > 1 && s.starts_with('0')) {
        return false;
    }
    let mut rest = &s[int..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = digits(frac);
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    if let Some(exp) = rest.strip_prefix(['e', 'E']) {
        let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        let n = digits(exp);
        if n == 0 {
            return false;
        }
        rest = &exp[n..];
    }
    rest.is_empty()
}

/// `a`, `b` and `c`, in backticks.
pub fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::is_decimal;

    #[test]
    fn decimal_numbers_only() {
        for yes in ["0", "-0", "12", "3.1", "1e3", "-2.5E-3", "12000000"] {
            assert!(is_decimal(yes), "{yes}");
        }
        for no in ["0123", "1_000", "0x1F", "+5", ".5", "5.", "1e", "", "-", "inf"] {
            assert!(!is_decimal(no), "{no}");
        }
    }
}
