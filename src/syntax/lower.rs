//! Text to syntax tree: the only module that knows pest exists.
//!
//! The file is parsed one item at a time (header, declaration, article opening, statement),
//! each with its own pest call on the rest of the text, so that after a syntax error the
//! parser can resynchronise at the next `;`, `}` or item keyword and report every mistake
//! of the file in one run. Conditions are measured by [`scan::too_deep`] before pest sees
//! them, so pest's recursion and ours are bounded by the 64 levels the language allows.

use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;

use super::ast::{self, DeclKind, Item, Level, Name};
use super::literal;
use super::scan::{self, MAX_DEPTH};
use super::words;
use crate::checks::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use crate::value::Value;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/charter.pest"]
struct CharterParser;

/// Parses one policy file. Returns the tree of everything that parsed, and every diagnostic.
pub fn parse(file: FileId, text: &str) -> (ast::File, Vec<Diagnostic>) {
    let mut lower =
        Lower { file, text, base: 0, out: ast::File::default(), diags: Vec::new(), errors: 0 };
    lower.file_items();
    (lower.out, lower.diags)
}

/// The state of lowering one file. `base` is the offset of the slice pest is parsing.
struct Lower<'t> {
    file: FileId,
    text: &'t str,
    base: usize,
    out: ast::File,
    diags: Vec<Diagnostic>,
    /// Syntax errors so far; parsing stops at [`MAX_SYNTAX_ERRORS`].
    errors: usize,
}

/// After this many syntax errors in one file the rest is probably not a policy at all, and
/// stopping keeps the work per file linear in its size.
const MAX_SYNTAX_ERRORS: usize = 100;

impl<'t> Lower<'t> {
    fn file_items(&mut self) {
        let mut pos = 0;
        while let Some(at) = self.trivia(pos).filter(|_| !self.stopped()) {
            pos = match scan::word_at(self.text, at) {
                "policy" => self.item(at, Rule::header, Lower::header),
                "role" | "act" | "power" | "benefit" => {
                    self.item(at, Rule::declaration, Lower::declaration)
                }
                "article" => self.article(at),
                _ => {
                    let expected = "'policy', 'role', 'act', 'power', 'benefit' or 'article'";
                    let help = "a policy file holds an optional `policy` header, declarations \
                                (`role`, `act`, `power`, `benefit`) and articles";
                    self.syntax_error(at, &[expected], help);
                    scan::next_item(self.text, scan::token_end(self.text, at).max(at + 1))
                }
            };
        }
    }

    /// Skips whitespace and comments; `None` at the end of the text (or of a comment that
    /// never ends, which is reported).
    fn trivia(&mut self, pos: usize) -> Option<usize> {
        match scan::skip_trivia(self.text, pos) {
            Ok(at) if at < self.text.len() => Some(at),
            Ok(_) => None,
            Err(at) => {
                let d = Diagnostic::new(Code::SyntaxPolicy, "unterminated block comment")
                    .with_label(self.span(at, at + 2), "this comment is never closed")
                    .with_help("close the comment with `*/`; block comments do not nest");
                self.diags.push(d);
                None
            }
        }
    }

    /// Parses one item with `rule` at `pos` and lowers it with `lower`. Returns where the
    /// next item may start.
    fn item(&mut self, pos: usize, rule: Rule, lower: fn(&mut Self, Pair<'t, Rule>)) -> usize {
        match self.pest(rule, pos) {
            Ok(pair) => {
                let end = self.base + pair.as_span().end();
                lower(self, pair);
                end
            }
            Err(at) => scan::next_item(self.text, at.max(pos + 1)),
        }
    }

    /// Runs pest on the text from `pos`. On a syntax error it is reported and the position
    /// where parsing stopped is returned.
    fn pest(&mut self, rule: Rule, pos: usize) -> Result<Pair<'t, Rule>, usize> {
        self.base = pos;
        // A statement cannot run past its `;` or a `}`, so pest gets only that much: its
        // errors then cost the statement's length, not the rest of the file's.
        let end = match rule {
            Rule::statement => scan::statement_end(self.text, pos),
            _ => self.text.len(),
        };
        let rest = &self.text[pos..end];
        match CharterParser::parse(rule, rest) {
            Ok(mut pairs) => pairs.next().ok_or(pos),
            Err(error) => {
                let at = pos
                    + match error.location {
                        InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
                    };
                let expected: Vec<&str> = match &error.variant {
                    ErrorVariant::ParsingError { positives, .. } => {
                        positives.iter().map(|&r| describe(r)).collect()
                    }
                    ErrorVariant::CustomError { .. } => Vec::new(),
                };
                self.syntax_error(at, &expected, help_for(rule));
                Err(at)
            }
        }
    }

