//! Tests of the policy stage, driven by fixtures in tests/fixtures/policy/.
//!
//! Each fixture folder holds a `policy.charter` or a `policies/` folder. Its snapshot,
//! `snapshot.snap` in the same folder, shows the rendered diagnostics and a compact dump of
//! the resolved model. Adding a case means adding a folder.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use charter::policy::{PolicySet, load_policy_set, load_policy_texts};
use charter::source::SourceMap;
use charter::syntax::ast::{DeclKind, Expr, ExprKind, Root, StatementKind};

const FIXTURES: &str = "tests/fixtures/policy";

#[test]
fn fixtures() {
    let cases = crate::folders(FIXTURES);
    assert!(!cases.is_empty());
    for case in cases {
        let input = ["policies", "policy.charter"]
            .iter()
            .map(|name| case.join(name))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{} has no policy.charter or policies/", case.display()));
        let mut sources = SourceMap::new();
        let (set, diags) = load_policy_set(&[input], &mut sources);
        let mut out = charter::report::human::render(&sources, &diags, false);
        out.push_str("---- model\n");
        out.push_str(&dump(&set));
        let folder = std::fs::canonicalize(&case).expect("fixture path");
        insta::with_settings!({
            snapshot_path => folder,
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!("snapshot", out);
        });
    }
}

/// The policies of the conformance cases load without a single diagnostic.
#[test]
fn conformance_policies_load_cleanly() {
    for case in crate::conformance::cases() {
        let policies = case.join("policies");
        let mut sources = SourceMap::new();
        let (set, diags) = load_policy_set(std::slice::from_ref(&policies), &mut sources);
        let shown = charter::report::human::render(&sources, &diags, false);
        assert!(diags.is_empty(), "{}:\n{shown}", policies.display());
        assert!(!set.statements.is_empty());
    }
}

/// A million `(` is `syntax::too-deep`, quickly and without overflowing the stack.
#[test]
fn a_million_parentheses_are_too_deep_not_a_crash() {
    let n = 1_000_000;
    let closed = format!(
        "role r\nact a\narticle 1 {{\n  r may a when {}agreement.x == 1{};\n  r may a;\n}}\n",
        "(".repeat(n),
        ")".repeat(n)
    );
    let open = format!("role r\nact a\narticle 1 {{\n  r may a when {}", "(".repeat(n));
    let bare = "(".repeat(n);
    let nots = format!("role r\nact a\narticle 1 {{ r may a when {} true; }}", "not ".repeat(n));
    for text in [&closed, &open, &bare, &nots] {
        let start = Instant::now();
        let mut sources = SourceMap::new();
        let (set, diags) = load_policy_texts(&[("deep.charter", text)], &mut sources);
        assert!(start.elapsed() < Duration::from_secs(20), "took {:?}", start.elapsed());
        let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
        if text == &closed {
            assert_eq!(codes, ["syntax::too-deep"]);
            assert_eq!(set.statements.len(), 1, "the statement after it still loads");
        } else if text == &open {
            // Too deep, and then the article is never closed.
            assert_eq!(codes, ["syntax::too-deep", "syntax::policy"]);
        } else if text == &bare {
            // Not a condition at all: a file cannot start with `(`.
            assert_eq!(codes, ["syntax::policy"]);
        } else {
            assert_eq!(codes, ["syntax::too-deep"]);
        }
    }
}

/// A file that is not a policy at all stops after 100 syntax errors, and says so.
#[test]
fn syntax_errors_stop_after_a_hundred() {
    let text = format!("role r\nact a\narticle 1 {{\n{}}}\n", "  r shall a;\n".repeat(500));
    let mut sources = SourceMap::new();
    let (_, diags) = load_policy_texts(&[("many.charter", &text)], &mut sources);
    assert_eq!(diags.len(), 101);
    assert!(diags[100].message.starts_with("too many syntax errors"));
}

/// A long flat chain of `and` is not nesting: it loads, and stays shallow in the tree.
#[test]
fn long_chains_of_and_are_not_nesting() {
    let chain = vec!["agreement.x == 1"; 20_000].join(" and ");
    let text = format!("role r\nact a\narticle 1 {{ r may a when {chain}; }}");
    let mut sources = SourceMap::new();
    let (set, diags) = load_policy_texts(&[("chain.charter", &text)], &mut sources);
    assert!(diags.is_empty());
    let depth = depth(set.statements[0].condition.as_ref().expect("condition"));
    assert!(depth < 40, "depth {depth}");
}

/// CRLF line ends, a byte-order mark and tabs change nothing.
#[test]
fn crlf_bom_and_tabs_are_whitespace() {
    let text = "\u{feff}role r \"R\"\r\nact a\r\n\r\narticle 1 {\r\n\tr may a // c\r\n\t\twhen agreement.x == 1;\r\n}\r\n";
    let mut sources = SourceMap::new();
    let (set, diags) = load_policy_texts(&[("crlf.charter", text)], &mut sources);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(set.statements.len(), 1);
}

/// Malformed input of every sort gives diagnostics, never a panic.
#[test]
fn no_panic_on_truncated_input() {
    let text = std::fs::read_to_string(format!("{FIXTURES}/forms/policy.charter")).expect("forms");
    // Every fifth cut keeps the debug-build run short; the cuts still land in every token kind.
    for (end, _) in text.char_indices().step_by(5) {
        let mut sources = SourceMap::new();
        let _ = load_policy_texts(&[("cut.charter", &text[..end])], &mut sources);
    }
}