    fn article(&mut self, start: usize) -> usize {
        let open = match self.pest(Rule::article_open, start) {
            Ok(pair) => pair,
            Err(at) => return scan::next_item(self.text, at.max(start + 1)),
        };
        let mut pos = self.base + open.as_span().end();
        let (mut number, mut title) = (None, None);
        for p in open.into_inner() {
            match p.as_rule() {
                Rule::article_number => number = Some(self.name(&p)),
                Rule::string => title = Some(self.string(&p)),
                _ => {}
            }
        }
        let number = number.unwrap_or_else(|| Name::new("?", self.span(pos, pos)));
        let span = self.span(start, pos);
        let mut article = ast::Article { number, title, statements: Vec::new(), span };
        let end = loop {
            let Some(at) = self.trivia(pos) else {
                let eof = self.text.len();
                self.syntax_error(eof, &["a statement", "'}'"], "close the article with `}`");
                break eof;
            };
            if self.text.as_bytes()[at] == b'}' {
                break at + 1;
            }
            if self.stopped() {
                break at;
            }
            if scan::ITEM_KEYWORDS.contains(&scan::word_at(self.text, at)) {
                let help = format!("close article `{}` with `}}`", article.number.text);
                self.syntax_error(at, &["a statement", "'}'"], &help);
                break at;
            }
            pos = self.statement(at, &mut article.statements);
        };
        // The article's span runs from `article` to its `}` (or where it was cut short).
        article.span = self.span(start, end);
        self.out.order.push(Item::Article(self.out.articles.len()));
        self.out.articles.push(article);
        end
    }

    /// Parses one statement at `pos` into `into`. Returns where the next one may start.
    fn statement(&mut self, pos: usize, into: &mut Vec<ast::Statement>) -> usize {
        if let Some((s, e)) = scan::too_deep(self.text, pos) {
            let d = Diagnostic::new(
                Code::SyntaxTooDeep,
                format!("condition nests deeper than {MAX_DEPTH} levels"),
            )
            .with_label(self.span(s, e), format!("level {} starts here", MAX_DEPTH + 1))
            .with_help("split the condition into several statements, or remove parentheses and `not`s that are not needed");
            self.diags.push(d);
            return scan::statement_stop(self.text, pos).resume();
        }
        match self.pest(Rule::statement, pos) {
            Ok(pair) => {
                let end = self.base + pair.as_span().end();
                let before = self.diags.len();
                let statement = self.lower_statement(pair);
                if let Some(s) = statement.filter(|_| self.diags.len() == before) {
                    into.push(s);
                }
                end
            }
            Err(_) => scan::statement_stop(self.text, pos).resume(),
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    /// The absolute span of a pair of the slice being parsed.
    fn pspan(&self, p: &Pair<'t, Rule>) -> Span {
        let s = p.as_span();
        self.span(self.base + s.start(), self.base + s.end())
    }

    fn name(&self, p: &Pair<'t, Rule>) -> Name {
        Name::new(p.as_str(), self.pspan(p))
    }

    /// A syntax error at `at`, with what was expected there in words.
    fn syntax_error(&mut self, at: usize, expected: &[&str], help: &str) {
        let d = words::syntax_error(self.text, self.file, at, expected, help);
        self.diags.push(d);
        self.errors += 1;
        if self.errors == MAX_SYNTAX_ERRORS {
            let end = scan::token_end(self.text, at);
            let d = Diagnostic::new(
                Code::SyntaxPolicy,
                format!("too many syntax errors: stopped after {MAX_SYNTAX_ERRORS}"),
            )
            .with_label(self.span(at, end), "stopped here")
            .with_help("fix the errors above and run again; is this file a policy?");
            self.diags.push(d);
        }
    }

    fn stopped(&self) -> bool {
        self.errors >= MAX_SYNTAX_ERRORS
    }
}

/// Lowering of pairs into the tree. Every function here trusts the grammar for the shape
/// of its pair but still returns `None` rather than panicking when a child is missing.
impl<'t> Lower<'t> {
    fn header(&mut self, pair: Pair<'t, Rule>) {
        let span = self.pspan(&pair);
        let mut header = ast::Header {
            id: Name::new("", span),
            title: None,
            version: None,
            level: None,
            effective: None,
            source: None,
            span,
        };
        let mut seen: Vec<(&'static str, Span)> = Vec::new();
        for p in pair.into_inner() {
            let field = match p.as_rule() {
                Rule::string => {
                    header.id = self.string(&p);
                    continue;
                }
                Rule::title_field => "title",
                Rule::version_field => "version",
                Rule::level_field => "level",
                Rule::effective_field => "effective",
                Rule::source_field => "source",
                _ => continue,
            };
            let field_span = self.pspan(&p);
            if let Some(&(_, first)) = seen.iter().find(|(f, _)| *f == field) {
                let d = Diagnostic::new(
                    Code::SyntaxPolicy,
                    format!("`{field}` is given twice in the policy header"),
                )
                .with_label(field_span, "given again here")
                .with_label(first, "first given here")
                .with_help(format!("keep one `{field}` line"));
                self.diags.push(d);
                continue;
            }
            seen.push((field, field_span));
            let Some(value) = p.into_inner().nth(1) else { continue };
            match field {
                "title" => header.title = Some(self.string(&value)),
                "version" => header.version = Some(self.string(&value)),
                "source" => header.source = Some(self.string(&value)),
                "level" => header.level = Some((level(value.as_str()), self.pspan(&value))),
                _ => header.effective = self.date(&value).map(|d| (d, self.pspan(&value))),
            }
        }
        if let Some(first) = &self.out.header {
            let d = Diagnostic::new(Code::SyntaxPolicy, "a policy file has at most one header")
                .with_label(span, "second header")
                .with_label(first.span, "first header")
                .with_help("merge the two headers, or move one into its own file");
            self.diags.push(d);
            return;
        }
        self.out.header = Some(header);
        self.out.order.push(Item::Header);
    }

    fn declaration(&mut self, pair: Pair<'t, Rule>) {
        let span = self.pspan(&pair);
        let (mut kind, mut id, mut label) = (DeclKind::Role, None, None);
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::k_role => kind = DeclKind::Role,
                Rule::k_act => kind = DeclKind::Act,
                Rule::k_power => kind = DeclKind::Power,
                Rule::k_benefit => kind = DeclKind::Benefit,
                Rule::decl_name => id = Some(self.name(&p)),
                Rule::string => label = Some(self.string(&p)),
                _ => {}
            }
        }
        let Some(id) = id else { return };
        // pest's implicit whitespace before a missing label belongs to no token: end the
        // declaration at its last token, not after the blank lines and comments that follow.
        let mut span = span;
        span.end = label.as_ref().map_or(id.span.end, |l: &ast::Name| l.span.end);
        self.out.order.push(Item::Declaration(self.out.declarations.len()));
        self.out.declarations.push(ast::Declaration { kind, id, label, span });
    }

    fn lower_statement(&mut self, pair: Pair<'t, Rule>) -> Option<ast::Statement> {
        let span = self.pspan(&pair);
        let (mut kind, mut condition) = (None, None);
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::when_clause => {
                    let expr = p.into_inner().find(|q| q.as_rule() == Rule::or_expr)?;
                    condition = Some(self.expr(expr, 0)?);
                }
                Rule::semi => {}
                _ => kind = self.statement_kind(p),
            }
        }
        Some(ast::Statement { kind: kind?, condition, span })
    }

    fn statement_kind(&mut self, pair: Pair<'t, Rule>) -> Option<ast::StatementKind> {
        use ast::StatementKind as K;
        let rule = pair.as_rule();
        let (mut roles, mut acts, mut others) = (Vec::new(), Vec::new(), Vec::new());
        let (mut alone, mut quantity) = (false, ast::Quantity::ExactlyOne);
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::role_name => roles.push(self.name(&p)),
                Rule::act_name => acts.push(self.name(&p)),
                Rule::benefit_name | Rule::term_name => others.push(self.name(&p)),
                Rule::k_alone => alone = true,
                Rule::quantity => quantity = quantity_of(&p),
                _ => {}
            }
        }
        let role = roles.into_iter().next();
        Some(match rule {
            Rule::may => K::May { role: role?, acts },
            Rule::must => K::Must { role: role?, acts },
            Rule::must_not => K::MustNot { role: role?, acts, alone },
            Rule::require_holder => K::Require { quantity, act: acts.into_iter().next()?, role },
            Rule::require_terms => K::RequireTerms { terms: others, acts },
            Rule::require_accountability => K::RequireAccountability { acts },
            Rule::compensate => K::Compensate { role: role?, acts, benefits: others },
            Rule::separate => {
                let mut acts = acts.into_iter();
                K::Separate { act: acts.next()?, from: acts.collect() }
            }
            _ => return None,
        })
    }

    /// Lowers a condition. `depth` counts our own recursion: the pre-scan already bounds it,
    /// this is a second guard in case the two ever disagree.
    fn expr(&mut self, pair: Pair<'t, Rule>, depth: usize) -> Option<ast::Expr> {
        use ast::ExprKind as E;
        let span = self.pspan(&pair);
        if depth > 8 * MAX_DEPTH {
            let d = Diagnostic::new(Code::SyntaxTooDeep, "condition nests too deeply")
                .with_label(span, "too deep")
                .with_help("split the condition into several statements");
            self.diags.push(d);
            return None;
        }
        let kind = match pair.as_rule() {
            rule @ (Rule::or_expr | Rule::and_expr) => {
                let mut operands = Vec::new();
                for p in pair.into_inner() {
                    if !matches!(p.as_rule(), Rule::k_or | Rule::k_and) {
                        operands.push(self.expr(p, depth + 1)?);
                    }
                }
                return balance(operands, rule == Rule::or_expr);
            }
            Rule::not_expr => {
                let mut inner = pair.into_inner();
                let first = inner.next()?;
                if first.as_rule() != Rule::k_not {
                    return self.expr(first, depth + 1);
                }
                E::Not(Box::new(self.expr(inner.next()?, depth + 1)?))
            }
            Rule::cmp_expr => {
                let mut inner = pair.into_inner();
                let left = self.expr(inner.next()?, depth + 1)?;
                let Some(op) = inner.next() else { return Some(left) };
                if op.as_rule() == Rule::cmp_op {
                    let right = self.expr(inner.next()?, depth + 1)?;
                    E::Cmp(cmp_op(op.as_str())?, Box::new(left), Box::new(right))
                } else {
                    let mut list = Vec::new();
                    for p in inner {
                        if !matches!(p.as_rule(), Rule::lbracket | Rule::rbracket | Rule::comma) {
                            let at = self.pspan(&p);
                            list.push((self.literal(&p)?, at));
                        }
                    }
                    E::In(Box::new(left), list)
                }
            }
            Rule::paren => {
                let inner = pair.into_inner().find(|p| p.as_rule() == Rule::or_expr)?;
                E::Paren(Box::new(self.expr(inner, depth + 1)?))
            }
            Rule::path => return self.path(pair),
            _ => E::Lit(self.literal(&pair)?),
        };
        Some(ast::Expr { kind, span })
    }

    fn path(&mut self, pair: Pair<'t, Rule>) -> Option<ast::Expr> {
        let span = self.pspan(&pair);
        let (mut root, mut fields) = (None, Vec::new());
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::path_root => root = Some(self.name(&p)),
                Rule::field => fields.push(self.name(&p)),
                _ => {}
            }
        }
        let root_name = root?;
        let root = match root_name.as_str() {
            "agreement" => ast::Root::Agreement,
            "clause" => ast::Root::Clause,
            other => {
                let hint = crate::diagnostic::did_you_mean(other, ["agreement", "clause"])
                    .map_or(String::new(), |m| format!(" (did you mean `{m}`?)"));
                let d = Diagnostic::new(
                    Code::PolicyInvalidPath,
                    format!("a path cannot start with `{other}`{hint}"),
                )
                .with_label(root_name.span, "not `agreement` or `clause`")
                .with_help(
                    "start the path with `agreement.` (the agreement's id, title, term or \
                     attributes) or `clause.` (a field of the clause being checked)",
                );
                self.diags.push(d);
                return None;
            }
        };
        Some(ast::Expr { kind: ast::ExprKind::Path { root, fields }, span })
    }

    fn literal(&mut self, p: &Pair<'t, Rule>) -> Option<Value> {
        match p.as_rule() {
            Rule::date | Rule::bad_date => self.date(p).map(Value::Date),
            Rule::number => match literal::number(p.as_str()) {
                Ok(n) => Some(Value::Number(n)),
                Err(bad) => {
                    self.bad(self.pspan(p).start as usize, bad);
                    None
                }
            },
            Rule::string => Some(Value::Str(self.string(p).text)),
            Rule::k_true => Some(Value::Bool(true)),
            Rule::k_false => Some(Value::Bool(false)),
            _ => None,
        }
    }

    fn date(&mut self, p: &Pair<'t, Rule>) -> Option<crate::date::Date> {
        match literal::date(p.as_str()) {
            Ok(d) => Some(d),
            Err(bad) => {
                self.bad(self.pspan(p).start as usize, bad);
                None
            }
        }
    }

    /// A string token as a name: its text with escapes resolved, its span with the quotes.
    fn string(&mut self, p: &Pair<'t, Rule>) -> Name {
        let span = self.pspan(p);
        let quoted = p.as_str();
        let body = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("");
        let (text, bad) = literal::unescape(body);
        for b in bad {
            self.bad(span.start as usize + 1, b);
        }
        Name::new(text, span)
    }

    /// Reports a problem inside a token that starts at `at`.
    fn bad(&mut self, at: usize, bad: literal::Bad) {
        let d = Diagnostic::new(Code::SyntaxPolicy, bad.message)
            .with_label(self.span(at + bad.start, at + bad.end), bad.label)
            .with_help(bad.help);
        self.diags.push(d);
    }
}