fn depth(e: &Expr) -> usize {
    1 + match &e.kind {
        ExprKind::Lit(_) | ExprKind::Path { .. } => 0,
        ExprKind::Not(x) | ExprKind::Paren(x) | ExprKind::In(x, _) => depth(x),
        ExprKind::And(l, r) | ExprKind::Or(l, r) | ExprKind::Cmp(_, l, r) => depth(l).max(depth(r)),
    }
}

/// A compact text form of the resolved model, without spans.
fn dump(set: &PolicySet) -> String {
    let mut out = String::new();
    for (i, d) in set.documents.iter().enumerate() {
        let effective = d.effective.map_or("none".to_string(), |e| e.to_string());
        let _ = writeln!(
            out,
            "document {i}: id={:?} title={:?} level={} effective={effective}",
            d.id,
            d.title,
            d.level.as_str()
        );
    }
    let mut decls: Vec<_> = set.declarations.values().collect();
    decls.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
    for d in decls {
        let kind = match d.kind {
            DeclKind::Role => "role",
            DeclKind::Act => "act",
            DeclKind::Power => "power",
            DeclKind::Benefit => "benefit",
        };
        let _ = writeln!(out, "{kind} {} {:?}", d.id, d.label);
    }
    for s in &set.statements {
        let title = s.article_title.as_deref().map_or(String::new(), |t| format!(" {t:?}"));
        let _ =
            write!(out, "[{}] article {}{title}: {}", s.document, s.article.text, kind(&s.kind));
        if let Some(c) = &s.condition {
            let _ = write!(out, " when {}", expr(c));
        }
        out.push('\n');
    }
    out
}

fn kind(k: &StatementKind) -> String {
    let list = |names: &[charter::syntax::ast::Name]| {
        names.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(", ")
    };
    match k {
        StatementKind::May { role, acts } => format!("{} may {}", role.text, list(acts)),
        StatementKind::Must { role, acts } => format!("{} must {}", role.text, list(acts)),
        StatementKind::MustNot { role, acts, alone } => {
            format!("{} must not {}{}", role.text, list(acts), if *alone { " alone" } else { "" })
        }
        StatementKind::Require { quantity, act, role } => {
            let role = role.as_ref().map_or(String::new(), |r| format!(" with role {}", r.text));
            format!("require {} holder of {}{role}", quantity.as_str(), act.text)
        }
        StatementKind::Separate { act, from } => {
            format!("separate {} from {}", act.text, list(from))
        }
        StatementKind::RequireTerms { terms, acts } => {
            format!("require terms {} for {}", list(terms), list(acts))
        }
        StatementKind::RequireAccountability { acts } => {
            format!("require accountability for {}", list(acts))
        }
        StatementKind::Compensate { role, acts, benefits } => {
            format!("compensate {} for {} with [{}]", role.text, list(acts), list(benefits))
        }
    }
}

/// Conditions as S-expressions, so that the tree's shape is visible.
fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Lit(v) => format!("{v}:{}", v.type_name()),
        ExprKind::Path { root, fields } => {
            let root = match root {
                Root::Agreement => "agreement",
                Root::Clause => "clause",
            };
            let fields: Vec<&str> = fields.iter().map(|f| f.text.as_str()).collect();
            format!("{root}.{}", fields.join("."))
        }
        ExprKind::Not(x) => format!("(not {})", expr(x)),
        ExprKind::And(l, r) => format!("(and {} {})", expr(l), expr(r)),
        ExprKind::Or(l, r) => format!("(or {} {})", expr(l), expr(r)),
        ExprKind::Cmp(op, l, r) => format!("({} {} {})", op.as_str(), expr(l), expr(r)),
        ExprKind::In(x, list) => {
            let list: Vec<String> = list.iter().map(|(v, _)| v.to_string()).collect();
            format!("(in {} [{}])", expr(x), list.join(", "))
        }
        ExprKind::Paren(x) => format!("(paren {})", expr(x)),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Any sequence of the language's tokens, valid or not, gives diagnostics that each
    /// have a label inside the text and a help line; nothing panics.
    #[test]
    fn every_diagnostic_is_placed_and_helpful(
        tokens in proptest::collection::vec(proptest::sample::select(TOKENS.to_vec()), 0..60)
    ) {
        let text = tokens.join(" ");
        let mut sources = SourceMap::new();
        let (_, diags) = load_policy_texts(&[("p.charter", &text)], &mut sources);
        for d in &diags {
            let span = d.primary_span().expect("a label");
            proptest::prop_assert!(span.end as usize <= text.len());
            proptest::prop_assert!(text.is_char_boundary(span.start as usize));
            proptest::prop_assert!(!d.help.is_empty(), "{}", d.message);
            proptest::prop_assert!(!d.message.ends_with('.'), "{}", d.message);
        }
    }
}

const TOKENS: &[&str] = &[
    "policy",
    "\"id\"",
    "{",
    "}",
    "title",
    "level",
    "law",
    "effective",
    "2024-02-30",
    "2024-02-29",
    "role",
    "act",
    "power",
    "benefit",
    "article",
    "1",
    "2.1",
    "r",
    "a",
    "b",
    "may",
    "must",
    "not",
    "alone",
    ";",
    ",",
    "require",
    "exactly",
    "at",
    "least",
    "most",
    "one",
    "holder",
    "of",
    "with",
    "separate",
    "from",
    "for",
    "accountability",
    "compensate",
    "when",
    "and",
    "or",
    "in",
    "[",
    "]",
    "(",
    ")",
    "==",
    "<=",
    "agreement.x",
    "clause.y",
    "foo.z",
    "true",
    "12_000",
    "\"s\\q\"",
    "\"open",
    "/*",
    "*/",
    "//",
    "\n",
    "中文",
    "R",
];