/// Folds `a or b or c ...` into a balanced tree, keeping the operands' order. A long chain
/// thus stays shallow (log2 of its length) for every later recursion, including `Drop`.
fn balance(mut items: Vec<ast::Expr>, or: bool) -> Option<ast::Expr> {
    use ast::ExprKind as E;
    while items.len() > 1 {
        let mut next = Vec::with_capacity(items.len() / 2 + 1);
        let mut it = items.into_iter();
        while let Some(a) = it.next() {
            match it.next() {
                Some(b) => {
                    let span = a.span.to(b.span);
                    let (a, b) = (Box::new(a), Box::new(b));
                    let kind = if or { E::Or(a, b) } else { E::And(a, b) };
                    next.push(ast::Expr { kind, span });
                }
                None => next.push(a),
            }
        }
        items = next;
    }
    items.pop()
}

fn level(text: &str) -> Level {
    match text {
        "law" => Level::Law,
        "regulation" => Level::Regulation,
        "rule" => Level::Rule,
        _ => Level::Normative,
    }
}

fn cmp_op(text: &str) -> Option<ast::CmpOp> {
    use ast::CmpOp as C;
    Some(match text {
        "==" => C::Eq,
        "!=" => C::Ne,
        "<" => C::Lt,
        "<=" => C::Le,
        ">" => C::Gt,
        ">=" => C::Ge,
        _ => return None,
    })
}

fn quantity_of(p: &Pair<'_, Rule>) -> ast::Quantity {
    let words: Vec<Rule> = p.clone().into_inner().map(|q| q.as_rule()).collect();
    if words.contains(&Rule::k_least) {
        ast::Quantity::AtLeastOne
    } else if words.contains(&Rule::k_most) {
        ast::Quantity::AtMostOne
    } else {
        ast::Quantity::ExactlyOne
    }
}

/// What a grammar rule stands for, in the words of docs/language.md.
fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::semi => "';'",
        Rule::comma => "','",
        Rule::lbrace => "'{'",
        Rule::rbrace => "'}'",
        Rule::lparen => "'('",
        Rule::rparen => "')'",
        Rule::lbracket => "'['",
        Rule::rbracket => "']'",
        Rule::dot => "'.'",
        Rule::k_policy => "'policy'",
        Rule::k_title => "'title'",
        Rule::k_version => "'version'",
        Rule::k_level => "'level'",
        Rule::k_effective => "'effective'",
        Rule::k_source => "'source'",
        Rule::k_role => "'role'",
        Rule::k_act => "'act'",
        Rule::k_power => "'power'",
        Rule::k_benefit => "'benefit'",
        Rule::k_article => "'article'",
        Rule::k_may => "'may'",
        Rule::k_must => "'must'",
        Rule::k_not => "'not'",
        Rule::k_alone => "'alone'",
        Rule::k_require => "'require'",
        Rule::k_exactly => "'exactly'",
        Rule::k_at => "'at'",
        Rule::k_least => "'least'",
        Rule::k_most => "'most'",
        Rule::k_one => "'one'",
        Rule::k_holder => "'holder'",
        Rule::k_of => "'of'",
        Rule::k_with => "'with'",
        Rule::k_separate => "'separate'",
        Rule::k_from => "'from'",
        Rule::k_for => "'for'",
        Rule::k_accountability => "'accountability'",
        Rule::k_compensate => "'compensate'",
        Rule::k_when => "'when'",
        Rule::k_and => "'and'",
        Rule::k_or => "'or'",
        Rule::k_in => "'in'",
        Rule::k_true => "'true'",
        Rule::k_false => "'false'",
        Rule::decl_name => "an id",
        Rule::role_name => "a role",
        Rule::act_name => "an act or power",
        Rule::benefit_name => "a benefit",
        Rule::term_name => "a term name",
        Rule::string | Rule::string_body => "a string",
        Rule::number => "a number",
        Rule::date | Rule::bad_date => "a date (YYYY-MM-DD)",
        Rule::level_value => "'law', 'regulation', 'rule' or 'normative'",
        Rule::article_number => "an article number",
        Rule::cmp_op => "a comparison ('==', '!=', '<', '<=', '>', '>=')",
        Rule::path | Rule::path_root => "a path",
        Rule::field => "a field name",
        Rule::quantity => "'exactly', 'at least' or 'at most'",
        Rule::header => "a policy header",
        Rule::declaration => "a declaration",
        Rule::article | Rule::article_open => "an article",
        Rule::EOI => "the end of the file",
        Rule::when_clause
        | Rule::or_expr
        | Rule::and_expr
        | Rule::not_expr
        | Rule::cmp_expr
        | Rule::paren => "a condition",
        _ => "a statement",
    }
}

/// How to fix a syntax error in an item parsed with `rule`.
fn help_for(rule: Rule) -> &'static str {
    match rule {
        Rule::header => {
            "a header reads `policy \"id\" { title \"...\" version \"...\" level regulation \
             effective 2024-05-30 source \"...\" }`, every field optional"
        }
        Rule::declaration => {
            "a declaration reads `role id \"label\"` (or `act`, `power`, `benefit`), the label \
             optional"
        }
        Rule::article_open => "an article opens with `article 3.2 \"title\" {`",
        _ => {
            "a statement reads like `role may act, act;` or `require exactly one holder of act;` \
             with an optional `when condition` before the `;` (see docs/language.md)"
        }
    }
}
